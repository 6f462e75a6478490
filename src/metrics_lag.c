/*
 * The event loop's lag for GET /metrics: a timer that should run every
 * period measures how late it actually ran. Everything in serve runs on
 * one GLib loop (SIP, timers, sessions, HTTP), so this is how long any of
 * them waits behind a busy macrostep or a burst of messages.
 */
#include "config.h"

#include "src/metrics.h"

typedef struct lag_timer {
	metrics *m;
	gint64 due;    /* monotonic µs */
	gint64 period; /* µs */
} lag_timer;

static gboolean tick(gpointer ud)
{
	lag_timer *t = ud;
	gint64 now = g_get_monotonic_time();

	metrics_lag(t->m, now > t->due ? (now - t->due) / 1e6 : 0);
	t->due = now + t->period;
	return G_SOURCE_CONTINUE;
}

guint metrics_lag_start(metrics *m, GMainContext *ctx, guint period_ms)
{
	lag_timer *t = g_new0(lag_timer, 1);
	GSource *src = g_timeout_source_new(period_ms);
	guint id;

	t->m = m;
	t->period = (gint64)period_ms * 1000;
	t->due = g_get_monotonic_time() + t->period;
	g_source_set_callback(src, tick, t, g_free);
	id = g_source_attach(src, ctx);
	g_source_unref(src);
	return id;
}
