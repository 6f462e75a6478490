/*
 * The metrics object (src/metrics.c): what the event log's records count,
 * the exposition's shape (HELP and TYPE per family, samples sorted), label
 * escaping, and the lag histogram's cumulative buckets.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/metrics.h"

static void record(metrics *m, const char *json)
{
	JsonNode *n = json_from_string(json, NULL);

	assert_non_null(n);
	metrics_record(
		m,
		json_object_get_string_member(json_node_get_object(n), "kind"),
		json_node_get_object(n));
	json_node_unref(n);
}

static gboolean has_line(const char *text, const char *line)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

	return g_strv_contains((const char *const *)lines, line);
}

static void test_counts(void **state)
{
	metrics *m = metrics_new();
	metrics_gauges g = {0};
	char *text;

	(void)state;
	record(m, "{\"kind\":\"start\",\"document\":\"/f/a\\\"b\\\\c.scxml\"}");
	record(m, "{\"kind\":\"start\",\"document\":\"/f/a\\\"b\\\\c.scxml\"}");
	record(m, "{\"kind\":\"event\",\"type\":\"external\","
		  "\"name\":\"voice.createcall.done\",\"data\":{}}");
	record(m, "{\"kind\":\"event\",\"type\":\"external\","
		  "\"name\":\"error.voice.createcall\","
		  "\"data\":{\"error\":\"busy\",\"sipstatus\":486}}");
	record(m, "{\"kind\":\"event\",\"type\":\"platform\","
		  "\"name\":\"error.execution\","
		  "\"data\":{\"message\":\"f:3: <script>: script exceeded "
		  "300 ms\"}}");
	record(m, "{\"kind\":\"event\",\"type\":\"internal\","
		  "\"name\":\"voice.x.done.not\",\"data\":null}");
	record(m, "{\"kind\":\"exit\",\"reason\":\"event-flood\"}");
	metrics_refused(m, 503, NULL);
	metrics_refused(m, 503, NULL);
	metrics_refused(m, 503, "overload");
	assert_true(metrics_lag_last(m) == 0);
	metrics_lag(m, 0.0001);
	metrics_lag(m, 0.02);
	metrics_lag(m, 9);
	assert_true(metrics_lag_last(m) == 9);
	g.sip_responses[2] = 7;
	text = metrics_render(m, &g);
	assert_true(has_line(text, "# TYPE sipscxml_sessions_started_total "
				   "counter"));
	assert_true(has_line(text, "sipscxml_sessions_started_total{document="
				   "\"/f/a\\\"b\\\\c.scxml\"} 2"));
	assert_true(has_line(text, "sipscxml_action_results_total{event="
				   "\"voice.createcall.done\",error=\"\"} 1"));
	assert_true(has_line(text, "sipscxml_action_results_total{event="
				   "\"error.voice.createcall\",error=\"busy\"} "
				   "1"));
	assert_null(strstr(text, "voice.x.done.not\",error"));
	assert_true(has_line(text, "sipscxml_events_processed_total{type="
				   "\"external\"} 2"));
	assert_true(has_line(text, "sipscxml_script_limit_errors_total{limit="
				   "\"time\"} 1"));
	assert_true(has_line(text, "sipscxml_sessions_ended_total{reason="
				   "\"event-flood\"} 1"));
	assert_true(has_line(text, "sipscxml_inbound_calls_refused_total{"
				   "status=\"503\"} 2"));
	assert_true(has_line(text, "sipscxml_inbound_calls_refused_total{"
				   "reason=\"overload\",status=\"503\"} 1"));
	assert_true(has_line(text, "sipscxml_sip_responses_total{class="
				   "\"2xx\"} 7"));
	assert_true(has_line(text, "sipscxml_event_loop_lag_seconds_bucket{le="
				   "\"0.001\"} 1"));
	assert_true(has_line(text, "sipscxml_event_loop_lag_seconds_bucket{le="
				   "\"0.05\"} 2"));
	assert_true(has_line(text, "sipscxml_event_loop_lag_seconds_bucket{le="
				   "\"5\"} 2"));
	assert_true(has_line(text, "sipscxml_event_loop_lag_seconds_bucket{le="
				   "\"+Inf\"} 3"));
	assert_true(has_line(text, "sipscxml_event_loop_lag_seconds_count 3"));
	g_free(text);
	metrics_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
