// SPDX-License-Identifier: GPL-2.0
/* Broken on purpose: a use-after-free that KASAN must report. */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/slab.h>

static void harness_uaf(struct kunit *test)
{
	char *p = kmalloc(64, GFP_KERNEL);
	char c;

	KUNIT_ASSERT_NOT_NULL(test, p);
	kfree(p);
	OPTIMIZER_HIDE_VAR(p);
	c = READ_ONCE(p[8]);
	KUNIT_EXPECT_TRUE(test, c == c);
}

static struct kunit_case harness_uaf_cases[] = {
	KUNIT_CASE(harness_uaf),
	{}
};

static struct kunit_suite harness_uaf_suite = {
	.name = "harness_uaf",
	.test_cases = harness_uaf_cases,
};
kunit_test_suite(harness_uaf_suite);
MODULE_LICENSE("GPL");
