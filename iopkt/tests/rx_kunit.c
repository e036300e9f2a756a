// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_rx: how received frames go up into Linux (if_rx.c).
 * Frames a driver's process function hands to if_input in a worker are
 * given to GRO: consecutive segments of one TCP flow reach Linux's
 * protocols as one packet. Frames received outside a process function
 * go up one by one.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include <iopkt/interrupt.h>

#include "net/net_impl.h"
#include "tests/khk_drv.h"
#include "tests/kunit_wait.h"

#define RX_SADDR	0xc0000263	/* 192.0.2.99: marks our frames */
#define RX_SEGS		4
#define RX_PAYLOAD	200

static atomic_t rx_skbs, rx_bytes;

/* Linux's receive path, after GRO: count our packets and their bytes */
static int rx_tap(struct sk_buff *skb, struct net_device *dev,
		  struct packet_type *pt, struct net_device *orig)
{
	const struct iphdr *iph = (const void *)skb_network_header(skb);

	if (skb->pkt_type != PACKET_OUTGOING &&
	    skb->protocol == htons(ETH_P_IP) &&
	    skb_headlen(skb) >= sizeof(*iph) + skb_network_offset(skb) &&
	    iph->saddr == htonl(RX_SADDR)) {
		atomic_inc(&rx_skbs);
		atomic_add(skb->len, &rx_bytes);
	}
	kfree_skb(skb);
	return 0;
}

/* segment @i of a TCP flow to @ifp, its checksums verified by "the NIC" */
static struct mbuf *rx_segment(struct ifnet *ifp, int i)
{
	int len = ETH_HLEN + 20 + 20 + RX_PAYLOAD;
	struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);
	u8 *p = mtod(m, u8 *);
	struct iphdr *iph = (void *)(p + ETH_HLEN);
	struct tcphdr *th = (void *)(p + ETH_HLEN + 20);
	int k;

	memset(p, 0, len);
	memcpy(p, iopkt_if_netdev(ifp)->dev_addr, ETH_ALEN);
	p[6] = 0x02;
	p[12] = 0x08;
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(len - ETH_HLEN);
	iph->id = htons(100 + i);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->saddr = htonl(RX_SADDR);
	iph->daddr = htonl(0xc0000264);
	ip_send_check(iph);
	th->source = htons(40000);
	th->dest = htons(9);
	th->seq = htonl(1000 + i * RX_PAYLOAD);
	th->ack_seq = htonl(1);
	th->doff = 5;
	th->ack = 1;
	th->window = htons(1000);
	for (k = 0; k < RX_PAYLOAD; k++)
		p[ETH_HLEN + 40 + k] = k + i;
	th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, 20 + RX_PAYLOAD,
				      IPPROTO_TCP,
				      csum_partial(th, 20 + RX_PAYLOAD, 0));
	m->m_len = m->m_pkthdr.len = len;
	m->m_pkthdr.csum_flags = M_CSUM_IPv4 | M_CSUM_TCPv4;
	return m;
}

static struct ifnet *rx_ifp;
static DECLARE_COMPLETION(rx_done);

/* a driver's process function: a burst of one flow's segments */
static int rx_process(void *arg, struct nw_work_thread *wtp)
{
	int i;

	for (i = 0; i < RX_SEGS; i++)
		rx_ifp->if_input(rx_ifp, rx_segment(rx_ifp, i));
	complete(&rx_done);
	return 1;
}

static int rx_suite_init(struct kunit_suite *suite)
{
	return khk_register();
}

static void rx_suite_exit(struct kunit_suite *suite)
{
	khk_unregister();
}

static void rx_count_reset(void)
{
	atomic_set(&rx_skbs, 0);
	atomic_set(&rx_bytes, 0);
}

/* in a process function: GRO merges the flow's segments */
static void rx_gro_in_process(struct kunit *test)
{
	struct packet_type pt = { .type = htons(ETH_P_ALL), .func = rx_tap };
	struct _iopkt_inter ient = { .func = rx_process };
	int total = RX_SEGS * RX_PAYLOAD + 40;

	rx_ifp = khk_create();
	KUNIT_ASSERT_NOT_NULL(test, rx_ifp);
	pt.dev = iopkt_if_netdev(rx_ifp);
	rx_count_reset();
	dev_add_pack(&pt);

	/* outside a process function: one by one */
	rx_process(NULL, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&rx_skbs), RX_SEGS);
	KUNIT_EXPECT_EQ(test, atomic_read(&rx_bytes), RX_SEGS * (40 + RX_PAYLOAD));

	/* in a worker: the same segments go up as one packet */
	rx_count_reset();
	reinit_completion(&rx_done);
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(iopkt_selfp, &ient, 0, 0), 0);
	interrupt_queue(iopkt_selfp, &ient);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&rx_done, KUNIT_GUARD), 0UL);
	/* the round ends when rx_process returns: wait for what it flushes */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&rx_bytes) == total));
	KUNIT_EXPECT_EQ(test, atomic_read(&rx_skbs), 1);
	interrupt_entry_remove(&ient, NULL);

	dev_remove_pack(&pt);
	KUNIT_EXPECT_EQ(test, khk_destroy(rx_ifp), 0);
}

static struct kunit_case rx_cases[] = {
	KUNIT_CASE(rx_gro_in_process),
	{}
};

static struct kunit_suite rx_suite = {
	.name = "iopkt_rx",
	.suite_init = rx_suite_init,
	.suite_exit = rx_suite_exit,
	.test_cases = rx_cases,
};

kunit_test_suites(&rx_suite);
