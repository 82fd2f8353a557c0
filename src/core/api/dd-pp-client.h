/* dd-pp-client.h: the cross-border purchasing API (PandaPon) client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-client.h"
#include "dd-http.h"

G_BEGIN_DECLS

#define DD_PP_DEFAULT_ENDPOINT "https://api.pandapon.com"
#define DD_PP_MAX_PAGE_SIZE    50

/* Platform DD_PLATFORM_PANDAPON: Taobao-goods and 1688-goods purchase orders.
 *
 * Order ids: a Taobao-goods order's id is its orderNo; a 1688-goods order's
 * is "1688-" + its 1688 orderId (DD_PP_1688_PREFIX in dd-pp-parse.h), which
 * is how get/cancel/pay-url know which family to call. Logistics take a
 * sub-order's id (a line's line-id, PandaPon's subOrderId). Paths and
 * members PandaPon does not publish are ASSUMED, in one table at the top of
 * dd-pp-call.c. Listing covers Taobao goods only (no 1688 list path is
 * known); cancel may answer DD_ACTION_PENDING (read the order back until it
 * is TRADE_CLOSED). */
#define DD_TYPE_PP_CLIENT (dd_pp_client_get_type ())
G_DECLARE_FINAL_TYPE (DdPpClient, dd_pp_client, DD, PP_CLIENT, GObject)

/* @endpoint is the API base ("https://api.pandapon.com", or the sandbox's
 * base URL); paths such as "/open/order" are appended. @user_id is the
 * sub-account sent in the user-id header. Secrets are held in memory only. */
DdPpClient *dd_pp_client_new (DdHttp     *http,
                              const char *endpoint,
                              const char *access_key,
                              const char *secret,
                              const char *user_id) G_GNUC_WARN_UNUSED_RESULT;

/* Milliseconds added to the local clock for the timestamp header (the
 * measured skew; tests). */
void        dd_pp_client_set_clock_offset_ms (DdPpClient *self,
                                              gint64      offset_ms);
/* The timestamp the next request would carry: UTC ms. */
gint64      dd_pp_client_get_timestamp_ms    (DdPpClient *self);

/* The raw JSON the cache stores for an order (the order detail object),
 * parsed back. */
DdOrder *dd_pp_parse_order_json (const char *json,
                                 gsize       len,
                                 GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
