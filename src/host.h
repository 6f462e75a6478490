/*
 * The host: what owns the running sessions of one process, their shared
 * event log, and (under serve) the routing of inbound calls to new
 * sessions. `run` is a host with one session, `serve` the same host with
 * one session per inbound call. A session that ends is freed by the host
 * from an idle callback, never from inside its own callbacks.
 */
#ifndef HOST_H
#define HOST_H

#include "src/cli_session.h"
#include "src/metrics.h"

typedef struct host host;

/* One session of the host. */
typedef struct host_session {
	cli_session cs; /* first: the cli_session's callbacks find us */
	host *h;
	scxml_doc *doc; /* reference held */
	char *route;	/* serve: the route that started it, else NULL */
	char *document; /* serve: the document's path, else NULL */
	gboolean stop_queued;
	gint64 started; /* wall clock, µs since the epoch (0: not started) */
} host_session;

/* log: the event log shared by every session (taken; may be NULL). */
host *host_new(cli_env *env, event_log *log);
/* Frees every session (stopping those still running) and the log. */
void host_free(host *h);
event_log *host_log(host *h);
cli_env *host_env(host *h);

/* Called once for each session that ended, from its exit hook (the
 * session is freed later, from the loop, unless the host keeps them). */
void host_set_on_exit(host *h, void (*on_exit)(host *h, host_session *hs,
					       void *ud),
		      void *ud);
/* run: ended sessions stay until host_free (the caller reads how they
 * ended). Default: freed from an idle callback. */
void host_keep_ended(host *h, gboolean keep);
/* serve: a session whose last call ended is stopped (exit reason
 * "last-call"). */
void host_set_end_with_last_call(host *h, gboolean on);

/* A new session of doc (not started). route/document: serve's, for the
 * start and exit records (NULL under run). defines as --define;
 * strict_defines: see cli_session_open_log. NULL after printing why. */
host_session *host_session_new(host *h, scxml_doc *doc, const char *route,
			       const char *document, char **defines,
			       gboolean strict_defines);
/* Starts it (logging the start record under serve). -1 when it could not
 * start; the session is then ended, and freed as any ended one. */
int host_session_start(host_session *hs);

/* The counters of GET /metrics (fed by the event log's records). */
metrics *host_metrics(host *h);
/* Called with each record of the event log, after it is written (serve's
 * HTTP API: Server-Sent Events). One listener; NULL removes it. */
void host_set_listener(host *h, event_log_tap fn, void *ud);
/* The live session with this id, or NULL. */
host_session *host_find(host *h, const char *id);
/* Every live session, in no particular order. */
void host_foreach(host *h, void (*fn)(host_session *hs, void *ud), void *ud);

/* Sessions not yet ended. */
guint host_live_sessions(host *h);
/* Stops every live session, with reason for their exit records. */
void host_stop_all(host *h, const char *reason);

#endif
