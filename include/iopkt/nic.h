/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nicinfo's structures under io-pkt's names, for drivers: nic_config_t and
 * nic_stats_t (the SIOCGDRVCOM answers, cfg.verbose included),
 * DRVCOM_CONFIG / DRVCOM_STATS and the NIC_FLAG_* / NIC_MEDIA_* values.
 * <uapi/iopkt/ctl.h> has them with the IOPKT_ prefix for user space.
 *
 * io-pkt's own typedefs (lint: bsd-errno).
 */
#ifndef _IOPKT_NIC_H
#define _IOPKT_NIC_H

#include <linux/types.h>

#include <uapi/iopkt/ctl.h>

typedef struct iopkt_nic_config nic_config_t;
typedef struct iopkt_nic_stats nic_stats_t;

#define DRVCOM_CONFIG		IOPKT_DRVCOM_CONFIG
#define DRVCOM_STATS		IOPKT_DRVCOM_STATS

#define NIC_FLAG_LINK_DOWN	IOPKT_NIC_FLAG_LINK_DOWN
#define NIC_FLAG_PROMISCUOUS	IOPKT_NIC_FLAG_PROMISCUOUS
#define NIC_FLAG_MULTICAST	IOPKT_NIC_FLAG_MULTICAST
#define NIC_FLAG_BROADCAST	IOPKT_NIC_FLAG_BROADCAST
#define NIC_FLAG_HDX		IOPKT_NIC_FLAG_HDX
#define NIC_FLAG_FDX		IOPKT_NIC_FLAG_FDX

#define NIC_MEDIA_802_3		IOPKT_NIC_MEDIA_802_3
#define NIC_MEDIA_802_11	IOPKT_NIC_MEDIA_802_11

#endif /* _IOPKT_NIC_H */
