# tests/sipp/sipp.mk: SIPp integration cases.
