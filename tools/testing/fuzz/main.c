// SPDX-License-Identifier: GPL-2.0
/*
 * iopkt-fuzz --surface ioctl|tun|genl|all --seed N --iterations N
 *	      [--threads N] [--replay I] [--hang SECONDS] [--churn-ms MS] [-v]
 *
 * Runs the surfaces one after the other: THREADS workers share the
 * iterations of a surface while a churn thread creates and destroys
 * interfaces and instances under them. A watchdog aborts with the seed and
 * the request in flight when one does not return within --hang seconds.
 * At the end the stack must still work. Exit status 0: no crash, no hang,
 * no unexpected errno, healthy stack.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

struct fuzz fz = { .seed = 1, .iterations = 10000, .threads = 3,
		   .replay = -1, .churn_ms = 10 };

static const struct surface_ops *surfaces[S_COUNT] = {
	[S_IOCTL] = &ioctl_surface,
	[S_TUN] = &tun_surface,
	[S_GENL] = &genl_surface,
};

static struct worker *workers;
static int nworkers;
static unsigned int hang_secs = 300;
static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int arena_init(struct arena *a)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *m;

	m = mmap(NULL, ARENA_SIZE + 2 * pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return -1;
	a->base = m;
	a->ro = m + ARENA_SIZE + pg;
	if (mprotect(m + ARENA_SIZE, pg, PROT_NONE) ||
	    mprotect(a->ro, pg, PROT_READ))
		return -1;
	return 0;
}

void begin(struct worker *w, uint64_t iter, const char *fmt, ...)
{
	va_list ap;

	w->iter = iter;
	va_start(ap, fmt);
	vsnprintf(w->desc, sizeof(w->desc), fmt, ap);
	va_end(ap);
	if (fz.verbose || fz.replay >= 0)
		printf("iopkt-fuzz: %s #%" PRIu64 ": %s\n",
		       surfaces[w->surface]->name, iter, w->desc);
	atomic_store(&w->busy_since, now_ns());
}

void end(struct worker *w)
{
	atomic_store(&w->busy_since, 0);
}

int errno_in(int err, const int *set)
{
	for (; *set; set++)
		if (*set == err)
			return 1;
	return 0;
}

void judge(struct worker *w, int err, const int *allowed)
{
	if (!err || errno_in(err, allowed)) {
		if (!err)
			atomic_fetch_add(&fz.ok[w->surface], 1);
		return;
	}
	if (atomic_fetch_add(&fz.bad_errno[w->surface], 1) < 20) {
		pthread_mutex_lock(&report_lock);
		printf("iopkt-fuzz: UNEXPECTED %s (%d): seed %" PRIu64
		       " surface %s iteration %" PRIu64 ": %s\n",
		       strerror(err), err, fz.seed, surfaces[w->surface]->name,
		       w->iter, w->desc);
		pthread_mutex_unlock(&report_lock);
	}
}

static void *watchdog(void *arg)
{
	uint64_t t, limit = (uint64_t)hang_secs * 1000000000ULL;
	int i;

	(void)arg;
	for (;;) {
		sleep(1);
		for (i = 0; i < nworkers; i++) {
			t = atomic_load(&workers[i].busy_since);
			if (!t || now_ns() - t < limit)
				continue;
			printf("iopkt-fuzz: HANG: seed %" PRIu64 " surface %s iteration %"
			       PRIu64 " did not return in %u s: %s\n", fz.seed,
			       surfaces[workers[i].surface]->name,
			       workers[i].iter, hang_secs, workers[i].desc);
			fflush(stdout);
			_exit(3);
		}
	}
	return NULL;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	const struct surface_ops *s = surfaces[w->surface];
	uint64_t i;
	struct rng r;

	for (i = w->id; i < fz.iterations; i += fz.threads) {
		r = rng_for(fz.seed, w->surface, i);
		s->one(w, &r, i);
		atomic_fetch_add(&fz.done[w->surface], 1);
	}
	return NULL;
}

static int run_surface(int sf)
{
	const struct surface_ops *s = surfaces[sf];
	pthread_t th[64], churn;
	uint64_t t0 = now_ns(), dt;
	struct rng r;
	int i, err = 0;

	for (i = 0; i < fz.threads; i++) {
		workers[i].surface = sf;
		if (s->init(&workers[i]))
			return 1;
	}
	if (fz.replay >= 0) {
		r = rng_for(fz.seed, sf, fz.replay);
		workers[0].id = fz.replay % fz.threads;
		s->one(&workers[0], &r, fz.replay);
		atomic_fetch_add(&fz.done[sf], 1);
		s->fini(&workers[0]);
		return 0;
	}
	atomic_store(&fz.stop_churn, 0);
	if (pthread_create(&churn, NULL, churn_main, (void *)(intptr_t)sf))
		return 1;
	for (i = 0; i < fz.threads; i++)
		if (pthread_create(&th[i], NULL, worker_main, &workers[i]))
			return 1;
	for (i = 0; i < fz.threads; i++)
		pthread_join(th[i], NULL);
	atomic_store(&fz.stop_churn, 1);
	pthread_join(churn, NULL);
	for (i = 0; i < fz.threads; i++)
		s->fini(&workers[i]);
	dt = (now_ns() - t0) / 1000000;
	printf("iopkt-fuzz: surface %s: %" PRIu64 " inputs (%" PRIu64
	       " succeeded), %" PRIu64 " unexpected errnos, %" PRIu64
	       ".%03" PRIu64 " s, %" PRIu64 " inputs/s, seed %" PRIu64 "\n",
	       s->name, atomic_load(&fz.done[sf]), atomic_load(&fz.ok[sf]),
	       atomic_load(&fz.bad_errno[sf]), dt / 1000, dt % 1000,
	       dt ? atomic_load(&fz.done[sf]) * 1000 / dt : 0, fz.seed);
	fflush(stdout);
	if (atomic_load(&fz.bad_errno[sf]))
		err = 1;
	return err;
}

static void bad_usage(void)
{
	static const char text[] =
		"usage: iopkt-fuzz --surface ioctl|tun|genl|all --seed N --iterations N [--threads N] [--replay I] [--hang S] [--churn-ms MS] [-v]\n";

	fputs(text, stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "surface", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "threads", required_argument, NULL, 't' },
		{ "replay", required_argument, NULL, 'r' },
		{ "hang", required_argument, NULL, 'h' },
		{ "churn-ms", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	int which[S_COUNT] = { 0 }, any = 0, c, i, failed = 0;
	pthread_t wd;

	while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!strcmp(optarg, "all")) {
				for (i = 0; i < S_COUNT; i++)
					which[i] = 1;
				break;
			}
			for (i = 0; i < S_COUNT; i++)
				if (!strcmp(optarg, surfaces[i]->name))
					which[i] = 1;
			break;
		case 'S':
			fz.seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			fz.iterations = strtoull(optarg, NULL, 0);
			break;
		case 't':
			fz.threads = atoi(optarg);
			break;
		case 'r':
			fz.replay = strtoll(optarg, NULL, 0);
			break;
		case 'h':
			hang_secs = atoi(optarg);
			break;
		case 'c':
			fz.churn_ms = atoi(optarg);
			break;
		case 'v':
			fz.verbose++;
			break;
		default:
			bad_usage();
		}
	}
	for (i = 0; i < S_COUNT; i++)
		any |= which[i];
	if (!any || optind != argc || fz.threads < 1 || fz.threads > 64 ||
	    hang_secs < 1 || fz.churn_ms < 0)
		bad_usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGIO, SIG_IGN);
	nworkers = fz.threads;
	workers = calloc(nworkers, sizeof(*workers));
	if (!workers)
		return 1;
	for (i = 0; i < nworkers; i++) {
		workers[i].id = i;
		if (arena_init(&workers[i].arena)) {
			perror("iopkt-fuzz: arena");
			return 1;
		}
	}
	printf("iopkt-fuzz: seed %" PRIu64 ", %" PRIu64
	       " iterations per surface, %d threads\n", fz.seed,
	       fz.iterations, fz.threads);
	if (pthread_create(&wd, NULL, watchdog, NULL))
		return 1;
	for (i = 0; i < S_COUNT; i++)
		if (which[i] && run_surface(i))
			failed = 1;
	if (health_check()) {
		printf("iopkt-fuzz: FAIL: the stack does not work after the fuzzing\n");
		failed = 1;
	}
	printf("iopkt-fuzz: %s, seed %" PRIu64 "\n", failed ? "FAIL" : "ok",
	       fz.seed);
	return failed;
}
