// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-shim: the packet paths.
 *
 * Receive: the lower device's rx handler (softirq, NET_RX) plays the ISR:
 * it takes the frame from Linux's stack, queues it on sc_rxq and queues
 * our event source, moderated while frames stream in (rx_usecs=); a
 * worker converts each sk_buff to an mbuf (no copy for linear and
 * page-fragment skbs) and calls ifp->if_input().
 *
 * Transmit: shim_start() converts each mbuf to an sk_buff (no copy for a
 * lone cluster) and hands it to dev_queue_xmit() on the lower device,
 * whose qdisc and driver take it from there.
 *
 * Offloads: the interface has what the lower device has (shim_caps()),
 * and checksum and TSO state crosses both ways untouched; Linux does in
 * software, at the lower device, what that device cannot.
 */
/*
 * io-pkt API: the driver's callbacks return io-pkt's EOK or a positive
 * errno, as io-pkt expects. (lint: bsd-errno)
 */
#define pr_fmt(fmt) "devnp-shim: " fmt

#include <linux/etherdevice.h>
#include <linux/hrtimer.h>
#include <linux/if_vlan.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/sched/clock.h>
#include <linux/skbuff.h>

#include "shim.h"

/*
 * Receive moderation, the shim's interrupt moderation (what a NIC's
 * interrupt throttling does for an io-pkt driver). The rx handler runs
 * once per frame; a sender on this machine produces frames one by one,
 * and a worker that drains the queue faster than they come is woken and
 * sleeps again for every frame. So while frames stream in (the previous
 * one came less than rx_usecs ago), a frame that finds the queue empty
 * does not queue the event source: it arms sc_rx_timer, and the source is
 * queued when the timer fires or when SHIM_RX_MOD_FRAMES frames are
 * waiting, whichever comes first. A frame after a quiet spell (a ping, a
 * request) queues the source at once, as without moderation.
 */
static void shim_rx_kick(struct shim_dev *sc, unsigned int qlen)
{
	u64 now, last, win = sc->sc_rx_mod_ns;

	if (!win) {
		if (qlen == 1)
			interrupt_queue(sc->sc_iopkt, &sc->sc_inter);
		return;
	}
	now = local_clock();
	last = READ_ONCE(sc->sc_rx_last_ns);
	WRITE_ONCE(sc->sc_rx_last_ns, now);
	if (qlen == 1) {
		if (now - last >= win) {
			interrupt_queue(sc->sc_iopkt, &sc->sc_inter);
		} else if (!test_and_set_bit(0, &sc->sc_rx_timer_armed)) {
			hrtimer_start(&sc->sc_rx_timer, ns_to_ktime(win),
				      HRTIMER_MODE_REL);
		}
	} else if (qlen == SHIM_RX_MOD_FRAMES) {
		interrupt_queue(sc->sc_iopkt, &sc->sc_inter);
	}
}

/**
 * shim_rx_timer_fn() - the receive moderation window closed
 * @t: &sc->sc_rx_timer
 *
 * Hard IRQ. Queues the event source for what waits (interrupt_queue() on
 * a source already queued or running does no harm).
 *
 * Return: HRTIMER_NORESTART.
 */
enum hrtimer_restart shim_rx_timer_fn(struct hrtimer *t)
{
	struct shim_dev *sc = container_of(t, struct shim_dev, sc_rx_timer);

	clear_bit(0, &sc->sc_rx_timer_armed);
	/*
	 * Pairs with the rx handler's enqueue then test_and_set_bit(): a
	 * frame whose handler found the bit still set is seen here.
	 */
	smp_mb__after_atomic();
	if (!skb_queue_empty_lockless(&sc->sc_rxq))
		interrupt_queue(sc->sc_iopkt, &sc->sc_inter);
	return HRTIMER_NORESTART;
}

/*
 * Queue one frame (data at the Ethernet header) for the process
 * function. The event source is queued (now or after moderation, above)
 * only when the queue was empty or reaches SHIM_RX_MOD_FRAMES: otherwise
 * the process function is pending or running and will get to this frame
 * (interrupt_queue() on a running source makes it run again, so a frame
 * queued as it finishes is not stranded).
 */
static void shim_rx_enqueue(struct shim_dev *sc, struct sk_buff *skb)
{
	struct sk_buff_head *q = &sc->sc_rxq;
	unsigned long flags;
	unsigned int qlen;

	spin_lock_irqsave(&q->lock, flags);
	qlen = skb_queue_len(q);
	if (qlen >= sc->sc_rxq_max) {
		spin_unlock_irqrestore(&q->lock, flags);
		atomic64_inc(&sc->sc_rx_qdrops);
		kfree_skb(skb);
		return;
	}
	__skb_queue_tail(q, skb);
	spin_unlock_irqrestore(&q->lock, flags);

	shim_rx_kick(sc, qlen + 1);
}

/*
 * Turn what Linux hands a receiving device into frames for the interface:
 * the VLAN tag a NIC stripped goes back in. Offload state passes through
 * (iopkt_skb_to_m() carries it: a GRO aggregate stays one TSO packet, a
 * CHECKSUM_PARTIAL from a local veth sender stays a checksum request, a
 * verified checksum stays verified), as macvlan passes it; only an
 * aggregate the mbuf flags cannot describe (UDP, tunnels, an untrusted
 * source) is cut back into frames of the lower device's MTU here.
 */
static void shim_rx_frames(struct shim_dev *sc, struct sk_buff *skb)
{
	struct sk_buff *segs, *next;

	if (skb_vlan_tag_present(skb)) {
		skb = __vlan_hwaccel_push_inside(skb);
		if (!skb)
			goto drop_counted;
	}

	if (!iopkt_skb_offload_ok(skb)) {
		segs = __skb_gso_segment(skb, 0, false);
		if (IS_ERR_OR_NULL(segs)) {
			kfree_skb(skb);
			goto drop_counted;
		}
		consume_skb(skb);
	} else {
		segs = skb;
	}

	skb_list_walk_safe(segs, skb, next) {
		skb_mark_not_on_list(skb);
		shim_rx_enqueue(sc, skb);
	}
	return;

drop_counted:
	atomic64_inc(&sc->sc_rx_qdrops);
}

/**
 * shim_rx_handler() - the lower device received a frame
 * @pskb: the frame; skb->data is past the Ethernet header
 *
 * Softirq context, rcu_read_lock held: Linux's __netif_receive_skb()
 * calls it for every frame of the lower device before any protocol sees
 * it. This is the shim's interrupt handler.
 *
 * Return: RX_HANDLER_CONSUMED (the frame is ours, taken or dropped), or
 * RX_HANDLER_PASS for a frame Linux loops back to the device itself.
 */
rx_handler_result_t shim_rx_handler(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct shim_dev *sc = rcu_dereference(skb->dev->rx_handler_data);

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;

	/* Interface down: the lower device is ours, the frame goes nowhere. */
	if (!READ_ONCE(sc->sc_running)) {
		kfree_skb(skb);
		return RX_HANDLER_CONSUMED;
	}

	/* Others (taps) may hold the skb: we change it, so take our own. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		atomic64_inc(&sc->sc_rx_qdrops);
		return RX_HANDLER_CONSUMED;
	}
	/* iopkt wants the frame from its Ethernet header on. */
	skb_push(skb, ETH_HLEN);
	shim_rx_frames(sc, skb);
	return RX_HANDLER_CONSUMED;
}

/**
 * shim_process_interrupt() - pass queued frames up
 * @arg: the device
 * @wtp: the worker
 *
 * Worker thread. The event source has no enable function: the rx handler
 * has nothing to mask, and interrupt_queue() never queues a source twice.
 *
 * Return: 1 when the queue is empty, 0 after SHIM_RX_BUDGET frames with
 * more waiting (other sources run first).
 */
int shim_process_interrupt(void *arg, struct nw_work_thread *wtp)
{
	struct shim_dev *sc = arg;
	struct ifnet *ifp = shim_ifp(sc);
	struct sk_buff_head batch;
	struct sk_buff *skb;
	struct mbuf *m;
	int n;

	/* One trip through the queue's lock for the whole batch. */
	__skb_queue_head_init(&batch);
	spin_lock_irq(&sc->sc_rxq.lock);
	for (n = 0; n < SHIM_RX_BUDGET; n++) {
		skb = __skb_dequeue(&sc->sc_rxq);
		if (!skb)
			break;
		__skb_queue_tail(&batch, skb);
	}
	spin_unlock_irq(&sc->sc_rxq.lock);

	while ((skb = __skb_dequeue(&batch))) {
		/* Consumes skb. Linear or page frags: the mbuf maps it. */
		m = iopkt_skb_to_m(skb, M_DONTWAIT);
		if (!m) {
			sc->sc_rx_failed_allocs++;
			ifp->if_iqdrops++;
			continue;
		}
		m->m_pkthdr.rcvif = ifp;
		ifp->if_ipackets++;
		ifp->if_input(ifp, m);
	}
	ifp->if_iqdrops += atomic64_xchg(&sc->sc_rx_qdrops, 0);
	return skb_queue_empty_lockless(&sc->sc_rxq) ? 1 : 0;
}

/**
 * shim_start() - if_start: send what is on if_snd out of the lower device
 * @ifp: the interface
 *
 * Called with if_snd_ex held, in any context but hard IRQ; releases it.
 * dev_queue_xmit() may be called with bottom halves off. With the link
 * down the packets stay queued (IFF_OACTIVE set) until shim_link_update()
 * sees it come back.
 */
void shim_start(struct ifnet *ifp)
{
	struct shim_dev *sc = ifp->if_softc;
	struct net_device *lower = sc->sc_lower;	/* stable: we hold the mutex */
	struct sk_buff *skb;
	struct ethhdr *eh;
	struct mbuf *m;
	int rc;

	if (!(ifp->if_flags_tx & IFF_RUNNING))
		goto unlock;
	ifp->if_flags_tx |= IFF_OACTIVE;
	/* No link, or no lower device (it went away): hold the packets. */
	if (ifp->if_link_state != LINK_STATE_UP || !lower)
		goto unlock;

	for (;;) {
		IFQ_DEQUEUE(&ifp->if_snd, m);
		if (!m)
			break;
		skb = iopkt_m_to_skb(m, M_DONTWAIT);	/* consumes m */
		if (!skb) {
			sc->sc_tx_failed_allocs++;
			ifp->if_oerrors++;
			continue;
		}
		if (skb->len < ETH_HLEN) {
			kfree_skb(skb);
			ifp->if_oerrors++;
			continue;
		}
		skb->dev = lower;
		skb_reset_mac_header(skb);
		skb_set_network_header(skb, ETH_HLEN);
		eh = eth_hdr(skb);
		skb->protocol = eth_proto_is_802_3(eh->h_proto) ?
				eh->h_proto : htons(ETH_P_802_2);
		rc = dev_queue_xmit(skb);
		if (net_xmit_eval(rc) == 0)
			ifp->if_opackets++;
		else
			ifp->if_oerrors++;
	}
	ifp->if_flags_tx &= ~IFF_OACTIVE;
unlock:
	NW_SIGUNLOCK_P(&ifp->if_snd_ex, sc->sc_iopkt, WTP);
}
