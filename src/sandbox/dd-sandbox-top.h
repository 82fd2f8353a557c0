/* dd-sandbox-top.h: the sandbox's Taobao Open Platform (TOP) router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-sandbox-private.h"

G_BEGIN_DECLS

/* TOP is served under this path: an account's endpoint is base URL + it. */
#define DD_SANDBOX_TOP_PREFIX "/router/rest"

/* The procurement buyer the sandbox serves (API.md: buyer_id "2200000001"). */
#define DD_SANDBOX_TOP_PC_BUYER_ID "2200000001"

/* A seller shop (sold trades) and a procurement (企业购) buyer, in memory,
 * generated from the seed; thread-safe. */
/* DdSandboxTopShop is declared in dd-sandbox.h. */

DdSandboxTopShop *dd_sandbox_top_shop_new  (guint64           seed,
                                            guint             n_trades,
                                            guint             n_pc_orders,
                                            gint64            now_ms);
void              dd_sandbox_top_shop_free (DdSandboxTopShop *shop);

/* Answers one request under DD_SANDBOX_TOP_PREFIX (dispatching on `method`).
 * Each method's name is counted (dd_sandbox_get_n_requests (sandbox,
 * "taobao.trades.sold.get")); after each page of taobao.trades.sold.get,
 * taobao.trades.sold.increment.get and taobao.pc.order.list the sandbox's
 * hook runs with the method as api_path and page_no as page. */
void              dd_sandbox_top_handle    (DdSandbox        *self,
                                            DdSandboxRequest *request);

/* ---- test helpers (all lock the shop) ----------------------------------------- */

guint             dd_sandbox_top_shop_get_n_trades (DdSandboxTopShop *shop);

/* A new trade created at @now_ms (the sandbox's clock: dd_sandbox_now_ms()),
 * WAIT_BUYER_PAY, type "fixed": the newest of the shop. Returns its tid. */
char             *dd_sandbox_top_shop_add_trade    (DdSandboxTopShop *shop,
                                                    gint64            now_ms) G_GNUC_WARN_UNUSED_RESULT;
/* Moves a trade to a TOP status ("WAIT_SELLER_SEND_GOODS" …), stamping
 * pay/consign/end times as that status implies and advancing modified to
 * @now_ms (at least one second later than before). FALSE if the trade or
 * the status is unknown. */
gboolean          dd_sandbox_top_shop_set_status   (DdSandboxTopShop *shop,
                                                    const char       *tid,
                                                    const char       *status,
                                                    gint64            now_ms);
/* A trade's TOP status, or NULL if the trade is unknown. */
char             *dd_sandbox_top_shop_dup_status   (DdSandboxTopShop *shop,
                                                    const char       *tid) G_GNUC_WARN_UNUSED_RESULT;
/* The tid of the trade at @position of sold.get's order (newest first), or NULL. */
char             *dd_sandbox_top_shop_dup_tid      (DdSandboxTopShop *shop,
                                                    guint             position) G_GNUC_WARN_UNUSED_RESULT;
/* Moves a procurement order to WAIT_BUYER_PAY, WAIT_SELLER_SEND_GOODS (paid),
 * WAIT_BUYER_CONFIRM_GOODS (shipped), TRADE_FINISHED, TRADE_CLOSED or
 * TRADE_CLOSED_BY_TAOBAO, with the pay_status and logistics_status that go
 * with it, advancing modified as above. FALSE if the order or status is
 * unknown. */
gboolean          dd_sandbox_top_shop_set_pc_status (DdSandboxTopShop *shop,
                                                     const char       *biz_order_id,
                                                     const char       *status,
                                                     gint64            now_ms);
char             *dd_sandbox_top_shop_dup_pc_status (DdSandboxTopShop *shop,
                                                     const char       *biz_order_id) G_GNUC_WARN_UNUSED_RESULT;
/* A trade's / a procurement order's modification time (UTC ms, whole
 * seconds), or -1 if unknown. */
gint64            dd_sandbox_top_shop_get_modified_ms    (DdSandboxTopShop *shop,
                                                          const char       *tid);
gint64            dd_sandbox_top_shop_get_pc_modified_ms (DdSandboxTopShop *shop,
                                                          const char       *biz_order_id);
/* Every tid / every procurement biz_order_id, sorted by byte order (strcmp). */
GPtrArray        *dd_sandbox_top_shop_list_tids    (DdSandboxTopShop *shop) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *dd_sandbox_top_shop_list_pc_ids  (DdSandboxTopShop *shop) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
