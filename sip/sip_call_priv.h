/*
 * Private to sip/: the agent and call objects behind sip_agent.h, and the
 * per-operation entry points that sip_agent.c's event dispatcher calls.
 * This is the only header that brings sofia-sip types in; nothing outside
 * sip/ includes it.
 *
 * Every operation (INVITE, re-INVITE, REFER, BYE/CANCEL, accept) keeps a
 * sip_op slot in its call. An operation finishes through sip_op_finish(),
 * which clears the slot before calling back, so that each outcome is
 * reported exactly once whatever order the stack's events come in.
 */
#ifndef SIP_CALL_PRIV_H
#define SIP_CALL_PRIV_H

#include "sip/sip_agent.h"

#define SU_ROOT_MAGIC_T struct sip_agent
#define NUA_MAGIC_T struct sip_agent
#define NUA_HMAGIC_T struct sip_call

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_glib.h>
#include <sofia-sip/su_tag.h>

#define SIP_LOG_DOMAIN "sipscxml-sip"

/* SDP direction of our side of the audio stream. */
typedef enum {
	SIP_DIR_INACTIVE = 0,
	SIP_DIR_SENDONLY = 1,
	SIP_DIR_RECVONLY = 2,
	SIP_DIR_SENDRECV = 3,
} sip_direction;

struct sip_agent {
	GMainContext *ctx;
	/* SIP responses received, by class (index 1..6: 1xx..6xx), for
	 * serve's /metrics */
	guint64 responses[7];
	su_home_t home[1];
	su_root_t *root;
	GSource *root_source;
	nua_t *nua;
	sip_agent_config cfg; /* our own deep copy */
	char *contact;
	sip_call_observer incoming;
	void *incoming_ud;
	sip_route_fn route; /* sip_agent_set_router, or NULL */
	sip_options_fn options;
	void *route_ud;
	GQueue calls; /* every call not yet released (agent's reference) */
	GString *log_line; /* sofia's log line being gathered (sip_log.c) */
	gboolean shutting_down;
	gboolean shutdown_complete; /* done reported */
	gboolean nua_final;	    /* nua finished its shutdown */
	GSource *shutdown_guard;
	void (*shutdown_done)(void *ud);
	void *shutdown_ud;
	struct sip_register *reg; /* NULL: no registrar configured */
	sip_reg_fn reg_fn;	  /* the registration's observer */
	void *reg_ud;
};

typedef struct sip_op {
	gboolean pending;
	sip_done_fn done;
	void *ud;
	int auth_tries; /* 401/407 answered so far */
} sip_op;

struct sip_call {
	int refs;
	sip_agent *agent;
	GList *agent_link; /* in agent->calls until released */
	nua_handle_t *nh;  /* NULL once released */
	gboolean outbound;
	sip_call_state state;
	sip_call_observer obs;
	void *obs_ud;
	gboolean released;

	/* How the call will end, set by whoever starts the end. */
	gboolean end_set;
	sip_end_cause end_cause;
	int end_status;
	char *end_phrase;
	gboolean end_local;
	gboolean transferred; /* a REFER on it succeeded */
	gboolean cancelled;   /* we sent CANCEL */

	/* Media state: what we asked for and what the peer offered. */
	gboolean local_hold;
	gboolean remote_hold;
	guint64 sdp_id;
	guint64 sdp_version;
	char *remote_offer; /* inbound: the INVITE's SDP until we answer */
	gboolean answered;  /* inbound: 2xx sent */

	sip_op invite; /* outbound INVITE, or inbound accept */
	sip_op reinvite;
	gboolean reinvite_hold; /* what the pending re-INVITE asks for */
	int reinvite_glares;	/* 491s seen by the pending re-INVITE */
	GSource *glare_timer;	/* on the agent's context */
	char *reinvite_headers;
	sip_op refer;
	gboolean refer_accepted;
	/* CSeq of the pending REFER once a response told it (0: unknown),
	 * and of the last one abandoned: a NOTIFY's Event id names the REFER
	 * it reports on (RFC 3515 §2.4.6). */
	guint32 refer_cseq;
	guint32 refer_abandoned_cseq;
	sip_op hangup;
	/* The peer's BYE, unanswered while our re-INVITE waits for its final
	 * response (sip_call_hangup.c): answering it ends nua's session, and
	 * with it the ACK of a 2xx that crosses the BYE. */
	gboolean bye_held;
	nua_saved_event_t bye_saved[1];
	GSource *bye_timer; /* on the agent's context */

	char *call_id;
	char *local_uri;
	char *remote_uri;
	/* Outbound: the URI of the INVITE's To, the one we called; and
	 * whether the Contact of its 2xx carried isfocus (RFC 4579 §5.1). */
	char *called_uri;
	gboolean remote_isfocus;
	char *local_tag;
	char *remote_tag;
	GHashTable *request_headers;
	char *request_uri;  /* inbound: the INVITE's Request-URI */
	char *request_user; /* and its user part, unescaped */
};

/* sip_log.c: sofia's logs to GLib logging while the agent lives */
void sip_log_attach(sip_agent *agent);
void sip_log_detach(sip_agent *agent);

/* sip_agent.c */
void sip_agent_forget_call(sip_agent *agent, sip_call *call);

/* sip_auth.c: answer a 401/407 on nh with the [auth] credentials, unless
 * *tries says this request was answered already (then, or without
 * credentials or for another realm: FALSE, the request fails). */
gboolean sip_authenticate(sip_agent *agent, nua_handle_t *nh, int *tries,
			  int status, const sip_t *sip);

/* sip_call.c: life and common helpers */
sip_call *sip_call_new(sip_agent *agent, gboolean outbound,
		       const sip_call_observer *obs, void *obs_ud);
void sip_call_set_state(sip_call *call, sip_call_state state);
void sip_call_set_end(sip_call *call, sip_end_cause cause, int status,
		      const char *phrase, gboolean local);
void sip_call_release(sip_call *call, sip_end_cause cause, int status,
		      const char *phrase, gboolean local);
void sip_call_learn_dialog(sip_call *call, const sip_t *sip);
char *sip_call_headers_string(GHashTable *headers);
gboolean sip_response_is_local(const sip_t *sip);
gboolean sip_call_authenticate(sip_call *call, sip_op *op, int status,
			       const sip_t *sip);
void sip_op_start(sip_op *op, sip_done_fn done, void *ud);
void sip_op_finish(sip_call *call, sip_op *op, int status, const char *phrase,
		   gboolean local);
void sip_op_finish_later(sip_call *call, sip_op *op, int status,
			 const char *phrase, gboolean local);
void sip_call_on_state(sip_call *call, int status, const char *phrase,
		       tagi_t const *tags);

/* sip_call_invite.c */
void sip_call_on_invite_response(sip_call *call, int status, const char *phrase,
				 const sip_t *sip);

/* sip_call_hold.c */
void sip_call_on_reinvite_response(sip_call *call, int status,
				   const char *phrase, const sip_t *sip);
void sip_call_on_remote_reinvite(sip_call *call, nua_t *nua, const sip_t *sip);
void sip_call_on_ack(sip_call *call, const sip_t *sip);

/* sip_call_refer.c */
void sip_call_on_refer_response(sip_call *call, int status, const char *phrase,
				const sip_t *sip);
void sip_call_on_notify(sip_call *call, const sip_t *sip, tagi_t const *tags);

/* sip_call_hangup.c */
void sip_call_on_hangup_response(sip_call *call, int status, const char *phrase,
				 const sip_t *sip);
void sip_call_on_remote_end(sip_call *call, int status, const char *phrase);
/* nua_i_bye (BYE is an application method): answer it, or hold the answer
 * while our re-INVITE is out. */
void sip_call_on_remote_bye(sip_call *call, nua_t *nua);
/* Our INVITE got its final response: a held BYE can be answered now. */
void sip_call_answer_held_bye(sip_call *call);

/* sip_call_inbound.c */
void sip_call_on_incoming(sip_agent *agent, nua_handle_t *nh, const sip_t *sip);
/* OPTIONS: outside a dialog answered as the router's options says; in a
 * dialog 200. */
void sip_agent_on_options(sip_agent *agent, nua_handle_t *nh,
			  gboolean in_dialog);

/* sip_register.c: the registration (REGISTER on a handle of its own) */
typedef struct sip_register sip_register;
/* NULL when no registrar is configured. The first REGISTER goes from the
 * main loop. */
sip_register *sip_register_new(sip_agent *agent);
/* TRUE when the event was for the registration's handle (and handled). */
gboolean sip_register_on_event(sip_register *reg, nua_event_t event,
			       int status, const char *phrase,
			       nua_handle_t *nh, const sip_t *sip);
/* Stop registering. TRUE: an un-REGISTER is out, and stopped(agent) runs
 * once it is answered or the bounded wait is over; FALSE: there was
 * nothing to undo, and stopped is not called. */
gboolean sip_register_stop(sip_register *reg,
			   void (*stopped)(sip_agent *agent));
/* Before nua_destroy. */
void sip_register_free(sip_register *reg);

/* sip_sdp.c */
char *sip_sdp_make(const sip_agent_config *cfg, guint64 id, guint64 version,
		   sip_direction dir, const char *offer);
gboolean sip_sdp_read_direction(const char *sdp, sip_direction *dir);
char *sip_sdp_payload(const sip_t *sip);
sip_direction sip_sdp_answer_direction(sip_direction offered,
				       gboolean local_hold);
const char *sip_direction_name(sip_direction dir);

#endif
