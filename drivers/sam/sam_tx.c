// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-sam: transmit.
 *
 * The stack queues packets on ifp->if_snd and calls sam_start() with the
 * transmit mutex (if_snd_ex) held, unless IFF_OACTIVE is set in
 * if_flags_tx. sam_start() moves packets into the transmit ring until the
 * queue is empty or the ring is full; the NIC sends what is in the ring
 * and marks the descriptors done; sam_tx_reap() frees the sent mbufs.
 *
 * "Managing the TX queue during resource conflict or link failure": when
 * the ring is full, sam_start() leaves IFF_OACTIVE set (the stack stops
 * calling it) and arms sc_tx_callout; sam_kick_tx() takes the mutex and
 * calls sam_start() again. When the link is down, sam_start() holds the
 * packets and sam_link_check() restarts transmission at link up.
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

/**
 * sam_tx_reap() - free what the NIC has sent
 * @sam: the device
 *
 * The guide's "harvest": a descriptor-based NIC reads the frame by DMA
 * after sam_start() returned, so the mbuf may be freed only once the NIC
 * marked the descriptor done. Caller holds if_snd_ex.
 */
void sam_tx_reap(struct sam_dev *sam)
{
	struct ifnet *ifp = sam_ifp(sam);
	struct sam_desc *d;

	while (sam->sc_tx_used) {
		d = &sam->sc_tx[sam->sc_tx_cons];
		/* Sent? (acquire: the NIC is done reading the frame) */
		if (smp_load_acquire(&d->status) != SAM_DESC_DONE)
			break;
		m_freem(d->m);
		d->m = NULL;
		WRITE_ONCE(d->status, SAM_DESC_FREE);
		ifp->if_opackets++;
		sam->sc_tx_cons = (sam->sc_tx_cons + 1) % sam->sc_ntx;
		sam->sc_tx_used--;
	}
}

/**
 * sam_tx_purge() - empty the transmit ring of a stopped NIC
 * @sam: the device
 *
 * What was sent counts as sent; the rest is dropped and counted as output
 * errors. Caller holds if_snd_ex; the NIC is stopped.
 */
void sam_tx_purge(struct sam_dev *sam)
{
	struct ifnet *ifp = sam_ifp(sam);
	struct sam_desc *d;

	sam_tx_reap(sam);
	while (sam->sc_tx_used) {
		d = &sam->sc_tx[sam->sc_tx_cons];
		m_freem(d->m);
		d->m = NULL;
		WRITE_ONCE(d->status, SAM_DESC_FREE);
		ifp->if_oerrors++;
		sam->sc_tx_cons = (sam->sc_tx_cons + 1) % sam->sc_ntx;
		sam->sc_tx_used--;
	}
	/* The NIC starts again at descriptor 0 (sam_hw_start()). */
	sam->sc_tx_prod = 0;
	sam->sc_tx_cons = 0;
}

/*
 * Make @m something the NIC can send: at most SAM_TX_MAXSEGS segments and
 * no longer than the MAC takes. A TCP segment typically comes as three
 * mbufs (headers, the rest of one buffer, the start of the next); a
 * badly fragmented chain is copied into one cluster, which costs a copy,
 * so a real driver sizes its scatter-gather list to make that rare.
 * Returns the packet to send, or NULL (dropped, counted).
 */
static struct mbuf *sam_tx_fit(struct sam_dev *sam, struct mbuf *m)
{
	struct ifnet *ifp = sam_ifp(sam);
	int len = m->m_pkthdr.len;
	struct mbuf *s, *n;
	int nsegs = 0;

	if (len < ETHER_HDR_LEN || len > sam->sc_maxframe)
		goto drop;

	for (s = m; s; s = s->m_next)
		if (s->m_len)
			nsegs++;
	if (nsegs <= SAM_TX_MAXSEGS)
		return m;

	if (len > MCLBYTES)
		goto drop;
	n = m_getcl(M_DONTWAIT, MT_DATA, M_PKTHDR);
	if (!n) {
		sam->sc_stats.tx_failed_allocs++;
		goto drop;
	}
	m_copydata(m, 0, len, mtod(n, void *));
	n->m_len = len;
	n->m_pkthdr.len = len;
	m_freem(m);
	sam->sc_stats.tx_copied++;
	return n;

drop:
	ifp->if_oerrors++;
	m_freem(m);
	return NULL;
}

static void sam_tx_count(struct sam_dev *sam, struct mbuf *m)
{
	u8 dst[ETHER_ADDR_LEN];

	if (m_copydata(m, 0, ETHER_ADDR_LEN, dst))
		return;
	if (is_broadcast_ether_addr(dst))
		sam->sc_stats.tx_broadcast++;
	else if (is_multicast_ether_addr(dst))
		sam->sc_stats.tx_multicast++;
}

/**
 * sam_start() - the interface's if_start: load queued packets into the ring
 * @ifp: the interface
 *
 * Called with if_snd_ex held, in whatever context the stack transmits
 * from: a worker, the stack context, or Linux's softirq transmit path.
 * Must not sleep; releases if_snd_ex before returning.
 *
 * The guide's sam_start() first stops a pending kick with callout_stop().
 * iopkt's callout_stop() may wait for a running callback when called
 * outside the stack context, and we hold a spinlock, so we leave a pending
 * kick alone: when it fires, sam_start() runs once more and finds nothing
 * to do.
 */
void sam_start(struct ifnet *ifp)
{
	struct sam_dev *sam = ifp->if_softc;
	struct sam_desc *d;
	struct mbuf *m;

	/* Descriptors the NIC has finished with are free again. */
	sam_tx_reap(sam);

	/* Stopped (sam_stop() cleared it under this mutex): send nothing. */
	if (!(ifp->if_flags_tx & IFF_RUNNING))
		goto unlock;

	/* We are actively sending: the stack will not call us meanwhile. */
	ifp->if_flags_tx |= IFF_OACTIVE;

	if (!sam_hw_link(sam)) {
		/*
		 * No link. Keep the packets on if_snd (it may fill and the
		 * stack then drops with ENOBUFS) and stay IFF_OACTIVE:
		 * sam_link_check() calls us again at link up. A driver
		 * could also purge stale packets after a while with
		 * IFQ_PURGE(&ifp->if_snd).
		 */
		if (!IFQ_IS_EMPTY(&ifp->if_snd))
			sam->sc_stats.tx_link_waits++;
		goto unlock;
	}

	for (;;) {
		/* Look before taking: can we send it? */
		IFQ_POLL(&ifp->if_snd, m);
		if (!m)
			break;
		if (sam->sc_tx_used == sam->sc_ntx) {
			/*
			 * Ring full. Try again in SAM_TX_KICK_MS, staying
			 * IFF_OACTIVE so that the stack does not call us for
			 * every packet it queues meanwhile.
			 */
			sam->sc_stats.tx_ring_full++;
			callout_msec(&sam->sc_tx_callout, SAM_TX_KICK_MS,
				     sam_kick_tx, sam);
			goto unlock;
		}

		/* Take it: from here on we must send it (or count an error). */
		IFQ_DEQUEUE(&ifp->if_snd, m);
		m = sam_tx_fit(sam, m);
		if (!m)
			continue;
		sam_tx_count(sam, m);
		if (sam->sc_verbose > 1)
			net_info_ratelimited("%s: sending %d bytes\n",
					     ifp->if_xname, m->m_pkthdr.len);

		/*
		 * Fill the descriptor and give it to the NIC. A real driver
		 * maps each segment for DMA here and writes the NIC's tail
		 * register ("doorbell"); sam's NIC looks at the ring every
		 * tick.
		 */
		d = &sam->sc_tx[sam->sc_tx_prod];
		d->m = m;
		d->buf = NULL;
		d->len = m->m_pkthdr.len;
		/* Release: the fields above before the NIC owns it. */
		smp_store_release(&d->status, SAM_DESC_HW);
		sam->sc_tx_prod = (sam->sc_tx_prod + 1) % sam->sc_ntx;
		sam->sc_tx_used++;
	}

	/* The queue is empty: call us again for the next packet. */
	ifp->if_flags_tx &= ~IFF_OACTIVE;
unlock:
	/* io-pkt's form; iopkt's transmit mutex needs neither argument. */
	NW_SIGUNLOCK_P(&ifp->if_snd_ex, sam->sc_iopkt, WTP);
}

/**
 * sam_kick_tx() - callout: retry transmission after the ring was full
 * @arg: the device
 *
 * Stack context. Takes the transmit mutex as the stack would and calls
 * sam_start(), which reaps what the NIC has sent since and continues.
 */
void sam_kick_tx(void *arg)
{
	struct sam_dev *sam = arg;
	struct ifnet *ifp = sam_ifp(sam);

	NW_SIGLOCK(&ifp->if_snd_ex, sam->sc_iopkt);
	sam->sc_stats.tx_kicks++;
	sam_start(ifp);			/* releases if_snd_ex */
}
