/*
 * Fuzz harness: the configuration loader. The input is a configuration
 * file (configs/sipscxml.conf's format); it is read as `sipscxml` reads
 * one: the [scxml] limits (src/cli_limits.c), then the voice module, which
 * loads [voice] itself and [sip], [auth], [media], [register] through
 * sip_agent_config_load. A bad value must be an error, never a crash.
 */
#include "config.h"

#include <sipscxml/scxml.h>

#include "src/cli.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GKeyFile *kf = g_key_file_new();
	GError *err = NULL;
	scxml_engine *engine;
	voice_module *vm;

	if (!g_key_file_load_from_data(kf, (const char *)data, size,
				       G_KEY_FILE_NONE, &err)) {
		g_clear_error(&err);
		g_key_file_unref(kf);
		return 0;
	}
	engine = scxml_engine_new(NULL);
	if (cli_apply_scxml_config(engine, kf, &err) < 0) {
		if (!err)
			abort(); /* an error says why */
		g_clear_error(&err);
	}
	vm = voice_module_new(engine, kf, &err);
	if (vm)
		voice_module_free(vm);
	else if (!err)
		abort();
	g_clear_error(&err);
	scxml_engine_free(engine);
	g_key_file_unref(kf);
	return 0;
}
