/* test-cache-migrate.c: schema 2 → 3 keeps every order and makes it searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-cache.h"
#include "test-orders.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-cache-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "orders.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Schema 2 as it shipped (dd-cache-schema.c migrations[0] and [1]). */
static const char v2_schema[] =
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id TEXT NOT NULL,"
  "  platform TEXT NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  raw_status TEXT,"
  "  buyer TEXT,"
  "  total_minor INTEGER,"
  "  currency TEXT,"
  "  created_ms INTEGER,"
  "  modified_ms INTEGER,"
  "  payment_channel TEXT,"
  "  raw_json TEXT NOT NULL,"
  "  UNIQUE (account_id, order_id)"
  ");"
  "CREATE TABLE sync_state ("
  "  account_id TEXT PRIMARY KEY,"
  "  cursor_ms INTEGER,"
  "  updated_ms INTEGER"
  ");"
  "CREATE INDEX orders_status ON orders (status);"
  "CREATE INDEX orders_created ON orders (created_ms);"
  "CREATE INDEX orders_modified ON orders (modified_ms);"
  "CREATE INDEX orders_buyer ON orders (buyer);"
  "CREATE INDEX orders_total ON orders (total_minor);"
  "CREATE INDEX orders_account_created ON orders (account_id, created_ms);"
  "PRAGMA user_version = 2;";

/* A TOP trade as the cache stored it (test-top-parse.c's, smaller ids). */
static const char top_trade[] =
  "{\"tid\":3900000000000000001,\"status\":\"WAIT_SELLER_SEND_GOODS\",\"type\":\"fixed\","
  "\"buyer_nick\":\"t**1\",\"seller_nick\":\"dingdan-shop\",\"payment\":\"200.07\","
  "\"post_fee\":\"10.00\",\"created\":\"2024-07-04 10:00:00\","
  "\"modified\":\"2024-07-04 10:05:30\",\"pay_time\":\"2024-07-04 10:01:00\","
  "\"receiver_name\":\"张*\",\"receiver_mobile\":\"138****0000\",\"receiver_state\":\"浙江省\","
  "\"receiver_city\":\"杭州市\",\"receiver_district\":\"余杭区\",\"receiver_address\":\"文一西路***\","
  "\"receiver_zip\":\"310000\","
  "\"orders\":{\"order\":["
  "{\"oid\":3900000000000000002,\"title\":\"纯棉T恤\",\"price\":\"95.00\",\"num\":2,\"sku_id\":\"\","
  "\"num_iid\":600000000001,\"status\":\"WAIT_SELLER_SEND_GOODS\",\"payment\":\"190.07\"},"
  "{\"oid\":3900000000000000003,\"title\":\"运动袜子\",\"price\":\"0.07\",\"num\":1,\"sku_id\":\"\","
  "\"num_iid\":600000000002,\"status\":\"WAIT_BUYER_CONFIRM_GOODS\",\"payment\":\"0.07\","
  "\"logistics_company\":\"中通快递\",\"invoice_no\":\"ZT1234567890\"}]}}";

static void
insert_v2_row (const char *path,
               gint64      id,
               const char *account,
               const char *platform,
               const char *order_id,
               int         status,
               const char *buyer,
               gint64      created_ms,
               const char *raw_json)
{
  char *sql = sqlite3_mprintf ("INSERT INTO orders (id, account_id, platform, order_id, status,"
                               " raw_status, buyer, total_minor, currency, created_ms, modified_ms,"
                               " payment_channel, raw_json) VALUES (%lld, %Q, %Q, %Q, %d,"
                               " 'x', %Q, 6200, 'TWD', %lld, %lld, 'COD', %Q)",
                               (long long) id, account, platform, order_id, status, buyer,
                               (long long) created_ms, (long long) created_ms, raw_json);
  sql_exec (path, sql);
  sqlite3_free (sql);
}

static void
make_v2_database (const char *path)
{
  sql_exec (path, v2_schema);
  /* The documentation's Taiwan order: receiver 黃**雲, tracking
   * 20KXH23050207, title 親膚棉白T. */
  insert_v2_row (path, 41, TEST_ACCOUNT, DD_PLATFORM_TW, "558757367941", 2, "abbyh ",
                 1592988843859, TEST_SEED_MODULE);
  insert_v2_row (path, 57, "top:seller", DD_PLATFORM_TOP, "3900000000000000001", 2, "t**1",
                 1720058400000, top_trade);
  /* Raw JSON no parser takes: kept, found by id and buyer. */
  insert_v2_row (path, 90, TEST_ACCOUNT, DD_PLATFORM_TW, "777000999", 1, "王小明",
                 1600000000000, "{");
  sql_exec (path, "INSERT INTO sync_state (account_id, cursor_ms, updated_ms)"
                  " VALUES ('tw:shop-1', 1700000000123, 1700000000999)");
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 2);
}

static GArray *
search (DdCache    *cache,
        const char *text)
{
  DdQuery query = DD_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  query.search = text;
  query.sort = DD_SORT_ORDER_ID;
  query.ascending = TRUE;
  ids = dd_cache_query_row_ids (cache, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static void
assert_finds (DdCache    *cache,
              const char *text,
              gint64      row_id)
{
  g_autoptr(GArray) ids = search (cache, text);

  g_test_message ("search “%s”", text);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, row_id);
}

static void
test_v2_to_v3 (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdOrder) tw = NULL;
  g_autoptr(DdOrder) top = NULL;
  g_autoptr(DdOrder) broken = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GError) error = NULL;
  DdSyncState state;

  make_v2_database (fixture->path);

  cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_cache_get_schema_version (cache), ==, DD_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, DD_CACHE_SCHEMA_VERSION);

  /* Narrow now: the raw JSON moved, with the same ids. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM pragma_table_info('orders')"
                            " WHERE name = 'raw_json'"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_json"), ==, 3);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM order_json WHERE id IN (41, 57, 90)"), ==, 3);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name = 'orders_v2'"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name = 'orders_status'"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name = 'orders_order_id'"), ==, 1);

  /* Every order is there and loads, with its row id. */
  g_assert_cmpuint (dd_cache_count_orders (cache, NULL), ==, 3);
  tw = dd_cache_load_order (cache, 41, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (tw), ==, "558757367941");
  g_assert_cmpstr (dd_order_get_raw_json (tw), ==, TEST_SEED_MODULE);
  top = dd_cache_lookup_order (cache, "top:seller", "3900000000000000001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (top);
  g_assert_cmpint (dd_order_get_row_id (top), ==, 57);
  g_assert_cmpuint (dd_order_get_n_lines (top), ==, 2);
  broken = dd_cache_load_order (cache, 90, &error);
  g_assert_nonnull (error);
  g_assert_null (broken);
  g_clear_error (&error);

  /* The receiver came out of the raw JSON into its column. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM orders WHERE id = 41 AND receiver = '黃**雲'"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM orders WHERE id = 57 AND receiver = '张*'"), ==, 1);

  /* And everything is searchable. */
  assert_finds (cache, "20kxh23050207", 41);
  assert_finds (cache, "親膚棉白", 41);
  assert_finds (cache, "黃", 41);
  assert_finds (cache, "abbyh", 41);
  assert_finds (cache, "ZT1234567890", 57);
  assert_finds (cache, "运动袜", 57);
  assert_finds (cache, "纯棉T恤", 57);
  assert_finds (cache, "张", 57);
  assert_finds (cache, "000000000000001", 57);
  assert_finds (cache, "777000", 90);
  assert_finds (cache, "小明", 90);
  none = search (cache, "没有");
  g_assert_cmpuint (none->len, ==, 0);

  /* The sync state kept its cursor, with no backfill running. */
  dd_cache_get_sync_state (cache, TEST_ACCOUNT, &state);
  g_assert_cmpint (state.cursor_ms, ==, 1700000000123);
  g_assert_cmpuint (state.backfill_page, ==, 0);
  g_assert_cmpuint (state.backfill_page_size, ==, 0);
  g_assert_cmpint (state.backfill_start_ms, ==, 0);

  /* The migrated cache takes pages like a new one; the row keeps its id. */
  {
    g_autoptr(GPtrArray) page = test_page_new ();
    g_autoptr(DdOrder) again = NULL;

    g_ptr_array_add (page, test_order_new (TEST_ACCOUNT, "777000999", 1600000000000,
                                           1600000009000, "shipped", "王小明", 100, "COD"));
    g_assert_true (dd_cache_store_page (cache, TEST_ACCOUNT, page, -1, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (page, 0)), ==, 90);
    again = dd_cache_load_order (cache, 90, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (dd_order_get_raw_status (again), ==, "shipped");
    assert_finds (cache, "777000", 90);
  }
}

/* Opening a migrated file again changes nothing. */
static void
test_reopen_v3 (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  make_v2_database (fixture->path);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DdCache) cache = dd_cache_new (fixture->path, &error);
      g_autoptr(GArray) ids = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (dd_cache_count_orders (cache, NULL), ==, 3);
      ids = search (cache, "黃");
      g_assert_cmpuint (ids->len, ==, 1);
    }
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_text"), ==, 3);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_json"), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/dingdan/cache-migrate/v2-to-v3", Fixture, NULL,
              fixture_set_up, test_v2_to_v3, fixture_tear_down);
  g_test_add ("/dingdan/cache-migrate/reopen", Fixture, NULL,
              fixture_set_up, test_reopen_v3, fixture_tear_down);

  return g_test_run ();
}
