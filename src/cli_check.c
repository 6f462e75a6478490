/*
 * sipscxml check DOC...: load and validate each document, printing every
 * problem as "file:line: reason". Exit 1 if any document has a problem.
 */
#include "config.h"

#include "src/cli.h"

int cli_check(int argc, char **argv)
{
	char *config_path = NULL;
	const GOptionEntry entries[] = {
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
		 "configuration file", "FILE"},
		{NULL},
	};
	cli_env env;
	int rc = CLI_EXIT_FINAL;

	if (cli_parse_options("check", "DOC... - validate documents", entries,
			      &argc, &argv, 1) < 0 ||
	    cli_env_init_or_report(&env, config_path) < 0) {
		g_free(config_path);
		return CLI_EXIT_INVALID;
	}
	for (int i = 1; i < argc; i++) {
		scxml_doc *doc = cli_load_doc(&env, argv[i], TRUE);

		if (!doc)
			rc = CLI_EXIT_INVALID;
		else
			scxml_doc_unref(doc);
	}
	cli_env_clear(&env);
	g_free(config_path);
	return rc;
}
