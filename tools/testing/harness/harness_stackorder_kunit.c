// SPDX-License-Identifier: GPL-2.0
/*
 * Broken on purpose: rtnl taken inside the stack context, then the stack
 * context taken with rtnl held (the documented order). lockdep must report
 * the inversion, which it can only if the stack context is a lock to it.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>

#include <iopkt/stack.h>

static int take_rtnl(void *arg)
{
	rtnl_lock();
	rtnl_unlock();
	return 0;
}

static int nothing(void *arg)
{
	return 0;
}

static void harness_stackorder(struct kunit *test)
{
	/* the stack context, then rtnl: the wrong order */
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(iopkt_selfp, take_rtnl, NULL),
			0);
	/* rtnl, then the stack context: closes the cycle */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(iopkt_selfp, nothing, NULL), 0);
	rtnl_unlock();
}

static struct kunit_case harness_stackorder_cases[] = {
	KUNIT_CASE(harness_stackorder),
	{}
};

static struct kunit_suite harness_stackorder_suite = {
	.name = "harness_stackorder",
	.test_cases = harness_stackorder_cases,
};
kunit_test_suite(harness_stackorder_suite);
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
