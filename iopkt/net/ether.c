// SPDX-License-Identifier: GPL-2.0
/*
 * The Ethernet layer: ether_ifattach(), ether_input() and the order of its
 * hooks, ether_ioctl(), the multicast list, and where pfil AF hooks see
 * Ethernet traffic.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include <iopkt/bpf.h>
#include <iopkt/if_ether.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

const u8 etherbroadcastaddr[ETHER_ADDR_LEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};
EXPORT_SYMBOL_NS_GPL(etherbroadcastaddr, IOPKT);

/**
 * ether_sprintf() - format an Ethernet address
 * @ap: 6 bytes
 *
 * Return: "xx:xx:xx:xx:xx:xx" in a static buffer (for log messages only;
 * not reentrant, as in NetBSD).
 */
char *ether_sprintf(const u8 *ap)
{
	static char buf[18];

	snprintf(buf, sizeof(buf), "%pM", ap);
	return buf;
}
EXPORT_SYMBOL_NS_GPL(ether_sprintf, IOPKT);

/**
 * ether_ifattach() - attach an Ethernet interface
 * @ifp: the ec_if of a struct ethercom, given to if_attach() before
 * @lla: its 6-byte address
 *
 * Sets the Ethernet parameters, if_input = ether_input, and publishes the
 * interface (its net_device appears).
 */
void ether_ifattach(struct ifnet *ifp, const u8 *lla)
{
	struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);
	struct iopkt_ifpriv *ip = ifp->if_priv;

	INIT_LIST_HEAD(&ec->ec_multiaddrs);
	ec->ec_multicnt = 0;
	if (!ip)
		return;
	ip->ether = true;
	ifp->if_type = IFT_ETHER;
	ifp->if_addrlen = ETHER_ADDR_LEN;
	ifp->if_hdrlen = ETHER_HDR_LEN;
	if (!ifp->if_mtu)
		ifp->if_mtu = ETHERMTU;
	if (!ifp->if_input)
		ifp->if_input = ether_input;
	ip->sadl.sdl_type = IFT_ETHER;
	ip->sadl.sdl_alen = ETHER_ADDR_LEN;
	memcpy(LLADDR(ifp->if_sadl), lla, ETHER_ADDR_LEN);
	eth_hw_addr_set(ip->dev, lla);
	if_alloc_sadl(ifp);
}
EXPORT_SYMBOL_NS_GPL(ether_ifattach, IOPKT);

/**
 * ether_ifdetach() - the Ethernet part of detaching
 * @ifp: the interface
 *
 * Drops the multicast list. Call if_detach() afterwards.
 */
void ether_ifdetach(struct ifnet *ifp)
{
	struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);

	iopkt_ether_free_multi(ec);
}
EXPORT_SYMBOL_NS_GPL(ether_ifdetach, IOPKT);

void iopkt_ether_free_multi(struct ethercom *ec)
{
	struct ether_multi *enm, *tmp;

	if (!ec->ec_multiaddrs.next)
		return;
	list_for_each_entry_safe(enm, tmp, &ec->ec_multiaddrs, enm_list) {
		list_del(&enm->enm_list);
		kfree(enm);
	}
	ec->ec_multicnt = 0;
}

static struct ether_multi *ether_lookup_multi(struct ethercom *ec,
					      const u8 *lo, const u8 *hi)
{
	struct ether_multi *enm;

	list_for_each_entry(enm, &ec->ec_multiaddrs, enm_list)
		if (ether_addr_equal(enm->enm_addrlo, lo) &&
		    ether_addr_equal(enm->enm_addrhi, hi))
			return enm;
	return NULL;
}

/**
 * ether_addmulti() - add a multicast range to the interface's list
 * @ec: the interface
 * @lo: low address
 * @hi: high address (same as @lo for one address)
 *
 * Return: ENETRESET if the list changed (the driver must reprogram its
 * filter), 0 if only a reference was added, EINVAL for a non-multicast
 * address, ENOMEM.
 */
int ether_addmulti(struct ethercom *ec, const u8 *lo, const u8 *hi)
{
	struct ether_multi *enm;

	if (!is_multicast_ether_addr(lo) || !is_multicast_ether_addr(hi))
		return EINVAL;
	enm = ether_lookup_multi(ec, lo, hi);
	if (enm) {
		enm->enm_refcount++;
		return 0;
	}
	enm = kzalloc(sizeof(*enm), GFP_KERNEL);
	if (!enm)
		return ENOMEM;
	ether_addr_copy(enm->enm_addrlo, lo);
	ether_addr_copy(enm->enm_addrhi, hi);
	enm->enm_refcount = 1;
	list_add_tail(&enm->enm_list, &ec->ec_multiaddrs);
	ec->ec_multicnt++;
	return ENETRESET;
}
EXPORT_SYMBOL_NS_GPL(ether_addmulti, IOPKT);

/**
 * ether_delmulti() - drop a reference on a multicast range
 * @ec: the interface
 * @lo: low address
 * @hi: high address
 *
 * Return: ENETRESET if the range left the list, 0 if references remain,
 * ENXIO if it was not on the list.
 */
int ether_delmulti(struct ethercom *ec, const u8 *lo, const u8 *hi)
{
	struct ether_multi *enm = ether_lookup_multi(ec, lo, hi);

	if (!enm)
		return ENXIO;
	if (--enm->enm_refcount)
		return 0;
	list_del(&enm->enm_list);
	kfree(enm);
	ec->ec_multicnt--;
	return ENETRESET;
}
EXPORT_SYMBOL_NS_GPL(ether_delmulti, IOPKT);

static int ether_multi_req(struct ifnet *ifp, unsigned long cmd,
			   const u8 *addr)
{
	struct iopkt_ifreq ifr = { };

	strscpy(ifr.ifr_name, ifp->if_xname, sizeof(ifr.ifr_name));
	ifr.ifr_ifru.ifru_space[0] = 18;		/* sa_len, sa_family AF_LINK... */
	ifr.ifr_ifru.ifru_space[1] = 0;
	memcpy(&ifr.ifr_ifru.ifru_space[2], addr, ETHER_ADDR_LEN);
	return iopkt_if_ioctl(ifp, cmd, (caddr_t)&ifr);
}

/*
 * Bring ec_multiaddrs in step with Linux's multicast list of the
 * net_device: SIOCDELMULTI for what went, SIOCADDMULTI for what came, so
 * the driver sees ENETRESET as on NetBSD. Stack context, rtnl held.
 */
void iopkt_ether_sync_multi(struct ifnet *ifp)
{
	struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);
	struct net_device *dev = ifp->if_priv->dev;
	struct ether_multi *enm, *tmp;
	struct netdev_hw_addr *ha;
	u8 (*want)[ETH_ALEN];
	int n = 0, i, cap;

	netif_addr_lock_bh(dev);
	cap = netdev_mc_count(dev);
	netif_addr_unlock_bh(dev);
	want = kcalloc(cap + 1, ETH_ALEN, GFP_KERNEL);
	if (!want)
		return;
	netif_addr_lock_bh(dev);
	netdev_for_each_mc_addr(ha, dev) {
		if (n > cap)
			break;
		ether_addr_copy(want[n++], ha->addr);
	}
	netif_addr_unlock_bh(dev);

	list_for_each_entry_safe(enm, tmp, &ec->ec_multiaddrs, enm_list) {
		bool keep = false;

		if (!ether_addr_equal(enm->enm_addrlo, enm->enm_addrhi))
			continue;	/* a range a module added */
		for (i = 0; i < n; i++)
			keep |= ether_addr_equal(want[i], enm->enm_addrlo);
		if (!keep)
			ether_multi_req(ifp, IOPKT_SIOCDELMULTI, enm->enm_addrlo);
	}
	for (i = 0; i < n; i++)
		if (!ether_lookup_multi(ec, want[i], want[i]))
			ether_multi_req(ifp, IOPKT_SIOCADDMULTI, want[i]);
	kfree(want);
}

static int ether_set_mtu(struct ifnet *ifp, int mtu)
{
	struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);
	int max = (ec->ec_capabilities & ETHERCAP_JUMBO_MTU) ?
		  ETHERMTU_JUMBO : ETHERMTU;

	if (mtu < 68 || mtu > max)
		return EINVAL;
	ifp->if_mtu = mtu;
	return ENETRESET;
}

/**
 * ether_ioctl() - the Ethernet layer's part of driver requests
 * @ifp: the interface
 * @cmd: SIOCSIFFLAGS, SIOCSIFMTU, SIOCADDMULTI, SIOCDELMULTI, SIOCSIFCAP,
 *	...
 * @data: the request
 *
 * SIOCSIFFLAGS starts a stopped interface that is up (if_init) and stops
 * a running one that went down (if_stop); SIOCSIFMTU checks the MTU
 * against ETHERCAP_JUMBO_MTU; the multicast requests maintain
 * ec_multiaddrs. Drivers call it for what they do not handle.
 *
 * Return: 0, ENETRESET (reprogram the hardware), or an errno (ENOTTY for
 * an unknown request).
 */
int ether_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);
	struct iopkt_ifreq *ifr = (struct iopkt_ifreq *)data;
	struct iopkt_ifcapreq *cr = (struct iopkt_ifcapreq *)data;

	switch (cmd) {
	case IOPKT_SIOCSIFFLAGS:
		switch (ifp->if_flags & (IOPKT_IFF_UP | IOPKT_IFF_RUNNING)) {
		case IOPKT_IFF_RUNNING:
			if (ifp->if_stop)
				ifp->if_stop(ifp, 1);
			ifp->if_flags &= ~IOPKT_IFF_RUNNING;
			return 0;
		case IOPKT_IFF_UP:
			return ifp->if_init ? ifp->if_init(ifp) : 0;
		case IOPKT_IFF_UP | IOPKT_IFF_RUNNING:
			/* flags such as promisc changed: reprogram */
			return ifp->if_init ? ifp->if_init(ifp) : 0;
		default:
			return 0;
		}
	case IOPKT_SIOCSIFMTU:
		return ether_set_mtu(ifp, ifr->ifr_mtu);
	case IOPKT_SIOCADDMULTI:
		return ether_addmulti(ec, &ifr->ifr_ifru.ifru_space[2], &ifr->ifr_ifru.ifru_space[2]);
	case IOPKT_SIOCDELMULTI:
		return ether_delmulti(ec, &ifr->ifr_ifru.ifru_space[2], &ifr->ifr_ifru.ifru_space[2]);
	case IOPKT_SIOCSIFCAP:
		if ((cr->ifcr_capenable_rx & ~ifp->if_capabilities_rx) ||
		    (cr->ifcr_capenable_tx & ~ifp->if_capabilities_tx))
			return EINVAL;
		if (cr->ifcr_capenable_rx == ifp->if_capenable_rx &&
		    cr->ifcr_capenable_tx == ifp->if_capenable_tx)
			return 0;
		ifp->if_capenable_rx = cr->ifcr_capenable_rx;
		ifp->if_capenable_tx = cr->ifcr_capenable_tx;
		return ENETRESET;
	default:
		return ENOTTY;
	}
}
EXPORT_SYMBOL_NS_GPL(ether_ioctl, IOPKT);

static u16 ether_type_of(struct mbuf *m)
{
	__be16 t;

	if (m->m_pkthdr.len < ETHER_HDR_LEN ||
	    m_copydata(m, 12, 2, &t))
		return 0;
	return ntohs(t);
}

/**
 * iopkt_nic_stats_from_ifnet() - nicinfo counters from the interface's own
 * @ifp: the interface
 * @st: zeroed, then filled with what struct ifnet counts (bytes, packets,
 *	multicast, errors); the driver adds what only it knows (broadcast,
 *	allocation failures, the Ethernet error counters)
 *
 * For a driver's SIOCGDRVCOM / IOPKT_DRVCOM_STATS.
 */
void iopkt_nic_stats_from_ifnet(struct ifnet *ifp, struct iopkt_nic_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->octets_txed_ok = ifp->if_obytes;
	st->octets_rxed_ok = ifp->if_ibytes;
	st->txed_ok = ifp->if_opackets;
	st->rxed_ok = ifp->if_ipackets;
	st->txed_multicast = ifp->if_omcasts;
	st->rxed_multicast = ifp->if_imcasts;
	st->internal_tx_errors = ifp->if_oerrors;
	st->internal_rx_errors = ifp->if_ierrors;
	st->total_collision_frames = ifp->if_collisions;
}
EXPORT_SYMBOL_NS_GPL(iopkt_nic_stats_from_ifnet, IOPKT);

/**
 * iopkt_af_pfil() - run the pfil AF hooks on a packet
 * @stk: the instance
 * @mp: the packet; NULL on return if it is gone
 * @ifp: the interface it came in on or goes out of
 * @dir: PFIL_IN or PFIL_OUT
 * @type: its ethertype (ETH_P_IP, ETH_P_IPV6; anything else: no hooks)
 * @hlen: bytes of link header in front of the IP header (hidden from the
 *	hooks, which see the packet from the IP header on, as off the wire)
 *
 * Return: nonzero if the packet is gone (a hook stopped it, or io-pkt-v4
 * met IPv6); *mp is then NULL.
 */
int iopkt_af_pfil(struct _iopkt_self *stk, struct mbuf **mp,
		  struct ifnet *ifp, int dir, u16 type, int hlen)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct pfil_head *ph;
	struct ether_header eh;
	struct mbuf *m = *mp;
	int rv;

	if (WARN_ON_ONCE(hlen > (int)sizeof(eh)))
		return 0;
	switch (type) {
	case ETH_P_IP:
		ph = &ns->pfil_inet;
		break;
	case ETH_P_IPV6:
		if (ns->variant == IOPKT_VARIANT_V4) {
			if (dir == PFIL_IN)
				ifp->if_noproto++;
			else
				ifp->if_oerrors++;
			m_freem(m);
			*mp = NULL;
			return EAFNOSUPPORT;
		}
		ph = &ns->pfil_inet6;
		break;
	default:
		return 0;
	}
	if (!iopkt_pfil_has_hooks(ph, dir))
		return 0;
	if (hlen) {
		m_copydata(m, 0, hlen, &eh);
		m_adj(m, hlen);
	}
	rv = pfil_run_hooks(ph, mp, ifp, dir);
	m = *mp;
	if (rv || !m) {
		if (m)
			m_freem(m);
		*mp = NULL;
		return rv ? rv : EACCES;
	}
	if (hlen) {
		M_PREPEND(m, hlen, M_DONTWAIT);
		if (!m) {
			*mp = NULL;
			ifp->if_oerrors++;
			return ENOBUFS;
		}
		m_copyback(m, 0, hlen, &eh);
	}
	*mp = m;
	return 0;
}

/*
 * Run the pfil hooks on an Ethernet frame: the interface's own (the whole
 * frame) and the AF hooks (from the IP header on), pfil.c. Returns nonzero
 * if the frame is gone; *mp is then NULL.
 */
int iopkt_ether_pfil(struct _iopkt_self *stk, struct mbuf **mp,
		     struct ifnet *ifp, int dir)
{
	return iopkt_pfil_packet(stk, mp, ifp, dir, ether_type_of(*mp),
				 ETHER_HDR_LEN);
}

/*
 * The hooks between the bpf taps and pfil, in DESIGN.md's order: bridge,
 * EtherType dispatch, then the ipflow mark. Returns NULL if a hook took
 * the frame. Only called when one of them has a user.
 */
static struct mbuf *ether_input_hooks(struct ifnet *ifp, struct mbuf *m)
{
	u16 type;

	if (rcu_access_pointer(ifp->if_bridge)) {
		m = iopkt_bridge_input(ifp, m);
		if (!m)
			return NULL;
	}
	type = ether_type_of(m);
	if (rcu_access_pointer(iopkt_ether_types) &&
	    iopkt_ether_dispatch(ifp, m, type))
		return NULL;
	if (rcu_access_pointer(iopkt_ipflow_ops))
		iopkt_ipflow_mark(ifp, m, type);
	return m;
}

/* receive checksums the driver verified and the interface has on */
static int ether_rx_csum_ok(struct ifnet *ifp)
{
	u32 en = ifp->if_capenable_rx;
	int ok = 0;

	if (en & IOPKT_IFCAP_CSUM_IPv4)
		ok |= M_CSUM_IPv4;
	if (en & IOPKT_IFCAP_CSUM_TCPv4)
		ok |= M_CSUM_TCPv4;
	if (en & IOPKT_IFCAP_CSUM_UDPv4)
		ok |= M_CSUM_UDPv4;
	if (en & IOPKT_IFCAP_CSUM_TCPv6)
		ok |= M_CSUM_TCPv6;
	if (en & IOPKT_IFCAP_CSUM_UDPv6)
		ok |= M_CSUM_UDPv6;
	return ok;
}

/*
 * A frame whose checksum the driver found bad is dropped and counted
 * (if_ierrors: ip -s link "errors", netstat -I "Ierrs"), never handed on
 * as good. Verified state counts only for a checksum the interface has
 * on (ifconfig -tcp4csum, ethtool -K rx off: Linux checks); a transmit
 * request looped back by a driver (shim's veth peer) goes up as is.
 */
static bool ether_input_csum(struct ifnet *ifp, struct mbuf *m)
{
	int flags = m->m_pkthdr.csum_flags;

	if (m_csum_tx_request(m))
		return false;
	if (flags & M_CSUM_BAD) {
		m_freem(m);
		ifp->if_ierrors++;
		return true;
	}
	m->m_pkthdr.csum_flags = flags & (ether_rx_csum_ok(ifp) | M_CSUM_TSO);
	return false;
}

/**
 * ether_input() - a driver received an Ethernet frame (ifp->if_input)
 * @ifp: the interface
 * @m: the frame, Ethernet header first, m_pkthdr.len set; consumed
 *
 * Dropped if the interface is down (IFF_UP clear), as the guide says,
 * and, after the bpf taps, if the driver flagged a bad checksum
 * (M_CSUM_IPv4_BAD, M_CSUM_TCP_UDP_BAD: counted in if_ierrors).
 * Otherwise counted (if_ibytes, if_imcasts), shown to the bpf taps, the
 * bridge, the EtherType handlers, pfil IN hooks and the ipflow hook in
 * that order (Documentation/hooks.md), and what none of them took is
 * handed to Linux's stack as an sk_buff, verified checksums as
 * CHECKSUM_UNNECESSARY. Drivers count if_ipackets themselves, as on
 * NetBSD. Worker or stack context.
 */
void ether_input(struct ifnet *ifp, struct mbuf *m)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct sk_buff *skb;
	void *bpf;
	u8 dst0;

	if (!ip || !ip->registered || !(ifp->if_flags & IOPKT_IFF_UP)) {
		m_freem(m);
		ifp->if_iqdrops++;
		return;
	}
	if (!(m->m_flags & M_PKTHDR) || m->m_pkthdr.len < ETHER_HDR_LEN) {
		m_freem(m);
		ifp->if_ierrors++;
		return;
	}
	m->m_pkthdr.rcvif = ifp;
	ifp->if_ibytes += m->m_pkthdr.len;
	m_copydata(m, 0, 1, &dst0);
	if (dst0 & 1) {
		ifp->if_imcasts++;
		m->m_flags |= M_MCAST;
	}
	m->m_flags &= ~M_CANFASTFWD;	/* only ether_input_hooks() sets it */
	bpf = READ_ONCE(ifp->if_bpf);
	if (unlikely(bpf))
		iopkt_bpf_tap(bpf, NULL, 0, m, IOPKT_BPF_IN);
	if (unlikely(m->m_pkthdr.csum_flags) && ether_input_csum(ifp, m))
		return;
	if (unlikely(rcu_access_pointer(ifp->if_bridge) ||
		     rcu_access_pointer(iopkt_ether_types) ||
		     rcu_access_pointer(iopkt_ipflow_ops))) {
		m = ether_input_hooks(ifp, m);
		if (!m)
			return;
	}
	if (iopkt_ether_pfil(ip->stk, &m, ifp, PFIL_IN))
		return;
	if (unlikely(m->m_flags & M_CANFASTFWD) && iopkt_ipflow_input(ifp, m))
		return;
	skb = iopkt_m_to_skb(m, M_DONTWAIT);
	if (!skb) {
		ifp->if_iqdrops++;
		return;
	}
	skb->protocol = eth_type_trans(skb, ip->dev);
	iopkt_rx_skb(skb);	/* GRO, in lists (if_rx.c) */
}
EXPORT_SYMBOL_NS_GPL(ether_input, IOPKT);
