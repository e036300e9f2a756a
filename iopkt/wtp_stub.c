// SPDX-License-Identifier: GPL-2.0
/*
 * Temporary: replaced by the threading core. Until it is merged, no thread
 * is an io-pkt thread, so m_get() and friends run without a per-thread
 * cache.
 */
#include <linux/module.h>

#include <iopkt/nw_thread.h>

/**
 * iopkt_wtp() - the calling thread's io-pkt state (WTP)
 *
 * Description: placeholder, replaced by the threading core.
 *
 * Return: NULL (no io-pkt thread exists yet).
 */
struct nw_work_thread *iopkt_wtp(void)
{
	return NULL;
}
EXPORT_SYMBOL_GPL(iopkt_wtp);
