/*
 * Ending a call: ours (BYE once answered, CANCEL while our INVITE is
 * unanswered, a 480 for an inbound call we never accepted) and the peer's
 * (BYE, CANCEL). The release itself, with the observer's on_released,
 * follows nua's "terminated" call state (sip_call_on_state).
 *
 * The peer's BYE is ours to answer (NUTAG_APPL_METHOD), for one case: a
 * BYE that crosses our re-INVITE. Answering it makes nua drop the session
 * and its dialog at once, and a 2xx to the re-INVITE arriving after that
 * was never ACKed (the peer retransmits it for 32 s; RFC 3261 §13.2.2.4
 * wants every 2xx ACKed, RFC 5407 §3.1 describes the crossing). So while
 * the re-INVITE is out, the 200 to the BYE waits for its final response
 * (nua ACKs a 2xx itself), at most 2 * T1 (a crossing answer is one
 * round trip away; a peer that answers only after its BYE is answered
 * waits that long); the re-INVITE's own outcome is
 * reported at once (the call is ending: 481, as before).
 */
#include "config.h"

#include "sip/sip_call_priv.h"

int sip_call_hangup(sip_call *call, GHashTable *headers, sip_done_fn done,
		    void *ud)
{
	if (call->released || !call->nh || call->hangup.pending)
		return -1;
	g_autofree char *extra = sip_call_headers_string(headers);
	sip_call_set_end(call, SIP_END_LOCAL, 200, "OK", TRUE);
	sip_op_start(&call->hangup, done, ud);

	if (call->outbound && call->state < SIP_CALL_CONNECTED) {
		call->cancelled = TRUE;
		nua_cancel(call->nh, TAG_IF(extra, SIPTAG_HEADER_STR(extra)),
			   TAG_END());
	} else if (!call->outbound && !call->answered) {
		nua_respond(call->nh, SIP_480_TEMPORARILY_UNAVAILABLE,
			    TAG_IF(extra, SIPTAG_HEADER_STR(extra)), TAG_END());
		/* No response comes back for a response we send. */
		sip_op_finish_later(call, &call->hangup, 200, "OK", TRUE);
	} else {
		nua_bye(call->nh, TAG_IF(extra, SIPTAG_HEADER_STR(extra)),
			TAG_END());
	}
	return 0;
}

void sip_call_on_hangup_response(sip_call *call, int status, const char *phrase,
				 const sip_t *sip)
{
	if (status < 200)
		return;
	if (status >= 700) {
		/* nua refused (e.g. the session is already ending); the call
		 * still ends, and that is what the caller asked for. */
		sip_op_finish(call, &call->hangup, status, phrase, TRUE);
		return;
	}
	sip_op_finish(call, &call->hangup, status, phrase,
		      sip_response_is_local(sip));
}

void sip_call_on_remote_end(sip_call *call, int status, const char *phrase)
{
	sip_call_set_end(call, SIP_END_REMOTE, status, phrase, FALSE);
}

void sip_call_answer_held_bye(sip_call *call)
{
	if (call->bye_timer) {
		g_source_destroy(call->bye_timer);
		call->bye_timer = NULL;
	}
	if (!call->bye_held)
		return;
	call->bye_held = FALSE;
	if (call->nh)
		nua_respond(call->nh, SIP_200_OK,
			    NUTAG_WITH_SAVED(call->bye_saved), TAG_END());
	nua_destroy_event(call->bye_saved);
}

static gboolean held_bye_timeout(gpointer data)
{
	sip_call *call = data;
	call->bye_timer = NULL;
	sip_call_answer_held_bye(call);
	return G_SOURCE_REMOVE;
}

void sip_call_on_remote_bye(sip_call *call, nua_t *nua)
{
	/* Our re-INVITE is on the wire (not waiting out a 491). */
	gboolean reinvite_out = call->reinvite.pending && !call->glare_timer;

	sip_call_set_end(call, SIP_END_REMOTE, 200, "OK", FALSE);
	if (!reinvite_out || call->bye_held) {
		nua_respond(call->nh, SIP_200_OK, NUTAG_WITH_THIS(nua),
			    TAG_END());
		return;
	}
	nua_save_event(nua, call->bye_saved);
	call->bye_held = TRUE;
	call->bye_timer = g_timeout_source_new(2 * call->agent->cfg.t1_ms);
	g_source_set_callback(call->bye_timer, held_bye_timeout, call, NULL);
	g_source_attach(call->bye_timer, call->agent->ctx);
	g_source_unref(call->bye_timer); /* the context holds it */
	/* The hold or retrieve fails now: the call is ending. */
	sip_op_finish(call, &call->reinvite, 481,
		      "Call/Transaction Does Not Exist", TRUE);
}
