/*
 * Allocation failures where the code is meant to survive them (issue 9):
 * GLib aborts on a failed allocation by design, but Duktape's and
 * libxml2's allocations can fail, and the interpreter must then go on.
 *
 *   Duktape: the engine's script memory limit (scxml_engine_set_script_
 *   memory_limit) refuses every allocation past a budget. A session is
 *   run under each budget from far too small to enough, in small steps, so
 *   that the first refused allocation falls, budget after budget, on each
 *   allocation site of a session's life (creation, data, scripts, event
 *   data in and out). Each run must end (final state, or error.execution
 *   handled, or the session refused) without a crash.
 *
 *   libxml2: xmlMemSetup with a counter; loading a document fails its
 *   n-th allocation, for n = 1, 2, … until a load needs fewer: the load
 *   must fail cleanly (NULL and problems) or succeed.
 *
 * Each run is a child process (fork), so that one crash does not hide
 * the sites after it: the test lists every budget and every n whose run
 * died, and fails when there is any. Under ./configure
 * --enable-sanitizers each child's exit runs LeakSanitizer, so a leak on a
 * failure path fails that run too. Rerun one case alone, without fork:
 *   ALLOC_FAIL_XML=N tests/alloc/test_alloc_fail      (libxml2, n-th)
 *   ALLOC_FAIL_DUK=BYTES tests/alloc/test_alloc_fail  (Duktape budget)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <sipscxml/scxml.h>

static const char doc_text[] =
	"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" version=\"1.0\" "
	"datamodel=\"ecmascript\" initial=\"s\">"
	"<datamodel><data id=\"a\" expr=\"[1, 2, {k: 'v'}]\"/>"
	"<data id=\"t\">{\"x\": [true, null, 1.5]}</data>"
	"<data id=\"n\" expr=\"0\"/></datamodel>"
	"<state id=\"s\"><onentry><script>"
	"var s = ''; for (var i = 0; i &lt; 200; i++) { s += 'abc' + i; }"
	"a.push({long: s, copy: JSON.parse(JSON.stringify(t))});"
	"</script>"
	"<send target=\"#_internal\" event=\"inner\">"
	"<content expr=\"({list: a, text: t})\"/></send></onentry>"
	"<transition event=\"inner\" target=\"w\">"
	"<assign location=\"n\" expr=\"n + _event.data.list.length\"/>"
	"</transition>"
	"<transition event=\"error.*\" target=\"w\"/></state>"
	"<state id=\"w\"><transition event=\"go\" target=\"f\">"
	"<assign location=\"t\" expr=\"_event.data\"/></transition>"
	"<transition event=\"error.*\" target=\"f\"/></state>"
	"<final id=\"f\"/></scxml>";

typedef struct run {
	gboolean exited;
	gboolean final;
	int errors;
} run;

static void on_event(scxml_session *s, const scxml_event *ev, void *ud)
{
	run *r = ud;

	(void)s;
	if (g_str_has_prefix(ev->name, "error."))
		r->errors++;
}

static void on_exit_hook(scxml_session *s, const char *final_id,
			 scxml_exit_reason reason, void *ud)
{
	run *r = ud;

	(void)s;
	(void)reason;
	r->exited = TRUE;
	r->final = final_id != NULL;
}

/* One session under the current limit; TRUE when it reached its final
 * state with no error. */
static gboolean run_session(scxml_engine *engine, scxml_doc *doc)
{
	static const scxml_session_hooks hooks = {.on_event = on_event,
						  .on_exit = on_exit_hook};
	run r = {0};
	scxml_session *s = scxml_session_new(engine, doc, &hooks, &r);
	JsonNode *data;

	if (!s)
		return FALSE;
	if (scxml_session_start(s) == 0 && !r.exited) {
		data = json_from_string("{\"in\": [1, 2, 3, \"four\"]}", NULL);
		scxml_session_post(s,
				   scxml_event_new("go", SCXML_EVENT_EXTERNAL,
						   data));
		/* A posted event runs from the loop, not the post. */
		for (int k = 0; k < 1000 &&
				g_main_context_iteration(NULL, FALSE);
		     k++)
			;
	}
	scxml_session_free(s);
	return r.final && r.errors == 0;
}

/* A child process runs fn(arg) and exits with its result; returns that,
 * or 128 + the signal that killed it. */
static int in_child(int (*fn)(long), long arg)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		exit(fn(arg));
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return 99;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* One session under a budget: 0 when it reached its final state with no
 * error, 2 when it was short of memory (expected), anything else: a
 * defect (a crash, or a leak reported by LeakSanitizer). */
static int duk_one(long budget)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	GPtrArray *problems = NULL;
	scxml_doc *doc = scxml_doc_load_memory(engine, doc_text,
					       sizeof(doc_text) - 1,
					       "alloc.scxml", &problems);
	int rc;

	if (!doc)
		return 3;
	/* A first session without limit: what the heap holds anyway. */
	if (!run_session(engine, doc))
		return 4;
	scxml_engine_set_script_memory_limit(engine, (gsize)budget);
	rc = run_session(engine, doc) ? 0 : 2;
	/* With the limit lifted, the engine still runs sessions. */
	scxml_engine_set_script_memory_limit(engine, 0);
	if (!run_session(engine, doc))
		rc = 5;
	scxml_doc_unref(doc);
	scxml_engine_free(engine);
	return rc;
}

/* Failures are listed as ranges of the swept value with one outcome. */
typedef struct sweep {
	const char *what;
	long first, last; /* the range being gathered (first 0: none) */
	int rc;
	int bad;
} sweep;

static void sweep_flush(sweep *sw)
{
	if (!sw->first)
		return;
	printf("FAIL: %s %ld", sw->what, sw->first);
	if (sw->last != sw->first)
		printf("..%ld", sw->last);
	printf(": %s %d\n", sw->rc > 128 ? "killed by signal" : "exit status",
	       sw->rc > 128 ? sw->rc - 128 : sw->rc);
	sw->first = 0;
}

static void sweep_add(sweep *sw, long value, int rc, gboolean failed)
{
	if (!failed || (sw->first && rc != sw->rc))
		sweep_flush(sw);
	if (!failed)
		return;
	if (!sw->first) {
		sw->first = value;
		sw->rc = rc;
	}
	sw->last = value;
	sw->bad++;
}

static int duktape_budgets(void)
{
	sweep sw = {.what = "Duktape budget (bytes)"};
	long budget, done_at = 0;
	int runs = 0, short_runs = 0, rc = 2;
	int same = 0; /* failures in a row with one outcome */

	for (budget = 8192; budget < 64L * 1024 * 1024 && rc != 0;
	     budget += budget >= 2 * 1024 * 1024 ? budget / 8
		       : same >= 3		   ? 32768
						   : 8192) {
		int prev = sw.first ? sw.rc : -1;

		rc = in_child(duk_one, budget);
		runs++;
		short_runs += rc == 2;
		sweep_add(&sw, budget, rc, rc != 0 && rc != 2);
		if (rc == 0)
			done_at = budget;
		/* A crash repeated budget after budget is one site: the
		 * sweep strides over it. */
		same = rc != 0 && rc != 2 && rc == prev ? same + 1 : 0;
	}
	sweep_flush(&sw);
	/* The budgets just short of enough, finely: there the refused
	 * allocation falls inside the session's scripts, its event data, its
	 * sends, rather than at its creation. */
	for (budget = done_at - 64 * 1024; done_at && budget < done_at;
	     budget += 2048) {
		if (budget <= 0)
			continue;
		rc = in_child(duk_one, budget);
		runs++;
		short_runs += rc == 2;
		sweep_add(&sw, budget, rc, rc != 0 && rc != 2);
	}
	sweep_flush(&sw);
	printf("duktape: %d budgets, %d short of memory and handled, %d "
	       "failed; complete at %ld bytes\n",
	       runs, short_runs, sw.bad, done_at);
	return sw.bad ? 1 : 0;
}

/* libxml2's allocator, failing the fail_at-th allocation (0: never). */
static long xml_count, xml_fail_at;

static gboolean xml_refuse(void)
{
	return xml_fail_at && ++xml_count == xml_fail_at;
}

static void *xml_malloc(size_t n)
{
	return xml_refuse() ? NULL : malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
	return xml_refuse() ? NULL : realloc(p, n);
}

static char *xml_strdup(const char *s)
{
	return xml_refuse() ? NULL : strdup(s);
}

/* One load with the n-th libxml2 allocation failing: XML_DONE when the
 * load needed fewer allocations (every site was seen), XML_NEXT when it
 * failed cleanly or succeeded; anything else (a crash, a sanitizer's
 * exit status 1, a leak's 23): a defect. */
enum { XML_DONE = 3, XML_NEXT = 4 };

static int xml_one(long n)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	GPtrArray *problems = NULL;
	scxml_doc *doc;
	int rc;

	xml_count = 0;
	xml_fail_at = n;
	doc = scxml_doc_load_memory(engine, doc_text, sizeof(doc_text) - 1,
				    "alloc.scxml", &problems);
	xml_fail_at = 0;
	rc = xml_count < n ? XML_DONE : XML_NEXT;
	if (doc)
		scxml_doc_unref(doc);
	else if (!problems || problems->len == 0)
		rc = 6; /* refused without saying why */
	if (problems)
		g_ptr_array_unref(problems);
	scxml_engine_free(engine);
	xmlCleanupParser();
	return rc;
}

static int libxml2_failures(void)
{
	sweep sw = {.what = "libxml2 allocation failing"};
	long n;
	int rc = XML_NEXT;

	for (n = 1; rc != XML_DONE && n < 100000; n++) {
		rc = in_child(xml_one, n);
		sweep_add(&sw, n, rc, rc != XML_DONE && rc != XML_NEXT);
		if (rc != XML_DONE && rc != XML_NEXT)
			rc = XML_NEXT; /* a defect at n: go on past it */
	}
	sweep_flush(&sw);
	printf("libxml2: %ld loads, the n-th allocation failing in each; %d "
	       "failed\n",
	       n - 1, sw.bad);
	return sw.bad ? 1 : 0;
}

/* libxml2's own messages about the allocations refused: expected. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int main(void)
{
	const char *one_xml = g_getenv("ALLOC_FAIL_XML");
	const char *one_duk = g_getenv("ALLOC_FAIL_DUK");
	int rc;

	/* Before libxml2 allocates anything. */
	if (xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup) != 0)
		return 99;
	xmlSetGenericErrorFunc(NULL, xml_quiet);
	if (one_xml)
		return xml_one(atol(one_xml));
	if (one_duk)
		return duk_one(atol(one_duk));
	rc = libxml2_failures();
	rc |= duktape_budgets();
	return rc;
}
