// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of the mbuf subsystem:
 *  iopkt_mbuf_ops  - layout and edge cases of the operations
 *  iopkt_mbuf_pool - cluster sizes (and private jumbo pools), per-thread
 *                    caches on and off, exhaustion with M_DONTWAIT and
 *                    waiting with M_WAITOK
 * (iopkt_mbuf_model and iopkt_mbuf_skb are in their own files.)
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include <iopkt/interrupt.h>
#include <iopkt/mbuf.h>
#include <iopkt/nw_thread.h>
#include <iopkt/stack.h>

#include "tests/kunit_stack.h"
#include "tests/kunit_wait.h"
#include "tests/mbuf_kunit.h"
#include "mbuf/mbuf_pool.h"

static void mbuf_layout(struct kunit *test)
{
	struct mbuf *m;

	KUNIT_EXPECT_EQ(test, sizeof(struct mbuf), (size_t)MSIZE);
	KUNIT_EXPECT_EQ(test, MLEN, (int)(MSIZE - sizeof(struct m_hdr)));
	KUNIT_EXPECT_EQ(test, MHLEN, MLEN - (int)sizeof(struct pkthdr));
	KUNIT_EXPECT_LE(test, sizeof(struct _m_ext), (size_t)MHLEN);
	m = m_get(M_WAITOK, MT_DATA);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(m), MLEN);
	KUNIT_EXPECT_EQ(test, M_LEADINGSPACE(m), 0);
	KUNIT_EXPECT_EQ(test, m->m_type, MT_DATA);
	M_ALIGN(m, 10);
	KUNIT_EXPECT_GE(test, M_TRAILINGSPACE(m), 10);
	KUNIT_EXPECT_GE(test, M_LEADINGSPACE(m), MLEN - 10 - 7);
	m_free(m);
	m = m_gethdr(M_WAITOK, MT_HEADER);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_TRUE(test, m->m_flags & M_PKTHDR);
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(m), MHLEN);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 0);
	KUNIT_EXPECT_NULL(test, m->m_pkthdr.rcvif);
	m_freem(m);
}

/* a packet of @len pattern bytes */
static struct mbuf *make_pkt(struct kunit *test, int len)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);
	u8 *p = kmalloc(len, GFP_KERNEL);
	int i;

	KUNIT_ASSERT_TRUE(test, m && p);
	for (i = 0; i < len; i++)
		p[i] = i * 7 + 3;
	KUNIT_ASSERT_EQ(test, m_copyback(m, 0, len, p), 0);
	kfree(p);
	return m;
}

static void mbuf_edge_cases(struct kunit *test)
{
	struct mbuf *m = make_pkt(test, 1000), *n;
	u8 buf[8];

	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 1000);
	KUNIT_EXPECT_EQ(test, m_length(m), 1000);
	KUNIT_EXPECT_EQ(test, m_copydata(m, 995, 8, buf), -EINVAL);
	KUNIT_EXPECT_EQ(test, m_copydata(m, -1, 1, buf), -EINVAL);
	KUNIT_EXPECT_EQ(test, m_copydata(m, 999, 1, buf), 0);
	KUNIT_EXPECT_EQ(test, buf[0], (u8)((999 * 7 + 3) & 0xff));
	KUNIT_EXPECT_NULL(test, m_split(m, 1001, M_DONTWAIT));
	KUNIT_EXPECT_EQ(test, m_length(m), 1000);
	KUNIT_EXPECT_NULL(test, m_copym(m, 990, 20, M_DONTWAIT));
	KUNIT_EXPECT_NULL(test, m_copym(m, -1, 20, M_DONTWAIT));
	KUNIT_EXPECT_NULL(test, m_dup(m, 0, 1001, M_DONTWAIT));
	KUNIT_EXPECT_EQ(test, m_copyback(m, -1, 1, buf), -EINVAL);
	m_adj(m, -5000);
	KUNIT_EXPECT_EQ(test, m_length(m), 0);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 0);
	m_freem(m);

	/* m_pullup of more than the chain holds frees the chain */
	m = make_pkt(test, 300);
	KUNIT_EXPECT_NULL(test, m_pullup(m, 301));
	m = make_pkt(test, 300);
	M_PREPEND(m, MCLBYTES + 1, M_DONTWAIT);
	KUNIT_EXPECT_NULL(test, m);

	/* M_PREPEND in place uses the leading space */
	m = make_pkt(test, 20);
	m_adj(m, 8);
	n = m;
	M_PREPEND(m, 8, M_DONTWAIT);
	KUNIT_EXPECT_PTR_EQ(test, m, n);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 20);
	m_freem(m);
	m_freem(NULL);
	KUNIT_EXPECT_NULL(test, m_free(NULL));
}

/* shared clusters: read-only while shared, owner outlives its free */
static void mbuf_shared_cluster(struct kunit *test)
{
	struct iopkt_mbuf_stats *st0 = test->priv, st;
	struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR), *c;

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->m_len = m->m_pkthdr.len = 100;
	KUNIT_EXPECT_TRUE(test, M_WRITABLE(m));
	c = m_copym(m, 10, 50, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_PTR_EQ(test, c->m_ext.ext_buf, m->m_ext.ext_buf);
	KUNIT_EXPECT_PTR_EQ(test, c->m_data, m->m_data + 10);
	KUNIT_EXPECT_TRUE(test, M_READONLY(m) && M_READONLY(c));
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(c), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&m->m_ext.ext_refcnt), 2);
	m_freem(m);
	iopkt_mbuf_stats(&st);
	/* the owner stays allocated while its copy refers to it */
	KUNIT_EXPECT_EQ(test, st.mbufs.in_use, st0->mbufs.in_use + 2);
	KUNIT_EXPECT_EQ(test, st.clusters.in_use, st0->clusters.in_use + 1);
	KUNIT_EXPECT_TRUE(test, M_WRITABLE(c));
	m_freem(c);
}

static int ext_freed;

static void ext_free_cb(struct mbuf *m, void *buf, size_t size, void *arg)
{
	KUNIT_EXPECT_EQ((struct kunit *)arg, size, (size_t)512);
	ext_freed++;
	kfree(buf);
}

static void mbuf_extadd_shared(struct kunit *test)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA), *c;
	void *buf = kzalloc(512, GFP_KERNEL);

	KUNIT_ASSERT_TRUE(test, m && buf);
	ext_freed = 0;
	MEXTADD(m, buf, 512, 0, ext_free_cb, test);
	KUNIT_EXPECT_PTR_EQ(test, mtod(m, void *), buf);
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(m), 512);
	m->m_len = m->m_pkthdr.len = 100;
	c = m_copypacket(m, M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->m_pkthdr.len, 100);
	m_freem(m);
	KUNIT_EXPECT_EQ(test, ext_freed, 0);
	m_freem(c);
	KUNIT_EXPECT_EQ(test, ext_freed, 1);
}

static struct kunit_case iopkt_mbuf_ops_cases[] = {
	KUNIT_CASE(mbuf_layout),
	KUNIT_CASE(mbuf_edge_cases),
	KUNIT_CASE(mbuf_shared_cluster),
	KUNIT_CASE(mbuf_extadd_shared),
	{}
};

static struct kunit_suite iopkt_mbuf_ops_suite = {
	.name = "iopkt_mbuf_ops",
	.init = mbuf_kunit_init,
	.exit = mbuf_kunit_exit,
	.test_cases = iopkt_mbuf_ops_cases,
};

/* the configured cluster size: MCLBYTES of data fit one cluster */
static void pool_mclbytes_fit(struct kunit *test)
{
	struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);
	struct iopkt_mbuf_stats st;
	u8 *p = kunit_kmalloc(test, MCLBYTES, GFP_KERNEL);
	u8 *q = kunit_kmalloc(test, MCLBYTES, GFP_KERNEL);

	KUNIT_ASSERT_TRUE(test, m && p && q);
	iopkt_mbuf_stats(&st);
	KUNIT_EXPECT_EQ(test, (int)st.mclbytes, MCLBYTES);
	KUNIT_EXPECT_GE(test, st.cluster_stride, st.mclbytes +
			SKB_DATA_ALIGN(sizeof(struct skb_shared_info)));
	KUNIT_EXPECT_LE(test, st.clusters_per_chunk * st.cluster_stride,
			st.chunk_bytes);
	KUNIT_EXPECT_GE(test, st.chunk_bytes, (unsigned int)PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, m->m_flags & M_CLUSTER);
	KUNIT_EXPECT_EQ(test, (int)m->m_ext.ext_size, MCLBYTES);
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(m), MCLBYTES);
	memset(p, 0x5a, MCLBYTES);
	p[0] = 1;
	p[MCLBYTES - 1] = 2;
	KUNIT_ASSERT_EQ(test, m_copyback(m, 0, MCLBYTES, p), 0);
	KUNIT_EXPECT_NULL(test, m->m_next);
	KUNIT_EXPECT_EQ(test, m->m_len, MCLBYTES);
	KUNIT_EXPECT_EQ(test, m_copydata(m, 0, MCLBYTES, q), 0);
	KUNIT_EXPECT_EQ(test, memcmp(p, q, MCLBYTES), 0);
	/* one more byte needs a second mbuf */
	KUNIT_ASSERT_EQ(test, m_copyback(m, MCLBYTES, 1, p), 0);
	KUNIT_EXPECT_NOT_NULL(test, m->m_next);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, MCLBYTES + 1);
	m_freem(m);
}

struct pool_geom {
	unsigned int mclbytes;
	unsigned long pagesize;
};

static const struct pool_geom pool_geoms[] = {
	{ 2048, 4096 }, { 2048, 65536 }, { 4096, 4096 }, { 8192, 8192 },
	{ 16384, 4096 }, { 65536, 4096 }, { 65536, 1UL << 20 },
};

static void geom_desc(const struct pool_geom *g, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "mclbytes %u pagesize %lu",
		 g->mclbytes, g->pagesize);
}

KUNIT_ARRAY_PARAM(pool_geom, pool_geoms, geom_desc);

static void pool_check_geometry(struct kunit *test, struct mcl_pool *pool,
				const struct pool_geom *g)
{
	unsigned long chunk = PAGE_SIZE << pool->chunk_order;

	KUNIT_EXPECT_GE(test, pool->stride, g->mclbytes +
			SKB_DATA_ALIGN(sizeof(struct skb_shared_info)));
	KUNIT_EXPECT_EQ(test, pool->stride % SMP_CACHE_BYTES, 0U);
	KUNIT_EXPECT_GE(test, chunk, g->pagesize);
	KUNIT_EXPECT_GE(test, pool->per_chunk, 1U);
	KUNIT_EXPECT_LE(test, pool->per_chunk * pool->stride, chunk);
}

/* private pools of jumbo sizes: carving, no overlap, build_skb() */
static void pool_private_geometry(struct kunit *test)
{
	const struct pool_geom *g = test->param_value;
	struct mcl_pool *pool = kunit_kzalloc(test, sizeof(*pool), GFP_KERNEL);
	unsigned int n, i, j;
	struct sk_buff *skb;
	u8 **bufs;

	KUNIT_ASSERT_NOT_NULL(test, pool);
	KUNIT_ASSERT_EQ(test, iopkt_mcl_pool_init(pool, g->mclbytes,
						  g->pagesize), 0);
	pool_check_geometry(test, pool, g);
	n = 2 * pool->per_chunk + 1;
	bufs = kunit_kcalloc(test, n, sizeof(*bufs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bufs);
	for (i = 0; i < n; i++) {
		bufs[i] = iopkt_mcl_pool_get(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, bufs[i]);
		memset(bufs[i], i, g->mclbytes);
	}
	KUNIT_EXPECT_EQ(test, atomic64_read(&pool->chunks), 3LL);
	for (i = 0; i < n; i++)
		for (j = 0; j < g->mclbytes; j += 61)
			KUNIT_ASSERT_EQ(test, bufs[i][j], (u8)i);
	skb = iopkt_mcl_build_skb(pool, bufs[0]);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_PTR_EQ(test, (u8 *)skb->head, bufs[0]);
	KUNIT_EXPECT_GE(test, skb_end_offset(skb), g->mclbytes);
	KUNIT_EXPECT_EQ(test, skb->data[g->mclbytes - 1], 0);
	KUNIT_EXPECT_TRUE(test, skb->head_frag);
	kfree_skb(skb);
	for (i = 1; i < n; i++)
		iopkt_mcl_pool_put(pool, bufs[i]);
	KUNIT_EXPECT_EQ(test, atomic64_read(&pool->to_linux), 1LL);
	KUNIT_EXPECT_EQ(test, iopkt_mcl_pool_destroy(pool), 0L);
}

/* a test-made io-pkt thread, with the cache sizes given */
static struct nw_work_thread *cache_setup(struct kunit *test,
					  unsigned int mbufs,
					  unsigned int pkts,
					  unsigned int old[2])
{
	struct nw_work_thread *wtp = kunit_kzalloc(test, sizeof(*wtp),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, wtp);
	iopkt_mbuf_get_cache(&old[0], &old[1]);
	iopkt_mbuf_set_cache(mbufs, pkts);
	return wtp;
}

static void pool_cache_on(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct nw_work_thread *wtp;
	struct mbuf *m, *m2, *v[6];
	unsigned int old[2];
	void *buf;
	int i;

	wtp = cache_setup(test, 4, 4, old);
	iopkt_mbuf_stats(&s0);
	m = m_getcl_wtp(M_DONTWAIT, MT_DATA, M_PKTHDR, wtp);
	KUNIT_ASSERT_NOT_NULL(test, m);
	buf = m->m_ext.ext_buf;
	m_freem_wtp(m, wtp);
	KUNIT_EXPECT_EQ(test, wtp->mcache.npkts, 1U);
	m2 = m_getcl_wtp(M_DONTWAIT, MT_DATA, 0, wtp);
	KUNIT_ASSERT_NOT_NULL(test, m2);
	KUNIT_EXPECT_PTR_EQ(test, m2, m);
	KUNIT_EXPECT_PTR_EQ(test, m2->m_ext.ext_buf, buf);
	KUNIT_EXPECT_FALSE(test, m2->m_flags & M_PKTHDR);
	KUNIT_EXPECT_EQ(test, M_TRAILINGSPACE(m2), MCLBYTES);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.clusters.cache_hits - s0.clusters.cache_hits, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.clusters.cache_misses - s0.clusters.cache_misses, 1ULL);
	/* the mbuf cache was refilled by the first miss */
	KUNIT_EXPECT_EQ(test, s1.mbufs.cache_misses - s0.mbufs.cache_misses, 1ULL);
	KUNIT_EXPECT_EQ(test, wtp->mcache.nmbufs, 3U);
	m_free_wtp(m2, wtp);
	for (i = 0; i < 6; i++) {
		v[i] = m_get_wtp(M_DONTWAIT, MT_DATA, wtp);
		KUNIT_ASSERT_NOT_NULL(test, v[i]);
	}
	for (i = 0; i < 6; i++)
		m_free_wtp(v[i], wtp);
	KUNIT_EXPECT_EQ(test, wtp->mcache.nmbufs, 4U);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_GE(test, s1.mbufs.cache_hits - s0.mbufs.cache_hits, 3ULL);
	KUNIT_EXPECT_EQ(test, s1.mbufs.cached, s0.mbufs.cached + 5);
	KUNIT_EXPECT_EQ(test, s1.clusters.cached, s0.clusters.cached + 1);
	iopkt_mcache_drain(&wtp->mcache);
	KUNIT_EXPECT_EQ(test, wtp->mcache.nmbufs + wtp->mcache.npkts, 0U);
	iopkt_mbuf_set_cache(old[0], old[1]);
}

static void pool_cache_off(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct nw_work_thread *wtp;
	unsigned int old[2];
	struct mbuf *m;
	int i;

	wtp = cache_setup(test, 0, 0, old);
	iopkt_mbuf_stats(&s0);
	for (i = 0; i < 4; i++) {
		m = m_getcl_wtp(M_DONTWAIT, MT_DATA, M_PKTHDR, wtp);
		KUNIT_ASSERT_NOT_NULL(test, m);
		m_freem_wtp(m, wtp);
		m = m_get_wtp(M_DONTWAIT, MT_DATA, wtp);
		KUNIT_ASSERT_NOT_NULL(test, m);
		m_freem_wtp(m, wtp);
	}
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, wtp->mcache.nmbufs + wtp->mcache.npkts, 0U);
	KUNIT_EXPECT_EQ(test, s1.clusters.cache_hits, s0.clusters.cache_hits);
	KUNIT_EXPECT_EQ(test, s1.mbufs.cache_hits, s0.mbufs.cache_hits);
	KUNIT_EXPECT_EQ(test, s1.clusters.allocs - s0.clusters.allocs, 4ULL);
	KUNIT_EXPECT_EQ(test, s1.mbufs.allocs - s0.mbufs.allocs, 8ULL);
	iopkt_mbuf_set_cache(old[0], old[1]);
}

/* limit the clusters out of the pool to @extra more than now */
static unsigned long limit_to(long extra)
{
	struct iopkt_mbuf_stats st;

	iopkt_mbuf_stats(&st);
	return iopkt_mbuf_set_limit(st.clusters.in_use + st.clusters.cached +
				    extra);
}

static void pool_exhaustion_dontwait(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct mbuf *a, *b, *c;

	limit_to(2);
	iopkt_mbuf_stats(&s0);
	a = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	b = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	c = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_NOT_NULL(test, a);
	KUNIT_EXPECT_NOT_NULL(test, b);
	KUNIT_EXPECT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, s1.clusters.failures - s0.clusters.failures, 1ULL);
	/* the header taken for the failed cluster went back */
	KUNIT_EXPECT_EQ(test, s1.mbufs.in_use - s0.mbufs.in_use, 2L);
	m_freem(a);
	c = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	KUNIT_EXPECT_NOT_NULL(test, c);
	iopkt_mbuf_set_limit(0);
	m_freem(b);
	m_freem(c);
}

struct freer {
	struct mbuf *m;
	u64 waits0;
	bool freeing;
};

static u64 cluster_waits(void)
{
	struct iopkt_mbuf_stats s;

	iopkt_mbuf_stats(&s);
	return s.clusters.waits;
}

/* Free f->m once the allocator waits for it (or the test gave up). */
static int freer_thread(void *arg)
{
	struct freer *f = arg;

	while (cluster_waits() == f->waits0 && !kthread_should_stop())
		usleep_range(1000, 2000);
	WRITE_ONCE(f->freeing, true);
	m_freem(f->m);
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static void pool_exhaustion_waitok(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct task_struct *task;
	struct freer f = {};
	struct mbuf *m;
	bool after_free;

	limit_to(1);
	f.m = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	KUNIT_ASSERT_NOT_NULL(test, f.m);
	KUNIT_EXPECT_NULL(test, m_getcl(M_DONTWAIT, MT_DATA, 0));
	iopkt_mbuf_stats(&s0);
	f.waits0 = s0.clusters.waits;
	task = kthread_run(freer_thread, &f, "iopkt_mbuf_freer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);
	after_free = READ_ONCE(f.freeing);
	kthread_stop(task);
	iopkt_mbuf_set_limit(0);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_NOT_NULL(test, m);
	/* it waited, and got the cluster the other thread gave back */
	KUNIT_EXPECT_TRUE(test, after_free);
	KUNIT_EXPECT_GE(test, s1.clusters.waits - s0.clusters.waits, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.clusters.failures, s0.clusters.failures);
	m_freem(m);
}

#define RACE_ROUNDS	3000
#define RACE_SLOTS	16

struct race {
	struct mbuf *slot[RACE_SLOTS];	/* copies handed to the other thread */
	atomic_t ready[RACE_SLOTS];
	atomic_t done;
};

static int race_thread(void *arg)
{
	struct race *r = arg;
	int i = 0, freed = 0;

	while (freed < RACE_ROUNDS && !kthread_should_stop()) {
		if (atomic_read_acquire(&r->ready[i])) {
			m_freem(r->slot[i]);
			atomic_set_release(&r->ready[i], 0);
			freed++;
			i = (i + 1) % RACE_SLOTS;
		} else {
			cond_resched();
		}
	}
	atomic_set(&r->done, 1);
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

/*
 * Two threads free the two halves of shared clusters at the same time:
 * the reference counting must release each cluster and each owner exactly
 * once (KASAN catches a double free, the counters a leak).
 */
static void pool_shared_free_race(struct kunit *test)
{
	struct race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct task_struct *task;
	int n, i = 0;

	KUNIT_ASSERT_NOT_NULL(test, r);
	task = kthread_run(race_thread, r, "iopkt_mbuf_race");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	for (n = 0; n < RACE_ROUNDS; n++) {
		struct mbuf *m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR), *c;

		if (!m)
			break;
		m->m_len = m->m_pkthdr.len = 64;
		c = m_copym(m, 0, M_COPYALL, M_WAITOK);
		if (!c) {
			m_freem(m);
			break;
		}
		while (atomic_read_acquire(&r->ready[i]))
			cond_resched();
		r->slot[i] = n & 1 ? m : c;
		atomic_set_release(&r->ready[i], 1);
		m_freem(n & 1 ? c : m);
		i = (i + 1) % RACE_SLOTS;
	}
	KUNIT_EXPECT_EQ(test, n, RACE_ROUNDS);
	while (n == RACE_ROUNDS && !atomic_read(&r->done))
		msleep(20);
	kthread_stop(task);
	for (i = 0; i < RACE_SLOTS; i++)
		if (atomic_read(&r->ready[i]))
			m_freem(r->slot[i]);
}

static void pool_stats_counts(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct mbuf *m;

	iopkt_mbuf_stats(&s0);
	m = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);
	KUNIT_ASSERT_NOT_NULL(test, m);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.clusters.in_use, s0.clusters.in_use + 1);
	KUNIT_EXPECT_EQ(test, s1.mbufs.in_use, s0.mbufs.in_use + 1);
	KUNIT_EXPECT_GE(test, s1.clusters.peak, s1.clusters.in_use);
	KUNIT_EXPECT_EQ(test, s1.clusters.allocs - s0.clusters.allocs, 1ULL);
	m_freem(m);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.clusters.frees - s0.clusters.frees, 1ULL);
	KUNIT_EXPECT_EQ(test, s1.mbufs.frees - s0.mbufs.frees, 1ULL);
	KUNIT_EXPECT_EQ(test, (long)(s1.clusters.allocs - s1.clusters.frees),
			s1.clusters.in_use);
}

/*
 * peak is sampled when a CPU folds its share of in_use into the pool's
 * count: holding many objects at once must still show, give or take
 * MPOOL_FOLD - 1 per CPU.
 */
static void pool_stats_peak(struct kunit *test)
{
	const int n = MPOOL_FOLD * (num_online_cpus() + 2);
	struct iopkt_mbuf_stats s0, s1;
	struct mbuf **ms;
	long slack;
	int i;

	ms = kunit_kcalloc(test, n, sizeof(*ms), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ms);
	iopkt_mbuf_stats(&s0);
	for (i = 0; i < n; i++) {
		ms[i] = m_get(M_WAITOK, MT_DATA);
		KUNIT_ASSERT_NOT_NULL(test, ms[i]);
	}
	for (i = 0; i < n; i++)
		m_freem(ms[i]);
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_EQ(test, s1.mbufs.in_use, s0.mbufs.in_use);
	slack = (long)(MPOOL_FOLD - 1) * num_online_cpus();
	KUNIT_EXPECT_GE(test, s1.mbufs.peak, s0.mbufs.in_use + n - slack);
}

/* M_WAITOK in the stack context gives the stack up while it waits. */
struct stk_wait {
	struct _iopkt_self *stk;
	struct mbuf *held;
	struct mbuf *got;
	bool waiting;
	bool freer_entered;
};

static int stk_wait_alloc(void *arg)
{
	struct stk_wait *w = arg;

	WRITE_ONCE(w->waiting, true);
	w->got = m_getcl(M_WAITOK, MT_DATA, M_PKTHDR);
	return 0;
}

static int stk_wait_free(void *arg)
{
	struct stk_wait *w = arg;

	w->freer_entered = READ_ONCE(w->waiting) && !w->got;
	m_freem(w->held);
	return 0;
}

static int stk_freer_thread(void *arg)
{
	struct stk_wait *w = arg;

	while (!READ_ONCE(w->waiting))
		usleep_range(1000, 2000);
	/* gets in only once the allocator gave the stack context up */
	iopkt_stack_call(w->stk, stk_wait_free, w);
	while (!kthread_should_stop())
		msleep(20);
	return 0;
}

static void pool_waitok_in_stack_releases_it(struct kunit *test)
{
	struct iopkt_stack_stats st;
	struct task_struct *task;
	struct stk_wait w = {};

	w.stk = kunit_stack(test, 69, 1);
	limit_to(1);
	w.held = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	KUNIT_ASSERT_NOT_NULL(test, w.held);
	task = kthread_run(stk_freer_thread, &w, "iopkt_stk_freer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	iopkt_stack_call(w.stk, stk_wait_alloc, &w);
	kthread_stop(task);
	iopkt_mbuf_set_limit(0);
	KUNIT_EXPECT_NOT_NULL(test, w.got);
	/* the freer got into the stack context while we waited in it */
	KUNIT_EXPECT_TRUE(test, w.freer_entered);
	iopkt_stack_get_stats(w.stk, &st);
	KUNIT_EXPECT_GE(test, st.ltsleeps, 1ULL);
	m_freem(w.got);
	iopkt_stack_destroy(w.stk);
}

/*
 * mbufs from hard IRQ context while a worker uses its per-thread caches on
 * the same CPUs: IRQ context has no WTP, so it never touches a cache.
 */
struct irq_mix {
	struct _iopkt_self *stk;
	struct _iopkt_inter src;
	struct hrtimer timer;
	atomic_t irq_ops;
	atomic_t irq_had_wtp;
	atomic_t worker_ops;
	bool stop;
};

static enum hrtimer_restart irq_mix_timer(struct hrtimer *t)
{
	struct irq_mix *x = container_of(t, struct irq_mix, timer);
	struct mbuf *m = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);

	if (WTP)
		atomic_inc(&x->irq_had_wtp);
	if (m) {
		m_freem(m);
		atomic_inc(&x->irq_ops);
	}
	if (READ_ONCE(x->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(50 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static int irq_mix_event(void *arg, struct nw_work_thread *wtp)
{
	struct irq_mix *x = arg;
	struct mbuf *m[8];
	int i;

	for (i = 0; i < 8; i++)
		m[i] = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	for (i = 0; i < 8; i++)
		m_freem(m[i]);
	atomic_add(8, &x->worker_ops);
	if (!READ_ONCE(x->stop))
		interrupt_queue(x->stk, &x->src);
	return 1;
}

static void mbuf_irq_context_no_cache(struct kunit *test)
{
	struct iopkt_mbuf_stats s0, s1;
	struct irq_mix *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	iopkt_mbuf_stats(&s0);
	x->stk = kunit_stack(test, 68, 0);
	x->src.func = irq_mix_event;
	x->src.arg = x;
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(x->stk, &x->src, 0, 0),
			0);
	hrtimer_init(&x->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	x->timer.function = irq_mix_timer;
	hrtimer_start(&x->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	interrupt_queue(x->stk, &x->src);
	/* mix for 1 s at least, and until both sides allocated */
	msleep(1000);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&x->irq_ops) > 0 &&
						 atomic_read(&x->worker_ops) > 0));
	WRITE_ONCE(x->stop, true);
	hrtimer_cancel(&x->timer);
	interrupt_entry_remove(&x->src, NULL);	/* waits for a running event */
	iopkt_stack_destroy(x->stk);	/* workers drain their caches */
	iopkt_mbuf_stats(&s1);
	KUNIT_EXPECT_GT(test, atomic_read(&x->irq_ops), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&x->worker_ops), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->irq_had_wtp), 0);
	KUNIT_EXPECT_EQ(test, s1.clusters.in_use, s0.clusters.in_use);
	KUNIT_EXPECT_EQ(test, s1.mbufs.in_use, s0.mbufs.in_use);
	kunit_info(test, "irq ops %d worker ops %d",
		   atomic_read(&x->irq_ops), atomic_read(&x->worker_ops));
}

static struct kunit_case iopkt_mbuf_pool_cases[] = {
	KUNIT_CASE(pool_mclbytes_fit),
	KUNIT_CASE_PARAM(pool_private_geometry, pool_geom_gen_params),
	KUNIT_CASE(pool_cache_on),
	KUNIT_CASE(pool_cache_off),
	KUNIT_CASE(pool_exhaustion_dontwait),
	KUNIT_CASE(pool_exhaustion_waitok),
	KUNIT_CASE(pool_waitok_in_stack_releases_it),
	KUNIT_CASE(mbuf_irq_context_no_cache),
	KUNIT_CASE(pool_shared_free_race),
	KUNIT_CASE(pool_stats_counts),
	KUNIT_CASE(pool_stats_peak),
	{}
};

static struct kunit_suite iopkt_mbuf_pool_suite = {
	.name = "iopkt_mbuf_pool",
	.init = mbuf_kunit_init,
	.exit = mbuf_kunit_exit,
	.test_cases = iopkt_mbuf_pool_cases,
};

kunit_test_suites(&iopkt_mbuf_ops_suite, &iopkt_mbuf_pool_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("KUnit suites of the iopkt mbuf subsystem");
