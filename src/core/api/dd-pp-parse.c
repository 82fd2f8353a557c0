/* dd-pp-parse.c: the cross-border purchasing API's (PandaPon) JSON
 *
 * Every member is read through dd-json, which checks its JSON type; a wrong
 * type anywhere fails the whole answer with DD_PLATFORM_ERROR_BAD_RESPONSE
 * naming the member. Nested JSON strings (receiver, orderLineList) are
 * parsed and checked the same way. Pure functions: safe in any thread.
 *
 * THE SHAPES (the sandbox serves exactly these; full notes in the project's
 * pp-shape document). Public: the envelope, the create call and its answer
 * (seed 002), the logistics answer. The rest is ASSUMED (API.md §3).
 *
 *   envelope   {requestId, code (integer, 200 = ok), developId, msg, data}
 *              code 4091 on create: sellerOrderNumber already used, data =
 *              the existing order (success for us); any other code: an
 *              error, mapped by dd-error-table (400 argument, 401 key,
 *              402 signature, 403 timestamp, 404 not found, 409 state,
 *              429 ban "… this ban will last for N more seconds", 500 fault).
 *   money      integer fen (a digit string is accepted), currency "CNY"
 *              unless "currency" / "purchaseCurrency" says otherwise.
 *   times      UTC ms integers (or digit strings); the create answer's
 *              createTime is "yyyy-MM-dd HH:mm:ss" Beijing time (seed 002):
 *              both forms are accepted anywhere.
 *   ids        strings (non-negative integers accepted).
 *
 *   Taobao-goods detail object (also each "records" element of the page):
 *     {id, orderNo, sellerOrderNumber, orderSource, status, payStatus
 *      (UNPAID | REVIEWING | PAID), purchaseAmount (fen: what the buyer
 *      pays), currency, createTime, updateTime, payTime, closeReason,
 *      receiver (JSON string {zip, country, address, city, phone,
 *      mobile_phone, district, name, state}, or that object),
 *      orderLineList (optional: the string sent at create),
 *      subOrderVOS [{subOrderId, orderNo, quantity, title,
 *      purchaseCurrency, purchaseAmount (fen, the LINE total), itemId,
 *      domesticPostFee (fen), closeReason, skuId, status, taobaoPurchaseId,
 *      taobaoSubPurchaseId, errorCode, errorMessage}]}
 *   page       data {total, pageNo, pageSize, records [detail objects]}
 *   create     data {id, orderNo, createTime, subOrderVOS} (a subset of the
 *              detail object: it carries no status, the order is new)
 *   cancel     data {orderNo, status: CANCELLING | TRADE_CLOSED}
 *   pay        data {orderNo, status, payStatus}
 *   voucher    data {orderNo, payStatus: REVIEWING}
 *   logistics  data {purchaseOrderOuterId, pnmLogisticsDetails [{mailNo,
 *              logisticsTraces [{statusDesc, province, city, action,
 *              facilityName, time, standerdDesc, status}]}]}
 *   refunds    data {total, records [{refundId, orderNo, status, reason,
 *              refundAmount (fen), createTime}]}
 *
 *   1688 detail object (has "orderId" and no "orderNo"):
 *     {orderId, status (waitbuyerpay | waitsellersend | waitbuyerreceive |
 *      success | cancel), totalAmount (fen, post fee included), postFee,
 *      currency, createTime, modifyTime, payTime, remark, sellerLoginId,
 *      addressParam {fullName, mobile, phone, postCode, cityText,
 *      provinceText, areaText, townText, address},
 *      productItems [{subItemId, offerId, specId, name, quantity,
 *      price (fen, unit), itemAmount (fen, line), status}]}
 *   1688 create  data {orderId, totalSuccessAmount (fen), postFee (fen)}
 *   1688 cancel  data {orderId, status: cancel}
 *   1688 pay URL data {payUrl, protocolPaySuccess, cantPayOrderList}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-parse.h"
#include "dd-pp-parse-private.h"

#define ERROR_CODE_KEY    "dd-pp-error-code"
#define ERROR_MESSAGE_KEY "dd-pp-error-message"

/* ------------------------------------------------------------------ */
/* Statuses: one function per family                                   */

DdOrderStatus
dd_pp_status_from_taobao (const char *raw)
{
  static const struct {
    const char    *raw;
    DdOrderStatus  status;
  } map[] = {
    /* Sic: the channel spells it so. An order still being built has not
     * been paid: unpaid. */
    { "BULIDING",                 DD_ORDER_STATUS_UNPAID },
    { "WAIT_BUYER_PAY",           DD_ORDER_STATUS_UNPAID },
    /* Cancel accepted, not done yet: nothing was paid, and it may still
     * fail; it stays unpaid until a detail read says TRADE_CLOSED, with
     * DD_ORDER_PENDING_CANCELLING (dd_pp_pending_from_taobao()). */
    { "CANCELLING",               DD_ORDER_STATUS_UNPAID },
    { "WAIT_SELLER_SEND_GOODS",   DD_ORDER_STATUS_TO_SHIP },
    { "WAIT_BUYER_CONFIRM_GOODS", DD_ORDER_STATUS_SHIPPED },
    { "TRADE_FINISHED",           DD_ORDER_STATUS_COMPLETED },
    { "TRADE_CLOSED",             DD_ORDER_STATUS_CLOSED },
  };

  for (guint i = 0; raw != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (raw, map[i].raw))
      return map[i].status;

  return DD_ORDER_STATUS_UNKNOWN;
}

/* What PandaPon is still doing to a Taobao-goods order. */
static DdOrderPending
dd_pp_pending_from_taobao (const char *status,
                           const char *pay_status)
{
  if (g_strcmp0 (status, "CANCELLING") == 0)
    return DD_ORDER_PENDING_CANCELLING;
  /* A payment voucher being checked: neither paid nor free to pay again. */
  if (g_strcmp0 (pay_status, "REVIEWING") == 0 &&
      dd_pp_status_from_taobao (status) == DD_ORDER_STATUS_UNPAID)
    return DD_ORDER_PENDING_PAYMENT_REVIEW;
  return DD_ORDER_PENDING_NONE;
}

DdOrderStatus
dd_pp_status_from_1688 (const char *raw)
{
  static const struct {
    const char    *raw;
    DdOrderStatus  status;
  } map[] = {
    { "waitbuyerpay",     DD_ORDER_STATUS_UNPAID },
    { "waitsellersend",   DD_ORDER_STATUS_TO_SHIP },
    { "waitbuyerreceive", DD_ORDER_STATUS_SHIPPED },
    { "success",          DD_ORDER_STATUS_COMPLETED },
    { "cancel",           DD_ORDER_STATUS_CLOSED },
    { "terminated",       DD_ORDER_STATUS_CLOSED },
  };

  for (guint i = 0; raw != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (raw, map[i].raw))
      return map[i].status;

  return DD_ORDER_STATUS_UNKNOWN;
}

gboolean
dd_pp_order_id_is_1688 (const char  *order_id,
                        const char **platform_id)
{
  gboolean is_1688;

  g_return_val_if_fail (order_id != NULL, FALSE);

  is_1688 = g_str_has_prefix (order_id, DD_PP_1688_PREFIX);
  if (platform_id != NULL)
    *platform_id = is_1688 ? order_id + strlen (DD_PP_1688_PREFIX) : order_id;

  return is_1688;
}

/* ------------------------------------------------------------------ */
/* Receiver, line lists                                                */

gboolean
dd_pp_parse_receiver (JsonNode        *node,
                      DdDeliveryInfo  *info,
                      GError         **error)
{
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *name = NULL, *mobile = NULL, *phone = NULL, *country = NULL;
  g_autofree char *state = NULL, *city = NULL, *district = NULL, *address = NULL;
  g_autofree char *zip = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (dd_pp_holds_type (node, G_TYPE_STRING))
    {
      g_autoptr(GError) local_error = NULL;

      parsed = dd_json_parse (json_node_get_string (node), -1, &local_error);
      if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
        {
          g_debug ("PandaPon: receiver: %s", local_error != NULL ? local_error->message : "not an object");
          return dd_pp_bad_member (error, "receiver");
        }
      object = json_node_get_object (parsed);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      object = json_node_get_object (node);
    }
  else
    {
      return dd_pp_bad_member (error, "receiver");
    }

  /* zip is text, but a number is what some servers send. */
  if (!dd_pp_get_text (object, "name", &name, error) ||
      !dd_pp_get_text (object, "mobile_phone", &mobile, error) ||
      !dd_pp_get_text (object, "phone", &phone, error) ||
      !dd_pp_get_text (object, "country", &country, error) ||
      !dd_pp_get_text (object, "state", &state, error) ||
      !dd_pp_get_text (object, "city", &city, error) ||
      !dd_pp_get_text (object, "district", &district, error) ||
      !dd_pp_get_text (object, "address", &address, error) ||
      !dd_pp_get_opt_id (object, "zip", &zip, error))
    return FALSE;

  dd_delivery_info_clear (info);
  info->receiver_name = g_steal_pointer (&name);
  info->receiver_phone = mobile != NULL ? g_steal_pointer (&mobile) : g_steal_pointer (&phone);
  info->country_code = g_steal_pointer (&country);
  info->state = g_steal_pointer (&state);
  info->city = g_steal_pointer (&city);
  info->area = g_steal_pointer (&district);
  info->detail_address = g_steal_pointer (&address);
  info->zip = g_steal_pointer (&zip);

  return TRUE;
}

static DdOrderLine *
line_from_order_line_list (JsonObject  *object,
                           const char  *order_id,
                           guint        index,
                           GError     **error)
{
  g_autoptr(DdOrderLine) line = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *sku_id = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *line_id = NULL;
  DdMoney price = DD_MONEY_INIT;
  gboolean has_price;
  guint quantity = 0;

  if (!dd_json_get_id (object, "itemId", FALSE, &item_id, error) ||
      !dd_pp_get_opt_id (object, "skuId", &sku_id, error) ||
      !dd_pp_get_text (object, "currency", &currency, error) ||
      !dd_pp_get_uint (object, "quantity", FALSE, &quantity, error) ||
      !dd_pp_get_fen (object, "price", dd_pp_currency_or_default (currency, DD_PP_DEFAULT_CURRENCY), TRUE,
                &has_price, &price, error))
    return NULL;

  /* orderLineNo repeats in the seed ("1" twice): the position is the id. */
  line_id = g_strdup_printf ("%s-%u", order_id, index + 1);

  line = dd_order_line_new ();
  dd_order_line_set_line_id (line, line_id);
  dd_order_line_set_order_id (line, order_id);
  dd_order_line_set_product_id (line, item_id);
  dd_order_line_set_sku_id (line, sku_id);
  dd_order_line_set_quantity (line, quantity);
  if (has_price)
    {
      DdMoney total = price;

      dd_order_line_set_unit_fee (line, &price);
      if (quantity == 0 || price.minor <= G_MAXINT64 / quantity)
        {
          total.minor = price.minor * quantity;
          dd_order_line_set_actual_fee (line, &total);
        }
    }

  return g_steal_pointer (&line);
}

GPtrArray *
dd_pp_parse_order_line_list (const char  *json,
                             const char  *order_id,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  root = dd_json_parse (json, -1, &local_error);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      dd_pp_bad_member (error, "orderLineList");
      return NULL;
    }

  array = json_node_get_array (root);
  lines = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      DdOrderLine *line;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_pp_bad_member (error, "orderLineList");
          return NULL;
        }

      line = line_from_order_line_list (json_node_get_object (element), order_id, i, error);
      if (line == NULL)
        return NULL;
      g_ptr_array_add (lines, line);
    }

  return g_steal_pointer (&lines);
}

/* ------------------------------------------------------------------ */
/* Taobao-goods orders                                                 */

const char *
dd_pp_line_get_error_code (DdOrderLine *line)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (line), NULL);

  return g_object_get_data (G_OBJECT (line), ERROR_CODE_KEY);
}

const char *
dd_pp_line_get_error_message (DdOrderLine *line)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (line), NULL);

  return g_object_get_data (G_OBJECT (line), ERROR_MESSAGE_KEY);
}

/* One sub-order; its domesticPostFee is added to @shipping. */
static DdOrderLine *
line_from_sub_order (JsonObject  *object,
                     const char  *order_no,
                     const char  *currency,
                     DdMoney     *shipping,
                     GError     **error)
{
  g_autoptr(DdOrderLine) line = NULL;
  g_autofree char *sub_order_id = NULL, *line_order_no = NULL, *title = NULL;
  g_autofree char *line_currency = NULL, *item_id = NULL, *sku_id = NULL;
  g_autofree char *status = NULL, *close_reason = NULL, *error_code = NULL;
  g_autofree char *error_message = NULL;
  DdMoney amount = DD_MONEY_INIT;
  DdMoney post_fee = DD_MONEY_INIT;
  gboolean has_amount, has_post_fee;
  guint quantity = 0;

  if (!dd_json_get_id (object, "subOrderId", FALSE, &sub_order_id, error) ||
      !dd_pp_get_opt_id (object, "orderNo", &line_order_no, error) ||
      !dd_pp_get_uint (object, "quantity", FALSE, &quantity, error) ||
      !dd_pp_get_text (object, "title", &title, error) ||
      !dd_pp_get_text (object, "purchaseCurrency", &line_currency, error) ||
      !dd_pp_get_opt_id (object, "itemId", &item_id, error) ||
      !dd_pp_get_opt_id (object, "skuId", &sku_id, error) ||
      !dd_pp_get_text (object, "status", &status, error) ||
      !dd_pp_get_text (object, "closeReason", &close_reason, error) ||
      !dd_pp_get_code_text (object, "errorCode", &error_code, error) ||
      !dd_pp_get_text (object, "errorMessage", &error_message, error) ||
      !dd_pp_get_fen (object, "purchaseAmount", dd_pp_currency_or_default (line_currency, currency), TRUE,
                &has_amount, &amount, error) ||
      !dd_pp_get_fen (object, "domesticPostFee", dd_pp_currency_or_default (line_currency, currency), TRUE,
                &has_post_fee, &post_fee, error))
    return NULL;

  if (line_order_no != NULL && !g_str_equal (line_order_no, order_no))
    {
      dd_pp_bad_member (error, "orderNo");
      return NULL;
    }

  if (has_post_fee && !dd_money_add (shipping, &post_fee, shipping))
    {
      dd_pp_bad_member (error, "domesticPostFee");
      return NULL;
    }

  line = dd_order_line_new ();
  dd_order_line_set_line_id (line, sub_order_id);
  dd_order_line_set_order_id (line, order_no);
  dd_order_line_set_title (line, title);
  dd_order_line_set_product_id (line, item_id);
  dd_order_line_set_sku_id (line, sku_id);
  dd_order_line_set_quantity (line, quantity);
  /* A failed line keeps its error: its status if any, else the code. */
  dd_order_line_set_raw_status (line, status != NULL ? status : error_code);
  if (has_amount)
    {
      /* purchaseAmount is the line's total; the unit price only when exact. */
      dd_order_line_set_actual_fee (line, &amount);
      if (quantity > 0 && amount.minor % quantity == 0)
        {
          DdMoney unit = amount;

          unit.minor = amount.minor / quantity;
          dd_order_line_set_unit_fee (line, &unit);
        }
    }
  if (error_code != NULL)
    g_object_set_data_full (G_OBJECT (line), ERROR_CODE_KEY, g_steal_pointer (&error_code), g_free);
  if (error_message != NULL)
    g_object_set_data_full (G_OBJECT (line), ERROR_MESSAGE_KEY, g_steal_pointer (&error_message), g_free);

  return g_steal_pointer (&line);
}

DdOrder *
dd_pp_order_from_object (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GDateTime) created = NULL, modified = NULL, paid = NULL;
  g_autofree char *order_no = NULL, *status = NULL, *currency = NULL, *line_list = NULL;
  g_autofree char *pay_status = NULL;
  DdDeliveryInfo delivery = { NULL };
  DdMoney total = DD_MONEY_INIT;
  DdMoney shipping = DD_MONEY_INIT;
  gboolean has_total;
  JsonArray *sub_orders = NULL;
  JsonNode *receiver;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_json_get_id (object, "orderNo", FALSE, &order_no, error) ||
      !dd_pp_get_text (object, "status", &status, error) ||
      !dd_pp_get_text (object, "payStatus", &pay_status, error) ||
      !dd_pp_get_text (object, "currency", &currency, error) ||
      !dd_pp_get_fen (object, "purchaseAmount", dd_pp_currency_or_default (currency, DD_PP_DEFAULT_CURRENCY), TRUE,
                &has_total, &total, error) ||
      !dd_pp_get_time (object, "createTime", TRUE, &created, error) ||
      !dd_pp_get_time (object, "updateTime", TRUE, &modified, error) ||
      !dd_pp_get_time (object, "payTime", TRUE, &paid, error) ||
      !dd_json_get_array (object, "subOrderVOS", TRUE, &sub_orders, error) ||
      !dd_json_get_string (object, "orderLineList", TRUE, &line_list, error))
    return NULL;

  receiver = dd_pp_get_member (object, "receiver");
  if (receiver != NULL && !dd_pp_parse_receiver (receiver, &delivery, error))
    return NULL;

  order = dd_order_new ();
  dd_order_set_platform (order, DD_PLATFORM_PANDAPON);
  dd_order_set_order_id (order, order_no);
  dd_order_set_raw_status (order, status);
  /* The create answer serves no status (seed 002): an order without one
   * has just been created, so it is unpaid. */
  dd_order_set_status (order, status != NULL ? dd_pp_status_from_taobao (status) : DD_ORDER_STATUS_UNPAID);
  dd_order_set_pending (order, dd_pp_pending_from_taobao (status, pay_status));
  dd_order_set_payment_kind (order, DD_PAYMENT_KIND_ONLINE);
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified != NULL ? modified : created);
  dd_order_set_paid (order, paid);
  if (has_total)
    dd_order_set_total (order, &total);
  if (receiver != NULL)
    dd_order_set_delivery (order, &delivery);
  dd_delivery_info_clear (&delivery);

  /* The nested line list is checked whenever it is there. */
  if (line_list != NULL)
    {
      lines = dd_pp_parse_order_line_list (line_list, order_no, error);
      if (lines == NULL)
        return NULL;
    }

  dd_money_init (&shipping, 0, dd_pp_currency_or_default (currency, DD_PP_DEFAULT_CURRENCY));
  for (guint i = 0; sub_orders != NULL && i < json_array_get_length (sub_orders); i++)
    {
      JsonNode *element = json_array_get_element (sub_orders, i);
      g_autoptr(DdOrderLine) line = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_pp_bad_member (error, "subOrderVOS");
          return NULL;
        }

      line = line_from_sub_order (json_node_get_object (element), order_no,
                                  dd_pp_currency_or_default (currency, DD_PP_DEFAULT_CURRENCY), &shipping, error);
      if (line == NULL)
        return NULL;
      dd_order_add_line (order, line);
    }
  dd_order_set_shipping_fee (order, &shipping);

  /* Before its sub-orders exist, an order's lines are the ones we sent. */
  if (dd_order_get_n_lines (order) == 0 && lines != NULL)
    for (guint i = 0; i < lines->len; i++)
      dd_order_add_line (order, g_ptr_array_index (lines, i));

  return g_steal_pointer (&order);
}

/* ------------------------------------------------------------------ */
/* 1688-goods orders                                                   */

static gboolean
get_1688_address (JsonObject      *object,
                  DdDeliveryInfo  *info,
                  GError         **error)
{
  g_autofree char *name = NULL, *mobile = NULL, *phone = NULL, *zip = NULL, *city = NULL;
  g_autofree char *province = NULL, *area = NULL, *town = NULL, *address = NULL;

  if (!dd_pp_get_text (object, "fullName", &name, error) ||
      !dd_pp_get_text (object, "mobile", &mobile, error) ||
      !dd_pp_get_text (object, "phone", &phone, error) ||
      !dd_pp_get_opt_id (object, "postCode", &zip, error) ||
      !dd_pp_get_text (object, "cityText", &city, error) ||
      !dd_pp_get_text (object, "provinceText", &province, error) ||
      !dd_pp_get_text (object, "areaText", &area, error) ||
      !dd_pp_get_text (object, "townText", &town, error) ||
      !dd_pp_get_text (object, "address", &address, error))
    return FALSE;

  info->receiver_name = g_steal_pointer (&name);
  info->receiver_phone = mobile != NULL ? g_steal_pointer (&mobile) : g_steal_pointer (&phone);
  info->zip = g_steal_pointer (&zip);
  info->state = g_steal_pointer (&province);
  info->city = g_steal_pointer (&city);
  info->area = g_steal_pointer (&area);
  if (town != NULL && address != NULL)
    info->detail_address = g_strconcat (town, " ", address, NULL);
  else
    info->detail_address = town != NULL ? g_steal_pointer (&town) : g_steal_pointer (&address);

  return TRUE;
}

static DdOrderLine *
line_from_1688_item (JsonObject  *object,
                     const char  *order_id,
                     const char  *currency,
                     guint        index,
                     GError     **error)
{
  g_autoptr(DdOrderLine) line = NULL;
  g_autofree char *sub_item_id = NULL, *offer_id = NULL, *spec_id = NULL;
  g_autofree char *name = NULL, *status = NULL;
  DdMoney price = DD_MONEY_INIT, amount = DD_MONEY_INIT;
  gboolean has_price, has_amount;
  guint quantity = 0;

  if (!dd_pp_get_opt_id (object, "subItemId", &sub_item_id, error) ||
      !dd_json_get_id (object, "offerId", FALSE, &offer_id, error) ||
      !dd_pp_get_opt_id (object, "specId", &spec_id, error) ||
      !dd_pp_get_text (object, "name", &name, error) ||
      !dd_pp_get_text (object, "status", &status, error) ||
      !dd_pp_get_uint (object, "quantity", FALSE, &quantity, error) ||
      !dd_pp_get_fen (object, "price", currency, TRUE, &has_price, &price, error) ||
      !dd_pp_get_fen (object, "itemAmount", currency, TRUE, &has_amount, &amount, error))
    return NULL;

  if (sub_item_id == NULL)
    sub_item_id = g_strdup_printf ("%s-%u", order_id, index + 1);

  line = dd_order_line_new ();
  dd_order_line_set_line_id (line, sub_item_id);
  dd_order_line_set_order_id (line, order_id);
  dd_order_line_set_title (line, name);
  dd_order_line_set_product_id (line, offer_id);
  dd_order_line_set_sku_id (line, spec_id);
  dd_order_line_set_quantity (line, quantity);
  dd_order_line_set_raw_status (line, status);
  if (has_price)
    dd_order_line_set_unit_fee (line, &price);
  if (has_amount)
    dd_order_line_set_actual_fee (line, &amount);

  return g_steal_pointer (&line);
}

DdOrder *
dd_pp_order_1688_from_object (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GDateTime) created = NULL, modified = NULL, paid = NULL;
  g_autofree char *platform_id = NULL, *order_id = NULL, *status = NULL;
  g_autofree char *currency = NULL, *seller = NULL;
  DdDeliveryInfo delivery = { NULL };
  DdMoney total = DD_MONEY_INIT, post_fee = DD_MONEY_INIT;
  gboolean has_total, has_post_fee;
  JsonObject *address = NULL;
  JsonArray *items = NULL;
  const char *cur;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_json_get_id (object, "orderId", FALSE, &platform_id, error) ||
      !dd_pp_get_text (object, "status", &status, error) ||
      !dd_pp_get_text (object, "currency", &currency, error) ||
      !dd_pp_get_text (object, "sellerLoginId", &seller, error) ||
      !dd_pp_get_time (object, "createTime", TRUE, &created, error) ||
      !dd_pp_get_time (object, "modifyTime", TRUE, &modified, error) ||
      !dd_pp_get_time (object, "payTime", TRUE, &paid, error) ||
      !dd_json_get_object (object, "addressParam", TRUE, &address, error) ||
      !dd_json_get_array (object, "productItems", TRUE, &items, error))
    return NULL;

  cur = dd_pp_currency_or_default (currency, DD_PP_DEFAULT_CURRENCY);
  /* The detail says totalAmount, the create answer totalSuccessAmount. */
  if (!dd_pp_get_fen (object, "totalAmount", cur, TRUE, &has_total, &total, error) ||
      (!has_total && !dd_pp_get_fen (object, "totalSuccessAmount", cur, TRUE, &has_total, &total, error)) ||
      !dd_pp_get_fen (object, "postFee", cur, TRUE, &has_post_fee, &post_fee, error))
    return NULL;

  if (address != NULL && !get_1688_address (address, &delivery, error))
    {
      dd_delivery_info_clear (&delivery);
      return NULL;
    }

  order_id = g_strconcat (DD_PP_1688_PREFIX, platform_id, NULL);
  order = dd_order_new ();
  dd_order_set_platform (order, DD_PLATFORM_PANDAPON);
  dd_order_set_order_id (order, order_id);
  dd_order_set_raw_status (order, status);
  /* The create answer serves no status: the order is new, so unpaid. */
  dd_order_set_status (order, status != NULL ? dd_pp_status_from_1688 (status) : DD_ORDER_STATUS_UNPAID);
  dd_order_set_payment_kind (order, DD_PAYMENT_KIND_ONLINE);
  dd_order_set_seller_name (order, seller);
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified != NULL ? modified : created);
  dd_order_set_paid (order, paid);
  if (has_total)
    dd_order_set_total (order, &total);
  if (has_post_fee)
    dd_order_set_shipping_fee (order, &post_fee);
  if (address != NULL)
    dd_order_set_delivery (order, &delivery);
  dd_delivery_info_clear (&delivery);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      g_autoptr(DdOrderLine) line = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_pp_bad_member (error, "productItems");
          return NULL;
        }

      line = line_from_1688_item (json_node_get_object (element), order_id, cur, i, error);
      if (line == NULL)
        return NULL;
      dd_order_add_line (order, line);
    }

  return g_steal_pointer (&order);
}

