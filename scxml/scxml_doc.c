/*
 * Documents: load (parse, validate, bind the data model), share, free.
 * A loaded document is immutable and shared by every session started from
 * it; the last reference frees the data model's per-document state, then
 * the model.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_engine_priv.h"

gboolean scxml_doc_prepare(scxml_doc *doc, GPtrArray *problems)
{
	const scxml_datamodel_class *cls =
		scxml_engine_dm_class(doc->engine, doc->datamodel);

	if (!cls) {
		scxml_problem *pr = g_new0(scxml_problem, 1);
		char *name = scxml_excerpt(doc->datamodel);

		pr->file = g_strdup(doc->file);
		pr->line = doc->root ? doc->root->line : 0;
		pr->reason = g_strdup_printf(
			"unsupported datamodel '%s' (ecmascript or null)",
			name);
		g_free(name);
		g_ptr_array_add(problems, pr);
		return FALSE;
	}
	doc->dm_class = cls;
	doc->dm_doc = cls->doc_init
			      ? cls->doc_init(
					scxml_engine_dm_state(doc->engine, cls),
					doc)
			      : NULL;
	return TRUE;
}

static scxml_doc *finish_load(scxml_doc *doc, GPtrArray *problems,
			      GPtrArray **out)
{
	if (doc && !scxml_doc_prepare(doc, problems)) {
		scxml_doc_free_model(doc);
		doc = NULL;
	}
	if (out && problems->len)
		*out = problems;
	else
		g_ptr_array_unref(problems);
	return doc;
}

scxml_doc *scxml_doc_load_file(scxml_engine *engine, const char *path,
			       GPtrArray **problems)
{
	GPtrArray *pr = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scxml_problem_free);

	if (problems)
		*problems = NULL;
	return finish_load(scxml_parse_file(engine, path, pr), pr, problems);
}

scxml_doc *scxml_doc_load_memory(scxml_engine *engine, const char *buf,
				 gsize len, const char *name,
				 GPtrArray **problems)
{
	GPtrArray *pr = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scxml_problem_free);

	if (problems)
		*problems = NULL;
	return finish_load(scxml_parse_memory(engine, buf, len, name, pr), pr,
			   problems);
}

static const char *expr_kind_name(scxml_expr_kind kind)
{
	switch (kind) {
	case SCXML_EXPR_LOCATION:
		return "location";
	case SCXML_EXPR_SCRIPT:
		return "script";
	case SCXML_EXPR_VALUE:
		break;
	}
	return "expression";
}

static void check_doc_expressions(const scxml_doc *doc, GPtrArray *out)
{
	const scxml_datamodel_class *cls = doc->dm_class;
	void *eng;

	if (!cls || !cls->check_syntax)
		return;
	eng = scxml_engine_dm_state(doc->engine, cls);
	for (guint i = 0; i < doc->n_exprs; i++) {
		const scxml_expr *e = doc->exprs[i];
		GError *err = NULL;
		scxml_problem *pr;

		if (cls->check_syntax(eng, e, &err) == 0)
			continue;
		pr = g_new0(scxml_problem, 1);
		pr->file = g_strdup(doc->file);
		pr->line = e->line;
		if (e->kind == SCXML_EXPR_SCRIPT)
			pr->reason = g_strdup_printf("<script> does not "
						     "compile: %s",
						     err->message);
		else {
			char *text = scxml_excerpt(e->text);

			pr->reason = g_strdup_printf(
				"%s '%s' does not compile: %s",
				expr_kind_name(e->kind), text, err->message);
			g_free(text);
		}
		g_ptr_array_add(out, pr);
		g_error_free(err);
	}
	for (guint i = 0; doc->nested && i < doc->nested->len; i++)
		check_doc_expressions(g_ptr_array_index(doc->nested, i), out);
}

GPtrArray *scxml_doc_check_expressions(const scxml_doc *doc)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scxml_problem_free);

	if (doc)
		check_doc_expressions(doc, out);
	return out;
}

scxml_doc *scxml_doc_ref(scxml_doc *doc)
{
	g_atomic_int_inc(&doc->refcount);
	return doc;
}

void scxml_doc_unref(scxml_doc *doc)
{
	if (!doc || !g_atomic_int_dec_and_test(&doc->refcount))
		return;
	scxml_doc_free_model(doc);
}

void scxml_doc_free_model(scxml_doc *doc)
{
	if (!doc)
		return;
	if (doc->dm_class && doc->dm_class->doc_free)
		doc->dm_class->doc_free(
			scxml_engine_dm_state(doc->engine, doc->dm_class),
			doc->dm_doc);
	/* Nested documents are owned by their parent alone. */
	for (guint i = 0; doc->nested && i < doc->nested->len; i++)
		scxml_doc_unref(doc->nested->pdata[i]);
	if (doc->nested)
		g_ptr_array_free(doc->nested, TRUE);
	g_hash_table_destroy(doc->by_id);
	g_hash_table_destroy(doc->strings);
	g_free(doc->file);
	g_free(doc->base_dir);
	g_free(doc);
}

const char *scxml_doc_name(const scxml_doc *doc)
{
	return doc->name;
}

gboolean scxml_doc_uses_namespace(const scxml_doc *doc, const char *ns)
{
	if (!doc->namespaces || !ns)
		return FALSE;
	for (char **n = doc->namespaces; *n; n++)
		if (!strcmp(*n, ns))
			return TRUE;
	/* Nested documents run in the same program. */
	for (guint i = 0; doc->nested && i < doc->nested->len; i++)
		if (scxml_doc_uses_namespace(doc->nested->pdata[i], ns))
			return TRUE;
	return FALSE;
}

scxml_state *scxml_doc_state(const scxml_doc *doc, const char *id)
{
	return g_hash_table_lookup(doc->by_id, id);
}
