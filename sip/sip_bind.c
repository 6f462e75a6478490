/*
 * The bind address parser of sip_bind.h. Every form is read by sofia's URL
 * parser: a bare "ADDR:PORT" is read as "sip:ADDR:PORT". A bind URI names
 * one of our own addresses, so a user part, headers or any parameter but
 * transport are mistakes and refused.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <sofia-sip/url.h>

#include "sip/sip_bind.h"

static int refuse(GError **err, const char *text, const char *why)
{
	g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
		    "bad bind address '%s'%s%s: expected " SIP_BIND_FORMS
		    " (port 0: any free port)",
		    text, why ? ": " : "", why ? why : "");
	return -1;
}

/* ";transport=X" → its bit; 0 for an unknown transport. */
static guint transport_bit(const char *name)
{
	if (g_ascii_strcasecmp(name, "udp") == 0)
		return SIP_BIND_UDP;
	if (g_ascii_strcasecmp(name, "tcp") == 0)
		return SIP_BIND_TCP;
	if (g_ascii_strcasecmp(name, "tls") == 0)
		return SIP_BIND_TLS;
	return 0;
}

/* The parameters of a bind URI: transport=… only. */
static const char *read_params(const char *params, gboolean sips,
			       guint *transports)
{
	g_auto(GStrv) each = g_strsplit(params, ";", -1);

	for (size_t i = 0; each[i]; i++) {
		const char *p = each[i];
		guint bit;

		if (!*p)
			continue;
		if (g_ascii_strncasecmp(p, "transport=", 10) != 0)
			return "only a transport parameter is allowed";
		bit = transport_bit(p + 10);
		if (!bit)
			return "transport is udp, tcp or tls";
		*transports |= bit;
	}
	if (sips) {
		/* RFC 3261 §26.2.2: sips: is TLS (over TCP) */
		if (*transports & SIP_BIND_UDP)
			return "sips: is never over UDP";
		*transports = SIP_BIND_TLS;
	}
	if ((*transports & SIP_BIND_TLS) && *transports != SIP_BIND_TLS)
		return "TLS is a listener of its own";
	return NULL;
}

int sip_bind_parse(const char *text, guint default_port, sip_bind *out,
		   GError **err)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	g_autofree char *as_uri = NULL;
	const char *why = NULL;
	gboolean sips;
	url_t *url;

	memset(out, 0, sizeof *out);
	if (!text || !*text || strpbrk(text, " \t\r\n<>"))
		return refuse(err, text ? text : "", NULL);
	if (g_ascii_strncasecmp(text, "sip:", 4) == 0 ||
	    g_ascii_strncasecmp(text, "sips:", 5) == 0)
		as_uri = g_strdup(text);
	else if (strchr(text, ';') || strchr(text, '@'))
		return refuse(err, text, "parameters need the sip: form");
	else
		as_uri = g_strdup_printf("sip:%s", text);

	url = url_make(home, as_uri);
	if (!url || (url->url_type != url_sip && url->url_type != url_sips))
		why = "not an address";
	else if (!url->url_host || !*url->url_host)
		why = "no host";
	else if (url->url_user || url->url_password)
		why = "a bind address has no user part";
	else if (url->url_headers)
		why = "a bind address has no headers";
	else if (url->url_path)
		why = "not an address";
	if (!why) {
		sips = url->url_type == url_sips;
		if (url->url_params)
			why = read_params(url->url_params, sips,
					  &out->transports);
		else if (sips)
			out->transports = SIP_BIND_TLS;
	}
	if (!why && url->url_port && *url->url_port) {
		guint64 v;
		if (!g_ascii_string_to_unsigned(url->url_port, 10, 0, 65535, &v,
						NULL))
			why = "the port is a number from 0 to 65535";
		else
			out->port = (guint)v;
	} else if (!why) {
		out->port =
			out->transports == SIP_BIND_TLS ? 5061 : default_port;
	}
	if (!why) {
		const char *h = url->url_host;
		size_t n = strlen(h);
		/* sofia keeps IPv6 references in brackets */
		out->host = h[0] == '[' && n > 2 && h[n - 1] == ']'
				    ? g_strndup(h + 1, n - 2)
				    : g_strdup(h);
	}
	su_home_deinit(home);
	if (why) {
		sip_bind_clear(out);
		return refuse(err, text, why);
	}
	return 0;
}

void sip_bind_clear(sip_bind *b)
{
	if (!b)
		return;
	g_free(b->host);
	memset(b, 0, sizeof *b);
}

char *sip_bind_uri_host(const sip_bind *b)
{
	if (strchr(b->host, ':'))
		return g_strdup_printf("[%s]", b->host);
	return g_strdup(b->host);
}
