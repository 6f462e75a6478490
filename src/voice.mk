# src/voice.mk: the voice module (see src/local.mk).
