// SPDX-License-Identifier: GPL-2.0
/*
 * ifconfig for iopkt: the pieces shared by ifconfig, nicinfo and netstat.
 *
 * ifc_fmt.c and ifc_parse.c are pure (no system calls) so that the host
 * tests can drive them; ifc_list.c talks to /dev/iopktN and ifc_addr.c to
 * rtnetlink in the instance's network namespace.
 */
#ifndef IOPKT_IFCONFIG_H
#define IOPKT_IFCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <iopkt/ctl.h>

/* ---- formatting (ifc_fmt.c) ---- */

struct ifc_bit {
	uint32_t bit;
	const char *name;
};

extern const struct ifc_bit ifc_flag_bits[];
extern const struct ifc_bit ifc_cap_bits[];
extern const struct ifc_bit ifc_ethercap_bits[];

/* "label=HEX<NAME,NAME>" (NetBSD's printb); returns buf. */
char *ifc_printb(char *buf, size_t len, const char *label, uint32_t v,
		 const struct ifc_bit *bits);

/* "Ethernet", "IEEE802.11", or "unknown type". */
const char *ifc_media_type_name(int mword);
/* "1000baseT full-duplex,flowcontrol": subtype, mode, options joined by sep
 * before the first option and "," between options. */
char *ifc_media_word(char *buf, size_t len, int mword, const char *optsep);
/* "active", "no carrier", "no network" from ifm_status; NULL if invalid. */
const char *ifc_media_status(int mword, int status);
/* The subtype named name for media type (IOPKT_IFM_ETHER, ...), or -1. */
int ifc_media_subtype(int type, const char *name);
/* Options in a comma-separated list ("full-duplex,flow") as bits; -1 and
 * *bad pointing at the offending word on an unknown one. */
int ifc_media_opts(int type, const char *list, char *bad, size_t badlen);

/* The -v counter lines ("\tinput: ...\n\toutput: ...\n"). */
char *ifc_counters(char *buf, size_t len, const struct iopkt_if_data *d);

/* "00:01:02:03:04:05" */
char *ifc_lladdr(char *buf, size_t len, const uint8_t *a, int alen);

/* The "\tstatus: ..." word for an interface without media. */
const char *ifc_link_status(int link_state);

/* Text for errno e with the BSD wording for ENXIO ("Device not configured"). */
const char *ifc_strerror(int e);

/* ---- arguments (ifc_parse.c) ---- */

enum ifc_addr_op {
	IFC_ADDR_NONE,
	IFC_ADDR_SET,		/* replace the first address of the family */
	IFC_ADDR_ALIAS,		/* add another one */
	IFC_ADDR_DELETE,	/* -alias, delete */
};

struct ifc_addr_req {
	int family;		/* AF_INET or AF_INET6 */
	enum ifc_addr_op op;
	uint8_t addr[16];
	int plen;		/* -1 when not given */
	bool has_brd;
	uint8_t brd[4];
	bool has_dst;
	uint8_t dst[16];
};

/* Bits of the capability keywords that apply to rx and to tx. */
#define IFC_CAP_RX_OK	(IOPKT_IFCAP_CSUM_IPv4 | IOPKT_IFCAP_CSUM_TCPv4 | \
			 IOPKT_IFCAP_CSUM_UDPv4 | IOPKT_IFCAP_CSUM_TCPv6 | \
			 IOPKT_IFCAP_CSUM_UDPv6)
#define IFC_CAP_TX_OK	(IFC_CAP_RX_OK | IOPKT_IFCAP_TSOv4 | IOPKT_IFCAP_TSOv6)

struct ifc_cmd {
	bool create;
	bool destroy;
	uint32_t flags_set;	/* IOPKT_IFF_* */
	uint32_t flags_clr;
	bool has_mtu;
	int mtu;
	bool has_metric;
	int metric;
	const char *media;	/* subtype name */
	const char *mediaopt_set;
	const char *mediaopt_clr;
	/* capability keywords: both directions (where the hardware has
	 * them), rx only, tx only */
	uint32_t cap_set, cap_clr;
	uint32_t cap_rx_set, cap_rx_clr;
	uint32_t cap_tx_set, cap_tx_clr;
	struct ifc_addr_req addr;
	int nparams;		/* how many changes were asked for */
	int show_family;	/* "ifconfig IF inet": show only that family */
};

/*
 * Parses the words after the interface name. Returns 0, or -1 with a
 * message naming the bad word in err.
 */
int ifc_parse(int argc, char *const argv[], struct ifc_cmd *cmd, char *err,
	      size_t errlen);

/* Applies the capability keywords of cmd to the request read by SIOCGIFCAP. */
void ifc_caps_apply(const struct ifc_cmd *cmd, struct iopkt_ifcapreq *cr);

/* Media word after "media"/"mediaopt"/"-mediaopt" on current; -1 and a
 * message in err on an unknown name. */
int ifc_media_apply(const struct ifc_cmd *cmd, int current, char *err,
		    size_t errlen);

/* The classful netmask length NetBSD gives an address without one. */
int ifc_inet_default_plen(const uint8_t a[4]);

/* NetBSD netstat's network name: "10.0.2/24", "192.168.1/24", "default". */
char *ifc_inet_netname(char *buf, size_t len, const uint8_t a[4], int plen);

/* ---- interfaces of the instance (ifc_list.c) ---- */

/* SIOCGIFLIST into a malloc'd array; 0, or -1 with errno set. */
int ifc_list_get(int fd, struct iopkt_ifinfo **list, unsigned int *n);
const struct iopkt_ifinfo *ifc_list_find(const struct iopkt_ifinfo *list,
					 unsigned int n, const char *name);

/* ---- addresses through rtnetlink (ifc_addr.c) ---- */

struct ifc_addr {
	int family;
	int ifindex;
	int plen;
	uint32_t flags;		/* IFA_F_* */
	int scope;		/* RT_SCOPE_* */
	uint8_t local[16];	/* the interface's address */
	bool has_dst;
	uint8_t dst[16];	/* the peer of a point-to-point link */
	bool has_brd;
	uint8_t brd[4];
};

/* All addresses of the current network namespace; 0 or -1 (err set). */
int ifc_addr_dump(struct ifc_addr **out, size_t *n, char *err, size_t errlen);
/* Adds (replacing an equal one) or deletes an address. */
int ifc_addr_change(bool add, const struct ifc_addr *a, char *err,
		    size_t errlen);
/* "inet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255" and so on, for
 * ifconfig; flags are the interface's IOPKT_IFF_*. */
char *ifc_addr_line(char *buf, size_t len, const struct ifc_addr *a,
		    const char *ifname, uint32_t flags);
/* The text form of a's address, "%ifname" added when it is link-local. */
char *ifc_addr_text(char *buf, size_t len, int family, const uint8_t *addr,
		    const char *ifname);

#endif /* IOPKT_IFCONFIG_H */
