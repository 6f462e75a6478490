#!/bin/sh
# Installs the Debian 12 packages sipscxml needs to build and test, when any
# is missing. Run as root (or with sudo available).
set -e
# curl, python3: the HTTP API tests and metrics checker (tests/http_api),
# the SIP torture sender (tests/torture); iptables: tests/network/ drops
# packets (random loss, a partition) inside the network namespace each of
# its tests makes; clang and libclang-rt-14-dev: the libFuzzer harnesses
# (make fuzz, .ci/run).
pkgs="build-essential autoconf automake pkg-config
libglib2.0-dev libxml2-dev libjson-glib-dev duktape-dev
libsofia-sip-ua-dev libsofia-sip-ua-glib-dev libcmocka-dev libsoup-3.0-dev
sip-tester baresip kamailio openssl curl python3
iptables clang libclang-rt-14-dev"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
