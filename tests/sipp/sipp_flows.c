/*
 * Call flows end to end: `sipscxml run` executes a flow document of
 * tests/sipp/flows/ (or the demo) against SIPp instances playing the remote
 * parties on loopback. A case passes when
 *   - every SIPp exits 0: its scenario saw the messages it expects, with
 *     its regex checks on them (a=sendonly in a hold, Replaces in a
 *     Refer-To, ...), and nothing else;
 *   - sipscxml exits 0 in the expected final state: the flow itself checks
 *     each result event's requestid against the one it stored, its
 *     interactionid and its error value, and goes to "fail" otherwise;
 *   - the JSON event log holds the expected voice / interaction events in
 *     order, each result event with a requestid and an interactionid.
 *
 * Usage: sipp_flows [case...]   (no argument: every case). Exit 77 without
 * SIPp. Logs of each case: $top_builddir/tests/out/sipp/<case>.*
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#define MAX_PEERS 3

typedef struct peer_spec {
	const char *scenario; /* file name without .xml; "baresip": the real
				 phone, auto-answering; "kamailio": the
				 outbound proxy of the flow; "uac_...": a
				 SIPp that calls us once we listen */
	const char *define;   /* data item that gets the peer's URI */
	const char *user;     /* user part of that URI */
	int calls;	      /* SIPp -m (default 1) */
	const char *key[4];   /* -key name value pairs */
} peer_spec;

typedef struct flow_case {
	const char *name;
	const char *doc; /* relative to top_srcdir */
	peer_spec peers[MAX_PEERS];
	const char *defines[4]; /* NAME=VALUE */
	const char *conf;	/* configuration text, or NULL */
	/* Voice and interaction events in order: "name", "name:error" for
	 * errors, "interaction.deleted:cause"; a leading ~ lets one come
	 * anywhere (it races with another party's messages). */
	const char *expect;
	const char *final; /* default "pass" */
} flow_case;

#define FLOW(f) "tests/sipp/flows/" f ".scxml"
#define PEER(scen) {scen, "peer", "peer", 1, {NULL}}

static const flow_case cases[] = {
	{"createcall_answered", FLOW("createcall_ok"), {PEER("uas_answer")},
	 {NULL}, NULL,
	 "voice.createcall.done interaction.terminate.done "
	 "interaction.deleted:local",
	 NULL},
	{"release_on_exit", FLOW("release_on_exit"), {PEER("uas_answer")},
	 {NULL}, NULL, "voice.createcall.done", NULL},
	{"createcall_busy", FLOW("createcall_fails"), {PEER("uas_busy")},
	 {"want=busy"}, NULL,
	 "error.voice.createcall:busy interaction.deleted:failed",
	 NULL},
	{"createcall_rejected",
	 FLOW("createcall_fails"),
	 {PEER("uas_decline")},
	 {"want=rejected"},
	 NULL,
	 "error.voice.createcall:rejected interaction.deleted:failed",
	 NULL},
	{"createcall_not_found",
	 FLOW("createcall_fails"),
	 {PEER("uas_not_found")},
	 {"want=invaliddestination"},
	 NULL,
	 "error.voice.createcall:invaliddestination interaction.deleted:failed",
	 NULL},
	/* 180, then our timeout: SIPp must see the CANCEL. */
	{"createcall_no_answer", FLOW("createcall_fails"), {PEER("uas_cancel")},
	 {"want=timeout", "timeout=1s"}, NULL,
	 "error.voice.createcall:timeout interaction.deleted:failed",
	 NULL},
	/* Nothing at all: the INVITE transaction times out. */
	{"createcall_no_response", FLOW("createcall_fails"),
	 {PEER("uas_silent")}, {"want=timeout"},
	 "[sip]\nt1 = 100\ntransaction-timeout = 1500\n",
	 "error.voice.createcall:timeout interaction.deleted:failed",
	 NULL},
	{"hold_retrieve", FLOW("hold_retrieve"), {PEER("uas_hold")}, {NULL},
	 NULL,
	 "voice.createcall.done voice.hold.done voice.retrieve.done "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	{"hold_refused", FLOW("hold_refused"), {PEER("uas_hold_refused")},
	 {NULL}, NULL,
	 "voice.createcall.done error.voice.hold:notacceptable "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	{"bye_during_hold", FLOW("bye_during_hold"),
	 {PEER("uas_bye_during_hold")}, {NULL}, NULL,
	 "voice.createcall.done error.voice.hold:invalidinteraction "
	 "interaction.deleted:remote",
	 NULL},
	{"consult_reconnect",
	 FLOW("consult_reconnect"),
	 {PEER("uas_hold"), {"uas_answer", "peer2", "agent", 1, {NULL}}},
	 {NULL},
	 NULL,
	 "voice.createcall.done voice.consultation.done "
	 "~interaction.deleted:local voice.reconnect.done "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	{"consult_busy",
	 FLOW("consult_busy"),
	 {PEER("uas_hold"), {"uas_busy", "peer2", "agent", 1, {NULL}}},
	 {NULL},
	 NULL,
	 "voice.createcall.done ~interaction.deleted:failed "
	 "error.voice.consultation:busy interaction.terminate.done "
	 "interaction.deleted:local",
	 NULL},
	{"alternate",
	 FLOW("alternate"),
	 {PEER("uas_hold"), {"uas_answer_held", "peer2", "agent", 1, {NULL}}},
	 {NULL},
	 NULL,
	 "voice.createcall.done voice.consultation.done voice.alternate.done "
	 "~interaction.terminate.done ~interaction.terminate.done "
	 "~interaction.deleted:local ~interaction.deleted:local",
	 NULL},
	{"transfer_single", FLOW("transfer_single"), {PEER("uas_refer")},
	 {NULL}, NULL,
	 "voice.createcall.done voice.transfer.done "
	 "interaction.deleted:transferred",
	 NULL},
	{"transfer_sipfrag_busy", FLOW("transfer_single"),
	 {PEER("uas_refer_fail")}, {"want=busy"}, NULL,
	 "voice.createcall.done error.voice.transfer:busy "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	/* A sipfrag 403 is the transferee's call refused (mapped as for
	 * createcall), unlike a REFER answered 403 (rejected). */
	{"transfer_sipfrag_forbidden", FLOW("transfer_single"),
	 {PEER("uas_refer_sipfrag_forbidden")}, {"want=invalidsource"}, NULL,
	 "voice.createcall.done error.voice.transfer:invalidsource "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	{"transfer_refer_rejected", FLOW("transfer_single"),
	 {PEER("uas_refer_rejected")}, {"want=rejected"}, NULL,
	 "voice.createcall.done error.voice.transfer:rejected "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	/* Two-step: the demo itself. */
	{"transfer_two_step",
	 "configs/demo/consult-transfer.scxml",
	 {{"configs/demo/customer", "customer", "customer", 1, {NULL}},
	  {"configs/demo/agent", "agent", "agent", 1, {NULL}}},
	 {NULL},
	 NULL,
	 "voice.createcall.done voice.consultation.done voice.transfer.done "
	 "~interaction.deleted:transferred ~interaction.deleted:transferred",
	 "done"},
	{"conference",
	 FLOW("conference"),
	 {{"uas_party_held_refer", "peer", "a", 1, {NULL}},
	  {"uas_party_refer", "peer2", "b", 1, {NULL}},
	  {"uas_focus", "focus", "focus", 1, {NULL}}},
	 {NULL},
	 NULL,
	 "voice.createcall.done voice.consultation.done "
	 "~interaction.deleted:transferred ~interaction.deleted:transferred "
	 "voice.conference.done interaction.terminate.done "
	 "interaction.deleted:local",
	 NULL},
	/* baresip as the phone: answers, is held and retrieved. */
	{"baresip_hold_retrieve", FLOW("hold_retrieve"), {PEER("baresip")},
	 {NULL}, NULL,
	 "voice.createcall.done voice.hold.done voice.retrieve.done "
	 "interaction.terminate.done interaction.deleted:local",
	 NULL},
	/* baresip transferred (single step) to a SIPp phone: baresip calls
	 * it, reports sipfrag 200, and hangs up when the test stops it. */
	{"baresip_transfer",
	 FLOW("transfer_single"),
	 {PEER("baresip"), {"uas_answer", "target", "target", 1, {NULL}}},
	 {NULL},
	 NULL,
	 "voice.createcall.done voice.transfer.done "
	 "interaction.deleted:transferred",
	 NULL},
	/* Through Kamailio as the outbound proxy: the INVITE and our BYE
	 * (loose routing on the recorded route) both cross it. */
	{"via_kamailio",
	 FLOW("createcall_ok"),
	 {{"kamailio", NULL, NULL, 1, {NULL}}, PEER("uas_via_proxy")},
	 {NULL},
	 NULL,
	 "voice.createcall.done interaction.terminate.done "
	 "interaction.deleted:local",
	 NULL},
	/* Inbound: SIPp calls us, the flow answers; SIPp hangs up. */
	{"inbound_accept", FLOW("inbound"), {PEER("uac_inbound")}, {NULL},
	 NULL,
	 "interaction.added interaction.accept.done interaction.deleted:remote",
	 NULL},
	/* Inbound refused with 486: SIPp checks the status. */
	{"inbound_reject", FLOW("inbound"), {PEER("uac_reject")},
	 {"reject=486"}, NULL,
	 "interaction.added interaction.reject.done interaction.deleted:local",
	 NULL},
	/* Inbound redirected: SIPp checks the 302's Contact. */
	{"inbound_redirect", FLOW("inbound"), {PEER("uac_redirected")},
	 {"redirect=sip:elsewhere@example.com"}, NULL,
	 "interaction.added interaction.redirect.done "
	 "interaction.deleted:local",
	 NULL},
	{"invalid_requests", FLOW("invalid_requests"), {PEER("uas_answer")},
	 {NULL}, NULL,
	 "voice.createcall.done error.voice.createcall:invalidrequest "
	 "error.voice.hold:invalidinteraction "
	 "error.voice.retrieve:invalidstate interaction.terminate.done "
	 "interaction.deleted:local",
	 NULL},
};

/* ---- ports and processes ------------------------------------------------- */

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

/* SIPp has bound its port once we no longer can (waits up to 5 s). */
static void wait_bound(guint port)
{
	GInetAddress *lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	GSocketAddress *sa = g_inet_socket_address_new(lo, port);

	for (int i = 0; i < 500; i++) {
		GSocket *sock = g_socket_new(G_SOCKET_FAMILY_IPV4,
					     G_SOCKET_TYPE_DATAGRAM,
					     G_SOCKET_PROTOCOL_DEFAULT, NULL);
		gboolean bound = !sock || !g_socket_bind(sock, sa, FALSE, NULL);

		g_clear_object(&sock);
		if (bound)
			break;
		g_usleep(10 * 1000);
	}
	g_object_unref(sa);
	g_object_unref(lo);
}

/* Exit status of pid, waiting at most seconds; killed (-1) after that. */
static int wait_exit(GPid pid, int seconds)
{
	int status;

	for (int i = 0; i < seconds * 100; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		g_usleep(10 * 1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* ---- baresip, the real phone (see TESTBED.md) ---------------------------- */

/* One second of 8 kHz mono 16-bit silence, the phone's microphone. */
static gboolean write_silence(const char *path)
{
	const guint32 rate = 8000, n = rate * 2;
	guint8 *wav = g_malloc0(44 + n);
	guint32 le;
	gboolean ok;

	memcpy(wav, "RIFF", 4);
	le = GUINT32_TO_LE(36 + n);
	memcpy(wav + 4, &le, 4);
	memcpy(wav + 8, "WAVEfmt ", 8);
	le = GUINT32_TO_LE(16); /* fmt chunk size */
	memcpy(wav + 16, &le, 4);
	wav[20] = 1; /* PCM */
	wav[22] = 1; /* mono */
	le = GUINT32_TO_LE(rate);
	memcpy(wav + 24, &le, 4);
	le = GUINT32_TO_LE(rate * 2); /* bytes per second */
	memcpy(wav + 28, &le, 4);
	wav[32] = 2;  /* block align */
	wav[34] = 16; /* bits per sample */
	memcpy(wav + 36, "data", 4);
	le = GUINT32_TO_LE(n);
	memcpy(wav + 40, &le, 4);
	ok = g_file_set_contents(path, (const char *)wav, 44 + n, NULL);
	g_free(wav);
	return ok;
}

static gboolean start_baresip(guint port, const char *out, GPid *pid)
{
	const char *prog = g_getenv("BARESIP");
	char *found = prog && *prog ? NULL : g_find_program_in_path("baresip");
	char *dir = g_strdup_printf("%s.baresip", out);
	char *wav = g_build_filename(dir, "silence.wav", NULL);
	char *config = g_strdup_printf(
		"sip_listen 127.0.0.1:%u\naudio_source aufile,%s\n"
		"audio_player aufile,/dev/null\n"
		"module_path /usr/lib/baresip/modules\n"
		"module g711.so\nmodule aufile.so\n"
		"module_app account.so\nmodule_app menu.so\n",
		port, wav);
	char *accounts = g_strdup_printf(
		"<sip:peer@127.0.0.1:%u>;regint=0;answermode=auto;"
		"audio_codecs=PCMU\n",
		port);
	char *cfg_path = g_build_filename(dir, "config", NULL);
	char *acc_path = g_build_filename(dir, "accounts", NULL);
	char *log_path = g_strdup_printf("%s.baresip.log", out);
	const char *argv[] = {found ? found : prog, "-f", dir, NULL};
	gboolean ok = FALSE;
	GError *err = NULL;
	int fd;

	g_mkdir_with_parents(dir, 0755);
	if (!write_silence(wav) ||
	    !g_file_set_contents(cfg_path, config, -1, NULL) ||
	    !g_file_set_contents(acc_path, accounts, -1, NULL))
		goto out;
	fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ok = g_spawn_async_with_fds(NULL, (char **)argv, NULL,
				    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, pid,
				    -1, fd, fd, &err);
	if (fd >= 0)
		close(fd);
	if (!ok) {
		printf("     cannot start baresip: %s\n", err->message);
		g_error_free(err);
	}
out:
	g_free(found);
	g_free(dir);
	g_free(wav);
	g_free(config);
	g_free(accounts);
	g_free(cfg_path);
	g_free(acc_path);
	g_free(log_path);
	return ok;
}

static gboolean have_baresip(void)
{
	const char *prog = g_getenv("BARESIP");
	char *found;

	if (prog && *prog)
		return g_file_test(prog, G_FILE_TEST_IS_EXECUTABLE);
	found = g_find_program_in_path("baresip");
	g_free(found);
	return found != NULL;
}

static gboolean is_baresip(const peer_spec *ps)
{
	return !strcmp(ps->scenario, "baresip");
}

/* ---- Kamailio, a real proxy (see TESTBED.md) ------------------------------ */

static gboolean is_kamailio(const peer_spec *ps)
{
	return !strcmp(ps->scenario, "kamailio");
}

static char *find_kamailio(void)
{
	const char *prog = g_getenv("KAMAILIO");

	if (prog && *prog)
		return g_strdup(prog);
	if (g_file_test("/usr/sbin/kamailio", G_FILE_TEST_IS_EXECUTABLE))
		return g_strdup("/usr/sbin/kamailio");
	return g_find_program_in_path("kamailio");
}

/* A stateful proxy that records the route: initial requests go to their
 * Request-URI, in-dialog ones follow the Route set. */
static const char kamailio_cfg[] =
	"#!KAMAILIO\n"
	"debug=1\nlog_stderror=yes\nchildren=1\nauto_aliases=no\n"
	"listen=udp:127.0.0.1:%u\n"
	"mpath=\"/usr/lib/x86_64-linux-gnu/kamailio/modules/\"\n"
	"loadmodule \"tm.so\"\nloadmodule \"sl.so\"\nloadmodule \"rr.so\"\n"
	"loadmodule \"maxfwd.so\"\nloadmodule \"textops.so\"\n"
	"loadmodule \"siputils.so\"\nloadmodule \"pv.so\"\n"
	"request_route {\n"
	"  if (!mf_process_maxfwd_header(\"10\")) {\n"
	"    sl_send_reply(\"483\", \"Too Many Hops\"); exit;\n  }\n"
	"  if (has_totag()) {\n"
	"    if (loose_route()) { t_relay(); exit; }\n"
	"    if (is_method(\"ACK\") && t_check_trans()) t_relay();\n"
	"    exit;\n  }\n"
	"  if (is_method(\"CANCEL\")) { if (t_check_trans()) t_relay(); exit; }\n"
	"  remove_hf(\"Route\");\n"
	"  if (is_method(\"INVITE\")) record_route();\n"
	"  t_relay();\n}\n";

static gboolean start_kamailio(guint port, const char *out, GPid *pid)
{
	char *prog = find_kamailio();
	char *cfg_path = g_strdup_printf("%s.kamailio.cfg", out);
	char *log_path = g_strdup_printf("%s.kamailio.log", out);
	char *cfg = g_strdup_printf(kamailio_cfg, port);
	const char *argv[] = {prog, "-f", cfg_path, "-DD", "-E", NULL};
	gboolean ok = FALSE;
	GError *err = NULL;
	int fd;

	if (!prog || !g_file_set_contents(cfg_path, cfg, -1, NULL))
		goto out;
	fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ok = g_spawn_async_with_fds(NULL, (char **)argv, NULL,
				    G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, pid,
				    -1, fd, fd, &err);
	if (fd >= 0)
		close(fd);
	if (!ok) {
		printf("     cannot start kamailio: %s\n", err->message);
		g_error_free(err);
	}
out:
	g_free(prog);
	g_free(cfg_path);
	g_free(log_path);
	g_free(cfg);
	return ok;
}

/* A name with a folder is relative to the top (the demo's peers);
 * otherwise tests/sipp/, then tests/sip/. */
static char *scenario_path(const char *srcdir, const char *name)
{
	char *p = strchr(name, '/')
			  ? g_strdup_printf("%s/%s.xml", srcdir, name)
			  : g_strdup_printf("%s/tests/sipp/%s.xml", srcdir,
					    name);

	if (!g_file_test(p, G_FILE_TEST_EXISTS)) {
		g_free(p);
		p = g_strdup_printf("%s/tests/sip/%s.xml", srcdir, name);
	}
	return p;
}

/* The scenario's file name, for log names. */
static const char *peer_name(const peer_spec *ps)
{
	const char *slash = strrchr(ps->scenario, '/');

	return slash ? slash + 1 : ps->scenario;
}

static gboolean calls_us(const peer_spec *ps)
{
	return g_str_has_prefix(ps->scenario, "uac_");
}

/* A SIPp peer; bind: our address when it calls us, else 0. */
static gboolean start_peer(const peer_spec *ps, guint port, guint bind,
			   const char *sipp, const char *srcdir, const char *out,
			   GPid *pid)
{
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	GError *err = NULL;
	gboolean ok;

	g_ptr_array_add(argv, g_strdup(sipp));
	g_ptr_array_add(argv, g_strdup("-sf"));
	g_ptr_array_add(argv, scenario_path(srcdir, ps->scenario));
	g_ptr_array_add(argv, g_strdup("-i"));
	g_ptr_array_add(argv, g_strdup("127.0.0.1"));
	g_ptr_array_add(argv, g_strdup("-p"));
	g_ptr_array_add(argv, g_strdup_printf("%u", port));
	g_ptr_array_add(argv, g_strdup("-m"));
	g_ptr_array_add(argv, g_strdup_printf("%d", ps->calls ? ps->calls : 1));
	g_ptr_array_add(argv, g_strdup("-timeout"));
	g_ptr_array_add(argv, g_strdup("30s"));
	g_ptr_array_add(argv, g_strdup("-timeout_error"));
	g_ptr_array_add(argv, g_strdup("-nostdin"));
	g_ptr_array_add(argv, g_strdup("-trace_msg"));
	g_ptr_array_add(argv, g_strdup("-message_file"));
	g_ptr_array_add(argv, g_strdup_printf("%s-%s.msg", out, peer_name(ps)));
	g_ptr_array_add(argv, g_strdup("-trace_err"));
	g_ptr_array_add(argv, g_strdup("-error_file"));
	g_ptr_array_add(argv, g_strdup_printf("%s-%s.err", out, peer_name(ps)));
	for (int k = 0; k + 1 < 4 && ps->key[k]; k += 2) {
		g_ptr_array_add(argv, g_strdup("-key"));
		g_ptr_array_add(argv, g_strdup(ps->key[k]));
		g_ptr_array_add(argv, g_strdup(ps->key[k + 1]));
	}
	if (bind) {
		g_ptr_array_add(argv, g_strdup("-s"));
		g_ptr_array_add(argv, g_strdup("flow"));
		g_ptr_array_add(argv, g_strdup_printf("127.0.0.1:%u", bind));
	}
	g_ptr_array_add(argv, NULL);
	ok = g_spawn_async(NULL, (char **)argv->pdata, NULL,
			   G_SPAWN_DO_NOT_REAP_CHILD |
				   G_SPAWN_STDOUT_TO_DEV_NULL |
				   G_SPAWN_STDERR_TO_DEV_NULL,
			   NULL, NULL, pid, &err);
	if (!ok) {
		fprintf(stderr, "cannot start SIPp: %s\n", err->message);
		g_error_free(err);
	}
	g_ptr_array_unref(argv);
	return ok;
}

/* ---- the event log --------------------------------------------------------- */

static const char *member_str(JsonObject *o, const char *name)
{
	JsonNode *n = o ? json_object_get_member(o, name) : NULL;

	return n && JSON_NODE_HOLDS_VALUE(n) &&
			       json_node_get_value_type(n) == G_TYPE_STRING
		       ? json_node_get_string(n)
		       : NULL;
}

static gboolean is_call_event(const char *name)
{
	return g_str_has_prefix(name, "voice.") ||
	       g_str_has_prefix(name, "error.voice.") ||
	       g_str_has_prefix(name, "interaction.") ||
	       g_str_has_prefix(name, "error.interaction.");
}

/* The call events of the log, and the final state; FALSE when a result
 * event lacks its requestid or interactionid. */
static gboolean read_log(const char *path, GString *seen, char **final)
{
	char *text = NULL;
	char **lines;
	gboolean ok = TRUE;

	*final = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return FALSE;
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		JsonParser *p = json_parser_new();
		JsonObject *o, *data;
		const char *kind, *name, *detail;

		if (!**l || !json_parser_load_from_data(p, *l, -1, NULL)) {
			g_object_unref(p);
			continue;
		}
		o = json_node_get_object(json_parser_get_root(p));
		kind = member_str(o, "kind");
		if (kind && !strcmp(kind, "exit")) {
			g_free(*final);
			*final = g_strdup(member_str(o, "final"));
		}
		name = member_str(o, "name");
		if (!kind || strcmp(kind, "event") || !name ||
		    !is_call_event(name)) {
			g_object_unref(p);
			continue;
		}
		data = json_object_has_member(o, "data") &&
				       JSON_NODE_HOLDS_OBJECT(
					       json_object_get_member(o, "data"))
			       ? json_object_get_object_member(o, "data")
			       : NULL;
		detail = member_str(data, "error");
		if (!detail && !strcmp(name, "interaction.deleted"))
			detail = member_str(data, "cause");
		/* Every result carries its requestid; a done result also
		 * names its call (an error may come before any call). */
		if (!g_str_has_prefix(name, "interaction.deleted") &&
		    !g_str_has_prefix(name, "interaction.added") &&
		    (!member_str(data, "requestid") ||
		     !*member_str(data, "requestid") ||
		     (g_str_has_suffix(name, ".done") &&
		      !member_str(data, "interactionid")))) {
			printf("     %s without requestid or interactionid\n",
			       name);
			ok = FALSE;
		}
		if (seen->len)
			g_string_append_c(seen, ' ');
		g_string_append(seen, name);
		if (detail)
			g_string_append_printf(seen, ":%s", detail);
		g_object_unref(p);
	}
	g_strfreev(lines);
	g_free(text);
	return ok;
}

/* seen has the expected events: the ~ ones anywhere, the others in this
 * order, and nothing else. */
static gboolean events_match(const char *expect, const char *seen)
{
	char **want = g_strsplit(expect, " ", -1);
	char **got = g_strsplit(seen, " ", -1);
	GPtrArray *rest = g_ptr_array_new();
	gboolean ok = TRUE;
	guint k = 0;

	for (char **g = got; *g; g++)
		if (**g)
			g_ptr_array_add(rest, *g);
	for (char **w = want; *w && ok; w++) {
		gboolean found = FALSE;

		if (**w != '~')
			continue;
		for (guint i = 0; i < rest->len && !found; i++)
			if (!strcmp(rest->pdata[i], *w + 1)) {
				g_ptr_array_remove_index(rest, i);
				found = TRUE;
			}
		ok = found;
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

/* ---- one case --------------------------------------------------------------- */

static gboolean run_case(const flow_case *fc, const char *prog,
			 const char *sipp, const char *srcdir,
			 const char *outdir)
{
	char *out = g_strdup_printf("%s/%s", outdir, fc->name);
	char *log = g_strdup_printf("%s.jsonl", out);
	char *conf = NULL, *doc, *errtext = NULL, *final = NULL;
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	GPid pids[MAX_PEERS] = {0};
	int sipp_status[MAX_PEERS] = {0};
	GString *seen = g_string_new(NULL);
	GError *err = NULL;
	gboolean pass = TRUE, log_ok;
	int status = -1;
	guint bind = free_udp_port();

	g_ptr_array_add(argv, g_strdup(prog));
	g_ptr_array_add(argv, g_strdup("run"));
	g_ptr_array_add(argv, g_strdup("--timeout"));
	g_ptr_array_add(argv, g_strdup("25"));
	g_ptr_array_add(argv, g_strdup("--events"));
	g_ptr_array_add(argv, g_strdup(log));
	g_ptr_array_add(argv, g_strdup("--bind"));
	g_ptr_array_add(argv, g_strdup_printf("127.0.0.1:%u", bind));
	if (fc->conf) {
		conf = g_strdup_printf("%s.conf", out);
		g_file_set_contents(conf, fc->conf, -1, NULL);
		g_ptr_array_add(argv, g_strdup("--config"));
		g_ptr_array_add(argv, g_strdup(conf));
	}
	/* The peers we call first (their URIs go to the flow), the ones
	 * calling us once sipscxml listens. */
	for (int i = 0; i < MAX_PEERS && fc->peers[i].scenario; i++) {
		const peer_spec *ps = &fc->peers[i];
		guint port = free_udp_port();

		if (calls_us(ps))
			continue;
		if (is_baresip(ps)	    ? !start_baresip(port, out, &pids[i])
		    : is_kamailio(ps) ? !start_kamailio(port, out, &pids[i])
				      : !start_peer(ps, port, 0, sipp, srcdir,
						    out, &pids[i])) {
			pass = FALSE;
			break;
		}
		wait_bound(port);
		if (is_kamailio(ps)) {
			/* The flow's requests all go through it. */
			char *text = g_strdup_printf(
				"%s[sip]\noutbound-proxy = sip:127.0.0.1:%u;lr\n",
				fc->conf ? fc->conf : "", port);

			g_free(conf);
			conf = g_strdup_printf("%s.conf", out);
			g_file_set_contents(conf, text, -1, NULL);
			g_free(text);
			g_ptr_array_add(argv, g_strdup("--config"));
			g_ptr_array_add(argv, g_strdup(conf));
			continue;
		}
		g_ptr_array_add(argv, g_strdup("--define"));
		g_ptr_array_add(argv, g_strdup_printf("%s=sip:%s@127.0.0.1:%u",
						      ps->define, ps->user,
						      port));
	}
	for (int i = 0; i < 4 && fc->defines[i]; i++) {
		g_ptr_array_add(argv, g_strdup("--define"));
		g_ptr_array_add(argv, g_strdup(fc->defines[i]));
	}
	doc = g_build_filename(srcdir, fc->doc, NULL);
	g_ptr_array_add(argv, doc);
	g_ptr_array_add(argv, NULL);
	unlink(log);
	if (pass) {
		char *errpath = g_strdup_printf("%s.stderr", out);
		int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		GPid flow;

		if (!g_spawn_async_with_fds(NULL, (char **)argv->pdata, NULL,
					    G_SPAWN_DO_NOT_REAP_CHILD |
						    G_SPAWN_STDOUT_TO_DEV_NULL,
					    NULL, NULL, &flow, -1, -1, fd,
					    &err)) {
			printf("     cannot run %s: %s\n", prog, err->message);
			g_clear_error(&err);
			pass = FALSE;
		} else {
			for (int i = 0; i < MAX_PEERS && fc->peers[i].scenario;
			     i++) {
				if (!calls_us(&fc->peers[i]))
					continue;
				wait_bound(bind);
				if (!start_peer(&fc->peers[i], free_udp_port(),
						bind, sipp, srcdir, out,
						&pids[i]))
					pass = FALSE;
			}
			status = wait_exit(flow, 40);
			g_spawn_close_pid(flow);
		}
		if (fd >= 0)
			close(fd);
		g_file_get_contents(errpath, &errtext, NULL, NULL);
		g_free(errpath);
	}
	if (pass && status != 0) {
		printf("     sipscxml exit status %d\n", status);
		pass = FALSE;
	}
	for (int i = 0; i < MAX_PEERS && pids[i]; i++) {
		if (is_baresip(&fc->peers[i]) || is_kamailio(&fc->peers[i])) {
			/* The phone and the proxy run until told; what they
			 * did is judged by the flow, SIPp and the log. */
			kill(pids[i], SIGTERM);
			wait_exit(pids[i], 5);
			g_spawn_close_pid(pids[i]);
			continue;
		}
		sipp_status[i] = wait_exit(pids[i], 20);
		g_spawn_close_pid(pids[i]);
		if (sipp_status[i] != 0) {
			printf("     SIPp %s exit status %d (see %s-%s.*)\n",
			       fc->peers[i].scenario, sipp_status[i], out,
			       peer_name(&fc->peers[i]));
			pass = FALSE;
		}
	}
	log_ok = read_log(log, seen, &final);
	if (!log_ok || !events_match(fc->expect, seen->str)) {
		printf("     events:   %s\n     expected: %s\n", seen->str,
		       fc->expect);
		pass = FALSE;
	}
	if (g_strcmp0(final, fc->final ? fc->final : "pass")) {
		printf("     final state %s, expected %s\n",
		       final ? final : "none", fc->final ? fc->final : "pass");
		pass = FALSE;
	}
	if (!pass && errtext && *errtext)
		printf("     stderr: %s", errtext);
	printf("%s: %s\n", pass ? "PASS" : "FAIL", fc->name);
	fflush(stdout);
	g_ptr_array_unref(argv);
	g_string_free(seen, TRUE);
	g_free(final);
	g_free(errtext);
	g_free(conf);
	g_free(log);
	g_free(out);
	return pass;
}

int main(int argc, char **argv)
{
	const char *srcdir = g_getenv("top_srcdir");
	const char *builddir = g_getenv("top_builddir");
	const char *prog = g_getenv("SIPSCXML");
	char *sipp = g_strdup(g_getenv("SIPP"));
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
	outdir = g_strdup_printf("%s/tests/out/sipp",
				 builddir ? builddir : ".");
	g_mkdir_with_parents(outdir, 0755);
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		gboolean wanted = argc < 2;

		for (int a = 1; a < argc; a++)
			wanted |= !strcmp(argv[a], cases[i].name);
		if (!wanted)
			continue;
		if (cases[i].peers[0].scenario &&
		    is_baresip(&cases[i].peers[0]) && !have_baresip()) {
			printf("SKIP: %s (no baresip)\n", cases[i].name);
			continue;
		}
		if (cases[i].peers[0].scenario &&
		    is_kamailio(&cases[i].peers[0])) {
			char *k = find_kamailio();

			g_free(k);
			if (!k) {
				printf("SKIP: %s (no kamailio)\n",
				       cases[i].name);
				continue;
			}
		}
		ran++;
		if (!run_case(&cases[i], prog ? prog : "./sipscxml", sipp,
			      srcdir ? srcdir : ".", outdir))
			failed++;
	}
	printf("%d of %d flows passed\n", ran - failed, ran);
	g_free(outdir);
	g_free(sipp);
	return failed ? 1 : 0;
}
