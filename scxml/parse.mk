# scxml/parse.mk: the parser — libxml2 → the immutable model, validation,
# document life (see scxml/local.mk).
scxml_libscxml_a_SOURCES += \
	scxml/scxml_parse_priv.h \
	scxml/scxml_parse.c \
	scxml/scxml_parse_exec.c \
	scxml/scxml_src.c \
	scxml/scxml_validate.c \
	scxml/scxml_doc.c scxml/scxml_dot.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_scxml_parse
TESTS += tests/unit/test_scxml_parse
tests_unit_test_scxml_parse_SOURCES = tests/unit/test_scxml_parse.c
tests_unit_test_scxml_parse_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_scxml_parse_LDADD = $(SCXML_LIBS) $(CMOCKA_LIBS)
endif
