/*
 * sipscxml dot DOC: the document's chart as a Graphviz digraph on stdout,
 * e.g. `sipscxml dot flow.scxml | dot -Tsvg > flow.svg`. The document is
 * loaded and validated as for check: an invalid one prints its problems
 * and exits 1.
 */
#include "config.h"

#include <stdio.h>

#include "src/cli.h"

int cli_dot(int argc, char **argv)
{
	char *config_path = NULL;
	const GOptionEntry entries[] = {
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
		 "configuration file", "FILE"},
		{NULL},
	};
	cli_env env;
	scxml_doc *doc;
	char *dot;

	if (cli_parse_options("dot", "DOC - print the chart as Graphviz DOT",
			      entries, &argc, &argv, 1) < 0 ||
	    cli_env_init_or_report(&env, config_path) < 0) {
		g_free(config_path);
		return CLI_EXIT_INVALID;
	}
	doc = cli_load_doc(&env, argv[1], FALSE);
	if (!doc) {
		cli_env_clear(&env);
		g_free(config_path);
		return CLI_EXIT_INVALID;
	}
	dot = scxml_doc_to_dot(doc);
	fputs(dot, stdout);
	g_free(dot);
	scxml_doc_unref(doc);
	cli_env_clear(&env);
	g_free(config_path);
	return CLI_EXIT_FINAL;
}
