# tests/sipp/sipp.mk: call flows end to end — `sipscxml run` with the flow
# documents of tests/sipp/flows/ (and the demo) against SIPp peers playing
# the scenarios of tests/sipp/ and tests/sip/.
check_PROGRAMS += tests/sipp/sipp_flows
TESTS += tests/sipp/sipp_flows
tests_sipp_sipp_flows_SOURCES = tests/sipp/sipp_flows.c
tests_sipp_sipp_flows_LDADD = $(JSON_LIBS) $(GLIB_LIBS)
EXTRA_DIST += tests/sipp/flows \
	tests/sipp/uas_answer_held.xml \
	tests/sipp/uas_decline.xml tests/sipp/uas_focus.xml \
	tests/sipp/uas_not_found.xml tests/sipp/uas_party_held_refer.xml \
	tests/sipp/uas_party_refer.xml tests/sipp/uas_refer_sipfrag_forbidden.xml \
	tests/sipp/uas_via_proxy.xml tests/sipp/uac_redirected.xml

# The demo (README's first line); its flow is also the two-step transfer
# case above.
EXTRA_DIST += configs/demo/consult-transfer.scxml configs/demo/run-demo.sh \
	configs/demo/customer.xml configs/demo/agent.xml

# make bench: calls/s of one `sipscxml run` session against SIPp, against
# the bare sofia-sip UAC, as a ratio.
BENCH_TARGETS += bench-sip-calls
bench-sip-calls: sipscxml tests/bench/sip_bare_uac
	@echo "# SIP: calls/s through sipscxml run, and through bare sofia-sip"
	@SIPP='$(SIPP)' top_builddir='$(abs_top_builddir)' \
		top_srcdir='$(abs_top_srcdir)' \
		$(SHELL) $(srcdir)/tests/bench/sip_calls.sh $(SIP_BENCH_CALLS) \
		$(SIP_BENCH_INFLIGHT)
.PHONY: bench-sip-calls
EXTRA_DIST += tests/bench/sip_calls.scxml tests/bench/sip_calls.sh
