# src/: the program and the voice module.
include $(srcdir)/src/voice.mk

bin_PROGRAMS += sipscxml
sipscxml_SOURCES = \
	src/sipscxml.c src/cli.h src/cli_env.c \
	src/cli_session.c src/cli_session.h \
	src/cli_check.c src/cli_simulate.c src/cli_run.c src/cli_bench.c \
	src/cli_limits.c src/cli_dot.c \
	src/host.c src/host.h \
	src/serve.h src/serve_cmd.c src/serve_config.c src/serve_routes.c \
	src/serve_notify.c src/serve_log.c \
	src/http_api.h src/http_api.c src/http_api_config.c \
	src/http_api_json.c src/http_api_sessions.c src/http_api_sse.c \
	src/metrics.h src/metrics.c src/metrics_lag.c \
	src/metrics_calls.h src/metrics_calls.c \
	src/event_log.c src/event_log.h src/voice_module.h \
	src/sanitizer_options.c
# Where `make install` puts the sample configuration, read by default.
sipscxml_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSIPSCXML_SYSCONFDIR='"$(sysconfdir)"'
sipscxml_LDADD = $(VOICE_LIBS) $(SCXML_LIBS) $(SOFIA_LIBS) $(GLIB_LIBS) \
	$(LIBXML_LIBS) $(JSON_LIBS) $(SOUP_LIBS) -lm

dist_man_MANS += doc/sipscxml.1
EXTRA_DIST += doc/serve.md doc/http-api.md

BENCH_TARGETS += bench-engine
bench-engine: sipscxml
	@echo "# engine: events/s and memory per idle session (one core)"
	@for d in ring_ecma ring_null deep parallel; do \
		printf '%-10s ' $$d; \
		./sipscxml bench --count 2000000 $(srcdir)/tests/bench/$$d.scxml || exit 1; \
	done
	@printf '%-10s ' idle10k; \
		./sipscxml bench --count 0 --sessions 10000 $(srcdir)/tests/bench/ring_ecma.scxml
EXTRA_DIST += tests/bench/ring_ecma.scxml tests/bench/ring_null.scxml \
	tests/bench/deep.scxml tests/bench/parallel.scxml

# make bench: sipscxml serve answering inbound calls (a session per call)
# against the bare sofia-sip UAS, and the live calls one process holds.
noinst_PROGRAMS += tests/bench/sip_bare_uas
tests_bench_sip_bare_uas_SOURCES = tests/bench/sip_bare_uas.c
tests_bench_sip_bare_uas_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
tests_bench_sip_bare_uas_LDADD = $(SOFIA_LIBS) $(GLIB_LIBS)
SERVE_BENCH_CALLS ?= 2000
SERVE_BENCH_INFLIGHT ?= 50
SERVE_BENCH_RATE ?= 100000
SERVE_BENCH_MAX_LOOP_LAG ?= 0
SERVE_BENCH_LIVE ?= 10000
SERVE_BENCH_LIVE_RATE ?= 2000
BENCH_TARGETS += bench-serve-calls bench-serve-live
bench-serve-calls: sipscxml tests/bench/sip_bare_uas
	@echo "# serve: inbound calls/s (accept, hold, retrieve, hang up), and the bare sofia-sip UAS"
	@SIPP='$(SIPP)' top_builddir='$(abs_top_builddir)' \
		top_srcdir='$(abs_top_srcdir)' \
		$(SHELL) $(srcdir)/tests/bench/serve_calls.sh $(SERVE_BENCH_CALLS) \
		$(SERVE_BENCH_INFLIGHT) $(SERVE_BENCH_RATE) \
		$(SERVE_BENCH_MAX_LOOP_LAG)
bench-serve-live: sipscxml
	@echo "# serve: live calls held by one process (answered, idle)"
	@SIPP='$(SIPP)' top_builddir='$(abs_top_builddir)' \
		top_srcdir='$(abs_top_srcdir)' \
		$(SHELL) $(srcdir)/tests/bench/serve_live.sh $(SERVE_BENCH_LIVE) \
		$(SERVE_BENCH_LIVE_RATE)
.PHONY: bench-serve-calls bench-serve-live
EXTRA_DIST += tests/bench/serve_calls.sh tests/bench/serve_live.sh \
	tests/bench/uac_idle.xml

if HAVE_CMOCKA
# [serve] against the sample configuration and its errors.
check_PROGRAMS += tests/unit/test_serve_config
TESTS += tests/unit/test_serve_config
tests_unit_test_serve_config_SOURCES = tests/unit/test_serve_config.c \
	tests/unit/sample_config.c tests/unit/sample_config.h \
	src/serve_config.c
tests_unit_test_serve_config_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_serve_config_LDADD = src/libvoice.a $(SIP_LIBS) \
	$(SCXML_LIBS) $(CMOCKA_LIBS) $(JSON_LIBS) $(GLIB_LIBS)
endif

if HAVE_CMOCKA
# The routing of inbound calls in the voice module: ringing cap, ring
# timeout, a router's session or refusal, OPTIONS (fake interpreter and
# SIP agent).
check_PROGRAMS += tests/unit/test_voice_route
TESTS += tests/unit/test_voice_route
tests_unit_test_voice_route_SOURCES = tests/unit/test_voice_route.c \
	tests/unit/voice_fake_scxml.c tests/unit/voice_fakes.h \
	scxml/scxml_json_text.c \
	tests/unit/voice_fake_sip.c tests/unit/voice_fake_sip.h
tests_unit_test_voice_route_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_voice_route_LDADD = src/libvoice.a $(CMOCKA_LIBS) \
	$(JSON_LIBS) $(GLIB_LIBS)
endif
