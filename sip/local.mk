# sip/: the SIP user agent on sofia-sip (NUA on the GLib main loop).
# Only sip/'s own objects see sofia-sip's headers (SOFIA_CFLAGS); the rest of
# the project links $(SIP_LIBS) and includes sip/sip_agent.h alone.

noinst_LIBRARIES += sip/libsipua.a
sip_libsipua_a_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
sip_libsipua_a_SOURCES = \
	sip/sip_agent.h \
	sip/sip_bind.h \
	sip/sip_call_priv.h \
	sip/sip_agent.c \
	sip/sip_bind.c \
	sip/sip_log.c \
	sip/sip_auth.c \
	sip/sip_config.c \
	sip/sip_call.c \
	sip/sip_call_invite.c \
	sip/sip_call_hold.c \
	sip/sip_call_refer.c \
	sip/sip_call_hangup.c \
	sip/sip_call_inbound.c \
	sip/sip_register.c \
	sip/sip_sdp.c

SIP_LIBS = sip/libsipua.a $(SOFIA_LIBS) $(GLIB_LIBS)

# A bare sofia-sip UAC, for `make bench` to compare the engine with.
noinst_PROGRAMS += tests/bench/sip_bare_uac
tests_bench_sip_bare_uac_SOURCES = tests/bench/sip_bare_uac.c
tests_bench_sip_bare_uac_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
tests_bench_sip_bare_uac_LDADD = $(SOFIA_LIBS) $(GLIB_LIBS)

# The same load through sip/'s agent API: the agent layer's own cost.
noinst_PROGRAMS += tests/bench/sip_agent_uac
tests_bench_sip_agent_uac_SOURCES = tests/bench/sip_agent_uac.c
tests_bench_sip_agent_uac_LDADD = $(SIP_LIBS)

SIP_BENCH_CALLS ?= 5000
SIP_BENCH_INFLIGHT ?= 50
BENCH_TARGETS += bench-sip-bare bench-sip-agent
bench-sip-bare: tests/bench/sip_bare_uac
	@SIPP='$(SIPP)' top_builddir='$(abs_top_builddir)' \
		$(SHELL) $(srcdir)/tests/sip_agent/bench_bare.sh sip_bare_uac \
		$(SIP_BENCH_CALLS) $(SIP_BENCH_INFLIGHT)
bench-sip-agent: tests/bench/sip_agent_uac
	@SIPP='$(SIPP)' top_builddir='$(abs_top_builddir)' \
		$(SHELL) $(srcdir)/tests/sip_agent/bench_bare.sh sip_agent_uac \
		$(SIP_BENCH_CALLS) $(SIP_BENCH_INFLIGHT)
.PHONY: bench-sip-bare bench-sip-agent


# The agent against SIPp (skips with 77 when SIPp is missing); scenarios in
# tests/sip_agent/.
check_PROGRAMS += tests/unit/test_sip_agent
TESTS += tests/unit/test_sip_agent
tests_unit_test_sip_agent_SOURCES = tests/unit/test_sip_agent.c
tests_unit_test_sip_agent_LDADD = $(SIP_LIBS)
# The SIPp scenarios (the folder holds nothing else, so it ships whole:
# a new scenario cannot be forgotten).
EXTRA_DIST += tests/sip_agent

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_sip_config tests/unit/test_sip_sdp \
	tests/unit/test_sip_bind
TESTS += tests/unit/test_sip_config tests/unit/test_sip_sdp \
	tests/unit/test_sip_bind
tests_unit_test_sip_bind_SOURCES = tests/unit/test_sip_bind.c
tests_unit_test_sip_bind_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_sip_bind_LDADD = $(SIP_LIBS) $(CMOCKA_LIBS)
tests_unit_test_sip_config_SOURCES = tests/unit/test_sip_config.c
tests_unit_test_sip_config_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_sip_config_LDADD = $(SIP_LIBS) $(CMOCKA_LIBS)
# test_sip_sdp reaches into sip/'s private SDP helpers, so it sees sofia.
tests_unit_test_sip_sdp_SOURCES = tests/unit/test_sip_sdp.c
tests_unit_test_sip_sdp_CPPFLAGS = $(AM_CPPFLAGS) $(SOFIA_CFLAGS)
tests_unit_test_sip_sdp_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_sip_sdp_LDADD = $(SIP_LIBS) $(CMOCKA_LIBS)
endif
