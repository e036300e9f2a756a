// SPDX-License-Identifier: GPL-2.0
/*
 * Pool accounting, waiting for a free, and the cluster pools.
 *
 * Clusters come from the page allocator, not from a kmem_cache: a chunk of
 * at least pagesize bytes (io-pkt's allocation quantum) is allocated as one
 * compound page and carved into clusters of `stride' bytes: mclbytes of
 * data, then SKB_DATA_ALIGN(sizeof(struct skb_shared_info)), rounded to a
 * cache line. Each cluster holds one reference on the chunk's head page.
 * That is the layout build_skb() wants for a page-fragment head (frag_size
 * != 0): Linux frees such a head with page_frag_free(), which drops that one
 * page reference, so a cluster can become an sk_buff head without a copy
 * and outlive iopkt.ko. A chunk goes back to the page allocator when its
 * last cluster is released.
 *
 * Chunk size: the smallest power-of-two number of pages that is at least
 * pagesize and holds a cluster, grown (up to order max(3, that order + 1))
 * while more than 1/8 of it would be wasted. Defaults (4 KiB pages,
 * mclbytes=2048): 2368-byte stride, 32 KiB chunks of 13 clusters. When
 * such a chunk cannot be allocated (fragmentation, GFP_ATOMIC), the pool
 * falls back to the smallest order that holds one cluster.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/skbuff.h>

#include <iopkt/ltsleep.h>
#include <iopkt/stack.h>

#include "mbuf/mbuf_pool.h"

int mpool_init(struct mpool *p)
{
	p->pcpu = alloc_percpu(struct mpool_pcpu);
	if (!p->pcpu)
		return -ENOMEM;
	atomic_long_set(&p->in_use, 0);
	atomic_long_set(&p->peak, 0);
	atomic_long_set(&p->out, 0);
	atomic_long_set(&p->free_seq, 0);
	atomic_set(&p->stk_sleepers, 0);
	p->limit = 0;
	init_waitqueue_head(&p->wq);
	return 0;
}

void mpool_destroy(struct mpool *p)
{
	free_percpu(p->pcpu);
	p->pcpu = NULL;
}

/*
 * Move @d objects of this CPU's in_use share into the pool's count; the
 * caller just read the share as @d. The share is taken down first, so a
 * reader may count @d short for a moment, never twice. Preemption between
 * the two steps moves the fold to another CPU's share: the sum stays right.
 */
static long mpool_fold(struct mpool *p, long d)
{
	this_cpu_sub(p->pcpu->in_use, d);
	return atomic_long_add_return(d, &p->in_use);
}

/*
 * An object was handed to a caller. Per CPU: a shared counter only every
 * MPOOL_FOLD objects, and then the peak (see struct mpool).
 */
void mpool_got(struct mpool *p)
{
	long d = this_cpu_add_return(p->pcpu->in_use, 1);
	long v, peak;

	MPOOL_INC(p, allocs);
	if (likely(d < MPOOL_FOLD))
		return;
	v = mpool_fold(p, d);
	peak = atomic_long_read(&p->peak);
	while (v > peak && !atomic_long_try_cmpxchg(&p->peak, &peak, v))
		;
}

/* wake M_WAITOK allocations waiting for @p: plain sleepers and stack ones */
static void mpool_wake(struct mpool *p)
{
	if (wq_has_sleeper(&p->wq)) {
		atomic_long_inc(&p->free_seq);
		wake_up(&p->wq);
	}
	if (atomic_read(&p->stk_sleepers))
		wakeup(p);
}

/* a caller gave an object back; wake whoever waits for one */
void mpool_put(struct mpool *p)
{
	long d = this_cpu_add_return(p->pcpu->in_use, -1);

	if (unlikely(d <= -MPOOL_FOLD))
		mpool_fold(p, d);
	MPOOL_INC(p, frees);
	mpool_wake(p);
}

/* objects held by callers, exact when no CPU is allocating or freeing */
long mpool_in_use(struct mpool *p)
{
	long n = atomic_long_read(&p->in_use);
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(p->pcpu, cpu)->in_use);
	return n;
}

/* objects in per-thread caches */
long mpool_cached(struct mpool *p)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(p->pcpu, cpu)->cached);
	return n;
}

void mpool_stats(struct mpool *p, struct iopkt_mbuf_pool_stats *s)
{
	int cpu;

	memset(s, 0, sizeof(*s));
	s->in_use = mpool_in_use(p);
	s->cached = mpool_cached(p);
	/* the peak is sampled at folds: it is at least what is in use now */
	s->peak = max(atomic_long_read(&p->peak), s->in_use);
	for_each_possible_cpu(cpu) {
		struct mpool_pcpu *c = per_cpu_ptr(p->pcpu, cpu);

		s->allocs += c->allocs;
		s->frees += c->frees;
		s->cache_hits += c->cache_hits;
		s->cache_misses += c->cache_misses;
		s->failures += c->failures;
		s->waits += c->waits;
	}
}

/* a pool with a limit is below it (a pool without one waits for frees) */
static bool mpool_has_room(struct mpool *p)
{
	unsigned long limit = READ_ONCE(p->limit);

	return limit && atomic_long_read(&p->out) < (long)limit;
}

/**
 * mbuf_wait_for_free() - the one place an M_WAITOK allocation sleeps
 * @p: the pool that had nothing to give
 * @seen: @p->free_seq read before the failed attempt
 *
 * Sleeps until an object is given back to @p (or, for a pool with a limit,
 * until it is below the limit), at most MBUF_WAIT_SLICE. The caller retries
 * the allocation after each return, MBUF_WAIT_TRIES times at most, then
 * fails. In the stack context the sleep is a tsleep(), which gives the
 * stack context up meanwhile, so the stack keeps running (and can free what
 * we wait for); elsewhere it is a plain Linux sleep.
 *
 * Context: process context, may sleep.
 * Return: true if woken by a free, false on timeout.
 */
bool mbuf_wait_for_free(struct mpool *p, long seen)
{
	long left;

	MPOOL_INC(p, waits);
	if (ISSTACK) {
		int ret;

		/* a free racing the check costs at most one slice */
		atomic_inc(&p->stk_sleepers);
		ret = mpool_has_room(p) ? 0 :
		      tsleep(p, 0, "mbuf", MBUF_WAIT_SLICE);
		atomic_dec(&p->stk_sleepers);
		return ret == 0;
	}
	left = wait_event_timeout(p->wq,
				  atomic_long_read(&p->free_seq) != seen ||
				  mpool_has_room(p), MBUF_WAIT_SLICE);
	return left > 0;
}

/* take a slot under the limit; false when the limit is reached */
static bool mpool_take(struct mpool *p)
{
	long v = atomic_long_read(&p->out);

	do {
		unsigned long limit = READ_ONCE(p->limit);

		if (limit && v >= (long)limit)
			return false;
	} while (!atomic_long_try_cmpxchg(&p->out, &v, v + 1));
	return true;
}

static void mcl_geometry(struct mcl_pool *pool, unsigned int mclbytes,
			 unsigned long pagesize)
{
	unsigned int stride, order, max_order;

	stride = ALIGN(mclbytes + SKB_DATA_ALIGN(sizeof(struct skb_shared_info)),
		       SMP_CACHE_BYTES);
	order = get_order(max_t(unsigned long, pagesize, stride));
	max_order = max_t(unsigned int, order + 1, PAGE_ALLOC_COSTLY_ORDER);
	while (order < max_order) {
		unsigned long bytes = PAGE_SIZE << order;

		if ((bytes % stride) * 8 <= bytes)
			break;
		order++;
	}
	pool->mclbytes = mclbytes;
	pool->stride = stride;
	pool->chunk_order = order;
	pool->per_chunk = (PAGE_SIZE << order) / stride;
}

/**
 * iopkt_mcl_pool_init() - set up a cluster pool
 * @pool: the pool
 * @mclbytes: data bytes of a cluster
 * @pagesize: smallest chunk taken from the page allocator at once
 *
 * Internal to iopkt; exported for the KUnit suites (private jumbo pools).
 * Return: 0 or -ENOMEM.
 */
int iopkt_mcl_pool_init(struct mcl_pool *pool, unsigned int mclbytes,
			unsigned long pagesize)
{
	memset(pool, 0, sizeof(*pool));
	mcl_geometry(pool, mclbytes, pagesize);
	spin_lock_init(&pool->lock);
	pool->free_max = max_t(long, 4 * pool->per_chunk, 64);
	return mpool_init(&pool->st);
}
EXPORT_SYMBOL_NS_GPL(iopkt_mcl_pool_init, IOPKT);

static void mcl_release_page(void *buf)
{
	put_page(virt_to_head_page(buf));
}

/**
 * iopkt_mcl_pool_destroy() - release the free clusters of a pool
 * @pool: the pool
 *
 * Clusters still in use keep their chunk allocated (a leak, but no crash
 * when they are freed later: only the page reference is dropped).
 *
 * Return: clusters still out of the pool (0 when nothing leaked).
 */
long iopkt_mcl_pool_destroy(struct mcl_pool *pool)
{
	void *buf, *next;
	long out = atomic_long_read(&pool->st.out);

	for (buf = pool->free; buf; buf = next) {
		next = *(void **)buf;
		mcl_release_page(buf);
	}
	pool->free = NULL;
	pool->nfree = 0;
	mpool_destroy(&pool->st);
	return out;
}
EXPORT_SYMBOL_NS_GPL(iopkt_mcl_pool_destroy, IOPKT);

/* a compound page of @order, or NULL */
static struct page *mcl_alloc_chunk(gfp_t gfp, unsigned int order)
{
	if (order && (gfp & __GFP_NOWARN))
		gfp |= __GFP_NORETRY;
	return alloc_pages(gfp | __GFP_COMP | __GFP_NOWARN, order);
}

/*
 * Allocate a chunk; return one cluster, put the others on the free list.
 * When a chunk of the chosen order cannot be had (fragmented memory, atomic
 * context), fall back to the smallest order holding one cluster.
 */
static void *mcl_grow(struct mcl_pool *pool, gfp_t gfp)
{
	unsigned int order = pool->chunk_order, n = pool->per_chunk, i;
	unsigned int min_order = get_order(pool->stride);
	unsigned long flags;
	struct page *page;
	char *base;

	page = mcl_alloc_chunk(gfp, order);
	if (!page && order > min_order) {
		order = min_order;
		n = (PAGE_SIZE << order) / pool->stride;
		page = mcl_alloc_chunk(gfp, order);
	}
	if (!page)
		return NULL;
	if (n > 1)
		page_ref_add(page, n - 1);
	atomic64_inc(&pool->chunks);
	base = page_address(page);
	spin_lock_irqsave(&pool->lock, flags);
	for (i = 1; i < n; i++) {
		void *c = base + i * pool->stride;

		*(void **)c = pool->free;
		pool->free = c;
		pool->nfree++;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	return base;
}

/**
 * iopkt_mcl_pool_get() - a cluster from a pool
 * @pool: the pool
 * @gfp: how to allocate a new chunk if the free list is empty
 *
 * No waiting, no failure counting: see mcl_get() for that. Internal to
 * iopkt; exported for the KUnit suites.
 *
 * Return: the cluster (@pool->mclbytes usable bytes), or NULL when the pool
 * is at its limit or no memory is available.
 */
void *iopkt_mcl_pool_get(struct mcl_pool *pool, gfp_t gfp)
{
	unsigned long flags;
	void *buf;

	if (!mpool_take(&pool->st))
		return NULL;
	spin_lock_irqsave(&pool->lock, flags);
	buf = pool->free;
	if (buf) {
		pool->free = *(void **)buf;
		pool->nfree--;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	if (!buf)
		buf = mcl_grow(pool, gfp);
	if (!buf) {
		atomic_long_dec(&pool->st.out);
		return NULL;
	}
	mpool_got(&pool->st);
	return buf;
}
EXPORT_SYMBOL_NS_GPL(iopkt_mcl_pool_get, IOPKT);

/* a cluster leaves the pool's accounting without being freed */
static void mcl_forget(struct mcl_pool *pool)
{
	atomic_long_dec(&pool->st.out);
	mpool_put(&pool->st);
}

/*
 * Put a cluster on the free list or release its page reference. The
 * caller does the accounting.
 */
static void mcl_free_raw(struct mcl_pool *pool, void *buf)
{
	unsigned long flags;
	bool keep;

	spin_lock_irqsave(&pool->lock, flags);
	keep = pool->nfree < pool->free_max;
	if (keep) {
		*(void **)buf = pool->free;
		pool->free = buf;
		pool->nfree++;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	if (!keep)
		mcl_release_page(buf);
}

/**
 * iopkt_mcl_pool_put() - give a cluster back to its pool
 * @pool: the pool it came from
 * @buf: the cluster
 *
 * Internal to iopkt; exported for the KUnit suites.
 */
void iopkt_mcl_pool_put(struct mcl_pool *pool, void *buf)
{
	mcl_free_raw(pool, buf);
	mcl_forget(pool);
}
EXPORT_SYMBOL_NS_GPL(iopkt_mcl_pool_put, IOPKT);

/* a cluster in a per-thread cache goes back to the pool */
void mcl_uncache(struct mcl_pool *pool, void *buf)
{
	mcl_free_raw(pool, buf);
	MPOOL_ADD(&pool->st, cached, -1);
	atomic_long_dec(&pool->st.out);
	mpool_wake(&pool->st);
}

/**
 * iopkt_mcl_build_skb() - make a cluster the head of a new sk_buff
 * @pool: the pool the cluster came from
 * @buf: the cluster, no longer referenced by any mbuf
 *
 * On success the cluster belongs to the sk_buff (Linux frees it with
 * page_frag_free()) and leaves @pool's accounting. The data area of the
 * sk_buff starts at @buf and holds at least @pool->mclbytes bytes.
 *
 * Context: any.
 * Return: the sk_buff (len 0, no headroom), or NULL (the cluster is then
 * still the caller's).
 */
struct sk_buff *iopkt_mcl_build_skb(struct mcl_pool *pool, void *buf)
{
	struct sk_buff *skb = build_skb(buf, pool->stride);

	if (!skb)
		return NULL;
	atomic64_inc(&pool->to_linux);
	mcl_forget(pool);
	return skb;
}
EXPORT_SYMBOL_NS_GPL(iopkt_mcl_build_skb, IOPKT);
