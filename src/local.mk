# src/: the program and the voice module.
include $(srcdir)/src/voice.mk
