/*
 * The voice module's private types, shared by its files (one action per
 * file). The objects and who owns whom:
 *
 *   voice_module   one per engine: config, the SIP agent, the element table.
 *   voice_session  one per SCXML session that used the module (module data
 *                  "voice" of the session): its calls and pending requests.
 *   voice_call     one interaction = one SIP dialog, with its interactionid.
 *   voice_request  one execution of an action, until its result event.
 *   voice_op       one SIP operation in flight on one call for a request;
 *                  its completion (the SIP done callback, or the call ending
 *                  first) is delivered once to the request's step function.
 *
 * Everything is reference counted because SIP callbacks and timers may
 * outlive the session (a session ends while an INVITE is in flight: the
 * request is then abandoned silently, the call released).
 */
#ifndef VOICE_PRIV_H
#define VOICE_PRIV_H

#include <sipscxml/scxml_ext.h>

#include "sip/sip_agent.h"
#include "src/voice_module.h"
#include "src/voice_outcome.h"

#define VOICE_DATA_KEY "voice"

typedef struct voice_session voice_session;
typedef struct voice_call voice_call;
typedef struct voice_request voice_request;
typedef struct voice_action_desc voice_action_desc;
typedef struct voice_op voice_op;

/* ---- configuration ([voice] group) ------------------------------------ */

typedef struct voice_config {
	double answer_timeout_s;   /* createcall / consultation / focus */
	double reinvite_timeout_s; /* hold / retrieve */
	double transfer_timeout_s; /* REFER until the final NOTIFY */
	double cancel_wait_s;	   /* after our CANCEL, wait for the 487 */
	double ring_timeout_s;	   /* inbound call unanswered → 480 */
	guint max_ringing;	   /* inbound calls offered at once (503 past) */
	guint max_calls_per_session; /* live calls of one session */
	guint retry_after_s;	   /* Retry-After of our 503s */
	gboolean send_udata;	   /* udata as X-User-Data */
	gboolean release_on_exit;  /* release calls when the session ends */
	gboolean follow_redirects; /* see doc/voice.md */
	char *conference_focus;	   /* default focus URI, or NULL */
} voice_config;

int voice_config_load(GKeyFile *kf, voice_config *cfg, GError **err);
void voice_config_clear(voice_config *cfg);
/* "3", "2.5", "2.5s", "500ms" → seconds (> 0). Returns 0, or -1. */
int voice_parse_duration(const char *text, double *seconds);

/* ---- module and sessions --------------------------------------------- */

struct voice_module {
	scxml_engine *engine;
	GMainContext *ctx;
	voice_config cfg;
	sip_agent_config sip_cfg;
	sip_agent *agent;
	/* The registrations, one per voice_actions[] entry, and what each
	 * one's module_data points to: this module and the descriptor. */
	scxml_ext_element *elements;
	struct voice_binding *bindings;
	/* The session that receives inbound calls (weak; cleared when that
	 * session ends). */
	voice_session *inbound;
	/* Who takes inbound calls (voice_module_set_router); route NULL:
	 * the attached session above. */
	voice_route_fn route;
	voice_options_fn options;
	void *route_ud;
	voice_refused_fn refused; /* our own refusals, told (metrics) */
	void *refused_ud;
	/* the event log hears of calls a session's end released */
	voice_released_fn on_session_released;
	void *released_ud;
	/* Inbound calls still offered (not answered): voice_call* → its ring
	 * timer (voice_inbound.c). Pruned at each new INVITE. */
	GHashTable *offered;
};

struct voice_session {
	int refs;
	voice_module *vm;
	scxml_session *s;    /* NULL once the session has ended */
	GHashTable *calls;   /* interactionid → voice_call* (live calls) */
	GPtrArray *requests; /* pending voice_request* */
};

/* The session's voice state, created on first use. */
voice_session *voice_session_get(voice_module *vm, scxml_session *s);
voice_session *voice_session_ref(voice_session *vs);
void voice_session_unref(voice_session *vs);
/* Post an event (data taken) to the session if it is still running. */
void voice_session_post(voice_session *vs, const char *name, JsonNode *data);

/* ---- calls ------------------------------------------------------------ */

typedef enum {
	VOICE_CALL_DIALING,
	VOICE_CALL_RINGING,
	VOICE_CALL_OFFERED, /* inbound, not answered yet */
	VOICE_CALL_CONNECTED,
	VOICE_CALL_HELD,
	VOICE_CALL_RELEASED,
} voice_call_state;

struct voice_call {
	int refs;
	voice_session *vs; /* reference held while the call is live */
	char *id;	   /* interactionid */
	sip_call *sip;	   /* reference held */
	voice_call_state state;
	gboolean inbound;
	char *type, *reason;
	JsonNode *udata;
	voice_op *op;		  /* SIP operation in flight, or NULL */
	const char *forced_cause; /* cause to report instead of the SIP one */
	gboolean hung_up;	  /* we sent BYE/CANCEL/a final response */
	/* The pending request this call's interaction.deleted waits for
	 * (weak; cleared when that request posts its result), or NULL. */
	voice_request *owner;
};

/* Observer for calls we place (obs_ud = the voice_call). */
extern const sip_call_observer voice_call_observer;

voice_call *voice_call_new(voice_session *vs, gboolean inbound);
/* Attach the SIP call (ref taken) and index the call in its session. */
void voice_call_attach(voice_call *vc, sip_call *sip);
voice_call *voice_call_ref(voice_call *vc);
void voice_call_unref(voice_call *vc);
/* The live call of this session, or NULL. */
voice_call *voice_session_find_call(voice_session *vs, const char *id);
/* Hang up (BYE or CANCEL; 480 to an unanswered inbound call). cause: what
 * interaction.deleted reports ("local", "failed", "transferred"). */
void voice_call_release(voice_call *vc, const char *cause);
/* The same with the hang-up's completion (done may be NULL); returns 0,
 * or -1 when nothing could be sent (done will not run). */
int voice_call_hangup(voice_call *vc, const char *cause, GHashTable *headers,
		      sip_done_fn done, void *ud);
gboolean voice_call_live(const voice_call *vc);
/* Post interaction.deleted (data taken) for vc: at once, or right after
 * the result event of the request that owns vc (voice_request_own). */
void voice_call_post_deleted(voice_call *vc, JsonNode *data);
const char *voice_call_state_name(voice_call_state st);

/* ---- requests ---------------------------------------------------------- */

/* One action = one file src/voice_<action>.c exporting one descriptor,
 * voice_<action>_desc; the build list (src/voice.mk, VOICE_ACTION_FILES)
 * generates the array voice_actions[] the module registers from, so adding
 * an action touches no shared table (doc/voice.md, "Adding an action"). */
typedef struct voice_action_desc {
	const char *name;   /* element, and the result events' action part */
	const char *prefix; /* "voice" or "interaction" */
	/* The action is made of re-INVITEs (hold, retrieve, alternate,
	 * reconnect): its timeout attribute and hints.headers apply to
	 * them. Otherwise re-INVITEs it needs (consultation's hold) use
	 * [voice] reinvite-timeout and no extra headers. */
	gboolean reinvite_action;
	/* The element's attributes, terminated by { NULL }. Every one is
	 * optional for the loader: a missing required one is reported to
	 * the flow as invalidrequest at execution (spec §3), which a flow
	 * can handle, instead of refusing the whole document. */
	const scxml_attr_spec *attrs;
	/* Runs with the request begun (requestid assigned) and ends it with
	 * one result event, now or later; the module drops its reference to
	 * req afterwards. */
	void (*execute)(voice_request *req, scxml_action *act);
	/* The action's own per-request state, req->state: state_size bytes,
	 * zeroed, then state_init (may be NULL); state_free (may be NULL)
	 * releases what it holds when the request is freed. */
	gsize state_size;
	void (*state_init)(void *state);
	void (*state_free)(void *state);
} voice_action_desc;

/* The attributes every action has (spec §3). */
#define VOICE_COMMON_ATTRS                                  \
	{"requestid", SCXML_ATTR_LOCATION, FALSE},          \
		{"hints", SCXML_ATTR_VALUE, FALSE},         \
		{"timeout", SCXML_ATTR_VALUE, FALSE}

/* The attributes of an action that places a new call (createcall,
 * consultation): its addresses and what voice_dial_attrs() reads. */
#define VOICE_DIAL_ATTRS                                    \
	{"from", SCXML_ATTR_VALUE, FALSE},                  \
		{"to", SCXML_ATTR_VALUE, FALSE},            \
		{"type", SCXML_ATTR_VALUE, FALSE},          \
		{"reason", SCXML_ATTR_VALUE, FALSE},        \
		{"udata", SCXML_ATTR_VALUE, FALSE}

/* The descriptors of the build list, terminated by NULL (voice_actions.c,
 * generated by make from src/voice.mk). */
extern const voice_action_desc *const voice_actions[];

/* The SIP outcome delivered to a step: the operation's own outcome, or,
 * when the call ended first, released = TRUE with the end cause. */
typedef struct voice_result {
	int status;
	const char *phrase;
	gboolean local;
	gboolean sipfrag; /* REFER: the transferee's final sipfrag */
	gboolean released;
	sip_end_cause cause;
	gboolean hung_up; /* we had hung the call up under the operation */
} voice_result;

typedef void (*voice_step_fn)(voice_request *req, voice_call *vc,
			      const voice_result *res);

struct voice_request {
	int refs;
	voice_session *vs;
	const voice_action_desc *action;
	void *state; /* the action's own (action->state_size), or NULL */
	char *requestid;
	char *interactionid;	 /* reported in the result event */
	char *heldinteractionid; /* reported when set */
	gboolean finished;
	gboolean cancelling; /* our CANCEL after the timeout is on its way */
	guint timer;	     /* GSource id on the module's context */
	double timeout_s;    /* from the timeout attribute, or 0 */
	double armed_s;	     /* the timer's last duration (for messages) */
	GHashTable *headers; /* extra SIP headers (hints.headers), or NULL */
	GHashTable *dial_headers; /* for the INVITE: headers + X-Call-*... */
	/* The calls the action works on; meaning per action. */
	voice_call *a, *b, *c;
	voice_call *waiting; /* the call whose operation the timer guards */
	/* What a placed call keeps (createcall, consultation). */
	char *type, *reason;
	JsonNode *udata;
	/* A failure noted while the action puts things back (consultation
	 * retrieves the held call before reporting). */
	char *noted_error, *noted_desc, *noted_phrase;
	int noted_status;
	/* Calls whose interaction.deleted comes after this request's result
	 * (references), and those events, held until then. */
	GPtrArray *owned;
	GPtrArray *deferred;
};

/* A request for the action being executed: generates its requestid and
 * assigns it to the requestid location. NULL when the assignment failed:
 * the interpreter raised error.execution, and the handler returns 0 so as
 * not to raise a second one. */
voice_request *voice_request_begin(scxml_action *act, voice_module *vm,
				   const voice_action_desc *action);
voice_request *voice_request_ref(voice_request *req);
void voice_request_unref(voice_request *req);
void voice_request_set_interaction(voice_request *req, const char *id);
/* The result event comes before vc's interaction.deleted (doc/voice.md,
 * "Result before interaction.deleted"): for a call the action placed (its
 * result introduces the call's id) and a call the action ends itself
 * (reconnect, conference). A call already owned by another pending
 * request stays with it. */
void voice_request_own(voice_request *req, voice_call *vc);
void voice_request_set_held(voice_request *req, const char *id);
/* The result event. Each does nothing if the request already finished. */
void voice_request_succeed(voice_request *req);
/* A failure the action found itself (no SIP status to report). */
void voice_request_fail(voice_request *req, const char *error,
			const char *description);
/* The error value for an operation sip/ refused at once (its SIP_ERROR
 * codes), by voice_outcome_decide. */
const char *voice_refusal_error(const GError *err);
/* Fail as voice_outcome_decide says for res (error, sipstatus, the kind of
 * description); what names the operation in the description. */
void voice_request_fail_sip(voice_request *req, voice_sip_op op,
			    const char *what, const voice_result *res);
/* The same in two steps: note the failure (the first noted one is kept),
 * put things back, then report it; extra (may be NULL) is appended to the
 * description. */
void voice_request_note_sip(voice_request *req, voice_sip_op op,
			    const char *what, const voice_result *res);
void voice_request_note(voice_request *req, const char *error,
			const char *description);
gboolean voice_request_noted(const voice_request *req);
void voice_request_fail_noted(voice_request *req, const char *extra);
/* (Re)arm the request's single timer; fn runs once with the request. */
void voice_request_arm(voice_request *req, double seconds,
		       void (*fn)(voice_request *req));
void voice_request_disarm(voice_request *req);

/* ---- SIP operations ---------------------------------------------------- */

/* Start tracking an operation on vc; the returned op is the ud of the SIP
 * call's done callback, voice_op_done. If starting the SIP operation
 * fails, call voice_op_abort. */
voice_op *voice_op_new(voice_request *req, voice_call *vc, voice_step_fn step);
void voice_op_done(sip_call *call, const sip_outcome *outcome, void *ud);
void voice_op_abort(voice_op *op);
/* Forget the operation (a timer gave up on it): its completion will be
 * ignored. */
void voice_op_forget(voice_request *req, voice_call *vc);
/* The call ended with an op in flight: deliver released to its step. */
void voice_op_released(voice_call *vc, sip_end_cause cause,
		       const sip_outcome *why);
/* req's timer gave up on its operation on vc: deliver a local result with
 * this status (408: the table makes it a timeout) to its step; the SIP
 * completion, when it comes, is ignored. Nothing when vc has no operation
 * of req in flight (it may have settled, and another action's started). */
void voice_op_expire(voice_request *req, voice_call *vc, int status,
		     const char *phrase);
/* TRUE when vc has an operation of req in flight. */
gboolean voice_op_pending(const voice_request *req, const voice_call *vc);
/* Arm the request's timer to expire vc's operation after seconds. */
void voice_request_guard(voice_request *req, voice_call *vc, double seconds);

/* ---- attribute helpers (voice_attrs.c) -------------------------------- */

/* Each returns 0, or fails the request itself (invalidrequest,
 * invalidinteraction) and returns -1. */
int voice_attr_string(voice_request *req, scxml_action *act, const char *attr,
		      gboolean required, const char **out);
int voice_attr_call(voice_request *req, scxml_action *act, const char *attr,
		    gboolean required, voice_call **out);
int voice_attr_common(voice_request *req, scxml_action *act);
/* invalidstate unless vc is in one of the states (a bit mask of
 * 1 << voice_call_state) with no operation in flight. */
int voice_check_state(voice_request *req, voice_call *vc, unsigned states);
#define VOICE_ST(s) (1u << (s))
/* [voice] max-calls-per-session: 0 while the session has room for one
 * more call; else fails the request (invalidstate, nothing sent; see
 * doc/voice.md) and returns -1. */
int voice_check_room(voice_request *req);
/* TRUE when the session holds [voice] max-calls-per-session live calls. */
gboolean voice_session_full(const voice_session *vs);
/* The only live call of the session other than except in one of states,
 * or NULL when there is none or more than one. */
voice_call *voice_session_only_other(voice_session *vs, voice_call *except,
				     unsigned states);

/* ---- shared steps ------------------------------------------------------ */

/* INVITE for createcall/consultation/conference: creates the interaction
 * (req->waiting, and the request's interactionid), sends the INVITE with
 * the request's headers, arms the answer timeout (CANCEL, then the error
 * after the 487 or cancel-wait). step gets the INVITE's outcome. Returns
 * the call (borrowed), or NULL after noting the failure (the caller
 * reports it with voice_request_fail_noted). */
voice_call *voice_dial(voice_request *req, const char *from, const char *to,
		       double timeout_s, voice_step_fn step);
/* X-Call-Type, X-Call-Reason, X-User-Data from the action (type and udata
 * are also kept with the call). Returns 0, or -1 after invalidrequest. */
int voice_dial_attrs(voice_request *req, scxml_action *act);
/* TRUE when addr is worth handing to sip/ (no blanks, no brackets). */
gboolean voice_address_plausible(const char *addr);
/* The new call's addresses are plausible (from may be NULL: ours).
 * Returns 0, or -1 after invalidsource / invaliddestination. */
int voice_dial_addresses(voice_request *req, const char *from,
			 const char *to);
/* TRUE when res is a 2xx that answered our INVITE in time. */
gboolean voice_dial_answered(voice_request *req, voice_call *vc,
			     const voice_result *res);

/* Re-INVITE to hold / retrieve vc for req, with the re-INVITE timer armed;
 * step gets the outcome. Returns 0, or -1 after noting the failure (the
 * caller reports it with voice_request_fail_noted). */
int voice_reinvite(voice_request *req, voice_call *vc, gboolean hold,
		   voice_step_fn step);
/* Bookkeeping after a re-INVITE outcome: the call's new state on 2xx, and
 * releasing the dialog after 408/timeout (RFC 3261 §14.1). TRUE on
 * success. */
gboolean voice_reinvite_settle(voice_call *vc, gboolean hold,
			       const voice_result *res);

/* Inbound calls (voice_inbound.c): the agent's router; the inbound
 * calls still offered are forgotten (their ring timers stopped) by
 * voice_inbound_clear. */
int voice_inbound_route(sip_call *call, const sip_call_observer **obs,
			void **obs_ud, guint *retry_after, void *ud);
int voice_inbound_options(guint *retry_after, void *ud);
void voice_inbound_clear(voice_module *vm);
/* <reject> and <redirect>: the final response to an offered call, then
 * the request's done event (or unknown when it could not be sent).
 * Returns 0, or -1. */
int voice_refuse_offered(voice_request *req, voice_call *vc, int status,
			 const char *phrase, const char *contact);

/* ---- events (voice_event.c) -------------------------------------------- */

JsonNode *voice_event_result(const char *requestid, const char *interactionid,
			     const char *heldinteractionid, const char *error,
			     const char *description, int sipstatus,
			     const char *sipreason);
JsonNode *voice_event_deleted(const char *interactionid, const char *cause);
JsonNode *voice_event_added(const char *interactionid, const char *from,
			    const char *to, const char *callid,
			    GHashTable *headers);

#endif
