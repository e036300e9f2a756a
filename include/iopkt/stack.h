/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io-pkt stack instances and the stack context.
 *
 * A stack instance (struct _iopkt_self, the guide's iopkt_selfp) owns worker
 * threads, an idle main thread that runs blockops, and one stack context
 * that at most one thread holds at any instant. Instance 0 is made when
 * iopkt.ko loads.
 */
#ifndef _IOPKT_STACK_H
#define _IOPKT_STACK_H

#include <linux/list.h>
#include <linux/types.h>

#include <iopkt/nw_thread.h>

struct _iopkt_self;
struct iopkt_params;

/* Instance 0 (the core's name for it). */
extern struct _iopkt_self *iopkt_selfp;

/**
 * iopkt_current_stack() - the instance the calling thread works for
 *
 * In a module's entry, attach function or any callback run by an io-pkt
 * thread (workers, the main thread, a control request, a mount): the
 * instance it was mounted into. Elsewhere (hard IRQ, softirq, a Linux
 * timer or workqueue, a thread io-pkt does not know): instance 0.
 *
 * Return: the instance.
 */
struct _iopkt_self *iopkt_current_stack(void);

#ifndef IOPKT_CORE
/*
 * For modules, the guide's iopkt_selfp is the instance the calling thread
 * works for, so a driver loaded into "io-pkt -i 2" saving iopkt_selfp in
 * its attach function (sam.c does) gets instance 2. In a hard-IRQ handler
 * it is instance 0: use the copy saved at attach there, as the guide does.
 */
#define iopkt_selfp iopkt_current_stack()
#endif

/* io-pkt's "hz": ticks per second for ltsleep() timeouts. */
#define hz HZ

#ifndef EOK
#define EOK 0
#endif

bool iopkt_in_stack(void);
bool iopkt_starting(void);
/* True in the thread holding the stack context. */
#define ISSTACK iopkt_in_stack()
/* True while the instance is being set up (before its threads run). */
#define ISSTART iopkt_starting()

/**
 * struct iopkt_swork - a piece of work for the stack context
 * @func: runs in the stack context, once per iopkt_stack_queue()
 * @arg: its argument
 *
 * Private fields follow; zero the structure before first use.
 */
struct iopkt_swork {
	void (*func)(void *arg);
	void *arg;
	/* private */
	struct list_head node;
	bool queued;
};

/**
 * struct iopkt_stack_stats - what an instance counted
 * @nworkers: worker threads
 * @events: events serviced (process function calls)
 * @events_requeued: process calls that returned 0 (more work)
 * @stack_entries: times a worker became the stack thread
 * @stack_calls: control requests run in a caller's thread
 * @swork: stack work items run
 * @callouts: callout callbacks run
 * @ltsleeps: ltsleep() calls that slept
 * @blockops: blockops run by the main thread
 * @violations: times two threads were inside the stack context at once
 *	(must stay 0)
 * @misuse: context-rule violations caught (ltsleep outside the stack...)
 */
struct iopkt_stack_stats {
	unsigned int nworkers;
	u64 events;
	u64 events_requeued;
	u64 stack_entries;
	u64 stack_calls;
	u64 swork;
	u64 callouts;
	u64 ltsleeps;
	u64 blockops;
	u64 violations;
	u64 misuse;
};

struct _iopkt_self *iopkt_stack_create(int instance,
				       const struct iopkt_params *p);
void iopkt_stack_destroy(struct _iopkt_self *stk);
/**
 * iopkt_stack_call() - run a control request in the stack context
 * @stk: the instance
 * @fn: the request, run in the calling thread with the stack context held
 * @arg: its argument
 *
 * Error signs: @fn returns 0 (EOK) or a positive errno, io-pkt style, and
 * so does iopkt_stack_call(). The Linux entry point that started the
 * request (ndo_*, file operations, genl handlers) negates it, once.
 *
 * Return: what @fn returned, or ENOMEM (positive) if the caller's thread
 * state could not be allocated.
 */
int iopkt_stack_call(struct _iopkt_self *stk, int (*fn)(void *arg),
		     void *arg);
void iopkt_stack_queue(struct _iopkt_self *stk, struct iopkt_swork *w);
void iopkt_stack_get_stats(struct _iopkt_self *stk,
			   struct iopkt_stack_stats *st);
struct _iopkt_self *iopkt_wtp_stack(void);
int iopkt_stack_instance(const struct _iopkt_self *stk);

#endif /* _IOPKT_STACK_H */
