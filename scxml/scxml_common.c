/*
 * Small shared pieces of the public API: problems, events, the data model
 * error domain. Kept apart so that the parser and the interpreter can both
 * use them without depending on each other.
 */
#include "config.h"

#include <sipscxml/scxml.h>

#include "scxml/scxml_datamodel.h"

G_DEFINE_QUARK(scxml-dm-error-quark, scxml_dm_error)

void scxml_problem_free(scxml_problem *p)
{
	if (!p)
		return;
	g_free(p->file);
	g_free(p->reason);
	g_free(p);
}

scxml_event *scxml_event_new(const char *name, scxml_event_type type,
			     JsonNode *data)
{
	scxml_event *ev = g_new0(scxml_event, 1);

	ev->name = g_strdup(name);
	ev->type = type;
	ev->data = data;
	return ev;
}

void scxml_event_free(scxml_event *ev)
{
	if (!ev)
		return;
	g_free(ev->name);
	g_free(ev->sendid);
	g_free(ev->origin);
	g_free(ev->origintype);
	g_free(ev->invokeid);
	if (ev->data)
		json_node_unref(ev->data);
	g_free(ev->raw);
	g_free(ev);
}

const char *scxml_event_type_name(scxml_event_type type)
{
	switch (type) {
	case SCXML_EVENT_PLATFORM:
		return "platform";
	case SCXML_EVENT_INTERNAL:
		return "internal";
	case SCXML_EVENT_EXTERNAL:
		return "external";
	}
	return "external";
}

gboolean scxml_delay_parse(const char *text, guint64 *ms)
{
	char *end;
	double v;

	if (!text)
		return FALSE;
	while (g_ascii_isspace(*text))
		text++;
	/* g_ascii_strtod would accept "inf", hex and exponents: a CSS2 time
	 * is digits with an optional fraction, then s or ms. */
	if (!g_ascii_isdigit(*text) && *text != '.')
		return FALSE;
	v = g_ascii_strtod(text, &end);
	if (end == text || v < 0)
		return FALSE;
	for (const char *c = text; c < end; c++)
		if (!g_ascii_isdigit(*c) && *c != '.')
			return FALSE;
	if (g_str_has_prefix(end, "ms")) {
		end += 2;
	} else if (*end == 's') {
		v *= 1000;
		end++;
	} else {
		return FALSE;
	}
	while (g_ascii_isspace(*end))
		end++;
	if (*end)
		return FALSE;
	*ms = (guint64)(v + 0.5);
	return TRUE;
}

char *scxml_excerpt(const char *text)
{
	const char *end;

	if (!text)
		return g_strdup("");
	end = text;
	for (guint n = 0; *end && n < SCXML_EXCERPT_CHARS; n++)
		end = g_utf8_find_next_char(end, NULL);
	if (!*end)
		return g_strdup(text);
	return g_strdup_printf("%.*s…", (int)(end - text), text);
}
