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

/* path "-" is stdout. Returns NULL with *err when the file can't be opened. */
event_log *event_log_open(const char *path, GError **err);
void event_log_event(event_log *log, scxml_session *s, const scxml_event *ev);
/* reason: "done", "timeout" or "error". */
void event_log_exit(event_log *log, scxml_session *s, const char *final_id,
		    const char *reason);
void event_log_close(event_log *log);

#endif
