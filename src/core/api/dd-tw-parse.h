/* dd-tw-parse.h: Taobao Taiwan's JSON, type-checked into domain objects
 *
 * Pure functions over bytes: no I/O, safe in any thread, fuzzable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-order.h"

G_BEGIN_DECLS

/* Checks the envelope: `code` "0" → returns the root object's node (a new
 * reference). An error envelope {type, code, message, request_id} becomes a
 * DD_PLATFORM_ERROR with the platform's words kept:
 *   IncompleteSignature, IllegalAccessToken, InvalidAppKey, InvalidTimestamp → AUTH
 *   ApiCallLimit, AppCallLimit → RATE_LIMITED (transient)
 *   MissingParameter, InvalidParameter → INVALID_ARGUMENT
 *   type ISP or SYSTEM with unknown code → SERVER (transient)
 *   anything else → BAD_RESPONSE. */
JsonNode    *dd_tw_parse_envelope       (const char  *data,
                                         gsize        len,
                                         char       **request_id,
                                         GError     **error);

/* /orders/get: a page of orders *without* lines (their line ids are returned
 * in the order of the page, unquoted: "\"558757467941\"" → "558757467941").
 * Each DdOrder's raw JSON is its model_list object. */
DdOrderPage *dd_tw_parse_orders_page    (const char  *data,
                                         gsize        len,
                                         GPtrArray  **line_ids,
                                         GError     **error);
/* The same, also returning each order's served object beside it in
 * @raw_orders (element-type JsonNode, same order as page->orders), for
 * dd_tw_build_module_json() once the lines are known. */
DdOrderPage *dd_tw_parse_orders_page_full (const char  *data,
                                           gsize        len,
                                           GPtrArray  **line_ids,
                                           GPtrArray  **raw_orders,
                                           GError     **error);
/* dd_tw_parse_orders_page_full() without generating each order's raw JSON
 * (left unset): for a caller that sets the module JSON itself. */
DdOrderPage *dd_tw_parse_orders_page_bare (const char  *data,
                                           gsize        len,
                                           GPtrArray  **line_ids,
                                           GPtrArray  **raw_orders,
                                           GError     **error);

/* /order/items/get: (element-type DdOrderLine) with order-id set; each line's
 * served JSON object is returned beside it in @raw_lines (element-type JsonNode). */
GPtrArray   *dd_tw_parse_order_items    (const char  *data,
                                         gsize        len,
                                         guint64     *total_count,
                                         GPtrArray  **raw_lines,
                                         GError     **error);

/* /order/get: the full order with its lines; raw JSON is the "module" object. */
DdOrder     *dd_tw_parse_order          (const char  *data,
                                         gsize        len,
                                         GError     **error);

/* One order object in the /order/get "module" shape (lines optional) — what
 * the cache stores as raw JSON and reads back. */
DdOrder     *dd_tw_parse_order_module   (const char  *json,
                                         gsize        len,
                                         GError     **error);
DdOrder     *dd_tw_order_from_object    (JsonObject  *object,
                                         GError     **error);
DdOrderLine *dd_tw_order_line_from_object (JsonObject *object,
                                           GError    **error);

/* sku_info: a JSON string of [{propertyName, valueText, …}]. */
gboolean     dd_tw_parse_sku_info       (const char  *sku_info,
                                         DdOrderLine *line,
                                         GError     **error);

/* The /order/get "module" shape for an order of /orders/get: every member
 * of @order but a stale "trade_order_line_list", then
 * "trade_order_line_list": [@line_nodes…] (element-type JsonNode; NULL or
 * empty gives an empty list). Compact JSON; what the cache stores. */
char        *dd_tw_build_module_json    (JsonObject  *order,
                                         GPtrArray   *line_nodes) G_GNUC_WARN_UNUSED_RESULT;

/* What a payment_channel means. Assumption (API.md names only
 * CAINIAO_HILIFE_COD): a channel ending in "_COD" (or "COD" itself) is cash
 * on delivery; any other non-empty channel is paid online; none is unknown. */
DdPaymentKind dd_tw_payment_kind_from_channel (const char *channel);

/* Seconds of a ban stated in a platform message ("… ban will last 5 more
 * seconds"); 0 when none is stated. */
guint        dd_tw_parse_ban_seconds    (const char  *message);

/* Strips the embedded quotes of trade_order_line_id_list items. */
char        *dd_tw_unquote_id           (const char  *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
