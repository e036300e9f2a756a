// SPDX-License-Identifier: GPL-2.0
/*
 * Drivers, protocol modules and cloners: the registries, mounting a module
 * into an instance, dev_attach()/dev_detach(), shutdown hooks.
 *
 * devnp-NAME.ko registers its entry at load (IOPKT_DRIVER_MODULE). A
 * mount (-d, -p, mount -T io-pkt, genl IOPKT_CMD_MOUNT) finds the entry by
 * name and calls it with rtnl held, in the stack context of the instance;
 * every dev_attach() it makes takes a reference on the module, dropped
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

#include "net_impl.h"
#include "stack_impl.h"

static DEFINE_MUTEX(reg_lock);
static LIST_HEAD(drvr_list);
static LIST_HEAD(lsm_list);
static LIST_HEAD(clone_list);

struct shutdown_hook {
	struct list_head node;
	void (*fn)(void *arg);
	void *arg;
	struct _iopkt_self *stk;
};

struct iopkt_lsm_mount {
	struct list_head node;		/* ns->lsm_mounts */
	struct list_head enode;		/* entry->mounts */
	struct _iopkt_lsm_entry *entry;
	struct _iopkt_self *stk;
};

/**
 * iopkt_current_stack() - the instance the calling thread works for
 *
 * In a module's entry, attach function or any callback: the instance it
 * was mounted into. Elsewhere: instance 0.
 *
 * Return: the instance.
 */
struct _iopkt_self *iopkt_current_stack(void)
{
	struct _iopkt_self *stk = iopkt_wtp_stack();

	return stk ? stk : iopkt_selfp;
}
EXPORT_SYMBOL_GPL(iopkt_current_stack);

/**
 * iopkt_drvr_generic_opt() - is this a driver option the stack handles?
 * @key: option key
 *
 * Return: true for name, unit and verbose (verbose is also the driver's).
 */
bool iopkt_drvr_generic_opt(const char *key)
{
	return !strcmp(key, "name") || !strcmp(key, "unit") ||
	       !strcmp(key, "verbose");
}
EXPORT_SYMBOL_GPL(iopkt_drvr_generic_opt);

static struct _iopkt_drvr_entry *drvr_find(const char *name)
{
	struct _iopkt_drvr_entry *e;

	list_for_each_entry(e, &drvr_list, node)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

static struct _iopkt_lsm_entry *lsm_find(const char *name)
{
	struct _iopkt_lsm_entry *e;

	list_for_each_entry(e, &lsm_list, node)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

/**
 * iopkt_drvr_register() - make a driver mountable (IOPKT_DRIVER_MODULE)
 * @e: its entry
 * @name: the driver name ("sam"), the interface name prefix
 * @owner: THIS_MODULE
 * @flags: IOPKT_DRVR_*
 *
 * Return: 0 or -EEXIST (a driver of that name is registered).
 */
int iopkt_drvr_register(struct _iopkt_drvr_entry *e, const char *name,
			struct module *owner, unsigned int flags)
{
	int err = 0;

	mutex_lock(&reg_lock);
	if (drvr_find(name)) {
		err = -EEXIST;
	} else {
		e->name = name;
		e->owner = owner;
		e->flags = flags;
		list_add_tail(&e->node, &drvr_list);
	}
	mutex_unlock(&reg_lock);
	if (err)
		pr_err("driver %s: already registered\n", name);
	return err;
}
EXPORT_SYMBOL_GPL(iopkt_drvr_register);

/**
 * iopkt_drvr_unregister() - module unload of a driver
 * @e: its entry (no devices left: they hold module references)
 */
void iopkt_drvr_unregister(struct _iopkt_drvr_entry *e)
{
	mutex_lock(&reg_lock);
	list_del(&e->node);
	mutex_unlock(&reg_lock);
}
EXPORT_SYMBOL_GPL(iopkt_drvr_unregister);

/**
 * iopkt_lsm_register() - make a protocol module mountable
 * @e: its entry
 * @name: the module name ("pfil" for lsm-pfil.ko)
 * @owner: THIS_MODULE
 *
 * Return: 0 or -EEXIST.
 */
int iopkt_lsm_register(struct _iopkt_lsm_entry *e, const char *name,
		       struct module *owner)
{
	int err = 0;

	mutex_lock(&reg_lock);
	if (lsm_find(name)) {
		err = -EEXIST;
	} else {
		e->name = name;
		e->owner = owner;
		INIT_LIST_HEAD(&e->mounts);
		list_add_tail(&e->node, &lsm_list);
	}
	mutex_unlock(&reg_lock);
	if (err)
		pr_err("lsm %s: already registered\n", name);
	return err;
}
EXPORT_SYMBOL_GPL(iopkt_lsm_register);

static int lsm_fini_in_stack(void *arg)
{
	struct iopkt_lsm_mount *lm = arg;

	if (lm->entry->lsm_fini)
		lm->entry->lsm_fini(lm->stk);
	return 0;
}

/**
 * iopkt_lsm_unregister() - module unload of a protocol module
 * @e: its entry
 *
 * Calls lsm_fini for every instance it is mounted into.
 */
void iopkt_lsm_unregister(struct _iopkt_lsm_entry *e)
{
	struct iopkt_lsm_mount *lm, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&reg_lock);
	list_del(&e->node);
	list_for_each_entry_safe(lm, tmp, &e->mounts, enode) {
		struct iopkt_netstate *ns = iopkt_ns(lm->stk);

		mutex_lock(&ns->if_lock);
		list_del(&lm->node);
		mutex_unlock(&ns->if_lock);
		list_move_tail(&lm->enode, &gone);
	}
	mutex_unlock(&reg_lock);
	/* No lock held here: the stack context comes after reg_lock never. */
	list_for_each_entry_safe(lm, tmp, &gone, enode) {
		iopkt_stack_call(lm->stk, lsm_fini_in_stack, lm);
		kfree(lm);
	}
}
EXPORT_SYMBOL_GPL(iopkt_lsm_unregister);

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
EXPORT_SYMBOL_GPL(iopkt_mount_error);

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
	ns->attaching = dv;
	err = ca->ca_attach(parent, dv, cfat_arg);
	ns->attaching = NULL;
	if (err) {
		mutex_lock(&ns->if_lock);
		list_del(&dp->node);
		mutex_unlock(&ns->if_lock);
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
	if (dp->entry && (dp->entry->flags & IOPKT_DRVR_SINGLE_THREADED)) {
		dp->single = true;
		if (atomic_inc_return(&stk->single) == 1)
			pr_info("instance %d: %s is single-threaded: so is every driver now\n",
				stk->instance, drvr);
	}
	if (devp)
		*devp = dv;
	return EOK;
}
EXPORT_SYMBOL_GPL(dev_attach);

/**
 * dev_detach() - detach a device: ca_detach, then free the softc
 * @dv: the device
 * @flags: passed to ca_detach
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
	kfree(dp);
	kfree(dv);
	module_put(owner);
	return EOK;
}
EXPORT_SYMBOL_GPL(dev_detach);

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
EXPORT_SYMBOL_GPL(shutdownhook_establish);

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
EXPORT_SYMBOL_GPL(shutdownhook_disestablish);

/**
 * if_clone_attach() - register a cloner (ifconfig NAMEn create)
 * @ifc: the cloner
 *
 * Return: 0 or -EEXIST.
 */
int if_clone_attach(struct if_clone *ifc)
{
	struct if_clone *c;
	int err = 0;

	mutex_lock(&reg_lock);
	list_for_each_entry(c, &clone_list, ifc_list)
		if (!strcmp(c->ifc_name, ifc->ifc_name))
			err = -EEXIST;
	if (!err)
		list_add_tail(&ifc->ifc_list, &clone_list);
	mutex_unlock(&reg_lock);
	return err;
}
EXPORT_SYMBOL_GPL(if_clone_attach);

/**
 * if_clone_detach() - unregister a cloner (module unload)
 * @ifc: the cloner; interfaces it made hold module references
 */
void if_clone_detach(struct if_clone *ifc)
{
	mutex_lock(&reg_lock);
	list_del(&ifc->ifc_list);
	mutex_unlock(&reg_lock);
}
EXPORT_SYMBOL_GPL(if_clone_detach);

/* Copy the cloner names into buf (room names of IOPKT_IFNAMSIZ). */
int iopkt_clone_list(char *buf, int room, int *total)
{
	struct if_clone *c;
	int n = 0;

	mutex_lock(&reg_lock);
	list_for_each_entry(c, &clone_list, ifc_list) {
		if (n < room)
			strscpy(buf + n * IOPKT_IFNAMSIZ, c->ifc_name,
				IOPKT_IFNAMSIZ);
		n++;
	}
	mutex_unlock(&reg_lock);
	*total = n;
	return min(n, room);
}

struct clone_req {
	struct _iopkt_self *stk;
	struct if_clone *ifc;
	int unit;
};

static int clone_in_stack(void *arg)
{
	struct clone_req *r = arg;
	struct iopkt_netstate *ns = iopkt_ns(r->stk);
	int err;

	ns->cloning = r->ifc;
	err = r->ifc->ifc_create(r->ifc, r->unit);
	ns->cloning = NULL;
	return err;
}

/**
 * iopkt_clone_create() - ifconfig NAMEn create (rtnl held)
 * @stk: the instance
 * @name: "tap0"
 *
 * Return: 0, ENXIO (no cloner for the name), EEXIST, EINVAL, or the
 * cloner's error.
 */
int iopkt_clone_create(struct _iopkt_self *stk, const char *name)
{
	struct clone_req r = { .stk = stk };
	struct if_clone *c;
	size_t plen;
	int err;

	ASSERT_RTNL();
	plen = strcspn(name, "0123456789");
	if (!plen || !name[plen] || kstrtoint(name + plen, 10, &r.unit) ||
	    r.unit < 0)
		return EINVAL;
	mutex_lock(&reg_lock);
	list_for_each_entry(c, &clone_list, ifc_list)
		if (strlen(c->ifc_name) == plen &&
		    !strncmp(c->ifc_name, name, plen) &&
		    try_module_get(c->ifc_owner))
			r.ifc = c;
	mutex_unlock(&reg_lock);
	if (!r.ifc)
		return ENXIO;
	err = iopkt_unit_free(stk, r.ifc->ifc_name, r.unit);
	if (!err)
		err = iopkt_stack_call(stk, clone_in_stack, &r);
	if (err)
		module_put(r.ifc->ifc_owner);
	return err;
}

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
EXPORT_SYMBOL_GPL(iopkt_if_destroy);

struct mount_req {
	struct _iopkt_self *stk;
	struct _iopkt_drvr_entry *drvr;
	struct _iopkt_lsm_entry *lsm;
	char *options;
};

static int mount_in_stack(void *arg)
{
	struct mount_req *r = arg;
	struct iopkt_netstate *ns = iopkt_ns(r->stk);
	int err;

	if (r->drvr) {
		ns->mounting = r->drvr;
		err = r->drvr->drvr_init(r->drvr, r->stk, r->options);
		ns->mounting = NULL;
	} else {
		err = r->lsm->lsm_init(r->lsm, r->stk, r->options);
	}
	return err;
}

static int mount_find(int kind, const char *name, struct mount_req *r,
		      struct module **owner)
{
	mutex_lock(&reg_lock);
	if (kind == IOPKT_MOD_DRIVER) {
		r->drvr = drvr_find(name);
		*owner = r->drvr ? r->drvr->owner : NULL;
	} else {
		r->lsm = lsm_find(name);
		*owner = r->lsm ? r->lsm->owner : NULL;
	}
	if ((r->drvr || r->lsm) && !try_module_get(*owner)) {
		r->drvr = NULL;
		r->lsm = NULL;
	}
	mutex_unlock(&reg_lock);
	return r->drvr || r->lsm;
}

/**
 * iopkt_mount() - call a driver's or protocol module's entry in an instance
 * @stk: the instance
 * @kind: IOPKT_MOD_DRIVER or IOPKT_MOD_LSM
 * @name: "sam" (devnp-sam.ko), "pfil" (lsm-pfil.ko)
 * @options: the option string, may be NULL
 * @err: the reason, on failure
 * @errlen: its size
 *
 * A module not registered yet is asked for with request_module()
 * ("devnp-NAME" / "lsm-NAME"); tools load module files themselves first.
 *
 * Return: 0 or a positive errno.
 */
int iopkt_mount(struct _iopkt_self *stk, int kind, const char *name,
		const char *options, char *err, size_t errlen)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	const char *pfx = kind == IOPKT_MOD_DRIVER ? "devnp" : "lsm";
	struct mount_req r = { .stk = stk };
	struct iopkt_lsm_mount *lm = NULL;
	struct module *owner;
	int ret;

	if (!mount_find(kind, name, &r, &owner)) {
		request_module("%s-%s", pfx, name);
		if (!mount_find(kind, name, &r, &owner)) {
			snprintf(err, errlen,
				 "%s-%s.ko is not loaded and modprobe found no such module",
				 pfx, name);
			return ENOENT;
		}
	}
	if (r.drvr && (r.drvr->flags & IOPKT_DRVR_WIFI) &&
	    ns->variant == IOPKT_VARIANT_V4) {
		snprintf(err, errlen,
			 "%s is a Wi-Fi driver: io-pkt-v4 has no 802.11 support (use io-pkt-v4-hc or io-pkt-v6-hc)",
			 name);
		module_put(owner);
		return EOPNOTSUPP;
	}
	if (r.lsm) {
		lm = kzalloc(sizeof(*lm), GFP_KERNEL);
		if (!lm) {
			module_put(owner);
			return ENOMEM;
		}
	}
	r.options = options ? kstrdup(options, GFP_KERNEL) :
			      kstrdup("", GFP_KERNEL);
	if (!r.options) {
		kfree(lm);
		module_put(owner);
		return ENOMEM;
	}
	ns->mount_err[0] = '\0';
	rtnl_lock();
	ret = iopkt_stack_call(stk, mount_in_stack, &r);
	rtnl_unlock();
	if (ret) {
		if (ns->mount_err[0])
			snprintf(err, errlen, "%s", ns->mount_err);
		else
			snprintf(err, errlen, "%s-%s: entry failed: error %d",
				 pfx, name, ret);
		kfree(lm);
	} else if (lm) {
		lm->entry = r.lsm;
		lm->stk = stk;
		mutex_lock(&reg_lock);
		list_add_tail(&lm->enode, &r.lsm->mounts);
		mutex_lock(&ns->if_lock);
		list_add_tail(&lm->node, &ns->lsm_mounts);
		mutex_unlock(&ns->if_lock);
		mutex_unlock(&reg_lock);
	}
	kfree(r.options);
	module_put(owner);
	return ret;
}
EXPORT_SYMBOL_GPL(iopkt_mount);

/*
 * The instance is going away (rtnl held, stack context): shutdown hooks,
 * then every device, cloned interface and protocol module goes.
 */
void iopkt_devices_shutdown(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct device_iopkt_priv *dp;
	struct iopkt_ifpriv *ip;
	struct iopkt_lsm_mount *lm;
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
	for (;;) {
		mutex_lock(&reg_lock);
		lm = list_first_entry_or_null(&ns->lsm_mounts,
					      struct iopkt_lsm_mount, node);
		if (lm) {
			list_del(&lm->node);
			list_del(&lm->enode);
		}
		mutex_unlock(&reg_lock);
		if (!lm)
			break;
		lsm_fini_in_stack(lm);
		kfree(lm);
	}
}
