/*
 * Fuzz harness: the sipfrag reader of a REFER's NOTIFYs (RFC 3515) and the
 * test of whether a NOTIFY reports on the pending REFER. The input is read
 * twice: as a NOTIFY body alone (parse_sipfrag, "SIP/2.0 200 OK"), and as a
 * whole SIP message through sofia-sip's parser, as it arrives from the
 * network (its Event id, its body, its SDP if any). sip/sip_call_refer.c is
 * included so that its static readers are the ones run; the library's copy
 * of that file is then not linked.
 */
#include "sip/sip_call_refer.c"

#include <sofia-sip/msg.h>
#include <sofia-sip/sip_parser.h>

#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_logs();
	return 0;
}

static void read_sipfrag(const sip_t *sip)
{
	int status = 0;
	char *phrase = NULL;

	if (parse_sipfrag(sip, &status, &phrase)) {
		if (status < 100 || status > 699 || !phrase)
			abort();
		g_free(phrase);
	} else if (phrase) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	su_home_t home[1] = {SU_HOME_INIT(home)};
	sip_t body_only = {0};
	sip_call call = {0};
	msg_t *msg;

	/* The body alone. */
	body_only.sip_payload = sip_payload_create(home, data, (isize_t)size);
	read_sipfrag(&body_only);

	/* The whole message, parsed as the transport does. */
	msg = msg_make(sip_default_mclass(), 0, data, (ssize_t)size);
	if (msg) {
		sip_t *sip = sip_object(msg);

		if (sip) {
			read_sipfrag(sip);
			call.refer_cseq = 2;
			call.refer_abandoned_cseq = 1;
			(void)notify_is_ours(&call, sip);
			g_free(sip_sdp_payload(sip));
		}
		msg_destroy(msg);
	}
	su_home_deinit(home);
	return 0;
}
