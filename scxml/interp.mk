# scxml/interp.mk: the interpreter — sessions, the W3C algorithm,
# executable content, the SCXML I/O processor, invoke, extension elements at
# run time, the null data model (see scxml/local.mk).
scxml_libscxml_a_SOURCES += \
	scxml/scxml_session_priv.h \
	scxml/scxml_session.c \
	scxml/scxml_bounds.c \
	scxml/scxml_algorithm.c \
	scxml/scxml_exec.c \
	scxml/scxml_send.c \
	scxml/scxml_invoke.c \
	scxml/scxml_action.c \
	scxml/scxml_dm_null.c \
	scxml/scxml_http.h scxml/scxml_http.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_scxml_interp
TESTS += tests/unit/test_scxml_interp
tests_unit_test_scxml_interp_SOURCES = tests/unit/test_scxml_interp.c
tests_unit_test_scxml_interp_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_scxml_interp_CPPFLAGS = $(AM_CPPFLAGS) -I$(builddir)/scxml/duk
tests_unit_test_scxml_interp_LDADD = $(SCXML_LIBS) $(CMOCKA_LIBS)
endif
