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

/* Platform DD_PLATFORM_PANDAPON: Taobao-goods and 1688-goods purchase orders. */
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

/* The raw JSON the cache stores for an order (the order detail object),
 * parsed back. */
DdOrder *dd_pp_parse_order_json (const char *json,
                                 gsize       len,
                                 GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
