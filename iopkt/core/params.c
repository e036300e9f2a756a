// SPDX-License-Identifier: GPL-2.0
/*
 * The io-pkt options of the core layer: defaults, validation, parsing of
 * "-p tcpip" style option strings, and the module parameters of iopkt.ko.
 * Documentation/options.md lists every io-pkt option and where it went.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

#include <iopkt/options.h>

#include "core/core.h"

#define P(f) offsetof(struct iopkt_params, f)

#define IOPKT_PARAMS_DEFAULTS {			\
	.threads = 0,				\
	.main_prio = 21,			\
	.rx_prio = 21,				\
	.timer_pulse_prio = 21,			\
	.mclbytes = 2048,			\
	.pagesize = PAGE_SIZE,			\
	.mbuf_cache = 32,			\
	.pkt_cache = 32,			\
	.cache = 1,				\
	.threads_min = 15,			\
	.threads_max = 200,			\
	.threads_incr = 25,			\
}

static int check_mclbytes(unsigned long v, char *why, size_t len)
{
	if (!is_power_of_2(v)) {
		snprintf(why, len,
			 "must be a power of two (2048 holds a 1500-byte Ethernet frame)");
		return -EINVAL;
	}
	return 0;
}

static int check_pagesize(unsigned long v, char *why, size_t len)
{
	if (!is_power_of_2(v)) {
		snprintf(why, len, "must be a power of two");
		return -EINVAL;
	}
	if (v < PAGE_SIZE) {
		snprintf(why, len, "must be at least the system page size %lu",
			 PAGE_SIZE);
		return -EINVAL;
	}
	return 0;
}

static const struct iopkt_opt iopkt_param_table[] = {
	{ .name = "threads", .type = IOPKT_OPT_UINT, .offset = P(threads),
	  .min = 0, .max = IOPKT_THREADS_MAX },
	{ .name = "main_prio", .type = IOPKT_OPT_UINT, .offset = P(main_prio),
	  .min = 1, .max = IOPKT_PRIO_MAX },
	{ .name = "rx_prio", .type = IOPKT_OPT_UINT, .offset = P(rx_prio),
	  .min = 1, .max = 255 },
	{ .name = "rx_pulse_prio", .type = IOPKT_OPT_UINT, .offset = P(rx_prio),
	  .min = 1, .max = 255 },
	{ .name = "timer_pulse_prio", .type = IOPKT_OPT_UINT,
	  .offset = P(timer_pulse_prio), .min = 1, .max = 255 },
	{ .name = "mclbytes", .type = IOPKT_OPT_UINT, .offset = P(mclbytes),
	  .min = 2048, .max = 65536, .check = check_mclbytes },
	{ .name = "pagesize", .type = IOPKT_OPT_UINT, .offset = P(pagesize),
	  .min = 4096, .max = 1UL << 20, .check = check_pagesize },
	{ .name = "bigpage_strict", .type = IOPKT_OPT_FLAG,
	  .offset = P(bigpage_strict) },
	{ .name = "mbuf_cache", .type = IOPKT_OPT_UINT, .offset = P(mbuf_cache),
	  .min = 0, .max = 4096 },
	{ .name = "pkt_cache", .type = IOPKT_OPT_UINT, .offset = P(pkt_cache),
	  .min = 0, .max = 4096 },
	{ .name = "cache", .type = IOPKT_OPT_BOOL, .offset = P(cache) },
	{ .name = "stacksize", .type = IOPKT_OPT_UINT, .offset = P(stacksize),
	  .min = 0, .max = ULONG_MAX },
	{ .name = "stackguard", .type = IOPKT_OPT_FLAG, .offset = P(stackguard) },
	{ .name = "threads_min", .type = IOPKT_OPT_UINT,
	  .offset = P(threads_min), .min = 4, .max = ULONG_MAX },
	{ .name = "threads_max", .type = IOPKT_OPT_UINT,
	  .offset = P(threads_max), .min = 1, .max = ULONG_MAX },
	{ .name = "threads_incr", .type = IOPKT_OPT_UINT,
	  .offset = P(threads_incr), .min = 1, .max = ULONG_MAX },
};

/**
 * iopkt_params_defaults() - io-pkt's defaults
 * @p: filled in
 */
void iopkt_params_defaults(struct iopkt_params *p)
{
	*p = (struct iopkt_params)IOPKT_PARAMS_DEFAULTS;
}
EXPORT_SYMBOL_NS_GPL(iopkt_params_defaults, IOPKT);

/**
 * iopkt_params_validate() - check every numeric option against the table
 * @p: the parameters
 * @err: the first problem, naming the option
 * @errlen: size of @err
 *
 * Return: 0 or a negative errno.
 */
int iopkt_params_validate(const struct iopkt_params *p, char *err,
			  size_t errlen)
{
	char why[96];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(iopkt_param_table); i++) {
		const struct iopkt_opt *o = &iopkt_param_table[i];
		unsigned long v;

		if (o->type != IOPKT_OPT_UINT)
			continue;
		v = *(const unsigned long *)((const void *)p + o->offset);
		if (v < o->min || v > o->max) {
			snprintf(err, errlen, "%s=%lu: out of range [%lu, %lu]",
				 o->name, v, o->min, o->max);
			return -ERANGE;
		}
		if (o->check && o->check(v, why, sizeof(why))) {
			snprintf(err, errlen, "%s=%lu: %s", o->name, v, why);
			return -EINVAL;
		}
	}
	if (p->threads_min > p->threads_max) {
		snprintf(err, errlen, "threads_min=%lu: above threads_max=%lu",
			 p->threads_min, p->threads_max);
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(iopkt_params_validate, IOPKT);

/**
 * iopkt_params_parse_ctx() - parse with a caller's context (unknown keys go
 * to ctx->unknown: the tcpip options that are not thread/pool options)
 * @p: parameters, updated
 * @opts: the option string (may be NULL)
 * @ctx: the context; ctx->err names the bad option on failure
 *
 * Return: 0 or a negative errno. Does not validate @p as a whole.
 */
int iopkt_params_parse_ctx(struct iopkt_params *p, const char *opts,
			   struct iopkt_opts_ctx *ctx)
{
	return iopkt_opts_parse(iopkt_param_table,
				ARRAY_SIZE(iopkt_param_table), opts, p, ctx);
}

/**
 * iopkt_params_parse() - apply an io-pkt option string to @p
 * @p: parameters, already holding defaults
 * @opts: "threads=2,mclbytes=4096,..." (may be NULL)
 * @err: the first problem, naming the option
 * @errlen: size of @err
 *
 * Return: 0 or a negative errno; @p is validated as a whole on success.
 */
int iopkt_params_parse(struct iopkt_params *p, const char *opts,
		       char *err, size_t errlen)
{
	struct iopkt_opts_ctx ctx = {};
	int ret;

	ret = iopkt_opts_parse(iopkt_param_table,
			       ARRAY_SIZE(iopkt_param_table), opts, p, &ctx);
	if (ret) {
		strscpy(err, ctx.err, errlen);
		return ret;
	}
	return iopkt_params_validate(p, err, errlen);
}
EXPORT_SYMBOL_NS_GPL(iopkt_params_parse, IOPKT);

/**
 * iopkt_params_log_ignored() - say which options have no effect on Linux
 * @p: the parameters in force
 */
void iopkt_params_log_ignored(const struct iopkt_params *p)
{
	if (p->stacksize)
		pr_notice("stacksize=%lu: accepted, no effect: Linux kernel threads have fixed-size stacks\n",
			  p->stacksize);
	if (p->stackguard)
		pr_notice("stackguard: accepted, no effect: Linux kernel stacks already have guard pages (CONFIG_VMAP_STACK)\n");
	if (p->threads_min != 15 || p->threads_max != 200 ||
	    p->threads_incr != 25)
		pr_notice("threads_min/threads_max/threads_incr: accepted, no effect: Linux sockets need no pool of functional connections\n");
}

struct iopkt_params iopkt_params = IOPKT_PARAMS_DEFAULTS;

/*
 * Module parameters of iopkt.ko: the same options, for the instance made at
 * load and for the mbuf pools. Validated in iopkt_init().
 */
module_param_named(threads, iopkt_params.threads, ulong, 0444);
MODULE_PARM_DESC(threads, "worker threads, 0 = one per online CPU (io-pkt -t)");
module_param_named(main_prio, iopkt_params.main_prio, ulong, 0444);
MODULE_PARM_DESC(main_prio, "priority of the main thread (io-pkt -P), 1-255");
module_param_named(rx_prio, iopkt_params.rx_prio, ulong, 0444);
MODULE_PARM_DESC(rx_prio, "priority of event threads, 1-255 (default 21)");
module_param_named(timer_pulse_prio, iopkt_params.timer_pulse_prio, ulong, 0444);
MODULE_PARM_DESC(timer_pulse_prio, "priority callouts run at, 1-255");
module_param_named(mclbytes, iopkt_params.mclbytes, ulong, 0444);
MODULE_PARM_DESC(mclbytes, "mbuf cluster size, power of two, 2048-65536");
module_param_named(pagesize, iopkt_params.pagesize, ulong, 0444);
MODULE_PARM_DESC(pagesize, "pool allocation quantum, power of two >= PAGE_SIZE");
module_param_named(bigpage_strict, iopkt_params.bigpage_strict, uint, 0444);
MODULE_PARM_DESC(bigpage_strict, "use pagesize for all pools");
module_param_named(mbuf_cache, iopkt_params.mbuf_cache, ulong, 0444);
MODULE_PARM_DESC(mbuf_cache, "free mbufs cached per thread");
module_param_named(pkt_cache, iopkt_params.pkt_cache, ulong, 0444);
MODULE_PARM_DESC(pkt_cache, "free mbuf+cluster pairs cached per thread");
module_param_named(cache, iopkt_params.cache, uint, 0444);
MODULE_PARM_DESC(cache, "0 disables the per-thread packet caches");
module_param_named(stacksize, iopkt_params.stacksize, ulong, 0444);
MODULE_PARM_DESC(stacksize, "accepted for io-pkt compatibility, no effect");
module_param_named(stackguard, iopkt_params.stackguard, uint, 0444);
MODULE_PARM_DESC(stackguard, "accepted for io-pkt compatibility, no effect");
module_param_named(threads_min, iopkt_params.threads_min, ulong, 0444);
MODULE_PARM_DESC(threads_min, "accepted for io-pkt compatibility, no effect");
module_param_named(threads_max, iopkt_params.threads_max, ulong, 0444);
MODULE_PARM_DESC(threads_max, "accepted for io-pkt compatibility, no effect");
module_param_named(threads_incr, iopkt_params.threads_incr, ulong, 0444);
MODULE_PARM_DESC(threads_incr, "accepted for io-pkt compatibility, no effect");
