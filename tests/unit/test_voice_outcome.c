/*
 * The SIP outcome → error table (src/voice_outcome.c), checked against the
 * spec's table (doc/voice.md) restated here as a switch: every status from
 * 100 to 699, for each operation and each combination of the local and
 * cancelled flags; plus the spec's named cases one by one, so that a wrong
 * restatement cannot hide a wrong table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/voice_outcome.h"

static const char *spec_error(voice_sip_op op, int status, bool local,
			      bool cancelled)
{
	if (status >= 200 && status <= 299)
		return NULL;
	if (op == VOICE_SIP_INVITE && cancelled && status >= 300)
		return "timeout";
	if (status == 408)
		return "timeout";
	if (op == VOICE_SIP_REFER) {
		if (local && status == 487)
			return "invalidinteraction";
		if (status == 403 || status == 405 || status == 501 ||
		    status == 603)
			return "rejected";
	}
	switch (status) {
	case 401:
	case 407:
	case 403:
		return "invalidsource";
	case 404:
	case 410:
	case 414:
	case 416:
	case 484:
	case 485:
	case 604:
		return "invaliddestination";
	case 486:
	case 600:
		return "busy";
	case 480:
	case 603:
		return "rejected";
	case 488:
	case 606:
		return "notacceptable";
	case 481:
		return "invalidinteraction";
	default:
		break;
	}
	if (status >= 500 && status <= 599)
		return "invalidserver";
	return "unknown";
}

static void test_every_status(void **state)
{
	const voice_sip_op ops[] = {VOICE_SIP_INVITE, VOICE_SIP_REINVITE,
				    VOICE_SIP_REFER, VOICE_SIP_BYE};
	int checked = 0;

	for (size_t o = 0; o < 4; o++)
		for (int status = 0; status <= 699; status++)
			for (int flags = 0; flags < 4; flags++) {
				bool local = flags & 1, cancelled = flags & 2;
				const char *want = spec_error(ops[o], status,
							      local, cancelled);
				const char *got = voice_outcome_error(
					ops[o], status, local, cancelled);

				if (!want)
					assert_null(got);
				else
					assert_string_equal(got, want);
				checked++;
			}
	assert_int_equal(checked, 4 * 700 * 4);
}

#define E(op, st, loc, can) voice_outcome_error(op, st, loc, can)

static void test_named_cases(void **state)
{
	/* createcall, straight from the spec's table */
	assert_null(E(VOICE_SIP_INVITE, 200, false, false));
	assert_string_equal(E(VOICE_SIP_INVITE, 486, false, false), "busy");
	assert_string_equal(E(VOICE_SIP_INVITE, 600, false, false), "busy");
	assert_string_equal(E(VOICE_SIP_INVITE, 603, false, false), "rejected");
	assert_string_equal(E(VOICE_SIP_INVITE, 480, false, false), "rejected");
	assert_string_equal(E(VOICE_SIP_INVITE, 404, false, false),
			    "invaliddestination");
	assert_string_equal(E(VOICE_SIP_INVITE, 604, false, false),
			    "invaliddestination");
	assert_string_equal(E(VOICE_SIP_INVITE, 407, false, false),
			    "invalidsource");
	assert_string_equal(E(VOICE_SIP_INVITE, 403, false, false),
			    "invalidsource");
	assert_string_equal(E(VOICE_SIP_INVITE, 502, false, false),
			    "invalidserver");
	assert_string_equal(E(VOICE_SIP_INVITE, 513, false, false),
			    "invalidserver");
	assert_string_equal(E(VOICE_SIP_INVITE, 503, true, false),
			    "invalidserver");
	assert_string_equal(E(VOICE_SIP_INVITE, 408, true, false), "timeout");
	assert_string_equal(E(VOICE_SIP_INVITE, 408, false, false), "timeout");
	/* our CANCEL after the timeout: 487, or 480 from some peers */
	assert_string_equal(E(VOICE_SIP_INVITE, 487, false, true), "timeout");
	assert_string_equal(E(VOICE_SIP_INVITE, 480, false, true), "timeout");
	/* a 487 we did not cause, a 3xx not followed */
	assert_string_equal(E(VOICE_SIP_INVITE, 487, false, false), "unknown");
	assert_string_equal(E(VOICE_SIP_INVITE, 302, false, false), "unknown");
	assert_string_equal(E(VOICE_SIP_INVITE, 420, false, false), "unknown");
	assert_string_equal(E(VOICE_SIP_INVITE, 699, false, false), "unknown");
	/* hold / retrieve */
	assert_string_equal(E(VOICE_SIP_REINVITE, 488, false, false),
			    "notacceptable");
	assert_string_equal(E(VOICE_SIP_REINVITE, 606, false, false),
			    "notacceptable");
	assert_string_equal(E(VOICE_SIP_REINVITE, 481, false, false),
			    "invalidinteraction");
	assert_string_equal(E(VOICE_SIP_REINVITE, 491, false, false),
			    "unknown");
	assert_string_equal(E(VOICE_SIP_REINVITE, 408, true, false), "timeout");
	/* cancelled only means something for an INVITE */
	assert_string_equal(E(VOICE_SIP_REINVITE, 487, false, true), "unknown");
	/* transfer: refusals, sipfrags, BYE before the final NOTIFY */
	assert_string_equal(E(VOICE_SIP_REFER, 603, false, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 403, false, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 405, false, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 501, false, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 486, false, false), "busy");
	assert_string_equal(E(VOICE_SIP_REFER, 404, false, false),
			    "invaliddestination");
	assert_string_equal(E(VOICE_SIP_REFER, 487, true, false),
			    "invalidinteraction");
	assert_string_equal(E(VOICE_SIP_REFER, 487, false, false), "unknown");
	assert_string_equal(E(VOICE_SIP_REFER, 502, false, false),
			    "invalidserver");
	assert_null(E(VOICE_SIP_REFER, 202, false, false));
	/* nonsense */
	assert_string_equal(E(VOICE_SIP_BYE, 0, true, false), "unknown");
	assert_string_equal(E(VOICE_SIP_BYE, 180, false, false), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_status),
		cmocka_unit_test(test_named_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
