// SPDX-License-Identifier: GPL-2.0
/*
 * libiopkt: what the iopkt tools share.
 *
 * - the stack instance a tool talks to (SOCK=/alt as on QNX, else 0), its
 *   control device /dev/iopktN and its network namespace;
 * - the generic netlink family "iopkt" (instances, module mounts, events);
 * - finding and loading module files (devnp-NAME.ko, lsm-NAME.ko, iopkt.ko).
 *
 * Every function that can fail takes an (err, errlen) buffer and writes a
 * one-line message naming the problem there; it never prints.
 */
#ifndef LIBIOPKT_H
#define LIBIOPKT_H

#include <stddef.h>

#include <iopkt/ctl.h>
#include <iopkt/genl.h>

/* The control device and the instance. */
int iopkt_instance_from_env(char *err, size_t errlen);
int iopkt_ctl_open(int instance, char *err, size_t errlen);
int iopkt_ctl_open_env(char *err, size_t errlen);
int iopkt_enter_netns(int ctlfd, char *err, size_t errlen);

/* The generic netlink family. */
struct iopkt_genl;

struct iopkt_instance_info {
	int instance;
	int variant;
	int started;
	int nifs;
	char prefix[64];
};

struct iopkt_event {
	int cmd;		/* IOPKT_CMD_EV_ATTACH, _DETACH or _LINK */
	int instance;
	char ifname[16];
	int ifindex;
	int link_state;		/* IOPKT_LINK_STATE_*, -1 if not given */
};

/*
 * Requests return 0 or -errno with the kernel's extended-ack message (else
 * strerror) in ERR. prio, threads: -1 = not given. iopkt_genl_get() takes
 * INSTANCE, or -1 and PREFIX; iopkt_genl_list() returns the count.
 */
struct iopkt_genl *iopkt_genl_open(char *err, size_t errlen);
void iopkt_genl_close(struct iopkt_genl *g);
int iopkt_genl_start(struct iopkt_genl *g, int instance, int variant,
		     const char *options, int prio, int threads, int verbose,
		     char *err, size_t errlen);
int iopkt_genl_stop(struct iopkt_genl *g, int instance, char *err,
		    size_t errlen);
int iopkt_genl_mount(struct iopkt_genl *g, int instance, int kind,
		     const char *name, const char *options, char *err,
		     size_t errlen);
int iopkt_genl_set_opt(struct iopkt_genl *g, int instance,
		       const char *options, char *err, size_t errlen);
int iopkt_genl_get(struct iopkt_genl *g, int instance, const char *prefix,
		   struct iopkt_instance_info *out, char *err, size_t errlen);
int iopkt_genl_list(struct iopkt_genl *g, struct iopkt_instance_info *out,
		    int max, char *err, size_t errlen);
/*
 * Events: subscribe once, then each call returns 1 with the next event, 0
 * after TIMEOUT_MS (-1: wait for ever) or -errno (-ENOBUFS: events were
 * lost; resynchronise by asking for the state again).
 */
int iopkt_genl_subscribe(struct iopkt_genl *g, char *err, size_t errlen);
int iopkt_genl_next_event(struct iopkt_genl *g, int timeout_ms,
			  struct iopkt_event *ev);

/*
 * Module files. SPEC: a bare name ("sam", "devnp-sam.so", "lsm-qnet.ko")
 * searched along IOPKT_MODULE_PATH, /lib/modules/$(uname -r)/extra, then
 * modprobe; or a path (contains '/'), used as given (".so" read as ".ko").
 * KIND: IOPKT_MOD_DRIVER, IOPKT_MOD_LSM, or -1 to infer from the name.
 * NAME gets the entry name ("sam"). Nothing is loaded if the module is.
 * 0 or -errno.
 */
int iopkt_module_load(const char *spec, int kind, char *name, size_t namelen,
		      char *err, size_t errlen);
/* Loads iopkt.ko unless it is loaded: IOPKT_MODULE_PATH, extra/, modprobe. */
int iopkt_core_load(char *err, size_t errlen);

const char *iopkt_variant_name(int variant);

/*
 * Driver- and module-specific requests on interface IFNAME through the
 * control device FD (Documentation/hooks.md). SET: SIOCSDRVSPEC /
 * SIOCS80211, else the get. LEN: in, the bytes at DATA (at most
 * IOPKT_DRVSPEC_MAXLEN, or 32767 for 802.11); out (gets), the length of
 * the answer, which may exceed the buffer (ask again with more). VAL:
 * 802.11's i_val, in and out. 0 or -errno (-ENOTTY: nobody takes it).
 */
int iopkt_drvspec(int fd, const char *ifname, int set, unsigned long cmd,
		  void *data, size_t *len, char *err, size_t errlen);
int iopkt_ieee80211(int fd, const char *ifname, int set, int type, int *val,
		    void *data, int *len, char *err, size_t errlen);

#endif /* LIBIOPKT_H */
