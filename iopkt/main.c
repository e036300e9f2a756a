// SPDX-License-Identifier: GPL-2.0
/*
 * iopkt: the io-pkt networking manager on Linux. Module entry points.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/module.h>

#include <iopkt/stack.h>
#include <iopkt/version.h>

#include "core/core.h"
#include "net/net_impl.h"

struct dentry *iopkt_debugfs;

/* The cloners built in, as in NetBSD: tun and tap (and their devices). */
static int iopkt_cloners_init(void)
{
	int ret;

	ret = iopkt_tundev_init();
	if (ret)
		return ret;
	ret = iopkt_tun_init();
	if (ret)
		goto err_tundev;
	ret = iopkt_tap_init();
	if (ret)
		goto err_tun;
	return 0;

err_tun:
	iopkt_tun_exit();
err_tundev:
	iopkt_tundev_exit();
	return ret;
}

static void iopkt_cloners_exit(void)
{
	iopkt_tap_exit();
	iopkt_tun_exit();
	iopkt_tundev_exit();
}

static int __init iopkt_init(void)
{
	char err[128];
	int ret;

	ret = iopkt_params_validate(&iopkt_params, err, sizeof(err));
	if (ret) {
		pr_err("bad module parameter: %s\n", err);
		return ret;
	}
	iopkt_params_log_ignored(&iopkt_params);
	iopkt_ltsleep_init();
	iopkt_debugfs = debugfs_create_dir("iopkt", NULL);
	ret = iopkt_mbuf_init(&iopkt_params);
	if (ret) {
		pr_err("mbuf pools: error %d\n", ret);
		debugfs_remove(iopkt_debugfs);
		return ret;
	}

	iopkt_selfp = iopkt_stack_create(0, &iopkt_params);
	if (IS_ERR(iopkt_selfp)) {
		ret = PTR_ERR(iopkt_selfp);
		iopkt_selfp = NULL;
		pr_err("cannot start instance 0: %d\n", ret);
		goto err_mbuf;
	}

	ret = iopkt_if_notifiers_init();
	if (ret)
		goto err_stack;
	ret = iopkt_genl_init();
	if (ret)
		goto err_notifiers;
	ret = iopkt_cloners_init();
	if (ret)
		goto err_genl;
	ret = iopkt_instances_init();
	if (ret)
		goto err_cloners;

	pr_info("io-pkt core %s loaded\n", IOPKT_VERSION);
	return 0;

err_cloners:
	iopkt_cloners_exit();
err_genl:
	iopkt_genl_exit();
err_notifiers:
	iopkt_if_notifiers_exit();
err_stack:
	pr_err("cannot start the control plane: %d\n", ret);
	iopkt_stack_destroy(iopkt_selfp);
	iopkt_selfp = NULL;
err_mbuf:
	/* the directory before the pools: its mbufs file reads them */
	debugfs_remove(iopkt_debugfs);
	iopkt_mbuf_exit();
	return ret;
}

static void __exit iopkt_exit(void)
{
	iopkt_instances_exit();
	iopkt_cloners_exit();
	iopkt_genl_exit();
	iopkt_if_notifiers_exit();
	iopkt_stack_destroy(iopkt_selfp);
	iopkt_selfp = NULL;
	iopkt_ether_types_exit();
	debugfs_remove(iopkt_debugfs);
	iopkt_mbuf_exit();
	pr_info("io-pkt core unloaded\n");
}

module_init(iopkt_init);
module_exit(iopkt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("io-pkt networking manager core");
MODULE_AUTHOR("The iopkt developers");
MODULE_VERSION(IOPKT_VERSION);
