/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io-pkt threads: the per-thread state (WTP), tracked threads and quiesce.
 *
 * Every thread io-pkt knows about has a struct nw_work_thread: the worker
 * threads ("iopkt#0x00", ...), the main thread ("iopkt main") and tracked
 * threads made with nw_thread_create(). WTP gives the calling thread's; it
 * is NULL in a thread io-pkt does not know (a user process in an ioctl that
 * has not entered the stack context, a Linux softirq, ...).
 */
#ifndef _IOPKT_NW_THREAD_H
#define _IOPKT_NW_THREAD_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/types.h>

#include <iopkt/mbuf_cache.h>

struct _iopkt_self;

/** enum nw_thread_kind - what an io-pkt thread is */
enum nw_thread_kind {
	NW_THREAD_WORKER,	/* services events, may become the stack */
	NW_THREAD_MAIN,		/* idle main thread, runs blockops */
	NW_THREAD_TRACKED,	/* made by nw_thread_create() */
	NW_THREAD_CALLER,	/* a user thread inside the stack context */
};

/**
 * struct nw_work_thread - per-thread state, the guide's WTP
 * @quiesce_callout: for tracked threads: called by quiesce_all() (die=0)
 *	and nw_thread_reap() (die=1); must make the thread call
 *	quiesce_block(die)
 * @quiesce_arg: argument of @quiesce_callout
 * @kind: worker, main, tracked or caller
 * @tidx: index of a worker (0 for "iopkt#0x00"), or tracked thread id
 * @stack: the stack instance the thread belongs to
 * @task: the Linux task
 * @mcache: per-thread mbuf and packet caches (mbuf_cache=, pkt_cache=)
 * @in_callout: set while a callout callback runs in this thread
 * @prio: the io-pkt priority the thread is running at
 * @ev_serviced: events this thread serviced
 * @stack_entries: times this thread became the stack thread
 */
struct iopkt_rxbatch;

struct nw_work_thread {
	void (*quiesce_callout)(void *arg, int die);
	void *quiesce_arg;
	enum nw_thread_kind kind;
	int tidx;
	struct _iopkt_self *stack;
	struct task_struct *task;
	struct iopkt_mcache mcache;
	bool in_callout;
	int prio;
	u64 ev_serviced;
	u64 stack_entries;
	/* private to the core */
	struct list_head node;
	struct completion started;
	struct completion exited;
	int (*init_fn)(void *arg);
	void *init_arg;
	void *(*func)(void *arg);
	void *func_arg;
	int init_ret;
	bool quiesced;
	bool dying;
	bool idle;
	bool claim;
	struct iopkt_rxbatch *rxb;
};

struct nw_work_thread *iopkt_wtp(void);
#define WTP iopkt_wtp()

int nw_thread_create(int *tidp, const void *attr, void *(*func)(void *),
		     void *arg, int flags, int (*init_fn)(void *),
		     void *init_arg);
/* io-pkt's other name for it (the guide: "use nw_pthread_create()"). */
#define nw_pthread_create	nw_thread_create
int nw_thread_reap(int tid);
int nw_thread_setname(const char *name);
void quiesce_all(void);
void unquiesce_all(void);
void quiesce_block(int die);

#endif /* _IOPKT_NW_THREAD_H */
