/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iopkt-fuzz: a seeded, mutational fuzzer for the iopkt control plane
 * (Documentation/testing.md, "Fuzzing the control plane").
 *
 * Every input is a function of (seed, surface, iteration) only: worker
 * threads take iterations i = t, t + T, ..., seed their generator from
 * rng_for(seed, surface, i), build a valid request and mutate it. A failure
 * prints seed and iteration; --replay I runs that one input again.
 */
#ifndef IOPKT_FUZZ_H
#define IOPKT_FUZZ_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

enum surface { S_IOCTL, S_TUN, S_GENL, S_COUNT };

/* splitmix64: small, fast and good enough to pick mutations */
struct rng {
	uint64_t s;
};

static inline uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in [0, n) (n > 0) */
static inline uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(rng_next(r) % n);
}

/* true with probability 1/n */
static inline int rng_one_in(struct rng *r, uint32_t n)
{
	return rng_below(r, n) == 0;
}

static inline struct rng rng_for(uint64_t seed, int surface, uint64_t iter)
{
	struct rng r = { seed ^ ((uint64_t)(surface + 1) << 56) };

	r.s ^= rng_next(&r) ^ iter * 0xd1342543de82ef95ULL;
	return r;
}

/*
 * Memory the kernel may write into: requests and their embedded buffers
 * live in a per-thread arena followed by an inaccessible page, so a
 * mutated length can never overwrite the fuzzer's own data.
 */
#define ARENA_SIZE	(1024 * 1024)

struct arena {
	uint8_t *base;		/* ARENA_SIZE bytes, then a PROT_NONE page */
	uint8_t *ro;		/* a read-only page */
};

int arena_init(struct arena *a);

/* One worker: what it is doing, for the watchdog. */
struct worker {
	int id;
	int surface;

	struct arena arena;
	atomic_uint_least64_t busy_since;	/* ns, 0 when idle */
	uint64_t iter;
	char desc[192];			/* the request in flight */
	void *priv;			/* the surface's per-thread state */
};

struct fuzz {
	uint64_t seed;
	uint64_t iterations;		/* per surface */
	int threads;
	int verbose;
	int churn_ms;			/* longest pause between churn steps */
	int64_t replay;			/* -1 or the one iteration to run */
	atomic_int stop_churn;
	atomic_uint_least64_t done[S_COUNT];
	atomic_uint_least64_t bad_errno[S_COUNT];
	atomic_uint_least64_t ok[S_COUNT];
};

extern struct fuzz fz;

/* A surface: per-thread setup, one input, teardown. */
struct surface_ops {
	const char *name;
	int (*init)(struct worker *w);
	void (*one)(struct worker *w, struct rng *r, uint64_t iter);
	void (*fini)(struct worker *w);
};

extern const struct surface_ops ioctl_surface, tun_surface, genl_surface;

uint64_t now_ns(void);
void begin(struct worker *w, uint64_t iter, const char *fmt, ...);
void end(struct worker *w);

/*
 * Judge one result: ERR is 0 or the errno; ALLOWED the errnos this request
 * may get (0-terminated); a result outside it is counted and printed with
 * the seed and iteration.
 */
void judge(struct worker *w, int err, const int *allowed);
int errno_in(int err, const int *set);

/* Mutation helpers (mutate.c). */
uint64_t bad_pointer(struct worker *w, struct rng *r, size_t len);
void flip_bits(struct rng *r, void *buf, size_t len);
void mutate_name(struct rng *r, char *name, size_t size);
uint32_t odd_number(struct rng *r);

/* Names the requests use: interfaces that come and go. */
const char *pick_ifname(struct rng *r);
#define FUZZ_TUNTAP_UNITS	4

/* The interface churn and the final check (churn.c). */
void *churn_main(void *arg);
int health_check(void);

/* The generic netlink family (genl_sock.c). */
struct gsock;
struct gsock *gsock_open(void);
void gsock_close(struct gsock *g);
int gsock_family(struct gsock *g);
/* send LEN bytes; wait for the ack of SEQ if WAIT; 0 or errno, -1 none */
int gsock_xfer(struct gsock *g, const void *msg, size_t len, uint32_t seq,
	       int wait);
uint32_t gsock_seq(struct gsock *g);
int genl_simple(struct gsock *g, int cmd, int instance, const char *name,
		const char *options);

#endif /* IOPKT_FUZZ_H */
