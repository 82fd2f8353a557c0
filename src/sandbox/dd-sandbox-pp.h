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

/* The rules the sandbox applies (dd-sandbox-pp.c documents them all). */
#define DD_SANDBOX_PP_SKEW_MS         (G_GINT64_CONSTANT (600) * 1000) /* timestamp and nonce window */
#define DD_SANDBOX_PP_PENDING_MS      (G_GINT64_CONSTANT (2) * 1000)   /* cancel / voucher review */
#define DD_SANDBOX_PP_MAX_PAGE_SIZE   50
#define DD_SANDBOX_PP_MAX_VOUCHER     (5 * 1024 * 1024)
/* A line whose itemId (Taobao) or offerId (1688) starts with this fails
 * with ITEM_OFF_SHELF while the rest of the order goes ahead. */
#define DD_SANDBOX_PP_OFF_SHELF_PREFIX "999"
/* The page /alibaba/order/pay/url points at: base URL + this + orderId;
 * serving it marks the 1688 order paid. */
#define DD_SANDBOX_PP_PAY_PAGE_PREFIX "/alibaba/pay/"

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

/* ---- for tests ------------------------------------------------------------ */

/* Every order the shop holds, Taobao goods and 1688 goods alike (created
 * ones included): creating with a used sellerOrderNumber must not change it. */
guint            dd_sandbox_pp_shop_count_orders       (DdSandboxPpShop *shop);
/* The Taobao-goods orderNos (what /open/order/page lists), ascending. */
GPtrArray       *dd_sandbox_pp_shop_list_order_nos     (DdSandboxPpShop *shop);
/* The 1688 orderIds (served by /alibaba/order/detail only), ascending. */
GPtrArray       *dd_sandbox_pp_shop_list_1688_order_ids (DdSandboxPpShop *shop);
/* Moves an order to @status and its updateTime to @now_ms (strictly later
 * than before): a Taobao-goods orderNo takes "BULIDING", "WAIT_BUYER_PAY",
 * "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED",
 * "TRADE_CLOSED" (pending work is dropped); a 1688 orderId takes
 * "waitbuyerpay", "waitsellersend", "waitbuyerreceive", "success", "cancel".
 * FALSE if the order or the status is unknown. */
gboolean         dd_sandbox_pp_shop_set_status         (DdSandboxPpShop *shop,
                                                        const char      *order_no,
                                                        const char      *status,
                                                        gint64           now_ms);
/* The order's status word (as above), or NULL if unknown. Pending work is
 * not settled by this (only API reads settle it). */
char            *dd_sandbox_pp_shop_dup_status         (DdSandboxPpShop *shop,
                                                        const char      *order_no);
/* The seller changes an unpaid Taobao-goods order's price: @delta_fen is
 * added to its first line's shipping (so to purchaseAmount), and its
 * updateTime moves to @now_ms. FALSE if the order is unknown, has no line
 * or the total would go below 0. */
gboolean         dd_sandbox_pp_shop_change_total       (DdSandboxPpShop *shop,
                                                        const char      *order_no,
                                                        gint64           delta_fen,
                                                        gint64           now_ms);
/* A Taobao-goods order's purchaseAmount (fen, CNY), or -1 if unknown. */
gint64           dd_sandbox_pp_shop_get_total          (DdSandboxPpShop *shop,
                                                        const char      *order_no);
/* A Taobao-goods order's updateTime (UTC ms), or -1 if unknown. */
gint64           dd_sandbox_pp_shop_get_updated_ms     (DdSandboxPpShop *shop,
                                                        const char      *order_no);
/* Places @n new Taobao-goods orders at @now_ms (WAIT_BUYER_PAY, created =
 * updated = @now_ms), as a buyer of the account would: the newest of the
 * listing. */
void             dd_sandbox_pp_shop_add_orders         (DdSandboxPpShop *shop,
                                                        guint            n,
                                                        gint64           now_ms);

G_END_DECLS
