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

/* A text sip_bind_parse() takes, and what it must read from it. */
typedef struct {
	const char *text;
	const char *host;
	guint port;
	guint transports;
} bind_case;

static void parses(const bind_case *cases, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		const bind_case *c = &cases[i];
		sip_bind b;
		GError *err = NULL;

		if (sip_bind_parse(c->text, 5060, &b, &err) < 0)
			fail_msg("'%s' refused: %s", c->text, err->message);
		assert_string_equal(b.host, c->host);
		assert_int_equal(b.port, c->port);
		assert_int_equal(b.transports, c->transports);
		sip_bind_clear(&b);
	}
}

static void plain_forms(void **state)
{
	static const bind_case cases[] = {
		{"127.0.0.1:5070", "127.0.0.1", 5070, SIP_BIND_ANY},
		{"127.0.0.1:0", "127.0.0.1", 0, SIP_BIND_ANY},
		{"127.0.0.1", "127.0.0.1", 5060, SIP_BIND_ANY},
		{"[::1]:5080", "::1", 5080, SIP_BIND_ANY},
		{"[::1]", "::1", 5060, SIP_BIND_ANY},
		{"0.0.0.0:5060", "0.0.0.0", 5060, SIP_BIND_ANY},
		{"pbx.example.com:5062", "pbx.example.com", 5062, SIP_BIND_ANY},
	};

	parses(cases, G_N_ELEMENTS(cases));
}

static void sip_uris(void **state)
{
	static const bind_case cases[] = {
		/* the one of the issue: was "cannot start SIP on
		 * sip:[sip:127.0.0.1]:5060" */
		{"sip:127.0.0.1:5060", "127.0.0.1", 5060, SIP_BIND_ANY},
		{"SIP:127.0.0.1:5061", "127.0.0.1", 5061, SIP_BIND_ANY},
		{"sip:*:5060", "*", 5060, SIP_BIND_ANY},
		{"sip:127.0.0.1", "127.0.0.1", 5060, SIP_BIND_ANY},
		{"sip:[::1]:5070", "::1", 5070, SIP_BIND_ANY},
		{"sip:127.0.0.1;transport=tcp", "127.0.0.1", 5060, SIP_BIND_TCP},
		{"sip:127.0.0.1:5070;transport=UDP", "127.0.0.1", 5070,
		 SIP_BIND_UDP},
		{"sip:127.0.0.1;transport=udp;transport=tcp", "127.0.0.1", 5060,
		 SIP_BIND_UDP | SIP_BIND_TCP},
		/* TLS: sips:, or transport=tls; 5061 unless said */
		{"sips:127.0.0.1:5071", "127.0.0.1", 5071, SIP_BIND_TLS},
		{"sips:127.0.0.1", "127.0.0.1", 5061, SIP_BIND_TLS},
		{"sips:127.0.0.1;transport=tcp", "127.0.0.1", 5061, SIP_BIND_TLS},
		{"sip:127.0.0.1;transport=tls", "127.0.0.1", 5061, SIP_BIND_TLS},
		{"sips:[::1]:0", "::1", 0, SIP_BIND_TLS},
	};

	parses(cases, G_N_ELEMENTS(cases));
}

/* The host as a URI writes it. */
static void uri_host_is(const char *text, const char *want)
{
	sip_bind b;
	char *h;

	assert_int_equal(sip_bind_parse(text, 5060, &b, NULL), 0);
	h = sip_bind_uri_host(&b);
	assert_string_equal(h, want);
	g_free(h);
	sip_bind_clear(&b);
}

static void uri_host_brackets_v6(void **state)
{
	uri_host_is("[::1]:5060", "[::1]");
	uri_host_is("sip:*", "*");
}

static void malformed(void **state)
{
	/* A text sip_bind_parse() refuses, and what its error must say
	 * besides the text and the accepted forms (NULL: nothing more). */
	static const struct {
		const char *text;
		const char *why;
	} cases[] = {
		{"", NULL},
		{"127.0.0.1:99999", "port"},
		{"127.0.0.1:port", NULL},
		{"sip:alice@127.0.0.1:5060", "user part"},
		{"alice@127.0.0.1", NULL},
		{"127.0.0.1;transport=tcp", "sip: form"},
		{"sip:127.0.0.1;transport=sctp", "udp, tcp or tls"},
		{"sip:127.0.0.1;lr", "transport"},
		{"sips:127.0.0.1;transport=udp", "UDP"},
		{"sip:127.0.0.1;transport=udp;transport=tls", "TLS"},
		{"sip:127.0.0.1?subject=x", "headers"},
		{"tel:+15551234", NULL},
		{"http://127.0.0.1:5060", NULL},
		{"sip:", NULL},
		{"sip:127.0.0.1 5060", NULL},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *text = cases[i].text, *why = cases[i].why;
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
			fail_msg("'%s': '%s' lacks '%s'", text, err->message,
				 why);
		g_error_free(err);
	}
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
