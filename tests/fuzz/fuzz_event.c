/*
 * Fuzz harness: event data from outside into the ECMAScript data model and
 * back. The input is what `sipscxml simulate` reads on stdin: lines, each
 * one JSON event {"name": …, "data": …}. Each line goes through simulate's
 * own reader (parse_input of src/cli_simulate.c, included here so that the
 * harness runs the program's code rather than a copy), and each accepted
 * event is posted to a session whose document takes _event.data into
 * Duktape values (assign, JSON.stringify) and sends it back out as event
 * data (JSON again: <content expr> and <param>), which is then written as
 * JSON text, as the event log does.
 */
#include "src/cli_simulate.c"

#include "tests/fuzz/fuzz_common.h"

static const char echo_doc[] =
	"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" version=\"1.0\" "
	"datamodel=\"ecmascript\" initial=\"s\">"
	"<datamodel><data id=\"last\"/><data id=\"text\"/></datamodel>"
	"<state id=\"s\">"
	"<transition event=\"back back2\"/>"
	"<transition event=\"*\">"
	"<assign location=\"last\" expr=\"_event.data\"/>"
	"<assign location=\"text\" expr=\"JSON.stringify(last)\"/>"
	"<send target=\"#_internal\" event=\"back\">"
	"<content expr=\"_event.data\"/></send>"
	"<send target=\"#_internal\" event=\"back2\">"
	"<param name=\"data\" expr=\"last\"/>"
	"<param name=\"text\" expr=\"text\"/></send>"
	"</transition></state></scxml>";

static scxml_engine *engine;
static scxml_doc *doc;
static JsonGenerator *gen;

/* What the event log does with each event's data. */
static void on_event(scxml_session *s, const scxml_event *ev, void *ud)
{
	(void)s;
	(void)ud;
	if (ev->data) {
		json_generator_set_root(gen, ev->data);
		g_free(json_generator_to_data(gen, NULL));
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GPtrArray *problems = NULL;

	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	engine = scxml_engine_new(NULL);
	scxml_engine_set_script_limit_ms(engine, 200);
	doc = scxml_doc_load_memory(engine, echo_doc, sizeof(echo_doc) - 1,
				    "echo.scxml", &problems);
	if (!doc)
		g_error("echo document refused");
	gen = json_generator_new();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const scxml_session_hooks hooks = {.on_event = on_event};
	char *text = fuzz_strdup(data, size);
	char **lines = g_strsplit(text, "\n", 32);
	simulate sim = {0};
	scxml_session *s = scxml_session_new(engine, doc, &hooks, NULL);

	if (scxml_session_start(s) == 0) {
		for (char **l = lines; *l; l++) {
			scxml_event *ev;

			sim.line_no++;
			g_strstrip(*l);
			if (!**l)
				continue;
			ev = parse_input(&sim, *l, strlen(*l));
			if (ev)
				scxml_session_post(s, ev);
			/* A posted event runs from the loop, not the post. */
			for (int k = 0; k < 1000 &&
					g_main_context_iteration(NULL, FALSE);
			     k++)
				;
		}
	}
	scxml_session_free(s);
	g_strfreev(lines);
	g_free(text);
	return 0;
}
