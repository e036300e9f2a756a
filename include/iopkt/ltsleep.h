/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeping in the stack context (NetBSD's ltsleep/tsleep/wakeup).
 *
 * A thread in the stack context that sleeps gives the stack context up, so
 * other threads keep the stack running, and takes it back when woken. Only
 * allowed in the stack context: elsewhere the call fails with EPERM and is
 * logged. In a callout callback it returns 0 at once without sleeping (the
 * guide: a callout can only schedule another callout).
 *
 * Return values are BSD's: 0 when woken, EWOULDBLOCK when @timo ticks
 * passed, EINTR when PCATCH was given and a signal arrived.
 */
#ifndef _IOPKT_LTSLEEP_H
#define _IOPKT_LTSLEEP_H

#include <linux/spinlock.h>

#define PCATCH		0x100	/* signals interrupt the sleep */

int ltsleep(const void *chan, int pri, const char *wmesg, int timo,
	    spinlock_t *interlock);
int tsleep(const void *chan, int pri, const char *wmesg, int timo);
void wakeup(const void *chan);
void wakeup_one(const void *chan);

#endif /* _IOPKT_LTSLEEP_H */
