// SPDX-License-Identifier: GPL-2.0
/*
 * Conversion between mbufs and Linux sk_buffs, at the boundary with the
 * Linux stack and Linux drivers.
 *
 * When a copy happens:
 *
 * iopkt_skb_to_m(skb)
 *  - linear skb: no copy. The mbuf gets external storage (EXT_SKB) over
 *    skb->head..skb_end_pointer(), data at skb->data, and holds the skb;
 *    freeing the last mbuf referring to it frees the skb. A shared skb
 *    (users > 1) is cloned first (skb_share_check()); a cloned skb's data
 *    is marked read-only (M_EXT_RDONLY): writes through m_copyback() go to
 *    private copies, M_LEADINGSPACE/M_TRAILINGSPACE are 0.
 *  - skb with page frags (no frag list): no copy either. The first mbuf
 *    covers the linear part as above; each frag gets an mbuf whose
 *    external storage is the frag's bytes, read-only, sharing the first
 *    mbuf's reference on the skb (freed with the last of them).
 *  - skb with a frag list, or frags in highmem pages: copied into a chain
 *    of clusters, and the skb is freed.
 *
 * iopkt_m_to_skb(m)
 *  - a single mbuf whose storage is a cluster of the pool that no other
 *    mbuf shares: no copy. build_skb() makes the cluster the skb head
 *    (page-fragment head, see mbuf_pool.c); the cluster leaves the pool.
 *  - a single mbuf whose storage is the linear part of a linear skb (from
 *    iopkt_skb_to_m()) that no other mbuf shares: no copy; that skb is
 *    returned with data and len set to the mbuf's data.
 *  - a chain iopkt_skb_to_m() made of an skb with page frags, its frags
 *    untouched and no other mbuf sharing them: no copy; that skb is
 *    returned, its linear part set to the first mbuf's data.
 *  - anything else (other chains, internal data, shared storage, MEXTADD
 *    storage): the data is copied into a new linear skb with NET_SKB_PAD
 *    headroom.
 *
 * Both functions consume their argument, also on failure. Checksum and
 * segmentation offload state crosses in both directions (mbuf_csum.c);
 * other packet header fields are not translated: callers set the skb or
 * mbuf fields they need (dev, protocol, rcvif). Packet tags ride along
 * while the skb stays at layer 2: m_tag_skb.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/skbuff.h>

#include <iopkt/nw_thread.h>

#include "mbuf/mbuf_csum.h"
#include "mbuf/mbuf_pool.h"

static struct mbuf *skb_to_m_copy(struct sk_buff *skb, int how)
{
	struct mbuf *top = NULL, **np = &top, *n;
	int len = skb->len, off = 0;

	while (off < len || !top) {
		if (top)
			n = m_getcl(how, MT_DATA, 0);
		else if (len > MHLEN)
			n = m_getcl(how, MT_DATA, M_PKTHDR);
		else
			n = m_gethdr(how, MT_DATA);
		if (!n)
			goto fail;
		n->m_len = min(len - off, M_TRAILINGSPACE(n));
		if (skb_copy_bits(skb, off, n->m_data, n->m_len)) {
			m_free(n);
			goto fail;
		}
		off += n->m_len;
		*np = n;
		np = &n->m_next;
	}
	top->m_pkthdr.len = len;
	mskb_count(skb_to_m_copy);
	consume_skb(skb);
	return top;
fail:
	m_freem(top);
	kfree_skb(skb);
	return NULL;
}

/* can the frags of @skb be mapped to mbufs (no frag list, no highmem)? */
static bool skb_frags_mappable(const struct sk_buff *skb)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	int i;

	if (skb_has_frag_list(skb))
		return false;
	for (i = 0; i < sh->nr_frags; i++)
		if (PageHighMem(skb_frag_page(&sh->frags[i])))
			return false;
	return true;
}

/* one read-only mbuf per frag, sharing @m's reference on the skb */
static int skb_to_m_frags(struct mbuf *m, struct sk_buff *skb, int how)
{
	struct skb_shared_info *sh = skb_shinfo(skb);
	struct mbuf **np = &m->m_next, *n;
	int i;

	for (i = 0; i < sh->nr_frags; i++) {
		skb_frag_t *f = &sh->frags[i];

		n = m_get(how, MT_DATA);
		if (!n)
			return -ENOMEM;
		mbuf_ext_share(n, m);
		n->m_flags |= M_EXT_RDONLY;
		n->m_ext.ext_buf = skb_frag_address(f);
		n->m_ext.ext_size = skb_frag_size(f);
		n->m_data = n->m_ext.ext_buf;
		n->m_len = skb_frag_size(f);
		*np = n;
		np = &n->m_next;
	}
	return 0;
}

static struct mbuf *skb_to_m(struct sk_buff *skb, int how)
{
	struct mbuf *m;

	if (!skb_frags_mappable(skb))
		return skb_to_m_copy(skb, how);
	skb = skb_share_check(skb, mbuf_gfp(how));
	if (!skb)
		return NULL;
	m = m_gethdr(how, MT_DATA);
	if (!m) {
		kfree_skb(skb);
		return NULL;
	}
	mbuf_ext_init(m, skb->head, skb_end_offset(skb), EXT_SKB);
	m->m_ext.ext_arg = skb;
	if (skb_cloned(skb))
		m->m_flags |= M_EXT_RDONLY;
	m->m_data = skb->data;
	m->m_len = skb_headlen(skb);
	m->m_pkthdr.len = skb->len;
	if (skb_to_m_frags(m, skb, how)) {
		m_freem(m);	/* the last mbuf frees the skb */
		return NULL;
	}
	mskb_count(skb_to_m_zc);
	return m;
}

/**
 * iopkt_skb_to_m() - turn an sk_buff into an mbuf chain
 * @skb: the sk_buff, consumed
 * @how: M_DONTWAIT or M_WAITOK
 *
 * A linear @skb becomes one packet header mbuf over its data, an skb with
 * page frags one more mbuf per frag, without a copy; an skb with a frag
 * list is copied (see the top of mbuf_skb.c). m_pkthdr.len is set, and
 * the checksum and TSO state (csum_flags, csum_data, segsz) from @skb's
 * ip_summed and gso fields, found through its network header (see
 * mbuf_csum.c; a CHECKSUM_PARTIAL they cannot describe is computed
 * here); rcvif is left NULL. Tags @skb carries for iopkt (see
 * m_tag_skb.c) go to the packet header.
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: the chain, or NULL (@skb has then been freed; also for a GSO
 * packet iopkt_skb_offload_ok() refuses).
 */
struct mbuf *iopkt_skb_to_m(struct sk_buff *skb, int how)
{
	struct mbuf_csum st;
	struct m_tag *tags;
	struct mbuf *m;

	if (!skb)
		return NULL;
	if (mbuf_csum_from_skb(skb, &st)) {
		kfree_skb(skb);
		return NULL;
	}
	tags = iopkt_mtag_skb_take(skb);
	m = skb_to_m(skb, how);
	if (m) {
		m->m_pkthdr.tags = tags;
		m->m_pkthdr.csum_flags = st.flags;
		m->m_pkthdr.csum_data = st.data;
		m->m_pkthdr.segsz = st.segsz;
	} else {
		m_tag_free_chain(tags);
	}
	return m;
}
EXPORT_SYMBOL_NS_GPL(iopkt_skb_to_m, IOPKT);

/* is @m the only mbuf referring to its external storage? */
static bool m_ext_sole(const struct mbuf *m)
{
	return atomic_read(&m->m_ext.ext_ref->m_ext.ext_refcnt) == 1;
}

/* is @m's storage the linear part of a linear skb? */
static bool m_ext_own_linear(const struct mbuf *m)
{
	const struct sk_buff *skb = m->m_ext.ext_arg;

	return m->m_ext.ext_buf == (char *)skb->head && !skb_is_nonlinear(skb);
}

/* free @m's header and, if it is another mbuf, its storage's owner */
static void m_ext_detach(struct mbuf *m)
{
	struct nw_work_thread *wtp = iopkt_wtp();

	if (m->m_ext.ext_ref != m)
		mbuf_hdr_put(m->m_ext.ext_ref, wtp);
	m->m_flags &= ~M_EXT;
	mbuf_hdr_put(m, wtp);
}

static struct sk_buff *m_to_skb_cluster(struct mbuf *m)
{
	char *buf = m->m_ext.ext_buf;
	struct sk_buff *skb = iopkt_mcl_build_skb(&iopkt_mcl, buf);

	if (!skb)
		return NULL;
	skb_reserve(skb, m->m_data - buf);
	skb_put(skb, m->m_len);
	m_ext_detach(m);
	return skb;
}

static struct sk_buff *m_to_skb_own(struct mbuf *m)
{
	struct sk_buff *skb = m->m_ext.ext_arg;

	skb->data = m->m_data;
	skb->len = m->m_len;
	skb_set_tail_pointer(skb, m->m_len);
	m_ext_detach(m);
	return skb;
}

/*
 * A chain iopkt_skb_to_m() made of an skb with page frags, still holding
 * exactly that skb's data (the linear part may have moved or changed
 * length within the skb's buffer; the frags are untouched), that nothing
 * else refers to: that skb again, without a copy. NULL otherwise.
 */
static struct sk_buff *m_to_skb_frags(struct mbuf *m)
{
	struct mbuf *owner = m->m_ext.ext_ref, *n, *next;
	struct sk_buff *skb = m->m_ext.ext_arg;
	const struct skb_shared_info *sh;
	const skb_frag_t *f;
	int i = 0, refs = 1;

	if (m->m_ext.ext_buf != (char *)skb->head || skb_has_frag_list(skb))
		return NULL;
	sh = skb_shinfo(skb);
	for (n = m->m_next; n; n = n->m_next, i++, refs++) {
		if (i >= sh->nr_frags || !(n->m_flags & M_EXT) ||
		    n->m_ext.ext_type != EXT_SKB || n->m_ext.ext_ref != owner)
			return NULL;
		f = &sh->frags[i];
		if (n->m_data != skb_frag_address(f) ||
		    n->m_len != skb_frag_size(f))
			return NULL;
	}
	if (i != sh->nr_frags ||
	    atomic_read(&owner->m_ext.ext_refcnt) != refs)
		return NULL;
	skb->data = m->m_data;
	skb->len = m->m_len + skb->data_len;
	skb_set_tail_pointer(skb, m->m_len);
	for (n = m->m_next; n; n = next) {
		next = n->m_next;
		n->m_flags &= ~M_EXT;
		mbuf_hdr_put(n, iopkt_wtp());
	}
	m->m_next = NULL;
	m_ext_detach(m);
	return skb;
}

static struct sk_buff *m_to_skb_copy(struct mbuf *m, int how)
{
	int len = m_length(m);
	struct sk_buff *skb;

	skb = alloc_skb(NET_SKB_PAD + len, mbuf_gfp(how));
	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		m_copydata(m, 0, len, skb_put(skb, len));
		mskb_count(m_to_skb_copy);
	}
	m_freem(m);
	return skb;
}

static struct sk_buff *m_to_skb(struct mbuf *m, int how)
{
	struct sk_buff *skb = NULL;

	if (!(m->m_flags & M_EXT)) {
		/* internal data: copied */
	} else if (m->m_next) {
		if (m->m_ext.ext_type == EXT_SKB)
			skb = m_to_skb_frags(m);
	} else if (m_ext_sole(m)) {
		if (m->m_ext.ext_type == EXT_CLUSTER &&
		    !(m->m_flags & M_EXT_RDONLY))
			skb = m_to_skb_cluster(m);
		else if (m->m_ext.ext_type == EXT_SKB && m_ext_own_linear(m))
			skb = m_to_skb_own(m);
	}
	if (skb) {
		mskb_count(m_to_skb_zc);
		return skb;
	}
	return m_to_skb_copy(m, how);
}

/* iopkt_m_to_skb() with the IP header @l3off bytes in (-1: Ethernet) */
struct sk_buff *iopkt_m_to_skb_at(struct mbuf *m, int how, int l3off)
{
	struct mbuf_csum st = { };
	struct m_tag *tags = NULL;
	struct sk_buff *skb;

	if (!m)
		return NULL;
	if (m->m_flags & M_PKTHDR) {
		tags = m->m_pkthdr.tags;
		m->m_pkthdr.tags = NULL;
		st.flags = m->m_pkthdr.csum_flags;
		st.data = m->m_pkthdr.csum_data;
		st.segsz = m->m_pkthdr.segsz;
	}
	skb = m_to_skb(m, how);
	if (skb && mbuf_csum_to_skb(skb, &st, l3off)) {
		kfree_skb(skb);
		skb = NULL;
	}
	if (skb)
		iopkt_mtag_skb_give(skb, tags);
	else
		m_tag_free_chain(tags);
	return skb;
}

/**
 * iopkt_m_to_skb() - turn an mbuf chain into an sk_buff
 * @m: the chain (an Ethernet frame if it carries offload state), consumed
 * @how: M_DONTWAIT or M_WAITOK (for the copy case)
 *
 * Without a copy for a single unshared cluster or skb-backed mbuf and for
 * an unchanged chain made of an skb with page frags (that skb comes
 * back), otherwise by copying into a linear skb (see the top of
 * mbuf_skb.c). The skb's data is the
 * mbuf chain's data; dev and protocol are the caller's. The checksum and
 * TSO state becomes ip_summed, csum_start/csum_offset and the gso fields
 * (a transmit request CHECKSUM_PARTIAL, verified receive state
 * CHECKSUM_UNNECESSARY: mbuf_csum.c), with the network and transport
 * headers set when there is any. The packet's tags stay with the skb
 * while it has no socket (m_tag_skb.c); otherwise they are freed.
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: the sk_buff, or NULL (@m has then been freed).
 */
struct sk_buff *iopkt_m_to_skb(struct mbuf *m, int how)
{
	return iopkt_m_to_skb_at(m, how, -1);
}
EXPORT_SYMBOL_NS_GPL(iopkt_m_to_skb, IOPKT);
