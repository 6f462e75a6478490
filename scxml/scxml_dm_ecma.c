/*
 * The ECMAScript data model class (datamodel="ecmascript"): the table the
 * interpreter calls through (scxml_datamodel.h). Skeleton: every operation
 * fails until the Duktape-backed implementation lands.
 */
#include "config.h"

#include "scxml/scxml_dm_ecma_priv.h"

static int not_yet(GError **err)
{
	g_set_error(err, SCXML_DM_ERROR, 1,
		    "ecmascript data model not implemented yet");
	return -1;
}

int scxml_dm_ecma_timeout_check(void *udata)
{
	scxml_ecma_engine *eng = udata;

	if (!eng || !eng->deadline_us)
		return 0;
	return g_get_monotonic_time() > eng->deadline_us;
}

gsize scxml_dm_ecma_heap_bytes(void *engine_state)
{
	scxml_ecma_engine *eng = engine_state;

	return eng ? eng->heap_bytes : 0;
}

static void *ecma_engine_init(scxml_engine *engine)
{
	scxml_ecma_engine *eng = g_new0(scxml_ecma_engine, 1);

	eng->limit_ms = 2000;
	return eng;
}

static void ecma_engine_free(void *engine_state)
{
	g_free(engine_state);
}

static void ecma_set_script_limit_ms(void *engine_state, guint ms)
{
	scxml_ecma_engine *eng = engine_state;

	eng->limit_ms = ms;
}

static void *ecma_doc_init(void *engine_state, const scxml_doc *doc)
{
	scxml_ecma_doc *d = g_new0(scxml_ecma_doc, 1);

	d->eng = engine_state;
	d->doc = doc;
	return d;
}

static void ecma_doc_free(void *engine_state, void *doc_state)
{
	g_free(doc_state);
}

static scxml_dm *ecma_session_new(void *engine_state, void *doc_state,
				  const scxml_dm_host *host)
{
	scxml_dm *dm = g_new0(scxml_dm, 1);

	dm->eng = engine_state;
	dm->doc = doc_state;
	if (host)
		dm->host = *host;
	return dm;
}

static void ecma_session_free(scxml_dm *dm)
{
	g_free(dm);
}

static int ecma_declare(scxml_dm *dm, const char *id, const scxml_expr *expr,
			const char *text, GError **err)
{
	return not_yet(err);
}

static int ecma_set_string(scxml_dm *dm, const char *id, const char *value,
			   GError **err)
{
	return not_yet(err);
}

static int ecma_set_system(scxml_dm *dm, const char *name, JsonNode *value)
{
	return -1;
}

static int ecma_set_event(scxml_dm *dm, const scxml_event *ev)
{
	return -1;
}

static int ecma_eval_cond(scxml_dm *dm, const scxml_expr *cond, GError **err)
{
	return not_yet(err);
}

static JsonNode *ecma_eval_value(scxml_dm *dm, const scxml_expr *expr,
				 GError **err)
{
	not_yet(err);
	return NULL;
}

static char *ecma_eval_string(scxml_dm *dm, const scxml_expr *expr,
			      GError **err)
{
	not_yet(err);
	return NULL;
}

static int ecma_assign(scxml_dm *dm, const scxml_expr *location,
		       const scxml_expr *expr, const char *text, GError **err)
{
	return not_yet(err);
}

static int ecma_assign_value(scxml_dm *dm, const scxml_expr *location,
			     JsonNode *value, GError **err)
{
	if (value)
		json_node_unref(value);
	return not_yet(err);
}

static int ecma_check_location(scxml_dm *dm, const scxml_expr *location,
			       GError **err)
{
	return not_yet(err);
}

static int ecma_exec_script(scxml_dm *dm, const scxml_expr *code,
			    GError **err)
{
	return not_yet(err);
}

static int ecma_foreach(scxml_dm *dm, const scxml_expr *array,
			const scxml_expr *item, const scxml_expr *index,
			scxml_dm_foreach_fn body, void *ud, GError **err)
{
	return not_yet(err);
}

static JsonNode *ecma_get_location(scxml_dm *dm, const scxml_expr *location,
				   GError **err)
{
	not_yet(err);
	return NULL;
}

const scxml_datamodel_class scxml_dm_ecma_class = {
	.name = "ecmascript",
	.engine_init = ecma_engine_init,
	.engine_free = ecma_engine_free,
	.set_script_limit_ms = ecma_set_script_limit_ms,
	.doc_init = ecma_doc_init,
	.doc_free = ecma_doc_free,
	.session_new = ecma_session_new,
	.session_free = ecma_session_free,
	.declare = ecma_declare,
	.set_string = ecma_set_string,
	.set_system = ecma_set_system,
	.set_event = ecma_set_event,
	.eval_cond = ecma_eval_cond,
	.eval_value = ecma_eval_value,
	.eval_string = ecma_eval_string,
	.assign = ecma_assign,
	.assign_value = ecma_assign_value,
	.check_location = ecma_check_location,
	.exec_script = ecma_exec_script,
	.foreach = ecma_foreach,
	.get_location = ecma_get_location,
};
