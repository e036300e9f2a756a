// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: interfaces, the send queue and IFF_OACTIVE, pfil, naming.
 *
 * A test driver "kut" is registered and mounted into instance 0 as a real
 * driver would be; its if_start models a TX ring of a few slots that only
 * the test drains, so the OACTIVE protocol of the guide can be checked
 * step by step.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <uapi/iopkt/genl.h>

#include <iopkt/device.h>
#include <iopkt/if_ether.h>

#include "net_impl.h"

struct kut_softc {
	struct iopkt_device sc_dev;
	struct ethercom sc_ec;
	int ring;		/* frames "in the hardware" */
	int ring_size;
	int starts;		/* if_start calls */
	int inits;
	int stops;
	int sent;
};

static struct kut_softc *kut_last;

static int kut_init(struct ifnet *ifp)
{
	struct kut_softc *sc = ifp->if_softc;

	sc->inits++;
	ifp->if_flags |= IFF_RUNNING;
	return 0;
}

static void kut_stop(struct ifnet *ifp, int disable)
{
	struct kut_softc *sc = ifp->if_softc;

	sc->stops++;
	ifp->if_flags &= ~IFF_RUNNING;
}

static void kut_start(struct ifnet *ifp)
{
	struct kut_softc *sc = ifp->if_softc;
	struct mbuf *m;

	sc->starts++;
	ifp->if_flags_tx |= IFF_OACTIVE;
	for (;;) {
		IFQ_POLL(&ifp->if_snd, m);
		if (!m)
			break;
		if (sc->ring == sc->ring_size) {
			/* out of descriptors: stay OACTIVE */
			NW_SIGUNLOCK_P(&ifp->if_snd_ex, NULL, NULL);
			return;
		}
		IFQ_DEQUEUE(&ifp->if_snd, m);
		m_freem(m);
		sc->ring++;
		sc->sent++;
		ifp->if_opackets++;
	}
	ifp->if_flags_tx &= ~IFF_OACTIVE;
	NW_SIGUNLOCK_P(&ifp->if_snd_ex, NULL, NULL);
}

static int kut_attach(struct iopkt_device *parent, struct iopkt_device *self,
		      void *aux)
{
	struct kut_softc *sc = (struct kut_softc *)self;
	struct ifnet *ifp = &sc->sc_ec.ec_if;
	u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x42, self->dv_unit };

	sc->ring_size = 2;
	strscpy(ifp->if_xname, self->dv_xname, sizeof(ifp->if_xname));
	ifp->if_softc = sc;
	ifp->if_flags = IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST;
	ifp->if_init = kut_init;
	ifp->if_stop = kut_stop;
	ifp->if_start = kut_start;
	IFQ_SET_MAXLEN(&ifp->if_snd, 4);
	IFQ_SET_READY(&ifp->if_snd);
	if_attach(ifp);
	ether_ifattach(ifp, mac);
	kut_last = sc;
	return EOK;
}

static int kut_detach(struct iopkt_device *self, int flags)
{
	struct kut_softc *sc = (struct kut_softc *)self;
	struct ifnet *ifp = &sc->sc_ec.ec_if;

	kut_stop(ifp, 1);
	ether_ifdetach(ifp);
	if_detach(ifp);
	if (kut_last == sc)
		kut_last = NULL;
	return EOK;
}

static CFATTACH_DECL(kut, sizeof(struct kut_softc), NULL, kut_attach,
		     kut_detach, NULL);

static int kut_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	struct iopkt_device *dev = NULL;

	return dev_attach("kut", options, &kut_ca, NULL, NULL, &dev, NULL);
}

static struct _iopkt_drvr_entry kut_drvr = IOPKT_DRV_ENTRY_SYM_INIT(kut_entry);

static int kut_mount(const char *opts)
{
	char err[128];

	return iopkt_mount(iopkt_selfp, IOPKT_MOD_DRIVER, "kut", opts, err,
			   sizeof(err));
}

static int kut_destroy(const char *name)
{
	int err;

	rtnl_lock();
	err = iopkt_if_destroy(iopkt_selfp, name);
	rtnl_unlock();
	return err;
}

static int kut_set_flags(struct ifnet *ifp, int flags)
{
	int err;

	rtnl_lock();
	err = iopkt_if_set_flags(ifp, flags);
	rtnl_unlock();
	return err;
}

static struct mbuf *kut_frame(void)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);

	memset(mtod(m, u8 *), 0xff, ETH_ALEN);
	memset(mtod(m, u8 *) + ETH_ALEN, 0x02, ETH_ALEN);
	mtod(m, u8 *)[12] = 0x88;
	mtod(m, u8 *)[13] = 0xb5;
	m->m_len = m->m_pkthdr.len = 60;
	return m;
}

static int kut_suite_init(struct kunit_suite *suite)
{
	return iopkt_drvr_register(&kut_drvr, "kut", THIS_MODULE, 0);
}

static void kut_suite_exit(struct kunit_suite *suite)
{
	iopkt_drvr_unregister(&kut_drvr);
}

/* Interface down: TX refused with ENETDOWN; up: if_init, RUNNING. */
static void if_updown(struct kunit *test)
{
	struct ifnet *ifp;

	KUNIT_ASSERT_EQ(test, kut_mount(NULL), 0);
	ifp = iopkt_ifunit(iopkt_selfp, "kut0");
	KUNIT_ASSERT_NOT_NULL(test, ifp);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), ENETDOWN);
	KUNIT_EXPECT_EQ(test, kut_last->starts, 0);
	KUNIT_EXPECT_EQ(test, kut_set_flags(ifp, ifp->if_flags | IFF_UP), 0);
	/* the multicast list Linux sets on open may re-init (ENETRESET) */
	KUNIT_EXPECT_GE(test, kut_last->inits, 1);
	KUNIT_EXPECT_TRUE(test, ifp->if_flags & IFF_RUNNING);
	KUNIT_EXPECT_TRUE(test, iopkt_if_netdev(ifp)->flags & 0x1);
	KUNIT_EXPECT_EQ(test, kut_set_flags(ifp, ifp->if_flags & ~IFF_UP), 0);
	KUNIT_EXPECT_EQ(test, kut_last->stops, 1);
	KUNIT_EXPECT_FALSE(test, ifp->if_flags & IFF_RUNNING);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
	KUNIT_EXPECT_NULL(test, iopkt_ifunit(iopkt_selfp, "kut0"));
}

/* The guide's TX protocol: OACTIVE stops if_start calls until a restart. */
static void if_oactive(struct kunit *test)
{
	struct ifnet *ifp;
	struct kut_softc *sc;
	int i;

	KUNIT_ASSERT_EQ(test, kut_mount(NULL), 0);
	ifp = iopkt_ifunit(iopkt_selfp, "kut0");
	KUNIT_ASSERT_NOT_NULL(test, ifp);
	sc = kut_last;
	KUNIT_ASSERT_EQ(test, kut_set_flags(ifp, ifp->if_flags | IFF_UP), 0);

	/* two fit in the ring; the third leaves the driver OACTIVE */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), 0);
	KUNIT_EXPECT_EQ(test, sc->sent, 2);
	KUNIT_EXPECT_EQ(test, sc->starts, 3);
	KUNIT_EXPECT_TRUE(test, ifp->if_flags_tx & IFF_OACTIVE);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 1);

	/* while OACTIVE, enqueueing does not call if_start */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), 0);
	KUNIT_EXPECT_EQ(test, sc->starts, 3);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 4);
	/* the queue holds 4: the next is refused with ENOBUFS */
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), ENOBUFS);
	KUNIT_EXPECT_EQ(test, ifp->if_snd.ifq_drops, 1);

	/* "TX complete": the driver frees its ring and restarts itself */
	sc->ring = 0;
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	kut_start(ifp);
	KUNIT_EXPECT_EQ(test, sc->sent, 4);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 2);
	sc->ring = 0;
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	kut_start(ifp);
	KUNIT_EXPECT_EQ(test, sc->sent, 6);
	KUNIT_EXPECT_FALSE(test, ifp->if_flags_tx & IFF_OACTIVE);
	KUNIT_EXPECT_EQ(test, (int)ifp->if_opackets, 6);

	/* down purges what is queued */
	sc->ring = sc->ring_size;
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), 0);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 1);
	ifp->if_flags_tx &= ~IFF_OACTIVE;
	KUNIT_EXPECT_EQ(test, kut_set_flags(ifp, ifp->if_flags & ~IFF_UP), 0);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 0);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
}

/* name= and unit=, duplicates refused, destroy of unknown names. */
static void if_naming(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, kut_mount("unit=3"), 0);
	KUNIT_EXPECT_NOT_NULL(test, iopkt_ifunit(iopkt_selfp, "kut3"));
	KUNIT_EXPECT_EQ(test, kut_mount("unit=3"), EEXIST);
	KUNIT_EXPECT_EQ(test, kut_mount(NULL), 0);
	KUNIT_EXPECT_NOT_NULL(test, iopkt_ifunit(iopkt_selfp, "kut0"));
	KUNIT_EXPECT_EQ(test, kut_mount("name=kx"), 0);
	KUNIT_EXPECT_NOT_NULL(test, iopkt_ifunit(iopkt_selfp, "kx0"));
	KUNIT_EXPECT_EQ(test, kut_mount("unit=abc"), EINVAL);
	KUNIT_EXPECT_EQ(test, kut_mount("name=bad/name"), EINVAL);
	KUNIT_EXPECT_EQ(test, kut_destroy("nosuch0"), ENXIO);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut3"), 0);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut3"), ENXIO);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
	KUNIT_EXPECT_EQ(test, kut_destroy("kx0"), 0);
	KUNIT_EXPECT_EQ(test, kut_mount("nosuchkey"), 0);	/* kut ignores it */
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
}

static int order[8];
static int norder;

static int hook_a(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	order[norder++] = 1;
	return 0;
}

static int hook_b(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	order[norder++] = 2;
	return 0;
}

static int hook_stop(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	order[norder++] = 3;
	return EACCES;
}

/* replaces the packet: the next hook must see the new one */
static int hook_replace(void *arg, struct mbuf **mp, struct ifnet *ifp,
			int dir)
{
	struct mbuf *n = m_gethdr(M_DONTWAIT, MT_DATA);

	order[norder++] = 4;
	if (!n)
		return ENOBUFS;
	n->m_len = n->m_pkthdr.len = 20;
	m_freem(*mp);
	*mp = n;
	return 0;
}

static int hook_len(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	*(int *)arg = (*mp)->m_pkthdr.len;
	return 0;
}

static void pfil_order(struct kunit *test)
{
	struct pfil_head *ph = iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_AF,
						   AF_INET);
	struct mbuf *m;
	int len = 0;

	KUNIT_ASSERT_NOT_NULL(test, ph);
	KUNIT_EXPECT_NULL(test, iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_AF,
						    12345));
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_a, NULL, PFIL_ALL, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_b, NULL,
					    PFIL_ALL | PFIL_WAITOK, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_a, NULL, PFIL_IN, ph),
			EEXIST);
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_a, NULL, PFIL_IFNET, ph),
			EINVAL);

	m = kut_frame();
	norder = 0;
	KUNIT_EXPECT_EQ(test, pfil_run_hooks(ph, &m, NULL, PFIL_IN), 0);
	KUNIT_EXPECT_EQ(test, norder, 2);
	KUNIT_EXPECT_EQ(test, order[0], 2);	/* input: last added first */
	KUNIT_EXPECT_EQ(test, order[1], 1);
	norder = 0;
	KUNIT_EXPECT_EQ(test, pfil_run_hooks(ph, &m, NULL, PFIL_OUT), 0);
	KUNIT_EXPECT_EQ(test, order[0], 1);	/* output: in order */
	KUNIT_EXPECT_EQ(test, order[1], 2);

	/* a nonzero return stops the walk */
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_stop, NULL, PFIL_OUT, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_a, &len, PFIL_OUT, ph), 0);
	norder = 0;
	KUNIT_EXPECT_EQ(test, pfil_run_hooks(ph, &m, NULL, PFIL_OUT), EACCES);
	KUNIT_EXPECT_EQ(test, norder, 3);
	KUNIT_EXPECT_EQ(test, order[2], 3);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_stop, NULL, PFIL_OUT, ph),
			0);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_stop, NULL, PFIL_OUT, ph),
			ENOENT);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_a, &len, PFIL_OUT, ph), 0);

	/* a hook may replace the packet; the next one sees the new one */
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_replace, NULL, PFIL_OUT, ph),
			0);
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_len, &len, PFIL_OUT, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_run_hooks(ph, &m, NULL, PFIL_OUT), 0);
	KUNIT_EXPECT_EQ(test, len, 20);
	KUNIT_EXPECT_EQ(test, m->m_pkthdr.len, 20);
	m_freem(m);

	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_replace, NULL,
					       PFIL_OUT | PFIL_WAITOK, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_len, &len,
					       PFIL_OUT | PFIL_WAITOK, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_a, NULL,
					       PFIL_ALL | PFIL_WAITOK, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(hook_b, NULL,
					       PFIL_ALL | PFIL_WAITOK, ph), 0);
}

static int ev_attach, ev_detach, ev_self_removed;

static int hook_ifnet(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	struct pfil_head *ph = arg;

	if ((unsigned long)mp == PFIL_IFNET_ATTACH)
		ev_attach++;
	if ((unsigned long)mp == PFIL_IFNET_DETACH) {
		ev_detach++;
		/* the guide's example removes itself here */
		if (!pfil_remove_hook(hook_ifnet, ph, PFIL_IFNET | PFIL_WAITOK,
				      ph))
			ev_self_removed++;
	}
	return 0;
}

/* PFIL_IFNET hooks see attach and detach, and may remove themselves. */
static void pfil_ifnet_events(struct kunit *test)
{
	struct pfil_head *ph = iopkt_pfil_head_get(iopkt_selfp,
						   PFIL_TYPE_IFNET, 0);

	KUNIT_ASSERT_NOT_NULL(test, ph);
	ev_attach = ev_detach = ev_self_removed = 0;
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_ifnet, ph, PFIL_IFNET, ph), 0);
	KUNIT_EXPECT_EQ(test, pfil_add_hook(hook_a, NULL, PFIL_IN, ph), EINVAL);
	KUNIT_ASSERT_EQ(test, kut_mount(NULL), 0);
	KUNIT_EXPECT_EQ(test, ev_attach, 1);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
	KUNIT_EXPECT_EQ(test, ev_detach, 1);
	KUNIT_EXPECT_EQ(test, ev_self_removed, 1);
	/* gone: a second interface is not reported */
	KUNIT_ASSERT_EQ(test, kut_mount(NULL), 0);
	KUNIT_EXPECT_EQ(test, ev_attach, 1);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
}

static struct kunit_case if_cases[] = {
	KUNIT_CASE(if_updown),
	KUNIT_CASE(if_oactive),
	KUNIT_CASE(if_naming),
	KUNIT_CASE(pfil_order),
	KUNIT_CASE(pfil_ifnet_events),
	{}
};

static struct kunit_suite if_suite = {
	.name = "iopkt_if",
	.suite_init = kut_suite_init,
	.suite_exit = kut_suite_exit,
	.test_cases = if_cases,
};

kunit_test_suite(if_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of iopkt interfaces and pfil");
