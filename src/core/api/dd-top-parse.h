/* dd-top-parse.h: Taobao Open Platform (TOP) JSON, type-checked into domain objects
 *
 * Pure functions over bytes and JSON objects: no I/O, safe in any thread.
 * The shapes are written down at the top of dd-top-parse.c (and in the
 * shared note top-pc-shape.md the sandbox implements).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-order.h"

G_BEGIN_DECLS

#define DD_TOP_CURRENCY "CNY"

/* ---- times: "yyyy-MM-dd HH:mm:ss" in UTC+8 (Asia/Shanghai has no DST) ---- */

/* The UTC+8 wall-clock text of @utc_ms, whatever the desktop's zone. */
char          *dd_top_format_time_ms      (gint64       utc_ms) G_GNUC_WARN_UNUSED_RESULT;
/* Parses the UTC+8 text into a UTC GDateTime; FALSE (BAD_RESPONSE naming
 * @what, which may be NULL) for anything but exactly "yyyy-MM-dd HH:mm:ss"
 * of a real date. */
gboolean       dd_top_parse_time          (const char  *text,
                                           const char  *what,
                                           GDateTime  **out,
                                           GError     **error);

/* ---- statuses ---- */

/* A seller trade's status word (TRADE_NO_CREATE_PAY, WAIT_BUYER_PAY, …) in
 * Dingdan's terms; UNKNOWN for anything else. The one mapping of TOP's
 * trade statuses. */
DdOrderStatus  dd_top_status_from_raw     (const char  *raw);
/* A procurement order's status: its trade status word combined with its
 * pay_status (1 unpaid, 2 paid/frozen, 4 refunded, 6 success, 7 no payment
 * created, 8 closed by Taobao, 9 cannot pay; 0: not served). */
DdOrderStatus  dd_top_pc_status_from_raw  (const char  *raw,
                                           gint64       pay_status);

/* What a trade `type` means for payment: the cash-on-delivery types ("cod",
 * "b2c_cod", "super_market_cod_trade") are COD, any other type is paid
 * online, none is unknown. */
DdPaymentKind  dd_top_payment_kind_from_type (const char *type);

/* "颜色分类:黑色;尺码:XL" → properties in served order (empty parts skipped;
 * a part without ':' becomes a property with an empty name). */
void           dd_top_parse_sku_properties (const char  *text,
                                            DdOrderLine *line);

/* ---- envelopes ---- */

/* "taobao.pc.order.cancel" → "pc_order_cancel_response". */
char          *dd_top_response_key        (const char  *method) G_GNUC_WARN_UNUSED_RESULT;

/* Checks the router's envelope for @method. Success: returns the root (a new
 * reference) and points @response at the "<key>_response" object inside it
 * (borrowed from the root) and @request_id (may be NULL) at a copy of its
 * request_id. error_response {code, msg, sub_code, sub_msg, request_id}
 * becomes dd_error_table_make (DD_PLATFORM_TOP, NULL, code, sub_code,
 * sub_msg or msg, request_id). Anything else is BAD_RESPONSE. */
JsonNode      *dd_top_parse_envelope      (const char  *data,
                                           gsize        len,
                                           const char  *method,
                                           JsonObject **response,
                                           char       **request_id,
                                           GError     **error);

/* The `result` object of a success envelope. A business failure inside it
 * (`success` false, `error_code`, `error_msg`) becomes
 * dd_error_table_make (DD_PLATFORM_TOP, "biz", error_code, NULL, error_msg,
 * request_id). @result is borrowed from @response. */
gboolean       dd_top_get_result          (JsonObject  *response,
                                           const char  *request_id,
                                           JsonObject **result,
                                           GError     **error);

/* A TOP list member: {"trade": [...]} (wrapped the TOP way under @inner) or a
 * bare array; absent (when @optional) or an empty wrapper give an empty list.
 * Borrowed or NULL when empty. */
gboolean       dd_top_get_list            (JsonObject  *object,
                                           const char  *member,
                                           const char  *inner,
                                           gboolean     optional,
                                           JsonArray  **out,
                                           GError     **error);

/* ---- seller trades ---- */

/* One trade object (as inside trades.trade[] or fullinfo's trade); its raw
 * JSON is the object itself, compact. */
DdOrder       *dd_top_trade_from_object   (JsonObject  *object,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* trades.sold.get / trades.sold.increment.get: a page. page and page_size
 * are left 0 (the caller knows them); total_count is total_results when
 * served, else derived from has_next (@offset + served + 1 when more follow,
 * @offset + served when not), @offset being the orders before this page. */
DdOrderPage   *dd_top_parse_trades_page   (JsonObject  *response,
                                           guint64      offset,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* trade.fullinfo.get */
DdOrder       *dd_top_parse_fullinfo      (JsonObject  *response,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* trade.close: TRUE when a trade came back (closed). */
gboolean       dd_top_parse_close         (JsonObject  *response,
                                           const char  *request_id,
                                           GError     **error);
/* time.get: server time in UTC ms, or -1 with @error set. */
gint64         dd_top_parse_time_get      (JsonObject  *response,
                                           GError     **error);

/* ---- procurement (企业购) ---- */

DdOrder       *dd_top_pc_order_from_object (JsonObject *object,
                                            GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* pc.order.list: result.total_count, result.orders.order[]. */
DdOrderPage   *dd_top_pc_parse_list       (JsonObject  *response,
                                           const char  *request_id,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* pc.order.detail: result.order. */
DdOrder       *dd_top_pc_parse_detail     (JsonObject  *response,
                                           const char  *request_id,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* pc.order.cancel: TRUE when result.success. */
gboolean       dd_top_pc_parse_cancel     (JsonObject  *response,
                                           const char  *request_id,
                                           GError     **error);
/* pc.order.render: result.contract_place_order {total_fee, post_fee,
 * order_items.order_item[{item_id, can_buy, …}]}. */
DdPurchasePreview *dd_top_pc_parse_render (JsonObject  *response,
                                           const char  *request_id,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* pc.out.tower.order.create: the created (or, for a duplicate out_order_id,
 * the already existing) order as far as contract_place_order tells: order
 * id = the first biz_order_id, status UNPAID, out_order_id and contract_no
 * in its raw JSON. */
DdOrder       *dd_top_pc_parse_create     (JsonObject  *response,
                                           const char  *request_id,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* The business error codes that mean "this out_order_id was already used":
 * create counts them as success. ASSUMED (not published): see the .c. */
gboolean       dd_top_pc_is_duplicate_code (const char *error_code);

G_END_DECLS
