// SPDX-License-Identifier: GPL-2.0
/* Broken on purpose: memory nobody points to any more, for kmemleak. */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>

static void harness_leak(struct kunit *test)
{
	char *p = kmalloc(256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0x5a, 256);
	OPTIMIZER_HIDE_VAR(p);
	/* and forget it */
}

static struct kunit_case harness_leak_cases[] = {
	KUNIT_CASE(harness_leak),
	{}
};

static struct kunit_suite harness_leak_suite = {
	.name = "harness_leak",
	.test_cases = harness_leak_cases,
};
kunit_test_suite(harness_leak_suite);
MODULE_LICENSE("GPL");
