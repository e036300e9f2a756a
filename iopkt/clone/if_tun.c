// SPDX-License-Identifier: GPL-2.0
/*
 * tun: the NetBSD layer-3 tunnel interface, a cloner built into the core.
 *
 * "ifconfig tun0 create" makes tun0, a point-to-point interface without a
 * link layer (IFF_POINTOPOINT | IFF_MULTICAST, MTU 1500), whose net_device
 * carries bare IP packets, and its character device /dev/tun0
 * (tundev.c). A program that opens the device reads the IPv4 and IPv6
 * packets Linux sends out of tun0, one per read(), and writes packets
 * that tun0 then receives. While the device is open the interface is
 * IFF_RUNNING.
 *
 * With TUNSIFHEAD on, every packet read or written starts with its
 * address family as a 4-byte big-endian number (AF_INET, AF_INET6).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <asm/unaligned.h>

#include <iopkt/if.h>
#include <iopkt/stack.h>
#include <uapi/iopkt/if_tun.h>

#include "net/net_impl.h"
#include "clone/tundev.h"

#define TUN_MINMTU	576	/* NetBSD's lower bound for SIOCSIFMTU */
#define TUN_IFHEAD	0x0001	/* tun_flags: address family header */
#define TUN_AF_INET6_BSD 24	/* NetBSD's and QNX's AF_INET6 */

/**
 * struct tun_softc - one tun interface
 * @tun_if: the interface
 * @tun_td: its character device; owns the lifetime of the softc
 * @tun_flags: TUN_IFHEAD
 * @tun_debug: TUNSDEBUG level; nonzero logs refused writes
 */
struct tun_softc {
	struct ifnet tun_if;
	struct tundev tun_td;
	int tun_flags;
	int tun_debug;
};

static struct tun_softc *td_tun(struct tundev *td)
{
	return container_of(td, struct tun_softc, tun_td);
}

/* Device open / close: IFF_RUNNING follows them, as in NetBSD. */
static int tun_dev_open(struct tundev *td)
{
	td->ifp->if_flags |= IOPKT_IFF_RUNNING;
	return EOK;
}

static void tun_dev_close(struct tundev *td)
{
	td->ifp->if_flags &= ~IOPKT_IFF_RUNNING;
}

static int tun_read_hdr(struct tundev *td, struct mbuf *m, u8 *hdr)
{
	u32 af = AF_UNSPEC;
	u8 v = 0;

	if (!(td_tun(td)->tun_flags & TUN_IFHEAD))
		return 0;
	m_copydata(m, 0, 1, &v);
	if (v >> 4 == 4)
		af = AF_INET;
	else if (v >> 4 == 6)
		af = AF_INET6;
	put_unaligned_be32(af, hdr);
	return 4;
}

static void tun_write_limits(struct tundev *td, size_t *min, size_t *max)
{
	size_t hlen = td_tun(td)->tun_flags & TUN_IFHEAD ? 4 : 0;

	*min = hlen + sizeof(struct iphdr);
	*max = hlen + td->ifp->if_mtu;
}

/* Which family the packet is, checked against the header if there is one. */
static int tun_check(struct tun_softc *sc, struct mbuf *m, bool head, u32 af)
{
	int len = m->m_pkthdr.len;
	u8 v;

	if (head && af != AF_INET && af != AF_INET6 &&
	    af != TUN_AF_INET6_BSD)
		return EAFNOSUPPORT;
	if (m_copydata(m, 0, 1, &v))
		return EINVAL;
	switch (v >> 4) {
	case 4:
		if (head && af != AF_INET)
			return EINVAL;
		return len >= (int)sizeof(struct iphdr) ? EOK : EINVAL;
	case 6:
		if (head && af == AF_INET)
			return EINVAL;
		return len >= (int)sizeof(struct ipv6hdr) ? EOK : EINVAL;
	default:
		return EINVAL;
	}
}

static int tun_write(struct tundev *td, struct mbuf *m)
{
	struct tun_softc *sc = td_tun(td);
	struct ifnet *ifp = td->ifp;
	bool head = sc->tun_flags & TUN_IFHEAD;
	int len = m->m_pkthdr.len;
	__be32 af = 0;
	int err;

	if (head) {
		if (m_copydata(m, 0, 4, &af)) {
			m_freem(m);
			return EINVAL;
		}
		m_adj(m, 4);
	}
	err = tun_check(sc, m, head, be32_to_cpu(af));
	if (err) {
		m_freem(m);
		ifp->if_ierrors++;
		if (sc->tun_debug)
			pr_info_ratelimited("%s: write of %d bytes refused: error %d\n",
					    ifp->if_xname, len, err);
		return err;
	}
	ifp->if_ipackets++;
	iopkt_if_input_ip(ifp, m);
	return EOK;
}

struct tun_mode_req {
	struct tun_softc *sc;
	int mode;
};

static int tun_mode_in_stack(void *arg)
{
	struct tun_mode_req *r = arg;
	struct ifnet *ifp = &r->sc->tun_if;

	if (ifp->if_flags & IOPKT_IFF_UP)
		return EBUSY;
	ifp->if_flags &= ~(IOPKT_IFF_POINTOPOINT | IOPKT_IFF_BROADCAST |
			   IOPKT_IFF_MULTICAST);
	ifp->if_flags |= r->mode;
	iopkt_l3_sync_flags(ifp);
	return EOK;
}

/* TUNSIFMODE: point-to-point or broadcast, only while down. */
static int tun_set_mode(struct tun_softc *sc, int mode)
{
	struct tun_mode_req r = { .sc = sc, .mode = mode };
	int err;

	if (mode & ~(IOPKT_IFF_POINTOPOINT | IOPKT_IFF_BROADCAST |
		     IOPKT_IFF_MULTICAST))
		return EINVAL;
	switch (mode & (IOPKT_IFF_POINTOPOINT | IOPKT_IFF_BROADCAST)) {
	case IOPKT_IFF_POINTOPOINT:
	case IOPKT_IFF_BROADCAST:
		break;
	default:
		return EINVAL;
	}
	rtnl_lock();
	if (sc->tun_td.gone)
		err = ENXIO;
	else
		err = iopkt_stack_call(sc->tun_td.stk, tun_mode_in_stack, &r);
	rtnl_unlock();
	return err;
}

static int tun_dev_ioctl(struct tundev *td, unsigned int cmd,
			 void __user *arg)
{
	struct tun_softc *sc = td_tun(td);
	int v;

	switch (cmd) {
	case TUNSDEBUG:
		if (get_user(v, (int __user *)arg))
			return EFAULT;
		sc->tun_debug = v;
		return EOK;
	case TUNGDEBUG:
		return put_user(sc->tun_debug, (int __user *)arg) ? EFAULT : EOK;
	case TUNSIFMODE:
		if (get_user(v, (int __user *)arg))
			return EFAULT;
		return tun_set_mode(sc, v);
	case TUNSIFHEAD:
		if (get_user(v, (int __user *)arg))
			return EFAULT;
		if (v)
			sc->tun_flags |= TUN_IFHEAD;
		else
			sc->tun_flags &= ~TUN_IFHEAD;
		return EOK;
	case TUNGIFHEAD:
		v = !!(sc->tun_flags & TUN_IFHEAD);
		return put_user(v, (int __user *)arg) ? EFAULT : EOK;
	default:
		return ENOTTY;
	}
}

static void tun_free(struct tundev *td)
{
	kfree(td_tun(td));
}

static const struct tundev_ops tun_tdops = {
	.open = tun_dev_open,
	.close = tun_dev_close,
	.read_hdr = tun_read_hdr,
	.write_limits = tun_write_limits,
	.write = tun_write,
	.ioctl = tun_dev_ioctl,
	.free = tun_free,
};

static void tun_start(struct ifnet *ifp)
{
	struct tun_softc *sc = ifp->if_softc;

	tundev_start(&sc->tun_td);
}

/* Interface requests (stack context, rtnl held). */
static int tun_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data)
{
	struct tun_softc *sc = ifp->if_softc;
	struct iopkt_ifreq *ifr = (struct iopkt_ifreq *)data;

	switch (cmd) {
	case IOPKT_SIOCSIFFLAGS:
		/* IFF_RUNNING is ours: it says whether the device is open. */
		if (sc->tun_td.open)
			ifp->if_flags |= IOPKT_IFF_RUNNING;
		else
			ifp->if_flags &= ~IOPKT_IFF_RUNNING;
		return EOK;
	case IOPKT_SIOCSIFMTU:
		if (ifr->ifr_mtu < TUN_MINMTU || ifr->ifr_mtu > TUNMTU)
			return EINVAL;
		ifp->if_mtu = ifr->ifr_mtu;
		return EOK;
	case IOPKT_SIOCADDMULTI:
	case IOPKT_SIOCDELMULTI:
		return EOK;
	default:
		return ENOTTY;
	}
}

static int tun_clone_create(struct if_clone *ifc, int unit)
{
	struct tun_softc *sc;
	struct ifnet *ifp;
	int err;

	sc = kzalloc(sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return ENOMEM;
	ifp = &sc->tun_if;
	tundev_init(&sc->tun_td, ifp, &tun_tdops);
	snprintf(ifp->if_xname, sizeof(ifp->if_xname), "%s%d",
		 ifc->ifc_name, unit);
	ifp->if_softc = sc;
	ifp->if_flags = IOPKT_IFF_POINTOPOINT | IOPKT_IFF_MULTICAST;
	ifp->if_type = IFT_TUNNEL;
	ifp->if_mtu = TUNMTU;
	ifp->if_start = tun_start;
	ifp->if_ioctl = tun_ioctl;
	IFQ_SET_MAXLEN(&ifp->if_snd, IFQ_MAXLEN);
	IFQ_SET_READY(&ifp->if_snd);

	if_attach(ifp);
	if (!ifp->if_priv) {
		tundev_put(&sc->tun_td);
		return ENOMEM;
	}
	ifp->if_sadl->sdl_type = IFT_TUNNEL;
	err = if_alloc_sadl(ifp);
	if (!err)
		err = tundev_add(&sc->tun_td);
	if (err) {
		tundev_gone(&sc->tun_td);
		if_detach(ifp);
		tundev_put(&sc->tun_td);
		return err;
	}
	return EOK;
}

static int tun_clone_destroy(struct ifnet *ifp)
{
	struct tun_softc *sc = ifp->if_softc;

	tundev_gone(&sc->tun_td);
	if_detach(ifp);
	tundev_put(&sc->tun_td);
	return EOK;
}

static struct if_clone tun_cloner =
	IF_CLONE_INITIALIZER("tun", tun_clone_create, tun_clone_destroy);

int iopkt_tun_init(void)
{
	return if_clone_attach(&tun_cloner);
}

void iopkt_tun_exit(void)
{
	if_clone_detach(&tun_cloner);
}
