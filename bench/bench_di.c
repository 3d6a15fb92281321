/*
 * bench_di.c - microseconds per Data Integrity verification.
 *
 *	make build/bench_di && build/bench_di [credential.json ...]
 *
 * For each credential (default: the OB 3.0 spec vector, a DCC
 * credential with alignments, and the 1EdTech "complete" credential)
 * prints the size, the first verification (which parses and builds the
 * shared contexts), then the best and the median of 31 batches of 300
 * verifications (di_verify), and the same for the canonicalization and
 * hashing alone (di_hash_data).  Not run by make check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "json.h"
#include "proof.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* The key of the first proof: did:key, or the URL fragment of the
 * 1EdTech test vectors (a shortcut acceptable in a benchmark only). */
static int
key_of(unsigned char pub[32], const struct json *proof)
{
	const char *vm = json_get_str(proof, "verificationMethod"), *h;

	if (vm == NULL)
		return -1;
	if (strncmp(vm, "did:key:", 8) == 0)
		return di_did_key_public(pub, vm, NULL);
	if ((h = strchr(vm, '#')) != NULL)
		return di_multikey_decode(pub, h + 1, NULL);
	return -1;
}

static int
dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

#define BATCHES	31
#define PER	300

/* Runs the verification (or, with hash_only, di_hash_data) in batches;
 * sets the best and the median microseconds per call. */
static int
measure(double *best, double *median, const struct json *doc,
    const struct json *proof, const unsigned char pub[32], int hash_only)
{
	double t[BATCHES], t0;
	unsigned char hash[64];
	int b, i;

	for (b = 0; b < BATCHES; b++) {
		t0 = now_us();
		for (i = 0; i < PER; i++)
			if (hash_only ? di_hash_data(hash, doc, proof, NULL) :
			    di_verify(doc, proof, pub, NULL))
				return -1;
		t[b] = (now_us() - t0) / PER;
	}
	qsort(t, BATCHES, sizeof(t[0]), dcmp);
	*best = t[0];
	*median = t[BATCHES / 2];
	return 0;
}

static int
bench(const char *path)
{
	static char text[1 << 20];
	struct arena a = ARENA_INIT;
	struct json *doc;
	const struct json *proof;
	unsigned char pub[32];
	double t0, first, vbest, vmed, hbest, hmed;
	size_t n;
	int rc = -1;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	n = fread(text, 1, sizeof(text), fp);
	fclose(fp);
	if (json_parse(&doc, &a, path, text, n, NULL) < 0)
		goto out;
	proof = json_get(doc, "proof");
	if (proof != NULL && proof->type == JSON_ARRAY)
		proof = proof->child;
	if (proof == NULL || key_of(pub, proof) < 0) {
		fprintf(stderr, "%s: no usable proof\n", path);
		goto out;
	}
	t0 = now_us();
	if (di_verify(doc, proof, pub, NULL) < 0)
		goto out;
	first = now_us() - t0;
	if (measure(&vbest, &vmed, doc, proof, pub, 0) < 0 ||
	    measure(&hbest, &hmed, doc, proof, pub, 1) < 0)
		goto out;
	printf("%-50.50s %6zu B  first %6.0f us  verify %5.1f us (median "
	    "%5.1f)  canonicalize+SHA-256 %5.1f (median %5.1f)\n",
	    strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path, n,
	    first, vbest, vmed, hbest, hmed);
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

int
main(int argc, char **argv)
{
	static const char *defaults[] = {
		"tests/data/vectors/1edtech-spec/ob3-ldp-test-vector/"
		    "credential-signed.json",
		"tests/data/vectors/dcc-vc-test-fixtures/verifiableCredentials/v2/"
		    "dataIntegrityProof/didKey/"
		    "legacyRegistry-noStatus-noExpiry-alignments.json",
		"tests/data/vectors/1edtech-dcpv/ob30/simple.json",
		"tests/data/vectors/1edtech-dcpv/ob30/complete.json",
	};
	int i, bad = 0;

	if (sodium_init() < 0)
		return 3;
	if (argc > 1)
		for (i = 1; i < argc; i++)
			bad |= bench(argv[i]) < 0;
	else
		for (i = 0; i < (int)(sizeof(defaults) / sizeof(defaults[0]));
		    i++)
			bad |= bench(defaults[i]) < 0;
	return bad;
}
