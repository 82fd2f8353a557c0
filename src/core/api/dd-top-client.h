/* dd-top-client.h: Taobao Open Platform (TOP) router clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-client.h"
#include "dd-http.h"
#include "dd-sign.h"

G_BEGIN_DECLS

#define DD_TOP_DEFAULT_ENDPOINT "https://gw.api.taobao.com/router/rest"
#define DD_TOP_MAX_PAGE_SIZE    100

/* A seller's sold trades (platform DD_PLATFORM_TOP). */
#define DD_TYPE_TOP_CLIENT (dd_top_client_get_type ())
G_DECLARE_FINAL_TYPE (DdTopClient, dd_top_client, DD, TOP_CLIENT, GObject)

/* @endpoint is the router URL ("https://gw.api.taobao.com/router/rest", or
 * the sandbox's "http://127.0.0.1:PORT/router/rest"); @session is the
 * shop's authorisation token. Secrets are held in memory only. */
DdTopClient   *dd_top_client_new    (DdHttp          *http,
                                     const char      *endpoint,
                                     const char      *app_key,
                                     const char      *app_secret,
                                     const char      *session,
                                     DdSignTopMethod  sign_method) G_GNUC_WARN_UNUSED_RESULT;

/* Added to the local clock for the `timestamp` parameter: the skew measured
 * with taobao.time.get, or a test's. */
void           dd_top_client_set_clock_offset_ms    (DdTopClient   *self,
                                                     gint64         offset_ms);

/* A procurement (企业购 / 采购宝) buyer's orders (platform DD_PLATFORM_TOP_PC). */
#define DD_TYPE_TOP_PC_CLIENT (dd_top_pc_client_get_type ())
G_DECLARE_FINAL_TYPE (DdTopPcClient, dd_top_pc_client, DD, TOP_PC_CLIENT, GObject)

DdTopPcClient *dd_top_pc_client_new (DdHttp          *http,
                                     const char      *endpoint,
                                     const char      *app_key,
                                     const char      *app_secret,
                                     const char      *session,
                                     DdSignTopMethod  sign_method,
                                     const char      *buyer_id) G_GNUC_WARN_UNUSED_RESULT;

void           dd_top_pc_client_set_clock_offset_ms (DdTopPcClient *self,
                                                     gint64         offset_ms);

/* The raw JSON the cache stores for each platform, parsed back into an order
 * (a trade as served inside taobao.trade.fullinfo.get / trades lists; a
 * procurement order as served by taobao.pc.order.detail). */
DdOrder *dd_top_parse_trade_json    (const char *json,
                                     gsize       len,
                                     GError    **error) G_GNUC_WARN_UNUSED_RESULT;
DdOrder *dd_top_pc_parse_order_json (const char *json,
                                     gsize       len,
                                     GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
