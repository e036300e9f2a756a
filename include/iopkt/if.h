/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct ifnet: an io-pkt network interface, for drivers and modules.
 *
 * The names are NetBSD's and io-pkt's (if_init, if_start, if_snd,
 * IFQ_DEQUEUE, NW_SIGLOCK, IFF_OACTIVE in if_flags_tx, ...). Every attached
 * ifnet is also a Linux net_device of the same name: Documentation/
 * interfaces.md explains how the two stay in step.
 *
 * Flag and request names. A driver or protocol module spells them as
 * io-pkt does: IFF_UP, IFF_RUNNING, IFF_OACTIVE, SIOCSIFFLAGS, ... have
 * NetBSD's values here, overriding Linux's <linux/if.h> and
 * <linux/sockios.h>. The core (iopkt.ko and the tests and benchmarks built
 * with it, compiled with -DIOPKT_CORE by iopkt/Kbuild) handles both worlds,
 * so there this header overrides nothing: the core writes IOPKT_IFF_* and
 * IOPKT_SIOC* for ifnet flags (if_flags, if_flags_tx) and driver requests,
 * and Linux's IFF_* for net_device flags (dev->flags, dev->priv_flags).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_IF_H
#define _IOPKT_IF_H

#include <linux/netdevice.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <uapi/iopkt/ctl.h>
#include <iopkt/mbuf.h>
#include <iopkt/pfil.h>
#include <iopkt/stack.h>

/* Address changes, as PFIL_IFADDR hooks see them (the request). */
#define IOPKT_SIOCAIFADDR	_IOW('i', 26, struct iopkt_ifreq)
#define IOPKT_SIOCDIFADDR	_IOW('i', 25, struct iopkt_ifreq)
#define IOPKT_SIOCAIFADDR_IN6	_IOW('i', 107, struct iopkt_ifreq)
#define IOPKT_SIOCDIFADDR_IN6	_IOW('i', 109, struct iopkt_ifreq)

#ifndef IOPKT_CORE
/*
 * The NetBSD request and flag names. Linux's <linux/sockios.h> and
 * <linux/if.h> use some of the same names with other values; a file that
 * includes this header speaks io-pkt. Not in the core (see above).
 */
#undef SIOCSIFFLAGS
#undef SIOCGIFFLAGS
#undef SIOCGIFMETRIC
#undef SIOCSIFMETRIC
#undef SIOCADDMULTI
#undef SIOCDELMULTI
#undef SIOCSIFMEDIA
#undef SIOCGIFMEDIA
#undef SIOCGIFMTU
#undef SIOCSIFMTU
#define SIOCSIFFLAGS	IOPKT_SIOCSIFFLAGS
#define SIOCGIFFLAGS	IOPKT_SIOCGIFFLAGS
#define SIOCGIFMETRIC	IOPKT_SIOCGIFMETRIC
#define SIOCSIFMETRIC	IOPKT_SIOCSIFMETRIC
#define SIOCADDMULTI	IOPKT_SIOCADDMULTI
#define SIOCDELMULTI	IOPKT_SIOCDELMULTI
#define SIOCSIFMEDIA	IOPKT_SIOCSIFMEDIA
#define SIOCGIFMEDIA	IOPKT_SIOCGIFMEDIA
#define SIOCSIFCAP	IOPKT_SIOCSIFCAP
#define SIOCGIFCAP	IOPKT_SIOCGIFCAP
#define SIOCGDRVCOM	IOPKT_SIOCGDRVCOM
#define SIOCGIFMTU	IOPKT_SIOCGIFMTU
#define SIOCSIFMTU	IOPKT_SIOCSIFMTU
#define SIOCGIFDATA	IOPKT_SIOCGIFDATA
#define SIOCZIFDATA	IOPKT_SIOCZIFDATA
#undef SIOCAIFADDR
#undef SIOCDIFADDR
#define SIOCAIFADDR	IOPKT_SIOCAIFADDR
#define SIOCDIFADDR	IOPKT_SIOCDIFADDR
#define SIOCAIFADDR_IN6	IOPKT_SIOCAIFADDR_IN6
#define SIOCDIFADDR_IN6	IOPKT_SIOCDIFADDR_IN6

#undef IFF_UP
#undef IFF_BROADCAST
#undef IFF_DEBUG
#undef IFF_LOOPBACK
#undef IFF_POINTOPOINT
#undef IFF_NOTRAILERS
#undef IFF_RUNNING
#undef IFF_NOARP
#undef IFF_PROMISC
#undef IFF_ALLMULTI
#undef IFF_MULTICAST
#define IFF_UP		IOPKT_IFF_UP
#define IFF_BROADCAST	IOPKT_IFF_BROADCAST
#define IFF_DEBUG	IOPKT_IFF_DEBUG
#define IFF_LOOPBACK	IOPKT_IFF_LOOPBACK
#define IFF_POINTOPOINT	IOPKT_IFF_POINTOPOINT
#define IFF_NOTRAILERS	IOPKT_IFF_NOTRAILERS
#define IFF_RUNNING	IOPKT_IFF_RUNNING
#define IFF_NOARP	IOPKT_IFF_NOARP
#define IFF_PROMISC	IOPKT_IFF_PROMISC
#define IFF_ALLMULTI	IOPKT_IFF_ALLMULTI
#define IFF_OACTIVE	IOPKT_IFF_OACTIVE
#define IFF_SIMPLEX	IOPKT_IFF_SIMPLEX
#define IFF_LINK0	IOPKT_IFF_LINK0
#define IFF_LINK1	IOPKT_IFF_LINK1
#define IFF_LINK2	IOPKT_IFF_LINK2
#define IFF_MULTICAST	IOPKT_IFF_MULTICAST
#define IFF_CANTCHANGE	IOPKT_IFF_CANTCHANGE
#endif /* !IOPKT_CORE */

#define LINK_STATE_UNKNOWN	IOPKT_LINK_STATE_UNKNOWN
#define LINK_STATE_DOWN		IOPKT_LINK_STATE_DOWN
#define LINK_STATE_UP		IOPKT_LINK_STATE_UP

#define IFCAP_CSUM_IPv4		IOPKT_IFCAP_CSUM_IPv4
#define IFCAP_CSUM_TCPv4	IOPKT_IFCAP_CSUM_TCPv4
#define IFCAP_CSUM_UDPv4	IOPKT_IFCAP_CSUM_UDPv4
#define IFCAP_CSUM_TCPv6	IOPKT_IFCAP_CSUM_TCPv6
#define IFCAP_CSUM_UDPv6	IOPKT_IFCAP_CSUM_UDPv6
#define IFCAP_TSOv4		IOPKT_IFCAP_TSOv4
#define IFCAP_TSOv6		IOPKT_IFCAP_TSOv6

/* Interface types (if_type), as in NetBSD's <net/if_types.h>. */
#define IFT_OTHER	0x01
#define IFT_ETHER	0x06
#define IFT_IEEE80211	0x47
#define IFT_TUNNEL	0x83
#define IFT_BRIDGE	0xd1

/* Default send queue length (IFQ_MAXLEN). */
#define IFQ_MAXLEN	256

typedef char *caddr_t;

/**
 * struct ifaltq - an interface send queue (if_snd)
 * @ifq_head: first packet (linked by m_nextpkt)
 * @ifq_tail: last packet
 * @ifq_len: packets queued
 * @ifq_maxlen: capacity; IFQ_ENQUEUE fails with ENOBUFS beyond it
 * @ifq_drops: packets refused because the queue was full
 * @altq_flags: ALTQF_READY once the driver called IFQ_SET_READY()
 * @ifq_stopped: (if_snd only) the queue filled up and Linux's transmit
 *	queue in front of it is stopped; IFQ_DEQUEUE() and IFQ_PURGE()
 *	restart it once the queue is half empty (backpressure,
 *	Documentation/interfaces.md)
 *
 * Protected by the interface's transmit mutex, if_snd_ex.
 */
struct ifaltq {
	struct mbuf *ifq_head;
	struct mbuf *ifq_tail;
	int ifq_len;
	int ifq_maxlen;
	int ifq_drops;
	int altq_flags;
	int ifq_stopped;
};

#define ifqueue ifaltq
#define ALTQF_READY	0x01

#define IFQ_SET_READY(ifq)	((ifq)->altq_flags |= ALTQF_READY)
#define IFQ_SET_MAXLEN(ifq, len) ((ifq)->ifq_maxlen = (len))
#define IFQ_IS_EMPTY(ifq)	((ifq)->ifq_len == 0)
#define IFQ_LEN(ifq)		((ifq)->ifq_len)
#define IF_QFULL(ifq)		((ifq)->ifq_len >= (ifq)->ifq_maxlen)
#define IFQ_POLL(ifq, m)	((m) = (ifq)->ifq_head)

#define IF_ENQUEUE(ifq, m) do {						\
	(m)->m_nextpkt = NULL;						\
	if ((ifq)->ifq_tail)						\
		(ifq)->ifq_tail->m_nextpkt = (m);			\
	else								\
		(ifq)->ifq_head = (m);					\
	(ifq)->ifq_tail = (m);						\
	(ifq)->ifq_len++;						\
} while (0)

#define IF_DEQUEUE(ifq, m) do {						\
	(m) = (ifq)->ifq_head;						\
	if (m) {							\
		(ifq)->ifq_head = (m)->m_nextpkt;			\
		if (!(ifq)->ifq_head)					\
			(ifq)->ifq_tail = NULL;				\
		(m)->m_nextpkt = NULL;					\
		(ifq)->ifq_len--;					\
	}								\
} while (0)

/* pattr is NetBSD's ALTQ classification; iopkt has no ALTQ. */
#define IFQ_ENQUEUE(ifq, m, pattr, err) do {				\
	if (IF_QFULL(ifq)) {						\
		m_freem(m);						\
		(ifq)->ifq_drops++;					\
		(err) = ENOBUFS;					\
	} else {							\
		IF_ENQUEUE(ifq, m);					\
		(err) = 0;						\
	}								\
} while (0)

/*
 * IFQ_DEQUEUE() is for if_snd: taking a packet off may restart the Linux
 * queue that a full if_snd stopped.
 */
#define IFQ_DEQUEUE(ifq, m) do {					\
	IF_DEQUEUE(ifq, m);						\
	if (unlikely((ifq)->ifq_stopped) &&				\
	    (ifq)->ifq_len <= (ifq)->ifq_maxlen / 2)			\
		iopkt_ifq_wake(ifq);					\
} while (0)
#define IFQ_PURGE(ifq)		iopkt_ifq_purge(ifq)

void iopkt_ifq_purge(struct ifaltq *ifq);
void iopkt_ifq_wake(struct ifaltq *ifq);

/**
 * struct nw_siglock - the transmit mutex of an interface (if_snd_ex)
 * @lock: a bottom-half-safe spinlock: Linux's output path takes it in
 *	softirq context
 *
 * Whoever calls if_start() holds it; if_start() releases it with
 * NW_SIGUNLOCK_P() (or NW_SIGUNLOCK()) before returning.
 */
struct nw_siglock {
	spinlock_t lock;
};

/*
 * Out of line: the lock is taken in one function (the stack's output path)
 * and released in another (the driver's if_start), which static lock
 * checking cannot follow; lockdep still sees it.
 */
void nw_siglock(struct nw_siglock *l);
void nw_sigunlock(struct nw_siglock *l);

/*
 * The instance and thread arguments are not needed, but are used (a
 * driver's "wtp = WTP" kept only for them does not warn as unused).
 */
#define NW_SIGLOCK(l, iopkt)		((void)(iopkt), nw_siglock(l))
#define NW_SIGLOCK_P(l, iopkt, wtp)	((void)(iopkt), (void)(wtp), nw_siglock(l))
#define NW_SIGUNLOCK(l, iopkt)		((void)(iopkt), nw_sigunlock(l))
#define NW_SIGUNLOCK_P(l, iopkt, wtp)	\
	((void)(iopkt), (void)(wtp), nw_sigunlock(l))

/* A link-level address, NetBSD's sockaddr_dl reduced to what drivers use. */
struct sockaddr_dl {
	u8 sdl_len;
	u8 sdl_family;
	u16 sdl_index;
	u8 sdl_type;
	u8 sdl_nlen;
	u8 sdl_alen;
	u8 sdl_slen;
	char sdl_data[32];
};

#define LLADDR(s)	((caddr_t)((s)->sdl_data + (s)->sdl_nlen))

struct iopkt_ifpriv;
struct ifmedia;

/**
 * struct ifnet - a network interface
 * @if_xname: name ("sam0"), also the net_device's name
 * @if_softc: the driver's state
 * @if_flags: IFF_* (IFF_UP is the interface state, set by ifconfig)
 * @if_flags_tx: IFF_OACTIVE (and IFF_RUNNING as io-pkt's TX copy)
 * @if_index: the Linux ifindex
 * @if_data: counters and link state (if_ipackets, ... are its fields)
 * @if_capabilities_rx: receive offloads the hardware has (IFCAP_*)
 * @if_capabilities_tx: transmit offloads the hardware has
 * @if_capenable_rx: receive offloads enabled
 * @if_capenable_tx: transmit offloads enabled
 * @if_timer: watchdog countdown in seconds, 0 = off
 * @if_snd: the send queue
 * @if_snd_ex: its transmit mutex
 * @if_sadl: the link-level address
 * @if_init: (re)initialise and start the hardware; called again and again
 * @if_start: transmit what is on @if_snd; called with @if_snd_ex held,
 *	releases it
 * @if_stop: stop; @disable also releases receive buffers
 * @if_ioctl: driver requests; fall back to ether_ioctl()
 * @if_input: set by ether_ifattach() to ether_input(); drivers call it
 *	with each received packet
 * @if_watchdog: called when @if_timer reaches 0
 * @if_pfil: this interface's PFIL_TYPE_IFNET head: event hooks and packet
 *	hooks that see only this interface's frames
 * @if_bpf: NULL while no bpf listener is attached, else the argument of
 *	bpf_mtap() (<iopkt/bpf.h>); set and cleared by the core only
 * @if_bridge: the bridge module's member state while the interface is a
 *	bridge member, else NULL (<iopkt/bridge.h>); RCU-protected
 * @if_pcount: ifpromisc() users; rtnl protects it
 * @if_priv: iopkt's private state (the net_device, the instance, ...)
 */
struct ifnet {
	char if_xname[IOPKT_IFNAMSIZ];
	void *if_softc;
	int if_flags;
	int if_flags_tx;
	int if_index;
	struct iopkt_if_data if_data;
	u32 if_capabilities_rx;
	u32 if_capabilities_tx;
	u32 if_capenable_rx;
	u32 if_capenable_tx;
	int if_timer;
	struct ifaltq if_snd;
	struct nw_siglock if_snd_ex;
	struct sockaddr_dl *if_sadl;
	int (*if_init)(struct ifnet *ifp);
	void (*if_start)(struct ifnet *ifp);
	void (*if_stop)(struct ifnet *ifp, int disable);
	int (*if_ioctl)(struct ifnet *ifp, unsigned long cmd, caddr_t data);
	void (*if_input)(struct ifnet *ifp, struct mbuf *m);
	void (*if_watchdog)(struct ifnet *ifp);
	struct pfil_head if_pfil;
	void *if_bpf;
	void __rcu *if_bridge;
	int if_pcount;
	struct iopkt_ifpriv *if_priv;
};

#define if_type		if_data.ifi_type
#define if_addrlen	if_data.ifi_addrlen
#define if_hdrlen	if_data.ifi_hdrlen
#define if_link_state	if_data.ifi_link_state
#define if_mtu		if_data.ifi_mtu
#define if_metric	if_data.ifi_metric
#define if_baudrate	if_data.ifi_baudrate
#define if_ipackets	if_data.ifi_ipackets
#define if_ierrors	if_data.ifi_ierrors
#define if_opackets	if_data.ifi_opackets
#define if_oerrors	if_data.ifi_oerrors
#define if_collisions	if_data.ifi_collisions
#define if_ibytes	if_data.ifi_ibytes
#define if_obytes	if_data.ifi_obytes
#define if_imcasts	if_data.ifi_imcasts
#define if_omcasts	if_data.ifi_omcasts
#define if_iqdrops	if_data.ifi_iqdrops
#define if_noproto	if_data.ifi_noproto

void if_attach(struct ifnet *ifp);
int if_alloc_sadl(struct ifnet *ifp);
void if_detach(struct ifnet *ifp);
void if_link_state_change(struct ifnet *ifp, int link_state);
struct ifnet *ifunit(const char *name);
int if_transmit_mbuf(struct ifnet *ifp, struct mbuf *m);
int if_transmit_mbuf_nopfil(struct ifnet *ifp, struct mbuf *m);
/* Interfaces without a link layer (tun): iopkt/net/if_l3.c */
void iopkt_if_input_ip(struct ifnet *ifp, struct mbuf *m);
void iopkt_l3_sync_flags(struct ifnet *ifp);
int ifioctl_common(struct ifnet *ifp, unsigned long cmd, caddr_t data);
int ifpromisc(struct ifnet *ifp, int pswitch);

struct net_device *iopkt_if_netdev(struct ifnet *ifp);
struct ifnet *iopkt_netdev_ifnet(const struct net_device *dev);
struct _iopkt_self *iopkt_if_stack(struct ifnet *ifp);
const char *iopkt_if_driver(struct ifnet *ifp);

/**
 * struct if_clone - a cloner: ifconfig NAME create / destroy
 * @ifc_name: the name prefix ("tun", "tap", "bridge")
 * @ifc_create: make unit @unit in the current instance; returns EOK or an
 *	errno (positive, io-pkt style)
 * @ifc_destroy: destroy an interface it made
 * @ifc_owner: the module, set by IF_CLONE_INITIALIZER
 *
 * Private fields follow.
 */
struct if_clone {
	const char *ifc_name;
	int (*ifc_create)(struct if_clone *ifc, int unit);
	int (*ifc_destroy)(struct ifnet *ifp);
	struct module *ifc_owner;
	/* private */
	struct list_head ifc_list;
};

#define IF_CLONE_INITIALIZER(name, create, destroy)			\
	{ .ifc_name = (name), .ifc_create = (create),			\
	  .ifc_destroy = (destroy), .ifc_owner = THIS_MODULE }

int if_clone_attach(struct if_clone *ifc);
void if_clone_detach(struct if_clone *ifc);

#endif /* _IOPKT_IF_H */
