/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ifmedia: the media words ifconfig shows and sets (SIOCGIFMEDIA,
 * SIOCSIFMEDIA), NetBSD's encoding and API.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_IF_MEDIA_H
#define _IOPKT_IF_MEDIA_H

#include <linux/list.h>

#include <iopkt/if.h>

#define IFM_ETHER	IOPKT_IFM_ETHER
#define IFM_IEEE80211	IOPKT_IFM_IEEE80211
#define IFM_NMASK	IOPKT_IFM_NMASK
#define IFM_TMASK	IOPKT_IFM_TMASK
#define IFM_AUTO	IOPKT_IFM_AUTO
#define IFM_MANUAL	IOPKT_IFM_MANUAL
#define IFM_NONE	IOPKT_IFM_NONE
#define IFM_10_T	IOPKT_IFM_10_T
#define IFM_100_TX	IOPKT_IFM_100_TX
#define IFM_1000_SX	IOPKT_IFM_1000_SX
#define IFM_1000_T	IOPKT_IFM_1000_T
#define IFM_10G_T	IOPKT_IFM_10G_T
#define IFM_FDX		IOPKT_IFM_FDX
#define IFM_HDX		IOPKT_IFM_HDX
#define IFM_FLOW	IOPKT_IFM_FLOW
#define IFM_ETH_TXPAUSE	IOPKT_IFM_ETH_TXPAUSE
#define IFM_ETH_RXPAUSE	IOPKT_IFM_ETH_RXPAUSE
#define IFM_LOOP	IOPKT_IFM_LOOP
#define IFM_GMASK	IOPKT_IFM_GMASK
#define IFM_OMASK	IOPKT_IFM_OMASK
#define IFM_AVALID	IOPKT_IFM_AVALID
#define IFM_ACTIVE	IOPKT_IFM_ACTIVE

#define IFM_TYPE(x)	((x) & IFM_NMASK)
#define IFM_SUBTYPE(x)	((x) & IFM_TMASK)

typedef int (*ifm_change_cb_t)(struct ifnet *ifp);
typedef void (*ifm_stat_cb_t)(struct ifnet *ifp, struct iopkt_ifmediareq *ifmr);

struct ifmedia_entry {
	struct list_head ifm_list;
	int ifm_media;
	int ifm_data;
	void *ifm_aux;
};

/**
 * struct ifmedia - the media a driver offers
 * @ifm_mask: bits the user may not change
 * @ifm_media: the media word the user set
 * @ifm_cur: the entry in use
 * @ifm_list: struct ifmedia_entry offered
 * @ifm_change: told when the user picks a medium
 * @ifm_status: asked for the active medium and the link status
 */
struct ifmedia {
	int ifm_mask;
	int ifm_media;
	struct ifmedia_entry *ifm_cur;
	struct list_head ifm_list;
	ifm_change_cb_t ifm_change;
	ifm_stat_cb_t ifm_status;
};

void ifmedia_init(struct ifmedia *ifm, int dontcare_mask,
		  ifm_change_cb_t change, ifm_stat_cb_t status);
void ifmedia_add(struct ifmedia *ifm, int mword, int data, void *aux);
void ifmedia_set(struct ifmedia *ifm, int mword);
void ifmedia_delete_instance(struct ifmedia *ifm, int inst);
int ifmedia_ioctl(struct ifnet *ifp, void *ifr, struct ifmedia *ifm,
		  unsigned long cmd);
int ifmedia_baudrate(int mword);

#define IFM_INST_ANY	(-1)

#endif /* _IOPKT_IF_MEDIA_H */
