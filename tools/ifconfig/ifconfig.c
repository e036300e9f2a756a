// SPDX-License-Identifier: GPL-2.0
/*
 * ifconfig: configure the interfaces of an iopkt stack instance, with
 * NetBSD's (and io-pkt's) syntax and output.
 *
 * Interface state (flags, MTU, media, capabilities, counters, cloning) goes
 * through the BSD ioctls on /dev/iopktN; addresses are Linux's and go
 * through rtnetlink in the instance's network namespace.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../lib/libiopkt.h"
#include "ifconfig.h"

static struct {
	bool all, list, cloners, media, verbose, zero;
	bool only_up, only_down, only_brd, only_link;
} opt;

static int ctlfd = -1;
static int instance;
static struct iopkt_ifinfo *ifs;
static unsigned int nifs;
static struct ifc_addr *addrs;
static size_t naddrs;
static bool addrs_loaded, netns_entered;

static void usage(void)
{
	fprintf(stderr,
		"usage: ifconfig [-mvz] interface [parameters]\n"
		"       ifconfig -a [-bdmsuvz]\n"
		"       ifconfig -l [-bdsu]\n"
		"       ifconfig -C\n"
		"       ifconfig interface create [parameters]\n"
		"       ifconfig interface destroy\n"
		"parameters: up down mtu N metric N media TYPE mediaopt OPTS -mediaopt OPTS\n"
		"  [inet] ADDR[/LEN] [netmask M] [broadcast B] [alias|-alias|delete]\n"
		"  inet6 ADDR[/LEN] [prefixlen N] [alias|-alias|delete]\n"
		"  ip4csum tcp4csum udp4csum tcp6csum udp6csum tso4 tso6 (-x, x-rx, x-tx)\n"
		"  debug -debug link0 link1 link2 -link0 -link1 -link2 arp -arp\n");
	exit(1);
}

static void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("ifconfig: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void warnx_(const char *fmt, ...)
{
	va_list ap;

	fputs("ifconfig: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void set_name(char *dst, const char *name)
{
	size_t n = strnlen(name, IOPKT_IFNAMSIZ - 1);

	memset(dst, 0, IOPKT_IFNAMSIZ);
	memcpy(dst, name, n);
}

static void load_list(void)
{
	free(ifs);
	ifs = NULL;
	if (ifc_list_get(ctlfd, &ifs, &nifs))
		fatal("SIOCGIFLIST: %s", strerror(errno));
}

/* The addresses, read once; false (after one warning) if they cannot be. */
static bool load_addrs(void)
{
	char err[256];
	static bool failed;

	if (addrs_loaded)
		return true;
	if (failed)
		return false;
	if (!netns_entered) {
		if (iopkt_enter_netns(ctlfd, err, sizeof(err))) {
			warnx_("%s; addresses not shown", err);
			failed = true;
			return false;
		}
		netns_entered = true;
	}
	if (ifc_addr_dump(&addrs, &naddrs, err, sizeof(err))) {
		warnx_("%s; addresses not shown", err);
		failed = true;
		return false;
	}
	addrs_loaded = true;
	return true;
}

static int get_flags(const char *name, int *flags)
{
	struct iopkt_ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	set_name(ifr.ifr_name, name);
	if (ioctl(ctlfd, IOPKT_SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	*flags = ifr.ifr_flags;
	return 0;
}

static void print_caps(const char *name)
{
	struct iopkt_ifcapreq cr;
	char b[256];

	memset(&cr, 0, sizeof(cr));
	set_name(cr.ifcr_name, name);
	if (ioctl(ctlfd, IOPKT_SIOCGIFCAP, &cr) < 0)
		return;
	if (!cr.ifcr_capabilities_rx && !cr.ifcr_capabilities_tx)
		return;
	printf("\t%s\n", ifc_printb(b, sizeof(b), "capabilities rx",
				    cr.ifcr_capabilities_rx, ifc_cap_bits));
	printf("\t%s\n", ifc_printb(b, sizeof(b), "capabilities tx",
				    cr.ifcr_capabilities_tx, ifc_cap_bits));
	printf("\t%s\n", ifc_printb(b, sizeof(b), "enabled rx",
				    cr.ifcr_capenable_rx, ifc_cap_bits));
	printf("\t%s\n", ifc_printb(b, sizeof(b), "enabled tx",
				    cr.ifcr_capenable_tx, ifc_cap_bits));
}

/*
 * SIOCGIFMEDIA; with list, also the media the driver offers (malloc'd).
 * Returns -1 when the interface has no media.
 */
static int get_media(const char *name, struct iopkt_ifmediareq *mr,
		     int **list)
{
	int *words = NULL;

	memset(mr, 0, sizeof(*mr));
	set_name(mr->ifm_name, name);
	if (ioctl(ctlfd, IOPKT_SIOCGIFMEDIA, mr) < 0)
		return -1;
	if (list && mr->ifm_count > 0) {
		int count = mr->ifm_count;

		words = calloc((size_t)count, sizeof(*words));
		if (!words)
			fatal("out of memory");
		mr->ifm_count = count;
		mr->ifm_ulist = (uint64_t)(uintptr_t)words;
		if (ioctl(ctlfd, IOPKT_SIOCGIFMEDIA, mr) < 0) {
			free(words);
			return -1;
		}
		if (mr->ifm_count > count)
			mr->ifm_count = count;
	}
	if (list)
		*list = words;
	return 0;
}

static void print_media(const struct iopkt_ifinfo *ifi)
{
	struct iopkt_ifmediareq mr;
	const char *status;
	int *list = NULL;
	char w[128];
	int type, i;

	if (get_media(ifi->name, &mr, opt.media ? &list : NULL)) {
		status = ifc_link_status(ifi->link_state);
		if (status)
			printf("\tstatus: %s\n", status);
		return;
	}
	printf("\tmedia: %s %s", ifc_media_type_name(mr.ifm_current),
	       ifc_media_word(w, sizeof(w), mr.ifm_current, " "));
	if (mr.ifm_active != mr.ifm_current)
		printf(" (%s)", ifc_media_word(w, sizeof(w), mr.ifm_active, " "));
	printf("\n");
	status = ifc_media_status(mr.ifm_current, mr.ifm_status);
	if (status)
		printf("\tstatus: %s\n", status);
	if (!opt.media || !list)
		return;
	for (type = 0x20; type <= IOPKT_IFM_NMASK; type += 0x20) {
		bool printed = false;

		for (i = 0; i < mr.ifm_count; i++) {
			if ((list[i] & IOPKT_IFM_NMASK) != type)
				continue;
			if (!printed)
				printf("\tsupported %s media:\n",
				       ifc_media_type_name(type));
			printed = true;
			printf("\t\tmedia %s\n",
			       ifc_media_word(w, sizeof(w), list[i], " mediaopt "));
		}
	}
	free(list);
}

static void print_counters(const char *name)
{
	struct iopkt_ifdatareq dr;
	char b[512];

	memset(&dr, 0, sizeof(dr));
	set_name(dr.ifdr_name, name);
	if (ioctl(ctlfd, opt.zero ? IOPKT_SIOCZIFDATA : IOPKT_SIOCGIFDATA, &dr) < 0)
		fatal("%s: %s: %s", opt.zero ? "SIOCZIFDATA" : "SIOCGIFDATA",
		      name, strerror(errno));
	if (opt.verbose)
		fputs(ifc_counters(b, sizeof(b), &dr.ifdr_data), stdout);
}

static void print_addrs(const struct iopkt_ifinfo *ifi, int family)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	char line[256];
	size_t i;
	int f;

	if (!load_addrs())
		return;
	for (f = 0; f < 2; f++) {
		if (family && family != fams[f])
			continue;
		for (i = 0; i < naddrs; i++) {
			if (addrs[i].family != fams[f] ||
			    addrs[i].ifindex != ifi->ifindex)
				continue;
			printf("\t%s\n", ifc_addr_line(line, sizeof(line), &addrs[i],
						       ifi->name, (uint32_t)ifi->flags));
		}
	}
}

static void show(const struct iopkt_ifinfo *ifi, int family)
{
	struct iopkt_ifreq ifr;
	char b[256];

	printf("%s: %s", ifi->name,
	       ifc_printb(b, sizeof(b), "flags", (uint32_t)ifi->flags & 0xffff,
			  ifc_flag_bits));
	memset(&ifr, 0, sizeof(ifr));
	set_name(ifr.ifr_name, ifi->name);
	if (!ioctl(ctlfd, IOPKT_SIOCGIFMETRIC, &ifr) && ifr.ifr_metric)
		printf(" metric %d", ifr.ifr_metric);
	printf(" mtu %u\n", ifi->mtu);
	print_caps(ifi->name);
	if (opt.verbose && ifi->ec_capabilities) {
		printf("\t%s\n", ifc_printb(b, sizeof(b), "ec_capabilities",
					    ifi->ec_capabilities, ifc_ethercap_bits));
		printf("\t%s\n", ifc_printb(b, sizeof(b), "ec_enabled",
					    ifi->ec_capenable, ifc_ethercap_bits));
	}
	if (ifi->addrlen)
		printf("\taddress: %s\n",
		       ifc_lladdr(b, sizeof(b), ifi->lladdr,
				  ifi->addrlen > sizeof(ifi->lladdr) ?
				  (int)sizeof(ifi->lladdr) : ifi->addrlen));
	print_media(ifi);
	if (opt.verbose || opt.zero)
		print_counters(ifi->name);
	print_addrs(ifi, family);
}

static bool link_active(const struct iopkt_ifinfo *ifi)
{
	struct iopkt_ifmediareq mr;

	if (!get_media(ifi->name, &mr, NULL) && (mr.ifm_status & IOPKT_IFM_AVALID))
		return mr.ifm_status & IOPKT_IFM_ACTIVE;
	return ifi->link_state != IOPKT_LINK_STATE_DOWN;
}

static bool selected(const struct iopkt_ifinfo *ifi)
{
	if (opt.only_up && !(ifi->flags & IOPKT_IFF_UP))
		return false;
	if (opt.only_down && (ifi->flags & IOPKT_IFF_UP))
		return false;
	if (opt.only_brd && !(ifi->flags & IOPKT_IFF_BROADCAST))
		return false;
	if (opt.only_link && !link_active(ifi))
		return false;
	return true;
}

static int list_names(void)
{
	const char *sep = "";
	unsigned int i;

	load_list();
	for (i = 0; i < nifs; i++) {
		if (!selected(&ifs[i]))
			continue;
		printf("%s%s", sep, ifs[i].name);
		sep = " ";
	}
	printf("\n");
	return 0;
}

static int show_all(void)
{
	unsigned int i;

	load_list();
	for (i = 0; i < nifs; i++)
		if (selected(&ifs[i]))
			show(&ifs[i], 0);
	return 0;
}

static int list_cloners(void)
{
	struct iopkt_if_clonereq req;
	char *names = NULL;
	int i, n;

	memset(&req, 0, sizeof(req));
	if (ioctl(ctlfd, IOPKT_SIOCIFGCLONERS, &req) < 0)
		fatal("SIOCIFGCLONERS for count: %s", strerror(errno));
	if (req.ifcr_total > 0) {
		names = calloc((size_t)req.ifcr_total, IOPKT_IFNAMSIZ);
		if (!names)
			fatal("out of memory");
		req.ifcr_count = req.ifcr_total;
		req.ifcr_buffer = (uint64_t)(uintptr_t)names;
		if (ioctl(ctlfd, IOPKT_SIOCIFGCLONERS, &req) < 0)
			fatal("SIOCIFGCLONERS for names: %s", strerror(errno));
	}
	n = req.ifcr_total < req.ifcr_count ? req.ifcr_total : req.ifcr_count;
	for (i = 0; i < n; i++) {
		char *p = names + (size_t)i * IOPKT_IFNAMSIZ;

		p[IOPKT_IFNAMSIZ - 1] = '\0';
		printf("%s%s", i ? " " : "", p);
	}
	printf("\n");
	free(names);
	return 0;
}

static void simple_ioctl(unsigned long req, const char *what,
			 struct iopkt_ifreq *ifr)
{
	if (ioctl(ctlfd, req, ifr) < 0)
		fatal("%s: %s: %s", what, ifr->ifr_name, ifc_strerror(errno));
}

static void apply_media(const char *name, const struct ifc_cmd *cmd)
{
	struct iopkt_ifmediareq mr;
	struct iopkt_ifreq ifr;
	char err[256];
	int m;

	if (get_media(name, &mr, NULL)) {
		int e = errno;

		if (e == ENOTTY || e == EINVAL || e == EOPNOTSUPP)
			fatal("SIOCGIFMEDIA: %s: interface has no media to set (%s)",
			      name, strerror(e));
		fatal("SIOCGIFMEDIA: %s: %s", name, ifc_strerror(e));
	}
	m = ifc_media_apply(cmd, mr.ifm_current, err, sizeof(err));
	if (m == -1)
		fatal("%s", err);
	memset(&ifr, 0, sizeof(ifr));
	set_name(ifr.ifr_name, name);
	ifr.ifr_media = m;
	simple_ioctl(IOPKT_SIOCSIFMEDIA, "SIOCSIFMEDIA", &ifr);
}

static void apply_caps(const char *name, const struct ifc_cmd *cmd)
{
	struct iopkt_ifcapreq cr, want;

	memset(&cr, 0, sizeof(cr));
	set_name(cr.ifcr_name, name);
	if (ioctl(ctlfd, IOPKT_SIOCGIFCAP, &cr) < 0)
		fatal("SIOCGIFCAP: %s: %s", name, strerror(errno));
	want = cr;
	ifc_caps_apply(cmd, &want);
	if (want.ifcr_capenable_rx == cr.ifcr_capenable_rx &&
	    want.ifcr_capenable_tx == cr.ifcr_capenable_tx)
		return;
	if (ioctl(ctlfd, IOPKT_SIOCSIFCAP, &want) < 0)
		fatal("SIOCSIFCAP: %s: %s", name, strerror(errno));
}

static const struct ifc_addr *find_addr(int ifindex, int family,
					const uint8_t *local)
{
	size_t alen = family == AF_INET ? 4 : 16, i;

	for (i = 0; i < naddrs; i++) {
		if (addrs[i].ifindex != ifindex || addrs[i].family != family)
			continue;
		if (!local || !memcmp(addrs[i].local, local, alen))
			return &addrs[i];
	}
	return NULL;
}

/* io-pkt-v4 has no IPv6: say so rather than pass on Linux's EACCES. */
static void require_ipv6(void)
{
	struct iopkt_instance_info info;
	struct iopkt_genl *g;
	char err[256];
	int rc;

	g = iopkt_genl_open(err, sizeof(err));
	if (!g)
		return;		/* the address change will tell */
	rc = iopkt_genl_get(g, instance, NULL, &info, err, sizeof(err));
	iopkt_genl_close(g);
	if (!rc && info.variant == IOPKT_VARIANT_V4)
		fatal("inet6: io-pkt-v4 has no IPv6 (instance %d; use io-pkt-v6-hc)",
		      instance);
}

/* Returns true when an address was added. */
static bool apply_addr(const struct iopkt_ifinfo *ifi, const struct ifc_cmd *cmd)
{
	const struct ifc_addr_req *r = &cmd->addr;
	size_t alen = r->family == AF_INET ? 4 : 16;
	const struct ifc_addr *old;
	struct ifc_addr a;
	char err[256];

	if (r->family == AF_INET6 && r->op != IFC_ADDR_DELETE)
		require_ipv6();
	if (iopkt_enter_netns(ctlfd, err, sizeof(err)))
		fatal("%s", err);
	netns_entered = true;
	if (ifc_addr_dump(&addrs, &naddrs, err, sizeof(err)))
		fatal("%s", err);
	addrs_loaded = true;

	if (r->op == IFC_ADDR_DELETE) {
		old = find_addr(ifi->ifindex, r->family, r->addr);
		if (!old)
			fatal("SIOCDIFADDR: %s: %s", ifi->name, strerror(EADDRNOTAVAIL));
		if (ifc_addr_change(false, old, err, sizeof(err)))
			fatal("%s: %s", ifi->name, err);
		return false;
	}

	memset(&a, 0, sizeof(a));
	a.family = r->family;
	a.ifindex = ifi->ifindex;
	memcpy(a.local, r->addr, alen);
	a.plen = r->plen;
	if (a.plen < 0)
		a.plen = r->family == AF_INET ? ifc_inet_default_plen(r->addr) : 64;
	if (r->has_dst) {
		memcpy(a.dst, r->dst, alen);
		a.has_dst = true;
	}
	if (r->has_brd) {
		memcpy(a.brd, r->brd, 4);
		a.has_brd = true;
	} else if (r->family == AF_INET && (ifi->flags & IOPKT_IFF_BROADCAST) &&
		   a.plen < 31) {
		uint32_t host = 0xffffffffu >> a.plen;
		int i;

		for (i = 0; i < 4; i++)
			a.brd[i] = r->addr[i] | (uint8_t)(host >> (24 - 8 * i));
		a.has_brd = true;
	}
	/* without "alias", an IPv4 address replaces the interface's first */
	if (r->op == IFC_ADDR_SET && r->family == AF_INET) {
		old = find_addr(ifi->ifindex, AF_INET, NULL);
		if (old && (memcmp(old->local, a.local, 4) || old->plen != a.plen) &&
		    ifc_addr_change(false, old, err, sizeof(err)))
			fatal("%s: %s", ifi->name, err);
	}
	if (ifc_addr_change(true, &a, err, sizeof(err)))
		fatal("%s: %s", ifi->name, err);
	return true;
}

static int configure(const char *name, const struct ifc_cmd *c)
{
	const struct iopkt_ifinfo *ifi;
	struct iopkt_ifreq ifr;
	struct ifc_cmd cmd = *c;
	int flags;

	memset(&ifr, 0, sizeof(ifr));
	set_name(ifr.ifr_name, name);
	if (cmd.create) {
		simple_ioctl(IOPKT_SIOCIFCREATE, "SIOCIFCREATE", &ifr);
		if (!cmd.nparams)
			return 0;
	}
	if (cmd.destroy) {
		simple_ioctl(IOPKT_SIOCIFDESTROY, "SIOCIFDESTROY", &ifr);
		return 0;
	}
	if (get_flags(name, &flags))
		fatal("SIOCGIFFLAGS: %s: %s", name, ifc_strerror(errno));
	load_list();
	ifi = ifc_list_find(ifs, nifs, name);
	if (!ifi)
		fatal("SIOCGIFLIST: %s: %s", name, ifc_strerror(ENXIO));
	if (!cmd.nparams) {
		show(ifi, cmd.show_family);
		return 0;
	}

	if (cmd.flags_set || cmd.flags_clr) {
		int nf = (flags & ~(int)cmd.flags_clr) | (int)cmd.flags_set;

		if (nf != flags) {
			ifr.ifr_flags = nf;
			simple_ioctl(IOPKT_SIOCSIFFLAGS, "SIOCSIFFLAGS", &ifr);
		}
	}
	if (cmd.has_mtu) {
		ifr.ifr_mtu = cmd.mtu;
		simple_ioctl(IOPKT_SIOCSIFMTU, "SIOCSIFMTU", &ifr);
	}
	if (cmd.has_metric) {
		ifr.ifr_metric = cmd.metric;
		simple_ioctl(IOPKT_SIOCSIFMETRIC, "SIOCSIFMETRIC", &ifr);
	}
	if (cmd.media || cmd.mediaopt_set || cmd.mediaopt_clr)
		apply_media(name, &cmd);
	if (cmd.cap_set | cmd.cap_clr | cmd.cap_rx_set | cmd.cap_rx_clr |
	    cmd.cap_tx_set | cmd.cap_tx_clr)
		apply_caps(name, &cmd);
	if (cmd.addr.op != IFC_ADDR_NONE && apply_addr(ifi, &cmd) &&
	    !(cmd.flags_clr & IOPKT_IFF_UP)) {
		/* as in io-pkt, giving an address brings the interface up */
		if (get_flags(name, &flags))
			fatal("SIOCGIFFLAGS: %s: %s", name, ifc_strerror(errno));
		if (!(flags & IOPKT_IFF_UP)) {
			ifr.ifr_flags = flags | IOPKT_IFF_UP;
			simple_ioctl(IOPKT_SIOCSIFFLAGS, "SIOCSIFFLAGS", &ifr);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ifc_cmd cmd;
	char err[256];
	int c;

	while ((c = getopt(argc, argv, "+aAbCdlLmsuvzh")) != -1) {
		switch (c) {
		case 'a': opt.all = true; break;
		case 'A': case 'L': break;	/* NetBSD's; nothing to add here */
		case 'b': opt.only_brd = true; break;
		case 'C': opt.cloners = true; break;
		case 'd': opt.only_down = true; break;
		case 'l': opt.list = true; break;
		case 'm': opt.media = true; break;
		case 's': opt.only_link = true; break;
		case 'u': opt.only_up = true; break;
		case 'v': opt.verbose = true; break;
		case 'z': opt.zero = true; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if ((opt.all + opt.list + opt.cloners) > 1)
		usage();
	if ((opt.all || opt.list || opt.cloners) && argc)
		usage();
	if (opt.cloners && (opt.only_brd || opt.only_down || opt.only_up ||
			    opt.media || opt.verbose || opt.zero))
		usage();
	if (argc && strlen(argv[0]) >= IOPKT_IFNAMSIZ)
		fatal("%s: interface name too long", argv[0]);
	/* a bad parameter is reported before anything is touched */
	if (argc && ifc_parse(argc - 1, argv + 1, &cmd, err, sizeof(err))) {
		warnx_("%s", err);
		usage();
	}

	instance = iopkt_instance_from_env(err, sizeof(err));
	if (instance < 0)
		fatal("%s", err);
	ctlfd = iopkt_ctl_open(instance, err, sizeof(err));
	if (ctlfd < 0)
		fatal("%s", err);

	if (opt.cloners)
		return list_cloners();
	if (opt.list)
		return list_names();
	if (!argc)
		return show_all();	/* io-pkt: no arguments lists them all */
	if (argc == 1 && opt.only_link) {
		int flags;

		if (get_flags(argv[0], &flags))
			fatal("SIOCGIFFLAGS: %s: %s", argv[0], ifc_strerror(errno));
		load_list();
		if (!ifc_list_find(ifs, nifs, argv[0]))
			fatal("SIOCGIFLIST: %s: %s", argv[0], ifc_strerror(ENXIO));
		return link_active(ifc_list_find(ifs, nifs, argv[0])) ? 0 : 1;
	}
	return configure(argv[0], &cmd);
}
