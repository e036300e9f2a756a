// SPDX-License-Identifier: GPL-2.0
/*
 * Surface "genl": every command of the "iopkt" generic netlink family
 * (<uapi/iopkt/genl.h>) with well-formed attributes, then mutated: missing,
 * duplicated, unknown, wrongly typed and wrongly sized attributes, nesting
 * where none belongs, bad attribute and message lengths, odd commands,
 * versions and flags, random bits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <iopkt/genl.h>

#include "fuzz.h"

#define MAXATTRS	12
#define MSGMAX		8192

struct attr {
	uint16_t type;
	uint16_t len;		/* payload bytes */
	uint8_t data[1100];
};

struct msg {
	int cmd;
	int dump;
	int n;
	int refused;		/* a valid request that must be refused */
	struct attr a[MAXATTRS];
};

static const int any_errno[] = {
	EINVAL, ERANGE, EOPNOTSUPP, ESRCH, EEXIST, ENOENT, EBUSY, E2BIG,
	EMSGSIZE, ENODEV, ENOMEM, ENOSPC, ENXIO, EAFNOSUPPORT, 0
};
static const int valid_errno[] = {
	ESRCH, EEXIST, EBUSY, ENOENT, ENODEV, ENXIO, 0
};
/* the same, plus "not implemented yet" (fastforward=1, options.md) */
static const int refused_errno[] = {
	ESRCH, EEXIST, EBUSY, ENOENT, ENODEV, ENXIO, EOPNOTSUPP, 0
};

static const char *const options[] = {
	"", "forward", "fastforward=1", "fastforward=0", "somaxconn=1024",
	"random", "enmap", "recv_ctxt=4096", "forward,somaxconn=256",
};

static void add_u32(struct msg *m, int type, uint32_t v)
{
	struct attr *a = &m->a[m->n++];

	a->type = type;
	a->len = 4;
	memcpy(a->data, &v, 4);
}

static void add_str(struct msg *m, int type, const char *s)
{
	struct attr *a = &m->a[m->n++];

	a->type = type;
	a->len = strlen(s) + 1;
	memcpy(a->data, s, a->len);
}

/* A valid request; heavy commands (start, mount) are rare. */
static void build(struct rng *r, struct msg *m)
{
	uint32_t p = rng_below(r, 1000), inst = 1 + rng_below(r, 3);
	const char *o;
	char buf[64];

	memset(m, 0, sizeof(*m));
	if (p < 350) {
		m->cmd = IOPKT_CMD_GET;
		add_u32(m, IOPKT_A_INSTANCE, rng_below(r, 4));
	} else if (p < 450) {
		m->cmd = IOPKT_CMD_GET;
		snprintf(buf, sizeof(buf), "/fz%u", inst);
		add_str(m, IOPKT_A_PREFIX, rng_one_in(r, 2) ? "" : buf);
	} else if (p < 600) {
		m->cmd = IOPKT_CMD_GET;
		m->dump = 1;
	} else if (p < 800) {
		m->cmd = IOPKT_CMD_SET_OPT;
		add_u32(m, IOPKT_A_INSTANCE, rng_below(r, 4));
		o = options[rng_below(r, ARRAY_SIZE(options))];
		add_str(m, IOPKT_A_OPTIONS, o);
		m->refused = !strcmp(o, "fastforward=1");
	} else if (p < 850) {
		m->cmd = IOPKT_CMD_START;
		add_u32(m, IOPKT_A_INSTANCE, inst);
		add_u32(m, IOPKT_A_VARIANT, rng_below(r, 3));
		snprintf(buf, sizeof(buf), "prefix=/fz%u", inst);
		add_str(m, IOPKT_A_OPTIONS, buf);
		add_u32(m, IOPKT_A_THREADS, 1 + rng_below(r, 2));
		if (rng_one_in(r, 2))
			add_u32(m, IOPKT_A_PRIO, 10 + rng_below(r, 20));
	} else if (p < 910) {
		m->cmd = IOPKT_CMD_STOP;
		add_u32(m, IOPKT_A_INSTANCE, inst);
	} else if (p < 930) {
		m->cmd = IOPKT_CMD_MOUNT;
		add_u32(m, IOPKT_A_INSTANCE, rng_below(r, 4));
		add_u32(m, IOPKT_A_KIND, IOPKT_MOD_DRIVER);
		add_str(m, IOPKT_A_NAME, "sam");
	} else if (p < 935) {
		m->cmd = IOPKT_CMD_MOUNT;
		add_u32(m, IOPKT_A_INSTANCE, rng_below(r, 4));
		add_u32(m, IOPKT_A_KIND, IOPKT_MOD_LSM);
		add_str(m, IOPKT_A_NAME, "pfil");
	} else {
		m->cmd = IOPKT_CMD_GET;
		add_u32(m, IOPKT_A_INSTANCE, 0);
	}
}

/* Mutations of the attribute list. */
static void mutate(struct rng *r, struct msg *m)
{
	struct attr *a = m->n ? &m->a[rng_below(r, m->n)] : NULL;
	uint32_t i;

	switch (rng_below(r, 9)) {
	case 0:		/* a required attribute missing */
		if (a)
			*a = m->a[--m->n];
		break;
	case 1:		/* duplicated */
		if (a && m->n < MAXATTRS)
			m->a[m->n++] = *a;
		break;
	case 2:		/* wrong size for its type */
		if (a)
			a->len = odd_number(r) % 1100;
		break;
	case 3:		/* a string without its NUL, or too long */
		if (a) {
			a->len = rng_one_in(r, 2) ? 64 : 1024 + rng_below(r, 64);
			for (i = 0; i < a->len; i++)
				a->data[i] = 'a' + rng_below(r, 26);
		}
		break;
	case 4:		/* unknown attribute */
		if (m->n < MAXATTRS)
			add_u32(m, rng_one_in(r, 2) ? 0 : IOPKT_A_MAX + 1 +
				rng_below(r, 64), rng_next(r));
		break;
	case 5:		/* nested where none belongs, or an attribute with the flag */
		if (a) {
			a->type |= NLA_F_NESTED;
			if (rng_one_in(r, 2) && a->len + 8u <= sizeof(a->data)) {
				memmove(a->data + 4, a->data, a->len);
				a->data[0] = (a->len + 4) & 0xff;
				a->data[1] = (a->len + 4) >> 8;
				a->data[2] = IOPKT_A_INSTANCE;
				a->data[3] = 0;
				a->len += 4;
			}
		}
		break;
	case 6:		/* an output-only attribute as input */
		if (m->n < MAXATTRS)
			add_str(m, IOPKT_A_IFNAME + rng_below(r, 6), "sam0");
		break;
	case 7:		/* the command */
		m->cmd = rng_one_in(r, 2) ? (int)rng_below(r, 256) :
			 IOPKT_CMD_EV_ATTACH + (int)rng_below(r, 3);
		break;
	default:	/* the value */
		if (a)
			flip_bits(r, a->data, a->len ? a->len : 1);
	}
}

static size_t serialize(struct gsock *g, struct rng *r, struct msg *m,
			uint8_t *buf, int mutated, uint32_t *seq, int *wait)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *gh;
	struct nlattr *na;
	size_t len;
	int i;

	nlh->nlmsg_type = gsock_family(g);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (m->dump ? NLM_F_DUMP : 0);
	nlh->nlmsg_seq = *seq = gsock_seq(g);
	gh = mnl_nlmsg_put_extra_header(nlh, sizeof(*gh));
	gh->cmd = m->cmd;
	gh->version = IOPKT_GENL_VERSION;
	for (i = 0; i < m->n; i++) {
		na = (void *)(buf + nlh->nlmsg_len);
		na->nla_type = m->a[i].type;
		na->nla_len = 4 + m->a[i].len;
		memcpy(na + 1, m->a[i].data, m->a[i].len);
		nlh->nlmsg_len += MNL_ALIGN(na->nla_len);
	}
	len = nlh->nlmsg_len;
	*wait = 1;
	if (!mutated || !rng_one_in(r, 4))
		return len;
	switch (rng_below(r, 5)) {
	case 0:		/* the header */
		if (rng_one_in(r, 2))
			gh->version = rng_below(r, 256);
		else
			nlh->nlmsg_flags ^= NLM_F_DUMP;
		break;
	case 1:		/* an attribute length past the end */
		if (m->n) {
			na = (void *)(gh + 1);
			na->nla_len = odd_number(r) & 0xffff;
		}
		break;
	case 2:		/* a message length that lies */
		nlh->nlmsg_len = odd_number(r) % (MSGMAX + 64);
		/* a short or long one is dropped without an answer */
		*wait = nlh->nlmsg_len >= sizeof(*nlh) + sizeof(*gh) &&
			nlh->nlmsg_len == len;
		break;
	case 3:		/* bits anywhere after the netlink header */
		flip_bits(r, buf + sizeof(*nlh), len - sizeof(*nlh));
		break;
	default:	/* trailing garbage after the message */
		for (i = 0; i < 16; i++)
			buf[len + i] = (uint8_t)rng_next(r);
		len += 16;
		*wait = 0;
	}
	return len;
}

static int genl_init(struct worker *w)
{
	w->priv = gsock_open();
	if (!w->priv)
		fprintf(stderr, "iopkt-fuzz: no iopkt generic netlink family\n");
	return w->priv ? 0 : -1;
}

static void genl_fini(struct worker *w)
{
	gsock_close(w->priv);
	w->priv = NULL;
}

static void genl_one(struct worker *w, struct rng *r, uint64_t iter)
{
	static struct msg msgs[64];	/* one per thread: large for a stack */
	static uint8_t bufs[64][MSGMAX + 128];
	struct msg *m = &msgs[w->id];
	uint8_t *buf = bufs[w->id];
	int n, mutated, wait, err;
	uint32_t seq;
	size_t len;

	build(r, m);
	n = rng_one_in(r, 8) ? 0 : 1 + rng_below(r, 3);
	mutated = n > 0;
	while (n--)
		mutate(r, m);
	len = serialize(w->priv, r, m, buf, mutated, &seq, &wait);
	begin(w, iter, "genl cmd %d%s, %d attributes (first %d), %zu bytes%s",
	      m->cmd, m->dump ? " dump" : "", m->n, m->n ? m->a[0].type : -1,
	      len, mutated ? ", mutated" : "");
	err = gsock_xfer(w->priv, buf, len, seq, wait);
	end(w);
	judge(w, err < 0 ? EIO : err, mutated ? any_errno :
	      m->refused ? refused_errno : valid_errno);
}

const struct surface_ops genl_surface = {
	.name = "genl",
	.init = genl_init,
	.one = genl_one,
	.fini = genl_fini,
};
