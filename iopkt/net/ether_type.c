// SPDX-License-Identifier: GPL-2.0
/*
 * EtherType and LLC DSAP dispatch of ether_input() (include/iopkt/
 * ether_type.h).
 *
 * The table is read-copy-update: each change publishes a new copy, and
 * iopkt_ether_types is NULL while nothing is registered, so ether_input()
 * pays one pointer test then.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include <iopkt/ether_type.h>

#include "net/net_impl.h"

struct iopkt_ether_table {
	struct rcu_head rcu;
	unsigned int ntypes;
	unsigned int nllc;
	u16 type[IOPKT_ETHER_TYPES_MAX];
	iopkt_ether_input_t type_fn[IOPKT_ETHER_TYPES_MAX];
	iopkt_ether_input_t llc_fn[256];
};

struct iopkt_ether_table __rcu *iopkt_ether_types;
static DEFINE_MUTEX(ether_types_lock);

/* A copy of the table to change (an empty one if there is none). */
static struct iopkt_ether_table *table_copy(void)
{
	struct iopkt_ether_table *old, *t;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	old = rcu_dereference_protected(iopkt_ether_types,
					lockdep_is_held(&ether_types_lock));
	if (old)
		memcpy(t, old, sizeof(*t));
	return t;
}

/* Publish @t (NULL if it is empty); wait for readers of the old one. */
static void table_publish(struct iopkt_ether_table *t, bool wait)
{
	struct iopkt_ether_table *old;

	old = rcu_dereference_protected(iopkt_ether_types,
					lockdep_is_held(&ether_types_lock));
	if (!t->ntypes && !t->nllc) {
		kfree(t);
		t = NULL;
	}
	rcu_assign_pointer(iopkt_ether_types, t);
	if (!old)
		return;
	if (wait) {
		synchronize_rcu();
		kfree(old);
	} else {
		kfree_rcu(old, rcu);
	}
}

static int type_index(const struct iopkt_ether_table *t, u16 type)
{
	unsigned int i;

	for (i = 0; i < t->ntypes; i++)
		if (t->type[i] == type)
			return i;
	return -1;
}

/**
 * iopkt_ether_register_type() - receive the frames of an EtherType
 * @type: the EtherType, host byte order (0x8204)
 * @fn: the handler
 *
 * Return: 0, EINVAL (@type is a length, <= 1500, or no @fn), EEXIST
 * (registered already, or IPv4, IPv6, ARP), ENOSPC (the table holds
 * IOPKT_ETHER_TYPES_MAX), ENOMEM.
 */
int iopkt_ether_register_type(u16 type, iopkt_ether_input_t fn)
{
	struct iopkt_ether_table *t;
	int err = 0;

	if (!fn || type < ETH_P_802_3_MIN)
		return EINVAL;
	if (type == ETH_P_IP || type == ETH_P_IPV6 || type == ETH_P_ARP)
		return EEXIST;
	mutex_lock(&ether_types_lock);
	t = table_copy();
	if (!t)
		err = ENOMEM;
	else if (type_index(t, type) >= 0)
		err = EEXIST;
	else if (t->ntypes == IOPKT_ETHER_TYPES_MAX)
		err = ENOSPC;
	if (err) {
		kfree(t);
	} else {
		t->type[t->ntypes] = type;
		t->type_fn[t->ntypes++] = fn;
		table_publish(t, false);
	}
	mutex_unlock(&ether_types_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ether_register_type, IOPKT);

/**
 * iopkt_ether_unregister_type() - stop receiving them
 * @type: the EtherType
 * @fn: the handler that registered it
 *
 * Returns once no CPU runs @fn for @type: the module may unload then.
 * Process context; sleeps.
 *
 * Return: 0, ENOENT (@fn did not register @type), ENOMEM.
 */
int iopkt_ether_unregister_type(u16 type, iopkt_ether_input_t fn)
{
	struct iopkt_ether_table *t;
	int i, err = 0;

	mutex_lock(&ether_types_lock);
	t = table_copy();
	if (!t) {
		err = ENOMEM;
		goto out;
	}
	i = type_index(t, type);
	if (i < 0 || t->type_fn[i] != fn) {
		kfree(t);
		err = ENOENT;
		goto out;
	}
	t->ntypes--;
	t->type[i] = t->type[t->ntypes];
	t->type_fn[i] = t->type_fn[t->ntypes];
	table_publish(t, true);
out:
	mutex_unlock(&ether_types_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ether_unregister_type, IOPKT);

/**
 * iopkt_ether_register_llc() - receive the 802.2 LLC frames of a DSAP
 * @dsap: the destination SAP (0x42: 802.1D spanning tree)
 * @fn: the handler
 *
 * Frames whose type/length field is a length (<= 1500) and whose first
 * payload byte is @dsap.
 *
 * Return: 0, EINVAL (no @fn), EEXIST (taken), ENOMEM.
 */
int iopkt_ether_register_llc(u8 dsap, iopkt_ether_input_t fn)
{
	struct iopkt_ether_table *t;
	int err = 0;

	if (!fn)
		return EINVAL;
	mutex_lock(&ether_types_lock);
	t = table_copy();
	if (!t)
		err = ENOMEM;
	else if (t->llc_fn[dsap])
		err = EEXIST;
	if (err) {
		kfree(t);
	} else {
		t->llc_fn[dsap] = fn;
		t->nllc++;
		table_publish(t, false);
	}
	mutex_unlock(&ether_types_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ether_register_llc, IOPKT);

/**
 * iopkt_ether_unregister_llc() - stop receiving them
 * @dsap: the DSAP
 * @fn: the handler that registered it
 *
 * Returns once no CPU runs @fn for @dsap. Process context; sleeps.
 *
 * Return: 0, ENOENT, ENOMEM.
 */
int iopkt_ether_unregister_llc(u8 dsap, iopkt_ether_input_t fn)
{
	struct iopkt_ether_table *t;
	int err = 0;

	mutex_lock(&ether_types_lock);
	t = table_copy();
	if (!t) {
		err = ENOMEM;
	} else if (t->llc_fn[dsap] != fn) {
		kfree(t);
		err = ENOENT;
	} else {
		t->llc_fn[dsap] = NULL;
		t->nllc--;
		table_publish(t, true);
	}
	mutex_unlock(&ether_types_lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ether_unregister_llc, IOPKT);

/*
 * ether_input(), something is registered: true if a handler took @m.
 * @type is the frame's type/length field.
 */
bool iopkt_ether_dispatch(struct ifnet *ifp, struct mbuf *m, u16 type)
{
	const struct iopkt_ether_table *t;
	iopkt_ether_input_t fn = NULL;
	u8 dsap;
	int i;

	rcu_read_lock();
	t = rcu_dereference(iopkt_ether_types);
	if (!t)
		goto out;
	if (type >= ETH_P_802_3_MIN) {
		i = type_index(t, type);
		if (i >= 0)
			fn = t->type_fn[i];
	} else if (t->nllc && m->m_pkthdr.len > ETH_HLEN &&
		   !m_copydata(m, ETH_HLEN, 1, &dsap)) {
		fn = t->llc_fn[dsap];
	}
	if (fn)
		fn(ifp, m);
out:
	rcu_read_unlock();
	return fn;
}

/* Module unload: nothing may be left registered; free an empty table. */
void iopkt_ether_types_exit(void)
{
	struct iopkt_ether_table *t;

	t = rcu_dereference_protected(iopkt_ether_types, true);
	WARN_ON(t);
	RCU_INIT_POINTER(iopkt_ether_types, NULL);
	synchronize_rcu();
	kfree(t);
}
