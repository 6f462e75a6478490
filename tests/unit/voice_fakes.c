/*
 * Fakes of the interpreter's extension API and of the SIP agent for the
 * voice module's unit tests (see voice_fakes.h). Only what the module
 * calls is here; everything records, nothing talks to a network.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "tests/unit/voice_fakes.h"

sip_agent *fake_agent;

/* ---- interpreter ----------------------------------------------------- */

scxml_engine *fake_engine_new(void)
{
	scxml_engine *e = g_new0(scxml_engine, 1);

	e->ctx = g_main_context_default();
	e->elements = g_ptr_array_new();
	return e;
}

void fake_engine_free(scxml_engine *e)
{
	g_ptr_array_unref(e->elements);
	g_free(e);
}

GMainContext *scxml_engine_context(scxml_engine *engine)
{
	return engine->ctx;
}

int scxml_engine_register(scxml_engine *engine, const scxml_ext_element *el)
{
	for (guint i = 0; i < engine->elements->len; i++) {
		const scxml_ext_element *x = engine->elements->pdata[i];

		if (!strcmp(x->ns, el->ns) && !strcmp(x->name, el->name))
			return -1;
	}
	g_ptr_array_add(engine->elements, (gpointer)el);
	return 0;
}

gboolean scxml_engine_has_namespace(scxml_engine *engine, const char *ns)
{
	for (guint i = 0; i < engine->elements->len; i++) {
		const scxml_ext_element *x = engine->elements->pdata[i];

		if (!strcmp(x->ns, ns))
			return TRUE;
	}
	return FALSE;
}

scxml_event *scxml_event_new(const char *name, scxml_event_type type,
			     JsonNode *data)
{
	scxml_event *ev = g_new0(scxml_event, 1);

	ev->name = g_strdup(name);
	ev->type = type;
	ev->data = data;
	return ev;
}

void scxml_event_free(scxml_event *ev)
{
	if (!ev)
		return;
	g_free(ev->name);
	if (ev->data)
		json_node_unref(ev->data);
	g_free(ev);
}

scxml_session *fake_session_new(void)
{
	scxml_session *s = g_new0(scxml_session, 1);

	s->events = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scxml_event_free);
	s->module_data =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	s->module_destroy =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return s;
}

void fake_session_end(scxml_session *s)
{
	GHashTableIter it;
	gpointer k, v;

	if (s->ended)
		return;
	s->ended = TRUE;
	g_hash_table_iter_init(&it, s->module_data);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		GDestroyNotify destroy = (GDestroyNotify)g_hash_table_lookup(
			s->module_destroy, k);
		if (destroy)
			destroy(v);
	}
	g_hash_table_remove_all(s->module_data);
}

void fake_session_free(scxml_session *s)
{
	fake_session_end(s);
	g_ptr_array_unref(s->events);
	g_hash_table_unref(s->module_data);
	g_hash_table_unref(s->module_destroy);
	g_free(s);
}

void scxml_session_post(scxml_session *s, scxml_event *ev)
{
	g_assert(!s->ended);
	g_assert(ev->type == SCXML_EVENT_EXTERNAL);
	g_ptr_array_add(s->events, ev);
}

void scxml_session_set_module_data(scxml_session *s, const char *key,
				   void *data, GDestroyNotify destroy)
{
	g_hash_table_replace(s->module_data, g_strdup(key), data);
	g_hash_table_replace(s->module_destroy, g_strdup(key),
			     (gpointer)destroy);
}

void *scxml_session_get_module_data(scxml_session *s, const char *key)
{
	return g_hash_table_lookup(s->module_data, key);
}

int fake_exec(scxml_engine *e, scxml_session *s, scxml_action **act_out,
	      const char *name, ...)
{
	scxml_action *act = g_new0(scxml_action, 1);
	const scxml_ext_element *el = NULL;
	const char *attr;
	va_list ap;
	int rc;

	act->session = s;
	act->element = name;
	act->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    (GDestroyNotify)json_node_unref);
	act->strings =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	va_start(ap, name);
	while ((attr = va_arg(ap, const char *))) {
		const char *json = va_arg(ap, const char *);

		if (!strcmp(attr, "requestid")) {
			act->has_requestid = TRUE;
			continue;
		}
		g_hash_table_insert(act->values, g_strdup(attr),
				    json_from_string(json, NULL));
	}
	va_end(ap);
	for (guint i = 0; i < e->elements->len; i++) {
		const scxml_ext_element *x = e->elements->pdata[i];

		if (!strcmp(x->name, name))
			el = x;
	}
	g_assert(el);
	rc = el->execute(act, el->module_data);
	if (act_out)
		*act_out = act;
	else
		fake_action_free(act);
	return rc;
}

void fake_action_free(scxml_action *act)
{
	g_hash_table_unref(act->values);
	g_hash_table_unref(act->strings);
	g_free(act->requestid);
	g_free(act);
}

scxml_session *scxml_action_session(scxml_action *act)
{
	return act->session;
}

const char *scxml_action_element(scxml_action *act)
{
	return act->element;
}

const char *scxml_action_where(scxml_action *act)
{
	return "test.scxml:1";
}

JsonNode *scxml_action_value(scxml_action *act, const char *attr)
{
	return g_hash_table_lookup(act->values, attr);
}

const char *scxml_action_string(scxml_action *act, const char *attr)
{
	JsonNode *v = scxml_action_value(act, attr);
	char *s;

	if (!v || JSON_NODE_HOLDS_NULL(v))
		return NULL;
	if (JSON_NODE_HOLDS_VALUE(v) &&
	    json_node_get_value_type(v) == G_TYPE_STRING)
		s = g_strdup(json_node_get_string(v));
	else
		s = json_to_string(v, FALSE);
	g_hash_table_replace(act->strings, g_strdup(attr), s);
	return s;
}

gboolean scxml_action_has(scxml_action *act, const char *attr)
{
	if (!strcmp(attr, "requestid"))
		return act->has_requestid;
	return g_hash_table_contains(act->values, attr);
}

int scxml_action_assign(scxml_action *act, const char *attr, JsonNode *value)
{
	g_assert_cmpstr(attr, ==, "requestid");
	g_assert(act->has_requestid);
	g_free(act->requestid);
	act->requestid = g_strdup(json_node_get_string(value));
	json_node_unref(value);
	return 0;
}

/* ---- SIP agent ---------------------------------------------------------- */

/* Until sip/sip_agent.h declares it. */
int sip_agent_config_load(GKeyFile *kf, sip_agent_config *cfg, GError **err);

int sip_agent_config_load(GKeyFile *kf, sip_agent_config *cfg, GError **err)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->bind = g_strdup("127.0.0.1:0");
	cfg->identity = g_strdup("sip:sipscxml@127.0.0.1");
	return 0;
}

void sip_agent_config_clear(sip_agent_config *cfg)
{
	g_free(cfg->bind);
	g_free(cfg->identity);
	memset(cfg, 0, sizeof(*cfg));
}

sip_agent *sip_agent_new(GMainContext *ctx, const sip_agent_config *cfg,
			 const sip_call_observer *incoming, void *ud,
			 GError **err)
{
	sip_agent *a = g_new0(sip_agent, 1);

	a->calls =
		g_ptr_array_new_with_free_func((GDestroyNotify)sip_call_unref);
	a->log = g_ptr_array_new();
	a->incoming = incoming;
	a->incoming_ud = ud;
	fake_agent = a;
	return a;
}

const char *sip_agent_contact(sip_agent *agent)
{
	return "sip:127.0.0.1:5999";
}

void sip_agent_shutdown(sip_agent *agent, void (*done)(void *ud), void *ud)
{
	/* Every call still up ends, as the real agent's shutdown does. */
	for (guint i = 0; i < agent->calls->len; i++) {
		sip_call *c = agent->calls->pdata[i];

		if (c->state != SIP_CALL_RELEASED)
			fake_release(c, SIP_END_LOCAL, 0, NULL);
		/* and every operation still waiting completes, once */
		for (guint j = 0; j < c->ops->len; j++) {
			fake_op *op = c->ops->pdata[j];

			if (!op->completed)
				fake_complete(op, 481, "Call Does Not Exist",
					      TRUE);
		}
	}
	if (done)
		done(ud);
}

void sip_agent_free(sip_agent *agent)
{
	g_ptr_array_unref(agent->log);
	g_ptr_array_unref(agent->calls);
	if (fake_agent == agent)
		fake_agent = NULL;
	g_free(agent);
}

static void op_free(gpointer p)
{
	fake_op *op = p;

	g_free(op->what);
	g_free(op->arg);
	g_free(op->extra);
	if (op->headers)
		g_hash_table_unref(op->headers);
	g_free(op);
}

static GHashTable *copy_headers(GHashTable *h)
{
	GHashTable *c;
	GHashTableIter it;
	gpointer k, v;

	if (!h)
		return NULL;
	c = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(c, g_strdup(k), g_strdup(v));
	return c;
}

static fake_op *record(sip_call *call, const char *what, const char *arg,
		       const char *extra, GHashTable *headers, sip_done_fn done,
		       void *ud)
{
	fake_op *op = g_new0(fake_op, 1);

	op->what = g_strdup(what);
	op->arg = g_strdup(arg);
	op->extra = g_strdup(extra);
	op->headers = copy_headers(headers);
	op->done = done;
	op->ud = ud;
	op->completed = done == NULL;
	g_ptr_array_add(call->ops, op);
	g_ptr_array_add(fake_agent->log, op);
	return op;
}

static sip_call *call_new(const char *remote, const char *local,
			  gboolean inbound)
{
	static int serial;
	sip_call *c = g_new0(sip_call, 1);

	c->refs = 1;
	c->callid = g_strdup_printf("call-%d@test", ++serial);
	c->remote = g_strdup(remote);
	c->local = g_strdup(local);
	c->inbound = inbound;
	c->ops = g_ptr_array_new_with_free_func(op_free);
	g_ptr_array_add(fake_agent->calls, c);
	return c;
}

sip_call *sip_call_invite(sip_agent *agent, const char *from, const char *to,
			  GHashTable *headers, const sip_call_observer *obs,
			  void *obs_ud, sip_done_fn done, void *ud,
			  GError **err)
{
	sip_call *c;

	if (agent->fail_invite) {
		agent->fail_invite = FALSE;
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "to: cannot parse \"%s\"", to);
		return NULL;
	}
	c = call_new(to, from, FALSE);
	c->state = SIP_CALL_DIALING;
	c->obs = obs;
	c->obs_ud = obs_ud;
	record(c, "invite", to, NULL, headers, done, ud);
	return c;
}

static int live(sip_call *call)
{
	return call->state != SIP_CALL_RELEASED ? 0 : -1;
}

int sip_call_hold(sip_call *call, GHashTable *headers, sip_done_fn done,
		  void *ud)
{
	if (live(call) < 0)
		return -1;
	record(call, "hold", NULL, NULL, headers, done, ud);
	return 0;
}

int sip_call_retrieve(sip_call *call, GHashTable *headers, sip_done_fn done,
		      void *ud)
{
	if (live(call) < 0)
		return -1;
	record(call, "retrieve", NULL, NULL, headers, done, ud);
	return 0;
}

int sip_call_refer(sip_call *call, const char *refer_to, sip_call *replaces,
		   GHashTable *headers, sip_done_fn done, void *ud)
{
	if (live(call) < 0)
		return -1;
	record(call, "refer", refer_to, replaces ? replaces->callid : NULL,
	       headers, done, ud);
	return 0;
}

int sip_call_hangup(sip_call *call, GHashTable *headers, sip_done_fn done,
		    void *ud)
{
	if (live(call) < 0)
		return -1;
	record(call, "hangup", NULL, NULL, headers, done, ud);
	return 0;
}

int sip_call_accept(sip_call *call, sip_done_fn done, void *ud)
{
	if (live(call) < 0)
		return -1;
	record(call, "accept", NULL, NULL, NULL, done, ud);
	return 0;
}

int sip_call_reject(sip_call *call, int status, const char *phrase,
		    const char *contact)
{
	char buf[16];

	if (live(call) < 0)
		return -1;
	g_snprintf(buf, sizeof(buf), "%d", status);
	record(call, "reject", buf, contact, NULL, NULL, NULL);
	return 0;
}

sip_call *sip_call_ref(sip_call *call)
{
	call->refs++;
	return call;
}

void sip_call_unref(sip_call *call)
{
	if (--call->refs > 0)
		return;
	g_ptr_array_unref(call->ops);
	g_free(call->callid);
	g_free(call->remote);
	g_free(call->local);
	g_free(call);
}

sip_call_state sip_call_get_state(const sip_call *call)
{
	return call->state;
}

gboolean sip_call_remote_holds(const sip_call *call)
{
	return FALSE;
}

const char *sip_call_remote_uri(const sip_call *call)
{
	return call->remote;
}

const char *sip_call_local_uri(const sip_call *call)
{
	return call->local;
}

const char *sip_call_call_id(const sip_call *call)
{
	return call->callid;
}

GHashTable *sip_call_request_headers(const sip_call *call)
{
	return NULL;
}

/* ---- test controls ------------------------------------------------------ */

fake_op *fake_last_op(void)
{
	if (!fake_agent || fake_agent->log->len == 0)
		return NULL;
	return fake_agent->log->pdata[fake_agent->log->len - 1];
}

guint fake_op_count(void)
{
	return fake_agent ? fake_agent->log->len : 0;
}

static sip_call *op_call(fake_op *op)
{
	for (guint i = 0; i < fake_agent->calls->len; i++) {
		sip_call *c = fake_agent->calls->pdata[i];

		for (guint j = 0; j < c->ops->len; j++)
			if (c->ops->pdata[j] == op)
				return c;
	}
	g_assert_not_reached();
	return NULL;
}

void fake_complete(fake_op *op, int status, const char *phrase, gboolean local)
{
	sip_outcome out = {status, phrase, local};
	sip_call *c = op_call(op);

	g_assert(!op->completed);
	op->completed = TRUE;
	if (status >= 200 && status <= 299) {
		if (!strcmp(op->what, "invite") ||
		    !strcmp(op->what, "retrieve") ||
		    !strcmp(op->what, "accept"))
			fake_set_state(c, SIP_CALL_CONNECTED);
		else if (!strcmp(op->what, "hold"))
			fake_set_state(c, SIP_CALL_HELD);
	}
	sip_call_ref(c);
	op->done(c, &out, op->ud);
	sip_call_unref(c);
}

void fake_set_state(sip_call *call, sip_call_state st)
{
	call->state = st;
	if (call->obs && call->obs->on_state)
		call->obs->on_state(call, st, call->obs_ud);
}

void fake_release(sip_call *call, sip_end_cause cause, int status,
		  const char *phrase)
{
	sip_outcome why = {status, phrase, FALSE};

	call->state = SIP_CALL_RELEASED;
	sip_call_ref(call);
	if (call->obs && call->obs->on_released)
		call->obs->on_released(call, cause, &why, call->obs_ud);
	sip_call_unref(call);
}

sip_call *fake_incoming(const char *from, const char *to)
{
	sip_call *c = call_new(from, to, TRUE);

	c->state = SIP_CALL_RINGING;
	c->obs = fake_agent->incoming;
	c->obs_ud = fake_agent->incoming_ud;
	fake_agent->incoming->on_incoming(c, fake_agent->incoming_ud);
	return c;
}

/* ---- events ---------------------------------------------------------------
 */

guint fake_event_count(scxml_session *s)
{
	return s->events->len;
}

const char *fake_event_name(scxml_session *s, guint i)
{
	g_assert_cmpuint(i, <, s->events->len);
	return ((scxml_event *)s->events->pdata[i])->name;
}

static JsonObject *event_data(scxml_session *s, guint i)
{
	scxml_event *ev;

	g_assert_cmpuint(i, <, s->events->len);
	ev = s->events->pdata[i];
	g_assert(ev->data && JSON_NODE_HOLDS_OBJECT(ev->data));
	return json_node_get_object(ev->data);
}

const char *fake_event_str(scxml_session *s, guint i, const char *member)
{
	JsonObject *o = event_data(s, i);

	if (!json_object_has_member(o, member))
		return NULL;
	return json_object_get_string_member(o, member);
}

gint64 fake_event_int(scxml_session *s, guint i, const char *member)
{
	JsonObject *o = event_data(s, i);

	if (!json_object_has_member(o, member))
		return -1;
	return json_object_get_int_member(o, member);
}

void fake_wait_events(scxml_session *s, guint n)
{
	gint64 until = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

	/* Polling, so that a missing event fails the test instead of
	 * blocking it. */
	while (s->events->len < n && g_get_monotonic_time() < until)
		if (!g_main_context_iteration(NULL, FALSE))
			g_usleep(1000);
}
