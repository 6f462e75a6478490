/*
 * event_log: the JSON event log side of a call-flow case (tests/sipp/,
 * tests/baresip/). run-case.sh runs it on the log `sipscxml run --events`
 * wrote once the session ended:
 *
 *   event_log LOG FINAL EXPECTED...
 *
 * It passes (exit 0) when
 *   - the session's exit record names the final state FINAL ("-": none,
 *     the session was stopped);
 *   - the call events of the log (voice.*, error.voice.*, interaction.*)
 *     are exactly EXPECTED: each word "name", "name:error" for an error
 *     event, "interaction.deleted:cause"; a word with a leading * may come
 *     any number of times (none too), anywhere (a retried action); a word
 *     with a leading ~ may come
 *     anywhere (it races with another party's messages), the others come
 *     in this order;
 *   - every result event carries a non-empty requestid, and every .done
 *     result an interactionid (the flow itself compares them with what it
 *     stored, and ends in "fail" otherwise).
 * Otherwise it prints what it saw against what was expected, and exits 1.
 * json-glib reads the log: no tool beyond the build's own dependencies.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

static const char *member_str(JsonObject *o, const char *name)
{
	JsonNode *n = o ? json_object_get_member(o, name) : NULL;

	if (!n || !JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

static gboolean is_call_event(const char *name)
{
	return g_str_has_prefix(name, "voice.") ||
	       g_str_has_prefix(name, "error.voice.") ||
	       g_str_has_prefix(name, "interaction.") ||
	       g_str_has_prefix(name, "error.interaction.");
}

/* Result events answer an action; interaction.added/.deleted do not. */
static gboolean is_result(const char *name)
{
	return !g_str_has_prefix(name, "interaction.deleted") &&
	       !g_str_has_prefix(name, "interaction.added");
}

/* One log line: appends the call event it holds to seen, or records the
 * final state. FALSE when a result lacks its ids. */
static gboolean read_line(JsonObject *o, GPtrArray *seen, char **final)
{
	const char *kind = member_str(o, "kind");
	const char *name = member_str(o, "name");
	JsonObject *data = NULL;
	const char *detail, *reqid, *iid;

	if (kind && !strcmp(kind, "exit")) {
		g_free(*final);
		*final = g_strdup(member_str(o, "final"));
		return TRUE;
	}
	if (!kind || strcmp(kind, "event") || !name || !is_call_event(name))
		return TRUE;
	if (json_object_has_member(o, "data") &&
	    JSON_NODE_HOLDS_OBJECT(json_object_get_member(o, "data")))
		data = json_object_get_object_member(o, "data");
	detail = member_str(data, "error");
	if (!detail && !strcmp(name, "interaction.deleted"))
		detail = member_str(data, "cause");
	g_ptr_array_add(seen, detail ? g_strdup_printf("%s:%s", name, detail)
				     : g_strdup(name));
	if (!is_result(name))
		return TRUE;
	reqid = member_str(data, "requestid");
	iid = member_str(data, "interactionid");
	/* An error may come before any call exists (a missing to). */
	if (!reqid || !*reqid ||
	    (g_str_has_suffix(name, ".done") && (!iid || !*iid))) {
		printf("event_log: %s without requestid or interactionid\n",
		       name);
		return FALSE;
	}
	return TRUE;
}

static gboolean read_log(const char *path, GPtrArray *seen, char **final)
{
	char *text = NULL;
	char **lines;
	gboolean ok = TRUE;

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		printf("event_log: no event log %s\n", path);
		return FALSE;
	}
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		JsonParser *p;
		JsonNode *root;

		if (!**l)
			continue;
		p = json_parser_new();
		if (!json_parser_load_from_data(p, *l, -1, NULL)) {
			printf("event_log: not JSON: %s\n", *l);
			ok = FALSE;
		} else {
			root = json_parser_get_root(p);
			if (JSON_NODE_HOLDS_OBJECT(root) &&
			    !read_line(json_node_get_object(root), seen, final))
				ok = FALSE;
		}
		g_object_unref(p);
	}
	g_strfreev(lines);
	g_free(text);
	return ok;
}

/* seen is the expected list: the * words any number of times, the ~ words
 * once anywhere, the others in order, nothing more. */
static gboolean events_match(char **want, int n_want, GPtrArray *seen)
{
	GPtrArray *rest = g_ptr_array_new();
	gboolean ok = TRUE;
	guint k = 0;

	for (guint i = 0; i < seen->len; i++)
		g_ptr_array_add(rest, seen->pdata[i]);
	for (int w = 0; w < n_want; w++) {
		if (want[w][0] != '*')
			continue;
		for (guint i = rest->len; i-- > 0;)
			if (!strcmp(rest->pdata[i], want[w] + 1))
				g_ptr_array_remove_index(rest, i);
	}
	for (int w = 0; w < n_want && ok; w++) {
		gboolean found = FALSE;

		if (want[w][0] != '~')
			continue;
		for (guint i = 0; i < rest->len && !found; i++)
			if (!strcmp(rest->pdata[i], want[w] + 1)) {
				g_ptr_array_remove_index(rest, i);
				found = TRUE;
			}
		ok = found;
	}
	for (int w = 0; w < n_want && ok; w++) {
		if (want[w][0] == '~' || want[w][0] == '*')
			continue;
		ok = k < rest->len && !strcmp(rest->pdata[k], want[w]);
		k++;
	}
	ok = ok && k == rest->len;
	g_ptr_array_unref(rest);
	return ok;
}

int main(int argc, char **argv)
{
	GPtrArray *seen;
	char *final = NULL;
	gboolean ok;

	if (argc < 3) {
		fprintf(stderr, "usage: event_log LOG FINAL EXPECTED...\n");
		return 2;
	}
	seen = g_ptr_array_new_with_free_func(g_free);
	ok = read_log(argv[1], seen, &final);
	if (!events_match(argv + 3, argc - 3, seen)) {
		printf("event_log: events:  ");
		for (guint i = 0; i < seen->len; i++)
			printf(" %s", (char *)seen->pdata[i]);
		printf("\nevent_log: expected:");
		for (int w = 3; w < argc; w++)
			printf(" %s", argv[w]);
		printf("\n");
		ok = FALSE;
	}
	if (g_strcmp0(final, strcmp(argv[2], "-") ? argv[2] : NULL)) {
		printf("event_log: final state %s, expected %s\n",
		       final ? final : "(none)", argv[2]);
		ok = FALSE;
	}
	g_ptr_array_unref(seen);
	g_free(final);
	return ok ? 0 : 1;
}
