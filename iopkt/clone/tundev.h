/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The character device of a tun or tap interface (tundev.c), shared by
 * if_tun.c and if_tap.c.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_TUNDEV_H
#define _IOPKT_TUNDEV_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/rwsem.h>
#include <linux/wait.h>

#include <iopkt/if.h>

struct tundev;

/* Longest header put in front of a packet read (tun's address family). */
#define TUNDEV_HDRMAX	4

/**
 * struct tundev_ops - what tun and tap do differently
 * @open: the device was opened (stack context, rtnl held); EOK or an errno
 * @close: the last close (stack context, rtnl held); not called once the
 *	interface is gone
 * @read_hdr: the bytes to put in front of @m on read, into @hdr (at most
 *	TUNDEV_HDRMAX); returns how many (any context, if_snd_ex held)
 * @write_limits: the shortest and longest write accepted
 * @write: inject @m, the bytes of one write (consumed); EOK or an errno
 *	(EINVAL, EAFNOSUPPORT)
 * @ioctl: requests of the kind; ENOTTY for unknown ones
 * @free: the last reference went: free the softc
 */
struct tundev_ops {
	int (*open)(struct tundev *td);
	void (*close)(struct tundev *td);
	int (*read_hdr)(struct tundev *td, struct mbuf *m, u8 *hdr);
	void (*write_limits)(struct tundev *td, size_t *min, size_t *max);
	int (*write)(struct tundev *td, struct mbuf *m);
	int (*ioctl)(struct tundev *td, unsigned int cmd, void __user *arg);
	void (*free)(struct tundev *td);
};

/**
 * struct tundev - a tun/tap character device, embedded in the softc
 * @dev: the device; its last reference frees the softc (ops->free). Open
 *	files hold it (through @cdev), so the softc outlives the interface
 *	while the device is open.
 * @cdev: the character device
 * @ifp: the interface (in the same softc)
 * @stk: its instance
 * @ops: tun or tap
 * @io_sem: write() holds it for reading while it injects a packet;
 *	tundev_gone() takes it for writing
 * @rwait: readers and pollers
 * @fasync: SIGIO receivers (FIOASYNC, O_ASYNC)
 * @rx_align: bytes left in front of written data (tap: 2, so that the IP
 *	header is aligned)
 * @minor: the minor number, -1 before tundev_add()
 * @added: the node exists
 * @open: the device is open (changed under rtnl and if_snd_ex)
 * @gone: the interface is destroyed (changed under @io_sem, if_snd_ex and
 *	rtnl)
 */
struct tundev {
	struct device dev;
	struct cdev cdev;
	struct ifnet *ifp;
	struct _iopkt_self *stk;
	const struct tundev_ops *ops;
	struct rw_semaphore io_sem;
	wait_queue_head_t rwait;
	struct fasync_struct *fasync;
	unsigned int rx_align;
	int minor;
	bool added;
	bool open;
	bool gone;
};

void tundev_init(struct tundev *td, struct ifnet *ifp,
		 const struct tundev_ops *ops);
int tundev_add(struct tundev *td);
void tundev_start(struct tundev *td);
void tundev_gone(struct tundev *td);
void tundev_put(struct tundev *td);

#endif /* _IOPKT_TUNDEV_H */
