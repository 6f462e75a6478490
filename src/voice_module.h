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
/* Inbound calls (interaction.added) go to this session from now on (the
 * last one attached wins; none attached: inbound calls are refused with
 * 480). The link ends with the session. */
void voice_module_attach_session(voice_module *vm, scxml_session *s);
/* Release every call and shut the agent down; done runs when finished. */
void voice_module_shutdown(voice_module *vm, void (*done)(void *ud), void *ud);
void voice_module_free(voice_module *vm);

#endif
