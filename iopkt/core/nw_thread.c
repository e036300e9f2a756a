// SPDX-License-Identifier: GPL-2.0
/*
 * Tracked threads (nw_thread_create/nw_thread_reap) and quiesce.
 *
 * quiesce_all() stops every worker and tracked thread of an instance at
 * quiesce_block() for an exclusive operation done in the stack context;
 * unquiesce_all() lets them go. A tracked thread learns about it through its
 * quiesce callout, which must make it call quiesce_block(die); die=1 (from
 * nw_thread_reap() or instance destroy) makes it exit there.
 */
/*
 * io-pkt API: functions named as in io-pkt return io-pkt's EOK or a positive
 * errno (BSD style), not Linux's negative ones. (lint: bsd-errno)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include <iopkt/nw_thread.h>

#include "core/stack_impl.h"

int iopkt_tracked_fn(void *arg)
{
	struct nw_work_thread *t = arg;

	t->init_ret = t->init_fn ? t->init_fn(t->init_arg) : EOK;
	complete(&t->started);
	if (t->init_ret == EOK && !READ_ONCE(t->dying))
		t->func(t->func_arg);
	iopkt_mcache_drain(&t->mcache);
	complete(&t->exited);
	return 0;
}

static struct _iopkt_self *stack_of_caller(const char *what)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct _iopkt_self *stk = wtp ? wtp->stack : NULL;

	if (!stk || READ_ONCE(stk->stk_owner) != current) {
		iopkt_misuse(stk, what);
		return NULL;
	}
	return stk;
}

/**
 * nw_thread_setname() - name the calling thread (pthread_setname_np)
 * @name: the name; Linux keeps 15 characters
 *
 * Return: EOK.
 */
int nw_thread_setname(const char *name)
{
	/* set_task_comm() is not exported to modules; do what it does. */
	task_lock(current);
	strscpy_pad(current->comm, name, sizeof(current->comm));
	task_unlock(current);
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(nw_thread_setname, IOPKT);

static void tracked_free(struct _iopkt_self *stk, struct nw_work_thread *t)
{
	mutex_lock(&stk->thr_lock);
	idr_remove(&stk->thr_idr, t->tidx);
	list_del_init(&t->node);
	mutex_unlock(&stk->thr_lock);
	put_task_struct(t->task);
	kfree(t);
}

/**
 * nw_thread_create() - start a thread io-pkt tracks
 * @tidp: where the thread id goes
 * @attr: unused (pthread attributes), may be NULL
 * @func: the thread's body
 * @arg: its argument
 * @flags: unused, 0
 * @init_fn: runs first in the new thread; must name it (nw_thread_setname())
 *	and set WTP->quiesce_callout and quiesce_arg; returns EOK or an errno
 * @init_arg: its argument
 *
 * Stack context only. Returns once @init_fn has run.
 *
 * Return: EOK, EPERM outside the stack context, ENOMEM, or what @init_fn
 * returned (the thread has then exited).
 */
int nw_thread_create(int *tidp, const void *attr, void *(*func)(void *),
		     void *arg, int flags, int (*init_fn)(void *),
		     void *init_arg)
{
	struct _iopkt_self *stk = stack_of_caller("nw_thread_create");
	struct task_struct *task;
	struct nw_work_thread *t;
	int id, ret;

	if (!stk)
		return EPERM;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return ENOMEM;
	t->kind = NW_THREAD_TRACKED;
	t->stack = stk;
	t->func = func;
	t->func_arg = arg;
	t->init_fn = init_fn;
	t->init_arg = init_arg;
	INIT_LIST_HEAD(&t->node);
	init_completion(&t->started);
	init_completion(&t->exited);

	mutex_lock(&stk->thr_lock);
	id = idr_alloc(&stk->thr_idr, t, 1, 0, GFP_KERNEL);
	mutex_unlock(&stk->thr_lock);
	if (id < 0) {
		kfree(t);
		return ENOMEM;
	}
	t->tidx = id;
	task = kthread_create(iopkt_tracked_fn, t, "iopkt#0x%02x",
			      stk->nworkers + id - 1);
	if (IS_ERR(task)) {
		mutex_lock(&stk->thr_lock);
		idr_remove(&stk->thr_idr, id);
		mutex_unlock(&stk->thr_lock);
		kfree(t);
		return ENOMEM;
	}
	get_task_struct(task);
	t->task = task;
	wake_up_process(task);
	wait_for_completion(&t->started);
	if (t->init_ret != EOK) {
		ret = t->init_ret;
		wait_for_completion(&t->exited);
		tracked_free(stk, t);
		return ret;
	}
	mutex_lock(&stk->thr_lock);
	list_add_tail(&t->node, &stk->tracked);
	mutex_unlock(&stk->thr_lock);
	*tidp = id;
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(nw_thread_create, IOPKT);

/* Tell a tracked thread to die and wait until it has. */
static void tracked_kill(struct _iopkt_self *stk, struct nw_work_thread *t)
{
	WRITE_ONCE(t->dying, true);
	if (!completion_done(&t->exited)) {
		if (t->quiesce_callout)
			t->quiesce_callout(t->quiesce_arg, 1);
		else
			pr_warn("instance %d: tracked thread %d has no quiesce callout; waiting for it to end\n",
				stk->instance, t->tidx);
		wake_up_all(&stk->release_wq);
		while (!wait_for_completion_timeout(&t->exited, 10 * HZ))
			pr_warn("instance %d: tracked thread %d (%s) has not called quiesce_block(1) in 10 s\n",
				stk->instance, t->tidx, t->task->comm);
	}
	tracked_free(stk, t);
}

/**
 * nw_thread_reap() - make a tracked thread exit and wait for it
 * @tid: its id from nw_thread_create()
 *
 * Stack context only; not by the thread itself.
 *
 * Return: EOK, EPERM outside the stack context, ESRCH for an unknown id,
 * EDEADLK for the calling thread.
 */
int nw_thread_reap(int tid)
{
	struct _iopkt_self *stk = stack_of_caller("nw_thread_reap");
	struct nw_work_thread *t;

	if (!stk)
		return EPERM;
	mutex_lock(&stk->thr_lock);
	t = idr_find(&stk->thr_idr, tid);
	mutex_unlock(&stk->thr_lock);
	if (!t)
		return ESRCH;
	if (t->task == current)
		return EDEADLK;
	tracked_kill(stk, t);
	return EOK;
}
EXPORT_SYMBOL_NS_GPL(nw_thread_reap, IOPKT);

void iopkt_threads_reap_all(struct _iopkt_self *stk)
{
	struct nw_work_thread *t;

	for (;;) {
		mutex_lock(&stk->thr_lock);
		t = list_first_entry_or_null(&stk->tracked,
					     struct nw_work_thread, node);
		mutex_unlock(&stk->thr_lock);
		if (!t)
			break;
		tracked_kill(stk, t);
	}
}

/**
 * quiesce_block() - block here while the instance is quiesced
 * @die: 1 to exit the thread instead (tracked threads only)
 *
 * Called by tracked threads when their quiesce callout asks, and by workers.
 */
void quiesce_block(int die)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct _iopkt_self *stk = wtp ? wtp->stack : NULL;

	if (!stk || (wtp->kind != NW_THREAD_TRACKED &&
		     wtp->kind != NW_THREAD_WORKER)) {
		pr_err_ratelimited("%s() called by %s[%d], which is not an io-pkt worker or tracked thread\n",
				   __func__, current->comm,
				   task_pid_nr(current));
		return;
	}
	if (die && wtp->kind == NW_THREAD_TRACKED) {
		iopkt_mcache_drain(&wtp->mcache);
		kthread_complete_and_exit(&wtp->exited, 0);
	}
	if (!READ_ONCE(stk->quiesce))
		return;
	wtp->quiesced = true;
	atomic_inc(&stk->quiesce_blocked);
	wake_up_all(&stk->quiesce_wq);
	wait_event_idle(stk->release_wq, !READ_ONCE(stk->quiesce) ||
			READ_ONCE(wtp->dying) || READ_ONCE(stk->stopping));
	atomic_dec(&stk->quiesce_blocked);
	wtp->quiesced = false;
	if (READ_ONCE(wtp->dying) && wtp->kind == NW_THREAD_TRACKED) {
		iopkt_mcache_drain(&wtp->mcache);
		kthread_complete_and_exit(&wtp->exited, 0);
	}
}
EXPORT_SYMBOL_NS_GPL(quiesce_block, IOPKT);

void iopkt_quiesce_check(struct nw_work_thread *wtp)
{
	if (READ_ONCE(wtp->stack->quiesce))
		quiesce_block(0);
}

static int quiesce_expected(struct _iopkt_self *stk)
{
	struct nw_work_thread *wtp = iopkt_wtp();
	struct nw_work_thread *t;
	int n = stk->nworkers;

	if (wtp && wtp->kind == NW_THREAD_WORKER && wtp->stack == stk)
		n--;
	n -= atomic_read(&stk->workers_asleep);
	mutex_lock(&stk->thr_lock);
	list_for_each_entry(t, &stk->tracked, node)
		if (!completion_done(&t->exited))
			n++;
	mutex_unlock(&stk->thr_lock);
	return n;
}

/**
 * quiesce_all() - block every worker and tracked thread of the instance
 *
 * Stack context only. Calls each tracked thread's quiesce callout with
 * die=0 and returns when all of them and all other workers sit in
 * quiesce_block(). Workers asleep in ltsleep() count as quiesced: they
 * cannot run until the stack context is released. Like io-pkt, waits as long
 * as a tracked thread needs, with a warning every 10 s.
 */
void quiesce_all(void)
{
	struct _iopkt_self *stk = stack_of_caller("quiesce_all");
	struct nw_work_thread *t;
	int expected;

	if (!stk)
		return;
	WRITE_ONCE(stk->quiesce, true);
	mutex_lock(&stk->thr_lock);
	list_for_each_entry(t, &stk->tracked, node)
		if (t->quiesce_callout && !completion_done(&t->exited))
			t->quiesce_callout(t->quiesce_arg, 0);
	mutex_unlock(&stk->thr_lock);
	wake_up_all(&stk->worker_wq);
	/* Stable while we hold the stack context: no thread can be added. */
	expected = quiesce_expected(stk);
	while (!wait_event_idle_timeout(stk->quiesce_wq,
					atomic_read(&stk->quiesce_blocked) >=
					expected, 10 * HZ))
		pr_warn("instance %d: %s() still waiting: %d of %d threads blocked\n",
			stk->instance, __func__,
			atomic_read(&stk->quiesce_blocked), expected);
}
EXPORT_SYMBOL_NS_GPL(quiesce_all, IOPKT);

/**
 * unquiesce_all() - let the threads blocked by quiesce_all() go
 *
 * Stack context only.
 */
void unquiesce_all(void)
{
	struct _iopkt_self *stk = stack_of_caller("unquiesce_all");

	if (!stk)
		return;
	WRITE_ONCE(stk->quiesce, false);
	wake_up_all(&stk->release_wq);
}
EXPORT_SYMBOL_NS_GPL(unquiesce_all, IOPKT);
