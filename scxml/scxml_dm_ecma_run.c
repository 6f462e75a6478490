/*
 * Running code in the shared heap: every evaluation is a protected call with
 * a deadline (the runaway-script guard, checked by Duktape through
 * scxml_dm_ecma_timeout_check) and with the evaluating session recorded, so
 * that In() asks the right session. Errors become GError messages naming the
 * expression and its line.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* The coarse clock (a few ns, millisecond resolution) is read once when a
 * run starts, and again at each of Duktape's checks, every 1 Ki bytecode
 * instructions (scxml/ecma.mk): a runaway script is stopped within that
 * many instructions of the limit, even when each of them calls a slow
 * built-in. */
static gint64 coarse_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

int scxml_dm_ecma_timeout_check(void *udata)
{
	scxml_ecma_engine *eng = udata;

	if (!eng || !eng->running || !eng->limit_ms)
		return 0;
	/* Once hit, keep failing: the script may catch the first error. */
	if (!eng->timed_out && coarse_now_us() > eng->deadline_us)
		eng->timed_out = TRUE;
	return eng->timed_out;
}

/* Start a run of session dm unless an outer call already did: the deadline,
 * and dm's account charged for what the heap allocates meanwhile. Returns
 * TRUE when this call started it (and must end it). */
static gboolean arm(scxml_ecma_engine *eng, scxml_dm *dm)
{
	if (eng->running)
		return FALSE;
	eng->running = TRUE;
	eng->timed_out = FALSE;
	eng->over_limit = FALSE;
	eng->over_session_limit = FALSE;
	eng->run_refused = FALSE;
	eng->owner = dm->account;
	eng->deadline_us = coarse_now_us() + (gint64)eng->limit_ms * 1000;
	return TRUE;
}

/* End the run dm started. A run the session cap refused memory, whether
 * or not the code caught the error, is told to the session. */
static void disarm(scxml_ecma_engine *eng, scxml_dm *dm)
{
	eng->running = FALSE;
	eng->deadline_us = 0;
	eng->owner = 0;
	if (eng->run_refused && dm->host.memory_refused)
		dm->host.memory_refused(dm->host.ud);
}

/* Whatever the code just run added to the global object goes to its
 * session (a script's declarations, an implicit global from a condition). */
static void keep_global_clean(scxml_dm *dm)
{
	if (scxml_duk_global_shape(dm->eng->ctx) != dm->eng->global_shape)
		scxml_ecma_sweep_globals(dm);
}

int scxml_ecma_pcall(scxml_dm *dm, duk_idx_t nargs)
{
	scxml_ecma_engine *eng = dm->eng;
	scxml_dm *prev = eng->current;
	gboolean armed = arm(eng, dm);
	duk_int_t rc;

	eng->current = dm;
	rc = duk_pcall(eng->ctx, nargs);
	keep_global_clean(dm);
	eng->current = prev;
	if (armed)
		disarm(eng, dm);
	return rc == DUK_EXEC_SUCCESS ? 0 : -1;
}

int scxml_ecma_safe_call(scxml_dm *dm, duk_safe_call_function fn, void *ud,
			 duk_idx_t nargs, duk_idx_t nrets)
{
	scxml_ecma_engine *eng = dm->eng;
	scxml_dm *prev = eng->current;
	gboolean armed = arm(eng, dm);
	duk_int_t rc;

	eng->current = dm;
	rc = duk_safe_call(eng->ctx, fn, ud, nargs, nrets);
	keep_global_clean(dm);
	eng->current = prev;
	if (armed)
		disarm(eng, dm);
	return rc == DUK_EXEC_SUCCESS ? 0 : -1;
}

typedef struct protected_op {
	scxml_dm *dm;
	scxml_ecma_body body;
	void *ud;
	GError **err;
	int rc;
} protected_op;

static duk_ret_t run_body(duk_context *ctx, void *ud)
{
	protected_op *op = ud;

	op->rc = op->body(op->dm, op->ud, op->err);
	return 0;
}

static int protect(scxml_dm *dm, const scxml_expr *e, scxml_ecma_body body,
		   void *ud, GError **err, gboolean armed)
{
	scxml_ecma_engine *eng = dm->eng;
	protected_op op = {dm, body, ud, err, -1};
	int failed = armed ? scxml_ecma_safe_call(dm, run_body, &op, 0, 1)
			   : duk_safe_call(eng->ctx, run_body, &op, 0, 1) !=
				     DUK_EXEC_SUCCESS;

	if (failed) {
		/* The body may have set *err before something threw. */
		if (err && *err)
			duk_pop(eng->ctx);
		else
			scxml_ecma_error(dm, e, err);
		return -1;
	}
	duk_pop(eng->ctx);
	return op.rc;
}

int scxml_ecma_protect(scxml_dm *dm, const scxml_expr *e, scxml_ecma_body body,
		       void *ud, GError **err)
{
	return protect(dm, e, body, ud, err, TRUE);
}

int scxml_ecma_protect_unarmed(scxml_dm *dm, const scxml_expr *e,
			       scxml_ecma_body body, void *ud, GError **err)
{
	return protect(dm, e, body, ud, err, FALSE);
}

gboolean scxml_ecma_protect_engine(scxml_ecma_engine *eng,
				   duk_safe_call_function fn, void *ud,
				   const char *what)
{
	duk_context *ctx = eng->ctx;
	gboolean ok = duk_safe_call(ctx, fn, ud, 0, 1) == DUK_EXEC_SUCCESS;

	if (!ok)
		g_warning("ecmascript: %s failed: %s", what,
			  duk_safe_to_string(ctx, -1));
	duk_pop(ctx);
	return ok;
}

static duk_ret_t to_string_top(duk_context *ctx, void *ud)
{
	duk_to_string(ctx, -1);
	return 1;
}

char *scxml_ecma_pop_error_text(scxml_dm *dm)
{
	duk_context *ctx = dm->eng->ctx;
	char *text;

	/* What was thrown may be any value, its toString the document's own
	 * code: convert it under a deadline. */
	if (scxml_ecma_safe_call(dm, to_string_top, NULL, 1, 1))
		text = g_strdup("(an error that cannot be shown)");
	else
		text = g_strdup(duk_get_string(ctx, -1));
	duk_pop(ctx);
	return text;
}

void scxml_ecma_error(scxml_dm *dm, const scxml_expr *e, GError **err)
{
	scxml_ecma_engine *eng = dm->eng;
	const char *text = e && e->text ? e->text : "";
	const char *nl = strchr(text, '\n');
	int shown = nl ? (int)(nl - text) : (int)strlen(text);
	const char *more = nl ? " …" : "";
	char *why;

	/* Long scripts are named by their first line only. */
	if (shown > 60) {
		shown = 60;
		more = "…";
	}
	if (eng->timed_out) {
		why = g_strdup_printf("script exceeded %u ms", eng->limit_ms);
		duk_pop(eng->ctx);
	} else if (eng->over_session_limit) {
		/* Duktape's own words would be "alloc failed". */
		why = g_strdup_printf("script exceeded the session memory "
				      "limit (session-memory-limit, %" G_GSIZE_FORMAT
				      " %s per session)",
				      eng->session_limit >> 20 ? eng->session_limit >> 20
							       : eng->session_limit,
				      eng->session_limit >> 20 ? "MiB" : "bytes");
		duk_pop(eng->ctx);
	} else if (eng->over_limit) {
		why = g_strdup_printf("script exceeded the memory limit "
				      "(%" G_GSIZE_FORMAT " MiB for all sessions)",
				      eng->heap_limit >> 20);
		duk_pop(eng->ctx);
	} else {
		/* What was thrown may be a string of megabytes. */
		char *text_thrown = scxml_ecma_pop_error_text(dm);

		why = scxml_excerpt(text_thrown);
		g_free(text_thrown);
	}
	eng->timed_out = FALSE;
	eng->over_limit = FALSE;
	eng->over_session_limit = FALSE;
	if (e)
		g_set_error(err, SCXML_DM_ERROR, 1, "line %d: \"%.*s%s\" : %s",
			    e->line, shown, text, more, why);
	else
		g_set_error_literal(err, SCXML_DM_ERROR, 1, why);
	g_free(why);
}

/* In('id'): asks the session evaluating now. */
static duk_ret_t ecma_in(duk_context *ctx)
{
	duk_memory_functions mf;
	scxml_ecma_engine *eng;
	scxml_dm *dm;
	const char *id = duk_to_string(ctx, 0);
	gboolean in = FALSE;

	duk_get_memory_functions(ctx, &mf);
	eng = mf.udata;
	dm = eng ? eng->current : NULL;
	if (dm && dm->host.in_state)
		in = dm->host.in_state(dm->host.ud, id);
	duk_push_boolean(ctx, in);
	return 1;
}

void scxml_ecma_install_in(duk_context *ctx)
{
	duk_push_global_object(ctx);
	duk_push_literal(ctx, "In");
	duk_push_c_function(ctx, ecma_in, 1);
	/* Not enumerable: the global sweep leaves it alone. */
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WEC);
	duk_pop(ctx);
}
