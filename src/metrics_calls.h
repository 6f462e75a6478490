/*
 * A session's live calls and their states (metrics_calls.c), for the HTTP
 * API's session view and the calls-by-state gauge.
 */
#ifndef METRICS_CALLS_H
#define METRICS_CALLS_H

#include <sipscxml/scxml.h>

/* state: "dialing", "ringing", "offered", "connected", "held" (the voice
 * module's names). */
typedef void (*metrics_call_fn)(const char *interactionid, const char *state,
				gboolean inbound, void *ud);
void metrics_calls_foreach(scxml_session *s, metrics_call_fn fn, void *ud);

#endif
