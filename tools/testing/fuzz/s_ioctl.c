// SPDX-License-Identifier: GPL-2.0
/*
 * Surface "ioctl": every request of /dev/iopktN (<uapi/iopkt/ctl.h>), built
 * valid and then mutated: request numbers and sizes, the argument pointer,
 * pointers and counts inside the argument, interface names, random bits.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <iopkt/ctl.h>

#include "fuzz.h"

enum kind { K_IFREQ, K_MEDIA, K_CAP, K_DATA, K_DRVCOM, K_LIST, K_CLONERS,
	    K_NETNS };

static const struct req {
	const char *name;
	unsigned long cmd;
	enum kind kind;
	int enotty_ok;		/* the interface's driver may not have it */
} reqs[] = {
	{ "SIOCSIFFLAGS", IOPKT_SIOCSIFFLAGS, K_IFREQ, 0 },
	{ "SIOCGIFFLAGS", IOPKT_SIOCGIFFLAGS, K_IFREQ, 0 },
	{ "SIOCGIFMETRIC", IOPKT_SIOCGIFMETRIC, K_IFREQ, 0 },
	{ "SIOCSIFMETRIC", IOPKT_SIOCSIFMETRIC, K_IFREQ, 0 },
	{ "SIOCSIFMEDIA", IOPKT_SIOCSIFMEDIA, K_IFREQ, 0 },
	{ "SIOCGIFMEDIA", IOPKT_SIOCGIFMEDIA, K_MEDIA, 1 },
	{ "SIOCSIFCAP", IOPKT_SIOCSIFCAP, K_CAP, 0 },
	{ "SIOCGIFCAP", IOPKT_SIOCGIFCAP, K_CAP, 0 },
	{ "SIOCIFGCLONERS", IOPKT_SIOCIFGCLONERS, K_CLONERS, 0 },
	{ "SIOCIFDESTROY", IOPKT_SIOCIFDESTROY, K_IFREQ, 0 },
	{ "SIOCIFCREATE", IOPKT_SIOCIFCREATE, K_IFREQ, 0 },
	{ "SIOCGDRVCOM", IOPKT_SIOCGDRVCOM, K_DRVCOM, 0 },
	{ "SIOCGIFMTU", IOPKT_SIOCGIFMTU, K_IFREQ, 0 },
	{ "SIOCSIFMTU", IOPKT_SIOCSIFMTU, K_IFREQ, 0 },
	{ "SIOCGIFDATA", IOPKT_SIOCGIFDATA, K_DATA, 0 },
	{ "SIOCZIFDATA", IOPKT_SIOCZIFDATA, K_DATA, 0 },
	{ "SIOCGIFLIST", IOPKT_SIOCGIFLIST, K_LIST, 0 },
	{ "SIOCGNETNS", IOPKT_SIOCGNETNS, K_NETNS, 0 },
	/* defined for drivers; the control device does not serve them */
	{ "SIOCADDMULTI", IOPKT_SIOCADDMULTI, K_IFREQ, 1 },
	{ "SIOCDELMULTI", IOPKT_SIOCDELMULTI, K_IFREQ, 1 },
};
#define NREQS	ARRAY_SIZE(reqs)

/* What any request on the device may get. */
static const int any_errno[] = {
	ENXIO, EINVAL, EFAULT, ENOTTY, EOPNOTSUPP, EEXIST, EBUSY, ENOENT,
	ENOMEM, EAFNOSUPPORT, EADDRNOTAVAIL, ERANGE, ENOSPC, 0
};
/* A valid request may still meet an interface that went, or a refusal. */
static const int valid_errno[] = {
	ENXIO, EINVAL, EOPNOTSUPP, EEXIST, EBUSY, 0
};

struct ioctl_state {
	int fd;
};

static int ioctl_init(struct worker *w)
{
	struct ioctl_state *s = calloc(1, sizeof(*s));

	if (!s)
		return -1;
	s->fd = -1;
	w->priv = s;
	return 0;
}

static void ioctl_fini(struct worker *w)
{
	struct ioctl_state *s = w->priv;

	if (s->fd >= 0)
		close(s->fd);
	free(s);
	w->priv = NULL;
}

/* Fill a valid argument for REQ at ARG; embedded buffers after it. */
static void build(struct worker *w, struct rng *r, const struct req *q,
		  uint8_t *arg)
{
	uint8_t *buf = w->arena.base + 65536;
	struct iopkt_ifreq *ifr = (void *)arg;
	struct iopkt_ifmediareq *ifm = (void *)arg;
	struct iopkt_ifcapreq *cap = (void *)arg;
	struct iopkt_drvcom *dc = (void *)arg;
	struct iopkt_iflist *il = (void *)arg;
	struct iopkt_if_clonereq *cr = (void *)arg;

	memset(arg, 0, 256);
	snprintf(ifr->ifr_name, IOPKT_IFNAMSIZ, "%s", pick_ifname(r));
	switch (q->cmd) {
	case IOPKT_SIOCSIFFLAGS:
		ifr->ifr_flags = IOPKT_IFF_UP * rng_below(r, 2) |
				 IOPKT_IFF_DEBUG * rng_one_in(r, 4) |
				 IOPKT_IFF_LINK0 * rng_one_in(r, 4);
		break;
	case IOPKT_SIOCSIFMETRIC:
		ifr->ifr_metric = rng_below(r, 16);
		break;
	case IOPKT_SIOCSIFMTU:
		ifr->ifr_mtu = 576 + rng_below(r, 1500 - 576 + 1);
		break;
	case IOPKT_SIOCSIFMEDIA:
		ifr->ifr_media = IOPKT_IFM_ETHER |
				 (rng_one_in(r, 2) ? IOPKT_IFM_AUTO :
				  IOPKT_IFM_100_TX | IOPKT_IFM_FDX);
		break;
	case IOPKT_SIOCIFCREATE:
	case IOPKT_SIOCIFDESTROY:
		if (!strncmp(ifr->ifr_name, "sam", 3) && !rng_one_in(r, 8))
			snprintf(ifr->ifr_name, IOPKT_IFNAMSIZ, "tap%u",
				 rng_below(r, FUZZ_TUNTAP_UNITS));
		break;
	}
	switch (q->kind) {
	case K_MEDIA:
		ifm->ifm_count = rng_below(r, 9);
		ifm->ifm_ulist = ifm->ifm_count ? (uintptr_t)buf : 0;
		break;
	case K_CAP:
		cap->ifcr_capenable_rx = rng_below(r, 2) * IOPKT_IFCAP_CSUM_IPv4;
		break;
	case K_DRVCOM:
		dc->ifdc_cmd = rng_one_in(r, 2) ? IOPKT_DRVCOM_CONFIG :
						  IOPKT_DRVCOM_STATS;
		dc->ifdc_len = dc->ifdc_cmd == IOPKT_DRVCOM_CONFIG ?
			       sizeof(struct iopkt_nic_config) :
			       sizeof(struct iopkt_nic_stats);
		dc->ifdc_data = (uintptr_t)buf;
		break;
	case K_LIST:
		memset(il, 0, sizeof(*il));
		il->count = rng_below(r, 17);
		il->buf = il->count ? (uintptr_t)buf : 0;
		break;
	case K_CLONERS:
		memset(cr, 0, sizeof(*cr));
		cr->ifcr_count = rng_below(r, 9);
		cr->ifcr_buffer = (uintptr_t)buf;
		break;
	default:
		break;
	}
}

/* The embedded pointer and count of ARG, if it has them. */
static void mutate_embedded(struct worker *w, struct rng *r,
			    const struct req *q, uint8_t *arg)
{
	struct iopkt_ifmediareq *ifm = (void *)arg;
	struct iopkt_drvcom *dc = (void *)arg;
	struct iopkt_iflist *il = (void *)arg;
	struct iopkt_if_clonereq *cr = (void *)arg;
	int ptr = rng_below(r, 2);

	switch (q->kind) {
	case K_MEDIA:
		if (ptr)
			ifm->ifm_ulist = bad_pointer(w, r, ifm->ifm_count * 4);
		else
			ifm->ifm_count = odd_number(r);
		break;
	case K_DRVCOM:
		if (ptr)
			dc->ifdc_data = bad_pointer(w, r, dc->ifdc_len);
		else if (rng_one_in(r, 2))
			dc->ifdc_len = odd_number(r);
		else
			dc->ifdc_cmd = odd_number(r);
		break;
	case K_LIST:
		if (ptr)
			il->buf = bad_pointer(w, r, il->count *
					      sizeof(struct iopkt_ifinfo));
		else
			il->count = odd_number(r);
		break;
	case K_CLONERS:
		if (ptr)
			cr->ifcr_buffer = bad_pointer(w, r, cr->ifcr_count *
						      IOPKT_IFNAMSIZ);
		else
			cr->ifcr_count = odd_number(r);
		break;
	case K_IFREQ:
		((struct iopkt_ifreq *)arg)->ifr_mtu = odd_number(r);
		break;
	default:
		flip_bits(r, arg + IOPKT_IFNAMSIZ, 16);
	}
}

static int ctl_fd(struct ioctl_state *s)
{
	if (s->fd < 0)
		s->fd = open("/dev/iopkt0", O_RDWR | O_CLOEXEC);
	return s->fd;
}

static void ioctl_one(struct worker *w, struct rng *r, uint64_t iter)
{
	struct ioctl_state *s = w->priv;
	const struct req *q = &reqs[rng_below(r, NREQS)];
	uint8_t *arg = w->arena.base + rng_below(r, 64) * 8;
	unsigned long cmd = q->cmd;
	int size_ok = 1, ptr_ok = 1, name_ok = 1, n, fd, ret, err;
	void *uarg = arg;
	char what[64] = "";

	build(w, r, q, arg);
	n = rng_one_in(r, 8) ? 0 : 1 + rng_below(r, 3);	/* 1 in 8 valid */
	while (n--) {
		switch (rng_below(r, 8)) {
		case 0:		/* the size in the request number */
			cmd = _IOC(_IOC_DIR(cmd), 'i', _IOC_NR(cmd),
				   odd_number(r) & _IOC_SIZEMASK);
			size_ok = cmd == q->cmd;
			strcat(what, " size");
			break;
		case 1:		/* the number or the direction */
			if (rng_one_in(r, 2))
				cmd = _IOC(_IOC_DIR(cmd), 'i', rng_below(r, 256),
					   _IOC_SIZE(cmd));
			else
				cmd = _IOC(rng_below(r, 4), _IOC_TYPE(cmd),
					   _IOC_NR(cmd), _IOC_SIZE(cmd));
			size_ok = cmd == q->cmd;
			strcat(what, " nr");
			break;
		case 2:		/* the argument pointer */
			uarg = (void *)(uintptr_t)bad_pointer(w, r, _IOC_SIZE(cmd));
			ptr_ok = 0;
			strcat(what, " arg");
			break;
		case 3:
		case 4:		/* a pointer or count inside */
			mutate_embedded(w, r, q, arg);
			ptr_ok = 0;
			strcat(what, " inner");
			break;
		case 5:
			mutate_name(r, (char *)arg, IOPKT_IFNAMSIZ);
			name_ok = 0;
			strcat(what, " name");
			break;
		default:
			flip_bits(r, arg, _IOC_SIZE(q->cmd));
			ptr_ok = name_ok = 0;
			strcat(what, " bits");
		}
	}
	fd = ctl_fd(s);
	begin(w, iter, "%s \"%.16s\" cmd %#lx arg %p mutated:%s", q->name,
	      (char *)arg, cmd, uarg, *what ? what : " none");
	ret = ioctl(fd, cmd, uarg);
	err = ret < 0 ? errno : 0;
	end(w);
	if (ret >= 0 && _IOC_NR(cmd) == _IOC_NR(IOPKT_SIOCGNETNS) && ret > 2)
		close(ret);	/* a namespace file descriptor */
	if (fd < 0) {
		s->fd = -1;	/* the instance is restarting */
		return;
	}
	if (err == ENXIO && (q->kind == K_LIST || q->kind == K_CLONERS ||
			     q->kind == K_NETNS)) {
		/* no name involved: the instance went; open its successor */
		close(s->fd);
		s->fd = -1;
	}
	if (size_ok && ptr_ok && name_ok && !q->enotty_ok) {
		judge(w, err, valid_errno);	/* no ENOTTY, no EFAULT */
		return;
	}
	if (size_ok && ptr_ok && !q->enotty_ok && err == ENOTTY) {
		judge(w, err, valid_errno);	/* known request, refused */
		return;
	}
	judge(w, err, any_errno);
}

const struct surface_ops ioctl_surface = {
	.name = "ioctl",
	.init = ioctl_init,
	.one = ioctl_one,
	.fini = ioctl_fini,
};
