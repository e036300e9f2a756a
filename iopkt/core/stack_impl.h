/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inside of a stack instance: the runtime in core/ (stack.c,
 * interrupt.c, callout.c, ltsleep.c, blockop.c, nw_thread.c) and the parts
 * of iopkt.ko that reach into an instance (net/, ctl/, clone/if_clone.c).
 * Not for other modules: they use include/iopkt/.
 */
#ifndef _IOPKT_STACK_IMPL_H
#define _IOPKT_STACK_IMPL_H

#include <linux/atomic.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include <iopkt/stack.h>

#include "core/core.h"

struct callout;

/* struct _iopkt_inter.state (core/interrupt.c) */
enum {
	IE_IDLE = 0,
	IE_QUEUED = 1,		/* on the run queue */
	IE_RUNNING = 2,		/* a worker is in its process function */
	IE_AGAIN = 4,		/* queued again while running */
	IE_REGISTERED = 8,	/* interrupt_entry_init() done */
	IE_REMOVING = 16,	/* interrupt_entry_remove() waits for RUNNING */
};
#define IE_BUSY		(IE_QUEUED | IE_RUNNING | IE_AGAIN)

struct _iopkt_self {
	int instance;
	struct iopkt_params params;
	bool starting;
	bool stopping;
	struct list_head node;		/* iopkt_stacks */

	unsigned int nworkers;
	struct nw_work_thread *workers;
	bool bound;			/* worker i runs on the i-th online CPU */
	struct nw_work_thread **cpu_worker;	/* by CPU id, when bound */
	struct nw_work_thread main;

	/* event sources */
	spinlock_t ev_lock;
	struct list_head ev_runq;
	struct list_head ev_all;
	unsigned int ev_nprio;		/* sources with their own priority */
	wait_queue_head_t worker_wq;
	/*
	 * Single-threaded devices attached (NetBSD-style drivers): while
	 * nonzero, process functions run in the stack context (one at a time,
	 * never beside stack code) and so does every if_start.
	 */
	atomic_t single;

	/* the stack context */
	spinlock_t stk_lock;
	struct task_struct *stk_owner;
	struct nw_work_thread *stk_wtp;
	unsigned int stk_waiters;
	atomic_t stk_claims;		/* workers that queued stack work */
	wait_queue_head_t stk_wq;
	atomic_t stk_inside;
	struct lockdep_map stk_dep_map;	/* the context as a lock (stack.c) */
	struct list_head swork;		/* struct iopkt_swork, under stk_lock */

	/* callouts: due list under co_lock (taken in timer softirq) */
	spinlock_t co_lock;
	struct list_head co_armed;
	struct list_head co_due;
	struct callout *co_running;
	wait_queue_head_t co_wq;

	/* blockops for the main thread */
	spinlock_t bop_lock;
	struct list_head bop_list;
	wait_queue_head_t main_wq;

	/* tracked threads and quiesce */
	struct mutex thr_lock;
	struct idr thr_idr;
	struct list_head tracked;
	bool quiesce;
	wait_queue_head_t quiesce_wq;	/* quiesce_all() waits for blockers */
	wait_queue_head_t release_wq;	/* blocked threads wait here */
	atomic_t quiesce_blocked;
	atomic_t workers_asleep;	/* workers inside ltsleep() */

	struct dentry *debugfs;

	/* interfaces, devices, pfil, control device (net_impl.h) */
	struct iopkt_netstate *ns;

	/* statistics */
	atomic64_t st_events;
	atomic64_t st_requeued;
	atomic64_t st_entries;
	atomic64_t st_calls;
	atomic64_t st_swork;
	atomic64_t st_callouts;
	atomic64_t st_ltsleeps;
	atomic64_t st_blockops;
	atomic64_t st_violations;
	atomic64_t st_misuse;
};

/* stack.c */
bool iopkt_stk_try_enter(struct _iopkt_self *stk, struct nw_work_thread *wtp,
			 bool worker);
void iopkt_stk_enter(struct _iopkt_self *stk, struct nw_work_thread *wtp);
void iopkt_stack_dequeue(struct _iopkt_self *stk, struct iopkt_swork *w);
void iopkt_stk_exit(struct _iopkt_self *stk);
void iopkt_stack_kick(struct _iopkt_self *stk);
void iopkt_wake_worker(struct _iopkt_self *stk);
bool iopkt_stack_pending(struct _iopkt_self *stk);
void iopkt_set_prio(struct task_struct *task, int prio);
struct nw_work_thread *iopkt_caller_wtp(void);
int iopkt_worker_fn(void *arg);
int iopkt_main_fn(void *arg);

/* ltsleep.c: give the stack context up around a long wait */
struct iopkt_stk_held {
	struct _iopkt_self *stk;	/* NULL: nothing was given up */
	struct nw_work_thread *wtp;
};

void iopkt_stk_leave_for_wait(struct iopkt_stk_held *h);
void iopkt_stk_back(struct iopkt_stk_held *h);

/* interrupt.c */
bool iopkt_ev_pending(struct _iopkt_self *stk);
void iopkt_ev_service(struct _iopkt_self *stk, struct nw_work_thread *wtp);
void iopkt_ev_drop_all(struct _iopkt_self *stk);
unsigned int iopkt_ev_remove_within(struct _iopkt_self *stk, const void *start,
				    size_t len);

/* callout.c */
bool iopkt_co_pending(struct _iopkt_self *stk);
void iopkt_co_run_due(struct _iopkt_self *stk, struct nw_work_thread *wtp);
void iopkt_co_drop_all(struct _iopkt_self *stk);

/* blockop.c */
bool iopkt_bop_pending(struct _iopkt_self *stk);
void iopkt_bop_run(struct _iopkt_self *stk);

/* nw_thread.c */
int iopkt_tracked_fn(void *arg);
void iopkt_threads_reap_all(struct _iopkt_self *stk);
void iopkt_quiesce_check(struct nw_work_thread *wtp);
void iopkt_misuse(struct _iopkt_self *stk, const char *what);

#endif /* _IOPKT_STACK_IMPL_H */
