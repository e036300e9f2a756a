// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-guidetest: the simulated NIC. What the driver transmits reaches a
 * peer on the wire that answers ARP requests and ICMP echo requests (for
 * any address), so ping through the driver works; the answers land in the
 * receive ring and raise the "interrupt": an irq_work, which runs the
 * driver's ISR in hard-IRQ context, unless the driver masked it. The PHY
 * at address 1 has link, negotiated 100baseTX full duplex.
 */
#define pr_fmt(fmt) "devnp-guidetest: " fmt

#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/if_arp.h>
#include <linux/ip.h>
#include <net/checksum.h>

#include "guidetest.h"

#define GT_PHY_ADDR	1

static const u8 gt_peer[ETHER_ADDR_LEN] = { 0x02, 0x67, 0x75, 0x69, 0x64, 0x65 };

void gt_hw_init(struct sam_dev *sam, void (*isr)(struct irq_work *w))
{
	struct gt_hw *hw = &sam->sc_hw;

	spin_lock_init(&hw->lock);
	init_irq_work(&hw->irq, isr);
	hw->phy[MII_BMCR] = BMCR_AUTOEN;
	hw->phy[MII_BMSR] = BMSR_100TXFDX | BMSR_100TXHDX | BMSR_10TFDX |
			    BMSR_10THDX | BMSR_ANEG | BMSR_ACOMP | BMSR_LINK;
	hw->phy[MII_PHYIDR1] = 0x0022;
	hw->phy[MII_ANAR] = ANAR_TX_FD | ANAR_TX | ANAR_10_FD | ANAR_10 |
			    ANAR_CSMA;
	hw->phy[MII_ANLPAR] = ANLPAR_TX_FD | ANLPAR_TX | ANLPAR_10 | ANAR_CSMA;
}

int gt_phy_read(struct iopkt_device *dev, int phy, int reg)
{
	struct sam_dev *sam = (struct sam_dev *)dev;

	if (phy != GT_PHY_ADDR || reg < 0 || reg >= ARRAY_SIZE(sam->sc_hw.phy))
		return 0xffff;
	return READ_ONCE(sam->sc_hw.phy[reg]);
}

void gt_phy_write(struct iopkt_device *dev, int phy, int reg, int val)
{
	struct sam_dev *sam = (struct sam_dev *)dev;

	if (phy == GT_PHY_ADDR && reg == MII_BMCR)
		WRITE_ONCE(sam->sc_hw.phy[reg], val & ~BMCR_STARTNEG);
	else if (phy == GT_PHY_ADDR && reg == MII_ANAR)
		WRITE_ONCE(sam->sc_hw.phy[reg], val);
}

/* The peer's answer to @f in place; false if it does not answer. */
static bool gt_peer_answer(struct gt_frame *f)
{
	struct ethhdr *eh = (struct ethhdr *)f->data;
	u8 *p = f->data + ETH_HLEN;

	if (f->len >= ETH_HLEN + 28 && eh->h_proto == htons(ETH_P_ARP)) {
		struct arphdr *ah = (struct arphdr *)p;
		u8 *sha = p + 8, *spa = p + 14, *tha = p + 18, *tpa = p + 24;
		u8 ip[4];

		if (ah->ar_op != htons(ARPOP_REQUEST) || ah->ar_pln != 4)
			return false;
		ah->ar_op = htons(ARPOP_REPLY);
		memcpy(ip, tpa, 4);
		memcpy(tha, sha, ETH_ALEN);
		memcpy(tpa, spa, 4);
		memcpy(sha, gt_peer, ETH_ALEN);
		memcpy(spa, ip, 4);
	} else if (f->len >= ETH_HLEN + sizeof(struct iphdr) + 8 &&
		   eh->h_proto == htons(ETH_P_IP)) {
		struct iphdr *iph = (struct iphdr *)p;
		unsigned int hl = iph->ihl * 4;
		struct icmphdr *ic = (struct icmphdr *)(p + hl);
		__be32 a;

		if (iph->protocol != IPPROTO_ICMP || hl < sizeof(*iph) ||
		    f->len < ETH_HLEN + hl + sizeof(*ic) ||
		    ic->type != ICMP_ECHO)
			return false;
		a = iph->saddr;
		iph->saddr = iph->daddr;
		iph->daddr = a;
		ic->type = ICMP_ECHOREPLY;
		ic->checksum = 0;
		ic->checksum = ip_compute_csum(ic, ntohs(iph->tot_len) - hl);
	} else {
		return false;
	}
	memcpy(eh->h_dest, eh->h_source, ETH_ALEN);
	memcpy(eh->h_source, gt_peer, ETH_ALEN);
	return true;
}

/* InterruptAttach(): interrupts may come from now on. */
void gt_hw_attach(struct sam_dev *sam)
{
	struct gt_hw *hw = &sam->sc_hw;
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	hw->attached = true;
	hw->masked = false;
	spin_unlock_irqrestore(&hw->lock, flags);
}

/* The NIC sends a frame; the peer's answer is received. */
void gt_hw_send(struct sam_dev *sam, const u8 *frame, unsigned int len)
{
	struct gt_hw *hw = &sam->sc_hw;
	struct gt_frame *f;
	unsigned long flags;
	bool raise = false;

	if (len > GT_FRAME_MAX)
		return;
	spin_lock_irqsave(&hw->lock, flags);
	if (hw->attached && hw->rx_count < GT_RING) {
		f = &hw->rx[(hw->rx_head + hw->rx_count) % GT_RING];
		memcpy(f->data, frame, len);
		f->len = len;
		if (gt_peer_answer(f)) {
			hw->rx_count++;
			raise = !hw->masked;
		}
	}
	spin_unlock_irqrestore(&hw->lock, flags);
	if (raise)
		irq_work_queue(&hw->irq);
}

/* Take the next received frame into @buf (GT_FRAME_MAX); 0: none. */
int gt_hw_take(struct sam_dev *sam, u8 *buf)
{
	struct gt_hw *hw = &sam->sc_hw;
	unsigned long flags;
	int len = 0;

	spin_lock_irqsave(&hw->lock, flags);
	if (hw->rx_count) {
		len = hw->rx[hw->rx_head].len;
		memcpy(buf, hw->rx[hw->rx_head].data, len);
		hw->rx_head = (hw->rx_head + 1) % GT_RING;
		hw->rx_count--;
	}
	spin_unlock_irqrestore(&hw->lock, flags);
	return len;
}

/* The ISR masks the NIC's interrupt. */
void gt_hw_mask(struct sam_dev *sam)
{
	WRITE_ONCE(sam->sc_hw.masked, true);
}

/* The driver's enable: unmask, and interrupt again if frames wait. */
void gt_hw_unmask(struct sam_dev *sam)
{
	struct gt_hw *hw = &sam->sc_hw;
	unsigned long flags;
	bool raise;

	spin_lock_irqsave(&hw->lock, flags);
	hw->masked = false;
	raise = hw->attached && hw->rx_count;
	spin_unlock_irqrestore(&hw->lock, flags);
	if (raise)
		irq_work_queue(&hw->irq);
}

/* InterruptDetach(): no more interrupts; waits for a running ISR. */
void gt_hw_stop(struct sam_dev *sam)
{
	struct gt_hw *hw = &sam->sc_hw;
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	hw->attached = false;
	hw->rx_count = 0;
	spin_unlock_irqrestore(&hw->lock, flags);
	irq_work_sync(&hw->irq);
}
