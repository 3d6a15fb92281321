/* t_hash.c - Open Badges identity hashes. */
#include "hash.h"
#include "harness.h"

static void
test_hash__identity(void)
{
	struct buf m = BUF_INIT;
	struct diag d = DIAG_INIT;

	d.quiet = true;
	d.capture = &m;
	/* DCPV OB 2.0 vectors: recipient of every assertion. */
	INT_EQ(identity_hash_match("sha256$ecf5409f3f4b91ab60cc5ef4c02aef70"
	    "32354375e70cf4d8e43f6a1d29891942", "nobody@example.org",
	    "deadsea", &d), 1);
	/* OB 3.0 spec, IdentityHash example. */
	INT_EQ(identity_hash_match("sha256$b5809d8a92f8858436d7e6b87c12ebc0"
	    "ae1eac4baecc2c0b913aee2c922ef399", "a@example.com", "Kosher",
	    &d), 1);
	/* Upper-case hex and algorithm name are fine. */
	INT_EQ(identity_hash_match("SHA256$B5809D8A92F8858436D7E6B87C12EBC0"
	    "AE1EAC4BAECC2C0B913AEE2C922EF399", "a@example.com", "Kosher",
	    &d), 1);
	/* OB 2.0 spec example without salt. */
	INT_EQ(identity_hash_match("sha256$7a1a1b3f7d40552e4299180e346e3add"
	    "12bf9a751a43d9c4ca4518febc2c60c6", "mayze", NULL, &d), 1);
	INT_EQ(identity_hash_match("sha256$7a1a1b3f7d40552e4299180e346e3add"
	    "12bf9a751a43d9c4ca4518febc2c60c6", "mayze", "", &d), 1);
	/* The salt is appended, not prepended; the case of the input counts. */
	INT_EQ(identity_hash_match("sha256$b5809d8a92f8858436d7e6b87c12ebc0"
	    "ae1eac4baecc2c0b913aee2c922ef399", "Kosher", "a@example.com",
	    &d), 0);
	INT_EQ(identity_hash_match("sha256$b5809d8a92f8858436d7e6b87c12ebc0"
	    "ae1eac4baecc2c0b913aee2c922ef399", "A@example.com", "Kosher",
	    &d), 0);
	/* md5("abc") */
	INT_EQ(identity_hash_match("md5$900150983cd24fb0d6963f7d28e17f72",
	    "a", "bc", &d), 1);
	INT_EQ(identity_hash_match("md5$900150983cd24fb0d6963f7d28e17f73",
	    "a", "bc", &d), 0);
	INT_EQ(m.len, 0);
	/* Malformed. */
	INT_EQ(identity_hash_match("sha1$a9993e364706816aba3e25717850c26c9cd0d89d",
	    "abc", NULL, &d), -1);
	OK(strstr(m.data, "expected \"sha256$<hex>\"") != NULL);
	INT_EQ(identity_hash_match("sha256$abcd", "abc", NULL, &d), -1);
	OK(strstr(m.data, "expected 64 hex digits, found 4") != NULL);
	INT_EQ(identity_hash_match("md5$900150983cd24fb0d6963f7d28e17fzz",
	    "abc", NULL, &d), -1);
	OK(strstr(m.data, "'z' is not a hex digit") != NULL);
	INT_EQ(identity_hash_match("nobody@example.org", "nobody@example.org",
	    NULL, &d), -1);
	buf_release(&m);
}

TESTS(T(test_hash__identity))
