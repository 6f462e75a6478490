/*
 * What the parts of the interpreter need from the engine object, beyond the
 * public API: the extension registry lookup (used by the parser to check and
 * bind extension elements) and the shared state of each data model class
 * (created on first use, e.g. the one Duktape heap of the engine).
 * Implemented in scxml_engine.c.
 */
#ifndef SCXML_ENGINE_PRIV_H
#define SCXML_ENGINE_PRIV_H

#include "scxml/scxml_datamodel.h"

/* The registration for (ns, name), or NULL. */
const scxml_ext_element *scxml_engine_lookup(scxml_engine *engine,
					     const char *ns, const char *name);

/* The data model class for a datamodel= value ("ecmascript", "null"), or
 * NULL when unsupported. NULL or "" name the default (ecmascript). */
const scxml_datamodel_class *scxml_engine_dm_class(scxml_engine *engine,
						   const char *name);

/* The engine-wide state of class cls, created on first call. */
void *scxml_engine_dm_state(scxml_engine *engine,
			    const scxml_datamodel_class *cls);

#endif
