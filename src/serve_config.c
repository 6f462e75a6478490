/*
 * The [serve] group of the configuration (every key is documented in
 * configs/sipscxml.conf and doc/serve.md): the overload limits, the drain
 * time, and whether a session ends with its last call.
 */
#include "config.h"

#include <string.h>

#include "src/serve.h"
#include "src/voice_priv.h"

static const char *const known_keys[] = {
	"max-sessions", "max-calls", "drain-time", "end-with-last-call",
	"max-loop-lag", NULL,
};

static int read_count(GKeyFile *kf, const char *key, guint *out, GError **err)
{
	g_autofree char *raw = g_key_file_get_value(kf, "serve", key, NULL);
	guint64 v;

	if (!raw)
		return 0;
	g_strstrip(raw);
	if (!g_ascii_string_to_unsigned(raw, 10, 1, 10000000, &v, NULL)) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[serve] %s: not a number from 1 to 10000000: '%s'",
			    key, raw);
		return -1;
	}
	*out = (guint)v;
	return 0;
}

/* A duration, or 0 (off). */
static int read_lag(GKeyFile *kf, double *out, GError **err)
{
	g_autofree char *raw =
		g_key_file_get_value(kf, "serve", "max-loop-lag", NULL);

	if (!raw)
		return 0;
	g_strstrip(raw);
	if (!strcmp(raw, "0")) {
		*out = 0;
		return 0;
	}
	if (voice_parse_duration(raw, out) < 0) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[serve] max-loop-lag: \"%s\" is not 0 or a "
			    "duration (seconds, \"0.5s\" or \"200ms\")",
			    raw);
		return -1;
	}
	return 0;
}

/* $SIPSCXML_TEST_LOOP_LAG (seconds): for tests only, which cannot make the
 * loop lag on demand; the shedding then sees this lag instead. */
static int read_test_lag(serve_config *cfg, GError **err)
{
	const char *v = g_getenv("SIPSCXML_TEST_LOOP_LAG");
	char *end = NULL;

	if (!v)
		return 0;
	cfg->test_loop_lag_s = g_ascii_strtod(v, &end);
	if (end == v || *end || !(cfg->test_loop_lag_s >= 0)) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "SIPSCXML_TEST_LOOP_LAG: not seconds: '%s'", v);
		return -1;
	}
	return 0;
}

int serve_config_load(GKeyFile *kf, serve_config *cfg, GError **err)
{
	g_auto(GStrv) keys = NULL;
	g_autofree char *drain = NULL;
	GError *e = NULL;

	cfg->max_sessions = 10000;
	cfg->max_calls = 20000;
	cfg->drain_time_s = 60;
	cfg->end_with_last_call = TRUE;
	cfg->max_loop_lag_s = 0;
	cfg->test_loop_lag_s = -1;
	if (read_test_lag(cfg, err) < 0)
		return -1;
	if (!kf || !g_key_file_has_group(kf, "serve"))
		return 0;
	keys = g_key_file_get_keys(kf, "serve", NULL, NULL);
	for (char **k = keys; k && *k; k++) {
		if (!g_strv_contains(known_keys, *k)) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_KEY_NOT_FOUND,
				    "[serve] %s: unknown key", *k);
			return -1;
		}
	}
	if (read_count(kf, "max-sessions", &cfg->max_sessions, err) < 0 ||
	    read_count(kf, "max-calls", &cfg->max_calls, err) < 0)
		return -1;
	if (read_lag(kf, &cfg->max_loop_lag_s, err) < 0)
		return -1;
	drain = g_key_file_get_value(kf, "serve", "drain-time", NULL);
	if (drain && voice_parse_duration(drain, &cfg->drain_time_s) < 0) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[serve] drain-time: \"%s\" is not a duration "
			    "(seconds, \"2.5s\" or \"500ms\")",
			    drain);
		return -1;
	}
	if (g_key_file_has_key(kf, "serve", "end-with-last-call", NULL)) {
		cfg->end_with_last_call = g_key_file_get_boolean(
			kf, "serve", "end-with-last-call", &e);
		if (e) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_INVALID_VALUE,
				    "[serve] end-with-last-call: %s (want true "
				    "or false)",
				    e->message);
			g_error_free(e);
			return -1;
		}
	}
	return 0;
}
