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
	src/event_log.c src/event_log.h src/voice_module.h \
	src/sanitizer_options.c
# Where `make install` puts the sample configuration, read by default.
sipscxml_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSIPSCXML_SYSCONFDIR='"$(sysconfdir)"'
sipscxml_LDADD = $(VOICE_LIBS) $(SCXML_LIBS) $(SOFIA_LIBS) $(GLIB_LIBS) \
	$(LIBXML_LIBS) $(JSON_LIBS) -lm

dist_man_MANS += doc/sipscxml.1

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
