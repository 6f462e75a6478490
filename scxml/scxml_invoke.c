/*
 * <invoke> of SCXML sessions: start a child when its state was entered at
 * the end of a macrostep, pass it namelist/params as initial values of its
 * top-level data, route <finalize> and autoforward for the events it sends
 * back, cancel it when its state is exited, and turn its end into
 * done.invoke.<id> (a final state reached) or error.communication (stopped
 * by the engine or from outside). A child is owned by its parent's table;
 * it reaches the parent only through the parent's external queue.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_session_priv.h"

#define SCXML_MAX_INVOKE_DEPTH 32

void scxml_child_free(gpointer p)
{
	scxml_child *c = p;

	if (c->session) {
		/* Cancelled by its parent, which need not be told (and may
		 * be going away). */
		c->session->parent = NULL;
		scxml_session_free(c->session);
	}
	g_free(c->id);
	g_free(c);
}

scxml_child *scxml_invoke_child(scxml_session *s, const char *invokeid)
{
	return s->children ? g_hash_table_lookup(s->children, invokeid) : NULL;
}

static gboolean is_scxml_invoke_type(const char *type)
{
	return !type || !strcmp(type, "scxml") ||
	       !strcmp(type, "http://www.w3.org/TR/scxml") ||
	       !strcmp(type, "http://www.w3.org/TR/scxml/") ||
	       !strcmp(type, SCXML_PROCESSOR_URI);
}

static scxml_doc *load_src(scxml_session *s, const char *src, char **why)
{
	GError *err = NULL;
	char *path = scxml_src_path(s->engine, s->doc->base_dir, src, &err);
	scxml_doc *doc;
	GPtrArray *problems = NULL;

	/* The same rules as <data src> and <script src> (scxml_src.c). */
	if (!path) {
		*why = g_strdup(err->message);
		g_error_free(err);
		return NULL;
	}
	doc = scxml_doc_load_file(s->engine, path, &problems);
	if (!doc)
		*why = problems && problems->len
			       ? g_strdup(((scxml_problem *)problems->pdata[0])
						  ->reason)
			       : g_strdup("cannot load");
	if (problems)
		g_ptr_array_unref(problems);
	g_free(path);
	return doc;
}

/* The document to run, or NULL after raising error.execution. */
static scxml_doc *invoke_doc(scxml_session *s, const scxml_invoke *inv)
{
	GError *err = NULL;
	char *why = NULL, *text = NULL;
	scxml_doc *doc = NULL;

	if (inv->content && inv->content->doc)
		return scxml_doc_ref(inv->content->doc);
	if (inv->content && inv->content->expr) {
		text = s->dmc->eval_string(s->dm, inv->content->expr, &err);
	} else if (inv->content) {
		text = g_strdup(inv->content->text);
	} else if (inv->src) {
		doc = load_src(s, inv->src, &why);
	} else if (inv->srcexpr) {
		char *src = s->dmc->eval_string(s->dm, inv->srcexpr, &err);

		if (!err)
			doc = load_src(s, src, &why);
		g_free(src);
	} else {
		why = g_strdup("nothing to invoke (no src or content)");
	}
	if (text && !err) {
		GPtrArray *problems = NULL;

		doc = scxml_doc_load_memory(s->engine, text, strlen(text),
					    s->doc->file, &problems);
		if (!doc)
			why = g_strdup(problems && problems->len
					       ? ((scxml_problem *)
							  problems->pdata[0])
							 ->reason
					       : "cannot load the content");
		if (problems)
			g_ptr_array_unref(problems);
	}
	g_free(text);
	if (!doc)
		scxml_session_error_at(s, "error.execution", NULL, "invoke",
				       inv->line, "%s",
				       err   ? err->message
				       : why ? why
					     : "cannot load");
	g_clear_error(&err);
	g_free(why);
	return doc;
}

static void invoke_one(scxml_session *s, const scxml_state *st,
		       const scxml_invoke *inv)
{
	char *id = NULL, *type = NULL;
	GError *err = NULL;
	JsonNode *params = NULL;
	scxml_doc *doc = NULL;
	scxml_session *child;
	scxml_child *rec;

	if (inv->typeexpr) {
		type = s->dmc->eval_string(s->dm, inv->typeexpr, &err);
		if (err)
			goto failed;
	} else {
		type = g_strdup(inv->type);
	}
	if (inv->id) {
		id = g_strdup(inv->id);
	} else {
		id = g_strdup_printf("%s.%s.%u", st->id, s->id,
				     ++s->invoke_seq);
		if (inv->idlocation) {
			JsonNode *v = json_node_new(JSON_NODE_VALUE);

			json_node_set_string(v, id);
			if (s->dmc->assign_value(s->dm, inv->idlocation, v,
						 &err) < 0)
				goto failed;
		}
	}
	/* A document that invokes itself would nest sessions until the
	 * stack runs out: past a sane depth the invoke fails instead. */
	if (s->generation >= SCXML_MAX_INVOKE_DEPTH) {
		scxml_session_error_at(s, "error.execution", NULL, "invoke",
				       inv->line, "sessions nested %d deep",
				       SCXML_MAX_INVOKE_DEPTH);
		goto out;
	}
	if (!is_scxml_invoke_type(type)) {
		scxml_session_error_at(s, "error.execution", NULL, "invoke",
				       inv->line, "unsupported type '%s'",
				       type);
		goto out;
	}
	if (scxml_exec_params(s, "invoke", inv->namelist, inv->n_namelist,
			      inv->params, inv->n_params, &params) < 0)
		goto out;
	doc = invoke_doc(s, inv);
	if (!doc)
		goto out;
	{
		/* The child's events and <log> reach the owner's observers
		 * (the event log names the child's session); its stable
		 * points and its end are the parent's business. */
		scxml_session_hooks h = {0};

		h.on_event = s->hooks.on_event;
		h.on_log = s->hooks.on_log;
		child = scxml_session_new(s->engine, doc, &h, s->ud);
	}
	if (!child) {
		scxml_session_error_at(s, "error.execution", NULL, "invoke",
				       inv->line, "cannot create a session");
		goto out;
	}
	child->parent = s;
	child->generation = s->generation + 1;
	child->invokeid = g_strdup(id);
	if (params) {
		/* Values for the child's top-level data of the same names;
		 * other names are ignored (W3C 6.4.4). */
		JsonObjectIter it;
		const char *name;
		JsonNode *v;

		json_object_iter_init(&it, json_node_get_object(params));
		while (json_object_iter_next(&it, &name, &v))
			scxml_session_define_value(child, name,
						   json_node_copy(v));
	}
	rec = g_new0(scxml_child, 1);
	rec->id = g_strdup(id);
	rec->inv = inv;
	rec->state = st;
	rec->session = child;
	if (!s->children)
		s->children = g_hash_table_new_full(g_str_hash, g_str_equal,
						    NULL, scxml_child_free);
	/* The key is the record's own copy. */
	g_hash_table_replace(s->children, rec->id, rec);
	/* What the child sends while it starts follows from the event the
	 * parent is processing: a parent that invokes again on each
	 * done.invoke of a child that ends at once is a chain. */
	child->chain = s->chain;
	scxml_session_start(child);
	goto out;
failed:
	scxml_session_error_at(s, "error.execution", NULL, "invoke", inv->line,
			       "%s", err ? err->message : "failed");
	g_clear_error(&err);
out:
	if (params)
		json_node_unref(params);
	if (doc)
		scxml_doc_unref(doc);
	g_free(id);
	g_free(type);
}

void scxml_invoke_start(scxml_session *s, const scxml_state *st)
{
	for (guint i = 0; i < st->n_invokes && scxml_session_running(s); i++)
		invoke_one(s, st, st->invokes[i]);
}

gboolean scxml_invoke_cancelled(scxml_session *s, const char *invokeid)
{
	return invokeid && s->dropped &&
	       g_hash_table_contains(s->dropped, invokeid);
}

void scxml_invoke_cancel_state(scxml_session *s, const scxml_state *st)
{
	GHashTableIter it;
	gpointer v;

	if (!s->children)
		return;
	g_hash_table_iter_init(&it, s->children);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		scxml_child *c = v;

		if (c->state != st)
			continue;
		/* What a finished child sent before is still delivered;
		 * nothing more comes from one cancelled mid-run. */
		if (!c->done) {
			if (!s->dropped)
				s->dropped = g_hash_table_new_full(
					g_str_hash, g_str_equal, g_free, NULL);
			g_hash_table_add(s->dropped, g_strdup(c->id));
		}
		g_hash_table_iter_remove(&it);
	}
}

void scxml_invoke_cancel_all(scxml_session *s)
{
	if (s->children)
		g_hash_table_remove_all(s->children);
}

void scxml_invoke_external(scxml_session *s, const scxml_event *ev)
{
	GHashTableIter it;
	gpointer v;

	if (!s->children)
		return;
	/* Not for the engine's error about a stopped child: the child sent
	 * nothing, and finalize reads what the child sends. */
	if (ev->invokeid && ev->type != SCXML_EVENT_PLATFORM) {
		scxml_child *c = scxml_invoke_child(s, ev->invokeid);

		if (c && c->inv->finalize)
			scxml_exec_block(s, c->inv->finalize);
	}
	g_hash_table_iter_init(&it, s->children);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		scxml_child *c = v;
		scxml_event *copy;

		if (!c->inv->autoforward || !c->session || c->done)
			continue;
		copy = scxml_event_new(ev->name, ev->type,
				       ev->data ? json_node_copy(ev->data)
						: NULL);
		copy->sendid = g_strdup(ev->sendid);
		copy->origin = g_strdup(ev->origin);
		copy->origintype = g_strdup(ev->origintype);
		copy->invokeid = g_strdup(ev->invokeid);
		copy->raw = g_strdup(ev->raw);
		/* One step further down the chain: a child that answers
		 * every forwarded event with one to #_parent loops. */
		scxml_session_enqueue_from(c->session, s, copy, 0);
	}
}

void scxml_invoke_child_done(scxml_session *child)
{
	scxml_session *parent = child->parent;
	scxml_child *c;
	scxml_event *ev;
	char *name;

	if (!parent || !child->invokeid)
		return;
	c = scxml_invoke_child(parent, child->invokeid);
	if (!c || c->session != child)
		return;
	c->done = TRUE;
	name = g_strconcat("done.invoke.", child->invokeid, NULL);
	ev = scxml_event_new(name, SCXML_EVENT_EXTERNAL,
			     child->donedata ? json_node_copy(child->donedata)
					     : NULL);
	ev->invokeid = g_strdup(child->invokeid);
	g_free(name);
	scxml_session_enqueue_from(parent, child, ev, SCXML_Q_FROM_CHILD);
}

void scxml_invoke_child_stopped(scxml_session *child)
{
	scxml_session *parent = child->parent;
	const char *failure = child->failure ? child->failure : "cancelled";
	scxml_child *c;
	scxml_event *ev;
	JsonObject *o;

	if (!parent || !child->invokeid)
		return;
	c = scxml_invoke_child(parent, child->invokeid);
	if (!c || c->session != child || c->done)
		return;
	/* The invocation is over: nothing more comes from it, and the
	 * parent, which may be waiting for done.invoke, hears why. A stop is
	 * no final state, so it is not done.invoke (whose flows take it for
	 * success): the invoked service is lost, as a <send> target that
	 * cannot be reached is (W3C 6.2, 6.4). */
	c->done = TRUE;
	ev = scxml_session_error_new(
		parent, "error.communication", NULL, "invoke", c->inv->line,
		"invoked session '%s' was stopped (%s)%s%s", child->invokeid,
		failure, child->failure_msg ? ": " : "",
		child->failure_msg ? child->failure_msg : "");
	o = json_node_get_object(ev->data);
	json_object_set_string_member(o, "invokeid", child->invokeid);
	json_object_set_string_member(o, "failure", failure);
	ev->invokeid = g_strdup(child->invokeid);
	/* Chain 0: the engine's own doing ends any chain, so a child's loop
	 * does not stop its parent too. */
	scxml_session_enqueue(parent, ev, SCXML_Q_FROM_CHILD);
}
