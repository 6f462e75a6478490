# scxml/ecma.mk: the ECMAScript data model (see scxml/local.mk).
#
# Duktape is built here from the source the Debian package ships, with our own
# configuration: the exec-timeout hook on, so that a runaway script is aborted
# (scxml_dm_ecma_timeout_check). Nothing of Duktape is committed: the three
# files below are generated into the build directory, and scxml_duktape.c
# compiles the generated duktape.c (plus one probe into its internals).

DUK_SRC_DIR = /usr/share/duktape
DUK_GEN = scxml/duk/duktape.c scxml/duk/duktape.h scxml/duk/duk_config.h

# Duktape checks for a timeout every DUK_HTHREAD_INTCTR_DEFAULT bytecode
# instructions (256 Ki as shipped). A loop whose body calls a slow built-in
# (a join over a large sparse array: ~100 ms) ran for minutes past the limit
# between two checks; every 1 Ki instructions bounds that overrun, for a cost
# of one clock read per thousand instructions.
scxml/duk/duktape.c: $(DUK_SRC_DIR)/duktape.c $(srcdir)/scxml/ecma.mk
	$(AM_V_GEN)$(MKDIR_P) scxml/duk && sed \
	  -e 's|^#define DUK_HTHREAD_INTCTR_DEFAULT (256L \* 1024L)$$|#define DUK_HTHREAD_INTCTR_DEFAULT (1024L)|' \
	  $(DUK_SRC_DIR)/duktape.c > $@.tmp && \
	grep -q '^#define DUK_HTHREAD_INTCTR_DEFAULT (1024L)$$' $@.tmp && \
	mv $@.tmp $@

scxml/duk/duktape.h: $(DUK_SRC_DIR)/duktape.h
	$(AM_V_GEN)$(MKDIR_P) scxml/duk && cp $(DUK_SRC_DIR)/duktape.h $@

# The shipped config with the interrupt counter and the timeout check enabled.
# (DUK_USE_FASTINT was tried: no measurable gain here, so the shipped choice
# stays.)
scxml/duk/duk_config.h: $(DUK_SRC_DIR)/duk_config.h $(srcdir)/scxml/ecma.mk
	$(AM_V_GEN)$(MKDIR_P) scxml/duk && sed \
	  -e 's|^#undef DUK_USE_EXEC_TIMEOUT_CHECK$$|extern int scxml_dm_ecma_timeout_check(void *udata);\n#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) scxml_dm_ecma_timeout_check(udata)|' \
	  -e 's|^#undef DUK_USE_INTERRUPT_COUNTER$$|#define DUK_USE_INTERRUPT_COUNTER|' \
	  $(DUK_SRC_DIR)/duk_config.h > $@.tmp && \
	grep -q '^#define DUK_USE_EXEC_TIMEOUT_CHECK' $@.tmp && \
	grep -q '^#define DUK_USE_INTERRUPT_COUNTER' $@.tmp && \
	mv $@.tmp $@

CLEANFILES += $(DUK_GEN) scxml/duk/duk_config.h.tmp scxml/duk/duktape.c.tmp

# Duktape alone (scxml_duktape.c includes the generated duktape.c): its own
# warnings are not ours to fix, so they are silenced for this library only.
noinst_LIBRARIES += scxml/libduktape.a
scxml_libduktape_a_SOURCES = scxml/scxml_duktape.c
scxml_libduktape_a_CPPFLAGS = -I$(builddir)/scxml/duk
scxml_libduktape_a_CFLAGS = -std=gnu11 -w $(SAN_CFLAGS)

scxml_libscxml_a_SOURCES += \
	scxml/scxml_dm_ecma_priv.h \
	scxml/scxml_dm_ecma.c \
	scxml/scxml_dm_ecma_event.c \
	scxml/scxml_dm_ecma_run.c \
	scxml/scxml_dm_ecma_compile.c \
	scxml/scxml_dm_ecma_eval.c \
	scxml/scxml_dm_ecma_script.c \
	scxml/scxml_dm_ecma_json.c \
	scxml/scxml_dm_ecma_dom.c
scxml_libscxml_a_CPPFLAGS += -I$(builddir)/scxml/duk

SCXML_LIBS += scxml/libduktape.a -lm

# The generated headers must exist before anything including them compiles
# (after the first build, dependency tracking takes over).
$(scxml_libduktape_a_OBJECTS): $(DUK_GEN)
$(scxml_libscxml_a_OBJECTS): scxml/duk/duktape.h scxml/duk/duk_config.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_scxml_dm_ecma
TESTS += tests/unit/test_scxml_dm_ecma
tests_unit_test_scxml_dm_ecma_SOURCES = tests/unit/test_scxml_dm_ecma.c
tests_unit_test_scxml_dm_ecma_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(builddir)/scxml/duk $(CMOCKA_CFLAGS)
tests_unit_test_scxml_dm_ecma_LDADD = $(SCXML_LIBS) $(CMOCKA_LIBS)
$(tests_unit_test_scxml_dm_ecma_OBJECTS): \
	scxml/duk/duktape.h scxml/duk/duk_config.h
endif

# `make bench`: speed per operation and memory per session.
check_PROGRAMS += tests/unit/bench_scxml_dm_ecma
tests_unit_bench_scxml_dm_ecma_SOURCES = tests/unit/bench_scxml_dm_ecma.c
tests_unit_bench_scxml_dm_ecma_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(builddir)/scxml/duk
tests_unit_bench_scxml_dm_ecma_LDADD = $(SCXML_LIBS)
$(tests_unit_bench_scxml_dm_ecma_OBJECTS): \
	scxml/duk/duktape.h scxml/duk/duk_config.h
BENCH_TARGETS += bench-ecma
bench-ecma: tests/unit/bench_scxml_dm_ecma$(EXEEXT)
	./tests/unit/bench_scxml_dm_ecma
.PHONY: bench-ecma
