/*
 * <reconnect> (spec §5): release the consultation call (BYE, or CANCEL when
 * unanswered) and retrieve the held call. Done after the retrieve's 2xx,
 * with interactionid = the retrieved call.
 *
 * req->b: the held call.
 */
#include "config.h"

#include "src/voice_priv.h"

static void reconnect_retrieved(voice_request *req, voice_call *vc,
				const voice_result *res)
{
	voice_request_disarm(req);
	if (voice_reinvite_settle(vc, FALSE, res))
		voice_request_succeed(req);
	else
		voice_request_fail_sip(req, VOICE_SIP_REINVITE,
				       "reconnect: retrieve", res);
}

static void reconnect_execute(voice_request *req, scxml_action *act)
{
	voice_call *a, *b;

	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_call(req, act, "heldinteractionid", FALSE, &b) < 0 ||
	    voice_attr_common(req, act) < 0)
		return;
	if (!b)
		b = voice_session_only_other(req->vs, a,
					     VOICE_ST(VOICE_CALL_HELD));
	if (!b || b == a) {
		voice_request_fail(req, "invalidstate",
				   "reconnect: no held call to go back to");
		return;
	}
	if (voice_check_state(req, a,
			      VOICE_ST(VOICE_CALL_DIALING) |
				      VOICE_ST(VOICE_CALL_RINGING) |
				      VOICE_ST(VOICE_CALL_CONNECTED) |
				      VOICE_ST(VOICE_CALL_HELD)) < 0 ||
	    voice_check_state(req, b, VOICE_ST(VOICE_CALL_HELD)) < 0)
		return;
	voice_request_set_interaction(req, b->id);
	req->b = voice_call_ref(b);
	/* its interaction.deleted follows the result */
	voice_request_own(req, a);
	voice_call_release(a, "local");
	if (voice_reinvite(req, b, FALSE, reconnect_retrieved) < 0)
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec reconnect_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"heldinteractionid", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_reconnect_desc = {
	.name = "reconnect",
	.prefix = "voice",
	.reinvite_action = TRUE,
	.attrs = reconnect_attrs,
	.execute = reconnect_execute,
};
