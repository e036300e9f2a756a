/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the KUnit suites: waiting for an event instead of for a time.
 *
 * The tests run in an emulated guest (TCG) with a debug kernel on a host
 * that may be loaded, so nothing is known about how long anything takes.
 * A test waits for the event itself; KUNIT_GUARD bounds the wait only so
 * that a bug (the event never comes) fails the test instead of hanging it.
 * It is a deadlock guard, not a guess at how long the event takes.
 */
#ifndef _IOPKT_KUNIT_WAIT_H
#define _IOPKT_KUNIT_WAIT_H

#include <linux/delay.h>
#include <linux/jiffies.h>

#define KUNIT_GUARD_MS	30000
#define KUNIT_GUARD	msecs_to_jiffies(KUNIT_GUARD_MS)

/*
 * kunit_wait_until() - poll @cond (every millisecond or two) until it holds
 * or KUNIT_GUARD ran out.
 *
 * Return: the last value of @cond; false only if it never held.
 */
#define kunit_wait_until(cond)						\
({									\
	unsigned long __kw_end = jiffies + KUNIT_GUARD;			\
	bool __kw_ok;							\
									\
	for (;;) {							\
		__kw_ok = (cond);					\
		if (__kw_ok || time_after(jiffies, __kw_end))		\
			break;						\
		usleep_range(1000, 2000);				\
	}								\
	__kw_ok;							\
})

#endif /* _IOPKT_KUNIT_WAIT_H */
