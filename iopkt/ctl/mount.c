// SPDX-License-Identifier: GPL-2.0
/*
 * The registries of drivers and protocol modules, and mounting one into an
 * instance (-d, -p, mount -T io-pkt, genl IOPKT_CMD_MOUNT).
 *
 * devnp-NAME.ko registers its entry at load (IOPKT_DRIVER_MODULE),
 * lsm-NAME.ko its own (IOPKT_LSM_MODULE). A mount finds the entry by name
 * and calls it with rtnl held, in the stack context of the instance; the
 * devices it attaches are ctl/device.c's, the cloners clone/if_clone.c's.
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

static DEFINE_MUTEX(reg_lock);
static LIST_HEAD(drvr_list);
static LIST_HEAD(lsm_list);

struct iopkt_lsm_mount {
	struct list_head node;		/* ns->lsm_mounts */
	struct list_head enode;		/* entry->mounts */
	struct _iopkt_lsm_entry *entry;
	struct _iopkt_self *stk;
};

/* iopkt_current_stack(): kernel-doc in <iopkt/stack.h> (modules' iopkt_selfp) */
struct _iopkt_self *iopkt_current_stack(void)
{
	struct _iopkt_self *stk = iopkt_wtp_stack();

	return stk ? stk : iopkt_selfp;
}
EXPORT_SYMBOL_NS_GPL(iopkt_current_stack, IOPKT);

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
EXPORT_SYMBOL_NS_GPL(iopkt_drvr_generic_opt, IOPKT);

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
EXPORT_SYMBOL_NS_GPL(iopkt_drvr_register, IOPKT);

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
EXPORT_SYMBOL_NS_GPL(iopkt_drvr_unregister, IOPKT);

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
EXPORT_SYMBOL_NS_GPL(iopkt_lsm_register, IOPKT);

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
EXPORT_SYMBOL_NS_GPL(iopkt_lsm_unregister, IOPKT);

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
EXPORT_SYMBOL_NS_GPL(iopkt_mount, IOPKT);

/*
 * The instance is going away (rtnl held, stack context): every protocol
 * module mounted into it gets its lsm_fini.
 */
void iopkt_lsm_unmount_all(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_lsm_mount *lm;

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
