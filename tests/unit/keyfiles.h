/*
 * keyfiles.h - what the tests of keys, signing and JWS share: reading
 * the files of tests/data/jws/, capturing messages, hex.  Include after
 * harness.h.  The functions are inline so that a test that does not
 * use one does not warn.
 */
#ifndef BADGEGEN_KEYFILES_H
#define BADGEGEN_KEYFILES_H

#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "diag.h"
#include "key.h"

/* Reads tests/data/jws/<name> into out (cleared); 0 or -1. */
static inline int
slurp(struct buf *out, const char *name)
{
	char path[512], b[4096];
	const char *top = getenv("TOP");
	FILE *fp;
	size_t n;

	buf_reset(out);
	snprintf(path, sizeof(path), "%s/tests/data/jws/%s",
	    top != NULL ? top : ".", name);
	if ((fp = fopen(path, "rb")) == NULL) {
		FAIL_AT("cannot open %s", path);
		return -1;
	}
	while ((n = fread(b, 1, sizeof(b), fp)) > 0)
		buf_put(out, b, n);
	fclose(fp);
	return 0;
}

/* A diag that keeps quiet and captures into m (cleared). */
static inline struct diag
capture(struct buf *m)
{
	struct diag d = DIAG_INIT;

	buf_reset(m);
	d.quiet = true;
	d.capture = m;
	return d;
}

/* The public key of the PEM file tests/data/jws/<name>, or NULL. */
static inline struct key *
pem_file(const char *name)
{
	struct buf b = BUF_INIT;
	struct key *k = NULL;

	if (slurp(&b, name) == 0 &&
	    key_from_pem(&k, b.data, b.len, name, NULL) < 0)
		k = NULL;
	buf_release(&b);
	return k;
}

/* Writes p[0..n) as lower-case hex and a NUL to out. */
static inline void
hex(char *out, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

#endif
