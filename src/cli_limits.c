/*
 * The [scxml] group of the configuration: how long one script or
 * expression may run, and how much memory the scripts of all sessions may
 * hold. Both protect the calls of every flow from one flow's runaway code.
 * Also what src= may read: the largest file, and the folder it must stay
 * in.
 */
#include "config.h"

#include "src/cli.h"

typedef struct limit_key {
	const char *key;
	guint64 max;
} limit_key;

static const limit_key limit_keys[] = {
	{"script-time-limit", 3600 * 1000},   /* ms */
	{"script-memory-limit", 1024 * 1024}, /* MiB */
	{"src-size-limit", 1024 * 1024},      /* KiB, 1 GiB at most */
};

/* Keys that are not numbers. */
static const char *const text_keys[] = {"document-root"};

/* The key's value in *out; FALSE (and *err) when it is not a number in
 * range. A missing key leaves *out alone. */
static gboolean read_limit(GKeyFile *kf, const limit_key *k, guint64 *out,
			   GError **err)
{
	g_autofree char *raw = g_key_file_get_value(kf, "scxml", k->key, NULL);

	if (!raw)
		return TRUE;
	g_strstrip(raw);
	if (!g_ascii_string_to_unsigned(raw, 10, 0, k->max, out, NULL)) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[scxml] %s: not a number from 0 to %" G_GUINT64_FORMAT
			    ": '%s'",
			    k->key, k->max, raw);
		return FALSE;
	}
	return TRUE;
}

int cli_apply_scxml_config(scxml_engine *engine, GKeyFile *kf, GError **err)
{
	g_auto(GStrv) keys = NULL;
	g_autofree char *root = NULL;
	guint64 ms = G_MAXUINT64, mib = G_MAXUINT64, kib = G_MAXUINT64;

	if (!kf)
		return 0;
	keys = g_key_file_get_keys(kf, "scxml", NULL, NULL);
	for (char **k = keys; k && *k; k++) {
		gboolean known = FALSE;

		for (gsize i = 0; i < G_N_ELEMENTS(limit_keys); i++)
			known = known || g_str_equal(*k, limit_keys[i].key);
		for (gsize i = 0; i < G_N_ELEMENTS(text_keys); i++)
			known = known || g_str_equal(*k, text_keys[i]);
		if (!known) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_KEY_NOT_FOUND,
				    "[scxml] %s: unknown key", *k);
			return -1;
		}
	}
	if (!read_limit(kf, &limit_keys[0], &ms, err) ||
	    !read_limit(kf, &limit_keys[1], &mib, err) ||
	    !read_limit(kf, &limit_keys[2], &kib, err))
		return -1;
	if (kib == 0) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[scxml] src-size-limit: must be at least 1 (KiB)");
		return -1;
	}
	root = g_key_file_get_value(kf, "scxml", "document-root", NULL);
	if (root && !*g_strstrip(root))
		g_clear_pointer(&root, g_free);
	if (root && !g_file_test(root, G_FILE_TEST_IS_DIR)) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[scxml] document-root: not a folder: '%s'", root);
		return -1;
	}
	if (root || kib != G_MAXUINT64)
		scxml_engine_set_src_limits(
			engine, root,
			kib != G_MAXUINT64 ? (gsize)kib << 10 : 0);
	if (ms != G_MAXUINT64)
		scxml_engine_set_script_limit_ms(engine, (guint)ms);
	if (mib != G_MAXUINT64)
		scxml_engine_set_script_memory_limit(engine, (gsize)mib << 20);
	return 0;
}
