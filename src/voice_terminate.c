/*
 * <terminate> (spec §6): end a call whatever its state — BYE when answered,
 * CANCEL when our INVITE is unanswered, 480 to an unanswered inbound call.
 * An action in flight on the call gets its own error from the call's end.
 * Result: interaction.terminate.done once the hang-up completed (any final
 * response: the dialog is gone either way), error.interaction.terminate
 * with timeout if the stack never reports it.
 */
#include "config.h"

#include "src/voice_priv.h"

static void terminate_done(sip_call *call, const sip_outcome *outcome, void *ud)
{
	voice_request *req = ud;

	voice_request_succeed(req);
	voice_request_unref(req);
}

static void terminate_timed_out(voice_request *req)
{
	voice_request_fail(req, "timeout",
			   "terminate: the hang-up did not "
			   "complete");
}

static void terminate_execute(voice_request *req, scxml_action *act)
{
	voice_module *vm = req->vs->vm;
	const char *reason;
	voice_call *vc;

	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_string(req, act, "reason", FALSE, &reason) < 0 ||
	    voice_attr_common(req, act) < 0)
		return;
	if (reason) {
		if (!req->headers)
			req->headers = g_hash_table_new_full(
				g_str_hash, g_str_equal, g_free, g_free);
		g_hash_table_replace(req->headers, g_strdup("X-Call-Reason"),
				     g_strdup(reason));
	}
	if (vc->hung_up) {
		/* Already on its way out (a transfer's clean-up, an earlier
		 * terminate): nothing more to send. */
		voice_request_succeed(req);
		return;
	}
	voice_request_arm(req,
			  req->timeout_s > 0 ? req->timeout_s
					     : vm->cfg.reinvite_timeout_s,
			  terminate_timed_out);
	if (voice_call_hangup(vc, "local", req->headers, terminate_done,
			      voice_request_ref(req)) < 0) {
		voice_request_unref(req);
		voice_request_fail(req, "invalidstate",
				   "terminate: nothing to hang up");
	}
}

static const scxml_attr_spec terminate_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"reason", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_terminate_desc = {
	.name = "terminate",
	.prefix = "interaction",
	.attrs = terminate_attrs,
	.execute = terminate_execute,
};
