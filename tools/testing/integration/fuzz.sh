#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The control-plane fuzzer (tools/testing/fuzz, Documentation/testing.md):
# a fixed-seed slice of every surface (ioctl, tun, genl) while interfaces
# and instances come and go; iopkt-fuzz checks the errnos, the watchdog
# hangs, and that the stack works afterwards; the harness judges the kernel
# log and kmemleak. "make fuzz" runs the same script with a large count:
# FUZZ_SEED, FUZZ_ITERATIONS (per surface), FUZZ_THREADS, FUZZ_SURFACE.
set -euo pipefail

. "$(dirname "$0")/common.bash"

seed=${FUZZ_SEED:-20261203}
iterations=${FUZZ_ITERATIONS:-5000}
threads=${FUZZ_THREADS:-3}
surface=${FUZZ_SURFACE:-all}

cleanup() {
	local i
	for i in 0 1 2 3 7; do
		ifconfig tun$i destroy 2>/dev/null || true
		ifconfig tap$i destroy 2>/dev/null || true
	done
	for i in 1 2 3; do io-pkt-stop -i $i 2>/dev/null || true; done
	io-pkt-stop 2>/dev/null || true
	modprobe -r devnp_sam 2>/dev/null || true
	modprobe -r lsm_pfil 2>/dev/null || true
	modprobe -r iopkt 2>/dev/null || true
}
trap cleanup EXIT

command -v iopkt-fuzz >/dev/null || fail "iopkt-fuzz not built (make tools)"
io-pkt-v6-hc -d sam || fail "io-pkt-v6-hc -d sam"
ifconfig sam0 10.62.0.1/24 up
iopkt-fuzz --surface "$surface" --seed "$seed" --iterations "$iterations" \
	--threads "$threads" || fail "iopkt-fuzz --seed $seed (replay a failing input with --replay ITERATION)"
# still working through the ordinary tools too
ifconfig -a >/dev/null || fail "ifconfig -a after the fuzzing"
ifconfig sam0 destroy 2>/dev/null || true
io-pkt-mount -T io-pkt devnp-sam.so || fail "mount after the fuzzing"
nicinfo sam0 >/dev/null || fail "nicinfo after the fuzzing"
echo "fuzz: ok ($iterations inputs per surface, seed $seed)"
