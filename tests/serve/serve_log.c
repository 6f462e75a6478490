/*
 * serve_log: checks the event log `sipscxml serve` (or `run`) wrote, for
 * the cases of tests/serve/:
 *
 *   serve_log LOG CHECK...
 *
 * Each CHECK is one of
 *   sessions=N       N sessions started (start records), each ended by one
 *                    exit record
 *   route:R=N        N sessions started on route R
 *   doc:R=SUFFIX     every session of route R ran a document whose path
 *                    ends with SUFFIX
 *   reason:X=N       N exit records with reason X
 *   final:S=N        N exit records with final state S
 *   event:NAME=N     N events named NAME (all sessions)
 *   paired           every interaction.added (and every call a session
 *                    placed: voice.createcall.done) has exactly one
 *                    interaction.deleted or call-released record (a call
 *                    the session's end released) of the same session and
 *                    interactionid, and no interaction.deleted or
 *                    call-released comes without one of those; no
 *                    call-released comes after its session's exit record
 *   released=N       N call-released records (all with cause
 *                    "session-ended")
 *   onecall          every session received exactly one interaction.added
 * It exits 0 when all hold, else prints what it saw and exits 1.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct seen {
	GHashTable *counts;   /* "route:R", "reason:X", ... → count */
	GHashTable *started;  /* session → route */
	GHashTable *docs;     /* session → document */
	GHashTable *exited;   /* session → exit records */
	GHashTable *calls;    /* "session interactionid" → added - deleted */
	GHashTable *added;    /* session → interaction.added count */
	gboolean ok;
} seen;

static const char *member_str(JsonObject *o, const char *name)
{
	JsonNode *n = o ? json_object_get_member(o, name) : NULL;

	if (!n || !JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

static void bump(GHashTable *t, const char *key, int by)
{
	gpointer old = g_hash_table_lookup(t, key);

	g_hash_table_replace(t, g_strdup(key),
			     GINT_TO_POINTER(GPOINTER_TO_INT(old) + by));
}

static int count(GHashTable *t, const char *key)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(t, key));
}

/* A call's start (add) or end (an interaction.deleted or a call-released
 * record, named by what) in the session. */
static void pair(seen *sn, const char *sess, const char *iid, gboolean add,
		 const char *what)
{
	g_autofree char *ck = g_strdup_printf("%s %s", sess, iid ? iid : "");

	if (!add && count(sn->calls, ck) != 1) {
		printf("serve_log: %s: %s of %s without a live "
		       "interaction.added\n",
		       sess, what, iid ? iid : "(none)");
		sn->ok = FALSE;
	}
	if (add && g_hash_table_contains(sn->calls, ck)) {
		printf("serve_log: %s: interaction.added of %s twice\n", sess,
		       iid ? iid : "(none)");
		sn->ok = FALSE;
	}
	bump(sn->calls, ck, add ? 1 : -1);
}

static void read_line(seen *sn, JsonObject *o)
{
	const char *kind = member_str(o, "kind");
	const char *sess = member_str(o, "session");
	const char *name = member_str(o, "name");
	g_autofree char *key = NULL;
	JsonObject *data = NULL;

	if (!kind || !sess)
		return;
	if (!strcmp(kind, "start")) {
		const char *route = member_str(o, "route");

		g_hash_table_replace(sn->started, g_strdup(sess),
				     g_strdup(route ? route : ""));
		g_hash_table_replace(sn->docs, g_strdup(sess),
				     g_strdup(member_str(o, "document")));
		key = g_strdup_printf("route:%s", route ? route : "");
		bump(sn->counts, key, 1);
		return;
	}
	if (!strcmp(kind, "call-released")) {
		const char *iid = member_str(o, "interactionid");

		bump(sn->counts, "released", 1);
		if (g_strcmp0(member_str(o, "cause"), "session-ended") ||
		    count(sn->exited, sess) > 0) {
			printf("serve_log: %s: call-released of %s with cause "
			       "%s, %s its exit record\n",
			       sess, iid ? iid : "(none)",
			       member_str(o, "cause"),
			       count(sn->exited, sess) ? "after" : "before");
			sn->ok = FALSE;
		}
		pair(sn, sess, iid, FALSE, "call-released");
		return;
	}
	if (!strcmp(kind, "exit")) {
		const char *final = member_str(o, "final");
		g_autofree char *k2 = NULL;

		bump(sn->exited, sess, 1);
		key = g_strdup_printf("reason:%s", member_str(o, "reason"));
		bump(sn->counts, key, 1);
		k2 = g_strdup_printf("final:%s", final ? final : "-");
		bump(sn->counts, k2, 1);
		return;
	}
	if (strcmp(kind, "event") || !name)
		return;
	key = g_strdup_printf("event:%s", name);
	bump(sn->counts, key, 1);
	if (json_object_has_member(o, "data") &&
	    JSON_NODE_HOLDS_OBJECT(json_object_get_member(o, "data")))
		data = json_object_get_object_member(o, "data");
	if (!strcmp(name, "interaction.added") ||
	    !strcmp(name, "voice.createcall.done") ||
	    !strcmp(name, "interaction.deleted")) {
		gboolean add = strcmp(name, "interaction.deleted") != 0;

		if (!strcmp(name, "interaction.added"))
			bump(sn->added, sess, 1);
		pair(sn, sess, member_str(data, "interactionid"), add, name);
	}
}

static gboolean read_log(seen *sn, const char *path)
{
	g_autofree char *text = NULL;
	g_auto(GStrv) lines = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		printf("serve_log: no event log %s\n", path);
		return FALSE;
	}
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		JsonParser *p;

		if (!**l)
			continue;
		p = json_parser_new();
		if (!json_parser_load_from_data(p, *l, -1, NULL)) {
			printf("serve_log: not JSON: %s\n", *l);
			sn->ok = FALSE;
		} else if (JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
			read_line(sn, json_node_get_object(
					      json_parser_get_root(p)));
		}
		g_object_unref(p);
	}
	return TRUE;
}

static gboolean check_paired(seen *sn)
{
	GHashTableIter it;
	gpointer k, v;
	gboolean ok = TRUE;

	g_hash_table_iter_init(&it, sn->calls);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (GPOINTER_TO_INT(v) == 0)
			continue;
		printf("serve_log: call %s: interaction.added without its "
		       "interaction.deleted or call-released\n",
		       (char *)k);
		ok = FALSE;
	}
	return ok;
}

static gboolean check_sessions(seen *sn, int want)
{
	GHashTableIter it;
	gpointer k, v;
	gboolean ok = (int)g_hash_table_size(sn->started) == want;

	if (!ok)
		printf("serve_log: %u sessions started, expected %d\n",
		       g_hash_table_size(sn->started), want);
	g_hash_table_iter_init(&it, sn->started);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (count(sn->exited, k) == 1)
			continue;
		printf("serve_log: session %s: %d exit records\n", (char *)k,
		       count(sn->exited, k));
		ok = FALSE;
	}
	return ok;
}

static gboolean check_onecall(seen *sn)
{
	GHashTableIter it;
	gpointer k, v;
	gboolean ok = TRUE;

	g_hash_table_iter_init(&it, sn->started);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (count(sn->added, k) == 1)
			continue;
		printf("serve_log: session %s (route %s): %d calls\n",
		       (char *)k, (char *)v, count(sn->added, k));
		ok = FALSE;
	}
	return ok;
}

static gboolean check_doc(seen *sn, const char *route, const char *suffix)
{
	GHashTableIter it;
	gpointer k, v;
	gboolean ok = TRUE;

	g_hash_table_iter_init(&it, sn->started);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const char *doc = g_hash_table_lookup(sn->docs, k);

		if (strcmp(v, route) || (doc && g_str_has_suffix(doc, suffix)))
			continue;
		printf("serve_log: session %s of route %s ran %s, not *%s\n",
		       (char *)k, route, doc ? doc : "(none)", suffix);
		ok = FALSE;
	}
	return ok;
}

static gboolean check_one(seen *sn, const char *c)
{
	const char *eq = strrchr(c, '=');
	g_autofree char *key = eq ? g_strndup(c, eq - c) : g_strdup(c);
	int want = eq ? atoi(eq + 1) : 0;

	if (!strcmp(c, "paired"))
		return check_paired(sn);
	if (!strcmp(c, "onecall"))
		return check_onecall(sn);
	if (!strcmp(key, "sessions"))
		return check_sessions(sn, want);
	if (g_str_has_prefix(key, "doc:"))
		return check_doc(sn, key + 4, eq + 1);
	if (count(sn->counts, key) != want) {
		printf("serve_log: %s: %d, expected %d\n", key,
		       count(sn->counts, key), want);
		return FALSE;
	}
	return TRUE;
}

int main(int argc, char **argv)
{
	seen sn = {
		.counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						NULL),
		.started = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, g_free),
		.docs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free),
		.exited = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						NULL),
		.calls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       NULL),
		.added = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       NULL),
		.ok = TRUE,
	};
	gboolean ok;

	if (argc < 2) {
		fprintf(stderr, "usage: serve_log LOG CHECK...\n");
		return 2;
	}
	ok = read_log(&sn, argv[1]) && sn.ok;
	for (int i = 2; i < argc; i++)
		if (!check_one(&sn, argv[i]))
			ok = FALSE;
	g_hash_table_unref(sn.counts);
	g_hash_table_unref(sn.started);
	g_hash_table_unref(sn.docs);
	g_hash_table_unref(sn.exited);
	g_hash_table_unref(sn.calls);
	g_hash_table_unref(sn.added);
	return ok ? 0 : 1;
}
