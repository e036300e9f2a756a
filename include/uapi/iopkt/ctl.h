/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The iopkt control plane as user space sees it.
 *
 * Each stack instance N has a character device /dev/iopktN. It takes BSD
 * ioctls with NetBSD's group and numbers ('i', nr); the structures are
 * defined here with fixed-size fields so that 32- and 64-bit tools agree.
 * Names carry an IOPKT_ prefix so that this header can sit next to glibc's
 * <net/if.h> and Linux's <linux/sockios.h>; include/iopkt/if.h gives drivers
 * the plain NetBSD names.
 *
 * What has no BSD ioctl (instances, module mounts, events) is in the
 * generic netlink family described in <uapi/iopkt/genl.h>.
 */
#ifndef _UAPI_IOPKT_CTL_H
#define _UAPI_IOPKT_CTL_H

#include <linux/ioctl.h>
#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/if.h>	/* its ifr_flags... macros fit struct iopkt_ifreq */
#endif

#define IOPKT_IFNAMSIZ		16
#define IOPKT_CTL_DEV_FMT	"/dev/iopkt%d"
#define IOPKT_CTL_NAME_FMT	"iopkt%d"

/* Interface flags (if_flags), NetBSD values. */
#define IOPKT_IFF_UP		0x0001
#define IOPKT_IFF_BROADCAST	0x0002
#define IOPKT_IFF_DEBUG		0x0004
#define IOPKT_IFF_LOOPBACK	0x0008
#define IOPKT_IFF_POINTOPOINT	0x0010
#define IOPKT_IFF_NOTRAILERS	0x0020
#define IOPKT_IFF_RUNNING	0x0040
#define IOPKT_IFF_NOARP		0x0080
#define IOPKT_IFF_PROMISC	0x0100
#define IOPKT_IFF_ALLMULTI	0x0200
#define IOPKT_IFF_OACTIVE	0x0400
#define IOPKT_IFF_SIMPLEX	0x0800
#define IOPKT_IFF_LINK0		0x1000
#define IOPKT_IFF_LINK1		0x2000
#define IOPKT_IFF_LINK2		0x4000
#define IOPKT_IFF_MULTICAST	0x8000
/* Flags only the stack or the driver may change. */
#define IOPKT_IFF_CANTCHANGE	(IOPKT_IFF_BROADCAST | IOPKT_IFF_POINTOPOINT | \
				 IOPKT_IFF_RUNNING | IOPKT_IFF_OACTIVE | \
				 IOPKT_IFF_SIMPLEX | IOPKT_IFF_MULTICAST | \
				 IOPKT_IFF_ALLMULTI | IOPKT_IFF_PROMISC)

/* Link states (ifi_link_state). */
#define IOPKT_LINK_STATE_UNKNOWN	0
#define IOPKT_LINK_STATE_DOWN		1
#define IOPKT_LINK_STATE_UP		2

/* Capabilities (if_capabilities_rx/tx, if_capenable_rx/tx), io-pkt's. */
#define IOPKT_IFCAP_CSUM_IPv4		0x0001
#define IOPKT_IFCAP_CSUM_TCPv4		0x0002
#define IOPKT_IFCAP_CSUM_UDPv4		0x0004
#define IOPKT_IFCAP_CSUM_TCPv6		0x0010
#define IOPKT_IFCAP_CSUM_UDPv6		0x0020
#define IOPKT_IFCAP_TSOv4		0x0080
#define IOPKT_IFCAP_TSOv6		0x0100

/* Ethernet capabilities (ec_capabilities). */
#define IOPKT_ETHERCAP_VLAN_MTU		0x0001
#define IOPKT_ETHERCAP_VLAN_HWTAGGING	0x0002
#define IOPKT_ETHERCAP_JUMBO_MTU	0x0004

/**
 * struct iopkt_ifreq - NetBSD's struct ifreq
 * @ifr_ifrn: the interface name (ifr_name)
 * @ifr_ifru: the argument; reach its members with the usual names
 *	(ifr_name, ifr_flags, ifr_metric, ifr_mtu, ifr_data, from <net/if.h>
 *	or defined below; ifr_media is iopkt's), laid out as Linux's ifreq
 *	so that those macros fit
 *
 * ifru_flags: IOPKT_IFF_*; ifru_ivalue: routing metric (ifr_metric); ifru_mtu: MTU;
 * ifru_media: media word (SIOCSIFMEDIA); ifru_data: user pointer for
 * driver-specific requests; ifru_space: room for a sockaddr_storage
 * (multicast requests: sa_len, sa_family, then the address).
 */
struct iopkt_ifreq {
	union {
		char ifrn_name[IOPKT_IFNAMSIZ];
	} ifr_ifrn;
	union {
		__s32 ifru_flags;
		__s32 ifru_ivalue;
		__s32 ifru_mtu;
		__s32 ifru_media;
		__u64 ifru_data;
		__u8 ifru_space[128];
	} ifr_ifru;
};

/* The same member names as Linux's and glibc's struct ifreq. */
#ifndef ifr_name
#define ifr_name	ifr_ifrn.ifrn_name
#endif
#ifndef ifr_flags
#define ifr_flags	ifr_ifru.ifru_flags
#endif
#ifndef ifr_metric
#define ifr_metric	ifr_ifru.ifru_ivalue
#endif
#ifndef ifr_mtu
#define ifr_mtu		ifr_ifru.ifru_mtu
#endif
#ifndef ifr_data
#define ifr_data	ifr_ifru.ifru_data
#endif
#define ifr_media	ifr_ifru.ifru_media

/**
 * struct iopkt_if_data - NetBSD's struct if_data: an interface's counters
 * (SIOCGIFDATA, SIOCZIFDATA)
 */
struct iopkt_if_data {
	__u8 ifi_type;
	__u8 ifi_addrlen;
	__u8 ifi_hdrlen;
	__u8 ifi_pad;
	__s32 ifi_link_state;
	__u64 ifi_mtu;
	__u64 ifi_metric;
	__u64 ifi_baudrate;
	__u64 ifi_ipackets;
	__u64 ifi_ierrors;
	__u64 ifi_opackets;
	__u64 ifi_oerrors;
	__u64 ifi_collisions;
	__u64 ifi_ibytes;
	__u64 ifi_obytes;
	__u64 ifi_imcasts;
	__u64 ifi_omcasts;
	__u64 ifi_iqdrops;
	__u64 ifi_noproto;
	__s64 ifi_lastchange_sec;
	__s64 ifi_lastchange_nsec;
};

struct iopkt_ifdatareq {
	char ifdr_name[IOPKT_IFNAMSIZ];
	struct iopkt_if_data ifdr_data;
};

/**
 * struct iopkt_ifmediareq - NetBSD's struct ifmediareq (SIOCGIFMEDIA)
 * @ifm_name: interface name
 * @ifm_current: the media word set by the user
 * @ifm_mask: bits the user may not change
 * @ifm_status: IOPKT_IFM_AVALID / IOPKT_IFM_ACTIVE
 * @ifm_active: the media word in use
 * @ifm_count: in: room in @ifm_ulist; out: number of media words
 * @ifm_ulist: user pointer to an array of __s32 media words, or 0
 */
struct iopkt_ifmediareq {
	char ifm_name[IOPKT_IFNAMSIZ];
	__s32 ifm_current;
	__s32 ifm_mask;
	__s32 ifm_status;
	__s32 ifm_active;
	__s32 ifm_count;
	__u32 ifm_pad;
	__u64 ifm_ulist;
};

/* Media words: NetBSD's <net/if_media.h> encoding. */
#define IOPKT_IFM_ETHER		0x00000020
#define IOPKT_IFM_IEEE80211	0x00000080
#define IOPKT_IFM_NMASK		0x000000e0
#define IOPKT_IFM_TMASK		0x0000001f
#define IOPKT_IFM_AUTO		0
#define IOPKT_IFM_MANUAL	1
#define IOPKT_IFM_NONE		2
#define IOPKT_IFM_10_T		3
#define IOPKT_IFM_100_TX	6
#define IOPKT_IFM_1000_SX	11
#define IOPKT_IFM_1000_T	16
#define IOPKT_IFM_10G_T		22	/* NetBSD's 10GBASE-T */
#define IOPKT_IFM_FDX		0x00100000
#define IOPKT_IFM_HDX		0x00200000
#define IOPKT_IFM_FLOW		0x00400000
#define IOPKT_IFM_ETH_TXPAUSE	0x00040000
#define IOPKT_IFM_ETH_RXPAUSE	0x00020000
#define IOPKT_IFM_LOOP		0x00800000
#define IOPKT_IFM_GMASK		0x00ff0000
#define IOPKT_IFM_OMASK		0x0000ff00
#define IOPKT_IFM_AVALID	0x00000001
#define IOPKT_IFM_ACTIVE	0x00000002

/**
 * struct iopkt_ifcapreq - io-pkt's struct ifcapreq (SIOCGIFCAP, SIOCSIFCAP)
 * @ifcr_name: interface name
 * @ifcr_capabilities_rx: what the hardware can do on receive (read only)
 * @ifcr_capabilities_tx: what it can do on transmit (read only)
 * @ifcr_capenable_rx: what is enabled on receive
 * @ifcr_capenable_tx: what is enabled on transmit
 */
struct iopkt_ifcapreq {
	char ifcr_name[IOPKT_IFNAMSIZ];
	__u32 ifcr_capabilities_rx;
	__u32 ifcr_capabilities_tx;
	__u32 ifcr_capenable_rx;
	__u32 ifcr_capenable_tx;
};

/**
 * struct iopkt_if_clonereq - NetBSD's struct if_clonereq (SIOCIFGCLONERS)
 * @ifcr_total: out: number of cloners
 * @ifcr_count: in: room in @ifcr_buffer, in IOPKT_IFNAMSIZ units
 * @ifcr_buffer: user pointer to @ifcr_count names of IOPKT_IFNAMSIZ bytes
 */
struct iopkt_if_clonereq {
	__s32 ifcr_total;
	__s32 ifcr_count;
	__u64 ifcr_buffer;
};

/**
 * struct iopkt_ifinfo - one interface of the instance (IOPKT_SIOCGIFLIST)
 * @name: interface name (also the Linux net_device name)
 * @driver: driver name ("sam", "shim", "tap", ...)
 * @ifindex: the Linux ifindex of its net_device
 * @flags: IOPKT_IFF_*
 * @mtu: MTU
 * @link_state: IOPKT_LINK_STATE_*
 * @ec_capabilities: IOPKT_ETHERCAP_* (0 if not Ethernet)
 * @ec_capenable: IOPKT_ETHERCAP_* enabled
 * @type: IFT_* (6 = Ethernet)
 * @addrlen: link-level address length
 * @lladdr: link-level address
 * @alias: the io-net-style name it also answers to ("en0"; tcpip option
 *	enmap), or empty
 */
struct iopkt_ifinfo {
	char name[IOPKT_IFNAMSIZ];
	char driver[IOPKT_IFNAMSIZ];
	__s32 ifindex;
	__s32 flags;
	__u32 mtu;
	__s32 link_state;
	__u32 ec_capabilities;
	__u32 ec_capenable;
	__u8 type;
	__u8 addrlen;
	__u8 lladdr[14];
	char alias[IOPKT_IFNAMSIZ];
};

/**
 * struct iopkt_iflist - the interfaces of the instance (IOPKT_SIOCGIFLIST)
 * @total: out: how many interfaces there are
 * @count: in: room in @buf; out: entries written
 * @buf: user pointer to @count struct iopkt_ifinfo
 */
struct iopkt_iflist {
	__u32 total;
	__u32 count;
	__u64 buf;
};

/**
 * struct iopkt_drvcom - io-pkt's SIOCGDRVCOM request (nicinfo)
 * @ifdc_name: interface name
 * @ifdc_cmd: IOPKT_DRVCOM_CONFIG or IOPKT_DRVCOM_STATS
 * @ifdc_len: size of the buffer at @ifdc_data
 * @ifdc_data: user pointer to struct iopkt_nic_config or iopkt_nic_stats
 */
struct iopkt_drvcom {
	char ifdc_name[IOPKT_IFNAMSIZ];
	__u32 ifdc_cmd;
	__u32 ifdc_len;
	__u64 ifdc_data;
};

#define IOPKT_DRVCOM_CONFIG	1
#define IOPKT_DRVCOM_STATS	2

/* nic_config flags */
#define IOPKT_NIC_FLAG_LINK_DOWN	0x0001
#define IOPKT_NIC_FLAG_PROMISCUOUS	0x0002
#define IOPKT_NIC_FLAG_MULTICAST	0x0004
#define IOPKT_NIC_FLAG_BROADCAST	0x0008
#define IOPKT_NIC_FLAG_HDX		0x0010
#define IOPKT_NIC_FLAG_FDX		0x0020

/* nic_config media */
#define IOPKT_NIC_MEDIA_802_3		1
#define IOPKT_NIC_MEDIA_802_11		2

/**
 * struct iopkt_nic_config - io-pkt's nic_config_t, the DRVCOM_CONFIG answer
 * @flags: IOPKT_NIC_FLAG_*
 * @media: IOPKT_NIC_MEDIA_*
 * @mtu: maximum frame payload
 * @media_rate: link speed in kbit/s, -1 if unknown
 * @duplex: 1 full, 0 half, -1 unknown
 * @lan: the unit number
 * @num_irqs: interrupts in use
 * @irq: the interrupts
 * @num_io_windows: I/O ranges in use
 * @io_window_base: their bases
 * @num_mem_windows: memory ranges in use
 * @mem_window_base: their bases
 * @mem_window_size: their sizes
 * @vendor_id: PCI vendor, 0 if none
 * @device_id: PCI device, 0 if none
 * @device_revision: revision
 * @permanent_address: the factory address
 * @current_address: the address in use
 * @device_description: free text ("Intel 82540EM Gigabit Ethernet")
 * @verbose: the driver's verbose= level (io-pkt drivers test cfg.verbose)
 * @priority: the driver's priority= option, 0 if none
 */
struct iopkt_nic_config {
	__u32 flags;
	__u32 media;
	__u32 mtu;
	__s32 media_rate;
	__s32 duplex;
	__u32 lan;
	__u32 num_irqs;
	__u32 irq[4];
	__u32 num_io_windows;
	__u64 io_window_base[2];
	__u32 num_mem_windows;
	__u32 pad;
	__u64 mem_window_base[2];
	__u64 mem_window_size[2];
	__u32 vendor_id;
	__u32 device_id;
	__u32 device_revision;
	__u8 permanent_address[6];
	__u8 current_address[6];
	char device_description[64];
	__u32 verbose;
	__s32 priority;
};

/**
 * struct iopkt_nic_stats - io-pkt's nic_stats_t, the DRVCOM_STATS answer
 *
 * The generic counters come from the interface; the Ethernet error
 * counters from the driver (0 where it does not know them).
 */
struct iopkt_nic_stats {
	__u64 octets_txed_ok;
	__u64 octets_rxed_ok;
	__u64 txed_ok;
	__u64 rxed_ok;
	__u64 txed_multicast;
	__u64 rxed_multicast;
	__u64 txed_broadcast;
	__u64 rxed_broadcast;
	__u64 tx_failed_allocs;
	__u64 rx_failed_allocs;
	/* Ethernet */
	__u64 align_errors;
	__u64 fcs_errors;
	__u64 single_collisions;
	__u64 multi_collisions;
	__u64 sqe_errors;
	__u64 tx_deferred;
	__u64 late_collisions;
	__u64 xcoll_aborted;
	__u64 internal_tx_errors;
	__u64 no_carrier;
	__u64 internal_rx_errors;
	__u64 oversized_packets;
	__u64 short_packets;
	__u64 length_field_mismatch;
	__u64 symbol_errors;
	__u64 jabber_detected;
	__u64 total_collision_frames;
};

/**
 * struct iopkt_ifdrv - NetBSD's struct ifdrv (SIOCSDRVSPEC, SIOCGDRVSPEC)
 * @ifd_name: interface name
 * @ifd_cmd: the driver's or module's own command (brconfig: BRDG*)
 * @ifd_len: in: bytes at @ifd_data, at most IOPKT_DRVSPEC_MAXLEN; out
 *	(SIOCGDRVSPEC): the length of the answer, which may exceed what was
 *	given (then only ifd_len-in bytes were written: ask again with more)
 * @ifd_data: user pointer to @ifd_len bytes, or 0 when @ifd_len is 0
 *
 * The whole buffer is copied in for both requests (a "get" may carry its
 * selector there) and, for SIOCGDRVSPEC only, copied back.
 */
struct iopkt_ifdrv {
	char ifd_name[IOPKT_IFNAMSIZ];
	__u64 ifd_cmd;
	__u64 ifd_len;
	__u64 ifd_data;
};

/* The largest payload of SIOCSDRVSPEC / SIOCGDRVSPEC. */
#define IOPKT_DRVSPEC_MAXLEN	65536

/**
 * struct iopkt_ieee80211req - NetBSD's struct ieee80211req (SIOCS80211,
 *	SIOCG80211)
 * @i_name: interface name
 * @i_type: IEEE80211_IOC_* request
 * @i_val: index or simple value
 * @i_len: in: bytes at @i_data (0..32767); out (SIOCG80211): the length of
 *	the answer, as for struct iopkt_ifdrv's ifd_len
 * @i_pad: zero
 * @i_data: user pointer to @i_len bytes, or 0 when @i_len is 0
 */
struct iopkt_ieee80211req {
	char i_name[IOPKT_IFNAMSIZ];
	__u16 i_type;
	__s16 i_val;
	__s16 i_len;
	__u16 i_pad;
	__u64 i_data;
};

/* The ioctls, NetBSD's numbers in group 'i'. */
#define IOPKT_SIOCSIFFLAGS	_IOW('i', 16, struct iopkt_ifreq)
#define IOPKT_SIOCGIFFLAGS	_IOWR('i', 17, struct iopkt_ifreq)
#define IOPKT_SIOCGIFMETRIC	_IOWR('i', 23, struct iopkt_ifreq)
#define IOPKT_SIOCSIFMETRIC	_IOW('i', 24, struct iopkt_ifreq)
#define IOPKT_SIOCADDMULTI	_IOW('i', 49, struct iopkt_ifreq)
#define IOPKT_SIOCDELMULTI	_IOW('i', 50, struct iopkt_ifreq)
#define IOPKT_SIOCSIFMEDIA	_IOWR('i', 53, struct iopkt_ifreq)
#define IOPKT_SIOCGIFMEDIA	_IOWR('i', 54, struct iopkt_ifmediareq)
#define IOPKT_SIOCSIFCAP	_IOW('i', 117, struct iopkt_ifcapreq)
#define IOPKT_SIOCGIFCAP	_IOWR('i', 118, struct iopkt_ifcapreq)
#define IOPKT_SIOCIFGCLONERS	_IOWR('i', 120, struct iopkt_if_clonereq)
#define IOPKT_SIOCIFDESTROY	_IOW('i', 121, struct iopkt_ifreq)
#define IOPKT_SIOCIFCREATE	_IOW('i', 122, struct iopkt_ifreq)
#define IOPKT_SIOCGDRVCOM	_IOWR('i', 123, struct iopkt_drvcom)
#define IOPKT_SIOCGIFMTU	_IOWR('i', 126, struct iopkt_ifreq)
#define IOPKT_SIOCSIFMTU	_IOW('i', 127, struct iopkt_ifreq)
#define IOPKT_SIOCGIFDATA	_IOWR('i', 133, struct iopkt_ifdatareq)
#define IOPKT_SIOCZIFDATA	_IOWR('i', 134, struct iopkt_ifdatareq)
/* Driver- and module-specific requests (include/iopkt/ioctl.h). */
#define IOPKT_SIOCSDRVSPEC	_IOW('i', 123, struct iopkt_ifdrv)
#define IOPKT_SIOCGDRVSPEC	_IOWR('i', 123, struct iopkt_ifdrv)
#define IOPKT_SIOCS80211	_IOW('i', 234, struct iopkt_ieee80211req)
#define IOPKT_SIOCG80211	_IOWR('i', 235, struct iopkt_ieee80211req)
/* iopkt's own, above NetBSD's range. */
#define IOPKT_SIOCGIFLIST	_IOWR('i', 200, struct iopkt_iflist)
/* Returns a new file descriptor of the instance's network namespace. */
#define IOPKT_SIOCGNETNS	_IO('i', 201)

#endif /* _UAPI_IOPKT_CTL_H */
