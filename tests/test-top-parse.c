/* test-top-parse.c: Taobao Open Platform JSON into domain objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-top-client.h"
#include "dd-top-parse.h"

/* 2^60 + 1 and 2^60 + 3: a double cannot tell them from 2^60. */
#define BIG_TID "1152921504606846977"
#define BIG_OID "1152921504606846979"

static const char trade_json[] =
  "{\"tid\":" BIG_TID ",\"status\":\"WAIT_SELLER_SEND_GOODS\",\"type\":\"cod\","
  "\"buyer_nick\":\"t**1\",\"seller_nick\":\"dingdan-shop\",\"payment\":\"200.07\","
  "\"post_fee\":\"10.00\",\"total_fee\":\"190.07\",\"created\":\"2024-07-04 10:00:00\","
  "\"modified\":\"2024-07-04 10:05:30\",\"pay_time\":\"2024-07-04 10:01:00\","
  "\"receiver_name\":\"张*\",\"receiver_mobile\":\"138****0000\",\"receiver_state\":\"浙江省\","
  "\"receiver_city\":\"杭州市\",\"receiver_district\":\"余杭区\",\"receiver_address\":\"文一西路***\","
  "\"receiver_zip\":\"310000\","
  "\"orders\":{\"order\":["
  "{\"oid\":" BIG_OID ",\"title\":\"T恤\",\"price\":\"95.00\",\"num\":2,\"sku_id\":\"5000000001\","
  "\"sku_properties_name\":\"颜色分类:黑色;尺码:XL\",\"pic_path\":\"https://img.example/1.jpg\","
  "\"num_iid\":600000000001,\"status\":\"WAIT_SELLER_SEND_GOODS\",\"payment\":\"190.07\","
  "\"refund_status\":\"NO_REFUND\"},"
  "{\"oid\":2,\"title\":\"袜子\",\"price\":\"0.07\",\"num\":1,\"sku_id\":\"\","
  "\"num_iid\":600000000002,\"status\":\"WAIT_BUYER_CONFIRM_GOODS\",\"payment\":\"0.07\","
  "\"logistics_company\":\"中通快递\",\"invoice_no\":\"ZT1234567890\"}]}}";

static const char pc_order_json[] =
  "{\"biz_order_id\":\"4000000000000000001\",\"out_order_id\":\"dd-key-1\",\"contract_no\":\"HT001\","
  "\"buyer_id\":2200000001,\"status\":\"WAIT_BUYER_PAY\",\"pay_status\":1,\"logistics_status\":1,"
  "\"total_fee\":\"200.07\",\"post_fee\":\"10.00\",\"created\":\"2024-01-01 00:30:00\","
  "\"modified\":\"2024-01-01 00:30:00\",\"remark\":\"urgent\","
  "\"items\":{\"order_item\":[{\"sub_order_id\":\"4000000000000000002\",\"item_id\":600000000001,"
  "\"sku_id\":700000000001,\"title\":\"打印纸\",\"quantity\":2,\"unit_price\":\"95.03\","
  "\"pic_url\":\"https://img.example/p.jpg\",\"sku_properties_name\":\"规格:A4\"}]},"
  "\"address\":{\"consignee_name\":\"李*\",\"mobile_phone\":\"139****1111\","
  "\"address_detail\":\"浙江省杭州市余杭区***\"}}";

static gint64
unix_s (GDateTime *dt)
{
  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

/* Sets the desktop's zone, and proves libc took it. */
static void
set_zone (const char *tz,
          long        expected_offset_s)
{
  time_t t = 1720058400; /* 2024-07-04 02:00 UTC: summer in New York */
  struct tm tm;

  g_setenv ("TZ", tz, TRUE);
  tzset ();
  localtime_r (&t, &tm);
  g_assert_cmpint (tm.tm_gmtoff, ==, expected_offset_s);
}

/* @json with member @member of its root object replaced by @value (JSON
 * text), or removed when @value is NULL. */
static char *
with_member (const char *json,
             const char *member,
             const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  if (value == NULL)
    {
      json_object_remove_member (root, member);
    }
  else
    {
      g_autoptr(JsonParser) value_parser = json_parser_new ();

      json_parser_load_from_data (value_parser, value, -1, &error);
      g_assert_no_error (error);
      json_object_set_member (root, member, json_node_copy (json_parser_get_root (value_parser)));
    }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* The success or error envelope @json for @method, checked. */
static JsonNode *
envelope (const char  *json,
          const char  *method,
          JsonObject **response,
          char       **request_id,
          GError     **error)
{
  return dd_top_parse_envelope (json, strlen (json), method, response, request_id, error);
}

/* ------------------------------------------------------------------ */
/* Statuses: one test per value                                        */

typedef struct
{
  const char    *raw;
  DdOrderStatus  status;
} StatusCase;

static const StatusCase status_cases[] = {
  { "TRADE_NO_CREATE_PAY",      DD_ORDER_STATUS_UNPAID },
  { "WAIT_BUYER_PAY",           DD_ORDER_STATUS_UNPAID },
  { "PAY_PENDING",              DD_ORDER_STATUS_UNPAID },
  { "WAIT_PRE_AUTH_CONFIRM",    DD_ORDER_STATUS_UNPAID },
  { "WAIT_SELLER_SEND_GOODS",   DD_ORDER_STATUS_TO_SHIP },
  { "PAID_FORBID_CONSIGN",      DD_ORDER_STATUS_TO_SHIP },
  { "SELLER_CONSIGNED_PART",    DD_ORDER_STATUS_SHIPPED },
  { "WAIT_BUYER_CONFIRM_GOODS", DD_ORDER_STATUS_SHIPPED },
  { "TRADE_BUYER_SIGNED",       DD_ORDER_STATUS_COMPLETED },
  { "TRADE_FINISHED",           DD_ORDER_STATUS_COMPLETED },
  { "TRADE_CLOSED",             DD_ORDER_STATUS_CLOSED },
  { "TRADE_CLOSED_BY_TAOBAO",   DD_ORDER_STATUS_CLOSED },
  { "trade_finished",           DD_ORDER_STATUS_UNKNOWN },  /* case matters */
  { "ALL_WAIT_PAY",             DD_ORDER_STATUS_UNKNOWN },  /* a query filter, not a status */
  { "",                         DD_ORDER_STATUS_UNKNOWN },
};

static void
test_status (gconstpointer data)
{
  const StatusCase *c = data;
  g_autofree char *json = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", c->raw);
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dd_top_status_from_raw (c->raw), ==, c->status);

  /* And through a whole trade. */
  json = with_member (trade_json, "status", quoted);
  order = dd_top_parse_trade_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (order), ==, c->status);
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, c->raw);
}

static void
test_status_null (void)
{
  g_assert_cmpint (dd_top_status_from_raw (NULL), ==, DD_ORDER_STATUS_UNKNOWN);
}

typedef struct
{
  const char    *raw;
  gint64         pay_status;
  DdOrderStatus  status;
} PcStatusCase;

static const PcStatusCase pc_status_cases[] = {
  /* Every pay_status with an unpaid word, then with a paid word. */
  { "WAIT_BUYER_PAY",         1, DD_ORDER_STATUS_UNPAID },
  { "WAIT_BUYER_PAY",         2, DD_ORDER_STATUS_UNPAID },     /* word wins for 2 */
  { "WAIT_BUYER_PAY",         4, DD_ORDER_STATUS_AFTER_SALE },
  { "WAIT_BUYER_PAY",         6, DD_ORDER_STATUS_UNPAID },
  { "WAIT_BUYER_PAY",         7, DD_ORDER_STATUS_UNPAID },
  { "WAIT_BUYER_PAY",         8, DD_ORDER_STATUS_CLOSED },
  { "WAIT_BUYER_PAY",         9, DD_ORDER_STATUS_UNPAID },
  { "WAIT_SELLER_SEND_GOODS", 2, DD_ORDER_STATUS_TO_SHIP },
  { "WAIT_BUYER_CONFIRM_GOODS", 2, DD_ORDER_STATUS_SHIPPED },
  { "TRADE_FINISHED",         6, DD_ORDER_STATUS_COMPLETED },
  { "WAIT_SELLER_SEND_GOODS", 4, DD_ORDER_STATUS_AFTER_SALE },
  { "TRADE_CLOSED",           4, DD_ORDER_STATUS_CLOSED },     /* refunded in full, closed */
  { "TRADE_CLOSED",           7, DD_ORDER_STATUS_CLOSED },
  { "TRADE_FINISHED",         8, DD_ORDER_STATUS_CLOSED },
  /* No known word: pay_status alone. */
  { NULL,                     1, DD_ORDER_STATUS_UNPAID },
  { NULL,                     2, DD_ORDER_STATUS_TO_SHIP },
  { NULL,                     4, DD_ORDER_STATUS_AFTER_SALE },
  { NULL,                     6, DD_ORDER_STATUS_TO_SHIP },
  { NULL,                     7, DD_ORDER_STATUS_UNPAID },
  { NULL,                     8, DD_ORDER_STATUS_CLOSED },
  { NULL,                     9, DD_ORDER_STATUS_UNPAID },
  { NULL,                     0, DD_ORDER_STATUS_UNKNOWN },
  { NULL,                     3, DD_ORDER_STATUS_UNKNOWN },
  { "WAIT_SELLER_SEND_GOODS", 0, DD_ORDER_STATUS_TO_SHIP },
};

static void
test_pc_status (gconstpointer data)
{
  const PcStatusCase *c = data;
  g_autofree char *with_status = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pay = g_strdup_printf ("%" G_GINT64_FORMAT, c->pay_status);
  g_autofree char *quoted = c->raw != NULL ? g_strdup_printf ("\"%s\"", c->raw) : NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dd_top_pc_status_from_raw (c->raw, c->pay_status), ==, c->status);

  with_status = with_member (pc_order_json, "status", quoted);
  json = with_member (with_status, "pay_status", c->pay_status != 0 ? pay : NULL);
  order = dd_top_pc_parse_order_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (order), ==, c->status);
}

/* ------------------------------------------------------------------ */
/* Trades                                                              */

static void
test_trade (void)
{
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  g_autofree char *shipping = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *sku = NULL;
  const DdDeliveryInfo *delivery;
  DdOrderLine *line;
  const DdShipment *shipment;

  order = dd_top_parse_trade_json (trade_json, strlen (trade_json), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (dd_order_get_platform (order), ==, DD_PLATFORM_TOP);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, BIG_TID);
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, "WAIT_SELLER_SEND_GOODS");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpstr (dd_order_get_buyer_name (order), ==, "t**1");
  g_assert_cmpstr (dd_order_get_seller_name (order), ==, "dingdan-shop");
  g_assert_cmpstr (dd_order_get_payment_channel (order), ==, "cod");
  g_assert_true (dd_order_is_cash_on_delivery (order));

  total = dd_money_to_decimal (dd_order_get_total (order));
  g_assert_cmpstr (total, ==, "200.07");
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 20007);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "CNY");
  shipping = dd_money_to_decimal (dd_order_get_shipping_fee (order));
  g_assert_cmpstr (shipping, ==, "10.00");

  g_assert_cmpint (unix_s (dd_order_get_created (order)), ==, 1720058400);
  g_assert_cmpint (unix_s (dd_order_get_modified (order)), ==, 1720058730);
  g_assert_cmpint (unix_s (dd_order_get_paid (order)), ==, 1720058460);

  delivery = dd_order_get_delivery (order);
  g_assert_nonnull (delivery);
  g_assert_cmpstr (delivery->receiver_name, ==, "张*");
  g_assert_cmpstr (delivery->receiver_phone, ==, "138****0000");
  g_assert_cmpstr (delivery->state, ==, "浙江省");
  g_assert_cmpstr (delivery->city, ==, "杭州市");
  g_assert_cmpstr (delivery->area, ==, "余杭区");
  g_assert_cmpstr (delivery->detail_address, ==, "文一西路***");
  g_assert_cmpstr (delivery->zip, ==, "310000");

  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 2);
  line = dd_order_get_line (order, 0);
  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, BIG_OID);
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, BIG_TID);
  g_assert_cmpstr (dd_order_line_get_title (line), ==, "T恤");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "5000000001");
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "600000000001");
  g_assert_cmpstr (dd_order_line_get_image_url (line), ==, "https://img.example/1.jpg");
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 2);
  unit = dd_money_to_decimal (dd_order_line_get_unit_fee (line));
  g_assert_cmpstr (unit, ==, "95.00");
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 19007);
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 2);
  g_assert_cmpstr (dd_order_line_get_sku_property (line, 0)->name, ==, "颜色分类");
  g_assert_cmpstr (dd_order_line_get_sku_property (line, 0)->value, ==, "黑色");
  g_assert_cmpstr (dd_order_line_get_sku_property (line, 1)->name, ==, "尺码");
  g_assert_cmpstr (dd_order_line_get_sku_property (line, 1)->value, ==, "XL");
  g_assert_cmpuint (dd_order_line_get_n_shipments (line), ==, 0);

  line = dd_order_get_line (order, 1);
  g_assert_null (dd_order_line_get_sku_id (line));  /* "" is no SKU */
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 7);
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 0);
  g_assert_cmpuint (dd_order_line_get_n_shipments (line), ==, 1);
  shipment = dd_order_line_get_shipment (line, 0);
  g_assert_cmpstr (shipment->tracking_number, ==, "ZT1234567890");
  g_assert_cmpstr (shipment->logistics_id, ==, "中通快递");

  sku = dd_order_line_format_sku_properties (dd_order_get_line (order, 0));
  g_assert_nonnull (strstr (sku, "XL"));
}

static void
test_trade_raw_round_trip (void)
{
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *raw;

  order = dd_top_parse_trade_json (trade_json, strlen (trade_json), &error);
  g_assert_no_error (error);
  raw = dd_order_get_raw_json (order);
  g_assert_nonnull (raw);
  /* The ids stay integers in the stored text, digit for digit. */
  g_assert_nonnull (strstr (raw, "\"tid\":" BIG_TID));
  g_assert_nonnull (strstr (raw, "\"oid\":" BIG_OID));

  again = dd_top_parse_trade_json (raw, strlen (raw), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (again), ==, BIG_TID);
  g_assert_cmpstr (dd_order_line_get_line_id (dd_order_get_line (again, 0)), ==, BIG_OID);
  g_assert_cmpint (dd_order_get_total (again)->minor, ==, 20007);
  g_assert_cmpstr (dd_order_get_raw_json (again), ==, raw);
}

static void
test_trade_minimal (void)
{
  static const char json[] = "{\"tid\":1,\"status\":\"WAIT_BUYER_PAY\",\"payment\":\"0.01\"}";
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = dd_top_parse_trade_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1");
  g_assert_null (dd_order_get_delivery (order));
  g_assert_null (dd_order_get_created (order));
  g_assert_null (dd_order_get_paid (order));
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 0);
  g_assert_cmpint (dd_order_get_payment_kind (order), ==, DD_PAYMENT_KIND_UNKNOWN);
  g_assert_null (dd_order_get_payment_channel (order));
}

/* The trade type is a kind of sale, not a way of paying: a paid "fixed"
 * trade went through Alipay, an unpaid one names no channel yet. */
static void
test_trade_channel (void)
{
  static const char paid[] = "{\"tid\":2,\"status\":\"WAIT_SELLER_SEND_GOODS\",\"type\":\"fixed\","
                             "\"payment\":\"9.90\",\"pay_time\":\"2024-07-04 10:01:00\"}";
  static const char unpaid[] = "{\"tid\":3,\"status\":\"WAIT_BUYER_PAY\",\"type\":\"fixed\","
                               "\"payment\":\"9.90\"}";
  g_autoptr(DdOrder) a = NULL;
  g_autoptr(DdOrder) b = NULL;
  g_autoptr(GError) error = NULL;

  a = dd_top_parse_trade_json (paid, strlen (paid), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_payment_channel (a), ==, "ALIPAY");
  g_assert_cmpint (dd_order_get_payment_kind (a), ==, DD_PAYMENT_KIND_ONLINE);

  b = dd_top_parse_trade_json (unpaid, strlen (unpaid), &error);
  g_assert_no_error (error);
  g_assert_null (dd_order_get_payment_channel (b));
}

static void
test_money_exact (void)
{
  static const char * const amounts[] = { "200.07", "0.01", "0.10", "99999999.99", "1" };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", amounts[i]);
      g_autofree char *json = with_member (trade_json, "payment", quoted);
      g_autoptr(DdOrder) order = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      DdMoney expected;

      order = dd_top_parse_trade_json (json, strlen (json), &error);
      g_assert_no_error (error);
      g_assert_true (dd_money_parse_decimal (amounts[i], "CNY", &expected, NULL));
      g_assert_true (dd_money_equal (dd_order_get_total (order), &expected));
      back = dd_money_to_decimal (dd_order_get_total (order));
      g_assert_true (g_str_has_prefix (back, amounts[i]));
    }
}

static void
test_sku_properties (void)
{
  static const struct {
    const char *text;
    guint       n;
    const char *name0;
    const char *value0;
  } cases[] = {
    { "颜色分类:黑色;尺码:XL", 2, "颜色分类", "黑色" },
    { "颜色分类:黑色;", 1, "颜色分类", "黑色" },
    { ";;", 0, NULL, NULL },
    { "", 0, NULL, NULL },
    { "规格:10:20", 1, "规格", "10:20" },
    { "均码", 1, "", "均码" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdOrderLine) line = dd_order_line_new ();

      dd_top_parse_sku_properties (cases[i].text, line);
      g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, cases[i].n);
      if (cases[i].n > 0)
        {
          g_assert_cmpstr (dd_order_line_get_sku_property (line, 0)->name, ==, cases[i].name0);
          g_assert_cmpstr (dd_order_line_get_sku_property (line, 0)->value, ==, cases[i].value0);
        }
    }
}

static void
test_payment_kind (void)
{
  g_assert_cmpint (dd_top_payment_kind_from_type ("cod"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_top_payment_kind_from_type ("b2c_cod"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_top_payment_kind_from_type ("super_market_cod_trade"), ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_cmpint (dd_top_payment_kind_from_type ("fixed"), ==, DD_PAYMENT_KIND_ONLINE);
  g_assert_cmpint (dd_top_payment_kind_from_type ("tmall_i18n"), ==, DD_PAYMENT_KIND_ONLINE);
  g_assert_cmpint (dd_top_payment_kind_from_type (""), ==, DD_PAYMENT_KIND_UNKNOWN);
  g_assert_cmpint (dd_top_payment_kind_from_type (NULL), ==, DD_PAYMENT_KIND_UNKNOWN);
}

/* ------------------------------------------------------------------ */
/* Times, whatever the desktop's zone                                  */

static void
check_times_in_zone (const char *tz,
                     long        offset_s)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) leap = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *midnight = NULL;
  g_autofree char *before_epoch = NULL;

  set_zone (tz, offset_s);

  /* 2024-07-04 02:00:00 UTC is 10:00 in Beijing. */
  text = dd_top_format_time_ms (G_GINT64_CONSTANT (1720058400000));
  g_assert_cmpstr (text, ==, "2024-07-04 10:00:00");
  /* Milliseconds are dropped, not rounded. */
  g_free (text);
  text = dd_top_format_time_ms (G_GINT64_CONSTANT (1720058400999));
  g_assert_cmpstr (text, ==, "2024-07-04 10:00:00");
  /* The date turns at 16:00 UTC. */
  midnight = dd_top_format_time_ms (G_GINT64_CONSTANT (1704040200000));
  g_assert_cmpstr (midnight, ==, "2024-01-01 00:30:00");
  before_epoch = dd_top_format_time_ms (-1);
  g_assert_cmpstr (before_epoch, ==, "1970-01-01 07:59:59");

  g_assert_true (dd_top_parse_time ("2024-07-04 10:00:00", "created", &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, 1720058400);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  g_assert_true (dd_top_parse_time ("2000-02-29 23:59:59", NULL, &leap, &error));
  g_assert_cmpint (g_date_time_to_unix (leap), ==, 951839999);

  order = dd_top_parse_trade_json (trade_json, strlen (trade_json), &error);
  g_assert_no_error (error);
  g_assert_cmpint (unix_s (dd_order_get_created (order)), ==, 1720058400);
}

/* Each zone in its own subprocess: setenv() before any thread exists. */
static void
test_times_new_york (void)
{
  if (g_test_subprocess ())
    {
      /* EDT in July: UTC-4. */
      check_times_in_zone ("America/New_York", -4 * 3600);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_times_utc (void)
{
  if (g_test_subprocess ())
    {
      check_times_in_zone ("UTC", 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

/* Found by fuzz/fuzz-time: a year before 1000 printed without its leading
 * zeros ("226-09-23 …"), which the parser then refused. */
static void
test_times_early_years (void)
{
  static const char * const texts[] = {
    "0226-09-23 22:15:25",
    "0001-01-01 08:00:00",
    "0999-12-31 23:59:59",
    "9999-12-31 23:59:59",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;

      g_assert_true (dd_top_parse_time (texts[i], NULL, &parsed, &error));
      g_assert_no_error (error);
      g_assert_nonnull (parsed);
      back = dd_top_format_time_ms (g_date_time_to_unix (parsed) * 1000);
      g_assert_cmpstr (back, ==, texts[i]);
    }
}

static void
test_times_invalid (void)
{
  static const char * const texts[] = {
    "2024-02-30 00:00:00",
    "2024-07-04T10:00:00",
    "2024-07-04 10:00",
    "2024-07-04 24:00:00",
    "2024-07-04 10:60:00",
    "2024-13-01 10:00:00",
    "2024-07-04 10:00:00Z",
    " 2024-07-04 10:00:0",
    "0000-01-01 00:00:00",
    /* Found by fuzz/fuzz-time: valid in UTC+8, before GDateTime's range in
     * UTC; it used to return TRUE with a NULL time. */
    "0001-01-01 07:59:59",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GDateTime) out = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (dd_top_parse_time (texts[i], "created", &out, &error));
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (out);
    }
}

/* ------------------------------------------------------------------ */
/* Hostile shapes                                                      */

static void
test_trade_wrong_types (void)
{
  static const struct {
    const char *member;
    const char *value;
  } cases[] = {
    { "tid", "1.5" },
    { "tid", "1e20" },
    { "tid", "{}" },
    { "tid", "-1" },
    { "tid", NULL },
    { "status", "3" },
    { "status", NULL },
    { "payment", "true" },
    { "payment", "\"2.001\"" },
    { "payment", "\"abc\"" },
    { "payment", NULL },
    { "post_fee", "[]" },
    { "created", "1720058400000" },
    { "created", "\"yesterday\"" },
    { "receiver_name", "5" },
    { "receiver_zip", "310000" },
    { "orders", "\"none\"" },
    { "orders", "{\"order\":{}}" },
    { "orders", "{\"order\":[1]}" },
    { "orders", "{\"order\":[{\"title\":\"no oid\",\"num\":1}]}" },
    { "orders", "{\"order\":[{\"oid\":1,\"num\":-1}]}" },
    { "orders", "{\"order\":[{\"oid\":1,\"num\":\"2\"}]}" },
    { "orders", "{\"order\":[{\"oid\":1,\"num\":1,\"price\":{}}]}" },
    { "orders", "{\"order\":[{\"oid\":1,\"num\":1,\"sku_id\":2.5}]}" },
    { "orders", "{\"order\":[{\"oid\":1,\"num\":1,\"sku_properties_name\":[]}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = with_member (trade_json, cases[i].member, cases[i].value);
      g_autoptr(DdOrder) order = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", cases[i].member, cases[i].value);
      order = dd_top_parse_trade_json (json, strlen (json), &error);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (order);
    }
}

static void
test_hostile_documents (void)
{
  static const char * const documents[] = {
    "",
    "[]",
    "null",
    "{\"tid\":",
    "{\"tid\":99999999999999999999,\"status\":\"WAIT_BUYER_PAY\",\"payment\":\"1\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) pc_error = NULL;
      g_autoptr(DdOrder) order = NULL;
      g_autoptr(DdOrder) pc_order = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *response = NULL;

      order = dd_top_parse_trade_json (documents[i], strlen (documents[i]), &error);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      pc_order = dd_top_pc_parse_order_json (documents[i], strlen (documents[i]), &pc_error);
      g_assert_error (pc_error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);

      g_clear_error (&error);
      root = envelope (documents[i], "taobao.time.get", &response, NULL, &error);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (root);
    }

  /* "\u0000" is not a reason to refuse the order (issue H): dd-json.c
   * shows it as U+FFFD, never silently cut short ("WAIT"). */
  {
    const char *nul = "{\"tid\":1,\"status\":\"WAIT\\u0000BUYER_PAY\",\"payment\":\"1\"}";
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = dd_top_parse_trade_json (nul, strlen (nul), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dd_order_get_raw_status (order), ==, "WAIT\xef\xbf\xbd" "BUYER_PAY");
  }
}

static void
test_pc_order_wrong_types (void)
{
  static const struct {
    const char *member;
    const char *value;
  } cases[] = {
    { "biz_order_id", NULL },
    { "biz_order_id", "\"\"" },
    { "biz_order_id", "[]" },
    { "pay_status", "\"1\"" },
    { "pay_status", "1.5" },
    { "status", "1" },
    { "total_fee", "\"1.234\"" },
    { "created", "\"2024/01/01 00:30:00\"" },
    { "address", "\"浙江\"" },
    { "address", "{\"consignee_name\":1}" },
    { "items", "7" },
    { "items", "{\"order_item\":[\"x\"]}" },
    { "items", "{\"order_item\":[{\"quantity\":1}]}" },
    { "items", "{\"order_item\":[{\"item_id\":1,\"quantity\":1,\"unit_price\":true}]}" },
    { "logistics_status", "{}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = with_member (pc_order_json, cases[i].member, cases[i].value);
      g_autoptr(DdOrder) order = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s = %s", cases[i].member, cases[i].value);
      order = dd_top_pc_parse_order_json (json, strlen (json), &error);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (order);
    }
}

/* ------------------------------------------------------------------ */
/* Envelopes                                                           */

static void
test_response_key (void)
{
  static const char * const cases[][2] = {
    { "taobao.pc.order.cancel", "pc_order_cancel_response" },
    { "taobao.trades.sold.get", "trades_sold_get_response" },
    { "taobao.trades.sold.increment.get", "trades_sold_increment_get_response" },
    { "taobao.pc.out.tower.order.create", "pc_out_tower_order_create_response" },
    { "taobao.time.get", "time_get_response" },
    { "alibaba.x.y", "alibaba_x_y_response" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = dd_top_response_key (cases[i][0]);

      g_assert_cmpstr (key, ==, cases[i][1]);
    }
}

static void
test_envelope_success (void)
{
  static const char json[] =
    "{\"time_get_response\":{\"time\":\"2024-07-04 10:00:00\",\"request_id\":\"rid-1\"}}";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *response = NULL;

  root = envelope (json, "taobao.time.get", &response, &request_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_cmpstr (request_id, ==, "rid-1");
  g_assert_cmpint (dd_top_parse_time_get (response, &error), ==, G_GINT64_CONSTANT (1720058400000));
  g_assert_no_error (error);

  /* Another method's response is not this one's. */
  g_clear_pointer (&root, json_node_unref);
  root = envelope (json, "taobao.trade.fullinfo.get", &response, NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_null (root);
}

typedef struct
{
  const char          *json;
  DdPlatformErrorCode  code;
  DdErrorAction        action;
  guint                retry_after;
  const char          *platform_code;
  const char          *sub_code;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\","
    "\"sub_code\":\"accesscontrol.limited-by-app-access-count\","
    "\"sub_msg\":\"This ban will last for 5 more seconds\",\"request_id\":\"r7\"}}",
    DD_PLATFORM_ERROR_RATE_LIMITED, DD_ERROR_ACTION_WAIT, 5, "7", "accesscontrol.limited-by-app-access-count" },
  { "{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\","
    "\"sub_msg\":\"This ban will last for 71312 more seconds\",\"request_id\":\"r7b\"}}",
    DD_PLATFORM_ERROR_RATE_LIMITED, DD_ERROR_ACTION_STOP, 71312, "7", NULL },
  { "{\"error_response\":{\"code\":25,\"msg\":\"Invalid signature\",\"request_id\":\"r25\"}}",
    DD_PLATFORM_ERROR_AUTH, DD_ERROR_ACTION_FINAL, 0, "25", NULL },
  { "{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\","
    "\"sub_code\":\"invalid-sessionkey\",\"request_id\":\"r27\"}}",
    DD_PLATFORM_ERROR_AUTH, DD_ERROR_ACTION_REAUTH, 0, "27", "invalid-sessionkey" },
  { "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\","
    "\"sub_code\":\"isp.top-remote-connection-timeout\",\"request_id\":\"r15\"}}",
    DD_PLATFORM_ERROR_SERVER, DD_ERROR_ACTION_RETRY, 0, "15", "isp.top-remote-connection-timeout" },
  { "{\"error_response\":{\"code\":40,\"msg\":\"Missing required arguments:tid\",\"request_id\":\"r40\"}}",
    DD_PLATFORM_ERROR_INVALID_ARGUMENT, DD_ERROR_ACTION_FINAL, 0, "40", NULL },
  { "{\"error_response\":{\"code\":50,\"msg\":\"Remote service error\","
    "\"sub_code\":\"isv.invalid-parameter\",\"sub_msg\":\"非法参数\",\"request_id\":\"r50\"}}",
    DD_PLATFORM_ERROR_INVALID_ARGUMENT, DD_ERROR_ACTION_FINAL, 0, "50", "isv.invalid-parameter" },
  { "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\","
    "\"sub_code\":\"isv.CLOSE_TRADE_TOO_FAST\",\"sub_msg\":\"交易创建10秒内不能关闭\"}}",
    DD_PLATFORM_ERROR_STATE_CONFLICT, DD_ERROR_ACTION_FINAL, 0, "15", "isv.CLOSE_TRADE_TOO_FAST" },
  /* A code served as a string is read the same way. */
  { "{\"error_response\":{\"code\":\"27\",\"msg\":\"Invalid session\"}}",
    DD_PLATFORM_ERROR_AUTH, DD_ERROR_ACTION_REAUTH, 0, "27", NULL },
};

static void
test_error_envelope (gconstpointer data)
{
  const ErrorCase *c = data;
  static const char * const methods[] = { "taobao.trades.sold.get", "taobao.pc.order.cancel" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *response = NULL;

      root = envelope (c->json, methods[i], &response, NULL, &error);
      g_assert_null (root);
      g_assert_error (error, DD_PLATFORM_ERROR, (gint) c->code);
      g_assert_cmpint (dd_error_table_get_action (error), ==, c->action);
      g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, c->retry_after);
      g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, c->platform_code);
      g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, c->sub_code);
    }
}

static void
test_error_envelope_platform_words (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *response = NULL;

  root = envelope (error_cases[0].json, "taobao.time.get", &response, NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "r7");
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==, "This ban will last for 5 more seconds");
  g_assert_true (dd_platform_error_is_transient (error));

  g_clear_error (&error);
  root = envelope (error_cases[2].json, "taobao.time.get", &response, NULL, &error);
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==, "Invalid signature");
  g_assert_false (dd_platform_error_is_transient (error));
}

static void
test_error_envelope_wrong_types (void)
{
  static const char * const documents[] = {
    "{\"error_response\":{\"code\":{},\"msg\":\"x\"}}",
    "{\"error_response\":{\"code\":7.5,\"msg\":\"x\"}}",
    "{\"error_response\":{\"code\":7,\"msg\":[]}}",
    "{\"error_response\":{\"code\":7,\"sub_msg\":5}}",
    "{\"error_response\":\"banned\"}",
    "{\"time_get_response\":[]}",
    "{\"time_get_response\":{\"time\":5}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *response = NULL;
      gint64 ms = 0;

      root = envelope (documents[i], "taobao.time.get", &response, NULL, &error);
      if (root != NULL)
        ms = dd_top_parse_time_get (response, &error);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_cmpint (ms, <=, 0);
    }
}

static void
test_business_failure (void)
{
  static const char json[] =
    "{\"pc_order_cancel_response\":{\"result\":{\"success\":false,"
    "\"error_code\":\"ORDER_STATUS_NOT_ALLOW_CANCEL\",\"error_msg\":\"订单状态不允许取消\"},"
    "\"request_id\":\"rb\"}}";
  static const char too_fast[] =
    "{\"trade_close_response\":{\"result\":{\"success\":false,"
    "\"error_code\":\"CLOSE_TRADE_TOO_FAST\",\"error_msg\":\"too fast\"},\"request_id\":\"rc\"}}";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *response = NULL;

  root = envelope (json, "taobao.pc.order.cancel", &response, &request_id, &error);
  g_assert_no_error (error);
  g_assert_false (dd_top_pc_parse_cancel (response, request_id, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_cmpstr (dd_platform_error_get_type_name (error), ==, "biz");
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "ORDER_STATUS_NOT_ALLOW_CANCEL");
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==, "订单状态不允许取消");
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "rb");

  g_clear_error (&error);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&request_id, g_free);
  root = envelope (too_fast, "taobao.trade.close", &response, &request_id, &error);
  g_assert_no_error (error);
  g_assert_false (dd_top_parse_close (response, request_id, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "CLOSE_TRADE_TOO_FAST");
}

/* ------------------------------------------------------------------ */
/* Pages and calls                                                     */

static DdOrderPage *
trades_page (const char *json,
             guint64     offset,
             GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *response = NULL;

  root = envelope (json, "taobao.trades.sold.get", &response, NULL, error);
  if (root == NULL)
    return NULL;

  return dd_top_parse_trades_page (response, offset, error);
}

static void
test_trades_page (void)
{
  g_autofree char *with_total = NULL;
  g_autofree char *has_next = NULL;
  g_autofree char *last = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  with_total = g_strdup_printf ("{\"trades_sold_get_response\":{\"total_results\":250,"
                                "\"trades\":{\"trade\":[%s,%s]},\"request_id\":\"p1\"}}",
                                trade_json, trade_json);
  page = trades_page (with_total, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, ==, 2);
  g_assert_cmpuint (page->total_count, ==, 250);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (page->orders, 1)), ==, BIG_TID);
  g_clear_pointer (&page, dd_order_page_free);

  /* use_has_next=true: no total, one more than seen while more follow. */
  has_next = g_strdup_printf ("{\"trades_sold_get_response\":{\"has_next\":true,"
                              "\"trades\":{\"trade\":[%s]},\"request_id\":\"p2\"}}", trade_json);
  page = trades_page (has_next, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->total_count, ==, 102);
  g_clear_pointer (&page, dd_order_page_free);

  last = g_strdup_printf ("{\"trades_sold_get_response\":{\"has_next\":false,"
                          "\"trades\":[%s],\"request_id\":\"p3\"}}", trade_json);
  page = trades_page (last, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->total_count, ==, 101);
  g_clear_pointer (&page, dd_order_page_free);

  /* An empty result omits "trades". */
  page = trades_page ("{\"trades_sold_get_response\":{\"total_results\":0,\"request_id\":\"p4\"}}", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, ==, 0);
  g_assert_cmpuint (page->total_count, ==, 0);
  g_clear_pointer (&page, dd_order_page_free);

  /* One bad trade spoils the page. */
  page = trades_page ("{\"trades_sold_get_response\":{\"trades\":{\"trade\":[{\"tid\":\"x\"}]}}}", 0, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_null (page);
}

static void
test_fullinfo_and_close (void)
{
  g_autofree char *fullinfo = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *response = NULL;

  fullinfo = g_strdup_printf ("{\"trade_fullinfo_get_response\":{\"trade\":%s,\"request_id\":\"f\"}}", trade_json);
  root = envelope (fullinfo, "taobao.trade.fullinfo.get", &response, NULL, &error);
  g_assert_no_error (error);
  order = dd_top_parse_fullinfo (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, BIG_TID);
  g_clear_pointer (&root, json_node_unref);

  root = envelope ("{\"trade_close_response\":{\"trade\":{\"tid\":" BIG_TID ",\"status\":\"TRADE_CLOSED\","
                   "\"modified\":\"2024-07-04 10:00:00\"},\"request_id\":\"c\"}}",
                   "taobao.trade.close", &response, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dd_top_parse_close (response, "c", &error));
  g_assert_no_error (error);
  g_clear_pointer (&root, json_node_unref);

  root = envelope ("{\"trade_close_response\":{\"request_id\":\"c\"}}",
                   "taobao.trade.close", &response, NULL, &error);
  g_assert_false (dd_top_parse_close (response, "c", &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

/* ------------------------------------------------------------------ */
/* Procurement                                                         */

static void
test_pc_order (void)
{
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) again = NULL;
  g_autoptr(GError) error = NULL;
  const DdDeliveryInfo *delivery;
  DdOrderLine *line;

  order = dd_top_pc_parse_order_json (pc_order_json, strlen (pc_order_json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_platform (order), ==, DD_PLATFORM_TOP_PC);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "4000000000000000001");
  g_assert_cmpstr (dd_order_get_buyer_id (order), ==, "2200000001");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, "WAIT_BUYER_PAY");
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 20007);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "CNY");
  g_assert_cmpint (dd_order_get_shipping_fee (order)->minor, ==, 1000);
  g_assert_cmpint (unix_s (dd_order_get_created (order)), ==, 1704040200);
  g_assert_null (dd_order_get_paid (order));

  delivery = dd_order_get_delivery (order);
  g_assert_cmpstr (delivery->receiver_name, ==, "李*");
  g_assert_cmpstr (delivery->receiver_phone, ==, "139****1111");
  g_assert_cmpstr (delivery->detail_address, ==, "浙江省杭州市余杭区***");

  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  line = dd_order_get_line (order, 0);
  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, "4000000000000000002");
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, "4000000000000000001");
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "600000000001");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "700000000001");
  g_assert_cmpstr (dd_order_line_get_title (line), ==, "打印纸");
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 2);
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 9503);
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 19006);
  g_assert_cmpstr (dd_order_line_get_image_url (line), ==, "https://img.example/p.jpg");
  g_assert_cmpstr (dd_order_line_get_sku_property (line, 0)->value, ==, "A4");

  again = dd_top_pc_parse_order_json (dd_order_get_raw_json (order), strlen (dd_order_get_raw_json (order)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (again), ==, "4000000000000000001");
}

static void
test_pc_list_and_detail (void)
{
  g_autofree char *list = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *response = NULL;

  list = g_strdup_printf ("{\"pc_order_list_response\":{\"result\":{\"success\":true,\"total_count\":3,"
                          "\"orders\":{\"order\":[%s,%s]}},\"request_id\":\"l\"}}",
                          pc_order_json, pc_order_json);
  root = envelope (list, "taobao.pc.order.list", &response, NULL, &error);
  g_assert_no_error (error);
  page = dd_top_pc_parse_list (response, "l", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, ==, 2);
  g_assert_cmpuint (page->total_count, ==, 3);
  g_clear_pointer (&root, json_node_unref);

  detail = g_strdup_printf ("{\"pc_order_detail_response\":{\"result\":{\"success\":true,\"order\":%s},"
                            "\"request_id\":\"d\"}}", pc_order_json);
  root = envelope (detail, "taobao.pc.order.detail", &response, NULL, &error);
  g_assert_no_error (error);
  order = dd_top_pc_parse_detail (response, "d", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "4000000000000000001");
  g_clear_pointer (&root, json_node_unref);

  root = envelope ("{\"pc_order_detail_response\":{\"result\":{\"success\":false,"
                   "\"error_code\":\"ORDER_NOT_EXIST\",\"error_msg\":\"订单不存在\"}}}",
                   "taobao.pc.order.detail", &response, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (dd_top_pc_parse_detail (response, NULL, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, (gint) dd_error_table_lookup (DD_PLATFORM_TOP, "biz", "ORDER_NOT_EXIST", NULL)->code);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "ORDER_NOT_EXIST");
}

static void
test_pc_render (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdPurchasePreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *response = NULL;

  root = envelope ("{\"pc_order_render_response\":{\"result\":{\"success\":true,\"contract_place_order\":"
                   "{\"total_fee\":\"200.07\",\"post_fee\":\"10.00\",\"order_items\":{\"order_item\":["
                   "{\"item_id\":600000000001,\"sku_id\":700000000001,\"buy_amount\":2,\"item_price\":\"95.03\",\"can_buy\":true},"
                   "{\"item_id\":600000000009,\"buy_amount\":1,\"item_price\":\"1.00\",\"can_buy\":false}]}}},"
                   "\"request_id\":\"r\"}}",
                   "taobao.pc.order.render", &response, NULL, &error);
  g_assert_no_error (error);
  preview = dd_top_pc_parse_render (response, "r", &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->total.minor, ==, 20007);
  g_assert_cmpint (preview->shipping_fee.minor, ==, 1000);
  g_assert_cmpuint (preview->unavailable->len, ==, 1);
  g_assert_cmpstr (g_array_index (preview->unavailable, char *, 0), ==, "600000000009");
  g_clear_pointer (&preview, dd_purchase_preview_free);
  g_clear_pointer (&root, json_node_unref);

  /* Without total_fee: the buyable items plus postage. */
  root = envelope ("{\"pc_order_render_response\":{\"result\":{\"success\":true,\"contract_place_order\":"
                   "{\"post_fee\":\"10.00\",\"order_items\":[{\"item_id\":1,\"buy_amount\":3,\"item_price\":\"0.10\"}]}}}}",
                   "taobao.pc.order.render", &response, NULL, &error);
  g_assert_no_error (error);
  preview = dd_top_pc_parse_render (response, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->total.minor, ==, 1030);
  g_assert_cmpuint (preview->unavailable->len, ==, 0);
}

static void
test_pc_create (void)
{
  static const char created[] =
    "{\"pc_out_tower_order_create_response\":{\"result\":{\"success\":true,\"error_code\":\"200\","
    "\"contract_place_order\":{\"contract_no\":\"HT9\",\"out_order_id\":\"dd-key-9\","
    "\"biz_order_ids\":{\"string\":[\"4000000000000000099\"]}}},\"request_id\":\"cr\"}}";
  static const char duplicate[] =
    "{\"pc_out_tower_order_create_response\":{\"result\":{\"success\":false,"
    "\"error_code\":\"OUT_ORDER_ID_DUPLICATE\",\"error_msg\":\"外部订单号重复\","
    "\"contract_place_order\":{\"out_order_id\":\"dd-key-9\","
    "\"biz_order_ids\":[\"4000000000000000099\"]}},\"request_id\":\"cr2\"}}";
  static const char refused[] =
    "{\"pc_out_tower_order_create_response\":{\"result\":{\"success\":false,"
    "\"error_code\":\"ITEM_CANNOT_BUY\",\"error_msg\":\"商品不可购买\"},\"request_id\":\"cr3\"}}";
  static const char no_ids[] =
    "{\"pc_out_tower_order_create_response\":{\"result\":{\"success\":true,"
    "\"contract_place_order\":{\"biz_order_ids\":{\"string\":[]}}}}}";
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *response = NULL;

  root = envelope (created, "taobao.pc.out.tower.order.create", &response, NULL, &error);
  g_assert_no_error (error);
  order = dd_top_pc_parse_create (response, "cr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "4000000000000000099");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_nonnull (strstr (dd_order_get_raw_json (order), "\"out_order_id\":\"dd-key-9\""));
  g_clear_object (&order);
  g_clear_pointer (&root, json_node_unref);

  /* A reused key is the existing order, not an error. */
  root = envelope (duplicate, "taobao.pc.out.tower.order.create", &response, NULL, &error);
  order = dd_top_pc_parse_create (response, "cr2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "4000000000000000099");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNKNOWN);
  g_clear_object (&order);
  g_clear_pointer (&root, json_node_unref);

  root = envelope (refused, "taobao.pc.out.tower.order.create", &response, NULL, &error);
  order = dd_top_pc_parse_create (response, "cr3", &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "ITEM_CANNOT_BUY");
  g_assert_null (order);
  g_clear_error (&error);
  g_clear_pointer (&root, json_node_unref);

  root = envelope (no_ids, "taobao.pc.out.tower.order.create", &response, NULL, &error);
  order = dd_top_pc_parse_create (response, NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_null (order);

  g_assert_true (dd_top_pc_is_duplicate_code ("OUT_ORDER_ID_DUPLICATE"));
  g_assert_false (dd_top_pc_is_duplicate_code ("ITEM_CANNOT_BUY"));
  g_assert_false (dd_top_pc_is_duplicate_code (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dingdan/top-parse/status/%s",
                                               *status_cases[i].raw != '\0' ? status_cases[i].raw : "empty");

      g_test_add_data_func (path, &status_cases[i], test_status);
    }
  g_test_add_func ("/dingdan/top-parse/status/null", test_status_null);
  for (guint i = 0; i < G_N_ELEMENTS (pc_status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dingdan/top-parse/pc-status/%s-%" G_GINT64_FORMAT,
                                               pc_status_cases[i].raw != NULL ? pc_status_cases[i].raw : "none",
                                               pc_status_cases[i].pay_status);

      g_test_add_data_func (path, &pc_status_cases[i], test_pc_status);
    }

  g_test_add_func ("/dingdan/top-parse/trade", test_trade);
  g_test_add_func ("/dingdan/top-parse/trade-raw-round-trip", test_trade_raw_round_trip);
  g_test_add_func ("/dingdan/top-parse/trade-minimal", test_trade_minimal);
  g_test_add_func ("/dingdan/top-parse/trade-channel", test_trade_channel);
  g_test_add_func ("/dingdan/top-parse/money-exact", test_money_exact);
  g_test_add_func ("/dingdan/top-parse/sku-properties", test_sku_properties);
  g_test_add_func ("/dingdan/top-parse/payment-kind", test_payment_kind);
  g_test_add_func ("/dingdan/top-parse/times/new-york", test_times_new_york);
  g_test_add_func ("/dingdan/top-parse/times/utc", test_times_utc);
  g_test_add_func ("/dingdan/top-parse/times/invalid", test_times_invalid);
  g_test_add_func ("/dingdan/top-parse/times/early-years", test_times_early_years);
  g_test_add_func ("/dingdan/top-parse/trade-wrong-types", test_trade_wrong_types);
  g_test_add_func ("/dingdan/top-parse/hostile-documents", test_hostile_documents);
  g_test_add_func ("/dingdan/top-parse/pc-order-wrong-types", test_pc_order_wrong_types);
  g_test_add_func ("/dingdan/top-parse/response-key", test_response_key);
  g_test_add_func ("/dingdan/top-parse/envelope-success", test_envelope_success);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dingdan/top-parse/error-envelope/%u-code-%s",
                                               i, error_cases[i].platform_code);

      g_test_add_data_func (path, &error_cases[i], test_error_envelope);
    }
  g_test_add_func ("/dingdan/top-parse/error-envelope-words", test_error_envelope_platform_words);
  g_test_add_func ("/dingdan/top-parse/error-envelope-wrong-types", test_error_envelope_wrong_types);
  g_test_add_func ("/dingdan/top-parse/business-failure", test_business_failure);
  g_test_add_func ("/dingdan/top-parse/trades-page", test_trades_page);
  g_test_add_func ("/dingdan/top-parse/fullinfo-and-close", test_fullinfo_and_close);
  g_test_add_func ("/dingdan/top-parse/pc-order", test_pc_order);
  g_test_add_func ("/dingdan/top-parse/pc-list-and-detail", test_pc_list_and_detail);
  g_test_add_func ("/dingdan/top-parse/pc-render", test_pc_render);
  g_test_add_func ("/dingdan/top-parse/pc-create", test_pc_create);

  return g_test_run ();
}
