/* dd-sandbox-top-pc-api.c: the TOP router's procurement (企业购 / 采购宝) methods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * taobao.pc.order.list / .detail / .cancel / .render and
 * taobao.pc.out.tower.order.create, in the shapes of
 * /work/brief/top-pc-shape.md §2 (the platform publishes only part of them:
 * what is ASSUMED there is assumed here too). Struct parameters (param,
 * tp_request, contract_order_list_req) are JSON objects in a form value,
 * parsed and type-checked member by member: ids that are strings must be
 * strings of digits, numbers JSON integers, prices yuan strings ("95.00");
 * anything else answers error 41 naming the parameter, a missing member 40
 * ("Missing required arguments:param.out_order_id").
 *
 * Business failures come inside the success envelope: result.success=false
 * with error_code
 *   ORDER_NOT_EXIST                unknown, or another buyer's order
 *   ORDER_STATUS_NOT_ALLOW_CANCEL  cancel of an order no longer unpaid
 *                                  (with its contract_place_order)
 *   OUT_ORDER_ID_DUPLICATE         create with an out_order_id already used:
 *                                  no second order; the existing order's
 *                                  contract_place_order comes back
 *   ITEM_CANNOT_BUY                create with an item render shows as
 *                                  can_buy=false (an id ending in 9)
 *   BUYER_NOT_MATCH                render or create for another buyer
 * A list without orders has no "orders" member, as TOP's lists.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-top-private.h"

#define PC_MAX_QUANTITY    9999
#define PC_DEFAULT_PAGE    20

/* {"<method>_response": {"result": @result, "request_id": …}} */
static void
reply_result (DdSandboxRequest *request,
              const char       *method,
              JsonObject       *result)
{
  JsonObject *body = json_object_new ();

  json_object_set_object_member (body, "result", result);
  top_reply_success (request, method, body);
}

static void
reply_failure (DdSandboxRequest *request,
               const char       *method,
               const char       *error_code,
               const char       *error_msg,
               JsonObject       *contract_place_order)
{
  JsonObject *result = json_object_new ();

  json_object_set_boolean_member (result, "success", FALSE);
  json_object_set_string_member (result, "error_code", error_code);
  json_object_set_string_member (result, "error_msg", error_msg);
  if (contract_place_order != NULL)
    json_object_set_object_member (result, "contract_place_order", contract_place_order);
  reply_result (request, method, result);
}

/* ---- reading struct parameters ----------------------------------------------------------- */

/* Each reader answers 40 / 41 naming @param and returns FALSE on failure.
 * Optional members leave @out alone when absent (or null). */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
missing (DdSandboxRequest *request,
         const char       *param,
         const char       *name)
{
  g_autofree char *path = g_strconcat (param, ".", name, NULL);

  top_reply_missing (request, path);
  return FALSE;
}

static gboolean
wrong_type (DdSandboxRequest *request,
            const char       *param,
            const char       *name,
            const char       *what)
{
  g_autofree char *why = g_strdup_printf ("%s must be %s", name, what);

  top_reply_invalid (request, param, why);
  return FALSE;
}

static gboolean
read_string (DdSandboxRequest *request,
             const char       *param,
             JsonObject       *object,
             const char       *name,
             gboolean          required,
             const char      **out)
{
  JsonNode *node = member (object, name);

  if (node == NULL)
    return required ? missing (request, param, name) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return wrong_type (request, param, name, "a non-empty string");
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int (DdSandboxRequest *request,
          const char       *param,
          JsonObject       *object,
          const char       *name,
          gboolean          required,
          gint64            min,
          gint64            max,
          gint64           *out)
{
  JsonNode *node = member (object, name);
  gint64 value;

  if (node == NULL)
    return required ? missing (request, param, name) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (request, param, name, "a whole number");
  value = json_node_get_int (node);
  if (value < min || value > max)
    return wrong_type (request, param, name, "in range");
  *out = value;
  return TRUE;
}

/* A decimal id in a string ("4000000000000000001"). */
static gboolean
read_id_string (DdSandboxRequest *request,
                const char       *param,
                JsonObject       *object,
                const char       *name,
                const char      **out)
{
  const char *text = NULL;
  guint64 value;

  if (!read_string (request, param, object, name, TRUE, &text))
    return FALSE;
  if (strspn (text, "0123456789") != strlen (text) ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return wrong_type (request, param, name, "a number in a string");
  *out = text;
  return TRUE;
}

/* "95.00": fen, or -1. */
static gint64
parse_yuan (const char *text)
{
  const char *dot = strchr (text, '.');
  gsize whole = dot != NULL ? (gsize) (dot - text) : strlen (text);
  gsize decimals = dot != NULL ? strlen (dot + 1) : 0;
  gint64 fen;

  if (whole == 0 || whole > 9 || strspn (text, "0123456789") != whole ||
      (dot != NULL && (decimals == 0 || decimals > 2 || strspn (dot + 1, "0123456789") != decimals)))
    return -1;
  fen = g_ascii_strtoll (text, NULL, 10) * 100;
  if (decimals >= 1)
    fen += (dot[1] - '0') * 10;
  if (decimals == 2)
    fen += dot[2] - '0';
  return fen;
}

static gboolean
read_string_list (DdSandboxRequest *request,
                  const char       *param,
                  JsonObject       *object,
                  const char       *name,
                  GPtrArray       **out)
{
  JsonNode *node = member (object, name);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (request, param, name, "an array of strings");
  array = json_node_get_array (node);
  *out = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_clear_pointer (out, g_ptr_array_unref);
          return wrong_type (request, param, name, "an array of strings");
        }
      g_ptr_array_add (*out, (gpointer) json_node_get_string (element));
    }
  return TRUE;
}

static gboolean
read_time (DdSandboxRequest *request,
           const char       *param,
           JsonObject       *object,
           const char       *name,
           gint64           *out)
{
  const char *text = NULL;

  if (!read_string (request, param, object, name, FALSE, &text))
    return FALSE;
  if (text != NULL && (*out = top_parse_time (text)) < 0)
    return wrong_type (request, param, name, "a time \"yyyy-MM-dd HH:mm:ss\" (UTC+8)");
  return TRUE;
}

/* The buyer a request names (a JSON integer inside a struct parameter). */
static gboolean
is_our_buyer (gint64 buyer_id)
{
  return buyer_id == g_ascii_strtoll (DD_SANDBOX_TOP_PC_BUYER_ID, NULL, 10);
}

/* ---- the methods ------------------------------------------------------------------------- */

static gboolean
order_matches (const TopPcOrder *order,
               gint64            buyer_id,
               gint64            start_ms,
               gint64            end_ms,
               int               status,
               gint64            pay_status,
               gint64            logistics_status,
               GPtrArray        *out_ids,
               GPtrArray        *biz_ids)
{
  if (order->buyer_id != buyer_id ||
      (start_ms > 0 && order->modified_ms < start_ms) ||
      (end_ms > 0 && order->modified_ms > end_ms) ||
      (status >= 0 && order->status != status) ||
      (pay_status > 0 && order->pay_status != pay_status) ||
      (logistics_status > 0 && order->logistics_status != logistics_status))
    return FALSE;
  if (out_ids != NULL &&
      (order->out_order_id == NULL ||
       !g_ptr_array_find_with_equal_func (out_ids, order->out_order_id, g_str_equal, NULL)))
    return FALSE;
  if (biz_ids != NULL && !g_ptr_array_find_with_equal_func (biz_ids, order->biz_order_id, g_str_equal, NULL))
    return FALSE;
  return TRUE;
}

void
top_pc_order_list (DdSandbox        *self,
                   DdSandboxRequest *request)
{
  static const char param[] = "contract_order_list_req";
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (self);
  g_autoptr(JsonObject) req = NULL;
  g_autoptr(GPtrArray) out_ids = NULL;
  g_autoptr(GPtrArray) biz_ids = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  const char *status_text = NULL;
  JsonObject *result;
  JsonArray *list;
  gint64 buyer_id = 0, page_no = 1, page_size = PC_DEFAULT_PAGE, pay_status = 0, logistics_status = 0;
  gint64 start_ms = 0, end_ms = 0;
  guint64 first, n = 0;
  int status = -1;

  if ((req = top_struct_param (request, param, TRUE)) == NULL ||
      !read_int (request, param, req, "buyer_id", TRUE, 1, G_MAXINT64, &buyer_id) ||
      !read_int (request, param, req, "page_no", FALSE, 1, G_MAXINT32, &page_no) ||
      !read_int (request, param, req, "page_size", FALSE, 1, TOP_MAX_PAGE_SIZE, &page_size) ||
      !read_int (request, param, req, "pay_status", FALSE, 1, 9, &pay_status) ||
      !read_int (request, param, req, "logistics_status", FALSE, 1, 3, &logistics_status) ||
      !read_string (request, param, req, "status", FALSE, &status_text) ||
      !read_time (request, param, req, "start_modified_time", &start_ms) ||
      !read_time (request, param, req, "end_modified_time", &end_ms) ||
      !read_string_list (request, param, req, "out_order_id_list", &out_ids) ||
      !read_string_list (request, param, req, "biz_order_id_list", &biz_ids))
    return;
  for (guint i = 0; status_text != NULL && i < N_TOP_STATUSES; i++)
    if (g_str_equal (status_text, top_statuses[i]))
      status = (int) i;
  if (status_text != NULL && status < 0)
    {
      wrong_type (request, param, "status", "a trade status");
      return;
    }
  if (start_ms > 0 && end_ms > 0 && start_ms > end_ms)
    {
      wrong_type (request, param, "start_modified_time", "no later than end_modified_time");
      return;
    }

  list = json_array_new ();
  first = (guint64) (page_no - 1) * (guint64) page_size;
  locker = g_mutex_locker_new (&shop->lock);
  for (guint i = 0; i < shop->pc_orders->len; i++)
    {
      const TopPcOrder *order = g_ptr_array_index (shop->pc_orders, i);

      if (!order_matches (order, buyer_id, start_ms, end_ms, status, pay_status, logistics_status,
                          out_ids, biz_ids))
        continue;
      if (n >= first && n < first + (guint64) page_size)
        json_array_add_object_element (list, top_pc_order_to_json (shop, order, dd_sandbox_get_base_url (self)));
      n++;
    }
  g_clear_pointer (&locker, g_mutex_locker_free);

  result = json_object_new ();
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_int_member (result, "total_count", (gint64) n);
  if (json_array_get_length (list) > 0)
    {
      JsonObject *wrapper = json_object_new ();

      json_object_set_array_member (wrapper, "order", list);
      json_object_set_object_member (result, "orders", wrapper);
    }
  else
    json_array_unref (list);
  reply_result (request, "taobao.pc.order.list", result);
  dd_sandbox_run_hook (self, "taobao.pc.order.list", (guint) page_no);
}

/* The buyer's order @biz_order_id, under lock, or NULL. */
static TopPcOrder *
lookup_order (DdSandboxTopShop *shop,
              const char       *biz_order_id,
              gint64            buyer_id)
{
  TopPcOrder *order = g_hash_table_lookup (shop->pc_by_id, biz_order_id);

  return order != NULL && order->buyer_id == buyer_id ? order : NULL;
}

void
top_pc_order_detail (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  static const char param[] = "tp_request";
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (self);
  g_autoptr(JsonObject) req = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  const char *biz_order_id = NULL;
  JsonObject *result;
  TopPcOrder *order;
  gint64 buyer_id = 0;

  if ((req = top_struct_param (request, param, TRUE)) == NULL ||
      !read_id_string (request, param, req, "biz_order_id", &biz_order_id) ||
      !read_int (request, param, req, "buyer_id", TRUE, 1, G_MAXINT64, &buyer_id))
    return;

  locker = g_mutex_locker_new (&shop->lock);
  order = lookup_order (shop, biz_order_id, buyer_id);
  if (order == NULL)
    {
      g_clear_pointer (&locker, g_mutex_locker_free);
      reply_failure (request, "taobao.pc.order.detail", "ORDER_NOT_EXIST", "订单不存在", NULL);
      return;
    }
  result = json_object_new ();
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_object_member (result, "order", top_pc_order_to_json (shop, order, dd_sandbox_get_base_url (self)));
  g_clear_pointer (&locker, g_mutex_locker_free);
  reply_result (request, "taobao.pc.order.detail", result);
}

void
top_pc_order_cancel (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  static const char param[] = "param";
  static const char method[] = "taobao.pc.order.cancel";
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (self);
  g_autoptr(JsonObject) req = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  const char *biz_order_id = NULL;
  JsonObject *result;
  TopPcOrder *order;
  gint64 buyer_id = 0;

  if ((req = top_struct_param (request, param, TRUE)) == NULL ||
      !read_id_string (request, param, req, "biz_order_id", &biz_order_id) ||
      !read_int (request, param, req, "buyer_id", TRUE, 1, G_MAXINT64, &buyer_id))
    return;

  locker = g_mutex_locker_new (&shop->lock);
  order = lookup_order (shop, biz_order_id, buyer_id);
  if (order == NULL)
    {
      g_clear_pointer (&locker, g_mutex_locker_free);
      reply_failure (request, method, "ORDER_NOT_EXIST", "订单不存在", NULL);
      return;
    }
  if (order->status != TS_WAIT_BUYER_PAY)
    {
      JsonObject *place = top_pc_place_order_to_json (order);

      g_clear_pointer (&locker, g_mutex_locker_free);
      reply_failure (request, method, "ORDER_STATUS_NOT_ALLOW_CANCEL", "订单状态不允许取消: 只能取消未付款的订单", place);
      return;
    }

  top_pc_order_set_status (order, TS_CLOSED);
  order->modified_ms = MAX (top_whole_seconds (request->now_ms), order->modified_ms + TOP_SECOND_MS);

  result = json_object_new ();
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_string_member (result, "error_code", "200");
  json_object_set_string_member (result, "error_msg", "");
  json_object_set_object_member (result, "contract_place_order", top_pc_place_order_to_json (order));
  g_clear_pointer (&locker, g_mutex_locker_free);
  reply_result (request, method, result);
}

/* The "param" of render and create, checked; @out_order_id NULL for render. */
typedef struct
{
  const char *out_order_id;
  const char *contract_no;
  const char *remark;
  const char *address_detail;
  const char *consignee_name;
  const char *mobile_phone;
  GArray     *items;          /* PcItem with item_id, sku_id, quantity, unit_price (-1: none) */
} PurchaseParam;

static void
purchase_param_clear (PurchaseParam *purchase)
{
  g_clear_pointer (&purchase->items, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PurchaseParam, purchase_param_clear)

static gboolean
read_purchase (DdSandboxRequest *request,
               JsonObject       *object,
               gboolean          create,
               PurchaseParam    *purchase)
{
  static const char param[] = "param";
  JsonNode *orders_node = member (object, "orders");
  JsonNode *address_node = member (object, "address");
  const char *buyer_nick = NULL;
  const char *social_credit_code = NULL;
  JsonObject *address;
  JsonArray *orders;

  if (!read_string (request, param, object, "out_order_id", create, &purchase->out_order_id) ||
      !read_string (request, param, object, "buyer_nick", FALSE, &buyer_nick) ||
      !read_string (request, param, object, "contract_no", FALSE, &purchase->contract_no) ||
      !read_string (request, param, object, "remark", FALSE, &purchase->remark) ||
      !read_string (request, param, object, "social_credit_code", FALSE, &social_credit_code))
    return FALSE;

  if (address_node == NULL)
    return missing (request, param, "address");
  if (!JSON_NODE_HOLDS_OBJECT (address_node))
    return wrong_type (request, param, "address", "an object");
  address = json_node_get_object (address_node);
  if (!read_string (request, param, address, "address_detail", TRUE, &purchase->address_detail) ||
      !read_string (request, param, address, "consignee_name", TRUE, &purchase->consignee_name) ||
      !read_string (request, param, address, "mobile_phone", TRUE, &purchase->mobile_phone))
    return FALSE;

  if (orders_node == NULL)
    return missing (request, param, "orders");
  if (!JSON_NODE_HOLDS_ARRAY (orders_node) || json_array_get_length (json_node_get_array (orders_node)) == 0)
    return wrong_type (request, param, "orders", "a non-empty array");
  orders = json_node_get_array (orders_node);

  purchase->items = g_array_new (FALSE, TRUE, sizeof (PcItem));
  for (guint o = 0; o < json_array_get_length (orders); o++)
    {
      JsonNode *order_node = json_array_get_element (orders, o);
      JsonNode *items_node;
      JsonArray *items;

      if (!JSON_NODE_HOLDS_OBJECT (order_node))
        return wrong_type (request, param, "orders[]", "objects");
      items_node = member (json_node_get_object (order_node), "items");
      if (items_node == NULL || !JSON_NODE_HOLDS_ARRAY (items_node) ||
          json_array_get_length (json_node_get_array (items_node)) == 0)
        return wrong_type (request, param, "orders[].items", "a non-empty array");
      items = json_node_get_array (items_node);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item_node = json_array_get_element (items, i);
          JsonObject *item_object;
          const char *unit_price = NULL;
          PcItem item = { .unit_price = -1 };
          gint64 quantity = 0;

          if (!JSON_NODE_HOLDS_OBJECT (item_node))
            return wrong_type (request, param, "orders[].items[]", "objects");
          item_object = json_node_get_object (item_node);
          if (!read_int (request, param, item_object, "item_id", TRUE, 1, G_MAXINT64, &item.item_id) ||
              !read_int (request, param, item_object, "sku_id", FALSE, 1, G_MAXINT64, &item.sku_id) ||
              !read_int (request, param, item_object, "quantity", TRUE, 1, PC_MAX_QUANTITY, &quantity) ||
              !read_string (request, param, item_object, "unit_price", FALSE, &unit_price))
            return FALSE;
          if (unit_price != NULL && (item.unit_price = parse_yuan (unit_price)) < 0)
            return wrong_type (request, param, "unit_price", "yuan with at most two decimals (\"95.00\")");
          if (purchase->items->len >= TOP_PC_MAX_ITEMS)
            return wrong_type (request, param, "orders[].items", "at most 99 items in all");
          item.quantity = (guint) quantity;
          g_array_append_val (purchase->items, item);
        }
    }
  return TRUE;
}

/* The form parameter "buyer_id" of render and create. */
static gboolean
read_form_buyer (DdSandboxRequest *request,
                 gint64           *buyer_id)
{
  const char *text = top_param (request, "buyer_id");
  guint64 value;

  if (text == NULL)
    {
      top_reply_missing (request, "buyer_id");
      return FALSE;
    }
  if (strspn (text, "0123456789") != strlen (text) ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      top_reply_invalid (request, "buyer_id", "must be a number");
      return FALSE;
    }
  *buyer_id = (gint64) value;
  return TRUE;
}

void
top_pc_order_render (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  static const char method[] = "taobao.pc.order.render";
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (self);
  g_autoptr(JsonObject) object = NULL;
  g_auto(PurchaseParam) purchase = { 0 };
  g_autoptr(GMutexLocker) locker = NULL;
  JsonObject *place;
  JsonObject *items;
  JsonObject *result;
  JsonArray *list;
  gint64 buyer_id;
  gint64 goods = 0;

  if ((object = top_struct_param (request, "param", TRUE)) == NULL ||
      !read_purchase (request, object, FALSE, &purchase) ||
      !read_form_buyer (request, &buyer_id))
    return;
  if (!is_our_buyer (buyer_id))
    {
      reply_failure (request, method, "BUYER_NOT_MATCH", "买家与授权不符", NULL);
      return;
    }

  list = json_array_new ();
  locker = g_mutex_locker_new (&shop->lock);
  for (guint i = 0; i < purchase.items->len; i++)
    {
      const PcItem *item = &g_array_index (purchase.items, PcItem, i);
      JsonObject *element = json_object_new ();
      gint64 price = top_pc_catalogue_price (shop, item->item_id);

      json_object_set_int_member (element, "item_id", item->item_id);
      if (item->sku_id > 0)
        json_object_set_int_member (element, "sku_id", item->sku_id);
      json_object_set_int_member (element, "buy_amount", item->quantity);
      top_json_set_yuan (element, "item_price", price);
      json_object_set_boolean_member (element, "can_buy", top_pc_item_can_buy (item->item_id));
      json_array_add_object_element (list, element);
      goods += price * item->quantity;
    }
  g_clear_pointer (&locker, g_mutex_locker_free);

  place = json_object_new ();
  top_json_set_yuan (place, "total_fee", goods + top_pc_post_fee_for (goods));
  top_json_set_yuan (place, "post_fee", top_pc_post_fee_for (goods));
  items = json_object_new ();
  json_object_set_array_member (items, "order_item", list);
  json_object_set_object_member (place, "order_items", items);
  result = json_object_new ();
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_object_member (result, "contract_place_order", place);
  reply_result (request, method, result);
}

void
top_pc_order_create (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  static const char method[] = "taobao.pc.out.tower.order.create";
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (self);
  g_autoptr(JsonObject) object = NULL;
  g_auto(PurchaseParam) purchase = { 0 };
  g_autoptr(GMutexLocker) locker = NULL;
  TopPcOrder *order;
  JsonObject *result;
  gint64 buyer_id;

  if ((object = top_struct_param (request, "param", TRUE)) == NULL ||
      !read_purchase (request, object, TRUE, &purchase) ||
      !read_form_buyer (request, &buyer_id))
    return;
  if (!is_our_buyer (buyer_id))
    {
      reply_failure (request, method, "BUYER_NOT_MATCH", "买家与授权不符", NULL);
      return;
    }

  locker = g_mutex_locker_new (&shop->lock);
  order = g_hash_table_lookup (shop->pc_by_out_id, purchase.out_order_id);
  if (order != NULL)
    {
      JsonObject *place = top_pc_place_order_to_json (order);

      /* Idempotency: the order placed before, never a second one. */
      g_clear_pointer (&locker, g_mutex_locker_free);
      reply_failure (request, method, "OUT_ORDER_ID_DUPLICATE", "外部订单号已存在", place);
      return;
    }
  for (guint i = 0; i < purchase.items->len; i++)
    if (!top_pc_item_can_buy (g_array_index (purchase.items, PcItem, i).item_id))
      {
        g_autofree char *message = g_strdup_printf ("商品 %" G_GINT64_FORMAT " 不可购买",
                                                    g_array_index (purchase.items, PcItem, i).item_id);

        g_clear_pointer (&locker, g_mutex_locker_free);
        reply_failure (request, method, "ITEM_CANNOT_BUY", message, NULL);
        return;
      }

  order = top_pc_order_new (shop);
  top_pc_order_set_status (order, TS_WAIT_BUYER_PAY);
  order->out_order_id = g_strdup (purchase.out_order_id);
  order->contract_no = purchase.contract_no != NULL ? g_strdup (purchase.contract_no)
                       : g_strdup_printf ("HT%" G_GINT64_FORMAT, request->now_ms / 1000);
  order->remark = g_strdup (purchase.remark);
  order->consignee_name = g_strdup (purchase.consignee_name);
  order->mobile_phone = g_strdup (purchase.mobile_phone);
  order->address_detail = g_strdup (purchase.address_detail);
  for (guint i = 0; i < purchase.items->len; i++)
    {
      const PcItem *item = &g_array_index (purchase.items, PcItem, i);

      top_pc_order_add_item (order, item->item_id, item->sku_id, item->quantity,
                             item->unit_price >= 0 ? item->unit_price : top_pc_catalogue_price (shop, item->item_id),
                             top_pc_catalogue_title (shop, item->item_id), NULL);
    }
  top_pc_shop_add_order (shop, order, request->now_ms);

  result = json_object_new ();
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_string_member (result, "error_code", "200");
  json_object_set_object_member (result, "contract_place_order", top_pc_place_order_to_json (order));
  g_clear_pointer (&locker, g_mutex_locker_free);
  reply_result (request, method, result);
}
