/*
 * The yardstick for `make bench`: the bare sofia-sip NUA stack placing calls
 * (INVITE with a fixed SDP offer → 200 → ACK → BYE → 200) with a fixed number
 * in flight, on its own su_root loop with nothing else running. The engine's
 * bench does the same through an SCXML session, so the two numbers compare
 * the engine's overhead with the stack's.
 *
 * Usage: sip_bare_uac [-n CALLS] [-c IN_FLIGHT] [-b BIND] [-t SECONDS] URI
 * Prints one JSON line: {"bench":"sip-bare-uac","calls":…,"calls_per_s":…}.
 * Exit status: 0 when every call completed, 1 otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

typedef struct bench bench;
typedef struct bench_call bench_call;
#define SU_ROOT_MAGIC_T bench
#define NUA_MAGIC_T bench
#define NUA_HMAGIC_T bench_call

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_wait.h>

struct bench_call {
	nua_handle_t *nh;
	gboolean answered;
};

struct bench {
	su_root_t *root;
	nua_t *nua;
	const char *target;
	int total, in_flight;
	int started, completed, failed;
	gint64 t_start, t_end;
	gboolean stopping;
};

static const char offer[] = "v=0\r\n"
			    "o=bench 1 1 IN IP4 127.0.0.1\r\n"
			    "s=bench\r\n"
			    "c=IN IP4 127.0.0.1\r\n"
			    "t=0 0\r\n"
			    "m=audio 40000 RTP/AVP 0\r\n"
			    "a=rtpmap:0 PCMU/8000\r\n"
			    "a=sendrecv\r\n";

static void start_call(bench *b)
{
	bench_call *c = g_new0(bench_call, 1);
	c->nh = nua_handle(b->nua, c, SIPTAG_TO_STR(b->target), TAG_END());
	b->started++;
	nua_invite(c->nh, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		   SIPTAG_PAYLOAD_STR(offer), TAG_END());
}

static void stop(bench *b)
{
	if (b->stopping)
		return;
	b->stopping = TRUE;
	b->t_end = g_get_monotonic_time();
	nua_shutdown(b->nua);
}

static void call_over(bench *b, bench_call *c, gboolean ok)
{
	nua_handle_bind(c->nh, NULL);
	nua_handle_destroy(c->nh);
	g_free(c);
	if (ok)
		b->completed++;
	else
		b->failed++;
	if (b->completed + b->failed >= b->total)
		stop(b);
	else if (b->started < b->total && !b->stopping)
		start_call(b);
}

static void on_event(nua_event_t event, int status, char const *phrase,
		     nua_t *nua, bench *b, nua_handle_t *nh, bench_call *c,
		     sip_t const *sip, tagi_t tags[])
{
	switch (event) {
	case nua_r_invite:
		if (!c || status < 200)
			break;
		if (status < 300) {
			c->answered = TRUE;
			nua_bye(nh, TAG_END()); /* nua has ACKed */
		} else {
			call_over(b, c, FALSE);
		}
		break;
	case nua_r_bye:
		if (c && status >= 200)
			call_over(b, c, status < 300);
		break;
	case nua_r_shutdown:
		if (status >= 200)
			su_root_break(b->root);
		break;
	default:
		/* requests we did not ask for: let nua's handle go */
		if (!c && nh && nua_event_is_incoming_request(event))
			nua_handle_destroy(nh);
		break;
	}
}

static void on_deadline(bench *b, su_timer_t *t, su_timer_arg_t *arg)
{
	fprintf(stderr, "sip_bare_uac: deadline reached\n");
	stop(b);
}

int main(int argc, char **argv)
{
	bench b = {.total = 5000, .in_flight = 50};
	const char *bind = "sip:127.0.0.1:*";
	int seconds = 300;
	int opt;
	while ((opt = getopt(argc, argv, "n:c:b:t:")) != -1) {
		switch (opt) {
		case 'n':
			b.total = atoi(optarg);
			break;
		case 'c':
			b.in_flight = atoi(optarg);
			break;
		case 'b':
			bind = optarg;
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

	su_init();
	b.root = su_root_create(&b);
	b.nua = nua_create(b.root, on_event, &b, NUTAG_URL(bind),
			   NUTAG_MEDIA_ENABLE(0), NUTAG_AUTOACK(1),
			   SIPTAG_FROM_STR("sip:bench@127.0.0.1"), TAG_END());
	if (!b.nua) {
		fprintf(stderr, "sip_bare_uac: cannot bind %s\n", bind);
		return 2;
	}
	su_timer_t *deadline = su_timer_create(su_root_task(b.root), 0);
	su_timer_set_interval(deadline, on_deadline, NULL,
			      (su_duration_t)seconds * 1000);

	b.t_start = g_get_monotonic_time();
	for (int i = 0; i < b.in_flight && i < b.total; i++)
		start_call(&b);
	su_root_run(b.root);

	su_timer_destroy(deadline);
	nua_destroy(b.nua);
	su_root_destroy(b.root);
	su_deinit();

	double secs = (double)(b.t_end - b.t_start) / G_USEC_PER_SEC;
	printf("{\"bench\":\"sip-bare-uac\",\"calls\":%d,\"completed\":%d,"
	       "\"failed\":%d,\"in_flight\":%d,\"seconds\":%.3f,"
	       "\"calls_per_s\":%.1f}\n",
	       b.total, b.completed, b.failed, b.in_flight, secs,
	       secs > 0 ? b.completed / secs : 0.0);
	return b.completed == b.total ? 0 : 1;
usage:
	fprintf(stderr,
		"usage: %s [-n CALLS] [-c IN_FLIGHT] [-b BIND_URL] "
		"[-t SECONDS] TARGET_URI\n",
		argv[0]);
	return 2;
}
