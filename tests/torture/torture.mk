# tests/torture/torture.mk: RFC 4475 SIP torture messages (our own, one
# file per case in tests/torture/msg/) sent over UDP and TCP to `sipscxml
# run` accepting every call; see tests/torture/run.sh and tests/README.md.
TESTS += tests/torture/run.sh
EXTRA_DIST += tests/torture/run.sh tests/torture/torture.py \
	tests/torture/cases tests/torture/flow.scxml tests/torture/uac_clean.xml \
	tests/torture/msg
