// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_callout: callouts run in the stack context, in order;
 * stop, rearm, and the stop-then-rearm race.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/module.h>

#include <iopkt/callout.h>
#include <iopkt/ltsleep.h>
#include <iopkt/stack.h>

#include "tests/kunit_stack.h"
#include "tests/kunit_wait.h"

struct co_ctx {
	struct callout c[3];
	atomic_t order_idx;
	int order[3];
	atomic_t runs;
	atomic_t not_stack;
	int limit;
	bool started;
	bool finished;
	int sleep_ret;
};

struct co_arg {
	struct co_ctx *ctx;
	int id;
};

static u64 co_callouts(struct _iopkt_self *stk)
{
	struct iopkt_stack_stats st;

	iopkt_stack_get_stats(stk, &st);
	return st.callouts;
}

struct co_barrier {
	struct callout c;
	struct completion done;
};

static void co_barrier_fn(void *arg)
{
	struct co_barrier *b = arg;

	complete(&b->done);
}

/*
 * Arm a callout @msec from now and wait until it has run. Timers expire in
 * the order of their deadlines and callouts run in the order they fell due,
 * so a callout whose deadline comes before the barrier's has run by then,
 * if it was going to run at all: the barrier proves an absence without
 * guessing how long to wait for it.
 */
static void co_barrier(struct kunit *test, struct _iopkt_self *stk, int msec)
{
	struct co_barrier *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	bool ran;

	KUNIT_ASSERT_NOT_NULL(test, b);
	init_completion(&b->done);
	callout_init_stack(&b->c, stk);
	callout_msec(&b->c, msec, co_barrier_fn, b);
	ran = wait_for_completion_timeout(&b->done, KUNIT_GUARD);
	callout_stop(&b->c);	/* also waits for co_barrier_fn to return */
	KUNIT_ASSERT_TRUE_MSG(test, ran, "a barrier callout never ran");
}

static void co_record(void *arg)
{
	struct co_arg *a = arg;
	int i = atomic_inc_return(&a->ctx->order_idx) - 1;

	if (i < 3)
		a->ctx->order[i] = a->id;
	if (!ISSTACK)
		atomic_inc(&a->ctx->not_stack);
}

static void callout_order_and_context(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 80, 2);
	struct co_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct co_arg a[3];
	/*
	 * c[0] is armed first but due last: callouts run in the order of
	 * their deadlines, not in the order they were armed. Its deadline is a
	 * minute away, so that no slowness of the guest between the armings
	 * can make it due before the others; it is brought forward once they
	 * have run. c[1] and c[2] are armed in the order of their deadlines,
	 * so a delay between their armings only widens the gap between them.
	 */
	static const int delay[3] = { 60000, 100, 200 };
	int i;

	KUNIT_ASSERT_NOT_NULL(test, x);
	for (i = 0; i < 3; i++) {
		a[i].ctx = x;
		a[i].id = i;
		callout_init_stack(&x->c[i], stk);
		callout_msec(&x->c[i], delay[i], co_record, &a[i]);
		KUNIT_EXPECT_TRUE(test, callout_pending(&x->c[i]));
	}
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&x->order_idx) >= 2));
	KUNIT_EXPECT_EQ(test, x->order[0], 1);
	KUNIT_EXPECT_EQ(test, x->order[1], 2);
	KUNIT_EXPECT_TRUE(test, callout_pending(&x->c[0]));
	callout_msec(&x->c[0], 1, co_record, &a[0]);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&x->order_idx) >= 3));
	KUNIT_EXPECT_EQ(test, atomic_read(&x->order_idx), 3);
	KUNIT_EXPECT_EQ(test, x->order[2], 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->not_stack), 0);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_FALSE(test, callout_pending(&x->c[i]));
	iopkt_stack_destroy(stk);
}

static void co_count(void *arg)
{
	struct co_ctx *x = arg;

	atomic_inc(&x->runs);
}

static void callout_stop_pending(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 81, 2);
	struct co_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	callout_init_stack(&x->c[0], stk);
	KUNIT_EXPECT_EQ(test, callout_stop(&x->c[0]), 0);	/* harmless */
	callout_msec(&x->c[0], 100, co_count, x);
	callout_msec(&x->c[0], 150, co_count, x);		/* reset */
	KUNIT_EXPECT_EQ(test, callout_stop(&x->c[0]), 1);
	KUNIT_EXPECT_FALSE(test, callout_pending(&x->c[0]));
	/* due 150 ms after it was armed, it would have run before this */
	co_barrier(test, stk, 300);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->runs), 0);
	KUNIT_EXPECT_EQ(test, callout_stop(&x->c[0]), 0);
	/* and it still works afterwards, once */
	callout_msec(&x->c[0], 10, co_count, x);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&x->runs) >= 1));
	KUNIT_EXPECT_FALSE(test, callout_pending(&x->c[0]));
	co_barrier(test, stk, 20);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->runs), 1);
	iopkt_stack_destroy(stk);
}

static void co_periodic(void *arg)
{
	struct co_ctx *x = arg;

	if (atomic_inc_return(&x->runs) < x->limit)
		callout_msec(&x->c[0], 5, co_periodic, x);
}

static void callout_rearm_from_callback(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 82, 2);
	struct co_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	x->limit = 5;
	callout_init_stack(&x->c[0], stk);
	callout_msec(&x->c[0], 5, co_periodic, x);
	/* the stack counts a callout once its callback has returned */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(co_callouts(stk) >= 5));
	KUNIT_EXPECT_EQ(test, atomic_read(&x->runs), 5);
	KUNIT_EXPECT_FALSE(test, callout_pending(&x->c[0]));
	iopkt_stack_destroy(stk);
}

/* Runs long and re-arms itself unconditionally: the guide's racy callback. */
static void co_slow_rearm(void *arg)
{
	struct co_ctx *x = arg;

	WRITE_ONCE(x->started, true);
	mdelay(100);
	atomic_inc(&x->runs);
	callout_msec(&x->c[0], 1, co_slow_rearm, x);
	WRITE_ONCE(x->finished, true);
}

static void callout_stop_while_running(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 83, 2);
	struct co_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	int runs;

	KUNIT_ASSERT_NOT_NULL(test, x);
	callout_init_stack(&x->c[0], stk);
	callout_msec(&x->c[0], 0, co_slow_rearm, x);
	KUNIT_ASSERT_TRUE(test, kunit_wait_until(READ_ONCE(x->started)));
	callout_stop(&x->c[0]);
	/* stop waited for the running callback ... */
	KUNIT_EXPECT_TRUE(test, READ_ONCE(x->finished));
	/* ... and cancelled what it re-armed */
	KUNIT_EXPECT_FALSE(test, callout_pending(&x->c[0]));
	runs = atomic_read(&x->runs);
	/* had the re-armed callout survived, it was due before the barrier */
	co_barrier(test, stk, 100);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->runs), runs);
	iopkt_stack_destroy(stk);
}

static void co_sleeps(void *arg)
{
	struct co_ctx *x = arg;

	/* nobody calls wakeup(x): a real sleep would end in EWOULDBLOCK */
	x->sleep_ret = tsleep(x, 0, "kunit", hz);
	WRITE_ONCE(x->finished, true);
}

static void callout_ltsleep_does_not_sleep(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 84, 2);
	struct co_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct iopkt_stack_stats st;

	KUNIT_ASSERT_NOT_NULL(test, x);
	x->sleep_ret = -1;
	callout_init_stack(&x->c[0], stk);
	callout_msec(&x->c[0], 1, co_sleeps, x);
	KUNIT_ASSERT_TRUE(test, kunit_wait_until(READ_ONCE(x->finished)));
	/*
	 * A one-second sleep that did not happen: not woken, yet no timeout,
	 * and the stack counted no sleep (ltsleeps counts every real one).
	 */
	KUNIT_EXPECT_EQ(test, x->sleep_ret, 0);
	iopkt_stack_get_stats(stk, &st);
	KUNIT_EXPECT_EQ(test, st.ltsleeps, 0ULL);
	iopkt_stack_destroy(stk);
}

static void callout_left_armed_at_destroy(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 85, 2);
	struct co_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	callout_init_stack(&x->c[0], stk);
	callout_init_stack(&x->c[1], stk);
	callout_msec(&x->c[0], 60000, co_count, x);
	callout_msec(&x->c[1], 0, co_count, x);
	iopkt_stack_destroy(stk);	/* cancels both, timer included */
	KUNIT_EXPECT_FALSE(test, callout_pending(&x->c[0]));
	KUNIT_EXPECT_FALSE(test, timer_pending(&x->c[0].c_timer));
}

static struct kunit_case iopkt_callout_cases[] = {
	KUNIT_CASE(callout_order_and_context),
	KUNIT_CASE(callout_stop_pending),
	KUNIT_CASE(callout_rearm_from_callback),
	KUNIT_CASE(callout_stop_while_running),
	KUNIT_CASE(callout_ltsleep_does_not_sleep),
	KUNIT_CASE(callout_left_armed_at_destroy),
	{}
};

static struct kunit_suite iopkt_callout_suite = {
	.name = "iopkt_callout",
	.test_cases = iopkt_callout_cases,
};

kunit_test_suites(&iopkt_callout_suite);
