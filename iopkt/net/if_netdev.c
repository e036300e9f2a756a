// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux side of an interface: the net_device operations of an ifnet.
 *
 *   ip link set up / ifconfig up    ndo_open   -> IFF_UP, if_ioctl(SIOCSIFFLAGS)
 *   Linux output                    ndo_start_xmit -> pfil OUT, bpf taps,
 *                                   if_snd, if_start (unless IFF_OACTIVE)
 *   ip link set mtu                 ndo_change_mtu -> if_ioctl(SIOCSIFMTU)
 *   ethtool -K                      ndo_set_features -> SIOCSIFCAP (if_csum.c)
 *   multicast list, promisc         rx-mode work -> SIOCADDMULTI/DELMULTI,
 *                                   SIOCSIFFLAGS
 *   ip link del                     rtnl_link_ops.dellink -> detach
 *
 * Driver callbacks run in the stack context with rtnl held (net_impl.h).
 * Attaching and detaching are in if.c, address notifiers in
 * if_addr_notify.c.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/rtnetlink.h>

#include <iopkt/bpf.h>
#include <iopkt/if_ether.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

/**
 * iopkt_netdev_ifnet() - the ifnet behind an iopkt net_device
 * @dev: a net_device
 *
 * Return: the ifnet, or NULL if @dev is not (or no longer) an iopkt
 * interface. Stable while the caller holds rtnl or the stack context.
 */
struct ifnet *iopkt_netdev_ifnet(const struct net_device *dev)
{
	if (!iopkt_is_iopkt_netdev(dev))
		return NULL;
	return ndev_ifp(dev);
}
EXPORT_SYMBOL_NS_GPL(iopkt_netdev_ifnet, IOPKT);

/**
 * iopkt_if_netdev() - the Linux net_device of an interface
 * @ifp: an attached interface
 *
 * Return: the net_device.
 */
struct net_device *iopkt_if_netdev(struct ifnet *ifp)
{
	return ifp->if_priv ? ifp->if_priv->dev : NULL;
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_netdev, IOPKT);

/**
 * iopkt_if_stack() - the instance an interface belongs to
 * @ifp: an attached interface
 *
 * Return: the instance.
 */
struct _iopkt_self *iopkt_if_stack(struct ifnet *ifp)
{
	return ifp->if_priv ? ifp->if_priv->stk : NULL;
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_stack, IOPKT);

/**
 * iopkt_if_driver() - the name of the driver (or cloner) of an interface
 * @ifp: an attached interface
 *
 * Return: "sam", "shim", "tap", ...
 */
const char *iopkt_if_driver(struct ifnet *ifp)
{
	return ifp->if_priv ? ifp->if_priv->driver : "";
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_driver, IOPKT);

/**
 * nw_siglock() - NW_SIGLOCK(): take an interface's transmit mutex
 * @l: &ifp->if_snd_ex
 */
void nw_siglock(struct nw_siglock *l)
{
	spin_lock_bh(&l->lock);
	__release(&l->lock);	/* released elsewhere: see if.h */
}
EXPORT_SYMBOL_NS_GPL(nw_siglock, IOPKT);

/**
 * nw_sigunlock() - NW_SIGUNLOCK(): release it
 * @l: &ifp->if_snd_ex
 */
void nw_sigunlock(struct nw_siglock *l)
{
	__acquire(&l->lock);
	spin_unlock_bh(&l->lock);
}
EXPORT_SYMBOL_NS_GPL(nw_sigunlock, IOPKT);

/* if_start in the stack context (a single-threaded driver is attached). */
void iopkt_if_start_in_stack(void *arg)
{
	struct ifnet *ifp = arg;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if ((ifp->if_flags_tx & IOPKT_IFF_OACTIVE) || IFQ_IS_EMPTY(&ifp->if_snd)) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		return;
	}
	ifp->if_start(ifp);	/* releases if_snd_ex */
}

/*
 * Hand if_snd to the driver: called with if_snd_ex held, which if_start
 * (or this function) releases. Not while the driver is IFF_OACTIVE: it
 * comes back for the queue itself.
 */
static void if_start_unlock(struct ifnet *ifp)
{
	struct _iopkt_self *stk = ifp->if_priv->stk;

	if ((ifp->if_flags_tx & IOPKT_IFF_OACTIVE) || IFQ_IS_EMPTY(&ifp->if_snd)) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		return;
	}
	if (atomic_read(&stk->single) && READ_ONCE(stk->stk_owner) != current) {
		/* Single-threaded: the driver runs in the stack context only. */
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		iopkt_stack_queue(stk, &ifp->if_priv->start_work);
		return;
	}
	ifp->if_start(ifp);
}

/*
 * Linux promised more packets (netdev_xmit_more()) but the one at hand
 * never reached if_snd: start what the earlier ones left there.
 */
static void if_kick(struct ifnet *ifp)
{
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if_start_unlock(ifp);
}

/*
 * Queue @m on if_snd and start the driver. @more: Linux has more packets
 * for us right now (netdev_xmit_more()), so this one only queues and the
 * last one starts the driver; a queue that fills up starts it at once.
 */
static int if_enqueue_one(struct ifnet *ifp, struct mbuf *m, bool more)
{
	const u8 *dst = mtod(m, const u8 *);
	int len = m->m_pkthdr.len;
	void *bpf;
	bool mcast;
	int err;

	if (ifp->if_priv && !ifp->if_priv->ether)
		mcast = iopkt_l3_is_mcast(m);
	else
		mcast = m->m_len >= ETH_ALEN && is_multicast_ether_addr(dst);

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if (!(ifp->if_flags & IOPKT_IFF_UP)) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		m_freem(m);
		ifp->if_oerrors++;
		return ENETDOWN;
	}
	/* bpf taps: each frame once, as it goes onto if_snd (hooks.md) */
	bpf = READ_ONCE(ifp->if_bpf);
	if (unlikely(bpf) && !IF_QFULL(&ifp->if_snd))
		iopkt_bpf_tap(bpf, NULL, 0, m, IOPKT_BPF_OUT);
	IFQ_ENQUEUE(&ifp->if_snd, m, NULL, err);
	if (err) {
		/* counted in ifq_drops (ip -s link: TX dropped) as well */
		ifp->if_oerrors++;
		if_start_unlock(ifp);
		return err;
	}
	ifp->if_obytes += len;
	if (mcast)
		ifp->if_omcasts++;
	if (unlikely(IF_QFULL(&ifp->if_snd))) {
		iopkt_ifq_stop(ifp);
		more = false;
	}
	if (more) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		return 0;
	}
	if_start_unlock(ifp);
	return 0;
}

/*
 * The transmit path, shared by Linux's output and modules
 * (if_transmit_mbuf()): offloads the driver has off are done first
 * (if_csum.c), which may cut a TSO packet into several.
 */
static int if_enqueue_start(struct ifnet *ifp, struct mbuf *m, bool more)
{
	struct mbuf *next;
	int err, rc = 0;

	if (unlikely(m->m_pkthdr.csum_flags)) {
		m = iopkt_if_csum_out(ifp, m);
		if (!m) {
			if (!more)
				if_kick(ifp);
			return ENOBUFS;
		}
	}
	for (; m; m = next) {
		next = m->m_nextpkt;
		m->m_nextpkt = NULL;
		err = if_enqueue_one(ifp, m, more || next);
		if (err && !rc)
			rc = err;
	}
	return rc;
}

/**
 * if_transmit_mbuf() - send an Ethernet frame out of an interface
 * @ifp: the interface
 * @m: the frame, Ethernet header first; consumed
 *
 * Runs the pfil OUT hooks as for what Linux sends (the AF hooks, then the
 * interface's own), then queues @m on if_snd and calls if_start() unless
 * the driver has IFF_OACTIVE set: "Managing the TX queue" in the guide.
 * bpf listeners see the frame, as they see what Linux sends. A module
 * that ran the hooks itself uses if_transmit_mbuf_nopfil().
 *
 * Return: EOK, ENETDOWN (interface down), ENOBUFS (send queue full), or
 * the nonzero value of a pfil hook that dropped the frame (EACCES if a
 * hook took it).
 */
int if_transmit_mbuf(struct ifnet *ifp, struct mbuf *m)
{
	int err = iopkt_pfil_if_out(ifp, &m);

	if (err)
		return err;
	return if_enqueue_start(ifp, m, false);
}
EXPORT_SYMBOL_NS_GPL(if_transmit_mbuf, IOPKT);

/**
 * if_transmit_mbuf_nopfil() - if_transmit_mbuf() without the pfil hooks
 * @ifp: the interface
 * @m: the frame; consumed
 *
 * For a module that already ran the pfil OUT hooks on @m (a bridge that
 * filters per member) or must not have them run (it reinjects what a hook
 * handed it).
 *
 * Return: EOK, ENETDOWN, ENOBUFS.
 */
int if_transmit_mbuf_nopfil(struct ifnet *ifp, struct mbuf *m)
{
	return if_enqueue_start(ifp, m, false);
}
EXPORT_SYMBOL_NS_GPL(if_transmit_mbuf_nopfil, IOPKT);

static netdev_tx_t iopkt_start_xmit(struct sk_buff *skb,
				    struct net_device *dev)
{
	struct iopkt_ndev *nd = netdev_priv(dev);
	struct ifnet *ifp = READ_ONCE(nd->ifp);
	struct mbuf *m;
	int err;

	if (!ifp) {
		kfree_skb(skb);
		return NET_XMIT_DROP;
	}
	/*
	 * if_snd is full (a module filled it since Linux last looked): stop
	 * the queue and have Linux hold this packet until the driver makes
	 * room (if_txq.c). Under the transmit mutex, so the wake is not lost.
	 */
	if (unlikely(IF_QFULL(&ifp->if_snd))) {
		bool full;

		NW_SIGLOCK(&ifp->if_snd_ex, NULL);
		full = IF_QFULL(&ifp->if_snd);
		if (full)
			iopkt_ifq_stop(ifp);
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		if (full)
			return NETDEV_TX_BUSY;
	}
	/* checksum and TSO requests go with it (the features say which) */
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	if (!m) {
		ifp->if_oerrors++;
		if (!netdev_xmit_more())
			if_kick(ifp);
		return NET_XMIT_DROP;
	}
	if (nd->l3)
		err = iopkt_pfil_packet(nd->stk, &m, ifp, PFIL_OUT,
					iopkt_l3_type(m), 0);
	else
		err = iopkt_ether_pfil(nd->stk, &m, ifp, PFIL_OUT);
	if (err) {
		/* a hook took it */
		if (!netdev_xmit_more())
			if_kick(ifp);
		return NET_XMIT_SUCCESS;
	}
	err = if_enqueue_start(ifp, m, netdev_xmit_more());
	return err ? NET_XMIT_DROP : NET_XMIT_SUCCESS;
}

/*
 * Driver requests go to if_ioctl, or to ether_ioctl() for a driver without
 * one. ENETRESET means "reprogram": re-init a running interface.
 */
int iopkt_if_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	int err;

	if (ifp->if_ioctl)
		err = ifp->if_ioctl(ifp, cmd, data);
	else
		err = ether_ioctl(ifp, cmd, data);
	if (err == ENETRESET) {
		err = 0;
		if ((ifp->if_flags & (IOPKT_IFF_UP | IOPKT_IFF_RUNNING)) ==
		    (IOPKT_IFF_UP | IOPKT_IFF_RUNNING) && ifp->if_init)
			err = ifp->if_init(ifp);
	}
	return err;
}

/*
 * Linux flags → iopkt flags for what Linux owns (promisc, allmulti).
 * ifpromisc() users hold a reference on Linux's promiscuity count, so
 * dev->flags has IFF_PROMISC whenever either side wants it (if_promisc.c).
 */
static int iopkt_flags_from_linux(const struct net_device *dev, int flags)
{
	flags &= ~(IOPKT_IFF_PROMISC | IOPKT_IFF_ALLMULTI);
	if (dev->flags & IFF_PROMISC)
		flags |= IOPKT_IFF_PROMISC;
	if (dev->flags & IFF_ALLMULTI)
		flags |= IOPKT_IFF_ALLMULTI;
	return flags;
}

struct if_flags_req {
	struct ifnet *ifp;
	int flags;
};

static int if_flags_in_stack(void *arg)
{
	struct if_flags_req *r = arg;
	struct ifnet *ifp = r->ifp;
	struct iopkt_ifreq ifr = { };
	int old = ifp->if_flags;
	int err;

	ifp->if_flags = r->flags;
	strscpy(ifr.ifr_name, ifp->if_xname, sizeof(ifr.ifr_name));
	ifr.ifr_flags = r->flags;
	err = iopkt_if_ioctl(ifp, IOPKT_SIOCSIFFLAGS, (caddr_t)&ifr);
	if (err) {
		ifp->if_flags = old;
		return err;
	}
	if (!(ifp->if_flags & IOPKT_IFF_UP)) {
		/* Interface down: what is queued goes (the guide). */
		NW_SIGLOCK(&ifp->if_snd_ex, NULL);
		IFQ_PURGE(&ifp->if_snd);
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	}
	return 0;
}

static int if_set_flags_stack(struct ifnet *ifp, int flags)
{
	struct if_flags_req r = { .ifp = ifp, .flags = flags };
	int err;

	err = iopkt_stack_call(ifp->if_priv->stk, if_flags_in_stack, &r);
	return err;
}

static int iopkt_ndo_open(struct net_device *dev)
{
	struct ifnet *ifp = ndev_ifp(dev);
	int err;

	if (!ifp)
		return -ENODEV;
	err = if_set_flags_stack(ifp, iopkt_flags_from_linux(dev,
					ifp->if_flags | IOPKT_IFF_UP));
	return -err;
}

static int iopkt_ndo_stop(struct net_device *dev)
{
	struct ifnet *ifp = ndev_ifp(dev);

	if (ifp)
		if_set_flags_stack(ifp, ifp->if_flags & ~IOPKT_IFF_UP);
	return 0;
}

/**
 * iopkt_if_set_flags() - SIOCSIFFLAGS from the control plane
 * @ifp: the interface
 * @flags: the new IFF_* flags (IFF_CANTCHANGE bits are kept as they are)
 *
 * IFF_UP goes through Linux (dev_open()/dev_close()) so that both sides
 * agree; the other flags go to the driver. Caller holds rtnl.
 *
 * Return: 0 or a positive errno.
 */
int iopkt_if_set_flags(struct ifnet *ifp, int flags)
{
	struct net_device *dev = ifp->if_priv->dev;
	int nflags;
	int err;

	ASSERT_RTNL();
	nflags = (flags & ~IOPKT_IFF_CANTCHANGE) |
		 (ifp->if_flags & IOPKT_IFF_CANTCHANGE);
	if ((nflags & IOPKT_IFF_UP) && !(dev->flags & IFF_UP)) {
		ifp->if_flags = (ifp->if_flags & IOPKT_IFF_UP) |
				(nflags & ~IOPKT_IFF_UP);
		err = dev_open(dev, NULL);
		return -err;
	}
	if (!(nflags & IOPKT_IFF_UP) && (dev->flags & IFF_UP)) {
		ifp->if_flags = (ifp->if_flags & IOPKT_IFF_UP) |
				(nflags & ~IOPKT_IFF_UP);
		dev_close(dev);
		return 0;
	}
	if (nflags == ifp->if_flags)
		return 0;
	return if_set_flags_stack(ifp, nflags);
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_set_flags, IOPKT);

struct if_mtu_req {
	struct ifnet *ifp;
	int mtu;
};

static int if_mtu_in_stack(void *arg)
{
	struct if_mtu_req *r = arg;
	struct iopkt_ifreq ifr = { };

	strscpy(ifr.ifr_name, r->ifp->if_xname, sizeof(ifr.ifr_name));
	ifr.ifr_mtu = r->mtu;
	return iopkt_if_ioctl(r->ifp, IOPKT_SIOCSIFMTU, (caddr_t)&ifr);
}

static int iopkt_ndo_change_mtu(struct net_device *dev, int mtu)
{
	struct ifnet *ifp = ndev_ifp(dev);
	struct if_mtu_req r = { .ifp = ifp, .mtu = mtu };
	int err;

	if (!ifp)
		return -ENODEV;
	err = iopkt_stack_call(ifp->if_priv->stk, if_mtu_in_stack, &r);
	if (err)
		return -err;
	dev->mtu = mtu;
	return 0;
}

/**
 * iopkt_if_set_mtu() - SIOCSIFMTU from the control plane (rtnl held)
 * @ifp: the interface
 * @mtu: the new MTU
 *
 * Return: 0 or a positive errno.
 */
int iopkt_if_set_mtu(struct ifnet *ifp, int mtu)
{
	ASSERT_RTNL();
	return -dev_set_mtu(ifp->if_priv->dev, mtu);
}

struct if_mac_req {
	struct ifnet *ifp;
	const u8 *addr;
};

static int if_mac_in_stack(void *arg)
{
	struct if_mac_req *r = arg;
	struct ifnet *ifp = r->ifp;

	memcpy(LLADDR(ifp->if_sadl), r->addr, ifp->if_addrlen);
	if ((ifp->if_flags & IOPKT_IFF_RUNNING) && ifp->if_init)
		return ifp->if_init(ifp);
	return 0;
}

static int iopkt_ndo_set_mac(struct net_device *dev, void *p)
{
	struct ifnet *ifp = ndev_ifp(dev);
	struct sockaddr *sa = p;
	struct if_mac_req r = { .ifp = ifp, .addr = sa->sa_data };
	int err;

	if (!ifp)
		return -ENODEV;
	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;
	err = iopkt_stack_call(ifp->if_priv->stk, if_mac_in_stack, &r);
	if (err)
		return -err;
	eth_hw_addr_set(dev, sa->sa_data);
	return 0;
}

/* Multicast list and promisc/allmulti: Linux calls us in atomic context. */
static void iopkt_ndo_set_rx_mode(struct net_device *dev)
{
	struct iopkt_ndev *nd = netdev_priv(dev);

	if (READ_ONCE(nd->ifp)) {
		dev_hold(dev);
		if (!queue_work(iopkt_wq, &nd->rxmode_work))
			dev_put(dev);
	}
}

/* Bring promisc and allmulti of the ifnet in step with the net_device. */
static int linux_flags_in_stack(void *arg)
{
	struct ifnet *ifp = arg;
	struct net_device *dev = ifp->if_priv->dev;
	int flags = iopkt_flags_from_linux(dev, ifp->if_flags);

	if (flags != ifp->if_flags) {
		struct if_flags_req r = { .ifp = ifp, .flags = flags };

		return if_flags_in_stack(&r);
	}
	return 0;
}

/*
 * ifpromisc() changed Linux's promiscuity count: tell the driver now
 * rather than when the rx-mode work runs. rtnl held.
 */
int iopkt_if_sync_linux_flags(struct ifnet *ifp)
{
	ASSERT_RTNL();
	return iopkt_stack_call(ifp->if_priv->stk, linux_flags_in_stack, ifp);
}

static int rxmode_in_stack(void *arg)
{
	struct ifnet *ifp = arg;

	if (ifp->if_priv->ether)
		iopkt_ether_sync_multi(ifp);
	return linux_flags_in_stack(ifp);
}

static void iopkt_rxmode_work(struct work_struct *work)
{
	struct iopkt_ndev *nd = container_of(work, struct iopkt_ndev,
					     rxmode_work);
	struct net_device *dev = nd->dev;
	struct ifnet *ifp;

	rtnl_lock();
	ifp = READ_ONCE(nd->ifp);
	if (ifp)
		iopkt_stack_call(nd->stk, rxmode_in_stack, ifp);
	rtnl_unlock();
	dev_put(dev);	/* taken by iopkt_ndo_set_rx_mode() */
}

static void iopkt_get_stats64(struct net_device *dev,
			      struct rtnl_link_stats64 *s)
{
	struct ifnet *ifp = ndev_ifp(dev);

	if (!ifp)
		return;
	s->rx_packets = ifp->if_ipackets;
	s->tx_packets = ifp->if_opackets;
	s->rx_bytes = ifp->if_ibytes;
	s->tx_bytes = ifp->if_obytes;
	s->rx_errors = ifp->if_ierrors;
	s->tx_errors = ifp->if_oerrors;
	s->rx_dropped = ifp->if_iqdrops;
	s->tx_dropped = ifp->if_snd.ifq_drops;
	s->multicast = ifp->if_imcasts;
	s->collisions = ifp->if_collisions;
	s->rx_nohandler = ifp->if_noproto;
}

const struct net_device_ops iopkt_netdev_ops = {
	.ndo_open = iopkt_ndo_open,
	.ndo_stop = iopkt_ndo_stop,
	.ndo_start_xmit = iopkt_start_xmit,
	.ndo_change_mtu = iopkt_ndo_change_mtu,
	.ndo_set_mac_address = iopkt_ndo_set_mac,
	.ndo_set_rx_mode = iopkt_ndo_set_rx_mode,
	.ndo_get_stats64 = iopkt_get_stats64,
	.ndo_validate_addr = eth_validate_addr,
	.ndo_fix_features = iopkt_ndo_fix_features,
	.ndo_set_features = iopkt_ndo_set_features,
};

/* The same without a link layer (if_l3.c): no link-level address. */
const struct net_device_ops iopkt_l3_netdev_ops = {
	.ndo_open = iopkt_ndo_open,
	.ndo_stop = iopkt_ndo_stop,
	.ndo_start_xmit = iopkt_start_xmit,
	.ndo_change_mtu = iopkt_ndo_change_mtu,
	.ndo_set_rx_mode = iopkt_ndo_set_rx_mode,
	.ndo_get_stats64 = iopkt_get_stats64,
};

/**
 * iopkt_is_iopkt_netdev() - is this net_device an iopkt interface?
 * @dev: a net_device
 *
 * Return: true if iopkt made it.
 */
bool iopkt_is_iopkt_netdev(const struct net_device *dev)
{
	return dev->netdev_ops == &iopkt_netdev_ops ||
	       dev->netdev_ops == &iopkt_l3_netdev_ops;
}

/* ip link del IF: detach it as ifconfig IF destroy would. */
static void iopkt_dellink(struct net_device *dev, struct list_head *head)
{
	struct ifnet *ifp = ndev_ifp(dev);

	if (ifp)
		iopkt_device_detach_ifp(ifp);
}

struct rtnl_link_ops iopkt_link_ops = {
	.kind = "iopkt",
	.priv_size = sizeof(struct iopkt_ndev),
	.dellink = iopkt_dellink,
};

void iopkt_netdev_setup(struct net_device *dev)
{
	struct iopkt_ndev *nd = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &iopkt_netdev_ops;
	dev->rtnl_link_ops = &iopkt_link_ops;
	dev->needs_free_netdev = true;
	/*
	 * Linux queues in front of if_snd (the default qdisc, txqueuelen
	 * 1000): a full if_snd stops that queue instead of dropping
	 * (if_txq.c).
	 */
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
	dev->min_mtu = 68;
	dev->max_mtu = ETH_DATA_LEN;
	INIT_WORK(&nd->rxmode_work, iopkt_rxmode_work);
}
