// SPDX-License-Identifier: GPL-2.0
/*
 * sysctl: the NetBSD names io-pkt users know, mapped to Linux's /proc/sys
 * files in the stack instance's network namespace.
 */
#ifndef IOPKT_SYSCTL_H
#define IOPKT_SYSCTL_H

enum sysctl_kind {
	SC_INT,		/* the file holds the integer */
	SC_INVERT,	/* a boolean stored inverted (…_ignore_… files) */
	SC_FIELD,	/* one whitespace-separated field of the file */
	SC_CONST,	/* no Linux equivalent: reads 0, refuses writes */
};

/**
 * struct sysctl_node - one NetBSD name
 * @name: the full name ("net.inet.ip.forwarding")
 * @kind: how the value maps onto @path
 * @path: the /proc/sys file (NULL for SC_CONST)
 * @field: for SC_FIELD, the 0-based field
 * @note: for SC_CONST, why there is nothing to set
 */
struct sysctl_node {
	const char *name;
	enum sysctl_kind kind;
	const char *path;
	int field;
	const char *note;
};

extern const struct sysctl_node sysctl_nodes[];
extern const int sysctl_nnodes;

#endif /* IOPKT_SYSCTL_H */
