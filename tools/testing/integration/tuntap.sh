#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tun and tap cloners: ifconfig create/destroy, the character devices, and
# a program on them (tuntap.py) answering Linux's pings on tun0 (plain,
# with TUNSIFHEAD, over IPv6) and its ARP on tap0; counters, errors for
# bad writes and ioctls, destroy under an open file, another instance's
# device names, and 50 create/destroy rounds (kmemleak judged by the
# harness).
set -euo pipefail

helper="python3 tools/testing/integration/tuntap.py"
tmp=$(mktemp -d)
pids=()

. "$(dirname "$0")/common.bash"
ready_or_gone() { [ -e "$1" ] || ! kill -0 "$2" 2>/dev/null; }
# start the helper in the background and wait until it has the device open
bg_helper() {	# bg_helper NAME args...
	local name=$1
	shift
	rm -f "$tmp/$name.ready"
	$helper "$@" --ready "$tmp/$name.ready" >"$tmp/$name.out" 2>&1 &
	pids+=($!)
	# ready, or gone (it failed): no point waiting longer
	wait_until 60 ready_or_gone "$tmp/$name.ready" $! || true
	[ -e "$tmp/$name.ready" ] && return 0
	cat "$tmp/$name.out"
	fail "$name: the helper did not open its device"
}
counter() {	# counter IF rx|tx packets|errors|dropped
	ip -s -j link show "$1" | python3 -c \
		"import json,sys; print(json.load(sys.stdin)[0]['stats64']['$2']['$3'])"
}
above() {	# above IF rx|tx packets|errors|dropped N: the counter passed N
	[ "$(counter "$1" "$2" "$3")" -gt "$4" ]
}

cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	for i in tun0 tun1 tap0 tap1; do ifconfig $i destroy 2>/dev/null || true; done
	SOCK=/tuntest ifconfig tun0 destroy 2>/dev/null || true
	modprobe -r iopkt 2>/dev/null || true
	ip netns delete tuntest 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

io-pkt-v6-hc || fail "io-pkt-v6-hc"

# the cloners
out=$(ifconfig -C)
echo "cloners: $out"
grep -qw tun <<<"$out" || fail "ifconfig -C does not list tun"
grep -qw tap <<<"$out" || fail "ifconfig -C does not list tap"
expect_fail "Device not configured" ifconfig nosuch0 create

# --- tun0 ---
ifconfig tun0 create
expect_fail "exists" ifconfig tun0 create
[ -c /dev/tun0 ] || fail "no /dev/tun0"
[ -c /dev/net/tun ] && echo "/dev/net/tun untouched"
out=$(ifconfig tun0)
echo "$out"
head -1 <<<"$out" | grep -q '^tun0: flags=8010<POINTOPOINT,MULTICAST> mtu 1500$' ||
	fail "tun0 first line: $(head -1 <<<"$out")"
ip link show tun0 | grep -q "POINTOPOINT,MULTICAST,NOARP" || fail "Linux flags: $(ip link show tun0)"
ip link show tun0 | grep -q "link/none" || fail "tun0 has a link layer: $(ip link show tun0)"

ifconfig tun0 10.77.0.1 10.77.0.2
out=$(ifconfig tun0)
echo "$out"
grep -q $'^\tinet 10.77.0.1 -> 10.77.0.2 netmask 0xffffffff$' <<<"$out" ||
	fail "no point-to-point inet line"
ip -4 addr show dev tun0 | grep -q "10.77.0.1 peer 10.77.0.2/32" ||
	fail "Linux: $(ip -4 addr show dev tun0)"
head -1 <<<"$out" | grep -q "<UP,POINTOPOINT,MULTICAST>" ||
	fail "up but not open: $(head -1 <<<"$out")"

# nobody has the device open: Linux's packets are dropped and counted
oerr=$(counter tun0 tx errors)
ping -c 1 -W 1 10.77.0.2 >/dev/null 2>&1 && fail "ping answered with the device closed"
wait_until 30 above tun0 tx errors "$oerr" || fail "drop not counted in if_oerrors"
ifconfig -v tun0 | grep -q $'^\toutput: .* errors\\?$' || fail "ifconfig -v: no output errors: $(ifconfig -v tun0)"

# open: RUNNING; ping through a program on /dev/tun0
tx=$(counter tun0 tx packets)
rx=$(counter tun0 rx packets)
bg_helper echo echo /dev/tun0 --count 1
ifconfig tun0 | head -1 | grep -q "<UP,POINTOPOINT,RUNNING,MULTICAST>" ||
	fail "open but not RUNNING: $(ifconfig tun0 | head -1)"
ping -c 1 -W 30 10.77.0.2 || { cat "$tmp/echo.out"; fail "ping over tun0"; }
wait "${pids[-1]}" || { cat "$tmp/echo.out"; fail "echo helper"; }
cat "$tmp/echo.out"
[ "$(counter tun0 tx packets)" -gt "$tx" ] || fail "tx packets did not move"
[ "$(counter tun0 rx packets)" -gt "$rx" ] || fail "rx packets did not move"
ifconfig -v tun0 | grep $'^\tinput:' || fail "ifconfig -v"
netstat -I tun0 || fail "netstat -I tun0"
ifconfig tun0 | head -1 | grep -q RUNNING && fail "still RUNNING after close"

# the same with TUNSIFHEAD (4-byte address family in front)
bg_helper echohead echo /dev/tun0 --head --count 2
ping -c 2 -i 0.3 -W 30 10.77.0.2 || { cat "$tmp/echohead.out"; fail "ping with TUNSIFHEAD"; }
wait "${pids[-1]}" || { cat "$tmp/echohead.out"; fail "echo helper (head)"; }
cat "$tmp/echohead.out"

# IPv6 over tun0, version nibble chosen
ip -6 addr add fd77::1 peer fd77::2 dev tun0 nodad
bg_helper echo6 echo /dev/tun0 --count 1
ping -6 -c 1 -W 30 fd77::2 || { cat "$tmp/echo6.out"; fail "ping6 over tun0"; }
wait "${pids[-1]}" || { cat "$tmp/echo6.out"; fail "echo helper (v6)"; }
grep -q "IPv6 echo" "$tmp/echo6.out" || fail "no IPv6 echo: $(cat "$tmp/echo6.out")"

# bad input
$helper checks /dev/tun0 --up || fail "tun checks"
ierr=$(ifconfig -v tun0 | grep $'^\tinput:')
grep -q "errors" <<<"$ierr" || fail "refused writes not counted: $ierr"
expect_fail "Invalid argument" ifconfig tun0 mtu 9000
expect_fail "Invalid argument" ip link set tun0 mtu 200
ifconfig tun0 mtu 1400
ip link show tun0 | grep -q "mtu 1400" || fail "mtu 1400 not in Linux"
ifconfig tun0 down
ifconfig tun0 mtu 1500

# destroy while a reader blocks: it gets ENXIO, writes too, poll says HUP
ifconfig tun0 up
bg_helper block block /dev/tun0
ifconfig tun0 destroy
wait "${pids[-1]}" || true
cat "$tmp/block.out"
grep -q "read: ENXIO" "$tmp/block.out" || fail "blocked reader: $(cat "$tmp/block.out")"
grep -q "write: ENXIO" "$tmp/block.out" || fail "write after destroy: $(cat "$tmp/block.out")"
grep -q "poll: hup" "$tmp/block.out" || fail "poll after destroy: $(cat "$tmp/block.out")"
[ -e /dev/tun0 ] && fail "/dev/tun0 still there after destroy"
ip link show tun0 2>/dev/null && fail "tun0 still in Linux"

# --- tap0 ---
ifconfig tap0 create
[ -c /dev/tap0 ] || fail "no /dev/tap0"
out=$(ifconfig tap0)
echo "$out"
head -1 <<<"$out" | grep -q '^tap0: flags=8802<BROADCAST,SIMPLEX,MULTICAST> mtu 1500$' ||
	fail "tap0 first line: $(head -1 <<<"$out")"
mac=$(grep -Eo $'^\taddress: ([0-9a-f]{2}:){5}[0-9a-f]{2}' <<<"$out" | awk '{print $2}')
[ -n "$mac" ] || fail "tap0 has no address"
[ $((0x${mac%%:*} & 3)) = 2 ] || fail "$mac is not a locally administered unicast address"
ip link show tap0 | grep -q "link/ether $mac" || fail "Linux MAC differs"
[ "$($helper tapname /dev/tap0)" = tap0 ] || fail "TAPGIFNAME"
ifconfig tap0 10.78.0.1/24
ifconfig tap0 | grep -q "status: active" || fail "tap0 link not up: $(ifconfig tap0)"
oerr=$(counter tap0 tx errors)
ping -c 1 -W 1 10.78.0.5 >/dev/null 2>&1 && fail "ping answered on tap0 with the device closed"
wait_until 30 above tap0 tx errors "$oerr" || fail "tap0: drop not counted in if_oerrors"
rx=$(counter tap0 rx packets)
$helper arp /dev/tap0 10.78.0.2 10.78.0.1 --ready "$tmp/arp.ready" ||
	fail "no ARP answer from Linux through tap0"
[ "$(counter tap0 rx packets)" -gt "$rx" ] || fail "tap0 rx packets did not move"
ip neigh show dev tap0 | grep -q "10.78.0.2 lladdr 02:77:00:00:00:02" ||
	fail "Linux did not learn the helper's address: $(ip neigh show dev tap0)"
$helper tapchecks /dev/tap0 || fail "tap checks"
bg_helper tapblock block /dev/tap0
ifconfig tap0 destroy
wait "${pids[-1]}" || true
grep -q "read: ENXIO" "$tmp/tapblock.out" || fail "tap reader: $(cat "$tmp/tapblock.out")"

# the core holds references: no unload while a cloned interface exists
ifconfig tun1 create
expect_fail "in use" rmmod iopkt
ifconfig tun1 destroy

# another instance: its nodes are /dev/iopktN-tunM, its interfaces in its namespace
if io-pkt-v6-hc -i 1 -p tcpip prefix=/tuntest; then
	ifconfig tun0 create
	SOCK=/tuntest ifconfig tun0 create
	[ -c /dev/iopkt1-tun0 ] || fail "no /dev/iopkt1-tun0"
	[ -c /dev/tun0 ] || fail "no /dev/tun0 next to /dev/iopkt1-tun0"
	ip netns exec tuntest ip link show tun0 >/dev/null || fail "tun0 not in namespace tuntest"
	SOCK=/tuntest ifconfig tun0 destroy
	[ -e /dev/iopkt1-tun0 ] && fail "/dev/iopkt1-tun0 left behind"
	ifconfig tun0 destroy
else
	fail "cannot start instance 1"
fi

# create/destroy rounds, half of them with the device open across destroy
for i in $(seq 1 50); do
	ifconfig tun0 create || fail "round $i: tun0 create"
	ifconfig tap0 create || fail "round $i: tap0 create"
	ifconfig tun0 10.77.$((i % 200)).1 10.77.$((i % 200)).2 || fail "round $i: address"
	if [ $((i % 2)) = 0 ]; then
		exec 7<>/dev/tun0 8<>/dev/tap0
		ping -c 1 -W 1 10.77.$((i % 200)).2 >/dev/null 2>&1 || true
	fi
	ifconfig tun0 destroy || fail "round $i: tun0 destroy"
	ifconfig tap0 destroy || fail "round $i: tap0 destroy"
	exec 7>&- 8>&-
done
echo "50 create/destroy rounds ok"
[ -z "$(ls /dev/tun[0-9]* /dev/tap[0-9]* 2>/dev/null)" ] || fail "nodes left: $(ls /dev/tun* /dev/tap*)"
