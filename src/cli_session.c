/*
 * The hooks every command installs on its session: event log lines, <log>
 * output on stderr, and the exit record.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "src/cli_session.h"

/* error.execution / error.communication name what failed in their data
 * ("file:line: <element>: reason"): a flow author sees it without an
 * event log. The flow may handle the error; this is only a report. */
static void report_error(const scxml_event *ev)
{
	const char *msg = NULL;

	if (ev->data && JSON_NODE_HOLDS_OBJECT(ev->data)) {
		JsonObject *o = json_node_get_object(ev->data);

		if (json_object_has_member(o, "message"))
			msg = json_object_get_string_member(o, "message");
	}
	fprintf(stderr, "sipscxml: %s: %s\n", ev->name, msg ? msg : "");
}

static void hook_event(scxml_session *s, const scxml_event *ev, void *ud)
{
	cli_session *cs = ud;

	if (ev->type == SCXML_EVENT_PLATFORM && g_str_has_prefix(ev->name,
								  "error."))
		report_error(ev);
	event_log_event(cs->log, s, ev);
	if (cs->on_event)
		cs->on_event(cs, ev);
}

static void hook_stable(scxml_session *s, const scxml_event *ev, void *ud)
{
	cli_session *cs = ud;

	if (cs->on_stable)
		cs->on_stable(cs, ev);
}

static void hook_exit(scxml_session *s, const char *final_id,
		      scxml_exit_reason reason, void *ud)
{
	cli_session *cs = ud;

	cs->exited = TRUE;
	cs->final_id = g_strdup(final_id);
	if (reason == SCXML_EXIT_DONE && final_id)
		cs->reason = "done";
	else if (cs->stop_reason)
		cs->reason = cs->stop_reason;
	else if (cs->timed_out)
		cs->reason = "timeout";
	else if (cs->stopped)
		cs->reason = "stopped";
	else if (scxml_session_failure(s))
		cs->reason = scxml_session_failure(s); /* e.g. "event-loop" */
	else
		cs->reason = "error";
	event_log_exit(cs->log, s, final_id, cs->reason, cs->route,
		       cs->document);
	if (cs->on_exited)
		cs->on_exited(cs);
}

static const scxml_session_hooks cli_hooks = {
	.on_event = hook_event,
	.on_stable = hook_stable,
	.on_log = cli_print_log,
	.on_exit = hook_exit,
};

int cli_session_open(cli_session *cs, cli_env *env, scxml_doc *doc,
		     const char *events_path, char **defines)
{
	GError *err = NULL;
	event_log *log = NULL;

	if (events_path) {
		log = event_log_open(events_path, &err);
		if (!log) {
			fprintf(stderr, "sipscxml: %s\n", err->message);
			g_clear_error(&err);
			return -1;
		}
	}
	if (cli_session_open_log(cs, env, doc, log, defines, TRUE) < 0 &&
	    !cs->s) {
		event_log_close(log);
		return -1;
	}
	cs->log_borrowed = FALSE;
	/* Inbound calls (interaction.added) go to the one session we run. */
	voice_module_attach_session(env->voice, cs->s);
	return cs->defines_ok ? 0 : -1;
}

/* serve: each document takes the --define items it declares. */
static int apply_defines_lenient(scxml_session *s, char **defines)
{
	for (char **d = defines; d && *d; d++) {
		const char *eq = strchr(*d, '=');
		g_autofree char *name = NULL;

		if (!eq || eq == *d)
			return -1; /* checked when serve started */
		name = g_strndup(*d, eq - *d);
		scxml_session_define(s, name, eq + 1);
	}
	return 0;
}

int cli_session_open_log(cli_session *cs, cli_env *env, scxml_doc *doc,
			 event_log *log, char **defines,
			 gboolean strict_defines)
{
	cs->env = env;
	cs->log = log;
	cs->log_borrowed = TRUE;
	cs->s = scxml_session_new(env->engine, doc, &cli_hooks, cs);
	if (!cs->s) {
		fprintf(stderr, "sipscxml: cannot create a session\n");
		return -1;
	}
	cs->defines_ok = (strict_defines ? cli_apply_defines(cs->s, defines)
					 : apply_defines_lenient(cs->s,
								 defines)) == 0;
	return cs->defines_ok ? 0 : -1;
}

int cli_session_start(cli_session *cs)
{
	if (scxml_session_start(cs->s) < 0) {
		fprintf(stderr, "sipscxml: the session could not start\n");
		return -1;
	}
	return 0;
}

int cli_session_exit_status(const cli_session *cs)
{
	return cs->exited && cs->final_id ? CLI_EXIT_FINAL : CLI_EXIT_OTHER;
}

void cli_session_close(cli_session *cs)
{
	if (cs->s)
		scxml_session_free(cs->s);
	if (!cs->log_borrowed)
		event_log_close(cs->log);
	g_free(cs->final_id);
	memset(cs, 0, sizeof(*cs));
}
