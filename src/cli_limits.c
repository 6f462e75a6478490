/*
 * The [scxml] group of the configuration: how long one script or
 * expression may run, how much memory the scripts of all sessions, and of
 * one session, may hold, and the bounds of each session (queued events,
 * delayed sends, events sent in a row, the time of one macrostep). All
 * protect the calls of every flow from one flow's runaway code. Also what
 * src= may read: the largest file, and the folder it must stay in.
 */
#include "config.h"

#include <stddef.h>

#include "src/cli.h"

typedef struct limit_key {
	const char *key;
	guint64 max;
} limit_key;

static const limit_key limit_keys[] = {
	{"script-time-limit", 3600 * 1000},   /* ms */
	{"script-memory-limit", 1024 * 1024}, /* MiB */
	{"src-size-limit", 1024 * 1024},      /* KiB, 1 GiB at most */
	{"session-memory-limit", 1024 * 1024}, /* MiB */
};

/* The per-session bounds: each key's value goes to its field of
 * scxml_session_limits. */
typedef struct session_key {
	limit_key k;
	gsize offset;
} session_key;

#define SESSION_KEY(name, max, field)                                         \
	{{name, max}, offsetof(scxml_session_limits, field)}

static const session_key session_keys[] = {
	SESSION_KEY("max-internal-events", G_MAXUINT, max_internal_events),
	SESSION_KEY("max-external-events", G_MAXUINT, max_external_events),
	SESSION_KEY("max-timers", G_MAXUINT, max_timers),
	SESSION_KEY("max-event-chain", G_MAXUINT, max_event_chain),
	SESSION_KEY("macrostep-time-limit", 3600 * 1000, /* ms */
		    macrostep_time_limit_ms),
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

/* The [scxml] session bounds given in kf over the engine's. */
static int apply_session_bounds(scxml_engine *engine, GKeyFile *kf,
				GError **err)
{
	scxml_session_limits lim;

	scxml_engine_get_session_limits(engine, &lim);
	for (gsize i = 0; i < G_N_ELEMENTS(session_keys); i++) {
		guint64 v = G_MAXUINT64;

		if (!read_limit(kf, &session_keys[i].k, &v, err))
			return -1;
		if (v != G_MAXUINT64)
			*(guint *)((char *)&lim + session_keys[i].offset) =
				(guint)v;
	}
	scxml_engine_set_session_limits(engine, &lim);
	return 0;
}

int cli_apply_scxml_config(scxml_engine *engine, GKeyFile *kf, GError **err)
{
	g_auto(GStrv) keys = NULL;
	g_autofree char *root = NULL;
	guint64 ms = G_MAXUINT64, mib = G_MAXUINT64, kib = G_MAXUINT64;
	guint64 session_mib = G_MAXUINT64;

	if (!kf)
		return 0;
	keys = g_key_file_get_keys(kf, "scxml", NULL, NULL);
	for (char **k = keys; k && *k; k++) {
		gboolean known = FALSE;

		for (gsize i = 0; i < G_N_ELEMENTS(limit_keys); i++)
			known = known || g_str_equal(*k, limit_keys[i].key);
		for (gsize i = 0; i < G_N_ELEMENTS(text_keys); i++)
			known = known || g_str_equal(*k, text_keys[i]);
		for (gsize i = 0; i < G_N_ELEMENTS(session_keys); i++)
			known = known || g_str_equal(*k, session_keys[i].k.key);
		if (!known) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_KEY_NOT_FOUND,
				    "[scxml] %s: unknown key", *k);
			return -1;
		}
	}
	if (!read_limit(kf, &limit_keys[0], &ms, err) ||
	    !read_limit(kf, &limit_keys[1], &mib, err) ||
	    !read_limit(kf, &limit_keys[2], &kib, err) ||
	    !read_limit(kf, &limit_keys[3], &session_mib, err) ||
	    apply_session_bounds(engine, kf, err) < 0)
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
	if (session_mib != G_MAXUINT64)
		scxml_engine_set_session_memory_limit(engine,
						      (gsize)session_mib << 20);
	return 0;
}
