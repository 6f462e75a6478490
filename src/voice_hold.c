/*
 * <hold> and <retrieve> (spec §5): a re-INVITE with our SDP set to sendonly
 * (inactive when the peer holds us) or back to sendrecv; sip/ retries a 491
 * once. Also voice_reinvite, the re-INVITE step that consultation,
 * alternate and reconnect build on.
 */
#include "config.h"

#include "src/voice_priv.h"

static const voice_action hold_action = {"hold", "voice", TRUE};
static const voice_action retrieve_action = {"retrieve", "voice", TRUE};

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

static int execute(scxml_action *act, voice_module *vm, gboolean hold)
{
	voice_request *req = voice_request_begin(
		act, vm, hold ? &hold_action : &retrieve_action);
	voice_call *vc;

	if (!req)
		return 0; /* error.execution is raised already */
	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc,
			      VOICE_ST(hold ? VOICE_CALL_CONNECTED
					    : VOICE_CALL_HELD)) < 0)
		goto out;
	if (voice_reinvite(req, vc, hold,
			   hold ? hold_settled : retrieve_settled) < 0)
		voice_request_fail_noted(req, NULL);
out:
	voice_request_unref(req);
	return 0;
}

int voice_hold_execute(scxml_action *act, void *module_data)
{
	return execute(act, module_data, TRUE);
}

int voice_retrieve_execute(scxml_action *act, void *module_data)
{
	return execute(act, module_data, FALSE);
}
