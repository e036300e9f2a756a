// SPDX-License-Identifier: GPL-2.0
/*
 * io-pkt-mount and mount.io-pkt: load a driver or protocol module into a
 * running stack instance, as QNX's "mount -T io-pkt [-o opts] MODULE".
 *
 *   io-pkt-mount [-T io-pkt|io-pktN] [-o options] [-v] MODULE
 *	QNX's syntax. util-linux mount(8) cannot take it: there -T means
 *	--fstab.
 *   mount.io-pkt MODULE /dev/iopktN [-sfnv] [-o options] [-N ns] [-t type]
 *	the helper util-linux mount(8) runs for
 *	"mount -t io-pkt [-o options] MODULE /dev/iopktN".
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/libiopkt_internal.h"

static const char *prog = "io-pkt-mount";

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(1);
	}
	return p;
}

/* Options mount(8) adds or keeps that mean nothing to a driver. */
static int mount_flag(const char *o, size_t n)
{
	static const char *const flags[] = {
		"rw", "ro", "defaults", "auto", "noauto", "user", "nouser",
		"users", "owner", "group", "nofail", "_netdev", "exec",
		"noexec", "suid", "nosuid", "dev", "nodev", "sync", "async",
		"atime", "noatime", "relatime", "norelatime", "strictatime",
		"nostrictatime", "diratime", "nodiratime", "lazytime",
		"nolazytime", "loud", "silent", "mand", "nomand",
	};

	if ((n > 2 && !strncmp(o, "x-", 2)) || (n > 8 && !strncmp(o, "comment=", 8)))
		return 1;
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (strlen(flags[i]) == n && !strncmp(o, flags[i], n))
			return 1;
	return 0;
}

/* Append OPTS to *ALL (comma-separated), dropping mount flags if asked. */
static void add_options(char **all, const char *opts, int drop_flags)
{
	while (opts && *opts) {
		const char *end = strchr(opts, ',');
		size_t n = end ? (size_t)(end - opts) : strlen(opts);
		size_t old = *all ? strlen(*all) : 0;

		if (n && !(drop_flags && mount_flag(opts, n))) {
			*all = xrealloc(*all, old + n + 2);
			if (old)
				(*all)[old++] = ',';
			memcpy(*all + old, opts, n);
			(*all)[old + n] = '\0';
		}
		opts = end ? end + 1 : NULL;
	}
}

static int do_mount(int instance, const char *module, const char *options,
		    int verbose)
{
	char err[512], entry[NAME_MAX + 1];
	struct iopkt_modfile mf;
	struct iopkt_genl *g;
	int rc;

	/* refuse a bad name before anything is loaded */
	if (iopkt_module_names(module, -1, &mf, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	g = iopkt_genl_open(err, sizeof(err));
	if (!g) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	if (instance == IOPKT_TYPE_ENV) {
		instance = iopkt_instance_from_env(err, sizeof(err));
		if (instance < 0) {
			fprintf(stderr, "%s: %s\n", prog, err);
			iopkt_genl_close(g);
			return 1;
		}
	}
	rc = iopkt_module_load(module, mf.kind, entry, sizeof(entry), err,
			       sizeof(err));
	if (!rc)
		rc = iopkt_genl_mount(g, instance, mf.kind, entry, options,
				      err, sizeof(err));
	iopkt_genl_close(g);
	if (rc) {
		if (rc == -ENOENT && strstr(err, "not found"))
			fprintf(stderr, "%s: %s\n", prog, err);
		else
			fprintf(stderr, "%s: %s on io-pkt instance %d: %s\n",
				prog, module, instance, err);
		return 1;
	}
	if (verbose)
		fprintf(stderr, "%s: %s %s mounted on io-pkt instance %d\n",
			prog, mf.kind == IOPKT_MOD_DRIVER ? "driver" : "protocol",
			entry, instance);
	return 0;
}

static int qnx_main(int argc, char **argv)
{
	const char *type = "io-pkt";
	char *options = NULL, err[256];
	int c, instance, verbose = 0, rc;

	while ((c = getopt(argc, argv, "T:o:vh")) != -1) {
		switch (c) {
		case 'T':
			type = optarg;
			break;
		case 'o':
			add_options(&options, optarg, 0);
			break;
		case 'v':
			verbose++;
			break;
		case 'h':
			printf("usage: %s [-T io-pkt|io-pktN] [-o option[,option...]] [-v] module\n",
			       prog);
			return 0;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1)
		goto usage;
	instance = iopkt_mount_type(type, err, sizeof(err));
	if (instance == -1) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	rc = do_mount(instance, argv[optind], options, verbose);
	free(options);
	return rc;
usage:
	fprintf(stderr, "usage: %s [-T io-pkt|io-pktN] [-o option[,option...]] [-v] module\n",
		prog);
	return 1;
}

/* The "mount point": /dev/iopktN, or io-pktN / io-pkt / none. */
static int instance_of_target(const char *dir)
{
	char err[256];
	long n;

	if (!strncmp(dir, "/dev/iopkt", 10) &&
	    !iopkt_parse_long(dir + 10, 0, INT_MAX, &n))
		return (int)n;
	if (!strcmp(dir, "none"))
		return IOPKT_TYPE_ENV;
	n = iopkt_mount_type(dir, err, sizeof(err));
	if (n != -1)
		return (int)n;
	fprintf(stderr,
		"%s: '%s' is not an io-pkt instance: mount on /dev/iopktN (instance N) or io-pkt (the one SOCK selects)\n",
		prog, dir);
	return -1;
}

static int helper_main(int argc, char **argv)
{
	char *options = NULL;
	int c, instance, verbose = 0, fake = 0, rc;

	/* mount(8) passes SOURCE TARGET first; GNU getopt permutes */
	while ((c = getopt(argc, argv, "sfnvo:N:t:h")) != -1) {
		switch (c) {
		case 'f':
			fake = 1;
			break;
		case 'v':
			verbose++;
			break;
		case 'o':
			add_options(&options, optarg, 1);
			break;
		case 's': case 'n': case 'N': case 't':
			break;	/* sloppy, no mtab, namespace, subtype */
		case 'h':
			printf("usage: %s module /dev/iopktN [-sfnv] [-o options]\n"
			       "       (run by: mount -t io-pkt [-o options] module /dev/iopktN)\n",
			       prog);
			return 0;
		default:
			goto usage;
		}
	}
	if (optind != argc - 2)
		goto usage;
	instance = instance_of_target(argv[optind + 1]);
	if (instance == -1)
		return 1;
	if (fake) {
		free(options);
		return 0;
	}
	rc = do_mount(instance, argv[optind], options, verbose);
	free(options);
	return rc;
usage:
	fprintf(stderr, "usage: %s module /dev/iopktN [-sfnv] [-o options]\n",
		prog);
	return 1;
}

int main(int argc, char **argv)
{
	prog = basename(argv[0]);
	if (!strcmp(prog, "mount.io-pkt"))
		return helper_main(argc, argv);
	return qnx_main(argc, argv);
}
