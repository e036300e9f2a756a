/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _IOPKT_VERSION_H
#define _IOPKT_VERSION_H

#define IOPKT_VERSION "0.1.0"

#endif /* _IOPKT_VERSION_H */
