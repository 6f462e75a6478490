/*
 * GET /sessions/{id}/events: a session's event log records as they are
 * written, as Server-Sent Events (one "data:" line of the log's JSON per
 * record). The response is chunked and stays open; libsoup pauses it when
 * it has written every chunk, each new record unpauses it. The session's
 * exit record is the last: the stream ends with it.
 *
 * A client that reads slower than its session writes would have the
 * records pile up here until the session ends: past HTTP_API_SSE_BACKLOG
 * bytes not yet written to its socket, its connection is closed (and
 * counted in the metrics); it can reconnect and read GET /sessions/{id}.
 * Written chunks are freed at once (the body does not accumulate).
 */
#include "config.h"

#include <string.h>

#include "src/http_api.h"
#include "src/metrics.h"

/* Bytes written to a stream not yet taken by its socket, at most. */
#define HTTP_API_SSE_BACKLOG (1024 * 1024)

/* What a stream has pending; set on the message. */
typedef struct sse_client {
	gsize backlog;	  /* appended, not yet written to the socket */
	gboolean dropped; /* past the cap: to close once the records went */
} sse_client;

static sse_client *client_of(SoupServerMessage *msg)
{
	return g_object_get_data(G_OBJECT(msg), "sipscxml-sse");
}

static void on_wrote(SoupServerMessage *msg, guint n, gpointer ud)
{
	sse_client *c = client_of(msg);

	(void)ud;
	c->backlog -= MIN(c->backlog, n);
}

/* Past the cap: the stream is closed once the record went to every
 * stream (close_dropped). */
static void drop(SoupServerMessage *msg, sse_client *c, http_api *api)
{
	c->dropped = TRUE;
	metrics_sse_dropped(host_metrics(api->h));
	g_message("GET /sessions/%s/events: the client read too slowly "
		  "(backlog past %d bytes): stream closed",
		  (const char *)g_object_get_data(G_OBJECT(msg),
						  "sipscxml-session"),
		  HTTP_API_SSE_BACKLOG);
}

static void send_chunk(SoupServerMessage *msg, const char *text,
		       http_api *api)
{
	sse_client *c = client_of(msg);
	gsize len = strlen(text);

	if (c->dropped)
		return;
	if (c->backlog + len > HTTP_API_SSE_BACKLOG) {
		drop(msg, c, api);
		return;
	}
	c->backlog += len;
	soup_message_body_append(soup_server_message_get_response_body(msg),
				 SOUP_MEMORY_COPY, text, len);
	soup_server_message_unpause(msg);
}

static void end_stream(SoupServerMessage *msg, http_api *api)
{
	g_signal_handlers_disconnect_by_data(msg, api);
	soup_message_body_complete(soup_server_message_get_response_body(msg));
	soup_server_message_unpause(msg);
	g_object_unref(msg);
}

/* The client went away (or the stream ended): forget it. */
static void on_finished(SoupServerMessage *msg, gpointer ud)
{
	http_api *api = ud;
	const char *id = g_object_get_data(G_OBJECT(msg), "sipscxml-session");
	GList *l = g_hash_table_lookup(api->streams, id);

	if (!g_list_find(l, msg))
		return;
	l = g_list_remove(l, msg);
	g_signal_handlers_disconnect_by_data(msg, api);
	if (l)
		g_hash_table_replace(api->streams, g_strdup(id), l);
	else
		g_hash_table_remove(api->streams, id);
	g_object_unref(msg);
}

void http_api_sse_open(http_api *api, SoupServerMessage *msg, host_session *hs)
{
	const char *id = scxml_session_id(hs->cs.s);
	SoupMessageHeaders *rh = soup_server_message_get_response_headers(msg);
	GList *l = g_hash_table_lookup(api->streams, id);
	char *hello;

	soup_server_message_set_status(msg, 200, NULL);
	soup_message_headers_set_content_type(rh, "text/event-stream", NULL);
	soup_message_headers_replace(rh, "Cache-Control", "no-cache");
	soup_message_headers_set_encoding(rh, SOUP_ENCODING_CHUNKED);
	g_object_set_data_full(G_OBJECT(msg), "sipscxml-session", g_strdup(id),
			       g_free);
	g_object_set_data_full(G_OBJECT(msg), "sipscxml-sse",
			       g_new0(sse_client, 1), g_free);
	/* written chunks are freed, not kept for the whole stream */
	soup_message_body_set_accumulate(
		soup_server_message_get_response_body(msg), FALSE);
	g_signal_connect(msg, "finished", G_CALLBACK(on_finished), api);
	g_signal_connect(msg, "wrote-body-data", G_CALLBACK(on_wrote), api);
	g_hash_table_replace(api->streams, g_strdup(id),
			     g_list_append(l, g_object_ref(msg)));
	/* a comment: the client knows it is subscribed from here on */
	hello = g_strdup_printf(": session %s\n\n", id);
	send_chunk(msg, hello, api);
	g_free(hello);
}

/* The streams of a session dropped at the cap: their connection is taken
 * from libsoup (with what it had queued, freed) and closed; libsoup
 * forgets the message without "finished". Returns what is left of l. */
static GList *close_dropped(http_api *api, const char *id, GList *l)
{
	GList *keep = NULL;

	for (GList *i = l; i; i = i->next) {
		SoupServerMessage *msg = i->data;
		GIOStream *conn;

		if (!client_of(msg)->dropped) {
			keep = g_list_append(keep, msg);
			continue;
		}
		g_signal_handlers_disconnect_by_data(msg, api);
		conn = soup_server_message_steal_connection(msg);
		if (conn) {
			g_io_stream_close(conn, NULL, NULL);
			g_object_unref(conn);
		}
		g_object_unref(msg);
	}
	g_hash_table_remove(api->streams, id); /* l is ours */
	g_list_free(l);
	if (keep)
		g_hash_table_replace(api->streams, g_strdup(id), keep);
	return keep;
}

void http_api_sse_record(JsonObject *record, const char *line, void *ud)
{
	http_api *api = ud;
	const char *id = json_object_get_string_member_with_default(
		record, "session", NULL);
	const char *kind =
		json_object_get_string_member_with_default(record, "kind", "");
	GList *l = id ? g_hash_table_lookup(api->streams, id) : NULL;
	gboolean dropped = FALSE;
	char *text;

	if (!l)
		return;
	text = g_strdup_printf("data: %s\n\n", line);
	for (GList *i = l; i; i = i->next) {
		send_chunk(i->data, text, api);
		dropped |= client_of(i->data)->dropped;
	}
	g_free(text);
	if (dropped && !(l = close_dropped(api, id, l)))
		return;
	if (strcmp(kind, "exit") != 0)
		return;
	g_hash_table_remove(api->streams, id); /* l is ours now */
	for (GList *i = l; i; i = i->next)
		end_stream(i->data, api);
	g_list_free(l);
}

static void end_all(gpointer key, gpointer value, gpointer ud)
{
	for (GList *i = value; i; i = i->next)
		end_stream(i->data, ud);
	g_list_free(value);
}

void http_api_sse_close_all(http_api *api)
{
	g_hash_table_foreach(api->streams, end_all, api);
	g_hash_table_remove_all(api->streams);
}
