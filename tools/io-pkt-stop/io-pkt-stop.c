// SPDX-License-Identifier: GPL-2.0
/*
 * io-pkt-stop: stop an io-pkt instance. On QNX the stack is a process and
 * ends with slay(1); here it lives in the kernel and this tool asks it
 * (generic netlink family iopkt, command STOP) to detach the instance's
 * interfaces and end it.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/libiopkt.h"
#include "../lib/libiopkt_internal.h"

static const char *prog = "io-pkt-stop";

static void usage(void)
{
	fprintf(stderr,
		"usage: %s [-v] [-i instance]\n"
		"  stops instance N (-i), else the instance SOCK names (default 0)\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	struct iopkt_genl *g;
	char err[512];
	int c, instance = -1, verbose = 0, rc;
	long v;

	prog = basename(argv[0]);
	while ((c = getopt(argc, argv, "i:v")) != -1) {
		switch (c) {
		case 'i':
			if (iopkt_parse_long(optarg, 0, INT_MAX, &v)) {
				fprintf(stderr, "%s: -i %s: not an instance number\n",
					prog, optarg);
				return 2;
			}
			instance = (int)v;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (instance < 0) {
		instance = iopkt_instance_from_env(err, sizeof(err));
		if (instance < 0) {
			fprintf(stderr, "%s: %s\n", prog, err);
			return 1;
		}
	}
	g = iopkt_genl_open(err, sizeof(err));
	if (!g) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	rc = iopkt_genl_stop(g, instance, err, sizeof(err));
	iopkt_genl_close(g);
	if (rc) {
		fprintf(stderr, "%s: cannot stop io-pkt instance %d: %s\n", prog,
			instance, err);
		return 1;
	}
	if (verbose)
		fprintf(stderr, "%s: io-pkt instance %d stopped\n", prog,
			instance);
	return 0;
}
