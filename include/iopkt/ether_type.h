/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EtherType dispatch: a protocol module receives the frames of its own
 * EtherType (Qnet: 0x8204), or the 802.2 LLC frames of its own DSAP (802.1D
 * BPDUs: DSAP 0x42 in frames whose type/length field is a length), as mbufs
 * in the worker that received them, before pfil and instead of Linux.
 *
 * The table is global to iopkt.ko (every instance): a handler that serves
 * one instance looks at iopkt_if_stack(ifp). IPv4, IPv6 and ARP belong to
 * Linux and cannot be taken.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_ETHER_TYPE_H
#define _IOPKT_ETHER_TYPE_H

#include <linux/types.h>

#include <iopkt/if.h>
#include <iopkt/mbuf.h>

/*
 * A handler gets the frame as received: Ethernet header first,
 * m_pkthdr.rcvif = @ifp; it owns @m (m_freem() it when done). It runs
 * under rcu_read_lock(), possibly on several workers at once: it must not
 * sleep.
 */
typedef void (*iopkt_ether_input_t)(struct ifnet *ifp, struct mbuf *m);

/* How many EtherTypes may be registered at once. */
#define IOPKT_ETHER_TYPES_MAX	16

int iopkt_ether_register_type(u16 type, iopkt_ether_input_t fn);
int iopkt_ether_unregister_type(u16 type, iopkt_ether_input_t fn);
int iopkt_ether_register_llc(u8 dsap, iopkt_ether_input_t fn);
int iopkt_ether_unregister_llc(u8 dsap, iopkt_ether_input_t fn);

#endif /* _IOPKT_ETHER_TYPE_H */
