/*
 * vmsg.h - the messages of verification in English and Japanese.
 *
 * A check's message is written in English, as a printf format of the
 * catalog (vmsg.c), and formatted twice: in English, and in Japanese
 * from the catalog's Japanese format for the same arguments.  A %s
 * argument that is itself a message (made earlier for the same report
 * and registered, or a whole message of the catalog) is given in
 * Japanese in the Japanese text.  Messages captured from lower modules
 * (keys, JWS, proofs, JSON-LD) are translated by the catalog's
 * patterns; what no pattern matches stays as it is (technical detail).
 *
 * Instants in messages are written "2026-03-19T15:00:00Z"; whoever
 * shows a message puts them in the reader's time zone and language
 * (vmsg_local_dates).
 *
 * Conversions: %s, %.*s, %d, %u, %zu, %llu and %%; a Japanese format
 * may name its arguments by position (%2$s).  tests/e2e/verify.sh
 * checks that every message of verification is in the catalog.
 */
#ifndef BADGEGEN_VMSG_H
#define BADGEGEN_VMSG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "date.h"

/* An English message and its Japanese, in the catalog. */
struct vmsg_entry {
	const char	*en;
	const char	*ja;
};

/* The strings made in two languages for one report (in its arena). */
struct vmsg_reg {
	struct arena	*a;
	const char	**en;
	const char	**ja;
	size_t		 n, cap;
};

/* Starts an empty registry whose arrays go to arena a. */
void	 vmsg_reg_init(struct vmsg_reg *r, struct arena *a);
/* Registers ja as the Japanese of the string en (kept by the caller). */
void	 vmsg_reg_add(struct vmsg_reg *r, const char *en, const char *ja);
/* The Japanese of s: registered, a whole message of the catalog, or s. */
const char *vmsg_reg_ja(const struct vmsg_reg *r, const char *s);

/*
 * Appends fmt formatted with ap to en, and the Japanese of fmt
 * formatted with the same arguments to ja (their Japanese, for %s
 * arguments reg knows; reg may be NULL).  A format missing from the
 * catalog is used as it is for both.
 */
void	 vmsg_vformat(struct buf *en, struct buf *ja,
	    const struct vmsg_reg *reg, const char *fmt, va_list ap);

/* The Japanese of a whole message (no conversions), or NULL. */
const char *vmsg_ja(const char *en);

/*
 * Appends the Japanese of text, a message of a lower module, to out:
 * the first pattern of the catalog that matches it whole, its parts
 * translated in turn; else text itself.
 */
void	 vmsg_translate(struct buf *out, const char *text);

/*
 * Appends text with every instant of it ("YYYY-MM-DDTHH:MM:SSZ")
 * written as a date and time of zone tz (NULL: UTC) in language lang
 * ("2026年3月20日 0:00", "20 March 2026, 00:00").  html: the text is
 * escaped for HTML and each instant becomes
 * <time datetime="2026-03-19T15:00:00Z">...</time>.
 */
void	 vmsg_local_dates(struct buf *out, const char *text,
	    const struct tz *tz, const char *lang, bool html);

/* The catalog, sorted by en (for tests). */
const struct vmsg_entry *vmsg_catalog(size_t *n);
/* The patterns for lower modules' messages, most specific first. */
const struct vmsg_entry *vmsg_patterns(size_t *n);

#endif
