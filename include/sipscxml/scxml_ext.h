/*
 * sipscxml — the extension registry.
 *
 * A module registers executable-content elements of its own XML namespace.
 * At load time the document is checked against the registration (unknown
 * element of a registered namespace, unknown or missing attribute → problem
 * with file:line). At execution the interpreter evaluates every attribute
 * through the session's data model — value expressions to JSON values,
 * location expressions checked as assignable locations — and calls the
 * handler, which must return at once. The outcome comes later, as an event the
 * module posts with scxml_session_post().
 *
 * A value attribute that fails to evaluate, or a location that is not
 * assignable, raises error.execution and the handler is not called.
 */
#ifndef SIPSCXML_SCXML_EXT_H
#define SIPSCXML_SCXML_EXT_H

#include <sipscxml/scxml.h>

G_BEGIN_DECLS

typedef enum {
	SCXML_ATTR_VALUE,    /* value expression, evaluated to a JsonNode */
	SCXML_ATTR_LOCATION, /* location expression, assigned by the handler */
} scxml_attr_kind;

typedef struct scxml_attr_spec {
	const char *name;
	scxml_attr_kind kind;
	gboolean required; /* missing → load-time problem */
} scxml_attr_spec;

/* What a handler sees during one execution of its element. Valid only for
 * the duration of the handler call. */
typedef struct scxml_action scxml_action;

typedef struct scxml_ext_element {
	const char *ns;      /* namespace URI */
	const char *name;    /* local name */
	const scxml_attr_spec *attrs; /* terminated by { NULL } */
	/* Return 0. A negative return raises error.execution in the session
	 * (use it only for engine faults, not for call failures, which are
	 * result events). */
	int (*execute)(scxml_action *act, void *module_data);
	void *module_data;
} scxml_ext_element;

/* Register before loading documents that use the element. The struct must
 * outlive the engine (a static table is the usual case). Returns -1 when the
 * (ns, name) pair is already registered. */
int scxml_engine_register(scxml_engine *engine, const scxml_ext_element *el);

/* TRUE when some element of namespace ns is registered. */
gboolean scxml_engine_has_namespace(scxml_engine *engine, const char *ns);

/* ---- inside a handler -------------------------------------------------- */

scxml_session *scxml_action_session(scxml_action *act);
const char *scxml_action_element(scxml_action *act); /* local name */
/* Where the element stands, for messages: "file:line". */
const char *scxml_action_where(scxml_action *act);

/* Value of a value attribute; NULL when the attribute is absent. The node
 * belongs to the action. */
JsonNode *scxml_action_value(scxml_action *act, const char *attr);
/* Convenience: the value as a string (numbers and booleans are converted),
 * NULL when absent or null. Belongs to the action. */
const char *scxml_action_string(scxml_action *act, const char *attr);
gboolean scxml_action_has(scxml_action *act, const char *attr);

/* Assign value (taken) to the location named by a location attribute.
 * Returns 0; -1 when the attribute is absent or the assignment fails (then
 * error.execution has been raised in the session). */
int scxml_action_assign(scxml_action *act, const char *attr, JsonNode *value);

G_END_DECLS

#endif
