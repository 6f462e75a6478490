/*
 * sipscxml run: one session to completion on the main loop (a host with
 * one session, src/host.h), with the SIP
 * agent opened when the document uses the voice module (or --bind asks).
 * Ends when the session reaches a top-level final state, at --timeout, or
 * on SIGINT/SIGTERM. The last two stop the session as its end would: its
 * calls are released (BYE, CANCEL) before the program exits, so a PBX is not
 * left with half-open dialogs. A second signal while that runs exits at once.
 */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "src/host.h"

static gboolean run_timeout(gpointer ud)
{
	cli_session *cs = ud;

	cs->timed_out = TRUE;
	scxml_session_stop(cs->s);
	return G_SOURCE_REMOVE;
}

static gboolean run_signal(gpointer ud)
{
	cli_session *cs = ud;

	if (cs->stopped || cs->exited) {
		/* Asked twice: the user does not want to wait for the
		 * peers' answers. */
		fprintf(stderr, "sipscxml: stopped\n");
		_exit(CLI_EXIT_OTHER);
	}
	fprintf(stderr, "sipscxml: stopping: releasing calls (again to "
			"quit at once)\n");
	cs->stopped = TRUE;
	scxml_session_stop(cs->s);
	return G_SOURCE_CONTINUE;
}

static void run_exited(host *h, host_session *hs, void *ud)
{
	g_main_loop_quit(host_env(h)->loop);
}

int cli_run(int argc, char **argv)
{
	char *config_path = NULL, *events_path = NULL, *bind = NULL;
	char **defines = NULL;
	double timeout_s = 0;
	gboolean sip_trace = FALSE;
	const GOptionEntry entries[] = {
		{"timeout", 't', 0, G_OPTION_ARG_DOUBLE, &timeout_s,
		 "stop the session after S seconds (exit 2)", "S"},
		{"events", 'e', 0, G_OPTION_ARG_FILENAME, &events_path,
		 "write the JSON event log to FILE (- for stdout)", "FILE"},
		{"define", 'D', 0, G_OPTION_ARG_STRING_ARRAY, &defines,
		 "set top-level data NAME to the string VALUE", "NAME=VALUE"},
		{"bind", 'b', 0, G_OPTION_ARG_STRING, &bind,
		 "SIP address to listen on (opens the agent): ADDR:PORT, "
		 "[IPv6]:PORT or a sip:/sips: URI",
		 "ADDR:PORT|URI"},
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
		 "configuration file", "FILE"},
		{"sip-trace", 0, 0, G_OPTION_ARG_NONE, &sip_trace,
		 "print every SIP message sent and received on stderr", NULL},
		{NULL},
	};
	cli_env env = {0};
	host *h = NULL;
	host_session *hs = NULL;
	event_log *log = NULL;
	GError *err = NULL;
	scxml_doc *doc = NULL;
	guint timer = 0, sigint = 0, sigterm = 0;
	int rc = CLI_EXIT_INVALID;

	if (cli_parse_options("run", "DOC - run one session", entries, &argc,
			      &argv, 1) < 0 ||
	    (bind && cli_check_bind(bind) < 0) ||
	    cli_env_init_or_report(&env, config_path) < 0)
		goto out;
	doc = cli_load_doc(&env, argv[1], FALSE);
	if (!doc)
		goto out;
	rc = CLI_EXIT_OTHER;
	if (cli_start_sip_if_needed(&env, doc, bind, sip_trace) < 0)
		goto out;
	if (events_path && !(log = event_log_open(events_path, &err))) {
		fprintf(stderr, "sipscxml: %s\n", err->message);
		g_clear_error(&err);
		goto out;
	}
	h = host_new(&env, log);
	/* how the session ended is read once the loop is over */
	host_keep_ended(h, TRUE);
	host_set_on_exit(h, run_exited, NULL);
	hs = host_session_new(h, doc, NULL, NULL, defines, TRUE);
	if (!hs)
		goto out;
	/* Inbound calls (interaction.added) go to the one session we run. */
	voice_module_attach_session(env.voice, hs->cs.s);
	if (timeout_s > 0)
		timer = g_timeout_add_full(G_PRIORITY_DEFAULT,
					   (guint)(timeout_s * 1000),
					   run_timeout, &hs->cs, NULL);
	sigint = g_unix_signal_add(SIGINT, run_signal, &hs->cs);
	sigterm = g_unix_signal_add(SIGTERM, run_signal, &hs->cs);
	if (host_session_start(hs) < 0)
		goto out;
	if (!hs->cs.exited)
		g_main_loop_run(env.loop);
	rc = cli_session_exit_status(&hs->cs);
out:
	if (timer && !hs->cs.timed_out)
		g_source_remove(timer);
	/* the session's end releases its calls; the agent then goes */
	host_free(h);
	if (!h)
		event_log_close(log);
	if (env.engine)
		cli_shutdown_sip(&env);
	/* After the calls are released: a signal now quits at once. */
	if (sigint)
		g_source_remove(sigint);
	if (sigterm)
		g_source_remove(sigterm);
	if (doc)
		scxml_doc_unref(doc);
	cli_env_clear(&env);
	g_free(config_path);
	g_free(events_path);
	g_free(bind);
	g_strfreev(defines);
	return rc;
}
