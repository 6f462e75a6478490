/*
 * notify_listen: stands in for systemd's notification socket in
 * tests/serve/notify: binds a unix datagram socket at PATH and prints each
 * datagram it receives as one line (its newlines as spaces) on stdout,
 * flushed, until it is killed.
 *
 *   notify_listen PATH
 */
#include "config.h"

#include <stdio.h>

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>

int main(int argc, char **argv)
{
	GError *err = NULL;
	GSocket *sock;
	GSocketAddress *addr;
	char buf[4096];

	if (argc != 2) {
		fprintf(stderr, "usage: notify_listen PATH\n");
		return 2;
	}
	sock = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
			    G_SOCKET_PROTOCOL_DEFAULT, &err);
	addr = g_unix_socket_address_new(argv[1]);
	if (!sock || !g_socket_bind(sock, addr, FALSE, &err)) {
		fprintf(stderr, "notify_listen: %s\n", err->message);
		return 1;
	}
	for (;;) {
		gssize n = g_socket_receive(sock, buf, sizeof buf - 1, NULL,
					    &err);

		if (n < 0) {
			fprintf(stderr, "notify_listen: %s\n", err->message);
			return 1;
		}
		buf[n] = '\0';
		for (gssize i = 0; i < n; i++)
			if (buf[i] == '\n')
				buf[i] = ' ';
		printf("%s\n", buf);
		fflush(stdout);
	}
}
