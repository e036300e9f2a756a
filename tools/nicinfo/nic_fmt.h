// SPDX-License-Identifier: GPL-2.0
/*
 * nicinfo's report of one interface, QNX layout. Pure: the host tests
 * drive it.
 */
#ifndef IOPKT_NIC_FMT_H
#define IOPKT_NIC_FMT_H

#include <stdio.h>

#include <iopkt/ctl.h>

/* The column where values start, after the indent, label and dot leader. */
#define NIC_VALUE_COL	45

/* Writes the report; stats may be NULL (only the configuration part). */
void nic_format(FILE *out, const char *ifname,
		const struct iopkt_nic_config *cfg,
		const struct iopkt_nic_stats *stats);

#endif /* IOPKT_NIC_FMT_H */
