#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# devnp-shim over a veth pair across network namespaces: instance 1 in
# netns a with shim0 on vethA, instance 2 in netns b with shim0 on vethB.
# Traffic (ping, TCP), counters, isolation of the instances, link state
# following the lower device, MTU, and the lower device going away.
set -euo pipefail

. "$(dirname "$0")/common.bash"
ok() { echo "ok: $*"; }
# A field of "ip -j link show" (python expression on the device dict d).
linkj() {	# linkj NETNS DEV EXPR
	ip -n "$1" -s -j link show "$2" |
		python3 -c "import json,sys; d=json.load(sys.stdin)[0]; print($3)"
}
# The Ipkts / Opkts column of "netstat -I IF" (the <Link> line).
nstat() {	# nstat SOCK IF ipkts|opkts
	local col=5
	[ "$3" = opkts ] && col=7
	SOCK=$1 netstat -I "$2" | awk -v c=$col '$3 == "<Link>" { print $c; exit }'
}
tmp=$(mktemp -d /tmp/shim-test.XXXXXX)
cleanup() {
	set +e
	[ -s "$tmp/iperf3.pid" ] && kill "$(cat "$tmp/iperf3.pid")" 2>/dev/null
	rm -rf "$tmp"
	ip netns del a 2>/dev/null
	ip netns del b 2>/dev/null
	ip link del vethR 2>/dev/null
	# Stops the instances; devnp_shim first (no interface holds it by now).
	wait_until 60 shim_unloaded || true
	modprobe -r iopkt 2>/dev/null
}
trap cleanup EXIT
shim_unloaded() {
	! grep -q '^devnp_shim ' /proc/modules || modprobe -r devnp_shim 2>/dev/null
}

command -v ping >/dev/null || fail "no ping (iputils-ping, tools/testing/packages.txt)"

# ---------------------------------------------------------------- topology
ip netns add a
ip netns add b
ip link add vethA type veth peer name vethB
ip link set vethA netns a
ip link set vethB netns b
ip -n a link set vethA up
ip -n b link set vethB up

io-pkt-v6-hc -i 1 -d shim dev=vethA -p tcpip prefix=/a || fail "start instance 1"
io-pkt-v6-hc -i 2 -d shim dev=vethB -p tcpip prefix=/b || fail "start instance 2"
expect_fail "attach failed: dev=vethB: no such net_device" io-pkt-mount -T io-pkt1 -o dev=vethB devnp-shim.so
expect_fail "cannot take its receive path" io-pkt-mount -T io-pkt1 -o dev=vethA devnp-shim.so
[ "$(SOCK=/a ifconfig -l)" = shim0 ] || fail "a failed mount left: $(SOCK=/a ifconfig -l)"

out=$(SOCK=/a ifconfig shim0)
echo "$out"
head -1 <<<"$out" | grep -Eq '^shim0: flags=[0-9a-f]+<BROADCAST,SIMPLEX,MULTICAST> mtu 1500$' ||
	fail "first line: $(head -1 <<<"$out")"
macA=$(ip -n a -j link show vethA | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')
grep -q $'^\taddress: '"$macA"'$' <<<"$out" || fail "shim0 in a does not use vethA's address $macA"

SOCK=/a ifconfig shim0 10.9.0.1/24 || fail "address in a"
SOCK=/b ifconfig shim0 10.9.0.2/24 || fail "address in b"
ip -n a -4 addr show dev shim0 | grep -q 10.9.0.1/24 || fail "Linux in a does not see 10.9.0.1"
ip -n b -4 addr show dev shim0 | grep -q 10.9.0.2/24 || fail "Linux in b does not see 10.9.0.2"

# ---------------------------------------------------------------- isolation
[ "$(SOCK=/a ifconfig -l)" = shim0 ] || fail "SOCK=/a ifconfig -l: $(SOCK=/a ifconfig -l)"
[ "$(SOCK=/b ifconfig -l)" = shim0 ] || fail "SOCK=/b ifconfig -l: $(SOCK=/b ifconfig -l)"
[ -z "$(ifconfig -l)" ] || fail "instance 0 sees: $(ifconfig -l)"
ip link show shim0 >/dev/null 2>&1 && fail "shim0 exists in the root namespace"
ipa=$(linkj a shim0 'd["ifindex"]')
ipb=$(linkj b shim0 'd["ifindex"]')
[ "$(linkj a shim0 'd["address"]')" = "$macA" ] || fail "shim0 in a has not vethA's address"
[ "$(linkj b shim0 'd["address"]')" != "$macA" ] || fail "shim0 in b has vethA's address"
SOCK=/a ifconfig shim0 | grep -q "inet 10.9.0.2 " && fail "instance 1 shows instance 2's address"
SOCK=/b ifconfig shim0 | grep -q "inet 10.9.0.1 " && fail "instance 2 shows instance 1's address"
ok "isolation: a has shim0 (ifindex $ipa), b has its own shim0 (ifindex $ipb), root none"

# ---------------------------------------------------------------- traffic
ipk0=$(nstat /a shim0 ipkts) opk0=$(nstat /a shim0 opkts)
ip netns exec a ping -c 3 -i 0.3 -W 30 10.9.0.2 || fail "ping a -> b"
ip netns exec b ping -c 2 -i 0.3 -W 30 10.9.0.1 >/dev/null || fail "ping b -> a"
ipk1=$(nstat /a shim0 ipkts) opk1=$(nstat /a shim0 opkts)
[ $((ipk1 - ipk0)) -ge 3 ] && [ $((opk1 - opk0)) -ge 3 ] ||
	fail "netstat -I shim0 counted in $ipk0->$ipk1, out $opk0->$opk1"
ok "ping both ways; netstat -I shim0: in $ipk0->$ipk1, out $opk0->$opk1"

# TCP: 8 MiB of random data, its SHA-256 checked on the other side.
head -c $((8 << 20)) /dev/urandom >"$tmp/data"
want=$(sha256sum <"$tmp/data" | cut -d' ' -f1)
ip netns exec b python3 - "$tmp" <<-'EOF' &
import hashlib, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.9.0.2", 5301))
s.listen(1)
open(sys.argv[1] + "/listening", "w").close()
s.settimeout(120)
c, _ = s.accept()
c.settimeout(60)
h, n = hashlib.sha256(), 0
while True:
    b = c.recv(65536)
    if not b:
        break
    h.update(b)
    n += len(b)
open(sys.argv[1] + "/got", "w").write("%d %s\n" % (n, h.hexdigest()))
EOF
srv=$!
wait_until 60 test -e "$tmp/listening" || fail "the TCP receiver in b never listened"
rx0=$(linkj b shim0 'd["stats64"]["rx"]["bytes"]')
ip netns exec a timeout 120 python3 -c '
import socket, sys
s = socket.create_connection(("10.9.0.2", 5301), timeout=60)
s.sendall(open(sys.argv[1], "rb").read())
s.close()' "$tmp/data" || fail "TCP send a -> b"
wait $srv || fail "TCP receiver in b"
read -r n got <"$tmp/got"
[ "$n" = $((8 << 20)) ] && [ "$got" = "$want" ] ||
	fail "TCP: received $n bytes sha256 $got, sent $((8 << 20)) sha256 $want"
rx1=$(linkj b shim0 'd["stats64"]["rx"]["bytes"]')
[ $((rx1 - rx0)) -ge $((8 << 20)) ] || fail "shim0 in b counted $((rx1 - rx0)) bytes in"
ok "TCP a -> b: 8 MiB, sha256 matches; shim0 in b counted $((rx1 - rx0)) bytes"

# iperf3, a short run: the server in b counts what arrived.
ip netns exec b iperf3 -s -1 -D -I "$tmp/iperf3.pid" -B 10.9.0.2
wait_until 60 listening b 5201 || fail "iperf3 -s never listened in b"
got=$(ip netns exec a iperf3 -J -c 10.9.0.2 -t 2 |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bytes"])')
[ "$got" -gt 0 ] || fail "iperf3: the server received $got bytes"
ok "iperf3 a -> b: the server received $got bytes"
rm -f "$tmp/iperf3.pid"

out=$(SOCK=/a ifconfig -v shim0)
grep -Eq $'^\tinput: [1-9][0-9]* packets' <<<"$out" || fail "ifconfig -v: no input: $out"
grep -Eq $'^\toutput: [1-9][0-9]* packets' <<<"$out" || fail "ifconfig -v: no output: $out"
out=$(SOCK=/b nicinfo shim0)
echo "$out" | head -3
grep -q "Linux net_device vethB (driver veth)" <<<"$out" || fail "nicinfo: description"
grep -Eq 'Packets Received OK \.+ [1-9]' <<<"$out" || fail "nicinfo: nothing received"
grep -Eq 'Packets Transmitted OK \.+ [1-9]' <<<"$out" || fail "nicinfo: nothing transmitted"
ok "ifconfig -v and nicinfo count the traffic"

# ---------------------------------------------------------------- MTU
ip netns exec a ping -c 2 -i 0.3 -W 30 -s 1472 -M do 10.9.0.2 >/dev/null ||
	fail "ping with 1500-byte packets"
ip netns exec a ping -c 1 -W 1 -s 1473 -M do 10.9.0.2 >/dev/null 2>&1 &&
	fail "ping of 1501 bytes with DF went through an MTU of 1500"
expect_fail "Invalid argument" env SOCK=/a ifconfig shim0 mtu 1501
expect_fail "" ip -n a link set shim0 mtu 1600
SOCK=/a ifconfig shim0 | head -1 | grep -q 'mtu 1500$' || fail "mtu changed after refusal"
SOCK=/a ifconfig shim0 mtu 1400 || fail "mtu 1400"
ip -n a link show shim0 | grep -q "mtu 1400" || fail "mtu 1400 not in Linux"
SOCK=/a ifconfig shim0 mtu 1500 || fail "mtu 1500"
ip -n a link set vethA mtu 1280
SOCK=/a ifconfig shim0 | head -1 | grep -q 'mtu 1280$' || fail "shim0 did not follow vethA down to 1280"
ip -n a link show shim0 | grep -q "mtu 1280" || fail "Linux mtu of shim0 did not follow vethA"
ip -n a link set vethA mtu 1500
SOCK=/a ifconfig shim0 mtu 1500 || fail "mtu 1500 again"
ok "MTU: 1500-byte packets pass; above the lower device's refused; follows it down"

# ---------------------------------------------------------------- link state
ip -n b link set vethB down
no_carrier() { SOCK=/a ifconfig shim0 | grep -q $'^\tstatus: no carrier$' &&
	ip -n a link show shim0 | grep -q NO-CARRIER; }
active() { SOCK=/a ifconfig shim0 | grep -q $'^\tstatus: active$' &&
	! ip -n a link show shim0 | grep -q NO-CARRIER; }
wait_until 30 no_carrier || true	# the checks below say what is wrong
out=$(SOCK=/a ifconfig shim0)
grep -q $'^\tstatus: no carrier$' <<<"$out" || fail "vethB down: shim0 in a: $out"
ip -n a link show shim0 | grep -q NO-CARRIER || fail "vethB down: Linux carrier of shim0 in a"
SOCK=/a nicinfo shim0 | grep -q "Link is down" || fail "nicinfo: link not down"
ip -n b link set vethB up
wait_until 30 active || true
out=$(SOCK=/a ifconfig shim0)
grep -q $'^\tstatus: active$' <<<"$out" || fail "vethB up: shim0 in a: $out"
ip netns exec a ping -c 1 -W 30 10.9.0.2 >/dev/null || fail "ping after link up"
ok "link state follows the peer: no carrier, then active"

# ---------------------------------------------------------------- destroy/stop
SOCK=/b ifconfig shim0 destroy || fail "destroy shim0 in b"
[ -z "$(SOCK=/b ifconfig -l)" ] || fail "b still has $(SOCK=/b ifconfig -l)"
[ "$(SOCK=/a ifconfig -l)" = shim0 ] || fail "destroy in b touched a: $(SOCK=/a ifconfig -l)"
ip -n b link show shim0 >/dev/null 2>&1 && fail "shim0 still in netns b"
ip -n a link show shim0 >/dev/null || fail "shim0 gone from netns a"
# vethB is Linux's again: give it the address, and a still reaches it.
ip -n b addr add 10.9.0.2/24 dev vethB
ip netns exec a ping -c 2 -i 0.3 -W 30 10.9.0.2 >/dev/null || fail "a -> bare vethB"
ip -n b addr flush dev vethB
io-pkt-mount -T io-pkt2 -o dev=vethB devnp-shim.so || fail "mount shim on vethB again"
SOCK=/b ifconfig shim0 10.9.0.2/24
ip netns exec a ping -c 2 -i 0.3 -W 30 10.9.0.2 >/dev/null || fail "ping after remount"
ok "destroy in b leaves a alone; remount works"

io-pkt-stop -i 1 || fail "io-pkt-stop -i 1"
[ -e /dev/iopkt1 ] && fail "/dev/iopkt1 still there"
ip -n a link show shim0 >/dev/null 2>&1 && fail "shim0 still in netns a after stop"
[ "$(SOCK=/b ifconfig -l)" = shim0 ] || fail "stopping 1 touched 2: $(SOCK=/b ifconfig -l)"
SOCK=/b ifconfig shim0 | grep -q $'^\tinet 10.9.0.2 ' || fail "instance 2 lost its address"
ip -n a addr add 10.9.0.1/24 dev vethA
ip netns exec b ping -c 2 -i 0.3 -W 30 10.9.0.1 >/dev/null || fail "instance 2 -> bare vethA"
ip -n a addr flush dev vethA
ok "instance 1 stopped (io-pkt-stop); instance 2 runs and forwards"

# ---------------------------------------------------------------- lower goes
io-pkt-v6-hc -i 1 -d shim dev=vethA -p tcpip prefix=/a || fail "restart instance 1"
SOCK=/a ifconfig shim0 10.9.0.1/24
ip netns exec a ping -c 1 -W 30 10.9.0.2 >/dev/null || fail "ping after restart"
ip -n a link del vethA	# vethB goes with it
no_shims() { [ -z "$(SOCK=/a ifconfig -l)$(SOCK=/b ifconfig -l)" ]; }
wait_until 60 no_shims || true	# the checks below say what is wrong
[ -z "$(SOCK=/a ifconfig -l)" ] || fail "a still has $(SOCK=/a ifconfig -l) after vethA went"
[ -z "$(SOCK=/b ifconfig -l)" ] || fail "b still has $(SOCK=/b ifconfig -l) after vethB went"
ip -n a link show shim0 >/dev/null 2>&1 && fail "shim0 still in netns a"
in_dmesg "shim0: vethA is going away: detaching" || fail "no detach message for vethA"
rmmod devnp_shim || fail "devnp_shim cannot unload: an interface holds it"
ok "deleting the veth pair detached both shims; devnp_shim unloads"

# The peer is deleted from the root namespace: vethR in a goes with it.
ip link add vethR type veth peer name vethS
ip link set vethR netns a
ip -n a link set vethR up
io-pkt-mount -T io-pkt1 -o dev=vethR devnp-shim.so || fail "mount on vethR"
[ "$(SOCK=/a ifconfig -l)" = shim0 ] || fail "no shim0 on vethR"
ip link del vethS
[ -z "$(SOCK=/a ifconfig -l)" ] || fail "shim0 survived its peer's deletion"
echo "all shim checks passed"
