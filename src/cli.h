/*
 * The program's commands (check, simulate, run, bench) and what they share:
 * one main loop, one engine with the voice module registered, the config
 * file, and the loading of a document with its problems printed as
 * "file:line: reason".
 */
#ifndef CLI_H
#define CLI_H

#include <sipscxml/scxml.h>

#include "src/voice_module.h"

/* Exit statuses of the program (README.md). */
enum {
	CLI_EXIT_FINAL = 0,   /* a top-level final state was reached */
	CLI_EXIT_INVALID = 1, /* invalid document or command line */
	CLI_EXIT_OTHER = 2,   /* anything else */
};

typedef struct cli_env {
	GMainContext *ctx;
	GMainLoop *loop;
	scxml_engine *engine;
	GKeyFile *config;     /* NULL when no config file was read */
	voice_module *voice;
} cli_env;

/* config_path NULL: no file (defaults everywhere). */
int cli_env_init(cli_env *env, const char *config_path, GError **err);
void cli_env_clear(cli_env *env);
/* Loads and validates; prints each problem to stderr ("file:line: reason").
 * NULL when invalid. Expressions that do not compile are printed too: when
 * strict (check) they are problems and the document is refused; otherwise
 * they are warnings, and the document runs (each raises error.execution
 * when evaluated, as the spec says). */
scxml_doc *cli_load_doc(cli_env *env, const char *path, gboolean strict);
/* --bind's value is one of the forms of sip/sip_bind.h (a command line
 * error otherwise). Returns 0, or -1 after printing why and the forms. */
int cli_check_bind(const char *bind);
/* Opens the SIP agent when the document uses the voice module or bind is
 * given. Returns 0, or -1 after printing why. */
int cli_start_sip_if_needed(cli_env *env, scxml_doc *doc, const char *bind,
			    gboolean trace);
/* Runs the loop until the voice module has released its calls. */
void cli_shutdown_sip(cli_env *env);
/* Applies --define NAME=VALUE items to a session; prints and returns -1 on
 * a bad item. */
int cli_apply_defines(scxml_session *s, char **defines);
/* Prints <log> output to stderr: "label: value". */
void cli_print_log(scxml_session *s, const char *label, const char *value,
		   void *ud);

/* GOptionContext over a command's argv; prints the error and returns -1
 * when the options are wrong or fewer than min_args arguments remain. */
int cli_parse_options(const char *cmd, const char *params,
		      const GOptionEntry *entries, int *argc, char ***argv,
		      int min_args);
/* The configuration a command reads without --config: $SIPSCXML_CONFIG
 * when set (empty: none), else SYSCONFDIR/sipscxml.conf when it exists,
 * else none (defaults everywhere). */
const char *cli_default_config(void);
/* The [scxml] group (script limits, per-session bounds) applied to engine;
 * kf may be NULL (src/cli_limits.c). */
int cli_apply_scxml_config(scxml_engine *engine, GKeyFile *kf, GError **err);
/* cli_env_init, printing the error; the env is cleared on failure.
 * config_path NULL: cli_default_config(). */
int cli_env_init_or_report(cli_env *env, const char *config_path);
/* For the commands whose only option is --config (check, dot): parses the
 * command line (at least min_args arguments) and sets up env. Returns 0,
 * or -1 after printing why. */
int cli_env_open(cli_env *env, const char *cmd, const char *params, int *argc,
		 char ***argv, int min_args);

int cli_check(int argc, char **argv);
int cli_dot(int argc, char **argv);
int cli_simulate(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_bench(int argc, char **argv);

#endif
