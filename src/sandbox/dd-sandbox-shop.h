/* dd-sandbox-shop.h: the sandbox's deterministic generated shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-sandbox.h"

G_BEGIN_DECLS

/* A generated shop: orders in memory, seeded, thread-safe (one mutex).
 * Orders span every Taiwan status, traditional-Chinese receivers, masked
 * phones, convenience-store cash-on-delivery channels, 1–4 lines each with
 * sku_info and shipments. Same seed and count → same orders (ids, buyers,
 * lines, amounts); times are relative to the shop's creation time. */
DdSandboxShop *dd_sandbox_shop_new           (guint64        seed,
                                              guint          n_orders);
/* Like dd_sandbox_shop_new() with the shop's "now" pinned to @now_ms (UTC
 * milliseconds), so two shops give byte-identical JSON (tests). */
DdSandboxShop *dd_sandbox_shop_new_at        (guint64        seed,
                                              guint          n_orders,
                                              gint64         now_ms);
void           dd_sandbox_shop_free          (DdSandboxShop *shop);

guint          dd_sandbox_shop_get_n_orders  (DdSandboxShop *shop);

/* Image and product URLs are served as @base_url + "/img/<product>.png" and
 * @base_url + "/products/…". Before this is set (no server yet) they are
 * relative paths ("/img/<product>.png"). DdSandbox sets it on listening. */
void           dd_sandbox_shop_set_base_url  (DdSandboxShop *shop,
                                              const char    *base_url);

/* Creates @n new orders now (creation = modification = now, status unpaid
 * or pending), as a buyer would. They are the newest: positions 0 … @n-1 of
 * the listing. Returns the first new order's sequence number (the number of
 * orders the shop had before). */
guint          dd_sandbox_shop_add_orders    (DdSandboxShop *shop,
                                              guint          n);
/* Moves an order to a Taiwan status ("shipped" …) and advances its
 * modification_time to now (strictly later than before). FALSE if the order
 * or the status is unknown. */
gboolean       dd_sandbox_shop_set_status    (DdSandboxShop *shop,
                                              const char    *order_id,
                                              const char    *tw_status);

/* The order ids of the shop sorted ascending (tests compare with the cache). */
GPtrArray     *dd_sandbox_shop_list_order_ids (DdSandboxShop *shop);

/* The id of the order at @position of the listing (newest first), or NULL. */
char          *dd_sandbox_shop_dup_order_id  (DdSandboxShop *shop,
                                              guint          position);
/* An order's modification time (ms) and Taiwan status; -1 / NULL if unknown. */
gint64         dd_sandbox_shop_get_modification_time (DdSandboxShop *shop,
                                                      const char    *order_id);
char          *dd_sandbox_shop_dup_status    (DdSandboxShop *shop,
                                              const char    *order_id);

/* TRUE for the Taiwan statuses an order can have ("unpaid", "pending",
 * "ready_to_ship", "shipped", "delivered", "canceled", "returned", "failed"). */
gboolean       dd_sandbox_shop_is_tw_status  (const char    *tw_status);

/* Taiwan views, as the documentation's examples show them (new references):
 * - orders sorted by creation time, newest first, filtered by status
 *   ("all" or a status) and modification window (ms, inclusive; 0 = open);
 *   @total gets the filtered count; returns the page's order objects.
 * - the line objects for line ids (bare ids, no quotes), in the order asked,
 *   paged; NULL when any id is unknown;
 * - the full order ("module" with trade_order_line_list); NULL if unknown. */
JsonArray     *dd_sandbox_shop_tw_orders     (DdSandboxShop *shop,
                                              const char    *status,
                                              gint64         modified_start_ms,
                                              gint64         modified_end_ms,
                                              guint          page,
                                              guint          page_size,
                                              guint64       *total);
JsonArray     *dd_sandbox_shop_tw_lines      (DdSandboxShop *shop,
                                              const char * const *line_ids,
                                              guint          page,
                                              guint          page_size,
                                              guint64       *total);
JsonObject    *dd_sandbox_shop_tw_order      (DdSandboxShop *shop,
                                              const char    *order_id);

G_END_DECLS
