/*
 * Private to the ECMAScript data model (scxml_dm_ecma*.c).
 *
 * One Duktape heap serves the whole engine. Each session's variables live in
 * a plain prototype-less scope object of its own ("S"), kept alive by the
 * heap stash; the global object stays clean, so sessions never see each
 * other's variables. Each document's expressions are compiled once, lazily,
 * into functions that run with S in scope (`with (S) …`); a call passes S.
 *
 * Parts:
 *   scxml_dm_ecma.c         the class table, engine/document/session life,
 *                           system variables
 *   scxml_dm_ecma_heap.c    the allocator: global and per-session accounts
 *   scxml_dm_ecma_lock.c    the built-ins frozen, the global object guarded
 *   scxml_dm_ecma_event.c   _event, built on first read
 *   scxml_dm_ecma_run.c     protected calls: deadline, current session,
 *                           error messages; the timeout hook; In()
 *   scxml_dm_ecma_compile.c the per-document cache of compiled functions
 *   scxml_dm_ecma_eval.c    declare, conditions, values, assignments, foreach
 *   scxml_dm_ecma_script.c  <script>: global-code eval and the global sweep
 *   scxml_dm_ecma_json.c    JsonNode <-> Duktape values
 */
#ifndef SCXML_DM_ECMA_PRIV_H
#define SCXML_DM_ECMA_PRIV_H

#include "scxml/scxml_datamodel.h"

#include "duktape.h"

/* The engine-wide state: the heap and what the evaluating session needs.
 * It is the heap's udata, so Duktape callbacks find it. */
typedef struct scxml_ecma_engine {
	duk_context *ctx;
	guint limit_ms;		  /* longest run of one evaluation */
	gboolean running;	  /* an evaluation runs (deadline armed) */
	gint64 deadline_us;	  /* coarse monotonic clock, set by arm() */
	gboolean timed_out;	  /* the running evaluation hit the deadline */
	struct scxml_dm *current; /* the session evaluating now (for In()) */
	gsize heap_bytes;	  /* bytes the heap holds (our allocator) */
	gsize heap_limit;	  /* most it may hold; 0: no limit */
	gboolean over_limit;	  /* an allocation was refused in this run */
	gsize session_limit;	  /* most one session's account may hold */
	gboolean over_session_limit; /* ... and that refused one */
	gboolean run_refused;	     /* ... at any time in this run (error
					reporting clears the one above) */
	GArray *accounts;	     /* per account: bytes held (heap.c) */
	GArray *free_accounts;	     /* ids of closed, empty accounts */
	guint32 owner;		     /* account charged now; 0: engine */
	guint next_slot;	  /* stash keys for sessions and documents */
	void *event_maker;	  /* heapptr: the function building _event */
	void *event_getter;	  /* heapptr: the getter of a pending _event */
	void *script_runner;	  /* heapptr: the global program for <script> */
	unsigned long global_shape; /* of the global object, when clean */
} scxml_ecma_engine;

/* What a compiled function of an expression does. */
typedef enum {
	ECMA_FN_VALUE,	/* function(S) { with (S) return (EXPR) } */
	ECMA_FN_STORE,	/* function(S, v) { with (S) (LOC) = v } */
	ECMA_FN_ASSIGN, /* function(S) { with (S) (LOC) = (EXPR) }, by LOC */
	ECMA_FN_KINDS
} scxml_ecma_fn_kind;

/* Per document: the compiled functions, by expression id and kind. The
 * functions live in a stash array (so the garbage collector keeps them);
 * fns holds their heap pointers for a fast push. */
typedef struct scxml_ecma_doc {
	scxml_ecma_engine *eng;
	guint n_exprs;
	void **fns;	    /* n_exprs * ECMA_FN_KINDS, NULL until compiled */
	guint *assign_expr; /* for ECMA_FN_ASSIGN: id of the EXPR compiled in */
	char key[24];	    /* stash key of the array */
} scxml_ecma_doc;

/* The event set last, until _event is first read (scxml_dm_ecma_event.c). */
typedef struct scxml_ecma_event {
	gboolean pending;
	char *name;
	scxml_event_type type;
	char *sendid, *origin, *origintype, *invokeid;
	JsonNode *data;
	char *raw; /* Basic HTTP: the request as received */
} scxml_ecma_event;

/* Per session: its scope object. */
struct scxml_dm {
	scxml_ecma_engine *eng;
	scxml_ecma_doc *doc;
	scxml_dm_host host;
	void *scope;  /* heapptr of S */
	char key[24]; /* stash key of S */
	scxml_ecma_event event;
	gboolean event_is_accessor; /* S._event is the lazy getter now */
	guint32 account;	    /* its memory account (heap.c) */
};

/* Called by Duktape (see scxml/ecma.mk) from its bytecode loop. */
int scxml_dm_ecma_timeout_check(void *udata);

/* The global object's property-slot count (scxml_duktape.c): it changes
 * when a property is added to the global object. */
unsigned long scxml_duk_global_shape(duk_context *ctx);

/* Bytes the engine's heap holds now (for tests and measurements). */
gsize scxml_dm_ecma_heap_bytes(void *engine_state);

/* ---- scxml_dm_ecma_heap.c ---- */

/* The heap, allocating through the accounts of eng (NULL on failure). */
duk_context *scxml_ecma_heap_new(scxml_ecma_engine *eng);
/* Destroy the heap and the accounts. */
void scxml_ecma_heap_free(scxml_ecma_engine *eng);
/* A new account for a session; closed when the session ends (its blocks
 * still alive are credited back to it as they are freed). */
guint32 scxml_ecma_account_open(scxml_ecma_engine *eng);
void scxml_ecma_account_close(scxml_ecma_engine *eng, guint32 id);
gsize scxml_ecma_account_bytes(scxml_ecma_engine *eng, guint32 id);

/* ---- scxml_dm_ecma_lock.c ---- */

/* Freeze every built-in reachable from the global object and guard the
 * global object itself (at engine init, in protected mode). */
void scxml_ecma_lock_builtins(duk_context *ctx);
/* Freeze a function the engine made and shares between sessions, and its
 * prototype object (a script may reach it, e.g. as arguments.callee). */
void scxml_ecma_freeze_shared(duk_context *ctx, duk_idx_t idx);

/* ---- scxml_dm_ecma_run.c ---- */

/* What a protected operation runs: returns >= 0, or -1 with *err set. */
typedef int (*scxml_ecma_body)(scxml_dm *dm, void *ud, GError **err);
/* Run body as session dm, in protected mode, under the deadline and
 * charging its allocations to the session's memory account. An error
 * thrown out of the body (out of memory in a push, the deadline) fails the
 * operation: *err names e (or says only why when e is NULL). Returns what
 * body returned, or -1. The value stack is left as it was. */
int scxml_ecma_protect(scxml_dm *dm, const scxml_expr *e, scxml_ecma_body body,
		       void *ud, GError **err);
/* The same without a deadline of its own: for <foreach>, whose body runs
 * the interpreter's actions, each evaluation with its own deadline. */
int scxml_ecma_protect_unarmed(scxml_dm *dm, const scxml_expr *e,
			       scxml_ecma_body body, void *ud, GError **err);
/* Run fn in protected mode with no session (engine and document set-up);
 * FALSE (and a warning naming what) when it threw. */
gboolean scxml_ecma_protect_engine(scxml_ecma_engine *eng,
				   duk_safe_call_function fn, void *ud,
				   const char *what);

/* Stack: [... fn args(nargs)] -> [... result] on success (returns 0), or
 * [... error] (returns -1). Sets the deadline (outermost call only) and the
 * current session around the call. */
int scxml_ecma_pcall(scxml_dm *dm, duk_idx_t nargs);
/* Same for a C function run in protected mode (duk_safe_call). */
int scxml_ecma_safe_call(scxml_dm *dm, duk_safe_call_function fn, void *ud,
			 duk_idx_t nargs, duk_idx_t nrets);
/* Pop the error on the stack top into *err, naming the expression:
 * `line 12: "foo.bar" : TypeError: …` (just the reason when e is NULL). */
void scxml_ecma_error(scxml_dm *dm, const scxml_expr *e, GError **err);
/* Pop the error on the stack top and return its text (String(error)). */
char *scxml_ecma_pop_error_text(scxml_dm *dm);
/* Install In() on the global object. */
void scxml_ecma_install_in(duk_context *ctx);

/* ---- scxml_dm_ecma_event.c ---- */

int scxml_ecma_event_init(scxml_ecma_engine *eng);
int scxml_ecma_set_event(scxml_dm *dm, const scxml_event *ev);
void scxml_ecma_event_free(scxml_dm *dm);
/* S.name = the value on the stack top (popped), read-only for the
 * document: writes from non-strict code are ignored, <assign> refuses them
 * (scxml_dm_ecma_compile.c); FORCE lets us replace it. */
void scxml_ecma_define_system(duk_context *ctx, duk_idx_t scope,
			      const char *name);

/* ---- scxml_dm_ecma_compile.c ---- */

/* Push the compiled function of e for kind (value: the EXPR of an
 * ECMA_FN_ASSIGN, else NULL). Returns 0, or -1 with *err set (nothing
 * pushed). */
int scxml_ecma_push_fn(scxml_dm *dm, const scxml_expr *e,
		       scxml_ecma_fn_kind kind, const scxml_expr *value,
		       GError **err);
/* When loc is a bare identifier, return its length (name starts at
 * *start); 0 otherwise. */
gsize scxml_ecma_bare_ident(const char *loc, const char **start);
/* TRUE for _event, _sessionid, _name, _ioprocessors. */
gboolean scxml_ecma_is_system_name(const char *name, gsize len);

/* ---- scxml_dm_ecma_json.c ---- */

/* Push node as a value (NULL: undefined). Never fails but on memory. */
void scxml_ecma_push_json(duk_context *ctx, JsonNode *node);
/* Pop the value on the stack top into *out, a new node (NULL for
 * undefined). Returns 0, or -1 with *err set (cycles, a throwing getter). */
int scxml_ecma_pop_json(scxml_dm *dm, JsonNode **out, GError **err);
/* Push text as data content: JSON when it parses, a DOM when it is
 * well-formed XML, other text starting with '<' as a string trimmed at both
 * ends, else the string with its white space normalised. XML declaring an
 * entity is refused: undefined pushed, *refusal set (to free); else NULL.
 * Never fails but on memory. */
void scxml_ecma_push_text(duk_context *ctx, const char *text,
			  char **refusal);
/* Well-formed XML text as a DOM document; FALSE (nothing pushed) when the
 * text is not XML, or declares an entity (*refusal then says so; to free)
 * (scxml_dm_ecma_dom.c). */
gboolean scxml_ecma_push_xml(duk_context *ctx, const char *text,
			     char **refusal);

/* ---- scxml_dm_ecma_eval.c: the class operations of the same names ---- */

int scxml_ecma_declare(scxml_dm *dm, const char *id, const scxml_expr *expr,
		       const char *text, GError **err);
int scxml_ecma_set_string(scxml_dm *dm, const char *id, const char *value,
			  GError **err);
int scxml_ecma_eval_cond(scxml_dm *dm, const scxml_expr *cond, GError **err);
JsonNode *scxml_ecma_eval_value(scxml_dm *dm, const scxml_expr *expr,
				GError **err);
char *scxml_ecma_eval_string(scxml_dm *dm, const scxml_expr *expr,
			     GError **err);
int scxml_ecma_assign(scxml_dm *dm, const scxml_expr *location,
		      const scxml_expr *expr, const char *text, GError **err);
int scxml_ecma_assign_value(scxml_dm *dm, const scxml_expr *location,
			    JsonNode *value, GError **err);
int scxml_ecma_check_location(scxml_dm *dm, const scxml_expr *location,
			      GError **err);
int scxml_ecma_foreach(scxml_dm *dm, const scxml_expr *array,
		       const scxml_expr *item, const scxml_expr *index,
		       scxml_dm_foreach_fn body, void *ud, GError **err);
JsonNode *scxml_ecma_get_location(scxml_dm *dm, const scxml_expr *location,
				  GError **err);

/* ---- scxml_dm_ecma_script.c ---- */

/* Set up the global program that runs scripts (at engine init). */
int scxml_ecma_script_init(duk_context *ctx, void **runner);
int scxml_ecma_exec_script(scxml_dm *dm, const scxml_expr *code, GError **err);
/* Move leaked globals (new own enumerable properties of the global object)
 * into S and delete them from the global. Called by the run wrappers when
 * the global object's shape changed; runs under the current deadline. */
void scxml_ecma_sweep_globals(scxml_dm *dm);

/* The class's check_syntax (scxml_dm_ecma_compile.c). */
int scxml_ecma_check_syntax(void *engine_state, const scxml_expr *e,
			    GError **err);

/* A Duktape string as UTF-8 (surrogate pairs joined, anything else that is
 * not UTF-8 as U+FFFD); NULL when s is valid already (scxml_dm_ecma_json.c). */
char *scxml_ecma_utf8_from_duk(const char *s);

#endif
