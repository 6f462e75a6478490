/*
 * Fuzz harness: the document loader and validator. The input is an SCXML
 * document, loaded from memory as `sipscxml check` loads a file (the voice
 * module registered, so that <voice:*> elements are validated too); when it
 * is accepted, every expression is compiled and the Graphviz view is drawn,
 * as `check` and `dot` would. A malformed document must be refused with
 * problems, never crash or leak.
 */
#include "config.h"

#include <sipscxml/scxml.h>

#include "src/voice_module.h"
#include "tests/fuzz/fuzz_common.h"

static scxml_engine *engine;
static voice_module *voice;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GError *err = NULL;

	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	engine = scxml_engine_new(NULL);
	voice = voice_module_new(engine, NULL, &err);
	if (!voice)
		g_error("voice module: %s", err->message);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GPtrArray *problems = NULL;
	scxml_doc *doc = scxml_doc_load_memory(engine, (const char *)data,
					       size, "fuzz.scxml", &problems);

	if (doc) {
		GPtrArray *warnings = scxml_doc_check_expressions(doc);

		g_ptr_array_unref(warnings);
		g_free(scxml_doc_to_dot(doc));
		(void)scxml_doc_name(doc);
		scxml_doc_unref(doc);
	} else if (!problems || problems->len == 0) {
		/* A refused document always says why (README). */
		abort();
	}
	if (problems)
		g_ptr_array_unref(problems);
	return 0;
}
