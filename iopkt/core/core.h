/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of iopkt.ko, shared between its files. Not for other
 * modules: they use include/iopkt/.
 */
#ifndef _IOPKT_CORE_H
#define _IOPKT_CORE_H

#include <linux/types.h>

/**
 * struct iopkt_params - the io-pkt options of this layer (-p tcpip ..., -t,
 * -P), as module parameters of iopkt.ko and option strings of an instance
 * @threads: worker threads; 0 means one per online CPU (-t)
 * @main_prio: priority of the main thread (-P)
 * @rx_prio: priority of receive/event threads (rx_prio, rx_pulse_prio)
 * @timer_pulse_prio: priority callouts run at
 * @mclbytes: mbuf cluster size
 * @pagesize: allocation quantum of the pools
 * @bigpage_strict: use @pagesize for every pool, not just mbufs/clusters
 * @mbuf_cache: free mbufs cached per thread
 * @pkt_cache: free mbuf+cluster pairs cached per thread
 * @cache: 0 disables the per-thread caches
 * @stacksize: accepted, no meaning on Linux (logged)
 * @stackguard: accepted, no meaning on Linux (logged)
 * @threads_min: accepted, Linux's sockets need no connection pool (logged)
 * @threads_max: as @threads_min
 * @threads_incr: as @threads_min
 */
/* threads= and -t: at most this many worker threads per instance */
#define IOPKT_THREADS_MAX	64
/* main_prio= and -P */
#define IOPKT_PRIO_MAX		255

struct iopkt_params {
	unsigned long threads;
	unsigned long main_prio;
	unsigned long rx_prio;
	unsigned long timer_pulse_prio;
	unsigned long mclbytes;
	unsigned long pagesize;
	unsigned int bigpage_strict;
	unsigned long mbuf_cache;
	unsigned long pkt_cache;
	unsigned int cache;
	unsigned long stacksize;
	unsigned int stackguard;
	unsigned long threads_min;
	unsigned long threads_max;
	unsigned long threads_incr;
};

/* The parameters iopkt.ko was loaded with (instance 0, and the pools). */
extern struct iopkt_params iopkt_params;

void iopkt_params_defaults(struct iopkt_params *p);
int iopkt_params_parse(struct iopkt_params *p, const char *opts,
		       char *err, size_t errlen);
struct iopkt_opts_ctx;
int iopkt_params_parse_ctx(struct iopkt_params *p, const char *opts,
			   struct iopkt_opts_ctx *ctx);
int iopkt_params_validate(const struct iopkt_params *p, char *err,
			  size_t errlen);
void iopkt_params_log_ignored(const struct iopkt_params *p);

/* mbuf/mbuf_init.c */
int iopkt_mbuf_init(const struct iopkt_params *p);
void iopkt_mbuf_exit(void);

/* core/ltsleep.c */
int iopkt_ltsleep_init(void);

/* debugfs root, /sys/kernel/debug/iopkt (may be an error pointer) */
extern struct dentry *iopkt_debugfs;

#endif /* _IOPKT_CORE_H */
