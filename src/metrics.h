/*
 * The counters of one serve process, for GET /metrics (Prometheus text
 * exposition format, doc/http-api.md). One object, owned by the host
 * (host_metrics); what is counted is fed from the event log's records
 * (metrics_record), from inbound refusals (metrics_refused) and from the
 * event loop's lag timer (metrics_lag.c). What is alive right now (sessions,
 * calls by state) is not counted but read from the host when rendered.
 */
#ifndef METRICS_H
#define METRICS_H

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct metrics metrics;

metrics *metrics_new(void);
void metrics_free(metrics *m);

/* One record of the event log ("start", "event" or "exit"), as written. */
void metrics_record(metrics *m, const char *kind, JsonObject *record);
/* An inbound call refused with this SIP status: by serve's router, or by
 * the voice module itself (its limits, the ring timeout); reason NULL, or
 * "overload" for calls shed while the event loop lags (a label). */
void metrics_refused(metrics *m, int status, const char *reason);
/* An event stream (GET /sessions/{id}/events) closed at its backlog cap. */
void metrics_sse_dropped(metrics *m);
/* One measure of the event loop's lateness, in seconds. */
void metrics_lag(metrics *m, double seconds);
/* The latest of those measures (0 before the first): serve sheds new calls
 * while it is above [serve] max-loop-lag. */
double metrics_lag_last(const metrics *m);

/* A gauge's samples, filled by the caller before rendering: label value →
 * count (e.g. document → live sessions). */
typedef struct metrics_gauges {
	GHashTable *sessions_by_document; /* char* → GUINT_TO_POINTER */
	GHashTable *calls_by_state;	  /* char* → GUINT_TO_POINTER */
	/* the SIP agent's own counter: responses received by class
	 * (index 1..6) */
	guint64 sip_responses[7];
} metrics_gauges;

/* The whole exposition (new string). */
char *metrics_render(const metrics *m, const metrics_gauges *g);

/* Starts the lag timer on ctx: every period_ms, how late it ran (a loop
 * busy with a long macrostep or a flood of SIP shows here). Returns the
 * source id (remove it before freeing m). */
guint metrics_lag_start(metrics *m, GMainContext *ctx, guint period_ms);

#endif
