/*
 * <script>: the code runs as global code through a direct eval inside
 * `with (S)`, so that its top-level `var` and `function` declarations land on
 * the global object (global code's variable environment) while its closures
 * keep S in their scope chain. Right after, the sweep moves every own
 * enumerable property that appeared on the global object into S and deletes
 * it from the global: the declarations persist in the session, and the
 * global object stays clean for the other sessions. (The built-ins and our
 * own helpers are not enumerable, so they are never swept.) The sweep runs
 * after any evaluation that changed the global object (scxml_dm_ecma_run.c),
 * so an implicit global made by a condition is caught too.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* Compiled once per engine. Global code cannot take arguments, so the
 * runner reads its scope and code from two globals; each is a getter that
 * hands out what set_run_globals left in the heap stash once, to the
 * runner's own read, and undefined after: the script it runs (and every
 * other) sees neither, and cannot write or redefine them. */
static const char runner_src[] = "with(__scxml_S)eval(__scxml_C)";

/* Stash keys of what the runner reads next, by the getter's magic. */
static const char *const run_keys[] = {"run_S", "run_C"};

static duk_ret_t take_run_global(duk_context *ctx)
{
	const char *key = run_keys[duk_get_current_magic(ctx) ? 1 : 0];

	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, key);
	duk_push_undefined(ctx);
	duk_put_prop_string(ctx, -3, key);
	return 1;
}

static void define_run_global(duk_context *ctx, const char *name, int magic)
{
	duk_push_string(ctx, name);
	duk_push_c_function(ctx, take_run_global, 0);
	duk_set_magic(ctx, -1, magic);
	duk_def_prop(ctx, -3,
		     DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_CLEAR_ENUMERABLE |
			     DUK_DEFPROP_CLEAR_CONFIGURABLE);
}

int scxml_ecma_script_init(duk_context *ctx, void **runner)
{
	duk_push_global_object(ctx);
	define_run_global(ctx, "__scxml_S", 0);
	define_run_global(ctx, "__scxml_C", 1);
	duk_pop(ctx);
	if (duk_pcompile_string(ctx, 0, runner_src)) {
		duk_pop(ctx);
		return -1;
	}
	scxml_ecma_freeze_shared(ctx, -1);
	/* Kept alive in the stash; the pointer is for a fast push. */
	duk_push_heap_stash(ctx);
	duk_dup(ctx, -2);
	duk_put_prop_literal(ctx, -2, "script_runner");
	duk_pop(ctx);
	*runner = duk_get_heapptr(ctx, -1);
	duk_pop(ctx);
	return 0;
}

static void set_run_globals(duk_context *ctx, void *scope, const char *code)
{
	duk_push_heap_stash(ctx);
	if (scope)
		duk_push_heapptr(ctx, scope);
	else
		duk_push_undefined(ctx);
	duk_put_prop_string(ctx, -2, run_keys[0]);
	if (code)
		duk_push_string(ctx, code);
	else
		duk_push_undefined(ctx);
	duk_put_prop_string(ctx, -2, run_keys[1]);
	duk_pop(ctx);
}

/* [S key desc] -> [] : S[key] = the global's property described. An
 * accessor (a script's __defineGetter__ on the global) moves as the
 * accessor: the sweep never runs the document's code. */
static void move_to_scope(duk_context *ctx, duk_idx_t s, gboolean known)
{
	duk_idx_t desc = duk_get_top_index(ctx);

	if (duk_has_prop_literal(ctx, desc, "value")) {
		duk_get_prop_literal(ctx, desc, "value");
		/* A var already in S was assigned there (the global copy
		 * is a bare declaration), but a function declaration
		 * carries its new value on the global. */
		if (!known || duk_is_function(ctx, -1)) {
			/* Defined, not put: a script may have made S's
			 * property read-only, and the sweep must not stop
			 * half-way (the rest would stay global). */
			duk_dup(ctx, desc - 1);
			duk_swap_top(ctx, -2);
			duk_def_prop(ctx, s,
				     DUK_DEFPROP_HAVE_VALUE |
					     DUK_DEFPROP_SET_WEC |
					     DUK_DEFPROP_FORCE);
		} else {
			duk_pop(ctx);
		}
	} else {
		duk_dup(ctx, desc - 1);
		duk_get_prop_literal(ctx, desc, "get");
		duk_get_prop_literal(ctx, desc, "set");
		duk_def_prop(ctx, s,
			     DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_HAVE_SETTER |
				     DUK_DEFPROP_SET_ENUMERABLE |
				     DUK_DEFPROP_SET_CONFIGURABLE |
				     DUK_DEFPROP_FORCE);
	}
	duk_pop_2(ctx);
}

static duk_ret_t sweep(duk_context *ctx, void *ud)
{
	scxml_dm *dm = ud;
	duk_idx_t g, s, e;

	duk_push_global_object(ctx);
	g = duk_get_top_index(ctx);
	duk_push_heapptr(ctx, dm->scope);
	s = duk_get_top_index(ctx);
	duk_enum(ctx, g, DUK_ENUM_OWN_PROPERTIES_ONLY);
	e = duk_get_top_index(ctx);
	while (duk_next(ctx, e, 0)) {
		/* [key] */
		const char *key = duk_get_string(ctx, -1);

		if (key && !scxml_ecma_is_system_name(key, strlen(key))) {
			gboolean known = duk_has_prop_string(ctx, s, key);

			duk_dup_top(ctx);
			duk_dup_top(ctx);
			duk_get_prop_desc(ctx, g, 0);
			/* [key key desc] */
			move_to_scope(ctx, s, known);
		}
		duk_del_prop(ctx, g);
	}
	return 0;
}

void scxml_ecma_sweep_globals(scxml_dm *dm)
{
	scxml_ecma_engine *eng = dm->eng;
	duk_context *ctx = eng->ctx;
	gboolean running = eng->running;

	/* No code of the document runs in the sweep (accessors move as
	 * they are), so no deadline either: a script stopped by its limit
	 * still has its leaks swept. */
	eng->running = FALSE;
	if (duk_safe_call(ctx, sweep, dm, 0, 1))
		g_warning("ecmascript: global sweep failed: %s",
			  duk_safe_to_string(ctx, -1));
	eng->running = running;
	duk_pop(ctx);
	eng->global_shape = scxml_duk_global_shape(ctx);
}

static int exec_script(scxml_dm *dm, void *ud, GError **err)
{
	const scxml_expr *code = ud;
	duk_context *ctx = dm->eng->ctx;
	int rc;

	set_run_globals(ctx, dm->scope, code->text);
	duk_push_heapptr(ctx, dm->eng->script_runner);
	rc = scxml_ecma_pcall(dm, 0);
	set_run_globals(ctx, NULL, NULL);
	/* The run wrapper has swept the declarations into S (those made
	 * before an error too). */
	if (rc) {
		scxml_ecma_error(dm, code, err);
		return -1;
	}
	duk_pop(ctx);
	return 0;
}

int scxml_ecma_exec_script(scxml_dm *dm, const scxml_expr *code, GError **err)
{
	if (!code || !code->text)
		return 0;
	return scxml_ecma_protect(dm, code, exec_script, (void *)code, err);
}
