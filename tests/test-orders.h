/* test-orders.h: orders for the cache and list tests, in Taobao Taiwan's shape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dd-cache.h"
#include "dd-order.h"

G_BEGIN_DECLS

/* The "module" object of the documentation's /order/get example
 * (../shared/seeds/003_*.txt), verbatim. */
#define TEST_SEED_MODULE \
  "{\"creation_time\": 1592988843859, \"trade_order_id\": \"558757367941\", " \
  "\"buyer_id\": \"2000007867941\", \"seller_full_name\": \"台灣淘寶測試店鋪\", " \
  "\"seller_id\": \"2000005665181\", \"actual_fee\": \"62\", " \
  "\"buyer_full_name\": \"abbyh \", \"shipping_fee_currency_code\": \"TWD\", " \
  "\"shipping_fee\": \"52\", \"actual_shipping_fee\": \"52\", " \
  "\"payment_channel\": \"CAINIAO_HILIFE_COD\", " \
  "\"actual_shipping_fee_currency_code\": \"TWD\", \"delivery_info\": {\"area\": \"松山區\", " \
  "\"country_code\": \"CN\", \"city\": \"台北市\", " \
  "\"detail_address\": \"台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店\", \"receiver_name\": \"黃**雲\", " \
  "\"state\": \"台灣\", \"receiver_phone\": \"09******62\"}, " \
  "\"trade_order_line_list\": [{\"product_main_image\": \"https://img-ovs.alicdn.com/other/gsp/e4b96b68d61f18a93aaab544d278b8ef.jpeg\", " \
  "\"creation_time\": 1592988843859, " \
  "\"product_detail_url\": \"https://item.taobao.tw/products/i242178746-s3065252106.html?urlFlag=true&mp=1\", " \
  "\"trade_order_id\": \"558757367941\", \"trade_order_line_id\": \"558757467941\", " \
  "\"package_id\": \"FO054911000916205\", \"product_id\": \"242178746\", " \
  "\"unit_fee\": \"10\", \"unit_fee_currency_code\": \"TWD\", " \
  "\"shipment_list\": [{\"order_no\": 1}, {\"order_no\": 2, " \
  "\"tracking_number\": \"20KXH23050207\", \"logistics_id\": \"LP00184048254522\"}], " \
  "\"quantity\": 1, " \
  "\"sku_info\": \"[{\\\"valueId\\\":-1,\\\"valueText\\\":\\\"黑色\\\",\\\"propertyName\\\":\\\"色系\\\",\\\"propertyId\\\":226649326},{\\\"valueId\\\":-1,\\\"valueText\\\":\\\"50\\\",\\\"propertyName\\\":\\\"產品尺寸\\\",\\\"propertyId\\\":19447}]\", " \
  "\"actual_fee\": \"62\", \"sku_id\": \"3065252106\", \"product_title\": \"親膚棉白T\", " \
  "\"buyer_full_name\": \"abbyh \", \"shipping_fee_currency_code\": \"TWD\", " \
  "\"shipping_fee\": \"52\", \"actual_shipping_fee\": \"52\", " \
  "\"actual_shipping_fee_currency_code\": \"TWD\", \"modification_time\": 1592990587586, " \
  "\"actual_fee_currency_code\": \"TWD\", \"status\": \"ready_to_ship\"}], " \
  "\"actual_fee_currency_code\": \"TWD\", \"modification_time\": 1592990587586, " \
  "\"status\": \"ready_to_ship\"}"

#define TEST_ACCOUNT   "tw:shop-1"
#define TEST_ACCOUNT_2 "tw:shop-2"

static inline GDateTime *
test_date_time_from_ms (gint64 ms)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (ms / 1000);

  return g_date_time_add (seconds, (ms % 1000) * G_TIME_SPAN_MILLISECOND);
}

static inline gint64
test_date_time_to_ms (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* An order like the seed's but with these values, built with DdOrder's
 * setters, with a raw JSON in the /order/get module shape that says the same.
 * @total_minor is in TWD cents. */
static inline DdOrder *
test_order_new (const char *account_id,
                const char *order_id,
                gint64      created_ms,
                gint64      modified_ms,
                const char *tw_status,
                const char *buyer,
                gint64      total_minor,
                const char *channel)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GDateTime) created = test_date_time_from_ms (created_ms);
  g_autoptr(GDateTime) modified = test_date_time_from_ms (modified_ms);
  g_autofree char *fee = NULL;
  g_autofree char *raw_json = NULL;
  JsonObject *module;
  JsonObject *line;
  DdOrder *order;
  DdMoney total;

  g_assert_true (json_parser_load_from_data (parser, TEST_SEED_MODULE, -1, NULL));
  module = json_node_get_object (json_parser_get_root (parser));
  line = json_array_get_object_element (json_object_get_array_member (module,
                                                                      "trade_order_line_list"),
                                        0);

  if (total_minor % 100 == 0)
    fee = g_strdup_printf ("%" G_GINT64_FORMAT, total_minor / 100);
  else
    fee = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", total_minor / 100,
                           (int) (total_minor % 100));

  json_object_set_string_member (module, "trade_order_id", order_id);
  json_object_set_int_member (module, "creation_time", created_ms);
  json_object_set_int_member (module, "modification_time", modified_ms);
  json_object_set_string_member (module, "status", tw_status);
  json_object_set_string_member (module, "buyer_full_name", buyer);
  json_object_set_string_member (module, "actual_fee", fee);
  json_object_set_string_member (module, "payment_channel", channel);
  json_object_set_string_member (line, "trade_order_id", order_id);
  json_object_set_string_member (line, "buyer_full_name", buyer);
  json_object_set_string_member (line, "actual_fee", fee);
  json_object_set_string_member (line, "status", tw_status);

  json_generator_set_root (generator, json_parser_get_root (parser));
  raw_json = json_generator_to_data (generator, NULL);

  dd_money_init (&total, total_minor, "TWD");

  order = dd_order_new ();
  dd_order_set_account_id (order, account_id);
  dd_order_set_platform (order, DD_PLATFORM_TW);
  dd_order_set_order_id (order, order_id);
  dd_order_set_status (order, dd_order_status_from_tw (tw_status));
  dd_order_set_raw_status (order, tw_status);
  dd_order_set_buyer_id (order, json_object_get_string_member (module, "buyer_id"));
  dd_order_set_buyer_name (order, buyer);
  dd_order_set_total (order, &total);
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified);
  dd_order_set_payment_channel (order, channel);
  dd_order_set_raw_json (order, raw_json);

  return order;
}

/* Runs @sql on a connection of its own and returns the first column of the first row. */
static inline gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static inline void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A page of orders (element-type DdOrder). */
static inline GPtrArray *
test_page_new (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/* Removes @dir and the files directly or one level below it. */
static inline void
test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        test_remove_tree (path);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

G_END_DECLS

/* A cache in a temporary folder, for g_test_add (): the tests' Fixture. */
typedef struct
{
  char    *dir;
  char    *path;
  DdCache *cache;
} TestCacheFixture;

static inline void
test_cache_fixture_set_up (TestCacheFixture *fixture,
                           gconstpointer     user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
}

static inline void
test_cache_fixture_tear_down (TestCacheFixture *fixture,
                              gconstpointer     user_data)
{
  if (fixture->cache != NULL)
    g_assert_finalize_object (fixture->cache);
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Closes the cache (every object of it must be gone) and opens it again. */
static inline void
test_cache_fixture_reopen (TestCacheFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->cache));
  fixture->cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
}
