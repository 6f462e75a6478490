/*
 * Sessions of one engine fenced off from each other (issue 7), through the
 * public API (sipscxml/scxml.h) only: two sessions share the engine's one
 * ECMAScript heap; one overwrites built-ins and runs out of its memory cap,
 * the other's results and allocations are unchanged. Each test reads the
 * final state a session reached and what it logged.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <sipscxml/scxml.h>

typedef struct run {
	scxml_doc *doc;
	scxml_session *s;
	GString *log; /* each <log>'s value, one a line */
	char *final;
} run;

static void on_log(scxml_session *s, const char *label, const char *value,
		   void *ud)
{
	run *r = ud;

	g_string_append_printf(r->log, "%s\n", value ? value : "");
}

static void hook_exit(scxml_session *s, const char *final_id,
		    scxml_exit_reason reason, void *ud)
{
	run *r = ud;

	r->final = g_strdup(final_id ? final_id : "(none)");
}

static const scxml_session_hooks hooks = {
	.on_log = on_log,
	.on_exit = hook_exit,
};

/* A session of text, started: it runs to a stable configuration. */
static void start(run *r, scxml_engine *engine, const char *text)
{
	memset(r, 0, sizeof(*r));
	r->doc = scxml_doc_load_memory(engine, text, strlen(text), "t.scxml",
				       NULL);
	assert_non_null(r->doc);
	r->log = g_string_new(NULL);
	r->s = scxml_session_new(engine, r->doc, &hooks, r);
	assert_non_null(r->s);
	assert_int_equal(scxml_session_start(r->s), 0);
}

/* Post an event and let the loop process it (a posted event runs from
 * the session's source on the main context, never inside the post). */
static void post(run *r, const char *name)
{
	scxml_session_post(r->s,
			   scxml_event_new(name, SCXML_EVENT_EXTERNAL, NULL));
	while (g_main_context_iteration(NULL, FALSE))
		;
}

/* The session ended in final state id. */
static void assert_final(run *r, const char *id)
{
	if (!r->final)
		fail_msg("the session did not end; log: %s", r->log->str);
	assert_string_equal(r->final, id);
}

static void finish(run *r)
{
	scxml_session_free(r->s);
	scxml_doc_unref(r->doc);
	g_string_free(r->log, TRUE);
	g_free(r->final);
}

#define DOC_HEAD                                                               \
	"<scxml xmlns='http://www.w3.org/2005/07/scxml' version='1.0' "        \
	"datamodel='ecmascript' initial='a'>"

/* The first session overwrites built-ins (ignored, as writes to read-only
 * properties are in ordinary code) and tries strict-mode and
 * defineProperty writes (error.execution); the second, started after, sees
 * every built-in as it was. */
static void test_builtins_shared_unchanged(void **state)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	run a, b;

	start(&a, engine,
	      DOC_HEAD
	      "<state id='a'><onentry><script>"
	      "Math.max = function () { return 42; };"
	      "Array.prototype.push = null;"
	      "JSON.stringify = function () { return 'x'; };"
	      "Object.prototype.polluted = 1;"
	      "</script>"
	      "<log expr=\"Math.max(1, 2) + ' ' + typeof [].push\"/>"
	      "<script>'use strict'; Math.min = null;</script>"
	      "</onentry>"
	      "<transition event='error.execution' target='b'>"
	      "<log expr='_event.data.message'/></transition></state>"
	      "<state id='b'><onentry>"
	      "<script>Object.defineProperty(String.prototype, 'x', "
	      "{value: 1});</script></onentry>"
	      "<transition event='error.execution' target='refused'/></state>"
	      "<final id='refused'/></scxml>");
	assert_final(&a, "refused");
	assert_non_null(strstr(a.log->str, "2 function\n"));
	assert_non_null(strstr(a.log->str, "TypeError"));
	start(&b, engine,
	      DOC_HEAD
	      "<state id='a'>"
	      "<transition cond=\"Math.max(1, 2) === 2 &amp;&amp; "
	      "typeof [].push === 'function' &amp;&amp; "
	      "JSON.stringify({a: 1}) === '{&quot;a&quot;:1}' &amp;&amp; "
	      "!('polluted' in {}) &amp;&amp; typeof Math.min === "
	      "'function' &amp;&amp; !('x' in String.prototype)\" "
	      "target='intact'/>"
	      "<transition target='changed'/></state>"
	      "<final id='intact'/><final id='changed'/></scxml>");
	assert_final(&b, "intact");
	finish(&a);
	finish(&b);
	scxml_engine_free(engine);
}

/* Each holds 5 MB under an 8 MiB cap per session (10 MB together): the
 * first then runs away and gets error.execution naming the cap; the
 * second still allocates 2 MB more, and the first still has its data. */
static void test_session_memory_cap(void **state)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	static const char doc_fmt[] =
		DOC_HEAD
		"<datamodel><data id='keep' expr=\"(function () { var k = []; "
		"for (var i = 0; i &lt; 50; i++) k.push('%c'.repeat(100000) + "
		"i); return k; })()\"/></datamodel>"
		"<state id='a'><transition event='grow' target='growing'/>"
		"</state>"
		"<state id='growing'><onentry><script>%s</script>"
		"<raise event='grew'/></onentry>"
		"<transition event='grew' target='grown'/>"
		"<transition event='error.execution' target='capped'>"
		"<log expr='_event.data.message'/></transition></state>"
		"<state id='grown'><transition cond='keep.length === 50' "
		"target='grew_kept'/></state>"
		"<state id='capped'><transition cond='keep.length === 50' "
		"target='capped_kept'/></state>"
		"<final id='grew_kept'/><final id='capped_kept'/></scxml>";
	char *hog = g_strdup_printf(doc_fmt, 'a',
				    "var more = []; for (;;) "
				    "more.push(more.length);");
	char *steady = g_strdup_printf(doc_fmt, 'b',
				       "var more = []; for (var i = 0; i &lt; "
				       "20; i++) more.push('c'.repeat(100000)"
				       " + i);");
	run a, b;

	scxml_engine_set_session_memory_limit(engine, 8 << 20);
	start(&a, engine, hog);
	start(&b, engine, steady);
	post(&a, "grow");
	assert_final(&a, "capped_kept");
	if (!strstr(a.log->str, "session memory limit (session-memory-limit, "
				"8 MiB per session)"))
		fail_msg("log: %s", a.log->str);
	post(&b, "grow");
	assert_final(&b, "grew_kept");
	assert_string_equal(b.log->str, "");
	finish(&a);
	finish(&b);
	g_free(hog);
	g_free(steady);
	scxml_engine_free(engine);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtins_shared_unchanged),
		cmocka_unit_test(test_session_memory_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
