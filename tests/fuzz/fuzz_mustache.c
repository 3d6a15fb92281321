/*
 * fuzz_mustache.c - the Mustache compiler and renderer on any input.
 *
 * The first byte picks one of a few data shapes.  The rest is cut at NUL
 * bytes: the first piece is the template, each other piece a partial
 * written as "<name>\n<text>".  The name "self" loads the template.
 * Rendering twice with one set must give the same result (the template
 * is named "the input", which no tag and no piece can name).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "mustache.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const shapes[] = {
	"{}",
	"{\"a\": true, \"b\": [1, 2], \"c\": {\"d\": \"x<&>'\\\"\"},"
	    " \"e\": 1.5, \"n\": null, \"s\": \"\", \"z\": 0}",
	"[1, \"two\", {\"a\": [{\"a\": false}], \"b\": 2.50}]",
	"{\"a\": {\"a\": {\"a\": [true, false]}}, \"l\": [\"x\", \"y\"]}",
	"\"just a string\"",
	NULL,
};

#define NSHAPES		(sizeof(shapes) / sizeof(shapes[0]))
#define MAX_PIECES	16

struct pieces {
	const char	*s[MAX_PIECES];
	size_t		 len[MAX_PIECES];
	size_t		 n;
};

static int
load(void *arg, const char *name, const char **src, size_t *len)
{
	const struct pieces *p = arg;
	size_t i, n = strlen(name);

	if (strchr(name, ' ') != NULL)
		return -1;
	if (strcmp(name, "self") == 0) {
		*src = p->s[0];
		*len = p->len[0];
		return 0;
	}
	for (i = 1; i < p->n; i++)
		if (p->len[i] > n && memcmp(p->s[i], name, n) == 0 &&
		    p->s[i][n] == '\n') {
			*src = p->s[i] + n + 1;
			*len = p->len[i] - n - 1;
			return 0;
		}
	return -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT, again = BUF_INIT;
	struct pieces p;
	struct mustache *m;
	struct json *v = NULL;
	const char *s, *e, *nul;
	int rc1, rc2;

	if (size == 0)
		return 0;
	d.quiet = true;
	if (shapes[data[0] % NSHAPES] != NULL &&
	    json_parse(&v, &a, "shape", shapes[data[0] % NSHAPES],
	    strlen(shapes[data[0] % NSHAPES]), &d) < 0)
		abort();
	s = (const char *)data + 1;
	e = (const char *)data + size;
	for (p.n = 0; p.n < MAX_PIECES; s = nul + 1) {
		nul = memchr(s, '\0', (size_t)(e - s));
		p.s[p.n] = s;
		p.len[p.n++] = (size_t)((nul ? nul : e) - s);
		if (nul == NULL)
			break;
	}
	buf_init(&out, 1 << 20);
	buf_init(&again, 1 << 20);
	m = mustache_new(load, &p);
	rc1 = mustache_render_src(m, "the input", p.s[0], p.len[0], v, &out,
	    &d);
	rc2 = mustache_render(m, "the input", v, &again, &d);
	if (rc1 != rc2 || out.len != again.len ||
	    memcmp(out.data, again.data, out.len) != 0)
		abort();
	mustache_free(m);
	buf_release(&out);
	buf_release(&again);
	arena_release(&a);
	return 0;
}
