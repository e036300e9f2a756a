// SPDX-License-Identifier: GPL-2.0
/*
 * The ipflow fast-forward hook of ether_input() (include/iopkt/ipflow.h):
 * which frames may take the fast path (M_CANFASTFWD) and the registered
 * fast-forward function.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include <iopkt/ipflow.h>

#include "net/net_impl.h"

const struct iopkt_ipflow_ops __rcu *iopkt_ipflow_ops;
static DEFINE_MUTEX(ipflow_lock);

/**
 * iopkt_ipflow_register() - install the fast-forward function
 * @ops: its functions; valid until iopkt_ipflow_unregister()
 *
 * Return: 0, EINVAL (no ipo_fastforward), EBUSY (one is installed).
 */
int iopkt_ipflow_register(const struct iopkt_ipflow_ops *ops)
{
	int err = 0;

	if (!ops || !ops->ipo_fastforward)
		return EINVAL;
	mutex_lock(&ipflow_lock);
	if (rcu_access_pointer(iopkt_ipflow_ops))
		err = EBUSY;
	else
		rcu_assign_pointer(iopkt_ipflow_ops, ops);
	mutex_unlock(&ipflow_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ipflow_register, IOPKT);

/**
 * iopkt_ipflow_unregister() - remove it
 * @ops: what iopkt_ipflow_register() installed
 *
 * Returns once no CPU runs @ops->ipo_fastforward. Process context; sleeps.
 */
void iopkt_ipflow_unregister(const struct iopkt_ipflow_ops *ops)
{
	mutex_lock(&ipflow_lock);
	if (rcu_access_pointer(iopkt_ipflow_ops) == ops)
		RCU_INIT_POINTER(iopkt_ipflow_ops, NULL);
	mutex_unlock(&ipflow_lock);
	synchronize_rcu();
}
EXPORT_SYMBOL_NS_GPL(iopkt_ipflow_unregister, IOPKT);

/*
 * ether_input(), a hook is registered: set M_CANFASTFWD on an IPv4
 * unicast to the interface's own address when Linux forwards IPv4 for it.
 */
void iopkt_ipflow_mark(struct ifnet *ifp, struct mbuf *m, u16 type)
{
	struct net_device *dev = ifp->if_priv->dev;
	struct in_device *in_dev;
	u8 dst[ETH_ALEN];
	bool fwd;

	if (type != ETH_P_IP || (m->m_flags & (M_MCAST | M_BCAST)) ||
	    m_copydata(m, 0, ETH_ALEN, dst) ||
	    !ether_addr_equal(dst, LLADDR(ifp->if_sadl)))
		return;
	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	fwd = in_dev && IN_DEV_FORWARD(in_dev);
	rcu_read_unlock();
	if (fwd)
		m->m_flags |= M_CANFASTFWD;
}

/* ether_input(), M_CANFASTFWD still set after pfil: true if taken. */
bool iopkt_ipflow_input(struct ifnet *ifp, struct mbuf *m)
{
	const struct iopkt_ipflow_ops *ops;
	int taken = 0;

	rcu_read_lock();
	ops = rcu_dereference(iopkt_ipflow_ops);
	if (ops)
		taken = ops->ipo_fastforward(ifp, m);
	rcu_read_unlock();
	return taken;
}
