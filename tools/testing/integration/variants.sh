#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The variants' feature sets as a user meets them: io-pkt-v4 has no IPv6
# (ifconfig inet6 and Linux's ip -6 are refused on its interfaces, IPv6
# frames are not passed up), io-pkt-v6-hc has it; sysctl shows the
# forwarding options the launcher was given; fastforward=1 is refused (no
# fast path yet) while fastforward=0 is accepted. Out-of-range -t and -P
# are refused by the launcher and, sent raw over generic netlink
# (genl_limits.c), by the kernel.
set -euo pipefail

. "$(dirname "$0")/common.bash"

cleanup() {
	SOCK=/v4 ifconfig sam0 destroy 2>/dev/null || true
	SOCK=/v6 ifconfig sam0 destroy 2>/dev/null || true
	SOCK=/v6 ifconfig en0 destroy 2>/dev/null || true
	modprobe -r devnp_sam 2>/dev/null || true
	modprobe -r iopkt 2>/dev/null || true
	ip netns del v4 2>/dev/null || true
	ip netns del v6 2>/dev/null || true
}
trap cleanup EXIT

io-pkt-v4 -i 3 -d sam -p tcpip prefix=/v4,forward,enmap || fail "io-pkt-v4"
io-pkt-v6-hc -i 4 -d sam -p tcpip prefix=/v6,fastforward=0 || fail "io-pkt-v6-hc -i 4"
expect_fail "already running" io-pkt-v4 -i 3
expect_fail "fastforward: not implemented yet" io-pkt-v4 -i 5 -p tcpip forward,fastforward=1
expect_fail "io-pkt instance 5 is not running" io-pkt-stop -i 5
expect_fail "-t 65: must be a number from 1 to 64" io-pkt-v4 -i 5 -t 65
expect_fail "-P 256: must be a number from 1 to 255" io-pkt-v4 -i 5 -P 256
top=$(cd "$(dirname "$0")/../../.." && pwd)
limits=$(mktemp -d)/genl_limits
cc -Wall -Wextra -Werror -D_GNU_SOURCE -I"$top/include/uapi" -I"$top/tools/lib" \
	-o "$limits" "$(dirname "$0")/genl_limits.c" "$top/build/tools/lib/libiopkt.a" \
	-lmnl || fail "cannot build genl_limits"
"$limits" || fail "genl_limits: the kernel accepted an out-of-range count"

# v4: IPv4 works, IPv6 is refused with a reason
SOCK=/v4 ifconfig sam0 10.5.0.1 netmask 255.255.255.0 || fail "v4: inet"
SOCK=/v4 ifconfig sam0 | grep -q $'^\tinet 10.5.0.1 netmask 0xffffff00' ||
	fail "v4: no inet line"
expect_fail "IPv6" env SOCK=/v4 ifconfig sam0 inet6 2001:db8::1 prefixlen 64
if ip -n v4 -6 addr add 2001:db8::2/64 dev sam0 2>/dev/null; then
	fail "v4: Linux added an IPv6 address to sam0"
fi
ip -n v4 -6 addr show dev sam0 | grep -q inet6 && fail "v4: sam0 has IPv6 addresses"
[ "$(SOCK=/v4 sysctl -n net.inet.ip.forwarding)" = 1 ] || fail "v4: forward not applied"

# v6-hc: both
SOCK=/v6 ifconfig sam0 inet6 2001:db8::1 prefixlen 64 || fail "v6: inet6"
SOCK=/v6 ifconfig sam0 | grep -q $'^\tinet6 2001:db8::1 prefixlen 64' ||
	fail "v6: no inet6 line: $(SOCK=/v6 ifconfig sam0)"
ip -n v6 -6 addr show dev sam0 | grep -q "2001:db8::1/64" || fail "v6: Linux does not see it"
[ "$(SOCK=/v6 sysctl -n net.inet.ip.forwarding)" = 0 ] || fail "v6: forwarding on without forward"

# enXX mapping: en0 is the first Ethernet interface (v6); enmap turns it off (v4)
SOCK=/v6 ifconfig en0 | head -1 | grep -q '^sam0: flags=' || fail "v6: en0 is not sam0: $(SOCK=/v6 ifconfig en0 2>&1)"
SOCK=/v6 ifconfig en0 mtu 1400
SOCK=/v6 ifconfig sam0 | head -1 | grep -q 'mtu 1400$' || fail "v6: ifconfig en0 mtu did not reach sam0"
SOCK=/v6 nicinfo en0 >/dev/null || fail "v6: nicinfo en0"
SOCK=/v6 netstat -I en0 | grep -q '^sam0' || fail "v6: netstat -I en0"
SOCK=/v6 io-pkt-mount -T io-pkt4 -o name=en devnp-sam.so || fail "v6: a real en0 next to the mapping"
SOCK=/v6 ifconfig en0 | head -1 | grep -q '^en0: flags=' || fail "v6: the real en0 does not win"
SOCK=/v6 ifconfig en1 | head -1 | grep -q '^en0: flags=' || fail "v6: the second Ethernet interface is not en1"
SOCK=/v6 ifconfig en0 destroy
SOCK=/v6 ifconfig en0 | head -1 | grep -q '^sam0: flags=' || fail "v6: en0 is not sam0 again"
expect_fail "Device not configured" env SOCK=/v4 ifconfig en0

# the instances do not see each other's interfaces
[ "$(SOCK=/v4 ifconfig -l)" = sam0 ] || fail "v4: ifconfig -l: $(SOCK=/v4 ifconfig -l)"
SOCK=/v4 ifconfig sam0 destroy
SOCK=/v6 ifconfig sam0 >/dev/null || fail "destroying v4's sam0 took v6's"
expect_fail "Device not configured" env SOCK=/v4 ifconfig sam0
# io-pkt-stop ends an instance (QNX: slay); the other keeps running
SOCK=/v4 io-pkt-stop || fail "SOCK=/v4 io-pkt-stop"
expect_fail "no io-pkt instance with prefix /v4" env SOCK=/v4 ifconfig -l
expect_fail "io-pkt instance 3 is not running" io-pkt-stop -i 3
SOCK=/v6 ifconfig sam0 >/dev/null || fail "stopping instance 3 touched instance 4"
io-pkt-stop -i 4 || fail "io-pkt-stop -i 4"
ip -n v6 link show sam0 2>/dev/null && fail "sam0 still in netns v6 after the stop"
rmmod devnp_sam || fail "devnp_sam cannot unload once the instances stopped"
echo "variants: ok"
