/*
 * Where serve's own messages go: through GLib's structured logging
 * (g_message for what it does, g_warning for what went wrong), to the
 * journal with their priority when systemd connected stderr to it
 * (g_log_writer_is_journald), else to stderr as plain lines,
 * "sipscxml serve: ...", which is what a terminal and the tests read.
 * Debug and critical messages keep GLib's default handling.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "src/serve.h"

static GLogWriterOutput write_serve(GLogLevelFlags level,
				    const GLogField *fields, gsize n_fields,
				    gpointer ud)
{
	const char *message = NULL;

	if (!(level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_WARNING)))
		return g_log_writer_default(level, fields, n_fields, ud);
	if (g_log_writer_is_journald(fileno(stderr)) &&
	    g_log_writer_journald(level, fields, n_fields, ud) ==
		    G_LOG_WRITER_HANDLED)
		return G_LOG_WRITER_HANDLED;
	for (gsize i = 0; i < n_fields; i++)
		if (!g_strcmp0(fields[i].key, "MESSAGE") &&
		    fields[i].length < 0)
			message = fields[i].value;
	fprintf(stderr, "sipscxml serve: %s\n", message ? message : "");
	fflush(stderr);
	return G_LOG_WRITER_HANDLED;
}

void serve_log_init(void)
{
	g_log_set_writer_func(write_serve, NULL, NULL);
}
