// SPDX-License-Identifier: GPL-2.0
/*
 * lsm-pfil: the User's Guide's pfil example as an iopkt protocol module.
 *
 *	io-pkt-v6-hc -d sam -p pfil		(or: mount -T io-pkt lsm-pfil.so)
 *
 * Like the guide's module it counts the bytes of the IPv4 packets the
 * instance's interfaces receive and send (PFIL_TYPE_AF, AF_INET, PFIL_IN
 * and PFIL_OUT hooks), reports interface attach and detach (PFIL_IFNET) and
 * address changes (PFIL_IFADDR), and takes all its hooks out at the first
 * detach ("ifconfig IF destroy"), from inside the detach hook. Additions,
 * so that tests can see what it does:
 *
 *	drop=PROTO	stop (return nonzero for) IPv4 packets of IP protocol
 *			PROTO in both directions; 0, the default, drops none
 *	keep		do not take the hooks out at a detach
 *
 * and /sys/kernel/debug/lsm-pfil/iopktN with the counters of instance N.
 * The hooks run in atomic context: they count with atomics and do not
 * sleep. Documentation/modules.md walks through it.
 */
/* io-pkt API: the entry returns io-pkt's EOK or a positive errno. (lint: bsd-errno) */
#define pr_fmt(fmt) "lsm-pfil: " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/socket.h>

#include <iopkt/device.h>
#include <iopkt/if.h>
#include <iopkt/mbuf.h>
#include <iopkt/options.h>
#include <iopkt/pfil.h>
#include <iopkt/stack.h>

/* Offset of the protocol field in an IPv4 header. */
#define IPV4_PROTO_OFF	9

/**
 * struct pfil_sample - the module's state in one instance
 * @node: on pfil_samples
 * @stk: the instance
 * @inet: its AF_INET head
 * @ifnet: its interface head
 * @drop: drop=
 * @keep: keep
 * @hooked: the hooks are in (changed in the stack context only)
 * @in_bytes: bytes of IPv4 packets received
 * @out_bytes: bytes of IPv4 packets sent
 * @in_packets: IPv4 packets received
 * @out_packets: IPv4 packets sent
 * @dropped: packets stopped because of drop=
 * @attached: PFIL_IFNET_ATTACH events
 * @detached: PFIL_IFNET_DETACH events
 * @ifaddr: PFIL_IFADDR events
 * @dentry: the debugfs file
 */
struct pfil_sample {
	struct list_head node;
	struct _iopkt_self *stk;
	struct pfil_head *inet;
	struct pfil_head *ifnet;
	unsigned long drop;
	unsigned int keep;
	bool hooked;
	atomic64_t in_bytes;
	atomic64_t out_bytes;
	atomic64_t in_packets;
	atomic64_t out_packets;
	atomic64_t dropped;
	atomic64_t attached;
	atomic64_t detached;
	atomic64_t ifaddr;
	struct dentry *dentry;
};

/* Our state in every instance we are mounted into; pfil_lock guards it. */
static LIST_HEAD(pfil_samples);
static DEFINE_MUTEX(pfil_lock);
static struct dentry *pfil_debugfs;

/* The IPv4 protocol of the packet, -1 if it is too short to tell. */
static int pfil_ip_proto(struct mbuf *m)
{
	u8 proto;

	if (m_copydata(m, IPV4_PROTO_OFF, 1, &proto))
		return -1;
	return proto;
}

static int pfil_count(struct pfil_sample *ps, struct mbuf *m,
		      atomic64_t *bytes, atomic64_t *packets)
{
	atomic64_add(m->m_pkthdr.len, bytes);
	atomic64_inc(packets);
	if (ps->drop && pfil_ip_proto(m) == (int)ps->drop) {
		atomic64_inc(&ps->dropped);
		return 1;	/* nonzero: the stack stops here, frees m */
	}
	return 0;
}

static int input_hook(void *arg, struct mbuf **mp, struct ifnet *ifp,
		      int dir)
{
	struct pfil_sample *ps = arg;

	return pfil_count(ps, *mp, &ps->in_bytes, &ps->in_packets);
}

static int output_hook(void *arg, struct mbuf **mp, struct ifnet *ifp,
		       int dir)
{
	struct pfil_sample *ps = arg;

	return pfil_count(ps, *mp, &ps->out_bytes, &ps->out_packets);
}

static void pfil_unhook(struct pfil_sample *ps);

/* PFIL_IFNET: mp carries PFIL_IFNET_ATTACH or PFIL_IFNET_DETACH. */
static int iface_hook(void *arg, struct mbuf **mp, struct ifnet *ifp,
		      int dir)
{
	struct pfil_sample *ps = arg;
	unsigned long what = (unsigned long)mp;
	bool attach = what == PFIL_IFNET_ATTACH;

	atomic64_inc(attach ? &ps->attached : &ps->detached);
	pr_info("%s %s: %lld bytes in, %lld bytes out\n", ifp->if_xname,
		attach ? "attached" : "detached",
		(long long)atomic64_read(&ps->in_bytes),
		(long long)atomic64_read(&ps->out_bytes));
	if (!attach && !ps->keep)
		pfil_unhook(ps);	/* as the guide's example does */
	return 0;
}

/* PFIL_IFADDR: mp carries the request (SIOCAIFADDR, SIOCDIFADDR). */
static int ifacecfg_hook(void *arg, struct mbuf **mp, struct ifnet *ifp,
			 int dir)
{
	struct pfil_sample *ps = arg;

	atomic64_inc(&ps->ifaddr);
	pr_info("%s: address change 0x%08lx\n", ifp->if_xname,
		(unsigned long)mp);
	return 0;
}

/* Take our hooks out. Stack context. */
static void pfil_unhook(struct pfil_sample *ps)
{
	if (!ps->hooked)
		return;
	pfil_remove_hook(input_hook, ps, PFIL_IN | PFIL_WAITOK, ps->inet);
	pfil_remove_hook(output_hook, ps, PFIL_OUT | PFIL_WAITOK, ps->inet);
	pfil_remove_hook(iface_hook, ps, PFIL_IFNET, ps->ifnet);
	pfil_remove_hook(ifacecfg_hook, ps, PFIL_IFADDR, ps->ifnet);
	ps->hooked = false;
	pr_info("hooks removed\n");
}

/* Put our hooks in; on failure none stays. Stack context. */
static int pfil_hook(struct pfil_sample *ps)
{
	int err;

	err = pfil_add_hook(input_hook, ps, PFIL_IN | PFIL_WAITOK, ps->inet);
	if (err)
		return err;
	err = pfil_add_hook(output_hook, ps, PFIL_OUT | PFIL_WAITOK,
			    ps->inet);
	if (err)
		goto out_in;
	err = pfil_add_hook(iface_hook, ps, PFIL_IFNET, ps->ifnet);
	if (err)
		goto out_out;
	err = pfil_add_hook(ifacecfg_hook, ps, PFIL_IFADDR, ps->ifnet);
	if (err)
		goto out_iface;
	ps->hooked = true;
	return EOK;

out_iface:
	pfil_remove_hook(iface_hook, ps, PFIL_IFNET, ps->ifnet);
out_out:
	pfil_remove_hook(output_hook, ps, PFIL_OUT | PFIL_WAITOK, ps->inet);
out_in:
	pfil_remove_hook(input_hook, ps, PFIL_IN | PFIL_WAITOK, ps->inet);
	return err;
}

static int pfil_show(struct seq_file *s, void *unused)
{
	struct pfil_sample *ps = s->private;

	seq_printf(s, "hooked %d\n", ps->hooked);
	seq_printf(s, "drop %lu\n", ps->drop);
	seq_printf(s, "in_bytes %lld\n", (long long)atomic64_read(&ps->in_bytes));
	seq_printf(s, "out_bytes %lld\n",
		   (long long)atomic64_read(&ps->out_bytes));
	seq_printf(s, "in_packets %lld\n",
		   (long long)atomic64_read(&ps->in_packets));
	seq_printf(s, "out_packets %lld\n",
		   (long long)atomic64_read(&ps->out_packets));
	seq_printf(s, "dropped %lld\n", (long long)atomic64_read(&ps->dropped));
	seq_printf(s, "attached %lld\n",
		   (long long)atomic64_read(&ps->attached));
	seq_printf(s, "detached %lld\n",
		   (long long)atomic64_read(&ps->detached));
	seq_printf(s, "ifaddr %lld\n", (long long)atomic64_read(&ps->ifaddr));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pfil);

static const struct iopkt_opt pfil_opts[] = {
	{ .name = "drop", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct pfil_sample, drop), .min = 0, .max = 255 },
	{ .name = "keep", .type = IOPKT_OPT_FLAG,
	  .offset = offsetof(struct pfil_sample, keep) },
};

static int pfil_entry(void *dll_hdl, struct _iopkt_self *iopkt,
		      char *options)
{
	struct iopkt_opts_ctx ctx = { };
	struct pfil_sample *ps;
	char name[16];
	int err;

	mutex_lock(&pfil_lock);
	list_for_each_entry(ps, &pfil_samples, node) {
		if (ps->stk == iopkt) {
			mutex_unlock(&pfil_lock);
			iopkt_mount_error("lsm-pfil: already mounted in this instance");
			return EEXIST;
		}
	}
	mutex_unlock(&pfil_lock);

	ps = kzalloc(sizeof(*ps), GFP_KERNEL);
	if (!ps)
		return ENOMEM;
	if (iopkt_opts_parse(pfil_opts, ARRAY_SIZE(pfil_opts), options, ps,
			     &ctx)) {
		iopkt_mount_error("lsm-pfil: %s", ctx.err);
		kfree(ps);
		return EINVAL;
	}
	ps->stk = iopkt;
	ps->inet = pfil_head_get(PFIL_TYPE_AF, AF_INET);
	ps->ifnet = pfil_head_get(PFIL_TYPE_IFNET, 0);
	if (!ps->inet || !ps->ifnet) {
		kfree(ps);
		return ESRCH;
	}
	err = pfil_hook(ps);
	if (err) {
		iopkt_mount_error("lsm-pfil: cannot add hooks: error %d", err);
		kfree(ps);
		return err;
	}
	snprintf(name, sizeof(name), "iopkt%d", iopkt_stack_instance(iopkt));
	ps->dentry = debugfs_create_file(name, 0444, pfil_debugfs, ps,
					 &pfil_fops);
	mutex_lock(&pfil_lock);
	list_add_tail(&ps->node, &pfil_samples);
	mutex_unlock(&pfil_lock);
	pr_info("loaded into instance %d%s\n", iopkt_stack_instance(iopkt),
		ps->drop ? ", dropping some packets" : "");
	return EOK;
}

/* The module unloads or the instance stops: out with our hooks. */
static void pfil_fini(struct _iopkt_self *iopkt)
{
	struct pfil_sample *ps, *found = NULL;

	mutex_lock(&pfil_lock);
	list_for_each_entry(ps, &pfil_samples, node) {
		if (ps->stk == iopkt) {
			found = ps;
			list_del(&ps->node);
			break;
		}
	}
	mutex_unlock(&pfil_lock);
	if (!found)
		return;
	debugfs_remove(found->dentry);
	pfil_unhook(found);
	kfree(found);
}

static struct _iopkt_lsm_entry IOPKT_LSM_ENTRY_SYM(pfil) =
	IOPKT_LSM_ENTRY_SYM_INIT2(pfil_entry, pfil_fini);

static int __init pfil_sample_init(void)
{
	int err;

	pfil_debugfs = debugfs_create_dir("lsm-pfil", NULL);
	err = iopkt_lsm_register(&IOPKT_LSM_ENTRY_SYM(pfil), "pfil",
				 THIS_MODULE);
	if (err)
		debugfs_remove(pfil_debugfs);
	return err;
}

static void __exit pfil_sample_exit(void)
{
	iopkt_lsm_unregister(&IOPKT_LSM_ENTRY_SYM(pfil));
	debugfs_remove(pfil_debugfs);
}

module_init(pfil_sample_init);
module_exit(pfil_sample_exit);

MODULE_DESCRIPTION("iopkt: the User's Guide's pfil example (lsm-pfil)");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
