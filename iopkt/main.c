// SPDX-License-Identifier: GPL-2.0
/*
 * iopkt: the io-pkt networking manager on Linux. Module entry points.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include <iopkt/version.h>

static int __init iopkt_init(void)
{
	pr_info("io-pkt core %s loaded\n", IOPKT_VERSION);
	return 0;
}

static void __exit iopkt_exit(void)
{
	pr_info("io-pkt core unloaded\n");
}

module_init(iopkt_init);
module_exit(iopkt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("io-pkt networking manager core");
MODULE_AUTHOR("The iopkt developers");
MODULE_VERSION(IOPKT_VERSION);
