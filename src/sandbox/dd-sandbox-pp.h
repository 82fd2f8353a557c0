/* dd-sandbox-pp.h: the sandbox's cross-border purchasing API (PandaPon)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-sandbox-private.h"

G_BEGIN_DECLS

/* PandaPon is served under these prefixes; an account's endpoint is the
 * base URL itself (the API's paths start with them). */
#define DD_SANDBOX_PP_OPEN_PREFIX    "/open"
#define DD_SANDBOX_PP_ALIBABA_PREFIX "/alibaba"

/* A purchasing account's Taobao-goods and 1688-goods orders, in memory,
 * generated from the seed; thread-safe. */
/* DdSandboxPpShop is declared in dd-sandbox.h. */

DdSandboxPpShop *dd_sandbox_pp_shop_new  (guint64          seed,
                                          guint            n_orders,
                                          gint64           now_ms);
void             dd_sandbox_pp_shop_free (DdSandboxPpShop *shop);

/* Answers one request under either prefix (request->api_path is the full
 * path then: "/open/order/page"). */
void             dd_sandbox_pp_handle    (DdSandbox        *self,
                                          DdSandboxRequest *request);

G_END_DECLS
