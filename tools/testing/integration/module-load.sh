#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# iopkt.ko loads and unloads cleanly, many times over, and says so.
set -euo pipefail

want=$(sed -n 's/^#define IOPKT_VERSION "\(.*\)"$/\1/p' include/iopkt/version.h)
count() { dmesg | grep -c "$1" || true; }
loads0=$(count "iopkt: io-pkt core $want loaded")
unloads0=$(count "iopkt: io-pkt core unloaded")
for i in $(seq 1 10); do
	modprobe iopkt
	grep -q '^iopkt ' /proc/modules || { echo "load $i: iopkt not in /proc/modules"; exit 1; }
	got=$(cat /sys/module/iopkt/version)
	[ "$got" = "$want" ] || { echo "version '$got', want '$want'"; exit 1; }
	modprobe -r iopkt
	if grep -q '^iopkt ' /proc/modules; then
		echo "unload $i: iopkt still loaded"
		exit 1
	fi
done
loads=$(($(count "iopkt: io-pkt core $want loaded") - loads0))
unloads=$(($(count "iopkt: io-pkt core unloaded") - unloads0))
[ "$loads" = 10 ] && [ "$unloads" = 10 ] ||
	{ echo "kernel log: $loads loads, $unloads unloads (want 10 each)"; exit 1; }
echo "10 load/unload cycles ok"
