/*
 * What /metrics and GET /sessions/{id} read from the voice module: the
 * live calls of a session with their states (from the module's
 * per-session data), and the SIP responses its agent received. Reads
 * only; the voice module owns all of it.
 */
#include "config.h"

#include "src/metrics_calls.h"
#include "src/voice_priv.h"

typedef struct walk {
	metrics_call_fn fn;
	void *ud;
} walk;

static void each_call(gpointer key, gpointer value, gpointer ud)
{
	const voice_call *vc = value;
	walk *w = ud;

	if (voice_call_live(vc))
		w->fn(vc->id, voice_call_state_name(vc->state), vc->inbound,
		      w->ud);
}

guint64 metrics_sip_responses(voice_module *vm, int cls)
{
	return vm && vm->agent ? sip_agent_responses(vm->agent, cls) : 0;
}

void metrics_calls_foreach(scxml_session *s, metrics_call_fn fn, void *ud)
{
	voice_session *vs = scxml_session_get_module_data(s, VOICE_DATA_KEY);
	walk w = {fn, ud};

	/* a session that never used the voice module has no calls */
	if (vs && vs->calls)
		g_hash_table_foreach(vs->calls, each_call, &w);
}
