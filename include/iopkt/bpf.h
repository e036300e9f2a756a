/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bpf taps: NetBSD's bpf_mtap()/bpf_mtap2() and how a tap module plugs in.
 *
 * ifp->if_bpf is NULL while nobody listens on the interface; with a
 * listener it points at a per-interface tap handle owned by the core. The
 * Ethernet layer taps every received frame (in ether_input(), before pfil
 * or anything else may drop it) and every transmitted one (Linux's output
 * and if_transmit_mbuf(), once, just before the frame goes onto if_snd),
 * so a driver need not tap what goes through if_input or if_snd; it calls
 * bpf_mtap() only for frames the core does not see (Documentation/hooks.md).
 *
 * A tap module (bpf.ko) registers one struct iopkt_bpf_ops and attaches a
 * listener per interface with iopkt_bpf_attach(); the tap function runs
 * under rcu_read_lock() in any context (worker, softirq): it must not
 * sleep and must not keep or free the mbuf.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_BPF_H
#define _IOPKT_BPF_H

#include <linux/compiler.h>
#include <linux/types.h>

#include <iopkt/if.h>
#include <iopkt/mbuf.h>

/* Direction of a tapped frame (for BIOCSSEESENT). */
#define IOPKT_BPF_IN	1	/* received */
#define IOPKT_BPF_OUT	2	/* sent */

/**
 * struct iopkt_bpf_ops - a tap implementation
 * @bo_tap: called for each tapped frame with the listener state given to
 *	iopkt_bpf_attach(), the interface, @hdr/@hlen (bpf_mtap2()'s extra
 *	header, NULL/0 otherwise) in front of the frame @m, and the
 *	direction IOPKT_BPF_IN or IOPKT_BPF_OUT. Atomic context; @m is only
 *	lent.
 * @bo_owner: the module (THIS_MODULE)
 */
struct iopkt_bpf_ops {
	void (*bo_tap)(void *listener, struct ifnet *ifp, const void *hdr,
		       unsigned int hlen, struct mbuf *m, int dir);
	struct module *bo_owner;
};

int iopkt_bpf_register(const struct iopkt_bpf_ops *ops);
void iopkt_bpf_unregister(const struct iopkt_bpf_ops *ops);
int iopkt_bpf_attach(struct ifnet *ifp, void *listener);
void iopkt_bpf_detach(struct ifnet *ifp);
void iopkt_bpf_tap(void *bpf, const void *hdr, unsigned int hlen,
		   struct mbuf *m, int dir);

/*
 * As NetBSD, the direction of a frame a driver taps is known from
 * m_pkthdr.rcvif: set for a received frame, NULL for one being sent.
 */
static inline int iopkt_bpf_dir(const struct mbuf *m)
{
	return m->m_pkthdr.rcvif ? IOPKT_BPF_IN : IOPKT_BPF_OUT;
}

/**
 * bpf_mtap() - show a frame to the listeners of an interface
 * @bpf: ifp->if_bpf
 * @m: the frame (a packet header mbuf), not consumed
 *
 * With nobody listening (@bpf NULL) this is one pointer test.
 */
static inline void bpf_mtap(void *bpf, struct mbuf *m)
{
	if (unlikely(bpf))
		iopkt_bpf_tap(bpf, NULL, 0, m, iopkt_bpf_dir(m));
}

/**
 * bpf_mtap2() - the same with a header in front of the frame
 * @bpf: ifp->if_bpf
 * @hdr: bytes the listeners see before @m (e.g. a pseudo header)
 * @hlen: their length
 * @m: the frame, not consumed
 */
static inline void bpf_mtap2(void *bpf, void *hdr, unsigned int hlen,
			     struct mbuf *m)
{
	if (unlikely(bpf))
		iopkt_bpf_tap(bpf, hdr, hlen, m, iopkt_bpf_dir(m));
}

#endif /* _IOPKT_BPF_H */
