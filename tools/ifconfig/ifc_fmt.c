// SPDX-License-Identifier: GPL-2.0
/*
 * What ifconfig prints: flag and capability words, media words, counters,
 * addresses. Pure functions of their arguments (the host tests call them).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "ifconfig.h"

const struct ifc_bit ifc_flag_bits[] = {
	{ IOPKT_IFF_UP, "UP" },
	{ IOPKT_IFF_BROADCAST, "BROADCAST" },
	{ IOPKT_IFF_DEBUG, "DEBUG" },
	{ IOPKT_IFF_LOOPBACK, "LOOPBACK" },
	{ IOPKT_IFF_POINTOPOINT, "POINTOPOINT" },
	{ IOPKT_IFF_NOTRAILERS, "NOTRAILERS" },
	{ IOPKT_IFF_RUNNING, "RUNNING" },
	{ IOPKT_IFF_NOARP, "NOARP" },
	{ IOPKT_IFF_PROMISC, "PROMISC" },
	{ IOPKT_IFF_ALLMULTI, "ALLMULTI" },
	{ IOPKT_IFF_OACTIVE, "OACTIVE" },
	{ IOPKT_IFF_SIMPLEX, "SIMPLEX" },
	{ IOPKT_IFF_LINK0, "LINK0" },
	{ IOPKT_IFF_LINK1, "LINK1" },
	{ IOPKT_IFF_LINK2, "LINK2" },
	{ IOPKT_IFF_MULTICAST, "MULTICAST" },
	{ 0, NULL },
};

const struct ifc_bit ifc_cap_bits[] = {
	{ IOPKT_IFCAP_CSUM_IPv4, "IP4CSUM" },
	{ IOPKT_IFCAP_CSUM_TCPv4, "TCP4CSUM" },
	{ IOPKT_IFCAP_CSUM_UDPv4, "UDP4CSUM" },
	{ IOPKT_IFCAP_CSUM_TCPv6, "TCP6CSUM" },
	{ IOPKT_IFCAP_CSUM_UDPv6, "UDP6CSUM" },
	{ IOPKT_IFCAP_TSOv4, "TSO4" },
	{ IOPKT_IFCAP_TSOv6, "TSO6" },
	{ 0, NULL },
};

const struct ifc_bit ifc_ethercap_bits[] = {
	{ IOPKT_ETHERCAP_VLAN_MTU, "VLAN_MTU" },
	{ IOPKT_ETHERCAP_VLAN_HWTAGGING, "VLAN_HWTAGGING" },
	{ IOPKT_ETHERCAP_JUMBO_MTU, "JUMBO_MTU" },
	{ 0, NULL },
};

/* Appends to buf (always NUL-terminated, truncating). */
static void cat(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cat(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strnlen(buf, len);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

char *ifc_printb(char *buf, size_t len, const char *label, uint32_t v,
		 const struct ifc_bit *bits)
{
	bool first = true;

	buf[0] = '\0';
	cat(buf, len, "%s=%x", label, v);
	if (!v)
		return buf;
	for (; bits->name; bits++) {
		if (!(v & bits->bit))
			continue;
		cat(buf, len, "%s%s", first ? "<" : ",", bits->name);
		first = false;
	}
	if (!first)
		cat(buf, len, ">");
	return buf;
}

/* ---- media words ---- */

struct media_name {
	int value;
	const char *name;
	bool alias;		/* accepted, never printed */
};

static const struct media_name ether_subtypes[] = {
	{ IOPKT_IFM_AUTO, "autoselect", false },
	{ IOPKT_IFM_AUTO, "auto", true },
	{ IOPKT_IFM_MANUAL, "manual", false },
	{ IOPKT_IFM_NONE, "none", false },
	{ IOPKT_IFM_10_T, "10baseT", false },
	{ IOPKT_IFM_10_T, "10baseT/UTP", true },
	{ IOPKT_IFM_10_T, "UTP", true },
	{ IOPKT_IFM_10_T, "10UTP", true },
	{ 4, "10base2", false },
	{ 5, "10base5", false },
	{ IOPKT_IFM_100_TX, "100baseTX", false },
	{ IOPKT_IFM_100_TX, "100TX", true },
	{ 7, "100baseFX", false },
	{ 8, "100baseT4", false },
	{ 9, "100baseVG", false },
	{ 10, "100baseT2", false },
	{ IOPKT_IFM_1000_SX, "1000baseSX", false },
	{ IOPKT_IFM_1000_SX, "1000SX", true },
	{ 12, "10baseSTP", false },
	{ 13, "10baseFL", false },
	{ 14, "1000baseLX", false },
	{ 15, "1000baseCX", false },
	{ IOPKT_IFM_1000_T, "1000baseT", false },
	{ IOPKT_IFM_1000_T, "1000T", true },
	{ IOPKT_IFM_1000_T, "1000baseTX", true },
	{ 17, "HomePNA1", false },
	{ 18, "10GbaseLR", false },
	{ 19, "10GbaseSR", false },
	{ 20, "10GbaseCX4", false },
	{ 21, "2500baseSX", false },
	{ IOPKT_IFM_10G_T, "10GbaseT", false },
	{ -1, NULL, false },
};

/* NetBSD's 802.11 subtypes (not yet in <iopkt/ctl.h>). */
static const struct media_name wifi_subtypes[] = {
	{ IOPKT_IFM_AUTO, "autoselect", false },
	{ IOPKT_IFM_AUTO, "auto", true },
	{ IOPKT_IFM_MANUAL, "manual", false },
	{ IOPKT_IFM_NONE, "none", false },
	{ 3, "FH1", false },
	{ 4, "FH2", false },
	{ 5, "DS2", false },
	{ 6, "DS5", false },
	{ 7, "DS11", false },
	{ 8, "DS1", false },
	{ 9, "DS22", false },
	{ 10, "OFDM6", false },
	{ 11, "OFDM9", false },
	{ 12, "OFDM12", false },
	{ 13, "OFDM18", false },
	{ 14, "OFDM24", false },
	{ 15, "OFDM36", false },
	{ 16, "OFDM48", false },
	{ 17, "OFDM54", false },
	{ 18, "OFDM72", false },
	{ -1, NULL, false },
};

#define WIFI_MMASK	0x00070000
static const struct media_name wifi_modes[] = {
	{ 0x00010000, "11a", false },
	{ 0x00020000, "11b", false },
	{ 0x00030000, "11g", false },
	{ 0x00040000, "fh", false },
	{ -1, NULL, false },
};

/* Options of every media type, then each type's own, in printing order. */
static const struct media_name shared_opts[] = {
	{ IOPKT_IFM_FDX, "full-duplex", false },
	{ IOPKT_IFM_FDX, "fdx", true },
	{ IOPKT_IFM_HDX, "half-duplex", false },
	{ IOPKT_IFM_HDX, "hdx", true },
	{ IOPKT_IFM_FLOW, "flowcontrol", false },
	{ IOPKT_IFM_FLOW, "flow", true },
	{ IOPKT_IFM_LOOP, "hw-loopback", false },
	{ IOPKT_IFM_LOOP, "loop", true },
	{ -1, NULL, false },
};

static const struct media_name ether_opts[] = {
	{ IOPKT_IFM_ETH_RXPAUSE, "rxpause", false },
	{ IOPKT_IFM_ETH_TXPAUSE, "txpause", false },
	{ -1, NULL, false },
};

static const struct media_name wifi_opts[] = {
	{ 0x00000100, "adhoc", false },
	{ 0x00000200, "hostap", false },
	{ 0x00000400, "monitor", false },
	{ 0x00000800, "turbo", false },
	{ -1, NULL, false },
};

static const struct media_name *subtypes_of(int type)
{
	if (type == IOPKT_IFM_IEEE80211)
		return wifi_subtypes;
	if (type == IOPKT_IFM_ETHER)
		return ether_subtypes;
	return NULL;
}

static const struct media_name *opts_of(int type)
{
	if (type == IOPKT_IFM_IEEE80211)
		return wifi_opts;
	if (type == IOPKT_IFM_ETHER)
		return ether_opts;
	return NULL;
}

static const char *name_of(const struct media_name *t, int value)
{
	for (; t && t->name; t++)
		if (!t->alias && t->value == value)
			return t->name;
	return NULL;
}

static int value_of(const struct media_name *t, const char *name)
{
	for (; t && t->name; t++)
		if (!strcasecmp(t->name, name))
			return t->value;
	return -1;
}

const char *ifc_media_type_name(int mword)
{
	switch (mword & IOPKT_IFM_NMASK) {
	case IOPKT_IFM_ETHER:
		return "Ethernet";
	case IOPKT_IFM_IEEE80211:
		return "IEEE802.11";
	default:
		return "unknown type";
	}
}

char *ifc_media_word(char *buf, size_t len, int mword, const char *optsep)
{
	int type = mword & IOPKT_IFM_NMASK;
	const struct media_name *lists[2] = { opts_of(type), shared_opts };
	const char *name;
	bool first = true;
	int i;

	buf[0] = '\0';
	name = name_of(subtypes_of(type), mword & IOPKT_IFM_TMASK);
	if (name)
		cat(buf, len, "%s", name);
	else
		cat(buf, len, "unknown subtype %d", mword & IOPKT_IFM_TMASK);
	if (type == IOPKT_IFM_IEEE80211 && (mword & WIFI_MMASK)) {
		name = name_of(wifi_modes, mword & WIFI_MMASK);
		if (name)
			cat(buf, len, " mode %s", name);
	}
	/* shared options first, as NetBSD lists them */
	for (i = 1; i >= 0; i--) {
		const struct media_name *t = lists[i];

		for (; t && t->name; t++) {
			if (t->alias || !(mword & t->value))
				continue;
			cat(buf, len, "%s%s", first ? optsep : ",", t->name);
			first = false;
		}
	}
	return buf;
}

const char *ifc_media_status(int mword, int status)
{
	if (!(status & IOPKT_IFM_AVALID))
		return NULL;
	if (status & IOPKT_IFM_ACTIVE)
		return "active";
	if ((mword & IOPKT_IFM_NMASK) == IOPKT_IFM_IEEE80211)
		return "no network";
	return "no carrier";
}

int ifc_media_subtype(int type, const char *name)
{
	return value_of(subtypes_of(type), name);
}

int ifc_media_opts(int type, const char *list, char *bad, size_t badlen)
{
	char word[64];
	int bits = 0;

	while (*list) {
		size_t n = strcspn(list, ",");
		int v;

		if (n >= sizeof(word))
			n = sizeof(word) - 1;
		memcpy(word, list, n);
		word[n] = '\0';
		v = value_of(opts_of(type), word);
		if (v < 0)
			v = value_of(shared_opts, word);
		if (v < 0) {
			snprintf(bad, badlen, "%s", word);
			return -1;
		}
		bits |= v;
		list += strcspn(list, ",");
		if (*list == ',')
			list++;
	}
	return bits;
}

const char *ifc_link_status(int link_state)
{
	switch (link_state) {
	case IOPKT_LINK_STATE_UP:
		return "active";
	case IOPKT_LINK_STATE_DOWN:
		return "no carrier";
	default:
		return NULL;
	}
}

/* ---- counters ---- */

static void count(char *buf, size_t len, bool always, const char *sep,
		  uint64_t n, const char *one, const char *many)
{
	if (!always && !n)
		return;
	cat(buf, len, "%s%llu %s", sep, (unsigned long long)n,
	    n == 1 ? one : many);
}

char *ifc_counters(char *buf, size_t len, const struct iopkt_if_data *d)
{
	buf[0] = '\0';
	count(buf, len, true, "\tinput: ", d->ifi_ipackets, "packet", "packets");
	count(buf, len, true, ", ", d->ifi_ibytes, "byte", "bytes");
	count(buf, len, false, ", ", d->ifi_imcasts, "multicast", "multicasts");
	count(buf, len, false, ", ", d->ifi_ierrors, "error", "errors");
	count(buf, len, false, ", ", d->ifi_iqdrops, "queue drop", "queue drops");
	count(buf, len, false, ", ", d->ifi_noproto, "unknown protocol",
	      "unknown protocol");
	cat(buf, len, "\n");
	count(buf, len, true, "\toutput: ", d->ifi_opackets, "packet", "packets");
	count(buf, len, true, ", ", d->ifi_obytes, "byte", "bytes");
	count(buf, len, false, ", ", d->ifi_omcasts, "multicast", "multicasts");
	count(buf, len, false, ", ", d->ifi_oerrors, "error", "errors");
	count(buf, len, false, ", ", d->ifi_collisions, "collision", "collisions");
	cat(buf, len, "\n");
	return buf;
}

char *ifc_lladdr(char *buf, size_t len, const uint8_t *a, int alen)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < alen; i++)
		cat(buf, len, "%s%02x", i ? ":" : "", a[i]);
	return buf;
}

const char *ifc_strerror(int e)
{
	if (e == ENXIO || e == ENODEV)
		return "Device not configured";
	return strerror(e);
}

/* ---- addresses ---- */

static bool in6_is_scoped(const uint8_t *a)
{
	/* link-local unicast fe80::/10, link- and interface-local multicast */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return true;
	return a[0] == 0xff && ((a[1] & 0x0f) == 0x01 || (a[1] & 0x0f) == 0x02);
}

char *ifc_addr_text(char *buf, size_t len, int family, const uint8_t *addr,
		    const char *ifname)
{
	char txt[INET6_ADDRSTRLEN];

	if (!inet_ntop(family, addr, txt, sizeof(txt)))
		snprintf(txt, sizeof(txt), "?");
	if (family == AF_INET6 && ifname && in6_is_scoped(addr))
		snprintf(buf, len, "%s%%%s", txt, ifname);
	else
		snprintf(buf, len, "%s", txt);
	return buf;
}

static uint32_t plen_mask(int plen)
{
	if (plen <= 0)
		return 0;
	if (plen >= 32)
		return 0xffffffffu;
	return 0xffffffffu << (32 - plen);
}

char *ifc_addr_line(char *buf, size_t len, const struct ifc_addr *a,
		    const char *ifname, uint32_t flags)
{
	char txt[INET6_ADDRSTRLEN + IOPKT_IFNAMSIZ + 2];

	buf[0] = '\0';
	if (a->family == AF_INET) {
		cat(buf, len, "inet %s",
		    ifc_addr_text(txt, sizeof(txt), AF_INET, a->local, NULL));
		if ((flags & IOPKT_IFF_POINTOPOINT) && a->has_dst)
			cat(buf, len, " -> %s",
			    ifc_addr_text(txt, sizeof(txt), AF_INET, a->dst,
					  NULL));
		cat(buf, len, " netmask 0x%x", plen_mask(a->plen));
		if ((flags & IOPKT_IFF_BROADCAST) && a->has_brd)
			cat(buf, len, " broadcast %s",
			    ifc_addr_text(txt, sizeof(txt), AF_INET, a->brd,
					  NULL));
		return buf;
	}
	cat(buf, len, "inet6 %s",
	    ifc_addr_text(txt, sizeof(txt), AF_INET6, a->local, ifname));
	if ((flags & IOPKT_IFF_POINTOPOINT) && a->has_dst)
		cat(buf, len, " -> %s",
		    ifc_addr_text(txt, sizeof(txt), AF_INET6, a->dst, ifname));
	cat(buf, len, " prefixlen %d", a->plen);
	if (a->flags & IFA_F_TENTATIVE)
		cat(buf, len, " tentative");
	if (a->flags & IFA_F_DADFAILED)
		cat(buf, len, " duplicated");
	if (a->flags & IFA_F_DEPRECATED)
		cat(buf, len, " deprecated");
	if (in6_is_scoped(a->local) && a->ifindex)
		cat(buf, len, " scopeid 0x%x", a->ifindex);
	return buf;
}
