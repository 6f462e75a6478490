/*
 * Text from outside into event data: JSON is UTF-8, text from the network
 * or a command line may hold any bytes. Its own file so that the voice
 * module's tests, which fake the rest of the interpreter, link the real one.
 */
#include "config.h"

#include <sipscxml/scxml.h>

/* text itself when it is UTF-8 (or NULL), else a valid copy in *copy. */
static const char *valid_utf8(const char *text, char **copy)
{
	*copy = text && !g_utf8_validate(text, -1, NULL)
			? g_utf8_make_valid(text, -1)
			: NULL;
	return *copy ? *copy : text;
}

JsonNode *scxml_json_text(const char *text)
{
	JsonNode *n = json_node_new(JSON_NODE_VALUE);
	char *copy;

	json_node_set_string(n, valid_utf8(text, &copy));
	g_free(copy);
	return n;
}

void scxml_json_object_set_text(JsonObject *o, const char *name,
				const char *text)
{
	char *copy;

	json_object_set_member(o, valid_utf8(name, &copy),
			       scxml_json_text(text));
	g_free(copy);
}
