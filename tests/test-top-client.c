/* test-top-client.c: the TOP clients' requests, and the seller's round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The request tests check what goes on the wire against an independent
 * recomputation of TOP's signature. The round trips run every call of the
 * seller client (and the router's shared rules: time zone, errors, bans)
 * against the sandbox's router, which was written apart from the clients
 * from the same documentation; test-top-pc-client.c does the procurement
 * client's.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "dd-error-table.h"
#include "dd-http.h"
#include "dd-platform-error.h"
#include "dd-sandbox.h"
#include "dd-sandbox-top.h"
#include "dd-top-client.h"
#include "dd-top-parse.h"
#include "dd-top-request.h"
#include "top-fixture.h"

#define PC_BUYER   "2200000001"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* TOP's signature recomputed from the decoded form alone, with GChecksum /
 * GHmac directly (not dd_sign_top). */
static char *
recompute_sign (GHashTable *form,
                const char *secret)
{
  const char *method = g_hash_table_lookup (form, "sign_method");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *hex = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, "sign") && *(const char *) value != '\0')
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    {
      g_string_append (text, g_ptr_array_index (keys, i));
      g_string_append (text, g_hash_table_lookup (form, g_ptr_array_index (keys, i)));
    }

  if (g_str_equal (method, "md5"))
    {
      g_autofree char *wrapped = g_strconcat (secret, text->str, secret, NULL);

      hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, wrapped, -1);
    }
  else
    {
      GChecksumType type = g_str_equal (method, "hmac") ? G_CHECKSUM_MD5 : G_CHECKSUM_SHA256;

      hex = g_compute_hmac_for_string (type, (const guchar *) secret, strlen (secret), text->str, -1);
    }

  return g_ascii_strup (hex, -1);
}

/* The decoded form of what @router would send for @method (keys and values
 * owned by the table). */
static GHashTable *
sent_form (DdTopRouter  *router,
           const char   *method,
           DdSignParams *business)
{
  g_autoptr(DdSignParams) params = dd_top_router_build_params (router, method, business);
  g_autofree char *body = dd_top_encode_form (params);
  g_autoptr(GHashTable) decoded = soup_form_decode (body);
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, decoded);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (form, g_strdup (key), g_strdup (value));

  return form;
}

/* ------------------------------------------------------------------ */
/* Requests                                                            */

static void
test_request_signature (void)
{
  static const DdSignTopMethod methods[] = { DD_SIGN_TOP_MD5, DD_SIGN_TOP_HMAC, DD_SIGN_TOP_HMAC_SHA256 };
  static const char * const names[] = { "md5", "hmac", "hmac-sha256" };
  g_autoptr(DdHttp) http = new_http ();

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(DdTopClient) client = dd_top_client_new (http, "https://gw.api.taobao.com/router/rest",
                                                         "12345", "s3cret", "sess-1", methods[i]);
      DdTopRouter *router = dd_top_client_get_router (client);
      g_autoptr(DdSignParams) business = dd_sign_params_new ();
      g_autoptr(DdSignParams) params = NULL;
      g_autoptr(GHashTable) form = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *ours = NULL;

      dd_sign_params_set (business, "fields", "tid,status");
      dd_sign_params_set (business, "close_reason", "买家信息填写错误，重新拍");
      dd_sign_params_set (business, "note", "a+b&c=d %");
      form = sent_form (router, "taobao.trade.close", business);

      g_assert_cmpstr (g_hash_table_lookup (form, "method"), ==, "taobao.trade.close");
      g_assert_cmpstr (g_hash_table_lookup (form, "app_key"), ==, "12345");
      g_assert_cmpstr (g_hash_table_lookup (form, "session"), ==, "sess-1");
      g_assert_cmpstr (g_hash_table_lookup (form, "v"), ==, "2.0");
      g_assert_cmpstr (g_hash_table_lookup (form, "format"), ==, "json");
      g_assert_cmpstr (g_hash_table_lookup (form, "sign_method"), ==, names[i]);
      /* Business values arrive unchanged through the form encoding. */
      g_assert_cmpstr (g_hash_table_lookup (form, "close_reason"), ==, "买家信息填写错误，重新拍");
      g_assert_cmpstr (g_hash_table_lookup (form, "note"), ==, "a+b&c=d %");
      g_assert_false (g_hash_table_contains (form, "app_secret"));

      expected = recompute_sign (form, "s3cret");
      g_assert_cmpstr (g_hash_table_lookup (form, "sign"), ==, expected);

      /* dd_sign_top agrees over what was sent. */
      params = dd_sign_params_new ();
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, form);
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (!g_str_equal (key, "sign"))
            dd_sign_params_set (params, key, value);
      }
      ours = dd_sign_top ("s3cret", methods[i], params);
      g_assert_cmpstr (ours, ==, expected);
    }
}

static void
test_request_param_once (void)
{
  g_autoptr(DdHttp) http = new_http ();
  g_autoptr(DdTopPcClient) client = dd_top_pc_client_new (http, "https://gw.api.taobao.com/router/rest",
                                                          "12345", "s3cret", "sess-1",
                                                          DD_SIGN_TOP_MD5, PC_BUYER);
  DdTopRouter *router = dd_top_pc_client_get_router (client);
  g_autoptr(DdSignParams) business = dd_sign_params_new ();
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *param = NULL;
  g_autofree char *signed_sign = NULL;
  JsonObject *object;

  param = dd_top_pc_build_cancel_param ("4000000000000000001", 2200000001);
  dd_sign_params_set (business, "param", param);
  form = sent_form (router, "taobao.pc.order.cancel", business);

  /* The exact string built once is what goes out… */
  g_assert_cmpstr (g_hash_table_lookup (form, "param"), ==, param);
  /* …and what the signature covers. */
  signed_sign = recompute_sign (form, "s3cret");
  g_assert_cmpstr (g_hash_table_lookup (form, "sign"), ==, signed_sign);
  g_hash_table_replace (form, g_strdup ("param"),
                        g_strdup ("{\"buyer_id\":2200000001,\"biz_order_id\":\"4000000000000000001\"}"));
  g_free (signed_sign);
  signed_sign = recompute_sign (form, "s3cret");
  g_assert_cmpstr (g_hash_table_lookup (form, "sign"), !=, signed_sign);

  /* biz_order_id a String, buyer_id a Number, as documented. */
  json_parser_load_from_data (parser, param, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "biz_order_id")), ==, G_TYPE_STRING);
  g_assert_cmpstr (json_object_get_string_member (object, "biz_order_id"), ==, "4000000000000000001");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "buyer_id")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "buyer_id"), ==, 2200000001);
}

static void
check_timestamp_in_zone (const char *tz,
                         long        offset_s)
{
  g_autoptr(DdHttp) http = new_http ();
  g_autoptr(DdTopClient) client = dd_top_client_new (http, "https://gw.api.taobao.com/router/rest",
                                                     "12345", "s3cret", "sess-1", DD_SIGN_TOP_MD5);
  DdTopRouter *router = dd_top_client_get_router (client);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GDateTime) sent = NULL;
  g_autoptr(GError) error = NULL;
  const char *timestamp;
  gint64 now_s;

  set_zone (tz, offset_s);

  /* An hour ahead: the offset is applied, and the text is Beijing time. */
  dd_top_client_set_clock_offset_ms (client, 3600 * 1000);
  now_s = g_get_real_time () / G_USEC_PER_SEC + 3600;
  form = sent_form (router, "taobao.time.get", NULL);
  timestamp = g_hash_table_lookup (form, "timestamp");
  g_assert_true (dd_top_parse_time (timestamp, "timestamp", &sent, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ABS (g_date_time_to_unix (sent) - now_s), <=, 2);

  /* Independently: Beijing's wall clock from UTC by hand. */
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (g_date_time_to_unix (sent) + 8 * 3600);
    g_autofree char *by_hand = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");

    g_assert_cmpstr (timestamp, ==, by_hand);
  }
}

/* The zone is set in a subprocess before any thread exists (setenv is not
 * thread-safe), then the whole check runs there. */
static void
test_request_timestamp_new_york (void)
{
  if (g_test_subprocess ())
    {
      check_timestamp_in_zone ("America/New_York", -4 * 3600);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_request_timestamp_utc (void)
{
  if (g_test_subprocess ())
    {
      check_timestamp_in_zone ("UTC", 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_request_message (void)
{
  g_autoptr(DdHttp) http = new_http ();
  g_autoptr(DdTopClient) client = dd_top_client_new (http, "http://127.0.0.1:9/router/rest/",
                                                     "12345", "s3cret", "sess-1", DD_SIGN_TOP_HMAC);
  g_autoptr(DdTopClient) remote = dd_top_client_new (http, "http://gw.api.taobao.com/router/rest",
                                                     "12345", "s3cret", "sess-1", DD_SIGN_TOP_HMAC);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  msg = dd_top_router_build_message (dd_top_client_get_router (client), "taobao.time.get", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_get_method (msg), ==, "POST");
  uri = g_uri_to_string (soup_message_get_uri (msg));
  g_assert_cmpstr (uri, ==, "http://127.0.0.1:9/router/rest");
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Content-Type"),
                   ==, "application/x-www-form-urlencoded; charset=utf-8");
  /* Nothing secret in the URI: everything is in the body. */
  g_assert_null (strstr (uri, "sess-1"));
  g_assert_null (strstr (uri, "sign"));

  /* Plain HTTP to a real host is refused. */
  refused = dd_top_router_build_message (dd_top_client_get_router (remote), "taobao.time.get", NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (refused);
}

static void
test_request_list_req (void)
{
  DdListQuery full = { 0, 0, 3, 500 };
  DdListQuery window = { G_GINT64_CONSTANT (1720058400000), G_GINT64_CONSTANT (1720060200000), 1, 20 };
  DdListQuery open = { G_GINT64_CONSTANT (1720058400000), 0, 1, 20 };
  g_autofree char *full_req = dd_top_pc_build_list_req (2200000001, &full, 0);
  g_autofree char *window_req = dd_top_pc_build_list_req (2200000001, &window, 0);
  g_autofree char *open_req = dd_top_pc_build_list_req (2200000001, &open, G_GINT64_CONSTANT (1720062000000));

  g_assert_cmpstr (full_req, ==, "{\"buyer_id\":2200000001,\"page_no\":3,\"page_size\":100}");
  g_assert_cmpstr (window_req, ==,
                   "{\"buyer_id\":2200000001,\"page_no\":1,\"page_size\":20,"
                   "\"start_modified_time\":\"2024-07-04 10:00:00\","
                   "\"end_modified_time\":\"2024-07-04 10:30:00\"}");
  g_assert_nonnull (strstr (open_req, "\"end_modified_time\":\"2024-07-04 11:00:00\""));
}

static void
test_request_order_param (void)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase ("dd-key-1", "600000000001", "700000000001");
  g_autoptr(DdPurchaseRequest) no_sku = new_purchase ("dd-key-2", "600000000001", NULL);
  g_autoptr(DdPurchaseRequest) bad_item = new_purchase ("dd-key-3", "abc", NULL);
  g_autoptr(DdPurchaseRequest) no_key = new_purchase ("", "600000000001", NULL);
  g_autoptr(DdPurchaseRequest) empty = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO, "dd-key-4");
  g_autoptr(DdPurchaseRequest) dollars = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO, "dd-key-5");
  g_autofree char *param = NULL;
  g_autofree char *param_no_sku = NULL;
  g_autoptr(GError) error = NULL;
  DdMoney usd;
  char *none;

  param = dd_top_pc_build_order_param (request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (param, ==,
                   "{\"out_order_id\":\"dd-key-1\",\"orders\":[{\"items\":[{\"item_id\":600000000001,"
                   "\"sku_id\":700000000001,\"quantity\":2,\"unit_price\":\"95.03\"}]}],"
                   "\"address\":{\"address_detail\":\"浙江省杭州市余杭区文一西路969号\","
                   "\"consignee_name\":\"李四\",\"mobile_phone\":\"13900001111\"},"
                   "\"remark\":\"工作日送货\"}");

  param_no_sku = dd_top_pc_build_order_param (no_sku, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (param_no_sku, "sku_id"));

  none = dd_top_pc_build_order_param (bad_item, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (none);
  g_clear_error (&error);

  none = dd_top_pc_build_order_param (no_key, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (none);
  g_clear_error (&error);

  none = dd_top_pc_build_order_param (empty, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (none);
  g_clear_error (&error);

  dd_money_init (&usd, 100, "USD");
  dd_purchase_request_add_line (dollars, "600000000001", NULL, 1, &usd);
  none = dd_top_pc_build_order_param (dollars, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (none);
}

static void
test_number_id (void)
{
  static const char * const bad[] = { "", "-1", "+1", " 1", "1 ", "1.0", "9223372036854775808", "0x10", "१२" };
  gint64 value = 0;

  g_assert_true (dd_top_parse_number_id ("2200000001", "buyer_id", &value, NULL));
  g_assert_cmpint (value, ==, 2200000001);
  g_assert_true (dd_top_parse_number_id ("9223372036854775807", "buyer_id", &value, NULL));
  g_assert_cmpint (value, ==, G_MAXINT64);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (dd_top_parse_number_id (bad[i], "buyer_id", &value, &error));
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_client_contract (void)
{
  g_autoptr(DdHttp) http = new_http ();
  g_autoptr(DdTopClient) seller = dd_top_client_new (http, "https://gw.api.taobao.com/router/rest",
                                                     "12345", "s3cret", "sess-1", DD_SIGN_TOP_MD5);
  g_autoptr(DdTopPcClient) buyer = dd_top_pc_client_new (http, "https://gw.api.taobao.com/router/rest",
                                                         "12345", "s3cret", "sess-1", DD_SIGN_TOP_MD5, PC_BUYER);
  static const char * const reasons[] = {
    "未及时付款", "买家不想买了", "买家信息填写错误，重新拍", "恶意买家/同行捣乱",
    "缺货", "买家拍错了", "同城见面交易",
  };
  const DdCancelReason *list;
  DdClientListing listing = { 0 };
  guint n = 0;

  g_assert_cmpstr (dd_client_get_platform (DD_CLIENT (seller)), ==, "top");
  g_assert_cmpstr (dd_client_get_platform (DD_CLIENT (buyer)), ==, "top-pc");
  g_assert_cmpuint (dd_client_get_max_page_size (DD_CLIENT (seller)), ==, 100);
  g_assert_cmpuint (dd_client_get_capabilities (DD_CLIENT (seller)), ==,
                    DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL | DD_CLIENT_CAN_SERVER_TIME);
  g_assert_cmpuint (dd_client_get_capabilities (DD_CLIENT (buyer)), ==,
                    DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL |
                    DD_CLIENT_CAN_CREATE_PURCHASE | DD_CLIENT_CAN_RENDER_PURCHASE |
                    DD_CLIENT_CAN_SERVER_TIME);

  dd_client_get_listing (DD_CLIENT (seller), &listing);
  g_assert_cmpint (listing.max_window_ms, ==, 30 * 60 * 1000);
  g_assert_true (listing.page_backwards);
  dd_client_get_listing (DD_CLIENT (buyer), &listing);
  g_assert_cmpint (listing.max_window_ms, ==, 0);
  g_assert_false (listing.page_backwards);

  list = dd_client_get_cancel_reasons (DD_CLIENT (seller));
  for (; list[n].id != NULL; n++)
    {
      g_assert_cmpstr (list[n].id, ==, reasons[n]);
      g_assert_nonnull (list[n].label);
      g_assert_cmpstr (list[n].label, !=, "");
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (reasons));
  g_assert_null (dd_client_get_cancel_reasons (DD_CLIENT (buyer))[0].id);

  /* The full type list hides nothing TOP documents. */
  g_assert_nonnull (strstr (dd_top_all_trade_types, "eticket"));
  g_assert_nonnull (strstr (dd_top_all_trade_types, "fixed"));
  g_assert_nonnull (strstr (dd_top_all_trade_types, "tmall_i18n"));
}

/* ------------------------------------------------------------------ */
/* Round trips through the sandbox: the seller                         */

static void
test_list_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = dd_sandbox_top_shop_list_tids (shop (fixture));
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  guint n_pages = 0;

  g_assert_cmpuint (expected->len, ==, N_TRADES);
  orders = list_all (fixture->seller, 0, 0, 25, &n_pages);
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trades.sold.get"), ==, 3);
  ids = order_ids (orders);
  assert_same_ids (ids, expected);

  for (guint i = 0; i < orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (orders, i);
      g_autofree char *status = dd_sandbox_top_shop_dup_status (shop (fixture), dd_order_get_order_id (order));
      g_autoptr(DdOrder) again = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (dd_order_get_platform (order), ==, DD_PLATFORM_TOP);
      g_assert_cmpstr (dd_order_get_raw_status (order), ==, status);
      g_assert_cmpint (dd_order_get_status (order), ==, dd_top_status_from_raw (status));
      g_assert_cmpint (dd_order_get_status (order), !=, DD_ORDER_STATUS_UNKNOWN);
      g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "CNY");
      g_assert_nonnull (dd_order_get_created (order));
      g_assert_cmpuint (dd_order_get_n_lines (order), >, 0);

      /* What the cache stores reads back the same. */
      again = dd_top_parse_trade_json (dd_order_get_raw_json (order), strlen (dd_order_get_raw_json (order)), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dd_order_get_order_id (again), ==, dd_order_get_order_id (order));
      g_assert_true (dd_money_equal (dd_order_get_total (again), dd_order_get_total (order)));
    }
}

static void
test_list_incremental (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *old_tid = dd_sandbox_top_shop_dup_tid (shop (fixture), N_TRADES / 2);
  g_autofree char *new_tid = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start_ms, now_ms;
  guint n_pages = 0;

  /* Later than anything generated (a second past, since TOP's times have
   * whole seconds). */
  dd_sandbox_advance_clock (fixture->sandbox, 60 * 1000);
  start_ms = sandbox_now_ms (fixture) - 1000;
  new_tid = dd_sandbox_top_shop_add_trade (shop (fixture), sandbox_now_ms (fixture));
  dd_sandbox_advance_clock (fixture->sandbox, 2000);
  g_assert_true (dd_sandbox_top_shop_set_status (shop (fixture), old_tid, "WAIT_SELLER_SEND_GOODS",
                                                 sandbox_now_ms (fixture)));
  now_ms = sandbox_now_ms (fixture) + 1000;

  /* A 30-minute window (get_listing's), ending now. */
  recent = list_all (fixture->seller, start_ms, now_ms, 100, &n_pages);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trades.sold.increment.get"), ==, n_pages);
  g_assert_cmpuint (recent->len, ==, 2);
  g_assert_true (has_order (recent, new_tid));
  g_assert_true (has_order (recent, old_tid));

  /* The window before holds neither. */
  earlier = list_all (fixture->seller, start_ms - 30 * 60 * 1000, start_ms - 2000, 100, &n_pages);
  g_assert_false (has_order (earlier, new_tid));
  g_assert_false (has_order (earlier, old_tid));

  /* total_results is given (use_has_next=false), so the caller can start
   * from the last page. */
  page = list_page (fixture->seller, start_ms, now_ms, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->total_count, ==, 2);
  g_assert_cmpuint (page->orders->len, ==, 1);
}

static void
test_get_order (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *tid = dd_sandbox_top_shop_dup_tid (shop (fixture), 3);
  g_autofree char *status = dd_sandbox_top_shop_dup_status (shop (fixture), tid);
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) missing = NULL;
  g_autoptr(GError) error = NULL;

  order = get_order (fixture->seller, tid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, tid);
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, status);
  g_assert_cmpuint (dd_order_get_n_lines (order), >, 0);
  g_assert_cmpstr (dd_order_line_get_order_id (dd_order_get_line (order, 0)), ==, tid);

  missing = get_order (fixture->seller, "1", &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *tid = dd_sandbox_top_shop_add_trade (shop (fixture), sandbox_now_ms (fixture));
  g_autofree char *paid = dd_sandbox_top_shop_add_trade (shop (fixture), sandbox_now_ms (fixture));
  g_autofree char *status = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  /* Within 10 s of creation: refused, and said so. */
  g_assert_false (cancel_order (fixture->seller, tid, "缺货", &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, "isv.CLOSE_TRADE_TOO_FAST");
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_FINAL);
  g_clear_error (&error);
  status = dd_sandbox_top_shop_dup_status (shop (fixture), tid);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");
  g_clear_pointer (&status, g_free);

  /* A write goes out once: no retry of the refusal. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);

  dd_sandbox_advance_clock (fixture->sandbox, 11 * 1000);
  g_assert_true (cancel_order (fixture->seller, tid, "买家信息填写错误重新拍", &error));
  g_assert_no_error (error);
  status = dd_sandbox_top_shop_dup_status (shop (fixture), tid);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");

  order = get_order (fixture->seller, tid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_CLOSED);

  /* Only unpaid trades close. */
  g_assert_true (dd_sandbox_top_shop_set_status (shop (fixture), paid, "WAIT_SELLER_SEND_GOODS",
                                                 sandbox_now_ms (fixture)));
  g_assert_false (cancel_order (fixture->seller, paid, "缺货", &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, "isv.trade-status-error");
  g_assert_error (error, DD_PLATFORM_ERROR,
                  (gint) dd_error_table_lookup (DD_PLATFORM_TOP, NULL, "15", "isv.trade-status-error")->code);
  g_clear_error (&error);

  /* A reason TOP does not know is refused before anything is sent. */
  n_before = dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close");
  g_assert_false (cancel_order (fixture->seller, tid, "changed my mind", &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, n_before);
}

static void
test_server_time (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ms, expected;

  expected = sandbox_now_ms (fixture);
  ms = server_time (fixture->seller, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ABS (ms - expected), <=, 2000);

  /* The sandbox's clock jumps a minute ahead: the skew shows. */
  dd_sandbox_advance_clock (fixture->sandbox, 60 * 1000);
  ms = server_time (fixture->buyer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ABS (ms - (g_get_real_time () / 1000 + 60 * 1000)), <=, 2000);
}

static void
test_sign_methods (Fixture       *fixture,
                   gconstpointer  data)
{
  static const DdSignTopMethod methods[] = { DD_SIGN_TOP_MD5, DD_SIGN_TOP_HMAC, DD_SIGN_TOP_HMAC_SHA256 };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(DdTopClient) client = new_seller (fixture, NULL, NULL, methods[i]);
      g_autoptr(DdOrderPage) page = NULL;
      g_autoptr(GError) error = NULL;

      page = list_page (client, 0, 0, 1, 5, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->orders->len, ==, 5);
    }
}


/* In a subprocess: the zone first (before the sandbox's and the HTTP
 * session's threads), then a signed call the router accepts only with a
 * timestamp within 10 minutes of Beijing time. */
static void
check_zone_round_trip (const char *tz,
                       long        offset_s)
{
  Fixture fixture = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autofree char *tid = NULL;
  gint64 ms;

  set_zone (tz, offset_s);
  fixture_setup (&fixture, NULL);

  tid = dd_sandbox_top_shop_dup_tid (shop (&fixture), 0);
  order = get_order (fixture.seller, tid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, tid);

  /* And the server's Beijing time comes back as the right UTC instant. */
  ms = server_time (fixture.buyer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ABS (ms - g_get_real_time () / 1000), <=, 2000);

  g_clear_object (&order);
  fixture_teardown (&fixture, NULL);
}

static void
test_timezone_new_york (void)
{
  if (g_test_subprocess ())
    {
      check_zone_round_trip ("America/New_York", -4 * 3600);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_timezone_utc (void)
{
  if (g_test_subprocess ())
    {
      check_zone_round_trip ("UTC", 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_passed ();
}

static void
test_auth_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdTopClient) bad_secret = new_seller (fixture, "wrong", NULL, DD_SIGN_TOP_MD5);
  g_autoptr(DdTopClient) bad_session = new_seller (fixture, NULL, "expired", DD_SIGN_TOP_MD5);
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_page (bad_secret, 0, 0, 1, 10, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "25");
  g_assert_null (page);
  g_clear_error (&error);

  page = list_page (bad_session, 0, 0, 1, 10, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "27");
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_REAUTH);
  g_clear_error (&error);

  /* A clock 20 minutes off is refused (31); the measured offset fixes it. */
  dd_top_client_set_clock_offset_ms (fixture->seller, -20 * 60 * 1000);
  page = list_page (fixture->seller, 0, 0, 1, 10, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_CLOCK);
  g_clear_error (&error);
  dd_top_client_set_clock_offset_ms (fixture->seller, 0);
  page = list_page (fixture->seller, 0, 0, 1, 10, &error);
  g_assert_no_error (error);
}

static void
test_ban (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ms;

  /* No waiting in a test: the first refusal comes back as it is. */
  dd_http_set_max_retries (fixture->http, 0);
  dd_sandbox_set_rate_limit (fixture->sandbox, 2, 5, 5);

  page = list_page (fixture->seller, 0, 0, 1, 10, &error);
  g_assert_no_error (error);
  g_clear_pointer (&page, dd_order_page_free);
  ms = server_time (fixture->seller, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ms, >, 0);

  page = list_page (fixture->seller, 0, 0, 1, 10, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "7");
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 5);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_WAIT);
  g_assert_true (dd_platform_error_is_transient (error));
  g_clear_error (&error);

  /* The procurement client shares the router and the ban. */
  g_assert_cmpint (server_time (fixture->buyer, &error), <, 0);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), >=, 4);
  g_clear_error (&error);

  /* Once the ban is over (the sandbox's clock, not a sleep), calls pass. */
  dd_sandbox_advance_clock (fixture->sandbox, 6 * 1000);
  page = list_page (fixture->seller, 0, 0, 1, 10, &error);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/top-client/request/signature", test_request_signature);
  g_test_add_func ("/dingdan/top-client/request/param-signed-as-sent", test_request_param_once);
  g_test_add_func ("/dingdan/top-client/request/timestamp-new-york", test_request_timestamp_new_york);
  g_test_add_func ("/dingdan/top-client/request/timestamp-utc", test_request_timestamp_utc);
  g_test_add_func ("/dingdan/top-client/request/message", test_request_message);
  g_test_add_func ("/dingdan/top-client/request/list-req", test_request_list_req);
  g_test_add_func ("/dingdan/top-client/request/order-param", test_request_order_param);
  g_test_add_func ("/dingdan/top-client/request/number-id", test_number_id);
  g_test_add_func ("/dingdan/top-client/contract", test_client_contract);

#define ADD(path, func) \
  g_test_add ("/dingdan/top-client/sandbox/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list-full", test_list_full);
  ADD ("list-incremental", test_list_incremental);
  ADD ("fullinfo", test_get_order);
  ADD ("close", test_close);
  ADD ("time-get", test_server_time);
  ADD ("sign-methods", test_sign_methods);
  g_test_add_func ("/dingdan/top-client/sandbox/timezone/new-york", test_timezone_new_york);
  g_test_add_func ("/dingdan/top-client/sandbox/timezone/utc", test_timezone_utc);
  ADD ("auth-errors", test_auth_errors);
  ADD ("ban", test_ban);
#undef ADD

  return g_test_run ();
}

