/*
 * The [voice] group of the configuration file (every key is documented in
 * configs/sipscxml.conf) and the duration syntax shared with the timeout
 * attribute. The [sip], [auth] and [media] groups belong to sip/.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/voice_priv.h"

int voice_parse_duration(const char *text, double *seconds)
{
	char *end = NULL;
	double v;

	if (!text)
		return -1;
	while (g_ascii_isspace(*text))
		text++;
	if (!*text)
		return -1;
	errno = 0;
	v = g_ascii_strtod(text, &end);
	if (errno || end == text || !isfinite(v) || v <= 0)
		return -1;
	while (g_ascii_isspace(*end))
		end++;
	if (strcmp(end, "ms") == 0)
		v /= 1000.0;
	else if (*end && strcmp(end, "s") != 0)
		return -1;
	/* A timer longer than a day is a typo, not a wish. */
	if (v > 86400)
		return -1;
	*seconds = v;
	return 0;
}

static int read_duration(GKeyFile *kf, const char *key, double *out,
			 GError **err)
{
	char *text;
	int rc = 0;

	if (!g_key_file_has_key(kf, "voice", key, NULL))
		return 0;
	text = g_key_file_get_string(kf, "voice", key, NULL);
	if (voice_parse_duration(text, out) < 0) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[voice] %s: \"%s\" is not a duration (seconds, "
			    "\"2.5s\" or \"500ms\")",
			    key, text ? text : "");
		rc = -1;
	}
	g_free(text);
	return rc;
}

static int read_bool(GKeyFile *kf, const char *key, gboolean *out, GError **err)
{
	GError *e = NULL;
	gboolean v;

	if (!g_key_file_has_key(kf, "voice", key, NULL))
		return 0;
	v = g_key_file_get_boolean(kf, "voice", key, &e);
	if (e) {
		g_set_error(
			err, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			"[voice] %s: %s (want true or false)", key, e->message);
		g_error_free(e);
		return -1;
	}
	*out = v;
	return 0;
}

/* A whole number from min to max. */
static int read_count(GKeyFile *kf, const char *key, guint min, guint max,
		      guint *out, GError **err)
{
	g_autofree char *raw = g_key_file_get_value(kf, "voice", key, NULL);
	guint64 v;

	if (!raw)
		return 0;
	g_strstrip(raw);
	if (!g_ascii_string_to_unsigned(raw, 10, min, max, &v, NULL)) {
		g_set_error(err, G_KEY_FILE_ERROR,
			    G_KEY_FILE_ERROR_INVALID_VALUE,
			    "[voice] %s: not a number from %u to %u: '%s'", key,
			    min, max, raw);
		return -1;
	}
	*out = (guint)v;
	return 0;
}

static const char *const known_keys[] = {
	"answer-timeout",   "reinvite-timeout", "transfer-timeout",
	"cancel-wait",	    "send-udata",	"release-on-exit",
	"follow-redirects", "conference-focus", "ring-timeout",
	"max-ringing",	    "retry-after",	"max-calls-per-session",
	NULL,
};

static int check_known_keys(GKeyFile *kf, GError **err)
{
	char **keys = g_key_file_get_keys(kf, "voice", NULL, NULL);
	int rc = 0;

	for (char **k = keys; k && *k && rc == 0; k++) {
		if (!g_strv_contains(known_keys, *k)) {
			g_set_error(err, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_KEY_NOT_FOUND,
				    "[voice] %s: unknown key", *k);
			rc = -1;
		}
	}
	g_strfreev(keys);
	return rc;
}

int voice_config_load(GKeyFile *kf, voice_config *cfg, GError **err)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->answer_timeout_s = 30;
	cfg->reinvite_timeout_s = 10;
	cfg->transfer_timeout_s = 30;
	cfg->cancel_wait_s = 4;
	cfg->send_udata = FALSE;
	cfg->release_on_exit = TRUE;
	cfg->follow_redirects = FALSE;
	cfg->ring_timeout_s = 60;
	cfg->max_ringing = 1000;
	cfg->max_calls_per_session = 32;
	cfg->retry_after_s = 5;
	if (!kf || !g_key_file_has_group(kf, "voice"))
		return 0;
	if (check_known_keys(kf, err) < 0 ||
	    read_duration(kf, "answer-timeout", &cfg->answer_timeout_s, err) <
		    0 ||
	    read_duration(kf, "reinvite-timeout", &cfg->reinvite_timeout_s,
			  err) < 0 ||
	    read_duration(kf, "transfer-timeout", &cfg->transfer_timeout_s,
			  err) < 0 ||
	    read_duration(kf, "cancel-wait", &cfg->cancel_wait_s, err) < 0 ||
	    read_bool(kf, "send-udata", &cfg->send_udata, err) < 0 ||
	    read_bool(kf, "release-on-exit", &cfg->release_on_exit, err) < 0 ||
	    read_bool(kf, "follow-redirects", &cfg->follow_redirects, err) < 0 ||
	    read_duration(kf, "ring-timeout", &cfg->ring_timeout_s, err) < 0 ||
	    read_count(kf, "max-ringing", 1, 1000000, &cfg->max_ringing, err) <
		    0 ||
	    read_count(kf, "retry-after", 0, 86400, &cfg->retry_after_s, err) <
		    0 ||
	    read_count(kf, "max-calls-per-session", 1, 1000000,
		       &cfg->max_calls_per_session, err) < 0)
		return -1;
	cfg->conference_focus =
		g_key_file_get_string(kf, "voice", "conference-focus", NULL);
	if (cfg->conference_focus) {
		g_strstrip(cfg->conference_focus);
		if (!*cfg->conference_focus)
			g_clear_pointer(&cfg->conference_focus, g_free);
	}
	return 0;
}

void voice_config_clear(voice_config *cfg)
{
	g_clear_pointer(&cfg->conference_focus, g_free);
}
