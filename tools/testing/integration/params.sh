#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# iopkt.ko's io-pkt options: bad values are refused at load with a message
# naming the option; options with no meaning on Linux are accepted and logged.
set -uo pipefail
fail() { echo "FAIL: $*"; modprobe -r iopkt 2>/dev/null; exit 1; }

# log_since N: the kernel log after its first N lines (what one step logged;
# "tail -n 20" could lose the line to other messages).
log_since() { dmesg | tail -n +"$(($1 + 1))"; }

refuse() { # option, expected kernel log text
	local out n
	n=$(dmesg | wc -l)
	if out=$(modprobe iopkt "$1" 2>&1); then
		fail "modprobe iopkt $1 succeeded"
	fi
	echo "modprobe iopkt $1: $out"
	grep -q 'Invalid argument\|Numerical result out of range' <<<"$out" ||
		fail "$1: modprobe did not report EINVAL/ERANGE: $out"
	log_since "$n" | grep -F "iopkt: bad module parameter: $2" >/dev/null ||
		fail "$1: kernel log lacks '$2'"
	! grep -q '^iopkt ' /proc/modules || fail "$1: module stayed loaded"
}

refuse mclbytes=1000 "mclbytes=1000: out of range [2048, 65536]"
refuse mclbytes=3000 "mclbytes=3000: must be a power of two"
refuse pagesize=1000 "pagesize=1000: out of range"
refuse rx_prio=256 "rx_prio=256: out of range [1, 255]"
refuse threads=100 "threads=100: out of range [0, 64]"

n=$(dmesg | wc -l)
modprobe iopkt mclbytes=4096 stacksize=65536 || fail "valid options refused"
[ "$(cat /sys/module/iopkt/parameters/mclbytes)" = 4096 ] || fail "mclbytes not 4096"
log_since "$n" | grep "stacksize=65536: accepted, no effect" >/dev/null ||
	fail "stacksize not logged as ignored"
modprobe -r iopkt || fail "unload"
echo "bad options refused with named reasons; ignored options logged"
