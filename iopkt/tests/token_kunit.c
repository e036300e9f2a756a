// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: who may take the stack context, and when. A source of a driver
 * that became single-threaded while a worker was busy is serviced in the
 * stack context; a worker that cannot take the context (another has a
 * claim on it) sleeps instead of looping.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/module.h>
#include <linux/sched.h>

#include <iopkt/interrupt.h>
#include <iopkt/stack.h>

#include "core/stack_impl.h"
#include "tests/kunit_stack.h"
#include "tests/kunit_wait.h"

struct tok {
	struct _iopkt_self *stk;
	struct completion a_in, a_go, b_done, work_done;
	struct iopkt_swork work;
	struct task_struct *a_task, *b_task, *work_task;
	bool queue_work;
	bool b_in_stack;
};

static int tok_a(void *arg, struct nw_work_thread *wtp)
{
	struct tok *t = arg;

	t->a_task = current;
	if (t->queue_work)
		iopkt_stack_queue(t->stk, &t->work);	/* a claim */
	complete(&t->a_in);
	wait_for_completion(&t->a_go);
	return 1;
}

static int tok_b(void *arg, struct nw_work_thread *wtp)
{
	struct tok *t = arg;

	t->b_task = current;
	t->b_in_stack = ISSTACK;
	complete(&t->b_done);
	return 1;
}

static void tok_work(void *arg)
{
	struct tok *t = arg;

	t->work_task = current;
	complete(&t->work_done);
}

static void tok_init(struct tok *t, struct _iopkt_self *stk,
		     struct _iopkt_inter *a, struct _iopkt_inter *b)
{
	t->stk = stk;
	init_completion(&t->a_in);
	init_completion(&t->a_go);
	init_completion(&t->b_done);
	init_completion(&t->work_done);
	t->work.func = tok_work;
	t->work.arg = t;
	a->func = tok_a;
	a->arg = t;
	b->func = tok_b;
	b->arg = t;
}

/*
 * One worker is in a process function when a single-threaded driver
 * attaches (dev_attach() counts it in stk->single) and queues its source:
 * the same worker, in the same iopkt_ev_service() call, must service that
 * source inside the stack context.
 */
static void token_single_per_event(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 97, 1);
	struct _iopkt_inter a = {}, b = {};
	struct tok t = {};

	tok_init(&t, stk, &a, &b);
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, &a, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, &b, 0, 0), 0);
	interrupt_queue(stk, &a);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&t.a_in,
							  KUNIT_GUARD), 0UL);
	atomic_inc(&stk->single);	/* what dev_attach() does */
	interrupt_queue(stk, &b);
	complete(&t.a_go);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&t.b_done,
							  KUNIT_GUARD), 0UL);
	KUNIT_EXPECT_PTR_EQ(test, t.b_task, t.a_task);
	KUNIT_EXPECT_TRUE(test, t.b_in_stack);
	atomic_dec(&stk->single);
	interrupt_entry_remove(&a, NULL);
	interrupt_entry_remove(&b, NULL);
	iopkt_stack_destroy(stk);
}

/*
 * Worker A queued stack work while servicing its source (a claim) and is
 * still in the process function. Worker B, woken for another source, cannot
 * take the stack context: it must go to sleep, not loop until A is done.
 * Then A runs the work itself.
 */
static void token_no_spin_beside_claim(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 98, 2);
	struct _iopkt_inter a = {}, b = {};
	struct tok t = {};

	tok_init(&t, stk, &a, &b);
	t.queue_work = true;
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, &a, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, &b, 0, 0), 0);
	interrupt_queue(stk, &a);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&t.a_in,
							  KUNIT_GUARD), 0UL);
	interrupt_queue(stk, &b);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&t.b_done,
							  KUNIT_GUARD), 0UL);
	KUNIT_EXPECT_PTR_NE(test, t.b_task, t.a_task);
	/* a looping worker stays TASK_RUNNING: this then never holds */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(t.b_task->__state) ==
						 TASK_INTERRUPTIBLE));
	KUNIT_EXPECT_FALSE(test, completion_done(&t.work_done));
	complete(&t.a_go);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&t.work_done,
							  KUNIT_GUARD), 0UL);
	KUNIT_EXPECT_PTR_EQ(test, t.work_task, t.a_task);
	interrupt_entry_remove(&a, NULL);
	interrupt_entry_remove(&b, NULL);
	iopkt_stack_destroy(stk);
}

static struct kunit_case token_cases[] = {
	KUNIT_CASE(token_single_per_event),
	KUNIT_CASE(token_no_spin_beside_claim),
	{}
};

static struct kunit_suite token_suite = {
	.name = "iopkt_token",
	.test_cases = token_cases,
};
kunit_test_suite(token_suite);
