// SPDX-License-Identifier: GPL-2.0
/*
 * Surface "tun": the tun and tap character devices (<uapi/iopkt/if_tun.h>)
 * of instance 0: open, close, ioctl, read, write and poll with well-formed
 * packets, then mutated lengths, pointers, headers and requests, while the
 * churn thread destroys and recreates the interfaces under the open files.
 * Thread T works on tunU and tapU, U = T mod FUZZ_TUNTAP_UNITS.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <iopkt/if_tun.h>

#include "fuzz.h"

struct tun_state {
	int fd[2];		/* tun, tap */
	int head;		/* TUNSIFHEAD as we last set it */
};

/* What these calls may return on a device whose interface may go. */
static const int any_errno[] = {
	ENXIO, ENOENT, ENODEV, EBUSY, EINVAL, EFAULT, ENOTTY, EMSGSIZE,
	EAFNOSUPPORT, EAGAIN, ENOBUFS, EBADF, ENOMEM, EIO,
	EISDIR, ENOTDIR, ENAMETOOLONG, 0	/* a mutated device path */
};
/* ... and with intact pointers and known requests: no EFAULT, no ENOTTY */
static const int valid_errno[] = {
	ENXIO, ENOENT, ENODEV, EBUSY, EINVAL, EMSGSIZE, EAFNOSUPPORT, EAGAIN,
	ENOBUFS, EBADF, EIO, 0
};

static int tun_init(struct worker *w)
{
	struct tun_state *s = calloc(1, sizeof(*s));

	if (!s)
		return -1;
	s->fd[0] = s->fd[1] = -1;
	w->priv = s;
	return 0;
}

static void tun_fini(struct worker *w)
{
	struct tun_state *s = w->priv;
	int i;

	for (i = 0; i < 2; i++)
		if (s->fd[i] >= 0)
			close(s->fd[i]);
	free(s);
	w->priv = NULL;
}

/* A valid packet for the device into P; returns its length. */
static size_t packet(struct rng *r, int tap, int head, uint8_t *p)
{
	size_t off = 0, iplen;
	int v6 = rng_one_in(r, 3);
	uint32_t af;

	if (tap) {
		memset(p, 0xff, 6);			/* broadcast */
		memcpy(p + 6, "\x02\x00\x5e\x10\x00\x01", 6);
		p[12] = v6 ? 0x86 : 0x08;
		p[13] = v6 ? 0xdd : 0x00;
		off = 14;
	} else if (head) {
		af = htonl(v6 ? AF_INET6 : AF_INET);
		memcpy(p, &af, 4);
		off = 4;
	}
	iplen = (v6 ? 40 : 20) + 8 + rng_below(r, 64);
	memset(p + off, 0, iplen);
	if (v6) {
		p[off] = 0x60;
		p[off + 4] = (iplen - 40) >> 8;
		p[off + 5] = (iplen - 40) & 0xff;
		p[off + 6] = 17;			/* UDP */
		p[off + 7] = 64;
		p[off + 8] = 0xfd;			/* fd00::1 -> fd00::2 */
		p[off + 23] = 1;
		p[off + 24] = 0xfd;
		p[off + 39] = 2;
	} else {
		p[off] = 0x45;
		p[off + 2] = iplen >> 8;
		p[off + 3] = iplen & 0xff;
		p[off + 8] = 64;
		p[off + 9] = 17;
		memcpy(p + off + 12, "\x0a\x63\x00\x01\x0a\x63\x00\x02", 8);
	}
	return off + iplen;
}

static void dev_path(char *path, size_t size, int tap, unsigned int unit)
{
	snprintf(path, size, "/dev/%s%u", tap ? "tap" : "tun", unit);
}

static void tun_one(struct worker *w, struct rng *r, uint64_t iter)
{
	static const unsigned long tun_reqs[] = {
		TUNSDEBUG, TUNGDEBUG, TUNSIFMODE, TUNSIFHEAD, TUNGIFHEAD,
		FIONREAD, FIONBIO, FIOASYNC,
	};
	static const unsigned long tap_reqs[] = { TAPGIFNAME, FIONREAD, FIONBIO };
	struct tun_state *s = w->priv;
	int tap = rng_below(r, 2), ok = 1, ret, err = 0, op, *fd = &s->fd[tap];
	unsigned int unit = w->id % FUZZ_TUNTAP_UNITS;
	uint8_t *buf = w->arena.base + 4096;
	uint64_t uptr = (uintptr_t)buf;
	struct pollfd pfd;
	unsigned long cmd;
	char path[32];
	size_t len;
	int v;

	dev_path(path, sizeof(path), tap, unit);
	op = *fd < 0 ? 0 : rng_below(r, 10);
	switch (op) {
	case 0:		/* open, or close and open again */
		if (*fd >= 0) {
			close(*fd);
			*fd = -1;
		}
		if (rng_one_in(r, 16)) {
			mutate_name(r, path + 5, sizeof(path) - 5);
			ok = 0;
		}
		begin(w, iter, "open %s", path);
		*fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		err = *fd < 0 ? errno : 0;
		end(w);
		if (!err && !tap)
			s->head = 0;
		break;
	case 1:
	case 2:		/* a request */
		if (tap)
			cmd = tap_reqs[rng_below(r, 3)];
		else
			cmd = tun_reqs[rng_below(r, 8)];
		v = cmd == TUNSIFMODE ?
		    (rng_one_in(r, 2) ? IOPKT_IFF_POINTOPOINT : IOPKT_IFF_BROADCAST) :
		    (int)rng_below(r, 2);
		if (cmd == FIONBIO)
			v = 1;		/* never make reads block */
		memcpy(buf, &v, sizeof(v));
		if (rng_one_in(r, 3)) {
			switch (rng_below(r, 3)) {
			case 0:
				cmd = _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd),
					   rng_below(r, 256), _IOC_SIZE(cmd));
				break;
			case 1:
				cmd = _IOC(_IOC_DIR(cmd), _IOC_TYPE(cmd),
					   _IOC_NR(cmd), odd_number(r) & 0x3fff);
				break;
			default:
				v = (int)odd_number(r);
				memcpy(buf, &v, sizeof(v));
				break;
			}
			ok = 0;
		}
		if (cmd != FIONBIO && rng_one_in(r, 4)) {
			uptr = bad_pointer(w, r, 16);
			ok = 0;
		}
		begin(w, iter, "%s%u ioctl %#lx arg %#llx", tap ? "tap" : "tun",
		      unit, cmd, (unsigned long long)uptr);
		ret = ioctl(*fd, cmd, (void *)(uintptr_t)uptr);
		err = ret < 0 ? errno : 0;
		end(w);
		if (!err && cmd == TUNSIFHEAD)
			s->head = !!v;
		if (!ok && (cmd == TUNSIFHEAD || cmd == FIONBIO))
			s->head = -1;	/* unknown now */
		break;
	case 3:
	case 4:
	case 5:		/* write a packet */
		len = packet(r, tap, s->head == 1, buf);
		if (s->head < 0 || rng_one_in(r, 2)) {
			ok = 0;
			switch (rng_below(r, 4)) {
			case 0:
				len = odd_number(r) % (ARENA_SIZE - 8192);
				break;
			case 1:
				uptr = bad_pointer(w, r, len);
				break;
			default:
				flip_bits(r, buf, len);
			}
		}
		begin(w, iter, "%s%u write %zu bytes from %#llx",
		      tap ? "tap" : "tun", unit, len, (unsigned long long)uptr);
		ret = write(*fd, (void *)(uintptr_t)uptr, len);
		err = ret < 0 ? errno : 0;
		end(w);
		if (ok && err == EINVAL)
			ok = 0;	/* TUNSIFHEAD raced with a mutated request */
		break;
	case 6:
	case 7:		/* read */
		fcntl(*fd, F_SETFL, O_NONBLOCK);
		len = 2048;
		if (rng_one_in(r, 3)) {
			ok = 0;
			if (rng_one_in(r, 2))
				len = odd_number(r) % (ARENA_SIZE - 8192);
			else
				uptr = bad_pointer(w, r, len);
		}
		begin(w, iter, "%s%u read %zu bytes into %#llx",
		      tap ? "tap" : "tun", unit, len, (unsigned long long)uptr);
		ret = read(*fd, (void *)(uintptr_t)uptr, len);
		err = ret < 0 ? errno : 0;
		end(w);
		break;
	case 8:		/* poll */
		pfd.fd = *fd;
		pfd.events = POLLIN | POLLOUT;
		begin(w, iter, "%s%u poll", tap ? "tap" : "tun", unit);
		ret = poll(&pfd, 1, rng_below(r, 3));
		err = ret < 0 ? errno : 0;
		end(w);
		break;
	default:	/* close */
		begin(w, iter, "%s%u close", tap ? "tap" : "tun", unit);
		close(*fd);
		*fd = -1;
		end(w);
		break;
	}
	judge(w, err, ok ? valid_errno : any_errno);
}

const struct surface_ops tun_surface = {
	.name = "tun",
	.init = tun_init,
	.one = tun_one,
	.fini = tun_fini,
};
