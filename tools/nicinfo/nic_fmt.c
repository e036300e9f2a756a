// SPDX-License-Identifier: GPL-2.0
/*
 * The report QNX's nicinfo prints for a driver's DRVCOM_CONFIG and
 * DRVCOM_STATS answers: "Label ........ value" lines with the values
 * starting in one column, in groups separated by blank lines.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "nic_fmt.h"

static void line(FILE *out, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line(FILE *out, const char *label, const char *fmt, ...)
{
	int dots = NIC_VALUE_COL - 2 - (int)strlen(label);
	va_list ap;

	fprintf(out, "  %s ", label);
	/* at least three dots, as QNX's longest label has */
	for (dots = dots < 3 ? 3 : dots; dots > 0; dots--)
		fputc('.', out);
	fputc(' ', out);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

static void count(FILE *out, const char *label, __u64 v)
{
	line(out, label, "%llu", (unsigned long long)v);
}

static void node_id(FILE *out, const char *label, const __u8 *a)
{
	line(out, label, "%02X%02X%02X %02X%02X%02X", a[0], a[1], a[2], a[3],
	     a[4], a[5]);
}

static void config_part(FILE *out, const struct iopkt_nic_config *c)
{
	bool ether = c->media == IOPKT_NIC_MEDIA_802_3;
	char rate[64];
	unsigned int i;

	node_id(out, "Physical Node ID", c->permanent_address);
	node_id(out, "Current Physical Node ID", c->current_address);
	if (c->media_rate > 0) {
		snprintf(rate, sizeof(rate), "%d.%02d Mb/s%s", c->media_rate / 1000,
			 (c->media_rate % 1000) / 10,
			 !ether || c->duplex < 0 ? "" :
			 c->duplex ? " full-duplex" : " half-duplex");
		line(out, "Current Operation Rate", "%s", rate);
	} else {
		line(out, "Current Operation Rate", "Unknown");
	}
	if (ether)
		line(out, "Active Interface Type", "MII");
	else if (c->media == IOPKT_NIC_MEDIA_802_11)
		line(out, "Active Interface Type", "802.11");
	line(out, "Maximum Transmittable data Unit", "%u", c->mtu);
	line(out, "Maximum Receivable data Unit", "%u", c->mtu);
	for (i = 0; i < c->num_irqs && i < 4; i++)
		line(out, "Hardware Interrupt", "0x%x", c->irq[i]);
	for (i = 0; i < c->num_io_windows && i < 2; i++)
		line(out, "I/O Aperture", "0x%llx",
		     (unsigned long long)c->io_window_base[i]);
	for (i = 0; i < c->num_mem_windows && i < 2; i++) {
		unsigned long long base = c->mem_window_base[i];
		unsigned long long size = c->mem_window_size[i];

		if (size)
			line(out, "Memory Aperture", "0x%llx - 0x%llx", base,
			     base + size - 1);
		else
			line(out, "Memory Aperture", "0x%llx", base);
	}
	line(out, "Promiscuous Mode", "%s",
	     c->flags & IOPKT_NIC_FLAG_PROMISCUOUS ? "On" : "Off");
	line(out, "Multicast Support", "%s",
	     c->flags & IOPKT_NIC_FLAG_MULTICAST ? "Enabled" : "Disabled");
}

static void stats_part(FILE *out, const struct iopkt_nic_stats *s, bool ether)
{
	fputc('\n', out);
	count(out, "Packets Transmitted OK", s->txed_ok);
	count(out, "Bytes Transmitted OK", s->octets_txed_ok);
	count(out, "Broadcast Packets Transmitted OK", s->txed_broadcast);
	count(out, "Multicast Packets Transmitted OK", s->txed_multicast);
	count(out, "Memory Allocation Failures on Transmit", s->tx_failed_allocs);
	fputc('\n', out);
	count(out, "Packets Received OK", s->rxed_ok);
	count(out, "Bytes Received OK", s->octets_rxed_ok);
	count(out, "Broadcast Packets Received OK", s->rxed_broadcast);
	count(out, "Multicast Packets Received OK", s->rxed_multicast);
	count(out, "Memory Allocation Failures on Receive", s->rx_failed_allocs);
	if (!ether)
		return;
	fputc('\n', out);
	count(out, "Single Collisions on Transmit", s->single_collisions);
	count(out, "Multiple Collisions on Transmit", s->multi_collisions);
	count(out, "Deferred Transmits", s->tx_deferred);
	count(out, "Late Collision on Transmit errors", s->late_collisions);
	count(out, "Transmits aborted (excessive collisions)", s->xcoll_aborted);
	count(out, "Transmit Underruns", s->internal_tx_errors);
	count(out, "No Carrier on Transmit", s->no_carrier);
	count(out, "Jabber detected", s->jabber_detected);
	count(out, "Receive Alignment errors", s->align_errors);
	count(out, "Received packets with CRC errors", s->fcs_errors);
	count(out, "Packets Dropped on receive", s->internal_rx_errors);
	count(out, "Oversized Packets received", s->oversized_packets);
	count(out, "Short packets", s->short_packets);
	count(out, "Length Field Mismatch errors", s->length_field_mismatch);
	count(out, "Symbol errors", s->symbol_errors);
	count(out, "SQE Test errors", s->sqe_errors);
	count(out, "Total Frames experiencing Collisions",
	      s->total_collision_frames);
}

void nic_format(FILE *out, const char *ifname,
		const struct iopkt_nic_config *cfg,
		const struct iopkt_nic_stats *stats)
{
	char desc[sizeof(cfg->device_description) + 1];

	memcpy(desc, cfg->device_description, sizeof(cfg->device_description));
	desc[sizeof(cfg->device_description)] = '\0';
	fprintf(out, "%s:%s%s\n", ifname, desc[0] ? " " : "", desc);
	fprintf(out, "  Link is %s\n",
		cfg->flags & IOPKT_NIC_FLAG_LINK_DOWN ? "down" : "up");
	fputc('\n', out);
	config_part(out, cfg);
	if (stats)
		stats_part(out, stats, cfg->media == IOPKT_NIC_MEDIA_802_3);
}
