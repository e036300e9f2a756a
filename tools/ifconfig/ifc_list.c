// SPDX-License-Identifier: GPL-2.0
/*
 * The interfaces of a stack instance: IOPKT_SIOCGIFLIST on /dev/iopktN.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "ifconfig.h"

int ifc_list_get(int fd, struct iopkt_ifinfo **list, unsigned int *n)
{
	struct iopkt_ifinfo *buf = NULL;
	struct iopkt_iflist req;
	unsigned int room = 0;
	int tries;

	/* interfaces may come and go between the calls: retry a few times */
	for (tries = 0; tries < 8; tries++) {
		memset(&req, 0, sizeof(req));
		req.count = room;
		req.buf = (uint64_t)(uintptr_t)buf;
		if (ioctl(fd, IOPKT_SIOCGIFLIST, &req) < 0) {
			int e = errno;

			free(buf);
			errno = e;
			return -1;
		}
		if (req.total <= room) {
			*list = buf;
			*n = req.count < req.total ? req.count : req.total;
			return 0;
		}
		free(buf);
		room = req.total + 4;
		buf = calloc(room, sizeof(*buf));
		if (!buf)
			return -1;
	}
	free(buf);
	errno = EAGAIN;
	return -1;
}

const struct iopkt_ifinfo *ifc_list_find(const struct iopkt_ifinfo *list,
					 unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!strncmp(list[i].name, name, IOPKT_IFNAMSIZ))
			return &list[i];
	/* io-pkt's enXX mapping: en0 is the first Ethernet interface */
	for (i = 0; i < n; i++)
		if (list[i].alias[0] &&
		    !strncmp(list[i].alias, name, IOPKT_IFNAMSIZ))
			return &list[i];
	return NULL;
}
