// SPDX-License-Identifier: GPL-2.0
/*
 * netstat's tables: the interface table of -i/-I and the mbuf report of
 * -m. Pure: the host tests drive them.
 */
#ifndef IOPKT_NS_FMT_H
#define IOPKT_NS_FMT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <iopkt/ctl.h>

struct ns_opts {
	bool bytes;	/* -b: Ibytes/Obytes instead of packets and errors */
	bool drops;	/* -d: the Drops column */
};

struct ns_row {
	const char *name;
	bool up;
	unsigned int mtu;
	const char *network;
	const char *address;
	const struct iopkt_if_data *d;
};

void ns_if_header(FILE *out, const struct ns_opts *o);
void ns_if_row(FILE *out, const struct ns_opts *o, const struct ns_row *r);

/* netstat's network column for an IPv6 prefix: "fe80::%sam0/64". */
char *ns_inet6_netname(char *buf, size_t len, const uint8_t a[16], int plen,
		       const char *ifname);

/* /sys/kernel/debug/iopkt/mbufs */
struct ns_pool {
	long long in_use, peak, cached;
	unsigned long long allocs, frees, failures, waits;
};

struct ns_mbufs {
	struct ns_pool mbufs, clusters;
	unsigned long long mclbytes, stride, chunk_bytes, per_chunk, chunks;
	long long clusters_free;
	unsigned long long m_to_skb_zerocopy, m_to_skb_copy;
	unsigned long long skb_to_m_zerocopy, skb_to_m_copy;
	int found;		/* how many of the lines were there */
};

/* 0, or -1 if the text has neither the mbufs nor the clusters line. */
int ns_mbufs_parse(const char *text, struct ns_mbufs *m);
void ns_mbufs_print(FILE *out, const struct ns_mbufs *m, bool verbose);

#endif /* IOPKT_NS_FMT_H */
