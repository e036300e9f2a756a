// SPDX-License-Identifier: GPL-2.0
/*
 * tap: the NetBSD virtual Ethernet interface, a cloner built into the core.
 *
 * "ifconfig tap0 create" makes tap0, an Ethernet interface with a random
 * locally administered address, and its character device /dev/tap0
 * (tundev.c). A program that opens the device reads the Ethernet frames
 * sent out of tap0, one per read(), and writes frames that tap0 then
 * receives (ether_input). IFF_RUNNING follows up/down as on any NIC and
 * the link is always up: a closed device drops what is sent (if_oerrors).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <iopkt/if_ether.h>
#include <uapi/iopkt/if_tun.h>

#include "net/net_impl.h"
#include "clone/tundev.h"

#define TAP_VLAN_LEN	4	/* a tagged frame may be this much longer */
#define TAP_ALIGN	2	/* so that the IP header of a write is aligned */

/**
 * struct tap_softc - one tap interface
 * @sc_ec: the Ethernet interface
 * @sc_td: its character device; owns the lifetime of the softc
 */
struct tap_softc {
	struct ethercom sc_ec;
	struct tundev sc_td;
};

static struct tap_softc *td_tap(struct tundev *td)
{
	return container_of(td, struct tap_softc, sc_td);
}

static void tap_write_limits(struct tundev *td, size_t *min, size_t *max)
{
	*min = ETHER_HDR_LEN;
	*max = ETHER_HDR_LEN + TAP_VLAN_LEN + td->ifp->if_mtu;
}

static int tap_write(struct tundev *td, struct mbuf *m)
{
	struct ifnet *ifp = td->ifp;

	ifp->if_ipackets++;
	ifp->if_input(ifp, m);
	return EOK;
}

static int tap_dev_ioctl(struct tundev *td, unsigned int cmd,
			 void __user *arg)
{
	struct iopkt_ifreq ifr;

	switch (cmd) {
	case TAPGIFNAME:
		memset(&ifr, 0, sizeof(ifr));
		strscpy(ifr.ifr_name, td->ifp->if_xname, sizeof(ifr.ifr_name));
		return copy_to_user(arg, &ifr, sizeof(ifr)) ? EFAULT : EOK;
	default:
		return ENOTTY;
	}
}

static void tap_free(struct tundev *td)
{
	kfree(td_tap(td));
}

static const struct tundev_ops tap_tdops = {
	.write_limits = tap_write_limits,
	.write = tap_write,
	.ioctl = tap_dev_ioctl,
	.free = tap_free,
};

static void tap_start(struct ifnet *ifp)
{
	struct tap_softc *sc = ifp->if_softc;

	tundev_start(&sc->sc_td);
}

/* ifconfig up (and reprogramming while up): nothing to program. */
static int tap_init(struct ifnet *ifp)
{
	ifp->if_flags |= IOPKT_IFF_RUNNING;
	return EOK;
}

static void tap_stop(struct ifnet *ifp, int disable)
{
	ifp->if_flags &= ~IOPKT_IFF_RUNNING;
}

static int tap_clone_create(struct if_clone *ifc, int unit)
{
	struct tap_softc *sc;
	struct ifnet *ifp;
	u8 mac[ETHER_ADDR_LEN];
	int err;

	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return ENOMEM;
	ifp = &sc->sc_ec.ec_if;
	tundev_init(&sc->sc_td, ifp, &tap_tdops);
	sc->sc_td.rx_align = TAP_ALIGN;
	snprintf(ifp->if_xname, sizeof(ifp->if_xname), "%s%d",
		 ifc->ifc_name, unit);
	ifp->if_softc = sc;
	ifp->if_flags = IOPKT_IFF_BROADCAST | IOPKT_IFF_SIMPLEX | IOPKT_IFF_MULTICAST;
	ifp->if_link_state = LINK_STATE_UP;
	ifp->if_init = tap_init;
	ifp->if_stop = tap_stop;
	ifp->if_start = tap_start;
	IFQ_SET_MAXLEN(&ifp->if_snd, IFQ_MAXLEN);
	IFQ_SET_READY(&ifp->if_snd);
	eth_random_addr(mac);

	if_attach(ifp);
	if (!ifp->if_priv) {
		tundev_put(&sc->sc_td);
		return ENOMEM;
	}
	ether_ifattach(ifp, mac);
	/* ether_ifattach() publishes the interface; no ifindex: it failed */
	err = ifp->if_index ? tundev_add(&sc->sc_td) : ENOMEM;
	if (err) {
		tundev_gone(&sc->sc_td);
		ether_ifdetach(ifp);
		if_detach(ifp);
		tundev_put(&sc->sc_td);
		return err;
	}
	return EOK;
}

static int tap_clone_destroy(struct ifnet *ifp)
{
	struct tap_softc *sc = ifp->if_softc;

	tundev_gone(&sc->sc_td);
	ether_ifdetach(ifp);
	if_detach(ifp);
	tundev_put(&sc->sc_td);
	return EOK;
}

static struct if_clone tap_cloner =
	IF_CLONE_INITIALIZER("tap", tap_clone_create, tap_clone_destroy);

int iopkt_tap_init(void)
{
	return if_clone_attach(&tap_cloner);
}

void iopkt_tap_exit(void)
{
	if_clone_detach(&tap_cloner);
}
