// SPDX-License-Identifier: GPL-2.0
/*
 * A command-line window onto libiopkt's pure helpers, for test_libiopkt.py:
 *
 *   unit names SPEC KIND          module spec -> kind, file, stem, entry
 *   unit search FILE PATH MODDIR  IOPKT_MODULE_PATH-style search
 *   unit sock VALUE|-             SOCK parsing (- = unset)
 *   unit optprefix OPTIONS        prefix= in a tcpip option string
 *   unit netns PREFIX             ip-netns name of a prefix
 *   unit mounttype TYPE           -T io-pktN
 *   unit variant N                variant name
 *   unit long S MIN MAX           strict integer parsing
 *   unit drvspec IFNAME CMD LEN   the SIOCGDRVSPEC request built (LEN
 *                                 bytes of buffer, "null" for none), then
 *                                 its answer from a descriptor that is no
 *                                 control device
 *
 * Prints the result on one line, or "error: MESSAGE" and exits 1.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "../libiopkt_internal.h"

static char err[512];

static int fail(void)
{
	printf("error: %s\n", err);
	return 1;
}

static int names(const char *spec, const char *kind)
{
	struct iopkt_modfile mf;

	if (iopkt_module_names(spec, atoi(kind), &mf, err, sizeof(err)))
		return fail();
	printf("kind=%d path=%d file=%s stem=%s modname=%s entry=%s\n",
	       mf.kind, mf.is_path, mf.file, mf.stem, mf.modname, mf.entry);
	return 0;
}

static int search(const char *file, const char *path, const char *moddir)
{
	char out[PATH_MAX];

	if (iopkt_module_search(file, *path ? path : NULL,
				*moddir ? moddir : NULL, out, sizeof(out),
				err, sizeof(err)))
		return fail();
	printf("%s\n", out);
	return 0;
}

static int sock(const char *v)
{
	char prefix[64];
	int rc;

	rc = iopkt_sock_prefix(strcmp(v, "-") ? v : NULL, prefix,
			       sizeof(prefix), err, sizeof(err));
	if (rc < 0)
		return fail();
	printf("%d %s\n", rc, prefix);
	return 0;
}

static int optprefix(const char *opts)
{
	char prefix[64];
	int rc = iopkt_opt_prefix(opts, prefix, sizeof(prefix));

	printf("%d %s\n", rc, prefix);
	return 0;
}

static int netns(const char *prefix)
{
	char name[64];

	if (iopkt_netns_name(prefix, name, sizeof(name))) {
		snprintf(err, sizeof(err), "no name");
		return fail();
	}
	printf("%s\n", name);
	return 0;
}

static int mounttype(const char *type)
{
	int rc = iopkt_mount_type(type, err, sizeof(err));

	if (rc == -1)
		return fail();
	printf("%d\n", rc);
	return 0;
}

static int parselong(const char *s, const char *min, const char *max)
{
	long v;

	if (iopkt_parse_long(s, atol(min), atol(max), &v)) {
		snprintf(err, sizeof(err), "bad");
		return fail();
	}
	printf("%ld\n", v);
	return 0;
}

static int drvspec(const char *ifname, const char *cmd, const char *len)
{
	static char buf[IOPKT_DRVSPEC_MAXLEN + 1];
	struct iopkt_ifdrv d;
	size_t n;
	int fds[2], rc;

	n = strcmp(len, "null") ? strtoul(len, NULL, 0) : 1;
	if (iopkt_drvspec_req(&d, ifname, strtoul(cmd, NULL, 0),
			      strcmp(len, "null") ? buf : NULL, n, err,
			      sizeof(err)))
		return fail();
	printf("name=%s cmd=%llu len=%llu data=%d\n", d.ifd_name,
	       (unsigned long long)d.ifd_cmd, (unsigned long long)d.ifd_len,
	       d.ifd_data == (uintptr_t)buf);
	/* a pipe answers ENOTTY to every ioctl, as a kernel nobody takes */
	if (pipe(fds))
		return 1;
	rc = iopkt_drvspec(fds[0], ifname, 0, d.ifd_cmd, buf, &n, err,
			   sizeof(err));
	printf("rc=%d %s\n", rc, err);
	return 0;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";

	if (!strcmp(c, "names") && argc == 4)
		return names(argv[2], argv[3]);
	if (!strcmp(c, "search") && argc == 5)
		return search(argv[2], argv[3], argv[4]);
	if (!strcmp(c, "sock") && argc == 3)
		return sock(argv[2]);
	if (!strcmp(c, "optprefix") && argc == 3)
		return optprefix(argv[2]);
	if (!strcmp(c, "opthas") && argc == 4) {
		printf("%d\n", iopkt_opt_has(argv[2], argv[3]));
		return 0;
	}
	if (!strcmp(c, "netns") && argc == 3)
		return netns(argv[2]);
	if (!strcmp(c, "mounttype") && argc == 3)
		return mounttype(argv[2]);
	if (!strcmp(c, "variant") && argc == 3) {
		printf("%s\n", iopkt_variant_name(atoi(argv[2])));
		return 0;
	}
	if (!strcmp(c, "drvspec") && argc == 5)
		return drvspec(argv[2], argv[3], argv[4]);
	if (!strcmp(c, "long") && argc == 5)
		return parselong(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: unit COMMAND ARGS (see the source)\n");
	return 2;
}
