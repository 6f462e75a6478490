/*
 * The data model seam. The interpreter never touches a script engine: it asks
 * its session's data model, through this table, to declare data, evaluate
 * conditions and values, assign locations and run scripts. Two classes exist:
 * "ecmascript" (scxml_dm_ecma.c, Duktape) and "null" (scxml_dm_null.c).
 *
 * Values crossing the seam are JsonNode (event data, <send> params, donedata,
 * extension attributes). A JSON null node stands for null; NULL (no node)
 * stands for undefined.
 *
 * Errors: every fallible call returns a negative number (or NULL) and sets
 * *err with a message naming the expression; the interpreter turns that into
 * error.execution and goes on.
 *
 * State has three levels, so that a session costs little memory:
 *   engine  — created once per engine and class (the shared Duktape heap);
 *   doc     — once per document (compiled forms of its expressions, by id);
 *   session — one per session (its variables).
 */
#ifndef SCXML_DATAMODEL_H
#define SCXML_DATAMODEL_H

#include "scxml/scxml_model.h"

typedef struct scxml_dm scxml_dm; /* a session's data model (class-private) */

/* What the data model may ask of its session. */
typedef struct scxml_dm_host {
	/* In(id): is the state in the current configuration? */
	gboolean (*in_state)(void *ud, const char *state_id);
	/* A run of the session's code was refused memory by the per-session
	 * limit (once per run, however often it was refused): the session
	 * decides whether it has gone on long enough. NULL: nothing. */
	void (*memory_refused)(void *ud);
	void *ud;
} scxml_dm_host;

/* Called by foreach for each item, after item/index were assigned. Return
 * negative to stop the loop (an error was raised in the body). */
typedef int (*scxml_dm_foreach_fn)(void *ud);

struct scxml_datamodel_class {
	const char *name;

	void *(*engine_init)(scxml_engine *engine);
	void (*engine_free)(void *engine_state);
	void (*set_script_limit_ms)(void *engine_state, guint ms);
	/* Most bytes the class's scripts may hold, all sessions together
	 * (0: no limit). An allocation beyond it fails: error.execution. */
	void (*set_memory_limit)(void *engine_state, gsize bytes);
	/* Most bytes the scripts of one session may hold (0: no limit); the
	 * same error past it, the other sessions unaffected. */
	void (*set_session_memory_limit)(void *engine_state, gsize bytes);

	void *(*doc_init)(void *engine_state, const scxml_doc *doc);
	void (*doc_free)(void *engine_state, void *doc_state);

	scxml_dm *(*session_new)(void *engine_state, void *doc_state,
				 const scxml_dm_host *host);
	void (*session_free)(scxml_dm *dm);

	/* Create data item id. Its value: expr evaluated; else text (inline
	 * content or the loaded src: JSON when it parses as JSON, else the
	 * string, whitespace-normalized as the spec says); else undefined.
	 * Late binding declares every item first with both NULL, then calls
	 * declare again with the value when its state is first entered. */
	int (*declare)(scxml_dm *dm, const char *id, const scxml_expr *expr,
		       const char *text, GError **err);
	/* --define: set a declared item to a string. */
	int (*set_string)(scxml_dm *dm, const char *id, const char *value,
			  GError **err);

	/* System variables. Read-only for the document: an assignment to them
	 * raises error.execution. */
	int (*set_system)(scxml_dm *dm, const char *name, JsonNode *value);
	/* _event for the event about to be processed (NULL: none yet). */
	int (*set_event)(scxml_dm *dm, const scxml_event *ev);

	/* 1 true, 0 false, negative on error. */
	int (*eval_cond)(scxml_dm *dm, const scxml_expr *cond, GError **err);
	/* New node (JSON null for null), NULL for undefined; *err set and
	 * NULL returned on error — check *err. */
	JsonNode *(*eval_value)(scxml_dm *dm, const scxml_expr *expr,
				GError **err);
	/* The value turned to a string as the language does (String(x)). */
	char *(*eval_string)(scxml_dm *dm, const scxml_expr *expr,
			     GError **err);
	/* <assign location expr|content>: text is inline content (JSON when
	 * it parses, else string), used when expr is NULL. */
	int (*assign)(scxml_dm *dm, const scxml_expr *location,
		      const scxml_expr *expr, const char *text, GError **err);
	/* Assign a value (taken; NULL = undefined) to a location. */
	int (*assign_value)(scxml_dm *dm, const scxml_expr *location,
			    JsonNode *value, GError **err);
	/* 0 when location is a valid, assignable location. */
	int (*check_location)(scxml_dm *dm, const scxml_expr *location,
			      GError **err);
	int (*exec_script)(scxml_dm *dm, const scxml_expr *code, GError **err);
	/* <foreach>: iterate over a shallow copy of array. item must be a
	 * valid location (declared if new), index may be NULL. */
	int (*foreach)(scxml_dm *dm, const scxml_expr *array,
		       const scxml_expr *item, const scxml_expr *index,
		       scxml_dm_foreach_fn body, void *ud, GError **err);
	/* Value of a location (namelist), as a new node; NULL on error. */
	JsonNode *(*get_location)(scxml_dm *dm, const scxml_expr *location,
				  GError **err);
	/* Optional. 0 when e compiles as what its kind says (value, location,
	 * script); else negative with *err saying why (the reason alone: the
	 * caller has the expression and its line). Compiles only: nothing
	 * runs, no session is needed. For `sipscxml check`, which reports at
	 * load what would otherwise be an error.execution at run time. */
	int (*check_syntax)(void *engine_state, const scxml_expr *e,
			    GError **err);
};

extern const scxml_datamodel_class scxml_dm_ecma_class;
extern const scxml_datamodel_class scxml_dm_null_class;

/* Error domain for data model errors. */
#define SCXML_DM_ERROR (scxml_dm_error_quark())
GQuark scxml_dm_error_quark(void);

#endif
