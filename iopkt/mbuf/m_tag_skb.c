// SPDX-License-Identifier: GPL-2.0
/*
 * Packet tags across the sk_buff boundary.
 *
 * Linux 6.1 has no room in an sk_buff for a module's metadata (a new skb
 * extension needs a kernel change, skb->cb belongs to whichever layer holds
 * the skb). What iopkt can own is the skb's destructor while the skb has no
 * socket: iopkt_m_to_skb() of a tagged packet whose skb has neither a
 * socket nor a destructor keeps the tag chain in a table keyed by the skb
 * and sets skb->destructor to mtag_skb_destructor(). iopkt_skb_to_m() of
 * that skb takes the chain back to the new packet header mbuf.
 *
 * The destructor runs when the skb is freed or orphaned (skb_orphan(), as
 * Linux's IP and IPv6 input do in ip_rcv_core()/ip6_rcv_core(), a socket
 * taking the skb, a veth or loopback crossing): the tags are freed then.
 * A clone or copy of the skb (skb_clone(), skb_copy(), a packet socket's
 * copy) has no destructor, hence no tags. So the tags come back for
 * frames Linux handles at layer 2 and hands to an iopkt interface again
 * (the Linux bridge, tc mirred, a qdisc), and are dropped for what Linux
 * routes or delivers. Documentation/mbuf.md, "## Packet tags".
 *
 * Each tagged skb holds a reference on iopkt.ko so that the destructor
 * cannot outlive the module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <iopkt/mbuf.h>

#include "mbuf/mbuf_pool.h"

struct mtag_skb {
	struct hlist_node node;
	struct sk_buff *skb;
	struct m_tag *tags;
};

static DEFINE_HASHTABLE(mtag_skbs, 8);
static DEFINE_SPINLOCK(mtag_skbs_lock);

/* Free a chain that is on no packet. */
void m_tag_free_chain(struct m_tag *t)
{
	struct m_tag *n;

	for (; t; t = n) {
		n = t->m_tag_next;
		m_tag_free(t);
	}
}

/* Take @skb's entry out of the table; NULL if it has none. */
static struct mtag_skb *mtag_skb_unhash(struct sk_buff *skb)
{
	struct mtag_skb *e, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&mtag_skbs_lock, flags);
	hash_for_each_possible(mtag_skbs, e, node, (unsigned long)skb) {
		if (e->skb == skb) {
			hash_del(&e->node);
			found = e;
			break;
		}
	}
	spin_unlock_irqrestore(&mtag_skbs_lock, flags);
	return found;
}

/* The skb is freed or orphaned: it leaves iopkt, its tags go. */
static void mtag_skb_destructor(struct sk_buff *skb)
{
	struct mtag_skb *e = mtag_skb_unhash(skb);

	if (e) {
		m_tag_free_chain(e->tags);
		kfree(e);
	}
	module_put(THIS_MODULE);
}

/**
 * iopkt_mtag_skb_give() - let an skb carry a packet's tags
 * @skb: the skb a tagged packet became
 * @tags: the packet's tag chain (NULL: nothing to do); consumed
 *
 * Freed at once if @skb has a socket or a destructor, or memory is short.
 */
void iopkt_mtag_skb_give(struct sk_buff *skb, struct m_tag *tags)
{
	struct mtag_skb *e;
	unsigned long flags;

	if (!tags)
		return;
	if (skb->sk || skb->destructor) {
		m_tag_free_chain(tags);
		return;
	}
	e = kmalloc(sizeof(*e), GFP_ATOMIC | __GFP_NOWARN);
	if (!e) {
		m_tag_free_chain(tags);
		return;
	}
	e->skb = skb;
	e->tags = tags;
	__module_get(THIS_MODULE);
	spin_lock_irqsave(&mtag_skbs_lock, flags);
	hash_add(mtag_skbs, &e->node, (unsigned long)skb);
	spin_unlock_irqrestore(&mtag_skbs_lock, flags);
	skb->destructor = mtag_skb_destructor;
}

/**
 * iopkt_mtag_skb_take() - the tags an skb carries for iopkt
 * @skb: an skb coming into iopkt
 *
 * Return: the chain, now the caller's, or NULL; @skb no longer has
 * iopkt's destructor.
 */
struct m_tag *iopkt_mtag_skb_take(struct sk_buff *skb)
{
	struct m_tag *tags = NULL;
	struct mtag_skb *e;

	if (skb->destructor != mtag_skb_destructor)
		return NULL;
	e = mtag_skb_unhash(skb);
	skb->destructor = NULL;
	if (e) {
		tags = e->tags;
		kfree(e);
	}
	module_put(THIS_MODULE);
	return tags;
}
