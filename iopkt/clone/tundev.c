// SPDX-License-Identifier: GPL-2.0
/*
 * The character device of a tun or tap interface: /dev/tunN, /dev/tapN.
 *
 * Every interface has its own node, made when the interface is created
 * and removed when it is destroyed. Instance 0's are /dev/tun0, /dev/tap0,
 * ...; instance M's are /dev/iopktM-tun0, ... (/dev/iopktM is the control
 * device, so it cannot be a directory). They have a major of their own
 * ("iopkt-tuntap" in /proc/devices) and sit in the class iopkt-tuntap.
 *
 * Packets Linux sends out of the interface wait on its if_snd queue;
 * read() takes one per call. write() injects one. The device is opened
 * by one file at a time (EBUSY otherwise, as in NetBSD); while nobody
 * has it open, what is sent is dropped and counted in if_oerrors. The
 * Linux carrier stays on meanwhile: with it off, Linux would drop the
 * packets itself before they reach if_snd, uncounted.
 *
 * Lifetime: the softc (interface and struct tundev) is freed by the last
 * reference to @dev. The cdev holds one (cdev_device_add) and each open
 * file holds the cdev, so a file can outlive the interface: once it is
 * destroyed (tundev_gone) read and write fail with ENXIO and poll reports
 * POLLHUP.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <asm/ioctls.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <iopkt/if.h>
#include <iopkt/stack.h>

#include "net/net_impl.h"
#include "clone/tundev.h"

#define TUNDEV_MINORS	(1U << 16)

static dev_t tundev_base;
static DEFINE_IDA(tundev_minors);
static struct class *tundev_class;

static void tundev_release_dev(struct device *dev)
{
	struct tundev *td = container_of(dev, struct tundev, dev);

	if (td->minor >= 0)
		ida_free(&tundev_minors, td->minor);
	td->ops->free(td);
}

/**
 * tundev_init() - prepare the character device of a new interface
 * @td: in the softc, zeroed
 * @ifp: the interface, in the same softc
 * @ops: tun's or tap's
 *
 * From here on the softc is freed by tundev_put() (ops->free), never
 * directly.
 */
void tundev_init(struct tundev *td, struct ifnet *ifp,
		 const struct tundev_ops *ops)
{
	td->ifp = ifp;
	td->ops = ops;
	td->minor = -1;
	init_rwsem(&td->io_sem);
	init_waitqueue_head(&td->rwait);
	device_initialize(&td->dev);
	td->dev.class = tundev_class;
	td->dev.release = tundev_release_dev;
}

static const struct file_operations tundev_fops;

/**
 * tundev_add() - make the node of an attached interface
 * @td: the device, tundev_init() done and the interface attached
 *
 * Stack context (the cloner's create), rtnl held.
 *
 * Return: EOK, ENOSPC (no minor left), ENOMEM, or another errno.
 */
int tundev_add(struct tundev *td)
{
	struct ifnet *ifp = td->ifp;
	int inst, err;

	td->stk = iopkt_if_stack(ifp);
	inst = iopkt_stack_instance(td->stk);
	err = ida_alloc_max(&tundev_minors, TUNDEV_MINORS - 1, GFP_KERNEL);
	if (err < 0)
		return -err;
	td->minor = err;
	td->dev.devt = MKDEV(MAJOR(tundev_base), MINOR(tundev_base) + td->minor);
	if (inst)
		err = dev_set_name(&td->dev, "iopkt%d-%s", inst, ifp->if_xname);
	else
		err = dev_set_name(&td->dev, "%s", ifp->if_xname);
	if (err)
		return -err;
	cdev_init(&td->cdev, &tundev_fops);
	td->cdev.owner = THIS_MODULE;
	err = cdev_device_add(&td->cdev, &td->dev);
	if (err)
		return -err;
	td->added = true;
	return EOK;
}

static void tundev_wake(struct tundev *td, int band)
{
	wake_up_interruptible_poll(&td->rwait, band == POLL_IN ?
				   EPOLLIN | EPOLLRDNORM : EPOLLHUP | EPOLLERR);
	kill_fasync(&td->fasync, SIGIO, band);
}

/**
 * tundev_start() - the if_start of tun and tap
 * @td: the interface's device
 *
 * Called with if_snd_ex held (Linux's transmit path: softirq or process
 * context); releases it. With the device open, wakes the readers, who
 * take the packets off if_snd; else drops them, counted in if_oerrors.
 */
void tundev_start(struct tundev *td)
{
	struct ifnet *ifp = td->ifp;
	bool wake = false;
	struct mbuf *m;

	if (td->open && !td->gone) {
		wake = !IFQ_IS_EMPTY(&ifp->if_snd);
	} else {
		for (;;) {
			IFQ_DEQUEUE(&ifp->if_snd, m);
			if (!m)
				break;
			m_freem(m);
			ifp->if_oerrors++;
		}
	}
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	if (wake)
		tundev_wake(td, POLL_IN);
}

/**
 * tundev_gone() - the interface is being destroyed
 * @td: its device
 *
 * Stack context, rtnl held, before if_detach(): waits for writers that
 * are injecting a packet, fails further reads and writes with ENXIO,
 * wakes blocked readers and pollers, and removes the node.
 */
void tundev_gone(struct tundev *td)
{
	struct ifnet *ifp = td->ifp;

	down_write(&td->io_sem);
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	td->gone = true;
	IFQ_PURGE(&ifp->if_snd);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	up_write(&td->io_sem);
	tundev_wake(td, POLL_HUP);
	if (td->added)
		cdev_device_del(&td->cdev, &td->dev);
	td->added = false;
}

/**
 * tundev_put() - drop the creator's reference
 * @td: the device
 *
 * The softc is freed now, or when the last open file is closed.
 */
void tundev_put(struct tundev *td)
{
	put_device(&td->dev);
}

static int tundev_open_in_stack(void *arg)
{
	struct tundev *td = arg;
	struct ifnet *ifp = td->ifp;
	int err = 0;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	td->open = true;
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	if (td->ops->open)
		err = td->ops->open(td);
	if (err) {
		NW_SIGLOCK(&ifp->if_snd_ex, NULL);
		td->open = false;
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	}
	return err;
}

static int tundev_close_in_stack(void *arg)
{
	struct tundev *td = arg;
	struct ifnet *ifp = td->ifp;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	td->open = false;
	IFQ_PURGE(&ifp->if_snd);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	if (td->ops->close)
		td->ops->close(td);
	return 0;
}

static int tundev_open(struct inode *inode, struct file *file)
{
	struct tundev *td = container_of(inode->i_cdev, struct tundev, cdev);
	int err;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	rtnl_lock();
	if (td->gone)
		err = ENXIO;
	else if (td->open)
		err = EBUSY;
	else
		err = iopkt_stack_call(td->stk, tundev_open_in_stack, td);
	if (!err) {
		get_device(&td->dev);
		file->private_data = td;
	}
	rtnl_unlock();
	if (err)
		return -err;
	return stream_open(inode, file);
}

static int tundev_release(struct inode *inode, struct file *file)
{
	struct tundev *td = file->private_data;
	struct ifnet *ifp = td->ifp;

	rtnl_lock();
	if (!td->gone) {
		iopkt_stack_call(td->stk, tundev_close_in_stack, td);
	} else {
		NW_SIGLOCK(&ifp->if_snd_ex, NULL);
		td->open = false;
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	}
	rtnl_unlock();
	put_device(&td->dev);
	return 0;
}

/* Take the next packet; ENXIO once the interface is gone. */
static int tundev_dequeue(struct tundev *td, struct mbuf **mp)
{
	struct ifnet *ifp = td->ifp;
	int err = 0;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if (td->gone)
		err = ENXIO;
	else
		IFQ_DEQUEUE(&ifp->if_snd, *mp);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	return err;
}

static bool tundev_readable(struct tundev *td)
{
	struct ifnet *ifp = td->ifp;
	bool ready;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	ready = td->gone || !IFQ_IS_EMPTY(&ifp->if_snd);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	return ready;
}

/* Copy a header and a packet out, as much as fits; bytes copied or -errno. */
static ssize_t tundev_copy_out(char __user *buf, size_t count, const u8 *hdr,
			       int hlen, struct mbuf *m)
{
	size_t done = 0, n;

	n = min_t(size_t, hlen, count);
	if (copy_to_user(buf, hdr, n))
		return -EFAULT;
	done += n;
	for (; m && done < count; m = m->m_next) {
		n = min_t(size_t, m->m_len, count - done);
		if (copy_to_user(buf + done, mtod(m, void *), n))
			return -EFAULT;
		done += n;
	}
	return done;
}

/*
 * One packet per call; a buffer shorter than the packet gets its start
 * and the rest is discarded, as in NetBSD.
 */
static ssize_t tundev_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	struct tundev *td = file->private_data;
	struct ifnet *ifp = td->ifp;
	u8 hdr[TUNDEV_HDRMAX];
	struct mbuf *m;
	ssize_t ret;
	int hlen = 0;
	int err;

	for (;;) {
		m = NULL;
		err = tundev_dequeue(td, &m);
		if (err)
			return -err;
		if (m)
			break;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(td->rwait, tundev_readable(td)))
			return -ERESTARTSYS;
	}
	if (td->ops->read_hdr)
		hlen = td->ops->read_hdr(td, m, hdr);
	ret = tundev_copy_out(buf, count, hdr, hlen, m);
	m_freem(m);
	if (ret < 0)
		ifp->if_oerrors++;
	else
		ifp->if_opackets++;
	return ret;
}

/* The bytes of one write as an mbuf chain; NULL and *err on failure. */
static struct mbuf *tundev_m_from_user(const char __user *buf, size_t len,
				       unsigned int align, int *err)
{
	struct mbuf *top = NULL, **mp = &top, *m;
	size_t off = 0, n;

	while (off < len) {
		if (!top && len + align <= (size_t)MHLEN)
			m = m_gethdr(M_WAITOK, MT_DATA);
		else
			m = m_getcl(M_WAITOK, MT_DATA, top ? 0 : M_PKTHDR);
		if (!m) {
			*err = ENOBUFS;
			goto fail;
		}
		*mp = m;
		mp = &m->m_next;
		if (m == top)
			m->m_data += align;
		n = min_t(size_t, len - off, M_TRAILINGSPACE(m));
		if (copy_from_user(mtod(m, void *), buf + off, n)) {
			*err = EFAULT;
			goto fail;
		}
		m->m_len = n;
		off += n;
	}
	top->m_pkthdr.len = len;
	top->m_pkthdr.rcvif = NULL;
	return top;
fail:
	m_freem(top);
	return NULL;
}

static ssize_t tundev_write(struct file *file, const char __user *buf,
			    size_t count, loff_t *ppos)
{
	struct tundev *td = file->private_data;
	size_t min, max;
	struct mbuf *m;
	int err = 0;

	td->ops->write_limits(td, &min, &max);
	if (count < min)
		return -EINVAL;
	if (count > max)
		return -EMSGSIZE;
	m = tundev_m_from_user(buf, count, td->rx_align, &err);
	if (!m)
		return -err;
	down_read(&td->io_sem);
	if (td->gone) {
		m_freem(m);
		err = ENXIO;
	} else {
		err = td->ops->write(td, m);
	}
	up_read(&td->io_sem);
	return err ? -err : count;
}

static __poll_t tundev_poll(struct file *file, poll_table *wait)
{
	struct tundev *td = file->private_data;
	struct ifnet *ifp = td->ifp;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;

	poll_wait(file, &td->rwait, wait);
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if (td->gone)
		mask = EPOLLERR | EPOLLHUP;
	else if (!IFQ_IS_EMPTY(&ifp->if_snd))
		mask |= EPOLLIN | EPOLLRDNORM;
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	return mask;
}

/* FIONREAD: the bytes the next read returns (header included), 0 if none. */
static int tundev_nread(struct tundev *td, int __user *arg)
{
	struct ifnet *ifp = td->ifp;
	u8 hdr[TUNDEV_HDRMAX];
	struct mbuf *m;
	int n = 0, err = 0;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if (td->gone) {
		err = ENXIO;
	} else {
		IFQ_POLL(&ifp->if_snd, m);
		if (m) {
			n = m->m_pkthdr.len;
			if (td->ops->read_hdr)
				n += td->ops->read_hdr(td, m, hdr);
		}
	}
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	if (!err && put_user(n, arg))
		err = EFAULT;
	return err;
}

/* FIONBIO and FIOASYNC are the VFS's (O_NONBLOCK, ->fasync). */
static long tundev_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct tundev *td = file->private_data;
	void __user *uarg = (void __user *)arg;
	int err;

	if (cmd == FIONREAD)
		err = tundev_nread(td, uarg);
	else if (td->ops->ioctl)
		err = td->ops->ioctl(td, cmd, uarg);
	else
		err = ENOTTY;
	return -err;
}

static int tundev_fasync(int fd, struct file *file, int on)
{
	struct tundev *td = file->private_data;

	return fasync_helper(fd, file, on, &td->fasync);
}

static const struct file_operations tundev_fops = {
	.owner = THIS_MODULE,
	.open = tundev_open,
	.release = tundev_release,
	.read = tundev_read,
	.write = tundev_write,
	.poll = tundev_poll,
	.unlocked_ioctl = tundev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.fasync = tundev_fasync,
	.llseek = no_llseek,
};

int iopkt_tundev_init(void)
{
	int err;

	err = alloc_chrdev_region(&tundev_base, 0, TUNDEV_MINORS,
				  "iopkt-tuntap");
	if (err)
		return err;
	tundev_class = class_create(THIS_MODULE, "iopkt-tuntap");
	if (IS_ERR(tundev_class)) {
		err = PTR_ERR(tundev_class);
		unregister_chrdev_region(tundev_base, TUNDEV_MINORS);
		return err;
	}
	return 0;
}

void iopkt_tundev_exit(void)
{
	class_destroy(tundev_class);
	unregister_chrdev_region(tundev_base, TUNDEV_MINORS);
	ida_destroy(&tundev_minors);
}
