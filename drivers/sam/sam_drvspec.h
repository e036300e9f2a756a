/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * devnp-sam's SIOCGDRVSPEC commands (ifd_cmd) and their answers, shared
 * with user space: a tool sends struct iopkt_ifdrv with ifd_data pointing
 * at the structure named, ifd_len its size.
 */
#ifndef _SAM_DRVSPEC_H
#define _SAM_DRVSPEC_H

#include <linux/types.h>

/* The rings and the transmit path: struct sam_drvspec_rings. */
#define SAM_DRVSPEC_RINGS	1

/**
 * struct sam_drvspec_rings - what SAM_DRVSPEC_RINGS answers
 * @rxring: receive descriptors (rxring= option)
 * @txring: transmit descriptors (txring= option)
 * @tx_used: transmit descriptors holding a frame now
 * @mcast_entries: multicast filter entries in use
 * @tx_ring_full: times the driver found no free transmit descriptor
 * @tx_kicks: times the transmit callout restarted transmission
 */
struct sam_drvspec_rings {
	__u32 rxring;
	__u32 txring;
	__u32 tx_used;
	__u32 mcast_entries;
	__u64 tx_ring_full;
	__u64 tx_kicks;
};

#endif /* _SAM_DRVSPEC_H */
