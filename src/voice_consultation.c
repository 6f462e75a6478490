/*
 * <consultation> (spec §5): hold the current call (skipped when it is held
 * already), then place the consultation call exactly as createcall does.
 * Done carries the new call as interactionid and the held one as
 * heldinteractionid. When the new call fails, a call this action put on
 * hold is retrieved before the error is reported.
 *
 * req->a: the call put on hold; req->waiting: the call being dialled;
 * req->state: consult_state.
 */
#include "config.h"

#include "src/voice_priv.h"

/* What consultation keeps between its steps (req->state). */
typedef struct consult_state {
	char *from, *to;     /* the call to place */
	gboolean held_by_us; /* we put req->a on hold (undo retrieves it) */
} consult_state;

static void consult_state_free(void *state)
{
	consult_state *st = state;

	g_free(st->from);
	g_free(st->to);
}

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
	consult_state *st = req->state;
	voice_call *a = req->a;

	if (st->held_by_us && voice_call_live(a) &&
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
	consult_state *st = req->state;

	voice_request_set_held(req, req->a->id);
	if (!voice_dial(req, st->from, st->to,
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
	((consult_state *)req->state)->held_by_us = TRUE;
	consult_dial(req);
}

static void consultation_execute(voice_request *req, scxml_action *act)
{
	consult_state *st = req->state;
	const char *from, *to;
	voice_call *a;

	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_string(req, act, "to", TRUE, &to) < 0 ||
	    voice_attr_string(req, act, "from", FALSE, &from) < 0 ||
	    voice_attr_common(req, act) < 0 || voice_dial_attrs(req, act) < 0 ||
	    voice_check_state(req, a,
			      VOICE_ST(VOICE_CALL_CONNECTED) |
				      VOICE_ST(VOICE_CALL_HELD)) < 0 ||
	    voice_check_room(req) < 0 ||
	    /* the new call's addresses, before touching the first call */
	    voice_dial_addresses(req, from, to) < 0)
		return;
	req->a = voice_call_ref(a);
	st->from = g_strdup(from ? from : sip_call_local_uri(a->sip));
	st->to = g_strdup(to);
	if (a->state == VOICE_CALL_HELD)
		consult_dial(req);
	else if (voice_reinvite(req, a, TRUE, consult_held) < 0)
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec consultation_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	VOICE_DIAL_ATTRS,
	{NULL},
};

const voice_action_desc voice_consultation_desc = {
	.name = "consultation",
	.prefix = "voice",
	.attrs = consultation_attrs,
	.execute = consultation_execute,
	.state_size = sizeof(consult_state),
	.state_free = consult_state_free,
};
