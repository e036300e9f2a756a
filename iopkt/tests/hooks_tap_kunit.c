// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: bpf taps. A registered tap sees every received frame (also one a
 * pfil hook then drops) and every transmitted one, from Linux's output and
 * from if_transmit_mbuf(), exactly once, with its direction; without a
 * listener frames flow as before.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <kunit/test.h>
#include <linux/if_ether.h>

#include <iopkt/bpf.h>

#include "net/net_impl.h"
#include "tests/hooks_kunit.h"
#include "tests/kunit_wait.h"

struct tap_seen {
	atomic_t in, out;	/* test frames, by direction */
	atomic_t ip_in;		/* IPv4 frames received */
	atomic_t hlen;		/* bpf_mtap2's header length, last seen */
	struct ifnet *ifp;
};

static struct tap_seen seen;
static int listener_cookie;

static void tap(void *listener, struct ifnet *ifp, const void *hdr,
		unsigned int hlen, struct mbuf *m, int dir)
{
	u16 type = hk_type_of(m);

	if (listener != &listener_cookie)
		return;
	WRITE_ONCE(seen.ifp, ifp);
	atomic_set(&seen.hlen, hlen);
	if (type == ETH_P_IP && dir == IOPKT_BPF_IN)
		atomic_inc(&seen.ip_in);
	if (type != HK_TYPE)
		return;
	atomic_inc(dir == IOPKT_BPF_IN ? &seen.in : &seen.out);
}

static const struct iopkt_bpf_ops tap_ops = { .bo_tap = tap };

static int drop_all(void *arg, struct mbuf **mp, struct ifnet *ifp, int dir)
{
	return EACCES;
}

/* Every frame, both directions, both transmit paths: once each. */
static void bpf_taps_every_frame(struct kunit *test)
{
	struct pfil_head *ph = iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_AF,
						   AF_INET);
	struct hk_if h;
	int lin;

	memset(&seen, 0, sizeof(seen));
	hk_up(test, &h);
	KUNIT_EXPECT_NULL(test, h.ifp->if_bpf);
	KUNIT_ASSERT_EQ(test, iopkt_bpf_register(&tap_ops), 0);
	KUNIT_EXPECT_EQ(test, iopkt_bpf_register(&tap_ops), EBUSY);
	KUNIT_ASSERT_EQ(test, iopkt_bpf_attach(h.ifp, &listener_cookie), 0);
	KUNIT_EXPECT_EQ(test, iopkt_bpf_attach(h.ifp, &listener_cookie), EBUSY);
	KUNIT_EXPECT_NOT_NULL(test, h.ifp->if_bpf);

	/* received: seen by the tap and by Linux */
	hk_rx(&h, hk_frame(hk_bcast, HK_TYPE, 60));
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.in), 1);
	KUNIT_EXPECT_PTR_EQ(test, READ_ONCE(seen.ifp), h.ifp);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) == 1));

	/* received and dropped by pfil: the tap saw it first */
	KUNIT_ASSERT_NOT_NULL(test, ph);
	KUNIT_ASSERT_EQ(test, pfil_add_hook(drop_all, NULL, PFIL_IN, ph), 0);
	lin = atomic_read(&h.linux_rx);
	hk_rx(&h, hk_frame(hk_bcast, ETH_P_IP, 60));
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(drop_all, NULL,
					       PFIL_IN | PFIL_WAITOK, ph), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.ip_in), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.linux_rx), lin);

	/* sent by a module and by Linux: each once, as sent */
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(h.ifp,
					       hk_frame(hk_bcast, HK_TYPE, 60)),
			0);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(hk_sent(&h) == 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.out), 1);
	hk_tx_linux(test, &h);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(hk_sent(&h) == 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.out), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.in), 1);

	/* detached: no more taps, frames flow as before */
	iopkt_bpf_detach(h.ifp);
	KUNIT_EXPECT_NULL(test, h.ifp->if_bpf);
	lin = atomic_read(&h.linux_rx);
	hk_rx(&h, hk_frame(hk_bcast, HK_TYPE, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 1));
	hk_tx_linux(test, &h);
	KUNIT_EXPECT_EQ(test, if_transmit_mbuf(h.ifp,
					       hk_frame(hk_bcast, HK_TYPE, 60)),
			0);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(hk_sent(&h) == 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.in), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.out), 2);
	iopkt_bpf_unregister(&tap_ops);
	hk_down(test, &h);
}

/*
 * A driver's own bpf_mtap()/bpf_mtap2(): nothing without a listener; the
 * direction comes from m_pkthdr.rcvif, as in NetBSD; a tap module that
 * unregistered leaves attached interfaces tapping nothing.
 */
static void bpf_mtap_from_driver(struct kunit *test)
{
	struct mbuf *m;
	struct hk_if h;
	u8 pseudo[4] = { };

	memset(&seen, 0, sizeof(seen));
	hk_up(test, &h);
	m = hk_frame(hk_bcast, HK_TYPE, 60);
	KUNIT_ASSERT_EQ(test, iopkt_bpf_register(&tap_ops), 0);
	bpf_mtap(h.ifp->if_bpf, m);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.out), 0);
	KUNIT_EXPECT_EQ(test, iopkt_bpf_attach(h.ifp, NULL), EINVAL);
	KUNIT_ASSERT_EQ(test, iopkt_bpf_attach(h.ifp, &listener_cookie), 0);
	bpf_mtap(h.ifp->if_bpf, m);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.out), 1);
	m->m_pkthdr.rcvif = h.ifp;
	bpf_mtap2(h.ifp->if_bpf, pseudo, sizeof(pseudo), m);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.in), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.hlen), 4);
	iopkt_bpf_unregister(&tap_ops);
	bpf_mtap(h.ifp->if_bpf, m);
	KUNIT_EXPECT_EQ(test, atomic_read(&seen.in), 1);
	m_freem(m);
	/* the interface goes with a listener attached: if_detach clears it */
	hk_down(test, &h);
}

static struct kunit_case hk_bpf_cases[] = {
	KUNIT_CASE(bpf_taps_every_frame),
	KUNIT_CASE(bpf_mtap_from_driver),
	{}
};

struct kunit_suite iopkt_hooks_bpf_suite = {
	.name = "iopkt_hooks_bpf",
	.suite_init = hk_suite_init,
	.suite_exit = hk_suite_exit,
	.test_cases = hk_bpf_cases,
};
