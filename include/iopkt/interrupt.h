/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io-pkt event sources ("interrupt entries").
 *
 * A driver fills in func/enable/arg, registers with interrupt_entry_init(),
 * and its hard-IRQ handler masks the device and calls interrupt_queue().
 * A worker thread then calls func(arg, wtp): return 1 when all work is done
 * (enable(arg) is then called to unmask), 0 when there is more (the source
 * goes to the tail of the run queue so other sources run first). A source
 * is never serviced by two threads at once.
 */
#ifndef _IOPKT_INTERRUPT_H
#define _IOPKT_INTERRUPT_H

#include <linux/list.h>
#include <linux/types.h>

struct nw_work_thread;
struct _iopkt_self;

/**
 * struct _iopkt_inter - an event source
 * @func: process function, called by a worker; returns 1 (done) or 0
 * @enable: called after @func returned 1 (may be NULL)
 * @arg: argument of @func and @enable
 * @name: for statistics (may be NULL)
 *
 * The rest is private to the core.
 */
struct _iopkt_inter {
	int (*func)(void *arg, struct nw_work_thread *wtp);
	int (*enable)(void *arg);
	void *arg;
	const char *name;
	/* private */
	struct list_head node;
	struct list_head all;
	struct _iopkt_self *stk;
	unsigned int state;
	int prio;
	atomic_t servicers;
	u64 nqueued;
	u64 nserviced;
};

int interrupt_entry_init(struct _iopkt_inter *ient, int flags, void *evp,
			 int prio);
int interrupt_entry_init_stack(struct _iopkt_self *stk,
			       struct _iopkt_inter *ient, int flags, int prio);
void interrupt_entry_remove(struct _iopkt_inter *ient, void *evp);
int interrupt_queue(struct _iopkt_self *iopkt, struct _iopkt_inter *ient);

#endif /* _IOPKT_INTERRUPT_H */
