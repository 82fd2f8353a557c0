/* test-sandbox-top.c: the sandbox speaks the Taobao Open Platform router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The router's checks (signatures, timestamps, every error code), the seller
 * methods (taobao.trades.sold.get, .increment.get, taobao.trade.fullinfo.get,
 * taobao.trade.close, taobao.time.get) and the generated shop, through raw
 * requests signed by test-top-call.h. Shapes are those of API.md §1 and the
 * TOP wire contract (top-pc-shape.md); procurement is test-sandbox-top-pc.c.
 */
#include "config.h"

#include "test-top-call.h"

#define BIG_ID G_GINT64_CONSTANT (9007199254740992) /* 2^53 */

/* ---- signing and the router's checks ------------------------------------------- */

static void
test_sign_methods (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const methods[] = { "md5", "hmac", "hmac-sha256" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    for (guint query = 0; query < 2; query++)
      {
        TopCall how = { .sign_method = methods[i], .query = query, .lower_sign = i == 1 };
        g_autoptr(JsonObject) time = top_call (fixture, &how, "taobao.time.get", NULL);
        g_autoptr(JsonObject) trades = top_call (fixture, &how, "taobao.trades.sold.get",
                                                 "fields", "tid,status", "page_size", "2", NULL);

        g_test_message ("%s by %s", methods[i], query ? "query" : "form");
        get_response (time, "time_get_response");
        g_assert_cmpuint (json_array_get_length (get_trades (get_response (trades, "trades_sold_get_response"))), ==, 2);
      }

  /* Each method checks: a wrong secret fails with every one of them. */
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      TopCall how = { .sign_method = methods[i], .secret = "not-the-secret" };
      g_autoptr(JsonObject) root = top_call (fixture, &how, "taobao.time.get", NULL);

      assert_error (root, 25, NULL);
    }
}

static void
test_router_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct
  {
    TopCall     how;
    const char *method;
    gint64      code;
    const char *msg;
  } cases[] = {
    { { 0 }, NULL, 21, "Missing method" },
    { { 0 }, "taobao.trades.bought.get", 22, "Invalid method" },
    { { .format = "xml" }, "taobao.trades.sold.get", 23, "Invalid format" },
    { { .format = "" }, "taobao.trades.sold.get", 23, "Invalid format" },
    { { .omit_sign = TRUE }, "taobao.trades.sold.get", 24, "Missing signature" },
    { { .secret = "not-the-secret" }, "taobao.trades.sold.get", 25, "Invalid signature" },
    { { .tamper_key = "page_size", .tamper_value = "3" }, "taobao.trades.sold.get", 25, "Invalid signature" },
    { { .sign_method = "sha1" }, "taobao.trades.sold.get", 25, "Invalid signature" },
    { { .sign_method = "" }, "taobao.trades.sold.get", 25, "Invalid signature" },
    { { .session = "" }, "taobao.trades.sold.get", 26, "Missing session" },
    { { .app_key = "" }, "taobao.trades.sold.get", 28, "Missing app key" },
    { { .app_key = "999999" }, "taobao.trades.sold.get", 29, "Invalid app key" },
    { { .timestamp = "" }, "taobao.trades.sold.get", 30, "Missing timestamp" },
    { { .timestamp = "1517820392000" }, "taobao.trades.sold.get", 31, "Invalid timestamp" },
    { { .timestamp = "2024-02-30 10:00:00" }, "taobao.trades.sold.get", 31, "Invalid timestamp" },
    { { .skew_ms = 11 * MINUTE_MS }, "taobao.trades.sold.get", 31, "Invalid timestamp" },
    { { .skew_ms = -11 * MINUTE_MS }, "taobao.trades.sold.get", 31, "Invalid timestamp" },
    { { .version = "" }, "taobao.trades.sold.get", 32, "Missing version" },
    { { .version = "1.0" }, "taobao.trades.sold.get", 33, "Invalid version" },
  };
  g_autoptr(GHashTable) request_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) root = top_call (fixture, &cases[i].how, cases[i].method,
                                             "fields", "tid", "page_size", "2", NULL);
      JsonObject *error;

      g_test_message ("case %u: code %" G_GINT64_FORMAT, i, cases[i].code);
      error = assert_error (root, cases[i].code, NULL);
      g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, cases[i].msg);
      g_assert_true (g_hash_table_add (request_ids, g_strdup (json_object_get_string_member (error, "request_id"))));
    }

  /* A wrong session is refused with TOP's sub_code. */
  {
    TopCall stolen = { .session = "stolen-session" };
    g_autoptr(JsonObject) root = top_call (fixture, &stolen, "taobao.trades.sold.get", "fields", "tid", NULL);

    assert_error (root, 27, "invalid-sessionkey");
  }
  /* A clock a few minutes off is fine (10 minutes allowed). */
  {
    TopCall late = { .skew_ms = -8 * MINUTE_MS };
    g_autoptr(JsonObject) root = top_call (fixture, &late, "taobao.trades.sold.get", "fields", "tid", NULL);

    get_response (root, "trades_sold_get_response");
  }
}

/* Beijing time whatever the zone: the same instant written in UTC (eight
 * hours off) is refused. */
static void
test_timestamp_zone (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 now = g_get_real_time () / 1000;
  g_autofree char *utc = format_time (now, 0);
  g_autofree char *new_york = format_time (now, -5 * 3600);
  g_autofree char *shanghai = format_time (now, 8 * 3600);
  TopCall as_utc = { .timestamp = utc };
  TopCall as_new_york = { .timestamp = new_york };
  TopCall as_shanghai = { .timestamp = shanghai };
  g_autoptr(JsonObject) refused = top_call (fixture, &as_utc, "taobao.time.get", NULL);
  g_autoptr(JsonObject) refused_too = top_call (fixture, &as_new_york, "taobao.time.get", NULL);
  g_autoptr(JsonObject) accepted = top_call (fixture, &as_shanghai, "taobao.time.get", NULL);

  assert_error (refused, 31, NULL);
  assert_error (refused_too, 31, NULL);
  get_response (accepted, "time_get_response");
}

static void
test_required_and_invalid (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct
  {
    const char *method;
    const char *key;
    const char *value;
    const char *name;   /* the parameter the answer names */
  } invalid[] = {
    { "taobao.trades.sold.get", "page_size", "101", "page_size" },
    { "taobao.trades.sold.get", "page_size", "0", "page_size" },
    { "taobao.trades.sold.get", "page_no", "-1", "page_no" },
    { "taobao.trades.sold.get", "use_has_next", "yes", "use_has_next" },
    { "taobao.trades.sold.get", "status", "SHIPPED", "status" },
    { "taobao.trades.sold.get", "type", "fixed,bargain", "type" },
    { "taobao.trades.sold.get", "start_created", "2024-07-04", "start_created" },
    { "taobao.trade.fullinfo.get", "tid", "12ab", "tid" },
    { "taobao.trade.fullinfo.get", "tid", "99999999999999999999", "tid" },
  };
  g_autoptr(JsonObject) no_fields = top_call (fixture, &ok, "taobao.trades.sold.get", NULL);
  g_autoptr(JsonObject) no_tid = top_call (fixture, &ok, "taobao.trade.fullinfo.get", "fields", "tid", NULL);
  JsonObject *error;

  error = assert_error (no_fields, 40, "isv.missing-parameter:fields");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Missing required arguments:fields");
  assert_error (no_tid, 40, "isv.missing-parameter:tid");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(JsonObject) root = top_call (fixture, &ok, invalid[i].method, "fields", "tid",
                                             invalid[i].key, invalid[i].value, NULL);
      g_autofree char *sub_code = g_strconcat ("isv.invalid-parameter:", invalid[i].name, NULL);
      g_autofree char *msg = g_strconcat ("Invalid arguments:", invalid[i].name, NULL);

      g_test_message ("%s=%s", invalid[i].key, invalid[i].value);
      error = assert_error (root, 41, sub_code);
      g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, msg);
      g_assert_nonnull (json_object_get_string_member (error, "sub_msg"));
    }
}

static void
test_unknown_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/router/rest/more", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = send_message (fixture->session, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_NOT_FOUND);
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) banned = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *error;

  dd_sandbox_set_rate_limit (fixture->sandbox, 2, 10, 45);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.time.get", NULL);

      get_response (root, "time_get_response");
    }

  banned = top_call (fixture, &ok, "taobao.trades.sold.get", "fields", "tid", NULL);
  error = assert_error (banned, 7, "accesscontrol.limited-by-api-access-count");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "App Call Limited");
  g_assert_cmpstr (json_object_get_string_member (error, "sub_msg"), ==, "This ban will last for 45 more seconds");

  /* A signature failure is answered before the limit counts. */
  {
    TopCall wrong = { .secret = "not-the-secret" };
    g_autoptr(JsonObject) root = top_call (fixture, &wrong, "taobao.time.get", NULL);

    assert_error (root, 25, NULL);
  }

  dd_sandbox_advance_clock (fixture->sandbox, 46 * 1000);
  after = top_call (fixture, &ok, "taobao.time.get", NULL);
  get_response (after, "time_get_response");
}

static void
test_time_get (Fixture       *fixture,
               gconstpointer  data)
{
  TopCall no_session = { .session = "" };
  g_autoptr(JsonObject) root = top_call (fixture, &no_session, "taobao.time.get", NULL);
  JsonObject *response = get_response (root, "time_get_response");
  gint64 served = parse_beijing (json_object_get_string_member (response, "time"));
  gint64 now = g_get_real_time () / 1000;
  g_autoptr(GList) members = json_object_get_members (response);

  g_assert_cmpuint (g_list_length (members), ==, 2);
  g_assert_cmpint (ABS (served - now), <, 5000);

  /* The sandbox's clock, advanced by tests, is the clock it tells. */
  {
    g_autoptr(JsonObject) later = NULL;

    dd_sandbox_advance_clock (fixture->sandbox, 3 * MINUTE_MS);
    later = top_call (fixture, &no_session, "taobao.time.get", NULL);
    served = parse_beijing (json_object_get_string_member (get_response (later, "time_get_response"), "time"));
    g_assert_cmpint (ABS (served - now - 3 * MINUTE_MS), <, 5000);
  }
}

/* ---- seller trades ---------------------------------------------------------------- */

static void
assert_trade_shape (Fixture    *fixture,
                    JsonObject *trade)
{
  static const char * const keys[] = {
    "tid", "type", "status", "seller_nick", "buyer_nick", "created", "modified", "num", "num_iid",
    "price", "pic_path", "total_fee", "post_fee", "payment", "receiver_name", "receiver_state",
    "receiver_city", "receiver_district", "receiver_address", "receiver_zip", "receiver_mobile", "orders",
  };
  static const char * const order_keys[] = {
    "oid", "status", "title", "price", "num", "num_iid", "sku_id", "total_fee", "payment",
    "pic_path", "refund_status",
  };
  g_autofree char *image_prefix = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/img/", NULL);
  const char *status = json_object_get_string_member (trade, "status");
  JsonArray *orders;
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (trade, keys[i]));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (trade, "tid")), ==, G_TYPE_INT64);
  g_assert_true (is_yuan (json_object_get_string_member (trade, "payment")));
  g_assert_true (is_yuan (json_object_get_string_member (trade, "post_fee")));
  g_assert_cmpint (parse_beijing (json_object_get_string_member (trade, "created")), <=,
                   parse_beijing (json_object_get_string_member (trade, "modified")));
  g_assert_true (g_regex_match_simple ("^.\\*\\*$", json_object_get_string_member (trade, "receiver_name"), 0, 0));
  g_assert_true (g_regex_match_simple ("^1[0-9]{2}\\*\\*\\*\\*[0-9]{4}$",
                                       json_object_get_string_member (trade, "receiver_mobile"), 0, 0));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (trade, "pic_path"), image_prefix));
  /* Paid trades say when; unpaid ones don't. */
  if (g_str_equal (status, "WAIT_BUYER_PAY") || g_str_equal (status, "TRADE_NO_CREATE_PAY"))
    g_assert_false (json_object_has_member (trade, "pay_time"));

  orders = json_object_get_array_member (json_object_get_object_member (trade, "orders"), "order");
  g_assert_cmpuint (json_array_get_length (orders), >=, 1);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *order = json_array_get_object_element (orders, i);
      const char *order_status = json_object_get_string_member (order, "status");

      for (guint k = 0; k < G_N_ELEMENTS (order_keys); k++)
        g_assert_true (json_object_has_member (order, order_keys[k]));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (order, "oid")), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (order, "sku_id")), ==, G_TYPE_STRING);
      g_assert_cmpint (yuan_to_fen (json_object_get_string_member (order, "payment")), ==,
                       yuan_to_fen (json_object_get_string_member (order, "price")) *
                       json_object_get_int_member (order, "num"));
      total += yuan_to_fen (json_object_get_string_member (order, "payment"));
      /* Shipped orders carry their waybill. */
      if (g_str_equal (order_status, "WAIT_BUYER_CONFIRM_GOODS") || g_str_equal (order_status, "TRADE_FINISHED"))
        if (!g_str_equal (json_object_get_string_member (trade, "type"), "eticket"))
          {
            g_assert_nonnull (json_object_get_string_member (order, "logistics_company"));
            g_assert_nonnull (json_object_get_string_member (order, "invoice_no"));
          }
    }
  g_assert_cmpint (total + yuan_to_fen (json_object_get_string_member (trade, "post_fee")), ==,
                   yuan_to_fen (json_object_get_string_member (trade, "payment")));
}

static void
test_sold_get_shape (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *raw = NULL;
  g_autoptr(JsonObject) root = top_call_raw (fixture, &ok, &raw, "taobao.trades.sold.get",
                                             "fields", "tid,type,status,seller_nick,buyer_nick,created,modified,"
                                             "pay_time,num,num_iid,price,pic_path,total_fee,post_fee,payment,"
                                             "receiver_name,receiver_state,receiver_city,receiver_district,"
                                             "receiver_address,receiver_zip,receiver_mobile,orders",
                                             "page_size", "100", NULL);
  JsonArray *trades = get_trades (get_response (root, "trades_sold_get_response"));
  gboolean seen_sku_properties = FALSE;

  g_assert_cmpuint (json_array_get_length (trades), ==, 100);
  for (guint i = 0; i < json_array_get_length (trades); i++)
    assert_trade_shape (fixture, json_array_get_object_element (trades, i));

  /* Mainland Taobao: simplified Chinese, Taobao's property names. */
  seen_sku_properties = strstr (raw, "\"sku_properties_name\":\"颜色分类:") != NULL;
  g_assert_true (seen_sku_properties);
  g_assert_null (strstr (raw, "顏"));
  g_assert_null (strstr (raw, "組"));
  g_assert_null (strstr (raw, "機"));
  g_assert_null (strstr (raw, "陳"));
  g_assert_null (strstr (raw, "TWD"));
}

static void
test_fields (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.trades.sold.get",
                                         "fields", "tid, status,orders.oid,orders.title", "page_size", "5", NULL);
  JsonArray *trades = get_trades (get_response (root, "trades_sold_get_response"));

  for (guint i = 0; i < json_array_get_length (trades); i++)
    {
      JsonObject *trade = json_array_get_object_element (trades, i);
      g_autoptr(GList) members = json_object_get_members (trade);
      JsonArray *orders = json_object_get_array_member (json_object_get_object_member (trade, "orders"), "order");

      g_assert_cmpuint (g_list_length (members), ==, 3);
      g_assert_true (json_object_has_member (trade, "tid"));
      g_assert_true (json_object_has_member (trade, "status"));
      for (guint k = 0; k < json_array_get_length (orders); k++)
        {
          g_autoptr(GList) order_members = json_object_get_members (json_array_get_object_element (orders, k));

          g_assert_cmpuint (g_list_length (order_members), ==, 2);
        }
    }
}

/* Walks every page of sold.get; returns the tids in order. */
static GPtrArray *
walk_sold (Fixture    *fixture,
           const char *page_size,
           gboolean    use_has_next,
           gint64     *total_results)
{
  GPtrArray *tids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *last_created = NULL;
  gboolean more = TRUE;

  for (guint page = 1; more; page++)
    {
      g_autofree char *page_no = g_strdup_printf ("%u", page);
      g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.trades.sold.get",
                                             "fields", "tid,created", "page_no", page_no, "page_size", page_size,
                                             "use_has_next", use_has_next ? "true" : "false", NULL);
      JsonObject *response = get_response (root, "trades_sold_get_response");
      JsonArray *trades = get_trades (response);

      g_assert_cmpuint (page, <, 1000);
      for (guint i = 0; i < json_array_get_length (trades); i++)
        {
          JsonObject *trade = json_array_get_object_element (trades, i);
          const char *created = json_object_get_string_member (trade, "created");

          /* Newest first. */
          if (last_created != NULL)
            g_assert_cmpstr (created, <=, last_created);
          g_free (last_created);
          last_created = g_strdup (created);
          g_ptr_array_add (tids, g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (trade, "tid")));
        }

      if (use_has_next)
        {
          g_assert_false (json_object_has_member (response, "total_results"));
          more = json_object_get_boolean_member (response, "has_next");
          if (more)
            g_assert_cmpuint (json_array_get_length (trades), ==, g_ascii_strtoull (page_size, NULL, 10));
        }
      else
        {
          *total_results = json_object_get_int_member (response, "total_results");
          more = json_array_get_length (trades) > 0;
        }
    }
  return tids;
}

static void
test_sold_get_paging (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) by_total = NULL;
  g_autoptr(GPtrArray) by_has_next = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) all_types = NULL;
  gint64 total = 0;
  gint64 total_all_types;

  by_total = walk_sold (fixture, "37", FALSE, &total);
  by_has_next = walk_sold (fixture, "37", TRUE, NULL);
  g_assert_cmpint (total, ==, by_total->len);
  g_assert_cmpuint (by_has_next->len, ==, by_total->len);
  for (guint i = 0; i < by_total->len; i++)
    {
      g_assert_cmpstr (by_total->pdata[i], ==, by_has_next->pdata[i]);
      g_assert_true (g_hash_table_add (seen, by_total->pdata[i]));
    }

  /* The default "type" leaves e-voucher trades out; the full list has them all. */
  all_types = top_call (fixture, &ok, "taobao.trades.sold.get", "fields", "tid", "page_size", "1",
                        "type", "fixed,auction,guarantee_trade,step,cod,eticket,ec,auto_delivery", NULL);
  total_all_types = json_object_get_int_member (get_response (all_types, "trades_sold_get_response"), "total_results");
  g_assert_cmpint (total_all_types, ==, dd_sandbox_top_shop_get_n_trades (top_shop (fixture)));
  g_assert_cmpint (total, <, total_all_types);
  g_assert_cmpint (total, >, total_all_types * 9 / 10);
}

static gint64
count_sold (Fixture    *fixture,
            const char *key,
            const char *value)
{
  g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.trades.sold.get", "fields", "tid,status,type",
                                         "page_size", "100", key, value, NULL);
  JsonObject *response = get_response (root, "trades_sold_get_response");
  JsonArray *trades = get_trades (response);

  for (guint i = 0; i < json_array_get_length (trades); i++)
    {
      JsonObject *trade = json_array_get_object_element (trades, i);

      if (g_str_equal (key, "status") && !g_str_has_prefix (value, "ALL_"))
        g_assert_cmpstr (json_object_get_string_member (trade, "status"), ==, value);
      if (g_str_equal (key, "status") && g_str_equal (value, "ALL_CLOSED"))
        g_assert_true (g_str_has_prefix (json_object_get_string_member (trade, "status"), "TRADE_CLOSED"));
      if (g_str_equal (key, "type"))
        g_assert_cmpstr (json_object_get_string_member (trade, "type"), ==, value);
    }
  return json_object_get_int_member (response, "total_results");
}

static void
test_sold_get_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const statuses[] = {
    "TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART",
    "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED", "TRADE_CLOSED",
    "TRADE_CLOSED_BY_TAOBAO",
  };
  gint64 now = dd_sandbox_now_ms (fixture->sandbox);
  g_autofree char *week_ago = beijing (now - 7 * DAY_MS);
  g_autofree char *day_ago = beijing (now - DAY_MS);
  g_autoptr(JsonObject) window = NULL;
  JsonArray *trades;

  /* A shop of 500 has every generated status. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_assert_cmpint (count_sold (fixture, "status", statuses[i]), >, 0);
  g_assert_cmpint (count_sold (fixture, "status", "ALL_CLOSED"), ==,
                   count_sold (fixture, "status", "TRADE_CLOSED") + count_sold (fixture, "status", "TRADE_CLOSED_BY_TAOBAO"));
  g_assert_cmpint (count_sold (fixture, "type", "cod"), >, 0);
  g_assert_cmpint (count_sold (fixture, "type", "fixed"), >, count_sold (fixture, "type", "cod"));

  window = top_call (fixture, &ok, "taobao.trades.sold.get", "fields", "tid,created", "page_size", "100",
                     "start_created", week_ago, "end_created", day_ago, NULL);
  trades = get_trades (get_response (window, "trades_sold_get_response"));
  g_assert_cmpuint (json_array_get_length (trades), >, 0);
  for (guint i = 0; i < json_array_get_length (trades); i++)
    {
      const char *created = json_object_get_string_member (json_array_get_object_element (trades, i), "created");

      g_assert_cmpstr (created, >=, week_ago);
      g_assert_cmpstr (created, <=, day_ago);
    }

  /* An empty answer has no "trades" at all, as TOP's. */
  {
    g_autofree char *long_ago = beijing (now - 400 * DAY_MS);
    g_autofree char *less_long_ago = beijing (now - 399 * DAY_MS);
    g_autoptr(JsonObject) empty = top_call (fixture, &ok, "taobao.trades.sold.get", "fields", "tid",
                                            "start_created", long_ago, "end_created", less_long_ago, NULL);
    JsonObject *response = get_response (empty, "trades_sold_get_response");

    g_assert_cmpint (json_object_get_int_member (response, "total_results"), ==, 0);
    g_assert_false (json_object_has_member (response, "trades"));
  }
}

static void
test_increment (Fixture       *fixture,
                gconstpointer  data)
{
  DdSandboxTopShop *shop = top_shop (fixture);
  gint64 now = dd_sandbox_now_ms (fixture->sandbox);
  g_autofree char *tid = dd_sandbox_top_shop_dup_tid (shop, 200);
  g_autofree char *start = beijing (now - 20 * MINUTE_MS);
  g_autofree char *end = beijing (now + 20 * MINUTE_MS);
  g_autofree char *too_early = beijing (now - DAY_MS - MINUTE_MS);
  g_autofree char *week_start = beijing (now - 3 * DAY_MS);
  g_autofree char *week_end = beijing (now - 2 * DAY_MS);
  g_autoptr(JsonObject) too_wide = top_call (fixture, &ok, "taobao.trades.sold.increment.get", "fields", "tid",
                                             "start_modified", too_early, "end_modified", end, NULL);
  g_autoptr(JsonObject) no_start = top_call (fixture, &ok, "taobao.trades.sold.increment.get", "fields", "tid",
                                             "end_modified", end, NULL);
  g_autoptr(JsonObject) backwards = top_call (fixture, &ok, "taobao.trades.sold.increment.get", "fields", "tid",
                                              "start_modified", end, "end_modified", start, NULL);
  g_autoptr(JsonObject) day = NULL;
  g_autoptr(JsonObject) recent = NULL;
  g_autofree char *last = NULL;
  JsonArray *trades;
  gboolean found = FALSE;

  g_assert_true (g_str_has_prefix (json_object_get_string_member (assert_error (too_wide, 41, "*"), "sub_code"),
                                   "isv.invalid-parameter"));
  assert_error (no_start, 40, "isv.missing-parameter:start_modified");
  assert_error (backwards, 41, "*");

  /* A day's window: by modified, newest first, all inside. */
  day = top_call (fixture, &ok, "taobao.trades.sold.increment.get", "fields", "tid,modified",
                  "start_modified", week_start, "end_modified", week_end, "page_size", "100", NULL);
  trades = get_trades (get_response (day, "trades_sold_increment_get_response"));
  g_assert_cmpuint (json_array_get_length (trades), >, 0);
  for (guint i = 0; i < json_array_get_length (trades); i++)
    {
      const char *modified = json_object_get_string_member (json_array_get_object_element (trades, i), "modified");

      g_assert_cmpstr (modified, >=, week_start);
      g_assert_cmpstr (modified, <=, week_end);
      if (last != NULL)
        g_assert_cmpstr (modified, <=, last);
      g_free (last);
      last = g_strdup (modified);
    }

  /* A trade that changes now shows up in a window around now. */
  g_assert_true (dd_sandbox_top_shop_set_status (shop, tid, "TRADE_FINISHED", now));
  recent = top_call (fixture, &ok, "taobao.trades.sold.increment.get", "fields", "tid,status,modified",
                     "start_modified", start, "end_modified", end, "use_has_next", "true", NULL);
  trades = get_trades (get_response (recent, "trades_sold_increment_get_response"));
  for (guint i = 0; i < json_array_get_length (trades); i++)
    {
      JsonObject *trade = json_array_get_object_element (trades, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (trade, "tid"));

      if (g_str_equal (id, tid))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (trade, "status"), ==, "TRADE_FINISHED");
        }
    }
  g_assert_true (found);
  g_assert_false (json_object_get_boolean_member (get_response (recent, "trades_sold_increment_get_response"),
                                                  "has_next"));
}

static void
test_fullinfo (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *tid = dd_sandbox_top_shop_dup_tid (top_shop (fixture), 3);
  g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.trade.fullinfo.get",
                                         "fields", "tid,type,status,seller_nick,buyer_nick,created,modified,num,"
                                         "num_iid,price,pic_path,total_fee,post_fee,payment,receiver_name,"
                                         "receiver_state,receiver_city,receiver_district,receiver_address,"
                                         "receiver_zip,receiver_mobile,orders", "tid", tid, NULL);
  g_autoptr(JsonObject) unknown = top_call (fixture, &ok, "taobao.trade.fullinfo.get",
                                            "fields", "tid", "tid", "1000000000000001", NULL);
  JsonObject *trade = json_object_get_object_member (get_response (root, "trade_fullinfo_get_response"), "trade");
  g_autofree char *served = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (trade, "tid"));

  g_assert_cmpstr (served, ==, tid);
  assert_trade_shape (fixture, trade);
  assert_error (unknown, 15, "isv.trade-not-exist");
}

/* Ids above 2^53 arrive as plain JSON integers, digit for digit. */
static void
test_big_ids (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *raw = NULL;
  g_autoptr(JsonObject) root = top_call_raw (fixture, &ok, &raw, "taobao.trades.sold.get",
                                             "fields", "tid,orders.oid", "page_size", "100", NULL);
  JsonArray *trades = get_trades (get_response (root, "trades_sold_get_response"));
  guint n_big = 0, n_small = 0, n_big_oids = 0;
  gint64 big_tid = 0;

  for (guint i = 0; i < json_array_get_length (trades); i++)
    {
      JsonObject *trade = json_array_get_object_element (trades, i);
      JsonArray *orders = json_object_get_array_member (json_object_get_object_member (trade, "orders"), "order");
      gint64 tid = json_object_get_int_member (trade, "tid");

      if (tid > BIG_ID)
        {
          g_autofree char *literal = g_strdup_printf ("\"tid\":%" G_GINT64_FORMAT, tid);

          g_assert_nonnull (strstr (raw, literal));
          big_tid = tid;
          n_big++;
        }
      else
        n_small++;
      for (guint k = 0; k < json_array_get_length (orders); k++)
        if (json_object_get_int_member (json_array_get_object_element (orders, k), "oid") > BIG_ID)
          n_big_oids++;
    }
  g_assert_cmpuint (n_big, >, 0);
  g_assert_cmpuint (n_small, >, 0);
  g_assert_cmpuint (n_big_oids, >, 0);
  g_assert_null (strstr (raw, "e+"));

  /* And a big tid asked for by its digits comes back exactly. */
  {
    g_autofree char *tid = g_strdup_printf ("%" G_GINT64_FORMAT, big_tid);
    g_autofree char *full = NULL;
    g_autoptr(JsonObject) one = top_call_raw (fixture, &ok, &full, "taobao.trade.fullinfo.get",
                                              "fields", "tid", "tid", tid, NULL);
    g_autofree char *literal = g_strdup_printf ("{\"tid\":%s}", tid);

    get_response (one, "trade_fullinfo_get_response");
    g_assert_nonnull (strstr (full, literal));
  }
}

static JsonObject *
close_trade (Fixture    *fixture,
             const char *tid,
             const char *reason)
{
  return top_call (fixture, &ok, "taobao.trade.close", "tid", tid, "close_reason", reason, NULL);
}

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  DdSandboxTopShop *shop = top_shop (fixture);
  g_autofree char *tid = dd_sandbox_top_shop_add_trade (shop, dd_sandbox_now_ms (fixture->sandbox));
  g_autofree char *status = NULL;
  g_autoptr(JsonObject) too_fast = close_trade (fixture, tid, "缺货");
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) full = NULL;
  JsonObject *trade;
  JsonObject *error;

  error = assert_error (too_fast, 15, "isv.CLOSE_TRADE_TOO_FAST");
  g_assert_cmpstr (json_object_get_string_member (error, "msg"), ==, "Remote service error");
  status = dd_sandbox_top_shop_dup_status (shop, tid);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");

  dd_sandbox_advance_clock (fixture->sandbox, 11 * 1000);
  closed = close_trade (fixture, tid, "缺货");
  trade = json_object_get_object_member (get_response (closed, "trade_close_response"), "trade");
  g_assert_cmpint (json_object_get_int_member (trade, "tid"), ==, g_ascii_strtoll (tid, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (trade, "status"), ==, "TRADE_CLOSED");
  g_assert_cmpint (ABS (parse_beijing (json_object_get_string_member (trade, "modified")) -
                        dd_sandbox_now_ms (fixture->sandbox)), <, 5000);

  full = top_call (fixture, &ok, "taobao.trade.fullinfo.get", "fields", "status,modified,end_time", "tid", tid, NULL);
  trade = json_object_get_object_member (get_response (full, "trade_fullinfo_get_response"), "trade");
  g_assert_cmpstr (json_object_get_string_member (trade, "status"), ==, "TRADE_CLOSED");
  g_assert_cmpstr (json_object_get_string_member (trade, "modified"), ==,
                   json_object_get_string_member (trade, "end_time"));

  /* Closed is not unpaid any more. */
  again = close_trade (fixture, tid, "缺货");
  assert_error (again, 15, "isv.trade-status-error");
}

static void
test_close_refusals (Fixture       *fixture,
                     gconstpointer  data)
{
  DdSandboxTopShop *shop = top_shop (fixture);
  gint64 now = dd_sandbox_now_ms (fixture->sandbox);
  g_autofree char *paid = dd_sandbox_top_shop_add_trade (shop, now);
  g_autofree char *unpaid = dd_sandbox_top_shop_add_trade (shop, now);
  g_autoptr(JsonObject) paid_root = NULL;
  g_autoptr(JsonObject) bad_reason = NULL;
  g_autoptr(JsonObject) no_reason = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(JsonObject) documented = NULL;
  g_autofree char *status = NULL;

  g_assert_true (dd_sandbox_top_shop_set_status (shop, paid, "WAIT_SELLER_SEND_GOODS", now));
  dd_sandbox_advance_clock (fixture->sandbox, 60 * 1000);

  paid_root = close_trade (fixture, paid, "买家不想买了");
  assert_error (paid_root, 15, "isv.trade-status-error");
  bad_reason = close_trade (fixture, unpaid, "不想卖了");
  assert_error (bad_reason, 41, "isv.invalid-parameter:close_reason");
  no_reason = top_call (fixture, &ok, "taobao.trade.close", "tid", unpaid, NULL);
  assert_error (no_reason, 40, "isv.missing-parameter:close_reason");
  unknown = close_trade (fixture, "1000000000000001", "缺货");
  assert_error (unknown, 15, "isv.trade-not-exist");

  /* The third reason, written as API.md writes it (no comma), is one of the seven. */
  documented = close_trade (fixture, unpaid, "买家信息填写错误重新拍");
  get_response (documented, "trade_close_response");
  status = dd_sandbox_top_shop_dup_status (shop, unpaid);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
}

/* ---- the shop itself --------------------------------------------------------------- */

static void
test_deterministic (void)
{
  gint64 now = 1720058400000; /* 2024-07-04 10:00:00 Beijing time */
  DdSandboxTopShop *one = dd_sandbox_top_shop_new (7, 300, 60, now);
  DdSandboxTopShop *two = dd_sandbox_top_shop_new (7, 300, 60, now);
  DdSandboxTopShop *other = dd_sandbox_top_shop_new (8, 300, 60, now);
  g_autoptr(GPtrArray) tids_one = dd_sandbox_top_shop_list_tids (one);
  g_autoptr(GPtrArray) tids_two = dd_sandbox_top_shop_list_tids (two);
  g_autoptr(GPtrArray) tids_other = dd_sandbox_top_shop_list_tids (other);
  g_autoptr(GPtrArray) pc_one = dd_sandbox_top_shop_list_pc_ids (one);
  g_autoptr(GPtrArray) pc_two = dd_sandbox_top_shop_list_pc_ids (two);

  g_assert_cmpuint (tids_one->len, ==, 300);
  g_assert_cmpuint (pc_one->len, ==, 60);
  for (guint i = 0; i < tids_one->len; i++)
    {
      g_autofree char *status_one = dd_sandbox_top_shop_dup_status (one, tids_one->pdata[i]);
      g_autofree char *status_two = dd_sandbox_top_shop_dup_status (two, tids_two->pdata[i]);

      g_assert_cmpstr (tids_one->pdata[i], ==, tids_two->pdata[i]);
      g_assert_cmpstr (status_one, ==, status_two);
      if (i > 0)
        g_assert_cmpint (strcmp (tids_one->pdata[i - 1], tids_one->pdata[i]), <, 0);
    }
  for (guint i = 0; i < pc_one->len; i++)
    g_assert_cmpstr (pc_one->pdata[i], ==, pc_two->pdata[i]);
  g_assert_cmpstr (tids_one->pdata[0], !=, tids_other->pdata[0]);

  dd_sandbox_top_shop_free (one);
  dd_sandbox_top_shop_free (two);
  dd_sandbox_top_shop_free (other);
}

static void
test_helpers (void)
{
  gint64 now = 1720058400000;
  DdSandboxTopShop *shop = dd_sandbox_top_shop_new (3, 50, 10, now);
  g_autofree char *tid = dd_sandbox_top_shop_add_trade (shop, now + 1000);
  g_autofree char *newest = dd_sandbox_top_shop_dup_tid (shop, 0);
  g_autofree char *status = dd_sandbox_top_shop_dup_status (shop, tid);
  g_autofree char *shipped = NULL;

  g_assert_cmpuint (dd_sandbox_top_shop_get_n_trades (shop), ==, 51);
  g_assert_cmpstr (newest, ==, tid);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");
  g_assert_true (dd_sandbox_top_shop_set_status (shop, tid, "WAIT_BUYER_CONFIRM_GOODS", now + 5000));
  shipped = dd_sandbox_top_shop_dup_status (shop, tid);
  g_assert_cmpstr (shipped, ==, "WAIT_BUYER_CONFIRM_GOODS");
  g_assert_false (dd_sandbox_top_shop_set_status (shop, tid, "SHIPPED", now));
  g_assert_false (dd_sandbox_top_shop_set_status (shop, "1", "TRADE_FINISHED", now));
  g_assert_null (dd_sandbox_top_shop_dup_status (shop, "not-a-tid"));
  g_assert_null (dd_sandbox_top_shop_dup_tid (shop, 51));
  dd_sandbox_top_shop_free (shop);
}

/* The first trades and orders of any shop cover every generated status. */
static void
test_small_shop (void)
{
  static const char * const statuses[] = {
    "TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART",
    "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED", "TRADE_CLOSED",
    "TRADE_CLOSED_BY_TAOBAO",
  };
  static const char * const pc_statuses[] = {
    "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED",
    "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO",
  };

  for (guint64 seed = 1; seed <= 20; seed++)
    {
      DdSandboxTopShop *shop = dd_sandbox_top_shop_new (seed, G_N_ELEMENTS (statuses), G_N_ELEMENTS (pc_statuses),
                                                        g_get_real_time () / 1000);
      g_autoptr(GPtrArray) tids = dd_sandbox_top_shop_list_tids (shop);
      g_autoptr(GPtrArray) pc_ids = dd_sandbox_top_shop_list_pc_ids (shop);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) pc_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < tids->len; i++)
        g_hash_table_add (seen, dd_sandbox_top_shop_dup_status (shop, tids->pdata[i]));
      for (guint i = 0; i < pc_ids->len; i++)
        g_hash_table_add (pc_seen, dd_sandbox_top_shop_dup_pc_status (shop, pc_ids->pdata[i]));
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        g_assert_true (g_hash_table_contains (seen, statuses[i]));
      for (guint i = 0; i < G_N_ELEMENTS (pc_statuses); i++)
        g_assert_true (g_hash_table_contains (pc_seen, pc_statuses[i]));
      dd_sandbox_top_shop_free (shop);
    }
}

/* Sized for 100,000 trades: generated quickly, ids unique. */
static void
test_large (void)
{
  gint64 start = g_get_monotonic_time ();
  DdSandboxTopShop *shop = dd_sandbox_top_shop_new (1, 100000, 20000, g_get_real_time () / 1000);
  g_autoptr(GPtrArray) tids = dd_sandbox_top_shop_list_tids (shop);
  g_autoptr(GPtrArray) pc_ids = dd_sandbox_top_shop_list_pc_ids (shop);

  g_assert_cmpuint (tids->len, ==, 100000);
  g_assert_cmpuint (pc_ids->len, ==, 20000);
  for (guint i = 1; i < tids->len; i++)
    g_assert_cmpstr (tids->pdata[i - 1], !=, tids->pdata[i]);
  for (guint i = 1; i < pc_ids->len; i++)
    g_assert_cmpstr (pc_ids->pdata[i - 1], !=, pc_ids->pdata[i]);
  g_test_message ("generated in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  dd_sandbox_top_shop_free (shop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/sandbox/top/deterministic", test_deterministic);
  g_test_add_func ("/dingdan/sandbox/top/helpers", test_helpers);
  g_test_add_func ("/dingdan/sandbox/top/small-shop", test_small_shop);
  g_test_add_func ("/dingdan/sandbox/top/large", test_large);

#define ADD(path, func) \
  g_test_add ("/dingdan/sandbox/top/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("sign-methods", test_sign_methods);
  ADD ("router-errors", test_router_errors);
  ADD ("timestamp-zone", test_timestamp_zone);
  ADD ("required-and-invalid", test_required_and_invalid);
  ADD ("unknown-path", test_unknown_path);
  ADD ("rate-limit", test_rate_limit);
  ADD ("time-get", test_time_get);
  ADD ("sold-get-shape", test_sold_get_shape);
  ADD ("fields", test_fields);
  ADD ("sold-get-paging", test_sold_get_paging);
  ADD ("sold-get-filters", test_sold_get_filters);
  ADD ("increment", test_increment);
  ADD ("fullinfo", test_fullinfo);
  ADD ("big-ids", test_big_ids);
  ADD ("close", test_close);
  ADD ("close-refusals", test_close_refusals);
#undef ADD

  return g_test_run ();
}
