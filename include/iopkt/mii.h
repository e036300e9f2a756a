/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small MII layer for PHY-based drivers, NetBSD's shape: the driver puts
 * a struct mii_data in its softc, fills in mii_ifp and the three
 * callbacks, ifmedia_init()s mii_media and calls mii_attach(); its
 * ifmedia callbacks call mii_mediachg() and mii_pollstat(), and a
 * once-a-second callout calls mii_tick(), which follows the link and
 * calls mii_statchg when the negotiated medium changes (the driver then
 * programs its MAC for the speed and duplex in mii_media_active).
 *
 * One generic PHY (NetBSD's ukphy): media from the BMSR's capabilities,
 * the active medium from BMCR/BMSR and, under autonegotiation, the best
 * ability common to ANAR and ANLPAR. No PHY-specific drivers, no gigabit
 * (1000BASE-T registers), no PHY reset or isolation.
 *
 * Register and bit names: NetBSD's (<dev/mii/mii.h>).
 */
#ifndef _IOPKT_MII_H
#define _IOPKT_MII_H

#include <linux/types.h>

#include <iopkt/device.h>
#include <iopkt/if_media.h>

/*
 * NetBSD's register names. Not <linux/mii.h>: it pulls in ethtool.h,
 * whose m_ext field the mbuf macros would rewrite. The three names both
 * share are spelt exactly as Linux does, so either header may come first.
 */
#ifndef MII_BMCR
#define MII_BMCR		0x00
#endif
#ifndef MII_BMSR
#define MII_BMSR		0x01
#endif
#ifndef BMCR_RESET
#define BMCR_RESET		0x8000
#endif
#define MII_PHYIDR1	0x02
#define MII_PHYIDR2	0x03
#define MII_ANAR	0x04	/* autonegotiation advertisement */
#define MII_ANLPAR	0x05	/* link partner ability */
#define BMCR_S100	0x2000	/* 100 Mb/s when not autonegotiating */
#define BMCR_AUTOEN	0x1000	/* autonegotiation enabled */
#define BMCR_ISO	0x0400	/* isolate */
#define BMCR_STARTNEG	0x0200	/* restart autonegotiation */
#define BMCR_FDX	0x0100	/* full duplex when not autonegotiating */
#define BMSR_100TXFDX	0x4000
#define BMSR_100TXHDX	0x2000
#define BMSR_10TFDX	0x1000
#define BMSR_10THDX	0x0800
#define BMSR_ACOMP	0x0020	/* autonegotiation complete */
#define BMSR_ANEG	0x0008	/* can autonegotiate */
#define BMSR_LINK	0x0004	/* link up (latches low) */
#define ANAR_TX_FD	0x0100
#define ANAR_TX		0x0080
#define ANAR_10_FD	0x0040
#define ANAR_10		0x0020
#define ANAR_CSMA	0x0001
#define ANLPAR_TX_FD	ANAR_TX_FD
#define ANLPAR_TX	ANAR_TX
#define ANLPAR_10_FD	ANAR_10_FD
#define ANLPAR_10	ANAR_10
/* the BMSR's media abilities as ANAR bits */
#define BMSR_MEDIA_TO_ANAR(x)	(((x) & (BMSR_100TXFDX | BMSR_100TXHDX | \
					 BMSR_10TFDX | BMSR_10THDX)) >> 6)

/* mii_attach() locations: any PHY address, any offset */
#define MII_PHY_ANY	(-1)
#define MII_OFFSET_ANY	(-1)

typedef int (*mii_readreg_t)(struct iopkt_device *dev, int phy, int reg);
typedef void (*mii_writereg_t)(struct iopkt_device *dev, int phy, int reg,
			       int val);
typedef void (*mii_statchg_t)(struct iopkt_device *dev);

/**
 * struct mii_data - a driver's MII bus and the PHY found on it
 * @mii_media: the media list (ifconfig media); ifmedia_init() it before
 *	mii_attach()
 * @mii_ifp: the interface (its link state follows the PHY's)
 * @mii_readreg: reads a PHY register (16 bits; 0 or 0xffff: no PHY there)
 * @mii_writereg: writes one
 * @mii_statchg: told that mii_media_active changed (may be NULL)
 * @mii_media_status: IFM_AVALID, with IFM_ACTIVE while the link is up
 * @mii_media_active: the active medium (IFM_ETHER | IFM_100_TX | IFM_FDX,
 *	IFM_ETHER | IFM_NONE without link or before negotiation completed)
 * @mii_instance: how many PHYs mii_attach() found (0 or 1)
 * @mii_phy: the PHY's address, -1 before mii_attach() found one
 *
 * The rest is private.
 */
struct mii_data {
	struct ifmedia mii_media;
	struct ifnet *mii_ifp;
	mii_readreg_t mii_readreg;
	mii_writereg_t mii_writereg;
	mii_statchg_t mii_statchg;
	int mii_media_status;
	int mii_media_active;
	int mii_instance;
	int mii_phy;
	/* private */
	struct iopkt_device *mii_dev;
	int mii_capabilities;
};

void mii_attach(struct iopkt_device *parent, struct mii_data *mii,
		int capmask, int phyloc, int offloc, int flags);
void mii_detach(struct mii_data *mii, int phyloc, int offloc);
int mii_mediachg(struct mii_data *mii);
void mii_pollstat(struct mii_data *mii);
void mii_tick(struct mii_data *mii);

#endif /* _IOPKT_MII_H */
