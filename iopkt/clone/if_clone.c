// SPDX-License-Identifier: GPL-2.0
/*
 * Cloners (ifconfig NAMEn create): the registry of struct if_clone and
 * creating an interface through one. Destroying goes through ctl/device.c
 * (iopkt_device_detach_ifp()), which hands a cloned interface back to its
 * cloner's ifc_destroy.
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

static DEFINE_MUTEX(clone_lock);
static LIST_HEAD(clone_list);

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

	mutex_lock(&clone_lock);
	list_for_each_entry(c, &clone_list, ifc_list)
		if (!strcmp(c->ifc_name, ifc->ifc_name))
			err = -EEXIST;
	if (!err)
		list_add_tail(&ifc->ifc_list, &clone_list);
	mutex_unlock(&clone_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(if_clone_attach, IOPKT);

/**
 * if_clone_detach() - unregister a cloner (module unload)
 * @ifc: the cloner; interfaces it made hold module references
 */
void if_clone_detach(struct if_clone *ifc)
{
	mutex_lock(&clone_lock);
	list_del(&ifc->ifc_list);
	mutex_unlock(&clone_lock);
}
EXPORT_SYMBOL_NS_GPL(if_clone_detach, IOPKT);

/* Copy the cloner names into buf (room names of IOPKT_IFNAMSIZ). */
int iopkt_clone_list(char *buf, int room, int *total)
{
	struct if_clone *c;
	int n = 0;

	mutex_lock(&clone_lock);
	list_for_each_entry(c, &clone_list, ifc_list) {
		if (n < room)
			strscpy(buf + n * IOPKT_IFNAMSIZ, c->ifc_name,
				IOPKT_IFNAMSIZ);
		n++;
	}
	mutex_unlock(&clone_lock);
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
	mutex_lock(&clone_lock);
	list_for_each_entry(c, &clone_list, ifc_list)
		if (strlen(c->ifc_name) == plen &&
		    !strncmp(c->ifc_name, name, plen) &&
		    try_module_get(c->ifc_owner))
			r.ifc = c;
	mutex_unlock(&clone_lock);
	if (!r.ifc)
		return ENXIO;
	err = iopkt_unit_free(stk, r.ifc->ifc_name, r.unit);
	if (!err)
		err = iopkt_stack_call(stk, clone_in_stack, &r);
	if (err)
		module_put(r.ifc->ifc_owner);
	return err;
}
