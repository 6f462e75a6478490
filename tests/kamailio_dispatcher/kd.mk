# tests/kamailio_dispatcher/kd.mk: configs/kamailio/kamailio.cfg dispatching
# calls over `serve` instances (SIPp stand-ins for now), probing them with
# OPTIONS and failing over; see run.sh. Rerun alone with
# `make check TESTS=tests/kamailio_dispatcher/run.sh`.
TESTS += tests/kamailio_dispatcher/run.sh
EXTRA_DIST += tests/kamailio_dispatcher/run.sh \
	tests/kamailio_dispatcher/caller.xml \
	tests/kamailio_dispatcher/instance.xml \
	tests/kamailio_dispatcher/instance_draining.xml \
	tests/kamailio_dispatcher/instance_full.xml
