// SPDX-License-Identifier: GPL-2.0
/*
 * libiopkt internals: the pure helpers behind the public API, shared by the
 * library's files, the tools that need them and the unit tests.
 */
#ifndef LIBIOPKT_INTERNAL_H
#define LIBIOPKT_INTERNAL_H

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>

#include "libiopkt.h"

#define IOPKT_MODULE_PATH_ENV	"IOPKT_MODULE_PATH"

__attribute__((format(printf, 3, 4)))
void iopkt_err(char *err, size_t errlen, const char *fmt, ...);

/* Fill a SIOC[SG]DRVSPEC request, checking what the kernel would: 0 or -EINVAL. */
int iopkt_drvspec_req(struct iopkt_ifdrv *d, const char *ifname,
		      unsigned long cmd, void *data, size_t len, char *err,
		      size_t errlen);

/* Strict decimal integer in [min, max]; 0 or -1. */
int iopkt_parse_long(const char *s, long min, long max, long *out);

/*
 * SOCK: NULL or "" is the default instance (returns 0, prefix ""); "/alt"
 * (trailing slashes dropped) returns 1 with prefix "/alt"; anything not
 * starting with '/' is an error (-1).
 */
int iopkt_sock_prefix(const char *sock, char *prefix, size_t len,
		      char *err, size_t errlen);

/* Whether KEY or KEY=... is in a comma-separated option string: 1, or 0. */
int iopkt_opt_has(const char *options, const char *key);
/* The value of prefix= in a comma-separated option string: 1, or 0. */
int iopkt_opt_prefix(const char *options, char *prefix, size_t len);

/* The ip-netns name for a prefix: "/alt" -> "alt", "/a/b" -> "a_b". */
int iopkt_netns_name(const char *prefix, char *out, size_t len);

/*
 * A mount type as QNX writes it: "io-pktN" -> N; "io-pkt", "io-net" and
 * "tcpip" -> IOPKT_TYPE_ENV (the instance SOCK selects); else -1.
 */
#define IOPKT_TYPE_ENV	(-2)
int iopkt_mount_type(const char *type, char *err, size_t errlen);

/**
 * struct iopkt_modfile - what a module spec names
 * @kind: IOPKT_MOD_DRIVER or IOPKT_MOD_LSM
 * @is_path: the spec had a '/': @file is a path, used as given
 * @file: the file to look for ("devnp-sam.ko") or the path
 * @stem: the file's name without directory and suffix ("devnp-sam")
 * @modname: the kernel's name for it ("devnp_sam", as in /sys/module)
 * @entry: the entry name the stack knows ("sam")
 */
struct iopkt_modfile {
	int kind;
	int is_path;
	char file[PATH_MAX];
	char stem[NAME_MAX + 1];
	char modname[NAME_MAX + 1];
	char entry[NAME_MAX + 1];
};

int iopkt_module_names(const char *spec, int kind, struct iopkt_modfile *mf,
		       char *err, size_t errlen);

/*
 * Look for FILE in each directory of MODPATH (colon-separated; empty
 * elements skipped), then in MODDIR/extra. 0 with the path in OUT, or
 * -ENOENT with a message naming where it looked.
 */
int iopkt_module_search(const char *file, const char *modpath,
			const char *moddir, char *out, size_t outlen,
			char *err, size_t errlen);

#endif /* LIBIOPKT_INTERNAL_H */
