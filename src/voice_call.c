/*
 * Interactions: one voice_call per SIP dialog, named by a random UUID (never
 * the Call-ID), indexed in its session while live. The SIP observer keeps
 * the call's state and, when the dialog ends, first settles the operation
 * in flight on it (so its result event comes before) and then posts
 * interaction.deleted once — after the result of the request that owns
 * the call, if that one is still pending.
 */
#include "config.h"

#include <string.h>

#include "src/voice_priv.h"

voice_call *voice_call_new(voice_session *vs, gboolean inbound)
{
	voice_call *vc = g_new0(voice_call, 1);

	vc->refs = 1;
	vc->vs = voice_session_ref(vs);
	vc->id = g_uuid_string_random();
	vc->inbound = inbound;
	vc->state = inbound ? VOICE_CALL_OFFERED : VOICE_CALL_DIALING;
	return vc;
}

void voice_call_attach(voice_call *vc, sip_call *sip)
{
	vc->sip = sip_call_ref(sip);
	/* The session's index holds its own reference until the end. */
	g_hash_table_insert(vc->vs->calls, vc->id, voice_call_ref(vc));
}

voice_call *voice_call_ref(voice_call *vc)
{
	vc->refs++;
	return vc;
}

void voice_call_unref(voice_call *vc)
{
	if (!vc || --vc->refs > 0)
		return;
	if (vc->sip)
		sip_call_unref(vc->sip);
	if (vc->vs)
		voice_session_unref(vc->vs);
	if (vc->udata)
		json_node_unref(vc->udata);
	g_free(vc->type);
	g_free(vc->reason);
	g_free(vc->id);
	g_free(vc);
}

voice_call *voice_session_find_call(voice_session *vs, const char *id)
{
	return id ? g_hash_table_lookup(vs->calls, id) : NULL;
}

gboolean voice_call_live(const voice_call *vc)
{
	return vc && vc->state != VOICE_CALL_RELEASED;
}

const char *voice_call_state_name(voice_call_state st)
{
	static const char *const names[] = {
		"dialing",   "ringing", "offered",
		"connected", "held",	"released",
	};

	return names[st];
}

int voice_call_hangup(voice_call *vc, const char *cause, GHashTable *headers,
		      sip_done_fn done, void *ud)
{
	if (!voice_call_live(vc) || !vc->sip || vc->hung_up)
		return -1;
	vc->hung_up = TRUE;
	if (!vc->forced_cause)
		vc->forced_cause = cause;
	/* sip/ sends BYE, CANCEL, or 480 to an inbound call not answered. */
	if (sip_call_hangup(vc->sip, headers, done, ud) < 0) {
		vc->hung_up = FALSE;
		return -1;
	}
	return 0;
}

void voice_call_release(voice_call *vc, const char *cause)
{
	voice_call_hangup(vc, cause, NULL, NULL, NULL);
}

static void call_on_state(sip_call *call, sip_call_state state, void *ud)
{
	voice_call *vc = ud;

	switch (state) {
	case SIP_CALL_RINGING:
		if (vc->state == VOICE_CALL_DIALING)
			vc->state = VOICE_CALL_RINGING;
		break;
	case SIP_CALL_CONNECTED:
		vc->state = VOICE_CALL_CONNECTED;
		break;
	case SIP_CALL_HELD:
		vc->state = VOICE_CALL_HELD;
		break;
	case SIP_CALL_DIALING:
	case SIP_CALL_RELEASED:
		/* RELEASED is handled by on_released, with its cause. */
		break;
	}
}

static const char *end_cause_name(sip_end_cause cause)
{
	switch (cause) {
	case SIP_END_LOCAL:
		return "local";
	case SIP_END_REMOTE:
		return "remote";
	case SIP_END_TRANSFERRED:
		return "transferred";
	case SIP_END_FAILED:
		break;
	}
	return "failed";
}

static void call_on_released(sip_call *call, sip_end_cause cause,
			     const sip_outcome *why, void *ud)
{
	voice_call *vc = ud;
	voice_session *vs = vc->vs;
	const char *name;

	if (vc->state == VOICE_CALL_RELEASED)
		return;
	voice_call_ref(vc);
	voice_session_ref(vs);
	vc->state = VOICE_CALL_RELEASED;
	/* A cause the peer gave wins over the one we meant to report when
	 * our BYE crossed theirs; a failure we chose (timeout) wins over the
	 * LOCAL the stack reports for our BYE. */
	name = (vc->forced_cause && cause != SIP_END_REMOTE)
		       ? vc->forced_cause
		       : end_cause_name(cause);
	if (g_hash_table_steal(vs->calls, vc->id))
		voice_call_unref(vc);
	voice_op_released(vc, cause, why);
	voice_call_post_deleted(vc, voice_event_deleted(vc->id, name));
	voice_session_unref(vs);
	voice_call_unref(vc);
}

const sip_call_observer voice_call_observer = {
	.on_state = call_on_state,
	.on_released = call_on_released,
};
