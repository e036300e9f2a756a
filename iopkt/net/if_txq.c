// SPDX-License-Identifier: GPL-2.0
/*
 * Backpressure between Linux's transmit queue and if_snd.
 *
 * Linux queues what it sends in the net_device's qdisc and hands it to
 * ndo_start_xmit, which puts it on if_snd for the driver's if_start. When
 * if_snd fills up (the driver is IFF_OACTIVE, its ring full, or its wire
 * slower than the sender) the Linux queue is stopped, so packets wait in
 * the qdisc and senders block on their socket buffers instead of being
 * dropped; when the driver takes packets off with IFQ_DEQUEUE() (or
 * purges the queue) and if_snd is half empty again, the Linux queue is
 * woken. Stopping and waking both happen under the transmit mutex
 * (if_snd_ex), so a wake cannot be lost.
 *
 * What still cannot be queued (a module's if_transmit_mbuf() into a full
 * if_snd) is refused with ENOBUFS and counted in ifq_drops, which
 * `ip -s link` shows as TX dropped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>

#include <iopkt/if.h>

#include "net/net_impl.h"

/*
 * iopkt_ifq_stop() - if_snd is full: stop the Linux queue in front of it
 * @ifp: the interface; caller holds if_snd_ex
 */
void iopkt_ifq_stop(struct ifnet *ifp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	if (!ip || !ip->registered || ifp->if_snd.ifq_stopped)
		return;
	ifp->if_snd.ifq_stopped = 1;
	netif_stop_queue(ip->dev);
}

/**
 * iopkt_ifq_wake() - restart the Linux queue a full if_snd stopped
 * @ifq: the interface's if_snd; the caller holds if_snd_ex
 *
 * IFQ_DEQUEUE() and IFQ_PURGE() call it; a driver need not.
 */
void iopkt_ifq_wake(struct ifaltq *ifq)
{
	struct ifnet *ifp = container_of(ifq, struct ifnet, if_snd);
	struct iopkt_ifpriv *ip = ifp->if_priv;

	if (!ifq->ifq_stopped)
		return;
	ifq->ifq_stopped = 0;
	if (ip && ip->registered)
		netif_wake_queue(ip->dev);
}
EXPORT_SYMBOL_NS_GPL(iopkt_ifq_wake, IOPKT);

/**
 * iopkt_ifq_purge() - IFQ_PURGE(): free every packet on a send queue
 * @ifq: the queue; the caller holds the transmit mutex or owns the queue
 *
 * For if_snd, a Linux queue stopped because it was full starts again.
 */
void iopkt_ifq_purge(struct ifaltq *ifq)
{
	struct mbuf *m;

	for (;;) {
		IF_DEQUEUE(ifq, m);
		if (!m)
			break;
		m_freem(m);
	}
	if (ifq->ifq_stopped)
		iopkt_ifq_wake(ifq);
}
EXPORT_SYMBOL_NS_GPL(iopkt_ifq_purge, IOPKT);
