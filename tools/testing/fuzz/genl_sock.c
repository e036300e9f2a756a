// SPDX-License-Identifier: GPL-2.0
/*
 * A generic netlink socket for raw, possibly malformed, requests to the
 * "iopkt" family, through libmnl as tools/lib/genl.c.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <iopkt/genl.h>

#include "fuzz.h"

#define RBUF	65536

struct gsock {
	struct mnl_socket *nl;
	unsigned int portid;
	uint32_t seq;
	int family;
	char rbuf[RBUF];
};

static int family_attr(const struct nlattr *a, void *data)
{
	if (mnl_attr_get_type(a) == CTRL_ATTR_FAMILY_ID &&
	    mnl_attr_validate(a, MNL_TYPE_U16) >= 0)
		*(int *)data = mnl_attr_get_u16(a);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr, data);
}

/* The family's id, resolved again on each open (the module may reload). */
static int resolve(struct gsock *g)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *gh;
	ssize_t n;
	int ret;

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++g->seq;
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	gh->cmd = CTRL_CMD_GETFAMILY;
	gh->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, IOPKT_GENL_NAME);
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		n = mnl_socket_recvfrom(g->nl, g->rbuf, RBUF);
		if (n < 0)
			return -1;
		ret = mnl_cb_run(g->rbuf, n, g->seq, g->portid, family_cb,
				 &g->family);
	} while (ret > MNL_CB_STOP);
	return g->family ? 0 : -1;
}

struct gsock *gsock_open(void)
{
	struct gsock *g = calloc(1, sizeof(*g));

	if (!g)
		return NULL;
	g->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!g->nl || mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    resolve(g)) {
		gsock_close(g);
		return NULL;
	}
	g->portid = mnl_socket_get_portid(g->nl);
	return g;
}

void gsock_close(struct gsock *g)
{
	if (!g)
		return;
	if (g->nl)
		mnl_socket_close(g->nl);
	free(g);
}

int gsock_family(struct gsock *g)
{
	return g->family;
}

/* Throw away what earlier (malformed) requests left queued. */
static void drain(struct gsock *g)
{
	struct pollfd p = { .fd = mnl_socket_get_fd(g->nl), .events = POLLIN };

	while (poll(&p, 1, 0) > 0 &&
	       recv(p.fd, g->rbuf, RBUF, MSG_DONTWAIT) > 0)
		;
}

/*
 * Send; if WAIT, read until the error/ack or the end of a dump for SEQ.
 * Returns 0, a positive errno, or -1 if the socket failed.
 */
int gsock_xfer(struct gsock *g, const void *msg, size_t len, uint32_t seq,
	       int wait)
{
	int fd = mnl_socket_get_fd(g->nl);
	struct nlmsghdr *nlh;
	ssize_t n;
	int rest;

	drain(g);
	if (send(fd, msg, len, 0) < 0)
		return errno;
	while (wait) {
		n = recv(fd, g->rbuf, RBUF, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == ENOBUFS ? 0 : errno;
		}
		rest = n;
		for (nlh = (void *)g->rbuf; mnl_nlmsg_ok(nlh, rest);
		     nlh = mnl_nlmsg_next(nlh, &rest)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

				return -e->error;
			}
		}
	}
	return 0;
}

/* A well-formed request with the attributes given (NULL: left out). */
int genl_simple(struct gsock *g, int cmd, int instance, const char *name,
		const char *options)
{
	char buf[1024];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *gh;

	nlh->nlmsg_type = g->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++g->seq;
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	gh->cmd = cmd;
	gh->version = IOPKT_GENL_VERSION;
	if (instance >= 0)
		mnl_attr_put_u32(nlh, IOPKT_A_INSTANCE, instance);
	if (name)
		mnl_attr_put_strz(nlh, IOPKT_A_NAME, name);
	if (options)
		mnl_attr_put_strz(nlh, IOPKT_A_OPTIONS, options);
	return gsock_xfer(g, buf, nlh->nlmsg_len, nlh->nlmsg_seq, 1);
}

/* The next sequence number (s_genl.c builds its own messages). */
uint32_t gsock_seq(struct gsock *g)
{
	return ++g->seq;
}
