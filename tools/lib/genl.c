// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "iopkt", through libmnl.
 *
 * One socket carries requests (each acknowledged; errors come back with the
 * kernel's extended-ack message); a second one, opened by
 * iopkt_genl_subscribe(), receives the "events" multicast group so that
 * events never mix with replies.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "libiopkt_internal.h"

#define RECV_SIZE	32768

struct iopkt_genl {
	struct mnl_socket *nl;
	struct mnl_socket *ev;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;
	int have_events;
	uint32_t events_grp;
	char *rbuf;		/* replies */
	char *ebuf;		/* one event datagram, consumed from eoff */
	size_t elen, eoff;
};

/* One request in flight: the caller's callback and what went wrong. */
struct req {
	mnl_cb_t cb;
	void *data;
	int error;		/* positive errno from the kernel, or 0 */
	char msg[256];		/* its extended-ack message */
	char kmsg[256];		/* IOPKT_A_ERRMSG: the reason, precise */
};

static int errmsg_cb(const struct nlattr *attr, void *data)
{
	struct req *r = data;

	if (mnl_attr_get_type(attr) == IOPKT_A_ERRMSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(r->kmsg, sizeof(r->kmsg), "%s", mnl_attr_get_str(attr));
	return MNL_CB_OK;
}

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct req *r = data;

	/* a failed request: the kernel says why before the error */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(struct genlmsghdr))
		mnl_attr_parse(nlh, sizeof(struct genlmsghdr), errmsg_cb, r);
	if (r->kmsg[0])
		return MNL_CB_OK;
	return r->cb ? r->cb(nlh, r->data) : MNL_CB_OK;
}

static int extack_cb(const struct nlattr *attr, void *data)
{
	struct req *r = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(r->msg, sizeof(r->msg), "%s", mnl_attr_get_str(attr));
	return MNL_CB_OK;
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct req *r = data;
	unsigned int off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		r->error = EBADMSG;
		return MNL_CB_STOP;
	}
	if (!e->error)
		return MNL_CB_STOP;	/* the ack */
	r->error = -e->error;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
		    e->msg.nlmsg_len >= sizeof(struct nlmsghdr))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (mnl_nlmsg_size(off) <= nlh->nlmsg_len)
			mnl_attr_parse(nlh, off, extack_cb, r);
	}
	return MNL_CB_STOP;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct req *r = data;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		int e = *(const int *)mnl_nlmsg_get_payload(nlh);

		if (e < 0)
			r->error = -e;
	}
	return MNL_CB_STOP;
}

static int overrun_cb(const struct nlmsghdr *nlh, void *data)
{
	struct req *r = data;

	(void)nlh;
	r->error = ENOBUFS;
	return MNL_CB_STOP;
}

static void request_error(struct req *r, char *err, size_t errlen)
{
	if (r->kmsg[0])
		iopkt_err(err, errlen, "%s", r->kmsg);
	else if (r->msg[0])
		iopkt_err(err, errlen, "%s", r->msg);
	else if (r->error == EPERM)
		iopkt_err(err, errlen, "%s (needs CAP_NET_ADMIN)",
			  strerror(r->error));
	else
		iopkt_err(err, errlen, "%s", strerror(r->error));
}

/* Send NLH and run CB on each reply until the ack or the end of a dump. */
static int request(struct iopkt_genl *g, struct nlmsghdr *nlh, mnl_cb_t cb,
		   void *data, char *err, size_t errlen)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { 0 };
	struct req r = { .cb = cb, .data = data };
	unsigned int seq = nlh->nlmsg_seq;
	int ret = MNL_CB_OK;
	ssize_t n;

	ctl[NLMSG_ERROR] = error_cb;
	ctl[NLMSG_DONE] = done_cb;
	ctl[NLMSG_OVERRUN] = overrun_cb;
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0) {
		r.error = errno;
		request_error(&r, err, errlen);
		return -r.error;
	}
	do {
		n = mnl_socket_recvfrom(g->nl, g->rbuf, RECV_SIZE);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r.error = errno;
			break;
		}
		ret = mnl_cb_run2(g->rbuf, n, seq, g->portid, data_cb, &r, ctl,
				  NLMSG_MIN_TYPE);
		if (ret < 0 && !r.error)
			r.error = errno ? errno : EPROTO;
	} while (ret > MNL_CB_STOP && !r.error);
	if (r.error) {
		request_error(&r, err, errlen);
		return -r.error;
	}
	return 0;
}

static struct nlmsghdr *msg_start(struct iopkt_genl *g, char *buf,
				  uint16_t type, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *gh;

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++g->seq;
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	gh->cmd = cmd;
	gh->version = type == GENL_ID_CTRL ? 1 : IOPKT_GENL_VERSION;
	return nlh;
}

/* Attribute tables: tb[type] for each attribute up to MAX. */
struct attrs {
	const struct nlattr **tb;
	int max;
};

static int attr_cb(const struct nlattr *attr, void *data)
{
	struct attrs *a = data;
	int type = mnl_attr_get_type(attr);

	if (type >= 0 && type <= a->max)
		a->tb[type] = attr;
	return MNL_CB_OK;
}

static void parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
		  int max)
{
	struct attrs a = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	mnl_attr_parse(nlh, sizeof(struct genlmsghdr), attr_cb, &a);
}

static int nested(const struct nlattr *nest, const struct nlattr **tb,
		  int max)
{
	struct attrs a = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	return mnl_attr_parse_nested(nest, attr_cb, &a);
}

static long get_u32(const struct nlattr *a, long dflt)
{
	if (!a)
		return dflt;
	if (mnl_attr_get_payload_len(a) >= 4)
		return mnl_attr_get_u32(a);
	if (mnl_attr_get_payload_len(a) >= 1)
		return mnl_attr_get_u8(a);
	return dflt;
}

static void get_str(const struct nlattr *a, char *out, size_t len)
{
	out[0] = '\0';
	if (a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
		snprintf(out, len, "%s", mnl_attr_get_str(a));
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1], *grp[CTRL_ATTR_MCAST_GRP_MAX + 1];
	struct iopkt_genl *g = data;
	const struct nlattr *pos;

	parse(nlh, tb, CTRL_ATTR_MAX);
	if (tb[CTRL_ATTR_FAMILY_ID])
		g->family = mnl_attr_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(pos, tb[CTRL_ATTR_MCAST_GROUPS]) {
		char name[GENL_NAMSIZ];

		if (nested(pos, grp, CTRL_ATTR_MCAST_GRP_MAX) < 0 ||
		    !grp[CTRL_ATTR_MCAST_GRP_ID])
			continue;
		get_str(grp[CTRL_ATTR_MCAST_GRP_NAME], name, sizeof(name));
		if (!strcmp(name, IOPKT_GENL_MCGRP_EVENTS)) {
			g->events_grp = mnl_attr_get_u32(grp[CTRL_ATTR_MCAST_GRP_ID]);
			g->have_events = 1;
		}
	}
	return MNL_CB_OK;
}

static struct mnl_socket *open_socket(unsigned int *portid, char *err,
				      size_t errlen)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_GENERIC);
	int one = 1;

	if (!nl) {
		iopkt_err(err, errlen, "cannot open a generic netlink socket: %s",
			  strerror(errno));
		return NULL;
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		iopkt_err(err, errlen, "cannot bind a generic netlink socket: %s",
			  strerror(errno));
		mnl_socket_close(nl);
		return NULL;
	}
	/* Older kernels lack these; the messages are then plain errnos. */
	mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	if (portid)
		*portid = mnl_socket_get_portid(nl);
	return nl;
}

struct iopkt_genl *iopkt_genl_open(char *err, size_t errlen)
{
	char buf[256] __attribute__((aligned(4)));
	struct iopkt_genl *g;
	struct nlmsghdr *nlh;
	char msg[256];
	int rc;

	g = calloc(1, sizeof(*g));
	if (g)
		g->rbuf = malloc(RECV_SIZE);
	if (!g || !g->rbuf) {
		free(g);
		iopkt_err(err, errlen, "out of memory");
		return NULL;
	}
	g->seq = (unsigned int)time(NULL);
	g->nl = open_socket(&g->portid, err, errlen);
	if (!g->nl) {
		iopkt_genl_close(g);
		return NULL;
	}
	nlh = msg_start(g, buf, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, IOPKT_GENL_NAME);
	rc = request(g, nlh, family_cb, g, msg, sizeof(msg));
	if (rc == -ENOENT || (!rc && !g->family)) {
		iopkt_err(err, errlen,
			  "iopkt kernel module not loaded (no generic netlink family %s)",
			  IOPKT_GENL_NAME);
		iopkt_genl_close(g);
		return NULL;
	}
	if (rc) {
		iopkt_err(err, errlen,
			  "cannot look up the generic netlink family %s: %s",
			  IOPKT_GENL_NAME, msg);
		iopkt_genl_close(g);
		return NULL;
	}
	return g;
}

void iopkt_genl_close(struct iopkt_genl *g)
{
	if (!g)
		return;
	if (g->nl)
		mnl_socket_close(g->nl);
	if (g->ev)
		mnl_socket_close(g->ev);
	free(g->rbuf);
	free(g->ebuf);
	free(g);
}

/* Requests that carry only attributes and expect an ack. */
struct attrbuf {
	char buf[8192] __attribute__((aligned(4)));
	struct nlmsghdr *nlh;
	int overflow;
};

static void put_u32(struct attrbuf *b, uint16_t type, uint32_t v)
{
	if (!mnl_attr_put_u32_check(b->nlh, sizeof(b->buf), type, v))
		b->overflow = 1;
}

static void put_str(struct attrbuf *b, uint16_t type, const char *s)
{
	if (!mnl_attr_put_strz_check(b->nlh, sizeof(b->buf), type, s))
		b->overflow = 1;
}

static int send_simple(struct iopkt_genl *g, struct attrbuf *b, char *err,
		       size_t errlen)
{
	if (b->overflow) {
		iopkt_err(err, errlen, "request too long (option string of %zu bytes or more)",
			  sizeof(b->buf));
		return -EMSGSIZE;
	}
	return request(g, b->nlh, NULL, NULL, err, errlen);
}

int iopkt_genl_start(struct iopkt_genl *g, int instance, int variant,
		     const char *options, int prio, int threads, int verbose,
		     char *err, size_t errlen)
{
	struct attrbuf b = { .overflow = 0 };

	b.nlh = msg_start(g, b.buf, g->family, IOPKT_CMD_START, NLM_F_ACK);
	put_u32(&b, IOPKT_A_INSTANCE, instance);
	put_u32(&b, IOPKT_A_VARIANT, variant);
	if (options && *options)
		put_str(&b, IOPKT_A_OPTIONS, options);
	if (prio >= 0)
		put_u32(&b, IOPKT_A_PRIO, prio);
	if (threads >= 0)
		put_u32(&b, IOPKT_A_THREADS, threads);
	if (verbose > 0)
		put_u32(&b, IOPKT_A_VERBOSE, verbose);
	return send_simple(g, &b, err, errlen);
}

int iopkt_genl_stop(struct iopkt_genl *g, int instance, char *err,
		    size_t errlen)
{
	struct attrbuf b = { .overflow = 0 };

	b.nlh = msg_start(g, b.buf, g->family, IOPKT_CMD_STOP, NLM_F_ACK);
	put_u32(&b, IOPKT_A_INSTANCE, instance);
	return send_simple(g, &b, err, errlen);
}

int iopkt_genl_mount(struct iopkt_genl *g, int instance, int kind,
		     const char *name, const char *options, char *err,
		     size_t errlen)
{
	struct attrbuf b = { .overflow = 0 };

	b.nlh = msg_start(g, b.buf, g->family, IOPKT_CMD_MOUNT, NLM_F_ACK);
	put_u32(&b, IOPKT_A_INSTANCE, instance);
	put_u32(&b, IOPKT_A_KIND, kind);
	put_str(&b, IOPKT_A_NAME, name);
	if (options && *options)
		put_str(&b, IOPKT_A_OPTIONS, options);
	return send_simple(g, &b, err, errlen);
}

int iopkt_genl_set_opt(struct iopkt_genl *g, int instance,
		       const char *options, char *err, size_t errlen)
{
	struct attrbuf b = { .overflow = 0 };

	b.nlh = msg_start(g, b.buf, g->family, IOPKT_CMD_SET_OPT, NLM_F_ACK);
	put_u32(&b, IOPKT_A_INSTANCE, instance);
	put_str(&b, IOPKT_A_OPTIONS, options ? options : "");
	return send_simple(g, &b, err, errlen);
}

/* GET replies, one per instance. */
struct infos {
	struct iopkt_instance_info *out;
	int max, n;
};

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IOPKT_A_MAX + 1];
	struct infos *in = data;
	struct iopkt_instance_info *i;

	if (in->n >= in->max)
		return MNL_CB_OK;
	i = &in->out[in->n++];
	parse(nlh, tb, IOPKT_A_MAX);
	i->instance = get_u32(tb[IOPKT_A_INSTANCE], -1);
	i->variant = get_u32(tb[IOPKT_A_VARIANT], -1);
	i->started = get_u32(tb[IOPKT_A_STARTED], 0);
	i->nifs = get_u32(tb[IOPKT_A_NIFS], 0);
	get_str(tb[IOPKT_A_PREFIX], i->prefix, sizeof(i->prefix));
	return MNL_CB_OK;
}

int iopkt_genl_get(struct iopkt_genl *g, int instance, const char *prefix,
		   struct iopkt_instance_info *out, char *err, size_t errlen)
{
	struct attrbuf b = { .overflow = 0 };
	struct infos in = { out, 1, 0 };
	int rc;

	b.nlh = msg_start(g, b.buf, g->family, IOPKT_CMD_GET, NLM_F_ACK);
	if (instance >= 0)
		put_u32(&b, IOPKT_A_INSTANCE, instance);
	else
		put_str(&b, IOPKT_A_PREFIX, prefix ? prefix : "");
	rc = request(g, b.nlh, info_cb, &in, err, errlen);
	if (rc)
		return rc;
	if (!in.n) {
		iopkt_err(err, errlen, "no such io-pkt instance");
		return -ENOENT;
	}
	return 0;
}

int iopkt_genl_list(struct iopkt_genl *g, struct iopkt_instance_info *out,
		    int max, char *err, size_t errlen)
{
	struct attrbuf b = { .overflow = 0 };
	struct infos in = { out, max, 0 };
	int rc;

	b.nlh = msg_start(g, b.buf, g->family, IOPKT_CMD_GET, NLM_F_DUMP);
	rc = request(g, b.nlh, info_cb, &in, err, errlen);
	return rc ? rc : in.n;
}

int iopkt_genl_subscribe(struct iopkt_genl *g, char *err, size_t errlen)
{
	int e;

	if (g->ev)
		return 0;
	if (!g->have_events) {
		iopkt_err(err, errlen,
			  "the generic netlink family %s has no \"%s\" group",
			  IOPKT_GENL_NAME, IOPKT_GENL_MCGRP_EVENTS);
		return -ENOENT;
	}
	g->ebuf = malloc(RECV_SIZE);
	if (!g->ebuf) {
		iopkt_err(err, errlen, "out of memory");
		return -ENOMEM;
	}
	g->ev = open_socket(NULL, err, errlen);
	if (!g->ev)
		return -EIO;
	if (mnl_socket_setsockopt(g->ev, NETLINK_ADD_MEMBERSHIP, &g->events_grp,
				  sizeof(g->events_grp)) < 0) {
		e = errno;
		iopkt_err(err, errlen, "cannot join the %s events group: %s",
			  IOPKT_GENL_NAME, strerror(e));
		mnl_socket_close(g->ev);
		g->ev = NULL;
		return -e;
	}
	return 0;
}

static int event_of(const struct iopkt_genl *g, const struct nlmsghdr *nlh,
		    struct iopkt_event *ev)
{
	const struct nlattr *tb[IOPKT_A_MAX + 1];
	const struct genlmsghdr *gh;

	if (nlh->nlmsg_type != g->family ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*gh))
		return 0;
	gh = mnl_nlmsg_get_payload(nlh);
	if (gh->cmd != IOPKT_CMD_EV_ATTACH && gh->cmd != IOPKT_CMD_EV_DETACH &&
	    gh->cmd != IOPKT_CMD_EV_LINK)
		return 0;
	parse(nlh, tb, IOPKT_A_MAX);
	memset(ev, 0, sizeof(*ev));
	ev->cmd = gh->cmd;
	ev->instance = get_u32(tb[IOPKT_A_INSTANCE], -1);
	get_str(tb[IOPKT_A_IFNAME], ev->ifname, sizeof(ev->ifname));
	ev->ifindex = get_u32(tb[IOPKT_A_IFINDEX], 0);
	ev->link_state = get_u32(tb[IOPKT_A_LINK_STATE], -1);
	return 1;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int iopkt_genl_next_event(struct iopkt_genl *g, int timeout_ms,
			  struct iopkt_event *ev)
{
	long long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

	if (!g->ev)
		return -ENOTCONN;
	for (;;) {
		struct pollfd pfd = { .fd = mnl_socket_get_fd(g->ev), .events = POLLIN };
		long long left;
		ssize_t n;
		int rc;

		/* what is left of the last datagram first */
		while (g->eoff < g->elen) {
			const struct nlmsghdr *nlh =
				(const void *)(g->ebuf + g->eoff);
			int len = g->elen - g->eoff;

			if (!mnl_nlmsg_ok(nlh, len)) {
				g->elen = g->eoff = 0;
				break;
			}
			g->eoff += MNL_ALIGN(nlh->nlmsg_len);
			if (event_of(g, nlh, ev))
				return 1;
		}
		left = timeout_ms < 0 ? -1 : deadline - now_ms();
		if (timeout_ms >= 0 && left < 0)
			left = 0;
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (!rc)
			return 0;
		n = mnl_socket_recvfrom(g->ev, g->ebuf, RECV_SIZE);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		g->elen = n;
		g->eoff = 0;
	}
}
