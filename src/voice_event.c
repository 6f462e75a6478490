/*
 * The data of the events the module posts (spec §3, §4, §6), built with
 * json-glib. Field names are part of the contract with call flows.
 */
#include "config.h"

#include "src/voice_priv.h"

/* Text from the network (headers, reason phrases, URIs) may hold any bytes;
 * event data is JSON, which is UTF-8. Invalid sequences become U+FFFD, so a
 * flow can still read the rest, and the event log stays valid JSON. */
static void set_text(JsonObject *o, const char *name, const char *value)
{
	char *valid_name = NULL, *valid_value = NULL;

	if (!g_utf8_validate(name, -1, NULL))
		name = valid_name = g_utf8_make_valid(name, -1);
	if (value && !g_utf8_validate(value, -1, NULL))
		value = valid_value = g_utf8_make_valid(value, -1);
	json_object_set_string_member(o, name, value);
	g_free(valid_name);
	g_free(valid_value);
}

JsonNode *voice_event_result(const char *requestid, const char *interactionid,
			     const char *heldinteractionid, const char *error,
			     const char *description, int sipstatus,
			     const char *sipreason)
{
	JsonObject *o = json_object_new();
	JsonNode *n = json_node_new(JSON_NODE_OBJECT);

	set_text(o, "requestid", requestid);
	if (interactionid)
		set_text(o, "interactionid", interactionid);
	if (heldinteractionid)
		set_text(o, "heldinteractionid", heldinteractionid);
	if (error) {
		set_text(o, "error", error);
		set_text(o, "description", description ? description : error);
	}
	if (sipstatus > 0) {
		json_object_set_int_member(o, "sipstatus", sipstatus);
		set_text(o, "sipreason", sipreason ? sipreason : "");
	}
	json_node_take_object(n, o);
	return n;
}

JsonNode *voice_event_deleted(const char *interactionid, const char *cause)
{
	JsonObject *o = json_object_new();
	JsonNode *n = json_node_new(JSON_NODE_OBJECT);

	set_text(o, "interactionid", interactionid);
	set_text(o, "cause", cause);
	json_node_take_object(n, o);
	return n;
}

JsonNode *voice_event_added(const char *interactionid, const char *from,
			    const char *to, const char *callid,
			    GHashTable *headers)
{
	JsonObject *o = json_object_new();
	JsonObject *h = json_object_new();
	JsonNode *n = json_node_new(JSON_NODE_OBJECT);

	set_text(o, "interactionid", interactionid);
	set_text(o, "from", from ? from : "");
	set_text(o, "to", to ? to : "");
	set_text(o, "callid", callid ? callid : "");
	if (headers) {
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, headers);
		while (g_hash_table_iter_next(&it, &k, &v))
			set_text(h, k, v ? v : "");
	}
	json_object_set_object_member(o, "headers", h);
	json_node_take_object(n, o);
	return n;
}
