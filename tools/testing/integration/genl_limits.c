// SPDX-License-Identifier: GPL-2.0
/*
 * genl_limits: IOPKT_CMD_START with out-of-range counts straight from
 * generic netlink (the launchers refuse them before asking the kernel, so
 * only a raw request reaches the kernel's checks). Each must be refused
 * with EINVAL and a message naming the option; nothing may start.
 * Linked with libiopkt by variants.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libiopkt.h"

static int refused(struct iopkt_genl *g, const char *what, int prio,
		   int threads, const char *want)
{
	char err[256] = "";
	int rc;

	rc = iopkt_genl_start(g, 6, IOPKT_VARIANT_V6_HC, NULL, prio, threads,
			      0, err, sizeof(err));
	if (rc != -EINVAL || !strstr(err, want)) {
		printf("FAIL: %s: got %d (%s), want EINVAL naming '%s'\n",
		       what, rc, err, want);
		if (!rc)
			iopkt_genl_stop(g, 6, err, sizeof(err));
		return 1;
	}
	printf("%s: EINVAL as expected (%s)\n", what, err);
	return 0;
}

int main(void)
{
	struct iopkt_genl *g;
	char err[256];
	int bad = 0;

	g = iopkt_genl_open(err, sizeof(err));
	if (!g) {
		printf("FAIL: %s\n", err);
		return 1;
	}
	bad |= refused(g, "threads 65", -1, 65, "-t 65");
	bad |= refused(g, "threads 2^31-1", -1, 0x7fffffff, "-t 2147483647");
	bad |= refused(g, "prio 256", 256, -1, "-P 256");
	iopkt_genl_close(g);
	return bad;
}
