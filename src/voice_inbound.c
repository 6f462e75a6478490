/*
 * Answering inbound calls (spec §6): <accept>, <reject>, <redirect>. The
 * call arrived as interaction.added (voice_call.c) and rings until one of
 * these, or <terminate> (480), settles it. Results are
 * interaction.<action>.done / error.interaction.<action>.
 */
#include "config.h"

#include <stdlib.h>

#include "src/voice_priv.h"

static const voice_action accept_action = {"accept", "interaction", FALSE};
static const voice_action reject_action = {"reject", "interaction", FALSE};
static const voice_action redirect_action = {"redirect", "interaction", FALSE};

static void accept_settled(voice_request *req, voice_call *vc,
			   const voice_result *res)
{
	voice_request_disarm(req);
	if (!res->released && res->status >= 200 && res->status <= 299) {
		vc->state = VOICE_CALL_CONNECTED;
		voice_request_succeed(req);
		return;
	}
	voice_request_fail_sip(req, VOICE_SIP_INVITE, "accept", res);
}

int voice_accept_execute(scxml_action *act, void *module_data)
{
	voice_module *vm = module_data;
	voice_request *req = voice_request_begin(act, vm, &accept_action);
	voice_call *vc;
	voice_op *op;

	if (!req)
		return 0; /* error.execution is raised already */
	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_OFFERED)) < 0)
		goto out;
	op = voice_op_new(req, vc, accept_settled);
	if (sip_call_accept(vc->sip, voice_op_done, op) < 0) {
		voice_op_abort(op);
		voice_request_fail(req, "unknown", "accept: cannot answer",
				   NULL);
		goto out;
	}
	/* Bounded by the ACK's wait in sip/; this only backs it up. */
	voice_request_guard(req, vc,
			    req->timeout_s > 0 ? req->timeout_s
					       : vm->cfg.answer_timeout_s);
out:
	voice_request_unref(req);
	return 0;
}

static const char *default_phrase(int status)
{
	switch (status) {
	case 302:
		return "Moved Temporarily";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 480:
		return "Temporarily Unavailable";
	case 486:
		return "Busy Here";
	case 488:
		return "Not Acceptable Here";
	case 503:
		return "Service Unavailable";
	case 600:
		return "Busy Everywhere";
	case 603:
		return "Decline";
	default:
		return "Rejected";
	}
}

/* status: a number or a numeric string, 400–699 (3xx is redirect's). */
static int read_status(voice_request *req, scxml_action *act, int *out)
{
	const char *text;
	char *end = NULL;
	long v;

	*out = 486;
	if (voice_attr_string(req, act, "status", FALSE, &text) < 0)
		return -1;
	if (!text)
		return 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || v < 400 || v > 699) {
		voice_request_fail(req, "invalidrequest",
				   "attribute status must be a SIP status "
				   "from 400 to 699",
				   NULL);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int finish_refusal(voice_request *req, voice_call *vc, int status,
			  const char *phrase, const char *contact)
{
	vc->forced_cause = "local";
	vc->hung_up = TRUE;
	if (sip_call_reject(vc->sip, status, phrase, contact) < 0) {
		vc->forced_cause = NULL;
		vc->hung_up = FALSE;
		voice_request_fail(req, "unknown", "cannot send the response",
				   NULL);
		return -1;
	}
	voice_request_succeed(req);
	return 0;
}

int voice_reject_execute(scxml_action *act, void *module_data)
{
	voice_request *req =
		voice_request_begin(act, module_data, &reject_action);
	const char *reason;
	voice_call *vc;
	int status;

	if (!req)
		return 0; /* error.execution is raised already */
	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    read_status(req, act, &status) < 0 ||
	    voice_attr_string(req, act, "reason", FALSE, &reason) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_OFFERED)) < 0)
		goto out;
	finish_refusal(req, vc, status,
		       reason ? reason : default_phrase(status), NULL);
out:
	voice_request_unref(req);
	return 0;
}

int voice_redirect_execute(scxml_action *act, void *module_data)
{
	voice_request *req =
		voice_request_begin(act, module_data, &redirect_action);
	const char *to;
	voice_call *vc;

	if (!req)
		return 0; /* error.execution is raised already */
	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_string(req, act, "to", TRUE, &to) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_OFFERED)) < 0)
		goto out;
	if (!voice_address_plausible(to)) {
		voice_request_fail(req, "invaliddestination", "unparsable to",
				   NULL);
		goto out;
	}
	finish_refusal(req, vc, 302, default_phrase(302), to);
out:
	voice_request_unref(req);
	return 0;
}
