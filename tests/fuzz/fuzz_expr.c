/*
 * Fuzz harness: the ECMAScript expression compiler. The input is one
 * expression (or script), placed where a document carries each kind — a
 * condition, a value, a location, a <script> body — in a fixed document,
 * which `scxml_doc_check_expressions` then compiles without running. Text
 * that does not compile must come back as a problem; nothing may crash.
 */
#include "config.h"

#include <string.h>

#include <sipscxml/scxml.h>

#include "tests/fuzz/fuzz_common.h"

static scxml_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	engine = scxml_engine_new(NULL);
	return 0;
}

/* The text as an XML attribute value / character data. */
static char *xml_escape(const char *text)
{
	GString *s = g_string_new(NULL);

	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '&': g_string_append(s, "&amp;"); break;
		case '<': g_string_append(s, "&lt;"); break;
		case '>': g_string_append(s, "&gt;"); break;
		case '"': g_string_append(s, "&quot;"); break;
		default: g_string_append_c(s, *p); break;
		}
	}
	return g_string_free(s, FALSE);
}

/* Where the expression goes: the first input byte picks one (a document
 * whose location is not assignable would be refused before any other slot
 * is compiled). %s is the escaped text. */
static const char *const slots[] = {
	"<datamodel><data id=\"v\" expr=\"%s\"/></datamodel>"
	"<state id=\"s\"/>",
	"<datamodel><data id=\"v\"/></datamodel>"
	"<state id=\"s\"><onentry><assign location=\"%s\" expr=\"1\"/>"
	"</onentry></state>",
	"<state id=\"s\"><onentry><script>%s</script></onentry></state>",
	"<state id=\"s\"><transition cond=\"%s\" target=\"f\"/></state>",
	"<state id=\"s\"><onentry><log expr=\"%s\"/></onentry></state>",
	"<state id=\"s\"><onentry><foreach array=\"%s\" item=\"it\" "
	"index=\"ix\"/></onentry></state>",
	"<state id=\"s\"><onentry><send eventexpr=\"%s\" delayexpr=\"%s\">"
	"<param name=\"p\" expr=\"%s\"/><content expr=\"%s\"/></send>"
	"</onentry></state>",
	"<state id=\"s\"><onentry><if cond=\"%s\"/></onentry>"
	"<invoke typeexpr=\"%s\" srcexpr=\"%s\" idlocation=\"%s\"/></state>",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *esc, *body, *doc_text;
	GPtrArray *problems = NULL;
	scxml_doc *doc;
	const char *slot;

	if (size < 1)
		return 0;
	slot = slots[data[0] % G_N_ELEMENTS(slots)];
	text = fuzz_strdup(data + 1, size - 1);
	/* Not valid UTF-8: libxml2 refuses the document before any compile;
	 * the loader's harness (fuzz_doc) covers that path. */
	if (!g_utf8_validate(text, -1, NULL)) {
		g_free(text);
		return 0;
	}
	esc = xml_escape(text);
	{
		/* Every %s of the slot gets the text. */
		char **parts = g_strsplit(slot, "%s", -1);
		body = g_strjoinv(esc, parts);
		g_strfreev(parts);
	}
	doc_text = g_strdup_printf(
		"<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" "
		"version=\"1.0\" datamodel=\"ecmascript\" initial=\"s\">"
		"%s<final id=\"f\"/></scxml>",
		body);
	doc = scxml_doc_load_memory(engine, doc_text, strlen(doc_text),
				    "fuzz.scxml", &problems);
	if (doc) {
		GPtrArray *warnings = scxml_doc_check_expressions(doc);

		g_ptr_array_unref(warnings);
		scxml_doc_unref(doc);
	}
	if (problems)
		g_ptr_array_unref(problems);
	g_free(doc_text);
	g_free(body);
	g_free(esc);
	g_free(text);
	return 0;
}
