/*
 * The evaluations the interpreter asks for: <data> declarations, conditions,
 * values, <assign>, location checks and <foreach>. Each one pushes the
 * expression's compiled function (scxml_dm_ecma_compile.c) and the session's
 * scope object, and calls it. Each class operation is one protected call
 * (scxml_ecma_protect, at the end of this file); inside it, a call whose
 * error needs no handling of its own is a plain call (the protected call
 * reports the error, naming the expression), one with recovery a nested
 * protected call. Every function leaves the Duktape value stack as it
 * found it.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* [fn] -> [result] or error set (stack as before fn). */
static int call_with_scope(scxml_dm *dm, const scxml_expr *e, GError **err)
{
	duk_push_heapptr(dm->eng->ctx, dm->scope);
	if (scxml_ecma_pcall(dm, 1)) {
		scxml_ecma_error(dm, e, err);
		return -1;
	}
	return 0;
}

/* Push the value of e, or fail with nothing pushed. */
static int push_value(scxml_dm *dm, const scxml_expr *e, GError **err)
{
	if (scxml_ecma_push_fn(dm, e, ECMA_FN_VALUE, NULL, err))
		return -1;
	return call_with_scope(dm, e, err);
}

/* The same, its error thrown to the operation's protected call: only in
 * the body of an armed operation (scxml_ecma_protect). */
static int push_value_or_throw(scxml_dm *dm, const scxml_expr *e,
			       GError **err)
{
	duk_context *ctx = dm->eng->ctx;

	if (scxml_ecma_push_fn(dm, e, ECMA_FN_VALUE, NULL, err))
		return -1;
	duk_push_heapptr(ctx, dm->scope);
	duk_call(ctx, 1);
	return 0;
}

/* S[name] = value on the stack top (popped). A property of S may have been
 * made read-only by a script, so the write is protected. */
typedef struct scope_key {
	const char *name;
	gsize len;
} scope_key;

static duk_ret_t put_in_scope(duk_context *ctx, void *ud)
{
	scope_key *k = ud;

	/* [S value] */
	duk_put_prop_lstring(ctx, -2, k->name, k->len);
	return 0;
}

static int scope_put_len(scxml_dm *dm, const char *name, gsize len,
			 GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	scope_key k = {name, len};

	duk_push_heapptr(ctx, dm->scope);
	duk_swap_top(ctx, -2);
	/* A setter a script put on S runs under the deadline too. */
	if (scxml_ecma_safe_call(dm, put_in_scope, &k, 2, 1)) {
		char *why = scxml_ecma_pop_error_text(dm);

		g_set_error(err, SCXML_DM_ERROR, 1, "cannot set %.*s: %s",
			    (int)len, name, why);
		g_free(why);
		return -1;
	}
	duk_pop(ctx);
	return 0;
}

static int scope_put(scxml_dm *dm, const char *name, GError **err)
{
	return scope_put_len(dm, name, strlen(name), err);
}

static int declare(scxml_dm *dm, const char *id, const scxml_expr *expr,
		   const char *text, GError **err)
{
	duk_context *ctx = dm->eng->ctx;

	if (scxml_ecma_is_system_name(id, strlen(id))) {
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "%s is a read-only system variable", id);
		return -1;
	}
	if (expr) {
		/* On error the item still exists, undefined: it may be
		 * assigned later (W3C test 277). */
		if (push_value(dm, expr, err)) {
			duk_push_undefined(ctx);
			scope_put(dm, id, NULL);
			return -1;
		}
	} else if (text) {
		char *refusal;

		scxml_ecma_push_text(ctx, text, &refusal);
		if (refusal) {
			/* Undefined, as after an expression that failed. */
			scope_put(dm, id, NULL);
			g_set_error_literal(err, SCXML_DM_ERROR, 1, refusal);
			g_free(refusal);
			return -1;
		}
	} else {
		duk_push_undefined(ctx);
	}
	return scope_put(dm, id, err);
}

static int set_string(scxml_dm *dm, const char *id, const char *value,
		      GError **err)
{
	if (scxml_ecma_is_system_name(id, strlen(id))) {
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "%s is a read-only system variable", id);
		return -1;
	}
	duk_push_string(dm->eng->ctx, value);
	return scope_put(dm, id, err);
}

static int eval_cond(scxml_dm *dm, const scxml_expr *cond, GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	int truth;

	if (push_value_or_throw(dm, cond, err))
		return -1;
	truth = duk_to_boolean(ctx, -1);
	duk_pop(ctx);
	return truth;
}

static JsonNode *eval_value(scxml_dm *dm, const scxml_expr *expr,
			    GError **err)
{
	JsonNode *node;

	if (push_value_or_throw(dm, expr, err))
		return NULL;
	if (scxml_ecma_pop_json(dm, &node, err)) {
		char *shown = scxml_excerpt(expr->text);

		g_prefix_error(err, "line %d: \"%s\" : ", expr->line, shown);
		g_free(shown);
		return NULL;
	}
	return node;
}

static char *eval_string(scxml_dm *dm, const scxml_expr *expr, GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	char *s;

	if (push_value_or_throw(dm, expr, err))
		return NULL;
	/* toString may be the document's own code: it throws to the
	 * operation's protected call. */
	s = g_strdup(duk_to_string(ctx, -1));
	duk_pop(ctx);
	return s;
}

static int assign(scxml_dm *dm, const scxml_expr *location,
		  const scxml_expr *expr, const char *text, GError **err)
{
	duk_context *ctx = dm->eng->ctx;

	if (expr) {
		if (scxml_ecma_push_fn(dm, location, ECMA_FN_ASSIGN, expr, err))
			return -1;
		duk_push_heapptr(ctx, dm->scope);
		duk_call(ctx, 1);
	} else {
		if (scxml_ecma_push_fn(dm, location, ECMA_FN_STORE, NULL, err))
			return -1;
		duk_push_heapptr(ctx, dm->scope);
		if (text) {
			char *refusal;

			scxml_ecma_push_text(ctx, text, &refusal);
			if (refusal) {
				duk_pop_3(ctx); /* [fn S undefined] */
				g_set_error_literal(err, SCXML_DM_ERROR, 1,
						    refusal);
				g_free(refusal);
				return -1;
			}
		} else {
			duk_push_undefined(ctx);
		}
		duk_call(ctx, 2);
	}
	duk_pop(ctx);
	return 0;
}

/* [value] -> [] : (location) = value. */
static int store_top(scxml_dm *dm, const scxml_expr *location, GError **err)
{
	duk_context *ctx = dm->eng->ctx;

	if (scxml_ecma_push_fn(dm, location, ECMA_FN_STORE, NULL, err)) {
		duk_pop(ctx);
		return -1;
	}
	/* [value fn] -> [fn S value] */
	duk_swap_top(ctx, -2);
	duk_push_heapptr(ctx, dm->scope);
	duk_swap_top(ctx, -2);
	if (scxml_ecma_pcall(dm, 2)) {
		scxml_ecma_error(dm, location, err);
		return -1;
	}
	duk_pop(ctx);
	return 0;
}

static int assign_value(scxml_dm *dm, const scxml_expr *location,
			JsonNode *value, GError **err)
{
	/* The caller keeps value: a push that throws must not leak it. */
	scxml_ecma_push_json(dm->eng->ctx, value);
	return store_top(dm, location, err);
}

/* declare_new: declare a new bare identifier (foreach item/index) instead
 * of refusing it. */
static int location_ok(scxml_dm *dm, const scxml_expr *location,
		       gboolean declare_new, GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	const char *name;
	char *ident, *shown;
	gsize n;
	int rc;

	if (!location || !location->text) {
		g_set_error(err, SCXML_DM_ERROR, 1, "no location");
		return -1;
	}
	n = scxml_ecma_bare_ident(location->text, &name);
	if (n && scxml_ecma_is_system_name(name, n)) {
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "line %d: \"%.*s\" : %.*s is a read-only system "
			    "variable",
			    location->line, (int)n, name, (int)n, name);
		return -1;
	}
	/* Compiling the store checks that it is a location at all. */
	if (scxml_ecma_push_fn(dm, location, ECMA_FN_STORE, NULL, err))
		return -1;
	duk_pop(ctx);
	if (!n)
		return 0;
	duk_push_heapptr(ctx, dm->scope);
	rc = duk_has_prop_lstring(ctx, -1, name, n);
	duk_pop(ctx);
	if (rc)
		return 0;
	if (declare_new) {
		duk_push_undefined(ctx);
		return scope_put_len(dm, name, n, err);
	}
	/* The location is the name: a document may write one of megabytes. */
	ident = g_strndup(name, n);
	shown = scxml_excerpt(ident);
	g_set_error(err, SCXML_DM_ERROR, 1,
		    "line %d: \"%s\" : %s is not declared", location->line,
		    shown, shown);
	g_free(shown);
	g_free(ident);
	return -1;
}

/* [array] -> [shallow copy], in protected mode (elements may be getters). */
static duk_ret_t copy_array(duk_context *ctx, void *ud)
{
	duk_uarridx_t n = duk_get_length(ctx, -1);

	duk_push_array(ctx);
	for (duk_uarridx_t i = 0; i < n; i++) {
		duk_get_prop_index(ctx, -2, i);
		duk_put_prop_index(ctx, -2, i);
	}
	return 1;
}

static int foreach(scxml_dm *dm, const scxml_expr *array,
		   const scxml_expr *item, const scxml_expr *index,
		   scxml_dm_foreach_fn body, void *ud, GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	duk_idx_t base = duk_get_top(ctx);
	duk_idx_t copy;
	duk_size_t n;
	int rc = -1;

	/* Nested loops each keep their copy on the stack. */
	if (!duk_check_stack(ctx, 8)) {
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "line %d: foreach nested too deeply", array->line);
		return -1;
	}
	if (push_value(dm, array, err))
		return -1;
	if (!duk_is_array(ctx, -1)) {
		char *shown = scxml_excerpt(array->text);

		g_set_error(err, SCXML_DM_ERROR, 1,
			    "line %d: \"%s\" : not an array", array->line,
			    shown);
		g_free(shown);
		goto out;
	}
	if (scxml_ecma_safe_call(dm, copy_array, NULL, 1, 1)) {
		scxml_ecma_error(dm, array, err);
		return -1;
	}
	copy = duk_get_top_index(ctx);
	if (location_ok(dm, item, TRUE, err))
		goto out;
	if (index && location_ok(dm, index, TRUE, err))
		goto out;
	/* The copy stays on the stack, below whatever the body does. */
	n = duk_get_length(ctx, copy);
	for (duk_uarridx_t i = 0; i < n; i++) {
		duk_get_prop_index(ctx, copy, i);
		if (store_top(dm, item, err))
			goto out;
		if (index) {
			duk_push_uint(ctx, i);
			if (store_top(dm, index, err))
				goto out;
		}
		rc = body(ud);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	duk_set_top(ctx, base);
	return rc;
}

/* ---- the class operations: each body above runs protected ---- */

/* The arguments of one operation, and its result. */
typedef struct op_args {
	const char *id, *text;
	const scxml_expr *e, *e2, *e3;
	JsonNode *node;
	char *str;
	scxml_dm_foreach_fn body;
	void *ud;
} op_args;

static int declare_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return declare(dm, a->id, a->e, a->text, err);
}

int scxml_ecma_declare(scxml_dm *dm, const char *id, const scxml_expr *expr,
		       const char *text, GError **err)
{
	op_args a = {.id = id, .e = expr, .text = text};
	int rc = scxml_ecma_protect(dm, expr, declare_body, &a, err);

	if (rc < 0 && !expr)
		g_prefix_error(err, "data %s: ", id);
	return rc;
}

static int set_string_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return set_string(dm, a->id, a->text, err);
}

int scxml_ecma_set_string(scxml_dm *dm, const char *id, const char *value,
			  GError **err)
{
	op_args a = {.id = id, .text = value};
	int rc = scxml_ecma_protect(dm, NULL, set_string_body, &a, err);

	if (rc < 0)
		g_prefix_error(err, "data %s: ", id);
	return rc;
}

static int eval_cond_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return eval_cond(dm, a->e, err);
}

int scxml_ecma_eval_cond(scxml_dm *dm, const scxml_expr *cond, GError **err)
{
	op_args a = {.e = cond};

	return scxml_ecma_protect(dm, cond, eval_cond_body, &a, err);
}

static int eval_value_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	a->node = eval_value(dm, a->e, err);
	return err && *err ? -1 : 0;
}

JsonNode *scxml_ecma_eval_value(scxml_dm *dm, const scxml_expr *expr,
				GError **err)
{
	op_args a = {.e = expr};
	GError *local = NULL;

	/* eval_value's NULL is undefined unless an error is set: the body
	 * needs an error location of its own to tell. */
	if (scxml_ecma_protect(dm, expr, eval_value_body, &a, &local) < 0) {
		g_propagate_error(err, local);
		return NULL;
	}
	return a.node;
}

JsonNode *scxml_ecma_get_location(scxml_dm *dm, const scxml_expr *location,
				  GError **err)
{
	return scxml_ecma_eval_value(dm, location, err);
}

static int eval_string_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	a->str = eval_string(dm, a->e, err);
	return a->str ? 0 : -1;
}

char *scxml_ecma_eval_string(scxml_dm *dm, const scxml_expr *expr, GError **err)
{
	op_args a = {.e = expr};

	if (scxml_ecma_protect(dm, expr, eval_string_body, &a, err) < 0) {
		g_free(a.str);
		return NULL;
	}
	return a.str;
}

static int assign_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return assign(dm, a->e, a->e2, a->text, err);
}

int scxml_ecma_assign(scxml_dm *dm, const scxml_expr *location,
		      const scxml_expr *expr, const char *text, GError **err)
{
	op_args a = {.e = location, .e2 = expr, .text = text};

	return scxml_ecma_protect(dm, location, assign_body, &a, err);
}

static int assign_value_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return assign_value(dm, a->e, a->node, err);
}

int scxml_ecma_assign_value(scxml_dm *dm, const scxml_expr *location,
			    JsonNode *value, GError **err)
{
	op_args a = {.e = location, .node = value};
	int rc = scxml_ecma_protect(dm, location, assign_value_body, &a, err);

	if (value)
		json_node_unref(value);
	return rc;
}

static int check_location_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return location_ok(dm, a->e, FALSE, err);
}

int scxml_ecma_check_location(scxml_dm *dm, const scxml_expr *location,
			      GError **err)
{
	op_args a = {.e = location};

	return scxml_ecma_protect(dm, location, check_location_body, &a, err);
}

static int foreach_body(scxml_dm *dm, void *ud, GError **err)
{
	op_args *a = ud;

	return foreach(dm, a->e, a->e2, a->e3, a->body, a->ud, err);
}

/* The loop body is the interpreter's: it runs inside the protected call
 * (its own evaluations are protected calls nested in this one, and it
 * throws nothing itself). Unarmed: each evaluation of the loop has a
 * deadline of its own, as outside a loop. */
int scxml_ecma_foreach(scxml_dm *dm, const scxml_expr *array,
		       const scxml_expr *item, const scxml_expr *index,
		       scxml_dm_foreach_fn body, void *ud, GError **err)
{
	op_args a = {.e = array, .e2 = item, .e3 = index, .body = body,
		     .ud = ud};

	return scxml_ecma_protect_unarmed(dm, array, foreach_body, &a, err);
}
