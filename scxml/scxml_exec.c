/*
 * Executable content: <raise>, <if>, <foreach>, <log>, <assign>,
 * <script>, and the dispatch to <send>/<cancel> (scxml_send.c) and
 * extension elements (scxml_action.c). An element that fails raises
 * error.execution and stops the rest of its block (W3C 4.9), which is why
 * every function here returns -1 after an error.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_session_priv.h"

static int exec_error(scxml_session *s, const scxml_exec *x, const char *what,
		      GError *err)
{
	scxml_session_error_at(s, "error.execution", NULL, what, x->line, "%s",
			       err ? err->message : "failed");
	g_clear_error(&err);
	return -1;
}

JsonNode *scxml_text_to_json(const char *text)
{
	JsonNode *node;

	if (!text)
		return NULL;
	/* Text nested too deep for JSON was refused at load (scxml_parse). */
	node = scxml_json_parse(text, -1, NULL);
	if (node)
		return node;
	/* Not JSON: the text, its blanks collapsed as XML content is. */
	{
		char **words = g_strsplit_set(text, " \t\r\n", -1);
		GString *out = g_string_new(NULL);

		for (char **w = words; *w; w++) {
			if (!**w)
				continue;
			if (out->len)
				g_string_append_c(out, ' ');
			g_string_append(out, *w);
		}
		g_strfreev(words);
		node = json_node_new(JSON_NODE_VALUE);
		json_node_set_string(node, out->str);
		g_string_free(out, TRUE);
	}
	return node;
}

int scxml_exec_content(scxml_session *s, const scxml_content *c,
		       JsonNode **out)
{
	GError *err = NULL;

	*out = NULL;
	if (c->expr) {
		*out = s->dmc->eval_value(s->dm, c->expr, &err);
		if (err) {
			scxml_session_error_at(s, "error.execution", NULL,
					       "content", c->line, "%s",
					       err->message);
			g_clear_error(&err);
			return -1;
		}
		return 0;
	}
	if (c->text)
		*out = scxml_text_to_json(c->text);
	return 0;
}

int scxml_exec_params(scxml_session *s, const char *owner,
		      scxml_expr *const *namelist, guint n_namelist,
		      const scxml_param *params, guint n_params, JsonNode **out)
{
	JsonObject *o;
	GError *err = NULL;

	*out = NULL;
	if (!n_namelist && !n_params)
		return 0;
	o = json_object_new();
	for (guint i = 0; i < n_namelist; i++) {
		JsonNode *v = s->dmc->get_location(s->dm, namelist[i], &err);

		if (err || !v) {
			scxml_session_error_at(
				s, "error.execution", NULL, owner,
				namelist[i]->line, "namelist '%s': %s",
				namelist[i]->text,
				err ? err->message : "not a location");
			g_clear_error(&err);
			if (v)
				json_node_unref(v);
			json_object_unref(o);
			return -1;
		}
		json_object_set_member(o, namelist[i]->text, v);
	}
	for (guint i = 0; i < n_params; i++) {
		const scxml_param *p = &params[i];
		JsonNode *v = p->is_location
				      ? s->dmc->get_location(s->dm, p->expr, &err)
				      : s->dmc->eval_value(s->dm, p->expr, &err);

		if (err) {
			scxml_session_error_at(s, "error.execution", NULL,
					       "param", p->expr->line,
					       "name \"%s\": %s", p->name,
					       err->message);
			g_clear_error(&err);
			json_object_unref(o);
			return -1;
		}
		/* Several params of one name keep the last (JSON objects
		 * have one value per name). */
		json_object_set_member(o, p->name,
				       v ? v : json_node_new(JSON_NODE_NULL));
	}
	*out = json_node_new(JSON_NODE_OBJECT);
	json_node_take_object(*out, o);
	return 0;
}

static int exec_if(scxml_session *s, const scxml_exec *x)
{
	for (guint i = 0; i < x->u.if_.n_branches; i++) {
		const scxml_if_branch *b = &x->u.if_.branches[i];
		int rc = 1;

		if (b->cond) {
			GError *err = NULL;

			rc = s->dmc->eval_cond(s->dm, b->cond, &err);
			if (rc < 0)
				/* A condition that fails is false, and the
				 * error is raised (W3C 5.9.1). */
				return exec_error(s, x, "if", err);
		}
		if (rc > 0)
			return scxml_exec_block(s, b->body);
	}
	return 0;
}

typedef struct foreach_ctx {
	scxml_session *s;
	const scxml_exec *body;
} foreach_ctx;

static int foreach_body(void *ud)
{
	foreach_ctx *fc = ud;

	return scxml_exec_block(fc->s, fc->body);
}

static int exec_foreach(scxml_session *s, const scxml_exec *x)
{
	foreach_ctx fc = {s, x->u.foreach.body};
	GError *err = NULL;
	int rc = s->dmc->foreach(s->dm, x->u.foreach.array, x->u.foreach.item,
				 x->u.foreach.index, foreach_body, &fc, &err);

	if (rc < 0 && err)
		return exec_error(s, x, "foreach", err);
	return rc < 0 ? -1 : 0;
}

static int exec_log(scxml_session *s, const scxml_exec *x)
{
	char *value = NULL;
	GError *err = NULL;

	if (x->u.log.expr) {
		value = s->dmc->eval_string(s->dm, x->u.log.expr, &err);
		if (err) {
			g_free(value);
			return exec_error(s, x, "log", err);
		}
	}
	if (s->hooks.on_log)
		s->hooks.on_log(s, x->u.log.label, value, s->ud);
	g_free(value);
	return 0;
}

/* A raise past the internal queue's bound fails (error.execution, beyond
 * the bound so that it is seen) and stops its block, e.g. a <foreach>
 * raising thousands of events. */
static int exec_raise(scxml_session *s, const scxml_exec *x)
{
	if (!scxml_session_room(s, SCXML_BOUND_INTERNAL, s->internal.length)) {
		scxml_session_error_at(
			s, "error.execution", NULL, "raise", x->line,
			"the internal queue is full (%u events)",
			scxml_session_bound(s, SCXML_BOUND_INTERNAL));
		return -1;
	}
	scxml_session_raise(s, x->u.raise.event, SCXML_EVENT_INTERNAL, NULL);
	return 0;
}

static int exec_one(scxml_session *s, const scxml_exec *x)
{
	GError *err = NULL;

	switch (x->kind) {
	case SCXML_X_RAISE:
		return exec_raise(s, x);
	case SCXML_X_IF:
		return exec_if(s, x);
	case SCXML_X_FOREACH:
		return exec_foreach(s, x);
	case SCXML_X_LOG:
		return exec_log(s, x);
	case SCXML_X_ASSIGN:
		if (s->dmc->assign(s->dm, x->u.assign.location,
				   x->u.assign.expr, x->u.assign.text,
				   &err) < 0)
			return exec_error(s, x, "assign", err);
		return 0;
	case SCXML_X_SCRIPT:
		if (s->dmc->exec_script(s->dm, x->u.script.code, &err) < 0)
			return exec_error(s, x, "script", err);
		return 0;
	case SCXML_X_SEND:
		return scxml_exec_send(s, x);
	case SCXML_X_CANCEL:
		return scxml_exec_cancel(s, x);
	case SCXML_X_EXTENSION:
		return scxml_exec_extension(s, x);
	}
	return 0;
}

int scxml_exec_block(scxml_session *s, const scxml_exec *x)
{
	/* The macrostep's time is looked at before each element: many short
	 * scripts must not hold the engine any more than one long one. */
	for (; x; x = x->next)
		if (scxml_session_out_of_time(s) || exec_one(s, x) < 0)
			return -1;
	return 0;
}
