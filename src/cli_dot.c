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
	cli_env env;
	scxml_doc *doc;
	char *dot;

	if (cli_env_open(&env, "dot", "DOC - print the chart as Graphviz DOT",
			 &argc, &argv, 1) < 0)
		return CLI_EXIT_INVALID;
	doc = cli_load_doc(&env, argv[1], FALSE);
	if (!doc) {
		cli_env_clear(&env);
		return CLI_EXIT_INVALID;
	}
	dot = scxml_doc_to_dot(doc);
	fputs(dot, stdout);
	g_free(dot);
	scxml_doc_unref(doc);
	cli_env_clear(&env);
	return CLI_EXIT_FINAL;
}
