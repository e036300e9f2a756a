/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the hook suites (iopkt_hooks_kunit.ko): a test driver "khk"
 * whose interface khk0 is mounted into instance 0, test frames, and a
 * Linux packet tap on its net_device that counts what reaches Linux.
 */
#ifndef _IOPKT_HOOKS_KUNIT_H
#define _IOPKT_HOOKS_KUNIT_H

#include <kunit/test.h>
#include <linux/netdevice.h>

#include <iopkt/if_ether.h>

/* The EtherType of the test frames: only these are counted. */
#define HK_TYPE		0x88b5

struct hk_if {
	struct ifnet *ifp;
	struct net_device *dev;
	struct packet_type pt;
	atomic_t linux_rx;	/* frames Linux's receive path saw */
};

extern const u8 hk_bcast[ETH_ALEN];

void hk_up(struct kunit *test, struct hk_if *h);
void hk_down(struct kunit *test, struct hk_if *h);
struct mbuf *hk_frame(const u8 *dst, u16 type, int len);
void hk_rx(struct hk_if *h, struct mbuf *m);
void hk_tx_linux(struct kunit *test, struct hk_if *h);
int hk_sent(struct hk_if *h);
int hk_inits(struct hk_if *h);
u16 hk_type_of(struct mbuf *m);
int hk_suite_init(struct kunit_suite *suite);
void hk_suite_exit(struct kunit_suite *suite);

extern struct kunit_suite iopkt_hooks_bpf_suite;
extern struct kunit_suite iopkt_hooks_rx_suite;

#endif /* _IOPKT_HOOKS_KUNIT_H */
