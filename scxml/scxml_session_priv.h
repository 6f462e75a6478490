/*
 * Private to the interpreter: the session object and what its parts
 * (scxml_session.c, scxml_bounds.c, scxml_algorithm.c, scxml_exec.c,
 * scxml_send.c, scxml_invoke.c, scxml_action.c) call in each other.
 *
 * Sets of states are bitsets over document order (one bit per state of
 * the document), so document order is bit order and set operations cost a
 * few words. Everything runs on the engine's main context; sessions talk to
 * each other (parent, children, #_scxml_ targets) only through their
 * external queues, processed from an idle callback, so one session's
 * macrostep never runs inside another's.
 */
#ifndef SCXML_SESSION_PRIV_H
#define SCXML_SESSION_PRIV_H

#include <sipscxml/scxml.h>

#include "scxml/scxml_engine_priv.h"

#define SCXML_PROCESSOR_URI "http://www.w3.org/TR/scxml/#SCXMLEventProcessor"

typedef guint64 scxml_bits;

/* An event waiting in the external queue. show: report it to on_stable
 * (posted from outside), not for timer and self-sent events. */
typedef struct scxml_qevent {
	scxml_event *ev;
	gboolean show;
	gboolean from_child; /* sent by an invoked child (#_parent, done) */
	guint chain;	     /* events sent in a row that led to it: 0 from
				outside (the program, a timer, HTTP) */
} scxml_qevent;

enum {
	SCXML_Q_SHOW = 1,	/* report it to on_stable */
	SCXML_Q_FROM_CHILD = 2, /* dropped once that child is cancelled */
};

/* What a session holds under a bound (scxml_session_limits). */
/* Hits of a bound, counted by the flood rules (scxml_bounds.c). */
typedef struct scxml_strikes {
	guint n;	 /* hits, each soon after the last */
	gint64 last;	 /* monotonic µs of the last one */
	guint macrostep; /* the macrostep it came in */
} scxml_strikes;

typedef enum {
	SCXML_BOUND_INTERNAL, /* its internal queue */
	SCXML_BOUND_EXTERNAL, /* an external queue it sends to */
	SCXML_BOUND_TIMERS,   /* its pending delayed sends */
	SCXML_BOUND_COUNT
} scxml_bound;

/* Scratch bitsets of the algorithm, indices into s->scratch. */
enum {
	SCXML_B_EXIT,
	SCXML_B_ENTER,
	SCXML_B_DEFAULT_ENTRY,
	SCXML_B_T1,
	SCXML_B_T2,
	SCXML_B_TARGETS,
	SCXML_B_COUNT
};

/* A session's life: NEW → RUNNING → (STOPPING) → ENDED, or NEW → ENDED
 * when it is stopped or freed before it starts. STOPPING: it must end but
 * a run of it is on the stack; the end (session_finish) comes when that
 * run unwinds. Only scxml_session_move changes it. */
typedef enum {
	SCXML_LIFE_NEW,	     /* made; defines allowed, events dropped */
	SCXML_LIFE_RUNNING,  /* started: processes events */
	SCXML_LIFE_STOPPING, /* ends when the run on the stack unwinds */
	SCXML_LIFE_ENDED,    /* ended: on_exit ran (or runs now) */
} scxml_life;

/* How it ends. When several ends are asked for before it has ended, the
 * greater one wins: a cancel over a failure over the final state. */
typedef enum {
	SCXML_END_NONE,	     /* not ending */
	SCXML_END_FINAL,     /* reached a top-level final state */
	SCXML_END_FAILED,    /* stopped by the engine (see failure) */
	SCXML_END_CANCELLED, /* stopped or freed from outside */
} scxml_end;

/* One invoked child session. */
typedef struct scxml_child {
	char *id;		    /* invokeid */
	const scxml_invoke *inv;
	const scxml_state *state;   /* the state that invoked it */
	scxml_session *session;	    /* NULL when it could not start */
	gboolean done;		    /* ended: reached its final state, or
				       was stopped (not by this parent) */
} scxml_child;

struct scxml_session {
	scxml_engine *engine;
	scxml_doc *doc; /* reference */
	const scxml_datamodel_class *dmc;
	scxml_dm *dm;
	scxml_session_hooks hooks;
	void *ud;
	char *id;

	guint words;	      /* words per bitset */
	scxml_bits *config;   /* the configuration */
	scxml_bits *to_invoke;/* statesToInvoke */
	scxml_bits *bound;    /* late binding: data already initialized */
	scxml_bits **history; /* per state index (history states), or NULL */
	scxml_bits *scratch;  /* SCXML_B_COUNT bitsets */
	GPtrArray *enabled;   /* scratch: enabled transitions */
	GPtrArray *dflt_history; /* scratch: (state, transition) pairs */

	GQueue internal; /* scxml_event* */
	GQueue external; /* scxml_qevent* */

	scxml_life life;	/* where it is in its life (scxml_session_move) */
	scxml_end end;		/* how it ends, once STOPPING or ENDED */
	const char *failure;	/* set when the engine stopped it: why, a
				   static word (scxml_session_failure) */
	char *failure_msg;	/* and the details the log showed */
	gboolean free_pending;	/* freed from inside its own run: freed when
				   the run unwinds (whatever its life) */
	guint depth;		/* nesting of session_run */
	guint idle_id;		/* scheduled run of the external queue */
	guint chain;		/* of the external event being processed */
	gint64 deadline;	/* monotonic µs the macrostep must end by, 0:
				   none */
	guint macrostep;	/* macrosteps begun, for the flood rules */
	scxml_strikes overflows;   /* queue and timer bound hits */
	scxml_strikes memory_hits; /* runs refused memory by the session cap */

	GHashTable *defines; /* name → JsonNode* (before start) */
	GHashTable *sends;   /* sendid → scxml_delayed* */
	guint send_seq;
	GHashTable *children; /* invokeid → scxml_child* */
	GHashTable *dropped; /* invokeids of children cancelled unfinished */
	guint invoke_seq;
	scxml_session *parent; /* weak: the parent frees its children */
	guint generation;      /* 0 for a top session, parent's + 1 */
	char *invokeid;	       /* our id in the parent */
	const char *final_id;
	JsonNode *donedata; /* of the final state reached */
	GData *module_data;
};

/* ---- bitsets ------------------------------------------------------------- */

static inline void scxml_bit_set(scxml_bits *b, guint i)
{
	b[i >> 6] |= (scxml_bits)1 << (i & 63);
}

static inline void scxml_bit_clear(scxml_bits *b, guint i)
{
	b[i >> 6] &= ~((scxml_bits)1 << (i & 63));
}

static inline gboolean scxml_bit_test(const scxml_bits *b, guint i)
{
	return (b[i >> 6] >> (i & 63)) & 1;
}

static inline scxml_bits *scxml_scratch(scxml_session *s, guint which)
{
	return s->scratch + (gsize)which * s->words;
}

/* ---- scxml_session.c ----------------------------------------------------- */

/* The one place the life changes: to life `to`, ending with `end` (for
 * STOPPING and ENDED; merged with an end already asked for). An illegal
 * move (backwards, or out of ENDED) warns and changes nothing. */
void scxml_session_move(scxml_session *s, scxml_life to, scxml_end end);

/* Processing events: started and not ending. */
static inline gboolean scxml_session_running(const scxml_session *s)
{
	return s->life == SCXML_LIFE_RUNNING;
}

/* Raise an internal event (name taken as is; data taken). */
void scxml_session_raise(scxml_session *s, const char *name,
			 scxml_event_type type, JsonNode *data);
/* error.execution / error.communication raised by element <tagname> at
 * line of the document (0: unknown), with the sendid of the <send> that
 * failed (or NULL). _event.data: {message: "file:line: <tagname>: reason",
 * tagname, line, reason}. */
void scxml_session_error_at(scxml_session *s, const char *name,
			    const char *sendid, const char *tagname, int line,
			    const char *fmt, ...) G_GNUC_PRINTF(6, 7);
/* The same error event, returned (for a queue the caller picks). */
scxml_event *scxml_session_error_new(scxml_session *s, const char *name,
				     const char *sendid, const char *tagname,
				     int line, const char *fmt, ...)
	G_GNUC_PRINTF(6, 7);
/* Queue an external event from outside (chain 0); when s is not running
 * now, the queue is processed from an idle callback on the loop. */
void scxml_session_enqueue(scxml_session *s, scxml_event *ev, guint flags);
/* The same for an event that session from sends (or forwards) while it
 * processes one: the new event is one further down from's chain. A chain
 * past max_event_chain stops from ("event-loop"; s when from has ended)
 * and drops the event. */
void scxml_session_enqueue_from(scxml_session *s, scxml_session *from,
				scxml_event *ev, guint flags);
/* Stop the session: the engine cannot let it go on. failure: a static word
 * (scxml_session_failure); the message goes to the log. From inside a run
 * it ends when the run unwinds, else from an idle callback. */
void scxml_session_fail(scxml_session *s, const char *failure, const char *fmt,
			...) G_GNUC_PRINTF(3, 4);
/* An event was raised outside a macrostep (an error of a timer or of the
 * HTTP client): the session's run on the loop processes the internal
 * queue to a stable configuration, never the caller's frame. */
void scxml_session_run_internal(scxml_session *s);
/* Before start: a value (taken) for a top-level data item (invoke's
 * namelist and params). */
void scxml_session_define_value(scxml_session *s, const char *name,
				JsonNode *value);
/* Initialize the data of state st (early binding: every state at start). */
void scxml_session_bind_data(scxml_session *s, const scxml_state *st);

/* ---- scxml_bounds.c ------------------------------------------------------ */

/* TRUE when one more item fits under bound b, given len held now. FALSE
 * counts an overflow: a session that overflows 100 times, never quiet for
 * a second in between, is stopped ("event-flood"). */
gboolean scxml_session_room(scxml_session *s, scxml_bound b, guint len);
/* The bound b of s's engine (0: none). */
guint scxml_session_bound(const scxml_session *s, scxml_bound b);
/* The wall-clock budget of a macrostep starts now / is over (the script
 * limit back to the engine's). */
void scxml_session_begin_macrostep(scxml_session *s);
void scxml_session_end_macrostep(scxml_session *s);
/* TRUE (after stopping the session) when the macrostep has run past its
 * wall-clock budget, or the session was already stopped by the engine:
 * the caller runs nothing more. */
gboolean scxml_session_out_of_time(scxml_session *s);
/* The data model host's memory_refused (ud: the session): a run of its
 * scripts was refused memory by the per-session cap. The third such run
 * with no quiet second in between (or within one macrostep) stops the
 * session ("memory-limit"). */
void scxml_session_memory_refused(void *ud);

/* ---- scxml_algorithm.c --------------------------------------------------- */

/* Enter the initial configuration (no macrostep). */
void scxml_enter_initial(scxml_session *s);
/* Eventless transitions and the internal queue until stable, then the
 * invokes of the states entered. Loops while that raises internal events. */
void scxml_macrostep(scxml_session *s);
/* One external event: finalize, autoforward, transitions, macrostep. */
void scxml_process_external(scxml_session *s, const scxml_qevent *q);
/* Exit every state (exitInterpreter) after the final state was reached. */
void scxml_exit_interpreter(scxml_session *s);
gboolean scxml_name_match(char *const *descriptors, const char *name);

/* ---- scxml_exec.c -------------------------------------------------------- */

/* Run a block; returns -1 when an error stopped it (already raised). */
int scxml_exec_block(scxml_session *s, const scxml_exec *x);
/* <param>s and namelist of element owner → a JSON object (NULL when
 * none); -1 on error. */
int scxml_exec_params(scxml_session *s, const char *owner,
		      scxml_expr *const *namelist, guint n_namelist,
		      const scxml_param *params, guint n_params,
		      JsonNode **out);
/* <content>/<donedata> value: a new node, NULL for none; -1 on error. */
int scxml_exec_content(scxml_session *s, const scxml_content *c,
		       JsonNode **out);
/* Text as event data: JSON when it parses, else the string. */
JsonNode *scxml_text_to_json(const char *text);

/* ---- scxml_send.c -------------------------------------------------------- */

int scxml_exec_send(scxml_session *s, const scxml_exec *x);
int scxml_exec_cancel(scxml_session *s, const scxml_exec *x);
void scxml_send_cancel_all(scxml_session *s);
void scxml_send_free_table(gpointer p);

/* ---- scxml_invoke.c ------------------------------------------------------ */

void scxml_invoke_start(scxml_session *s, const scxml_state *st);
void scxml_invoke_cancel_state(scxml_session *s, const scxml_state *st);
void scxml_invoke_cancel_all(scxml_session *s);
/* finalize and autoforward for an external event. */
void scxml_invoke_external(scxml_session *s, const scxml_event *ev);
/* TRUE when events of this child must be dropped: it was cancelled before
 * it finished (W3C 6.4.4). */
gboolean scxml_invoke_cancelled(scxml_session *s, const char *invokeid);
/* The child of invokeid, or NULL. */
scxml_child *scxml_invoke_child(scxml_session *s, const char *invokeid);
/* A child reached its final state (called by the child). */
void scxml_invoke_child_done(scxml_session *child);
/* A child ended otherwise: stopped by the engine (a bound) or from outside
 * (called by the child). The parent gets error.communication. */
void scxml_invoke_child_stopped(scxml_session *child);
void scxml_child_free(gpointer p);

/* ---- scxml_action.c ------------------------------------------------------ */

int scxml_exec_extension(scxml_session *s, const scxml_exec *x);

/* ---- scxml_engine.c: sessions by id (#_scxml_<id>) ----------------------- */

char *scxml_engine_new_session_id(scxml_engine *engine);
/* The engine's per-session bounds (read at each use, so a change applies
 * to running sessions too). */
const scxml_session_limits *scxml_engine_limits(scxml_engine *engine);
void scxml_engine_add_session(scxml_engine *engine, scxml_session *s);
void scxml_engine_remove_session(scxml_engine *engine, scxml_session *s);
scxml_session *scxml_engine_find_session(scxml_engine *engine,
					 const char *id);
/* The engine's Basic HTTP processor (scxml_http.h), made on first use. */
struct scxml_http *scxml_engine_http(scxml_engine *engine);

#endif
