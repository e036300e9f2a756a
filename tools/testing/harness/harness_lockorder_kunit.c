// SPDX-License-Identifier: GPL-2.0
/* Broken on purpose: A-then-B and B-then-A, which lockdep must report. */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);

static void harness_lockorder(struct kunit *test)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);

	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
	KUNIT_SUCCEED(test);
}

static struct kunit_case harness_lockorder_cases[] = {
	KUNIT_CASE(harness_lockorder),
	{}
};

static struct kunit_suite harness_lockorder_suite = {
	.name = "harness_lockorder",
	.test_cases = harness_lockorder_cases,
};
kunit_test_suite(harness_lockorder_suite);
MODULE_LICENSE("GPL");
