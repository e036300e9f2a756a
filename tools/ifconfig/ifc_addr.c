// SPDX-License-Identifier: GPL-2.0
/*
 * Interface addresses belong to Linux: read and change them with rtnetlink
 * (RTM_GETADDR, RTM_NEWADDR, RTM_DELADDR) in the current network namespace,
 * which the caller has made the instance's (iopkt_enter_netns()).
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ifconfig.h"

struct dump_ctx {
	struct ifc_addr *v;
	size_t n, room;
	bool nomem;
};

static int errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static struct mnl_socket *rtnl_open(char *err, size_t errlen)
{
	struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);

	if (!nl) {
		errf(err, errlen, "rtnetlink socket: %s", strerror(errno));
		return NULL;
	}
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		errf(err, errlen, "rtnetlink bind: %s", strerror(errno));
		mnl_socket_close(nl);
		return NULL;
	}
	return nl;
}

static void copy_attr(const struct nlattr *at, uint8_t *dst, size_t len)
{
	size_t n = mnl_attr_get_payload_len(at);

	memcpy(dst, mnl_attr_get_payload(at), n < len ? n : len);
}

static int addr_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	size_t alen = ifa->ifa_family == AF_INET ? 4 : 16;
	struct dump_ctx *ctx = data;
	bool has_local = false, has_address = false;
	uint8_t address[16] = { 0 };
	const struct nlattr *at;
	struct ifc_addr *a;

	if (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6)
		return MNL_CB_OK;
	if (ctx->n == ctx->room) {
		size_t room = ctx->room ? ctx->room * 2 : 16;
		struct ifc_addr *v = realloc(ctx->v, room * sizeof(*v));

		if (!v) {
			ctx->nomem = true;
			return MNL_CB_ERROR;
		}
		ctx->v = v;
		ctx->room = room;
	}
	a = &ctx->v[ctx->n];
	memset(a, 0, sizeof(*a));
	a->family = ifa->ifa_family;
	a->ifindex = (int)ifa->ifa_index;
	a->plen = ifa->ifa_prefixlen;
	a->flags = ifa->ifa_flags;
	a->scope = ifa->ifa_scope;
	mnl_attr_for_each(at, nlh, sizeof(*ifa)) {
		switch (mnl_attr_get_type(at)) {
		case IFA_LOCAL:
			copy_attr(at, a->local, alen);
			has_local = true;
			break;
		case IFA_ADDRESS:
			copy_attr(at, address, alen);
			has_address = true;
			break;
		case IFA_BROADCAST:
			copy_attr(at, a->brd, 4);
			a->has_brd = true;
			break;
		case IFA_FLAGS:
			if (mnl_attr_get_payload_len(at) >= 4)
				a->flags = mnl_attr_get_u32(at);
			break;
		}
	}
	/*
	 * IFA_LOCAL is the interface's own address; IFA_ADDRESS is the same
	 * or, on a point-to-point link, the peer. IPv6 often sends only
	 * IFA_ADDRESS.
	 */
	if (!has_local && has_address) {
		memcpy(a->local, address, alen);
	} else if (has_local && has_address && memcmp(a->local, address, alen)) {
		memcpy(a->dst, address, alen);
		a->has_dst = true;
	}
	if (has_local || has_address)
		ctx->n++;
	return MNL_CB_OK;
}

/* Sends one request and runs cb over the answers until DONE or the ACK. */
static int rtnl_talk(struct mnl_socket *nl, struct nlmsghdr *nlh,
		     mnl_cb_t cb, void *data)
{
	char buf[32768];	/* dump messages can exceed a page */
	unsigned int portid = mnl_socket_get_portid(nl);
	unsigned int seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		len = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (len < 0)
			return -1;
		ret = mnl_cb_run(buf, len, seq, portid, cb, data);
	} while (ret > 0);
	return ret < 0 ? -1 : 0;
}

int ifc_addr_dump(struct ifc_addr **out, size_t *n, char *err, size_t errlen)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct dump_ctx ctx = { 0 };
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	int ret;

	nl = rtnl_open(err, errlen);
	if (!nl)
		return -1;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = (unsigned int)time(NULL);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = AF_UNSPEC;
	ret = rtnl_talk(nl, nlh, addr_cb, &ctx);
	if (ret < 0) {
		errf(err, errlen, "RTM_GETADDR: %s",
		     ctx.nomem ? strerror(ENOMEM) : strerror(errno));
		free(ctx.v);
		mnl_socket_close(nl);
		return -1;
	}
	mnl_socket_close(nl);
	*out = ctx.v;
	*n = ctx.n;
	return 0;
}

int ifc_addr_change(bool add, const struct ifc_addr *a, char *err,
		    size_t errlen)
{
	size_t alen = a->family == AF_INET ? 4 : 16;
	char buf[MNL_SOCKET_BUFFER_SIZE];
	char txt[64];
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	int ret;

	nl = rtnl_open(err, errlen);
	if (!nl)
		return -1;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (add)
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_REPLACE;
	nlh->nlmsg_seq = (unsigned int)time(NULL);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)a->family;
	ifa->ifa_prefixlen = (uint8_t)a->plen;
	ifa->ifa_index = (unsigned int)a->ifindex;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	mnl_attr_put(nlh, IFA_LOCAL, alen, a->local);
	mnl_attr_put(nlh, IFA_ADDRESS, alen, a->has_dst ? a->dst : a->local);
	if (a->family == AF_INET && a->has_brd)
		mnl_attr_put(nlh, IFA_BROADCAST, 4, a->brd);
	ret = rtnl_talk(nl, nlh, NULL, NULL);
	if (ret < 0) {
		int e = errno;

		ifc_addr_text(txt, sizeof(txt), a->family, a->local, NULL);
		errf(err, errlen, "%s %s: %s", add ? "RTM_NEWADDR" : "RTM_DELADDR",
		     txt, strerror(e));
	}
	mnl_socket_close(nl);
	return ret;
}
