// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the receive hooks after the bpf taps (bridge, EtherType and LLC
 * dispatch, ipflow) and ifpromisc(). "Linux saw it" is a packet tap on
 * the interface's net_device (hooks_kunit.c).
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/inetdevice.h>
#include <linux/kthread.h>
#include <linux/rtnetlink.h>

#include <iopkt/bridge.h>
#include <iopkt/ether_type.h>
#include <iopkt/ipflow.h>

#include "net/net_impl.h"
#include "tests/hooks_kunit.h"
#include "tests/kunit_wait.h"

#define QNET_TYPE	0x8204
#define OTHER_TYPE	0x88b6
#define STP_DSAP	0x42

static atomic_t br_seen, br_took;
static int member_cookie;

/* Takes (forwards) test frames, gives everything else to the host. */
static struct mbuf *br_input(struct ifnet *ifp, void *member, struct mbuf *m)
{
	if (member != &member_cookie)
		return m;
	atomic_inc(&br_seen);
	if (hk_type_of(m) != HK_TYPE)
		return m;
	atomic_inc(&br_took);
	m_freem(m);
	return NULL;
}

static const struct iopkt_bridge_ops br_ops = { .bro_input = br_input };

/* The bridge takes a member's frame (Linux never sees it) or passes it. */
static void bridge_consumes_or_passes(struct kunit *test)
{
	struct hk_if h;
	int lin;

	atomic_set(&br_seen, 0);
	atomic_set(&br_took, 0);
	hk_up(test, &h);
	KUNIT_ASSERT_EQ(test, iopkt_bridge_register(&br_ops), 0);
	KUNIT_EXPECT_EQ(test, iopkt_bridge_register(&br_ops), EBUSY);
	/* not a member: the bridge is not asked */
	hk_rx(&h, hk_frame(hk_bcast, HK_TYPE, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) == 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&br_seen), 0);

	KUNIT_ASSERT_EQ(test, iopkt_bridge_set_member(h.ifp, &member_cookie), 0);
	KUNIT_EXPECT_EQ(test, iopkt_bridge_set_member(h.ifp, &member_cookie),
			EBUSY);
	lin = atomic_read(&h.linux_rx);
	hk_rx(&h, hk_frame(hk_bcast, HK_TYPE, 60));
	KUNIT_EXPECT_EQ(test, atomic_read(&br_took), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.linux_rx), lin);
	hk_rx(&h, hk_frame(hk_bcast, OTHER_TYPE, 60));
	KUNIT_EXPECT_EQ(test, atomic_read(&br_seen), 2);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 1));

	iopkt_bridge_clear_member(h.ifp);
	hk_rx(&h, hk_frame(hk_bcast, HK_TYPE, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&br_seen), 2);
	iopkt_bridge_unregister(&br_ops);
	hk_down(test, &h);
}

static bool promisc(struct hk_if *h)
{
	return (READ_ONCE(h->ifp->if_flags) & IOPKT_IFF_PROMISC) &&
	       (READ_ONCE(h->dev->flags) & IFF_PROMISC);
}

static bool not_promisc(struct hk_if *h)
{
	return !(READ_ONCE(h->ifp->if_flags) & IOPKT_IFF_PROMISC) &&
	       !(READ_ONCE(h->dev->flags) & IFF_PROMISC);
}

static int promisc_call(struct hk_if *h, int on)
{
	int err;

	rtnl_lock();
	err = ifpromisc(h->ifp, on);
	rtnl_unlock();
	return err;
}

static void linux_promisc(struct hk_if *h, int inc)
{
	rtnl_lock();
	dev_set_promiscuity(h->dev, inc);
	rtnl_unlock();
}

/*
 * ifpromisc() counts users and the driver is told at once; Linux's own
 * promiscuous users (tcpdump on the net_device) count separately, and
 * neither side's last "off" clears the other's "on".
 */
static void promisc_counts(struct kunit *test)
{
	struct hk_if h;
	int inits;

	hk_up(test, &h);
	KUNIT_EXPECT_TRUE(test, not_promisc(&h));
	inits = hk_inits(&h);
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 1), 0);
	KUNIT_EXPECT_TRUE(test, promisc(&h));
	KUNIT_EXPECT_GT(test, hk_inits(&h), inits);	/* reprogrammed */
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 1), 0);
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 0), 0);
	KUNIT_EXPECT_TRUE(test, promisc(&h));
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 0), 0);
	KUNIT_EXPECT_TRUE(test, not_promisc(&h));
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 0), EINVAL);

	/* Linux on, iopkt on and off: still promisc */
	linux_promisc(&h, 1);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(promisc(&h)));
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 1), 0);
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 0), 0);
	KUNIT_EXPECT_TRUE(test, promisc(&h));
	/* iopkt on, Linux off: still promisc; iopkt off: clear */
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 1), 0);
	linux_promisc(&h, -1);
	flush_workqueue(iopkt_wq);	/* the rx-mode work has run */
	KUNIT_EXPECT_TRUE(test, promisc(&h));
	KUNIT_EXPECT_EQ(test, promisc_call(&h, 0), 0);
	KUNIT_EXPECT_TRUE(test, not_promisc(&h));
	hk_down(test, &h);
}

static atomic_t qnet_got, stp_got;

static void qnet_input(struct ifnet *ifp, struct mbuf *m)
{
	if (hk_type_of(m) == QNET_TYPE && m->m_pkthdr.rcvif == ifp)
		atomic_inc(&qnet_got);
	m_freem(m);
}

static void stp_input(struct ifnet *ifp, struct mbuf *m)
{
	atomic_inc(&stp_got);
	m_freem(m);
}

/* An LLC frame: a length in the type field, then DSAP, SSAP, control. */
static struct mbuf *llc_frame(u8 dsap)
{
	static const u8 stp_mcast[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0, 0, 0 };
	struct mbuf *m = hk_frame(stp_mcast, 38, 60);

	mtod(m, u8 *)[14] = dsap;
	mtod(m, u8 *)[15] = dsap;
	mtod(m, u8 *)[16] = 0x03;
	return m;
}

/* A module's EtherType and DSAP reach it, and not Linux. */
static void ether_type_dispatch(struct kunit *test)
{
	struct hk_if h;
	int lin;

	atomic_set(&qnet_got, 0);
	atomic_set(&stp_got, 0);
	hk_up(test, &h);
	KUNIT_EXPECT_EQ(test, iopkt_ether_register_type(ETH_P_IP, qnet_input),
			EEXIST);
	KUNIT_EXPECT_EQ(test, iopkt_ether_register_type(100, qnet_input),
			EINVAL);
	KUNIT_ASSERT_EQ(test, iopkt_ether_register_type(QNET_TYPE, qnet_input),
			0);
	KUNIT_EXPECT_EQ(test, iopkt_ether_register_type(QNET_TYPE, stp_input),
			EEXIST);
	KUNIT_ASSERT_EQ(test, iopkt_ether_register_llc(STP_DSAP, stp_input), 0);
	KUNIT_EXPECT_EQ(test, iopkt_ether_register_llc(STP_DSAP, qnet_input),
			EEXIST);

	lin = atomic_read(&h.linux_rx);
	hk_rx(&h, hk_frame(h.dev->dev_addr, QNET_TYPE, 60));
	hk_rx(&h, llc_frame(STP_DSAP));
	KUNIT_EXPECT_EQ(test, atomic_read(&qnet_got), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&stp_got), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.linux_rx), lin);
	/* other types and SAPs still go to Linux */
	hk_rx(&h, hk_frame(hk_bcast, HK_TYPE, 60));
	hk_rx(&h, llc_frame(0xaa));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&stp_got), 1);

	KUNIT_EXPECT_EQ(test, iopkt_ether_unregister_type(QNET_TYPE, stp_input),
			ENOENT);
	KUNIT_EXPECT_EQ(test, iopkt_ether_unregister_type(QNET_TYPE, qnet_input),
			0);
	KUNIT_EXPECT_EQ(test, iopkt_ether_unregister_llc(STP_DSAP, stp_input),
			0);
	KUNIT_EXPECT_EQ(test, iopkt_ether_unregister_llc(STP_DSAP, stp_input),
			ENOENT);
	hk_rx(&h, hk_frame(h.dev->dev_addr, QNET_TYPE, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 3));
	KUNIT_EXPECT_EQ(test, atomic_read(&qnet_got), 1);
	hk_down(test, &h);
}

/*
 * Unregistering while a handler runs returns only after it returned, so
 * the module may unload then. The handler holds on until the unregister
 * has been called.
 */
static atomic_t slow_entered, slow_finished, unreg_called;
static int finished_at_return;
static DECLARE_COMPLETION(unreg_done);

static void slow_input(struct ifnet *ifp, struct mbuf *m)
{
	unsigned long end = jiffies + KUNIT_GUARD;

	atomic_set(&slow_entered, 1);
	while (!atomic_read(&unreg_called) && time_before(jiffies, end))
		cpu_relax();
	m_freem(m);
	atomic_set(&slow_finished, 1);
}

static int rx_thread(void *arg)
{
	struct hk_if *h = arg;

	hk_rx(h, hk_frame(h->dev->dev_addr, QNET_TYPE, 60));
	return 0;
}

static int unreg_thread(void *arg)
{
	atomic_set(&unreg_called, 1);
	iopkt_ether_unregister_type(QNET_TYPE, slow_input);
	finished_at_return = atomic_read(&slow_finished);
	complete(&unreg_done);
	return 0;
}

static void ether_type_unregister_waits(struct kunit *test)
{
	struct task_struct *rx, *un;
	struct hk_if h;

	atomic_set(&slow_entered, 0);
	atomic_set(&slow_finished, 0);
	atomic_set(&unreg_called, 0);
	finished_at_return = -1;
	reinit_completion(&unreg_done);
	hk_up(test, &h);
	KUNIT_ASSERT_EQ(test, iopkt_ether_register_type(QNET_TYPE, slow_input),
			0);
	rx = kthread_run(rx_thread, &h, "khk-rx");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rx));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&slow_entered)));
	un = kthread_run(unreg_thread, NULL, "khk-unreg");
	KUNIT_ASSERT_FALSE(test, IS_ERR(un));
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&unreg_done,
							  KUNIT_GUARD), 0UL);
	KUNIT_EXPECT_EQ(test, finished_at_return, 1);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&slow_finished)));
	hk_down(test, &h);
}

static atomic_t ff_calls, ff_flagged;

static int ff_forward(struct ifnet *ifp, struct mbuf *m)
{
	atomic_inc(&ff_calls);
	if (m->m_flags & M_CANFASTFWD)
		atomic_inc(&ff_flagged);
	m_freem(m);
	return 1;
}

static const struct iopkt_ipflow_ops ff_ops = {
	.ipo_fastforward = ff_forward,
};

static int clear_canfastfwd(void *arg, struct mbuf **mp, struct ifnet *ifp,
			    int dir)
{
	(*mp)->m_flags &= ~M_CANFASTFWD;
	return 0;
}

/* Linux's IPv4 forwarding on the interface; false if it has no IPv4. */
static bool set_forwarding(struct hk_if *h, int on)
{
	struct in_device *in_dev;

	rtnl_lock();
	in_dev = __in_dev_get_rtnl(h->dev);
	if (in_dev)
		IN_DEV_CONF_SET(in_dev, FORWARDING, on);
	rtnl_unlock();
	return in_dev;
}

/*
 * The ipflow hook gets IPv4 unicasts to the interface's address when
 * Linux forwards for it, marked M_CANFASTFWD; a pfil IN hook that clears
 * the mark keeps the frame on the slow path.
 */
static void ipflow_eligible_only(struct kunit *test)
{
	struct pfil_head *ph = iopkt_pfil_head_get(iopkt_selfp, PFIL_TYPE_AF,
						   AF_INET);
	struct hk_if h;
	int lin;

	atomic_set(&ff_calls, 0);
	atomic_set(&ff_flagged, 0);
	hk_up(test, &h);
	KUNIT_ASSERT_TRUE(test, set_forwarding(&h, 0));
	KUNIT_ASSERT_EQ(test, iopkt_ipflow_register(&ff_ops), 0);
	KUNIT_EXPECT_EQ(test, iopkt_ipflow_register(&ff_ops), EBUSY);

	/* forwarding off: Linux gets it */
	lin = atomic_read(&h.linux_rx);
	hk_rx(&h, hk_frame(h.dev->dev_addr, ETH_P_IP, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&ff_calls), 0);

	KUNIT_EXPECT_TRUE(test, set_forwarding(&h, 1));
	hk_rx(&h, hk_frame(h.dev->dev_addr, ETH_P_IP, 60));
	KUNIT_EXPECT_EQ(test, atomic_read(&ff_calls), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ff_flagged), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.linux_rx), lin + 1);
	/* not for the fast path: broadcast, not IPv4 */
	hk_rx(&h, hk_frame(hk_bcast, ETH_P_IP, 60));
	hk_rx(&h, hk_frame(h.dev->dev_addr, HK_TYPE, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 3));
	KUNIT_EXPECT_EQ(test, atomic_read(&ff_calls), 1);
	/* a pfil hook takes the mark away */
	KUNIT_ASSERT_NOT_NULL(test, ph);
	KUNIT_ASSERT_EQ(test, pfil_add_hook(clear_canfastfwd, NULL, PFIL_IN,
					    ph), 0);
	hk_rx(&h, hk_frame(h.dev->dev_addr, ETH_P_IP, 60));
	KUNIT_EXPECT_EQ(test, pfil_remove_hook(clear_canfastfwd, NULL,
					       PFIL_IN | PFIL_WAITOK, ph), 0);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 4));
	KUNIT_EXPECT_EQ(test, atomic_read(&ff_calls), 1);

	iopkt_ipflow_unregister(&ff_ops);
	hk_rx(&h, hk_frame(h.dev->dev_addr, ETH_P_IP, 60));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(atomic_read(&h.linux_rx) ==
						 lin + 5));
	KUNIT_EXPECT_EQ(test, atomic_read(&ff_calls), 1);
	set_forwarding(&h, 0);
	hk_down(test, &h);
}

static struct kunit_case hk_rx_cases[] = {
	KUNIT_CASE(bridge_consumes_or_passes),
	KUNIT_CASE(promisc_counts),
	KUNIT_CASE(ether_type_dispatch),
	KUNIT_CASE(ether_type_unregister_waits),
	KUNIT_CASE(ipflow_eligible_only),
	{}
};

struct kunit_suite iopkt_hooks_rx_suite = {
	.name = "iopkt_hooks_rx",
	.suite_init = hk_suite_init,
	.suite_exit = hk_suite_exit,
	.test_cases = hk_rx_cases,
};
