// SPDX-License-Identifier: GPL-2.0
/*
 * The instance a tool talks to, its control device and its namespace.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libiopkt_internal.h"

int iopkt_instance_from_env(char *err, size_t errlen)
{
	struct iopkt_instance_info info;
	struct iopkt_genl *g;
	char prefix[sizeof(info.prefix)], msg[256];
	int rc;

	rc = iopkt_sock_prefix(getenv("SOCK"), prefix, sizeof(prefix), err,
			       errlen);
	if (rc <= 0)
		return rc;
	g = iopkt_genl_open(msg, sizeof(msg));
	if (!g) {
		iopkt_err(err, errlen, "SOCK=%s: %s", prefix, msg);
		return -1;
	}
	rc = iopkt_genl_get(g, -1, prefix, &info, msg, sizeof(msg));
	iopkt_genl_close(g);
	if (rc == -ENOENT || rc == -ENODEV || rc == -ESRCH) {
		iopkt_err(err, errlen, "no io-pkt instance with prefix %s",
			  prefix);
		return -1;
	}
	if (rc) {
		iopkt_err(err, errlen, "SOCK=%s: %s", prefix, msg);
		return -1;
	}
	return info.instance;
}

int iopkt_ctl_open(int instance, char *err, size_t errlen)
{
	char path[64];
	int fd, e;

	snprintf(path, sizeof(path), IOPKT_CTL_DEV_FMT, instance);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	e = errno;
	if (e == ENOENT || e == ENXIO || e == ENODEV)
		iopkt_err(err, errlen,
			  "io-pkt instance %d is not running (no %s)",
			  instance, path);
	else
		iopkt_err(err, errlen, "%s: %s", path, strerror(e));
	return -1;
}

int iopkt_ctl_open_env(char *err, size_t errlen)
{
	int instance = iopkt_instance_from_env(err, errlen);

	if (instance < 0)
		return -1;
	return iopkt_ctl_open(instance, err, errlen);
}

/* Already there? Then no setns(), which would need CAP_SYS_ADMIN. */
static int same_netns(int nsfd)
{
	struct stat a, b;

	return !fstat(nsfd, &a) && !stat("/proc/self/ns/net", &b) &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int iopkt_enter_netns(int ctlfd, char *err, size_t errlen)
{
	int nsfd, e;

	nsfd = ioctl(ctlfd, IOPKT_SIOCGNETNS);
	if (nsfd < 0) {
		e = errno;
		iopkt_err(err, errlen,
			  "cannot get the instance's network namespace (IOPKT_SIOCGNETNS): %s",
			  strerror(e));
		return -1;
	}
	if (same_netns(nsfd)) {
		close(nsfd);
		return 0;
	}
	if (setns(nsfd, CLONE_NEWNET)) {
		e = errno;
		close(nsfd);
		iopkt_err(err, errlen,
			  "cannot enter the instance's network namespace: %s%s",
			  strerror(e),
			  e == EPERM ? " (needs CAP_SYS_ADMIN)" : "");
		return -1;
	}
	close(nsfd);
	return 0;
}
