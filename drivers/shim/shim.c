// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-shim: entry, attach, detach, init, stop, ioctl, and the lower
 * device's events.
 *
 * Locking. iopkt calls the entry, attach, detach, init, stop and ioctl in
 * the stack context with rtnl held (the order is always rtnl, then the
 * stack context), so everything Linux wants rtnl for - rx handler
 * registration, promiscuity, ethtool queries - is done right there. The
 * netdevice notifier runs with rtnl held in whatever thread changes the
 * lower device; it identifies our devices by their rx handler, which only
 * changes under rtnl, so it never races attach or detach.
 */
/*
 * io-pkt API: the driver's callbacks return io-pkt's EOK or a positive
 * errno, as io-pkt expects. (lint: bsd-errno)
 */
#define pr_fmt(fmt) "devnp-shim: " fmt

#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/rtnetlink.h>
#include <linux/string.h>

#include <iopkt/options.h>

#include "shim.h"

static struct cfattach shim_ca;

/*
 * ---------------------------------------------------------------------
 * Options: dev=NAME (required), rxq=N, rx_usecs=N, priority=N, verbose=N;
 * name= and unit= are the stack's.
 * ---------------------------------------------------------------------
 */
struct shim_opts {
	char dev[IFNAMSIZ];
	unsigned long rxq;
	unsigned long rx_usecs;
	unsigned long priority;
	unsigned long verbose;
};

static const struct iopkt_opt shim_opt_table[] = {
	{ .name = "dev", .type = IOPKT_OPT_STR,
	  .offset = offsetof(struct shim_opts, dev),
	  .size = sizeof_field(struct shim_opts, dev) },
	{ .name = "rxq", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct shim_opts, rxq),
	  .min = SHIM_RXQ_MIN, .max = SHIM_RXQ_MAX },
	{ .name = "rx_usecs", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct shim_opts, rx_usecs),
	  .min = 0, .max = SHIM_RX_USECS_MAX },
	{ .name = "priority", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct shim_opts, priority),
	  .min = 0, .max = 255 },
	{ .name = "verbose", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct shim_opts, verbose),
	  .min = 0, .max = 10 },
};

/* What shim_entry() hands to shim_attach() (aux). */
struct shim_attach_args {
	struct _iopkt_self *iopkt;
	struct shim_opts *opts;
};

static int shim_opt_unknown(struct iopkt_opts_ctx *ctx, const char *key,
			    const char *val)
{
	if (iopkt_drvr_generic_opt(key))
		return 0;
	snprintf(ctx->err, sizeof(ctx->err), "%s: unknown option", key);
	return -EINVAL;
}

static int shim_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	struct iopkt_opts_ctx ctx = { .unknown = shim_opt_unknown };
	struct shim_opts opts = { .rxq = SHIM_RXQ_DEFAULT,
				  .rx_usecs = SHIM_RX_USECS_DEFAULT };
	struct iopkt_device *dev = NULL;
	struct shim_attach_args aa = { .iopkt = iopkt, .opts = &opts };
	int single = 1;
	int err;

	if (iopkt_opts_parse(shim_opt_table, ARRAY_SIZE(shim_opt_table),
			     options, &opts, &ctx)) {
		iopkt_mount_error("shim: %s", ctx.err);
		return EINVAL;
	}
	if (!opts.dev[0]) {
		iopkt_mount_error("shim: dev=NAME is required (the Linux net_device to drive)");
		return EINVAL;
	}
	err = dev_attach("shim", options, &shim_ca, &aa, &single, &dev, NULL);
	if (err != EOK)
		return err;
	dev->dv_dll_hdl = dll_hdl;
	return EOK;
}

/*
 * ---------------------------------------------------------------------
 * The lower device
 * ---------------------------------------------------------------------
 */

/*
 * The lower device's offloads are the interface's, as macvlan has its
 * lower device's: checksums (NETIF_F_HW_CSUM covers all), TSO, receive
 * checksums. All enabled; ifconfig and ethtool -K turn them off (the
 * frames then cross without the state, Linux computes and checks).
 */
static void shim_caps(struct ifnet *ifp, const struct net_device *lower)
{
	netdev_features_t f = lower->features;
	u32 tx = 0, rx = 0;

	if (f & (NETIF_F_IP_CSUM | NETIF_F_HW_CSUM))
		tx |= IFCAP_CSUM_TCPv4 | IFCAP_CSUM_UDPv4;
	if (f & (NETIF_F_IPV6_CSUM | NETIF_F_HW_CSUM))
		tx |= IFCAP_CSUM_TCPv6 | IFCAP_CSUM_UDPv6;
	if ((f & NETIF_F_TSO) && (tx & IFCAP_CSUM_TCPv4))
		tx |= IFCAP_TSOv4;
	if ((f & NETIF_F_TSO6) && (tx & IFCAP_CSUM_TCPv6))
		tx |= IFCAP_TSOv6;
	if (f & NETIF_F_RXCSUM)
		rx |= IFCAP_CSUM_TCPv4 | IFCAP_CSUM_UDPv4 | IFCAP_CSUM_TCPv6 |
		      IFCAP_CSUM_UDPv6;
	ifp->if_capabilities_rx = rx;
	ifp->if_capabilities_tx = tx;
	ifp->if_capenable_rx = rx;
	ifp->if_capenable_tx = tx;
}

/* nicinfo's description: "Linux net_device veth0 (driver veth)". rtnl. */
static void shim_describe(struct shim_dev *sc)
{
	struct net_device *lower = sc->sc_lower;
	struct ethtool_drvinfo info = { };
	const char *drv = NULL;

	if (lower->ethtool_ops && lower->ethtool_ops->get_drvinfo) {
		lower->ethtool_ops->get_drvinfo(lower, &info);
		if (info.driver[0])
			drv = info.driver;
	}
	if (!drv && lower->rtnl_link_ops)
		drv = lower->rtnl_link_ops->kind;
	snprintf(sc->sc_desc, sizeof(sc->sc_desc),
		 "Linux net_device %s (driver %s)", lower->name,
		 drv ? drv : "unknown");
}

/* Hold the promiscuity and allmulti counts on the lower device we need. */
static void shim_lower_modes(struct shim_dev *sc, bool promisc, bool allmulti)
{
	struct ifnet *ifp = shim_ifp(sc);

	ASSERT_RTNL();
	if (!sc->sc_lower)
		return;
	if (promisc != sc->sc_promisc &&
	    !dev_set_promiscuity(sc->sc_lower, promisc ? 1 : -1)) {
		sc->sc_promisc = promisc;
		if (sc->sc_verbose)
			pr_info("%s: %s promiscuous mode %s\n", ifp->if_xname,
				sc->sc_lower->name, promisc ? "on" : "off");
	}
	if (allmulti != sc->sc_allmulti &&
	    !dev_set_allmulti(sc->sc_lower, allmulti ? 1 : -1))
		sc->sc_allmulti = allmulti;
}

/*
 * What the lower device must accept for us: everything when the shim is
 * promiscuous or uses an address other than the lower device's; every
 * multicast frame when the shim listens to any multicast address (Linux's
 * own multicast list on the lower device is not ours to edit).
 */
static void shim_update_modes(struct shim_dev *sc)
{
	struct ifnet *ifp = shim_ifp(sc);
	bool promisc, allmulti;

	if (!sc->sc_running || !sc->sc_lower) {
		shim_lower_modes(sc, false, false);
		return;
	}
	promisc = (ifp->if_flags & IFF_PROMISC) ||
		  !ether_addr_equal(LLADDR(ifp->if_sadl),
				    sc->sc_lower->dev_addr);
	allmulti = (ifp->if_flags & IFF_ALLMULTI) || sc->sc_ec.ec_multicnt;
	shim_lower_modes(sc, promisc, allmulti);
}

/**
 * shim_link_update() - follow the lower device's carrier
 * @sc: the device
 *
 * rtnl held (attach, init, the notifier). The link is up when the lower
 * device is up and has carrier. At link up, packets held on if_snd are
 * sent ("Managing the TX queue").
 */
void shim_link_update(struct shim_dev *sc)
{
	struct net_device *lower = sc->sc_lower;
	struct ifnet *ifp = shim_ifp(sc);
	struct ethtool_link_ksettings ks;
	bool up = netif_running(lower) && netif_carrier_ok(lower);

	ASSERT_RTNL();
	sc->sc_speed = 0;
	sc->sc_duplex = DUPLEX_UNKNOWN;
	if (up && !__ethtool_get_link_ksettings(lower, &ks)) {
		if (ks.base.speed != (u32)SPEED_UNKNOWN)
			sc->sc_speed = ks.base.speed;
		sc->sc_duplex = ks.base.duplex;
	}
	ifp->if_baudrate = up ? (u64)sc->sc_speed * 1000 * 1000 : 0;

	if (ifp->if_link_state == (up ? LINK_STATE_UP : LINK_STATE_DOWN))
		return;
	if_link_state_change(ifp, up ? LINK_STATE_UP : LINK_STATE_DOWN);
	if (sc->sc_verbose)
		pr_info("%s: link %s (%s)\n", ifp->if_xname,
			up ? "up" : "down", lower->name);
	if (up && sc->sc_running) {
		NW_SIGLOCK(&ifp->if_snd_ex, sc->sc_iopkt);
		shim_start(ifp);		/* releases if_snd_ex */
	}
}

/*
 * ---------------------------------------------------------------------
 * Media: what Linux says about the lower device. Autoselect only: speed
 * and duplex are the lower driver's business (ethtool).
 * ---------------------------------------------------------------------
 */
static int shim_media_change(struct ifnet *ifp)
{
	struct shim_dev *sc = ifp->if_softc;

	return IFM_SUBTYPE(sc->sc_media.ifm_media) == IFM_AUTO ? EOK :
								 EOPNOTSUPP;
}

static void shim_media_status(struct ifnet *ifp,
			      struct iopkt_ifmediareq *ifmr)
{
	struct shim_dev *sc = ifp->if_softc;
	int sub;

	ifmr->ifm_status = IFM_AVALID;
	if (ifp->if_link_state != LINK_STATE_UP) {
		ifmr->ifm_active = IFM_ETHER | IFM_NONE;
		return;
	}
	ifmr->ifm_status |= IFM_ACTIVE;
	switch (sc->sc_speed) {
	case SPEED_10:
		sub = IFM_10_T;
		break;
	case SPEED_100:
		sub = IFM_100_TX;
		break;
	case SPEED_1000:
		sub = IFM_1000_T;
		break;
	case SPEED_10000:
		sub = IFM_10G_T;
		break;
	default:
		sub = IFM_AUTO;
		break;
	}
	ifmr->ifm_active = IFM_ETHER | sub;
	if (sc->sc_duplex == DUPLEX_FULL)
		ifmr->ifm_active |= IFM_FDX;
	else if (sc->sc_duplex == DUPLEX_HALF)
		ifmr->ifm_active |= IFM_HDX;
}

/*
 * ---------------------------------------------------------------------
 * if_init / if_stop: stack context, rtnl held
 * ---------------------------------------------------------------------
 */
static int shim_init(struct ifnet *ifp)
{
	struct shim_dev *sc = ifp->if_softc;

	ASSERT_RTNL();
	if (!sc->sc_lower)
		return ENXIO;		/* it went away; we are being detached */
	if (ifp->if_mtu > sc->sc_lower->mtu && sc->sc_verbose)
		pr_warn("%s: mtu %llu is above %s's %u: longer frames are dropped\n",
			ifp->if_xname, (unsigned long long)ifp->if_mtu,
			sc->sc_lower->name, sc->sc_lower->mtu);

	/* The rx handler passes frames on from now on. */
	WRITE_ONCE(sc->sc_running, true);
	shim_update_modes(sc);

	ifp->if_flags |= IFF_RUNNING;
	NW_SIGLOCK(&ifp->if_snd_ex, sc->sc_iopkt);
	ifp->if_flags_tx |= IFF_RUNNING;
	NW_SIGUNLOCK(&ifp->if_snd_ex, sc->sc_iopkt);

	shim_link_update(sc);
	return EOK;
}

static void shim_stop(struct ifnet *ifp, int disable)
{
	struct shim_dev *sc = ifp->if_softc;

	NW_SIGLOCK(&ifp->if_snd_ex, sc->sc_iopkt);
	ifp->if_flags_tx &= ~(IFF_RUNNING | IFF_OACTIVE);
	NW_SIGUNLOCK(&ifp->if_snd_ex, sc->sc_iopkt);

	/* The rx handler drops from now on; what it queued is stale. */
	WRITE_ONCE(sc->sc_running, false);
	skb_queue_purge(&sc->sc_rxq);
	shim_update_modes(sc);

	ifp->if_flags &= ~IFF_RUNNING;
}

/*
 * ---------------------------------------------------------------------
 * if_ioctl: stack context, rtnl held
 * ---------------------------------------------------------------------
 */
static void shim_get_config(struct shim_dev *sc, struct iopkt_nic_config *cfg)
{
	struct ifnet *ifp = shim_ifp(sc);
	struct net_device *lower = sc->sc_lower;

	memset(cfg, 0, sizeof(*cfg));
	if (!lower)
		return;
	cfg->flags = IOPKT_NIC_FLAG_BROADCAST | IOPKT_NIC_FLAG_MULTICAST;
	if (ifp->if_flags & IFF_PROMISC)
		cfg->flags |= IOPKT_NIC_FLAG_PROMISCUOUS;
	if (ifp->if_link_state != LINK_STATE_UP) {
		cfg->flags |= IOPKT_NIC_FLAG_LINK_DOWN;
		cfg->media_rate = -1;
		cfg->duplex = -1;
	} else {
		cfg->media_rate = sc->sc_speed ? sc->sc_speed * 1000 : -1;
		cfg->duplex = sc->sc_duplex == DUPLEX_FULL ? 1 :
			      sc->sc_duplex == DUPLEX_HALF ? 0 : -1;
		if (cfg->duplex == 1)
			cfg->flags |= IOPKT_NIC_FLAG_FDX;
		else if (cfg->duplex == 0)
			cfg->flags |= IOPKT_NIC_FLAG_HDX;
	}
	cfg->media = IOPKT_NIC_MEDIA_802_3;
	cfg->mtu = ifp->if_mtu;
	cfg->lan = sc->sc_dev.dv_unit;
	if (lower->perm_addr[0] || lower->perm_addr[1] || lower->perm_addr[2])
		memcpy(cfg->permanent_address, lower->perm_addr,
		       ETHER_ADDR_LEN);
	else
		memcpy(cfg->permanent_address, lower->dev_addr,
		       ETHER_ADDR_LEN);
	memcpy(cfg->current_address, LLADDR(ifp->if_sadl), ETHER_ADDR_LEN);
	strscpy(cfg->device_description, sc->sc_desc,
		sizeof(cfg->device_description));
}

static void shim_get_stats(struct shim_dev *sc, struct iopkt_nic_stats *st)
{
	struct ifnet *ifp = shim_ifp(sc);

	iopkt_nic_stats_from_ifnet(ifp, st);
	st->tx_failed_allocs = sc->sc_tx_failed_allocs;
	st->rx_failed_allocs = sc->sc_rx_failed_allocs;
}

/* ifdc_data: a kernel buffer the core sized for the command and copies out. */
static int shim_drvcom(struct shim_dev *sc, struct iopkt_drvcom *dc)
{
	void *buf = (void *)(uintptr_t)dc->ifdc_data;

	switch (dc->ifdc_cmd) {
	case IOPKT_DRVCOM_CONFIG:
		shim_get_config(sc, buf);
		return EOK;
	case IOPKT_DRVCOM_STATS:
		shim_get_stats(sc, buf);
		return EOK;
	default:
		return EOPNOTSUPP;
	}
}

static int shim_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	struct shim_dev *sc = ifp->if_softc;
	struct iopkt_ifreq *ifr = (struct iopkt_ifreq *)data;
	int err;

	switch (cmd) {
	case SIOCGIFMEDIA:
	case SIOCSIFMEDIA:
		return ifmedia_ioctl(ifp, data, &sc->sc_media, cmd);
	case SIOCGDRVCOM:
		return shim_drvcom(sc, (struct iopkt_drvcom *)data);
	case SIOCSIFMTU:
		/* No larger than what the lower device sends. */
		if (!sc->sc_lower || ifr->ifr_mtu > (int)sc->sc_lower->mtu)
			return EINVAL;
		fallthrough;
	default:
		err = ether_ioctl(ifp, cmd, data);
		if (err != ENETRESET)
			return err;
		if (!(ifp->if_flags & IFF_RUNNING))
			return EOK;
		if (cmd == SIOCADDMULTI || cmd == SIOCDELMULTI) {
			shim_update_modes(sc);
			return EOK;
		}
		return ifp->if_init(ifp);
	}
}

/*
 * ---------------------------------------------------------------------
 * Attach, detach, shutdown
 * ---------------------------------------------------------------------
 */
static void shim_shutdown(void *arg)
{
	struct shim_dev *sc = arg;

	/* Quiet: the rx handler drops from now on. Nothing is freed. */
	WRITE_ONCE(sc->sc_running, false);
}

/* Let go of the lower device: its receive path, its modes, our reference. */
static void shim_unhook(struct shim_dev *sc)
{
	struct ifnet *ifp = shim_ifp(sc);
	struct net_device *lower = sc->sc_lower;

	ASSERT_RTNL();
	if (!lower)
		return;
	if (sc->sc_hooked) {
		/* Waits for rx handlers running on other CPUs. */
		netdev_rx_handler_unregister(lower);
		sc->sc_hooked = false;
	}
	shim_lower_modes(sc, false, false);
	/* shim_start() tests sc_lower under the transmit mutex. */
	if (ifp->if_sadl) {
		NW_SIGLOCK(&ifp->if_snd_ex, sc->sc_iopkt);
		sc->sc_lower = NULL;
		NW_SIGUNLOCK(&ifp->if_snd_ex, sc->sc_iopkt);
	} else {
		sc->sc_lower = NULL;	/* if_attach() failed: no mutex */
	}
	netdev_put(lower, &sc->sc_lower_tracker);
}

/* Undo attach from the point where the interface exists. rtnl held. */
static void shim_teardown(struct shim_dev *sc)
{
	struct ifnet *ifp = shim_ifp(sc);

	shim_unhook(sc);
	/* No interrupt_queue() after this: the rx handler is gone. */
	hrtimer_cancel(&sc->sc_rx_timer);
	interrupt_entry_remove(&sc->sc_inter, NULL);
	skb_queue_purge(&sc->sc_rxq);
	ether_ifdetach(ifp);
	if_detach(ifp);
	ifmedia_delete_instance(&sc->sc_media, IFM_INST_ANY);
}

static int shim_attach(struct iopkt_device *parent, struct iopkt_device *self,
		       void *aux)
{
	struct shim_attach_args *aa = aux;
	struct shim_dev *sc = container_of(self, struct shim_dev, sc_dev);
	struct ifnet *ifp = shim_ifp(sc);
	struct net_device *lower;
	int err;

	ASSERT_RTNL();
	sc->sc_iopkt = aa->iopkt;
	sc->sc_verbose = aa->opts->verbose;
	sc->sc_rxq_max = aa->opts->rxq;
	skb_queue_head_init(&sc->sc_rxq);
	atomic64_set(&sc->sc_rx_qdrops, 0);
	sc->sc_rx_mod_ns = (u64)aa->opts->rx_usecs * NSEC_PER_USEC;
	hrtimer_init(&sc->sc_rx_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	sc->sc_rx_timer.function = shim_rx_timer_fn;

	sc->sc_inter.func = shim_process_interrupt;
	sc->sc_inter.enable = NULL;	/* nothing to unmask: see shim_io.c */
	sc->sc_inter.arg = sc;
	sc->sc_inter.name = sc->sc_dev.dv_xname;
	err = interrupt_entry_init_stack(sc->sc_iopkt, &sc->sc_inter, 0,
					 aa->opts->priority);
	if (err != EOK)
		return err;

	strscpy(ifp->if_xname, sc->sc_dev.dv_xname, sizeof(ifp->if_xname));
	ifp->if_softc = sc;
	ifp->if_flags = IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST;
	ifp->if_ioctl = shim_ioctl;
	ifp->if_start = shim_start;
	ifp->if_init = shim_init;
	ifp->if_stop = shim_stop;
	IFQ_SET_READY(&ifp->if_snd);
	ifmedia_init(&sc->sc_media, 0, shim_media_change, shim_media_status);
	ifmedia_add(&sc->sc_media, IFM_ETHER | IFM_AUTO, 0, NULL);
	ifmedia_set(&sc->sc_media, IFM_ETHER | IFM_AUTO);

	/*
	 * if_attach() first: the interface's net_device lives in the
	 * instance's network namespace, which is where dev= is looked up.
	 */
	if_attach(ifp);
	if (!iopkt_if_netdev(ifp)) {
		err = ENOMEM;
		goto fail;
	}
	lower = __dev_get_by_name(dev_net(iopkt_if_netdev(ifp)),
				  aa->opts->dev);
	if (!lower) {
		iopkt_mount_error("dev=%s: no such net_device in the instance's namespace",
				  aa->opts->dev);
		err = ENXIO;
		goto fail;
	}
	if (lower->type != ARPHRD_ETHER || lower->addr_len != ETH_ALEN) {
		iopkt_mount_error("dev=%s: not an Ethernet device", lower->name);
		err = EPROTONOSUPPORT;
		goto fail;
	}
	if (iopkt_netdev_ifnet(lower)) {
		iopkt_mount_error("dev=%s: is an iopkt interface itself",
				  lower->name);
		err = EINVAL;
		goto fail;
	}
	netdev_hold(lower, &sc->sc_lower_tracker, GFP_KERNEL);
	sc->sc_lower = lower;
	shim_describe(sc);

	/* The lower device's MTU and address. */
	ifp->if_mtu = min_t(unsigned int, lower->mtu, ETHERMTU_JUMBO);
	if (lower->max_mtu > ETHERMTU)
		sc->sc_ec.ec_capabilities |= ETHERCAP_JUMBO_MTU;
	shim_caps(ifp, lower);
	ether_ifattach(ifp, lower->dev_addr);
	if (!ifp->if_index) {
		err = EEXIST;
		goto fail;
	}

	/*
	 * Take the lower device's receive path: from now on every frame it
	 * receives goes to shim_rx_handler() instead of Linux's protocols.
	 * EBUSY if someone has it (a bridge port, a bond slave, a shim).
	 */
	err = -netdev_rx_handler_register(lower, shim_rx_handler, sc);
	if (err) {
		iopkt_mount_error("dev=%s: cannot take its receive path (a bridge, bond or shim has it): error %d",
				  lower->name, err);
		goto fail;
	}
	sc->sc_hooked = true;

	shim_link_update(sc);
	sc->sc_sdhook = shutdownhook_establish(shim_shutdown, sc);
	if (sc->sc_verbose)
		pr_info("%s: attached to %s, address %pM\n", ifp->if_xname,
			lower->name, lower->dev_addr);
	return EOK;

fail:
	shim_teardown(sc);
	return err;
}

static int shim_detach(struct iopkt_device *self, int flags)
{
	struct shim_dev *sc = container_of(self, struct shim_dev, sc_dev);
	struct ifnet *ifp = shim_ifp(sc);

	ASSERT_RTNL();
	shim_stop(ifp, 1);
	if (sc->sc_sdhook)
		shutdownhook_disestablish(sc->sc_sdhook);
	shim_teardown(sc);
	if (sc->sc_verbose)
		pr_info("%s: detached\n", sc->sc_dev.dv_xname);
	return EOK;
}

static CFATTACH_DECL(shim, sizeof(struct shim_dev), NULL, shim_attach,
		     shim_detach, NULL);

/*
 * ---------------------------------------------------------------------
 * The lower device's events (rtnl held, any thread)
 * ---------------------------------------------------------------------
 */
static int shim_gone_in_stack(void *arg)
{
	struct shim_dev *sc = arg;

	/* Detaches and frees sc (shim_detach, then the core). */
	return dev_detach(&sc->sc_dev, 0);
}

static void shim_lower_gone(struct shim_dev *sc)
{
	struct ifnet *ifp = shim_ifp(sc);
	struct net_device *ndev = iopkt_if_netdev(ifp);
	int err;

	if (ndev && ndev->reg_state != NETREG_REGISTERED) {
		/*
		 * Our own net_device goes away in the same batch (its
		 * network namespace is dismantled): the core detaches us
		 * for that. Only let go of the lower device now.
		 */
		shim_unhook(sc);
		if_link_state_change(ifp, LINK_STATE_DOWN);
		return;
	}
	pr_info("%s: %s is going away: detaching\n", ifp->if_xname,
		sc->sc_lower->name);
	/*
	 * dev_detach() wants the stack context and rtnl; we hold rtnl, and
	 * taking the stack context after it is the core's lock order.
	 */
	if (ISSTACK && iopkt_current_stack() == sc->sc_iopkt)
		err = shim_gone_in_stack(sc);
	else
		err = iopkt_stack_call(sc->sc_iopkt, shim_gone_in_stack, sc);
	if (err)
		pr_err("cannot detach from a vanishing device: error %d\n",
		       err);
}

/*
 * The lower device's MTU went below ours: follow it down, through Linux
 * (dev_set_mtu() on our net_device reaches SIOCSIFMTU in the stack
 * context), so that Linux, iopkt and ifconfig agree. A larger lower MTU
 * changes nothing: raising ours is the administrator's call.
 */
static void shim_lower_mtu(struct shim_dev *sc)
{
	struct ifnet *ifp = shim_ifp(sc);
	struct net_device *ndev = iopkt_if_netdev(ifp);
	int err;

	ASSERT_RTNL();
	if (!ndev || ndev->reg_state != NETREG_REGISTERED ||
	    ifp->if_mtu <= sc->sc_lower->mtu)
		return;
	err = dev_set_mtu(ndev, sc->sc_lower->mtu);
	if (err)
		pr_warn("%s: cannot follow %s down to mtu %u: error %d\n",
			ifp->if_xname, sc->sc_lower->name, sc->sc_lower->mtu,
			err);
	else if (sc->sc_verbose)
		pr_info("%s: mtu %u, as %s\n", ifp->if_xname,
			sc->sc_lower->mtu, sc->sc_lower->name);
}

static int shim_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct shim_dev *sc;

	/* Ours? Only our devices have our rx handler. */
	if (rtnl_dereference(dev->rx_handler) != shim_rx_handler)
		return NOTIFY_DONE;
	sc = rtnl_dereference(dev->rx_handler_data);

	switch (event) {
	case NETDEV_UNREGISTER:
		shim_lower_gone(sc);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		shim_link_update(sc);
		break;
	case NETDEV_CHANGEMTU:
		shim_lower_mtu(sc);
		break;
	case NETDEV_CHANGENAME:
		shim_describe(sc);
		break;
	case NETDEV_CHANGEADDR:
		/* We keep our address; the lower device must now be promisc. */
		shim_update_modes(sc);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block shim_notifier = {
	.notifier_call = shim_netdev_event,
};

/*
 * ---------------------------------------------------------------------
 * Module: not IOPKT_DRIVER_MODULE(), because the notifier must exist for
 * as long as the module does (registering one per device would need rtnl
 * to unregister it, and detach already holds rtnl).
 * ---------------------------------------------------------------------
 */
static struct _iopkt_drvr_entry IOPKT_DRV_ENTRY_SYM(shim) =
	IOPKT_DRV_ENTRY_SYM_INIT(shim_entry);

static int __init shim_module_init(void)
{
	int err;

	err = register_netdevice_notifier(&shim_notifier);
	if (err)
		return err;
	err = iopkt_drvr_register(&IOPKT_DRV_ENTRY_SYM(shim), "shim",
				  THIS_MODULE, 0);
	if (err)
		unregister_netdevice_notifier(&shim_notifier);
	return err;
}

static void __exit shim_module_exit(void)
{
	iopkt_drvr_unregister(&IOPKT_DRV_ENTRY_SYM(shim));
	unregister_netdevice_notifier(&shim_notifier);
}

module_init(shim_module_init);
module_exit(shim_module_exit);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("iopkt driver for a Linux net_device (veth, any NIC)");
