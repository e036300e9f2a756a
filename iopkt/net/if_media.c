// SPDX-License-Identifier: GPL-2.0
/*
 * ifmedia: the media list of a driver and SIOCGIFMEDIA/SIOCSIFMEDIA.
 *
 * Returns io-pkt style positive errnos (lint: bsd-errno).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>

#include <iopkt/if_media.h>

/**
 * ifmedia_init() - set up a media list
 * @ifm: the list, in the driver's softc
 * @dontcare_mask: bits the user may not change
 * @change: called when the user selects a medium
 * @status: called to learn the active medium and link status
 */
void ifmedia_init(struct ifmedia *ifm, int dontcare_mask,
		  ifm_change_cb_t change, ifm_stat_cb_t status)
{
	INIT_LIST_HEAD(&ifm->ifm_list);
	ifm->ifm_cur = NULL;
	ifm->ifm_media = 0;
	ifm->ifm_mask = dontcare_mask;
	ifm->ifm_change = change;
	ifm->ifm_status = status;
}
EXPORT_SYMBOL_NS_GPL(ifmedia_init, IOPKT);

/**
 * ifmedia_add() - offer a medium
 * @ifm: the list
 * @mword: the media word (IFM_ETHER | IFM_1000_T | IFM_FDX, ...)
 * @data: driver data
 * @aux: driver pointer
 */
void ifmedia_add(struct ifmedia *ifm, int mword, int data, void *aux)
{
	struct ifmedia_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return;
	e->ifm_media = mword;
	e->ifm_data = data;
	e->ifm_aux = aux;
	list_add_tail(&e->ifm_list, &ifm->ifm_list);
}
EXPORT_SYMBOL_NS_GPL(ifmedia_add, IOPKT);

static struct ifmedia_entry *ifmedia_match(struct ifmedia *ifm, int target,
					   int mask)
{
	struct ifmedia_entry *e;

	list_for_each_entry(e, &ifm->ifm_list, ifm_list)
		if ((e->ifm_media & ~mask) == (target & ~mask))
			return e;
	return NULL;
}

/**
 * ifmedia_set() - select the current medium (at attach)
 * @ifm: the list
 * @mword: one of the media added
 */
void ifmedia_set(struct ifmedia *ifm, int mword)
{
	struct ifmedia_entry *e = ifmedia_match(ifm, mword, ifm->ifm_mask);

	if (!e) {
		pr_warn("%s: no media 0x%x in the list\n", __func__, mword);
		return;
	}
	ifm->ifm_cur = e;
	ifm->ifm_media = mword;
}
EXPORT_SYMBOL_NS_GPL(ifmedia_set, IOPKT);

/**
 * ifmedia_delete_instance() - free the media list
 * @ifm: the list
 * @inst: IFM_INST_ANY
 */
void ifmedia_delete_instance(struct ifmedia *ifm, int inst)
{
	struct ifmedia_entry *e, *tmp;

	if (!ifm->ifm_list.next)
		return;
	list_for_each_entry_safe(e, tmp, &ifm->ifm_list, ifm_list) {
		list_del(&e->ifm_list);
		kfree(e);
	}
	ifm->ifm_cur = NULL;
}
EXPORT_SYMBOL_NS_GPL(ifmedia_delete_instance, IOPKT);

/**
 * ifmedia_ioctl() - SIOCGIFMEDIA and SIOCSIFMEDIA for a driver
 * @ifp: the interface
 * @ifr: the request (struct iopkt_ifreq for SIOCSIFMEDIA, struct
 *	iopkt_ifmediareq for SIOCGIFMEDIA), a kernel copy; for
 *	SIOCGIFMEDIA, ifm_ulist is a kernel pointer to ifm_count words
 *	(the control plane copies it out)
 * @ifm: the driver's media list
 * @cmd: SIOCGIFMEDIA or SIOCSIFMEDIA
 *
 * Return: 0 or an errno (ENXIO: no such medium, EINVAL).
 */
int ifmedia_ioctl(struct ifnet *ifp, void *ifr, struct ifmedia *ifm,
		  unsigned long cmd)
{
	struct ifmedia_entry *e;

	switch (cmd) {
	case IOPKT_SIOCSIFMEDIA: {
		struct iopkt_ifreq *req = ifr;
		struct ifmedia_entry *old = ifm->ifm_cur;
		int oldmedia = ifm->ifm_media;
		int err;

		e = ifmedia_match(ifm, req->ifr_media, ifm->ifm_mask);
		if (!e)
			return ENXIO;
		ifm->ifm_cur = e;
		ifm->ifm_media = req->ifr_media;
		err = ifm->ifm_change ? ifm->ifm_change(ifp) : 0;
		if (err) {
			ifm->ifm_cur = old;
			ifm->ifm_media = oldmedia;
		}
		return err;
	}
	case IOPKT_SIOCGIFMEDIA: {
		struct iopkt_ifmediareq *req = ifr;
		int *ulist = (int *)(uintptr_t)req->ifm_ulist;
		int n = 0;

		if (req->ifm_count < 0)
			return EINVAL;
		req->ifm_current = ifm->ifm_cur ? ifm->ifm_media : 0;
		req->ifm_mask = ifm->ifm_mask;
		req->ifm_status = 0;
		req->ifm_active = req->ifm_current;
		if (ifm->ifm_status)
			ifm->ifm_status(ifp, req);
		list_for_each_entry(e, &ifm->ifm_list, ifm_list) {
			if (ulist && n < req->ifm_count)
				ulist[n] = e->ifm_media;
			n++;
		}
		req->ifm_count = n;
		return 0;
	}
	default:
		return EINVAL;
	}
}
EXPORT_SYMBOL_NS_GPL(ifmedia_ioctl, IOPKT);

/**
 * ifmedia_baudrate() - the speed of a media word
 * @mword: media word
 *
 * Return: bits per second, 0 if unknown.
 */
int ifmedia_baudrate(int mword)
{
	if (IFM_TYPE(mword) != IFM_ETHER)
		return 0;
	switch (IFM_SUBTYPE(mword)) {
	case IFM_10_T:
		return 10000000;
	case IFM_100_TX:
		return 100000000;
	case IFM_1000_SX:
	case IFM_1000_T:
		return 1000000000;
	default:
		return 0;
	}
}
EXPORT_SYMBOL_NS_GPL(ifmedia_baudrate, IOPKT);
