// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_csum_if: offloads of an interface (if_csum.c) on the
 * khk test driver, which declares every checksum and TSO capability: a
 * frame the driver flags with a bad checksum is dropped and counted, a
 * verified one reaches Linux as CHECKSUM_UNNECESSARY; SIOCSIFCAP and
 * ethtool -K (ndo_set_features) keep if_capenable and the net_device's
 * features in agreement; a request the driver has off is done before the
 * driver sees the frame.
 */
#include <kunit/test.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "net/net_impl.h"
#include "tests/khk_drv.h"

#define MARK_ID		0x4242
#define PSEUDO		0x1234
#define L4		(ETH_HLEN + 20)
#define FRAME_LEN	(L4 + 8 + 64)

static atomic_t seen_good, seen_other;

/* Linux's receive path: count our frames by their checksum state */
static int tap_rcv(struct sk_buff *skb, struct net_device *dev,
		   struct packet_type *pt, struct net_device *orig)
{
	const struct iphdr *iph = (const void *)skb_network_header(skb);

	if (skb->pkt_type != PACKET_OUTGOING &&
	    skb->protocol == htons(ETH_P_IP) &&
	    skb_headlen(skb) >= sizeof(*iph) + skb_network_offset(skb) &&
	    iph->id == htons(MARK_ID))
		atomic_inc(skb->ip_summed == CHECKSUM_UNNECESSARY ?
			   &seen_good : &seen_other);
	kfree_skb(skb);
	return 0;
}

/* a UDP over IPv4 frame with the pseudo-header sum in its checksum */
static struct mbuf *udp_frame(int csum_flags, u32 csum_data)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);
	u8 *p = mtod(m, u8 *);
	struct iphdr *iph = (void *)(p + ETH_HLEN);
	int i;

	memset(p, 0, FRAME_LEN);
	memset(p, 0xff, ETH_ALEN);
	p[6] = 0x02;
	p[12] = 0x08;
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(FRAME_LEN - ETH_HLEN);
	iph->id = htons(MARK_ID);
	iph->ttl = 1;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = htonl(0xc0000201);
	iph->daddr = htonl(0xc0000202);
	ip_send_check(iph);
	*(__be16 *)(p + L4 + 4) = htons(8 + 64);
	*(__be16 *)(p + L4 + 6) = htons(PSEUDO);
	for (i = 0; i < 64; i++)
		p[L4 + 8 + i] = i * 3;
	m->m_len = m->m_pkthdr.len = FRAME_LEN;
	m->m_pkthdr.csum_flags = csum_flags;
	m->m_pkthdr.csum_data = csum_data;
	return m;
}

static int csum_if_suite_init(struct kunit_suite *suite)
{
	return khk_register();
}

static void csum_if_suite_exit(struct kunit_suite *suite)
{
	khk_unregister();
}

/* bad: dropped and counted; verified: CHECKSUM_UNNECESSARY in Linux */
static void csum_if_rx_bad(struct kunit *test)
{
	struct ifnet *ifp = khk_create();
	struct packet_type pt = { .type = htons(ETH_P_ALL), .func = tap_rcv };
	u64 ierr;

	KUNIT_ASSERT_NOT_NULL(test, ifp);
	pt.dev = iopkt_if_netdev(ifp);
	atomic_set(&seen_good, 0);
	atomic_set(&seen_other, 0);
	dev_add_pack(&pt);

	ierr = ifp->if_ierrors;
	ifp->if_input(ifp, udp_frame(M_CSUM_UDPv4 | M_CSUM_TCP_UDP_BAD, 0));
	ifp->if_input(ifp, udp_frame(M_CSUM_IPv4 | M_CSUM_IPv4_BAD, 0));
	KUNIT_EXPECT_EQ(test, ifp->if_ierrors, ierr + 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen_good), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen_other), 0);

	ifp->if_input(ifp, udp_frame(M_CSUM_UDPv4, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&seen_good), 1);
	KUNIT_EXPECT_EQ(test, ifp->if_ierrors, ierr + 2);

	/* receive checksums off: Linux checks, whatever the driver says */
	ifp->if_capenable_rx = 0;
	ifp->if_input(ifp, udp_frame(M_CSUM_UDPv4, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&seen_good), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen_other), 1);

	dev_remove_pack(&pt);
	KUNIT_EXPECT_EQ(test, khk_destroy(ifp), 0);
}

#define F_OFFLOAD	(NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM | NETIF_F_TSO | \
			 NETIF_F_TSO6 | NETIF_F_RXCSUM)

/* SIOCSIFCAP and ethtool -K agree both ways */
static void csum_if_features(struct kunit *test)
{
	struct ifnet *ifp = khk_create();
	struct iopkt_ifcapreq cr = { };
	struct net_device *dev;

	KUNIT_ASSERT_NOT_NULL(test, ifp);
	dev = iopkt_if_netdev(ifp);
	KUNIT_EXPECT_EQ(test, dev->hw_features & F_OFFLOAD, F_OFFLOAD);
	KUNIT_EXPECT_EQ(test, dev->features & F_OFFLOAD, F_OFFLOAD);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_SG);

	/* ifconfig khkN -udp4csum -tso4 -tcp6csum-rx ... */
	cr.ifcr_capenable_rx = ifp->if_capenable_rx;
	cr.ifcr_capenable_tx = ifp->if_capenable_tx &
			       ~(IOPKT_IFCAP_CSUM_UDPv4 | IOPKT_IFCAP_TSOv4);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, iopkt_if_set_caps(ifp, &cr), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, ifp->if_capenable_tx, cr.ifcr_capenable_tx);
	KUNIT_EXPECT_FALSE(test, dev->features & NETIF_F_IP_CSUM);
	KUNIT_EXPECT_FALSE(test, dev->features & NETIF_F_TSO);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_IPV6_CSUM);
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_TSO6);

	/* a capability the driver lacks: refused, nothing changes */
	cr.ifcr_capenable_tx |= 0x8000;
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, iopkt_if_set_caps(ifp, &cr), EINVAL);
	rtnl_unlock();
	KUNIT_EXPECT_FALSE(test, ifp->if_capenable_tx & 0x8000);

	/* ethtool -K khkN tx-checksum-ipv4 on tso on rx off */
	rtnl_lock();
	dev->wanted_features |= NETIF_F_IP_CSUM | NETIF_F_TSO;
	dev->wanted_features &= ~NETIF_F_RXCSUM;
	netdev_update_features(dev);
	rtnl_unlock();
	KUNIT_EXPECT_TRUE(test, dev->features & NETIF_F_TSO);
	KUNIT_EXPECT_FALSE(test, dev->features & NETIF_F_RXCSUM);
	KUNIT_EXPECT_EQ(test, ifp->if_capenable_tx, ifp->if_capabilities_tx);
	KUNIT_EXPECT_EQ(test, ifp->if_capenable_rx & ~IOPKT_IFCAP_CSUM_IPv4,
			0);

	KUNIT_EXPECT_EQ(test, khk_destroy(ifp), 0);
}

/* a request the driver has off is done first; one it has on is its own */
static void csum_if_tx_fallback(struct kunit *test)
{
	u32 data = M_CSUM_DATA_MAKE(20, offsetof(struct udphdr, check));
	struct ifnet *ifp = khk_create();
	struct khk_softc *sc;
	int sent;

	KUNIT_ASSERT_NOT_NULL(test, ifp);
	sc = khk_sc(ifp);
	sent = khk_sent(ifp);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, udp_frame(M_CSUM_UDPv4,
							      data)), 0);
	KUNIT_EXPECT_EQ(test, khk_sent(ifp), sent + 1);
	KUNIT_EXPECT_EQ(test, sc->last_csum, M_CSUM_UDPv4);

	ifp->if_capenable_tx &= ~IOPKT_IFCAP_CSUM_UDPv4;
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, udp_frame(M_CSUM_UDPv4,
							      data)), 0);
	KUNIT_EXPECT_EQ(test, khk_sent(ifp), sent + 2);
	KUNIT_EXPECT_EQ(test, sc->last_csum, 0);
	KUNIT_EXPECT_EQ(test, (__force u16)csum_fold(csum_partial(sc->last + L4,
							  8 + 64, 0)),
			(__force u16)htons(PSEUDO));

	/* receive state on a forwarded frame is not a request */
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, udp_frame(M_CSUM_UDPv4,
							      0)), 0);
	KUNIT_EXPECT_EQ(test, sc->last_csum, 0);

	KUNIT_EXPECT_EQ(test, khk_destroy(ifp), 0);
}

static struct kunit_case csum_if_cases[] = {
	KUNIT_CASE(csum_if_rx_bad),
	KUNIT_CASE(csum_if_features),
	KUNIT_CASE(csum_if_tx_fallback),
	{}
};

static struct kunit_suite csum_if_suite = {
	.name = "iopkt_csum_if",
	.suite_init = csum_if_suite_init,
	.suite_exit = csum_if_suite_exit,
	.test_cases = csum_if_cases,
};

kunit_test_suite(csum_if_suite);
