#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Start io-pkt the QNX way, attach the sample driver, configure it with
# ifconfig, and check what a user sees: tool output, the Linux net_device,
# counters, errors for bad input; then 100 mount/configure/traffic/destroy
# rounds (the guide's driver test), kmemleak judged by the harness.
set -euo pipefail

. "$(dirname "$0")/common.bash"

cleanup() {
	ifconfig sam0 destroy 2>/dev/null || true
	modprobe -r devnp_sam 2>/dev/null || true
	modprobe -r iopkt 2>/dev/null || true
}
trap cleanup EXIT

io-pkt-v6-hc -d sam || fail "io-pkt-v6-hc -d sam"
[ -c /dev/iopkt0 ] || fail "no /dev/iopkt0"
expect_fail "already running" io-pkt-v6-hc
expect_fail "nosuchdrv" io-pkt-mount -T io-pkt nosuchdrv
expect_fail "unknown tcpip option" io-pkt-v4 -i 2 -p tcpip bogus_opt=1

# the interface, as ifconfig and Linux see it
out=$(ifconfig sam0)
echo "$out"
head -1 <<<"$out" | grep -Eq '^sam0: flags=[0-9a-f]+<BROADCAST,SIMPLEX,MULTICAST> mtu 1500$' ||
	fail "first line: $(head -1 <<<"$out")"
grep -Eq $'^\taddress: ([0-9a-f]{2}:){5}[0-9a-f]{2}$' <<<"$out" || fail "no address: line"
ip link show sam0 >/dev/null || fail "no Linux net_device sam0"
[ "$(ifconfig -l)" = "sam0" ] || fail "ifconfig -l: $(ifconfig -l)"

ifconfig sam0 10.42.107.238 netmask 255.255.255.0
out=$(ifconfig sam0)
echo "$out"
head -1 <<<"$out" | grep -q '^sam0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> mtu 1500$' ||
	fail "after address: $(head -1 <<<"$out")"
grep -q $'^\tinet 10.42.107.238 netmask 0xffffff00 broadcast 10.42.107.255$' <<<"$out" ||
	fail "no inet line"
ip -4 addr show dev sam0 | grep -q "10.42.107.238/24" || fail "Linux does not see the address"
ip link show sam0 | grep -q "state UP\|,UP" || fail "Linux link not up"

# Linux's output goes through the driver: ARP requests are counted (the
# driver may send from the stack context, later than Linux hands it over)
sam_tx() {	# what ip -s link shows (ndo_get_stats64), without a python per poll
	cat /sys/class/net/sam0/statistics/tx_packets
}
sam_sent() { [ "$(sam_tx)" -ge 1 ]; }
ping -c 2 -W 1 10.42.107.1 >/dev/null 2>&1 || true
wait_until 60 sam_sent || fail "no packets transmitted through sam0 ($(sam_tx))"

ifconfig sam0 mtu 1400
ip link show sam0 | grep -q "mtu 1400" || fail "mtu not in Linux"
ifconfig sam0 down
ifconfig sam0 | head -1 | grep -q "flags=8802<BROADCAST,SIMPLEX,MULTICAST>" || fail "down: $(ifconfig sam0 | head -1)"

nicinfo sam0 || fail "nicinfo sam0"

# bad input
expect_fail "Device not configured" ifconfig nosuch0
expect_fail "Device not configured" ifconfig nosuch0 destroy
expect_fail "" ifconfig sam0 mtu 100000
grep -q devnp_sam /proc/modules || fail "devnp_sam not loaded"
expect_fail "in use" rmmod devnp_sam

ifconfig sam0 destroy
ip link show sam0 2>/dev/null && fail "sam0 still in Linux after destroy"
rmmod devnp_sam || fail "devnp_sam cannot unload after destroy"

# the guide's driver test: mount, address, traffic, destroy; 100 rounds
for i in $(seq 1 100); do
	io-pkt-mount -T io-pkt devnp-sam.so >/dev/null || fail "round $i: mount"
	ifconfig sam0 10.42.$((i % 200)).1/24 || fail "round $i: address"
	# one datagram: Linux resolves the neighbour, the ARP request goes
	# out through sam0 (no one answers; nothing waits for an answer)
	echo x 2>/dev/null >/dev/udp/10.42.$((i % 200)).2/9 || true
	wait_until 30 sam_sent || fail "round $i: nothing sent through sam0"
	ifconfig sam0 destroy || fail "round $i: destroy"
done
echo "100 mount/address/send/destroy rounds ok"
