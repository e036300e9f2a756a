// SPDX-License-Identifier: GPL-2.0
/*
 * ifconfig's parameters after the interface name, NetBSD's grammar:
 *
 *   create | destroy
 *   up | down | debug | -debug | link[0-2] | -link[0-2] | arp | -arp
 *   mtu N | metric N
 *   media TYPE | mediaopt OPTS | -mediaopt OPTS
 *   ip4csum | tcp4csum | udp4csum | tcp6csum | udp6csum | tso4 | tso6
 *     (each also as -x, x-rx, x-tx, -x-rx, -x-tx)
 *   [inet | inet6] ADDR[/LEN] [DEST] [netmask M] [prefixlen N]
 *     [broadcast B] [alias | -alias | delete]
 *
 * Pure: no system calls, so that the host tests can drive it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ifconfig.h"

struct flag_kw {
	const char *name;
	uint32_t set;
	uint32_t clr;
};

static const struct flag_kw flag_kws[] = {
	{ "up", IOPKT_IFF_UP, 0 },
	{ "down", 0, IOPKT_IFF_UP },
	{ "debug", IOPKT_IFF_DEBUG, 0 },
	{ "-debug", 0, IOPKT_IFF_DEBUG },
	{ "link0", IOPKT_IFF_LINK0, 0 },
	{ "-link0", 0, IOPKT_IFF_LINK0 },
	{ "link1", IOPKT_IFF_LINK1, 0 },
	{ "-link1", 0, IOPKT_IFF_LINK1 },
	{ "link2", IOPKT_IFF_LINK2, 0 },
	{ "-link2", 0, IOPKT_IFF_LINK2 },
	{ "arp", 0, IOPKT_IFF_NOARP },
	{ "-arp", IOPKT_IFF_NOARP, 0 },
	{ NULL, 0, 0 },
};

static const struct ifc_bit cap_kws[] = {
	{ IOPKT_IFCAP_CSUM_IPv4, "ip4csum" },
	{ IOPKT_IFCAP_CSUM_TCPv4, "tcp4csum" },
	{ IOPKT_IFCAP_CSUM_UDPv4, "udp4csum" },
	{ IOPKT_IFCAP_CSUM_TCPv6, "tcp6csum" },
	{ IOPKT_IFCAP_CSUM_UDPv6, "udp6csum" },
	{ IOPKT_IFCAP_TSOv4, "tso4" },
	{ IOPKT_IFCAP_TSOv6, "tso6" },
	{ 0, NULL },
};

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static bool parse_int(const char *s, long min, long max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

/* A capability keyword: returns true and fills cmd, false if s is not one. */
static bool parse_cap(const char *s, struct ifc_cmd *cmd)
{
	bool neg = s[0] == '-';
	const struct ifc_bit *k;
	size_t n;

	if (neg)
		s++;
	for (k = cap_kws; k->name; k++) {
		n = strlen(k->name);
		if (strncmp(s, k->name, n))
			continue;
		if (!s[n]) {
			*(neg ? &cmd->cap_clr : &cmd->cap_set) |= k->bit;
			return true;
		}
		if (!strcmp(s + n, "-rx") && (k->bit & IFC_CAP_RX_OK)) {
			*(neg ? &cmd->cap_rx_clr : &cmd->cap_rx_set) |= k->bit;
			return true;
		}
		if (!strcmp(s + n, "-tx") && (k->bit & IFC_CAP_TX_OK)) {
			*(neg ? &cmd->cap_tx_clr : &cmd->cap_tx_set) |= k->bit;
			return true;
		}
	}
	return false;
}

/* "255.255.255.0" or "0xffffff00" as a prefix length, -1 if not a mask. */
static int mask_plen(const char *s)
{
	struct in_addr in;
	uint32_t m;
	char *end;
	int plen = 0;

	if (!strncasecmp(s, "0x", 2)) {
		unsigned long v;

		errno = 0;
		v = strtoul(s, &end, 16);
		if (errno || *end || end == s + 2 || v > 0xffffffffUL)
			return -1;
		m = (uint32_t)v;
	} else {
		if (inet_pton(AF_INET, s, &in) != 1)
			return -1;
		m = ntohl(in.s_addr);
	}
	while (m & 0x80000000u) {
		plen++;
		m <<= 1;
	}
	return m ? -1 : plen;
}

/* "ADDR[/LEN]" of family (0: guess); 0, or -1 when it is not an address. */
static int parse_addr(const char *s, int *family, uint8_t *addr, int *plen)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	int fam;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (*family != AF_INET6 && inet_pton(AF_INET, buf, addr) == 1)
		fam = AF_INET;
	else if (*family != AF_INET && inet_pton(AF_INET6, buf, addr) == 1)
		fam = AF_INET6;
	else
		return -1;
	if (slash && !parse_int(slash, 0, fam == AF_INET ? 32 : 128, plen))
		return -1;
	*family = fam;
	return 0;
}

static const char *need_arg(int argc, char *const argv[], int *i)
{
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

int ifc_parse(int argc, char *const argv[], struct ifc_cmd *cmd, char *err,
	      size_t errlen)
{
	struct ifc_addr_req *a = &cmd->addr;
	bool have_addr = false, alias = false, unalias = false;
	const char *mask = NULL, *brd = NULL;
	int family = 0, plen = -1, i;

	memset(cmd, 0, sizeof(*cmd));
	a->plen = -1;
	for (i = 0; i < argc; i++) {
		const char *w = argv[i], *v;
		const struct flag_kw *f;

		for (f = flag_kws; f->name && strcmp(f->name, w); f++)
			;
		if (f->name) {
			cmd->flags_set = (cmd->flags_set & ~f->clr) | f->set;
			cmd->flags_clr = (cmd->flags_clr & ~f->set) | f->clr;
			cmd->nparams++;
			continue;
		}
		if (!strcmp(w, "create") || !strcmp(w, "destroy")) {
			if (w[0] == 'c')
				cmd->create = true;
			else
				cmd->destroy = true;
			continue;
		}
		if (parse_cap(w, cmd)) {
			cmd->nparams++;
			continue;
		}
		if (!strcmp(w, "inet") || !strcmp(w, "inet6")) {
			int fam = w[4] ? AF_INET6 : AF_INET;

			if (family && family != fam)
				return fail(err, errlen, "%s: only one address family at a time", w);
			family = fam;
			continue;
		}
		if (!strcmp(w, "alias")) {
			alias = true;
			continue;
		}
		if (!strcmp(w, "-alias") || !strcmp(w, "delete")) {
			unalias = true;
			continue;
		}
		if (!strcmp(w, "mtu") || !strcmp(w, "metric") ||
		    !strcmp(w, "media") || !strcmp(w, "mediaopt") ||
		    !strcmp(w, "-mediaopt") || !strcmp(w, "netmask") ||
		    !strcmp(w, "broadcast") || !strcmp(w, "prefixlen")) {
			v = need_arg(argc, argv, &i);
			if (!v)
				return fail(err, errlen, "%s: missing argument", w);
			if (!strcmp(w, "mtu")) {
				if (!parse_int(v, 1, INT_MAX, &cmd->mtu))
					return fail(err, errlen, "mtu: bad value '%s'", v);
				cmd->has_mtu = true;
			} else if (!strcmp(w, "metric")) {
				if (!parse_int(v, 0, INT_MAX, &cmd->metric))
					return fail(err, errlen, "metric: bad value '%s'", v);
				cmd->has_metric = true;
			} else if (!strcmp(w, "media")) {
				cmd->media = v;
			} else if (!strcmp(w, "mediaopt")) {
				cmd->mediaopt_set = v;
			} else if (!strcmp(w, "-mediaopt")) {
				cmd->mediaopt_clr = v;
			} else if (!strcmp(w, "netmask")) {
				mask = v;
				continue;
			} else if (!strcmp(w, "broadcast")) {
				brd = v;
				continue;
			} else {
				if (!parse_int(v, 0, 128, &plen))
					return fail(err, errlen, "prefixlen: bad value '%s'", v);
				continue;
			}
			cmd->nparams++;
			continue;
		}
		/* an address: the interface's, then a point-to-point peer */
		if (!have_addr) {
			if (parse_addr(w, &family, a->addr, &a->plen))
				return fail(err, errlen, "%s: unknown keyword or bad address", w);
			have_addr = true;
			continue;
		}
		if (!a->has_dst) {
			int fam = family, unused = -1;

			if (parse_addr(w, &fam, a->dst, &unused) || unused >= 0)
				return fail(err, errlen, "%s: unknown keyword or bad address", w);
			a->has_dst = true;
			continue;
		}
		return fail(err, errlen, "%s: unknown keyword", w);
	}

	if (cmd->create && cmd->destroy)
		return fail(err, errlen, "create and destroy: choose one");
	if (cmd->destroy && (cmd->nparams || have_addr))
		return fail(err, errlen, "destroy: takes no other parameters");
	if (!have_addr) {
		if (mask || brd || plen >= 0 || alias || unalias)
			return fail(err, errlen, "%s: no address given",
				    mask ? "netmask" : brd ? "broadcast" :
				    plen >= 0 ? "prefixlen" : "alias");
		cmd->show_family = family;
		return 0;
	}
	if (alias && unalias)
		return fail(err, errlen, "alias and -alias: choose one");
	a->family = family;
	a->op = unalias ? IFC_ADDR_DELETE : alias ? IFC_ADDR_ALIAS : IFC_ADDR_SET;
	if (mask) {
		int m;

		if (family != AF_INET)
			return fail(err, errlen, "netmask: only for inet; use prefixlen");
		m = mask_plen(mask);
		if (m < 0)
			return fail(err, errlen, "netmask: bad value '%s'", mask);
		if (a->plen >= 0 && a->plen != m)
			return fail(err, errlen, "netmask: contradicts /%d", a->plen);
		a->plen = m;
	}
	if (plen >= 0) {
		if (family == AF_INET && plen > 32)
			return fail(err, errlen, "prefixlen: bad value '%d'", plen);
		if (a->plen >= 0 && a->plen != plen)
			return fail(err, errlen, "prefixlen: contradicts /%d", a->plen);
		a->plen = plen;
	}
	if (brd) {
		if (family != AF_INET || inet_pton(AF_INET, brd, a->brd) != 1)
			return fail(err, errlen, "broadcast: bad value '%s'", brd);
		a->has_brd = true;
	}
	/* a point-to-point address is a host route to the peer */
	if (a->has_dst && a->plen < 0)
		a->plen = family == AF_INET6 ? 128 : 32;
	cmd->nparams++;
	return 0;
}

static uint32_t apply_bits(uint32_t v, uint32_t set, uint32_t clr)
{
	return (v & ~clr) | set;
}

void ifc_caps_apply(const struct ifc_cmd *cmd, struct iopkt_ifcapreq *cr)
{
	uint32_t rx_set = cmd->cap_set & IFC_CAP_RX_OK;
	uint32_t tx_set = cmd->cap_set & IFC_CAP_TX_OK;
	uint32_t both;

	/*
	 * A keyword without -rx/-tx enables the offload in the directions
	 * the hardware has it; where it has it in neither, ask for both
	 * and let the driver refuse.
	 */
	both = cmd->cap_set & ~(cr->ifcr_capabilities_rx | cr->ifcr_capabilities_tx);
	rx_set &= cr->ifcr_capabilities_rx | both;
	tx_set &= cr->ifcr_capabilities_tx | both;

	cr->ifcr_capenable_rx = apply_bits(cr->ifcr_capenable_rx,
					   rx_set | cmd->cap_rx_set,
					   (cmd->cap_clr | cmd->cap_rx_clr) & IFC_CAP_RX_OK);
	cr->ifcr_capenable_tx = apply_bits(cr->ifcr_capenable_tx,
					   tx_set | cmd->cap_tx_set,
					   (cmd->cap_clr | cmd->cap_tx_clr) & IFC_CAP_TX_OK);
}

#define IFM_IMASK	0xf0000000
#define WIFI_MMASK	0x00070000

int ifc_media_apply(const struct ifc_cmd *cmd, int current, char *err,
		    size_t errlen)
{
	int type = current & IOPKT_IFM_NMASK;
	char bad[64];
	int m = current, v;

	if (cmd->media) {
		v = ifc_media_subtype(type, cmd->media);
		if (v < 0)
			return fail(err, errlen, "media: unknown %s media type '%s'",
				    ifc_media_type_name(type), cmd->media);
		/* a new subtype starts without options */
		m = (current & (IOPKT_IFM_NMASK | IFM_IMASK)) | v;
		if (type == IOPKT_IFM_IEEE80211)
			m |= current & WIFI_MMASK;
	}
	if (cmd->mediaopt_set) {
		v = ifc_media_opts(type, cmd->mediaopt_set, bad, sizeof(bad));
		if (v < 0)
			return fail(err, errlen, "mediaopt: unknown %s media option '%s'",
				    ifc_media_type_name(type), bad);
		m |= v;
	}
	if (cmd->mediaopt_clr) {
		v = ifc_media_opts(type, cmd->mediaopt_clr, bad, sizeof(bad));
		if (v < 0)
			return fail(err, errlen, "-mediaopt: unknown %s media option '%s'",
				    ifc_media_type_name(type), bad);
		m &= ~v;
	}
	return m;
}

int ifc_inet_default_plen(const uint8_t a[4])
{
	if (a[0] < 128)
		return 8;
	if (a[0] < 192)
		return 16;
	if (a[0] < 224)
		return 24;
	return 32;
}

char *ifc_inet_netname(char *buf, size_t len, const uint8_t a[4], int plen)
{
	uint32_t v = ((uint32_t)a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
	uint32_t mask = plen <= 0 ? 0 : plen >= 32 ? 0xffffffffu :
			0xffffffffu << (32 - plen);

	v &= mask;
	if (!v && !plen) {
		snprintf(buf, len, "default");
		return buf;
	}
	if (!(v & 0xffffff))
		snprintf(buf, len, "%u/%d", v >> 24, plen);
	else if (!(v & 0xffff))
		snprintf(buf, len, "%u.%u/%d", v >> 24, (v >> 16) & 0xff, plen);
	else if (!(v & 0xff))
		snprintf(buf, len, "%u.%u.%u/%d", v >> 24, (v >> 16) & 0xff,
			 (v >> 8) & 0xff, plen);
	else
		snprintf(buf, len, "%u.%u.%u.%u/%d", v >> 24, (v >> 16) & 0xff,
			 (v >> 8) & 0xff, v & 0xff, plen);
	return buf;
}
