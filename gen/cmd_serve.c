/*
 * cmd_serve.c - badgegen serve: the preview of a site's work tree,
 * rebuilt when a file changes and served on localhost.
 *
 * The site is built into a private directory, "$TMPDIR/badgegen-serve.
 * XXXXXX/site" (the lock, journal and verification cache of the build
 * beside it), never into the configured output; the directory is removed
 * when serve stops.  GNU libmicrohttpd serves it from a thread of its
 * own; the main thread waits on inotify (content/ and templates/ whole,
 * site.conf) and on SIGINT/SIGTERM/SIGHUP through a signalfd, and
 * rebuilds once the files have been quiet for SERVE_DEBOUNCE_MS.
 *
 * The pages on disk are exactly what build writes.  Only the responses
 * of HTML files get, before </body>, a script (SERVE_PREFIX "reload.js")
 * that polls SERVE_PREFIX "status" for the build counter: it reloads
 * the page after a rebuild, and shows the messages of a failed build
 * over the page.
 */
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "build.h"
#include "cmd.h"
#include "fs.h"
#include "json.h"

const char cmd_serve_help[] =
"Builds the work tree of the site (the files on disk, committed or not)\n"
"into a private directory, $TMPDIR/badgegen-serve.XXXXXX (never into\n"
"site.conf's output), and serves it on http://127.0.0.1:<port>/ for a\n"
"browser.  When a file under content/ or templates/, or site.conf,\n"
"changes (new directories included), the site is rebuilt, only what the\n"
"change touches, and the open pages reload themselves.  The messages of\n"
"a build that fails are printed here and shown over the page.  Ctrl-C\n"
"stops serve and removes the directory.\n"
"\n"
"    --repo <dir>       the site repository (default: the current directory)\n"
"    --port <n>         the TCP port, 0 to 65535 (default 8000; 0: any free\n"
"                       port, printed)\n"
"    --bind <address>   the IPv4 or IPv6 address to listen on (default\n"
"                       127.0.0.1: this computer only)\n"
"    --now <time>       the build date (ISO 8601, or @<unix seconds>)\n"
"    --jobs <n>         threads that verify awards, 1 to 256\n"
"    --quiet            print errors only\n"
"\n"
"Only the files of the built site are served: paths with . or ..\n"
"segments (percent-encoded too) or leading out of the directory through\n"
"a symbolic link are refused (403); a missing file gets the site's\n"
"404.html.  HTML responses carry a small script from /__badgegen/ that\n"
"the built files themselves never contain.\n"
"\n"
"Exit status: 0 stopped by a signal, 2 usage or configuration error,\n"
"3 I/O error (the directory, the port).\n";

const struct opt cmd_serve_opts[] = {
	OPT_SITE_REPO,
	{ "port", OPT_VALUE, ARG(port), "a port number", NULL, 0 },
	{ "bind", OPT_VALUE, ARG(bind), "an address", NULL, 0 },
	OPT_SITE_NOW,
	OPT_SITE_JOBS,
	OPT_SITE_QUIET,
	OPT_END
};

#define SERVE_PORT		8000
#define SERVE_BIND		"127.0.0.1"
#define SERVE_DEBOUNCE_MS	150
#define SERVE_PREFIX		"/__badgegen/"
#define SERVE_HTML_MAX		(64u * 1024 * 1024)

/* What inotify reports in content/ and templates/. */
#define WATCH_TREE	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | \
			 IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | \
			 IN_ONLYDIR | IN_DONT_FOLLOW)
/* In the site's directory: site.conf and the two directories. */
#define WATCH_ROOT	(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | \
			 IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

/* The script every HTML response carries in the preview. */
static const char reload_js[] =
"(function () {\n"
"\t\"use strict\";\n"
"\tvar me = document.currentScript;\n"
"\tvar seen = me ? me.getAttribute(\"data-build\") : null;\n"
"\tvar box = null;\n"
"\tfunction show(text) {\n"
"\t\tif (box === null) {\n"
"\t\t\tbox = document.createElement(\"div\");\n"
"\t\t\tbox.id = \"badgegen-preview-errors\";\n"
"\t\t\tbox.setAttribute(\"role\", \"alert\");\n"
"\t\t\tbox.style.cssText = \"position:fixed;top:0;left:0;right:0;\" +\n"
"\t\t\t    \"max-height:60vh;overflow:auto;z-index:2147483647;\" +\n"
"\t\t\t    \"margin:0;padding:1em;background:#fff0f0;color:#600;\" +\n"
"\t\t\t    \"border-bottom:3px solid #c00;font:14px/1.4 monospace;\" +\n"
"\t\t\t    \"white-space:pre-wrap\";\n"
"\t\t\tdocument.body.appendChild(box);\n"
"\t\t}\n"
"\t\tbox.textContent = \"badgegen serve: the build failed; the \" +\n"
"\t\t    \"page is the last one built.\\n\\n\" + text;\n"
"\t}\n"
"\tfunction hide() {\n"
"\t\tif (box !== null) {\n"
"\t\t\tbox.remove();\n"
"\t\t\tbox = null;\n"
"\t\t}\n"
"\t}\n"
"\tfunction poll() {\n"
"\t\tfetch(\"" SERVE_PREFIX "status\", { cache: \"no-store\" })\n"
"\t\t.then(function (r) { return r.json(); })\n"
"\t\t.then(function (s) {\n"
"\t\t\tif (seen !== null && String(s.build) !== seen) {\n"
"\t\t\t\tlocation.reload();\n"
"\t\t\t\treturn;\n"
"\t\t\t}\n"
"\t\t\tseen = String(s.build);\n"
"\t\t\tif (s.ok) hide(); else show(s.messages);\n"
"\t\t\tsetTimeout(poll, 500);\n"
"\t\t}, function () { setTimeout(poll, 2000); });\n"
"\t}\n"
"\tpoll();\n"
"})();\n";

/* The file types of a site, by the end of the file's name. */
static const struct {
	const char	*ext;
	const char	*type;
} content_types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".htm", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".jsonld", "application/ld+json" },
	{ ".webmanifest", "application/manifest+json" },
	{ ".jws", "text/plain; charset=utf-8" },
	{ ".jwt", "text/plain; charset=utf-8" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".md", "text/plain; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".svg", "image/svg+xml" },
	{ ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" },
	{ ".webp", "image/webp" },
	{ ".ico", "image/vnd.microsoft.icon" },
	{ ".xml", "application/xml" },
	{ ".wasm", "application/wasm" },
	{ ".pdf", "application/pdf" },
	{ ".woff", "font/woff" },
	{ ".woff2", "font/woff2" },
};

/* What the HTTP thread and the main thread share. */
struct serve {
	pthread_mutex_t	 lock;		/* guards what follows */
	unsigned	 build;		/* builds done (failed ones too) */
	bool		 ok;		/* the last build succeeded */
	struct buf	 messages;	/* the last build's messages */
	char		*root;		/* the preview directory, resolved */
	size_t		 root_len;
};

/* The directories inotify watches, by watch descriptor. */
struct watches {
	int		 fd;
	int		 root_wd;	/* the site's directory */
	char		**path;		/* path[wd]: NULL when not watched */
	size_t		 n;
};

/* The content type of a file name. */
static const char *
content_type(const char *name)
{
	size_t i, len = strlen(name), n;

	for (i = 0; i < sizeof(content_types) / sizeof(content_types[0]);
	    i++) {
		n = strlen(content_types[i].ext);
		if (len > n && strcasecmp(name + len - n,
		    content_types[i].ext) == 0)
			return content_types[i].type;
	}
	return "application/octet-stream";
}

static bool
is_html(const char *name)
{
	return strncmp(content_type(name), "text/html", 9) == 0;
}

/* Whether a URL path has a "." or ".." segment (MHD has decoded it). */
static bool
has_dot_segment(const char *url)
{
	const char *p = url, *end;
	size_t n;

	while (*p != '\0') {
		while (*p == '/')
			p++;
		end = strchr(p, '/');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		if ((n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return true;
		p += n;
	}
	return false;
}

/* Queues a response and releases it. */
static enum MHD_Result
respond(struct MHD_Connection *c, unsigned status, struct MHD_Response *r,
    const char *type)
{
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	if (type != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* A short plain-text answer. */
static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	return respond(c, status, MHD_create_response_from_buffer(strlen(text),
	    (void *)text, MHD_RESPMEM_MUST_COPY), "text/plain; charset=utf-8");
}

/* GET /__badgegen/status: {"build":n,"ok":bool,"messages":"..."}. */
static enum MHD_Result
send_status(struct MHD_Connection *c, struct serve *sv)
{
	struct buf j = BUF_INIT;
	char *data;
	size_t len;

	pthread_mutex_lock(&sv->lock);
	buf_printf(&j, "{\"build\":%u,\"ok\":%s,\"messages\":", sv->build,
	    sv->ok ? "true" : "false");
	json_write_str(&j, sv->messages.len > 0 ? sv->messages.data : "",
	    sv->messages.len, 0);
	pthread_mutex_unlock(&sv->lock);
	buf_puts(&j, "}\n");
	data = buf_detach(&j, &len);
	return respond(c, MHD_HTTP_OK, MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE), "application/json");
}

/*
 * An HTML file with the reload script before its last </body> (or at
 * its end), as a response.  Returns NULL when the file cannot be read.
 */
static struct MHD_Response *
html_response(struct serve *sv, const char *path)
{
	struct diag quiet = DIAG_INIT;
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t at, i, len;
	unsigned build;
	char *data;

	quiet.quiet = true;
	if (fs_read_file(&in, path, SERVE_HTML_MAX, false, &quiet) != 0) {
		buf_release(&in);
		return NULL;
	}
	at = in.len;
	for (i = 0; i + 7 <= in.len; i++)
		if (in.data[i] == '<' &&
		    strncasecmp(in.data + i, "</body>", 7) == 0)
			at = i;
	pthread_mutex_lock(&sv->lock);
	build = sv->build;
	pthread_mutex_unlock(&sv->lock);
	if (at > 0)
		buf_put(&out, in.data, at);
	buf_printf(&out, "<script src=\"" SERVE_PREFIX "reload.js\" "
	    "data-build=\"%u\"></script>\n", build);
	if (in.len > at)
		buf_put(&out, in.data + at, in.len - at);
	buf_release(&in);
	data = buf_detach(&out, &len);
	return MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
}

/* A regular file of the preview as a response. */
static enum MHD_Result
send_file(struct MHD_Connection *c, struct serve *sv, const char *path,
    unsigned status)
{
	struct MHD_Response *r;
	struct stat st;
	int fd;

	if (is_html(path)) {
		if ((r = html_response(sv, path)) == NULL)
			return send_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
		return respond(c, status, r, content_type(path));
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return send_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return send_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	}
	/* MHD closes fd with the response. */
	r = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (r == NULL)
		close(fd);
	return respond(c, status, r, content_type(path));
}

/* 404, with the site's 404.html when it has one. */
static enum MHD_Result
send_not_found(struct MHD_Connection *c, struct serve *sv)
{
	struct buf p = BUF_INIT;
	struct stat st;
	enum MHD_Result ret;

	buf_printf(&p, "%s/404.html", sv->root);
	if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode))
		ret = send_file(c, sv, p.data, MHD_HTTP_NOT_FOUND);
	else
		ret = send_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	buf_release(&p);
	return ret;
}

/*
 * The file a URL path names in the preview: fills real with its
 * resolved path.  Returns 0; 1 when it is a directory named without a
 * trailing '/'; -1 when there is none; -2 when it is outside the
 * preview directory.
 */
static int
resolve(struct serve *sv, const char *url, struct buf *real)
{
	struct buf p = BUF_INIT;
	struct stat st;
	char *r;
	int rc = -1;

	buf_printf(&p, "%s%s", sv->root, url);
	if (url[strlen(url) - 1] == '/')
		BUF_PUTSL(&p, "index.html");
	if ((r = realpath(p.data, NULL)) == NULL)
		goto out;
	if (strncmp(r, sv->root, sv->root_len) != 0 ||
	    (r[sv->root_len] != '/' && r[sv->root_len] != '\0')) {
		rc = -2;
		goto out;
	}
	buf_puts(real, r);
	if (stat(r, &st) < 0)
		goto out;
	if (S_ISDIR(st.st_mode))
		rc = 1;
	else if (S_ISREG(st.st_mode))
		rc = 0;
out:
	free(r);
	buf_release(&p);
	return rc;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct serve *sv = cls;
	struct MHD_Response *r;
	struct buf real = BUF_INIT, loc = BUF_INIT;
	enum MHD_Result ret;

	(void)version;
	(void)upload_data;
	(void)upload_data_size;
	(void)con_cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
	    strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "only GET and HEAD\n");
	if (url[0] != '/' || strlen(url) >= PATH_MAX / 2 ||
	    has_dot_segment(url))
		return send_text(c, MHD_HTTP_FORBIDDEN,
		    "refused: the path leaves the preview directory\n");
	if (strcmp(url, SERVE_PREFIX "reload.js") == 0)
		return respond(c, MHD_HTTP_OK, MHD_create_response_from_buffer(
		    sizeof(reload_js) - 1, (void *)reload_js,
		    MHD_RESPMEM_PERSISTENT), "text/javascript; charset=utf-8");
	if (strcmp(url, SERVE_PREFIX "status") == 0)
		return send_status(c, sv);
	switch (resolve(sv, url, &real)) {
	case 0:
		ret = send_file(c, sv, real.data, MHD_HTTP_OK);
		break;
	case 1:
		/* One leading '/': "//x/" would name another host. */
		while (url[1] == '/')
			url++;
		buf_printf(&loc, "%s/", url);
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		if (r != NULL)
			MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION,
			    loc.data);
		ret = respond(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
		break;
	case -2:
		ret = send_text(c, MHD_HTTP_FORBIDDEN,
		    "refused: the path leaves the preview directory\n");
		break;
	default:
		ret = send_not_found(c, sv);
		break;
	}
	buf_release(&real);
	buf_release(&loc);
	return ret;
}

/* Adds a watch on dir and every directory under it. */
static void
watch_tree(struct watches *w, const char *dir)
{
	struct buf sub = BUF_INIT;
	struct dirent *e;
	struct stat st;
	DIR *dp;
	int wd;

	if ((wd = inotify_add_watch(w->fd, dir, WATCH_TREE)) < 0)
		return;
	if ((size_t)wd >= w->n) {
		w->path = xreallocarray(w->path, (size_t)wd + 1,
		    sizeof(*w->path));
		memset(w->path + w->n, 0, ((size_t)wd + 1 - w->n) *
		    sizeof(*w->path));
		w->n = (size_t)wd + 1;
	}
	if (w->path[wd] == NULL)
		w->path[wd] = xstrdup(dir);
	if ((dp = opendir(dir)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&sub);
		buf_printf(&sub, "%s/%s", dir, e->d_name);
		if (lstat(sub.data, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(w, sub.data);
	}
	closedir(dp);
	buf_release(&sub);
}

static void
watches_release(struct watches *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->path[i]);
	free(w->path);
	if (w->fd >= 0)
		close(w->fd);
	memset(w, 0, sizeof(*w));
	w->fd = -1;
}

/*
 * Starts watching the site in dir.  Returns 0, or -1 after reporting.
 */
static int
watches_init(struct watches *w, const char *dir, struct diag *d)
{
	struct buf p = BUF_INIT;

	memset(w, 0, sizeof(*w));
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
		return diag_err(d, "%s: cannot watch for changes: %s", dir,
		    strerror(errno));
	if ((w->root_wd = inotify_add_watch(w->fd, dir, WATCH_ROOT)) < 0) {
		diag_err(d, "%s: cannot watch for changes: %s", dir,
		    strerror(errno));
		watches_release(w);
		return -1;
	}
	buf_printf(&p, "%s/content", dir);
	watch_tree(w, p.data);
	buf_reset(&p);
	buf_printf(&p, "%s/templates", dir);
	watch_tree(w, p.data);
	buf_release(&p);
	return 0;
}

/*
 * Reads the events waiting on w: watches new directories and returns
 * whether a file that makes the site changed.
 */
static bool
watches_read(struct watches *w, const char *dir)
{
	char ev[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *e;
	struct buf p = BUF_INIT;
	bool changed = false;
	ssize_t n;
	char *q;

	while ((n = read(w->fd, ev, sizeof(ev))) > 0) {
		for (q = ev; q < ev + n; q += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)(void *)q;
			if (e->mask & IN_Q_OVERFLOW) {
				changed = true;
				continue;
			}
			if (e->wd < 0 || (size_t)e->wd >= w->n ||
			    (e->wd != w->root_wd && w->path[e->wd] == NULL))
				continue;
			if (e->mask & IN_IGNORED) {
				free(w->path[e->wd]);
				w->path[e->wd] = NULL;
				continue;
			}
			if (e->wd == w->root_wd) {
				if (e->len == 0)
					continue;
				if (strcmp(e->name, "site.conf") == 0) {
					changed = true;
					continue;
				}
				if (strcmp(e->name, "content") != 0 &&
				    strcmp(e->name, "templates") != 0)
					continue;
				buf_reset(&p);
				buf_printf(&p, "%s/%s", dir, e->name);
			} else {
				buf_reset(&p);
				buf_printf(&p, "%s/%s", w->path[e->wd],
				    e->len > 0 ? e->name : "");
			}
			changed = true;
			if ((e->mask & (IN_CREATE | IN_MOVED_TO)) &&
			    (e->mask & IN_ISDIR))
				watch_tree(w, p.data);
		}
	}
	buf_release(&p);
	return changed;
}

/* Milliseconds of the monotonic clock. */
static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Builds the work tree into out and records the outcome in sv.  Opens
 * the site afresh first (site.conf may have changed) unless first is
 * true.
 */
static void
rebuild(struct serve *sv, struct site *s, const struct args *a,
    const char *out, bool first)
{
	struct diag d = DIAG_INIT;
	struct buf log = BUF_INIT;
	struct build_opts o;
	struct build_result res;
	struct site_opts so = a->site;
	int64_t t0 = now_ms();
	int rc = 0;

	d.capture = &log;
	d.quiet_warnings = a->site.quiet;
	if (!first) {
		site_release(s);
		so.worktree = true;
		rc = site_open(s, &so, SITE_OPEN | SITE_WORKTREE, &d);
	}
	if (rc == 0) {
		memset(&o, 0, sizeof(o));
		o.out = out;
		o.quiet = a->site.quiet;
		rc = build_run(s, &o, &d, &res);
	}
	pthread_mutex_lock(&sv->lock);
	sv->build++;
	sv->ok = rc == 0 && d.errors == 0;
	buf_reset(&sv->messages);
	if (!sv->ok)
		buf_put(&sv->messages, log.data, log.len);
	pthread_mutex_unlock(&sv->lock);
	if (!a->site.quiet)
		fprintf(stderr, "serve: build %u %s in %lld ms\n", sv->build,
		    sv->ok ? "done" : "failed", (long long)(now_ms() - t0));
	buf_release(&log);
}

/* Fills sa with address:port.  Returns 0, or -1 when it is no address. */
static int
parse_addr(struct sockaddr_storage *sa, const char *addr, unsigned port)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)(void *)sa;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)(void *)sa;

	memset(sa, 0, sizeof(*sa));
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		return 0;
	}
	return -1;
}

/* The port of --port.  Returns 0, or -1 after reporting. */
static int
parse_port(const char *s, unsigned *port, struct diag *d)
{
	char *end;
	long n;

	if (s == NULL) {
		*port = SERVE_PORT;
		return 0;
	}
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || n < 0 || n > 65535)
		return diag_err(d, "--port %s: expected a number from 0 to "
		    "65535", s);
	*port = (unsigned)n;
	return 0;
}

int
cmd_serve_check(const struct args *a, struct diag *d)
{
	struct sockaddr_storage sa;
	unsigned port;

	if (parse_port(a->port, &port, d) < 0)
		return -1;
	if (parse_addr(&sa, a->bind != NULL ? a->bind : SERVE_BIND, port) < 0)
		return diag_err(d, "--bind %s: expected an IPv4 or IPv6 "
		    "address (as 127.0.0.1 or ::1)", a->bind);
	return 0;
}

/*
 * Waits for changes of the site in dir and for signals, rebuilding into
 * out; returns on a signal.
 */
static void
serve_loop(struct serve *sv, struct site *s, const struct args *a,
    const char *dir, const char *out, struct watches *w, int sfd)
{
	struct pollfd pfd[2];
	struct signalfd_siginfo si;
	int64_t due = -1, left;

	pfd[0].fd = w->fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = sfd;
	pfd[1].events = POLLIN;
	for (;;) {
		left = due < 0 ? -1 : due - now_ms();
		if (due >= 0 && left <= 0) {
			due = -1;
			rebuild(sv, s, a, out, false);
			continue;
		}
		if (poll(pfd, 2, left > INT_MAX ? INT_MAX : (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (pfd[1].revents & POLLIN) {
			if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
				return;
		}
		if ((pfd[0].revents & POLLIN) && watches_read(w, dir))
			due = now_ms() + SERVE_DEBOUNCE_MS;
	}
}

int
cmd_serve(const struct args *a, struct site *s, struct diag *d)
{
	struct serve sv;
	struct watches w;
	struct sockaddr_storage sa;
	struct MHD_Daemon *daemon = NULL;
	const union MHD_DaemonInfo *info;
	struct buf tmp = BUF_INIT, out = BUF_INIT, host = BUF_INIT;
	const char *bind = a->bind != NULL ? a->bind : SERVE_BIND;
	sigset_t set, old;
	unsigned port, flags;
	bool masked = false;
	char *dir = xstrdup(s->dir);
	int sfd = -1, rc = EXIT_IO;

	memset(&sv, 0, sizeof(sv));
	pthread_mutex_init(&sv.lock, NULL);
	w.fd = -1;
	w.path = NULL;
	w.n = 0;
	if (parse_port(a->port, &port, d) < 0 ||
	    parse_addr(&sa, bind, port) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	/* The signals go to the signalfd, in every thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	masked = true;
	if ((sfd = signalfd(-1, &set, SFD_CLOEXEC)) < 0) {
		diag_err(d, "serve: cannot wait for signals: %s",
		    strerror(errno));
		goto out;
	}
	if (watches_init(&w, dir, d) < 0)
		goto out;
	if (fs_mkdtemp(&tmp, "badgegen-serve", d) < 0)
		goto out;
	buf_printf(&out, "%s/site", tmp.data);
	if (fs_mkdir_p(out.data, 0755, d) < 0)
		goto out;
	if ((sv.root = realpath(out.data, NULL)) == NULL) {
		diag_err(d, "%s: cannot resolve: %s", out.data,
		    strerror(errno));
		goto out;
	}
	sv.root_len = strlen(sv.root);

	rebuild(&sv, s, a, out.data, true);

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	if (sa.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, handle,
	    &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
	if (daemon == NULL) {
		diag_err(d, "%s port %u: cannot listen (in use, or not an "
		    "address of this computer)", bind, port);
		goto out;
	}
	if ((info = MHD_get_daemon_info(daemon,
	    MHD_DAEMON_INFO_BIND_PORT)) != NULL && info->port != 0)
		port = info->port;
	if (sa.ss_family == AF_INET6)
		buf_printf(&host, "[%s]", bind);
	else
		buf_puts(&host, bind);
	printf("serving the work tree of %s at http://%s:%u/ (built in %s); "
	    "Ctrl-C stops\n", s->dir, host.data, port, out.data);
	fflush(stdout);

	serve_loop(&sv, s, a, dir, out.data, &w, sfd);
	rc = 0;
	if (!a->site.quiet)
		fprintf(stderr, "serve: stopped; %s removed\n", tmp.data);
out:
	if (daemon != NULL)
		MHD_stop_daemon(daemon);
	if (tmp.len > 0)
		fs_remove_tree(tmp.data);
	watches_release(&w);
	if (sfd >= 0)
		close(sfd);
	if (masked)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	free(dir);
	free(sv.root);
	buf_release(&sv.messages);
	pthread_mutex_destroy(&sv.lock);
	buf_release(&tmp);
	buf_release(&out);
	buf_release(&host);
	return rc;
}
