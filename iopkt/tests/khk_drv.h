/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "khk": a small Ethernet driver for the module API suites (iopkt_modapi_kunit):
 * its if_start takes every frame at once and counts it, its if_ioctl
 * answers one private request, KHK_SIOCGPRIV. It declares every checksum
 * and TSO capability (all enabled) and keeps the last frame it sent.
 */
#ifndef _IOPKT_KHK_DRV_H
#define _IOPKT_KHK_DRV_H

#include <iopkt/device.h>
#include <iopkt/if_ether.h>

/* the driver's private request: fills val with KHK_PRIV_ANSWER + unit */
struct khk_priv {
	char name[IOPKT_IFNAMSIZ];
	int val;
};

#define KHK_SIOCGPRIV		_IOWR('i', 240, struct khk_priv)
#define KHK_PRIV_ANSWER		4200

struct khk_softc {
	struct iopkt_device sc_dev;
	struct ethercom sc_ec;
	int sent;		/* test frames (0x88xx, IPv4) if_start took */
	int ioctls;		/* if_ioctl calls */
	int last_csum;		/* csum_flags of the last frame if_start took */
	u8 last[128];		/* its first bytes */
};

int khk_register(void);
void khk_unregister(void);
struct ifnet *khk_create(void);		/* a new khkN, up; NULL on failure */
int khk_destroy(struct ifnet *ifp);
struct mbuf *khk_frame(u16 type, int len);
int khk_sent(struct ifnet *ifp);
struct khk_softc *khk_sc(struct ifnet *ifp);

#endif /* _IOPKT_KHK_DRV_H */
