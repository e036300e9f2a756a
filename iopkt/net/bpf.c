// SPDX-License-Identifier: GPL-2.0
/*
 * bpf taps: the registered tap implementation and the listener of each
 * interface (include/iopkt/bpf.h).
 *
 * ifp->if_bpf points at the interface's struct iopkt_bpf_if, which lives
 * as long as the interface, while a listener is attached: a driver that
 * read if_bpf just before a detach still hands bpf_mtap() valid memory,
 * and the tap function and listener are read again under RCU there.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include <iopkt/bpf.h>

#include "net/net_impl.h"

static const struct iopkt_bpf_ops __rcu *bpf_ops;
static DEFINE_MUTEX(bpf_lock);	/* bpf_ops, every bif->listener */

/**
 * iopkt_bpf_register() - install the tap implementation
 * @ops: its functions; must stay valid until iopkt_bpf_unregister()
 *
 * Return: 0, EINVAL (no bo_tap), EBUSY (another one is installed).
 */
int iopkt_bpf_register(const struct iopkt_bpf_ops *ops)
{
	int err = 0;

	if (!ops || !ops->bo_tap)
		return EINVAL;
	mutex_lock(&bpf_lock);
	if (rcu_access_pointer(bpf_ops))
		err = EBUSY;
	else
		rcu_assign_pointer(bpf_ops, ops);
	mutex_unlock(&bpf_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_bpf_register, IOPKT);

/**
 * iopkt_bpf_unregister() - remove it
 * @ops: what iopkt_bpf_register() installed
 *
 * Returns once no CPU runs @ops->bo_tap any more. Detach the listeners
 * first (iopkt_bpf_detach()); until then their interfaces keep testing
 * if_bpf and find no tap. Process context; sleeps.
 */
void iopkt_bpf_unregister(const struct iopkt_bpf_ops *ops)
{
	mutex_lock(&bpf_lock);
	if (rcu_access_pointer(bpf_ops) == ops)
		RCU_INIT_POINTER(bpf_ops, NULL);
	mutex_unlock(&bpf_lock);
	synchronize_rcu();
}
EXPORT_SYMBOL_NS_GPL(iopkt_bpf_unregister, IOPKT);

/**
 * iopkt_bpf_attach() - start tapping an interface (BIOCSETIF)
 * @ifp: an attached interface
 * @listener: the tap module's state for it, passed to bo_tap
 *
 * From here ifp->if_bpf is non-NULL and the core taps the interface's
 * frames. One listener per interface: the tap module multiplexes its
 * descriptors behind it.
 *
 * Return: 0, EINVAL (no @listener), ENXIO (@ifp not attached), EBUSY
 * (a listener is attached already).
 */
int iopkt_bpf_attach(struct ifnet *ifp, void *listener)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	int err = 0;

	if (!listener)
		return EINVAL;
	if (!ip)
		return ENXIO;
	mutex_lock(&bpf_lock);
	if (rcu_access_pointer(ip->bpf.listener)) {
		err = EBUSY;
	} else {
		ip->bpf.ifp = ifp;
		rcu_assign_pointer(ip->bpf.listener, listener);
		WRITE_ONCE(ifp->if_bpf, &ip->bpf);
	}
	mutex_unlock(&bpf_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_bpf_attach, IOPKT);

static void bpf_clear(struct ifnet *ifp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	mutex_lock(&bpf_lock);
	WRITE_ONCE(ifp->if_bpf, NULL);
	if (ip)
		RCU_INIT_POINTER(ip->bpf.listener, NULL);
	mutex_unlock(&bpf_lock);
}

/**
 * iopkt_bpf_detach() - stop tapping an interface
 * @ifp: the interface
 *
 * Returns once no CPU runs bo_tap with the old listener: the tap module
 * may free it then. Process context; sleeps. if_detach() does this too.
 */
void iopkt_bpf_detach(struct ifnet *ifp)
{
	bpf_clear(ifp);
	synchronize_rcu();
}
EXPORT_SYMBOL_NS_GPL(iopkt_bpf_detach, IOPKT);

/* if_detach(): the listener goes with the interface (it synchronizes). */
void iopkt_bpf_ifdetach(struct ifnet *ifp)
{
	bpf_clear(ifp);
}

/**
 * iopkt_bpf_tap() - the slow path of bpf_mtap(): a listener is attached
 * @bpf: ifp->if_bpf as the caller read it (non-NULL)
 * @hdr: bytes shown before @m, or NULL
 * @hlen: their length
 * @m: the frame, lent for the call
 * @dir: IOPKT_BPF_IN or IOPKT_BPF_OUT
 *
 * Any context.
 */
void iopkt_bpf_tap(void *bpf, const void *hdr, unsigned int hlen,
		   struct mbuf *m, int dir)
{
	struct iopkt_bpf_if *bif = bpf;
	const struct iopkt_bpf_ops *ops;
	void *listener;

	rcu_read_lock();
	ops = rcu_dereference(bpf_ops);
	listener = rcu_dereference(bif->listener);
	if (ops && listener)
		ops->bo_tap(listener, bif->ifp, hdr, hlen, m, dir);
	rcu_read_unlock();
}
EXPORT_SYMBOL_NS_GPL(iopkt_bpf_tap, IOPKT);
