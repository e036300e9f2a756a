// SPDX-License-Identifier: GPL-2.0
/*
 * The control device of an instance, /dev/iopktN: BSD ioctls with
 * NetBSD's numbers (include/uapi/iopkt/ctl.h).
 *
 * Every request copies its argument in, checks it, finds the interface,
 * and runs what touches the driver in the stack context; changes need
 * CAP_NET_ADMIN. The device can outlive its instance (an open file when
 * the instance stops): requests then fail with ENXIO.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/proc_ns.h>
#include <linux/rtnetlink.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>

#include <iopkt/if_ether.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

struct iopkt_ctl {
	struct miscdevice misc;
	char name[16];
	struct rw_semaphore lock;	/* write: the instance is going */
	struct _iopkt_self *stk;	/* NULL once it went */
	struct kref ref;		/* misc registration + open files */
};

static void ctl_release_ref(struct kref *ref)
{
	kfree(container_of(ref, struct iopkt_ctl, ref));
}

static int ctl_open(struct inode *inode, struct file *file)
{
	struct iopkt_ctl *ctl = container_of(file->private_data,
					     struct iopkt_ctl, misc);

	kref_get(&ctl->ref);
	file->private_data = ctl;
	return 0;
}

static int ctl_release(struct inode *inode, struct file *file)
{
	struct iopkt_ctl *ctl = file->private_data;

	kref_put(&ctl->ref, ctl_release_ref);
	return 0;
}

struct drv_req {
	struct ifnet *ifp;
	unsigned long cmd;
	void *data;
};

static int drv_in_stack(void *arg)
{
	struct drv_req *r = arg;

	return iopkt_if_ioctl(r->ifp, r->cmd, r->data);
}

/* A driver request in the stack context; rtnl held by the caller. */
static int ctl_drv(struct _iopkt_self *stk, struct ifnet *ifp,
		   unsigned long cmd, void *data)
{
	struct drv_req r = { .ifp = ifp, .cmd = cmd, .data = data };

	return iopkt_stack_call(stk, drv_in_stack, &r);
}

static int ctl_iflist(struct _iopkt_self *stk, void __user *uarg)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_iflist req;
	struct iopkt_ifinfo *buf = NULL;
	struct iopkt_ifpriv *ip;
	u32 n = 0;
	int err = 0;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return EFAULT;
	if (req.count > 4096 || (req.count && !req.buf))
		return EINVAL;
	if (req.count) {
		buf = kcalloc(req.count, sizeof(*buf), GFP_KERNEL);
		if (!buf)
			return ENOMEM;
	}
	rtnl_lock();
	mutex_lock(&ns->if_lock);
	list_for_each_entry(ip, &ns->iflist, node) {
		if (!ip->registered)
			continue;
		if (n < req.count)
			iopkt_if_fill_info(ip->ifp, &buf[n]);
		n++;
	}
	mutex_unlock(&ns->if_lock);
	rtnl_unlock();
	req.total = n;
	req.count = min(n, req.count);
	if (req.count && copy_to_user(u64_to_user_ptr(req.buf), buf,
				      req.count * sizeof(*buf)))
		err = EFAULT;
	if (!err && copy_to_user(uarg, &req, sizeof(req)))
		err = EFAULT;
	kfree(buf);
	return err;
}

static int ctl_media_get(struct _iopkt_self *stk, struct ifnet *ifp,
			 struct iopkt_ifmediareq *req)
{
	u64 uptr = req->ifm_ulist;
	int *klist = NULL;
	int room = req->ifm_count;
	int err;

	if (room < 0 || room > 1024)
		return EINVAL;
	if (uptr && room) {
		klist = kcalloc(room, sizeof(int), GFP_KERNEL);
		if (!klist)
			return ENOMEM;
	} else {
		room = 0;
	}
	req->ifm_ulist = (uintptr_t)klist;
	req->ifm_count = room;
	err = ctl_drv(stk, ifp, IOPKT_SIOCGIFMEDIA, req);
	req->ifm_ulist = uptr;
	if (!err && klist &&
	    copy_to_user(u64_to_user_ptr(uptr), klist,
			 min(room, req->ifm_count) * sizeof(int)))
		err = EFAULT;
	kfree(klist);
	if (err == ENOTTY || err == EINVAL)
		err = ENOTTY;	/* the driver has no media */
	return err;
}

static int ctl_drvcom(struct _iopkt_self *stk, struct ifnet *ifp,
		      struct iopkt_drvcom *dc)
{
	u64 uptr = dc->ifdc_data;
	size_t need;
	void *kbuf;
	int err;

	switch (dc->ifdc_cmd) {
	case IOPKT_DRVCOM_CONFIG:
		need = sizeof(struct iopkt_nic_config);
		break;
	case IOPKT_DRVCOM_STATS:
		need = sizeof(struct iopkt_nic_stats);
		break;
	default:
		return EINVAL;
	}
	/* drivers may fill the whole structure: the buffer holds it */
	if (dc->ifdc_len < need || dc->ifdc_len > 4096 || !uptr)
		return EINVAL;
	kbuf = kzalloc(dc->ifdc_len, GFP_KERNEL);
	if (!kbuf)
		return ENOMEM;
	dc->ifdc_data = (uintptr_t)kbuf;
	err = ctl_drv(stk, ifp, IOPKT_SIOCGDRVCOM, dc);
	dc->ifdc_data = uptr;
	if (err == ENOTTY)
		err = EOPNOTSUPP;	/* the driver has no nicinfo support */
	if (!err && copy_to_user(u64_to_user_ptr(uptr), kbuf, dc->ifdc_len))
		err = EFAULT;
	kfree(kbuf);
	return err;
}

/* Requests on one interface, named at the start of their argument. */
static int ctl_ifreq(struct _iopkt_self *stk, unsigned int cmd,
		     void __user *uarg)
{
	union {
		struct iopkt_ifreq ifr;
		struct iopkt_ifmediareq ifm;
		struct iopkt_ifcapreq cap;
		struct iopkt_ifdatareq ifd;
		struct iopkt_drvcom dc;
	} u;
	size_t size = _IOC_SIZE(cmd);
	bool admin = false, out = false;
	struct ifnet *ifp;
	int err = 0;

	if (size > sizeof(u))
		return EINVAL;
	memset(&u, 0, sizeof(u));
	if (copy_from_user(&u, uarg, size))
		return EFAULT;
	u.ifr.ifr_name[IOPKT_IFNAMSIZ - 1] = '\0';

	switch (cmd) {
	case IOPKT_SIOCSIFFLAGS:
	case IOPKT_SIOCSIFMETRIC:
	case IOPKT_SIOCSIFMTU:
	case IOPKT_SIOCSIFMEDIA:
	case IOPKT_SIOCSIFCAP:
	case IOPKT_SIOCZIFDATA:
	case IOPKT_SIOCIFCREATE:
	case IOPKT_SIOCIFDESTROY:
		admin = true;
		break;
	}
	if (admin && !capable(CAP_NET_ADMIN))
		return EPERM;

	rtnl_lock();
	if (cmd == IOPKT_SIOCIFCREATE) {
		err = iopkt_clone_create(stk, u.ifr.ifr_name);
		goto unlock;
	}
	if (cmd == IOPKT_SIOCIFDESTROY) {
		err = iopkt_if_destroy(stk, u.ifr.ifr_name);
		goto unlock;
	}
	ifp = iopkt_ifunit(stk, u.ifr.ifr_name);
	if (!ifp || !ifp->if_priv || !ifp->if_priv->registered) {
		err = ENXIO;
		goto unlock;
	}
	switch (cmd) {
	case IOPKT_SIOCGIFFLAGS:
		u.ifr.ifr_flags = ifp->if_flags |
				  (ifp->if_flags_tx & IOPKT_IFF_OACTIVE);
		out = true;
		break;
	case IOPKT_SIOCSIFFLAGS:
		err = iopkt_if_set_flags(ifp, u.ifr.ifr_flags);
		break;
	case IOPKT_SIOCGIFMETRIC:
		u.ifr.ifr_metric = ifp->if_metric;
		out = true;
		break;
	case IOPKT_SIOCSIFMETRIC:
		ifp->if_metric = u.ifr.ifr_metric;
		break;
	case IOPKT_SIOCGIFMTU:
		u.ifr.ifr_mtu = ifp->if_mtu;
		out = true;
		break;
	case IOPKT_SIOCSIFMTU:
		err = iopkt_if_set_mtu(ifp, u.ifr.ifr_mtu);
		break;
	case IOPKT_SIOCGIFMEDIA:
		err = ctl_media_get(stk, ifp, &u.ifm);
		out = !err;
		break;
	case IOPKT_SIOCSIFMEDIA:
		err = ctl_drv(stk, ifp, IOPKT_SIOCSIFMEDIA, &u.ifr);
		if (err == ENOTTY)
			err = EOPNOTSUPP;
		break;
	case IOPKT_SIOCGIFCAP:
		u.cap.ifcr_capabilities_rx = ifp->if_capabilities_rx;
		u.cap.ifcr_capabilities_tx = ifp->if_capabilities_tx;
		u.cap.ifcr_capenable_rx = ifp->if_capenable_rx;
		u.cap.ifcr_capenable_tx = ifp->if_capenable_tx;
		out = true;
		break;
	case IOPKT_SIOCSIFCAP:
		err = iopkt_if_set_caps(ifp, &u.cap);
		if (err == ENOTTY)
			err = EOPNOTSUPP;	/* not Ethernet: no offloads */
		break;
	case IOPKT_SIOCGIFDATA:
		u.ifd.ifdr_data = ifp->if_data;
		u.ifd.ifdr_data.ifi_mtu = ifp->if_mtu;
		out = true;
		break;
	case IOPKT_SIOCZIFDATA:
		u.ifd.ifdr_data = ifp->if_data;
		out = true;
		ifp->if_ipackets = 0;
		ifp->if_ierrors = 0;
		ifp->if_opackets = 0;
		ifp->if_oerrors = 0;
		ifp->if_collisions = 0;
		ifp->if_ibytes = 0;
		ifp->if_obytes = 0;
		ifp->if_imcasts = 0;
		ifp->if_omcasts = 0;
		ifp->if_iqdrops = 0;
		ifp->if_noproto = 0;
		break;
	case IOPKT_SIOCGDRVCOM:
		err = ctl_drvcom(stk, ifp, &u.dc);
		out = !err;
		break;
	default:
		err = ENOTTY;
	}
unlock:
	rtnl_unlock();
	if (!err && out && copy_to_user(uarg, &u, size))
		err = EFAULT;
	return err;
}

static int ctl_cloners(void __user *uarg)
{
	struct iopkt_if_clonereq req;
	char *buf = NULL;
	int n, err = 0;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return EFAULT;
	if (req.ifcr_count < 0 || req.ifcr_count > 256)
		return EINVAL;
	if (req.ifcr_count && req.ifcr_buffer) {
		buf = kcalloc(req.ifcr_count, IOPKT_IFNAMSIZ, GFP_KERNEL);
		if (!buf)
			return ENOMEM;
	}
	n = iopkt_clone_list(buf, buf ? req.ifcr_count : 0, &req.ifcr_total);
	if (buf && copy_to_user(u64_to_user_ptr(req.ifcr_buffer), buf,
				n * IOPKT_IFNAMSIZ))
		err = EFAULT;
	if (!err && copy_to_user(uarg, &req, sizeof(req)))
		err = EFAULT;
	kfree(buf);
	return err;
}

static long ctl_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct iopkt_ctl *ctl = file->private_data;
	void __user *uarg = (void __user *)arg;
	struct _iopkt_self *stk;
	int err;

	down_read(&ctl->lock);
	stk = ctl->stk;
	if (!stk) {
		up_read(&ctl->lock);
		return -ENXIO;
	}
	switch (cmd) {
	case IOPKT_SIOCGIFLIST:
		err = ctl_iflist(stk, uarg);
		break;
	case IOPKT_SIOCIFGCLONERS:
		err = ctl_cloners(uarg);
		break;
	case IOPKT_SIOCGNETNS:
		err = -open_related_ns(&iopkt_ns(stk)->net->ns, get_net_ns);
		if (err <= 0) {
			up_read(&ctl->lock);
			return -err;	/* the new fd */
		}
		break;
	case IOPKT_SIOCSIFFLAGS:
	case IOPKT_SIOCGIFFLAGS:
	case IOPKT_SIOCGIFMETRIC:
	case IOPKT_SIOCSIFMETRIC:
	case IOPKT_SIOCSIFMEDIA:
	case IOPKT_SIOCGIFMEDIA:
	case IOPKT_SIOCSIFCAP:
	case IOPKT_SIOCGIFCAP:
	case IOPKT_SIOCIFDESTROY:
	case IOPKT_SIOCIFCREATE:
	case IOPKT_SIOCGDRVCOM:
	case IOPKT_SIOCGIFMTU:
	case IOPKT_SIOCSIFMTU:
	case IOPKT_SIOCGIFDATA:
	case IOPKT_SIOCZIFDATA:
		err = ctl_ifreq(stk, cmd, uarg);
		break;
	default:
		/* drivers and modules (ioctl_drv.c), else ENOTTY */
		err = iopkt_ctl_drv_ioctl(stk, cmd, uarg);
	}
	up_read(&ctl->lock);
	return -err;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.open = ctl_open,
	.release = ctl_release,
	.unlocked_ioctl = ctl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

int iopkt_ctl_create(struct _iopkt_self *stk)
{
	struct iopkt_ctl *ctl;
	int err;

	ctl = kzalloc(sizeof(*ctl), GFP_KERNEL);
	if (!ctl)
		return -ENOMEM;
	snprintf(ctl->name, sizeof(ctl->name), IOPKT_CTL_NAME_FMT,
		 stk->instance);
	init_rwsem(&ctl->lock);
	kref_init(&ctl->ref);
	ctl->stk = stk;
	ctl->misc.minor = MISC_DYNAMIC_MINOR;
	ctl->misc.name = ctl->name;
	ctl->misc.fops = &ctl_fops;
	ctl->misc.mode = 0644;
	err = misc_register(&ctl->misc);
	if (err) {
		kfree(ctl);
		return err;
	}
	iopkt_ns(stk)->ctl = ctl;
	return 0;
}

void iopkt_ctl_destroy(struct _iopkt_self *stk)
{
	struct iopkt_ctl *ctl = iopkt_ns(stk)->ctl;

	if (!ctl)
		return;
	misc_deregister(&ctl->misc);
	down_write(&ctl->lock);
	ctl->stk = NULL;
	up_write(&ctl->lock);
	iopkt_ns(stk)->ctl = NULL;
	kref_put(&ctl->ref, ctl_release_ref);
}
