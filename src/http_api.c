/*
 * serve's HTTP API server (doc/http-api.md): libsoup 3 on the host's GLib
 * loop, so that requests run between SIP messages and macrosteps and touch
 * sessions without locks. Connections are accepted by a GSocketService
 * and handed to the server (as scxml_http.c does: libsoup 3.2's own
 * listener leaks a reference per socket). Here: the routing of paths,
 * the bearer token, /health and /metrics; the sessions are
 * http_api_sessions.c's, the event streams http_api_sse.c's.
 */
#include "config.h"

#include <string.h>

#include "src/http_api.h"
#include "src/metrics_calls.h"

typedef struct http_api_priv {
	http_api api; /* first */
	GSocketService *service;
} http_api_priv;

/* ---- /metrics ---------------------------------------------------------------
 */

static void count_call(const char *id, const char *state, gboolean inbound,
		       void *ud)
{
	GHashTable *t = ud;

	g_hash_table_replace(
		t, (gpointer)state,
		GUINT_TO_POINTER(
			GPOINTER_TO_UINT(g_hash_table_lookup(t, state)) + 1));
}

static void gauge_session(host_session *hs, void *ud)
{
	metrics_gauges *g = ud;
	const char *doc = hs->document ? hs->document : "";

	if (hs->cs.exited)
		return;
	g_hash_table_replace(
		g->sessions_by_document, (gpointer)doc,
		GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(
					 g->sessions_by_document, doc)) +
				 1));
	metrics_calls_foreach(hs->cs.s, count_call, g->calls_by_state);
}

static void get_metrics(http_api *api, SoupServerMessage *msg)
{
	metrics_gauges g = {
		.sessions_by_document =
			g_hash_table_new(g_str_hash, g_str_equal),
		.calls_by_state = g_hash_table_new(g_str_hash, g_str_equal),
	};
	char *text;

	host_foreach(api->h, gauge_session, &g);
	for (int c = 1; c <= 6; c++)
		g.sip_responses[c] =
			metrics_sip_responses(host_env(api->h)->voice, c);
	text = metrics_render(host_metrics(api->h), &g);
	soup_server_message_set_status(msg, 200, NULL);
	soup_server_message_set_response(msg,
					 "text/plain; version=0.0.4; "
					 "charset=utf-8",
					 SOUP_MEMORY_TAKE, text, strlen(text));
	g_hash_table_unref(g.sessions_by_document);
	g_hash_table_unref(g.calls_by_state);
}

/* ---- routing ----------------------------------------------------------------
 */

static void get_health(http_api *api, SoupServerMessage *msg)
{
	gboolean draining = api->sv.draining(api->sv.ud);
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "status");
	json_builder_add_string_value(b, draining ? "draining" : "serving");
	json_builder_set_member_name(b, "sessions");
	json_builder_add_int_value(b, host_live_sessions(api->h));
	json_builder_end_object(b);
	http_api_reply(msg, draining ? 503 : 200, json_builder_get_root(b));
	g_object_unref(b);
}

/* Authorization: Bearer TOKEN, compared in constant time. */
static gboolean authorized(http_api *api, SoupServerMessage *msg)
{
	const char *auth = soup_message_headers_get_one(
		soup_server_message_get_request_headers(msg), "Authorization");
	const char *want = api->cfg->token;
	gsize n;
	guchar diff = 0;

	if (!want)
		return TRUE;
	if (!auth || g_ascii_strncasecmp(auth, "Bearer ", 7) != 0)
		return FALSE;
	auth += 7;
	n = strlen(want);
	if (strlen(auth) != n)
		return FALSE;
	for (gsize i = 0; i < n; i++)
		diff |= (guchar)(auth[i] ^ want[i]);
	return diff == 0;
}

static void on_request(SoupServer *server, SoupServerMessage *msg,
		       const char *path, GHashTable *query, gpointer ud)
{
	http_api *api = ud;
	const char *method = soup_server_message_get_method(msg);

	(void)server;
	(void)query;
	if (!strcmp(path, "/health")) {
		if (strcmp(method, "GET") != 0)
			http_api_error(msg, 405, "GET only");
		else
			get_health(api, msg);
		return;
	}
	if (!authorized(api, msg)) {
		soup_message_headers_replace(
			soup_server_message_get_response_headers(msg),
			"WWW-Authenticate", "Bearer");
		http_api_error(msg, 401, "a bearer token is needed");
		return;
	}
	if (!strcmp(path, "/metrics")) {
		if (strcmp(method, "GET") != 0)
			http_api_error(msg, 405, "GET only");
		else
			get_metrics(api, msg);
		return;
	}
	if (!strcmp(path, "/sessions") ||
	    g_str_has_prefix(path, "/sessions/")) {
		http_api_sessions(api, msg, method, path);
		return;
	}
	http_api_error(msg, 404, "no such endpoint: %s", path);
}

/* Before the body is read: one announced too large is refused at once. */
static void on_early(SoupServer *server, SoupServerMessage *msg,
		     const char *path, GHashTable *query, gpointer ud)
{
	http_api *api = ud;
	goffset len = soup_message_headers_get_content_length(
		soup_server_message_get_request_headers(msg));

	(void)server;
	(void)path;
	(void)query;
	if (len > (goffset)api->cfg->max_body)
		http_api_error(msg, 413, "request body over %u bytes",
			       api->cfg->max_body);
}

static gboolean on_incoming(GSocketService *service, GSocketConnection *conn,
			    GObject *source, gpointer ud)
{
	http_api *api = ud;
	GSocketAddress *local =
		g_socket_connection_get_local_address(conn, NULL);
	GSocketAddress *remote =
		g_socket_connection_get_remote_address(conn, NULL);
	GError *err = NULL;

	(void)service;
	(void)source;
	if (!soup_server_accept_iostream(api->server, G_IO_STREAM(conn), local,
					 remote, &err)) {
		g_warning("HTTP API: %s", err->message);
		g_error_free(err);
	}
	g_clear_object(&local);
	g_clear_object(&remote);
	return TRUE;
}

static GSocketAddress *parse_bind(const char *bind, GError **err)
{
	GSocketConnectable *c = g_network_address_parse(bind, 0, err);
	const char *name;
	GInetAddress *a;
	GSocketAddress *sa;

	if (!c)
		return NULL;
	name = g_network_address_get_hostname(G_NETWORK_ADDRESS(c));
	a = !g_strcmp0(name, "localhost")
		    ? g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4)
		    : g_inet_address_new_from_string(name);
	if (!a) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "%s: not an IP address", bind);
		g_object_unref(c);
		return NULL;
	}
	sa = g_inet_socket_address_new(
		a, g_network_address_get_port(G_NETWORK_ADDRESS(c)));
	g_object_unref(a);
	g_object_unref(c);
	return sa;
}

http_api *http_api_new(host *h, const http_api_config *cfg,
		       const http_api_serve *sv, GError **err)
{
	http_api_priv *p = g_new0(http_api_priv, 1);
	http_api *api = &p->api;
	GMainContext *ctx = host_env(h)->ctx;
	GSocketAddress *sa = parse_bind(cfg->bind, err);
	gboolean ok;

	api->h = h;
	api->cfg = cfg;
	api->sv = *sv;
	api->streams =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!sa) {
		http_api_free(api);
		return NULL;
	}
	/* libsoup runs on the thread-default context at creation. */
	g_main_context_push_thread_default(ctx);
	api->server = soup_server_new("server-header", "sipscxml ", NULL);
	soup_server_add_early_handler(api->server, NULL, on_early, api, NULL);
	soup_server_add_handler(api->server, NULL, on_request, api, NULL);
	p->service = g_socket_service_new();
	ok = g_socket_listener_add_address(
		G_SOCKET_LISTENER(p->service), sa, G_SOCKET_TYPE_STREAM,
		G_SOCKET_PROTOCOL_TCP, NULL, NULL, err);
	if (ok) {
		g_signal_connect(p->service, "incoming",
				 G_CALLBACK(on_incoming), api);
		g_socket_service_start(p->service);
	}
	g_main_context_pop_thread_default(ctx);
	g_object_unref(sa);
	if (!ok) {
		http_api_free(api);
		return NULL;
	}
	host_set_listener(h, http_api_sse_record, api);
	return api;
}

void http_api_free(http_api *api)
{
	http_api_priv *p = (http_api_priv *)api;
	GMainContext *ctx;

	if (!api)
		return;
	ctx = host_env(api->h)->ctx;
	host_set_listener(api->h, NULL, NULL);
	if (api->streams)
		http_api_sse_close_all(api);
	if (p->service) {
		g_socket_service_stop(p->service);
		g_socket_listener_close(G_SOCKET_LISTENER(p->service));
		g_clear_object(&p->service);
	}
	if (api->server) {
		soup_server_disconnect(api->server);
		g_object_unref(api->server);
	}
	/* what the closed connections queued on the loop runs now (bounded:
	 * the context holds others' sources too) */
	for (int i = 0; i < 100 && g_main_context_iteration(ctx, FALSE); i++)
		;
	if (api->streams)
		g_hash_table_unref(api->streams);
	g_free(p);
}
