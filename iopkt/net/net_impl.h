/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of iopkt's networking layer (interfaces, devices,
 * pfil, control plane). Not for other modules: they use include/iopkt/.
 *
 * Lock order: rtnl_lock, then the stack context, then stk->if_lock.
 * Driver callbacks (if_init, if_stop, if_ioctl, attach, detach) run in the
 * stack context with rtnl held; nothing that holds the stack context may
 * take rtnl.
 */
#ifndef _IOPKT_NET_IMPL_H
#define _IOPKT_NET_IMPL_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/workqueue.h>

#include <iopkt/device.h>
#include <iopkt/if.h>
#include <iopkt/if_ether.h>
#include <iopkt/pfil.h>

struct genl_info;

/* Per-instance networking state, stk->ns. */
struct iopkt_netstate {
	struct mutex if_lock;		/* iflist, devices, hooks, lsms */
	struct list_head iflist;	/* struct iopkt_ifpriv */
	struct list_head devices;	/* struct device_iopkt_priv */
	struct list_head shutdown_hooks;
	struct list_head lsm_mounts;	/* struct iopkt_lsm_mount */
	struct pfil_head pfil_inet;
	struct pfil_head pfil_inet6;
	struct pfil_head pfil_ifnet;
	struct net *net;		/* the Linux namespace, referenced */
	char prefix[64];		/* prefix= of the instance, "" if none */
	int variant;			/* enum iopkt_variant */
	bool started;			/* started by a launcher (or genl) */
	unsigned int verbose;
	bool enmap_off;			/* tcpip enmap: no enXX names */
	int fastforward;		/* effective fastforward: 0 until ipflow */
	struct iopkt_ctl *ctl;		/* /dev/iopktN, NULL for bare stacks */
	/* what the entry being mounted is (for dev_attach) */
	struct _iopkt_drvr_entry *mounting;
	struct iopkt_device *attaching;	/* in dev_attach(): owns if_attach()es */
	struct if_clone *cloning;	/* in a cloner's create */
	char mount_err[128];
	/* -p tcpip options mapped onto Linux sysctls and kept for GET */
	char tcpip_opts[256];
};

/* netdev_priv() of every iopkt net_device. */
struct iopkt_ndev {
	struct ifnet *ifp;		/* NULL once detached */
	struct _iopkt_self *stk;
	struct net_device *dev;
	struct work_struct rxmode_work;
	bool l3;			/* no link layer: IP packets (tun) */
};

/* The ifnet behind an iopkt net_device (NULL once detached). */
static inline struct ifnet *ndev_ifp(const struct net_device *dev)
{
	const struct iopkt_ndev *nd = netdev_priv(dev);

	return READ_ONCE(nd->ifp);
}

/* The bpf handle of an interface: what ifp->if_bpf points at (bpf.c). */
struct iopkt_bpf_if {
	struct ifnet *ifp;
	void __rcu *listener;
};

/* Private state of an ifnet, ifp->if_priv. */
struct iopkt_ifpriv {
	struct ifnet *ifp;
	struct net_device *dev;
	struct _iopkt_self *stk;
	struct iopkt_device *dv;		/* the device it belongs to, or NULL */
	struct if_clone *clone;		/* the cloner that made it, or NULL */
	struct list_head node;		/* ns->iflist */
	char driver[IOPKT_IFNAMSIZ];
	bool ether;
	bool registered;
	int en_unit;			/* enmap: answers to en<en_unit>; -1 */
	struct iopkt_bpf_if bpf;	/* ifp->if_bpf while a listener is on */
	struct iopkt_swork start_work;	/* if_start in the stack context */
	struct sockaddr_dl sadl;
};

/* Private state of a struct iopkt_device, dev->dv_priv. */
struct device_iopkt_priv {
	struct iopkt_device *dv;
	struct list_head node;		/* ns->devices */
	struct module *owner;
	struct _iopkt_drvr_entry *entry;
	char prefix[16];
	bool single;			/* counted in stk->single */
};

/* enmap: the enXX names go up to en<IOPKT_ENMAP_MAX - 1> */
#define IOPKT_ENMAP_MAX		100

/* stack instance → its networking state */
struct iopkt_netstate *iopkt_ns(struct _iopkt_self *stk);

/* net/if.c */
extern const struct net_device_ops iopkt_netdev_ops;
int iopkt_net_init(struct _iopkt_self *stk);
void iopkt_net_exit(struct _iopkt_self *stk);
struct ifnet *iopkt_ifunit(struct _iopkt_self *stk, const char *name);
int iopkt_if_ioctl(struct ifnet *ifp, unsigned long cmd, caddr_t data);
int iopkt_if_set_flags(struct ifnet *ifp, int flags);
int iopkt_if_set_mtu(struct ifnet *ifp, int mtu);
int iopkt_if_set_caps(struct ifnet *ifp, const struct iopkt_ifcapreq *cr);

/* offloads (if_csum.c) */
void iopkt_if_features_init(struct ifnet *ifp, struct net_device *dev);
netdev_features_t iopkt_ndo_fix_features(struct net_device *dev,
					 netdev_features_t features);
int iopkt_ndo_set_features(struct net_device *dev, netdev_features_t features);
struct mbuf *iopkt_if_csum_out(struct ifnet *ifp, struct mbuf *m);
int iopkt_if_destroy(struct _iopkt_self *stk, const char *name);
int iopkt_if_notifiers_init(void);
void iopkt_if_notifiers_exit(void);
bool iopkt_is_iopkt_netdev(const struct net_device *dev);
void iopkt_if_fill_info(struct ifnet *ifp, struct iopkt_ifinfo *info);
int iopkt_unit_free(struct _iopkt_self *stk, const char *prefix, int unit);
extern struct workqueue_struct *iopkt_wq;

/* net/if_netdev.c: the net_device side, used by if.c and if_addr_notify.c */
extern struct rtnl_link_ops iopkt_link_ops;
void iopkt_netdev_setup(struct net_device *dev);
void iopkt_if_start_in_stack(void *arg);

/* net/if_rx.c: receive batches and GRO per worker */
struct iopkt_rxbatch *iopkt_rxbatch_alloc(void);
void iopkt_rxbatch_free(struct iopkt_rxbatch *b);
void iopkt_rxbatch_begin(struct iopkt_rxbatch *b);
void iopkt_rxbatch_end(struct iopkt_rxbatch *b);
void iopkt_rx_skb(struct sk_buff *skb);

/* net/if_txq.c: backpressure */
void iopkt_ifq_stop(struct ifnet *ifp);
int iopkt_if_sync_linux_flags(struct ifnet *ifp);

/* clone/if_clone.c */
int iopkt_clone_create(struct _iopkt_self *stk, const char *name);
int iopkt_clone_list(char *buf, int room, int *total);
int iopkt_clone_init(void);

/* net/ether.c */
void iopkt_ether_sync_multi(struct ifnet *ifp);
void iopkt_ether_free_multi(struct ethercom *ec);
int iopkt_ether_pfil(struct _iopkt_self *stk, struct mbuf **mp,
		     struct ifnet *ifp, int dir);
int iopkt_af_pfil(struct _iopkt_self *stk, struct mbuf **mp,
		  struct ifnet *ifp, int dir, u16 type, int hlen);
int iopkt_pfil_packet(struct _iopkt_self *stk, struct mbuf **mp,
		      struct ifnet *ifp, int dir, u16 type, int hlen);
int iopkt_pfil_if_out(struct ifnet *ifp, struct mbuf **mp);

/*
 * The hooks of the Ethernet path (Documentation/hooks.md). Each is a
 * pointer that is NULL while nobody registered: ether_input() and the
 * transmit path test it and call the out-of-line part only if it is set.
 */
struct iopkt_ether_table;
struct iopkt_ipflow_ops;
extern struct iopkt_ether_table __rcu *iopkt_ether_types;
extern const struct iopkt_ipflow_ops __rcu *iopkt_ipflow_ops;
void iopkt_bpf_ifdetach(struct ifnet *ifp);			/* net/bpf.c */
struct mbuf *iopkt_bridge_input(struct ifnet *ifp, struct mbuf *m);
void iopkt_bridge_ifdetach(struct ifnet *ifp);		/* bridge_hook.c */
bool iopkt_ether_dispatch(struct ifnet *ifp, struct mbuf *m, u16 type);
void iopkt_ether_types_exit(void);			/* net/ether_type.c */
void iopkt_ipflow_mark(struct ifnet *ifp, struct mbuf *m, u16 type);
bool iopkt_ipflow_input(struct ifnet *ifp, struct mbuf *m); /* ipflow_hook.c */

/* net/if_l3.c: interfaces without a link layer (tun) */
extern const struct net_device_ops iopkt_l3_netdev_ops;
void iopkt_l3_netdev_setup(struct ifnet *ifp, struct net_device *dev);
u16 iopkt_l3_type(struct mbuf *m);
bool iopkt_l3_is_mcast(struct mbuf *m);

/* clone/: the tun and tap cloners, registered at load */
int iopkt_tundev_init(void);
void iopkt_tundev_exit(void);
int iopkt_tun_init(void);
void iopkt_tun_exit(void);
int iopkt_tap_init(void);
void iopkt_tap_exit(void);

/* net/pfil.c */
void iopkt_pfil_head_init(struct pfil_head *ph, int type, unsigned long dlt);
void iopkt_pfil_head_destroy(struct pfil_head *ph);
void iopkt_pfil_ifevent(struct _iopkt_self *stk, struct ifnet *ifp, int which,
			unsigned long arg);
bool iopkt_pfil_has_hooks(struct pfil_head *ph, int dir);

/* ctl/device.c, ctl/mount.c */
int iopkt_mount(struct _iopkt_self *stk, int kind, const char *name,
		const char *options, char *err, size_t errlen);
void iopkt_devices_shutdown(struct _iopkt_self *stk);
void iopkt_lsm_unmount_all(struct _iopkt_self *stk);
int iopkt_device_detach_ifp(struct ifnet *ifp);

/* ctl/instance.c */
struct _iopkt_self *iopkt_instance_get(int instance);
struct _iopkt_self *iopkt_instance_by_prefix(const char *prefix);
int iopkt_instance_start(int instance, int variant, const char *options,
			 int prio, int threads, unsigned int verbose,
			 struct net *net, char *err, size_t errlen);
int iopkt_instance_stop(int instance, char *err, size_t errlen);
int iopkt_instances_init(void);
void iopkt_instances_exit(void);
int iopkt_tcpip_apply(struct _iopkt_self *stk, const char *opts, char *err,
		      size_t errlen);
typedef int (*iopkt_instance_fn)(struct _iopkt_self *stk, void *arg);
int iopkt_instances_for_each(iopkt_instance_fn fn, void *arg);

/* ctl/ctl.c */
struct iopkt_ctl;
int iopkt_ctl_create(struct _iopkt_self *stk);
int iopkt_ctl_drv_ioctl(struct _iopkt_self *stk, unsigned int cmd,
			void __user *uarg);
void iopkt_ctl_destroy(struct _iopkt_self *stk);

/* ctl/genl.c */
int iopkt_genl_init(void);
void iopkt_genl_exit(void);
void iopkt_genl_event(struct _iopkt_self *stk, int cmd, struct ifnet *ifp);

#endif /* _IOPKT_NET_IMPL_H */
