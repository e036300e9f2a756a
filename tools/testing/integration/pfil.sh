#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The pfil hook sample (lsm-pfil.ko, the User's Guide's example): it counts
# the IPv4 bytes an iopkt interface receives and sends, hears of address
# changes and of interface attach and detach, takes its hooks out at the
# first detach; with drop=PROTO its hooks stop packets, which the user sees
# as a ping that gets no answer. Traffic: shim0 (devnp-shim on one end of a
# veth pair) in the root namespace, a Linux peer on the other end in netns
# pfpeer.
set -euo pipefail

. "$(dirname "$0")/common.bash"
stat_of() {	# stat_of NAME: a counter of lsm-pfil in instance 0
	awk -v k="$1" '$1 == k { print $2 }' /sys/kernel/debug/lsm-pfil/iopkt0
}
stat_above() {	# stat_above NAME N: the counter passed N
	[ "$(stat_of "$1")" -gt "$2" ]
}

cleanup() {
	ifconfig shim0 destroy 2>/dev/null || true
	ifconfig sam0 destroy 2>/dev/null || true
	ip netns del pfpeer 2>/dev/null || true
	ip link del pfa 2>/dev/null || true
	modprobe -r lsm_pfil devnp_shim devnp_sam 2>/dev/null || true
	modprobe -r iopkt 2>/dev/null || true
}
trap cleanup EXIT

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
ip netns add pfpeer
ip link add pfa type veth peer name pfb
ip link set pfb netns pfpeer
ip -n pfpeer addr add 10.88.0.2/24 dev pfb
ip -n pfpeer link set pfb up
ip -n pfpeer link set lo up
ip link set pfa up

dmesg -C
io-pkt-v6-hc -d shim dev=pfa -p pfil || fail "io-pkt-v6-hc -d shim dev=pfa -p pfil"
in_dmesg "lsm-pfil: loaded into instance 0" || fail "no load message"
[ "$(stat_of hooked)" = 1 ] || fail "hooks not in"
expect_fail "already mounted" io-pkt-mount -T io-pkt lsm-pfil.so

# PFIL_IFADDR: an address through our ifconfig, one through Linux's ip.
# Linux's notifiers queue the event to iopkt_wq: it comes asynchronously.
ifconfig shim0 10.88.0.1 netmask 255.255.255.0
wait_until 60 stat_above ifaddr 0 ||
	fail "no PFIL_IFADDR event for ifconfig ($(stat_of ifaddr))"
a1=$(stat_of ifaddr)
ip addr add 10.88.1.1/24 dev shim0
wait_until 60 stat_above ifaddr "$a1" ||
	fail "no PFIL_IFADDR event for ip addr add ($a1 -> $(stat_of ifaddr))"
# the hook counts, then logs
wait_until 60 in_dmesg "lsm-pfil: shim0: address change 0x" || fail "no address change message"

# the hooks see the packets: 5 echo requests out, 5 replies in, 128 bytes
# each (20 IP + 8 ICMP + 100), as off the wire
ping -c 5 -i 0.2 -W 30 -s 100 10.88.0.2 >/dev/null || fail "ping through shim0"
for d in in out; do
	p=$(stat_of ${d}_packets) b=$(stat_of ${d}_bytes)
	echo "pfil: $d $p packets, $b bytes"
	[ "$p" -ge 5 ] || fail "$d hook saw $p packets, want >= 5"
	[ "$b" -ge 640 ] || fail "$d hook saw $b bytes, want >= 640"
done
# TCP both ways counts too
ip netns exec pfpeer python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.88.0.2", 5001)); s.listen(1); c, _ = s.accept(); n = 0
while True:
    d = c.recv(65536)
    if not d: break
    n += len(d)
c.sendall(str(n).encode()); c.close()' &
srv=$!
wait_until 60 listening pfpeer 5001 || fail "the TCP receiver in pfpeer never listened"
before=$(stat_of out_bytes)
got=$(python3 -c '
import socket
s = socket.create_connection(("10.88.0.2", 5001), timeout=60)
s.sendall(b"x" * 1000000); s.shutdown(socket.SHUT_WR)
print(s.recv(100).decode())')
wait $srv
[ "$got" = 1000000 ] || fail "TCP: peer received '$got' bytes, want 1000000"
after=$(stat_of out_bytes)
[ $((after - before)) -ge 1000000 ] || fail "out hook saw $((after - before)) bytes of a 1 MB TCP send"

# bad options get a reason; the stack keeps running
rmmod lsm_pfil || fail "lsm-pfil cannot unload"
[ ! -e /sys/kernel/debug/lsm-pfil ] || fail "debugfs left behind"
expect_fail "bogus" io-pkt-mount -T io-pkt -o bogus=1 lsm-pfil.so
expect_fail "drop=300" io-pkt-mount -T io-pkt -o drop=300 lsm-pfil.so
ping -c 1 -W 30 10.88.0.2 >/dev/null || fail "ping after a refused mount"

# drop=1 (ICMP): a nonzero hook return stops the packet; TCP still flows
io-pkt-mount -T io-pkt -o drop=1 lsm-pfil.so || fail "mount drop=1"
ping -c 2 -W 1 10.88.0.2 >/dev/null 2>&1 && fail "ping passed a hook that drops ICMP"
wait_until 60 stat_above dropped 1 || fail "dropped counter: $(stat_of dropped)"
python3 -c '
import socket, sys
try:
    socket.create_connection(("10.88.0.2", 5002), timeout=60)
except ConnectionRefusedError:
    sys.exit(0)    # the RST came back: TCP passes the hooks
except OSError as e:
    print(e); sys.exit(1)' || fail "TCP blocked by a hook that drops only ICMP"
rmmod lsm_pfil || fail "unload with drop=1"
ping -c 1 -W 30 10.88.0.2 >/dev/null || fail "ping after the dropping hooks left"

# PFIL_IFNET: attach and detach; the first detach takes the hooks out
io-pkt-mount -T io-pkt lsm-pfil.so || fail "mount again"
io-pkt-mount -T io-pkt devnp-sam.so || fail "mount sam"
[ "$(stat_of attached)" = 1 ] || fail "attach events: $(stat_of attached)"
in_dmesg "lsm-pfil: sam0 attached" || fail "no attach message"
ifconfig sam0 destroy
[ "$(stat_of detached)" = 1 ] || fail "detach events: $(stat_of detached)"
in_dmesg "lsm-pfil: sam0 detached: .* bytes in, .* bytes out" || fail "no detach message"
[ "$(stat_of hooked)" = 0 ] || fail "hooks still in after a detach"
n=$(stat_of in_packets)
ping -c 2 -i 0.2 -W 30 10.88.0.2 >/dev/null || fail "ping after the hooks left"
[ "$(stat_of in_packets)" = "$n" ] || fail "removed hooks still count"

# keep: a detach leaves the hooks in
rmmod lsm_pfil
io-pkt-mount -T io-pkt -o keep lsm-pfil.so || fail "mount keep"
io-pkt-mount -T io-pkt devnp-sam.so && ifconfig sam0 destroy
[ "$(stat_of hooked)" = 1 ] || fail "keep: hooks gone after a detach"
ping -c 1 -W 30 10.88.0.2 >/dev/null || fail "ping with keep"
[ "$(stat_of in_packets)" -ge 1 ] || fail "keep: not counting"

# load/unload loop: nothing leaks (the harness scans kmemleak)
for i in $(seq 1 20); do
	rmmod lsm_pfil || fail "round $i: rmmod"
	io-pkt-mount -T io-pkt lsm-pfil.so >/dev/null || fail "round $i: mount"
done
echo "pfil: ok"
