// SPDX-License-Identifier: GPL-2.0
/*
 * log(): io-pkt drivers report through syslog's log(priority, ...); here
 * the message goes to the kernel log at the matching printk level, one
 * line per call whether or not the format ends with a newline.
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
	static const char * const lvl[] = {
		KERN_EMERG, KERN_ALERT, KERN_CRIT, KERN_ERR,
		KERN_WARNING, KERN_NOTICE, KERN_INFO, KERN_DEBUG,
	};
	size_t n = strlen(fmt);
	struct va_format vaf;
	va_list ap;

	if (pri < LOG_EMERG || pri > LOG_DEBUG)
		pri = LOG_ERR;
	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	printk("%s%pV%s", lvl[pri], &vaf, n && fmt[n - 1] == '\n' ? "" : "\n");
	va_end(ap);
}
EXPORT_SYMBOL_NS_GPL(iopkt_log, IOPKT);
