# src/voice.mk: the voice module (see src/local.mk and doc/voice.md).
noinst_LIBRARIES += src/libvoice.a
src_libvoice_a_SOURCES = \
	src/voice_module.h src/voice_priv.h src/voice_outcome.h \
	src/voice_module.c src/voice_config.c src/voice_outcome.c \
	src/voice_event.c src/voice_call.c src/voice_request.c \
	src/voice_attrs.c src/voice_createcall.c src/voice_hold.c \
	src/voice_consultation.c src/voice_alternate.c \
	src/voice_reconnect.c src/voice_transfer.c src/voice_conference.c \
	src/voice_terminate.c src/voice_inbound.c
src_libvoice_a_CPPFLAGS = $(AM_CPPFLAGS)

# What a program linking the module needs after it (before $(SCXML_LIBS)).
VOICE_LIBS = src/libvoice.a $(SIP_LIBS)

dist_sysconf_DATA += configs/sipscxml.conf
EXTRA_DIST += doc/voice.md

if HAVE_CMOCKA
# The outcome table, alone.
check_PROGRAMS += tests/unit/test_voice_outcome
TESTS += tests/unit/test_voice_outcome
tests_unit_test_voice_outcome_SOURCES = tests/unit/test_voice_outcome.c \
	src/voice_outcome.c
tests_unit_test_voice_outcome_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_voice_outcome_LDADD = $(CMOCKA_LIBS)

# The actions against a scripted interpreter and SIP agent (fakes in
# tests/unit/voice_fake_*.c): validation, outcomes, timeouts, session end.
check_PROGRAMS += tests/unit/test_voice_actions
TESTS += tests/unit/test_voice_actions
tests_unit_test_voice_actions_SOURCES = tests/unit/test_voice_actions.c \
	tests/unit/voice_fake_scxml.c tests/unit/voice_fakes.h \
	scxml/scxml_json_text.c \
	tests/unit/voice_fake_sip.c tests/unit/voice_fake_sip.h
tests_unit_test_voice_actions_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_voice_actions_LDADD = src/libvoice.a $(CMOCKA_LIBS) \
	$(JSON_LIBS) $(GLIB_LIBS)

# The sample config against the real loaders (the SIP agent's config loader
# is real; the interpreter is the fake, for the module's references).
check_PROGRAMS += tests/unit/test_voice_config
TESTS += tests/unit/test_voice_config
tests_unit_test_voice_config_SOURCES = tests/unit/test_voice_config.c \
	tests/unit/voice_fake_scxml.c tests/unit/voice_fakes.h \
	scxml/scxml_json_text.c
tests_unit_test_voice_config_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_voice_config_LDADD = src/libvoice.a $(SIP_LIBS) \
	$(CMOCKA_LIBS) $(JSON_LIBS) $(GLIB_LIBS)
endif

# The module over the real SIP agent against SIPp (scenarios of tests/sip/;
# skips with 77 without SIPp). The interpreter is the fake.
check_PROGRAMS += tests/unit/test_voice_sip
TESTS += tests/unit/test_voice_sip
tests_unit_test_voice_sip_SOURCES = tests/unit/test_voice_sip.c \
	tests/unit/voice_fake_scxml.c tests/unit/voice_fakes.h \
	scxml/scxml_json_text.c
tests_unit_test_voice_sip_LDADD = src/libvoice.a $(SIP_LIBS) $(JSON_LIBS) \
	$(GLIB_LIBS)

# The module inside the real interpreter (tests/unit/test_voice_scxml.c),
# with the fake SIP agent.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_voice_scxml
TESTS += tests/unit/test_voice_scxml
tests_unit_test_voice_scxml_SOURCES = tests/unit/test_voice_scxml.c \
	tests/unit/voice_fake_sip.c tests/unit/voice_fake_sip.h
tests_unit_test_voice_scxml_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_voice_scxml_LDADD = src/libvoice.a $(SCXML_LIBS) \
	$(CMOCKA_LIBS) $(JSON_LIBS) $(GLIB_LIBS)
endif
