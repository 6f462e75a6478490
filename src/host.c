/*
 * The host (host.h): the sessions of the process, their shared event log,
 * and the one idle callback that stops sessions asked to stop from inside
 * their own callbacks and frees the ones that ended.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/host.h"

struct host {
	cli_env *env;
	event_log *log;
	GHashTable *live;  /* host_session* not yet ended */
	GPtrArray *ended;  /* ended, to free */
	GPtrArray *stops;  /* to stop from the loop (end-with-last-call) */
	guint idle;	   /* the reaper, when scheduled */
	gboolean keep_ended;
	gboolean end_with_last_call;
	void (*on_exit)(host *h, host_session *hs, void *ud);
	void *on_exit_ud;
	metrics *metrics;
	event_log_tap listener;
	void *listener_ud;
};

static void session_free(host_session *hs)
{
	cli_session_close(&hs->cs);
	if (hs->doc)
		scxml_doc_unref(hs->doc);
	g_free(hs->route);
	g_free(hs->document);
	g_free(hs);
}

/* From the loop: first the stops asked for (a session that ended
 * meanwhile is skipped), then the ended sessions go. */
static gboolean reap(gpointer ud)
{
	host *h = ud;
	GPtrArray *stops = h->stops;
	GPtrArray *ended;

	h->idle = 0;
	h->stops = g_ptr_array_new();
	for (guint i = 0; i < stops->len; i++) {
		host_session *hs = stops->pdata[i];

		if (hs->cs.exited)
			continue;
		hs->cs.stop_reason = "last-call";
		scxml_session_stop(hs->cs.s);
	}
	g_ptr_array_unref(stops);
	if (h->keep_ended)
		return G_SOURCE_REMOVE;
	ended = h->ended;
	h->ended = g_ptr_array_new();
	for (guint i = 0; i < ended->len; i++)
		session_free(ended->pdata[i]);
	g_ptr_array_unref(ended);
	return G_SOURCE_REMOVE;
}

static void schedule_reap(host *h)
{
	GSource *src;

	if (h->idle)
		return;
	src = g_idle_source_new();
	g_source_set_callback(src, reap, h, NULL);
	h->idle = g_source_attach(src, h->env->ctx);
	g_source_unref(src);
}

static void session_exited(cli_session *cs)
{
	host_session *hs = (host_session *)cs;
	host *h = hs->h;

	if (!g_hash_table_remove(h->live, hs))
		return;
	g_ptr_array_add(h->ended, hs);
	schedule_reap(h);
	if (h->on_exit)
		h->on_exit(h, hs, h->on_exit_ud);
}

/* serve: the call that started the session ended (and any it placed):
 * the session has nothing left to control. Stopped from the loop, not
 * from inside its own macrostep. */
static void session_stable(cli_session *cs, const scxml_event *ev)
{
	host_session *hs = (host_session *)cs;
	host *h = hs->h;

	if (!h->end_with_last_call || cs->exited || hs->stop_queued || !ev ||
	    g_strcmp0(ev->name, "interaction.deleted") != 0 ||
	    voice_module_session_calls(h->env->voice, cs->s) > 0)
		return;
	hs->stop_queued = TRUE;
	g_ptr_array_add(h->stops, hs);
	schedule_reap(h);
}

/* Every record of the log: counted, then shown to the listener. */
static void log_tap(JsonObject *record, const char *line, void *ud)
{
	host *h = ud;

	metrics_record(h->metrics,
		       json_object_get_string_member_with_default(record,
								  "kind", NULL),
		       record);
	if (h->listener)
		h->listener(record, line, h->listener_ud);
}

/* A session ended with calls it is never told about: the log pairs their
 * interaction.added all the same (doc/serve.md, "call-released"). */
static void log_released(scxml_session *s, const char *interactionid,
			 void *ud)
{
	host *h = ud;

	event_log_call_released(h->log, s, interactionid, "session-ended");
}

host *host_new(cli_env *env, event_log *log)
{
	host *h = g_new0(host, 1);

	h->env = env;
	h->log = log;
	h->metrics = metrics_new();
	if (log)
		event_log_set_tap(log, log_tap, h);
	if (log && env->voice)
		voice_module_set_released_hook(env->voice, log_released, h);
	h->live = g_hash_table_new(NULL, NULL);
	h->ended = g_ptr_array_new();
	h->stops = g_ptr_array_new();
	return h;
}

void host_free(host *h)
{
	GList *live;

	if (!h)
		return;
	if (h->idle)
		g_source_destroy(
			g_main_context_find_source_by_id(h->env->ctx, h->idle));
	/* Sessions still running end now, with their exit records. */
	live = g_hash_table_get_keys(h->live);
	for (GList *l = live; l; l = l->next) {
		host_session *hs = l->data;

		if (!hs->cs.stop_reason)
			hs->cs.stop_reason = "stopped";
		scxml_session_stop(hs->cs.s);
	}
	g_list_free(live);
	/* a session that could not stop is freed all the same */
	live = g_hash_table_get_keys(h->live);
	for (GList *l = live; l; l = l->next)
		g_ptr_array_add(h->ended, l->data);
	g_list_free(live);
	g_hash_table_remove_all(h->live);
	for (guint i = 0; i < h->ended->len; i++)
		session_free(h->ended->pdata[i]);
	g_ptr_array_unref(h->ended);
	g_ptr_array_unref(h->stops);
	g_hash_table_unref(h->live);
	if (h->log && h->env->voice)
		voice_module_set_released_hook(h->env->voice, NULL, NULL);
	event_log_close(h->log);
	metrics_free(h->metrics);
	g_free(h);
}

event_log *host_log(host *h)
{
	return h->log;
}

cli_env *host_env(host *h)
{
	return h->env;
}

metrics *host_metrics(host *h)
{
	return h->metrics;
}

void host_set_listener(host *h, event_log_tap fn, void *ud)
{
	h->listener = fn;
	h->listener_ud = ud;
}

static gboolean has_id(gpointer key, gpointer value, gpointer ud)
{
	host_session *hs = key;

	return !hs->cs.exited && !g_strcmp0(scxml_session_id(hs->cs.s), ud);
}

host_session *host_find(host *h, const char *id)
{
	return g_hash_table_find(h->live, has_id, (gpointer)id);
}

void host_foreach(host *h, void (*fn)(host_session *hs, void *ud), void *ud)
{
	GHashTableIter it;
	gpointer hs;

	g_hash_table_iter_init(&it, h->live);
	while (g_hash_table_iter_next(&it, &hs, NULL))
		fn(hs, ud);
}

void host_set_on_exit(host *h,
		      void (*on_exit)(host *h, host_session *hs, void *ud),
		      void *ud)
{
	h->on_exit = on_exit;
	h->on_exit_ud = ud;
}

void host_keep_ended(host *h, gboolean keep)
{
	h->keep_ended = keep;
}

void host_set_end_with_last_call(host *h, gboolean on)
{
	h->end_with_last_call = on;
}

host_session *host_session_new(host *h, scxml_doc *doc, const char *route,
			       const char *document, char **defines,
			       gboolean strict_defines)
{
	host_session *hs = g_new0(host_session, 1);

	hs->h = h;
	hs->doc = scxml_doc_ref(doc);
	hs->route = g_strdup(route);
	hs->document = g_strdup(document);
	hs->cs.route = hs->route;
	hs->cs.document = hs->document;
	hs->cs.on_exited = session_exited;
	hs->cs.on_stable = session_stable;
	if (cli_session_open_log(&hs->cs, h->env, doc, h->log, defines,
				 strict_defines) < 0) {
		session_free(hs);
		return NULL;
	}
	g_hash_table_add(h->live, hs);
	return hs;
}

int host_session_start(host_session *hs)
{
	host *h = hs->h;

	hs->started = g_get_real_time();
	if (hs->route)
		event_log_start(h->log, hs->cs.s, hs->route, hs->document);
	if (cli_session_start(&hs->cs) == 0)
		return 0;
	if (!hs->cs.exited) {
		hs->cs.stop_reason = "error";
		scxml_session_stop(hs->cs.s);
	}
	/* whatever happened, it is not live any more */
	if (g_hash_table_remove(h->live, hs)) {
		g_ptr_array_add(h->ended, hs);
		schedule_reap(h);
	}
	return -1;
}

guint host_live_sessions(host *h)
{
	return g_hash_table_size(h->live);
}

void host_stop_all(host *h, const char *reason)
{
	GList *live = g_hash_table_get_keys(h->live);

	for (GList *l = live; l; l = l->next) {
		host_session *hs = l->data;

		if (hs->cs.exited)
			continue;
		hs->cs.stop_reason = reason;
		hs->cs.stopped = TRUE;
		scxml_session_stop(hs->cs.s);
	}
	g_list_free(live);
}
