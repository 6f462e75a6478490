/*
 * Extension elements at run time: every attribute of the element is
 * evaluated through the session's data model (values to JSON, locations
 * checked assignable), then the registered handler runs with a
 * scxml_action describing this one execution. A failed evaluation raises
 * error.execution and the handler is not called.
 */
#include "config.h"

#include <string.h>

#include <sipscxml/scxml_ext.h>

#include "scxml/scxml_session_priv.h"

struct scxml_action {
	scxml_session *s;
	const scxml_exec *x;
	JsonNode **values; /* per attribute; NULL for locations/undefined */
	char **strings;	   /* per attribute, made on demand */
	gboolean failed;   /* an assignment failed (error raised) */
};

static int attr_index(scxml_action *act, const char *attr)
{
	const scxml_ext_use *u = &act->x->u.ext;

	for (guint i = 0; i < u->n_attrs; i++)
		if (!strcmp(u->attr_names[i], attr))
			return (int)i;
	return -1;
}

static scxml_attr_kind attr_kind(const scxml_ext_element *el,
				 const char *name)
{
	for (const scxml_attr_spec *a = el->attrs; a && a->name; a++)
		if (!strcmp(a->name, name))
			return a->kind;
	return SCXML_ATTR_VALUE;
}

int scxml_exec_extension(scxml_session *s, const scxml_exec *x)
{
	const scxml_ext_use *u = &x->u.ext;
	scxml_action act = {s, x, NULL, NULL, FALSE};
	GError *err = NULL;
	int rc = 0;

	act.values = g_new0(JsonNode *, u->n_attrs + 1);
	act.strings = g_new0(char *, u->n_attrs + 1);
	for (guint i = 0; i < u->n_attrs; i++) {
		const char *name = u->attr_names[i];

		if (attr_kind(u->el, name) == SCXML_ATTR_LOCATION) {
			if (s->dmc->check_location(s->dm, u->attr_exprs[i],
						   &err) < 0)
				goto failed;
			continue;
		}
		act.values[i] =
			s->dmc->eval_value(s->dm, u->attr_exprs[i], &err);
		if (err)
			goto failed;
	}
	if (u->el->execute(&act, u->el->module_data) < 0) {
		scxml_session_error_at(s, "error.execution", NULL, u->el->name,
				       x->line, "failed");
		rc = -1;
	} else if (act.failed) {
		rc = -1;
	}
	goto out;
failed:
	scxml_session_error_at(s, "error.execution", NULL, u->el->name, x->line,
			       "%s", err ? err->message : "cannot evaluate");
	g_clear_error(&err);
	rc = -1;
out:
	for (guint i = 0; i < u->n_attrs; i++) {
		if (act.values[i])
			json_node_unref(act.values[i]);
		g_free(act.strings[i]);
	}
	g_free(act.values);
	g_free(act.strings);
	return rc;
}

scxml_session *scxml_action_session(scxml_action *act)
{
	return act->s;
}

const char *scxml_action_element(scxml_action *act)
{
	return act->x->u.ext.el->name;
}

const char *scxml_action_where(scxml_action *act)
{
	return act->x->u.ext.where;
}

JsonNode *scxml_action_value(scxml_action *act, const char *attr)
{
	int i = attr_index(act, attr);

	return i < 0 ? NULL : act->values[i];
}

const char *scxml_action_string(scxml_action *act, const char *attr)
{
	int i = attr_index(act, attr);
	JsonNode *v;

	if (i < 0 || !(v = act->values[i]) || JSON_NODE_HOLDS_NULL(v))
		return NULL;
	if (act->strings[i])
		return act->strings[i];
	if (JSON_NODE_HOLDS_VALUE(v)) {
		GType t = json_node_get_value_type(v);

		if (t == G_TYPE_STRING)
			act->strings[i] = g_strdup(json_node_get_string(v));
		else if (t == G_TYPE_BOOLEAN)
			act->strings[i] = g_strdup(
				json_node_get_boolean(v) ? "true" : "false");
		else if (t == G_TYPE_INT64)
			act->strings[i] = g_strdup_printf(
				"%" G_GINT64_FORMAT, json_node_get_int(v));
		else {
			char buf[G_ASCII_DTOSTR_BUF_SIZE];

			act->strings[i] = g_strdup(g_ascii_dtostr(
				buf, sizeof(buf), json_node_get_double(v)));
		}
	} else {
		act->strings[i] = json_to_string(v, FALSE);
	}
	return act->strings[i];
}

gboolean scxml_action_has(scxml_action *act, const char *attr)
{
	return attr_index(act, attr) >= 0;
}

int scxml_action_assign(scxml_action *act, const char *attr, JsonNode *value)
{
	int i = attr_index(act, attr);
	scxml_session *s = act->s;
	GError *err = NULL;

	if (i < 0) {
		if (value)
			json_node_unref(value);
		return -1;
	}
	if (s->dmc->assign_value(s->dm, act->x->u.ext.attr_exprs[i], value,
				 &err) < 0) {
		scxml_session_error_at(s, "error.execution", NULL,
				       act->x->u.ext.el->name, act->x->line,
				       "%s: %s", attr,
				       err ? err->message : "cannot assign");
		g_clear_error(&err);
		act->failed = TRUE;
		return -1;
	}
	return 0;
}
