/*
 * configs/sipscxml.conf against the loaders: every key the sample documents
 * (commented out, with its default) is read by the real loaders — [voice]
 * by the voice module, [sip] [auth] [media] [register] by sip/ — and the
 * documented
 * defaults are the loaders' own. Uncommenting the whole file must change
 * nothing. Plus the [voice] keys' errors and the duration syntax.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/voice_priv.h"

/* The sample with every "#key = value" line made live. */
static GKeyFile *sample_uncommented(void)
{
	const char *top = g_getenv("top_srcdir");
	char *path = g_build_filename(top ? top : ".", "configs",
				      "sipscxml.conf", NULL);
	char *text = NULL;
	GString *live = g_string_new(NULL);
	GKeyFile *kf = g_key_file_new();
	char **lines;
	guint keys = 0;

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		/* "#name = value": a documented key, not prose. */
		if ((*l)[0] == '#' && g_ascii_isalpha((*l)[1]) &&
		    g_regex_match_simple("^#[a-z0-9-]+ =", *l, 0, 0)) {
			g_string_append_printf(live, "%s\n", *l + 1);
			keys++;
		} else {
			g_string_append_printf(live, "%s\n", *l);
		}
	}
	assert_true(keys >= 20);
	assert_true(g_key_file_load_from_data(kf, live->str, -1, 0, NULL));
	g_strfreev(lines);
	g_free(text);
	g_free(path);
	g_string_free(live, TRUE);
	return kf;
}

static void test_sample_is_the_defaults(void **state)
{
	GKeyFile *kf = sample_uncommented();
	voice_config dv, sv;
	sip_agent_config ds, ss;
	GError *err = NULL;

	assert_int_equal(voice_config_load(NULL, &dv, &err), 0);
	assert_int_equal(voice_config_load(kf, &sv, &err), 0);
	assert_null(err);
	assert_true(dv.answer_timeout_s == sv.answer_timeout_s);
	assert_true(dv.reinvite_timeout_s == sv.reinvite_timeout_s);
	assert_true(dv.transfer_timeout_s == sv.transfer_timeout_s);
	assert_true(dv.cancel_wait_s == sv.cancel_wait_s);
	assert_int_equal(dv.send_udata, sv.send_udata);
	assert_int_equal(dv.release_on_exit, sv.release_on_exit);
	assert_int_equal(dv.follow_redirects, sv.follow_redirects);
	assert_true(dv.ring_timeout_s == sv.ring_timeout_s);
	assert_int_equal(dv.max_ringing, sv.max_ringing);
	assert_int_equal(dv.retry_after_s, sv.retry_after_s);
	assert_null(sv.conference_focus);

	assert_int_equal(sip_agent_config_load(NULL, &ds, &err), 0);
	assert_int_equal(sip_agent_config_load(kf, &ss, &err), 0);
	assert_null(err);
	assert_string_equal(ds.bind, ss.bind);
	assert_int_equal(ds.udp, ss.udp);
	assert_int_equal(ds.tcp, ss.tcp);
	assert_string_equal(ds.identity, ss.identity);
	assert_null(ss.domain);
	assert_null(ss.outbound_proxy);
	assert_string_equal(ds.user_agent, ss.user_agent);
	assert_int_equal(ds.t1_ms, ss.t1_ms);
	assert_int_equal(ds.t1x64_ms, ss.t1x64_ms);
	assert_int_equal(ds.trace, ss.trace);
	assert_null(ss.auth_user);
	assert_null(ss.auth_password);
	assert_null(ss.auth_realm);
	assert_string_equal(ds.media_address, ss.media_address);
	assert_int_equal(ds.media_port, ss.media_port);
	assert_string_equal(ds.codecs, ss.codecs);
	assert_null(ss.registrar);
	assert_null(ss.reg_aor);
	assert_null(ss.reg_contact_user);
	assert_int_equal(ds.reg_expires, ss.reg_expires);
	assert_int_equal(ds.reg_retry, ss.reg_retry);

	voice_config_clear(&dv);
	voice_config_clear(&sv);
	sip_agent_config_clear(&ds);
	sip_agent_config_clear(&ss);
	g_key_file_unref(kf);
}

static void test_voice_keys(void **state)
{
	GKeyFile *kf = g_key_file_new();
	voice_config cfg;
	GError *err = NULL;

	assert_true(g_key_file_load_from_data(
		kf,
		"[voice]\nanswer-timeout = 2.5s\nreinvite-timeout = 500ms\n"
		"transfer-timeout = 7\ncancel-wait = 1\nsend-udata = true\n"
		"release-on-exit = false\nconference-focus = sip:c@f\n"
		"ring-timeout = 3s\nmax-ringing = 5\nretry-after = 0\n",
		-1, 0, NULL));
	assert_int_equal(voice_config_load(kf, &cfg, &err), 0);
	assert_true(cfg.answer_timeout_s == 2.5);
	assert_true(cfg.reinvite_timeout_s == 0.5);
	assert_true(cfg.transfer_timeout_s == 7);
	assert_true(cfg.cancel_wait_s == 1);
	assert_true(cfg.send_udata);
	assert_false(cfg.release_on_exit);
	assert_string_equal(cfg.conference_focus, "sip:c@f");
	assert_true(cfg.ring_timeout_s == 3);
	assert_int_equal(cfg.max_ringing, 5);
	assert_int_equal(cfg.retry_after_s, 0);
	voice_config_clear(&cfg);
	/* a cap of 0 would refuse every call */
	assert_true(g_key_file_load_from_data(kf, "[voice]\nmax-ringing = 0\n",
					      -1, 0, NULL));
	assert_int_equal(voice_config_load(kf, &cfg, &err), -1);
	assert_non_null(strstr(err->message, "max-ringing"));
	g_clear_error(&err);
	g_key_file_unref(kf);
}

static void test_durations(void **state)
{
	const struct {
		const char *text;
		double want; /* 0: refused */
	} cases[] = {
		{"3", 3},	 {"2.5", 2.5}, {"2.5s", 2.5}, {"500ms", 0.5},
		{" 4 s", 4},	 {"0", 0},     {"-1", 0},     {"1m", 0},
		{"", 0},	 {"s", 0},     {"nan", 0},    {"1e9", 0},
		{"10 ms", 0.01},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		double got = 0;
		int rc = voice_parse_duration(cases[i].text, &got);

		if (cases[i].want == 0) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			assert_true(got > cases[i].want - 1e-9 &&
				    got < cases[i].want + 1e-9);
		}
	}
	assert_int_equal(voice_parse_duration(NULL, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_is_the_defaults),
		cmocka_unit_test(test_voice_keys),
		cmocka_unit_test(test_durations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
