// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_m_tag: packet tags (include/iopkt/m_tag.h): the list
 * operations, tags going with the packet header through the mbuf
 * operations, and across the sk_buff boundary where the skb stays at
 * layer 2 (kept) or is orphaned, cloned or owned by a socket (dropped).
 * Leaks are judged by kmemleak at the end of the run, use-after-free and
 * double free by KASAN.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>

#include <iopkt/mbuf.h>

#include "tests/mbuf_kunit.h"

#define T_A	(PACKET_TAG_MODULE_BASE + 1)
#define T_B	(PACKET_TAG_MODULE_BASE + 2)
#define T_C	(PACKET_TAG_MODULE_BASE + 3)

/* a tag of @type with 8 bytes of data, the first u32 @val */
static struct m_tag *tag(struct kunit *test, struct mbuf *m, int type,
			 u32 val)
{
	struct m_tag *t = m_tag_get(type, 8, M_WAITOK);

	KUNIT_ASSERT_NOT_NULL(test, t);
	*(u32 *)(t + 1) = val;
	m_tag_prepend(m, t);
	return t;
}

static u32 tval(struct m_tag *t)
{
	return *(u32 *)(t + 1);
}

static int ntags(struct mbuf *m)
{
	struct m_tag *t;
	int n = 0;

	for (t = m_tag_first(m); t; t = m_tag_next(m, t))
		n++;
	return n;
}

static void m_tag_list_ops(struct kunit *test)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);
	struct m_tag *a1, *b, *a2, *t;
	int i;

	KUNIT_EXPECT_NULL(test, m_tag_get(T_A, -1, M_WAITOK));
	KUNIT_EXPECT_NULL(test, m_tag_get(T_A, M_TAG_MAXLEN + 1, M_WAITOK));
	t = m_tag_get(T_A, 16, M_NOWAIT);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, t->m_tag_id, T_A);
	KUNIT_EXPECT_EQ(test, t->m_tag_len, 16);
	for (i = 0; i < 16; i++)
		KUNIT_EXPECT_EQ(test, ((u8 *)(t + 1))[i], 0);
	m_tag_free(t);

	KUNIT_EXPECT_NULL(test, m_tag_first(m));
	a1 = tag(test, m, T_A, 1);
	b = tag(test, m, T_B, 2);
	a2 = tag(test, m, T_A, 3);
	KUNIT_EXPECT_EQ(test, ntags(m), 3);
	/* newest first; find goes on after @start */
	KUNIT_EXPECT_PTR_EQ(test, m_tag_find(m, T_A, NULL), a2);
	KUNIT_EXPECT_PTR_EQ(test, m_tag_find(m, T_A, a2), a1);
	KUNIT_EXPECT_NULL(test, m_tag_find(m, T_A, a1));
	KUNIT_EXPECT_PTR_EQ(test, m_tag_find(m, T_B, NULL), b);
	KUNIT_EXPECT_NULL(test, m_tag_find(m, T_C, NULL));

	m_tag_delete(m, b);
	KUNIT_EXPECT_NULL(test, m_tag_find(m, T_B, NULL));
	KUNIT_EXPECT_EQ(test, ntags(m), 2);
	m_tag_unlink(m, a1);
	KUNIT_EXPECT_EQ(test, ntags(m), 1);
	KUNIT_EXPECT_NULL(test, m_tag_find(m, T_A, a2));
	m_tag_prepend(m, a1);			/* ours again */
	KUNIT_EXPECT_PTR_EQ(test, m_tag_first(m), a1);
	tag(test, m, T_C, 4);
	/* from a1 on: a1 and a2 go, the newer T_C stays */
	m_tag_delete_chain(m, a1);
	KUNIT_EXPECT_EQ(test, ntags(m), 1);
	KUNIT_EXPECT_EQ(test, m_tag_first(m)->m_tag_id, T_C);
	tag(test, m, T_B, 5);
	/* the packet frees the ones left (kmemleak checks) */
	m_freem(m);
}

/* m_copym, m_copypacket and m_dup of a header copy the tags; m_split's
 * tail gets none; M_PREPEND and m_pullup move them to the new head.
 */
static void m_tag_mbuf_ops(struct kunit *test)
{
	struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR), *c, *d, *t2;
	struct m_tag *t;

	m->m_len = m->m_pkthdr.len = 1000;
	tag(test, m, T_A, 11);
	tag(test, m, T_B, 12);

	c = m_copym(m, 0, M_COPYALL, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, ntags(c), 2);
	t = m_tag_find(c, T_A, NULL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, tval(t), 11);
	KUNIT_EXPECT_PTR_NE(test, t, m_tag_find(m, T_A, NULL));	/* a copy */
	*(u32 *)(t + 1) = 99;
	KUNIT_EXPECT_EQ(test, tval(m_tag_find(m, T_A, NULL)), 11);
	/* the order is kept */
	KUNIT_EXPECT_EQ(test, m_tag_first(c)->m_tag_id, T_B);
	m_freem(c);

	c = m_copypacket(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, ntags(c), 2);
	/* the original goes first: the copy's tags are its own */
	d = m_dup(c, 0, M_COPYALL, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_EQ(test, ntags(d), 2);
	KUNIT_EXPECT_EQ(test, tval(m_tag_find(d, T_B, NULL)), 12);
	m_freem(c);
	m_freem(d);

	/* not from the packet header: no header, no tags */
	c = m_copym(m, 10, 100, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_FALSE(test, c->m_flags & M_PKTHDR);
	m_freem(c);

	/* m_split: the tail is a new packet without tags */
	t2 = m_split(m, 400, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, t2);
	KUNIT_EXPECT_EQ(test, ntags(m), 2);
	KUNIT_EXPECT_EQ(test, ntags(t2), 0);
	m_freem(t2);

	/* a new first mbuf takes the header and the tags with it */
	/* a cluster, data at its start: no leading space */
	KUNIT_ASSERT_EQ(test, M_LEADINGSPACE(m), 0);
	c = m;
	M_PREPEND(m, 14, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_PTR_NE(test, m, c);
	KUNIT_EXPECT_EQ(test, ntags(m), 2);
	KUNIT_EXPECT_FALSE(test, c->m_flags & M_PKTHDR);
	m_freem(m);
}

/* tags stay with an skb that nothing orphans, and come back */
static void m_tag_skb_kept(struct kunit *test)
{
	struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);
	struct sk_buff *skb;
	struct m_tag *t;

	m->m_len = m->m_pkthdr.len = 200;
	tag(test, m, T_A, 21);
	tag(test, m, T_B, 22);
	skb = iopkt_m_to_skb(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_NOT_NULL(test, skb->destructor);
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, ntags(m), 2);
	t = m_tag_find(m, T_A, NULL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, tval(t), 21);
	KUNIT_EXPECT_EQ(test, m_tag_first(m)->m_tag_id, T_B);

	/* a chain (copied into a new skb) keeps them as well */
	m->m_next = m_get(M_WAITOK, MT_DATA);
	m->m_next->m_len = 10;
	m->m_pkthdr.len += 10;
	skb = iopkt_m_to_skb(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, ntags(m), 2);
	m_freem(m);

	/* freed with the skb when it never comes back */
	m = m_gethdr(M_WAITOK, MT_DATA);
	m->m_len = m->m_pkthdr.len = 60;
	tag(test, m, T_C, 23);
	skb = iopkt_m_to_skb(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	kfree_skb(skb);
}

static int owner_destructs;

static void owner_destructor(struct sk_buff *skb)
{
	owner_destructs++;
}

/* orphaned (Linux's IP input), cloned, or owned by someone: dropped */
static void m_tag_skb_dropped(struct kunit *test)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);
	struct sk_buff *skb, *clone;

	m->m_len = m->m_pkthdr.len = 60;
	tag(test, m, T_A, 31);
	skb = iopkt_m_to_skb(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_orphan(skb);	/* what ip_rcv_core() does */
	KUNIT_EXPECT_NULL(test, skb->destructor);
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, ntags(m), 0);

	/* a clone has no tags; the original still has them */
	tag(test, m, T_A, 32);
	skb = iopkt_m_to_skb(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	clone = skb_clone(skb, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, clone);
	m = iopkt_skb_to_m(clone, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, ntags(m), 0);
	m_freem(m);
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, ntags(m), 1);
	m_freem(m);

	/* an skb with an owner (a socket's) is not ours to mark */
	skb = alloc_skb(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put(skb, 60);
	skb->destructor = owner_destructor;
	owner_destructs = 0;
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	tag(test, m, T_B, 33);
	skb = iopkt_m_to_skb(m, M_WAITOK);	/* the same skb again */
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_TRUE(test, skb->destructor == owner_destructor);
	m = iopkt_skb_to_m(skb, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, ntags(m), 0);
	m_freem(m);
	KUNIT_EXPECT_EQ(test, owner_destructs, 1);
}

static struct kunit_case iopkt_m_tag_cases[] = {
	KUNIT_CASE(m_tag_list_ops),
	KUNIT_CASE(m_tag_mbuf_ops),
	KUNIT_CASE(m_tag_skb_kept),
	KUNIT_CASE(m_tag_skb_dropped),
	{}
};

static struct kunit_suite iopkt_m_tag_suite = {
	.name = "iopkt_m_tag",
	.init = mbuf_kunit_init,
	.exit = mbuf_kunit_exit,
	.test_cases = iopkt_m_tag_cases,
};

kunit_test_suites(&iopkt_m_tag_suite);
