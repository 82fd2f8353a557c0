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
void           dd_sandbox_shop_free          (DdSandboxShop *shop);

guint          dd_sandbox_shop_get_n_orders  (DdSandboxShop *shop);

/* Creates @n new orders now (creation = modification = now, status unpaid
 * or pending), as a buyer would. Returns the first new order's index. */
guint          dd_sandbox_shop_add_orders    (DdSandboxShop *shop,
                                              guint          n);
/* Moves an order to a Taiwan status ("shipped" …) and advances its
 * modification_time to now (strictly later than before). FALSE if unknown. */
gboolean       dd_sandbox_shop_set_status    (DdSandboxShop *shop,
                                              const char    *order_id,
                                              const char    *tw_status);

/* The order ids of the shop sorted ascending (tests compare with the cache). */
GPtrArray     *dd_sandbox_shop_list_order_ids (DdSandboxShop *shop);

/* Taiwan views, as the documentation's examples show them (new references):
 * - orders sorted by creation time, newest first, filtered by status
 *   ("all" or a status) and modification window (ms, inclusive; 0 = open);
 *   @total gets the filtered count; returns the page's order objects.
 * - the line objects for line ids;
 * - the full order ("module" with trade_order_line_list). */
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
