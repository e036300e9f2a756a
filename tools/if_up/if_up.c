// SPDX-License-Identifier: GPL-2.0
/*
 * if_up: wait until network interfaces of an io-pkt instance are present,
 * up and configured (QNX's if_up).
 *
 *   if_up [-6ailp] [-m milliseconds] [-r retries] [-s seconds] interface...
 *
 * The interface list is walked in the instance's network namespace
 * (getifaddrs) with the link state from the control device
 * (IOPKT_SIOCGIFLIST); between walks, iopkt's attach/link events cut the
 * wait short.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <libgen.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../lib/libiopkt_internal.h"
/*
 * After <iopkt/ctl.h>: glibc's <net/if.h> defines ifr_name & co. as macros,
 * which would rename the fields of struct iopkt_ifreq.
 */
#include <net/if.h>

static const char *prog = "if_up";

struct opts {
	int all, inet6, ignore_ll, link, present;
	long retries, interval_ms;
};

/* What one walk found for one interface. */
struct state {
	int present, up, addr, link;
};

struct ctx {
	int instance;
	int implicit;		/* instance 0, no SOCK */
	int ctlfd;		/* -1 until the instance runs */
	char why[256];		/* why the instance cannot be reached */
	struct iopkt_ifinfo *ifs;
	int nifs;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [-6ailp] [-m milliseconds] [-r retries] [-s seconds] interface...\n",
		prog);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Open the control device and move into the instance's namespace, once.
 * Instance 0 without SOCK lives in the namespace we are in, so until it
 * runs we walk that one (it is the one it will bind to).
 */
static int reach_instance(struct ctx *c)
{
	char err[256];

	if (c->ctlfd >= 0)
		return 0;
	c->ctlfd = iopkt_ctl_open(c->instance, c->why, sizeof(c->why));
	if (c->ctlfd < 0)
		return c->implicit ? 0 : -1;
	if (iopkt_enter_netns(c->ctlfd, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", prog, err);
		exit(1);
	}
	return 0;
}

static void read_iflist(struct ctx *c)
{
	struct iopkt_iflist l = { 0 };

	c->nifs = 0;
	if (ioctl(c->ctlfd, IOPKT_SIOCGIFLIST, &l) < 0)
		return;
	while (l.total) {
		c->ifs = realloc(c->ifs, (l.total + 4) * sizeof(*c->ifs));
		if (!c->ifs)
			return;
		l.count = l.total + 4;
		l.buf = (unsigned long)c->ifs;
		if (ioctl(c->ctlfd, IOPKT_SIOCGIFLIST, &l) < 0)
			return;
		if (l.count <= l.total) {
			c->nifs = l.count;
			return;
		}
	}
}

static const struct iopkt_ifinfo *iopkt_if(const struct ctx *c,
					   const char *name)
{
	for (int i = 0; i < c->nifs; i++)
		if (!strncmp(c->ifs[i].name, name, sizeof(c->ifs[i].name)))
			return &c->ifs[i];
	for (int i = 0; i < c->nifs; i++)	/* enXX mapping */
		if (c->ifs[i].alias[0] &&
		    !strncmp(c->ifs[i].alias, name, sizeof(c->ifs[i].alias)))
			return &c->ifs[i];
	return NULL;
}

static int has_addr(const struct ifaddrs *ifa, const struct opts *o)
{
	const struct sockaddr *sa = ifa->ifa_addr;

	if (!sa)
		return 0;
	if (!o->inet6)
		return sa->sa_family == AF_INET;
	if (sa->sa_family != AF_INET6)
		return 0;
	if (o->ignore_ll &&
	    IN6_IS_ADDR_LINKLOCAL(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr))
		return 0;
	return 1;
}

static void walk(struct ctx *c, const struct opts *o, char **names, int n,
		 struct state *st)
{
	struct ifaddrs *list = NULL;

	memset(st, 0, n * sizeof(*st));
	if (reach_instance(c))
		return;
	if (c->ctlfd >= 0)
		read_iflist(c);
	if (getifaddrs(&list)) {
		snprintf(c->why, sizeof(c->why), "getifaddrs: %s", strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		const struct iopkt_ifinfo *info = iopkt_if(c, names[i]);

		for (struct ifaddrs *a = list; a; a = a->ifa_next) {
			if (strcmp(a->ifa_name, names[i]))
				continue;
			st[i].present = 1;
			st[i].up |= !!(a->ifa_flags & IFF_UP);
			st[i].addr |= has_addr(a, o);
			if (!info)
				st[i].link |= !!(a->ifa_flags & IFF_RUNNING);
		}
		if (info) {
			st[i].present = 1;
			st[i].link = info->link_state == IOPKT_LINK_STATE_UP;
		}
	}
	freeifaddrs(list);
}

static int ready(const struct opts *o, const struct state *s)
{
	if (!s->present)
		return 0;
	if (o->link && !s->link)
		return 0;
	return o->present || (s->up && s->addr);
}

static const char *missing(const struct opts *o, const struct state *s)
{
	if (!s->present)
		return "is not present";
	if (!o->present && !s->up)
		return "is not up";
	if (!o->present && !s->addr)
		return o->inet6 ? "has no IPv6 address" : "has no IPv4 address";
	return "has no link";
}

static int done(const struct opts *o, const struct state *st, int n)
{
	int ok = 0;

	for (int i = 0; i < n; i++)
		ok += ready(o, &st[i]);
	return o->all ? ok == n : ok > 0;
}

/* Sleep until DEADLINE, or until an iopkt event for our instance. */
static void wait_until(struct iopkt_genl *g, int instance, long long deadline)
{
	struct iopkt_event ev;

	for (;;) {
		long long left = deadline - now_ms();

		if (left <= 0)
			return;
		if (!g) {
			struct timespec ts = { left / 1000, left % 1000 * 1000000 };

			nanosleep(&ts, NULL);
			return;
		}
		if (iopkt_genl_next_event(g, (int)left, &ev) != 0 &&
		    (ev.instance == instance || ev.instance < 0))
			return;
	}
}

static int number(char opt, const char *v, long min, long max, long *out)
{
	if (iopkt_parse_long(v, min, max, out)) {
		fprintf(stderr, "%s: -%c %s: must be a number from %ld to %ld\n", prog,
			opt, v, min, max);
		exit(1);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct opts o = { .retries = 5, .interval_ms = 1000 };
	struct ctx c = { .ctlfd = -1 };
	struct iopkt_genl *g = NULL;
	struct state *st;
	char err[256];
	long long start;
	long v;
	int ch, n;

	prog = basename(argv[0]);
	while ((ch = getopt(argc, argv, "6ailpm:r:s:h")) != -1) {
		switch (ch) {
		case '6': o.inet6 = 1; break;
		case 'a': o.all = 1; break;
		case 'i': o.ignore_ll = 1; break;
		case 'l': o.link = 1; break;
		case 'p': o.present = 1; break;
		case 'm':
			number(ch, optarg, 0, 3600000, &o.interval_ms);
			break;
		case 's':
			number(ch, optarg, 0, 3600, &v);
			o.interval_ms = v * 1000;
			break;
		case 'r':
			number(ch, optarg, 1, 1000000, &o.retries);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	n = argc - optind;
	if (n < 1) {
		usage(stderr);
		return 1;
	}
	if (o.ignore_ll && !o.inet6) {
		fprintf(stderr, "%s: -i needs -6\n", prog);
		return 1;
	}
	for (int i = optind; i < argc; i++) {
		if (!argv[i][0] || strlen(argv[i]) >= IOPKT_IFNAMSIZ) {
			fprintf(stderr, "%s: '%s' is not an interface name\n",
				prog, argv[i]);
			return 1;
		}
	}
	c.instance = iopkt_instance_from_env(err, sizeof(err));
	if (c.instance < 0) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	c.implicit = c.instance == 0 && !(getenv("SOCK") && *getenv("SOCK"));
	/* events wake us early; without them we poll, as QNX's if_up does */
	g = iopkt_genl_open(err, sizeof(err));
	if (g && iopkt_genl_subscribe(g, err, sizeof(err))) {
		iopkt_genl_close(g);
		g = NULL;
	}
	st = calloc(n, sizeof(*st));
	if (!st) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}

	start = now_ms();
	for (long k = 1; ; k++) {
		walk(&c, &o, argv + optind, n, st);
		if (done(&o, st, n))
			return 0;
		if (k >= o.retries)
			break;
		wait_until(g, c.instance, start + k * o.interval_ms);
	}

	if (c.ctlfd < 0 && !c.implicit) {
		fprintf(stderr, "%s: %s\n", prog, c.why);
		return 1;
	}
	for (int i = 0; i < n; i++)
		if (!ready(&o, &st[i]))
			fprintf(stderr, "%s: %s %s after %ld %s\n", prog,
				argv[optind + i], missing(&o, &st[i]), o.retries,
				o.retries == 1 ? "try" : "tries");
	return 1;
}
