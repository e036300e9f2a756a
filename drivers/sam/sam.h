/* SPDX-License-Identifier: GPL-2.0 */
/*
 * devnp-sam: the hardware-independent sample driver of iopkt.
 *
 * The io-pkt Core Networking guide explains the driver API with a sample
 * driver, sam.c, that has no hardware. This is iopkt's own sample in that
 * spirit, split by concern:
 *
 *	sam.c		entry, attach, init, stop, detach, shutdown
 *	sam_rx.c	the ISR, the process-interrupt function, receive ring
 *	sam_tx.c	if_start, the transmit ring, restarting transmission
 *	sam_ioctl.c	if_ioctl: media, multicast filter, nicinfo (SIOCGDRVCOM)
 *	sam_hw.c	the simulated NIC ("the hardware") and its debugfs knobs
 *
 * Everything above sam_hw.c is written as it would be for a real NIC; only
 * sam_hw.c pretends. Documentation/drivers.md walks through it.
 */
#ifndef _DEVNP_SAM_H
#define _DEVNP_SAM_H

#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include <iopkt/callout.h>
#include <iopkt/device.h>
#include <iopkt/if.h>
#include <iopkt/if_ether.h>
#include <iopkt/if_media.h>
#include <iopkt/interrupt.h>

struct dentry;

/* Ring sizes the txring= and rxring= options accept, and their defaults. */
#define SAM_RING_MIN		2
#define SAM_RING_MAX		4096
#define SAM_TXRING_DEFAULT	64
#define SAM_RXRING_DEFAULT	64

/* The simulated NIC works in ticks of this many nanoseconds (1 ms). */
#define SAM_HW_TICK_NS		(1000 * 1000)
/* Largest rxrate= (frames per second the simulated wire delivers). */
#define SAM_RXRATE_MAX		1000000
/* Frames received per call of the process function before yielding. */
#define SAM_RX_BUDGET		32
/* Segments one transmit descriptor can point to (longer chains are copied). */
#define SAM_TX_MAXSEGS		4
/* Retry period of the transmit kick when the ring is full (guide: 2 ms). */
#define SAM_TX_KICK_MS		2
/* Period of the link monitor (the guide's MII callout). */
#define SAM_MONITOR_MS		1000
/* Entries of the simulated exact-match multicast filter. */
#define SAM_MCAST_MAX		16

/* The frames the simulated wire carries to us (rxrate=). */
#define SAM_TEST_ETHERTYPE	0x88b5	/* IEEE 802 local experimental 1 */
#define SAM_TEST_FRAME_LEN	60	/* minimum Ethernet frame without FCS */

/*
 * A descriptor, shared by the driver and the NIC as real descriptors are
 * shared over DMA. @status says who owns it; the owner changes it with
 * smp_store_release() after writing the other fields, the other side reads
 * it with smp_load_acquire() before reading them (a real driver uses the
 * device's ownership bit and dma_wmb()/dma_rmb() the same way).
 */
#define SAM_DESC_FREE	0	/* the driver's; nothing in it */
#define SAM_DESC_HW	1	/* given to the NIC */
#define SAM_DESC_DONE	2	/* the NIC is done: frame received / sent */

/**
 * struct sam_desc - one ring entry
 * @m: the mbuf it carries (the driver's bookkeeping; the NIC never looks)
 * @buf: RX: where the NIC writes the frame (a real NIC: a DMA address)
 * @len: RX: room at @buf, then the length received; TX: frame length
 * @status: SAM_DESC_*
 */
struct sam_desc {
	struct mbuf *m;
	u8 *buf;
	u32 len;
	u32 status;
};

/* Bits of struct sam_hw.irq: the interrupt mask and cause registers. */
#define SAM_IRQ_MASKED	0	/* the driver masked the interrupt (ISR) */
#define SAM_CAUSE_RX	1	/* the NIC completed receive descriptors */

/**
 * struct sam_hw - the simulated NIC (sam_hw.c)
 * @timer: ticks every SAM_HW_TICK_NS while the NIC is on; its callback is
 *	the NIC's work plus the interrupt line (it calls the driver's ISR)
 * @on: the NIC is running (changed by the driver in the stack context)
 * @irq: SAM_IRQ_MASKED and SAM_CAUSE_* bits
 * @link: the PHY's link, 1 up; the debugfs "link" file pulls the cable
 * @media: the medium the PHY was told to use (IFM_ETHER | subtype | duplex)
 * @rxrate: frames per second the wire brings (rxrate=)
 * @rx_credit: nanoseconds x frames/s not yet turned into frames
 * @last_ns: time of the previous tick
 * @rx_next: the next receive descriptor the NIC fills
 * @tx_next: the next transmit descriptor the NIC sends
 * @rx_seq: sequence number of the next frame it makes up
 * @rx_frames: frames it received into descriptors
 * @rx_missed: frames it had no descriptor for (a real NIC's "missed" count)
 * @tx_frames: frames it sent
 * @irqs: interrupts it raised
 * @ticks: timer ticks
 */
struct sam_hw {
	struct hrtimer timer;
	bool on;
	unsigned long irq;
	atomic_t link;
	int media;
	unsigned long rxrate;
	u64 rx_credit;
	u64 last_ns;
	unsigned int rx_next;
	unsigned int tx_next;
	u32 rx_seq;
	atomic64_t rx_frames;
	atomic64_t rx_missed;
	atomic64_t tx_frames;
	atomic64_t irqs;
	u64 ticks;
};

/**
 * struct sam_opts - what sam_entry() parsed from the option string
 * @verbose: verbose=N, 0 quiet; 1 configuration events; 2 every packet
 * @rxrate: rxrate=N test frames per second on the simulated wire
 * @txring: txring=N transmit descriptors
 * @rxring: rxring=N receive descriptors
 * @priority: priority=N io-pkt priority of our receive events (0: rx_prio)
 * @mac: mac=xx:xx:xx:xx:xx:xx station address
 * @link: link=up|down initial state of the simulated link
 */
struct sam_opts {
	unsigned long verbose;
	unsigned long rxrate;
	unsigned long txring;
	unsigned long rxring;
	unsigned long priority;
	char mac[18];
	char link[8];
};

/**
 * struct sam_attach_args - what sam_entry() hands to sam_attach() (aux)
 * @iopkt: the instance the driver was mounted into
 * @opts: the parsed options
 * @mac: the station address from mac=, valid if @have_mac
 * @have_mac: mac= was given
 * @link_up: initial link state
 */
struct sam_attach_args {
	struct _iopkt_self *iopkt;
	struct sam_opts opts;
	u8 mac[ETHER_ADDR_LEN];
	bool have_mac;
	bool link_up;
};

/**
 * struct sam_dev - the softc, one per interface
 * @sc_dev: the common device part; must be first (dev_attach() allocates
 *	CFATTACH_DECL's size and hands it to sam_attach() as a struct
 *	iopkt_device, io-pkt's struct device)
 * @sc_ec: the Ethernet interface (its ec_if is the struct ifnet)
 * @sc_media: the media ifconfig shows and sets
 * @sc_iopkt: the instance we belong to
 * @sc_inter: our event source: the process/enable functions
 * @sc_sdhook: shutdown hook handle
 * @sc_tx_callout: the kick that restarts transmission when the ring is full
 * @sc_mon_callout: the periodic link monitor
 * @sc_cfg: what nicinfo shows; current_address follows the interface
 * @sc_verbose: verbose=
 * @sc_hw: the simulated NIC
 * @sc_rx_lock: serialises the receive ring between the process function
 *	(a worker) and init/stop (the stack context)
 * @sc_rx: receive ring, @sc_nrx entries
 * @sc_nrx: its size
 * @sc_rx_next: next descriptor the driver harvests
 * @sc_tx: transmit ring, @sc_ntx entries; driver side under if_snd_ex
 * @sc_ntx: its size
 * @sc_tx_prod: next descriptor sam_start() fills
 * @sc_tx_cons: next descriptor sam_tx_reap() checks
 * @sc_tx_used: descriptors holding a frame
 * @sc_maxframe: longest frame the MAC sends (set by sam_init from the MTU)
 * @sc_mcast: the simulated multicast filter
 * @sc_nmcast: entries in use in @sc_mcast
 * @sc_allmulti: the filter is open to every multicast address
 * @sc_stats: counters nicinfo shows beyond the interface's
 * @sc_dbg: our debugfs directory
 */
struct sam_dev {
	struct iopkt_device sc_dev;
	struct ethercom sc_ec;
	struct ifmedia sc_media;
	struct _iopkt_self *sc_iopkt;
	struct _iopkt_inter sc_inter;
	void *sc_sdhook;
	struct callout sc_tx_callout;
	struct callout sc_mon_callout;
	struct iopkt_nic_config sc_cfg;
	unsigned long sc_verbose;

	struct sam_hw sc_hw;

	struct mutex sc_rx_lock;
	struct sam_desc *sc_rx;
	unsigned int sc_nrx;
	unsigned int sc_rx_next;

	struct sam_desc *sc_tx;
	unsigned int sc_ntx;
	unsigned int sc_tx_prod;
	unsigned int sc_tx_cons;
	unsigned int sc_tx_used;
	unsigned int sc_maxframe;

	u8 sc_mcast[SAM_MCAST_MAX][ETHER_ADDR_LEN];
	unsigned int sc_nmcast;
	bool sc_allmulti;

	struct {
		u64 rx_failed_allocs;	/* no replacement buffer: frame dropped */
		u64 tx_failed_allocs;	/* no buffer to linearise a long chain */
		u64 tx_copied;		/* chains copied (> SAM_TX_MAXSEGS) */
		u64 rx_broadcast;
		u64 rx_multicast;
		u64 tx_broadcast;
		u64 tx_multicast;
		u64 tx_ring_full;	/* sam_start() found no descriptor */
		u64 tx_kicks;		/* sam_kick_tx() ran */
		u64 tx_link_waits;	/* sam_start() held frames: link down */
		u64 link_changes;
		u64 mcast_updates;
	} sc_stats;

	struct dentry *sc_dbg;
};

static inline struct ifnet *sam_ifp(struct sam_dev *sam)
{
	return &sam->sc_ec.ec_if;
}

/* sam.c */
void sam_link_check(struct sam_dev *sam);
void sam_link_poke(struct sam_dev *sam);

/* sam_rx.c */
int sam_process_interrupt(void *arg, struct nw_work_thread *wtp);
int sam_enable_interrupt(void *arg);
void sam_isr(struct sam_dev *sam);
int sam_rx_fill(struct sam_dev *sam);
void sam_rx_reset(struct sam_dev *sam, bool release);

/* sam_tx.c */
void sam_start(struct ifnet *ifp);
void sam_kick_tx(void *arg);
void sam_tx_reap(struct sam_dev *sam);
void sam_tx_purge(struct sam_dev *sam);

/* sam_ioctl.c */
int sam_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data);
void sam_set_multicast(struct sam_dev *sam);
void sam_media_init(struct sam_dev *sam);
int sam_media_rate_kbps(int media);

/* sam_hw.c */
void sam_hw_init(struct sam_dev *sam, unsigned long rxrate, bool link_up);
void sam_hw_start(struct sam_dev *sam);
void sam_hw_stop(struct sam_dev *sam);
bool sam_hw_link(struct sam_dev *sam);
void sam_debugfs_add(struct sam_dev *sam);
void sam_debugfs_remove(struct sam_dev *sam);

#endif /* _DEVNP_SAM_H */
