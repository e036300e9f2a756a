// SPDX-License-Identifier: GPL-2.0
/*
 * Stack instances as users see them: io-pkt-v6-hc -i N -p tcpip ...
 *
 * Instance 0 exists from the moment iopkt.ko loads (threads and pools from
 * the module parameters), unclaimed; the first launcher for -i 0 claims
 * it. Other instances are made by IOPKT_CMD_START. Each has a control
 * device /dev/iopktN and lives in the network namespace of whoever started
 * it (prefix=/alt names it for SOCK=/alt).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <uapi/iopkt/genl.h>

#include <iopkt/options.h>

#include "core/core.h"
#include "net/net_impl.h"
#include "core/stack_impl.h"

#define IOPKT_MAX_INSTANCES 16

static DEFINE_MUTEX(inst_lock);
static struct _iopkt_self *instances[IOPKT_MAX_INSTANCES];

/**
 * iopkt_instance_get() - a running instance by number (inst_lock inside)
 * @instance: its number
 *
 * Return: the instance or NULL. Valid until it is stopped: callers hold
 * the control device open or run under genl_lock (which stop needs too).
 */
struct _iopkt_self *iopkt_instance_get(int instance)
{
	struct _iopkt_self *stk = NULL;

	if (instance < 0 || instance >= IOPKT_MAX_INSTANCES)
		return NULL;
	mutex_lock(&inst_lock);
	stk = instances[instance];
	mutex_unlock(&inst_lock);
	return stk;
}

/**
 * iopkt_instance_by_prefix() - the instance started with prefix=@prefix
 * @prefix: "/alt"; "" or NULL selects instance 0
 *
 * Return: the instance or NULL.
 */
struct _iopkt_self *iopkt_instance_by_prefix(const char *prefix)
{
	struct _iopkt_self *stk = NULL;
	int i;

	if (!prefix || !*prefix)
		return iopkt_instance_get(0);
	mutex_lock(&inst_lock);
	for (i = 0; i < IOPKT_MAX_INSTANCES; i++)
		if (instances[i] && !strcmp(iopkt_ns(instances[i])->prefix,
					    prefix))
			stk = instances[i];
	mutex_unlock(&inst_lock);
	return stk;
}

int iopkt_instances_for_each(iopkt_instance_fn fn, void *arg)
{
	int i, err = 0;

	mutex_lock(&inst_lock);
	for (i = 0; i < IOPKT_MAX_INSTANCES && !err; i++)
		if (instances[i])
			err = fn(instances[i], arg);
	mutex_unlock(&inst_lock);
	return err;
}

/* The io-pkt tcpip options that are not about threads and pools. */
struct tcpip_opts {
	struct _iopkt_self *stk;	/* NULL: only check */
	int variant;
	unsigned long somaxconn;
	bool enmap_off;
	int fastforward;		/* -1 not given */
	bool forward, forward6;
	char prefix[64];
};

static int tcpip_unknown(struct iopkt_opts_ctx *ctx, const char *key,
			 const char *val)
{
	struct tcpip_opts *o = ctx->priv;
	unsigned long v;

	if (!strcmp(key, "forward")) {
		o->forward = true;
	} else if (!strcmp(key, "forward6")) {
		if (o->variant == IOPKT_VARIANT_V4) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "forward6: io-pkt-v4 has no IPv6");
			return -EINVAL;
		}
		o->forward6 = true;
	} else if (!strcmp(key, "fastforward")) {
		if (!val || kstrtoul(val, 0, &v) || v > 1) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "fastforward=%s: must be 0 or 1",
				 val ? val : "");
			return -EINVAL;
		}
		if (v) {
			/* no ipflow module yet: say so instead of ignoring it */
			snprintf(ctx->err, sizeof(ctx->err),
				 "fastforward: not implemented yet (forwarded packets go through Linux; use fastforward=0 or leave it out)");
			return -EOPNOTSUPP;
		}
		o->fastforward = v;
	} else if (!strcmp(key, "somaxconn")) {
		if (!val || kstrtoul(val, 0, &v) || v < 128 || v > 65535) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "somaxconn=%s: out of range [128, 65535]",
				 val ? val : "");
			return -ERANGE;
		}
		o->somaxconn = v;
	} else if (!strcmp(key, "prefix")) {
		if (!val || val[0] != '/' || strlen(val) >= sizeof(o->prefix)) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "prefix=%s: must be an absolute path shorter than %zu",
				 val ? val : "", sizeof(o->prefix));
			return -EINVAL;
		}
		strscpy(o->prefix, val, sizeof(o->prefix));
	} else if (!strcmp(key, "enmap")) {
		o->enmap_off = true;
	} else if (!strcmp(key, "recv_ctxt")) {
		if (!val || kstrtoul(val, 0, &v) || v < 2048) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "recv_ctxt=%s: must be at least 2048",
				 val ? val : "");
			return -ERANGE;
		}
		if (o->stk)
			pr_notice("recv_ctxt=%lu: accepted, no effect: Linux sockets copy directly\n",
				  v);
	} else if (!strcmp(key, "ipsec") || !strcmp(key, "pfil_ipsec")) {
		if (o->variant == IOPKT_VARIANT_V4) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s: io-pkt-v4 has no IPsec", key);
			return -EINVAL;
		}
		if (o->stk)
			pr_notice("%s: accepted: IPsec is Linux's xfrm (configure it with ip xfrm)\n",
				  key);
	} else if (!strcmp(key, "confstr_monitor") || !strcmp(key, "random") ||
		   !strcmp(key, "reuseport_unicast") ||
		   !strcmp(key, "mfib_gid_map") ||
		   !strcmp(key, "pkt_typed_mem")) {
		if (o->stk)
			pr_notice("%s: accepted, no effect on Linux (see Documentation/options.md)\n",
				  key);
	} else {
		snprintf(ctx->err, sizeof(ctx->err), "%s: unknown tcpip option",
			 key);
		return -EINVAL;
	}
	return 0;
}

static int tcpip_parse(const char *opts, struct iopkt_params *p,
		       struct tcpip_opts *o, char *err, size_t errlen)
{
	struct iopkt_opts_ctx ctx = { .unknown = tcpip_unknown, .priv = o };
	int ret;

	o->fastforward = -1;
	ret = iopkt_params_parse_ctx(p, opts, &ctx);
	if (ret) {
		strscpy(err, ctx.err, errlen);
		return -ret;
	}
	ret = iopkt_params_validate(p, err, errlen);
	return -ret;
}

/*
 * Apply what Linux can take of the tcpip options. forward and forward6
 * are Linux sysctls of the namespace; the launcher writes them (the
 * kernel has no exported way to flip every device's forwarding).
 */
static void tcpip_apply(struct _iopkt_self *stk, struct tcpip_opts *o)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);

	if (o->somaxconn)
		WRITE_ONCE(ns->net->core.sysctl_somaxconn, o->somaxconn);
	if (o->prefix[0])
		strscpy(ns->prefix, o->prefix, sizeof(ns->prefix));
	ns->enmap_off = o->enmap_off;
	/*
	 * io-pkt turns fastforward on with forward; there is no fast path
	 * yet (fastforward=1 is refused), so it stays off: say so once.
	 */
	ns->fastforward = 0;
	if (o->forward && o->fastforward < 0)
		pr_notice("forward: fastforward is not implemented yet: forwarded packets go through Linux\n");
}

/**
 * iopkt_tcpip_apply() - -p tcpip options on a running instance (SET_OPT)
 * @stk: the instance
 * @opts: the option string
 * @err: the reason, on failure
 * @errlen: its size
 *
 * Thread and pool options cannot change on a running instance. Internal;
 * exported for iopkt's own KUnit modules.
 *
 * Return: 0 or a positive errno.
 */
int iopkt_tcpip_apply(struct _iopkt_self *stk, const char *opts, char *err,
		      size_t errlen)
{
	struct tcpip_opts o = { .variant = iopkt_ns(stk)->variant };
	struct iopkt_params p = stk->params;
	int ret;

	ret = tcpip_parse(opts, &p, &o, err, errlen);
	if (ret)
		return ret;
	if (memcmp(&p, &stk->params, sizeof(p))) {
		snprintf(err, errlen,
			 "thread and pool options cannot change on a running instance");
		return EBUSY;
	}
	if (o.prefix[0] && strcmp(o.prefix, iopkt_ns(stk)->prefix)) {
		snprintf(err, errlen, "prefix= is fixed when the instance starts");
		return EBUSY;
	}
	o.stk = stk;
	tcpip_parse(opts, &p, &o, err, errlen);
	tcpip_apply(stk, &o);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(iopkt_tcpip_apply, IOPKT);

static bool pools_differ(const struct iopkt_params *a,
			 const struct iopkt_params *b)
{
	return a->mclbytes != b->mclbytes || a->pagesize != b->pagesize ||
	       a->bigpage_strict != b->bigpage_strict;
}

static void ns_set_net(struct iopkt_netstate *ns, struct net *net)
{
	struct net *old = ns->net;

	ns->net = get_net(net);
	put_net(old);
}

/**
 * iopkt_instance_start() - IOPKT_CMD_START: what a launcher does
 * @instance: -i N
 * @variant: enum iopkt_variant
 * @options: the -p tcpip option string (may be NULL)
 * @prio: -P, or -1
 * @threads: -t, or -1
 * @verbose: -v count
 * @net: the caller's network namespace: the instance's
 * @err: the reason, on failure
 * @errlen: its size
 *
 * Return: 0 or a positive errno (EEXIST: it runs already).
 */
int iopkt_instance_start(int instance, int variant, const char *options,
			 int prio, int threads, unsigned int verbose,
			 struct net *net, char *err, size_t errlen)
{
	struct tcpip_opts o = { .variant = variant };
	struct iopkt_params p = iopkt_params;
	struct _iopkt_self *stk;
	struct iopkt_netstate *ns;
	int ret;

	if (instance < 0 || instance >= IOPKT_MAX_INSTANCES) {
		snprintf(err, errlen, "-i %d: instances are 0 to %d", instance,
			 IOPKT_MAX_INSTANCES - 1);
		return EINVAL;
	}
	if (variant < IOPKT_VARIANT_V4 || variant > IOPKT_VARIANT_V6_HC) {
		snprintf(err, errlen, "unknown variant %d", variant);
		return EINVAL;
	}
	if (threads < -1 || threads > IOPKT_THREADS_MAX) {
		snprintf(err, errlen, "-t %d: 0 to %d threads", threads,
			 IOPKT_THREADS_MAX);
		return EINVAL;
	}
	if (prio < -1 || prio > IOPKT_PRIO_MAX) {
		snprintf(err, errlen, "-P %d: priorities are 1 to %d", prio,
			 IOPKT_PRIO_MAX);
		return EINVAL;
	}
	ret = tcpip_parse(options, &p, &o, err, errlen);
	if (ret)
		return ret;
	if (threads >= 0)
		p.threads = threads;
	if (prio > 0)
		p.main_prio = prio;
	if (pools_differ(&p, &iopkt_params)) {
		snprintf(err, errlen,
			 "mclbytes/pagesize/bigpage_strict are set when iopkt.ko loads (now mclbytes=%lu pagesize=%lu): reload it with the new values",
			 iopkt_params.mclbytes, iopkt_params.pagesize);
		return EINVAL;
	}
	if (o.prefix[0] && iopkt_instance_by_prefix(o.prefix)) {
		snprintf(err, errlen, "prefix=%s: another instance uses it",
			 o.prefix);
		return EEXIST;
	}

	mutex_lock(&inst_lock);
	stk = instances[instance];
	if (stk && iopkt_ns(stk)->started) {
		mutex_unlock(&inst_lock);
		snprintf(err, errlen, "io-pkt instance %d is already running",
			 instance);
		return EEXIST;
	}
	if (stk) {
		/* instance 0, made at load and not claimed yet */
		ns = iopkt_ns(stk);
		if (p.threads != stk->params.threads ||
		    p.main_prio != stk->params.main_prio) {
			mutex_unlock(&inst_lock);
			snprintf(err, errlen,
				 "instance 0 runs with threads=%lu main_prio=%lu from iopkt.ko's parameters: unload iopkt.ko to change -t/-P",
				 stk->params.threads, stk->params.main_prio);
			return EBUSY;
		}
		if (!list_empty(&ns->iflist) && !net_eq(ns->net, net)) {
			mutex_unlock(&inst_lock);
			snprintf(err, errlen,
				 "instance 0 has interfaces in another network namespace");
			return EBUSY;
		}
	} else {
		stk = iopkt_stack_create(instance, &p);
		if (IS_ERR(stk)) {
			mutex_unlock(&inst_lock);
			snprintf(err, errlen, "cannot start instance %d: error %ld",
				 instance, PTR_ERR(stk));
			return -PTR_ERR(stk);
		}
		ret = iopkt_ctl_create(stk);
		if (ret) {
			mutex_unlock(&inst_lock);
			iopkt_stack_destroy(stk);
			snprintf(err, errlen, "cannot create /dev/iopkt%d: error %d",
				 instance, ret);
			return -ret;
		}
		instances[instance] = stk;
		ns = iopkt_ns(stk);
	}
	ns_set_net(ns, net);
	ns->variant = variant;
	ns->verbose = verbose;
	o.stk = stk;
	tcpip_apply(stk, &o);
	strscpy(ns->tcpip_opts, options ? options : "", sizeof(ns->tcpip_opts));
	ns->started = true;
	mutex_unlock(&inst_lock);
	iopkt_params_log_ignored(&p);
	pr_info("io-pkt instance %d started (%s)%s%s\n", instance,
		variant == IOPKT_VARIANT_V4 ? "io-pkt-v4" :
		variant == IOPKT_VARIANT_V4_HC ? "io-pkt-v4-hc" : "io-pkt-v6-hc",
		ns->prefix[0] ? " prefix=" : "", ns->prefix);
	return 0;
}

static int shutdown_in_stack(void *arg)
{
	iopkt_devices_shutdown(arg);
	return 0;
}

/* Detach everything of an instance (process context, no locks held). */
static void instance_teardown(struct _iopkt_self *stk)
{
	rtnl_lock();
	iopkt_stack_call(stk, shutdown_in_stack, stk);
	rtnl_unlock();
	flush_workqueue(iopkt_wq);
}

/**
 * iopkt_instance_stop() - IOPKT_CMD_STOP
 * @instance: the number
 * @err: the reason, on failure
 * @errlen: its size
 *
 * Instance 0 loses its interfaces and becomes unclaimed; others go.
 *
 * Return: 0 or a positive errno.
 */
int iopkt_instance_stop(int instance, char *err, size_t errlen)
{
	struct _iopkt_self *stk = iopkt_instance_get(instance);
	struct iopkt_netstate *ns;

	if (!stk) {
		snprintf(err, errlen, "io-pkt instance %d is not running",
			 instance);
		return ESRCH;
	}
	instance_teardown(stk);
	ns = iopkt_ns(stk);
	if (instance == 0) {
		mutex_lock(&inst_lock);
		ns->started = false;
		ns->prefix[0] = '\0';
		ns_set_net(ns, &init_net);
		mutex_unlock(&inst_lock);
		return 0;
	}
	mutex_lock(&inst_lock);
	instances[instance] = NULL;
	mutex_unlock(&inst_lock);
	iopkt_ctl_destroy(stk);
	iopkt_stack_destroy(stk);
	pr_info("io-pkt instance %d stopped\n", instance);
	return 0;
}

int iopkt_instances_init(void)
{
	int ret;

	ret = iopkt_ctl_create(iopkt_selfp);
	if (ret)
		return ret;
	instances[0] = iopkt_selfp;
	return 0;
}

void iopkt_instances_exit(void)
{
	char err[64];
	int i;

	for (i = IOPKT_MAX_INSTANCES - 1; i > 0; i--)
		if (instances[i])
			iopkt_instance_stop(i, err, sizeof(err));
	instance_teardown(iopkt_selfp);
	iopkt_ctl_destroy(iopkt_selfp);
	instances[0] = NULL;
}
