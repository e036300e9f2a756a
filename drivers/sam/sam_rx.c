// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-sam: interrupt handling and receive.
 *
 * The io-pkt split: the ISR runs in interrupt context and only masks the
 * NIC and queues our event source; a worker thread then calls
 * sam_process_interrupt(), which harvests the receive ring and passes the
 * packets up with ifp->if_input(); when it has nothing left it returns 1
 * and the worker calls sam_enable_interrupt() to unmask.
 */
/*
 * io-pkt API: the driver's callbacks return io-pkt's EOK or a positive
 * errno, as io-pkt expects. (lint: bsd-errno)
 */
#define pr_fmt(fmt) "devnp-sam: " fmt

#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/net.h>

#include "sam.h"

/* Offset of a received frame in its buffer, so that the IP header that
 * follows the 14-byte Ethernet header is 4-byte aligned.
 */
#define SAM_ETHER_ALIGN	2

/**
 * sam_isr() - the interrupt handler
 * @sam: the device whose NIC raised its interrupt line
 *
 * Hard IRQ context: sam_hw.c's timer plays the NIC and calls this as the
 * kernel would call a driver's handler. Mask, queue, return: the work is
 * done in a worker thread by sam_process_interrupt().
 */
void sam_isr(struct sam_dev *sam)
{
	/*
	 * Is it ours? On a shared line a real ISR reads the NIC's cause
	 * register and returns at once if nothing is set.
	 */
	if (!test_bit(SAM_CAUSE_RX, &sam->sc_hw.irq))
		return;

	/*
	 * Mask the NIC's interrupt (a real NIC: write its mask register).
	 * Already masked means the process function is queued or running
	 * and will find the new descriptors itself.
	 */
	if (test_and_set_bit(SAM_IRQ_MASKED, &sam->sc_hw.irq))
		return;

	atomic64_inc(&sam->sc_hw.irqs);
	/* Wake a worker thread of our instance for sc_inter. */
	interrupt_queue(sam->sc_iopkt, &sam->sc_inter);
}

/* A fresh receive buffer: a packet-header mbuf with a cluster. */
static struct mbuf *sam_rx_newbuf(struct nw_work_thread *wtp)
{
	struct mbuf *m;

	/*
	 * In the process function we have the worker's wtp: the mbuf and
	 * cluster come from its private cache, without a lock. Never
	 * M_WAITOK here: a worker must not sleep for memory.
	 */
	if (wtp)
		m = m_getcl_wtp(M_DONTWAIT, MT_DATA, M_PKTHDR, wtp);
	else
		m = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	if (!m)
		return NULL;
	m->m_len = M_TRAILINGSPACE(m);
	m->m_pkthdr.len = m->m_len;
	m_adj(m, SAM_ETHER_ALIGN);
	return m;
}

/* Hand @m's buffer to the NIC in descriptor @d. */
static void sam_rx_post(struct sam_desc *d, struct mbuf *m)
{
	d->m = m;
	d->buf = mtod(m, u8 *);
	d->len = m->m_len;		/* room for the NIC to write */
	/* The NIC may look at the descriptor only after the fields above. */
	smp_store_release(&d->status, SAM_DESC_HW);
}

/**
 * sam_rx_fill() - give the NIC a buffer in every receive descriptor
 * @sam: the device
 *
 * Called by sam_init(): the first time (and after sam_stop() released the
 * buffers) this allocates them; afterwards every descriptor already has
 * one and nothing happens. Stack context.
 *
 * Return: EOK, or ENOBUFS if not every descriptor could get a buffer.
 */
int sam_rx_fill(struct sam_dev *sam)
{
	struct mbuf *m;
	unsigned int i;
	int err = EOK;

	/*
	 * M_DONTWAIT although the stack context may sleep: M_WAITOK would
	 * sleep with tsleep(), giving the stack context to another thread
	 * while we hold sc_rx_lock - and that thread may want it. Never
	 * sleep the io-pkt way while holding a lock of your own.
	 */
	mutex_lock(&sam->sc_rx_lock);
	for (i = 0; i < sam->sc_nrx; i++) {
		if (sam->sc_rx[i].m)
			continue;
		m = sam_rx_newbuf(NULL);
		if (!m) {
			err = ENOBUFS;
			break;
		}
		sam_rx_post(&sam->sc_rx[i], m);
	}
	mutex_unlock(&sam->sc_rx_lock);
	return err;
}

/**
 * sam_rx_reset() - forget frames received but not harvested
 * @sam: the device
 * @release: also free the buffers (sam_stop() with disable)
 *
 * The NIC must be stopped. Stale frames must not appear at the next
 * ifconfig up. Stack context.
 */
void sam_rx_reset(struct sam_dev *sam, bool release)
{
	struct sam_desc *d;
	unsigned int i;

	mutex_lock(&sam->sc_rx_lock);
	for (i = 0; i < sam->sc_nrx; i++) {
		d = &sam->sc_rx[i];
		if (!d->m)
			continue;
		if (release) {
			m_freem(d->m);
			d->m = NULL;
			d->buf = NULL;
			d->status = SAM_DESC_FREE;
		} else {
			sam_rx_post(d, d->m);	/* empty again, the NIC's */
		}
	}
	sam->sc_rx_next = 0;
	mutex_unlock(&sam->sc_rx_lock);
}

/* Count what nicinfo shows beyond the interface counters. */
static void sam_rx_count(struct sam_dev *sam, const u8 *frame)
{
	if (is_broadcast_ether_addr(frame))
		sam->sc_stats.rx_broadcast++;
	else if (is_multicast_ether_addr(frame))
		sam->sc_stats.rx_multicast++;
}

/**
 * sam_process_interrupt() - the event source's process function
 * @arg: the device
 * @wtp: the worker thread calling us
 *
 * Runs in a worker thread, never in two at once for one source. Harvests
 * up to SAM_RX_BUDGET frames; replaces each buffer with a fresh one
 * before passing the full one up (no buffer: the frame is dropped and the
 * old buffer goes back to the NIC, so the ring never runs dry).
 *
 * Return: 1 when the ring is drained (the worker then calls
 * sam_enable_interrupt()), 0 when more frames wait: we go to the tail of
 * the run queue so that other interfaces get their turn first.
 */
int sam_process_interrupt(void *arg, struct nw_work_thread *wtp)
{
	struct sam_dev *sam = arg;
	struct ifnet *ifp = sam_ifp(sam);
	struct mbuf *head = NULL, **tailp = &head;
	struct mbuf *m, *fresh;
	struct sam_desc *d;
	int n = 0;
	bool more;

	/* Acknowledge the cause we are about to service. */
	clear_bit(SAM_CAUSE_RX, &sam->sc_hw.irq);
	/* Order the acknowledgement before reading the ring. */
	smp_mb__after_atomic();

	mutex_lock(&sam->sc_rx_lock);
	while (n < SAM_RX_BUDGET) {
		d = &sam->sc_rx[sam->sc_rx_next];
		/* Filled? (acquire: then the frame and d->len are visible) */
		if (!d->m || smp_load_acquire(&d->status) != SAM_DESC_DONE)
			break;

		m = d->m;
		fresh = sam_rx_newbuf(wtp);
		if (!fresh) {
			/* No memory: drop this frame, recycle its buffer. */
			sam->sc_stats.rx_failed_allocs++;
			ifp->if_iqdrops++;
			sam_rx_post(d, m);
		} else {
			/* The frame becomes a packet for the stack. */
			m->m_len = d->len;
			m->m_pkthdr.len = d->len;
			m->m_pkthdr.rcvif = ifp;
			sam_rx_count(sam, mtod(m, u8 *));
			ifp->if_ipackets++;
			*tailp = m;
			tailp = &m->m_nextpkt;
			sam_rx_post(d, fresh);
		}
		sam->sc_rx_next = (sam->sc_rx_next + 1) % sam->sc_nrx;
		n++;
	}
	d = &sam->sc_rx[sam->sc_rx_next];
	/* Another frame waiting? (acquire, as above) */
	more = d->m && smp_load_acquire(&d->status) == SAM_DESC_DONE;
	mutex_unlock(&sam->sc_rx_lock);

	/*
	 * Up the stack, outside our lock: if_input (ether_input) runs the
	 * pfil hooks and hands the frame to Linux right here in this worker
	 * (and, once they exist, bridging, fast forwarding and bpf taps).
	 */
	while ((m = head) != NULL) {
		head = m->m_nextpkt;
		m->m_nextpkt = NULL;
		if (sam->sc_verbose > 1)
			net_info_ratelimited("%s: received %d bytes\n",
					     ifp->if_xname, m->m_pkthdr.len);
		ifp->if_input(ifp, m);
	}
	return more ? 0 : 1;
}

/**
 * sam_enable_interrupt() - unmask the NIC after the process function is done
 * @arg: the device
 *
 * Called by the worker after sam_process_interrupt() returned 1. The
 * simulated NIC's line is level-triggered: frames that arrived meanwhile
 * left their cause bit set, and its next tick raises the interrupt again.
 *
 * Return: 1.
 */
int sam_enable_interrupt(void *arg)
{
	struct sam_dev *sam = arg;

	/* Our ring accesses before the unmask. */
	smp_mb__before_atomic();
	clear_bit(SAM_IRQ_MASKED, &sam->sc_hw.irq);
	return 1;
}
