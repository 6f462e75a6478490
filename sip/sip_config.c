/*
 * The agent's settings from a GKeyFile: groups [sip], [auth], [media] and
 * [register] of
 * configs/sipscxml.conf. Every key is optional; a missing one keeps its
 * default, a malformed one is an error naming the key. The table below is
 * the list of keys:
 *
 *   [sip]   bind                 address:port or sip:/sips: URI to listen
 *                                on (sip_bind.h), port 0 = any free port
 *                                (127.0.0.1:5060)
 *           transports           udp, tcp or "udp,tcp" (udp,tcp)
 *           tls-bind             address:port or sips: URI for SIP over
 *                                TLS, port 0 = any free port (none: no TLS)
 *           tls-certificates     directory with agent.pem and cafile.pem
 *                                (needed with tls-bind)
 *           tls-verify           check the certificate of a server we
 *                                connect to against cafile.pem (true)
 *           identity             our default From (sip:sipscxml@127.0.0.1)
 *           domain               completes bare user parts in from/to
 *           outbound-proxy       every request goes there (none)
 *           user-agent           User-Agent header (sipscxml/VERSION)
 *           t1                   RFC 3261 T1 in ms (500)
 *           transaction-timeout  ms before a request without final
 *                                response fails with 408 (64 * t1)
 *           trace                sofia's message trace on stderr (false)
 *           session-expires      Session-Expires we ask for, seconds, 0 =
 *                                none, else >= min-se (0)
 *           min-se               smallest Session-Expires we accept, >= 90
 *                                (90, RFC 4028's floor)
 *   [auth]  user, password       digest credentials for 401/407 (none)
 *           realm                only answer this realm (any)
 *   [media] address, port        c= and m=audio of our SDP (127.0.0.1, 4000)
 *           codecs               PCMU, PCMA in order of preference
 *                                (PCMU,PCMA)
 *   [register] registrar         sip:/sips: URI to REGISTER with (none:
 *                                no registration)
 *           aor                  address of record, To and From of the
 *                                REGISTER (the identity)
 *           contact-user         user part of the Contact we register
 *                                (the AOR's user)
 *           expires              seconds asked for, > 0 (3600)
 *           retry                seconds from a failure to the first retry,
 *                                > 0; doubles up to 10 min (30)
 */
#include "config.h"

#include <string.h>

#include "sip/sip_agent.h"
#include "sip/sip_bind.h"

typedef enum { KEY_STRING, KEY_UINT, KEY_BOOL, KEY_TRANSPORTS } key_kind;

typedef struct config_key {
	const char *group;
	const char *key;
	key_kind kind;
	size_t offset;
} config_key;

#define AT(field) offsetof(sip_agent_config, field)

static const config_key config_keys[] = {
	{"sip", "bind", KEY_STRING, AT(bind)},
	{"sip", "transports", KEY_TRANSPORTS, 0},
	{"sip", "identity", KEY_STRING, AT(identity)},
	{"sip", "domain", KEY_STRING, AT(domain)},
	{"sip", "outbound-proxy", KEY_STRING, AT(outbound_proxy)},
	{"sip", "user-agent", KEY_STRING, AT(user_agent)},
	{"sip", "t1", KEY_UINT, AT(t1_ms)},
	{"sip", "transaction-timeout", KEY_UINT, AT(t1x64_ms)},
	{"sip", "trace", KEY_BOOL, AT(trace)},
	{"sip", "session-expires", KEY_UINT, AT(session_expires)},
	{"sip", "min-se", KEY_UINT, AT(min_se)},
	{"sip", "tls-bind", KEY_STRING, AT(tls_bind)},
	{"sip", "tls-certificates", KEY_STRING, AT(tls_certificates)},
	{"sip", "tls-verify", KEY_BOOL, AT(tls_verify)},
	{"auth", "user", KEY_STRING, AT(auth_user)},
	{"auth", "password", KEY_STRING, AT(auth_password)},
	{"auth", "realm", KEY_STRING, AT(auth_realm)},
	{"media", "address", KEY_STRING, AT(media_address)},
	{"media", "port", KEY_UINT, AT(media_port)},
	{"media", "codecs", KEY_STRING, AT(codecs)},
	{"register", "registrar", KEY_STRING, AT(registrar)},
	{"register", "aor", KEY_STRING, AT(reg_aor)},
	{"register", "contact-user", KEY_STRING, AT(reg_contact_user)},
	{"register", "expires", KEY_UINT, AT(reg_expires)},
	{"register", "retry", KEY_UINT, AT(reg_retry)},
};

static void set_defaults(sip_agent_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->bind = g_strdup("127.0.0.1:5060");
	cfg->udp = TRUE;
	cfg->tcp = TRUE;
	cfg->identity = g_strdup("sip:sipscxml@127.0.0.1");
	cfg->user_agent = g_strdup("sipscxml/" PACKAGE_VERSION);
	cfg->media_address = g_strdup("127.0.0.1");
	cfg->media_port = 4000;
	cfg->codecs = g_strdup("PCMU,PCMA");
	cfg->t1_ms = 500;
	cfg->t1x64_ms = 0; /* 64 * t1, filled in below */
	cfg->reg_expires = 3600;
	cfg->reg_retry = 30;
	cfg->tls_verify = TRUE;
	cfg->min_se = 90;
}

static int read_transports(const char *value, sip_agent_config *cfg,
			   GError **err)
{
	g_auto(GStrv) names = g_strsplit(value, ",", -1);
	cfg->udp = cfg->tcp = FALSE;
	for (size_t i = 0; names[i]; i++) {
		const char *n = g_strstrip(names[i]);
		if (g_ascii_strcasecmp(n, "udp") == 0)
			cfg->udp = TRUE;
		else if (g_ascii_strcasecmp(n, "tcp") == 0)
			cfg->tcp = TRUE;
		else if (*n) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[sip] transports: unknown transport '%s'",
				    n);
			return -1;
		}
	}
	if (!cfg->udp && !cfg->tcp) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[sip] transports: none given");
		return -1;
	}
	return 0;
}

static int read_key(GKeyFile *kf, const config_key *k, sip_agent_config *cfg,
		    GError **err)
{
	g_autofree char *raw = g_key_file_get_value(kf, k->group, k->key, NULL);
	char *at = (char *)cfg + k->offset;
	if (!raw)
		return 0;
	g_strstrip(raw);

	switch (k->kind) {
	case KEY_STRING: {
		char **slot = (char **)(void *)at;
		g_free(*slot);
		*slot = *raw ? g_key_file_get_string(kf, k->group, k->key, NULL)
			     : NULL;
		if (*slot)
			g_strstrip(*slot);
		return 0;
	}
	case KEY_UINT: {
		guint64 v;
		if (!g_ascii_string_to_unsigned(raw, 10, 0, G_MAXUINT, &v,
						NULL)) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[%s] %s: not a number: '%s'", k->group,
				    k->key, raw);
			return -1;
		}
		*(guint *)(void *)at = (guint)v;
		return 0;
	}
	case KEY_BOOL: {
		GError *e = NULL;
		gboolean v = g_key_file_get_boolean(kf, k->group, k->key, &e);
		if (e) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[%s] %s: not a boolean: '%s'", k->group,
				    k->key, raw);
			g_error_free(e);
			return -1;
		}
		*(gboolean *)(void *)at = v;
		return 0;
	}
	case KEY_TRANSPORTS:
		return read_transports(raw, cfg, err);
	}
	return 0;
}

static gboolean is_sip_uri(const char *s)
{
	return g_ascii_strncasecmp(s, "sip:", 4) == 0 ||
	       g_ascii_strncasecmp(s, "sips:", 5) == 0;
}

/* bind and tls-bind: the forms of sip_bind.h, refused here by key. */
static int check_binds(const sip_agent_config *cfg, gboolean *bind_tls,
		       GError **err)
{
	const char *keys[2] = {"bind", "tls-bind"};
	const char *values[2] = {cfg->bind, cfg->tls_bind};
	sip_bind b;

	for (int i = 0; i < 2; i++) {
		GError *e = NULL;
		if (!values[i])
			continue;
		if (sip_bind_parse(values[i], 5060, &b, &e) < 0) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[sip] %s: %s", keys[i], e->message);
			g_error_free(e);
			return -1;
		}
		if (i == 0)
			*bind_tls = b.transports == SIP_BIND_TLS;
		else if (b.transports != SIP_BIND_ANY &&
			 b.transports != SIP_BIND_TLS) {
			sip_bind_clear(&b);
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[sip] tls-bind: '%s' names another "
				    "transport than TLS",
				    values[i]);
			return -1;
		}
		sip_bind_clear(&b);
	}
	if (*bind_tls && cfg->tls_bind) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[sip] bind is TLS (sips:) already: leave tls-bind "
			    "out");
		return -1;
	}
	return 0;
}

/* TLS: without its certificates sofia would start without TLS and say
 * nothing; refused here, by key. */
static int check_tls(const sip_agent_config *cfg, gboolean bind_tls,
		     GError **err)
{
	const char *bad = NULL;
	g_autofree char *agent_pem = NULL;

	if (!cfg->tls_bind && !bind_tls)
		return 0;
	if (!cfg->tls_certificates)
		bad = bind_tls ? "a sips: bind needs tls-certificates"
			       : "tls-bind needs tls-certificates";
	else if (!g_file_test(cfg->tls_certificates, G_FILE_TEST_IS_DIR))
		bad = "tls-certificates: not a directory";
	else {
		agent_pem = g_build_filename(cfg->tls_certificates, "agent.pem",
					     NULL);
		if (!g_file_test(agent_pem, G_FILE_TEST_IS_REGULAR))
			bad = "tls-certificates: no agent.pem in it";
	}
	if (!bad)
		return 0;
	g_set_error(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
		    "[sip] %s", bad);
	return -1;
}

/* RFC 4028 §4: Min-SE is never below 90 s, and a Session-Expires we ask for
 * below our own Min-SE would be refused by ourselves. */
static int check_session_timer(const sip_agent_config *cfg, GError **err)
{
	if (cfg->min_se < 90) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[sip] min-se: %u is below 90 seconds (RFC 4028)",
			    cfg->min_se);
		return -1;
	}
	if (cfg->session_expires && cfg->session_expires < cfg->min_se) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[sip] session-expires: %u is below min-se (%u); "
			    "0 asks for no session timer",
			    cfg->session_expires, cfg->min_se);
		return -1;
	}
	return 0;
}

/* [register]: what sofia would only refuse at the first REGISTER (or take
 * for a registration that ends at once) is refused here, by key. */
static int check_register(const sip_agent_config *cfg, GError **err)
{
	const char *bad = NULL;
	if (cfg->registrar && !is_sip_uri(cfg->registrar))
		bad = "registrar: not a sip: or sips: URI";
	else if (cfg->reg_aor && !is_sip_uri(cfg->reg_aor))
		bad = "aor: not a sip: or sips: URI";
	else if (cfg->reg_contact_user &&
		 strpbrk(cfg->reg_contact_user, "@:;<> \t"))
		bad = "contact-user: not a bare user part";
	else if (cfg->reg_expires == 0)
		bad = "expires: must be more than 0";
	else if (cfg->reg_retry == 0)
		bad = "retry: must be more than 0";
	if (!bad)
		return 0;
	g_set_error(err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
		    "[register] %s", bad);
	return -1;
}

int sip_agent_config_load(GKeyFile *kf, sip_agent_config *cfg, GError **err)
{
	set_defaults(cfg);
	for (size_t i = 0; kf && i < G_N_ELEMENTS(config_keys); i++) {
		if (read_key(kf, &config_keys[i], cfg, err) < 0) {
			sip_agent_config_clear(cfg);
			return -1;
		}
	}
	if (cfg->t1_ms == 0)
		cfg->t1_ms = 500;
	if (cfg->t1x64_ms == 0)
		cfg->t1x64_ms = 64 * cfg->t1_ms;
	if (cfg->media_port == 0 || cfg->media_port > 65535) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[media] port: %u is not a port", cfg->media_port);
		sip_agent_config_clear(cfg);
		return -1;
	}
	gboolean bind_tls = FALSE;
	if (check_register(cfg, err) < 0 ||
	    check_binds(cfg, &bind_tls, err) < 0 ||
	    check_tls(cfg, bind_tls, err) < 0 ||
	    check_session_timer(cfg, err) < 0) {
		sip_agent_config_clear(cfg);
		return -1;
	}
	return 0;
}

void sip_agent_config_clear(sip_agent_config *cfg)
{
	if (!cfg)
		return;
	g_free(cfg->bind);
	g_free(cfg->identity);
	g_free(cfg->domain);
	g_free(cfg->outbound_proxy);
	g_free(cfg->user_agent);
	g_free(cfg->auth_user);
	g_free(cfg->auth_password);
	g_free(cfg->auth_realm);
	g_free(cfg->media_address);
	g_free(cfg->codecs);
	g_free(cfg->registrar);
	g_free(cfg->reg_aor);
	g_free(cfg->reg_contact_user);
	g_free(cfg->tls_bind);
	g_free(cfg->tls_certificates);
	memset(cfg, 0, sizeof *cfg);
}
