// SPDX-License-Identifier: GPL-2.0
/*
 * blockop: hand a blocking function to the instance's main thread while the
 * caller gives up the stack context until it has run.
 */
/*
 * io-pkt API: functions named as in io-pkt return io-pkt's EOK or a positive
 * errno (BSD style), not Linux's negative ones. (lint: bsd-errno)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sched.h>

#include <iopkt/blockop.h>
#include <iopkt/ltsleep.h>

#include "core/stack_impl.h"

/**
 * blockop_dispatch() - run @bop->bop_func in the main thread and wait
 * @bop: the operation; lives until this returns (the caller's stack is fine)
 *
 * Must be called in the stack context, which is released while the main
 * thread runs the function, and held again when this returns.
 *
 * Return: EOK, or EPERM outside the stack context (nothing is run).
 */
int blockop_dispatch(struct bop_dispatch *bop)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct _iopkt_self *stk = wtp ? wtp->stack : NULL;

	if (!stk || READ_ONCE(stk->stk_owner) != current) {
		iopkt_misuse(stk, "blockop_dispatch");
		return EPERM;
	}
	bop->bop_done = false;
	spin_lock(&stk->bop_lock);
	list_add_tail(&bop->bop_node, &stk->bop_list);
	spin_unlock(&stk->bop_lock);
	wake_up(&stk->main_wq);

	spin_lock(&stk->bop_lock);
	while (!bop->bop_done)
		ltsleep(bop, 0, "blockop", 0, &stk->bop_lock);
	spin_unlock(&stk->bop_lock);
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(blockop_dispatch, IOPKT);

bool iopkt_bop_pending(struct _iopkt_self *stk)
{
	return !list_empty_careful(&stk->bop_list);
}

/* In the main thread: run every queued blockop. */
void iopkt_bop_run(struct _iopkt_self *stk)
{
	struct bop_dispatch *bop;
	int prio;

	for (;;) {
		spin_lock(&stk->bop_lock);
		bop = list_first_entry_or_null(&stk->bop_list,
					       struct bop_dispatch, bop_node);
		if (bop)
			list_del_init(&bop->bop_node);
		spin_unlock(&stk->bop_lock);
		if (!bop)
			return;
		prio = bop->bop_prio > 0 ? bop->bop_prio :
		       (int)stk->params.main_prio;
		iopkt_set_prio(current, prio);
		bop->bop_func(bop->bop_arg);
		atomic64_inc(&stk->st_blockops);
		spin_lock(&stk->bop_lock);
		bop->bop_done = true;
		wakeup(bop);
		spin_unlock(&stk->bop_lock);
	}
}
