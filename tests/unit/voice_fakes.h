/*
 * Fakes for the voice module's unit tests: a scripted stand-in for the
 * interpreter's extension API (actions with given attribute values,
 * sessions that record the events posted to them) and for the SIP agent
 * (calls that record every operation and complete only when the test says
 * so). The module is linked against these instead of scxml/ and sip/, so
 * every path — including timeouts and a peer's BYE mid-action — is driven
 * deterministically without a network.
 */
#ifndef VOICE_FAKES_H
#define VOICE_FAKES_H

#include <sipscxml/scxml_ext.h>

#include "tests/unit/voice_fake_sip.h"

struct scxml_engine {
	GMainContext *ctx;
	GPtrArray *elements; /* const scxml_ext_element* */
};

struct scxml_session {
	GPtrArray *events; /* scxml_event* posted, in order */
	GHashTable *module_data;
	GHashTable *module_destroy;
	gboolean ended;
};

struct scxml_action {
	scxml_session *session;
	const char *element;
	GHashTable *values;  /* attr → JsonNode* */
	GHashTable *strings; /* attr → char* (scxml_action_string) */
	char *requestid;     /* what was assigned to requestid */
	gboolean has_requestid;
};

scxml_engine *fake_engine_new(void);
void fake_engine_free(scxml_engine *e);
scxml_session *fake_session_new(void);
/* End the session: run module data destroy functions. */
void fake_session_end(scxml_session *s);
void fake_session_free(scxml_session *s);

/* Execute element name with attributes given as pairs of (name, JSON text),
 * NULL-terminated. "requestid" names a location (its text is ignored).
 * Returns the handler's return value; *act_out (may be NULL) receives the
 * action, to be freed with fake_action_free. */
int fake_exec(scxml_engine *e, scxml_session *s, scxml_action **act_out,
	      const char *name, ...) G_GNUC_NULL_TERMINATED;
void fake_action_free(scxml_action *act);

/* Events posted to s: count, i-th name, i-th data member as string/int. */
guint fake_event_count(scxml_session *s);
const char *fake_event_name(scxml_session *s, guint i);
const char *fake_event_str(scxml_session *s, guint i, const char *member);
gint64 fake_event_int(scxml_session *s, guint i, const char *member);
/* Run the default main context until s has n events (or 5 s pass). */
void fake_wait_events(scxml_session *s, guint n);

#endif
