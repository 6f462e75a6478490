/*
 * <redirect> (spec §6): answer an inbound call that is still offered with
 * 302 and the to attribute as its Contact. Result:
 * interaction.redirect.done once the response is sent.
 */
#include "config.h"

#include "src/voice_priv.h"

static void redirect_execute(voice_request *req, scxml_action *act)
{
	const char *to;
	voice_call *vc;

	if (voice_attr_call(req, act, "interactionid", TRUE, &vc) < 0 ||
	    voice_attr_string(req, act, "to", TRUE, &to) < 0 ||
	    voice_attr_common(req, act) < 0 ||
	    voice_check_state(req, vc, VOICE_ST(VOICE_CALL_OFFERED)) < 0)
		return;
	if (!voice_address_plausible(to)) {
		voice_request_fail(req, "invaliddestination", "unparsable to");
		return;
	}
	voice_refuse_offered(req, vc, 302, "Moved Temporarily", to);
}

static const scxml_attr_spec redirect_attrs[] = {
	VOICE_COMMON_ATTRS,
	{"interactionid", SCXML_ATTR_VALUE, FALSE},
	{"to", SCXML_ATTR_VALUE, FALSE},
	{NULL},
};

const voice_action_desc voice_redirect_desc = {
	.name = "redirect",
	.prefix = "interaction",
	.attrs = redirect_attrs,
	.execute = redirect_execute,
};
