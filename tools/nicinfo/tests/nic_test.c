// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side driver for nicinfo's formatter. Reads "field value" lines on
 * stdin (the names of struct iopkt_nic_config and iopkt_nic_stats members;
 * "description TEXT", "permanent HEX12", "current HEX12", "irq N",
 * "io BASE", "mem BASE SIZE", "nostats") and prints the report of "sam0".
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nic_fmt.h"

#define CFG(f) { #f, offsetof(struct iopkt_nic_config, f), sizeof(((struct iopkt_nic_config *)0)->f), 0 }
#define ST(f) { #f, offsetof(struct iopkt_nic_stats, f), 8, 1 }

static const struct field {
	const char *name;
	size_t off, size;
	int stats;
} fields[] = {
	CFG(flags), CFG(media), CFG(mtu), CFG(media_rate), CFG(duplex), CFG(lan),
	CFG(vendor_id), CFG(device_id), CFG(device_revision),
	ST(octets_txed_ok), ST(octets_rxed_ok), ST(txed_ok), ST(rxed_ok),
	ST(txed_multicast), ST(rxed_multicast), ST(txed_broadcast),
	ST(rxed_broadcast), ST(tx_failed_allocs), ST(rx_failed_allocs),
	ST(align_errors), ST(fcs_errors), ST(single_collisions),
	ST(multi_collisions), ST(sqe_errors), ST(tx_deferred),
	ST(late_collisions), ST(xcoll_aborted), ST(internal_tx_errors),
	ST(no_carrier), ST(internal_rx_errors), ST(oversized_packets),
	ST(short_packets), ST(length_field_mismatch), ST(symbol_errors),
	ST(jabber_detected), ST(total_collision_frames),
	{ NULL, 0, 0, 0 },
};

static void mac(__u8 *dst, const char *hex)
{
	int i;

	for (i = 0; i < 6; i++)
		sscanf(hex + 2 * i, "%2hhx", &dst[i]);
}

int main(void)
{
	struct iopkt_nic_config cfg;
	struct iopkt_nic_stats st;
	bool nostats = false;
	char buf[256], key[64], val[192];

	memset(&cfg, 0, sizeof(cfg));
	memset(&st, 0, sizeof(st));
	while (fgets(buf, sizeof(buf), stdin)) {
		const struct field *f;

		buf[strcspn(buf, "\n")] = '\0';
		val[0] = '\0';
		if (sscanf(buf, "%63s %191[^\n]", key, val) < 1)
			continue;
		if (!strcmp(key, "description")) {
			snprintf(cfg.device_description,
				 sizeof(cfg.device_description), "%s", val);
		} else if (!strcmp(key, "permanent")) {
			mac(cfg.permanent_address, val);
		} else if (!strcmp(key, "current")) {
			mac(cfg.current_address, val);
		} else if (!strcmp(key, "irq")) {
			cfg.irq[cfg.num_irqs++] = strtoul(val, NULL, 0);
		} else if (!strcmp(key, "io")) {
			cfg.io_window_base[cfg.num_io_windows++] = strtoull(val, NULL, 0);
		} else if (!strcmp(key, "mem")) {
			char *end;

			cfg.mem_window_base[cfg.num_mem_windows] = strtoull(val, &end, 0);
			cfg.mem_window_size[cfg.num_mem_windows++] = strtoull(end, NULL, 0);
		} else if (!strcmp(key, "nostats")) {
			nostats = true;
		} else {
			for (f = fields; f->name && strcmp(f->name, key); f++)
				;
			if (!f->name) {
				fprintf(stderr, "nic_test: unknown field %s\n", key);
				return 2;
			}
			if (f->stats) {
				__u64 v = strtoull(val, NULL, 0);

				memcpy((char *)&st + f->off, &v, 8);
			} else {
				__s32 v = (__s32)strtol(val, NULL, 0);

				memcpy((char *)&cfg + f->off, &v, 4);
			}
		}
	}
	nic_format(stdout, "sam0", &cfg, nostats ? NULL : &st);
	return 0;
}
