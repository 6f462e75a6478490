/*
 * The [http] group (every key documented in configs/sipscxml.conf and
 * doc/http-api.md): where serve's HTTP API listens, its bearer token, the
 * folder documents may be named from, and the largest request body. The
 * API is off unless bind is set; without a token it listens on loopback
 * only, so that nobody else on the network can start calls.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "src/http_api.h"

static const char *const known_keys[] = {
	"bind", "token", "document-root", "max-body", NULL,
};

static char *get_string(GKeyFile *kf, const char *key)
{
	char *v = g_key_file_get_value(kf, "http", key, NULL);

	if (v && !*g_strstrip(v))
		g_clear_pointer(&v, g_free);
	return v;
}

/* ADDR:PORT with ADDR an IP literal ([v6] for IPv6) or localhost. */
static GInetAddress *bind_address(const char *bind, GError **err)
{
	g_autofree char *addr = NULL;
	guint16 port = 0;
	GInetAddress *a;

	GSocketConnectable *c = g_network_address_parse(bind, 0, err);

	if (!c)
		return NULL;
	addr = g_strdup(g_network_address_get_hostname(G_NETWORK_ADDRESS(c)));
	port = g_network_address_get_port(G_NETWORK_ADDRESS(c));
	g_object_unref(c);
	if (!port) {
		g_set_error(
			err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			"[http] bind: \"%s\" has no port (ADDR:PORT)", bind);
		return NULL;
	}
	if (!g_strcmp0(addr, "localhost"))
		return g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	a = g_inet_address_new_from_string(addr);
	if (!a)
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[http] bind: \"%s\" is not an IP address and port",
			    bind);
	return a;
}

int http_api_config_load(GKeyFile *kf, http_api_config *cfg, GError **err)
{
	g_auto(GStrv) keys = NULL;
	g_autofree char *root = NULL, *max = NULL;
	guint64 v;

	memset(cfg, 0, sizeof(*cfg));
	cfg->max_body = 65536;
	if (!kf || !g_key_file_has_group(kf, "http"))
		return 0;
	keys = g_key_file_get_keys(kf, "http", NULL, NULL);
	for (char **k = keys; k && *k; k++) {
		if (!g_strv_contains(known_keys, *k)) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_KEY_NOT_FOUND,
				    "[http] %s: unknown key", *k);
			return -1;
		}
	}
	max = get_string(kf, "max-body");
	if (max &&
	    !g_ascii_string_to_unsigned(max, 10, 64, 64 << 20, &v, NULL)) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[http] max-body: not a number of bytes from 64 to "
			    "67108864: '%s'",
			    max);
		return -1;
	}
	if (max)
		cfg->max_body = (guint)v;
	cfg->token = get_string(kf, "token");
	root = get_string(kf, "document-root");
	if (root) {
		/* documents are checked against the real path, so that a
		 * symbolic link in the root itself is no escape either */
		cfg->document_root = realpath(root, NULL);
		if (!cfg->document_root) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[http] document-root: %s: %s", root,
				    g_strerror(errno));
			http_api_config_clear(cfg);
			return -1;
		}
	}
	cfg->bind = get_string(kf, "bind");
	if (cfg->bind) {
		GInetAddress *a = bind_address(cfg->bind, err);
		gboolean loopback;

		if (!a) {
			http_api_config_clear(cfg);
			return -1;
		}
		loopback = g_inet_address_get_is_loopback(a);
		g_object_unref(a);
		if (!loopback && !cfg->token) {
			g_set_error(
				err, G_KEY_FILE_ERROR,
				G_KEY_FILE_ERROR_INVALID_VALUE,
				"[http] bind: %s is not a loopback address: "
				"set [http] token to listen there",
				cfg->bind);
			http_api_config_clear(cfg);
			return -1;
		}
	}
	return 0;
}

void http_api_config_clear(http_api_config *cfg)
{
	g_free(cfg->bind);
	g_free(cfg->token);
	free(cfg->document_root);
	memset(cfg, 0, sizeof(*cfg));
}
