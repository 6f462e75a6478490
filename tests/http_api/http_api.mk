# serve's HTTP API (doc/http-api.md) against a running serve, with curl and
# SIPp: one folder per case under tests/http_api/, each a run.sh sourcing
# tests/http_api/lib.sh (itself on top of tests/serve/lib.sh).
TESTS += \
	tests/http_api/api_endpoints/run.sh \
	tests/http_api/api_rules/run.sh \
	tests/http_api/api_metrics/run.sh \
	tests/http_api/api_voice_refusals/run.sh \
	tests/http_api/api_sse_backlog/run.sh
EXTRA_DIST += tests/http_api/lib.sh tests/http_api/flow_api.scxml \
	tests/http_api/flow_limits.scxml tests/http_api/flow_ring.scxml \
	tests/http_api/api_voice_refusals/run.sh \
	tests/http_api/flow_echo.scxml tests/http_api/api_sse_backlog/run.sh \
	tests/http_api/api_sse_backlog/slow_client.py \
	tests/http_api/api_endpoints/run.sh \
	tests/http_api/api_rules/run.sh \
	tests/http_api/api_metrics/run.sh tests/http_api/metrics_check.py

if HAVE_CMOCKA
# [http] against the sample configuration and its errors.
check_PROGRAMS += tests/unit/test_http_api_config
TESTS += tests/unit/test_http_api_config
tests_unit_test_http_api_config_SOURCES = \
	tests/unit/test_http_api_config.c src/http_api_config.c \
	tests/unit/sample_config.c tests/unit/sample_config.h
tests_unit_test_http_api_config_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_http_api_config_LDADD = $(CMOCKA_LIBS) $(SOUP_LIBS) \
	$(JSON_LIBS) $(GLIB_LIBS)
endif

# make bench: sessions started per second through POST /sessions, each
# placing a call to a SIPp UAS.
HTTP_BENCH_SESSIONS ?= 1000
HTTP_BENCH_INFLIGHT ?= 20
BENCH_TARGETS += bench-http-sessions
bench-http-sessions: sipscxml
	@echo "# serve: sessions/s started through POST /sessions, each calling a SIPp UAS"
	@SIPP='$(SIPP)' top_builddir='$(abs_top_builddir)' \
		top_srcdir='$(abs_top_srcdir)' \
		$(SHELL) $(srcdir)/tests/bench/http_sessions.sh $(HTTP_BENCH_SESSIONS) \
		$(HTTP_BENCH_INFLIGHT)
.PHONY: bench-http-sessions
EXTRA_DIST += tests/bench/http_sessions.sh tests/bench/flow_api_call.scxml \
	tests/bench/uas_answer.xml

if HAVE_CMOCKA
# The metrics object: counting, exposition format, escaping, histogram.
check_PROGRAMS += tests/unit/test_metrics
TESTS += tests/unit/test_metrics
tests_unit_test_metrics_SOURCES = tests/unit/test_metrics.c src/metrics.c
tests_unit_test_metrics_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_metrics_LDADD = $(CMOCKA_LIBS) $(JSON_LIBS) $(GLIB_LIBS)
endif
