/*
 * The voice module object: reads the configuration, registers one element
 * of the interaction namespace per action descriptor of the build list
 * (voice_actions[]), opens the SIP agent on demand, and keeps each
 * session's voice state (its calls and pending requests) as the session's
 * module data, so that it is released when the session ends.
 */
#include "config.h"

#include "src/voice_priv.h"

/* ---- the elements ------------------------------------------------------ */

/* What an element's module_data points to: the element's descriptor and
 * the module it runs in. */
struct voice_binding {
	voice_module *vm;
	const voice_action_desc *desc;
};

/* Every element's handler: begin the request (its requestid assigned),
 * hand it to the action, drop our reference. Call failures are result
 * events, never a negative return. */
static int run_action(scxml_action *act, void *module_data)
{
	const struct voice_binding *b = module_data;
	voice_request *req = voice_request_begin(act, b->vm, b->desc);

	if (!req)
		return 0; /* error.execution is raised already */
	b->desc->execute(req, act);
	voice_request_unref(req);
	return 0;
}

static int register_actions(voice_module *vm, GError **err)
{
	gsize n = 0;

	while (voice_actions[n])
		n++;
	vm->elements = g_new0(scxml_ext_element, n);
	vm->bindings = g_new0(struct voice_binding, n);
	for (gsize i = 0; i < n; i++) {
		vm->bindings[i].vm = vm;
		vm->bindings[i].desc = voice_actions[i];
		vm->elements[i] = (scxml_ext_element){
			VOICE_NS, voice_actions[i]->name,
			voice_actions[i]->attrs, run_action, &vm->bindings[i]};
		if (scxml_engine_register(vm->engine, &vm->elements[i]) < 0) {
			g_set_error(err, G_IO_ERROR, G_IO_ERROR_EXISTS,
				    "voice: element %s registered twice",
				    voice_actions[i]->name);
			return -1;
		}
	}
	return 0;
}

/* ---- the module ---------------------------------------------------------- */

voice_module *voice_module_new(scxml_engine *engine, GKeyFile *config,
			       GError **err)
{
	voice_module *vm = g_new0(voice_module, 1);

	vm->engine = engine;
	vm->ctx = scxml_engine_context(engine);
	vm->offered = g_hash_table_new(NULL, NULL);
	if (voice_config_load(config, &vm->cfg, err) < 0)
		goto fail;
	if (sip_agent_config_load(config, &vm->sip_cfg, err) < 0)
		goto fail;
	if (register_actions(vm, err) < 0)
		goto fail;
	return vm;
fail:
	voice_module_free(vm);
	return NULL;
}

int voice_module_start_sip(voice_module *vm, const char *bind, GError **err)
{
	if (vm->agent)
		return 0;
	if (bind) {
		g_free(vm->sip_cfg.bind);
		vm->sip_cfg.bind = g_strdup(bind);
	}
	/* [voice] follow-redirects: a 302 to createcall is followed. */
	vm->sip_cfg.follow_redirects = vm->cfg.follow_redirects;
	vm->agent = sip_agent_new(vm->ctx, &vm->sip_cfg, NULL, NULL, err);
	if (!vm->agent)
		return -1;
	/* Every INVITE goes through voice_inbound.c: the ringing cap, then
	 * the router or the attached session. */
	sip_agent_set_router(vm->agent, voice_inbound_route,
			     voice_inbound_options, vm);
	return 0;
}

void voice_module_set_sip_trace(voice_module *vm, gboolean trace)
{
	vm->sip_cfg.trace = trace;
}

const char *voice_module_contact(voice_module *vm)
{
	return vm->agent ? sip_agent_contact(vm->agent) : "";
}

gboolean voice_module_sip_started(voice_module *vm)
{
	return vm->agent != NULL;
}

void voice_module_attach_session(voice_module *vm, scxml_session *s)
{
	voice_session *vs = voice_session_get(vm, s);

	vm->inbound = vs;
}

void voice_module_set_router(voice_module *vm, voice_route_fn route,
			     voice_options_fn options, void *ud)
{
	vm->route = route;
	vm->options = options;
	vm->route_ud = ud;
}

void voice_module_set_refused(voice_module *vm, voice_refused_fn refused,
			      void *ud)
{
	vm->refused = refused;
	vm->refused_ud = ud;
}

guint voice_module_session_calls(voice_module *vm, scxml_session *s)
{
	voice_session *vs = scxml_session_get_module_data(s, VOICE_DATA_KEY);

	return vs ? g_hash_table_size(vs->calls) : 0;
}

void voice_module_set_released_hook(voice_module *vm, voice_released_fn fn,
				    void *ud)
{
	vm->on_session_released = fn;
	vm->released_ud = ud;
}

guint voice_module_call_count(voice_module *vm)
{
	return vm->agent ? sip_agent_call_count(vm->agent) : 0;
}

gboolean voice_module_force_release_on_exit(voice_module *vm)
{
	gboolean was = vm->cfg.release_on_exit;

	vm->cfg.release_on_exit = TRUE;
	return was;
}

guint voice_module_retry_after(voice_module *vm)
{
	return vm->cfg.retry_after_s;
}

void voice_module_shutdown(voice_module *vm, void (*done)(void *ud), void *ud)
{
	if (!vm->agent) {
		if (done)
			done(ud);
		return;
	}
	sip_agent_shutdown(vm->agent, done, ud);
}

void voice_module_free(voice_module *vm)
{
	if (!vm)
		return;
	if (vm->agent)
		sip_agent_free(vm->agent);
	voice_inbound_clear(vm);
	g_hash_table_unref(vm->offered);
	voice_config_clear(&vm->cfg);
	sip_agent_config_clear(&vm->sip_cfg);
	g_free(vm->elements);
	g_free(vm->bindings);
	g_free(vm);
}

/* ---- per-session state ------------------------------------------------ */

/* The session ended: abandon its pending requests silently (there is no one
 * to tell), and release its calls unless the config keeps them. */
static void voice_session_end(gpointer data)
{
	voice_session *vs = data;
	GPtrArray *reqs = vs->requests;
	scxml_session *s = vs->s;
	GList *calls;

	vs->s = NULL;
	if (vs->vm->inbound == vs)
		vs->vm->inbound = NULL;
	vs->requests = g_ptr_array_new();
	for (guint i = 0; i < reqs->len; i++) {
		voice_request *req = reqs->pdata[i];

		req->finished = TRUE;
		voice_request_disarm(req);
		voice_request_unref(req);
	}
	g_ptr_array_unref(reqs);
	if (vs->vm->cfg.release_on_exit) {
		calls = g_hash_table_get_values(vs->calls);
		for (GList *l = calls; l; l = l->next) {
			voice_call *vc = l->data;

			voice_call_ref(vc);
			/* a placed call still owned by its action: the result
			 * event, never posted now, would have named it first */
			if (vs->vm->on_session_released && s &&
			    (vc->inbound || !vc->owner))
				vs->vm->on_session_released(
					s, vc->id, vs->vm->released_ud);
		}
		for (GList *l = calls; l; l = l->next) {
			voice_call_release(l->data, "local");
			voice_call_unref(l->data);
		}
		g_list_free(calls);
	}
	voice_session_unref(vs);
}

voice_session *voice_session_get(voice_module *vm, scxml_session *s)
{
	voice_session *vs = scxml_session_get_module_data(s, VOICE_DATA_KEY);

	if (vs)
		return vs;
	vs = g_new0(voice_session, 1);
	vs->refs = 1;
	vs->vm = vm;
	vs->s = s;
	vs->calls = g_hash_table_new(g_str_hash, g_str_equal);
	vs->requests = g_ptr_array_new();
	scxml_session_set_module_data(s, VOICE_DATA_KEY, vs, voice_session_end);
	return vs;
}

voice_session *voice_session_ref(voice_session *vs)
{
	vs->refs++;
	return vs;
}

void voice_session_unref(voice_session *vs)
{
	if (!vs || --vs->refs > 0)
		return;
	g_hash_table_unref(vs->calls);
	g_ptr_array_unref(vs->requests);
	g_free(vs);
}

void voice_session_post(voice_session *vs, const char *name, JsonNode *data)
{
	if (!vs->s) {
		if (data)
			json_node_unref(data);
		return;
	}
	scxml_session_post(vs->s,
			   scxml_event_new(name, SCXML_EVENT_EXTERNAL, data));
}
