/*
 * <conference> (spec §5), RFC 4579 through a focus: join the focus (its
 * Contact is the conference URI when marked isfocus, else the URI we
 * called), REFER each party there, and release our
 * dialog with each party once its sipfrag 2xx says it joined. Done when
 * both joined, with interactionid = our call to the focus. Otherwise the
 * error names the party that failed; parties that did not join keep their
 * call with us, and the focus call is released when nobody joined.
 *
 * req->a, req->b: the parties; req->c: our call to the focus;
 * req->state: conf_state.
 */
#include "config.h"

#include "src/voice_priv.h"

/* How the two REFERs went (req->state). */
typedef struct conf_state {
	int joined;	 /* parties that joined */
	int outstanding; /* parties not settled yet */
} conf_state;

static void conf_finish(voice_request *req)
{
	conf_state *st = req->state;

	if (st->joined == 2) {
		voice_request_succeed(req);
		return;
	}
	if (st->joined == 0)
		voice_call_release(req->c, "local");
	voice_request_fail_noted(req, NULL);
}

static void conf_party_settled(voice_request *req, voice_call *vc,
			       const voice_result *res)
{
	gboolean ok = res->released
			      ? res->cause == SIP_END_TRANSFERRED
			      : (res->status >= 200 && res->status <= 299);
	conf_state *st = req->state;

	if (ok) {
		st->joined++;
		/* its interaction.deleted follows the result */
		voice_request_own(req, vc);
		voice_call_release(vc, "transferred");
	} else {
		/* Which party: by the attribute that named it, and by its
		 * interactionid, which the flow can compare. */
		char *what = g_strdup_printf(
			"conference: party %s (%s)",
			vc == req->a ? "interactionid" : "consultinteractionid",
			vc->id);

		voice_request_note_sip(req, VOICE_SIP_REFER, what, res);
		g_free(what);
	}
	if (--st->outstanding == 0) {
		voice_request_disarm(req);
		conf_finish(req);
	}
}

static void conf_timed_out(voice_request *req)
{
	voice_call *parties[2] = {req->a, req->b};

	/* A party whose REFER we stop waiting for keeps its call with us
	 * and may be REFERred again (see transfer_timed_out): sip/ forgets
	 * both REFERs before the error can reach the flow. */
	for (int i = 0; i < 2; i++)
		if (voice_op_pending(req, parties[i]))
			sip_call_refer_abandon(parties[i]->sip);
	for (int i = 0; i < 2; i++)
		voice_op_expire(req, parties[i], 408, "Request Timeout");
}

static void conf_refer(voice_request *req, voice_call *party, const char *uri)
{
	conf_state *st = req->state;
	GError *err = NULL;
	voice_op *op;

	if (!voice_call_live(party)) {
		voice_request_note(req, "invalidinteraction",
				   "conference: a party left before joining");
		st->outstanding--;
		return;
	}
	op = voice_op_new(req, party, conf_party_settled);
	if (sip_call_refer(party->sip, uri, NULL, req->headers, voice_op_done,
			   op, &err) < 0) {
		/* an unparsable conference URI: invaliddestination */
		voice_op_abort(op);
		voice_request_note(req, voice_refusal_error(err),
				   "conference: cannot send a REFER");
		g_clear_error(&err);
		st->outstanding--;
	}
}

static void conf_focus_joined(voice_request *req, voice_call *vc,
			      const voice_result *res)
{
	conf_state *st = req->state;
	voice_module *vm = req->vs->vm;
	char *uri;

	if (!voice_dial_answered(req, vc, res)) {
		voice_request_fail_sip(req, VOICE_SIP_INVITE,
				       "conference: focus", res);
		return;
	}
	req->c = voice_call_ref(vc);
	/* RFC 4579: the focus's Contact names the conference only when it
	 * carries isfocus; otherwise the URI we called is the conference. */
	uri = g_strdup(sip_call_conference_uri(vc->sip));
	st->outstanding = 2;
	voice_request_ref(req);
	conf_refer(req, req->a, uri);
	conf_refer(req, req->b, uri);
	g_free(uri);
	if (st->outstanding == 0)
		conf_finish(req);
	else if (!req->finished)
		voice_request_arm(req,
				  req->timeout_s > 0
					  ? req->timeout_s
					  : vm->cfg.transfer_timeout_s,
				  conf_timed_out);
	voice_request_unref(req);
}

static void conference_execute(voice_request *req, scxml_action *act)
{
	voice_module *vm = req->vs->vm;
	const unsigned answered =
		VOICE_ST(VOICE_CALL_CONNECTED) | VOICE_ST(VOICE_CALL_HELD);
	const char *focus;
	voice_call *a, *b;

	if (voice_attr_call(req, act, "interactionid", TRUE, &a) < 0 ||
	    voice_attr_call(req, act, "consultinteractionid", FALSE, &b) < 0 ||
	    voice_attr_string(req, act, "focus", FALSE, &focus) < 0 ||
	    voice_attr_common(req, act) < 0)
		return;
	if (!focus)
		focus = vm->cfg.conference_focus;
	if (!focus) {
		voice_request_fail(req, "invalidrequest",
				   "no focus attribute and no [voice] "
				   "conference-focus");
		return;
	}
	if (!b)
		b = voice_session_only_other(req->vs, a, answered);
	if (!b || b == a) {
		voice_request_fail(req, "invalidstate",
				   "conference needs a second call");
		return;
	}
	if (voice_check_state(req, a, answered) < 0 ||
	    voice_check_state(req, b, answered) < 0 ||
	    voice_check_room(req) < 0)
		return;
	req->a = voice_call_ref(a);
	req->b = voice_call_ref(b);
	if (!voice_dial(req, sip_call_local_uri(a->sip), focus,
			vm->cfg.answer_timeout_s, conf_focus_joined))
		voice_request_fail_noted(req, NULL);
}

static const scxml_attr_spec conference_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"consultinteractionid", SCXML_ATTR_VALUE, FALSE},
	{"focus", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_conference_desc = {
	.name = "conference",
	.prefix = "voice",
	.attrs = conference_attrs,
	.execute = conference_execute,
	.state_size = sizeof(conf_state),
};
