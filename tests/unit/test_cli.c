/*
 * The program's error paths and its offline commands, run as a user would:
 * the sipscxml binary in a subprocess, its exit status, stdout and stderr.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

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

/* "[[[…]]]" n levels deep (new string). */
static char *nested(guint n)
{
	GString *s = g_string_sized_new(2 * n + 1);

	for (guint i = 0; i < n; i++)
		g_string_append_c(s, '[');
	for (guint i = 0; i < n; i++)
		g_string_append_c(s, ']');
	return g_string_free(s, FALSE);
}

/* A document written to a temporary file (path: new string). */
static char *temp_doc(const char *text)
{
	char *path = NULL;
	int fd = g_file_open_tmp("sipscxml-XXXXXX.scxml", &path, NULL);

	assert_true(fd >= 0);
	close(fd);
	assert_true(g_file_set_contents(path, text, -1, NULL));
	return path;
}

/* Event data nested 100,000 deep crashed the conversions (and json-glib's
 * parser) on the way in; now the line is refused before any of them sees
 * it, and the next line is read. 512 levels (the line's object, its
 * data's and 510 arrays) are still accepted. */
static void test_simulate_deep_json(void **state)
{
	char *doc = doc_path("ping.scxml");
	char *deep = nested(100000), *ok = nested(510);
	char *input = g_strdup_printf(
		"{\"name\": \"ping\", \"data\": %s}\n"
		"{\"name\": \"ping\", \"data\": {\"from\": \"alice\", "
		"\"x\": %s}}\n"
		"{\"name\": \"ping\"}\n",
		deep, ok);
	run_result r = run_prog(input, "simulate", doc, NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_string_equal(
		r.out, "{\"event\":null,\"configuration\":[\"idle\"]}\n"
		       "{\"event\":\"ping\",\"configuration\":[\"busy\"]}\n"
		       "{\"event\":\"ping\",\"configuration\":[\"done\"]}\n");
	assert_non_null(strstr(r.err, "stdin:1: not JSON: arrays and objects "
				      "nested deeper than 512 levels"));
	assert_null(strstr(r.err, "stdin:2"));
	run_result_clear(&r);
	g_free(input);
	g_free(deep);
	g_free(ok);
	g_free(doc);
}

/* The same text in a document: check names where it is written. */
static void test_check_deep_json(void **state)
{
	char *deep = nested(100000);
	char *text = g_strdup_printf(
		"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" "
		"version=\"1.0\">\n"
		"<datamodel><data id=\"d\">%s</data></datamodel>\n"
		"<state id=\"a\"><onentry>\n"
		"<send event=\"e\"><content>%s</content></send>\n"
		"</onentry></state></scxml>\n",
		deep, deep);
	char *doc = temp_doc(text);
	char *where = g_strdup_printf("%s:2: <data>: JSON nested deeper than "
				      "512 levels", doc);
	char *where2 = g_strdup_printf("%s:4: <content>: JSON nested deeper "
				       "than 512 levels", doc);
	run_result r = run_prog(NULL, "check", doc, NULL);

	(void)state;
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, where));
	assert_non_null(strstr(r.err, where2));
	run_result_clear(&r);
	g_unlink(doc);
	g_free(where);
	g_free(where2);
	g_free(doc);
	g_free(text);
	g_free(deep);
}

/* A value a script built deeper than event data may be is not sent. */
static void test_deep_value_error(void **state)
{
	expect_done_after_error("deep-value.scxml",
				"deep-value.scxml:11: <param>: name \"x\": "
				"\"deep\" : value cannot be turned to JSON: "
				"arrays and objects nested deeper than 512 "
				"levels");
}

/* A line that is not UTF-8, or holds a NUL, is refused with its number and
 * why; the lines after it still run (they were never read). */
static void test_simulate_bad_bytes(void **state)
{
	char *doc = doc_path("ping.scxml");
	static const char input[] =
		"{\"name\": \"ping\", \"data\": {\"from\": \"\xff\"}}\n"
		"{\"name\": \"ping\", \"data\": {\"from\": \"a\0\"}}\n"
		"{\"name\": \"ping\", \"data\": {\"from\": \"alice\"}}\n"
		"{\"name\": \"ping\"}\n";
	GBytes *in = g_bytes_new_static(input, sizeof(input) - 1);
	const char *prog = g_getenv("SIPSCXML");
	const char *argv[] = {prog ? prog : "./sipscxml", "simulate", doc,
			      NULL};
	GSubprocess *p = g_subprocess_newv(
		argv,
		G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
			G_SUBPROCESS_FLAGS_STDERR_PIPE,
		NULL);
	GBytes *out = NULL, *err = NULL;
	char *o, *e;

	(void)state;
	assert_non_null(p);
	assert_true(g_subprocess_communicate(p, in, NULL, &out, &err, NULL));
	assert_int_equal(g_subprocess_get_exit_status(p), 0);
	o = g_strndup(g_bytes_get_data(out, NULL), g_bytes_get_size(out));
	e = g_strndup(g_bytes_get_data(err, NULL), g_bytes_get_size(err));
	assert_string_equal(
		o, "{\"event\":null,\"configuration\":[\"idle\"]}\n"
		   "{\"event\":\"ping\",\"configuration\":[\"busy\"]}\n"
		   "{\"event\":\"ping\",\"configuration\":[\"done\"]}\n");
	assert_non_null(strstr(e, "stdin:1: not UTF-8 at column 36\n"));
	assert_non_null(strstr(e, "stdin:2: a NUL byte at column 37\n"));
	g_free(o);
	g_free(e);
	g_bytes_unref(out);
	g_bytes_unref(err);
	g_bytes_unref(in);
	g_object_unref(p);
	g_free(doc);
}

/* A name that is not a string is refused, without a GLib critical. */
static void test_simulate_name_not_string(void **state)
{
	char *doc = doc_path("ping.scxml");
	run_result r = run_prog("{\"name\": {}}\n{\"name\": [1]}\n"
				"{\"name\": 5}\n",
				"simulate", doc, NULL);

	(void)state;
	assert_string_equal(r.err,
			    "stdin:1: \"name\" must be a non-empty string\n"
			    "stdin:2: \"name\" must be a non-empty string\n"
			    "stdin:3: \"name\" must be a non-empty string\n");
	run_result_clear(&r);
	g_free(doc);
}

/* Integers past 64 bits are the doubles ECMAScript reads, not wrapped. */
static void test_big_integers(void **state)
{
	char *doc = doc_path("big-numbers.scxml");
	run_result r = run_prog(
		"{\"name\": \"n\", \"data\": {\"n\": 9223372036854775808}}\n"
		"{\"name\": \"n\", \"data\": "
		"{\"n\": -123456789012345678901234567890}}\n",
		"simulate", doc, NULL);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_string_equal(
		r.out, "{\"event\":null,\"configuration\":[\"s0\"]}\n"
		       "{\"event\":\"n\",\"configuration\":[\"s1\"]}\n"
		       "{\"event\":\"n\",\"configuration\":[\"done\"]}\n");
	assert_string_equal(r.err, "");
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

/* --bind takes SIP URIs; anything else is a command line error (exit 1)
 * that names the accepted forms, before the SIP stack starts. */
static void test_bad_bind(void **state)
{
	char *doc = doc_path("ping.scxml");
	run_result r = run_prog(NULL, "run", "--bind", "sip:bob@127.0.0.1",
				doc, NULL);

	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "--bind: bad bind address "
				      "'sip:bob@127.0.0.1'"));
	assert_non_null(strstr(r.err, "ADDR:PORT, [IPv6]:PORT, sip:HOST"));
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

/* [scxml] document-root and src-size-limit reach the engine: a src= that
 * leaves the root (<data>, <invoke>) is refused at run time with
 * error.execution, one inside it is read; check names a <script src>
 * larger than the limit at its line. */
static void test_src_config(void **state)
{
	char *dir = g_dir_make_tmp("sipscxml-src-XXXXXX", NULL);
	char *root = g_build_filename(dir, "flows", NULL);
	char *doc = g_build_filename(root, "main.scxml", NULL);
	char *child = g_build_filename(dir, "child.scxml", NULL);
	char *json = g_build_filename(root, "d.json", NULL);
	char *script = g_build_filename(root, "big.js", NULL);
	char *conf = g_build_filename(dir, "sipscxml.conf", NULL);
	char *conf_text = g_strdup_printf(
		"[scxml]\ndocument-root = %s\nsrc-size-limit = 1\n", root);
	char *big = g_strnfill(1025, ' ');
	static const char main_doc[] =
		"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" "
		"version=\"1.0\" datamodel=\"ecmascript\" initial=\"a\">\n"
		"<datamodel><data id=\"ok\" src=\"d.json\"/>\n"
		"<data id=\"out\" src=\"../child.scxml\"/></datamodel>\n"
		"<state id=\"a\">\n"
		"<invoke src=\"../child.scxml\"/>\n"
		"<transition event=\"error.execution\" cond=\"ok.k === 2 "
		"&amp;&amp; _event.data.message.indexOf('invoke') &gt; 0\" "
		"target=\"done\"/>\n"
		"</state><final id=\"done\"/></scxml>\n";
	static const char child_doc[] =
		"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" "
		"version=\"1.0\"><final id=\"f\"/></scxml>\n";
	char *where;
	run_result r;

	(void)state;
	assert_int_equal(g_mkdir(root, 0700), 0);
	assert_true(g_file_set_contents(doc, main_doc, -1, NULL));
	assert_true(g_file_set_contents(child, child_doc, -1, NULL));
	assert_true(g_file_set_contents(json, "{\"k\": 2}", -1, NULL));
	assert_true(g_file_set_contents(conf, conf_text, -1, NULL));
	r = run_prog(NULL, "run", "--config", conf, "--timeout", "20",
		     "--events", "-", doc, NULL);
	assert_int_equal(r.status, 0);
	where = g_strdup_printf("%s:3: <data>: id \"out\": cannot read src: "
				"'../child.scxml' is outside the document root",
				doc);
	assert_non_null(strstr(r.err, where));
	g_free(where);
	where = g_strdup_printf("%s:5: <invoke>: '../child.scxml' is outside "
				"the document root",
				doc);
	assert_non_null(strstr(r.err, where));
	g_free(where);
	assert_non_null(strstr(r.out, "\"final\":\"done\""));
	run_result_clear(&r);

	/* 1 KiB: a script of 1025 bytes is refused by check. */
	assert_true(g_file_set_contents(script, big, -1, NULL));
	assert_true(g_file_set_contents(
		doc,
		"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" "
		"version=\"1.0\">\n<script src=\"big.js\"/>\n"
		"<final id=\"f\"/></scxml>\n",
		-1, NULL));
	r = run_prog(NULL, "check", "--config", conf, doc, NULL);
	assert_int_equal(r.status, 1);
	where = g_strdup_printf("%s:2: <script src>: 'big.js' is larger than "
				"the src size limit (1024 bytes)",
				doc);
	assert_non_null(strstr(r.err, where));
	g_free(where);
	run_result_clear(&r);

	/* A root that is not a folder is a configuration error. */
	assert_true(g_file_set_contents(
		conf, "[scxml]\ndocument-root = /nonexistent/x\n", -1, NULL));
	r = run_prog(NULL, "check", "--config", conf, doc, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "[scxml] document-root: not a folder"));
	run_result_clear(&r);

	for (const char *const *f = (const char *const[]){
		     doc, child, json, script, conf, NULL};
	     *f; f++)
		g_unlink(*f);
	g_rmdir(root);
	g_rmdir(dir);
	g_free(big);
	g_free(conf_text);
	g_free(conf);
	g_free(script);
	g_free(json);
	g_free(child);
	g_free(doc);
	g_free(root);
	g_free(dir);
}

/* The per-session bounds of [scxml] reach the engine of run and simulate:
 * a chain of 51 self-sent events ends in its final state by default, and
 * past max-event-chain = 20 the session is stopped, exit status 2 and
 * reason "event-loop" in the exit record. */
static void test_session_bounds_config(void **state)
{
	char *doc = doc_path("chain.scxml");
	char *conf =
		g_build_filename(g_get_tmp_dir(), "sipscxml-bounds.conf", NULL);
	run_result r;

	(void)state;
	assert_true(g_file_set_contents(conf, "[scxml]\nmax-event-chain = 20\n",
					-1, NULL));
	g_setenv("SIPSCXML_CONFIG", "", TRUE); /* the defaults */
	r = run_prog(NULL, "run", "--events", "-", doc, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"reason\":\"done\""));
	run_result_clear(&r);
	r = run_prog(NULL, "run", "--config", conf, "--events", "-", doc, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(
		strstr(r.out, "\"final\":null,\"reason\":\"event-loop\""));
	assert_non_null(strstr(r.err, "20 events in a row"));
	run_result_clear(&r);
	r = run_prog("", "simulate", "--config", conf, doc, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "event-loop"));
	run_result_clear(&r);
	assert_true(g_file_set_contents(conf, "[scxml]\nmax-timers = lots\n",
					-1, NULL));
	r = run_prog(NULL, "check", "--config", conf, doc, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "[scxml] max-timers: not a number"));
	run_result_clear(&r);
	g_unlink(conf);
	g_free(conf);
	g_free(doc);
}

/* A run of doc with a config of text: "done" through error.execution,
 * reported on stderr with reason; the exit record's reason is "done". */
static void expect_done_with_config(const char *name, const char *conf_text,
				    const char *reason)
{
	char *doc = doc_path(name);
	char *conf = g_build_filename(g_get_tmp_dir(), "sipscxml-dm.conf",
				      NULL);
	run_result r;

	assert_true(g_file_set_contents(conf, conf_text, -1, NULL));
	r = run_prog(NULL, "run", "--config", conf, "--timeout", "20",
		     "--events", "-", doc, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"name\":\"error.execution\""));
	assert_non_null(
		strstr(r.out, "\"final\":\"done\",\"reason\":\"done\""));
	assert_non_null(strstr(r.err, reason));
	run_result_clear(&r);
	g_unlink(conf);
	g_free(conf);
	g_free(doc);
}

/* Object.freeze(this) is refused (the global object is every session's):
 * error.execution, and the session's own variables still work after it. A
 * <data> larger than the script memory limit, or the session memory
 * limit, is error.execution and the item undefined; the session goes on. */
static void test_hostile_scripts_go_on(void **state)
{
	(void)state;
	expect_done_with_config("freeze-global.scxml", "[scxml]\n",
				"freeze-global.scxml:8: <script>");
	expect_done_with_config("big-data.scxml",
				"[scxml]\nscript-memory-limit = 1\n",
				"exceeded the memory limit (1 MiB");
	expect_done_with_config("big-data.scxml",
				"[scxml]\nsession-memory-limit = 1\n",
				"exceeded the session memory limit");
}

/* A session that keeps running into its memory cap is stopped: run exits
 * 2, the exit record's reason is "memory-limit". */
static void test_memory_limit_exit(void **state)
{
	char *doc = doc_path("memory-hog.scxml");
	char *conf = g_build_filename(g_get_tmp_dir(), "sipscxml-hog.conf",
				      NULL);
	run_result r;

	(void)state;
	assert_true(g_file_set_contents(
		conf, "[scxml]\nsession-memory-limit = 1\n", -1, NULL));
	r = run_prog(NULL, "run", "--config", conf, "--timeout", "20",
		     "--events", "-", doc, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(
		strstr(r.out, "\"final\":null,\"reason\":\"memory-limit\""));
	assert_non_null(strstr(r.err, "session memory limit 3 times"));
	run_result_clear(&r);
	g_unlink(conf);
	g_free(conf);
	g_free(doc);
}

/* Every [scxml] key the sample configuration documents, made live at its
 * documented value, is accepted. */
static void test_sample_scxml_keys(void **state)
{
	const char *top = g_getenv("top_srcdir");
	char *sample = g_build_filename(top ? top : ".", "configs",
					"sipscxml.conf", NULL);
	char *conf =
		g_build_filename(g_get_tmp_dir(), "sipscxml-sample.conf", NULL);
	char *doc = doc_path("ping.scxml");
	char *text = NULL;
	GString *live = g_string_new("[scxml]\n");
	gboolean in_scxml = FALSE;
	guint keys = 0;
	char **lines;
	run_result r;

	(void)state;
	assert_true(g_file_get_contents(sample, &text, NULL, NULL));
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		if ((*l)[0] == '[')
			in_scxml = g_str_equal(*l, "[scxml]");
		else if (in_scxml &&
			 g_regex_match_simple("^#[a-z0-9-]+ =", *l, 0, 0)) {
			g_string_append_printf(live, "%s\n", *l + 1);
			keys++;
		}
	}
	assert_true(keys >= 7);
	assert_true(g_file_set_contents(conf, live->str, -1, NULL));
	r = run_prog(NULL, "check", "--config", conf, doc, NULL);
	assert_int_equal(r.status, 0);
	run_result_clear(&r);
	g_strfreev(lines);
	g_string_free(live, TRUE);
	g_free(text);
	g_unlink(conf);
	g_free(conf);
	g_free(sample);
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
		cmocka_unit_test(test_simulate_deep_json),
		cmocka_unit_test(test_check_deep_json),
		cmocka_unit_test(test_deep_value_error),
		cmocka_unit_test(test_simulate_bad_bytes),
		cmocka_unit_test(test_simulate_name_not_string),
		cmocka_unit_test(test_big_integers),
		cmocka_unit_test(test_simulate_waits_for_timers),
		cmocka_unit_test(test_bad_define),
		cmocka_unit_test(test_bad_bind),
		cmocka_unit_test(test_default_config),
		cmocka_unit_test(test_scxml_limits_config),
		cmocka_unit_test(test_src_config),
		cmocka_unit_test(test_session_bounds_config),
		cmocka_unit_test(test_hostile_scripts_go_on),
		cmocka_unit_test(test_memory_limit_exit),
		cmocka_unit_test(test_sample_scxml_keys),
		cmocka_unit_test(test_dot_command),
		cmocka_unit_test(test_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
