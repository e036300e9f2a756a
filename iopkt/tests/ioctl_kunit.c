// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: driver- and module-specific requests (include/iopkt/ioctl.h).
 * The interface's if_ioctl answers first; registered handlers get what it
 * answers ENOTTY to; an unknown request stays ENOTTY; unregistering stops
 * the dispatch.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#include <kunit/test.h>
#include <linux/rtnetlink.h>

#include <iopkt/ioctl.h>

#include "net/net_impl.h"
#include "tests/khk_drv.h"

static const char drvspec_answer[] = "khk drvspec answer";

static int h_calls, h2_calls;

/* A module's SIOCGDRVSPEC on khk interfaces; ENOTTY for the others. */
static int h_drvspec(struct ifnet *ifp, unsigned long cmd, void *data)
{
	struct ifdrv *ifd = data;

	h_calls++;
	if (strncmp(ifp->if_xname, "khk", 3))
		return ENOTTY;
	if (ifd->ifd_cmd != 7)
		return EINVAL;
	if (ifd->ifd_len < sizeof(drvspec_answer)) {
		ifd->ifd_len = sizeof(drvspec_answer);	/* what it needs */
		return 0;
	}
	memcpy(ifd->ifd_data, drvspec_answer, sizeof(drvspec_answer));
	ifd->ifd_len = sizeof(drvspec_answer);
	return 0;
}

static const unsigned long h_cmds[] = { IOPKT_SIOCGDRVSPEC };
static struct iopkt_ioctl_handler h = {
	.cmds = h_cmds, .ncmds = ARRAY_SIZE(h_cmds), .fn = h_drvspec,
};

/* A second module, registered after h: asked when h says ENOTTY. */
static int h2_fn(struct ifnet *ifp, unsigned long cmd, void *data)
{
	h2_calls++;
	return cmd == IOPKT_SIOCG80211 ? EOPNOTSUPP : ENOTTY;
}

static const unsigned long h2_cmds[] = { IOPKT_SIOCGDRVSPEC,
					 IOPKT_SIOCG80211 };
static struct iopkt_ioctl_handler h2 = {
	.cmds = h2_cmds, .ncmds = ARRAY_SIZE(h2_cmds), .fn = h2_fn,
};

static int req(struct ifnet *ifp, unsigned long cmd, void *data)
{
	int err;

	rtnl_lock();
	err = iopkt_ifioctl(ifp, cmd, data);
	rtnl_unlock();
	return err;
}

static int ioctl_suite_init(struct kunit_suite *suite)
{
	return khk_register();
}

static void ioctl_suite_exit(struct kunit_suite *suite)
{
	khk_unregister();
}

/* The interface's own if_ioctl answers its private request. */
static void ioctl_if_private(struct kunit *test)
{
	struct khk_priv p = {};
	struct ifnet *ifp = khk_create();
	struct khk_softc *sc;

	KUNIT_ASSERT_NOT_NULL(test, ifp);
	sc = ifp->if_softc;
	strscpy(p.name, ifp->if_xname, sizeof(p.name));
	KUNIT_EXPECT_EQ(test, req(ifp, KHK_SIOCGPRIV, &p), 0);
	KUNIT_EXPECT_EQ(test, p.val, KHK_PRIV_ANSWER + sc->sc_dev.dv_unit);
	/* nobody knows this one: ENOTTY, as before */
	KUNIT_EXPECT_EQ(test, req(ifp, _IOWR('i', 241, struct khk_priv), &p),
			ENOTTY);
	KUNIT_EXPECT_EQ(test, req(NULL, KHK_SIOCGPRIV, &p), ENXIO);
	KUNIT_EXPECT_EQ(test, khk_destroy(ifp), 0);
}

/* A registered handler gets SIOCGDRVSPEC; unregistering stops it. */
static void ioctl_module_handler(struct kunit *test)
{
	struct ifnet *ifp = khk_create();
	struct ieee80211req wr = {};
	struct ifdrv ifd = {};
	char buf[64];
	int before;

	KUNIT_ASSERT_NOT_NULL(test, ifp);
	strscpy(ifd.ifd_name, ifp->if_xname, sizeof(ifd.ifd_name));
	ifd.ifd_cmd = 7;
	ifd.ifd_len = sizeof(buf);
	ifd.ifd_data = buf;
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCGDRVSPEC, &ifd), ENOTTY);

	KUNIT_ASSERT_EQ(test, iopkt_ioctl_register(&h), 0);
	KUNIT_EXPECT_EQ(test, iopkt_ioctl_register(&h), EEXIST);
	h_calls = 0;
	memset(buf, 0, sizeof(buf));
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCGDRVSPEC, &ifd), 0);
	KUNIT_EXPECT_EQ(test, h_calls, 1);
	KUNIT_EXPECT_STREQ(test, buf, drvspec_answer);
	KUNIT_EXPECT_EQ(test, ifd.ifd_len, sizeof(drvspec_answer));
	/* the handler's own errno comes back */
	ifd.ifd_cmd = 8;
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCGDRVSPEC, &ifd), EINVAL);
	/* not for a request it did not register */
	before = h_calls;
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCSDRVSPEC, &ifd), ENOTTY);
	KUNIT_EXPECT_EQ(test, h_calls, before);

	/* "not mine" (ENOTTY) goes on to the next handler, in order */
	KUNIT_ASSERT_EQ(test, iopkt_ioctl_register(&h2), 0);
	h_calls = h2_calls = 0;
	ifd.ifd_cmd = 7;
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCGDRVSPEC, &ifd), 0);
	KUNIT_EXPECT_EQ(test, h_calls, 1);
	KUNIT_EXPECT_EQ(test, h2_calls, 0);	/* h answered first */
	strscpy(wr.i_name, ifp->if_xname, sizeof(wr.i_name));
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCG80211, &wr), EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, h_calls, 1);	/* not h's request */
	KUNIT_EXPECT_EQ(test, h2_calls, 1);

	iopkt_ioctl_unregister(&h);
	h_calls = h2_calls = 0;
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCGDRVSPEC, &ifd), ENOTTY);
	KUNIT_EXPECT_EQ(test, h_calls, 0);
	KUNIT_EXPECT_EQ(test, h2_calls, 1);
	iopkt_ioctl_unregister(&h2);
	iopkt_ioctl_unregister(&h2);	/* not registered: nothing */
	h2_calls = 0;
	KUNIT_EXPECT_EQ(test, req(ifp, IOPKT_SIOCG80211, &wr), ENOTTY);
	KUNIT_EXPECT_EQ(test, h2_calls, 0);
	KUNIT_EXPECT_EQ(test, khk_destroy(ifp), 0);
}

static void ioctl_register_bad(struct kunit *test)
{
	struct iopkt_ioctl_handler bad = { .cmds = h_cmds, .ncmds = 1 };

	KUNIT_EXPECT_EQ(test, iopkt_ioctl_register(NULL), EINVAL);
	KUNIT_EXPECT_EQ(test, iopkt_ioctl_register(&bad), EINVAL);
	bad.fn = h_drvspec;
	bad.ncmds = 0;
	KUNIT_EXPECT_EQ(test, iopkt_ioctl_register(&bad), EINVAL);
}

static struct kunit_case ioctl_cases[] = {
	KUNIT_CASE(ioctl_if_private),
	KUNIT_CASE(ioctl_module_handler),
	KUNIT_CASE(ioctl_register_bad),
	{}
};

static struct kunit_suite ioctl_suite = {
	.name = "iopkt_ioctl",
	.suite_init = ioctl_suite_init,
	.suite_exit = ioctl_suite_exit,
	.test_cases = ioctl_cases,
};

kunit_test_suite(ioctl_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(IOPKT);
MODULE_DESCRIPTION("KUnit tests of iopkt's extension points");
