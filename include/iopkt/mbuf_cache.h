/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-thread mbuf caches (io-pkt's mbuf_cache= and pkt_cache=), embedded in
 * struct nw_work_thread. Only the owning thread touches its cache.
 */
#ifndef _IOPKT_MBUF_CACHE_H
#define _IOPKT_MBUF_CACHE_H

struct mbuf;

/**
 * struct iopkt_mcache - one thread's cache of free mbufs and packets
 * @mbufs: free mbufs (no cluster), linked through m_next
 * @nmbufs: how many are in @mbufs
 * @pkts: free mbuf+cluster pairs, linked through m_next
 * @npkts: how many are in @pkts
 */
struct iopkt_mcache {
	struct mbuf *mbufs;
	unsigned int nmbufs;
	struct mbuf *pkts;
	unsigned int npkts;
};

void iopkt_mcache_drain(struct iopkt_mcache *mc);

#endif /* _IOPKT_MBUF_CACHE_H */
