/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checksum and segmentation offload state at the mbuf/sk_buff boundary
 * (mbuf_csum.c), inside iopkt.ko.
 */
#ifndef _IOPKT_MBUF_CSUM_H
#define _IOPKT_MBUF_CSUM_H

#include <iopkt/mbuf.h>

struct sk_buff;

/* the offload part of a packet header, carried across a conversion */
struct mbuf_csum {
	int flags;		/* M_CSUM_* */
	u32 data;		/* csum_data */
	unsigned int segsz;
};

int mbuf_csum_from_skb(struct sk_buff *skb, struct mbuf_csum *st);
int mbuf_csum_to_skb(struct sk_buff *skb, const struct mbuf_csum *st,
		     int l3off);
int mbuf_ether_l3off(const struct mbuf *m, __be16 *proto);
int mbuf_csum_sw(struct mbuf *m, int l3off);
struct sk_buff *iopkt_m_to_skb_at(struct mbuf *m, int how, int l3off);

#endif /* _IOPKT_MBUF_CSUM_H */
