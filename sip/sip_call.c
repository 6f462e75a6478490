/*
 * A call's life, shared by every operation: creation, reference counting,
 * state changes told to the observer, the one release, the operation slots
 * (each outcome reported exactly once), and the accessors of sip_agent.h.
 * The operations themselves live in sip_call_<operation>.c.
 */
#include "config.h"

#include <string.h>

#include "sip/sip_call_priv.h"

G_DEFINE_QUARK(sipscxml-sip-error-quark, sip_error)

sip_call *sip_call_new(sip_agent *agent, gboolean outbound,
		       const sip_call_observer *obs, void *obs_ud)
{
	sip_call *call = g_new0(sip_call, 1);
	call->refs = 1; /* the agent's, dropped at release */
	call->agent = agent;
	call->outbound = outbound;
	call->state = SIP_CALL_DIALING;
	if (obs)
		call->obs = *obs;
	call->obs_ud = obs_ud;
	call->sdp_id = g_get_real_time() / G_USEC_PER_SEC;
	call->sdp_version = call->sdp_id;
	g_queue_push_tail(&agent->calls, call);
	call->agent_link = agent->calls.tail;
	return call;
}

sip_call *sip_call_ref(sip_call *call)
{
	call->refs++;
	return call;
}

void sip_call_unref(sip_call *call)
{
	if (!call || --call->refs > 0)
		return;
	if (call->glare_timer)
		g_source_destroy(call->glare_timer);
	if (call->bye_timer)
		g_source_destroy(call->bye_timer);
	if (call->bye_held)
		nua_destroy_event(call->bye_saved);
	g_free(call->end_phrase);
	g_free(call->remote_offer);
	g_free(call->reinvite_headers);
	g_free(call->call_id);
	g_free(call->local_uri);
	g_free(call->remote_uri);
	g_free(call->called_uri);
	g_free(call->local_tag);
	g_free(call->remote_tag);
	if (call->request_headers)
		g_hash_table_unref(call->request_headers);
	g_free(call->request_uri);
	g_free(call->request_user);
	g_free(call);
}

void sip_call_set_state(sip_call *call, sip_call_state state)
{
	if (call->state == state || call->released)
		return;
	call->state = state;
	if (call->obs.on_state)
		call->obs.on_state(call, state, call->obs_ud);
}

/* The first cause set wins: a BYE we send after a failed re-INVITE still
 * ends the call as "failed". */
void sip_call_set_end(sip_call *call, sip_end_cause cause, int status,
		      const char *phrase, gboolean local)
{
	if (call->end_set)
		return;
	call->end_set = TRUE;
	call->end_cause = cause;
	call->end_status = status;
	call->end_phrase = g_strdup(phrase ? phrase : "");
	call->end_local = local;
}

void sip_op_start(sip_op *op, sip_done_fn done, void *ud)
{
	op->pending = TRUE;
	op->done = done;
	op->ud = ud;
	op->auth_tries = 0;
}

void sip_op_finish(sip_call *call, sip_op *op, int status, const char *phrase,
		   gboolean local)
{
	if (!op->pending)
		return;
	op->pending = FALSE;
	sip_done_fn done = op->done;
	void *ud = op->ud;
	op->done = NULL;
	if (!done)
		return;
	sip_outcome outcome = {status, phrase ? phrase : "", local,
			       op == &call->refer && call->refer_accepted &&
				       !local};
	done(call, &outcome, ud);
}

typedef struct later_report {
	sip_call *call;
	sip_done_fn done;
	void *ud;
	int status;
	char *phrase;
	gboolean local;
} later_report;

static gboolean report_later_cb(gpointer data)
{
	later_report *r = data;
	sip_outcome outcome = {r->status, r->phrase, r->local, FALSE};
	r->done(r->call, &outcome, r->ud);
	return G_SOURCE_REMOVE;
}

static void report_later_free(gpointer data)
{
	later_report *r = data;
	sip_call_unref(r->call);
	g_free(r->phrase);
	g_free(r);
}

/* For outcomes we know while still inside the caller's own call: the slot is
 * cleared now, the callback runs from the loop. */
void sip_op_finish_later(sip_call *call, sip_op *op, int status,
			 const char *phrase, gboolean local)
{
	if (!op->pending)
		return;
	op->pending = FALSE;
	if (!op->done)
		return;
	later_report *r = g_new0(later_report, 1);
	r->call = sip_call_ref(call);
	r->done = op->done;
	r->ud = op->ud;
	r->status = status;
	r->phrase = g_strdup(phrase ? phrase : "");
	r->local = local;
	op->done = NULL;
	GSource *src = g_idle_source_new();
	g_source_set_callback(src, report_later_cb, r, report_later_free);
	g_source_attach(src, call->agent->ctx);
	g_source_unref(src);
}

/* The dialog is gone. Pending operations fail first (RFC 3261 gives them no
 * answer any more), then the observer hears of the end, then the handle and
 * the agent's reference go. */
void sip_call_release(sip_call *call, sip_end_cause cause, int status,
		      const char *phrase, gboolean local)
{
	if (call->released)
		return;
	sip_call_set_end(call, cause, status, phrase, local);
	sip_call_ref(call);
	if (call->glare_timer) {
		g_source_destroy(call->glare_timer);
		call->glare_timer = NULL;
	}
	sip_op_finish(call, &call->invite, 487, "Request Terminated", TRUE);
	sip_op_finish(call, &call->reinvite, 481,
		      "Call/Transaction Does Not Exist", TRUE);
	sip_op_finish(call, &call->refer, 487, "Request Terminated", TRUE);
	sip_op_finish(call, &call->hangup, 200, "OK", TRUE);
	sip_call_answer_held_bye(call);

	call->released = TRUE;
	call->state = SIP_CALL_RELEASED;
	sip_end_cause end = call->end_cause;
	if (call->transferred && end != SIP_END_FAILED)
		end = SIP_END_TRANSFERRED;
	sip_outcome why = {call->end_status, call->end_phrase, call->end_local,
			   FALSE};
	if (call->obs.on_released)
		call->obs.on_released(call, end, &why, call->obs_ud);

	if (call->nh) {
		nua_handle_bind(call->nh, NULL);
		nua_handle_destroy(call->nh);
		call->nh = NULL;
	}
	sip_agent_forget_call(call->agent, call);
	sip_call_unref(call);
}

/* nua_i_state: we only act on the end of the call; the states the observer
 * sees come from the responses themselves. */
void sip_call_on_state(sip_call *call, int status, const char *phrase,
		       tagi_t const *tags)
{
	int ss = nua_callstate_init;
	tl_gets(tags, NUTAG_CALLSTATE_REF(ss), TAG_END());
	if (ss == nua_callstate_ready && !call->outbound &&
	    call->invite.pending && call->answered) {
		/* inbound: our 200 was ACKed */
		sip_call_set_state(call, SIP_CALL_CONNECTED);
		sip_op_finish(call, &call->invite, 200, "OK", FALSE);
	}
	if (ss == nua_callstate_terminated) {
		sip_end_cause cause = call->state >= SIP_CALL_CONNECTED
					      ? SIP_END_REMOTE
					      : SIP_END_FAILED;
		sip_call_release(call, cause, status, phrase, FALSE);
	}
}

/* Remember what identifies the dialog (RFC 3261 §12): Call-ID and tags, the
 * peer's URI and ours. Called with each message of the dialog we see. */
void sip_call_learn_dialog(sip_call *call, const sip_t *sip)
{
	if (!sip)
		return;
	const sip_from_t *local = call->outbound ? sip->sip_from : sip->sip_to;
	const sip_to_t *remote = call->outbound ? sip->sip_to : sip->sip_from;
	su_home_t home[1] = {SU_HOME_INIT(home)};

	if (!call->call_id && sip->sip_call_id && sip->sip_call_id->i_id)
		call->call_id = g_strdup(sip->sip_call_id->i_id);
	if (local && !call->local_uri)
		call->local_uri =
			g_strdup(url_as_string(home, (url_t *)local->a_url));
	if (remote && !call->remote_uri)
		call->remote_uri =
			g_strdup(url_as_string(home, (url_t *)remote->a_url));
	if (local && local->a_tag && !call->local_tag)
		call->local_tag = g_strdup(local->a_tag);
	if (remote && remote->a_tag && !call->remote_tag)
		call->remote_tag = g_strdup(remote->a_tag);
	/* The remote target (Contact) is where in-dialog requests go. */
	if (sip->sip_contact && sip->sip_contact->m_url->url_host &&
	    ((call->outbound && sip->sip_status) ||
	     (!call->outbound && sip->sip_request))) {
		g_free(call->remote_uri);
		call->remote_uri = g_strdup(
			url_as_string(home, (url_t *)sip->sip_contact->m_url));
		/* A feature parameter of the Contact; some foci put it in
		 * the URI's parameters instead. */
		call->remote_isfocus =
			msg_params_find(sip->sip_contact->m_params,
					"isfocus") != NULL ||
			url_has_param(sip->sip_contact->m_url, "isfocus");
	}
	su_home_deinit(home);
}

/* Extra headers for a request, as one block for SIPTAG_HEADER_STR. Names
 * must be tokens and values single lines: a flow's data never injects
 * headers of its own. */
char *sip_call_headers_string(GHashTable *headers)
{
	if (!headers || g_hash_table_size(headers) == 0)
		return NULL;
	GString *s = g_string_new(NULL);
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, headers);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const char *name = k, *value = v ? v : "";
		gboolean ok = *name != '\0';
		for (const char *p = name; *p && ok; p++)
			ok = g_ascii_isalnum(*p) || strchr("-.!%*_+`'~", *p);
		ok = ok && !strpbrk(value, "\r\n");
		if (!ok) {
			g_log(SIP_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
			      "dropping malformed extra header '%s'", name);
			continue;
		}
		g_string_append_printf(s, "%s: %s\r\n", name, value);
	}
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	/* SIPTAG_HEADER_STR wants no trailing line break */
	g_string_truncate(s, s->len - 2);
	return g_string_free(s, FALSE);
}

/* nta marks the responses it makes up itself (transaction timeout,
 * transport error) with this bit of sip_flags (NTA_INTERNAL_MSG in its
 * private nta_internal.h). */
#define SOFIA_INTERNAL_MSG_FLAG (1u << 15)

/* A response made up by our own stack rather than received. */
gboolean sip_response_is_local(const sip_t *sip)
{
	return !sip || !sip->sip_status ||
	       (sip->sip_flags & SOFIA_INTERNAL_MSG_FLAG) != 0;
}

/* RFC 3261 §22: answer a 401/407 once per operation (sip_auth.c).
 * FALSE: the operation fails with that status. */
gboolean sip_call_authenticate(sip_call *call, sip_op *op, int status,
			       const sip_t *sip)
{
	return sip_authenticate(call->agent, call->nh, &op->auth_tries, status,
				sip);
}

sip_call_state sip_call_get_state(const sip_call *call)
{
	return call->state;
}

gboolean sip_call_remote_holds(const sip_call *call)
{
	return call->remote_hold;
}

const char *sip_call_remote_uri(const sip_call *call)
{
	return call->remote_uri;
}

const char *sip_call_conference_uri(const sip_call *call)
{
	if (call->remote_isfocus || !call->called_uri)
		return call->remote_uri;
	return call->called_uri;
}

const char *sip_call_local_uri(const sip_call *call)
{
	return call->local_uri;
}

const char *sip_call_call_id(const sip_call *call)
{
	return call->call_id;
}

GHashTable *sip_call_request_headers(const sip_call *call)
{
	return call->request_headers;
}
