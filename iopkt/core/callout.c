// SPDX-License-Identifier: GPL-2.0
/*
 * Callouts: one-shot timers whose callbacks run in the stack context.
 *
 * A Linux timer fires in softirq context and moves the callout to the
 * instance's due list; a worker that becomes the stack thread runs the due
 * callbacks in order, at timer_pulse_prio. Whether a callout is pending is
 * kept in c_flags under the instance's co_lock, so a timer that fires after
 * callout_stop() finds nothing to do.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/sched.h>

#include <iopkt/callout.h>

#include "core/stack_impl.h"

#define CALLOUT_MAGIC	0x63616c6cU
#define CO_PENDING	1U	/* armed or due; cleared when the callback starts */
#define CO_DUE		2U	/* on the due list (else, if pending, on co_armed) */

static void callout_fire(struct timer_list *t)
{
	struct callout *c = from_timer(c, t, c_timer);
	struct _iopkt_self *stk = c->c_stk;
	unsigned long flags;
	bool due = false;

	spin_lock_irqsave(&stk->co_lock, flags);
	if ((c->c_flags & CO_PENDING) && !(c->c_flags & CO_DUE)) {
		list_move_tail(&c->c_due, &stk->co_due);
		c->c_flags |= CO_DUE;
		due = true;
	}
	spin_unlock_irqrestore(&stk->co_lock, flags);
	if (due)
		iopkt_stack_kick(stk);
}

/**
 * callout_init_stack() - initialise a callout of a given instance
 * @c: the callout
 * @stk: the instance whose stack context runs the callback
 *
 * Once per callout, before any other use.
 */
void callout_init_stack(struct callout *c, struct _iopkt_self *stk)
{
	timer_setup(&c->c_timer, callout_fire, 0);
	c->c_func = NULL;
	c->c_arg = NULL;
	c->c_stk = stk;
	INIT_LIST_HEAD(&c->c_due);
	c->c_flags = 0;
	c->c_magic = CALLOUT_MAGIC;
}
EXPORT_SYMBOL_NS_GPL(callout_init_stack, IOPKT);

/**
 * callout_init() - initialise a callout (of the caller's instance, or of
 * instance 0 outside io-pkt threads)
 * @c: the callout
 */
void callout_init(struct callout *c)
{
	struct _iopkt_self *stk = iopkt_wtp_stack();

	callout_init_stack(c, stk ? stk : iopkt_selfp);
}
EXPORT_SYMBOL_NS_GPL(callout_init, IOPKT);

/**
 * callout_msec() - call @func(@arg) in the stack context after @msec ms
 * @c: an initialised callout
 * @msec: delay in milliseconds (<= 0: as soon as possible)
 * @func: the callback
 * @arg: its argument
 *
 * Starts a stopped callout or resets a pending one. Any context but hard
 * IRQ.
 */
void callout_msec(struct callout *c, int msec, void (*func)(void *),
		  void *arg)
{
	struct _iopkt_self *stk = c->c_stk;
	unsigned long flags;

	if (WARN_ONCE(c->c_magic != CALLOUT_MAGIC,
		      "iopkt: %s() on a callout never initialised\n", __func__))
		return;
	spin_lock_irqsave(&stk->co_lock, flags);
	c->c_func = func;
	c->c_arg = arg;
	c->c_flags = (c->c_flags | CO_PENDING) & ~CO_DUE;
	list_move_tail(&c->c_due, &stk->co_armed);
	mod_timer(&c->c_timer,
		  jiffies + msecs_to_jiffies(msec > 0 ? msec : 0));
	spin_unlock_irqrestore(&stk->co_lock, flags);
}
EXPORT_SYMBOL_NS_GPL(callout_msec, IOPKT);

static int callout_cancel(struct callout *c)
{
	struct _iopkt_self *stk = c->c_stk;
	unsigned long flags;
	int was;

	spin_lock_irqsave(&stk->co_lock, flags);
	was = !!(c->c_flags & CO_PENDING);
	c->c_flags &= ~(CO_PENDING | CO_DUE);
	list_del_init(&c->c_due);
	spin_unlock_irqrestore(&stk->co_lock, flags);
	del_timer(&c->c_timer);
	return was;
}

static bool callout_running(struct _iopkt_self *stk, struct callout *c)
{
	unsigned long flags;
	bool running;

	spin_lock_irqsave(&stk->co_lock, flags);
	running = stk->co_running == c;
	spin_unlock_irqrestore(&stk->co_lock, flags);
	return running;
}

/**
 * callout_stop() - cancel a callout
 * @c: an initialised callout
 *
 * Harmless on a stopped callout. If the callback is running in another
 * thread, waits for it to return and cancels whatever it re-armed, so that
 * after callout_stop() the callback neither runs nor is pending. Process
 * context when called outside the stack context (it may wait).
 *
 * Return: 1 if the callout was pending, 0 otherwise.
 */
int callout_stop(struct callout *c)
{
	struct _iopkt_self *stk = c->c_stk;
	int was;

	if (WARN_ONCE(c->c_magic != CALLOUT_MAGIC,
		      "iopkt: %s() on a callout never initialised\n", __func__))
		return 0;
	was = callout_cancel(c);
	if (READ_ONCE(stk->stk_owner) != current &&
	    callout_running(stk, c)) {
		wait_event(stk->co_wq, !callout_running(stk, c));
		was |= callout_cancel(c);
	}
	return was;
}
EXPORT_SYMBOL_NS_GPL(callout_stop, IOPKT);

/**
 * callout_pending() - is the callout armed?
 * @c: an initialised callout
 *
 * Return: nonzero if the callback will run unless stopped.
 */
int callout_pending(struct callout *c)
{
	return READ_ONCE(c->c_flags) & CO_PENDING;
}
EXPORT_SYMBOL_NS_GPL(callout_pending, IOPKT);

bool iopkt_co_pending(struct _iopkt_self *stk)
{
	return !list_empty_careful(&stk->co_due);
}

/* In the stack context: run every due callout, in the order they fell due. */
void iopkt_co_run_due(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	int prio = wtp->prio;
	struct callout *c;
	unsigned long flags;
	void (*func)(void *arg);
	void *arg;

	if (prio != (int)stk->params.timer_pulse_prio)
		iopkt_set_prio(current, stk->params.timer_pulse_prio);
	for (;;) {
		spin_lock_irqsave(&stk->co_lock, flags);
		c = list_first_entry_or_null(&stk->co_due, struct callout,
					     c_due);
		if (!c) {
			spin_unlock_irqrestore(&stk->co_lock, flags);
			break;
		}
		list_del_init(&c->c_due);
		c->c_flags &= ~(CO_PENDING | CO_DUE);
		func = c->c_func;
		arg = c->c_arg;
		stk->co_running = c;
		spin_unlock_irqrestore(&stk->co_lock, flags);

		wtp->in_callout = true;
		func(arg);		/* may free or re-arm c */
		wtp->in_callout = false;
		atomic64_inc(&stk->st_callouts);

		spin_lock_irqsave(&stk->co_lock, flags);
		stk->co_running = NULL;
		spin_unlock_irqrestore(&stk->co_lock, flags);
		wake_up_all(&stk->co_wq);
	}
	if (prio != (int)stk->params.timer_pulse_prio)
		iopkt_set_prio(current, prio);
}

/* At destroy: cancel what the owners left armed or due, with a warning. */
void iopkt_co_drop_all(struct _iopkt_self *stk)
{
	struct callout *c, *tmp;
	unsigned long flags;
	unsigned int n = 0;
	LIST_HEAD(left);

	spin_lock_irqsave(&stk->co_lock, flags);
	list_splice_init(&stk->co_armed, &left);
	list_splice_init(&stk->co_due, &left);
	list_for_each_entry(c, &left, c_due)
		c->c_flags &= ~(CO_PENDING | CO_DUE);
	spin_unlock_irqrestore(&stk->co_lock, flags);
	list_for_each_entry_safe(c, tmp, &left, c_due) {
		del_timer_sync(&c->c_timer);
		list_del_init(&c->c_due);
		n++;
	}
	if (n)
		pr_warn("instance %d: %u callouts still armed at destroy, cancelled\n",
			stk->instance, n);
}
