/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drivers and protocol modules: the io-pkt entry points, dev_attach() with
 * CFATTACH_DECL(), shutdown hooks.
 *
 * A driver module devnp-NAME.ko:
 *
 *	CFATTACH_DECL(sam, sizeof(struct sam_dev), NULL, sam_attach,
 *		      sam_detach, NULL);
 *	struct _iopkt_drvr_entry IOPKT_DRV_ENTRY_SYM(sam) =
 *		IOPKT_DRV_ENTRY_SYM_INIT(sam_entry);
 *	IOPKT_DRIVER_MODULE(sam);
 *
 * IOPKT_DRIVER_MODULE() registers the entry when the module loads and
 * imports the symbol namespace IOPKT, where iopkt.ko exports; "-d sam"
 * or "mount -T io-pkt devnp-sam.ko" then calls sam_entry() in the stack
 * context of the instance with the option string. sam_entry() calls
 * dev_attach() once per device found. A protocol module lsm-NAME.ko does
 * the same with struct _iopkt_lsm_entry and IOPKT_LSM_MODULE().
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#ifndef _IOPKT_DEVICE_H
#define _IOPKT_DEVICE_H

#include <linux/list.h>
#include <linux/module.h>

#include <iopkt/stack.h>

struct device_iopkt_priv;

/**
 * struct iopkt_device - the common part of a driver's softc (put it first)
 *
 * NetBSD and io-pkt call it struct device; Linux has its own struct device,
 * so on Linux the name carries the iopkt_ prefix (the one mechanical
 * change a ported driver needs here).
 *
 * @dv_xname: the device name, driver prefix and unit ("sam0")
 * @dv_unit: the unit number
 * @dv_parent: the parent given to dev_attach(), or NULL
 * @dv_cfattach: the driver's CFATTACH_DECL
 * @dv_dll_hdl: the handle the entry was called with
 * @dv_flags: DVF_*
 * @dv_priv: iopkt's private state
 */
struct iopkt_device {
	char dv_xname[16];
	int dv_unit;
	struct iopkt_device *dv_parent;
	const struct cfattach *dv_cfattach;
	void *dv_dll_hdl;
	int dv_flags;
	struct device_iopkt_priv *dv_priv;
};

#define DVF_ACTIVE	0x0001

/**
 * struct cfattach - what CFATTACH_DECL() declares
 * @ca_name: driver name
 * @ca_devsize: size of the softc (starts with struct iopkt_device)
 * @ca_match: probe, may be NULL
 * @ca_attach: called once per device with the softc zeroed
 * @ca_detach: called at ifconfig destroy or when the instance stops
 * @ca_activate: may be NULL
 */
struct cfattach {
	const char *ca_name;
	size_t ca_devsize;
	int (*ca_match)(struct iopkt_device *parent, void *cfdata, void *aux);
	int (*ca_attach)(struct iopkt_device *parent, struct iopkt_device *self,
			 void *aux);
	int (*ca_detach)(struct iopkt_device *self, int flags);
	int (*ca_activate)(struct iopkt_device *self, int act);
};

#define CFATTACH_DECL(name, ddsize, matfn, attfn, detfn, actfn)	\
	struct cfattach name##_ca = {					\
		.ca_name = #name,					\
		.ca_devsize = (ddsize),					\
		.ca_match = (matfn),					\
		.ca_attach = (attfn),					\
		.ca_detach = (detfn),					\
		.ca_activate = (actfn),					\
	}

int dev_attach(const char *drvr, const char *options, struct cfattach *ca,
	       void *cfat_arg, int *single, struct iopkt_device **devp,
	       int (*print)(void *, const char *));
int dev_detach(struct iopkt_device *dev, int flags);

void *shutdownhook_establish(void (*fn)(void *arg), void *arg);
void shutdownhook_disestablish(void *hook);

/**
 * struct _iopkt_drvr_entry - a driver's entry point
 * @drvr_init: called with the module handle, the instance and the option
 *	string; returns EOK, or an errno (ENODEV: no device found)
 *
 * Private fields follow; IOPKT_DRIVER_MODULE() fills them.
 */
struct _iopkt_drvr_entry {
	int (*drvr_init)(void *dll_hdl, struct _iopkt_self *iopkt,
			 char *options);
	/* private */
	const char *name;
	struct module *owner;
	unsigned int flags;
	struct list_head node;
	bool warned_ient;
};

/* Driver flags (iopkt): the driver is for Wi-Fi (refused by io-pkt-v4). */
#define IOPKT_DRVR_WIFI		0x0001
/*
 * The driver is single-threaded (a straight NetBSD port): while one of its
 * devices is attached, every driver of the instance runs in the stack
 * context only - process functions and if_start included - as io-pkt's
 * "if one driver is single-threaded, all are".
 */
#define IOPKT_DRVR_SINGLE_THREADED	0x0002

#define IOPKT_DRV_ENTRY_SYM(name)	iopkt_drvr_entry_##name
#define IOPKT_DRV_ENTRY_SYM_INIT(fn)	{ .drvr_init = (fn) }

/**
 * struct _iopkt_lsm_entry - a protocol module's entry point
 * @lsm_init: called with the module handle, the instance and the options
 * @lsm_fini: iopkt's addition: called for each instance the module was
 *	mounted into when the module unloads or the instance stops, to take
 *	its hooks out (may be NULL)
 */
struct _iopkt_lsm_entry {
	int (*lsm_init)(void *dll_hdl, struct _iopkt_self *iopkt,
			char *options);
	void (*lsm_fini)(struct _iopkt_self *iopkt);
	/* private */
	const char *name;
	struct module *owner;
	struct list_head node;
	struct list_head mounts;
};

#define IOPKT_LSM_ENTRY_SYM(name)	iopkt_lsm_entry_##name
#define IOPKT_LSM_ENTRY_SYM_INIT(fn)	{ .lsm_init = (fn) }
#define IOPKT_LSM_ENTRY_SYM_INIT2(fn, fini) \
	{ .lsm_init = (fn), .lsm_fini = (fini) }

int iopkt_drvr_register(struct _iopkt_drvr_entry *e, const char *name,
			struct module *owner, unsigned int flags);
void iopkt_drvr_unregister(struct _iopkt_drvr_entry *e);
int iopkt_lsm_register(struct _iopkt_lsm_entry *e, const char *name,
		       struct module *owner);
void iopkt_lsm_unregister(struct _iopkt_lsm_entry *e);

#define IOPKT_DRIVER_MODULE_FLAGS(name, flags)				\
static int __init iopkt_drvr_init_##name(void)				\
{									\
	return iopkt_drvr_register(&IOPKT_DRV_ENTRY_SYM(name), #name,	\
				   THIS_MODULE, (flags));		\
}									\
static void __exit iopkt_drvr_exit_##name(void)				\
{									\
	iopkt_drvr_unregister(&IOPKT_DRV_ENTRY_SYM(name));		\
}									\
module_init(iopkt_drvr_init_##name);					\
module_exit(iopkt_drvr_exit_##name);					\
MODULE_IMPORT_NS(IOPKT)

#define IOPKT_DRIVER_MODULE(name) IOPKT_DRIVER_MODULE_FLAGS(name, 0)

#define IOPKT_LSM_MODULE(name)						\
static int __init iopkt_lsm_init_##name(void)				\
{									\
	return iopkt_lsm_register(&IOPKT_LSM_ENTRY_SYM(name), #name,	\
				  THIS_MODULE);				\
}									\
static void __exit iopkt_lsm_exit_##name(void)				\
{									\
	iopkt_lsm_unregister(&IOPKT_LSM_ENTRY_SYM(name));		\
}									\
module_init(iopkt_lsm_init_##name);					\
module_exit(iopkt_lsm_exit_##name);					\
MODULE_IMPORT_NS(IOPKT)

/* An entry function's reason for failing, shown to the user. */
__printf(1, 2) void iopkt_mount_error(const char *fmt, ...);

/*
 * Generic driver options handled by the stack (name=, unit=) and verbose=:
 * a driver's option parser calls this for keys it does not know; returns
 * true if the key is one of them.
 */
bool iopkt_drvr_generic_opt(const char *key);

#endif /* _IOPKT_DEVICE_H */
