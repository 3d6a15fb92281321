/*
 * jsonedit.c - edits of a JSON document's text that keep the rest of
 * it as written (jsonedit.h): values spliced in at the byte offsets the
 * parser records, in the style of the container they go into.
 */
#include <string.h>

#include "jsonedit.h"

/* Parses e->text again into e->root. */
static int
reparse(struct jsonedit *e, struct diag *d)
{
	arena_release(&e->arena);
	e->arena = (struct arena)ARENA_INIT;
	e->root = NULL;
	return json_parse(&e->root, &e->arena, e->name, e->text.data,
	    e->text.len, d);
}

int
jsonedit_open(struct jsonedit *e, const char *name, const char *text,
    size_t len, struct diag *d)
{
	memset(e, 0, sizeof(*e));
	e->text = (struct buf)BUF_INIT;
	e->arena = (struct arena)ARENA_INIT;
	e->name = name;
	e->bias = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	buf_put(&e->text, text, len);
	if (reparse(e, d) < 0) {
		jsonedit_release(e);
		return -1;
	}
	return 0;
}

void
jsonedit_release(struct jsonedit *e)
{
	buf_release(&e->text);
	arena_release(&e->arena);
	e->root = NULL;
}

/* The end of the string literal starting at s[i] ('"'). */
static size_t
string_end(const char *s, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return len;
}

/* The end of the JSON value starting at s[i]. */
static size_t
value_end(const char *s, size_t len, size_t i)
{
	int depth = 0;

	if (s[i] == '"')
		return string_end(s, len, i);
	if (s[i] != '{' && s[i] != '[') {
		while (i < len && s[i] != ',' && s[i] != ']' && s[i] != '}' &&
		    s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			i++;
		return i;
	}
	for (; i < len; i++) {
		if (s[i] == '"')
			i = string_end(s, len, i) - 1;
		else if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
	}
	return len;
}

/* Appends the blanks that begin the line holding s[o]. */
static void
line_indent(struct buf *out, const char *s, size_t o)
{
	size_t i = o;

	while (i > 0 && s[i - 1] != '\n')
		i--;
	while (i < o && (s[i] == ' ' || s[i] == '\t'))
		buf_putc(out, s[i++]);
}

/* Whether s[a..b) holds a line break. */
static bool
has_break(const char *s, size_t a, size_t b)
{
	return memchr(s + a, '\n', b - a) != NULL;
}

/*
 * Appends v: pretty, its lines after the first indented by ind, or on
 * one line.
 */
static void
put_value(struct buf *out, const struct json *v, bool pretty, const char *ind)
{
	struct buf t = BUF_INIT;
	size_t i;

	json_write(&t, v, pretty ? JSON_WRITE_PRETTY : 0);
	for (i = 0; i < t.len; i++) {
		buf_putc(out, t.data[i]);
		if (t.data[i] == '\n')
			buf_puts(out, ind);
	}
	buf_release(&t);
}

/* Replaces e->text[a..b) with ins[0..n) and parses the result. */
static int
splice(struct jsonedit *e, size_t a, size_t b, const char *ins, size_t n,
    struct diag *d)
{
	struct buf t = BUF_INIT;

	buf_put(&t, e->text.data, a);
	buf_put(&t, ins, n);
	buf_put(&t, e->text.data + b, e->text.len - b);
	buf_release(&e->text);
	e->text = t;
	return reparse(e, d);
}

/*
 * Adds a member (key not NULL) or element v after the last child of
 * the container c, in the style of its children.
 */
static int
add_child(struct jsonedit *e, const struct json *c, const char *key,
    const struct json *v, struct diag *d)
{
	const char *s = e->text.data;
	size_t len = e->text.len, cs = e->bias + c->offset, ce, at, last;
	struct buf ind = BUF_INIT, outer = BUF_INIT, ins = BUF_INIT;
	bool pretty;
	int rc;

	ce = value_end(s, len, cs) - 1;	/* the closing bracket */
	if (c->child != NULL) {
		pretty = has_break(s, cs, e->bias + c->child->offset);
		line_indent(&ind, s, e->bias + c->child->offset);
		last = e->bias + c->last->offset;
		at = value_end(s, len, last);
		buf_putc(&ins, ',');
		if (pretty) {
			buf_putc(&ins, '\n');
			buf_puts(&ins, ind.data);
		} else
			buf_putc(&ins, ' ');
	} else {
		/* Empty: one per line when the document is. */
		pretty = has_break(s, 0, len);
		line_indent(&outer, s, cs);
		buf_printf(&ind, "%s  ", outer.data);
		at = cs + 1;
		if (pretty) {
			buf_putc(&ins, '\n');
			buf_puts(&ins, ind.data);
		}
	}
	if (key != NULL) {
		json_write_str(&ins, key, strlen(key), 0);
		BUF_PUTSL(&ins, ": ");
	}
	put_value(&ins, v, pretty, ind.data);
	if (c->child == NULL && pretty) {
		buf_putc(&ins, '\n');
		buf_puts(&ins, outer.data);
	}
	rc = splice(e, at, c->child == NULL ? ce : at, ins.data, ins.len, d);
	buf_release(&ind);
	buf_release(&outer);
	buf_release(&ins);
	return rc;
}

int
jsonedit_set(struct jsonedit *e, const struct json *obj, const char *key,
    const struct json *v, struct diag *d)
{
	const struct json *m;
	struct buf ind = BUF_INIT, ins = BUF_INIT;
	size_t start, end;
	int rc;

	if (obj == NULL || obj->type != JSON_OBJECT)
		return diag_err(d, "%s: expected an object to hold \"%s\"",
		    e->name, key);
	if ((m = json_get(obj, key)) == NULL)
		return add_child(e, obj, key, v, d);
	start = e->bias + m->offset;
	end = value_end(e->text.data, e->text.len, start);
	line_indent(&ind, e->text.data, start);
	put_value(&ins, v, has_break(e->text.data, e->bias + obj->offset,
	    value_end(e->text.data, e->text.len, e->bias + obj->offset)),
	    ind.data);
	rc = splice(e, start, end, ins.data, ins.len, d);
	buf_release(&ind);
	buf_release(&ins);
	return rc;
}

int
jsonedit_append(struct jsonedit *e, const struct json *arr,
    const struct json *v, struct diag *d)
{
	if (arr == NULL || arr->type != JSON_ARRAY)
		return diag_err(d, "%s: expected an array", e->name);
	return add_child(e, arr, NULL, v, d);
}
