/*
 * <accept> (spec §6): answer an inbound call that is still offered (200,
 * then the ACK). Result: interaction.accept.done once the ACK came,
 * error.interaction.accept otherwise.
 */
#include "config.h"

#include "src/voice_priv.h"

static void accept_settled(voice_request *req, voice_call *vc,
			   const voice_result *res)
{
	voice_request_disarm(req);
	if (!res->released && res->status >= 200 && res->status <= 299) {
		vc->state = VOICE_CALL_CONNECTED;
		voice_request_succeed(req);
		return;
	}
	voice_request_fail_sip(req, VOICE_SIP_INVITE, "accept", res);
}

static void accept_execute(voice_request *req, scxml_action *act)
{
	voice_module *vm = req->vs->vm;
	voice_call *vc;
	voice_op *op;

	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_OFFERED)) < 0)
		return;
	op = voice_op_new(req, vc, accept_settled);
	if (sip_call_accept(vc->sip, voice_op_done, op) < 0) {
		voice_op_abort(op);
		voice_request_fail(req, "unknown", "accept: cannot answer");
		return;
	}
	/* Bounded by the ACK's wait in sip/; this only backs it up. */
	voice_request_guard(req, vc,
			    req->timeout_s > 0 ? req->timeout_s
					       : vm->cfg.answer_timeout_s);
}

static const scxml_attr_spec accept_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_accept_desc = {
	.name = "accept",
	.prefix = "interaction",
	.attrs = accept_attrs,
	.execute = accept_execute,
};
