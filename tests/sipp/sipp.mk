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
	tests/sipp/uas_party_refer.xml

# The demo (README's first line); its flow is also the two-step transfer
# case above.
EXTRA_DIST += configs/demo/consult-transfer.scxml configs/demo/run-demo.sh \
	configs/demo/customer.xml configs/demo/agent.xml
