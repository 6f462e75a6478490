/*
 * SIP outcome → `error` value. The rows are read top to bottom and the first
 * that matches wins, so the specific cases (a REFER refused with 403, our
 * own CANCEL's 487) stand above the general ranges. This is the only place
 * in the module that knows what a status code means for a flow.
 */
#include "config.h"

#include <stddef.h>

#include "src/voice_outcome.h"

#define OP(x) (1u << (x))
#define ANY_OP                                                                 \
	(OP(VOICE_SIP_INVITE) | OP(VOICE_SIP_REINVITE) | OP(VOICE_SIP_REFER) | \
	 OP(VOICE_SIP_BYE))

/* Conditions on the local / cancelled flags. */
enum { EITHER, YES, NO };

typedef struct outcome_row {
	unsigned ops;
	int lo, hi; /* status range, inclusive */
	int local, cancelled;
	const char *error; /* NULL: success */
} outcome_row;

static const outcome_row outcome_table[] = {
	/* Success. */
	{ANY_OP, 200, 299, EITHER, EITHER, NULL},
	/* Anything that ends an INVITE we cancelled after its timeout is
	 * that timeout (487 normally; 480 from some peers; even a late
	 * final error crossing the CANCEL). */
	{OP(VOICE_SIP_INVITE), 300, 699, EITHER, YES, "timeout"},
	/* Our stack's own verdicts. */
	{ANY_OP, 408, 408, EITHER, EITHER, "timeout"},
	{ANY_OP, 503, 503, YES, EITHER, "invalidserver"},
	/* A BYE on the dialog before the final NOTIFY (sip_agent.h). */
	{OP(VOICE_SIP_REFER), 487, 487, YES, EITHER, "invalidinteraction"},
	/* A REFER the peer will not act on. */
	{OP(VOICE_SIP_REFER), 403, 403, EITHER, EITHER, "rejected"},
	{OP(VOICE_SIP_REFER), 405, 405, EITHER, EITHER, "rejected"},
	{OP(VOICE_SIP_REFER), 501, 501, EITHER, EITHER, "rejected"},
	{OP(VOICE_SIP_REFER), 603, 603, EITHER, EITHER, "rejected"},
	/* The general table (spec §3). */
	{ANY_OP, 401, 401, EITHER, EITHER, "invalidsource"},
	{ANY_OP, 407, 407, EITHER, EITHER, "invalidsource"},
	{ANY_OP, 403, 403, EITHER, EITHER, "invalidsource"},
	{ANY_OP, 404, 404, EITHER, EITHER, "invaliddestination"},
	{ANY_OP, 410, 410, EITHER, EITHER, "invaliddestination"},
	{ANY_OP, 414, 414, EITHER, EITHER, "invaliddestination"},
	{ANY_OP, 416, 416, EITHER, EITHER, "invaliddestination"},
	{ANY_OP, 484, 485, EITHER, EITHER, "invaliddestination"},
	{ANY_OP, 604, 604, EITHER, EITHER, "invaliddestination"},
	{ANY_OP, 486, 486, EITHER, EITHER, "busy"},
	{ANY_OP, 600, 600, EITHER, EITHER, "busy"},
	{ANY_OP, 603, 603, EITHER, EITHER, "rejected"},
	{ANY_OP, 480, 480, EITHER, EITHER, "rejected"},
	{ANY_OP, 488, 488, EITHER, EITHER, "notacceptable"},
	{ANY_OP, 606, 606, EITHER, EITHER, "notacceptable"},
	{ANY_OP, 481, 481, EITHER, EITHER, "invalidinteraction"},
	{ANY_OP, 500, 599, EITHER, EITHER, "invalidserver"},
	/* 3xx not followed, any other 4xx/6xx, a 491 that did not resolve,
	 * nonsense statuses. */
};

static int flag_matches(int cond, bool value)
{
	return cond == EITHER || (cond == YES) == value;
}

const char *voice_outcome_error(voice_sip_op op, int status, bool local,
				bool cancelled)
{
	for (size_t i = 0; i < sizeof(outcome_table) / sizeof(outcome_table[0]);
	     i++) {
		const outcome_row *r = &outcome_table[i];

		if (!(r->ops & OP(op)) || status < r->lo || status > r->hi)
			continue;
		if (!flag_matches(r->local, local) ||
		    !flag_matches(r->cancelled, cancelled))
			continue;
		return r->error;
	}
	return "unknown";
}
