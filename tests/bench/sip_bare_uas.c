/*
 * The yardstick for serve's inbound bench (tests/bench/serve_calls.sh): the
 * bare sofia-sip NUA stack answering calls the way the bench flow does —
 * 180 and 200 with a fixed SDP answer; once ACKed a re-INVITE to hold
 * (sendonly), then one to retrieve (sendrecv), then BYE — on its own
 * su_root loop with nothing else running. The same SIPp load is played
 * against it and against `sipscxml serve`, so the two rates compare what
 * serve adds (routing, a session per call, the flow) with the stack alone.
 *
 * Usage: sip_bare_uas [-b BIND_URL] [-t SECONDS]
 * Runs until SIGTERM (or the deadline), then prints one JSON line:
 * {"bench":"sip-bare-uas","completed":…,"failed":…}.
 */
#include "config.h"

#include <signal.h>
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

typedef enum { STEP_ANSWERED, STEP_HOLD, STEP_RETRIEVE, STEP_BYE } step;

struct bench_call {
	nua_handle_t *nh;
	step step;
};

struct bench {
	su_root_t *root;
	nua_t *nua;
	int completed, failed;
	gboolean stopping;
};

static volatile sig_atomic_t got_term;

static char *sdp(const char *dir)
{
	return g_strdup_printf("v=0\r\n"
			       "o=bench 1 1 IN IP4 127.0.0.1\r\n"
			       "s=bench\r\n"
			       "c=IN IP4 127.0.0.1\r\n"
			       "t=0 0\r\n"
			       "m=audio 40000 RTP/AVP 0\r\n"
			       "a=rtpmap:0 PCMU/8000\r\n"
			       "a=%s\r\n",
			       dir);
}

static void reinvite(bench_call *c, const char *dir)
{
	char *body = sdp(dir);

	nua_invite(c->nh, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		   SIPTAG_PAYLOAD_STR(body), TAG_END());
	g_free(body);
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
}

static void on_event(nua_event_t event, int status, char const *phrase,
		     nua_t *nua, bench *b, nua_handle_t *nh, bench_call *c,
		     sip_t const *sip, tagi_t tags[])
{
	int ss = nua_callstate_init;
	char *body;

	switch (event) {
	case nua_i_invite:
		if (c)
			break; /* a re-INVITE: nua answers it */
		c = g_new0(bench_call, 1);
		c->nh = nh;
		nua_handle_bind(nh, c);
		body = sdp("sendrecv");
		nua_respond(nh, SIP_180_RINGING, NUTAG_WITH_THIS(nua),
			    TAG_END());
		nua_respond(nh, SIP_200_OK, NUTAG_WITH_THIS(nua),
			    SIPTAG_CONTENT_TYPE_STR("application/sdp"),
			    SIPTAG_PAYLOAD_STR(body), TAG_END());
		g_free(body);
		break;
	case nua_i_state:
		tl_gets(tags, NUTAG_CALLSTATE_REF(ss), TAG_END());
		if (c && ss == nua_callstate_ready &&
		    c->step == STEP_ANSWERED) {
			c->step = STEP_HOLD;
			reinvite(c, "sendonly");
		}
		if (c && ss == nua_callstate_terminated)
			call_over(b, c, c->step == STEP_BYE);
		break;
	case nua_r_invite:
		if (!c || status < 200)
			break;
		if (status >= 300) {
			nua_bye(nh, TAG_END());
			c->step = STEP_ANSWERED; /* counts as failed */
		} else if (c->step == STEP_HOLD) {
			c->step = STEP_RETRIEVE;
			reinvite(c, "sendrecv");
		} else if (c->step == STEP_RETRIEVE) {
			c->step = STEP_BYE;
			nua_bye(nh, TAG_END());
		}
		break;
	case nua_r_shutdown:
		if (status >= 200)
			su_root_break(b->root);
		break;
	default:
		if (!c && nh && nua_event_is_incoming_request(event))
			nua_handle_destroy(nh);
		break;
	}
}

static void on_term(int sig)
{
	got_term = 1;
}

static void on_tick(bench *b, su_timer_t *t, su_timer_arg_t *arg)
{
	int *left = (int *)arg;

	if ((got_term || --*left <= 0) && !b->stopping) {
		b->stopping = TRUE;
		nua_shutdown(b->nua);
	}
}

int main(int argc, char **argv)
{
	bench b = {0};
	const char *bind = "sip:127.0.0.1:5060";
	int ticks = 600 * 10;
	int opt;

	while ((opt = getopt(argc, argv, "b:t:")) != -1) {
		switch (opt) {
		case 'b':
			bind = optarg;
			break;
		case 't':
			ticks = atoi(optarg) * 10;
			break;
		default:
			fprintf(stderr, "usage: %s [-b BIND_URL] [-t SECONDS]\n",
				argv[0]);
			return 2;
		}
	}
	signal(SIGTERM, on_term);
	su_init();
	b.root = su_root_create(&b);
	b.nua = nua_create(b.root, on_event, &b, NUTAG_URL(bind),
			   NUTAG_MEDIA_ENABLE(0), NUTAG_AUTOACK(1),
			   NUTAG_AUTOALERT(0), NUTAG_AUTOANSWER(0),
			   NUTAG_SESSION_TIMER(0),
			   SIPTAG_FROM_STR("sip:bench@127.0.0.1"), TAG_END());
	if (!b.nua) {
		fprintf(stderr, "sip_bare_uas: cannot bind %s\n", bind);
		return 2;
	}
	/* SIGTERM is polled: the handler only sets a flag. */
	su_timer_t *tick = su_timer_create(su_root_task(b.root), 100);
	su_timer_set_for_ever(tick, on_tick, (su_timer_arg_t *)&ticks);
	su_root_run(b.root);
	su_timer_destroy(tick);
	nua_destroy(b.nua);
	su_root_destroy(b.root);
	su_deinit();
	printf("{\"bench\":\"sip-bare-uas\",\"completed\":%d,\"failed\":%d}\n",
	       b.completed, b.failed);
	return 0;
}
