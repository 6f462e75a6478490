/*
 * The JSON event log (--events FILE): one line per event a session
 * processes, and one line when it exits. Tests and users read the same log,
 * so its shape is part of the interface (see README.md).
 */
#ifndef EVENT_LOG_H
#define EVENT_LOG_H

#include <stdio.h>
#include <sipscxml/scxml.h>

typedef struct event_log event_log;

/* path "-" is stdout. Returns NULL with *err when the file can't be opened.
 * The file is truncated (run, simulate: one log per run). */
event_log *event_log_open(const char *path, GError **err);
/* The same, appending to what the file holds (serve: a restarted service
 * keeps its log). */
event_log *event_log_open_append(const char *path, GError **err);
/* Without a file: only the tap sees the records (serve without
 * --events, for its HTTP API and metrics). */
event_log *event_log_new_tap_only(void);
/* Called with each record as it is written: the JSON object and its text
 * (one line, no newline). One tap per log. */
typedef void (*event_log_tap)(JsonObject *record, const char *line,
			      void *ud);
void event_log_set_tap(event_log *log, event_log_tap tap, void *ud);
void event_log_event(event_log *log, scxml_session *s, const scxml_event *ev);
/* reason: "done", "timeout", "stopped", "error" (and under serve
 * "last-call", "drain"). route and document: under serve, the route that
 * started the session and its document's path (NULL: left out). */
void event_log_exit(event_log *log, scxml_session *s, const char *final_id,
		    const char *reason, const char *route,
		    const char *document);
/* A call the session's end released (cause "session-ended"): the session
 * is never told, so this record pairs the call's interaction.added in the
 * log (doc/serve.md). Written before the session's exit record. */
void event_log_call_released(event_log *log, scxml_session *s,
			     const char *interactionid, const char *cause);
/* Under serve: a session started for a call on route, running document. */
void event_log_start(event_log *log, scxml_session *s, const char *route,
		     const char *document);
/* Buffered: lines are written out by event_log_flush (and when the buffer
 * fills) instead of one by one; serve flushes every second. */
void event_log_set_buffered(event_log *log, gboolean buffered);
void event_log_flush(event_log *log);
/* After log rotation: the file is opened again by its path (appending);
 * stdout stays. Returns 0, or -1 with *err (the old file is kept). */
int event_log_reopen(event_log *log, GError **err);
void event_log_close(event_log *log);

#endif
