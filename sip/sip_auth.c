/*
 * Digest authentication (RFC 3261 §22) for any of our requests: a call's
 * INVITE, re-INVITE or REFER, and the registration's REGISTER. The [auth]
 * credentials answer one 401/407 per request; a second challenge means they
 * were refused, and the request fails with that status.
 */
#include "config.h"

#include <string.h>

#include "sip/sip_call_priv.h"

/* The realm of the challenge that matches status, unquoted into home. */
static const char *challenge_realm(const sip_t *sip, int status,
				   su_home_t *home)
{
	msg_auth_t const *au = status == 407 ? sip->sip_proxy_authenticate
					     : sip->sip_www_authenticate;
	const char *realm =
		au ? msg_params_find(au->au_params, "realm=") : NULL;
	if (realm && realm[0] == '"')
		return msg_unquote_dup(home, realm);
	return realm;
}

gboolean sip_authenticate(sip_agent *agent, nua_handle_t *nh, int *tries,
			  int status, const sip_t *sip)
{
	const sip_agent_config *cfg = &agent->cfg;
	if ((status != 401 && status != 407) || !sip || !nh)
		return FALSE;
	if (*tries > 0 || !cfg->auth_user || !cfg->auth_password)
		return FALSE;
	su_home_t home[1] = {SU_HOME_INIT(home)};
	const char *realm = challenge_realm(sip, status, home);
	gboolean ok = realm != NULL &&
		      (!cfg->auth_realm || strcmp(cfg->auth_realm, realm) == 0);
	if (ok) {
		char *cred =
			g_strdup_printf("Digest:\"%s\":%s:%s", realm,
					cfg->auth_user, cfg->auth_password);
		(*tries)++;
		nua_authenticate(nh, NUTAG_AUTH(cred), TAG_END());
		g_free(cred);
	}
	su_home_deinit(home);
	return ok;
}
