/*
 * The ECMAScript data model class (datamodel="ecmascript"), the table the
 * interpreter calls through (scxml_datamodel.h), and the life of its three
 * levels of state: the engine's one Duktape heap, each document's compile
 * cache, and each session's scope object with its system variables.
 * How the pieces fit: scxml_dm_ecma_priv.h.
 */
#include "config.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* ---- the heap: an allocator that counts what it holds ---- */

/* Would growing the heap by more bytes pass its limit? Duktape answers a
 * refused allocation with a garbage collection and one more try, then a
 * RangeError in the script. */
static gboolean over_limit(scxml_ecma_engine *eng, gsize more)
{
	if (!eng->heap_limit || eng->heap_bytes + more <= eng->heap_limit)
		return FALSE;
	eng->over_limit = TRUE;
	return TRUE;
}

static void *heap_alloc(void *udata, duk_size_t size)
{
	scxml_ecma_engine *eng = udata;
	void *p;

	if (over_limit(eng, size))
		return NULL;
	p = malloc(size);

	if (p)
		eng->heap_bytes += malloc_usable_size(p);
	return p;
}

static void *heap_realloc(void *udata, void *ptr, duk_size_t size)
{
	scxml_ecma_engine *eng = udata;
	gsize old = ptr ? malloc_usable_size(ptr) : 0;
	void *p;

	if (size == 0) {
		free(ptr);
		eng->heap_bytes -= old;
		return NULL;
	}
	if (size > old && over_limit(eng, size - old))
		return NULL;
	p = realloc(ptr, size);
	if (p)
		eng->heap_bytes += malloc_usable_size(p) - old;
	return p;
}

static void heap_free(void *udata, void *ptr)
{
	scxml_ecma_engine *eng = udata;

	if (!ptr)
		return;
	eng->heap_bytes -= malloc_usable_size(ptr);
	free(ptr);
}

/* Only reached on an error outside any protected call: a bug of ours. */
static void heap_fatal(void *udata, const char *msg)
{
	g_critical("ecmascript: fatal Duktape error: %s", msg ? msg : "?");
	abort();
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
	eng->ctx = duk_create_heap(heap_alloc, heap_realloc, heap_free, eng,
				   heap_fatal);
	if (!eng->ctx)
		goto fail;
	scxml_ecma_install_in(eng->ctx);
	if (scxml_ecma_script_init(eng->ctx, &eng->script_runner))
		goto fail;
	if (scxml_ecma_event_init(eng))
		goto fail;
	eng->global_shape = scxml_duk_global_shape(eng->ctx);
	return eng;
fail:
	g_critical("ecmascript: cannot create the Duktape heap");
	if (eng->ctx)
		duk_destroy_heap(eng->ctx);
	g_free(eng);
	return NULL;
}

static void ecma_engine_free(void *engine_state)
{
	scxml_ecma_engine *eng = engine_state;

	if (!eng)
		return;
	duk_destroy_heap(eng->ctx);
	g_free(eng);
}

static void ecma_set_memory_limit(void *engine_state, gsize bytes)
{
	scxml_ecma_engine *eng = engine_state;

	if (eng)
		eng->heap_limit = bytes;
}

static void ecma_set_script_limit_ms(void *engine_state, guint ms)
{
	scxml_ecma_engine *eng = engine_state;

	if (eng)
		eng->limit_ms = ms;
}

/* ---- documents: a stash array of compiled functions ---- */

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
	duk_push_heap_stash(eng->ctx);
	duk_push_array(eng->ctx);
	duk_put_prop_string(eng->ctx, -2, d->key);
	duk_pop(eng->ctx);
	return d;
}

static void ecma_doc_free(void *engine_state, void *doc_state)
{
	scxml_ecma_doc *d = doc_state;

	if (!d)
		return;
	duk_push_heap_stash(d->eng->ctx);
	duk_del_prop_string(d->eng->ctx, -1, d->key);
	duk_pop(d->eng->ctx);
	g_free(d->fns);
	g_free(d->assign_expr);
	g_free(d);
}

/* ---- sessions: the scope object and the system variables ---- */

static scxml_dm *ecma_session_new(void *engine_state, void *doc_state,
				  const scxml_dm_host *host)
{
	scxml_ecma_engine *eng = engine_state;
	duk_context *ctx;
	scxml_dm *dm;
	duk_idx_t s;

	if (!eng)
		return NULL;
	ctx = eng->ctx;
	dm = g_new0(scxml_dm, 1);
	dm->eng = eng;
	dm->doc = doc_state;
	if (host)
		dm->host = *host;
	g_snprintf(dm->key, sizeof(dm->key), "s%u", eng->next_slot++);
	/* No prototype: a lookup in `with (S)` that misses S goes straight
	 * to the global object, and S holds nothing but variables. */
	s = duk_push_bare_object(ctx);
	duk_push_undefined(ctx);
	scxml_ecma_define_system(ctx, s, "_event");
	duk_push_heap_stash(ctx);
	duk_dup(ctx, s);
	duk_put_prop_string(ctx, -2, dm->key);
	duk_pop(ctx);
	dm->scope = duk_get_heapptr(ctx, s);
	duk_pop(ctx);
	return dm;
}

static void ecma_session_free(scxml_dm *dm)
{
	duk_context *ctx;

	if (!dm)
		return;
	ctx = dm->eng->ctx;
	if (dm->eng->current == dm)
		dm->eng->current = NULL;
	duk_push_heap_stash(ctx);
	duk_del_prop_string(ctx, -1, dm->key);
	duk_pop(ctx);
	scxml_ecma_event_free(dm);
	g_free(dm);
}

static int ecma_set_system(scxml_dm *dm, const char *name, JsonNode *value)
{
	duk_context *ctx = dm->eng->ctx;

	duk_push_heapptr(ctx, dm->scope);
	scxml_ecma_push_json(ctx, value);
	scxml_ecma_define_system(ctx, -2, name);
	duk_pop(ctx);
	return 0;
}

const scxml_datamodel_class scxml_dm_ecma_class = {
	.name = "ecmascript",
	.engine_init = ecma_engine_init,
	.engine_free = ecma_engine_free,
	.set_script_limit_ms = ecma_set_script_limit_ms,
	.set_memory_limit = ecma_set_memory_limit,
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
