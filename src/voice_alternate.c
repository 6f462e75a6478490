/*
 * <alternate> (spec §5): hold the active call, then retrieve the held one.
 * If the retrieve fails, the first call is retrieved again and the error
 * names the failing step. Done: interactionid = the call now active,
 * heldinteractionid = the call now held.
 *
 * req->a: the active call (to hold); req->b: the held call (to retrieve).
 */
#include "config.h"

#include "src/voice_priv.h"

static void alt_restored(voice_request *req, voice_call *vc,
			 const voice_result *res)
{
	voice_request_disarm(req);
	voice_request_fail_noted(
		req, voice_reinvite_settle(vc, FALSE, res)
			     ? NULL
			     : "; the first call could not be retrieved");
}

static void alt_retrieved(voice_request *req, voice_call *vc,
			  const voice_result *res)
{
	voice_call *a = req->a;

	voice_request_disarm(req);
	if (voice_reinvite_settle(vc, FALSE, res)) {
		voice_request_set_interaction(req, req->b->id);
		voice_request_set_held(req, a->id);
		voice_request_succeed(req);
		return;
	}
	voice_request_note_sip(req, VOICE_SIP_REINVITE,
			       "alternate: retrieve of the held call", res);
	if (voice_call_live(a) && a->state == VOICE_CALL_HELD && !a->op &&
	    voice_reinvite(req, a, FALSE, alt_restored) == 0)
		return;
	voice_request_fail_noted(req, NULL);
}

static void alt_held(voice_request *req, voice_call *vc,
		     const voice_result *res)
{
	voice_call *b = req->b;

	voice_request_disarm(req);
	if (!voice_reinvite_settle(vc, TRUE, res)) {
		voice_request_fail_sip(req, VOICE_SIP_REINVITE,
				       "alternate: hold of the active call",
				       res);
		return;
	}
	if (!voice_call_live(b) || b->state != VOICE_CALL_HELD || b->op) {
		/* The held call went away while we held the other. */
		voice_request_note(req, "invalidinteraction",
				   "alternate: the held call is gone");
		if (voice_reinvite(req, vc, FALSE, alt_restored) == 0)
			return;
		voice_request_fail_noted(req, NULL);
		return;
	}
	if (voice_reinvite(req, b, FALSE, alt_retrieved) < 0 &&
	    voice_reinvite(req, vc, FALSE, alt_restored) < 0)
		voice_request_fail_noted(req, NULL);
}

static void alternate_execute(voice_request *req, scxml_action *act)
{
	voice_call *a, *b;

	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_call(req, act, "heldinteractionid", FALSE, &b) < 0 ||
	    voice_attr_common(req, act) < 0)
		return;
	if (!b)
		b = voice_session_only_other(req->vs, a,
					     VOICE_ST(VOICE_CALL_HELD));
	if (!b) {
		voice_request_fail(req, "invalidrequest",
				   "heldinteractionid is missing and the "
				   "session does not hold exactly one held "
				   "call");
		return;
	}
	if (b == a) {
		voice_request_fail(req, "invalidrequest",
				   "interactionid and heldinteractionid name "
				   "the same call");
		return;
	}
	voice_request_set_held(req, b->id);
	if (voice_check_state(req, a, VOICE_ST(VOICE_CALL_CONNECTED)) < 0 ||
	    voice_check_state(req, b, VOICE_ST(VOICE_CALL_HELD)) < 0)
		return;
	req->a = voice_call_ref(a);
	req->b = voice_call_ref(b);
	if (voice_reinvite(req, a, TRUE, alt_held) < 0)
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec alternate_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"heldinteractionid", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_alternate_desc = {
	.name = "alternate",
	.prefix = "voice",
	.reinvite_action = TRUE,
	.attrs = alternate_attrs,
	.execute = alternate_execute,
};
