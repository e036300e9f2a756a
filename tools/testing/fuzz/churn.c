// SPDX-License-Identifier: GPL-2.0
/*
 * The interfaces and instances the requests meet come and go: a churn
 * thread creates and destroys tun/tap clones, destroys and remounts sam0,
 * stops the fuzzing's extra instances and brings instance 0 back while the
 * workers run. health_check() proves the stack works afterwards and removes
 * what the fuzzing created.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <iopkt/ctl.h>
#include <iopkt/genl.h>

#include "fuzz.h"

static int ctl_ioctl(int *fd, unsigned long cmd, void *arg)
{
	int ret;

	if (*fd < 0)
		*fd = open("/dev/iopkt0", O_RDWR | O_CLOEXEC);
	if (*fd < 0)
		return errno;
	ret = ioctl(*fd, cmd, arg) < 0 ? errno : 0;
	if (ret == ENXIO) {	/* maybe an instance that went: reopen */
		close(*fd);
		*fd = open("/dev/iopkt0", O_RDWR | O_CLOEXEC);
		if (*fd >= 0)
			ret = ioctl(*fd, cmd, arg) < 0 ? errno : 0;
	}
	return ret;
}

static int ifreq(int *fd, unsigned long cmd, const char *name, int flags)
{
	struct iopkt_ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_flags = flags;
	return ctl_ioctl(fd, cmd, &ifr);
}

/* Instance 0 runs and has sam0; extra sam units and instances go. */
static void restore(int *fd, struct gsock *g, int stop_extra)
{
	struct iopkt_ifinfo info[32];
	struct iopkt_iflist l = { .count = 32, .buf = (uintptr_t)info };
	unsigned int i;

	if (genl_simple(g, IOPKT_CMD_GET, 0, NULL, NULL) == ESRCH)
		genl_simple(g, IOPKT_CMD_START, 0, NULL, NULL);
	if (ifreq(fd, IOPKT_SIOCGIFFLAGS, "sam0", 0) == ENXIO)
		genl_simple(g, IOPKT_CMD_MOUNT, 0, "sam", NULL);
	if (!ctl_ioctl(fd, IOPKT_SIOCGIFLIST, &l))
		for (i = 0; i < l.count; i++)
			if (!strncmp(info[i].name, "sam", 3) &&
			    strcmp(info[i].name, "sam0"))
				ifreq(fd, IOPKT_SIOCIFDESTROY, info[i].name, 0);
	for (i = 1; stop_extra && i < 16; i++)
		genl_simple(g, IOPKT_CMD_STOP, i, NULL, NULL);
}

void *churn_main(void *arg)
{
	struct rng r = { fz.seed ^ 0x636875726eULL ^ (uintptr_t)arg };
	struct gsock *g = gsock_open();
	unsigned int round = 0;
	int fd = -1;
	char name[16];

	if (!g)
		return NULL;
	restore(&fd, g, 0);
	while (!atomic_load(&fz.stop_churn)) {
		snprintf(name, sizeof(name), "%s%u", rng_below(&r, 2) ? "tun" : "tap",
			 rng_below(&r, FUZZ_TUNTAP_UNITS));
		switch (rng_below(&r, 4)) {
		case 0:
			ifreq(&fd, IOPKT_SIOCIFDESTROY, name, 0);
			break;
		case 1:
			ifreq(&fd, IOPKT_SIOCSIFFLAGS, name,
			      rng_below(&r, 2) * IOPKT_IFF_UP);
			break;
		default:
			if (!ifreq(&fd, IOPKT_SIOCIFCREATE, name, 0))
				ifreq(&fd, IOPKT_SIOCSIFFLAGS, name, IOPKT_IFF_UP);
		}
		if (++round % 64 == 0) {
			if (rng_one_in(&r, 4))
				ifreq(&fd, IOPKT_SIOCIFDESTROY, "sam0", 0);
			restore(&fd, g, rng_one_in(&r, 4));
		}
		usleep(rng_below(&r, fz.churn_ms * 1000 + 1));
	}
	if (fd >= 0)
		close(fd);
	gsock_close(g);
	return NULL;
}

static int step(const char *what, int err)
{
	if (err)
		printf("iopkt-fuzz: health: %s: %s\n", what, strerror(err));
	return err ? 1 : 0;
}

/* The stack still works: instance, clone, flags, device, netlink. */
int health_check(void)
{
	static const uint8_t frame[60] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0x5e, 0x10, 0, 1,
		0x88, 0xb5,
	};
	struct gsock *g = gsock_open();
	int fd = -1, dev, bad = 0;
	unsigned int i;
	char name[16];

	if (!g)
		return step("generic netlink family", ENOENT);
	restore(&fd, g, 1);
	bad |= step("GET instance 0", genl_simple(g, IOPKT_CMD_GET, 0, NULL, NULL));
	bad |= step("SIOCGIFFLAGS sam0", ifreq(&fd, IOPKT_SIOCGIFFLAGS, "sam0", 0));
	ifreq(&fd, IOPKT_SIOCIFDESTROY, "tap7", 0);
	bad |= step("create tap7", ifreq(&fd, IOPKT_SIOCIFCREATE, "tap7", 0));
	bad |= step("tap7 up", ifreq(&fd, IOPKT_SIOCSIFFLAGS, "tap7", IOPKT_IFF_UP));
	dev = open("/dev/tap7", O_RDWR | O_NONBLOCK);
	bad |= step("open /dev/tap7", dev < 0 ? errno : 0);
	if (dev >= 0) {
		bad |= step("write to tap7", write(dev, frame, sizeof(frame)) ==
			    (ssize_t)sizeof(frame) ? 0 : errno);
		close(dev);
	}
	bad |= step("destroy tap7", ifreq(&fd, IOPKT_SIOCIFDESTROY, "tap7", 0));
	for (i = 0; i < 2 * FUZZ_TUNTAP_UNITS; i++) {
		snprintf(name, sizeof(name), "%s%u", i & 1 ? "tun" : "tap", i / 2);
		ifreq(&fd, IOPKT_SIOCIFDESTROY, name, 0);
	}
	if (fd >= 0)
		close(fd);
	gsock_close(g);
	if (!bad)
		printf("iopkt-fuzz: health: the stack works\n");
	return bad;
}
