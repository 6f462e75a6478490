/*
 * systemd's service notification (sd_notify(3)) for sipscxml serve, with
 * GIO instead of libsystemd: one datagram to the unix socket named by
 * $NOTIFY_SOCKET ("@name": abstract namespace). The unit
 * (configs/sipscxml.service.in, Type=notify) waits for READY=1 before it
 * counts the service as started. Without $NOTIFY_SOCKET nothing is sent;
 * a failure to send is reported once on stderr and is not fatal.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>

#include "src/serve.h"

void serve_notify(const char *state)
{
	const char *path = g_getenv("NOTIFY_SOCKET");
	GSocketAddress *addr = NULL;
	GSocket *sock = NULL;
	GError *err = NULL;

	if (!path || !*path)
		return;
	if (path[0] == '@')
		addr = g_unix_socket_address_new_with_type(
			path + 1, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
	else if (path[0] == '/')
		addr = g_unix_socket_address_new(path);
	else
		return; /* not a unix socket: not ours to use */
	sock = g_socket_new(G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM,
			    G_SOCKET_PROTOCOL_DEFAULT, &err);
	if (sock)
		g_socket_send_to(sock, addr, state, strlen(state), NULL, &err);
	if (err) {
		g_warning("cannot notify %s: %s", path,
			err->message);
		g_error_free(err);
	}
	g_clear_object(&sock);
	g_object_unref(addr);
}
