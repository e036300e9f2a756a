#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed, truncated, unprivileged and random ioctls on /dev/iopkt0 get
# their errno, never a crash; the stack keeps working afterwards and the
# harness's kmemleak scan judges leaks. Driver-specific requests
# (SIOCGDRVSPEC) reach devnp-sam's if_ioctl, which answers with its rings
# (mounted with txring=40,rxring=24 so that the answer is the driver's).
set -euo pipefail

fail() { echo "FAIL: $*"; exit 1; }
cleanup() {
	ifconfig sam0 destroy 2>/dev/null || true
	modprobe -r devnp_sam 2>/dev/null || true
	modprobe -r iopkt 2>/dev/null || true
}
trap cleanup EXIT

bin=$(mktemp -d)/ctl_ioctls
cc -Wall -Wextra -Werror -o "$bin" "$(dirname "$0")/ctl_ioctls.c" || fail "cannot build ctl_ioctls"
io-pkt-v6-hc -d sam txring=40,rxring=24 || fail "io-pkt-v6-hc -d sam"
ifconfig sam0 10.61.0.1/24 up
"$bin" /dev/iopkt0 sam0 || fail "ctl_ioctls"
# still working
ifconfig sam0 | head -1 | grep -q '^sam0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500$' ||
	fail "sam0 after the fuzzing: $(ifconfig sam0 | head -1)"
nicinfo sam0 >/dev/null || fail "nicinfo after the fuzzing"
ifconfig sam0 destroy
io-pkt-mount -T io-pkt devnp-sam.so || fail "mount after the fuzzing"
echo "ctl-ioctls: ok"
