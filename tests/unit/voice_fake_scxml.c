/*
 * A fake of the interpreter's extension API for the voice module's unit
 * tests (see voice_fakes.h): actions with given attribute values, sessions
 * that record the events posted to them.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "tests/unit/voice_fakes.h"

/* ---- interpreter ----------------------------------------------------- */

scxml_engine *fake_engine_new(void)
{
	scxml_engine *e = g_new0(scxml_engine, 1);

	e->ctx = g_main_context_default();
	e->elements = g_ptr_array_new();
	return e;
}

void fake_engine_free(scxml_engine *e)
{
	g_ptr_array_unref(e->elements);
	g_free(e);
}

GMainContext *scxml_engine_context(scxml_engine *engine)
{
	return engine->ctx;
}

int scxml_engine_register(scxml_engine *engine, const scxml_ext_element *el)
{
	for (guint i = 0; i < engine->elements->len; i++) {
		const scxml_ext_element *x = engine->elements->pdata[i];

		if (!strcmp(x->ns, el->ns) && !strcmp(x->name, el->name))
			return -1;
	}
	g_ptr_array_add(engine->elements, (gpointer)el);
	return 0;
}

gboolean scxml_engine_has_namespace(scxml_engine *engine, const char *ns)
{
	for (guint i = 0; i < engine->elements->len; i++) {
		const scxml_ext_element *x = engine->elements->pdata[i];

		if (!strcmp(x->ns, ns))
			return TRUE;
	}
	return FALSE;
}

scxml_event *scxml_event_new(const char *name, scxml_event_type type,
			     JsonNode *data)
{
	scxml_event *ev = g_new0(scxml_event, 1);

	ev->name = g_strdup(name);
	ev->type = type;
	ev->data = data;
	return ev;
}

void scxml_event_free(scxml_event *ev)
{
	if (!ev)
		return;
	g_free(ev->name);
	if (ev->data)
		json_node_unref(ev->data);
	g_free(ev);
}

scxml_session *fake_session_new(void)
{
	scxml_session *s = g_new0(scxml_session, 1);

	s->events = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scxml_event_free);
	s->module_data =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	s->module_destroy =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return s;
}

void fake_session_end(scxml_session *s)
{
	GHashTableIter it;
	gpointer k, v;

	if (s->ended)
		return;
	s->ended = TRUE;
	g_hash_table_iter_init(&it, s->module_data);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		GDestroyNotify destroy = (GDestroyNotify)g_hash_table_lookup(
			s->module_destroy, k);
		if (destroy)
			destroy(v);
	}
	g_hash_table_remove_all(s->module_data);
}

void fake_session_free(scxml_session *s)
{
	fake_session_end(s);
	g_ptr_array_unref(s->events);
	g_hash_table_unref(s->module_data);
	g_hash_table_unref(s->module_destroy);
	g_free(s);
}

void scxml_session_post(scxml_session *s, scxml_event *ev)
{
	g_assert(!s->ended);
	g_assert(ev->type == SCXML_EVENT_EXTERNAL);
	g_ptr_array_add(s->events, ev);
}

void scxml_session_set_module_data(scxml_session *s, const char *key,
				   void *data, GDestroyNotify destroy)
{
	g_hash_table_replace(s->module_data, g_strdup(key), data);
	g_hash_table_replace(s->module_destroy, g_strdup(key),
			     (gpointer)destroy);
}

void *scxml_session_get_module_data(scxml_session *s, const char *key)
{
	return g_hash_table_lookup(s->module_data, key);
}

int fake_exec(scxml_engine *e, scxml_session *s, scxml_action **act_out,
	      const char *name, ...)
{
	scxml_action *act = g_new0(scxml_action, 1);
	const scxml_ext_element *el = NULL;
	const char *attr;
	va_list ap;
	int rc;

	act->session = s;
	act->element = name;
	act->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    (GDestroyNotify)json_node_unref);
	act->strings =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	va_start(ap, name);
	while ((attr = va_arg(ap, const char *))) {
		const char *json = va_arg(ap, const char *);

		if (!strcmp(attr, "requestid")) {
			act->has_requestid = TRUE;
			continue;
		}
		g_hash_table_insert(act->values, g_strdup(attr),
				    json_from_string(json, NULL));
	}
	va_end(ap);
	for (guint i = 0; i < e->elements->len; i++) {
		const scxml_ext_element *x = e->elements->pdata[i];

		if (!strcmp(x->name, name))
			el = x;
	}
	g_assert(el);
	rc = el->execute(act, el->module_data);
	if (act_out)
		*act_out = act;
	else
		fake_action_free(act);
	return rc;
}

void fake_action_free(scxml_action *act)
{
	g_hash_table_unref(act->values);
	g_hash_table_unref(act->strings);
	g_free(act->requestid);
	g_free(act);
}

scxml_session *scxml_action_session(scxml_action *act)
{
	return act->session;
}

const char *scxml_action_element(scxml_action *act)
{
	return act->element;
}

const char *scxml_action_where(scxml_action *act)
{
	return "test.scxml:1";
}

JsonNode *scxml_action_value(scxml_action *act, const char *attr)
{
	return g_hash_table_lookup(act->values, attr);
}

const char *scxml_action_string(scxml_action *act, const char *attr)
{
	JsonNode *v = scxml_action_value(act, attr);
	char *s;

	if (!v || JSON_NODE_HOLDS_NULL(v))
		return NULL;
	if (JSON_NODE_HOLDS_VALUE(v) &&
	    json_node_get_value_type(v) == G_TYPE_STRING)
		s = g_strdup(json_node_get_string(v));
	else
		s = json_to_string(v, FALSE);
	g_hash_table_replace(act->strings, g_strdup(attr), s);
	return s;
}

gboolean scxml_action_has(scxml_action *act, const char *attr)
{
	if (!strcmp(attr, "requestid"))
		return act->has_requestid;
	return g_hash_table_contains(act->values, attr);
}

int scxml_action_assign(scxml_action *act, const char *attr, JsonNode *value)
{
	g_assert_cmpstr(attr, ==, "requestid");
	g_assert(act->has_requestid);
	g_free(act->requestid);
	act->requestid = g_strdup(json_node_get_string(value));
	json_node_unref(value);
	return 0;
}

/* ---- events ---------------------------------------------------------------
 */

guint fake_event_count(scxml_session *s)
{
	return s->events->len;
}

const char *fake_event_name(scxml_session *s, guint i)
{
	g_assert_cmpuint(i, <, s->events->len);
	return ((scxml_event *)s->events->pdata[i])->name;
}

static JsonObject *event_data(scxml_session *s, guint i)
{
	scxml_event *ev;

	g_assert_cmpuint(i, <, s->events->len);
	ev = s->events->pdata[i];
	g_assert(ev->data && JSON_NODE_HOLDS_OBJECT(ev->data));
	return json_node_get_object(ev->data);
}

const char *fake_event_str(scxml_session *s, guint i, const char *member)
{
	JsonObject *o = event_data(s, i);

	if (!json_object_has_member(o, member))
		return NULL;
	return json_object_get_string_member(o, member);
}

gint64 fake_event_int(scxml_session *s, guint i, const char *member)
{
	JsonObject *o = event_data(s, i);

	if (!json_object_has_member(o, member))
		return -1;
	return json_object_get_int_member(o, member);
}

void fake_wait_events(scxml_session *s, guint n)
{
	gint64 until = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

	/* Polling, so that a missing event fails the test instead of
	 * blocking it. */
	while (s->events->len < n && g_get_monotonic_time() < until)
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
}
