/*
 * Checking an action's evaluated attributes before anything is sent: a
 * missing or ill-typed attribute fails the request with invalidrequest, an
 * interactionid naming no live call with invalidinteraction, an action that
 * makes no sense in the call's state, or would place a call past [voice]
 * max-calls-per-session, with invalidstate — each at once, with nothing on
 * the wire.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "src/voice_priv.h"

static int fail_request(voice_request *req, const char *error, const char *fmt,
			...) G_GNUC_PRINTF(3, 4);

static int fail_request(voice_request *req, const char *error, const char *fmt,
			...)
{
	va_list ap;
	char *desc;

	va_start(ap, fmt);
	desc = g_strdup_vprintf(fmt, ap);
	va_end(ap);

	voice_request_fail(req, error, desc);
	g_free(desc);
	return -1;
}

int voice_attr_string(voice_request *req, scxml_action *act, const char *attr,
		      gboolean required, const char **out)
{
	JsonNode *v = scxml_action_value(act, attr);
	const char *s;

	*out = NULL;
	if (!v || JSON_NODE_HOLDS_NULL(v)) {
		if (!required)
			return 0;
		return fail_request(req, "invalidrequest",
				    "attribute %s is missing", attr);
	}
	/* Numbers are fine ("to" may well be 1001); objects are not. */
	if (!JSON_NODE_HOLDS_VALUE(v) ||
	    json_node_get_value_type(v) == G_TYPE_BOOLEAN)
		return fail_request(req, "invalidrequest",
				    "attribute %s must be a string", attr);
	s = scxml_action_string(act, attr);
	if (!s || !*s)
		return fail_request(req, "invalidrequest",
				    "attribute %s is empty", attr);
	*out = s;
	return 0;
}

int voice_attr_call(voice_request *req, scxml_action *act, const char *attr,
		    gboolean required, voice_call **out)
{
	const char *id;
	char *desc;

	*out = NULL;
	if (voice_attr_string(req, act, attr, required, &id) < 0)
		return -1;
	if (!id)
		return 0;
	if (!req->interactionid && g_strcmp0(attr, "interactionid") == 0)
		voice_request_set_interaction(req, id);
	*out = voice_session_find_call(req->vs, id);
	if (*out)
		return 0;
	desc = g_strdup_printf("%s \"%s\" names no live call of this session",
			       attr, id);
	voice_request_fail(req, "invalidinteraction", desc);
	g_free(desc);
	return -1;
}

static char *header_value(JsonNode *v)
{
	if (!JSON_NODE_HOLDS_VALUE(v))
		return NULL;
	switch (json_node_get_value_type(v)) {
	case G_TYPE_STRING:
		return g_strdup(json_node_get_string(v));
	case G_TYPE_INT64:
		return g_strdup_printf("%" G_GINT64_FORMAT,
				       json_node_get_int(v));
	case G_TYPE_DOUBLE: {
		char buf[G_ASCII_DTOSTR_BUF_SIZE];

		return g_strdup(g_ascii_dtostr(buf, sizeof(buf),
					       json_node_get_double(v)));
	}
	case G_TYPE_BOOLEAN:
		return g_strdup(json_node_get_boolean(v) ? "true" : "false");
	default:
		return NULL;
	}
}

static gboolean header_name_ok(const char *name)
{
	if (!*name)
		return FALSE;
	for (const char *p = name; *p; p++)
		if (!g_ascii_isalnum(*p) && !strchr("-_.!%*+`'~", *p))
			return FALSE;
	return TRUE;
}

static int read_hints(voice_request *req, scxml_action *act)
{
	JsonNode *hints = scxml_action_value(act, "hints");
	JsonNode *headers;
	JsonObjectIter it;
	const char *name;
	JsonNode *v;

	if (!hints || JSON_NODE_HOLDS_NULL(hints))
		return 0;
	if (!JSON_NODE_HOLDS_OBJECT(hints))
		return fail_request(req, "invalidrequest",
				    "attribute %s must be an object", "hints");
	headers =
		json_object_get_member(json_node_get_object(hints), "headers");
	if (!headers || JSON_NODE_HOLDS_NULL(headers))
		return 0;
	if (!JSON_NODE_HOLDS_OBJECT(headers))
		return fail_request(req, "invalidrequest",
				    "%s must be an object", "hints.headers");
	if (!req->headers)
		req->headers = g_hash_table_new_full(g_str_hash, g_str_equal,
						     g_free, g_free);
	json_object_iter_init(&it, json_node_get_object(headers));
	while (json_object_iter_next(&it, &name, &v)) {
		char *value = header_value(v);

		if (!value || !header_name_ok(name) || strchr(value, '\r') ||
		    strchr(value, '\n')) {
			g_free(value);
			return fail_request(req, "invalidrequest",
					    "hints.headers: bad header %s",
					    name);
		}
		g_hash_table_replace(req->headers, g_strdup(name), value);
	}
	return 0;
}

static int read_timeout(voice_request *req, scxml_action *act)
{
	JsonNode *v = scxml_action_value(act, "timeout");
	double s = 0;
	int rc = -1;

	if (!v || JSON_NODE_HOLDS_NULL(v))
		return 0;
	if (JSON_NODE_HOLDS_VALUE(v)) {
		GType t = json_node_get_value_type(v);

		if (t == G_TYPE_INT64 || t == G_TYPE_DOUBLE) {
			s = json_node_get_double(v);
			rc = (s > 0 && s <= 86400) ? 0 : -1;
		} else if (t == G_TYPE_STRING) {
			rc = voice_parse_duration(json_node_get_string(v), &s);
		}
	}
	if (rc < 0)
		return fail_request(req, "invalidrequest",
				    "attribute %s must be a duration "
				    "(seconds, \"2.5s\" or \"500ms\")",
				    "timeout");
	req->timeout_s = s;
	return 0;
}

int voice_attr_common(voice_request *req, scxml_action *act)
{
	if (read_hints(req, act) < 0 || read_timeout(req, act) < 0)
		return -1;
	return 0;
}

int voice_check_state(voice_request *req, voice_call *vc, unsigned states)
{
	char *desc;

	if ((states & VOICE_ST(vc->state)) && !vc->op)
		return 0;
	if (vc->op)
		desc = g_strdup_printf("call %s is busy with another action",
				       vc->id);
	else
		desc = g_strdup_printf("%s of a call in state %s",
				       req->action->name,
				       voice_call_state_name(vc->state));
	voice_request_fail(req, "invalidstate", desc);
	g_free(desc);
	return -1;
}

voice_call *voice_session_only_other(voice_session *vs, voice_call *except,
				     unsigned states)
{
	GHashTableIter it;
	gpointer v;
	voice_call *found = NULL;

	g_hash_table_iter_init(&it, vs->calls);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		voice_call *vc = v;

		if (vc == except || !(states & VOICE_ST(vc->state)))
			continue;
		if (found)
			return NULL;
		found = vc;
	}
	return found;
}

gboolean voice_session_full(const voice_session *vs)
{
	return g_hash_table_size(vs->calls) >=
	       vs->vm->cfg.max_calls_per_session;
}

int voice_check_room(voice_request *req)
{
	char *desc;

	if (!voice_session_full(req->vs))
		return 0;
	/* A bound the flow itself reached, and only the flow can lift (by
	 * ending a call): the spec's invalidstate, as for any action the
	 * session's state forbids; retrying as is would fail the same. */
	desc = g_strdup_printf("%s: the session has %u live calls already "
			       "([voice] max-calls-per-session)",
			       req->action->name,
			       g_hash_table_size(req->vs->calls));
	voice_request_fail(req, "invalidstate", desc);
	g_free(desc);
	return -1;
}
