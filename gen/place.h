/*
 * place.h - where every file of a site goes, so that no two can meet.
 *
 * One table holds every path the site's files take, and the folders
 * they need; a path is taken once, as a file or as a folder.  The
 * places, in the order they are taken:
 *
 *  1. badgegen's own names (sitepath_reserved): index.html, 404.html,
 *     sitemap.xml, robots.txt, feed.xml, assets/, .badgegen/, verify/
 *     and the folder of each further language;
 *  2. for each page (issuer, badge class, award; later recipient
 *     collections) with the stem S its content file gives ("badges/ai"
 *     for content/badges/ai.json): S.html, where the page goes when S/
 *     cannot be its folder, and the files made beside it (an award's
 *     baked badge S.png and S.svg, a badge's share card S.card.png);
 *     the folders above S are folders of pages;
 *  3. each document and file of content/: a document whose id is under
 *     base_url at exactly its id's path (decoded; a folder id x/ as
 *     x/index.json), a signed award also at its content path, images
 *     and the JSON of other awards at their content path, the files of
 *     content/static/ at their path there;
 *  4. each page at S/index.html, or at S.html when S/ is not free: a
 *     document is at S or at S/index.json (its URL is S/), or a file of
 *     content/static/ is at S/index.html.
 *
 * No document takes a path ending in ".html" (the pages' own), so S.html
 * is always the page's.  What cannot have its place is left out with an
 * error that names both sides, and the build goes on: a document on one
 * of badgegen's names, on a page's place or a folder of pages; two
 * documents on one path, or one on the folder of another (both are left
 * out); a page whose S.html is taken (the later one, in content order).
 * A left-out document is not published and resolves nothing (model.h:
 * the resolver returns what the site serves), so what depends on it is
 * left out too: the badge classes of a left-out issuer, the awards of a
 * left-out badge class or issuer.
 */
#ifndef BADGEGEN_PLACE_H
#define BADGEGEN_PLACE_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

/*
 * Places the site of m (linked: model_link calls it before it lists
 * the issuers): sets doc->publish and the index of site paths, the
 * awards' json_path and jws_path, and the page path of every issuer,
 * badge class and public award; leaves out, with an error, what cannot
 * be placed (counting awards in m->failed).  Returns 0, or -1 when
 * anything was left out.
 */
int	 place_site(struct model *m, struct diag *d);

/*
 * Places one more page whose natural path is the folder path
 * ("recipients/alice/"), for what (a file, for messages): returns its
 * page path, path itself or its stem + ".html", or NULL after an error
 * when it has no place.  In m's arena.
 */
const char *place_page(struct model *m, const char *path, const char *what,
	    struct diag *d);

/*
 * Whether badgegen may write a file of its own at path: nothing of the
 * content is there or on the way (a theme file a content/static/ file
 * overrides is not written).
 */
bool	 place_is_free(const struct model *m, const char *path);

/* Frees the table of m (model_release calls it). */
void	 place_release(struct model *m);

#endif
