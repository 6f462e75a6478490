/*
 * sipscxml — public API of the SCXML interpreter.
 *
 * The interpreter knows nothing of SIP. A program creates one engine per main
 * loop, loads documents (immutable, shared by every session started from them),
 * starts sessions, and feeds them external events. Modules such as the voice
 * module plug in through the extension registry (scxml_ext.h).
 *
 * Threading: everything runs on the GMainContext given to scxml_engine_new();
 * no function here may be called from another thread.
 */
#ifndef SIPSCXML_SCXML_H
#define SIPSCXML_SCXML_H

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct scxml_engine scxml_engine;
typedef struct scxml_doc scxml_doc;
typedef struct scxml_session scxml_session;

/* One problem found while loading a document: "file:line: reason". */
typedef struct scxml_problem {
	char *file;   /* path or name given at load time */
	int line;     /* 1-based; 0 when unknown */
	char *reason; /* one sentence, no trailing newline */
} scxml_problem;

void scxml_problem_free(scxml_problem *p);

/* ---- engine ---------------------------------------------------------- */

/* ctx: the main context timers and delayed sends run on (NULL = default). */
scxml_engine *scxml_engine_new(GMainContext *ctx);
void scxml_engine_free(scxml_engine *engine);
GMainContext *scxml_engine_context(scxml_engine *engine);

/* Longest time one script or expression may run before it is aborted with
 * error.execution (default 2000 ms). */
void scxml_engine_set_script_limit_ms(scxml_engine *engine, guint ms);
/* Most memory the scripts of all sessions may hold together (default
 * 512 MiB; 0: no limit). An allocation beyond it fails the script or
 * expression with error.execution, so one runaway flow cannot take the
 * machine's memory from the others. */
void scxml_engine_set_script_memory_limit(scxml_engine *engine, gsize bytes);
/* Most memory the scripts of one session may hold (default 64 MiB; 0: no
 * limit): what the session's own code allocated and still holds. Past it
 * the session's script or expression fails with error.execution; the other
 * sessions' allocations go on. */
void scxml_engine_set_session_memory_limit(scxml_engine *engine, gsize bytes);

/* What src= (<data>, <script>, <invoke>) may read: a path or file: URI,
 * relative to the document's folder, naming a regular file of at most
 * max_bytes (default 1 MiB; 0 keeps the current limit), inside dir when dir
 * is not NULL (symbolic links and ".." followed first; NULL: anywhere).
 * The Basic HTTP server sets a root so that a document posted to it cannot
 * read the host's files. */
#define SCXML_DEFAULT_SRC_SIZE_LIMIT ((gsize)1 << 20)
void scxml_engine_set_src_limits(scxml_engine *engine, const char *dir,
				 gsize max_bytes);

/* Bounds on what one session may hold or do, the same for every session of
 * the engine; 0: no bound. A <send> or <raise> past a queue or timer bound
 * fails with an error event and the session goes on; a session that keeps
 * failing so, that keeps sending itself (or another session) events with
 * no outside input, or whose macrostep runs too long, is stopped
 * (SCXML_EXIT_ERROR, scxml_session_failure() says why). */
typedef struct scxml_session_limits {
	guint max_internal_events;     /* queued internal events (10000) */
	guint max_external_events;     /* queued external events (10000) */
	guint max_timers;	       /* pending delayed <send>s (1000) */
	guint max_event_chain;	       /* events sent in a row with no delay and
					  no outside input in between (100000) */
	guint macrostep_time_limit_ms; /* wall clock of one macrostep (4000) */
} scxml_session_limits;

void scxml_engine_get_session_limits(scxml_engine *engine,
				     scxml_session_limits *out);
/* Sessions already running see the new bounds at their next step. */
void scxml_engine_set_session_limits(scxml_engine *engine,
				     const scxml_session_limits *limits);

/* ---- documents -------------------------------------------------------- */

/* Parse and validate. On failure returns NULL and, when problems is not NULL,
 * stores a new GPtrArray of scxml_problem* (free with g_ptr_array_unref). A
 * document with any problem is refused: nothing of it runs. */
scxml_doc *scxml_doc_load_file(scxml_engine *engine, const char *path,
			       GPtrArray **problems);
/* name: used in problems and as the base for relative src= (may be NULL). */
scxml_doc *scxml_doc_load_memory(scxml_engine *engine, const char *buf,
				 gsize len, const char *name,
				 GPtrArray **problems);
scxml_doc *scxml_doc_ref(scxml_doc *doc);
void scxml_doc_unref(scxml_doc *doc);
/* Compiles every expression, location and script of a loaded document (and
 * of the documents inline in its <invoke>s) without running any, and
 * returns a new array of scxml_problem* for those that would fail to compile
 * — empty when all do. Such a document still runs: the spec makes each of
 * them an error.execution when it is evaluated. `sipscxml check` reports
 * them so that a typo is found before a call reaches it. */
GPtrArray *scxml_doc_check_expressions(const scxml_doc *doc);
/* The document's states and transitions as a Graphviz digraph (DOT text,
 * new string): compound states are clusters, edges carry events and
 * [conditions] (scxml_dot.c). */
char *scxml_doc_to_dot(const scxml_doc *doc);
const char *scxml_doc_name(const scxml_doc *doc); /* <scxml name> or NULL */
/* TRUE when some element of the document lives in namespace ns. */
gboolean scxml_doc_uses_namespace(const scxml_doc *doc, const char *ns);

/* ---- events ----------------------------------------------------------- */

typedef enum {
	SCXML_EVENT_PLATFORM,
	SCXML_EVENT_INTERNAL,
	SCXML_EVENT_EXTERNAL,
} scxml_event_type;

typedef struct scxml_event {
	char *name;
	scxml_event_type type;
	char *sendid;     /* NULL when none */
	char *origin;     /* NULL when none */
	char *origintype; /* NULL when none */
	char *invokeid;   /* NULL when none */
	JsonNode *data;   /* NULL when none */
	char *raw;        /* the message as received (Basic HTTP), or NULL */
} scxml_event;

/* data is taken (may be NULL). */
scxml_event *scxml_event_new(const char *name, scxml_event_type type,
			     JsonNode *data);
void scxml_event_free(scxml_event *ev);
const char *scxml_event_type_name(scxml_event_type type); /* "internal"… */
/* Event data is UTF-8 JSON. Text from outside (the network, a command line)
 * may hold any bytes: these make it valid, each bad sequence becoming
 * U+FFFD. A string node of text; a member name → text of o (both made
 * valid). */
JsonNode *scxml_json_text(const char *text);
void scxml_json_object_set_text(JsonObject *o, const char *name,
				const char *text);
/* JSON text from outside as event data (len -1: up to the NUL). Arrays and
 * objects may nest SCXML_JSON_MAX_DEPTH levels: deeper text is refused
 * before json-glib's parser, which recurses, sees it (the interpreter's
 * conversions recurse too). An integer beyond 64 bits becomes a double, as
 * ECMAScript's JSON.parse reads it, instead of wrapping. NULL and *err
 * (JSON_PARSER_ERROR) when the text is refused. */
#define SCXML_JSON_MAX_DEPTH 512
JsonNode *scxml_json_parse(const char *text, gssize len, GError **err);
/* TRUE when text (len -1: up to the NUL) holds arrays or objects nested
 * deeper than SCXML_JSON_MAX_DEPTH; brackets inside strings do not count. */
gboolean scxml_json_too_deep(const char *text, gssize len);

/* ---- sessions --------------------------------------------------------- */

typedef enum {
	SCXML_EXIT_DONE,    /* a top-level final state was reached */
	SCXML_EXIT_CANCEL,  /* stopped from outside (scxml_session_stop) */
	SCXML_EXIT_ERROR,   /* the session could not go on */
} scxml_exit_reason;

/* Observers; every member may be NULL. */
typedef struct scxml_session_hooks {
	/* Before each event is processed (the event log). */
	void (*on_event)(scxml_session *s, const scxml_event *ev, void *ud);
	/* After the session reached a stable configuration: at start (ev NULL),
	 * after each external event (ev = that event, NULL for a macrostep
	 * started by a timer with no event name to show). */
	void (*on_stable)(scxml_session *s, const scxml_event *ev, void *ud);
	/* <log label expr>: value already turned to a string. */
	void (*on_log)(scxml_session *s, const char *label, const char *value,
		       void *ud);
	/* Once, when the session ends. final_id: the top-level final state
	 * reached, or NULL. */
	void (*on_exit)(scxml_session *s, const char *final_id,
			scxml_exit_reason reason, void *ud);
} scxml_session_hooks;

scxml_session *scxml_session_new(scxml_engine *engine, scxml_doc *doc,
				 const scxml_session_hooks *hooks, void *ud);
/* Before start: set top-level <data id=name> to the string value (replaces
 * its expr). Returns 0, or -1 when the document has no such data item. */
int scxml_session_define(scxml_session *s, const char *name,
			 const char *value);
/* Before start: set top-level <data id=name> to a JSON value (taken; NULL:
 * null), replacing its expr, whether or not the document declares it (a
 * host checks that first with scxml_session_define). */
void scxml_session_define_value(scxml_session *s, const char *name,
				JsonNode *value);
/* Enter the initial configuration and run to a stable configuration. */
int scxml_session_start(scxml_session *s);
/* Queue an external event (taken). It is never processed inside this call:
 * the session's run on the engine's main context (one source per session,
 * however many events are queued) takes it up to a stable configuration,
 * so a SIP or HTTP callback that posts returns before any macrostep runs.
 * Iterate the main context to see its effect. */
void scxml_session_post(scxml_session *s, scxml_event *ev);
/* Ends the session (cancels timers and invoked children); on_exit runs with
 * SCXML_EXIT_CANCEL unless the session had already ended. */
void scxml_session_stop(scxml_session *s);
/* Frees the session (stopping it first if needed). */
void scxml_session_free(scxml_session *s);

const char *scxml_session_id(const scxml_session *s);
scxml_engine *scxml_session_engine(const scxml_session *s);
gboolean scxml_session_finished(const scxml_session *s);
/* Why the engine stopped the session (it ended with SCXML_EXIT_ERROR), as a
 * short word for logs: "macrostep-loop" (eventless transitions or raised
 * events never settle), "macrostep-time-limit", "event-loop" (events sent
 * in a row past max_event_chain), "event-flood" (queue or timer bounds hit
 * again and again); NULL otherwise. */
const char *scxml_session_failure(const scxml_session *s);
/* TRUE while a delayed <send> or an invoked child session is pending. */
gboolean scxml_session_pending(const scxml_session *s);
/* Atomic states of the configuration, in document order; NULL-terminated,
 * free with g_free (the strings belong to the document). */
const char **scxml_session_configuration(const scxml_session *s);

/* Per-module data that lives as long as the session: destroy runs when the
 * session ends (before on_exit), so a module can release what it holds. */
void scxml_session_set_module_data(scxml_session *s, const char *key,
				   void *data, GDestroyNotify destroy);
void *scxml_session_get_module_data(scxml_session *s, const char *key);

G_END_DECLS

#endif
