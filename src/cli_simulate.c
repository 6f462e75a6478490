/*
 * sipscxml simulate DOC: a session offline, driven by stdin. Each input line
 * is one JSON object {"name": "...", "data": <any>} posted as an external
 * event. After the start and after each input event (or timer-driven
 * macrostep) reaches a stable configuration, one JSON line is printed:
 * {"event": null|"<name>", "configuration": ["<atomic state id>", ...]}.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "src/cli_session.h"

typedef struct simulate {
	cli_session cs;
	JsonGenerator *gen;
	gboolean starting; /* inside the start */
	/* Input events posted and not yet processed (not ours: the pointers
	 * only say which event the session takes up), oldest first. */
	GQueue inputs;
	char *input;	   /* name of the input being processed, or NULL */
	guint flush;	   /* input_settled, while its line is due */
	gboolean eof;
	int line_no;
	guint watch;       /* the stdin watch while it is installed */
} simulate;

static void print_configuration(simulate *sim, const char *event,
				const char *const *states)
{
	JsonBuilder *b = json_builder_new();
	JsonNode *root;
	char *text;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "event");
	if (event)
		json_builder_add_string_value(b, event);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "configuration");
	json_builder_begin_array(b);
	for (const char *const *st = states; st && *st; st++)
		json_builder_add_string_value(b, *st);
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(sim->gen, root);
	text = json_generator_to_data(sim->gen, NULL);
	printf("%s\n", text);
	fflush(stdout);
	g_free(text);
	json_node_unref(root);
	g_object_unref(b);
}

static void print_current(simulate *sim, const char *event)
{
	const char **states = scxml_session_configuration(sim->cs.s);

	print_configuration(sim, event, states);
	g_free(states);
}

/* The session is idle and input is over: stop once nothing can happen. */
static void maybe_finish(simulate *sim)
{
	if (sim->cs.exited) {
		g_main_loop_quit(sim->cs.env->loop);
		return;
	}
	if (sim->flush)
		return; /* an input's line is due: input_settled comes back */
	if (sim->eof && !scxml_session_pending(sim->cs.s)) {
		scxml_session_stop(sim->cs.s);
		g_main_loop_quit(sim->cs.env->loop);
	}
}

/* An input's line is printed once the session has settled after it:
 * events it sent itself with no delay are processed by the same run, and
 * count as part of the input (as when the post ran them at once). */
static void flush_input(simulate *sim)
{
	if (sim->flush) {
		g_source_remove(sim->flush);
		sim->flush = 0;
	}
	if (!sim->input)
		return;
	print_current(sim, sim->input);
	g_clear_pointer(&sim->input, g_free);
}

/* Below the session's run: only when it has nothing left to process. */
static gboolean input_settled(gpointer ud)
{
	simulate *sim = ud;

	sim->flush = 0;
	flush_input(sim);
	maybe_finish(sim);
	return G_SOURCE_REMOVE;
}

static void sim_stable(cli_session *cs, const scxml_event *ev)
{
	simulate *sim = cs->ud;

	(void)ev;
	/* The start's line is printed by the start. */
	if (sim->starting)
		return;
	if (sim->input) {
		if (!sim->flush)
			sim->flush = g_idle_add_full(G_PRIORITY_LOW,
						     input_settled, sim, NULL);
		return;
	}
	/* A macrostep the session started by itself (a delayed send). */
	print_current(sim, NULL);
	maybe_finish(sim);
}

/* The session takes up an input line's event: the previous input's line
 * is due (the configuration it left), and if this one ends the session,
 * the exit line names it. */
static void sim_event(cli_session *cs, const scxml_event *ev)
{
	simulate *sim = cs->ud;

	if (ev != g_queue_peek_head(&sim->inputs))
		return;
	g_queue_pop_head(&sim->inputs);
	flush_input(sim);
	sim->input = g_strdup(ev->name);
}

static void sim_exited(cli_session *cs)
{
	simulate *sim = cs->ud;
	const char *states[] = {cs->final_id, NULL};

	/* After exit the configuration is empty; the line shows the final
	 * state that ended the session. */
	if (sim->flush) {
		g_source_remove(sim->flush);
		sim->flush = 0;
	}
	if (cs->final_id)
		print_configuration(sim, sim->input, states);
	g_clear_pointer(&sim->input, g_free);
	g_main_loop_quit(cs->env->loop);
}

/* Returns the event, or NULL after printing why the line was refused. */
static scxml_event *parse_input(simulate *sim, const char *line, gsize len)
{
	GError *err = NULL;
	scxml_event *ev = NULL;
	JsonNode *root, *name_node;
	JsonObject *o;
	const char *name = NULL;

	root = scxml_json_parse(line, (gssize)len, &err);
	if (!root) {
		fprintf(stderr, "stdin:%d: not JSON: %s\n", sim->line_no,
			err->message);
		g_error_free(err);
		return NULL;
	}
	if (!JSON_NODE_HOLDS_OBJECT(root)) {
		fprintf(stderr, "stdin:%d: expected a JSON object\n",
			sim->line_no);
		goto out;
	}
	o = json_node_get_object(root);
	name_node = json_object_get_member(o, "name");
	if (name_node && JSON_NODE_HOLDS_VALUE(name_node) &&
	    json_node_get_value_type(name_node) == G_TYPE_STRING)
		name = json_node_get_string(name_node);
	if (!name || !*name) {
		fprintf(stderr, "stdin:%d: \"name\" must be a non-empty string\n",
			sim->line_no);
		goto out;
	}
	ev = scxml_event_new(name, SCXML_EVENT_EXTERNAL,
			     json_object_has_member(o, "data")
				     ? json_object_dup_member(o, "data")
				     : NULL);
out:
	json_node_unref(root);
	return ev;
}

/* JSON is UTF-8 text: a line that is not (or holds a NUL byte) is refused
 * with where it goes wrong, and the next line is read. */
static gboolean line_is_text(simulate *sim, const char *line, gsize len)
{
	const char *end;
	const char *nul = memchr(line, '\0', len);

	if (nul) {
		fprintf(stderr, "stdin:%d: a NUL byte at column %d\n",
			sim->line_no, (int)(nul - line) + 1);
		return FALSE;
	}
	if (!g_utf8_validate(line, (gssize)len, &end)) {
		fprintf(stderr, "stdin:%d: not UTF-8 at column %d\n",
			sim->line_no, (int)(end - line) + 1);
		return FALSE;
	}
	return TRUE;
}

static void handle_line(simulate *sim, char *line, gsize len)
{
	scxml_event *ev;

	sim->line_no++;
	if (sim->cs.exited || !line_is_text(sim, line, len))
		return;
	line = g_strstrip(line);
	if (!*line)
		return;
	ev = parse_input(sim, line, strlen(line));
	if (!ev)
		return;
	/* Processed from the session's run on the loop; its line is printed
	 * by sim_stable (or sim_exited when it ends the session). */
	g_queue_push_tail(&sim->inputs, ev);
	scxml_session_post(sim->cs.s, ev);
}

static gboolean stdin_ready(GIOChannel *ch, GIOCondition cond, gpointer ud)
{
	simulate *sim = ud;
	char *line = NULL;
	gsize len = 0, term = 0;
	GIOStatus st;

	st = g_io_channel_read_line(ch, &line, &len, &term, NULL);
	if (st == G_IO_STATUS_NORMAL) {
		line[term] = '\0';
		handle_line(sim, line, term);
		g_free(line);
		if (!sim->cs.exited)
			return G_SOURCE_CONTINUE;
		sim->watch = 0;
		maybe_finish(sim);
		return G_SOURCE_REMOVE;
	}
	g_free(line);
	if (st == G_IO_STATUS_AGAIN)
		return G_SOURCE_CONTINUE;
	sim->eof = TRUE;
	sim->watch = 0;
	maybe_finish(sim);
	return G_SOURCE_REMOVE;
}

int cli_simulate(int argc, char **argv)
{
	char *config_path = NULL, *events_path = NULL;
	char **defines = NULL;
	const GOptionEntry entries[] = {
		{"events", 'e', 0, G_OPTION_ARG_FILENAME, &events_path,
		 "write the JSON event log to FILE (- for stdout)", "FILE"},
		{"define", 'D', 0, G_OPTION_ARG_STRING_ARRAY, &defines,
		 "set top-level data NAME to the string VALUE", "NAME=VALUE"},
		{"config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
		 "configuration file", "FILE"},
		{NULL},
	};
	cli_env env = {0};
	simulate sim = {0};
	scxml_doc *doc = NULL;
	GIOChannel *in = NULL;
	int rc = CLI_EXIT_INVALID;

	if (cli_parse_options("simulate", "DOC - run a session offline",
			      entries, &argc, &argv, 1) < 0 ||
	    cli_env_init_or_report(&env, config_path) < 0)
		goto out;
	doc = cli_load_doc(&env, argv[1], FALSE);
	if (!doc)
		goto out;
	rc = CLI_EXIT_OTHER;
	sim.gen = json_generator_new();
	g_queue_init(&sim.inputs);
	sim.cs.on_event = sim_event;
	sim.cs.on_stable = sim_stable;
	sim.cs.on_exited = sim_exited;
	sim.cs.ud = &sim;
	if (cli_session_open(&sim.cs, &env, doc, events_path, defines) < 0)
		goto out;
	/* The start's line is printed here, not from on_stable. */
	sim.starting = TRUE;
	if (cli_session_start(&sim.cs) < 0)
		goto out;
	sim.starting = FALSE;
	if (!sim.cs.exited) {
		print_current(&sim, NULL);
		in = g_io_channel_unix_new(STDIN_FILENO);
		/* Bytes, not UTF-8, and lines end at "\n" only (not at a
		 * NUL): a bad line is refused by itself (line_is_text)
		 * instead of ending the input or splitting in two. */
		g_io_channel_set_encoding(in, NULL, NULL);
		g_io_channel_set_line_term(in, "\n", 1);
		sim.watch = g_io_add_watch(in, G_IO_IN | G_IO_HUP | G_IO_ERR,
				       stdin_ready, &sim);
		g_main_loop_run(env.loop);
	}
	rc = cli_session_exit_status(&sim.cs);
out:
	if (sim.watch)
		g_source_remove(sim.watch);
	if (sim.flush)
		g_source_remove(sim.flush);
	if (in)
		g_io_channel_unref(in);
	cli_session_close(&sim.cs);
	g_queue_clear(&sim.inputs);
	g_free(sim.input);
	if (sim.gen)
		g_object_unref(sim.gen);
	if (doc)
		scxml_doc_unref(doc);
	cli_env_clear(&env);
	g_free(config_path);
	g_free(events_path);
	g_strfreev(defines);
	return rc;
}
