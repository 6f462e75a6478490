/*
 * The interpreter: event-descriptor matching, conflict resolution and
 * document order, history, invoke life, the null data model, extension
 * elements at run time, stop and free with work pending. Each case runs an
 * inline document on a main loop and checks what the session did: its
 * <log> output (in order), its configuration, its final state.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include <sipscxml/scxml_ext.h>

#include "scxml/scxml_http.h"
#include "scxml/scxml_session_priv.h"

#define HEAD                                                                  \
	"<scxml xmlns='http://www.w3.org/2005/07/scxml' version='1.0' "       \
	"xmlns:t='urn:test' "

typedef struct run {
	scxml_engine *engine;
	scxml_doc *doc;
	scxml_session *s;
	GMainLoop *loop;
	GString *log; /* "label=value " for each <log> */
	GString *events; /* each processed event's name */
	char *final;
	gboolean exited;
	scxml_exit_reason reason;
} run;

static void on_log(scxml_session *s, const char *label, const char *value,
		   void *ud)
{
	run *r = ud;

	(void)s;
	g_string_append_printf(r->log, "%s%s%s ", label ? label : "",
			       label && value ? "=" : "", value ? value : "");
}

static void on_event(scxml_session *s, const scxml_event *ev, void *ud)
{
	run *r = ud;

	(void)s;
	g_string_append_printf(r->events, "%s ", ev->name);
}

static void hook_exit(scxml_session *s, const char *final_id,
		    scxml_exit_reason reason, void *ud)
{
	run *r = ud;

	(void)s;
	r->exited = TRUE;
	r->reason = reason;
	r->final = g_strdup(final_id);
	if (r->loop)
		g_main_loop_quit(r->loop);
}

static const scxml_session_hooks hooks = {
	.on_event = on_event,
	.on_log = on_log,
	.on_exit = hook_exit,
};

static gboolean give_up(gpointer ud)
{
	g_main_loop_quit(ud);
	return G_SOURCE_REMOVE;
}

static void run_open(run *r, scxml_engine *engine, const char *text)
{
	GPtrArray *problems = NULL;

	memset(r, 0, sizeof(*r));
	r->engine = engine ? engine : scxml_engine_new(NULL);
	r->doc = scxml_doc_load_memory(r->engine, text, strlen(text), "t.scxml",
				       &problems);
	if (!r->doc)
		print_message("refused: %s\n",
			      ((scxml_problem *)problems->pdata[0])->reason);
	assert_non_null(r->doc);
	r->log = g_string_new(NULL);
	r->events = g_string_new(NULL);
	r->s = scxml_session_new(r->engine, r->doc, &hooks, r);
	assert_non_null(r->s);
}

static void run_to_end_started(run *r);

/* Dispatch what is ready on the main context until nothing is (a posted
 * event is processed from the session's run there, never inside the
 * post). Bounded, for a document that would keep the loop busy. */
static void settle(void)
{
	for (guint i = 0; i < 100000; i++)
		if (!g_main_context_iteration(NULL, FALSE))
			return;
	fail_msg("the main context never went idle");
}

/* Post an external event and let the session process it. */
static void post_settle(scxml_session *s, const char *name, JsonNode *data)
{
	scxml_session_post(s, scxml_event_new(name, SCXML_EVENT_EXTERNAL,
					      data));
	settle();
}

/* Start, then run the main loop until the session ends (at most 5 s). */
static void run_to_end(run *r)
{
	assert_int_equal(scxml_session_start(r->s), 0);
	run_to_end_started(r);
}

/* The main loop until the started session ends (at most 5 s). */
static void run_to_end_started(run *r)
{
	guint limit;

	if (r->exited)
		return;
	r->loop = g_main_loop_new(NULL, FALSE);
	limit = g_timeout_add_seconds(5, give_up, r->loop);
	g_main_loop_run(r->loop);
	if (r->exited) /* else give_up ran, and removed itself */
		g_source_remove(limit);
	g_main_loop_unref(r->loop);
	r->loop = NULL;
}

static void run_close(run *r, gboolean free_engine)
{
	scxml_session_free(r->s);
	scxml_doc_unref(r->doc);
	if (free_engine)
		scxml_engine_free(r->engine);
	g_string_free(r->log, TRUE);
	g_string_free(r->events, TRUE);
	g_free(r->final);
}

static void test_descriptor_matching(void **state)
{
	char *go[] = {"go", NULL};
	char *any[] = {"*", NULL};
	char *two[] = {"a.b", "c", NULL};

	(void)state;
	assert_true(scxml_name_match(go, "go"));
	assert_true(scxml_name_match(go, "go.now"));
	assert_false(scxml_name_match(go, "gone"));
	assert_false(scxml_name_match(go, "g"));
	assert_true(scxml_name_match(any, "anything.at.all"));
	assert_true(scxml_name_match(two, "a.b.c"));
	assert_false(scxml_name_match(two, "a.bc"));
	assert_false(scxml_name_match(two, "a"));
	assert_true(scxml_name_match(two, "c"));
}

/* In a parallel state both regions take "e" (document order of their
 * content); a descendant's transition preempts its ancestor's. */
static void test_conflicts_and_document_order(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript'>\n"
		      "<parallel id='p'>\n"
		      " <transition event='e' target='fail'/>\n"
		      " <state id='r1'><state id='a'>"
		      "  <transition event='e' target='a2'><log label='r1'/>"
		      "</transition></state><state id='a2'/></state>\n"
		      " <state id='r2'><state id='b'>"
		      "  <transition event='e' target='b2'><log label='r2'/>"
		      "</transition></state><state id='b2'>"
		      "  <transition event='f' target='done'/></state></state>\n"
		      " <onentry><raise event='e'/><raise event='f'/></onentry>\n"
		      "</parallel>\n"
		      "<final id='done'/><final id='fail'/>\n"
		      "</scxml>");
	run_to_end(&r);
	assert_string_equal(r.log->str, "r1 r2 ");
	assert_string_equal(r.final, "done");
	assert_int_equal(r.reason, SCXML_EXIT_DONE);
	run_close(&r, TRUE);
}

static void test_history(void **state)
{
	run r;
	const char **conf;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript' initial='outer'>\n"
		      "<state id='outer'>\n"
		      " <history id='hs'><transition target='o1'/></history>\n"
		      " <history id='hd' type='deep'><transition "
		      "target='o1'/></history>\n"
		      " <state id='o1'><transition event='next' target='o2'/>"
		      "</state>\n"
		      " <state id='o2' initial='o2a'><state id='o2a'>"
		      "<transition event='next' target='o2b'/></state>"
		      "<state id='o2b'/></state>\n"
		      " <transition event='out' target='away'/>\n"
		      "</state>\n"
		      "<state id='away'>\n"
		      " <transition event='shallow' target='hs'/>\n"
		      " <transition event='deep' target='hd'/>\n"
		      "</state>\n"
		      "</scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	post_settle(r.s, "next", NULL);
	post_settle(r.s, "next", NULL);
	post_settle(r.s, "out", NULL);
	/* Shallow: back to o2, entered by default (o2a). */
	post_settle(r.s, "shallow", NULL);
	conf = scxml_session_configuration(r.s);
	assert_string_equal(conf[0], "o2a");
	assert_null(conf[1]);
	g_free(conf);
	post_settle(r.s, "next", NULL);
	post_settle(r.s, "out", NULL);
	/* Deep: back to o2b itself. */
	post_settle(r.s, "deep", NULL);
	conf = scxml_session_configuration(r.s);
	assert_string_equal(conf[0], "o2b");
	g_free(conf);
	run_close(&r, TRUE);
}

static void count_critical(const gchar *domain, GLogLevelFlags level,
			   const gchar *message, gpointer ud)
{
	(void)domain;
	(void)level;
	(void)message;
	(*(int *)ud)++;
}

/* One lifecycle state: NEW -> RUNNING -> STOPPING -> ENDED; the greater
 * end wins while stopping (cancel over failure over final); an illegal
 * move is refused with a critical and changes nothing. */
static void test_lifecycle_moves(void **state)
{
	int criticals = 0;
	guint handler;
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='null'><state id='a'/></scxml>");
	assert_int_equal(r.s->life, SCXML_LIFE_NEW);
	assert_int_equal(scxml_session_start(r.s), 0);
	assert_int_equal(r.s->life, SCXML_LIFE_RUNNING);
	assert_int_equal(r.s->end, SCXML_END_NONE);
	handler = g_log_set_handler(NULL, G_LOG_LEVEL_CRITICAL,
				    count_critical, &criticals);
	/* STOPPING needs an end; NEW is behind it. */
	scxml_session_move(r.s, SCXML_LIFE_STOPPING, SCXML_END_NONE);
	scxml_session_move(r.s, SCXML_LIFE_NEW, SCXML_END_NONE);
	assert_int_equal(criticals, 2);
	assert_int_equal(r.s->life, SCXML_LIFE_RUNNING);
	scxml_session_move(r.s, SCXML_LIFE_STOPPING, SCXML_END_FINAL);
	scxml_session_move(r.s, SCXML_LIFE_STOPPING, SCXML_END_CANCELLED);
	scxml_session_move(r.s, SCXML_LIFE_STOPPING, SCXML_END_FAILED);
	assert_int_equal(r.s->life, SCXML_LIFE_STOPPING);
	assert_int_equal(r.s->end, SCXML_END_CANCELLED);
	assert_int_equal(criticals, 2);
	g_log_remove_handler(NULL, handler);
	/* No run on the stack here: stop ends it at once, cancelled. */
	settle();
	scxml_session_stop(r.s);
	assert_int_equal(r.s->life, SCXML_LIFE_ENDED);
	assert_true(r.exited);
	assert_int_equal(r.reason, SCXML_EXIT_CANCEL);
	handler = g_log_set_handler(NULL, G_LOG_LEVEL_CRITICAL,
				    count_critical, &criticals);
	scxml_session_move(r.s, SCXML_LIFE_RUNNING, SCXML_END_NONE);
	assert_int_equal(criticals, 3);
	assert_int_equal(r.s->life, SCXML_LIFE_ENDED);
	g_log_remove_handler(NULL, handler);
	run_close(&r, TRUE);
}

/* What a component's callback (a SIP or HTTP callback, a timer) saw of
 * the session right after it posted, before it returned. */
typedef struct poster {
	run *r;
	char *config_after_post;  /* atomic states, space-separated */
	char *events_after_post;  /* r->events then */
	gboolean one_source;	  /* the three posts share one run source */
} poster;

static char *config_text(scxml_session *s)
{
	const char **conf = scxml_session_configuration(s);
	char *text = g_strjoinv(" ", (char **)conf);

	g_free(conf);
	return text;
}

static gboolean post_from_callback(gpointer ud)
{
	poster *p = ud;
	scxml_session *s = p->r->s;
	guint source;

	scxml_session_post(s, scxml_event_new("go", SCXML_EVENT_EXTERNAL,
					      NULL));
	source = s->idle_id;
	scxml_session_post(s, scxml_event_new("go", SCXML_EVENT_EXTERNAL,
					      NULL));
	/* An error raised by a component outside a macrostep (the HTTP
	 * client's failure, a timer's unreachable target) waits too. */
	scxml_session_error_at(s, "error.communication", NULL, "send", 0,
			       "from a callback");
	scxml_session_run_internal(s);
	scxml_session_post(s, scxml_event_new("go", SCXML_EVENT_EXTERNAL,
					      NULL));
	p->one_source = source != 0 && s->idle_id == source;
	p->config_after_post = config_text(s);
	p->events_after_post = g_strdup(p->r->events->str);
	return G_SOURCE_REMOVE;
}

/* A module posts from a callback of its own: the macrostep runs from the
 * session's source on the loop after the callback returned, never inside
 * the post (issue 7: no macrostep inside a SIP callback). The internal
 * error comes first, then the three events in order. */
static void test_post_runs_from_the_loop(void **state)
{
	poster p = {0};
	run r;
	char *conf;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='a'><transition event='go' target='b'/>"
		      "<transition event='error.*' target='a'/></state>\n"
		      "<state id='b'><transition event='go' target='c'/>"
		      "</state>\n"
		      "<state id='c'><transition event='go' target='end'/>"
		      "</state>\n"
		      "<final id='end'/></scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	p.r = &r;
	g_idle_add(post_from_callback, &p);
	/* One iteration dispatches the callback alone: the session's run
	 * source is added while it runs, so it waits for the next one. */
	g_main_context_iteration(NULL, FALSE);
	assert_non_null(p.config_after_post);
	assert_string_equal(p.config_after_post, "a");
	assert_string_equal(p.events_after_post, "");
	assert_true(p.one_source);
	assert_false(r.exited);
	settle();
	conf = config_text(r.s);
	assert_string_equal(conf, "");
	g_free(conf);
	assert_string_equal(r.events->str, "error.communication go go go ");
	assert_string_equal(r.final, "end");
	g_free(p.config_after_post);
	g_free(p.events_after_post);
	run_close(&r, TRUE);
}

/* The parent invokes a child, they talk, the child ends: done.invoke. A
 * second child is cancelled by leaving its state: its delayed event to the
 * parent never arrives. */
static void test_invoke_lifecycle(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript' initial='s1'>\n"
		      "<state id='s1'>\n"
		      " <invoke id='kid'><param name='greeting' expr=\"'hi'\"/>"
		      "<content><scxml version='1.0' datamodel='ecmascript'>"
		      "<datamodel><data id='greeting' expr=\"'none'\"/></datamodel>"
		      "<state id='c'><onentry><send target='#_parent' "
		      "event='hello'><param name='g' expr='greeting'/></send>"
		      "</onentry><transition event='reply' target='end'/></state>"
		      "<final id='end'><donedata><param name='n' expr='7'/>"
		      "</donedata></final></scxml></content>"
		      "<finalize><log label='finalize' expr='_event.name'/>"
		      "</finalize></invoke>\n"
		      " <transition event='hello'><log label='got' "
		      "expr='_event.data.g'/><send target='#_kid' "
		      "event='reply'/></transition>\n"
		      " <transition event='done.invoke.kid' target='s2'>"
		      "<log label='n' expr='_event.data.n'/></transition>\n"
		      "</state>\n"
		      "<state id='s2'>\n"
		      " <invoke id='late'><content><scxml version='1.0'>"
		      "<state id='w'><onentry><send target='#_parent' "
		      "event='tooLate' delay='200ms'/></onentry></state>"
		      "</scxml></content></invoke>\n"
		      " <onentry><send event='leave' delay='50ms'/>"
		      "<send event='check' delay='400ms'/></onentry>\n"
		      " <transition event='leave' target='s3'/>\n"
		      "</state>\n"
		      "<state id='s3'>\n"
		      " <transition event='tooLate' target='fail'/>\n"
		      " <transition event='check' target='pass'/>\n"
		      "</state>\n"
		      "<final id='pass'/><final id='fail'/>\n"
		      "</scxml>");
	run_to_end(&r);
	assert_string_equal(r.log->str,
			    "finalize=hello got=hi finalize=done.invoke.kid n=7 ");
	/* The child's own events reach the owner's observer too. */
	assert_non_null(strstr(r.events->str, "hello reply done.invoke.kid"));
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

static void test_null_datamodel(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='null'>\n"
		      "<parallel id='p'>\n"
		      " <state id='a'><transition cond=\"In('b')\" "
		      "target='checked'/></state>\n"
		      " <state id='b'/>\n"
		      "</parallel>\n"
		      "<state id='checked'><onentry><log expr='1+1'/>"
		      "<raise event='not-reached'/></onentry>"
		      "<transition event='error.execution' target='pass'/>"
		      "<transition event='not-reached' target='fail'/></state>\n"
		      "<final id='pass'/><final id='fail'/>\n"
		      "</scxml>");
	run_to_end(&r);
	/* The failed <log> raised error.execution and stopped its block. */
	assert_string_equal(r.final, "pass");
	assert_string_equal(r.events->str, "error.execution ");
	run_close(&r, TRUE);
}

/* ---- a test module -------------------------------------------------------- */

typedef struct later {
	scxml_session *s;
	char *text;
} later;

static gboolean post_later(gpointer ud)
{
	later *l = ud;
	JsonNode *data = json_node_new(JSON_NODE_VALUE);

	json_node_set_string(data, l->text);
	scxml_session_post(l->s, scxml_event_new("t.done",
						 SCXML_EVENT_EXTERNAL, data));
	g_free(l->text);
	g_free(l);
	return G_SOURCE_REMOVE;
}

/* <t:act value="expr" into="location"/>: stores value*2 into the location
 * at once, and posts t.done with the value as a string later. */
static int act_execute(scxml_action *act, void *module_data)
{
	JsonNode *v = scxml_action_value(act, "value");
	later *l = g_new0(later, 1);
	JsonNode *twice = json_node_new(JSON_NODE_VALUE);

	(*(int *)module_data)++;
	assert_true(scxml_action_has(act, "value"));
	assert_string_equal(scxml_action_element(act), "act");
	assert_non_null(strstr(scxml_action_where(act), "t.scxml:"));
	json_node_set_int(twice, json_node_get_int(v) * 2);
	if (scxml_action_has(act, "into"))
		scxml_action_assign(act, "into", twice);
	else
		json_node_unref(twice);
	l->s = scxml_action_session(act);
	l->text = g_strdup(scxml_action_string(act, "value"));
	g_idle_add(post_later, l);
	return 0;
}

static const scxml_attr_spec act_attrs[] = {
	{"value", SCXML_ATTR_VALUE, TRUE},
	{"into", SCXML_ATTR_LOCATION, FALSE},
	{NULL},
};

static void test_extension_registry(void **state)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	int calls = 0;
	const scxml_ext_element el = {"urn:test", "act", act_attrs,
				      act_execute, &calls};
	run r;

	(void)state;
	assert_int_equal(scxml_engine_register(engine, &el), 0);
	assert_true(scxml_engine_has_namespace(engine, "urn:test"));
	run_open(&r, engine,
		 HEAD "datamodel='ecmascript'>\n"
		      "<datamodel><data id='out'/></datamodel>\n"
		      "<state id='s'><onentry>\n"
		      " <t:act value='20+1' into='out'/>\n"
		      " <log label='out' expr='out'/>\n"
		      " <t:act value='nosuchvar' into='out'/>\n"
		      " <log label='not reached'/>\n"
		      "</onentry>\n"
		      "<transition event='t.done' cond=\"_event.data == '21'\" "
		      "target='pass'/>\n"
		      "</state>\n"
		      "<final id='pass'/>\n"
		      "</scxml>");
	run_to_end(&r);
	/* The second element's value failed: no call, error.execution,
	 * and the rest of the block skipped. */
	assert_int_equal(calls, 1);
	assert_string_equal(r.log->str, "out=42 ");
	assert_string_equal(r.final, "pass");
	assert_non_null(strstr(r.events->str, "error.execution"));
	run_close(&r, TRUE);
}

/* A runaway script is cut off; the session raises error.execution and
 * goes on. */
static void test_runaway_script(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='s'><onentry><script>while (true) {}</script>"
		      "</onentry>"
		      "<transition event='error.execution' target='pass'/>"
		      "</state><final id='pass'/></scxml>");
	scxml_engine_set_script_limit_ms(r.engine, 100);
	run_to_end(&r);
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

/* Stopping and freeing with timers and a child pending leaves nothing
 * behind (the sanitizer build checks the memory). */
static void test_stop_with_pending_work(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='s'><onentry><send event='later' delay='10s'/>"
		      "</onentry><invoke><content><scxml version='1.0'>"
		      "<state id='c'><onentry><send event='x' delay='10s'/>"
		      "</onentry></state></scxml></content></invoke></state>"
		      "</scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	assert_true(scxml_session_pending(r.s));
	scxml_session_stop(r.s);
	assert_true(r.exited);
	assert_int_equal(r.reason, SCXML_EXIT_CANCEL);
	assert_null(r.final);
	assert_false(scxml_session_pending(r.s));
	run_close(&r, TRUE);
}

/* Eventless transitions that never settle: the session is stopped with
 * SCXML_EXIT_ERROR instead of holding the engine for ever. */
static void test_endless_macrostep(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='null'>\n"
		      "<state id='a'><transition target='b'/></state>\n"
		      "<state id='b'><transition target='a'/></state>\n"
		      "</scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	assert_true(r.exited);
	assert_int_equal(r.reason, SCXML_EXIT_ERROR);
	assert_null(r.final);
	run_close(&r, TRUE);
}

/* A session that keeps sending itself events still lets timers run: its
 * delayed "stop" arrives. (Such a loop is stopped past max_event_chain,
 * test_event_loop; here that bound is off.) */
static void test_self_sending_does_not_starve(void **state)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	scxml_session_limits lim;
	run r;

	(void)state;
	scxml_engine_get_session_limits(engine, &lim);
	lim.max_event_chain = 0;
	scxml_engine_set_session_limits(engine, &lim);
	run_open(&r, engine,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='s'><onentry><send event='ping'/>"
		      "<send event='stop' delay='100ms'/></onentry>\n"
		      " <transition event='ping'><send event='ping'/>"
		      "</transition>\n"
		      " <transition event='stop' target='done'/>\n"
		      "</state><final id='done'/></scxml>");
	run_to_end(&r);
	assert_string_equal(r.final, "done");
	run_close(&r, TRUE);
}

static void free_on_exit(scxml_session *s, const char *final_id,
			 scxml_exit_reason reason, void *ud)
{
	(void)final_id;
	(void)reason;
	*(int *)ud += 1;
	scxml_session_free(s);
}

/* An owner may free the session from its on_exit hook, whether the end
 * came from a final state or from a stop. */
static void test_free_from_exit_hook(void **state)
{
	const char *text = HEAD "datamodel='null'>\n"
				"<state id='a'><transition event='go' "
				"target='end'/></state><final id='end'/>"
				"</scxml>";
	const scxml_session_hooks h = {.on_exit = free_on_exit};
	scxml_engine *engine = scxml_engine_new(NULL);
	scxml_doc *doc = scxml_doc_load_memory(engine, text, strlen(text),
					       "t.scxml", NULL);
	scxml_session *s;
	int exits = 0;

	(void)state;
	assert_non_null(doc);
	s = scxml_session_new(engine, doc, &h, &exits);
	scxml_session_start(s);
	post_settle(s, "go", NULL);
	assert_int_equal(exits, 1);
	s = scxml_session_new(engine, doc, &h, &exits);
	scxml_session_start(s);
	scxml_session_stop(s);
	assert_int_equal(exits, 2);
	scxml_doc_unref(doc);
	scxml_engine_free(engine);
}

/* A document that invokes itself: the nesting stops with error.execution
 * at a fixed depth, and the chain unwinds through done.invoke. */
static void test_self_invoking_document(void **state)
{
	char *dir = g_dir_make_tmp("scxml-XXXXXX", NULL);
	char *path = g_build_filename(dir, "self.scxml", NULL);
	const char *text =
		HEAD "datamodel='ecmascript'>\n"
		     "<state id='s'><invoke src='self.scxml'/>"
		     "<transition event='error.execution done.invoke' "
		     "target='end'/></state><final id='end'/></scxml>";
	scxml_engine *engine = scxml_engine_new(NULL);
	scxml_doc *doc;
	run r;

	(void)state;
	assert_true(g_file_set_contents(path, text, -1, NULL));
	doc = scxml_doc_load_file(engine, path, NULL);
	assert_non_null(doc);
	memset(&r, 0, sizeof(r));
	r.engine = engine;
	r.doc = doc;
	r.log = g_string_new(NULL);
	r.events = g_string_new(NULL);
	r.s = scxml_session_new(engine, doc, &hooks, &r);
	run_to_end(&r);
	assert_string_equal(r.final, "end");
	run_close(&r, TRUE);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
}

static void store_result(GObject *src, GAsyncResult *res, gpointer ud)
{
	(void)src;
	*(GAsyncResult **)ud = g_object_ref(res);
}

/* Basic HTTP between two engines, over the loopback network: B's
 * location receives A's POST as an event (name, form data, raw request,
 * origintype); a target nobody listens on is error.communication. */
static void test_basic_http(void **state)
{
	const char *receiver =
		HEAD "datamodel='ecmascript'>\n"
		     "<datamodel><data id='loc' "
		     "expr=\"_ioprocessors['basichttp'].location\"/>"
		     "</datamodel>\n"
		     "<state id='w'><transition event='hello' cond=\"_event.data.x "
		     "== '1' &amp;&amp; _event.raw.indexOf('POST /scxml/') === 0 "
		     "&amp;&amp; _event.origintype === "
		     "'http://www.w3.org/TR/scxml/#BasicHTTPEventProcessor'\" "
		     "target='got'/></state><final id='got'/></scxml>";
	const char *sender =
		HEAD "datamodel='ecmascript'>\n"
		     "<datamodel><data id='target'/><data id='dead'/></datamodel>\n"
		     "<state id='s'><onentry>"
		     "<send type='basichttp' targetexpr='target' event='hello'>"
		     "<param name='x' expr='1'/></send>"
		     "<send type='basichttp' targetexpr='dead' event='lost'/>"
		     "</onentry>"
		     "<transition event='error.communication' target='told'/>"
		     "</state><final id='told'/></scxml>";
	run a, b;
	char *url;
	gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

	(void)state;
	run_open(&b, NULL, receiver);
	run_open(&a, NULL, sender);
	assert_int_equal(scxml_session_start(b.s), 0);
	url = scxml_http_location(scxml_engine_http(b.engine),
				  scxml_session_id(b.s));
	assert_non_null(url);
	assert_int_equal(scxml_session_define(a.s, "target", url), 0);
	/* A port that was just free: nothing listens there. */
	assert_int_equal(scxml_session_define(a.s, "dead",
					      "http://127.0.0.1:9/scxml/x"),
			 0);
	assert_int_equal(scxml_session_start(a.s), 0);
	/* Both ends run on this thread's main context. */
	while (!(a.exited && b.exited) && g_get_monotonic_time() < deadline)
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
	assert_string_equal(b.final, "got");
	assert_string_equal(a.final, "told");
	g_free(url);
	run_close(&a, TRUE);
	run_close(&b, TRUE);
}

/* Text from outside that is not UTF-8 — a --define value, the fields and
 * body of an HTTP request — reaches the session with U+FFFD for each bad
 * byte, the rest intact. */
static void test_outside_text_made_utf8(void **state)
{
	const char *doc =
		HEAD "datamodel='ecmascript'>\n"
		     "<datamodel><data id='v'/></datamodel>\n"
		     "<state id='w'><transition event='HTTP.POST' "
		     "cond=\"v === 'a\\uFFFDb' &amp;&amp; _event.data === "
		     "'c\\uFFFDd'\" target='body'/></state>\n"
		     "<state id='body'><transition event='form' "
		     "cond=\"_event.data['k\\uFFFD'] === '\\uFFFDz'\" "
		     "target='end'/></state>\n"
		     "<final id='end'/></scxml>";
	static const char *const bodies[][2] = {
		{"text/plain", "c\xff" "d"},
		{"application/x-www-form-urlencoded",
		 "_scxmleventname=form&k%FF=%FEz"},
	};
	SoupSession *http = soup_session_new();
	gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
	char *url;
	run r;

	(void)state;
	run_open(&r, NULL, doc);
	assert_int_equal(scxml_session_define(r.s, "v", "a\xff" "b"), 0);
	assert_int_equal(scxml_session_start(r.s), 0);
	url = scxml_http_location(scxml_engine_http(r.engine),
				  scxml_session_id(r.s));
	assert_non_null(url);
	for (guint i = 0; i < G_N_ELEMENTS(bodies); i++) {
		SoupMessage *m = soup_message_new("POST", url);
		GBytes *body = g_bytes_new_static(bodies[i][1],
						  strlen(bodies[i][1]));
		GAsyncResult *res = NULL;
		GBytes *reply;

		soup_message_set_request_body_from_bytes(m, bodies[i][0],
							 body);
		soup_session_send_and_read_async(http, m, G_PRIORITY_DEFAULT,
						 NULL, store_result, &res);
		/* The server runs on this thread's main context too. */
		while (!res && g_get_monotonic_time() < deadline)
			g_main_context_iteration(NULL, TRUE);
		assert_non_null(res);
		reply = soup_session_send_and_read_finish(http, res, NULL);
		assert_int_equal(soup_message_get_status(m), 200);
		g_bytes_unref(reply);
		g_object_unref(res);
		g_bytes_unref(body);
		g_object_unref(m);
	}
	while (!r.exited && g_get_monotonic_time() < deadline)
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
	assert_string_equal(r.final, "end");
	g_free(url);
	g_object_unref(http);
	run_close(&r, TRUE);
}

/* A <data src> that could not be read raises error.execution at run time
 * with the reason found at load: missing, not a regular file, over the
 * src size limit (outside the document root: test_cli). The item exists,
 * undefined. */
static void test_data_src_reason(void **state)
{
	char *dir = g_dir_make_tmp("scxml-interp-XXXXXX", NULL);
	char *big = g_build_filename(dir, "big.json", NULL);
	char *text = g_strdup_printf(
		HEAD "datamodel='ecmascript'>\n<datamodel>"
		     "<data id='gone' src='%s/gone.json'/>\n"
		     "<data id='dev' src='/dev/null'/>\n"
		     "<data id='big' src='%s'/></datamodel>\n"
		     "<state id='s'><onentry><raise event='check'/></onentry>"
		     "<transition event='error.execution'>"
		     "<log label='e' expr='_event.data.line + \" \" + "
		     "_event.data.reason'/></transition>"
		     "<transition event='check' "
		     "cond='typeof big === \"undefined\"' "
		     "target='end'/></state><final id='end'/></scxml>",
		dir, big);
	scxml_engine *engine;
	char *want;
	run r;

	(void)state;
	assert_true(g_file_set_contents(big, "[1, 2, 3]", -1, NULL));
	engine = scxml_engine_new(NULL);
	scxml_engine_set_src_limits(engine, NULL, 4);
	run_open(&r, engine, text);
	run_to_end(&r);
	assert_string_equal(r.final, "end");
	want = g_strdup_printf("e=2 id \"gone\": cannot read src: '%s/gone.json':"
			       " No such file or directory e=3 id \"dev\": "
			       "cannot read src: '/dev/null' is not a regular "
			       "file e=4 id \"big\": cannot read src: '%s' is "
			       "larger than the src size limit (4 bytes) ",
			       dir, big);
	assert_string_equal(r.log->str, want);
	run_close(&r, TRUE);
	g_unlink(big);
	g_rmdir(dir);
	g_free(want);
	g_free(text);
	g_free(big);
	g_free(dir);
}

/* ---- per-session bounds ------------------------------------------------ */

/* An engine whose sessions have the default bounds but one. */
static scxml_engine *engine_with(gsize field, guint value)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	scxml_session_limits lim;

	scxml_engine_get_session_limits(engine, &lim);
	*(guint *)((char *)&lim + field) = value;
	scxml_engine_set_session_limits(engine, &lim);
	return engine;
}

#define LIMIT(f) offsetof(scxml_session_limits, f)

/* A loop across macrosteps — each entry sends the event that re-enters —
 * never settles a macrostep, so the microstep guard never sees it: past
 * max_event_chain events sent in a row it is stopped, "event-loop". */
static void test_event_loop(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_event_chain), 1000),
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='a'><onentry><send event='x'/></onentry>"
		      "<transition event='x' target='a'/></state></scxml>");
	run_to_end(&r);
	assert_true(r.exited);
	assert_int_equal(r.reason, SCXML_EXIT_ERROR);
	assert_string_equal(scxml_session_failure(r.s), "event-loop");
	run_close(&r, TRUE);
}

/* The chain goes through other sessions too: a parent that invokes again
 * on each done.invoke of a child that ends at once loops across their
 * macrosteps (the parent is stopped), and so do a parent and a child that
 * answers each autoforwarded event to #_parent (the one whose send is past
 * the bound is stopped: here the child, which sends the odd links). */
static void test_event_loop_through_children(void **state)
{
	gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
	scxml_child *c = NULL;
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_event_chain), 1000),
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='p'><invoke><content><scxml version='1.0'>"
		      "<final id='f'/></scxml></content></invoke>"
		      "<transition event='done.invoke' target='p'/></state>"
		      "</scxml>");
	run_to_end(&r);
	assert_true(r.exited);
	assert_string_equal(scxml_session_failure(r.s), "event-loop");
	run_close(&r, TRUE);

	run_open(&r, engine_with(LIMIT(max_event_chain), 1000),
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='p'><onentry><send event='x' delay='10ms'/>"
		      "</onentry><invoke id='kid' autoforward='true'><content>"
		      "<scxml version='1.0'><state id='c'><transition "
		      "event='x'><send target='#_parent' event='x'/>"
		      "</transition></state></scxml></content></invoke>"
		      "</state></scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	while (g_get_monotonic_time() < deadline &&
	       (!(c = scxml_invoke_child(r.s, "kid")) ||
		!scxml_session_finished(c->session)))
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
	assert_non_null(c);
	assert_string_equal(scxml_session_failure(c->session), "event-loop");
	assert_false(r.exited);
	run_close(&r, TRUE);
}

/* TRUE when the one atomic state of s's configuration is id. */
static gboolean only_in(scxml_session *s, const char *id)
{
	const char **conf = scxml_session_configuration(s);
	gboolean in = conf[0] && !strcmp(conf[0], id) && !conf[1];

	g_free(conf);
	return in;
}

/* A child the engine stops (here: it loops) is no final state: its parent
 * gets no done.invoke but error.communication naming the invokeid, the
 * failure and the <invoke>'s line, without running <finalize>, and the
 * invocation is over (nothing pending). Without it the parent would wait
 * for ever. */
static void test_invoke_child_stopped(void **state)
{
	const char *doc =
		HEAD "datamodel='ecmascript'>\n"
		     "<state id='p'>\n"
		     "<invoke id='kid'><content><scxml version='1.0'>"
		     "<state id='c'><onentry><send event='x'/></onentry>"
		     "<transition event='x' target='c'/></state>"
		     "</scxml></content><finalize><log label='finalize' "
		     "expr='_event.name'/></finalize></invoke>\n"
		     "<transition event='error.communication' cond=\""
		     "_event.invokeid === 'kid' &amp;&amp; _event.data.invokeid"
		     " === 'kid' &amp;&amp; _event.data.failure === "
		     "'event-loop' &amp;&amp; _event.data.tagname === 'invoke'"
		     " &amp;&amp; _event.data.line === 3\" target='pass'>"
		     "<log label='reason' expr='_event.data.reason'/>"
		     "</transition>\n"
		     "<transition event='*' target='fail'/></state>\n"
		     "<final id='pass'/><final id='fail'/></scxml>";
	gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
	scxml_child *c;
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_event_chain), 1000), doc);
	run_to_end(&r);
	assert_string_equal(r.final, "pass");
	assert_null(strstr(r.log->str, "finalize"));
	assert_non_null(strstr(r.log->str,
			       "reason=invoked session 'kid' was stopped "
			       "(event-loop): 1000 events in a row"));
	run_close(&r, TRUE);

	/* Stopped from outside: "cancelled"; the parent then has nothing
	 * pending from it. */
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='p'>\n"
		      "<invoke id='kid'><content><scxml version='1.0'>"
		      "<state id='c'/></scxml></content></invoke>\n"
		      "<transition event='error.communication' cond=\""
		      "_event.data.failure === 'cancelled'\" target='w'/>"
		      "</state>\n"
		      "<state id='w'><transition event='go' target='pass'/>"
		      "</state><final id='pass'/></scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	c = scxml_invoke_child(r.s, "kid");
	assert_non_null(c);
	assert_true(scxml_session_pending(r.s));
	scxml_session_stop(c->session);
	while (g_get_monotonic_time() < deadline &&
	       !only_in(r.s, "w"))
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
	assert_true(only_in(r.s, "w"));
	assert_false(scxml_session_pending(r.s));
	post_settle(r.s, "go", NULL);
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

/* A <raise> past max_internal_events fails with error.execution (tagname
 * "raise") and stops its block; the events queued before it are all
 * processed and the session goes on. */
static void test_internal_queue_bound(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_internal_events), 100),
		 HEAD "datamodel='ecmascript'>\n"
		      "<datamodel><data id='n' expr='0'/><data id='items' "
		      "expr='[]'/></datamodel>\n"
		      "<script>for (var k = 0; k &lt; 150; k++) "
		      "items.push(k);</script>\n"
		      "<state id='s'><onentry><foreach array='items' "
		      "item='i'><raise event='x'/></foreach>"
		      "<raise event='end'/></onentry>\n"
		      " <transition event='x'><assign location='n' "
		      "expr='n + 1'/></transition>\n"
		      " <transition event='error.execution' cond=\"n === 100 "
		      "&amp;&amp; _event.data.tagname === 'raise'\" "
		      "target='pass'/>\n"
		      " <transition event='*' target='fail'/>\n"
		      "</state><final id='pass'/><final id='fail'/></scxml>");
	run_to_end(&r);
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

/* Entry raises 20 events, each of which re-enters: the internal queue is
 * kept full, and after 100 overflows the session is stopped,
 * "event-flood" (not 100,000 microsteps and millions of events later). */
static void test_internal_flood(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_internal_events), 100),
		 HEAD "datamodel='ecmascript'>\n"
		      "<datamodel><data id='items' expr='[1,2,3,4,5,6,7,8,9,"
		      "10,11,12,13,14,15,16,17,18,19,20]'/></datamodel>\n"
		      "<state id='s'><onentry><foreach array='items' "
		      "item='i'><raise event='x'/></foreach></onentry>\n"
		      " <transition event='x' target='s'/></state></scxml>");
	run_to_end(&r);
	assert_true(r.exited);
	assert_int_equal(r.reason, SCXML_EXIT_ERROR);
	assert_string_equal(scxml_session_failure(r.s), "event-flood");
	run_close(&r, TRUE);
}

/* A <send> to a full external queue raises error.communication with the
 * send's id, the rest of the block runs, and the events already queued
 * are processed. */
static void test_external_queue_bound(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_external_events), 50),
		 HEAD "datamodel='ecmascript'>\n"
		      "<datamodel><data id='n' expr='0'/><data id='errs' "
		      "expr='0'/><data id='items' expr='[]'/></datamodel>\n"
		      "<script>for (var k = 0; k &lt; 60; k++) "
		      "items.push(k);</script>\n"
		      "<state id='s'><onentry><foreach array='items' "
		      "item='i'><send event='x'/></foreach>"
		      "<send event='check' delay='10ms'/></onentry>\n"
		      " <transition event='x'><assign location='n' "
		      "expr='n + 1'/></transition>\n"
		      " <transition event='error.communication' cond=\""
		      "_event.data.tagname === 'send' &amp;&amp; "
		      "_event.sendid\"><assign location='errs' "
		      "expr='errs + 1'/></transition>\n"
		      " <transition event='check' cond='n === 50 &amp;&amp; "
		      "errs === 10' target='pass'/>\n"
		      " <transition event='*' target='fail'/>\n"
		      "</state><final id='pass'/><final id='fail'/></scxml>");
	run_to_end(&r);
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

/* A POST to a session whose queue is at its bound is answered 503 and
 * queues nothing; once the queue drains, the next POST is an event. (The
 * session is held "inside a macrostep" so that its queue stays full.) */
static void test_http_queue_bound(void **state)
{
	SoupSession *http = soup_session_new();
	gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
	guint statuses[2];
	char *url;
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_external_events), 1),
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='w'><transition event='HTTP.POST' "
		      "target='end'/><transition event='*' target='w'/>"
		      "</state><final id='end'/></scxml>");
	assert_int_equal(scxml_session_start(r.s), 0);
	url = scxml_http_location(scxml_engine_http(r.engine),
				  scxml_session_id(r.s));
	assert_non_null(url);
	for (guint i = 0; i < 2; i++) {
		SoupMessage *m = soup_message_new("POST", url);
		GBytes *body = g_bytes_new_static("x", 1);
		GAsyncResult *res = NULL;
		GBytes *reply;

		if (i == 0) {
			r.s->depth++;
			scxml_session_enqueue(
				r.s,
				scxml_event_new("filler", SCXML_EVENT_EXTERNAL,
						NULL),
				0);
		}
		soup_message_set_request_body_from_bytes(m, "text/plain",
							 body);
		soup_session_send_and_read_async(http, m, G_PRIORITY_DEFAULT,
						 NULL, store_result, &res);
		while (!res && g_get_monotonic_time() < deadline)
			g_main_context_iteration(NULL, TRUE);
		assert_non_null(res);
		reply = soup_session_send_and_read_finish(http, res, NULL);
		statuses[i] = soup_message_get_status(m);
		g_bytes_unref(reply);
		g_object_unref(res);
		g_bytes_unref(body);
		g_object_unref(m);
		if (i == 0) {
			assert_false(r.exited);
			r.s->depth--;
			/* The filler is processed, the queue is empty. */
			post_settle(r.s, "again", NULL);
			assert_string_equal(r.events->str, "filler again ");
		}
	}
	while (!r.exited && g_get_monotonic_time() < deadline)
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
	assert_int_equal(statuses[0], 503);
	assert_int_equal(statuses[1], 200);
	assert_string_equal(r.final, "end");
	g_free(url);
	g_object_unref(http);
	run_close(&r, TRUE);
}

/* Each x sends two more: the queue fills, the sends overflow again and
 * again, and the session is stopped, "event-flood", its memory bounded. */
static void test_external_flood(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_external_events), 100),
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='a'><onentry><send event='x'/>"
		      "<send event='x'/></onentry>"
		      "<transition event='x' target='a'/></state></scxml>");
	run_to_end(&r);
	assert_true(r.exited);
	assert_string_equal(scxml_session_failure(r.s), "event-flood");
	run_close(&r, TRUE);
}

/* Delayed sends past max_timers raise error.communication and are not
 * scheduled; reusing a pending id replaces it and is no new timer. */
static void test_timer_bound(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_timers), 10),
		 HEAD "datamodel='ecmascript'>\n"
		      "<datamodel><data id='errs' expr='0'/><data id='items' "
		      "expr='[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]'/>"
		      "</datamodel>\n"
		      "<state id='s'><onentry><foreach array='items' "
		      "item='i'><send event='late' delay='10s'/></foreach>"
		      "<send id='same' event='late' delay='10s'/>"
		      "<send event='go'/></onentry>\n"
		      " <transition event='error.communication' cond=\""
		      "_event.data.tagname === 'send'\"><assign "
		      "location='errs' expr='errs + 1'/></transition>\n"
		      " <transition event='go' cond='errs === 6' "
		      "target='pass'/>\n"
		      " <transition event='*' target='fail'/>\n"
		      "</state><final id='pass'/><final id='fail'/></scxml>");
	run_to_end(&r);
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

/* delay='1ms' sends that multiply: the timers stay at their bound and the
 * session is stopped, "event-flood". */
static void test_timer_flood(void **state)
{
	run r;

	(void)state;
	run_open(&r, engine_with(LIMIT(max_timers), 20),
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='a'><onentry><send event='x' delay='1ms'/>"
		      "<send event='x' delay='1ms'/></onentry>"
		      "<transition event='x' target='a'/></state></scxml>");
	run_to_end(&r);
	assert_true(r.exited);
	assert_string_equal(scxml_session_failure(r.s), "event-flood");
	run_close(&r, TRUE);
}

/* Eventless transitions running many short scripts hold the macrostep
 * past its budget: the session is stopped, "macrostep-time-limit" (the
 * microstep guard would need 100,000 microsteps, half of them scripts of a
 * millisecond or more), and another session of the same engine still gets
 * its events and timers afterwards. */
static void test_macrostep_time_limit(void **state)
{
	scxml_engine *engine = engine_with(LIMIT(macrostep_time_limit_ms), 100);
	run spin, other;

	(void)state;
	run_open(&other, engine,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='w'><transition event='ping' target='p'/>"
		      "</state>\n"
		      "<state id='p'><onentry><send event='tick' "
		      "delay='10ms'/></onentry>"
		      "<transition event='tick' target='pass'/></state>\n"
		      "<final id='pass'/></scxml>");
	assert_int_equal(scxml_session_start(other.s), 0);
	run_open(&spin, engine,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='a'><transition cond='true' target='b'>"
		      "<script>var t0 = Date.now(); while (Date.now() - t0 "
		      "&lt; 2) {}</script></transition></state>\n"
		      "<state id='b'><transition cond='true' target='a'/>"
		      "</state></scxml>");
	assert_int_equal(scxml_session_start(spin.s), 0);
	assert_true(spin.exited);
	assert_int_equal(spin.reason, SCXML_EXIT_ERROR);
	assert_string_equal(scxml_session_failure(spin.s),
			    "macrostep-time-limit");
	scxml_session_post(other.s,
			   scxml_event_new("ping", SCXML_EVENT_EXTERNAL, NULL));
	run_to_end_started(&other);
	assert_string_equal(other.final, "pass");
	run_close(&spin, FALSE);
	run_close(&other, TRUE);
}

/* A session whose script runs into its memory cap gets error.execution and
 * may go on; one that keeps at it (here: the error re-enters the state
 * whose script runs away again) is stopped at its third refused run,
 * "memory-limit", after two error events, rather than costing every
 * session of the heap collections until its macrostep budget ends. */
static void test_memory_limit_stops(void **state)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	const char *p;
	int errors = 0;
	run r;

	(void)state;
	scxml_engine_set_session_memory_limit(engine, 1 << 20);
	run_open(&r, engine,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='a'><onentry><script>var hog = []; for (;;) "
		      "hog.push('x'.repeat(1000) + hog.length);</script>"
		      "</onentry>\n"
		      " <transition event='error.execution' target='a'/>"
		      "</state></scxml>");
	run_to_end(&r);
	assert_true(r.exited);
	assert_int_equal(r.reason, SCXML_EXIT_ERROR);
	assert_string_equal(scxml_session_failure(r.s), "memory-limit");
	for (p = r.events->str; (p = strstr(p, "error.execution")); p++)
		errors++;
	assert_int_equal(errors, 2);
	run_close(&r, TRUE);
}

/* Session ids are random UUIDs: distinct within an engine and between
 * engines (processes), and _sessionid is the same string. */
static void test_session_ids(void **state)
{
	const char *text =
		HEAD "datamodel='ecmascript'>\n"
		     "<state id='s'><transition event='id' "
		     "cond='_event.data === _sessionid' target='end'/>"
		     "</state><final id='end'/></scxml>";
	scxml_engine *other = scxml_engine_new(NULL);
	run a, b, c;

	(void)state;
	run_open(&a, NULL, text);
	run_open(&b, a.engine, text);
	run_open(&c, other, text);
	assert_true(g_uuid_string_is_valid(scxml_session_id(a.s)));
	assert_true(g_uuid_string_is_valid(scxml_session_id(b.s)));
	assert_true(g_uuid_string_is_valid(scxml_session_id(c.s)));
	assert_string_not_equal(scxml_session_id(a.s), scxml_session_id(b.s));
	assert_string_not_equal(scxml_session_id(a.s), scxml_session_id(c.s));
	assert_string_not_equal(scxml_session_id(b.s), scxml_session_id(c.s));
	assert_int_equal(scxml_session_start(a.s), 0);
	post_settle(a.s, "id", scxml_json_text(scxml_session_id(a.s)));
	assert_string_equal(a.final, "end");
	run_close(&c, TRUE);
	run_close(&b, FALSE);
	run_close(&a, TRUE);
}

/* ---- engine corrections ------------------------------------------------ */

/* error.execution carries where it came from: tagname, line, reason beside
 * the message, for a flow to read. */
static void test_error_fields(void **state)
{
	run r;

	(void)state;
	run_open(&r, NULL,
		 HEAD "datamodel='ecmascript'>\n"
		      "<state id='s'>\n"
		      "<onentry>\n"
		      "<assign location='nosuch.deep' expr='1'/>\n"
		      "</onentry>\n"
		      "<transition event='error.execution' cond=\""
		      "_event.data.tagname === 'assign' &amp;&amp; "
		      "_event.data.line === 4 &amp;&amp; "
		      "typeof _event.data.reason === 'string' &amp;&amp; "
		      "_event.data.message.indexOf('t.scxml:4: &lt;assign&gt;: "
		      "') === 0\" target='pass'/>\n"
		      "<transition event='*' target='fail'/>\n"
		      "</state><final id='pass'/><final id='fail'/></scxml>");
	run_to_end(&r);
	assert_string_equal(r.final, "pass");
	run_close(&r, TRUE);
}

static GPtrArray *load_problems(const char *text)
{
	scxml_engine *engine = scxml_engine_new(NULL);
	GPtrArray *problems = NULL;
	scxml_doc *doc = scxml_doc_load_memory(engine, text, strlen(text),
					       "t.scxml", &problems);

	if (doc) {
		scxml_doc_unref(doc);
		problems = g_ptr_array_new();
	}
	scxml_engine_free(engine);
	return problems;
}

/* An eventless, targetless, unconditional transition loops only when
 * nothing can be selected before it: the first of its state, no eventless
 * descendant, no parallel around it. An earlier transition that leaves
 * once the body has counted up makes the document valid (and it runs to
 * its end); the transition alone, or first, is refused. */
static void test_endless_transition_check(void **state)
{
	const char *counting =
		HEAD "datamodel='ecmascript'>\n"
		     "<datamodel><data id='i' expr='0'/></datamodel>\n"
		     "<state id='s'>\n"
		     "<transition cond='i === 100' target='done'/>\n"
		     "<transition><assign location='i' expr='i + 1'/>"
		     "</transition>\n"
		     "</state><final id='done'/></scxml>";
	const char *nested =
		HEAD "datamodel='ecmascript'>\n"
		     "<datamodel><data id='i' expr='0'/></datamodel>\n"
		     "<state id='s'>\n"
		     "<transition><assign location='i' expr='i + 1'/>"
		     "</transition>\n"
		     "<state id='c'><transition cond='i === 3' "
		     "target='done'/></state>\n"
		     "</state><final id='done'/></scxml>";
	const char *alone = HEAD "datamodel='ecmascript'>\n"
				 "<state id='s'>\n"
				 "<transition event='go' target='done'/>\n"
				 "<transition><log expr='1'/></transition>\n"
				 "<transition cond='true' target='done'/>\n"
				 "</state><final id='done'/></scxml>";
	GPtrArray *problems;
	run r;

	(void)state;
	problems = load_problems(counting);
	assert_int_equal(problems->len, 0);
	g_ptr_array_unref(problems);
	problems = load_problems(nested);
	assert_int_equal(problems->len, 0);
	g_ptr_array_unref(problems);
	problems = load_problems(alone);
	assert_int_equal(problems->len, 1);
	assert_int_equal(((scxml_problem *)problems->pdata[0])->line, 4);
	assert_non_null(strstr(((scxml_problem *)problems->pdata[0])->reason,
			       "endless loop"));
	g_ptr_array_unref(problems);
	run_open(&r, NULL, counting);
	run_to_end(&r);
	assert_string_equal(r.final, "done");
	run_close(&r, TRUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor_matching),
		cmocka_unit_test(test_conflicts_and_document_order),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_post_runs_from_the_loop),
		cmocka_unit_test(test_lifecycle_moves),
		cmocka_unit_test(test_invoke_lifecycle),
		cmocka_unit_test(test_null_datamodel),
		cmocka_unit_test(test_extension_registry),
		cmocka_unit_test(test_runaway_script),
		cmocka_unit_test(test_stop_with_pending_work),
		cmocka_unit_test(test_endless_macrostep),
		cmocka_unit_test(test_self_sending_does_not_starve),
		cmocka_unit_test(test_free_from_exit_hook),
		cmocka_unit_test(test_self_invoking_document),
		cmocka_unit_test(test_basic_http),
		cmocka_unit_test(test_outside_text_made_utf8),
		cmocka_unit_test(test_event_loop),
		cmocka_unit_test(test_event_loop_through_children),
		cmocka_unit_test(test_invoke_child_stopped),
		cmocka_unit_test(test_data_src_reason),
		cmocka_unit_test(test_internal_queue_bound),
		cmocka_unit_test(test_internal_flood),
		cmocka_unit_test(test_external_queue_bound),
		cmocka_unit_test(test_external_flood),
		cmocka_unit_test(test_http_queue_bound),
		cmocka_unit_test(test_timer_bound),
		cmocka_unit_test(test_timer_flood),
		cmocka_unit_test(test_macrostep_time_limit),
		cmocka_unit_test(test_memory_limit_stops),
		cmocka_unit_test(test_session_ids),
		cmocka_unit_test(test_error_fields),
		cmocka_unit_test(test_endless_transition_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
