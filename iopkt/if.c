// SPDX-License-Identifier: GPL-2.0
/*
 * struct ifnet and its Linux net_device.
 *
 * if_attach() makes a net_device of the same name in the instance's
 * network namespace; the driver's callbacks are reached from it:
 *
 *   ip link set up / ifconfig up    ndo_open   -> IFF_UP, if_ioctl(SIOCSIFFLAGS)
 *   Linux output                    ndo_start_xmit -> pfil OUT, if_snd,
 *                                   if_start (unless IFF_OACTIVE)
 *   driver receive                  if_input = ether_input -> pfil IN,
 *                                   netif_receive_skb
 *   ip link set mtu                 ndo_change_mtu -> if_ioctl(SIOCSIFMTU)
 *   multicast list, promisc         rx-mode work -> SIOCADDMULTI/DELMULTI,
 *                                   SIOCSIFFLAGS
 *   ip link del                     rtnl_link_ops.dellink -> detach
 *
 * Driver callbacks run in the stack context with rtnl held (net_impl.h).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/rtnetlink.h>

/* Linux's values of two flags that iopkt/if.h gives their NetBSD values. */
enum {
	LINUX_IFF_PROMISC = IFF_PROMISC,
	LINUX_IFF_ALLMULTI = IFF_ALLMULTI,
};

#include <iopkt/if_ether.h>
#include <uapi/iopkt/genl.h>

#include "net_impl.h"
#include "stack_impl.h"

struct workqueue_struct *iopkt_wq;

static struct ifnet *ndev_ifp(const struct net_device *dev)
{
	const struct iopkt_ndev *nd = netdev_priv(dev);

	return READ_ONCE(nd->ifp);
}

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
EXPORT_SYMBOL_GPL(iopkt_netdev_ifnet);

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
EXPORT_SYMBOL_GPL(iopkt_if_netdev);

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
EXPORT_SYMBOL_GPL(iopkt_if_stack);

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
EXPORT_SYMBOL_GPL(iopkt_if_driver);

/**
 * nw_siglock() - NW_SIGLOCK(): take an interface's transmit mutex
 * @l: &ifp->if_snd_ex
 */
void nw_siglock(struct nw_siglock *l)
{
	spin_lock_bh(&l->lock);
	__release(&l->lock);	/* released elsewhere: see if.h */
}
EXPORT_SYMBOL_GPL(nw_siglock);

/**
 * nw_sigunlock() - NW_SIGUNLOCK(): release it
 * @l: &ifp->if_snd_ex
 */
void nw_sigunlock(struct nw_siglock *l)
{
	__acquire(&l->lock);
	spin_unlock_bh(&l->lock);
}
EXPORT_SYMBOL_GPL(nw_sigunlock);

/**
 * iopkt_ifq_purge() - IFQ_PURGE(): free every packet on a send queue
 * @ifq: the queue; the caller holds the transmit mutex or owns the queue
 */
void iopkt_ifq_purge(struct ifaltq *ifq)
{
	struct mbuf *m;

	for (;;) {
		IF_DEQUEUE(ifq, m);
		if (!m)
			break;
		m_freem(m);
	}
}
EXPORT_SYMBOL_GPL(iopkt_ifq_purge);

/* if_start in the stack context (a single-threaded driver is attached). */
static void if_start_in_stack(void *arg)
{
	struct ifnet *ifp = arg;

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if ((ifp->if_flags_tx & IFF_OACTIVE) || IFQ_IS_EMPTY(&ifp->if_snd)) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		return;
	}
	ifp->if_start(ifp);	/* releases if_snd_ex */
}

/* The transmit path, shared by Linux's output and modules (bridge...). */
static int if_enqueue_start(struct ifnet *ifp, struct mbuf *m)
{
	struct _iopkt_self *stk = ifp->if_priv->stk;
	const u8 *dst = mtod(m, const u8 *);
	int len = m->m_pkthdr.len;
	bool mcast;
	int err;

	if (ifp->if_priv && !ifp->if_priv->ether)
		mcast = iopkt_l3_is_mcast(m);
	else
		mcast = m->m_len >= ETH_ALEN && is_multicast_ether_addr(dst);

	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	if (!(ifp->if_flags & IFF_UP)) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		m_freem(m);
		ifp->if_oerrors++;
		return ENETDOWN;
	}
	IFQ_ENQUEUE(&ifp->if_snd, m, NULL, err);
	if (err) {
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		ifp->if_oerrors++;
		return err;
	}
	ifp->if_obytes += len;
	if (mcast)
		ifp->if_omcasts++;
	if (ifp->if_flags_tx & IFF_OACTIVE) {
		/* The driver is busy and will come back for it. */
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		return 0;
	}
	if (atomic_read(&stk->single) && READ_ONCE(stk->stk_owner) != current) {
		/* Single-threaded: the driver runs in the stack context only. */
		NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
		iopkt_stack_queue(stk, &ifp->if_priv->start_work);
		return 0;
	}
	/* if_start() releases the transmit mutex. */
	ifp->if_start(ifp);
	return 0;
}

/**
 * if_transmit_mbuf() - send an Ethernet frame out of an interface
 * @ifp: the interface
 * @m: the frame, Ethernet header first; consumed
 *
 * Queues @m on if_snd and calls if_start() unless the driver has
 * IFF_OACTIVE set: "Managing the TX queue" in the guide. No pfil hooks
 * run (the caller is a module that already decided).
 *
 * Return: EOK, ENETDOWN (interface down), ENOBUFS (send queue full).
 */
int if_transmit_mbuf(struct ifnet *ifp, struct mbuf *m)
{
	return if_enqueue_start(ifp, m);
}
EXPORT_SYMBOL_GPL(if_transmit_mbuf);

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
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		kfree_skb(skb);
		ifp->if_oerrors++;
		return NET_XMIT_DROP;
	}
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	if (!m) {
		ifp->if_oerrors++;
		return NET_XMIT_DROP;
	}
	if (nd->l3)
		err = iopkt_af_pfil(nd->stk, &m, ifp, PFIL_OUT,
				    iopkt_l3_type(m), 0);
	else
		err = iopkt_ether_pfil(nd->stk, &m, ifp, PFIL_OUT);
	if (err)
		return NET_XMIT_SUCCESS;	/* a hook took it */
	err = if_enqueue_start(ifp, m);
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
		if ((ifp->if_flags & (IFF_UP | IFF_RUNNING)) ==
		    (IFF_UP | IFF_RUNNING) && ifp->if_init)
			err = ifp->if_init(ifp);
	}
	return err;
}

/* Linux flags → iopkt flags for what Linux owns (promisc, allmulti). */
static int iopkt_flags_from_linux(const struct net_device *dev, int flags)
{
	flags &= ~(IFF_PROMISC | IFF_ALLMULTI);
	if (dev->flags & LINUX_IFF_PROMISC)
		flags |= IFF_PROMISC;
	if (dev->flags & LINUX_IFF_ALLMULTI)
		flags |= IFF_ALLMULTI;
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
	err = iopkt_if_ioctl(ifp, SIOCSIFFLAGS, (caddr_t)&ifr);
	if (err) {
		ifp->if_flags = old;
		return err;
	}
	if (!(ifp->if_flags & IFF_UP)) {
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
					ifp->if_flags | IFF_UP));
	return -err;
}

static int iopkt_ndo_stop(struct net_device *dev)
{
	struct ifnet *ifp = ndev_ifp(dev);

	if (ifp)
		if_set_flags_stack(ifp, ifp->if_flags & ~IFF_UP);
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
	nflags = (flags & ~IFF_CANTCHANGE) | (ifp->if_flags & IFF_CANTCHANGE);
	if ((nflags & IFF_UP) && !(dev->flags & 0x1)) {
		ifp->if_flags = (ifp->if_flags & IFF_UP) |
				(nflags & ~IFF_UP);
		err = dev_open(dev, NULL);
		return -err;
	}
	if (!(nflags & IFF_UP) && (dev->flags & 0x1)) {
		ifp->if_flags = (ifp->if_flags & IFF_UP) |
				(nflags & ~IFF_UP);
		dev_close(dev);
		return 0;
	}
	if (nflags == ifp->if_flags)
		return 0;
	return if_set_flags_stack(ifp, nflags);
}
EXPORT_SYMBOL_GPL(iopkt_if_set_flags);

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
	return iopkt_if_ioctl(r->ifp, SIOCSIFMTU, (caddr_t)&ifr);
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
	if ((ifp->if_flags & IFF_RUNNING) && ifp->if_init)
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

static int rxmode_in_stack(void *arg)
{
	struct ifnet *ifp = arg;
	struct net_device *dev = ifp->if_priv->dev;
	int flags = iopkt_flags_from_linux(dev, ifp->if_flags);

	if (ifp->if_priv->ether)
		iopkt_ether_sync_multi(ifp);
	if (flags != ifp->if_flags) {
		struct if_flags_req r = { .ifp = ifp, .flags = flags };

		return if_flags_in_stack(&r);
	}
	return 0;
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

static struct rtnl_link_ops iopkt_link_ops = {
	.kind = "iopkt",
	.priv_size = sizeof(struct iopkt_ndev),
	.dellink = iopkt_dellink,
};

static void iopkt_netdev_setup(struct net_device *dev)
{
	struct iopkt_ndev *nd = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &iopkt_netdev_ops;
	dev->rtnl_link_ops = &iopkt_link_ops;
	dev->needs_free_netdev = true;
	/* if_snd is the queue; Linux need not queue in front of it. */
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->features |= NETIF_F_LLTX | NETIF_F_NETNS_LOCAL;
	dev->min_mtu = 68;
	dev->max_mtu = ETH_DATA_LEN;
	INIT_WORK(&nd->rxmode_work, iopkt_rxmode_work);
}

/* Real names, and with @enmap the enXX names too. */
static struct ifnet *__iopkt_ifunit(struct _iopkt_self *stk, const char *name,
				    bool enmap)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_ifpriv *ip;
	struct ifnet *found = NULL;
	unsigned int en;

	mutex_lock(&ns->if_lock);
	list_for_each_entry(ip, &ns->iflist, node) {
		if (!strncmp(ip->ifp->if_xname, name, IOPKT_IFNAMSIZ)) {
			found = ip->ifp;
			break;
		}
	}
	if (!found && enmap && !ns->enmap_off && !strncmp(name, "en", 2) &&
	    isdigit(name[2]) && (name[2] != '0' || !name[3]) &&
	    !kstrtouint(name + 2, 10, &en)) {
		list_for_each_entry(ip, &ns->iflist, node) {
			if (ip->en_unit == en) {
				found = ip->ifp;
				break;
			}
		}
	}
	mutex_unlock(&ns->if_lock);
	return found;
}

/**
 * iopkt_unit_free() - is the name PREFIX<unit> free in the instance?
 * @stk: the instance
 * @prefix: name prefix
 * @unit: unit number
 *
 * Checks the instance's interfaces and the Linux namespace (the
 * net_device must be creatable). Caller holds rtnl.
 *
 * Return: 0 if free, EEXIST if taken.
 */
int iopkt_unit_free(struct _iopkt_self *stk, const char *prefix, int unit)
{
	char name[IOPKT_IFNAMSIZ];

	snprintf(name, sizeof(name), "%s%d", prefix, unit);
	if (__iopkt_ifunit(stk, name, false))	/* a real en0 may be made */
		return EEXIST;
	if (__dev_get_by_name(iopkt_ns(stk)->net, name))
		return EEXIST;
	return 0;
}

static struct _iopkt_self *if_attach_stack(void)
{
	return iopkt_current_stack();
}

/**
 * if_attach() - attach an interface to the stack
 * @ifp: the interface, if_xname and callbacks set by the driver
 *
 * Makes its net_device (registered at once: the caller holds rtnl, as
 * every attach path does) and tells PFIL_IFNET hooks. Called from a
 * driver's attach function, in the stack context of the instance being
 * mounted into. On failure the interface is left unattached
 * (ifp->if_priv NULL) and the error is logged; if_detach() is then a
 * no-op.
 */
void if_attach(struct ifnet *ifp)
{
	struct _iopkt_self *stk = if_attach_stack();
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_ifpriv *ip;
	struct net_device *dev;
	struct iopkt_ndev *nd;

	ASSERT_RTNL();
	ip = kzalloc(sizeof(*ip), GFP_KERNEL);
	dev = alloc_netdev(sizeof(struct iopkt_ndev), ifp->if_xname,
			   NET_NAME_USER, iopkt_netdev_setup);
	if (!ip || !dev) {
		kfree(ip);
		if (dev)
			free_netdev(dev);
		pr_err("%s: no memory to attach\n", ifp->if_xname);
		return;
	}
	nd = netdev_priv(dev);
	nd->stk = stk;
	nd->dev = dev;
	ip->ifp = ifp;
	ip->dev = dev;
	ip->stk = stk;
	ip->sadl.sdl_family = 18;	/* AF_LINK */
	ip->sadl.sdl_len = sizeof(ip->sadl);
	INIT_LIST_HEAD(&ip->node);
	ip->en_unit = -1;
	ip->start_work.func = if_start_in_stack;
	ip->start_work.arg = ifp;
	ip->dv = ns->attaching;
	ip->clone = ns->cloning;
	if (ns->mounting)
		strscpy(ip->driver, ns->mounting->name, sizeof(ip->driver));
	else if (ns->cloning)
		strscpy(ip->driver, ns->cloning->ifc_name, sizeof(ip->driver));
	ifp->if_priv = ip;
	ifp->if_sadl = &ip->sadl;
	if (!ifp->if_mtu)
		ifp->if_mtu = ETHERMTU;
	if (!ifp->if_snd.ifq_maxlen)
		ifp->if_snd.ifq_maxlen = IFQ_MAXLEN;
	spin_lock_init(&ifp->if_snd_ex.lock);
	iopkt_pfil_head_init(&ifp->if_pfil, PFIL_TYPE_IFNET,
			     (unsigned long)ifp);
	dev_net_set(dev, ns->net);
	mutex_lock(&ns->if_lock);
	list_add_tail(&ip->node, &ns->iflist);
	mutex_unlock(&ns->if_lock);
}
EXPORT_SYMBOL_GPL(if_attach);

/* io-pkt-v4 has no IPv6: keep Linux from configuring it on the device. */
static void iopkt_if_variant_setup(struct iopkt_ifpriv *ip)
{
#if IS_BUILTIN(CONFIG_IPV6)
	struct inet6_dev *idev;

	if (iopkt_ns(ip->stk)->variant != IOPKT_VARIANT_V4)
		return;
	idev = __in6_dev_get(ip->dev);
	if (idev)
		idev->cnf.disable_ipv6 = 1;
#endif
}

/*
 * io-pkt's enXX mapping (tcpip option enmap turns it off): the first
 * Ethernet interface registered also answers to en0, the second to en1,
 * and so on, for io-net-style command lines. An interface takes the lowest
 * free number; numbers of detached interfaces are reused. A real interface
 * named enN always wins (iopkt_ifunit() looks at real names first).
 */
static void iopkt_if_enmap(struct iopkt_ifpriv *ip)
{
	struct iopkt_netstate *ns = iopkt_ns(ip->stk);
	struct iopkt_ifpriv *o;
	int n;

	if (!ip->ether || ns->enmap_off)
		return;
	mutex_lock(&ns->if_lock);
	for (n = 0; n < IOPKT_ENMAP_MAX; n++) {
		bool used = false;

		list_for_each_entry(o, &ns->iflist, node)
			used |= o->en_unit == n;
		if (!used)
			break;
	}
	if (n < IOPKT_ENMAP_MAX)
		ip->en_unit = n;
	mutex_unlock(&ns->if_lock);
}

/**
 * if_alloc_sadl() - finish attaching: publish the interface
 * @ifp: an interface given to if_attach(), its address set
 *
 * ether_ifattach() calls it; a non-Ethernet driver calls it after
 * if_attach(): its net_device then has no link layer (ARPHRD_NONE, no
 * ARP, IFF_POINTOPOINT/IFF_BROADCAST/IFF_MULTICAST from if_flags) and
 * carries bare IPv4/IPv6 packets, as tun's does. Registers the
 * net_device, tells PFIL_IFNET hooks and event listeners.
 *
 * Return: 0 or a positive errno.
 */
int if_alloc_sadl(struct ifnet *ifp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct net_device *dev = ip->dev;
	struct iopkt_ndev *nd = netdev_priv(dev);
	int err;

	if (!ip->ether)
		iopkt_l3_netdev_setup(ifp, dev);
	dev->mtu = ifp->if_mtu;
	if (ip->ether && (container_of(ifp, struct ethercom, ec_if)->
			  ec_capabilities & ETHERCAP_JUMBO_MTU))
		dev->max_mtu = ETHERMTU_JUMBO;
	dev->max_mtu = max_t(unsigned int, dev->max_mtu, dev->mtu);
	WRITE_ONCE(nd->ifp, ifp);
	err = register_netdevice(dev);
	if (err) {
		WRITE_ONCE(nd->ifp, NULL);
		pr_err("%s: cannot register the net_device: %d\n",
		       ifp->if_xname, err);
		return -err;
	}
	ip->registered = true;
	iopkt_if_variant_setup(ip);
	iopkt_if_enmap(ip);
	ifp->if_index = dev->ifindex;
	ip->sadl.sdl_index = dev->ifindex;
	if (ifp->if_link_state == LINK_STATE_DOWN)
		netif_carrier_off(dev);
	iopkt_pfil_ifevent(ip->stk, ifp, PFIL_IFNET, PFIL_IFNET_ATTACH);
	iopkt_genl_event(ip->stk, IOPKT_CMD_EV_ATTACH, ifp);
	if (iopkt_ns(ip->stk)->verbose)
		pr_info("%s: attached (%s)\n", ifp->if_xname, ip->driver);
	return 0;
}
EXPORT_SYMBOL_GPL(if_alloc_sadl);

/**
 * if_detach() - take an interface out of the stack
 * @ifp: the interface
 *
 * Tells PFIL_IFNET hooks, purges the send queue and unregisters the
 * net_device. Called from a driver's detach function (stack context, rtnl
 * held). The ifnet memory is the driver's again when this returns.
 */
void if_detach(struct ifnet *ifp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct iopkt_netstate *ns;
	struct iopkt_ndev *nd;

	if (!ip)
		return;
	ASSERT_RTNL();
	ns = iopkt_ns(ip->stk);
	nd = netdev_priv(ip->dev);
	if (ip->registered) {
		iopkt_pfil_ifevent(ip->stk, ifp, PFIL_IFNET,
				   PFIL_IFNET_DETACH);
		iopkt_genl_event(ip->stk, IOPKT_CMD_EV_DETACH, ifp);
		unregister_netdevice(ip->dev);
		/* No more xmit or ndo calls reach ifp from here. */
		synchronize_net();
		/* nd lives until netdev_run_todo() frees the device. */
		WRITE_ONCE(nd->ifp, NULL);
	} else {
		/* Never registered (attach failed): nd goes with the device. */
		free_netdev(ip->dev);
	}
	iopkt_stack_dequeue(ip->stk, &ip->start_work);
	mutex_lock(&ns->if_lock);
	list_del(&ip->node);
	mutex_unlock(&ns->if_lock);
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	IFQ_PURGE(&ifp->if_snd);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	iopkt_pfil_head_destroy(&ifp->if_pfil);
	if (ip->ether)
		iopkt_ether_free_multi(container_of(ifp, struct ethercom,
						    ec_if));
	ifp->if_priv = NULL;
	ifp->if_sadl = NULL;
	kfree(ip);
}
EXPORT_SYMBOL_GPL(if_detach);

/**
 * if_link_state_change() - the driver saw the link go up or down
 * @ifp: the interface
 * @link_state: LINK_STATE_UP, LINK_STATE_DOWN or LINK_STATE_UNKNOWN
 *
 * Sets the Linux carrier and sends a link event. Any context.
 */
void if_link_state_change(struct ifnet *ifp, int link_state)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	if (ifp->if_link_state == link_state)
		return;
	ifp->if_link_state = link_state;
	if (!ip || !ip->registered)
		return;
	if (link_state == LINK_STATE_DOWN)
		netif_carrier_off(ip->dev);
	else
		netif_carrier_on(ip->dev);
	iopkt_genl_event(ip->stk, IOPKT_CMD_EV_LINK, ifp);
}
EXPORT_SYMBOL_GPL(if_link_state_change);

/**
 * iopkt_ifunit() - find an interface of an instance by name
 * @stk: the instance
 * @name: "sam0"
 *
 * Real names first, then the enXX names of the enmap (en0 is the first
 * Ethernet interface registered, unless the instance runs with enmap).
 *
 * Return: the interface or NULL. Stable while the caller holds rtnl or the
 * stack context.
 */
struct ifnet *iopkt_ifunit(struct _iopkt_self *stk, const char *name)
{
	return __iopkt_ifunit(stk, name, true);
}
EXPORT_SYMBOL_GPL(iopkt_ifunit);

/**
 * ifunit() - find an interface of the current instance by name
 * @name: "sam0"
 *
 * Return: the interface or NULL.
 */
struct ifnet *ifunit(const char *name)
{
	return iopkt_ifunit(iopkt_current_stack(), name);
}
EXPORT_SYMBOL_GPL(ifunit);

/**
 * iopkt_if_fill_info() - describe an interface for IOPKT_SIOCGIFLIST
 * @ifp: the interface
 * @info: filled
 */
void iopkt_if_fill_info(struct ifnet *ifp, struct iopkt_ifinfo *info)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	memset(info, 0, sizeof(*info));
	strscpy(info->name, ifp->if_xname, sizeof(info->name));
	strscpy(info->driver, ip->driver, sizeof(info->driver));
	info->ifindex = ifp->if_index;
	info->flags = ifp->if_flags | (ifp->if_flags_tx & IFF_OACTIVE);
	info->mtu = ifp->if_mtu;
	info->link_state = ifp->if_link_state;
	info->type = ifp->if_type;
	info->addrlen = min_t(int, ifp->if_addrlen, sizeof(info->lladdr));
	memcpy(info->lladdr, LLADDR(ifp->if_sadl), info->addrlen);
	if (ip->en_unit >= 0)
		snprintf(info->alias, sizeof(info->alias), "en%d", ip->en_unit);
	if (ip->ether) {
		struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);

		info->ec_capabilities = ec->ec_capabilities;
		info->ec_capenable = ec->ec_capenable;
	}
}

int iopkt_net_init(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns;

	ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	mutex_init(&ns->if_lock);
	INIT_LIST_HEAD(&ns->iflist);
	INIT_LIST_HEAD(&ns->devices);
	INIT_LIST_HEAD(&ns->shutdown_hooks);
	INIT_LIST_HEAD(&ns->lsm_mounts);
	iopkt_pfil_head_init(&ns->pfil_inet, PFIL_TYPE_AF, AF_INET);
	iopkt_pfil_head_init(&ns->pfil_inet6, PFIL_TYPE_AF, AF_INET6);
	iopkt_pfil_head_init(&ns->pfil_ifnet, PFIL_TYPE_IFNET, 0);
	ns->net = get_net(&init_net);
	ns->variant = IOPKT_VARIANT_V6_HC;
	stk->ns = ns;
	return 0;
}

void iopkt_net_exit(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns = stk->ns;

	if (!ns)
		return;
	WARN_ON(!list_empty(&ns->iflist));
	iopkt_pfil_head_destroy(&ns->pfil_inet);
	iopkt_pfil_head_destroy(&ns->pfil_inet6);
	iopkt_pfil_head_destroy(&ns->pfil_ifnet);
	put_net(ns->net);
	stk->ns = NULL;
	kfree(ns);
}

/* Internal; exported for iopkt's own KUnit modules (iopkt_if_kunit). */
struct iopkt_netstate *iopkt_ns(struct _iopkt_self *stk)
{
	return stk->ns;
}
EXPORT_SYMBOL_GPL(iopkt_ns);

/*
 * PFIL_IFADDR: addresses are Linux's, so the notifiers tell us. The hooks
 * run later, in the stack context, from iopkt_wq (notifiers may be atomic).
 */
struct ifaddr_event {
	struct work_struct work;
	struct net_device *dev;
	unsigned long cmd;
};

static int ifaddr_in_stack_call(void *arg)
{
	struct ifaddr_event *ev = arg;
	struct iopkt_ndev *nd = netdev_priv(ev->dev);
	struct ifnet *ifp = READ_ONCE(nd->ifp);

	if (ifp)
		iopkt_pfil_ifevent(nd->stk, ifp, PFIL_IFADDR, ev->cmd);
	return 0;
}

static void ifaddr_work(struct work_struct *work)
{
	struct ifaddr_event *ev = container_of(work, struct ifaddr_event,
					       work);
	struct iopkt_ndev *nd = netdev_priv(ev->dev);
	struct ifnet *ifp;

	rtnl_lock();
	ifp = READ_ONCE(nd->ifp);
	if (ifp)
		iopkt_stack_call(nd->stk, ifaddr_in_stack_call, ev);
	rtnl_unlock();
	dev_put(ev->dev);
	kfree(ev);
}

static void ifaddr_queue(struct net_device *dev, unsigned long cmd)
{
	struct ifaddr_event *ev;

	if (!iopkt_is_iopkt_netdev(dev) || !ndev_ifp(dev))
		return;
	ev = kzalloc(sizeof(*ev), GFP_ATOMIC);
	if (!ev)
		return;
	INIT_WORK(&ev->work, ifaddr_work);
	ev->dev = dev;
	ev->cmd = cmd;
	dev_hold(dev);
	queue_work(iopkt_wq, &ev->work);
}

static int iopkt_inetaddr_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct in_ifaddr *ifa = ptr;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		ifaddr_queue(ifa->ifa_dev->dev, event == NETDEV_UP ?
			     SIOCAIFADDR : SIOCDIFADDR);
	return NOTIFY_DONE;
}

static int iopkt_inet6addr_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		ifaddr_queue(ifa->idev->dev, event == NETDEV_UP ?
			     SIOCAIFADDR_IN6 : SIOCDIFADDR_IN6);
	return NOTIFY_DONE;
}

static struct notifier_block iopkt_inetaddr_nb = {
	.notifier_call = iopkt_inetaddr_event,
};

static struct notifier_block iopkt_inet6addr_nb = {
	.notifier_call = iopkt_inet6addr_event,
};

int iopkt_if_notifiers_init(void)
{
	int err;

	iopkt_wq = alloc_workqueue("iopkt", WQ_UNBOUND, 0);
	if (!iopkt_wq)
		return -ENOMEM;
	err = rtnl_link_register(&iopkt_link_ops);
	if (err) {
		destroy_workqueue(iopkt_wq);
		return err;
	}
	register_inetaddr_notifier(&iopkt_inetaddr_nb);
#if IS_ENABLED(CONFIG_IPV6)
	register_inet6addr_notifier(&iopkt_inet6addr_nb);
#endif
	return 0;
}

void iopkt_if_notifiers_exit(void)
{
#if IS_ENABLED(CONFIG_IPV6)
	unregister_inet6addr_notifier(&iopkt_inet6addr_nb);
#endif
	unregister_inetaddr_notifier(&iopkt_inetaddr_nb);
	rtnl_link_unregister(&iopkt_link_ops);
	destroy_workqueue(iopkt_wq);
}
