/* dd-top-pc-parse.c: TOP procurement (企业购) JSON, type-checked into domain objects
 *
 * The PC_ORDER shape and the calls' results are written down at the top of
 * dd-top-parse.c (and in top-pc-shape.md, which the sandbox implements).
 * Pure functions: safe in any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-top-client.h"
#include "dd-top-parse.h"
#include "dd-top-parse-private.h"

/* ------------------------------------------------------------------ */
/* Procurement                                                         */

static DdOrderLine *
pc_line_from_object (JsonObject  *object,
                     const char  *biz_order_id,
                     GError     **error)
{
  g_autoptr(DdOrderLine) line = NULL;
  g_autofree char *sub_order_id = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *sku_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *pic_url = NULL;
  g_autofree char *sku_properties = NULL;
  DdMoney unit_price = DD_MONEY_INIT;
  gboolean has_unit_price;
  guint quantity = 0;

  if (!dd_top_json_get_optional_id (object, "sub_order_id", &sub_order_id, error) ||
      !dd_json_get_id (object, "item_id", FALSE, &item_id, error) ||
      !dd_top_json_get_optional_id (object, "sku_id", &sku_id, error) ||
      !dd_json_get_string (object, "title", TRUE, &title, error) ||
      !dd_json_get_string (object, "pic_url", TRUE, &pic_url, error) ||
      !dd_json_get_string (object, "sku_properties_name", TRUE, &sku_properties, error) ||
      !dd_top_json_get_quantity (object, "quantity", &quantity, error) ||
      !dd_top_json_get_optional_money (object, "unit_price", &has_unit_price, &unit_price, error))
    return NULL;

  line = dd_order_line_new ();
  dd_order_line_set_line_id (line, sub_order_id);
  dd_order_line_set_order_id (line, biz_order_id);
  dd_order_line_set_product_id (line, item_id);
  dd_order_line_set_sku_id (line, sku_id);
  dd_order_line_set_title (line, title);
  dd_order_line_set_image_url (line, pic_url);
  dd_order_line_set_quantity (line, quantity);
  if (has_unit_price)
    {
      DdMoney actual = unit_price;

      dd_order_line_set_unit_fee (line, &unit_price);
      if (quantity > 0 &&
          unit_price.minor <= G_MAXINT64 / quantity &&
          unit_price.minor >= G_MININT64 / quantity)
        {
          actual.minor = unit_price.minor * quantity;
          dd_order_line_set_actual_fee (line, &actual);
        }
    }
  dd_top_parse_sku_properties (sku_properties, line);

  return g_steal_pointer (&line);
}

DdOrder *
dd_top_pc_order_from_object (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(DdOrder) order = NULL;
  g_autofree char *biz_order_id = NULL;
  g_autofree char *buyer_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *logistics_status = NULL;
  g_autofree char *company = NULL;
  g_autofree char *invoice_no = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) paid = NULL;
  DdMoney total = DD_MONEY_INIT;
  DdMoney post_fee = DD_MONEY_INIT;
  gboolean has_total, has_post_fee;
  gint64 pay_status = 0;
  JsonObject *address = NULL;
  JsonArray *items = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_json_get_id (object, "biz_order_id", FALSE, &biz_order_id, error) ||
      !dd_json_get_id (object, "buyer_id", TRUE, &buyer_id, error) ||
      !dd_json_get_string (object, "status", TRUE, &status, error) ||
      !dd_json_get_int (object, "pay_status", TRUE, &pay_status, error) ||
      !dd_top_json_get_code (object, "logistics_status", &logistics_status, error) ||
      !dd_top_json_get_optional_money (object, "total_fee", &has_total, &total, error) ||
      !dd_top_json_get_optional_money (object, "post_fee", &has_post_fee, &post_fee, error) ||
      !dd_top_json_get_time (object, "created", &created, error) ||
      !dd_top_json_get_time (object, "modified", &modified, error) ||
      !dd_top_json_get_time (object, "pay_time", &paid, error) ||
      !dd_json_get_string (object, "logistics_company", TRUE, &company, error) ||
      !dd_json_get_string (object, "invoice_no", TRUE, &invoice_no, error) ||
      !dd_json_get_object (object, "address", TRUE, &address, error) ||
      !dd_top_get_list (object, "items", "order_item", TRUE, &items, error))
    return NULL;

  order = dd_order_new ();
  dd_order_set_platform (order, DD_PLATFORM_TOP_PC);
  dd_order_set_order_id (order, biz_order_id);
  dd_order_set_buyer_id (order, buyer_id);
  dd_order_set_raw_status (order, status);
  dd_order_set_status (order, dd_top_pc_status_from_raw (status, pay_status));
  if (!has_total)
    dd_money_init (&total, 0, DD_TOP_CURRENCY);
  dd_order_set_total (order, &total);
  if (has_post_fee)
    dd_order_set_shipping_fee (order, &post_fee);
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified);
  dd_order_set_paid (order, paid);
  /* Procurement orders are paid online by the buyer's company (no COD). */
  dd_order_set_payment_kind (order, DD_PAYMENT_KIND_ONLINE);

  if (address != NULL)
    {
      DdDeliveryInfo info = { 0 };
      gboolean ok;

      ok = dd_json_get_string (address, "consignee_name", TRUE, &info.receiver_name, error) &&
           dd_json_get_string (address, "mobile_phone", TRUE, &info.receiver_phone, error) &&
           dd_json_get_string (address, "address_detail", TRUE, &info.detail_address, error);
      if (ok)
        dd_order_set_delivery (order, &info);
      dd_delivery_info_clear (&info);
      if (!ok)
        return NULL;
    }

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      g_autoptr(DdOrderLine) line = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_top_bad_member (error, "items");
          return NULL;
        }
      line = pc_line_from_object (json_node_get_object (element), biz_order_id, error);
      if (line == NULL)
        return NULL;
      if ((invoice_no != NULL && *invoice_no != '\0') || (company != NULL && *company != '\0'))
        dd_order_line_add_shipment (line, NULL, invoice_no, company);
      dd_order_add_line (order, line);
    }

  raw = dd_top_json_object_to_string (object);
  dd_order_set_raw_json (order, raw);

  return g_steal_pointer (&order);
}

DdOrder *
dd_top_pc_parse_order_json (const char  *json,
                            gsize        len,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_json_parse_object (json, len, error);
  if (root == NULL)
    return NULL;

  return dd_top_pc_order_from_object (json_node_get_object (root), error);
}

DdOrderPage *
dd_top_pc_parse_list (JsonObject  *response,
                      const char  *request_id,
                      GError     **error)
{
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  JsonObject *result = NULL;
  JsonArray *list = NULL;
  gint64 total = -1;

  g_return_val_if_fail (response != NULL, NULL);

  if (!dd_top_get_result (response, request_id, &result, error) ||
      !dd_top_get_list (result, "orders", "order", TRUE, &list, error) ||
      !dd_json_get_int (result, "total_count", TRUE, &total, error))
    return NULL;

  orders = dd_top_orders_from_list (list, "orders", dd_top_pc_order_from_object, error);
  if (orders == NULL)
    return NULL;

  page = dd_order_page_new ();
  page->total_count = total >= 0 ? (guint64) total : orders->len;
  g_ptr_array_extend_and_steal (page->orders, g_steal_pointer (&orders));

  return g_steal_pointer (&page);
}

DdOrder *
dd_top_pc_parse_detail (JsonObject  *response,
                        const char  *request_id,
                        GError     **error)
{
  JsonObject *result = NULL;
  JsonObject *order = NULL;

  g_return_val_if_fail (response != NULL, NULL);

  if (!dd_top_get_result (response, request_id, &result, error) ||
      !dd_json_get_object (result, "order", FALSE, &order, error))
    return NULL;

  return dd_top_pc_order_from_object (order, error);
}

gboolean
dd_top_pc_parse_cancel (JsonObject  *response,
                        const char  *request_id,
                        GError     **error)
{
  JsonObject *result = NULL;

  g_return_val_if_fail (response != NULL, FALSE);

  return dd_top_get_result (response, request_id, &result, error);
}

DdPurchasePreview *
dd_top_pc_parse_render (JsonObject  *response,
                        const char  *request_id,
                        GError     **error)
{
  g_autoptr(DdPurchasePreview) preview = NULL;
  JsonObject *result = NULL;
  JsonObject *place = NULL;
  JsonArray *items = NULL;
  DdMoney total = DD_MONEY_INIT;
  DdMoney post_fee = DD_MONEY_INIT;
  DdMoney sum = DD_MONEY_INIT;
  gboolean has_total, has_post_fee;

  g_return_val_if_fail (response != NULL, NULL);

  if (!dd_top_get_result (response, request_id, &result, error) ||
      !dd_json_get_object (result, "contract_place_order", FALSE, &place, error) ||
      !dd_top_json_get_optional_money (place, "total_fee", &has_total, &total, error) ||
      !dd_top_json_get_optional_money (place, "post_fee", &has_post_fee, &post_fee, error) ||
      !dd_top_get_list (place, "order_items", "order_item", TRUE, &items, error))
    return NULL;

  preview = g_new0 (DdPurchasePreview, 1);
  preview->unavailable = g_array_new (FALSE, FALSE, sizeof (char *));
  dd_money_init (&sum, 0, DD_TOP_CURRENCY);
  if (!has_post_fee)
    dd_money_init (&post_fee, 0, DD_TOP_CURRENCY);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *item;
      g_autofree char *item_id = NULL;
      DdMoney price = DD_MONEY_INIT;
      gboolean has_price;
      gboolean can_buy = TRUE;
      gint64 amount = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_top_bad_member (error, "order_items");
          return NULL;
        }
      item = json_node_get_object (element);
      if (!dd_json_get_id (item, "item_id", FALSE, &item_id, error) ||
          !dd_json_get_bool (item, "can_buy", TRUE, &can_buy, error) ||
          !dd_json_get_int (item, "buy_amount", TRUE, &amount, error) ||
          !dd_top_json_get_optional_money (item, "item_price", &has_price, &price, error))
        return NULL;

      if (!can_buy)
        {
          char *id = g_steal_pointer (&item_id);

          g_array_append_val (preview->unavailable, id);
        }
      else if (has_price && amount > 0 && amount <= G_MAXINT32)
        {
          DdMoney line = price;

          /* A served price times a served amount: no overflow. */
          if (price.minor > G_MAXINT64 / amount || price.minor < G_MININT64 / amount)
            {
              dd_top_bad_member (error, "item_price");
              return NULL;
            }
          line.minor = price.minor * amount;
          if (!dd_money_add (&sum, &line, &sum))
            {
              dd_top_bad_member (error, "item_price");
              return NULL;
            }
        }
    }

  /* total_fee is our assumption; without it, the items plus postage. */
  if (!has_total && !dd_money_add (&sum, &post_fee, &total))
    {
      dd_top_bad_member (error, "post_fee");
      return NULL;
    }
  preview->total = total;
  preview->shipping_fee = post_fee;

  return g_steal_pointer (&preview);
}

/* ASSUMED: the platform publishes no error table for create; these are the
 * codes the sandbox answers for a reused out_order_id (top-pc-shape.md),
 * with the spellings other TOP APIs use for the same thing. */
gboolean
dd_top_pc_is_duplicate_code (const char *error_code)
{
  static const char * const codes[] = {
    "OUT_ORDER_ID_DUPLICATE",
    "DUPLICATE_OUT_ORDER_ID",
    "OUT_ORDER_ID_EXIST",
  };

  if (error_code == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (error_code, codes[i]))
      return TRUE;

  return FALSE;
}

DdOrder *
dd_top_pc_parse_create (JsonObject  *response,
                        const char  *request_id,
                        GError     **error)
{
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) raw_node = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *biz_order_id = NULL;
  g_autofree char *out_order_id = NULL;
  g_autofree char *contract_no = NULL;
  g_autofree char *raw = NULL;
  JsonObject *result = NULL;
  JsonObject *place = NULL;
  JsonArray *ids = NULL;
  JsonNode *first;
  gboolean success = TRUE;
  gboolean duplicate;

  g_return_val_if_fail (response != NULL, NULL);

  if (!dd_json_get_object (response, "result", FALSE, &result, error) ||
      !dd_json_get_bool (result, "success", TRUE, &success, error) ||
      !dd_top_json_get_code (result, "error_code", &code, error) ||
      !dd_json_get_string (result, "error_msg", TRUE, &message, error))
    return NULL;

  duplicate = !success && dd_top_pc_is_duplicate_code (code);
  if (!success && !duplicate)
    {
      g_propagate_error (error, dd_error_table_make (DD_PLATFORM_TOP, "biz", code, NULL,
                                                     message, request_id));
      return NULL;
    }

  if (!dd_json_get_object (result, "contract_place_order", FALSE, &place, error) ||
      !dd_top_get_list (place, "biz_order_ids", "string", FALSE, &ids, error) ||
      !dd_json_get_string (place, "out_order_id", TRUE, &out_order_id, error) ||
      !dd_json_get_string (place, "contract_no", TRUE, &contract_no, error))
    return NULL;

  first = ids != NULL && json_array_get_length (ids) > 0 ? json_array_get_element (ids, 0) : NULL;
  if (first == NULL || !JSON_NODE_HOLDS_VALUE (first) ||
      json_node_get_value_type (first) != G_TYPE_STRING ||
      *json_node_get_string (first) == '\0')
    {
      dd_top_bad_member (error, "biz_order_ids");
      return NULL;
    }
  biz_order_id = g_strdup (json_node_get_string (first));

  /* What is known so far, in the PC_ORDER shape (the caller reads the order
   * back for the rest). A reused key may name an order that moved on: then
   * its status is not known here. */
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "biz_order_id");
  json_builder_add_string_value (builder, biz_order_id);
  if (out_order_id != NULL)
    {
      json_builder_set_member_name (builder, "out_order_id");
      json_builder_add_string_value (builder, out_order_id);
    }
  if (contract_no != NULL)
    {
      json_builder_set_member_name (builder, "contract_no");
      json_builder_add_string_value (builder, contract_no);
    }
  if (!duplicate)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "WAIT_BUYER_PAY");
      json_builder_set_member_name (builder, "pay_status");
      json_builder_add_int_value (builder, 1);
    }
  json_builder_end_object (builder);
  raw_node = json_builder_get_root (builder);

  order = dd_top_pc_order_from_object (json_node_get_object (raw_node), error);
  if (order == NULL)
    return NULL;
  raw = dd_json_to_string (raw_node);
  dd_order_set_raw_json (order, raw);

  return g_steal_pointer (&order);
}
