/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io-pkt callouts: one-shot timers whose callbacks run in the stack context.
 *
 * callout_init() once; callout_msec() starts a stopped callout or resets a
 * pending one; callout_stop() is harmless on a stopped one. When
 * callout_stop() returns, the callback is not running and will not run
 * until the next callout_msec(), even if it was running in another thread
 * and re-armed itself (the rearm-after-stop race of the guide).
 */
#ifndef _IOPKT_CALLOUT_H
#define _IOPKT_CALLOUT_H

#include <linux/list.h>
#include <linux/timer.h>
#include <linux/types.h>

struct _iopkt_self;

/**
 * struct callout - a callout; all fields are private
 */
struct callout {
	struct timer_list c_timer;
	void (*c_func)(void *arg);
	void *c_arg;
	struct _iopkt_self *c_stk;
	struct list_head c_due;
	unsigned int c_flags;
	unsigned int c_magic;
};

void callout_init(struct callout *c);
void callout_init_stack(struct callout *c, struct _iopkt_self *stk);
void callout_msec(struct callout *c, int msec, void (*func)(void *),
		  void *arg);
int callout_stop(struct callout *c);
int callout_pending(struct callout *c);

#endif /* _IOPKT_CALLOUT_H */
