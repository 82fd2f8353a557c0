/* dd-sandbox-pp.c: the sandbox's cross-border purchasing platform (PandaPon)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speaks PandaPon's REST API (API.md §3, seed 002) as documented, with the
 * shapes the paths not documented publicly take in /work/brief/pp-shape.md;
 * the account itself lives in dd-sandbox-pp-shop.c (Taobao goods, state
 * machine), dd-sandbox-pp-1688.c (1688 goods) and dd-sandbox-pp-json.c;
 * dd-sandbox-pp-call.c reads a call (envelope, headers, parameters).
 *
 * Every answer is the envelope {requestId, code, developId, msg, data} with
 * HTTP 200, except a path or method not served (HTTP 404, code 404). PandaPon
 * publishes no error table; the sandbox's is (checked in this order):
 *   404  unknown API path or method (HTTP 404 as well)
 *   429  rate limited: "Request limit exceeded, this ban will last for N
 *        more seconds" (dd_sandbox_set_rate_limit)
 *   400  a header missing or empty (access-key, timestamp, nonce-str,
 *        user-id, signature), or nonce-str not 32 characters [A-Za-z0-9]
 *   401  access-key is not the account's
 *   403  timestamp not decimal UTC ms, or more than 600 s from the clock
 *   402  signature mismatch, or nonce-str already used within the window
 *   400  a business parameter missing or malformed (msg names it)
 *   404  unknown orderNo / orderId / subPurchaseOrderId / refundId
 *   409  the order's state forbids it (pay or voucher when not unpaid,
 *        cancel after payment, 1688 cancel or pay URL after payment, refund
 *        cancel of a case that is not WAIT_SELLER_AGREE)
 *   4091 create with a sellerOrderNumber already used: data = that order's
 *        create answer; nothing new is created
 * "200 成功" otherwise. data is null on errors (but for 4091).
 *
 * The signature (ASSUMED recipe, API.md §3, kept identical to the client's
 * documented assumption on purpose but computed here independently):
 * upper-case hex MD5 of "access-key=A&nonce-str=N&timestamp=T&key=SECRET",
 * compared case-insensitively; user-id and the body are not signed. Nonces
 * are remembered for twice the skew window (bounded) to refuse replays.
 *
 * Parameters: GET calls take query parameters; POST calls a JSON object
 * body (the voucher: multipart/form-data with parts "orderNo" and "file").
 * Ids may be JSON strings or non-negative integers. Defaults: pageNo 1,
 * pageSize 20 (at most 50). The page /alibaba/pay/<orderId> is for people
 * (a browser): unsigned, it pays the 1688 order it names.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-pp-private.h"

#define DEFAULT_PAGE_SIZE 20
#define MAX_LINES         50
#define MAX_QUANTITY      99999

typedef void (*PpApi) (PpCall *call);

/* ---- Taobao goods ---------------------------------------------------------------- */

/* orderLineList: a JSON string holding [{itemId, orderLineNo, quantity,
 * price, currency, skuId}]; quantity and price (fen) as digit strings or
 * integers. Returns the lines (pointing into @array) or NULL after answering. */
static GArray *
parse_order_lines (PpCall     *call,
                   JsonArray  *array,
                   gint64     *goods)
{
  const char *name = "orderLineList";
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (PpNewLine));
  guint n = json_array_get_length (array);

  *goods = 0;
  if (n == 0 || n > MAX_LINES)
    {
      pp_reply_invalid (call, name, "must hold from 1 to 50 lines");
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      PpNewLine line = { 0 };
      const char *line_no, *currency;
      gint64 quantity, price;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          pp_reply_invalid (call, name, "every line must be an object");
          return NULL;
        }
      object = json_node_get_object (element);
      if (!pp_member_string (object, "itemId", &line.item_id) || line.item_id == NULL ||
          !pp_is_digits (line.item_id, 20))
        {
          pp_reply_invalid (call, name, "itemId must be a string of digits");
          return NULL;
        }
      if (!pp_member_string (object, "skuId", &line.sku_id) ||
          (line.sku_id != NULL && !pp_is_digits (line.sku_id, 20)))
        {
          pp_reply_invalid (call, name, "skuId must be a string of digits or empty");
          return NULL;
        }
      if (!pp_member_string (object, "orderLineNo", &line_no))
        {
          pp_reply_invalid (call, name, "orderLineNo must be a string");
          return NULL;
        }
      if (!pp_member_string (object, "currency", &currency) ||
          (currency != NULL && !g_str_equal (currency, PP_CURRENCY)))
        {
          pp_reply_invalid (call, name, "currency must be CNY");
          return NULL;
        }
      if (!pp_node_to_count (json_object_get_member (object, "quantity"), MAX_QUANTITY, &quantity) ||
          quantity == 0)
        {
          pp_reply_invalid (call, name, "quantity must be a whole number from 1 to 99999");
          return NULL;
        }
      if (!pp_node_to_count (json_object_get_member (object, "price"), G_GINT64_CONSTANT (100000000), &price))
        {
          pp_reply_invalid (call, name, "price must be a whole number of fen");
          return NULL;
        }
      line.quantity = (guint) quantity;
      line.unit_fen = price;
      *goods += price * quantity;
      g_array_append_val (lines, line);
    }
  return g_steal_pointer (&lines);
}

/* A member that must be a JSON string holding JSON of @type; the parsed
 * root, or NULL after answering. */
static JsonNode *
nested_json (PpCall      *call,
             const char  *name,
             JsonNodeType type,
             const char  *what,
             const char **text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *why = g_strdup_printf ("must be a JSON string holding %s", what);
  JsonNode *node = json_object_get_member (call->body, name);
  JsonNode *root;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      pp_reply_missing (call, name);
      return NULL;
    }
  if (!pp_node_is_string (node) ||
      !json_parser_load_from_data (parser, json_node_get_string (node), -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || JSON_NODE_TYPE (root) != type)
    {
      pp_reply_invalid (call, name, why);
      return NULL;
    }
  *text = json_node_get_string (node);
  return json_node_copy (root);
}

static gboolean
check_receiver (PpCall     *call,
                JsonObject *receiver)
{
  static const char * const members[] = {
    "zip", "country", "address", "city", "phone", "mobile_phone", "district", "name", "state",
  };
  static const char * const required[] = { "name", "address", "state", "city" };
  const char *value;
  const char *phone, *mobile;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (!pp_member_string (receiver, members[i], &value))
      {
        g_autofree char *why = g_strdup_printf ("%s must be a string", members[i]);

        pp_reply_invalid (call, "receiver", why);
        return FALSE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (pp_member_string (receiver, required[i], &value) && value == NULL)
      {
        g_autofree char *why = g_strdup_printf ("%s is required", required[i]);

        pp_reply_invalid (call, "receiver", why);
        return FALSE;
      }
  pp_member_string (receiver, "phone", &phone);
  pp_member_string (receiver, "mobile_phone", &mobile);
  if (phone == NULL && mobile == NULL)
    {
      pp_reply_invalid (call, "receiver", "mobile_phone or phone is required");
      return FALSE;
    }
  return TRUE;
}

static void
api_create (PpCall *call)
{
  g_autoptr(JsonNode) lines_root = NULL;
  g_autoptr(JsonNode) receiver_root = NULL;
  g_autoptr(GArray) lines = NULL;
  const char *lines_text, *receiver_text, *key, *source;
  JsonNode *amount;
  JsonNode *data = NULL;
  gint64 goods;
  int code;

  if (!pp_read_json_body (call) ||
      (lines_root = nested_json (call, "orderLineList", JSON_NODE_ARRAY, "an array of lines", &lines_text)) == NULL ||
      (lines = parse_order_lines (call, json_node_get_array (lines_root), &goods)) == NULL ||
      (receiver_root = nested_json (call, "receiver", JSON_NODE_OBJECT, "an object", &receiver_text)) == NULL ||
      !check_receiver (call, json_node_get_object (receiver_root)) ||
      !pp_text_param (call, "sellerOrderNumber", FALSE, &key) ||
      !pp_text_param (call, "orderSource", FALSE, &source))
    return;

  amount = json_object_get_member (call->body, "purchaseAmount");
  if (amount != NULL && !JSON_NODE_HOLDS_NULL (amount))
    {
      if (!pp_node_is_int (amount) || json_node_get_int (amount) < 0)
        {
          pp_reply_invalid (call, "purchaseAmount", "must be a whole number of fen");
          return;
        }
      if (json_node_get_int (amount) < goods)
        {
          g_autofree char *why = g_strdup_printf ("%" G_GINT64_FORMAT " fen is less than the lines' %"
                                                  G_GINT64_FORMAT " fen", json_node_get_int (amount), goods);

          pp_reply_invalid (call, "purchaseAmount", why);
          return;
        }
    }

  code = pp_shop_create_order (call->shop, key, source, receiver_text, json_node_get_object (receiver_root),
                               lines_text, (const PpNewLine *) (gpointer) lines->data, lines->len,
                               call->request->now_ms, &data);
  if (code == PP_CODE_DUPLICATE)
    pp_reply (call, code, "The sellerOrderNumber has been used: this is its order", data);
  else
    pp_reply_ok (call, data);
}

static void
api_page (PpCall *call)
{
  const char *status_text = NULL;
  int status = -1;
  gint64 start_ms, end_ms;
  guint page, page_size;

  if (!pp_uint_param (call, "pageNo", 1, 1, G_MAXINT32, &page) ||
      !pp_uint_param (call, "pageSize", DEFAULT_PAGE_SIZE, 1, DD_SANDBOX_PP_MAX_PAGE_SIZE, &page_size) ||
      !pp_text_param (call, "status", FALSE, &status_text) ||
      !pp_ms_param (call, "updateTimeStart", &start_ms) ||
      !pp_ms_param (call, "updateTimeEnd", &end_ms))
    return;
  if (status_text != NULL && (status = pp_status_from_string (status_text)) < 0)
    {
      pp_reply_invalid (call, "status", "unknown status");
      return;
    }
  if (start_ms > 0 && end_ms > 0 && start_ms > end_ms)
    {
      pp_reply_invalid (call, "updateTimeStart", "must not be later than updateTimeEnd");
      return;
    }

  pp_reply_ok (call, pp_shop_order_page (call->shop, status, start_ms, end_ms, page, page_size,
                                         call->request->now_ms));
  dd_sandbox_run_hook (call->self, call->request->api_path, page);
}

static void
api_detail (PpCall *call)
{
  const char *order_no;
  JsonNode *data = NULL;
  int code;

  if (!pp_id_param (call, "orderNo", &order_no))
    return;
  code = pp_shop_order_detail (call->shop, order_no, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The order");
}

static void
api_cancel (PpCall *call)
{
  const char *order_no, *reason;
  JsonNode *data = NULL;
  int code;

  if (!pp_read_json_body (call) ||
      !pp_id_param (call, "orderNo", &order_no) ||
      !pp_text_param (call, "reason", FALSE, &reason))
    return;
  code = pp_shop_cancel_order (call->shop, order_no, reason, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The order");
}

static void
api_pay (PpCall *call)
{
  const char *order_no;
  JsonNode *data = NULL;
  int code;

  if (!pp_read_json_body (call) || !pp_id_param (call, "orderNo", &order_no))
    return;
  code = pp_shop_pay_order (call->shop, order_no, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The order");
}

static gboolean
is_image (const char *content_type,
          GBytes     *bytes)
{
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);

  if (g_strcmp0 (content_type, "image/png") == 0)
    return len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0;
  if (g_strcmp0 (content_type, "image/jpeg") == 0)
    return len >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0;
  if (g_strcmp0 (content_type, "image/gif") == 0)
    return len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0);
  if (g_strcmp0 (content_type, "image/webp") == 0)
    return len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0;
  return FALSE;
}

static void
api_voucher (PpCall *call)
{
  SoupServerMessage *msg = call->request->msg;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart =
    soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);
  g_autofree char *order_no = NULL;
  GBytes *file = NULL;
  const char *file_type = NULL;
  JsonNode *data = NULL;
  int code;

  if (multipart == NULL)
    {
      pp_reply_invalid (call, "Content-Type", "must be multipart/form-data");
      return;
    }
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      if (!soup_multipart_get_part (multipart, i, &headers, &part) ||
          !soup_message_headers_get_content_disposition (headers, &disposition, &params) ||
          (name = g_hash_table_lookup (params, "name")) == NULL)
        continue;
      if (g_str_equal (name, "orderNo"))
        {
          g_free (order_no);
          order_no = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
        }
      else if (g_str_equal (name, "file"))
        {
          file = part;
          file_type = soup_message_headers_get_content_type (headers, NULL);
        }
    }

  if (order_no == NULL || !pp_is_digits (order_no, 32))
    {
      pp_reply_invalid (call, "orderNo", order_no == NULL ? "required" : "must be a number");
      return;
    }
  if (file == NULL || g_bytes_get_size (file) == 0)
    {
      pp_reply_invalid (call, "file", "an image is required");
      return;
    }
  if (g_bytes_get_size (file) > DD_SANDBOX_PP_MAX_VOUCHER)
    {
      pp_reply_invalid (call, "file", "must be at most 5 MB");
      return;
    }
  if (!is_image (file_type, file))
    {
      pp_reply_invalid (call, "file", "must be a PNG, JPEG, GIF or WebP image");
      return;
    }

  code = pp_shop_upload_voucher (call->shop, order_no, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The order");
}

static void
api_logistics (PpCall *call)
{
  const char *id;
  JsonNode *data = NULL;
  int code;

  if (!pp_id_param (call, "subPurchaseOrderId", &id))
    return;
  code = pp_shop_logistics (call->shop, id, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The sub-order");
}

static void
api_refund_page (PpCall *call)
{
  guint page, page_size;

  if (!pp_uint_param (call, "pageNo", 1, 1, G_MAXINT32, &page) ||
      !pp_uint_param (call, "pageSize", DEFAULT_PAGE_SIZE, 1, DD_SANDBOX_PP_MAX_PAGE_SIZE, &page_size))
    return;
  pp_reply_ok (call, pp_shop_refund_page (call->shop, page, page_size));
}

static void
api_refund_cancel (PpCall *call)
{
  const char *refund_id = call->request->api_path + strlen ("/open/order/refund/cancel/");
  JsonNode *data = NULL;
  int code;

  if (!pp_is_digits (refund_id, 32))
    {
      pp_reply_invalid (call, "refundId", "must be a number");
      return;
    }
  code = pp_shop_cancel_refund (call->shop, refund_id, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The after-sale case");
}

/* ---- 1688 goods ------------------------------------------------------------------ */

static gboolean
check_web_site (PpCall *call)
{
  const char *web_site;

  if (!pp_text_param (call, "webSite", TRUE, &web_site))
    return FALSE;
  if (!g_str_equal (web_site, "1688"))
    {
      pp_reply_invalid (call, "webSite", "must be 1688");
      return FALSE;
    }
  return TRUE;
}

/* addressParam: strings; fullName, provinceText, cityText, address and a phone required. */
static JsonObject *
parse_address (PpCall *call)
{
  static const char * const members[] = {
    "fullName", "mobile", "phone", "postCode", "cityText", "provinceText", "areaText", "townText", "address",
  };
  static const char * const required[] = { "fullName", "provinceText", "cityText", "address" };
  JsonNode *node = json_object_get_member (call->body, "addressParam");
  JsonObject *address;
  const char *value, *phone, *mobile;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pp_reply_invalid (call, "addressParam", node == NULL ? "required" : "must be an object");
      return NULL;
    }
  address = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (!pp_member_string (address, members[i], &value))
      {
        g_autofree char *why = g_strdup_printf ("%s must be a string", members[i]);

        pp_reply_invalid (call, "addressParam", why);
        return NULL;
      }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (pp_member_string (address, required[i], &value) && value == NULL)
      {
        g_autofree char *why = g_strdup_printf ("%s is required", required[i]);

        pp_reply_invalid (call, "addressParam", why);
        return NULL;
      }
  pp_member_string (address, "mobile", &mobile);
  pp_member_string (address, "phone", &phone);
  if (mobile == NULL && phone == NULL)
    {
      pp_reply_invalid (call, "addressParam", "mobile or phone is required");
      return NULL;
    }
  return address;
}

static GArray *
parse_cargos (PpCall *call)
{
  const char *name = "cargoParamList";
  JsonNode *node = json_object_get_member (call->body, name);
  g_autoptr(GArray) cargos = g_array_new (FALSE, TRUE, sizeof (PpNewCargo));
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length ((array = json_node_get_array (node))) == 0 ||
      json_array_get_length (array) > MAX_LINES)
    {
      pp_reply_invalid (call, name, "must be an array of 1 to 50 cargos");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *offer;
      PpNewCargo cargo = { 0 };
      gint64 quantity;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          pp_reply_invalid (call, name, "every cargo must be an object");
          return NULL;
        }
      object = json_node_get_object (element);
      offer = json_object_get_member (object, "offerId");
      if (offer != NULL && pp_node_is_int (offer) && json_node_get_int (offer) > 0)
        {
          char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (offer));

          g_ptr_array_add (call->strings, text);
          cargo.offer_id = text;
        }
      else if (!pp_member_string (object, "offerId", &cargo.offer_id) || cargo.offer_id == NULL ||
               !pp_is_digits (cargo.offer_id, 20))
        {
          pp_reply_invalid (call, name, "offerId must be a number");
          return NULL;
        }
      if (!pp_member_string (object, "specId", &cargo.spec_id))
        {
          pp_reply_invalid (call, name, "specId must be a string");
          return NULL;
        }
      if (!pp_node_to_count (json_object_get_member (object, "quantity"), MAX_QUANTITY, &quantity) ||
          quantity == 0)
        {
          pp_reply_invalid (call, name, "quantity must be a whole number from 1 to 99999");
          return NULL;
        }
      cargo.quantity = (guint) quantity;
      g_array_append_val (cargos, cargo);
    }
  return g_steal_pointer (&cargos);
}

static void
api_1688_create (PpCall *call)
{
  static const char * const flows[] = { "general", "saleproxy", "fenxiao", "boutiquefenxiao", "boutiquepifa" };
  g_autoptr(GArray) cargos = NULL;
  const char *flow, *message, *trade_type;
  JsonObject *address;
  JsonNode *data = NULL;
  int code;

  if (!pp_read_json_body (call) ||
      !pp_text_param (call, "flow", FALSE, &flow) ||
      !pp_text_param (call, "message", FALSE, &message) ||
      !pp_text_param (call, "tradeType", FALSE, &trade_type) ||
      (address = parse_address (call)) == NULL ||
      (cargos = parse_cargos (call)) == NULL)
    return;
  if (flow == NULL)
    flow = "general";
  if (!g_strv_contains (flows, flow))
    {
      pp_reply_invalid (call, "flow", "must be general, saleproxy, fenxiao, boutiquefenxiao or boutiquepifa");
      return;
    }

  code = pp_shop_create_1688 (call->shop, flow, trade_type, message, address,
                              (const PpNewCargo *) (gpointer) cargos->data, cargos->len,
                              call->request->now_ms, &data);
  if (code == PP_CODE_INVALID)
    pp_reply_invalid (call, "cargoParamList", "no offer can be ordered (every offer is off the shelf)");
  else
    pp_reply_ok (call, data);
}

static void
api_1688_detail (PpCall *call)
{
  const char *order_id;
  JsonNode *data = NULL;
  int code;

  if (!pp_read_json_body (call) || !check_web_site (call) || !pp_id_param (call, "orderId", &order_id))
    return;
  code = pp_shop_1688_detail (call->shop, order_id, &data);
  pp_reply_result (call, code, data, "The order");
}

static void
api_1688_cancel (PpCall *call)
{
  static const char * const reasons[] = { "buyerCancel", "sellerGoodsLack", "other" };
  const char *order_id, *reason, *remark;
  JsonNode *data = NULL;
  int code;

  if (!pp_read_json_body (call) || !check_web_site (call) || !pp_id_param (call, "orderId", &order_id) ||
      !pp_text_param (call, "cancelReason", TRUE, &reason) || !pp_text_param (call, "remark", FALSE, &remark))
    return;
  if (!g_strv_contains (reasons, reason))
    {
      pp_reply_invalid (call, "cancelReason", "must be buyerCancel, sellerGoodsLack or other");
      return;
    }
  code = pp_shop_cancel_1688 (call->shop, order_id, call->request->now_ms, &data);
  pp_reply_result (call, code, data, "The order");
}

static void
api_1688_pay_url (PpCall *call)
{
  const char *order_id;
  JsonNode *data = NULL;
  int code;

  if (!pp_id_param (call, "orderId", &order_id))
    return;
  code = pp_shop_1688_pay_url (call->shop, order_id, dd_sandbox_get_base_url (call->self), &data);
  pp_reply_result (call, code, data, "The order");
}

/* The page a person opens in the browser: paying happens by opening it. */
static void
serve_pay_page (DdSandbox        *self,
                DdSandboxRequest *request)
{
  DdSandboxPpShop *shop = dd_sandbox_get_pp_shop (self);
  const char *order_id = request->path + strlen (DD_SANDBOX_PP_PAY_PAGE_PREFIX);
  const char *words;
  g_autofree char *page = NULL;
  int code;

  code = pp_is_digits (order_id, 32) ? pp_shop_pay_1688 (shop, order_id, request->now_ms) : PP_CODE_NOT_FOUND;
  words = code == PP_CODE_OK ? "支付成功：订单已付款，可以关闭此页面。"
          : code == PP_CODE_CONFLICT ? "该订单无需付款（已付款或已取消）。"
          : "订单不存在。";
  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>1688 支付 · Dingdan sandbox</title>"
                          "</head><body><h1>1688</h1><p>%s</p><p>%s</p></body></html>\n",
                          code == PP_CODE_NOT_FOUND ? "" : order_id, words);
  soup_server_message_set_status (request->msg, code == PP_CODE_NOT_FOUND ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "text/html;charset=UTF-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
}

/* ---- dispatch -------------------------------------------------------------------- */

static const struct
{
  const char *method;
  const char *path;
  gboolean    prefix;   /* the path continues with a parameter */
  PpApi       api;
} pp_apis[] = {
  { "POST", "/open/order", FALSE, api_create },
  { "GET", "/open/order/page", FALSE, api_page },
  { "GET", "/open/order/detail", FALSE, api_detail },
  { "POST", "/open/order/cancel", FALSE, api_cancel },
  { "POST", "/open/order/pay", FALSE, api_pay },
  { "POST", "/open/order/voucher", FALSE, api_voucher },
  { "GET", "/open/order/logistics/detail/get", FALSE, api_logistics },
  { "GET", "/open/order/refund/page", FALSE, api_refund_page },
  { "GET", "/open/order/refund/cancel/", TRUE, api_refund_cancel },
  { "POST", "/alibaba/order/create", FALSE, api_1688_create },
  { "POST", "/alibaba/order/detail", FALSE, api_1688_detail },
  { "POST", "/alibaba/order/cancel", FALSE, api_1688_cancel },
  { "GET", "/alibaba/order/pay/url", FALSE, api_1688_pay_url },
};

void
dd_sandbox_pp_handle (DdSandbox        *self,
                      DdSandboxRequest *request)
{
  const char *method;
  PpCall call = { 0 };
  guint ban;

  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (request != NULL);

  method = soup_server_message_get_method (request->msg);
  if (g_str_has_prefix (request->api_path, DD_SANDBOX_PP_PAY_PAGE_PREFIX) &&
      g_str_equal (method, SOUP_METHOD_GET))
    {
      dd_sandbox_count_request (self, DD_SANDBOX_PP_PAY_PAGE_PREFIX);
      serve_pay_page (self, request);
      return;
    }

  call.self = self;
  call.shop = dd_sandbox_get_pp_shop (self);
  call.request = request;
  call.strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (pp_apis); i++)
    {
      const char *path = pp_apis[i].path;

      if (!(pp_apis[i].prefix ? g_str_has_prefix (request->api_path, path)
                              : g_str_equal (request->api_path, path)) ||
          !g_str_equal (method, pp_apis[i].method))
        continue;

      /* dd-sandbox.c counts the path; a path with a parameter in it is
       * counted under its API name too. */
      if (pp_apis[i].prefix)
        dd_sandbox_count_request (self, path);
      if ((ban = dd_sandbox_check_rate_limit (self, request->now_ms)) > 0)
        {
          g_autofree char *msg =
            g_strdup_printf ("Request limit exceeded, this ban will last for %u more seconds", ban);

          pp_reply (&call, PP_CODE_RATE_LIMIT, msg, NULL);
        }
      else if (pp_check_headers (&call))
        pp_apis[i].api (&call);
      g_clear_pointer (&call.body, json_object_unref);
      g_ptr_array_unref (call.strings);
      return;
    }

  pp_reply (&call, PP_CODE_NOT_FOUND, "The API path does not exist", NULL);
  soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_FOUND, NULL);
  g_ptr_array_unref (call.strings);
}
