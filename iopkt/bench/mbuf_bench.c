// SPDX-License-Identifier: GPL-2.0
/*
 * iopkt_mbuf_bench: allocate/free rate of mbuf+cluster pairs (per-thread
 * caches on and off) against sk_buffs of the same buffer size
 * (netdev_alloc_skb() + kfree_skb()), in the calling thread.
 *
 * Loading the module only creates /sys/kernel/debug/iopkt_mbuf_bench/.
 * Writing a count of iterations to "run" runs the three loops in the
 * writer's context; "results" then reads
 *   iterations N mclbytes M
 *   mbuf_cache OPS
 *   mbuf_nocache OPS
 *   linux_skb OPS
 * with OPS in allocate+free pairs per second. Used by tools/bench/mbuf.bench.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include <iopkt/mbuf.h>
#include <iopkt/nw_thread.h>

#include "mbuf/mbuf_pool.h"

#define BENCH_BATCH	8
#define BENCH_MAX	100000000U

static struct dentry *bench_dir;
static DEFINE_MUTEX(bench_lock);
static char bench_results[256];

/* pairs per second over @n pairs taking @ns */
static u64 bench_rate(unsigned int n, u64 ns)
{
	return div64_u64((u64)n * NSEC_PER_SEC, max_t(u64, ns, 1));
}

static u64 bench_mbufs(unsigned int iters, struct nw_work_thread *wtp)
{
	struct mbuf *m[BENCH_BATCH];
	unsigned int i, j, done = 0;
	u64 t0 = ktime_get_ns();

	for (i = 0; i < iters; i += BENCH_BATCH) {
		for (j = 0; j < BENCH_BATCH; j++)
			m[j] = m_getcl_wtp(M_DONTWAIT, MT_DATA, M_PKTHDR, wtp);
		for (j = 0; j < BENCH_BATCH; j++) {
			done += !!m[j];
			m_freem_wtp(m[j], wtp);
		}
		cond_resched();
	}
	return bench_rate(done, ktime_get_ns() - t0);
}

static u64 bench_skbs(unsigned int iters)
{
	unsigned int len = MCLBYTES - NET_SKB_PAD, i, j, done = 0;
	struct sk_buff *skb[BENCH_BATCH];
	u64 t0 = ktime_get_ns();

	for (i = 0; i < iters; i += BENCH_BATCH) {
		for (j = 0; j < BENCH_BATCH; j++)
			skb[j] = netdev_alloc_skb(NULL, len);
		for (j = 0; j < BENCH_BATCH; j++) {
			done += !!skb[j];
			kfree_skb(skb[j]);
		}
		cond_resched();
	}
	return bench_rate(done, ktime_get_ns() - t0);
}

static int bench_run(unsigned int iters)
{
	unsigned int old_mbufs, old_pkts;
	struct nw_work_thread *wtp;
	u64 cache, nocache, skbs;

	wtp = kzalloc(sizeof(*wtp), GFP_KERNEL);
	if (!wtp)
		return -ENOMEM;
	iopkt_mbuf_get_cache(&old_mbufs, &old_pkts);
	if (!old_pkts)
		iopkt_mbuf_set_cache(32, 32);
	cache = bench_mbufs(iters, wtp);
	iopkt_mcache_drain(&wtp->mcache);
	iopkt_mbuf_set_cache(old_mbufs, old_pkts);
	kfree(wtp);
	nocache = bench_mbufs(iters, NULL);
	skbs = bench_skbs(iters);
	snprintf(bench_results, sizeof(bench_results),
		 "iterations %u mclbytes %d\nmbuf_cache %llu\nmbuf_nocache %llu\nlinux_skb %llu\n",
		 iters, MCLBYTES, cache, nocache, skbs);
	pr_info("%u iterations: mbuf+cluster cache %llu/s, no cache %llu/s, sk_buff %llu/s\n",
		iters, cache, nocache, skbs);
	return 0;
}

static ssize_t run_write(struct file *f, const char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	unsigned int iters;
	int ret;

	ret = kstrtouint_from_user(ubuf, len, 0, &iters);
	if (ret)
		return ret;
	if (!iters || iters > BENCH_MAX)
		return -ERANGE;
	mutex_lock(&bench_lock);
	ret = bench_run(iters);
	mutex_unlock(&bench_lock);
	return ret ? ret : len;
}

static ssize_t results_read(struct file *f, char __user *ubuf, size_t len,
			    loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&bench_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, bench_results,
				      strlen(bench_results));
	mutex_unlock(&bench_lock);
	return ret;
}

static const struct file_operations run_fops = {
	.owner = THIS_MODULE,
	.write = run_write,
};

static const struct file_operations results_fops = {
	.owner = THIS_MODULE,
	.read = results_read,
};

static int __init mbuf_bench_init(void)
{
	bench_dir = debugfs_create_dir("iopkt_mbuf_bench", NULL);
	if (IS_ERR(bench_dir))
		return PTR_ERR(bench_dir);
	debugfs_create_file("run", 0200, bench_dir, NULL, &run_fops);
	debugfs_create_file("results", 0444, bench_dir, NULL, &results_fops);
	return 0;
}

static void __exit mbuf_bench_exit(void)
{
	debugfs_remove(bench_dir);
}

module_init(mbuf_bench_init);
module_exit(mbuf_bench_exit);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("iopkt mbuf allocator benchmark against sk_buffs");
