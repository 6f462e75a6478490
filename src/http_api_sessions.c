/*
 * The session endpoints of serve's HTTP API (doc/http-api.md):
 *   POST   /sessions               start one: {"document", "data"} → 201
 *   GET    /sessions               the live sessions
 *   GET    /sessions/{id}          one: its configuration and calls
 *   POST   /sessions/{id}/events   an external event → 202
 *   GET    /sessions/{id}/events   its events as they happen (SSE)
 *   DELETE /sessions/{id}          stop it, its calls released → 204
 * A document is a [routes] key, or a path under [http] document-root:
 * anything resolving elsewhere (.., a symbolic link) is 403.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/http_api.h"
#include "src/metrics_calls.h"

/* ---- which document
 * ----------------------------------------------------------- */

static gboolean under(const char *path, const char *root)
{
	gsize n = strlen(root);

	return !strncmp(path, root, n) &&
	       (path[n] == '/' || (n == 1 && root[0] == '/'));
}

/* The document named by a request: a route, or a path under the root
 * (loaded and checked now). NULL after replying. *route: the route name,
 * or "http" for a path; *path: the document's path (new string). */
static scxml_doc *resolve_document(http_api *api, SoupServerMessage *msg,
				   const char *name, const char **route,
				   char **path)
{
	const char *root = api->cfg->document_root;
	const char *route_path = NULL;
	scxml_doc *doc = api->sv.route_doc(name, &route_path, api->sv.ud);
	g_autofree char *joined = NULL;
	char *real;

	if (doc) {
		*route = name;
		*path = g_strdup(route_path);
		return scxml_doc_ref(doc);
	}
	if (!strchr(name, '/') && !g_str_has_suffix(name, ".scxml")) {
		http_api_error(msg, 400, "unknown document: no route \"%s\"",
			       name);
		return NULL;
	}
	if (!root) {
		http_api_error(
			msg, 403,
			"%s: documents by path need [http] document-root",
			name);
		return NULL;
	}
	/* First the path as written (.. taken lexically), then the file it
	 * really is (symbolic links followed): both must be under the root. */
	joined = g_canonicalize_filename(name, root);
	if (!under(joined, root)) {
		http_api_error(msg, 403, "%s: outside the document root", name);
		return NULL;
	}
	real = realpath(joined, NULL);
	if (!real) {
		http_api_error(msg, 400, "unknown document: %s: %s", name,
			       g_strerror(errno));
		return NULL;
	}
	if (!under(real, root)) {
		http_api_error(msg, 403, "%s: outside the document root", name);
		free(real);
		return NULL;
	}
	*path = g_strdup(real);
	free(real);
	*route = "http";
	doc = cli_load_doc(host_env(api->h), *path, TRUE);
	if (!doc) {
		http_api_error(msg, 400,
			       "%s: the document was refused (the "
			       "reason is in serve's log)",
			       name);
		g_clear_pointer(path, g_free);
	}
	return doc;
}

/* The request's data members set the document's top-level <data> of the
 * same ids (their expr replaced, as --define does); members it does not
 * declare are left out. */
static void apply_data(scxml_session *s, JsonObject *data)
{
	JsonObjectIter it;
	const char *name;
	JsonNode *value;

	json_object_iter_init(&it, data);
	while (json_object_iter_next(&it, &name, &value))
		if (scxml_session_define(s, name, "") == 0)
			scxml_session_define_value(s, name,
						   json_node_copy(value));
}

static void start_session(http_api *api, SoupServerMessage *msg)
{
	JsonNode *root = NULL;
	JsonObject *body = http_api_body_object(api, msg, &root);
	JsonNode *doc_node, *data;
	const char *route = NULL;
	char *path = NULL;
	scxml_doc *doc;
	host_session *hs;
	JsonBuilder *b;

	if (!body)
		return;
	doc_node = json_object_get_member(body, "document");
	data = json_object_get_member(body, "data");
	if (!doc_node || !JSON_NODE_HOLDS_VALUE(doc_node) ||
	    json_node_get_value_type(doc_node) != G_TYPE_STRING ||
	    !*json_node_get_string(doc_node)) {
		http_api_error(msg, 400, "\"document\" (a string) is needed");
		goto out;
	}
	if (data && !JSON_NODE_HOLDS_OBJECT(data) &&
	    !JSON_NODE_HOLDS_NULL(data)) {
		http_api_error(msg, 400, "\"data\" must be an object");
		goto out;
	}
	if (api->sv.draining(api->sv.ud)) {
		http_api_error(msg, 503, "draining: no new sessions");
		goto out;
	}
	if (api->sv.full(api->sv.ud)) {
		http_api_error(msg, 503,
			       "over [serve] max-sessions or max-calls");
		goto out;
	}
	doc = resolve_document(api, msg, json_node_get_string(doc_node), &route,
			       &path);
	if (!doc)
		goto out;
	hs = host_session_new(api->h, doc, route, path, api->sv.defines, FALSE);
	scxml_doc_unref(doc);
	g_free(path);
	if (!hs) {
		http_api_error(msg, 500, "the session could not be created");
		goto out;
	}
	if (data && JSON_NODE_HOLDS_OBJECT(data))
		apply_data(hs->cs.s, json_node_get_object(data));
	/* The id is read now: a session that ends at its start is freed
	 * from the loop, later. */
	b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "id");
	json_builder_add_string_value(b, scxml_session_id(hs->cs.s));
	json_builder_end_object(b);
	if (host_session_start(hs) < 0) {
		http_api_error(msg, 500, "the session could not start");
		json_node_unref(json_builder_get_root(b));
	} else {
		http_api_reply(msg, 201, json_builder_get_root(b));
	}
	g_object_unref(b);
out:
	json_node_unref(root);
}

/* ---- views ------------------------------------------------------------------
 */

static void add_call(const char *id, const char *state, gboolean inbound,
		     void *ud)
{
	JsonBuilder *b = ud;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "interactionid");
	json_builder_add_string_value(b, id);
	json_builder_set_member_name(b, "state");
	json_builder_add_string_value(b, state);
	json_builder_set_member_name(b, "inbound");
	json_builder_add_boolean_value(b, inbound);
	json_builder_end_object(b);
}

static void count_call(const char *id, const char *state, gboolean inbound,
		       void *ud)
{
	(*(guint *)ud)++;
}

static void add_string(JsonBuilder *b, const char *name, const char *value)
{
	json_builder_set_member_name(b, name);
	if (value)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

/* One session; full: with its configuration and its calls. */
static void add_session(JsonBuilder *b, host_session *hs, gboolean full)
{
	GDateTime *t =
		g_date_time_new_from_unix_utc(hs->started / G_USEC_PER_SEC);
	g_autofree char *started = t ? g_date_time_format_iso8601(t) : NULL;
	guint calls = 0;

	json_builder_begin_object(b);
	add_string(b, "id", scxml_session_id(hs->cs.s));
	add_string(b, "document", hs->document);
	add_string(b, "route", hs->route);
	add_string(b, "started", started);
	add_string(b, "state", hs->stop_queued ? "stopping" : "running");
	json_builder_set_member_name(b, "calls");
	if (full) {
		const char **conf = scxml_session_configuration(hs->cs.s);

		json_builder_begin_array(b);
		metrics_calls_foreach(hs->cs.s, add_call, b);
		json_builder_end_array(b);
		json_builder_set_member_name(b, "configuration");
		json_builder_begin_array(b);
		for (const char **c = conf; c && *c; c++)
			json_builder_add_string_value(b, *c);
		json_builder_end_array(b);
		g_free(conf);
	} else {
		metrics_calls_foreach(hs->cs.s, count_call, &calls);
		json_builder_add_int_value(b, calls);
	}
	json_builder_end_object(b);
	if (t)
		g_date_time_unref(t);
}

static void list_one(host_session *hs, void *ud)
{
	if (!hs->cs.exited)
		add_session(ud, hs, FALSE);
}

static void list_sessions(http_api *api, SoupServerMessage *msg)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_array(b);
	host_foreach(api->h, list_one, b);
	json_builder_end_array(b);
	http_api_reply(msg, 200, json_builder_get_root(b));
	g_object_unref(b);
}

static void show_session(SoupServerMessage *msg, host_session *hs)
{
	JsonBuilder *b = json_builder_new();

	add_session(b, hs, TRUE);
	http_api_reply(msg, 200, json_builder_get_root(b));
	g_object_unref(b);
}

/* ---- acting on one
 * ------------------------------------------------------------ */

static void post_event(http_api *api, SoupServerMessage *msg, host_session *hs)
{
	JsonNode *root = NULL;
	JsonObject *body = http_api_body_object(api, msg, &root);
	JsonNode *name, *data;

	if (!body)
		return;
	name = json_object_get_member(body, "name");
	data = json_object_get_member(body, "data");
	if (!name || !JSON_NODE_HOLDS_VALUE(name) ||
	    json_node_get_value_type(name) != G_TYPE_STRING ||
	    !*json_node_get_string(name)) {
		http_api_error(msg, 400, "\"name\" (a string) is needed");
	} else {
		/* replied first: the event may end the session */
		soup_server_message_set_status(msg, 202, NULL);
		soup_server_message_set_response(msg, "application/json",
						 SOUP_MEMORY_STATIC, "{}", 2);
		scxml_session_post(
			hs->cs.s,
			scxml_event_new(json_node_get_string(name),
					SCXML_EVENT_EXTERNAL,
					data ? json_node_copy(data) : NULL));
	}
	json_node_unref(root);
}

static void delete_session(SoupServerMessage *msg, host_session *hs)
{
	hs->cs.stop_reason = "deleted";
	scxml_session_stop(hs->cs.s);
	soup_server_message_set_status(msg, 204, NULL);
}

void http_api_sessions(http_api *api, SoupServerMessage *msg,
		       const char *method, const char *path)
{
	g_auto(GStrv) parts = g_strsplit(path + strlen("/sessions"), "/", 0);
	guint n = g_strv_length(parts);
	host_session *hs;

	/* "" → [], "/ID" → ["", ID], "/ID/events" → ["", ID, "events"] */
	if (n == 0) {
		if (!strcmp(method, "POST"))
			start_session(api, msg);
		else if (!strcmp(method, "GET"))
			list_sessions(api, msg);
		else
			http_api_error(msg, 405, "GET or POST");
		return;
	}
	if (n > 3 || !*parts[1] || (n == 3 && strcmp(parts[2], "events"))) {
		http_api_error(msg, 404, "no such endpoint: %s", path);
		return;
	}
	hs = host_find(api->h, parts[1]);
	if (!hs) {
		http_api_error(msg, 404, "no session %s", parts[1]);
		return;
	}
	if (n == 3 && !strcmp(method, "POST"))
		post_event(api, msg, hs);
	else if (n == 3 && !strcmp(method, "GET"))
		http_api_sse_open(api, msg, hs);
	else if (n == 2 && !strcmp(method, "GET"))
		show_session(msg, hs);
	else if (n == 2 && !strcmp(method, "DELETE"))
		delete_session(msg, hs);
	else
		http_api_error(msg, 405, "method not allowed here");
}
