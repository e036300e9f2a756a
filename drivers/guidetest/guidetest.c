// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-guidetest: the driver-API conformance driver.
 *
 * The guide's Appendix C sample, sam.c, written again the way a driver
 * author ports it: io-pkt's names and call sequence kept (iopkt_selfp
 * saved at attach, interrupt_entry_init() before func/enable/arg are set,
 * IRUPT_PRIO_DEFAULT, an ISR returning interrupt_queue()'s sigevent,
 * cfg.verbose, log(LOG_ERR, ...), NW_SIGUNLOCK_P() in if_start, no
 * interrupt_entry_remove() in detach), only the QNX OS calls replaced:
 * InterruptAttach/Mask/Unmask become the simulated NIC's (an irq_work runs
 * the ISR in hard-IRQ context), SYSPAGE_ENTRY(qtime) goes. Beyond sam.c it
 * drives a PHY through the MII layer (mii_attach, mii_tick from a
 * callout) and answers nicinfo (DRVCOM_CONFIG with NIC_FLAG_*).
 * tools/testing/integration/drvapi.sh loads it into instances 0 and 2.
 *
 * io-pkt API: callbacks return EOK or a positive errno (lint: bsd-errno).
 */
#define pr_fmt(fmt) "devnp-guidetest: " fmt

#include "guidetest.h"

struct _iopkt_drvr_entry IOPKT_DRV_ENTRY_SYM(guidetest) =
	IOPKT_DRV_ENTRY_SYM_INIT(sam_entry);

CFATTACH_DECL(sam, sizeof(struct sam_dev), NULL, sam_attach, sam_detach,
	      NULL);

/* Initial driver entry point. */
int sam_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	int instance, single;
	struct iopkt_device *dev;
	void *attach_args;

	/* verbose is the only option of ours; name=/unit= are the stack's */
	attach_args = (options && strstr(options, "verbose")) ? (void *)1 : NULL;
	single = 1;

	for (instance = 0;;) {
		dev = NULL;	/* no parent */
		if (dev_attach("gt", options, &sam_ca, attach_args, &single,
			       &dev, NULL) != EOK)
			break;
		dev->dv_dll_hdl = dll_hdl;
		instance++;
		if (single)
			break;
	}
	if (instance > 0)
		return EOK;
	return ENODEV;
}

static int sam_mediachange(struct ifnet *ifp)
{
	struct sam_dev *sam = ifp->if_softc;

	return mii_mediachg(&sam->sc_mii);
}

static void sam_mediastatus(struct ifnet *ifp, struct iopkt_ifmediareq *ifmr)
{
	struct sam_dev *sam = ifp->if_softc;

	mii_pollstat(&sam->sc_mii);
	ifmr->ifm_status = sam->sc_mii.mii_media_status;
	ifmr->ifm_active = sam->sc_mii.mii_media_active;
}

static void sam_mii_statchg(struct iopkt_device *dev)
{
	struct sam_dev *sam = (struct sam_dev *)dev;

	if (sam->cfg.verbose)
		log(LOG_INFO, "%s: media %#x", dev->dv_xname,
		    sam->sc_mii.mii_media_active);
}

static void sam_mii_tick(void *arg)
{
	struct sam_dev *sam = arg;

	mii_tick(&sam->sc_mii);
	callout_msec(&sam->sc_mii_callout, 1000, sam_mii_tick, sam);
}

static void sam_irq(struct irq_work *w)
{
	struct sam_dev *sam = container_of(w, struct sam_dev, sc_hw.irq);

	if (iopkt_isr_return(sam_isr(sam, sam->sc_iid)) == IRQ_NONE)
		sam->sc_intr_spurious++;
}

int sam_attach(struct iopkt_device *parent, struct iopkt_device *self,
	       void *aux)
{
	int err;
	struct sam_dev *sam;
	struct ifnet *ifp;
	u8 enaddr[ETHER_ADDR_LEN];
	int i;

	sam = (struct sam_dev *)self;
	ifp = &sam->sc_ec.ec_if;

	/* the instance this driver was mounted into, in every instance */
	sam->sc_iopkt = iopkt_selfp;
	sam->cfg.verbose = aux ? 1 : 0;
	sam->sc_irq = 0;
	gt_hw_init(sam, sam_irq);

	/* the guide's order: register first, fill in afterwards */
	err = interrupt_entry_init(&sam->sc_inter, 0, NULL,
				   IRUPT_PRIO_DEFAULT);
	if (err != EOK) {
		log(LOG_ERR, "%s(): interrupt_entry_init failed: %d", __func__,
		    err);
		return err;
	}
	sam->sc_inter.func = sam_process_interrupt;
	sam->sc_inter.enable = sam_enable_interrupt;
	sam->sc_inter.arg = sam;

	sam->sc_iid = -1;	/* not attached yet */

	ifp->if_flags = IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST;
	ifp->if_ioctl = sam_ioctl;
	ifp->if_start = sam_start;
	ifp->if_init = sam_init;
	ifp->if_stop = sam_stop;
	IFQ_SET_READY(&ifp->if_snd);
	ifp->if_softc = sam;

	/* the PHY */
	sam->sc_mii.mii_ifp = ifp;
	sam->sc_mii.mii_readreg = gt_phy_read;
	sam->sc_mii.mii_writereg = gt_phy_write;
	sam->sc_mii.mii_statchg = sam_mii_statchg;
	ifmedia_init(&sam->sc_mii.mii_media, 0, sam_mediachange,
		     sam_mediastatus);
	mii_attach(self, &sam->sc_mii, 0xffffffff, MII_PHY_ANY,
		   MII_OFFSET_ANY, 0);
	if (sam->sc_mii.mii_instance == 0) {
		ifmedia_add(&sam->sc_mii.mii_media, IFM_ETHER | IFM_NONE, 0,
			    NULL);
		ifmedia_set(&sam->sc_mii.mii_media, IFM_ETHER | IFM_NONE);
	} else {
		ifmedia_set(&sam->sc_mii.mii_media, IFM_ETHER | IFM_AUTO);
	}
	callout_init(&sam->sc_mii_callout);

	strscpy(ifp->if_xname, sam->sc_dev.dv_xname, sizeof(ifp->if_xname));
	if_attach(ifp);

	for (i = 0; i < ETHER_ADDR_LEN; i++)
		enaddr[i] = i;
	enaddr[0] = 0x02;			/* locally administered */
	enaddr[5] = sam->sc_dev.dv_unit;
	memcpy(sam->cfg.permanent_address, enaddr, ETHER_ADDR_LEN);
	ether_ifattach(ifp, enaddr);

	sam->sc_sdhook = shutdownhook_establish(sam_shutdown, sam);
	if (sam->cfg.verbose)
		log(LOG_INFO, "%s: attached, PHY at %d", ifp->if_xname,
		    sam->sc_mii.mii_phy);
	return EOK;
}

int sam_init(struct ifnet *ifp)
{
	struct sam_dev *sam = ifp->if_softc;

	if (memcmp(sam->cfg.current_address, LLADDR(ifp->if_sadl),
		   ifp->if_addrlen))
		memcpy(sam->cfg.current_address, LLADDR(ifp->if_sadl),
		       ifp->if_addrlen);

	if (sam->sc_iid == -1) {
		gt_hw_attach(sam);	/* InterruptAttach() */
		sam->sc_iid = 1;
	}
	mii_mediachg(&sam->sc_mii);
	mii_tick(&sam->sc_mii);
	callout_msec(&sam->sc_mii_callout, 1000, sam_mii_tick, sam);
	ifp->if_flags |= IFF_RUNNING;
	return EOK;
}

void sam_stop(struct ifnet *ifp, int disable)
{
	struct sam_dev *sam = ifp->if_softc;

	callout_stop(&sam->sc_mii_callout);
	if (disable && sam->sc_iid != -1) {
		gt_hw_stop(sam);	/* InterruptDetach() */
		sam->sc_iid = -1;
	}
	ifp->if_flags &= ~IFF_RUNNING;
}

void sam_start(struct ifnet *ifp)
{
	struct sam_dev *sam = ifp->if_softc;
	struct nw_work_thread *wtp = WTP;
	struct mbuf *m;
	int len;

	for (;;) {
		IFQ_POLL(&ifp->if_snd, m);
		if (!m)
			break;
		IFQ_DEQUEUE(&ifp->if_snd, m);
		len = m->m_pkthdr.len;
		if (len > GT_FRAME_MAX) {
			ifp->if_oerrors++;
			m_freem(m);
			continue;
		}
		m_copydata(m, 0, len, sam->sc_txbuf);
		if (len < ETHER_HDR_LEN + ETHERMIN) {	/* pad short frames */
			memset(sam->sc_txbuf + len, 0,
			       ETHER_HDR_LEN + ETHERMIN - len);
			len = ETHER_HDR_LEN + ETHERMIN;
		}
		gt_hw_send(sam, sam->sc_txbuf, len);
		if (sam->cfg.verbose)
			log(LOG_DEBUG, "%s: packet sent", ifp->if_xname);
		m_freem(m);
		ifp->if_opackets++;
	}
	NW_SIGUNLOCK_P(&ifp->if_snd_ex, iopkt_selfp, wtp);
}

static void sam_get_config(struct sam_dev *sam, nic_config_t *cfg)
{
	struct ifnet *ifp = &sam->sc_ec.ec_if;
	int active;

	mii_pollstat(&sam->sc_mii);
	active = sam->sc_mii.mii_media_active;
	*cfg = sam->cfg;
	cfg->flags = NIC_FLAG_BROADCAST | NIC_FLAG_MULTICAST;
	if (!(sam->sc_mii.mii_media_status & IFM_ACTIVE))
		cfg->flags |= NIC_FLAG_LINK_DOWN;
	else
		cfg->flags |= active & IFM_FDX ? NIC_FLAG_FDX : NIC_FLAG_HDX;
	cfg->media = NIC_MEDIA_802_3;
	cfg->media_rate = ifmedia_baudrate(active) / 1000;
	cfg->duplex = !!(active & IFM_FDX);
	cfg->mtu = ifp->if_mtu;
	cfg->lan = sam->sc_dev.dv_unit;
	strscpy(cfg->device_description, "guide sam.c conformance driver",
		sizeof(cfg->device_description));
}

int sam_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	struct sam_dev *sam = ifp->if_softc;
	struct iopkt_drvcom *dc;
	int error;

	switch (cmd) {
	case SIOCGIFMEDIA:
	case SIOCSIFMEDIA:
		return ifmedia_ioctl(ifp, data, &sam->sc_mii.mii_media, cmd);
	case SIOCGDRVCOM:
		dc = (struct iopkt_drvcom *)data;
		if (dc->ifdc_cmd == DRVCOM_CONFIG) {
			sam_get_config(sam, (void *)(uintptr_t)dc->ifdc_data);
			return EOK;
		}
		if (dc->ifdc_cmd == DRVCOM_STATS) {
			iopkt_nic_stats_from_ifnet(ifp,
						   (void *)(uintptr_t)dc->ifdc_data);
			return EOK;
		}
		return EOPNOTSUPP;
	default:
		error = ether_ioctl(ifp, cmd, data);
		if (error == ENETRESET)		/* multicast list: no filter */
			error = 0;
		return error;
	}
}

/*
 * Clean up everything, as the guide's sam_detach() does - which does not
 * call interrupt_entry_remove(): the stack removes sc_inter itself before
 * it frees this softc.
 */
int sam_detach(struct iopkt_device *dev, int flags)
{
	struct sam_dev *sam = (struct sam_dev *)dev;
	struct ifnet *ifp = &sam->sc_ec.ec_if;

	sam_stop(ifp, 1);
	ether_ifdetach(ifp);
	if_detach(ifp);
	mii_detach(&sam->sc_mii, MII_PHY_ANY, MII_OFFSET_ANY);
	shutdownhook_disestablish(sam->sc_sdhook);
	return EOK;
}

void sam_shutdown(void *arg)
{
	struct sam_dev *sam = arg;

	sam_stop(&sam->sc_ec.ec_if, 1);
}

const struct sigevent *sam_isr(void *arg, int iid)
{
	struct sam_dev *sam = arg;
	struct _iopkt_inter *ient = &sam->sc_inter;

	gt_hw_mask(sam);	/* InterruptMask() */
	return interrupt_queue(sam->sc_iopkt, ient);
}

int sam_process_interrupt(void *arg, struct nw_work_thread *wtp)
{
	struct sam_dev *sam = arg;
	struct ifnet *ifp = &sam->sc_ec.ec_if;
	struct mbuf *m;
	int len, n;

	for (n = 0; n < GT_RING; n++) {
		len = gt_hw_take(sam, sam->sc_rxbuf);
		if (!len)
			return 1;
		sam->sc_intr_cnt++;
		m = m_getcl_wtp(M_DONTWAIT, MT_DATA, M_PKTHDR, wtp);
		if (!m) {
			ifp->if_ierrors++;
			continue;
		}
		memcpy(mtod(m, void *), sam->sc_rxbuf, len);
		m->m_pkthdr.len = len;
		m->m_len = len;
		m->m_pkthdr.rcvif = ifp;
		ifp->if_ipackets++;
		(*ifp->if_input)(ifp, m);
	}
	/* more may be waiting: let other sources run first */
	return 0;
}

int sam_enable_interrupt(void *arg)
{
	struct sam_dev *sam = arg;

	gt_hw_unmask(sam);	/* InterruptUnmask() */
	return 1;
}

IOPKT_DRIVER_MODULE(guidetest);
MODULE_DESCRIPTION("iopkt driver-API conformance driver (the guide's sam.c)");
MODULE_LICENSE("GPL");
