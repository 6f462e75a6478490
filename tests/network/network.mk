# tests/network/network.mk: the engine over a misbehaving network, in a
# network namespace each test makes (root, ip, iptables; else skipped):
# 10 % random loss both ways, a loss that is the same each run (the first
# and every third message of each kind), 200 ms ± 100 ms delay with reordering (the
# relay below), a 10 s partition mid-call. See tests/network/run-net.sh.
TESTS += \
	tests/network/loss.sh \
	tests/network/loss_nth.sh \
	tests/network/delay.sh \
	tests/network/partition.sh
check_PROGRAMS += tests/network/udp_relay
tests_network_udp_relay_SOURCES = tests/network/udp_relay.c
tests_network_udp_relay_LDADD = $(GLIB_LIBS)
EXTRA_DIST += tests/network/README.md tests/network/run-net.sh tests/network/actions.sh \
	tests/network/actions.scxml \
	tests/network/partition.scxml tests/network/loss.conf \
	tests/network/partition.conf \
	tests/network/held.xml tests/network/consulted.xml \
	tests/network/refer.xml tests/network/conf_held.xml \
	tests/network/conf_party.xml tests/network/focus.xml \
	tests/network/partitioned.xml

# make soak (not in check, not in CI): SOAK_MINUTES (default 30) of SIPp
# load through one `sipscxml run` session; calls completed and failed, RSS
# per minute and its growth, leaks at exit (ASan build, or SOAK_VALGRIND=1).
soak: sipscxml
	@SIPP='$(SIPP)' top_srcdir='$(abs_top_srcdir)' \
		top_builddir='$(abs_top_builddir)' \
		SIPSCXML='$(abs_top_builddir)/sipscxml' \
		bash $(srcdir)/tests/soak/soak.sh
.PHONY: soak
EXTRA_DIST += tests/soak/soak.sh tests/soak/soak.scxml tests/soak/soak_call.scxml \
	tests/soak/uac.xml
