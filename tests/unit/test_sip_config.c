/*
 * sip_agent_config_load: defaults, every key read from its group, and the
 * malformed values it must refuse (with the key named in the error).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_agent.h"

static GKeyFile *keyfile(const char *text)
{
	GKeyFile *kf = g_key_file_new();
	assert_true(
		g_key_file_load_from_data(kf, text, -1, G_KEY_FILE_NONE, NULL));
	return kf;
}

static void defaults_without_keyfile(void **state)
{
	sip_agent_config cfg;
	assert_int_equal(sip_agent_config_load(NULL, &cfg, NULL), 0);
	assert_string_equal(cfg.bind, "127.0.0.1:5060");
	assert_true(cfg.udp);
	assert_true(cfg.tcp);
	assert_string_equal(cfg.identity, "sip:sipscxml@127.0.0.1");
	assert_null(cfg.outbound_proxy);
	assert_null(cfg.auth_user);
	assert_string_equal(cfg.codecs, "PCMU,PCMA");
	assert_int_equal(cfg.t1_ms, 500);
	assert_int_equal(cfg.t1x64_ms, 64 * 500);
	assert_int_equal(cfg.media_port, 4000);
	assert_false(cfg.trace);
	assert_null(cfg.registrar);
	assert_null(cfg.reg_aor);
	assert_null(cfg.reg_contact_user);
	assert_int_equal(cfg.reg_expires, 3600);
	assert_int_equal(cfg.reg_retry, 30);
	assert_int_equal(cfg.session_expires, 0);
	assert_int_equal(cfg.min_se, 90);
	sip_agent_config_clear(&cfg);
}

static void every_key(void **state)
{
	GKeyFile *kf = keyfile("[sip]\n"
			       "bind = 10.0.0.5:5070\n"
			       "transports = tcp\n"
			       "identity = sip:ivr@example.com\n"
			       "domain = example.com\n"
			       "outbound-proxy = sip:proxy.example.com;lr\n"
			       "user-agent = test-agent/1\n"
			       "t1 = 250\n"
			       "transaction-timeout = 9000\n"
			       "trace = true\n"
			       "session-expires = 1800\n"
			       "min-se = 120\n"
			       "[auth]\n"
			       "user = alice\n"
			       "password = s3cret\n"
			       "realm = example.com\n"
			       "[media]\n"
			       "address = 10.0.0.9\n"
			       "port = 30000\n"
			       "codecs = PCMA\n"
			       "[register]\n"
			       "registrar = sip:pbx.example.com;transport=tcp\n"
			       "aor = sip:1001@example.com\n"
			       "contact-user = agent1\n"
			       "expires = 600\n"
			       "retry = 5\n");
	sip_agent_config cfg;
	assert_int_equal(sip_agent_config_load(kf, &cfg, NULL), 0);
	assert_string_equal(cfg.bind, "10.0.0.5:5070");
	assert_false(cfg.udp);
	assert_true(cfg.tcp);
	assert_string_equal(cfg.identity, "sip:ivr@example.com");
	assert_string_equal(cfg.domain, "example.com");
	assert_string_equal(cfg.outbound_proxy, "sip:proxy.example.com;lr");
	assert_string_equal(cfg.user_agent, "test-agent/1");
	assert_int_equal(cfg.t1_ms, 250);
	assert_int_equal(cfg.t1x64_ms, 9000);
	assert_true(cfg.trace);
	assert_int_equal(cfg.session_expires, 1800);
	assert_int_equal(cfg.min_se, 120);
	assert_string_equal(cfg.auth_user, "alice");
	assert_string_equal(cfg.auth_password, "s3cret");
	assert_string_equal(cfg.auth_realm, "example.com");
	assert_string_equal(cfg.media_address, "10.0.0.9");
	assert_int_equal(cfg.media_port, 30000);
	assert_string_equal(cfg.codecs, "PCMA");
	assert_string_equal(cfg.registrar, "sip:pbx.example.com;transport=tcp");
	assert_string_equal(cfg.reg_aor, "sip:1001@example.com");
	assert_string_equal(cfg.reg_contact_user, "agent1");
	assert_int_equal(cfg.reg_expires, 600);
	assert_int_equal(cfg.reg_retry, 5);
	sip_agent_config_clear(&cfg);
	g_key_file_unref(kf);
}

static void transaction_timeout_follows_t1(void **state)
{
	GKeyFile *kf = keyfile("[sip]\nt1 = 100\n");
	sip_agent_config cfg;
	assert_int_equal(sip_agent_config_load(kf, &cfg, NULL), 0);
	assert_int_equal(cfg.t1x64_ms, 6400);
	sip_agent_config_clear(&cfg);
	g_key_file_unref(kf);
}

static void empty_value_clears_a_string(void **state)
{
	GKeyFile *kf = keyfile("[sip]\noutbound-proxy =\ndomain=\n");
	sip_agent_config cfg;
	assert_int_equal(sip_agent_config_load(kf, &cfg, NULL), 0);
	assert_null(cfg.outbound_proxy);
	assert_null(cfg.domain);
	sip_agent_config_clear(&cfg);
	g_key_file_unref(kf);
}

static void refuses(const char *text, const char *key_in_message)
{
	GKeyFile *kf = keyfile(text);
	sip_agent_config cfg;
	GError *err = NULL;
	assert_int_equal(sip_agent_config_load(kf, &cfg, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err->message, key_in_message));
	assert_null(cfg.bind); /* left cleared */
	g_error_free(err);
	g_key_file_unref(kf);
}

/* bind and tls-bind take what SIP people write (sip_bind.h); the value
 * is kept as written, the agent reads it when it starts. */
static void bind_forms(void **state)
{
	const char *forms[] = {"sip:127.0.0.1:5070", "sip:*:5060",
			       "sip:127.0.0.1;transport=tcp", "[::1]:5060",
			       "0.0.0.0:0"};
	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
		g_autofree char *text =
			g_strdup_printf("[sip]\nbind = %s\n", forms[i]);
		GKeyFile *kf = keyfile(text);
		sip_agent_config cfg;
		GError *err = NULL;
		if (sip_agent_config_load(kf, &cfg, &err) < 0)
			fail_msg("%s: %s", forms[i], err->message);
		assert_string_equal(cfg.bind, forms[i]);
		sip_agent_config_clear(&cfg);
		g_key_file_unref(kf);
	}
}

static void malformed_values(void **state)
{
	refuses("[sip]\nt1 = fast\n", "t1");
	refuses("[sip]\nt1 = -5\n", "t1");
	refuses("[sip]\ntransports = udp,sctp\n", "transports");
	refuses("[sip]\ntransports = ,\n", "transports");
	refuses("[sip]\ntrace = maybe\n", "trace");
	refuses("[media]\nport = 70000\n", "port");
	refuses("[media]\nport = 0\n", "port");
	refuses("[register]\nregistrar = pbx.example.com\n", "registrar");
	refuses("[register]\naor = 1001\n", "aor");
	refuses("[register]\ncontact-user = a@b\n", "contact-user");
	refuses("[register]\nexpires = 0\n", "expires");
	refuses("[register]\nexpires = soon\n", "expires");
	refuses("[register]\nretry = 0\n", "retry");
	refuses("[sip]\ntls-bind = 127.0.0.1:5061\n",
		"tls-bind needs tls-certificates");
	refuses("[sip]\ntls-bind = 127.0.0.1:5061\n"
		"tls-certificates = /nonexistent/dir\n",
		"tls-certificates: not a directory");
	refuses("[sip]\ntls-bind = 127.0.0.1:5061\ntls-certificates = /\n",
		"tls-certificates: no agent.pem");
	refuses("[sip]\ntls-verify = sometimes\n", "tls-verify");
	refuses("[sip]\nbind = sip:alice@127.0.0.1\n",
		"[sip] bind: bad bind address 'sip:alice@127.0.0.1'");
	refuses("[sip]\nbind = 127.0.0.1:http\n", "sip:HOST[:PORT]");
	refuses("[sip]\ntls-bind = sip:127.0.0.1;transport=udp\n",
		"[sip] tls-bind: 'sip:127.0.0.1;transport=udp' names another");
	refuses("[sip]\ntls-bind = nowhere:99999\n", "[sip] tls-bind: bad");
	refuses("[sip]\nbind = sips:127.0.0.1:5061\n",
		"a sips: bind needs tls-certificates");
	refuses("[sip]\nbind = sips:127.0.0.1\ntls-bind = 127.0.0.1:5062\n",
		"bind is TLS (sips:) already");
	refuses("[sip]\nmin-se = 60\n", "min-se: 60 is below 90");
	refuses("[sip]\nsession-expires = 90\nmin-se = 120\n",
		"session-expires: 90 is below min-se");
	refuses("[sip]\nsession-expires = 89\n", "session-expires");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_without_keyfile),
		cmocka_unit_test(every_key),
		cmocka_unit_test(transaction_timeout_follows_t1),
		cmocka_unit_test(empty_value_clears_a_string),
		cmocka_unit_test(bind_forms),
		cmocka_unit_test(malformed_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
