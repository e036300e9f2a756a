// SPDX-License-Identifier: GPL-2.0
/*
 * Event sources: interrupt_entry_init(), interrupt_queue() and the run
 * queue the workers service.
 *
 * A source is IDLE, QUEUED (on the run queue) or RUNNING (a worker is in its
 * process function). interrupt_queue() on an IDLE source queues it and wakes
 * a worker; on a QUEUED one it does nothing; on a RUNNING one it records
 * that the source must run again (AGAIN), so that no event is lost even when
 * a driver queues from a thread while its process function runs (io-pkt
 * would drop that request; drivers written for it keep their own lock, and
 * still work here). A source is on the run queue at most once and is never
 * serviced by two workers at once.
 */
/*
 * io-pkt API: functions named as in io-pkt return io-pkt's EOK or a positive
 * errno (BSD style), not Linux's negative ones. (lint: bsd-errno)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sched.h>
#include <linux/wait_bit.h>

#include <iopkt/interrupt.h>

#include "core/stack_impl.h"
#include "net/net_impl.h"

/**
 * interrupt_entry_init_stack() - register an event source with an instance
 * @stk: the instance
 * @ient: the source; func, enable and arg may be filled in before or after
 *	the call (the guide sets them after it), but before the source is
 *	first queued
 * @flags: unused, 0
 * @prio: io-pkt priority its events are serviced at; 0 for rx_prio. Honoured
 *	only while there are no more sources with a priority than worker
 *	threads (io-pkt's rule: use -t / threads= to add threads)
 *
 * Return: EOK, or EINVAL without an instance.
 */
int interrupt_entry_init_stack(struct _iopkt_self *stk,
			       struct _iopkt_inter *ient, int flags, int prio)
{
	unsigned long irqflags;

	if (!stk)
		return EINVAL;
	INIT_LIST_HEAD(&ient->node);
	ient->stk = stk;
	ient->prio = prio;
	ient->state = IE_REGISTERED;
	ient->nqueued = 0;
	ient->nserviced = 0;
	atomic_set(&ient->servicers, 0);
	spin_lock_irqsave(&stk->ev_lock, irqflags);
	list_add_tail(&ient->all, &stk->ev_all);
	if (prio > 0)
		stk->ev_nprio++;
	spin_unlock_irqrestore(&stk->ev_lock, irqflags);
	if (prio > 0 && stk->ev_nprio > stk->nworkers)
		pr_warn("instance %d: %u interfaces with their own priority but %u threads: per-interface priority ignored, rx_prio %lu used (start with more threads: -t / threads=)\n",
			stk->instance, stk->ev_nprio, stk->nworkers,
			stk->params.rx_prio);
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(interrupt_entry_init_stack, IOPKT);

/**
 * interrupt_entry_init() - register an event source with the caller's
 * instance (instance 0 outside io-pkt threads)
 * @ient: the source
 * @flags: unused, 0
 * @evp: unused (QNX returns a sigevent here), may be NULL
 * @prio: see interrupt_entry_init_stack()
 *
 * Return: EOK or EINVAL.
 */
int interrupt_entry_init(struct _iopkt_inter *ient, int flags, void *evp,
			 int prio)
{
	struct _iopkt_self *stk = iopkt_wtp_stack();

	return interrupt_entry_init_stack(stk ? stk : iopkt_selfp, ient,
					  flags, prio);
}
EXPORT_SYMBOL_NS_GPL(interrupt_entry_init, IOPKT);

/*
 * Unregister @ient unless a worker is in its process function; then mark it
 * so that ev_done() wakes us when the function returns.
 */
static bool ev_try_remove(struct _iopkt_self *stk, struct _iopkt_inter *ient)
{
	unsigned long flags;
	bool running;

	spin_lock_irqsave(&stk->ev_lock, flags);
	running = ient->state & IE_RUNNING;
	if (!running) {
		if (ient->state & IE_QUEUED)
			list_del_init(&ient->node);
		list_del_init(&ient->all);
		if (ient->prio > 0)
			stk->ev_nprio--;
		ient->state = IE_IDLE;
		ient->stk = NULL;
	} else {
		ient->state = (ient->state & ~IE_AGAIN) | IE_REMOVING;
	}
	spin_unlock_irqrestore(&stk->ev_lock, flags);
	return !running;
}

/**
 * interrupt_entry_remove() - unregister an event source
 * @ient: the source
 * @evp: unused, may be NULL
 *
 * Waits until no worker is servicing the source; after that it is never
 * called again. Process context; not from the source's own process function.
 */
void interrupt_entry_remove(struct _iopkt_inter *ient, void *evp)
{
	struct _iopkt_self *stk = ient->stk;

	if (!stk)
		return;
	/*
	 * A process function never needs the stack context (nor, in a
	 * single-threaded instance, can it run while the caller holds it), so
	 * the wait is as short as one call and the caller keeps the context.
	 */
	wait_var_event(&ient->state, ev_try_remove(stk, ient));
}
EXPORT_SYMBOL_NS_GPL(interrupt_entry_remove, IOPKT);

/*
 * What interrupt_queue() hands back for an accepted event. io-pkt returns
 * the sigevent that wakes a thread; here the worker is already woken, so
 * the event only says "mine, taken care of" (see iopkt_isr_return()).
 */
static const struct sigevent iopkt_ev_event = { .sigev_notify = SIGEV_NONE };

/**
 * interrupt_queue() - an event happened on a source: get it serviced
 * @iopkt: io-pkt's instance argument (iopkt_selfp or the driver's saved
 *	one); unused: the source is queued on the instance it was registered
 *	with, so the guide's idiom works in every instance
 * @ient: the source
 *
 * Any context, including hard IRQ. An ISR returns what this returns.
 *
 * Return: an event (not NULL) when the source is queued now, already
 * queued or being serviced (it then runs again); NULL only for a source
 * that is not registered (a warning). Unlike io-pkt, "already queued"
 * also returns the event, so that the Linux IRQ core counts the interrupt
 * as handled.
 */
const struct sigevent *interrupt_queue(struct _iopkt_self *iopkt,
				       struct _iopkt_inter *ient)
{
	struct _iopkt_self *stk = ient->stk;
	unsigned long flags;
	bool queued = false;

	if (WARN_ON_ONCE(!stk))
		return NULL;
	spin_lock_irqsave(&stk->ev_lock, flags);
	if (ient->state & IE_RUNNING) {
		ient->state |= IE_AGAIN;
	} else if (!(ient->state & IE_QUEUED)) {
		ient->state |= IE_QUEUED;
		list_add_tail(&ient->node, &stk->ev_runq);
		queued = true;
	}
	ient->nqueued++;
	spin_unlock_irqrestore(&stk->ev_lock, flags);
	if (queued)
		iopkt_wake_worker(stk);
	return &iopkt_ev_event;
}
EXPORT_SYMBOL_NS_GPL(interrupt_queue, IOPKT);

bool iopkt_ev_pending(struct _iopkt_self *stk)
{
	return !list_empty_careful(&stk->ev_runq);
}

/*
 * Take the next source off the run queue, unless a single-threaded driver is
 * attached and the caller is not @inside the stack context (*@need_stack:
 * take it first). stk->single is read under ev_lock, per event: a driver
 * that became single-threaded did so before its source could be queued
 * (dev_attach()), so its events are never seen without it.
 */
static struct _iopkt_inter *ev_next(struct _iopkt_self *stk, bool inside,
				    bool *need_stack, bool *more)
{
	struct _iopkt_inter *ient = NULL;
	unsigned long flags;

	spin_lock_irqsave(&stk->ev_lock, flags);
	*need_stack = !inside && atomic_read(&stk->single) &&
		      !list_empty(&stk->ev_runq);
	if (!*need_stack)
		ient = list_first_entry_or_null(&stk->ev_runq,
						struct _iopkt_inter, node);
	if (ient) {
		list_del_init(&ient->node);
		ient->state = (ient->state & ~IE_QUEUED) | IE_RUNNING;
	}
	*more = !list_empty(&stk->ev_runq);
	spin_unlock_irqrestore(&stk->ev_lock, flags);
	return ient;
}

static void ev_done(struct _iopkt_self *stk, struct _iopkt_inter *ient,
		    bool again)
{
	unsigned long flags;
	bool removing;

	spin_lock_irqsave(&stk->ev_lock, flags);
	if (ient->state & IE_AGAIN)
		again = true;
	removing = ient->state & IE_REMOVING;
	ient->state &= ~(IE_RUNNING | IE_AGAIN | IE_REMOVING);
	if (again && ient->stk && !removing) {
		ient->state |= IE_QUEUED;
		list_add_tail(&ient->node, &stk->ev_runq);
	}
	/* interrupt_entry_remove() checks again after it queued itself */
	if (removing)
		wake_up_var(&ient->state);
	spin_unlock_irqrestore(&stk->ev_lock, flags);
}

static void ev_set_prio(struct _iopkt_self *stk, struct nw_work_thread *wtp,
			int prio)
{
	if (prio <= 0 || stk->ev_nprio > stk->nworkers)
		prio = stk->params.rx_prio;
	if (prio != wtp->prio) {
		wtp->prio = prio;
		iopkt_set_prio(current, prio);
	}
}

/* A worker services the run queue until it is empty. */
void iopkt_ev_service(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	struct _iopkt_inter *ient;
	bool inside = false, need_stack, more;
	int done;

	for (;;) {
		ient = ev_next(stk, inside, &need_stack, &more);
		/*
		 * A single-threaded driver is attached: service inside the
		 * stack context. If another thread has it, leave the events
		 * queued; its iopkt_stk_exit() wakes a worker for them.
		 */
		if (need_stack) {
			if (!iopkt_stk_try_enter(stk, wtp, false))
				break;
			inside = true;
			continue;
		}
		if (!ient)
			break;
		if (more)
			wake_up(&stk->worker_wq);
		ev_set_prio(stk, wtp, ient->prio);
		if (atomic_inc_return(&ient->servicers) != 1) {
			atomic64_inc(&stk->st_violations);
			WARN_ONCE(1, "iopkt: event source serviced twice at once\n");
		}
		/* guide order: queued before func was filled in */
		iopkt_rxbatch_begin(wtp->rxb);
		done = ient->func ? ient->func(ient->arg, wtp) : 1;
		iopkt_rxbatch_end(wtp->rxb);
		atomic_dec(&ient->servicers);
		ient->nserviced++;
		wtp->ev_serviced++;
		atomic64_inc(&stk->st_events);
		if (done) {
			if (ient->enable && ient->func)
				ient->enable(ient->arg);
		} else {
			atomic64_inc(&stk->st_requeued);
		}
		ev_done(stk, ient, !done);
		cond_resched();
		/* single: a control request waits for the stack context */
		if (inside && READ_ONCE(stk->stk_waiters))
			break;
		/*
		 * Stack work is waiting for this worker (it claimed it, or
		 * holds the stack context for a single-threaded driver): run
		 * it before more events, or a source that always asks for
		 * more (returns 0) starves it. What is left goes to another
		 * worker (below, or iopkt_stk_exit()).
		 */
		if (wtp->claim || (inside && iopkt_stack_pending(stk)))
			break;
	}
	if (inside)
		iopkt_stk_exit(stk);
	else if (iopkt_ev_pending(stk))
		wake_up(&stk->worker_wq);
}

/*
 * dev_detach(): remove the sources still registered whose storage lies in
 * [@start, @start + @len) (a softc about to be freed). Stack context.
 * Returns how many there were.
 */
unsigned int iopkt_ev_remove_within(struct _iopkt_self *stk, const void *start,
				    size_t len)
{
	const char *lo = start, *hi = lo + len;
	struct _iopkt_inter *ient, *found;
	unsigned long flags;
	unsigned int n = 0;

	for (;;) {
		found = NULL;
		spin_lock_irqsave(&stk->ev_lock, flags);
		list_for_each_entry(ient, &stk->ev_all, all) {
			if ((const char *)ient >= lo &&
			    (const char *)ient < hi) {
				found = ient;
				break;
			}
		}
		spin_unlock_irqrestore(&stk->ev_lock, flags);
		if (!found)
			return n;
		interrupt_entry_remove(found, NULL);
		n++;
	}
}

void iopkt_ev_drop_all(struct _iopkt_self *stk)
{
	struct _iopkt_inter *ient, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(ient, tmp, &stk->ev_all, all) {
		list_del_init(&ient->all);
		list_del_init(&ient->node);
		ient->stk = NULL;
		ient->state = IE_IDLE;
		n++;
	}
	if (n)
		pr_warn("instance %d: %u event sources still registered at destroy\n",
			stk->instance, n);
}
