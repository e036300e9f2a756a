// SPDX-License-Identifier: GPL-2.0
/*
 * nicinfo: what the drivers of an iopkt stack instance say about their
 * hardware and counters (SIOCGDRVCOM with DRVCOM_CONFIG and DRVCOM_STATS),
 * in QNX's layout. Without arguments, every interface of the instance.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../lib/libiopkt.h"
#include "../ifconfig/ifconfig.h"
#include "nic_fmt.h"

static int drvcom(int fd, const char *name, __u32 cmd, void *buf, __u32 len)
{
	struct iopkt_drvcom dc;

	memset(&dc, 0, sizeof(dc));
	memcpy(dc.ifdc_name, name, strnlen(name, IOPKT_IFNAMSIZ - 1));
	dc.ifdc_cmd = cmd;
	dc.ifdc_len = len;
	dc.ifdc_data = (uint64_t)(uintptr_t)buf;
	return ioctl(fd, IOPKT_SIOCGDRVCOM, &dc);
}

static bool unsupported(int e)
{
	return e == EOPNOTSUPP || e == ENOTTY || e == ENOSYS;
}

/* 0: shown; 1: the driver has no nicinfo; 2: another error. */
static int show(int fd, const char *name, bool first)
{
	struct iopkt_nic_config cfg;
	struct iopkt_nic_stats stats;
	bool have_stats = true;
	int e;

	memset(&cfg, 0, sizeof(cfg));
	if (drvcom(fd, name, IOPKT_DRVCOM_CONFIG, &cfg, sizeof(cfg)) < 0) {
		e = errno;
		fflush(stdout);
		if (unsupported(e)) {
			fprintf(stderr, "nicinfo: %s: driver does not support nicinfo (%s)\n",
				name, strerror(EOPNOTSUPP));
			return 1;
		}
		fprintf(stderr, "nicinfo: %s: SIOCGDRVCOM: %s\n", name,
			ifc_strerror(e));
		return 2;
	}
	memset(&stats, 0, sizeof(stats));
	if (drvcom(fd, name, IOPKT_DRVCOM_STATS, &stats, sizeof(stats)) < 0) {
		e = errno;
		fflush(stdout);
		fprintf(stderr, "nicinfo: %s: DRVCOM_STATS: %s\n", name,
			unsupported(e) ? strerror(EOPNOTSUPP) : strerror(e));
		have_stats = false;
	}
	if (!first)
		fputc('\n', stdout);
	nic_format(stdout, name, &cfg, have_stats ? &stats : NULL);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: nicinfo [interface ...]\n");
	exit(1);
}

int main(int argc, char **argv)
{
	struct iopkt_ifinfo *ifs = NULL;
	unsigned int nifs = 0, i;
	bool first = true;
	char err[256];
	int fd, rc = 0, r;

	for (i = 1; i < (unsigned int)argc; i++) {
		if (argv[i][0] == '-')
			usage();
		if (strlen(argv[i]) >= IOPKT_IFNAMSIZ) {
			fprintf(stderr, "nicinfo: %s: interface name too long\n", argv[i]);
			return 1;
		}
	}
	fd = iopkt_ctl_open_env(err, sizeof(err));
	if (fd < 0) {
		fprintf(stderr, "nicinfo: %s\n", err);
		return 1;
	}
	if (argc > 1) {
		/* named interfaces: every failure counts */
		for (i = 1; i < (unsigned int)argc; i++) {
			r = show(fd, argv[i], first);
			if (!r)
				first = false;
			else
				rc = 1;
		}
		return rc;
	}
	if (ifc_list_get(fd, &ifs, &nifs)) {
		fprintf(stderr, "nicinfo: SIOCGIFLIST: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < nifs; i++) {
		char name[IOPKT_IFNAMSIZ + 1];

		memcpy(name, ifs[i].name, IOPKT_IFNAMSIZ);
		name[IOPKT_IFNAMSIZ] = '\0';
		r = show(fd, name, first);
		if (!r)
			first = false;
		else if (r == 2)
			rc = 1;	/* a driver without nicinfo is not an error */
	}
	free(ifs);
	close(fd);
	return rc;
}
