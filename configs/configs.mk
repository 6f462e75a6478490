# configs/configs.mk: deployment files (see doc/scaling.md). The systemd
# unit of `sipscxml serve` is made from configs/sipscxml.service.in with the
# configured paths and installed to the systemd unit folder (./configure
# --with-systemdsystemunitdir=DIR|no); tests/systemd_unit/run.sh checks it.
# The Kamailio and FreeSWITCH samples are only distributed.
EXTRA_DIST += doc/scaling.md configs/sipscxml.service.in \
	configs/kamailio/kamailio.cfg configs/kamailio/dispatcher.list \
	configs/freeswitch/README.md \
	configs/freeswitch/autoload_configs/acl-sipscxml.xml \
	configs/freeswitch/dialplan/sipscxml.xml \
	configs/freeswitch/dialplan/default/50_sipscxml.xml \
	configs/freeswitch/sip_profiles/sipscxml.xml

if INSTALL_SYSTEMD_UNIT
nodist_systemdsystemunit_DATA = configs/sipscxml.service
endif
CLEANFILES += configs/sipscxml.service

# Made by make, not configure: the paths are then fully expanded
# (${prefix} and ${exec_prefix} resolved).
configs/sipscxml.service: $(srcdir)/configs/sipscxml.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) configs && \
	sed -e 's|@bindir[@]|$(bindir)|g' \
		-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
		$(srcdir)/configs/sipscxml.service.in >$@.tmp && \
	mv $@.tmp $@

# The unit is built before its test runs, whether installed or not.
check_DATA = configs/sipscxml.service
TESTS += tests/systemd_unit/run.sh
EXTRA_DIST += tests/systemd_unit/run.sh
AM_TESTS_ENVIRONMENT += sipscxml_bindir='$(bindir)'; \
	sipscxml_sysconfdir='$(sysconfdir)'; \
	export sipscxml_bindir sipscxml_sysconfdir;

# make distcheck installs under its own folder, not in the system's.
AM_DISTCHECK_CONFIGURE_FLAGS = \
	--with-systemdsystemunitdir=$$dc_install_base/$(systemdsystemunitdir)
