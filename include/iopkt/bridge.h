/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bridge hook of the Ethernet receive path.
 *
 * A bridge module registers one struct iopkt_bridge_ops and makes an
 * interface a member with iopkt_bridge_set_member(): from then on
 * ether_input() hands each frame the interface receives (after the bpf
 * taps, before EtherType dispatch and pfil) to bro_input, in the worker
 * that received it. Members usually need promiscuous mode: ifpromisc()
 * (<iopkt/if.h>).
 *
 * ifp->if_bridge is the member state, NULL for an interface that is no
 * member; read it with rcu_dereference() under rcu_read_lock().
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_BRIDGE_H
#define _IOPKT_BRIDGE_H

#include <iopkt/if.h>
#include <iopkt/mbuf.h>

/**
 * struct iopkt_bridge_ops - a bridge implementation
 * @bro_input: a member received @m (Ethernet header first,
 *	m_pkthdr.rcvif = @ifp); @member is ifp->if_bridge. Return NULL if
 *	the bridge took the frame (forwarded, flooded or dropped: it owns @m
 *	then), or the frame (@m or a replacement) for the host: it goes on
 *	up the receive path. Called under rcu_read_lock(), possibly on
 *	several workers at once: must not sleep.
 */
struct iopkt_bridge_ops {
	struct mbuf *(*bro_input)(struct ifnet *ifp, void *member,
				  struct mbuf *m);
};

int iopkt_bridge_register(const struct iopkt_bridge_ops *ops);
void iopkt_bridge_unregister(const struct iopkt_bridge_ops *ops);
int iopkt_bridge_set_member(struct ifnet *ifp, void *member);
void iopkt_bridge_clear_member(struct ifnet *ifp);

#endif /* _IOPKT_BRIDGE_H */
