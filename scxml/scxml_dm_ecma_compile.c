/*
 * The compile cache: each expression of a document is compiled once, on
 * first use, into a function that evaluates it with a session's scope object
 * in scope. The functions are shared by every session of the document;
 * a call passes the session's scope object S:
 *
 *   value:  function(S)    { with (S) { return (EXPR); } }
 *   store:  function(S, v) { with (S) { (LOC) = v; } }
 *   assign: function(S)    { with (S) { (LOC) = (EXPR); } }
 *
 * A location that is a bare identifier must already be declared in S (the
 * function checks, so that an assignment never creates a global), and a
 * location rooted at a system variable compiles to a function that throws.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

static const char *const system_names[] = {
	"_event",
	"_sessionid",
	"_name",
	"_ioprocessors",
};

gboolean scxml_ecma_is_system_name(const char *name, gsize len)
{
	for (gsize i = 0; i < G_N_ELEMENTS(system_names); i++)
		if (strlen(system_names[i]) == len &&
		    !strncmp(system_names[i], name, len))
			return TRUE;
	return FALSE;
}

static gboolean ident_char(char c, gboolean first)
{
	/* Bytes >= 0x80 are parts of non-ASCII identifier characters. */
	return g_ascii_isalpha(c) || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80 || (!first && g_ascii_isdigit(c));
}

/* The leading identifier of loc: its length, start in *start, and in *bare
 * whether nothing but white space follows it. */
static gsize root_ident(const char *loc, const char **start, gboolean *bare)
{
	const char *p = loc, *q;

	while (g_ascii_isspace(*p))
		p++;
	q = p;
	while (*q && ident_char(*q, q == p))
		q++;
	*start = p;
	if (bare) {
		const char *r = q;

		while (g_ascii_isspace(*r))
			r++;
		*bare = q > p && *r == '\0';
	}
	return q - p;
}

gsize scxml_ecma_bare_ident(const char *loc, const char **start)
{
	gboolean bare;
	gsize n = root_ident(loc, start, &bare);

	return bare ? n : 0;
}

/* The statement that refuses an undeclared bare identifier, or "". */
static void append_declared_check(GString *src, const char *loc)
{
	const char *name;
	gsize n = scxml_ecma_bare_ident(loc, &name);

	if (!n)
		return;
	g_string_append(src, "if(!(\"");
	g_string_append_len(src, name, n);
	g_string_append(src, "\" in __scxml_s))throw new ReferenceError(\"");
	g_string_append_len(src, name, n);
	g_string_append(src, " is not declared\");");
}

/* An expression as written may end with a semicolon ("new f();"), which
 * cannot stand inside parentheses: drop trailing ones. */
static void append_expr(GString *src, const char *text)
{
	gsize n = strlen(text);

	while (n > 0 && (g_ascii_isspace(text[n - 1]) || text[n - 1] == ';'))
		n--;
	g_string_append_len(src, text, n);
}

static char *build_source(const scxml_expr *e, scxml_ecma_fn_kind kind,
			  const scxml_expr *value)
{
	GString *src = g_string_new(NULL);
	const char *root;
	gsize n;

	if (kind != ECMA_FN_VALUE) {
		n = root_ident(e->text, &root, NULL);
		if (n && scxml_ecma_is_system_name(root, n)) {
			g_string_printf(src,
					"function(){throw new TypeError("
					"\"%.*s is read-only\");}",
					(int)n, root);
			return g_string_free(src, FALSE);
		}
	}
	switch (kind) {
	case ECMA_FN_VALUE:
		/* The newline ends a trailing // comment. */
		g_string_append(src, "function(__scxml_s){with(__scxml_s){"
				     "return(");
		append_expr(src, e->text);
		g_string_append(src, "\n);}}");
		break;
	case ECMA_FN_STORE:
		g_string_append(src, "function(__scxml_s,__scxml_v){"
				     "with(__scxml_s){");
		append_declared_check(src, e->text);
		g_string_append(src, "(");
		append_expr(src, e->text);
		g_string_append(src, "\n)=__scxml_v;}}");
		break;
	case ECMA_FN_ASSIGN:
	case ECMA_FN_KINDS:
		g_string_append(src, "function(__scxml_s){with(__scxml_s){");
		append_declared_check(src, e->text);
		g_string_append(src, "(");
		append_expr(src, e->text);
		g_string_append(src, "\n)=(");
		append_expr(src, value->text);
		g_string_append(src, "\n);}}");
		break;
	}
	return g_string_free(src, FALSE);
}

/* Duktape ends a compile error with " (line N)": where " (line " starts,
 * or NULL when the message has no such end. */
static const char *line_suffix(const char *msg)
{
	const char *cut = g_strrstr(msg, " (line ");

	return cut && g_str_has_suffix(msg, ")") && !strchr(cut + 1, '\n')
		       ? cut
		       : NULL;
}

/* The error of a failed compile is on the stack top: pop it into *err.
 * Its "(line N)" counts lines of our wrapper, not of the document, so it
 * goes. For a location/value pair, name the half that does not compile. */
static int compile_error(scxml_dm *dm, const scxml_expr *e,
			 scxml_ecma_fn_kind kind, const scxml_expr *value,
			 GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	char *loc_shown, *value_shown;
	const char *msg;
	const char *cut;

	if (kind == ECMA_FN_ASSIGN) {
		duk_pop(ctx);
		if (scxml_ecma_push_fn(dm, e, ECMA_FN_STORE, NULL, err))
			return -1;
		duk_pop(ctx);
		if (scxml_ecma_push_fn(dm, value, ECMA_FN_VALUE, NULL, err))
			return -1;
		/* Each half compiles alone: the pair is at fault. */
		duk_pop(ctx);
		loc_shown = scxml_excerpt(e->text);
		value_shown = scxml_excerpt(value->text);
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "line %d: \"%s\" = \"%s\" : cannot compile",
			    e->line, loc_shown, value_shown);
		g_free(loc_shown);
		g_free(value_shown);
		return -1;
	}
	msg = duk_safe_to_string(ctx, -1);
	cut = line_suffix(msg);
	if (cut) {
		duk_push_lstring(ctx, msg, cut - msg);
		duk_remove(ctx, -2);
	}
	scxml_ecma_error(dm, e, err);
	return -1;
}

int scxml_ecma_push_fn(scxml_dm *dm, const scxml_expr *e,
		       scxml_ecma_fn_kind kind, const scxml_expr *value,
		       GError **err)
{
	scxml_ecma_engine *eng = dm->eng;
	duk_context *ctx = eng->ctx;
	scxml_ecma_doc *d = dm->doc;
	gboolean cacheable = d && e->id < d->n_exprs;
	guint32 owner;
	guint slot = cacheable ? e->id * ECMA_FN_KINDS + kind : 0;
	char *src;
	duk_int_t rc;

	if (cacheable && d->fns[slot] &&
	    (kind != ECMA_FN_ASSIGN || d->assign_expr[e->id] == value->id)) {
		duk_push_heapptr(ctx, d->fns[slot]);
		return 0;
	}
	if (!e->text || (kind == ECMA_FN_ASSIGN && !value->text)) {
		g_set_error(err, SCXML_DM_ERROR, 1, "line %d: empty expression",
			    e->line);
		return -1;
	}
	src = build_source(e, kind, value);
	/* The function is the document's, shared by its sessions: the
	 * engine's account holds it, not the session that compiled it
	 * first. */
	owner = eng->owner;
	if (cacheable)
		eng->owner = 0;
	rc = duk_pcompile_string(ctx, DUK_COMPILE_FUNCTION, src);
	g_free(src);
	if (rc != 0) {
		eng->owner = owner;
		return compile_error(dm, e, kind, value, err);
	}
	if (cacheable) {
		scxml_ecma_freeze_shared(ctx, -1);
		/* The stash array keeps the function alive. */
		duk_push_heap_stash(ctx);
		duk_get_prop_string(ctx, -1, d->key);
		duk_dup(ctx, -3);
		duk_put_prop_index(ctx, -2, slot);
		duk_pop_2(ctx);
		d->fns[slot] = duk_get_heapptr(ctx, -1);
		if (kind == ECMA_FN_ASSIGN)
			d->assign_expr[e->id] = value->id;
		eng->owner = owner;
	}
	return 0;
}

/* Compile src (popping what it leaves); on error *err gets Duktape's
 * message, whose "(line N)" counts lines of our wrapper for an expression
 * (dropped) and of the script itself for a script (kept, in words). */
static int compile_only(duk_context *ctx, duk_uint_t flags, const char *src,
			const scxml_expr *e, GError **err)
{
	const char *msg, *cut;
	int len;

	if (duk_pcompile_string(ctx, flags, src) == 0) {
		duk_pop(ctx);
		return 0;
	}
	msg = duk_safe_to_string(ctx, -1);
	cut = line_suffix(msg);
	len = cut ? (int)(cut - msg) : (int)strlen(msg);
	if (e->kind == SCXML_EXPR_SCRIPT && cut)
		g_set_error(err, SCXML_DM_ERROR, 1,
			    "%.*s (line %d of the script)", len, msg,
			    atoi(cut + 7));
	else
		g_set_error(err, SCXML_DM_ERROR, 1, "%.*s", len, msg);
	duk_pop(ctx);
	return -1;
}

typedef struct syntax_check {
	const scxml_expr *e;
	GError **err;
	int rc;
} syntax_check;

static duk_ret_t check_syntax(duk_context *ctx, void *ud)
{
	syntax_check *c = ud;
	const scxml_expr *e = c->e;
	char *src;

	if (e->kind == SCXML_EXPR_SCRIPT) {
		/* <script> runs as eval code in the global scope. */
		c->rc = compile_only(ctx, DUK_COMPILE_EVAL, e->text, e, c->err);
		return 0;
	}
	if (e->kind == SCXML_EXPR_LOCATION) {
		const char *p = e->text;

		while (g_ascii_isspace(*p))
			p++;
		if (!*p) {
			g_set_error(c->err, SCXML_DM_ERROR, 1,
				    "empty location");
			c->rc = -1;
			return 0;
		}
	}
	src = build_source(e,
			   e->kind == SCXML_EXPR_LOCATION ? ECMA_FN_STORE
							  : ECMA_FN_VALUE,
			   NULL);
	c->rc = compile_only(ctx, DUK_COMPILE_FUNCTION, src, e, c->err);
	g_free(src);
	return 0;
}

int scxml_ecma_check_syntax(void *engine_state, const scxml_expr *e,
			    GError **err)
{
	scxml_ecma_engine *eng = engine_state;
	syntax_check c = {e, err, -1};

	if (!eng || !e || !e->text)
		return 0;
	/* Compiling allocates: protected, like every use of the heap. */
	if (!scxml_ecma_protect_engine(eng, check_syntax, &c,
				       "a syntax check")) {
		if (err && !*err)
			g_set_error(err, SCXML_DM_ERROR, 1,
				    "cannot compile (out of memory)");
		return -1;
	}
	return c.rc;
}
