/*
 * The voice module inside the real interpreter, with the fake SIP agent
 * (voice_fake_sip.c): a document using <voice:*> elements loads, its
 * actions run with attributes evaluated by the ECMAScript data model, the
 * requestid location is assigned before the result event arrives, result
 * events drive transitions, and the session's end releases its calls.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <sipscxml/scxml_ext.h>

#include "src/voice_module.h"
#include "tests/unit/voice_fake_sip.h"

typedef struct run {
	scxml_engine *engine;
	voice_module *vm;
	scxml_doc *doc;
	scxml_session *s;
	char *final;
	gboolean exited;
	GPtrArray *events; /* names, in order */
} run;

static void on_event(scxml_session *s, const scxml_event *ev, void *ud)
{
	run *r = ud;

	g_ptr_array_add(r->events, g_strdup(ev->name));
}

static void on_exit_hook(scxml_session *s, const char *final_id,
			 scxml_exit_reason reason, void *ud)
{
	run *r = ud;

	r->exited = TRUE;
	r->final = g_strdup(final_id);
}

/* Dispatch what is ready on the main context until nothing is: the
 * session's run, where the events a SIP callback posted are processed. */
static void settle(void)
{
	for (guint i = 0; i < 10000; i++)
		if (!g_main_context_iteration(NULL, FALSE))
			return;
	fail_msg("the main context never went idle");
}

static void run_open(run *r, const char *doc)
{
	static const scxml_session_hooks hooks = {
		.on_event = on_event,
		.on_exit = on_exit_hook,
	};
	GPtrArray *problems = NULL;
	GError *err = NULL;

	memset(r, 0, sizeof(*r));
	r->events = g_ptr_array_new_with_free_func(g_free);
	r->engine = scxml_engine_new(NULL);
	r->vm = voice_module_new(r->engine, NULL, &err);
	assert_non_null(r->vm);
	assert_int_equal(voice_module_start_sip(r->vm, NULL, &err), 0);
	r->doc = scxml_doc_load_memory(r->engine, doc, strlen(doc), "t.scxml",
				       &problems);
	if (!r->doc && problems) {
		for (guint i = 0; i < problems->len; i++) {
			scxml_problem *p = problems->pdata[i];

			print_error("%s:%d: %s\n", p->file, p->line, p->reason);
		}
		g_ptr_array_unref(problems);
	}
	assert_non_null(r->doc);
	assert_true(scxml_doc_uses_namespace(r->doc, VOICE_NS));
	r->s = scxml_session_new(r->engine, r->doc, &hooks, r);
	voice_module_attach_session(r->vm, r->s);
	assert_int_equal(scxml_session_start(r->s), 0);
}

static void run_close(run *r)
{
	scxml_session_free(r->s);
	voice_module_shutdown(r->vm, NULL, NULL);
	voice_module_free(r->vm);
	scxml_doc_unref(r->doc);
	scxml_engine_free(r->engine);
	g_ptr_array_unref(r->events);
	g_free(r->final);
}

#define HEAD                                                                   \
	"<scxml xmlns='http://www.w3.org/2005/07/scxml' "                      \
	"xmlns:voice='http://www.genesyslab.com/modules/interaction' "         \
	"datamodel='ecmascript' version='1.0'>"

static const char flow[] =
	HEAD "<datamodel><data id='bad'/><data id='req'/><data id='call'/>"
	     "</datamodel>"
	     "<state id='dial'>"
	     " <onentry><voice:createcall requestid='bad' "
	     "   from=\"'sip:me@test'\"/></onentry>"
	     " <transition event='error.voice.createcall' "
	     "   cond=\"_event.data.requestid == bad &amp;&amp; "
	     "         _event.data.error == 'invalidrequest'\" "
	     "   target='dial2'/>"
	     " <transition event='*' target='fail'/>"
	     "</state>"
	     "<state id='dial2'>"
	     " <onentry><voice:createcall requestid='req' "
	     "   from=\"'sip:me@test'\" to=\"'sip:bob@test'\" "
	     "   hints=\"({headers: {'X-Account': 42}})\"/></onentry>"
	     " <transition event='voice.createcall.done' "
	     "   cond='_event.data.requestid == req' target='holding'>"
	     "  <assign location='call' expr='_event.data.interactionid'/>"
	     " </transition>"
	     " <transition event='*' target='fail'/>"
	     "</state>"
	     "<state id='holding'>"
	     " <onentry><voice:hold requestid='req' interactionid='call'/>"
	     " </onentry>"
	     " <transition event='voice.hold.done' "
	     "   cond='_event.data.requestid == req &amp;&amp; "
	     "         _event.data.interactionid == call' target='pass'/>"
	     " <transition event='*' target='fail'/>"
	     "</state>"
	     "<final id='pass'/><final id='fail'/>"
	     "</scxml>";

static void test_flow(void **state)
{
	run r;
	fake_op *op;

	run_open(&r, flow);
	/* the malformed createcall sent nothing; the good one an INVITE */
	assert_int_equal(fake_op_count(), 1);
	op = fake_last_op();
	assert_string_equal(op->what, "invite");
	assert_string_equal(op->arg, "sip:bob@test");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Account"),
			    "42");
	fake_complete(op, 200, "OK", FALSE);
	/* The SIP callback only queued voice.createcall.done: the session
	 * moves (and holds) from its run on the loop, after it returned. */
	assert_int_equal(fake_op_count(), 1);
	settle();
	op = fake_last_op();
	assert_string_equal(op->what, "hold");
	assert_false(r.exited);
	fake_complete(op, 200, "OK", FALSE);
	assert_false(r.exited);
	settle();
	assert_true(r.exited);
	assert_string_equal(r.final, "pass");
	/* the session ended: its call is released */
	assert_string_equal(fake_last_op()->what, "hangup");
	run_close(&r);
}

static const char unknown_element[] =
	HEAD "<state id='a'><onentry><voice:dance/></onentry></state>"
	     "</scxml>";

static void test_unknown_element_refused(void **state)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	voice_module *vm = voice_module_new(engine, NULL, NULL);
	GPtrArray *problems = NULL;
	scxml_doc *doc;

	doc = scxml_doc_load_memory(engine, unknown_element,
				    strlen(unknown_element), "t.scxml",
				    &problems);
	assert_null(doc);
	assert_non_null(problems);
	assert_true(problems->len >= 1);
	g_ptr_array_unref(problems);
	voice_module_free(vm);
	scxml_engine_free(engine);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_unknown_element_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
