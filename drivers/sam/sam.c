// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-sam: entry, attach, init, stop, detach and shutdown.
 *
 * Read this file first, top to bottom: it is the order in which io-pkt
 * calls a driver. Documentation/drivers.md tells the same story with the
 * Linux side of each step.
 */
/*
 * io-pkt API: the driver's callbacks return io-pkt's EOK or a positive
 * errno, as io-pkt expects. (lint: bsd-errno)
 */
#define pr_fmt(fmt) "devnp-sam: " fmt

#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <iopkt/options.h>

#include "sam.h"

static struct cfattach sam_ca;
static int sam_init(struct ifnet *ifp);
static void sam_stop(struct ifnet *ifp, int disable);
static void sam_monitor(void *arg);
static void sam_shutdown(void *arg);

/*
 * ---------------------------------------------------------------------
 * Options
 * ---------------------------------------------------------------------
 *
 * "-d sam verbose=1,rxrate=100" or "mount -T io-pkt -o verbose=1 devnp-sam.ko"
 * hands us "verbose=1,rxrate=100". Each io-pkt driver documents its own
 * options; name= and unit= are the stack's (dev_attach() reads them from
 * the same string), so we let iopkt_drvr_generic_opt() accept those.
 */
#define SAM_OPT_UINT(key, field, lo, hi)				\
	{ .name = key, .type = IOPKT_OPT_UINT,				\
	  .offset = offsetof(struct sam_opts, field),			\
	  .min = (lo), .max = (hi) }
#define SAM_OPT_STR(key, field)						\
	{ .name = key, .type = IOPKT_OPT_STR,				\
	  .offset = offsetof(struct sam_opts, field),			\
	  .size = sizeof_field(struct sam_opts, field) }

static const struct iopkt_opt sam_opt_table[] = {
	SAM_OPT_UINT("verbose", verbose, 0, 10),
	SAM_OPT_UINT("rxrate", rxrate, 0, SAM_RXRATE_MAX),
	SAM_OPT_UINT("txring", txring, SAM_RING_MIN, SAM_RING_MAX),
	SAM_OPT_UINT("rxring", rxring, SAM_RING_MIN, SAM_RING_MAX),
	SAM_OPT_UINT("priority", priority, 0, 255),
	SAM_OPT_STR("mac", mac),
	SAM_OPT_STR("link", link),
};

/* Keys that are not ours: name= and unit= belong to the stack. */
static int sam_opt_unknown(struct iopkt_opts_ctx *ctx, const char *key,
			   const char *val)
{
	if (iopkt_drvr_generic_opt(key))
		return 0;
	snprintf(ctx->err, sizeof(ctx->err), "%s: unknown option", key);
	return -EINVAL;
}

/* Parse @options into @aa; EOK or EINVAL (the reason is logged). */
static int sam_parse_options(const char *options, struct sam_attach_args *aa)
{
	struct iopkt_opts_ctx ctx = { .unknown = sam_opt_unknown };
	struct sam_opts *o = &aa->opts;

	memset(aa, 0, sizeof(*aa));
	o->txring = SAM_TXRING_DEFAULT;
	o->rxring = SAM_RXRING_DEFAULT;
	strscpy(o->link, "up", sizeof(o->link));

	if (iopkt_opts_parse(sam_opt_table, ARRAY_SIZE(sam_opt_table),
			     options, o, &ctx)) {
		iopkt_mount_error("sam: %s", ctx.err);
		return EINVAL;
	}
	if (o->mac[0]) {
		if (!mac_pton(o->mac, aa->mac) ||
		    !is_valid_ether_addr(aa->mac)) {
			iopkt_mount_error("sam: mac=%s: not a unicast Ethernet address",
					  o->mac);
			return EINVAL;
		}
		aa->have_mac = true;
	}
	if (!strcmp(o->link, "up")) {
		aa->link_up = true;
	} else if (strcmp(o->link, "down")) {
		iopkt_mount_error("sam: link=%s: must be up or down", o->link);
		return EINVAL;
	}
	return EOK;
}

/*
 * ---------------------------------------------------------------------
 * Entry: called once per mount, in the stack context of the instance
 * ---------------------------------------------------------------------
 */
static int sam_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	struct sam_attach_args aa;
	struct iopkt_device *dev = NULL;
	int single = 1;
	int err;

	err = sam_parse_options(options, &aa);
	if (err != EOK)
		return err;
	aa.iopkt = iopkt;

	/*
	 * A driver for real hardware loops here over the devices it finds
	 * (a PCI driver: over the matching vendor/device IDs) and calls
	 * dev_attach() for each, stopping after the first if "single" says
	 * so. We "find" exactly one NIC. dev_attach() allocates our softc
	 * (struct sam_dev, zeroed), names it sam0, sam1, ... (or as name=,
	 * unit= say) and calls sam_attach() with @aa as its aux argument.
	 */
	err = dev_attach("sam", options, &sam_ca, &aa, &single, &dev, NULL);
	if (err != EOK)
		return err;
	dev->dv_dll_hdl = dll_hdl;
	return EOK;
}

/* The default station address: locally administered, "sam", the unit. */
static void sam_default_mac(u8 *enaddr, int unit)
{
	enaddr[0] = 0x02;	/* locally administered, unicast */
	enaddr[1] = 's';
	enaddr[2] = 'a';
	enaddr[3] = 'm';
	enaddr[4] = (unit >> 8) & 0xff;
	enaddr[5] = unit & 0xff;
}

static void sam_free_rings(struct sam_dev *sam)
{
	kfree(sam->sc_rx);
	kfree(sam->sc_tx);
	sam->sc_rx = NULL;
	sam->sc_tx = NULL;
}

/*
 * ---------------------------------------------------------------------
 * Attach: once per device. Allocate, hook up to io-pkt; no traffic yet.
 * ---------------------------------------------------------------------
 */
static int sam_attach(struct iopkt_device *parent, struct iopkt_device *self,
		      void *aux)
{
	struct sam_attach_args *aa = aux;
	struct sam_dev *sam = container_of(self, struct sam_dev, sc_dev);
	struct ifnet *ifp = sam_ifp(sam);
	u8 enaddr[ETHER_ADDR_LEN];
	int err;

	sam->sc_iopkt = aa->iopkt;
	sam->sc_verbose = aa->opts.verbose;

	/* The descriptor rings. A real NIC: DMA-coherent memory. */
	sam->sc_nrx = aa->opts.rxring;
	sam->sc_ntx = aa->opts.txring;
	sam->sc_rx = kcalloc(sam->sc_nrx, sizeof(*sam->sc_rx), GFP_KERNEL);
	sam->sc_tx = kcalloc(sam->sc_ntx, sizeof(*sam->sc_tx), GFP_KERNEL);
	if (!sam->sc_rx || !sam->sc_tx) {
		sam_free_rings(sam);
		return ENOMEM;
	}
	mutex_init(&sam->sc_rx_lock);

	/* The station address: mac= or made up (a real NIC: its EEPROM). */
	if (aa->have_mac)
		memcpy(enaddr, aa->mac, ETHER_ADDR_LEN);
	else
		sam_default_mac(enaddr, sam->sc_dev.dv_unit);
	memcpy(sam->sc_cfg.permanent_address, enaddr, ETHER_ADDR_LEN);
	memcpy(sam->sc_cfg.current_address, enaddr, ETHER_ADDR_LEN);

	/*
	 * Our event source. The ISR (sam_isr(), called from the NIC's
	 * interrupt) masks the NIC and queues this entry; a worker thread
	 * then calls func (sam_process_interrupt) and, once it returns 1,
	 * enable (sam_enable_interrupt). iopkt wants func/enable/arg filled
	 * in before registering (the guide's sam fills them in after). The
	 * _stack variant names the instance: io-pkt's interrupt_entry_init()
	 * takes the caller's, which is the same here.
	 */
	sam->sc_inter.func = sam_process_interrupt;
	sam->sc_inter.enable = sam_enable_interrupt;
	sam->sc_inter.arg = sam;
	sam->sc_inter.name = sam->sc_dev.dv_xname;
	err = interrupt_entry_init_stack(sam->sc_iopkt, &sam->sc_inter, 0,
					 aa->opts.priority);
	if (err != EOK) {
		sam_free_rings(sam);
		return err;
	}

	/* Timers: callout_init() once here, callout_msec() as often as needed. */
	callout_init_stack(&sam->sc_tx_callout, sam->sc_iopkt);
	callout_init_stack(&sam->sc_mon_callout, sam->sc_iopkt);

	/* Reset the NIC; it stays off until sam_init(). */
	sam_hw_init(sam, aa->opts.rxrate, aa->link_up);

	/*
	 * What the hardware can offload: nothing. sam's NIC neither fills
	 * in nor checks checksums (its wire is simulated), so it declares
	 * no if_capabilities_rx/tx: the stack computes every checksum
	 * before sam_start() and Linux checks what sam receives. A driver
	 * whose NIC can sets them here (Documentation/drivers.md
	 * "Checksum and segmentation offload"). Jumbo frames it does take.
	 */
	ifp->if_capabilities_rx = 0;
	ifp->if_capabilities_tx = 0;
	sam->sc_ec.ec_capabilities = ETHERCAP_JUMBO_MTU;

	/* The interface and its callbacks. */
	strscpy(ifp->if_xname, sam->sc_dev.dv_xname, sizeof(ifp->if_xname));
	ifp->if_softc = sam;
	ifp->if_flags = IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST;
	ifp->if_ioctl = sam_ioctl;
	ifp->if_start = sam_start;
	ifp->if_init = sam_init;
	ifp->if_stop = sam_stop;
	IFQ_SET_MAXLEN(&ifp->if_snd, max_t(int, sam->sc_ntx, IFQ_MAXLEN));
	IFQ_SET_READY(&ifp->if_snd);

	sam_media_init(sam);

	/*
	 * Into the stack: if_attach() makes the interface (and its Linux
	 * net_device), ether_ifattach() makes it Ethernet with our address
	 * and sets ifp->if_input to ether_input().
	 */
	if_attach(ifp);
	ether_ifattach(ifp, enaddr);
	if (!ifp->if_index) {
		/*
		 * The net_device could not be made (no memory, the name is
		 * taken in the namespace): the core logged why. if_detach()
		 * undoes whatever part of the attach happened.
		 */
		if_detach(ifp);
		ifmedia_delete_instance(&sam->sc_media, IFM_INST_ANY);
		interrupt_entry_remove(&sam->sc_inter, NULL);
		sam_free_rings(sam);
		return EEXIST;
	}

	/* Tell the stack the link state the PHY has now. */
	sam_link_check(sam);

	/* io-pkt exits: quiet the NIC (sam_shutdown). */
	sam->sc_sdhook = shutdownhook_establish(sam_shutdown, sam);

	sam_debugfs_add(sam);

	if (sam->sc_verbose)
		pr_info("%s: attached, address %pM, %u tx / %u rx descriptors, rxrate %lu/s\n",
			ifp->if_xname, enaddr, sam->sc_ntx, sam->sc_nrx,
			aa->opts.rxrate);
	return EOK;
}

/*
 * ---------------------------------------------------------------------
 * Init: called again and again (ifconfig up, address, mtu, capabilities,
 * promisc, ...). Bring the hardware in line with the interface settings;
 * do not reset what already is right: traffic may be flowing.
 * ---------------------------------------------------------------------
 */
static int sam_init(struct ifnet *ifp)
{
	struct sam_dev *sam = ifp->if_softc;
	int err;

	/* 1. The station address may have been changed (ifconfig ... link). */
	if (memcmp(sam->sc_cfg.current_address, LLADDR(ifp->if_sadl),
		   ETHER_ADDR_LEN)) {
		memcpy(sam->sc_cfg.current_address, LLADDR(ifp->if_sadl),
		       ETHER_ADDR_LEN);
		/* A real NIC: write its receive address register here. */
		if (sam->sc_verbose)
			pr_info("%s: station address %pM\n", ifp->if_xname,
				sam->sc_cfg.current_address);
	}

	/*
	 * 2. Offloads: a real driver programs the NIC from
	 * ifp->if_capenable_rx/tx here (and honours m_pkthdr.csum_flags
	 * in its start function). sam has none.
	 */

	/* 3. The longest frame the MAC accepts follows the MTU. */
	sam->sc_maxframe = ifp->if_mtu + ETHER_HDR_LEN + 4;	/* + VLAN tag */

	/* 4. Receive buffers: posted once, kept across inits. */
	err = sam_rx_fill(sam);
	if (err != EOK)
		return err;

	/* 5. The multicast filter and promiscuous mode. */
	sam_set_multicast(sam);

	/* 6. Start the NIC (nothing to do if it already runs). */
	sam_hw_start(sam);

	/*
	 * 7. Running. if_flags_tx carries io-pkt's transmit-side copy of
	 * IFF_RUNNING, which sam_start() tests under the transmit mutex.
	 */
	ifp->if_flags |= IFF_RUNNING;
	NW_SIGLOCK(&ifp->if_snd_ex, sam->sc_iopkt);
	ifp->if_flags_tx |= IFF_RUNNING;
	NW_SIGUNLOCK(&ifp->if_snd_ex, sam->sc_iopkt);

	/* 8. Link state now, then every SAM_MONITOR_MS (the MII callout). */
	sam_link_check(sam);
	callout_msec(&sam->sc_mon_callout, SAM_MONITOR_MS, sam_monitor, sam);

	if (sam->sc_verbose)
		pr_info("%s: init: mtu %llu%s%s\n", ifp->if_xname,
			(unsigned long long)ifp->if_mtu,
			ifp->if_flags & IFF_PROMISC ? ", promiscuous" : "",
			sam->sc_allmulti ? ", all multicast" : "");
	return EOK;
}

/*
 * ---------------------------------------------------------------------
 * Stop: ifconfig down, and before detach. Stop RX and TX, drop what is in
 * flight; keep the structures for the next sam_init(). @disable also
 * releases the receive buffers.
 * ---------------------------------------------------------------------
 */
static void sam_stop(struct ifnet *ifp, int disable)
{
	struct sam_dev *sam = ifp->if_softc;

	/*
	 * Lock out the transmit side first. The guide's stop waits for
	 * IFF_OACTIVE to clear because an io-pkt if_start may be running
	 * elsewhere; here if_start always runs under if_snd_ex and never
	 * sleeps, so once we hold it nobody is inside sam_start(), and
	 * with IFF_RUNNING cleared nobody will transmit again.
	 */
	NW_SIGLOCK(&ifp->if_snd_ex, sam->sc_iopkt);
	ifp->if_flags_tx &= ~(IFF_RUNNING | IFF_OACTIVE);
	NW_SIGUNLOCK(&ifp->if_snd_ex, sam->sc_iopkt);

	/* The timers. In the stack context callout_stop() never waits. */
	callout_stop(&sam->sc_tx_callout);
	callout_stop(&sam->sc_mon_callout);

	/* The NIC: no more DMA, no more interrupts after this. */
	sam_hw_stop(sam);

	/* Frames still in the transmit ring will not be sent. */
	NW_SIGLOCK(&ifp->if_snd_ex, sam->sc_iopkt);
	sam_tx_purge(sam);
	NW_SIGUNLOCK(&ifp->if_snd_ex, sam->sc_iopkt);

	/* Frames received but not yet harvested are stale: drop them. */
	sam_rx_reset(sam, disable);

	ifp->if_flags &= ~IFF_RUNNING;
	ifp->if_timer = 0;

	if (sam->sc_verbose)
		pr_info("%s: stopped%s\n", ifp->if_xname,
			disable ? ", receive buffers released" : "");
}

/*
 * ---------------------------------------------------------------------
 * Detach: ifconfig sam0 destroy, or the instance goes away. Undo all of
 * attach; io-pkt stays up. The guide's test: mount, address, traffic,
 * destroy, a hundred times, without a leak.
 * ---------------------------------------------------------------------
 */
static int sam_detach(struct iopkt_device *self, int flags)
{
	struct sam_dev *sam = container_of(self, struct sam_dev, sc_dev);
	struct ifnet *ifp = sam_ifp(sam);

	/* Nobody may pull the simulated cable (and poke a callout) now. */
	sam_debugfs_remove(sam);

	sam_stop(ifp, 1);

	/* Waits for a process function still running in a worker. */
	interrupt_entry_remove(&sam->sc_inter, NULL);

	/* Out of the stack: no more if_start/if_ioctl/if_init calls. */
	ether_ifdetach(ifp);
	if_detach(ifp);

	/* The link monitor may have been re-armed by the last link poke. */
	callout_stop(&sam->sc_tx_callout);
	callout_stop(&sam->sc_mon_callout);

	ifmedia_delete_instance(&sam->sc_media, IFM_INST_ANY);
	if (sam->sc_sdhook)
		shutdownhook_disestablish(sam->sc_sdhook);
	mutex_destroy(&sam->sc_rx_lock);
	sam_free_rings(sam);

	if (sam->sc_verbose)
		pr_info("%s: detached\n", sam->sc_dev.dv_xname);
	/* dev_detach() frees the softc after we return. */
	return EOK;
}

/*
 * ---------------------------------------------------------------------
 * Shutdown: io-pkt exits (or crashed). Only make the hardware quiet: no
 * freeing, memory may be in any state.
 * ---------------------------------------------------------------------
 */
static void sam_shutdown(void *arg)
{
	struct sam_dev *sam = arg;

	sam_hw_stop(sam);
}

/*
 * ---------------------------------------------------------------------
 * Link state
 * ---------------------------------------------------------------------
 */

/**
 * sam_link_check() - tell the stack what the PHY says, restart TX on link up
 * @sam: the device
 *
 * Stack context (attach, init, the monitor callout). Frames sam_start()
 * held while the link was down are sent now, as the guide's "Managing the
 * TX queue" asks: the stack will not call if_start by itself until it has
 * a new packet.
 */
void sam_link_check(struct sam_dev *sam)
{
	struct ifnet *ifp = sam_ifp(sam);
	bool up = sam_hw_link(sam);
	int state = up ? LINK_STATE_UP : LINK_STATE_DOWN;

	if (ifp->if_link_state == state)
		return;

	if (up) {
		sam->sc_cfg.flags &= ~IOPKT_NIC_FLAG_LINK_DOWN;
		ifp->if_baudrate = (u64)sam_media_rate_kbps(sam->sc_hw.media) *
				   1000;
	} else {
		sam->sc_cfg.flags |= IOPKT_NIC_FLAG_LINK_DOWN;
		ifp->if_baudrate = 0;
	}
	sam->sc_stats.link_changes++;
	if_link_state_change(ifp, state);
	if (sam->sc_verbose)
		pr_info("%s: link %s\n", ifp->if_xname, up ? "up" : "down");

	if (up && (ifp->if_flags & IFF_RUNNING)) {
		/* The kick is not needed: we call if_start directly. */
		callout_stop(&sam->sc_tx_callout);
		NW_SIGLOCK(&ifp->if_snd_ex, sam->sc_iopkt);
		sam_start(ifp);		/* releases if_snd_ex */
	}
}

/* The periodic monitor: link state and transmit housekeeping. */
static void sam_monitor(void *arg)
{
	struct sam_dev *sam = arg;
	struct ifnet *ifp = sam_ifp(sam);

	sam_link_check(sam);

	/*
	 * Free what the NIC has sent, so that mbufs do not sit in the ring
	 * (and if_opackets is current) when nothing else is transmitted.
	 * Transmit descriptors belong to whoever holds if_snd_ex.
	 */
	NW_SIGLOCK(&ifp->if_snd_ex, sam->sc_iopkt);
	sam_tx_reap(sam);
	NW_SIGUNLOCK(&ifp->if_snd_ex, sam->sc_iopkt);

	/* One-shot: re-arm while running (sam_stop() stops us). */
	if (ifp->if_flags & IFF_RUNNING)
		callout_msec(&sam->sc_mon_callout, SAM_MONITOR_MS,
			     sam_monitor, sam);
}

/**
 * sam_link_poke() - have the link monitor look at the PHY now
 * @sam: the device
 *
 * Any context but hard IRQ (the debugfs "link" file calls it). The check
 * itself runs in the stack context, as the guide's MII callout does;
 * callout_msec() resets a pending callout, so the monitor keeps its
 * period afterwards.
 */
void sam_link_poke(struct sam_dev *sam)
{
	callout_msec(&sam->sc_mon_callout, 0, sam_monitor, sam);
}

/*
 * ---------------------------------------------------------------------
 * Registration
 * ---------------------------------------------------------------------
 */
static CFATTACH_DECL(sam, sizeof(struct sam_dev), NULL, sam_attach,
		     sam_detach, NULL);

static struct _iopkt_drvr_entry IOPKT_DRV_ENTRY_SYM(sam) =
	IOPKT_DRV_ENTRY_SYM_INIT(sam_entry);

IOPKT_DRIVER_MODULE(sam);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("iopkt sample network driver (no hardware)");
