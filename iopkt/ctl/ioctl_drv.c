// SPDX-License-Identifier: GPL-2.0
/*
 * Driver- and module-specific requests of /dev/iopktN: SIOCSDRVSPEC /
 * SIOCGDRVSPEC, SIOCS80211 / SIOCG80211 and any other request on an
 * interface the core does not answer, and the registry of module handlers
 * (include/iopkt/ioctl.h).
 *
 * The core copies the request structure and its payload in, hands the
 * kernel copy to the interface's if_ioctl and then to the registered
 * handlers (stack context, rtnl held), and copies the answer back.
 * Documentation/hooks.md, "## Driver-specific ioctls", is the contract.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <iopkt/ioctl.h>

#include "net/net_impl.h"

/* Handlers; read-held across every call, so unregister waits for them. */
static DECLARE_RWSEM(ioctl_handlers_sem);
static LIST_HEAD(ioctl_handlers);

static bool handler_takes(const struct iopkt_ioctl_handler *h,
			  unsigned long cmd)
{
	unsigned int i;

	for (i = 0; i < h->ncmds; i++)
		if (h->cmds[i] == cmd)
			return true;
	return false;
}

/**
 * iopkt_ioctl_register() - take requests on interfaces
 * @h: the handler, with @cmds, @ncmds and @fn set; stays the caller's
 *	until iopkt_ioctl_unregister() returns
 *
 * @fn is asked after the interface's if_ioctl answered ENOTTY, and after
 * the handlers registered before @h.
 *
 * Context: process, may sleep.
 * Return: 0, EINVAL (no request or no function), EEXIST (@h is
 * registered).
 */
int iopkt_ioctl_register(struct iopkt_ioctl_handler *h)
{
	struct iopkt_ioctl_handler *o;
	int err = 0;

	if (!h || !h->fn || !h->cmds || !h->ncmds)
		return EINVAL;
	down_write(&ioctl_handlers_sem);
	list_for_each_entry(o, &ioctl_handlers, node)
		if (o == h)
			err = EEXIST;
	if (!err)
		list_add_tail(&h->node, &ioctl_handlers);
	up_write(&ioctl_handlers_sem);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ioctl_register, IOPKT);

/**
 * iopkt_ioctl_unregister() - stop taking requests
 * @h: a handler given to iopkt_ioctl_register(), or one that is not
 *	registered (nothing happens)
 *
 * When this returns no call of @h->fn is in flight and none will start:
 * the module may go. Must not be called from a handler.
 *
 * Context: process, may sleep.
 */
void iopkt_ioctl_unregister(struct iopkt_ioctl_handler *h)
{
	struct iopkt_ioctl_handler *o;

	down_write(&ioctl_handlers_sem);
	list_for_each_entry(o, &ioctl_handlers, node) {
		if (o == h) {
			list_del(&h->node);
			break;
		}
	}
	up_write(&ioctl_handlers_sem);
}
EXPORT_SYMBOL_NS_GPL(iopkt_ioctl_unregister, IOPKT);

struct ifioctl_req {
	struct ifnet *ifp;
	unsigned long cmd;
	void *data;
};

static int ifioctl_in_stack(void *arg)
{
	struct ifioctl_req *r = arg;
	struct iopkt_ioctl_handler *h;
	int err;

	err = iopkt_if_ioctl(r->ifp, r->cmd, r->data);
	if (err != ENOTTY)
		return err;
	down_read(&ioctl_handlers_sem);
	list_for_each_entry(h, &ioctl_handlers, node) {
		if (!handler_takes(h, r->cmd))
			continue;
		err = h->fn(r->ifp, r->cmd, r->data);
		if (err != ENOTTY)
			break;
	}
	up_read(&ioctl_handlers_sem);
	return err;
}

/**
 * iopkt_ifioctl() - run a driver-specific request on an interface
 * @ifp: an attached interface
 * @cmd: the request
 * @data: its kernel copy (struct ifdrv, struct ieee80211req, ...)
 *
 * What /dev/iopktN does once it has copied a request in: the interface's
 * if_ioctl, then the registered handlers, in the interface's stack
 * context. For modules that relay requests (a bridge asking a member).
 *
 * Context: process, rtnl held (as a driver request), or the stack context.
 * Return: the answer; ENOTTY if nobody takes @cmd.
 */
int iopkt_ifioctl(struct ifnet *ifp, unsigned long cmd, void *data)
{
	struct ifioctl_req r = { .ifp = ifp, .cmd = cmd, .data = data };

	ASSERT_RTNL();
	if (!ifp || !ifp->if_priv || !ifp->if_priv->registered)
		return ENXIO;
	return iopkt_stack_call(ifp->if_priv->stk, ifioctl_in_stack, &r);
}
EXPORT_SYMBOL_NS_GPL(iopkt_ifioctl, IOPKT);

/* Find the interface and run the request, rtnl held around both. */
static int ctl_dispatch(struct _iopkt_self *stk, const char *name,
			unsigned long cmd, void *data)
{
	struct ifnet *ifp;
	int err;

	rtnl_lock();
	ifp = iopkt_ifunit(stk, name);
	if (!ifp || !ifp->if_priv || !ifp->if_priv->registered)
		err = ENXIO;
	else
		err = iopkt_ifioctl(ifp, cmd, data);
	rtnl_unlock();
	return err;
}

/*
 * The payload: @len bytes at user address @uptr, copied into a zeroed
 * buffer (NULL for 0 bytes). ERR_PTR with a negative errno on failure.
 */
static void *ctl_payload_in(u64 uptr, size_t len, size_t max)
{
	void *kbuf;

	if (len > max || (len && !uptr))
		return ERR_PTR(-EINVAL);
	if (!len)
		return NULL;
	kbuf = kvzalloc(len, GFP_KERNEL);
	if (!kbuf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(kbuf, u64_to_user_ptr(uptr), len)) {
		kvfree(kbuf);
		return ERR_PTR(-EFAULT);
	}
	return kbuf;
}

static int ctl_drvspec(struct _iopkt_self *stk, unsigned int cmd,
		       void __user *uarg)
{
	struct iopkt_ifdrv u;
	struct ifdrv k = {};
	size_t len, out;
	void *kbuf;
	int err;

	if (copy_from_user(&u, uarg, sizeof(u)))
		return EFAULT;
	if (cmd == IOPKT_SIOCSDRVSPEC && !capable(CAP_NET_ADMIN))
		return EPERM;
	len = u.ifd_len;
	kbuf = ctl_payload_in(u.ifd_data, len, IOPKT_DRVSPEC_MAXLEN);
	if (IS_ERR(kbuf))
		return -PTR_ERR(kbuf);
	memcpy(k.ifd_name, u.ifd_name, sizeof(k.ifd_name));
	k.ifd_name[IOPKT_IFNAMSIZ - 1] = '\0';
	k.ifd_cmd = u.ifd_cmd;
	k.ifd_len = len;
	k.ifd_data = kbuf;
	err = ctl_dispatch(stk, k.ifd_name, cmd, &k);
	if (!err && cmd == IOPKT_SIOCGDRVSPEC) {
		out = min(k.ifd_len, len);
		if (out && copy_to_user(u64_to_user_ptr(u.ifd_data), kbuf, out))
			err = EFAULT;
		u.ifd_len = k.ifd_len;
		if (!err && copy_to_user(uarg, &u, sizeof(u)))
			err = EFAULT;
	}
	kvfree(kbuf);
	return err;
}

static int ctl_80211(struct _iopkt_self *stk, unsigned int cmd,
		     void __user *uarg)
{
	struct iopkt_ieee80211req u;
	struct ieee80211req k = {};
	size_t len, out;
	void *kbuf;
	int err;

	if (copy_from_user(&u, uarg, sizeof(u)))
		return EFAULT;
	if (cmd == IOPKT_SIOCS80211 && !capable(CAP_NET_ADMIN))
		return EPERM;
	if (u.i_len < 0)
		return EINVAL;
	len = u.i_len;
	kbuf = ctl_payload_in(u.i_data, len, S16_MAX);
	if (IS_ERR(kbuf))
		return -PTR_ERR(kbuf);
	memcpy(k.i_name, u.i_name, sizeof(k.i_name));
	k.i_name[IOPKT_IFNAMSIZ - 1] = '\0';
	k.i_type = u.i_type;
	k.i_val = u.i_val;
	k.i_len = u.i_len;
	k.i_data = kbuf;
	err = ctl_dispatch(stk, k.i_name, cmd, &k);
	if (!err && cmd == IOPKT_SIOCG80211) {
		out = k.i_len < 0 ? 0 : min_t(size_t, k.i_len, len);
		if (out && copy_to_user(u64_to_user_ptr(u.i_data), kbuf, out))
			err = EFAULT;
		u.i_val = k.i_val;
		u.i_len = k.i_len;
		if (!err && copy_to_user(uarg, &u, sizeof(u)))
			err = EFAULT;
	}
	kvfree(kbuf);
	return err;
}

/* Numbers ('i', nr) the core answers itself: never a private request. */
static bool ctl_core_nr(unsigned int cmd)
{
	static const u8 core[] = {
		16, 17, 23, 24, 25, 26, 49, 50, 53, 54, 107, 109, 117, 118,
		120, 121, 122, 123, 126, 127, 133, 134, 200, 201, 234, 235,
	};
	unsigned int i;

	if (_IOC_TYPE(cmd) != 'i')
		return false;
	for (i = 0; i < ARRAY_SIZE(core); i++)
		if (_IOC_NR(cmd) == core[i])
			return true;
	return false;
}

/*
 * Any other request whose argument starts with an interface name: the
 * argument (its _IOC_SIZE bytes, no pointers followed) is copied in and,
 * for _IOC_READ requests, back.
 */
static int ctl_private(struct _iopkt_self *stk, unsigned int cmd,
		       void __user *uarg)
{
	size_t size = _IOC_SIZE(cmd);
	char *kbuf;
	int err;

	if (size < IOPKT_IFNAMSIZ || !(_IOC_DIR(cmd) & _IOC_WRITE) ||
	    ctl_core_nr(cmd))
		return ENOTTY;
	if (!capable(CAP_NET_ADMIN))
		return EPERM;
	/* at least an ifreq: drivers may read one whatever the size */
	kbuf = kzalloc(max(size, sizeof(struct iopkt_ifreq)), GFP_KERNEL);
	if (!kbuf)
		return ENOMEM;
	if (copy_from_user(kbuf, uarg, size)) {
		kfree(kbuf);
		return EFAULT;
	}
	kbuf[IOPKT_IFNAMSIZ - 1] = '\0';
	err = ctl_dispatch(stk, kbuf, cmd, kbuf);
	if (!err && (_IOC_DIR(cmd) & _IOC_READ) &&
	    copy_to_user(uarg, kbuf, size))
		err = EFAULT;
	kfree(kbuf);
	return err;
}

/**
 * iopkt_ctl_drv_ioctl() - a request /dev/iopktN does not answer itself
 * @stk: the instance
 * @cmd: the request
 * @uarg: its user argument
 *
 * Return: the answer of the driver or module, ENOTTY if nobody takes it,
 * or the errno of a malformed request.
 */
int iopkt_ctl_drv_ioctl(struct _iopkt_self *stk, unsigned int cmd,
			void __user *uarg)
{
	switch (cmd) {
	case IOPKT_SIOCSDRVSPEC:
	case IOPKT_SIOCGDRVSPEC:
		return ctl_drvspec(stk, cmd, uarg);
	case IOPKT_SIOCS80211:
	case IOPKT_SIOCG80211:
		return ctl_80211(stk, cmd, uarg);
	default:
		return ctl_private(stk, cmd, uarg);
	}
}
