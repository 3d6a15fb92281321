/*
 * harness.h - a tiny unit test harness.
 *
 * A test file defines functions named test_<module>__<case> and lists
 * them in TESTS; main() runs them all, or only those whose names contain
 * argv[1] (else $CASE, as for the end-to-end tests).  Each failed
 * assertion prints its place; a test that cannot run says why with
 * SKIP(...) and returns.  Each test prints "ok - <name>", "not ok -
 * <name>" or "skip - <name>: <reason>"; the last line is "N passed, N
 * failed, N skipped".
 *
 *	static void test_buf__grow(void) { INT_EQ(1, 1); }
 *	TESTS(T(test_buf__grow))
 */
#ifndef BADGEGEN_HARNESS_H
#define BADGEGEN_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_failed_now;
static char harness_skipped_now[256];

#define FAIL_AT(...) do { \
	fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	harness_failed_now = 1; \
} while (0)

/* SKIP("no %s", what): the test cannot run here, for this reason. */
#define SKIP(...) do { \
	snprintf(harness_skipped_now, sizeof(harness_skipped_now), \
	    __VA_ARGS__); \
	return; \
} while (0)

#define OK(c) do { if (!(c)) FAIL_AT("not true: %s", #c); } while (0)
#define INT_EQ(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) FAIL_AT("%s == %lld, expected %lld", #a, a_, b_); \
} while (0)
#define STR_EQ(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) \
		FAIL_AT("%s == \"%s\", expected \"%s\"", #a, \
		    a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
} while (0)
#define MEM_EQ(a, b, n) do { \
	if (memcmp((a), (b), (n)) != 0) FAIL_AT("%s differs from %s", #a, #b); \
} while (0)

struct harness_test {
	const char	*name;
	void		(*fn)(void);
};
#define T(f) { #f, f }

struct harness_counts {
	size_t		 passed, failed, skipped;
};

/* The filter from the command line or $CASE, or NULL for every test. */
static const char *
harness_only(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : getenv("CASE");

	return only != NULL && *only != '\0' ? only : NULL;
}

/* Whether a test of this name runs under the filter only. */
static int
harness_selected(const char *name, const char *only)
{
	return only == NULL || strstr(name, only) != NULL;
}

/* Prints one test's outcome and counts it. */
static void
harness_report(struct harness_counts *c, const char *name, int failed,
    const char *skipped)
{
	if (failed) {
		printf("not ok - %s\n", name);
		c->failed++;
	} else if (skipped != NULL && *skipped != '\0') {
		printf("skip - %s: %s\n", name, skipped);
		c->skipped++;
	} else {
		printf("ok - %s\n", name);
		c->passed++;
	}
}

/* Runs the tests the filter selects. */
static void
harness_run(struct harness_counts *c, const struct harness_test *tests,
    size_t n, const char *only)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!harness_selected(tests[i].name, only))
			continue;
		harness_failed_now = 0;
		harness_skipped_now[0] = '\0';
		tests[i].fn();
		harness_report(c, tests[i].name, harness_failed_now,
		    harness_skipped_now);
	}
}

/* The last line; the exit status of the test program. */
static int
harness_finish(const struct harness_counts *c)
{
	printf("%zu passed, %zu failed, %zu skipped\n", c->passed, c->failed,
	    c->skipped);
	return c->failed != 0;
}

#define TESTS(...) \
int \
main(int argc, char **argv) \
{ \
	static const struct harness_test tests[] = { __VA_ARGS__ }; \
	struct harness_counts c = { 0, 0, 0 }; \
	harness_run(&c, tests, sizeof(tests) / sizeof(tests[0]), \
	    harness_only(argc, argv)); \
	return harness_finish(&c); \
}

#endif
