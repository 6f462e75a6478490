/*
 * The parser: the model it builds (document order, ids, initial states,
 * history, event descriptors, expression ids) and the problems it reports,
 * each at its line, for documents that must not run.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <sipscxml/scxml_ext.h>

#include "scxml/scxml_model.h"

#define HEAD                                                                  \
	"<scxml xmlns='http://www.w3.org/2005/07/scxml' version='1.0' "       \
	"xmlns:t='urn:test' "

static scxml_engine *engine;

static int noop_execute(scxml_action *act, void *module_data)
{
	(void)act;
	(void)module_data;
	return 0;
}

static const scxml_attr_spec act_attrs[] = {
	{"value", SCXML_ATTR_VALUE, TRUE},
	{"into", SCXML_ATTR_LOCATION, FALSE},
	{NULL},
};

static const scxml_ext_element act_element = {
	"urn:test", "act", act_attrs, noop_execute, NULL,
};

static int setup(void **state)
{
	(void)state;
	engine = scxml_engine_new(NULL);
	assert_int_equal(scxml_engine_register(engine, &act_element), 0);
	/* The same pair twice is refused. */
	assert_int_equal(scxml_engine_register(engine, &act_element), -1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	scxml_engine_free(engine);
	return 0;
}

static scxml_doc *load(const char *text, GPtrArray **problems)
{
	return scxml_doc_load_memory(engine, text, strlen(text), "t.scxml",
				     problems);
}

/* The document is refused with a problem at line whose reason holds
 * needle. */
static void expect_problem(const char *text, int line, const char *needle)
{
	GPtrArray *problems = NULL;
	scxml_doc *doc = load(text, &problems);
	gboolean found = FALSE;

	assert_null(doc);
	assert_non_null(problems);
	for (guint i = 0; i < problems->len; i++) {
		scxml_problem *p = problems->pdata[i];

		if (p->line == line && strstr(p->reason, needle))
			found = TRUE;
		else
			print_message("  problem: %s:%d: %s\n", p->file,
				      p->line, p->reason);
	}
	assert_true(found);
	g_ptr_array_unref(problems);
}

static void test_model_shape(void **state)
{
	const char *text = HEAD "initial='b'>\n"		       /* 1 */
			   "<state id='a'>\n"			       /* 2 */
			   "  <transition event='go.* x. *' target='b'/>\n" /* 3 */
			   "  <state/>\n"			       /* 4 */
			   "</state>\n"				       /* 5 */
			   "<parallel id='b'>\n"		       /* 6 */
			   "  <state id='b1'><history id='h' type='deep'>"
			   "<transition target='b11'/></history>"
			   "<state id='b11'/></state>\n"	       /* 7 */
			   "  <state id='b2' initial='b22'><state id='b21'/>"
			   "<state id='b22'/></state>\n"	       /* 8 */
			   "</parallel>\n"
			   "<final id='f'/>\n"
			   "</scxml>\n";
	scxml_doc *doc = load(text, NULL);
	scxml_state *a, *b;

	(void)state;
	assert_non_null(doc);
	/* Document order: root, a, a's child, b, b1, h, b11, b2, b21, b22,
	 * f. */
	assert_int_equal(doc->n_states, 11);
	a = scxml_doc_state(doc, "a");
	b = scxml_doc_state(doc, "b");
	assert_int_equal(a->index, 1);
	assert_int_equal(doc->states[2]->parent, a);
	assert_true(doc->states[2]->id_generated);
	assert_int_equal(b->kind, SCXML_KIND_PARALLEL);
	assert_int_equal(b->last, 9); /* descendants are (3, 9] */
	assert_string_equal(doc->root->initial->targets[0]->id, "b");
	assert_true(scxml_doc_state(doc, "h")->deep);
	assert_string_equal(scxml_doc_state(doc, "b2")->initial->targets[0]->id,
			    "b22");
	assert_null(scxml_doc_state(doc, "b1")->initial);
	assert_string_equal(scxml_doc_state(doc, "b1")->first_child->id, "b11");
	/* "go.*" and "x." are "go" and "x"; "*" stays. */
	assert_string_equal(a->transitions[0]->events[0], "go");
	assert_string_equal(a->transitions[0]->events[1], "x");
	assert_string_equal(a->transitions[0]->events[2], "*");
	assert_null(a->transitions[0]->events[3]);
	assert_int_equal(a->transitions[0]->line, 3);
	scxml_doc_unref(doc);
}

static void test_expression_ids_dense(void **state)
{
	const char *text =
		HEAD "datamodel='ecmascript'>\n"
		     "<datamodel><data id='x' expr='1'/><data id='y'/></datamodel>\n"
		     "<state id='s'><onentry><log expr='x'/><assign "
		     "location='y' expr='x+1'/></onentry>"
		     "<transition cond='x &gt; 0' target='s'/></state>\n"
		     "</scxml>\n";
	scxml_doc *doc = load(text, NULL);
	scxml_state *s;
	guint seen = 0;

	(void)state;
	assert_non_null(doc);
	assert_int_equal(doc->n_exprs, 5);
	s = scxml_doc_state(doc, "s");
	seen |= 1u << doc->root->data[0].expr->id;
	seen |= 1u << s->onentry[0]->u.log.expr->id;
	seen |= 1u << s->onentry[0]->next->u.assign.location->id;
	seen |= 1u << s->onentry[0]->next->u.assign.expr->id;
	seen |= 1u << s->transitions[0]->cond->id;
	assert_int_equal(seen, 0x1f);
	scxml_doc_unref(doc);
}

static void test_malformed_xml(void **state)
{
	(void)state;
	expect_problem(HEAD ">\n<state id='a'>\n<transition>\n</state>\n"
			    "</scxml>\n",
		       4, "malformed XML");
}

static void test_problems_at_their_line(void **state)
{
	(void)state;
	expect_problem(HEAD ">\n<state id='a'>\n"
			    "<transition event='e' target='nowhere'/>\n"
			    "</state></scxml>",
		       3, "unknown target state 'nowhere'");
	expect_problem(HEAD ">\n<state id='a'/>\n<state id='a'/>\n</scxml>", 3,
		       "duplicate state id 'a'");
	expect_problem(HEAD ">\n<state id='a' initial='b'/>\n"
			    "<state id='b'/>\n</scxml>",
		       2, "initial");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<send event='e' eventexpr='x'/>\n"
			    "</onentry></state></scxml>",
		       3, "'event' and 'eventexpr'");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<send event='e' delay='soon'/>\n"
			    "</onentry></state></scxml>",
		       3, "delay 'soon'");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<raise/>\n</onentry></state></scxml>",
		       3, "'event' is required");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<else/>\n</onentry></state></scxml>",
		       3, "outside <if>");
	expect_problem(HEAD ">\n<state id='a'>\n<bogus/>\n</state></scxml>", 3,
		       "<bogus> cannot be inside");
	expect_problem(HEAD "datamodel='xpath'>\n<state id='a'/></scxml>", 1,
		       "unsupported datamodel");
	expect_problem("<scxml version='1.0'>\n<state/></scxml>", 1,
		       "root element");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<script src='no-such-file.js'/>\n"
			    "</onentry></state></scxml>",
		       3, "cannot read src");
	expect_problem(HEAD ">\n<parallel id='p'>\n"
			    "<state id='x'/><state id='y'/></parallel>\n"
			    "<state id='z'>\n"
			    "<transition event='e' target='x z'/>\n"
			    "</state></scxml>",
		       5, "cannot be active together");
}

static void test_extension_elements(void **state)
{
	scxml_doc *doc;
	scxml_exec *x;

	(void)state;
	doc = load(HEAD ">\n<state id='a'><onentry>\n"
			"<t:act value='1+1' into='v'/>\n"
			"</onentry></state></scxml>",
		   NULL);
	assert_non_null(doc);
	assert_true(scxml_doc_uses_namespace(doc, "urn:test"));
	assert_false(scxml_doc_uses_namespace(doc, "urn:other"));
	x = scxml_doc_state(doc, "a")->onentry[0];
	assert_int_equal(x->kind, SCXML_X_EXTENSION);
	assert_ptr_equal(x->u.ext.el, &act_element);
	assert_int_equal(x->u.ext.n_attrs, 2);
	assert_string_equal(x->u.ext.where, "t.scxml:3");
	scxml_doc_unref(doc);

	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<t:other/>\n</onentry></state></scxml>",
		       3, "no such element in namespace urn:test");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<t:act value='1' colour='red'/>\n"
			    "</onentry></state></scxml>",
		       3, "unknown attribute 'colour'");
	expect_problem(HEAD ">\n<state id='a'><onentry>\n"
			    "<t:act into='v'/>\n</onentry></state></scxml>",
		       3, "'value' is required");
	/* Elements of namespaces nobody registered are foreign content. */
	doc = load(HEAD " xmlns:u='urn:unknown'>\n<state id='a'><onentry>"
			"<u:thing/></onentry></state></scxml>",
		   NULL);
	assert_non_null(doc);
	assert_null(scxml_doc_state(doc, "a")->onentry[0]);
	scxml_doc_unref(doc);
}

static void test_inline_invoke_document(void **state)
{
	scxml_doc *doc = load(
		HEAD ">\n<state id='a'><invoke><content>"
		     "<scxml version='1.0' initial='a'><final id='a'/></scxml>"
		     "</content></invoke></state></scxml>",
		NULL);
	scxml_invoke *inv;

	(void)state;
	assert_non_null(doc);
	inv = scxml_doc_state(doc, "a")->invokes[0];
	assert_non_null(inv->content->doc);
	/* Its ids are its own: "a" is a final state there. */
	assert_int_equal(scxml_doc_state(inv->content->doc, "a")->kind,
			 SCXML_KIND_FINAL);
	scxml_doc_unref(doc);
}

static void test_w3c_documents_load(void **state)
{
	const char *suite = g_getenv("W3C_SUITE");
	GDir *dir;
	const char *name;
	guint loaded = 0, refused = 0;

	(void)state;
	if (!suite || !(dir = g_dir_open(suite, 0, NULL))) {
		skip();
		return;
	}
	while ((name = g_dir_read_name(dir))) {
		char *path;
		scxml_doc *doc;
		GPtrArray *problems = NULL;

		/* test301 must be refused: its script cannot be read. */
		if (!g_str_has_suffix(name, ".scxml") ||
		    g_str_has_prefix(name, "test301."))
			continue;
		path = g_build_filename(suite, name, NULL);
		doc = scxml_doc_load_file(engine, path, &problems);
		if (doc) {
			loaded++;
			scxml_doc_unref(doc);
		} else {
			refused++;
			print_message("  refused %s: %s\n", name,
				      ((scxml_problem *)problems->pdata[0])
					      ->reason);
			g_ptr_array_unref(problems);
		}
		g_free(path);
	}
	g_dir_close(dir);
	print_message("  W3C documents: %u loaded, %u refused\n", loaded,
		      refused);
	assert_true(loaded > 150);
	assert_int_equal(refused, 0);
}

/* Hostile documents: a rich document mangled at random (fixed seed) is
 * either refused or runs; nothing crashes (the sanitizer build checks the
 * memory too). */
static void test_mangled_documents(void **state)
{
	static const char base[] =
		HEAD "datamodel='ecmascript' initial='p' name='m'>\n"
		     "<datamodel><data id='n' expr='0'/><data id='j'>{\"a\": [1, 2]}"
		     "</data></datamodel>\n"
		     "<parallel id='p'>\n"
		     " <state id='r1' initial='x'><history id='h' type='deep'>"
		     "<transition target='x'/></history>"
		     "<state id='x'><onentry><raise event='go'/><foreach "
		     "array='j.a' item='i' index='k'><assign location='n' "
		     "expr='n + i'/></foreach></onentry>"
		     "<transition event='go' cond='n &gt; 1' target='y'>"
		     "<send event='later' delay='10ms' id='s1'/></transition>"
		     "</state><state id='y'><invoke><content><scxml "
		     "version='1.0'><final id='f'/></scxml></content></invoke>"
		     "<transition event='done.invoke' target='z'/></state>"
		     "<final id='z'><donedata><param name='v' expr='n'/>"
		     "</donedata></final></state>\n"
		     " <state id='r2'><transition event='later' target='w'>"
		     "<if cond='In(\"y\")'><log label='in' expr='n'/><elseif "
		     "cond='false'/><else/></if><cancel sendid='s1'/>"
		     "<script>n = n * 2;</script></transition></state>\n"
		     " <state id='w'/>\n"
		     "</parallel>\n"
		     "<final id='end'/>\n"
		     "</scxml>\n";
	GRand *rnd = g_rand_new_with_seed(20261124);
	guint loaded = 0, refused = 0;

	(void)state;
	scxml_engine_set_script_limit_ms(engine, 50);
	for (int n = 0; n < 4000; n++) {
		GString *doc = g_string_new(base);
		int edits = g_rand_int_range(rnd, 1, 4);
		GPtrArray *problems = NULL;
		scxml_doc *d;

		for (int e = 0; e < edits; e++) {
			guint at = g_rand_int_range(rnd, 0, (gint32)doc->len);
			guint len = g_rand_int_range(rnd, 1, 12);

			switch (g_rand_int_range(rnd, 0, 4)) {
			case 0: /* delete */
				g_string_erase(doc, at,
					       MIN(len, doc->len - at));
				break;
			case 1: /* one byte changed */
				doc->str[at] = "<>/='\" \n&;x{}[]"[g_rand_int_range(
					rnd, 0, 16)];
				break;
			case 2: { /* a piece copied elsewhere */
				guint from = g_rand_int_range(
					rnd, 0, (gint32)doc->len);
				char *piece = g_strndup(
					doc->str + from,
					MIN(len * 4, doc->len - from));

				g_string_insert(doc, at, piece);
				g_free(piece);
				break;
			}
			default: /* a byte that is not ASCII */
				doc->str[at] = (char)g_rand_int_range(rnd, 128,
								      256);
				break;
			}
		}
		d = scxml_doc_load_memory(engine, doc->str, doc->len, "m.scxml",
					  &problems);
		if (d) {
			scxml_session *s = scxml_session_new(engine, d, NULL,
							     NULL);

			loaded++;
			if (s) {
				scxml_session_start(s);
				scxml_session_post(s, scxml_event_new(
							      "later",
							      SCXML_EVENT_EXTERNAL,
							      NULL));
				scxml_session_free(s);
			}
			scxml_doc_unref(d);
		} else {
			refused++;
			assert_non_null(problems);
			assert_true(problems->len > 0);
			g_ptr_array_unref(problems);
		}
		g_string_free(doc, TRUE);
	}
	while (g_main_context_iteration(NULL, FALSE))
		;
	print_message("  mangled documents: %u loaded and run, %u refused\n",
		      loaded, refused);
	assert_true(loaded > 0 && refused > 0);
	scxml_engine_set_script_limit_ms(engine, 2000);
	g_rand_free(rnd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_shape),
		cmocka_unit_test(test_expression_ids_dense),
		cmocka_unit_test(test_malformed_xml),
		cmocka_unit_test(test_problems_at_their_line),
		cmocka_unit_test(test_extension_elements),
		cmocka_unit_test(test_inline_invoke_document),
		cmocka_unit_test(test_w3c_documents_load),
		cmocka_unit_test(test_mangled_documents),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
