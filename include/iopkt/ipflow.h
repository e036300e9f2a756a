/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ipflow fast-forward hook of the Ethernet receive path.
 *
 * A forwarding module registers one struct iopkt_ipflow_ops. ether_input()
 * marks a received frame M_CANFASTFWD when a hook is registered and the
 * frame is an IPv4 unicast addressed to the interface's own MAC address
 * on an interface Linux forwards IPv4 for (net.ipv4.conf.IF.forwarding,
 * which the forward option sets). pfil IN hooks run next and may clear
 * M_CANFASTFWD (never set it: another hook may have cleared it); if it is
 * still set, ipo_fastforward gets the frame, in the receiving worker.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_IPFLOW_H
#define _IOPKT_IPFLOW_H

#include <iopkt/if.h>
#include <iopkt/mbuf.h>

/**
 * struct iopkt_ipflow_ops - a fast-forwarding implementation
 * @ipo_fastforward: @m arrived on @ifp (Ethernet header first, the IPv4
 *	header behind it, M_CANFASTFWD set). Return 1 if it took the frame
 *	(sent it out of another interface or dropped it: it owns @m then),
 *	0 to leave @m untouched for Linux's stack. Called under
 *	rcu_read_lock(), possibly on several workers at once: must not
 *	sleep.
 */
struct iopkt_ipflow_ops {
	int (*ipo_fastforward)(struct ifnet *ifp, struct mbuf *m);
};

int iopkt_ipflow_register(const struct iopkt_ipflow_ops *ops);
void iopkt_ipflow_unregister(const struct iopkt_ipflow_ops *ops);

#endif /* _IOPKT_IPFLOW_H */
