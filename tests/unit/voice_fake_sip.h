/*
 * A fake SIP agent for the voice module's tests: it implements
 * sip/sip_agent.h; calls record every operation the module asks for and
 * complete only when the test says so, so every path — timeouts, a peer's
 * BYE mid-action — is driven deterministically without a network.
 */
#ifndef VOICE_FAKE_SIP_H
#define VOICE_FAKE_SIP_H

#include "sip/sip_agent.h"

/* One SIP operation the module asked for. */
typedef struct fake_op {
	char *what;  /* "invite", "hold", "retrieve", "refer", "hangup",
			"accept", "reject" */
	char *arg;   /* invite: to; refer: refer-to; reject: status */
	char *extra; /* refer: Call-ID of the replaced call; reject: contact */
	GHashTable *headers; /* copy, or NULL */
	sip_done_fn done;
	void *ud;
	gboolean completed;
} fake_op;

struct sip_call {
	int refs;
	sip_call_state state;
	const sip_call_observer *obs;
	void *obs_ud;
	char *callid, *remote, *local;
	gboolean inbound;
	GPtrArray *ops;	     /* fake_op*, this call's operations in order */
	GHashTable *headers; /* inbound: the INVITE's headers */
};

struct sip_agent {
	GPtrArray *calls; /* every sip_call ever made (ref held) */
	GPtrArray *log;	  /* fake_op* across calls (borrowed), in order */
	const sip_call_observer *incoming;
	void *incoming_ud;
	sip_route_fn route; /* sip_agent_set_router */
	sip_options_fn options;
	void *route_ud;
	int refused;	    /* the last status route refused a call with */
	guint retry_after;  /* and its Retry-After */
	/* The next sip_call_invite refuses its "from" or "to" (as sip/ does
	 * for an unparsable address), or NULL. */
	const char *refuse;
};

/* The one agent of the test program (NULL until sip_agent_new). */
extern sip_agent *fake_agent;

/* The last operation on the agent, or NULL. */
fake_op *fake_last_op(void);
guint fake_op_count(void);
/* Complete op (done callback) with a final status. */
void fake_complete(fake_op *op, int status, const char *phrase, gboolean local);
/* The peer (or the stack) ends the call. */
void fake_release(sip_call *call, sip_end_cause cause, int status,
		  const char *phrase);
void fake_set_state(sip_call *call, sip_call_state st);
/* An inbound call arrives (through the router when one is set: NULL when
 * it refused the call, the status in fake_agent->refused). */
sip_call *fake_incoming(const char *from, const char *to);

#endif
