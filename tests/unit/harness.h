/*
 * harness.h - a tiny unit test harness.
 *
 * A test file defines functions named test_<module>__<case> and lists
 * them in TESTS; main() runs them all, or only those whose names contain
 * argv[1].  Each failed assertion prints its place; the last line is
 * "N passed, N failed".
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

#define FAIL_AT(...) do { \
	fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	harness_failed_now = 1; \
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

#define TESTS(...) \
int \
main(int argc, char **argv) \
{ \
	static const struct harness_test tests[] = { __VA_ARGS__ }; \
	size_t i, passed = 0, failed = 0; \
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) { \
		if (argc > 1 && strstr(tests[i].name, argv[1]) == NULL) \
			continue; \
		harness_failed_now = 0; \
		tests[i].fn(); \
		if (harness_failed_now) { \
			printf("not ok - %s\n", tests[i].name); \
			failed++; \
		} else { \
			printf("ok - %s\n", tests[i].name); \
			passed++; \
		} \
	} \
	printf("%zu passed, %zu failed\n", passed, failed); \
	return failed != 0; \
}

#endif
