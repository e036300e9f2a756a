// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite iopkt_mbuf_model: random sequences of mbuf operations on a
 * chain mixing small mbufs, clusters and clusters shared with other chains,
 * checked byte for byte against a flat buffer after every step. Chains that
 * share clusters with the one under test are kept and checked at the end:
 * writes must never show through shared storage.
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <iopkt/mbuf.h>

#include "tests/mbuf_kunit.h"

#define MODEL_MAX	9000	/* the model is trimmed back above this */
#define MODEL_BUF	(MODEL_MAX + 8192)
#define MODEL_OPS	900
#define MODEL_HOLDERS	6

struct model_holder {
	struct mbuf *m;
	u8 *flat;
	int len;
};

struct model {
	struct kunit *test;
	struct rnd_state rnd;
	struct mbuf *m;
	u8 *flat;	/* what the chain must hold */
	int len;
	u8 *tmp;	/* scratch for reading the chain back */
	u8 *src;	/* random bytes written by an operation */
	struct model_holder hold[MODEL_HOLDERS];
	int step;
	const char *op;
};

static u32 rnd(struct model *c, u32 n)
{
	return n ? prandom_u32_state(&c->rnd) % n : 0;
}

/* every mbuf's data lies inside its storage; only the first has M_PKTHDR */
static void model_check_shape(struct model *c, struct mbuf *m0)
{
	struct kunit *test = c->test;
	struct mbuf *m;

	for (m = m0; m; m = m->m_next) {
		char *lo = M_BUFADDR(m), *hi = lo + M_BUFSIZE(m);

		KUNIT_ASSERT_TRUE_MSG(test, m->m_len >= 0 && m->m_data >= lo &&
				      m->m_data + m->m_len <= hi,
				      "step %d (%s): data outside storage",
				      c->step, c->op);
		KUNIT_ASSERT_EQ_MSG(test, !!(m->m_flags & M_PKTHDR), m == m0,
				    "step %d (%s): M_PKTHDR misplaced",
				    c->step, c->op);
	}
}

static void model_check_chain(struct model *c, struct mbuf *m, const u8 *flat,
			      int len)
{
	struct kunit *test = c->test;

	KUNIT_ASSERT_NOT_NULL(test, m);
	model_check_shape(c, m);
	KUNIT_ASSERT_EQ_MSG(test, m_length(m), len, "step %d (%s)", c->step,
			    c->op);
	KUNIT_ASSERT_EQ_MSG(test, m->m_pkthdr.len, len, "step %d (%s)",
			    c->step, c->op);
	KUNIT_ASSERT_EQ(test, m_copydata(m, 0, len, c->tmp), 0);
	KUNIT_ASSERT_EQ_MSG(test, memcmp(c->tmp, flat, len), 0,
			    "step %d (%s): data differs", c->step, c->op);
}

static void model_check(struct model *c)
{
	model_check_chain(c, c->m, c->flat, c->len);
}

/* keep chain @m (a copy sharing storage with the chain under test) */
static void model_hold(struct model *c, struct mbuf *m, const u8 *flat,
		       int len)
{
	struct model_holder *h = &c->hold[rnd(c, MODEL_HOLDERS)];

	if (h->m) {
		model_check_chain(c, h->m, h->flat, h->len);
		m_freem(h->m);
	}
	h->m = m;
	memcpy(h->flat, flat, len);
	h->len = len;
}

static void model_release_holders(struct model *c)
{
	int i;

	for (i = 0; i < MODEL_HOLDERS; i++) {
		struct model_holder *h = &c->hold[i];

		if (!h->m)
			continue;
		c->op = "holder";
		model_check_chain(c, h->m, h->flat, h->len);
		m_freem(h->m);
		h->m = NULL;
	}
}

/* append a piece to the chain under construction: small, cluster, shared */
static struct mbuf *model_piece(struct model *c)
{
	struct kunit *test = c->test;
	int kind = rnd(c, 3), k, off;
	struct mbuf *n, *src;

	if (kind == 0) {
		n = m_get(M_WAITOK, MT_DATA);
		KUNIT_ASSERT_NOT_NULL(test, n);
		k = 1 + rnd(c, MLEN);
		n->m_data += rnd(c, MLEN - k + 1);
		prandom_bytes_state(&c->rnd, n->m_data, k);
		n->m_len = k;
		return n;
	}
	n = m_getcl(M_WAITOK, MT_DATA, 0);
	KUNIT_ASSERT_NOT_NULL(test, n);
	k = 1 + rnd(c, min(MCLBYTES, 2500));
	n->m_data += rnd(c, MCLBYTES - k + 1);
	prandom_bytes_state(&c->rnd, n->m_data, k);
	n->m_len = k;
	if (kind == 1)
		return n;
	/* a copy of part of it; the original is held elsewhere */
	src = n;
	off = rnd(c, k);
	n = m_copym(src, off, 1 + rnd(c, k - off), M_WAITOK);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_ASSERT_TRUE(test, M_READONLY(n) && M_READONLY(src));
	/*
	 * Holders are packets. A cluster mbuf's pkthdr space is not its data
	 * (m_ext comes after it): it may be set up whole, tags included.
	 */
	src->m_flags |= M_PKTHDR;
	memset(&src->m_pkthdr, 0, sizeof(src->m_pkthdr));
	src->m_pkthdr.len = src->m_len;
	model_hold(c, src, (u8 *)src->m_data, src->m_len);
	return n;
}

static void model_build(struct model *c)
{
	struct kunit *test = c->test;
	struct mbuf *last, *n;
	int pieces = 1 + rnd(c, 5);

	c->m = m_gethdr(M_WAITOK, MT_DATA);
	KUNIT_ASSERT_NOT_NULL(test, c->m);
	c->len = 0;
	last = c->m;
	while (pieces--) {
		n = model_piece(c);
		KUNIT_ASSERT_LE(test, c->len + n->m_len, MODEL_BUF);
		memcpy(c->flat + c->len, n->m_data, n->m_len);
		c->len += n->m_len;
		last->m_next = n;
		last = n;
	}
	c->m->m_pkthdr.len = c->len;
}

static void op_prepend(struct model *c)
{
	int k = 1 + rnd(c, rnd(c, 2) ? 16 : 400);

	c->op = "prepend";
	prandom_bytes_state(&c->rnd, c->src, k);
	M_PREPEND(c->m, k, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(c->test, c->m);
	KUNIT_ASSERT_GE(c->test, c->m->m_len, k);
	memcpy(mtod(c->m, u8 *), c->src, k);
	memmove(c->flat + k, c->flat, c->len);
	memcpy(c->flat, c->src, k);
	c->len += k;
}

/* m_copyback at @off (maybe past the end: the gap reads as zeroes) */
static void op_copyback_at(struct model *c, int off, int k)
{
	prandom_bytes_state(&c->rnd, c->src, k);
	KUNIT_ASSERT_EQ(c->test, m_copyback(c->m, off, k, c->src), 0);
	if (off > c->len)
		memset(c->flat + c->len, 0, off - c->len);
	memcpy(c->flat + off, c->src, k);
	c->len = max(c->len, off + k);
}

static void op_copyback(struct model *c)
{
	int kind = rnd(c, 3), off;

	if (kind == 0 || !c->len) {
		c->op = "copyback append";
		op_copyback_at(c, c->len, 1 + rnd(c, 2500));
	} else if (kind == 1) {
		c->op = "copyback past end";
		op_copyback_at(c, c->len + rnd(c, 300), 1 + rnd(c, 300));
	} else {
		c->op = "copyback middle";
		off = rnd(c, c->len);
		op_copyback_at(c, off, 1 + rnd(c, min(c->len - off + 64, 1500)));
	}
}

static void op_adj(struct model *c)
{
	int k = rnd(c, min(c->len, 600) + 1);

	if (rnd(c, 2)) {
		c->op = "adj head";
		m_adj(c->m, k);
		memmove(c->flat, c->flat + k, c->len - k);
	} else {
		c->op = "adj tail";
		m_adj(c->m, -k);
	}
	c->len -= k;
}

static void op_split_cat(struct model *c)
{
	struct kunit *test = c->test;
	int off = rnd(c, c->len + 1);
	struct mbuf *tail;

	c->op = "split";
	tail = m_split(c->m, off, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(test, tail);
	model_check_chain(c, c->m, c->flat, off);
	model_check_chain(c, tail, c->flat + off, c->len - off);
	c->op = "cat";
	m_cat(c->m, tail);
	c->m->m_pkthdr.len = c->len;
}

static void op_copym(struct model *c)
{
	struct kunit *test = c->test;
	int off = rnd(c, c->len), k;
	struct mbuf *n;

	c->op = "copym";
	if (!c->len)
		return;
	if (rnd(c, 2)) {
		off = 0;
		n = m_copym(c->m, 0, M_COPYALL, M_DONTWAIT);
		k = c->len;
	} else {
		k = 1 + rnd(c, c->len - off);
		n = m_copym(c->m, off, k, M_DONTWAIT);
	}
	KUNIT_ASSERT_NOT_NULL(test, n);
	if (!(n->m_flags & M_PKTHDR)) {
		/* copies from the middle have no header: give them one */
		struct mbuf *h = m_gethdr(M_DONTWAIT, MT_DATA);

		KUNIT_ASSERT_NOT_NULL(test, h);
		h->m_next = n;
		h->m_pkthdr.len = k;
		n = h;
	}
	model_check_chain(c, n, c->flat + off, k);
	if (rnd(c, 3))
		model_hold(c, n, c->flat + off, k);
	else
		m_freem(n);
}

static void op_dup(struct model *c)
{
	struct mbuf *n;

	c->op = "dup";
	n = rnd(c, 2) ? m_dup(c->m, 0, M_COPYALL, M_DONTWAIT) :
			m_copypacket(c->m, M_DONTWAIT);
	KUNIT_ASSERT_NOT_NULL(c->test, n);
	model_check_chain(c, n, c->flat, c->len);
	m_freem(n);
}

static void op_pullup(struct model *c)
{
	int k;

	c->op = "pullup";
	if (!c->len)
		return;
	k = 1 + rnd(c, min(c->len, rnd(c, 4) ? MHLEN : 1200));
	c->m = m_pullup(c->m, k);
	KUNIT_ASSERT_NOT_NULL(c->test, c->m);
	KUNIT_ASSERT_GE(c->test, c->m->m_len, k);
}

static void op_makewritable(struct model *c)
{
	struct mbuf *m;

	c->op = "makewritable";
	KUNIT_ASSERT_EQ(c->test, m_makewritable(c->m, M_DONTWAIT), 0);
	for (m = c->m; m; m = m->m_next)
		KUNIT_ASSERT_TRUE(c->test, !m->m_len || M_WRITABLE(m));
}

static void (*const model_ops[])(struct model *c) = {
	op_prepend, op_copyback, op_copyback, op_adj, op_split_cat,
	op_copym, op_dup, op_pullup, op_makewritable,
};

static void model_step(struct model *c)
{
	model_ops[rnd(c, ARRAY_SIZE(model_ops))](c);
	model_check(c);
	if (c->len > MODEL_MAX) {
		c->op = "trim";
		m_adj(c->m, -(c->len - MODEL_MAX / 2));
		c->len = MODEL_MAX / 2;
		model_check(c);
	}
}

static const u64 model_seeds[] = { 1, 2, 3, 0x10f, 0xdeadbeef };

static void seed_desc(const u64 *seed, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "seed %llu", *seed);
}

KUNIT_ARRAY_PARAM(model_seed, model_seeds, seed_desc);

static void mbuf_model_random_ops(struct kunit *test)
{
	const u64 *seed = test->param_value;
	struct model *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->test = test;
	prandom_seed_state(&c->rnd, *seed);
	c->flat = kunit_kzalloc(test, MODEL_BUF, GFP_KERNEL);
	c->tmp = kunit_kzalloc(test, MODEL_BUF, GFP_KERNEL);
	c->src = kunit_kzalloc(test, MODEL_BUF, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, c->flat && c->tmp && c->src);
	for (i = 0; i < MODEL_HOLDERS; i++) {
		c->hold[i].flat = kunit_kzalloc(test, MODEL_BUF, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, c->hold[i].flat);
	}
	c->op = "build";
	model_build(c);
	model_check(c);
	for (c->step = 0; c->step < MODEL_OPS; c->step++)
		model_step(c);
	m_freem(c->m);
	model_release_holders(c);
}

static struct kunit_case iopkt_mbuf_model_cases[] = {
	KUNIT_CASE_PARAM(mbuf_model_random_ops, model_seed_gen_params),
	{}
};

static struct kunit_suite iopkt_mbuf_model_suite = {
	.name = "iopkt_mbuf_model",
	.init = mbuf_kunit_init,
	.exit = mbuf_kunit_exit,
	.test_cases = iopkt_mbuf_model_cases,
};

kunit_test_suites(&iopkt_mbuf_model_suite);
