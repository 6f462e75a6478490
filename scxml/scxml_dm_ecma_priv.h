/*
 * Private to the ECMAScript data model (scxml_dm_ecma*.c). One Duktape heap
 * per engine; each session's variables live in a plain scope object of its
 * own, kept in the heap stash; each document's expressions are compiled once
 * into functions that evaluate with that scope object in scope (`with`).
 */
#ifndef SCXML_DM_ECMA_PRIV_H
#define SCXML_DM_ECMA_PRIV_H

#include "scxml/scxml_datamodel.h"

#include "duktape.h"

/* The engine-wide state: the heap and what the evaluating session needs. */
typedef struct scxml_ecma_engine {
	duk_context *ctx;
	guint limit_ms;      /* longest run of one evaluation */
	gint64 deadline_us;  /* monotonic; 0 while nothing runs */
	gboolean timed_out;  /* the running evaluation hit the deadline */
	struct scxml_dm *current; /* the session evaluating now (for In()) */
	gsize heap_bytes;    /* bytes held by the heap (our allocator) */
	guint next_slot;     /* stash keys for sessions and documents */
} scxml_ecma_engine;

/* Per document: the stash slot of its compile cache. */
typedef struct scxml_ecma_doc {
	scxml_ecma_engine *eng;
	const scxml_doc *doc;
	guint slot;
} scxml_ecma_doc;

/* Per session: the stash slot of its scope object. */
struct scxml_dm {
	scxml_ecma_engine *eng;
	scxml_ecma_doc *doc;
	scxml_dm_host host;
	guint slot;
};

/* Called by Duktape (see scxml/ecma.mk) from its bytecode loop. */
int scxml_dm_ecma_timeout_check(void *udata);

/* Bytes the engine's heap holds now (for tests and measurements). */
gsize scxml_dm_ecma_heap_bytes(void *engine_state);

#endif
