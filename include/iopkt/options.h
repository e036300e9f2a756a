/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io-pkt option strings: "key=value,key,key=value" as given to io-pkt's
 * -p tcpip, -d DRIVER and mount -o. A module describes the options it takes
 * with a table of struct iopkt_opt and calls iopkt_opts_parse().
 */
#ifndef _IOPKT_OPTIONS_H
#define _IOPKT_OPTIONS_H

#include <linux/types.h>

/** enum iopkt_opt_type - how the value of an option is read */
enum iopkt_opt_type {
	IOPKT_OPT_UINT,	/* unsigned number, decimal, 0x hex or 0 octal */
	IOPKT_OPT_BOOL,	/* 0/1, yes/no, on/off; a bare key means 1 */
	IOPKT_OPT_STR,	/* string copied into a char array */
	IOPKT_OPT_FLAG,	/* bare key only; sets an unsigned int to 1 */
};

/**
 * struct iopkt_opt - one option a module accepts
 * @name: the key as the user types it
 * @type: how the value is read
 * @offset: where the value goes in the destination structure
 * @size: for %IOPKT_OPT_STR, the size of the char array at @offset
 * @min: smallest accepted value (%IOPKT_OPT_UINT)
 * @max: largest accepted value (%IOPKT_OPT_UINT)
 * @check: optional extra validation; returns 0 or a negative errno and
 *	writes a reason (without the key) into @why
 *
 * UINT values are stored as unsigned long, BOOL and FLAG as unsigned int.
 */
struct iopkt_opt {
	const char *name;
	enum iopkt_opt_type type;
	size_t offset;
	size_t size;
	unsigned long min;
	unsigned long max;
	int (*check)(unsigned long val, char *why, size_t whylen);
};

#define IOPKT_OPT_ERRLEN 128

/**
 * struct iopkt_opts_ctx - state and result of one parse
 * @unknown: called for a key not in the table (may be NULL: the key is then
 *	an error); returns 0 if it handled the key, or a negative errno and
 *	writes a reason into @err
 * @priv: passed to @unknown
 * @err: the message for the first error, naming the option
 */
struct iopkt_opts_ctx {
	int (*unknown)(struct iopkt_opts_ctx *ctx, const char *key,
		       const char *val);
	void *priv;
	char err[IOPKT_OPT_ERRLEN];
};

int iopkt_opts_parse(const struct iopkt_opt *table, size_t n,
		     const char *str, void *dst, struct iopkt_opts_ctx *ctx);
int iopkt_opt_check_pow2(unsigned long val, char *why, size_t whylen);

#endif /* _IOPKT_OPTIONS_H */
