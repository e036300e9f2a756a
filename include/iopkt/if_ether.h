/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Ethernet layer: struct ethercom, ether_ifattach(), ether_input(),
 * ether_ioctl() and the multicast list walk.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_IF_ETHER_H
#define _IOPKT_IF_ETHER_H

#include <linux/if_ether.h>

#include <iopkt/if.h>

#define ETHER_ADDR_LEN		ETH_ALEN
#define ETHER_TYPE_LEN		2
#define ETHER_CRC_LEN		4
#define ETHER_HDR_LEN		ETH_HLEN
#define ETHER_MIN_LEN		64
#define ETHER_MAX_LEN		1518
#define ETHERMTU		ETH_DATA_LEN
/* the smallest payload: ETHER_MIN_LEN - ETHER_HDR_LEN - ETHER_CRC_LEN */
#define ETHERMIN		(ETHER_MIN_LEN - ETHER_HDR_LEN - ETHER_CRC_LEN)
#define ETHERMTU_JUMBO		9000
#define ETHERTYPE_IP		ETH_P_IP
#define ETHERTYPE_ARP		ETH_P_ARP
#define ETHERTYPE_IPV6		ETH_P_IPV6
#define ETHERTYPE_VLAN		ETH_P_8021Q

#define ETHERCAP_VLAN_MTU	IOPKT_ETHERCAP_VLAN_MTU
#define ETHERCAP_VLAN_HWTAGGING	IOPKT_ETHERCAP_VLAN_HWTAGGING
#define ETHERCAP_JUMBO_MTU	IOPKT_ETHERCAP_JUMBO_MTU

struct ether_header {
	u8 ether_dhost[ETHER_ADDR_LEN];
	u8 ether_shost[ETHER_ADDR_LEN];
	__be16 ether_type;
} __packed;

#define ETHER_IS_MULTICAST(addr) (*(const u8 *)(addr) & 0x01)

extern const u8 etherbroadcastaddr[ETHER_ADDR_LEN];

/**
 * struct ether_multi - one multicast address range the interface listens to
 * @enm_addrlo: low address of the range
 * @enm_addrhi: high address (equal to @enm_addrlo for a single address)
 * @enm_refcount: how many times it was added
 */
struct ether_multi {
	u8 enm_addrlo[ETHER_ADDR_LEN];
	u8 enm_addrhi[ETHER_ADDR_LEN];
	unsigned int enm_refcount;
	struct list_head enm_list;
};

/* Cursor for ETHER_FIRST_MULTI() / ETHER_NEXT_MULTI(). */
struct ether_multistep {
	struct ether_multi *e_enm;
	struct list_head *e_head;
};

/**
 * struct ethercom - an Ethernet interface: embed it in the driver's softc
 * @ec_if: the interface; must stay the first member
 * @ec_capabilities: ETHERCAP_* the hardware has
 * @ec_capenable: ETHERCAP_* enabled
 * @ec_multiaddrs: list of struct ether_multi, kept in step with Linux's
 *	multicast list of the net_device
 * @ec_multicnt: entries on it
 */
struct ethercom {
	struct ifnet ec_if;
	u32 ec_capabilities;
	u32 ec_capenable;
	struct list_head ec_multiaddrs;
	int ec_multicnt;
};

#define ETHER_NEXT_MULTI(step, enm) do {				\
	if ((step).e_enm &&						\
	    (step).e_enm->enm_list.next != (step).e_head)		\
		(enm) = list_next_entry((step).e_enm, enm_list);	\
	else								\
		(enm) = NULL;						\
	(step).e_enm = (enm);						\
} while (0)

#define ETHER_FIRST_MULTI(step, ec, enm) do {				\
	(step).e_head = &(ec)->ec_multiaddrs;				\
	(enm) = list_first_entry_or_null(&(ec)->ec_multiaddrs,		\
					 struct ether_multi, enm_list);	\
	(step).e_enm = (enm);						\
} while (0)

void ether_ifattach(struct ifnet *ifp, const u8 *lla);
void ether_ifdetach(struct ifnet *ifp);
void ether_input(struct ifnet *ifp, struct mbuf *m);
int ether_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data);
int ether_addmulti(struct ethercom *ec, const u8 *lo, const u8 *hi);
int ether_delmulti(struct ethercom *ec, const u8 *lo, const u8 *hi);
char *ether_sprintf(const u8 *ap);

struct iopkt_nic_stats;
void iopkt_nic_stats_from_ifnet(struct ifnet *ifp, struct iopkt_nic_stats *st);

#endif /* _IOPKT_IF_ETHER_H */
