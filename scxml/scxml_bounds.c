/*
 * The per-session bounds of scxml_session_limits that are not about the
 * queues' order: room in the internal and external queues and among the
 * pending delayed sends, and the session memory cap of the data model
 * (each with a flood rule: a session that keeps hitting them is stopped),
 * and the wall-clock budget of a macrostep, looked at before every
 * executable element and condition. The event chain lives with the
 * queues, in scxml_session.c.
 */
#include "config.h"

#include <time.h>

#include "scxml/scxml_session_priv.h"

/* Overflows, none a second or more after the one before, after which a
 * session is taken to flood on purpose or by a bug. A flow that hits a
 * bound now and then gets its error events and goes on; one that keeps
 * at it (even in bursts, as delayed sends firing together make) is
 * stopped. */
#define SCXML_FLOOD_OVERFLOWS 100
#define SCXML_FLOOD_QUIET_US G_USEC_PER_SEC

/* Runs refused memory by the session cap, counted the same way. The first
 * is error.execution, which the flow may handle (drop what it holds); each
 * refusal costs collections of the heap every session shares, so a session
 * that keeps at it pays with its life, not the others with their time. */
#define SCXML_MEMORY_HITS 3

/* Count one more hit; TRUE when it makes limit hits in a row. Hits in
 * one macrostep always count together (a slow macrostep is no quiet
 * time); across macrosteps a quiet second starts the count again. */
static gboolean strike(scxml_session *s, scxml_strikes *k, guint limit)
{
	gint64 now = g_get_monotonic_time();

	if (k->macrostep != s->macrostep &&
	    now - k->last >= SCXML_FLOOD_QUIET_US)
		k->n = 0;
	k->last = now;
	k->macrostep = s->macrostep;
	return ++k->n >= limit;
}

guint scxml_session_bound(const scxml_session *s, scxml_bound b)
{
	const scxml_session_limits *l = scxml_engine_limits(s->engine);

	switch (b) {
	case SCXML_BOUND_INTERNAL:
		return l->max_internal_events;
	case SCXML_BOUND_EXTERNAL:
		return l->max_external_events;
	case SCXML_BOUND_TIMERS:
		return l->max_timers;
	case SCXML_BOUND_COUNT:
		break;
	}
	return 0;
}

gboolean scxml_session_room(scxml_session *s, scxml_bound b, guint len)
{
	static const char *const what[] = {
		[SCXML_BOUND_INTERNAL] = "the internal queue",
		[SCXML_BOUND_EXTERNAL] = "an external queue",
		[SCXML_BOUND_TIMERS] = "the pending delayed sends",
	};
	guint bound = scxml_session_bound(s, b);

	if (!bound || len < bound)
		return TRUE;
	if (strike(s, &s->overflows, SCXML_FLOOD_OVERFLOWS))
		scxml_session_fail(s, "event-flood",
				   "%s at its bound (%u) %d times, with no "
				   "quiet second in between",
				   what[b], bound, SCXML_FLOOD_OVERFLOWS);
	return FALSE;
}

void scxml_session_memory_refused(void *ud)
{
	scxml_session *s = ud;

	if (strike(s, &s->memory_hits, SCXML_MEMORY_HITS))
		scxml_session_fail(s, "memory-limit",
				   "its scripts were refused memory by the "
				   "session memory limit %d times, with no "
				   "quiet second in between",
				   SCXML_MEMORY_HITS);
}

/* The budget is looked at before every element and condition: the coarse
 * clock costs a few ns where the precise one costs tens, and a millisecond
 * or so of resolution is nothing against a budget of seconds. */
static gint64 coarse_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The wall-clock budget of the macrostep that starts now. */
void scxml_session_begin_macrostep(scxml_session *s)
{
	guint ms = scxml_engine_limits(s->engine)->macrostep_time_limit_ms;

	s->macrostep++;
	s->deadline = ms ? coarse_now_us() + (gint64)ms * 1000 : 0;
}

/* Scripts get their whole limit again (the budget may have capped it). */
void scxml_session_end_macrostep(scxml_session *s)
{
	if (s->deadline)
		scxml_engine_cap_script_limit(s->engine, s->dmc, 0);
	s->deadline = 0;
}

gboolean scxml_session_out_of_time(scxml_session *s)
{
	gint64 now;
	guint ms;

	if (s->failure)
		return TRUE;
	if (!s->deadline)
		return FALSE;
	now = coarse_now_us();
	if (now < s->deadline) {
		/* The next script may not run past the budget either: it is
		 * cut where the macrostep must end, not a script limit
		 * later. */
		scxml_engine_cap_script_limit(
			s->engine, s->dmc,
			(guint)MAX(1, (s->deadline - now) / 1000));
		return FALSE;
	}
	ms = scxml_engine_limits(s->engine)->macrostep_time_limit_ms;
	scxml_session_fail(s, "macrostep-time-limit",
			   "one macrostep ran longer than %u ms", ms);
	return TRUE;
}
