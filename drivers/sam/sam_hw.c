// SPDX-License-Identifier: GPL-2.0
/*
 * devnp-sam: the simulated NIC. Nothing in here is driver API; it stands in
 * for the silicon so that the rest of sam runs as a real driver would.
 *
 * A periodic hrtimer is the NIC's clock and interrupt line. Every tick
 * (SAM_HW_TICK_NS, in hard IRQ context) the NIC
 *   - sends the frames the driver put in the transmit ring, as fast as the
 *     medium allows (10baseT: about one full frame per tick), and marks
 *     their descriptors done; transmit completion raises no interrupt;
 *   - receives rxrate= frames per second from the "wire" into the buffers
 *     the driver posted in the receive ring (no buffer: the frame is
 *     missed), and sets its RX cause bit;
 *   - raises its interrupt line: calls the driver's ISR, sam_isr().
 * With the link down it does neither. The frames it receives are
 * broadcasts of ethertype 0x88b5 from 02:70:65:65:72:00 carrying a 32-bit
 * big-endian sequence number and "iopkt-sam", so tests can count them.
 *
 * debugfs, /sys/kernel/debug/devnp-sam/IFNAME/:
 *   link   read: 1 or 0; write 0/1: pull / plug the cable
 *   state  the NIC's and the driver's counters
 */
#define pr_fmt(fmt) "devnp-sam: " fmt

#include <linux/debugfs.h>
#include <linux/etherdevice.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <asm/unaligned.h>

#include "sam.h"

/* Where the frames on the simulated wire come from ("peer"). */
static const u8 sam_hw_peer[ETHER_ADDR_LEN] = {
	0x02, 0x70, 0x65, 0x65, 0x72, 0x00
};

/* Send what the driver gave us, within the medium's bytes per tick. */
static void sam_hw_send(struct sam_dev *sam, u64 elapsed_ns)
{
	struct sam_hw *hw = &sam->sc_hw;
	u64 kbps = sam_media_rate_kbps(READ_ONCE(hw->media));
	/* bytes = kbit/s * 1000 / 8 * ns / 1e9 */
	s64 budget = div64_u64(kbps * 125 * elapsed_ns, NSEC_PER_SEC) + 1;
	struct sam_desc *d;
	unsigned int i;

	for (i = 0; i < sam->sc_ntx && budget > 0; i++) {
		d = &sam->sc_tx[hw->tx_next];
		/* Ours? (acquire: then the driver's fields are visible) */
		if (smp_load_acquire(&d->status) != SAM_DESC_HW)
			break;
		budget -= d->len;
		/* Onto the wire (and nowhere); release: hand it back. */
		smp_store_release(&d->status, SAM_DESC_DONE);
		hw->tx_next = (hw->tx_next + 1) % sam->sc_ntx;
		atomic64_inc(&hw->tx_frames);
	}
}

/* Write the next test frame into @buf; returns its length. */
static u32 sam_hw_make_frame(struct sam_hw *hw, u8 *buf, u32 room)
{
	struct ether_header *eh = (struct ether_header *)buf;
	u8 *payload = buf + ETHER_HDR_LEN;

	if (room < SAM_TEST_FRAME_LEN)
		return 0;
	eth_broadcast_addr(eh->ether_dhost);
	memcpy(eh->ether_shost, sam_hw_peer, ETHER_ADDR_LEN);
	eh->ether_type = htons(SAM_TEST_ETHERTYPE);
	memset(payload, 0, SAM_TEST_FRAME_LEN - ETHER_HDR_LEN);
	put_unaligned_be32(hw->rx_seq++, payload);
	memcpy(payload + 4, "iopkt-sam", 9);
	return SAM_TEST_FRAME_LEN;
}

/* Receive the frames due at rxrate since the previous tick. */
static void sam_hw_receive(struct sam_dev *sam, u64 elapsed_ns)
{
	struct sam_hw *hw = &sam->sc_hw;
	struct sam_desc *d;
	u64 due;
	u32 len;

	if (!hw->rxrate)
		return;
	hw->rx_credit += elapsed_ns * hw->rxrate;
	due = div64_u64(hw->rx_credit, NSEC_PER_SEC);
	hw->rx_credit -= due * NSEC_PER_SEC;
	if (due > sam->sc_nrx) {
		/* More than the ring holds: the rest is missed anyway. */
		atomic64_add(due - sam->sc_nrx, &hw->rx_missed);
		hw->rx_seq += due - sam->sc_nrx;
		due = sam->sc_nrx;
	}

	while (due--) {
		d = &sam->sc_rx[hw->rx_next];
		/* A buffer for us? (acquire: then d->buf is visible) */
		if (smp_load_acquire(&d->status) != SAM_DESC_HW) {
			/* The driver has not given us a buffer: missed. */
			atomic64_inc(&hw->rx_missed);
			hw->rx_seq++;
			continue;
		}
		len = sam_hw_make_frame(hw, d->buf, d->len);
		if (!len) {
			atomic64_inc(&hw->rx_missed);
			continue;
		}
		d->len = len;
		/* Release: the frame and d->len before the ownership. */
		smp_store_release(&d->status, SAM_DESC_DONE);
		hw->rx_next = (hw->rx_next + 1) % sam->sc_nrx;
		atomic64_inc(&hw->rx_frames);
		set_bit(SAM_CAUSE_RX, &hw->irq);
	}
}

/* The NIC's clock: hard IRQ context. */
static enum hrtimer_restart sam_hw_tick(struct hrtimer *t)
{
	struct sam_dev *sam = container_of(t, struct sam_dev, sc_hw.timer);
	struct sam_hw *hw = &sam->sc_hw;
	u64 now = ktime_get_ns();
	/* After a long stall (a debugger, TCG) do not catch up in a burst. */
	u64 elapsed = min_t(u64, now - hw->last_ns, 100 * NSEC_PER_MSEC);

	hw->last_ns = now;
	hw->ticks++;
	if (atomic_read(&hw->link)) {
		sam_hw_send(sam, elapsed);
		sam_hw_receive(sam, elapsed);
	} else {
		hw->rx_credit = 0;
	}

	/* The interrupt line: the kernel would call the driver's ISR. */
	sam_isr(sam);

	hrtimer_forward_now(t, ns_to_ktime(SAM_HW_TICK_NS));
	return HRTIMER_RESTART;
}

/**
 * sam_hw_init() - power-on reset of the simulated NIC (off)
 * @sam: the device
 * @rxrate: frames per second the wire brings
 * @link_up: whether a cable is plugged in
 */
void sam_hw_init(struct sam_dev *sam, unsigned long rxrate, bool link_up)
{
	struct sam_hw *hw = &sam->sc_hw;

	hrtimer_init(&hw->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hw->timer.function = sam_hw_tick;
	atomic_set(&hw->link, link_up);
	hw->media = IFM_ETHER | IFM_AUTO;
	hw->rxrate = rxrate;
}

/**
 * sam_hw_start() - switch the NIC on; nothing if it is on
 * @sam: the device
 *
 * Its ring positions restart at descriptor 0, as the driver's do after
 * sam_stop(). Stack context.
 */
void sam_hw_start(struct sam_dev *sam)
{
	struct sam_hw *hw = &sam->sc_hw;

	if (hw->on)
		return;
	hw->rx_next = 0;
	hw->tx_next = 0;
	hw->rx_credit = 0;
	hw->last_ns = ktime_get_ns();
	clear_bit(SAM_CAUSE_RX, &hw->irq);
	clear_bit(SAM_IRQ_MASKED, &hw->irq);
	hw->on = true;
	hrtimer_start(&hw->timer, ns_to_ktime(SAM_HW_TICK_NS),
		      HRTIMER_MODE_REL);
}

/**
 * sam_hw_stop() - switch the NIC off
 * @sam: the device
 *
 * When this returns the NIC touches no descriptor and raises no interrupt.
 * Any context but hard IRQ (the shutdown hook calls it too).
 */
void sam_hw_stop(struct sam_dev *sam)
{
	hrtimer_cancel(&sam->sc_hw.timer);
	sam->sc_hw.on = false;
}

/**
 * sam_hw_link() - the PHY's link status register
 * @sam: the device
 *
 * Return: true if the link is up.
 */
bool sam_hw_link(struct sam_dev *sam)
{
	return atomic_read(&sam->sc_hw.link);
}

/*
 * ---------------------------------------------------------------------
 * debugfs
 * ---------------------------------------------------------------------
 */
static DEFINE_MUTEX(sam_dbg_lock);
static struct dentry *sam_dbg_root;
static unsigned int sam_dbg_users;

static ssize_t sam_dbg_link_read(struct file *file, char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct sam_dev *sam = file->private_data;
	char buf[3];

	buf[0] = sam_hw_link(sam) ? '1' : '0';
	buf[1] = '\n';
	buf[2] = '\0';
	return simple_read_from_buffer(ubuf, count, ppos, buf, 2);
}

static ssize_t sam_dbg_link_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct sam_dev *sam = file->private_data;
	bool up;
	int ret;

	ret = kstrtobool_from_user(ubuf, count, &up);
	if (ret)
		return ret;
	atomic_set(&sam->sc_hw.link, up);
	/* The PHY would interrupt; we ask the link monitor to look now. */
	sam_link_poke(sam);
	return count;
}

static const struct file_operations sam_dbg_link_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sam_dbg_link_read,
	.write = sam_dbg_link_write,
	.llseek = default_llseek,
};

static int sam_dbg_state_show(struct seq_file *s, void *unused)
{
	struct sam_dev *sam = s->private;
	struct sam_hw *hw = &sam->sc_hw;

	seq_printf(s, "link %d\n", sam_hw_link(sam));
	seq_printf(s, "on %d\n", READ_ONCE(hw->on));
	seq_printf(s, "media 0x%x\n", READ_ONCE(hw->media));
	seq_printf(s, "rxrate %lu\n", hw->rxrate);
	seq_printf(s, "ticks %llu\n", READ_ONCE(hw->ticks));
	seq_printf(s, "irqs %lld\n", atomic64_read(&hw->irqs));
	seq_printf(s, "rx_frames %lld\n", atomic64_read(&hw->rx_frames));
	seq_printf(s, "rx_missed %lld\n", atomic64_read(&hw->rx_missed));
	seq_printf(s, "tx_frames %lld\n", atomic64_read(&hw->tx_frames));
	seq_printf(s, "rx_ring %u\n", sam->sc_nrx);
	seq_printf(s, "tx_ring %u\n", sam->sc_ntx);
	seq_printf(s, "tx_ring_used %u\n", READ_ONCE(sam->sc_tx_used));
	seq_printf(s, "tx_ring_full %llu\n", sam->sc_stats.tx_ring_full);
	seq_printf(s, "tx_kicks %llu\n", sam->sc_stats.tx_kicks);
	seq_printf(s, "tx_link_waits %llu\n", sam->sc_stats.tx_link_waits);
	seq_printf(s, "tx_copied %llu\n", sam->sc_stats.tx_copied);
	seq_printf(s, "rx_failed_allocs %llu\n",
		   sam->sc_stats.rx_failed_allocs);
	seq_printf(s, "link_changes %llu\n", sam->sc_stats.link_changes);
	seq_printf(s, "mcast_updates %llu\n", sam->sc_stats.mcast_updates);
	seq_printf(s, "mcast_filter %u\n", READ_ONCE(sam->sc_nmcast));
	seq_printf(s, "allmulti %d\n", READ_ONCE(sam->sc_allmulti));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sam_dbg_state);

/**
 * sam_debugfs_add() - make /sys/kernel/debug/devnp-sam/IFNAME/
 * @sam: the device, attached (its name and index are known)
 *
 * Best effort: without debugfs the driver works, tests cannot pull the
 * cable. A second instance's sam0 gets "sam0.IFINDEX".
 */
void sam_debugfs_add(struct sam_dev *sam)
{
	struct ifnet *ifp = sam_ifp(sam);
	char name[IOPKT_IFNAMSIZ + 16];
	struct dentry *old;

	mutex_lock(&sam_dbg_lock);
	if (!sam_dbg_users++)
		sam_dbg_root = debugfs_create_dir("devnp-sam", NULL);

	strscpy(name, ifp->if_xname, sizeof(name));
	old = debugfs_lookup(name, sam_dbg_root);
	if (old) {
		dput(old);
		snprintf(name, sizeof(name), "%s.%d", ifp->if_xname,
			 ifp->if_index);
	}
	sam->sc_dbg = debugfs_create_dir(name, sam_dbg_root);
	mutex_unlock(&sam_dbg_lock);

	debugfs_create_file("link", 0600, sam->sc_dbg, sam,
			    &sam_dbg_link_fops);
	debugfs_create_file("state", 0400, sam->sc_dbg, sam,
			    &sam_dbg_state_fops);
}

/**
 * sam_debugfs_remove() - remove the device's debugfs files
 * @sam: the device
 *
 * Waits for reads and writes in progress; after it no debugfs write can
 * touch @sam.
 */
void sam_debugfs_remove(struct sam_dev *sam)
{
	debugfs_remove(sam->sc_dbg);
	sam->sc_dbg = NULL;

	mutex_lock(&sam_dbg_lock);
	if (!--sam_dbg_users) {
		debugfs_remove(sam_dbg_root);
		sam_dbg_root = NULL;
	}
	mutex_unlock(&sam_dbg_lock);
}
