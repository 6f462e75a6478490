/*
 * The null data model (W3C B.1): no data, no scripts; the only expression
 * is In('state id') in conditions. Everything else a document asks of it is
 * an error, raised as error.execution by the interpreter.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_datamodel.h"

struct scxml_dm {
	scxml_dm_host host;
};

static void *null_engine_init(scxml_engine *engine)
{
	(void)engine;
	return g_new0(char, 1); /* no state, but non-NULL means "ready" */
}

static void *null_doc_init(void *engine_state, const scxml_doc *doc)
{
	(void)engine_state;
	(void)doc;
	return NULL;
}

static void null_doc_free(void *engine_state, void *doc_state)
{
	(void)engine_state;
	(void)doc_state;
}

static scxml_dm *null_session_new(void *engine_state, void *doc_state,
				  const scxml_dm_host *host)
{
	scxml_dm *dm = g_new0(scxml_dm, 1);

	(void)engine_state;
	(void)doc_state;
	if (host)
		dm->host = *host;
	return dm;
}

static void null_session_free(scxml_dm *dm)
{
	g_free(dm);
}

static int unsupported(const scxml_expr *e, GError **err)
{
	char *text = scxml_excerpt(e ? e->text : "");

	g_set_error(err, SCXML_DM_ERROR, 1,
		    "the null data model has no expressions ('%s')", text);
	g_free(text);
	return -1;
}

static int null_declare(scxml_dm *dm, const char *id, const scxml_expr *expr,
			const char *text, GError **err)
{
	(void)dm;
	if (expr || text) {
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "the null data model holds no data ('%s')", id);
		return -1;
	}
	return 0;
}

static int null_set_string(scxml_dm *dm, const char *id, const char *value,
			   GError **err)
{
	(void)dm;
	(void)value;
	g_set_error(err, SCXML_DM_ERROR, 1,
		    "the null data model holds no data ('%s')", id);
	return -1;
}

static int null_set_system(scxml_dm *dm, const char *name, JsonNode *value)
{
	(void)dm;
	(void)name;
	(void)value;
	return 0;
}

static int null_set_event(scxml_dm *dm, const scxml_event *ev)
{
	(void)dm;
	(void)ev;
	return 0;
}

/* In('id') or In("id"), blanks allowed around the parts. */
static int null_eval_cond(scxml_dm *dm, const scxml_expr *cond, GError **err)
{
	const char *p = cond->text;
	const char *start, *end;
	char quote;
	char *id;
	int rc;

	while (g_ascii_isspace(*p))
		p++;
	if (strncmp(p, "In", 2))
		return unsupported(cond, err);
	p += 2;
	while (g_ascii_isspace(*p))
		p++;
	if (*p++ != '(')
		return unsupported(cond, err);
	while (g_ascii_isspace(*p))
		p++;
	quote = *p++;
	if (quote != '\'' && quote != '"')
		return unsupported(cond, err);
	start = p;
	end = strchr(start, quote);
	if (!end)
		return unsupported(cond, err);
	p = end + 1;
	while (g_ascii_isspace(*p))
		p++;
	if (*p++ != ')')
		return unsupported(cond, err);
	while (g_ascii_isspace(*p))
		p++;
	if (*p)
		return unsupported(cond, err);
	id = g_strndup(start, (gsize)(end - start));
	rc = dm->host.in_state && dm->host.in_state(dm->host.ud, id) ? 1 : 0;
	g_free(id);
	return rc;
}

static JsonNode *null_eval_value(scxml_dm *dm, const scxml_expr *expr,
				 GError **err)
{
	(void)dm;
	unsupported(expr, err);
	return NULL;
}

static char *null_eval_string(scxml_dm *dm, const scxml_expr *expr,
			      GError **err)
{
	(void)dm;
	unsupported(expr, err);
	return NULL;
}

static int null_assign(scxml_dm *dm, const scxml_expr *location,
		       const scxml_expr *expr, const char *text, GError **err)
{
	(void)dm;
	(void)expr;
	(void)text;
	return unsupported(location, err);
}

static int null_assign_value(scxml_dm *dm, const scxml_expr *location,
			     JsonNode *value, GError **err)
{
	(void)dm;
	if (value)
		json_node_unref(value);
	return unsupported(location, err);
}

static int null_check_location(scxml_dm *dm, const scxml_expr *location,
			       GError **err)
{
	(void)dm;
	return unsupported(location, err);
}

static int null_exec_script(scxml_dm *dm, const scxml_expr *code, GError **err)
{
	(void)dm;
	(void)code;
	g_set_error(err, SCXML_DM_ERROR, 1,
		    "the null data model runs no scripts");
	return -1;
}

static int null_foreach(scxml_dm *dm, const scxml_expr *array,
			const scxml_expr *item, const scxml_expr *index,
			scxml_dm_foreach_fn body, void *ud, GError **err)
{
	(void)dm;
	(void)item;
	(void)index;
	(void)body;
	(void)ud;
	return unsupported(array, err);
}

static JsonNode *null_get_location(scxml_dm *dm, const scxml_expr *location,
				   GError **err)
{
	(void)dm;
	unsupported(location, err);
	return NULL;
}

static void null_engine_free(void *engine_state)
{
	g_free(engine_state);
}

const scxml_datamodel_class scxml_dm_null_class = {
	.name = "null",
	.engine_init = null_engine_init,
	.engine_free = null_engine_free,
	.set_script_limit_ms = NULL,
	.doc_init = null_doc_init,
	.doc_free = null_doc_free,
	.session_new = null_session_new,
	.session_free = null_session_free,
	.declare = null_declare,
	.set_string = null_set_string,
	.set_system = null_set_system,
	.set_event = null_set_event,
	.eval_cond = null_eval_cond,
	.eval_value = null_eval_value,
	.eval_string = null_eval_string,
	.assign = null_assign,
	.assign_value = null_assign_value,
	.check_location = null_check_location,
	.exec_script = null_exec_script,
	.foreach = null_foreach,
	.get_location = null_get_location,
};
