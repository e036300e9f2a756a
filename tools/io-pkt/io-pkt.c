// SPDX-License-Identifier: GPL-2.0
/*
 * io-pkt-v4, io-pkt-v4-hc, io-pkt-v6-hc: start a stack instance.
 *
 * One program; the variant is the name it runs under. It loads iopkt.ko if
 * needed, asks the kernel to start instance N (IOPKT_CMD_START), then loads
 * and mounts each -d driver and each -p protocol module, and returns: the
 * instance lives in the kernel, which is io-pkt's "daemonize".
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/libiopkt_internal.h"

static const char *prog = "io-pkt";

struct module {
	const char *name;
	const char *options;
};

struct args {
	int variant;
	int instance;
	int prio;		/* -1: not given */
	int threads;		/* -1: not given */
	int verbose;
	char *tcpip;		/* -p tcpip options, joined with commas */
	struct module *drivers, *protocols;
	int ndrivers, nprotocols;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s [-d driver [driver_options]] [-i instance] [-P priority]\n"
		"       %*s [-p protocol [protocol_options]] [-S] [-t threads] [-v]\n"
		"See io-pkt(8).\n", prog, (int)strlen(prog), "");
}

static int variant_of(const char *name)
{
	if (!strcmp(name, "io-pkt-v4"))
		return IOPKT_VARIANT_V4;
	if (!strcmp(name, "io-pkt-v4-hc"))
		return IOPKT_VARIANT_V4_HC;
	if (!strcmp(name, "io-pkt-v6-hc") || !strcmp(name, "io-pkt"))
		return IOPKT_VARIANT_V6_HC;
	return -1;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(1);
	}
	return p;
}

static void add_module(struct module **v, int *n, const char *name,
		       const char *options)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].name = name;
	(*v)[*n].options = options;
	(*n)++;
}

static void add_tcpip(struct args *a, const char *options)
{
	size_t old = a->tcpip ? strlen(a->tcpip) : 0;

	if (!options || !*options)
		return;
	a->tcpip = xrealloc(a->tcpip, old + strlen(options) + 2);
	if (old)
		a->tcpip[old++] = ',';
	strcpy(a->tcpip + old, options);
}

static int number(char opt, const char *v, long min, long max, int *out)
{
	long n;

	if (iopkt_parse_long(v, min, max, &n)) {
		fprintf(stderr, "%s: -%c %s: must be a number from %ld to %ld\n", prog,
			opt, v, min, max);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/*
 * QNX's command line: options may be clustered (-vv) and take their value
 * attached (-dsam) or as the next word; -d and -p take one more word, the
 * option string, when the next word does not start with '-'.
 */
static int parse(int argc, char **argv, struct args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (arg[0] != '-' || !arg[1]) {
			fprintf(stderr,
				"%s: unexpected argument '%s' (option strings follow -d driver or -p protocol)\n",
				prog, arg);
			return -1;
		}
		for (int j = 1; arg[j]; j++) {
			char c = arg[j];
			const char *v, *opts = NULL;

			if (c == 'v') {
				a->verbose++;
				continue;
			}
			if (c == 'S')	/* no SIGSEGV handler: nothing to do */
				continue;
			if (c == 'h') {
				usage(stdout);
				exit(0);
			}
			if (!strchr("diPpt", c)) {
				fprintf(stderr, "%s: unknown option -%c\n", prog, c);
				usage(stderr);
				return -1;
			}
			if (arg[j + 1]) {
				v = arg + j + 1;
			} else if (i + 1 < argc) {
				v = argv[++i];
			} else {
				fprintf(stderr, "%s: option -%c needs an argument\n",
					prog, c);
				usage(stderr);
				return -1;
			}
			if ((c == 'd' || c == 'p') && i + 1 < argc &&
			    argv[i + 1][0] != '-')
				opts = argv[++i];
			switch (c) {
			case 'd':
				add_module(&a->drivers, &a->ndrivers, v, opts);
				break;
			case 'p':
				if (!strcmp(v, "tcpip"))
					add_tcpip(a, opts);
				else
					add_module(&a->protocols, &a->nprotocols,
						   v, opts);
				break;
			case 'i':
				if (number(c, v, 0, INT_MAX, &a->instance))
					return -1;
				break;
			case 'P':
				if (number(c, v, 1, 255, &a->prio))
					return -1;
				break;
			case 't':
				if (number(c, v, 1, 64, &a->threads))
					return -1;
				break;
			}
			break;	/* the rest of the word was the value */
		}
	}
	return 0;
}

/* Run "ip netns CMD NAME"; 0 on success. */
static int ip_netns(const char *cmd, const char *name)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		execlp("ip", "ip", "netns", cmd, name, (char *)NULL);
		execl("/sbin/ip", "ip", "netns", cmd, name, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/*
 * prefix=/alt: the instance gets its own network namespace, named "alt" for
 * ip-netns(8) (joined if it exists, else created). START binds the instance
 * to the caller's namespace, so we move there first. *created says whether
 * to remove the name again if the start fails.
 */
static int enter_prefix_netns(const char *prefix, char *name, size_t len,
			      int *created)
{
	char path[PATH_MAX];
	int fd;

	*created = 0;
	if (iopkt_netns_name(prefix, name, len)) {
		fprintf(stderr, "%s: prefix=%s: not a usable prefix\n", prog,
			prefix);
		return -1;
	}
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	if (access(path, F_OK)) {
		if (!ip_netns("add", name)) {
			*created = 1;
		} else {
			fprintf(stderr,
				"%s: warning: 'ip netns add %s' failed; the namespace of prefix %s has no name (reach it with SOCK=%s)\n",
				prog, name, prefix, prefix);
			name[0] = '\0';
			if (unshare(CLONE_NEWNET)) {
				fprintf(stderr,
					"%s: cannot create a network namespace for prefix %s: %s\n",
					prog, prefix, strerror(errno));
				return -1;
			}
			return 0;
		}
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "%s: cannot enter network namespace %s: %s\n",
			prog, path, strerror(errno));
		if (fd >= 0)
			close(fd);
		if (*created)
			ip_netns("delete", name);
		return -1;
	}
	close(fd);
	return 0;
}

static int mount_one(struct iopkt_genl *g, const struct args *a,
		     const struct module *m, int kind)
{
	const char *what = kind == IOPKT_MOD_DRIVER ? "driver" : "protocol";
	char entry[NAME_MAX + 1], err[512];
	int rc;

	rc = iopkt_module_load(m->name, kind, entry, sizeof(entry), err,
			       sizeof(err));
	if (rc) {
		fprintf(stderr, "%s: %s %s: %s\n", prog, what, m->name, err);
		return -1;
	}
	rc = iopkt_genl_mount(g, a->instance, kind, entry, m->options, err,
			      sizeof(err));
	if (rc) {
		fprintf(stderr, "%s: %s %s%s%s: %s\n", prog, what, m->name,
			m->options ? " " : "", m->options ? m->options : "",
			err);
		return -1;
	}
	if (a->verbose)
		fprintf(stderr, "%s: %s %s mounted on instance %d\n", prog,
			what, entry, a->instance);
	return 0;
}

/* Write "1" to a sysctl file of the namespace we are in; 0 on success. */
static int sysctl_on(const char *path)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (!f)
		return -1;
	rc = fputs("1\n", f) < 0;
	rc |= fclose(f) != 0;
	return rc ? -1 : 0;
}

/*
 * -p tcpip forward / forward6: IP forwarding is a sysctl of the instance's
 * network namespace (we are in it now); the kernel module has no exported
 * way to switch every device's forwarding, so the launcher does it, as
 * sysctl(8) would. A failure is a warning: the instance runs.
 */
static void apply_forwarding(const struct args *a)
{
	static const char v4[] = "/proc/sys/net/ipv4/ip_forward";
	static const char v6[] = "/proc/sys/net/ipv6/conf/all/forwarding";

	if (iopkt_opt_has(a->tcpip, "forward") && sysctl_on(v4))
		fprintf(stderr, "%s: warning: forward: cannot write %s: %s\n",
			prog, v4, strerror(errno));
	if (iopkt_opt_has(a->tcpip, "forward6") && sysctl_on(v6))
		fprintf(stderr, "%s: warning: forward6: cannot write %s: %s\n",
			prog, v6, strerror(errno));
}

int main(int argc, char **argv)
{
	struct args a = { .prio = -1, .threads = -1 };
	char err[512], prefix[64], nsname[64] = "";
	struct iopkt_genl *g;
	int rc, status = 0, created = 0;

	prog = basename(argv[0]);
	a.variant = variant_of(prog);
	if (a.variant < 0) {
		fprintf(stderr,
			"%s: cannot tell the stack variant from the program name: run me as io-pkt-v4, io-pkt-v4-hc or io-pkt-v6-hc\n",
			prog);
		return 1;
	}
	if (parse(argc, argv, &a))
		return 1;

	if (iopkt_core_load(err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	g = iopkt_genl_open(err, sizeof(err));
	if (!g) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	if (iopkt_opt_prefix(a.tcpip, prefix, sizeof(prefix))) {
		struct iopkt_genl *inside;

		if (enter_prefix_netns(prefix, nsname, sizeof(nsname), &created)) {
			iopkt_genl_close(g);
			return 1;
		}
		/*
		 * A netlink socket stays in the namespace it was made in. If
		 * the family is visible in the new namespace, talk from
		 * there, so that the kernel sees us in it whether it looks at
		 * the socket's namespace or at ours.
		 */
		inside = iopkt_genl_open(NULL, 0);
		if (inside) {
			iopkt_genl_close(g);
			g = inside;
		}
	}

	rc = iopkt_genl_start(g, a.instance, a.variant, a.tcpip, a.prio,
			      a.threads, a.verbose, err, sizeof(err));
	if (rc) {
		if (rc == -EEXIST)
			fprintf(stderr, "%s: io-pkt instance %d is already running\n",
				prog, a.instance);
		else
			fprintf(stderr, "%s: cannot start io-pkt instance %d: %s\n",
				prog, a.instance, err);
		if (created)
			ip_netns("delete", nsname);
		iopkt_genl_close(g);
		return 1;
	}
	apply_forwarding(&a);
	if (a.verbose)
		fprintf(stderr, "%s: instance %d started%s%s\n", prog,
			a.instance, nsname[0] ? " in network namespace " : "",
			nsname);

	for (int i = 0; i < a.ndrivers; i++)
		if (mount_one(g, &a, &a.drivers[i], IOPKT_MOD_DRIVER))
			status = 1;
	for (int i = 0; i < a.nprotocols; i++)
		if (mount_one(g, &a, &a.protocols[i], IOPKT_MOD_LSM))
			status = 1;

	iopkt_genl_close(g);
	free(a.drivers);
	free(a.protocols);
	free(a.tcpip);
	return status;
}
