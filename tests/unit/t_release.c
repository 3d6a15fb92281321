/*
 * t_release.c - every _release and _free accepts NULL, and every
 * _release a zeroed object, so that cleanup code frees unconditionally
 * (STYLE.md: set every resource to NULL or zero at the top, free
 * everything under out:).  Run under valgrind or ASan, a release that
 * reads or frees what a zeroed object does not hold fails.
 */
#include <string.h>

#include "check.h"
#include "collect.h"
#include "conf.h"
#include "csv.h"
#include "date.h"
#include "issue.h"
#include "json.h"
#include "jws.h"
#include "key.h"
#include "model.h"
#include "mustache.h"
#include "rdfc.h"
#include "render.h"
#include "source.h"
#include "vcache.h"
#include "verify.h"
#include "write.h"
#include "harness.h"

static void
test_release__null(void)
{
	buf_release(NULL);
	arena_release(NULL);
	check_report_release(NULL);
	collect_release(NULL);
	conf_free(NULL);
	site_conf_release(NULL);
	award_conf_release(NULL);
	recipient_conf_release(NULL);
	csv_release(NULL);
	tz_free(NULL);
	issue_free(NULL);
	json_strtab_free(NULL);
	jws_release(NULL);
	key_free(NULL);
	privkey_free(NULL);
	model_release(NULL);
	mustache_free(NULL);
	rdf_dataset_release(NULL);
	theme_free(NULL);
	source_free(NULL);
	vcache_free(NULL);
	verify_report_release(NULL);
	writer_abort(NULL);
	OK(1);
}

/* Releases a zeroed object of each type, then checks it is empty. */
static void
test_release__zeroed(void)
{
	struct buf b;
	struct arena a;
	struct check_report cr;
	struct collections cols;
	struct site_conf sc;
	struct award_conf ac;
	struct recipient_conf rc;
	struct csv csv;
	struct jws jws;
	struct model m;
	struct rdf_dataset ds;
	struct verify_report vr;

	memset(&b, 0, sizeof(b));
	buf_release(&b);
	STR_EQ(b.data, "");
	INT_EQ(b.cap, 0);
	memset(&a, 0, sizeof(a));
	arena_release(&a);
	OK(a.head == NULL);
	memset(&cr, 0, sizeof(cr));
	check_report_release(&cr);
	INT_EQ(cr.nunits, 0);
	memset(&cols, 0, sizeof(cols));
	collect_release(&cols);
	INT_EQ(cols.n, 0);
	memset(&sc, 0, sizeof(sc));
	site_conf_release(&sc);
	OK(sc.title == NULL);
	memset(&ac, 0, sizeof(ac));
	award_conf_release(&ac);
	memset(&rc, 0, sizeof(rc));
	recipient_conf_release(&rc);
	memset(&csv, 0, sizeof(csv));
	csv_release(&csv);
	memset(&jws, 0, sizeof(jws));
	jws_release(&jws);
	memset(&m, 0, sizeof(m));
	model_release(&m);
	OK(m.docs == NULL && m.index == NULL);
	/* Twice: a released model is a zeroed one. */
	model_init(&m, "https://example.org/");
	model_release(&m);
	model_release(&m);
	OK(m.docs == NULL && m.index == NULL);
	memset(&ds, 0, sizeof(ds));
	rdf_dataset_release(&ds);
	memset(&vr, 0, sizeof(vr));
	verify_report_release(&vr);
	INT_EQ(vr.nchecks, 0);
}

TESTS(
	T(test_release__null),
	T(test_release__zeroed)
)
