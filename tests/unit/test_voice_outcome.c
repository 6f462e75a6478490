/*
 * The outcome policy (src/voice_outcome.c), checked against the spec
 * (doc/voice.md "Outcomes") restated here another way: the status table
 * as a switch, the rules around it as the steps the module took before the
 * policy was one function. Every combination of the inputs is checked
 * (each operation, each refusal, every status from 0 to 699, each release
 * cause, and local / sipfrag / cancelled / hung-up on and off); then the
 * spec's named cases one by one, so that a wrong restatement cannot hide a
 * wrong policy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "src/voice_outcome.h"

/* Spec §3's table for a final status the operation got. */
static const char *spec_error(voice_sip_op op, int status, bool local)
{
	if (status >= 200 && status <= 299)
		return NULL;
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

/* The rules around the table. */
static voice_outcome spec_outcome(const voice_outcome_in *in)
{
	voice_outcome w = {NULL, false, VOICE_DESC_NONE};
	bool is_2xx = in->status >= 200 && in->status <= 299;
	bool released = in->released != VOICE_END_NONE;
	voice_end cause = in->released;
	bool wire;

	if (in->refused != VOICE_REFUSED_NOT) {
		/* a bad from / to, a stopping agent; the rest is unknown */
		w.error = in->refused == VOICE_REFUSED_BAD_SOURCE
				  ? "invalidsource"
			  : in->refused == VOICE_REFUSED_BAD_TARGET
				  ? "invaliddestination"
			  : in->refused == VOICE_REFUSED_SHUTTING_DOWN
				  ? "invalidserver"
				  : "unknown";
		w.desc = VOICE_DESC_REFUSED;
		return w;
	}
	/* our own hang-up under the operation: a failure is the call's end */
	if (!released && in->hung_up && !is_2xx) {
		released = true;
		cause = VOICE_END_LOCAL;
	}
	/* only a status the peer sent, on a call still there or whose INVITE
	 * failed, is reported */
	wire = in->status > 0 && !in->local &&
	       (!released || cause == VOICE_END_FAILED);
	if (in->cancelled) {
		w.error = "timeout";
		w.sipstatus = wire;
		w.desc = VOICE_DESC_NO_ANSWER;
		return w;
	}
	if (released && cause != VOICE_END_FAILED) {
		w.error = "invalidinteraction";
		w.desc = cause == VOICE_END_REMOTE ? VOICE_DESC_ENDED_BY_PEER
						   : VOICE_DESC_ENDED;
		return w;
	}
	w.error = spec_error(in->op == VOICE_SIP_REFER && in->sipfrag
				     ? VOICE_SIP_INVITE
				     : in->op,
			     in->status, in->local);
	if (w.error) {
		w.sipstatus = wire;
		w.desc = in->status > 0 ? VOICE_DESC_STATUS : VOICE_DESC_FAILED;
	}
	return w;
}

static void assert_outcome(voice_outcome got, voice_outcome want)
{
	if (!want.error)
		assert_null(got.error);
	else {
		assert_non_null(got.error);
		assert_string_equal(got.error, want.error);
	}
	assert_int_equal(got.sipstatus, want.sipstatus);
	assert_int_equal(got.desc, want.desc);
}

static void test_every_combination(void **state)
{
	const voice_sip_op ops[] = {VOICE_SIP_INVITE, VOICE_SIP_REINVITE,
				    VOICE_SIP_REFER, VOICE_SIP_BYE};
	const voice_refusal refusals[] = {
		VOICE_REFUSED_NOT, VOICE_REFUSED_BAD_SOURCE,
		VOICE_REFUSED_BAD_TARGET, VOICE_REFUSED_SHUTTING_DOWN,
		VOICE_REFUSED_OTHER};
	const voice_end ends[] = {VOICE_END_NONE, VOICE_END_LOCAL,
				  VOICE_END_REMOTE, VOICE_END_FAILED,
				  VOICE_END_TRANSFERRED};
	long checked = 0;

	(void)state;
	for (size_t o = 0; o < 4; o++)
		for (size_t r = 0; r < 5; r++)
			for (size_t e = 0; e < 5; e++)
				for (int status = 0; status <= 699; status++)
					for (int flags = 0; flags < 16;
					     flags++) {
						voice_outcome_in in = {
							.op = ops[o],
							.refused = refusals[r],
							.status = status,
							.local = flags & 1,
							.sipfrag = flags & 2,
							.cancelled = flags & 4,
							.released = ends[e],
							.hung_up = flags & 8,
						};

						assert_outcome(
							voice_outcome_decide(
								&in),
							spec_outcome(&in));
						checked++;
					}
	assert_int_equal(checked, 4L * 5 * 5 * 700 * 16);
}

/* A status alone: the operation got it, nothing else happened. */
static const char *E(voice_sip_op op, int status, bool local)
{
	voice_outcome_in in = {.op = op, .status = status, .local = local};

	return voice_outcome_decide(&in).error;
}

static void test_named_statuses(void **state)
{
	(void)state;
	/* createcall, straight from the spec's table */
	assert_null(E(VOICE_SIP_INVITE, 200, false));
	assert_string_equal(E(VOICE_SIP_INVITE, 486, false), "busy");
	assert_string_equal(E(VOICE_SIP_INVITE, 600, false), "busy");
	assert_string_equal(E(VOICE_SIP_INVITE, 603, false), "rejected");
	assert_string_equal(E(VOICE_SIP_INVITE, 480, false), "rejected");
	assert_string_equal(E(VOICE_SIP_INVITE, 404, false),
			    "invaliddestination");
	assert_string_equal(E(VOICE_SIP_INVITE, 604, false),
			    "invaliddestination");
	assert_string_equal(E(VOICE_SIP_INVITE, 407, false), "invalidsource");
	assert_string_equal(E(VOICE_SIP_INVITE, 403, false), "invalidsource");
	assert_string_equal(E(VOICE_SIP_INVITE, 502, false), "invalidserver");
	assert_string_equal(E(VOICE_SIP_INVITE, 513, false), "invalidserver");
	assert_string_equal(E(VOICE_SIP_INVITE, 503, true), "invalidserver");
	assert_string_equal(E(VOICE_SIP_INVITE, 408, true), "timeout");
	assert_string_equal(E(VOICE_SIP_INVITE, 408, false), "timeout");
	/* a 487 we did not cause, a 3xx not followed */
	assert_string_equal(E(VOICE_SIP_INVITE, 487, false), "unknown");
	assert_string_equal(E(VOICE_SIP_INVITE, 302, false), "unknown");
	assert_string_equal(E(VOICE_SIP_INVITE, 420, false), "unknown");
	assert_string_equal(E(VOICE_SIP_INVITE, 699, false), "unknown");
	/* hold / retrieve */
	assert_string_equal(E(VOICE_SIP_REINVITE, 488, false), "notacceptable");
	assert_string_equal(E(VOICE_SIP_REINVITE, 606, false), "notacceptable");
	assert_string_equal(E(VOICE_SIP_REINVITE, 481, false),
			    "invalidinteraction");
	assert_string_equal(E(VOICE_SIP_REINVITE, 491, false), "unknown");
	assert_string_equal(E(VOICE_SIP_REINVITE, 408, true), "timeout");
	/* transfer: refusals, BYE before the final NOTIFY */
	assert_string_equal(E(VOICE_SIP_REFER, 603, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 403, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 405, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 501, false), "rejected");
	assert_string_equal(E(VOICE_SIP_REFER, 486, false), "busy");
	assert_string_equal(E(VOICE_SIP_REFER, 404, false),
			    "invaliddestination");
	assert_string_equal(E(VOICE_SIP_REFER, 487, true),
			    "invalidinteraction");
	assert_string_equal(E(VOICE_SIP_REFER, 487, false), "unknown");
	assert_string_equal(E(VOICE_SIP_REFER, 502, false), "invalidserver");
	assert_null(E(VOICE_SIP_REFER, 202, false));
	/* nonsense */
	assert_string_equal(E(VOICE_SIP_BYE, 0, true), "unknown");
	assert_string_equal(E(VOICE_SIP_BYE, 180, false), "unknown");
}

#define OUT(err, st, d) ((voice_outcome){(err), (st), VOICE_DESC_##d})

static void test_named_rules(void **state)
{
	voice_outcome_in in;

	(void)state;
	/* The peer's 486: error and sipstatus 486, "createcall: 486 Busy". */
	in = (voice_outcome_in){.op = VOICE_SIP_INVITE, .status = 486};
	assert_outcome(voice_outcome_decide(&in), OUT("busy", true, STATUS));
	/* Our transaction timed out: timeout, and no sipstatus 408 — the
	 * peer never sent one. Same for a transport failure's 503. */
	in = (voice_outcome_in){
		.op = VOICE_SIP_REINVITE, .status = 408, .local = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("timeout", false, STATUS));
	in = (voice_outcome_in){
		.op = VOICE_SIP_INVITE, .status = 503, .local = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidserver", false, STATUS));
	/* The peer's own 503: reported. */
	in = (voice_outcome_in){.op = VOICE_SIP_INVITE, .status = 503};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidserver", true, STATUS));
	/* A failure with no status at all: "createcall failed". */
	in = (voice_outcome_in){.op = VOICE_SIP_INVITE, .status = 0};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("unknown", false, FAILED));
	/* Our CANCEL after the timeout: its 487, a 480, even a 200 crossing
	 * it, are the timeout; the peer's status is still reported. */
	in = (voice_outcome_in){
		.op = VOICE_SIP_INVITE, .status = 487, .cancelled = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("timeout", true, NO_ANSWER));
	in.status = 480;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("timeout", true, NO_ANSWER));
	in.status = 200;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("timeout", true, NO_ANSWER));
	/* ... and a CANCEL nobody answered (our stack's 408). */
	in = (voice_outcome_in){.op = VOICE_SIP_INVITE,
				.status = 408,
				.local = true,
				.cancelled = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("timeout", false, NO_ANSWER));
	/* A REFER refused with 603 (rejected); its sipfrag 603 is the
	 * transferee's call, mapped as createcall's (also rejected), but a
	 * sipfrag 403 is invalidsource where the REFER's 403 is rejected. */
	in = (voice_outcome_in){.op = VOICE_SIP_REFER, .status = 403};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("rejected", true, STATUS));
	in.sipfrag = true;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidsource", true, STATUS));
	in.status = 486;
	assert_outcome(voice_outcome_decide(&in), OUT("busy", true, STATUS));
	/* A sipfrag 200: success, no description, nothing reported. */
	in.status = 200;
	assert_outcome(voice_outcome_decide(&in), OUT(NULL, false, NONE));
	/* The BYE that ended a REFER's wait: our stack's 487. */
	in = (voice_outcome_in){
		.op = VOICE_SIP_REFER, .status = 487, .local = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, STATUS));
	/* The peer hung up under a hold: the call ended, whatever status
	 * sip/ passed along. */
	in = (voice_outcome_in){.op = VOICE_SIP_REINVITE,
				.status = 481,
				.released = VOICE_END_REMOTE};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, ENDED_BY_PEER));
	in.released = VOICE_END_LOCAL;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, ENDED));
	in.released = VOICE_END_TRANSFERRED;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, ENDED));
	/* The call ended because the INVITE itself failed: the status
	 * decides and is reported. */
	in = (voice_outcome_in){.op = VOICE_SIP_INVITE,
				.status = 404,
				.released = VOICE_END_FAILED};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invaliddestination", true, STATUS));
	/* Our own hang-up (terminate, session end) under a createcall: the
	 * 487 it caused is the call's end, as if sip/ had said so first; a
	 * 200 that crossed our CANCEL still answered the INVITE. */
	in = (voice_outcome_in){
		.op = VOICE_SIP_INVITE, .status = 487, .hung_up = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, ENDED));
	in.status = 0;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, ENDED));
	in.status = 200;
	assert_outcome(voice_outcome_decide(&in), OUT(NULL, false, NONE));
	/* The peer's BYE came first, then our hang-up: still the peer's. */
	in = (voice_outcome_in){.op = VOICE_SIP_REINVITE,
				.status = 481,
				.hung_up = true,
				.released = VOICE_END_REMOTE};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidinteraction", false, ENDED_BY_PEER));
	/* sip/ refused to start: the error by its reason, the caller's
	 * description, never a sipstatus — whatever else is set. */
	in = (voice_outcome_in){.op = VOICE_SIP_INVITE,
				.refused = VOICE_REFUSED_BAD_SOURCE,
				.status = 486,
				.cancelled = true};
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidsource", false, REFUSED));
	in.refused = VOICE_REFUSED_BAD_TARGET;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invaliddestination", false, REFUSED));
	in.refused = VOICE_REFUSED_SHUTTING_DOWN;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("invalidserver", false, REFUSED));
	in.refused = VOICE_REFUSED_OTHER;
	assert_outcome(voice_outcome_decide(&in),
		       OUT("unknown", false, REFUSED));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_named_statuses),
		cmocka_unit_test(test_named_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
