// SPDX-License-Identifier: GPL-2.0
/*
 * Driver- and module-specific requests: SIOCSDRVSPEC / SIOCGDRVSPEC (what
 * brconfig sends) and SIOCS80211 / SIOCG80211 (wlanctl), through the
 * control device. Documentation/hooks.md gives the kernel's side.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "libiopkt_internal.h"

static int name_ok(const char *ifname, char *err, size_t errlen)
{
	if (!ifname || !*ifname) {
		iopkt_err(err, errlen, "no interface name");
		return 0;
	}
	if (strlen(ifname) >= IOPKT_IFNAMSIZ) {
		iopkt_err(err, errlen, "%s: interface name too long (at most %d characters)",
			  ifname, IOPKT_IFNAMSIZ - 1);
		return 0;
	}
	return 1;
}

int iopkt_drvspec_req(struct iopkt_ifdrv *d, const char *ifname,
		      unsigned long cmd, void *data, size_t len, char *err,
		      size_t errlen)
{
	memset(d, 0, sizeof(*d));
	if (!name_ok(ifname, err, errlen))
		return -EINVAL;
	if (len > IOPKT_DRVSPEC_MAXLEN) {
		iopkt_err(err, errlen, "%s: %zu bytes of request data, at most %d",
			  ifname, len, IOPKT_DRVSPEC_MAXLEN);
		return -EINVAL;
	}
	if (len && !data) {
		iopkt_err(err, errlen, "%s: %zu bytes of request data but no buffer",
			  ifname, len);
		return -EINVAL;
	}
	memcpy(d->ifd_name, ifname, strlen(ifname));
	d->ifd_cmd = cmd;
	d->ifd_len = len;
	d->ifd_data = (uintptr_t)data;
	return 0;
}

/* The message for an errno of the kernel's answer. */
static int answer(int e, const char *ifname, const char *what, char *err,
		  size_t errlen)
{
	switch (e) {
	case ENOTTY:
		iopkt_err(err, errlen, "%s: no driver or module takes %s",
			  ifname, what);
		break;
	case ENXIO:
		iopkt_err(err, errlen, "%s: no such interface", ifname);
		break;
	case EPERM:
		iopkt_err(err, errlen, "%s: %s needs CAP_NET_ADMIN", ifname,
			  what);
		break;
	default:
		iopkt_err(err, errlen, "%s: %s: %s", ifname, what, strerror(e));
	}
	return -e;
}

int iopkt_drvspec(int fd, const char *ifname, int set, unsigned long cmd,
		  void *data, size_t *len, char *err, size_t errlen)
{
	const char *what = set ? "SIOCSDRVSPEC" : "SIOCGDRVSPEC";
	struct iopkt_ifdrv d;
	int rc;

	rc = iopkt_drvspec_req(&d, ifname, cmd, data, len ? *len : 0, err,
			       errlen);
	if (rc)
		return rc;
	if (ioctl(fd, set ? IOPKT_SIOCSDRVSPEC : IOPKT_SIOCGDRVSPEC, &d) < 0)
		return answer(errno, ifname, what, err, errlen);
	if (!set && len)
		*len = d.ifd_len;
	return 0;
}

int iopkt_ieee80211(int fd, const char *ifname, int set, int type, int *val,
		    void *data, int *len, char *err, size_t errlen)
{
	const char *what = set ? "SIOCS80211" : "SIOCG80211";
	struct iopkt_ieee80211req r;
	int n = len ? *len : 0;

	memset(&r, 0, sizeof(r));
	if (!name_ok(ifname, err, errlen))
		return -EINVAL;
	if (n < 0 || n > INT16_MAX || (n && !data)) {
		iopkt_err(err, errlen, "%s: bad request data length %d", ifname,
			  n);
		return -EINVAL;
	}
	memcpy(r.i_name, ifname, strlen(ifname));
	r.i_type = type;
	r.i_val = val ? *val : 0;
	r.i_len = n;
	r.i_data = (uintptr_t)data;
	if (ioctl(fd, set ? IOPKT_SIOCS80211 : IOPKT_SIOCG80211, &r) < 0)
		return answer(errno, ifname, what, err, errlen);
	if (!set) {
		if (val)
			*val = r.i_val;
		if (len)
			*len = r.i_len;
	}
	return 0;
}
