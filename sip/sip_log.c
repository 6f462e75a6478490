/*
 * sofia-sip's own logs, routed to GLib logging (domain "sofia"): debug
 * level normally, so a run's terminal shows the flow and not the stack's
 * chatter; message level when [sip] trace asks for the wire trace. sofia
 * writes a line in pieces, so the pieces are gathered up to the newline.
 */
#include "config.h"

#include <string.h>

#include <sofia-sip/su_log.h>

#include "sip/sip_call_priv.h"

/* The stack's log objects (exported by libsofia-sip-ua; only soa_log is
 * declared in its public headers). */
extern su_log_t nua_log[];
extern su_log_t nta_log[];
extern su_log_t tport_log[];
extern su_log_t sresolv_log[];
extern su_log_t soa_log[];

static void sofia_logger(void *stream, char const *fmt, va_list ap)
{
	sip_agent *agent = stream;
	char *piece = g_strdup_vprintf(fmt, ap);
	char *nl;

	g_string_append(agent->log_line, piece);
	g_free(piece);
	while ((nl = strchr(agent->log_line->str, '\n'))) {
		*nl = '\0';
		if (*agent->log_line->str)
			g_log("sofia",
			      agent->cfg.trace ? G_LOG_LEVEL_MESSAGE
					       : G_LOG_LEVEL_DEBUG,
			      "%s", agent->log_line->str);
		g_string_erase(agent->log_line, 0,
			       nl - agent->log_line->str + 1);
	}
}

static su_log_t *const logs[] = {su_log_default, nua_log, nta_log,
				 tport_log, soa_log, sresolv_log};

void sip_log_attach(sip_agent *agent)
{
	agent->log_line = g_string_new(NULL);
	for (guint i = 0; i < G_N_ELEMENTS(logs); i++)
		su_log_redirect(logs[i], sofia_logger, agent);
}

void sip_log_detach(sip_agent *agent)
{
	if (!agent->log_line)
		return;
	/* Back to sofia's default (stderr) for whatever runs after us. */
	for (guint i = 0; i < G_N_ELEMENTS(logs); i++)
		su_log_redirect(logs[i], NULL, NULL);
	g_string_free(agent->log_line, TRUE);
	agent->log_line = NULL;
}
