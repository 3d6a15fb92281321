/*
 * driver.c - replays fuzz inputs without libFuzzer.
 *
 *	fuzz_<name> <file-or-dir>...
 *
 * Calls LLVMFuzzerTestOneInput once per file (directories are read one
 * level deep).  A crash or sanitizer report fails the run; the last line
 * is "N passed, N failed, 0 skipped" (a replay has nothing to skip).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	 LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t ran;

static int
run_file(const char *path)
{
	FILE *fp;
	uint8_t *data;
	long n;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	data = malloc(n > 0 ? (size_t)n : 1);
	if (data == NULL || fread(data, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(data);
		perror(path);
		return -1;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(data, (size_t)n);
	free(data);
	ran++;
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	struct stat st;
	struct dirent *de;
	DIR *dir;
	char **names, path[4096];
	size_t n, cap, i;
	int k, bad = 0;

	for (k = 1; k < argc; k++) {
		if (stat(argv[k], &st) < 0) {
			perror(argv[k]);
			bad++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad += run_file(argv[k]) < 0;
			continue;
		}
		if ((dir = opendir(argv[k])) == NULL) {
			perror(argv[k]);
			bad++;
			continue;
		}
		names = NULL;
		n = cap = 0;
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				names = realloc(names, cap * sizeof(*names));
				if (names == NULL)
					abort();
			}
			names[n++] = strdup(de->d_name);
		}
		closedir(dir);
		qsort(names, n, sizeof(*names), cmp);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s", argv[k], names[i]);
			bad += run_file(path) < 0;
			free(names[i]);
		}
		free(names);
	}
	printf("%zu passed, %d failed, 0 skipped\n", ran, bad);
	return bad != 0;
}
