/* test-sandbox-shop.c: the sandbox's generated shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "dd-sandbox-shop.h"

#define N_ORDERS 500
#define NOW_MS   G_GINT64_CONSTANT (1718000000000) /* 2024-06-10 */

static char *
array_to_string (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
test_deterministic (void)
{
  DdSandboxShop *a = dd_sandbox_shop_new_at (42, N_ORDERS, NOW_MS);
  DdSandboxShop *b = dd_sandbox_shop_new_at (42, N_ORDERS, NOW_MS);
  g_autoptr(JsonArray) page_a = dd_sandbox_shop_tw_orders (a, "all", 0, 0, 1, 100, NULL);
  g_autoptr(JsonArray) page_b = dd_sandbox_shop_tw_orders (b, "all", 0, 0, 1, 100, NULL);
  g_autofree char *json_a = array_to_string (page_a);
  g_autofree char *json_b = array_to_string (page_b);
  g_autoptr(GPtrArray) ids_a = dd_sandbox_shop_list_order_ids (a);
  g_autoptr(GPtrArray) ids_b = dd_sandbox_shop_list_order_ids (b);
  g_autofree char *first = dd_sandbox_shop_dup_order_id (a, 0);
  g_autoptr(JsonObject) order_a = dd_sandbox_shop_tw_order (a, first);
  g_autoptr(JsonObject) order_b = dd_sandbox_shop_tw_order (b, first);
  g_autofree char *full_a = object_to_string (order_a);
  g_autofree char *full_b = object_to_string (order_b);

  g_assert_cmpuint (json_array_get_length (page_a), ==, 100);
  g_assert_cmpstr (json_a, ==, json_b);
  g_assert_cmpstr (full_a, ==, full_b);
  g_assert_cmpuint (ids_a->len, ==, ids_b->len);
  for (guint i = 0; i < ids_a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (ids_a, i), ==, g_ptr_array_index (ids_b, i));

  dd_sandbox_shop_free (a);
  dd_sandbox_shop_free (b);
}

static void
test_seed_changes (void)
{
  DdSandboxShop *a = dd_sandbox_shop_new_at (1, N_ORDERS, NOW_MS);
  DdSandboxShop *b = dd_sandbox_shop_new_at (2, N_ORDERS, NOW_MS);
  g_autoptr(JsonArray) page_a = dd_sandbox_shop_tw_orders (a, "all", 0, 0, 1, 10, NULL);
  g_autoptr(JsonArray) page_b = dd_sandbox_shop_tw_orders (b, "all", 0, 0, 1, 10, NULL);
  g_autofree char *json_a = array_to_string (page_a);
  g_autofree char *json_b = array_to_string (page_b);
  g_autoptr(GPtrArray) ids_a = dd_sandbox_shop_list_order_ids (a);
  g_autoptr(GPtrArray) ids_b = dd_sandbox_shop_list_order_ids (b);
  guint same = 0;

  g_assert_cmpstr (json_a, !=, json_b);
  for (guint i = 0; i < ids_a->len; i++)
    same += g_str_equal (g_ptr_array_index (ids_a, i), g_ptr_array_index (ids_b, i));
  g_assert_cmpuint (same, <, 5);

  dd_sandbox_shop_free (a);
  dd_sandbox_shop_free (b);
}

static gboolean
is_masked_phone (const char *phone)
{
  return strlen (phone) == 10 && g_str_has_prefix (phone, "09******") &&
         g_ascii_isdigit (phone[8]) && g_ascii_isdigit (phone[9]);
}

static gboolean
is_cod (const char *channel)
{
  return g_str_has_suffix (channel, "_COD");
}

static void
test_variety (void)
{
  static const char * const statuses[] = {
    "unpaid", "pending", "ready_to_ship", "shipped", "delivered", "canceled", "returned", "failed",
  };
  DdSandboxShop *shop = dd_sandbox_shop_new_at (1, N_ORDERS, NOW_MS);
  g_autoptr(JsonArray) orders = NULL;
  g_autoptr(GHashTable) status_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) channels = g_hash_table_new (g_str_hash, g_str_equal);
  guint64 total;
  guint n_cod = 0, n_multi_line = 0, n_tracked = 0, n_chinese_buyers = 0, n_store_addresses = 0;

  orders = dd_sandbox_shop_tw_orders (shop, "all", 0, 0, 1, N_ORDERS, &total);
  g_assert_cmpuint (total, ==, N_ORDERS);
  g_assert_cmpuint (json_array_get_length (orders), ==, N_ORDERS);

  for (guint i = 0; i < N_ORDERS; i++)
    {
      JsonObject *order = json_array_get_object_element (orders, i);
      JsonObject *delivery = json_object_get_object_member (order, "delivery_info");
      const char *id = json_object_get_string_member (order, "trade_order_id");
      const char *status = json_object_get_string_member (order, "status");
      const char *channel = json_object_get_string_member (order, "payment_channel");
      const char *receiver = json_object_get_string_member (delivery, "receiver_name");
      const char *buyer = json_object_get_string_member (order, "buyer_full_name");
      g_autoptr(JsonObject) full = dd_sandbox_shop_tw_order (shop, id);
      JsonArray *lines = json_object_get_array_member (full, "trade_order_line_list");
      gint64 created = json_object_get_int_member (order, "creation_time");

      g_assert_cmpuint (strlen (id), ==, 12);
      g_assert_true (g_hash_table_add (ids, g_strdup (id)));
      g_hash_table_insert (status_counts, (gpointer) status,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (status_counts, status)) + 1));
      g_hash_table_add (channels, (gpointer) channel);

      /* Within the last 90 days before the shop was made; modified later. */
      g_assert_cmpint (created, <, NOW_MS);
      g_assert_cmpint (created, >=, NOW_MS - G_GINT64_CONSTANT (90) * 24 * 3600 * 1000);
      g_assert_cmpint (json_object_get_int_member (order, "modification_time"), >=, created);
      g_assert_cmpint (json_object_get_int_member (order, "modification_time"), <=, NOW_MS);

      /* Masked receivers: "黃**雲", a CJK character each side. */
      g_assert_true (g_utf8_validate (receiver, -1, NULL));
      g_assert_cmpuint (g_utf8_strlen (receiver, -1), ==, 4);
      g_assert_nonnull (strstr (receiver, "**"));
      g_assert_cmpuint (g_utf8_get_char (receiver), >=, 0x4E00);
      g_assert_true (is_masked_phone (json_object_get_string_member (delivery, "receiver_phone")));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (delivery, "city"), "市"));
      g_assert_cmpstr (json_object_get_string_member (delivery, "state"), ==, "台灣");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (delivery, "detail_address"),
                                       json_object_get_string_member (delivery, "city")));
      n_chinese_buyers += g_utf8_get_char (buyer) >= 0x4E00;

      if (is_cod (channel))
        {
          /* Cash on delivery is never waiting for payment, and goes to a store. */
          n_cod++;
          g_assert_cmpstr (status, !=, "unpaid");
          n_store_addresses += strchr (json_object_get_string_member (delivery, "detail_address"), ' ') != NULL;
        }

      g_assert_cmpuint (json_array_get_length (lines), >=, 1);
      g_assert_cmpuint (json_array_get_length (lines), <=, 4);
      n_multi_line += json_array_get_length (lines) > 1;
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonObject *line = json_array_get_object_element (lines, j);
          JsonArray *shipments = json_object_get_array_member (line, "shipment_list");
          const char *line_id = json_object_get_string_member (line, "trade_order_line_id");
          gboolean tracked = FALSE;

          g_assert_true (g_hash_table_add (ids, g_strdup (line_id)));
          g_assert_cmpuint (strlen (line_id), ==, 12);
          for (guint k = 0; k < json_array_get_length (shipments); k++)
            {
              JsonObject *parcel = json_array_get_object_element (shipments, k);

              g_assert_cmpint (json_object_get_int_member (parcel, "order_no"), ==, k + 1);
              tracked |= json_object_has_member (parcel, "tracking_number");
            }
          if (g_str_equal (status, "shipped") || g_str_equal (status, "delivered"))
            {
              g_assert_true (tracked);
              g_assert_cmpstr (json_object_get_string_member (line, "package_id"), !=, "");
              n_tracked++;
            }
          else if (g_str_equal (status, "unpaid") || g_str_equal (status, "pending"))
            g_assert_cmpuint (json_array_get_length (shipments), ==, 0);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_hash_table_lookup (status_counts, statuses[i]) == NULL)
      g_error ("no order is %s", statuses[i]);
  g_assert_cmpuint (g_hash_table_size (status_counts), ==, G_N_ELEMENTS (statuses));
  g_assert_true (g_hash_table_contains (channels, "CAINIAO_HILIFE_COD"));
  g_assert_true (g_hash_table_contains (channels, "CAINIAO_SEVENELEVN_COD"));
  g_assert_true (g_hash_table_contains (channels, "CAINIAO_FAMILYMART_COD"));
  g_assert_true (g_hash_table_contains (channels, "CREDIT_CARD"));
  g_assert_cmpuint (n_cod, >, N_ORDERS / 5);
  g_assert_cmpuint (n_cod, <, N_ORDERS);
  g_assert_cmpuint (n_store_addresses, ==, n_cod);
  g_assert_cmpuint (n_multi_line, >, N_ORDERS / 5);
  g_assert_cmpuint (n_tracked, >, 0);
  g_assert_cmpuint (n_chinese_buyers, >, 0);
  g_assert_cmpuint (n_chinese_buyers, <, N_ORDERS);

  dd_sandbox_shop_free (shop);
}

static void
test_small_shop_has_every_status (void)
{
  DdSandboxShop *shop = dd_sandbox_shop_new_at (99, 8, NOW_MS);
  static const char * const statuses[] = {
    "unpaid", "pending", "ready_to_ship", "shipped", "delivered", "canceled", "returned", "failed",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      guint64 total = 0;
      g_autoptr(JsonArray) page = dd_sandbox_shop_tw_orders (shop, statuses[i], 0, 0, 1, 10, &total);

      g_assert_cmpuint (total, ==, 1);
    }
  dd_sandbox_shop_free (shop);
}

static void
test_add_orders (void)
{
  DdSandboxShop *shop = dd_sandbox_shop_new (3, N_ORDERS);
  g_autoptr(JsonArray) before = dd_sandbox_shop_tw_orders (shop, "all", 0, 0, 1, N_ORDERS, NULL);
  g_autoptr(JsonArray) after = NULL;
  gint64 newest_modified = 0;
  guint64 total;

  for (guint i = 0; i < json_array_get_length (before); i++)
    newest_modified = MAX (newest_modified,
                           json_object_get_int_member (json_array_get_object_element (before, i), "modification_time"));

  g_assert_cmpuint (dd_sandbox_shop_add_orders (shop, 3), ==, N_ORDERS);
  g_assert_cmpuint (dd_sandbox_shop_get_n_orders (shop), ==, N_ORDERS + 3);

  after = dd_sandbox_shop_tw_orders (shop, "all", 0, 0, 1, 10, &total);
  g_assert_cmpuint (total, ==, N_ORDERS + 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *order = json_array_get_object_element (after, i);
      const char *status = json_object_get_string_member (order, "status");

      g_assert_true (g_str_equal (status, "unpaid") || g_str_equal (status, "pending"));
      g_assert_cmpint (json_object_get_int_member (order, "modification_time"), >=, newest_modified);
      g_assert_cmpint (json_object_get_int_member (order, "creation_time"), ==,
                       json_object_get_int_member (order, "modification_time"));
    }
  /* The former first order is now fourth. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (after, 3), "trade_order_id"),
                   ==, json_object_get_string_member (json_array_get_object_element (before, 0), "trade_order_id"));
  /* Strictly newest first. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (after, 0), "creation_time"), >,
                   json_object_get_int_member (json_array_get_object_element (after, 1), "creation_time"));

  dd_sandbox_shop_free (shop);
}

static void
test_set_status (void)
{
  DdSandboxShop *shop = dd_sandbox_shop_new (4, 50);
  g_autofree char *id = dd_sandbox_shop_dup_order_id (shop, 10);
  gint64 before = dd_sandbox_shop_get_modification_time (shop, id);
  gint64 after;
  g_autofree char *status = NULL;
  g_autoptr(JsonObject) full = NULL;
  g_autoptr(JsonArray) shipped = NULL;
  guint64 n_shipped = 0;
  gboolean found = FALSE;

  g_assert_cmpint (before, >, 0);
  g_assert_true (dd_sandbox_shop_set_status (shop, id, "shipped"));
  after = dd_sandbox_shop_get_modification_time (shop, id);
  g_assert_cmpint (after, >, before);
  status = dd_sandbox_shop_dup_status (shop, id);
  g_assert_cmpstr (status, ==, "shipped");

  /* Again: strictly later still, even within the same millisecond. */
  g_assert_true (dd_sandbox_shop_set_status (shop, id, "delivered"));
  g_assert_cmpint (dd_sandbox_shop_get_modification_time (shop, id), >, after);

  full = dd_sandbox_shop_tw_order (shop, id);
  g_assert_cmpstr (json_object_get_string_member (full, "status"), ==, "delivered");
  g_assert_cmpint (json_object_get_int_member (full, "modification_time"), ==,
                   dd_sandbox_shop_get_modification_time (shop, id));

  /* It is found by a window starting at its new time. */
  shipped = dd_sandbox_shop_tw_orders (shop, "delivered", dd_sandbox_shop_get_modification_time (shop, id), 0,
                                       1, 100, &n_shipped);
  for (guint i = 0; i < json_array_get_length (shipped); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (shipped, i),
                                                         "trade_order_id"), id);
  g_assert_true (found);

  g_assert_false (dd_sandbox_shop_set_status (shop, "100000000000", "shipped"));
  g_assert_false (dd_sandbox_shop_set_status (shop, id, "teleported"));
  g_assert_cmpint (dd_sandbox_shop_get_modification_time (shop, "nope"), ==, -1);
  g_assert_null (dd_sandbox_shop_tw_order (shop, "100000000000"));

  dd_sandbox_shop_free (shop);
}

static void
test_lines (void)
{
  DdSandboxShop *shop = dd_sandbox_shop_new_at (5, 20, NOW_MS);
  g_autofree char *id = dd_sandbox_shop_dup_order_id (shop, 0);
  g_autoptr(JsonObject) full = dd_sandbox_shop_tw_order (shop, id);
  JsonArray *lines = json_object_get_array_member (full, "trade_order_line_list");
  const char *line_id = json_object_get_string_member (json_array_get_object_element (lines, 0),
                                                      "trade_order_line_id");
  const char * const known[] = { line_id, NULL };
  const char * const unknown[] = { line_id, "100000000000", NULL };
  g_autoptr(JsonArray) found = NULL;
  guint64 total = 0;

  found = dd_sandbox_shop_tw_lines (shop, known, 1, 50, &total);
  g_assert_nonnull (found);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (found, 0), "trade_order_line_id"),
                   ==, line_id);
  g_assert_null (dd_sandbox_shop_tw_lines (shop, unknown, 1, 50, NULL));

  /* Relative image paths until a server gives the shop its base URL. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (lines, 0),
                                                                  "product_main_image"), "/img/"));
  dd_sandbox_shop_set_base_url (shop, "http://127.0.0.1:1234");
  g_clear_pointer (&found, json_array_unref);
  found = dd_sandbox_shop_tw_lines (shop, known, 1, 50, NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (found, 0),
                                                                  "product_main_image"),
                                   "http://127.0.0.1:1234/img/"));

  dd_sandbox_shop_free (shop);
}

static void
test_large (void)
{
  /* Issue D's benchmarks use 100,000 orders: making and paging them is cheap. */
  DdSandboxShop *shop = dd_sandbox_shop_new (6, 100000);
  g_autoptr(JsonArray) last = NULL;
  g_autoptr(JsonArray) filtered = NULL;
  guint64 total = 0;
  guint64 n_unpaid = 0;

  last = dd_sandbox_shop_tw_orders (shop, "all", 0, 0, 1000, 100, &total);
  g_assert_cmpuint (total, ==, 100000);
  g_assert_cmpuint (json_array_get_length (last), ==, 100);
  filtered = dd_sandbox_shop_tw_orders (shop, "unpaid", 0, 0, 1, 100, &n_unpaid);
  g_assert_cmpuint (n_unpaid, >, 0);
  g_assert_cmpuint (n_unpaid, <, 100000);

  dd_sandbox_shop_free (shop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/sandbox/shop/deterministic", test_deterministic);
  g_test_add_func ("/dingdan/sandbox/shop/seed-changes", test_seed_changes);
  g_test_add_func ("/dingdan/sandbox/shop/variety", test_variety);
  g_test_add_func ("/dingdan/sandbox/shop/small-shop-every-status", test_small_shop_has_every_status);
  g_test_add_func ("/dingdan/sandbox/shop/add-orders", test_add_orders);
  g_test_add_func ("/dingdan/sandbox/shop/set-status", test_set_status);
  g_test_add_func ("/dingdan/sandbox/shop/lines", test_lines);
  g_test_add_func ("/dingdan/sandbox/shop/large", test_large);

  return g_test_run ();
}
