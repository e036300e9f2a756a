/* SPDX-License-Identifier: GPL-2.0 */
/*
 * devnp-shim: a Linux net_device as an iopkt interface.
 *
 * "-d shim dev=veth0" makes shim0: frames the lower device (veth0, an
 * e1000, ...) receives go to shim0 instead of Linux's stack, and what
 * iopkt sends on shim0 goes out of the lower device. io-pkt's devnp-shim
 * ran io-net drivers; ours runs whatever Linux has a driver for, so that
 * iopkt can be used on any NIC and tested over veth pairs.
 *
 *	shim.c		options, entry, attach, detach, init, stop, ioctl,
 *			the netdevice notifier (lower device events)
 *	shim_io.c	the rx handler, the process function, if_start
 *
 * Documentation/drivers.md describes it.
 */
#ifndef _DEVNP_SHIM_H
#define _DEVNP_SHIM_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include <iopkt/device.h>
#include <iopkt/if.h>
#include <iopkt/if_ether.h>
#include <iopkt/if_media.h>
#include <iopkt/interrupt.h>

/* rxq= bounds and default: frames waiting between softirq and a worker. */
#define SHIM_RXQ_MIN		16
#define SHIM_RXQ_MAX		65536
#define SHIM_RXQ_DEFAULT	1024
/* Frames passed up per call of the process function. */
#define SHIM_RX_BUDGET		64
/*
 * Receive moderation (rx_usecs=, default, most): while frames stream in,
 * a frame finding the queue empty waits this long for company before the
 * event source is queued; this many queued frames queue it at once.
 */
#define SHIM_RX_USECS_DEFAULT	50
#define SHIM_RX_USECS_MAX	1000
#define SHIM_RX_MOD_FRAMES	(SHIM_RX_BUDGET / 2)

/**
 * struct shim_dev - the softc
 * @sc_dev: the common device part (first)
 * @sc_ec: the Ethernet interface
 * @sc_media: media: autoselect only; status from the lower device
 * @sc_iopkt: the instance
 * @sc_inter: our event source (receive)
 * @sc_sdhook: shutdown hook
 * @sc_lower: the Linux net_device we drive, referenced
 * @sc_lower_tracker: the reference's tracker
 * @sc_hooked: our rx handler is registered on @sc_lower (rtnl)
 * @sc_promisc: we hold a promiscuity count on @sc_lower (rtnl)
 * @sc_allmulti: we hold an allmulti count on @sc_lower (rtnl)
 * @sc_running: the interface is running; read by the rx handler
 * @sc_rxq: frames from the rx handler for the process function
 * @sc_rxq_max: capacity of @sc_rxq (rxq=)
 * @sc_rx_qdrops: frames dropped because @sc_rxq was full
 * @sc_rx_mod_ns: receive moderation window (rx_usecs=) in ns, 0 for none
 * @sc_rx_last_ns: local_clock() when the rx handler last queued a frame
 * @sc_rx_timer: queues the event source when the window closes
 * @sc_rx_timer_armed: @sc_rx_timer is pending (bit 0)
 * @sc_verbose: verbose=
 * @sc_speed: the lower device's speed in Mbit/s, 0 unknown (rtnl)
 * @sc_duplex: DUPLEX_FULL, DUPLEX_HALF or DUPLEX_UNKNOWN (rtnl)
 * @sc_desc: nicinfo's description
 * @sc_tx_failed_allocs: mbufs that could not become an sk_buff
 * @sc_rx_failed_allocs: sk_buffs that could not become an mbuf
 */
struct shim_dev {
	struct iopkt_device sc_dev;
	struct ethercom sc_ec;
	struct ifmedia sc_media;
	struct _iopkt_self *sc_iopkt;
	struct _iopkt_inter sc_inter;
	void *sc_sdhook;

	struct net_device *sc_lower;
	netdevice_tracker sc_lower_tracker;
	bool sc_hooked;
	bool sc_promisc;
	bool sc_allmulti;
	bool sc_running;

	struct sk_buff_head sc_rxq;
	unsigned int sc_rxq_max;
	atomic64_t sc_rx_qdrops;
	u64 sc_rx_mod_ns;
	u64 sc_rx_last_ns;
	struct hrtimer sc_rx_timer;
	unsigned long sc_rx_timer_armed;

	unsigned long sc_verbose;
	int sc_speed;
	int sc_duplex;
	char sc_desc[64];
	u64 sc_tx_failed_allocs;
	u64 sc_rx_failed_allocs;
};

static inline struct ifnet *shim_ifp(struct shim_dev *sc)
{
	return &sc->sc_ec.ec_if;
}

/* shim.c */
void shim_link_update(struct shim_dev *sc);

/* shim_io.c */
rx_handler_result_t shim_rx_handler(struct sk_buff **pskb);
int shim_process_interrupt(void *arg, struct nw_work_thread *wtp);
enum hrtimer_restart shim_rx_timer_fn(struct hrtimer *t);
void shim_start(struct ifnet *ifp);

#endif /* _DEVNP_SHIM_H */
