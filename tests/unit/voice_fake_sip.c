/*
 * A fake SIP agent for the voice module's tests (see voice_fake_sip.h):
 * calls record every operation and complete only when the test says so.
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "tests/unit/voice_fake_sip.h"

sip_agent *fake_agent;

G_DEFINE_QUARK(sipscxml - sip - error - quark, sip_error)

/* ---- SIP agent ---------------------------------------------------------- */

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

void sip_agent_set_router(sip_agent *agent, sip_route_fn route,
			  sip_options_fn options, void *ud)
{
	agent->route = route;
	agent->options = options;
	agent->route_ud = ud;
}

guint sip_agent_call_count(const sip_agent *agent)
{
	guint n = 0;

	for (guint i = 0; i < agent->calls->len; i++) {
		const sip_call *c = agent->calls->pdata[i];

		n += c->state != SIP_CALL_RELEASED;
	}
	return n;
}

const char *sip_call_request_uri(const sip_call *call)
{
	return call->inbound ? call->local : NULL;
}

const char *sip_call_request_user(const sip_call *call)
{
	return call->inbound ? "flow" : NULL;
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

	if (agent->refuse) {
		g_set_error(err, SIP_ERROR,
			    strcmp(agent->refuse, "from")
				    ? SIP_ERROR_BAD_TARGET
				    : SIP_ERROR_BAD_SOURCE,
			    "unparsable %s address '%s'", agent->refuse,
			    strcmp(agent->refuse, "from") ? to : from);
		agent->refuse = NULL;
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

/* The call's REFER still waiting for its outcome, or NULL. */
static fake_op *pending_refer(sip_call *call)
{
	for (guint i = 0; i < call->ops->len; i++) {
		fake_op *op = call->ops->pdata[i];

		if (!op->completed && !strcmp(op->what, "refer"))
			return op;
	}
	return NULL;
}

int sip_call_refer(sip_call *call, const char *refer_to, sip_call *replaces,
		   GHashTable *headers, sip_done_fn done, void *ud,
		   GError **err)
{
	/* As sip/: one REFER at a time on a call. */
	if (live(call) < 0 || pending_refer(call)) {
		g_set_error(err, SIP_ERROR, SIP_ERROR_STATE, "REFER refused");
		return -1;
	}
	/* As sip/: a target without a host is no SIP URI. */
	if (refer_to && strncmp(refer_to, "sip:", 4) == 0 && !refer_to[4]) {
		g_set_error(err, SIP_ERROR, SIP_ERROR_BAD_TARGET,
			    "REFER: unparsable target '%s'", refer_to);
		return -1;
	}
	record(call, "refer", refer_to, replaces ? replaces->callid : NULL,
	       headers, done, ud);
	return 0;
}

void sip_call_refer_abandon(sip_call *call)
{
	fake_op *op = pending_refer(call);

	/* sip/ reports it from the loop; nothing in the voice module looks
	 * at the operation once it gave up on it, so at once is the same. */
	if (op)
		fake_complete(op, 408, "Request Timeout", TRUE);
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
	if (call->headers)
		g_hash_table_unref(call->headers);
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

const char *sip_call_conference_uri(const sip_call *call)
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
	return call->headers;
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
	sip_outcome out = {status, phrase, local, FALSE};
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
	sip_outcome why = {status, phrase, FALSE, FALSE};

	call->state = SIP_CALL_RELEASED;
	sip_call_ref(call);
	if (call->obs && call->obs->on_released)
		call->obs->on_released(call, cause, &why, call->obs_ud);
	sip_call_unref(call);
}

sip_call *fake_incoming(const char *from, const char *to)
{
	sip_call *c = call_new("sip:contact@192.0.2.1:5999", to, TRUE);

	c->headers =
		g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_insert(c->headers, g_strdup("From"),
			    g_strdup_printf("\"Caller\" <%s>;tag=1", from));
	g_hash_table_insert(c->headers, g_strdup("To"), g_strdup(to));
	g_hash_table_insert(c->headers, g_strdup("X-Case"), g_strdup("9"));

	if (fake_agent->route) {
		const sip_call_observer *obs = NULL;
		void *obs_ud = NULL;
		guint retry = 0;
		int status = fake_agent->route(c, &obs, &obs_ud, &retry,
					       fake_agent->route_ud);

		if (status != 0) {
			fake_agent->refused = status;
			fake_agent->retry_after = retry;
			c->state = SIP_CALL_RELEASED;
			return NULL;
		}
		c->obs = obs;
		c->obs_ud = obs_ud;
	} else {
		c->obs = fake_agent->incoming;
		c->obs_ud = fake_agent->incoming_ud;
	}
	c->state = SIP_CALL_RINGING;
	if (c->obs->on_incoming)
		c->obs->on_incoming(c, c->obs_ud);
	return c;
}
