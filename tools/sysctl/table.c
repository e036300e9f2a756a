// SPDX-License-Identifier: GPL-2.0
/*
 * The NetBSD names sysctl knows, in name order. To add one: a line here,
 * and a line in sysctl.8.
 */
#include <stddef.h>

#include "sysctl.h"

#define IPV4	"/proc/sys/net/ipv4/"
#define IPV6	"/proc/sys/net/ipv6/"
#define CORE	"/proc/sys/net/core/"
#define NO_LOOPBACK_CKSUM \
	"Linux never checksums packets on the loopback interface"

const struct sysctl_node sysctl_nodes[] = {
	{ "kern.somaxconn", SC_INT, CORE "somaxconn", 0, NULL },
	{ "net.inet.icmp.bmcastecho", SC_INVERT,
	  IPV4 "icmp_echo_ignore_broadcasts", 0, NULL },
	{ "net.inet.ip.anonportmax", SC_FIELD, IPV4 "ip_local_port_range", 1, NULL },
	{ "net.inet.ip.anonportmin", SC_FIELD, IPV4 "ip_local_port_range", 0, NULL },
	{ "net.inet.ip.do_loopback_cksum", SC_CONST, NULL, 0, NO_LOOPBACK_CKSUM },
	{ "net.inet.ip.forwarding", SC_INT, IPV4 "ip_forward", 0, NULL },
	{ "net.inet.ip.ifq.maxlen", SC_INT, CORE "netdev_max_backlog", 0, NULL },
	{ "net.inet.ip.ttl", SC_INT, IPV4 "ip_default_ttl", 0, NULL },
	{ "net.inet.tcp.do_loopback_cksum", SC_CONST, NULL, 0, NO_LOOPBACK_CKSUM },
	{ "net.inet.tcp.ecn.enable", SC_INT, IPV4 "tcp_ecn", 0, NULL },
	{ "net.inet.tcp.recvspace", SC_FIELD, IPV4 "tcp_rmem", 1, NULL },
	{ "net.inet.tcp.sack.enable", SC_INT, IPV4 "tcp_sack", 0, NULL },
	{ "net.inet.tcp.sendspace", SC_FIELD, IPV4 "tcp_wmem", 1, NULL },
	{ "net.inet.tcp.somaxconn", SC_INT, CORE "somaxconn", 0, NULL },
	{ "net.inet.udp.do_loopback_cksum", SC_CONST, NULL, 0, NO_LOOPBACK_CKSUM },
	{ "net.inet.udp.recvspace", SC_INT, CORE "rmem_default", 0, NULL },
	{ "net.inet.udp.sendspace", SC_INT, CORE "wmem_default", 0, NULL },
	{ "net.inet6.ip6.forwarding", SC_INT, IPV6 "conf/all/forwarding", 0, NULL },
};

const int sysctl_nnodes = sizeof(sysctl_nodes) / sizeof(sysctl_nodes[0]);
