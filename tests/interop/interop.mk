# tests/interop/interop.mk: `make check-asterisk` (tests/interop/asterisk/,
# doc/interop.md). Included from tests/local.mk.
check-asterisk: sipscxml tests/sipp/event_log
	@ASTERISK='$(ASTERISK)' top_srcdir=$(abs_top_srcdir) \
		top_builddir=$(abs_top_builddir) \
		$(srcdir)/tests/interop/asterisk/run-asterisk.sh $(ASTERISK_CASES); \
		rc=$$?; if [ $$rc -eq 77 ]; then exit 0; fi; exit $$rc
.PHONY: check-asterisk
# Every file of the suite and the sample, listed (a folder would carry logs).
EXTRA_DIST += doc/interop.md \
	configs/asterisk/confbridge.conf \
	configs/asterisk/extensions.conf \
	configs/asterisk/musiconhold.conf \
	configs/asterisk/pjsip.conf \
	configs/asterisk/sipscxml.conf \
	tests/interop/asterisk/bye_while_held/flow.scxml \
	tests/interop/asterisk/bye_while_held/pbx.sh \
	tests/interop/asterisk/bye_while_held/run.sh \
	tests/interop/asterisk/case.sh \
	tests/interop/asterisk/conference/flow.scxml \
	tests/interop/asterisk/conference/pbx.sh \
	tests/interop/asterisk/conference/run.sh \
	tests/interop/asterisk/config.sh \
	tests/interop/asterisk/consult_alternate/flow.scxml \
	tests/interop/asterisk/consult_alternate/pbx.sh \
	tests/interop/asterisk/consult_alternate/run.sh \
	tests/interop/asterisk/consult_no_answer/flow.scxml \
	tests/interop/asterisk/consult_no_answer/pbx.sh \
	tests/interop/asterisk/consult_no_answer/run.sh \
	tests/interop/asterisk/consult_reconnect/flow.scxml \
	tests/interop/asterisk/consult_reconnect/pbx.sh \
	tests/interop/asterisk/consult_reconnect/run.sh \
	tests/interop/asterisk/createcall_answered/flow.scxml \
	tests/interop/asterisk/createcall_answered/pbx.sh \
	tests/interop/asterisk/createcall_answered/run.sh \
	tests/interop/asterisk/createcall_busy/flow.scxml \
	tests/interop/asterisk/createcall_busy/run.sh \
	tests/interop/asterisk/createcall_not_found/flow.scxml \
	tests/interop/asterisk/createcall_not_found/run.sh \
	tests/interop/asterisk/hold_retrieve/flow.scxml \
	tests/interop/asterisk/hold_retrieve/pbx.sh \
	tests/interop/asterisk/hold_retrieve/run.sh \
	tests/interop/asterisk/inbound_accept/flow.scxml \
	tests/interop/asterisk/inbound_accept/pbx.sh \
	tests/interop/asterisk/inbound_accept/run.sh \
	tests/interop/asterisk/inbound_accept/uac.xml \
	tests/interop/asterisk/inbound_redirect/flow.scxml \
	tests/interop/asterisk/inbound_redirect/pbx.sh \
	tests/interop/asterisk/inbound_redirect/run.sh \
	tests/interop/asterisk/inbound_redirect/uac.xml \
	tests/interop/asterisk/inbound_reject/flow.scxml \
	tests/interop/asterisk/inbound_reject/run.sh \
	tests/interop/asterisk/inbound_reject/uac.xml \
	tests/interop/asterisk/pbx-lib.sh \
	tests/interop/asterisk/pbx.js \
	tests/interop/asterisk/phone_a.xml \
	tests/interop/asterisk/phone_b.xml \
	tests/interop/asterisk/phone_busy.xml \
	tests/interop/asterisk/phone_ring.xml \
	tests/interop/asterisk/run-asterisk.sh \
	tests/interop/asterisk/session_timers/flow.scxml \
	tests/interop/asterisk/session_timers/pbx.sh \
	tests/interop/asterisk/session_timers/run.sh \
	tests/interop/asterisk/sip-acks.awk \
	tests/interop/asterisk/sip-summary.awk \
	tests/interop/asterisk/transfer_not_found/flow.scxml \
	tests/interop/asterisk/transfer_not_found/pbx.sh \
	tests/interop/asterisk/transfer_not_found/run.sh \
	tests/interop/asterisk/transfer_single/flow.scxml \
	tests/interop/asterisk/transfer_single/pbx.sh \
	tests/interop/asterisk/transfer_single/run.sh \
	tests/interop/asterisk/transfer_two_step/flow.scxml \
	tests/interop/asterisk/transfer_two_step/pbx.sh \
	tests/interop/asterisk/transfer_two_step/run.sh
EXTRA_DIST += tests/interop/interop.mk
