/*
 * <transfer> (spec §5). Single-step (to given): REFER on the transferee's
 * dialog with Refer-To: <to>. Two-step (no to): the consultation call is the
 * target — REFER to the transferee with Refer-To: the consulted party's
 * remote target plus Replaces of the consultation dialog (RFC 3891); sip/
 * builds the Refer-To and Referred-By.
 *
 * Success is the final NOTIFY's sipfrag 2xx: done, then our own legs the
 * peers have not ended are released. A refusal, a sipfrag >= 300 or no
 * final NOTIFY within the timeout leave the calls as they were.
 *
 * req->a: the transferee's call; req->b: the consultation call (two-step).
 */
#include "config.h"

#include "src/voice_priv.h"

static void transfer_settled(voice_request *req, voice_call *vc,
			     const voice_result *res)
{
	gboolean ok;

	voice_request_disarm(req);
	/* The peer may end the dialog just before sip/ reports the sipfrag
	 * 200; sip/ then says so with the TRANSFERRED cause. */
	ok = res->released ? res->cause == SIP_END_TRANSFERRED
			   : (res->status >= 200 && res->status <= 299);
	if (!ok) {
		/* A refused REFER and a sipfrag have different tables
		 * (voice_outcome.c); res says which it was. */
		voice_request_fail_sip(req, VOICE_SIP_REFER, "transfer", res);
		return;
	}
	voice_request_succeed(req);
	voice_call_release(req->a, "transferred");
	if (req->b)
		voice_call_release(req->b, "transferred");
}

/* No final NOTIFY in time: the transfer fails with timeout and the calls
 * stay as they were — which includes sip/ no longer waiting for that REFER,
 * or the call could never be transferred again and a sipfrag 200 arriving
 * late would end it as transferred after the flow was told it failed. */
static void transfer_timed_out(voice_request *req)
{
	voice_call *a = req->a;

	if (!voice_op_pending(req, a))
		return;
	/* sip/ first: the error event may run the flow at once, and a flow
	 * that transfers again must find no REFER pending. */
	sip_call_refer_abandon(a->sip);
	voice_op_expire(req, a, 408, "Request Timeout");
}

static void transfer_execute(voice_request *req, scxml_action *act)
{
	voice_module *vm = req->vs->vm;
	const unsigned answered =
		VOICE_ST(VOICE_CALL_CONNECTED) | VOICE_ST(VOICE_CALL_HELD);
	const char *to, *target;
	GError *err = NULL;
	voice_call *a, *b = NULL;
	voice_op *op;

	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_string(req, act, "to", FALSE, &to) < 0 ||
	    voice_attr_common(req, act) < 0)
		return;
	if (!to) {
		if (voice_attr_call(req, act, "consultinteractionid", FALSE,
				    &b) < 0)
			return;
		if (!b)
			b = voice_session_only_other(req->vs, a, answered);
		if (!b || b == a) {
			voice_request_fail(req, "invalidstate",
					   "transfer without to needs one "
					   "consultation call");
			return;
		}
	} else if (!voice_address_plausible(to)) {
		voice_request_fail(req, "invaliddestination", "unparsable to");
		return;
	}
	if (voice_check_state(req, a, answered) < 0 ||
	    (b && voice_check_state(req, b, answered) < 0))
		return;
	req->a = voice_call_ref(a);
	if (b)
		req->b = voice_call_ref(b);
	target = b ? sip_call_remote_uri(b->sip) : to;
	op = voice_op_new(req, a, transfer_settled);
	if (sip_call_refer(a->sip, target, b ? b->sip : NULL, req->headers,
			   voice_op_done, op, &err) < 0) {
		/* a to sip/ cannot parse is invaliddestination */
		voice_op_abort(op);
		voice_request_fail(req, voice_refusal_error(err),
				   err ? err->message
				       : "transfer: cannot send the REFER");
		g_clear_error(&err);
		return;
	}
	voice_request_arm(req,
			  req->timeout_s > 0 ? req->timeout_s
					     : vm->cfg.transfer_timeout_s,
			  transfer_timed_out);
}

static const scxml_attr_spec transfer_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"to", SCXML_ATTR_VALUE, FALSE},
	{"consultinteractionid", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_transfer_desc = {
	.name = "transfer",
	.prefix = "voice",
	.attrs = transfer_attrs,
	.execute = transfer_execute,
};
