// SPDX-License-Identifier: GPL-2.0
/*
 * log(): io-pkt drivers report through syslog's log(priority, ...); here
 * the message goes to the kernel log at the matching printk level, one
 * line per call whether or not the format ends with a newline (LOG_DEBUG
 * is pr_debug(): dynamic debug decides).
 */
#define pr_fmt(fmt) fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>

#include <iopkt/osdep.h>

/**
 * iopkt_log() - log(): a message at a syslog priority
 * @pri: LOG_EMERG .. LOG_DEBUG (out of range: LOG_ERR)
 * @fmt: printf format; a trailing newline is optional
 *
 * Module authors write log(LOG_ERR, ...) (<iopkt/osdep.h>).
 */
void iopkt_log(int pri, const char *fmt, ...)
{
	size_t n = strlen(fmt);
	const char *nl = n && fmt[n - 1] == '\n' ? "" : "\n";
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	switch (pri) {
	case LOG_EMERG:
		pr_emerg("%pV%s", &vaf, nl);
		break;
	case LOG_ALERT:
		pr_alert("%pV%s", &vaf, nl);
		break;
	case LOG_CRIT:
		pr_crit("%pV%s", &vaf, nl);
		break;
	case LOG_WARNING:
		pr_warn("%pV%s", &vaf, nl);
		break;
	case LOG_NOTICE:
		pr_notice("%pV%s", &vaf, nl);
		break;
	case LOG_INFO:
		pr_info("%pV%s", &vaf, nl);
		break;
	case LOG_DEBUG:
		pr_debug("%pV%s", &vaf, nl);
		break;
	default:	/* LOG_ERR and anything out of range */
		pr_err("%pV%s", &vaf, nl);
		break;
	}
	va_end(ap);
}
EXPORT_SYMBOL_NS_GPL(iopkt_log, IOPKT);
