/* test-pp-parse.c: PandaPon's orders, type-checked into domain objects
 *
 * The create answer is seed 002's own example; the other shapes are the
 * ones the client and the sandbox agreed on (the table at the top of
 * src/core/api/dd-pp-parse.c). Envelopes, the other answers and request
 * bodies are in test-pp-reply.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-pp-parse.h"
#include "pp-seeds.h"

/* ------------------------------------------------------------------ */

static void
test_seed_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) again = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2023, 10, 18, 10, 11, 8);
  DdOrderLine *line;

  order = dd_pp_parse_create (SEED_CREATE_ANSWER, strlen (SEED_CREATE_ANSWER), &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);

  g_assert_cmpstr (dd_order_get_platform (order), ==, DD_PLATFORM_PANDAPON);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1031992847781331418");
  /* No status in a create answer: a new order is unpaid. */
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_null (dd_order_get_raw_status (order));
  /* "2023-10-18 18:11:08" is Beijing time. */
  g_assert_true (g_date_time_equal (dd_order_get_created (order), expected));

  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  line = dd_order_get_line (order, 0);
  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, "1031992851828834889");
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, "1031992847781331418");
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "600086815456800431");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "4766078803304");
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 1);
  g_assert_null (dd_order_line_get_title (line));
  g_assert_null (dd_pp_line_get_error_code (line));

  /* The raw JSON is the data object, and reads back to the same order. */
  g_assert_true (g_str_has_prefix (dd_order_get_raw_json (order), "{\"id\":\"1031992847890383164\""));
  again = dd_pp_parse_order_json (dd_order_get_raw_json (order), strlen (dd_order_get_raw_json (order)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (again), ==, "1031992847781331418");
  g_assert_cmpuint (dd_order_get_n_lines (again), ==, 1);
}

/* The seed file itself, when the tests can see it, still holds the answer
 * the literal above copies. */
static void
test_seed_file (void)
{
  const char *dir = g_getenv ("DINGDAN_SEEDS");
  g_autoptr(GDir) seeds = NULL;
  const char *name;
  gboolean found = FALSE;

  if (dir == NULL || (seeds = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("DINGDAN_SEEDS not set");
      return;
    }

  while ((name = g_dir_read_name (seeds)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;

      if (!g_str_has_prefix (name, "002_"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "\"orderNo\": \"1031992847781331418\""));
      g_assert_nonnull (strstr (text, "\"createTime\": \"2023-10-18 18:11:08\""));
      g_assert_nonnull (strstr (text, "\"taobaoSubPurchaseId\": \"200027842448\""));
      found = TRUE;
    }
  g_assert_true (found);
}

/* The seed's own nested strings pass the checks of the nested readers. */
static void
test_seed_body_nested (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dd_json_parse_object (SEED_CREATE_BODY, -1, &error);
  g_autoptr(GPtrArray) lines = NULL;
  DdDeliveryInfo info = { NULL };
  JsonObject *body;
  DdOrderLine *line;

  g_assert_no_error (error);
  body = json_node_get_object (root);

  g_assert_true (dd_pp_parse_receiver (json_object_get_member (body, "receiver"), &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.receiver_name, ==, "a测试aa");
  g_assert_cmpstr (info.receiver_phone, ==, "15068763421");
  g_assert_cmpstr (info.state, ==, "浙江省");
  g_assert_cmpstr (info.city, ==, "杭州市");
  g_assert_cmpstr (info.area, ==, "余杭区");
  g_assert_cmpstr (info.detail_address, ==, "测试地址");
  g_assert_cmpstr (info.zip, ==, "11111");
  g_assert_cmpstr (info.country_code, ==, "中国");
  dd_delivery_info_clear (&info);

  lines = dd_pp_parse_order_line_list (json_object_get_string_member (body, "orderLineList"), "o1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  line = g_ptr_array_index (lines, 1);
  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, "o1-2");
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "600129202197070073");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "4860968496626");
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 200);
  /* price "1" is one fen: 200 × 1 + 200 × 1 = the body's 400. */
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 1);
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 200);
  g_assert_cmpstr (dd_order_line_get_unit_fee (line)->currency, ==, "CNY");
}

/* ------------------------------------------------------------------ */

static DdOrder *
parse_detail (const char  *object,
              GError     **error)
{
  g_autofree char *answer = envelope (object);

  return dd_pp_parse_order_detail (answer, strlen (answer), error);
}

static void
test_detail (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = parse_detail (DETAIL, &error);
  const DdDeliveryInfo *to;
  DdOrderLine *line;

  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1031992847781331418");
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, "WAIT_SELLER_SEND_GOODS");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 25600);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "CNY");
  /* The sum of the sub-orders' domesticPostFee. */
  g_assert_cmpint (dd_order_get_shipping_fee (order)->minor, ==, 800);
  g_assert_cmpint (g_date_time_to_unix (dd_order_get_created (order)), ==, 1715669977);
  g_assert_cmpint (g_date_time_get_microsecond (dd_order_get_created (order)), ==, 82000);
  g_assert_cmpint (g_date_time_to_unix (dd_order_get_modified (order)), ==, 1715670000);
  g_assert_cmpint (g_date_time_to_unix (dd_order_get_paid (order)), ==, 1715669999);
  g_assert_cmpint (dd_order_get_payment_kind (order), ==, DD_PAYMENT_KIND_ONLINE);

  to = dd_order_get_delivery (order);
  g_assert_nonnull (to);
  g_assert_cmpstr (to->receiver_name, ==, "张*");
  g_assert_cmpstr (to->receiver_phone, ==, "150****3421");
  g_assert_cmpstr (to->detail_address, ==, "文一西路969号");
  g_assert_cmpstr (to->zip, ==, "311100");

  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 2);
  line = dd_order_get_line (order, 0);
  g_assert_cmpstr (dd_order_line_get_title (line), ==, "保温杯");
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 24000);
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 12000);
  g_assert_cmpstr (dd_order_line_get_raw_status (line), ==, "WAIT_SELLER_SEND_GOODS");

  /* The failed line stays, with its error; 1000 / 3 has no exact unit price. */
  line = dd_order_get_line (order, 1);
  g_assert_cmpstr (dd_pp_line_get_error_code (line), ==, "ITEM_OFF_SHELF");
  g_assert_cmpstr (dd_pp_line_get_error_message (line), ==, "商品已下架");
  g_assert_cmpstr (dd_order_line_get_raw_status (line), ==, "ITEM_OFF_SHELF");
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 1000);
  g_assert_cmpstr (dd_order_line_get_unit_fee (line)->currency, ==, "");
  g_assert_null (dd_order_line_get_sku_id (line));

  /* Raw JSON: the detail object, read back the same. */
  {
    g_autoptr(DdOrder) again = NULL;
    const char *raw = dd_order_get_raw_json (order);

    again = dd_pp_parse_order_json (raw, strlen (raw), &error);
    g_assert_no_error (error);
    g_assert_cmpint (dd_order_get_total (again)->minor, ==, 25600);
    g_assert_cmpint (dd_order_get_shipping_fee (again)->minor, ==, 800);
    g_assert_cmpuint (dd_order_get_n_lines (again), ==, 2);
  }
}

static void
test_receiver_object (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;

  order = parse_detail ("{\"orderNo\":\"9\",\"status\":\"WAIT_BUYER_PAY\",\"purchaseAmount\":1,"
                        "\"receiver\":{\"name\":\"王\",\"phone\":\"0571-1234\",\"mobile_phone\":\"\",\"zip\":310000}}",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_delivery (order)->receiver_name, ==, "王");
  /* No mobile: the landline. A numeric zip is kept as digits. */
  g_assert_cmpstr (dd_order_get_delivery (order)->receiver_phone, ==, "0571-1234");
  g_assert_cmpstr (dd_order_get_delivery (order)->zip, ==, "310000");
}

static void
test_malformed_receiver (void)
{
  const char *receivers[] = {
    "\"{\\\"name\\\":\"",              /* cut short */
    "\"[1,2]\"",                       /* not an object */
    "\"\"",                            /* empty text */
    "\"{\\\"name\\\":5}\"",            /* name not a string */
    "\"{\\\"zip\\\":1.5}\"",           /* zip not an id */
    "42",
    "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (receivers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *object = g_strdup_printf ("{\"orderNo\":\"9\",\"status\":\"WAIT_BUYER_PAY\",\"receiver\":%s}",
                                                 receivers[i]);
      g_autoptr(DdOrder) order = parse_detail (object, &error);

      g_test_message ("receiver %s", receivers[i]);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (order);
    }

  /* A NUL inside is not refused but shown (issue H: dd-json.c turns
   * "\u0000" into U+FFFD), never silently cut short to "a". */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = parse_detail ("{\"orderNo\":\"9\",\"status\":\"WAIT_BUYER_PAY\","
                                             "\"receiver\":\"{\\\"name\\\":\\\"a\\u0000b\\\"}\"}",
                                             &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dd_order_get_delivery (order)->receiver_name, ==, "a\xef\xbf\xbd" "b");
  }
}

static void
test_malformed_line_list (void)
{
  const char *lists[] = {
    "[{\\\"itemId\\\":",
    "{}",
    "[1]",
    "[{\\\"quantity\\\":\\\"1\\\"}]",                          /* no itemId */
    "[{\\\"itemId\\\":\\\"1\\\",\\\"quantity\\\":\\\"x\\\"}]",     /* quantity not a number */
    "[{\\\"itemId\\\":\\\"1\\\",\\\"quantity\\\":\\\"-1\\\"}]",
    "[{\\\"itemId\\\":\\\"1\\\",\\\"quantity\\\":1,\\\"price\\\":\\\"1.5\\\"}]", /* price not fen */
    "[{\\\"itemId\\\":\\\"1\\\",\\\"quantity\\\":99999999999}]",    /* beyond guint */
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *object = g_strdup_printf ("{\"orderNo\":\"9\",\"status\":\"BULIDING\",\"orderLineList\":\"%s\"}",
                                                 lists[i]);
      g_autoptr(DdOrder) order = parse_detail (object, &error);

      g_test_message ("orderLineList %s", lists[i]);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (order);
    }

  /* Not a string at all. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = parse_detail ("{\"orderNo\":\"9\",\"orderLineList\":[]}", &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  }
}

/* A building order has no sub-orders yet: its lines are the ones we sent. */
static void
test_building_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  DdOrderLine *line;

  order = parse_detail ("{\"orderNo\":\"77\",\"status\":\"BULIDING\",\"purchaseAmount\":\"700\",\"subOrderVOS\":[],"
                        "\"orderLineList\":\"[{\\\"itemId\\\":\\\"5\\\",\\\"orderLineNo\\\":\\\"1\\\",\\\"quantity\\\":\\\"7\\\","
                        "\\\"price\\\":\\\"100\\\",\\\"currency\\\":\\\"CNY\\\",\\\"skuId\\\":\\\"\\\"}]\"}",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  /* A digit string is fen too. */
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 700);
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  line = dd_order_get_line (order, 0);
  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, "77-1");
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, "77");
  g_assert_null (dd_order_line_get_sku_id (line));
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 7);
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 700);
}

static void
test_fen_exact (void)
{
  static const struct {
    const char *amount;
    gboolean    ok;
    gint64      minor;
  } cases[] = {
    { "12800", TRUE, 12800 },
    { "\"12800\"", TRUE, 12800 },
    { "0", TRUE, 0 },
    { "9007199254740993", TRUE, G_GINT64_CONSTANT (9007199254740993) },
    { "9223372036854775807", TRUE, G_MAXINT64 },
    { "9223372036854775808", FALSE, 0 },   /* beyond gint64: refused, never wrapped */
    { "128.5", FALSE, 0 },
    { "1e4", FALSE, 0 },
    { "-1", FALSE, 0 },
    { "\"12.80\"", FALSE, 0 },
    { "\"\"", FALSE, 0 },
    { "true", FALSE, 0 },
    { "{}", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *object = g_strdup_printf ("{\"orderNo\":\"1\",\"status\":\"WAIT_BUYER_PAY\",\"purchaseAmount\":%s}",
                                                 cases[i].amount);
      g_autoptr(DdOrder) order = parse_detail (object, &error);

      g_test_message ("purchaseAmount %s", cases[i].amount);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (dd_order_get_total (order)->minor, ==, cases[i].minor);
          g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "CNY");
        }
      else
        {
          g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
          g_assert_null (order);
        }
    }
}

static void
test_type_errors (void)
{
  const char *objects[] = {
    "{\"status\":\"WAIT_BUYER_PAY\"}",                                          /* no orderNo */
    "{\"orderNo\":1.5}",
    "{\"orderNo\":\"1\",\"status\":7}",
    "{\"orderNo\":\"1\",\"createTime\":\"yesterday\"}",
    "{\"orderNo\":\"1\",\"createTime\":-5}",
    "{\"orderNo\":\"1\",\"subOrderVOS\":{}}",
    "{\"orderNo\":\"1\",\"subOrderVOS\":[1]}",
    "{\"orderNo\":\"1\",\"subOrderVOS\":[{\"quantity\":1}]}",                   /* no subOrderId */
    "{\"orderNo\":\"1\",\"subOrderVOS\":[{\"subOrderId\":\"2\",\"quantity\":\"two\"}]}",
    "{\"orderNo\":\"1\",\"subOrderVOS\":[{\"subOrderId\":\"2\",\"quantity\":1,\"purchaseAmount\":1.25}]}",
    "{\"orderNo\":\"1\",\"subOrderVOS\":[{\"subOrderId\":\"2\",\"quantity\":1,\"orderNo\":\"3\"}]}",
    "{\"orderNo\":\"1\",\"subOrderVOS\":[{\"subOrderId\":\"2\",\"quantity\":1,\"purchaseCurrency\":\"USD\",\"domesticPostFee\":5}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = parse_detail (objects[i], &error);

      g_test_message ("%s", objects[i]);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_null (order);
    }
}

/* Any prefix of an answer fails cleanly (or, for none, parses). */
static void
test_truncated (void)
{
  g_autofree char *detail = envelope (DETAIL);
  const char *answers[] = { SEED_CREATE_ANSWER, detail };

  for (guint a = 0; a < G_N_ELEMENTS (answers); a++)
    for (gsize len = 0; len < strlen (answers[a]); len++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(DdOrder) order = dd_pp_parse_create (answers[a], len, &error);

        g_assert_null (order);
        g_assert_nonnull (error);
      }
}

/* ------------------------------------------------------------------ */
/* Statuses: a test per value                                          */

typedef struct
{
  const char    *raw;
  DdOrderStatus  status;
} StatusCase;

static const StatusCase taobao_statuses[] = {
  { "BULIDING", DD_ORDER_STATUS_UNPAID },
  { "WAIT_BUYER_PAY", DD_ORDER_STATUS_UNPAID },
  { "CANCELLING", DD_ORDER_STATUS_UNPAID },
  { "WAIT_SELLER_SEND_GOODS", DD_ORDER_STATUS_TO_SHIP },
  { "WAIT_BUYER_CONFIRM_GOODS", DD_ORDER_STATUS_SHIPPED },
  { "TRADE_FINISHED", DD_ORDER_STATUS_COMPLETED },
  { "TRADE_CLOSED", DD_ORDER_STATUS_CLOSED },
  { "BUILDING", DD_ORDER_STATUS_UNKNOWN },        /* the spelling is theirs: not ours */
  { "wait_buyer_pay", DD_ORDER_STATUS_UNKNOWN },
  { "", DD_ORDER_STATUS_UNKNOWN },
};

static const StatusCase statuses_1688[] = {
  { "waitbuyerpay", DD_ORDER_STATUS_UNPAID },
  { "waitsellersend", DD_ORDER_STATUS_TO_SHIP },
  { "waitbuyerreceive", DD_ORDER_STATUS_SHIPPED },
  { "success", DD_ORDER_STATUS_COMPLETED },
  { "cancel", DD_ORDER_STATUS_CLOSED },
  { "terminated", DD_ORDER_STATUS_CLOSED },
  { "WAITBUYERPAY", DD_ORDER_STATUS_UNKNOWN },
  { "", DD_ORDER_STATUS_UNKNOWN },
};

static void
test_status_taobao (gconstpointer data)
{
  const StatusCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *object = NULL;
  g_autoptr(DdOrder) order = NULL;

  g_assert_cmpint (dd_pp_status_from_taobao (c->raw), ==, c->status);

  /* And through a detail object, the raw word kept. */
  object = g_strdup_printf ("{\"orderNo\":\"1\",\"status\":\"%s\"}", c->raw);
  order = parse_detail (object, &error);
  g_assert_no_error (error);
  if (*c->raw != '\0')
    {
      g_assert_cmpint (dd_order_get_status (order), ==, c->status);
      g_assert_cmpstr (dd_order_get_raw_status (order), ==, c->raw);
    }
}

static void
test_status_1688 (gconstpointer data)
{
  const StatusCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *object = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(DdOrder) order = NULL;

  g_assert_cmpint (dd_pp_status_from_1688 (c->raw), ==, c->status);

  object = g_strdup_printf ("{\"orderId\":\"5\",\"status\":\"%s\"}", c->raw);
  answer = envelope (object);
  order = dd_pp_parse_order_1688_detail (answer, strlen (answer), &error);
  g_assert_no_error (error);
  if (*c->raw != '\0')
    g_assert_cmpint (dd_order_get_status (order), ==, c->status);
}

static void
test_status_null (void)
{
  g_assert_cmpint (dd_pp_status_from_taobao (NULL), ==, DD_ORDER_STATUS_UNKNOWN);
  g_assert_cmpint (dd_pp_status_from_1688 (NULL), ==, DD_ORDER_STATUS_UNKNOWN);
}

/* ------------------------------------------------------------------ */
/* 1688, ids, times                                                    */

static void
test_1688_detail (void)
{
  g_autofree char *answer = envelope (DETAIL_1688);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_pp_parse_order_1688_detail (answer, strlen (answer), &error);
  g_autoptr(DdOrder) again = NULL;
  const DdDeliveryInfo *to;
  DdOrderLine *line;

  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1688-3300000000000001");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, "waitsellersend");
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 12800);
  g_assert_cmpint (dd_order_get_shipping_fee (order)->minor, ==, 800);
  g_assert_cmpstr (dd_order_get_seller_name (order), ==, "义乌小商品");
  g_assert_cmpint (g_date_time_to_unix (dd_order_get_modified (order)), ==, 1715670000);

  to = dd_order_get_delivery (order);
  g_assert_cmpstr (to->receiver_name, ==, "李四");
  g_assert_cmpstr (to->receiver_phone, ==, "139****0000");
  g_assert_cmpstr (to->state, ==, "浙江省");
  g_assert_cmpstr (to->area, ==, "义乌市");
  g_assert_cmpstr (to->detail_address, ==, "稠城街道 工人北路1号");
  g_assert_cmpstr (to->zip, ==, "322000");

  line = dd_order_get_line (order, 0);
  g_assert_cmpstr (dd_order_line_get_line_id (line), ==, "3300000000000011");
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, "1688-3300000000000001");
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "610000000001");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "b5a3d0c1");
  g_assert_cmpuint (dd_order_line_get_quantity (line), ==, 4);
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 3000);
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 12000);

  /* The cache tells the families apart by their id member. */
  again = dd_pp_parse_order_json (dd_order_get_raw_json (order), strlen (dd_order_get_raw_json (order)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (again), ==, "1688-3300000000000001");

  g_clear_object (&again);
  again = dd_pp_parse_order_json ("{\"id\":\"1\"}", 10, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_null (again);
}

static void
test_1688_create (void)
{
  g_autofree char *answer = envelope ("{\"orderId\":\"3300000000000002\",\"totalSuccessAmount\":9900,\"postFee\":500}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_pp_parse_create_1688 (answer, strlen (answer), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1688-3300000000000002");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 9900);
  g_assert_cmpint (dd_order_get_shipping_fee (order)->minor, ==, 500);
}

static void
test_order_id_1688 (void)
{
  const char *id = NULL;

  g_assert_true (dd_pp_order_id_is_1688 ("1688-42", &id));
  g_assert_cmpstr (id, ==, "42");
  g_assert_false (dd_pp_order_id_is_1688 ("1031992847781331418", &id));
  g_assert_cmpstr (id, ==, "1031992847781331418");
  g_assert_false (dd_pp_order_id_is_1688 ("16884", NULL));
}

static void
test_beijing_time (void)
{
  const char *bad[] = {
    "", "2023-10-18", "2023-10-18T18:11:08", "2023-10-18 18:11", "2023-13-01 00:00:00",
    "2023-02-29 00:00:00", "2023-10-18 24:00:00", "2023-10-18 18:11:08Z", "2023-10-18 18:11:0x",
    "+023-10-18 18:11:08",
  };
  const char *zones[] = { "UTC", "America/New_York", "Asia/Shanghai" };

  /* Whatever the desktop's zone. */
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GDateTime) dt = NULL;

      g_setenv ("TZ", zones[z], TRUE);
      dt = dd_pp_parse_beijing_time ("2024-01-01 07:59:59");
      g_assert_nonnull (dt);
      g_assert_cmpint (g_date_time_to_unix (dt), ==, 1704067199);
      g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
    }
  g_unsetenv ("TZ");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_null (dd_pp_parse_beijing_time (bad[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/pp/parse/seed-create", test_seed_create);
  g_test_add_func ("/dingdan/pp/parse/seed-file", test_seed_file);
  g_test_add_func ("/dingdan/pp/parse/seed-body-nested", test_seed_body_nested);
  g_test_add_func ("/dingdan/pp/parse/detail", test_detail);
  g_test_add_func ("/dingdan/pp/parse/receiver-object", test_receiver_object);
  g_test_add_func ("/dingdan/pp/parse/malformed-receiver", test_malformed_receiver);
  g_test_add_func ("/dingdan/pp/parse/malformed-order-line-list", test_malformed_line_list);
  g_test_add_func ("/dingdan/pp/parse/building-lines", test_building_lines);
  g_test_add_func ("/dingdan/pp/parse/fen-exact", test_fen_exact);
  g_test_add_func ("/dingdan/pp/parse/type-errors", test_type_errors);
  g_test_add_func ("/dingdan/pp/parse/truncated", test_truncated);

  for (guint i = 0; i < G_N_ELEMENTS (taobao_statuses); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dingdan/pp/parse/status/taobao/%s",
                                               *taobao_statuses[i].raw != '\0' ? taobao_statuses[i].raw : "empty");

      g_test_add_data_func (path, &taobao_statuses[i], test_status_taobao);
    }
  for (guint i = 0; i < G_N_ELEMENTS (statuses_1688); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dingdan/pp/parse/status/1688/%s",
                                               *statuses_1688[i].raw != '\0' ? statuses_1688[i].raw : "empty");

      g_test_add_data_func (path, &statuses_1688[i], test_status_1688);
    }
  g_test_add_func ("/dingdan/pp/parse/status/null", test_status_null);

  g_test_add_func ("/dingdan/pp/parse/1688-detail", test_1688_detail);
  g_test_add_func ("/dingdan/pp/parse/1688-create", test_1688_create);
  g_test_add_func ("/dingdan/pp/parse/order-id-1688", test_order_id_1688);
  g_test_add_func ("/dingdan/pp/parse/beijing-time", test_beijing_time);

  return g_test_run ();
}
