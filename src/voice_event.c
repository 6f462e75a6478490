/*
 * The data of the events the module posts (spec §3, §4, §6), built with
 * json-glib. Field names are part of the contract with call flows. Text
 * from the network (headers, reason phrases, URIs) may hold any bytes:
 * scxml_json_object_set_text makes it UTF-8 (U+FFFD for bad sequences), so
 * a flow still reads the rest and the event log stays valid JSON.
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

	scxml_json_object_set_text(o, "requestid", requestid);
	if (interactionid)
		scxml_json_object_set_text(o, "interactionid", interactionid);
	if (heldinteractionid)
		scxml_json_object_set_text(o, "heldinteractionid",
					   heldinteractionid);
	if (error) {
		scxml_json_object_set_text(o, "error", error);
		scxml_json_object_set_text(o, "description",
					   description ? description : error);
	}
	if (sipstatus > 0) {
		json_object_set_int_member(o, "sipstatus", sipstatus);
		scxml_json_object_set_text(o, "sipreason",
					   sipreason ? sipreason : "");
	}
	json_node_take_object(n, o);
	return n;
}

JsonNode *voice_event_deleted(const char *interactionid, const char *cause)
{
	JsonObject *o = json_object_new();
	JsonNode *n = json_node_new(JSON_NODE_OBJECT);

	scxml_json_object_set_text(o, "interactionid", interactionid);
	scxml_json_object_set_text(o, "cause", cause);
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

	scxml_json_object_set_text(o, "interactionid", interactionid);
	scxml_json_object_set_text(o, "from", from ? from : "");
	scxml_json_object_set_text(o, "to", to ? to : "");
	scxml_json_object_set_text(o, "callid", callid ? callid : "");
	if (headers) {
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, headers);
		while (g_hash_table_iter_next(&it, &k, &v))
			scxml_json_object_set_text(h, k, v ? v : "");
	}
	json_object_set_object_member(o, "headers", h);
	json_node_take_object(n, o);
	return n;
}
