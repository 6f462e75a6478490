/*
 * Values crossing the data model seam: JsonNode (json-glib) to Duktape and
 * back. JSON null is null; no node (NULL) is undefined. Integers stay
 * integers on the way out: a number with no fraction that a double holds
 * exactly becomes a JSON integer.
 *
 * Objects going out pass through Duktape's own JSON encoder (cycles, toJSON,
 * getters and functions are handled as JSON.stringify does), then json-glib
 * parses the text; primitives are converted directly.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

static void push_json_at(duk_context *ctx, JsonNode *node, guint depth)
{
	/* Each nesting level holds two more slots; running out of value
	 * stack outside a protected call would be fatal, so a value nested
	 * beyond what the stack can grow to is cut off as undefined. JSON
	 * from text is never nested deeper than SCXML_JSON_MAX_DEPTH
	 * (scxml_json_parse); the depth bound keeps this recursion from
	 * overflowing the C stack whatever built the node. */
	if (!node || depth > SCXML_JSON_MAX_DEPTH || !duk_check_stack(ctx, 3)) {
		duk_push_undefined(ctx);
		return;
	}
	switch (json_node_get_node_type(node)) {
	case JSON_NODE_NULL:
		duk_push_null(ctx);
		break;
	case JSON_NODE_VALUE:
		switch (json_node_get_value_type(node)) {
		case G_TYPE_INT64:
			duk_push_number(ctx, (double)json_node_get_int(node));
			break;
		case G_TYPE_DOUBLE:
			duk_push_number(ctx, json_node_get_double(node));
			break;
		case G_TYPE_BOOLEAN:
			duk_push_boolean(ctx, json_node_get_boolean(node));
			break;
		case G_TYPE_STRING:
			duk_push_string(ctx, json_node_get_string(node));
			break;
		default:
			duk_push_undefined(ctx);
			break;
		}
		break;
	case JSON_NODE_ARRAY: {
		JsonArray *a = json_node_get_array(node);
		guint n = json_array_get_length(a);

		duk_push_array(ctx);
		for (guint i = 0; i < n; i++) {
			push_json_at(ctx, json_array_get_element(a, i),
				     depth + 1);
			duk_put_prop_index(ctx, -2, i);
		}
		break;
	}
	case JSON_NODE_OBJECT: {
		JsonObjectIter it;
		const char *name;
		JsonNode *member;

		duk_push_object(ctx);
		json_object_iter_init(&it, json_node_get_object(node));
		while (json_object_iter_next(&it, &name, &member)) {
			push_json_at(ctx, member, depth + 1);
			duk_put_prop_string(ctx, -2, name);
		}
		break;
	}
	}
}

void scxml_ecma_push_json(duk_context *ctx, JsonNode *node)
{
	push_json_at(ctx, node, 0);
}

/* A surrogate code unit as Duktape stores it (CESU-8: ED A0..BF xx), or 0. */
static gunichar cesu_surrogate(const guchar *p, const guchar *end)
{
	if (end - p >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF &&
	    (p[2] & 0xC0) == 0x80)
		return 0xD000 | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	return 0;
}

/* Duktape's strings are not always UTF-8: a character outside the BMP
 * written as "\uD83D\uDE00" (or built by String.fromCharCode) is kept as
 * two surrogates in CESU-8, a lone surrogate stays alone, and data from the
 * network may hold any byte. JSON is UTF-8: a surrogate pair becomes its
 * character, and anything else that is not UTF-8 becomes one U+FFFD.
 * Returns NULL when s is already valid (the usual case: no copy). */
char *scxml_ecma_utf8_from_duk(const char *s)
{
	const guchar *p = (const guchar *)s, *end;
	GString *out;

	if (!s || g_utf8_validate(s, -1, NULL))
		return NULL;
	end = p + strlen(s);
	out = g_string_sized_new(end - p + 8);
	while (p < end) {
		gunichar hi = cesu_surrogate(p, end), lo, c;

		if (hi >= 0xD800 && hi <= 0xDBFF &&
		    (lo = cesu_surrogate(p + 3, end)) >= 0xDC00) {
			g_string_append_unichar(
				out, 0x10000 + ((hi - 0xD800) << 10) +
					     (lo - 0xDC00));
			p += 6;
			continue;
		}
		if (hi) {
			g_string_append_unichar(out, 0xFFFD);
			p += 3;
			continue;
		}
		c = g_utf8_get_char_validated((const char *)p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append_unichar(out, 0xFFFD);
			p++;
			continue;
		}
		g_string_append_len(out, (const char *)p,
				    g_utf8_next_char(p) - (const char *)p);
		p = (const guchar *)g_utf8_next_char(p);
	}
	return g_string_free(out, FALSE);
}

static JsonNode *utf8_string_node(const char *s)
{
	char *valid = scxml_ecma_utf8_from_duk(s);
	JsonNode *node =
		json_node_init_string(json_node_alloc(), valid ? valid : s);

	g_free(valid);
	return node;
}

static JsonNode *number_node(double d)
{
	JsonNode *n = json_node_alloc();

	if (!isfinite(d))
		return json_node_init_null(n);
	if (d == floor(d) && fabs(d) < 9007199254740992.0 &&
	    !(d == 0 && signbit(d)))
		return json_node_init_int(n, (gint64)d);
	return json_node_init_double(n, d);
}

static duk_ret_t encode_top(duk_context *ctx, void *ud)
{
	duk_json_encode(ctx, -1);
	return 1;
}

int scxml_ecma_pop_json(scxml_dm *dm, JsonNode **out, GError **err)
{
	duk_context *ctx = dm->eng->ctx;
	const char *text;
	JsonNode *node = NULL;
	GError *perr = NULL;

	*out = NULL;
	switch (duk_get_type(ctx, -1)) {
	case DUK_TYPE_NONE:
	case DUK_TYPE_UNDEFINED:
		break;
	case DUK_TYPE_NULL:
		node = json_node_init_null(json_node_alloc());
		break;
	case DUK_TYPE_BOOLEAN:
		node = json_node_init_boolean(json_node_alloc(),
					      duk_get_boolean(ctx, -1));
		break;
	case DUK_TYPE_NUMBER:
		node = number_node(duk_get_number(ctx, -1));
		break;
	case DUK_TYPE_STRING:
		node = utf8_string_node(duk_get_string(ctx, -1));
		break;
	default:
		if (scxml_ecma_safe_call(dm, encode_top, NULL, 1, 1)) {
			char *why = scxml_ecma_pop_error_text(dm);

			g_set_error(err, SCXML_DM_ERROR, 1,
				    "value cannot be turned to JSON: %s", why);
			g_free(why);
			return -1;
		}
		/* undefined when the value has no JSON form (a function) */
		text = duk_get_string(ctx, -1);
		if (text) {
			char *valid = scxml_ecma_utf8_from_duk(text);

			/* Duktape's encoder nests up to 1000 levels; event
			 * data goes as deep as JSON text from outside. */
			node = scxml_json_parse(valid ? valid : text, -1,
						&perr);
			g_free(valid);
			if (!node) {
				g_set_error(err, SCXML_DM_ERROR, 1,
					    "value cannot be turned to JSON: "
					    "%s",
					    perr->message);
				g_error_free(perr);
				duk_pop(ctx);
				return -1;
			}
		}
		break;
	}
	duk_pop(ctx);
	*out = node;
	return 0;
}

static duk_ret_t decode_top(duk_context *ctx, void *ud)
{
	duk_json_decode(ctx, -1);
	return 1;
}

/* Runs of white space become one space; none at either end. */
static char *normalize_space(const char *text)
{
	GString *s = g_string_sized_new(strlen(text));
	gboolean gap = FALSE;

	for (const char *p = text; *p; p++) {
		if (g_ascii_isspace(*p)) {
			gap = s->len > 0;
			continue;
		}
		if (gap)
			g_string_append_c(s, ' ');
		gap = FALSE;
		g_string_append_c(s, *p);
	}
	return g_string_free(s, FALSE);
}

void scxml_ecma_push_text(duk_context *ctx, const char *text, char **refusal)
{
	char *norm;

	*refusal = NULL;
	duk_push_string(ctx, text);
	if (duk_safe_call(ctx, decode_top, NULL, 1, 1) == DUK_EXEC_SUCCESS)
		return;
	duk_pop(ctx);
	/* Well-formed XML becomes a DOM (scxml_dm_ecma_dom.c). */
	if (scxml_ecma_push_xml(ctx, text, refusal))
		return;
	if (*refusal) {
		duk_push_undefined(ctx);
		return;
	}
	/* Other text that looks like markup stays as written, but for the
	 * ends: collapsing its white space could break an embedded script. */
	norm = g_strstrip(g_strdup(text));
	if (norm[0] != '<') {
		g_free(norm);
		norm = normalize_space(text);
	}
	duk_push_string(ctx, norm);
	g_free(norm);
}
