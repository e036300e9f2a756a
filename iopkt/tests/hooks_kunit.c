// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the hooks of the Ethernet receive and transmit path
 * (Documentation/hooks.md). This file has the test driver and helpers the
 * suites share, and the fastforward option; hooks_tap_kunit.c tests the
 * bpf taps, hooks_rx_kunit.c the bridge, promisc, EtherType and ipflow
 * hooks.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include <iopkt/device.h>
#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "tests/hooks_kunit.h"
#include "tests/kunit_wait.h"

struct hk_softc {
	struct iopkt_device sc_dev;
	struct ethercom sc_ec;
	atomic_t sent;		/* test frames the "hardware" sent */
	atomic_t inits;
};

const u8 hk_bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

u16 hk_type_of(struct mbuf *m)
{
	__be16 t;

	if (m_copydata(m, 12, 2, &t))
		return 0;
	return ntohs(t);
}

static int hk_init(struct ifnet *ifp)
{
	struct hk_softc *sc = ifp->if_softc;

	atomic_inc(&sc->inits);
	ifp->if_flags |= IOPKT_IFF_RUNNING;
	return 0;
}

static void hk_stop(struct ifnet *ifp, int disable)
{
	ifp->if_flags &= ~IOPKT_IFF_RUNNING;
}

/* Sends everything at once; counts the test frames. */
static void hk_start(struct ifnet *ifp)
{
	struct hk_softc *sc = ifp->if_softc;
	struct mbuf *m;

	for (;;) {
		IFQ_DEQUEUE(&ifp->if_snd, m);
		if (!m)
			break;
		if (hk_type_of(m) == HK_TYPE)
			atomic_inc(&sc->sent);
		ifp->if_opackets++;
		m_freem(m);
	}
	NW_SIGUNLOCK_P(&ifp->if_snd_ex, NULL, NULL);
}

static int hk_attach(struct iopkt_device *parent, struct iopkt_device *self,
		     void *aux)
{
	struct hk_softc *sc = (struct hk_softc *)self;
	struct ifnet *ifp = &sc->sc_ec.ec_if;
	u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x48, self->dv_unit };

	strscpy(ifp->if_xname, self->dv_xname, sizeof(ifp->if_xname));
	ifp->if_softc = sc;
	ifp->if_flags = IOPKT_IFF_BROADCAST | IOPKT_IFF_SIMPLEX |
			IOPKT_IFF_MULTICAST;
	ifp->if_init = hk_init;
	ifp->if_stop = hk_stop;
	ifp->if_start = hk_start;
	IFQ_SET_READY(&ifp->if_snd);
	if_attach(ifp);
	ether_ifattach(ifp, mac);
	return EOK;
}

static int hk_detach(struct iopkt_device *self, int flags)
{
	struct hk_softc *sc = (struct hk_softc *)self;
	struct ifnet *ifp = &sc->sc_ec.ec_if;

	hk_stop(ifp, 1);
	ether_ifdetach(ifp);
	if_detach(ifp);
	return EOK;
}

static CFATTACH_DECL(hk, sizeof(struct hk_softc), NULL, hk_attach,
		     hk_detach, NULL);

static int hk_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	struct iopkt_device *dev = NULL;

	return dev_attach("khk", options, &hk_ca, NULL, NULL, &dev, NULL);
}

static struct _iopkt_drvr_entry hk_drvr = IOPKT_DRV_ENTRY_SYM_INIT(hk_entry);

/* Linux's receive path saw a test frame (what it sends does not count). */
static int hk_linux_rcv(struct sk_buff *skb, struct net_device *dev,
			struct packet_type *pt, struct net_device *orig)
{
	struct hk_if *h = container_of(pt, struct hk_if, pt);

	if (skb->pkt_type != PACKET_OUTGOING)
		atomic_inc(&h->linux_rx);
	kfree_skb(skb);
	return 0;
}

/* khk0 in instance 0, up, with Linux's receive path watched. */
void hk_up(struct kunit *test, struct hk_if *h)
{
	char err[128];
	int rc;

	memset(h, 0, sizeof(*h));
	KUNIT_ASSERT_EQ(test, iopkt_mount(iopkt_selfp, IOPKT_MOD_DRIVER,
					  "khk", NULL, err, sizeof(err)), 0);
	h->ifp = iopkt_ifunit(iopkt_selfp, "khk0");
	KUNIT_ASSERT_NOT_NULL(test, h->ifp);
	h->dev = iopkt_if_netdev(h->ifp);
	rtnl_lock();
	rc = iopkt_if_set_flags(h->ifp, h->ifp->if_flags | IOPKT_IFF_UP);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, rc, 0);
	h->pt.type = htons(ETH_P_ALL);
	h->pt.dev = h->dev;
	h->pt.func = hk_linux_rcv;
	dev_add_pack(&h->pt);
}

void hk_down(struct kunit *test, struct hk_if *h)
{
	int rc;

	dev_remove_pack(&h->pt);
	rtnl_lock();
	rc = iopkt_if_destroy(iopkt_selfp, "khk0");
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, rc, 0);
}

/* A frame to @dst of @type with @len bytes in all (zeroed payload). */
struct mbuf *hk_frame(const u8 *dst, u16 type, int len)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);
	u8 *p = mtod(m, u8 *);

	memset(p, 0, len);
	memcpy(p, dst, ETH_ALEN);
	memset(p + ETH_ALEN, 0x02, ETH_ALEN);
	p[12] = type >> 8;
	p[13] = type & 0xff;
	m->m_len = m->m_pkthdr.len = len;
	return m;
}

/* The driver received @m: what its process function does. */
void hk_rx(struct hk_if *h, struct mbuf *m)
{
	h->ifp->if_input(h->ifp, m);
}

/* Linux's stack sends a test frame out of khk0. */
void hk_tx_linux(struct kunit *test, struct hk_if *h)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	u8 *p;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put_zero(skb, 60);
	memcpy(p, hk_bcast, ETH_ALEN);
	memcpy(p + ETH_ALEN, h->dev->dev_addr, ETH_ALEN);
	p[12] = HK_TYPE >> 8;
	p[13] = HK_TYPE & 0xff;
	skb->dev = h->dev;
	skb->protocol = htons(HK_TYPE);
	skb_reset_mac_header(skb);
	local_bh_disable();
	rc = dev_queue_xmit(skb);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, rc, NET_XMIT_SUCCESS);
}

int hk_sent(struct hk_if *h)
{
	return atomic_read(&((struct hk_softc *)h->ifp->if_softc)->sent);
}

int hk_inits(struct hk_if *h)
{
	return atomic_read(&((struct hk_softc *)h->ifp->if_softc)->inits);
}

int hk_suite_init(struct kunit_suite *suite)
{
	return iopkt_drvr_register(&hk_drvr, "khk", THIS_MODULE, 0);
}

void hk_suite_exit(struct kunit_suite *suite)
{
	iopkt_drvr_unregister(&hk_drvr);
}

/*
 * fastforward: until an ipflow module exists, fastforward=1 is refused
 * with a reason instead of being accepted and ignored; fastforward=0 and
 * forward alone are accepted and leave it off.
 */
static void fastforward_option(struct kunit *test)
{
	struct iopkt_netstate *ns = iopkt_ns(iopkt_selfp);
	bool enmap_off = ns->enmap_off;
	char err[128] = "";

	KUNIT_EXPECT_EQ(test, iopkt_tcpip_apply(iopkt_selfp, "fastforward=1",
						err, sizeof(err)), EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, strstr(err,
					   "fastforward: not implemented yet"));
	KUNIT_EXPECT_EQ(test, iopkt_tcpip_apply(iopkt_selfp,
						"forward,fastforward=1", err,
						sizeof(err)), EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, iopkt_tcpip_apply(iopkt_selfp, "fastforward=0",
						err, sizeof(err)), 0);
	KUNIT_EXPECT_EQ(test, ns->fastforward, 0);
	KUNIT_EXPECT_EQ(test, iopkt_tcpip_apply(iopkt_selfp, "forward", err,
						sizeof(err)), 0);
	KUNIT_EXPECT_EQ(test, ns->fastforward, 0);
	ns->enmap_off = enmap_off;
}

static struct kunit_case hk_option_cases[] = {
	KUNIT_CASE(fastforward_option),
	{}
};

static struct kunit_suite iopkt_hooks_option_suite = {
	.name = "iopkt_hooks_fastforward",
	.test_cases = hk_option_cases,
};

kunit_test_suites(&iopkt_hooks_option_suite, &iopkt_hooks_bpf_suite,
		  &iopkt_hooks_rx_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("KUnit tests of the Ethernet path hooks of iopkt");
