/*
 * The Duktape heap's allocator: it counts what the heap holds, in total (the
 * global limit, all sessions together) and per account (the per-session
 * limit). Sessions share one heap, so an allocation is charged to the
 * account running when it is made: the session whose code runs (set by the
 * run wrappers, scxml_dm_ecma_run.c), else account 0, the engine's own
 * (built-ins, compiled expressions shared by a document's sessions). Each
 * block carries its account in a small header, so that a block freed later,
 * by the garbage collector while another session runs, is credited back to
 * the session that made it.
 *
 * A refused allocation returns NULL: Duktape collects garbage and tries once
 * more, then throws a RangeError in the running script, which the run wrapper
 * reports as exceeding the limit that refused it.
 */
#include "config.h"

#include <malloc.h>
#include <stdlib.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* Keeps Duktape's 8-byte alignment (DUK_USE_ALIGN_BY 8). */
#define HEADER 8

typedef struct account {
	gsize bytes;   /* what the account's blocks hold */
	gboolean live; /* its session still exists */
} account;

static account *account_at(scxml_ecma_engine *eng, guint32 id)
{
	return &g_array_index(eng->accounts, account, id);
}

/* Would `more` bytes for account id pass a limit? Records which one. */
static gboolean refused(scxml_ecma_engine *eng, guint32 id, gsize more)
{
	account *a;

	if (eng->heap_limit && eng->heap_bytes + more > eng->heap_limit) {
		eng->over_limit = TRUE;
		return TRUE;
	}
	if (!id || !eng->session_limit)
		return FALSE;
	a = account_at(eng, id);
	if (a->live && a->bytes + more > eng->session_limit) {
		eng->over_session_limit = TRUE;
		eng->run_refused = TRUE;
		return TRUE;
	}
	return FALSE;
}

static void charge(scxml_ecma_engine *eng, guint32 id, gsize n)
{
	eng->heap_bytes += n;
	account_at(eng, id)->bytes += n;
}

/* An account whose session is gone is reused once its last block is freed
 * (blocks may outlive their session: a string another session shares). */
static void credit(scxml_ecma_engine *eng, guint32 id, gsize n)
{
	account *a = account_at(eng, id);

	eng->heap_bytes -= n;
	a->bytes -= n;
	if (id && !a->live && !a->bytes)
		g_array_append_val(eng->free_accounts, id);
}

static void *heap_alloc(void *udata, duk_size_t size)
{
	scxml_ecma_engine *eng = udata;
	guint32 id = eng->owner;
	char *p;

	if (refused(eng, id, size + HEADER))
		return NULL;
	p = malloc(size + HEADER);
	if (!p)
		return NULL;
	*(guint32 *)p = id;
	charge(eng, id, malloc_usable_size(p));
	return p + HEADER;
}

static void heap_free(void *udata, void *ptr)
{
	scxml_ecma_engine *eng = udata;
	char *p;

	if (!ptr)
		return;
	p = (char *)ptr - HEADER;
	credit(eng, *(guint32 *)p, malloc_usable_size(p));
	free(p);
}

/* A block keeps its account when it grows: the session that made it
 * holds it. */
static void *heap_realloc(void *udata, void *ptr, duk_size_t size)
{
	scxml_ecma_engine *eng = udata;
	gsize old;
	guint32 id;
	char *p;

	if (!ptr)
		return heap_alloc(udata, size);
	if (size == 0) {
		heap_free(udata, ptr);
		return NULL;
	}
	p = (char *)ptr - HEADER;
	id = *(guint32 *)p;
	old = malloc_usable_size(p);
	if (size + HEADER > old && refused(eng, id, size + HEADER - old))
		return NULL;
	p = realloc(p, size + HEADER);
	if (!p)
		return NULL;
	/* Not credit() then charge(): a closed account must not look
	 * empty in between. */
	eng->heap_bytes -= old;
	account_at(eng, id)->bytes -= old;
	charge(eng, id, malloc_usable_size(p));
	return p + HEADER;
}

/* Only reached on an error outside any protected call: a bug of ours. */
static void heap_fatal(void *udata, const char *msg)
{
	g_critical("ecmascript: fatal Duktape error: %s", msg ? msg : "?");
	abort();
}

duk_context *scxml_ecma_heap_new(scxml_ecma_engine *eng)
{
	account engine = {0, TRUE};

	eng->accounts = g_array_new(FALSE, FALSE, sizeof(account));
	eng->free_accounts = g_array_new(FALSE, FALSE, sizeof(guint32));
	g_array_append_val(eng->accounts, engine);
	eng->owner = 0;
	return duk_create_heap(heap_alloc, heap_realloc, heap_free, eng,
			       heap_fatal);
}

void scxml_ecma_heap_free(scxml_ecma_engine *eng)
{
	if (eng->ctx)
		duk_destroy_heap(eng->ctx);
	if (eng->accounts)
		g_array_free(eng->accounts, TRUE);
	if (eng->free_accounts)
		g_array_free(eng->free_accounts, TRUE);
}

guint32 scxml_ecma_account_open(scxml_ecma_engine *eng)
{
	account fresh = {0, TRUE};
	guint32 id;

	if (eng->free_accounts->len) {
		id = g_array_index(eng->free_accounts, guint32,
				   eng->free_accounts->len - 1);
		g_array_set_size(eng->free_accounts,
				 eng->free_accounts->len - 1);
		*account_at(eng, id) = fresh;
		return id;
	}
	id = eng->accounts->len;
	g_array_append_val(eng->accounts, fresh);
	return id;
}

void scxml_ecma_account_close(scxml_ecma_engine *eng, guint32 id)
{
	account *a;

	if (!id)
		return;
	a = account_at(eng, id);
	a->live = FALSE;
	if (!a->bytes)
		g_array_append_val(eng->free_accounts, id);
}

gsize scxml_ecma_account_bytes(scxml_ecma_engine *eng, guint32 id)
{
	return account_at(eng, id)->bytes;
}

gsize scxml_dm_ecma_heap_bytes(void *engine_state)
{
	scxml_ecma_engine *eng = engine_state;

	return eng ? eng->heap_bytes : 0;
}
