// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-sam: out-of-band control, ifp->if_ioctl.
 *
 * Media (ifconfig -m, ifconfig sam0 media 100baseTX mediaopt full-duplex),
 * the multicast filter, nicinfo's SIOCGDRVCOM and SIOCGDRVSPEC
 * (sam_drvspec.h). Everything else goes to ether_ioctl(). if_ioctl runs in
 * the stack context.
 */
/*
 * io-pkt API: the driver's callbacks return io-pkt's EOK or a positive
 * errno, as io-pkt expects. (lint: bsd-errno)
 */
#define pr_fmt(fmt) "devnp-sam: " fmt

#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <iopkt/ioctl.h>

#include "sam.h"
#include "sam_drvspec.h"

/*
 * ---------------------------------------------------------------------
 * Media. The "PHY" takes the medium the user picks; autoselect
 * negotiates the best one, 1000baseT full duplex.
 * ---------------------------------------------------------------------
 */

/* The medium in use for the medium @media set (resolves autoselect). */
static int sam_active_media(int media)
{
	if (IFM_SUBTYPE(media) == IFM_AUTO)
		return IFM_ETHER | IFM_1000_T | IFM_FDX;
	return media;
}

/**
 * sam_media_rate_kbps() - the link speed a medium gives
 * @media: a media word, IFM_AUTO allowed
 *
 * Return: kbit/s, 0 for none.
 */
int sam_media_rate_kbps(int media)
{
	switch (IFM_SUBTYPE(sam_active_media(media))) {
	case IFM_10_T:
		return 10 * 1000;
	case IFM_100_TX:
		return 100 * 1000;
	case IFM_1000_T:
		return 1000 * 1000;
	default:
		return 0;
	}
}

/* ifmedia's change callback: the user set sc_media.ifm_media. */
static int sam_media_change(struct ifnet *ifp)
{
	struct sam_dev *sam = ifp->if_softc;
	int media = sam->sc_media.ifm_media;

	if (IFM_TYPE(media) != IFM_ETHER)
		return EINVAL;
	/* Program the PHY; a real one renegotiates and the link bounces. */
	WRITE_ONCE(sam->sc_hw.media, media);
	if (ifp->if_link_state == LINK_STATE_UP)
		ifp->if_baudrate = (u64)sam_media_rate_kbps(media) * 1000;
	if (sam->sc_verbose)
		pr_info("%s: media %#x, %d kbit/s\n", ifp->if_xname, media,
			sam_media_rate_kbps(media));
	return EOK;
}

/* ifmedia's status callback: what is active and whether there is link. */
static void sam_media_status(struct ifnet *ifp, struct iopkt_ifmediareq *ifmr)
{
	struct sam_dev *sam = ifp->if_softc;

	ifmr->ifm_status = IFM_AVALID;
	if (!sam_hw_link(sam)) {
		ifmr->ifm_active = IFM_ETHER | IFM_NONE;
		return;
	}
	ifmr->ifm_status |= IFM_ACTIVE;
	ifmr->ifm_active = sam_active_media(READ_ONCE(sam->sc_hw.media));
}

/**
 * sam_media_init() - offer the media of a 10/100/1000BASE-T PHY
 * @sam: the device
 *
 * Called once by sam_attach().
 */
void sam_media_init(struct sam_dev *sam)
{
	struct ifmedia *ifm = &sam->sc_media;

	ifmedia_init(ifm, 0, sam_media_change, sam_media_status);
	ifmedia_add(ifm, IFM_ETHER | IFM_AUTO, 0, NULL);
	ifmedia_add(ifm, IFM_ETHER | IFM_10_T | IFM_HDX, 0, NULL);
	ifmedia_add(ifm, IFM_ETHER | IFM_10_T | IFM_FDX, 0, NULL);
	ifmedia_add(ifm, IFM_ETHER | IFM_100_TX | IFM_HDX, 0, NULL);
	ifmedia_add(ifm, IFM_ETHER | IFM_100_TX | IFM_FDX, 0, NULL);
	ifmedia_add(ifm, IFM_ETHER | IFM_1000_T | IFM_HDX, 0, NULL);
	ifmedia_add(ifm, IFM_ETHER | IFM_1000_T | IFM_FDX, 0, NULL);
	ifmedia_set(ifm, IFM_ETHER | IFM_AUTO);
}

/*
 * ---------------------------------------------------------------------
 * Multicast filter
 * ---------------------------------------------------------------------
 */

/**
 * sam_set_multicast() - program the multicast filter from the stack's list
 * @sam: the device
 *
 * The NIC has SAM_MCAST_MAX exact-match entries. An address range (only
 * multicast routing asks for one), more addresses than entries, or
 * IFF_ALLMULTI / IFF_PROMISC open the filter to every multicast address.
 * The guide's sam records that in ifp->if_flags (IFF_ALLMULTI); iopkt
 * keeps if_flags in step with the Linux net_device, so the driver's own
 * state stays in sc_allmulti. Stack context.
 */
void sam_set_multicast(struct sam_dev *sam)
{
	struct ethercom *ec = &sam->sc_ec;
	struct ifnet *ifp = &ec->ec_if;
	struct ether_multistep step;
	struct ether_multi *enm;
	bool allmulti = ifp->if_flags & (IFF_ALLMULTI | IFF_PROMISC);
	unsigned int n = 0;

	ETHER_FIRST_MULTI(step, ec, enm);
	while (enm) {
		if (memcmp(enm->enm_addrlo, enm->enm_addrhi, ETHER_ADDR_LEN))
			allmulti = true;	/* a range: no exact match */
		else if (n < SAM_MCAST_MAX)
			memcpy(sam->sc_mcast[n++], enm->enm_addrlo,
			       ETHER_ADDR_LEN);
		else
			allmulti = true;	/* out of filter entries */
		ETHER_NEXT_MULTI(step, enm);
	}

	/* A real NIC: write the filter registers here. */
	sam->sc_nmcast = n;
	sam->sc_allmulti = allmulti;
	sam->sc_stats.mcast_updates++;

	if (sam->sc_verbose) {
		unsigned int i;

		for (i = 0; i < n; i++)
			pr_info("%s: multicast filter: %pM\n", ifp->if_xname,
				sam->sc_mcast[i]);
		pr_info("%s: multicast filter: %u entries, %s\n",
			ifp->if_xname, n,
			allmulti ? "all multicast accepted" : "exact match");
	}
}

/*
 * ---------------------------------------------------------------------
 * nicinfo: SIOCGDRVCOM
 * ---------------------------------------------------------------------
 */
static void sam_get_config(struct sam_dev *sam, struct iopkt_nic_config *cfg)
{
	struct ifnet *ifp = sam_ifp(sam);
	int active = sam_active_media(READ_ONCE(sam->sc_hw.media));
	bool link = sam_hw_link(sam);

	*cfg = sam->sc_cfg;
	cfg->flags = IOPKT_NIC_FLAG_BROADCAST | IOPKT_NIC_FLAG_MULTICAST;
	if (ifp->if_flags & IFF_PROMISC)
		cfg->flags |= IOPKT_NIC_FLAG_PROMISCUOUS;
	if (link) {
		cfg->flags |= active & IFM_FDX ? IOPKT_NIC_FLAG_FDX :
						 IOPKT_NIC_FLAG_HDX;
		cfg->media_rate = sam_media_rate_kbps(active);
		cfg->duplex = !!(active & IFM_FDX);
	} else {
		cfg->flags |= IOPKT_NIC_FLAG_LINK_DOWN;
		cfg->media_rate = -1;
		cfg->duplex = -1;
	}
	cfg->media = IOPKT_NIC_MEDIA_802_3;
	cfg->mtu = ifp->if_mtu;
	cfg->lan = sam->sc_dev.dv_unit;
	cfg->num_irqs = 0;		/* no hardware, no interrupt line */
	memcpy(cfg->current_address, LLADDR(ifp->if_sadl), ETHER_ADDR_LEN);
	strscpy(cfg->device_description, "iopkt sample driver (no hardware)",
		sizeof(cfg->device_description));
}

static void sam_get_stats(struct sam_dev *sam, struct iopkt_nic_stats *st)
{
	/* bytes, packets, errors: what the core counts for every driver */
	iopkt_nic_stats_from_ifnet(sam_ifp(sam), st);
	st->txed_multicast = sam->sc_stats.tx_multicast;
	st->rxed_multicast = sam->sc_stats.rx_multicast;
	st->txed_broadcast = sam->sc_stats.tx_broadcast;
	st->rxed_broadcast = sam->sc_stats.rx_broadcast;
	st->tx_failed_allocs = sam->sc_stats.tx_failed_allocs;
	st->rx_failed_allocs = sam->sc_stats.rx_failed_allocs;
	/* Frames the NIC had no receive descriptor for. */
	st->internal_rx_errors = atomic64_read(&sam->sc_hw.rx_missed);
}

/*
 * The core copied the request in, checked ifdc_len against the structure
 * the command asks for, and points ifdc_data at a kernel buffer it copies
 * out afterwards: write, don't copy_to_user().
 */
static int sam_drvcom(struct sam_dev *sam, struct iopkt_drvcom *dc)
{
	void *buf = (void *)(uintptr_t)dc->ifdc_data;

	switch (dc->ifdc_cmd) {
	case IOPKT_DRVCOM_CONFIG:
		sam_get_config(sam, buf);
		return EOK;
	case IOPKT_DRVCOM_STATS:
		sam_get_stats(sam, buf);
		return EOK;
	default:
		return EOPNOTSUPP;
	}
}

/*
 * SIOCGDRVSPEC: the core copied the caller's buffer into ifd_data (ifd_len
 * bytes, at most IOPKT_DRVSPEC_MAXLEN) and copies it back: write there.
 */
static int sam_drvspec(struct sam_dev *sam, struct ifdrv *ifd)
{
	struct sam_drvspec_rings *r = ifd->ifd_data;

	switch (ifd->ifd_cmd) {
	case SAM_DRVSPEC_RINGS:
		if (ifd->ifd_len < sizeof(*r))
			return EINVAL;
		r->rxring = sam->sc_nrx;
		r->txring = sam->sc_ntx;
		/* a snapshot, as the debugfs "hw" file reads it */
		r->tx_used = READ_ONCE(sam->sc_tx_used);
		r->tx_ring_full = READ_ONCE(sam->sc_stats.tx_ring_full);
		r->tx_kicks = READ_ONCE(sam->sc_stats.tx_kicks);
		r->mcast_entries = sam->sc_nmcast;
		ifd->ifd_len = sizeof(*r);
		return EOK;
	default:
		return EINVAL;
	}
}

/**
 * sam_ioctl() - the interface's if_ioctl
 * @ifp: the interface
 * @cmd: the request (NetBSD numbers)
 * @data: its argument, already copied into the kernel
 *
 * Stack context.
 *
 * Return: EOK or a positive errno.
 */
int sam_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	struct sam_dev *sam = ifp->if_softc;
	int err;

	switch (cmd) {
	case SIOCGIFMEDIA:
	case SIOCSIFMEDIA:
		return ifmedia_ioctl(ifp, data, &sam->sc_media, cmd);

	case SIOCGDRVCOM:
		return sam_drvcom(sam, (struct iopkt_drvcom *)data);

	case SIOCGDRVSPEC:
		return sam_drvspec(sam, (struct ifdrv *)data);

	default:
		err = ether_ioctl(ifp, cmd, data);
		if (err != ENETRESET)
			return err;
		/*
		 * ENETRESET: the hardware must follow a change. Not
		 * running: sam_init() will apply it at the next up.
		 */
		if (!(ifp->if_flags & IFF_RUNNING))
			return EOK;
		if (cmd == SIOCADDMULTI || cmd == SIOCDELMULTI) {
			/* The multicast list changed: reprogram the filter. */
			sam_set_multicast(sam);
			return EOK;
		}
		/* Capabilities, MTU, ...: sam_init() applies them. */
		return ifp->if_init(ifp);
	}
}
