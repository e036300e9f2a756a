/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Driver- and module-specific requests: SIOCSDRVSPEC / SIOCGDRVSPEC (what
 * NetBSD's brconfig sends), SIOCS80211 / SIOCG80211 (net80211's), and any
 * other request on an interface the core does not answer itself.
 *
 * /dev/iopktN hands such a request to the interface's if_ioctl and, if that
 * answers ENOTTY (as ether_ioctl() does for what it does not know), to the
 * modules that registered a handler for the request number, in the order
 * they registered, until one answers something other than ENOTTY. Both run
 * in the stack context with rtnl held, as every driver request.
 *
 * The user's buffers are copied by the core: handlers see kernel memory
 * only. Documentation/hooks.md ("## Driver-specific ioctls") gives the
 * copy contract and the errnos.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_IOCTL_H
#define _IOPKT_IOCTL_H

#include <linux/list.h>
#include <linux/types.h>

#include <iopkt/if.h>

/**
 * struct ifdrv - a SIOCSDRVSPEC / SIOCGDRVSPEC request as a handler sees it
 * @ifd_name: the interface name
 * @ifd_cmd: the command of the driver or module (BRDG* for a bridge)
 * @ifd_len: bytes at @ifd_data; a SIOCGDRVSPEC handler sets it to the
 *	length of its answer (more than it was: the caller's buffer was too
 *	small; only the buffer's size is copied back)
 * @ifd_data: a zeroed kernel buffer of @ifd_len bytes holding what the
 *	caller passed, or NULL when @ifd_len is 0; written back to the caller
 *	for SIOCGDRVSPEC
 */
struct ifdrv {
	char ifd_name[IOPKT_IFNAMSIZ];
	unsigned long ifd_cmd;
	size_t ifd_len;
	void *ifd_data;
};

/**
 * struct ieee80211req - a SIOCS80211 / SIOCG80211 request as a handler
 *	sees it
 * @i_name: the interface name
 * @i_type: IEEE80211_IOC_*
 * @i_val: index or simple value; copied back for SIOCG80211
 * @i_len: bytes at @i_data; a SIOCG80211 handler sets it to the length of
 *	its answer, as ifd_len of struct ifdrv
 * @i_data: a kernel buffer as ifd_data of struct ifdrv
 */
struct ieee80211req {
	char i_name[IOPKT_IFNAMSIZ];
	u16 i_type;
	s16 i_val;
	s16 i_len;
	void *i_data;
};

#ifndef IOPKT_CORE
#define SIOCSDRVSPEC	IOPKT_SIOCSDRVSPEC
#define SIOCGDRVSPEC	IOPKT_SIOCGDRVSPEC
#define SIOCS80211	IOPKT_SIOCS80211
#define SIOCG80211	IOPKT_SIOCG80211
#endif

/**
 * struct iopkt_ioctl_handler - a module's answer to requests on interfaces
 * @cmds: the request numbers it takes (SIOCGDRVSPEC, SIOCS80211, or a
 *	private _IOWR('i', ...) whose argument starts with the interface
 *	name)
 * @ncmds: how many
 * @fn: called in the stack context, rtnl held, with @data the kernel copy
 *	of the request (struct ifdrv, struct ieee80211req, or the bytes of a
 *	private request); returns 0, a positive errno, or ENOTTY for "not
 *	mine" (the next handler is asked); must not register or unregister
 *	handlers
 *
 * Private fields follow.
 */
struct iopkt_ioctl_handler {
	const unsigned long *cmds;
	unsigned int ncmds;
	int (*fn)(struct ifnet *ifp, unsigned long cmd, void *data);
	/* private */
	struct list_head node;
};

int iopkt_ioctl_register(struct iopkt_ioctl_handler *h);
void iopkt_ioctl_unregister(struct iopkt_ioctl_handler *h);
int iopkt_ifioctl(struct ifnet *ifp, unsigned long cmd, void *data);

#endif /* _IOPKT_IOCTL_H */
