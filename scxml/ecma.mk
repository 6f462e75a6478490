# scxml/ecma.mk: the ECMAScript data model (see scxml/local.mk).
#
# Duktape is built here from the source the Debian package ships, with our own
# configuration: the exec-timeout hook on, so that a runaway script is aborted
# (scxml_dm_ecma_timeout_check). Nothing of Duktape is committed: the three
# files below are generated into the build directory, and scxml_duktape.c
# compiles the generated duktape.c (plus one probe into its internals).

DUK_SRC_DIR = /usr/share/duktape
DUK_GEN = scxml/duk/duktape.c scxml/duk/duktape.h scxml/duk/duk_config.h

# Patches to the shipped duktape.c, each checked by a grep:
# - Duktape checks for a timeout every DUK_HTHREAD_INTCTR_DEFAULT bytecode
#   instructions (256 Ki as shipped). A loop whose body calls a slow built-in
#   (a join over a large sparse array: ~100 ms) ran for minutes past the limit
#   between two checks; every 1 Ki instructions bounds that overrun, for a
#   cost of one clock read per thousand instructions.
# - One built-in call can run long without a bytecode instruction: `some`
#   over an array of length 2^32-1, a join of `new Array(1e9)`, a regexp
#   that backtracks (/(a+)+$/). Every property read, write, test and delete
#   and every regexp step counts down the same counter
#   (SCXML_DUK_TICK, scxml/scxml_duktape.c), so the deadline reaches inside
#   them too, whatever the array length or string size.
# - The built-ins are frozen (scxml_dm_ecma_lock.c): an assignment that
#   would shadow an inherited read-only property (`Node.prototype.toString
#   = f` over the frozen Object.prototype) creates the own property instead
#   of failing, the "override mistake" fix, so that ordinary code still runs.
# - A refused allocation (a session at its memory cap) is retried after 3
#   collections of the shared heap, not 10: with no finalizers (scripts
#   cannot set any) later rounds free nothing more, and each round walks
#   every session's objects.
DUK_PATCH_SED = \
	-e 's|^\#define DUK_HTHREAD_INTCTR_DEFAULT (256L \* 1024L)$$|\#define DUK_HTHREAD_INTCTR_DEFAULT (1024L)|' \
	-e 's|^\(DUK_INTERNAL duk_bool_t duk_hobject_getprop(duk_hthread \*thr, duk_tval \*tv_obj, duk_tval \*tv_key) {\)$$|\1 SCXML_DUK_TICK(thr);|' \
	-e 's|^\(DUK_INTERNAL duk_bool_t duk_hobject_hasprop(duk_hthread \*thr, duk_tval \*tv_obj, duk_tval \*tv_key) {\)$$|\1 SCXML_DUK_TICK(thr);|' \
	-e 's|^\(duk_hobject_putprop(duk_hthread \*thr, duk_tval \*tv_obj, duk_tval \*tv_key, duk_tval \*tv_val, duk_bool_t throw_flag) {\)$$|\1 SCXML_DUK_TICK(thr);|' \
	-e 's|^\(DUK_INTERNAL duk_bool_t duk_hobject_delprop(duk_hthread \*thr, duk_tval \*tv_obj, duk_tval \*tv_key, duk_bool_t throw_flag) {\)$$|\1 SCXML_DUK_TICK(thr);|' \
	-e 's|^\(\t\tre_ctx->steps_count++;\)$$|\1 SCXML_DUK_TICK(re_ctx->thr);|' \
	-e '/"inherited property is not writable"));$$/{n;s|^\(\t*\)goto fail_not_writable;$$|\1goto create_new; /* scxml: override */|;}' \
	-e 's|^\t10 \(/\* Retry allocation after mark-and-sweep for this \\\)$$|\t3 \1|'

scxml/duk/duktape.c: $(DUK_SRC_DIR)/duktape.c $(srcdir)/scxml/ecma.mk
	$(AM_V_GEN)$(MKDIR_P) scxml/duk && sed $(DUK_PATCH_SED) \
	  $(DUK_SRC_DIR)/duktape.c > $@.tmp && \
	grep -q '^#define DUK_HTHREAD_INTCTR_DEFAULT (1024L)$$' $@.tmp && \
	test `grep -c 'SCXML_DUK_TICK(' $@.tmp` = 5 && \
	grep -q 'goto create_new; /\* scxml: override \*/' $@.tmp && \
	grep -q '^.3 /\* Retry allocation after mark-and-sweep' $@.tmp && \
	mv $@.tmp $@

scxml/duk/duktape.h: $(DUK_SRC_DIR)/duktape.h
	$(AM_V_GEN)$(MKDIR_P) scxml/duk && cp $(DUK_SRC_DIR)/duktape.h $@

# The shipped config with the interrupt counter and the timeout check enabled,
# and SCXML_DUK_TICK (see above).
# (DUK_USE_FASTINT was tried: no measurable gain here, so the shipped choice
# stays.)
scxml/duk/duk_config.h: $(DUK_SRC_DIR)/duk_config.h $(srcdir)/scxml/ecma.mk
	$(AM_V_GEN)$(MKDIR_P) scxml/duk && sed \
	  -e 's|^#undef DUK_USE_EXEC_TIMEOUT_CHECK$$|extern int scxml_dm_ecma_timeout_check(void *udata);\n#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) scxml_dm_ecma_timeout_check(udata)|' \
	  -e 's|^#undef DUK_USE_INTERRUPT_COUNTER$$|#define DUK_USE_INTERRUPT_COUNTER\nextern void scxml_duk_tick_expired(void *thr);\n#define SCXML_DUK_TICK(thr) do { if (__builtin_expect(--(thr)->interrupt_counter < 0, 0)) scxml_duk_tick_expired((thr)); } while (0)|' \
	  $(DUK_SRC_DIR)/duk_config.h > $@.tmp && \
	grep -q '^#define DUK_USE_EXEC_TIMEOUT_CHECK' $@.tmp && \
	grep -q '^#define DUK_USE_INTERRUPT_COUNTER' $@.tmp && \
	grep -q '^#define SCXML_DUK_TICK' $@.tmp && \
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
	scxml/scxml_dm_ecma_heap.c \
	scxml/scxml_dm_ecma_lock.c \
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

# Sessions isolated from each other, through the public API only.
check_PROGRAMS += tests/unit/test_scxml_isolation
TESTS += tests/unit/test_scxml_isolation
tests_unit_test_scxml_isolation_SOURCES = tests/unit/test_scxml_isolation.c
tests_unit_test_scxml_isolation_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_scxml_isolation_LDADD = $(SCXML_LIBS) $(CMOCKA_LIBS)
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
