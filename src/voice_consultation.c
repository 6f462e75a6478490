/*
 * <consultation> (spec §5): hold the current call (skipped when it is held
 * already), then place the consultation call exactly as createcall does.
 * Done carries the new call as interactionid and the held one as
 * heldinteractionid. When the new call fails, a call this action put on
 * hold is retrieved before the error is reported.
 *
 * req->a: the call put on hold; req->waiting: the call being dialled.
 */
#include "config.h"

#include "src/voice_priv.h"

static const voice_action consultation_action = {"consultation", "voice",
						 FALSE};

static void consult_restored(voice_request *req, voice_call *vc,
			     const voice_result *res)
{
	voice_request_disarm(req);
	if (voice_reinvite_settle(vc, FALSE, res))
		voice_request_fail_noted(req, NULL);
	else
		voice_request_fail_noted(
			req, "; the held call could not be retrieved");
}

/* The consultation failed (noted): put the original call back. */
static void consult_undo(voice_request *req)
{
	voice_call *a = req->a;

	if (req->held_by_us && voice_call_live(a) &&
	    a->state == VOICE_CALL_HELD && !a->op) {
		req->cancelling = FALSE;
		if (voice_reinvite(req, a, FALSE, consult_restored) == 0)
			return;
	}
	voice_request_fail_noted(req, NULL);
}

static void consult_answered(voice_request *req, voice_call *vc,
			     const voice_result *res)
{
	if (voice_dial_answered(req, vc, res)) {
		voice_request_succeed(req);
		return;
	}
	voice_request_note_sip(req, VOICE_SIP_INVITE, "consultation", res);
	consult_undo(req);
}

static void consult_dial(voice_request *req)
{
	voice_module *vm = req->vs->vm;

	voice_request_set_held(req, req->a->id);
	if (!voice_dial(req, req->from, req->to,
			req->timeout_s > 0 ? req->timeout_s
					   : vm->cfg.answer_timeout_s,
			consult_answered))
		consult_undo(req);
}

static void consult_held(voice_request *req, voice_call *vc,
			 const voice_result *res)
{
	voice_request_disarm(req);
	if (!voice_reinvite_settle(vc, TRUE, res)) {
		voice_request_fail_sip(req, VOICE_SIP_REINVITE,
				       "consultation: hold", res);
		return;
	}
	req->held_by_us = TRUE;
	consult_dial(req);
}

int voice_consultation_execute(scxml_action *act, void *module_data)
{
	voice_module *vm = module_data;
	voice_request *req = voice_request_begin(act, vm, &consultation_action);
	const char *from, *to;
	voice_call *a;

	if (!req)
		return 0; /* error.execution is raised already */
	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_string(req, act, "to", TRUE, &to) < 0 ||
	    voice_attr_string(req, act, "from", FALSE, &from) < 0 ||
	    voice_attr_common(req, act) < 0 || voice_dial_attrs(req, act) < 0 ||
	    voice_check_state(req, a,
			      VOICE_ST(VOICE_CALL_CONNECTED) |
				      VOICE_ST(VOICE_CALL_HELD)) < 0)
		goto out;
	/* Check the new call's addresses before touching the first one. */
	if (from && !voice_address_plausible(from)) {
		voice_request_fail(req, "invalidsource", "unparsable from",
				   NULL);
		goto out;
	}
	if (!voice_address_plausible(to)) {
		voice_request_fail(req, "invaliddestination", "unparsable to",
				   NULL);
		goto out;
	}
	req->a = voice_call_ref(a);
	req->from = g_strdup(from ? from : sip_call_local_uri(a->sip));
	req->to = g_strdup(to);
	if (a->state == VOICE_CALL_HELD)
		consult_dial(req);
	else if (voice_reinvite(req, a, TRUE, consult_held) < 0)
		voice_request_fail_noted(req, NULL);
out:
	voice_request_unref(req);
	return 0;
}
