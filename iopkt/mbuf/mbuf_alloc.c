// SPDX-License-Identifier: GPL-2.0
/*
 * Allocating and freeing mbufs and clusters, with the per-thread caches.
 *
 * mbuf headers come from a kmem_cache of MSIZE objects. A thread io-pkt
 * knows (a struct nw_work_thread) keeps up to mbuf_cache free mbufs and
 * pkt_cache free mbuf+cluster pairs in its wtp->mcache; only that thread
 * touches them, so they need no lock. An empty mbuf cache is refilled with
 * one bulk allocation of pagesize / MSIZE mbufs (at most the cache size):
 * pagesize is the quantum the mbuf pool takes from the slab allocator.
 *
 * External storage is shared by reference: the first mbuf given the
 * storage (the owner, m_ext.ext_ref == itself) holds the reference count;
 * copies point at it. An owner freed while copies remain stays allocated
 * (type MT_FREE) until the last copy goes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include <iopkt/nw_thread.h>

#include "mbuf/mbuf_pool.h"

static struct kmem_cache *mbuf_slab;
static unsigned int mbuf_quantum;

#define MBUF_BULK	16

/* pop one object from a per-thread cache list */
static struct mbuf *mcache_pop(struct mbuf **list, unsigned int *n)
{
	struct mbuf *m = *list;

	if (m) {
		*list = m->m_next;
		(*n)--;
	}
	return m;
}

static void mcache_push(struct mbuf **list, unsigned int *n, struct mbuf *m)
{
	m->m_next = *list;
	*list = m;
	(*n)++;
}

/* fill an empty mbuf cache with one allocation quantum */
static void mbuf_refill(struct iopkt_mcache *mc, unsigned int cap, int how)
{
	unsigned int want = min(cap, mbuf_quantum);
	void *objs[MBUF_BULK];

	if (irqs_disabled())
		return;
	while (want) {
		unsigned int n = min_t(unsigned int, want, MBUF_BULK);
		int got = kmem_cache_alloc_bulk(mbuf_slab, mbuf_gfp(how), n,
						objs);
		int i;

		if (!got)
			return;
		for (i = 0; i < got; i++)
			mcache_push(&mc->mbufs, &mc->nmbufs, objs[i]);
		MPOOL_ADD(&iopkt_mbuf_pool, cached, got);
		want -= got;
	}
}

static struct mbuf *mbuf_slab_get(int how)
{
	struct mpool *p = &iopkt_mbuf_pool;
	struct mbuf *m;
	int tries;

	for (tries = 0; ; tries++) {
		long seen = atomic_long_read(&p->free_seq);

		m = kmem_cache_alloc(mbuf_slab, mbuf_gfp(how));
		if (m || (how & M_NOWAIT) || tries >= MBUF_WAIT_TRIES)
			return m;
		mbuf_wait_for_free(p, seen);
	}
}

/* an uninitialised mbuf, from @wtp's cache if it has one */
struct mbuf *mbuf_hdr_get(int how, struct nw_work_thread *wtp)
{
	struct mpool *p = &iopkt_mbuf_pool;
	unsigned int cap = wtp ? READ_ONCE(iopkt_mcache_mbufs) : 0;
	struct mbuf *m = NULL;

	if (!(how & M_NOWAIT))
		might_sleep();
	if (cap) {
		m = mcache_pop(&wtp->mcache.mbufs, &wtp->mcache.nmbufs);
		if (m) {
			MPOOL_ADD(p, cached, -1);
			MPOOL_INC(p, cache_hits);
			mpool_got(p);
			return m;
		}
		MPOOL_INC(p, cache_misses);
		mbuf_refill(&wtp->mcache, cap, how);
		m = mcache_pop(&wtp->mcache.mbufs, &wtp->mcache.nmbufs);
		if (m)
			MPOOL_ADD(p, cached, -1);
	}
	if (!m)
		m = mbuf_slab_get(how);
	if (!m) {
		MPOOL_INC(p, failures);
		return NULL;
	}
	mpool_got(p);
	return m;
}

/* an mbuf header goes back to @wtp's cache or to the slab */
void mbuf_hdr_put(struct mbuf *m, struct nw_work_thread *wtp)
{
	unsigned int cap = wtp ? READ_ONCE(iopkt_mcache_mbufs) : 0;

	m->m_type = MT_FREE;
	if (wtp && wtp->mcache.nmbufs < cap) {
		mcache_push(&wtp->mcache.mbufs, &wtp->mcache.nmbufs, m);
		MPOOL_INC(&iopkt_mbuf_pool, cached);
	} else {
		kmem_cache_free(mbuf_slab, m);
	}
	mpool_put(&iopkt_mbuf_pool);
}

/**
 * mcl_get() - a cluster of the global pool
 * @how: M_WAITOK or M_DONTWAIT
 *
 * With M_WAITOK, sleeps in mbuf_wait_for_free() while the pool is at its
 * limit or memory is short, and gives up after MBUF_WAIT_TRIES waits.
 *
 * Return: the cluster (MCLBYTES bytes) or NULL (counted as a failure).
 */
void *mcl_get(int how)
{
	struct mpool *p = &iopkt_mcl.st;
	void *buf;
	int tries;

	if (!(how & M_NOWAIT))
		might_sleep();
	for (tries = 0; ; tries++) {
		long seen = atomic_long_read(&p->free_seq);

		buf = iopkt_mcl_pool_get(&iopkt_mcl, mbuf_gfp(how));
		if (buf || (how & M_NOWAIT) || tries >= MBUF_WAIT_TRIES)
			break;
		mbuf_wait_for_free(p, seen);
	}
	if (!buf)
		MPOOL_INC(p, failures);
	return buf;
}

static void mbuf_init_hdr(struct mbuf *m, int type, int flags)
{
	m->m_next = NULL;
	m->m_nextpkt = NULL;
	m->m_len = 0;
	m->m_type = type;
	m->m_flags = flags & M_COPYFLAGS;
	if (m->m_flags & M_PKTHDR) {
		memset(&m->m_pkthdr, 0, sizeof(m->m_pkthdr));
		m->m_data = m->m_pktdat;
	} else {
		m->m_data = m->m_dat;
	}
}

/**
 * m_get_wtp() - allocate an mbuf, using a thread's mbuf cache
 * @how: M_DONTWAIT (never sleeps) or M_WAITOK (may sleep)
 * @type: MT_DATA, MT_HEADER, ...
 * @wtp: the calling thread's nw_work_thread, or NULL for no cache
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK. @wtp must
 * be the caller's own.
 * Return: an mbuf with MLEN bytes of internal storage, or NULL.
 */
struct mbuf *m_get_wtp(int how, int type, struct nw_work_thread *wtp)
{
	struct mbuf *m = mbuf_hdr_get(how, wtp);

	if (m)
		mbuf_init_hdr(m, type, 0);
	return m;
}
EXPORT_SYMBOL_NS_GPL(m_get_wtp, IOPKT);

/**
 * m_gethdr_wtp() - allocate a packet header mbuf, using a thread's cache
 * @how: M_DONTWAIT or M_WAITOK
 * @type: MT_DATA, MT_HEADER, ...
 * @wtp: the calling thread's nw_work_thread, or NULL
 *
 * Context: as m_get_wtp().
 * Return: an mbuf with M_PKTHDR, a zeroed m_pkthdr and MHLEN bytes of
 * internal storage, or NULL.
 */
struct mbuf *m_gethdr_wtp(int how, int type, struct nw_work_thread *wtp)
{
	struct mbuf *m = mbuf_hdr_get(how, wtp);

	if (m)
		mbuf_init_hdr(m, type, M_PKTHDR);
	return m;
}
EXPORT_SYMBOL_NS_GPL(m_gethdr_wtp, IOPKT);

/**
 * m_get() - allocate an mbuf
 * @how: M_DONTWAIT or M_WAITOK
 * @type: MT_DATA, MT_HEADER, ...
 *
 * Uses the calling thread's cache (WTP) when it is an io-pkt thread.
 * Context: as m_get_wtp().
 * Return: the mbuf or NULL.
 */
struct mbuf *m_get(int how, int type)
{
	return m_get_wtp(how, type, iopkt_wtp());
}
EXPORT_SYMBOL_NS_GPL(m_get, IOPKT);

/**
 * m_gethdr() - allocate a packet header mbuf
 * @how: M_DONTWAIT or M_WAITOK
 * @type: MT_DATA, MT_HEADER, ...
 *
 * Context: as m_get_wtp().
 * Return: the mbuf or NULL.
 */
struct mbuf *m_gethdr(int how, int type)
{
	return m_gethdr_wtp(how, type, iopkt_wtp());
}
EXPORT_SYMBOL_NS_GPL(m_gethdr, IOPKT);

/* make @m the owner of external storage @buf */
void mbuf_ext_init(struct mbuf *m, void *buf, size_t size, int type)
{
	m->m_ext.ext_buf = buf;
	m->m_ext.ext_size = size;
	m->m_ext.ext_free = NULL;
	m->m_ext.ext_arg = NULL;
	m->m_ext.ext_ref = m;
	m->m_ext.ext_type = type;
	atomic_set(&m->m_ext.ext_refcnt, 1);
	m->m_flags |= M_EXT;
	m->m_flags &= ~(M_CLUSTER | M_EXT_RDONLY);
	if (type == EXT_CLUSTER)
		m->m_flags |= M_CLUSTER;
	m->m_data = buf;
}

/**
 * m_clget() - attach a cluster to an mbuf (MCLGET)
 * @m: an mbuf without external storage
 * @how: M_DONTWAIT or M_WAITOK
 *
 * On success @m has M_EXT and its data points at the start of a cluster
 * of MCLBYTES bytes; data in @m's internal storage is not carried over.
 * On failure @m is unchanged (callers test M_EXT, as with NetBSD's MCLGET).
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: 0, -EINVAL if @m already has external storage, -ENOMEM.
 */
int m_clget(struct mbuf *m, int how)
{
	void *buf;

	if (m->m_flags & M_EXT)
		return -EINVAL;
	buf = mcl_get(how);
	if (!buf)
		return -ENOMEM;
	mbuf_ext_init(m, buf, iopkt_mcl.mclbytes, EXT_CLUSTER);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(m_clget, IOPKT);

static struct mbuf *mpkt_cache_get(struct nw_work_thread *wtp)
{
	struct iopkt_mcache *mc = &wtp->mcache;
	struct mbuf *m = mcache_pop(&mc->pkts, &mc->npkts);

	if (!m)
		return NULL;
	MPOOL_ADD(&iopkt_mbuf_pool, cached, -1);
	MPOOL_ADD(&iopkt_mcl.st, cached, -1);
	MPOOL_INC(&iopkt_mcl.st, cache_hits);
	mpool_got(&iopkt_mbuf_pool);
	mpool_got(&iopkt_mcl.st);
	return m;
}

/**
 * m_getcl_wtp() - allocate an mbuf with a cluster, using a thread's caches
 * @how: M_DONTWAIT or M_WAITOK
 * @type: MT_DATA, MT_HEADER, ...
 * @flags: M_PKTHDR for a packet header mbuf, else 0
 * @wtp: the calling thread's nw_work_thread (the argument of the driver's
 *	process-interrupt callback), or NULL for no cache
 *
 * Takes a pair from @wtp's packet cache (pkt_cache) when there is one.
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK. @wtp must
 * be the caller's own.
 * Return: the mbuf, data at the start of an MCLBYTES cluster, or NULL.
 */
struct mbuf *m_getcl_wtp(int how, int type, int flags,
			 struct nw_work_thread *wtp)
{
	unsigned int cap = wtp ? READ_ONCE(iopkt_mcache_pkts) : 0;
	struct mbuf *m = NULL;
	void *buf;

	if (cap) {
		m = mpkt_cache_get(wtp);
		if (m) {
			mbuf_init_hdr(m, type, flags);
			m->m_flags |= M_EXT | M_CLUSTER;
			m->m_data = m->m_ext.ext_buf;
			return m;
		}
		MPOOL_INC(&iopkt_mcl.st, cache_misses);
	}
	m = mbuf_hdr_get(how, wtp);
	if (!m)
		return NULL;
	buf = mcl_get(how);
	if (!buf) {
		mbuf_hdr_put(m, wtp);
		return NULL;
	}
	mbuf_init_hdr(m, type, flags);
	mbuf_ext_init(m, buf, iopkt_mcl.mclbytes, EXT_CLUSTER);
	return m;
}
EXPORT_SYMBOL_NS_GPL(m_getcl_wtp, IOPKT);

/**
 * m_getcl() - allocate an mbuf with a cluster
 * @how: M_DONTWAIT or M_WAITOK
 * @type: MT_DATA, MT_HEADER, ...
 * @flags: M_PKTHDR or 0
 *
 * Context: as m_getcl_wtp().
 * Return: the mbuf or NULL.
 */
struct mbuf *m_getcl(int how, int type, int flags)
{
	return m_getcl_wtp(how, type, flags, iopkt_wtp());
}
EXPORT_SYMBOL_NS_GPL(m_getcl, IOPKT);

/**
 * m_extadd() - attach external storage to an mbuf (MEXTADD)
 * @m: an mbuf without external storage
 * @buf: the storage
 * @size: its size
 * @free: called when the last mbuf referring to @buf is freed; NULL means
 *	@buf was kmalloc'd and is kfree'd
 * @arg: passed to @free
 *
 * @m's data points at @buf with length 0 afterwards. Copies made with
 * m_copym() share @buf; @free runs once, for the last of them.
 *
 * Context: any.
 */
void m_extadd(struct mbuf *m, void *buf, size_t size, m_ext_free_t *free,
	      void *arg)
{
	mbuf_ext_init(m, buf, size, free ? EXT_EXTBUF : EXT_KMEM);
	m->m_ext.ext_free = free;
	m->m_ext.ext_arg = arg;
}
EXPORT_SYMBOL_NS_GPL(m_extadd, IOPKT);

/* make @m (whose storage has no other reference) a cached pair */
static bool mpkt_cache_put(struct mbuf *m, struct nw_work_thread *wtp)
{
	unsigned int cap = wtp ? READ_ONCE(iopkt_mcache_pkts) : 0;

	if (!wtp || wtp->mcache.npkts >= cap)
		return false;
	mbuf_ext_init(m, m->m_ext.ext_buf, m->m_ext.ext_size, EXT_CLUSTER);
	m->m_type = MT_FREE;
	mcache_push(&wtp->mcache.pkts, &wtp->mcache.npkts, m);
	MPOOL_INC(&iopkt_mbuf_pool, cached);
	MPOOL_INC(&iopkt_mcl.st, cached);
	mpool_put(&iopkt_mbuf_pool);
	mpool_put(&iopkt_mcl.st);
	return true;
}

/* release the storage of @m, the last reference to it */
static void m_ext_release_storage(struct mbuf *m)
{
	switch (m->m_ext.ext_type) {
	case EXT_CLUSTER:
		iopkt_mcl_pool_put(&iopkt_mcl, m->m_ext.ext_buf);
		break;
	case EXT_SKB:
		dev_consume_skb_any(m->m_ext.ext_arg);
		break;
	case EXT_KMEM:
		kfree(m->m_ext.ext_buf);
		break;
	default:
		m->m_ext.ext_free(m, m->m_ext.ext_buf, m->m_ext.ext_size,
				  m->m_ext.ext_arg);
		break;
	}
}

/*
 * Drop @m's reference on its external storage. Returns true if the header
 * of @m is to be freed by the caller, false if it lives on (as the owner
 * of storage still shared, or in the packet cache).
 */
static bool m_ext_release(struct mbuf *m, struct nw_work_thread *wtp)
{
	struct mbuf *owner = m->m_ext.ext_ref;

	m->m_type = MT_FREE;	/* before the decrement: see below */
	if (!atomic_dec_and_test(&owner->m_ext.ext_refcnt)) {
		/* an owner stays allocated until its last copy is freed */
		return owner != m;
	}
	if (owner != m)
		mbuf_hdr_put(owner, wtp);
	if (m->m_ext.ext_type == EXT_CLUSTER && !(m->m_flags & M_EXT_RDONLY) &&
	    mpkt_cache_put(m, wtp))
		return false;
	m_ext_release_storage(m);
	return true;
}

/**
 * m_free_wtp() - free one mbuf into a thread's caches
 * @m: the mbuf (may be NULL)
 * @wtp: the calling thread's nw_work_thread, or NULL for no cache
 *
 * Context: any; never sleeps. @wtp must be the caller's own.
 * Return: @m's m_next.
 */
struct mbuf *m_free_wtp(struct mbuf *m, struct nw_work_thread *wtp)
{
	struct mbuf *n;

	if (!m)
		return NULL;
	n = m->m_next;
	if ((m->m_flags & M_PKTHDR) && m->m_pkthdr.tags)
		m_tag_delete_chain(m, NULL);
	if ((m->m_flags & M_EXT) && !m_ext_release(m, wtp))
		return n;
	mbuf_hdr_put(m, wtp);
	return n;
}
EXPORT_SYMBOL_NS_GPL(m_free_wtp, IOPKT);

/**
 * m_freem_wtp() - free an mbuf chain into a thread's caches
 * @m: the first mbuf (may be NULL)
 * @wtp: the calling thread's nw_work_thread, or NULL
 *
 * Frees @m and every mbuf linked by m_next (not m_nextpkt).
 * Context: any; never sleeps.
 */
void m_freem_wtp(struct mbuf *m, struct nw_work_thread *wtp)
{
	while (m)
		m = m_free_wtp(m, wtp);
}
EXPORT_SYMBOL_NS_GPL(m_freem_wtp, IOPKT);

/**
 * m_free() - free one mbuf
 * @m: the mbuf (may be NULL)
 *
 * Drops its reference on external storage; the storage is released with
 * the last one.
 * Context: any; never sleeps.
 * Return: @m's m_next.
 */
struct mbuf *m_free(struct mbuf *m)
{
	return m_free_wtp(m, iopkt_wtp());
}
EXPORT_SYMBOL_NS_GPL(m_free, IOPKT);

/**
 * m_freem() - free an mbuf chain
 * @m: the first mbuf (may be NULL)
 *
 * Context: any; never sleeps.
 */
void m_freem(struct mbuf *m)
{
	m_freem_wtp(m, iopkt_wtp());
}
EXPORT_SYMBOL_NS_GPL(m_freem, IOPKT);

/**
 * iopkt_mcache_drain() - empty a thread's mbuf and packet caches
 * @mc: the cache (wtp->mcache)
 *
 * Called by the owning thread, or for a thread that has exited.
 * Context: any; never sleeps.
 */
void iopkt_mcache_drain(struct iopkt_mcache *mc)
{
	struct mbuf *m;

	while ((m = mcache_pop(&mc->pkts, &mc->npkts))) {
		mcl_uncache(&iopkt_mcl, m->m_ext.ext_buf);
		MPOOL_ADD(&iopkt_mbuf_pool, cached, -1);
		kmem_cache_free(mbuf_slab, m);
	}
	while ((m = mcache_pop(&mc->mbufs, &mc->nmbufs))) {
		MPOOL_ADD(&iopkt_mbuf_pool, cached, -1);
		kmem_cache_free(mbuf_slab, m);
	}
}
EXPORT_SYMBOL_NS_GPL(iopkt_mcache_drain, IOPKT);

int mbuf_init_alloc(unsigned long pagesize)
{
	mbuf_slab = kmem_cache_create("iopkt_mbuf", MSIZE, 0,
				      SLAB_HWCACHE_ALIGN, NULL);
	if (!mbuf_slab)
		return -ENOMEM;
	mbuf_quantum = max_t(unsigned long, pagesize / MSIZE, 1);
	return 0;
}

void mbuf_exit_alloc(void)
{
	long left = mpool_in_use(&iopkt_mbuf_pool) +
		    mpool_cached(&iopkt_mbuf_pool);

	if (left) {
		/* destroying the cache would report every object; keep it */
		pr_warn("%ld mbufs leaked (not freed at unload); their memory is kept\n",
			left);
		return;
	}
	kmem_cache_destroy(mbuf_slab);
}
