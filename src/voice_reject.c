/*
 * <reject> (spec §6): refuse an inbound call that is still offered with a
 * final response, 486 unless the status attribute (400-699) says which;
 * the reason attribute is its phrase. Result: interaction.reject.done once
 * the response is sent.
 */
#include "config.h"

#include <stdlib.h>

#include "src/voice_priv.h"

static const char *default_phrase(int status)
{
	switch (status) {
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
				   "from 400 to 699");
		return -1;
	}
	*out = (int)v;
	return 0;
}

static void reject_execute(voice_request *req, scxml_action *act)
{
	const char *reason;
	voice_call *vc;
	int status;

	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    read_status(req, act, &status) < 0 ||
	    voice_attr_string(req, act, "reason", FALSE, &reason) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_OFFERED)) < 0)
		return;
	voice_refuse_offered(req, vc, status,
			     reason ? reason : default_phrase(status), NULL);
}

static const scxml_attr_spec reject_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"status", SCXML_ATTR_VALUE, FALSE},
	{"reason", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_reject_desc = {
	.name = "reject",
	.prefix = "interaction",
	.attrs = reject_attrs,
	.execute = reject_execute,
};
