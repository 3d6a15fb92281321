/*
 * fuzz_manifest.c - the writer on a damaged output: the input is the
 * output's manifest, or, when it starts with "badgegen-journal", a
 * journal an interrupted build left (with a staging directory beside
 * it).  An incremental build then opens the output, keeps a file, writes
 * another and commits.  Nothing may escape the temporary directory.
 */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
put(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		abort();
	fwrite(data, 1, len, fp);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char keep[] = "index.html";
	char dir[] = "/tmp/fuzz_manifest.XXXXXX";
	char path[128], out[96];
	struct writer_opts o = { 0, false, true, true, false };
	struct writer *w = NULL;
	struct diag d = DIAG_INIT;
	struct okey k;
	bool journal = size >= 16 && memcmp(data, "badgegen-journal", 16) == 0;

	d.quiet = true;
	memset(k.b, 1, sizeof(k.b));
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(out, sizeof(out), "%s/site", dir);
	snprintf(path, sizeof(path), "%s/.badgegen", out);
	if (mkdir(out, 0755) < 0 || mkdir(path, 0755) < 0)
		abort();
	snprintf(path, sizeof(path), "%s/%s", out, keep);
	put(path, "old\n", 4);
	snprintf(path, sizeof(path), "%s/.badgegen/manifest", out);
	if (journal) {
		put(path, "badgegen-manifest 1\n"
		    "01010101010101010101010101010101 index.html\n", 64);
		snprintf(path, sizeof(path), "%s/.site.staging-AbCd12", dir);
		if (mkdir(path, 0755) < 0)
			abort();
		snprintf(path, sizeof(path), "%s/.site.staging-AbCd12/a.html",
		    dir);
		put(path, "new\n", 4);
		snprintf(path, sizeof(path), "%s/.site.journal", dir);
	}
	put(path, data, size);

	if (writer_open_opts(&w, out, &o, &d) == 0) {
		(void)writer_stamp(w);
		if (writer_keep(w, keep, &k, &d) == 0)
			(void)writer_put_key(w, keep, "x\n", 2, &k, &d);
		(void)writer_put_key(w, "a/b.html", "y\n", 2, &k, &d);
		(void)writer_commit(w, &d);
	}
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
