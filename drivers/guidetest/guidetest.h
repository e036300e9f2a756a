/* SPDX-License-Identifier: GPL-2.0 */
/*
 * devnp-guidetest: the guide's sam.c (Appendix C) ported to iopkt the way
 * a driver author would, in io-pkt's spelling, on a simulated NIC whose
 * wire has a peer answering ARP and ping (guidetest_wire.c).
 */
#ifndef _GUIDETEST_H
#define _GUIDETEST_H

#include <linux/irq_work.h>
#include <linux/spinlock.h>

#include <iopkt/iopkt_driver.h>

#define GT_RING		8
#define GT_FRAME_MAX	1518

struct gt_frame {
	u16 len;
	u8 data[GT_FRAME_MAX];
};

/* The simulated NIC: a receive ring, an interrupt mask, a PHY. */
struct gt_hw {
	spinlock_t lock;
	struct gt_frame rx[GT_RING];
	unsigned int rx_head, rx_count;
	bool masked;
	bool attached;
	struct irq_work irq;
	u16 phy[6];
};

struct sam_dev {
	struct iopkt_device sc_dev;	/* common device */
	struct ethercom sc_ec;		/* common ethernet */
	nic_config_t cfg;		/* nic information */
	struct _iopkt_self *sc_iopkt;
	int sc_iid;
	int sc_irq;
	int sc_intr_cnt;
	int sc_intr_spurious;
	struct _iopkt_inter sc_inter;
	void *sc_sdhook;
	struct mii_data sc_mii;
	struct callout sc_mii_callout;
	struct gt_hw sc_hw;
	u8 sc_txbuf[GT_FRAME_MAX];	/* under if_snd_ex */
	u8 sc_rxbuf[GT_FRAME_MAX];	/* the process function's */
};

/* the driver's entry and functions, as sam.c declares them */
extern struct _iopkt_drvr_entry iopkt_drvr_entry_guidetest;	/* IOPKT_DRV_ENTRY_SYM() */
extern struct cfattach sam_ca;

int sam_entry(void *dll_hdl, struct _iopkt_self *iopkt, char *options);
int sam_init(struct ifnet *ifp);
void sam_stop(struct ifnet *ifp, int disable);
void sam_start(struct ifnet *ifp);
int sam_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data);
const struct sigevent *sam_isr(void *arg, int iid);
int sam_process_interrupt(void *arg, struct nw_work_thread *wtp);
int sam_enable_interrupt(void *arg);
void sam_shutdown(void *arg);
int sam_attach(struct iopkt_device *parent, struct iopkt_device *self,
	       void *aux);
int sam_detach(struct iopkt_device *dev, int flags);

/* the simulated hardware (guidetest_wire.c) */
void gt_hw_init(struct sam_dev *sam, void (*isr)(struct irq_work *w));
void gt_hw_attach(struct sam_dev *sam);
void gt_hw_send(struct sam_dev *sam, const u8 *frame, unsigned int len);
int gt_hw_take(struct sam_dev *sam, u8 *buf);
void gt_hw_mask(struct sam_dev *sam);
void gt_hw_unmask(struct sam_dev *sam);
void gt_hw_stop(struct sam_dev *sam);
int gt_phy_read(struct iopkt_device *dev, int phy, int reg);
void gt_phy_write(struct iopkt_device *dev, int phy, int reg, int val);

#endif /* _GUIDETEST_H */
