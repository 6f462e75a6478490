# serve's HTTP API (doc/http-api.md) against a running serve, with curl and
# SIPp: one folder per case under tests/http_api/, each a run.sh sourcing
# tests/http_api/lib.sh (itself on top of tests/serve/lib.sh).
TESTS += \
	tests/http_api/api_endpoints/run.sh \
	tests/http_api/api_rules/run.sh \
	tests/http_api/api_metrics/run.sh
EXTRA_DIST += tests/http_api/lib.sh tests/http_api/flow_api.scxml \
	tests/http_api/api_endpoints/run.sh \
	tests/http_api/api_rules/run.sh \
	tests/http_api/api_metrics/run.sh tests/http_api/metrics_check.py
