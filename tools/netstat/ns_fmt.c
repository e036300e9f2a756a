// SPDX-License-Identifier: GPL-2.0
/*
 * netstat's output, NetBSD's layout: "Name Mtu Network Address Ipkts
 * Ierrs Opkts Oerrs Colls" rows, and "N mbufs in use:" for -m.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ns_fmt.h"

#define MSIZE	256	/* iopkt's mbuf, as <iopkt/mbuf.h> */

void ns_if_header(FILE *out, const struct ns_opts *o)
{
	fprintf(out, "%-5s %-5s %-13s %-17s ", "Name", "Mtu", "Network",
		"Address");
	if (o->bytes)
		fprintf(out, "%10s %10s", "Ibytes", "Obytes");
	else
		fprintf(out, "%8s %5s %8s %5s %5s", "Ipkts", "Ierrs", "Opkts",
			"Oerrs", "Colls");
	if (o->drops)
		fprintf(out, " %5s", "Drops");
	fputc('\n', out);
}

void ns_if_row(FILE *out, const struct ns_opts *o, const struct ns_row *r)
{
	const struct iopkt_if_data *d = r->d;
	char name[IOPKT_IFNAMSIZ + 2];

	snprintf(name, sizeof(name), "%s%s", r->name, r->up ? "" : "*");
	fprintf(out, "%-5s %-5u %-13s %-17s ", name, r->mtu, r->network,
		r->address);
	if (o->bytes)
		fprintf(out, "%10llu %10llu", (unsigned long long)d->ifi_ibytes,
			(unsigned long long)d->ifi_obytes);
	else
		fprintf(out, "%8llu %5llu %8llu %5llu %5llu",
			(unsigned long long)d->ifi_ipackets,
			(unsigned long long)d->ifi_ierrors,
			(unsigned long long)d->ifi_opackets,
			(unsigned long long)d->ifi_oerrors,
			(unsigned long long)d->ifi_collisions);
	if (o->drops)
		fprintf(out, " %5llu", (unsigned long long)d->ifi_iqdrops);
	fputc('\n', out);
}

char *ns_inet6_netname(char *buf, size_t len, const uint8_t a[16], int plen,
		       const char *ifname)
{
	char txt[INET6_ADDRSTRLEN];
	uint8_t net[16];
	int i;

	for (i = 0; i < 16; i++) {
		int bits = plen - 8 * i;

		net[i] = bits >= 8 ? a[i] : bits <= 0 ? 0 :
			 a[i] & (uint8_t)(0xff << (8 - bits));
	}
	inet_ntop(AF_INET6, net, txt, sizeof(txt));
	if (net[0] == 0xfe && (net[1] & 0xc0) == 0x80 && ifname)
		snprintf(buf, len, "%s%%%s/%d", txt, ifname, plen);
	else
		snprintf(buf, len, "%s/%d", txt, plen);
	return buf;
}

/* The value after key on a line of "key value" pairs. */
static bool field(const char *line, const char *key, long long *v)
{
	size_t n = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		bool starts = p == line || p[-1] == ' ';

		if (starts && p[n] == ' ') {
			char *end;

			*v = strtoll(p + n + 1, &end, 10);
			return end != p + n + 1;
		}
		p += n;
	}
	return false;
}

static void pool(const char *line, struct ns_pool *p)
{
	long long v;

	if (field(line, "in_use", &v))
		p->in_use = v;
	if (field(line, "peak", &v))
		p->peak = v;
	if (field(line, "cached", &v))
		p->cached = v;
	if (field(line, "allocs", &v))
		p->allocs = (unsigned long long)v;
	if (field(line, "frees", &v))
		p->frees = (unsigned long long)v;
	if (field(line, "failures", &v))
		p->failures = (unsigned long long)v;
	if (field(line, "waits", &v))
		p->waits = (unsigned long long)v;
}

static void uget(const char *line, const char *key, unsigned long long *dst)
{
	long long v;

	if (field(line, key, &v))
		*dst = (unsigned long long)v;
}

int ns_mbufs_parse(const char *text, struct ns_mbufs *m)
{
	bool pools = false;
	char line[512];
	long long v;

	memset(m, 0, sizeof(*m));
	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, text, n);
		line[n] = '\0';
		text += strcspn(text, "\n");
		if (*text)
			text++;

		if (!strncmp(line, "mbufs: ", 7)) {
			pool(line + 7, &m->mbufs);
			pools = true;
		} else if (!strncmp(line, "clusters: ", 10)) {
			pool(line + 10, &m->clusters);
			pools = true;
		} else if (!strncmp(line, "mclbytes ", 9)) {
			uget(line, "mclbytes", &m->mclbytes);
			uget(line, "stride", &m->stride);
			uget(line, "chunk_bytes", &m->chunk_bytes);
			uget(line, "per_chunk", &m->per_chunk);
			uget(line, "chunks", &m->chunks);
			if (field(line, "free", &v))
				m->clusters_free = v;
		} else if (!strncmp(line, "m_to_skb ", 9)) {
			uget(line, "zerocopy", &m->m_to_skb_zerocopy);
			uget(line, "copy", &m->m_to_skb_copy);
		} else if (!strncmp(line, "skb_to_m ", 9)) {
			uget(line, "zerocopy", &m->skb_to_m_zerocopy);
			uget(line, "copy", &m->skb_to_m_copy);
		} else {
			continue;
		}
		m->found++;
	}
	return pools ? 0 : -1;
}

static unsigned long long pos(long long v)
{
	return v > 0 ? (unsigned long long)v : 0;
}

void ns_mbufs_print(FILE *out, const struct ns_mbufs *m, bool verbose)
{
	unsigned long long mb_use = pos(m->mbufs.in_use);
	unsigned long long cl_use = pos(m->clusters.in_use);
	unsigned long long cl_total = m->chunks * m->per_chunk;
	unsigned long long stride = m->stride ? m->stride : m->mclbytes;
	unsigned long long alloc, used;

	alloc = m->chunks * m->chunk_bytes +
		(mb_use + pos(m->mbufs.cached)) * MSIZE;
	used = cl_use * stride + mb_use * MSIZE;
	if (used > alloc)
		alloc = used;

	fprintf(out, "%llu mbufs in use:\n", mb_use);
	fprintf(out, "\t%llu mbufs allocated to data\n", mb_use);
	if (m->mbufs.cached)
		fprintf(out, "\t%llu mbufs cached by io-pkt threads\n",
			pos(m->mbufs.cached));
	fprintf(out, "%llu/%llu mbuf clusters in use (current/total)\n", cl_use,
		cl_total);
	fprintf(out, "%llu Kbytes allocated to network (%llu%% in use)\n",
		alloc / 1024, alloc ? used * 100 / alloc : 0);
	fprintf(out, "%llu requests for memory denied\n",
		m->mbufs.failures + m->clusters.failures);
	fprintf(out, "%llu requests for memory delayed\n",
		m->mbufs.waits + m->clusters.waits);
	fprintf(out, "0 calls to protocol drain routines\n");
	if (!verbose)
		return;
	fprintf(out, "mbufs: peak %lld, %llu allocations, %llu frees\n",
		m->mbufs.peak, m->mbufs.allocs, m->mbufs.frees);
	fprintf(out, "clusters: %llu bytes each, peak %lld, %llu allocations, %llu frees, %lld free in %llu chunks of %llu bytes\n",
		m->mclbytes, m->clusters.peak, m->clusters.allocs,
		m->clusters.frees, m->clusters_free, m->chunks, m->chunk_bytes);
	fprintf(out, "mbuf to sk_buff: %llu without copy, %llu copied\n",
		m->m_to_skb_zerocopy, m->m_to_skb_copy);
	fprintf(out, "sk_buff to mbuf: %llu without copy, %llu copied\n",
		m->skb_to_m_zerocopy, m->skb_to_m_copy);
}
