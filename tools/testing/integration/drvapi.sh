#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Driver-API conformance: devnp-guidetest, the guide's sam.c ported in
# io-pkt's spelling (drivers/guidetest), in instance 0 and in instance 2:
# attach, PHY media through the MII layer, nicinfo, ping through the
# driver (tx, an ISR in hard-IRQ context returning interrupt_queue() with
# the iopkt_selfp saved at attach, the process function, if_input), then
# destroy without the driver calling interrupt_entry_remove(): the stack
# removes its entry (one warning naming the driver), KASAN stays silent
# (judged by the harness), and the module unloads.
set -euo pipefail

. "$(dirname "$0")/common.bash"
ok() { echo "ok: $*"; }

cleanup() {
	set +e
	ifconfig gt0 destroy 2>/dev/null
	SOCK=/g2 ifconfig gt0 destroy 2>/dev/null
	io-pkt-stop -i 2 2>/dev/null
	modprobe -r devnp_guidetest 2>/dev/null
	modprobe -r iopkt 2>/dev/null
	ip netns del g2 2>/dev/null
}
trap cleanup EXIT

command -v ping >/dev/null || fail "no ping (iputils-ping, tools/testing/packages.txt)"
warning="driver guidetest left 1 interrupt entry registered in its softc"

io-pkt-v6-hc -d guidetest verbose || fail "instance 0: io-pkt-v6-hc -d guidetest"
io-pkt-v6-hc -i 2 -d guidetest -p tcpip prefix=/g2 ||
	fail "instance 2: io-pkt-v6-hc -i 2 -d guidetest"

# check_instance LABEL SOCK NETNS|"" NET: attach, media, nicinfo, ping
check_instance() {
	local label=$1 sock=$2 ns=$3 net=$4 out nsx=()
	[ -z "$ns" ] || nsx=(ip netns exec "$ns")
	[ "$(SOCK=$sock ifconfig -l)" = gt0 ] ||
		fail "$label: ifconfig -l: $(SOCK=$sock ifconfig -l)"
	SOCK=$sock ifconfig gt0 "$net.1" netmask 255.255.255.0 ||
		fail "$label: ifconfig gt0 $net.1"
	out=$(SOCK=$sock ifconfig gt0)
	grep -q $'^\tstatus: active$' <<<"$out" || fail "$label: no link (mii_tick): $out"
	grep -q $'^\tmedia: Ethernet autoselect (100baseTX full-duplex' <<<"$out" ||
		fail "$label: media from the PHY (BMSR/ANLPAR): $out"
	SOCK=$sock ifconfig gt0 media 10baseT mediaopt full-duplex ||
		fail "$label: ifconfig gt0 media 10baseT"
	out=$(SOCK=$sock ifconfig gt0)
	grep -Eq $'^\tmedia: Ethernet 10baseT(/UTP)? full-duplex' <<<"$out" ||
		fail "$label: forced media not read back from the PHY: $out"
	SOCK=$sock ifconfig gt0 media autoselect
	out=$(SOCK=$sock nicinfo gt0) || fail "$label: nicinfo gt0"
	grep -q "guide sam.c conformance driver" <<<"$out" ||
		fail "$label: nicinfo (DRVCOM_CONFIG): $out"
	"${nsx[@]}" ping -c 3 -i 0.3 -W 30 "$net.2" ||
		fail "$label: ping through gt0 (ISR -> interrupt_queue -> process -> if_input)"
	ok "$label: gt0 attached, link and media from the PHY, nicinfo, ping $net.2"
}

check_instance "instance 0" "" "" 10.61.0
check_instance "instance 2" /g2 g2 10.62.0
in_dmesg "interrupt_entry_init.*failed" && fail "interrupt_entry_init refused the guide's order"
in_dmesg "WARNING:.*interrupt" && fail "a warning in the interrupt code: $(dmesg | grep -A5 WARNING: | head -20)"

# destroy: the driver never calls interrupt_entry_remove()
ifconfig gt0 destroy || fail "instance 0: ifconfig gt0 destroy"
in_dmesg "gt0: $warning" || fail "no warning naming the driver at detach"
ip link show gt0 2>/dev/null && fail "gt0 still in Linux after destroy"
SOCK=/g2 ifconfig gt0 destroy || fail "instance 2: ifconfig gt0 destroy"
[ "$(dmesg | grep -c "$warning")" = 1 ] ||
	fail "the warning is not once per driver: $(dmesg | grep -c "$warning")"
SOCK=/g2 ifconfig -l | grep -q gt0 && fail "instance 2: gt0 still there"
# instance 2 still runs its events (its list no longer points at freed softcs)
io-pkt-mount -T io-pkt2 devnp-guidetest.so || fail "instance 2: mount again"
SOCK=/g2 ifconfig gt0 10.62.0.1 netmask 255.255.255.0
ip netns exec g2 ping -c 2 -i 0.3 -W 30 10.62.0.2 >/dev/null || fail "instance 2: ping after a remount"
io-pkt-stop -i 2 || fail "io-pkt-stop -i 2"
rmmod devnp_guidetest || fail "devnp_guidetest cannot unload after the destroys"
ok "destroyed without interrupt_entry_remove(): entries removed by the stack, one warning"
echo "drvapi: ok"
