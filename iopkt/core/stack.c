// SPDX-License-Identifier: GPL-2.0
/*
 * Stack instances: worker threads, the main thread and the stack context.
 *
 * A worker waits for events, services the event sources on the run queue
 * (several workers can do that at once, on different sources) and then, if
 * stack work is pending and nobody holds the stack context, becomes the
 * stack thread right there and drains the stack work (queued work items and
 * due callouts) until none remains. Control requests enter the stack context
 * in the caller's own thread (iopkt_stack_call()), so they run at the
 * caller's priority: io-pkt's floating priority. Documentation/core.md has
 * the picture.
 *
 * What runs in the stack context speaks io-pkt: iopkt_stack_call() and the
 * functions it runs return io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kthread.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include <iopkt/callout.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

static LIST_HEAD(iopkt_stacks);
static DEFINE_SPINLOCK(iopkt_stacks_lock);
/* Threads inside iopkt_stack_call() with a caller WTP (see iopkt_wtp()). */
static atomic_t iopkt_callers = ATOMIC_INIT(0);

struct _iopkt_self *iopkt_selfp;
EXPORT_SYMBOL_NS_GPL(iopkt_selfp, IOPKT);

/**
 * iopkt_set_prio() - run a thread at an io-pkt priority
 * @task: the thread
 * @prio: QNX priority, 1-255
 *
 * QNX priorities map onto CFS nice values: nice = 10 - prio, clamped to
 * [-20, 19]. Priority 10 (QNX's default for applications) is nice 0, io-pkt's
 * default 21 is nice -11, 30 and above is nice -20. Workers never run in a
 * real-time class, so a busy worker cannot starve the machine.
 */
void iopkt_set_prio(struct task_struct *task, int prio)
{
	set_user_nice(task, clamp(10 - prio, MIN_NICE, MAX_NICE));
}

/*
 * The stack context is a lock for lockdep, one class for every instance:
 * taken where a thread becomes its owner, released where it stops being
 * it, always in the same thread (the token is never handed over: ltsleep
 * and blockop give it up and take it back like any other owner). lockdep
 * then checks its order against rtnl and everything else (rtnl first,
 * Documentation/core.md).
 */
static struct lock_class_key iopkt_stack_key;

/* stk_lock is irq-safe: iopkt_stack_queue() may run in hard IRQ context. */
static bool stk_take(struct _iopkt_self *stk, struct nw_work_thread *wtp,
		     bool worker)
{
	unsigned long flags;

	spin_lock_irqsave(&stk->stk_lock, flags);
	if (stk->stk_owner || (worker && stk->stk_waiters) ||
	    (worker && !wtp->claim && atomic_read(&stk->stk_claims))) {
		spin_unlock_irqrestore(&stk->stk_lock, flags);
		return false;
	}
	stk->stk_owner = current;
	stk->stk_wtp = wtp;
	spin_unlock_irqrestore(&stk->stk_lock, flags);
	if (atomic_inc_return(&stk->stk_inside) != 1) {
		atomic64_inc(&stk->st_violations);
		WARN_ONCE(1, "iopkt: two threads inside the stack context\n");
	}
	return true;
}

/* Take the stack context if it is free: a trylock for lockdep. */
bool iopkt_stk_try_enter(struct _iopkt_self *stk, struct nw_work_thread *wtp,
			 bool worker)
{
	if (!stk_take(stk, wtp, worker))
		return false;
	lock_acquire_exclusive(&stk->stk_dep_map, 0, 1, NULL, _RET_IP_);
	return true;
}

/* Wait for the stack context; waiters go before workers looking for work. */
void iopkt_stk_enter(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	unsigned long flags;

	might_sleep();
	/* before waiting, as mutex_lock() does: an inversion is reported
	 * even when the wait would deadlock
	 */
	lock_acquire_exclusive(&stk->stk_dep_map, 0, 0, NULL, _RET_IP_);
	if (stk_take(stk, wtp, false))
		return;
	spin_lock_irqsave(&stk->stk_lock, flags);
	stk->stk_waiters++;
	spin_unlock_irqrestore(&stk->stk_lock, flags);
	/*
	 * Uninterruptible, as mutex_lock(): often with rtnl held (the order is
	 * rtnl first). Holders do not wait long inside (Documentation/core.md),
	 * so a waiter that the hung task detector reports is a bug to see.
	 */
	wait_event(stk->stk_wq, stk_take(stk, wtp, false));
	spin_lock_irqsave(&stk->stk_lock, flags);
	stk->stk_waiters--;
	spin_unlock_irqrestore(&stk->stk_lock, flags);
}

void iopkt_stk_exit(struct _iopkt_self *stk)
{
	unsigned int waiters;
	unsigned long flags;

	lock_release(&stk->stk_dep_map, _RET_IP_);
	atomic_dec(&stk->stk_inside);
	spin_lock_irqsave(&stk->stk_lock, flags);
	WARN_ON_ONCE(stk->stk_owner != current);
	stk->stk_owner = NULL;
	stk->stk_wtp = NULL;
	waiters = stk->stk_waiters;
	spin_unlock_irqrestore(&stk->stk_lock, flags);
	if (waiters)
		wake_up_all(&stk->stk_wq);
	if (iopkt_stack_pending(stk) ||
	    (atomic_read(&stk->single) && iopkt_ev_pending(stk)))
		wake_up(&stk->worker_wq);
}

static struct nw_work_thread *iopkt_worker_of(struct _iopkt_self *stk)
{
	struct nw_work_thread *wtp;

	if (!(current->flags & PF_KTHREAD) ||
	    kthread_func(current) != iopkt_worker_fn)
		return NULL;
	wtp = kthread_data(current);
	return wtp->stack == stk ? wtp : NULL;
}

bool iopkt_stack_pending(struct _iopkt_self *stk)
{
	return !list_empty(&stk->swork) || iopkt_co_pending(stk);
}

/*
 * An idle bound worker on another CPU than @cpu, or NULL. Starts after
 * @cpu, so that the CPUs take turns.
 */
static struct nw_work_thread *idle_worker_elsewhere(struct _iopkt_self *stk,
						    unsigned int cpu)
{
	struct nw_work_thread *w;
	unsigned int c;

	for (c = cpumask_next(cpu, cpu_online_mask); c != cpu;
	     c = cpumask_next(c, cpu_online_mask)) {
		if (c >= nr_cpu_ids) {
			c = cpumask_first(cpu_online_mask);
			if (c >= nr_cpu_ids || c == cpu)
				break;
		}
		w = stk->cpu_worker[c];
		if (w && READ_ONCE(w->idle))
			return w;
	}
	return NULL;
}

/*
 * Wake a worker. Workers bound (one per CPU): when this CPU was idle (the
 * event came from an interrupt of the idle task), its own worker, so the
 * event is serviced where it was raised without a cross-CPU wakeup (what
 * Linux's per-CPU workqueues do too). When this CPU runs a thread (a
 * sender whose transmit looped a frame back through a softirq, an
 * interrupt of a busy CPU), an idle worker on another CPU: this CPU's
 * worker, at rx_prio, would preempt that thread at once, service the one
 * frame that thread produced and sleep again, a pair of context switches
 * per frame; elsewhere it services frames while the thread makes more.
 */
void iopkt_wake_worker(struct _iopkt_self *stk)
{
	struct nw_work_thread *w = NULL, *mine;
	unsigned int cpu;

	if (stk->bound) {
		cpu = raw_smp_processor_id();
		mine = cpu < nr_cpu_ids ? stk->cpu_worker[cpu] : NULL;
		if (mine && mine->task == current)
			mine = NULL;	/* it looks at the queue before sleeping */
		if (mine && READ_ONCE(mine->idle) && is_idle_task(current))
			w = mine;
		else if (cpu < nr_cpu_ids)
			w = idle_worker_elsewhere(stk, cpu);
		if (!w && mine && READ_ONCE(mine->idle))
			w = mine;
	}
	if (w)
		wake_up_process(w->task);
	else
		wake_up(&stk->worker_wq);
}

/* Something for the stack context arrived: get a worker to look. */
void iopkt_stack_kick(struct _iopkt_self *stk)
{
	iopkt_wake_worker(stk);
}

/**
 * iopkt_stack_queue() - run a function in the stack context, soon
 * @stk: the instance
 * @w: the work; queueing it again before it ran is a no-op
 *
 * Any context, including hard IRQ. The function runs once, in a worker that
 * becomes the stack thread.
 */
void iopkt_stack_queue(struct _iopkt_self *stk, struct iopkt_swork *w)
{
	struct nw_work_thread *me = in_task() ? iopkt_worker_of(stk) : NULL;
	unsigned long flags;
	bool kick = false;

	/*
	 * A worker queueing work claims it: it becomes the stack thread when it
	 * has serviced its events, without a switch to another thread, and
	 * other workers leave the stack context alone until then.
	 */
	if (me && !me->claim && READ_ONCE(stk->stk_owner) != current) {
		me->claim = true;
		atomic_inc(&stk->stk_claims);
	}
	spin_lock_irqsave(&stk->stk_lock, flags);
	if (!w->queued) {
		w->queued = true;
		list_add_tail(&w->node, &stk->swork);
		kick = true;
	}
	spin_unlock_irqrestore(&stk->stk_lock, flags);
	if (kick && !me)
		iopkt_stack_kick(stk);
}
EXPORT_SYMBOL_NS_GPL(iopkt_stack_queue, IOPKT);

/* Take @w off the queue if it is on it (it then does not run). */
void iopkt_stack_dequeue(struct _iopkt_self *stk, struct iopkt_swork *w)
{
	unsigned long flags;

	spin_lock_irqsave(&stk->stk_lock, flags);
	if (w->queued) {
		list_del_init(&w->node);
		w->queued = false;
	}
	spin_unlock_irqrestore(&stk->stk_lock, flags);
}

/* Run the queued stack work, one item at a time: an item can be queued
 * again (even by its own function) as soon as it has been taken off.
 */
static bool stack_run_swork(struct _iopkt_self *stk)
{
	struct iopkt_swork *w;
	unsigned long flags;
	bool did = false;

	for (;;) {
		spin_lock_irqsave(&stk->stk_lock, flags);
		w = list_first_entry_or_null(&stk->swork, struct iopkt_swork,
					     node);
		if (w) {
			list_del_init(&w->node);
			w->queued = false;
		}
		spin_unlock_irqrestore(&stk->stk_lock, flags);
		if (!w)
			return did;
		w->func(w->arg);
		atomic64_inc(&stk->st_swork);
		did = true;
	}
}

/* The stack thread's loop: drain stack events until none remain. */
static void stack_run(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	bool did;

	do {
		did = stack_run_swork(stk);
		if (iopkt_co_pending(stk)) {
			iopkt_co_run_due(stk, wtp);
			did = true;
		}
	} while (did);
}

static void worker_unclaim(struct _iopkt_self *stk, struct nw_work_thread *wtp)
{
	if (wtp->claim) {
		wtp->claim = false;
		atomic_dec(&stk->stk_claims);
	}
}

/*
 * Could @wtp take the stack context now (iopkt_stk_try_enter() as a
 * worker)? Not while it is held, a thread waits for it, or another worker
 * has a claim: whoever ends that wakes a worker if stack work is left
 * (iopkt_stk_exit(), or the claimant's worker loop).
 */
static bool worker_may_enter(struct _iopkt_self *stk,
			     struct nw_work_thread *wtp)
{
	return !READ_ONCE(stk->stk_owner) && !READ_ONCE(stk->stk_waiters) &&
	       (wtp->claim || !atomic_read(&stk->stk_claims));
}

static bool worker_has_work(struct _iopkt_self *stk,
			    struct nw_work_thread *wtp)
{
	return kthread_should_stop() || READ_ONCE(stk->quiesce) ||
	       (iopkt_ev_pending(stk) &&
		(!atomic_read(&stk->single) || !READ_ONCE(stk->stk_owner))) ||
	       (iopkt_stack_pending(stk) && worker_may_enter(stk, wtp));
}

int iopkt_worker_fn(void *arg)
{
	struct nw_work_thread *wtp = arg;
	struct _iopkt_self *stk = wtp->stack;

	wtp->prio = stk->params.rx_prio;
	iopkt_set_prio(current, wtp->prio);
	wtp->rxb = iopkt_rxbatch_alloc();
	while (!kthread_should_stop()) {
		WRITE_ONCE(wtp->idle, true);
		if (wait_event_interruptible_exclusive(stk->worker_wq,
						       worker_has_work(stk, wtp)))
			continue;
		WRITE_ONCE(wtp->idle, false);
		if (kthread_should_stop())
			break;
		iopkt_quiesce_check(wtp);
		iopkt_ev_service(stk, wtp);
		if (iopkt_stack_pending(stk) &&
		    iopkt_stk_try_enter(stk, wtp, true)) {
			worker_unclaim(stk, wtp);
			atomic64_inc(&stk->st_entries);
			wtp->stack_entries++;
			stack_run(stk, wtp);
			iopkt_stk_exit(stk);
		} else if (wtp->claim) {
			/* the stack is busy: its holder or a woken worker runs it */
			worker_unclaim(stk, wtp);
			if (iopkt_stack_pending(stk))
				iopkt_stack_kick(stk);
		}
		cond_resched();
	}
	iopkt_rxbatch_free(wtp->rxb);
	wtp->rxb = NULL;
	iopkt_mcache_drain(&wtp->mcache);
	return 0;
}

int iopkt_main_fn(void *arg)
{
	struct nw_work_thread *wtp = arg;
	struct _iopkt_self *stk = wtp->stack;

	wtp->prio = stk->params.main_prio;
	iopkt_set_prio(current, wtp->prio);
	while (!kthread_should_stop()) {
		wait_event_interruptible(stk->main_wq, iopkt_bop_pending(stk) ||
					 kthread_should_stop());
		iopkt_bop_run(stk);
	}
	iopkt_mcache_drain(&wtp->mcache);
	return 0;
}

struct nw_work_thread *iopkt_caller_wtp(void)
{
	struct nw_work_thread *wtp = NULL;
	struct _iopkt_self *stk;
	unsigned long flags;

	/* the common case on the packet path: no control request running */
	if (!atomic_read(&iopkt_callers))
		return NULL;
	/* irq-safe: mbufs are allocated under BH-safe locks (if_snd_ex) */
	spin_lock_irqsave(&iopkt_stacks_lock, flags);
	list_for_each_entry(stk, &iopkt_stacks, node) {
		if (READ_ONCE(stk->stk_owner) == current) {
			wtp = stk->stk_wtp;
			break;
		}
	}
	spin_unlock_irqrestore(&iopkt_stacks_lock, flags);
	return wtp;
}

/**
 * iopkt_wtp() - the calling thread's io-pkt state (WTP)
 *
 * Any context; in hard or soft IRQ context there is no io-pkt thread state.
 *
 * Return: the worker, main or tracked thread's state, or the caller state of
 * a user thread while it is inside a stack context; NULL otherwise.
 */
struct nw_work_thread *iopkt_wtp(void)
{
	if (!in_task())
		return NULL;
	if (current->flags & PF_KTHREAD) {
		void *fn = kthread_func(current);

		if (fn == iopkt_worker_fn || fn == iopkt_main_fn ||
		    fn == iopkt_tracked_fn)
			return kthread_data(current);
	}
	return iopkt_caller_wtp();
}
EXPORT_SYMBOL_NS_GPL(iopkt_wtp, IOPKT);

/**
 * iopkt_wtp_stack() - the instance the calling thread belongs to
 *
 * Return: that instance, or NULL for a thread io-pkt does not know.
 */
struct _iopkt_self *iopkt_wtp_stack(void)
{
	struct nw_work_thread *wtp = iopkt_wtp();

	return wtp ? wtp->stack : NULL;
}
EXPORT_SYMBOL_NS_GPL(iopkt_wtp_stack, IOPKT);

/**
 * iopkt_stack_instance() - an instance's number (io-pkt -i N)
 * @stk: the instance
 *
 * Return: N; 0 for the default instance.
 */
int iopkt_stack_instance(const struct _iopkt_self *stk)
{
	return stk->instance;
}
EXPORT_SYMBOL_NS_GPL(iopkt_stack_instance, IOPKT);

/**
 * iopkt_in_stack() - ISSTACK: does the calling thread hold a stack context?
 *
 * Return: true if it does.
 */
bool iopkt_in_stack(void)
{
	struct nw_work_thread *wtp = iopkt_wtp();

	return wtp && wtp->stack && READ_ONCE(wtp->stack->stk_owner) == current;
}
EXPORT_SYMBOL_NS_GPL(iopkt_in_stack, IOPKT);

/**
 * iopkt_starting() - ISSTART: is the calling thread's instance starting up?
 *
 * Return: true while the instance is being created (its threads are not
 * running yet, so delays may simply block).
 */
bool iopkt_starting(void)
{
	struct _iopkt_self *stk = iopkt_wtp_stack();

	return stk ? READ_ONCE(stk->starting) : false;
}
EXPORT_SYMBOL_NS_GPL(iopkt_starting, IOPKT);

/**
 * iopkt_stack_call() - run a control request in the stack context
 * @stk: the instance
 * @fn: the request; runs with the stack context held, in the calling thread
 *	(so at the caller's priority)
 * @arg: its argument
 *
 * Waits until the stack context is free. Called from within the stack
 * context of @stk, @fn simply runs. Process context; may sleep.
 *
 * Error signs: @fn returns 0 (EOK) or a positive errno, as io-pkt code
 * does, and so does this function. A Linux entry point (ndo_*, file
 * operations, genl handlers) negates the result once, where it returns
 * to Linux; nothing in between converts.
 *
 * Return: what @fn returned, or ENOMEM (positive) if the caller's thread
 * state could not be allocated.
 */
int iopkt_stack_call(struct _iopkt_self *stk, int (*fn)(void *arg), void *arg)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct nw_work_thread *local = NULL;
	int ret;

	might_sleep();
	if (wtp && wtp->stack == stk && READ_ONCE(stk->stk_owner) == current)
		return fn(arg);
	if (!wtp || wtp->stack != stk) {
		local = kzalloc(sizeof(*local), GFP_KERNEL);
		if (!local)
			return ENOMEM;
		local->kind = NW_THREAD_CALLER;
		local->stack = stk;
		local->task = current;
		local->tidx = -1;
		wtp = local;
	}
	iopkt_stk_enter(stk, wtp);
	if (local)
		atomic_inc(&iopkt_callers);
	atomic64_inc(&stk->st_calls);
	ret = fn(arg);
	if (local)
		atomic_dec(&iopkt_callers);
	iopkt_stk_exit(stk);
	if (local) {
		iopkt_mcache_drain(&local->mcache);
		kfree(local);
	}
	return ret;
}
EXPORT_SYMBOL_NS_GPL(iopkt_stack_call, IOPKT);

/**
 * iopkt_stack_get_stats() - copy an instance's counters
 * @stk: the instance
 * @st: filled in
 */
void iopkt_stack_get_stats(struct _iopkt_self *stk,
			   struct iopkt_stack_stats *st)
{
	st->nworkers = stk->nworkers;
	st->events = atomic64_read(&stk->st_events);
	st->events_requeued = atomic64_read(&stk->st_requeued);
	st->stack_entries = atomic64_read(&stk->st_entries);
	st->stack_calls = atomic64_read(&stk->st_calls);
	st->swork = atomic64_read(&stk->st_swork);
	st->callouts = atomic64_read(&stk->st_callouts);
	st->ltsleeps = atomic64_read(&stk->st_ltsleeps);
	st->blockops = atomic64_read(&stk->st_blockops);
	st->violations = atomic64_read(&stk->st_violations);
	st->misuse = atomic64_read(&stk->st_misuse);
}
EXPORT_SYMBOL_NS_GPL(iopkt_stack_get_stats, IOPKT);

static int stack_stats_show(struct seq_file *s, void *unused)
{
	struct _iopkt_self *stk = s->private;
	struct iopkt_stack_stats st;
	unsigned int i;

	iopkt_stack_get_stats(stk, &st);
	seq_printf(s, "instance %d\nworkers %u\n", stk->instance, st.nworkers);
	seq_printf(s, "events %llu\nevents_requeued %llu\n", st.events,
		   st.events_requeued);
	seq_printf(s, "stack_entries %llu\nstack_calls %llu\nswork %llu\n",
		   st.stack_entries, st.stack_calls, st.swork);
	seq_printf(s, "callouts %llu\nltsleeps %llu\nblockops %llu\n",
		   st.callouts, st.ltsleeps, st.blockops);
	seq_printf(s, "violations %llu\nmisuse %llu\n", st.violations,
		   st.misuse);
	for (i = 0; i < stk->nworkers; i++)
		seq_printf(s, "worker %u pid %d prio %d events %llu stack_entries %llu\n",
			   i, task_pid_nr(stk->workers[i].task),
			   stk->workers[i].prio, stk->workers[i].ev_serviced,
			   stk->workers[i].stack_entries);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stack_stats);

static void wtp_init(struct nw_work_thread *wtp, struct _iopkt_self *stk,
		     enum nw_thread_kind kind, int tidx)
{
	wtp->kind = kind;
	wtp->stack = stk;
	wtp->tidx = tidx;
	INIT_LIST_HEAD(&wtp->node);
	init_completion(&wtp->started);
	init_completion(&wtp->exited);
}

static int stack_start_threads(struct _iopkt_self *stk)
{
	struct task_struct *t;
	unsigned int i, cpu;

	wtp_init(&stk->main, stk, NW_THREAD_MAIN, 0);
	t = stk->instance ?
		kthread_create(iopkt_main_fn, &stk->main, "iopkt%d main",
			       stk->instance) :
		kthread_create(iopkt_main_fn, &stk->main, "iopkt main");
	if (IS_ERR(t))
		return PTR_ERR(t);
	stk->main.task = t;
	cpu = cpumask_first(cpu_online_mask);
	for (i = 0; i < stk->nworkers; i++) {
		struct nw_work_thread *w = &stk->workers[i];

		wtp_init(w, stk, NW_THREAD_WORKER, i);
		t = stk->instance ?
			kthread_create(iopkt_worker_fn, w, "iopkt%d#0x%02x",
				       stk->instance, i) :
			kthread_create(iopkt_worker_fn, w, "iopkt#0x%02x", i);
		if (IS_ERR(t))
			return PTR_ERR(t);
		w->task = t;
		if (stk->bound && cpu < nr_cpu_ids) {
			kthread_bind(t, cpu);
			stk->cpu_worker[cpu] = w;
			cpu = cpumask_next(cpu, cpu_online_mask);
		}
	}
	wake_up_process(stk->main.task);
	for (i = 0; i < stk->nworkers; i++)
		wake_up_process(stk->workers[i].task);
	return 0;
}

static void stack_stop_threads(struct _iopkt_self *stk)
{
	unsigned int i;

	for (i = 0; i < stk->nworkers; i++) {
		if (!stk->workers[i].task)
			continue;
		kthread_stop(stk->workers[i].task);
		stk->workers[i].task = NULL;
	}
	if (stk->main.task) {
		kthread_stop(stk->main.task);
		stk->main.task = NULL;
	}
}

static void stack_drop_swork(struct _iopkt_self *stk)
{
	struct iopkt_swork *w, *tmp;
	unsigned int n = 0;

	list_for_each_entry_safe(w, tmp, &stk->swork, node) {
		list_del_init(&w->node);
		w->queued = false;
		n++;
	}
	if (n)
		pr_warn("instance %d: dropped %u stack work items at destroy\n",
			stk->instance, n);
}

/**
 * iopkt_stack_create() - make a stack instance and start its threads
 * @instance: instance number (io-pkt -i)
 * @p: its options (validated by the caller)
 *
 * Process context.
 *
 * Return: the instance or an error pointer.
 */
struct _iopkt_self *iopkt_stack_create(int instance,
				       const struct iopkt_params *p)
{
	struct _iopkt_self *stk;
	char name[16];
	int ret;

	stk = kzalloc(sizeof(*stk), GFP_KERNEL);
	if (!stk)
		return ERR_PTR(-ENOMEM);
	stk->instance = instance;
	stk->params = *p;
	stk->starting = true;
	stk->nworkers = p->threads ? p->threads : num_online_cpus();
	INIT_LIST_HEAD(&stk->node);
	spin_lock_init(&stk->ev_lock);
	INIT_LIST_HEAD(&stk->ev_runq);
	INIT_LIST_HEAD(&stk->ev_all);
	init_waitqueue_head(&stk->worker_wq);
	spin_lock_init(&stk->stk_lock);
	lockdep_init_map_wait(&stk->stk_dep_map, "iopkt_stack",
			      &iopkt_stack_key, 0, LD_WAIT_SLEEP);
	init_waitqueue_head(&stk->stk_wq);
	INIT_LIST_HEAD(&stk->swork);
	spin_lock_init(&stk->co_lock);
	INIT_LIST_HEAD(&stk->co_armed);
	INIT_LIST_HEAD(&stk->co_due);
	init_waitqueue_head(&stk->co_wq);
	spin_lock_init(&stk->bop_lock);
	INIT_LIST_HEAD(&stk->bop_list);
	init_waitqueue_head(&stk->main_wq);
	mutex_init(&stk->thr_lock);
	idr_init(&stk->thr_idr);
	INIT_LIST_HEAD(&stk->tracked);
	init_waitqueue_head(&stk->quiesce_wq);
	init_waitqueue_head(&stk->release_wq);

	stk->workers = kcalloc(stk->nworkers, sizeof(*stk->workers),
			       GFP_KERNEL);
	stk->cpu_worker = kcalloc(nr_cpu_ids, sizeof(*stk->cpu_worker),
				  GFP_KERNEL);
	if (!stk->workers || !stk->cpu_worker) {
		ret = -ENOMEM;
		goto err_free;
	}
	ret = iopkt_net_init(stk);
	if (ret)
		goto err_free;
	/* One worker per online CPU (io-pkt's default): one on each. */
	stk->bound = stk->nworkers == num_online_cpus();
	ret = stack_start_threads(stk);
	if (ret)
		goto err_threads;
	spin_lock_irq(&iopkt_stacks_lock);
	list_add_tail(&stk->node, &iopkt_stacks);
	spin_unlock_irq(&iopkt_stacks_lock);
	snprintf(name, sizeof(name), "stack%d", instance);
	if (!IS_ERR_OR_NULL(iopkt_debugfs))
		stk->debugfs = debugfs_create_file(name, 0400, iopkt_debugfs,
						   stk, &stack_stats_fops);
	WRITE_ONCE(stk->starting, false);
	pr_info("instance %d: %u worker threads\n", instance, stk->nworkers);
	return stk;

err_threads:
	/* those that were made before one failed */
	stack_stop_threads(stk);
	iopkt_net_exit(stk);
err_free:
	kfree(stk->workers);
	kfree(stk->cpu_worker);
	kfree(stk);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(iopkt_stack_create, IOPKT);

/**
 * iopkt_stack_destroy() - stop an instance and free it
 * @stk: the instance (may be NULL)
 *
 * Tracked threads are told to die, workers and the main thread stop.
 * Event sources, callouts and stack work still registered are dropped with
 * a warning: their owners should have removed them. Process context, never
 * from the instance's own threads.
 */
void iopkt_stack_destroy(struct _iopkt_self *stk)
{
	if (!stk)
		return;
	WRITE_ONCE(stk->stopping, true);
	iopkt_threads_reap_all(stk);
	stack_stop_threads(stk);
	spin_lock_irq(&iopkt_stacks_lock);
	list_del_init(&stk->node);
	spin_unlock_irq(&iopkt_stacks_lock);
	debugfs_remove(stk->debugfs);
	iopkt_ev_drop_all(stk);
	iopkt_co_drop_all(stk);
	stack_drop_swork(stk);
	iopkt_net_exit(stk);
	idr_destroy(&stk->thr_idr);
	kfree(stk->workers);
	kfree(stk->cpu_worker);
	kfree(stk);
}
EXPORT_SYMBOL_NS_GPL(iopkt_stack_destroy, IOPKT);
