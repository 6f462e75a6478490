/*
 * The same load as sip_bare_uac, through sip/'s agent API on a GLib main
 * loop (INVITE → 200 → ACK → BYE per call, a fixed number in flight): the
 * difference from the bare stack is the cost of the agent layer alone,
 * before any SCXML session runs.
 *
 * Usage: sip_agent_uac [-n CALLS] [-c IN_FLIGHT] [-t SECONDS] URI
 * Prints one JSON line; exit 0 when every call completed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sip/sip_agent.h"

typedef struct bench {
	GMainLoop *loop;
	sip_agent *agent;
	const char *target;
	int total, in_flight;
	int started, completed, failed;
	gint64 t_start, t_end;
} bench;

static void start_call(bench *b);

static void on_released(sip_call *call, sip_end_cause cause,
			const sip_outcome *why, void *ud)
{
	bench *b = ud;
	if (cause == SIP_END_LOCAL)
		b->completed++;
	else
		b->failed++;
	if (b->completed + b->failed >= b->total) {
		b->t_end = g_get_monotonic_time();
		g_main_loop_quit(b->loop);
	} else if (b->started < b->total) {
		start_call(b);
	}
}

static const sip_call_observer observer = {NULL, on_released, NULL};

static void on_invite_done(sip_call *call, const sip_outcome *o, void *ud)
{
	if (o->status >= 200 && o->status < 300)
		sip_call_hangup(call, NULL, NULL, NULL);
}

static void start_call(bench *b)
{
	GError *err = NULL;
	b->started++;
	if (!sip_call_invite(b->agent, NULL, b->target, NULL, &observer, b,
			     on_invite_done, b, &err)) {
		fprintf(stderr, "sip_agent_uac: %s\n", err->message);
		g_error_free(err);
		b->failed++;
	}
}

static gboolean on_deadline(gpointer ud)
{
	bench *b = ud;
	fprintf(stderr, "sip_agent_uac: deadline reached\n");
	b->t_end = g_get_monotonic_time();
	g_main_loop_quit(b->loop);
	return G_SOURCE_REMOVE;
}

static void on_shutdown(void *ud)
{
	g_main_loop_quit(ud);
}

int main(int argc, char **argv)
{
	bench b = {.total = 5000, .in_flight = 50};
	int seconds = 300, opt;
	while ((opt = getopt(argc, argv, "n:c:t:")) != -1) {
		switch (opt) {
		case 'n':
			b.total = atoi(optarg);
			break;
		case 'c':
			b.in_flight = atoi(optarg);
			break;
		case 't':
			seconds = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || b.total <= 0 || b.in_flight <= 0)
		goto usage;
	b.target = argv[optind];

	sip_agent_config cfg;
	GError *err = NULL;
	sip_agent_config_load(NULL, &cfg, NULL);
	g_free(cfg.bind);
	cfg.bind = g_strdup("127.0.0.1:0");
	b.loop = g_main_loop_new(NULL, FALSE);
	b.agent = sip_agent_new(NULL, &cfg, NULL, NULL, &err);
	sip_agent_config_clear(&cfg);
	if (!b.agent) {
		fprintf(stderr, "sip_agent_uac: %s\n", err->message);
		return 2;
	}
	g_timeout_add_seconds(seconds, on_deadline, &b);
	b.t_start = g_get_monotonic_time();
	for (int i = 0; i < b.in_flight && i < b.total; i++)
		start_call(&b);
	g_main_loop_run(b.loop);
	sip_agent_shutdown(b.agent, on_shutdown, b.loop);
	g_main_loop_run(b.loop);
	sip_agent_free(b.agent);

	double secs = (double)(b.t_end - b.t_start) / G_USEC_PER_SEC;
	printf("{\"bench\":\"sip-agent-uac\",\"calls\":%d,\"completed\":%d,"
	       "\"failed\":%d,\"in_flight\":%d,\"seconds\":%.3f,"
	       "\"calls_per_s\":%.1f}\n",
	       b.total, b.completed, b.failed, b.in_flight, secs,
	       secs > 0 ? b.completed / secs : 0.0);
	return b.completed == b.total ? 0 : 1;
usage:
	fprintf(stderr,
		"usage: %s [-n CALLS] [-c IN_FLIGHT] [-t SECONDS] URI\n",
		argv[0]);
	return 2;
}
