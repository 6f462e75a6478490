/*
 * Speed and memory of the ECMAScript data model, measured the way the
 * interpreter uses it per event: set _event, evaluate a condition, run an
 * assignment. Prints nanoseconds per operation and heap bytes per session.
 * Not a test (no timing assertions): run with `make bench`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sipscxml/scxml.h>

#include "scxml/scxml_dm_ecma_priv.h"

static const scxml_datamodel_class *const cls = &scxml_dm_ecma_class;

/* Each with the kind the parser would give it: exprs[1] is assigned to,
 * exprs[8] is a <script> body. */
static scxml_expr exprs[] = {
	{"_event.name === 'tick' && count < 1e12", 1, 0, SCXML_EXPR_VALUE},
	{"count", 2, 1, SCXML_EXPR_LOCATION},
	{"count + 1", 3, 2, SCXML_EXPR_VALUE},
	{"0", 4, 3, SCXML_EXPR_VALUE},
	{"{ caller: 'sip:alice@example.com', n: 1 }", 5, 4, SCXML_EXPR_VALUE},
	{"In('s1')", 6, 5, SCXML_EXPR_VALUE},
	{"count >= 0", 7, 6, SCXML_EXPR_VALUE},
	{"_event.name", 8, 7, SCXML_EXPR_VALUE},
	{"var calls = 0;\nfunction bump(n) { calls += n; return calls; }", 9,
	 8, SCXML_EXPR_SCRIPT},
};

static gboolean in_state(void *ud, const char *id)
{
	return TRUE;
}

static double now_ns(void)
{
	return g_get_monotonic_time() * 1000.0;
}

/* Best of five rounds of n: the machine may be busy with other work. */
#define ROUNDS 5
#define MEASURE(label, n, body)                                                \
	do {                                                                   \
		double best = 1e30;                                            \
		for (int r = 0; r < ROUNDS; r++) {                             \
			double t = now_ns();                                   \
			for (long i = 0; i < (n); i++) {                       \
				body;                                          \
			}                                                      \
			t = (now_ns() - t) / (n);                              \
			if (t < best)                                          \
				best = t;                                      \
		}                                                              \
		printf("%-16s %7.0f ns\n", label, best);                       \
		last = best;                                                   \
	} while (0)

static void fail(GError *err)
{
	fprintf(stderr, "bench: %s\n", err ? err->message : "failed");
	exit(1);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000;
	scxml_doc doc = {.n_exprs = G_N_ELEMENTS(exprs)};
	scxml_dm_host host = {.in_state = in_state};
	void *eng = cls->engine_init(NULL);
	void *ds = cls->doc_init(eng, &doc);
	scxml_dm *dm = cls->session_new(eng, ds, &host);
	scxml_event *ev = scxml_event_new("tick", SCXML_EVENT_EXTERNAL, NULL);
	scxml_event *evd = scxml_event_new(
		"tick", SCXML_EVENT_EXTERNAL,
		json_from_string("{\"a\":1,\"b\":\"x\"}", NULL));
	GError *err = NULL;
	double last = 0;
	enum { SESSIONS = 10000 };
	scxml_dm **dms;
	gsize before;
	JsonNode *sid = json_from_string("\"0123456789abcdef\"", NULL);

	if (cls->declare(dm, "count", &exprs[3], NULL, &err))
		fail(err);
	cls->set_event(dm, ev);

	MEASURE("eval_cond", n,
		if (cls->eval_cond(dm, &exprs[0], &err) != 1) fail(err));
	MEASURE("assign", n,
		if (cls->assign(dm, &exprs[1], &exprs[2], NULL, &err))
			fail(err));
	MEASURE("set_event", n, cls->set_event(dm, ev));
	MEASURE("set_event+data", n, cls->set_event(dm, evd));
	MEASURE("In()", n,
		if (cls->eval_cond(dm, &exprs[5], &err) != 1) fail(err));
	MEASURE("global sweep", n / 10, scxml_ecma_sweep_globals(dm));
	MEASURE("exec_script", n / 100,
		if (cls->exec_script(dm, &exprs[8], &err)) fail(err));
	MEASURE("session new+free", n / 10, {
		scxml_dm *s = cls->session_new(eng, ds, &host);
		cls->session_free(s);
	});
	MEASURE("set_event+read", n, {
		cls->set_event(dm, ev);
		if (cls->eval_cond(dm, &exprs[7], &err) != 1)
			fail(err);
	});
	/* What the engine bench (tests/bench/ring_ecma.scxml) does per
	 * event: a condition and an assignment that do not read _event. */
	MEASURE("per event", n, {
		cls->set_event(dm, ev);
		if (cls->eval_cond(dm, &exprs[6], &err) != 1)
			fail(err);
		if (cls->assign(dm, &exprs[1], &exprs[2], NULL, &err))
			fail(err);
	});
	printf("  = %.0f events/s (set_event + eval_cond + assign)\n",
	       1e9 / last);
	MEASURE("per event+_event", n, {
		cls->set_event(dm, ev);
		if (cls->eval_cond(dm, &exprs[0], &err) != 1)
			fail(err);
		if (cls->assign(dm, &exprs[1], &exprs[2], NULL, &err))
			fail(err);
	});
	printf("  = %.0f events/s (the condition reads _event.name)\n",
	       1e9 / last);

	dms = g_new(scxml_dm *, SESSIONS);
	before = scxml_dm_ecma_heap_bytes(eng);
	for (int i = 0; i < SESSIONS; i++) {
		dms[i] = cls->session_new(eng, ds, &host);
		cls->set_system(dms[i], "_sessionid", sid);
		cls->set_system(dms[i], "_name", sid);
		if (cls->declare(dms[i], "info", &exprs[4], NULL, &err) ||
		    cls->declare(dms[i], "count", &exprs[3], NULL, &err) ||
		    cls->declare(dms[i], "state", NULL, "\"idle\"", &err))
			fail(err);
		cls->set_event(dms[i], ev);
	}
	printf("heap per session %6zu bytes (%d sessions, 3 variables, "
	       "_event set, not read)\n",
	       (scxml_dm_ecma_heap_bytes(eng) - before) / SESSIONS, SESSIONS);
	for (int i = 0; i < SESSIONS; i++)
		if (cls->eval_cond(dms[i], &exprs[0], &err) != 1)
			fail(err);
	printf("heap per session %6zu bytes (the same, _event read)\n",
	       (scxml_dm_ecma_heap_bytes(eng) - before) / SESSIONS);
	/* The same work with those sessions alive: the garbage collector now
	 * has a big heap to walk. */
	MEASURE("per event, 10k", n, {
		scxml_dm *d = dms[i % SESSIONS];
		cls->set_event(d, ev);
		if (cls->eval_cond(d, &exprs[6], &err) != 1)
			fail(err);
		if (cls->assign(d, &exprs[1], &exprs[2], NULL, &err))
			fail(err);
	});
	printf("  = %.0f events/s (spread over %d live sessions)\n", 1e9 / last,
	       SESSIONS);
	printf("heap total       %6zu bytes\n", scxml_dm_ecma_heap_bytes(eng));
	for (int i = 0; i < SESSIONS; i++)
		cls->session_free(dms[i]);
	g_free(dms);

	json_node_unref(sid);
	scxml_event_free(ev);
	scxml_event_free(evd);
	cls->session_free(dm);
	cls->doc_free(eng, ds);
	cls->engine_free(eng);
	return 0;
}
