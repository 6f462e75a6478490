/*
 * The outcome policy (src/voice_outcome.h): the only place in the module
 * that knows what a SIP status, a sipfrag, a local timeout, our own CANCEL
 * or hang-up, or a refusal by sip/ means for a result event. The rules are
 * read top to bottom in voice_outcome_decide; the status table below is
 * read top to bottom too and the first row that matches wins, so the
 * specific cases (a REFER refused with 403) stand above the general ranges.
 */
#include "config.h"

#include <stddef.h>

#include "src/voice_outcome.h"

#define OP(x) (1u << (x))
#define ANY_OP                                                                 \
	(OP(VOICE_SIP_INVITE) | OP(VOICE_SIP_REINVITE) | OP(VOICE_SIP_REFER) | \
	 OP(VOICE_SIP_BYE))

/* Conditions on the local flag. */
enum { EITHER, YES, NO };

typedef struct outcome_row {
	unsigned ops;
	int lo, hi; /* status range, inclusive */
	int local;
	const char *error; /* NULL: success */
} outcome_row;

static const outcome_row outcome_table[] = {
	/* Success. */
	{ANY_OP, 200, 299, EITHER, NULL},
	/* Our stack's own verdicts. */
	{ANY_OP, 408, 408, EITHER, "timeout"},
	{ANY_OP, 503, 503, YES, "invalidserver"},
	/* A BYE on the dialog before the final NOTIFY (sip_agent.h). */
	{OP(VOICE_SIP_REFER), 487, 487, YES, "invalidinteraction"},
	/* A REFER the peer will not act on. */
	{OP(VOICE_SIP_REFER), 403, 403, EITHER, "rejected"},
	{OP(VOICE_SIP_REFER), 405, 405, EITHER, "rejected"},
	{OP(VOICE_SIP_REFER), 501, 501, EITHER, "rejected"},
	{OP(VOICE_SIP_REFER), 603, 603, EITHER, "rejected"},
	/* The general table (spec §3). */
	{ANY_OP, 401, 401, EITHER, "invalidsource"},
	{ANY_OP, 407, 407, EITHER, "invalidsource"},
	{ANY_OP, 403, 403, EITHER, "invalidsource"},
	{ANY_OP, 404, 404, EITHER, "invaliddestination"},
	{ANY_OP, 410, 410, EITHER, "invaliddestination"},
	{ANY_OP, 414, 414, EITHER, "invaliddestination"},
	{ANY_OP, 416, 416, EITHER, "invaliddestination"},
	{ANY_OP, 484, 485, EITHER, "invaliddestination"},
	{ANY_OP, 604, 604, EITHER, "invaliddestination"},
	{ANY_OP, 486, 486, EITHER, "busy"},
	{ANY_OP, 600, 600, EITHER, "busy"},
	{ANY_OP, 603, 603, EITHER, "rejected"},
	{ANY_OP, 480, 480, EITHER, "rejected"},
	{ANY_OP, 488, 488, EITHER, "notacceptable"},
	{ANY_OP, 606, 606, EITHER, "notacceptable"},
	{ANY_OP, 481, 481, EITHER, "invalidinteraction"},
	{ANY_OP, 500, 599, EITHER, "invalidserver"},
	/* 3xx not followed, any other 4xx/6xx, a 491 that did not resolve,
	 * nonsense statuses: "unknown". */
};

static const char *status_error(voice_sip_op op, int status, bool local)
{
	for (size_t i = 0; i < sizeof(outcome_table) / sizeof(outcome_table[0]);
	     i++) {
		const outcome_row *r = &outcome_table[i];

		if (!(r->ops & OP(op)) || status < r->lo || status > r->hi)
			continue;
		if (r->local != EITHER && (r->local == YES) != local)
			continue;
		return r->error;
	}
	return "unknown";
}

static const char *refusal_error(voice_refusal why)
{
	switch (why) {
	case VOICE_REFUSED_BAD_SOURCE:
		return "invalidsource";
	case VOICE_REFUSED_BAD_TARGET:
		return "invaliddestination";
	case VOICE_REFUSED_SHUTTING_DOWN:
		return "invalidserver";
	case VOICE_REFUSED_NOT:
	case VOICE_REFUSED_OTHER:
		break;
	}
	return "unknown";
}

static bool is_2xx(int status)
{
	return status >= 200 && status <= 299;
}

voice_outcome voice_outcome_decide(const voice_outcome_in *in)
{
	voice_outcome out = {NULL, false, VOICE_DESC_NONE};
	voice_end ended = in->released;
	voice_sip_op op = in->op;

	/* Never started: no status at all, the caller says what was wrong. */
	if (in->refused != VOICE_REFUSED_NOT) {
		out.error = refusal_error(in->refused);
		out.desc = VOICE_DESC_REFUSED;
		return out;
	}
	/* We hung the call up under the operation (terminate, a session's
	 * end): a failure that follows is the call's end, not the 487 or 481
	 * it caused, so the result does not depend on which of the SIP
	 * callbacks comes first. A 2xx that crossed our BYE still counts. */
	if (ended == VOICE_END_NONE && in->hung_up && !is_2xx(in->status))
		ended = VOICE_END_LOCAL;
	/* sipstatus/sipreason are for a status the peer sent (a response or
	 * a sipfrag). One our own stack made up — a transaction timeout's
	 * 408, a transport failure's 503, the 487 of a REFER whose call ended
	 * first — stays in the description only: a flow must not take it for
	 * the peer's. So does the status of a call that ended otherwise than
	 * by its INVITE failing. */
	out.sipstatus = in->status > 0 && !in->local &&
			(ended == VOICE_END_NONE || ended == VOICE_END_FAILED);
	/* Anything that ends an INVITE we cancelled after its timeout is that
	 * timeout (487 normally; 480 from some peers; a late final error or
	 * a 200 crossing the CANCEL). */
	if (in->cancelled) {
		out.error = "timeout";
		out.desc = VOICE_DESC_NO_ANSWER;
		return out;
	}
	/* The call went away under the operation (not by the operation's own
	 * INVITE failing): the interaction is gone, whatever status came. */
	if (ended != VOICE_END_NONE && ended != VOICE_END_FAILED) {
		out.error = "invalidinteraction";
		out.sipstatus = false;
		out.desc = ended == VOICE_END_REMOTE ? VOICE_DESC_ENDED_BY_PEER
						     : VOICE_DESC_ENDED;
		return out;
	}
	/* A sipfrag is the transferee's call: mapped as createcall's (spec
	 * §5 transfer); the REFER's own answer has the REFER rows. */
	if (op == VOICE_SIP_REFER && in->sipfrag)
		op = VOICE_SIP_INVITE;
	out.error = status_error(op, in->status, in->local);
	if (!out.error) {
		out.sipstatus = false; /* a .done event has none */
		return out;
	}
	out.desc = in->status > 0 ? VOICE_DESC_STATUS : VOICE_DESC_FAILED;
	return out;
}
