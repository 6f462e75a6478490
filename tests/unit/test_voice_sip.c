/*
 * The voice module over the real SIP agent, against SIPp on loopback. The
 * interpreter is the fake one (voice_fake_scxml.c): each case executes
 * actions as a flow would and reacts to the events the module posts. A case
 * passes when the events seen match the expected list (in order) and SIPp,
 * playing the peer with a scenario of tests/sip_agent/ (which checks what we
 * sent), exits with 0.
 *
 * Usage: test_voice_sip [case…]   (no argument: every case)
 * Exit 77 (skip) without SIPp. SIPp's message trace of each case is kept in
 * $top_builddir/tests/out/voice/<case>.msg.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>

#include "src/voice_priv.h"
#include "tests/unit/voice_fakes.h"

/* Sanitizer builds: the bye_during_hold case meets a leak of sofia-sip
 * 1.12 itself — a client request (our hold re-INVITE) whose dialog the
 * peer's BYE ended before its response is never freed. The same
 * suppression as the agent's own test; the slow unwind lets it see past
 * sofia's frames (built without frame pointers). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:nua_client_request_template\n"
	       "leak:send_reinvite\n";
}

const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

typedef struct vcase vcase;

/* One SIPp instance playing one peer. */
typedef struct peer {
	vcase *vc;
	guint port;
	GPid pid;
	gboolean running, done;
	int status;
} peer;

struct vcase {
	const char *name;
	const char *scenario;
	const char *scenario2; /* a second peer (consultation), or NULL */
	gboolean sipp_calls_us;
	const char *conf;    /* configuration text, or NULL */
	const char *timeout; /* createcall's timeout attribute, or NULL */
	const char *user;    /* createcall's user part (default "peer") */
	int calls;	     /* SIPp -m (default 1) */
	/* Events that must be seen, in this order ("name" or
	 * "name:error" / "interaction.deleted:cause"); one marked "~" may
	 * come anywhere (it races with another peer's messages). */
	const char *expect;
	/* Reacts to the i-th event. */
	void (*step)(vcase *vc, guint i, const char *name);

	scxml_engine *engine;
	voice_module *vm;
	scxml_session *s;
	GMainLoop *loop;
	GString *seen;
	guint handled;
	char *call; /* JSON string of the current interactionid */
	char *held; /* JSON string of the held interactionid */
	int done;   /* createcalls done so far */
	peer peers[2];
};

static void exec(vcase *vc, const char *element, ...) G_GNUC_NULL_TERMINATED;

/* Executes element with (attr, json) pairs plus interactionid = the call. */
static void exec(vcase *vc, const char *element, ...)
{
	const char *a[8] = {0};
	va_list ap;
	int n = 0;

	va_start(ap, element);
	while (n < 6 && (a[n] = va_arg(ap, const char *)))
		n++;
	va_end(ap);
	fake_exec(vc->engine, vc->s, NULL, element, "interactionid", vc->call,
		  a[0], a[1], a[2], a[3], a[4], a[5], NULL);
}

static const char *ev_str(vcase *vc, guint i, const char *member)
{
	return fake_event_str(vc->s, i, member);
}

static void remember_call(vcase *vc, guint i)
{
	g_free(vc->call);
	vc->call = g_strdup_printf("\"%s\"", ev_str(vc, i, "interactionid"));
}

static void createcall(vcase *vc, const char *timeout)
{
	char *to = g_strdup_printf("\"sip:%s@127.0.0.1:%u\"",
				   vc->user ? vc->user : "peer",
				   vc->peers[0].port);

	fake_exec(vc->engine, vc->s, NULL, "createcall", "requestid", "",
		  "from", "\"sip:flow@127.0.0.1\"", "to", to,
		  timeout ? "timeout" : NULL, timeout, NULL);
	g_free(to);
}

/* ---- the cases' scripts ------------------------------------------------- */

static void step_answer(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		exec(vc, "terminate", NULL);
	}
}

static void step_nothing(vcase *vc, guint i, const char *name)
{
}

static void step_hold(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		exec(vc, "hold", NULL);
	} else if (!strcmp(name, "voice.hold.done")) {
		exec(vc, "retrieve", NULL);
	} else if (!strcmp(name, "voice.retrieve.done")) {
		exec(vc, "terminate", NULL);
	}
}

static void step_transfer(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		exec(vc, "transfer", "to", "\"sip:target@example.com\"", NULL);
	} else if (!strcmp(name, "error.voice.transfer")) {
		exec(vc, "terminate", NULL);
	}
}

static void step_hold_then_bye(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		exec(vc, "hold", NULL);
	} else if (!strcmp(name, "voice.hold.done") ||
		   !strcmp(name, "error.voice.hold")) {
		exec(vc, "terminate", NULL);
	}
}

static void step_hold_only(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		exec(vc, "hold", NULL);
	}
}

static void step_inbound(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "interaction.added")) {
		remember_call(vc, i);
		exec(vc, "accept", NULL);
	}
}

/* Two calls to the same peer, one after the other, then a two-step
 * transfer of the first to the second. */
static void step_two_step(vcase *vc, guint i, const char *name)
{
	char *consult;

	if (strcmp(name, "voice.createcall.done"))
		return;
	if (++vc->done == 1) {
		remember_call(vc, i);
		createcall(vc, NULL);
		return;
	}
	consult = g_strdup_printf("\"%s\"", ev_str(vc, i, "interactionid"));
	exec(vc, "transfer", "consultinteractionid", consult, NULL);
	g_free(consult);
}

static void consult(vcase *vc)
{
	char *to = g_strdup_printf("\"sip:consult@127.0.0.1:%u\"",
				   vc->peers[1].port);

	exec(vc, "consultation", "to", to, NULL);
	g_free(to);
}

/* A: hold, consult B, reconnect (BYE B, retrieve A), terminate A. */
static void step_consult_reconnect(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		consult(vc);
	} else if (!strcmp(name, "voice.consultation.done")) {
		g_free(vc->held);
		vc->held = vc->call;
		vc->call = NULL;
		remember_call(vc, i);
		exec(vc, "reconnect", NULL);
	} else if (!strcmp(name, "voice.reconnect.done")) {
		remember_call(vc, i);
		exec(vc, "terminate", NULL);
	}
}

/* A: hold, consult B, alternate (B held after a glare, A retrieved), then
 * both terminated. */
static void step_consult_alternate(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		consult(vc);
	} else if (!strcmp(name, "voice.consultation.done")) {
		g_free(vc->held);
		vc->held = vc->call;
		vc->call = NULL;
		remember_call(vc, i);
		/* heldinteractionid left out: A is the only held call */
		exec(vc, "alternate", NULL);
	} else if (!strcmp(name, "voice.alternate.done")) {
		exec(vc, "terminate", NULL);
		fake_exec(vc->engine, vc->s, NULL, "terminate", "interactionid",
			  vc->held, NULL);
	}
}

/* A: hold, consult B (busy), A retrieved by the action, terminate A. */
static void step_consult_busy(vcase *vc, guint i, const char *name)
{
	if (!strcmp(name, "voice.createcall.done")) {
		remember_call(vc, i);
		consult(vc);
	} else if (!strcmp(name, "error.voice.consultation")) {
		exec(vc, "terminate", NULL);
	}
}

static vcase cases[] = {
	{.name = "answer",
	 .scenario = "uas_answer",
	 .sipp_calls_us = FALSE,
	 .expect = "voice.createcall.done interaction.terminate.done "
		   "interaction.deleted:local",
	 .step = step_answer},
	{.name = "busy",
	 .scenario = "uas_busy",
	 .sipp_calls_us = FALSE,
	 .expect = "error.voice.createcall:busy interaction.deleted:failed",
	 .step = step_nothing},
	{.name = "redirect",
	 .scenario = "uas_redirect",
	 .user = "moved",
	 .conf = "[voice]\nfollow-redirects = true\n",
	 .expect = "voice.createcall.done interaction.terminate.done "
		   "interaction.deleted:local",
	 .step = step_answer},
	{.name = "redirect_not_followed",
	 .scenario = "uas_redirect_once",
	 .user = "moved",
	 .expect = "error.voice.createcall:unknown interaction.deleted:failed",
	 .step = step_nothing},
	{.name = "no_answer",
	 .scenario = "uas_cancel",
	 .timeout = "\"500ms\"",
	 .expect = "error.voice.createcall:timeout interaction.deleted:failed",
	 .step = step_nothing},
	{.name = "hold",
	 .scenario = "uas_hold",
	 .sipp_calls_us = FALSE,
	 .expect = "voice.createcall.done voice.hold.done voice.retrieve.done "
		   "interaction.terminate.done interaction.deleted:local",
	 .step = step_hold},
	{.name = "transfer",
	 .scenario = "uas_refer",
	 .sipp_calls_us = FALSE,
	 .expect = "voice.createcall.done voice.transfer.done "
		   "interaction.deleted:transferred",
	 .step = step_transfer},
	{.name = "transfer_busy",
	 .scenario = "uas_refer_fail",
	 .sipp_calls_us = FALSE,
	 .expect = "voice.createcall.done error.voice.transfer:busy "
		   "interaction.terminate.done interaction.deleted:local",
	 .step = step_transfer},
	{.name = "bye_during_hold",
	 .scenario = "uas_bye_during_hold",
	 .sipp_calls_us = FALSE,
	 .expect = "voice.createcall.done error.voice.hold:invalidinteraction "
		   "interaction.deleted:remote",
	 .step = step_hold_only},
	{.name = "glare",
	 .scenario = "uas_glare",
	 .expect = "voice.createcall.done voice.hold.done "
		   "interaction.terminate.done interaction.deleted:local",
	 .step = step_hold_then_bye},
	{.name = "glare_twice",
	 .scenario = "uas_glare_twice",
	 .expect = "voice.createcall.done error.voice.hold:unknown "
		   "interaction.terminate.done interaction.deleted:local",
	 .step = step_hold_then_bye},
	{.name = "remote_bye",
	 .scenario = "uas_remote_bye",
	 .expect = "voice.createcall.done interaction.deleted:remote",
	 .step = step_nothing},
	{.name = "auth",
	 .scenario = "uas_auth",
	 .conf = "[auth]\nuser = alice\npassword = secret\n",
	 .expect = "voice.createcall.done interaction.terminate.done "
		   "interaction.deleted:local",
	 .step = step_answer},
	{.name = "auth_twice",
	 .scenario = "uas_auth_twice",
	 .conf = "[auth]\nuser = alice\npassword = secret\n",
	 .expect = "error.voice.createcall:invalidsource "
		   "interaction.deleted:failed",
	 .step = step_nothing},
	{.name = "silent",
	 .scenario = "uas_silent",
	 .conf = "[sip]\nt1 = 100\ntransaction-timeout = 1500\n",
	 .expect = "error.voice.createcall:timeout interaction.deleted:failed",
	 .step = step_nothing},
	{.name = "reinvite_timeout",
	 .scenario = "uas_reinvite_timeout",
	 .conf = "[sip]\nt1 = 100\ntransaction-timeout = 1500\n",
	 .expect = "voice.createcall.done error.voice.hold:timeout "
		   "interaction.deleted:failed",
	 .step = step_hold_only},
	{.name = "transfer_two_step",
	 .scenario = "uas_refer_replaces",
	 .calls = 2,
	 .expect = "voice.createcall.done voice.createcall.done "
		   "voice.transfer.done ~interaction.deleted:transferred "
		   "~interaction.deleted:transferred",
	 .step = step_two_step},
	{.name = "inbound_cancelled",
	 .scenario = "uac_cancel",
	 .sipp_calls_us = TRUE,
	 .expect = "interaction.added interaction.deleted:remote",
	 .step = step_nothing},
	{.name = "consult_reconnect",
	 .scenario = "uas_hold",
	 .scenario2 = "uas_answer",
	 .expect = "voice.createcall.done voice.consultation.done "
		   "~interaction.deleted:local voice.reconnect.done "
		   "interaction.terminate.done interaction.deleted:local",
	 .step = step_consult_reconnect},
	{.name = "consult_alternate",
	 .scenario = "uas_hold",
	 .scenario2 = "uas_glare",
	 .expect = "voice.createcall.done voice.consultation.done "
		   "voice.alternate.done ~interaction.terminate.done "
		   "~interaction.terminate.done ~interaction.deleted:local "
		   "~interaction.deleted:local",
	 .step = step_consult_alternate},
	{.name = "consult_busy",
	 .scenario = "uas_hold",
	 .scenario2 = "uas_busy",
	 .expect = "voice.createcall.done ~interaction.deleted:failed "
		   "error.voice.consultation:busy interaction.terminate.done "
		   "interaction.deleted:local",
	 .step = step_consult_busy},
	{.name = "inbound",
	 .scenario = "uac_inbound",
	 .sipp_calls_us = TRUE,
	 .expect = "interaction.added interaction.accept.done "
		   "interaction.deleted:remote",
	 .step = step_inbound},
};

/* ---- harness --------------------------------------------------------------
 */

static guint free_udp_port(void)
{
	GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	GSocketAddress *sa = g_inet_socket_address_new(lo, 0);
	GSocket *sock =
		g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
			     G_SOCKET_PROTOCOL_DEFAULT, NULL);
	guint port = 0;

	if (sock && g_socket_bind(sock, sa, FALSE, NULL)) {
		GSocketAddress *local = g_socket_get_local_address(sock, NULL);

		port = g_inet_socket_address_get_port(
			G_INET_SOCKET_ADDRESS(local));
		g_object_unref(local);
	}
	g_clear_object(&sock);
	g_object_unref(sa);
	g_object_unref(lo);
	return port;
}

/* SIPp has bound its port when we no longer can. On a loaded machine its
 * start can take seconds: wait up to 30 s, or until it exited. */
static void wait_bound(peer *p)
{
	GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	GSocketAddress *sa = g_inet_socket_address_new(lo, p->port);
	gint64 until = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;

	while (g_get_monotonic_time() < until) {
		GSocket *sock = g_socket_new(G_SOCKET_FAMILY_IPV4,
					     G_SOCKET_TYPE_DATAGRAM,
					     G_SOCKET_PROTOCOL_DEFAULT, NULL);
		gboolean bound = !sock || !g_socket_bind(sock, sa, FALSE, NULL);

		g_clear_object(&sock);
		/* the child watch runs here: a SIPp that died sets done */
		while (g_main_context_iteration(NULL, FALSE))
			;
		if (bound || p->done)
			break;
		g_usleep(10 * 1000);
	}
	g_object_unref(sa);
	g_object_unref(lo);
}

static void describe(vcase *vc, guint i)
{
	const char *name = fake_event_name(vc->s, i);
	const char *detail = ev_str(vc, i, "error");

	if (!detail && !strcmp(name, "interaction.deleted"))
		detail = ev_str(vc, i, "cause");
	if (vc->seen->len)
		g_string_append_c(vc->seen, ' ');
	g_string_append(vc->seen, name);
	if (detail)
		g_string_append_printf(vc->seen, ":%s", detail);
}

/* seen matches expect: the "~" events once anywhere, the others in
 * order, nothing else. */
static gboolean events_match(const char *expect, const char *seen)
{
	char **want = g_strsplit(expect, " ", -1);
	char **got = g_strsplit(seen, " ", -1);
	GPtrArray *rest = g_ptr_array_new();
	gboolean ok = TRUE;
	guint k = 0;

	for (char **g = got; *g; g++)
		g_ptr_array_add(rest, *g);
	for (char **w = want; *w && ok; w++) {
		if (**w != '~')
			continue;
		ok = FALSE;
		for (guint i = 0; i < rest->len && !ok; i++)
			if (!strcmp(rest->pdata[i], *w + 1)) {
				g_ptr_array_remove_index(rest, i);
				ok = TRUE;
			}
	}
	for (char **w = want; *w && ok; w++) {
		if (**w == '~')
			continue;
		ok = k < rest->len && !strcmp(rest->pdata[k], *w);
		k++;
	}
	ok = ok && k == rest->len;
	g_ptr_array_unref(rest);
	g_strfreev(want);
	g_strfreev(got);
	return ok;
}

static gboolean poll_events(gpointer ud)
{
	vcase *vc = ud;

	while (vc->handled < fake_event_count(vc->s)) {
		guint i = vc->handled++;

		describe(vc, i);
		vc->step(vc, i, fake_event_name(vc->s, i));
	}
	if (vc->peers[0].done && (!vc->scenario2 || vc->peers[1].done) &&
	    events_match(vc->expect, vc->seen->str))
		g_main_loop_quit(vc->loop);
	return G_SOURCE_CONTINUE;
}

static void on_sipp_exit(GPid pid, gint status, gpointer ud)
{
	peer *p = ud;

	p->done = TRUE;
	p->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	g_spawn_close_pid(pid);
}

static gboolean give_up(gpointer ud)
{
	vcase *vc = ud;

	g_string_append(vc->seen, " TIMEOUT");
	g_main_loop_quit(vc->loop);
	return G_SOURCE_REMOVE;
}

static gboolean start_sipp(vcase *vc, peer *p, const char *scenario,
			   const char *sipp, const char *srcdir,
			   const char *outdir)
{
	char *scen = g_strdup_printf("%s/tests/sip_agent/%s.xml", srcdir, scenario);
	char *msgs =
		g_strdup_printf("%s/%s-%s.msg", outdir, vc->name, scenario);
	char *port, *calls = g_strdup_printf("%d", vc->calls ? vc->calls : 1);
	const char *contact = sip_agent_contact(vc->vm->agent) + 4;
	GError *err = NULL;
	gboolean ok;

	p->vc = vc;
	p->port = free_udp_port();
	port = g_strdup_printf("%u", p->port);
	{
		const char *argv[] = {sipp,
				      "-sf",
				      scen,
				      "-i",
				      "127.0.0.1",
				      "-p",
				      port,
				      "-m",
				      calls,
				      "-timeout",
				      "20s",
				      "-timeout_error",
				      "-nostdin",
				      "-trace_msg",
				      "-message_file",
				      msgs,
				      "-s",
				      "flow",
				      vc->sipp_calls_us ? contact : NULL,
				      NULL};

		ok = g_spawn_async(NULL, (char **)argv, NULL,
				   G_SPAWN_DO_NOT_REAP_CHILD |
					   G_SPAWN_STDOUT_TO_DEV_NULL |
					   G_SPAWN_STDERR_TO_DEV_NULL,
				   NULL, NULL, &p->pid, &err);
	}
	if (!ok) {
		fprintf(stderr, "cannot start SIPp: %s\n", err->message);
		g_error_free(err);
	} else {
		p->running = TRUE;
		g_child_watch_add(p->pid, on_sipp_exit, p);
	}
	g_free(scen);
	g_free(msgs);
	g_free(port);
	g_free(calls);
	return ok;
}

static void shutdown_done(void *ud)
{
	*(gboolean *)ud = TRUE;
}

static gboolean run_case(vcase *vc, const char *sipp, const char *srcdir,
			 const char *outdir)
{
	GError *err = NULL;
	guint poller, limit;
	gboolean pass, down = FALSE;
	GKeyFile *kf;

	vc->seen = g_string_new(NULL);
	vc->loop = g_main_loop_new(NULL, FALSE);
	vc->engine = fake_engine_new();
	kf = g_key_file_new();
	if (vc->conf)
		g_key_file_load_from_data(kf, vc->conf, -1, 0, NULL);
	vc->vm = voice_module_new(vc->engine, kf, &err);
	g_key_file_unref(kf);
	if (!vc->vm ||
	    voice_module_start_sip(vc->vm, "127.0.0.1:0", &err) < 0) {
		fprintf(stderr, "%s: %s\n", vc->name, err->message);
		return FALSE;
	}
	vc->s = fake_session_new();
	voice_module_attach_session(vc->vm, vc->s);
	if (!start_sipp(vc, &vc->peers[0], vc->scenario, sipp, srcdir,
			outdir) ||
	    (vc->scenario2 && !start_sipp(vc, &vc->peers[1], vc->scenario2,
					  sipp, srcdir, outdir)))
		return FALSE;
	/* Let SIPp bind before we call it. */
	wait_bound(&vc->peers[0]);
	if (vc->scenario2)
		wait_bound(&vc->peers[1]);
	if (!vc->sipp_calls_us) {
		createcall(vc, vc->timeout);
	}
	poller = g_timeout_add(5, poll_events, vc);
	limit = g_timeout_add_seconds(25, give_up, vc);
	g_main_loop_run(vc->loop);
	g_source_remove(poller);
	g_source_remove(limit);
	pass = events_match(vc->expect, vc->seen->str);
	for (int i = 0; i < 2; i++) {
		peer *p = &vc->peers[i];

		if (!p->running)
			continue;
		if (!p->done) {
			kill(p->pid, SIGTERM);
			while (!p->done)
				g_main_context_iteration(NULL, TRUE);
		}
		pass = pass && p->status == 0;
	}
	printf("%s %s: sipp=%d,%d events: %s\n", pass ? "PASS" : "FAIL",
	       vc->name, vc->peers[0].status, vc->peers[1].status,
	       vc->seen->str);
	if (!pass)
		printf("     expected: %s\n", vc->expect);
	fake_session_free(vc->s);
	voice_module_shutdown(vc->vm, shutdown_done, &down);
	while (!down)
		g_main_context_iteration(NULL, TRUE);
	voice_module_free(vc->vm);
	fake_engine_free(vc->engine);
	g_main_loop_unref(vc->loop);
	g_string_free(vc->seen, TRUE);
	g_free(vc->call);
	g_free(vc->held);
	return pass;
}

int main(int argc, char **argv)
{
	char *sipp = g_strdup(g_getenv("SIPP"));
	const char *srcdir = g_getenv("top_srcdir");
	const char *builddir = g_getenv("top_builddir");
	char *outdir;
	int failed = 0, ran = 0;

	if (!sipp || !*sipp) {
		g_free(sipp);
		sipp = g_find_program_in_path("sipp");
	}
	if (!sipp) {
		printf("SKIP: no SIPp\n");
		return 77;
	}
	outdir = g_strdup_printf("%s/tests/out/voice",
				 builddir ? builddir : ".");
	g_mkdir_with_parents(outdir, 0755);
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		gboolean wanted = argc < 2;

		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], cases[i].name);
		if (!wanted)
			continue;
		ran++;
		if (!run_case(&cases[i], sipp, srcdir ? srcdir : ".", outdir))
			failed++;
	}
	printf("%d of %d cases passed\n", ran - failed, ran);
	g_free(outdir);
	g_free(sipp);
	return failed ? 1 : 0;
}
