/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the KUnit suites: a stack instance of a test's own.
 */
#ifndef _IOPKT_KUNIT_STACK_H
#define _IOPKT_KUNIT_STACK_H

#include <kunit/test.h>

#include <iopkt/stack.h>

#include "core/core.h"

/* Instance @inst with @threads workers and otherwise default options. */
static inline struct _iopkt_self *kunit_stack(struct kunit *test, int inst,
					      unsigned long threads)
{
	struct iopkt_params p;
	struct _iopkt_self *stk;

	iopkt_params_defaults(&p);
	p.threads = threads;
	stk = iopkt_stack_create(inst, &p);
	KUNIT_ASSERT_FALSE(test, IS_ERR(stk));
	return stk;
}

#endif /* _IOPKT_KUNIT_STACK_H */
