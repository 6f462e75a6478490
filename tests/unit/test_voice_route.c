/*
 * The routing of inbound calls in the voice module (voice_inbound.c),
 * against the fake interpreter and SIP agent: the cap on calls ringing at
 * once ([voice] max-ringing → 503 with Retry-After), the ring timeout
 * (480), a router's session or refusal (sipscxml serve), and the OPTIONS
 * answer. The end-to-end counterparts are tests/serve/ring_cap and the
 * other cases of tests/serve/.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/voice_priv.h"
#include "tests/unit/voice_fake_sip.h"
#include "tests/unit/voice_fakes.h"

typedef struct fixture {
	scxml_engine *engine;
	voice_module *vm;
	scxml_session *s;     /* attached (run's session) */
	scxml_session *other; /* the router's */
	GKeyFile *kf;
	int route_status;     /* the router refuses with it, 0: takes */
	guint routed;
	char *user;
	int options_status;
} fixture;

static int setup(void **state)
{
	fixture *f = g_new0(fixture, 1);
	GError *err = NULL;

	f->engine = fake_engine_new();
	f->kf = g_key_file_new();
	assert_true(g_key_file_load_from_data(f->kf,
					      "[voice]\nmax-ringing = 2\n"
					      "ring-timeout = 50ms\n"
					      "retry-after = 7\n",
					      -1, 0, NULL));
	f->vm = voice_module_new(f->engine, f->kf, &err);
	assert_non_null(f->vm);
	assert_int_equal(voice_module_start_sip(f->vm, NULL, &err), 0);
	f->s = fake_session_new();
	f->other = fake_session_new();
	voice_module_attach_session(f->vm, f->s);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	fake_session_free(f->s);
	fake_session_free(f->other);
	voice_module_shutdown(f->vm, NULL, NULL);
	voice_module_free(f->vm);
	fake_engine_free(f->engine);
	g_key_file_unref(f->kf);
	g_free(f->user);
	g_free(f);
	return 0;
}

static char *quoted(const char *s)
{
	return g_strdup_printf("\"%s\"", s);
}

/* The attached session's i-th event's interactionid, as an attribute. */
static char *call_attr(scxml_session *s, guint i)
{
	return quoted(fake_event_str(s, i, "interactionid"));
}

static void test_ringing_cap(void **state)
{
	fixture *f = *state;
	char *first;

	assert_non_null(fake_incoming("sip:a@test", "sip:flow@test"));
	assert_non_null(fake_incoming("sip:b@test", "sip:flow@test"));
	/* two ring: the third is refused before the flow hears of it */
	assert_null(fake_incoming("sip:c@test", "sip:flow@test"));
	assert_int_equal(fake_agent->refused, 503);
	assert_int_equal(fake_agent->retry_after, 7);
	assert_int_equal(fake_event_count(f->s), 2);
	/* OPTIONS says so too */
	fake_agent->retry_after = 0;
	assert_int_equal(fake_agent->options(&fake_agent->retry_after,
					     fake_agent->route_ud),
			 503);
	assert_int_equal(fake_agent->retry_after, 7);
	/* one answered (rejected): room for one more */
	first = call_attr(f->s, 0);
	fake_exec(f->engine, f->s, NULL, "reject", "interactionid", first,
		  NULL);
	g_free(first);
	assert_non_null(fake_incoming("sip:d@test", "sip:flow@test"));
	assert_int_equal(fake_event_count(f->s), 4); /* + reject.done */
	assert_null(fake_incoming("sip:e@test", "sip:flow@test"));
}

static void test_ring_timeout(void **state)
{
	fixture *f = *state;
	sip_call *in = fake_incoming("sip:a@test", "sip:flow@test");
	sip_call *answered = fake_incoming("sip:b@test", "sip:flow@test");
	char *b = call_attr(f->s, 1);
	gint64 until = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
	fake_op *op = NULL;

	/* the second is answered in time: its timer must leave it alone */
	fake_exec(f->engine, f->s, NULL, "accept", "interactionid", b, NULL);
	g_free(b);
	fake_complete(fake_last_op(), 200, "OK", FALSE);
	while (g_get_monotonic_time() < until) {
		op = NULL;
		for (guint i = 0; i < in->ops->len; i++)
			op = in->ops->pdata[i];
		if (op)
			break;
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
	}
	assert_non_null(op);
	assert_string_equal(op->what, "reject");
	assert_string_equal(op->arg, "480");
	/* the answered one saw its accept only */
	assert_int_equal(answered->ops->len, 1);
	/* the peer's stack ends the call: deleted, cause local */
	fake_release(in, SIP_END_LOCAL, 480, "Temporarily Unavailable");
	assert_string_equal(fake_event_name(f->s, fake_event_count(f->s) - 1),
			    "interaction.deleted");
	assert_string_equal(
		fake_event_str(f->s, fake_event_count(f->s) - 1, "cause"),
		"local");
}

static scxml_session *router(const char *request_uri, const char *user,
			     int *status, guint *retry_after, void *ud)
{
	fixture *f = ud;

	f->routed++;
	g_free(f->user);
	f->user = g_strdup(user);
	if (f->route_status) {
		*status = f->route_status;
		*retry_after = 3;
		return NULL;
	}
	return f->other;
}

static int options(guint *retry_after, void *ud)
{
	fixture *f = ud;

	*retry_after = 9;
	return f->options_status;
}

static void test_router(void **state)
{
	fixture *f = *state;

	voice_module_set_router(f->vm, router, options, f);
	/* taken: the router's session gets the call, not the attached one */
	assert_non_null(fake_incoming("sip:a@test", "sip:flow@test"));
	assert_int_equal(f->routed, 1);
	assert_string_equal(f->user, "flow");
	assert_int_equal(fake_event_count(f->s), 0);
	assert_int_equal(fake_event_count(f->other), 1);
	assert_string_equal(fake_event_name(f->other, 0), "interaction.added");
	assert_string_equal(fake_event_str(f->other, 0, "requesturi"),
			    "sip:flow@test");
	assert_int_equal(voice_module_session_calls(f->vm, f->other), 1);
	assert_int_equal(voice_module_session_calls(f->vm, f->s), 0);
	/* refused with the router's status and Retry-After */
	f->route_status = 404;
	assert_null(fake_incoming("sip:b@test", "sip:flow@test"));
	assert_int_equal(fake_agent->refused, 404);
	assert_int_equal(fake_agent->retry_after, 3);
	assert_int_equal(fake_event_count(f->other), 1);
	/* OPTIONS: the router's answer while the ringing cap is not hit */
	f->options_status = 200;
	assert_int_equal(fake_agent->options(&fake_agent->retry_after,
					     fake_agent->route_ud),
			 200);
	f->options_status = 503;
	assert_int_equal(fake_agent->options(&fake_agent->retry_after,
					     fake_agent->route_ud),
			 503);
	assert_int_equal(fake_agent->retry_after, 9);
}

static void test_no_session(void **state)
{
	fixture *f = *state;

	/* run's session ended: nobody takes calls */
	fake_session_end(f->s);
	assert_null(fake_incoming("sip:a@test", "sip:flow@test"));
	assert_int_equal(fake_agent->refused, 480);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ringing_cap, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_ring_timeout, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_router, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_session, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
