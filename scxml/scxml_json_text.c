/*
 * Text from outside into event data: JSON is UTF-8, text from the network
 * or a command line may hold any bytes; JSON text may nest deeper than any
 * recursion can follow, or hold integers no gint64 can. Its own file so
 * that the voice module's tests, which fake the rest of the interpreter,
 * link the real one.
 */
#include "config.h"

#include <string.h>

#include <sipscxml/scxml.h>

/* text itself when it is UTF-8 (or NULL), else a valid copy in *copy. */
static const char *valid_utf8(const char *text, char **copy)
{
	*copy = text && !g_utf8_validate(text, -1, NULL)
			? g_utf8_make_valid(text, -1)
			: NULL;
	return *copy ? *copy : text;
}

JsonNode *scxml_json_text(const char *text)
{
	JsonNode *n = json_node_new(JSON_NODE_VALUE);
	char *copy;

	json_node_set_string(n, valid_utf8(text, &copy));
	g_free(copy);
	return n;
}

void scxml_json_object_set_text(JsonObject *o, const char *name,
				const char *text)
{
	char *copy;

	json_object_set_member(o, valid_utf8(name, &copy),
			       scxml_json_text(text));
	g_free(copy);
}

/* ---- JSON text ---------------------------------------------------------- */

/* What one pass over JSON text finds outside strings and comments. */
typedef struct json_scan {
	gboolean too_deep;   /* nesting beyond SCXML_JSON_MAX_DEPTH */
	gboolean big_int;    /* an integer beyond gint64 */
	gssize bad_number;   /* offset of an octal or hex number, or -1 */
} json_scan;

static gboolean is_word_char(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

/* digits (n of them, no sign) as an integer beyond what gint64 holds:
 * 9223372036854775807, or ...808 when negative. */
static gboolean beyond_int64(const char *digits, gsize n, gboolean negative)
{
	const char *max = negative ? "9223372036854775808"
				   : "9223372036854775807";

	while (n > 1 && *digits == '0') {
		digits++;
		n--;
	}
	return n > 19 || (n == 19 && strncmp(digits, max, 19) > 0);
}

/* The number token at t[i] (a sign or a digit); returns its end. An
 * integer too large for gint64 is copied to out (when given) with ".0"
 * after it, so that json-glib reads it as the double ECMAScript would
 * make of it instead of wrapping. */
static gsize scan_number(const char *t, gsize i, gsize len, json_scan *sc,
			 GString *out)
{
	gsize start = i, digits;
	gboolean negative = t[i] == '-';

	if (negative)
		i++;
	digits = i;
	while (i < len && g_ascii_isdigit(t[i]))
		i++;
	/* json-glib reads 010 as octal and 0x10 as hex; JSON has neither. */
	if (i > digits && t[digits] == '0' &&
	    (i - digits > 1 || (i < len && (t[i] == 'x' || t[i] == 'X'))) &&
	    sc->bad_number < 0)
		sc->bad_number = (gssize)start;
	if (i < len && (t[i] == '.' || t[i] == 'e' || t[i] == 'E')) {
		while (i < len && (g_ascii_isdigit(t[i]) || t[i] == '.' ||
				   t[i] == 'e' || t[i] == 'E' || t[i] == '+' ||
				   t[i] == '-'))
			i++;
	} else if (i > digits && beyond_int64(t + digits, i - digits,
					       negative)) {
		sc->big_int = TRUE;
		if (out) {
			g_string_append_len(out, t + start, i - start);
			g_string_append(out, ".0");
			return i;
		}
	}
	if (out)
		g_string_append_len(out, t + start, i - start);
	return i;
}

/* One pass over text as json-glib's scanner splits it: "strings" with
 * backslash escapes, 'strings' without, C comments. Counting stops at the
 * first level too deep, before anything recursed. With out, the text is
 * copied there, big integers rewritten (see scan_number). */
static void json_scan_text(const char *t, gsize len, json_scan *sc,
			   GString *out)
{
	guint depth = 0;
	gsize i = 0;

	memset(sc, 0, sizeof(*sc));
	sc->bad_number = -1;
	while (i < len) {
		gsize from = i;
		char c = t[i];

		if (c == '"' || c == '\'') {
			for (i++; i < len && t[i] != c; i++)
				if (c == '"' && t[i] == '\\')
					i++;
			i = MIN(i + 1, len);
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			const char *end = g_strstr_len(t + i + 2, len - i - 2,
						       "*/");

			i = end ? (gsize)(end - t) + 2 : len;
		} else if ((c == '-' || g_ascii_isdigit(c)) &&
			   !(i > 0 && is_word_char(t[i - 1]))) {
			i = scan_number(t, i, len, sc, out);
			continue;
		} else {
			if (c == '[' || c == '{') {
				if (++depth > SCXML_JSON_MAX_DEPTH) {
					sc->too_deep = TRUE;
					return;
				}
			} else if ((c == ']' || c == '}') && depth > 0) {
				depth--;
			}
			i++;
		}
		if (out)
			g_string_append_len(out, t + from, i - from);
	}
}

gboolean scxml_json_too_deep(const char *text, gssize len)
{
	json_scan sc;

	if (!text)
		return FALSE;
	json_scan_text(text, len < 0 ? strlen(text) : (gsize)len, &sc, NULL);
	return sc.too_deep;
}

JsonNode *scxml_json_parse(const char *text, gssize len, GError **err)
{
	gsize n = len < 0 ? strlen(text) : (gsize)len;
	JsonParser *parser;
	JsonNode *node = NULL;
	GString *copy = NULL;
	json_scan sc;

	json_scan_text(text, n, &sc, NULL);
	if (sc.too_deep) {
		g_set_error(err, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
			    "arrays and objects nested deeper than %d levels",
			    SCXML_JSON_MAX_DEPTH);
		return NULL;
	}
	if (sc.bad_number >= 0) {
		g_set_error(err, JSON_PARSER_ERROR,
			    JSON_PARSER_ERROR_INVALID_DATA,
			    "a number with a leading zero (at byte %"
			    G_GSSIZE_FORMAT ")",
			    sc.bad_number + 1);
		return NULL;
	}
	if (sc.big_int) {
		copy = g_string_sized_new(n + 16);
		json_scan_text(text, n, &sc, copy);
		text = copy->str;
		n = copy->len;
	}
	parser = json_parser_new();
	if (json_parser_load_from_data(parser, text, (gssize)n, err))
		node = json_parser_steal_root(parser);
	g_object_unref(parser);
	if (copy)
		g_string_free(copy, TRUE);
	if (!node && err && !*err)
		g_set_error(err, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
			    "no JSON value");
	return node;
}
