/*
 * sipscxml check DOC...: load and validate each document, printing every
 * problem as "file:line: reason". Exit 1 if any document has a problem.
 */
#include "config.h"

#include "src/cli.h"

int cli_check(int argc, char **argv)
{
	cli_env env;
	int rc = CLI_EXIT_FINAL;

	if (cli_env_open(&env, "check", "DOC... - validate documents", &argc,
			 &argv, 1) < 0)
		return CLI_EXIT_INVALID;
	for (int i = 1; i < argc; i++) {
		scxml_doc *doc = cli_load_doc(&env, argv[i], TRUE);

		if (!doc)
			rc = CLI_EXIT_INVALID;
		else
			scxml_doc_unref(doc);
	}
	cli_env_clear(&env);
	return rc;
}
