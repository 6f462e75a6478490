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
	/* set before stopping for another cause: the exit record's reason */
	const char *stop_reason;
	gboolean log_borrowed; /* the log is the host's, shared */
	gboolean defines_ok;
	/* serve: the route that started the session and its document, for
	 * the exit record (NULL under run and simulate) */
	const char *route;
	const char *document;
	/* optional, command-specific */
	void (*on_event)(cli_session *cs, const scxml_event *ev);
	void (*on_stable)(cli_session *cs, const scxml_event *ev);
	void (*on_exited)(cli_session *cs);
	void *ud;
};

/* Creates the session (not started). Prints and returns -1 on failure. */
int cli_session_open(cli_session *cs, cli_env *env, scxml_doc *doc,
		     const char *events_path, char **defines);
/* The same with a log shared by several sessions (not closed with the
 * session). strict_defines FALSE: a --define naming data the document
 * does not declare is skipped (serve: one set of defines for every
 * document) instead of refused. */
int cli_session_open_log(cli_session *cs, cli_env *env, scxml_doc *doc,
			 event_log *log, char **defines,
			 gboolean strict_defines);
/* Starts it; returns -1 when it could not start. */
int cli_session_start(cli_session *cs);
/* The program's exit status for how the session ended. */
int cli_session_exit_status(const cli_session *cs);
void cli_session_close(cli_session *cs);

#endif
