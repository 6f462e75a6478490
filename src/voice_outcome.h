/*
 * The one table from a SIP outcome to the `error` value of a result event
 * (doc/voice.md, spec §3). Pure: no GLib objects, no state, so it is tested
 * exhaustively on its own (tests/unit/test_voice_outcome.c).
 */
#ifndef VOICE_OUTCOME_H
#define VOICE_OUTCOME_H

#include <stdbool.h>

/* Which kind of request produced the status. */
typedef enum {
	VOICE_SIP_INVITE,   /* createcall, consultation, focus join */
	VOICE_SIP_REINVITE, /* hold, retrieve */
	VOICE_SIP_REFER,    /* transfer, conference: REFER answer or sipfrag */
	VOICE_SIP_BYE,	    /* terminate */
} voice_sip_op;

/* The error value for a final status (NULL for 2xx: success).
 * local: the status was made up by our own stack (408 timeout, 503
 * transport failure, 487 when a BYE ended a REFER's wait).
 * cancelled: we had sent CANCEL because the action's timeout passed. */
const char *voice_outcome_error(voice_sip_op op, int status, bool local,
				bool cancelled);

#endif
