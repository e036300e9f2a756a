/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * tun(4) and tap(4) of iopkt: the ioctls of their character devices
 * (/dev/tunN, /dev/tapN for instance 0; /dev/iopktM-tunN for instance M),
 * with NetBSD's names, groups, numbers and argument types. The encoding is
 * Linux's _IOW/_IOR, as for every iopkt request (<uapi/iopkt/ctl.h>).
 *
 * Linux's own /dev/net/tun and <linux/if_tun.h> (TUNSETIFF, ...) are a
 * different device; none of the names below clash with them.
 */
#ifndef _UAPI_IOPKT_IF_TUN_H
#define _UAPI_IOPKT_IF_TUN_H

#include <linux/ioctl.h>

#include "ctl.h"

/* Default and largest MTU of a tun interface. */
#define TUNMTU		1500

/* int: debug level (nonzero: log dropped writes and packets) */
#define TUNSDEBUG	_IOW('t', 90, int)
#define TUNGDEBUG	_IOR('t', 89, int)
/*
 * int: IFF_POINTOPOINT or IFF_BROADCAST, optionally | IFF_MULTICAST
 * (NetBSD values, IOPKT_IFF_*); only while the interface is down
 */
#define TUNSIFMODE	_IOW('t', 88, int)
/*
 * int: nonzero puts a 4-byte address family (network byte order) in
 * front of every packet read and expects one in front of every write
 */
#define TUNSIFHEAD	_IOW('t', 66, int)
#define TUNGIFHEAD	_IOR('t', 65, int)

/* tap: the interface's name, in ifr_name */
#define TAPGIFNAME	_IOR('e', 0, struct iopkt_ifreq)

#endif /* _UAPI_IOPKT_IF_TUN_H */
