// SPDX-License-Identifier: GPL-2.0
/*
 * Address notifiers: Linux owns the addresses of an iopkt interface
 * (ifconfig sets them through rtnetlink), so its inetaddr/inet6addr
 * notifiers tell iopkt, which runs the PFIL_IFADDR hooks in the stack
 * context. Also registers the "iopkt" rtnl_link_ops and iopkt_wq.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/rtnetlink.h>

#include <iopkt/if_ether.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

/* Internal; exported for iopkt's own KUnit modules (iopkt_hooks_kunit). */
struct workqueue_struct *iopkt_wq;
EXPORT_SYMBOL_NS_GPL(iopkt_wq, IOPKT);

/*
 * PFIL_IFADDR: addresses are Linux's, so the notifiers tell us. The hooks
 * run later, in the stack context, from iopkt_wq (notifiers may be atomic).
 */
struct ifaddr_event {
	struct work_struct work;
	struct net_device *dev;
	unsigned long cmd;
};

static int ifaddr_in_stack_call(void *arg)
{
	struct ifaddr_event *ev = arg;
	struct iopkt_ndev *nd = netdev_priv(ev->dev);
	struct ifnet *ifp = READ_ONCE(nd->ifp);

	if (ifp)
		iopkt_pfil_ifevent(nd->stk, ifp, PFIL_IFADDR, ev->cmd);
	return 0;
}

static void ifaddr_work(struct work_struct *work)
{
	struct ifaddr_event *ev = container_of(work, struct ifaddr_event,
					       work);
	struct iopkt_ndev *nd = netdev_priv(ev->dev);
	struct ifnet *ifp;

	rtnl_lock();
	ifp = READ_ONCE(nd->ifp);
	if (ifp)
		iopkt_stack_call(nd->stk, ifaddr_in_stack_call, ev);
	rtnl_unlock();
	dev_put(ev->dev);
	kfree(ev);
}

static void ifaddr_queue(struct net_device *dev, unsigned long cmd)
{
	struct ifaddr_event *ev;

	if (!iopkt_is_iopkt_netdev(dev) || !ndev_ifp(dev))
		return;
	ev = kzalloc(sizeof(*ev), GFP_ATOMIC);
	if (!ev)
		return;
	INIT_WORK(&ev->work, ifaddr_work);
	ev->dev = dev;
	ev->cmd = cmd;
	dev_hold(dev);
	queue_work(iopkt_wq, &ev->work);
}

static int iopkt_inetaddr_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct in_ifaddr *ifa = ptr;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		ifaddr_queue(ifa->ifa_dev->dev, event == NETDEV_UP ?
			     IOPKT_SIOCAIFADDR : IOPKT_SIOCDIFADDR);
	return NOTIFY_DONE;
}

static int iopkt_inet6addr_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;

	if (event == NETDEV_UP || event == NETDEV_DOWN)
		ifaddr_queue(ifa->idev->dev, event == NETDEV_UP ?
			     IOPKT_SIOCAIFADDR_IN6 : IOPKT_SIOCDIFADDR_IN6);
	return NOTIFY_DONE;
}

static struct notifier_block iopkt_inetaddr_nb = {
	.notifier_call = iopkt_inetaddr_event,
};

static struct notifier_block iopkt_inet6addr_nb = {
	.notifier_call = iopkt_inet6addr_event,
};

int iopkt_if_notifiers_init(void)
{
	int err;

	iopkt_wq = alloc_workqueue("iopkt", WQ_UNBOUND, 0);
	if (!iopkt_wq)
		return -ENOMEM;
	err = rtnl_link_register(&iopkt_link_ops);
	if (err) {
		destroy_workqueue(iopkt_wq);
		return err;
	}
	register_inetaddr_notifier(&iopkt_inetaddr_nb);
#if IS_ENABLED(CONFIG_IPV6)
	register_inet6addr_notifier(&iopkt_inet6addr_nb);
#endif
	return 0;
}

void iopkt_if_notifiers_exit(void)
{
#if IS_ENABLED(CONFIG_IPV6)
	unregister_inet6addr_notifier(&iopkt_inet6addr_nb);
#endif
	unregister_inetaddr_notifier(&iopkt_inetaddr_nb);
	rtnl_link_unregister(&iopkt_link_ops);
	destroy_workqueue(iopkt_wq);
}
