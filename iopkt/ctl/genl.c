// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "iopkt" (include/uapi/iopkt/genl.h):
 * instances, module mounts and interface events.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <uapi/iopkt/genl.h>

#include <iopkt/if.h>

#include "net/net_impl.h"
#include "core/stack_impl.h"

static struct genl_family iopkt_genl_family;

static const struct nla_policy iopkt_policy[IOPKT_A_MAX + 1] = {
	[IOPKT_A_INSTANCE] = { .type = NLA_U32 },
	[IOPKT_A_VARIANT] = { .type = NLA_U32 },
	[IOPKT_A_OPTIONS] = { .type = NLA_NUL_STRING, .len = 1023 },
	[IOPKT_A_PRIO] = { .type = NLA_U32 },
	[IOPKT_A_THREADS] = { .type = NLA_U32 },
	[IOPKT_A_PREFIX] = { .type = NLA_NUL_STRING, .len = 63 },
	[IOPKT_A_KIND] = { .type = NLA_U32 },
	[IOPKT_A_NAME] = { .type = NLA_NUL_STRING, .len = 63 },
	[IOPKT_A_VERBOSE] = { .type = NLA_U32 },
};

enum { IOPKT_MCGRP_EVENTS_ID };

static const struct genl_multicast_group iopkt_mcgrps[] = {
	[IOPKT_MCGRP_EVENTS_ID] = { .name = IOPKT_GENL_MCGRP_EVENTS },
};

/* A failed request: the reason as a message, then the error. */
static int reply_err(struct genl_info *info, int err, const char *msg)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (skb) {
		hdr = genlmsg_put_reply(skb, info, &iopkt_genl_family, 0,
					info->genlhdr->cmd);
		if (hdr && !nla_put_string(skb, IOPKT_A_ERRMSG, msg)) {
			genlmsg_end(skb, hdr);
			genlmsg_reply(skb, info);
		} else {
			nlmsg_free(skb);
		}
	}
	NL_SET_ERR_MSG(info->extack, "iopkt request failed (see IOPKT_A_ERRMSG)");
	return -err;
}

static u32 attr_u32(struct genl_info *info, int a, u32 dflt)
{
	return info->attrs[a] ? nla_get_u32(info->attrs[a]) : dflt;
}

static const char *attr_str(struct genl_info *info, int a)
{
	return info->attrs[a] ? nla_data(info->attrs[a]) : NULL;
}

/* An optional count: -1 if absent; INT_MAX stands for anything larger. */
static int attr_int(struct genl_info *info, int attr)
{
	if (!info->attrs[attr])
		return -1;
	return min_t(u32, nla_get_u32(info->attrs[attr]), INT_MAX);
}

static int cmd_start(struct sk_buff *skb, struct genl_info *info)
{
	char err[192] = "";
	int ret;

	ret = iopkt_instance_start(attr_u32(info, IOPKT_A_INSTANCE, 0),
				   attr_u32(info, IOPKT_A_VARIANT,
					    IOPKT_VARIANT_V6_HC),
				   attr_str(info, IOPKT_A_OPTIONS),
				   attr_int(info, IOPKT_A_PRIO),
				   attr_int(info, IOPKT_A_THREADS),
				   attr_u32(info, IOPKT_A_VERBOSE, 0),
				   genl_info_net(info), err, sizeof(err));
	return ret ? reply_err(info, ret, err) : 0;
}

static int cmd_stop(struct sk_buff *skb, struct genl_info *info)
{
	char err[128] = "";
	int ret;

	ret = iopkt_instance_stop(attr_u32(info, IOPKT_A_INSTANCE, 0), err,
				  sizeof(err));
	return ret ? reply_err(info, ret, err) : 0;
}

static int fill_instance(struct sk_buff *skb, struct _iopkt_self *stk,
			 u32 portid, u32 seq, int flags)
{
	struct iopkt_netstate *ns = iopkt_ns(stk);
	struct iopkt_ifpriv *ip;
	void *hdr;
	u32 nifs = 0;

	hdr = genlmsg_put(skb, portid, seq, &iopkt_genl_family, flags,
			  IOPKT_CMD_GET);
	if (!hdr)
		return -EMSGSIZE;
	mutex_lock(&ns->if_lock);
	list_for_each_entry(ip, &ns->iflist, node)
		nifs++;
	mutex_unlock(&ns->if_lock);
	if (nla_put_u32(skb, IOPKT_A_INSTANCE, stk->instance) ||
	    nla_put_u32(skb, IOPKT_A_VARIANT, ns->variant) ||
	    nla_put_string(skb, IOPKT_A_PREFIX, ns->prefix) ||
	    nla_put_string(skb, IOPKT_A_OPTIONS, ns->tcpip_opts) ||
	    nla_put_u32(skb, IOPKT_A_THREADS, stk->nworkers) ||
	    nla_put_u32(skb, IOPKT_A_NIFS, nifs) ||
	    nla_put_u8(skb, IOPKT_A_STARTED, ns->started)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int cmd_get(struct sk_buff *skb, struct genl_info *info)
{
	struct _iopkt_self *stk;
	struct sk_buff *msg;
	char err[96];
	int ret;

	if (info->attrs[IOPKT_A_PREFIX]) {
		stk = iopkt_instance_by_prefix(attr_str(info, IOPKT_A_PREFIX));
		snprintf(err, sizeof(err), "no io-pkt instance with prefix %s",
			 attr_str(info, IOPKT_A_PREFIX));
	} else {
		u32 n = attr_u32(info, IOPKT_A_INSTANCE, 0);

		stk = iopkt_instance_get(n);
		snprintf(err, sizeof(err), "io-pkt instance %u is not running",
			 n);
	}
	if (!stk)
		return reply_err(info, ESRCH, err);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	ret = fill_instance(msg, stk, info->snd_portid, info->snd_seq, 0);
	if (ret) {
		nlmsg_free(msg);
		return ret;
	}
	return genlmsg_reply(msg, info);
}

struct dump_state {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	int idx;
};

static int dump_one(struct _iopkt_self *stk, void *arg)
{
	struct dump_state *d = arg;

	if (d->idx++ < d->cb->args[0])
		return 0;
	if (fill_instance(d->skb, stk, NETLINK_CB(d->cb->skb).portid,
			  d->cb->nlh->nlmsg_seq, NLM_F_MULTI))
		return 1;
	d->cb->args[0] = d->idx;
	return 0;
}

static int cmd_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct dump_state d = { .skb = skb, .cb = cb };

	iopkt_instances_for_each(dump_one, &d);
	return skb->len;
}

static int cmd_mount(struct sk_buff *skb, struct genl_info *info)
{
	u32 n = attr_u32(info, IOPKT_A_INSTANCE, 0);
	u32 kind = attr_u32(info, IOPKT_A_KIND, IOPKT_MOD_DRIVER);
	const char *name = attr_str(info, IOPKT_A_NAME);
	struct _iopkt_self *stk = iopkt_instance_get(n);
	char err[192] = "";
	int ret;

	if (!name || !*name)
		return reply_err(info, EINVAL, "mount: no module name");
	if (kind != IOPKT_MOD_DRIVER && kind != IOPKT_MOD_LSM)
		return reply_err(info, EINVAL, "mount: unknown module kind");
	if (!stk) {
		snprintf(err, sizeof(err), "io-pkt instance %u is not running",
			 n);
		return reply_err(info, ESRCH, err);
	}
	ret = iopkt_mount(stk, kind, name, attr_str(info, IOPKT_A_OPTIONS),
			  err, sizeof(err));
	return ret ? reply_err(info, ret, err) : 0;
}

static int cmd_set_opt(struct sk_buff *skb, struct genl_info *info)
{
	u32 n = attr_u32(info, IOPKT_A_INSTANCE, 0);
	struct _iopkt_self *stk = iopkt_instance_get(n);
	char err[192] = "";
	int ret;

	if (!stk) {
		snprintf(err, sizeof(err), "io-pkt instance %u is not running",
			 n);
		return reply_err(info, ESRCH, err);
	}
	ret = iopkt_tcpip_apply(stk, attr_str(info, IOPKT_A_OPTIONS), err,
				sizeof(err));
	return ret ? reply_err(info, ret, err) : 0;
}

static const struct genl_small_ops iopkt_ops[] = {
	{ .cmd = IOPKT_CMD_START, .doit = cmd_start,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = IOPKT_CMD_STOP, .doit = cmd_stop, .flags = GENL_ADMIN_PERM },
	{ .cmd = IOPKT_CMD_GET, .doit = cmd_get, .dumpit = cmd_dump },
	{ .cmd = IOPKT_CMD_MOUNT, .doit = cmd_mount,
	  .flags = GENL_ADMIN_PERM },
	{ .cmd = IOPKT_CMD_SET_OPT, .doit = cmd_set_opt,
	  .flags = GENL_ADMIN_PERM },
};

static struct genl_family iopkt_genl_family __ro_after_init = {
	.name = IOPKT_GENL_NAME,
	.version = IOPKT_GENL_VERSION,
	.maxattr = IOPKT_A_MAX,
	.policy = iopkt_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = iopkt_ops,
	.n_small_ops = ARRAY_SIZE(iopkt_ops),
	.mcgrps = iopkt_mcgrps,
	.n_mcgrps = ARRAY_SIZE(iopkt_mcgrps),
};

/*
 * Tell listeners of the instance's namespace that an interface attached,
 * detached or changed link state. Any context.
 */
void iopkt_genl_event(struct _iopkt_self *stk, int cmd, struct ifnet *ifp)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &iopkt_genl_family, 0, cmd);
	if (!hdr ||
	    nla_put_u32(skb, IOPKT_A_INSTANCE, stk->instance) ||
	    nla_put_string(skb, IOPKT_A_IFNAME, ifp->if_xname) ||
	    nla_put_u32(skb, IOPKT_A_IFINDEX, ifp->if_index) ||
	    nla_put_u32(skb, IOPKT_A_LINK_STATE, ifp->if_link_state)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&iopkt_genl_family, iopkt_ns(stk)->net, skb,
				0, IOPKT_MCGRP_EVENTS_ID, GFP_ATOMIC);
}

int iopkt_genl_init(void)
{
	return genl_register_family(&iopkt_genl_family);
}

void iopkt_genl_exit(void)
{
	genl_unregister_family(&iopkt_genl_family);
}
