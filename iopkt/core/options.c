// SPDX-License-Identifier: GPL-2.0
/*
 * Parser for io-pkt option strings ("threads=2,mclbytes=4096,cache=0").
 * The string is never modified; every error names the option and the reason.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <iopkt/options.h>

static const struct iopkt_opt *opt_find(const struct iopkt_opt *table,
					size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(table[i].name, key))
			return &table[i];
	return NULL;
}

static int opt_bool(const char *val, unsigned int *out)
{
	bool b;

	if (!val) {
		*out = 1;
		return 0;
	}
	if (kstrtobool(val, &b))
		return -EINVAL;
	*out = b;
	return 0;
}

static int opt_store(const struct iopkt_opt *o, const char *val, void *dst,
		     struct iopkt_opts_ctx *ctx)
{
	char why[IOPKT_OPT_ERRLEN - 32] = "";
	unsigned long num;
	int ret;

	switch (o->type) {
	case IOPKT_OPT_FLAG:
		if (val) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s: takes no value", o->name);
			return -EINVAL;
		}
		*(unsigned int *)(dst + o->offset) = 1;
		return 0;
	case IOPKT_OPT_BOOL:
		if (opt_bool(val, dst + o->offset)) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s=%s: not a boolean (0/1, yes/no, on/off)",
				 o->name, val);
			return -EINVAL;
		}
		return 0;
	case IOPKT_OPT_STR:
		if (!val || !*val) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s: needs a value", o->name);
			return -EINVAL;
		}
		if (strscpy(dst + o->offset, val, o->size) < 0) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s: value longer than %zu characters",
				 o->name, o->size - 1);
			return -ENAMETOOLONG;
		}
		return 0;
	case IOPKT_OPT_UINT:
		if (!val || !*val) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s: needs a numeric value", o->name);
			return -EINVAL;
		}
		ret = kstrtoul(val, 0, &num);
		if (ret) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s=%s: not a number", o->name, val);
			return ret == -ERANGE ? -ERANGE : -EINVAL;
		}
		if (num < o->min || num > o->max) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s=%s: out of range [%lu, %lu]",
				 o->name, val, o->min, o->max);
			return -ERANGE;
		}
		if (o->check) {
			ret = o->check(num, why, sizeof(why));
			if (ret) {
				snprintf(ctx->err, sizeof(ctx->err),
					 "%s=%s: %s", o->name, val, why);
				return ret;
			}
		}
		*(unsigned long *)(dst + o->offset) = num;
		return 0;
	}
	snprintf(ctx->err, sizeof(ctx->err), "%s: bad option table", o->name);
	return -EINVAL;
}

/**
 * iopkt_opts_parse() - parse an io-pkt option string into a structure
 * @table: the options the caller accepts
 * @n: number of entries in @table
 * @str: the option string, "key[=value][,key[=value]]...", may be NULL
 * @dst: the structure that @table's offsets point into
 * @ctx: error message buffer and handler for keys not in @table
 *
 * Empty items (",,") are skipped. Parsing stops at the first error; options
 * before it have already been stored in @dst. May sleep.
 *
 * Return: 0, or a negative errno with a message naming the option in
 * @ctx->err.
 */
int iopkt_opts_parse(const struct iopkt_opt *table, size_t n,
		     const char *str, void *dst, struct iopkt_opts_ctx *ctx)
{
	char *copy, *cur, *item;
	int ret = 0;

	ctx->err[0] = '\0';
	if (!str || !*str)
		return 0;
	copy = kstrdup(str, GFP_KERNEL);
	if (!copy) {
		snprintf(ctx->err, sizeof(ctx->err), "out of memory");
		return -ENOMEM;
	}
	cur = copy;
	while ((item = strsep(&cur, ",")) != NULL) {
		const struct iopkt_opt *o;
		char *val;

		item = strim(item);
		if (!*item)
			continue;
		val = strchr(item, '=');
		if (val)
			*val++ = '\0';
		if (!*item) {
			snprintf(ctx->err, sizeof(ctx->err),
				 "=%s: option without a name", val);
			ret = -EINVAL;
			break;
		}
		o = opt_find(table, n, item);
		if (o) {
			ret = opt_store(o, val, dst, ctx);
		} else if (ctx->unknown) {
			ret = ctx->unknown(ctx, item, val);
		} else {
			snprintf(ctx->err, sizeof(ctx->err),
				 "%s: unknown option", item);
			ret = -EINVAL;
		}
		if (ret)
			break;
	}
	kfree(copy);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(iopkt_opts_parse, IOPKT);

/**
 * iopkt_opt_check_pow2() - &struct iopkt_opt.check for power-of-two values
 * @val: the value
 * @why: where the reason goes on failure
 * @whylen: size of @why
 *
 * Return: 0 if @val is a power of two, -EINVAL otherwise.
 */
int iopkt_opt_check_pow2(unsigned long val, char *why, size_t whylen)
{
	if (is_power_of_2(val))
		return 0;
	snprintf(why, whylen, "must be a power of two");
	return -EINVAL;
}
EXPORT_SYMBOL_NS_GPL(iopkt_opt_check_pow2, IOPKT);
