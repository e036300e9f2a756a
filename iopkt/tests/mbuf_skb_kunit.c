// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_mbuf_skb: conversions between mbufs and sk_buffs, with
 * and without copies, and the counters that tell them apart.
 */
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include <iopkt/mbuf.h>

#include "tests/mbuf_kunit.h"

static void fill(u8 *p, int len, u8 seed)
{
	int i;

	for (i = 0; i < len; i++)
		p[i] = seed + i * 13;
}

static bool same(const u8 *p, int len, u8 seed)
{
	int i;

	for (i = 0; i < len; i++)
		if (p[i] != (u8)(seed + i * 13))
			return false;
	return true;
}

/* does the chain hold pattern @seed from byte @skip on, @len bytes? */
static bool chain_same(struct kunit *test, struct mbuf *m, int skip, int len,
		       u8 seed)
{
	u8 *p = kunit_kmalloc(test, skip + len, GFP_KERNEL);

	if (!p || m_copydata(m, 0, len, p + skip))
		return false;
	fill(p, skip, seed);
	return same(p, skip + len, seed);
}

static struct sk_buff *linear_skb(struct kunit *test, int len, u8 seed)
{
	struct sk_buff *skb = alloc_skb(64 + len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	fill(skb_put(skb, len), len, seed);
	return skb;
}

/* linear skb -> mbuf -> the same skb, no copy either way */
static void skb_linear_round_trip(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, 1000, 1), *skb2;
	struct iopkt_mbuf_stats s0, s1;
	u8 *data = skb->data;
	struct mbuf *m;

	iopkt_mbuf_stats(&s0);
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_PTR_EQ(test, mtod(m, u8 *), data);
	KUNIT_EXPECT_EQ(test, m->m_len, 1000);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 1000);
	KUNIT_EXPECT_TRUE(test, (m->m_flags & (M_EXT | M_PKTHDR)) ==
			  (M_EXT | M_PKTHDR));
	KUNIT_EXPECT_TRUE(test, M_WRITABLE(m));
	KUNIT_EXPECT_EQ(test, M_LEADINGSPACE(m), 64);
	m_adj(m, 14);
	M_PREPEND(m, 4, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_PTR_EQ(test, mtod(m, u8 *), data + 10);
	fill(mtod(m, u8 *), 4, 11);
	skb2 = iopkt_m_to_skb(m, M_DONTWAIT);
	KUNIT_ASSERT_PTR_EQ(test, skb2, skb);
	KUNIT_EXPECT_PTR_EQ(test, skb2->data, data + 10);
	/* 4 bytes prepended to the 986 left after stripping 14 */
	KUNIT_EXPECT_EQ(test, skb2->len, 990U);
	KUNIT_EXPECT_PTR_EQ(test, skb_tail_pointer(skb2), data + 1000);
	KUNIT_EXPECT_TRUE(test, same(skb2->data, 4, 11));
	KUNIT_EXPECT_TRUE(test, same(skb2->data + 4, 986, 1 + 14 * 13));
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.skb_to_m_zerocopy - s0.skb_to_m_zerocopy, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_zerocopy - s0.m_to_skb_zerocopy, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy, s0.m_to_skb_copy);
	KUNIT_EXPECT_EQ(test, s1.skb_to_m_copy, s0.skb_to_m_copy);
	kfree_skb(skb2);
}

/* a cloned skb's data is read-only: writes go to a private copy */
static void skb_cloned_is_readonly(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, 300, 2), *clone, *skb2;
	struct iopkt_mbuf_stats s0, s1;
	struct mbuf *m;
	u8 x[4] = { 9, 9, 9, 9 };

	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	iopkt_mbuf_stats(&s0);
	m = iopkt_skb_to_m(clone, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_PTR_EQ(test, mtod(m, u8 *), skb->data);
	KUNIT_EXPECT_TRUE(test, M_READONLY(m));
	KUNIT_EXPECT_EQ(test, M_LEADINGSPACE(m), 0);
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(m), 0);
	KUNIT_ASSERT_EQ(test, m_copyback(m, 100, 4, x), 0);
	KUNIT_EXPECT_TRUE(test, same(skb->data, 300, 2));
	KUNIT_EXPECT_TRUE(test, chain_same(test, m, 0, 100, 2));
	skb2 = iopkt_m_to_skb(m, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb2);
	KUNIT_EXPECT_EQ(test, skb2->len, 300U);
	KUNIT_EXPECT_EQ(test, memcmp(skb2->data + 100, x, 4), 0);
	KUNIT_EXPECT_TRUE(test, same(skb2->data, 100, 2));
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy - s0.m_to_skb_copy, 1ULL);
	kfree_skb(skb2);
	kfree_skb(skb);
}

/* a shared skb (users > 1) is cloned, the other user's skb is untouched */
static void skb_shared_is_cloned(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, 200, 3);
	struct mbuf *m;

	skb_get(skb);
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, refcount_read(&skb->users), 1U);
	KUNIT_EXPECT_PTR_EQ(test, mtod(m, u8 *), skb->data);
	KUNIT_EXPECT_TRUE(test, M_READONLY(m));
	m_adj(m, 50);
	m_freem(m);
	KUNIT_EXPECT_EQ(test, skb->len, 200U);
	KUNIT_EXPECT_TRUE(test, same(skb->data, 200, 3));
	kfree_skb(skb);
}

/* an unshared cluster becomes the skb head */
static void skb_from_cluster_zero_copy(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct sk_buff *skb;
	struct mbuf *m;
	u8 *p = kunit_kmalloc(test, 1200, GFP_KERNEL);
	char *buf;

	KUNIT_ASSERT_NOT_NULL(test, p);
	iopkt_mbuf_stats(&s0);
	m = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	KUNIT_ASSERT_NOT_NULL(test, m);
	buf = m->m_ext.ext_buf;
	fill(p, 1200, 4);
	KUNIT_ASSERT_EQ(test, m_copyback(m, 0, 1200, p), 0);
	m_adj(m, 20);
	skb = iopkt_m_to_skb(m, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_PTR_EQ(test, (char *)skb->head, buf);
	KUNIT_EXPECT_PTR_EQ(test, (char *)skb->data, buf + 20);
	KUNIT_EXPECT_EQ(test, skb->len, 1180U);
	KUNIT_EXPECT_GE(test, skb_end_offset(skb), MCLBYTES);
	KUNIT_EXPECT_EQ(test, memcmp(skb->data, p + 20, 1180), 0);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.clusters.in_use, s0.clusters.in_use);
	KUNIT_EXPECT_EQ(test, s1.mbufs.in_use, s0.mbufs.in_use);
	KUNIT_EXPECT_EQ(test, s1.clusters_to_linux - s0.clusters_to_linux, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_zerocopy - s0.m_to_skb_zerocopy, 1ULL);
	/* Linux can grow and free it like any page-fragment head */
	KUNIT_EXPECT_EQ(test, pskb_expand_head(skb, 128, 0, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, memcmp(skb->data, p + 20, 1180), 0);
	kfree_skb(skb);
}

/* shared clusters and chains are copied */
static void skb_from_shared_or_chain_copies(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct mbuf *m, *c;
	struct sk_buff *skb;
	u8 *p = kunit_kmalloc(test, 3000, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	fill(p, 3000, 5);
	m = m_gethdr(M_DONTWAIT, MT_DATA);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_EQ(test, m_copyback(m, 0, 3000, p), 0);
	KUNIT_EXPECT_NOT_NULL(test, m->m_next);
	iopkt_mbuf_stats(&s0);
	c = m_copym(m, MHLEN, 1000, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_NULL(test, c->m_next);
	skb = iopkt_m_to_skb(c, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_PTR_NE(test, (char *)skb->head, m->m_next->m_ext.ext_buf);
	KUNIT_EXPECT_EQ(test, memcmp(skb->data, p + MHLEN, 1000), 0);
	kfree_skb(skb);
	skb = iopkt_m_to_skb(m, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_FALSE(test, skb_is_nonlinear(skb));
	KUNIT_EXPECT_EQ(test, skb->len, 3000U);
	KUNIT_EXPECT_EQ(test, memcmp(skb->data, p, 3000), 0);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy - s0.m_to_skb_copy, 2ULL);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_zerocopy, s0.m_to_skb_zerocopy);
	kfree_skb(skb);
}

/* an skb with page frags maps to a chain without a copy, read-only frags */
static void skb_frags_zero_copy(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, 100, 6);
	struct iopkt_mbuf_stats s0, s1;
	struct page *page = alloc_page(GFP_KERNEL);
	u8 *want = kunit_kmalloc(test, 2100, GFP_KERNEL);
	u8 x[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct mbuf *m, *f;

	KUNIT_ASSERT_TRUE(test, page && want);
	fill(page_address(page), 2000, 7);
	skb_add_rx_frag(skb, 0, page, 0, 2000, PAGE_SIZE);
	KUNIT_ASSERT_TRUE(test, skb_is_nonlinear(skb));
	KUNIT_ASSERT_EQ(test, skb_copy_bits(skb, 0, want, 2100), 0);
	iopkt_mbuf_stats(&s0);
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.skb_to_m_zerocopy - s0.skb_to_m_zerocopy, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.skb_to_m_copy, s0.skb_to_m_copy);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 2100);
	KUNIT_EXPECT_EQ(test, m->m_len, 100);
	f = m->m_next;
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_PTR_EQ(test, mtod(f, void *), page_address(page));
	KUNIT_EXPECT_EQ(test, f->m_len, 2000);
	KUNIT_EXPECT_TRUE(test, M_READONLY(f));
	KUNIT_EXPECT_TRUE(test, chain_same(test, m, 0, 100, 6));
	/* writing into the frag leaves the page alone */
	KUNIT_ASSERT_EQ(test, m_copyback(m, 150, 8, x), 0);
	KUNIT_EXPECT_TRUE(test, same(page_address(page), 2000, 7));
	memcpy(want + 150, x, 8);
	m = m_pullup(m, 200);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, memcmp(mtod(m, u8 *), want, 200), 0);
	KUNIT_EXPECT_EQ(test, m_length(m), 2100);
	m_freem(m);
}

/* an skb of @head linear bytes and two page frags of 1500, pattern @seed */
static struct sk_buff *frags_skb(struct kunit *test, int head, u8 seed)
{
	struct sk_buff *skb = linear_skb(test, head, seed);
	u8 *want = kunit_kmalloc(test, head + 3000, GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_TRUE(test, page && want);
	fill(want, head + 3000, seed);
	memcpy(page_address(page), want + head, 3000);
	get_page(page);
	skb_add_rx_frag(skb, 0, page, 0, 1500, PAGE_SIZE / 2);
	skb_add_rx_frag(skb, 1, page, 1500, 1500, PAGE_SIZE / 2);
	return skb;
}

/*
 * skb with page frags -> chain -> the same skb, no copy either way (what
 * a TSO packet from Linux does through shim); the linear part may have
 * been trimmed (a header taken off). A clone whose head got a new mbuf in
 * front (its head is read-only) is copied.
 */
static void skb_frags_round_trip(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct sk_buff *skb, *orig, *skb2;
	struct mbuf *m;
	int cloned;

	for (cloned = 0; cloned < 2; cloned++) {
		orig = frags_skb(test, 200, 9);
		skb = cloned ? skb_clone(orig, GFP_KERNEL) : orig;
		KUNIT_ASSERT_NOT_NULL(test, skb);
		iopkt_mbuf_stats(&s0);
		m = iopkt_skb_to_m(skb, M_DONTWAIT);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 3200);
		m_adj(m, 14);
		if (cloned) {
			m = m_prepend(m, 14, M_DONTWAIT);
			KUNIT_ASSERT_NOT_NULL(test, m);
		}
		skb2 = iopkt_m_to_skb(m, M_DONTWAIT);
		KUNIT_ASSERT_NOT_NULL(test, skb2);
		iopkt_mbuf_stats(&s1);
		if (cloned) {
			KUNIT_EXPECT_EQ(test, skb2->len, 3200U);
			KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy - s0.m_to_skb_copy, 1ULL);
			kfree_skb(skb2);
			kfree_skb(orig);
			continue;
		}
		KUNIT_EXPECT_PTR_EQ(test, skb2, skb);
		KUNIT_EXPECT_EQ(test, skb2->len, 3186U);
		KUNIT_EXPECT_EQ(test, skb_headlen(skb2), 186U);
		KUNIT_EXPECT_EQ(test, skb_shinfo(skb2)->nr_frags, 2);
		KUNIT_EXPECT_EQ(test, skb2->data_len, 3000U);
		KUNIT_EXPECT_EQ(test, s1.m_to_skb_zerocopy - s0.m_to_skb_zerocopy, 1ULL);
		KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy, s0.m_to_skb_copy);
		m = iopkt_skb_to_m(skb2, M_DONTWAIT);
		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_TRUE(test, chain_same(test, m, 14, 3186, 9));
		m_freem(m);
	}

	/* a clone passed through untouched comes back without a copy */
	orig = frags_skb(test, 200, 10);
	skb = skb_clone(orig, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	iopkt_mbuf_stats(&s0);
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	skb2 = iopkt_m_to_skb(m, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb2);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_PTR_EQ(test, skb2, skb);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_zerocopy - s0.m_to_skb_zerocopy, 1ULL);
	KUNIT_EXPECT_EQ(test, skb2->len, 3200U);
	kfree_skb(skb2);
	kfree_skb(orig);
}

/* a frag shared with another chain, or trimmed, forces the copy */
static void skb_frags_changed_copies(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct sk_buff *skb;
	struct mbuf *m, *c;

	m = iopkt_skb_to_m(frags_skb(test, 100, 11), M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	c = m_copym(m, 0, M_COPYALL, M_DONTWAIT);	/* a listener's copy */
	KUNIT_ASSERT_NOT_NULL(test, c);
	iopkt_mbuf_stats(&s0);
	skb = iopkt_m_to_skb(m, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy - s0.m_to_skb_copy, 1ULL);
	KUNIT_EXPECT_EQ(test, skb->len, 3100U);
	kfree_skb(skb);
	KUNIT_EXPECT_TRUE(test, chain_same(test, c, 0, 3100, 11));
	/* now the copy is the only one: it goes across as it is */
	m_adj(c, -10);
	iopkt_mbuf_stats(&s0);
	skb = iopkt_m_to_skb(c, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	iopkt_mbuf_stats(&s1);
	/* its last frag was trimmed: copied */
	KUNIT_EXPECT_EQ(test, s1.m_to_skb_copy - s0.m_to_skb_copy, 1ULL);
	KUNIT_EXPECT_EQ(test, skb->len, 3090U);
	kfree_skb(skb);
}

/* an skb with a frag list is copied into a chain */
static void skb_frag_list_copies(struct kunit *test)
{
	struct sk_buff *skb = linear_skb(test, 100, 8);
	struct sk_buff *tail = linear_skb(test, 3000, (8 + 100 * 13) & 0xff);
	struct iopkt_mbuf_stats s0, s1;
	struct mbuf *m;

	skb_shinfo(skb)->frag_list = tail;
	skb->len += tail->len;
	skb->data_len += tail->len;
	skb->truesize += tail->truesize;
	iopkt_mbuf_stats(&s0);
	m = iopkt_skb_to_m(skb, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, m);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.skb_to_m_copy - s0.skb_to_m_copy, 1ULL);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 3100);
	KUNIT_EXPECT_EQ(test, m_length(m), 3100);
	KUNIT_EXPECT_TRUE(test, chain_same(test, m, 0, 3100, 8));
	KUNIT_EXPECT_TRUE(test, M_WRITABLE(m));
	m_freem(m);
}

static struct kunit_case iopkt_mbuf_skb_cases[] = {
	KUNIT_CASE(skb_linear_round_trip),
	KUNIT_CASE(skb_cloned_is_readonly),
	KUNIT_CASE(skb_shared_is_cloned),
	KUNIT_CASE(skb_from_cluster_zero_copy),
	KUNIT_CASE(skb_from_shared_or_chain_copies),
	KUNIT_CASE(skb_frags_zero_copy),
	KUNIT_CASE(skb_frag_list_copies),
	KUNIT_CASE(skb_frags_round_trip),
	KUNIT_CASE(skb_frags_changed_copies),
	{}
};

static struct kunit_suite iopkt_mbuf_skb_suite = {
	.name = "iopkt_mbuf_skb",
	.init = mbuf_kunit_init,
	.exit = mbuf_kunit_exit,
	.test_cases = iopkt_mbuf_skb_cases,
};

kunit_test_suites(&iopkt_mbuf_skb_suite);
