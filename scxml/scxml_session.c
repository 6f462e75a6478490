/*
 * Sessions: the public session API, the event queues and the run loop.
 *
 * The W3C main event loop blocks on the external queue; here it is turned
 * inside out: session_run() processes what is queued to a stable
 * configuration and returns, and whoever queues an event (a caller of
 * scxml_session_post, a timer, another session) schedules it to run again
 * from the main loop (schedule_run: one source per session, coalesced), so
 * no macrostep ever runs inside the poster's frame. Only
 * scxml_session_start runs one in its caller's.
 *
 * The event chain (how many events led to a queued one with no outside
 * input) is kept with the queues here; the other per-session bounds are
 * in scxml_bounds.c. Past any of them the session is stopped
 * (scxml_session_fail), so one flow cannot hold the process or its memory.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "scxml/scxml_http.h"
#include "scxml/scxml_session_priv.h"

static void session_run(scxml_session *s);
static gboolean session_finish(scxml_session *s, scxml_exit_reason reason);
static void session_really_free(scxml_session *s);

/* ---- data model host ----------------------------------------------------- */

static gboolean host_in_state(void *ud, const char *state_id)
{
	scxml_session *s = ud;
	scxml_state *st = g_hash_table_lookup(s->doc->by_id, state_id);

	return st && scxml_bit_test(s->config, st->index);
}

/* ---- life -------------------------------------------------------------- */

static gboolean move_allowed(scxml_life from, scxml_life to)
{
	switch (from) {
	case SCXML_LIFE_NEW:
		return to == SCXML_LIFE_RUNNING || to == SCXML_LIFE_ENDED;
	case SCXML_LIFE_RUNNING:
	case SCXML_LIFE_STOPPING:
		/* STOPPING again: one more end asked for while it unwinds. */
		return to == SCXML_LIFE_STOPPING || to == SCXML_LIFE_ENDED;
	case SCXML_LIFE_ENDED:
		break;
	}
	return FALSE;
}

void scxml_session_move(scxml_session *s, scxml_life to, scxml_end end)
{
	gboolean ending = to == SCXML_LIFE_STOPPING || to == SCXML_LIFE_ENDED;

	g_return_if_fail(move_allowed(s->life, to));
	g_return_if_fail(ending == (end != SCXML_END_NONE));
	if (ending)
		s->end = MAX(s->end, end);
	s->life = to;
}

static scxml_exit_reason exit_reason(scxml_end end)
{
	switch (end) {
	case SCXML_END_CANCELLED:
		return SCXML_EXIT_CANCEL;
	case SCXML_END_FAILED:
		return SCXML_EXIT_ERROR;
	default:
		return SCXML_EXIT_DONE;
	}
}

static void qevent_free(gpointer p)
{
	scxml_qevent *q = p;

	scxml_event_free(q->ev);
	g_free(q);
}

scxml_session *scxml_session_new(scxml_engine *engine, scxml_doc *doc,
				 const scxml_session_hooks *hooks, void *ud)
{
	scxml_session *s;
	scxml_dm_host host;
	gsize words;

	if (!engine || !doc || !doc->dm_class)
		return NULL;
	s = g_new0(scxml_session, 1);
	s->engine = engine;
	s->doc = scxml_doc_ref(doc);
	s->dmc = doc->dm_class;
	if (hooks)
		s->hooks = *hooks;
	s->ud = ud;
	s->id = scxml_engine_new_session_id(engine);
	words = (doc->n_states + 63) / 64;
	s->words = (guint)words;
	/* config, to_invoke, bound, then the scratch sets: one block. */
	s->config = g_new0(scxml_bits, words * (3 + SCXML_B_COUNT));
	s->to_invoke = s->config + words;
	s->bound = s->config + 2 * words;
	s->scratch = s->config + 3 * words;
	g_queue_init(&s->internal);
	g_queue_init(&s->external);
	host.in_state = host_in_state;
	host.memory_refused = scxml_session_memory_refused;
	host.ud = s;
	s->dm = s->dmc->session_new(scxml_engine_dm_state(engine, s->dmc),
				    doc->dm_doc, &host);
	if (!s->dm) {
		scxml_doc_unref(s->doc);
		g_free(s->config);
		g_free(s->id);
		g_free(s);
		return NULL;
	}
	g_datalist_init(&s->module_data);
	scxml_engine_add_session(engine, s);
	return s;
}

int scxml_session_define(scxml_session *s, const char *name,
			 const char *value)
{
	const scxml_state *root = s->doc->root;
	gboolean found = FALSE;

	for (guint i = 0; i < root->n_data && !found; i++)
		found = !strcmp(root->data[i].id, name);
	if (!found || s->life != SCXML_LIFE_NEW)
		return -1;
	if (!s->defines)
		s->defines = g_hash_table_new_full(
			g_str_hash, g_str_equal, g_free,
			(GDestroyNotify)json_node_unref);
	g_hash_table_replace(s->defines, g_strdup(name),
			     scxml_json_text(value));
	return 0;
}

void scxml_session_define_value(scxml_session *s, const char *name,
				JsonNode *value)
{
	if (!s->defines)
		s->defines = g_hash_table_new_full(
			g_str_hash, g_str_equal, g_free,
			(GDestroyNotify)json_node_unref);
	g_hash_table_replace(s->defines, g_strdup(name),
			     value ? value : json_node_new(JSON_NODE_NULL));
}

static void set_system_variables(scxml_session *s)
{
	JsonBuilder *b = json_builder_new();
	char *location = g_strconcat("#_scxml_", s->id, NULL);
	JsonNode *n;

	n = json_node_new(JSON_NODE_VALUE);
	json_node_set_string(n, s->id);
	s->dmc->set_system(s->dm, "_sessionid", n);
	json_node_unref(n);

	n = json_node_new(s->doc->name ? JSON_NODE_VALUE : JSON_NODE_NULL);
	if (s->doc->name)
		json_node_set_string(n, s->doc->name);
	s->dmc->set_system(s->dm, "_name", n);
	json_node_unref(n);

	/* _ioprocessors: the SCXML processor, under its URI and short
	 * name, each with the location events can be sent to. */
	json_builder_begin_object(b);
	json_builder_set_member_name(b, SCXML_PROCESSOR_URI);
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "location");
	json_builder_add_string_value(b, location);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "scxml");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "location");
	json_builder_add_string_value(b, location);
	json_builder_end_object(b);
	if (s->doc->uses_basichttp) {
		/* Only documents that name it get an HTTP location: the
		 * server opens on first need. */
		char *url = scxml_http_location(scxml_engine_http(s->engine),
						s->id);

		if (url) {
			for (int k = 0; k < 2; k++) {
				json_builder_set_member_name(
					b, k ? "basichttp"
					     : SCXML_HTTP_PROCESSOR_URI);
				json_builder_begin_object(b);
				json_builder_set_member_name(b, "location");
				json_builder_add_string_value(b, url);
				json_builder_end_object(b);
			}
			g_free(url);
		}
	}
	json_builder_end_object(b);
	n = json_builder_get_root(b);
	s->dmc->set_system(s->dm, "_ioprocessors", n);
	json_node_unref(n);
	g_object_unref(b);
	g_free(location);
}

static void declare_one(scxml_session *s, const scxml_data *d,
			gboolean with_value)
{
	GError *err = NULL;
	JsonNode *def = s->defines && s->doc->root->data &&
					d >= s->doc->root->data &&
					d < s->doc->root->data +
						    s->doc->root->n_data
				? g_hash_table_lookup(s->defines, d->id)
				: NULL;

	if (def) {
		/* --define / invoke params replace the document's value. */
		char *text = json_to_string(def, FALSE);
		int rc = s->dmc->declare(s->dm, d->id, NULL, text, &err);

		g_free(text);
		if (rc < 0)
			goto error;
		return;
	}
	if (!with_value) {
		if (s->dmc->declare(s->dm, d->id, NULL, NULL, &err) < 0)
			goto error;
		return;
	}
	if (d->src && !d->text) {
		s->dmc->declare(s->dm, d->id, NULL, NULL, NULL);
		/* The reason (missing, not a regular file, too large,
		 * outside the document root) was found at load. */
		scxml_session_error_at(s, "error.execution", NULL, "data",
				       d->line, "id \"%s\": cannot read src: %s",
				       d->id,
				       d->src_error ? d->src_error : d->src);
		return;
	}
	if (s->dmc->declare(s->dm, d->id, d->expr, d->text, &err) < 0)
		goto error;
	return;
error:
	/* The item exists, undefined, so later assignments still work. */
	s->dmc->declare(s->dm, d->id, NULL, NULL, NULL);
	scxml_session_error_at(s, "error.execution", NULL, "data", d->line,
			       "%s", err ? err->message : "cannot create data");
	g_clear_error(&err);
}

void scxml_session_bind_data(scxml_session *s, const scxml_state *st)
{
	if (scxml_bit_test(s->bound, st->index))
		return;
	scxml_bit_set(s->bound, st->index);
	for (guint i = 0; i < st->n_data; i++)
		declare_one(s, &st->data[i], TRUE);
}

static void init_datamodel(scxml_session *s)
{
	const scxml_doc *doc = s->doc;

	set_system_variables(s);
	if (!doc->late_binding) {
		for (guint i = 0; i < doc->n_states; i++)
			scxml_session_bind_data(s, doc->states[i]);
		return;
	}
	/* Late binding: every item exists from the start (undefined); each
	 * gets its value when its state is first entered. The root's are
	 * bound now. */
	for (guint i = 1; i < doc->n_states; i++)
		for (guint j = 0; j < doc->states[i]->n_data; j++)
			declare_one(s, &doc->states[i]->data[j], FALSE);
	scxml_session_bind_data(s, doc->root);
}

int scxml_session_start(scxml_session *s)
{
	if (s->life != SCXML_LIFE_NEW)
		return -1;
	scxml_session_move(s, SCXML_LIFE_RUNNING, SCXML_END_NONE);
	s->depth++;
	scxml_session_begin_macrostep(s);
	init_datamodel(s);
	if (s->doc->script)
		scxml_exec_block(s, s->doc->script);
	scxml_enter_initial(s);
	scxml_macrostep(s);
	scxml_session_end_macrostep(s);
	s->depth--;
	if (scxml_session_running(s) && s->hooks.on_stable)
		s->hooks.on_stable(s, NULL, s->ud);
	session_run(s);
	return 0;
}

/* ---- queues ------------------------------------------------------------ */

void scxml_session_raise(scxml_session *s, const char *name,
			 scxml_event_type type, JsonNode *data)
{
	g_queue_push_tail(&s->internal, scxml_event_new(name, type, data));
}

/* Data model messages name the expression's line ("line 8: ..."), for
 * callers that know no file; the error's own line already says it. The
 * first such mention, at the start or after ": ", is dropped in place. */
static void drop_line_mention(char *r)
{
	for (char *p = r; p; p = strstr(p + 1, ": line ")) {
		char *from = p == r ? p : p + 2, *q = from;

		if (!g_str_has_prefix(q, "line "))
			continue;
		q += 5;
		if (!g_ascii_isdigit(*q))
			continue;
		while (g_ascii_isdigit(*q))
			q++;
		if (q[0] != ':' || q[1] != ' ')
			continue;
		memmove(from, q + 2, strlen(q + 2) + 1);
		return;
	}
}

static scxml_event *error_new_v(scxml_session *s, const char *name,
				const char *sendid, const char *tagname,
				int line, const char *fmt, va_list ap)
	G_GNUC_PRINTF(6, 0);

static scxml_event *error_new_v(scxml_session *s, const char *name,
				const char *sendid, const char *tagname,
				int line, const char *fmt, va_list ap)
{
	JsonObject *o = json_object_new();
	JsonNode *data = json_node_new(JSON_NODE_OBJECT);
	scxml_event *ev;
	char *reason, *msg;

	reason = g_strdup_vprintf(fmt, ap);
	drop_line_mention(reason);
	if (line > 0)
		msg = g_strdup_printf("%s:%d: <%s>: %s", s->doc->file, line,
				      tagname, reason);
	else
		msg = g_strdup_printf("%s: <%s>: %s", s->doc->file, tagname,
				      reason);
	/* The message for people (the log shows it); the parts for a flow
	 * that reacts to where the error came from. The parser keeps lines,
	 * not columns, so there is no column. */
	json_object_set_string_member(o, "message", msg);
	json_object_set_string_member(o, "tagname", tagname);
	if (line > 0)
		json_object_set_int_member(o, "line", line);
	json_object_set_string_member(o, "reason", reason);
	json_node_take_object(data, o);
	ev = scxml_event_new(name, SCXML_EVENT_PLATFORM, data);
	ev->sendid = g_strdup(sendid);
	g_debug("session %s: %s: %s", s->id, name, msg);
	g_free(msg);
	g_free(reason);
	return ev;
}

scxml_event *scxml_session_error_new(scxml_session *s, const char *name,
				     const char *sendid, const char *tagname,
				     int line, const char *fmt, ...)
{
	scxml_event *ev;
	va_list ap;

	va_start(ap, fmt);
	ev = error_new_v(s, name, sendid, tagname, line, fmt, ap);
	va_end(ap);
	return ev;
}

void scxml_session_error_at(scxml_session *s, const char *name,
			    const char *sendid, const char *tagname, int line,
			    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_queue_push_tail(&s->internal,
			  error_new_v(s, name, sendid, tagname, line, fmt, ap));
	va_end(ap);
}

static void schedule_run(scxml_session *s);

/* ---- stopped by the engine ---------------------------------------------- */

void scxml_session_fail(scxml_session *s, const char *failure, const char *fmt,
			...)
{
	char *msg;
	va_list ap;

	if (s->life == SCXML_LIFE_ENDED || s->failure)
		return;
	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_warning("session %s (%s): %s: the session is stopped (%s)", s->id,
		  s->doc->file, msg, failure);
	/* Kept for the parent of an invoked session, which is told why. */
	s->failure_msg = msg;
	s->failure = failure;
	scxml_session_move(s, SCXML_LIFE_STOPPING, SCXML_END_FAILED);
	if (s->depth == 0)
		schedule_run(s); /* ends it, outside the caller's frame */
}

const char *scxml_session_failure(const scxml_session *s)
{
	return s->failure;
}

static gboolean idle_run(gpointer ud)
{
	scxml_session *s = ud;

	s->idle_id = 0;
	session_run(s);
	return G_SOURCE_REMOVE;
}

static void push_external(scxml_session *s, scxml_event *ev, guint flags,
			  guint chain)
{
	scxml_qevent *q;

	if (s->life == SCXML_LIFE_NEW || s->life == SCXML_LIFE_ENDED) {
		scxml_event_free(ev);
		return;
	}
	q = g_new(scxml_qevent, 1);
	q->ev = ev;
	q->show = (flags & SCXML_Q_SHOW) != 0;
	q->from_child = (flags & SCXML_Q_FROM_CHILD) != 0;
	q->chain = chain;
	g_queue_push_tail(&s->external, q);
	if (s->depth == 0)
		schedule_run(s);
}

void scxml_session_enqueue(scxml_session *s, scxml_event *ev, guint flags)
{
	push_external(s, ev, flags, 0);
}

void scxml_session_enqueue_from(scxml_session *s, scxml_session *from,
				scxml_event *ev, guint flags)
{
	guint max = scxml_engine_limits(from->engine)->max_event_chain;
	guint chain = from->chain + 1;

	/* Each event leads to the next with nothing from outside (a call,
	 * a timer) in between: a loop across macrosteps, which the
	 * microstep guard cannot see. The sender is stopped, or the
	 * receiver when the sender has ended (a child's done.invoke). */
	if (max && chain > max) {
		scxml_session_fail(from->life == SCXML_LIFE_ENDED ? s : from, "event-loop",
				   "%u events in a row sent with no delay and "
				   "no outside input: the document loops",
				   max);
		scxml_event_free(ev);
		return;
	}
	push_external(s, ev, flags, chain);
}

/* A module's or the program's event: queued, and processed from the
 * session's run on the loop, never inside the poster's call (a SIP or
 * HTTP callback, another session's hook). */
void scxml_session_post(scxml_session *s, scxml_event *ev)
{
	GSource *src;

	if (!ev)
		return;
	push_external(s, ev, SCXML_Q_SHOW, 0);
	/* Input from outside runs at the priority of the SIP and HTTP
	 * sources that bring it, so a busy socket cannot starve the
	 * sessions; what a session sends itself stays at idle priority. */
	src = s->idle_id ? g_main_context_find_source_by_id(
				   scxml_engine_context(s->engine), s->idle_id)
			 : NULL;
	if (src && g_source_get_priority(src) > G_PRIORITY_DEFAULT)
		g_source_set_priority(src, G_PRIORITY_DEFAULT);
}

void scxml_session_run_internal(scxml_session *s)
{
	if (s->depth > 0 || !scxml_session_running(s))
		return; /* the run in progress will see it */
	schedule_run(s);
}

/* Events one run processes before it lets the main loop breathe: a
 * document that keeps sending itself events must not starve timers, SIP
 * and the other sessions. */
#define SCXML_EVENTS_PER_RUN 256

static void schedule_run(scxml_session *s)
{
	GSource *src;

	if (s->idle_id || s->life == SCXML_LIFE_ENDED)
		return;
	src = g_idle_source_new();
	g_source_set_callback(src, idle_run, s, NULL);
	s->idle_id = g_source_attach(src, scxml_engine_context(s->engine));
	g_source_unref(src);
}

/* Process the external queue to a stable configuration. */
static void session_run(scxml_session *s)
{
	guint budget = SCXML_EVENTS_PER_RUN;

	if (s->depth > 0 || s->life == SCXML_LIFE_NEW)
		return;
	s->depth++;
	if (scxml_session_running(s) && !g_queue_is_empty(&s->internal)) {
		/* Raised outside a macrostep (scxml_session_run_internal):
		 * settled before the next external event. */
		s->chain = 0;
		scxml_session_begin_macrostep(s);
		scxml_macrostep(s);
		scxml_session_end_macrostep(s);
		if (scxml_session_running(s) && s->hooks.on_stable)
			s->hooks.on_stable(s, NULL, s->ud);
	}
	while (scxml_session_running(s)) {
		scxml_qevent *q;

		if (budget-- == 0) {
			schedule_run(s);
			break;
		}
		q = g_queue_pop_head(&s->external);
		if (!q)
			break;
		s->chain = q->chain;
		scxml_session_begin_macrostep(s);
		scxml_process_external(s, q);
		scxml_session_end_macrostep(s);
		if (scxml_session_running(s) && s->hooks.on_stable)
			s->hooks.on_stable(s, q->show ? q->ev : NULL, s->ud);
		qevent_free(q);
	}
	s->depth--;
	/* The end follows from the last event: a child's done.invoke is one
	 * further down its chain. */
	if (s->life == SCXML_LIFE_STOPPING && s->depth == 0 &&
	    session_finish(s, exit_reason(s->end)))
		return; /* freed by its on_exit hook */
	/* What it sends from now on (a timer, a call) starts a chain. */
	s->chain = 0;
	if (s->free_pending && s->depth == 0)
		session_really_free(s);
}

/* The end: exit states (when a final state was reached), stop timers and
 * children, tell the parent, release module data, then on_exit. */
/* Returns TRUE when the session was freed (by its on_exit hook). */
static gboolean session_finish(scxml_session *s, scxml_exit_reason reason)
{
	scxml_session_move(s, SCXML_LIFE_ENDED,
			   reason == SCXML_EXIT_CANCEL	? SCXML_END_CANCELLED
			   : reason == SCXML_EXIT_ERROR ? SCXML_END_FAILED
							: SCXML_END_FINAL);
	/* A cancel asked for while it was stopping wins (scxml_end). */
	reason = exit_reason(s->end);
	s->depth++;
	if (reason == SCXML_EXIT_DONE)
		scxml_exit_interpreter(s);
	scxml_send_cancel_all(s);
	scxml_invoke_cancel_all(s);
	if (s->idle_id) {
		g_source_remove(s->idle_id);
		s->idle_id = 0;
	}
	g_queue_clear_full(&s->external, qevent_free);
	g_queue_clear_full(&s->internal, (GDestroyNotify)scxml_event_free);
	/* The parent hears of every end it did not cause itself (it
	 * detaches the children it cancels). */
	if (s->parent && reason == SCXML_EXIT_DONE)
		scxml_invoke_child_done(s);
	else if (s->parent)
		scxml_invoke_child_stopped(s);
	g_datalist_clear(&s->module_data);
	/* The hook may free the session: that waits until it returns. */
	if (s->hooks.on_exit)
		s->hooks.on_exit(s,
				 reason == SCXML_EXIT_DONE ? s->final_id : NULL,
				 reason, s->ud);
	s->depth--;
	if (s->free_pending && s->depth == 0) {
		session_really_free(s);
		return TRUE;
	}
	return FALSE;
}

void scxml_session_stop(scxml_session *s)
{
	if (s->life == SCXML_LIFE_ENDED)
		return;
	if (s->depth == 0)
		session_finish(s, SCXML_EXIT_CANCEL);
	else /* the run in progress ends at its next step and finishes */
		scxml_session_move(s, SCXML_LIFE_STOPPING,
				   SCXML_END_CANCELLED);
}

static void session_really_free(scxml_session *s)
{
	scxml_engine_remove_session(s->engine, s);
	if (s->idle_id)
		g_source_remove(s->idle_id);
	g_queue_clear_full(&s->external, qevent_free);
	g_queue_clear_full(&s->internal, (GDestroyNotify)scxml_event_free);
	if (s->sends)
		g_hash_table_destroy(s->sends);
	if (s->children)
		g_hash_table_destroy(s->children);
	if (s->dropped)
		g_hash_table_destroy(s->dropped);
	if (s->defines)
		g_hash_table_destroy(s->defines);
	g_datalist_clear(&s->module_data);
	s->dmc->session_free(s->dm);
	if (s->history) {
		for (guint i = 0; i < s->doc->n_states; i++)
			g_free(s->history[i]);
		g_free(s->history);
	}
	if (s->enabled)
		g_ptr_array_unref(s->enabled);
	if (s->dflt_history)
		g_ptr_array_unref(s->dflt_history);
	if (s->donedata)
		json_node_unref(s->donedata);
	scxml_doc_unref(s->doc);
	g_free(s->config);
	g_free(s->invokeid);
	g_free(s->failure_msg);
	g_free(s->id);
	g_free(s);
}

void scxml_session_free(scxml_session *s)
{
	if (!s)
		return;
	if (s->life != SCXML_LIFE_ENDED) {
		/* No hooks for a session freed unfinished: its owner is
		 * going away. */
		memset(&s->hooks, 0, sizeof(s->hooks));
		if (s->depth == 0)
			session_finish(s, SCXML_EXIT_CANCEL);
		else
			scxml_session_move(s, SCXML_LIFE_STOPPING,
					   SCXML_END_CANCELLED);
	}
	if (s->depth > 0) {
		s->free_pending = TRUE;
		return;
	}
	session_really_free(s);
}

/* ---- accessors ----------------------------------------------------------- */

const char *scxml_session_id(const scxml_session *s)
{
	return s->id;
}

scxml_engine *scxml_session_engine(const scxml_session *s)
{
	return s->engine;
}

gboolean scxml_session_finished(const scxml_session *s)
{
	return s->life == SCXML_LIFE_ENDED;
}

gboolean scxml_session_pending(const scxml_session *s)
{
	if (s->life == SCXML_LIFE_ENDED)
		return FALSE;
	if (s->sends && g_hash_table_size(s->sends))
		return TRUE;
	if (s->children) {
		GHashTableIter it;
		gpointer v;

		g_hash_table_iter_init(&it, s->children);
		while (g_hash_table_iter_next(&it, NULL, &v)) {
			scxml_child *c = v;

			if (c->session && !c->done)
				return TRUE;
		}
	}
	return s->external.length > 0;
}

const char **scxml_session_configuration(const scxml_session *s)
{
	GPtrArray *a = g_ptr_array_new();

	for (guint i = 1; i < s->doc->n_states; i++) {
		const scxml_state *st = s->doc->states[i];
		gboolean atomic = TRUE;

		if (!scxml_bit_test(s->config, i))
			continue;
		for (guint c = 0; c < st->n_children && atomic; c++)
			if (scxml_bit_test(s->config, st->children[c]->index))
				atomic = FALSE;
		if (atomic)
			g_ptr_array_add(a, st->id);
	}
	g_ptr_array_add(a, NULL);
	return (const char **)g_ptr_array_free(a, FALSE);
}

void scxml_session_set_module_data(scxml_session *s, const char *key,
				   void *data, GDestroyNotify destroy)
{
	g_datalist_set_data_full(&s->module_data, key, data, destroy);
}

void *scxml_session_get_module_data(scxml_session *s, const char *key)
{
	return g_datalist_get_data(&s->module_data, key);
}
