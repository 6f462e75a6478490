# tests/: test drivers that are not one module's unit tests.
include $(srcdir)/tests/sipp/sipp.mk
