/* dd-pp-parse.h: the cross-border purchasing API's (PandaPon) JSON
 *
 * Pure functions over bytes: no I/O, safe in any thread. The shapes are
 * described at the top of dd-pp-parse.c (and in the project's pp-shape
 * notes); the sandbox serves exactly those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-client.h"
#include "dd-order.h"

G_BEGIN_DECLS

/* Dingdan's order id of a 1688-goods order is this prefix + the 1688
 * orderId; a Taobao-goods order's id is its orderNo as served. */
#define DD_PP_1688_PREFIX "1688-"

/* The envelope code of success, and the create answer "sellerOrderNumber
 * already used" whose data is the existing order (counts as success). */
#define DD_PP_CODE_OK        200
#define DD_PP_CODE_DUPLICATE 4091

/* Taobao-goods statuses (unverified, from the Taobao Global channel):
 * BULIDING (sic), WAIT_BUYER_PAY, CANCELLING → UNPAID;
 * WAIT_SELLER_SEND_GOODS → TO_SHIP; WAIT_BUYER_CONFIRM_GOODS → SHIPPED;
 * TRADE_FINISHED → COMPLETED; TRADE_CLOSED → CLOSED; anything else UNKNOWN. */
DdOrderStatus    dd_pp_status_from_taobao  (const char  *raw);
/* 1688 statuses: waitbuyerpay → UNPAID; waitsellersend → TO_SHIP;
 * waitbuyerreceive → SHIPPED; success → COMPLETED; cancel, terminated →
 * CLOSED; anything else UNKNOWN. */
DdOrderStatus    dd_pp_status_from_1688    (const char  *raw);

/* TRUE when @order_id names a 1688-goods order; *@platform_id is then the
 * 1688 orderId (borrowed from @order_id), else @order_id itself. */
gboolean         dd_pp_order_id_is_1688    (const char  *order_id,
                                            const char **platform_id);

/* Checks the envelope {requestId, code, developId, msg, data}: code 200 (or
 * DD_PP_CODE_DUPLICATE with object data when @accept_duplicate) → returns
 * the root node (a new reference) and sets *@data_node to its "data" member
 * (borrowed, NULL when missing or null). Any other code becomes
 * dd_error_table_make (DD_PLATFORM_PANDAPON, NULL, "<code>", NULL, msg,
 * requestId). */
JsonNode        *dd_pp_parse_envelope      (const char  *data,
                                            gsize        len,
                                            gboolean     accept_duplicate,
                                            char       **request_id,
                                            JsonNode   **data_node,
                                            GError     **error);

/* "yyyy-MM-dd HH:mm:ss" in Beijing time (UTC+8, whatever the desktop's
 * zone) → UTC; NULL when @text is not exactly that. */
GDateTime       *dd_pp_parse_beijing_time  (const char  *text);

/* The receiver: a JSON string holding an object (as sent at create) or an
 * object {zip, country, address, city, phone, mobile_phone, district, name,
 * state}. On error @info is untouched. */
gboolean         dd_pp_parse_receiver      (JsonNode        *node,
                                            DdDeliveryInfo  *info,
                                            GError         **error);
/* The orderLineList string as sent at create: [{itemId, orderLineNo,
 * quantity, price (fen), currency, skuId}] → (element-type DdOrderLine)
 * with order-id @order_id and line-id "@order_id-orderLineNo". */
GPtrArray       *dd_pp_parse_order_line_list (const char  *json,
                                              const char  *order_id,
                                              GError     **error);

/* Detail objects: Taobao goods (has "orderNo") and 1688 goods (has
 * "orderId" and no "orderNo"). Raw JSON is not set. */
DdOrder         *dd_pp_order_from_object      (JsonObject  *object,
                                               GError     **error);
DdOrder         *dd_pp_order_1688_from_object (JsonObject  *object,
                                               GError     **error);

/* A line's errorCode / errorMessage (a sub-order that failed while its
 * order succeeded); NULL when none. */
const char      *dd_pp_line_get_error_code    (DdOrderLine *line);
const char      *dd_pp_line_get_error_message (DdOrderLine *line);

/* Whole answers (envelope included). Each order's raw JSON is its detail
 * object (what dd_pp_parse_order_json() reads back). */
DdOrderPage     *dd_pp_parse_orders_page      (const char  *data,
                                               gsize        len,
                                               GError     **error);
DdOrder         *dd_pp_parse_order_detail     (const char  *data,
                                               gsize        len,
                                               GError     **error);
DdOrder         *dd_pp_parse_order_1688_detail (const char *data,
                                                gsize       len,
                                                GError    **error);
/* POST /open/order: a new order, or the existing one (4091). Without a
 * served status the order is a fresh one: UNPAID. */
DdOrder         *dd_pp_parse_create           (const char  *data,
                                               gsize        len,
                                               GError     **error);
/* POST /alibaba/order/create: {orderId, totalSuccessAmount, postFee}. */
DdOrder         *dd_pp_parse_create_1688      (const char  *data,
                                               gsize        len,
                                               GError     **error);
/* Cancel (either family): data.status TRADE_CLOSED / cancel → DONE,
 * anything else (CANCELLING) → PENDING. */
gboolean         dd_pp_parse_cancel           (const char      *data,
                                               gsize            len,
                                               DdActionOutcome *outcome,
                                               GError         **error);
/* Pay: data.payStatus PAID → DONE, anything else PENDING. */
gboolean         dd_pp_parse_pay              (const char      *data,
                                               gsize            len,
                                               DdActionOutcome *outcome,
                                               GError         **error);
/* Any success envelope (voucher upload, after-sale cancel). */
gboolean         dd_pp_parse_ok               (const char  *data,
                                               gsize        len,
                                               GError     **error);
/* 1688 pay URL of @order_id (the 1688 orderId): listed in cantPayOrderList
 * or without a payUrl → STATE_CONFLICT. */
char            *dd_pp_parse_pay_url          (const char  *data,
                                               gsize        len,
                                               const char  *order_id,
                                               GError     **error);
DdLogistics     *dd_pp_parse_logistics        (const char  *data,
                                               gsize        len,
                                               GError     **error);
DdAfterSalePage *dd_pp_parse_after_sales      (const char  *data,
                                               gsize        len,
                                               GError     **error);

/* Request bodies (compact JSON). The Taobao-goods create body: orderLineList
 * and receiver are JSON strings; prices in fen. Errors are
 * DD_PLATFORM_ERROR_INVALID_ARGUMENT (no idempotency key, no lines, a zero
 * quantity, a currency other than CNY, an overflowing amount). */
char            *dd_pp_build_create_body      (const DdPurchaseRequest *request,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
char            *dd_pp_build_create_1688_body (const DdPurchaseRequest *request,
                                               GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
