/*
 * <hold> (spec §5): a re-INVITE with our SDP set to sendonly (inactive when
 * the peer holds us); sip/ retries a 491 once. Also voice_reinvite, the
 * re-INVITE step (hold or back to sendrecv) that retrieve, consultation,
 * alternate and reconnect build on.
 */
#include "config.h"

#include "src/voice_priv.h"

int voice_reinvite(voice_request *req, voice_call *vc, gboolean hold,
		   voice_step_fn step)
{
	voice_module *vm = req->vs->vm;
	voice_op *op = voice_op_new(req, vc, step);
	GHashTable *headers =
		req->action->reinvite_action ? req->headers : NULL;
	double timeout_s = req->action->reinvite_action && req->timeout_s > 0
				   ? req->timeout_s
				   : vm->cfg.reinvite_timeout_s;
	int rc;

	if (hold)
		rc = sip_call_hold(vc->sip, headers, voice_op_done, op);
	else
		rc = sip_call_retrieve(vc->sip, headers, voice_op_done, op);
	if (rc < 0) {
		voice_op_abort(op);
		voice_request_note(
			req, "unknown",
			hold ? "hold: cannot send the re-INVITE"
			     : "retrieve: cannot send the re-INVITE");
		return -1;
	}
	voice_request_guard(req, vc, timeout_s);
	return 0;
}

gboolean voice_reinvite_settle(voice_call *vc, gboolean hold,
			       const voice_result *res)
{
	if (!res->released && res->status >= 200 && res->status <= 299) {
		vc->state = hold ? VOICE_CALL_HELD : VOICE_CALL_CONNECTED;
		return TRUE;
	}
	/* RFC 3261 §14.1: a re-INVITE that timed out ends the dialog. */
	if (!res->released && res->status == 408)
		voice_call_release(vc, "failed");
	return FALSE;
}

static void hold_settled(voice_request *req, voice_call *vc,
			 const voice_result *res)
{
	voice_request_disarm(req);
	if (voice_reinvite_settle(vc, TRUE, res))
		voice_request_succeed(req);
	else
		voice_request_fail_sip(req, VOICE_SIP_REINVITE, "hold", res);
}

static void hold_execute(voice_request *req, scxml_action *act)
{
	voice_call *vc;

	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_CONNECTED)) < 0)
		return;
	if (voice_reinvite(req, vc, TRUE, hold_settled) < 0)
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec hold_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_hold_desc = {
	.name = "hold",
	.prefix = "voice",
	.reinvite_action = TRUE,
	.attrs = hold_attrs,
	.execute = hold_execute,
};
