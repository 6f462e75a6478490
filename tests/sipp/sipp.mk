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
	tests/sipp/terminate/run.sh \
	tests/sipp/release_on_exit/run.sh \
	tests/sipp/createcall_busy/run.sh \
	tests/sipp/createcall_rejected/run.sh \
	tests/sipp/createcall_not_found/run.sh \
	tests/sipp/createcall_no_answer/run.sh \
	tests/sipp/createcall_no_response/run.sh \
	tests/sipp/exit_while_ringing/run.sh \
	tests/sipp/stop_on_signal/run.sh \
	tests/sipp/hold_retrieve/run.sh \
	tests/sipp/hold_refused/run.sh \
	tests/sipp/session_timer_refresh/run.sh \
	tests/sipp/session_timer_inbound/run.sh \
	tests/sipp/bye_during_hold/run.sh \
	tests/sipp/bye_crosses_hold_200/run.sh \
	tests/sipp/network_silence/run.sh \
	tests/sipp/consult_reconnect/run.sh \
	tests/sipp/consult_busy/run.sh \
	tests/sipp/consult_no_answer/run.sh \
	tests/sipp/alternate/run.sh \
	tests/sipp/transfer_single/run.sh \
	tests/sipp/transfer_sipfrag_busy/run.sh \
	tests/sipp/transfer_sipfrag_forbidden/run.sh \
	tests/sipp/transfer_no_notify/run.sh \
	tests/sipp/transfer_bye_before_notify/run.sh \
	tests/sipp/transfer_retry_after_timeout/run.sh \
	tests/sipp/transfer_refer_rejected/run.sh \
	tests/sipp/transfer_bad_target/run.sh \
	tests/sipp/transfer_two_step/run.sh \
	tests/sipp/conference/run.sh \
	tests/sipp/conference_party_fails/run.sh \
	tests/sipp/conference_no_isfocus/run.sh \
	tests/sipp/conference_isfocus/run.sh \
	tests/sipp/via_kamailio/run.sh \
	tests/sipp/register_via_kamailio/run.sh \
	tests/sipp/inbound_accept/run.sh \
	tests/sipp/bind_sip_uri/run.sh \
	tests/sipp/inbound_reject/run.sh \
	tests/sipp/inbound_binary_headers/run.sh \
	tests/sipp/inbound_redirect/run.sh \
	tests/sipp/invalid_requests/run.sh \
	tests/sipp/createcall_sipp_stalled/run.sh \
	tests/sipp/driver_unexpected/run.sh \
	tests/sipp/sipp_unexpected_test.sh \
	tests/baresip/answered/run.sh \
	tests/baresip/hold_retrieve/run.sh \
	tests/baresip/transfer/run.sh
# Every file of every case, listed (a folder would carry test logs too):
# a new case adds its files here and its run.sh to TESTS above.
EXTRA_DIST += tests/sipp/run-case.sh tests/sipp/ports.sh tests/sipp/README.md \
	tests/sipp/sipp_unexpected.awk tests/sipp/sipp_unexpected_test.sh \
	tests/sipp/createcall_sipp_stalled/run.sh \
	tests/sipp/driver_unexpected/case.sh \
	tests/sipp/driver_unexpected/run.sh \
	tests/sipp/driver_unexpected/uas_no_ack.xml \
	tests/baresip/answered/check.sh \
	tests/baresip/answered/flow.scxml \
	tests/baresip/answered/run.sh \
	tests/baresip/hold_retrieve/check.sh \
	tests/baresip/hold_retrieve/flow.scxml \
	tests/baresip/hold_retrieve/run.sh \
	tests/baresip/transfer/check.sh \
	tests/baresip/transfer/flow.scxml \
	tests/baresip/transfer/run.sh \
	tests/baresip/transfer/uas_target.xml \
	tests/sipp/alternate/flow.scxml \
	tests/sipp/alternate/run.sh \
	tests/sipp/alternate/uas.xml \
	tests/sipp/alternate/uas_consult.xml \
	tests/sipp/bind_sip_uri/check.sh \
	tests/sipp/bind_sip_uri/run.sh \
	tests/sipp/bye_crosses_hold_200/run.sh \
	tests/sipp/bye_crosses_hold_200/uas.xml \
	tests/sipp/bye_during_hold/flow.scxml \
	tests/sipp/bye_during_hold/run.sh \
	tests/sipp/bye_during_hold/uas.xml \
	tests/sipp/conference/flow.scxml \
	tests/sipp/conference/run.sh \
	tests/sipp/conference/uas_focus.xml \
	tests/sipp/conference/uas_party_a.xml \
	tests/sipp/conference/uas_party_b.xml \
	tests/sipp/conference_isfocus/run.sh \
	tests/sipp/conference_isfocus/uas_focus.xml \
	tests/sipp/conference_isfocus/uas_party_a.xml \
	tests/sipp/conference_isfocus/uas_party_b.xml \
	tests/sipp/conference_no_isfocus/run.sh \
	tests/sipp/conference_no_isfocus/uas_focus.xml \
	tests/sipp/conference_no_isfocus/uas_party_a.xml \
	tests/sipp/conference_no_isfocus/uas_party_b.xml \
	tests/sipp/conference_party_fails/flow.scxml \
	tests/sipp/conference_party_fails/run.sh \
	tests/sipp/conference_party_fails/uas_party_b.xml \
	tests/sipp/consult_busy/flow.scxml \
	tests/sipp/consult_busy/run.sh \
	tests/sipp/consult_busy/uas.xml \
	tests/sipp/consult_busy/uas_consult.xml \
	tests/sipp/consult_no_answer/flow.scxml \
	tests/sipp/consult_no_answer/run.sh \
	tests/sipp/consult_no_answer/uas_consult.xml \
	tests/sipp/consult_reconnect/flow.scxml \
	tests/sipp/consult_reconnect/run.sh \
	tests/sipp/consult_reconnect/uas.xml \
	tests/sipp/consult_reconnect/uas_consult.xml \
	tests/sipp/createcall_answered/flow.scxml \
	tests/sipp/createcall_answered/run.sh \
	tests/sipp/createcall_answered/uas.xml \
	tests/sipp/createcall_busy/flow.scxml \
	tests/sipp/createcall_busy/run.sh \
	tests/sipp/createcall_busy/uas.xml \
	tests/sipp/createcall_no_answer/flow.scxml \
	tests/sipp/createcall_no_answer/run.sh \
	tests/sipp/createcall_no_answer/uas.xml \
	tests/sipp/createcall_no_response/flow.scxml \
	tests/sipp/createcall_no_response/run.sh \
	tests/sipp/createcall_no_response/sipscxml.conf \
	tests/sipp/createcall_no_response/uas.xml \
	tests/sipp/createcall_not_found/flow.scxml \
	tests/sipp/createcall_not_found/run.sh \
	tests/sipp/createcall_not_found/uas.xml \
	tests/sipp/createcall_rejected/flow.scxml \
	tests/sipp/createcall_rejected/run.sh \
	tests/sipp/createcall_rejected/uas.xml \
	tests/sipp/exit_while_ringing/flow.scxml \
	tests/sipp/exit_while_ringing/run.sh \
	tests/sipp/exit_while_ringing/uas.xml \
	tests/sipp/session_timer_inbound/run.sh \
	tests/sipp/session_timer_inbound/uac.xml \
	tests/sipp/session_timer_refresh/flow.scxml \
	tests/sipp/session_timer_refresh/run.sh \
	tests/sipp/session_timer_refresh/sipscxml.conf \
	tests/sipp/session_timer_refresh/uas.xml \
	tests/sipp/stop_on_signal/check.sh \
	tests/sipp/stop_on_signal/flow.scxml \
	tests/sipp/stop_on_signal/run.sh \
	tests/sipp/stop_on_signal/uas_answer.xml \
	tests/sipp/stop_on_signal/uas_ring.xml \
	tests/sipp/hold_refused/flow.scxml \
	tests/sipp/hold_refused/run.sh \
	tests/sipp/hold_refused/uas.xml \
	tests/sipp/hold_retrieve/flow.scxml \
	tests/sipp/hold_retrieve/run.sh \
	tests/sipp/hold_retrieve/uas.xml \
	tests/sipp/inbound_accept/flow.scxml \
	tests/sipp/inbound_accept/run.sh \
	tests/sipp/inbound_accept/uac.xml \
	tests/sipp/inbound_redirect/flow.scxml \
	tests/sipp/inbound_redirect/run.sh \
	tests/sipp/inbound_redirect/uac.xml \
	tests/sipp/inbound_reject/flow.scxml \
	tests/sipp/inbound_reject/run.sh \
	tests/sipp/inbound_reject/uac.xml \
	tests/sipp/inbound_binary_headers/flow.scxml \
	tests/sipp/inbound_binary_headers/run.sh \
	tests/sipp/inbound_binary_headers/uac.xml \
	tests/sipp/invalid_requests/flow.scxml \
	tests/sipp/invalid_requests/run.sh \
	tests/sipp/invalid_requests/uas.xml \
	tests/sipp/network_silence/flow.scxml \
	tests/sipp/network_silence/run.sh \
	tests/sipp/network_silence/sipscxml.conf \
	tests/sipp/network_silence/uas.xml \
	tests/sipp/release_on_exit/flow.scxml \
	tests/sipp/release_on_exit/run.sh \
	tests/sipp/release_on_exit/uas.xml \
	tests/sipp/terminate/flow.scxml \
	tests/sipp/terminate/run.sh \
	tests/sipp/terminate/uas.xml \
	tests/sipp/transfer_bad_target/run.sh \
	tests/sipp/transfer_bye_before_notify/flow.scxml \
	tests/sipp/transfer_bye_before_notify/run.sh \
	tests/sipp/transfer_bye_before_notify/uas.xml \
	tests/sipp/transfer_no_notify/flow.scxml \
	tests/sipp/transfer_no_notify/run.sh \
	tests/sipp/transfer_no_notify/uas.xml \
	tests/sipp/transfer_refer_rejected/flow.scxml \
	tests/sipp/transfer_refer_rejected/run.sh \
	tests/sipp/transfer_refer_rejected/uas.xml \
	tests/sipp/transfer_retry_after_timeout/flow.scxml \
	tests/sipp/transfer_retry_after_timeout/run.sh \
	tests/sipp/transfer_retry_after_timeout/uas.xml \
	tests/sipp/transfer_single/flow.scxml \
	tests/sipp/transfer_single/run.sh \
	tests/sipp/transfer_single/uas.xml \
	tests/sipp/transfer_sipfrag_busy/flow.scxml \
	tests/sipp/transfer_sipfrag_busy/run.sh \
	tests/sipp/transfer_sipfrag_busy/uas.xml \
	tests/sipp/transfer_sipfrag_forbidden/flow.scxml \
	tests/sipp/transfer_sipfrag_forbidden/run.sh \
	tests/sipp/transfer_sipfrag_forbidden/uas.xml \
	tests/sipp/transfer_two_step/check.sh \
	tests/sipp/transfer_two_step/run.sh \
	tests/sipp/via_kamailio/flow.scxml \
	tests/sipp/register_via_kamailio/check.sh \
	tests/sipp/register_via_kamailio/flow.scxml \
	tests/sipp/register_via_kamailio/kamailio.cfg \
	tests/sipp/register_via_kamailio/run.sh \
	tests/sipp/register_via_kamailio/sipscxml.conf \
	tests/sipp/via_kamailio/kamailio.cfg \
	tests/sipp/via_kamailio/run.sh \
	tests/sipp/via_kamailio/uas.xml

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
