/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packet tags (NetBSD's m_tag(9)): typed pieces of metadata hung on a
 * packet header mbuf (m_pkthdr.tags) for pf, ALTQ, IPsec and the like.
 *
 * A tag is a struct m_tag followed by m_tag_len bytes of data, (t + 1).
 * Tags are freed with the packet (m_free of the packet header mbuf),
 * copied by m_copym()/m_dup()/m_copypacket() of a packet header
 * (M_COPY_PKTHDR), moved by M_MOVE_PKTHDR (m_pullup, M_PREPEND) and not
 * given to the tail of m_split(), as on NetBSD. Documentation/mbuf.md
 * ("## Packet tags") says when they survive a trip through an sk_buff.
 *
 * Types (m_tag_id) are the PACKET_TAG_* of NetBSD; modules pick their own
 * above PACKET_TAG_MODULE_BASE.
 */
#ifndef _IOPKT_M_TAG_H
#define _IOPKT_M_TAG_H

#include <linux/types.h>

struct mbuf;

/**
 * struct m_tag - a packet tag
 * @m_tag_next: the next tag of the packet (NetBSD's m_tag_link)
 * @m_tag_id: the type, PACKET_TAG_*
 * @m_tag_len: bytes of data after the structure
 */
struct m_tag {
	struct m_tag *m_tag_next;
	u16 m_tag_id;
	u16 m_tag_len;
};

#define PACKET_TAG_NONE			0
#define PACKET_TAG_VLAN			1
#define PACKET_TAG_PF			11
#define PACKET_TAG_ALTQ_QID		12
#define PACKET_TAG_IPSEC_IN_DONE	13
/* modules' own types start here */
#define PACKET_TAG_MODULE_BASE		0x100

/* The largest tag data, in bytes. */
#define M_TAG_MAXLEN	4096

struct m_tag *m_tag_get(int type, int len, int wait);
void m_tag_free(struct m_tag *t);
void m_tag_prepend(struct mbuf *m, struct m_tag *t);
void m_tag_unlink(struct mbuf *m, struct m_tag *t);
void m_tag_delete(struct mbuf *m, struct m_tag *t);
void m_tag_delete_chain(struct mbuf *m, struct m_tag *t);
struct m_tag *m_tag_find(struct mbuf *m, int type, struct m_tag *start);
struct m_tag *m_tag_copy(struct m_tag *t, int wait);
int m_tag_copy_chain(struct mbuf *to, struct mbuf *from, int wait);
struct m_tag *m_tag_first(struct mbuf *m);
struct m_tag *m_tag_next(struct mbuf *m, struct m_tag *t);

#endif /* _IOPKT_M_TAG_H */
