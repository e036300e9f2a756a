#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The mbuf pools of iopkt.ko: /sys/kernel/debug/iopkt/mbufs reflects the
# module parameters, and the benchmark module's debugfs trigger works (a
# short run: tools/bench/mbuf.bench does the real one on the bench kernel).
set -uo pipefail
fail() { echo "FAIL: $*"; modprobe -r iopkt_mbuf_bench 2>/dev/null; modprobe -r iopkt 2>/dev/null; exit 1; }
dbg=/sys/kernel/debug

modprobe iopkt mclbytes=4096 || fail "modprobe iopkt mclbytes=4096"
st=$(cat $dbg/iopkt/mbufs) || fail "no $dbg/iopkt/mbufs"
echo "$st"
grep -q '^mclbytes 4096 ' <<<"$st" || fail "mclbytes 4096 not reported"
grep -q '^clusters: in_use 0 ' <<<"$st" || fail "clusters in use at load"
modprobe -r iopkt || fail "unload"

modprobe iopkt_mbuf_bench || fail "modprobe iopkt_mbuf_bench"
echo 20000 >$dbg/iopkt_mbuf_bench/run || fail "bench run"
res=$(cat $dbg/iopkt_mbuf_bench/results)
echo "$res"
for k in mbuf_cache mbuf_nocache linux_skb; do
	grep -Eq "^$k [1-9][0-9]*$" <<<"$res" || fail "bench result $k missing"
done
st=$(cat $dbg/iopkt/mbufs)
grep -q '^clusters: in_use 0 ' <<<"$st" || fail "bench leaked clusters: $st"
grep -q '^mbufs: in_use 0 ' <<<"$st" || fail "bench leaked mbufs: $st"
modprobe -r iopkt_mbuf_bench || fail "unload bench"
echo "mbuf stats in debugfs follow mclbytes; benchmark trigger runs without leaks"
