// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side driver for netstat's formatters:
 *
 *   mbufs [-v] < FILE       the -m report of a debugfs mbufs file
 *   iftable [-b] [-d]       a table of sam0 (up, with an IPv4 and an IPv6
 *                           address) and tap0 (down, no address)
 *   net6 ADDR PLEN          the network column of an IPv6 address
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ifconfig.h"
#include "ns_fmt.h"

static int mbufs(bool verbose)
{
	static char text[65536];
	struct ns_mbufs m;
	size_t n = fread(text, 1, sizeof(text) - 1, stdin);

	text[n] = '\0';
	if (ns_mbufs_parse(text, &m)) {
		printf("error: unexpected format\n");
		return 2;
	}
	ns_mbufs_print(stdout, &m, verbose);
	return 0;
}

static int iftable(int argc, char **argv)
{
	struct iopkt_if_data d = {
		.ifi_ipackets = 1443, .ifi_ierrors = 2, .ifi_opackets = 104,
		.ifi_oerrors = 1, .ifi_collisions = 0, .ifi_ibytes = 123456,
		.ifi_obytes = 10067, .ifi_iqdrops = 5,
	}, z = { 0 };
	const uint8_t mac[6] = { 0, 1, 2, 3, 4, 5 };
	uint8_t a4[4], a6[16];
	char net[96], addr[96];
	struct ns_opts o = { 0 };
	struct ns_row r;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-b"))
			o.bytes = true;
		else if (!strcmp(argv[i], "-d"))
			o.drops = true;
	}
	ns_if_header(stdout, &o);
	r = (struct ns_row){ "sam0", true, 1500, "<Link>",
			     ifc_lladdr(addr, sizeof(addr), mac, 6), &d };
	ns_if_row(stdout, &o, &r);
	inet_pton(AF_INET, "10.0.2.15", a4);
	r.network = ifc_inet_netname(net, sizeof(net), a4, 24);
	r.address = ifc_addr_text(addr, sizeof(addr), AF_INET, a4, "sam0");
	ns_if_row(stdout, &o, &r);
	inet_pton(AF_INET6, "fe80::201:2ff:fe03:405", a6);
	r.network = ns_inet6_netname(net, sizeof(net), a6, 64, "sam0");
	r.address = ifc_addr_text(addr, sizeof(addr), AF_INET6, a6, "sam0");
	ns_if_row(stdout, &o, &r);
	r = (struct ns_row){ "tap0", false, 1500, "<Link>", "", &z };
	ns_if_row(stdout, &o, &r);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "mbufs"))
		return mbufs(argc > 2 && !strcmp(argv[2], "-v"));
	if (argc >= 2 && !strcmp(argv[1], "iftable"))
		return iftable(argc - 2, argv + 2);
	if (argc == 4 && !strcmp(argv[1], "net6")) {
		uint8_t a[16];
		char buf[96];

		inet_pton(AF_INET6, argv[2], a);
		puts(ns_inet6_netname(buf, sizeof(buf), a, atoi(argv[3]), "sam0"));
		return 0;
	}
	fprintf(stderr, "ns_test: bad sub-command\n");
	return 2;
}
