// SPDX-License-Identifier: GPL-2.0
/*
 * netstat for iopkt: the interface table (-i, -I IF) of a stack instance
 * and its mbuf statistics (-m). Sockets and routes are Linux's: ss(8) and
 * ip(8) show them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/libiopkt.h"
#include "../ifconfig/ifconfig.h"
#include "ns_fmt.h"

#define MBUFS_FILE	"/sys/kernel/debug/iopkt/mbufs"

static void unsupported(const char *what)
{
	fprintf(stderr, "netstat: %s: not supported by iopkt's netstat; use Linux ss(8)/ip(8)\n",
		what);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: netstat -i [-bdnv]\n"
		"       netstat -I interface [-bdnv]\n"
		"       netstat -m [-v]\n");
	exit(1);
}

static int show_mbufs(bool verbose)
{
	struct ns_mbufs m;
	char text[4096];
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(MBUFS_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if (e == ENOENT && stat("/sys/kernel/debug/iopkt", &st))
			fprintf(stderr, "netstat: %s: %s (mount debugfs on /sys/kernel/debug and load iopkt.ko)\n",
				MBUFS_FILE, strerror(e));
		else
			fprintf(stderr, "netstat: %s: %s\n", MBUFS_FILE, strerror(e));
		return 1;
	}
	n = read(fd, text, sizeof(text) - 1);
	if (n < 0) {
		fprintf(stderr, "netstat: %s: %s\n", MBUFS_FILE, strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	text[n] = '\0';
	if (ns_mbufs_parse(text, &m)) {
		fprintf(stderr, "netstat: %s: unexpected format\n", MBUFS_FILE);
		return 1;
	}
	ns_mbufs_print(stdout, &m, verbose);
	return 0;
}

static void if_rows(int fd, const struct ns_opts *o, const struct iopkt_ifinfo *ifi,
		    const struct ifc_addr *addrs, size_t naddrs)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	char name[IOPKT_IFNAMSIZ + 1], net[96], addr[96];
	struct iopkt_ifdatareq dr;
	struct ns_row r;
	size_t i;
	int f;

	memcpy(name, ifi->name, IOPKT_IFNAMSIZ);
	name[IOPKT_IFNAMSIZ] = '\0';
	memset(&dr, 0, sizeof(dr));
	memcpy(dr.ifdr_name, name, strnlen(name, IOPKT_IFNAMSIZ - 1));
	if (ioctl(fd, IOPKT_SIOCGIFDATA, &dr) < 0) {
		fprintf(stderr, "netstat: SIOCGIFDATA: %s: %s\n", name,
			ifc_strerror(errno));
		exit(1);
	}
	r.name = name;
	r.up = ifi->flags & IOPKT_IFF_UP;
	r.mtu = ifi->mtu;
	r.d = &dr.ifdr_data;
	r.network = "<Link>";
	r.address = ifc_lladdr(addr, sizeof(addr), ifi->lladdr,
			       ifi->addrlen > sizeof(ifi->lladdr) ?
			       (int)sizeof(ifi->lladdr) : ifi->addrlen);
	ns_if_row(stdout, o, &r);
	for (f = 0; f < 2; f++) {
		for (i = 0; i < naddrs; i++) {
			const struct ifc_addr *a = &addrs[i];

			if (a->family != fams[f] || a->ifindex != ifi->ifindex)
				continue;
			if (a->family == AF_INET)
				ifc_inet_netname(net, sizeof(net), a->local, a->plen);
			else
				ns_inet6_netname(net, sizeof(net), a->local, a->plen,
						 name);
			r.network = net;
			r.address = ifc_addr_text(addr, sizeof(addr), a->family,
						  a->local, name);
			ns_if_row(stdout, o, &r);
		}
	}
}

static int show_ifs(const struct ns_opts *o, const char *only)
{
	struct iopkt_ifinfo *ifs = NULL;
	struct ifc_addr *addrs = NULL;
	unsigned int nifs = 0, i;
	size_t naddrs = 0;
	char err[256];
	bool shown = false;
	int fd;

	fd = iopkt_ctl_open_env(err, sizeof(err));
	if (fd < 0) {
		fprintf(stderr, "netstat: %s\n", err);
		return 1;
	}
	if (ifc_list_get(fd, &ifs, &nifs)) {
		fprintf(stderr, "netstat: SIOCGIFLIST: %s\n", strerror(errno));
		return 1;
	}
	if (only) {
		const struct iopkt_ifinfo *f = ifc_list_find(ifs, nifs, only);

		if (!f) {
			fprintf(stderr, "netstat: %s: %s\n", only,
				ifc_strerror(ENXIO));
			return 1;
		}
		only = f->name;		/* en0 (enXX mapping) is wm0 */
	}
	/* addresses are Linux's, in the instance's network namespace */
	if (iopkt_enter_netns(fd, err, sizeof(err)) ||
	    ifc_addr_dump(&addrs, &naddrs, err, sizeof(err)))
		fprintf(stderr, "netstat: %s; addresses not shown\n", err);
	ns_if_header(stdout, o);
	for (i = 0; i < nifs; i++) {
		if (only && strncmp(ifs[i].name, only, IOPKT_IFNAMSIZ))
			continue;
		if_rows(fd, o, &ifs[i], addrs, naddrs);
		shown = true;
	}
	(void)shown;
	free(addrs);
	free(ifs);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct ns_opts o = { 0 };
	bool iflag = false, mflag = false, verbose = false;
	const char *only = NULL;
	char what[8];
	int c;

	opterr = 0;
	while ((c = getopt(argc, argv, ":iI:mnvbdaWh")) != -1) {
		switch (c) {
		case 'i': iflag = true; break;
		case 'I': iflag = true; only = optarg; break;
		case 'm': mflag = true; break;
		case 'v': verbose = true; break;
		case 'b': o.bytes = true; break;
		case 'd': o.drops = true; break;
		case 'n': case 'a': case 'W': break;	/* always numeric and wide */
		case 'h': usage(); break;
		case ':':
			fprintf(stderr, "netstat: -%c: needs an interface name\n", optopt);
			usage();
			break;
		default:
			snprintf(what, sizeof(what), "-%c", optopt);
			unsupported(what);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "netstat: %s: unexpected argument\n", argv[optind]);
		usage();
	}
	if (iflag && mflag)
		usage();
	if (only && strlen(only) >= IOPKT_IFNAMSIZ) {
		fprintf(stderr, "netstat: %s: interface name too long\n", only);
		return 1;
	}
	if (mflag)
		return show_mbufs(verbose);
	if (iflag)
		return show_ifs(&o, only);
	unsupported("sockets (no -i, -I or -m)");
	return 1;
}
