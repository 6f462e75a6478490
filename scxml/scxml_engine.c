/*
 * The engine object: one per main loop. It holds the extension registry
 * (namespace, element) → handler, the data model classes and their shared
 * engine-wide state (the one Duktape heap), the script limits and the
 * per-session bounds. The parser asks it to bind extension elements;
 * sessions ask it for their data model class and their bounds.
 */
#include "config.h"

#include <sipscxml/scxml.h>
#include <sipscxml/scxml_ext.h>

#include "scxml/scxml_engine_priv.h"
#include "scxml/scxml_http.h"
#include "scxml/scxml_session_priv.h"

#define SCXML_DEFAULT_SCRIPT_LIMIT_MS 2000
#define SCXML_DEFAULT_SCRIPT_MEMORY_LIMIT ((gsize)512 << 20)
#define SCXML_DEFAULT_SESSION_MEMORY_LIMIT ((gsize)64 << 20)

/* Generous for any call flow (the W3C suite needs a few dozen of each), small
 * enough that one runaway session cannot take the machine's memory: 10,000
 * queued events are a few MB. A chain of 100,000 self-sent events is a
 * tenth of a second of one core. The macrostep budget is twice the script
 * limit: a script cut at its limit raises error.execution, and the flow
 * must still have time to handle it rather than be stopped for it. */
static const scxml_session_limits default_session_limits = {
	.max_internal_events = 10000,
	.max_external_events = 10000,
	.max_timers = 1000,
	.max_event_chain = 100000,
	.macrostep_time_limit_ms = 2 * SCXML_DEFAULT_SCRIPT_LIMIT_MS,
};

/* The classes the engine knows, the default first. */
static const scxml_datamodel_class *const dm_classes[] = {
	&scxml_dm_ecma_class,
	&scxml_dm_null_class,
};

struct scxml_engine {
	GMainContext *ctx;
	GHashTable *registry;   /* "ns\x1fname" → const scxml_ext_element* */
	GHashTable *namespaces; /* ns → ns (registered namespaces) */
	void *dm_state[G_N_ELEMENTS(dm_classes)];
	guint applied_ms[G_N_ELEMENTS(dm_classes)]; /* script limit in force */
	gboolean capped; /* some class has less than script_limit_ms */
	guint script_limit_ms;
	gsize memory_limit;
	scxml_session_limits session_limits;
	gsize session_memory_limit;
	GHashTable *sessions; /* id → scxml_session* (weak) */
	scxml_http *http;     /* Basic HTTP processor, made on first use */
	char *document_root;  /* src= stays under it (NULL: anywhere) */
	gsize src_size_limit; /* largest file src= may read */
};

static char *registry_key(const char *ns, const char *name)
{
	return g_strconcat(ns ? ns : "", "\x1f", name, NULL);
}

scxml_engine *scxml_engine_new(GMainContext *ctx)
{
	scxml_engine *engine = g_new0(scxml_engine, 1);

	engine->ctx = ctx ? g_main_context_ref(ctx)
			  : g_main_context_ref(g_main_context_default());
	engine->registry =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	engine->namespaces =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	engine->script_limit_ms = SCXML_DEFAULT_SCRIPT_LIMIT_MS;
	engine->memory_limit = SCXML_DEFAULT_SCRIPT_MEMORY_LIMIT;
	engine->session_limits = default_session_limits;
	engine->session_memory_limit = SCXML_DEFAULT_SESSION_MEMORY_LIMIT;
	engine->sessions = g_hash_table_new(g_str_hash, g_str_equal);
	engine->src_size_limit = SCXML_DEFAULT_SRC_SIZE_LIMIT;
	return engine;
}

void scxml_engine_free(scxml_engine *engine)
{
	if (!engine)
		return;
	for (guint i = 0; i < G_N_ELEMENTS(dm_classes); i++)
		if (engine->dm_state[i] && dm_classes[i]->engine_free)
			dm_classes[i]->engine_free(engine->dm_state[i]);
	scxml_http_free(engine->http);
	g_hash_table_destroy(engine->sessions);
	g_hash_table_destroy(engine->registry);
	g_hash_table_destroy(engine->namespaces);
	g_main_context_unref(engine->ctx);
	g_free(engine->document_root);
	g_free(engine);
}

GMainContext *scxml_engine_context(scxml_engine *engine)
{
	return engine->ctx;
}

/* The engine's script limits to class i's state, if it has one. */
static void apply_limits(scxml_engine *engine, guint i)
{
	const scxml_datamodel_class *cls = dm_classes[i];

	if (!engine->dm_state[i])
		return;
	if (cls->set_script_limit_ms)
		cls->set_script_limit_ms(engine->dm_state[i],
					 engine->script_limit_ms);
	engine->applied_ms[i] = engine->script_limit_ms;
	if (cls->set_memory_limit)
		cls->set_memory_limit(engine->dm_state[i],
				      engine->memory_limit);
	if (cls->set_session_memory_limit)
		cls->set_session_memory_limit(engine->dm_state[i],
					      engine->session_memory_limit);
}

/* Classes already running learn new limits now; the others get them when
 * their state is created (scxml_engine_dm_state). */
static void apply_limits_all(scxml_engine *engine)
{
	for (guint i = 0; i < G_N_ELEMENTS(dm_classes); i++)
		apply_limits(engine, i);
	engine->capped = FALSE;
}

void scxml_engine_set_script_limit_ms(scxml_engine *engine, guint ms)
{
	engine->script_limit_ms = ms;
	apply_limits_all(engine);
}

void scxml_engine_cap_script_limit(scxml_engine *engine,
				   const scxml_datamodel_class *cls,
				   guint remaining_ms)
{
	guint ms = engine->script_limit_ms;

	if (remaining_ms && (!ms || remaining_ms < ms))
		ms = remaining_ms;
	/* Called before every element and condition: most calls change
	 * nothing. */
	if (ms == engine->script_limit_ms && !engine->capped)
		return;
	engine->capped = FALSE;
	for (guint i = 0; i < G_N_ELEMENTS(dm_classes); i++) {
		if (dm_classes[i] == cls && engine->dm_state[i] &&
		    engine->applied_ms[i] != ms) {
			if (cls->set_script_limit_ms)
				cls->set_script_limit_ms(engine->dm_state[i],
							 ms);
			engine->applied_ms[i] = ms;
		}
		if (engine->dm_state[i] &&
		    engine->applied_ms[i] != engine->script_limit_ms)
			engine->capped = TRUE;
	}
}

void scxml_engine_set_script_memory_limit(scxml_engine *engine, gsize bytes)
{
	engine->memory_limit = bytes;
	apply_limits_all(engine);
}

void scxml_engine_set_session_memory_limit(scxml_engine *engine, gsize bytes)
{
	engine->session_memory_limit = bytes;
	apply_limits_all(engine);
}

void scxml_engine_set_src_limits(scxml_engine *engine, const char *dir,
				 gsize max_bytes)
{
	g_free(engine->document_root);
	engine->document_root = g_strdup(dir);
	if (max_bytes)
		engine->src_size_limit = max_bytes;
}

const char *scxml_engine_document_root(scxml_engine *engine)
{
	return engine->document_root;
}

gsize scxml_engine_src_size_limit(scxml_engine *engine)
{
	return engine->src_size_limit;
}

void scxml_engine_get_session_limits(scxml_engine *engine,
				     scxml_session_limits *out)
{
	*out = engine->session_limits;
}

void scxml_engine_set_session_limits(scxml_engine *engine,
				     const scxml_session_limits *limits)
{
	engine->session_limits = *limits;
}

const scxml_session_limits *scxml_engine_limits(scxml_engine *engine)
{
	return &engine->session_limits;
}

int scxml_engine_register(scxml_engine *engine, const scxml_ext_element *el)
{
	char *key;

	if (!el || !el->ns || !el->name || !el->execute)
		return -1;
	key = registry_key(el->ns, el->name);
	if (g_hash_table_contains(engine->registry, key)) {
		g_free(key);
		return -1;
	}
	g_hash_table_insert(engine->registry, key, (gpointer)el);
	if (!g_hash_table_contains(engine->namespaces, el->ns))
		g_hash_table_add(engine->namespaces, g_strdup(el->ns));
	return 0;
}

gboolean scxml_engine_has_namespace(scxml_engine *engine, const char *ns)
{
	return ns && g_hash_table_contains(engine->namespaces, ns);
}

const scxml_ext_element *scxml_engine_lookup(scxml_engine *engine,
					     const char *ns, const char *name)
{
	char *key = registry_key(ns, name);
	const scxml_ext_element *el = g_hash_table_lookup(engine->registry, key);

	g_free(key);
	return el;
}

const scxml_datamodel_class *scxml_engine_dm_class(scxml_engine *engine,
						   const char *name)
{
	(void)engine;
	if (!name || !*name)
		return dm_classes[0];
	for (guint i = 0; i < G_N_ELEMENTS(dm_classes); i++)
		if (g_str_equal(dm_classes[i]->name, name))
			return dm_classes[i];
	return NULL;
}

void *scxml_engine_dm_state(scxml_engine *engine,
			    const scxml_datamodel_class *cls)
{
	for (guint i = 0; i < G_N_ELEMENTS(dm_classes); i++) {
		if (dm_classes[i] != cls)
			continue;
		if (!engine->dm_state[i] && cls->engine_init) {
			engine->dm_state[i] = cls->engine_init(engine);
			apply_limits(engine, i);
		}
		return engine->dm_state[i];
	}
	return NULL;
}

/* ---- sessions by id --------------------------------------------------- */

char *scxml_engine_new_session_id(scxml_engine *engine)
{
	/* A random (version 4) UUID: unique within the engine, which is what
	 * #_scxml_<id> needs, and across processes and machines, so that the
	 * logs of two servers behind one proxy never name the same session.
	 * The loop only guards against a collision no one will see. */
	char *id = g_uuid_string_random();

	while (g_hash_table_contains(engine->sessions, id)) {
		g_free(id);
		id = g_uuid_string_random();
	}
	return id;
}

void scxml_engine_add_session(scxml_engine *engine, scxml_session *s)
{
	g_hash_table_insert(engine->sessions, s->id, s);
}

void scxml_engine_remove_session(scxml_engine *engine, scxml_session *s)
{
	if (g_hash_table_lookup(engine->sessions, s->id) == s)
		g_hash_table_remove(engine->sessions, s->id);
}

scxml_session *scxml_engine_find_session(scxml_engine *engine, const char *id)
{
	return g_hash_table_lookup(engine->sessions, id);
}

scxml_http *scxml_engine_http(scxml_engine *engine)
{
	if (!engine->http)
		engine->http = scxml_http_new(engine);
	return engine->http;
}
