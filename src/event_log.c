/*
 * Writes the event log as JSON lines with json-glib. By default each line
 * is flushed, so that a reader following the file (a test, `tail -f`) sees
 * events as they happen; serve, which logs for many sessions at once,
 * buffers and flushes once a second, and reopens the file after rotation.
 */
#include "config.h"

#include <errno.h>

#include "src/event_log.h"

struct event_log {
	FILE *out;
	gboolean owned;
	gboolean buffered;
	char *path; /* to reopen; NULL for stdout */
	JsonGenerator *gen;
	event_log_tap tap; /* serve's HTTP API and metrics, or NULL */
	void *tap_ud;
};

static event_log *open_mode(const char *path, const char *mode, GError **err)
{
	event_log *log;
	FILE *out;

	if (g_strcmp0(path, "-") == 0) {
		out = stdout;
	} else {
		out = fopen(path, mode);
		if (!out) {
			g_set_error(err, G_FILE_ERROR,
				    g_file_error_from_errno(errno),
				    "%s: cannot open event log: %s", path,
				    g_strerror(errno));
			return NULL;
		}
	}
	log = g_new0(event_log, 1);
	log->out = out;
	log->owned = out != stdout;
	log->path = log->owned ? g_strdup(path) : NULL;
	log->gen = json_generator_new();
	return log;
}

event_log *event_log_open(const char *path, GError **err)
{
	return open_mode(path, "w", err);
}

event_log *event_log_open_append(const char *path, GError **err)
{
	return open_mode(path, "a", err);
}

event_log *event_log_new_tap_only(void)
{
	event_log *log = g_new0(event_log, 1);

	log->gen = json_generator_new();
	return log;
}

void event_log_set_tap(event_log *log, event_log_tap tap, void *ud)
{
	log->tap = tap;
	log->tap_ud = ud;
}

void event_log_set_buffered(event_log *log, gboolean buffered)
{
	if (log)
		log->buffered = buffered;
}

void event_log_flush(event_log *log)
{
	if (log && log->out)
		fflush(log->out);
}

int event_log_reopen(event_log *log, GError **err)
{
	FILE *out;

	if (!log || !log->path)
		return 0;
	out = fopen(log->path, "a");
	if (!out) {
		g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno),
			    "%s: cannot reopen event log: %s", log->path,
			    g_strerror(errno));
		return -1;
	}
	fclose(log->out);
	log->out = out;
	return 0;
}

static void now_iso8601(JsonBuilder *b)
{
	GDateTime *now = g_date_time_new_now_utc();
	char *s = g_date_time_format_iso8601(now);

	json_builder_set_member_name(b, "time");
	json_builder_add_string_value(b, s);
	g_free(s);
	g_date_time_unref(now);
}

static void add_string_or_null(JsonBuilder *b, const char *name,
			       const char *value)
{
	json_builder_set_member_name(b, name);
	if (value)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

/* Ends the record being built in b, writes it as one line, and frees b. */
static void write_line(event_log *log, JsonBuilder *b)
{
	JsonNode *root;
	char *text;

	json_builder_end_object(b);
	root = json_builder_get_root(b);
	g_object_unref(b);

	json_generator_set_root(log->gen, root);
	text = json_generator_to_data(log->gen, NULL);
	/* Event data is made valid UTF-8 where it enters (SIP text, script
	 * strings); this keeps every line valid JSON whatever a future source
	 * forgets. The JSON syntax itself is ASCII and survives. */
	if (!g_utf8_validate(text, -1, NULL)) {
		char *valid = g_utf8_make_valid(text, -1);

		g_free(text);
		text = valid;
	}
	if (log->out) {
		fputs(text, log->out);
		fputc('\n', log->out);
		if (!log->buffered)
			fflush(log->out);
	}
	if (log->tap)
		log->tap(json_node_get_object(root), text, log->tap_ud);
	g_free(text);
	json_node_unref(root);
}

/* A session record (start, exit, call-released) begun in a new builder:
 * time, kind, session, in that order, as every such line has them. */
static JsonBuilder *session_record(const char *kind, scxml_session *s)
{
	JsonBuilder *b = json_builder_new();

	json_builder_begin_object(b);
	now_iso8601(b);
	add_string_or_null(b, "kind", kind);
	add_string_or_null(b, "session", scxml_session_id(s));
	return b;
}

void event_log_event(event_log *log, scxml_session *s, const scxml_event *ev)
{
	JsonBuilder *b;

	if (!log)
		return;
	b = json_builder_new();
	json_builder_begin_object(b);
	now_iso8601(b);
	add_string_or_null(b, "session", scxml_session_id(s));
	add_string_or_null(b, "kind", "event");
	add_string_or_null(b, "name", ev->name);
	add_string_or_null(b, "type", scxml_event_type_name(ev->type));
	add_string_or_null(b, "sendid", ev->sendid);
	add_string_or_null(b, "invokeid", ev->invokeid);
	json_builder_set_member_name(b, "data");
	if (ev->data)
		json_builder_add_value(b, json_node_copy(ev->data));
	else
		json_builder_add_null_value(b);
	write_line(log, b);
}

void event_log_start(event_log *log, scxml_session *s, const char *route,
		     const char *document)
{
	JsonBuilder *b;

	if (!log)
		return;
	b = session_record("start", s);
	add_string_or_null(b, "route", route);
	add_string_or_null(b, "document", document);
	write_line(log, b);
}

void event_log_exit(event_log *log, scxml_session *s, const char *final_id,
		    const char *reason, const char *route,
		    const char *document)
{
	JsonBuilder *b;

	if (!log)
		return;
	b = session_record("exit", s);
	add_string_or_null(b, "final", final_id);
	add_string_or_null(b, "reason", reason);
	if (route)
		add_string_or_null(b, "route", route);
	if (document)
		add_string_or_null(b, "document", document);
	write_line(log, b);
}

void event_log_call_released(event_log *log, scxml_session *s,
			     const char *interactionid, const char *cause)
{
	JsonBuilder *b;

	if (!log)
		return;
	b = session_record("call-released", s);
	add_string_or_null(b, "interactionid", interactionid);
	add_string_or_null(b, "cause", cause);
	write_line(log, b);
}

void event_log_close(event_log *log)
{
	if (!log)
		return;
	if (log->owned)
		fclose(log->out);
	else if (log->out)
		fflush(log->out);
	g_object_unref(log->gen);
	g_free(log->path);
	g_free(log);
}
