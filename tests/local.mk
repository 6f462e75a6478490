# tests/: test drivers that are not one module's unit tests.
include $(srcdir)/tests/sipp/sipp.mk
include $(srcdir)/tests/kamailio_dispatcher/kd.mk
include $(srcdir)/tests/network/network.mk

# The W3C conformance suite: mandatory tests in `make check`, every
# automatic test (with optional ones reported) in `make check-w3c`.
TESTS += tests/w3c/w3c-mandatory.test
EXTRA_DIST += tests/w3c/run-w3c.sh tests/w3c/w3c-mandatory.test
check-w3c: sipscxml
	@SIPSCXML=$(abs_top_builddir)/sipscxml top_builddir=$(abs_top_builddir) \
		$(srcdir)/tests/w3c/run-w3c.sh $(W3C_SUITE); rc=$$?; \
		if [ $$rc -eq 77 ]; then exit 0; fi; exit $$rc
.PHONY: check-w3c

# sipscxml under valgrind: offline commands, W3C invoke tests, and
# call-flow cases (slow; not part of check).
check-valgrind: sipscxml tests/sipp/event_log
	@top_srcdir=$(abs_top_srcdir) top_builddir=$(abs_top_builddir) \
		W3C_SUITE=$(W3C_SUITE) SIPP=$(SIPP) \
		$(srcdir)/tests/valgrind/run.sh; rc=$$?; \
		if [ $$rc -eq 77 ]; then exit 0; fi; exit $$rc
.PHONY: check-valgrind
EXTRA_DIST += tests/valgrind/run.sh tests/valgrind/sofia.supp

# SIP over TLS, engine to engine (certificates made by openssl for the run).
TESTS += tests/tls/run.sh
EXTRA_DIST += tests/tls/run.sh tests/tls/answer.scxml tests/tls/call.scxml

# The program's error paths, run as a subprocess.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_cli
TESTS += tests/unit/test_cli
tests_unit_test_cli_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_cli_LDADD = $(CMOCKA_LIBS) $(GLIB_LIBS)
endif
EXTRA_DIST += tests/cli

# sipscxml against a real Asterisk (20+, chan_pjsip, ConfBridge): not part
# of check, Asterisk is no Debian package. Skipped unless ASTERISK names
# its binary: make check-asterisk ASTERISK=/opt/asterisk/sbin/asterisk
# (ASTERISK_CASES=... to run some cases only). See doc/interop.md.
include $(srcdir)/tests/interop/interop.mk
include $(srcdir)/tests/http_api/http_api.mk

# sipscxml serve (and run's inbound limits) against SIPp callers: one
# folder per case under tests/serve/, each a run.sh sourcing
# tests/serve/lib.sh; serve_log checks the shared event log.
check_PROGRAMS += tests/serve/serve_log
tests_serve_serve_log_SOURCES = tests/serve/serve_log.c
tests_serve_serve_log_LDADD = $(JSON_LIBS) $(GLIB_LIBS)
check_PROGRAMS += tests/serve/notify_listen
tests_serve_notify_listen_SOURCES = tests/serve/notify_listen.c
tests_serve_notify_listen_LDADD = $(GLIB_LIBS)
TESTS += \
	tests/serve/ring_cap/run.sh \
	tests/serve/session_call_cap/run.sh \
	tests/serve/routes/run.sh \
	tests/serve/malformed/run.sh \
	tests/serve/overload/run.sh \
	tests/serve/drain/run.sh \
	tests/serve/reload/run.sh \
	tests/serve/last_call/run.sh \
	tests/serve/drain_timeout/run.sh \
	tests/serve/stop_now/run.sh \
	tests/serve/rotate/run.sh \
	tests/serve/outbound/run.sh \
	tests/serve/max_calls/run.sh \
	tests/serve/options_in_dialog/run.sh \
	tests/serve/cli_errors/run.sh \
	tests/serve/notify/run.sh \
	tests/serve/spinning/run.sh \
	tests/serve/shed/run.sh
EXTRA_DIST += tests/serve/lib.sh \
	tests/serve/flow_a.scxml tests/serve/flow_b.scxml \
	tests/serve/uac_hold_retrieve.xml tests/serve/uac_options.xml \
	tests/serve/uac_options_503.xml tests/serve/uac_503.xml \
	tests/serve/uac_500.xml tests/serve/uac_404.xml tests/serve/uac_held.xml \
	tests/serve/flow_wait.scxml tests/serve/bad.scxml \
	tests/serve/malformed/run.sh tests/serve/malformed/sipscxml.conf \
	tests/serve/overload/run.sh tests/serve/overload/sipscxml.conf \
	tests/serve/drain/run.sh tests/serve/drain/sipscxml.conf \
	tests/serve/reload/run.sh \
	tests/serve/flow_stay.scxml tests/serve/flow_outbound.scxml \
	tests/serve/last_call/run.sh tests/serve/last_call/sipscxml.conf \
	tests/serve/drain_timeout/run.sh tests/serve/drain_timeout/sipscxml.conf \
	tests/serve/stop_now/run.sh tests/serve/stop_now/sipscxml.conf \
	tests/serve/rotate/run.sh tests/serve/rotate/sipscxml.conf \
	tests/serve/outbound/run.sh tests/serve/outbound/sipscxml.conf \
	tests/serve/max_calls/run.sh tests/serve/max_calls/sipscxml.conf \
	tests/serve/options_in_dialog/run.sh \
	tests/serve/options_in_dialog/sipscxml.conf \
	tests/serve/cli_errors/run.sh \
	tests/serve/options_in_dialog/uac.xml \
	tests/serve/notify/run.sh tests/serve/notify/sipscxml.conf \
	tests/serve/notify_listen.c \
	tests/serve/spinning/run.sh \
	tests/serve/shed/run.sh tests/serve/spinning/sipscxml.conf \
	tests/serve/flow_spin.scxml tests/serve/uac_480.xml \
	tests/serve/routes/run.sh tests/serve/routes/sipscxml.conf \
	tests/serve/ring_cap/run.sh tests/serve/ring_cap/flow.scxml \
	tests/serve/ring_cap/sipscxml.conf tests/serve/ring_cap/uac_flood.xml \
	tests/serve/ring_cap/uac_clean.xml \
	tests/serve/session_call_cap/run.sh \
	tests/serve/session_call_cap/flow.scxml \
	tests/serve/session_call_cap/sipscxml.conf \
	tests/serve/session_call_cap/uac_first.xml \
	tests/serve/session_call_cap/uac_second.xml

# A plain `make` also rebuilds the test programs an earlier `make check`
# built, so that running tests/unit/test_x by hand never runs a stale
# binary; it builds none that was never built (`make check` does).
all-local: $(filter $(wildcard $(check_PROGRAMS)),$(check_PROGRAMS))

# The map of tests/ (which folder does what, where a new case goes).
EXTRA_DIST += tests/README.md
include $(srcdir)/tests/fuzz/fuzz.mk
include $(srcdir)/tests/torture/torture.mk
include $(srcdir)/tests/alloc/alloc.mk
