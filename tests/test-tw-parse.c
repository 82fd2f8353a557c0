/* test-tw-parse.c: Taobao Taiwan JSON into domain objects
 *
 * The seed JSON (tw-seeds.h) is the platform's own examples.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-tw-parse.h"
#include "tw-seeds.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static gint64
unix_ms (GDateTime *dt)
{
  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* @seed with result.model_list[0].@member replaced by @value (JSON text),
 * or removed when @value is NULL. */
static char *
with_member (const char *seed,
             const char *member,
             const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *result;
  JsonObject *first;

  json_parser_load_from_data (parser, seed, -1, &error);
  g_assert_no_error (error);
  result = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "result");
  first = json_array_get_object_element (json_object_get_array_member (result, "model_list"), 0);

  if (value == NULL)
    {
      json_object_remove_member (first, member);
    }
  else
    {
      g_autoptr(JsonParser) value_parser = json_parser_new ();

      json_parser_load_from_data (value_parser, value, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (first, member, json_node_copy (json_parser_get_root (value_parser)));
    }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
assert_seed_order (DdOrder *order)
{
  const DdDeliveryInfo *delivery;
  g_autofree char *total = NULL;
  g_autofree char *shipping = NULL;

  g_assert_cmpstr (dd_order_get_platform (order), ==, DD_PLATFORM_TW);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "558757367941");
  g_assert_cmpstr (dd_order_get_buyer_id (order), ==, "2000007867941");
  /* Kept as served, trailing space included. */
  g_assert_cmpstr (dd_order_get_buyer_name (order), ==, "abbyh ");
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, "ready_to_ship");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpstr (dd_order_get_payment_channel (order), ==, "CAINIAO_HILIFE_COD");
  g_assert_cmpint (dd_order_get_payment_kind (order), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_true (dd_order_is_cash_on_delivery (order));

  total = dd_money_to_decimal (dd_order_get_total (order));
  g_assert_cmpstr (total, ==, "62.00");
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "TWD");
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 6200);
  shipping = dd_money_to_decimal (dd_order_get_shipping_fee (order));
  g_assert_cmpstr (shipping, ==, "52.00");

  g_assert_cmpint (unix_ms (dd_order_get_created (order)), ==, G_GINT64_CONSTANT (1592988843859));
  g_assert_cmpint (unix_ms (dd_order_get_modified (order)), ==, G_GINT64_CONSTANT (1592990587586));

  delivery = dd_order_get_delivery (order);
  g_assert_nonnull (delivery);
  g_assert_cmpstr (delivery->receiver_name, ==, "黃**雲");
  g_assert_cmpstr (delivery->receiver_phone, ==, "09******62");
  g_assert_cmpstr (delivery->city, ==, "台北市");
  g_assert_cmpstr (delivery->area, ==, "松山區");
  g_assert_cmpstr (delivery->state, ==, "台灣");
  g_assert_cmpstr (delivery->country_code, ==, "CN");
  g_assert_cmpstr (delivery->detail_address, ==, "台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店");
}

static void
assert_seed_line (DdOrderLine *line)
{
  const DdSkuProperty *prop;
  const DdShipment *shipment;

  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, "558757467941");
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, "558757367941");
  g_assert_cmpstr (dd_order_line_get_title (line), ==, "親膚棉白T");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "3065252106");
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "242178746");
  g_assert_cmpstr (dd_order_line_get_image_url (line), ==,
                   "https://img-ovs.alicdn.com/other/gsp/e4b96b68d61f18a93aaab544d278b8ef.jpeg");
  g_assert_cmpstr (dd_order_line_get_detail_url (line), ==,
                   "https://item.taobao.tw/products/i242178746-s3065252106.html?urlFlag=true&mp=1");
  g_assert_cmpstr (dd_order_line_get_raw_status (line), ==, "ready_to_ship");
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 1);
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 1000);
  g_assert_cmpstr (dd_order_line_get_unit_fee (line)->currency, ==, "TWD");
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 6200);

  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 2);
  prop = dd_order_line_get_sku_property (line, 0);
  g_assert_cmpstr (prop->name, ==, "色系");
  g_assert_cmpstr (prop->value, ==, "黑色");
  prop = dd_order_line_get_sku_property (line, 1);
  g_assert_cmpstr (prop->name, ==, "產品尺寸");
  g_assert_cmpstr (prop->value, ==, "50");

  g_assert_cmpuint (dd_order_line_get_n_shipments (line), ==, 2);
  shipment = dd_order_line_get_shipment (line, 0);
  g_assert_cmpstr (shipment->order_no, ==, "1");
  g_assert_null (shipment->tracking_number);
  g_assert_null (shipment->logistics_id);
  shipment = dd_order_line_get_shipment (line, 1);
  g_assert_cmpstr (shipment->order_no, ==, "2");
  g_assert_cmpstr (shipment->tracking_number, ==, "20KXH23050207");
  g_assert_cmpstr (shipment->logistics_id, ==, "LP00184048254522");
}

/* ------------------------------------------------------------------ */
/* Seeds                                                               */

static void
test_orders_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) line_ids = NULL;
  g_autoptr(GPtrArray) raw_orders = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(JsonNode) raw = NULL;
  DdOrder *second;

  page = dd_tw_parse_orders_page_full (SEED_ORDERS_PAGE, strlen (SEED_ORDERS_PAGE),
                                       &line_ids, &raw_orders, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->orders->len, ==, 2);
  g_assert_cmpuint (page->total_count, ==, 12);
  g_assert_cmpuint (page->page, ==, 1);
  g_assert_cmpuint (page->page_size, ==, 2);
  g_assert_cmpstr (page->request_id, ==, "0b1196a615934150810894026");

  assert_seed_order (g_ptr_array_index (page->orders, 0));
  g_assert_cmpuint (dd_order_get_n_lines (g_ptr_array_index (page->orders, 0)), ==, 0);

  second = g_ptr_array_index (page->orders, 1);
  g_assert_cmpstr (dd_order_get_order_id (second), ==, "546108399700");
  g_assert_cmpstr (dd_order_get_payment_channel (second), ==, "CAINIAO_SEVENELEVN_COD");
  g_assert_cmpint (dd_order_get_total (second)->minor, ==, 12100);
  g_assert_cmpint (dd_order_get_shipping_fee (second)->minor, ==, 6000);

  /* Line ids, unquoted, in page order. */
  g_assert_cmpuint (line_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (line_ids, 0), ==, "558757467941");
  g_assert_cmpstr (g_ptr_array_index (line_ids, 1), ==, "546108499700");

  /* Raw JSON: the model_list object. */
  g_assert_cmpuint (raw_orders->len, ==, 2);
  raw = dd_json_parse_object (dd_order_get_raw_json (g_ptr_array_index (page->orders, 0)), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (raw), "trade_order_id"), ==,
                   "558757367941");
}

static void
test_orders_page_simple (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  /* The incremental example: one order in a modification window. */
  page = dd_tw_parse_orders_page (SEED_ORDERS_WINDOW, strlen (SEED_ORDERS_WINDOW), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, ==, 1);
  g_assert_cmpuint (page->total_count, ==, 1);
  assert_seed_order (g_ptr_array_index (page->orders, 0));
}

static void
test_order_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) raw_lines = NULL;
  guint64 total = 0;

  lines = dd_tw_parse_order_items (SEED_ORDER_ITEMS, strlen (SEED_ORDER_ITEMS),
                                   &total, &raw_lines, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (raw_lines->len, ==, 1);
  assert_seed_line (g_ptr_array_index (lines, 0));
}

static void
test_order_get (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) again = NULL;
  const char *raw;

  order = dd_tw_parse_order (SEED_ORDER_GET, strlen (SEED_ORDER_GET), &error);
  g_assert_no_error (error);
  assert_seed_order (order);
  g_assert_cmpstr (dd_order_get_seller_name (order), ==, "台灣淘寶測試店鋪");
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  assert_seed_line (dd_order_get_line (order, 0));

  /* Raw JSON is the module, which reads back the same. */
  raw = dd_order_get_raw_json (order);
  g_assert_nonnull (strstr (raw, "trade_order_line_list"));
  g_assert_null (strstr (raw, "request_id"));
  again = dd_tw_parse_order_module (raw, strlen (raw), &error);
  g_assert_no_error (error);
  assert_seed_order (again);
  g_assert_cmpuint (dd_order_get_n_lines (again), ==, 1);
  assert_seed_line (dd_order_get_line (again, 0));
  g_assert_cmpstr (dd_order_get_raw_json (again), ==, raw);
}

/* The list's orders get the module shape once lines are attached; it must
 * parse back to the same order and lines. */
static void
test_module_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) raw_orders = NULL;
  g_autoptr(GPtrArray) raw_lines = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) bare = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *module = NULL;
  g_autofree char *empty = NULL;
  JsonObject *object;

  page = dd_tw_parse_orders_page_full (SEED_ORDERS_PAGE, strlen (SEED_ORDERS_PAGE),
                                       NULL, &raw_orders, &error);
  g_assert_no_error (error);
  lines = dd_tw_parse_order_items (SEED_ORDER_ITEMS, strlen (SEED_ORDER_ITEMS),
                                   NULL, &raw_lines, &error);
  g_assert_no_error (error);

  module = dd_tw_build_module_json (json_node_get_object (g_ptr_array_index (raw_orders, 0)),
                                    raw_lines);
  order = dd_tw_parse_order_module (module, strlen (module), &error);
  g_assert_no_error (error);
  assert_seed_order (order);
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  assert_seed_line (dd_order_get_line (order, 0));
  g_assert_cmpstr (dd_order_get_raw_json (order), ==, module);

  /* The shape: the order's members plus the line list. */
  root = dd_json_parse_object (module, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "trade_order_line_id_list"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "trade_order_line_list")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "creation_time"), ==, G_GINT64_CONSTANT (1592988843859));

  /* No lines: an empty list, still an order. */
  empty = dd_tw_build_module_json (json_node_get_object (g_ptr_array_index (raw_orders, 1)), NULL);
  bare = dd_tw_parse_order_module (empty, strlen (empty), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (bare), ==, "546108399700");
  g_assert_cmpuint (dd_order_get_n_lines (bare), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */

static void
assert_page_fails (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) line_ids = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  page = dd_tw_parse_orders_page (json, strlen (json), &line_ids, &error);
  g_assert_null (page);
  g_assert_null (line_ids);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

static void
assert_items_fail (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  lines = dd_tw_parse_order_items (json, strlen (json), NULL, NULL, &error);
  g_assert_null (lines);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

static void
test_order_wrong_types (void)
{
  static const struct {
    const char *member;
    const char *value; /* NULL: removed */
  } cases[] = {
    { "trade_order_id", "true" },
    { "trade_order_id", "1.5" },
    { "trade_order_id", "{}" },
    { "trade_order_id", "\"\"" },
    { "trade_order_id", "-5" },
    { "trade_order_id", NULL },
    { "buyer_id", "[]" },
    { "buyer_full_name", "5" },
    { "seller_full_name", "{}" },
    { "actual_fee", "[]" },
    { "actual_fee", "\"abc\"" },
    { "actual_fee", "\"1.234\"" },
    { "actual_fee", "62.5" },
    { "actual_fee", NULL },
    { "actual_fee_currency_code", "1" },
    { "shipping_fee", "true" },
    { "actual_shipping_fee", "{}" },
    { "payment_channel", "1" },
    { "status", "5" },
    { "status", NULL },
    { "creation_time", "\"yesterday\"" },
    { "creation_time", "1.5" },
    { "modification_time", "[]" },
    { "delivery_info", "\"台北市\"" },
    { "delivery_info", "{\"city\": 5}" },
    { "trade_order_line_id_list", "\"558757467941\"" },
    { "trade_order_line_id_list", "[{}]" },
    { "trade_order_line_id_list", "[true]" },
    { "trade_order_line_id_list", "[\"\\\"\\\"\"]" },
    { "trade_order_line_list", "{}" },
    { "trade_order_line_list", "[5]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = with_member (SEED_ORDERS_PAGE, cases[i].member, cases[i].value);

      g_test_message ("%s = %s", cases[i].member, cases[i].value ? cases[i].value : "(removed)");
      assert_page_fails (json);
    }
}

static void
test_line_wrong_types (void)
{
  static const struct {
    const char *member;
    const char *value;
  } cases[] = {
    { "trade_order_line_id", NULL },
    { "trade_order_line_id", "false" },
    { "trade_order_id", NULL },
    { "product_title", "[]" },
    { "product_main_image", "1" },
    { "sku_id", "{}" },
    { "quantity", "\"1\"" },
    { "quantity", "-1" },
    { "quantity", "1.5" },
    { "quantity", "99999999999" },
    { "quantity", NULL },
    { "unit_fee", "true" },
    { "unit_fee_currency_code", "[]" },
    { "actual_fee", "\"-\"" },
    { "shipment_list", "\"x\"" },
    { "shipment_list", "[1]" },
    { "shipment_list", "[{\"order_no\": true}]" },
    { "shipment_list", "[{\"tracking_number\": 5}]" },
    { "sku_info", "5" },
    { "sku_info", "[]" },
    { "sku_info", "\"[\"" },
    { "sku_info", "\"{}\"" },
    { "sku_info", "\"[1]\"" },
    { "sku_info", "\"[{\\\"propertyName\\\": 1, \\\"valueText\\\": \\\"x\\\"}]\"" },
    { "sku_info", "\"[{\\\"propertyName\\\": \\\"色系\\\"}]\"" },
    { "sku_info", "\"not json\"" },
    { "status", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = with_member (SEED_ORDER_ITEMS, cases[i].member, cases[i].value);

      g_test_message ("%s = %s", cases[i].member, cases[i].value ? cases[i].value : "(removed)");
      assert_items_fail (json);
    }
}

static void
test_optional_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *no_channel = with_member (SEED_ORDERS_PAGE, "payment_channel", NULL);
  g_autofree char *null_delivery = with_member (SEED_ORDERS_PAGE, "delivery_info", "null");
  g_autofree char *empty_sku = with_member (SEED_ORDER_ITEMS, "sku_info", "\"\"");
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(DdOrderPage) page2 = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  page = dd_tw_parse_orders_page (no_channel, strlen (no_channel), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_payment_kind (g_ptr_array_index (page->orders, 0)), ==,
                   DD_PAYMENT_KIND_UNKNOWN);

  page2 = dd_tw_parse_orders_page (null_delivery, strlen (null_delivery), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (dd_order_get_delivery (g_ptr_array_index (page2->orders, 0)));

  lines = dd_tw_parse_order_items (empty_sku, strlen (empty_sku), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (g_ptr_array_index (lines, 0)), ==, 0);
}

static void
test_fees (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *no_actual = with_member (SEED_ORDERS_PAGE, "actual_shipping_fee", NULL);
  g_autofree char *no_currency = with_member (SEED_ORDERS_PAGE, "actual_fee_currency_code", NULL);
  g_autofree char *usd = with_member (SEED_ORDERS_PAGE, "actual_fee_currency_code", "\"USD\"");
  g_autofree char *cents = with_member (SEED_ORDERS_PAGE, "actual_fee", "\"200.07\"");
  g_autoptr(DdOrderPage) p1 = NULL;
  g_autoptr(DdOrderPage) p2 = NULL;
  g_autoptr(DdOrderPage) p3 = NULL;
  g_autoptr(DdOrderPage) p4 = NULL;
  g_autofree char *modified = NULL;
  g_autoptr(DdOrderPage) p5 = NULL;
  DdOrder *order;

  /* actual_shipping_fee wins; shipping_fee is the fallback. */
  modified = with_member (SEED_ORDERS_PAGE, "actual_shipping_fee", "\"40\"");
  p5 = dd_tw_parse_orders_page (modified, strlen (modified), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_shipping_fee (g_ptr_array_index (p5->orders, 0))->minor, ==, 4000);

  g_clear_pointer (&modified, g_free);
  modified = with_member (no_actual, "shipping_fee", "\"55\"");
  p1 = dd_tw_parse_orders_page (modified, strlen (modified), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_shipping_fee (g_ptr_array_index (p1->orders, 0))->minor, ==, 5500);

  /* No currency code: TWD. */
  p2 = dd_tw_parse_orders_page (no_currency, strlen (no_currency), NULL, &error);
  g_assert_no_error (error);
  order = g_ptr_array_index (p2->orders, 0);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "TWD");

  p3 = dd_tw_parse_orders_page (usd, strlen (usd), NULL, &error);
  g_assert_no_error (error);
  order = g_ptr_array_index (p3->orders, 0);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "USD");
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 6200);

  p4 = dd_tw_parse_orders_page (cents, strlen (cents), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_total (g_ptr_array_index (p4->orders, 0))->minor, ==, 20007);
}

static void
test_huge_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as_string = with_member (SEED_ORDERS_PAGE, "trade_order_id", "\"98765432109876543210\"");
  g_autofree char *above_2_53 = with_member (SEED_ORDERS_PAGE, "trade_order_id", "9007199254740993");
  g_autofree char *max_int64 = with_member (SEED_ORDERS_PAGE, "buyer_id", "9223372036854775807");
  g_autoptr(DdOrderPage) p1 = NULL;
  g_autoptr(DdOrderPage) p2 = NULL;
  g_autoptr(DdOrderPage) p3 = NULL;
  const char *beyond_int64 =
    "{\"code\":\"0\",\"result\":{\"model_list\":[{\"trade_order_id\":92233720368547758070,"
    "\"actual_fee\":\"1\",\"status\":\"unpaid\"}]}}";

  p1 = dd_tw_parse_orders_page (as_string, strlen (as_string), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (p1->orders, 0)), ==, "98765432109876543210");

  p2 = dd_tw_parse_orders_page (above_2_53, strlen (above_2_53), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (p2->orders, 0)), ==, "9007199254740993");

  p3 = dd_tw_parse_orders_page (max_int64, strlen (max_int64), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_buyer_id (g_ptr_array_index (p3->orders, 0)), ==, "9223372036854775807");

  /* Beyond gint64 an integer cannot be kept exact: refused, not wrapped. */
  assert_page_fails (beyond_int64);
}

static void
test_envelope_shapes (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[]",
    "{}",
    "{\"code\": 0, \"result\": {}}",
    "{\"code\": \"0\"}",
    "{\"code\": \"0\", \"result\": []}",
    "{\"code\": \"0\", \"result\": \"ok\"}",
    "{\"code\": \"0\", \"result\": {\"model_list\": {}}}",
    "{\"code\": \"0\", \"result\": {\"model_list\": [1]}}",
    "{\"code\": \"0\", \"result\": {\"model_list\": [], \"total_count\": -1}}",
    "{\"code\": \"0\", \"result\": {\"model_list\": [], \"total_count\": \"12\"}}",
    "{\"code\": \"0\", \"result\": {\"model_list\": [], \"success\": \"true\"}}",
    "{\"code\": \"0\", \"request_id\": 5, \"result\": {\"model_list\": []}}",
    "{\"code\": \"0\", \"result\": {\"model_list\": [{\"trade_order_id\": \"1\\u0000\"}]}}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) empty = NULL;
  g_autoptr(DdOrderPage) failed = NULL;
  g_autoptr(DdOrder) order = NULL;
  const char *empty_page = "{\"code\": \"0\", \"result\": {\"success\": true, \"total_count\": 0}}";
  const char *not_success = "{\"code\": \"0\", \"result\": {\"success\": false, \"model_list\": []}}";
  const char *no_module = "{\"code\": \"0\", \"result\": {\"success\": true}}";

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      assert_page_fails (bad[i]);
    }

  /* NULL data (an empty GBytes) is an error too, not a crash. */
  failed = dd_tw_parse_orders_page (NULL, 0, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* An empty page needs no model_list. */
  empty = dd_tw_parse_orders_page (empty_page, strlen (empty_page), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->orders->len, ==, 0);
  g_assert_cmpuint (empty->total_count, ==, 0);

  g_clear_pointer (&failed, dd_order_page_free);
  failed = dd_tw_parse_orders_page (not_success, strlen (not_success), NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_SERVER);
  g_clear_error (&error);

  order = dd_tw_parse_order (no_module, strlen (no_module), &error);
  g_assert_null (order);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

static void
test_error_envelopes (void)
{
  static const struct {
    const char *type;
    const char *code;
    DdPlatformErrorCode expected;
    gboolean transient;
  } cases[] = {
    { "ISV", "IncompleteSignature", DD_PLATFORM_ERROR_AUTH, FALSE },
    { "ISV", "IllegalAccessToken", DD_PLATFORM_ERROR_AUTH, FALSE },
    { "ISV", "InvalidAppKey", DD_PLATFORM_ERROR_AUTH, FALSE },
    { "ISV", "InvalidTimestamp", DD_PLATFORM_ERROR_AUTH, FALSE },
    { "ISV", "ApiCallLimit", DD_PLATFORM_ERROR_RATE_LIMITED, TRUE },
    { "SYSTEM", "AppCallLimit", DD_PLATFORM_ERROR_RATE_LIMITED, TRUE },
    { "ISV", "MissingParameter", DD_PLATFORM_ERROR_INVALID_ARGUMENT, FALSE },
    { "ISV", "InvalidParameter", DD_PLATFORM_ERROR_INVALID_ARGUMENT, FALSE },
    { "ISV", "16", DD_PLATFORM_ERROR_NOT_FOUND, FALSE },
    { "ISV", "37", DD_PLATFORM_ERROR_NOT_FOUND, FALSE },
    { "ISP", "ServiceUnavailable", DD_PLATFORM_ERROR_SERVER, TRUE },
    { "SYSTEM", "InternalError", DD_PLATFORM_ERROR_SERVER, TRUE },
    { "ISV", "SomethingNew", DD_PLATFORM_ERROR_BAD_RESPONSE, FALSE },
    { NULL, "NoTypeAtAll", DD_PLATFORM_ERROR_BAD_RESPONSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *request_id = NULL;
      g_autofree char *json = NULL;

      if (cases[i].type != NULL)
        json = g_strdup_printf ("{\"type\": \"%s\", \"code\": \"%s\", \"message\": \"words of %s\","
                                " \"request_id\": \"req-%u\"}",
                                cases[i].type, cases[i].code, cases[i].code, i);
      else
        json = g_strdup_printf ("{\"code\": \"%s\", \"message\": \"words of %s\", \"request_id\": \"req-%u\"}",
                                cases[i].code, cases[i].code, i);

      g_test_message ("%s", json);
      root = dd_tw_parse_envelope (json, strlen (json), &request_id, &error);
      g_assert_null (root);
      g_assert_error (error, DD_PLATFORM_ERROR, (gint) cases[i].expected);
      g_assert_cmpint (dd_platform_error_is_transient (error), ==, cases[i].transient);
      g_assert_cmpstr (dd_platform_error_get_type_name (error), ==, cases[i].type);
      g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, cases[i].code);
      g_assert_true (g_str_has_prefix (dd_platform_error_get_platform_message (error), "words of "));
      g_assert_true (g_str_has_prefix (dd_platform_error_get_request_id (error), "req-"));
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_error_envelope_everywhere (void)
{
  const char *json = "{\"type\":\"ISV\",\"code\":\"IncompleteSignature\","
                     "\"message\":\"The request signature does not conform to platform standards\","
                     "\"request_id\":\"0ba2887315178178017221014\"}";
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(DdOrder) order = NULL;

  page = dd_tw_parse_orders_page (json, strlen (json), NULL, &e1);
  lines = dd_tw_parse_order_items (json, strlen (json), NULL, NULL, &e2);
  order = dd_tw_parse_order (json, strlen (json), &e3);
  g_assert_error (e1, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_error (e2, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_error (e3, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_request_id (e3), ==, "0ba2887315178178017221014");
}

static void
test_rate_limit_ban (void)
{
  const char *json = "{\"type\":\"ISV\",\"code\":\"ApiCallLimit\","
                     "\"message\":\"The request has exceeded the limit. This ban will last 3 more seconds\","
                     "\"request_id\":\"r\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dd_tw_parse_envelope (json, strlen (json), NULL, &error);

  g_assert_null (root);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 3);

  g_assert_cmpuint (dd_tw_parse_ban_seconds ("This ban will last for 120 more seconds"), ==, 120);
  g_assert_cmpuint (dd_tw_parse_ban_seconds ("This ban will last 1 more second"), ==, 1);
  g_assert_cmpuint (dd_tw_parse_ban_seconds ("too many requests"), ==, 0);
  g_assert_cmpuint (dd_tw_parse_ban_seconds (" more seconds"), ==, 0);
  g_assert_cmpuint (dd_tw_parse_ban_seconds (NULL), ==, 0);
  g_assert_cmpuint (dd_tw_parse_ban_seconds ("99999999999999999999 more seconds"), ==, G_MAXUINT);
}

static void
test_unquote (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "\"558757467941\"", "558757467941" },
    { "558757467941", "558757467941" },
    { "\"\"", "" },
    { "\"", "\"" },
    { "", "" },
    { "\"12", "\"12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = dd_tw_unquote_id (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_payment_kind (void)
{
  g_assert_cmpint (dd_tw_payment_kind_from_channel ("CAINIAO_HILIFE_COD"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_tw_payment_kind_from_channel ("CAINIAO_SEVENELEVN_COD"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_tw_payment_kind_from_channel ("cainiao_family_cod"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_tw_payment_kind_from_channel ("COD"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_tw_payment_kind_from_channel ("CREDIT_CARD"), ==, DD_PAYMENT_KIND_ONLINE);
  g_assert_cmpint (dd_tw_payment_kind_from_channel ("CODE_PAY"), ==, DD_PAYMENT_KIND_ONLINE);
  g_assert_cmpint (dd_tw_payment_kind_from_channel (""), ==, DD_PAYMENT_KIND_UNKNOWN);
  g_assert_cmpint (dd_tw_payment_kind_from_channel (NULL), ==, DD_PAYMENT_KIND_UNKNOWN);
}

static void
test_sku_info_direct (void)
{
  g_autoptr(DdOrderLine) line = dd_order_line_new ();
  g_autoptr(GError) error = NULL;

  /* A bad element after a good one leaves the line untouched. */
  g_assert_false (dd_tw_parse_sku_info ("[{\"propertyName\":\"a\",\"valueText\":\"b\"},{\"propertyName\":\"c\"}]",
                                        line, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 0);
  g_clear_error (&error);

  g_assert_true (dd_tw_parse_sku_info ("[{\"propertyName\":\"色系\",\"valueText\":\"黑色\",\"valueId\":-1}]",
                                       line, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/tw-parse/orders-page", test_orders_page);
  g_test_add_func ("/dingdan/tw-parse/orders-page-window", test_orders_page_simple);
  g_test_add_func ("/dingdan/tw-parse/order-items", test_order_items);
  g_test_add_func ("/dingdan/tw-parse/order-get", test_order_get);
  g_test_add_func ("/dingdan/tw-parse/module-round-trip", test_module_round_trip);
  g_test_add_func ("/dingdan/tw-parse/order-wrong-types", test_order_wrong_types);
  g_test_add_func ("/dingdan/tw-parse/line-wrong-types", test_line_wrong_types);
  g_test_add_func ("/dingdan/tw-parse/optional-members", test_optional_members);
  g_test_add_func ("/dingdan/tw-parse/fees", test_fees);
  g_test_add_func ("/dingdan/tw-parse/huge-ids", test_huge_ids);
  g_test_add_func ("/dingdan/tw-parse/envelope-shapes", test_envelope_shapes);
  g_test_add_func ("/dingdan/tw-parse/error-envelopes", test_error_envelopes);
  g_test_add_func ("/dingdan/tw-parse/error-envelope-everywhere", test_error_envelope_everywhere);
  g_test_add_func ("/dingdan/tw-parse/rate-limit-ban", test_rate_limit_ban);
  g_test_add_func ("/dingdan/tw-parse/unquote", test_unquote);
  g_test_add_func ("/dingdan/tw-parse/payment-kind", test_payment_kind);
  g_test_add_func ("/dingdan/tw-parse/sku-info", test_sku_info_direct);

  return g_test_run ();
}
