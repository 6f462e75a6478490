/*
 * One session as the commands run it: the event log, <log> output, and the
 * record of how it ended. run and simulate differ only in what drives the
 * session (timers and SIP, or stdin) and in what they print.
 */
#ifndef CLI_SESSION_H
#define CLI_SESSION_H

#include "src/cli.h"
#include "src/event_log.h"

typedef struct cli_session cli_session;

struct cli_session {
	cli_env *env;
	scxml_session *s;
	event_log *log;
	char *final_id;       /* top-level final state reached, or NULL */
	const char *reason;   /* "done" | "timeout" | "stopped" | "error" |
				 why the engine stopped it (scxml_session_
				 failure), once exited */
	gboolean exited;
	gboolean timed_out;   /* set before stopping on --timeout */
	gboolean stopped;     /* set before stopping on SIGINT/SIGTERM */
	/* optional, command-specific */
	void (*on_stable)(cli_session *cs, const scxml_event *ev);
	void (*on_exited)(cli_session *cs);
	void *ud;
};

/* Creates the session (not started). Prints and returns -1 on failure. */
int cli_session_open(cli_session *cs, cli_env *env, scxml_doc *doc,
		     const char *events_path, char **defines);
/* Starts it; returns -1 when it could not start. */
int cli_session_start(cli_session *cs);
/* The program's exit status for how the session ended. */
int cli_session_exit_status(const cli_session *cs);
void cli_session_close(cli_session *cs);

#endif
