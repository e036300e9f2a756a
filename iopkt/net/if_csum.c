// SPDX-License-Identifier: GPL-2.0
/*
 * Offloads of an interface on both sides (Documentation/drivers.md
 * "Checksum and segmentation offload"):
 *
 *   ifnet (driver, ifconfig)         net_device (ethtool -k)
 *   IFCAP_CSUM_TCPv4 + UDPv4    <->  NETIF_F_IP_CSUM
 *   IFCAP_CSUM_TCPv6 + UDPv6    <->  NETIF_F_IPV6_CSUM
 *   IFCAP_TSOv4, IFCAP_TSOv6    <->  NETIF_F_TSO, NETIF_F_TSO6
 *   receive TCP/UDP checksums   <->  NETIF_F_RXCSUM
 *
 * if_capabilities_* give hw_features, if_capenable_* features (NETIF_F_SG
 * always: every driver takes mbuf chains). SIOCSIFCAP updates the
 * features (iopkt_if_set_caps()); ethtool -K reaches the driver as
 * SIOCSIFCAP (ndo_set_features). On the way to the driver, a packet that
 * asks for an offload the driver has off gets it done in software here,
 * and receive state left on a forwarded packet is dropped
 * (iopkt_if_csum_out()).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include <iopkt/if_ether.h>

#include "net/net_impl.h"
#include "mbuf/mbuf_csum.h"

#define CAP_V4		(IOPKT_IFCAP_CSUM_TCPv4 | IOPKT_IFCAP_CSUM_UDPv4)
#define CAP_V6		(IOPKT_IFCAP_CSUM_TCPv6 | IOPKT_IFCAP_CSUM_UDPv6)
#define CAP_RX		(IOPKT_IFCAP_CSUM_IPv4 | CAP_V4 | CAP_V6)
#define OFFLOAD_FEATURES (NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM | NETIF_F_TSO | \
			  NETIF_F_TSO6 | NETIF_F_RXCSUM)

/* the net_device features of IFCAP_* masks */
static netdev_features_t caps_features(u32 rx, u32 tx)
{
	netdev_features_t f = 0;

	if ((tx & CAP_V4) == CAP_V4)
		f |= NETIF_F_IP_CSUM;
	if ((tx & CAP_V6) == CAP_V6)
		f |= NETIF_F_IPV6_CSUM;
	if (tx & IOPKT_IFCAP_TSOv4)
		f |= NETIF_F_TSO;
	if (tx & IOPKT_IFCAP_TSOv6)
		f |= NETIF_F_TSO6;
	if (rx & (CAP_V4 | CAP_V6))
		f |= NETIF_F_RXCSUM;
	return f;
}

/* Before registration: what the driver declared (if_alloc_sadl()). */
void iopkt_if_features_init(struct ifnet *ifp, struct net_device *dev)
{
	netdev_features_t on = caps_features(ifp->if_capenable_rx,
					     ifp->if_capenable_tx);

	dev->hw_features = caps_features(ifp->if_capabilities_rx,
					 ifp->if_capabilities_tx) | NETIF_F_SG;
	dev->features = (dev->features & ~OFFLOAD_FEATURES) | on | NETIF_F_SG;
	dev->vlan_features = dev->features & (OFFLOAD_FEATURES | NETIF_F_SG);
}

/* ethtool -K: nothing the driver cannot do */
netdev_features_t iopkt_ndo_fix_features(struct net_device *dev,
					    netdev_features_t features)
{
	struct ifnet *ifp = ndev_ifp(dev);

	if (!ifp)
		return features & ~OFFLOAD_FEATURES;
	return features & ~(OFFLOAD_FEATURES &
			    ~caps_features(ifp->if_capabilities_rx,
					   ifp->if_capabilities_tx));
}

/* @cap bits on or off in @en as @f is in @want, if it changed from @have */
static u32 caps_follow(u32 en, u32 cap, netdev_features_t f,
		       netdev_features_t have, netdev_features_t want)
{
	if (!((have ^ want) & f))
		return en;
	return (want & f) ? en | cap : en & ~cap;
}

struct if_cap_req {
	struct ifnet *ifp;
	struct iopkt_ifcapreq cr;
};

static int if_caps_in_stack(void *arg)
{
	struct if_cap_req *r = arg;

	return iopkt_if_ioctl(r->ifp, IOPKT_SIOCSIFCAP, (caddr_t)&r->cr);
}

/* ethtool -K reaches the driver as SIOCSIFCAP; rtnl held */
int iopkt_ndo_set_features(struct net_device *dev,
			      netdev_features_t features)
{
	struct ifnet *ifp = ndev_ifp(dev);
	struct if_cap_req r = { .ifp = ifp };
	netdev_features_t have;
	u32 rx, tx;

	if (!ifp)
		return 0;
	/* what the interface has now, not dev->features: SIOCSIFCAP may
	 * have enabled one of a pair that no feature bit stands for
	 */
	have = caps_features(ifp->if_capenable_rx, ifp->if_capenable_tx);
	rx = ifp->if_capenable_rx;
	tx = ifp->if_capenable_tx;
	tx = caps_follow(tx, CAP_V4, NETIF_F_IP_CSUM, have, features);
	tx = caps_follow(tx, CAP_V6, NETIF_F_IPV6_CSUM, have, features);
	tx = caps_follow(tx, IOPKT_IFCAP_TSOv4, NETIF_F_TSO, have, features);
	tx = caps_follow(tx, IOPKT_IFCAP_TSOv6, NETIF_F_TSO6, have, features);
	rx = caps_follow(rx, CAP_RX, NETIF_F_RXCSUM, have, features);
	r.cr.ifcr_capenable_rx = rx & ifp->if_capabilities_rx;
	r.cr.ifcr_capenable_tx = tx & ifp->if_capabilities_tx;
	if (r.cr.ifcr_capenable_rx == ifp->if_capenable_rx &&
	    r.cr.ifcr_capenable_tx == ifp->if_capenable_tx)
		return 0;
	strscpy(r.cr.ifcr_name, ifp->if_xname, sizeof(r.cr.ifcr_name));
	return -iopkt_stack_call(ifp->if_priv->stk, if_caps_in_stack, &r);
}

/**
 * iopkt_if_set_caps() - SIOCSIFCAP from the control plane or a module
 * @ifp: an attached Ethernet interface
 * @cr: the request (ifcr_capenable_rx/tx)
 *
 * Goes to the driver (if_ioctl, or ether_ioctl(): EINVAL for a capability
 * it lacks; ENETRESET re-inits a running interface), then brings the
 * net_device's features in line, so that ethtool -k shows what ifconfig
 * set. Caller holds rtnl, not the stack context.
 *
 * Return: 0 or a positive errno (ENOTTY if the driver has no offloads).
 */
int iopkt_if_set_caps(struct ifnet *ifp, const struct iopkt_ifcapreq *cr)
{
	struct if_cap_req r = { .ifp = ifp, .cr = *cr };
	struct net_device *dev = ifp->if_priv->dev;
	netdev_features_t on;
	int err;

	ASSERT_RTNL();
	err = iopkt_stack_call(ifp->if_priv->stk, if_caps_in_stack, &r);
	if (err || !ifp->if_priv->ether)
		return err;
	on = caps_features(ifp->if_capenable_rx, ifp->if_capenable_tx);
	dev->wanted_features = (dev->wanted_features & ~OFFLOAD_FEATURES) | on;
	netdev_update_features(dev);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_set_caps, IOPKT);

/* IFCAP_* transmit capability a request flag needs */
static u32 csum_cap(int flags)
{
	u32 cap = 0;

	if (flags & M_CSUM_IPv4)
		cap |= IOPKT_IFCAP_CSUM_IPv4;
	if (flags & M_CSUM_TCPv4)
		cap |= IOPKT_IFCAP_CSUM_TCPv4;
	if (flags & M_CSUM_UDPv4)
		cap |= IOPKT_IFCAP_CSUM_UDPv4;
	if (flags & M_CSUM_TCPv6)
		cap |= IOPKT_IFCAP_CSUM_TCPv6;
	if (flags & M_CSUM_UDPv6)
		cap |= IOPKT_IFCAP_CSUM_UDPv6;
	if (flags & M_CSUM_TSOv4)
		cap |= IOPKT_IFCAP_TSOv4;
	if (flags & M_CSUM_TSOv6)
		cap |= IOPKT_IFCAP_TSOv6;
	return cap;
}

/*
 * Cut a TSO packet into segments in software, through Linux's GSO, with
 * the checksums the interface does not offload filled in. Returns the
 * first segment, the others on m_nextpkt; NULL (and @m freed) on failure.
 */
static struct mbuf *csum_segment(struct ifnet *ifp, struct mbuf *m,
				 int l3off, __be16 proto)
{
	struct net_device *dev = ifp->if_priv->dev;
	netdev_features_t f = caps_features(0, ifp->if_capenable_tx) &
			      (NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM);
	struct mbuf *top = NULL, **np = &top, *n;
	struct sk_buff *skb, *segs, *next;

	skb = iopkt_m_to_skb_at(m, M_DONTWAIT, l3off);
	if (!skb)
		return NULL;
	skb->dev = dev;
	skb->protocol = proto;
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, l3off);
	skb->mac_len = l3off;
	segs = __skb_gso_segment(skb, f | NETIF_F_SG, true);
	if (IS_ERR_OR_NULL(segs)) {
		kfree_skb(skb);
		return NULL;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		n = iopkt_skb_to_m(skb, M_DONTWAIT);
		if (!n)
			continue;
		*np = n;
		np = &n->m_nextpkt;
	}
	return top;
}

/**
 * iopkt_if_csum_out() - offloads at the driver boundary
 * @ifp: the interface the packet goes out of
 * @m: the packet, consumed
 *
 * Receive state (what another interface's driver verified) is cleared; a
 * transmit request the interface has enabled is left for the driver; one
 * it has not is done here: checksums in place, TSO by segmenting.
 *
 * Return: the packet, or its segments linked by m_nextpkt; NULL if it
 * was dropped (no memory; counted in if_oerrors).
 */
struct mbuf *iopkt_if_csum_out(struct ifnet *ifp, struct mbuf *m)
{
	int flags = m->m_pkthdr.csum_flags;
	__be16 proto = 0;
	int l3off;

	if (!m_csum_tx_request(m)) {
		m->m_pkthdr.csum_flags = 0;
		m->m_pkthdr.csum_data = 0;
		if (!(flags & M_CSUM_TSO))
			return m;
	} else if (!(csum_cap(flags) & ~ifp->if_capenable_tx)) {
		return m;
	}
	if (ifp->if_priv->ether) {
		l3off = mbuf_ether_l3off(m, &proto);
	} else {
		u8 ver = 0;

		l3off = 0;
		m_copydata(m, 0, 1, &ver);
		proto = (ver >> 4) == 6 ? htons(ETH_P_IPV6) : htons(ETH_P_IP);
	}
	if (l3off < 0) {
		m->m_pkthdr.csum_flags = 0;
		return m;
	}
	if (flags & M_CSUM_TSO) {
		/* segments come back as requests the driver has, or done */
		m->m_pkthdr.csum_flags = flags;
		m = csum_segment(ifp, m, l3off, proto);
		if (!m)
			ifp->if_oerrors++;
		return m;
	}
	if (mbuf_csum_sw(m, l3off)) {
		m_freem(m);
		ifp->if_oerrors++;
		return NULL;
	}
	return m;
}
