/*
 * udp_relay: a UDP relay that delays every datagram, for the network tests
 * (tests/network/). It sits between the engine and one SIPp peer:
 *
 *   udp_relay LISTEN_PORT PEER_PORT [DELAY_MS [JITTER_MS [SEED]]]
 *
 * Datagrams reaching 127.0.0.1:LISTEN_PORT (from the engine) are sent on to
 * 127.0.0.1:PEER_PORT from a second socket; datagrams coming back on that
 * socket (from the peer) are sent from LISTEN_PORT to whoever last wrote to
 * it. Each datagram waits DELAY_MS ± JITTER_MS (uniform, whole ms) before it
 * goes: with a jitter the order of datagrams is not kept, which is the
 * point. The draws come from GLib's generator seeded with SEED (default 1),
 * so a run draws the same delays in the same order. SIGTERM/SIGINT end it;
 * it then prints what it relayed each way to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib-unix.h>
#include <gio/gio.h>

/* One datagram waiting for its time. */
/* One direction: datagrams sent, and those that overtook an earlier one. */
typedef struct {
	guint64 queued;   /* sequence number of the next datagram */
	guint64 sent;
	guint64 last_seq; /* highest sequence number sent so far, plus one */
	guint64 overtaken;
} Way;

typedef struct {
	GSocket *out;
	GSocketAddress *to;
	GBytes *data;
	Way *way;
	guint64 seq;
} Pending;

typedef struct {
	GSocket *front; /* bound to LISTEN_PORT, faces the engine */
	GSocket *back;  /* ephemeral, faces the peer */
	GSocketAddress *peer;
	GSocketAddress *engine; /* the last address that wrote to front */
	GRand *rand;
	int delay_ms;
	int jitter_ms;
	Way to_peer, to_engine;
	guint64 unknown;
	GMainLoop *loop;
} Relay;

static void pending_free(gpointer p)
{
	Pending *d = p;

	g_object_unref(d->to);
	g_bytes_unref(d->data);
	g_free(d);
}

static gboolean pending_send(gpointer p)
{
	Pending *d = p;
	gsize len;
	const char *buf = g_bytes_get_data(d->data, &len);
	GError *err = NULL;

	/* A send that fails (the peer is gone: ICMP unreachable) is a lost
	 * datagram, as on a real network. */
	if (g_socket_send_to(d->out, d->to, buf, len, NULL, &err) < 0) {
		g_clear_error(&err);
		return G_SOURCE_REMOVE;
	}
	d->way->sent++;
	/* Sent after a datagram that came in later: it was overtaken. */
	if (d->seq + 1 < d->way->last_seq)
		d->way->overtaken++;
	else
		d->way->last_seq = d->seq + 1;
	return G_SOURCE_REMOVE;
}

static void relay_queue(Relay *r, GSocket *out, GSocketAddress *to,
			const char *buf, gssize len, Way *way)
{
	Pending *d = g_new0(Pending, 1);
	int ms = r->delay_ms;

	d->out = out;
	d->to = g_object_ref(to);
	d->data = g_bytes_new(buf, (gsize)len);
	d->way = way;
	d->seq = way->queued++;
	if (r->jitter_ms > 0)
		ms += g_rand_int_range(r->rand, -r->jitter_ms,
				       r->jitter_ms + 1);
	if (ms <= 0) {
		pending_send(d);
		pending_free(d);
		return;
	}
	g_timeout_add_full(G_PRIORITY_DEFAULT, (guint)ms, pending_send, d,
			   pending_free);
}

static gboolean on_readable(GSocket *sock, GIOCondition cond, gpointer p)
{
	Relay *r = p;
	char buf[65536];
	GSocketAddress *from = NULL;
	GError *err = NULL;
	gssize n;

	(void)cond;
	n = g_socket_receive_from(sock, &from, buf, sizeof buf, NULL, &err);
	if (n < 0) {
		/* ICMP errors of earlier sends come back here: not fatal. */
		g_clear_error(&err);
		return G_SOURCE_CONTINUE;
	}
	if (sock == r->front) {
		g_clear_object(&r->engine);
		r->engine = g_object_ref(from);
		relay_queue(r, r->back, r->peer, buf, n, &r->to_peer);
	} else if (r->engine) {
		relay_queue(r, r->front, r->engine, buf, n, &r->to_engine);
	} else {
		r->unknown++; /* the peer spoke first: nobody to send it to */
	}
	g_object_unref(from);
	return G_SOURCE_CONTINUE;
}

static gboolean on_signal(gpointer p)
{
	g_main_loop_quit(((Relay *)p)->loop);
	return G_SOURCE_REMOVE;
}

static GSocket *udp_socket(int port, GError **err)
{
	GSocket *s = g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
				  G_SOCKET_PROTOCOL_UDP, err);
	GInetAddress *lo;
	GSocketAddress *a;
	gboolean ok;

	if (!s)
		return NULL;
	lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	a = g_inet_socket_address_new(lo, (guint16)port);
	ok = g_socket_bind(s, a, FALSE, err);
	g_object_unref(a);
	g_object_unref(lo);
	if (!ok)
		g_clear_object(&s);
	return s;
}

static void watch(GSocket *s, Relay *r)
{
	GSource *src = g_socket_create_source(s, G_IO_IN, NULL);

	g_source_set_callback(src, (GSourceFunc)(GCallback)on_readable, r,
			      NULL);
	g_source_attach(src, NULL);
	g_source_unref(src);
}

static int arg_int(const char *s, int lo, int hi, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi) {
		fprintf(stderr, "udp_relay: bad %s '%s' (%d..%d)\n", what, s,
			lo, hi);
		exit(2);
	}
	return (int)v;
}

int main(int argc, char **argv)
{
	Relay r = { 0 };
	GError *err = NULL;
	GInetAddress *lo;
	int listen_port, peer_port;
	guint32 seed = 1;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: udp_relay LISTEN_PORT PEER_PORT "
				"[DELAY_MS [JITTER_MS [SEED]]]\n");
		return 2;
	}
	listen_port = arg_int(argv[1], 1, 65535, "listen port");
	peer_port = arg_int(argv[2], 1, 65535, "peer port");
	if (argc > 3)
		r.delay_ms = arg_int(argv[3], 0, 60000, "delay");
	if (argc > 4)
		r.jitter_ms = arg_int(argv[4], 0, 60000, "jitter");
	if (argc > 5)
		seed = (guint32)arg_int(argv[5], 0, G_MAXINT, "seed");
	r.front = udp_socket(listen_port, &err);
	if (r.front)
		r.back = udp_socket(0, &err);
	if (!r.back) {
		fprintf(stderr, "udp_relay: %s\n", err->message);
		g_error_free(err);
		g_clear_object(&r.front);
		return 1;
	}
	lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	r.peer = g_inet_socket_address_new(lo, (guint16)peer_port);
	g_object_unref(lo);
	r.rand = g_rand_new_with_seed(seed);
	r.loop = g_main_loop_new(NULL, FALSE);
	watch(r.front, &r);
	watch(r.back, &r);
	g_unix_signal_add(SIGTERM, on_signal, &r);
	g_unix_signal_add(SIGINT, on_signal, &r);
	g_main_loop_run(r.loop);

	fprintf(stderr,
		"udp_relay %d->%d: to peer %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT
		" overtaken), to engine %" G_GUINT64_FORMAT " (%" G_GUINT64_FORMAT
		" overtaken), %" G_GUINT64_FORMAT " from the peer before the engine\n",
		listen_port, peer_port, r.to_peer.sent, r.to_peer.overtaken,
		r.to_engine.sent, r.to_engine.overtaken, r.unknown);
	/* Datagrams still waiting are dropped with their sources. */
	g_main_loop_unref(r.loop);
	g_rand_free(r.rand);
	g_clear_object(&r.engine);
	g_object_unref(r.peer);
	g_object_unref(r.back);
	g_object_unref(r.front);
	return 0;
}
