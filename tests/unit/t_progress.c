/*
 * t_progress.c - the progress line: its text, the elapsed time, and that
 * a disabled progress prints nothing.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "progress.h"

static void
test_progress__format_with_total(void)
{
	char b[128];
	size_t n;

	n = progress_format(b, sizeof(b), "verifying", 1200, 10000, 2.0);
	STR_EQ(b, "verifying 1200/10000 (12%), 600/s");
	INT_EQ(n, strlen(b));
	progress_format(b, sizeof(b), "rendering", 10000, 10000, 4.0);
	STR_EQ(b, "rendering 10000/10000 (100%), 2500/s");
	/* A count past the total (pages not foreseen) stays at 100%. */
	progress_format(b, sizeof(b), "writing", 12, 10, 1.0);
	STR_EQ(b, "writing 12/10 (100%), 12/s");
}

static void
test_progress__format_without_total_or_time(void)
{
	char b[128];

	progress_format(b, sizeof(b), "reading", 345, 0, 0.5);
	STR_EQ(b, "reading 345, 690/s");
	/* No rate before time has passed or anything was counted. */
	progress_format(b, sizeof(b), "reading", 345, 0, 0.0);
	STR_EQ(b, "reading 345");
	progress_format(b, sizeof(b), "verifying", 0, 50, 3.0);
	STR_EQ(b, "verifying 0/50 (0%)");
}

static void
test_progress__format_truncates(void)
{
	char b[12];
	size_t n;

	n = progress_format(b, sizeof(b), "verifying", 1200, 10000, 2.0);
	INT_EQ(n, sizeof(b) - 1);
	STR_EQ(b, "verifying 1");
	n = progress_format(b, 1, "verifying", 1, 1, 1.0);
	INT_EQ(n, 0);
	STR_EQ(b, "");
}

static void
test_progress__elapsed(void)
{
	char b[32];

	progress_format_elapsed(b, sizeof(b), 0.4249);
	STR_EQ(b, "0.42 s");
	progress_format_elapsed(b, sizeof(b), 12.34);
	STR_EQ(b, "12.3 s");
	progress_format_elapsed(b, sizeof(b), 125.4);
	STR_EQ(b, "2 min 05 s");
	progress_format_elapsed(b, sizeof(b), -1);
	STR_EQ(b, "0.00 s");
}

/* Reads back what was written to fp. */
static size_t
slurp(FILE *fp, char *out, size_t size)
{
	size_t n;

	rewind(fp);
	n = fread(out, 1, size - 1, fp);
	out[n] = '\0';
	return n;
}

static void
test_progress__off_prints_nothing(void)
{
	struct progress p;
	char b[256];
	FILE *fp = tmpfile();

	OK(fp != NULL);
	progress_init(&p, fp, false);
	progress_stage(&p, "reading", 0);
	p.drawn.tv_sec -= 10;
	progress_update(&p, 5);
	progress_interrupt(&p);
	progress_clear(&p);
	INT_EQ(slurp(fp, b, sizeof(b)), 0);
	OK(progress_elapsed(&p) >= 0);
	fclose(fp);
}

static void
test_progress__on_draws_and_clears(void)
{
	struct progress p;
	char b[256];
	FILE *fp = tmpfile();

	OK(fp != NULL);
	progress_init(&p, fp, true);
	progress_stage(&p, "verifying", 10);
	/* Within 1/PROGRESS_HZ s of the last draw: nothing. */
	progress_update(&p, 1);
	INT_EQ(slurp(fp, b, sizeof(b)), 0);
	fseek(fp, 0, SEEK_END);
	p.drawn.tv_sec -= 1;
	p.stage_t0.tv_sec -= 1;
	progress_update(&p, 4);
	OK(p.shown);
	progress_clear(&p);
	OK(!p.shown);
	slurp(fp, b, sizeof(b));
	OK(strncmp(b, "\rverifying 4/10 (40%), ", 23) == 0);
	OK(strstr(b, "/s\033[K\r\033[K") != NULL);
	fclose(fp);
}

TESTS(T(test_progress__format_with_total),
    T(test_progress__format_without_total_or_time),
    T(test_progress__format_truncates),
    T(test_progress__elapsed),
    T(test_progress__off_prints_nothing),
    T(test_progress__on_draws_and_clears))
