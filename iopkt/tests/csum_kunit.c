// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_csum: checksum and TSO state crosses the mbuf/sk_buff
 * boundary both ways (mbuf_csum.c), for TCP and UDP over IPv4 and IPv6,
 * transmit requests (CHECKSUM_PARTIAL) and verified receive state
 * (CHECKSUM_UNNECESSARY).
 */
#include <kunit/test.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>

#include <iopkt/mbuf.h>

#include "tests/mbuf_kunit.h"

struct csum_case {
	bool v6, udp;
	int flag;	/* M_CSUM_* of a checksum */
	int tso;	/* M_CSUM_TSO* (TCP) */
};

static const struct csum_case cases[] = {
	{ false, false, M_CSUM_TCPv4, M_CSUM_TSOv4 },
	{ false, true, M_CSUM_UDPv4, 0 },
	{ true, false, M_CSUM_TCPv6, M_CSUM_TSOv6 },
	{ true, true, M_CSUM_UDPv6, 0 },
};

#define PSEUDO	0x1234	/* what the stack leaves in the checksum field */

static int iphl(const struct csum_case *c)
{
	return c->v6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr);
}

static int field(const struct csum_case *c)
{
	return c->udp ? offsetof(struct udphdr, check) :
			offsetof(struct tcphdr, check);
}

/* Ethernet + IP + TCP/UDP header + @payload bytes, into @p */
static int build(const struct csum_case *c, u8 *p, int payload)
{
	int l4 = ETH_HLEN + iphl(c);
	int l4len = (c->udp ? 8 : 20) + payload, i;

	memset(p, 0, l4 + l4len);
	p[12] = c->v6 ? 0x86 : 0x08;
	p[13] = c->v6 ? 0xdd : 0x00;
	if (c->v6) {
		struct ipv6hdr *h = (void *)(p + ETH_HLEN);

		h->version = 6;
		h->payload_len = htons(l4len);
		h->nexthdr = c->udp ? IPPROTO_UDP : IPPROTO_TCP;
		h->hop_limit = 64;
	} else {
		struct iphdr *h = (void *)(p + ETH_HLEN);

		h->version = 4;
		h->ihl = 5;
		h->tot_len = htons(20 + l4len);
		h->ttl = 64;
		h->protocol = c->udp ? IPPROTO_UDP : IPPROTO_TCP;
		h->saddr = htonl(0x0a000001);
		h->daddr = htonl(0x0a000002);
	}
	if (!c->udp)
		p[l4 + 12] = 5 << 4;	/* doff */
	else
		*(__be16 *)(p + l4 + 4) = htons(l4len);
	*(__be16 *)(p + l4 + field(c)) = htons(PSEUDO);
	for (i = 0; i < payload; i++)
		p[l4 + l4len - payload + i] = i * 7;
	return l4 + l4len;
}

static struct mbuf *frame_m(struct kunit *test, const struct csum_case *c,
			    int payload)
{
	struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->m_len = m->m_pkthdr.len = build(c, mtod(m, u8 *), payload);
	return m;
}

static struct sk_buff *frame_skb(struct kunit *test, const struct csum_case *c,
				 int payload)
{
	struct sk_buff *skb = alloc_skb(256 + payload, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	skb_put(skb, build(c, skb->data, payload));
	skb->protocol = htons(c->v6 ? ETH_P_IPV6 : ETH_P_IP);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	return skb;
}

/* a transmit request: mbuf -> CHECKSUM_PARTIAL skb -> the same mbuf state */
static void csum_partial_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csum_case *c = &cases[i];
		u32 data = M_CSUM_DATA_MAKE(iphl(c), field(c));
		struct sk_buff *skb;
		struct mbuf *m = frame_m(test, c, 100);

		m->m_pkthdr.csum_flags = c->flag;
		m->m_pkthdr.csum_data = data;
		skb = iopkt_m_to_skb(m, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_PARTIAL);
		KUNIT_EXPECT_EQ(test, skb_checksum_start_offset(skb),
				ETH_HLEN + iphl(c));
		KUNIT_EXPECT_EQ(test, skb->csum_offset, field(c));
		KUNIT_EXPECT_FALSE(test, skb_is_gso(skb));
		skb->protocol = htons(c->v6 ? ETH_P_IPV6 : ETH_P_IP);
		m = iopkt_skb_to_m(skb, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, c->flag);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_data, data);
		KUNIT_EXPECT_TRUE(test, m_csum_tx_request(m));
		m_freem(m);
	}
}

/* verified receive state: mbuf -> CHECKSUM_UNNECESSARY -> the same state */
static void csum_complete_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csum_case *c = &cases[i];
		struct sk_buff *skb;
		struct mbuf *m = frame_m(test, c, 100);

		m->m_pkthdr.csum_flags = c->flag;
		skb = iopkt_m_to_skb(m, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_UNNECESSARY);
		skb->protocol = htons(c->v6 ? ETH_P_IPV6 : ETH_P_IP);
		m = iopkt_skb_to_m(skb, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, c->flag);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_data, 0);
		KUNIT_EXPECT_FALSE(test, m_csum_tx_request(m));
		m_freem(m);

		/* a bad checksum is never passed on as verified */
		m = frame_m(test, c, 100);
		m->m_pkthdr.csum_flags = c->flag | M_CSUM_TCP_UDP_BAD;
		skb = iopkt_m_to_skb(m, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_NONE);
		kfree_skb(skb);
	}
}

/* TSO: requests and aggregates keep segsz and the gso type both ways */
static void csum_tso_round_trip(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csum_case *c = &cases[i];
		u32 data = M_CSUM_DATA_MAKE(iphl(c), field(c));
		int type = c->v6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4;
		struct sk_buff *skb;
		struct mbuf *m;

		if (!c->tso)
			continue;
		/* a request (TSO alone, as NetBSD's tcp_output() sets it) */
		m = frame_m(test, c, 1500);
		m->m_pkthdr.csum_flags = c->tso;
		m->m_pkthdr.csum_data = data;
		m->m_pkthdr.segsz = 500;
		skb = iopkt_m_to_skb(m, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_PARTIAL);
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_size, 500);
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_type, type);
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_segs, 3);
		skb->protocol = htons(c->v6 ? ETH_P_IPV6 : ETH_P_IP);
		m = iopkt_skb_to_m(skb, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, c->tso);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_data, data);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.segsz, 500);
		m_freem(m);

		/* a verified aggregate (GRO) */
		m = frame_m(test, c, 1500);
		m->m_pkthdr.csum_flags = c->tso | c->flag;
		m->m_pkthdr.segsz = 750;
		skb = iopkt_m_to_skb(m, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_UNNECESSARY);
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_size, 750);
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb)->gso_segs, 2);
		skb->protocol = htons(c->v6 ? ETH_P_IPV6 : ETH_P_IP);
		m = iopkt_skb_to_m(skb, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, c->tso | c->flag);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.segsz, 750);
		m_freem(m);
	}
}

/* what Linux hands a device: skb state -> mbuf flags */
static void csum_from_linux(struct kunit *test)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csum_case *c = &cases[i];
		struct sk_buff *skb = frame_skb(test, c, 100);
		struct mbuf *m;

		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_headroom(skb) + ETH_HLEN + iphl(c);
		skb->csum_offset = field(c);
		m = iopkt_skb_to_m(skb, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, c->flag);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_data,
				M_CSUM_DATA_MAKE(iphl(c), field(c)));
		m_freem(m);

		skb = frame_skb(test, c, 100);
		skb->ip_summed = CHECKSUM_NONE;
		m = iopkt_skb_to_m(skb, M_WAITOK);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, 0);
		m_freem(m);
	}
}

/*
 * A CHECKSUM_PARTIAL the flags cannot describe (here the UDP checksum
 * field at TCP's offset) is computed on the way in: the field then makes
 * the segment sum to the pseudo-header sum the stack left there.
 */
static void csum_from_linux_sw(struct kunit *test)
{
	const struct csum_case *c = &cases[1];	/* UDP over IPv4 */
	struct sk_buff *skb = frame_skb(test, c, 100);
	int l4 = ETH_HLEN + iphl(c), len = skb->len - l4;
	struct mbuf *m;
	u8 *p;

	*(__be16 *)(skb->data + l4 + 16) = htons(PSEUDO);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_headroom(skb) + l4;
	skb->csum_offset = 16;
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.csum_flags, 0);
	p = kunit_kzalloc(test, m->m_pkthdr.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, m_copydata(m, 0, m->m_pkthdr.len, p), 0);
	KUNIT_EXPECT_EQ(test, (__force u16)csum_fold(csum_partial(p + l4, len, 0)),
			(__force u16)htons(PSEUDO));
	m_freem(m);
}

static struct kunit_case csum_cases[] = {
	KUNIT_CASE(csum_partial_round_trip),
	KUNIT_CASE(csum_complete_round_trip),
	KUNIT_CASE(csum_tso_round_trip),
	KUNIT_CASE(csum_from_linux),
	KUNIT_CASE(csum_from_linux_sw),
	{}
};

static struct kunit_suite iopkt_csum_suite = {
	.name = "iopkt_csum",
	.init = mbuf_kunit_init,
	.exit = mbuf_kunit_exit,
	.test_cases = csum_cases,
};

kunit_test_suites(&iopkt_csum_suite);
