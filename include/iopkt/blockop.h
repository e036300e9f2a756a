/* SPDX-License-Identifier: GPL-2.0 */
/*
 * blockop: run a blocking function in the instance's main thread while the
 * caller, in the stack context, gives the stack up until it returns.
 */
#ifndef _IOPKT_BLOCKOP_H
#define _IOPKT_BLOCKOP_H

#include <linux/list.h>
#include <linux/types.h>

/**
 * struct bop_dispatch - a blocking operation
 * @bop_func: runs in the main thread, not in the stack context: it must not
 *	use the stack context or mbufs
 * @bop_arg: its argument
 * @bop_prio: io-pkt priority the main thread runs it at (0: main_prio)
 */
struct bop_dispatch {
	void (*bop_func)(void *arg);
	void *bop_arg;
	int bop_prio;
	/* private */
	struct list_head bop_node;
	bool bop_done;
};

int blockop_dispatch(struct bop_dispatch *bop);

#endif /* _IOPKT_BLOCKOP_H */
