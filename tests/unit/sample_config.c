/*
 * configs/sipscxml.conf with its documented keys uncommented, for the
 * config loaders' unit tests (test_http_api_config, test_serve_config).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/sample_config.h"

GKeyFile *sample_uncommented(void)
{
	const char *top = g_getenv("top_srcdir");
	g_autofree char *path = g_build_filename(top ? top : ".", "configs",
						 "sipscxml.conf", NULL);
	g_autofree char *text = NULL;
	/* "#name = value" is a key; "# prose" is not. */
	g_autoptr(GRegex) key =
		g_regex_new("^#([a-z0-9-]+ =)", G_REGEX_MULTILINE, 0, NULL);
	g_autofree char *live = NULL;
	GKeyFile *kf = g_key_file_new();

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	live = g_regex_replace(key, text, -1, 0, "\\1", 0, NULL);
	assert_true(g_key_file_load_from_data(kf, live, -1, 0, NULL));
	return kf;
}
