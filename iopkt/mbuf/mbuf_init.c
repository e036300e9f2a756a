// SPDX-License-Identifier: GPL-2.0
/*
 * The mbuf subsystem's setup from the module parameters, its statistics
 * (iopkt_mbuf_stats() and /sys/kernel/debug/iopkt/mbufs) and the hooks the
 * tests use to put a limit on clusters and change the cache sizes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/seq_file.h>

#include "core/core.h"
#include "mbuf/mbuf_pool.h"

/* MCLBYTES, set from mclbytes= at load; read-only afterwards */
unsigned int iopkt_mclbytes = 2048;
EXPORT_SYMBOL_NS_GPL(iopkt_mclbytes, IOPKT);

struct mcl_pool iopkt_mcl;
struct mpool iopkt_mbuf_pool;
unsigned int iopkt_mcache_mbufs;
unsigned int iopkt_mcache_pkts;
static unsigned long pool_quantum = PAGE_SIZE;

DEFINE_PER_CPU(struct mskb_counts, iopkt_mskb_counts);

static void mskb_counts_sum(struct iopkt_mbuf_stats *st)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct mskb_counts *c = per_cpu_ptr(&iopkt_mskb_counts, cpu);

		st->m_to_skb_zerocopy += READ_ONCE(c->m_to_skb_zc);
		st->m_to_skb_copy += READ_ONCE(c->m_to_skb_copy);
		st->skb_to_m_zerocopy += READ_ONCE(c->skb_to_m_zc);
		st->skb_to_m_copy += READ_ONCE(c->skb_to_m_copy);
	}
}

/**
 * iopkt_pool_quantum() - allocation quantum for iopkt's other pools
 *
 * Description: io-pkt's pagesize applies to the mbuf and cluster pools;
 * with bigpage_strict it applies to every pool. Pools of other parts of
 * iopkt size their slabs/chunks with this value.
 *
 * Return: pagesize with bigpage_strict, else PAGE_SIZE.
 */
unsigned long iopkt_pool_quantum(void)
{
	return pool_quantum;
}
EXPORT_SYMBOL_NS_GPL(iopkt_pool_quantum, IOPKT);

/**
 * iopkt_mbuf_stats() - read the counters of the mbuf and cluster pools
 * @st: filled in
 *
 * Counters are read without stopping allocations: under load the fields
 * are not one snapshot.
 * Context: any.
 */
void iopkt_mbuf_stats(struct iopkt_mbuf_stats *st)
{
	memset(st, 0, sizeof(*st));
	mpool_stats(&iopkt_mbuf_pool, &st->mbufs);
	mpool_stats(&iopkt_mcl.st, &st->clusters);
	st->mclbytes = iopkt_mcl.mclbytes;
	st->cluster_stride = iopkt_mcl.stride;
	st->chunk_bytes = PAGE_SIZE << iopkt_mcl.chunk_order;
	st->clusters_per_chunk = iopkt_mcl.per_chunk;
	st->chunks = atomic64_read(&iopkt_mcl.chunks);
	st->clusters_free = READ_ONCE(iopkt_mcl.nfree);
	st->clusters_to_linux = atomic64_read(&iopkt_mcl.to_linux);
	st->limit = READ_ONCE(iopkt_mcl.st.limit);
	mskb_counts_sum(st);
}
EXPORT_SYMBOL_NS_GPL(iopkt_mbuf_stats, IOPKT);

/**
 * iopkt_mbuf_set_limit() - bound the clusters out of the global pool
 * @max_clusters: the limit (clusters in use or cached), 0 for none
 *
 * With the limit reached, M_DONTWAIT cluster allocations fail and M_WAITOK
 * ones wait for a cluster to be freed. Internal; for tests.
 *
 * Return: the previous limit.
 */
unsigned long iopkt_mbuf_set_limit(unsigned long max_clusters)
{
	unsigned long old = xchg(&iopkt_mcl.st.limit, max_clusters);

	wake_up(&iopkt_mcl.st.wq);
	return old;
}
EXPORT_SYMBOL_NS_GPL(iopkt_mbuf_set_limit, IOPKT);

/**
 * iopkt_mbuf_set_cache() - change the per-thread cache sizes
 * @mbufs: free mbufs kept per thread (mbuf_cache)
 * @pkts: free mbuf+cluster pairs kept per thread (pkt_cache)
 *
 * Caches above the new sizes shrink as they are used. Internal; for tests
 * and the benchmark.
 */
void iopkt_mbuf_set_cache(unsigned int mbufs, unsigned int pkts)
{
	WRITE_ONCE(iopkt_mcache_mbufs, mbufs);
	WRITE_ONCE(iopkt_mcache_pkts, pkts);
}
EXPORT_SYMBOL_NS_GPL(iopkt_mbuf_set_cache, IOPKT);

/**
 * iopkt_mbuf_get_cache() - the per-thread cache sizes in force
 * @mbufs: set to the mbuf cache size
 * @pkts: set to the packet cache size
 */
void iopkt_mbuf_get_cache(unsigned int *mbufs, unsigned int *pkts)
{
	*mbufs = READ_ONCE(iopkt_mcache_mbufs);
	*pkts = READ_ONCE(iopkt_mcache_pkts);
}
EXPORT_SYMBOL_NS_GPL(iopkt_mbuf_get_cache, IOPKT);

static void show_pool(struct seq_file *s, const char *name,
		      const struct iopkt_mbuf_pool_stats *p)
{
	seq_printf(s, "%s: in_use %ld peak %ld cached %ld allocs %llu frees %llu cache_hits %llu cache_misses %llu failures %llu waits %llu\n",
		   name, p->in_use, p->peak, p->cached, p->allocs, p->frees,
		   p->cache_hits, p->cache_misses, p->failures, p->waits);
}

static int mbufs_show(struct seq_file *s, void *unused)
{
	struct iopkt_mbuf_stats st;

	iopkt_mbuf_stats(&st);
	show_pool(s, "mbufs", &st.mbufs);
	show_pool(s, "clusters", &st.clusters);
	seq_printf(s, "mclbytes %u stride %u chunk_bytes %u per_chunk %u chunks %llu free %ld to_linux %llu limit %lu\n",
		   st.mclbytes, st.cluster_stride, st.chunk_bytes,
		   st.clusters_per_chunk, st.chunks, st.clusters_free,
		   st.clusters_to_linux, st.limit);
	seq_printf(s, "m_to_skb zerocopy %llu copy %llu\n",
		   st.m_to_skb_zerocopy, st.m_to_skb_copy);
	seq_printf(s, "skb_to_m zerocopy %llu copy %llu\n",
		   st.skb_to_m_zerocopy, st.skb_to_m_copy);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(mbufs);

/**
 * iopkt_mbuf_init() - set up the mbuf and cluster pools
 * @p: the parameters iopkt.ko was loaded with (validated)
 *
 * Return: 0 or a negative errno (nothing is left allocated then).
 */
int iopkt_mbuf_init(const struct iopkt_params *p)
{
	int ret;

	iopkt_mclbytes = p->mclbytes;
	pool_quantum = p->bigpage_strict ? p->pagesize : PAGE_SIZE;
	iopkt_mbuf_set_cache(p->cache ? p->mbuf_cache : 0,
			     p->cache ? p->pkt_cache : 0);
	ret = mpool_init(&iopkt_mbuf_pool);
	if (ret)
		return ret;
	ret = iopkt_mcl_pool_init(&iopkt_mcl, p->mclbytes, p->pagesize);
	if (ret)
		goto err_mbuf;
	ret = mbuf_init_alloc(p->pagesize);
	if (ret)
		goto err_mcl;
	if (!IS_ERR_OR_NULL(iopkt_debugfs))
		debugfs_create_file("mbufs", 0444, iopkt_debugfs, NULL,
				    &mbufs_fops);
	pr_info("mbufs: mclbytes %u, clusters carved from %lu-byte chunks (%u each), caches %u mbufs/%u pkts per thread\n",
		iopkt_mcl.mclbytes, PAGE_SIZE << iopkt_mcl.chunk_order,
		iopkt_mcl.per_chunk, iopkt_mcache_mbufs, iopkt_mcache_pkts);
	return 0;

err_mcl:
	iopkt_mcl_pool_destroy(&iopkt_mcl);
err_mbuf:
	mpool_destroy(&iopkt_mbuf_pool);
	return ret;
}

/**
 * iopkt_mbuf_exit() - release the pools at unload
 *
 * The debugfs file goes with the iopkt directory (removed by the caller).
 * mbufs and clusters still allocated are logged and left allocated.
 */
void iopkt_mbuf_exit(void)
{
	long left;

	mbuf_exit_alloc();
	left = iopkt_mcl_pool_destroy(&iopkt_mcl);
	if (left)
		pr_warn("%ld clusters leaked (not freed at unload)\n", left);
	mpool_destroy(&iopkt_mbuf_pool);
}
