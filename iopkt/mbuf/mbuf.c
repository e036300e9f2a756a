// SPDX-License-Identifier: GPL-2.0
/*
 * Operations on mbuf chains, with NetBSD's mbuf(9) semantics: external
 * storage (clusters, sk_buff data, MEXTADD buffers) is shared by reference
 * when copying, internal data is copied. Bad arguments give NULL or an
 * error, never a crash. Unlike NetBSD's m_copyback(), ours never writes into
 * storage another mbuf shares: such mbufs are replaced by private copies.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mbuf/mbuf_pool.h"

/**
 * m_length() - bytes of data in a chain
 * @m: the first mbuf (may be NULL)
 *
 * Return: the sum of m_len over the chain.
 */
int m_length(const struct mbuf *m)
{
	int len = 0;

	for (; m; m = m->m_next)
		len += m->m_len;
	return len;
}
EXPORT_SYMBOL_NS_GPL(m_length, IOPKT);

/* the packet header without the tags; @to's own tags are freed */
static void m_copy_pkthdr_notags(struct mbuf *to, const struct mbuf *from)
{
	if (to->m_flags & M_PKTHDR)
		m_tag_delete_chain(to, NULL);
	to->m_pkthdr = from->m_pkthdr;
	to->m_pkthdr.tags = NULL;
	to->m_flags = (from->m_flags & M_COPYFLAGS) |
		      (to->m_flags & (M_EXT | M_CLUSTER | M_EXT_RDONLY));
	if (!(to->m_flags & M_EXT))
		to->m_data = to->m_pktdat;
}

/* the packet header and copies of the tags; ENOMEM: @to has no tags */
static int m_dup_pkthdr(struct mbuf *to, struct mbuf *from, int how)
{
	m_copy_pkthdr_notags(to, from);
	return m_tag_copy_chain(to, from, how) ? 0 : ENOMEM;
}

/**
 * m_copy_pkthdr() - copy the packet header of @from to @to (M_COPY_PKTHDR)
 * @to: an mbuf holding no data yet; becomes a packet header mbuf
 * @from: a packet header mbuf
 *
 * @to gets copies of @from's tags (M_DONTWAIT; without them if memory is
 * short, as NetBSD's M_COPY_PKTHDR).
 */
void m_copy_pkthdr(struct mbuf *to, const struct mbuf *from)
{
	m_dup_pkthdr(to, (struct mbuf *)from, M_DONTWAIT);
}
EXPORT_SYMBOL_NS_GPL(m_copy_pkthdr, IOPKT);

/**
 * m_move_pkthdr() - move the packet header of @from to @to (M_MOVE_PKTHDR)
 * @to: an mbuf holding no data yet
 * @from: a packet header mbuf; loses M_PKTHDR and its tags (@to has
 *	them now), keeps its data
 */
void m_move_pkthdr(struct mbuf *to, struct mbuf *from)
{
	m_copy_pkthdr_notags(to, from);
	to->m_pkthdr.tags = from->m_pkthdr.tags;
	from->m_pkthdr.tags = NULL;
	from->m_flags &= ~M_PKTHDR;
}
EXPORT_SYMBOL_NS_GPL(m_move_pkthdr, IOPKT);

/* @n takes a reference on @m's external storage */
void mbuf_ext_share(struct mbuf *n, const struct mbuf *m)
{
	n->m_ext = m->m_ext;
	n->m_flags |= M_EXT | (m->m_flags & (M_CLUSTER | M_EXT_RDONLY));
	atomic_inc(&m->m_ext.ext_ref->m_ext.ext_refcnt);
}

/**
 * m_copym() - copy part of a chain, sharing external storage
 * @m: the chain
 * @off: offset of the first byte to copy
 * @len: bytes to copy, or M_COPYALL for everything from @off
 * @how: M_DONTWAIT or M_WAITOK
 *
 * Internal data is copied; clusters and other external storage are shared
 * (their reference count is raised) and become read-only for both chains.
 * If @off is 0 and @m has a packet header, the copy gets one too, with the
 * copied length.
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: the new chain, or NULL (bad range or no memory).
 */
struct mbuf *m_copym(struct mbuf *m, int off, int len, int how)
{
	bool copyhdr = off == 0 && m && (m->m_flags & M_PKTHDR);
	struct mbuf *m0 = m, *top = NULL, **np = &top, *n;
	int off0 = off;

	if (off < 0 || len < 0)
		return NULL;
	while (m && off > 0 && off >= m->m_len) {
		off -= m->m_len;
		m = m->m_next;
	}
	while (len > 0) {
		if (!m) {
			if (len != M_COPYALL)
				goto fail;
			break;
		}
		n = copyhdr ? m_gethdr(how, m->m_type) : m_get(how, m->m_type);
		if (!n)
			goto fail;
		*np = n;
		np = &n->m_next;
		if (copyhdr) {
			if (m_dup_pkthdr(n, m0, how))
				goto fail;
			n->m_pkthdr.len = len == M_COPYALL ?
					  m0->m_pkthdr.len - off0 : len;
			copyhdr = false;
		}
		n->m_len = min(len, m->m_len - off);
		if (m->m_flags & M_EXT) {
			mbuf_ext_share(n, m);
			n->m_data = m->m_data + off;
		} else {
			memcpy(n->m_data, m->m_data + off, n->m_len);
		}
		if (len != M_COPYALL)
			len -= n->m_len;
		off = 0;
		m = m->m_next;
	}
	return top;
fail:
	m_freem(top);
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(m_copym, IOPKT);

/**
 * m_copypacket() - copy a whole packet, sharing external storage
 * @m: a packet header mbuf chain
 * @how: M_DONTWAIT or M_WAITOK
 *
 * Context: as m_copym().
 * Return: the copy or NULL.
 */
struct mbuf *m_copypacket(struct mbuf *m, int how)
{
	return m_copym(m, 0, M_COPYALL, how);
}
EXPORT_SYMBOL_NS_GPL(m_copypacket, IOPKT);

/**
 * m_copydata() - copy bytes out of a chain
 * @m: the chain
 * @off: offset of the first byte
 * @len: bytes to copy
 * @cp: destination, @len bytes
 *
 * Context: any.
 * Return: 0, or -EINVAL if the chain holds fewer than @off + @len bytes
 * (then only the bytes it holds were copied).
 */
int m_copydata(const struct mbuf *m, int off, int len, void *cp)
{
	char *dst = cp;

	if (off < 0 || len < 0)
		return -EINVAL;
	while (m && off >= m->m_len) {
		off -= m->m_len;
		m = m->m_next;
	}
	while (len > 0 && m) {
		int n = min(len, m->m_len - off);

		memcpy(dst, m->m_data + off, n);
		dst += n;
		len -= n;
		off = 0;
		m = m->m_next;
	}
	return len ? -EINVAL : 0;
}
EXPORT_SYMBOL_NS_GPL(m_copydata, IOPKT);

/* set the chain's data length to @keep bytes, from the tail */
static void m_truncate(struct mbuf *m, int keep)
{
	for (; m; m = m->m_next) {
		if (m->m_len > keep)
			m->m_len = keep;
		keep -= m->m_len;
	}
}

/* a fresh mbuf with writable storage for @len bytes (at most MCLBYTES) */
static struct mbuf *m_get_space(int how, int type, int len)
{
	if (len > MLEN)
		return m_getcl(how, type, 0);
	return m_get(how, type);
}

/*
 * Append @len zero bytes to the chain @m0: in the trailing space of the
 * last mbuf, then in new mbufs. On failure nothing is appended.
 */
static int m_extend(struct mbuf *m0, int len, int how)
{
	struct mbuf *last = m0, *n;
	int old_len, room;

	while (last->m_next)
		last = last->m_next;
	old_len = last->m_len;
	room = min(len, M_TRAILINGSPACE(last));
	memset(last->m_data + last->m_len, 0, room);
	last->m_len += room;
	len -= room;
	for (n = last; len > 0; n = n->m_next) {
		n->m_next = m_get_space(how, m0->m_type, len);
		if (!n->m_next)
			goto fail;
		room = min(len, M_TRAILINGSPACE(n->m_next));
		memset(n->m_next->m_data, 0, room);
		n->m_next->m_len = room;
		len -= room;
	}
	return 0;
fail:
	m_freem(last->m_next);
	last->m_next = NULL;
	last->m_len = old_len;
	return -ENOMEM;
}

/* a writable private copy of @m's data (not linked, no packet header) */
static struct mbuf *m_private_copy(const struct mbuf *m, int how)
{
	int len = m->m_len;
	struct mbuf *n;
	void *buf;

	if (len <= MCLBYTES) {
		n = m_get_space(how, m->m_type, len);
	} else {
		n = m_get(how, m->m_type);
		buf = n ? kmalloc(len, mbuf_gfp(how)) : NULL;
		if (n && !buf) {
			m_free(n);
			n = NULL;
		} else if (n) {
			m_extadd(n, buf, len, NULL, NULL);
		}
	}
	if (!n)
		return NULL;
	memcpy(n->m_data, m->m_data, len);
	n->m_len = len;
	return n;
}

/*
 * Replace the read-only mbufs holding bytes [@off, @off + @len) by private
 * copies. The first mbuf stays (the caller holds it): it keeps its packet
 * header, gives its data to a copy linked after it and is left empty.
 */
static int m_unshare_range(struct mbuf *m0, int off, int len, int how)
{
	struct mbuf *m = m0, *prev = NULL, *n;

	while (m && len > 0) {
		if (off >= m->m_len) {
			off -= m->m_len;
			goto next;
		}
		if (M_READONLY(m)) {
			n = m_private_copy(m, how);
			if (!n)
				return -ENOMEM;
			n->m_next = m->m_next;
			m->m_next = NULL;
			if (prev) {
				prev->m_next = n;
				m_free(m);
			} else {
				m->m_len = 0;
				m->m_next = n;
			}
			m = n;
		}
		len -= m->m_len - off;
		off = 0;
next:
		prev = m;
		m = m->m_next;
	}
	return 0;
}

/**
 * m_makewritable() - make every mbuf of a chain writable
 * @m: the chain
 * @how: M_DONTWAIT or M_WAITOK
 *
 * mbufs sharing their storage (after m_copym()) or holding read-only
 * storage are given private copies; @m itself stays the first mbuf.
 *
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: 0 or -ENOMEM (the chain is then partly converted, data intact).
 */
int m_makewritable(struct mbuf *m, int how)
{
	return m_unshare_range(m, 0, m_length(m), how);
}
EXPORT_SYMBOL_NS_GPL(m_makewritable, IOPKT);

/**
 * m_copyback() - copy bytes into a chain, extending it if needed
 * @m0: the chain
 * @off: offset in the chain of the first byte to write
 * @len: bytes to write
 * @cp: source, @len bytes
 *
 * Writing past the end extends the chain with new mbufs (a gap between the
 * end and @off is zero-filled) and raises m_pkthdr.len. Storage shared with
 * other mbufs is never written: those mbufs are replaced by private copies
 * first (NetBSD's m_copyback_cow behaviour). Allocations use M_DONTWAIT.
 *
 * Context: any.
 * Return: 0, -EINVAL for a bad argument, -ENOMEM (the chain is then
 * unchanged).
 */
int m_copyback(struct mbuf *m0, int off, int len, const void *cp)
{
	int total, end = off + len;
	const char *src = cp;
	struct mbuf *m;

	if (!m0 || off < 0 || len < 0 || end < off)
		return -EINVAL;
	total = m_length(m0);
	if (end > total && m_extend(m0, end - total, M_DONTWAIT))
		return -ENOMEM;
	if (m_unshare_range(m0, off, len, M_DONTWAIT)) {
		m_truncate(m0, total);
		return -ENOMEM;
	}
	for (m = m0; m && len > 0; m = m->m_next) {
		int n;

		if (off >= m->m_len) {
			off -= m->m_len;
			continue;
		}
		n = min(len, m->m_len - off);
		memcpy(m->m_data + off, src, n);
		src += n;
		len -= n;
		off = 0;
	}
	if ((m0->m_flags & M_PKTHDR) && m0->m_pkthdr.len < end)
		m0->m_pkthdr.len = end;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(m_copyback, IOPKT);

/**
 * m_dup() - copy part of a chain, data included
 * @m: the chain
 * @off: offset of the first byte
 * @len: bytes to copy, or M_COPYALL
 * @how: M_DONTWAIT or M_WAITOK
 *
 * Unlike m_copym(), nothing is shared: the copy is writable.
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: the copy or NULL.
 */
struct mbuf *m_dup(struct mbuf *m, int off, int len, int how)
{
	int total = m_length(m), pos = 0;
	struct mbuf *n, *d;

	if (!m || off < 0 || off > total)
		return NULL;
	if (len == M_COPYALL)
		len = total - off;
	if (len < 0 || len > total - off)
		return NULL;
	if (off == 0 && (m->m_flags & M_PKTHDR)) {
		n = m_gethdr(how, m->m_type);
		if (n && m_dup_pkthdr(n, m, how)) {
			m_free(n);
			return NULL;
		}
		if (n)
			n->m_pkthdr.len = len;
	} else {
		n = m_get(how, m->m_type);
	}
	if (!n)
		return NULL;
	if (len && m_extend(n, len, how)) {
		m_freem(n);
		return NULL;
	}
	for (d = n; d; d = d->m_next) {
		m_copydata(m, off + pos, d->m_len, d->m_data);
		pos += d->m_len;
	}
	return n;
}
EXPORT_SYMBOL_NS_GPL(m_dup, IOPKT);

/* the mbuf that will hold the first @len bytes of @m after m_pullup() */
static struct mbuf *m_pullup_head(struct mbuf *m, int len)
{
	int cap = (m->m_flags & M_PKTHDR) ? MHLEN : MLEN;
	struct mbuf *n;

	if (M_WRITABLE(m) && M_BUFADDR(m) + M_BUFSIZE(m) - m->m_data >= len)
		return m;
	if (len > MCLBYTES)
		return NULL;
	n = (m->m_flags & M_PKTHDR) ? m_gethdr(M_DONTWAIT, m->m_type) :
				      m_get(M_DONTWAIT, m->m_type);
	if (n && len > cap && m_clget(n, M_DONTWAIT)) {
		m_free(n);
		return NULL;
	}
	if (!n)
		return NULL;
	if (m->m_flags & M_PKTHDR)
		m_move_pkthdr(n, m);
	n->m_next = m;
	return n;
}

/**
 * m_pullup() - make the first bytes of a chain contiguous
 * @m: the chain
 * @len: bytes wanted in the first mbuf (at most MCLBYTES)
 *
 * Afterwards mtod(m, ...) gives @len contiguous bytes. The first mbuf may
 * be replaced (the packet header moves with it). Uses M_DONTWAIT.
 *
 * Context: any.
 * Return: the chain, or NULL if it holds fewer than @len bytes or memory is
 * short: the chain has then been freed.
 */
struct mbuf *m_pullup(struct mbuf *m, int len)
{
	struct mbuf *n, *src;

	if (!m)
		return NULL;
	if (m->m_len >= len)
		return m;
	if (len < 0 || m_length(m) < len)
		goto bad;
	n = m_pullup_head(m, len);
	if (!n)
		goto bad;
	while (n->m_len < len) {
		int cnt;

		src = n->m_next;
		cnt = min(len - n->m_len, src->m_len);
		memmove(n->m_data + n->m_len, src->m_data, cnt);
		n->m_len += cnt;
		src->m_data += cnt;
		src->m_len -= cnt;
		if (!src->m_len)
			n->m_next = m_free(src);
	}
	return n;
bad:
	m_freem(m);
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(m_pullup, IOPKT);

/**
 * m_adj() - trim data from the head or the tail of a chain
 * @mp: the chain
 * @req_len: bytes to trim: from the head if positive, from the tail if
 *	negative
 *
 * mbufs emptied stay in the chain with m_len 0. m_pkthdr.len follows.
 * Trimming more than the chain holds empties it.
 * Context: any.
 */
void m_adj(struct mbuf *mp, int req_len)
{
	struct mbuf *m = mp;
	int len, total;

	if (!mp)
		return;
	if (req_len >= 0) {
		len = req_len;
		for (; m && len > 0; m = m->m_next) {
			int cut = min(len, m->m_len);

			m->m_len -= cut;
			m->m_data += cut;
			len -= cut;
		}
		if (mp->m_flags & M_PKTHDR)
			mp->m_pkthdr.len -= req_len - len;
		return;
	}
	total = m_length(mp);
	len = req_len == INT_MIN ? total : min(-req_len, total);
	m_truncate(mp, total - len);
	if (mp->m_flags & M_PKTHDR)
		mp->m_pkthdr.len = total - len;
}
EXPORT_SYMBOL_NS_GPL(m_adj, IOPKT);

/**
 * m_prepend() - put a new mbuf in front of a chain
 * @m: the chain
 * @len: bytes of data to reserve at the end of the new mbuf (MCLBYTES at
 *	most; a cluster is used above MHLEN/MLEN)
 * @how: M_DONTWAIT or M_WAITOK
 *
 * The packet header moves to the new mbuf; m_pkthdr.len is not changed
 * (M_PREPEND() does that).
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: the new chain, or NULL (the chain has then been freed).
 */
struct mbuf *m_prepend(struct mbuf *m, int len, int how)
{
	bool hdr = m->m_flags & M_PKTHDR;
	int cap = hdr ? MHLEN : MLEN;
	struct mbuf *mn;

	if (len < 0 || len > MCLBYTES)
		goto bad;
	mn = hdr ? m_gethdr(how, m->m_type) : m_get(how, m->m_type);
	if (!mn)
		goto bad;
	if (len > cap) {
		if (m_clget(mn, how)) {
			m_free(mn);
			goto bad;
		}
		cap = MCLBYTES;
	}
	if (hdr)
		m_move_pkthdr(mn, m);
	mn->m_next = m;
	mn->m_data = M_BUFADDR(mn) + ((cap - len) & ~(sizeof(long) - 1));
	mn->m_len = len;
	return mn;
bad:
	m_freem(m);
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(m_prepend, IOPKT);

/**
 * m_cat() - append chain @n to chain @m
 * @m: the chain to extend
 * @n: the chain appended (consumed)
 *
 * Data of @n is copied into @m's last mbuf while it fits there, the rest
 * is linked. m_pkthdr.len of @m is not updated.
 * Context: any.
 */
void m_cat(struct mbuf *m, struct mbuf *n)
{
	while (m->m_next)
		m = m->m_next;
	while (n) {
		if (M_READONLY(m) || n->m_len > M_TRAILINGSPACE(m)) {
			n->m_flags &= ~M_PKTHDR;
			m->m_next = n;
			return;
		}
		memcpy(m->m_data + m->m_len, n->m_data, n->m_len);
		m->m_len += n->m_len;
		n = m_free(n);
	}
}
EXPORT_SYMBOL_NS_GPL(m_cat, IOPKT);

/* the first mbuf of the tail of m_split(): @remain bytes of @m from @len */
static struct mbuf *m_split_tail(struct mbuf *m0, struct mbuf *m, int len,
				 int how)
{
	int remain = m->m_len - len;
	struct mbuf *n;

	if (m0->m_flags & M_PKTHDR) {
		n = m_gethdr(how, m0->m_type);
		if (n)	/* the tail is a new packet: no tags (NetBSD) */
			m_copy_pkthdr_notags(n, m0);
	} else {
		n = m_get(how, m->m_type);
	}
	if (!n || !remain)
		return n;
	if (m->m_flags & M_EXT) {
		mbuf_ext_share(n, m);
		n->m_data = m->m_data + len;
	} else {
		if (remain > M_BUFSIZE(n) && m_clget(n, how)) {
			m_free(n);
			return NULL;
		}
		memcpy(n->m_data, m->m_data + len, remain);
	}
	n->m_len = remain;
	return n;
}

/**
 * m_split() - split a chain in two
 * @m0: the chain; keeps the first @len0 bytes
 * @len0: where to split
 * @how: M_DONTWAIT or M_WAITOK
 *
 * External storage at the split point is shared by both parts. With a
 * packet header, both parts get one, with their lengths.
 * Context: any with M_DONTWAIT; process context with M_WAITOK.
 * Return: the tail (from byte @len0; an empty mbuf when @len0 is the
 * length), or NULL with @m0 unchanged (bad @len0 or no memory).
 */
struct mbuf *m_split(struct mbuf *m0, int len0, int how)
{
	struct mbuf *m = m0, *n;
	int len = len0;

	if (!m0 || len0 < 0)
		return NULL;
	while (m && len > m->m_len) {
		len -= m->m_len;
		m = m->m_next;
	}
	if (!m)
		return NULL;
	n = m_split_tail(m0, m, len, how);
	if (!n)
		return NULL;
	n->m_next = m->m_next;
	m->m_next = NULL;
	m->m_len = len;
	if (m0->m_flags & M_PKTHDR) {
		n->m_pkthdr.len = m0->m_pkthdr.len - len0;
		m0->m_pkthdr.len = len0;
	}
	return n;
}
EXPORT_SYMBOL_NS_GPL(m_split, IOPKT);
