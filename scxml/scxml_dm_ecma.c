/*
 * The ECMAScript data model class (datamodel="ecmascript"), the table the
 * interpreter calls through (scxml_datamodel.h), and the life of its three
 * levels of state: the engine's one Duktape heap, each document's compile
 * cache, and each session's scope object with its system variables.
 * How the pieces fit: scxml_dm_ecma_priv.h.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* What the engine sets up in its heap, once: In(), the script runner, the
 * _event helpers, then the built-ins frozen (last: the helpers are frozen
 * with them). */
static duk_ret_t engine_setup(duk_context *ctx, void *ud)
{
	scxml_ecma_engine *eng = ud;

	scxml_ecma_install_in(ctx);
	if (scxml_ecma_script_init(ctx, &eng->script_runner) ||
	    scxml_ecma_event_init(eng))
		return duk_error(ctx, DUK_ERR_ERROR, "cannot compile helpers");
	scxml_ecma_lock_builtins(ctx);
	return 0;
}

static void *ecma_engine_init(scxml_engine *engine)
{
	scxml_ecma_engine *eng = g_new0(scxml_ecma_engine, 1);

	eng->limit_ms = 2000;
	eng->ctx = scxml_ecma_heap_new(eng);
	if (!eng->ctx ||
	    !scxml_ecma_protect_engine(eng, engine_setup, eng, "engine set-up"))
		goto fail;
	eng->global_shape = scxml_duk_global_shape(eng->ctx);
	return eng;
fail:
	g_critical("ecmascript: cannot create the Duktape heap");
	scxml_ecma_heap_free(eng);
	g_free(eng);
	return NULL;
}

static void ecma_engine_free(void *engine_state)
{
	scxml_ecma_engine *eng = engine_state;

	if (!eng)
		return;
	/* Scripts cannot set finalizers (Duktape.fin is removed, see
	 * scxml_dm_ecma_lock.c): destroying the heap runs none of their
	 * code. */
	scxml_ecma_heap_free(eng);
	g_free(eng);
}

static void ecma_set_memory_limit(void *engine_state, gsize bytes)
{
	scxml_ecma_engine *eng = engine_state;

	if (eng)
		eng->heap_limit = bytes;
}

static void ecma_set_session_memory_limit(void *engine_state, gsize bytes)
{
	scxml_ecma_engine *eng = engine_state;

	if (eng)
		eng->session_limit = bytes;
}

static void ecma_set_script_limit_ms(void *engine_state, guint ms)
{
	scxml_ecma_engine *eng = engine_state;

	if (eng)
		eng->limit_ms = ms;
}

/* ---- documents: a stash array of compiled functions ---- */

static duk_ret_t stash_array(duk_context *ctx, void *ud)
{
	duk_push_heap_stash(ctx);
	duk_push_array(ctx);
	duk_put_prop_string(ctx, -2, ud);
	return 0;
}

static duk_ret_t stash_delete(duk_context *ctx, void *ud)
{
	duk_push_heap_stash(ctx);
	duk_del_prop_string(ctx, -1, ud);
	return 0;
}

static void *ecma_doc_init(void *engine_state, const scxml_doc *doc)
{
	scxml_ecma_engine *eng = engine_state;
	scxml_ecma_doc *d;

	if (!eng)
		return NULL;
	d = g_new0(scxml_ecma_doc, 1);
	d->eng = eng;
	d->n_exprs = doc ? doc->n_exprs : 0;
	d->fns = g_new0(void *, (gsize)d->n_exprs *ECMA_FN_KINDS + 1);
	d->assign_expr = g_new0(guint, d->n_exprs + 1);
	g_snprintf(d->key, sizeof(d->key), "d%u", eng->next_slot++);
	if (!scxml_ecma_protect_engine(eng, stash_array, d->key,
				       "a document's set-up")) {
		/* No cache: every expression is compiled at each use. */
		d->n_exprs = 0;
	}
	return d;
}

static void ecma_doc_free(void *engine_state, void *doc_state)
{
	scxml_ecma_doc *d = doc_state;

	if (!d)
		return;
	scxml_ecma_protect_engine(d->eng, stash_delete, d->key,
				  "a document's release");
	g_free(d->fns);
	g_free(d->assign_expr);
	g_free(d);
}

/* ---- sessions: the scope object and the system variables ---- */

static int session_setup(scxml_dm *dm, void *ud, GError **err)
{
	scxml_ecma_engine *eng = dm->eng;
	duk_context *ctx = eng->ctx;
	duk_idx_t s;

	/* No prototype: a lookup in `with (S)` that misses S goes straight
	 * to the global object, and S holds nothing but variables. */
	s = duk_push_bare_object(ctx);
	duk_push_undefined(ctx);
	scxml_ecma_define_system(ctx, s, "_event");
	/* The stash is the engine's: its growth is not the session's. */
	eng->owner = 0;
	duk_push_heap_stash(ctx);
	duk_dup(ctx, s);
	duk_put_prop_string(ctx, -2, dm->key);
	duk_pop(ctx);
	eng->owner = dm->account;
	dm->scope = duk_get_heapptr(ctx, s);
	duk_pop(ctx);
	return 0;
}

static scxml_dm *ecma_session_new(void *engine_state, void *doc_state,
				  const scxml_dm_host *host)
{
	scxml_ecma_engine *eng = engine_state;
	scxml_dm *dm;
	GError *err = NULL;

	if (!eng)
		return NULL;
	dm = g_new0(scxml_dm, 1);
	dm->eng = eng;
	dm->doc = doc_state;
	if (host)
		dm->host = *host;
	g_snprintf(dm->key, sizeof(dm->key), "s%u", eng->next_slot++);
	dm->account = scxml_ecma_account_open(eng);
	if (scxml_ecma_protect(dm, NULL, session_setup, NULL, &err) < 0) {
		g_warning("ecmascript: cannot start a session: %s",
			  err->message);
		g_error_free(err);
		scxml_ecma_account_close(eng, dm->account);
		g_free(dm);
		return NULL;
	}
	return dm;
}

static void ecma_session_free(scxml_dm *dm)
{
	scxml_ecma_engine *eng;

	if (!dm)
		return;
	eng = dm->eng;
	if (eng->current == dm)
		eng->current = NULL;
	/* Its S (and what only S holds) is freed now, credited back to its
	 * account; what is shared lives on, and the account is reused once
	 * that is gone too. */
	scxml_ecma_protect_engine(eng, stash_delete, dm->key,
				  "a session's release");
	scxml_ecma_account_close(eng, dm->account);
	scxml_ecma_event_free(dm);
	g_free(dm);
}

typedef struct system_value {
	const char *name;
	JsonNode *value;
} system_value;

static int set_system(scxml_dm *dm, void *ud, GError **err)
{
	system_value *v = ud;
	duk_context *ctx = dm->eng->ctx;

	duk_push_heapptr(ctx, dm->scope);
	scxml_ecma_push_json(ctx, v->value);
	scxml_ecma_define_system(ctx, -2, v->name);
	duk_pop(ctx);
	return 0;
}

static int ecma_set_system(scxml_dm *dm, const char *name, JsonNode *value)
{
	system_value v = {name, value};
	GError *err = NULL;

	if (scxml_ecma_protect(dm, NULL, set_system, &v, &err) < 0) {
		g_warning("ecmascript: cannot set %s: %s", name, err->message);
		g_error_free(err);
		return -1;
	}
	return 0;
}

const scxml_datamodel_class scxml_dm_ecma_class = {
	.name = "ecmascript",
	.engine_init = ecma_engine_init,
	.engine_free = ecma_engine_free,
	.set_script_limit_ms = ecma_set_script_limit_ms,
	.set_memory_limit = ecma_set_memory_limit,
	.set_session_memory_limit = ecma_set_session_memory_limit,
	.doc_init = ecma_doc_init,
	.doc_free = ecma_doc_free,
	.session_new = ecma_session_new,
	.session_free = ecma_session_free,
	.declare = scxml_ecma_declare,
	.set_string = scxml_ecma_set_string,
	.set_system = ecma_set_system,
	.set_event = scxml_ecma_set_event,
	.eval_cond = scxml_ecma_eval_cond,
	.eval_value = scxml_ecma_eval_value,
	.eval_string = scxml_ecma_eval_string,
	.assign = scxml_ecma_assign,
	.assign_value = scxml_ecma_assign_value,
	.check_location = scxml_ecma_check_location,
	.exec_script = scxml_ecma_exec_script,
	.foreach = scxml_ecma_foreach,
	.get_location = scxml_ecma_get_location,
	.check_syntax = scxml_ecma_check_syntax,
};
