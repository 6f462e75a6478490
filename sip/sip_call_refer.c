/*
 * REFER (RFC 3515) on a call's dialog, for blind and attended transfer.
 * Refer-To names the target; for an attended transfer it carries
 * ?Replaces= with the replaced dialog (RFC 3891), whose tags are given from
 * the point of view of the party that will receive the INVITE/Replaces, the
 * far end of that dialog: its to-tag is that party's own tag (our remote
 * tag), its from-tag ours. Referred-By (RFC 3892) is our identity.
 *
 * The outcome is the REFER's refusal, or else the first final (>= 200)
 * sipfrag of the implicit subscription's NOTIFYs. Peers send one NOTIFY or
 * several, with or without 1xx sipfrags; a subscription that terminates
 * without a final sipfrag fails the operation.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sip/sip_call_priv.h"

/* RFC 3261 §25.1 hnv-unreserved plus unreserved stay as they are;
 * everything else is %-escaped for a header value inside a URI. */
static void append_escaped(GString *s, const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (g_ascii_isalnum(*p) || strchr("-_.!~*'()[]/?:+$", *p))
			g_string_append_c(s, (char)*p);
		else
			g_string_append_printf(s, "%%%02X", *p);
	}
}

static const char *dialog_tag(sip_call *call, gboolean local)
{
	const sip_to_t *a = NULL;
	if (call->nh)
		a = local ? nua_handle_local(call->nh)
			  : nua_handle_remote(call->nh);
	if (a && a->a_tag)
		return a->a_tag;
	return local ? call->local_tag : call->remote_tag;
}

/* "<target?Replaces=…>" — target given as a URI or a name-addr. NULL when
 * the target's URI carries a '#': a SIP URI has no fragment (RFC 3261 §19.1;
 * a '#' in a user part is written %23), and a Replaces appended after one
 * would land inside the fragment, where sofia-sip keeps it apart from the
 * URI's headers, so the REFER would go out without it. */
static char *make_refer_to(const char *target, sip_call *replaces)
{
	const char *uri = target;
	gsize len = strlen(target);
	const char *lt = strchr(target, '<');
	if (lt) {
		const char *gt = strchr(lt, '>');
		uri = lt + 1;
		len = gt ? (gsize)(gt - lt - 1) : strlen(lt + 1);
	}
	if (memchr(uri, '#', len))
		return NULL;

	GString *s = g_string_new("<");
	g_string_append_len(s, uri, (gssize)len);
	if (replaces) {
		const char *to_tag = dialog_tag(replaces, FALSE);
		const char *from_tag = dialog_tag(replaces, TRUE);
		g_autofree char *value =
			g_strdup_printf("%s;to-tag=%s;from-tag=%s",
					replaces->call_id, to_tag, from_tag);
		g_string_append(s, strchr(s->str, '?') ? "&" : "?");
		g_string_append(s, "Replaces=");
		append_escaped(s, value);
	}
	g_string_append_c(s, '>');
	return g_string_free(s, FALSE);
}

int sip_call_refer(sip_call *call, const char *refer_to, sip_call *replaces,
		   GHashTable *headers, sip_done_fn done, void *ud,
		   GError **err)
{
	if (call->released || !call->nh || call->refer.pending ||
	    call->hangup.pending ||
	    (call->state != SIP_CALL_CONNECTED &&
	     call->state != SIP_CALL_HELD) ||
	    (replaces &&
	     (replaces->released || !replaces->call_id ||
	      !dialog_tag(replaces, FALSE) || !dialog_tag(replaces, TRUE)))) {
		g_set_error(err, SIP_ERROR, SIP_ERROR_STATE,
			    "REFER: the call%s cannot be transferred now",
			    replaces ? " or the one it replaces" : "");
		return -1;
	}
	if (!refer_to || !*refer_to)
		refer_to = replaces ? replaces->remote_uri : NULL;
	if (!refer_to || strpbrk(refer_to, "\r\n")) {
		g_set_error(err, SIP_ERROR, SIP_ERROR_BAD_TARGET,
			    "REFER: no usable target");
		return -1;
	}

	g_autofree char *target = make_refer_to(refer_to, replaces);
	if (!target) {
		g_set_error(err, SIP_ERROR, SIP_ERROR_BAD_TARGET,
			    "REFER: target '%s' has a URI fragment ('#')",
			    refer_to);
		return -1;
	}
	g_autofree char *by = g_strdup_printf(
		"<%s>",
		call->local_uri ? call->local_uri : call->agent->cfg.identity);
	g_autofree char *extra = sip_call_headers_string(headers);
	su_home_t home[1] = {SU_HOME_INIT(home)};
	sip_refer_to_t *rt = sip_refer_to_make(home, target);
	if (!rt || !rt->r_url->url_host || rt->r_url->url_fragment) {
		su_home_deinit(home);
		g_set_error(err, SIP_ERROR, SIP_ERROR_BAD_TARGET,
			    "REFER: unparsable target '%s'", refer_to);
		return -1;
	}
	call->refer_accepted = FALSE;
	call->refer_cseq = 0;
	sip_op_start(&call->refer, done, ud);
	nua_refer(call->nh, SIPTAG_REFER_TO(rt), SIPTAG_REFERRED_BY_STR(by),
		  TAG_IF(extra, SIPTAG_HEADER_STR(extra)), TAG_END());
	su_home_deinit(home);
	return 0;
}

static void refer_succeeded(sip_call *call, int status, const char *phrase)
{
	call->transferred = TRUE;
	sip_op_finish(call, &call->refer, status, phrase, FALSE);
}

void sip_call_on_refer_response(sip_call *call, int status, const char *phrase,
				const sip_t *sip)
{
	gboolean local = sip_response_is_local(sip);
	if (status < 200 || !call->refer.pending)
		return;
	if (sip && sip->sip_cseq && !local)
		call->refer_cseq = sip->sip_cseq->cs_seq;
	if (status < 300) {
		call->refer_accepted = TRUE; /* now wait for the NOTIFYs */
		return;
	}
	if ((status == 401 || status == 407) &&
	    sip_call_authenticate(call, &call->refer, status, sip))
		return;
	if (status >= 700)
		local = TRUE;
	sip_op_finish(call, &call->refer, status, phrase, local);
}

void sip_call_refer_abandon(sip_call *call)
{
	if (!call->refer.pending)
		return;
	call->refer_abandoned_cseq = call->refer_cseq;
	call->refer_cseq = 0;
	call->refer_accepted = FALSE;
	/* Later, from the loop: the caller is inside its own timer. */
	sip_op_finish_later(call, &call->refer, 408, "Request Timeout", TRUE);
}

/* Does this NOTIFY report on the pending REFER? Its Event id is the CSeq of
 * the REFER that created the subscription; a NOTIFY without one (peers
 * often omit it) is taken as ours. After an abandoned REFER, the NOTIFYs of
 * that one's subscription must not settle the next REFER. */
static gboolean notify_is_ours(const sip_call *call, const sip_t *sip)
{
	const char *id = sip && sip->sip_event ? sip->sip_event->o_id : NULL;
	guint64 n;
	char *end;

	if (!id)
		return TRUE;
	n = g_ascii_strtoull(id, &end, 10);
	if (end == id || *end)
		return TRUE;
	if (call->refer_abandoned_cseq && n == call->refer_abandoned_cseq)
		return FALSE;
	return !call->refer_cseq || n == call->refer_cseq;
}

/* "SIP/2.0 200 OK" → 200, "OK". */
static gboolean parse_sipfrag(const sip_t *sip, int *status, char **phrase)
{
	if (!sip || !sip->sip_payload || !sip->sip_payload->pl_data)
		return FALSE;
	g_autofree char *body =
		g_strndup(sip->sip_payload->pl_data, sip->sip_payload->pl_len);
	char *eol = strpbrk(body, "\r\n");
	if (eol)
		*eol = '\0';
	int code = 0, used = 0;
	if (sscanf(body, "SIP/2.0 %3d%n", &code, &used) != 1 || code < 100 ||
	    code > 699)
		return FALSE;
	*status = code;
	*phrase = g_strdup(g_strstrip(body + used));
	return TRUE;
}

void sip_call_on_notify(sip_call *call, const sip_t *sip, tagi_t const *tags)
{
	int substate = -1;
	int status = 0;
	g_autofree char *phrase = NULL;

	if (!call->refer.pending)
		return;
	if (sip && sip->sip_event && sip->sip_event->o_type &&
	    g_ascii_strcasecmp(sip->sip_event->o_type, "refer") != 0)
		return;
	if (!notify_is_ours(call, sip))
		return;
	tl_gets(tags, NUTAG_SUBSTATE_REF(substate), TAG_END());
	if (substate < 0 && sip && sip->sip_subscription_state &&
	    sip->sip_subscription_state->ss_substate)
		substate = nua_substate_make(
			sip->sip_subscription_state->ss_substate);

	if (parse_sipfrag(sip, &status, &phrase) && status >= 200) {
		if (status < 300)
			refer_succeeded(call, status, phrase);
		else
			sip_op_finish(call, &call->refer, status, phrase,
				      FALSE);
		return;
	}
	if (substate == nua_substate_terminated)
		sip_op_finish(call, &call->refer, 487,
			      "Subscription Terminated", TRUE);
}
