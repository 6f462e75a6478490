/*
 * The outcome policy of the voice actions: from what happened to a SIP
 * operation (or to its attempt) to what the result event says — the
 * `error` value, whether sipstatus/sipreason are reported, and which kind
 * of description goes with it (doc/voice.md, spec §3). One pure function:
 * no GLib objects, no state, so it is tested exhaustively on its own
 * (tests/unit/test_voice_outcome.c); src/voice_request.c only gathers the
 * inputs and writes the words.
 */
#ifndef VOICE_OUTCOME_H
#define VOICE_OUTCOME_H

#include <stdbool.h>

/* Which kind of request produced the status. */
typedef enum {
	VOICE_SIP_INVITE,   /* createcall, consultation, focus join, accept */
	VOICE_SIP_REINVITE, /* hold, retrieve */
	VOICE_SIP_REFER,    /* transfer, conference: REFER answer or sipfrag */
	VOICE_SIP_BYE,	    /* terminate */
} voice_sip_op;

/* Whether, and why, the call was released under the operation (the
 * SIP_END_* causes of sip/sip_agent.h, restated so that this file needs no
 * SIP headers). */
typedef enum {
	VOICE_END_NONE,	  /* the call is still up */
	VOICE_END_LOCAL,  /* we sent BYE/CANCEL */
	VOICE_END_REMOTE, /* the peer sent BYE/CANCEL */
	VOICE_END_FAILED, /* the INVITE failed, 408/481 on a re-INVITE … */
	VOICE_END_TRANSFERRED, /* released after a successful REFER */
} voice_end;

/* Why sip/ refused to start the operation at all (its SIP_ERROR codes). */
typedef enum {
	VOICE_REFUSED_NOT,	     /* it was started: the status decides */
	VOICE_REFUSED_BAD_SOURCE,    /* from: not a SIP address */
	VOICE_REFUSED_BAD_TARGET,    /* to, Refer-To: not a SIP address */
	VOICE_REFUSED_SHUTTING_DOWN, /* the agent is stopping */
	VOICE_REFUSED_OTHER,	     /* wrong state, the stack failed, … */
} voice_refusal;

/* Everything the decision depends on. */
typedef struct voice_outcome_in {
	voice_sip_op op;
	voice_refusal refused;
	int status;	    /* final status, 0 when there is none */
	bool local;	    /* made up by our own stack: 408 timeout, 503
			     * transport failure, 487 when a BYE ended a REFER's
			     * wait */
	bool sipfrag;	    /* REFER: the status is the transferee's sipfrag */
	bool cancelled;	    /* we had sent CANCEL because the timeout passed */
	voice_end released; /* the call ended under the operation */
	bool hung_up;	    /* we had hung the call up before it ended */
} voice_outcome_in;

/* Which description the result carries; the caller writes the words. */
typedef enum {
	VOICE_DESC_NONE,	  /* success */
	VOICE_DESC_STATUS,	  /* "<what>: <status> <phrase>" */
	VOICE_DESC_FAILED,	  /* "<what> failed" (there is no status) */
	VOICE_DESC_NO_ANSWER,	  /* "<what>: no answer in <timeout> s" */
	VOICE_DESC_ENDED,	  /* "<what>: the call ended (released)" */
	VOICE_DESC_ENDED_BY_PEER, /* "… (released by the peer)" */
	VOICE_DESC_REFUSED,	  /* the caller's own words for the refusal */
} voice_desc_kind;

typedef struct voice_outcome {
	const char *error; /* the `error` value; NULL: success */
	bool sipstatus;	   /* report status/phrase as sipstatus/sipreason */
	voice_desc_kind desc;
} voice_outcome;

voice_outcome voice_outcome_decide(const voice_outcome_in *in);

#endif
