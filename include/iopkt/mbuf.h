/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mbufs: io-pkt's (NetBSD's) packet buffers, for iopkt modules and drivers.
 *
 * The names, fields and semantics follow NetBSD's mbuf(9) as io-pkt uses
 * it, so drivers port mechanically. Differences from NetBSD are listed in
 * Documentation/mbuf.md (m_copyback copies shared storage before writing,
 * m_copydata/m_copyback return an error instead of panicking, MCLBYTES is a
 * load-time value).
 */
#ifndef _IOPKT_MBUF_H
#define _IOPKT_MBUF_H

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/types.h>

#include <iopkt/m_tag.h>

struct ifnet;
struct sk_buff;
struct nw_work_thread;

#define MSIZE		256	/* size of an mbuf */

/*
 * MCLBYTES: the cluster size chosen at load (iopkt.ko mclbytes=), from
 * iopkt_mclbytes (exported by iopkt.ko, set once at load).
 */
extern unsigned int iopkt_mclbytes;
#define MCLBYTES	((int)iopkt_mclbytes)

/* allocation modes (malloc(9) values) */
#define M_WAITOK	0x0000	/* may sleep until memory is freed */
#define M_NOWAIT	0x0001	/* never sleeps; NULL when none is free */
#define M_DONTWAIT	M_NOWAIT
#define M_WAIT		M_WAITOK

/* m_copym(): copy to the end of the chain */
#define M_COPYALL	1000000000

/**
 * struct m_hdr - the header every mbuf starts with
 * @mh_next: next mbuf of this packet
 * @mh_nextpkt: next packet of a queue
 * @mh_data: start of the valid data
 * @mh_len: bytes of valid data in this mbuf
 * @mh_flags: M_* flags
 * @mh_type: MT_* type
 */
struct m_hdr {
	struct mbuf *mh_next;
	struct mbuf *mh_nextpkt;
	char *mh_data;
	int mh_len;
	int mh_flags;
	short mh_type;
};

/**
 * struct pkthdr - the packet header, in the first mbuf of a packet (M_PKTHDR)
 * @rcvif: the interface the packet came in on
 * @len: total length of the packet (all mbufs of the chain)
 * @csum_flags: M_CSUM_* checksum offload flags
 * @csum_data: checksum offload data
 * @segsz: segment size for TSO
 * @tags: the packet's tags (<iopkt/m_tag.h>), NULL if none
 */
struct pkthdr {
	struct ifnet *rcvif;
	int len;
	int csum_flags;
	u32 csum_data;
	unsigned int segsz;
	struct m_tag *tags;
};

/**
 * typedef m_ext_free_t - releases external storage (MEXTADD)
 * @m: the mbuf being freed, for information only: iopkt frees it, the
 *	callback must not
 * @buf: the buffer given to MEXTADD
 * @size: its size
 * @arg: the argument given to MEXTADD
 *
 * Called once, when the last mbuf referring to the storage is freed, in
 * any context m_free() may be called in.
 */
typedef void m_ext_free_t(struct mbuf *m, void *buf, size_t size, void *arg);

/* enum m_ext_type - what external storage is (m_ext.ext_type) */
enum m_ext_type {
	EXT_CLUSTER = 1,	/* a cluster of the iopkt cluster pool */
	EXT_SKB,		/* the linear data of a Linux sk_buff */
	EXT_KMEM,		/* kmalloc'd by iopkt, kfree'd */
	EXT_EXTBUF,		/* MEXTADD storage with an ext_free callback */
};

/**
 * struct _m_ext - external storage of an mbuf (M_EXT), m->m_ext
 * @ext_buf: start of the buffer
 * @ext_size: size of the buffer
 * @ext_free: releases the buffer (%EXT_EXTBUF), else NULL
 * @ext_arg: argument of @ext_free; the sk_buff for %EXT_SKB
 * @ext_ref: the mbuf holding the reference count; itself for the first
 *	mbuf given the storage, that mbuf for every copy sharing it
 * @ext_refcnt: mbufs sharing the storage (meaningful in @ext_ref only)
 * @ext_type: enum m_ext_type
 *
 * Named with an underscore (as in NetBSD) because m_ext is the accessor
 * macro for the member.
 */
struct _m_ext {
	char *ext_buf;
	size_t ext_size;
	m_ext_free_t *ext_free;
	void *ext_arg;
	struct mbuf *ext_ref;
	atomic_t ext_refcnt;
	int ext_type;
};

#define MLEN		((int)(MSIZE - sizeof(struct m_hdr)))
#define MHLEN		((int)(MLEN - sizeof(struct pkthdr)))
#define MINCLSIZE	(MHLEN + 1)	/* smallest amount put in a cluster */

/**
 * struct mbuf - a packet buffer of MSIZE bytes
 * @m_hdr: the header
 * @M_dat: the packet header and internal data or external storage, or
 *	internal data only
 */
struct mbuf {
	struct m_hdr m_hdr;
	union {
		struct {
			struct pkthdr MH_pkthdr;
			union {
				struct _m_ext MH_ext;
				char MH_databuf[MSIZE - sizeof(struct m_hdr) -
						sizeof(struct pkthdr)];
			} MH_dat;
		} MH;
		char M_databuf[MSIZE - sizeof(struct m_hdr)];
	} M_dat;
};

#define m_next		m_hdr.mh_next
#define m_len		m_hdr.mh_len
#define m_data		m_hdr.mh_data
#define m_type		m_hdr.mh_type
#define m_flags		m_hdr.mh_flags
#define m_nextpkt	m_hdr.mh_nextpkt
#define m_pkthdr	M_dat.MH.MH_pkthdr
#define m_ext		M_dat.MH.MH_dat.MH_ext
#define m_pktdat	M_dat.MH.MH_dat.MH_databuf
#define m_dat		M_dat.M_databuf

/* m_flags */
#define M_EXT		0x00000001	/* has external storage */
#define M_PKTHDR	0x00000002	/* start of a packet, m_pkthdr valid */
#define M_EOR		0x00000004	/* end of record */
#define M_PROTO1	0x00000008	/* protocol-specific */
#define M_CLUSTER	0x00000010	/* external storage is a pool cluster */
#define M_EXT_RDONLY	0x00000020	/* external storage is read-only */
#define M_BCAST		0x00000100	/* sent/received as link broadcast */
#define M_MCAST		0x00000200	/* sent/received as link multicast */
#define M_CANFASTFWD	0x00000400	/* ipflow may take it (ipflow.h) */
#define M_LINK0		0x00001000	/* link-layer specific */
#define M_LINK1		0x00002000
#define M_LINK2		0x00004000

/* flags copied with the packet header (M_COPY_PKTHDR, m_copym at 0) */
#define M_COPYFLAGS	(M_PKTHDR | M_EOR | M_BCAST | M_MCAST | \
			 M_CANFASTFWD | M_LINK0 | M_LINK1 | M_LINK2)

/*
 * Checksum and segmentation offload (m_pkthdr.csum_flags), NetBSD's names
 * and values; Documentation/drivers.md "Checksum and segmentation
 * offload" says who sets what.
 *
 * Transmit (the stack asks the driver): M_CSUM_TCPv4 ... M_CSUM_UDPv6:
 * fill in that checksum; the checksum field already holds the
 * pseudo-header sum. M_CSUM_IPv4: fill in the IPv4 header checksum.
 * M_CSUM_TSOv4/TSOv6: cut the TCP packet into segments of segsz payload
 * bytes, checksums included. csum_data then says where, as on NetBSD:
 * bits 31..16 the IP header length (the TCP/UDP header's offset from the
 * IP header, which follows the link header), bits 15..0 the offset of the
 * checksum field in the TCP/UDP header. A transmit request always has a
 * nonzero csum_data.
 *
 * Receive (the driver tells the stack): M_CSUM_IPv4, M_CSUM_TCPv4 ...:
 * the hardware checked that checksum; with M_CSUM_IPv4_BAD or
 * M_CSUM_TCP_UDP_BAD it found it wrong (ether_input() drops and counts
 * the frame, if_ierrors). csum_data is 0 unless M_CSUM_DATA says it holds
 * the hardware's 16-bit sum of the TCP/UDP header and payload (iopkt does
 * not use that sum). M_CSUM_TSOv4/TSOv6 with segsz on a received packet:
 * an aggregate of segsz-byte segments (GRO, from shim).
 */
#define M_CSUM_TCPv4	0x00000001	/* TCP header and payload */
#define M_CSUM_UDPv4	0x00000002	/* UDP header and payload */
#define M_CSUM_TCP_UDP_BAD 0x00000004	/* receive: TCP/UDP checksum bad */
#define M_CSUM_DATA	0x00000008	/* receive: csum_data is a sum */
#define M_CSUM_TCPv6	0x00000010	/* TCP over IPv6 */
#define M_CSUM_UDPv6	0x00000020	/* UDP over IPv6 */
#define M_CSUM_IPv4	0x00000040	/* IPv4 header */
#define M_CSUM_IPv4_BAD	0x00000080	/* receive: IPv4 header checksum bad */
#define M_CSUM_TSOv4	0x00000100	/* TCP segmentation over IPv4 */
#define M_CSUM_TSOv6	0x00000200	/* TCP segmentation over IPv6 */

/* csum_data of a transmit request */
#define M_CSUM_DATA_IPv4_IPHL(x)	((x) >> 16)
#define M_CSUM_DATA_IPv4_OFFSET(x)	((x) & 0xffff)
#define M_CSUM_DATA_IPv6_IPHL(x)	((x) >> 16)
#define M_CSUM_DATA_IPv6_OFFSET(x)	((x) & 0xffff)
#define M_CSUM_DATA_IPv6_SET(x, v)	((x) = ((x) & 0xffff) | ((v) << 16))
/* iopkt: build it from the IP header length and the field's offset */
#define M_CSUM_DATA_MAKE(iphl, off)	(((u32)(iphl) << 16) | ((off) & 0xffff))

#define M_CSUM_L4	(M_CSUM_TCPv4 | M_CSUM_UDPv4 | M_CSUM_TCPv6 | \
			 M_CSUM_UDPv6)
#define M_CSUM_TSO	(M_CSUM_TSOv4 | M_CSUM_TSOv6)
#define M_CSUM_BAD	(M_CSUM_IPv4_BAD | M_CSUM_TCP_UDP_BAD)

/**
 * m_csum_tx_request() - do a packet's checksum flags ask for work?
 * @m: a packet header mbuf
 *
 * Return: true if m_pkthdr.csum_flags is a transmit request (a checksum
 * to fill in or segments to cut, csum_data saying where), false if it is
 * receive state (what a driver verified) or empty.
 */
static inline bool m_csum_tx_request(const struct mbuf *m)
{
	return (m->m_pkthdr.csum_flags & (M_CSUM_L4 | M_CSUM_IPv4 |
					  M_CSUM_TSO)) &&
	       !(m->m_pkthdr.csum_flags & (M_CSUM_DATA | M_CSUM_BAD)) &&
	       m->m_pkthdr.csum_data;
}

/* m_type */
#define MT_FREE		0	/* on a free list */
#define MT_DATA		1	/* dynamic data */
#define MT_HEADER	2	/* packet header */
#define MT_SONAME	3	/* socket name */
#define MT_SOOPTS	4	/* socket options */
#define MT_FTABLE	5	/* fragment reassembly header */
#define MT_CONTROL	6	/* extra-data protocol message */
#define MT_OOBDATA	7	/* expedited data */

/* mtod(m, t): the data of mbuf @m as a pointer of type @t */
#define mtod(m, t)	((t)((m)->m_data))

/* start and size of the storage of @m, wherever it is */
#define M_BUFADDR(m)	(((m)->m_flags & M_EXT) ? (m)->m_ext.ext_buf : \
			 ((m)->m_flags & M_PKTHDR) ? (m)->m_pktdat : \
			 (m)->m_dat)
#define M_BUFSIZE(m)	(((m)->m_flags & M_EXT) ? (int)(m)->m_ext.ext_size : \
			 ((m)->m_flags & M_PKTHDR) ? MHLEN : MLEN)

/* M_READONLY: the storage is shared or read-only and must not be written */
#define M_READONLY(m)	(((m)->m_flags & M_EXT) &&			\
			 (((m)->m_flags & M_EXT_RDONLY) ||		\
			  atomic_read(&(m)->m_ext.ext_ref->m_ext.ext_refcnt) > 1))
#define M_WRITABLE(m)	(!M_READONLY(m))

/* room before and after the data (0 when the storage is read-only) */
#define M_LEADINGSPACE(m)	(M_READONLY(m) ? 0 :			\
				 (int)((m)->m_data - M_BUFADDR(m)))
#define M_TRAILINGSPACE(m)	(M_READONLY(m) ? 0 :			\
				 (int)(M_BUFADDR(m) + M_BUFSIZE(m) -	\
				       ((m)->m_data + (m)->m_len)))

/* M_ALIGN/MH_ALIGN/MEXT_ALIGN: put @len bytes at the end of a fresh mbuf */
#define M_ALIGN(m, len)	\
	((m)->m_data += (MLEN - (len)) & ~(sizeof(long) - 1))
#define MH_ALIGN(m, len) \
	((m)->m_data += (MHLEN - (len)) & ~(sizeof(long) - 1))
#define MEXT_ALIGN(m, len) \
	((m)->m_data += ((m)->m_ext.ext_size - (len)) & ~(sizeof(long) - 1))

struct mbuf *m_get(int how, int type);
struct mbuf *m_gethdr(int how, int type);
struct mbuf *m_get_wtp(int how, int type, struct nw_work_thread *wtp);
struct mbuf *m_gethdr_wtp(int how, int type, struct nw_work_thread *wtp);
struct mbuf *m_getcl(int how, int type, int flags);
struct mbuf *m_getcl_wtp(int how, int type, int flags,
			 struct nw_work_thread *wtp);
int m_clget(struct mbuf *m, int how);
struct mbuf *m_free(struct mbuf *m);
void m_freem(struct mbuf *m);
struct mbuf *m_free_wtp(struct mbuf *m, struct nw_work_thread *wtp);
void m_freem_wtp(struct mbuf *m, struct nw_work_thread *wtp);
void m_extadd(struct mbuf *m, void *buf, size_t size, m_ext_free_t *free,
	      void *arg);

struct mbuf *m_copym(struct mbuf *m, int off, int len, int how);
struct mbuf *m_copypacket(struct mbuf *m, int how);
struct mbuf *m_dup(struct mbuf *m, int off, int len, int how);
int m_copydata(const struct mbuf *m, int off, int len, void *cp);
int m_copyback(struct mbuf *m, int off, int len, const void *cp);
struct mbuf *m_pullup(struct mbuf *m, int len);
void m_adj(struct mbuf *m, int len);
struct mbuf *m_prepend(struct mbuf *m, int len, int how);
void m_cat(struct mbuf *m, struct mbuf *n);
struct mbuf *m_split(struct mbuf *m, int len, int how);
int m_length(const struct mbuf *m);
int m_makewritable(struct mbuf *m, int how);
void m_move_pkthdr(struct mbuf *to, struct mbuf *from);
void m_copy_pkthdr(struct mbuf *to, const struct mbuf *from);

/* NetBSD's macro spellings */
#define MGET(m, how, type)	((m) = m_get((how), (type)))
#define MGETHDR(m, how, type)	((m) = m_gethdr((how), (type)))
#define MCLGET(m, how)		((void)m_clget((m), (how)))
#define MFREE(m, n)		((n) = m_free(m))
#define MEXTADD(m, buf, size, type, free, arg) \
	m_extadd((m), (buf), (size), (free), (arg))
#define M_MOVE_PKTHDR(to, from)	m_move_pkthdr((to), (from))
#define M_COPY_PKTHDR(to, from)	m_copy_pkthdr((to), (from))
#define m_copy(m, o, l)		m_copym((m), (o), (l), M_DONTWAIT)

/*
 * M_PREPEND(m, plen, how): make room for @plen bytes in front of the data,
 * in place when there is leading space, else with a new mbuf in front. @m
 * is set to the new chain, NULL on failure (the chain is then freed).
 */
#define M_PREPEND(m, plen, how)						\
	do {								\
		if (M_LEADINGSPACE(m) >= (plen)) {			\
			(m)->m_data -= (plen);				\
			(m)->m_len += (plen);				\
		} else {						\
			(m) = m_prepend((m), (plen), (how));		\
		}							\
		if ((m) && ((m)->m_flags & M_PKTHDR))			\
			(m)->m_pkthdr.len += (plen);			\
	} while (0)

/* sk_buff conversion (iopkt/mbuf/mbuf_skb.c) */
struct sk_buff *iopkt_m_to_skb(struct mbuf *m, int how);
struct mbuf *iopkt_skb_to_m(struct sk_buff *skb, int how);
bool iopkt_skb_offload_ok(const struct sk_buff *skb);

/**
 * struct iopkt_mbuf_pool_stats - counters of one pool
 * @in_use: objects held by callers now
 * @peak: highest @in_use seen
 * @cached: objects in per-thread caches now
 * @allocs: successful allocations (cache hits included)
 * @frees: objects given back
 * @cache_hits: allocations served by a per-thread cache
 * @cache_misses: allocations with a cache enabled that found it empty
 * @failures: allocations that returned NULL
 * @waits: times an M_WAITOK allocation slept waiting for a free
 */
struct iopkt_mbuf_pool_stats {
	long in_use;
	long peak;
	long cached;
	u64 allocs;
	u64 frees;
	u64 cache_hits;
	u64 cache_misses;
	u64 failures;
	u64 waits;
};

/**
 * struct iopkt_mbuf_stats - everything iopkt_mbuf_stats() reports
 * @mbufs: the mbuf pool
 * @clusters: the cluster pool
 * @mclbytes: cluster size (MCLBYTES)
 * @cluster_stride: bytes a cluster occupies (data + struct skb_shared_info)
 * @chunk_bytes: bytes the cluster pool takes from the page allocator at once
 * @clusters_per_chunk: clusters carved from one chunk
 * @chunks: chunks taken from the page allocator so far
 * @clusters_free: clusters in the pool's free list
 * @clusters_to_linux: clusters handed to Linux as sk_buff heads
 * @limit: hard limit on clusters out of the pool (0: none)
 * @m_to_skb_zerocopy: iopkt_m_to_skb() without a copy
 * @m_to_skb_copy: iopkt_m_to_skb() with a copy
 * @skb_to_m_zerocopy: iopkt_skb_to_m() without a copy
 * @skb_to_m_copy: iopkt_skb_to_m() with a copy
 */
struct iopkt_mbuf_stats {
	struct iopkt_mbuf_pool_stats mbufs;
	struct iopkt_mbuf_pool_stats clusters;
	unsigned int mclbytes;
	unsigned int cluster_stride;
	unsigned int chunk_bytes;
	unsigned int clusters_per_chunk;
	u64 chunks;
	long clusters_free;
	u64 clusters_to_linux;
	unsigned long limit;
	u64 m_to_skb_zerocopy;
	u64 m_to_skb_copy;
	u64 skb_to_m_zerocopy;
	u64 skb_to_m_copy;
};

void iopkt_mbuf_stats(struct iopkt_mbuf_stats *st);
unsigned long iopkt_pool_quantum(void);

#endif /* _IOPKT_MBUF_H */
