// SPDX-License-Identifier: GPL-2.0
/*
 * Interfaces without a link layer (tun): their net_device carries bare
 * IPv4 and IPv6 packets.
 *
 * A driver that calls if_attach() and then if_alloc_sadl() without
 * ether_ifattach() gets such a net_device: ARPHRD_NONE, no header_ops, no
 * link-level address, IFF_NOARP, and IFF_POINTOPOINT / IFF_BROADCAST /
 * IFF_MULTICAST as the driver set them in if_flags. Linux's output then
 * reaches if_snd as IP packets (the version nibble tells the family), and
 * the driver passes received packets up with iopkt_if_input_ip().
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>

#include <iopkt/if.h>

#include "net/net_impl.h"
#include "mbuf/mbuf_csum.h"

#define L3_MODE_FLAGS	(IOPKT_IFF_POINTOPOINT | IOPKT_IFF_BROADCAST | \
			 IOPKT_IFF_MULTICAST)

static unsigned int l3_linux_mode(int flags)
{
	unsigned int lf = 0;

	if (flags & IOPKT_IFF_POINTOPOINT)
		lf |= IFF_POINTOPOINT;
	if (flags & IOPKT_IFF_BROADCAST)
		lf |= IFF_BROADCAST;
	if (flags & IOPKT_IFF_MULTICAST)
		lf |= IFF_MULTICAST;
	return lf;
}

/* if_alloc_sadl(), before the net_device is registered. */
void iopkt_l3_netdev_setup(struct ifnet *ifp, struct net_device *dev)
{
	struct iopkt_ndev *nd = netdev_priv(dev);

	nd->l3 = true;
	dev->netdev_ops = &iopkt_l3_netdev_ops;
	dev->header_ops = NULL;
	dev->type = ARPHRD_NONE;
	dev->hard_header_len = 0;
	dev->addr_len = 0;
	dev->flags = IFF_NOARP | l3_linux_mode(ifp->if_flags);
}

/**
 * iopkt_l3_sync_flags() - apply a changed mode to the net_device
 * @ifp: an interface without a link layer
 *
 * After the driver changed IFF_POINTOPOINT, IFF_BROADCAST or
 * IFF_MULTICAST in if_flags (tun's TUNSIFMODE, while the interface is
 * down), make Linux's flags of its net_device agree. Caller holds rtnl.
 */
void iopkt_l3_sync_flags(struct ifnet *ifp)
{
	struct net_device *dev = iopkt_if_netdev(ifp);
	unsigned int mask = IFF_POINTOPOINT | IFF_BROADCAST | IFF_MULTICAST;

	ASSERT_RTNL();
	if (!dev || ifp->if_priv->ether)
		return;
	dev->flags = (dev->flags & ~mask) | l3_linux_mode(ifp->if_flags);
	netdev_state_change(dev);
}
EXPORT_SYMBOL_NS_GPL(iopkt_l3_sync_flags, IOPKT);

/* The ethertype of an IP packet from its version nibble, 0 if not IP. */
u16 iopkt_l3_type(struct mbuf *m)
{
	u8 v;

	if (m->m_pkthdr.len < 1 || m_copydata(m, 0, 1, &v))
		return 0;
	switch (v >> 4) {
	case 4:
		return m->m_pkthdr.len >= (int)sizeof(struct iphdr) ?
		       ETH_P_IP : 0;
	case 6:
		return m->m_pkthdr.len >= (int)sizeof(struct ipv6hdr) ?
		       ETH_P_IPV6 : 0;
	default:
		return 0;
	}
}

/* Is this IP packet for a multicast (or IPv4 limited broadcast) group? */
bool iopkt_l3_is_mcast(struct mbuf *m)
{
	__be32 daddr;
	u8 d0;

	switch (iopkt_l3_type(m)) {
	case ETH_P_IP:
		if (m_copydata(m, offsetof(struct iphdr, daddr), 4, &daddr))
			return false;
		return ipv4_is_multicast(daddr) || ipv4_is_lbcast(daddr);
	case ETH_P_IPV6:
		if (m_copydata(m, offsetof(struct ipv6hdr, daddr), 1, &d0))
			return false;
		return d0 == 0xff;
	default:
		return false;
	}
}

/**
 * iopkt_if_input_ip() - an interface without a link layer received a packet
 * @ifp: the interface
 * @m: an IPv4 or IPv6 packet, IP header first, m_pkthdr.len set; consumed
 *
 * The counterpart of ether_input() for tun-like interfaces: dropped if the
 * interface is down (if_iqdrops) or the packet is not IPv4/IPv6
 * (if_noproto, as is IPv6 on io-pkt-v4); otherwise counted (if_ibytes,
 * if_imcasts), shown to the pfil IN hooks and handed to Linux's stack as
 * received on the interface's net_device. The driver counts if_ipackets.
 * Process context (a writer's thread), a worker or the stack context.
 */
void iopkt_if_input_ip(struct ifnet *ifp, struct mbuf *m)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct sk_buff *skb;
	u16 type;

	if (!ip || !ip->registered || !(ifp->if_flags & IOPKT_IFF_UP)) {
		m_freem(m);
		ifp->if_iqdrops++;
		return;
	}
	if (!(m->m_flags & M_PKTHDR)) {
		m_freem(m);
		ifp->if_ierrors++;
		return;
	}
	type = iopkt_l3_type(m);
	if (!type) {
		m_freem(m);
		ifp->if_noproto++;
		return;
	}
	m->m_pkthdr.rcvif = ifp;
	ifp->if_ibytes += m->m_pkthdr.len;
	if (iopkt_l3_is_mcast(m)) {
		ifp->if_imcasts++;
		m->m_flags |= M_MCAST;
	}
	rcu_read_lock();
	if (iopkt_pfil_packet(ip->stk, &m, ifp, PFIL_IN, type, 0)) {
		rcu_read_unlock();
		return;
	}
	rcu_read_unlock();
	skb = iopkt_m_to_skb_at(m, M_DONTWAIT, 0);
	if (!skb) {
		ifp->if_iqdrops++;
		return;
	}
	skb->dev = ip->dev;
	skb->protocol = htons(type);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb_reset_network_header(skb);
	local_bh_disable();
	netif_receive_skb(skb);
	local_bh_enable();
}
EXPORT_SYMBOL_NS_GPL(iopkt_if_input_ip, IOPKT);
