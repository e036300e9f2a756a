// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_params: the core layer's io-pkt options.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "core/core.h"

static void params_defaults_are_io_pkt(struct kunit *test)
{
	struct iopkt_params p;
	char err[128] = "";

	iopkt_params_defaults(&p);
	KUNIT_EXPECT_EQ(test, p.mclbytes, 2048UL);
	KUNIT_EXPECT_EQ(test, p.rx_prio, 21UL);
	KUNIT_EXPECT_EQ(test, p.timer_pulse_prio, 21UL);
	KUNIT_EXPECT_EQ(test, p.main_prio, 21UL);
	KUNIT_EXPECT_EQ(test, p.threads, 0UL);
	KUNIT_EXPECT_EQ(test, p.cache, 1U);
	KUNIT_EXPECT_EQ(test, p.pagesize, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, iopkt_params_validate(&p, err, sizeof(err)), 0);
}

static void params_mclbytes_refused_with_reason(struct kunit *test)
{
	struct iopkt_params p;
	char err[128];

	iopkt_params_defaults(&p);
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "mclbytes=1000", err,
						 sizeof(err)), -ERANGE);
	KUNIT_EXPECT_STREQ(test, err,
			   "mclbytes=1000: out of range [2048, 65536]");
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "mclbytes=3000", err,
						 sizeof(err)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, err,
			   "mclbytes=3000: must be a power of two (2048 holds a 1500-byte Ethernet frame)");
	KUNIT_EXPECT_EQ(test, p.mclbytes, 2048UL);
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "mclbytes=4096", err,
						 sizeof(err)), 0);
	KUNIT_EXPECT_EQ(test, p.mclbytes, 4096UL);
}

static void params_aliases_and_flags(struct kunit *test)
{
	struct iopkt_params p;
	char err[128];

	iopkt_params_defaults(&p);
	KUNIT_ASSERT_EQ(test, iopkt_params_parse(&p,
		"rx_pulse_prio=50,cache=0,bigpage_strict,threads=3,stacksize=8192",
		err, sizeof(err)), 0);
	KUNIT_EXPECT_EQ(test, p.rx_prio, 50UL);
	KUNIT_EXPECT_EQ(test, p.cache, 0U);
	KUNIT_EXPECT_EQ(test, p.bigpage_strict, 1U);
	KUNIT_EXPECT_EQ(test, p.threads, 3UL);
	KUNIT_EXPECT_EQ(test, p.stacksize, 8192UL);
}

static void params_bad_values(struct kunit *test)
{
	struct iopkt_params p;
	char err[128];

	iopkt_params_defaults(&p);
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "pagesize=6000", err,
						 sizeof(err)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, err, "pagesize=6000: must be a power of two");
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "rx_prio=0", err,
						 sizeof(err)), -ERANGE);
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "threads=65", err,
						 sizeof(err)), -ERANGE);
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p, "forward", err,
						 sizeof(err)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, err, "forward: unknown option");
	iopkt_params_defaults(&p);
	KUNIT_EXPECT_EQ(test, iopkt_params_parse(&p,
		"threads_min=300,threads_max=200", err, sizeof(err)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, err, "threads_min=300: above threads_max=200");
}

static struct kunit_case iopkt_params_cases[] = {
	KUNIT_CASE(params_defaults_are_io_pkt),
	KUNIT_CASE(params_mclbytes_refused_with_reason),
	KUNIT_CASE(params_aliases_and_flags),
	KUNIT_CASE(params_bad_values),
	{}
};

static struct kunit_suite iopkt_params_suite = {
	.name = "iopkt_params",
	.test_cases = iopkt_params_cases,
};

kunit_test_suites(&iopkt_params_suite);
