/*
 * fuzz_conf.c - the configuration parser on any input.
 *
 * The input is parsed as a site.conf, an award sidecar, a recipient
 * file and a file of a schema with every type; what parses must hold
 * what the checks promise.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct conf_key every_keys[] = {
	{ NULL, "s", CONF_STRING, 0, NULL, 0, 0, NULL },
	{ NULL, "n", CONF_INT, 0, NULL, -1000, 1000, "-7" },
	{ NULL, "b", CONF_BOOL, 0, NULL, 0, 0, "yes" },
	{ NULL, "e", CONF_ENUM, CONF_LIST, "a|b|c", 0, 0, NULL },
	{ "x", "u", CONF_URL, CONF_BASE, NULL, 0, 0, NULL },
	{ "x", "l", CONF_URL, CONF_LIST, NULL, 0, 0, NULL },
	{ "y", "t", CONF_TIMEZONE, 0, NULL, 0, 0, NULL },
	{ "y", "m", CONF_EMAIL, CONF_LIST, NULL, 0, 0, NULL },
};
static const struct conf_schema every = { every_keys, 8 };

static void
check_site(const struct site_conf *c)
{
	size_t i;

	if (c->title == NULL || c->title[0] == '\0' || c->base_url == NULL ||
	    c->base_url[strlen(c->base_url) - 1] != '/' ||
	    (strncmp(c->base_url, "https://", 8) != 0 &&
	    strncmp(c->base_url, "http://", 7) != 0) ||
	    strchr(c->base_url, '?') != NULL ||
	    strchr(c->base_url, '#') != NULL || c->lang == NULL ||
	    c->nlanguages < 1 || strcmp(c->languages[0], c->lang) != 0 ||
	    c->languages[c->nlanguages] != NULL || c->output == NULL ||
	    c->timezone == NULL || c->tz == NULL || c->new_days > 3650 ||
	    c->check_skip_prefixes[c->ncheck_skip_prefixes] != NULL)
		abort();
	for (i = 0; i < c->ncheck_skip_prefixes; i++)
		if (c->check_skip_prefixes[i][0] == '\0')
			abort();
	if (c->mail_from != NULL && strchr(c->mail_from, '@') == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	struct diag d = DIAG_INIT;
	struct site_conf sc;
	struct award_conf ac;
	struct recipient_conf rc;
	struct conf *c;
	size_t i, n;
	const char *const *v;

	d.quiet = true;
	if (site_conf_parse(&sc, "fuzz.conf", src, size, &d) == 0)
		check_site(&sc);
	site_conf_release(&sc);
	if (award_conf_parse(&ac, "fuzz.conf", src, size, &d) == 0 &&
	    ac.email != NULL && strchr(ac.email, '@') == NULL)
		abort();
	award_conf_release(&ac);
	if (recipient_conf_parse(&rc, "fuzz.conf", src, size, &d) == 0 &&
	    (rc.name == NULL || rc.nemails == 0 || rc.emails[rc.nemails]))
		abort();
	recipient_conf_release(&rc);
	if (conf_parse(&c, &every, "fuzz.conf", src, size, &d) == 0) {
		if (conf_int(c, NULL, "n") < -1000 ||
		    conf_int(c, NULL, "n") > 1000)
			abort();
		v = conf_list(c, "y", "m", &n);
		for (i = 0; i < n; i++)
			if (strchr(v[i], '@') == NULL)
				abort();
		tz_free(conf_take_tz(c, "y", "t"));
		conf_free(c);
	}
	return 0;
}
