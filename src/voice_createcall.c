/*
 * <createcall>: an outbound call (spec §5). Also home of voice_dial, the
 * INVITE with its answer timeout that consultation and conference reuse.
 *
 * The answer timeout sends CANCEL and waits for the INVITE to end (487) at
 * most [voice] cancel-wait seconds, so the error event follows the wire.
 */
#include "config.h"

#include <string.h>

#include "src/voice_priv.h"

static const char *const call_types[] = {
	"regular",	 "agent",      "supervisor", "priority",
	"agentpriority", "predictive", NULL,
};

/* ---- voice_dial -------------------------------------------------------- */

static void dial_gave_up(voice_request *req)
{
	/* No 487 after our CANCEL: stop waiting for it. */
	if (req->waiting)
		voice_op_forget(req, req->waiting);
	voice_request_fail(req, "timeout",
			   "no answer, and no response to "
			   "our CANCEL");
}

static void dial_timed_out(voice_request *req)
{
	voice_call *vc = req->waiting;
	double waited = req->armed_s;

	if (!vc || !vc->op) {
		voice_request_fail(req, "timeout", "no answer");
		return;
	}
	req->cancelling = TRUE;
	voice_call_release(vc, "failed");
	voice_request_arm(req, req->vs->vm->cfg.cancel_wait_s, dial_gave_up);
	/* Messages name the answer timeout, not the CANCEL wait. */
	req->armed_s = waited;
}

/* Only what can never be an address (line breaks, control characters) is
 * refused here; sip/ parses the rest ("Alice <sip:a@b>" is fine) and says
 * which of from / to it could not parse. */
gboolean voice_address_plausible(const char *addr)
{
	for (const char *p = addr; *p; p++)
		if (g_ascii_iscntrl(*p))
			return FALSE;
	return TRUE;
}

int voice_dial_addresses(voice_request *req, const char *from,
			 const char *to)
{
	if (from && !voice_address_plausible(from)) {
		voice_request_fail(req, "invalidsource", "unparsable from");
		return -1;
	}
	if (!voice_address_plausible(to)) {
		voice_request_fail(req, "invaliddestination", "unparsable to");
		return -1;
	}
	return 0;
}

voice_call *voice_dial(voice_request *req, const char *from, const char *to,
		       double timeout_s, voice_step_fn step)
{
	voice_module *vm = req->vs->vm;
	voice_call *vc;
	voice_op *op;
	sip_call *sip;
	GError *err = NULL;

	if (!vm->agent) {
		voice_request_note(req, "invalidserver",
				   "the SIP agent is not running");
		return NULL;
	}
	/* Checked at execution already (voice_check_room); again here for a
	 * consultation whose hold let an inbound call take the last room. */
	if (voice_session_full(req->vs)) {
		voice_request_note(req, "invalidstate",
				   "the session has no room for another call "
				   "([voice] max-calls-per-session)");
		return NULL;
	}
	vc = voice_call_new(req->vs, FALSE);
	vc->type = g_strdup(req->type ? req->type : "regular");
	vc->reason = g_strdup(req->reason);
	if (req->udata)
		vc->udata = json_node_copy(req->udata);
	voice_request_set_interaction(req, vc->id);
	op = voice_op_new(req, vc, step);
	sip = sip_call_invite(
		vm->agent, from, to,
		req->dial_headers ? req->dial_headers : req->headers,
		&voice_call_observer, vc, voice_op_done, op, &err);
	if (!sip) {
		voice_op_abort(op);
		voice_call_unref(vc);
		voice_request_note(req, voice_refusal_error(err),
				   err ? err->message
				       : "cannot place the call");
		g_clear_error(&err);
		return NULL;
	}
	voice_call_attach(vc, sip);
	/* Its end is told after the result that names it. */
	voice_request_own(req, vc);
	g_clear_pointer(&req->waiting, voice_call_unref);
	req->waiting = vc; /* takes the creation reference */
	req->cancelling = FALSE;
	voice_request_arm(req, timeout_s, dial_timed_out);
	return vc;
}

gboolean voice_dial_answered(voice_request *req, voice_call *vc,
			     const voice_result *res)
{
	if (res->released || res->status < 200 || res->status > 299)
		return FALSE;
	if (req->cancelling) {
		/* The 200 crossed our CANCEL: the call is up but too late. */
		voice_call_release(vc, "local");
		return FALSE;
	}
	vc->state = VOICE_CALL_CONNECTED;
	voice_request_disarm(req);
	return TRUE;
}

int voice_dial_attrs(voice_request *req, scxml_action *act)
{
	const char *type = NULL, *reason = NULL;
	JsonNode *udata = scxml_action_value(act, "udata");
	GHashTableIter it;
	gpointer k, v;
	GHashTable *h;

	if (voice_attr_string(req, act, "type", FALSE, &type) < 0 ||
	    voice_attr_string(req, act, "reason", FALSE, &reason) < 0)
		return -1;
	if (type && !g_strv_contains(call_types, type)) {
		voice_request_fail(req, "invalidrequest",
				   "attribute type: unknown call type");
		return -1;
	}
	if (udata && !JSON_NODE_HOLDS_NULL(udata) &&
	    !JSON_NODE_HOLDS_OBJECT(udata)) {
		voice_request_fail(req, "invalidrequest",
				   "attribute udata must be an object");
		return -1;
	}
	h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (req->headers) {
		g_hash_table_iter_init(&it, req->headers);
		while (g_hash_table_iter_next(&it, &k, &v))
			g_hash_table_replace(h, g_strdup(k), g_strdup(v));
	}
	if (type)
		g_hash_table_replace(h, g_strdup("X-Call-Type"),
				     g_strdup(type));
	if (reason)
		g_hash_table_replace(h, g_strdup("X-Call-Reason"),
				     g_strdup(reason));
	if (udata && JSON_NODE_HOLDS_OBJECT(udata) &&
	    req->vs->vm->cfg.send_udata)
		g_hash_table_replace(h, g_strdup("X-User-Data"),
				     json_to_string(udata, FALSE));
	req->dial_headers = h;
	req->type = g_strdup(type);
	req->reason = g_strdup(reason);
	if (udata && JSON_NODE_HOLDS_OBJECT(udata))
		req->udata = json_node_copy(udata);
	return 0;
}

/* ---- createcall ---------------------------------------------------------- */

static void createcall_answered(voice_request *req, voice_call *vc,
				const voice_result *res)
{
	if (voice_dial_answered(req, vc, res))
		voice_request_succeed(req);
	else
		voice_request_fail_sip(req, VOICE_SIP_INVITE, "createcall",
				       res);
}

static void createcall_execute(voice_request *req, scxml_action *act)
{
	voice_module *vm = req->vs->vm;
	const char *from, *to;

	if (voice_attr_string(req, act, "from", TRUE, &from) < 0 ||
	    voice_attr_string(req, act, "to", TRUE, &to) < 0 ||
	    voice_attr_common(req, act) < 0 || voice_dial_attrs(req, act) < 0 ||
	    voice_check_room(req) < 0 ||
	    voice_dial_addresses(req, from, to) < 0)
		return;
	if (!voice_dial(req, from, to,
			req->timeout_s > 0 ? req->timeout_s
					   : vm->cfg.answer_timeout_s,
			createcall_answered))
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec createcall_attrs[] = {
	VOICE_COMMON_ATTRS,
	VOICE_DIAL_ATTRS,
	{NULL},
};

const voice_action_desc voice_createcall_desc = {
	.name = "createcall",
	.prefix = "voice",
	.attrs = createcall_attrs,
	.execute = createcall_execute,
};
