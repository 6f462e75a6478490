/*
 * Fuzz harness: the SDP reader (sip/sip_sdp.c). The input is a peer's SDP
 * body: its audio direction is read as for a re-INVITE (hold detection), and
 * our answer to it is built with the codecs of the default configuration
 * and of one that lists codecs we do not know. The answer, when there is
 * one, must be an SDP our own reader accepts.
 */
#include "config.h"

#include <string.h>

#include "sip/sip_call_priv.h"
#include "tests/fuzz/fuzz_common.h"

static sip_agent_config cfg_default, cfg_many;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	GKeyFile *kf = g_key_file_new();

	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	if (sip_agent_config_load(NULL, &cfg_default, NULL) < 0)
		abort();
	g_key_file_set_string(kf, "media", "codecs", "PCMA, g729 ,PCMU,,");
	g_key_file_set_string(kf, "media", "address", "::1");
	if (sip_agent_config_load(kf, &cfg_many, NULL) < 0)
		abort();
	g_key_file_unref(kf);
	return 0;
}

static void answer(const sip_agent_config *cfg, const char *offer,
		   sip_direction dir)
{
	char *sdp = sip_sdp_make(cfg, G_MAXUINT64, 1, dir, offer);
	sip_direction back;

	if (!sdp)
		return;
	/* What we send must read back as the direction we meant. */
	if (!sip_sdp_read_direction(sdp, &back) || back != dir)
		abort();
	g_free(sdp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *offer = fuzz_strdup(data, size);
	sip_direction dir;

	if (sip_sdp_read_direction(offer, &dir)) {
		(void)sip_direction_name(dir);
		answer(&cfg_default, offer,
		       sip_sdp_answer_direction(dir, FALSE));
		answer(&cfg_many, offer, sip_sdp_answer_direction(dir, TRUE));
	} else {
		/* No usable audio stream: no answer can be made. */
		char *sdp = sip_sdp_make(&cfg_default, 1, 1, SIP_DIR_SENDRECV,
					 offer);
		if (sdp)
			abort();
	}
	g_free(offer);
	return 0;
}
