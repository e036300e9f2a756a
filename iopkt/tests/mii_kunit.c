// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the MII layer against a simulated PHY - finding it, its media,
 * the active medium from BMCR/BMSR/ANAR/ANLPAR, forced media, and
 * mii_tick() telling the driver about changes.
 */
#include <kunit/test.h>

#include <iopkt/mii.h>

#define SIM_PHY_ADDR	3

struct sim_phy {
	struct iopkt_device dev;	/* what the MII layer hands back */
	u16 reg[8];
	int statchg;
	struct mii_data mii;
};

static int sim_read(struct iopkt_device *dev, int phy, int reg)
{
	struct sim_phy *p = container_of(dev, struct sim_phy, dev);

	if (phy != SIM_PHY_ADDR || reg < 0 || reg >= ARRAY_SIZE(p->reg))
		return 0xffff;	/* nobody there: the bus floats high */
	return p->reg[reg];
}

static void sim_write(struct iopkt_device *dev, int phy, int reg, int val)
{
	struct sim_phy *p = container_of(dev, struct sim_phy, dev);

	if (phy == SIM_PHY_ADDR && reg >= 0 && reg < ARRAY_SIZE(p->reg))
		p->reg[reg] = val;
}

static void sim_statchg(struct iopkt_device *dev)
{
	container_of(dev, struct sim_phy, dev)->statchg++;
}

static struct sim_phy *sim_new(struct kunit *test, u16 bmsr)
{
	struct sim_phy *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p->reg[MII_BMSR] = bmsr;
	p->reg[MII_BMCR] = BMCR_AUTOEN;
	p->mii.mii_readreg = sim_read;
	p->mii.mii_writereg = sim_write;
	p->mii.mii_statchg = sim_statchg;
	ifmedia_init(&p->mii.mii_media, 0, NULL, NULL);
	return p;
}

static int media_count(struct ifmedia *ifm, int mword)
{
	struct ifmedia_entry *e;
	int n = 0;

	list_for_each_entry(e, &ifm->ifm_list, ifm_list)
		if (mword < 0 || e->ifm_media == mword)
			n++;
	return n;
}

#define BMSR_ALL (BMSR_100TXFDX | BMSR_100TXHDX | BMSR_10TFDX | BMSR_10THDX | \
		  BMSR_ANEG)

static void mii_attach_finds_phy_and_offers_its_media(struct kunit *test)
{
	struct sim_phy *p = sim_new(test, BMSR_ALL);
	struct ifmedia *ifm = &p->mii.mii_media;

	mii_attach(&p->dev, &p->mii, 0xffffffff, MII_PHY_ANY, MII_OFFSET_ANY,
		   0);
	KUNIT_EXPECT_EQ(test, p->mii.mii_instance, 1);
	KUNIT_EXPECT_EQ(test, p->mii.mii_phy, SIM_PHY_ADDR);
	KUNIT_EXPECT_EQ(test, media_count(ifm, -1), 5);
	KUNIT_EXPECT_EQ(test, media_count(ifm, IFM_ETHER | IFM_AUTO), 1);
	KUNIT_EXPECT_EQ(test, media_count(ifm, IFM_ETHER | IFM_100_TX | IFM_FDX),
			1);
	KUNIT_EXPECT_EQ(test, media_count(ifm, IFM_ETHER | IFM_10_T), 1);
	mii_detach(&p->mii, MII_PHY_ANY, MII_OFFSET_ANY);
	KUNIT_EXPECT_EQ(test, media_count(ifm, -1), 0);

	/* a 10-only PHY without autonegotiation: two media, no auto */
	p->reg[MII_BMSR] = BMSR_10TFDX | BMSR_10THDX;
	mii_attach(&p->dev, &p->mii, 0xffffffff, SIM_PHY_ADDR, MII_OFFSET_ANY,
		   0);
	KUNIT_EXPECT_EQ(test, media_count(ifm, -1), 2);
	KUNIT_EXPECT_EQ(test, media_count(ifm, IFM_ETHER | IFM_AUTO), 0);
	mii_detach(&p->mii, MII_PHY_ANY, MII_OFFSET_ANY);

	/* not at the addresses asked for, or no PHY at all */
	mii_attach(&p->dev, &p->mii, ~(1U << SIM_PHY_ADDR), MII_PHY_ANY,
		   MII_OFFSET_ANY, 0);
	KUNIT_EXPECT_EQ(test, p->mii.mii_instance, 0);
	p->reg[MII_BMSR] = 0;
	mii_attach(&p->dev, &p->mii, 0xffffffff, MII_PHY_ANY, MII_OFFSET_ANY,
		   0);
	KUNIT_EXPECT_EQ(test, p->mii.mii_instance, 0);
	KUNIT_EXPECT_EQ(test, p->mii.mii_phy, -1);
	KUNIT_EXPECT_EQ(test, media_count(ifm, -1), 0);
	mii_pollstat(&p->mii);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active, IFM_ETHER | IFM_NONE);
	KUNIT_EXPECT_EQ(test, mii_mediachg(&p->mii), ENXIO);
}

static void mii_pollstat_resolves_the_common_ability(struct kunit *test)
{
	struct sim_phy *p = sim_new(test, BMSR_ALL | BMSR_LINK | BMSR_ACOMP);

	mii_attach(&p->dev, &p->mii, 0xffffffff, MII_PHY_ANY, MII_OFFSET_ANY,
		   0);
	p->reg[MII_ANAR] = ANAR_TX_FD | ANAR_TX | ANAR_10_FD | ANAR_10 |
			   ANAR_CSMA;
	p->reg[MII_ANLPAR] = ANLPAR_TX | ANLPAR_10_FD;
	mii_pollstat(&p->mii);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_status, IFM_AVALID | IFM_ACTIVE);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active, IFM_ETHER | IFM_100_TX);

	/* we do not advertise 100: the best common one is 10 full duplex */
	p->reg[MII_ANAR] = ANAR_10_FD | ANAR_10 | ANAR_CSMA;
	mii_pollstat(&p->mii);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active,
			IFM_ETHER | IFM_10_T | IFM_FDX);

	/* negotiation not complete, then no link */
	p->reg[MII_BMSR] &= ~BMSR_ACOMP;
	mii_pollstat(&p->mii);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_status, IFM_AVALID | IFM_ACTIVE);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active, IFM_ETHER | IFM_NONE);
	p->reg[MII_BMSR] &= ~BMSR_LINK;
	mii_pollstat(&p->mii);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_status, IFM_AVALID);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active, IFM_ETHER | IFM_NONE);
	mii_detach(&p->mii, MII_PHY_ANY, MII_OFFSET_ANY);
}

static void mii_mediachg_programs_the_phy(struct kunit *test)
{
	struct sim_phy *p = sim_new(test, BMSR_ALL | BMSR_LINK | BMSR_ACOMP);
	struct ifmedia *ifm = &p->mii.mii_media;

	mii_attach(&p->dev, &p->mii, 0xffffffff, MII_PHY_ANY, MII_OFFSET_ANY,
		   0);
	ifmedia_set(ifm, IFM_ETHER | IFM_10_T | IFM_FDX);
	KUNIT_EXPECT_EQ(test, mii_mediachg(&p->mii), 0);
	KUNIT_EXPECT_EQ(test, p->reg[MII_BMCR], BMCR_FDX);
	mii_pollstat(&p->mii);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active,
			IFM_ETHER | IFM_10_T | IFM_FDX);

	ifmedia_set(ifm, IFM_ETHER | IFM_100_TX);
	mii_mediachg(&p->mii);
	KUNIT_EXPECT_EQ(test, p->reg[MII_BMCR], BMCR_S100);

	ifmedia_set(ifm, IFM_ETHER | IFM_AUTO);
	mii_mediachg(&p->mii);
	KUNIT_EXPECT_EQ(test, p->reg[MII_BMCR], BMCR_AUTOEN | BMCR_STARTNEG);
	KUNIT_EXPECT_EQ(test, p->reg[MII_ANAR],
			ANAR_TX_FD | ANAR_TX | ANAR_10_FD | ANAR_10 | ANAR_CSMA);
	mii_detach(&p->mii, MII_PHY_ANY, MII_OFFSET_ANY);
}

static void mii_tick_tells_the_driver_of_changes(struct kunit *test)
{
	struct sim_phy *p = sim_new(test, BMSR_ALL | BMSR_ACOMP);

	mii_attach(&p->dev, &p->mii, 0xffffffff, MII_PHY_ANY, MII_OFFSET_ANY,
		   0);
	p->reg[MII_ANAR] = ANAR_TX_FD | ANAR_CSMA;
	p->reg[MII_ANLPAR] = ANLPAR_TX_FD;
	mii_tick(&p->mii);		/* no link yet: first poll sets AVALID */
	KUNIT_EXPECT_EQ(test, p->statchg, 1);
	mii_tick(&p->mii);
	KUNIT_EXPECT_EQ(test, p->statchg, 1);
	p->reg[MII_BMSR] |= BMSR_LINK;	/* link up */
	mii_tick(&p->mii);
	KUNIT_EXPECT_EQ(test, p->statchg, 2);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_active,
			IFM_ETHER | IFM_100_TX | IFM_FDX);
	mii_tick(&p->mii);
	KUNIT_EXPECT_EQ(test, p->statchg, 2);
	p->reg[MII_BMSR] &= ~BMSR_LINK;	/* link down */
	mii_tick(&p->mii);
	KUNIT_EXPECT_EQ(test, p->statchg, 3);
	KUNIT_EXPECT_EQ(test, p->mii.mii_media_status, IFM_AVALID);
	mii_detach(&p->mii, MII_PHY_ANY, MII_OFFSET_ANY);
}

static struct kunit_case iopkt_mii_cases[] = {
	KUNIT_CASE(mii_attach_finds_phy_and_offers_its_media),
	KUNIT_CASE(mii_pollstat_resolves_the_common_ability),
	KUNIT_CASE(mii_mediachg_programs_the_phy),
	KUNIT_CASE(mii_tick_tells_the_driver_of_changes),
	{}
};

static struct kunit_suite iopkt_mii_suite = {
	.name = "iopkt_mii",
	.test_cases = iopkt_mii_cases,
};

kunit_test_suite(iopkt_mii_suite);

MODULE_DESCRIPTION("iopkt KUnit: the MII layer");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
