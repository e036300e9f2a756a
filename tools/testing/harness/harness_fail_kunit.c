// SPDX-License-Identifier: GPL-2.0
/* Broken on purpose: a KUnit expectation that does not hold. */
#include <kunit/test.h>
#include <linux/module.h>

static void harness_passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 4);
}

static void harness_fails(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 5);
}

static struct kunit_case harness_fail_cases[] = {
	KUNIT_CASE(harness_passes),
	KUNIT_CASE(harness_fails),
	{}
};

static struct kunit_suite harness_fail_suite = {
	.name = "harness_fail",
	.test_cases = harness_fail_cases,
};
kunit_test_suite(harness_fail_suite);
MODULE_LICENSE("GPL");
