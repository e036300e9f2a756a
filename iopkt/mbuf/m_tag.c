// SPDX-License-Identifier: GPL-2.0
/*
 * Packet tags, NetBSD's m_tag(9) (include/iopkt/m_tag.h).
 *
 * A packet's tags are a singly linked list from m_pkthdr.tags, newest
 * first. Nothing here locks: like the mbuf it hangs on, a tag chain belongs
 * to whoever holds the packet.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

#include <iopkt/mbuf.h>

#include "mbuf/mbuf_pool.h"

/**
 * m_tag_get() - allocate a tag
 * @type: its type (PACKET_TAG_*, or a module's own)
 * @len: bytes of data after the struct m_tag (0..M_TAG_MAXLEN); zeroed
 * @wait: M_WAITOK or M_NOWAIT
 *
 * Context: any with M_NOWAIT; process context with M_WAITOK.
 * Return: the tag, not on any packet yet, or NULL (bad @len, no memory).
 */
struct m_tag *m_tag_get(int type, int len, int wait)
{
	struct m_tag *t;

	if (len < 0 || len > M_TAG_MAXLEN || type < 0 || type > U16_MAX)
		return NULL;
	t = kzalloc(sizeof(*t) + len, mbuf_gfp(wait));
	if (!t)
		return NULL;
	t->m_tag_id = type;
	t->m_tag_len = len;
	return t;
}
EXPORT_SYMBOL_NS_GPL(m_tag_get, IOPKT);

/**
 * m_tag_free() - free a tag that is on no packet
 * @t: the tag (NULL: nothing)
 */
void m_tag_free(struct m_tag *t)
{
	kfree(t);
}
EXPORT_SYMBOL_NS_GPL(m_tag_free, IOPKT);

/**
 * m_tag_prepend() - put a tag at the head of a packet's tags
 * @m: a packet header mbuf
 * @t: a tag on no packet; the packet owns it from now on
 */
void m_tag_prepend(struct mbuf *m, struct m_tag *t)
{
	if (WARN_ON_ONCE(!(m->m_flags & M_PKTHDR))) {
		m_tag_free(t);
		return;
	}
	t->m_tag_next = m->m_pkthdr.tags;
	m->m_pkthdr.tags = t;
}
EXPORT_SYMBOL_NS_GPL(m_tag_prepend, IOPKT);

/**
 * m_tag_unlink() - take a tag off its packet without freeing it
 * @m: the packet
 * @t: one of its tags; the caller owns it afterwards
 */
void m_tag_unlink(struct mbuf *m, struct m_tag *t)
{
	struct m_tag **p;

	for (p = &m->m_pkthdr.tags; *p; p = &(*p)->m_tag_next) {
		if (*p == t) {
			*p = t->m_tag_next;
			t->m_tag_next = NULL;
			return;
		}
	}
	WARN_ONCE(1, "%s: tag %u is not on the packet\n", __func__,
		  t->m_tag_id);
}
EXPORT_SYMBOL_NS_GPL(m_tag_unlink, IOPKT);

/**
 * m_tag_delete() - take a tag off its packet and free it
 * @m: the packet
 * @t: one of its tags
 */
void m_tag_delete(struct mbuf *m, struct m_tag *t)
{
	m_tag_unlink(m, t);
	m_tag_free(t);
}
EXPORT_SYMBOL_NS_GPL(m_tag_delete, IOPKT);

/**
 * m_tag_delete_chain() - free tags of a packet
 * @m: the packet
 * @t: the first tag to free (it and every tag after it go), or NULL for
 *	all of them
 */
void m_tag_delete_chain(struct mbuf *m, struct m_tag *t)
{
	struct m_tag **p = &m->m_pkthdr.tags, *n;

	if (t) {
		while (*p && *p != t)
			p = &(*p)->m_tag_next;
		if (WARN_ON_ONCE(!*p))
			return;
	}
	t = *p;
	*p = NULL;
	for (; t; t = n) {
		n = t->m_tag_next;
		m_tag_free(t);
	}
}
EXPORT_SYMBOL_NS_GPL(m_tag_delete_chain, IOPKT);

/**
 * m_tag_find() - the next tag of a type
 * @m: the packet
 * @type: the type looked for
 * @start: look after this tag, or NULL to look from the first
 *
 * Return: the tag, or NULL.
 */
struct m_tag *m_tag_find(struct mbuf *m, int type, struct m_tag *start)
{
	struct m_tag *t = start ? start->m_tag_next : m->m_pkthdr.tags;

	for (; t; t = t->m_tag_next)
		if (t->m_tag_id == type)
			return t;
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(m_tag_find, IOPKT);

/**
 * m_tag_copy() - a copy of a tag, data included
 * @t: the tag
 * @wait: M_WAITOK or M_NOWAIT
 *
 * Return: the copy, on no packet, or NULL.
 */
struct m_tag *m_tag_copy(struct m_tag *t, int wait)
{
	struct m_tag *n = m_tag_get(t->m_tag_id, t->m_tag_len, wait);

	if (n)
		memcpy(n + 1, t + 1, t->m_tag_len);
	return n;
}
EXPORT_SYMBOL_NS_GPL(m_tag_copy, IOPKT);

/**
 * m_tag_copy_chain() - give a packet copies of another's tags
 * @to: a packet header mbuf; its own tags are freed first
 * @from: the packet whose tags are copied, in their order
 * @wait: M_WAITOK or M_NOWAIT
 *
 * Return: 1, or 0 if memory ran out (@to then has no tags), as NetBSD.
 */
int m_tag_copy_chain(struct mbuf *to, struct mbuf *from, int wait)
{
	struct m_tag *t, *n, **tail;

	m_tag_delete_chain(to, NULL);
	tail = &to->m_pkthdr.tags;
	for (t = from->m_pkthdr.tags; t; t = t->m_tag_next) {
		n = m_tag_copy(t, wait);
		if (!n) {
			m_tag_delete_chain(to, NULL);
			return 0;
		}
		*tail = n;
		tail = &n->m_tag_next;
	}
	return 1;
}
EXPORT_SYMBOL_NS_GPL(m_tag_copy_chain, IOPKT);

/**
 * m_tag_first() - the first tag of a packet
 * @m: the packet
 *
 * Return: the tag, or NULL.
 */
struct m_tag *m_tag_first(struct mbuf *m)
{
	return m->m_pkthdr.tags;
}
EXPORT_SYMBOL_NS_GPL(m_tag_first, IOPKT);

/**
 * m_tag_next() - the tag after another
 * @m: the packet
 * @t: one of its tags
 *
 * Return: the next tag, or NULL.
 */
struct m_tag *m_tag_next(struct mbuf *m, struct m_tag *t)
{
	return t->m_tag_next;
}
EXPORT_SYMBOL_NS_GPL(m_tag_next, IOPKT);
