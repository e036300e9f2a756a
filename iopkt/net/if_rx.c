// SPDX-License-Identifier: GPL-2.0
/*
 * Receive into Linux in batches, with GRO.
 *
 * io-pkt's model stays: a driver's process function runs in an iopkt
 * worker thread and hands each frame to if_input (ether_input()). What
 * ether_input() gives Linux does not go up the stack one frame at a time:
 * each worker owns a NAPI context, on a dummy net_device, that Linux
 * never schedules; the worker drives it. While a process function runs,
 * frames go to napi_gro_receive(), so segments of one TCP flow are merged
 * (GRO) and the others go up in lists (gro_normal_batch at a time, as
 * netif_receive_skb_list() would). When the process function returns, the
 * worker completes the round (napi_complete_done()): GRO flushes and the
 * last list goes up. Frames received anywhere else (a callout, the stack
 * context's own work, a tap written from user space) go up at once.
 *
 * The NAPI context never busy-polls (NAPI_STATE_NO_BUSY_POLL) and its
 * poll function only ends a round Linux should never start.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/slab.h>

#include <iopkt/nw_thread.h>

#include "net/net_impl.h"

struct iopkt_rxbatch {
	struct napi_struct napi;
	bool open;		/* a process function is running */
	bool owned;		/* napi_schedule_prep() succeeded this round */
	int n;			/* frames given to GRO this round */
	struct net_device dummy;
};

static int rxb_poll(struct napi_struct *napi, int budget)
{
	napi_complete_done(napi, 0);
	return 0;
}

/*
 * A worker starts: its NAPI context. NULL (frames go up one by one) if
 * there is no memory.
 */
struct iopkt_rxbatch *iopkt_rxbatch_alloc(void)
{
	struct iopkt_rxbatch *b = kzalloc(sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	init_dummy_netdev(&b->dummy);
	set_bit(NAPI_STATE_NO_BUSY_POLL, &b->napi.state);
	netif_napi_add(&b->dummy, &b->napi, rxb_poll);
	napi_enable(&b->napi);
	return b;
}

/* A worker ends (no round open). */
void iopkt_rxbatch_free(struct iopkt_rxbatch *b)
{
	if (!b)
		return;
	WARN_ON_ONCE(b->owned);
	napi_disable(&b->napi);
	netif_napi_del(&b->napi);
	kfree(b);
}

/* The worker calls a process function. */
void iopkt_rxbatch_begin(struct iopkt_rxbatch *b)
{
	if (b)
		b->open = true;
}

/* The process function returned: what GRO holds goes up. */
void iopkt_rxbatch_end(struct iopkt_rxbatch *b)
{
	if (!b)
		return;
	b->open = false;
	if (!b->owned)
		return;
	local_bh_disable();
	napi_complete_done(&b->napi, b->n);
	local_bh_enable();
	b->owned = false;
	b->n = 0;
}

/*
 * ether_input(): hand @skb (protocol set, data past the Ethernet header)
 * to Linux, through the calling worker's round if one is open.
 */
void iopkt_rx_skb(struct sk_buff *skb)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct iopkt_rxbatch *b = wtp ? wtp->rxb : NULL;

	local_bh_disable();
	if (b && b->open && !b->owned)
		b->owned = napi_schedule_prep(&b->napi);
	if (b && b->owned) {
		napi_gro_receive(&b->napi, skb);
		b->n++;
	} else {
		netif_receive_skb(skb);
	}
	local_bh_enable();
}
