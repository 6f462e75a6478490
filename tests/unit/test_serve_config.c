/*
 * serve's [serve] group against configs/sipscxml.conf (every documented key
 * at the loader's default, once uncommented) and its errors; the [routes]
 * order and glob rules are exercised end to end by tests/serve/routes.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/serve.h"
#include "tests/unit/sample_config.h"

static void test_sample_is_the_defaults(void **state)
{
	GKeyFile *kf = sample_uncommented();
	serve_config d, s;
	GError *err = NULL;

	assert_true(g_key_file_has_key(kf, "serve", "max-sessions", NULL));
	assert_int_equal(serve_config_load(NULL, &d, &err), 0);
	assert_int_equal(serve_config_load(kf, &s, &err), 0);
	assert_null(err);
	assert_int_equal(d.max_sessions, s.max_sessions);
	assert_int_equal(d.max_calls, s.max_calls);
	assert_true(d.drain_time_s == s.drain_time_s);
	assert_int_equal(d.end_with_last_call, s.end_with_last_call);
	assert_true(d.max_loop_lag_s == s.max_loop_lag_s);
	g_key_file_unref(kf);
}

static void expect_error(const char *text, const char *key)
{
	GKeyFile *kf = g_key_file_new();
	serve_config c;
	GError *err = NULL;

	assert_true(g_key_file_load_from_data(kf, text, -1, 0, NULL));
	assert_int_equal(serve_config_load(kf, &c, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err->message, key));
	g_error_free(err);
	g_key_file_unref(kf);
}

static void test_keys(void **state)
{
	GKeyFile *kf = g_key_file_new();
	serve_config c;
	GError *err = NULL;

	assert_true(g_key_file_load_from_data(
		kf,
		"[serve]\nmax-sessions = 5\nmax-calls = 7\ndrain-time = 500ms\n"
		"end-with-last-call = false\nmax-loop-lag = 200ms\n",
		-1, 0, NULL));
	assert_int_equal(serve_config_load(kf, &c, &err), 0);
	assert_int_equal(c.max_sessions, 5);
	assert_int_equal(c.max_calls, 7);
	assert_true(c.drain_time_s == 0.5);
	assert_false(c.end_with_last_call);
	assert_true(c.max_loop_lag_s == 0.2);
	g_key_file_unref(kf);
	expect_error("[serve]\nmax-session = 5\n", "max-session");
	expect_error("[serve]\nmax-sessions = 0\n", "max-sessions");
	expect_error("[serve]\nmax-calls = many\n", "max-calls");
	expect_error("[serve]\ndrain-time = soon\n", "drain-time");
	expect_error("[serve]\nend-with-last-call = maybe\n",
		     "end-with-last-call");
	expect_error("[serve]\nmax-loop-lag = -1\n", "max-loop-lag");
	expect_error("[serve]\nmax-loop-lag = slow\n", "max-loop-lag");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_is_the_defaults),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
