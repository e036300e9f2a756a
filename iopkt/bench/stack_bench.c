// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark module for make bench: iopkt event dispatch against the Linux
 * equivalent, a work item on a high-priority workqueue.
 *
 * Writing "latency N" or "rate NSRC MSEC" to
 * /sys/kernel/debug/iopkt_bench/events runs one measurement; reading the
 * file gives the last result as "key=value" pairs. Loading the module does
 * nothing else.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/workqueue.h>

#include <iopkt/interrupt.h>
#include <iopkt/stack.h>

#include "core/core.h"

#define MAXSRC 16

struct bsrc {
	struct _iopkt_inter ient;
	struct work_struct work;
	struct workqueue_struct *wq;
	struct _iopkt_self *stk;
	u64 stamp;
	u64 lat;
	u64 count;
	bool stop;
	struct completion done;
};

static DEFINE_MUTEX(bench_lock);
static char result[256];
static struct dentry *bench_dir;

static int lat_event(void *arg, struct nw_work_thread *wtp)
{
	struct bsrc *b = arg;

	b->lat = ktime_get_ns() - b->stamp;
	complete(&b->done);
	return 1;
}

static void lat_work(struct work_struct *w)
{
	struct bsrc *b = container_of(w, struct bsrc, work);

	b->lat = ktime_get_ns() - b->stamp;
	complete(&b->done);
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Median latency from queueing to the handler running, over n rounds. */
static u64 measure_latency(struct bsrc *b, bool ours, int n, u64 *v)
{
	int i;

	for (i = 0; i < n; i++) {
		reinit_completion(&b->done);
		b->stamp = ktime_get_ns();
		if (ours)
			interrupt_queue(b->stk, &b->ient);
		else
			queue_work(b->wq, &b->work);
		wait_for_completion(&b->done);
		v[i] = b->lat;
		usleep_range(50, 100);
	}
	sort(v, n, sizeof(*v), cmp_u64, NULL);
	return v[n / 2];
}

static int rate_event(void *arg, struct nw_work_thread *wtp)
{
	struct bsrc *b = arg;

	b->count++;
	if (!READ_ONCE(b->stop))
		interrupt_queue(b->stk, &b->ient);	/* runs again */
	return 1;
}

static void rate_work(struct work_struct *w)
{
	struct bsrc *b = container_of(w, struct bsrc, work);

	b->count++;
	if (!READ_ONCE(b->stop))
		queue_work(b->wq, &b->work);
}

/* Handler runs per second with nsrc sources re-queueing themselves. */
static u64 measure_rate(struct bsrc *b, int nsrc, bool ours, int msec)
{
	u64 total = 0, t0, t1;
	int i;

	for (i = 0; i < nsrc; i++) {
		b[i].count = 0;
		WRITE_ONCE(b[i].stop, false);
	}
	t0 = ktime_get_ns();
	for (i = 0; i < nsrc; i++) {
		if (ours)
			interrupt_queue(b[i].stk, &b[i].ient);
		else
			queue_work(b[i].wq, &b[i].work);
	}
	msleep(msec);
	for (i = 0; i < nsrc; i++)
		total += READ_ONCE(b[i].count);
	t1 = ktime_get_ns();
	for (i = 0; i < nsrc; i++)
		WRITE_ONCE(b[i].stop, true);
	if (!ours)
		flush_workqueue(b[0].wq);
	msleep(50);
	return div64_u64(total * NSEC_PER_SEC, t1 - t0);
}

static int run(const char *cmd)
{
	struct workqueue_struct *wq;
	struct _iopkt_self *stk;
	struct iopkt_params p;
	int n = 0, nsrc = 0, msec = 0, i, ret = 0;
	struct bsrc *b;
	u64 *v = NULL;

	if (sscanf(cmd, "latency %d", &n) == 1) {
		if (n < 1 || n > 100000)
			return -EINVAL;
		nsrc = 1;
	} else if (sscanf(cmd, "rate %d %d", &nsrc, &msec) == 2) {
		if (nsrc < 1 || nsrc > MAXSRC || msec < 10 || msec > 60000)
			return -EINVAL;
	} else {
		return -EINVAL;
	}
	iopkt_params_defaults(&p);
	stk = iopkt_stack_create(99, &p);
	if (IS_ERR(stk))
		return PTR_ERR(stk);
	wq = alloc_workqueue("iopkt_bench", WQ_HIGHPRI, 0);
	b = kcalloc(MAXSRC, sizeof(*b), GFP_KERNEL);
	if (n)
		v = kcalloc(n, sizeof(*v), GFP_KERNEL);
	if (!wq || !b || (n && !v)) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < nsrc; i++) {
		b[i].stk = stk;
		b[i].wq = wq;
		init_completion(&b[i].done);
		b[i].ient.func = n ? lat_event : rate_event;
		b[i].ient.arg = &b[i];
		INIT_WORK(&b[i].work, n ? lat_work : rate_work);
		interrupt_entry_init_stack(stk, &b[i].ient, 0, 0);
	}
	if (n) {
		u64 ours = measure_latency(b, true, n, v);
		u64 theirs = measure_latency(b, false, n, v);

		snprintf(result, sizeof(result),
			 "test=latency rounds=%d ours_ns=%llu linux_ns=%llu\n",
			 n, ours, theirs);
	} else {
		u64 ours = measure_rate(b, nsrc, true, msec);
		u64 theirs = measure_rate(b, nsrc, false, msec);

		snprintf(result, sizeof(result),
			 "test=rate sources=%d workers=%u ours_eps=%llu linux_eps=%llu\n",
			 nsrc, num_online_cpus(), ours, theirs);
	}
	for (i = 0; i < nsrc; i++)
		interrupt_entry_remove(&b[i].ient, NULL);
out:
	if (wq)
		destroy_workqueue(wq);
	kfree(v);
	kfree(b);
	iopkt_stack_destroy(stk);
	return ret;
}

static ssize_t events_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *pos)
{
	char cmd[64];
	int ret;

	if (len >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;
	cmd[len] = '\0';
	mutex_lock(&bench_lock);
	ret = run(cmd);
	mutex_unlock(&bench_lock);
	return ret ? ret : len;
}

static ssize_t events_read(struct file *f, char __user *ubuf, size_t len,
			   loff_t *pos)
{
	ssize_t ret;

	mutex_lock(&bench_lock);
	ret = simple_read_from_buffer(ubuf, len, pos, result, strlen(result));
	mutex_unlock(&bench_lock);
	return ret;
}

static const struct file_operations events_fops = {
	.owner = THIS_MODULE,
	.read = events_read,
	.write = events_write,
	.llseek = default_llseek,
};

static int __init stack_bench_init(void)
{
	bench_dir = debugfs_create_dir("iopkt_bench", NULL);
	debugfs_create_file("events", 0600, bench_dir, NULL, &events_fops);
	return 0;
}

static void __exit stack_bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
}

module_init(stack_bench_init);
module_exit(stack_bench_exit);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("iopkt event dispatch benchmark (make bench)");
