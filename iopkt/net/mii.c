// SPDX-License-Identifier: GPL-2.0
/*
 * The MII layer: one generic PHY behind a driver's register accessors,
 * its media in the driver's ifmedia list, the link state and the
 * negotiated medium followed by mii_tick(). See <iopkt/mii.h>.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include <iopkt/if.h>
#include <iopkt/mii.h>

#define MII_NPHY	32

static int phy_read(struct mii_data *mii, int reg)
{
	return mii->mii_readreg(mii->mii_dev, mii->mii_phy, reg) & 0xffff;
}

static void phy_write(struct mii_data *mii, int reg, int val)
{
	mii->mii_writereg(mii->mii_dev, mii->mii_phy, reg, val);
}

/**
 * mii_attach() - find the PHY on a driver's MII bus and offer its media
 * @parent: the driver's device, passed to the register accessors
 * @mii: the driver's mii_data: mii_ifp, the callbacks and an initialised
 *	mii_media filled in
 * @capmask: PHY addresses to look at, one bit each (0xffffffff: all)
 * @phyloc: one address, or MII_PHY_ANY
 * @offloc: unused (MII_OFFSET_ANY)
 * @flags: unused, 0
 *
 * The first address whose BMSR reads as neither 0 nor 0xffff is the PHY;
 * its BMSR abilities become media (10baseT, 100baseTX, half and full
 * duplex, and auto when it can negotiate). The driver then picks one with
 * ifmedia_set(). mii_instance says whether a PHY was found.
 */
void mii_attach(struct iopkt_device *parent, struct mii_data *mii,
		int capmask, int phyloc, int offloc, int flags)
{
	int phy, first = 0, last = MII_NPHY - 1, bmsr;

	mii->mii_dev = parent;
	mii->mii_phy = -1;
	mii->mii_instance = 0;
	mii->mii_media_status = 0;
	mii->mii_media_active = IFM_ETHER | IFM_NONE;
	if (phyloc != MII_PHY_ANY) {
		if (phyloc < 0 || phyloc >= MII_NPHY)
			return;
		first = phyloc;
		last = phyloc;
	}
	for (phy = first; phy <= last; phy++) {
		if (!(capmask & (1U << phy)))
			continue;
		bmsr = mii->mii_readreg(parent, phy, MII_BMSR) & 0xffff;
		if (bmsr == 0 || bmsr == 0xffff)
			continue;
		mii->mii_phy = phy;
		mii->mii_instance = 1;
		mii->mii_capabilities = bmsr;
		break;
	}
	if (!mii->mii_instance)
		return;
	bmsr = mii->mii_capabilities;
	if (bmsr & BMSR_10THDX)
		ifmedia_add(&mii->mii_media, IFM_ETHER | IFM_10_T, 0, NULL);
	if (bmsr & BMSR_10TFDX)
		ifmedia_add(&mii->mii_media, IFM_ETHER | IFM_10_T | IFM_FDX, 0,
			    NULL);
	if (bmsr & BMSR_100TXHDX)
		ifmedia_add(&mii->mii_media, IFM_ETHER | IFM_100_TX, 0, NULL);
	if (bmsr & BMSR_100TXFDX)
		ifmedia_add(&mii->mii_media, IFM_ETHER | IFM_100_TX | IFM_FDX,
			    0, NULL);
	if (bmsr & BMSR_ANEG)
		ifmedia_add(&mii->mii_media, IFM_ETHER | IFM_AUTO, 0, NULL);
}
EXPORT_SYMBOL_NS_GPL(mii_attach, IOPKT);

/**
 * mii_detach() - forget the PHY and its media (the driver's detach)
 * @mii: the driver's mii_data
 * @phyloc: unused (MII_PHY_ANY)
 * @offloc: unused (MII_OFFSET_ANY)
 */
void mii_detach(struct mii_data *mii, int phyloc, int offloc)
{
	ifmedia_delete_instance(&mii->mii_media, IFM_INST_ANY);
	mii->mii_instance = 0;
	mii->mii_phy = -1;
}
EXPORT_SYMBOL_NS_GPL(mii_detach, IOPKT);

/**
 * mii_mediachg() - program the PHY for the medium the user selected
 * @mii: the driver's mii_data
 *
 * Auto: advertise every ability of the PHY and restart negotiation;
 * otherwise force the speed and duplex. For the driver's ifmedia change
 * callback.
 *
 * Return: EOK, or ENXIO without a PHY.
 */
int mii_mediachg(struct mii_data *mii)
{
	struct ifmedia_entry *cur = mii->mii_media.ifm_cur;
	int media, bmcr = 0;

	if (!mii->mii_instance)
		return ENXIO;
	media = cur ? cur->ifm_media : IFM_ETHER | IFM_AUTO;
	if (IFM_SUBTYPE(media) == IFM_AUTO) {
		phy_write(mii, MII_ANAR,
			  BMSR_MEDIA_TO_ANAR(mii->mii_capabilities) | ANAR_CSMA);
		phy_write(mii, MII_BMCR, BMCR_AUTOEN | BMCR_STARTNEG);
		return EOK;
	}
	if (IFM_SUBTYPE(media) == IFM_100_TX)
		bmcr |= BMCR_S100;
	if (media & IFM_FDX)
		bmcr |= BMCR_FDX;
	phy_write(mii, MII_BMCR, bmcr);
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(mii_mediachg, IOPKT);

/* The best ability both ends have (IEEE 802.3 annex 28B priority). */
static int mii_resolve(int common)
{
	if (common & ANLPAR_TX_FD)
		return IFM_100_TX | IFM_FDX;
	if (common & ANLPAR_TX)
		return IFM_100_TX;
	if (common & ANLPAR_10_FD)
		return IFM_10_T | IFM_FDX;
	if (common & ANLPAR_10)
		return IFM_10_T;
	return IFM_NONE;
}

/**
 * mii_pollstat() - read the link and the active medium from the PHY
 * @mii: the driver's mii_data
 *
 * Sets mii_media_status and mii_media_active; for the driver's ifmedia
 * status callback (copy both into the request).
 */
void mii_pollstat(struct mii_data *mii)
{
	int bmsr, bmcr;

	mii->mii_media_status = IFM_AVALID;
	mii->mii_media_active = IFM_ETHER | IFM_NONE;
	if (!mii->mii_instance)
		return;
	/* the link bit latches low: the second read is the current state */
	bmsr = phy_read(mii, MII_BMSR);
	bmsr = phy_read(mii, MII_BMSR);
	if (!(bmsr & BMSR_LINK))
		return;
	mii->mii_media_status |= IFM_ACTIVE;
	bmcr = phy_read(mii, MII_BMCR);
	if (bmcr & BMCR_AUTOEN) {
		if (!(bmsr & BMSR_ACOMP))
			return;
		mii->mii_media_active = IFM_ETHER |
			mii_resolve(phy_read(mii, MII_ANAR) &
				    phy_read(mii, MII_ANLPAR));
		return;
	}
	mii->mii_media_active = IFM_ETHER |
		(bmcr & BMCR_S100 ? IFM_100_TX : IFM_10_T) |
		(bmcr & BMCR_FDX ? IFM_FDX : 0);
}
EXPORT_SYMBOL_NS_GPL(mii_pollstat, IOPKT);

/**
 * mii_tick() - follow the PHY (the driver's once-a-second callout)
 * @mii: the driver's mii_data
 *
 * Polls the PHY; when the link came up or went down the interface's link
 * state follows (if_link_state_change()), and when the link or the active
 * medium changed mii_statchg is called so the driver can program its MAC.
 */
void mii_tick(struct mii_data *mii)
{
	int status = mii->mii_media_status;
	int active = mii->mii_media_active;

	mii_pollstat(mii);
	if (status == mii->mii_media_status && active == mii->mii_media_active)
		return;
	if (mii->mii_ifp && (status ^ mii->mii_media_status) & IFM_ACTIVE)
		if_link_state_change(mii->mii_ifp,
				     mii->mii_media_status & IFM_ACTIVE ?
				     LINK_STATE_UP : LINK_STATE_DOWN);
	if (mii->mii_statchg)
		mii->mii_statchg(mii->mii_dev);
}
EXPORT_SYMBOL_NS_GPL(mii_tick, IOPKT);
