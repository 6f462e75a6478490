/*
 * <retrieve> (spec §5): a re-INVITE putting a held call's SDP back to
 * sendrecv (voice_reinvite, in voice_hold.c); sip/ retries a 491 once.
 */
#include "config.h"

#include "src/voice_priv.h"

static void retrieve_settled(voice_request *req, voice_call *vc,
			     const voice_result *res)
{
	voice_request_disarm(req);
	if (voice_reinvite_settle(vc, FALSE, res))
		voice_request_succeed(req);
	else
		voice_request_fail_sip(req, VOICE_SIP_REINVITE, "retrieve",
				       res);
}

static void retrieve_execute(voice_request *req, scxml_action *act)
{
	voice_call *vc;

	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_HELD)) < 0)
		return;
	if (voice_reinvite(req, vc, FALSE, retrieve_settled) < 0)
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec retrieve_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_retrieve_desc = {
	.name = "retrieve",
	.prefix = "voice",
	.reinvite_action = TRUE,
	.attrs = retrieve_attrs,
	.execute = retrieve_execute,
};
