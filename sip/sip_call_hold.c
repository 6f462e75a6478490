/*
 * re-INVITEs: ours to hold (a=sendonly, or a=inactive when the peer already
 * holds us) and to retrieve (a=sendrecv), and the peer's, which we answer
 * following its offer (recvonly/inactive when it holds us).
 *
 * RFC 3261 §14.1 drives the failure table: 491 (glare) is retried once
 * after a random wait, 2.1–4 s when we own the Call-ID (we sent the initial
 * INVITE), 0–2 s otherwise; 408 and 481 end the dialog (released as
 * FAILED); anything else leaves the call as it was.
 */
#include "config.h"

#include "sip/sip_call_priv.h"

static void send_reinvite(sip_call *call)
{
	sip_direction dir = SIP_DIR_SENDRECV;
	if (call->reinvite_hold)
		dir = call->remote_hold ? SIP_DIR_INACTIVE : SIP_DIR_SENDONLY;
	g_autofree char *sdp = sip_sdp_make(&call->agent->cfg, call->sdp_id,
					    call->sdp_version++, dir, NULL);
	nua_invite(call->nh, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		   SIPTAG_PAYLOAD_STR(sdp),
		   TAG_IF(call->reinvite_headers,
			  SIPTAG_HEADER_STR(call->reinvite_headers)),
		   TAG_END());
}

static int start_reinvite(sip_call *call, gboolean hold, GHashTable *headers,
			  sip_done_fn done, void *ud)
{
	sip_call_state need = hold ? SIP_CALL_CONNECTED : SIP_CALL_HELD;
	if (call->released || !call->nh || call->state != need ||
	    call->reinvite.pending || call->hangup.pending)
		return -1;
	g_free(call->reinvite_headers);
	call->reinvite_headers = sip_call_headers_string(headers);
	call->reinvite_hold = hold;
	call->reinvite_glares = 0;
	sip_op_start(&call->reinvite, done, ud);
	send_reinvite(call);
	return 0;
}

int sip_call_hold(sip_call *call, GHashTable *headers, sip_done_fn done,
		  void *ud)
{
	return start_reinvite(call, TRUE, headers, done, ud);
}

int sip_call_retrieve(sip_call *call, GHashTable *headers, sip_done_fn done,
		      void *ud)
{
	return start_reinvite(call, FALSE, headers, done, ud);
}

static gboolean glare_retry(gpointer data)
{
	sip_call *call = data;
	call->glare_timer = NULL;
	if (!call->released && call->reinvite.pending)
		send_reinvite(call);
	return G_SOURCE_REMOVE;
}

/* RFC 3261 §14.1, in units of 10 ms. */
static guint glare_wait_ms(const sip_call *call)
{
	if (call->outbound)
		return 10 * (guint)g_random_int_range(210, 401);
	return 10 * (guint)g_random_int_range(0, 201);
}

void sip_call_on_reinvite_response(sip_call *call, int status,
				   const char *phrase, const sip_t *sip)
{
	gboolean local = sip_response_is_local(sip);

	if (status < 200 || !call->reinvite.pending)
		return;
	if (status < 300) {
		call->local_hold = call->reinvite_hold;
		sip_call_set_state(call, call->local_hold ? SIP_CALL_HELD
							  : SIP_CALL_CONNECTED);
		sip_op_finish(call, &call->reinvite, status, phrase, local);
		return;
	}
	switch (status) {
	case 401:
	case 407:
		if (sip_call_authenticate(call, &call->reinvite, status, sip))
			return;
		sip_op_finish(call, &call->reinvite, status, phrase, local);
		return;
	case 491:
		if (call->reinvite_glares++ == 0) {
			GSource *t = g_timeout_source_new(glare_wait_ms(call));
			g_source_set_callback(t, glare_retry, call, NULL);
			g_source_attach(t, call->agent->ctx);
			/* the context holds the only reference */
			g_source_unref(t);
			call->glare_timer = t;
			return;
		}
		sip_op_finish(call, &call->reinvite, status, phrase, local);
		return;
	case 408:
	case 481:
		/* The dialog is gone (481) or the peer unreachable (408):
		 * nua ends the session usage itself, without a BYE (RFC 5057
		 * §5.2), and we release the call when it reports that. */
		sip_call_set_end(call, SIP_END_FAILED, status, phrase, local);
		sip_op_finish(call, &call->reinvite, status, phrase, local);
		return;
	default:
		if (status >= 700)
			local = TRUE;
		sip_op_finish(call, &call->reinvite, status, phrase, local);
		return;
	}
}

/* The peer's offer in a re-INVITE (or none: then we offer in the 200 and
 * read the answer from the ACK). */
void sip_call_on_remote_reinvite(sip_call *call, nua_t *nua, const sip_t *sip)
{
	g_autofree char *offer = sip_sdp_payload(sip);
	g_autofree char *sdp = NULL;
	sip_direction offered = SIP_DIR_SENDRECV;

	if (offer && !sip_sdp_read_direction(offer, &offered)) {
		nua_respond(call->nh, SIP_488_NOT_ACCEPTABLE,
			    NUTAG_WITH_THIS(nua), TAG_END());
		return;
	}
	if (offer) {
		sip_direction ans =
			sip_sdp_answer_direction(offered, call->local_hold);
		sdp = sip_sdp_make(&call->agent->cfg, call->sdp_id,
				   call->sdp_version++, ans, offer);
	} else {
		sip_direction dir =
			call->local_hold ? SIP_DIR_SENDONLY : SIP_DIR_SENDRECV;
		sdp = sip_sdp_make(&call->agent->cfg, call->sdp_id,
				   call->sdp_version++, dir, NULL);
	}
	if (!sdp) {
		nua_respond(call->nh, SIP_488_NOT_ACCEPTABLE,
			    NUTAG_WITH_THIS(nua), TAG_END());
		return;
	}
	if (offer)
		call->remote_hold = offered == SIP_DIR_SENDONLY ||
				    offered == SIP_DIR_INACTIVE;
	nua_respond(call->nh, SIP_200_OK, NUTAG_WITH_THIS(nua),
		    SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		    SIPTAG_PAYLOAD_STR(sdp), TAG_END());
}

/* An ACK carrying SDP answers an offer we put in a 200 (late offer). */
void sip_call_on_ack(sip_call *call, const sip_t *sip)
{
	g_autofree char *answer = sip_sdp_payload(sip);
	sip_direction dir;
	if (answer && sip_sdp_read_direction(answer, &dir) && !call->local_hold)
		call->remote_hold =
			dir == SIP_DIR_SENDONLY || dir == SIP_DIR_INACTIVE;
}
