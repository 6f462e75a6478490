# tests/kamailio_dispatcher/kd.mk: configs/kamailio/kamailio.cfg dispatching
# calls over `serve` instances, probing them with OPTIONS, failing over,
# and taking a draining instance out. run.sh: four SIPp stand-ins (healthy,
# draining, full). drain.sh: two real `sipscxml serve` instances, one
# drained by SIGTERM while calls are up (skipped while sipscxml has no
# serve command). Rerun one alone with
# `make check TESTS=tests/kamailio_dispatcher/run.sh`.
TESTS += tests/kamailio_dispatcher/run.sh tests/kamailio_dispatcher/drain.sh
EXTRA_DIST += tests/kamailio_dispatcher/run.sh \
	tests/kamailio_dispatcher/drain.sh \
	tests/kamailio_dispatcher/lib.sh \
	tests/kamailio_dispatcher/answer.scxml \
	tests/kamailio_dispatcher/caller.xml \
	tests/kamailio_dispatcher/caller_held.xml \
	tests/kamailio_dispatcher/instance.xml \
	tests/kamailio_dispatcher/instance_draining.xml \
	tests/kamailio_dispatcher/instance_full.xml
