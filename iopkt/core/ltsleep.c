// SPDX-License-Identifier: GPL-2.0
/*
 * ltsleep()/tsleep()/wakeup(): sleeping in the stack context.
 *
 * io-pkt switches pseudo-thread stacks inside one worker; here each sleeper
 * is a real thread (a worker, or the caller of a control request), which
 * gives the stack context up while it sleeps, so other threads keep the
 * stack running, and waits to take it back when woken. Sleepers are kept in
 * a small hash table keyed by the wait channel.
 */
/*
 * io-pkt API: functions named as in io-pkt return io-pkt's EOK or a positive
 * errno (BSD style), not Linux's negative ones. (lint: bsd-errno)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#include <iopkt/ltsleep.h>

#include "core/stack_impl.h"

#define SLEEPQ_BITS 6

struct sleeper {
	struct list_head node;
	const void *chan;
	struct task_struct *task;
	bool woken;
};

static struct sleepq {
	spinlock_t lock;
	struct list_head list;
} sleepq[1 << SLEEPQ_BITS];

static struct sleepq *sleepq_of(const void *chan)
{
	return &sleepq[hash_ptr(chan, SLEEPQ_BITS)];
}

void iopkt_misuse(struct _iopkt_self *stk, const char *what)
{
	if (stk)
		atomic64_inc(&stk->st_misuse);
	pr_err_ratelimited("%s called outside the stack context (by %s[%d]); refused\n",
			   what, current->comm, task_pid_nr(current));
}

static long sleep_until_woken(struct sleeper *s, long left, bool intr)
{
	for (;;) {
		set_current_state(intr ? TASK_INTERRUPTIBLE : TASK_IDLE);
		if (READ_ONCE(s->woken))
			break;
		if (intr && signal_pending(current))
			break;
		if (!left)
			break;
		left = schedule_timeout(left);
	}
	__set_current_state(TASK_RUNNING);
	return left;
}

/* Register a sleeper on @chan; false (nothing registered) if not allowed. */
static int sleep_prepare(struct sleeper *s, struct nw_work_thread *wtp,
			 const char *wmesg)
{
	struct _iopkt_self *stk = wtp ? wtp->stack : NULL;
	struct sleepq *q = sleepq_of(s->chan);
	unsigned long flags;

	if (!stk || READ_ONCE(stk->stk_owner) != current) {
		iopkt_misuse(stk, wmesg ? wmesg : "ltsleep");
		return EPERM;
	}
	if (wtp->in_callout)
		return -1;
	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&s->node, &q->list);
	spin_unlock_irqrestore(&q->lock, flags);
	return 0;
}

/*
 * Give the stack context up for a sleep. A worker asleep counts as quiesced
 * (quiesce_all()): it cannot run again before it has the context back.
 */
static void stk_give_up(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	if (wtp->kind == NW_THREAD_WORKER)
		atomic_inc(&stk->workers_asleep);
	iopkt_stk_exit(stk);
}

static void stk_take_back(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	iopkt_stk_enter(stk, wtp);
	if (wtp->kind == NW_THREAD_WORKER)
		atomic_dec(&stk->workers_asleep);
}

/**
 * iopkt_stk_leave_for_wait() - give the stack context up for a long wait
 * @h: filled in; hand it to iopkt_stk_back()
 *
 * For waits in the core that do not need the stack context (an RCU grace
 * period, other CPUs leaving a hook): a caller holding it gives it up, as
 * ltsleep() does, so callouts, stack work and control requests go on
 * meanwhile. In a callout callback (which may not sleep in the stack
 * context) and outside the stack context nothing is given up.
 */
void iopkt_stk_leave_for_wait(struct iopkt_stk_held *h)
{
	struct nw_work_thread *wtp = iopkt_wtp();

	h->stk = NULL;
	h->wtp = NULL;
	if (!wtp || !wtp->stack || READ_ONCE(wtp->stack->stk_owner) != current ||
	    wtp->in_callout)
		return;
	h->stk = wtp->stack;
	h->wtp = wtp;
	stk_give_up(h->stk, wtp);
}

/**
 * iopkt_stk_back() - take back what iopkt_stk_leave_for_wait() gave up
 * @h: as filled in by it
 */
void iopkt_stk_back(struct iopkt_stk_held *h)
{
	if (h->stk)
		stk_take_back(h->stk, h->wtp);
}

/* Give the stack context up, sleep, take it back. */
static int sleep_finish(struct sleeper *s, struct nw_work_thread *wtp,
			int pri, int timo)
{
	struct _iopkt_self *stk = wtp->stack;
	struct sleepq *q = sleepq_of(s->chan);
	bool intr = pri & PCATCH;
	unsigned long flags;

	atomic64_inc(&stk->st_ltsleeps);
	stk_give_up(stk, wtp);
	sleep_until_woken(s, timo > 0 ? timo : MAX_SCHEDULE_TIMEOUT, intr);

	spin_lock_irqsave(&q->lock, flags);
	list_del(&s->node);
	spin_unlock_irqrestore(&q->lock, flags);

	stk_take_back(stk, wtp);
	if (s->woken)
		return 0;
	if (intr && signal_pending(current))
		return EINTR;
	return EWOULDBLOCK;
}

/**
 * tsleep() - sleep in the stack context until woken or timed out
 * @chan: wait channel, any address; wakeup(@chan) ends the sleep
 * @pri: PCATCH to let signals end the sleep
 * @wmesg: what we wait for (for messages)
 * @timo: timeout in ticks (hz per second), 0 for none
 *
 * The stack context is given up for the sleep and taken back after it.
 * In a callout callback it returns 0 at once. Outside the stack context it
 * refuses, logs, and returns EPERM.
 *
 * Return: 0 when woken, EWOULDBLOCK on timeout, EINTR on a signal (PCATCH).
 */
int tsleep(const void *chan, int pri, const char *wmesg, int timo)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct sleeper s = { .chan = chan, .task = current };
	int ret;

	ret = sleep_prepare(&s, wtp, wmesg);
	if (ret)
		return ret < 0 ? 0 : ret;
	return sleep_finish(&s, wtp, pri, timo);
}
EXPORT_SYMBOL_NS_GPL(tsleep, IOPKT);

/**
 * ltsleep() - tsleep() with an interlock
 * @chan: wait channel
 * @pri: PCATCH or 0
 * @wmesg: what we wait for
 * @timo: timeout in ticks, 0 for none
 * @interlock: a spinlock the caller holds (may be NULL): released once the
 *	sleeper is registered, so a wakeup() issued under the lock after the
 *	caller's check cannot be lost, and taken again before returning
 *
 * Return: as tsleep().
 */
int ltsleep(const void *chan, int pri, const char *wmesg, int timo,
	    spinlock_t *interlock)
	__must_hold(interlock)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct sleeper s = { .chan = chan, .task = current };
	int ret;

	if (!interlock)
		return tsleep(chan, pri, wmesg, timo);
	ret = sleep_prepare(&s, wtp, wmesg);
	if (ret)
		return ret < 0 ? 0 : ret;
	spin_unlock(interlock);
	ret = sleep_finish(&s, wtp, pri, timo);
	spin_lock(interlock);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(ltsleep, IOPKT);

static void wake(const void *chan, bool one)
{
	struct sleepq *q = sleepq_of(chan);
	unsigned long flags;
	struct sleeper *s;

	spin_lock_irqsave(&q->lock, flags);
	list_for_each_entry(s, &q->list, node) {
		if (s->chan != chan || s->woken)
			continue;
		WRITE_ONCE(s->woken, true);
		wake_up_process(s->task);
		if (one)
			break;
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * wakeup() - wake every thread sleeping on @chan
 * @chan: wait channel
 *
 * Any context; unlike io-pkt, also outside the stack context
 * (blockop's main thread uses that).
 */
void wakeup(const void *chan)
{
	wake(chan, false);
}
EXPORT_SYMBOL_NS_GPL(wakeup, IOPKT);

/**
 * wakeup_one() - wake one thread sleeping on @chan
 * @chan: wait channel
 */
void wakeup_one(const void *chan)
{
	wake(chan, true);
}
EXPORT_SYMBOL_NS_GPL(wakeup_one, IOPKT);

static int sleepq_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sleepq); i++) {
		spin_lock_init(&sleepq[i].lock);
		INIT_LIST_HEAD(&sleepq[i].list);
	}
	return 0;
}

/* Called from iopkt_init(). */
int iopkt_ltsleep_init(void)
{
	return sleepq_init();
}
