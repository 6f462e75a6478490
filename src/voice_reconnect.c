/*
 * <reconnect> (spec §5): release the consultation call (BYE, or CANCEL when
 * unanswered) and retrieve the held call. Done after the retrieve's 2xx,
 * with interactionid = the retrieved call.
 *
 * req->b: the held call.
 */
#include "config.h"

#include "src/voice_priv.h"

static const voice_action reconnect_action = {"reconnect", "voice", TRUE};

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

int voice_reconnect_execute(scxml_action *act, void *module_data)
{
	voice_request *req =
		voice_request_begin(act, module_data, &reconnect_action);
	voice_call *a, *b;

	if (!req)
		return 0; /* error.execution is raised already */
	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_call(req, act, "heldinteractionid", FALSE, &b) < 0 ||
	    voice_attr_common(req, act) < 0)
		goto out;
	if (!b)
		b = voice_session_only_other(req->vs, a,
					     VOICE_ST(VOICE_CALL_HELD));
	if (!b || b == a) {
		voice_request_fail(req, "invalidstate",
				   "reconnect: no held call to go back to",
				   NULL);
		goto out;
	}
	if (voice_check_state(req, a,
			      VOICE_ST(VOICE_CALL_DIALING) |
				      VOICE_ST(VOICE_CALL_RINGING) |
				      VOICE_ST(VOICE_CALL_CONNECTED) |
				      VOICE_ST(VOICE_CALL_HELD)) < 0 ||
	    voice_check_state(req, b, VOICE_ST(VOICE_CALL_HELD)) < 0)
		goto out;
	voice_request_set_interaction(req, b->id);
	req->b = voice_call_ref(b);
	/* its interaction.deleted follows the result */
	voice_request_own(req, a);
	voice_call_release(a, "local");
	if (voice_reinvite(req, b, FALSE, reconnect_retrieved) < 0)
		voice_request_fail_noted(req, NULL);
out:
	voice_request_unref(req);
	return 0;
}
