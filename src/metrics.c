/*
 * The counters behind GET /metrics and their rendering in the Prometheus
 * text exposition format (version 0.0.4): a HELP and a TYPE line per
 * family, then one sample per label set. Counters are fed from the event
 * log's records, so /metrics and the log agree by construction (the test
 * tests/http_api/metrics checks it against a SIPp run).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "src/metrics.h"

/* The event loop's lag: histogram buckets, in seconds. */
static const double lag_buckets[] = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};
#define N_LAG G_N_ELEMENTS(lag_buckets)

struct metrics {
	/* label text (already escaped, e.g. document="a.scxml") → count */
	GHashTable *started; /* by document */
	GHashTable *exits;   /* by reason */
	GHashTable *refused; /* by status */
	GHashTable *events;  /* by type (external, internal, platform) */
	GHashTable *results; /* by event name and error value */
	GHashTable *limits;  /* scripts aborted by a limit, by limit */
	guint64 lag_counts[N_LAG + 1]; /* last: +Inf */
	guint64 lag_n;
	double lag_sum;
	guint64 sse_dropped; /* event streams cut at their backlog */
	double lag_last;
};

static GHashTable *counter_table(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

metrics *metrics_new(void)
{
	metrics *m = g_new0(metrics, 1);

	m->started = counter_table();
	m->exits = counter_table();
	m->refused = counter_table();
	m->events = counter_table();
	m->results = counter_table();
	m->limits = counter_table();
	return m;
}

void metrics_free(metrics *m)
{
	if (!m)
		return;
	g_hash_table_unref(m->started);
	g_hash_table_unref(m->exits);
	g_hash_table_unref(m->refused);
	g_hash_table_unref(m->events);
	g_hash_table_unref(m->results);
	g_hash_table_unref(m->limits);
	g_free(m);
}

/* A label value as the exposition format wants it: \\, \" and \n escaped. */
static void append_label(GString *out, const char *name, const char *value)
{
	if (out->len)
		g_string_append_c(out, ',');
	g_string_append_printf(out, "%s=\"", name);
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\\' || *p == '"')
			g_string_append_c(out, '\\');
		if (*p == '\n')
			g_string_append(out, "\\n");
		else
			g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

/* labels: taken. */
static void bump(GHashTable *t, GString *labels)
{
	guint64 *n = g_hash_table_lookup(t, labels->str);

	if (!n) {
		n = g_new0(guint64, 1);
		g_hash_table_insert(t, g_strdup(labels->str), n);
	}
	(*n)++;
	g_string_free(labels, TRUE);
}

static void bump1(GHashTable *t, const char *name, const char *value)
{
	GString *l = g_string_new(NULL);

	append_label(l, name, value);
	bump(t, l);
}

static const char *member_string(JsonObject *o, const char *name)
{
	JsonNode *n = o ? json_object_get_member(o, name) : NULL;

	return n && JSON_NODE_HOLDS_VALUE(n) &&
			       json_node_get_value_type(n) == G_TYPE_STRING
		       ? json_node_get_string(n)
		       : NULL;
}

/* A voice action's result event (voice.createcall.done,
 * error.interaction.accept, ...): by name and error value. */
static void count_result(metrics *m, const char *name, JsonObject *data)
{
	const char *error = member_string(data, "error");
	GString *l = g_string_new(NULL);

	append_label(l, "event", name);
	append_label(l, "error", error ? error : "");
	bump(m->results, l);
}

/* error.execution of a script the engine aborted at a limit ([scxml]
 * script-time-limit, session-memory-limit, script-memory-limit): the
 * session goes on, but an operator wants to see them. Known by the reason
 * the data model words (scxml_dm_ecma_run.c) in the event's message. */
static void count_limit(metrics *m, JsonObject *data)
{
	const char *msg = member_string(data, "message");

	if (!msg || !strstr(msg, "script exceeded "))
		return;
	if (strstr(msg, "session memory limit"))
		bump1(m->limits, "limit", "session-memory");
	else if (strstr(msg, "memory limit"))
		bump1(m->limits, "limit", "memory");
	else
		bump1(m->limits, "limit", "time");
}

/* A voice action's result: voice.X.done / interaction.X.done, or
 * error.voice.X / error.interaction.X (doc/voice.md). */
static gboolean is_result(const char *name)
{
	if (!name)
		return FALSE;
	if (g_str_has_prefix(name, "error."))
		name += strlen("error.");
	else if (!g_str_has_suffix(name, ".done"))
		return FALSE;
	return g_str_has_prefix(name, "voice.") ||
	       g_str_has_prefix(name, "interaction.");
}

void metrics_record(metrics *m, const char *kind, JsonObject *record)
{
	if (!m || !kind)
		return;
	if (!strcmp(kind, "start")) {
		bump1(m->started, "document",
		      member_string(record, "document"));
	} else if (!strcmp(kind, "exit")) {
		bump1(m->exits, "reason", member_string(record, "reason"));
	} else if (!strcmp(kind, "event")) {
		const char *name = member_string(record, "name");
		JsonNode *data = json_object_get_member(record, "data");

		bump1(m->events, "type", member_string(record, "type"));
		if (!g_strcmp0(name, "error.execution") && data &&
		    JSON_NODE_HOLDS_OBJECT(data))
			count_limit(m, json_node_get_object(data));
		if (is_result(name))
			count_result(m, name,
				     data && JSON_NODE_HOLDS_OBJECT(data)
					     ? json_node_get_object(data)
					     : NULL);
	}
}

void metrics_refused(metrics *m, int status, const char *reason)
{
	char s[16];
	GString *l;

	if (!m)
		return;
	g_snprintf(s, sizeof(s), "%d", status);
	l = g_string_new(NULL);
	if (reason)
		append_label(l, "reason", reason);
	append_label(l, "status", s);
	bump(m->refused, l);
}

void metrics_sse_dropped(metrics *m)
{
	if (m)
		m->sse_dropped++;
}

void metrics_lag(metrics *m, double seconds)
{
	gsize i = 0;

	while (i < N_LAG && seconds > lag_buckets[i])
		i++;
	m->lag_counts[i]++;
	m->lag_n++;
	m->lag_sum += seconds;
	m->lag_last = seconds;
}

double metrics_lag_last(const metrics *m)
{
	return m ? m->lag_last : 0;
}

/* ---- rendering ------------------------------------------------------------
 */

static void family(GString *out, const char *name, const char *type,
		   const char *help)
{
	g_string_append_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help,
			       name, type);
}

static gint compare_keys(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Samples in label order, so that the output is stable. */
static void counters(GString *out, const char *name, GHashTable *t)
{
	guint n;
	gpointer *keys = g_hash_table_get_keys_as_array(t, &n);

	qsort(keys, n, sizeof(*keys), compare_keys);
	for (guint i = 0; i < n; i++)
		g_string_append_printf(
			out, "%s{%s} %" G_GUINT64_FORMAT "\n", name,
			(const char *)keys[i],
			*(guint64 *)g_hash_table_lookup(t, keys[i]));
	g_free(keys);
}

static void gauges(GString *out, const char *name, const char *label,
		   GHashTable *t)
{
	guint n;
	gpointer *keys = t ? g_hash_table_get_keys_as_array(t, &n) : NULL;

	if (!t)
		return;
	qsort(keys, n, sizeof(*keys), compare_keys);
	for (guint i = 0; i < n; i++) {
		GString *l = g_string_new(NULL);

		append_label(l, label, keys[i]);
		g_string_append_printf(
			out, "%s{%s} %u\n", name, l->str,
			GPOINTER_TO_UINT(g_hash_table_lookup(t, keys[i])));
		g_string_free(l, TRUE);
	}
	g_free(keys);
}

static void lag_histogram(GString *out, const metrics *m)
{
	const char *name = "sipscxml_event_loop_lag_seconds";
	guint64 cum = 0;
	char le[G_ASCII_DTOSTR_BUF_SIZE];

	family(out, name, "histogram",
	       "How late the event loop ran a periodic timer.");
	for (gsize i = 0; i < N_LAG; i++) {
		cum += m->lag_counts[i];
		g_string_append_printf(
			out, "%s_bucket{le=\"%s\"} %" G_GUINT64_FORMAT "\n",
			name,
			g_ascii_formatd(le, sizeof(le), "%g", lag_buckets[i]),
			cum);
	}
	g_string_append_printf(out,
			       "%s_bucket{le=\"+Inf\"} %" G_GUINT64_FORMAT "\n",
			       name, m->lag_n);
	g_string_append_printf(out, "%s_sum %s\n", name,
			       g_ascii_dtostr(le, sizeof(le), m->lag_sum));
	g_string_append_printf(out, "%s_count %" G_GUINT64_FORMAT "\n", name,
			       m->lag_n);
}

char *metrics_render(const metrics *m, const metrics_gauges *g)
{
	GString *out = g_string_new(NULL);

	family(out, "sipscxml_sessions", "gauge",
	       "Sessions alive, by document.");
	gauges(out, "sipscxml_sessions", "document", g->sessions_by_document);
	family(out, "sipscxml_sessions_started_total", "counter",
	       "Sessions started, by document.");
	counters(out, "sipscxml_sessions_started_total", m->started);
	family(out, "sipscxml_sessions_ended_total", "counter",
	       "Sessions ended, by the exit record's reason (the engine's "
	       "stops: macrostep-time-limit, macrostep-loop, event-loop, "
	       "event-flood).");
	counters(out, "sipscxml_sessions_ended_total", m->exits);
	family(out, "sipscxml_script_limit_errors_total", "counter",
	       "Scripts aborted with error.execution at a limit (time, "
	       "session-memory, memory); the session goes on.");
	counters(out, "sipscxml_script_limit_errors_total", m->limits);
	family(out, "sipscxml_calls", "gauge", "Live calls, by state.");
	gauges(out, "sipscxml_calls", "state", g->calls_by_state);
	family(out, "sipscxml_inbound_calls_refused_total", "counter",
	       "Inbound calls refused (routing, [voice] limits, ring "
	       "timeout), by SIP status (and reason=\"overload\" for calls "
	       "shed while the event loop lagged).");
	counters(out, "sipscxml_inbound_calls_refused_total", m->refused);
	family(out, "sipscxml_events_processed_total", "counter",
	       "Events the sessions processed, by type.");
	counters(out, "sipscxml_events_processed_total", m->events);
	family(out, "sipscxml_action_results_total", "counter",
	       "Result events of voice actions, by name and error value.");
	counters(out, "sipscxml_action_results_total", m->results);
	family(out, "sipscxml_sip_responses_total", "counter",
	       "SIP responses received, by class.");
	for (int c = 1; c <= 6; c++)
		g_string_append_printf(
			out,
			"sipscxml_sip_responses_total{class=\"%dxx\"} "
			"%" G_GUINT64_FORMAT "\n",
			c, g->sip_responses[c]);
	family(out, "sipscxml_sse_clients_dropped_total", "counter",
	       "Event streams closed because their client read too slowly "
	       "(backlog past 1 MiB).");
	g_string_append_printf(out,
			       "sipscxml_sse_clients_dropped_total %" G_GUINT64_FORMAT
			       "\n",
			       m->sse_dropped);
	lag_histogram(out, m);
	return g_string_free(out, FALSE);
}
