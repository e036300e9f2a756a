// SPDX-License-Identifier: GPL-2.0
/*
 * struct ifnet in the stack: attaching and detaching interfaces, finding
 * them by name, link state, and the per-instance networking state.
 *
 * if_attach() makes a net_device of the same name in the instance's
 * network namespace (its operations are in if_netdev.c); the driver's
 * callbacks are reached from it. Driver receive is if_input = ether_input
 * (ether.c): pfil IN, then netif_receive_skb.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/rtnetlink.h>

#include <iopkt/if_ether.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

/* Real names, and with @enmap the enXX names too. */
static struct ifnet *__iopkt_ifunit(struct _iopkt_self *stk, const char *name,
				    bool enmap)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_ifpriv *ip;
	struct ifnet *found = NULL;
	unsigned int en;

	mutex_lock(&ns->if_lock);
	list_for_each_entry(ip, &ns->iflist, node) {
		if (!strncmp(ip->ifp->if_xname, name, IOPKT_IFNAMSIZ)) {
			found = ip->ifp;
			break;
		}
	}
	if (!found && enmap && !ns->enmap_off && !strncmp(name, "en", 2) &&
	    isdigit(name[2]) && (name[2] != '0' || !name[3]) &&
	    !kstrtouint(name + 2, 10, &en)) {
		list_for_each_entry(ip, &ns->iflist, node) {
			if (ip->en_unit == en) {
				found = ip->ifp;
				break;
			}
		}
	}
	mutex_unlock(&ns->if_lock);
	return found;
}

/**
 * iopkt_unit_free() - is the name PREFIX<unit> free in the instance?
 * @stk: the instance
 * @prefix: name prefix
 * @unit: unit number
 *
 * Checks the instance's interfaces and the Linux namespace (the
 * net_device must be creatable). Caller holds rtnl.
 *
 * Return: 0 if free, EEXIST if taken.
 */
int iopkt_unit_free(struct _iopkt_self *stk, const char *prefix, int unit)
{
	char name[IOPKT_IFNAMSIZ];

	snprintf(name, sizeof(name), "%s%d", prefix, unit);
	if (__iopkt_ifunit(stk, name, false))	/* a real en0 may be made */
		return EEXIST;
	if (__dev_get_by_name(iopkt_ns(stk)->net, name))
		return EEXIST;
	return 0;
}

static struct _iopkt_self *if_attach_stack(void)
{
	return iopkt_current_stack();
}

/**
 * if_attach() - attach an interface to the stack
 * @ifp: the interface, if_xname and callbacks set by the driver
 *
 * Makes its net_device (registered at once: the caller holds rtnl, as
 * every attach path does) and tells PFIL_IFNET hooks. Called from a
 * driver's attach function, in the stack context of the instance being
 * mounted into. On failure the interface is left unattached
 * (ifp->if_priv NULL) and the error is logged; if_detach() is then a
 * no-op.
 */
void if_attach(struct ifnet *ifp)
{
	struct _iopkt_self *stk = if_attach_stack();
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_ifpriv *ip;
	struct net_device *dev;
	struct iopkt_ndev *nd;

	ASSERT_RTNL();
	ip = kzalloc(sizeof(*ip), GFP_KERNEL);
	dev = alloc_netdev(sizeof(struct iopkt_ndev), ifp->if_xname,
			   NET_NAME_USER, iopkt_netdev_setup);
	if (!ip || !dev) {
		kfree(ip);
		if (dev)
			free_netdev(dev);
		pr_err("%s: no memory to attach\n", ifp->if_xname);
		return;
	}
	nd = netdev_priv(dev);
	nd->stk = stk;
	nd->dev = dev;
	ip->ifp = ifp;
	ip->dev = dev;
	ip->stk = stk;
	ip->sadl.sdl_family = 18;	/* AF_LINK */
	ip->sadl.sdl_len = sizeof(ip->sadl);
	INIT_LIST_HEAD(&ip->node);
	ip->en_unit = -1;
	ip->start_work.func = iopkt_if_start_in_stack;
	ip->start_work.arg = ifp;
	ip->dv = ns->attaching;
	ip->clone = ns->cloning;
	if (ns->mounting)
		strscpy(ip->driver, ns->mounting->name, sizeof(ip->driver));
	else if (ns->cloning)
		strscpy(ip->driver, ns->cloning->ifc_name, sizeof(ip->driver));
	ifp->if_priv = ip;
	ifp->if_sadl = &ip->sadl;
	if (!ifp->if_mtu)
		ifp->if_mtu = ETHERMTU;
	if (!ifp->if_snd.ifq_maxlen)
		ifp->if_snd.ifq_maxlen = IFQ_MAXLEN;
	spin_lock_init(&ifp->if_snd_ex.lock);
	iopkt_pfil_head_init(&ifp->if_pfil, PFIL_TYPE_IFNET,
			     (unsigned long)ifp);
	dev_net_set(dev, ns->net);
	mutex_lock(&ns->if_lock);
	list_add_tail(&ip->node, &ns->iflist);
	mutex_unlock(&ns->if_lock);
}
EXPORT_SYMBOL_NS_GPL(if_attach, IOPKT);

/* io-pkt-v4 has no IPv6: keep Linux from configuring it on the device. */
static void iopkt_if_variant_setup(struct iopkt_ifpriv *ip)
{
#if IS_BUILTIN(CONFIG_IPV6)
	struct inet6_dev *idev;

	if (iopkt_ns(ip->stk)->variant != IOPKT_VARIANT_V4)
		return;
	idev = __in6_dev_get(ip->dev);
	if (idev)
		idev->cnf.disable_ipv6 = 1;
#endif
}

/*
 * io-pkt's enXX mapping (tcpip option enmap turns it off): the first
 * Ethernet interface registered also answers to en0, the second to en1,
 * and so on, for io-net-style command lines. An interface takes the lowest
 * free number; numbers of detached interfaces are reused. A real interface
 * named enN always wins (iopkt_ifunit() looks at real names first).
 */
static void iopkt_if_enmap(struct iopkt_ifpriv *ip)
{
	struct iopkt_netstate *ns = iopkt_ns(ip->stk);
	struct iopkt_ifpriv *o;
	int n;

	if (!ip->ether || ns->enmap_off)
		return;
	mutex_lock(&ns->if_lock);
	for (n = 0; n < IOPKT_ENMAP_MAX; n++) {
		bool used = false;

		list_for_each_entry(o, &ns->iflist, node)
			used |= o->en_unit == n;
		if (!used)
			break;
	}
	if (n < IOPKT_ENMAP_MAX)
		ip->en_unit = n;
	mutex_unlock(&ns->if_lock);
}

/**
 * if_alloc_sadl() - finish attaching: publish the interface
 * @ifp: an interface given to if_attach(), its address set
 *
 * ether_ifattach() calls it; a non-Ethernet driver calls it after
 * if_attach(): its net_device then has no link layer (ARPHRD_NONE, no
 * ARP, IFF_POINTOPOINT/IFF_BROADCAST/IFF_MULTICAST from if_flags) and
 * carries bare IPv4/IPv6 packets, as tun's does. Registers the
 * net_device, tells PFIL_IFNET hooks and event listeners.
 *
 * Return: 0 or a positive errno.
 */
int if_alloc_sadl(struct ifnet *ifp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct net_device *dev = ip->dev;
	struct iopkt_ndev *nd = netdev_priv(dev);
	int err;

	if (!ip->ether)
		iopkt_l3_netdev_setup(ifp, dev);
	dev->mtu = ifp->if_mtu;
	if (ip->ether && (container_of(ifp, struct ethercom, ec_if)->
			  ec_capabilities & ETHERCAP_JUMBO_MTU))
		dev->max_mtu = ETHERMTU_JUMBO;
	dev->max_mtu = max_t(unsigned int, dev->max_mtu, dev->mtu);
	if (ip->ether)
		iopkt_if_features_init(ifp, dev);
	WRITE_ONCE(nd->ifp, ifp);
	err = register_netdevice(dev);
	if (err) {
		WRITE_ONCE(nd->ifp, NULL);
		pr_err("%s: cannot register the net_device: %d\n",
		       ifp->if_xname, err);
		return -err;
	}
	ip->registered = true;
	iopkt_if_variant_setup(ip);
	iopkt_if_enmap(ip);
	ifp->if_index = dev->ifindex;
	ip->sadl.sdl_index = dev->ifindex;
	if (ifp->if_link_state == LINK_STATE_DOWN)
		netif_carrier_off(dev);
	iopkt_pfil_ifevent(ip->stk, ifp, PFIL_IFNET, PFIL_IFNET_ATTACH);
	iopkt_genl_event(ip->stk, IOPKT_CMD_EV_ATTACH, ifp);
	if (iopkt_ns(ip->stk)->verbose)
		pr_info("%s: attached (%s)\n", ifp->if_xname, ip->driver);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(if_alloc_sadl, IOPKT);

/**
 * if_detach() - take an interface out of the stack
 * @ifp: the interface
 *
 * Tells PFIL_IFNET hooks, purges the send queue and unregisters the
 * net_device. Called from a driver's detach function (stack context, rtnl
 * held). The ifnet memory is the driver's again when this returns.
 */
void if_detach(struct ifnet *ifp)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	struct iopkt_netstate *ns;
	struct iopkt_ndev *nd;

	if (!ip)
		return;
	ASSERT_RTNL();
	ns = iopkt_ns(ip->stk);
	nd = netdev_priv(ip->dev);
	/* the hooks' per-interface state goes; synchronize_net() waits */
	iopkt_bpf_ifdetach(ifp);
	iopkt_bridge_ifdetach(ifp);
	if (ip->registered) {
		iopkt_pfil_ifevent(ip->stk, ifp, PFIL_IFNET,
				   PFIL_IFNET_DETACH);
		iopkt_genl_event(ip->stk, IOPKT_CMD_EV_DETACH, ifp);
		/*
		 * No more xmit or ndo calls reach ifp from here: the device is
		 * closed and unlisted, and unregister_netdevice() ends with a
		 * grace period of its own (an expedited one, rtnl is held), so
		 * the stack context is not held through another.
		 */
		unregister_netdevice(ip->dev);
		/* nd lives until netdev_run_todo() frees the device. */
		WRITE_ONCE(nd->ifp, NULL);
	} else {
		/* Never registered (attach failed): nd goes with the device. */
		free_netdev(ip->dev);
	}
	iopkt_stack_dequeue(ip->stk, &ip->start_work);
	mutex_lock(&ns->if_lock);
	list_del(&ip->node);
	mutex_unlock(&ns->if_lock);
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	IFQ_PURGE(&ifp->if_snd);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	iopkt_pfil_head_destroy(&ifp->if_pfil);
	if (ip->ether)
		iopkt_ether_free_multi(container_of(ifp, struct ethercom,
						    ec_if));
	ifp->if_priv = NULL;
	ifp->if_sadl = NULL;
	kfree(ip);
}
EXPORT_SYMBOL_NS_GPL(if_detach, IOPKT);

/**
 * if_link_state_change() - the driver saw the link go up or down
 * @ifp: the interface
 * @link_state: LINK_STATE_UP, LINK_STATE_DOWN or LINK_STATE_UNKNOWN
 *
 * Sets the Linux carrier and sends a link event. Any context.
 */
void if_link_state_change(struct ifnet *ifp, int link_state)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	if (ifp->if_link_state == link_state)
		return;
	ifp->if_link_state = link_state;
	if (!ip || !ip->registered)
		return;
	if (link_state == LINK_STATE_DOWN)
		netif_carrier_off(ip->dev);
	else
		netif_carrier_on(ip->dev);
	iopkt_genl_event(ip->stk, IOPKT_CMD_EV_LINK, ifp);
}
EXPORT_SYMBOL_NS_GPL(if_link_state_change, IOPKT);

/**
 * iopkt_ifunit() - find an interface of an instance by name
 * @stk: the instance
 * @name: "sam0"
 *
 * Real names first, then the enXX names of the enmap (en0 is the first
 * Ethernet interface registered, unless the instance runs with enmap).
 *
 * Return: the interface or NULL. Stable while the caller holds rtnl or the
 * stack context.
 */
struct ifnet *iopkt_ifunit(struct _iopkt_self *stk, const char *name)
{
	return __iopkt_ifunit(stk, name, true);
}
EXPORT_SYMBOL_NS_GPL(iopkt_ifunit, IOPKT);

/**
 * ifunit() - find an interface of the current instance by name
 * @name: "sam0"
 *
 * Return: the interface or NULL.
 */
struct ifnet *ifunit(const char *name)
{
	return iopkt_ifunit(iopkt_current_stack(), name);
}
EXPORT_SYMBOL_NS_GPL(ifunit, IOPKT);

/**
 * iopkt_if_fill_info() - describe an interface for IOPKT_SIOCGIFLIST
 * @ifp: the interface
 * @info: filled
 */
void iopkt_if_fill_info(struct ifnet *ifp, struct iopkt_ifinfo *info)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;

	memset(info, 0, sizeof(*info));
	strscpy(info->name, ifp->if_xname, sizeof(info->name));
	strscpy(info->driver, ip->driver, sizeof(info->driver));
	info->ifindex = ifp->if_index;
	info->flags = ifp->if_flags | (ifp->if_flags_tx & IOPKT_IFF_OACTIVE);
	info->mtu = ifp->if_mtu;
	info->link_state = ifp->if_link_state;
	info->type = ifp->if_type;
	info->addrlen = min_t(int, ifp->if_addrlen, sizeof(info->lladdr));
	memcpy(info->lladdr, LLADDR(ifp->if_sadl), info->addrlen);
	if (ip->en_unit >= 0)
		snprintf(info->alias, sizeof(info->alias), "en%d", ip->en_unit);
	if (ip->ether) {
		struct ethercom *ec = container_of(ifp, struct ethercom, ec_if);

		info->ec_capabilities = ec->ec_capabilities;
		info->ec_capenable = ec->ec_capenable;
	}
}

int iopkt_net_init(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns;

	ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	mutex_init(&ns->if_lock);
	INIT_LIST_HEAD(&ns->iflist);
	INIT_LIST_HEAD(&ns->devices);
	INIT_LIST_HEAD(&ns->shutdown_hooks);
	INIT_LIST_HEAD(&ns->lsm_mounts);
	iopkt_pfil_head_init(&ns->pfil_inet, PFIL_TYPE_AF, AF_INET);
	iopkt_pfil_head_init(&ns->pfil_inet6, PFIL_TYPE_AF, AF_INET6);
	iopkt_pfil_head_init(&ns->pfil_ifnet, PFIL_TYPE_IFNET, 0);
	ns->net = get_net(&init_net);
	ns->variant = IOPKT_VARIANT_V6_HC;
	stk->ns = ns;
	return 0;
}

void iopkt_net_exit(struct _iopkt_self *stk)
{
	struct iopkt_netstate *ns = stk->ns;

	if (!ns)
		return;
	WARN_ON(!list_empty(&ns->iflist));
	iopkt_pfil_head_destroy(&ns->pfil_inet);
	iopkt_pfil_head_destroy(&ns->pfil_inet6);
	iopkt_pfil_head_destroy(&ns->pfil_ifnet);
	put_net(ns->net);
	stk->ns = NULL;
	kfree(ns);
}

/* Internal; exported for iopkt's own KUnit modules (iopkt_if_kunit). */
struct iopkt_netstate *iopkt_ns(struct _iopkt_self *stk)
{
	return stk->ns;
}
EXPORT_SYMBOL_NS_GPL(iopkt_ns, IOPKT);

