/*
 * The immutable document model: what the parser (scxml_parse.c) builds and
 * the interpreter (scxml_session.c, scxml_algorithm.c …) reads. One model is
 * shared by every session of a document, so nothing here changes after load.
 *
 * States are numbered in document order (the root <scxml> is state 0), so a
 * set of states is a bitset and document order is a comparison of indices.
 * Transitions are numbered in document order too.
 */
#ifndef SCXML_MODEL_H
#define SCXML_MODEL_H

#include <glib.h>
#include <json-glib/json-glib.h>
#include <sipscxml/scxml_ext.h>

typedef struct scxml_datamodel_class scxml_datamodel_class;

/* What an expression is used as: its syntax depends on it (a location must
 * be assignable, a script is statements). */
typedef enum {
	SCXML_EXPR_VALUE,    /* expr, cond, *expr attributes */
	SCXML_EXPR_LOCATION, /* location, idlocation, namelist, item, index */
	SCXML_EXPR_SCRIPT,   /* <script> body or src */
} scxml_expr_kind;

/* An expression or location as written, with where it was written. id is
 * unique within its document and dense (0..doc->n_exprs-1), so a data model
 * can keep one compiled form per expression. */
typedef struct scxml_expr {
	char *text;
	int line;
	guint id;
	scxml_expr_kind kind;
} scxml_expr;

typedef enum {
	SCXML_X_RAISE,
	SCXML_X_IF,
	SCXML_X_FOREACH,
	SCXML_X_LOG,
	SCXML_X_ASSIGN,
	SCXML_X_SCRIPT,
	SCXML_X_SEND,
	SCXML_X_CANCEL,
	SCXML_X_EXTENSION,
} scxml_exec_kind;

typedef struct scxml_exec scxml_exec;

/* <param name expr|location> */
typedef struct scxml_param {
	char *name;
	scxml_expr *expr;     /* expr= or location= (one of them is set) */
	gboolean is_location;
} scxml_param;

/* <content expr> or inline children. */
typedef struct scxml_content {
	scxml_expr *expr; /* content expr=, or NULL */
	char *text;       /* inline content as written (text, or serialized
			     XML of child elements); NULL with expr */
	struct scxml_doc *doc; /* inline <scxml> inside <invoke><content> */
	int line;
} scxml_content;

typedef struct scxml_if_branch {
	scxml_expr *cond; /* NULL for <else> */
	scxml_exec *body; /* list */
} scxml_if_branch;

typedef struct scxml_send {
	char *event; scxml_expr *eventexpr;
	char *target; scxml_expr *targetexpr;
	char *type; scxml_expr *typeexpr;
	char *id; scxml_expr *idlocation;
	char *delay; scxml_expr *delayexpr; /* delay as written ("1s") */
	scxml_expr **namelist; guint n_namelist;
	scxml_param *params; guint n_params;
	scxml_content *content; /* or NULL */
} scxml_send;

/* One registered extension element as written in the document. */
typedef struct scxml_ext_use {
	const scxml_ext_element *el;   /* the registration */
	char **attr_names;             /* attributes present, NULL-terminated */
	scxml_expr **attr_exprs;       /* parallel to attr_names */
	guint n_attrs;
	char *where;                   /* "file:line" */
} scxml_ext_use;

struct scxml_exec {
	scxml_exec_kind kind;
	int line;
	scxml_exec *next; /* next sibling in a block */
	union {
		struct { char *event; } raise;
		struct { scxml_if_branch *branches; guint n_branches; } if_;
		struct {
			scxml_expr *array, *item, *index; /* index may be NULL */
			scxml_exec *body;
		} foreach;
		struct { char *label; scxml_expr *expr; } log;
		struct {
			scxml_expr *location;
			scxml_expr *expr;   /* or NULL */
			char *text;         /* inline content when no expr */
		} assign;
		struct {
			scxml_expr *code;   /* inline text, or the text read
					       from src= at load time */
		} script;
		scxml_send send;
		struct { char *sendid; scxml_expr *sendidexpr; } cancel;
		scxml_ext_use ext;
	} u;
};

/* <data id expr|src|content> */
typedef struct scxml_data {
	char *id;
	scxml_expr *expr;  /* expr=, or NULL */
	char *src;         /* src= resolved path/URI (read at load when
			      possible: then text holds it and src is NULL) */
	char *text;        /* inline content or loaded src text, or NULL */
	char *src_error;   /* why src could not be read at load, or NULL */
	int line;
} scxml_data;

typedef struct scxml_invoke {
	char *type; scxml_expr *typeexpr;
	char *src; scxml_expr *srcexpr;
	char *id; scxml_expr *idlocation;
	scxml_expr **namelist; guint n_namelist;
	gboolean autoforward;
	scxml_param *params; guint n_params;
	scxml_content *content;
	scxml_exec *finalize;
	int line;
	guint index; /* position among all invokes of the document */
} scxml_invoke;

typedef enum {
	SCXML_KIND_SCXML,    /* the root */
	SCXML_KIND_STATE,
	SCXML_KIND_PARALLEL,
	SCXML_KIND_FINAL,
	SCXML_KIND_HISTORY,
} scxml_state_kind;

typedef struct scxml_state scxml_state;
typedef struct scxml_transition scxml_transition;

struct scxml_transition {
	guint index;           /* document order among all transitions */
	scxml_state *source;
	char **events;         /* descriptors, NULL-terminated; NULL: eventless */
	scxml_expr *cond;      /* or NULL */
	scxml_state **targets; guint n_targets; /* n_targets 0: targetless */
	gboolean internal;     /* type="internal" */
	scxml_exec *body;
	int line;
};

struct scxml_state {
	guint index;           /* document order; root = 0 */
	scxml_state_kind kind;
	char *id;              /* generated for states without id ("_s3") */
	gboolean id_generated;
	int line;
	scxml_state *parent;   /* NULL for the root */
	scxml_state **children; guint n_children; /* state/parallel/final/history
						      children in document order */
	/* Default entry: the initial= attribute or <initial> child as a
	 * transition, or NULL (then the first child state). For a history state:
	 * its default transition. */
	scxml_transition *initial;
	gboolean deep;         /* history type="deep" */
	scxml_transition **transitions; guint n_transitions;
	scxml_exec **onentry; guint n_onentry; /* one block per <onentry> */
	scxml_exec **onexit; guint n_onexit;
	scxml_data *data; guint n_data;        /* this state's <datamodel> */
	scxml_invoke **invokes; guint n_invokes;
	/* <donedata> of a final state */
	scxml_content *donedata_content;
	scxml_param *donedata_params; guint n_donedata_params;
	gboolean has_donedata;
	guint depth;           /* root 0 */
	/* Descendants are the states with index in (index, last]: document
	 * order is a preorder walk. */
	guint last;
	scxml_state *first_child; /* first child that is not <history>, or
				     NULL: then the state is atomic */
};

typedef struct scxml_doc {
	gint refcount;
	char *file;            /* path or name, for messages */
	char *base_dir;        /* for relative src= */
	char *name;            /* <scxml name> */
	char *datamodel;       /* "ecmascript" | "null" */
	gboolean late_binding; /* binding="late" */
	scxml_state *root;
	scxml_state **states; guint n_states;            /* document order */
	scxml_transition **transitions; guint n_transitions;
	scxml_exec *script;    /* top-level <script>, or NULL */
	guint n_exprs;         /* ids handed out */
	scxml_expr **exprs;    /* by id: every expression, for checks */
	guint n_invokes;
	GHashTable *by_id;     /* id → scxml_state* */
	char **namespaces;     /* namespaces used by elements, NULL-terminated */
	GHashTable *strings;   /* the parser's arena: every model object */
	GPtrArray *nested;     /* documents inline in <invoke><content> */
	/* The document names the Basic HTTP processor (a send type, or
	 * "basichttp" in an expression): its sessions get an HTTP location. */
	gboolean uses_basichttp;
	void *dm_doc;          /* the data model's per-document state */
	const scxml_datamodel_class *dm_class;
	scxml_engine *engine;  /* not a reference: documents die first */
} scxml_doc;

/* The parser: scxml_parse.c. On problems, returns NULL and fills problems. */
scxml_doc *scxml_parse_file(scxml_engine *engine, const char *path,
			    GPtrArray *problems);
scxml_doc *scxml_parse_memory(scxml_engine *engine, const char *buf,
			      gsize len, const char *name, GPtrArray *problems);
void scxml_doc_free_model(scxml_doc *doc);
/* After a successful parse: validate the data model, bind the class and
 * its per-document state (scxml_doc.c). Returns FALSE after adding a
 * problem. */
gboolean scxml_doc_prepare(scxml_doc *doc, GPtrArray *problems);
scxml_state *scxml_doc_state(const scxml_doc *doc, const char *id);

/* XML arriving at run time (<data> content, event content) parsed with
 * the document parser's guard: entity declarations are refused before any
 * reference is read (a few hundred bytes expand to gigabytes otherwise).
 * NULL when text is not XML, or, with *refusal set (the reason, to free),
 * when it declares an entity. Nothing from the network (scxml_parse.c). */
struct _xmlDoc *scxml_xml_read_text(const char *text, gsize len,
				    char **refusal);

/* text cut to SCXML_EXCERPT_CHARS characters with "…" after the cut (new
 * string; valid UTF-8 when text is): error messages echo what a document
 * wrote, and a document can write megabytes in one attribute
 * (scxml_common.c). */
#define SCXML_EXCERPT_CHARS 200
char *scxml_excerpt(const char *text);

/* A CSS2 time ("1s", "0.5s", "200ms", surrounding blanks allowed) in
 * milliseconds; FALSE when text is not one (scxml_common.c). */
gboolean scxml_delay_parse(const char *text, guint64 *ms);

#endif
