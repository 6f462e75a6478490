# tests/sipp/sipp.mk: call flows end to end, one folder per case
# (Kamailio-style): tests/sipp/CASE/ holds the flow document (flow.scxml),
# the SIPp scenarios playing the remote parties (uas*.xml, uac*.xml), and
# run.sh, which says what to expect and sources the shared driver
# tests/sipp/run-case.sh. tests/baresip/CASE/ are the same against baresip
# as the phone. Each case is one TESTS entry; rerun one alone with
# `make check TESTS=tests/sipp/hold_retrieve/run.sh` or from its folder.
# Logs: tests/out/sipp/CASE/ (SIPp traces, the event log, stderr).
# Listed one by one: automake writes a rule per test it can see.
TESTS += \
	tests/sipp/createcall_answered/run.sh \
	tests/sipp/release_on_exit/run.sh \
	tests/sipp/createcall_busy/run.sh \
	tests/sipp/createcall_rejected/run.sh \
	tests/sipp/createcall_not_found/run.sh \
	tests/sipp/createcall_no_answer/run.sh \
	tests/sipp/createcall_no_response/run.sh \
	tests/sipp/exit_while_ringing/run.sh \
	tests/sipp/hold_retrieve/run.sh \
	tests/sipp/hold_refused/run.sh \
	tests/sipp/bye_during_hold/run.sh \
	tests/sipp/consult_reconnect/run.sh \
	tests/sipp/consult_busy/run.sh \
	tests/sipp/alternate/run.sh \
	tests/sipp/transfer_single/run.sh \
	tests/sipp/transfer_sipfrag_busy/run.sh \
	tests/sipp/transfer_sipfrag_forbidden/run.sh \
	tests/sipp/transfer_refer_rejected/run.sh \
	tests/sipp/transfer_two_step/run.sh \
	tests/sipp/conference/run.sh \
	tests/sipp/via_kamailio/run.sh \
	tests/sipp/inbound_accept/run.sh \
	tests/sipp/inbound_reject/run.sh \
	tests/sipp/inbound_redirect/run.sh \
	tests/sipp/invalid_requests/run.sh \
	tests/baresip/answered/run.sh \
	tests/baresip/hold_retrieve/run.sh \
	tests/baresip/transfer/run.sh
EXTRA_DIST += tests/sipp/run-case.sh tests/sipp/README.md \
	tests/sipp/createcall_answered \
	tests/sipp/release_on_exit \
	tests/sipp/createcall_busy \
	tests/sipp/createcall_rejected \
	tests/sipp/createcall_not_found \
	tests/sipp/createcall_no_answer \
	tests/sipp/createcall_no_response \
	tests/sipp/exit_while_ringing \
	tests/sipp/hold_retrieve \
	tests/sipp/hold_refused \
	tests/sipp/bye_during_hold \
	tests/sipp/consult_reconnect \
	tests/sipp/consult_busy \
	tests/sipp/alternate \
	tests/sipp/transfer_single \
	tests/sipp/transfer_sipfrag_busy \
	tests/sipp/transfer_sipfrag_forbidden \
	tests/sipp/transfer_refer_rejected \
	tests/sipp/transfer_two_step \
	tests/sipp/conference \
	tests/sipp/via_kamailio \
	tests/sipp/inbound_accept \
	tests/sipp/inbound_reject \
	tests/sipp/inbound_redirect \
	tests/sipp/invalid_requests \
	tests/baresip/answered \
	tests/baresip/hold_retrieve \
	tests/baresip/transfer

# The event-log side of each case (json-glib: no tool beyond the build's
# dependencies).
check_PROGRAMS += tests/sipp/event_log
tests_sipp_event_log_SOURCES = tests/sipp/event_log.c
tests_sipp_event_log_LDADD = $(JSON_LIBS) $(GLIB_LIBS)

# The demo (README's first line).
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
