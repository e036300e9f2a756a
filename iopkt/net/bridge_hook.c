// SPDX-License-Identifier: GPL-2.0
/*
 * The bridge hook of ether_input(): the registered bridge input function
 * and the member state of each interface (include/iopkt/bridge.h).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include <iopkt/bridge.h>

#include "net/net_impl.h"

static const struct iopkt_bridge_ops __rcu *bridge_ops;
static DEFINE_MUTEX(bridge_lock);	/* bridge_ops, every if_bridge */

/**
 * iopkt_bridge_register() - install the bridge input function
 * @ops: its functions; valid until iopkt_bridge_unregister()
 *
 * Return: 0, EINVAL (no bro_input), EBUSY (another bridge is installed).
 */
int iopkt_bridge_register(const struct iopkt_bridge_ops *ops)
{
	int err = 0;

	if (!ops || !ops->bro_input)
		return EINVAL;
	mutex_lock(&bridge_lock);
	if (rcu_access_pointer(bridge_ops))
		err = EBUSY;
	else
		rcu_assign_pointer(bridge_ops, ops);
	mutex_unlock(&bridge_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_bridge_register, IOPKT);

/**
 * iopkt_bridge_unregister() - remove it
 * @ops: what iopkt_bridge_register() installed
 *
 * Returns once no CPU runs @ops->bro_input. Members left behind pass
 * their frames on to the host. Process context; sleeps.
 */
void iopkt_bridge_unregister(const struct iopkt_bridge_ops *ops)
{
	mutex_lock(&bridge_lock);
	if (rcu_access_pointer(bridge_ops) == ops)
		RCU_INIT_POINTER(bridge_ops, NULL);
	mutex_unlock(&bridge_lock);
	synchronize_rcu();
}
EXPORT_SYMBOL_NS_GPL(iopkt_bridge_unregister, IOPKT);

/**
 * iopkt_bridge_set_member() - make an interface a bridge member
 * @ifp: an attached interface
 * @member: the bridge module's state for it (becomes ifp->if_bridge)
 *
 * Return: 0, EINVAL (no @member), ENXIO (@ifp not attached), EBUSY (it
 * is a member already).
 */
int iopkt_bridge_set_member(struct ifnet *ifp, void *member)
{
	int err = 0;

	if (!member)
		return EINVAL;
	if (!ifp->if_priv)
		return ENXIO;
	mutex_lock(&bridge_lock);
	if (rcu_access_pointer(ifp->if_bridge))
		err = EBUSY;
	else
		rcu_assign_pointer(ifp->if_bridge, member);
	mutex_unlock(&bridge_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_bridge_set_member, IOPKT);

/* if_detach(): membership ends with the interface (it synchronizes). */
void iopkt_bridge_ifdetach(struct ifnet *ifp)
{
	mutex_lock(&bridge_lock);
	RCU_INIT_POINTER(ifp->if_bridge, NULL);
	mutex_unlock(&bridge_lock);
}

/**
 * iopkt_bridge_clear_member() - the interface leaves its bridge
 * @ifp: the interface
 *
 * Returns once no CPU runs bro_input for it: the member state may be
 * freed then. Process context; sleeps.
 */
void iopkt_bridge_clear_member(struct ifnet *ifp)
{
	iopkt_bridge_ifdetach(ifp);
	synchronize_rcu();
}
EXPORT_SYMBOL_NS_GPL(iopkt_bridge_clear_member, IOPKT);

/* ether_input(), if_bridge was set: NULL if the bridge took the frame. */
struct mbuf *iopkt_bridge_input(struct ifnet *ifp, struct mbuf *m)
{
	const struct iopkt_bridge_ops *ops;
	void *member;

	rcu_read_lock();
	ops = rcu_dereference(bridge_ops);
	member = rcu_dereference(ifp->if_bridge);
	if (ops && member)
		m = ops->bro_input(ifp, member, m);
	rcu_read_unlock();
	return m;
}
