// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites iopkt_stack and iopkt_event: the stack context and event
 * sources, each test on an instance of its own.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/sched.h>

#include <iopkt/interrupt.h>
#include <iopkt/stack.h>

#include "tests/kunit_stack.h"
#include "tests/kunit_wait.h"

#define NSRC 6

/* ---- exclusivity under load ------------------------------------------ */

struct excl {
	struct _iopkt_self *stk;
	atomic_t inside;
	atomic_t max_inside;
	atomic_t not_stack;		/* code ran without ISSTACK */
	atomic64_t calls;
	atomic64_t idle_calls;		/* excl_idle()'s own stack calls */
	atomic64_t swork_runs;
	struct srcx {
		struct _iopkt_inter ient;
		struct excl *e;
		int i;
	} src[NSRC];
	struct iopkt_swork work;
	atomic64_t produced[NSRC];
	atomic64_t seen[NSRC];
};

static void excl_section(struct excl *e)
{
	int in = atomic_inc_return(&e->inside);

	if (in > atomic_read(&e->max_inside))
		atomic_set(&e->max_inside, in);
	if (!ISSTACK)
		atomic_inc(&e->not_stack);
	udelay(20);
	atomic_dec(&e->inside);
}

static void excl_swork(void *arg)
{
	struct excl *e = arg;

	excl_section(e);
	atomic64_inc(&e->swork_runs);
}

static int excl_call(void *arg)
{
	struct excl *e = arg;

	excl_section(e);
	atomic64_inc(&e->calls);
	return 0;
}

static int excl_event(void *arg, struct nw_work_thread *wtp)
{
	struct srcx *x = arg;
	struct excl *e = x->e;

	atomic64_set(&e->seen[x->i], atomic64_read(&e->produced[x->i]));
	iopkt_stack_queue(e->stk, &e->work);
	return 1;
}

static int excl_caller_fn(void *arg)
{
	struct excl *e = arg;

	while (!kthread_should_stop()) {
		iopkt_stack_call(e->stk, excl_call, e);
		usleep_range(50, 100);
	}
	return 0;
}

static int excl_producer_fn(void *arg)
{
	struct excl *e = arg;
	u32 n = 0;

	while (!kthread_should_stop()) {
		int i = (n++ * 7 + get_random_u32_below(NSRC)) % NSRC;

		atomic64_inc(&e->produced[i]);
		interrupt_queue(e->stk, &e->src[i].ient);
		if (!(n % 64))
			usleep_range(10, 50);
	}
	return 0;
}

static bool all_seen(struct excl *e)
{
	int i;

	for (i = 0; i < NSRC; i++)
		if (atomic64_read(&e->seen[i]) != atomic64_read(&e->produced[i]))
			return false;
	return true;
}

static int excl_swork_idle(void *arg)
{
	struct excl *e = arg;

	atomic64_inc(&e->idle_calls);
	/* in the stack context, so no stack work runs: is any queued? */
	return !READ_ONCE(e->work.queued);
}

/*
 * Nothing left to do, so the counters are final: no event source queued or
 * being serviced (its counters are updated before it leaves IE_RUNNING), no
 * stack work queued or running. Only once no more events are produced.
 */
static bool excl_idle(struct excl *e)
{
	int i;

	/* queued, running or to run again (core/interrupt.c); a registered
	 * source keeps its "registered" bit
	 */
	for (i = 0; i < NSRC; i++)
		if (READ_ONCE(e->src[i].ient.state) & (1 | 2 | 4))
			return false;
	return iopkt_stack_call(e->stk, excl_swork_idle, e) == 1;
}

static void wait_all_seen(struct kunit *test, struct excl *e)
{
	KUNIT_EXPECT_TRUE_MSG(test, kunit_wait_until(all_seen(e)),
			      "events were queued but never serviced");
	KUNIT_EXPECT_TRUE_MSG(test, kunit_wait_until(excl_idle(e)),
			      "the stack never became idle");
}

static void stack_exclusive_under_load(struct kunit *test)
{
	struct task_struct *th[4];
	struct iopkt_stack_stats st;
	struct excl *e;
	int i;

	e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, e);
	e->stk = kunit_stack(test, 90, 4);
	e->work.func = excl_swork;
	e->work.arg = e;
	for (i = 0; i < NSRC; i++) {
		e->src[i].e = e;
		e->src[i].i = i;
		e->src[i].ient.func = excl_event;
		e->src[i].ient.arg = &e->src[i];
		KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(e->stk,
					&e->src[i].ient, 0, 0), 0);
	}
	th[0] = kthread_run(excl_producer_fn, e, "kunit-prod0");
	th[1] = kthread_run(excl_producer_fn, e, "kunit-prod1");
	th[2] = kthread_run(excl_caller_fn, e, "kunit-call0");
	th[3] = kthread_run(excl_caller_fn, e, "kunit-call1");
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_FALSE(test, IS_ERR(th[i]));
	/* load for 2 s at least, and until both kinds of work ran */
	msleep(2000);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic64_read(&e->calls) > 0 &&
						 atomic64_read(&e->swork_runs) > 0));
	for (i = 0; i < 4; i++)
		kthread_stop(th[i]);
	wait_all_seen(test, e);

	iopkt_stack_get_stats(e->stk, &st);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->max_inside), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->not_stack), 0);
	KUNIT_EXPECT_EQ(test, st.violations, 0ULL);
	KUNIT_EXPECT_GT(test, atomic64_read(&e->calls), 0LL);
	KUNIT_EXPECT_GT(test, atomic64_read(&e->swork_runs), 0LL);
	KUNIT_EXPECT_GT(test, st.stack_entries, 0ULL);
	KUNIT_EXPECT_EQ(test, st.swork, (u64)atomic64_read(&e->swork_runs));
	KUNIT_EXPECT_EQ(test, st.stack_calls,
			(u64)(atomic64_read(&e->calls) +
			      atomic64_read(&e->idle_calls)));
	kunit_info(test, "events %llu stack entries %llu calls %llu swork %llu",
		   st.events, st.stack_entries, st.stack_calls, st.swork);
	for (i = 0; i < NSRC; i++)
		interrupt_entry_remove(&e->src[i].ient, NULL);
	iopkt_stack_destroy(e->stk);
}

/* ---- the worker that serviced an event becomes the stack thread ------- */

struct become {
	struct _iopkt_self *stk;
	struct _iopkt_inter src;
	struct iopkt_swork work;
	struct task_struct *event_task;
	struct task_struct *stack_task;
	bool event_in_stack;
	bool work_in_stack;
	struct completion done;
};

static void become_swork(void *arg)
{
	struct become *b = arg;

	b->stack_task = current;
	b->work_in_stack = ISSTACK;
	complete(&b->done);
}

static int become_event(void *arg, struct nw_work_thread *wtp)
{
	struct become *b = arg;

	b->event_task = current;
	b->event_in_stack = ISSTACK;
	iopkt_stack_queue(b->stk, &b->work);
	return 1;
}

static int noop_call(void *arg)
{
	return 0;
}

/*
 * With no stack thread running, the worker that serviced an event becomes
 * the stack thread for the work it produced. (A stack thread still running
 * takes new work itself, as in io-pkt: each round first waits, with a
 * control request, until the stack context is free.)
 */
static void stack_worker_becomes_stack_thread(struct kunit *test)
{
	struct become *b;
	int round;

	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	b->stk = kunit_stack(test, 91, 4);
	b->src.func = become_event;
	b->src.arg = b;
	b->work.func = become_swork;
	b->work.arg = b;
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(b->stk, &b->src, 0, 0),
			0);
	for (round = 0; round < 20; round++) {
		iopkt_stack_call(b->stk, noop_call, NULL);
		init_completion(&b->done);
		KUNIT_EXPECT_EQ(test, interrupt_queue(b->stk, &b->src), 1);
		KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&b->done,
								    KUNIT_GUARD));
		/* serviced outside the stack, then became the stack thread */
		KUNIT_EXPECT_FALSE(test, b->event_in_stack);
		KUNIT_EXPECT_TRUE(test, b->work_in_stack);
		KUNIT_EXPECT_PTR_EQ(test, b->event_task, b->stack_task);
		KUNIT_EXPECT_TRUE(test, !strncmp(b->stack_task->comm,
						 "iopkt91#0x", 10));
	}
	interrupt_entry_remove(&b->src, NULL);
	iopkt_stack_destroy(b->stk);
}

static void stack_call_runs_in_caller(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 92, 2);
	struct excl *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_FALSE(test, ISSTACK);
	KUNIT_EXPECT_NULL(test, WTP);
	KUNIT_EXPECT_EQ(test, iopkt_stack_call(stk, excl_call, e), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&e->calls), 1LL);
	KUNIT_EXPECT_EQ(test, atomic_read(&e->not_stack), 0);
	KUNIT_EXPECT_FALSE(test, ISSTACK);
	iopkt_stack_destroy(stk);
}

/* ---- event sources ----------------------------------------------------- */

struct fair {
	struct _iopkt_self *stk;
	struct _iopkt_inter a, b;
	atomic_t seq;
	int a_calls;
	int a_last_seq;
	int b_seq;
	int enables;
	struct completion done;
	struct completion enabled;
};

static int fair_a(void *arg, struct nw_work_thread *wtp)
{
	struct fair *f = arg;
	int seq = atomic_inc_return(&f->seq);

	if (f->a_calls++ == 0)
		interrupt_queue(f->stk, &f->b);
	f->a_last_seq = seq;
	if (f->a_calls < 50)
		return 0;
	complete(&f->done);
	return 1;
}

static int fair_a_enable(void *arg)
{
	struct fair *f = arg;

	f->enables++;
	complete(&f->enabled);
	return 0;
}

static int fair_b(void *arg, struct nw_work_thread *wtp)
{
	struct fair *f = arg;

	f->b_seq = atomic_inc_return(&f->seq);
	return 1;
}

static void event_return0_goes_to_tail(struct kunit *test)
{
	struct fair *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->stk = kunit_stack(test, 93, 1);
	init_completion(&f->done);
	init_completion(&f->enabled);
	f->a.func = fair_a;
	f->a.enable = fair_a_enable;
	f->a.arg = f;
	f->b.func = fair_b;
	f->b.arg = f;
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(f->stk, &f->a, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(f->stk, &f->b, 0, 0), 0);
	interrupt_queue(f->stk, &f->a);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&f->done,
							    KUNIT_GUARD));
	/* A's last call returned 1: wait for the enable that follows it */
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&f->enabled,
							    KUNIT_GUARD));
	/* A said "more work" at its first call: B, queued then, ran next. */
	KUNIT_EXPECT_EQ(test, f->b_seq, 2);
	KUNIT_EXPECT_EQ(test, f->a_calls, 50);
	KUNIT_EXPECT_EQ(test, f->a_last_seq, 51);
	/* enable only once, after A returned 1 */
	KUNIT_EXPECT_EQ(test, f->enables, 1);
	interrupt_entry_remove(&f->a, NULL);
	interrupt_entry_remove(&f->b, NULL);
	iopkt_stack_destroy(f->stk);
}

struct storm {
	struct excl e;
	struct hrtimer timer;
	atomic_t overlap;
	atomic_t busy[NSRC];
	bool stop;
};

static int storm_event(void *arg, struct nw_work_thread *wtp)
{
	struct srcx *x = arg;
	struct storm *s = container_of(x->e, struct storm, e);
	int i = x->i;

	if (atomic_inc_return(&s->busy[i]) != 1)
		atomic_inc(&s->overlap);
	atomic64_set(&s->e.seen[i], atomic64_read(&s->e.produced[i]));
	udelay(5);
	atomic_dec(&s->busy[i]);
	return get_random_u32_below(4) ? 1 : 0;
}

static enum hrtimer_restart storm_timer(struct hrtimer *t)
{
	struct storm *s = container_of(t, struct storm, timer);
	int i = get_random_u32_below(NSRC);

	atomic64_inc(&s->e.produced[i]);
	interrupt_queue(s->e.stk, &s->e.src[i].ient);
	/* stack work from hard IRQ too: stk_lock must be irq-safe */
	iopkt_stack_queue(s->e.stk, &s->e.work);
	if (READ_ONCE(s->stop))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(200 * NSEC_PER_USEC));
	return HRTIMER_RESTART;
}

static u64 storm_requeued(struct _iopkt_self *stk)
{
	struct iopkt_stack_stats st;

	iopkt_stack_get_stats(stk, &st);
	return st.events_requeued;
}

static void event_storm_no_loss_no_overlap(struct kunit *test)
{
	struct iopkt_stack_stats st;
	struct task_struct *th[3];
	u64 produced = 0, queued = 0, serviced = 0;
	struct storm *s;
	int i;

	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->e.stk = kunit_stack(test, 94, 4);
	s->e.work.func = excl_swork;
	s->e.work.arg = &s->e;
	for (i = 0; i < NSRC; i++) {
		s->e.src[i].e = &s->e;
		s->e.src[i].i = i;
		s->e.src[i].ient.func = storm_event;
		s->e.src[i].ient.arg = &s->e.src[i];
		KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(s->e.stk,
					&s->e.src[i].ient, 0, 0), 0);
	}
	hrtimer_init(&s->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	s->timer.function = storm_timer;
	hrtimer_start(&s->timer, ns_to_ktime(NSEC_PER_MSEC),
		      HRTIMER_MODE_REL_HARD);
	for (i = 0; i < 3; i++) {
		th[i] = kthread_run(excl_producer_fn, &s->e, "kunit-storm%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(th[i]));
	}
	/* storm for 3 s at least, and until some event asked to run again */
	msleep(3000);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(storm_requeued(s->e.stk) > 0));
	for (i = 0; i < 3; i++)
		kthread_stop(th[i]);
	WRITE_ONCE(s->stop, true);
	hrtimer_cancel(&s->timer);
	wait_all_seen(test, &s->e);

	iopkt_stack_get_stats(s->e.stk, &st);
	for (i = 0; i < NSRC; i++) {
		produced += atomic64_read(&s->e.produced[i]);
		queued += s->e.src[i].ient.nqueued;
		serviced += s->e.src[i].ient.nserviced;
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&s->overlap), 0);
	KUNIT_EXPECT_EQ(test, st.violations, 0ULL);
	KUNIT_EXPECT_EQ(test, queued, produced);
	KUNIT_EXPECT_EQ(test, serviced, st.events);
	KUNIT_EXPECT_LE(test, serviced, produced + st.events_requeued);
	KUNIT_EXPECT_GT(test, st.events_requeued, 0ULL);
	kunit_info(test, "produced %llu serviced %llu requeued %llu",
		   produced, serviced, st.events_requeued);
	for (i = 0; i < NSRC; i++)
		interrupt_entry_remove(&s->e.src[i].ient, NULL);
	iopkt_stack_destroy(s->e.stk);
}

static void event_bad_entry_refused(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 95, 1);
	struct _iopkt_inter ient = {};

	KUNIT_EXPECT_EQ(test, interrupt_entry_init_stack(stk, &ient, 0, 0),
			EINVAL);
	iopkt_stack_destroy(stk);
}

static struct kunit_case iopkt_stack_cases[] = {
	KUNIT_CASE(stack_exclusive_under_load),
	KUNIT_CASE(stack_worker_becomes_stack_thread),
	KUNIT_CASE(stack_call_runs_in_caller),
	{}
};

static struct kunit_suite iopkt_stack_suite = {
	.name = "iopkt_stack",
	.test_cases = iopkt_stack_cases,
};

/* ---- priorities ------------------------------------------------------- */

struct prio_src {
	struct _iopkt_inter ient;
	int nice;
	struct completion done;
};

static int prio_event(void *arg, struct nw_work_thread *wtp)
{
	struct prio_src *p = arg;

	p->nice = task_nice(current);
	complete(&p->done);
	return 1;
}

static int prio_nice_of(struct kunit *test, struct _iopkt_self *stk,
			struct prio_src *p)
{
	reinit_completion(&p->done);
	interrupt_queue(stk, &p->ient);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&p->done,
							    KUNIT_GUARD));
	return p->nice;
}

static void event_priorities(struct kunit *test)
{
	struct _iopkt_self *stk = kunit_stack(test, 96, 2);
	struct prio_src *p;
	static const int prio[4] = { 30, 0, 40, 50 };
	int i;

	p = kunit_kcalloc(test, 4, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 4; i++) {
		p[i].ient.func = prio_event;
		p[i].ient.arg = &p[i];
		init_completion(&p[i].done);
	}
	for (i = 0; i < 2; i++)
		KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, &p[i].ient,
							0, prio[i]), 0);
	/* QNX 30 -> nice -20; no priority of its own -> rx_prio 21 -> -11 */
	KUNIT_EXPECT_EQ(test, prio_nice_of(test, stk, &p[0]), -20);
	KUNIT_EXPECT_EQ(test, prio_nice_of(test, stk, &p[1]), -11);
	/* three sources with a priority, two threads: priorities ignored */
	for (i = 2; i < 4; i++)
		KUNIT_ASSERT_EQ(test, interrupt_entry_init_stack(stk, &p[i].ient,
							0, prio[i]), 0);
	KUNIT_EXPECT_EQ(test, prio_nice_of(test, stk, &p[0]), -11);
	KUNIT_EXPECT_EQ(test, prio_nice_of(test, stk, &p[3]), -11);
	/* back to two: honoured again */
	interrupt_entry_remove(&p[2].ient, NULL);
	KUNIT_EXPECT_EQ(test, prio_nice_of(test, stk, &p[3]), -20);
	for (i = 0; i < 4; i++)
		if (i != 2)
			interrupt_entry_remove(&p[i].ient, NULL);
	iopkt_stack_destroy(stk);
}

static struct kunit_case iopkt_event_cases[] = {
	KUNIT_CASE(event_priorities),
	KUNIT_CASE(event_return0_goes_to_tail),
	KUNIT_CASE(event_storm_no_loss_no_overlap),
	KUNIT_CASE(event_bad_entry_refused),
	{}
};

static struct kunit_suite iopkt_event_suite = {
	.name = "iopkt_event",
	.test_cases = iopkt_event_cases,
};

kunit_test_suites(&iopkt_stack_suite, &iopkt_event_suite);
