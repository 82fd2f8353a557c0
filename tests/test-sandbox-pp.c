/* test-sandbox-pp.c: the sandbox speaks PandaPon as documented (calls, reads)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Authentication, the envelope, rate limits, creating orders (compared with
 * the documentation's example, seed 002, found through $DINGDAN_SEEDS),
 * listing and detail, and the generated account. The writes are in
 * test-sandbox-pp-actions.c; shapes follow /work/brief/pp-shape.md.
 */
#include "config.h"

#include "pp-test-call.h"

/* ---- authentication ----------------------------------------------------------- */

static void
test_missing_headers (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const headers[] = { "access-key", "timestamp", "nonce-str", "user-id", "signature" };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      PpAuth auth = { .omit = headers[i] };
      g_autoptr(JsonObject) answer = pp_call (fixture, &auth, "GET", "/open/order/page", NULL);

      assert_code (answer, 400);
      g_assert_nonnull (strstr (json_object_get_string_member (answer, "msg"), headers[i]));
    }
}

static void
test_bad_access_key (Fixture       *fixture,
                     gconstpointer  data)
{
  PpAuth auth = { .access_key = "999999" };
  g_autoptr(JsonObject) answer = pp_call (fixture, &auth, "GET", "/open/order/page", NULL);

  assert_code (answer, 401);
}

static void
test_bad_signature (Fixture       *fixture,
                    gconstpointer  data)
{
  PpAuth wrong_secret = { .secret = "not-the-secret" };
  PpAuth garbage = { .signature = "B7F83FE2ADC8D8F044F2E01F0FFE8C80" };
  PpAuth lower = { .lower_case = TRUE };
  g_autoptr(JsonObject) first = pp_call (fixture, &wrong_secret, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) second = pp_call (fixture, &garbage, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) third = pp_call (fixture, &lower, "GET", "/open/order/page", NULL);

  assert_code (first, 402);
  assert_code (second, 402);
  /* Hex is compared case-insensitively. */
  assert_code (third, 200);
}

static void
test_timestamp (Fixture       *fixture,
                gconstpointer  data)
{
  PpAuth old = { .skew_ms = -601 * 1000 };
  PpAuth future = { .skew_ms = 601 * 1000 };
  PpAuth within = { .skew_ms = -590 * 1000 };
  PpAuth seconds = { .timestamp = "1715669977" }; /* not milliseconds: far in the past */
  PpAuth words = { .timestamp = "yesterday" };
  g_autoptr(JsonObject) a = pp_call (fixture, &old, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) b = pp_call (fixture, &future, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) c = pp_call (fixture, &within, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) d = pp_call (fixture, &seconds, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) e = pp_call (fixture, &words, "GET", "/open/order/page", NULL);

  assert_code (a, 403);
  assert_code (b, 403);
  assert_code (c, 200);
  assert_code (d, 403);
  assert_code (e, 403);
}

static void
test_replayed_nonce (Fixture       *fixture,
                     gconstpointer  data)
{
  PpAuth same = { .nonce = "0123456789abcdefABCDEF0123456789" };
  PpAuth short_nonce = { .nonce = "nonce-str" };
  g_autoptr(JsonObject) first = pp_call (fixture, &same, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) again = pp_call (fixture, &same, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) malformed = pp_call (fixture, &short_nonce, "GET", "/open/order/page", NULL);
  g_autoptr(JsonObject) later = NULL;

  assert_code (first, 200);
  assert_code (again, 402);
  g_assert_nonnull (strstr (json_object_get_string_member (again, "msg"), "nonce"));
  assert_code (malformed, 400);

  /* Out of the window, the old timestamp would be refused anyway; a fresh
   * timestamp with the same nonce is still a replay within 2 × 600 s. */
  dd_sandbox_advance_clock (fixture->sandbox, 700 * 1000);
  later = pp_call (fixture, &same, "GET", "/open/order/page", NULL);
  assert_code (later, 402);
}

static void
test_unknown_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = pp_message (fixture, &pp_ok, "GET", "/open/order/nothing", NULL);
  g_autoptr(GBytes) body = send_message (fixture, msg, SOUP_STATUS_NOT_FOUND);
  g_autoptr(JsonObject) answer = envelope (msg, body);
  g_autoptr(SoupMessage) wrong_method = pp_message (fixture, &pp_ok, "GET", "/open/order/pay", NULL);
  g_autoptr(GBytes) wrong_body = send_message (fixture, wrong_method, SOUP_STATUS_NOT_FOUND);
  g_autoptr(JsonObject) wrong = envelope (wrong_method, wrong_body);

  assert_code (answer, 404);
  assert_code (wrong, 404);
}

static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) banned = NULL;
  g_autoptr(JsonObject) after = NULL;

  dd_sandbox_set_rate_limit (fixture->sandbox, 2, 60, 30);
  first = pp_get (fixture, "/open/order/page");
  second = pp_get (fixture, "/open/order/page");
  banned = pp_get (fixture, "/open/order/page");
  assert_code (first, 200);
  assert_code (second, 200);
  assert_code (banned, 429);
  g_assert_cmpstr (json_object_get_string_member (banned, "msg"), ==,
                   "Request limit exceeded, this ban will last for 30 more seconds");

  /* Past the ban and the counting window. */
  dd_sandbox_advance_clock (fixture->sandbox, 61 * 1000);
  after = pp_get (fixture, "/open/order/page");
  assert_code (after, 200);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/page"), ==, 4);
}

/* ---- create ----------------------------------------------------------------- */

/* The example answer of seed 002, or NULL when the seeds are not found. */
static JsonNode *
load_seed_answer (void)
{
  const char *dir = g_getenv ("DINGDAN_SEEDS");
  g_autoptr(GDir) seeds = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  JsonNode *answer = NULL;
  const char *name;

  if (dir == NULL || (seeds = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (seeds)) != NULL)
    if (g_str_has_prefix (name, "002_"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      }
  if (text == NULL)
    return NULL;

  /* Examples are bare JSON starting at a line "{"; the last is the answer. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) json = NULL;

      if (!g_str_equal (lines[i], "{"))
        continue;
      json = g_string_new (NULL);
      for (guint k = i; lines[k] != NULL; k++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_string_append_printf (json, "%s\n", lines[k]);
          if (lines[k][0] == '}' && json_parser_load_from_data (parser, json->str, -1, NULL))
            {
              g_clear_pointer (&answer, json_node_unref);
              answer = json_node_copy (json_parser_get_root (parser));
              i = k;
              break;
            }
        }
    }
  g_assert_nonnull (answer);
  g_assert_true (json_object_has_member (json_node_get_object (answer), "requestId"));
  return answer;
}

/* @ours has exactly @seed's members, with its types where the example is not null. */
static void
assert_seed_shape (JsonObject *seed,
                   JsonObject *ours,
                   const char *where)
{
  g_autoptr(GList) members = json_object_get_members (seed);

  g_assert_cmpuint (json_object_get_size (ours), ==, json_object_get_size (seed));
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *a = json_object_get_member (seed, l->data);
      JsonNode *b = json_object_get_member (ours, l->data);

      if (b == NULL)
        g_error ("%s.%s: missing", where, (const char *) l->data);
      if (JSON_NODE_HOLDS_NULL (a))
        continue;
      if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b) ||
          (JSON_NODE_HOLDS_VALUE (a) && json_node_get_value_type (a) != json_node_get_value_type (b)))
        g_error ("%s.%s: not of the example's type", where, (const char *) l->data);
    }
}

static void
test_create_seed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) seed = load_seed_answer ();
  g_autoptr(JsonObject) answer = pp_post (fixture, "/open/order", seed_create_body);
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(GRegex) time = g_regex_new ("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$", 0, 0, NULL);
  JsonObject *created = data_of (answer);
  JsonArray *lines = json_object_get_array_member (created, "subOrderVOS");
  JsonObject *line;

  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  line = json_array_get_object_element (lines, 0);
  g_assert_cmpstr (json_object_get_string_member (line, "itemId"), ==, "600126245031041190");
  g_assert_cmpstr (json_object_get_string_member (line, "skuId"), ==, "5016042822039");
  g_assert_cmpint (json_object_get_int_member (line, "quantity"), ==, 200);
  g_assert_cmpint (json_object_get_int_member (line, "purchaseAmount"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (line, "orderNo"), ==,
                   json_object_get_string_member (created, "orderNo"));
  g_assert_true (json_object_get_null_member (line, "errorCode"));
  g_assert_true (g_regex_match (time, json_object_get_string_member (created, "createTime"), 0, NULL));

  if (seed != NULL)
    {
      JsonObject *seed_data = json_object_get_object_member (json_node_get_object (seed), "data");
      JsonArray *seed_lines = json_object_get_array_member (seed_data, "subOrderVOS");

      assert_seed_shape (json_node_get_object (seed), answer, "$");
      assert_seed_shape (seed_data, created, "$.data");
      for (guint i = 0; i < json_array_get_length (lines); i++)
        assert_seed_shape (json_array_get_object_element (seed_lines, 0),
                           json_array_get_object_element (lines, i), "$.data.subOrderVOS[]");
    }
  else
    g_test_message ("DINGDAN_SEEDS not set: the answer is not compared with the documentation's");

  /* The detail of the new order: unpaid, the receiver string kept. */
  order = detail (fixture, json_object_get_string_member (created, "orderNo"));
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "WAIT_BUYER_PAY");
  g_assert_cmpstr (json_object_get_string_member (order, "payStatus"), ==, "UNPAID");
  g_assert_cmpstr (json_object_get_string_member (order, "sellerOrderNumber"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (order, "orderSource"), ==, "lazada");
  g_assert_nonnull (strstr (json_object_get_string_member (order, "receiver"), "a测试aa"));
  /* orderLineList comes back exactly as sent. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *sent;

    g_assert_true (json_parser_load_from_data (parser, seed_create_body, -1, NULL));
    sent = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (order, "orderLineList"), ==,
                     json_object_get_string_member (sent, "orderLineList"));
    g_assert_cmpstr (json_object_get_string_member (order, "receiver"), ==,
                     json_object_get_string_member (sent, "receiver"));
  }
  /* ¥4.00 of goods, and ¥6.00 domestic shipping below ¥99. */
  g_assert_cmpint (json_object_get_int_member (order, "purchaseAmount"), ==, 1000);
  g_assert_true (json_object_get_null_member (order, "payTime"));
  g_assert_cmpint (json_object_get_int_member (order, "createTime"), ==,
                   json_object_get_int_member (order, "updateTime"));
}

static void
test_create_idempotent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *body = create_body ("dd-key-1", "600000000000000001:2:5000", 10000);
  g_autoptr(JsonObject) first = pp_post (fixture, "/open/order", body);
  guint count = dd_sandbox_pp_shop_count_orders (shop_of (fixture));
  g_autoptr(JsonObject) again = pp_post (fixture, "/open/order", body);
  g_autofree char *other = create_body ("dd-key-2", "600000000000000001:2:5000", 10000);
  g_autoptr(JsonObject) different = pp_post (fixture, "/open/order", other);
  const char *order_no = json_object_get_string_member (data_of (first), "orderNo");

  assert_code (again, 4091);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (again, "data"), "orderNo"),
                   ==, order_no);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (again, "data"), "id"),
                   ==, json_object_get_string_member (data_of (first), "id"));
  /* Another key makes another order; the repeated one did not. */
  g_assert_cmpstr (json_object_get_string_member (data_of (different), "orderNo"), !=, order_no);
  g_assert_cmpuint (dd_sandbox_pp_shop_count_orders (shop_of (fixture)), ==, count + 1);
}

static void
test_create_off_shelf (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *body = create_body ("dd-key-3", "600000000000000001:1:12800,999000000000000002:2:1000", 14800);
  g_autoptr(JsonObject) answer = pp_post (fixture, "/open/order", body);
  JsonArray *lines = json_object_get_array_member (data_of (answer), "subOrderVOS");
  JsonObject *good = json_array_get_object_element (lines, 0);
  JsonObject *failed = json_array_get_object_element (lines, 1);
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *all_body = create_body ("dd-key-4", "999000000000000002:1:1000", 1000);
  g_autoptr(JsonObject) all = pp_post (fixture, "/open/order", all_body);
  g_autofree char *all_status = NULL;

  g_assert_true (json_object_get_null_member (good, "errorCode"));
  g_assert_cmpstr (json_object_get_string_member (failed, "errorCode"), ==, "ITEM_OFF_SHELF");
  g_assert_nonnull (json_object_get_string_member (failed, "errorMessage"));
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "TRADE_CLOSED");

  /* The order goes ahead without it (and ¥128 ships free). */
  order = detail (fixture, json_object_get_string_member (data_of (answer), "orderNo"));
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "WAIT_BUYER_PAY");
  g_assert_cmpint (json_object_get_int_member (order, "purchaseAmount"), ==, 12800);

  /* Nothing to buy at all: the order is closed at once. */
  all_status = detail_status (fixture, json_object_get_string_member (data_of (all), "orderNo"));
  g_assert_cmpstr (all_status, ==, "TRADE_CLOSED");
}

static void
test_create_invalid (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const bodies[] = {
    /* orderLineList an array, not a JSON string */
    "{\"orderLineList\":[{\"itemId\":\"600000000000000001\",\"quantity\":\"1\",\"price\":\"1\"}],"
    "\"receiver\":\"{\\\"name\\\":\\\"张三\\\",\\\"mobile_phone\\\":\\\"1\\\",\\\"address\\\":\\\"a\\\","
    "\\\"city\\\":\\\"c\\\",\\\"state\\\":\\\"s\\\"}\"}",
    /* orderLineList a malformed string */
    "{\"orderLineList\":\"[{\\\"itemId\\\":\",\"receiver\":\"{}\"}",
    /* orderLineList a string of an object */
    "{\"orderLineList\":\"{\\\"itemId\\\":\\\"1\\\"}\",\"receiver\":\"{}\"}",
    /* an empty list */
    "{\"orderLineList\":\"[]\",\"receiver\":\"{}\"}",
    /* missing */
    "{\"receiver\":\"{}\"}",
    "not json",
    "[]",
  };
  static const char * const lines[] = {
    "600000000000000001:abc:100",   /* quantity not a number */
    "600000000000000001:0:100",     /* quantity zero */
    "600000000000000001:1:1.50",    /* price not whole fen */
    "abc:1:100",                    /* itemId not digits */
  };
  guint count = dd_sandbox_pp_shop_count_orders (shop_of (fixture));
  g_autofree char *low = create_body ("k-low", "600000000000000001:2:100", 199);
  g_autofree char *receiver_body = NULL;
  g_autofree char *no_name = NULL;
  g_autofree char *as_object = NULL;
  g_autofree char *amount_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *root;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_post_code (fixture, "/open/order", bodies[i], 400);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *body = create_body (NULL, lines[i], 100000);

      assert_post_code (fixture, "/open/order", body, 400);
    }

  /* A budget below the lines' total. */
  answer = pp_post (fixture, "/open/order", low);
  assert_code (answer, 400);
  g_assert_nonnull (strstr (json_object_get_string_member (answer, "msg"), "purchaseAmount"));

  /* A receiver that lacks a name, is not a JSON string; a budget as text. */
  receiver_body = create_body ("k-r", "600000000000000001:1:100", 100);
  g_assert_true (json_parser_load_from_data (parser, receiver_body, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  json_generator_set_root (generator, json_parser_get_root (parser));

  json_object_set_string_member (root, "receiver",
                                 "{\"mobile_phone\":\"1\",\"address\":\"a\",\"city\":\"c\",\"state\":\"s\"}");
  no_name = json_generator_to_data (generator, NULL);
  assert_post_code (fixture, "/open/order", no_name, 400);

  json_object_set_object_member (root, "receiver", json_object_new ());
  as_object = json_generator_to_data (generator, NULL);
  assert_post_code (fixture, "/open/order", as_object, 400);

  json_object_set_string_member (root, "receiver", receiver_text);
  json_object_set_string_member (root, "purchaseAmount", "100");
  amount_text = json_generator_to_data (generator, NULL);
  assert_post_code (fixture, "/open/order", amount_text, 400);

  g_assert_cmpuint (dd_sandbox_pp_shop_count_orders (shop_of (fixture)), ==, count);
}

/* ---- list and detail ------------------------------------------------------------ */

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) order_nos = dd_sandbox_pp_shop_list_order_nos (shop_of (fixture));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) too_big = pp_get (fixture, "/open/order/page?pageSize=51");
  g_autoptr(JsonObject) zero = pp_get (fixture, "/open/order/page?pageNo=0");
  gint64 previous = G_MAXINT64;
  guint page = 1;

  g_assert_cmpuint (order_nos->len, ==, N_ORDERS / 5);
  for (;; page++)
    {
      g_autofree char *path = g_strdup_printf ("/open/order/page?pageNo=%u&pageSize=50", page);
      g_autoptr(JsonObject) answer = pp_get (fixture, path);
      JsonObject *result = data_of (answer);
      JsonArray *records = json_object_get_array_member (result, "records");

      g_assert_cmpint (json_object_get_int_member (result, "total"), ==, order_nos->len);
      g_assert_cmpint (json_object_get_int_member (result, "pageNo"), ==, page);
      g_assert_cmpint (json_object_get_int_member (result, "pageSize"), ==, 50);
      if (json_array_get_length (records) == 0)
        break;
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *order = json_array_get_object_element (records, i);
          gint64 created = json_object_get_int_member (order, "createTime");

          /* Newest first. */
          g_assert_cmpint (created, <=, previous);
          previous = created;
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (order, "orderNo"))));
          g_assert_cmpint (json_object_get_int_member (order, "updateTime"), >=, created);
        }
    }
  g_assert_cmpuint (page, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, order_nos->len);
  for (guint i = 0; i < order_nos->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (order_nos, i)));

  assert_code (too_big, 400);
  assert_code (zero, 400);
}

static void
test_page_status (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const statuses[] = {
    "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED", "TRADE_CLOSED",
  };
  g_autoptr(JsonObject) unknown = pp_get (fixture, "/open/order/page?status=PAID");
  gint64 sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *path = g_strdup_printf ("/open/order/page?pageSize=50&status=%s", statuses[i]);
      g_autoptr(JsonObject) answer = pp_get (fixture, path);
      JsonObject *result = data_of (answer);
      JsonArray *records = json_object_get_array_member (result, "records");

      /* The generated account has every settled status. */
      g_assert_cmpint (json_object_get_int_member (result, "total"), >, 0);
      sum += json_object_get_int_member (result, "total");
      for (guint k = 0; k < json_array_get_length (records); k++)
        {
          JsonObject *order = json_array_get_object_element (records, k);
          const char *pay = json_object_get_string_member (order, "payStatus");

          g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, statuses[i]);
          if (i >= 1 && i <= 3)
            {
              g_assert_cmpstr (pay, ==, "PAID");
              g_assert_false (json_object_get_null_member (order, "payTime"));
            }
          else
            g_assert_cmpstr (pay, ==, "UNPAID");
          if (i == 4)
            g_assert_nonnull (json_object_get_string_member (order, "closeReason"));
        }
    }
  g_assert_cmpint (sum, ==, N_ORDERS / 5);
  assert_code (unknown, 400);
}

static void
test_page_window (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *order_no = find_order (fixture, "WAIT_BUYER_PAY");
  g_autoptr(JsonObject) before = detail (fixture, order_no);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) inside = NULL;
  g_autoptr(JsonObject) outside = NULL;
  g_autoptr(JsonObject) reversed = NULL;
  g_autofree char *inside_path = NULL;
  g_autofree char *outside_path = NULL;
  g_autofree char *reversed_path = NULL;
  JsonArray *records;
  gint64 updated;

  dd_sandbox_advance_clock (fixture->sandbox, 3600 * 1000);
  g_assert_true (dd_sandbox_pp_shop_set_status (shop_of (fixture), order_no, "WAIT_SELLER_SEND_GOODS",
                                                dd_sandbox_now_ms (fixture->sandbox)));
  g_assert_false (dd_sandbox_pp_shop_set_status (shop_of (fixture), order_no, "PAID", 0));
  g_assert_false (dd_sandbox_pp_shop_set_status (shop_of (fixture), "1", "TRADE_CLOSED", 0));
  after = detail (fixture, order_no);
  updated = json_object_get_int_member (after, "updateTime");
  g_assert_cmpint (updated, >, json_object_get_int_member (before, "updateTime"));
  g_assert_cmpstr (json_object_get_string_member (after, "payStatus"), ==, "PAID");

  /* Only the changed order was updated within the last hour. */
  inside_path = g_strdup_printf ("/open/order/page?updateTimeStart=%" G_GINT64_FORMAT
                                 "&updateTimeEnd=%" G_GINT64_FORMAT, updated, updated);
  inside = pp_get (fixture, inside_path);
  records = json_object_get_array_member (data_of (inside), "records");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (records, 0), "orderNo"),
                   ==, order_no);

  outside_path = g_strdup_printf ("/open/order/page?pageSize=50&updateTimeEnd=%" G_GINT64_FORMAT, updated - 1);
  outside = pp_get (fixture, outside_path);
  g_assert_cmpint (json_object_get_int_member (data_of (outside), "total"), ==, N_ORDERS / 5 - 1);

  reversed_path = g_strdup_printf ("/open/order/page?updateTimeStart=%" G_GINT64_FORMAT
                                   "&updateTimeEnd=%" G_GINT64_FORMAT, updated, updated - 1);
  reversed = pp_get (fixture, reversed_path);
  assert_code (reversed, 400);
}

static void
test_detail (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const members[] = {
    "id", "orderNo", "sellerOrderNumber", "orderSource", "status", "payStatus", "purchaseAmount",
    "currency", "createTime", "updateTime", "payTime", "closeReason", "receiver", "orderLineList",
    "subOrderVOS",
  };
  g_autofree char *order_no = find_order (fixture, "TRADE_FINISHED");
  g_autoptr(JsonObject) order = detail (fixture, order_no);
  g_autoptr(JsonObject) unknown = pp_get (fixture, "/open/order/detail?orderNo=1000000000000000000");
  g_autoptr(JsonObject) missing = pp_get (fixture, "/open/order/detail");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *lines = json_object_get_array_member (order, "subOrderVOS");
  gint64 sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (order, members[i]));
  g_assert_cmpuint (json_object_get_size (order), ==, G_N_ELEMENTS (members));
  g_assert_cmpstr (json_object_get_string_member (order, "orderNo"), ==, order_no);
  g_assert_cmpstr (json_object_get_string_member (order, "currency"), ==, "CNY");

  /* The receiver is a JSON string holding the documented object. */
  g_assert_true (json_parser_load_from_data (parser, json_object_get_string_member (order, "receiver"), -1, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "state"));

  /* Money adds up in fen. */
  g_assert_cmpuint (json_array_get_length (lines), >=, 1);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      g_assert_cmpuint (json_object_get_size (line), ==, 15);
      sum += json_object_get_int_member (line, "purchaseAmount") + json_object_get_int_member (line, "domesticPostFee");
      g_assert_cmpstr (json_object_get_string_member (line, "status"), ==, "TRADE_FINISHED");
    }
  g_assert_cmpint (sum, ==, json_object_get_int_member (order, "purchaseAmount"));

  assert_code (unknown, 404);
  assert_code (missing, 400);
}

/* ---- the generated account -------------------------------------------------------- */

static void
test_deterministic (void)
{
  DdSandboxPpShop *a = dd_sandbox_pp_shop_new (7, 40, G_GINT64_CONSTANT (1715669977082));
  DdSandboxPpShop *b = dd_sandbox_pp_shop_new (7, 40, G_GINT64_CONSTANT (1715669977082));
  DdSandboxPpShop *c = dd_sandbox_pp_shop_new (8, 40, G_GINT64_CONSTANT (1715669977082));
  g_autoptr(GPtrArray) nos_a = dd_sandbox_pp_shop_list_order_nos (a);
  g_autoptr(GPtrArray) nos_b = dd_sandbox_pp_shop_list_order_nos (b);
  g_autoptr(GPtrArray) nos_c = dd_sandbox_pp_shop_list_order_nos (c);
  g_autoptr(GPtrArray) ids_a = dd_sandbox_pp_shop_list_1688_order_ids (a);
  g_autoptr(GPtrArray) ids_b = dd_sandbox_pp_shop_list_1688_order_ids (b);

  g_assert_cmpuint (nos_a->len, ==, 40);
  g_assert_cmpuint (dd_sandbox_pp_shop_count_orders (a), ==, 40 + 10);
  g_assert_cmpuint (nos_b->len, ==, nos_a->len);
  for (guint i = 0; i < nos_a->len; i++)
    {
      g_autofree char *status_a = dd_sandbox_pp_shop_dup_status (a, g_ptr_array_index (nos_a, i));
      g_autofree char *status_b = dd_sandbox_pp_shop_dup_status (b, g_ptr_array_index (nos_b, i));

      g_assert_cmpstr (g_ptr_array_index (nos_a, i), ==, g_ptr_array_index (nos_b, i));
      g_assert_cmpstr (status_a, ==, status_b);
    }
  for (guint i = 0; i < ids_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids_a, i), ==, g_ptr_array_index (ids_b, i));
  /* Another seed, other orders. */
  g_assert_cmpstr (g_ptr_array_index (nos_a, 0), !=, g_ptr_array_index (nos_c, 0));

  dd_sandbox_pp_shop_free (a);
  dd_sandbox_pp_shop_free (b);
  dd_sandbox_pp_shop_free (c);
}

static void
test_1688_statuses (void)
{
  static const char * const statuses[] = { "waitbuyerpay", "waitsellersend", "waitbuyerreceive", "success", "cancel" };
  DdSandboxPpShop *shop = dd_sandbox_pp_shop_new (1, 4, G_GINT64_CONSTANT (1715669977082));
  g_autoptr(GPtrArray) ids = dd_sandbox_pp_shop_list_1688_order_ids (shop);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Even a small account has every 1688 status (and every Taobao one it can). */
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (seen, dd_sandbox_pp_shop_dup_status (shop, g_ptr_array_index (ids, i)));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_assert_true (g_hash_table_contains (seen, statuses[i]));
  g_assert_null (dd_sandbox_pp_shop_dup_status (shop, "1"));
  g_assert_true (dd_sandbox_pp_shop_set_status (shop, g_ptr_array_index (ids, 0), "success", 1));
  g_assert_false (dd_sandbox_pp_shop_set_status (shop, g_ptr_array_index (ids, 0), "TRADE_FINISHED", 1));
  dd_sandbox_pp_shop_free (shop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/sandbox/pp/deterministic", test_deterministic);
  g_test_add_func ("/dingdan/sandbox/pp/1688-statuses", test_1688_statuses);

#define ADD(path, func) \
  g_test_add ("/dingdan/sandbox/pp/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("auth/missing-headers", test_missing_headers);
  ADD ("auth/access-key", test_bad_access_key);
  ADD ("auth/signature", test_bad_signature);
  ADD ("auth/timestamp", test_timestamp);
  ADD ("auth/replayed-nonce", test_replayed_nonce);
  ADD ("unknown-path", test_unknown_path);
  ADD ("rate-limit", test_rate_limit);
  ADD ("create/seed-shape", test_create_seed);
  ADD ("create/idempotent", test_create_idempotent);
  ADD ("create/off-shelf", test_create_off_shelf);
  ADD ("create/invalid", test_create_invalid);
  ADD ("page/paging", test_page);
  ADD ("page/status", test_page_status);
  ADD ("page/update-window", test_page_window);
  ADD ("detail", test_detail);
#undef ADD

  return g_test_run ();
}
