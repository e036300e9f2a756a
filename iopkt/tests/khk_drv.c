// SPDX-License-Identifier: GPL-2.0
/*
 * "khk": the test driver of the hook suites (khk_drv.h). Mounted into
 * instance 0 as a real driver is; one interface per mount.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>

#include <uapi/iopkt/genl.h>

#include "net/net_impl.h"
#include "tests/khk_drv.h"

static struct khk_softc *khk_last;

static int khk_init(struct ifnet *ifp)
{
	ifp->if_flags |= IOPKT_IFF_RUNNING;
	return 0;
}

static void khk_stop(struct ifnet *ifp, int disable)
{
	ifp->if_flags &= ~IOPKT_IFF_RUNNING;
}

static void khk_start(struct ifnet *ifp)
{
	struct khk_softc *sc = ifp->if_softc;
	struct mbuf *m;

	for (;;) {
		u8 type[2];

		IFQ_DEQUEUE(&ifp->if_snd, m);
		if (!m)
			break;
		/* the tests' frames only, not Linux's neighbour discovery */
		if (!m_copydata(m, 12, 2, type) &&
		    (type[0] == 0x88 || (type[0] == 0x08 && type[1] == 0))) {
			sc->sent++;
			sc->last_csum = m->m_pkthdr.csum_flags;
			m_copydata(m, 0, min_t(int, m->m_pkthdr.len,
					       sizeof(sc->last)), sc->last);
		}
		m_freem(m);
		ifp->if_opackets++;
	}
	NW_SIGUNLOCK_P(&ifp->if_snd_ex, NULL, NULL);
}

static int khk_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	struct khk_softc *sc = ifp->if_softc;
	struct khk_priv *p = (struct khk_priv *)data;

	sc->ioctls++;
	if (cmd == KHK_SIOCGPRIV) {
		p->val = KHK_PRIV_ANSWER + sc->sc_dev.dv_unit;
		return 0;
	}
	return ether_ioctl(ifp, cmd, data);
}

static int khk_attach(struct iopkt_device *parent, struct iopkt_device *self,
		      void *aux)
{
	struct khk_softc *sc = (struct khk_softc *)self;
	struct ifnet *ifp = &sc->sc_ec.ec_if;
	u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x6b, self->dv_unit };

	strscpy(ifp->if_xname, self->dv_xname, sizeof(ifp->if_xname));
	ifp->if_softc = sc;
	ifp->if_flags = IOPKT_IFF_BROADCAST | IOPKT_IFF_SIMPLEX |
			IOPKT_IFF_MULTICAST;
	ifp->if_init = khk_init;
	ifp->if_stop = khk_stop;
	ifp->if_start = khk_start;
	ifp->if_ioctl = khk_ioctl;
	ifp->if_capabilities_rx = IOPKT_IFCAP_CSUM_IPv4 | IOPKT_IFCAP_CSUM_TCPv4 |
				  IOPKT_IFCAP_CSUM_UDPv4 | IOPKT_IFCAP_CSUM_TCPv6 |
				  IOPKT_IFCAP_CSUM_UDPv6;
	ifp->if_capabilities_tx = ifp->if_capabilities_rx | IOPKT_IFCAP_TSOv4 |
				  IOPKT_IFCAP_TSOv6;
	ifp->if_capenable_rx = ifp->if_capabilities_rx;
	ifp->if_capenable_tx = ifp->if_capabilities_tx;
	IFQ_SET_MAXLEN(&ifp->if_snd, 64);
	IFQ_SET_READY(&ifp->if_snd);
	if_attach(ifp);
	ether_ifattach(ifp, mac);
	khk_last = sc;
	return EOK;
}

static int khk_detach(struct iopkt_device *self, int flags)
{
	struct khk_softc *sc = (struct khk_softc *)self;
	struct ifnet *ifp = &sc->sc_ec.ec_if;

	khk_stop(ifp, 1);
	ether_ifdetach(ifp);
	if_detach(ifp);
	if (khk_last == sc)
		khk_last = NULL;
	return EOK;
}

static CFATTACH_DECL(khk, sizeof(struct khk_softc), NULL, khk_attach,
		     khk_detach, NULL);

static int khk_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options)
{
	struct iopkt_device *dev = NULL;

	return dev_attach("khk", options, &khk_ca, NULL, NULL, &dev, NULL);
}

static struct _iopkt_drvr_entry khk_drvr = IOPKT_DRV_ENTRY_SYM_INIT(khk_entry);

int khk_register(void)
{
	return iopkt_drvr_register(&khk_drvr, "khk", THIS_MODULE, 0);
}

void khk_unregister(void)
{
	iopkt_drvr_unregister(&khk_drvr);
}

struct ifnet *khk_create(void)
{
	struct ifnet *ifp;
	char err[128];
	int rc;

	khk_last = NULL;
	if (iopkt_mount(iopkt_selfp, IOPKT_MOD_DRIVER, "khk", NULL, err,
			sizeof(err)) || !khk_last)
		return NULL;
	ifp = &khk_last->sc_ec.ec_if;
	rtnl_lock();
	rc = iopkt_if_set_flags(ifp, ifp->if_flags | IOPKT_IFF_UP);
	rtnl_unlock();
	if (rc) {
		khk_destroy(ifp);
		return NULL;
	}
	return ifp;
}

int khk_destroy(struct ifnet *ifp)
{
	char name[IOPKT_IFNAMSIZ];
	int err;

	strscpy(name, ifp->if_xname, sizeof(name));
	rtnl_lock();
	err = iopkt_if_destroy(iopkt_selfp, name);
	rtnl_unlock();
	return err;
}

/* A broadcast frame of @len bytes with EtherType @type. */
struct mbuf *khk_frame(u16 type, int len)
{
	struct mbuf *m = m_gethdr(M_WAITOK, MT_DATA);

	memset(mtod(m, u8 *), 0, len);
	memset(mtod(m, u8 *), 0xff, ETH_ALEN);
	memset(mtod(m, u8 *) + ETH_ALEN, 0x02, ETH_ALEN);
	mtod(m, u8 *)[12] = type >> 8;
	mtod(m, u8 *)[13] = type & 0xff;
	m->m_len = m->m_pkthdr.len = len;
	return m;
}

int khk_sent(struct ifnet *ifp)
{
	return ((struct khk_softc *)ifp->if_softc)->sent;
}

struct khk_softc *khk_sc(struct ifnet *ifp)
{
	return ifp->if_softc;
}
