/*
 * sip_bind_parse: every form SIP people write for a listening address
 * (sip_bind.h), the transports a URI names, the default ports, and the
 * error naming the accepted forms for anything else.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_agent.h"
#include "sip/sip_bind.h"

static void parses(const char *text, const char *host, guint port,
		   guint transports)
{
	sip_bind b;
	GError *err = NULL;

	if (sip_bind_parse(text, 5060, &b, &err) < 0)
		fail_msg("'%s' refused: %s", text, err->message);
	assert_string_equal(b.host, host);
	assert_int_equal(b.port, port);
	assert_int_equal(b.transports, transports);
	sip_bind_clear(&b);
}

static void refused(const char *text, const char *why)
{
	sip_bind b;
	GError *err = NULL;

	assert_int_equal(sip_bind_parse(text, 5060, &b, &err), -1);
	assert_non_null(err);
	assert_null(b.host);
	/* the error names the text, and the forms that would do */
	assert_non_null(strstr(err->message, text));
	assert_non_null(strstr(err->message, "ADDR:PORT, [IPv6]:PORT, "
					     "sip:HOST[:PORT]"));
	if (why && !strstr(err->message, why))
		fail_msg("'%s': '%s' lacks '%s'", text, err->message, why);
	g_error_free(err);
}

static void plain_forms(void **state)
{
	parses("127.0.0.1:5070", "127.0.0.1", 5070, SIP_BIND_ANY);
	parses("127.0.0.1:0", "127.0.0.1", 0, SIP_BIND_ANY);
	parses("127.0.0.1", "127.0.0.1", 5060, SIP_BIND_ANY);
	parses("[::1]:5080", "::1", 5080, SIP_BIND_ANY);
	parses("[::1]", "::1", 5060, SIP_BIND_ANY);
	parses("0.0.0.0:5060", "0.0.0.0", 5060, SIP_BIND_ANY);
	parses("pbx.example.com:5062", "pbx.example.com", 5062, SIP_BIND_ANY);
}

static void sip_uris(void **state)
{
	/* the one of the issue: was "cannot start SIP on
	 * sip:[sip:127.0.0.1]:5060" */
	parses("sip:127.0.0.1:5060", "127.0.0.1", 5060, SIP_BIND_ANY);
	parses("SIP:127.0.0.1:5061", "127.0.0.1", 5061, SIP_BIND_ANY);
	parses("sip:*:5060", "*", 5060, SIP_BIND_ANY);
	parses("sip:127.0.0.1", "127.0.0.1", 5060, SIP_BIND_ANY);
	parses("sip:[::1]:5070", "::1", 5070, SIP_BIND_ANY);
	parses("sip:127.0.0.1;transport=tcp", "127.0.0.1", 5060, SIP_BIND_TCP);
	parses("sip:127.0.0.1:5070;transport=UDP", "127.0.0.1", 5070,
	       SIP_BIND_UDP);
	parses("sip:127.0.0.1;transport=udp;transport=tcp", "127.0.0.1", 5060,
	       SIP_BIND_UDP | SIP_BIND_TCP);
	/* TLS: sips:, or transport=tls; 5061 unless said */
	parses("sips:127.0.0.1:5071", "127.0.0.1", 5071, SIP_BIND_TLS);
	parses("sips:127.0.0.1", "127.0.0.1", 5061, SIP_BIND_TLS);
	parses("sips:127.0.0.1;transport=tcp", "127.0.0.1", 5061, SIP_BIND_TLS);
	parses("sip:127.0.0.1;transport=tls", "127.0.0.1", 5061, SIP_BIND_TLS);
	parses("sips:[::1]:0", "::1", 0, SIP_BIND_TLS);
}

static void uri_host_brackets_v6(void **state)
{
	sip_bind b;
	char *h;

	assert_int_equal(sip_bind_parse("[::1]:5060", 5060, &b, NULL), 0);
	h = sip_bind_uri_host(&b);
	assert_string_equal(h, "[::1]");
	g_free(h);
	sip_bind_clear(&b);
	assert_int_equal(sip_bind_parse("sip:*", 5060, &b, NULL), 0);
	h = sip_bind_uri_host(&b);
	assert_string_equal(h, "*");
	g_free(h);
	sip_bind_clear(&b);
}

static void malformed(void **state)
{
	refused("", NULL);
	refused("127.0.0.1:99999", "port");
	refused("127.0.0.1:port", NULL);
	refused("sip:alice@127.0.0.1:5060", "user part");
	refused("alice@127.0.0.1", NULL);
	refused("127.0.0.1;transport=tcp", "sip: form");
	refused("sip:127.0.0.1;transport=sctp", "udp, tcp or tls");
	refused("sip:127.0.0.1;lr", "transport");
	refused("sips:127.0.0.1;transport=udp", "UDP");
	refused("sip:127.0.0.1;transport=udp;transport=tls", "TLS");
	refused("sip:127.0.0.1?subject=x", "headers");
	refused("tel:+15551234", NULL);
	refused("http://127.0.0.1:5060", NULL);
	refused("sip:", NULL);
	refused("sip:127.0.0.1 5060", NULL);
}

/* The agent listens where the parser says: a sip: URI with port 0 and a
 * transport, and the error for a bad one. */
static sip_agent *agent_on(const char *bind, GError **err)
{
	sip_agent_config cfg;
	sip_agent *agent;

	assert_int_equal(sip_agent_config_load(NULL, &cfg, NULL), 0);
	g_free(cfg.bind);
	cfg.bind = g_strdup(bind);
	agent = sip_agent_new(NULL, &cfg, NULL, NULL, err);
	sip_agent_config_clear(&cfg);
	return agent;
}

static void agent_binds_sip_uri(void **state)
{
	GError *err = NULL;
	sip_agent *agent = agent_on("sip:127.0.0.1:0;transport=tcp", &err);
	const char *contact;

	if (!agent)
		fail_msg("agent: %s", err->message);
	contact = sip_agent_contact(agent);
	assert_true(g_str_has_prefix(contact, "sip:127.0.0.1:"));
	assert_true(g_str_has_suffix(contact, ";transport=tcp"));
	assert_false(g_str_has_prefix(contact, "sip:127.0.0.1:0;"));
	sip_agent_free(agent);
	/* every address, a free port found on all of them */
	agent = agent_on("sip:*:0", &err);
	if (!agent)
		fail_msg("agent on sip:*:0: %s", err->message);
	assert_true(g_str_has_prefix(sip_agent_contact(agent), "sip:*:"));
	assert_false(g_str_has_prefix(sip_agent_contact(agent), "sip:*:0"));
	sip_agent_free(agent);
}

static void agent_refuses_bad_bind(void **state)
{
	GError *err = NULL;

	assert_null(agent_on("sip:alice@127.0.0.1:0", &err));
	assert_non_null(err);
	assert_non_null(strstr(err->message, "sip:alice@127.0.0.1:0"));
	assert_non_null(strstr(err->message, SIP_BIND_FORMS));
	g_clear_error(&err);
	/* sips: is TLS, which needs certificates */
	assert_null(agent_on("sips:127.0.0.1:0", &err));
	assert_non_null(err);
	assert_non_null(strstr(err->message, "tls-certificates"));
	g_clear_error(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_forms),
		cmocka_unit_test(sip_uris),
		cmocka_unit_test(uri_host_brackets_v6),
		cmocka_unit_test(malformed),
		cmocka_unit_test(agent_binds_sip_uri),
		cmocka_unit_test(agent_refuses_bad_bind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
