// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: pfil hooks on an interface's own head (they see that interface's
 * frames only, in and out, whole) and pfil OUT hooks on if_transmit_mbuf()
 * (if_transmit_mbuf_nopfil() skips them).
 *
 * Linux may send frames of its own on the test interfaces (IPv6 neighbour
 * discovery): the hooks count only the test's EtherType, or IPv4.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "net/net_impl.h"
#include "tests/khk_drv.h"
#include "tests/kunit_wait.h"

#define KHK_TYPE	0x88b5

struct seen {
	atomic_t in, out;
	struct ifnet *ifp;	/* the last interface seen */
	int len;		/* the last length seen */
	u8 first;		/* its first byte */
	int drop;		/* return this */
};

static int order[8];
static atomic_t norder;

static int hook_count(void *arg, struct mbuf **mp, struct ifnet *ifp,
		      int dir)
{
	struct seen *s = arg;
	u8 hdr[14];

	if (m_copydata(*mp, 0, sizeof(hdr), hdr) ||
	    ((hdr[12] << 8) | hdr[13]) != KHK_TYPE)
		return 0;
	atomic_inc(dir == PFIL_IN ? &s->in : &s->out);
	WRITE_ONCE(s->ifp, ifp);
	WRITE_ONCE(s->len, (*mp)->m_pkthdr.len);
	return s->drop;
}

/* AF_INET OUT: IPv4 packets only, from the IP header */
static int hook_af(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	struct seen *s = arg;

	atomic_inc(&s->out);
	m_copydata(*mp, 0, 1, &s->first);
	s->len = (*mp)->m_pkthdr.len;
	order[atomic_inc_return(&norder) - 1] = 1;
	return 0;
}

/* the interface's OUT hook for IPv4 frames: after the AF hooks */
static int hook_if_ip(void *arg, struct mbuf **mp, struct ifnet *ifp,
		      int dir)
{
	struct seen *s = arg;
	u8 hdr[15];

	if (m_copydata(*mp, 0, sizeof(hdr), hdr) || hdr[12] != 0x08 ||
	    hdr[13] != 0)
		return 0;
	atomic_inc(&s->out);
	s->first = hdr[14];
	s->len = (*mp)->m_pkthdr.len;
	order[atomic_inc_return(&norder) - 1] = 2;
	return 0;
}

static int pfil_if_suite_init(struct kunit_suite *suite)
{
	return khk_register();
}

static void pfil_if_suite_exit(struct kunit_suite *suite)
{
	khk_unregister();
}

/* Linux's output: an skb sent on the interface's net_device */
static void linux_send(struct ifnet *ifp, int len)
{
	struct net_device *dev = iopkt_if_netdev(ifp);
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	u8 *p;

	if (!skb)
		return;
	p = skb_put_zero(skb, len);
	eth_broadcast_addr(p);
	memcpy(p + ETH_ALEN, dev->dev_addr, ETH_ALEN);
	p[12] = KHK_TYPE >> 8;
	p[13] = KHK_TYPE & 0xff;
	skb->dev = dev;
	skb->protocol = htons(KHK_TYPE);
	skb_reset_mac_header(skb);
	dev_queue_xmit(skb);
}

static void pfil_if_head(struct kunit *test)
{
	struct ifnet *a = khk_create(), *b = khk_create();
	struct pfil_head *ph;
	struct seen s = {};
	int sent;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	ph = iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_IFNET,
				 (unsigned long)a);
	KUNIT_ASSERT_PTR_EQ(test, ph, &a->if_pfil);
	KUNIT_ASSERT_EQ(test, pfil_add_hook(hook_count, &s, PFIL_ALL, ph), 0);

	/* out through if_transmit_mbuf(): a's hook, not b's frames */
	sent = khk_sent(a);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(a, khk_frame(KHK_TYPE, 60)), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.out), 1);
	KUNIT_EXPECT_PTR_EQ(test, READ_ONCE(s.ifp), a);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s.len), 60);	/* the whole frame */
	KUNIT_EXPECT_EQ(test, khk_sent(a), sent + 1);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(b, khk_frame(KHK_TYPE, 60)), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.out), 1);

	/* out through Linux's stack */
	linux_send(a, 70);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&s.out) == 2));
	KUNIT_EXPECT_EQ(test, READ_ONCE(s.len), 70);
	linux_send(b, 70);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(khk_sent(b) >= 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&s.out), 2);

	/* in: frames received on a only */
	a->if_input(a, khk_frame(KHK_TYPE, 64));
	b->if_input(b, khk_frame(KHK_TYPE, 64));
	KUNIT_EXPECT_EQ(test, atomic_read(&s.in), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s.len), 64);

	/* a hook that drops: the frame is not sent, its errno comes back */
	s.drop = EHOSTUNREACH;
	sent = khk_sent(a);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(a, khk_frame(KHK_TYPE, 60)),
			EHOSTUNREACH);
	KUNIT_EXPECT_EQ(test, khk_sent(a), sent);
	a->if_input(a, khk_frame(KHK_TYPE, 64));
	KUNIT_EXPECT_EQ(test, atomic_read(&s.in), 2);
	s.drop = 0;

	/* removed: not called any more */
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_count, &s, PFIL_ALL, ph),
			0);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(a, khk_frame(KHK_TYPE, 60)), 0);
	a->if_input(a, khk_frame(KHK_TYPE, 64));
	KUNIT_EXPECT_EQ(test, atomic_read(&s.out), 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.in), 2);

	KUNIT_EXPECT_EQ(test, khk_destroy(b), 0);
	KUNIT_EXPECT_EQ(test, khk_destroy(a), 0);
}

/* an IPv4 frame: Ethernet header, then 20 bytes of IP header */
static struct mbuf *ip_frame(void)
{
	struct mbuf *m = khk_frame(0x0800, 60);

	mtod(m, u8 *)[14] = 0x45;
	return m;
}

static void pfil_if_transmit_out(struct kunit *test)
{
	struct pfil_head *af = iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_AF,
						   AF_INET);
	struct ifnet *a = khk_create();
	struct pfil_head *ph;
	struct seen s = {}, t = {};
	int sent;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, af);
	ph = &a->if_pfil;
	KUNIT_ASSERT_EQ(test, pfil_add_hook(hook_af, &s, PFIL_OUT, af), 0);
	KUNIT_ASSERT_EQ(test, pfil_add_hook(hook_if_ip, &t, PFIL_OUT, ph), 0);

	atomic_set(&norder, 0);
	sent = khk_sent(a);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(a, ip_frame()), 0);
	KUNIT_EXPECT_EQ(test, khk_sent(a), sent + 1);
	/* the AF hook saw the IP packet, the interface hook the frame */
	KUNIT_EXPECT_EQ(test, atomic_read(&s.out), 1);
	KUNIT_EXPECT_EQ(test, s.first, 0x45);
	KUNIT_EXPECT_EQ(test, s.len, 60 - 14);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.out), 1);
	KUNIT_EXPECT_EQ(test, t.first, 0x45);
	KUNIT_EXPECT_EQ(test, t.len, 60);
	/* out: AF hooks first, then the interface's */
	KUNIT_EXPECT_EQ(test, atomic_read(&norder), 2);
	KUNIT_EXPECT_EQ(test, order[0], 1);
	KUNIT_EXPECT_EQ(test, order[1], 2);

	/* a module that ran the hooks itself */
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf_nopfil(a, ip_frame()), 0);
	KUNIT_EXPECT_EQ(test, khk_sent(a), sent + 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&s.out), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.out), 1);

	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_af, &s, PFIL_OUT, af), 0);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_if_ip, &t, PFIL_OUT, ph),
			0);
	KUNIT_EXPECT_EQ(test, khk_destroy(a), 0);
}

static struct kunit_case pfil_if_cases[] = {
	KUNIT_CASE(pfil_if_head),
	KUNIT_CASE(pfil_if_transmit_out),
	{}
};

static struct kunit_suite pfil_if_suite = {
	.name = "iopkt_pfil_if",
	.suite_init = pfil_if_suite_init,
	.suite_exit = pfil_if_suite_exit,
	.test_cases = pfil_if_cases,
};

kunit_test_suite(pfil_if_suite);
