// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for /dev/iopkt0 on the host, loaded with LD_PRELOAD by
 * test_fakectl.py: open() of the device gives a descriptor whose ioctl()s
 * are answered here, from two made-up interfaces:
 *
 *   sam0  driver sam, Linux ifindex 1 (the host's lo, so that its
 *         addresses show), up, Ethernet media, checksum offloads, nicinfo
 *   tap0  driver tap, no media, no capabilities, down, no nicinfo
 *
 * Requests that change something are appended to $FAKECTL_LOG, one line
 * each, for the test to check.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iopkt/ctl.h>

static int fake_fd = -1;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void logf_(const char *fmt, ...)
{
	const char *path = getenv("FAKECTL_LOG");
	va_list ap;
	FILE *f;

	if (!path)
		return;
	f = fopen(path, "a");
	if (!f)
		return;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fclose(f);
}

static int open_fake(const char *path, int flags, mode_t mode,
		     const char *real_name)
{
	int (*real)(const char *, int, ...) = dlsym(RTLD_NEXT, real_name);

	if (!strcmp(path, "/dev/iopkt0")) {
		fake_fd = real("/dev/null", O_RDWR | O_CLOEXEC);
		return fake_fd;
	}
	return real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	va_start(ap, flags);
	if (flags & O_CREAT)
		mode = va_arg(ap, mode_t);
	va_end(ap);
	return open_fake(path, flags, mode, "open");
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	va_start(ap, flags);
	if (flags & O_CREAT)
		mode = va_arg(ap, mode_t);
	va_end(ap);
	return open_fake(path, flags, mode, "open64");
}

static const struct iopkt_ifinfo ifs[] = {
	{ .name = "sam0", .driver = "sam", .ifindex = 1, .flags = 0x8843,
	  .mtu = 1500, .link_state = IOPKT_LINK_STATE_UP,
	  .ec_capabilities = IOPKT_ETHERCAP_JUMBO_MTU, .type = 6, .addrlen = 6,
	  .lladdr = { 0, 1, 2, 3, 4, 5 } },
	{ .name = "tap0", .driver = "tap", .ifindex = 99999, .flags = 0x8802,
	  .mtu = 1500, .link_state = IOPKT_LINK_STATE_DOWN, .type = 6,
	  .addrlen = 6, .lladdr = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee } },
};

static const int sam_media[] = {
	IOPKT_IFM_ETHER | IOPKT_IFM_AUTO,
	IOPKT_IFM_ETHER | IOPKT_IFM_10_T,
	IOPKT_IFM_ETHER | IOPKT_IFM_10_T | IOPKT_IFM_FDX,
	IOPKT_IFM_ETHER | IOPKT_IFM_100_TX | IOPKT_IFM_FDX,
	IOPKT_IFM_ETHER | IOPKT_IFM_1000_T | IOPKT_IFM_FDX,
};

static const struct iopkt_ifinfo *find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(ifs) / sizeof(ifs[0]); i++)
		if (!strncmp(ifs[i].name, name, IOPKT_IFNAMSIZ))
			return &ifs[i];
	return NULL;
}

static int fail(int e)
{
	errno = e;
	return -1;
}

static int fake_ioctl(unsigned long req, void *arg)
{
	struct iopkt_ifreq *ifr = arg;
	const struct iopkt_ifinfo *ifi;
	int (*real_open)(const char *, int, ...);

	switch (req) {
	case IOPKT_SIOCGIFLIST: {
		struct iopkt_iflist *l = arg;
		__u32 n = sizeof(ifs) / sizeof(ifs[0]);

		l->total = n;
		if (l->count < n)
			n = l->count;
		memcpy((void *)(uintptr_t)l->buf, ifs, n * sizeof(ifs[0]));
		l->count = n;
		return 0;
	}
	case IOPKT_SIOCGNETNS:
		real_open = dlsym(RTLD_NEXT, "open");
		return real_open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	case IOPKT_SIOCIFGCLONERS: {
		struct iopkt_if_clonereq *c = arg;
		static const char names[2][IOPKT_IFNAMSIZ] = { "bridge", "tap" };

		c->ifcr_total = 2;
		if (c->ifcr_buffer)
			memcpy((void *)(uintptr_t)c->ifcr_buffer, names,
			       (size_t)(c->ifcr_count < 2 ? c->ifcr_count : 2) *
			       IOPKT_IFNAMSIZ);
		return 0;
	}
	case IOPKT_SIOCIFCREATE:
		if (find(ifr->ifr_name))
			return fail(EEXIST);
		logf_("SIOCIFCREATE %s", ifr->ifr_name);
		return 0;
	case IOPKT_SIOCIFDESTROY:
		if (!find(ifr->ifr_name))
			return fail(ENXIO);
		logf_("SIOCIFDESTROY %s", ifr->ifr_name);
		return 0;
	}

	/* the rest name an interface at the start of their structure */
	ifi = find((const char *)arg);
	if (!ifi)
		return fail(ENXIO);
	switch (req) {
	case IOPKT_SIOCGIFFLAGS:
		ifr->ifr_flags = ifi->flags;
		return 0;
	case IOPKT_SIOCSIFFLAGS:
		logf_("SIOCSIFFLAGS %s %x", ifi->name, ifr->ifr_flags);
		return 0;
	case IOPKT_SIOCGIFMETRIC:
		ifr->ifr_metric = 0;
		return 0;
	case IOPKT_SIOCSIFMETRIC:
		logf_("SIOCSIFMETRIC %s %d", ifi->name, ifr->ifr_metric);
		return 0;
	case IOPKT_SIOCSIFMTU:
		logf_("SIOCSIFMTU %s %d", ifi->name, ifr->ifr_mtu);
		return 0;
	case IOPKT_SIOCGIFMEDIA: {
		struct iopkt_ifmediareq *mr = arg;
		int n = sizeof(sam_media) / sizeof(sam_media[0]);

		if (ifi != &ifs[0])
			return fail(EINVAL);
		mr->ifm_current = IOPKT_IFM_ETHER | IOPKT_IFM_AUTO;
		mr->ifm_active = IOPKT_IFM_ETHER | IOPKT_IFM_1000_T | IOPKT_IFM_FDX;
		mr->ifm_status = IOPKT_IFM_AVALID | IOPKT_IFM_ACTIVE;
		if (mr->ifm_ulist)
			memcpy((void *)(uintptr_t)mr->ifm_ulist, sam_media,
			       (size_t)(mr->ifm_count < n ? mr->ifm_count : n) *
			       sizeof(int));
		mr->ifm_count = n;
		return 0;
	}
	case IOPKT_SIOCSIFMEDIA:
		if (ifi != &ifs[0])
			return fail(EINVAL);
		logf_("SIOCSIFMEDIA %s %x", ifi->name, (unsigned int)ifr->ifr_media);
		return 0;
	case IOPKT_SIOCGIFCAP: {
		struct iopkt_ifcapreq *cr = arg;

		if (ifi == &ifs[0]) {
			cr->ifcr_capabilities_rx = 7;
			cr->ifcr_capabilities_tx = 7 | IOPKT_IFCAP_TSOv4;
		}
		return 0;
	}
	case IOPKT_SIOCSIFCAP: {
		struct iopkt_ifcapreq *cr = arg;

		logf_("SIOCSIFCAP %s rx=%x tx=%x", ifi->name,
		      cr->ifcr_capenable_rx, cr->ifcr_capenable_tx);
		return 0;
	}
	case IOPKT_SIOCGIFDATA:
	case IOPKT_SIOCZIFDATA: {
		struct iopkt_ifdatareq *dr = arg;

		memset(&dr->ifdr_data, 0, sizeof(dr->ifdr_data));
		if (ifi == &ifs[0]) {
			dr->ifdr_data.ifi_ipackets = 1443;
			dr->ifdr_data.ifi_ibytes = 123456;
			dr->ifdr_data.ifi_imcasts = 3;
			dr->ifdr_data.ifi_opackets = 104;
			dr->ifdr_data.ifi_obytes = 10067;
			dr->ifdr_data.ifi_oerrors = 1;
		}
		if (req == IOPKT_SIOCZIFDATA)
			logf_("SIOCZIFDATA %s", ifi->name);
		return 0;
	}
	case IOPKT_SIOCGDRVCOM: {
		struct iopkt_drvcom *dc = arg;

		if (ifi != &ifs[0])
			return fail(EOPNOTSUPP);
		if (dc->ifdc_cmd == IOPKT_DRVCOM_CONFIG) {
			struct iopkt_nic_config c = {
				.flags = IOPKT_NIC_FLAG_MULTICAST |
					 IOPKT_NIC_FLAG_BROADCAST,
				.media = IOPKT_NIC_MEDIA_802_3, .mtu = 1500,
				.media_rate = 1000000, .duplex = 1,
				.num_irqs = 1, .irq = { 11 },
				.permanent_address = { 0, 1, 2, 3, 4, 5 },
				.current_address = { 0, 1, 2, 3, 4, 5 },
				.device_description = "Sample Ethernet Controller",
			};

			if (dc->ifdc_len < sizeof(c))
				return fail(EINVAL);
			memcpy((void *)(uintptr_t)dc->ifdc_data, &c, sizeof(c));
			return 0;
		}
		if (dc->ifdc_cmd == IOPKT_DRVCOM_STATS) {
			struct iopkt_nic_stats s = {
				.txed_ok = 104, .octets_txed_ok = 10067,
				.rxed_ok = 1443, .octets_rxed_ok = 123456,
			};

			if (dc->ifdc_len < sizeof(s))
				return fail(EINVAL);
			memcpy((void *)(uintptr_t)dc->ifdc_data, &s, sizeof(s));
			return 0;
		}
		return fail(EINVAL);
	}
	}
	return fail(ENOTTY);
}

int ioctl(int fd, unsigned long req, ...)
{
	int (*real)(int, unsigned long, ...) = dlsym(RTLD_NEXT, "ioctl");
	void *arg;
	va_list ap;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fd >= 0 && fd == fake_fd)
		return fake_ioctl(req, arg);
	return real(fd, req, arg);
}
