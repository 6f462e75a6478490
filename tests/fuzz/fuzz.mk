# tests/fuzz/fuzz.mk: libFuzzer harnesses, one per reader of outside input
# (see tests/README.md). Built only by `./configure CC=clang
# --enable-fuzzing`; `make fuzz` runs each for FUZZ_SECONDS (default 60)
# over its corpus tests/fuzz/NAME/ under ASan+UBSan, with a memory limit.
# A harness is tests/fuzz/fuzz_NAME.c, its seeds and regression inputs
# tests/fuzz/NAME/, its dictionary tests/fuzz/NAME.dict (optional).
FUZZ_HARNESSES = doc expr event sdp sipfrag refer_to config
FUZZ_SECONDS ?= 60
FUZZ_RSS_MB ?= 2048

EXTRA_DIST += tests/fuzz/fuzz_common.h tests/fuzz/run-fuzz.sh \
	tests/fuzz/doc tests/fuzz/expr tests/fuzz/event tests/fuzz/sdp \
	tests/fuzz/sipfrag tests/fuzz/refer_to tests/fuzz/config \
	tests/fuzz/doc.dict tests/fuzz/expr.dict tests/fuzz/event.dict \
	tests/fuzz/sdp.dict tests/fuzz/sipfrag.dict tests/fuzz/config.dict

# Listed one by one: automake writes a program's rules only for names it
# can see.
FUZZ_PROGS = tests/fuzz/fuzz_doc tests/fuzz/fuzz_expr tests/fuzz/fuzz_event \
	tests/fuzz/fuzz_sdp tests/fuzz/fuzz_sipfrag tests/fuzz/fuzz_refer_to \
	tests/fuzz/fuzz_config
FUZZ_CLI_SOURCES = src/cli_env.c src/cli_session.c src/event_log.c \
	src/cli_limits.c
FUZZ_ALL_LIBS = $(VOICE_LIBS) $(SCXML_LIBS) $(SOFIA_LIBS) $(GLIB_LIBS) \
	$(LIBXML_LIBS) $(JSON_LIBS) -lm

if FUZZING
noinst_PROGRAMS += $(FUZZ_PROGS)
else
EXTRA_PROGRAMS = $(FUZZ_PROGS)
endif

tests_fuzz_fuzz_doc_SOURCES = tests/fuzz/fuzz_doc.c
tests_fuzz_fuzz_doc_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_doc_LDADD = $(FUZZ_ALL_LIBS)

tests_fuzz_fuzz_expr_SOURCES = tests/fuzz/fuzz_expr.c
tests_fuzz_fuzz_expr_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_expr_LDADD = $(SCXML_LIBS)

# simulate's reader is static in src/cli_simulate.c, which the harness
# includes; the rest of the program it refers to is linked from source.
tests_fuzz_fuzz_event_SOURCES = tests/fuzz/fuzz_event.c $(FUZZ_CLI_SOURCES)
tests_fuzz_fuzz_event_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSIPSCXML_SYSCONFDIR='"$(sysconfdir)"'
tests_fuzz_fuzz_event_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_event_LDADD = $(FUZZ_ALL_LIBS)

tests_fuzz_fuzz_sdp_SOURCES = tests/fuzz/fuzz_sdp.c
tests_fuzz_fuzz_sdp_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
tests_fuzz_fuzz_sdp_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_sdp_LDADD = $(SIP_LIBS)

# These two include sip/sip_call_refer.c (static readers); the library's
# object of that file is then left out by the linker.
tests_fuzz_fuzz_sipfrag_SOURCES = tests/fuzz/fuzz_sipfrag.c
tests_fuzz_fuzz_sipfrag_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
tests_fuzz_fuzz_sipfrag_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_sipfrag_LDADD = $(SIP_LIBS)

tests_fuzz_fuzz_refer_to_SOURCES = tests/fuzz/fuzz_refer_to.c
tests_fuzz_fuzz_refer_to_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
tests_fuzz_fuzz_refer_to_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_refer_to_LDADD = $(SIP_LIBS)

tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz_config.c src/cli_limits.c
tests_fuzz_fuzz_config_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_config_LDADD = $(FUZZ_ALL_LIBS)

# make fuzz [FUZZ_SECONDS=60] [FUZZ=doc]: every harness (or those named)
# over its corpus, then fuzzing for the time given; new inputs go to
# tests/out/fuzz/NAME/corpus, crashes to tests/out/fuzz/NAME/.
if FUZZING
fuzz: $(FUZZ_PROGS)
	@FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_RSS_MB='$(FUZZ_RSS_MB)' \
		$(SHELL) $(srcdir)/tests/fuzz/run-fuzz.sh '$(srcdir)' \
		$(if $(FUZZ),$(FUZZ),$(FUZZ_HARNESSES))
else
fuzz:
	@echo "make fuzz: configure with: ./configure CC=clang --enable-fuzzing" >&2
	@exit 1
endif
.PHONY: fuzz
