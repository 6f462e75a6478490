/*
 * Outbound calls: the initial INVITE with our SDP offer, and its responses.
 * 18x makes the call RINGING, 2xx (ACKed by nua) CONNECTED, a final error
 * fails the operation and the call. 401/407 are answered once from the
 * config. A 2xx that crosses our CANCEL is ACKed and BYEd by nua and still
 * reported as the 487 the caller asked for.
 */
#include "config.h"

#include <string.h>

#include "sip/sip_call_priv.h"

/* "alice" → "sip:alice@domain"; "alice@host" → "sip:alice@host"; a URI or
 * a name-addr ("Alice <sip:…>") is kept as it is. */
static char *complete_address(const char *addr, const char *domain)
{
	if (strchr(addr, '<') || g_str_has_prefix(addr, "sip:") ||
	    g_str_has_prefix(addr, "sips:"))
		return g_strdup(addr);
	if (strchr(addr, '@'))
		return g_strdup_printf("sip:%s", addr);
	return g_strdup_printf("sip:%s@%s", addr,
			       domain ? domain : "127.0.0.1");
}

/* NULL unless addr parses as a SIP name-addr/addr-spec with a host. */
static char *checked_address(const char *addr, const char *domain)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	char *full = NULL;
	if (addr && *addr && !strpbrk(addr, "\r\n")) {
		char *bare = complete_address(addr, domain);
		/* A bare URI goes in angle brackets, else its parameters
		 * (";transport=tcp") would become header parameters. */
		full = strchr(bare, '<') ? g_strdup(bare)
					 : g_strdup_printf("<%s>", bare);
		g_free(bare);
		sip_to_t *to = sip_to_make(home, full);
		if (!to || !to->a_url->url_host ||
		    (to->a_url->url_type != url_sip &&
		     to->a_url->url_type != url_sips))
			g_clear_pointer(&full, g_free);
	}
	su_home_deinit(home);
	return full;
}

/* The URI inside an address we already checked. */
static char *address_uri(const char *addr)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	sip_to_t *a = sip_to_make(home, addr);
	char *uri = a ? g_strdup(url_as_string(home, a->a_url)) : NULL;
	su_home_deinit(home);
	return uri;
}

sip_call *sip_call_invite(sip_agent *agent, const char *from, const char *to,
			  GHashTable *headers, const sip_call_observer *obs,
			  void *obs_ud, sip_done_fn done, void *ud,
			  GError **err)
{
	const sip_agent_config *cfg = &agent->cfg;
	g_autofree char *from_full = checked_address(
		from && *from ? from : cfg->identity, cfg->domain);
	g_autofree char *to_full = checked_address(to, cfg->domain);
	g_autofree char *extra = NULL;
	g_autofree char *sdp = NULL;
	g_autofree char *uuid = NULL;

	if (!from_full || !to_full) {
		g_set_error(
			err, SIP_ERROR,
			from_full ? SIP_ERROR_BAD_TARGET : SIP_ERROR_BAD_SOURCE,
			"unparsable %s address '%s'", from_full ? "to" : "from",
			from_full ? (to ? to : "") : (from ? from : ""));
		return NULL;
	}
	if (agent->shutting_down || !agent->nua) {
		g_set_error(err, SIP_ERROR, SIP_ERROR_SHUTTING_DOWN,
			    "the SIP agent is shutting down");
		return NULL;
	}

	sip_call *call = sip_call_new(agent, TRUE, obs, obs_ud);
	call->local_uri = address_uri(from_full);
	call->remote_uri = address_uri(to_full);
	call->called_uri = g_strdup(call->remote_uri);
	uuid = g_uuid_string_random();
	call->call_id = g_strdup(uuid);
	sdp = sip_sdp_make(cfg, call->sdp_id, call->sdp_version++,
			   SIP_DIR_SENDRECV, NULL);
	extra = sip_call_headers_string(headers);
	call->nh = nua_handle(agent->nua, call, SIPTAG_TO_STR(to_full),
			      SIPTAG_FROM_STR(from_full), TAG_END());
	if (!call->nh) {
		/* Nothing went out; the caller never sees this call. */
		call->released = TRUE;
		call->state = SIP_CALL_RELEASED;
		sip_agent_forget_call(agent, call);
		g_set_error(err, SIP_ERROR, SIP_ERROR_FAILED,
			    "cannot create a SIP dialog");
		return NULL;
	}
	sip_op_start(&call->invite, done, ud);
	nua_invite(call->nh, SIPTAG_CALL_ID_STR(call->call_id),
		   SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		   SIPTAG_PAYLOAD_STR(sdp),
		   TAG_IF(extra, SIPTAG_HEADER_STR(extra)), TAG_END());
	return call;
}

void sip_call_on_invite_response(sip_call *call, int status, const char *phrase,
				 const sip_t *sip)
{
	gboolean local = sip_response_is_local(sip);

	if (sip && sip->sip_status)
		sip_call_learn_dialog(call, sip);

	if (status < 200) {
		if (status >= 180 && !call->cancelled)
			sip_call_set_state(call, SIP_CALL_RINGING);
		return;
	}
	if (status < 300) {
		if (call->cancelled) {
			/* 2xx crossed our CANCEL: nua ACKs it; we end it. */
			sip_op_finish(call, &call->invite, 487,
				      "Request Terminated", TRUE);
			nua_bye(call->nh, TAG_END());
			return;
		}
		sip_call_set_state(call, SIP_CALL_CONNECTED);
		sip_op_finish(call, &call->invite, status, phrase, local);
		return;
	}
	switch (status) {
	case 401:
	case 407:
		if (sip_call_authenticate(call, &call->invite, status, sip))
			return;
		/* Challenged again, or no credentials: nua waits for more
		 * that will never come, so the call ends here. */
		sip_op_finish(call, &call->invite, status, phrase, local);
		sip_call_release(call, SIP_END_FAILED, status, phrase, local);
		return;
	default:
		/* The end is reported by nua_i_state (terminated). */
		sip_call_set_end(
			call, call->cancelled ? SIP_END_LOCAL : SIP_END_FAILED,
			status, phrase, local);
		if (status >= 700) /* sofia's internal errors */
			local = TRUE;
		sip_op_finish(call, &call->invite, status, phrase, local);
		return;
	}
}
