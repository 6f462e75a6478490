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

/* The script limit of class cls for the evaluations to come: the engine's,
 * or remaining_ms when that is less (the macrostep's budget is nearly
 * spent); remaining_ms 0: the engine's. */
void scxml_engine_cap_script_limit(scxml_engine *engine,
				   const scxml_datamodel_class *cls,
				   guint remaining_ms);

/* The engine-wide state of class cls, created on first call. */
void *scxml_engine_dm_state(scxml_engine *engine,
			    const scxml_datamodel_class *cls);

/* The src= limits (scxml_engine_set_src_limits). */
const char *scxml_engine_document_root(scxml_engine *engine);
gsize scxml_engine_src_size_limit(scxml_engine *engine);

/* What src= may read (scxml_src.c). The file src names (a path or file:
 * URI, relative to base_dir), checked against the engine's limits: a
 * regular file, not larger than the limit, under the document root. A new
 * path, or NULL and *err (G_FILE_ERROR) saying why not. */
char *scxml_src_path(scxml_engine *engine, const char *base_dir,
		     const char *src, GError **err);
/* Its text (NUL-terminated, new string), or NULL and *err. Reads at most
 * the limit, whatever the file becomes after the check. */
char *scxml_src_read(scxml_engine *engine, const char *base_dir,
		     const char *src, GError **err);

#endif
