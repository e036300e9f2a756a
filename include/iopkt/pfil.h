/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pfil: packet filter hooks (NetBSD's and io-pkt's API).
 *
 * pfil_head_get(PFIL_TYPE_AF, AF_INET or AF_INET6) returns the head whose
 * PFIL_IN hooks see every IPv4 (IPv6) packet an iopkt interface receives,
 * and whose PFIL_OUT hooks see every one it sends, mbuf starting at the IP
 * header, fields in network byte order. pfil_head_get(PFIL_TYPE_IFNET, 0)
 * returns the instance's interface head: PFIL_IFNET hooks are told of
 * attach and detach, PFIL_IFADDR hooks of address changes (also those made
 * with Linux's ip addr). With dlt = an ifnet, the head of that interface:
 * its events, and PFIL_IN/PFIL_OUT hooks that see that interface's frames
 * only, whole (link header included), in before the AF hooks and out
 * after them.
 *
 * Heads belong to the instance of the calling thread (the one a module is
 * mounted into). Packet hooks run on several CPUs at once, in atomic
 * context (rcu_read_lock held) and must not sleep: Documentation/hooks.md,
 * "## pfil hooks: what a module may assume".
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_PFIL_H
#define _IOPKT_PFIL_H

#include <linux/list.h>
#include <linux/types.h>

struct mbuf;
struct ifnet;

#define PFIL_IN		0x00000001
#define PFIL_OUT	0x00000002
#define PFIL_ALL	(PFIL_IN | PFIL_OUT)
#define PFIL_IFADDR	0x00000008
#define PFIL_IFNET	0x00000010
#define PFIL_WAITOK	0x00000004

#define PFIL_IFNET_ATTACH	0
#define PFIL_IFNET_DETACH	1

#define PFIL_TYPE_AF	1
#define PFIL_TYPE_IFNET	3

typedef int (*pfil_func_t)(void *arg, struct mbuf **mp, struct ifnet *ifp,
			   int dir);

/**
 * struct pfil_head - a set of hook lists
 *
 * Opaque to modules: get one with pfil_head_get().
 */
struct pfil_head {
	struct list_head ph_in;
	struct list_head ph_out;
	struct list_head ph_ifaddr;
	struct list_head ph_ifnet;
	int ph_type;
	unsigned long ph_dlt;
	bool ph_ready;
};

struct pfil_head *pfil_head_get(int type, unsigned long dlt);
int pfil_add_hook(pfil_func_t func, void *arg, int flags,
		  struct pfil_head *ph);
int pfil_remove_hook(pfil_func_t func, void *arg, int flags,
		     struct pfil_head *ph);
int pfil_run_hooks(struct pfil_head *ph, struct mbuf **mp, struct ifnet *ifp,
		   int dir);

/* iopkt: the head of a given instance (pfil_head_get() uses the current). */
struct _iopkt_self;
struct pfil_head *iopkt_pfil_head_get(struct _iopkt_self *stk, int type,
				      unsigned long dlt);

#endif /* _IOPKT_PFIL_H */
