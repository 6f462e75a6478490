/*
 * Private to the parser (scxml_parse.c, scxml_parse_exec.c,
 * scxml_validate.c): the state of one parse, and the helpers its parts
 * share. Every model object is allocated in the document's arena
 * (doc->strings, pointer → NULL, freed with the document), so freeing a
 * model is one table destruction.
 */
#ifndef SCXML_PARSE_PRIV_H
#define SCXML_PARSE_PRIV_H

#include <libxml/tree.h>

#include "scxml/scxml_model.h"

#define SCXML_NS "http://www.w3.org/2005/07/scxml"

/* A transition whose targets are resolved once every id is known. */
typedef struct scxml_pending_targets {
	scxml_transition *t;
	char *ids; /* as written */
	gboolean is_initial; /* initial= attribute or <initial> */
} scxml_pending_targets;

typedef struct scxml_parse {
	scxml_engine *engine;
	scxml_doc *doc;
	GPtrArray *problems;	 /* scxml_problem* */
	GPtrArray *states;	 /* scxml_state*, document order */
	GPtrArray *transitions;	 /* scxml_transition*, document order */
	GPtrArray *exprs;	 /* scxml_expr*, by id */
	GArray *pending;	 /* scxml_pending_targets */
	GHashTable *namespaces;	 /* ns URIs seen on elements */
	gboolean in_invoke_content;
} scxml_parse;

/* Arena allocation (zeroed) and strings owned by the document. */
void *scxml_parse_alloc(scxml_parse *p, gsize size);
char *scxml_parse_strdup(scxml_parse *p, const char *s);
/* Copy a GPtrArray's pointers into the arena; *n gets the length. */
void *scxml_parse_ptrs(scxml_parse *p, GPtrArray *a, guint *n);

/* Record a problem at node's line (node may be NULL: line 0). */
void scxml_parse_problem(scxml_parse *p, xmlNode *node, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

/* text as an error message may echo it: cut (scxml_excerpt) when long,
 * owned by the document. */
const char *scxml_parse_excerpt(scxml_parse *p, const char *text);
/* An attribute's value (owned by the document), or NULL. */
char *scxml_parse_attr(scxml_parse *p, xmlNode *node, const char *name);
/* A new expression with a fresh dense id, or NULL for NULL text. */
scxml_expr *scxml_parse_expr(scxml_parse *p, xmlNode *node, const char *text);
scxml_expr *scxml_parse_expr_attr(scxml_parse *p, xmlNode *node,
				  const char *name);
/* The same for a location (location=, idlocation=, item=…). */
scxml_expr *scxml_parse_location_attr(scxml_parse *p, xmlNode *node,
				      const char *name);

gboolean scxml_parse_is(xmlNode *node, const char *name); /* SCXML element */
/* The element's namespace name, NULL when it has none. */
const char *scxml_parse_ns(xmlNode *node);
int scxml_parse_line(xmlNode *node);

/* Checks attributes against the allowed list (NULL-terminated); unknown
 * attributes without a namespace are problems. */
void scxml_parse_check_attrs(scxml_parse *p, xmlNode *node,
			     const char *const *allowed);
/* At most one of a and b. */
void scxml_parse_exclusive(scxml_parse *p, xmlNode *node, const char *a,
			   const char *b);
void scxml_parse_require(scxml_parse *p, xmlNode *node, const char *name);

/* Executable content (scxml_parse_exec.c). */
scxml_exec *scxml_parse_block(scxml_parse *p, xmlNode *first);
/* One element of executable content (NULL when ignored or refused). */
scxml_exec *scxml_parse_exec_one(scxml_parse *p, xmlNode *node);
scxml_content *scxml_parse_content(scxml_parse *p, xmlNode *node);
void scxml_parse_params(scxml_parse *p, xmlNode *parent, scxml_param **out,
			guint *n);
scxml_invoke *scxml_parse_invoke(scxml_parse *p, xmlNode *node);
/* Serialized children (XML) or text of node, whitespace kept. */
char *scxml_parse_inline(scxml_parse *p, xmlNode *node);
/* A problem at node when text holds arrays or objects nested deeper than
 * event data may be (SCXML_JSON_MAX_DEPTH); what names the element. */
void scxml_parse_check_json_depth(scxml_parse *p, xmlNode *node,
				  const char *what, const char *text);
/* Read a file named by src (path or file: URI, relative to the document's
 * folder; scxml_src_read). NULL and *err when it may not be read. */
char *scxml_parse_read_src(scxml_parse *p, const char *src, GError **err);

/* The whole document from its root element; used for nested documents of
 * <invoke><content> too. */
scxml_doc *scxml_parse_tree(scxml_engine *engine, xmlNode *root,
			    const char *file, const char *base_dir,
			    GPtrArray *problems);

/* Validation once the tree is built (scxml_validate.c). */
void scxml_validate(scxml_parse *p);

#endif
