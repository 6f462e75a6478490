/*
 * Registration with a PBX or registrar (RFC 3261 §10), for deployments
 * where the engine is an endpoint that Asterisk or FreeSWITCH must reach.
 *
 * One NUA handle does nothing but REGISTER: nua_register() binds our
 * contact to the address of record and sofia-sip refreshes the binding
 * before it expires. sofia gives up on a failure, so this file owns the
 * retry: the failed handle goes, and a fresh one REGISTERs again after a
 * back-off. At shutdown nua_unregister() removes the binding, and the agent
 * waits a bounded time for the answer before it stops the stack.
 *
 *   IDLE ──(loop turn)──▶ REGISTERING ──2xx──▶ REGISTERED ──refresh 2xx──┐
 *                              │  ▲                 │      ◀─────────────┘
 *                      failure │  │ retry timer     │ refresh failure
 *                              ▼  │                 ▼
 *                            WAITING ◀──────────────┘
 *   any ──stop──▶ UNREGISTERING (when a binding may exist) ──▶ STOPPED
 */
#include "config.h"

#include <string.h>

#include "sip/sip_call_priv.h"

/* The longest wait between two attempts, however many failed. */
#define RETRY_MAX_S 600u
/* How long shutdown waits for the un-REGISTER's answer. */
#define UNREGISTER_WAIT_MS 2000u

/* sofia's outbound engine (RFC 5626 helpers), on by default, would check
 * the new binding with an OPTIONS to our own contact, send keep-alive
 * OPTIONS every 2 minutes, and rewrite our Contact from the Via the
 * registrar returns when it thinks it sees a NAT. An engine next to its PBX
 * wants the Contact it was configured with and no extra traffic. */
#define REG_OUTBOUND "no-validate no-natify no-options-keepalive"

typedef enum {
	REG_IDLE,	   /* first REGISTER not sent yet */
	REG_REGISTERING,   /* a REGISTER is out, no 2xx yet */
	REG_REGISTERED,	   /* bound; sofia refreshes */
	REG_WAITING,	   /* failed; the retry timer runs */
	REG_UNREGISTERING, /* un-REGISTER out at shutdown */
	REG_STOPPED,
} reg_phase;

struct sip_register {
	sip_agent *agent;
	nua_handle_t *nh; /* NULL between attempts and once stopped */
	reg_phase phase;
	int auth_tries; /* 401/407 answered for the request out */
	guint failures; /* in a row, for the back-off */
	GSource *timer; /* first turn, retry, or the un-REGISTER's bound */
	void (*stopped)(sip_agent *agent);
};

static const char *aor_of(const sip_agent_config *cfg)
{
	return cfg->reg_aor ? cfg->reg_aor : cfg->identity;
}

/* The user part of a sip:/sips: URI, or NULL when it has none. */
static char *uri_user(const char *uri)
{
	const char *colon = strchr(uri, ':');
	if (!colon)
		return NULL;
	const char *start = colon + 1;
	size_t len = strcspn(start, "@;?>");
	if (start[len] != '@' || len == 0)
		return NULL;
	size_t user_len = strcspn(start, ":@"); /* drop a password */
	return g_strndup(start, MIN(user_len, len));
}

static void report(sip_register *reg, sip_reg_state state, int status,
		   const char *phrase, gboolean local)
{
	sip_agent *agent = reg->agent;
	sip_outcome o = {.status = status, .phrase = phrase, .local = local};
	if (agent->reg_fn)
		agent->reg_fn(agent, state, &o, agent->reg_ud);
}

static void clear_timer(sip_register *reg)
{
	if (reg->timer) {
		g_source_destroy(reg->timer);
		g_source_unref(reg->timer);
		reg->timer = NULL;
	}
}

static void set_timer(sip_register *reg, guint ms, GSourceFunc fn)
{
	clear_timer(reg);
	reg->timer = ms ? g_timeout_source_new(ms) : g_idle_source_new();
	g_source_set_callback(reg->timer, fn, reg, NULL);
	g_source_attach(reg->timer, reg->agent->ctx);
}

static void drop_handle(sip_register *reg)
{
	if (reg->nh) {
		nua_handle_destroy(reg->nh);
		reg->nh = NULL;
	}
}

static void fail(sip_register *reg, int status, const char *phrase,
		 gboolean local);

static void send_register(sip_register *reg)
{
	const sip_agent_config *cfg = &reg->agent->cfg;
	const char *aor = aor_of(cfg);
	g_autofree char *user = cfg->reg_contact_user
					? g_strdup(cfg->reg_contact_user)
					: uri_user(aor);
	g_autofree char *expires = g_strdup_printf("%u", cfg->reg_expires);

	/* A fresh handle per attempt: whatever sofia kept of a failed one
	 * (a usage, credentials it was refused with) goes with it. */
	reg->nh = nua_handle(reg->agent->nua, NULL, SIPTAG_TO_STR(aor),
			     SIPTAG_FROM_STR(aor), NUTAG_OUTBOUND(REG_OUTBOUND),
			     NUTAG_KEEPALIVE(0), TAG_END());
	if (!reg->nh) {
		fail(reg, 500, "Cannot create a SIP handle", TRUE);
		return;
	}
	reg->phase = REG_REGISTERING;
	reg->auth_tries = 0;
	nua_register(reg->nh, NUTAG_REGISTRAR(URL_STRING_MAKE(cfg->registrar)),
		     TAG_IF(user, NUTAG_M_USERNAME(user)),
		     SIPTAG_EXPIRES_STR(expires), NUTAG_OUTBOUND(REG_OUTBOUND),
		     NUTAG_KEEPALIVE(0), TAG_END());
}

static gboolean on_timer(gpointer data)
{
	sip_register *reg = data;
	g_source_unref(reg->timer);
	reg->timer = NULL;
	send_register(reg);
	return G_SOURCE_REMOVE;
}

/* cfg->reg_retry seconds, doubled for each earlier failure in a row. */
static guint retry_delay_s(const sip_register *reg)
{
	guint delay = MIN(reg->agent->cfg.reg_retry, RETRY_MAX_S);
	for (guint i = 1; i < reg->failures && delay < RETRY_MAX_S; i++)
		delay *= 2;
	return MIN(delay, RETRY_MAX_S);
}

static void fail(sip_register *reg, int status, const char *phrase,
		 gboolean local)
{
	drop_handle(reg);
	reg->phase = REG_WAITING;
	reg->failures++;
	guint delay = retry_delay_s(reg);
	g_log(SIP_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
	      "registration of %s with %s failed: %d %s%s; retrying in %u s",
	      aor_of(&reg->agent->cfg), reg->agent->cfg.registrar, status,
	      phrase, local ? " (local)" : "", delay);
	set_timer(reg, delay * 1000, on_timer);
	/* last: the observer may shut the agent down */
	report(reg, SIP_REG_FAILED, status, phrase, local);
}

static void on_register_response(sip_register *reg, int status,
				 const char *phrase, const sip_t *sip)
{
	gboolean local = sip_response_is_local(sip) || status >= 700;

	/* 1xx, and sofia's own restarts (423 with Min-Expires, a challenge
	 * answered from its cache, Retry-After) report 100 */
	if (status < 200)
		return;
	if (reg->phase == REG_UNREGISTERING) {
		/* a REGISTER that crossed our un-REGISTER: only help it
		 * through a challenge, so that the un-REGISTER behind it
		 * goes out */
		sip_authenticate(reg->agent, reg->nh, &reg->auth_tries, status,
				 sip);
		return;
	}
	if (status < 300) {
		/* a refresh may be challenged again with a new nonce */
		reg->auth_tries = 0;
		reg->failures = 0;
		if (reg->phase == REG_REGISTERED) {
			g_log(SIP_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
			      "registration of %s refreshed",
			      aor_of(&reg->agent->cfg));
			return;
		}
		reg->phase = REG_REGISTERED;
		g_log(SIP_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
		      "registered %s with %s (%d %s)", aor_of(&reg->agent->cfg),
		      reg->agent->cfg.registrar, status, phrase);
		report(reg, SIP_REG_REGISTERED, status, phrase, local);
		return;
	}
	switch (status) {
	case 401:
	case 407:
		if (sip_authenticate(reg->agent, reg->nh, &reg->auth_tries,
				     status, sip))
			return;
		/* Challenged again (credentials refused), or none to give:
		 * sofia would wait for credentials forever. */
		fail(reg, status, phrase, local);
		return;
	default:
		/* 403, 404, 408 (no answer), 503 (no route)…: sofia has
		 * ended this registration */
		fail(reg, status, phrase, local);
		return;
	}
}

static void finish_unregister(sip_register *reg, int status, const char *phrase,
			      gboolean local)
{
	clear_timer(reg);
	drop_handle(reg);
	reg->phase = REG_STOPPED;
	g_log(SIP_LOG_DOMAIN,
	      status < 300 ? G_LOG_LEVEL_MESSAGE : G_LOG_LEVEL_WARNING,
	      "unregistered %s from %s (%d %s%s)", aor_of(&reg->agent->cfg),
	      reg->agent->cfg.registrar, status, phrase,
	      local ? ", local" : "");
	report(reg, SIP_REG_UNREGISTERED, status, phrase, local);
	void (*stopped)(sip_agent *) = reg->stopped;
	reg->stopped = NULL;
	if (stopped)
		stopped(reg->agent);
}

static void on_unregister_response(sip_register *reg, int status,
				   const char *phrase, const sip_t *sip)
{
	if (status < 200 || reg->phase != REG_UNREGISTERING)
		return;
	if ((status == 401 || status == 407) &&
	    sip_authenticate(reg->agent, reg->nh, &reg->auth_tries, status,
			     sip))
		return;
	finish_unregister(reg, status, phrase,
			  sip_response_is_local(sip) || status >= 700);
}

static gboolean on_unregister_timeout(gpointer data)
{
	sip_register *reg = data;
	g_source_unref(reg->timer);
	reg->timer = NULL;
	finish_unregister(reg, 408, "Request Timeout", TRUE);
	return G_SOURCE_REMOVE;
}

sip_register *sip_register_new(sip_agent *agent)
{
	if (!agent->cfg.registrar)
		return NULL;
	sip_register *reg = g_new0(sip_register, 1);
	reg->agent = agent;
	reg->phase = REG_IDLE;
	/* from the loop, not from sip_agent_new: the caller can set the
	 * observer first, and nothing is reported from inside a call */
	set_timer(reg, 0, on_timer);
	return reg;
}

gboolean sip_register_on_event(sip_register *reg, nua_event_t event, int status,
			       const char *phrase, nua_handle_t *nh,
			       const sip_t *sip)
{
	if (!reg || !nh || nh != reg->nh)
		return FALSE;
	switch (event) {
	case nua_r_register:
		on_register_response(reg, status, phrase, sip);
		break;
	case nua_r_unregister:
		on_unregister_response(reg, status, phrase, sip);
		break;
	default:
		break; /* nothing else concerns us on this handle */
	}
	return TRUE;
}

gboolean sip_register_stop(sip_register *reg, void (*stopped)(sip_agent *agent))
{
	if (!reg || reg->phase == REG_UNREGISTERING ||
	    reg->phase == REG_STOPPED)
		return FALSE;
	clear_timer(reg);
	/* A REGISTER still out may have bound us already: undo it too. */
	if (reg->nh &&
	    (reg->phase == REG_REGISTERED || reg->phase == REG_REGISTERING)) {
		guint wait_ms =
			MIN(UNREGISTER_WAIT_MS, reg->agent->cfg.t1x64_ms);
		reg->phase = REG_UNREGISTERING;
		reg->auth_tries = 0;
		reg->stopped = stopped;
		nua_unregister(reg->nh, TAG_END());
		set_timer(reg, wait_ms, on_unregister_timeout);
		return TRUE;
	}
	drop_handle(reg);
	reg->phase = REG_STOPPED;
	return FALSE;
}

void sip_register_free(sip_register *reg)
{
	if (!reg)
		return;
	clear_timer(reg);
	drop_handle(reg);
	g_free(reg);
}

void sip_agent_watch_registration(sip_agent *agent, sip_reg_fn fn, void *ud)
{
	agent->reg_fn = fn;
	agent->reg_ud = ud;
}
