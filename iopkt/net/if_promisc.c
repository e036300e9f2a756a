// SPDX-License-Identifier: GPL-2.0
/*
 * ifpromisc(): promiscuous mode with a count of users, as in NetBSD.
 *
 * Linux counts promiscuous users of a net_device too (dev->promiscuity:
 * tcpdump's packet sockets, Linux bridges, ip link set promisc on), and
 * IFF_PROMISC of the ifnet is derived from the net_device's flags. So
 * ifpromisc() keeps its users in if_pcount and holds ONE reference on
 * Linux's count while if_pcount > 0: the interface is promiscuous while
 * either side wants it, and neither side's "off" clears the other's "on".
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include <iopkt/if.h>

#include "net/net_impl.h"

/**
 * ifpromisc() - add or drop a user of promiscuous mode
 * @ifp: an attached interface
 * @pswitch: nonzero to add a user, 0 to drop one
 *
 * The first user turns IFF_PROMISC on, the last one off; the driver sees
 * the change as SIOCSIFFLAGS (if_init of a running interface) before
 * ifpromisc() returns. Promiscuous requests from Linux's side count
 * separately. Caller holds rtnl (a module's ioctl or entry does); may be
 * in the stack context.
 *
 * Return: 0, ENXIO (@ifp not attached), EINVAL (dropping a user that was
 * never added), or the driver's error (the count is then unchanged).
 */
int ifpromisc(struct ifnet *ifp, int pswitch)
{
	struct iopkt_ifpriv *ip = ifp->if_priv;
	int err;

	ASSERT_RTNL();
	if (!ip)
		return ENXIO;
	if (pswitch) {
		if (ifp->if_pcount++)
			return 0;
		err = -dev_set_promiscuity(ip->dev, 1);
		if (!err)
			err = iopkt_if_sync_linux_flags(ifp);
		if (err) {
			if (!dev_set_promiscuity(ip->dev, -1))
				iopkt_if_sync_linux_flags(ifp);
			ifp->if_pcount--;
		}
		return err;
	}
	if (!ifp->if_pcount)
		return EINVAL;
	if (--ifp->if_pcount)
		return 0;
	err = -dev_set_promiscuity(ip->dev, -1);
	if (!err)
		err = iopkt_if_sync_linux_flags(ifp);
	return err;
}
EXPORT_SYMBOL_NS_GPL(ifpromisc, IOPKT);
