/* dd-sandbox-orders.h: any platform's orders, as tests and benchmarks see them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-sandbox.h"

G_BEGIN_DECLS

/* The platforms, named as Dingdan names them (DD_PLATFORM_*). */
#define DD_SANDBOX_PLATFORM_TW       "tw"
#define DD_SANDBOX_PLATFORM_TOP      "top"
#define DD_SANDBOX_PLATFORM_TOP_PC   "top-pc"
#define DD_SANDBOX_PLATFORM_PANDAPON "pandapon"

/* One order as the platform holds it. */
typedef struct
{
  char   *order_id;     /* as Dingdan names it: Taiwan trade_order_id, TOP tid,
                         * procurement biz_order_id, PandaPon orderNo */
  char   *status;       /* the platform's status word */
  gint64  modified_ms;  /* its modification (PandaPon: update) time, UTC ms */
} DdSandboxOrderState;

void        dd_sandbox_order_state_free  (DdSandboxOrderState *state);

/* Every order @platform's listing serves (element-type DdSandboxOrderState),
 * sorted by id (strcmp); NULL for an unknown platform. PandaPon: the
 * Taobao-goods orders (1688 ones are not listed). */
GPtrArray  *dd_sandbox_list_order_states (DdSandbox   *self,
                                          const char  *platform) G_GNUC_WARN_UNUSED_RESULT;

/* Really modifies @n distinct orders of @platform, picked at random from
 * @seed: each moves to another of a few ongoing statuses (paid, shipped,
 * finished), its modification time to the sandbox's now (Taiwan: the real
 * clock, which its shop keeps). Orders modified in the last two seconds are
 * left alone, so that a platform with whole-second times (TOP) stamps
 * exactly now rather than a second after the previous change. Returns the
 * ids modified (fewer than @n when the shop is smaller); NULL for an unknown
 * platform. */
GPtrArray  *dd_sandbox_touch_orders      (DdSandbox   *self,
                                          const char  *platform,
                                          guint        n,
                                          guint64      seed) G_GNUC_WARN_UNUSED_RESULT;

/* Places @n new orders now, as buyers would: the newest of the listing.
 * Returns the number placed (0 for procurement, whose orders only the buyer
 * creates through the API, and for an unknown platform). */
guint       dd_sandbox_add_orders        (DdSandbox   *self,
                                          const char  *platform,
                                          guint        n);

G_END_DECLS
