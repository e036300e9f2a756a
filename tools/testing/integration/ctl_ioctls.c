// SPDX-License-Identifier: GPL-2.0
/*
 * Bad input on the control device: each malformed request gets its errno,
 * then a few thousand random requests; the caller checks afterwards that
 * the stack still works and kmemleak is clean. IFNAME is a devnp-sam
 * interface mounted with txring=40,rxring=24: its SIOCGDRVSPEC answer is
 * checked.
 *
 *	ctl_ioctls /dev/iopkt0 IFNAME
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../../include/uapi/iopkt/ctl.h"
#include "../../../drivers/sam/sam_drvspec.h"

static int failures;

static void expect(const char *what, int rc, int want)
{
	int e = rc < 0 ? errno : 0;

	if (e == want) {
		printf("ok   %s: %s\n", what, want ? strerror(want) : "success");
		return;
	}
	printf("FAIL %s: got %s, want %s\n", what, e ? strerror(e) : "success",
	       want ? strerror(want) : "success");
	failures++;
}

static void drvspec(int fd, const char *ifname, void *unmapped)
{
	struct sam_drvspec_rings r;
	struct iopkt_ifdrv d;
	char *big;

	memset(&d, 0, sizeof(d));
	memset(&r, 0xa5, sizeof(r));
	snprintf(d.ifd_name, sizeof(d.ifd_name), "%s", ifname);
	d.ifd_cmd = SAM_DRVSPEC_RINGS;
	d.ifd_len = sizeof(r);
	d.ifd_data = (uintptr_t)&r;
	expect("SIOCGDRVSPEC rings", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), 0);
	if (r.txring != 40 || r.rxring != 24 || d.ifd_len != sizeof(r) ||
	    r.tx_used > r.txring) {
		printf("FAIL SIOCGDRVSPEC rings: txring %u rxring %u used %u len %llu\n",
		       r.txring, r.rxring, r.tx_used, (unsigned long long)d.ifd_len);
		failures++;
	} else {
		printf("ok   SIOCGDRVSPEC rings: the driver's txring 40, rxring 24\n");
	}
	d.ifd_cmd = 99;
	expect("SIOCGDRVSPEC, command the driver does not know",
	       ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), EINVAL);
	d.ifd_cmd = SAM_DRVSPEC_RINGS;
	d.ifd_len = 4;
	expect("SIOCGDRVSPEC, short buffer", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), EINVAL);
	d.ifd_len = IOPKT_DRVSPEC_MAXLEN + 1;
	expect("SIOCGDRVSPEC, over the maximum", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d),
	       EINVAL);
	d.ifd_len = ~0ULL;
	expect("SIOCGDRVSPEC, 2^64-1 bytes", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), EINVAL);
	d.ifd_len = sizeof(r);
	d.ifd_data = 0;
	expect("SIOCGDRVSPEC, NULL buffer", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), EINVAL);
	d.ifd_data = (uintptr_t)unmapped;
	expect("SIOCGDRVSPEC, bad buffer", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), EFAULT);
	expect("SIOCGDRVSPEC, bad request pointer",
	       ioctl(fd, IOPKT_SIOCGDRVSPEC, unmapped), EFAULT);
	/* the largest payload is accepted: the driver sees it all */
	big = calloc(1, IOPKT_DRVSPEC_MAXLEN);
	d.ifd_data = (uintptr_t)big;
	d.ifd_len = IOPKT_DRVSPEC_MAXLEN;
	expect("SIOCGDRVSPEC, largest buffer", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d), 0);
	if (d.ifd_len != sizeof(r) || ((struct sam_drvspec_rings *)big)->txring != 40) {
		printf("FAIL SIOCGDRVSPEC largest buffer: answer not there\n");
		failures++;
	}
	free(big);
	d.ifd_data = (uintptr_t)&r;
	d.ifd_len = sizeof(r);
	snprintf(d.ifd_name, sizeof(d.ifd_name), "nosuch0");
	expect("SIOCGDRVSPEC, no such interface", ioctl(fd, IOPKT_SIOCGDRVSPEC, &d),
	       ENXIO);
	snprintf(d.ifd_name, sizeof(d.ifd_name), "%s", ifname);
	/* sam has no settable commands: nobody takes SIOCSDRVSPEC */
	expect("SIOCSDRVSPEC, nobody takes it", ioctl(fd, IOPKT_SIOCSDRVSPEC, &d),
	       ENOTTY);
}

static void ieee80211(int fd, const char *ifname, void *unmapped)
{
	struct iopkt_ieee80211req w;
	char buf[32];

	memset(&w, 0, sizeof(w));
	snprintf(w.i_name, sizeof(w.i_name), "%s", ifname);
	w.i_len = sizeof(buf);
	w.i_data = (uintptr_t)buf;
	/* no net80211 module: not a wireless interface */
	expect("SIOCG80211 on Ethernet", ioctl(fd, IOPKT_SIOCG80211, &w), ENOTTY);
	w.i_len = -1;
	expect("SIOCG80211, negative length", ioctl(fd, IOPKT_SIOCG80211, &w), EINVAL);
	w.i_len = sizeof(buf);
	w.i_data = (uintptr_t)unmapped;
	expect("SIOCG80211, bad buffer", ioctl(fd, IOPKT_SIOCG80211, &w), EFAULT);
	w.i_data = 0;
	expect("SIOCG80211, NULL buffer", ioctl(fd, IOPKT_SIOCG80211, &w), EINVAL);
}

int main(int argc, char **argv)
{
	struct iopkt_ifreq ifr;
	struct iopkt_iflist list;
	struct iopkt_drvcom dc;
	struct iopkt_ifmediareq mr;
	struct iopkt_ifcapreq cap;
	unsigned char *buf;
	void *unmapped;
	int fd, i, status;
	pid_t pid;

	if (argc != 3) {
		fprintf(stderr, "usage: ctl_ioctls /dev/iopktN IFNAME\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	/* a page that is certainly not mapped */
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped, 4096);

	memset(&ifr, 0, sizeof(ifr));
	expect("unknown ioctl, no interface",
	       ioctl(fd, _IOWR('i', 250, struct iopkt_ifreq), &ifr), ENXIO);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[2]);
	expect("unknown ioctl", ioctl(fd, _IOWR('i', 250, struct iopkt_ifreq), &ifr),
	       ENOTTY);
	expect("unknown ioctl, too short for a name",
	       ioctl(fd, _IOWR('i', 250, int), &ifr), ENOTTY);
	expect("unknown ioctl group", ioctl(fd, _IO('z', 1)), ENOTTY);
	expect("SIOCGIFFLAGS, bad pointer", ioctl(fd, IOPKT_SIOCGIFFLAGS, unmapped),
	       EFAULT);
	expect("SIOCGIFFLAGS, NULL", ioctl(fd, IOPKT_SIOCGIFFLAGS, NULL), EFAULT);

	memset(&ifr, 'A', sizeof(ifr));		/* no NUL in the name */
	expect("SIOCGIFFLAGS, unterminated name", ioctl(fd, IOPKT_SIOCGIFFLAGS, &ifr),
	       ENXIO);
	memset(&ifr, 0, sizeof(ifr));
	expect("SIOCGIFFLAGS, empty name", ioctl(fd, IOPKT_SIOCGIFFLAGS, &ifr), ENXIO);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[2]);
	expect("SIOCGIFFLAGS", ioctl(fd, IOPKT_SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_mtu = -5;
	expect("SIOCSIFMTU -5", ioctl(fd, IOPKT_SIOCSIFMTU, &ifr), EINVAL);
	ifr.ifr_mtu = 1 << 30;
	expect("SIOCSIFMTU 2^30", ioctl(fd, IOPKT_SIOCSIFMTU, &ifr), EINVAL);

	memset(&list, 0, sizeof(list));
	list.count = 1000000;
	expect("IFLIST, count too large", ioctl(fd, IOPKT_SIOCGIFLIST, &list), EINVAL);
	list.count = 4;
	list.buf = (uintptr_t)unmapped;
	expect("IFLIST, bad buffer", ioctl(fd, IOPKT_SIOCGIFLIST, &list), EFAULT);
	list.buf = 0;
	expect("IFLIST, count without buffer", ioctl(fd, IOPKT_SIOCGIFLIST, &list),
	       EINVAL);

	memset(&dc, 0, sizeof(dc));
	snprintf(dc.ifdc_name, sizeof(dc.ifdc_name), "%s", argv[2]);
	dc.ifdc_cmd = IOPKT_DRVCOM_STATS;
	dc.ifdc_len = 1u << 30;
	buf = calloc(1, 65536);
	dc.ifdc_data = (uintptr_t)buf;
	expect("DRVCOM, 1 GiB length", ioctl(fd, IOPKT_SIOCGDRVCOM, &dc), EINVAL);
	dc.ifdc_len = 4;
	expect("DRVCOM, short buffer", ioctl(fd, IOPKT_SIOCGDRVCOM, &dc), EINVAL);
	dc.ifdc_len = sizeof(struct iopkt_nic_stats);
	dc.ifdc_data = (uintptr_t)unmapped;
	expect("DRVCOM, bad buffer", ioctl(fd, IOPKT_SIOCGDRVCOM, &dc), EFAULT);
	dc.ifdc_data = (uintptr_t)buf;
	dc.ifdc_cmd = 77;
	expect("DRVCOM, unknown command", ioctl(fd, IOPKT_SIOCGDRVCOM, &dc), EINVAL);
	dc.ifdc_cmd = IOPKT_DRVCOM_STATS;
	expect("DRVCOM stats", ioctl(fd, IOPKT_SIOCGDRVCOM, &dc), 0);

	/* a known request the interface's driver lacks: not ENOTTY */
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "tun9");
	expect("SIOCIFCREATE tun9", ioctl(fd, IOPKT_SIOCIFCREATE, &ifr), 0);
	memset(&cap, 0, sizeof(cap));
	snprintf(cap.ifcr_name, sizeof(cap.ifcr_name), "tun9");
	expect("SIOCSIFCAP on tun9 (no offloads)", ioctl(fd, IOPKT_SIOCSIFCAP, &cap),
	       EOPNOTSUPP);
	expect("SIOCIFDESTROY tun9", ioctl(fd, IOPKT_SIOCIFDESTROY, &ifr), 0);
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[2]);

	memset(&mr, 0, sizeof(mr));
	snprintf(mr.ifm_name, sizeof(mr.ifm_name), "%s", argv[2]);
	mr.ifm_count = 1 << 28;
	expect("SIOCGIFMEDIA, count too large", ioctl(fd, IOPKT_SIOCGIFMEDIA, &mr), EINVAL);
	mr.ifm_count = 4;
	mr.ifm_ulist = (uintptr_t)unmapped;
	expect("SIOCGIFMEDIA, bad list", ioctl(fd, IOPKT_SIOCGIFMEDIA, &mr), EFAULT);

	drvspec(fd, argv[2], unmapped);
	ieee80211(fd, argv[2], unmapped);

	/* changes need CAP_NET_ADMIN: a child that gave up root */
	pid = fork();
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(3);
		struct iopkt_ifdrv d;

		ifr.ifr_flags = 0;
		if (ioctl(fd, IOPKT_SIOCSIFFLAGS, &ifr) == 0 || errno != EPERM)
			_exit(1);
		memset(&d, 0, sizeof(d));
		snprintf(d.ifd_name, sizeof(d.ifd_name), "%s", argv[2]);
		if (ioctl(fd, IOPKT_SIOCSDRVSPEC, &d) == 0 || errno != EPERM)
			_exit(1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("ok   SIOCSIFFLAGS, SIOCSDRVSPEC without CAP_NET_ADMIN: EPERM\n");
	} else {
		printf("FAIL SIOCSIFFLAGS or SIOCSDRVSPEC without CAP_NET_ADMIN: not EPERM\n");
		failures++;
	}

	/* random requests in the 'i' group with random contents */
	srand(42);
	for (i = 0; i < 5000; i++) {
		unsigned int nr = rand() % 256, size = rand() % 200;
		unsigned long cmd = _IOC(rand() % 4, 'i', nr, size);
		int j;

		for (j = 0; j < 512; j++)
			buf[j] = rand();
		if (nr == 16 || nr == 121 || nr == 122 || nr == 127 || nr == 53 ||
		    nr == 117)
			continue;	/* flags, destroy, create, mtu, media, caps: real changes */
		(void)ioctl(fd, cmd, rand() % 8 ? (void *)buf : unmapped);
	}
	printf("ok   5000 random ioctls survived\n");
	close(fd);
	free(buf);
	return failures ? 1 : 0;
}
