/*
 * render.c - page data, templates and the files of the site.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bake.h"
#include "card.h"
#include "collect.h"
#include "escape.h"
#include "okey.h"
#include "markdown.h"
#include "mustache.h"
#include "place.h"
#include "qr.h"
#include "render.h"
#include "share.h"
#include "sitepath.h"
#include "utf8.h"
#include "verify.h"

struct render {
	struct model		*m;
	const struct collections *cols;
	const struct site_conf	*conf;
	const struct theme	*th;
	struct tz		*tz;
	int64_t			 now;
	struct writer		*w;
	struct diag		*d;
	struct mustache		*mst;
	struct arena		 global;	/* catalog, site object */
	struct arena		 page;		/* one page's data, reset */
	struct json		*t;		/* the message catalog */
	struct json	       **cats;		/* each language's */
	size_t			 li;		/* language being rendered */
	const char		*lang;		/* conf->languages[li] */
	const char		*prefix;	/* "" or "en/" */
	struct json		*site;
	struct buf		 out;		/* the page being rendered */
	struct buf		 tmp;
	struct render_stats	 st;
	struct progress		*prog;		/* NULL: none */
	struct ticker		*tk;		/* pages rendered, shared */
	const char	       **prefixes;	/* each language's prefix */
	/*
	 * Output keys (write.h), when the build has a base key: g covers
	 * badgegen itself, site.conf and the theme; s, g and every
	 * document but the awards; a, s and every public award.
	 */
	bool			 keyed;
	struct okey		 g, s, a;
	struct award_key	*akeys;		/* by award, sorted */
	size_t			 nakeys;
	const char		*day;		/* now's date: "2026-12-07" */
};

/* The count of pages rendered, shared by the threads. */
struct ticker {
	pthread_mutex_t		 mu;
	size_t			 done;
	struct progress		*prog;		/* NULL: none */
};

/* An award's key: its document, s and what verification found. */
struct award_key {
	const struct award	*aw;
	struct okey		 key;
};

/* A JSON object that shares the members of v: never add to it. */
static struct json *
alias(struct arena *a, const struct json *v)
{
	struct json *o = json_new(a, v->type);

	o->child = v->child;
	o->last = v->last;
	o->len = v->len;
	return o;
}

/* Loads the catalog of lang: i18n/<lang>.json of the theme, into *out. */
static int
load_catalog(struct render *r, const char *lang, struct json **out)
{
	return theme_catalog(out, r->th, lang, &r->global, r->d);
}

static const char *
label(const struct render *r, const char *key)
{
	const char *s = json_get_str(r->t, key);

	return s != NULL ? s : key;
}

static void
add_html(struct render *r, struct json *o, const char *key, const char *md,
    bool markdown)
{
	buf_reset(&r->tmp);
	if (markdown)
		md_to_html(&r->tmp, md);
	else
		text_to_html(&r->tmp, md);
	json_add(&r->page, o, key, json_new_strn(&r->page, r->tmp.data,
	    r->tmp.len));
}

static struct json *
add_date(struct render *r, struct json *o, const char *key, int64_t t)
{
	struct json *dt = json_add_obj(&r->page, o, key);

	buf_reset(&r->tmp);
	date_format(&r->tmp, t, r->tz, r->lang, DATE_ISO_LOCAL);
	json_add_str(&r->page, dt, "iso", r->tmp.data);
	buf_reset(&r->tmp);
	date_format(&r->tmp, t, r->tz, r->lang, DATE_LONG);
	json_add_str(&r->page, dt, "display", r->tmp.data);
	return dt;
}

/*
 * Adds s, or false when there is none: every key of the contract is
 * present, so that Mustache never finds it in an enclosing context.
 */
static void
add_opt(struct render *r, struct json *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		json_add_str(&r->page, o, key, s);
	else
		json_add_bool(&r->page, o, key, false);
}

static const char *upath(struct render *, const char *);

static void
add_image(struct render *r, struct json *o, const struct image *img,
    const char *name, const char *alt_key)
{
	struct json *im;

	if (img->path == NULL || model_at_path(r->m, img->path) == NULL) {
		json_add_bool(&r->page, o, "image", false);
		return;
	}
	im = json_add_obj(&r->page, o, "image");
	json_add_str(&r->page, im, "path", upath(r, img->path));
	if (img->caption != NULL)
		json_add_str(&r->page, im, "alt", img->caption);
	else
		json_add_str(&r->page, im, "alt", arena_printf(&r->page,
		    "%s%s", name, label(r, alt_key)));
}

/* The path of a page in the language being rendered: "en/badges/x/". */
static const char *
lpath(struct render *r, const char *path)
{
	if (*r->prefix == '\0')
		return path;
	return arena_printf(&r->page, "%s%s", r->prefix, path);
}

/* What f (a function of sitepath.h) appends for s, in the page's arena. */
static const char *
page_str(struct render *r, void (*f)(struct buf *, const char *),
    const char *s)
{
	struct buf b = BUF_INIT;
	const char *v;

	f(&b, s);
	v = arena_strndup(&r->page, b.data, b.len);
	buf_release(&b);
	return v;
}

/*
 * The URL path of a site path (sitepath.h), as links write it:
 * "badges/%E3%81%82/" for the folder badges/あ/.
 */
static const char *
upath(struct render *r, const char *path)
{
	if (path == NULL)
		return NULL;
	return page_str(r, sitepath_to_url, path);
}

/* An IRI of a document as a URI (sitepath.h), for a page. */
static const char *
uri_of(struct render *r, const char *iri)
{
	return page_str(r, uri_from_iri, iri);
}

/* The URL path of a page in the language being rendered. */
static const char *
lhref(struct render *r, const char *path)
{
	return upath(r, lpath(r, path));
}

/* The absolute URL of a site path, for the page being rendered. */
static const char *
url_of(struct render *r, const char *path)
{
	return arena_printf(&r->page, "%s%s", r->m->base_url,
	    page_str(r, sitepath_to_url, path));
}

/* The absolute URL of a page in the language being rendered. */
static const char *
lurl(struct render *r, const char *path)
{
	return url_of(r, lpath(r, path));
}

/* The file of the page at path ("x/" or "x.html"): "x/index.html". */
static const char *
page_file(struct render *r, const char *path)
{
	return page_str(r, sitepath_page_file, path);
}

static struct json *
data_issuer(struct render *r, const struct issuer *is, bool badges);

/*
 * A badge's skills and tags together, skills first: the chips of its
 * cards, the filters of collections.  Each name is there once (model.h).
 */
static size_t
nkeywords(const struct achievement *a)
{
	return a->nskills + a->ntags;
}

static const char *
keyword(const struct achievement *a, size_t k)
{
	return k < a->nskills ? a->skills[k].name : a->tags[k - a->nskills];
}

/*
 * The endorsements of an award, badge or issuer: who endorses it (the
 * endorser's name and web site), what they say (Markdown), when, and
 * what verification found (the state of verification.signature).
 */
static void
add_endorsements(struct render *r, struct json *o, struct award *const *v,
    size_t n)
{
	const struct verify_report *rep;
	struct json *arr, *e, *x;
	const char *state;
	size_t i, shown = 0;

	arr = json_add_arr(&r->page, o, "endorsements");
	for (i = 0; i < n; i++) {
		if (v[i]->left_out)
			continue;	/* its place was taken (place.c) */
		rep = v[i]->report;
		e = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		x = json_add_obj(&r->page, e, "endorser");
		json_add_str(&r->page, x, "name", v[i]->issuer->name);
		add_opt(r, x, "website", v[i]->issuer->website);
		if (v[i]->comment != NULL)
			add_html(r, e, "comment_html", v[i]->comment, true);
		else
			json_add_bool(&r->page, e, "comment_html", false);
		add_date(r, e, "issued", v[i]->issued);
		if (rep == NULL || rep->nchecks == 0)
			state = "unchecked";
		else if (rep->revoked)
			state = "revoked";
		else if (!rep->authentic)
			state = "failed";
		else if (rep->expired)
			state = "expired";
		else
			state = v[i]->form == FORM_OB2_HOSTED ? "hosted" :
			    "verified";
		x = json_add_obj(&r->page, e, "signature");
		json_add_str(&r->page, x, "state", state);
		json_add_str(&r->page, x, "label", label(r, arena_printf(
		    &r->page, "sig_%s", state)));
		add_opt(r, e, "json_path", upath(r, v[i]->json_path));
		add_opt(r, e, "jws_path", upath(r, v[i]->jws_path));
		shown++;
	}
	json_add_bool(&r->page, o, "has_endorsements", shown > 0);
}

/* Text cut to at most max bytes at a character, with "…" when cut. */
static const char *
shorten(struct render *r, const char *text, size_t max)
{
	size_t k;

	if (strlen(text) <= max)
		return text;
	k = utf8_floor(text, max);
	return arena_printf(&r->page, "%.*s…", (int)k, text);
}

/*
 * The badge's criteria for a certificate: the criteria narrative as one
 * line of plain text, at most 300 bytes; NULL when there is none.
 */
static const char *
criteria_summary(struct render *r, const struct achievement *a)
{
	if (a->criteria_md == NULL)
		return NULL;
	buf_reset(&r->tmp);
	md_to_text(&r->tmp, a->criteria_md);
	if (r->tmp.len == 0)
		return NULL;
	return shorten(r, arena_strndup(&r->page, r->tmp.data, r->tmp.len),
	    300);
}

/*
 * Skills (alignments) as templates show them: skills, each with name,
 * url, framework and code, and has_skills.
 */
static void
add_skills(struct render *r, struct json *o, const struct skill *sk,
    size_t n)
{
	struct json *arr = json_add_arr(&r->page, o, "skills"), *s;
	size_t i;

	for (i = 0; i < n; i++) {
		s = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, s, "name", sk[i].name);
		add_opt(r, s, "url", sk[i].url);
		add_opt(r, s, "framework", sk[i].framework);
		add_opt(r, s, "code", sk[i].code);
	}
	json_add_bool(&r->page, o, "has_skills", n > 0);
}

/*
 * The words for a value of an Open Badges 3.0 enumeration (achievement
 * type, result type, result status): the catalog's "<prefix><value>"
 * (the value in lower case), else the value itself without an "ext:"
 * prefix.
 */
static const char *
enum_label(struct render *r, const char *prefix, const char *value)
{
	char *key, *p;
	const char *s;

	if (value == NULL)
		return NULL;
	key = arena_printf(&r->page, "%s%s", prefix, value);
	for (p = key; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	s = json_get_str(r->t, key);
	if (s != NULL)
		return s;
	return strncmp(value, "ext:", 4) == 0 && value[4] != '\0' ?
	    value + 4 : value;
}

/*
 * The Open Badges 3.0 facts of an achievement: achievement_type_label,
 * credits_available, field_of_study, human_code, specialization, and
 * has_facts when any is there.
 */
static void
add_achievement_facts(struct render *r, struct json *o,
    const struct achievement *a)
{
	add_opt(r, o, "achievement_type_label", enum_label(r, "achtype_",
	    a->achievement_type));
	add_opt(r, o, "credits_available", a->credits_available);
	add_opt(r, o, "field_of_study", a->field_of_study);
	add_opt(r, o, "human_code", a->human_code);
	add_opt(r, o, "specialization", a->specialization);
	json_add_bool(&r->page, o, "has_facts", a->achievement_type != NULL ||
	    a->credits_available != NULL || a->field_of_study != NULL ||
	    a->human_code != NULL || a->specialization != NULL);
}

/* The rubric level of rd with this id, or NULL. */
static const struct result_level *
level_of(const struct result_desc *rd, const char *id)
{
	size_t i;

	for (i = 0; rd != NULL && id != NULL && i < rd->nlevels; i++)
		if (rd->levels[i].id != NULL &&
		    strcmp(rd->levels[i].id, id) == 0)
			return &rd->levels[i];
	return NULL;
}

/* The result description of a with this id, or NULL. */
static const struct result_desc *
result_desc_of(const struct achievement *a, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < a->nresults; i++)
		if (a->results[i].id != NULL &&
		    strcmp(a->results[i].id, id) == 0)
			return &a->results[i];
	return NULL;
}

/*
 * The name of a result description: its name, else the words for its
 * result type, else the catalog's "result".
 */
static const char *
result_desc_name(struct render *r, const struct result_desc *rd)
{
	if (rd != NULL && rd->name != NULL)
		return rd->name;
	if (rd != NULL && rd->result_type != NULL)
		return enum_label(r, "resulttype_", rd->result_type);
	return label(r, "result");
}

/*
 * The result descriptions of an achievement (what its results measure
 * and must reach): result_descriptions, each with name, type_label,
 * value_min, value_max, required_value, required_level (the level's
 * name), allowed_values, levels (name, description, level, points,
 * required) and skills, has_conditions when any of the range, values
 * or requirements is there; has_result_descriptions.
 */
static void
add_result_descs(struct render *r, struct json *o,
    const struct achievement *a)
{
	const struct result_level *req;
	struct json *arr, *e, *vals, *lv, *x;
	size_t i, k;

	arr = json_add_arr(&r->page, o, "result_descriptions");
	for (i = 0; i < a->nresults; i++) {
		const struct result_desc *rd = &a->results[i];

		e = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, e, "name", result_desc_name(r, rd));
		add_opt(r, e, "type_label", rd->name != NULL ?
		    enum_label(r, "resulttype_", rd->result_type) : NULL);
		add_opt(r, e, "value_min", rd->value_min);
		add_opt(r, e, "value_max", rd->value_max);
		json_add_bool(&r->page, e, "has_range", rd->value_min != NULL ||
		    rd->value_max != NULL);
		add_opt(r, e, "required_value", rd->required_value);
		req = level_of(rd, rd->required_level);
		add_opt(r, e, "required_level", req != NULL ? (req->name !=
		    NULL ? req->name : req->level) : rd->required_level);
		vals = json_add_arr(&r->page, e, "allowed_values");
		for (k = 0; k < rd->nallowed; k++)
			json_add(&r->page, vals, NULL, json_new_str(&r->page,
			    rd->allowed[k]));
		json_add_bool(&r->page, e, "has_allowed_values",
		    rd->nallowed > 0);
		lv = json_add_arr(&r->page, e, "levels");
		for (k = 0; k < rd->nlevels; k++) {
			x = json_add(&r->page, lv, NULL, json_new(&r->page,
			    JSON_OBJECT));
			add_opt(r, x, "name", rd->levels[k].name);
			add_opt(r, x, "description",
			    rd->levels[k].description);
			add_opt(r, x, "level", rd->levels[k].level);
			add_opt(r, x, "points", rd->levels[k].points);
			json_add_bool(&r->page, x, "required",
			    req == &rd->levels[k]);
		}
		json_add_bool(&r->page, e, "has_levels", rd->nlevels > 0);
		json_add_bool(&r->page, e, "has_conditions", rd->value_min !=
		    NULL || rd->value_max != NULL || rd->nallowed > 0 ||
		    rd->required_value != NULL || rd->required_level != NULL);
		add_skills(r, e, rd->skills, rd->nskills);
	}
	json_add_bool(&r->page, o, "has_result_descriptions",
	    a->nresults > 0);
}

/*
 * The results of an award, named by its badge's result descriptions:
 * results, each with name, value, value_max, level (name, description,
 * level, points), status and status_label, skills; credits_earned;
 * has_results when there are results or credits earned.
 */
static void
add_results(struct render *r, struct json *o, const struct award *aw)
{
	const struct result_desc *rd;
	const struct result_level *lv;
	struct json *arr, *e, *x;
	size_t i;

	arr = json_add_arr(&r->page, o, "results");
	for (i = 0; i < aw->nresults; i++) {
		const struct result *res = &aw->results[i];

		rd = result_desc_of(aw->badge, res->description);
		e = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, e, "name", result_desc_name(r, rd));
		add_opt(r, e, "value", res->value);
		add_opt(r, e, "value_max", res->value != NULL && rd != NULL ?
		    rd->value_max : NULL);
		lv = level_of(rd, res->achieved_level);
		if (lv != NULL) {
			x = json_add_obj(&r->page, e, "level");
			json_add_str(&r->page, x, "name", lv->name != NULL ?
			    lv->name : lv->level != NULL ? lv->level :
			    res->achieved_level);
			add_opt(r, x, "description", lv->description);
			add_opt(r, x, "points", lv->points);
		} else if (res->achieved_level != NULL) {
			x = json_add_obj(&r->page, e, "level");
			json_add_str(&r->page, x, "name",
			    res->achieved_level);
			json_add_bool(&r->page, x, "description", false);
			json_add_bool(&r->page, x, "points", false);
		} else
			json_add_bool(&r->page, e, "level", false);
		add_opt(r, e, "status", res->status);
		add_opt(r, e, "status_label", enum_label(r, "resultstatus_",
		    res->status));
		add_skills(r, e, res->skills, res->nskills);
	}
	json_add_bool(&r->page, o, "has_results", aw->nresults > 0 ||
	    aw->credits_earned != NULL);
	add_opt(r, o, "credits_earned", aw->credits_earned);
}

static struct json *
data_badge(struct render *r, const struct achievement *a, bool awards,
    bool issuer, bool count)
{
	struct json *o = json_new(&r->page, JSON_OBJECT), *arr, *x;
	size_t i;

	json_add_str(&r->page, o, "name", a->name);
	json_add_str(&r->page, o, "path", lhref(r, a->path));
	json_add_str(&r->page, o, "url", lurl(r, a->path));
	add_html(r, o, "description_html", a->description, true);
	if (a->criteria_md != NULL)
		add_html(r, o, "criteria_html", a->criteria_md, true);
	else
		json_add_bool(&r->page, o, "criteria_html", false);
	add_opt(r, o, "criteria_url", a->criteria_url);
	add_image(r, o, &a->image, a->name, "image_alt_badge");
	add_skills(r, o, a->skills, a->nskills);
	arr = json_add_arr(&r->page, o, "tags");
	for (i = 0; i < a->ntags; i++)
		json_add(&r->page, arr, NULL, json_new_str(&r->page,
		    a->tags[i]));
	json_add_bool(&r->page, o, "has_tags", a->ntags > 0);
	json_add_bool(&r->page, o, "has_keywords", nkeywords(a) > 0);
	add_opt(r, o, "achievement_type", a->achievement_type);
	add_achievement_facts(r, o, a);
	add_result_descs(r, o, a);
	if (issuer && a->issuer != NULL)
		json_add(&r->page, o, "issuer", data_issuer(r, a->issuer,
		    false));
	/*
	 * Only where the page lists the site or the badge's awards: an
	 * award or collection page is not made again when another award
	 * of the badge comes or goes (its key does not cover them).
	 */
	if (count)
		json_add_num(&r->page, o, "award_count", (double)a->nawards);
	else
		json_add_bool(&r->page, o, "award_count", false);
	if (awards) {
		arr = json_add_arr(&r->page, o, "awards");
		for (i = 0; i < a->nawards; i++) {
			x = json_add(&r->page, arr, NULL, json_new(&r->page,
			    JSON_OBJECT));
			json_add_str(&r->page, x, "path", lhref(r,
			    a->awards[i]->path));
			add_opt(r, x, "recipient_name",
			    a->awards[i]->recipient_name);
			add_date(r, x, "issued", a->awards[i]->issued);
		}
		json_add_bool(&r->page, o, "has_awards", a->nawards > 0);
		add_endorsements(r, o, a->endorsements, a->nendorsements);
	}
	return o;
}

static struct json *
data_issuer(struct render *r, const struct issuer *is, bool badges)
{
	struct json *o = json_new(&r->page, JSON_OBJECT), *arr;
	size_t i;

	json_add_str(&r->page, o, "name", is->name);
	json_add_str(&r->page, o, "path", lhref(r, is->path));
	json_add_str(&r->page, o, "url", lurl(r, is->path));
	add_opt(r, o, "website", is->website);
	add_opt(r, o, "email", is->email);
	if (is->description != NULL)
		add_html(r, o, "description_html", is->description, true);
	else
		json_add_bool(&r->page, o, "description_html", false);
	add_image(r, o, &is->image, is->name, "image_alt_logo");
	if (badges) {
		arr = json_add_arr(&r->page, o, "badges");
		for (i = 0; i < is->nbadges; i++)
			json_add(&r->page, arr, NULL, data_badge(r,
			    is->badges[i], false, true, true));
		json_add_num(&r->page, o, "badge_count", (double)is->nbadges);
		json_add_bool(&r->page, o, "has_badges", is->nbadges > 0);
		add_endorsements(r, o, is->endorsements, is->nendorsements);
	}
	return o;
}

static const char *const form_names[] = {
	[FORM_OB2_HOSTED] = "format_ob2_hosted",
	[FORM_OB2_SIGNED] = "format_ob2_signed",
	[FORM_OB3_JSON] = "format_ob3_json",
	[FORM_OB3_JWT] = "format_ob3_jwt",
};

static int	 put_file(struct render *, const char *, const char *, size_t,
		    const struct okey *);
static int	 reuse(struct render *, const char *, const struct okey *,
		    bool);

/* Adds a document's bytes to a key: its blob id, else the bytes. */
static void
key_doc(struct okey_state *k, const struct doc *doc)
{
	okey_str(k, doc->file);
	okey_str(k, doc->id);
	if (doc->oid != NULL)
		okey_str(k, doc->oid);
	else
		okey_add(k, doc->raw, doc->rawlen);
	okey_str(k, doc->publish);
}

/*
 * The message a diag captured, without its "error: " and newline, to be
 * reported again in other words: its text and, in *np, its length.
 */
static const char *
captured(const struct buf *msg, size_t *np)
{
	const char *m = msg->data != NULL ? msg->data : "";
	size_t n = msg->len;

	if (n >= 7 && strncmp(m, "error: ", 7) == 0) {
		m += 7;
		n -= 7;
	}
	while (n > 0 && m[n - 1] == '\n')
		n--;
	*np = n;
	return m;
}

/*
 * The baked badge of an award: its badge image (PNG or SVG of the
 * repository) with the award baked in, published beside the award's
 * page as "awards/2026/x.png".  Returns that site path, or NULL when the
 * badge has no image to bake into; *imgp is set to the image.
 */
static const char *
baked_file(struct render *r, const struct award *aw, const struct doc **imgp)
{
	const struct doc *img;

	if (aw->badge->image.path == NULL ||
	    (img = model_at_path(r->m, aw->badge->image.path)) == NULL ||
	    img->kind != DOC_FILE)
		return NULL;
	*imgp = img;
	if (bake_is_png(img->raw, img->rawlen))
		return arena_printf(&r->page, "%.*s.png",
		    (int)sitepath_stem_len(aw->path), aw->path);
	if (bake_is_svg(img->raw, img->rawlen))
		return arena_printf(&r->page, "%.*s.svg",
		    (int)sitepath_stem_len(aw->path), aw->path);
	return NULL;
}

/* The baked badge of an award, if it was made: its site path, or NULL. */
static const char *
baked_path(struct render *r, const struct award *aw)
{
	const struct doc *img;
	const char *path = baked_file(r, aw, &img);

	return path != NULL && writer_has(r->w, path) ? path : NULL;
}

/* Makes (or keeps) the baked badge of an award. */
static int
publish_baked(struct render *r, const struct award *aw)
{
	struct okey_state ks;
	struct okey key;
	struct diag bd = DIAG_INIT;
	struct buf msg = BUF_INIT;
	const struct doc *img = NULL;
	const char *path, *text, *m;
	size_t textlen, n;
	bool ob3;
	int k;

	if ((path = baked_file(r, aw, &img)) == NULL)
		return 0;
	okey_init(&ks, "baked");
	okey_key(&ks, &r->s);
	key_doc(&ks, aw->doc);
	okey_str(&ks, path);
	okey_final(&ks, &key);
	if ((k = reuse(r, path, &key, false)) != 0)
		return k < 0 ? -1 : 0;
	text = aw->doc->raw;
	textlen = aw->doc->rawlen;
	while (textlen > 0 && strchr(" \t\r\n", text[textlen - 1]) != NULL)
		textlen--;
	ob3 = aw->form == FORM_OB3_JSON || aw->form == FORM_OB3_JWT;
	buf_reset(&r->tmp);
	bd.quiet = true;
	bd.capture = &msg;
	/*
	 * A badge that cannot be baked is reported, naming the award; its
	 * page goes without.
	 */
	if (bake(&r->tmp, img->raw, img->rawlen, text, textlen, ob3,
	    img->file, &bd) < 0) {
		m = captured(&msg, &n);
		diag_err(r->d, "%s: no baked badge: %.*s", aw->file, (int)n, m);
		buf_release(&msg);
		return 0;
	}
	buf_release(&msg);
	return put_file(r, path, r->tmp.data, r->tmp.len, &key);
}

/*
 * The share card of a badge (card.h), published beside the badge's page
 * as "badges/ai-basics.card.png" and shared by its awards.  Only a PNG
 * badge image makes a card: an SVG cannot be rasterised here, and its
 * pages go without og:image.  Returns the card's site path, or NULL.
 */
static const char *
card_file(struct render *r, const struct achievement *a,
    const struct doc **imgp)
{
	const struct doc *img;

	if (a->image.path == NULL ||
	    (img = model_at_path(r->m, a->image.path)) == NULL ||
	    img->kind != DOC_FILE || !bake_is_png(img->raw, img->rawlen))
		return NULL;
	*imgp = img;
	return arena_printf(&r->page, "%.*s.card.png",
	    (int)sitepath_stem_len(a->path), a->path);
}

/* The share card of an award's badge, if it was made, or NULL. */
static const char *
card_path(struct render *r, const struct award *aw)
{
	const struct doc *img;
	const char *path = card_file(r, aw->badge, &img);

	return path != NULL && writer_has(r->w, path) ? path : NULL;
}

/* Makes (or keeps) the share card of a badge. */
static int
publish_card(struct render *r, const struct achievement *a)
{
	const struct doc *img = NULL;
	struct diag cd = DIAG_INIT;
	struct buf msg = BUF_INIT;
	struct okey_state ks;
	struct okey key;
	const char *path, *m;
	size_t n;
	int rc = 0, k;

	if ((path = card_file(r, a, &img)) == NULL)
		return 0;
	okey_init(&ks, "card");
	okey_key(&ks, &r->s);
	okey_str(&ks, path);
	okey_final(&ks, &key);
	if ((k = reuse(r, path, &key, false)) != 0)
		return k < 0 ? -1 : 0;
	cd.quiet = true;
	cd.capture = &msg;
	buf_reset(&r->tmp);
	if (card_render(&r->tmp, img->raw, img->rawlen, &cd) < 0) {
		/* Reported again naming the file: "error: badge image: ...\n". */
		m = captured(&msg, &n);
		diag_err(r->d, "%s: no share card: %.*s",
		    img->file != NULL ? img->file : a->image.path,
		    (int)n, m);
		goto out;
	}
	rc = put_file(r, path, r->tmp.data, r->tmp.len, &key);
out:
	buf_release(&msg);
	return rc;
}

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* The year and month of t in the site's zone: "2026年4月", "April 2026". */
static const char *
year_month(struct render *r, int64_t t)
{
	struct civil c;

	date_civil(&c, t, r->tz);
	if (strncmp(r->conf->lang, "ja", 2) == 0)
		return arena_printf(&r->page, "%d年%d月", c.year, c.month);
	return arena_printf(&r->page, "%s %d", month_names[c.month - 1],
	    c.year);
}

/*
 * The embed snippet: a link to the page around the badge image (by
 * absolute URL), or around the badge's name when it has no image.  HTML
 * as text: the template escapes it again to show it in a <textarea>.
 */
static const char *
embed_snippet(struct render *r, const struct award *aw, const char *url)
{
	const struct achievement *a = aw->badge;
	struct buf b = BUF_INIT;
	const char *s, *alt;

	BUF_PUTSL(&b, "<a href=\"");
	esc_html(&b, url, strlen(url));
	BUF_PUTSL(&b, "\">");
	if (a->image.path != NULL && model_at_path(r->m, a->image.path) !=
	    NULL) {
		s = url_of(r, a->image.path);
		alt = a->image.caption != NULL ? a->image.caption :
		    arena_printf(&r->page, "%s%s", a->name,
		    label(r, "image_alt_badge"));
		BUF_PUTSL(&b, "<img src=\"");
		esc_html(&b, s, strlen(s));
		BUF_PUTSL(&b, "\" alt=\"");
		esc_html(&b, alt, strlen(alt));
		BUF_PUTSL(&b, "\" width=\"160\">");
	} else
		esc_html(&b, a->name, strlen(a->name));
	BUF_PUTSL(&b, "</a>");
	s = arena_strndup(&r->page, b.data, b.len);
	buf_release(&b);
	return s;
}

/*
 * Share links: Facebook, X, the LinkedIn feed and LinkedIn's "add to
 * profile" form, whose issue and expiry months count from 1 in the
 * site's time zone; the same values to copy by hand, and the embed
 * snippet.
 */
static void
add_share(struct render *r, struct json *o, const struct award *aw)
{
	struct json *sh = json_add_obj(&r->page, o, "share");
	const char *url = url_of(r, aw->path);
	struct share_award sa;
	struct share_links sl;

	sa.url = url;
	sa.name = aw->badge->name;
	sa.organization = aw->issuer->name;
	sa.cert_id = aw->id;
	sa.issued = aw->issued;
	sa.has_expires = aw->has_expires;
	sa.expires = aw->expires;
	share_links(&sl, &r->page, &sa, r->tz);
	json_add_str(&r->page, sh, "facebook", sl.facebook);
	json_add_str(&r->page, sh, "x", sl.x);
	json_add_str(&r->page, sh, "linkedin", sl.linkedin);
	json_add_str(&r->page, sh, "linkedin_profile", sl.linkedin_profile);
	json_add_str(&r->page, sh, "name", aw->badge->name);
	json_add_str(&r->page, sh, "organization", aw->issuer->name);
	json_add_str(&r->page, sh, "issued_month", year_month(r, aw->issued));
	add_opt(r, sh, "expires_month", aw->has_expires ?
	    year_month(r, aw->expires) : NULL);
	json_add_str(&r->page, sh, "credential_id", aw->id);
	json_add_str(&r->page, sh, "credential_url", url);
	json_add_str(&r->page, sh, "embed", embed_snippet(r, aw, url));
}

/* schema.org JSON-LD of an award, escaped for a <script> element. */
static const char *
award_jsonld(struct render *r, const struct award *aw)
{
	struct json *o = json_new(&r->page, JSON_OBJECT), *org, *arr, *x;
	size_t i;

	json_add_str(&r->page, o, "@context", "https://schema.org");
	json_add_str(&r->page, o, "@type", "EducationalOccupationalCredential");
	json_add_str(&r->page, o, "name", aw->badge->name);
	json_add_str(&r->page, o, "description", aw->badge->description);
	json_add_str(&r->page, o, "url", url_of(r, aw->path));
	if (aw->badge->human_code != NULL) {
		arr = json_add_arr(&r->page, o, "identifier");
		json_add(&r->page, arr, NULL, json_new_str(&r->page,
		    uri_of(r, aw->id)));
		x = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, x, "@type", "PropertyValue");
		json_add_str(&r->page, x, "propertyID", "humanCode");
		json_add_str(&r->page, x, "value", aw->badge->human_code);
	} else
		json_add_str(&r->page, o, "identifier", uri_of(r, aw->id));
	if (aw->badge->achievement_type != NULL) {
		x = json_add_obj(&r->page, o, "credentialCategory");
		json_add_str(&r->page, x, "@type", "DefinedTerm");
		json_add_str(&r->page, x, "name", enum_label(r, "achtype_",
		    aw->badge->achievement_type));
		json_add_str(&r->page, x, "termCode",
		    aw->badge->achievement_type);
	} else
		json_add_str(&r->page, o, "credentialCategory", "badge");
	if (aw->badge->field_of_study != NULL) {
		x = json_add_obj(&r->page, o, "about");
		json_add_str(&r->page, x, "@type", "Thing");
		json_add_str(&r->page, x, "name", aw->badge->field_of_study);
	}
	buf_reset(&r->tmp);
	date_format(&r->tmp, aw->issued, r->tz, "en", DATE_ISO_LOCAL);
	json_add_str(&r->page, o, "dateCreated", r->tmp.data);
	if (aw->has_expires) {
		buf_reset(&r->tmp);
		date_format(&r->tmp, aw->expires, r->tz, "en", DATE_ISO_LOCAL);
		json_add_str(&r->page, o, "expires", r->tmp.data);
	}
	if (aw->badge->image.path != NULL)
		json_add_str(&r->page, o, "image",
		    url_of(r, aw->badge->image.path));
	org = json_add_obj(&r->page, o, "recognizedBy");
	json_add_str(&r->page, org, "@type", "Organization");
	json_add_str(&r->page, org, "name", aw->issuer->name);
	json_add_str(&r->page, org, "url", aw->issuer->website ?
	    aw->issuer->website : url_of(r, aw->issuer->path));
	if (nkeywords(aw->badge) > 0) {
		arr = json_add_arr(&r->page, o, "competencyRequired");
		for (i = 0; i < nkeywords(aw->badge); i++)
			json_add(&r->page, arr, NULL, json_new_str(&r->page,
			    keyword(aw->badge, i)));
	}
	buf_reset(&r->tmp);
	json_write(&r->tmp, o, JSON_WRITE_SCRIPT);
	return arena_strndup(&r->page, r->tmp.data, r->tmp.len);
}

/*
 * A check's message in the page's language, with its instants in the
 * site's time zone: message (text) and message_html (with <time>).
 */
static void
add_message(struct render *r, struct json *o, const char *msg)
{
	if (msg == NULL || *msg == '\0') {
		json_add_bool(&r->page, o, "message", false);
		json_add_bool(&r->page, o, "message_html", false);
		return;
	}
	buf_reset(&r->tmp);
	vmsg_local_dates(&r->tmp, msg, r->tz, r->lang, false);
	json_add(&r->page, o, "message", json_new_strn(&r->page, r->tmp.data,
	    r->tmp.len));
	buf_reset(&r->tmp);
	vmsg_local_dates(&r->tmp, msg, r->tz, r->lang, true);
	json_add(&r->page, o, "message_html", json_new_strn(&r->page,
	    r->tmp.data, r->tmp.len));
}

/*
 * What the verify stage found: the state and label of the signature,
 * the checks, the date, revocation; unless revoked, the share parts:
 * share links, the share card and the QR code.
 */
static void
add_verification(struct render *r, struct json *o, const struct award *aw)
{
	const struct verify_report *rep = aw->report;
	const char *state, *lab;
	struct json *x, *arr, *c;
	size_t i;

	if (rep == NULL)
		state = "unchecked";
	else if (rep->revoked)
		state = "revoked";
	else if (!rep->authentic)
		state = "failed";
	else
		state = aw->form == FORM_OB2_HOSTED ? "hosted" : "verified";
	lab = label(r, arena_printf(&r->page, "sig_%s", state));
	if (rep != NULL && rep->authentic && rep->method != NULL &&
	    aw->form != FORM_OB2_HOSTED)
		lab = arena_printf(&r->page, "%s (%s)", lab, rep->method);
	x = json_add_obj(&r->page, o, "signature");
	json_add_str(&r->page, x, "state", state);
	json_add_str(&r->page, x, "label", lab);
	arr = json_add_arr(&r->page, o, "checks");
	for (i = 0; rep != NULL && i < rep->nchecks; i++) {
		const char *res = check_result_name(rep->checks[i].result);

		c = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, c, "name", label(r, arena_printf(
		    &r->page, "checkname_%s", rep->checks[i].name)));
		json_add_str(&r->page, c, "result", res);
		json_add_str(&r->page, c, "result_label", label(r,
		    arena_printf(&r->page, "check_%s", res)));
		add_message(r, c, date_lang_is_ja(r->lang) ?
		    rep->checks[i].message_ja : rep->checks[i].message);
	}
	json_add_bool(&r->page, o, "has_checks", rep != NULL &&
	    rep->nchecks > 0);
	if (rep != NULL && rep->revoked) {
		x = json_add_obj(&r->page, o, "revoked");
		add_opt(r, x, "reason", rep->revocation_reason);
	} else
		json_add_bool(&r->page, o, "revoked", false);
	if (rep != NULL) {
		/* The day, not the instant: a page changes once a day. */
		x = json_add_obj(&r->page, o, "verified_on");
		json_add_str(&r->page, x, "iso", r->day);
		buf_reset(&r->tmp);
		date_format(&r->tmp, r->now, r->tz, r->lang, DATE_LONG);
		json_add_str(&r->page, x, "display", r->tmp.data);
	} else
		json_add_bool(&r->page, o, "verified_on", false);
	if (rep != NULL && rep->revoked) {
		json_add_bool(&r->page, o, "share", false);
		json_add_bool(&r->page, o, "card_path", false);
		json_add_bool(&r->page, o, "qr_svg_html", false);
		return;
	}
	add_share(r, o, aw);
	add_opt(r, o, "card_path", upath(r, card_path(r, aw)));
	buf_reset(&r->tmp);
	qr_svg(&r->tmp, url_of(r, aw->path), label(r, "qr_label"));
	if (r->tmp.len > 0)
		json_add(&r->page, o, "qr_svg_html", json_new_strn(&r->page,
		    r->tmp.data, r->tmp.len));
	else
		json_add_bool(&r->page, o, "qr_svg_html", false);
}

static struct json *
data_award(struct render *r, const struct award *aw)
{
	struct json *o = json_new(&r->page, JSON_OBJECT), *x, *arr, *e;
	size_t i;

	json_add_str(&r->page, o, "id", aw->id);
	json_add_str(&r->page, o, "url", lurl(r, aw->path));
	json_add_str(&r->page, o, "path", lhref(r, aw->path));
	add_opt(r, o, "json_path", upath(r, aw->json_path));
	add_opt(r, o, "jws_path", upath(r, aw->jws_path));
	add_opt(r, o, "baked_path", upath(r, baked_path(r, aw)));
	json_add_str(&r->page, o, "version", aw->form == FORM_OB2_HOSTED ||
	    aw->form == FORM_OB2_SIGNED ? "2.0" : "3.0");
	json_add_str(&r->page, o, "format", label(r, form_names[aw->form]));
	if (aw->recipient_name != NULL) {
		x = json_add_obj(&r->page, o, "recipient");
		json_add_str(&r->page, x, "name", aw->recipient_name);
	} else
		json_add_bool(&r->page, o, "recipient", false);
	add_date(r, o, "issued", aw->issued);
	if (aw->has_expires) {
		x = add_date(r, o, "expires", aw->expires);
		json_add_bool(&r->page, x, "passed", aw->expires <= r->now);
	} else
		json_add_bool(&r->page, o, "expires", false);
	if (aw->narrative != NULL)
		add_html(r, o, "narrative_html", aw->narrative, true);
	else
		json_add_bool(&r->page, o, "narrative_html", false);
	arr = json_add_arr(&r->page, o, "evidence");
	for (i = 0; i < aw->nevidence; i++) {
		e = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		add_opt(r, e, "name", aw->evidence[i].name);
		add_opt(r, e, "description", aw->evidence[i].description);
		add_opt(r, e, "url", aw->evidence[i].url);
		if (aw->evidence[i].narrative != NULL)
			add_html(r, e, "narrative_html",
			    aw->evidence[i].narrative, true);
		else
			json_add_bool(&r->page, e, "narrative_html", false);
	}
	json_add_bool(&r->page, o, "has_evidence", aw->nevidence > 0);
	add_results(r, o, aw);
	add_endorsements(r, o, aw->endorsements, aw->nendorsements);
	add_verification(r, o, aw);
	json_add(&r->page, o, "badge", data_badge(r, aw->badge, false, true,
	    false));
	json_add(&r->page, o, "issuer", data_issuer(r, aw->issuer, false));
	add_opt(r, o, "criteria_summary", criteria_summary(r, aw->badge));
	return o;
}

/* Replaces the value of member key of obj (which must exist). */
static void
set_member(const struct json *obj, const char *key, struct json *v)
{
	struct json *m = (struct json *)json_get(obj, key);

	if (m == NULL)
		return;
	m->type = v->type;
	m->str = v->str;
	m->len = v->len;
}

/* "./" for the top page, "../../" two folders down. */
static const char *
root_of(struct render *r, const char *path)
{
	struct buf b = BUF_INIT;
	const char *p, *s;

	for (p = path; *p != '\0'; p++)
		if (*p == '/')
			BUF_PUTSL(&b, "../");
	s = arena_strdup(&r->page, b.len ? b.data : "./");
	buf_release(&b);
	return s;
}

/* The path of base_url on its host: "/" or "/badges/". */
static const char *
base_path(const char *base_url)
{
	const char *p = strstr(base_url, "://");

	p = p != NULL ? strchr(p + 3, '/') : NULL;
	return p != NULL ? p : "/";
}

/*
 * page.alternates: the page in each language of the site, for hreflang
 * links and the language switch; empty for a site of one language and
 * for the 404 page, which has no URL.
 */
static void
add_alternates(struct render *r, struct json *pg, const char *kind,
    const char *path)
{
	struct json *arr = json_add_arr(&r->page, pg, "alternates"), *x;
	const char *p;
	size_t k, n = r->conf->nlanguages;

	if (n < 2 || strcmp(kind, "404") == 0)
		n = 0;
	for (k = 0; k < n; k++) {
		p = k == 0 ? path : arena_printf(&r->page, "%s/%s",
		    r->conf->languages[k], path);
		x = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, x, "lang", r->conf->languages[k]);
		json_add_str(&r->page, x, "url", url_of(r, p));
		json_add_str(&r->page, x, "path", upath(r, p));
		json_add_str(&r->page, x, "label", json_get_str(r->cats[k],
		    "lang_name") ? json_get_str(r->cats[k], "lang_name") :
		    r->conf->languages[k]);
		json_add_bool(&r->page, x, "current", k == r->li);
	}
	json_add_bool(&r->page, pg, "has_alternates", n > 0);
	add_opt(r, pg, "default_url", n > 0 ? url_of(r, path) : NULL);
}

/*
 * Whether search engines may index a page of this kind: site.conf's
 * index_pages, and for an award page (aw) its sidecar's index first.
 * The 404 page says noindex in its own template.
 */
static bool
indexable(const struct render *r, const char *kind, const struct award *aw)
{
	unsigned k = r->conf->index_pages;

	if (aw != NULL && aw->index != 0)
		return aw->index > 0;
	if (strcmp(kind, "index") == 0)
		return (k & INDEX_HOME) != 0;
	if (strcmp(kind, "issuer") == 0)
		return (k & INDEX_ISSUERS) != 0;
	if (strcmp(kind, "badge") == 0)
		return (k & INDEX_BADGES) != 0;
	if (strcmp(kind, "award") == 0)
		return (k & INDEX_AWARDS) != 0;
	if (strcmp(kind, "collection") == 0)
		return (k & INDEX_COLLECTIONS) != 0;
	return true;
}

/*
 * A page's data: site, t, page and the given kind's object; aw is the
 * award of an award page, else NULL.
 */
static struct json *
page_data(struct render *r, const char *kind, const char *path,
    const char *title, const char *description, const char *json_path,
    const struct award *aw)
{
	struct json *root = json_new(&r->page, JSON_OBJECT), *pg;

	json_add(&r->page, root, "site", alias(&r->page, r->site));
	json_add(&r->page, root, "t", alias(&r->page, r->t));
	pg = json_add_obj(&r->page, root, "page");
	json_add_str(&r->page, pg, "kind", kind);
	json_add_str(&r->page, pg, "title", title);
	add_opt(r, pg, "description", description);
	add_opt(r, pg, "url", strcmp(kind, "404") == 0 ? NULL :
	    lurl(r, path));
	json_add_str(&r->page, pg, "root", strcmp(kind, "404") == 0 ?
	    base_path(r->conf->base_url) : root_of(r, lpath(r, path)));
	json_add_str(&r->page, pg, "home_path", r->prefix);
	json_add_str(&r->page, pg, "lang", r->lang);
	add_alternates(r, pg, kind, path);
	add_opt(r, pg, "json_path", upath(r, json_path));
	json_add_bool(&r->page, pg, "jsonld_html", false);
	json_add_bool(&r->page, pg, "noindex", !indexable(r, kind, aw));
	return root;
}

/*
 * Whether the file at path, made from key, stays from the previous build
 * (write.h): 1 when it does (it is counted), 0 when it must be made, -1
 * after an error.  Without keys, every file is made.
 */
static int
reuse(struct render *r, const char *path, const struct okey *key, bool page)
{
	int k;

	if (!r->keyed)
		return 0;
	if ((k = writer_keep(r->w, path, key, r->d)) == 1) {
		r->st.files++;
		r->st.reused++;
		if (page) {
			r->st.pages++;
			r->st.pages_reused++;
		}
	}
	return k;
}

#define NOINDEX_META	"<meta name=\"robots\" content=\"noindex\">"

/*
 * A page search engines must not index says so even when the site's own
 * layout forgot {{#page.noindex}} (or says "index"): the meta element
 * goes in after <head>, or first when there is none.  Search engines
 * follow the most restrictive of two.
 */
static void
ensure_noindex(struct render *r)
{
	const char *head;
	size_t at;

	if (strstr(r->out.data, NOINDEX_META) != NULL)
		return;
	head = strstr(r->out.data, "<head>");
	at = head != NULL ? (size_t)(head - r->out.data) + 6 : 0;
	buf_reset(&r->tmp);
	buf_put(&r->tmp, r->out.data, at);
	BUF_PUTSL(&r->tmp, "\n" NOINDEX_META "\n");
	buf_put(&r->tmp, r->out.data + at, r->out.len - at);
	buf_reset(&r->out);
	buf_put(&r->out, r->tmp.data, r->tmp.len);
}

/*
 * Renders template tmpl with data to file path of the site (in the
 * language being rendered), made from key.
 */
static int
emit_page(struct render *r, const char *tmpl, const char *file,
    const struct json *data, const struct okey *key)
{
	int rc;

	buf_reset(&r->out);
	if (mustache_render(r->mst, tmpl, data, &r->out, r->d) < 0)
		return -1;
	if (json_is_true(json_get(json_get(data, "page"), "noindex")))
		ensure_noindex(r);
	rc = writer_put_key(r->w, lpath(r, file), r->out.data, r->out.len,
	    r->keyed ? key : NULL, r->d);
	if (rc == 0) {
		r->st.pages++;
		r->st.files++;
	}
	return rc;
}

static int
put_file(struct render *r, const char *path, const char *data, size_t len,
    const struct okey *key)
{
	if (writer_put_key(r->w, path, data, len, r->keyed ? key : NULL,
	    r->d) < 0)
		return -1;
	r->st.files++;
	return 0;
}

/*
 * A file whose bytes are at hand: kept from the previous build when its
 * key is, else written.  Returns 0 or -1.
 */
static int
keep_or_put(struct render *r, const char *path, const char *data,
    size_t len, const struct okey *key)
{
	int k = reuse(r, path, key, false);

	if (k == 0)
		return put_file(r, path, data, len, key);
	return k < 0 ? -1 : 0;
}

static int
cmp_award_key(const void *a, const void *b)
{
	const struct award *x = ((const struct award_key *)a)->aw;
	const struct award *y = ((const struct award_key *)b)->aw;

	return x < y ? -1 : x > y;
}

/* The key of an award (render_keys), or the site's when there is none. */
static const struct okey *
award_key(const struct render *r, const struct award *aw)
{
	struct award_key k, *e;

	k.aw = aw;
	e = r->nakeys > 0 ? bsearch(&k, r->akeys, r->nakeys,
	    sizeof(*r->akeys), cmp_award_key) : NULL;
	return e != NULL ? &e->key : &r->a;
}

/* A short plain-text description for meta tags: the first 160 bytes. */
static const char *
summary(struct render *r, const char *text)
{
	return shorten(r, text, 160);
}

static int
render_award(struct render *r, const struct award *aw)
{
	struct json *data;
	const char *title, *file;
	struct okey_state ks;
	struct okey key;
	int k;

	file = page_file(r, aw->path);
	okey_init(&ks, "award-page");
	okey_key(&ks, award_key(r, aw));
	okey_str(&ks, r->day);		/* verified_on */
	okey_u64(&ks, r->li);
	okey_final(&ks, &key);
	if ((k = reuse(r, lpath(r, file), &key, true)) != 0)
		return k < 0 ? -1 : 0;

	title = aw->recipient_name != NULL ? arena_printf(&r->page,
	    "%s%s%s%s", aw->badge->name, label(r, "title_recipient_open"),
	    aw->recipient_name, label(r, "title_recipient_close")) :
	    aw->badge->name;
	data = page_data(r, "award", aw->path, title,
	    summary(r, aw->badge->description), aw->json_path, aw);
	json_add(&r->page, data, "award", data_award(r, aw));
	set_member(json_get(data, "page"), "jsonld_html",
	    json_new_str(&r->page, award_jsonld(r, aw)));
	return emit_page(r, "award", file, data, &key);
}

static int
render_badge(struct render *r, const struct achievement *a)
{
	struct json *data;
	struct okey_state ks;
	struct okey key;
	const char *file;
	size_t i;
	int k;

	file = page_file(r, a->path);
	okey_init(&ks, "badge-page");
	okey_key(&ks, &r->s);
	okey_str(&ks, a->path);
	for (i = 0; i < a->nawards; i++)
		okey_key(&ks, award_key(r, a->awards[i]));
	okey_u64(&ks, r->li);
	okey_final(&ks, &key);
	if ((k = reuse(r, lpath(r, file), &key, true)) != 0)
		return k < 0 ? -1 : 0;

	data = page_data(r, "badge", a->path, a->name,
	    summary(r, a->description), a->doc->publish, NULL);
	json_add(&r->page, data, "badge", data_badge(r, a, true, true, true));
	return emit_page(r, "badge", file, data, &key);
}

/* A page that lists the whole site: its key is the site's (r->a). */
static int
reuse_listing(struct render *r, const char *kind, const char *file,
    struct okey *key)
{
	struct okey_state ks;

	okey_init(&ks, kind);
	okey_key(&ks, &r->a);
	okey_str(&ks, file);
	okey_u64(&ks, r->li);
	okey_final(&ks, key);
	return reuse(r, lpath(r, file), key, true);
}

static int
render_issuer(struct render *r, const struct issuer *is)
{
	struct json *data;
	struct okey key;
	const char *file;
	int k;

	file = page_file(r, is->path);
	if ((k = reuse_listing(r, "issuer-page", file, &key)) != 0)
		return k < 0 ? -1 : 0;

	data = page_data(r, "issuer", is->path, is->name,
	    is->description ? summary(r, is->description) : is->name,
	    is->doc->publish, NULL);
	json_add(&r->page, data, "issuer", data_issuer(r, is, true));
	return emit_page(r, "issuer", file, data, &key);
}

static int
render_index(struct render *r)
{
	struct json *data, *arr;
	struct okey key;
	size_t i;
	bool any = false;
	int rc = 0, k;

	if ((k = reuse_listing(r, "index-page", "index.html", &key)) != 0) {
		rc = k < 0 ? -1 : 0;
		goto notfound;
	}
	data = page_data(r, "index", "", r->conf->title,
	    r->conf->description ? r->conf->description : r->conf->title,
	    NULL, NULL);
	arr = json_add_arr(&r->page, data, "issuers");
	for (i = 0; i < r->m->nissuers; i++) {
		json_add(&r->page, arr, NULL, data_issuer(r,
		    r->m->issuers[i], true));
		any = any || r->m->issuers[i]->nbadges > 0;
	}
	json_add_bool(&r->page, data, "has_badges", any);
	rc = emit_page(r, "index", "index.html", data, &key);
	arena_release(&r->page);
notfound:
	if ((k = reuse_listing(r, "404-page", "404.html", &key)) != 0)
		return k < 0 ? -1 : rc;
	data = page_data(r, "404", "404.html", label(r, "not_found_title"),
	    NULL, NULL, NULL);
	if (emit_page(r, "404", "404.html", data, &key) < 0)
		rc = -1;
	return rc;
}

/*
 * The verify page, verify/index.html: a visitor gives it a file of an
 * award and the WebAssembly verifier checks it in the browser.
 */
static int
render_verify(struct render *r)
{
	struct json *data;
	struct okey key;
	int k;

	if ((k = reuse_listing(r, "verify-page", "verify/index.html",
	    &key)) != 0)
		return k < 0 ? -1 : 0;
	data = page_data(r, "verify", "verify/", label(r, "verify_title"),
	    label(r, "verify_intro"), NULL, NULL);
	return emit_page(r, "verify", "verify/index.html", data, &key);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index of s in the n strings of v, adding it when missing. */
static size_t
str_slot(const char **v, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	v[(*n)++] = s;
	return i;
}

static size_t
str_find(const char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n && strcmp(v[i], s) != 0; i++)
		continue;
	return i;
}

/*
 * A filter's options: [ { value, label } ], values "<kind>-<n>" (n
 * counting from 1), or "<kind>-<label>" when by_label.
 */
static void
add_options(struct render *r, struct json *o, const char *key,
    const char *kind, const char *const *labels, size_t n, bool by_label)
{
	struct json *arr = json_add_arr(&r->page, o, key), *x;
	size_t i;

	for (i = 0; i < n; i++) {
		x = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		json_add_str(&r->page, x, "value", by_label ?
		    arena_printf(&r->page, "%s-%s", kind, labels[i]) :
		    arena_printf(&r->page, "%s-%zu", kind, i + 1));
		json_add_str(&r->page, x, "label", labels[i]);
	}
}

static int
cmp_str_desc(const void *a, const void *b)
{
	return -cmp_str(a, b);
}

/* NEW markers: issued within new_days before the build date. */
static bool
is_new(const struct render *r, const struct award *aw)
{
	int64_t window = (int64_t)r->conf->new_days * 86400;

	return aw->issued <= r->now && r->now - aw->issued < window;
}

/*
 * The data of a collection page: the recipient's public awards, newest
 * first, with counts, NEW markers (issued within new_days before the
 * build date) and the filter options (issuer, skill, year).
 */
static struct json *
data_collection(struct render *r, const struct collection *col)
{
	struct json *o = json_new(&r->page, JSON_OBJECT), *arr, *x, *f;
	const char **issuers, **skills, **years;
	size_t ni = 0, ns = 0, ny = 0, i, k, n = col->nawards;
	unsigned revoked = 0, expired = 0, fresh = 0;
	struct civil c;
	struct buf tok = BUF_INIT;

	issuers = xcalloc(n + 1, sizeof(*issuers));
	years = xcalloc(n + 1, sizeof(*years));
	for (i = ns = 0; i < n; i++)
		ns += nkeywords(col->awards[i]->badge);
	skills = xcalloc(ns + 1, sizeof(*skills));
	ns = 0;
	for (i = 0; i < n; i++) {
		const struct award *aw = col->awards[i];

		str_slot(issuers, &ni, aw->issuer->name);
		for (k = 0; k < nkeywords(aw->badge); k++)
			str_slot(skills, &ns, keyword(aw->badge, k));
		date_civil(&c, aw->issued, r->tz);
		str_slot(years, &ny, arena_printf(&r->page, "%d", c.year));
	}
	if (ni > 1)
		qsort(issuers, ni, sizeof(*issuers), cmp_str);
	if (ns > 1)
		qsort(skills, ns, sizeof(*skills), cmp_str);
	if (ny > 1)
		qsort(years, ny, sizeof(*years), cmp_str_desc);

	json_add_str(&r->page, o, "name", col->name);
	json_add_str(&r->page, o, "slug", col->slug);
	json_add_str(&r->page, o, "path", lhref(r, col->path));
	json_add_str(&r->page, o, "url", lurl(r, col->path));
	arr = json_add_arr(&r->page, o, "awards");
	for (i = 0; i < n; i++) {
		const struct award *aw = col->awards[i];
		const struct verify_report *rep = aw->report;
		bool is_revoked = rep != NULL && rep->revoked;
		bool is_expired = aw->has_expires && aw->expires <= r->now;
		bool fresh_ = is_new(r, aw);

		x = json_add(&r->page, arr, NULL, json_new(&r->page,
		    JSON_OBJECT));
		/* An imported award has no page on this site. */
		if (aw->imported)
			json_add_bool(&r->page, x, "path", false);
		else
			json_add_str(&r->page, x, "path", lhref(r, aw->path));
		json_add_bool(&r->page, x, "imported", aw->imported);
		add_date(r, x, "issued", aw->issued);
		date_civil(&c, aw->issued, r->tz);
		json_add_num(&r->page, x, "year", c.year);
		json_add_bool(&r->page, x, "new", fresh_);
		json_add_bool(&r->page, x, "revoked", is_revoked);
		json_add_bool(&r->page, x, "expired", is_expired);
		buf_reset(&tok);
		buf_printf(&tok, "issuer-%zu", str_find(issuers, ni,
		    aw->issuer->name) + 1);
		for (k = 0; k < nkeywords(aw->badge); k++)
			buf_printf(&tok, " skill-%zu", str_find(skills, ns,
			    keyword(aw->badge, k)) + 1);
		buf_printf(&tok, " year-%d", c.year);
		json_add_str(&r->page, x, "filter", tok.data);
		json_add(&r->page, x, "badge", data_badge(r, aw->badge,
		    false, false, false));
		json_add(&r->page, x, "issuer", data_issuer(r, aw->issuer,
		    false));
		revoked += is_revoked;
		expired += is_expired;
		fresh += fresh_;
	}
	json_add_bool(&r->page, o, "has_awards", n > 0);
	json_add_num(&r->page, o, "badge_count", (double)n);
	json_add_num(&r->page, o, "revoked_count", revoked);
	json_add_num(&r->page, o, "expired_count", expired);
	json_add_num(&r->page, o, "new_count", fresh);
	f = json_add_obj(&r->page, o, "filters");
	add_options(r, f, "issuers", "issuer", issuers, ni, false);
	add_options(r, f, "skills", "skill", skills, ns, false);
	add_options(r, f, "years", "year", years, ny, true);
	json_add_bool(&r->page, f, "has_skills", ns > 0);
	json_add_bool(&r->page, o, "has_filters", n > 1);
	free(issuers);
	free(skills);
	free(years);
	buf_release(&tok);
	return o;
}

static int
render_collection(struct render *r, const struct collection *col)
{
	struct json *data;
	const char *title, *file;
	struct okey_state ks;
	struct okey key;
	size_t i;
	int k;

	file = page_file(r, col->path);
	okey_init(&ks, "collection-page");
	okey_key(&ks, &r->s);
	okey_str(&ks, col->file);
	okey_str(&ks, col->name);
	okey_str(&ks, col->slug);
	okey_str(&ks, col->path);
	for (i = 0; i < col->nawards; i++) {
		const struct award *aw = col->awards[i];

		okey_key(&ks, award_key(r, aw));
		okey_u64(&ks, (uint64_t)is_new(r, aw) << 1 |
		    (uint64_t)(aw->has_expires && aw->expires <= r->now));
	}
	okey_u64(&ks, r->li);
	okey_final(&ks, &key);
	if ((k = reuse(r, lpath(r, file), &key, true)) != 0)
		return k < 0 ? -1 : 0;

	title = arena_printf(&r->page, "%s%s%s",
	    label(r, "collection_title_pre"), col->name,
	    label(r, "collection_title_post"));
	data = page_data(r, "collection", col->path, title, title, NULL,
	    NULL);
	json_add(&r->page, data, "collection", data_collection(r, col));
	return emit_page(r, "collection", file, data, &key);
}

/* sitemap.xml and robots.txt. */
static int
render_sitemap(struct render *r)
{
	const char **paths, *loc;
	struct model *m = r->m;
	struct okey_state ks;
	struct okey key;
	size_t n = 0, i, k, npages;
	int rc = 0, kept;

	/* robots.txt names only base_url, in g. */
	okey_init(&ks, "robots");
	okey_key(&ks, &r->g);
	okey_final(&ks, &key);
	buf_reset(&r->out);
	buf_printf(&r->out, "User-agent: *\nAllow: /\n\nSitemap: %ssitemap.xml\n",
	    m->base_url);
	if (keep_or_put(r, "robots.txt", r->out.data, r->out.len, &key) < 0)
		rc = -1;
	okey_init(&ks, "sitemap");
	okey_key(&ks, &r->a);
	for (i = 0; i < r->cols->n; i++)
		okey_str(&ks, r->cols->items[i].path);
	okey_final(&ks, &key);
	if ((kept = reuse(r, "sitemap.xml", &key, false)) != 0)
		return kept < 0 ? -1 : rc;

	npages = m->nawards + m->nbadges + m->nissuers + r->cols->n + 1;
	paths = xcalloc(npages * r->conf->nlanguages + 1, sizeof(*paths));
	/* The pages search engines may index, and only those. */
	if (indexable(r, "index", NULL))
		paths[n++] = "";
	for (i = 0; i < m->nissuers && indexable(r, "issuer", NULL); i++)
		paths[n++] = m->issuers[i]->path;
	for (i = 0; i < m->nbadges && indexable(r, "badge", NULL); i++)
		paths[n++] = m->badges[i]->path;
	for (i = 0; i < m->nawards; i++)
		if (!m->awards[i]->private_ && !m->awards[i]->left_out &&
		    indexable(r, "award", m->awards[i]))
			paths[n++] = m->awards[i]->path;
	for (i = 0; i < r->cols->n && indexable(r, "collection", NULL); i++)
		paths[n++] = r->cols->items[i].path;
	npages = n;
	for (k = 1; k < r->conf->nlanguages; k++)
		for (i = 0; i < npages; i++)
			paths[n++] = arena_printf(&r->global, "%s/%s",
			    r->conf->languages[k], paths[i]);
	qsort(paths, n, sizeof(*paths), cmp_str);
	buf_reset(&r->out);
	BUF_PUTSL(&r->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < n; i++) {
		BUF_PUTSL(&r->out, "  <url><loc>");
		loc = url_of(r, paths[i]);
		esc_html(&r->out, loc, strlen(loc));
		BUF_PUTSL(&r->out, "</loc></url>\n");
	}
	arena_release(&r->page);
	BUF_PUTSL(&r->out, "</urlset>\n");
	free(paths);
	if (put_file(r, "sitemap.xml", r->out.data, r->out.len, &key) < 0)
		rc = -1;
	return rc;
}

/* Documents and files: each at the path the model gave it. */
static int
publish_files(struct render *r)
{
	struct model *m = r->m;
	const struct award *aw;
	struct okey_state ks;
	struct okey key;
	struct doc *doc;
	size_t i;
	int rc = 0;

	for (i = 0; i < m->ndocs; i++) {
		if (r->prog != NULL)
			progress_update(r->prog, i);
		doc = m->docs[i];
		if (doc->publish == NULL)
			continue;
		aw = doc->kind == DOC_AWARD ? doc->obj : NULL;
		if (aw != NULL && (aw->private_ || aw->left_out))
			continue;
		okey_init(&ks, "file");
		okey_key(&ks, &r->g);
		key_doc(&ks, doc);
		okey_final(&ks, &key);
		if (keep_or_put(r, doc->publish, doc->raw, doc->rawlen,
		    &key) < 0)
			rc = -1;
		/* A signed award's id serves the payload it signs. */
		if (aw == NULL || aw->jws == NULL || aw->json_path == NULL)
			continue;
		okey_init(&ks, "payload");
		okey_key(&ks, &key);
		okey_str(&ks, aw->json_path);
		okey_final(&ks, &key);
		if (keep_or_put(r, aw->json_path, aw->jws->payload,
		    aw->jws->payload_len, &key) < 0)
			rc = -1;
	}
	/* The theme's static files, unless the content has one there. */
	for (i = 0; i < r->th->nfiles; i++) {
		const struct theme_file *f = &r->th->files[i];

		if (strncmp(f->path, "static/", 7) != 0)
			continue;
		if (!place_is_free(m, f->path + 7))
			continue;
		okey_init(&ks, "static");
		okey_key(&ks, &r->g);
		okey_str(&ks, f->path);
		okey_final(&ks, &key);
		if (keep_or_put(r, f->path + 7, f->data, f->len, &key) < 0)
			rc = -1;
	}
	return rc;
}

static void
build_site_object(struct render *r)
{
	const struct site_conf *c = r->conf;

	r->site = json_new(&r->global, JSON_OBJECT);
	json_add_str(&r->global, r->site, "title", c->title);
	if (c->description != NULL)
		json_add_str(&r->global, r->site, "description",
		    c->description);
	json_add_str(&r->global, r->site, "base_url", c->base_url);
	json_add_str(&r->global, r->site, "lang", c->lang);
	json_add_str(&r->global, r->site, "generator",
	    "badgegen " BADGEGEN_VERSION);
	if (c->copyright != NULL)
		json_add_str(&r->global, r->site, "copyright", c->copyright);
}

/* Counts one more page on the progress line. */
static void
tick(struct render *r)
{
	struct ticker *tk = r->tk;

	pthread_mutex_lock(&tk->mu);
	tk->done++;
	if (tk->prog != NULL)
		progress_update(tk->prog, tk->done);
	pthread_mutex_unlock(&tk->mu);
}

/* Renders in language li from now on. */
static void
set_lang(struct render *r, size_t li)
{
	r->li = li;
	r->lang = r->conf->languages[li];
	r->t = r->cats[li];
	r->prefix = r->prefixes[li];
}

/* The share card of every badge that has an award that is not revoked. */
static int
publish_cards(struct render *r)
{
	struct model *m = r->m;
	const struct award *aw;
	size_t i, k;
	int rc = 0;

	for (i = 0; i < m->nbadges; i++) {
		for (k = 0; k < m->badges[i]->nawards; k++) {
			aw = m->badges[i]->awards[k];
			if (aw->report == NULL || !aw->report->revoked)
				break;
		}
		if (k < m->badges[i]->nawards &&
		    publish_card(r, m->badges[i]) < 0)
			rc = -1;
		arena_release(&r->page);
	}
	return rc;
}

/*
 * One thread's share of the award pages: the awards [from, to) of
 * m->awards, each with its baked badge and its page in every language.
 * It has its own copy of the render state, with its own arena, buffers,
 * counts and messages.
 */
struct worker {
	struct render	 r;
	struct diag	 d;
	struct buf	 msgs;		/* its messages, passed on in order */
	size_t		 from, to;
	int		 rc;
	pthread_t	 thread;
	bool		 started;
};

static void *
award_worker(void *arg)
{
	struct worker *wk = arg;
	struct render *r = &wk->r;
	const struct award *aw;
	size_t i, li;
	unsigned k;

	for (i = wk->from; i < wk->to; i++) {
		aw = r->m->awards[i];
		if (aw->private_)
			continue;
		if (publish_baked(r, aw) < 0)
			wk->rc = -1;
		arena_release(&r->page);
		for (li = 0; li < r->conf->nlanguages; li++) {
			set_lang(r, li);
			k = r->st.pages_reused;
			if (render_award(r, aw) < 0)
				wk->rc = -1;
			else if (li == 0) {
				r->st.awards++;
				r->st.awards_reused += r->st.pages_reused - k;
			}
			arena_release(&r->page);
			tick(r);
		}
	}
	return NULL;
}

static void
add_stats(struct render_stats *to, const struct render_stats *from)
{
	to->pages += from->pages;
	to->files += from->files;
	to->awards += from->awards;
	to->reused += from->reused;
	to->pages_reused += from->pages_reused;
	to->awards_reused += from->awards_reused;
}

/*
 * The award pages and baked badges, on up to jobs threads: each takes
 * one run of consecutive awards, so that the messages, passed on in the
 * order of the runs, come in the order of the awards whatever jobs is.
 * The files are the same for every jobs.
 */
static int
render_awards(struct render *r, unsigned jobs)
{
	struct worker *wk;
	size_t n = r->m->nawards, k, nw;
	int rc = 0;

	nw = jobs > 1 && n >= 64 ? jobs : 1;
	if (nw > n / 32)
		nw = n / 32 > 0 ? n / 32 : 1;
	wk = xcalloc(nw, sizeof(*wk));
	for (k = 0; k < nw; k++) {
		wk[k].r = *r;
		memset(&wk[k].r.st, 0, sizeof(wk[k].r.st));
		wk[k].r.page = (struct arena)ARENA_INIT;
		wk[k].r.global = (struct arena)ARENA_INIT;
		buf_init(&wk[k].r.out, 0);
		buf_init(&wk[k].r.tmp, 0);
		buf_init(&wk[k].msgs, 0);
		wk[k].d = (struct diag)DIAG_INIT;
		wk[k].d.quiet = true;
		wk[k].d.capture = &wk[k].msgs;
		wk[k].r.d = nw > 1 ? &wk[k].d : r->d;
		wk[k].from = n * k / nw;
		wk[k].to = n * (k + 1) / nw;
	}
	for (k = 1; k < nw; k++)
		wk[k].started = pthread_create(&wk[k].thread, NULL,
		    award_worker, &wk[k]) == 0;
	award_worker(&wk[0]);
	for (k = 1; k < nw; k++) {
		if (wk[k].started)
			pthread_join(wk[k].thread, NULL);
		else
			award_worker(&wk[k]);	/* no thread: do it here */
	}
	for (k = 0; k < nw; k++) {
		add_stats(&r->st, &wk[k].r.st);
		if (nw > 1)
			diag_replay(r->d, &wk[k].d, &wk[k].msgs);
		if (wk[k].rc < 0)
			rc = -1;
		buf_release(&wk[k].r.out);
		buf_release(&wk[k].r.tmp);
		buf_release(&wk[k].msgs);
		arena_release(&wk[k].r.page);
		arena_release(&wk[k].r.global);
	}
	free(wk);
	return rc;
}

/* Every page of the site but the awards' in the language r->li. */
static int
render_pages(struct render *r)
{
	struct model *m = r->m;
	size_t i;
	int rc = 0;

	for (i = 0; i < m->nbadges; i++) {
		if (render_badge(r, m->badges[i]) < 0)
			rc = -1;
		arena_release(&r->page);
		tick(r);
	}
	for (i = 0; i < m->nissuers; i++) {
		if (render_issuer(r, m->issuers[i]) < 0)
			rc = -1;
		arena_release(&r->page);
		tick(r);
	}
	for (i = 0; i < r->cols->n; i++) {
		if (render_collection(r, &r->cols->items[i]) < 0)
			rc = -1;
		arena_release(&r->page);
		tick(r);
	}
	if (render_index(r) < 0)
		rc = -1;
	arena_release(&r->page);
	if (render_verify(r) < 0)
		rc = -1;
	arena_release(&r->page);
	return rc;
}

/* Adds what verification found to a key. */
static void
key_report(struct okey_state *ks, const struct verify_report *rep)
{
	size_t i;

	if (rep == NULL) {
		okey_str(ks, NULL);
		return;
	}
	okey_u64(ks, (uint64_t)rep->valid | (uint64_t)rep->authentic << 1 |
	    (uint64_t)rep->revoked << 2 | (uint64_t)rep->expired << 3 |
	    (uint64_t)rep->not_yet_valid << 4);
	okey_str(ks, rep->revocation_reason);
	okey_str(ks, rep->method);
	okey_u64(ks, rep->nchecks);
	for (i = 0; i < rep->nchecks; i++) {
		okey_str(ks, rep->checks[i].name);
		okey_u64(ks, rep->checks[i].result);
		okey_str(ks, rep->checks[i].message);
		okey_str(ks, rep->checks[i].message_ja);
	}
}

/* Adds the theme, the documents and the awards to the keys (r->g ...). */
static void
render_keys(struct render *r, const struct okey *base)
{
	struct model *m = r->m;
	struct okey_state ks, all;
	const struct award *aw;
	size_t i, n;

	okey_init(&ks, "site");
	okey_key(&ks, base);
	for (i = 0; i < r->th->nfiles; i++) {
		okey_str(&ks, r->th->files[i].path);
		okey_add(&ks, r->th->files[i].data, r->th->files[i].len);
	}
	okey_final(&ks, &r->g);

	okey_init(&ks, "documents");
	okey_key(&ks, &r->g);
	for (i = 0; i < m->ndocs; i++)
		if (m->docs[i]->kind != DOC_AWARD)
			key_doc(&ks, m->docs[i]);
	/* The endorsements, which the pages of what they endorse list. */
	for (i = 0; i < m->nendorsements; i++) {
		aw = m->endorsements[i];
		key_doc(&ks, aw->doc);
		okey_str(&ks, aw->file);
		okey_str(&ks, aw->endorses);
		key_report(&ks, aw->report);
	}
	okey_final(&ks, &r->s);

	r->akeys = xcalloc(m->nawards + m->nimported + 1, sizeof(*r->akeys));
	okey_init(&all, "awards");
	okey_key(&all, &r->s);
	for (i = n = 0; i < m->nawards + m->nimported; i++) {
		aw = i < m->nawards ? m->awards[i] : m->imported[i -
		    m->nawards];
		if (aw->private_ || aw->left_out)
			continue;
		okey_init(&ks, "award");
		okey_key(&ks, &r->s);
		key_doc(&ks, aw->doc);
		okey_str(&ks, aw->path);
		okey_u64(&ks, aw->form);
		okey_u64(&ks, aw->has_expires && aw->expires <= r->now);
		okey_u64(&ks, (uint64_t)(aw->index + 1));
		key_report(&ks, aw->report);
		r->akeys[n].aw = aw;
		okey_final(&ks, &r->akeys[n].key);
		if (i < m->nawards)
			okey_key(&all, &r->akeys[n].key);
		n++;
	}
	okey_final(&all, &r->a);
	r->nakeys = n;
	qsort(r->akeys, n, sizeof(*r->akeys), cmp_award_key);
	r->keyed = true;
}

int
render_site(struct model *m, const struct collections *cols,
    const struct site_conf *conf, const struct theme *th, int64_t now,
    const struct okey *base, unsigned jobs, struct writer *w,
    struct render_stats *stats, struct progress *prog, struct diag *d)
{
	static const struct collections none;
	struct render r;
	struct ticker tk;
	struct buf day = BUF_INIT;
	size_t i, npages;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.cols = cols != NULL ? cols : &none;
	r.conf = conf;
	r.th = th;
	r.now = now;
	r.w = w;
	r.d = d;
	buf_init(&r.out, 0);
	buf_init(&r.tmp, 0);
	r.tz = conf->tz;
	r.mst = mustache_new(theme_template, (void *)th);
	memset(&tk, 0, sizeof(tk));
	pthread_mutex_init(&tk.mu, NULL);
	r.tk = &tk;
	r.cats = xcalloc(conf->nlanguages + 1, sizeof(*r.cats));
	r.prefixes = xcalloc(conf->nlanguages + 1, sizeof(*r.prefixes));
	for (i = 0; i < conf->nlanguages; i++)
		r.prefixes[i] = i == 0 ? "" : arena_printf(&r.global, "%s/",
		    conf->languages[i]);
	for (i = 0; i < conf->nlanguages; i++)
		if (load_catalog(&r, conf->languages[i], &r.cats[i]) < 0) {
			rc = -1;
			goto out;
		}
	build_site_object(&r);
	date_format(&day, now, r.tz, NULL, DATE_YMD);
	r.day = day.data;
	if (base != NULL)
		render_keys(&r, base);

	r.prog = prog;
	tk.prog = prog;
	if (prog != NULL) {
		npages = (m->nawards + m->nbadges + m->nissuers + r.cols->n +
		    1) * conf->nlanguages;
		progress_stage(prog, "rendering", npages);
	}
	set_lang(&r, 0);
	if (publish_cards(&r) < 0)
		rc = -1;
	for (i = 0; i < m->nawards; i++)
		r.st.private_ += m->awards[i]->private_ &&
		    !m->awards[i]->bad_sidecar;
	if (render_awards(&r, jobs) < 0)
		rc = -1;
	for (i = 0; i < conf->nlanguages; i++) {
		set_lang(&r, i);
		if (render_pages(&r) < 0)
			rc = -1;
	}
	r.li = 0;
	r.lang = conf->lang;
	r.prefix = "";
	r.t = r.cats[0];
	if (prog != NULL)
		progress_stage(prog, "writing", m->ndocs);
	if (render_sitemap(&r) < 0 || publish_files(&r) < 0)
		rc = -1;
out:
	pthread_mutex_destroy(&tk.mu);
	free(r.cats);
	free(r.prefixes);
	free(r.akeys);
	buf_release(&day);
	if (stats != NULL)
		*stats = r.st;
	mustache_free(r.mst);
	buf_release(&r.out);
	buf_release(&r.tmp);
	arena_release(&r.page);
	arena_release(&r.global);
	return rc;
}
