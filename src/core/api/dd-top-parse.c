/* dd-top-parse.c: Taobao Open Platform (TOP) JSON, type-checked into domain objects
 *
 * THE SHAPES (shared with the sandbox, which serves exactly these; the full
 * note with every call is /work/brief/top-pc-shape.md, kept in step):
 *
 * Envelope: {"<method minus "taobao.", dots → underscores>_response": {…,
 *   "request_id": "…"}} or {"error_response": {"code": 7, "msg": "…",
 *   "sub_code": "…", "sub_msg": "This ban will last for 5 more seconds",
 *   "request_id": "…"}}. Procurement calls (and defensively any call) may
 *   carry a business failure inside a success envelope: {"result":
 *   {"success": false, "error_code": "CODE", "error_msg": "…"}}.
 * Lists are wrapped the TOP way ({"trades": {"trade": […]}}); a bare array
 *   is accepted too. Money: yuan strings ("200.07"). Times: "yyyy-MM-dd
 *   HH:mm:ss" in UTC+8. Ids (tid, oid, num_iid, item_id, sku_id) are JSON
 *   integers that may exceed 2^53; biz_order_id is a string; either form
 *   is accepted and kept exact.
 *
 * TRADE (seller; the cache's raw JSON for platform "top"):
 *   {"tid": N, "status": "WAIT_BUYER_PAY", "type": "fixed", "buyer_nick": "…",
 *    "seller_nick": "…", "payment": "200.07", "post_fee": "10.00",
 *    "created": "…", "modified": "…", "pay_time": "…",
 *    "receiver_name", "receiver_mobile" (or "receiver_phone"), "receiver_state",
 *    "receiver_city", "receiver_district", "receiver_address", "receiver_zip",
 *    "orders": {"order": [{"oid": N, "title", "price": "95.00", "num": 2,
 *       "sku_id": "…" ("" when none), "sku_properties_name": "颜色分类:黑色;尺码:XL",
 *       "pic_path", "num_iid": N, "status", "payment", "refund_status",
 *       "logistics_company", "invoice_no"}]}}
 *
 * PC_ORDER (procurement 企业购; the cache's raw JSON for platform "top-pc";
 * OUR DEFINITION — the platform publishes no order shape, see top-pc-shape.md):
 *   {"biz_order_id": "…", "out_order_id": "…", "contract_no": "…",
 *    "buyer_id": N, "status": "<a TRADE status word>",
 *    "pay_status": 1|2|4|6|7|8|9, "logistics_status": 1|2|3 (ASSUMED, not read),
 *    "total_fee": "200.07", "post_fee": "10.00",
 *    "created": "…", "modified": "…", "pay_time": "…", "remark": "…",
 *    "items": {"order_item": [{"sub_order_id", "item_id": N, "sku_id": N,
 *       "title", "quantity": 2, "unit_price": "95.00", "pic_url",
 *       "sku_properties_name"}]},
 *    "address": {"consignee_name", "mobile_phone", "address_detail"} (masked),
 *    "logistics_company", "invoice_no"}
 * pc.order.list → result {success, total_count, orders {order [PC_ORDER]}};
 * pc.order.detail → result {success, order: PC_ORDER};
 * pc.order.cancel / pc.out.tower.order.create → result {success, error_code,
 *   error_msg, contract_place_order {contract_no, out_order_id,
 *   biz_order_ids {string […]}}};
 * pc.order.render → result {success, contract_place_order {total_fee,
 *   post_fee (both ASSUMED), order_items {order_item [{item_id, sku_id,
 *   buy_amount, item_price, can_buy}]}}}.
 *
 * Every member is read through dd-json, which checks its JSON type; a wrong
 * type anywhere fails the whole document with DD_PLATFORM_ERROR_BAD_RESPONSE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-top-client.h"
#include "dd-top-parse.h"
#include "dd-top-parse-private.h"

gboolean
dd_top_bad_response (GError     **error,
              const char  *message)
{
  g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE,
                                                   NULL, NULL, NULL, NULL, NULL, message));
  return FALSE;
}

gboolean
dd_top_bad_member (GError     **error,
            const char  *member)
{
  g_autofree char *message = NULL;

  /* Translators: %s is a JSON member name such as "trades" */
  message = g_strdup_printf (_("The server’s reply is malformed: “%s” has the wrong shape"), member);

  return dd_top_bad_response (error, message);
}

/* ------------------------------------------------------------------ */
/* Times                                                               */

static GTimeZone *
beijing_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, g_time_zone_new_offset (8 * 3600));

  return zone;
}

char *
dd_top_format_time_ms (gint64 utc_ms)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) beijing = NULL;
  gint64 seconds = utc_ms / 1000;

  if (utc_ms < 0 && utc_ms % 1000 != 0)
    seconds--;

  utc = g_date_time_new_from_unix_utc (seconds);
  g_return_val_if_fail (utc != NULL, NULL);
  beijing = g_date_time_to_timezone (utc, beijing_zone ());

  /* Not g_date_time_format()'s %Y: it drops the leading zeros of a year
   * before 1000, which dd_top_parse_time() (and TOP) would refuse. */
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d",
                          g_date_time_get_year (beijing), g_date_time_get_month (beijing),
                          g_date_time_get_day_of_month (beijing), g_date_time_get_hour (beijing),
                          g_date_time_get_minute (beijing), g_date_time_get_second (beijing));
}

static gboolean
read_digits (const char *text,
             guint       n,
             int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + g_ascii_digit_value (text[i]);
    }
  *out = value;

  return TRUE;
}

gboolean
dd_top_parse_time (const char  *text,
                   const char  *what,
                   GDateTime  **out,
                   GError     **error)
{
  g_autoptr(GDateTime) beijing = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int year, month, day, hour, minute, second;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text != NULL && strlen (text) == 19 &&
      text[4] == '-' && text[7] == '-' && text[10] == ' ' && text[13] == ':' && text[16] == ':' &&
      read_digits (text, 4, &year) && read_digits (text + 5, 2, &month) &&
      read_digits (text + 8, 2, &day) && read_digits (text + 11, 2, &hour) &&
      read_digits (text + 14, 2, &minute) && read_digits (text + 17, 2, &second) &&
      year >= 1 && hour < 24 && minute < 60 && second < 60)
    beijing = g_date_time_new (beijing_zone (), year, month, day, hour, minute, second);
  /* The first eight hours of year 1 are before GDateTime's range in UTC. */
  if (beijing != NULL)
    utc = g_date_time_to_utc (beijing);

  if (utc == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a JSON member name such as "created" */
      message = g_strdup_printf (_("The server’s reply is malformed: “%s” is not a time"),
                                 what != NULL ? what : "time");
      return dd_top_bad_response (error, message);
    }

  *out = g_steal_pointer (&utc);

  return TRUE;
}

gboolean
dd_top_json_get_time (JsonObject  *object,
          const char  *member,
          GDateTime  **out,
          GError     **error)
{
  g_autofree char *text = NULL;

  *out = NULL;
  if (!dd_json_get_string (object, member, TRUE, &text, error))
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;

  return dd_top_parse_time (text, member, out, error);
}

/* ------------------------------------------------------------------ */
/* Small readers                                                       */

/* A code served as a string or an integer (error codes), NULL when absent. */
gboolean
dd_top_json_get_code (JsonObject  *object,
          const char  *member,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    }

  return dd_top_bad_member (error, member);
}

/* An optional id where TOP serves "" for "none" (sku_id). */
gboolean
dd_top_json_get_optional_id (JsonObject  *object,
                 const char  *member,
                 char       **out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING &&
      *json_node_get_string (node) == '\0')
    {
      *out = NULL;
      return TRUE;
    }

  return dd_json_get_id (object, member, TRUE, out, error);
}

gboolean
dd_top_json_get_optional_money (JsonObject  *object,
                    const char  *member,
                    gboolean    *present,
                    DdMoney     *out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *present = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!dd_json_get_money (object, member, DD_TOP_CURRENCY, FALSE, out, error))
    return FALSE;
  *present = TRUE;

  return TRUE;
}

gboolean
dd_top_json_get_quantity (JsonObject  *object,
              const char  *member,
              guint       *out,
              GError     **error)
{
  gint64 quantity = 0;

  if (!dd_json_get_int (object, member, FALSE, &quantity, error))
    return FALSE;
  if (quantity < 0 || quantity > G_MAXUINT)
    return dd_top_bad_member (error, member);
  *out = (guint) quantity;

  return TRUE;
}

char *
dd_top_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return dd_json_to_string (node);
}

gboolean
dd_top_get_list (JsonObject  *object,
                 const char  *member,
                 const char  *inner,
                 gboolean     optional,
                 JsonArray  **out,
                 GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  *out = NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return optional ? TRUE : dd_top_bad_member (error, member);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *out = json_node_get_array (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    return dd_json_get_array (json_node_get_object (node), inner, TRUE, out, error);

  return dd_top_bad_member (error, member);
}

DdPaymentKind
dd_top_payment_kind_from_type (const char *type)
{
  static const char * const cod_types[] = { "cod", "b2c_cod", "super_market_cod_trade" };

  if (type == NULL || *type == '\0')
    return DD_PAYMENT_KIND_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (cod_types); i++)
    if (g_str_equal (type, cod_types[i]))
      return DD_PAYMENT_KIND_CASH_ON_DELIVERY;

  return DD_PAYMENT_KIND_ONLINE;
}

void
dd_top_parse_sku_properties (const char  *text,
                             DdOrderLine *line)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (DD_IS_ORDER_LINE (line));

  if (text == NULL)
    return;

  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *colon;
      g_autofree char *name = NULL;

      if (*parts[i] == '\0')
        continue;

      colon = strchr (parts[i], ':');
      if (colon == NULL)
        {
          dd_order_line_add_sku_property (line, "", parts[i]);
          continue;
        }
      name = g_strndup (parts[i], colon - parts[i]);
      dd_order_line_add_sku_property (line, name, colon + 1);
    }
}

/* ------------------------------------------------------------------ */
/* Statuses                                                            */

DdOrderStatus
dd_top_status_from_raw (const char *raw)
{
  static const struct {
    const char    *raw;
    DdOrderStatus  status;
  } statuses[] = {
    { "TRADE_NO_CREATE_PAY",      DD_ORDER_STATUS_UNPAID },    /* no Alipay trade yet */
    { "WAIT_BUYER_PAY",           DD_ORDER_STATUS_UNPAID },
    { "PAY_PENDING",              DD_ORDER_STATUS_UNPAID },    /* foreign card payment being confirmed */
    { "WAIT_PRE_AUTH_CONFIRM",    DD_ORDER_STATUS_UNPAID },    /* 0-yuan pre-authorisation contract */
    { "WAIT_SELLER_SEND_GOODS",   DD_ORDER_STATUS_TO_SHIP },
    { "PAID_FORBID_CONSIGN",      DD_ORDER_STATUS_TO_SHIP },   /* paid, shipping held back */
    { "SELLER_CONSIGNED_PART",    DD_ORDER_STATUS_SHIPPED },   /* partly shipped */
    { "WAIT_BUYER_CONFIRM_GOODS", DD_ORDER_STATUS_SHIPPED },
    { "TRADE_BUYER_SIGNED",       DD_ORDER_STATUS_COMPLETED }, /* signed for (cash on delivery) */
    { "TRADE_FINISHED",           DD_ORDER_STATUS_COMPLETED },
    { "TRADE_CLOSED",             DD_ORDER_STATUS_CLOSED },    /* closed, or refunded in full */
    { "TRADE_CLOSED_BY_TAOBAO",   DD_ORDER_STATUS_CLOSED },
  };

  if (raw == NULL)
    return DD_ORDER_STATUS_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (raw, statuses[i].raw))
      return statuses[i].status;

  return DD_ORDER_STATUS_UNKNOWN;
}

/* The status word says where the order is; pay_status (API.md §1) says what
 * happened to the money and wins where the two tell different stories:
 *   closed word, or 8 (closed by Taobao)         → CLOSED
 *   4 (refunded)                                 → AFTER_SALE
 *   1 / 7 / 9 (unpaid, no payment, cannot pay)   → UNPAID unless the word
 *                                                  says the order moved on
 *   2 / 6 (paid/frozen, success), or not served  → the word's status; with
 *                                                  no known word: TO_SHIP
 *                                                  for 2 / 6, else UNKNOWN. */
DdOrderStatus
dd_top_pc_status_from_raw (const char *raw,
                           gint64      pay_status)
{
  DdOrderStatus status = dd_top_status_from_raw (raw);

  if (status == DD_ORDER_STATUS_CLOSED || pay_status == 8)
    return DD_ORDER_STATUS_CLOSED;

  switch (pay_status)
    {
    case 4:
      return DD_ORDER_STATUS_AFTER_SALE;

    case 1:
    case 7:
    case 9:
      return status == DD_ORDER_STATUS_UNKNOWN ? DD_ORDER_STATUS_UNPAID : status;

    case 2:
    case 6:
      return status == DD_ORDER_STATUS_UNKNOWN ? DD_ORDER_STATUS_TO_SHIP : status;

    default:
      return status;
    }
}

/* ------------------------------------------------------------------ */
/* Envelopes                                                           */

char *
dd_top_response_key (const char *method)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (method != NULL, NULL);

  name = g_strdup (g_str_has_prefix (method, "taobao.") ? method + strlen ("taobao.") : method);
  g_strdelimit (name, ".", '_');

  return g_strconcat (name, "_response", NULL);
}

JsonNode *
dd_top_parse_envelope (const char  *data,
                       gsize        len,
                       const char  *method,
                       JsonObject **response,
                       char       **request_id,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *key = NULL;
  JsonObject *object;
  JsonObject *failure = NULL;
  JsonObject *success = NULL;
  char *id = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_json_parse_object (data, len, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  if (!dd_json_get_object (object, "error_response", TRUE, &failure, error))
    return NULL;
  if (failure != NULL)
    {
      g_autofree char *code = NULL;
      g_autofree char *msg = NULL;
      g_autofree char *sub_code = NULL;
      g_autofree char *sub_msg = NULL;
      g_autofree char *failure_id = NULL;

      if (!dd_top_json_get_code (failure, "code", &code, error) ||
          !dd_json_get_string (failure, "msg", TRUE, &msg, error) ||
          !dd_json_get_string (failure, "sub_code", TRUE, &sub_code, error) ||
          !dd_json_get_string (failure, "sub_msg", TRUE, &sub_msg, error) ||
          !dd_json_get_string (failure, "request_id", TRUE, &failure_id, error))
        return NULL;

      g_propagate_error (error, dd_error_table_make (DD_PLATFORM_TOP, NULL, code, sub_code,
                                                     sub_msg != NULL && *sub_msg != '\0' ? sub_msg : msg,
                                                     failure_id));
      return NULL;
    }

  key = dd_top_response_key (method);
  if (!dd_json_get_object (object, key, FALSE, &success, error) ||
      !dd_json_get_string (success, "request_id", TRUE, &id, error))
    return NULL;

  *response = success;
  if (request_id != NULL)
    *request_id = id;
  else
    g_free (id);

  return g_steal_pointer (&root);
}

gboolean
dd_top_get_result (JsonObject  *response,
                   const char  *request_id,
                   JsonObject **result,
                   GError     **error)
{
  JsonObject *object = NULL;
  gboolean success = TRUE;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!dd_json_get_object (response, "result", FALSE, &object, error) ||
      !dd_json_get_bool (object, "success", TRUE, &success, error) ||
      !dd_top_json_get_code (object, "error_code", &code, error) ||
      !dd_json_get_string (object, "error_msg", TRUE, &message, error))
    return FALSE;

  if (!success)
    {
      g_propagate_error (error, dd_error_table_make (DD_PLATFORM_TOP, "biz", code, NULL,
                                                     message, request_id));
      return FALSE;
    }

  *result = object;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Seller trades                                                       */

static DdOrderLine *
trade_line_from_object (JsonObject  *object,
                        const char  *tid,
                        GError     **error)
{
  g_autoptr(DdOrderLine) line = NULL;
  g_autofree char *oid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sku_id = NULL;
  g_autofree char *sku_properties = NULL;
  g_autofree char *pic_path = NULL;
  g_autofree char *num_iid = NULL;
  g_autofree char *status = NULL;
  g_autofree char *refund_status = NULL;
  g_autofree char *company = NULL;
  g_autofree char *invoice_no = NULL;
  DdMoney price = DD_MONEY_INIT;
  DdMoney payment = DD_MONEY_INIT;
  gboolean has_price, has_payment;
  guint num = 0;

  if (!dd_json_get_id (object, "oid", FALSE, &oid, error) ||
      !dd_json_get_string (object, "title", TRUE, &title, error) ||
      !dd_top_json_get_optional_id (object, "sku_id", &sku_id, error) ||
      !dd_json_get_string (object, "sku_properties_name", TRUE, &sku_properties, error) ||
      !dd_json_get_string (object, "pic_path", TRUE, &pic_path, error) ||
      !dd_top_json_get_optional_id (object, "num_iid", &num_iid, error) ||
      !dd_json_get_string (object, "status", TRUE, &status, error) ||
      !dd_json_get_string (object, "refund_status", TRUE, &refund_status, error) ||
      !dd_json_get_string (object, "logistics_company", TRUE, &company, error) ||
      !dd_json_get_string (object, "invoice_no", TRUE, &invoice_no, error) ||
      !dd_top_json_get_quantity (object, "num", &num, error) ||
      !dd_top_json_get_optional_money (object, "price", &has_price, &price, error) ||
      !dd_top_json_get_optional_money (object, "payment", &has_payment, &payment, error))
    return NULL;

  line = dd_order_line_new ();
  dd_order_line_set_line_id (line, oid);
  dd_order_line_set_order_id (line, tid);
  dd_order_line_set_title (line, title);
  dd_order_line_set_sku_id (line, sku_id);
  dd_order_line_set_product_id (line, num_iid);
  dd_order_line_set_image_url (line, pic_path);
  dd_order_line_set_raw_status (line, status);
  dd_order_line_set_quantity (line, num);
  if (has_price)
    dd_order_line_set_unit_fee (line, &price);
  if (has_payment)
    dd_order_line_set_actual_fee (line, &payment);
  dd_top_parse_sku_properties (sku_properties, line);

  if ((invoice_no != NULL && *invoice_no != '\0') || (company != NULL && *company != '\0'))
    dd_order_line_add_shipment (line, NULL, invoice_no, company);

  return g_steal_pointer (&line);
}

DdOrder *
dd_top_trade_from_object (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(DdOrder) order = NULL;
  g_autofree char *tid = NULL;
  g_autofree char *status = NULL;
  g_autofree char *type = NULL;
  g_autofree char *buyer_nick = NULL;
  g_autofree char *seller_nick = NULL;
  g_autofree char *raw = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) paid = NULL;
  DdDeliveryInfo info = { 0 };
  DdMoney payment = DD_MONEY_INIT;
  DdMoney post_fee = DD_MONEY_INIT;
  gboolean has_post_fee;
  JsonArray *lines = NULL;
  gboolean ok;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_json_get_id (object, "tid", FALSE, &tid, error) ||
      !dd_json_get_string (object, "status", FALSE, &status, error) ||
      !dd_json_get_string (object, "type", TRUE, &type, error) ||
      !dd_json_get_string (object, "buyer_nick", TRUE, &buyer_nick, error) ||
      !dd_json_get_string (object, "seller_nick", TRUE, &seller_nick, error) ||
      !dd_json_get_money (object, "payment", DD_TOP_CURRENCY, FALSE, &payment, error) ||
      !dd_top_json_get_optional_money (object, "post_fee", &has_post_fee, &post_fee, error) ||
      !dd_top_json_get_time (object, "created", &created, error) ||
      !dd_top_json_get_time (object, "modified", &modified, error) ||
      !dd_top_json_get_time (object, "pay_time", &paid, error) ||
      !dd_top_get_list (object, "orders", "order", TRUE, &lines, error))
    return NULL;

  ok = dd_json_get_string (object, "receiver_name", TRUE, &info.receiver_name, error) &&
       dd_json_get_string (object, "receiver_mobile", TRUE, &info.receiver_phone, error) &&
       (info.receiver_phone != NULL ||
        dd_json_get_string (object, "receiver_phone", TRUE, &info.receiver_phone, error)) &&
       dd_json_get_string (object, "receiver_state", TRUE, &info.state, error) &&
       dd_json_get_string (object, "receiver_city", TRUE, &info.city, error) &&
       dd_json_get_string (object, "receiver_district", TRUE, &info.area, error) &&
       dd_json_get_string (object, "receiver_address", TRUE, &info.detail_address, error) &&
       dd_json_get_string (object, "receiver_zip", TRUE, &info.zip, error);
  if (!ok)
    {
      dd_delivery_info_clear (&info);
      return NULL;
    }

  order = dd_order_new ();
  dd_order_set_platform (order, DD_PLATFORM_TOP);
  dd_order_set_order_id (order, tid);
  dd_order_set_raw_status (order, status);
  dd_order_set_status (order, dd_top_status_from_raw (status));
  dd_order_set_buyer_name (order, buyer_nick);
  dd_order_set_seller_name (order, seller_nick);
  dd_order_set_total (order, &payment);
  if (has_post_fee)
    dd_order_set_shipping_fee (order, &post_fee);
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified);
  dd_order_set_paid (order, paid);
  /* TOP names no payment channel: the trade type tells cash on delivery
   * ("cod" and its kin, kept as the channel), and every other paid trade
   * went through Alipay. The type itself ("fixed") is a kind of sale, not a
   * way of paying, so it is not shown as one. */
  dd_order_set_payment_kind (order, dd_top_payment_kind_from_type (type));
  if (dd_order_get_payment_kind (order) == DD_PAYMENT_KIND_CASH_ON_DELIVERY)
    dd_order_set_payment_channel (order, type);
  else if (paid != NULL)
    dd_order_set_payment_channel (order, "ALIPAY");

  if (info.receiver_name != NULL || info.receiver_phone != NULL || info.state != NULL ||
      info.city != NULL || info.area != NULL || info.detail_address != NULL || info.zip != NULL)
    dd_order_set_delivery (order, &info);
  dd_delivery_info_clear (&info);

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *element = json_array_get_element (lines, i);
      g_autoptr(DdOrderLine) line = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_top_bad_member (error, "orders");
          return NULL;
        }
      line = trade_line_from_object (json_node_get_object (element), tid, error);
      if (line == NULL)
        return NULL;
      dd_order_add_line (order, line);
    }

  raw = dd_top_json_object_to_string (object);
  dd_order_set_raw_json (order, raw);

  return g_steal_pointer (&order);
}

DdOrder *
dd_top_parse_trade_json (const char  *json,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_json_parse_object (json, len, error);
  if (root == NULL)
    return NULL;

  return dd_top_trade_from_object (json_node_get_object (root), error);
}

GPtrArray *
dd_top_orders_from_list (JsonArray        *list,
                  const char       *member,
                  DdTopOrderFromObject  from_object,
                  GError          **error)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      DdOrder *order;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_top_bad_member (error, member);
          return NULL;
        }
      order = from_object (json_node_get_object (element), error);
      if (order == NULL)
        return NULL;
      g_ptr_array_add (orders, order);
    }

  return g_steal_pointer (&orders);
}

DdOrderPage *
dd_top_parse_trades_page (JsonObject  *response,
                          guint64      offset,
                          GError     **error)
{
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  JsonArray *list = NULL;
  gint64 total = -1;
  gboolean has_next = FALSE;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_top_get_list (response, "trades", "trade", TRUE, &list, error) ||
      !dd_json_get_int (response, "total_results", TRUE, &total, error) ||
      !dd_json_get_bool (response, "has_next", TRUE, &has_next, error))
    return NULL;

  orders = dd_top_orders_from_list (list, "trades", dd_top_trade_from_object, error);
  if (orders == NULL)
    return NULL;

  page = dd_order_page_new ();
  if (total >= 0)
    page->total_count = (guint64) total;
  else
    page->total_count = offset + orders->len + (has_next ? 1 : 0);
  g_ptr_array_extend_and_steal (page->orders, g_steal_pointer (&orders));

  return g_steal_pointer (&page);
}

DdOrder *
dd_top_parse_fullinfo (JsonObject  *response,
                       GError     **error)
{
  JsonObject *trade = NULL;

  g_return_val_if_fail (response != NULL, NULL);

  if (!dd_json_get_object (response, "trade", FALSE, &trade, error))
    return NULL;

  return dd_top_trade_from_object (trade, error);
}

gboolean
dd_top_parse_close (JsonObject  *response,
                    const char  *request_id,
                    GError     **error)
{
  JsonObject *trade = NULL;
  JsonObject *result = NULL;
  g_autofree char *tid = NULL;

  g_return_val_if_fail (response != NULL, FALSE);

  /* Defensive: a business failure in the success envelope. */
  if (json_object_has_member (response, "result") &&
      !dd_top_get_result (response, request_id, &result, error))
    return FALSE;

  if (!dd_json_get_object (response, "trade", result != NULL, &trade, error))
    return FALSE;
  if (trade != NULL && !dd_json_get_id (trade, "tid", TRUE, &tid, error))
    return FALSE;

  return TRUE;
}

gint64
dd_top_parse_time_get (JsonObject  *response,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (response != NULL, -1);

  if (!dd_json_get_string (response, "time", FALSE, &text, error) ||
      !dd_top_parse_time (text, "time", &time, error))
    return -1;

  return g_date_time_to_unix (time) * 1000;
}
