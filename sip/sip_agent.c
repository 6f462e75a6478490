/*
 * The agent: one sofia-sip NUA stack whose su_root is a GSource on the
 * caller's GMainContext, so SIP runs on the same loop as everything else.
 * This file starts and stops the stack and routes each NUA event to the file
 * that owns the operation (invite, hold, refer, hangup, inbound, register).
 * A call is a NUA handle whose magic is our sip_call; the registration's
 * handle has none, and is known by its pointer.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/tport_tag.h>

#include "sip/sip_bind.h"
#include "sip/sip_call_priv.h"

/* Port 0 asks for any free port; UDP and TCP must share it so that the
 * Contact we advertise works on both, so find one that binds on both. */
static gboolean bind_one(GSocketAddress *sa, GSocketType type, guint *port)
{
	GSocket *s = g_socket_new(g_socket_address_get_family(sa), type,
				  G_SOCKET_PROTOCOL_DEFAULT, NULL);
	gboolean ok = s && g_socket_bind(s, sa, FALSE, NULL);
	if (ok && *port == 0) {
		GSocketAddress *local = g_socket_get_local_address(s, NULL);
		ok = local != NULL;
		if (ok)
			*port = g_inet_socket_address_get_port(
				G_INET_SOCKET_ADDRESS(local));
		g_clear_object(&local);
	}
	g_clear_object(&s);
	return ok;
}

/* A port free on host for UDP, TCP or both (TLS: TCP only), or 0. */
static guint pick_free_port(const char *host, gboolean udp, gboolean tcp)
{
	/* "*" (every address): free on all of them */
	GInetAddress *ia = g_inet_address_new_from_string(
		strcmp(host, "*") == 0 ? "0.0.0.0" : host);
	guint found = 0;
	for (int attempt = 0; ia && attempt < 20 && !found; attempt++) {
		guint port = 0;
		GSocketAddress *any = g_inet_socket_address_new(ia, 0);
		gboolean ok = bind_one(any,
				       udp ? G_SOCKET_TYPE_DATAGRAM
					   : G_SOCKET_TYPE_STREAM,
				       &port);
		g_object_unref(any);
		if (ok && udp && tcp) {
			GSocketAddress *sa =
				g_inet_socket_address_new(ia, port);
			ok = bind_one(sa, G_SOCKET_TYPE_STREAM, &port);
			g_object_unref(sa);
		}
		if (ok)
			found = port;
	}
	g_clear_object(&ia);
	return found;
}

/* The URI sofia listens on for b: sips: for TLS, else sip: with the
 * transports asked for (none named: both). Port 0 becomes a free port.
 * NULL with *err when there is none. */
static char *listen_url(const sip_bind *b, gboolean udp, gboolean tcp,
			GError **err)
{
	gboolean tls = b->transports == SIP_BIND_TLS;
	guint port = b->port;
	g_autofree char *host = sip_bind_uri_host(b);

	if (port == 0 &&
	    !(port = pick_free_port(b->host, tls ? FALSE : udp, tls || tcp))) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
			    "no free %sport on %s", tls ? "TLS " : "", host);
		return NULL;
	}
	if (tls)
		return g_strdup_printf("sips:%s:%u", host, port);
	return g_strdup_printf("sip:%s:%u%s", host, port,
			       udp && tcp ? ""
			       : udp	  ? ";transport=udp"
					  : ";transport=tcp");
}

/* [sip] bind (or --bind) and tls-bind, read: the plain listener's URL (NULL
 * when bind itself is sips:) and the TLS one (NULL: no TLS). */
static int listen_urls(sip_agent_config *cfg, char **url, char **sips,
		       GError **err)
{
	sip_bind b = {0}, t = {0};
	int rc = -1;

	*url = *sips = NULL;
	if (sip_bind_parse(cfg->bind, 5060, &b, err) < 0)
		return -1;
	if (cfg->tls_bind && sip_bind_parse(cfg->tls_bind, 5061, &t, err) < 0)
		goto out;
	if (cfg->tls_bind && t.transports != SIP_BIND_ANY &&
	    t.transports != SIP_BIND_TLS) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "tls-bind '%s' names another transport than TLS",
			    cfg->tls_bind);
		goto out;
	}
	if (b.transports == SIP_BIND_TLS && cfg->tls_bind) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "bind '%s' is TLS already: leave tls-bind out",
			    cfg->bind);
		goto out;
	}
	if ((b.transports == SIP_BIND_TLS || cfg->tls_bind) &&
	    !cfg->tls_certificates) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "SIP over TLS needs [sip] tls-certificates");
		goto out;
	}
	if (b.transports == SIP_BIND_TLS) {
		*sips = listen_url(&b, FALSE, FALSE, err);
		rc = *sips ? 0 : -1;
		goto out;
	}
	/* A transport the bind URI names restricts [sip] transports. */
	if (b.transports != SIP_BIND_ANY) {
		cfg->udp = (b.transports & SIP_BIND_UDP) != 0;
		cfg->tcp = (b.transports & SIP_BIND_TCP) != 0;
	}
	if (!(*url = listen_url(&b, cfg->udp, cfg->tcp, err)))
		goto out;
	if (cfg->tls_bind) {
		t.transports = SIP_BIND_TLS;
		if (!(*sips = listen_url(&t, FALSE, FALSE, err)))
			goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		g_clear_pointer(url, g_free);
		g_clear_pointer(sips, g_free);
	}
	sip_bind_clear(&b);
	sip_bind_clear(&t);
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? g_strdup(s) : NULL;
}

static void copy_config(sip_agent_config *dst, const sip_agent_config *src)
{
	*dst = *src;
	dst->bind = g_strdup(src->bind ? src->bind : "127.0.0.1:5060");
	dst->identity = g_strdup(src->identity ? src->identity
					       : "sip:sipscxml@127.0.0.1");
	dst->domain = dup_or_null(src->domain);
	dst->outbound_proxy = dup_or_null(src->outbound_proxy);
	dst->user_agent =
		g_strdup(src->user_agent ? src->user_agent
					 : "sipscxml/" PACKAGE_VERSION);
	dst->auth_user = dup_or_null(src->auth_user);
	dst->auth_password = dup_or_null(src->auth_password);
	dst->auth_realm = dup_or_null(src->auth_realm);
	dst->media_address =
		g_strdup(src->media_address ? src->media_address : "127.0.0.1");
	dst->codecs = g_strdup(src->codecs ? src->codecs : "PCMU,PCMA");
	dst->registrar = dup_or_null(src->registrar);
	dst->reg_aor = dup_or_null(src->reg_aor);
	dst->reg_contact_user = dup_or_null(src->reg_contact_user);
	dst->tls_bind = dup_or_null(src->tls_bind);
	dst->tls_certificates = dup_or_null(src->tls_certificates);
	if (!dst->reg_expires)
		dst->reg_expires = 3600;
	if (!dst->reg_retry)
		dst->reg_retry = 30;
	if (!dst->udp && !dst->tcp)
		dst->udp = dst->tcp = TRUE;
	if (!dst->t1_ms)
		dst->t1_ms = 500;
	if (!dst->t1x64_ms)
		dst->t1x64_ms = 64 * dst->t1_ms;
	if (!dst->media_port)
		dst->media_port = 4000;
	if (dst->min_se < 90)
		dst->min_se = 90;
}

static void release_all(sip_agent *agent, int status, const char *phrase)
{
	sip_call *call;
	while ((call = g_queue_peek_head(&agent->calls)))
		sip_call_release(call, SIP_END_LOCAL, status, phrase, TRUE);
}

static void finish_shutdown(sip_agent *agent)
{
	if (agent->shutdown_complete)
		return;
	agent->shutdown_complete = TRUE;
	if (agent->shutdown_guard) {
		g_source_destroy(agent->shutdown_guard);
		agent->shutdown_guard = NULL;
	}
	release_all(agent, 503, "Service Unavailable");
	if (agent->shutdown_done) {
		void (*done)(void *) = agent->shutdown_done;
		agent->shutdown_done = NULL;
		done(agent->shutdown_ud);
	}
}

/* Events that create or concern no call of ours: nua gave us a handle for a
 * request we did not take on, which we must let go. */
static void drop_foreign_handle(nua_t *nua, nua_event_t event, int status,
				nua_handle_t *nh)
{
	if (!nh || !nua_event_is_incoming_request(event))
		return;
	/* BYE is an application method: nobody else answers it */
	if (event == nua_i_bye && status < 200)
		nua_respond(nh, SIP_481_NO_TRANSACTION, NUTAG_WITH_THIS(nua),
			    TAG_END());
	nua_handle_destroy(nh);
}

static void on_nua_event(nua_event_t event, int status, char const *phrase,
			 nua_t *nua, sip_agent *agent, nua_handle_t *nh,
			 sip_call *call, sip_t const *sip, tagi_t tags[])
{
	if (!phrase)
		phrase = "";
	/* a response that came over the wire (not one nua made up) */
	if (sip && sip->sip_status && status >= 100 && status < 700)
		agent->responses[status / 100]++;
	if (event == nua_r_shutdown) {
		if (status >= 200) {
			agent->nua_final = TRUE;
			finish_shutdown(agent);
		}
		return;
	}
	if (sip_register_on_event(agent->reg, event, status, phrase, nh, sip))
		return;
	if (event == nua_i_refer) {
		/* Nobody transfers us: we are the one in control of our
		 * calls. Declining also ends nua's implicit subscription. */
		nua_respond(nh, SIP_603_DECLINE, NUTAG_WITH_THIS(nua),
			    TAG_END());
		if (!call)
			nua_handle_destroy(nh);
		return;
	}
	if (event == nua_i_invite && !call) {
		sip_call_on_incoming(agent, nh, sip);
		return;
	}
	if (event == nua_i_options) {
		sip_agent_on_options(agent, nh, call != NULL);
		return;
	}
	if (!call || call->released) {
		if (!call)
			drop_foreign_handle(nua, event, status, nh);
		else if (event == nua_i_bye && status < 200)
			nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua),
				    TAG_END());
		return;
	}

	/* A callback may drop the last user reference; keep the call alive
	 * until this event is fully handled. */
	sip_call_ref(call);
	switch (event) {
	case nua_r_invite:
		if (call->invite.pending && call->outbound &&
		    call->state < SIP_CALL_CONNECTED)
			sip_call_on_invite_response(call, status, phrase, sip);
		else
			sip_call_on_reinvite_response(call, status, phrase,
						      sip);
		/* a 2xx is ACKed by now: the peer's BYE can be answered */
		if (status >= 200)
			sip_call_answer_held_bye(call);
		break;
	case nua_i_invite:
		/* >= 200: nua answered it already (491 on glare) */
		if (status < 200)
			sip_call_on_remote_reinvite(call, nua, sip);
		break;
	case nua_i_ack:
		sip_call_on_ack(call, sip);
		break;
	case nua_i_state:
		sip_call_on_state(call, status, phrase, tags);
		break;
	case nua_i_bye:
		if (status < 200)
			sip_call_on_remote_bye(call, nua);
		break;
	case nua_i_cancel:
		sip_call_on_remote_end(call, status, phrase);
		break;
	case nua_r_bye:
	case nua_r_cancel:
		sip_call_on_hangup_response(call, status, phrase, sip);
		break;
	case nua_r_refer:
		sip_call_on_refer_response(call, status, phrase, sip);
		break;
	case nua_i_notify:
		sip_call_on_notify(call, sip, tags);
		break;
	default:
		break;
	}
	sip_call_unref(call);
}

sip_agent *sip_agent_new(GMainContext *ctx, const sip_agent_config *cfg,
			 const sip_call_observer *incoming, void *ud,
			 GError **err)
{
	sip_agent *agent = g_new0(sip_agent, 1);
	g_autofree char *url = NULL;
	g_autofree char *sips = NULL;

	copy_config(&agent->cfg, cfg);
	agent->ctx = g_main_context_ref(ctx ? ctx : g_main_context_default());
	if (incoming)
		agent->incoming = *incoming;
	agent->incoming_ud = ud;
	g_queue_init(&agent->calls);
	sip_log_attach(agent);

	if (listen_urls(&agent->cfg, &url, &sips, err) < 0)
		goto fail;
	agent->contact = g_strdup(url ? url : sips);

	su_init();
	su_home_init(agent->home);
	agent->root = su_glib_root_create(agent);
	if (!agent->root) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_FAILED,
			    "cannot create the sofia-sip root");
		goto fail;
	}
	/* The stack runs in this thread, on the caller's loop. */
	su_root_threading(agent->root, 0);
	agent->root_source = su_glib_root_gsource(agent->root);
	g_source_attach(agent->root_source, agent->ctx);

	agent->nua = nua_create(
		agent->root, on_nua_event, agent, TAG_IF(url, NUTAG_URL(url)),
		SIPTAG_FROM_STR(agent->cfg.identity),
		SIPTAG_USER_AGENT_STR(agent->cfg.user_agent),
		NUTAG_MEDIA_ENABLE(0), NUTAG_AUTOALERT(0), NUTAG_AUTOANSWER(0),
		NUTAG_AUTOACK(1), NUTAG_ENABLEINVITE(1),
		/* RFC 4028: nua's own Min-SE default (120) made it answer a
		 * peer's refresh at 90 s with 422 after accepting 90 in the
		 * call's 200. The refresher it negotiates sends UPDATE when
		 * the peer allows it (no SDP offer to make up). */
		NUTAG_SESSION_TIMER(agent->cfg.session_expires),
		NUTAG_MIN_SE(agent->cfg.min_se), NUTAG_UPDATE_REFRESH(1),
		/* BYE: see sip_call_hangup.c. OPTIONS: answered by us, 503
		 * while a router says we are full or draining
		 * (sip_agent_on_options). */
		NUTAG_APPL_METHOD("REFER, BYE, OPTIONS"),
		NTATAG_SIP_T1(agent->cfg.t1_ms),
		NTATAG_SIP_T1X64(agent->cfg.t1x64_ms),
		NUTAG_AUTO302(agent->cfg.follow_redirects),
		TAG_IF(agent->cfg.outbound_proxy,
		       NUTAG_PROXY(agent->cfg.outbound_proxy)),
		TPTAG_LOG(agent->cfg.trace),
		/* TLS: sofia's layout of the directory (agent.pem, cafile.pem);
		 * verifying the server's chain only — the name in its
		 * certificate is not matched against the host. */
		TAG_IF(sips, NUTAG_SIPS_URL(sips)),
		TAG_IF(sips, TPTAG_CERTIFICATE(agent->cfg.tls_certificates)),
		TAG_IF(sips, TPTAG_TLS_VERIFY_POLICY(agent->cfg.tls_verify
							      ? TPTLS_VERIFY_OUT
							      : TPTLS_VERIFY_NONE)),
		TAG_END());
	if (!agent->nua) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_FAILED,
			    "cannot start SIP on %s%s%s", url ? url : "",
			    url && sips ? " and " : "", sips ? sips : "");
		goto fail;
	}
	g_log(SIP_LOG_DOMAIN, G_LOG_LEVEL_INFO, "SIP agent on %s%s%s",
	      url ? url : "", url && sips ? " and " : "", sips ? sips : "");
	agent->reg = sip_register_new(agent);
	return agent;
fail:
	sip_agent_free(agent);
	return NULL;
}

void sip_agent_set_router(sip_agent *agent, sip_route_fn route,
			  sip_options_fn options, void *ud)
{
	agent->route = route;
	agent->options = options;
	agent->route_ud = ud;
}

guint64 sip_agent_responses(const sip_agent *agent, int cls)
{
	return agent && cls >= 1 && cls <= 6 ? agent->responses[cls] : 0;
}

guint sip_agent_call_count(const sip_agent *agent)
{
	return agent->calls.length;
}

/* A load balancer's probe (a Kamailio dispatcher sends OPTIONS): 200 while
 * we take calls, the router's refusal otherwise. Inside a dialog (a peer's
 * keepalive) always 200: the call is there. nua adds Allow, Accept and the
 * like to a 2xx. */
void sip_agent_on_options(sip_agent *agent, nua_handle_t *nh,
			  gboolean in_dialog)
{
	guint retry_after = 0;
	int status = agent->shutting_down && !in_dialog ? 503 : 200;
	g_autofree char *retry = NULL;
	const char *text;

	if (in_dialog) {
		nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(agent->nua),
			    TAG_END());
		return;
	}
	if (status == 200 && agent->options)
		status = agent->options(&retry_after, agent->route_ud);
	if (status < 200 || status > 699)
		status = 500;
	text = sip_status_phrase(status);
	if (retry_after && status >= 300)
		retry = g_strdup_printf("%u", retry_after);
	nua_respond(nh, status, text ? text : "Unavailable",
		    NUTAG_WITH_THIS(agent->nua),
		    TAG_IF(retry, SIPTAG_RETRY_AFTER_STR(retry)), TAG_END());
	nua_handle_destroy(nh);
}

const char *sip_agent_contact(sip_agent *agent)
{
	return agent->contact;
}

static gboolean shutdown_guard(gpointer data)
{
	/* nua_shutdown waits up to 30 s for stuck transactions; the caller was
	 * promised a few seconds, so report done now and let free wait. */
	sip_agent *agent = data;
	agent->shutdown_guard = NULL;
	finish_shutdown(agent);
	return G_SOURCE_REMOVE;
}

typedef struct late_done {
	void (*done)(void *ud);
	void *ud;
} late_done;

static gboolean late_done_cb(gpointer data)
{
	late_done *l = data;
	l->done(l->ud);
	return G_SOURCE_REMOVE;
}

/* Calls are being hung up and the registration is undone (or was never
 * there): the stack itself can go now. */
static void shutdown_stack(sip_agent *agent)
{
	nua_shutdown(agent->nua);
	agent->shutdown_guard = g_timeout_source_new_seconds(5);
	g_source_set_callback(agent->shutdown_guard, shutdown_guard, agent,
			      NULL);
	g_source_attach(agent->shutdown_guard, agent->ctx);
	g_source_unref(agent->shutdown_guard);
}

void sip_agent_shutdown(sip_agent *agent, void (*done)(void *ud), void *ud)
{
	if (agent->shutdown_complete) {
		/* already down: still report, and from the loop */
		if (done) {
			late_done *l = g_new(late_done, 1);
			l->done = done;
			l->ud = ud;
			GSource *src = g_idle_source_new();
			g_source_set_callback(src, late_done_cb, l, g_free);
			g_source_attach(src, agent->ctx);
			g_source_unref(src);
		}
		return;
	}
	agent->shutdown_done = done;
	agent->shutdown_ud = ud;
	if (agent->shutting_down)
		return;
	agent->shutting_down = TRUE;
	for (GList *l = agent->calls.head; l; l = l->next)
		sip_call_hangup(l->data, NULL, NULL, NULL);
	/* nua_shutdown would un-REGISTER too, but without telling us and
	 * for up to 30 s: ours is bounded, and reported. */
	if (!sip_register_stop(agent->reg, shutdown_stack))
		shutdown_stack(agent);
}

/* Called by sip_call_release: the agent's reference goes with the call. */
void sip_agent_forget_call(sip_agent *agent, sip_call *call)
{
	if (!call->agent_link)
		return;
	g_queue_delete_link(&agent->calls, call->agent_link);
	call->agent_link = NULL;
	sip_call_unref(call);
}

void sip_agent_free(sip_agent *agent)
{
	if (!agent)
		return;
	if (agent->nua) {
		/* nua_destroy refuses a stack that has not finished its
		 * shutdown: run the loop until it has (nua gives up on stuck
		 * transactions after 30 s). */
		if (!agent->shutting_down)
			sip_agent_shutdown(agent, NULL, NULL);
		agent->shutdown_done = NULL;
		while (!agent->nua_final)
			g_main_context_iteration(agent->ctx, TRUE);
		/* calls go (and their handles) while nua is still there */
		release_all(agent, 503, "Service Unavailable");
		sip_register_free(agent->reg);
		agent->reg = NULL;
		nua_destroy(agent->nua);
		agent->nua = NULL;
	}
	if (agent->shutdown_guard)
		g_source_destroy(agent->shutdown_guard);
	if (agent->root_source)
		g_source_destroy(agent->root_source);
	if (agent->root) {
		su_root_destroy(agent->root);
		su_home_deinit(agent->home);
		su_deinit();
	}
	sip_log_detach(agent);
	if (agent->ctx)
		g_main_context_unref(agent->ctx);
	sip_agent_config_clear(&agent->cfg);
	g_free(agent->contact);
	g_free(agent);
}
