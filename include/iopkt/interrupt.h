/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io-pkt event sources ("interrupt entries").
 *
 * A driver registers with interrupt_entry_init() and fills in func/enable/arg
 * (before or after the call, as the guide's sam.c does, but before the
 * first interrupt_queue()); its hard-IRQ handler masks the device and
 * returns interrupt_queue() (an io-pkt ISR returns a const struct sigevent
 * *: iopkt_isr_return() turns that into Linux's irqreturn_t).
 * A worker thread then calls func(arg, wtp): return 1 when all work is done
 * (enable(arg) is then called to unmask), 0 when there is more (the source
 * goes to the tail of the run queue so other sources run first). A source
 * is never serviced by two threads at once.
 *
 * An entry that lives in a driver's softc and is still registered when the
 * device detaches is removed by dev_detach() (with a warning): io-pkt
 * drivers, the guide's included, do not call interrupt_entry_remove().
 */
#ifndef _IOPKT_INTERRUPT_H
#define _IOPKT_INTERRUPT_H

#include <linux/irqreturn.h>
#include <linux/list.h>
#include <linux/signal_types.h>
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
const struct sigevent *interrupt_queue(struct _iopkt_self *iopkt,
				       struct _iopkt_inter *ient);

/* io-pkt's default priority for interrupt_entry_init(): the rx_prio. */
#define IRUPT_PRIO_DEFAULT	0

/**
 * iopkt_isr_return() - what a Linux IRQ handler returns for an io-pkt ISR
 * @evp: what the io-pkt-style ISR returned: interrupt_queue()'s event, or
 *	NULL for "not my interrupt" (a shared line, no cause bit set)
 *
 * A ported ISR keeps its io-pkt signature and is called from a small Linux
 * handler: return iopkt_isr_return(sam_isr(sam, irq));
 *
 * Return: IRQ_HANDLED for an event, IRQ_NONE for NULL.
 */
static inline irqreturn_t iopkt_isr_return(const struct sigevent *evp)
{
	return evp ? IRQ_HANDLED : IRQ_NONE;
}

#endif /* _IOPKT_INTERRUPT_H */
