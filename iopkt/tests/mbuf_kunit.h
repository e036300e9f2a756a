/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the mbuf KUnit suites: every case checks that the
 * mbufs and clusters in use (and in caches) are back to their starting
 * values when it ends.
 */
#ifndef _IOPKT_MBUF_KUNIT_H
#define _IOPKT_MBUF_KUNIT_H

#include <kunit/test.h>

#include <iopkt/mbuf.h>

static inline int mbuf_kunit_init(struct kunit *test)
{
	struct iopkt_mbuf_stats *st = kunit_kzalloc(test, sizeof(*st),
						    GFP_KERNEL);

	if (!st)
		return -ENOMEM;
	iopkt_mbuf_stats(st);
	test->priv = st;
	return 0;
}

static inline void mbuf_kunit_exit(struct kunit *test)
{
	struct iopkt_mbuf_stats *st0 = test->priv, st;

	iopkt_mbuf_stats(&st);
	KUNIT_EXPECT_EQ_MSG(test, st.mbufs.in_use, st0->mbufs.in_use,
			    "mbufs leaked");
	KUNIT_EXPECT_EQ_MSG(test, st.clusters.in_use, st0->clusters.in_use,
			    "clusters leaked");
	KUNIT_EXPECT_EQ(test, st.mbufs.cached, st0->mbufs.cached);
	KUNIT_EXPECT_EQ(test, st.clusters.cached, st0->clusters.cached);
}

#endif /* _IOPKT_MBUF_KUNIT_H */
