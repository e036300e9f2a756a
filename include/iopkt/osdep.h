/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The QNX and NetBSD library calls io-pkt drivers make that are not part
 * of io-pkt itself: delay() (QNX, milliseconds), DELAY() (NetBSD,
 * microseconds) and log(LOG_ERR, ...) (syslog priorities).
 *
 * Both delays sleep, as io-pkt's do: call them from an io-pkt thread (the
 * attach function, the process function, if_init, ioctls, a tracked
 * thread), not from a hard-IRQ handler (use udelay() there). Inside the
 * stack context the guide prefers ltsleep() or a callout for long waits,
 * because a sleeping stack thread holds up the other interfaces; that
 * advice stands.
 */
#ifndef _IOPKT_OSDEP_H
#define _IOPKT_OSDEP_H

#include <linux/compiler_attributes.h>
#include <linux/delay.h>

/* delay() - sleep @ms milliseconds (QNX's delay(); process context) */
static inline void delay(unsigned int ms)
{
	msleep(ms);
}

/* DELAY() - wait @us microseconds (NetBSD's DELAY(); process context) */
static inline void DELAY(unsigned int us)
{
	fsleep(us);
}

/* syslog priorities for log() */
#define LOG_EMERG	0
#define LOG_ALERT	1
#define LOG_CRIT	2
#define LOG_ERR		3
#define LOG_WARNING	4
#define LOG_NOTICE	5
#define LOG_INFO	6
#define LOG_DEBUG	7

__printf(2, 3) void iopkt_log(int pri, const char *fmt, ...);
/* log(LOG_ERR, fmt, ...): to the kernel log at the matching level */
#define log(pri, fmt, ...)	iopkt_log((pri), fmt, ##__VA_ARGS__)

#endif /* _IOPKT_OSDEP_H */
