/*
 * GET /sessions/{id}/events: a session's event log records as they are
 * written, as Server-Sent Events (one "data:" line of the log's JSON per
 * record). The response is chunked and stays open; libsoup pauses it when
 * it has written every chunk, each new record unpauses it. The session's
 * exit record is the last: the stream ends with it.
 */
#include "config.h"

#include <string.h>

#include "src/http_api.h"

static void send_chunk(SoupServerMessage *msg, const char *text)
{
	soup_message_body_append(soup_server_message_get_response_body(msg),
				 SOUP_MEMORY_COPY, text, strlen(text));
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
	g_signal_connect(msg, "finished", G_CALLBACK(on_finished), api);
	g_hash_table_replace(api->streams, g_strdup(id),
			     g_list_append(l, g_object_ref(msg)));
	/* a comment: the client knows it is subscribed from here on */
	hello = g_strdup_printf(": session %s\n\n", id);
	send_chunk(msg, hello);
	g_free(hello);
}

void http_api_sse_record(JsonObject *record, const char *line, void *ud)
{
	http_api *api = ud;
	const char *id = json_object_get_string_member_with_default(
		record, "session", NULL);
	const char *kind =
		json_object_get_string_member_with_default(record, "kind", "");
	GList *l = id ? g_hash_table_lookup(api->streams, id) : NULL;
	char *text;

	if (!l)
		return;
	text = g_strdup_printf("data: %s\n\n", line);
	for (GList *i = l; i; i = i->next)
		send_chunk(i->data, text);
	g_free(text);
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
