// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites iopkt_sleep and iopkt_thread: ltsleep/wakeup/timeouts,
 * blockop, tracked threads, quiesce, reap and die.
 *
 * The thread init functions here follow io-pkt's API and return EOK or a
 * positive errno. (lint: bsd-errno)
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>

#include <iopkt/blockop.h>
#include <iopkt/interrupt.h>
#include <iopkt/ltsleep.h>
#include <iopkt/stack.h>

#include "tests/kunit_stack.h"
#include "tests/kunit_wait.h"

struct sl {
	struct _iopkt_self *stk;
	int chan;
	int ret;
	bool in_stack_after;
	unsigned long waited;
	bool other_entered;
	bool sleeper_asleep;
	const char *bop_comm;
	bool bop_in_stack;
	struct completion asleep;
};

static void sleep_outside_stack_refused(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 70, 1);
	struct iopkt_stack_stats st;
	struct bop_dispatch bop = {};
	int tid;

	/*
	 * Nobody calls wakeup(&tid): had tsleep() slept, it would have ended
	 * a minute later in EWOULDBLOCK. EPERM says it was refused first.
	 */
	KUNIT_EXPECT_EQ(test, tsleep(&tid, 0, "kunit", 60 * hz), EPERM);
	KUNIT_EXPECT_EQ(test, blockop_dispatch(&bop), EPERM);
	KUNIT_EXPECT_EQ(test, nw_thread_create(&tid, NULL, NULL, NULL, 0,
					       NULL, NULL), EPERM);
	KUNIT_EXPECT_EQ(test, nw_thread_reap(1), EPERM);
	iopkt_stack_get_stats(stk, &st);
	KUNIT_EXPECT_EQ(test, st.ltsleeps, 0ULL);
	iopkt_stack_destroy(stk);
}

static int sleep_timeout_fn(void *arg)
{
	struct sl *s = arg;
	unsigned long t0 = jiffies;

	s->ret = tsleep(&s->chan, 0, "kunit", hz / 5);
	s->waited = jiffies - t0;
	s->in_stack_after = ISSTACK;
	return 0;
}

static void sleep_times_out(struct kunit *test)
{
	struct sl *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->stk = kunit_stack(test, 71, 1);
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(s->stk, sleep_timeout_fn, s), 0);
	KUNIT_EXPECT_EQ(test, s->ret, EWOULDBLOCK);
	KUNIT_EXPECT_GE(test, s->waited, (unsigned long)hz / 5);
	KUNIT_EXPECT_TRUE(test, s->in_stack_after);
	iopkt_stack_destroy(s->stk);
}

static int sleep_forever_fn(void *arg)
{
	struct sl *s = arg;

	WRITE_ONCE(s->sleeper_asleep, true);
	s->ret = tsleep(&s->chan, 0, "kunit", 0);
	s->in_stack_after = ISSTACK;
	return 0;
}

static int waker_fn(void *arg)
{
	struct sl *s = arg;

	/* we got the stack context while the other thread sleeps in it */
	s->other_entered = READ_ONCE(s->sleeper_asleep);
	wakeup(&s->chan);
	return 0;
}

static int waker_thread(void *arg)
{
	struct sl *s = arg;

	while (!READ_ONCE(s->sleeper_asleep))
		usleep_range(1000, 2000);
	iopkt_stack_call(s->stk, waker_fn, s);
	complete(&s->asleep);
	return 0;
}

static void sleep_releases_stack_and_wakes(struct kunit *test)
{
	struct sl *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->stk = kunit_stack(test, 72, 1);
	s->ret = -1;
	init_completion(&s->asleep);
	t = kthread_run(waker_thread, s, "kunit-waker");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(s->stk, sleep_forever_fn, s), 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&s->asleep,
							    KUNIT_GUARD));
	KUNIT_EXPECT_EQ(test, s->ret, 0);
	KUNIT_EXPECT_TRUE(test, s->other_entered);
	KUNIT_EXPECT_TRUE(test, s->in_stack_after);
	iopkt_stack_destroy(s->stk);
}

static void bop_body(void *arg)
{
	struct sl *s = arg;

	s->bop_comm = current->comm;
	s->bop_in_stack = ISSTACK;
	WRITE_ONCE(s->sleeper_asleep, true);
	/* the stack must stay usable while we block here */
	wait_for_completion_timeout(&s->asleep, KUNIT_GUARD);
}

static int bop_caller_fn(void *arg)
{
	struct sl *s = arg;
	struct bop_dispatch bop = { .bop_func = bop_body, .bop_arg = s };

	s->ret = blockop_dispatch(&bop);
	s->in_stack_after = ISSTACK;
	return 0;
}

static int bop_other_fn(void *arg)
{
	struct sl *s = arg;

	s->other_entered = true;
	return 0;
}

static int bop_other_thread(void *arg)
{
	struct sl *s = arg;

	while (!READ_ONCE(s->sleeper_asleep))
		usleep_range(1000, 2000);
	iopkt_stack_call(s->stk, bop_other_fn, s);
	complete(&s->asleep);
	return 0;
}

static void blockop_runs_in_main_thread(struct kunit *test)
{
	struct sl *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct iopkt_stack_stats st;
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->stk = kunit_stack(test, 73, 1);
	s->ret = -1;
	init_completion(&s->asleep);
	t = kthread_run(bop_other_thread, s, "kunit-bop");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(s->stk, bop_caller_fn, s), 0);
	KUNIT_EXPECT_EQ(test, s->ret, EOK);
	KUNIT_EXPECT_STREQ(test, s->bop_comm, "iopkt73 main");
	KUNIT_EXPECT_FALSE(test, s->bop_in_stack);
	KUNIT_EXPECT_TRUE(test, s->other_entered);
	KUNIT_EXPECT_TRUE(test, s->in_stack_after);
	iopkt_stack_get_stats(s->stk, &st);
	KUNIT_EXPECT_EQ(test, st.blockops, 1ULL);
	iopkt_stack_destroy(s->stk);
}

/* ---- tracked threads and quiesce ------------------------------------- */

struct trk;

struct trk_thread {
	struct trk *t;
	int tid;
	atomic_t loops;
	int q_req;		/* -1 none, else die value */
	bool blocked;		/* inside quiesce_block() */
	bool exited;
	int id;
};

struct trk {
	struct _iopkt_self *stk;
	struct _iopkt_inter src;
	atomic_t events;
	bool quiesced;		/* between quiesce_all() and unquiesce_all() */
	atomic_t events_quiesced;
	struct trk_thread th[2];
	int ret;
	int fail_init;
};

static void trk_quiesce(void *arg, int die)
{
	struct trk_thread *me = arg;

	WRITE_ONCE(me->q_req, die);
}

static int trk_init(void *arg)
{
	struct trk_thread *me = arg;
	struct nw_work_thread *wtp = WTP;
	char name[16];

	if (me->t->fail_init)
		return EIO;
	snprintf(name, sizeof(name), "kunit trk%d", me->id);
	nw_thread_setname(name);
	wtp->quiesce_callout = trk_quiesce;
	wtp->quiesce_arg = me;
	return EOK;
}

static void *trk_body(void *arg)
{
	struct trk_thread *me = arg;

	for (;;) {
		int q = READ_ONCE(me->q_req);

		if (q >= 0) {
			WRITE_ONCE(me->q_req, -1);
			if (q)
				WRITE_ONCE(me->exited, true);
			WRITE_ONCE(me->blocked, true);
			quiesce_block(q);
			WRITE_ONCE(me->blocked, false);
		}
		atomic_inc(&me->loops);
		usleep_range(200, 400);
	}
	return NULL;
}

static int trk_create_fn(void *arg)
{
	struct trk *t = arg;
	int i, ret;

	for (i = 0; i < 2; i++) {
		ret = nw_thread_create(&t->th[i].tid, NULL, trk_body, &t->th[i],
				       0, trk_init, &t->th[i]);
		if (ret)
			return ret;
	}
	return 0;
}

static int trk_quiesce_fn(void *arg)
{
	quiesce_all();
	return 0;
}

static int trk_unquiesce_fn(void *arg)
{
	unquiesce_all();
	return 0;
}

static int trk_reap0_fn(void *arg)
{
	struct trk *t = arg;

	return nw_thread_reap(t->th[0].tid);
}

static int trk_reap_bad_fn(void *arg)
{
	return nw_thread_reap(12345);
}

static int trk_event(void *arg, struct nw_work_thread *wtp)
{
	struct trk *t = arg;

	if (READ_ONCE(t->quiesced))
		atomic_inc(&t->events_quiesced);
	atomic_inc(&t->events);
	return 1;
}

/* The thread counting @a runs: it counts on (waits as long as it takes). */
static bool advancing(atomic_t *a)
{
	int before = atomic_read(a);

	return kunit_wait_until(atomic_read(a) != before);
}

/*
 * The thread counting @a stands still. Only a supplement to proofs that do
 * not depend on time (the thread sits in quiesce_block() or has exited): a
 * slow guest can make it miss a bug, never fail a correct stack.
 */
static bool standing(atomic_t *a)
{
	int before = atomic_read(a);

	msleep(100);
	return atomic_read(a) == before;
}

static void thread_quiesce_reap_die(struct kunit *test)
{
	struct trk *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->stk = kunit_stack(test, 74, 2);
	for (i = 0; i < 2; i++) {
		t->th[i].t = t;
		t->th[i].id = i;
		t->th[i].q_req = -1;
	}
	t->src.func = trk_event;
	t->src.arg = t;
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(t->stk, &t->src, 0, 0),
			0);
	KUNIT_ASSERT_EQ(test, iopkt_stack_call(t->stk, trk_create_fn, t), 0);
	KUNIT_EXPECT_TRUE(test, advancing(&t->th[0].loops));
	KUNIT_EXPECT_TRUE(test, advancing(&t->th[1].loops));

	/*
	 * quiesced: tracked threads stop, workers service nothing.
	 * quiesce_all() returns once every thread sits in quiesce_block().
	 */
	KUNIT_ASSERT_EQ(test, iopkt_stack_call(t->stk, trk_quiesce_fn, t), 0);
	WRITE_ONCE(t->quiesced, true);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(t->th[0].blocked));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(t->th[1].blocked));
	KUNIT_EXPECT_TRUE(test, standing(&t->th[0].loops));
	KUNIT_EXPECT_TRUE(test, standing(&t->th[1].loops));
	interrupt_queue(t->stk, &t->src);
	KUNIT_EXPECT_TRUE(test, standing(&t->events));
	WRITE_ONCE(t->quiesced, false);

	KUNIT_ASSERT_EQ(test, iopkt_stack_call(t->stk, trk_unquiesce_fn, t), 0);
	KUNIT_EXPECT_TRUE(test, advancing(&t->th[0].loops));
	KUNIT_EXPECT_TRUE(test, advancing(&t->th[1].loops));
	/* the event queued while quiesced is serviced now, and only now */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&t->events) >= 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->events), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->events_quiesced), 0);

	/* reap one: it exits through quiesce_block(1) */
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(t->stk, trk_reap0_fn, t), EOK);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(t->th[0].exited));
	KUNIT_EXPECT_TRUE(test, standing(&t->th[0].loops));
	KUNIT_EXPECT_TRUE(test, advancing(&t->th[1].loops));
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(t->stk, trk_reap_bad_fn, t),
			ESRCH);

	/* destroy makes the other one die */
	interrupt_entry_remove(&t->src, NULL);
	iopkt_stack_destroy(t->stk);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(t->th[1].exited));
	KUNIT_EXPECT_TRUE(test, standing(&t->th[1].loops));
}

static void thread_init_failure_reported(struct kunit *test)
{
	struct trk *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->stk = kunit_stack(test, 75, 1);
	t->fail_init = 1;
	t->th[0].t = t;
	t->th[0].q_req = -1;
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(t->stk, trk_create_fn, t), EIO);
	iopkt_stack_destroy(t->stk);
}

/* Destroy while events, stack work and callouts are in flight. */
static int flight_event(void *arg, struct nw_work_thread *wtp)
{
	struct iopkt_swork *w = arg;
	struct _iopkt_self *stk = wtp->stack;

	iopkt_stack_queue(stk, w);
	return 0;		/* always more work */
}

static void flight_swork(void *arg)
{
	atomic_t *runs = arg;

	atomic_inc(runs);
	udelay(10);
}

static void thread_destroy_with_work_in_flight(struct kunit *test)
{
	struct _iopkt_self *stk;
	struct _iopkt_inter *src;
	struct iopkt_swork *w;
	atomic_t *runs;
	int round;

	src = kunit_kzalloc(test, sizeof(*src), GFP_KERNEL);
	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	runs = kunit_kzalloc(test, sizeof(*runs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_NOT_NULL(test, runs);
	for (round = 0; round < 5; round++) {
		stk = kunit_stack(test, 76, 2);
		memset(src, 0, sizeof(*src));
		memset(w, 0, sizeof(*w));
		src->func = flight_event;
		src->arg = w;
		w->func = flight_swork;
		w->arg = runs;
		atomic_set(runs, 0);
		KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, src, 0, 0),
				0);
		interrupt_queue(stk, src);
		/* destroy only once the work is really in flight */
		KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(runs) > 0));
		interrupt_entry_remove(src, NULL);
		iopkt_stack_destroy(stk);
	}
}

static struct kunit_case iopkt_sleep_cases[] = {
	KUNIT_CASE(sleep_outside_stack_refused),
	KUNIT_CASE(sleep_times_out),
	KUNIT_CASE(sleep_releases_stack_and_wakes),
	KUNIT_CASE(blockop_runs_in_main_thread),
	{}
};

static struct kunit_suite iopkt_sleep_suite = {
	.name = "iopkt_sleep",
	.test_cases = iopkt_sleep_cases,
};

static struct kunit_case iopkt_thread_cases[] = {
	KUNIT_CASE(thread_quiesce_reap_die),
	KUNIT_CASE(thread_init_failure_reported),
	KUNIT_CASE(thread_destroy_with_work_in_flight),
	{}
};

static struct kunit_suite iopkt_thread_suite = {
	.name = "iopkt_thread",
	.test_cases = iopkt_thread_cases,
};

kunit_test_suites(&iopkt_sleep_suite, &iopkt_thread_suite);
