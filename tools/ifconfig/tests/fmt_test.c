// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side driver for ifconfig's pure functions (ifc_fmt.c, ifc_parse.c).
 * test_ifconfig.py runs it with a sub-command and compares its output:
 *
 *   flags HEX                       printb of interface flags
 *   caps LABEL HEX                  printb of capabilities
 *   media HEX SEP                   a media word
 *   status HEX STATUS               the status word of ifm_status
 *   mediaset CURRENT ARGS...        ifconfig ARGS applied to a media word
 *   parse ARGS...                   the parsed command
 *   capsapply CRX CTX ERX ETX ARGS...  enabled rx/tx after ARGS
 *   counters N*11                   the -v lines
 *   addr4 ADDR PLEN BRD|- IFFLAGS [DST]
 *   addr6 ADDR PLEN IFAFLAGS IFINDEX IFNAME
 *   netname ADDR PLEN | defplen ADDR | lladdr HEXBYTES
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ifconfig.h"

static unsigned long num(const char *s)
{
	return strtoul(s, NULL, 0);
}

static int parse_or_die(int argc, char **argv, struct ifc_cmd *cmd)
{
	char err[256];

	if (ifc_parse(argc, argv, cmd, err, sizeof(err))) {
		printf("error: %s\n", err);
		exit(2);
	}
	return 0;
}

static void dump_cmd(const struct ifc_cmd *c)
{
	char txt[64];

	printf("create=%d destroy=%d nparams=%d show_family=%d\n", c->create,
	       c->destroy, c->nparams, c->show_family);
	printf("flags_set=%x flags_clr=%x\n", c->flags_set, c->flags_clr);
	if (c->has_mtu)
		printf("mtu=%d\n", c->mtu);
	if (c->has_metric)
		printf("metric=%d\n", c->metric);
	if (c->media)
		printf("media=%s\n", c->media);
	if (c->mediaopt_set)
		printf("mediaopt=%s\n", c->mediaopt_set);
	if (c->mediaopt_clr)
		printf("-mediaopt=%s\n", c->mediaopt_clr);
	printf("cap_set=%x cap_clr=%x rx_set=%x rx_clr=%x tx_set=%x tx_clr=%x\n",
	       c->cap_set, c->cap_clr, c->cap_rx_set, c->cap_rx_clr,
	       c->cap_tx_set, c->cap_tx_clr);
	if (c->addr.op == IFC_ADDR_NONE)
		return;
	printf("addr op=%s family=%s addr=%s plen=%d",
	       c->addr.op == IFC_ADDR_SET ? "set" :
	       c->addr.op == IFC_ADDR_ALIAS ? "alias" : "delete",
	       c->addr.family == AF_INET ? "inet" : "inet6",
	       inet_ntop(c->addr.family, c->addr.addr, txt, sizeof(txt)),
	       c->addr.plen);
	if (c->addr.has_brd)
		printf(" broadcast=%s",
		       inet_ntop(AF_INET, c->addr.brd, txt, sizeof(txt)));
	if (c->addr.has_dst)
		printf(" dst=%s",
		       inet_ntop(c->addr.family, c->addr.dst, txt, sizeof(txt)));
	printf("\n");
}

int main(int argc, char **argv)
{
	char b[1024], err[256];
	struct ifc_cmd cmd;
	const char *what;

	if (argc < 2)
		return 2;
	what = argv[1];
	argc -= 2;
	argv += 2;

	if (!strcmp(what, "flags") && argc == 1) {
		puts(ifc_printb(b, sizeof(b), "flags", num(argv[0]), ifc_flag_bits));
	} else if (!strcmp(what, "caps") && argc == 2) {
		puts(ifc_printb(b, sizeof(b), argv[0], num(argv[1]), ifc_cap_bits));
	} else if (!strcmp(what, "media") && argc == 2) {
		printf("%s %s\n", ifc_media_type_name((int)num(argv[0])),
		       ifc_media_word(b, sizeof(b), (int)num(argv[0]), argv[1]));
	} else if (!strcmp(what, "status") && argc == 2) {
		const char *s = ifc_media_status((int)num(argv[0]), (int)num(argv[1]));

		puts(s ? s : "(none)");
	} else if (!strcmp(what, "mediaset") && argc >= 1) {
		int m;

		parse_or_die(argc - 1, argv + 1, &cmd);
		m = ifc_media_apply(&cmd, (int)num(argv[0]), err, sizeof(err));
		if (m == -1) {
			printf("error: %s\n", err);
			return 2;
		}
		printf("0x%08x %s\n", (unsigned int)m,
		       ifc_media_word(b, sizeof(b), m, " "));
	} else if (!strcmp(what, "parse")) {
		parse_or_die(argc, argv, &cmd);
		dump_cmd(&cmd);
	} else if (!strcmp(what, "capsapply") && argc >= 4) {
		struct iopkt_ifcapreq cr = {
			.ifcr_capabilities_rx = num(argv[0]),
			.ifcr_capabilities_tx = num(argv[1]),
			.ifcr_capenable_rx = num(argv[2]),
			.ifcr_capenable_tx = num(argv[3]),
		};

		parse_or_die(argc - 4, argv + 4, &cmd);
		ifc_caps_apply(&cmd, &cr);
		printf("rx=%x tx=%x\n", cr.ifcr_capenable_rx, cr.ifcr_capenable_tx);
	} else if (!strcmp(what, "counters") && argc == 11) {
		struct iopkt_if_data d = {
			.ifi_ipackets = num(argv[0]), .ifi_ibytes = num(argv[1]),
			.ifi_imcasts = num(argv[2]), .ifi_ierrors = num(argv[3]),
			.ifi_iqdrops = num(argv[4]), .ifi_noproto = num(argv[5]),
			.ifi_opackets = num(argv[6]), .ifi_obytes = num(argv[7]),
			.ifi_omcasts = num(argv[8]), .ifi_oerrors = num(argv[9]),
			.ifi_collisions = num(argv[10]),
		};

		fputs(ifc_counters(b, sizeof(b), &d), stdout);
	} else if (!strcmp(what, "addr4") && (argc == 4 || argc == 5)) {
		struct ifc_addr a = { .family = AF_INET, .plen = (int)num(argv[1]) };

		inet_pton(AF_INET, argv[0], a.local);
		if (strcmp(argv[2], "-")) {
			inet_pton(AF_INET, argv[2], a.brd);
			a.has_brd = true;
		}
		if (argc == 5) {
			inet_pton(AF_INET, argv[4], a.dst);
			a.has_dst = true;
		}
		puts(ifc_addr_line(b, sizeof(b), &a, "sam0", num(argv[3])));
	} else if (!strcmp(what, "addr6") && argc == 5) {
		struct ifc_addr a = {
			.family = AF_INET6, .plen = (int)num(argv[1]),
			.flags = num(argv[2]), .ifindex = (int)num(argv[3]),
		};

		inet_pton(AF_INET6, argv[0], a.local);
		puts(ifc_addr_line(b, sizeof(b), &a, argv[4], 0x8843));
	} else if (!strcmp(what, "netname") && argc == 2) {
		uint8_t a[4];

		inet_pton(AF_INET, argv[0], a);
		puts(ifc_inet_netname(b, sizeof(b), a, (int)num(argv[1])));
	} else if (!strcmp(what, "defplen") && argc == 1) {
		uint8_t a[4];

		inet_pton(AF_INET, argv[0], a);
		printf("%d\n", ifc_inet_default_plen(a));
	} else if (!strcmp(what, "lladdr") && argc == 1) {
		uint8_t a[16];
		int n = 0;

		while (n < 16 && sscanf(argv[0] + 2 * n, "%2hhx", &a[n]) == 1)
			n++;
		puts(ifc_lladdr(b, sizeof(b), a, n));
	} else {
		fprintf(stderr, "fmt_test: bad sub-command\n");
		return 2;
	}
	return 0;
}
