/*
 * The SIP user agent, on sofia-sip NUA driven by the GLib main loop
 * (su_glib). This header is the whole face of sip/: calls are plain objects
 * with asynchronous operations, and every operation reports its outcome once,
 * through a callback carrying the SIP status and phrase. No sofia type or tag
 * crosses this header, and nothing here knows SCXML.
 *
 * Ownership: the agent owns its calls. A call stays valid until its observer
 * has seen SIP_CALL_RELEASED and the callback returned; sip_call_ref() keeps
 * it longer.
 */
#ifndef SIP_AGENT_H
#define SIP_AGENT_H

#include <glib.h>

typedef struct sip_agent sip_agent;
typedef struct sip_call sip_call;

typedef struct sip_agent_config {
	char *bind;           /* "127.0.0.1:5060"; port 0 = any free port */
	gboolean udp, tcp;    /* transports to listen on (both by default) */
	/* SIP over TLS (sips:, transport=tls): listened on here ("ADDR:PORT",
	 * port 0 = any free port), NULL: no TLS at all. The directory holds
	 * agent.pem (our certificate and key) and cafile.pem (the CAs whose
	 * certificates we accept); with tls_verify, a server we connect to
	 * must show a certificate chained to one of them. */
	char *tls_bind;
	char *tls_certificates;
	gboolean tls_verify;
	char *identity;       /* default From, "sip:sipscxml@127.0.0.1" */
	char *domain;         /* completes a bare user part in from/to */
	char *outbound_proxy; /* URI, or NULL */
	char *user_agent;     /* User-Agent header */
	char *auth_user;      /* digest credentials for 401/407 */
	char *auth_password;
	char *auth_realm;     /* NULL: answer any realm */
	char *media_address;  /* c= of our SDP offer */
	guint media_port;     /* m=audio port */
	char *codecs;         /* "PCMU,PCMA" */
	guint t1_ms;          /* RFC 3261 T1 (default 500) */
	guint t1x64_ms;       /* transaction timeout (default 64*T1) */
	gboolean trace;       /* sofia's message trace to the log */
	/* Session timers (RFC 4028): the Session-Expires we ask for in our
	 * INVITEs (seconds, 0: none asked; a peer's request is still
	 * honoured), and the smallest one we accept from a peer (Min-SE, at
	 * least 90, the RFC's floor); a smaller one gets 422 with Min-SE. */
	guint session_expires;
	guint min_se;
	/* A 302 answer to an INVITE is followed to its first Contact (same
	 * Call-ID and From tag, RFC 3261 §8.1.3.4) by sofia-sip itself, within
	 * its retry count; FALSE: every 3xx is the request's outcome. */
	gboolean follow_redirects;
	/* [register]: REGISTER with a registrar (RFC 3261 §10) while the agent
	 * runs, with the [auth] credentials. */
	char *registrar;	/* URI, or NULL: no registration */
	char *reg_aor;		/* address of record (NULL: identity) */
	char *reg_contact_user; /* user of our Contact (NULL: the AOR's) */
	guint reg_expires;	/* seconds asked for (3600) */
	guint reg_retry;	/* seconds before the first retry (30) */
} sip_agent_config;

void sip_agent_config_clear(sip_agent_config *cfg);
/* Fill cfg from groups [sip], [auth], [media], [register] of kf (NULL:
 * defaults only). Keys missing from kf keep their defaults. Returns 0, or -1
 * with *err (cfg then left cleared). */
int sip_agent_config_load(GKeyFile *kf, sip_agent_config *cfg, GError **err);

/* An operation's outcome. status is the final SIP status (for REFER, the
 * final sipfrag status once the REFER was accepted); local is TRUE when the
 * status was made up by our own stack (transaction timeout 408, transport
 * failure 503) rather than received. */
typedef struct sip_outcome {
	int status;
	const char *phrase;
	gboolean local;
	/* REFER only: the status is the final sipfrag of an accepted REFER
	 * (the transferee's call), not the answer to the REFER itself. */
	gboolean sipfrag;
} sip_outcome;

typedef enum {
	SIP_CALL_DIALING,   /* INVITE sent, nothing back yet */
	SIP_CALL_RINGING,   /* 18x received */
	SIP_CALL_CONNECTED, /* 2xx received and ACKed */
	SIP_CALL_HELD,      /* our re-INVITE to hold was accepted */
	SIP_CALL_RELEASED,  /* the dialog is gone */
} sip_call_state;

typedef enum {
	SIP_END_LOCAL,       /* we sent BYE/CANCEL */
	SIP_END_REMOTE,      /* the peer sent BYE/CANCEL */
	SIP_END_FAILED,      /* the INVITE failed, 408/481 on a re-INVITE … */
	SIP_END_TRANSFERRED, /* released after a successful REFER */
} sip_end_cause;

/* Unsolicited things about a call: state changes, and its end. */
typedef struct sip_call_observer {
	void (*on_state)(sip_call *call, sip_call_state state, void *ud);
	/* once per call, state RELEASED already set */
	void (*on_released)(sip_call *call, sip_end_cause cause,
			    const sip_outcome *why, void *ud);
	/* an inbound call (observer given to sip_agent_new) */
	void (*on_incoming)(sip_call *call, void *ud);
} sip_call_observer;

/* Completion of one operation; called exactly once, never from inside the
 * call that started it (always from the main loop). */
typedef void (*sip_done_fn)(sip_call *call, const sip_outcome *outcome,
			    void *ud);

sip_agent *sip_agent_new(GMainContext *ctx, const sip_agent_config *cfg,
			 const sip_call_observer *incoming, void *ud,
			 GError **err);
/* Routing of requests outside a dialog (sip_agent_set_router).
 *
 * route: a new inbound INVITE, before anything but 100 was sent. Return 0
 * to take the call: *obs (a table that outlives the call) and *obs_ud
 * become its observer, 180 Ringing goes out, then obs->on_incoming (when
 * set) tells the taker it rings. Or return a final status (300-699) to
 * refuse it: the response goes with Retry-After: *retry_after when that is
 * > 0, and the call is released without an observer. The call may be
 * read (headers, Request-URI) but not operated on inside route.
 *
 * options: an OPTIONS outside a dialog; returns the status (200, or a
 * refusal with *retry_after as above). NULL: always 200. */
typedef int (*sip_route_fn)(sip_call *call, const sip_call_observer **obs,
			    void **obs_ud, guint *retry_after, void *ud);
typedef int (*sip_options_fn)(guint *retry_after, void *ud);

/* Replaces the observer given to sip_agent_new for inbound calls: from
 * now on every new INVITE is offered to route (NULL: back to that
 * observer). */
void sip_agent_set_router(sip_agent *agent, sip_route_fn route,
			  sip_options_fn options, void *ud);
/* Calls not yet released (inbound and outbound). */
guint sip_agent_call_count(const sip_agent *agent);
/* SIP responses received so far of class cls (1: 1xx ... 6: 6xx), every
 * method and transaction together. */
guint64 sip_agent_responses(const sip_agent *agent, int cls);

/* Local contact after binding, e.g. "sip:127.0.0.1:40123". */
const char *sip_agent_contact(sip_agent *agent);
/* Release every call, then shut the stack down; done runs when finished (at
 * most a few seconds). */
void sip_agent_shutdown(sip_agent *agent, void (*done)(void *ud), void *ud);
void sip_agent_free(sip_agent *agent);

/* ---- registration ----------------------------------------------------- */

/* With [register] registrar set, the agent REGISTERs its contact from the
 * first turn of the main loop on; sofia-sip refreshes the binding before it
 * expires. A failure (a final error, a second challenge, no answer) never
 * stops the agent: the REGISTER is tried again after [register] retry
 * seconds, the wait doubling at each failure in a row up to 10 minutes.
 * sip_agent_shutdown un-REGISTERs (Expires: 0) and waits for the answer at
 * most 2 s (or the transaction timeout, if shorter) before the stack goes. */
typedef enum {
	SIP_REG_REGISTERED,   /* 2xx: first success, or success after failure */
	SIP_REG_FAILED,	      /* a final failure; a retry is scheduled */
	SIP_REG_UNREGISTERED, /* shutdown's un-REGISTER ended: the registrar's
			       * answer, or a local 408 when none came in time */
} sip_reg_state;

typedef void (*sip_reg_fn)(sip_agent *agent, sip_reg_state state,
			   const sip_outcome *outcome, void *ud);

/* The registration's observer (fn NULL: none). Reports come from the main
 * loop only, so one set right after sip_agent_new sees them all. */
void sip_agent_watch_registration(sip_agent *agent, sip_reg_fn fn, void *ud);

/* ---- calls ------------------------------------------------------------ */

/* Why an operation was refused at once (GError domain SIP_ERROR), so that a
 * caller can tell a bad address from a call in the wrong state. */
typedef enum {
	SIP_ERROR_STATE,	 /* released call, wrong state, same operation
				  * pending */
	SIP_ERROR_BAD_SOURCE,	 /* from: not a SIP address */
	SIP_ERROR_BAD_TARGET,	 /* to, Refer-To: not a SIP address */
	SIP_ERROR_SHUTTING_DOWN, /* the agent is stopping */
	SIP_ERROR_FAILED,	 /* the stack could not start it */
} sip_error_code;
#define SIP_ERROR (sip_error_quark())
GQuark sip_error_quark(void);

/* The int-returning operations return 0 when the operation started (its
 * done then runs exactly once, later), or -1 when it was refused at once
 * (released call, wrong state, same operation already pending; for REFER
 * also a bad target, told by *err): nothing is sent and done is never
 * called. */

/* headers: extra header name → value (may be NULL). from/to: SIP URIs or
 * bare user parts (completed with the domain). Returns NULL with *err
 * (SIP_ERROR_BAD_SOURCE / _BAD_TARGET for an unparsable from / to,
 * _SHUTTING_DOWN, _FAILED) when nothing is sent. done: the INVITE's final
 * outcome (2xx already ACKed). */
sip_call *sip_call_invite(sip_agent *agent, const char *from, const char *to,
			  GHashTable *headers, const sip_call_observer *obs,
			  void *obs_ud, sip_done_fn done, void *ud,
			  GError **err);

/* re-INVITE to sendonly (inactive when the peer holds us) / back to
 * sendrecv. A 491 is retried once after the RFC 3261 §14.1 wait. */
int sip_call_hold(sip_call *call, GHashTable *headers, sip_done_fn done,
		  void *ud);
int sip_call_retrieve(sip_call *call, GHashTable *headers, sip_done_fn done,
		      void *ud);

/* REFER on call's dialog. refer_to: the target URI; replaces: when not NULL,
 * Refer-To carries ?Replaces= for that call's dialog (RFC 3891).
 * Referred-By is our identity. done: REFER refused, or the final sipfrag
 * (2xx or >= 300) of the implicit subscription. A BYE on the dialog before
 * the final NOTIFY ends it as 487 "Request Terminated" (local). Refused
 * (-1, *err set): SIP_ERROR_STATE, or SIP_ERROR_BAD_TARGET for a
 * refer_to that is no SIP URI. */
int sip_call_refer(sip_call *call, const char *refer_to, sip_call *replaces,
		   GHashTable *headers, sip_done_fn done, void *ud,
		   GError **err);
/* The caller gave up waiting for the REFER's outcome (its own timeout): done
 * runs once more from the loop with a local 408 (so the caller can drop what
 * it handed as ud), NOTIFYs of that REFER's subscription are ignored from
 * now on (a late sipfrag 200 does not make the call transferred), and the
 * call may be REFERred again. Nothing when no REFER is pending. */
void sip_call_refer_abandon(sip_call *call);

/* BYE (connected) or CANCEL (not answered yet). done may be NULL. */
int sip_call_hangup(sip_call *call, GHashTable *headers, sip_done_fn done,
		    void *ud);

/* Inbound calls: answer 200 with our SDP, or a final error (status >= 300;
 * 3xx with contact). */
int sip_call_accept(sip_call *call, sip_done_fn done, void *ud);
int sip_call_reject(sip_call *call, int status, const char *phrase,
		    const char *contact);

sip_call *sip_call_ref(sip_call *call);
void sip_call_unref(sip_call *call);

sip_call_state sip_call_get_state(const sip_call *call);
gboolean sip_call_remote_holds(const sip_call *call);
/* The peer's URI (remote target, else To/From) and our identity on it. */
const char *sip_call_remote_uri(const sip_call *call);
const char *sip_call_local_uri(const sip_call *call);
/* Our call to a conference focus: the conference's URI (RFC 4579 §5.1):
 * the remote target when the focus marked its Contact with isfocus, else
 * the URI we called (a focus such as Asterisk's ConfBridge answers with a
 * Contact that only names its host). */
const char *sip_call_conference_uri(const sip_call *call);
const char *sip_call_call_id(const sip_call *call);
/* Inbound calls: the INVITE's headers (name → value), else NULL. */
GHashTable *sip_call_request_headers(const sip_call *call);
/* Inbound calls: the INVITE's Request-URI ("sip:sales@10.0.0.1"), and its
 * user part unescaped ("" when it has none); else NULL. */
const char *sip_call_request_uri(const sip_call *call);
const char *sip_call_request_user(const sip_call *call);

#endif
