/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything a network driver uses, in one include: the guide's
 * <io-pkt/iopkt_driver.h> (and <sys/io-pkt.h>, <sys/device.h>,
 * <net/if_ether.h>, <net/if_media.h>, <nw_thread.h>, <hw/nicinfo.h>,
 * <dev/mii/miivar.h>, ...) become
 *
 *	#include <iopkt/iopkt_driver.h>
 */
#ifndef _IOPKT_IOPKT_DRIVER_H
#define _IOPKT_IOPKT_DRIVER_H

#include <iopkt/blockop.h>
#include <iopkt/callout.h>
#include <iopkt/device.h>
#include <iopkt/if.h>
#include <iopkt/if_ether.h>
#include <iopkt/if_media.h>
#include <iopkt/interrupt.h>
#include <iopkt/ltsleep.h>
#include <iopkt/mbuf.h>
#include <iopkt/mii.h>
#include <iopkt/nic.h>
#include <iopkt/nw_thread.h>
#include <iopkt/options.h>
#include <iopkt/osdep.h>
#include <iopkt/stack.h>

#endif /* _IOPKT_IOPKT_DRIVER_H */
