/*
 * The program's error paths and its offline commands, run as a user would:
 * the sipscxml binary in a subprocess, its exit status, stdout and stderr.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct run_result {
	int status;
	char *out;
	char *err;
} run_result;

static char *doc_path(const char *name)
{
	const char *top = g_getenv("top_srcdir");

	return g_build_filename(top ? top : ".", "tests", "cli", name, NULL);
}

/* Runs sipscxml with args (NULL-terminated), feeding input on stdin. */
static run_result run_prog(const char *input, const char *first, ...)
{
	const char *prog = g_getenv("SIPSCXML");
	GPtrArray *argv = g_ptr_array_new();
	GSubprocess *p;
	GError *err = NULL;
	run_result r = {0};
	va_list ap;

	g_ptr_array_add(argv, (char *)(prog ? prog : "./sipscxml"));
	va_start(ap, first);
	for (const char *a = first; a; a = va_arg(ap, const char *))
		g_ptr_array_add(argv, (char *)a);
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	p = g_subprocess_newv((const char *const *)argv->pdata,
			      G_SUBPROCESS_FLAGS_STDIN_PIPE |
				      G_SUBPROCESS_FLAGS_STDOUT_PIPE |
				      G_SUBPROCESS_FLAGS_STDERR_PIPE,
			      &err);
	assert_non_null(p);
	assert_true(g_subprocess_communicate_utf8(p, input ? input : "", NULL,
						  &r.out, &r.err, &err));
	r.status = g_subprocess_get_exit_status(p);
	g_object_unref(p);
	g_ptr_array_free(argv, TRUE);
	return r;
}

static void run_result_clear(run_result *r)
{
	g_free(r->out);
	g_free(r->err);
}

static void test_malformed_xml(void **state)
{
	char *doc = doc_path("malformed.scxml");
	run_result r = run_prog(NULL, "check", doc, NULL);

	assert_int_equal(r.status, 1);
	/* libxml2 finds the mismatched tag on line 5 */
	assert_non_null(strstr(r.err, "malformed.scxml:5:"));
	run_result_clear(&r);
	r = run_prog(NULL, "run", doc, NULL);
	assert_int_equal(r.status, 1);
	run_result_clear(&r);
	g_free(doc);
}

static void test_unknown_target(void **state)
{
	char *doc = doc_path("unknown-target.scxml");
	run_result r = run_prog(NULL, "check", doc, NULL);

	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "unknown-target.scxml:4:"));
	assert_non_null(strstr(r.err, "nowhere"));
	run_result_clear(&r);
	g_free(doc);
}

static void test_check_valid(void **state)
{
	char *doc = doc_path("ping.scxml");
	run_result r = run_prog(NULL, "check", doc, NULL);

	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	run_result_clear(&r);
	g_free(doc);
}

/* The session reaches "done" only through error.execution, which is also
 * reported on stderr with the place it comes from. */
static void expect_done_after_error(const char *name, const char *where)
{
	char *doc = doc_path(name);
	run_result r = run_prog(NULL, "run", "--timeout", "20", "--events",
				"-", doc, NULL);

	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"name\":\"error.execution\""));
	assert_non_null(strstr(r.out, "\"final\":\"done\""));
	assert_non_null(strstr(r.err, "sipscxml: error.execution: "));
	assert_non_null(strstr(r.err, where));
	run_result_clear(&r);
	g_free(doc);
}

/* An expression that does not compile is a problem for `check` (file:line,
 * which expression, why), a warning for `run`, which still runs the
 * document: each raises error.execution when evaluated. */
static void test_syntax_error(void **state)
{
	char *doc = doc_path("syntax-error.scxml");
	run_result r = run_prog(NULL, "check", doc, NULL);

	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "syntax-error.scxml:9: expression "
				      "'x +' does not compile: SyntaxError"));
	assert_non_null(strstr(r.err, "syntax-error.scxml:14: <script> does "
				      "not compile: SyntaxError"));
	assert_non_null(strstr(r.err, "(line 2 of the script)"));
	assert_non_null(strstr(r.err, "syntax-error.scxml:20: expression "
				      "'x && ' does not compile"));
	assert_null(strstr(r.err, "warning"));
	run_result_clear(&r);
	r = run_prog(NULL, "run", "--timeout", "20", "--events", "-", doc,
		     NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "syntax-error.scxml:9: warning: "));
	assert_non_null(strstr(r.out, "\"final\":\"done\""));
	run_result_clear(&r);
	g_free(doc);
}

static void test_script_error(void **state)
{
	expect_done_after_error("script-error.scxml", "script-error.scxml:8:");
}

static void test_runaway_script(void **state)
{
	expect_done_after_error("runaway.scxml", "runaway.scxml:");
}

static void test_simulate(void **state)
{
	char *doc = doc_path("ping.scxml");
	run_result r = run_prog("{\"name\": \"ping\", \"data\": {\"from\": "
				"\"alice\"}}\n"
				"not json\n"
				"{\"name\": \"ping\"}\n",
				"simulate", doc, NULL);

	assert_int_equal(r.status, 0);
	assert_string_equal(
		r.out, "{\"event\":null,\"configuration\":[\"idle\"]}\n"
		       "{\"event\":\"ping\",\"configuration\":[\"busy\"]}\n"
		       "{\"event\":\"ping\",\"configuration\":[\"done\"]}\n");
	assert_non_null(strstr(r.err, "stdin:2:"));
	run_result_clear(&r);
	g_free(doc);
}

static void test_simulate_waits_for_timers(void **state)
{
	char *doc = doc_path("delayed.scxml");
	run_result r = run_prog("", "simulate", doc, NULL);

	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "[\"done\"]"));
	run_result_clear(&r);
	g_free(doc);
}

static void test_bad_define(void **state)
{
	char *doc = doc_path("ping.scxml");
	run_result r = run_prog(NULL, "run", "--define", "nosuch=1", doc, NULL);

	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "nosuch"));
	run_result_clear(&r);
	g_free(doc);
}

/* Without --config, $SIPSCXML_CONFIG names the file (empty: none); a bad
 * file is an error naming it and the key. */
static void test_default_config(void **state)
{
	char *doc = doc_path("ping.scxml");
	char *conf = g_build_filename(g_get_tmp_dir(), "sipscxml-test.conf",
				      NULL);
	run_result r;

	(void)state;
	assert_true(g_file_set_contents(conf, "[sip]\nt1 = soon\n", -1, NULL));
	g_setenv("SIPSCXML_CONFIG", conf, TRUE);
	r = run_prog(NULL, "check", doc, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "sipscxml-test.conf: [sip] t1"));
	run_result_clear(&r);
	g_setenv("SIPSCXML_CONFIG", "", TRUE);
	r = run_prog(NULL, "check", doc, NULL);
	assert_int_equal(r.status, 0);
	run_result_clear(&r);
	g_unlink(conf);
	g_free(conf);
	g_free(doc);
}

/* [scxml] script-time-limit reaches the engine; a key it does not know is
 * an error naming it. */
static void test_scxml_limits_config(void **state)
{
	char *doc = doc_path("runaway.scxml");
	char *conf = g_build_filename(g_get_tmp_dir(), "sipscxml-limits.conf",
				      NULL);
	run_result r;

	(void)state;
	assert_true(g_file_set_contents(
		conf, "[scxml]\nscript-time-limit = 150\n", -1, NULL));
	r = run_prog(NULL, "run", "--config", conf, "--timeout", "20", doc,
		     NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "script exceeded 150 ms"));
	run_result_clear(&r);
	assert_true(g_file_set_contents(
		conf, "[scxml]\nscript-limits = 1\n", -1, NULL));
	r = run_prog(NULL, "check", "--config", conf, doc, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "[scxml] script-limits: unknown key"));
	run_result_clear(&r);
	g_unlink(conf);
	g_free(conf);
	g_free(doc);
}

/* dot: the chart as Graphviz on stdout; an invalid document is refused
 * with its problems, as for check. */
static void test_dot_command(void **state)
{
	char *doc = doc_path("ping.scxml");
	char *bad = doc_path("unknown-target.scxml");
	run_result r = run_prog(NULL, "dot", doc, NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_true(g_str_has_prefix(r.out, "digraph scxml {"));
	assert_true(g_str_has_suffix(r.out, "}\n"));
	run_result_clear(&r);
	r = run_prog(NULL, "dot", bad, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "unknown-target.scxml:4:"));
	run_result_clear(&r);
	g_free(bad);
	g_free(doc);
}

static void test_usage(void **state)
{
	run_result r = run_prog(NULL, "frobnicate", NULL);

	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "unknown command"));
	run_result_clear(&r);
	r = run_prog(NULL, "--version", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "sipscxml "));
	run_result_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_malformed_xml),
		cmocka_unit_test(test_unknown_target),
		cmocka_unit_test(test_check_valid),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_script_error),
		cmocka_unit_test(test_runaway_script),
		cmocka_unit_test(test_simulate),
		cmocka_unit_test(test_simulate_waits_for_timers),
		cmocka_unit_test(test_bad_define),
		cmocka_unit_test(test_default_config),
		cmocka_unit_test(test_scxml_limits_config),
		cmocka_unit_test(test_dot_command),
		cmocka_unit_test(test_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
