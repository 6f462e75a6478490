/*
 * Where the agent listens, as SIP people write it ([sip] bind, tls-bind,
 * run --bind): "ADDR:PORT", "[IPv6]:PORT", "ADDR", or a SIP URI naming
 * our own address — "sip:HOST:PORT", "sip:*:5060" (every address),
 * "sip:HOST;transport=tcp" (that transport only), "sips:HOST:PORT" (TLS).
 * Nothing sofia-specific here, so the configuration loader can check a
 * value before the stack starts.
 */
#ifndef SIP_BIND_H
#define SIP_BIND_H

#include <glib.h>

typedef enum {
	SIP_BIND_ANY = 0, /* no transport named: [sip] transports decide */
	SIP_BIND_UDP = 1 << 0,
	SIP_BIND_TCP = 1 << 1,
	SIP_BIND_TLS = 1 << 2,
} sip_bind_transport;

typedef struct sip_bind {
	char *host;	  /* no brackets around IPv6; "*": every address */
	guint port;	  /* 0: any free port */
	guint transports; /* sip_bind_transport bits; SIP_BIND_ANY: unsaid */
} sip_bind;

/* The accepted forms, for error messages. */
#define SIP_BIND_FORMS                                                         \
	"ADDR:PORT, [IPv6]:PORT, sip:HOST[:PORT][;transport=udp|tcp|tls] or "  \
	"sips:HOST[:PORT]"

/* Parse text into *out (cleared first). A missing port is default_port, or
 * 5061 for TLS (sips:, transport=tls). Returns 0, or -1 with *err naming
 * the text and the accepted forms (*out left cleared). */
int sip_bind_parse(const char *text, guint default_port, sip_bind *out,
		   GError **err);
void sip_bind_clear(sip_bind *b);
/* The host as it goes in a URI: brackets around IPv6. Newly allocated. */
char *sip_bind_uri_host(const sip_bind *b);

#endif
