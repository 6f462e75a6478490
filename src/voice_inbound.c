/*
 * Inbound calls (spec §6). Routing: every new INVITE passes the cap on
 * calls ringing at once ([voice] max-ringing, 503 with Retry-After past
 * it), then goes to the router's session (sipscxml serve) or the attached
 * one (run), as interaction.added — unless that session holds [voice]
 * max-calls-per-session calls already (503 with Retry-After); a call nobody
 * answers within [voice] ring-timeout gets 480. Answering: <accept>,
 * <reject>, <redirect> (each in its voice_<action>.c); the call rings until
 * one of these, or <terminate> (480), settles it. Results are
 * interaction.<action>.done /
 * error.interaction.<action>.
 */
#include "config.h"

#include <string.h>

#include "src/voice_priv.h"

/* ---- routing ------------------------------------------------------------ */

static gboolean still_offered(const voice_call *vc)
{
	return vc->state == VOICE_CALL_OFFERED && !vc->hung_up;
}

/* Forget the calls answered or ended since: each leaves the set once, so
 * the cost of pruning at every INVITE stays in proportion to the calls
 * ringing. */
static void prune_offered(voice_module *vm)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, vm->offered);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (still_offered(k))
			continue;
		g_source_destroy(v);
		g_source_unref(v);
		g_hash_table_iter_remove(&it);
	}
}

void voice_inbound_clear(voice_module *vm)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, vm->offered);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		g_source_destroy(v);
		g_source_unref(v);
		g_hash_table_iter_remove(&it);
	}
}

/* Nobody accepted, rejected or redirected the call in [voice]
 * ring-timeout: 480, as <terminate> on a ringing call would send. An
 * accept in flight (waiting for the ACK) has its own bound. */
static int refused(voice_module *vm, int status)
{
	if (vm->refused)
		vm->refused(status, vm->refused_ud);
	return status;
}

static gboolean ring_timeout(gpointer data)
{
	voice_call *vc = data;
	voice_module *vm = vc->vs->vm;
	GSource *src = g_hash_table_lookup(vm->offered, vc);

	if (src) {
		g_hash_table_remove(vm->offered, vc);
		g_source_unref(src);
	}
	if (!still_offered(vc) || vc->op || !vc->sip)
		return G_SOURCE_REMOVE;
	vc->forced_cause = "local";
	vc->hung_up = TRUE;
	if (sip_call_reject(vc->sip, 480, "Temporarily Unavailable", NULL) <
	    0) {
		vc->forced_cause = NULL;
		vc->hung_up = FALSE;
	} else {
		refused(vm, 480);
	}
	return G_SOURCE_REMOVE;
}

static void offer_add(voice_module *vm, voice_call *vc)
{
	GSource *src = g_timeout_source_new(
		(guint)(vm->cfg.ring_timeout_s * 1000 + 0.5));

	g_source_set_callback(src, ring_timeout, voice_call_ref(vc),
			      (GDestroyNotify)voice_call_unref);
	g_source_attach(src, vm->ctx);
	g_hash_table_insert(vm->offered, vc, src);
}

static gboolean ringing_full(voice_module *vm)
{
	prune_offered(vm);
	return g_hash_table_size(vm->offered) >= vm->cfg.max_ringing;
}

/* The URI of a From/To header value ("Alice <sip:a@b>;tag=x" → "sip:a@b"),
 * or NULL. */
static char *header_uri(GHashTable *headers, const char *name)
{
	const char *v = headers ? g_hash_table_lookup(headers, name) : NULL;
	const char *lt, *gt;

	if (!v)
		return NULL;
	lt = strchr(v, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt)
		return g_strndup(lt + 1, gt - lt - 1);
	return g_strstrip(g_strndup(v, strcspn(v, ";")));
}

/* 180 is out: the session hears of the call. */
static void inbound_on_incoming(sip_call *call, void *ud)
{
	voice_call *vc = ud;
	GHashTable *headers = sip_call_request_headers(call);
	char *from = header_uri(headers, "From");
	char *to = header_uri(headers, "To");
	JsonNode *data;

	/* From/To as the caller wrote them; the remote URI is the caller's
	 * Contact (where our requests go), not who it says it is. */
	data = voice_event_added(vc->id, from ? from : sip_call_remote_uri(call),
				 to ? to : sip_call_local_uri(call),
				 sip_call_call_id(call), headers);
	scxml_json_object_set_text(json_node_get_object(data), "requesturi",
				   sip_call_request_uri(call)
					   ? sip_call_request_uri(call)
					   : "");
	g_free(from);
	g_free(to);
	voice_session_post(vc->vs, "interaction.added", data);
}

static void inbound_on_state(sip_call *call, sip_call_state state, void *ud)
{
	voice_call_observer.on_state(call, state, ud);
}

static void inbound_on_released(sip_call *call, sip_end_cause cause,
				const sip_outcome *why, void *ud)
{
	voice_call_observer.on_released(call, cause, why, ud);
}

static const sip_call_observer inbound_observer = {
	.on_state = inbound_on_state,
	.on_released = inbound_on_released,
	.on_incoming = inbound_on_incoming,
};

int voice_inbound_route(sip_call *call, const sip_call_observer **obs,
			void **obs_ud, guint *retry_after, void *ud)
{
	voice_module *vm = ud;
	voice_session *vs;
	voice_call *vc;

	if (ringing_full(vm)) {
		g_log("sipscxml-voice", G_LOG_LEVEL_INFO,
		      "%u calls ringing already ([voice] max-ringing): 503",
		      vm->cfg.max_ringing);
		*retry_after = vm->cfg.retry_after_s;
		return refused(vm, 503);
	}
	if (vm->route) {
		int status = 480;
		guint retry = 0;
		const char *user = sip_call_request_user(call);
		scxml_session *s = vm->route(sip_call_request_uri(call),
					     user ? user : "", &status, &retry,
					     vm->route_ud);

		if (!s) {
			*retry_after = retry;
			return status >= 300 && status <= 699 ? status : 480;
		}
		vs = voice_session_get(vm, s);
	} else {
		vs = vm->inbound;
		if (!vs || !vs->s)
			return refused(vm, 480); /* no flow to offer it to */
	}
	if (voice_session_full(vs)) {
		/* Before the flow hears of it: the session is at its own
		 * bound ([voice] max-calls-per-session), which a call ending
		 * lifts; another instance may have room. */
		g_log("sipscxml-voice", G_LOG_LEVEL_INFO,
		      "the session has %u live calls already ([voice] "
		      "max-calls-per-session): 503",
		      g_hash_table_size(vs->calls));
		*retry_after = vm->cfg.retry_after_s;
		return refused(vm, 503);
	}
	vc = voice_call_new(vs, TRUE);
	voice_call_attach(vc, call);
	offer_add(vm, vc);
	*obs = &inbound_observer;
	*obs_ud = vc;
	/* The session's index keeps the call; drop the creation ref. */
	voice_call_unref(vc);
	return 0;
}

int voice_inbound_options(guint *retry_after, void *ud)
{
	voice_module *vm = ud;

	if (ringing_full(vm)) {
		*retry_after = vm->cfg.retry_after_s;
		return 503;
	}
	if (vm->options)
		return vm->options(retry_after, vm->route_ud);
	/* run: the one session that takes inbound calls is full. */
	if (vm->inbound && vm->inbound->s && voice_session_full(vm->inbound)) {
		*retry_after = vm->cfg.retry_after_s;
		return 503;
	}
	return 200;
}

/* ---- answering: shared by <reject> and <redirect> ---------------------- */

int voice_refuse_offered(voice_request *req, voice_call *vc, int status,
			 const char *phrase, const char *contact)
{
	vc->forced_cause = "local";
	vc->hung_up = TRUE;
	if (sip_call_reject(vc->sip, status, phrase, contact) < 0) {
		vc->forced_cause = NULL;
		vc->hung_up = FALSE;
		voice_request_fail(req, "unknown", "cannot send the response");
		return -1;
	}
	voice_request_succeed(req);
	return 0;
}
