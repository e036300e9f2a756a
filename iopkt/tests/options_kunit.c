// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_options: the io-pkt option string parser.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>

#include <iopkt/options.h>

struct test_opts {
	unsigned long threads;
	unsigned long mclbytes;
	unsigned int cache;
	unsigned int verbose;
	char name[8];
};

static const struct iopkt_opt test_table[] = {
	{ .name = "threads", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct test_opts, threads), .min = 1, .max = 64 },
	{ .name = "mclbytes", .type = IOPKT_OPT_UINT,
	  .offset = offsetof(struct test_opts, mclbytes),
	  .min = 2048, .max = 65536, .check = iopkt_opt_check_pow2 },
	{ .name = "cache", .type = IOPKT_OPT_BOOL,
	  .offset = offsetof(struct test_opts, cache) },
	{ .name = "verbose", .type = IOPKT_OPT_FLAG,
	  .offset = offsetof(struct test_opts, verbose) },
	{ .name = "name", .type = IOPKT_OPT_STR,
	  .offset = offsetof(struct test_opts, name),
	  .size = sizeof(((struct test_opts *)0)->name) },
};

static int parse(struct test_opts *o, struct iopkt_opts_ctx *ctx,
		 const char *str)
{
	return iopkt_opts_parse(test_table, ARRAY_SIZE(test_table), str, o, ctx);
}

static void opts_all_types(struct kunit *test)
{
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = { .cache = 1 };

	KUNIT_ASSERT_EQ(test, parse(&o, &ctx,
		"threads=4,mclbytes=0x1000,cache=0,verbose,name=wm"), 0);
	KUNIT_EXPECT_EQ(test, o.threads, 4UL);
	KUNIT_EXPECT_EQ(test, o.mclbytes, 4096UL);
	KUNIT_EXPECT_EQ(test, o.cache, 0U);
	KUNIT_EXPECT_EQ(test, o.verbose, 1U);
	KUNIT_EXPECT_STREQ(test, o.name, "wm");
	KUNIT_EXPECT_STREQ(test, ctx.err, "");
}

static void opts_empty_and_spaces(struct kunit *test)
{
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = {};

	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, NULL), 0);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, ""), 0);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, ",, threads=2 ,,cache ,"), 0);
	KUNIT_EXPECT_EQ(test, o.threads, 2UL);
	KUNIT_EXPECT_EQ(test, o.cache, 1U);
}

static void opts_unknown_key(struct kunit *test)
{
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = {};

	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "threads=2,bogus=1"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx.err, "bogus: unknown option");
	/* options before the error are stored */
	KUNIT_EXPECT_EQ(test, o.threads, 2UL);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "=3"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx.err, "=3: option without a name");
}

static void opts_mclbytes_not_pow2(struct kunit *test)
{
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = { .mclbytes = 2048 };

	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "mclbytes=3000"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx.err,
			   "mclbytes=3000: must be a power of two");
	KUNIT_EXPECT_EQ(test, o.mclbytes, 2048UL);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "mclbytes=1000"), -ERANGE);
	KUNIT_EXPECT_STREQ(test, ctx.err,
			   "mclbytes=1000: out of range [2048, 65536]");
	KUNIT_EXPECT_EQ(test, o.mclbytes, 2048UL);
}

static void opts_bad_numbers(struct kunit *test)
{
	static const char * const bad[] = {
		"threads=abc", "threads=12x", "threads=-1", "threads=",
		"threads", "threads=0", "threads=65",
		"threads=99999999999999999999999",
	};
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = {};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = parse(&o, &ctx, bad[i]);

		KUNIT_EXPECT_TRUE_MSG(test, ret == -EINVAL || ret == -ERANGE,
				      "%s gave %d", bad[i], ret);
		KUNIT_EXPECT_TRUE_MSG(test, !strncmp(ctx.err, "threads", 7),
				      "%s: message '%s'", bad[i], ctx.err);
	}
	KUNIT_EXPECT_EQ(test, o.threads, 0UL);
}

static void opts_bool_and_flag(struct kunit *test)
{
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = {};

	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "cache=maybe"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx.err,
			   "cache=maybe: not a boolean (0/1, yes/no, on/off)");
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "cache=on"), 0);
	KUNIT_EXPECT_EQ(test, o.cache, 1U);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "cache=no"), 0);
	KUNIT_EXPECT_EQ(test, o.cache, 0U);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "verbose=2"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx.err, "verbose: takes no value");
	KUNIT_EXPECT_EQ(test, o.verbose, 0U);
}

static void opts_string_length(struct kunit *test)
{
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = {};

	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "name=1234567"), 0);
	KUNIT_EXPECT_STREQ(test, o.name, "1234567");
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "name=12345678"), -ENAMETOOLONG);
	KUNIT_EXPECT_STREQ(test, ctx.err,
			   "name: value longer than 7 characters");
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "name="), -EINVAL);
}

static int unknown_accepts_vid(struct iopkt_opts_ctx *ctx, const char *key,
			       const char *val)
{
	unsigned long *seen = ctx->priv;

	if (strcmp(key, "vid"))
		return -EINVAL;
	return kstrtoul(val, 0, seen);
}

static void opts_unknown_handler(struct kunit *test)
{
	unsigned long vid = 0;
	struct iopkt_opts_ctx ctx = { .unknown = unknown_accepts_vid,
				      .priv = &vid };
	struct test_opts o = {};

	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "vid=0x8086,threads=3"), 0);
	KUNIT_EXPECT_EQ(test, vid, 0x8086UL);
	KUNIT_EXPECT_EQ(test, o.threads, 3UL);
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, "did=1"), -EINVAL);
}

static void opts_input_untouched(struct kunit *test)
{
	static const char input[] = " threads=5 , cache=1,name=x ";
	char before[sizeof(input)];
	struct iopkt_opts_ctx ctx = {};
	struct test_opts o = {};

	memcpy(before, input, sizeof(input));
	KUNIT_EXPECT_EQ(test, parse(&o, &ctx, input), 0);
	KUNIT_EXPECT_EQ(test, memcmp(before, input, sizeof(input)), 0);
	KUNIT_EXPECT_EQ(test, o.threads, 5UL);
	KUNIT_EXPECT_STREQ(test, o.name, "x");
}

static struct kunit_case iopkt_options_cases[] = {
	KUNIT_CASE(opts_all_types),
	KUNIT_CASE(opts_empty_and_spaces),
	KUNIT_CASE(opts_unknown_key),
	KUNIT_CASE(opts_mclbytes_not_pow2),
	KUNIT_CASE(opts_bad_numbers),
	KUNIT_CASE(opts_bool_and_flag),
	KUNIT_CASE(opts_string_length),
	KUNIT_CASE(opts_unknown_handler),
	KUNIT_CASE(opts_input_untouched),
	{}
};

static struct kunit_suite iopkt_options_suite = {
	.name = "iopkt_options",
	.test_cases = iopkt_options_cases,
};

kunit_test_suites(&iopkt_options_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("KUnit tests for the iopkt option parser");
