/*
 * Inbound calls: an INVITE that opens a new dialog becomes a sip_call. With
 * a router (sip_agent_set_router) it is first offered to it, which takes it
 * with an observer of its own or refuses it with a status; without one it
 * goes to the agent's observer. The taker hears of it (on_incoming) after
 * we have sent 180 Ringing. The
 * flow then accepts it (200 with our SDP answer, done once the ACK arrives)
 * or rejects it with a final status.
 */
#include "config.h"

#include <string.h>

#include "sip/sip_call_priv.h"

/* The INVITE's headers as name → value (sofia's spelling of known names,
 * e.g. "Call-ID"); repeated headers are joined with ", " as RFC 3261 §7.3.1
 * allows. */
/* Header names are case-insensitive (RFC 3261 §7.3.1): so is the table. */
static guint header_name_hash(gconstpointer key)
{
	guint h = 5381;
	for (const char *p = key; *p; p++)
		h = h * 33 + (guint)g_ascii_tolower(*p);
	return h;
}

static gboolean header_name_equal(gconstpointer a, gconstpointer b)
{
	return g_ascii_strcasecmp(a, b) == 0;
}

static GHashTable *collect_headers(const sip_t *sip)
{
	GHashTable *h = g_hash_table_new_full(
		header_name_hash, header_name_equal, g_free, g_free);
	char buf[2048];
	if (!sip || !sip->sip_request)
		return h;
	for (const sip_header_t *hdr =
		     (const sip_header_t *)sip->sip_request->rq_common->h_succ;
	     hdr; hdr = (const sip_header_t *)hdr->sh_succ) {
		const msg_hclass_t *hc = hdr->sh_class;
		const char *name = hc ? hc->hc_name : NULL;
		const char *value = NULL;
		if (hc && hc->hc_hash == sip_unknown_hash) {
			name = hdr->sh_unknown->un_name;
			value = hdr->sh_unknown->un_value;
		} else if (name && *name) {
			if (msg_header_field_e(buf, sizeof buf,
					       (const msg_header_t *)hdr,
					       0) < 0)
				continue;
			buf[sizeof buf - 1] = '\0';
			value = buf;
		}
		if (!name || !*name || !value)
			continue;
		const char *old = g_hash_table_lookup(h, name);
		char *joined = old ? g_strdup_printf("%s, %s", old, value)
				   : g_strdup(value);
		g_hash_table_replace(h, g_strdup(name), joined);
	}
	return h;
}

/* The Request-URI and its user part (unescaped) of an INVITE. */
static void learn_request_uri(sip_call *call, const sip_t *sip)
{
	const url_t *url = sip && sip->sip_request ? sip->sip_request->rq_url
						   : NULL;
	su_home_t home[1] = {SU_HOME_INIT(home)};

	if (!url)
		return;
	call->request_uri = g_strdup(url_as_string(home, (url_t *)url));
	su_home_deinit(home);
	call->request_user =
		url->url_user ? g_uri_unescape_string(url->url_user, NULL)
			      : NULL;
	/* an escape that decodes to NUL or is broken: keep it raw */
	if (!call->request_user)
		call->request_user = g_strdup(url->url_user ? url->url_user
							    : "");
}

/* The router refused the call: the final response now (with Retry-After
 * when asked), and the release follows nua's "terminated" state. */
static void refuse(sip_call *call, int status, guint retry_after)
{
	const char *text = sip_status_phrase(status);
	g_autofree char *retry =
		retry_after ? g_strdup_printf("%u", retry_after) : NULL;

	if (status < 300 || status > 699) {
		status = 500;
		text = NULL;
	}
	if (!text)
		text = "Rejected";
	call->answered = TRUE;
	sip_call_set_end(call, SIP_END_LOCAL, status, text, TRUE);
	nua_respond(call->nh, status, text,
		    TAG_IF(retry, SIPTAG_RETRY_AFTER_STR(retry)), TAG_END());
}

void sip_call_on_incoming(sip_agent *agent, nua_handle_t *nh, const sip_t *sip)
{
	if (agent->shutting_down ||
	    (!agent->route && !agent->incoming.on_incoming)) {
		nua_respond(nh, SIP_480_TEMPORARILY_UNAVAILABLE,
			    NUTAG_WITH_THIS(agent->nua), TAG_END());
		nua_handle_destroy(nh);
		return;
	}
	g_autofree char *offer = sip_sdp_payload(sip);
	sip_direction offered;
	if (offer && !sip_sdp_read_direction(offer, &offered)) {
		nua_respond(nh, SIP_488_NOT_ACCEPTABLE,
			    NUTAG_WITH_THIS(agent->nua), TAG_END());
		nua_handle_destroy(nh);
		return;
	}

	sip_call *call = sip_call_new(agent, FALSE, &agent->incoming,
				      agent->incoming_ud);
	call->nh = nh;
	nua_handle_bind(nh, call);
	call->remote_offer = g_steal_pointer(&offer);
	if (call->remote_offer)
		call->remote_hold = offered == SIP_DIR_SENDONLY ||
				    offered == SIP_DIR_INACTIVE;
	call->request_headers = collect_headers(sip);
	learn_request_uri(call, sip);
	sip_call_learn_dialog(call, sip);

	sip_call_ref(call);
	if (agent->route) {
		const sip_call_observer *obs = NULL;
		void *obs_ud = NULL;
		guint retry_after = 0;
		int status;

		memset(&call->obs, 0, sizeof(call->obs));
		call->obs_ud = NULL;
		status = agent->route(call, &obs, &obs_ud, &retry_after,
				      agent->route_ud);
		if (status != 0 || !obs) {
			refuse(call, status ? status : 480, retry_after);
			sip_call_unref(call);
			return;
		}
		call->obs = *obs;
		call->obs_ud = obs_ud;
	}
	/* We ring ourselves rather than through nua's auto-alert, which would
	 * also answer re-INVITEs with 180. */
	nua_respond(nh, SIP_180_RINGING, NUTAG_WITH_THIS(agent->nua),
		    TAG_END());
	call->state = SIP_CALL_RINGING;

	if (call->obs.on_incoming)
		call->obs.on_incoming(call, call->obs_ud);
	sip_call_unref(call);
}

const char *sip_call_request_uri(const sip_call *call)
{
	return call->request_uri;
}

const char *sip_call_request_user(const sip_call *call)
{
	return call->request_uri ? call->request_user : NULL;
}

int sip_call_accept(sip_call *call, sip_done_fn done, void *ud)
{
	if (call->outbound || call->released || !call->nh || call->answered)
		return -1;
	sip_direction dir = SIP_DIR_SENDRECV;
	if (call->remote_offer) {
		sip_direction offered = SIP_DIR_SENDRECV;
		sip_sdp_read_direction(call->remote_offer, &offered);
		dir = sip_sdp_answer_direction(offered, FALSE);
	}
	g_autofree char *sdp =
		sip_sdp_make(&call->agent->cfg, call->sdp_id,
			     call->sdp_version++, dir, call->remote_offer);
	call->answered = TRUE;
	sip_op_start(&call->invite, done, ud);
	if (!sdp) {
		/* No codec in common. */
		sip_call_set_end(call, SIP_END_FAILED, 488,
				 "Not Acceptable Here", TRUE);
		nua_respond(call->nh, SIP_488_NOT_ACCEPTABLE, TAG_END());
		sip_op_finish_later(call, &call->invite, 488,
				    "Not Acceptable Here", TRUE);
		return 0;
	}
	nua_respond(call->nh, SIP_200_OK,
		    SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		    SIPTAG_PAYLOAD_STR(sdp), TAG_END());
	return 0;
}

int sip_call_reject(sip_call *call, int status, const char *phrase,
		    const char *contact)
{
	if (call->outbound || call->released || !call->nh || call->answered ||
	    status < 300 || status > 699)
		return -1;
	if (contact && strpbrk(contact, "\r\n"))
		contact = NULL;
	if (phrase && strpbrk(phrase, "\r\n"))
		phrase = NULL;
	const char *text =
		phrase && *phrase ? phrase : sip_status_phrase(status);
	if (!text)
		text = "Rejected";
	call->answered = TRUE;
	sip_call_set_end(call, SIP_END_LOCAL, status, text, TRUE);
	nua_respond(
		call->nh, status, text,
		TAG_IF(contact && status < 400, SIPTAG_CONTACT_STR(contact)),
		TAG_END());
	return 0;
}
