/*
 * The SIP agent against SIPp, over loopback. Each case starts the agent on
 * 127.0.0.1 port 0 and SIPp with one scenario of tests/sip_agent/ on a port picked
 * here, drives the agent through sip_agent.h, and passes only if both agree:
 * our callbacks saw the expected events in order, and SIPp (which checks
 * what we sent: SDP directions, Refer-To, credentials…) exited with 0
 * having seen no unexpected message but copies of expected ones (our
 * retransmissions, when SIPp was slow on a loaded machine).
 *
 * The registration cases start the agent first with SIPp as its registrar
 * (on a port picked here), and hand SIPp the agent's host:port as the
 * global variable "agent", which the scenario compares with our Contact.
 *
 * Usage: test_sip_agent [case…]   (no argument: every case)
 * Exit 77 (skip) without SIPp. SIP messages of each case are kept in
 * $top_builddir/tests/out/sip/<case>.msg for reading a failure.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sip/sip_agent.h"

/* LeakSanitizer hook (sanitizer builds): sofia-sip 1.12 never frees a
 * client request (its message and signal) whose dialog a remote BYE ended
 * while the request was still waiting for its response: our hold re-INVITE
 * in remote_bye_during_hold. That leak is the library's, not ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:nua_client_request_template\n"
	       "leak:send_reinvite\n";
}

/* sofia-sip is built without frame pointers: unwind slowly so that the
 * suppressions above can see past its frames. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

typedef struct tcase tcase;
typedef void (*step_fn)(tcase *tc, const char *what, int status);

struct tcase {
	const char *name;
	const char *scenario;
	gboolean sipp_calls_us;	   /* SIPp is the UAC */
	const char *expect;	   /* events that must appear, in this order */
	step_fn step;		   /* drives the call on each event */
	int sipp_calls;		   /* -m (default 1) */
	int want_released;	   /* calls that must end (default 1) */
	gboolean no_call;	   /* the agent must not report any call */
	const char *tx_timeout;	   /* [sip] transaction-timeout, ms */
	gboolean tcp;		   /* SIPp over TCP (-t t1) */
	gboolean via_proxy;	   /* SIPp is our outbound proxy */
	gboolean shutdown_in_case; /* the step shuts the agent down */
	gboolean hangup_at_once;   /* hang up right after the INVITE */
	gboolean free_in_call;	   /* free the agent, no shutdown, call up */
	guint stall_sipp_ms;	   /* SIGSTOP SIPp that long after the INVITE:
				      a loaded machine, made deterministic */
	gboolean baresip;	   /* the peer is baresip, not SIPp */
	gboolean registrar;	   /* SIPp is our registrar ([register]) */
	const char *reg_aor;	   /* [register] aor, contact-user… */
	const char *reg_contact_user;
	const char *reg_expires;
	const char *reg_retry;
	int want_reg_failed; /* registration failures to wait for */

	GMainContext *ctx; /* not the default one: the agent must use it */
	GMainLoop *loop;
	sip_agent *agent;
	sip_call *call;
	sip_call *call2;
	GString *log;
	GString *timed; /* the same events with their time, for a failure */
	gint64 t0;
	guint sipp_port;
	GPid sipp_pid;
	gboolean sipp_exited;
	int sipp_status;
	int released;
	gint64 t_mark;
	gboolean failed;
	gboolean shut_down;
	int reg_failed;
};

static void note(tcase *tc, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void note(tcase *tc, const char *fmt, ...)
{
	va_list ap;
	gsize from;
	va_start(ap, fmt);
	if (tc->log->len)
		g_string_append_c(tc->log, ' ');
	from = tc->log->len;
	g_string_append_vprintf(tc->log, fmt, ap);
	va_end(ap);
	g_string_append_printf(tc->timed, " +%.3fs:%s",
			       (g_get_monotonic_time() - tc->t0) / 1e6,
			       tc->log->str + from);
}

static const char *state_name(sip_call_state s)
{
	static const char *const names[] = {"DIALING", "RINGING", "CONNECTED",
					    "HELD", "RELEASED"};
	return s <= SIP_CALL_RELEASED ? names[s] : "?";
}

static const char *cause_name(sip_end_cause c)
{
	static const char *const names[] = {"LOCAL", "REMOTE", "FAILED",
					    "TRANSFERRED"};
	return c <= SIP_END_TRANSFERRED ? names[c] : "?";
}

static void maybe_finish(tcase *tc)
{
	if (tc->sipp_exited && tc->released >= tc->want_released &&
	    tc->reg_failed >= tc->want_reg_failed &&
	    (tc->shut_down || !tc->shutdown_in_case))
		g_main_loop_quit(tc->loop);
}

/* ---- observer and completions ------------------------------------------ */

static void on_state(sip_call *call, sip_call_state state, void *ud)
{
	tcase *tc = ud;
	note(tc, "state:%s", state_name(state));
	if (tc->step)
		tc->step(tc, state_name(state), 0);
}

static void on_released(sip_call *call, sip_end_cause cause,
			const sip_outcome *why, void *ud)
{
	tcase *tc = ud;
	if (sip_call_get_state(call) != SIP_CALL_RELEASED)
		note(tc, "BAD-released-state");
	note(tc, "released:%s", cause_name(cause));
	if (sip_call_remote_holds(call))
		note(tc, "remote-held");
	tc->released++;
	maybe_finish(tc);
}

static void on_incoming(sip_call *call, void *ud);

static const sip_call_observer observer = {on_state, on_released, on_incoming};

static void on_registration(sip_agent *agent, sip_reg_state state,
			    const sip_outcome *o, void *ud)
{
	static const char *const names[] = {"REGISTERED", "FAILED",
					    "UNREGISTERED"};
	tcase *tc = ud;
	if (agent != tc->agent)
		note(tc, "BAD-reg-agent");
	note(tc, "reg:%s:%d%s",
	     state <= SIP_REG_UNREGISTERED ? names[state] : "?", o->status,
	     o->local ? "L" : "");
	if (state == SIP_REG_FAILED)
		tc->reg_failed++;
	if (tc->step)
		tc->step(tc, names[state], o->status);
	maybe_finish(tc);
}

typedef struct done_ctx {
	tcase *tc;
	const char *what;
	int count;
} done_ctx;

/* Completions carry their operation's name; count catches a second call. */
static void on_done(sip_call *call, const sip_outcome *o, void *ud)
{
	done_ctx *d = ud;
	d->count++;
	note(d->tc, "%s:%d%s%s", d->what, o->status, o->local ? "L" : "",
	     d->count > 1 ? "-TWICE" : "");
	if (d->tc->step)
		d->tc->step(d->tc, d->what, o->status);
}

#define MAX_OPS 8
static done_ctx ops_store[MAX_OPS];
static int ops_used;

static done_ctx *op(tcase *tc, const char *what)
{
	g_assert(ops_used < MAX_OPS);
	done_ctx *d = &ops_store[ops_used++];
	d->tc = tc;
	d->what = what;
	d->count = 0;
	return d;
}

static void check_sync(tcase *tc, int rc, const char *what)
{
	if (rc != 0) {
		note(tc, "REFUSED-%s", what);
		tc->failed = TRUE;
	}
}

static void hangup(tcase *tc, sip_call *call)
{
	check_sync(tc, sip_call_hangup(call, NULL, on_done, op(tc, "hangup")),
		   "hangup");
}

/* ---- the cases' scripts ------------------------------------------------- */

static void step_answer_then_bye(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200)
		hangup(tc, tc->call);
}

static void case_shutdown_done(void *ud)
{
	tcase *tc = ud;
	note(tc, "shutdown-done");
	tc->shut_down = TRUE;
	maybe_finish(tc);
}

/* Shutting down with a call up must BYE it (SIPp expects the BYE). */
static void step_shutdown(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200)
		sip_agent_shutdown(tc->agent, case_shutdown_done, tc);
}

/* Once registered, shut down: the agent must un-REGISTER first. */
static void step_registered_shutdown(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "REGISTERED"))
		sip_agent_shutdown(tc->agent, case_shutdown_done, tc);
}

/* sip_agent_free without a shutdown first, a call up: the agent must still
 * BYE it and report the release. */
static void step_free(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200)
		g_main_loop_quit(tc->loop);
}

static void step_hold(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200)
		check_sync(
			tc,
			sip_call_hold(tc->call, NULL, on_done, op(tc, "hold")),
			"hold");
	else if (!strcmp(what, "hold") && status == 200)
		check_sync(tc,
			   sip_call_retrieve(tc->call, NULL, on_done,
					     op(tc, "retrieve")),
			   "retrieve");
	else if (!strcmp(what, "retrieve") || !strcmp(what, "hold")) {
		/* a refused hold leaves the call as it was */
		if (status >= 300 &&
		    sip_call_get_state(tc->call) != SIP_CALL_CONNECTED)
			note(tc, "BAD-state-after-refused-hold");
		hangup(tc, tc->call);
	}
}

static void step_glare(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200) {
		tc->t_mark = g_get_monotonic_time();
		check_sync(
			tc,
			sip_call_hold(tc->call, NULL, on_done, op(tc, "hold")),
			"hold");
	} else if (!strcmp(what, "hold")) {
		/* RFC 3261 §14.1: we own the Call-ID, so >= 2.1 s */
		gint64 waited = (g_get_monotonic_time() - tc->t_mark) / 1000;
		if (waited < 2100)
			note(tc, "BAD-glare-wait-%" G_GINT64_FORMAT "ms",
			     waited);
		hangup(tc, tc->call);
	}
}

static void step_refer(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200) {
		/* a target that is no SIP URI: refused at once, and why */
		GError *err = NULL;
		if (sip_call_refer(tc->call, "sip:", NULL, NULL, on_done, NULL,
				   &err) != -1 ||
		    !g_error_matches(err, SIP_ERROR, SIP_ERROR_BAD_TARGET))
			note(tc, "BAD-refer-target-not-refused");
		g_clear_error(&err);
		check_sync(tc,
			   sip_call_refer(tc->call, "sip:target@example.com",
					  NULL, NULL, on_done, op(tc, "refer"),
					  NULL),
			   "refer");
	} else if (!strcmp(what, "refer"))
		hangup(tc, tc->call);
}

static void step_cancel(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "RINGING"))
		hangup(tc, tc->call);
}

static void step_bye_during_hold(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200)
		check_sync(
			tc,
			sip_call_hold(tc->call, NULL, on_done, op(tc, "hold")),
			"hold");
}

/* Attended transfer: a second call to SIPp, then a REFER on the first whose
 * Refer-To replaces the second (target taken from the second's contact). */
static void step_replaces(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "invite") && status == 200) {
		GError *err = NULL;
		g_autofree char *to = g_strdup_printf(
			"sip:consult@127.0.0.1:%u", tc->sipp_port);
		tc->call2 =
			sip_call_invite(tc->agent, NULL, to, NULL, &observer,
					tc, on_done, op(tc, "invite2"), &err);
		if (!tc->call2) {
			note(tc, "BAD-invite2-%s", err->message);
			g_error_free(err);
		}
	} else if (!strcmp(what, "invite2") && status == 200) {
		/* A '#' in the target would put the Replaces into a URI
		 * fragment and the REFER would go out without it (found by
		 * fuzz_refer_to): refused at once, as a bad target. */
		GError *err = NULL;
		if (sip_call_refer(tc->call, "sip:carol@pbx#x", tc->call2,
				   NULL, on_done, NULL, &err) != -1 ||
		    !g_error_matches(err, SIP_ERROR, SIP_ERROR_BAD_TARGET))
			note(tc, "BAD-refer-fragment-not-refused");
		g_clear_error(&err);
		check_sync(tc,
			   sip_call_refer(tc->call, NULL, tc->call2, NULL,
					  on_done, op(tc, "refer"), NULL),
			   "refer");
	} else if (!strcmp(what, "refer")) {
		hangup(tc, tc->call);
		hangup(tc, tc->call2);
	}
}

/* The caller holds us from its first offer; our own hold must then offer
 * a=inactive (SIPp checks). */
static void step_hold_after_accept(tcase *tc, const char *what, int status)
{
	if (!strcmp(what, "accept") && status == 200) {
		if (!sip_call_remote_holds(tc->call) &&
		    strcmp(tc->scenario, "uac_held_then_hold") == 0)
			note(tc, "BAD-remote-hold-not-seen");
		check_sync(
			tc,
			sip_call_hold(tc->call, NULL, on_done, op(tc, "hold")),
			"hold");
	} else if (!strcmp(what, "hold")) {
		hangup(tc, tc->call);
	}
}

static void on_incoming(sip_call *call, void *ud)
{
	tcase *tc = ud;
	GHashTable *h = sip_call_request_headers(call);
	const char *x = h ? g_hash_table_lookup(h, "X-Test-Header") : NULL;
	note(tc, "incoming:%s", x ? x : "(no X-Test-Header)");
	if (!sip_call_call_id(call) || !sip_call_remote_uri(call))
		note(tc, "BAD-no-dialog-ids");
	tc->call = call;
	if (x && !strcmp(x, "inbound-reject"))
		check_sync(tc, sip_call_reject(call, 486, NULL, NULL),
			   "reject");
	else if (x && !strcmp(x, "inbound-wait"))
		; /* the caller will CANCEL */
	else
		check_sync(tc, sip_call_accept(call, on_done, op(tc, "accept")),
			   "accept");
}

/* ---- harness --------------------------------------------------------------
 */

static guint free_udp_port(void)
{
	GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	GSocketAddress *sa = g_inet_socket_address_new(lo, 0);
	GSocket *s = g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
				  G_SOCKET_PROTOCOL_DEFAULT, NULL);
	guint port = 0;
	if (s && g_socket_bind(s, sa, FALSE, NULL)) {
		GSocketAddress *local = g_socket_get_local_address(s, NULL);
		port = g_inet_socket_address_get_port(
			G_INET_SOCKET_ADDRESS(local));
		g_object_unref(local);
	}
	g_clear_object(&s);
	g_object_unref(sa);
	g_object_unref(lo);
	return port;
}

/* SIPp has bound its port when we no longer can. */
static gboolean port_taken(guint port, gboolean tcp)
{
	GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	GSocketAddress *sa = g_inet_socket_address_new(lo, port);
	GSocket *s = g_socket_new(G_SOCKET_FAMILY_IPV4,
				  tcp ? G_SOCKET_TYPE_STREAM
				      : G_SOCKET_TYPE_DATAGRAM,
				  G_SOCKET_PROTOCOL_DEFAULT, NULL);
	gboolean taken = !s || !g_socket_bind(s, sa, FALSE, NULL);
	g_clear_object(&s);
	g_object_unref(sa);
	g_object_unref(lo);
	return taken;
}

static void on_sipp_exit(GPid pid, gint wait_status, gpointer ud)
{
	tcase *tc = ud;
	tc->sipp_exited = TRUE;
	tc->sipp_status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status)
						 : 128 + WTERMSIG(wait_status);
	g_spawn_close_pid(pid);
	maybe_finish(tc);
}

static gboolean on_timeout(gpointer ud)
{
	tcase *tc = ud;
	note(tc, "TIMEOUT");
	tc->failed = TRUE;
	g_main_loop_quit(tc->loop);
	return G_SOURCE_REMOVE;
}

static gboolean start_sipp(tcase *tc, const char *sipp, const char *srcdir,
			   const char *outdir)
{
	g_autofree char *scen =
		g_strdup_printf("%s/tests/sip_agent/%s.xml", srcdir, tc->scenario);
	g_autofree char *port = NULL;
	g_autofree char *msgs = g_strdup_printf("%s/%s.msg", outdir, tc->name);
	g_autofree char *errs = g_strdup_printf("%s/%s.err", outdir, tc->name);
	g_autofree char *calls =
		g_strdup_printf("%d", tc->sipp_calls ? tc->sipp_calls : 1);
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	const char *contact =
		tc->agent ? sip_agent_contact(tc->agent) + 4 : ""; /* "sip:" */

	/* SIPp appends, or writes no error file at all: nothing of an
	 * earlier run may be read as this one's. */
	g_unlink(msgs);
	g_unlink(errs);
	/* as registrar, SIPp must take the port the agent already has in
	 * its config: one attempt only */
	for (int attempt = 0; attempt < (tc->registrar ? 1 : 5); attempt++) {
		if (!tc->registrar)
			tc->sipp_port = free_udp_port();
		g_free(port);
		port = g_strdup_printf("%u", tc->sipp_port);
		g_ptr_array_set_size(argv, 0);
		const char *args[] = {
			sipp,	    "-sf",	  scen,
			"-i",	    "127.0.0.1",  "-p",
			port,	    "-m",	  calls,
			"-timeout", "30s",	  "-timeout_error",
			"-nostdin", "-trace_msg", "-message_file",
			msgs,	    "-trace_err", "-error_file",
			errs,	    "-s",	  "agent",
			/* SIPp 3.6 resends its last message for the first
			 * copy of a retransmitted request but aborts the
			 * call on a later copy (a SIPp stalled past 2 * T1
			 * on a loaded machine); then our REFER went to a dead
			 * call and timed out. It goes on instead, and
			 * unexpected_not_retransmission() fails the case on
			 * any unexpected message that is not a copy. */
			"-default_behaviors", "all,-abortunexp"};
		for (size_t i = 0; i < G_N_ELEMENTS(args); i++)
			g_ptr_array_add(argv, g_strdup(args[i]));
		if (tc->tcp) {
			g_ptr_array_add(argv, g_strdup("-t"));
			g_ptr_array_add(argv, g_strdup("t1"));
		}
		if (tc->registrar) {
			/* "sip:127.0.0.1:40123[;transport=…]" → host:port */
			g_ptr_array_add(argv, g_strdup("-set"));
			g_ptr_array_add(argv, g_strdup("agent"));
			g_ptr_array_add(argv, g_strndup(contact,
							strcspn(contact, ";")));
		}
		if (tc->sipp_calls_us)
			g_ptr_array_add(argv, g_strdup(contact));
		g_ptr_array_add(argv, NULL);

		GError *err = NULL;
		if (!g_spawn_async(NULL, (char **)argv->pdata, NULL,
				   G_SPAWN_DO_NOT_REAP_CHILD |
					   G_SPAWN_STDOUT_TO_DEV_NULL,
				   NULL, NULL, &tc->sipp_pid, &err)) {
			fprintf(stderr, "cannot start SIPp: %s\n",
				err->message);
			g_error_free(err);
			break;
		}
		/* Wait until SIPp listens (or died: e.g. port raced away). */
		gboolean up = FALSE;
		for (int i = 0; i < 200 && !up; i++) {
			int st;
			if (waitpid(tc->sipp_pid, &st, WNOHANG) ==
			    tc->sipp_pid) {
				tc->sipp_pid = 0;
				break;
			}
			up = port_taken(tc->sipp_port, tc->tcp);
			if (!up)
				g_usleep(25000);
		}
		if (up) {
			GSource *w = g_child_watch_source_new(tc->sipp_pid);
			g_source_set_callback(
				w, (GSourceFunc)(void (*)(void))on_sipp_exit,
				tc, NULL);
			g_source_attach(w, tc->ctx);
			g_source_unref(w);
			g_ptr_array_unref(argv);
			return TRUE;
		}
		if (tc->sipp_pid) {
			kill(tc->sipp_pid, SIGKILL);
			waitpid(tc->sipp_pid, NULL, 0);
			tc->sipp_pid = 0;
		}
	}
	g_ptr_array_unref(argv);
	return FALSE;
}

/* baresip as a real phone (auto-answer, G.711 from a silent WAV file), in
 * a config folder of its own; its exit status is not part of the verdict. */
static gboolean write_silence_wav(const char *path)
{
	const guint32 samples = 8000, bytes = samples * 2;
	guint8 hdr[44] =
		"RIFF....WAVEfmt ....\1\0\1\0........\2\0\20\0data....";
	GString *wav = g_string_new_len((const char *)hdr, sizeof hdr);
	guint32 v;
#define PUT32(off, val)                                                        \
	(v = GUINT32_TO_LE(val), memcpy(wav->str + (off), &v, 4))
	PUT32(4, 36 + bytes);
	PUT32(16, 16);
	PUT32(24, 8000);
	PUT32(28, 16000);
	PUT32(40, bytes);
#undef PUT32
	g_string_set_size(wav, sizeof hdr + bytes);
	memset(wav->str + sizeof hdr, 0, bytes);
	gboolean ok = g_file_set_contents(path, wav->str, wav->len, NULL);
	g_string_free(wav, TRUE);
	return ok;
}

static gboolean start_baresip(tcase *tc, const char *baresip,
			      const char *outdir)
{
	g_autofree char *dir =
		g_strdup_printf("%s/%s.baresip", outdir, tc->name);
	g_autofree char *wav = g_strdup_printf("%s/silence.wav", dir);
	g_autofree char *cfg_path = g_strdup_printf("%s/config", dir);
	g_autofree char *acc_path = g_strdup_printf("%s/accounts", dir);
	g_autofree char *log_path =
		g_strdup_printf("%s/%s.log", outdir, tc->name);
	g_mkdir_with_parents(dir, 0755);
	if (!write_silence_wav(wav))
		return FALSE;
	tc->sipp_port = free_udp_port();
	g_autofree char *cfg =
		g_strdup_printf("sip_listen 127.0.0.1:%u\n"
				"audio_source aufile,%s\n"
				"audio_player aufile,/dev/null\n"
				"module_path /usr/lib/baresip/modules\n"
				"module g711.so\nmodule aufile.so\n"
				"module_app account.so\nmodule_app menu.so\n",
				tc->sipp_port, wav);
	g_autofree char *acc = g_strdup_printf(
		"<sip:bob@127.0.0.1:%u>;regint=0;answermode=auto;"
		"audio_codecs=PCMU\n",
		tc->sipp_port);
	if (!g_file_set_contents(cfg_path, cfg, -1, NULL) ||
	    !g_file_set_contents(acc_path, acc, -1, NULL))
		return FALSE;
	char *argv[] = {(char *)baresip, "-f", dir, NULL};
	int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	GError *err = NULL;
	gboolean ok = g_spawn_async_with_fds(
		NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
		&tc->sipp_pid, -1, log_fd, log_fd, &err);
	if (log_fd >= 0)
		close(log_fd);
	if (!ok) {
		fprintf(stderr, "cannot start baresip: %s\n", err->message);
		g_error_free(err);
		return FALSE;
	}
	for (int i = 0; i < 200; i++) {
		if (port_taken(tc->sipp_port, FALSE))
			return TRUE;
		g_usleep(25000);
	}
	kill(tc->sipp_pid, SIGKILL);
	waitpid(tc->sipp_pid, NULL, 0);
	tc->sipp_pid = 0;
	return FALSE;
}

static sip_agent *start_agent(tcase *tc);

/* SIPp as registrar needs the agent's contact, and the agent needs SIPp's
 * port in its config: pick the port, start the agent (it sends nothing
 * before the loop runs), then SIPp on that port. The port can be gone by
 * then (even to the agent's own pick of a free port): start both again. */
static gboolean start_registrar(tcase *tc, const char *sipp, const char *srcdir,
				const char *outdir)
{
	for (int attempt = 0; attempt < 5; attempt++) {
		tc->sipp_port = free_udp_port();
		if (!(tc->agent = start_agent(tc)))
			return FALSE;
		if (start_sipp(tc, sipp, srcdir, outdir))
			return TRUE;
		sip_agent_free(tc->agent);
		tc->agent = NULL;
	}
	return FALSE;
}

/* Every token of expect must appear in log, in order. */
static gboolean log_matches(const char *log, const char *expect)
{
	g_auto(GStrv) want = g_strsplit(expect, " ", -1);
	g_auto(GStrv) got = g_strsplit(log, " ", -1);
	size_t j = 0;
	for (size_t i = 0; want[i]; i++) {
		while (got[j] && strcmp(got[j], want[i]) != 0)
			j++;
		if (!got[j])
			return FALSE;
		j++;
	}
	return strstr(log, "BAD") == NULL && strstr(log, "TWICE") == NULL;
}

static void shutdown_done(void *ud)
{
	g_main_loop_quit(ud);
}

static sip_agent *start_agent(tcase *tc)
{
	GError *err = NULL;
	sip_agent_config cfg;
	GKeyFile *kf = g_key_file_new();
	g_key_file_set_string(kf, "sip", "bind", "127.0.0.1:0");
	g_key_file_set_string(kf, "sip", "identity", "sip:flow@127.0.0.1");
	g_key_file_set_string(kf, "sip", "user-agent", "sipscxml-test/1");
	g_key_file_set_string(kf, "sip", "t1", "200");
	g_key_file_set_string(kf, "auth", "user", "alice");
	g_key_file_set_string(kf, "auth", "password", "secret");
	g_key_file_set_string(kf, "media", "port", "40000");
	if (tc->tx_timeout)
		g_key_file_set_string(kf, "sip", "transaction-timeout",
				      tc->tx_timeout);
	if (tc->via_proxy) {
		g_autofree char *proxy =
			g_strdup_printf("sip:127.0.0.1:%u", tc->sipp_port);
		g_key_file_set_string(kf, "sip", "outbound-proxy", proxy);
	}
	if (tc->registrar) {
		g_autofree char *registrar =
			g_strdup_printf("sip:127.0.0.1:%u", tc->sipp_port);
		g_key_file_set_string(kf, "register", "registrar", registrar);
		const char *const keys[][2] = {
			{"aor", tc->reg_aor},
			{"contact-user", tc->reg_contact_user},
			{"expires", tc->reg_expires},
			{"retry", tc->reg_retry},
		};
		for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
			if (keys[i][1])
				g_key_file_set_string(kf, "register",
						      keys[i][0], keys[i][1]);
	}
	int rc = sip_agent_config_load(kf, &cfg, &err);
	g_key_file_unref(kf);
	if (rc < 0) {
		fprintf(stderr, "config: %s\n", err->message);
		g_error_free(err);
		return NULL;
	}
	sip_agent *agent = sip_agent_new(tc->ctx, &cfg, &observer, tc, &err);
	sip_agent_config_clear(&cfg);
	if (!agent) {
		fprintf(stderr, "agent: %s\n", err->message);
		g_error_free(err);
		return NULL;
	}
	/* nothing is sent before the loop runs, so this sees every report */
	sip_agent_watch_registration(agent, on_registration, tc);
	return agent;
}

static void place_call(tcase *tc)
{
	GError *err = NULL;
	g_autofree char *to =
		tc->via_proxy
			? g_strdup("sip:bob@example.invalid")
			: g_strdup_printf("sip:bob@127.0.0.1:%u%s",
					  tc->sipp_port,
					  tc->tcp ? ";transport=tcp" : "");
	GHashTable *headers =
		g_hash_table_new_full(g_str_hash, g_str_equal, NULL, NULL);
	g_hash_table_insert(headers, "X-Flow",
			    tc->via_proxy ? "proxied" : "plain");
	/* a value that tries to smuggle a header in must be dropped */
	g_hash_table_insert(headers, "X-Evil", "x\r\nBYE: now");
	tc->call = sip_call_invite(tc->agent, NULL, to, headers, &observer, tc,
				   on_done, op(tc, "invite"), &err);
	g_hash_table_unref(headers);
	if (tc->call && tc->hangup_at_once)
		hangup(tc, tc->call);
	if (!tc->call) {
		fprintf(stderr, "invite: %s\n", err->message);
		g_error_free(err);
		tc->failed = TRUE;
	}
}

/* What a retransmission repeats: the top Via's branch and the CSeq, or
 * NULL. */
static char *retrans_key(const char *msg, const char *end)
{
	g_autofree char *text = g_strndup(msg, end - msg);
	const char *b = strstr(text, "branch=");
	const char *c = strstr(text, "\nCSeq:");

	if (!b || !c)
		return NULL;
	b += 7;
	c += 6;
	return g_strdup_printf("%.*s|%.*s", (int)strcspn(b, ";, \r\n"), b,
			       (int)strcspn(c, "\r\n"), c);
}

/* SIPp goes on after an unexpected message (-abortunexp): each must be a
 * copy of a message one of whose copies was expected (a retransmission),
 * else the message is returned (the case fails). */
static char *unexpected_not_retransmission(const tcase *tc,
					   const char *outdir)
{
	g_autofree char *msgs = g_strdup_printf("%s/%s.msg", outdir, tc->name);
	g_autofree char *errs = g_strdup_printf("%s/%s.err", outdir, tc->name);
	g_autofree char *trace = NULL, *err = NULL;
	g_autoptr(GHashTable) seen =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) odd =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *p;
	guint n;

	if (!g_file_get_contents(errs, &err, NULL, NULL))
		return NULL;
	/* Received messages of the trace, each after its header line ("UDP
	 * message received [N] bytes"; an unexpected one is traced again
	 * under "Unexpected UDP message received:", not counted). */
	if (g_file_get_contents(msgs, &trace, NULL, NULL)) {
		for (p = strstr(trace, "message received ["); p;
		     p = strstr(p, "message received [")) {
			const char *m = strchr(p, '\n');
			const char *end = m ? strstr(m, "\n-----") : NULL;
			char *key;

			if (!m)
				break;
			key = retrans_key(m, end ? end : m + strlen(m));
			if (key)
				g_hash_table_replace(
					seen, key,
					GUINT_TO_POINTER(GPOINTER_TO_UINT(
								 g_hash_table_lookup(
									 seen, key)) +
							 1));
			p = m;
		}
	}
	for (p = strstr(err, "on unexpected message"); p;
	     p = strstr(p + 1, "on unexpected message")) {
		const char *m = strstr(p, "received '");
		const char *end = m ? strstr(m, "\n'") : NULL;
		g_autofree char *key = NULL;

		if (!m || !end)
			return g_strdup(p);
		m += 10;
		key = retrans_key(m, end);
		if (!key)
			return g_strndup(m, strcspn(m, "\r\n"));
		n = GPOINTER_TO_UINT(g_hash_table_lookup(odd, key)) + 1;
		/* SIPp traces every copy: one at least was expected */
		if (n >= GPOINTER_TO_UINT(g_hash_table_lookup(seen, key)))
			return g_strndup(m, strcspn(m, "\r\n"));
		g_hash_table_replace(odd, g_steal_pointer(&key),
				     GUINT_TO_POINTER(n));
	}
	return NULL;
}

static gboolean resume_sipp(gpointer ud)
{
	tcase *tc = ud;

	if (tc->sipp_pid && !tc->sipp_exited)
		kill(tc->sipp_pid, SIGCONT);
	return G_SOURCE_REMOVE;
}

/* After a failure, the SIP messages SIPp saw (time, direction, first line)
 * and its error file go to our output, i.e. the test's log: a failure that
 * only happens under load is read from the log of that run, not from a
 * trace a later run overwrote. */
static void print_sipp_trace(const tcase *tc, const char *outdir)
{
	g_autofree char *msgs = g_strdup_printf("%s/%s.msg", outdir, tc->name);
	g_autofree char *errs = g_strdup_printf("%s/%s.err", outdir, tc->name);
	g_autofree char *text = NULL;
	const char *when = "";
	const char *dir = NULL;

	if (g_file_get_contents(msgs, &text, NULL, NULL)) {
		g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

		for (char **l = lines; *l; l++) {
			g_strchomp(*l);
			if (g_str_has_prefix(*l, "-----")) {
				when = *l + strspn(*l, "- ");
			} else if (strstr(*l, "message sent")) {
				dir = "sipp->";
			} else if (strstr(*l, "message received")) {
				dir = "->sipp";
			} else if (dir && **l) {
				printf("  trace %s %s %s\n", when, dir, *l);
				dir = NULL;
			}
		}
	}
	g_clear_pointer(&text, g_free);
	if (g_file_get_contents(errs, &text, NULL, NULL) && *text)
		printf("  SIPp errors:\n%s\n", text);
}

/* What run_case() made for a case, freed on every way out of it. */
static void case_free(tcase *tc)
{
	g_string_free(tc->log, TRUE);
	g_string_free(tc->timed, TRUE);
	tc->log = tc->timed = NULL;
	g_main_loop_unref(tc->loop);
	g_main_context_unref(tc->ctx);
}

static gboolean run_case(tcase *tc, const char *sipp, const char *baresip,
			 const char *srcdir, const char *outdir)
{
	tc->ctx = g_main_context_new();
	tc->loop = g_main_loop_new(tc->ctx, FALSE);
	tc->log = g_string_new(NULL);
	tc->timed = g_string_new(NULL);
	tc->t0 = g_get_monotonic_time();
	if (!tc->want_released && !tc->no_call && !tc->registrar)
		tc->want_released = 1;
	ops_used = 0;

	/* SIPp as UAC needs our contact; as UAS (or proxy) we need its port */
	if (tc->sipp_calls_us && !(tc->agent = start_agent(tc))) {
		case_free(tc);
		return FALSE;
	}
	if (tc->registrar) {
		if (!start_registrar(tc, sipp, srcdir, outdir)) {
			fprintf(stderr, "%s: SIPp did not start\n", tc->name);
			sip_agent_free(tc->agent);
			case_free(tc);
			return FALSE;
		}
	} else if (tc->baresip) {
		if (!baresip) {
			printf("SKIP %s: no baresip\n", tc->name);
			sip_agent_free(tc->agent);
			case_free(tc);
			return TRUE;
		}
		if (!start_baresip(tc, baresip, outdir)) {
			fprintf(stderr, "%s: baresip did not start\n",
				tc->name);
			sip_agent_free(tc->agent);
			case_free(tc);
			return FALSE;
		}
		/* only our events judge this case */
		tc->sipp_exited = TRUE;
	} else if (!start_sipp(tc, sipp, srcdir, outdir)) {
		fprintf(stderr, "%s: SIPp did not start\n", tc->name);
		sip_agent_free(tc->agent);
		case_free(tc);
		return FALSE;
	}
	if (!tc->sipp_calls_us && !tc->registrar &&
	    !(tc->agent = start_agent(tc)))
		tc->failed = TRUE;
	if (!tc->sipp_calls_us && !tc->registrar && !tc->no_call && !tc->failed)
		place_call(tc);
	if (tc->stall_sipp_ms && tc->sipp_pid && !tc->failed) {
		/* The INVITE and its retransmissions wait in SIPp's socket. */
		GSource *resume = g_timeout_source_new(tc->stall_sipp_ms);

		kill(tc->sipp_pid, SIGSTOP);
		g_source_set_callback(resume, resume_sipp, tc, NULL);
		g_source_attach(resume, tc->ctx);
		g_source_unref(resume);
	}

	GSource *timer = g_timeout_source_new_seconds(45);
	g_source_set_callback(timer, on_timeout, tc, NULL);
	g_source_attach(timer, tc->ctx);
	if (!tc->failed)
		g_main_loop_run(tc->loop);
	g_source_destroy(timer);
	g_source_unref(timer);

	if (tc->free_in_call && tc->agent) {
		sip_agent_free(tc->agent);
		tc->agent = NULL;
		if (!tc->sipp_exited && !tc->failed) {
			/* SIPp still has to see our BYE and end */
			timer = g_timeout_source_new_seconds(45);
			g_source_set_callback(timer, on_timeout, tc, NULL);
			g_source_attach(timer, tc->ctx);
			g_main_loop_run(tc->loop);
			g_source_destroy(timer);
			g_source_unref(timer);
		}
	}
	if (tc->baresip && tc->sipp_pid) {
		kill(tc->sipp_pid, SIGTERM);
		waitpid(tc->sipp_pid, NULL, 0);
	} else if (tc->sipp_pid && !tc->sipp_exited) {
		kill(tc->sipp_pid, SIGTERM);
		kill(tc->sipp_pid, SIGCONT); /* if the case stalled it */
		tc->sipp_status = -1;
	}
	if (tc->agent && !tc->shut_down) {
		sip_agent_shutdown(tc->agent, shutdown_done, tc->loop);
		g_main_loop_run(tc->loop);
	}
	sip_agent_free(tc->agent);

	g_autofree char *unexpected =
		tc->baresip ? NULL : unexpected_not_retransmission(tc, outdir);
	if (unexpected)
		printf("  SIPp got an unexpected message, no retransmission: "
		       "%s\n",
		       unexpected);
	gboolean ok = !tc->failed && tc->sipp_status == 0 && !unexpected &&
		      log_matches(tc->log->str, tc->expect) &&
		      !(tc->no_call && tc->log->len > 0);
	printf("%s %s: sipp=%d events: %s\n", ok ? "PASS" : "FAIL", tc->name,
	       tc->sipp_status, tc->log->str);
	if (!ok) {
		printf("  expected (in order): %s\n  timed:%s\n"
		       "  SIP trace: %s/%s.msg\n",
		       tc->expect, tc->timed->str, outdir, tc->name);
		if (!tc->baresip)
			print_sipp_trace(tc, outdir);
	}
	case_free(tc);
	return ok;
}

static tcase cases[] = {
	{.name = "answered",
	 .scenario = "uas_answer",
	 .sipp_calls_us = FALSE,
	 .expect = "state:RINGING state:CONNECTED invite:200 hangup:200 "
		   "released:LOCAL",
	 .step = step_answer_then_bye},
	{.name = "busy",
	 .scenario = "uas_busy",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:486 released:FAILED",
	 .step = NULL},
	{.name = "hold_retrieve",
	 .scenario = "uas_hold",
	 .sipp_calls_us = FALSE,
	 .expect =
		 "invite:200 state:HELD hold:200 state:CONNECTED retrieve:200 "
		 "hangup:200 released:LOCAL",
	 .step = step_hold},
	{.name = "refer",
	 .scenario = "uas_refer",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:200 refer:200 hangup:200 released:TRANSFERRED",
	 .step = step_refer},
	{.name = "refer_sipfrag_486",
	 .scenario = "uas_refer_fail",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:200 refer:486 hangup:200 released:LOCAL",
	 .step = step_refer},
	{.name = "glare_491_retry",
	 .scenario = "uas_glare",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:200 state:HELD hold:200 hangup:200 released:LOCAL",
	 .step = step_glare},
	{.name = "glare_491_twice",
	 .scenario = "uas_glare_twice",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:200 hold:491 hangup:200 released:LOCAL",
	 .step = step_hold},
	{.name = "auth_401",
	 .scenario = "uas_auth",
	 .sipp_calls_us = FALSE,
	 .expect = "state:CONNECTED invite:200 hangup:200 released:LOCAL",
	 .step = step_answer_then_bye},
	{.name = "cancel",
	 .scenario = "uas_cancel",
	 .sipp_calls_us = FALSE,
	 .expect = "state:RINGING hangup:200 invite:487 released:LOCAL",
	 .step = step_cancel},
	{.name = "remote_bye",
	 .scenario = "uas_remote_bye",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:200 released:REMOTE",
	 .step = NULL},
	{.name = "remote_bye_during_hold",
	 .scenario = "uas_bye_during_hold",
	 .sipp_calls_us = FALSE,
	 .expect = "invite:200 hold:481L released:REMOTE",
	 .step = step_bye_during_hold},
	{.name = "inbound_accept",
	 .scenario = "uac_inbound",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-accept state:CONNECTED accept:200 "
		   "released:REMOTE",
	 .step = NULL},
	{.name = "inbound_reject",
	 .scenario = "uac_reject",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-reject released:LOCAL",
	 .step = NULL},
	{.name = "inbound_remote_hold",
	 .scenario = "uac_remote_hold",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-hold accept:200 released:REMOTE "
		   "remote-held"},
	{.name = "attended_transfer_replaces",
	 .scenario = "uas_refer_replaces",
	 .sipp_calls = 2,
	 .want_released = 2,
	 .expect = "invite:200 invite2:200 refer:200 released:TRANSFERRED",
	 .step = step_replaces},
	/* The same with SIPp stalled 700 ms (as a loaded machine does): our
	 * INVITE is retransmitted twice (T1 200 ms) before SIPp reads it.
	 * SIPp used to abort the call on the second copy, and the REFER
	 * then timed out (refer:408L). */
	{.name = "attended_transfer_sipp_stalled",
	 .scenario = "uas_refer_replaces",
	 .sipp_calls = 2,
	 .want_released = 2,
	 .stall_sipp_ms = 700,
	 .expect = "invite:200 invite2:200 refer:200 released:TRANSFERRED",
	 .step = step_replaces},
	{.name = "auth_401_twice",
	 .scenario = "uas_auth_twice",
	 .expect = "invite:401 released:FAILED"},
	{.name = "reinvite_timeout_408",
	 .scenario = "uas_reinvite_timeout",
	 .tx_timeout = "2000",
	 .expect = "invite:200 hold:408L released:FAILED",
	 .step = step_bye_during_hold},
	{.name = "inbound_cancel",
	 .scenario = "uac_cancel",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-wait released:REMOTE"},
	{.name = "inbound_held_then_hold_inactive",
	 .scenario = "uac_held_then_hold",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-hold-both accept:200 state:HELD hold:200 "
		   "hangup:200 released:LOCAL remote-held",
	 .step = step_hold_after_accept},
	{.name = "inbound_offer_without_audio",
	 .scenario = "uac_bad_offer",
	 .sipp_calls_us = TRUE,
	 .no_call = TRUE,
	 .expect = ""},
	{.name = "inbound_garbage_sdp",
	 .scenario = "uac_garbage_sdp",
	 .sipp_calls_us = TRUE,
	 .no_call = TRUE,
	 .expect = ""},
	{.name = "inbound_nontoken_sdp",
	 .scenario = "uac_nontoken_sdp",
	 .sipp_calls_us = TRUE,
	 .no_call = TRUE,
	 .expect = ""},
	{.name = "outbound_proxy_identity_headers",
	 .scenario = "uas_proxy_identity",
	 .via_proxy = TRUE,
	 .expect = "invite:200 hangup:200 released:LOCAL",
	 .step = step_answer_then_bye},
	{.name = "tcp_outbound",
	 .scenario = "uas_hold",
	 .tcp = TRUE,
	 .expect =
		 "invite:200 state:HELD hold:200 state:CONNECTED retrieve:200 "
		 "hangup:200 released:LOCAL",
	 .step = step_hold},
	{.name = "tcp_inbound",
	 .scenario = "uac_inbound",
	 .sipp_calls_us = TRUE,
	 .tcp = TRUE,
	 .expect = "incoming:inbound-accept accept:200 released:REMOTE"},
	{.name = "shutdown_releases_calls",
	 .scenario = "uas_answer",
	 .shutdown_in_case = TRUE,
	 .expect = "invite:200 released:LOCAL shutdown-done",
	 .step = step_shutdown},
	{.name = "hostile_requests",
	 .scenario = "uac_hostile",
	 .sipp_calls_us = TRUE,
	 .no_call = TRUE,
	 .expect = ""},
	{.name = "invite_no_response_408",
	 .scenario = "uas_silent",
	 .tx_timeout = "2000",
	 .expect = "invite:408L released:FAILED"},
	{.name = "inbound_glare_491_retry",
	 .scenario = "uac_glare",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-glare accept:200 state:HELD hold:200 "
		   "hangup:200 released:LOCAL",
	 .step = step_hold_after_accept},
	{.name = "proxy_auth_407",
	 .scenario = "uas_proxy_auth",
	 .expect = "state:CONNECTED invite:200 hangup:200 released:LOCAL",
	 .step = step_answer_then_bye},
	{.name = "hold_refused_488",
	 .scenario = "uas_hold_refused",
	 .expect = "invite:200 hold:488 hangup:200 released:LOCAL",
	 .step = step_hold},
	{.name = "refer_rejected_603",
	 .scenario = "uas_refer_rejected",
	 .expect = "invite:200 refer:603 hangup:200 released:LOCAL",
	 .step = step_refer},
	{.name = "cancel_before_provisional",
	 .scenario = "uas_cancel_early",
	 .hangup_at_once = TRUE,
	 .expect = "hangup:200 invite:487 released:LOCAL"},
	{.name = "inbound_offerless_reinvite",
	 .scenario = "uac_offerless_reinvite",
	 .sipp_calls_us = TRUE,
	 .expect = "incoming:inbound-offerless accept:200 released:REMOTE "
		   "remote-held"},
	{.name = "free_with_live_call",
	 .scenario = "uas_answer",
	 .free_in_call = TRUE,
	 .expect = "invite:200 released:LOCAL",
	 .step = step_free},
	{.name = "register_auth_401",
	 .scenario = "uas_register_auth",
	 .registrar = TRUE,
	 .shutdown_in_case = TRUE,
	 .expect = "reg:REGISTERED:200 reg:UNREGISTERED:200 shutdown-done",
	 .step = step_registered_shutdown},
	{.name = "register_forbidden_403_retried",
	 .scenario = "uas_register_forbidden",
	 .registrar = TRUE,
	 .sipp_calls = 2,
	 .reg_retry = "1",
	 .want_reg_failed = 2,
	 .expect = "reg:FAILED:403 reg:FAILED:403"},
	{.name = "register_401_twice",
	 .scenario = "uas_register_auth_twice",
	 .registrar = TRUE,
	 .want_reg_failed = 1,
	 .expect = "reg:FAILED:401"},
	{.name = "register_no_answer_408",
	 .scenario = "uas_register_silent",
	 .registrar = TRUE,
	 .tx_timeout = "2000",
	 .want_reg_failed = 1,
	 .expect = "reg:FAILED:408L"},
	{.name = "unregister_on_shutdown",
	 .scenario = "uas_register_unregister",
	 .registrar = TRUE,
	 .reg_aor = "sip:1001@pbx.test",
	 .reg_contact_user = "agent7",
	 .reg_expires = "600",
	 .shutdown_in_case = TRUE,
	 .expect = "reg:REGISTERED:200 reg:UNREGISTERED:200 shutdown-done",
	 .step = step_registered_shutdown},
	{.name = "unregister_unanswered_bounded",
	 .scenario = "uas_register_unregister_silent",
	 .registrar = TRUE,
	 .shutdown_in_case = TRUE,
	 .expect = "reg:REGISTERED:200 reg:UNREGISTERED:408L shutdown-done",
	 .step = step_registered_shutdown},
	{.name = "baresip_hold_retrieve",
	 .baresip = TRUE,
	 .expect =
		 "invite:200 state:HELD hold:200 state:CONNECTED retrieve:200 "
		 "hangup:200 released:LOCAL",
	 .step = step_hold},
};

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *sipp = g_getenv("SIPP");
	g_autofree char *found = NULL;
	if (!sipp || !*sipp)
		sipp = found = g_find_program_in_path("sipp");
	if (!sipp) {
		printf("SKIP: no SIPp (set SIPP or put sipp on PATH)\n");
		return 77;
	}
	const char *baresip = g_getenv("BARESIP");
	g_autofree char *baresip_found = NULL;
	if (!baresip || !*baresip)
		baresip = baresip_found = g_find_program_in_path("baresip");
	const char *srcdir = g_getenv("top_srcdir");
	const char *builddir = g_getenv("top_builddir");
	g_autofree char *outdir =
		g_strdup_printf("%s/tests/out/sip", builddir ? builddir : ".");
	g_mkdir_with_parents(outdir, 0755);
	if (!srcdir)
		srcdir = ".";

	int failed = 0, run = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		gboolean wanted = argc < 2;
		for (int a = 1; a < argc; a++)
			wanted = wanted || !strcmp(argv[a], cases[i].name);
		if (!wanted)
			continue;
		run++;
		if (!run_case(&cases[i], sipp, baresip, srcdir, outdir))
			failed++;
	}
	printf("%d/%d SIP agent cases passed\n", run - failed, run);
	return failed ? 1 : 0;
}
