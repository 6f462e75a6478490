# tests/interop/interop.mk: `make check-asterisk` (tests/interop/asterisk/,
# doc/interop.md). Included from tests/local.mk.
check-asterisk: sipscxml tests/sipp/event_log
	@ASTERISK='$(ASTERISK)' top_srcdir=$(abs_top_srcdir) \
		top_builddir=$(abs_top_builddir) \
		$(srcdir)/tests/interop/asterisk/run-asterisk.sh $(ASTERISK_CASES); \
		rc=$$?; if [ $$rc -eq 77 ]; then exit 0; fi; exit $$rc
.PHONY: check-asterisk
