// SPDX-License-Identifier: GPL-2.0
/*
 * Checksum and segmentation offload state across the mbuf/sk_buff
 * boundary: iopkt_skb_to_m() and iopkt_m_to_skb() carry it in both
 * directions (<iopkt/mbuf.h> M_CSUM_*, Documentation/mbuf.md).
 *
 *   sk_buff                               m_pkthdr
 *   CHECKSUM_PARTIAL, TCP/UDP over   <->  M_CSUM_TCPv4/UDPv4/TCPv6/UDPv6,
 *   IPv4/IPv6 (csum_start/offset)         csum_data = IP header length << 16
 *                                         | checksum field offset
 *   gso_size, SKB_GSO_TCPV4/TCPV6    <->  M_CSUM_TSOv4/TSOv6, segsz
 *   CHECKSUM_UNNECESSARY, TCP/UDP    <->  M_CSUM_TCPv4 ... with csum_data 0
 *                                         (verified; not *_BAD)
 *
 * A CHECKSUM_PARTIAL the flags cannot describe (another protocol, IPv6
 * extension headers, CRC32c) is computed on the way in. The IP header
 * is found at skb's network header going in and past the link header
 * (Ethernet and up to two VLAN tags, or none for a layer-3 interface)
 * coming out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>

#include "mbuf/mbuf_csum.h"

#define TCP_CSUM_OFF	offsetof(struct tcphdr, check)
#define UDP_CSUM_OFF	offsetof(struct udphdr, check)

/* gso types the flags describe (ECN and fixed IDs only tune segmenting) */
#define GSO_OK		(SKB_GSO_TCPV4 | SKB_GSO_TCPV6 | SKB_GSO_TCP_ECN | \
			 SKB_GSO_TCP_FIXEDID)

/*
 * The transport protocol of @skb's IP packet at network offset @nhoff,
 * whose transport header is @iphl bytes further (-1: whatever the IP
 * header says). -1 if it is not plain IPv4/IPv6 there.
 */
static int l4_proto(const struct sk_buff *skb, __be16 proto, int nhoff,
		    int *iphl, bool *v6)
{
	union { struct iphdr v4; struct ipv6hdr v6; } buf;
	const struct iphdr *iph;
	const struct ipv6hdr *ip6h;

	if (nhoff < 0)
		return -1;
	if (proto == htons(ETH_P_IP)) {
		iph = skb_header_pointer(skb, nhoff, sizeof(*iph), &buf);
		if (!iph || iph->version != 4 || iph->ihl < 5 ||
		    (*iphl >= 0 && *iphl != iph->ihl * 4))
			return -1;
		*iphl = iph->ihl * 4;
		*v6 = false;
		return iph->protocol;
	}
	if (proto == htons(ETH_P_IPV6)) {
		ip6h = skb_header_pointer(skb, nhoff, sizeof(*ip6h), &buf);
		if (!ip6h || (*iphl >= 0 && *iphl != sizeof(*ip6h)))
			return -1;
		*iphl = sizeof(*ip6h);
		*v6 = true;
		return ip6h->nexthdr;
	}
	return -1;
}

static int l4_flag(int l4, bool v6)
{
	if (l4 == IPPROTO_TCP)
		return v6 ? M_CSUM_TCPv6 : M_CSUM_TCPv4;
	if (l4 == IPPROTO_UDP)
		return v6 ? M_CSUM_UDPv6 : M_CSUM_UDPv4;
	return 0;
}

/*
 * What the flags say about @skb: 0, 1 if its CHECKSUM_PARTIAL must be
 * computed first (the flags cannot describe it), -EPROTONOSUPPORT for a
 * GSO packet they cannot describe.
 */
static int csum_state_of(const struct sk_buff *skb, struct mbuf_csum *st)
{
	__be16 proto = vlan_get_protocol(skb);
	int nhoff = skb_network_offset(skb);
	bool v6 = false;
	int iphl = -1, l4 = -1, flag;

	memset(st, 0, sizeof(*st));
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		iphl = skb_checksum_start_offset(skb) - nhoff;
		if (iphl > 0 && iphl <= 0xffff && !skb->csum_not_inet)
			l4 = l4_proto(skb, proto, nhoff, &iphl, &v6);
		flag = l4_flag(l4, v6);
		if (!flag || skb->csum_offset != ((flag & (M_CSUM_TCPv4 |
			     M_CSUM_TCPv6)) ? TCP_CSUM_OFF : UDP_CSUM_OFF))
			return skb_is_gso(skb) ? -EPROTONOSUPPORT : 1;
		st->flags = flag;
		st->data = M_CSUM_DATA_MAKE(iphl, skb->csum_offset);
	} else if (skb->ip_summed == CHECKSUM_UNNECESSARY) {
		l4 = l4_proto(skb, proto, nhoff, &iphl, &v6);
		st->flags = l4_flag(l4, v6);
	}
	if (!skb_is_gso(skb))
		return 0;
	if (!(st->flags & (M_CSUM_TCPv4 | M_CSUM_TCPv6)) ||
	    (skb_shinfo(skb)->gso_type & ~GSO_OK) ||
	    !(skb_shinfo(skb)->gso_type &
	      (v6 ? SKB_GSO_TCPV6 : SKB_GSO_TCPV4)))
		return -EPROTONOSUPPORT;
	st->segsz = skb_shinfo(skb)->gso_size;
	st->flags |= v6 ? M_CSUM_TSOv6 : M_CSUM_TSOv4;
	if (st->data)	/* a request: TSO alone asks for it, as on NetBSD */
		st->flags &= ~(M_CSUM_TCPv4 | M_CSUM_TCPv6);
	return 0;
}

/**
 * iopkt_skb_offload_ok() - can an sk_buff's offload state cross as is?
 * @skb: an sk_buff with its network header set
 *
 * For a module that hands Linux's packets to iopkt_skb_to_m(): a GSO
 * packet other than TCP over plain IPv4/IPv6 (UDP fragmentation, tunnels,
 * SKB_GSO_DODGY from an untrusted source) has no M_CSUM_* description;
 * segment it first (skb_gso_segment()), or iopkt_skb_to_m() drops it.
 *
 * Return: true if iopkt_skb_to_m() takes @skb with its offload state.
 */
bool iopkt_skb_offload_ok(const struct sk_buff *skb)
{
	struct mbuf_csum st;

	return csum_state_of(skb, &st) >= 0;
}
EXPORT_SYMBOL_NS_GPL(iopkt_skb_offload_ok, IOPKT);

/*
 * The offload state of @skb for the mbuf made from it. Computes a
 * CHECKSUM_PARTIAL the flags cannot carry. 0 or a negative errno (a GSO
 * packet iopkt_skb_offload_ok() refuses, no memory).
 */
int mbuf_csum_from_skb(struct sk_buff *skb, struct mbuf_csum *st)
{
	int rc = csum_state_of(skb, st);

	if (rc == 1) {
		memset(st, 0, sizeof(*st));
		return skb_csum_hwoffload_help(skb, 0);	/* CRC32c too */
	}
	return rc;
}

/* the IP header's offset in a frame starting with an Ethernet header */
static int ether_l3off(const u8 *(*get)(const void *, int, void *),
		       const void *pkt, __be16 *proto)
{
	int off = ETH_HLEN - 2, tags;
	__be16 t, buf;
	const __be16 *p;

	for (tags = 0; tags <= 2; tags++) {
		p = (const __be16 *)get(pkt, off, &buf);
		if (!p)
			return -1;
		t = *p;
		if (t != htons(ETH_P_8021Q) && t != htons(ETH_P_8021AD))
			break;
		off += VLAN_HLEN;
	}
	if (tags > 2)
		return -1;
	*proto = t;
	return off + 2;
}

static const u8 *m_get2(const void *pkt, int off, void *buf)
{
	return m_copydata(pkt, off, 2, buf) ? NULL : buf;
}

static const u8 *skb_get2(const void *pkt, int off, void *buf)
{
	return skb_header_pointer(pkt, off, 2, buf);
}

/**
 * mbuf_ether_l3off() - where the network header of an Ethernet frame is
 * @m: the frame
 * @proto: set to the EtherType past the VLAN tags
 *
 * Return: the offset, or -1 if the frame is too short or has more than two
 * VLAN tags.
 */
int mbuf_ether_l3off(const struct mbuf *m, __be16 *proto)
{
	return ether_l3off(m_get2, m, proto);
}

/* the transport header of @skb's TCP/UDP packet at @l3off, or -1 */
static int skb_l4off(const struct sk_buff *skb, int l3off, __be16 proto,
		     bool *v6)
{
	int iphl = -1;

	if (l4_proto(skb, proto, l3off, &iphl, v6) < 0)
		return -1;
	return l3off + iphl;
}

/* fill in the IPv4 header checksum of @skb (M_CSUM_IPv4 request) */
static int skb_ip_csum(struct sk_buff *skb, int l3off)
{
	struct iphdr *iph;

	if (skb_ensure_writable(skb, l3off + sizeof(*iph)))
		return -ENOMEM;
	iph = (struct iphdr *)(skb->data + l3off);
	if (iph->version != 4 || skb_ensure_writable(skb, l3off + iph->ihl * 4))
		return 0;
	iph = (struct iphdr *)(skb->data + l3off);
	ip_send_check(iph);
	return 0;
}

static int skb_gso_clear(struct sk_buff *skb)
{
	struct skb_shared_info *sh = skb_shinfo(skb);

	if (!sh->gso_size && !sh->gso_type)
		return 0;
	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return -ENOMEM;
	sh = skb_shinfo(skb);
	sh->gso_size = 0;
	sh->gso_type = 0;
	sh->gso_segs = 0;
	return 0;
}

static int skb_gso_set(struct sk_buff *skb, const struct mbuf_csum *st,
		       int l4off)
{
	struct skb_shared_info *sh;
	struct tcphdr _th;
	const struct tcphdr *th;
	int hlen;

	th = skb_header_pointer(skb, l4off, sizeof(_th), &_th);
	if (!th || th->doff < 5)
		return 0;
	hlen = l4off + th->doff * 4;
	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0, GFP_ATOMIC))
		return -ENOMEM;
	sh = skb_shinfo(skb);
	sh->gso_size = st->segsz;
	sh->gso_type = (st->flags & M_CSUM_TSOv6) ? SKB_GSO_TCPV6 :
						    SKB_GSO_TCPV4;
	sh->gso_segs = skb->len > hlen ?
		       DIV_ROUND_UP(skb->len - hlen, st->segsz) : 1;
	return 0;
}

/**
 * mbuf_csum_to_skb() - give an sk_buff an mbuf's offload state
 * @skb: the linear sk_buff made from the mbuf, data at the link header
 * @st: the mbuf's state
 * @l3off: bytes of link header before the IP header; -1: Ethernet (with
 *	VLAN tags)
 *
 * A transmit request becomes CHECKSUM_PARTIAL (M_CSUM_IPv4 is done here:
 * Linux has no such offload), verified receive state
 * CHECKSUM_UNNECESSARY, TSO state a GSO packet; anything else, and state
 * that does not match the packet, CHECKSUM_NONE (Linux checks).
 *
 * Return: 0 or -ENOMEM.
 */
int mbuf_csum_to_skb(struct sk_buff *skb, const struct mbuf_csum *st,
		     int l3off)
{
	int flags = st->flags, l4off, err;
	__be16 proto = 0;
	bool v6 = false;
	u8 ver;

	skb->ip_summed = CHECKSUM_NONE;
	err = skb_gso_clear(skb);
	if (err || !(flags & (M_CSUM_L4 | M_CSUM_IPv4 | M_CSUM_TSO)) ||
	    (flags & M_CSUM_BAD))
		return err;
	if (l3off < 0)
		l3off = ether_l3off(skb_get2, skb, &proto);
	else if (!skb_copy_bits(skb, l3off, &ver, 1))
		proto = (ver >> 4) == 6 ? htons(ETH_P_IPV6) : htons(ETH_P_IP);
	l4off = l3off < 0 ? -1 : skb_l4off(skb, l3off, proto, &v6);
	if (l4off < 0)
		return 0;
	skb_set_network_header(skb, l3off);
	skb_set_transport_header(skb, l4off);
	if ((flags & (M_CSUM_L4 | M_CSUM_IPv4 | M_CSUM_TSO)) &&
	    !(flags & M_CSUM_DATA) && st->data) {
		/* a transmit request */
		u32 off = M_CSUM_DATA_IPv4_OFFSET(st->data);

		if (l3off + M_CSUM_DATA_IPv4_IPHL(st->data) != l4off)
			return 0;
		if ((flags & M_CSUM_IPv4) && !v6) {
			err = skb_ip_csum(skb, l3off);
			if (err)
				return err;
		}
		if ((flags & (M_CSUM_L4 | M_CSUM_TSO)) && off &&
		    l4off + off + 2 <= skb->len) {
			skb->ip_summed = CHECKSUM_PARTIAL;
			skb->csum_start = skb_headroom(skb) + l4off;
			skb->csum_offset = off;
		}
	} else if (flags & M_CSUM_L4) {
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		skb->csum_level = 0;
	}
	if ((flags & M_CSUM_TSO) && st->segsz &&
	    !!(flags & M_CSUM_TSOv6) == v6)
		return skb_gso_set(skb, st, l4off);
	return 0;
}

/* the ones' complement sum of @len bytes of @m from @off */
static __wsum m_csum_range(struct mbuf *m, int off, int len)
{
	__wsum sum = 0;
	int pos = 0, n;

	for (; m && off >= m->m_len; m = m->m_next)
		off -= m->m_len;
	for (; m && len > 0; m = m->m_next, off = 0) {
		n = min(len, m->m_len - off);
		sum = csum_block_add(sum, csum_partial(mtod(m, u8 *) + off,
						       n, 0), pos);
		pos += n;
		len -= n;
	}
	return sum;
}

/**
 * mbuf_csum_sw() - do a packet's checksum requests in software
 * @m: a packet whose csum_flags is a transmit request (no TSO)
 * @l3off: bytes of link header before the IP header
 *
 * Fills in the TCP/UDP checksum (the field holds the pseudo-header sum)
 * and the IPv4 header checksum that the flags ask for, and clears the
 * flags. What a driver without the capability gets (if_csum.c).
 *
 * Return: 0, or -ENOMEM if a shared buffer could not be copied.
 */
int mbuf_csum_sw(struct mbuf *m, int l3off)
{
	int flags = m->m_pkthdr.csum_flags;
	int iphl = M_CSUM_DATA_IPv4_IPHL(m->m_pkthdr.csum_data);
	int off = M_CSUM_DATA_IPv4_OFFSET(m->m_pkthdr.csum_data);
	int l4off = l3off + iphl;
	__sum16 c;

	if ((flags & M_CSUM_L4) && off && l4off + off + 2 <= m->m_pkthdr.len) {
		c = csum_fold(m_csum_range(m, l4off, m->m_pkthdr.len - l4off));
		if (!c)
			c = CSUM_MANGLED_0;
		if (m_copyback(m, l4off + off, sizeof(c), &c))
			return -ENOMEM;
	}
	if ((flags & M_CSUM_IPv4) && iphl >= 20 && iphl <= 60 &&
	    l4off <= m->m_pkthdr.len) {
		u8 h[60];

		if (m_copydata(m, l3off, iphl, h))
			return 0;
		((struct iphdr *)h)->check = 0;
		c = ip_fast_csum(h, iphl / 4);
		if (m_copyback(m, l3off + offsetof(struct iphdr, check),
			       sizeof(c), &c))
			return -ENOMEM;
	}
	m->m_pkthdr.csum_flags = 0;
	m->m_pkthdr.csum_data = 0;
	return 0;
}
