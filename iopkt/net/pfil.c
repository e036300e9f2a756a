// SPDX-License-Identifier: GPL-2.0
/*
 * pfil: packet filter hook lists.
 *
 * Packet hooks (PFIL_IN, PFIL_OUT) are RCU lists: the data path walks them
 * without a lock. As on NetBSD, input hooks run in the reverse order of
 * their addition and output hooks in the order of addition, so a packet
 * crosses the modules in mirror order on its way in and out.
 *
 * Event hooks (PFIL_IFNET, PFIL_IFADDR) run in the stack context and may
 * remove themselves, or other hooks, from inside the call (the guide's
 * example unloads its filter when the interface detaches): the list is
 * copied before the calls and removal waits for calls in flight, except
 * from within them.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/wait.h>

#include <iopkt/if.h>
#include <iopkt/if_ether.h>
#include <iopkt/pfil.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

struct pfil_hook {
	struct list_head link;
	pfil_func_t func;
	void *arg;
	struct rcu_head rcu;
};

static DEFINE_MUTEX(pfil_lock);
static DECLARE_WAIT_QUEUE_HEAD(pfil_event_wq);
/* Threads inside event hooks: struct pfil_dispatch, under pfil_disp_lock. */
static LIST_HEAD(pfil_dispatching);
static DEFINE_SPINLOCK(pfil_disp_lock);

struct pfil_dispatch {
	struct list_head node;
	struct task_struct *task;
};

/* Is a thread other than the caller inside an event hook? */
static bool pfil_others_dispatching(void)
{
	struct pfil_dispatch *d;
	bool busy = false;

	spin_lock(&pfil_disp_lock);
	list_for_each_entry(d, &pfil_dispatching, node)
		busy |= d->task != current;
	spin_unlock(&pfil_disp_lock);
	return busy;
}

void iopkt_pfil_head_init(struct pfil_head *ph, int type, unsigned long dlt)
{
	INIT_LIST_HEAD(&ph->ph_in);
	INIT_LIST_HEAD(&ph->ph_out);
	INIT_LIST_HEAD(&ph->ph_ifaddr);
	INIT_LIST_HEAD(&ph->ph_ifnet);
	ph->ph_type = type;
	ph->ph_dlt = dlt;
	ph->ph_ready = true;
}

static void pfil_free_list(struct list_head *l)
{
	struct pfil_hook *h, *tmp;

	list_for_each_entry_safe(h, tmp, l, link) {
		list_del_rcu(&h->link);
		kfree_rcu(h, rcu);
	}
}

void iopkt_pfil_head_destroy(struct pfil_head *ph)
{
	if (!ph->ph_ready)
		return;
	mutex_lock(&pfil_lock);
	if (!list_empty(&ph->ph_in) || !list_empty(&ph->ph_out) ||
	    !list_empty(&ph->ph_ifaddr) || !list_empty(&ph->ph_ifnet))
		pr_warn("pfil head (type %d) destroyed with hooks on it\n",
			ph->ph_type);
	pfil_free_list(&ph->ph_in);
	pfil_free_list(&ph->ph_out);
	pfil_free_list(&ph->ph_ifaddr);
	pfil_free_list(&ph->ph_ifnet);
	ph->ph_ready = false;
	mutex_unlock(&pfil_lock);
}

/**
 * iopkt_pfil_head_get() - a pfil head of a given instance
 * @stk: the instance
 * @type: PFIL_TYPE_AF or PFIL_TYPE_IFNET
 * @dlt: AF_INET or AF_INET6 for PFIL_TYPE_AF; 0 (the instance's head) or
 *	a struct ifnet pointer for PFIL_TYPE_IFNET
 *
 * Return: the head, or NULL if there is none for @type/@dlt.
 */
struct pfil_head *iopkt_pfil_head_get(struct _iopkt_self *stk, int type,
				      unsigned long dlt)
{
	struct iopkt_netstate *ns = stk ? iopkt_ns(stk) : NULL;
	struct ifnet *ifp;

	if (!ns)
		return NULL;
	switch (type) {
	case PFIL_TYPE_AF:
		if (dlt == AF_INET)
			return &ns->pfil_inet;
		if (dlt == AF_INET6 && ns->variant != IOPKT_VARIANT_V4)
			return &ns->pfil_inet6;
		return NULL;
	case PFIL_TYPE_IFNET:
		if (!dlt)
			return &ns->pfil_ifnet;
		ifp = (struct ifnet *)dlt;
		if (ifp->if_priv && ifp->if_priv->stk == stk)
			return &ifp->if_pfil;
		return NULL;
	default:
		return NULL;
	}
}
EXPORT_SYMBOL_NS_GPL(iopkt_pfil_head_get, IOPKT);

/**
 * pfil_head_get() - a pfil head of the current instance
 * @type: PFIL_TYPE_AF or PFIL_TYPE_IFNET
 * @dlt: AF_INET / AF_INET6, or 0 / an ifnet (see iopkt_pfil_head_get())
 *
 * The current instance is the one being mounted into (in an lsm entry) or
 * whose thread calls; instance 0 otherwise. io-pkt-v4 has no AF_INET6
 * head.
 *
 * Return: the head, or NULL.
 */
struct pfil_head *pfil_head_get(int type, unsigned long dlt)
{
	return iopkt_pfil_head_get(iopkt_current_stack(), type, dlt);
}
EXPORT_SYMBOL_NS_GPL(pfil_head_get, IOPKT);

/*
 * AF heads take packet hooks; the instance's interface head event hooks;
 * an interface's own head both.
 */
static int pfil_check(int flags, struct pfil_head *ph)
{
	int want = flags & (PFIL_ALL | PFIL_IFADDR | PFIL_IFNET);

	if (!ph || !ph->ph_ready || !want)
		return EINVAL;
	if (ph->ph_type == PFIL_TYPE_AF && (want & ~PFIL_ALL))
		return EINVAL;
	if (ph->ph_type == PFIL_TYPE_IFNET && !ph->ph_dlt && (want & PFIL_ALL))
		return EINVAL;
	return 0;
}

static struct pfil_hook *pfil_find(struct list_head *l, pfil_func_t func,
				   void *arg)
{
	struct pfil_hook *h;

	list_for_each_entry(h, l, link)
		if (h->func == func && h->arg == arg)
			return h;
	return NULL;
}

static int pfil_list_add(struct list_head *l, pfil_func_t func, void *arg,
			 bool head, gfp_t gfp)
{
	struct pfil_hook *h;

	if (pfil_find(l, func, arg))
		return EEXIST;
	h = kzalloc(sizeof(*h), gfp);
	if (!h)
		return ENOMEM;
	h->func = func;
	h->arg = arg;
	if (head)
		list_add_rcu(&h->link, l);
	else
		list_add_tail_rcu(&h->link, l);
	return 0;
}

static void pfil_list_del(struct list_head *l, pfil_func_t func, void *arg)
{
	struct pfil_hook *h = pfil_find(l, func, arg);

	if (h) {
		list_del_rcu(&h->link);
		kfree_rcu(h, rcu);
	}
}

/**
 * pfil_add_hook() - add a hook to a head
 * @func: the hook
 * @arg: passed to @func
 * @flags: PFIL_IN, PFIL_OUT, PFIL_ALL (AF heads), PFIL_IFADDR, PFIL_IFNET
 *	(interface heads), optionally PFIL_WAITOK (may sleep for memory)
 * @ph: from pfil_head_get()
 *
 * Return: 0, EEXIST (@func/@arg already on a list asked for; nothing is
 * added), EINVAL (flags that do not fit the head), ENOMEM.
 */
int pfil_add_hook(pfil_func_t func, void *arg, int flags,
		  struct pfil_head *ph)
{
	gfp_t gfp = (flags & PFIL_WAITOK) ? GFP_KERNEL : GFP_ATOMIC;
	int err;

	err = pfil_check(flags, ph);
	if (err || !func)
		return err ? err : EINVAL;
	mutex_lock(&pfil_lock);
	if (((flags & PFIL_IN) && pfil_find(&ph->ph_in, func, arg)) ||
	    ((flags & PFIL_OUT) && pfil_find(&ph->ph_out, func, arg)) ||
	    ((flags & PFIL_IFADDR) && pfil_find(&ph->ph_ifaddr, func, arg)) ||
	    ((flags & PFIL_IFNET) && pfil_find(&ph->ph_ifnet, func, arg))) {
		err = EEXIST;
		goto out;
	}
	if (flags & PFIL_IN)
		err = pfil_list_add(&ph->ph_in, func, arg, true, gfp);
	if (!err && (flags & PFIL_OUT))
		err = pfil_list_add(&ph->ph_out, func, arg, false, gfp);
	if (!err && (flags & PFIL_IFADDR))
		err = pfil_list_add(&ph->ph_ifaddr, func, arg, false, gfp);
	if (!err && (flags & PFIL_IFNET))
		err = pfil_list_add(&ph->ph_ifnet, func, arg, false, gfp);
	if (err) {
		/* undo the lists already done */
		pfil_list_del(&ph->ph_in, func, arg);
		pfil_list_del(&ph->ph_out, func, arg);
		pfil_list_del(&ph->ph_ifaddr, func, arg);
		pfil_list_del(&ph->ph_ifnet, func, arg);
	}
out:
	mutex_unlock(&pfil_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(pfil_add_hook, IOPKT);

/**
 * pfil_remove_hook() - take a hook off a head
 * @func: the hook
 * @arg: as given to pfil_add_hook()
 * @flags: the lists to take it off, as for pfil_add_hook()
 * @ph: the head
 *
 * When this returns no CPU runs @func any more from the lists named (for
 * packet hooks it waits for an RCU grace period; event hooks are waited
 * for except when called from inside an event hook), so the module may
 * free @arg and go. PFIL_WAITOK is accepted and changes nothing. Called
 * in the stack context (outside a callout callback), it gives the context
 * up while it waits, as ltsleep() does, and has it again when it returns.
 *
 * Context: process (it sleeps); never from a packet hook.
 *
 * Return: 0, ENOENT (not on any list named), EINVAL.
 */
int pfil_remove_hook(pfil_func_t func, void *arg, int flags,
		     struct pfil_head *ph)
{
	struct iopkt_stk_held held;
	bool found = false;
	int err;

	err = pfil_check(flags, ph);
	if (err)
		return err;
	mutex_lock(&pfil_lock);
	if ((flags & PFIL_IN) && pfil_find(&ph->ph_in, func, arg))
		found = true;
	if ((flags & PFIL_OUT) && pfil_find(&ph->ph_out, func, arg))
		found = true;
	if ((flags & PFIL_IFADDR) && pfil_find(&ph->ph_ifaddr, func, arg))
		found = true;
	if ((flags & PFIL_IFNET) && pfil_find(&ph->ph_ifnet, func, arg))
		found = true;
	if (flags & PFIL_IN)
		pfil_list_del(&ph->ph_in, func, arg);
	if (flags & PFIL_OUT)
		pfil_list_del(&ph->ph_out, func, arg);
	if (flags & PFIL_IFADDR)
		pfil_list_del(&ph->ph_ifaddr, func, arg);
	if (flags & PFIL_IFNET)
		pfil_list_del(&ph->ph_ifnet, func, arg);
	mutex_unlock(&pfil_lock);
	if (!found)
		return ENOENT;
	/* the waits need no stack context: give it up meanwhile */
	iopkt_stk_leave_for_wait(&held);
	if (flags & PFIL_ALL)
		synchronize_rcu();
	if (flags & (PFIL_IFADDR | PFIL_IFNET))
		wait_event(pfil_event_wq, !pfil_others_dispatching());
	iopkt_stk_back(&held);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(pfil_remove_hook, IOPKT);

bool iopkt_pfil_has_hooks(struct pfil_head *ph, int dir)
{
	return !list_empty(dir == PFIL_IN ? &ph->ph_in : &ph->ph_out);
}

/**
 * pfil_run_hooks() - run the packet hooks of a head
 * @ph: the head
 * @mp: the packet; hooks may replace it (or set it to NULL: consumed)
 * @ifp: the interface
 * @dir: PFIL_IN or PFIL_OUT
 *
 * Stops at the first hook that returns nonzero or consumes the packet.
 * Any context; the hooks run under rcu_read_lock() and must not sleep
 * (Documentation/hooks.md, "## pfil hooks: what a module may assume").
 *
 * Return: 0 to go on, or the nonzero value of the hook that stopped it
 * (the caller frees *mp if it is still set).
 */
int pfil_run_hooks(struct pfil_head *ph, struct mbuf **mp, struct ifnet *ifp,
		   int dir)
{
	struct list_head *l = dir == PFIL_IN ? &ph->ph_in : &ph->ph_out;
	struct pfil_hook *h;
	int rv = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(h, l, link) {
		rv = h->func(h->arg, mp, ifp, dir);
		if (rv || !*mp)
			break;
	}
	rcu_read_unlock();
	return rv;
}
EXPORT_SYMBOL_NS_GPL(pfil_run_hooks, IOPKT);

/* The EtherType of an Ethernet frame, 0 if it is too short. */
static u16 pfil_ether_type(struct mbuf *m)
{
	__be16 t;

	if (m->m_pkthdr.len < ETHER_HDR_LEN || m_copydata(m, 12, 2, &t))
		return 0;
	return ntohs(t);
}

/* An interface's own packet hooks; nonzero if the packet is gone. */
static int pfil_if_hooks(struct mbuf **mp, struct ifnet *ifp, int dir)
{
	struct pfil_head *ph = &ifp->if_pfil;
	int rv;

	if (!ph->ph_ready || !iopkt_pfil_has_hooks(ph, dir))
		return 0;
	rv = pfil_run_hooks(ph, mp, ifp, dir);
	if (!rv && *mp)
		return 0;
	m_freem(*mp);
	*mp = NULL;
	return rv ? rv : EACCES;
}

/**
 * iopkt_pfil_packet() - every pfil packet hook a packet meets
 * @stk: the instance
 * @mp: the packet; NULL on return if it is gone
 * @ifp: the interface it came in on or goes out of
 * @dir: PFIL_IN or PFIL_OUT
 * @type: its EtherType (the AF hooks see ETH_P_IP and ETH_P_IPV6 only)
 * @hlen: link header bytes the AF hooks do not see (ETHER_HDR_LEN or 0)
 *
 * In: the interface's own hooks (whole frame), then the AF hooks. Out:
 * the AF hooks, then the interface's own: a packet crosses them in mirror
 * order. The interface hooks see the frame as on the wire, link header
 * included.
 *
 * Return: nonzero if the packet is gone (the hook's value, or EACCES for
 * a packet a hook took); *mp is then NULL.
 */
int iopkt_pfil_packet(struct _iopkt_self *stk, struct mbuf **mp,
		      struct ifnet *ifp, int dir, u16 type, int hlen)
{
	int rv;

	if (dir == PFIL_IN) {
		rv = pfil_if_hooks(mp, ifp, dir);
		if (rv)
			return rv;
		/* a hook may have replaced the frame */
		if (hlen)
			type = pfil_ether_type(*mp);
	}
	rv = iopkt_af_pfil(stk, mp, ifp, dir, type, hlen);
	if (rv || dir == PFIL_IN)
		return rv;
	return pfil_if_hooks(mp, ifp, dir);
}

/**
 * iopkt_pfil_if_out() - the pfil OUT hooks for a frame a module sends
 * @ifp: the interface
 * @mp: the frame (Ethernet header first, or an IP packet for interfaces
 *	without a link layer); NULL on return if it is gone
 *
 * Return: as iopkt_pfil_packet().
 */
int iopkt_pfil_if_out(struct ifnet *ifp, struct mbuf **mp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	if (!ip->ether)
		return iopkt_pfil_packet(ip->stk, mp, ifp, PFIL_OUT,
					 iopkt_l3_type(*mp), 0);
	return iopkt_pfil_packet(ip->stk, mp, ifp, PFIL_OUT,
				 pfil_ether_type(*mp), ETHER_HDR_LEN);
}

struct pfil_call {
	pfil_func_t func;
	void *arg;
};

static void pfil_event_list(struct list_head *l, struct ifnet *ifp,
			    int which, unsigned long arg)
{
	struct pfil_dispatch me = { .task = current };
	struct pfil_call *calls;
	struct pfil_hook *h;
	int n = 0, i;

	mutex_lock(&pfil_lock);
	list_for_each_entry(h, l, link)
		n++;
	if (!n) {
		mutex_unlock(&pfil_lock);
		return;
	}
	calls = kcalloc(n, sizeof(*calls), GFP_KERNEL);
	if (!calls) {
		mutex_unlock(&pfil_lock);
		pr_err("pfil: no memory to tell %d hooks of %s\n", n,
		       ifp->if_xname);
		return;
	}
	i = 0;
	list_for_each_entry(h, l, link) {
		calls[i].func = h->func;
		calls[i++].arg = h->arg;
	}
	spin_lock(&pfil_disp_lock);
	list_add(&me.node, &pfil_dispatching);
	spin_unlock(&pfil_disp_lock);
	mutex_unlock(&pfil_lock);

	for (i = 0; i < n; i++)
		calls[i].func(calls[i].arg, (struct mbuf **)arg, ifp, which);

	spin_lock(&pfil_disp_lock);
	list_del(&me.node);
	spin_unlock(&pfil_disp_lock);
	wake_up_all(&pfil_event_wq);
	kfree(calls);
}

/*
 * Tell event hooks (PFIL_IFNET: arg is PFIL_IFNET_ATTACH/DETACH;
 * PFIL_IFADDR: arg is the request, SIOCAIFADDR...) of the instance's head
 * and of the interface's own head. Stack context.
 */
void iopkt_pfil_ifevent(struct _iopkt_self *stk, struct ifnet *ifp, int which,
			unsigned long arg)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct list_head *l1, *l2;

	if (which == PFIL_IFNET) {
		l1 = &ns->pfil_ifnet.ph_ifnet;
		l2 = &ifp->if_pfil.ph_ifnet;
	} else {
		l1 = &ns->pfil_ifnet.ph_ifaddr;
		l2 = &ifp->if_pfil.ph_ifaddr;
	}
	pfil_event_list(l1, ifp, which, arg);
	if (ifp->if_pfil.ph_ready)
		pfil_event_list(l2, ifp, which, arg);
}
