/*
 * Ending a call: ours (BYE once answered, CANCEL while our INVITE is
 * unanswered, a 480 for an inbound call we never accepted) and the peer's
 * (BYE, CANCEL). The release itself, with the observer's on_released,
 * follows nua's "terminated" call state (sip_call_on_state).
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
