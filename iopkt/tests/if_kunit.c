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
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <uapi/iopkt/genl.h>

#include <iopkt/device.h>
#include <iopkt/interrupt.h>
#include <iopkt/if_ether.h>

#include "net/net_impl.h"
#include "tests/kunit_wait.h"

struct kut_softc {
	struct iopkt_device sc_dev;
	struct ethercom sc_ec;
	int ring;		/* frames "in the hardware" */
	int ring_size;
	int starts;		/* if_start calls */
	int inits;
	int stops;
	int sent;
	int starts_in_stack;	/* if_start calls in the stack context */
};

static struct kut_softc *kut_last;

static int kut_init(struct ifnet *ifp)
{
	struct kut_softc *sc = ifp->if_softc;

	sc->inits++;
	ifp->if_flags |= IOPKT_IFF_RUNNING;
	return 0;
}

static void kut_stop(struct ifnet *ifp, int disable)
{
	struct kut_softc *sc = ifp->if_softc;

	sc->stops++;
	ifp->if_flags &= ~IOPKT_IFF_RUNNING;
}

static void kut_start(struct ifnet *ifp)
{
	struct kut_softc *sc = ifp->if_softc;
	struct mbuf *m;

	sc->starts++;
	if (ISSTACK)
		sc->starts_in_stack++;
	ifp->if_flags_tx |= IOPKT_IFF_OACTIVE;
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
	ifp->if_flags_tx &= ~IOPKT_IFF_OACTIVE;
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
	ifp->if_flags = IOPKT_IFF_BROADCAST | IOPKT_IFF_SIMPLEX |
			IOPKT_IFF_MULTICAST;
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
	KUNIT_EXPECT_EQ(test, kut_set_flags(ifp, ifp->if_flags | IOPKT_IFF_UP), 0);
	/* the multicast list Linux sets on open may re-init (ENETRESET) */
	KUNIT_EXPECT_GE(test, kut_last->inits, 1);
	KUNIT_EXPECT_TRUE(test, ifp->if_flags & IOPKT_IFF_RUNNING);
	KUNIT_EXPECT_TRUE(test, iopkt_if_netdev(ifp)->flags & IFF_UP);
	KUNIT_EXPECT_EQ(test, kut_set_flags(ifp, ifp->if_flags & ~IOPKT_IFF_UP), 0);
	KUNIT_EXPECT_EQ(test, kut_last->stops, 1);
	KUNIT_EXPECT_FALSE(test, ifp->if_flags & IOPKT_IFF_RUNNING);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
	KUNIT_EXPECT_NULL(test, iopkt_ifunit(iopkt_selfp, "kut0"));
}

/*
 * Linux must not send through kut0 while a test counts its send queue: an
 * interface that comes up gets IPv6 (DAD, router solicitations, MLD
 * reports, at moments of Linux's choosing). With no IPv4 address, IPv4
 * sends nothing.
 */
static void kut_no_ipv6(struct ifnet *ifp)
{
#if IS_ENABLED(CONFIG_IPV6)
	struct inet6_dev *idev;

	rtnl_lock();
	idev = __in6_dev_get(iopkt_if_netdev(ifp));
	if (idev)
		idev->cnf.disable_ipv6 = 1;
	rtnl_unlock();
#endif
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
	kut_no_ipv6(ifp);
	KUNIT_ASSERT_EQ(test, kut_set_flags(ifp, ifp->if_flags | IOPKT_IFF_UP), 0);

	/* two fit in the ring; the third leaves the driver OACTIVE */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), 0);
	KUNIT_EXPECT_EQ(test, sc->sent, 2);
	KUNIT_EXPECT_EQ(test, sc->starts, 3);
	KUNIT_EXPECT_TRUE(test, ifp->if_flags_tx & IOPKT_IFF_OACTIVE);
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
	KUNIT_EXPECT_FALSE(test, ifp->if_flags_tx & IOPKT_IFF_OACTIVE);
	KUNIT_EXPECT_EQ(test, (int)ifp->if_opackets, 6);

	/* down purges what is queued */
	sc->ring = sc->ring_size;
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(ifp, kut_frame()), 0);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 1);
	ifp->if_flags_tx &= ~IOPKT_IFF_OACTIVE;
	KUNIT_EXPECT_EQ(test, kut_set_flags(ifp, ifp->if_flags & ~IOPKT_IFF_UP), 0);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 0);
	KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
}

/* A frame as Linux would hand it to kut0's ndo_start_xmit. */
static struct sk_buff *kut_skb(struct net_device *dev)
{
	struct sk_buff *skb = alloc_skb(NET_IP_ALIGN + 60, GFP_KERNEL);
	u8 *p;

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);
	p = skb_put_zero(skb, 60);
	eth_broadcast_addr(p);
	ether_addr_copy(p + ETH_ALEN, dev->dev_addr);
	p[12] = 0x88;
	p[13] = 0xb5;
	skb->dev = dev;
	skb->protocol = htons(0x88b5);
	skb_reset_mac_header(skb);
	return skb;
}

static bool kut_txq_stopped(struct net_device *dev)
{
	return netif_tx_queue_stopped(netdev_get_tx_queue(dev, 0));
}

/*
 * Backpressure: a full if_snd stops Linux's queue, so what Linux sends
 * meanwhile waits in the qdisc instead of being dropped; the driver's
 * IFQ_DEQUEUE()s restart it and every frame goes out.
 */
static void if_backpressure(struct kunit *test)
{
	struct net_device *dev;
	struct ifnet *ifp;
	struct kut_softc *sc;
	int i, left;

	KUNIT_ASSERT_EQ(test, kut_mount(NULL), 0);
	ifp = iopkt_ifunit(iopkt_selfp, "kut0");
	KUNIT_ASSERT_NOT_NULL(test, ifp);
	sc = kut_last;
	dev = iopkt_if_netdev(ifp);
	kut_no_ipv6(ifp);
	KUNIT_ASSERT_EQ(test, kut_set_flags(ifp, ifp->if_flags | IOPKT_IFF_UP), 0);
	KUNIT_ASSERT_TRUE(test, netif_carrier_ok(dev));

	/* the driver's ring is full: it stays OACTIVE, if_snd (4) fills */
	sc->ring = sc->ring_size;
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, dev_queue_xmit(kut_skb(dev)), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, sc->sent, 0);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 4);
	KUNIT_EXPECT_TRUE(test, kut_txq_stopped(dev));
	KUNIT_EXPECT_EQ(test, ifp->if_snd.ifq_drops, 0);

	/*
	 * "TX complete", round after round: the driver sends two, if_snd is
	 * half empty, Linux's queue restarts and refills it from the qdisc
	 * (in NET_TX softirq: wait for it).
	 */
	for (i = 0; i < 10 && sc->sent < 10; i++) {
		sc->ring = 0;
		NW_SIGLOCK(&ifp->if_snd_ex, NULL);
		kut_start(ifp);
		left = 10 - sc->sent;
		if (!kunit_wait_until(READ_ONCE(ifp->if_snd.ifq_len) == min(4, left))) {
			KUNIT_FAIL(test, "if_snd holds %d, not %d: Linux's queue did not restart",
				   READ_ONCE(ifp->if_snd.ifq_len), min(4, left));
			break;
		}
	}
	KUNIT_EXPECT_EQ(test, sc->sent, 10);
	KUNIT_EXPECT_EQ(test, IFQ_LEN(&ifp->if_snd), 0);
	KUNIT_EXPECT_FALSE(test, kut_txq_stopped(dev));
	KUNIT_EXPECT_EQ(test, ifp->if_snd.ifq_drops, 0);
	KUNIT_EXPECT_EQ(test, (int)ifp->if_oerrors, 0);

	/* full again, then down: the purge restarts the queue too */
	sc->ring = sc->ring_size;
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, dev_queue_xmit(kut_skb(dev)), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_TRUE(test, kut_txq_stopped(dev));
	NW_SIGLOCK(&ifp->if_snd_ex, NULL);
	IFQ_PURGE(&ifp->if_snd);
	NW_SIGUNLOCK(&ifp->if_snd_ex, NULL);
	KUNIT_EXPECT_FALSE(test, kut_txq_stopped(dev));
	KUNIT_EXPECT_FALSE(test, ifp->if_snd.ifq_stopped);
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

static int kwifi_entry(void *dll_hdl, struct _iopkt_self *iopkt,
		       char *options)
{
	return EOK;
}

static struct _iopkt_drvr_entry kwifi_drvr =
	IOPKT_DRV_ENTRY_SYM_INIT(kwifi_entry);

/*
 * io-pkt-v4: a Wi-Fi driver is refused with a reason, there is no AF_INET6
 * pfil head, and Linux gets no IPv6 on the interfaces.
 */
static void v4_variant(struct kunit *test)
{
	struct iopkt_netstate *ns = iopkt_ns(iopkt_selfp);
	int saved = ns->variant;
	struct net_device *dev;
	struct ifnet *ifp;
	char err[160] = "";
	int rc;

	KUNIT_ASSERT_EQ(test, iopkt_drvr_register(&kwifi_drvr, "kwifi",
						  THIS_MODULE,
						  IOPKT_DRVR_WIFI), 0);
	ns->variant = IOPKT_VARIANT_V4;
	rc = iopkt_mount(iopkt_selfp, IOPKT_MOD_DRIVER, "kwifi", NULL, err,
			 sizeof(err));
	KUNIT_EXPECT_EQ(test, rc, EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, strstr(err, "Wi-Fi driver"));
	KUNIT_EXPECT_NULL(test, iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_AF,
						    AF_INET6));
	KUNIT_EXPECT_NOT_NULL(test, iopkt_pfil_head_get(iopkt_selfp,
							PFIL_TYPE_AF,
							AF_INET));
#if IS_BUILTIN(CONFIG_IPV6)
	/* no ASSERTs from here on: the variant must be restored */
	rc = kut_mount(NULL);
	KUNIT_EXPECT_EQ(test, rc, 0);
	ifp = rc ? NULL : iopkt_ifunit(iopkt_selfp, "kut0");
	KUNIT_EXPECT_NOT_NULL(test, ifp);
	if (ifp) {
		dev = iopkt_if_netdev(ifp);
		rtnl_lock();
		KUNIT_EXPECT_TRUE(test, !__in6_dev_get(dev) ||
					__in6_dev_get(dev)->cnf.disable_ipv6);
		rtnl_unlock();
		KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
	}
#endif
	ns->variant = IOPKT_VARIANT_V6_HC;
	KUNIT_EXPECT_EQ(test, iopkt_mount(iopkt_selfp, IOPKT_MOD_DRIVER,
					  "kwifi", NULL, err, sizeof(err)), 0);
	KUNIT_EXPECT_NOT_NULL(test, iopkt_pfil_head_get(iopkt_selfp,
							PFIL_TYPE_AF,
							AF_INET6));
	ns->variant = saved;
	iopkt_drvr_unregister(&kwifi_drvr);
}

static int kst_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	struct iopkt_device *dev = NULL;

	return dev_attach("kst", options, &kut_ca, NULL, NULL, &dev, NULL);
}

static struct _iopkt_drvr_entry kst_drvr = IOPKT_DRV_ENTRY_SYM_INIT(kst_entry);

static atomic_t st_calls, st_in_stack;
static DECLARE_COMPLETION(st_done);

static int st_process(void *arg, struct nw_work_thread *wtp)
{
	atomic_inc(&st_calls);
	if (ISSTACK)
		atomic_inc(&st_in_stack);
	complete(&st_done);
	return 1;
}

/* Process functions run in the stack context exactly when @single. */
static void st_event_check(struct kunit *test, bool single)
{
	struct _iopkt_inter ient = { .func = st_process };
	int i;

	atomic_set(&st_calls, 0);
	atomic_set(&st_in_stack, 0);
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(iopkt_selfp, &ient, 0,
							 0), 0);
	for (i = 0; i < 20; i++) {
		reinit_completion(&st_done);
		interrupt_queue(iopkt_selfp, &ient);
		KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&st_done, KUNIT_GUARD),
				0UL);
	}
	interrupt_entry_remove(&ient, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&st_calls), 20);
	KUNIT_EXPECT_EQ(test, atomic_read(&st_in_stack), single ? 20 : 0);
}

/* Linux's output: if_start in the stack context exactly when single. */
static int st_xmit(struct kunit *test, struct ifnet *ifp)
{
	struct net_device *dev = iopkt_if_netdev(ifp);
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	struct kut_softc *sc = ifp->if_softc;
	int before = sc->starts, i;

	if (!skb)
		return -ENOMEM;
	memset(skb_put(skb, 60), 0xff, 60);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_802_3);
	skb_reset_mac_header(skb);
	local_bh_disable();
	i = dev_queue_xmit(skb);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, i, NET_XMIT_SUCCESS);
	kunit_wait_until(READ_ONCE(sc->starts) != before);
	sc->ring = 0;	/* the "hardware" sent it */
	return READ_ONCE(sc->starts) - before;
}

/*
 * A single-threaded driver (IOPKT_DRVR_SINGLE_THREADED) makes every driver
 * of the instance run in the stack context: process functions and the
 * if_start of Linux's output; when its last device goes, that ends.
 */
static void single_threaded(struct kunit *test)
{
	struct _iopkt_self *stk = iopkt_selfp;
	struct ifnet *kut, *kst;
	struct kut_softc *sc;
	char err[128];

	st_event_check(test, false);
	KUNIT_ASSERT_EQ(test, iopkt_drvr_register(&kst_drvr, "kst", THIS_MODULE,
						  IOPKT_DRVR_SINGLE_THREADED),
			0);
	KUNIT_EXPECT_EQ(test, kut_mount(NULL), 0);
	kut = iopkt_ifunit(stk, "kut0");
	KUNIT_EXPECT_NOT_NULL(test, kut);
	if (kut) {
		/* only the test's frames: no IPv6 DAD or RS racing st_xmit() */
		kut_no_ipv6(kut);
		KUNIT_EXPECT_EQ(test, kut_set_flags(kut, kut->if_flags | IOPKT_IFF_UP),
				0);
		sc = kut->if_softc;
		KUNIT_EXPECT_EQ(test, st_xmit(test, kut), 1);
		KUNIT_EXPECT_EQ(test, sc->starts_in_stack, 0);
	}
	/* kst0 attaches: now kut0's driver is single-threaded too */
	KUNIT_EXPECT_EQ(test, iopkt_mount(stk, IOPKT_MOD_DRIVER, "kst", NULL,
					  err, sizeof(err)), 0);
	kst = iopkt_ifunit(stk, "kst0");
	KUNIT_EXPECT_NOT_NULL(test, kst);
	st_event_check(test, true);
	if (kut) {
		sc = kut->if_softc;
		sc->starts_in_stack = 0;
		KUNIT_EXPECT_EQ(test, st_xmit(test, kut), 1);
		KUNIT_EXPECT_EQ(test, sc->starts_in_stack, 1);
	}
	if (kst)
		KUNIT_EXPECT_EQ(test, kut_destroy("kst0"), 0);
	st_event_check(test, false);
	if (kut)
		KUNIT_EXPECT_EQ(test, kut_destroy("kut0"), 0);
	iopkt_drvr_unregister(&kst_drvr);
}

static struct kunit_case if_cases[] = {
	KUNIT_CASE(if_updown),
	KUNIT_CASE(if_oactive),
	KUNIT_CASE(if_backpressure),
	KUNIT_CASE(if_naming),
	KUNIT_CASE(pfil_order),
	KUNIT_CASE(pfil_ifnet_events),
	KUNIT_CASE(v4_variant),
	KUNIT_CASE(single_threaded),
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
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("KUnit tests of iopkt interfaces and pfil");
