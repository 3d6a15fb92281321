/*
 * progress.c - the one-line progress display of long builds.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "progress.h"

static void
now(struct timespec *ts)
{
	if (clock_gettime(CLOCK_MONOTONIC, ts) != 0)
		memset(ts, 0, sizeof(*ts));
}

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void
progress_init(struct progress *p, FILE *fp, bool on)
{
	memset(p, 0, sizeof(*p));
	p->fp = fp != NULL ? fp : stderr;
	p->on = on;
	p->stage = "";
	now(&p->t0);
	p->stage_t0 = p->t0;
	p->drawn = p->t0;
}

static void
draw(struct progress *p, const struct timespec *t)
{
	char line[128];

	progress_format(line, sizeof(line), p->stage, p->count, p->total,
	    since(&p->stage_t0, t));
	/* Back to the start, the line, then erase what is left of it. */
	fprintf(p->fp, "\r%s\033[K", line);
	fflush(p->fp);
	p->shown = true;
	p->drawn = *t;
}

void
progress_stage(struct progress *p, const char *stage, size_t total)
{
	struct timespec t;

	p->stage = stage;
	p->count = 0;
	p->total = total;
	if (!p->on)
		return;
	now(&t);
	p->stage_t0 = t;
	/* Show a new stage at once if the line is already up. */
	if (p->shown)
		draw(p, &t);
}

void
progress_update(struct progress *p, size_t count)
{
	struct timespec t;

	p->count = count;
	if (!p->on)
		return;
	now(&t);
	if (since(&p->drawn, &t) >= 1.0 / PROGRESS_HZ)
		draw(p, &t);
}

void
progress_clear(struct progress *p)
{
	if (p == NULL || !p->on || !p->shown)
		return;
	fputs("\r\033[K", p->fp);
	fflush(p->fp);
	p->shown = false;
}

void
progress_interrupt(void *arg)
{
	progress_clear(arg);
}

double
progress_elapsed(const struct progress *p)
{
	struct timespec t;

	now(&t);
	return since(&p->t0, &t);
}

size_t
progress_format(char *out, size_t size, const char *stage, size_t count,
    size_t total, double secs)
{
	int n, k;

	if (size == 0)
		return 0;
	if (total > 0)
		n = snprintf(out, size, "%s %zu/%zu (%zu%%)", stage, count,
		    total, count >= total ? (size_t)100 :
		    (size_t)((double)count * 100.0 / (double)total));
	else
		n = snprintf(out, size, "%s %zu", stage, count);
	if (n < 0) {
		out[0] = '\0';
		return 0;
	}
	if ((size_t)n >= size)
		return size - 1;
	if (secs >= 0.05 && count > 0) {
		k = snprintf(out + n, size - (size_t)n, ", %.0f/s",
		    (double)count / secs);
		if (k < 0)
			out[n] = '\0';
		else
			n = (size_t)k >= size - (size_t)n ? (int)size - 1 :
			    n + k;
	}
	return (size_t)n;
}

size_t
progress_format_elapsed(char *out, size_t size, double secs)
{
	int n;
	long s;

	if (size == 0)
		return 0;
	if (secs < 0)
		secs = 0;
	if (secs < 10)
		n = snprintf(out, size, "%.2f s", secs);
	else if (secs < 60)
		n = snprintf(out, size, "%.1f s", secs);
	else {
		s = (long)(secs + 0.5);
		n = snprintf(out, size, "%ld min %02ld s", s / 60, s % 60);
	}
	if (n < 0) {
		out[0] = '\0';
		return 0;
	}
	return (size_t)n >= size ? size - 1 : (size_t)n;
}
