/*
 * _event, built lazily. set_event runs for every event, but many events are
 * handled without the document ever reading _event (a transition chosen by
 * its event name, a condition on a counter). So set_event only keeps a copy
 * of the event and turns S._event into an accessor; the first read of
 * _event calls the getter, which builds the object and puts it back on S as
 * a plain read-only data property, so later reads in the same event cost
 * nothing extra and `saved === _event` holds.
 *
 * The accessor has no setter: like the non-writable data property, writes
 * from scripts are ignored, and <assign> refuses _event before it runs.
 */
#include "config.h"

#include <string.h>

#include "scxml/scxml_dm_ecma_priv.h"

/* The object is made by a compiled object literal: it is sized once, where
 * property-by-property puts from C grow it several times (measured: a
 * little faster, ~150 bytes less per session). */
static const char event_maker_src[] =
	"function(n,t,s,o,ot,i,d,r){return{name:n,type:t,sendid:s,origin:o,"
	"origintype:ot,invokeid:i,data:d,raw:r};}";

static void put_in_stash(duk_context *ctx, const char *key, void **ptr)
{
	duk_push_heap_stash(ctx);
	duk_dup(ctx, -2);
	duk_put_prop_string(ctx, -2, key);
	duk_pop(ctx);
	*ptr = duk_get_heapptr(ctx, -1);
	duk_pop(ctx);
}

static duk_ret_t event_getter(duk_context *ctx);

int scxml_ecma_event_init(scxml_ecma_engine *eng)
{
	duk_context *ctx = eng->ctx;

	if (duk_pcompile_string(ctx, DUK_COMPILE_FUNCTION, event_maker_src)) {
		duk_pop(ctx);
		return -1;
	}
	scxml_ecma_freeze_shared(ctx, -1);
	put_in_stash(ctx, "event_maker", &eng->event_maker);
	/* A script reaches the getter (getOwnPropertyDescriptor): frozen,
	 * so that it carries nothing from one session to another. */
	duk_push_c_function(ctx, event_getter, 0);
	scxml_ecma_freeze_shared(ctx, -1);
	put_in_stash(ctx, "event_getter", &eng->event_getter);
	return 0;
}

void scxml_ecma_define_system(duk_context *ctx, duk_idx_t scope,
			      const char *name)
{
	scope = duk_normalize_index(ctx, scope);
	duk_push_string(ctx, name);
	duk_swap_top(ctx, -2);
	duk_def_prop(ctx, scope,
		     DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE |
			     DUK_DEFPROP_CLEAR_WRITABLE |
			     DUK_DEFPROP_SET_ENUMERABLE |
			     DUK_DEFPROP_CLEAR_CONFIGURABLE);
}

static void clear_copy(scxml_ecma_event *e)
{
	g_free(e->name);
	g_free(e->sendid);
	g_free(e->origin);
	g_free(e->origintype);
	g_free(e->invokeid);
	g_free(e->raw);
	if (e->data)
		json_node_unref(e->data);
	memset(e, 0, sizeof(*e));
}

void scxml_ecma_event_free(scxml_dm *dm)
{
	clear_copy(&dm->event);
}

static void push_opt_string(duk_context *ctx, const char *s)
{
	if (s)
		duk_push_string(ctx, s);
	else
		duk_push_undefined(ctx);
}

/* XML content of an event is a DOM (W3C B.2.2), like XML data. Content
 * declaring an entity is refused as a document doing so is: the expression
 * reading _event fails (error.execution). */
static gboolean push_event_xml(duk_context *ctx, const char *text)
{
	char *refusal;

	if (scxml_ecma_push_xml(ctx, text, &refusal))
		return TRUE;
	if (!refusal)
		return FALSE;
	duk_push_error_object(ctx, DUK_ERR_TYPE_ERROR, "event content: %s",
			      refusal);
	g_free(refusal);
	return duk_throw(ctx);
}

/* Fields the event lacks are present but undefined (`'sendid' in _event`
 * holds, `typeof _event.sendid` is 'undefined'). */
static void push_event_object(scxml_dm *dm)
{
	duk_context *ctx = dm->eng->ctx;
	scxml_ecma_event *e = &dm->event;

	duk_push_heapptr(ctx, dm->eng->event_maker);
	duk_push_string(ctx, e->name);
	duk_push_string(ctx, scxml_event_type_name(e->type));
	push_opt_string(ctx, e->sendid);
	push_opt_string(ctx, e->origin);
	push_opt_string(ctx, e->origintype);
	push_opt_string(ctx, e->invokeid);
	if (!(e->data && JSON_NODE_HOLDS_VALUE(e->data) &&
	      json_node_get_value_type(e->data) == G_TYPE_STRING &&
	      push_event_xml(ctx, json_node_get_string(e->data))))
		scxml_ecma_push_json(ctx, e->data);
	push_opt_string(ctx, e->raw);
	duk_call(ctx, 8);
}

/* this: the scope object S being read through. Only the session evaluating
 * now can be reading its own S. */
static duk_ret_t event_getter(duk_context *ctx)
{
	duk_memory_functions mf;
	scxml_ecma_engine *eng;
	scxml_dm *dm;

	duk_get_memory_functions(ctx, &mf);
	eng = mf.udata;
	dm = eng->current;
	duk_push_this(ctx);
	if (!dm || !dm->event.pending || duk_get_heapptr(ctx, -1) != dm->scope)
		return 0;
	push_event_object(dm);
	/* [S obj] -> S._event = obj, a data property again */
	duk_dup_top(ctx);
	scxml_ecma_define_system(ctx, -3, "_event");
	dm->event_is_accessor = FALSE;
	clear_copy(&dm->event);
	return 1;
}

/* S._event = undefined / the lazy getter (protected bodies). */
static int define_undefined(scxml_dm *dm, void *ud, GError **err)
{
	duk_context *ctx = dm->eng->ctx;

	duk_push_heapptr(ctx, dm->scope);
	duk_push_undefined(ctx);
	scxml_ecma_define_system(ctx, -2, "_event");
	duk_pop(ctx);
	return 0;
}

static int define_getter(scxml_dm *dm, void *ud, GError **err)
{
	duk_context *ctx = dm->eng->ctx;

	duk_push_heapptr(ctx, dm->scope);
	duk_push_literal(ctx, "_event");
	duk_push_heapptr(ctx, dm->eng->event_getter);
	duk_def_prop(ctx, -3,
		     DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_FORCE |
			     DUK_DEFPROP_SET_ENUMERABLE |
			     DUK_DEFPROP_CLEAR_CONFIGURABLE);
	duk_pop(ctx);
	return 0;
}

int scxml_ecma_set_event(scxml_dm *dm, const scxml_event *ev)
{
	scxml_ecma_event *e = &dm->event;
	GError *err = NULL;

	clear_copy(e);
	if (!ev) {
		if (scxml_ecma_protect(dm, NULL, define_undefined, NULL,
				       &err) < 0) {
			g_warning("ecmascript: cannot clear _event: %s",
				  err->message);
			g_error_free(err);
			return -1;
		}
		dm->event_is_accessor = FALSE;
		return 0;
	}
	/* A copy: the event may be gone before _event is first read. */
	e->name = g_strdup(ev->name ? ev->name : "");
	e->type = ev->type;
	e->sendid = g_strdup(ev->sendid);
	e->origin = g_strdup(ev->origin);
	e->origintype = g_strdup(ev->origintype);
	e->invokeid = g_strdup(ev->invokeid);
	e->data = ev->data ? json_node_ref(ev->data) : NULL;
	e->raw = g_strdup(ev->raw);
	e->pending = TRUE;
	if (dm->event_is_accessor)
		return 0;
	if (scxml_ecma_protect(dm, NULL, define_getter, NULL, &err) < 0) {
		g_warning("ecmascript: cannot set _event: %s", err->message);
		g_error_free(err);
		return -1;
	}
	dm->event_is_accessor = TRUE;
	return 0;
}
