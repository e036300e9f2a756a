// SPDX-License-Identifier: GPL-2.0
/*
 * Devices: dev_attach()/dev_detach(), the reason a mount failed, shutdown
 * hooks, destroying an interface, and taking every device of an instance
 * down when it stops.
 *
 * Every dev_attach() takes a reference on the driver's module, dropped
 * when the device detaches, so a driver with interfaces cannot unload.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <iopkt/device.h>
#include <iopkt/if.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

struct shutdown_hook {
	struct list_head node;
	void (*fn)(void *arg);
	void *arg;
	struct _iopkt_self *stk;
};

/* Parse "name=" and "unit=" out of a driver option string. */
static int dev_generic_opts(const char *options, char *prefix, size_t plen,
			    int *unit)
{
	char *dup, *p, *tok;
	int err = 0;

	*unit = -1;
	if (!options)
		return 0;
	dup = kstrdup(options, GFP_KERNEL);
	if (!dup)
		return ENOMEM;
	p = dup;
	while ((tok = strsep(&p, ",")) != NULL) {
		char *val = strchr(tok, '=');

		if (!val)
			continue;
		*val++ = '\0';
		if (!strcmp(tok, "name")) {
			if (!*val || strlen(val) >= plen - 3 ||
			    strpbrk(val, "/ \t:") || isdigit(val[strlen(val) - 1])) {
				err = EINVAL;
				break;
			}
			strscpy(prefix, val, plen);
		} else if (!strcmp(tok, "unit")) {
			if (kstrtoint(val, 0, unit) || *unit < 0 ||
			    *unit > 9999) {
				err = EINVAL;
				break;
			}
		}
	}
	kfree(dup);
	return err;
}

static void mount_err(struct iopkt_netstate *ns, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ns->mount_err, sizeof(ns->mount_err), fmt, ap);
	va_end(ap);
	pr_err("instance: %s\n", ns->mount_err);
}

/**
 * iopkt_mount_error() - say why a module's entry function fails
 * @fmt: printf format of the reason, naming what was wrong
 *
 * For a driver's or protocol module's entry function (stack context, the
 * instance being mounted into): the reason goes to the kernel log and back
 * to the user (io-pkt-mount, the launchers, the genl MOUNT reply) instead
 * of a bare error number. The entry still returns its errno.
 */
void iopkt_mount_error(const char *fmt, ...)
{
	struct _iopkt_self *stk = iopkt_current_stack();
	struct iopkt_netstate *ns;
	va_list ap;

	if (!stk)
		return;
	ns = iopkt_ns(stk);
	va_start(ap, fmt);
	vsnprintf(ns->mount_err, sizeof(ns->mount_err), fmt, ap);
	va_end(ap);
	pr_err("%s\n", ns->mount_err);
}
EXPORT_SYMBOL_NS_GPL(iopkt_mount_error, IOPKT);

/*
 * The softc is about to be freed: take out the event sources the driver
 * left registered in it (io-pkt drivers never call interrupt_entry_remove();
 * the run queue would keep pointing into freed memory). Warns once per
 * driver module.
 */
static void dev_remove_entries(struct _iopkt_self *stk,
			       struct device_iopkt_priv *dp,
			       struct iopkt_device *dv, size_t size)
{
	unsigned int n = iopkt_ev_remove_within(stk, dv, size);

	if (!n || (dp->entry && dp->entry->warned_ient))
		return;
	if (dp->entry)
		dp->entry->warned_ient = true;
	pr_warn("%s: driver %s left %u interrupt entr%s registered in its softc: removed at detach (interrupt_entry_remove() in the detach function avoids this)\n",
		dv->dv_xname, dp->entry ? dp->entry->name : dp->prefix, n,
		n == 1 ? "y" : "ies");
}

/**
 * dev_attach() - attach one device of a driver
 * @drvr: the driver name, the default name prefix ("sam")
 * @options: the option string given to the entry; name= and unit= are
 *	applied here
 * @ca: the driver's CFATTACH_DECL
 * @cfat_arg: passed to ca_attach as aux
 * @single: io-pkt's "options imply a single device": the entry's detection
 *	loop stops after one device when it is nonzero; may be NULL. (That a
 *	driver is single-threaded is its IOPKT_DRVR_SINGLE_THREADED flag.)
 * @devp: out: the device (softc); in: the parent or NULL
 * @print: unused (NetBSD autoconf printing)
 *
 * Allocates the softc (ca_devsize bytes, zeroed, struct iopkt_device first),
 * names it PREFIX<unit> (the lowest free unit, or unit=, refused with
 * EEXIST when taken) and calls ca_attach in the caller's context (the
 * entry's: stack context, rtnl held).
 *
 * Return: EOK, or an errno (that of ca_attach, EEXIST, EINVAL for a bad
 * name=/unit=, ENOMEM).
 */
int dev_attach(const char *drvr, const char *options, struct cfattach *ca,
	       void *cfat_arg, int *single, struct iopkt_device **devp,
	       int (*print)(void *, const char *))
{
	struct _iopkt_self *stk = iopkt_current_stack();
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_device *parent = devp ? *devp : NULL;
	struct device_iopkt_priv *dp;
	struct iopkt_device *dv;
	char prefix[16];
	int unit, err;

	ASSERT_RTNL();
	strscpy(prefix, drvr, sizeof(prefix));
	err = dev_generic_opts(options, prefix, sizeof(prefix), &unit);
	if (err) {
		mount_err(ns, "%s: bad name= or unit= option", drvr);
		return err;
	}
	if (unit >= 0) {
		if (iopkt_unit_free(stk, prefix, unit)) {
			mount_err(ns, "%s%d: an interface of that name exists",
				  prefix, unit);
			return EEXIST;
		}
	} else {
		for (unit = 0; iopkt_unit_free(stk, prefix, unit); unit++)
			if (unit > 9999)
				return ENFILE;
	}
	if (ca->ca_devsize < sizeof(struct iopkt_device))
		return EINVAL;
	dv = kzalloc(ca->ca_devsize, GFP_KERNEL);
	dp = kzalloc(sizeof(*dp), GFP_KERNEL);
	if (!dv || !dp) {
		kfree(dv);
		kfree(dp);
		return ENOMEM;
	}
	snprintf(dv->dv_xname, sizeof(dv->dv_xname), "%s%d", prefix, unit);
	dv->dv_unit = unit;
	dv->dv_parent = parent;
	dv->dv_cfattach = ca;
	dv->dv_priv = dp;
	dv->dv_dll_hdl = ns->mounting;
	dp->dv = dv;
	dp->entry = ns->mounting;
	dp->owner = ns->mounting ? ns->mounting->owner : NULL;
	strscpy(dp->prefix, prefix, sizeof(dp->prefix));
	INIT_LIST_HEAD(&dp->node);
	__module_get(dp->owner);

	mutex_lock(&ns->if_lock);
	list_add_tail(&dp->node, &ns->devices);
	mutex_unlock(&ns->if_lock);
	/*
	 * Single-threaded before the driver can register and queue an event
	 * source: iopkt_ev_service() then never runs one outside the stack
	 * context.
	 */
	if (dp->entry && (dp->entry->flags & IOPKT_DRVR_SINGLE_THREADED)) {
		dp->single = true;
		if (atomic_inc_return(&stk->single) == 1)
			pr_info("instance %d: %s is single-threaded: so is every driver now\n",
				stk->instance, drvr);
	}
	ns->attaching = dv;
	err = ca->ca_attach(parent, dv, cfat_arg);
	ns->attaching = NULL;
	if (err) {
		if (dp->single)
			atomic_dec(&stk->single);
		mutex_lock(&ns->if_lock);
		list_del(&dp->node);
		mutex_unlock(&ns->if_lock);
		dev_remove_entries(stk, dp, dv, ca->ca_devsize);
		module_put(dp->owner);
		kfree(dp);
		kfree(dv);
		if (ns->mount_err[0]) {		/* the driver said why */
			char why[sizeof(ns->mount_err)];

			strscpy(why, ns->mount_err, sizeof(why));
			mount_err(ns, "%s%d: attach failed: %s", prefix, unit,
				  why);
		} else {
			mount_err(ns, "%s%d: attach failed: error %d", prefix,
				  unit, err);
		}
		return err;
	}
	dv->dv_flags |= DVF_ACTIVE;
	if (devp)
		*devp = dv;
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(dev_attach, IOPKT);

/**
 * dev_detach() - detach a device: ca_detach, then free the softc
 * @dv: the device
 * @flags: passed to ca_detach
 *
 * Interrupt entries the driver left registered inside the softc are
 * removed (interrupt_entry_remove()) before it is freed, with a warning
 * naming the driver, once per driver module.
 *
 * Stack context, rtnl held (ifconfig destroy, ip link del, instance stop).
 *
 * Return: EOK or the error of ca_detach (the device then stays).
 */
int dev_detach(struct iopkt_device *dv, int flags)
{
	struct _iopkt_self *stk = iopkt_current_stack();
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct device_iopkt_priv *dp = dv->dv_priv;
	struct module *owner = dp->owner;
	int err = 0;

	ASSERT_RTNL();
	if (dv->dv_cfattach->ca_detach)
		err = dv->dv_cfattach->ca_detach(dv, flags);
	if (err)
		return err;
	mutex_lock(&ns->if_lock);
	list_del(&dp->node);
	mutex_unlock(&ns->if_lock);
	if (dp->single && atomic_dec_and_test(&stk->single))
		pr_info("instance %d: no single-threaded driver left: multi-threaded again\n",
			stk->instance);
	dev_remove_entries(stk, dp, dv, dv->dv_cfattach->ca_devsize);
	kfree(dp);
	kfree(dv);
	module_put(owner);
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(dev_detach, IOPKT);

/**
 * shutdownhook_establish() - run @fn when the instance goes away
 * @fn: quiets the hardware; must not free anything
 * @arg: its argument
 *
 * Return: a handle for shutdownhook_disestablish(), or NULL.
 */
void *shutdownhook_establish(void (*fn)(void *arg), void *arg)
{
	struct _iopkt_self *stk = iopkt_current_stack();
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct shutdown_hook *h = kzalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return NULL;
	h->fn = fn;
	h->arg = arg;
	h->stk = stk;
	mutex_lock(&ns->if_lock);
	list_add(&h->node, &ns->shutdown_hooks);
	mutex_unlock(&ns->if_lock);
	return h;
}
EXPORT_SYMBOL_NS_GPL(shutdownhook_establish, IOPKT);

/**
 * shutdownhook_disestablish() - forget a shutdown hook
 * @hook: from shutdownhook_establish() (NULL is ignored)
 */
void shutdownhook_disestablish(void *hook)
{
	struct shutdown_hook *h = hook;
	struct iopkt_netstate *ns;

	if (!h)
		return;
	ns = iopkt_ns(h->stk);
	mutex_lock(&ns->if_lock);
	list_del(&h->node);
	mutex_unlock(&ns->if_lock);
	kfree(h);
}
EXPORT_SYMBOL_NS_GPL(shutdownhook_disestablish, IOPKT);

static int detach_ifp_in_stack(void *arg)
{
	struct ifnet *ifp = arg;
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct if_clone *ifc;
	int err;

	if (!ip)
		return ENXIO;
	if (ip->clone) {
		ifc = ip->clone;
		err = ifc->ifc_destroy(ifp);
		if (!err)
			module_put(ifc->ifc_owner);
		return err;
	}
	if (ip->dv)
		return dev_detach(ip->dv, 0);
	return EOPNOTSUPP;
}

/**
 * iopkt_device_detach_ifp() - destroy an interface (rtnl held)
 * @ifp: the interface
 *
 * A cloned interface goes back to its cloner, a driver's interface takes
 * its device with it (the driver's detach function).
 *
 * Return: 0 or an errno.
 */
int iopkt_device_detach_ifp(struct ifnet *ifp)
{
	ASSERT_RTNL();
	return iopkt_stack_call(ifp->if_priv->stk, detach_ifp_in_stack, ifp);
}

/**
 * iopkt_if_destroy() - ifconfig IF destroy (rtnl held)
 * @stk: the instance
 * @name: the interface
 *
 * Return: 0, ENXIO (no such interface), or the detach error.
 */
int iopkt_if_destroy(struct _iopkt_self *stk, const char *name)
{
	struct ifnet *ifp = iopkt_ifunit(stk, name);

	if (!ifp)
		return ENXIO;
	return iopkt_device_detach_ifp(ifp);
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_destroy, IOPKT);

/*
 * The instance is going away (rtnl held, stack context): shutdown hooks,
 * then every device, cloned interface and protocol module goes.
 */
void iopkt_devices_shutdown(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct device_iopkt_priv *dp;
	struct iopkt_ifpriv *ip;
	struct shutdown_hook *h;

	list_for_each_entry(h, &ns->shutdown_hooks, node)
		h->fn(h->arg);
	for (;;) {
		mutex_lock(&ns->if_lock);
		ip = list_first_entry_or_null(&ns->iflist, struct iopkt_ifpriv,
					      node);
		mutex_unlock(&ns->if_lock);
		if (!ip)
			break;
		if (detach_ifp_in_stack(ip->ifp)) {
			pr_err("%s: detach failed at instance stop; forcing\n",
			       ip->ifp->if_xname);
			if_detach(ip->ifp);
		}
	}
	for (;;) {
		mutex_lock(&ns->if_lock);
		dp = list_first_entry_or_null(&ns->devices,
					      struct device_iopkt_priv, node);
		mutex_unlock(&ns->if_lock);
		if (!dp)
			break;
		if (dev_detach(dp->dv, 0)) {
			mutex_lock(&ns->if_lock);
			list_del_init(&dp->node);
			mutex_unlock(&ns->if_lock);
		}
	}
	iopkt_lsm_unmount_all(stk);
}
