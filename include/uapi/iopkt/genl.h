/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The iopkt generic netlink family: what has no BSD ioctl.
 *
 * Requests (all but GET need CAP_NET_ADMIN):
 *   IOPKT_CMD_START   start instance N (the launchers): INSTANCE, VARIANT,
 *                     OPTIONS (the -p tcpip string), PRIO (-P), THREADS (-t).
 *                     The instance binds to the caller's network namespace.
 *                     EEXIST if it already runs.
 *   IOPKT_CMD_STOP    stop instance N (detaches its interfaces).
 *   IOPKT_CMD_GET     one instance (INSTANCE or PREFIX) or, as a dump, all.
 *   IOPKT_CMD_MOUNT   call a module's entry with options: INSTANCE, KIND,
 *                     NAME (driver "sam" or lsm "pfil"), OPTIONS.
 *   IOPKT_CMD_SET_OPT apply -p tcpip options to a running instance.
 * A failed request gets, before the netlink error, a message of the same
 * command carrying IOPKT_A_ERRMSG: the reason, naming what was wrong.
 *
 * Events, multicast group "events": IOPKT_CMD_EV_ATTACH, _DETACH, _LINK
 * with INSTANCE, IFNAME, IFINDEX, LINK_STATE.
 */
#ifndef _UAPI_IOPKT_GENL_H
#define _UAPI_IOPKT_GENL_H

#define IOPKT_GENL_NAME		"iopkt"
#define IOPKT_GENL_VERSION	1
#define IOPKT_GENL_MCGRP_EVENTS	"events"

enum iopkt_genl_cmd {
	IOPKT_CMD_UNSPEC,
	IOPKT_CMD_START,
	IOPKT_CMD_STOP,
	IOPKT_CMD_GET,
	IOPKT_CMD_MOUNT,
	IOPKT_CMD_SET_OPT,
	IOPKT_CMD_EV_ATTACH,
	IOPKT_CMD_EV_DETACH,
	IOPKT_CMD_EV_LINK,
	__IOPKT_CMD_MAX,
};
#define IOPKT_CMD_MAX (__IOPKT_CMD_MAX - 1)

enum iopkt_genl_attr {
	IOPKT_A_UNSPEC,
	IOPKT_A_INSTANCE,	/* u32 */
	IOPKT_A_VARIANT,	/* u32, enum iopkt_variant */
	IOPKT_A_OPTIONS,	/* string */
	IOPKT_A_PRIO,		/* u32 */
	IOPKT_A_THREADS,	/* u32 */
	IOPKT_A_PREFIX,		/* string, "/alt" ("" for the default) */
	IOPKT_A_KIND,		/* u32, enum iopkt_mod_kind */
	IOPKT_A_NAME,		/* string */
	IOPKT_A_IFNAME,		/* string */
	IOPKT_A_IFINDEX,	/* u32 */
	IOPKT_A_LINK_STATE,	/* u32, IOPKT_LINK_STATE_* */
	IOPKT_A_NIFS,		/* u32, interfaces attached */
	IOPKT_A_STARTED,	/* u8, started by a launcher */
	IOPKT_A_VERBOSE,	/* u32, -v count */
	IOPKT_A_ERRMSG,		/* string: why a request failed */
	__IOPKT_A_MAX,
};
#define IOPKT_A_MAX (__IOPKT_A_MAX - 1)

enum iopkt_variant {
	IOPKT_VARIANT_V4,	/* io-pkt-v4: IPv4 only, no bridge, no Wi-Fi */
	IOPKT_VARIANT_V4_HC,	/* io-pkt-v4-hc: IPv4, crypto, Wi-Fi */
	IOPKT_VARIANT_V6_HC,	/* io-pkt-v6-hc: IPv4 and IPv6, crypto, Wi-Fi */
};

enum iopkt_mod_kind {
	IOPKT_MOD_DRIVER,	/* devnp-NAME.ko */
	IOPKT_MOD_LSM,		/* lsm-NAME.ko */
};

#endif /* _UAPI_IOPKT_GENL_H */
