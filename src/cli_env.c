/*
 * What every command sets up: the main loop, the engine, the config file and
 * the voice module (registered always, so that `check` validates voice
 * elements; its SIP agent is opened only when a run needs it).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sip/sip_bind.h"
#include "src/cli.h"

int cli_env_init(cli_env *env, const char *config_path, GError **err)
{
	memset(env, 0, sizeof(*env));
	if (config_path) {
		env->config = g_key_file_new();
		if (!g_key_file_load_from_file(env->config, config_path,
					       G_KEY_FILE_NONE, err)) {
			g_prefix_error(err, "%s: ", config_path);
			return -1;
		}
	}
	env->ctx = g_main_context_ref_thread_default();
	env->loop = g_main_loop_new(env->ctx, FALSE);
	env->engine = scxml_engine_new(env->ctx);
	if (cli_apply_scxml_config(env->engine, env->config, err) < 0) {
		g_prefix_error(err, "%s: ", config_path);
		return -1;
	}
	env->voice = voice_module_new(env->engine, env->config, err);
	if (!env->voice) {
		g_prefix_error(err, "%s: ",
			       config_path ? config_path : "configuration");
		return -1;
	}
	return 0;
}

void cli_env_clear(cli_env *env)
{
	if (env->voice)
		voice_module_free(env->voice);
	if (env->engine)
		scxml_engine_free(env->engine);
	if (env->loop)
		g_main_loop_unref(env->loop);
	if (env->ctx)
		g_main_context_unref(env->ctx);
	if (env->config)
		g_key_file_unref(env->config);
	memset(env, 0, sizeof(*env));
}

static void print_problems(GPtrArray *problems, const char *kind)
{
	for (guint i = 0; i < problems->len; i++) {
		scxml_problem *p = problems->pdata[i];

		if (p->line > 0)
			fprintf(stderr, "%s:%d: %s%s\n", p->file, p->line, kind,
				p->reason);
		else
			fprintf(stderr, "%s: %s%s\n", p->file, kind, p->reason);
	}
}

scxml_doc *cli_load_doc(cli_env *env, const char *path, gboolean strict)
{
	GPtrArray *problems = NULL;
	scxml_doc *doc = scxml_doc_load_file(env->engine, path, &problems);

	if (!doc) {
		if (problems) {
			print_problems(problems, "");
			g_ptr_array_unref(problems);
		} else {
			fprintf(stderr, "%s: cannot load document\n", path);
		}
		return NULL;
	}
	problems = scxml_doc_check_expressions(doc);
	print_problems(problems, strict ? "" : "warning: ");
	if (strict && problems->len) {
		scxml_doc_unref(doc);
		doc = NULL;
	}
	g_ptr_array_unref(problems);
	return doc;
}

int cli_check_bind(const char *bind)
{
	GError *err = NULL;
	sip_bind b;

	if (sip_bind_parse(bind, 5060, &b, &err) < 0) {
		fprintf(stderr, "sipscxml: --bind: %s\n", err->message);
		g_error_free(err);
		return -1;
	}
	sip_bind_clear(&b);
	return 0;
}

int cli_start_sip_if_needed(cli_env *env, scxml_doc *doc, const char *bind,
			    gboolean trace)
{
	GError *err = NULL;

	if (!bind && !scxml_doc_uses_namespace(doc, VOICE_NS))
		return 0;
	if (trace)
		voice_module_set_sip_trace(env->voice, TRUE);
	if (voice_module_start_sip(env->voice, bind, &err) < 0) {
		fprintf(stderr, "sipscxml: cannot start SIP: %s\n",
			err ? err->message : "unknown error");
		g_clear_error(&err);
		return -1;
	}
	return 0;
}

static void shutdown_done(void *ud)
{
	gboolean *done = ud;

	*done = TRUE;
}

void cli_shutdown_sip(cli_env *env)
{
	gboolean done = FALSE;

	if (!voice_module_sip_started(env->voice))
		return;
	voice_module_shutdown(env->voice, shutdown_done, &done);
	while (!done)
		g_main_context_iteration(env->ctx, TRUE);
}

int cli_apply_defines(scxml_session *s, char **defines)
{
	for (char **d = defines; d && *d; d++) {
		const char *eq = strchr(*d, '=');
		char *name;
		int rc;

		if (!eq || eq == *d) {
			fprintf(stderr,
				"sipscxml: --define wants NAME=VALUE, got \"%s\"\n",
				*d);
			return -1;
		}
		name = g_strndup(*d, eq - *d);
		rc = scxml_session_define(s, name, eq + 1);
		if (rc < 0)
			fprintf(stderr,
				"sipscxml: --define %s: the document has no "
				"top-level <data id=\"%s\">\n",
				name, name);
		g_free(name);
		if (rc < 0)
			return -1;
	}
	return 0;
}

void cli_print_log(scxml_session *s, const char *label, const char *value,
		   void *ud)
{
	if (label && *label)
		fprintf(stderr, "%s: %s\n", label, value ? value : "");
	else
		fprintf(stderr, "%s\n", value ? value : "");
}

int cli_parse_options(const char *cmd, const char *params,
		      const GOptionEntry *entries, int *argc, char ***argv,
		      int min_args)
{
	GOptionContext *oc = g_option_context_new(params);
	GError *err = NULL;
	gboolean ok;

	g_option_context_add_main_entries(oc, entries, NULL);
	ok = g_option_context_parse(oc, argc, argv, &err);
	if (ok && *argc - 1 < min_args) {
		g_set_error(&err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
			    "missing argument (see 'sipscxml %s --help')",
			    cmd);
		ok = FALSE;
	}
	if (!ok)
		fprintf(stderr, "sipscxml %s: %s\n", cmd, err->message);
	g_clear_error(&err);
	g_option_context_free(oc);
	return ok ? 0 : -1;
}

const char *cli_default_config(void)
{
	const char *env = g_getenv("SIPSCXML_CONFIG");
	static const char installed[] = SIPSCXML_SYSCONFDIR "/sipscxml.conf";

	/* Set, even empty, it decides: tests set it empty so that an
	 * installed configuration cannot change what they see. */
	if (env)
		return *env ? env : NULL;
	return g_file_test(installed, G_FILE_TEST_IS_REGULAR) ? installed
							      : NULL;
}

int cli_env_open(cli_env *env, const char *cmd, const char *params, int *argc,
		 char ***argv, int min_args)
{
	char *config_path = NULL;
	const GOptionEntry entries[] = {
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
		 "configuration file", "FILE"},
		{NULL},
	};
	int rc = cli_parse_options(cmd, params, entries, argc, argv, min_args);

	/* the path is read only while the env is set up */
	if (rc == 0)
		rc = cli_env_init_or_report(env, config_path);
	g_free(config_path);
	return rc;
}

int cli_env_init_or_report(cli_env *env, const char *config_path)
{
	GError *err = NULL;

	if (!config_path)
		config_path = cli_default_config();
	if (cli_env_init(env, config_path, &err) == 0)
		return 0;
	fprintf(stderr, "sipscxml: %s\n", err->message);
	g_clear_error(&err);
	cli_env_clear(env);
	return -1;
}
