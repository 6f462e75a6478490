/*
 * The Basic HTTP event I/O processor (W3C SCXML Appendix C.2), on libsoup.
 *
 * Receiving: one HTTP server per engine, on 127.0.0.1 and a port the system
 * picks, opened the first time a session of a document that names the
 * processor starts (so offline runs of other documents open nothing). A
 * session's location is http://127.0.0.1:PORT/scxml/<sessionid>. A POST
 * there becomes an external event: its name is the form field
 * _scxmleventname, else "HTTP.<method>"; its data the other form fields
 * (or the body as a string when it is not a form); _event.raw the request
 * as received.
 *
 * Sending: <send type="...#BasicHTTPEventProcessor" target="URL"> POSTs an
 * application/x-www-form-urlencoded body: _scxmleventname, the namelist and
 * <param> values, or the <content>. A target that cannot be reached, or an
 * HTTP error, is error.communication in the sending session. A target on
 * this engine's own server is delivered at once, as the same request would
 * be received, without the network: events keep the order they were sent
 * in relative to the sender's other sends.
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "scxml/scxml_http.h"
#include "scxml/scxml_session_priv.h"

struct scxml_http {
	scxml_engine *engine;
	SoupServer *server; /* NULL until a session needs a location */
	GSocketService *service; /* accepts the server's connections */
	char *base;	    /* "http://127.0.0.1:PORT/scxml/" */
	SoupSession *client; /* NULL until the first send */
};

scxml_http *scxml_http_new(scxml_engine *engine)
{
	scxml_http *h = g_new0(scxml_http, 1);

	h->engine = engine;
	return h;
}

void scxml_http_free(scxml_http *h)
{
	GMainContext *ctx;
	gboolean used;

	if (!h)
		return;
	ctx = scxml_engine_context(h->engine);
	used = h->client || h->server;
	if (h->client) {
		soup_session_abort(h->client);
		g_clear_object(&h->client);
	}
	if (h->service) {
		g_socket_service_stop(h->service);
		g_socket_listener_close(G_SOCKET_LISTENER(h->service));
		g_clear_object(&h->service);
	}
	if (h->server) {
		soup_server_disconnect(h->server);
		g_object_unref(h->server);
	}
	/* Connections close through the main context: let what they
	 * queued there run, or their sockets outlive the engine (bounded:
	 * the context may hold sources of others that never settle). */
	for (int i = 0; used && i < 100; i++)
		if (!g_main_context_iteration(ctx, FALSE))
			break;
	g_free(h->base);
	g_free(h);
}

/* ---- receiving ---------------------------------------------------------- */

static void append_header(const char *name, const char *value, gpointer ud)
{
	g_string_append_printf(ud, "%s: %s\r\n", name, value);
}

static char *raw_request(SoupServerMessage *msg, const char *path,
			 SoupMessageBody *body)
{
	GString *raw = g_string_new(NULL);

	g_string_append_printf(raw, "%s %s HTTP/1.1\r\n",
			       soup_server_message_get_method(msg), path);
	soup_message_headers_foreach(
		soup_server_message_get_request_headers(msg), append_header,
		raw);
	g_string_append(raw, "\r\n");
	if (body->data && body->length)
		g_string_append_len(raw, body->data, (gssize)body->length);
	return g_string_free(raw, FALSE);
}

/* The body's form fields, or NULL when the body is not a form. */
static GHashTable *form_fields(const char *type, const char *body)
{
	if (!body || !*body || !strchr(body, '=') ||
	    (type && strcmp(type, "application/x-www-form-urlencoded")))
		return NULL;
	return soup_form_decode(body);
}

/* The event a request makes (raw taken). */
static scxml_event *request_event(const char *method, const char *type,
				  const char *body, char *raw)
{
	GHashTable *fields = form_fields(type, body);
	char *name = NULL;
	JsonNode *data = NULL;
	scxml_event *ev;

	if (fields) {
		JsonObject *o = json_object_new();
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, fields);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			if (!strcmp(k, "_scxmleventname"))
				name = g_strdup(v);
			else
				scxml_json_object_set_text(o, k, v);
		}
		data = json_node_new(JSON_NODE_OBJECT);
		json_node_take_object(data, o);
		g_hash_table_destroy(fields);
	} else if (body && *body) {
		data = scxml_json_text(body);
	}
	if (!name)
		name = g_strconcat("HTTP.", method, NULL);
	ev = scxml_event_new(name, SCXML_EVENT_EXTERNAL, data);
	ev->origintype = g_strdup(SCXML_HTTP_PROCESSOR_URI);
	ev->raw = raw;
	g_free(name);
	return ev;
}

static void on_request(SoupServer *server, SoupServerMessage *msg,
		       const char *path, GHashTable *query, gpointer ud)
{
	scxml_http *h = ud;
	const char *id = path + strlen("/scxml/");
	SoupMessageBody *body = soup_server_message_get_request_body(msg);
	scxml_session *s;
	char *text;
	scxml_event *ev;
	guint bound;

	(void)server;
	(void)query;
	s = g_str_has_prefix(path, "/scxml/")
		    ? scxml_engine_find_session(h->engine, id)
		    : NULL;
	if (!s || scxml_session_finished(s)) {
		soup_server_message_set_status(msg, 404, NULL);
		return;
	}
	bound = scxml_session_bound(s, SCXML_BOUND_EXTERNAL);
	if (bound && s->external.length >= bound) {
		/* The session's queue is at its bound: the client may try
		 * again later; nothing is queued. */
		soup_server_message_set_status(msg, 503, NULL);
		return;
	}
	g_bytes_unref(soup_message_body_flatten(body));
	text = g_strndup(body->data ? body->data : "", (gsize)body->length);
	ev = request_event(soup_server_message_get_method(msg),
			   soup_message_headers_get_content_type(
				   soup_server_message_get_request_headers(msg),
				   NULL),
			   text, raw_request(msg, path, body));
	scxml_session_enqueue(s, ev, 0);
	soup_server_message_set_status(msg, 200, NULL);
	soup_server_message_set_response(msg, "text/plain", SOUP_MEMORY_STATIC,
					 "", 0);
	g_free(text);
}

/* Connections are accepted by GIO and handed to the server: libsoup 3.2's
 * own listener keeps a reference to every socket it accepts (valgrind
 * shows one lost per request), and its address getters leak too. */
static gboolean on_incoming(GSocketService *service, GSocketConnection *conn,
			    GObject *source, gpointer ud)
{
	scxml_http *h = ud;
	GSocketAddress *local = g_socket_connection_get_local_address(conn,
								       NULL);
	GSocketAddress *remote =
		g_socket_connection_get_remote_address(conn, NULL);
	GError *err = NULL;

	(void)service;
	(void)source;
	if (!soup_server_accept_iostream(h->server, G_IO_STREAM(conn), local,
					 remote, &err)) {
		g_warning("Basic HTTP: %s", err->message);
		g_error_free(err);
	}
	g_clear_object(&local);
	g_clear_object(&remote);
	return TRUE;
}

/* Listen on 127.0.0.1 and a port the system picks; returns the port, 0
 * on failure. */
static guint listen_loopback(scxml_http *h, GError **err)
{
	GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	GSocketAddress *sa = g_inet_socket_address_new(lo, 0);
	GSocketAddress *bound = NULL;
	guint port = 0;

	h->service = g_socket_service_new();
	if (g_socket_listener_add_address(G_SOCKET_LISTENER(h->service), sa,
					  G_SOCKET_TYPE_STREAM,
					  G_SOCKET_PROTOCOL_TCP, NULL, &bound,
					  err)) {
		port = g_inet_socket_address_get_port(
			G_INET_SOCKET_ADDRESS(bound));
		g_signal_connect(h->service, "incoming",
				 G_CALLBACK(on_incoming), h);
		g_socket_service_start(h->service);
	}
	g_clear_object(&bound);
	g_object_unref(sa);
	g_object_unref(lo);
	return port;
}

static gboolean start_server(scxml_http *h)
{
	GMainContext *ctx = scxml_engine_context(h->engine);
	GError *err = NULL;
	guint port;

	/* libsoup runs on the thread-default context at creation. */
	g_main_context_push_thread_default(ctx);
	h->server = soup_server_new("server-header", "sipscxml ", NULL);
	soup_server_add_handler(h->server, "/scxml", on_request, h, NULL);
	port = listen_loopback(h, &err);
	g_main_context_pop_thread_default(ctx);
	if (!port) {
		g_warning("Basic HTTP: cannot listen on 127.0.0.1: %s",
			  err->message);
		g_error_free(err);
		g_clear_object(&h->server);
		g_clear_object(&h->service);
		return FALSE;
	}
	h->base = g_strdup_printf("http://127.0.0.1:%u/scxml/", port);
	return TRUE;
}

char *scxml_http_location(scxml_http *h, const char *session_id)
{
	if (!h->server && !start_server(h))
		return NULL;
	return g_strconcat(h->base, session_id, NULL);
}

/* ---- sending ---------------------------------------------------------- */

typedef struct http_send {
	scxml_engine *engine;
	char *session_id; /* the sender, looked up again when done */
	char *sendid;
	char *target;
} http_send;

static void http_send_free(http_send *hs)
{
	g_free(hs->session_id);
	g_free(hs->sendid);
	g_free(hs->target);
	g_free(hs);
}

static void fail_send(scxml_engine *engine, const char *session_id,
		      const char *sendid, const char *target, const char *why)
{
	scxml_session *s = scxml_engine_find_session(engine, session_id);

	if (!s || scxml_session_finished(s))
		return;
	scxml_session_error_at(s, "error.communication", sendid, "send", 0,
			       "to %s: %s", target, why);
	scxml_session_run_internal(s);
}

static void on_sent(GObject *source, GAsyncResult *res, gpointer ud)
{
	http_send *hs = ud;
	SoupMessage *msg = soup_session_get_async_result_message(
		SOUP_SESSION(source), res);
	GError *err = NULL;
	GBytes *reply =
		soup_session_send_and_read_finish(SOUP_SESSION(source), res, &err);

	if (err) {
		fail_send(hs->engine, hs->session_id, hs->sendid, hs->target,
			  err->message);
		g_error_free(err);
	} else if (msg && soup_message_get_status(msg) >= 300) {
		char *why = g_strdup_printf(
			"HTTP %u %s", soup_message_get_status(msg),
			soup_message_get_reason_phrase(msg)
				? soup_message_get_reason_phrase(msg)
				: "");

		fail_send(hs->engine, hs->session_id, hs->sendid, hs->target,
			  why);
		g_free(why);
	}
	if (reply)
		g_bytes_unref(reply);
	http_send_free(hs);
}

/* A value as form text: strings as they are, the rest as JSON. */
static char *form_value(JsonNode *v)
{
	if (v && JSON_NODE_HOLDS_VALUE(v) &&
	    json_node_get_value_type(v) == G_TYPE_STRING)
		return g_strdup(json_node_get_string(v));
	return v ? json_to_string(v, FALSE) : g_strdup("");
}

static void append_field(GString *body, const char *name, const char *value)
{
	char *n = g_uri_escape_string(name, NULL, FALSE);
	char *v = g_uri_escape_string(value, NULL, FALSE);

	if (body->len)
		g_string_append_c(body, '&');
	g_string_append_printf(body, "%s=%s", n, v);
	g_free(n);
	g_free(v);
}

static char *form_body(const scxml_event *ev, gboolean data_is_content)
{
	GString *body = g_string_new(NULL);
	JsonNode *d = ev->data;

	if (ev->name && *ev->name)
		append_field(body, "_scxmleventname", ev->name);
	if (d && JSON_NODE_HOLDS_OBJECT(d)) {
		JsonObjectIter it;
		const char *name;
		JsonNode *v;

		json_object_iter_init(&it, json_node_get_object(d));
		while (json_object_iter_next(&it, &name, &v)) {
			char *text = form_value(v);

			append_field(body, name, text);
			g_free(text);
		}
	} else if (d && data_is_content) {
		/* Content that is not an object is the body itself,
		 * escaped as form text. */
		char *text = form_value(d);
		char *esc = g_uri_escape_string(text, NULL, FALSE);

		if (body->len)
			g_string_append_c(body, '&');
		g_string_append(body, esc);
		g_free(esc);
		g_free(text);
	}
	return g_string_free(body, FALSE);
}

void scxml_http_send(scxml_http *h, scxml_session *s, const char *target,
		     scxml_event *ev, gboolean data_is_content,
		     const char *sendid)
{
	GMainContext *ctx = scxml_engine_context(h->engine);
	SoupMessage *msg = target ? soup_message_new("POST", target) : NULL;
	http_send *hs;
	char *body;
	GBytes *bytes;

	if (!msg) {
		scxml_session_error_at(s, "error.communication", sendid, "send",
				       0, "'%s' is not an HTTP URL",
				       target ? target : "");
		scxml_event_free(ev);
		return;
	}
	body = form_body(ev, data_is_content);
	if (h->base && g_str_has_prefix(target, h->base)) {
		/* One of ours: the request as our server would get it. */
		const char *id = target + strlen(h->base);
		scxml_session *to = scxml_engine_find_session(h->engine, id);
		char *raw = g_strdup_printf(
			"POST /scxml/%s HTTP/1.1\r\nContent-Type: "
			"application/x-www-form-urlencoded\r\n\r\n%s",
			id, body);

		if (to && !scxml_session_finished(to)) {
			scxml_session_enqueue_from(
				to, s,
				request_event("POST",
					      "application/"
					      "x-www-form-urlencoded",
					      body, raw),
				0);
		} else {
			g_free(raw);
			scxml_session_error_at(
				s, "error.communication", sendid, "send", 0,
				"to %s: no such session", target);
		}
		g_free(body);
		g_object_unref(msg);
		scxml_event_free(ev);
		return;
	}
	bytes = g_bytes_new_take(body, strlen(body));
	soup_message_set_request_body_from_bytes(
		msg, "application/x-www-form-urlencoded", bytes);
	g_bytes_unref(bytes);
	hs = g_new0(http_send, 1);
	hs->engine = h->engine;
	hs->session_id = g_strdup(scxml_session_id(s));
	hs->sendid = g_strdup(sendid);
	hs->target = g_strdup(target);
	g_main_context_push_thread_default(ctx);
	if (!h->client)
		h->client = soup_session_new_with_options("timeout", 10, NULL);
	soup_session_send_and_read_async(h->client, msg, G_PRIORITY_DEFAULT,
					 NULL, on_sent, hs);
	g_main_context_pop_thread_default(ctx);
	g_object_unref(msg);
	scxml_event_free(ev);
}
