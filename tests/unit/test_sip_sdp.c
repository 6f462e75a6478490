/*
 * Our SDP (sip/sip_sdp.c): the offer's shape, the answer's codecs and
 * direction (RFC 3264 §6.1), and the peer SDP we must refuse without
 * crashing. The text we build is read back with sofia's own parser.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_call_priv.h"

static sip_agent_config test_config(const char *codecs)
{
	sip_agent_config cfg;
	assert_int_equal(sip_agent_config_load(NULL, &cfg, NULL), 0);
	g_free(cfg.codecs);
	cfg.codecs = g_strdup(codecs);
	g_free(cfg.media_address);
	cfg.media_address = g_strdup("192.0.2.10");
	cfg.media_port = 31000;
	return cfg;
}

static const char peer_offer[] = "v=0\r\n"
				 "o=peer 1 1 IN IP4 198.51.100.1\r\n"
				 "s=-\r\n"
				 "c=IN IP4 198.51.100.1\r\n"
				 "t=0 0\r\n"
				 "m=audio 5004 RTP/AVP 8 0 101\r\n"
				 "a=rtpmap:8 PCMA/8000\r\n"
				 "a=rtpmap:0 PCMU/8000\r\n"
				 "a=rtpmap:101 telephone-event/8000\r\n"
				 "a=sendonly\r\n";

static void offer_has_our_media(void **state)
{
	sip_agent_config cfg = test_config("PCMU,PCMA");
	char *sdp = sip_sdp_make(&cfg, 7, 9, SIP_DIR_SENDRECV, NULL);
	assert_non_null(sdp);
	assert_non_null(strstr(sdp, "o=sipscxml 7 9 IN IP4 192.0.2.10\r\n"));
	assert_non_null(strstr(sdp, "c=IN IP4 192.0.2.10\r\n"));
	assert_non_null(strstr(sdp, "m=audio 31000 RTP/AVP 0 8\r\n"));
	assert_non_null(strstr(sdp, "a=rtpmap:0 PCMU/8000\r\n"));
	assert_non_null(strstr(sdp, "a=rtpmap:8 PCMA/8000\r\n"));
	assert_non_null(strstr(sdp, "a=sendrecv\r\n"));
	sip_direction dir = SIP_DIR_INACTIVE;
	assert_true(sip_sdp_read_direction(sdp, &dir));
	assert_int_equal(dir, SIP_DIR_SENDRECV);
	g_free(sdp);
	sip_agent_config_clear(&cfg);
}

static void hold_offer_directions(void **state)
{
	sip_agent_config cfg = test_config("PCMU");
	char *sendonly = sip_sdp_make(&cfg, 1, 2, SIP_DIR_SENDONLY, NULL);
	char *inactive = sip_sdp_make(&cfg, 1, 3, SIP_DIR_INACTIVE, NULL);
	assert_non_null(strstr(sendonly, "a=sendonly\r\n"));
	assert_non_null(strstr(inactive, "a=inactive\r\n"));
	assert_null(strstr(inactive, "a=sendrecv"));
	g_free(sendonly);
	g_free(inactive);
	sip_agent_config_clear(&cfg);
}

static void answer_keeps_common_codecs_only(void **state)
{
	sip_agent_config cfg = test_config("PCMU,PCMA");
	char *sdp = sip_sdp_make(&cfg, 1, 1, SIP_DIR_RECVONLY, peer_offer);
	assert_non_null(sdp);
	assert_non_null(strstr(sdp, "m=audio 31000 RTP/AVP 0 8\r\n"));
	assert_null(strstr(sdp, "telephone-event"));
	assert_non_null(strstr(sdp, "a=recvonly\r\n"));
	g_free(sdp);
	sip_agent_config_clear(&cfg);

	cfg = test_config("PCMA");
	sdp = sip_sdp_make(&cfg, 1, 1, SIP_DIR_RECVONLY, peer_offer);
	assert_non_null(strstr(sdp, "m=audio 31000 RTP/AVP 8\r\n"));
	g_free(sdp);
	sip_agent_config_clear(&cfg);
}

static void no_common_codec_is_no_answer(void **state)
{
	sip_agent_config cfg = test_config("PCMU");
	const char *g729 = "v=0\r\no=p 1 1 IN IP4 198.51.100.1\r\ns=-\r\n"
			   "c=IN IP4 198.51.100.1\r\nt=0 0\r\n"
			   "m=audio 5004 RTP/AVP 18\r\n"
			   "a=rtpmap:18 G729/8000\r\n";
	assert_null(sip_sdp_make(&cfg, 1, 1, SIP_DIR_SENDRECV, g729));
	sip_agent_config_clear(&cfg);

	/* Unknown codec names in the config are skipped, not offered. */
	cfg = test_config("OPUS,G722");
	assert_null(sip_sdp_make(&cfg, 1, 1, SIP_DIR_SENDRECV, NULL));
	sip_agent_config_clear(&cfg);
}

static void answer_direction_table(void **state)
{
	/* RFC 3264 §6.1, and a side on hold never receives */
	assert_int_equal(sip_sdp_answer_direction(SIP_DIR_SENDRECV, FALSE),
			 SIP_DIR_SENDRECV);
	assert_int_equal(sip_sdp_answer_direction(SIP_DIR_SENDONLY, FALSE),
			 SIP_DIR_RECVONLY);
	assert_int_equal(sip_sdp_answer_direction(SIP_DIR_RECVONLY, FALSE),
			 SIP_DIR_SENDONLY);
	assert_int_equal(sip_sdp_answer_direction(SIP_DIR_INACTIVE, FALSE),
			 SIP_DIR_INACTIVE);
	assert_int_equal(sip_sdp_answer_direction(SIP_DIR_SENDRECV, TRUE),
			 SIP_DIR_SENDONLY);
	assert_int_equal(sip_sdp_answer_direction(SIP_DIR_SENDONLY, TRUE),
			 SIP_DIR_INACTIVE);
}

static void peer_direction_read(void **state)
{
	sip_direction dir = SIP_DIR_SENDRECV;
	assert_true(sip_sdp_read_direction(peer_offer, &dir));
	assert_int_equal(dir, SIP_DIR_SENDONLY);

	/* session-level a=inactive applies to the stream */
	const char *session_level =
		"v=0\r\no=p 1 1 IN IP4 198.51.100.1\r\ns=-\r\n"
		"c=IN IP4 198.51.100.1\r\nt=0 0\r\na=inactive\r\n"
		"m=audio 5004 RTP/AVP 0\r\n";
	assert_true(sip_sdp_read_direction(session_level, &dir));
	assert_int_equal(dir, SIP_DIR_INACTIVE);
}

static void hostile_bodies_are_refused(void **state)
{
	sip_agent_config cfg = test_config("PCMU");
	static const char *const bad[] = {
		"",
		"not sdp at all",
		"v=0\r\n",
		"v=0\r\no=p 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n"
		"m=video 5000 RTP/AVP 31\r\n",
		"v=0\r\no=p 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\n"
		"t=0 0\r\nm=audio 0 RTP/AVP 0\r\n", /* rejected stream */
		"v=0\r\nm=audio 99999999999999999999 RTP/AVP 0 0 0 0\r\n",
		"v=0\r\no=\r\ns=\r\nc=\r\nt=\r\nm=\r\na=rtpmap:\r\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		sip_direction dir;
		assert_false(sip_sdp_read_direction(bad[i], &dir));
		assert_null(sip_sdp_make(&cfg, 1, 1, SIP_DIR_SENDRECV, bad[i]));
	}
	sip_agent_config_clear(&cfg);
}

/* An m= line outside RFC 4566's grammar made sofia-sip's parser allocate
 * without end (found by fuzz_sdp: 4 GB in 21 s): such an offer is refused
 * (no direction, no answer: a 488 for an INVITE), while offers that stretch
 * the grammar legally are still answered. */
static void nonconforming_media_lines_are_refused(void **state)
{
	sip_agent_config cfg = test_config("PCMU");
	static const char *const head =
		"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
		"c=IN IP4 192.0.2.1\r\nt=0 0\r\n";
	static const char *const bad[] = {
		"m=audio 4000 udp 0 (\r\n",
		"m=audio 4000 udp 0 \xc3\xa9\r\n",
		"m=audio 4000 RTP/AVP 0 \x80\r\n",
		"m=audio 4000 ud(p 0\r\n",
		"m=audio 4000 RTP//AVP 0\r\n",
		"m=audio 4000 RTP/AVP\r\n",
		"m=audio 40x0 RTP/AVP 0\r\n",
		"m=au\"dio 4000 RTP/AVP 0\r\n",
		"m=audio 4000 RTP/AVP 0\r\nm=video 5000 tcp <\r\n",
		/* sofia-sip skips a line's leading blanks; a lone CR ends it */
		"m=video 5000 RTP/AVP 31\r  \tm=audio 4000 ud(p 0\r\n",
		"m=audio 4000 RTP/AVP 0\r  \tm=audio 4000 R\xff\xff\r\n",
	};
	static const char *const good[] = {
		"m=audio 4000 RTP/AVP 0 8 101 \r\n",
		"m=audio 4000/2 RTP/SAVP 0\r\n",
		"m=image 5000 udptl t38\r\nm=audio 4000 RTP/AVP 0\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autofree char *sdp = g_strconcat(head, bad[i], NULL);
		sip_direction dir;
		assert_false(sip_sdp_read_direction(sdp, &dir));
		assert_null(sip_sdp_make(&cfg, 1, 1, SIP_DIR_SENDRECV, sdp));
	}
	/* many formats: a long but valid list is read, a huge one refused */
	GString *many = g_string_new(head);
	g_string_append(many, "m=audio 4000 RTP/AVP 0");
	for (int i = 0; i < 100; i++)
		g_string_append(many, " 96");
	g_string_append(many, "\r\n");
	sip_direction dir;
	assert_true(sip_sdp_read_direction(many->str, &dir));
	g_string_truncate(many, many->len - 2);
	for (int i = 0; i < 1000; i++)
		g_string_append(many, " 96");
	g_string_append(many, "\r\n");
	assert_false(sip_sdp_read_direction(many->str, &dir));
	g_string_free(many, TRUE);
	for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
		g_autofree char *sdp = g_strconcat(head, good[i], NULL);
		assert_true(sip_sdp_read_direction(sdp, &dir));
		assert_int_equal(dir, SIP_DIR_SENDRECV);
		g_autofree char *ans =
			sip_sdp_make(&cfg, 1, 1, SIP_DIR_SENDRECV, sdp);
		assert_non_null(ans);
		assert_non_null(strstr(ans, "m=audio 31000 RTP/AVP 0\r\n"));
	}
	sip_agent_config_clear(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offer_has_our_media),
		cmocka_unit_test(hold_offer_directions),
		cmocka_unit_test(answer_keeps_common_codecs_only),
		cmocka_unit_test(no_common_codec_is_no_answer),
		cmocka_unit_test(answer_direction_table),
		cmocka_unit_test(peer_direction_read),
		cmocka_unit_test(hostile_bodies_are_refused),
		cmocka_unit_test(nonconforming_media_lines_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
