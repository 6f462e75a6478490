/*
 * The voice module: binds the Genesys-style <voice:*> elements of
 * http://www.genesyslab.com/modules/interaction to SIP calls made by sip/.
 * The program creates it once per engine; it registers its elements at
 * once, and opens the SIP agent only when asked (a document uses the
 * namespace, or --bind was given), so offline runs never open a port.
 */
#ifndef VOICE_MODULE_H
#define VOICE_MODULE_H

#include <sipscxml/scxml.h>

#define VOICE_NS "http://www.genesyslab.com/modules/interaction"

typedef struct voice_module voice_module;

/* config: the loaded configs/sipscxml.conf (may be NULL: defaults). Reads
 * [sip], [auth], [media] and [voice]; a bad value is an error naming the
 * group and key. */
voice_module *voice_module_new(scxml_engine *engine, GKeyFile *config,
			       GError **err);
/* Open the SIP agent. bind: "ADDR:PORT" overriding [sip] bind, or NULL. */
int voice_module_start_sip(voice_module *vm, const char *bind, GError **err);
/* Before start: SIP messages traced on stderr ([sip] trace, --sip-trace). */
void voice_module_set_sip_trace(voice_module *vm, gboolean trace);
gboolean voice_module_sip_started(voice_module *vm);
/* The agent's contact ("sip:127.0.0.1:5060"), or "" before start. */
const char *voice_module_contact(voice_module *vm);
/* Without a router: inbound calls (interaction.added) go to this session
 * from now on (the last one attached wins; none attached: inbound calls
 * are refused with 480). The link ends with the session. */
void voice_module_attach_session(voice_module *vm, scxml_session *s);
/* Routing of inbound calls (sipscxml serve: a new session per call).
 * route runs for each new INVITE that passed [voice] max-ringing, before
 * 180: it returns a started session to take the call (interaction.added
 * reaches it next), or NULL with *status (a SIP final status) and
 * *retry_after (seconds, 0: no Retry-After). request_uri and user: the
 * INVITE's Request-URI and its user part, unescaped ("" when none).
 * options answers an OPTIONS: 200, or a refusal with *retry_after.
 * route NULL: back to the attached session. */
typedef scxml_session *(*voice_route_fn)(const char *request_uri,
					 const char *user, int *status,
					 guint *retry_after, void *ud);
typedef int (*voice_options_fn)(guint *retry_after, void *ud);
void voice_module_set_router(voice_module *vm, voice_route_fn route,
			     voice_options_fn options, void *ud);
/* Inbound calls the module refuses itself, not through route: [voice]
 * max-ringing and max-calls-per-session (503), ring-timeout and no
 * session attached (480). refused runs with the SIP status as the module
 * refuses the call (serve counts them in its metrics). */
typedef void (*voice_refused_fn)(int status, void *ud);
void voice_module_set_refused(voice_module *vm, voice_refused_fn refused,
			      void *ud);
/* Live calls of one session (inbound and placed); 0 when it has none. */
guint voice_module_session_calls(voice_module *vm, scxml_session *s);
/* Told of each call a session's end releases without telling the session
 * (nothing is posted to a session that ended), so that the event log can
 * pair its interaction.added: every call of the session whose id it was
 * told (inbound, or placed and reported by its action), live or being hung
 * up, while the session's module data goes (before its exit hook). Not
 * called when [voice] release-on-exit is off. fn NULL: none. */
typedef void (*voice_released_fn)(scxml_session *s, const char *interactionid,
				  void *ud);
void voice_module_set_released_hook(voice_module *vm, voice_released_fn fn,
				    void *ud);
/* Calls of the SIP agent not yet released, all sessions together. */
guint voice_module_call_count(voice_module *vm);
/* serve: a session's calls are released when it ends, whatever [voice]
 * release-on-exit says. Returns what that key said. */
gboolean voice_module_force_release_on_exit(voice_module *vm);
/* [voice] retry-after: the seconds our 503s ask a caller to wait. */
guint voice_module_retry_after(voice_module *vm);

/* Release every call and shut the agent down; done runs when finished. */
void voice_module_shutdown(voice_module *vm, void (*done)(void *ud), void *ud);
void voice_module_free(voice_module *vm);

#endif
