/*
 * sipscxml serve: what its files share. serve_config.c reads [serve],
 * serve_routes.c the route table ([routes]: request-URI user → document),
 * serve_cmd.c is the command (routing calls to new sessions, overload,
 * draining, reloading), serve_notify.c tells systemd. See doc/serve.md.
 */
#ifndef SERVE_H
#define SERVE_H

#include "src/cli.h"

/* ---- [serve] ------------------------------------------------------------ */

typedef struct serve_config {
	guint max_sessions;	    /* live sessions; 503 past it */
	guint max_calls;	    /* live calls, all sessions; 503 past it */
	double drain_time_s;	    /* SIGTERM: how long sessions may go on */
	gboolean end_with_last_call; /* a session ends with its last call */
	double max_loop_lag_s;	    /* shed new calls past it; 0: off */
	/* For tests only: the loop's lag as $SIPSCXML_TEST_LOOP_LAG says
	 * (seconds), instead of the measured one; < 0: measure. */
	double test_loop_lag_s;
} serve_config;

/* Defaults for what kf (may be NULL) does not set; unknown keys and bad
 * values are errors naming the key. */
int serve_config_load(GKeyFile *kf, serve_config *cfg, GError **err);

/* ---- [routes] ----------------------------------------------------------- */

/* A document as loaded for serve: shared by the routes naming it, and by
 * every session started from it (they hold their own reference to doc). */
typedef struct serve_doc {
	char *path; /* as resolved against the config's folder */
	scxml_doc *doc; /* NULL: refused (did not pass check) */
} serve_doc;

typedef struct serve_route {
	char *pattern; /* the key: a user, a glob, or "default" */
	gboolean glob;
	serve_doc *doc; /* borrowed from the table */
} serve_route;

typedef struct serve_routes serve_routes;

/* The [routes] group of kf (NULL: no routes), documents resolved against
 * base_dir and loaded once. A document that does not pass check is
 * reported (file:line) and its routes answer 500 — unless previous (a
 * reload) had it loaded: then that version stays, and the reason is
 * reported. NULL with *err only for a malformed group. */
serve_routes *serve_routes_load(cli_env *env, GKeyFile *kf,
				const char *base_dir,
				const serve_routes *previous, GError **err);
void serve_routes_free(serve_routes *rt);
/* The first route in file order whose pattern matches user, else the
 * default one, else NULL. */
const serve_route *serve_routes_match(const serve_routes *rt,
				      const char *user);
guint serve_routes_count(const serve_routes *rt);
/* The route whose key is name exactly (globs not expanded, "default"
 * included), or NULL: the HTTP API starts sessions by route name. */
const serve_route *serve_routes_find(const serve_routes *rt,
				     const char *name);

/* ---- systemd ------------------------------------------------------------ */

/* serve's g_message/g_warning go to the journal when stderr is connected
 * to it, else to stderr as "sipscxml serve: ..." lines (serve_log.c).
 * Once, before the first message. */
void serve_log_init(void);

/* Tells the service manager state ("READY=1", "STOPPING=1", ...; lines
 * separated by \n) when $NOTIFY_SOCKET is set (serve_notify.c). */
void serve_notify(const char *state);

int cli_serve(int argc, char **argv);

#endif
