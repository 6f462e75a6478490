/*
 * A session's live calls and their states (metrics_calls.c), for the HTTP
 * API's session view and the calls-by-state gauge.
 */
#ifndef METRICS_CALLS_H
#define METRICS_CALLS_H

#include <sipscxml/scxml.h>

#include "src/voice_module.h"

/* state: "dialing", "ringing", "offered", "connected", "held" (the voice
 * module's names). */
typedef void (*metrics_call_fn)(const char *interactionid, const char *state,
				gboolean inbound, void *ud);
void metrics_calls_foreach(scxml_session *s, metrics_call_fn fn, void *ud);

/* SIP responses the module's agent received of class cls (1..6: 1xx..6xx);
 * 0 before the agent started. */
guint64 metrics_sip_responses(voice_module *vm, int cls);

#endif
