/*
 * One execution of an action, from its requestid to its one result event;
 * and the SIP operations it has in flight. The "exactly one result event"
 * guarantee lives here: voice_request_succeed/fail post only the first time,
 * an operation's completion is delivered to its step only once (whichever
 * comes first: the SIP done callback, or the call ending), and every wait is
 * bounded by the request's timer.
 */
#include "config.h"

#include "src/voice_priv.h"

voice_request *voice_request_begin(scxml_action *act, voice_module *vm,
				   const voice_action_desc *action)
{
	voice_session *vs = voice_session_get(vm, scxml_action_session(act));
	voice_request *req;

	req = g_new0(voice_request, 1);
	req->refs = 1;
	req->vs = voice_session_ref(vs);
	req->action = action;
	if (action->state_size) {
		req->state = g_malloc0(action->state_size);
		if (action->state_init)
			action->state_init(req->state);
	}
	req->requestid = g_uuid_string_random();
	/* The flow sees its id before any result can arrive. */
	if (scxml_action_has(act, "requestid") &&
	    scxml_action_assign(act, "requestid",
				json_node_init_string(json_node_alloc(),
						      req->requestid)) < 0) {
		voice_request_unref(req);
		return NULL;
	}
	g_ptr_array_add(vs->requests, voice_request_ref(req));
	return req;
}

voice_request *voice_request_ref(voice_request *req)
{
	req->refs++;
	return req;
}

void voice_request_unref(voice_request *req)
{
	if (!req || --req->refs > 0)
		return;
	g_free(req->requestid);
	g_free(req->interactionid);
	g_free(req->heldinteractionid);
	if (req->headers)
		g_hash_table_unref(req->headers);
	if (req->dial_headers)
		g_hash_table_unref(req->dial_headers);
	voice_call_unref(req->a);
	voice_call_unref(req->b);
	voice_call_unref(req->c);
	voice_call_unref(req->waiting);
	g_free(req->type);
	g_free(req->reason);
	if (req->udata)
		json_node_unref(req->udata);
	g_free(req->noted_error);
	g_free(req->noted_desc);
	g_free(req->noted_phrase);
	if (req->owned) {
		/* abandoned (the session ended): nothing more to post */
		for (guint i = 0; i < req->owned->len; i++) {
			voice_call *vc = req->owned->pdata[i];
			if (vc->owner == req)
				vc->owner = NULL;
		}
		g_ptr_array_unref(req->owned);
	}
	if (req->deferred)
		g_ptr_array_unref(req->deferred);
	if (req->state && req->action->state_free)
		req->action->state_free(req->state);
	g_free(req->state);
	voice_session_unref(req->vs);
	g_free(req);
}

void voice_request_own(voice_request *req, voice_call *vc)
{
	if (req->finished || (vc->owner && !vc->owner->finished))
		return;
	vc->owner = req;
	if (!req->owned)
		req->owned = g_ptr_array_new_with_free_func(
			(GDestroyNotify)voice_call_unref);
	g_ptr_array_add(req->owned, voice_call_ref(vc));
}

void voice_call_post_deleted(voice_call *vc, JsonNode *data)
{
	voice_request *owner = vc->owner;

	if (owner && !owner->finished) {
		if (!owner->deferred)
			owner->deferred = g_ptr_array_new_with_free_func(
				(GDestroyNotify)json_node_unref);
		g_ptr_array_add(owner->deferred, data);
		return;
	}
	voice_session_post(vc->vs, "interaction.deleted", data);
}

/* The result is posted: the calls it owned are on their own again, and
 * the interaction.deleted events held for it follow, in their order. */
static void request_release_owned(voice_request *req)
{
	GPtrArray *owned = g_steal_pointer(&req->owned);
	GPtrArray *deferred = g_steal_pointer(&req->deferred);

	for (guint i = 0; owned && i < owned->len; i++) {
		voice_call *vc = owned->pdata[i];
		if (vc->owner == req)
			vc->owner = NULL;
	}
	if (deferred) {
		/* voice_session_post takes each event */
		g_ptr_array_set_free_func(deferred, NULL);
		for (guint i = 0; i < deferred->len; i++)
			voice_session_post(req->vs, "interaction.deleted",
					   deferred->pdata[i]);
		g_ptr_array_unref(deferred);
	}
	if (owned)
		g_ptr_array_unref(owned);
}

void voice_request_set_interaction(voice_request *req, const char *id)
{
	g_free(req->interactionid);
	req->interactionid = g_strdup(id);
}

void voice_request_set_held(voice_request *req, const char *id)
{
	g_free(req->heldinteractionid);
	req->heldinteractionid = g_strdup(id);
}

/* Take the request off the session's pending list; the list's reference
 * passes to the caller. FALSE when it was finished already. */
static gboolean request_close(voice_request *req)
{
	if (req->finished)
		return FALSE;
	req->finished = TRUE;
	voice_request_disarm(req);
	if (!g_ptr_array_remove_fast(req->vs->requests, req))
		voice_request_ref(req); /* keep the accounting even */
	return TRUE;
}

static void request_post(voice_request *req, const char *error,
			 const char *description, int sipstatus,
			 const char *sipreason)
{
	char *name;

	if (error)
		name = g_strdup_printf("error.%s.%s", req->action->prefix,
				       req->action->name);
	else
		name = g_strdup_printf("%s.%s.done", req->action->prefix,
				       req->action->name);
	voice_session_post(
		req->vs, name,
		voice_event_result(req->requestid, req->interactionid,
				   req->heldinteractionid, error, description,
				   sipstatus, sipreason));
	g_free(name);
	request_release_owned(req);
}

void voice_request_succeed(voice_request *req)
{
	if (!request_close(req))
		return;
	request_post(req, NULL, NULL, 0, NULL);
	voice_request_unref(req);
}

void voice_request_fail(voice_request *req, const char *error,
			const char *description)
{
	if (!request_close(req))
		return;
	request_post(req, error, description, 0, NULL);
	voice_request_unref(req);
}

/* The policy's inputs from a SIP operation's outcome (voice_outcome.h). */
static voice_outcome_in outcome_input(const voice_request *req, voice_sip_op op,
				      const voice_result *res)
{
	voice_outcome_in in = {0};

	in.op = op;
	in.status = res->status;
	in.local = res->local;
	in.sipfrag = res->sipfrag;
	in.cancelled = req->cancelling;
	in.hung_up = res->hung_up;
	if (!res->released)
		in.released = VOICE_END_NONE;
	else
		switch (res->cause) {
		case SIP_END_LOCAL:
			in.released = VOICE_END_LOCAL;
			break;
		case SIP_END_REMOTE:
			in.released = VOICE_END_REMOTE;
			break;
		case SIP_END_FAILED:
			in.released = VOICE_END_FAILED;
			break;
		case SIP_END_TRANSFERRED:
			in.released = VOICE_END_TRANSFERRED;
			break;
		}
	return in;
}

const char *voice_refusal_error(const GError *err)
{
	voice_outcome_in in = {0};

	in.refused = VOICE_REFUSED_OTHER;
	if (err && err->domain == SIP_ERROR)
		switch ((sip_error_code)err->code) {
		case SIP_ERROR_BAD_SOURCE:
			in.refused = VOICE_REFUSED_BAD_SOURCE;
			break;
		case SIP_ERROR_BAD_TARGET:
			in.refused = VOICE_REFUSED_BAD_TARGET;
			break;
		case SIP_ERROR_SHUTTING_DOWN:
			in.refused = VOICE_REFUSED_SHUTTING_DOWN;
			break;
		case SIP_ERROR_STATE:
		case SIP_ERROR_FAILED:
			break;
		}
	return voice_outcome_decide(&in).error;
}

void voice_request_note(voice_request *req, const char *error,
			const char *description)
{
	if (req->noted_error)
		return;
	req->noted_error = g_strdup(error);
	req->noted_desc = g_strdup(description);
}

void voice_request_note_sip(voice_request *req, voice_sip_op op,
			    const char *what, const voice_result *res)
{
	voice_outcome_in in;
	voice_outcome out;

	if (req->noted_error)
		return;
	in = outcome_input(req, op, res);
	out = voice_outcome_decide(&in);
	/* The step calls this for a failure; a success here would be a
	 * step's mistake: be safe, the request still ends. */
	req->noted_error = g_strdup(out.error ? out.error : "unknown");
	switch (out.desc) {
	case VOICE_DESC_NO_ANSWER:
		req->noted_desc = g_strdup_printf("%s: no answer in %g s", what,
						  req->armed_s);
		break;
	case VOICE_DESC_ENDED:
		req->noted_desc =
			g_strdup_printf("%s: the call ended (released)", what);
		break;
	case VOICE_DESC_ENDED_BY_PEER:
		req->noted_desc = g_strdup_printf(
			"%s: the call ended (released by the peer)", what);
		break;
	case VOICE_DESC_NONE:
	case VOICE_DESC_STATUS:
	case VOICE_DESC_FAILED:
	case VOICE_DESC_REFUSED:
		if (res->status > 0)
			req->noted_desc =
				g_strdup_printf("%s: %d %s", what, res->status,
						res->phrase ? res->phrase : "");
		else
			req->noted_desc = g_strdup_printf("%s failed", what);
		break;
	}
	if (out.sipstatus) {
		req->noted_status = res->status;
		req->noted_phrase = g_strdup(res->phrase ? res->phrase : "");
	}
}

gboolean voice_request_noted(const voice_request *req)
{
	return req->noted_error != NULL;
}

void voice_request_fail_noted(voice_request *req, const char *extra)
{
	char *desc;

	if (!request_close(req))
		return;
	desc = g_strconcat(req->noted_desc ? req->noted_desc : "",
			   extra ? extra : "", NULL);
	request_post(req, req->noted_error ? req->noted_error : "unknown", desc,
		     req->noted_status, req->noted_phrase);
	g_free(desc);
	voice_request_unref(req);
}

void voice_request_fail_sip(voice_request *req, voice_sip_op op,
			    const char *what, const voice_result *res)
{
	voice_request_note_sip(req, op, what, res);
	voice_request_fail_noted(req, NULL);
}

/* ---- the timer ----------------------------------------------------------- */

typedef struct request_timer {
	voice_request *req;
	void (*fn)(voice_request *req);
} request_timer;

static gboolean request_timer_fired(gpointer data)
{
	request_timer *t = data;
	voice_request *req = voice_request_ref(t->req);

	req->timer = 0;
	if (!req->finished)
		t->fn(req);
	voice_request_unref(req);
	return G_SOURCE_REMOVE;
}

static void request_timer_free(gpointer data)
{
	request_timer *t = data;

	voice_request_unref(t->req);
	g_free(t);
}

void voice_request_arm(voice_request *req, double seconds,
		       void (*fn)(voice_request *req))
{
	request_timer *t = g_new0(request_timer, 1);
	GSource *src;

	voice_request_disarm(req);
	req->armed_s = seconds;
	t->req = voice_request_ref(req);
	t->fn = fn;
	src = g_timeout_source_new((guint)(seconds * 1000 + 0.5));
	g_source_set_callback(src, request_timer_fired, t, request_timer_free);
	req->timer = g_source_attach(src, req->vs->vm->ctx);
	g_source_unref(src);
}

void voice_request_disarm(voice_request *req)
{
	GSource *src;

	if (!req->timer)
		return;
	src = g_main_context_find_source_by_id(req->vs->vm->ctx, req->timer);
	if (src)
		g_source_destroy(src);
	req->timer = 0;
}

/* ---- operations ------------------------------------------------------------
 */

struct voice_op {
	int refs; /* the SIP callback's and the call's */
	voice_request *req;
	voice_call *vc;
	voice_step_fn step;
	gboolean settled;
};

static void op_unref(voice_op *op)
{
	if (--op->refs > 0)
		return;
	voice_request_unref(op->req);
	voice_call_unref(op->vc);
	g_free(op);
}

voice_op *voice_op_new(voice_request *req, voice_call *vc, voice_step_fn step)
{
	voice_op *op = g_new0(voice_op, 1);

	op->refs = 2;
	op->req = voice_request_ref(req);
	op->vc = voice_call_ref(vc);
	op->step = step;
	vc->op = op;
	return op;
}

/* Deliver the outcome once; the call is free for the next operation
 * before the step runs (a step often starts one). */
static void op_settle(voice_op *op, const voice_result *res)
{
	voice_result seen;
	voice_request *req;
	voice_call *vc;

	if (op->settled)
		return;
	op->settled = TRUE;
	req = voice_request_ref(op->req);
	vc = voice_call_ref(op->vc);
	if (vc->op == op) {
		vc->op = NULL;
		op_unref(op);
	}
	/* Whether we had hung the call up under the operation is part of
	 * its outcome (voice_outcome_decide reports the call's end then);
	 * read now, before the step can change it. */
	seen = *res;
	seen.hung_up = vc->hung_up;
	res = &seen;
	if (!req->finished)
		op->step(req, vc, res);
	voice_call_unref(vc);
	voice_request_unref(req);
}

void voice_op_done(sip_call *call, const sip_outcome *outcome, void *ud)
{
	voice_op *op = ud;
	voice_result res = {0};

	if (outcome) {
		res.status = outcome->status;
		res.phrase = outcome->phrase;
		res.local = outcome->local;
		res.sipfrag = outcome->sipfrag;
	}
	op_settle(op, &res);
	op_unref(op);
}

void voice_op_abort(voice_op *op)
{
	/* The SIP operation never started: no callback will come. */
	op->settled = TRUE;
	if (op->vc->op == op) {
		op->vc->op = NULL;
		op_unref(op);
	}
	op_unref(op);
}

void voice_op_forget(voice_request *req, voice_call *vc)
{
	voice_op *op = vc->op;

	if (!op || op->req != req)
		return;
	op->settled = TRUE;
	vc->op = NULL;
	op_unref(op);
}

void voice_op_released(voice_call *vc, sip_end_cause cause,
		       const sip_outcome *why)
{
	voice_result res = {0};

	if (!vc->op)
		return;
	res.released = TRUE;
	res.cause = cause;
	if (why) {
		res.status = why->status;
		res.phrase = why->phrase;
		res.local = why->local;
	}
	op_settle(vc->op, &res);
}

void voice_op_expire(voice_request *req, voice_call *vc, int status,
		     const char *phrase)
{
	voice_result res = {0};

	if (!vc->op || vc->op->req != req)
		return;
	res.status = status;
	res.phrase = phrase;
	res.local = TRUE;
	op_settle(vc->op, &res);
}

gboolean voice_op_pending(const voice_request *req, const voice_call *vc)
{
	return vc->op && vc->op->req == req;
}

static void guard_expired(voice_request *req)
{
	if (req->waiting)
		voice_op_expire(req, req->waiting, 408, "Request Timeout");
}

void voice_request_guard(voice_request *req, voice_call *vc, double seconds)
{
	if (req->waiting != vc) {
		voice_call_unref(req->waiting);
		req->waiting = voice_call_ref(vc);
	}
	voice_request_arm(req, seconds, guard_expired);
}
