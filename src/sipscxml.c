/*
 * sipscxml: the program. Dispatches to one command per file (cli_*.c);
 * each command parses its own options with GOptionContext.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "src/cli.h"
#include "src/serve.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"check", cli_check, "validate documents, print file:line: reason"},
	{"simulate", cli_simulate, "run a session offline, events from stdin"},
	{"run", cli_run, "run one session to completion (SIP when needed)"},
	{"serve", cli_serve, "route each inbound call to a new session"},
	{"bench", cli_bench, "measure events/s and memory per session"},
	{"dot", cli_dot, "print a document's chart as a Graphviz graph"},
};

static void usage(FILE *out)
{
	fprintf(out, "Usage: sipscxml COMMAND [OPTION...] ARG...\n\n"
		     "SCXML call-control engine with a SIP user agent.\n\n"
		     "Commands:\n");
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out, "\n'sipscxml COMMAND --help' shows a command's options; "
		     "see also sipscxml(1).\n"
		     "  -h, --help     show this help\n"
		     "  -V, --version  show the version\n");
}

int main(int argc, char **argv)
{
	int rc;

	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_INVALID;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("sipscxml %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		xmlInitParser();
		rc = commands[i].run(argc - 1, argv + 1);
		xmlCleanupParser();
		return rc;
	}
	fprintf(stderr, "sipscxml: unknown command \"%s\"\n\n", argv[1]);
	usage(stderr);
	return CLI_EXIT_INVALID;
}
