/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the mbuf subsystem of iopkt.ko: the pools behind
 * mbufs and clusters, shared by mbuf_pool.c, mbuf_alloc.c, mbuf.c,
 * mbuf_skb.c and mbuf_init.c, and the hooks the KUnit suites and the
 * benchmark use.
 */
#ifndef _IOPKT_MBUF_POOL_H
#define _IOPKT_MBUF_POOL_H

#include <linux/percpu.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include <iopkt/mbuf.h>

struct nw_work_thread;

/*
 * Per-CPU counters of a pool: those that only ever grow, and this CPU's
 * share of @in_use (not yet folded into struct mpool's) and of @cached.
 * A share may go negative: an object can be freed on another CPU than
 * the one it was allocated on. Only the sum over the CPUs means anything.
 */
struct mpool_pcpu {
	long in_use;
	long cached;
	u64 allocs;
	u64 frees;
	u64 cache_hits;
	u64 cache_misses;
	u64 failures;
	u64 waits;
};

/**
 * struct mpool - accounting and waiting common to the mbuf and cluster pools
 * @pcpu: per-CPU counters; the per-CPU shares of in_use and cached
 * @in_use: objects held by callers, as far as the CPUs folded their share
 *	in (MPOOL_FOLD at a time): the exact count is this plus every
 *	CPU's share (mpool_in_use())
 * @peak: highest @in_use seen when a CPU folded its share in: it misses
 *	a burst by at most MPOOL_FOLD - 1 objects per CPU (mpool_stats()
 *	reports at least the exact in_use)
 * @out: objects out of the pool proper (@in_use + @cached + handed over);
 *	what @limit bounds
 * @limit: hard limit on @out, 0 for none
 * @wq: M_WAITOK allocations wait here for a free
 * @free_seq: bumped by a free when someone waits on @wq
 * @stk_sleepers: M_WAITOK allocations asleep in the stack context
 *	(tsleep on the pool), woken with wakeup()
 *
 * Objects in per-thread caches (cached) are counted per CPU only.
 */
struct mpool {
	struct mpool_pcpu __percpu *pcpu;
	atomic_long_t in_use;
	atomic_long_t peak;
	atomic_long_t out;
	unsigned long limit;
	wait_queue_head_t wq;
	atomic_long_t free_seq;
	atomic_t stk_sleepers;
};

/**
 * struct mcl_pool - a pool of clusters carved from page-allocator chunks
 * @st: accounting
 * @mclbytes: data bytes of a cluster
 * @stride: bytes a cluster occupies: @mclbytes, then room for the struct
 *	skb_shared_info build_skb() puts there, cache-line aligned
 * @chunk_order: page order of a chunk taken from the page allocator
 * @per_chunk: clusters carved from a chunk
 * @lock: protects @free and @nfree
 * @free: free clusters, linked through their first word
 * @nfree: clusters in @free
 * @free_max: above this many free clusters, frees go back to the pages
 * @chunks: chunks allocated so far
 * @to_linux: clusters handed to Linux as sk_buff heads
 *
 * Every cluster holds one reference on its chunk's (compound) head page.
 * A cluster leaves the pool either back to @free, or by put_page(), or as
 * the head of an sk_buff that Linux frees with page_frag_free().
 */
struct mcl_pool {
	struct mpool st;
	unsigned int mclbytes;
	unsigned int stride;
	unsigned int chunk_order;
	unsigned int per_chunk;
	spinlock_t lock;
	void *free;
	long nfree;
	long free_max;
	atomic64_t chunks;
	atomic64_t to_linux;
};

/* global state of the subsystem */
extern struct mcl_pool iopkt_mcl;
extern struct mpool iopkt_mbuf_pool;
extern unsigned int iopkt_mcache_mbufs;
extern unsigned int iopkt_mcache_pkts;

/* M_WAITOK: sleep at most this long for one free, this many times */
#define MBUF_WAIT_SLICE		(HZ / 10)
#define MBUF_WAIT_TRIES		100

#define MPOOL_INC(p, field)	this_cpu_inc((p)->pcpu->field)
#define MPOOL_ADD(p, field, n)	this_cpu_add((p)->pcpu->field, n)

/* a CPU's share of in_use goes to the pool's count this many at a time */
#define MPOOL_FOLD		32

static inline gfp_t mbuf_gfp(int how)
{
	return (how & M_NOWAIT) ? (GFP_ATOMIC | __GFP_NOWARN) : GFP_KERNEL;
}

void mpool_got(struct mpool *p);
void mpool_put(struct mpool *p);
void mpool_stats(struct mpool *p, struct iopkt_mbuf_pool_stats *s);
long mpool_in_use(struct mpool *p);
long mpool_cached(struct mpool *p);
int mpool_init(struct mpool *p);
void mpool_destroy(struct mpool *p);
bool mbuf_wait_for_free(struct mpool *p, long seen);

/* cluster pools (mbuf_pool.c) */
int iopkt_mcl_pool_init(struct mcl_pool *pool, unsigned int mclbytes,
			unsigned long pagesize);
long iopkt_mcl_pool_destroy(struct mcl_pool *pool);
void *iopkt_mcl_pool_get(struct mcl_pool *pool, gfp_t gfp);
void iopkt_mcl_pool_put(struct mcl_pool *pool, void *buf);
struct sk_buff *iopkt_mcl_build_skb(struct mcl_pool *pool, void *buf);
void mcl_uncache(struct mcl_pool *pool, void *buf);
void *mcl_get(int how);

/* mbuf headers (mbuf_alloc.c) */
void mbuf_hdr_put(struct mbuf *m, struct nw_work_thread *wtp);
struct mbuf *mbuf_hdr_get(int how, struct nw_work_thread *wtp);
void mbuf_ext_init(struct mbuf *m, void *buf, size_t size, int type);
void mbuf_ext_share(struct mbuf *n, const struct mbuf *m);
int mbuf_init_alloc(unsigned long pagesize);

/* packet tags across the skb boundary (m_tag.c, m_tag_skb.c) */
void m_tag_free_chain(struct m_tag *t);
void iopkt_mtag_skb_give(struct sk_buff *skb, struct m_tag *tags);
struct m_tag *iopkt_mtag_skb_take(struct sk_buff *skb);
void mbuf_exit_alloc(void);

/* test and benchmark hooks */
unsigned long iopkt_mbuf_set_limit(unsigned long max_clusters);
void iopkt_mbuf_set_cache(unsigned int mbufs, unsigned int pkts);
void iopkt_mbuf_get_cache(unsigned int *mbufs, unsigned int *pkts);
int iopkt_mbuf_debugfs_init(void);

/* sk_buff conversion counters (mbuf_skb.c) */
/* conversions at the skb boundary, counted per CPU (mbuf_skb.c) */
struct mskb_counts {
	u64 m_to_skb_zc;
	u64 m_to_skb_copy;
	u64 skb_to_m_zc;
	u64 skb_to_m_copy;
};
DECLARE_PER_CPU(struct mskb_counts, iopkt_mskb_counts);
#define mskb_count(field)	this_cpu_inc(iopkt_mskb_counts.field)

#endif /* _IOPKT_MBUF_POOL_H */
