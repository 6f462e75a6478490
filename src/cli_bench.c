/*
 * sipscxml bench DOC: K sessions of one document in this process, N external
 * events delivered round-robin as fast as the engine takes them. Prints one
 * JSON line with the rate and the resident memory each session added.
 * Figures only: nothing here asserts a speed.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "src/cli.h"

/* Resident set size in bytes, from /proc/self/statm. */
static gint64 resident_bytes(void)
{
	char *text = NULL;
	long long size = 0, resident = 0;

	if (!g_file_get_contents("/proc/self/statm", &text, NULL, NULL))
		return 0;
	if (sscanf(text, "%lld %lld", &size, &resident) != 2)
		resident = 0;
	g_free(text);
	return (gint64)resident * sysconf(_SC_PAGESIZE);
}

static void print_result(gint64 events, double seconds, gint64 sessions,
			 double bytes_per_session)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *gen = json_generator_new();
	JsonNode *root;
	char *text;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "events");
	json_builder_add_int_value(b, events);
	json_builder_set_member_name(b, "seconds");
	json_builder_add_double_value(b, seconds);
	json_builder_set_member_name(b, "events_per_s");
	json_builder_add_int_value(b, seconds > 0 ? (gint64)(events / seconds)
						  : 0);
	json_builder_set_member_name(b, "sessions");
	json_builder_add_int_value(b, sessions);
	json_builder_set_member_name(b, "bytes_per_session");
	json_builder_add_int_value(b, (gint64)bytes_per_session);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	text = json_generator_to_data(gen, NULL);
	printf("%s\n", text);
	g_free(text);
	json_node_unref(root);
	g_object_unref(gen);
	g_object_unref(b);
}

int cli_bench(int argc, char **argv)
{
	char *event = NULL, *config_path = NULL;
	gint64 count = 1000000, nsessions = 1;
	const GOptionEntry entries[] = {
		{"event", 'e', 0, G_OPTION_ARG_STRING, &event,
		 "name of the events to deliver (default: next)", "NAME"},
		{"count", 'n', 0, G_OPTION_ARG_INT64, &count,
		 "events to deliver (default 1000000)", "N"},
		{"sessions", 'k', 0, G_OPTION_ARG_INT64, &nsessions,
		 "sessions to start (default 1)", "K"},
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
		 "configuration file", "FILE"},
		{NULL},
	};
	cli_env env = {0};
	scxml_doc *doc = NULL;
	scxml_session **sessions = NULL;
	gint64 rss0, rss1, t0, t1, started = 0;
	int rc = CLI_EXIT_INVALID;

	if (cli_parse_options("bench", "DOC - measure the engine", entries,
			      &argc, &argv, 1) < 0)
		goto out;
	if (count < 0 || nsessions < 1) {
		fprintf(stderr, "sipscxml bench: --count must be >= 0 and "
				"--sessions >= 1\n");
		goto out;
	}
	if (cli_env_init_or_report(&env, config_path) < 0)
		goto out;
	doc = cli_load_doc(&env, argv[1], FALSE);
	if (!doc)
		goto out;
	rc = CLI_EXIT_OTHER;
	sessions = g_new0(scxml_session *, nsessions);
	rss0 = resident_bytes();
	for (started = 0; started < nsessions; started++) {
		sessions[started] = scxml_session_new(env.engine, doc, NULL, NULL);
		if (!sessions[started] ||
		    scxml_session_start(sessions[started]) < 0) {
			fprintf(stderr, "sipscxml bench: session %" G_GINT64_FORMAT
					" did not start\n", started);
			goto out;
		}
	}
	rss1 = resident_bytes();
	t0 = g_get_monotonic_time();
	for (gint64 i = 0; i < count; i++) {
		scxml_session *s = sessions[i % nsessions];

		scxml_session_post(s, scxml_event_new(event ? event : "next",
						      SCXML_EVENT_EXTERNAL,
						      NULL));
		/* A posted event runs from the loop: one per session is
		 * queued, then the loop runs them, as SIP input would. */
		if ((i + 1) % nsessions == 0 || i + 1 == count)
			while (g_main_context_iteration(
				scxml_engine_context(env.engine), FALSE))
				;
	}
	t1 = g_get_monotonic_time();
	print_result(count, (t1 - t0) / 1e6, nsessions,
		     (double)(rss1 - rss0) / nsessions);
	rc = 0;
out:
	for (gint64 i = 0; sessions && i < nsessions; i++)
		if (sessions[i])
			scxml_session_free(sessions[i]);
	g_free(sessions);
	if (doc)
		scxml_doc_unref(doc);
	cli_env_clear(&env);
	g_free(event);
	g_free(config_path);
	return rc;
}
