/*
 * The data of the events the module posts (spec §3, §4, §6), built with
 * json-glib. Field names are part of the contract with call flows.
 */
#include "config.h"

#include "src/voice_priv.h"

JsonNode *voice_event_result(const char *requestid, const char *interactionid,
			     const char *heldinteractionid, const char *error,
			     const char *description, int sipstatus,
			     const char *sipreason)
{
	JsonObject *o = json_object_new();
	JsonNode *n = json_node_new(JSON_NODE_OBJECT);

	json_object_set_string_member(o, "requestid", requestid);
	if (interactionid)
		json_object_set_string_member(o, "interactionid",
					      interactionid);
	if (heldinteractionid)
		json_object_set_string_member(o, "heldinteractionid",
					      heldinteractionid);
	if (error) {
		json_object_set_string_member(o, "error", error);
		json_object_set_string_member(
			o, "description", description ? description : error);
	}
	if (sipstatus > 0) {
		json_object_set_int_member(o, "sipstatus", sipstatus);
		json_object_set_string_member(o, "sipreason",
					      sipreason ? sipreason : "");
	}
	json_node_take_object(n, o);
	return n;
}

JsonNode *voice_event_deleted(const char *interactionid, const char *cause)
{
	JsonObject *o = json_object_new();
	JsonNode *n = json_node_new(JSON_NODE_OBJECT);

	json_object_set_string_member(o, "interactionid", interactionid);
	json_object_set_string_member(o, "cause", cause);
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

	json_object_set_string_member(o, "interactionid", interactionid);
	json_object_set_string_member(o, "from", from ? from : "");
	json_object_set_string_member(o, "to", to ? to : "");
	json_object_set_string_member(o, "callid", callid ? callid : "");
	if (headers) {
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, headers);
		while (g_hash_table_iter_next(&it, &k, &v))
			json_object_set_string_member(h, k, v ? v : "");
	}
	json_object_set_object_member(o, "headers", h);
	json_node_take_object(n, o);
	return n;
}
