/* dd-sandbox-top.h: the sandbox's Taobao Open Platform (TOP) router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-sandbox-private.h"

G_BEGIN_DECLS

/* TOP is served under this path: an account's endpoint is base URL + it. */
#define DD_SANDBOX_TOP_PREFIX "/router/rest"

/* A seller shop (sold trades) and a procurement (企业购) buyer, in memory,
 * generated from the seed; thread-safe. */
/* DdSandboxTopShop is declared in dd-sandbox.h. */

DdSandboxTopShop *dd_sandbox_top_shop_new  (guint64           seed,
                                            guint             n_trades,
                                            guint             n_pc_orders,
                                            gint64            now_ms);
void              dd_sandbox_top_shop_free (DdSandboxTopShop *shop);

/* Answers one request under DD_SANDBOX_TOP_PREFIX (dispatching on `method`). */
void              dd_sandbox_top_handle    (DdSandbox        *self,
                                            DdSandboxRequest *request);

G_END_DECLS
