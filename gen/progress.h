/*
 * progress.h - the one-line progress display of long builds.
 *
 * On a terminal a build shows its stage, count/total and rate on one
 * line of stderr, redrawn with '\r' at most PROGRESS_HZ times a second
 * and erased at the end.  Times come from the monotonic clock, never the
 * build date: nothing written to the site depends on them.  A disabled
 * progress (not a terminal, --quiet) prints nothing and costs a branch.
 *
 * Not thread-safe: callers that update one progress from several
 * threads serialise the calls (the verify stage does it under its lock).
 */
#ifndef BADGEGEN_PROGRESS_H
#define BADGEGEN_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#define PROGRESS_HZ	10

struct progress {
	FILE		*fp;		/* where the line goes */
	bool		 on;		/* draw at all */
	bool		 shown;		/* a line is on the screen */
	const char	*stage;		/* "reading", "verifying", ... */
	size_t		 count;
	size_t		 total;		/* 0: unknown */
	struct timespec	 t0;		/* progress_init */
	struct timespec	 stage_t0;	/* progress_stage */
	struct timespec	 drawn;		/* the last draw */
};

/*
 * Starts the clock.  When on is false (stderr is not a terminal, or
 * --quiet) nothing is ever printed, but progress_elapsed still works.
 * fp NULL means stderr.  Nothing to free.
 */
void	 progress_init(struct progress *p, FILE *fp, bool on);

/* Starts a stage of total items (0: unknown); the count starts at 0. */
void	 progress_stage(struct progress *p, const char *stage, size_t total);

/* Sets the count of the stage; redraws if 1/PROGRESS_HZ s have passed. */
void	 progress_update(struct progress *p, size_t count);

/* Erases the line if one is shown (before other output, at the end). */
void	 progress_clear(struct progress *p);

/*
 * Suits diag's interrupt hook: arg is a struct progress; erases the line
 * so that a message starts on a clean line.
 */
void	 progress_interrupt(void *arg);

/* Seconds since progress_init, from the monotonic clock. */
double	 progress_elapsed(const struct progress *p);

/*
 * Formats the line for stage at count of total (0: unknown) after secs
 * seconds of the stage into out (size bytes, always terminated):
 * "verifying 1200/10000 (12%), 3400/s" or "reading 1200, 3400/s"; the
 * rate is left out until time has passed.  Returns the length written.
 */
size_t	 progress_format(char *out, size_t size, const char *stage,
	    size_t count, size_t total, double secs);

/*
 * Formats an elapsed time for the build summary into out: "0.42 s",
 * "12.3 s", "2 min 05 s".  Returns the length written.
 */
size_t	 progress_format_elapsed(char *out, size_t size, double secs);

#endif
