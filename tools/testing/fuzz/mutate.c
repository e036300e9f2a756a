// SPDX-License-Identifier: GPL-2.0
/*
 * Mutations shared by the surfaces: pointers, numbers, names, bits.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

/*
 * A pointer the kernel must refuse or survive, for a LEN-byte object:
 * NULL, low, unmapped, kernel space, non-canonical, read-only, straddling
 * the arena's guard page, or misaligned inside the arena.
 */
uint64_t bad_pointer(struct worker *w, struct rng *r, size_t len)
{
	struct arena *a = &w->arena;

	switch (rng_below(r, 8)) {
	case 0:
		return 0;
	case 1:
		return 1 + rng_below(r, 65536);
	case 2:		/* the guard page */
		return (uintptr_t)(a->base + ARENA_SIZE + rng_below(r, 4096));
	case 3:		/* kernel space */
		return 0xffff888000000000ULL + (rng_next(r) & 0xffffff8ULL);
	case 4:		/* non-canonical */
		return 0x0000800000000000ULL | (rng_next(r) & 0xffff);
	case 5:		/* read-only: reads work, writes fault */
		return (uintptr_t)a->ro;
	case 6:		/* the end runs into the guard page */
		if (len > 1 && len < ARENA_SIZE)
			return (uintptr_t)(a->base + ARENA_SIZE - len + 1 +
					   rng_below(r, len - 1));
		return (uintptr_t)(a->base + ARENA_SIZE - 1);
	default:	/* misaligned, inside */
		return (uintptr_t)(a->base + 65536 + 1 + rng_below(r, 7));
	}
}

void flip_bits(struct rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;
	int n = 1 + rng_below(r, 8);

	if (!len)
		return;
	while (n--)
		p[rng_below(r, len)] ^= 1u << rng_below(r, 8);
}

/* Boundaries and extremes for counts, lengths and values. */
uint32_t odd_number(struct rng *r)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 63, 64, 127, 128, 255, 256, 257,
		1023, 1024, 1025, 1500, 1501, 4095, 4096, 4097, 65535, 65536,
		0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
	};

	if (rng_one_in(r, 4))
		return (uint32_t)rng_next(r);
	return v[rng_below(r, ARRAY_SIZE(v))];
}

/* Interface names: real ones that come and go, aliases, and nonsense. */
const char *pick_ifname(struct rng *r)
{
	static const char *const names[] = {
		"sam0", "sam1", "tun0", "tun1", "tun2", "tun3", "tap0", "tap1",
		"tap2", "tap3", "en0", "en1", "lo", "eth0", "nosuch0", "tun",
		"tap", "sam", "tun99", "tap4294967296",
	};

	return names[rng_below(r, ARRAY_SIZE(names))];
}

/* A name field of SIZE bytes: unterminated, too long, odd bytes. */
void mutate_name(struct rng *r, char *name, size_t size)
{
	size_t i;

	switch (rng_below(r, 7)) {
	case 0:		/* no NUL at all */
		for (i = 0; i < size; i++)
			name[i] = 'a' + rng_below(r, 26);
		break;
	case 1:		/* empty */
		memset(name, 0, size);
		break;
	case 2:		/* a real name, then junk after the NUL */
		for (i = strlen(name) + 1; i < size; i++)
			name[i] = (char)rng_next(r);
		break;
	case 3:		/* a unit number too big for any counter */
		snprintf(name, size, "tun%u", (unsigned int)rng_next(r));
		break;
	case 4:		/* path-ish and control characters */
		snprintf(name, size, "%s", rng_one_in(r, 2) ? "../tun0" : "\x01\xff\n");
		break;
	case 5:		/* another instance's device name */
		snprintf(name, size, "iopkt%u-tun0", rng_below(r, 4));
		break;
	default:
		flip_bits(r, name, size);
	}
}
