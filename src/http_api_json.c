/*
 * The HTTP API's JSON bodies (json-glib): replies, {"error": ...}, and
 * reading a request's body as a JSON object within [http] max-body.
 */
#include "config.h"

#include <string.h>

#include "src/http_api.h"

void http_api_reply(SoupServerMessage *msg, guint status, JsonNode *root)
{
	JsonGenerator *gen = json_generator_new();
	gsize len = 0;
	char *text;

	json_generator_set_root(gen, root);
	text = json_generator_to_data(gen, &len);
	soup_server_message_set_status(msg, status, NULL);
	soup_server_message_set_response(msg, "application/json",
					 SOUP_MEMORY_TAKE, text, len);
	g_object_unref(gen);
	json_node_unref(root);
}

void http_api_error(SoupServerMessage *msg, guint status, const char *fmt, ...)
{
	JsonObject *o = json_object_new();
	JsonNode *root = json_node_new(JSON_NODE_OBJECT);
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	scxml_json_object_set_text(o, "error", text);
	json_node_take_object(root, o);
	http_api_reply(msg, status, root);
	g_free(text);
}

JsonObject *http_api_body_object(http_api *api, SoupServerMessage *msg,
				 JsonNode **root)
{
	SoupMessageBody *body = soup_server_message_get_request_body(msg);
	GBytes *bytes;
	GError *err = NULL;
	gsize len;
	const char *data;

	*root = NULL;
	/* a chunked body has no Content-Length for the early check */
	if (body->length > (goffset)api->cfg->max_body) {
		http_api_error(msg, 413, "request body over %u bytes",
			       api->cfg->max_body);
		return NULL;
	}
	bytes = soup_message_body_flatten(body);
	data = g_bytes_get_data(bytes, &len);
	*root = scxml_json_parse(data ? data : "", (gssize)len, &err);
	g_bytes_unref(bytes);
	if (!*root) {
		http_api_error(msg, 400, "malformed JSON body: %s",
			       err ? err->message : "empty");
		g_clear_error(&err);
		return NULL;
	}
	if (!JSON_NODE_HOLDS_OBJECT(*root)) {
		http_api_error(msg, 400, "the body must be a JSON object");
		g_clear_pointer(root, json_node_unref);
		return NULL;
	}
	return json_node_get_object(*root);
}
