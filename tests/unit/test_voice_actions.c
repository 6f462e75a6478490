/*
 * The voice module's actions against fakes of the interpreter and the SIP
 * agent (voice_fakes.c): attribute validation (invalidrequest,
 * invalidinteraction, invalidstate at once, nothing sent), each action's
 * wire requests and result events, SIP failures mapped through the table,
 * timeouts, a peer's BYE mid-action, and the session's end. Every test
 * checks that each action yields exactly one result event.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/voice_priv.h"
#include "tests/unit/voice_fakes.h"

typedef struct fixture {
	scxml_engine *engine;
	voice_module *vm;
	scxml_session *s;
	GKeyFile *kf;
} fixture;

static int setup_with(void **state, const char *conf)
{
	fixture *f = g_new0(fixture, 1);
	GError *err = NULL;

	f->engine = fake_engine_new();
	f->kf = g_key_file_new();
	if (conf)
		assert_true(
			g_key_file_load_from_data(f->kf, conf, -1, 0, NULL));
	f->vm = voice_module_new(f->engine, f->kf, &err);
	assert_null(err);
	assert_non_null(f->vm);
	assert_int_equal(voice_module_start_sip(f->vm, NULL, &err), 0);
	f->s = fake_session_new();
	voice_module_attach_session(f->vm, f->s);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_with(state, "[voice]\ncancel-wait = 50ms\n");
}

static int setup_keep_calls(void **state)
{
	return setup_with(state, "[voice]\nrelease-on-exit = false\n");
}

static int setup_udata(void **state)
{
	return setup_with(state, "[voice]\nsend-udata = true\n"
				 "conference-focus = sip:conf@focus\n");
}

static int setup_call_cap(void **state)
{
	return setup_with(state, "[voice]\nmax-calls-per-session = 2\n"
				 "retry-after = 7\n");
}

static int teardown(void **state)
{
	fixture *f = *state;

	fake_session_free(f->s);
	voice_module_shutdown(f->vm, NULL, NULL);
	voice_module_free(f->vm);
	fake_engine_free(f->engine);
	g_key_file_unref(f->kf);
	g_free(f);
	return 0;
}

/* Result events only (interaction.* bookkeeping left out). */
static guint count_named(scxml_session *s, const char *name)
{
	guint n = 0;

	for (guint i = 0; i < fake_event_count(s); i++)
		if (!strcmp(fake_event_name(s, i), name))
			n++;
	return n;
}

static guint find_event(scxml_session *s, const char *name)
{
	for (guint i = 0; i < fake_event_count(s); i++)
		if (!strcmp(fake_event_name(s, i), name))
			return i;
	fail_msg("no event %s", name);
	return 0;
}

/* A connected outbound call; returns its interactionid (owned by the
 * session's events). */
static const char *connected_call(fixture *f, sip_call **call_out)
{
	guint before = fake_event_count(f->s);
	fake_op *op;

	assert_int_equal(fake_exec(f->engine, f->s, NULL, "createcall",
				   "requestid", "", "from", "\"sip:me@test\"",
				   "to", "\"sip:bob@test\"", NULL),
			 0);
	op = fake_last_op();
	assert_string_equal(op->what, "invite");
	fake_complete(op, 200, "OK", FALSE);
	assert_int_equal(fake_event_count(f->s), before + 1);
	assert_string_equal(fake_event_name(f->s, before),
			    "voice.createcall.done");
	if (call_out)
		*call_out =
			fake_agent->calls->pdata[fake_agent->calls->len - 1];
	return fake_event_str(f->s, before, "interactionid");
}

static const char *held_call(fixture *f, sip_call **call_out)
{
	const char *id = connected_call(f, call_out);
	char *json = g_strdup_printf("\"%s\"", id);

	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	g_free(json);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, fake_event_count(f->s) - 1),
			    "voice.hold.done");
	return id;
}

static char *quoted(const char *id)
{
	return g_strdup_printf("\"%s\"", id);
}

/* ---- registration and config ------------------------------------------ */

static void test_registers_elements(void **state)
{
	fixture *f = *state;
	const char *names[] = {"createcall",   "hold",	     "retrieve",
			       "consultation", "alternate",  "reconnect",
			       "transfer",     "conference", "terminate",
			       "accept",       "reject",     "redirect"};

	assert_int_equal(f->engine->elements->len, G_N_ELEMENTS(names));
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		const scxml_ext_element *el = f->engine->elements->pdata[i];
		gboolean has_requestid = FALSE;

		assert_string_equal(el->ns, VOICE_NS);
		assert_string_equal(el->name, names[i]);
		for (const scxml_attr_spec *a = el->attrs; a->name; a++)
			if (!strcmp(a->name, "requestid")) {
				has_requestid = TRUE;
				assert_int_equal(a->kind, SCXML_ATTR_LOCATION);
			}
		assert_true(has_requestid);
	}
	assert_true(scxml_engine_has_namespace(f->engine, VOICE_NS));
}

static void test_config_errors(void **state)
{
	const char *bad[] = {
		"[voice]\nanswer-timeout = soon\n",
		"[voice]\nreinvite-timeout = -1\n",
		"[voice]\nsend-udata = perhaps\n",
		"[voice]\nno-such-key = 1\n",
		"[voice]\nmax-calls-per-session = 0\n",
	};

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		scxml_engine *e = fake_engine_new();
		GKeyFile *kf = g_key_file_new();
		GError *err = NULL;

		assert_true(g_key_file_load_from_data(kf, bad[i], -1, 0, NULL));
		assert_null(voice_module_new(e, kf, &err));
		assert_non_null(err);
		assert_non_null(strstr(err->message, "[voice]"));
		g_error_free(err);
		g_key_file_unref(kf);
		fake_engine_free(e);
	}
}

/* ---- validation: the error at once, nothing sent ----------------------- */

static void expect_immediate(fixture *f, scxml_action *act, const char *event,
			     const char *error)
{
	assert_int_equal(fake_event_count(f->s), 1);
	assert_string_equal(fake_event_name(f->s, 0), event);
	assert_string_equal(fake_event_str(f->s, 0, "error"), error);
	assert_non_null(act->requestid);
	assert_string_equal(fake_event_str(f->s, 0, "requestid"),
			    act->requestid);
	assert_int_equal(fake_op_count(), 0);
}

static void test_createcall_missing_to(void **state)
{
	fixture *f = *state;
	scxml_action *act;

	fake_exec(f->engine, f->s, &act, "createcall", "requestid", "", "from",
		  "\"sip:me@test\"", NULL);
	expect_immediate(f, act, "error.voice.createcall", "invalidrequest");
	fake_action_free(act);
}

static void test_createcall_ill_typed(void **state)
{
	const char *cases[][2] = {
		{"to", "{\"a\": 1}"},
		{"to", "true"},
		{"to", "\"\""},
		{"timeout", "\"soon\""},
		{"timeout", "-2"},
		{"hints", "3"},
		{"hints", "{\"headers\": []}"},
		{"hints", "{\"headers\": {\"Bad Name\": \"x\"}}"},
		{"type", "\"vip\""},
		{"udata", "[1]"},
		{"to", "\"a\\u0007b\""},
	};
	fixture *f = *state;

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		scxml_action *act;
		const char *to = strcmp(cases[i][0], "to") ? "\"sip:b@test\""
							   : cases[i][1];

		g_ptr_array_set_size(f->s->events, 0);
		if (!strcmp(cases[i][0], "to"))
			fake_exec(f->engine, f->s, &act, "createcall",
				  "requestid", "", "from", "\"sip:me@test\"",
				  "to", to, NULL);
		else
			fake_exec(f->engine, f->s, &act, "createcall",
				  "requestid", "", "from", "\"sip:me@test\"",
				  "to", to, cases[i][0], cases[i][1], NULL);
		expect_immediate(f, act, "error.voice.createcall",
				 strcmp(cases[i][1], "\"a\\u0007b\"")
					 ? "invalidrequest"
					 : "invaliddestination");
		fake_action_free(act);
	}
}

static void test_unknown_interaction(void **state)
{
	const char *elements[] = {"hold",      "retrieve", "transfer",
				  "terminate", "accept",   "alternate",
				  "reconnect"};
	fixture *f = *state;

	for (guint i = 0; i < G_N_ELEMENTS(elements); i++) {
		scxml_action *act;
		char *event = g_strdup_printf(
			"error.%s.%s",
			strcmp(elements[i], "terminate") &&
					strcmp(elements[i], "accept")
				? "voice"
				: "interaction",
			elements[i]);

		g_ptr_array_set_size(f->s->events, 0);
		fake_exec(f->engine, f->s, &act, elements[i], "requestid", "",
			  "interactionid", "\"no-such-call\"", "to",
			  "\"sip:x@test\"", NULL);
		expect_immediate(f, act, event, "invalidinteraction");
		assert_string_equal(fake_event_str(f->s, 0, "interactionid"),
				    "no-such-call");
		fake_action_free(act);
		g_free(event);
	}
}

static void test_missing_interactionid(void **state)
{
	fixture *f = *state;
	scxml_action *act;

	fake_exec(f->engine, f->s, &act, "hold", "requestid", "", NULL);
	expect_immediate(f, act, "error.voice.hold", "invalidrequest");
	fake_action_free(act);
}

static void test_invalid_states(void **state)
{
	fixture *f = *state;
	const char *id = connected_call(f, NULL);
	char *json = quoted(id);
	guint ops = fake_op_count();
	scxml_action *act;

	g_ptr_array_set_size(f->s->events, 0);
	/* retrieve of a call not on hold */
	fake_exec(f->engine, f->s, &act, "retrieve", "requestid", "",
		  "interactionid", json, NULL);
	assert_string_equal(fake_event_name(f->s, 0), "error.voice.retrieve");
	assert_string_equal(fake_event_str(f->s, 0, "error"), "invalidstate");
	assert_string_equal(fake_event_str(f->s, 0, "requestid"),
			    act->requestid);
	fake_action_free(act);
	/* two-step transfer without a consultation call, reconnect without
	 * a held call, accept of an outbound call */
	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  NULL);
	fake_exec(f->engine, f->s, NULL, "reconnect", "interactionid", json,
		  NULL);
	fake_exec(f->engine, f->s, NULL, "accept", "interactionid", json, NULL);
	assert_int_equal(fake_event_count(f->s), 4);
	for (guint i = 1; i < 4; i++)
		assert_string_equal(fake_event_str(f->s, i, "error"),
				    "invalidstate");
	/* hold, then hold again while the first is in flight */
	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	assert_int_equal(fake_event_count(f->s), 5);
	assert_string_equal(fake_event_str(f->s, 4, "error"), "invalidstate");
	assert_int_equal(fake_op_count(), ops + 1);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	/* hold of a held call */
	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	assert_string_equal(fake_event_name(f->s, 6), "error.voice.hold");
	assert_string_equal(fake_event_str(f->s, 6, "error"), "invalidstate");
	assert_int_equal(fake_op_count(), ops + 1);
	g_free(json);
}

/* ---- createcall ---------------------------------------------------------- */

static void test_createcall_answered(void **state)
{
	fixture *f = *state;
	scxml_action *act;
	fake_op *op;
	const char *id;

	fake_exec(f->engine, f->s, &act, "createcall", "requestid", "", "from",
		  "\"sip:me@test\"", "to", "\"sip:bob@test\"", "type",
		  "\"agent\"", "reason", "\"callback\"", "hints",
		  "{\"headers\": {\"X-Account\": 42}}", NULL);
	assert_int_equal(fake_event_count(f->s), 0);
	op = fake_last_op();
	assert_string_equal(op->what, "invite");
	assert_string_equal(op->arg, "sip:bob@test");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Call-Type"),
			    "agent");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Call-Reason"),
			    "callback");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Account"),
			    "42");
	/* udata is not sent unless the config says so */
	assert_null(g_hash_table_lookup(op->headers, "X-User-Data"));
	fake_set_state(fake_agent->calls->pdata[0], SIP_CALL_RINGING);
	assert_int_equal(fake_event_count(f->s), 0);
	fake_complete(op, 200, "OK", FALSE);
	assert_int_equal(fake_event_count(f->s), 1);
	assert_string_equal(fake_event_name(f->s, 0), "voice.createcall.done");
	assert_string_equal(fake_event_str(f->s, 0, "requestid"),
			    act->requestid);
	id = fake_event_str(f->s, 0, "interactionid");
	assert_non_null(id);
	assert_true(g_uuid_string_is_valid(id));
	assert_null(fake_event_str(f->s, 0, "error"));
	fake_action_free(act);
}

static void test_createcall_udata(void **state)
{
	fixture *f = *state;
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"bob\"", "udata",
		  "{\"lang\": \"fr\"}", NULL);
	op = fake_last_op();
	assert_string_equal(g_hash_table_lookup(op->headers, "X-User-Data"),
			    "{\"lang\":\"fr\"}");
	/* no requestid location: the id is still generated and carried */
	fake_complete(op, 200, "OK", FALSE);
	assert_non_null(fake_event_str(f->s, 0, "requestid"));
}

/* A status our own stack made up (a transport failure's 503) decides the
 * error but is not reported as the peer's sipstatus; the same status from
 * the peer is. */
static void test_createcall_local_status(void **state)
{
	fixture *f = *state;

	for (int wire = 0; wire < 2; wire++) {
		guint n = fake_event_count(f->s);

		fake_exec(f->engine, f->s, NULL, "createcall", "from",
			  "\"sip:me@test\"", "to", "\"sip:bob@test\"", NULL);
		fake_complete(fake_last_op(), 503, "Service Unavailable",
			      !wire);
		fake_wait_events(f->s, n + 1);
		assert_string_equal(fake_event_name(f->s, n),
				    "error.voice.createcall");
		assert_string_equal(fake_event_str(f->s, n, "error"),
				    "invalidserver");
		assert_non_null(strstr(fake_event_str(f->s, n, "description"),
				       "503"));
		assert_int_equal(fake_event_int(f->s, n, "sipstatus"),
				 wire ? 503 : -1);
	}
}

static void test_createcall_busy(void **state)
{
	fixture *f = *state;
	scxml_action *act;
	fake_op *op;

	fake_exec(f->engine, f->s, &act, "createcall", "requestid", "", "from",
		  "\"sip:me@test\"", "to", "\"sip:bob@test\"", NULL);
	op = fake_last_op();
	/* sip/ may report the end of the call before the INVITE's done */
	fake_release(fake_agent->calls->pdata[0], SIP_END_FAILED, 486,
		     "Busy Here");
	fake_complete(op, 486, "Busy Here", FALSE);
	assert_int_equal(fake_event_count(f->s), 2);
	assert_string_equal(fake_event_name(f->s, 0), "error.voice.createcall");
	assert_string_equal(fake_event_str(f->s, 0, "error"), "busy");
	assert_int_equal(fake_event_int(f->s, 0, "sipstatus"), 486);
	assert_string_equal(fake_event_str(f->s, 0, "sipreason"), "Busy Here");
	assert_string_equal(fake_event_str(f->s, 0, "requestid"),
			    act->requestid);
	assert_string_equal(fake_event_name(f->s, 1), "interaction.deleted");
	assert_string_equal(fake_event_str(f->s, 1, "cause"), "failed");
	assert_string_equal(fake_event_str(f->s, 1, "interactionid"),
			    fake_event_str(f->s, 0, "interactionid"));
	fake_action_free(act);
}

static void test_createcall_not_found_done_first(void **state)
{
	fixture *f = *state;

	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"sip:nobody@test\"", NULL);
	fake_complete(fake_last_op(), 404, "Not Found", FALSE);
	fake_release(fake_agent->calls->pdata[0], SIP_END_FAILED, 404,
		     "Not Found");
	assert_int_equal(count_named(f->s, "error.voice.createcall"), 1);
	assert_string_equal(fake_event_str(f->s, 0, "error"),
			    "invaliddestination");
	assert_int_equal(count_named(f->s, "interaction.deleted"), 1);
}

static void test_createcall_timeout_cancel(void **state)
{
	fixture *f = *state;
	fake_op *invite, *cancel;
	sip_call *call;

	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"sip:bob@test\"", "timeout",
		  "\"20ms\"", NULL);
	invite = fake_last_op();
	call = fake_agent->calls->pdata[0];
	fake_set_state(call, SIP_CALL_RINGING);
	/* The timer sends CANCEL; the error waits for the 487. */
	while (fake_op_count() < 2)
		g_main_context_iteration(NULL, TRUE);
	cancel = fake_last_op();
	assert_string_equal(cancel->what, "hangup");
	assert_int_equal(fake_event_count(f->s), 0);
	fake_complete(invite, 487, "Request Terminated", FALSE);
	fake_release(call, SIP_END_LOCAL, 487, "Request Terminated");
	assert_int_equal(fake_event_count(f->s), 2);
	assert_string_equal(fake_event_name(f->s, 0), "error.voice.createcall");
	assert_string_equal(fake_event_str(f->s, 0, "error"), "timeout");
	assert_string_equal(fake_event_str(f->s, 1, "cause"), "failed");
}

static void test_createcall_timeout_no_487(void **state)
{
	fixture *f = *state;
	fake_op *invite;

	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"sip:bob@test\"", "timeout",
		  "0.02", NULL);
	invite = fake_last_op();
	/* no 487 ever: cancel-wait (50 ms here) gives up */
	fake_wait_events(f->s, 1);
	assert_int_equal(fake_event_count(f->s), 1);
	assert_string_equal(fake_event_str(f->s, 0, "error"), "timeout");
	assert_string_equal(fake_last_op()->what, "hangup");
	/* the late 487 changes nothing */
	fake_complete(invite, 487, "Request Terminated", FALSE);
	fake_release(fake_agent->calls->pdata[0], SIP_END_LOCAL, 487, "x");
	assert_int_equal(count_named(f->s, "error.voice.createcall"), 1);
	assert_int_equal(count_named(f->s, "interaction.deleted"), 1);
}

static void test_createcall_stack_refuses(void **state)
{
	fixture *f = *state;

	/* sip/ parses addresses; its refusal names which one */
	fake_agent->refuse = "to";
	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"Me <sip:me@test>\"", "to", "\"sip:@\"", NULL);
	fake_agent->refuse = "from";
	fake_exec(f->engine, f->s, NULL, "createcall", "from", "\"<<\"", "to",
		  "\"sip:bob@test\"", NULL);
	assert_int_equal(fake_event_count(f->s), 2);
	assert_string_equal(fake_event_str(f->s, 0, "error"),
			    "invaliddestination");
	assert_string_equal(fake_event_str(f->s, 1, "error"), "invalidsource");
	assert_int_equal(fake_op_count(), 0);
}

/* ---- hold / retrieve ----------------------------------------------------- */

static void test_hold_retrieve(void **state)
{
	fixture *f = *state;
	const char *id = connected_call(f, NULL);
	char *json = quoted(id);
	scxml_action *act;
	fake_op *op;

	fake_exec(f->engine, f->s, &act, "hold", "requestid", "",
		  "interactionid", json, "hints",
		  "{\"headers\": {\"X-Why\": \"music\"}}", NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "hold");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Why"), "music");
	fake_complete(op, 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, 1), "voice.hold.done");
	assert_string_equal(fake_event_str(f->s, 1, "requestid"),
			    act->requestid);
	assert_string_equal(fake_event_str(f->s, 1, "interactionid"), id);
	fake_action_free(act);
	fake_exec(f->engine, f->s, NULL, "retrieve", "interactionid", json,
		  NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "retrieve");
	fake_complete(op, 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, 2), "voice.retrieve.done");
	g_free(json);
}

static void test_hold_refused(void **state)
{
	fixture *f = *state;
	const char *id = connected_call(f, NULL);
	char *json = quoted(id);

	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	fake_complete(fake_last_op(), 488, "Not Acceptable Here", FALSE);
	assert_string_equal(fake_event_name(f->s, 1), "error.voice.hold");
	assert_string_equal(fake_event_str(f->s, 1, "error"), "notacceptable");
	assert_int_equal(fake_event_int(f->s, 1, "sipstatus"), 488);
	/* the call is unchanged: it can be held again */
	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	assert_string_equal(fake_last_op()->what, "hold");
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, 2), "voice.hold.done");
	g_free(json);
}

static void test_hold_remote_bye(void **state)
{
	fixture *f = *state;
	sip_call *call;
	const char *id = connected_call(f, &call);
	char *json = quoted(id);
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	op = fake_last_op();
	fake_release(call, SIP_END_REMOTE, 0, NULL);
	fake_complete(op, 481, "Call Does Not Exist", FALSE);
	assert_int_equal(fake_event_count(f->s), 3);
	assert_string_equal(fake_event_name(f->s, 1), "error.voice.hold");
	assert_string_equal(fake_event_str(f->s, 1, "error"),
			    "invalidinteraction");
	assert_string_equal(fake_event_name(f->s, 2), "interaction.deleted");
	assert_string_equal(fake_event_str(f->s, 2, "cause"), "remote");
	/* the call is gone for the flow */
	fake_exec(f->engine, f->s, NULL, "retrieve", "interactionid", json,
		  NULL);
	assert_string_equal(fake_event_str(f->s, 3, "error"),
			    "invalidinteraction");
	g_free(json);
}

static void test_hold_timeout_releases(void **state)
{
	fixture *f = *state;
	sip_call *call;
	const char *id = connected_call(f, &call);
	char *json = quoted(id);
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json,
		  "timeout", "\"10ms\"", NULL);
	op = fake_last_op();
	fake_wait_events(f->s, 2);
	assert_string_equal(fake_event_name(f->s, 1), "error.voice.hold");
	assert_string_equal(fake_event_str(f->s, 1, "error"), "timeout");
	/* RFC 3261 §14.1: the dialog is released, cause failed */
	assert_string_equal(fake_last_op()->what, "hangup");
	fake_release(call, SIP_END_LOCAL, 0, NULL);
	fake_complete(op, 408, "Request Timeout", TRUE);
	assert_int_equal(fake_event_count(f->s), 3);
	assert_string_equal(fake_event_str(f->s, 2, "cause"), "failed");
	/* no status came from the peer */
	assert_int_equal(fake_event_int(f->s, 1, "sipstatus"), -1);
	g_free(json);
}

/* ---- consultation, alternate, reconnect ---------------------------------- */

static void test_consultation_answered(void **state)
{
	fixture *f = *state;
	const char *a = connected_call(f, NULL);
	char *json = quoted(a);
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "consultation", "interactionid", json,
		  "to", "\"sip:carol@test\"", "type", "\"agent\"", "hints",
		  "{\"headers\": {\"X-Case\": \"7\"}}", NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "hold");
	/* the hold is not the consultation's request: no extra headers */
	assert_null(op->headers);
	fake_complete(op, 200, "OK", FALSE);
	op = fake_last_op();
	assert_string_equal(op->what, "invite");
	assert_string_equal(op->arg, "sip:carol@test");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Case"), "7");
	assert_string_equal(g_hash_table_lookup(op->headers, "X-Call-Type"),
			    "agent");
	assert_int_equal(fake_event_count(f->s), 1);
	fake_complete(op, 200, "OK", FALSE);
	assert_int_equal(fake_event_count(f->s), 2);
	assert_string_equal(fake_event_name(f->s, 1),
			    "voice.consultation.done");
	assert_string_equal(fake_event_str(f->s, 1, "heldinteractionid"), a);
	assert_string_not_equal(fake_event_str(f->s, 1, "interactionid"), a);
	g_free(json);
}

static void test_consultation_failed_retrieves(void **state)
{
	fixture *f = *state;
	const char *a = connected_call(f, NULL);
	char *json = quoted(a);
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "consultation", "interactionid", json,
		  "to", "\"sip:carol@test\"", NULL);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	fake_complete(fake_last_op(), 603, "Decline", FALSE);
	fake_release(fake_agent->calls->pdata[1], SIP_END_FAILED, 603,
		     "Decline");
	/* the held call is retrieved before the error */
	op = fake_last_op();
	assert_string_equal(op->what, "retrieve");
	assert_int_equal(count_named(f->s, "error.voice.consultation"), 0);
	fake_complete(op, 200, "OK", FALSE);
	assert_int_equal(count_named(f->s, "error.voice.consultation"), 1);
	{
		guint i = find_event(f->s, "error.voice.consultation");

		assert_string_equal(fake_event_str(f->s, i, "error"),
				    "rejected");
		assert_int_equal(fake_event_int(f->s, i, "sipstatus"), 603);
		assert_string_not_equal(
			fake_event_str(f->s, i, "interactionid"), a);
		/* the failed call's end comes after the error that names
		 * it (doc/voice.md), although it ended before the retrieve */
		assert_int_equal(fake_event_count(f->s), i + 2);
		assert_string_equal(fake_event_name(f->s, i + 1),
				    "interaction.deleted");
		assert_string_equal(
			fake_event_str(f->s, i + 1, "interactionid"),
			fake_event_str(f->s, i, "interactionid"));
		assert_string_equal(fake_event_str(f->s, i + 1, "cause"),
				    "failed");
	}
	/* the original call is connected again: hold works */
	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	assert_string_equal(fake_last_op()->what, "hold");
	g_free(json);
}

static void test_consultation_hold_fails(void **state)
{
	fixture *f = *state;
	const char *a = connected_call(f, NULL);
	char *json = quoted(a);
	guint ops;

	fake_exec(f->engine, f->s, NULL, "consultation", "interactionid", json,
		  "to", "\"sip:carol@test\"", NULL);
	ops = fake_op_count();
	fake_complete(fake_last_op(), 488, "Not Acceptable Here", FALSE);
	assert_int_equal(fake_op_count(), ops); /* nothing dialled */
	assert_string_equal(fake_event_name(f->s, 1),
			    "error.voice.consultation");
	assert_string_equal(fake_event_str(f->s, 1, "error"), "notacceptable");
	g_free(json);
}

static void test_alternate(void **state)
{
	fixture *f = *state;
	const char *held = held_call(f, NULL);
	const char *active = connected_call(f, NULL);
	char *ja = quoted(active);
	guint n;

	/* heldinteractionid left out: the session holds exactly one */
	fake_exec(f->engine, f->s, NULL, "alternate", "interactionid", ja,
		  NULL);
	assert_string_equal(fake_last_op()->what, "hold");
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_last_op()->what, "retrieve");
	n = fake_event_count(f->s);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, n), "voice.alternate.done");
	assert_string_equal(fake_event_str(f->s, n, "interactionid"), held);
	assert_string_equal(fake_event_str(f->s, n, "heldinteractionid"),
			    active);
	g_free(ja);
}

static void test_alternate_retrieve_fails(void **state)
{
	fixture *f = *state;
	const char *held = held_call(f, NULL);
	const char *active = connected_call(f, NULL);
	char *ja = quoted(active), *jh = quoted(held);
	guint n;

	fake_exec(f->engine, f->s, NULL, "alternate", "interactionid", ja,
		  "heldinteractionid", jh, NULL);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	fake_complete(fake_last_op(), 488, "Not Acceptable Here", FALSE);
	/* the first call is retrieved again */
	assert_string_equal(fake_last_op()->what, "retrieve");
	n = fake_event_count(f->s);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, n), "error.voice.alternate");
	assert_string_equal(fake_event_str(f->s, n, "error"), "notacceptable");
	assert_non_null(
		strstr(fake_event_str(f->s, n, "description"), "retrieve"));
	g_free(ja);
	g_free(jh);
}

static void test_reconnect(void **state)
{
	fixture *f = *state;
	sip_call *consult;
	const char *held = held_call(f, NULL);
	const char *active = connected_call(f, &consult);
	char *ja = quoted(active);
	guint n;

	fake_exec(f->engine, f->s, NULL, "reconnect", "interactionid", ja,
		  NULL);
	/* BYE on the consultation call, then the retrieve */
	assert_string_equal(((fake_op *)consult->ops->pdata[1])->what,
			    "hangup");
	assert_string_equal(fake_last_op()->what, "retrieve");
	fake_release(consult, SIP_END_LOCAL, 200, "OK");
	n = fake_event_count(f->s);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, n), "voice.reconnect.done");
	assert_string_equal(fake_event_str(f->s, n, "interactionid"), held);
	/* the consultation call's end follows the result (doc/voice.md) */
	assert_int_equal(fake_event_count(f->s), n + 2);
	assert_string_equal(fake_event_name(f->s, n + 1),
			    "interaction.deleted");
	assert_string_equal(fake_event_str(f->s, n + 1, "cause"), "local");
	g_free(ja);
}

/* ---- transfer -------------------------------------------------------------
 */

/* A target sip/ cannot parse: the REFER is refused at once with the
 * reason, which maps to invaliddestination (not unknown). */
static void test_transfer_bad_target(void **state)
{
	fixture *f = *state;
	const char *id = connected_call(f, NULL);
	char *json = quoted(id);
	guint n = fake_event_count(f->s);

	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:\"", NULL);
	assert_int_equal(fake_event_count(f->s), n + 1);
	assert_string_equal(fake_event_name(f->s, n), "error.voice.transfer");
	assert_string_equal(fake_event_str(f->s, n, "error"),
			    "invaliddestination");
	/* nothing sent; the call is still ours */
	assert_string_not_equal(fake_last_op()->what, "refer");
	g_free(json);
}

static void test_transfer_single_step(void **state)
{
	fixture *f = *state;
	sip_call *call;
	const char *id = connected_call(f, &call);
	char *json = quoted(id);
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:dave@test\"", NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "refer");
	assert_string_equal(op->arg, "sip:dave@test");
	assert_null(op->extra);
	fake_complete(op, 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, 1), "voice.transfer.done");
	assert_string_equal(fake_event_str(f->s, 1, "interactionid"), id);
	/* our leg, not ended by the peer, is released */
	assert_string_equal(fake_last_op()->what, "hangup");
	fake_release(call, SIP_END_LOCAL, 200, "OK");
	assert_string_equal(fake_event_str(f->s, 2, "cause"), "transferred");
	g_free(json);
}

static void test_transfer_two_step(void **state)
{
	fixture *f = *state;
	sip_call *held_sip, *consult_sip;
	const char *held = held_call(f, &held_sip);
	const char *consult = connected_call(f, &consult_sip);
	char *jh = quoted(held);
	fake_op *op;
	guint n;

	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", jh, NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "refer");
	assert_ptr_equal(op, held_sip->ops->pdata[held_sip->ops->len - 1]);
	/* Refer-To: the consulted party, Replaces: the consultation dialog */
	assert_string_equal(op->arg, consult_sip->remote);
	assert_string_equal(op->extra, consult_sip->callid);
	n = fake_event_count(f->s);
	fake_complete(op, 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, n), "voice.transfer.done");
	assert_string_equal(fake_event_str(f->s, n, "interactionid"), held);
	/* both our legs are released */
	assert_string_equal(
		((fake_op *)held_sip->ops->pdata[held_sip->ops->len - 1])->what,
		"hangup");
	assert_string_equal(
		((fake_op *)consult_sip->ops->pdata[consult_sip->ops->len - 1])
			->what,
		"hangup");
	(void)consult;
	g_free(jh);
}

static void test_transfer_failures(void **state)
{
	fixture *f = *state;
	const char *id = connected_call(f, NULL);
	char *json = quoted(id);
	guint ops;

	/* sipfrag 486: busy, calls unchanged */
	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:dave@test\"", NULL);
	ops = fake_op_count();
	fake_complete(fake_last_op(), 486, "Busy Here", FALSE);
	assert_string_equal(fake_event_str(f->s, 1, "error"), "busy");
	assert_int_equal(fake_op_count(), ops);
	/* REFER refused 603 */
	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:dave@test\"", NULL);
	fake_complete(fake_last_op(), 603, "Decline", FALSE);
	assert_string_equal(fake_event_str(f->s, 2, "error"), "rejected");
	/* no final NOTIFY in time */
	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:dave@test\"", "timeout", "\"10ms\"", NULL);
	fake_wait_events(f->s, 4);
	assert_string_equal(fake_event_name(f->s, 3), "error.voice.transfer");
	assert_string_equal(fake_event_str(f->s, 3, "error"), "timeout");
	/* sip/ was told to stop waiting for that REFER (a late sipfrag is
	 * ignored there), and nothing else was sent */
	ops = fake_op_count();
	assert_true(fake_last_op()->completed);
	assert_int_equal(fake_event_count(f->s), 4);
	assert_int_equal(fake_op_count(), ops);
	g_free(json);
}

/* The calls are unchanged after a transfer's timeout: the same call can be
 * transferred again (sip/ refuses a REFER while one is pending, so the
 * timed-out one must have been abandoned), and that transfer succeeds. */
static void test_transfer_again_after_timeout(void **state)
{
	fixture *f = *state;
	const char *id = connected_call(f, NULL);
	char *json = quoted(id);
	fake_op *first, *second;

	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:dave@test\"", "timeout", "\"10ms\"", NULL);
	first = fake_last_op();
	assert_string_equal(first->what, "refer");
	fake_wait_events(f->s, 2);
	assert_string_equal(fake_event_str(f->s, 1, "error"), "timeout");
	assert_true(first->completed);
	fake_exec(f->engine, f->s, NULL, "transfer", "interactionid", json,
		  "to", "\"sip:dave@test\"", NULL);
	second = fake_last_op();
	assert_ptr_not_equal(second, first);
	assert_string_equal(second->what, "refer");
	assert_int_equal(fake_event_count(f->s), 2);
	fake_complete(second, 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, 2), "voice.transfer.done");
	assert_int_equal(fake_event_count(f->s), 3);
	g_free(json);
}

/* ---- conference ------------------------------------------------------------
 */

static void test_conference(void **state)
{
	fixture *f = *state;
	sip_call *a_sip, *b_sip, *focus;
	const char *a = held_call(f, &a_sip);
	const char *b = connected_call(f, &b_sip);
	char *ja = quoted(a);
	fake_op *op;
	guint n;

	(void)b;
	/* focus from [voice] conference-focus */
	fake_exec(f->engine, f->s, NULL, "conference", "interactionid", ja,
		  NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "invite");
	assert_string_equal(op->arg, "sip:conf@focus");
	focus = fake_agent->calls->pdata[fake_agent->calls->len - 1];
	g_free(focus->remote);
	focus->remote = g_strdup("sip:room1@focus;isfocus");
	fake_complete(op, 200, "OK", FALSE);
	/* both parties are REFERred to the conference URI */
	op = a_sip->ops->pdata[a_sip->ops->len - 1];
	assert_string_equal(op->what, "refer");
	assert_string_equal(op->arg, "sip:room1@focus;isfocus");
	fake_complete(op, 200, "OK", FALSE);
	assert_string_equal(
		((fake_op *)a_sip->ops->pdata[a_sip->ops->len - 1])->what,
		"hangup");
	op = b_sip->ops->pdata[b_sip->ops->len - 1];
	assert_string_equal(op->what, "refer");
	n = fake_event_count(f->s);
	fake_complete(op, 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, n), "voice.conference.done");
	assert_string_equal(fake_event_str(f->s, n, "interactionid"),
			    fake_event_str(f->s, n, "interactionid"));
	assert_string_not_equal(fake_event_str(f->s, n, "interactionid"), a);
	g_free(ja);
}

static void test_conference_party_fails(void **state)
{
	fixture *f = *state;
	sip_call *a_sip, *b_sip, *focus;
	const char *a = held_call(f, &a_sip);
	char *ja = quoted(a);
	guint n;

	connected_call(f, &b_sip);
	fake_exec(f->engine, f->s, NULL, "conference", "interactionid", ja,
		  "focus", "\"sip:other@focus\"", NULL);
	assert_string_equal(fake_last_op()->arg, "sip:other@focus");
	focus = fake_agent->calls->pdata[fake_agent->calls->len - 1];
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	fake_complete(a_sip->ops->pdata[a_sip->ops->len - 1], 603, "Decline",
		      FALSE);
	n = fake_event_count(f->s);
	fake_complete(b_sip->ops->pdata[b_sip->ops->len - 1], 486, "Busy Here",
		      FALSE);
	assert_string_equal(fake_event_name(f->s, n), "error.voice.conference");
	assert_string_equal(fake_event_str(f->s, n, "error"), "rejected");
	assert_non_null(
		strstr(fake_event_str(f->s, n, "description"), "party"));
	/* nobody joined: the focus call is released, the parties kept */
	assert_string_equal(
		((fake_op *)focus->ops->pdata[focus->ops->len - 1])->what,
		"hangup");
	assert_string_equal(
		((fake_op *)a_sip->ops->pdata[a_sip->ops->len - 1])->what,
		"refer");
	g_free(ja);
}

static void test_conference_timeout_spares_other_actions(void **state)
{
	fixture *f = *state;
	sip_call *a_sip, *b_sip;
	const char *a = held_call(f, &a_sip);
	char *ja = quoted(a);
	fake_op *hold;
	guint n;

	connected_call(f, &b_sip);
	fake_exec(f->engine, f->s, NULL, "conference", "interactionid", ja,
		  "focus", "\"sip:conf@focus\"", "timeout", "\"30ms\"", NULL);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	/* party A refuses at once; the flow retrieves it meanwhile */
	fake_complete(a_sip->ops->pdata[a_sip->ops->len - 1], 603, "Decline",
		      FALSE);
	n = fake_event_count(f->s);
	fake_exec(f->engine, f->s, NULL, "retrieve", "interactionid", ja, NULL);
	hold = fake_last_op();
	assert_string_equal(hold->what, "retrieve");
	/* party B never answers: the conference times out... */
	fake_wait_events(f->s, n + 1);
	assert_string_equal(fake_event_name(f->s, n), "error.voice.conference");
	assert_string_equal(fake_event_str(f->s, n, "error"), "rejected");
	/* ...without touching the retrieve, which completes on its own */
	assert_int_equal(count_named(f->s, "error.voice.retrieve"), 0);
	fake_complete(hold, 200, "OK", FALSE);
	assert_int_equal(count_named(f->s, "voice.retrieve.done"), 1);
	g_free(ja);
}

/* ---- terminate and inbound calls -------------------------------------------
 */

static void test_terminate(void **state)
{
	fixture *f = *state;
	sip_call *call;
	const char *id = connected_call(f, &call);
	char *json = quoted(id);
	scxml_action *act;
	fake_op *op;

	fake_exec(f->engine, f->s, &act, "terminate", "requestid", "",
		  "interactionid", json, NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "hangup");
	fake_release(call, SIP_END_LOCAL, 200, "OK");
	fake_complete(op, 200, "OK", FALSE);
	assert_int_equal(fake_event_count(f->s), 3);
	assert_string_equal(fake_event_name(f->s, 1), "interaction.deleted");
	assert_string_equal(fake_event_str(f->s, 1, "cause"), "local");
	assert_string_equal(fake_event_name(f->s, 2),
			    "interaction.terminate.done");
	assert_string_equal(fake_event_str(f->s, 2, "requestid"),
			    act->requestid);
	fake_action_free(act);
	g_free(json);
}

static void test_terminate_during_createcall(void **state)
{
	fixture *f = *state;
	fake_op *invite, *cancel;
	sip_call *call;
	const char *id;
	char *json;

	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"sip:bob@test\"", NULL);
	invite = fake_last_op();
	call = fake_agent->calls->pdata[0];
	/* The flow learns the id from events only; the test reads the
	 * session's index. */
	{
		voice_session *vs =
			scxml_session_get_module_data(f->s, VOICE_DATA_KEY);
		GList *keys = g_hash_table_get_keys(vs->calls);

		assert_int_equal(g_list_length(keys), 1);
		id = keys->data;
		g_list_free(keys);
	}
	json = quoted(id);
	fake_exec(f->engine, f->s, NULL, "terminate", "interactionid", json,
		  NULL);
	cancel = fake_last_op();
	assert_string_equal(cancel->what, "hangup");
	fake_complete(invite, 487, "Request Terminated", FALSE);
	fake_release(call, SIP_END_LOCAL, 487, "Request Terminated");
	fake_complete(cancel, 200, "OK", FALSE);
	assert_int_equal(count_named(f->s, "error.voice.createcall"), 1);
	/* the same verdict whichever SIP callback came first */
	assert_string_equal(
		fake_event_str(f->s, find_event(f->s, "error.voice.createcall"),
			       "error"),
		"invalidinteraction");
	assert_int_equal(count_named(f->s, "interaction.terminate.done"), 1);
	assert_int_equal(count_named(f->s, "interaction.deleted"), 1);
	g_free(json);
}

static void test_inbound(void **state)
{
	fixture *f = *state;
	sip_call *in = fake_incoming("sip:alice@test", "sip:flow@test");
	const char *id;
	char *json;
	guint n;

	assert_int_equal(fake_event_count(f->s), 1);
	assert_string_equal(fake_event_name(f->s, 0), "interaction.added");
	assert_string_equal(fake_event_str(f->s, 0, "from"), "sip:alice@test");
	assert_string_equal(fake_event_str(f->s, 0, "callid"), in->callid);
	assert_string_equal(fake_event_str(f->s, 0, "to"), "sip:flow@test");
	{
		scxml_event *ev = f->s->events->pdata[0];
		JsonObject *h = json_object_get_object_member(
			json_node_get_object(ev->data), "headers");

		assert_string_equal(json_object_get_string_member(h, "X-Case"),
				    "9");
	}
	id = fake_event_str(f->s, 0, "interactionid");
	json = quoted(id);
	/* hold of an unanswered call makes no sense */
	fake_exec(f->engine, f->s, NULL, "hold", "interactionid", json, NULL);
	assert_string_equal(fake_event_str(f->s, 1, "error"), "invalidstate");
	fake_exec(f->engine, f->s, NULL, "accept", "interactionid", json, NULL);
	assert_string_equal(fake_last_op()->what, "accept");
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	assert_string_equal(fake_event_name(f->s, 2),
			    "interaction.accept.done");
	n = fake_event_count(f->s);
	fake_release(in, SIP_END_REMOTE, 0, NULL);
	assert_string_equal(fake_event_name(f->s, n), "interaction.deleted");
	assert_string_equal(fake_event_str(f->s, n, "cause"), "remote");
	g_free(json);
}

static void test_inbound_reject_redirect(void **state)
{
	fixture *f = *state;
	sip_call *in1 = fake_incoming("sip:a@test", "sip:flow@test");
	sip_call *in2 = fake_incoming("sip:b@test", "sip:flow@test");
	char *j1 = quoted(fake_event_str(f->s, 0, "interactionid"));
	char *j2 = quoted(fake_event_str(f->s, 1, "interactionid"));
	fake_op *op;

	fake_exec(f->engine, f->s, NULL, "reject", "interactionid", j1,
		  "status", "603", NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "reject");
	assert_string_equal(op->arg, "603");
	assert_string_equal(fake_event_name(f->s, 2),
			    "interaction.reject.done");
	fake_exec(f->engine, f->s, NULL, "redirect", "interactionid", j2, "to",
		  "\"sip:elsewhere@test\"", NULL);
	op = fake_last_op();
	assert_string_equal(op->arg, "302");
	assert_string_equal(op->extra, "sip:elsewhere@test");
	assert_string_equal(fake_event_name(f->s, 3),
			    "interaction.redirect.done");
	fake_exec(f->engine, f->s, NULL, "reject", "interactionid", j1,
		  "status", "\"abc\"", NULL);
	assert_string_equal(fake_event_str(f->s, 4, "error"), "invalidrequest");
	fake_release(in1, SIP_END_LOCAL, 603, "Decline");
	fake_release(in2, SIP_END_LOCAL, 302, "Moved");
	assert_string_equal(fake_event_str(f->s, 5, "cause"), "local");
	g_free(j1);
	g_free(j2);
}

/* ---- more validation ----------------------------------------------------- */

static void test_conference_without_focus(void **state)
{
	fixture *f = *state;
	const char *a = held_call(f, NULL);
	char *ja = quoted(a);
	guint ops, n;

	connected_call(f, NULL);
	ops = fake_op_count();
	n = fake_event_count(f->s);
	fake_exec(f->engine, f->s, NULL, "conference", "interactionid", ja,
		  NULL);
	assert_string_equal(fake_event_name(f->s, n), "error.voice.conference");
	assert_string_equal(fake_event_str(f->s, n, "error"), "invalidrequest");
	assert_int_equal(fake_op_count(), ops);
	g_free(ja);
}

static void test_alternate_without_held(void **state)
{
	fixture *f = *state;
	const char *a = connected_call(f, NULL);
	char *ja = quoted(a);
	guint ops = fake_op_count();

	fake_exec(f->engine, f->s, NULL, "alternate", "interactionid", ja,
		  NULL);
	assert_string_equal(fake_event_str(f->s, 1, "error"), "invalidrequest");
	/* naming the same call twice */
	fake_exec(f->engine, f->s, NULL, "alternate", "interactionid", ja,
		  "heldinteractionid", ja, NULL);
	assert_string_equal(fake_event_str(f->s, 2, "error"), "invalidrequest");
	assert_int_equal(fake_op_count(), ops);
	g_free(ja);
}

static void test_timeout_forms(void **state)
{
	const char *good[] = {"5", "2.5", "\"500ms\"", "\"2.5s\"", "\"3\""};
	fixture *f = *state;

	for (guint i = 0; i < G_N_ELEMENTS(good); i++)
		fake_exec(f->engine, f->s, NULL, "createcall", "from",
			  "\"sip:me@test\"", "to", "\"sip:bob@test\"",
			  "timeout", good[i], NULL);
	/* every one placed its call, none failed at once */
	assert_int_equal(fake_event_count(f->s), 0);
	assert_int_equal(fake_op_count(), G_N_ELEMENTS(good));
}

static void test_terminate_unanswered_inbound(void **state)
{
	fixture *f = *state;
	sip_call *in = fake_incoming("sip:a@test", "sip:flow@test");
	char *j = quoted(fake_event_str(f->s, 0, "interactionid"));

	fake_exec(f->engine, f->s, NULL, "terminate", "interactionid", j,
		  "reason", "\"closed\"", NULL);
	/* sip/ answers 480 to an inbound call hung up before its answer */
	assert_string_equal(fake_last_op()->what, "hangup");
	assert_int_equal(fake_event_count(f->s), 1);
	fake_complete(fake_last_op(), 200, "OK", TRUE);
	assert_string_equal(fake_event_name(f->s, 1),
			    "interaction.terminate.done");
	fake_release(in, SIP_END_LOCAL, 480, "Temporarily Unavailable");
	assert_string_equal(fake_event_str(f->s, 2, "cause"), "local");
	/* terminating it again: it is gone */
	fake_exec(f->engine, f->s, NULL, "terminate", "interactionid", j, NULL);
	assert_string_equal(fake_event_str(f->s, 3, "error"),
			    "invalidinteraction");
	g_free(j);
}

/* ---- the session's end ------------------------------------------------------
 */

/* [voice] max-calls-per-session = 2: past it, createcall and consultation
 * fail with invalidstate and send nothing, an inbound call gets 503 with
 * Retry-After before the flow hears of it; a call ending makes room. */
static void test_session_call_cap(void **state)
{
	fixture *f = *state;
	sip_call *b_call;
	const char *a = connected_call(f, NULL);
	char *json = quoted(a);
	guint ops, n;

	connected_call(f, &b_call);
	ops = fake_op_count();
	n = fake_event_count(f->s);
	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"sip:carol@test\"", NULL);
	assert_int_equal(fake_event_count(f->s), n + 1);
	assert_string_equal(fake_event_name(f->s, n), "error.voice.createcall");
	assert_string_equal(fake_event_str(f->s, n, "error"), "invalidstate");
	assert_non_null(strstr(fake_event_str(f->s, n, "description"),
			       "max-calls-per-session"));
	fake_exec(f->engine, f->s, NULL, "consultation", "interactionid", json,
		  "to", "\"sip:carol@test\"", NULL);
	assert_int_equal(fake_event_count(f->s), n + 2);
	assert_string_equal(fake_event_name(f->s, n + 1),
			    "error.voice.consultation");
	assert_string_equal(fake_event_str(f->s, n + 1, "error"),
			    "invalidstate");
	/* nothing on the wire: no INVITE, no hold of a */
	assert_int_equal(fake_op_count(), ops);
	/* inbound: refused before routing, the session sees nothing */
	assert_null(fake_incoming("sip:alice@test", "sip:flow@test"));
	assert_int_equal(fake_agent->refused, 503);
	assert_int_equal(fake_agent->retry_after, 7);
	assert_int_equal(fake_event_count(f->s), n + 2);
	assert_int_equal(voice_module_session_calls(f->vm, f->s), 2);
	/* the peer hangs up one call: room for one more */
	fake_release(b_call, SIP_END_REMOTE, 0, NULL);
	n = fake_event_count(f->s);
	assert_string_equal(fake_event_name(f->s, n - 1),
			    "interaction.deleted");
	assert_non_null(fake_incoming("sip:alice@test", "sip:flow@test"));
	assert_string_equal(fake_event_name(f->s, n), "interaction.added");
	assert_int_equal(voice_module_session_calls(f->vm, f->s), 2);
	g_free(json);
}

/* The last room taken while consultation's hold was in flight: the dial
 * is refused (invalidstate, no INVITE), the held call is retrieved, then
 * the error is posted. */
static void test_consultation_cap_after_hold(void **state)
{
	fixture *f = *state;
	const char *a = connected_call(f, NULL);
	char *json = quoted(a);
	fake_op *op;
	guint n;

	fake_exec(f->engine, f->s, NULL, "consultation", "interactionid", json,
		  "to", "\"sip:carol@test\"", NULL);
	op = fake_last_op();
	assert_string_equal(op->what, "hold");
	assert_non_null(fake_incoming("sip:alice@test", "sip:flow@test"));
	n = fake_event_count(f->s);
	assert_string_equal(fake_event_name(f->s, n - 1), "interaction.added");
	fake_complete(op, 200, "OK", FALSE);
	op = fake_last_op();
	assert_string_equal(op->what, "retrieve");
	assert_int_equal(fake_event_count(f->s), n);
	fake_complete(op, 200, "OK", FALSE);
	assert_int_equal(fake_event_count(f->s), n + 1);
	assert_string_equal(fake_event_name(f->s, n),
			    "error.voice.consultation");
	assert_string_equal(fake_event_str(f->s, n, "error"), "invalidstate");
	assert_int_equal(voice_module_session_calls(f->vm, f->s), 2);
	g_free(json);
}

static void test_session_end_releases(void **state)
{
	fixture *f = *state;
	sip_call *up;
	fake_op *invite;

	connected_call(f, &up);
	fake_exec(f->engine, f->s, NULL, "createcall", "from",
		  "\"sip:me@test\"", "to", "\"sip:bob@test\"", "timeout",
		  "\"10ms\"", NULL);
	invite = fake_last_op();
	fake_session_end(f->s);
	/* both calls are released: BYE and CANCEL */
	assert_string_equal(((fake_op *)up->ops->pdata[up->ops->len - 1])->what,
			    "hangup");
	assert_string_equal(fake_last_op()->what, "hangup");
	/* the pending createcall is abandoned silently, timer included;
	 * a session that ended is never posted to (the fake asserts) */
	for (int i = 0; i < 30; i++) {
		g_main_context_iteration(NULL, FALSE);
		g_usleep(1000);
	}
	fake_complete(invite, 487, "Request Terminated", FALSE);
	fake_release(up, SIP_END_LOCAL, 200, "OK");
	fake_release(fake_agent->calls->pdata[1], SIP_END_LOCAL, 487, "x");
	assert_int_equal(fake_event_count(f->s), 1);
}

static void test_session_end_keeps_calls(void **state)
{
	fixture *f = *state;
	sip_call *up;
	guint ops;

	connected_call(f, &up);
	ops = fake_op_count();
	fake_session_end(f->s);
	assert_int_equal(fake_op_count(), ops);
	fake_release(up, SIP_END_REMOTE, 0, NULL);
	assert_int_equal(fake_event_count(f->s), 1);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_registers_elements),
		cmocka_unit_test(test_config_errors),
		T(test_createcall_missing_to),
		T(test_createcall_ill_typed),
		T(test_unknown_interaction),
		T(test_missing_interactionid),
		T(test_invalid_states),
		T(test_createcall_answered),
		cmocka_unit_test_setup_teardown(test_createcall_udata,
						setup_udata, teardown),
		T(test_createcall_busy),
		T(test_createcall_local_status),
		T(test_createcall_not_found_done_first),
		T(test_createcall_timeout_cancel),
		T(test_createcall_timeout_no_487),
		T(test_createcall_stack_refuses),
		T(test_transfer_bad_target),
		T(test_hold_retrieve),
		T(test_hold_refused),
		T(test_hold_remote_bye),
		T(test_hold_timeout_releases),
		T(test_consultation_answered),
		T(test_consultation_failed_retrieves),
		T(test_consultation_hold_fails),
		T(test_alternate),
		T(test_alternate_retrieve_fails),
		T(test_reconnect),
		T(test_transfer_single_step),
		T(test_transfer_two_step),
		T(test_transfer_failures),
		T(test_transfer_again_after_timeout),
		cmocka_unit_test_setup_teardown(test_conference, setup_udata,
						teardown),
		T(test_conference_party_fails),
		T(test_conference_timeout_spares_other_actions),
		T(test_terminate),
		T(test_terminate_during_createcall),
		T(test_inbound),
		T(test_inbound_reject_redirect),
		T(test_conference_without_focus),
		T(test_alternate_without_held),
		T(test_timeout_forms),
		T(test_terminate_unanswered_inbound),
		T(test_session_end_releases),
		cmocka_unit_test_setup_teardown(test_session_call_cap,
						setup_call_cap, teardown),
		cmocka_unit_test_setup_teardown(
			test_consultation_cap_after_hold, setup_call_cap,
			teardown),
		cmocka_unit_test_setup_teardown(test_session_end_keeps_calls,
						setup_keep_calls, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
