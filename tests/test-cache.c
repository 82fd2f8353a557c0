/* test-cache.c: the SQLite cache: schema, migrations, upserts, queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dd-cache.h"
#include "dd-tw-parse.h"
#include "test-orders.h"

typedef struct
{
  char    *dir;
  char    *path;   /* below a folder that does not exist yet */
  DdCache *cache;  /* NULL in the "closed" fixture */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "data", "dingdan", "orders.db", NULL);

  if (user_data == NULL)
    {
      fixture->cache = dd_cache_new (fixture->path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (fixture->cache);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->cache != NULL)
    g_assert_finalize_object (fixture->cache);
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gboolean
store (DdCache    *cache,
       const char *account_id,
       GPtrArray  *orders,
       gint64      cursor_ms,
       GArray     *changed)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = dd_cache_store_page (cache, account_id, orders, cursor_ms, changed, &error);

  g_assert_no_error (error);
  return ok;
}

static DdOrder *
simple_order (const char *account_id,
              const char *order_id,
              gint64      modified_ms)
{
  return test_order_new (account_id, order_id, 1700000000000 + g_ascii_strtoll (order_id, NULL, 10),
                         modified_ms, "unpaid", "王**明", 12300, "CAINIAO_HILIFE_COD");
}

static GArray *
int64_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
test_open_creates_schema (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  GStatBuf st;

  g_assert_cmpint (dd_cache_get_schema_version (fixture->cache), ==, DD_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (DD_CACHE_SCHEMA_VERSION, ==, 5);
  g_assert_cmpstr (dd_cache_get_path (fixture->cache), ==, fixture->path);

  /* The folders were made, private. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                            " AND name IN ('orders', 'order_json', 'sync_state',"
                            "              'order_text', 'order_names')"), ==, 5);
  /* Narrow: the raw JSON lives in its own table. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM pragma_table_info('orders')"
                            " WHERE name = 'raw_json'"), ==, 0);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                            " AND tbl_name = 'orders' AND name LIKE 'orders_%'"), ==, 9);
  /* WAL is a property of the file: a fresh connection sees it. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
                   ==, 1);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 0);
}

static void
test_default_path (void)
{
  g_autofree char *path = dd_cache_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "dingdan", "orders.db",
                                                NULL);
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (path, ==, expected);

  /* G_TEST_OPTION_ISOLATE_DIRS: this is a temporary XDG_DATA_HOME. */
  cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = test_date_time_from_ms (1592988843859);
  g_autoptr(GDateTime) modified = test_date_time_from_ms (1592990587586);
  DdMoney total;
  DdOrderLine *line;
  gint64 row_id;

  /* The documentation's order, built with setters, its module as raw JSON. */
  order = dd_order_new ();
  dd_order_set_account_id (order, TEST_ACCOUNT);
  dd_order_set_platform (order, DD_PLATFORM_TW);
  dd_order_set_order_id (order, "558757367941");
  dd_order_set_status (order, DD_ORDER_STATUS_TO_SHIP);
  dd_order_set_raw_status (order, "ready_to_ship");
  dd_order_set_buyer_id (order, "2000007867941");
  dd_order_set_buyer_name (order, "abbyh ");
  dd_money_init (&total, 6200, "TWD");
  dd_order_set_total (order, &total);
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified);
  dd_order_set_payment_channel (order, "CAINIAO_HILIFE_COD");
  dd_order_set_raw_json (order, TEST_SEED_MODULE);
  g_ptr_array_add (page, g_object_ref (order));

  store (fixture->cache, TEST_ACCOUNT, page, -1, NULL);
  row_id = dd_order_get_row_id (order);
  g_assert_cmpint (row_id, >, 0);

  /* The indexed columns say what the order says. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT total_minor FROM orders"), ==, 6200);
  g_assert_cmpint (sql_int (fixture->path, "SELECT created_ms FROM orders"), ==, 1592988843859);
  g_assert_cmpint (sql_int (fixture->path, "SELECT modified_ms FROM orders"), ==, 1592990587586);
  g_assert_cmpint (sql_int (fixture->path, "SELECT status FROM orders"), ==,
                   DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM orders WHERE buyer = 'abbyh '"
                            " AND currency = 'TWD' AND payment_channel = 'CAINIAO_HILIFE_COD'"
                            " AND raw_status = 'ready_to_ship' AND platform = 'tw'"),
                   ==, 1);

  loaded = dd_cache_load_order (fixture->cache, row_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (loaded != order);
  g_assert_cmpint (dd_order_get_row_id (loaded), ==, row_id);
  g_assert_cmpstr (dd_order_get_account_id (loaded), ==, TEST_ACCOUNT);
  g_assert_cmpstr (dd_order_get_platform (loaded), ==, DD_PLATFORM_TW);
  g_assert_cmpstr (dd_order_get_order_id (loaded), ==, "558757367941");
  g_assert_cmpint (dd_order_get_status (loaded), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpstr (dd_order_get_raw_status (loaded), ==, "ready_to_ship");
  g_assert_true (g_str_has_prefix (dd_order_get_buyer_name (loaded), "abbyh"));
  g_assert_true (dd_money_equal (dd_order_get_total (loaded), &total));
  g_assert_cmpint (test_date_time_to_ms (dd_order_get_created (loaded)), ==, 1592988843859);
  g_assert_cmpint (test_date_time_to_ms (dd_order_get_modified (loaded)), ==, 1592990587586);
  g_assert_cmpstr (dd_order_get_payment_channel (loaded), ==, "CAINIAO_HILIFE_COD");
  g_assert_true (dd_order_is_cash_on_delivery (loaded));
  g_assert_cmpstr (dd_order_get_raw_json (loaded), ==, TEST_SEED_MODULE);
  g_assert_cmpuint (dd_order_get_n_lines (loaded), ==, 1);
  line = dd_order_get_line (loaded, 0);
  g_assert_cmpstr (dd_order_line_get_title (line), ==, "親膚棉白T");
  g_assert_cmpstr (dd_order_line_get_sku_id (line), ==, "3065252106");
}

static void
test_upsert_keeps_row (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = test_page_new ();
  g_autoptr(GPtrArray) second = test_page_new ();
  g_autoptr(GArray) changed = int64_array ();
  DdOrder *a;
  DdOrder *b;

  a = simple_order (TEST_ACCOUNT, "1001", 5000);
  g_ptr_array_add (first, a);
  store (fixture->cache, TEST_ACCOUNT, first, -1, changed);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, dd_order_get_row_id (a));

  /* The same order again, as a new object: same row, nothing changed. */
  g_array_set_size (changed, 0);
  b = simple_order (TEST_ACCOUNT, "1001", 5000);
  g_ptr_array_add (second, b);
  store (fixture->cache, TEST_ACCOUNT, second, -1, changed);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpint (dd_order_get_row_id (b), ==, dd_order_get_row_id (a));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 1);

  /* The same order id in another account is another row. */
  g_ptr_array_set_size (second, 0);
  b = simple_order (TEST_ACCOUNT_2, "1001", 5000);
  g_ptr_array_add (second, b);
  store (fixture->cache, TEST_ACCOUNT_2, second, -1, changed);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (dd_order_get_row_id (b), !=, dd_order_get_row_id (a));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 2);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 1);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, "nobody"), ==, 0);
}

static void
test_changed_rowids (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = test_page_new ();
  g_autoptr(GPtrArray) second = test_page_new ();
  g_autoptr(GArray) changed = int64_array ();
  g_autoptr(DdOrder) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 row_2;
  DdOrder *updated;
  DdOrder *added;

  g_ptr_array_add (first, simple_order (TEST_ACCOUNT, "2001", 5000));
  g_ptr_array_add (first, simple_order (TEST_ACCOUNT, "2002", 5000));
  g_ptr_array_add (first, simple_order (TEST_ACCOUNT, "2003", 5000));
  store (fixture->cache, TEST_ACCOUNT, first, -1, changed);
  g_assert_cmpuint (changed->len, ==, 3);
  row_2 = dd_order_get_row_id (g_ptr_array_index (first, 1));

  /* One unchanged, one shipped since, one new. */
  g_array_set_size (changed, 0);
  g_ptr_array_add (second, simple_order (TEST_ACCOUNT, "2001", 5000));
  updated = test_order_new (TEST_ACCOUNT, "2002", 1700000002002, 6000, "shipped", "王**明",
                            12300, "CAINIAO_HILIFE_COD");
  g_ptr_array_add (second, updated);
  added = simple_order (TEST_ACCOUNT, "2004", 5000);
  g_ptr_array_add (second, added);
  store (fixture->cache, TEST_ACCOUNT, second, -1, changed);

  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, row_2);
  g_assert_cmpint (dd_order_get_row_id (updated), ==, row_2);
  g_assert_cmpint (g_array_index (changed, gint64, 1), ==, dd_order_get_row_id (added));
  g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (second, 0)), ==,
                   dd_order_get_row_id (g_ptr_array_index (first, 0)));

  reloaded = dd_cache_load_order (fixture->cache, row_2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (reloaded), ==, DD_ORDER_STATUS_SHIPPED);
  g_assert_cmpstr (dd_order_get_raw_status (reloaded), ==, "shipped");
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 4);
}

static void
test_shifted_page (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = test_page_new ();
  g_autoptr(GPtrArray) second = test_page_new ();
  g_autoptr(GArray) changed = int64_array ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  DdQuery query = DD_QUERY_INIT;

  /* Page 1 had 1..5; new orders pushed 4 and 5 onto page 2. */
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 3000 + i);
      g_ptr_array_add (first, simple_order (TEST_ACCOUNT, id, 5000));
    }
  for (guint i = 4; i <= 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 3000 + i);
      g_ptr_array_add (second, simple_order (TEST_ACCOUNT, id, 5000));
    }
  store (fixture->cache, TEST_ACCOUNT, first, -1, NULL);
  store (fixture->cache, TEST_ACCOUNT, second, -1, changed);

  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 8);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (second, 0)), ==,
                   dd_order_get_row_id (g_ptr_array_index (first, 3)));
  g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (second, 1)), ==,
                   dd_order_get_row_id (g_ptr_array_index (first, 4)));

  ids = dd_cache_query_row_ids (fixture->cache, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 8);
}

static void
test_cursor (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GPtrArray) empty = test_page_new ();

  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, -1);

  /* A page without a cursor leaves it unset. */
  g_ptr_array_add (page, simple_order (TEST_ACCOUNT, "4001", 5000));
  store (fixture->cache, TEST_ACCOUNT, page, -1, NULL);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, -1);

  store (fixture->cache, TEST_ACCOUNT, page, 1700000123456, NULL);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, 1700000123456);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT_2), ==, -1);

  /* An empty last page still moves it; -1 never resets it. */
  store (fixture->cache, TEST_ACCOUNT, empty, 1700000999999, NULL);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, 1700000999999);
  store (fixture->cache, TEST_ACCOUNT, page, -1, NULL);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, 1700000999999);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sync_state"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT updated_ms FROM sync_state"), >,
                   1600000000000);
}

static const char * const tw_statuses[] = {
  "unpaid", "pending", "ready_to_ship", "shipped", "delivered", "canceled", "returned", "failed",
};

static void
test_query_filters (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *accounts[] = { TEST_ACCOUNT, TEST_ACCOUNT_2 };
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      g_autoptr(GPtrArray) page = test_page_new ();

      for (guint i = 0; i < 24; i++)
        {
          g_autofree char *id = g_strdup_printf ("%u", 5000 + i);
          g_ptr_array_add (page, test_order_new (accounts[a], id, 1700000000000 + i * 1000, 5000,
                                                 tw_statuses[i % G_N_ELEMENTS (tw_statuses)],
                                                 "林**", 100 * i, "CAINIAO_HILIFE_COD"));
        }
      store (fixture->cache, accounts[a], page, -1, NULL);
      for (guint i = 0; i < page->len; i++)
        {
          DdOrder *order = g_ptr_array_index (page, i);
          g_hash_table_insert (rows, g_memdup2 (&(gint64) { dd_order_get_row_id (order) },
                                                sizeof (gint64)),
                               g_strdup_printf ("%s|%d", accounts[a],
                                                dd_order_get_status (order)));
        }
    }

  for (int account = -1; account < 2; account++)
    for (int status = -1; status <= DD_ORDER_STATUS_LAST; status++)
      {
        DdQuery query = DD_QUERY_INIT;
        g_autoptr(GArray) ids = NULL;
        g_autoptr(GError) error = NULL;
        guint expected = 0;
        GHashTableIter iter;
        gpointer key, value;

        query.account_id = account >= 0 ? accounts[account] : NULL;
        query.status = status;
        ids = dd_cache_query_row_ids (fixture->cache, &query, &error);
        g_assert_no_error (error);

        g_hash_table_iter_init (&iter, rows);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            g_auto(GStrv) parts = g_strsplit (value, "|", 2);
            if ((account < 0 || g_str_equal (parts[0], accounts[account])) &&
                (status < 0 || atoi (parts[1]) == status))
              expected++;
          }

        g_assert_cmpuint (ids->len, ==, expected);
        for (guint i = 0; i < ids->len; i++)
          {
            const char *row = g_hash_table_lookup (rows, &g_array_index (ids, gint64, i));
            g_auto(GStrv) parts = g_strsplit (row, "|", 2);

            if (account >= 0)
              g_assert_cmpstr (parts[0], ==, accounts[account]);
            if (status >= 0)
              g_assert_cmpint (atoi (parts[1]), ==, status);
          }
      }

  /* UNKNOWN (0) is a real filter: none of these orders is unknown. */
  {
    DdQuery query = { NULL, DD_ORDER_STATUS_UNKNOWN, DD_SORT_CREATED, FALSE };
    g_autoptr(GArray) ids = dd_cache_query_row_ids (fixture->cache, &query, NULL);
    g_assert_cmpuint (ids->len, ==, 0);
  }
}

static const char v1_schema[] =
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
  "PRAGMA user_version = 1;";

static void
make_v1_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  char *insert;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sql_exec (path, v1_schema);
  insert = sqlite3_mprintf ("INSERT INTO orders (id, account_id, platform, order_id, status,"
                            " raw_status, buyer, total_minor, currency, created_ms, modified_ms,"
                            " payment_channel, raw_json) VALUES (41, %Q, 'tw', '558757367941', 2,"
                            " 'ready_to_ship', 'abbyh ', 6200, 'TWD', 1592988843859,"
                            " 1592990587586, 'CAINIAO_HILIFE_COD', %Q)",
                            TEST_ACCOUNT, TEST_SEED_MODULE);
  sql_exec (path, insert);
  sqlite3_free (insert);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);
}

static void
test_migrate_v1 (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  make_v1_database (fixture->path);

  cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_cache_get_schema_version (cache), ==, DD_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, DD_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name = 'orders_status_created'"),
                   ==, 1);

  /* The row survived, with its id. */
  g_assert_cmpuint (dd_cache_count_orders (cache, NULL), ==, 1);
  order = dd_cache_load_order (cache, 41, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "558757367941");
  g_assert_cmpstr (dd_order_get_account_id (order), ==, TEST_ACCOUNT);
  g_assert_cmpint (dd_cache_get_cursor (cache, TEST_ACCOUNT), ==, -1);

  /* And the migrated cache works like a new one. */
  {
    g_autoptr(GPtrArray) page = test_page_new ();
    g_ptr_array_add (page, simple_order (TEST_ACCOUNT, "558757367941", 1592990587586));
    store (cache, TEST_ACCOUNT, page, 42, NULL);
    g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (page, 0)), ==, 41);
    g_assert_cmpint (dd_cache_get_cursor (cache, TEST_ACCOUNT), ==, 42);
  }
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (page, simple_order (TEST_ACCOUNT, "8001", 5000));
  store (fixture->cache, TEST_ACCOUNT, page, 777, NULL);
  g_clear_object (&fixture->cache);

  cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_cache_get_schema_version (cache), ==, DD_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (dd_cache_get_cursor (cache, TEST_ACCOUNT), ==, 777);
  order = dd_cache_lookup_order (cache, TEST_ACCOUNT, "8001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (order);
  g_assert_cmpint (dd_order_get_row_id (order), ==,
                   dd_order_get_row_id (g_ptr_array_index (page, 0)));
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  sql_exec (fixture->path,
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, future TEXT);"
            "INSERT INTO orders (future) VALUES ('from the future');"
            "PRAGMA user_version = 99;");
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));

  cache = dd_cache_new (fixture->path, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (cache);
  g_assert_nonnull (strstr (error->message, "newer"));

  /* Untouched: same bytes, still not in WAL mode. */
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 99);
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  const char junk[] = "this is not an SQLite database, but it is long enough to look at....";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fixture->path, junk, sizeof junk, NULL));

  cache = dd_cache_new (fixture->path, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (cache);
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = test_page_new ();
  g_autoptr(GPtrArray) second = test_page_new ();
  g_autoptr(GArray) changed = int64_array ();
  g_autoptr(DdOrder) kept = NULL;
  g_autoptr(DdOrder) absent = NULL;
  g_autoptr(GError) error = NULL;
  DdOrder *incomplete;
  gint64 marker = 424242;

  g_ptr_array_add (first, simple_order (TEST_ACCOUNT, "9001", 5000));
  g_ptr_array_add (first, simple_order (TEST_ACCOUNT, "9002", 5000));
  store (fixture->cache, TEST_ACCOUNT, first, 100, NULL);

  /* An update, a new order, then one without an id: nothing of it may stay. */
  g_ptr_array_add (second, test_order_new (TEST_ACCOUNT, "9001", 1700000009001, 9000, "canceled",
                                           "王**明", 12300, "CAINIAO_HILIFE_COD"));
  g_ptr_array_add (second, simple_order (TEST_ACCOUNT, "9003", 5000));
  incomplete = simple_order (TEST_ACCOUNT, "9004", 5000);
  dd_order_set_order_id (incomplete, NULL);
  g_ptr_array_add (second, incomplete);
  g_ptr_array_add (second, simple_order (TEST_ACCOUNT, "9005", 5000));
  g_array_append_val (changed, marker);

  g_assert_false (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, second, 200, changed,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, marker);
  g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (second, 1)), ==, 0);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 2);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, 100);

  kept = dd_cache_lookup_order (fixture->cache, TEST_ACCOUNT, "9001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_raw_status (kept), ==, "unpaid");
  absent = dd_cache_lookup_order (fixture->cache, TEST_ACCOUNT, "9003", &error);
  g_assert_no_error (error);
  g_assert_null (absent);

  /* The writer is usable again. */
  g_ptr_array_remove_index (second, 2);
  store (fixture->cache, TEST_ACCOUNT, second, 200, NULL);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 4);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, 200);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = test_page_new ();
  g_autoptr(GPtrArray) big = test_page_new ();
  g_autoptr(GArray) changed = int64_array ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 10000 + i);
      g_ptr_array_add (first, simple_order (TEST_ACCOUNT, id, 5000));
    }
  store (fixture->cache, TEST_ACCOUNT, first, 100, NULL);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 20000 + i);
      g_ptr_array_add (big, simple_order (TEST_ACCOUNT, id, 5000));
    }

  /* No room to grow: as on a full disk. */
  dd_cache_set_max_page_count (fixture->cache, 1);
  g_assert_false (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, big, 200, changed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "The order cache could not be saved: the disk is full");
  g_clear_error (&error);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 10);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, 100);

  /* Room again: the same page goes in. */
  dd_cache_set_max_page_count (fixture->cache, 0);
  store (fixture->cache, TEST_ACCOUNT, big, 200, changed);
  g_assert_cmpuint (changed->len, ==, 300);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 310);
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(DdOrder) found = NULL;
  g_autoptr(DdOrder) other_account = NULL;
  g_autoptr(DdOrder) missing = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (page, simple_order (TEST_ACCOUNT, "11001", 5000));
  store (fixture->cache, TEST_ACCOUNT, page, -1, NULL);

  found = dd_cache_lookup_order (fixture->cache, TEST_ACCOUNT, "11001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (dd_order_get_row_id (found), ==,
                   dd_order_get_row_id (g_ptr_array_index (page, 0)));
  g_assert_cmpstr (dd_order_get_buyer_name (found), ==, "王**明");

  other_account = dd_cache_lookup_order (fixture->cache, TEST_ACCOUNT_2, "11001", &error);
  g_assert_no_error (error);
  g_assert_null (other_account);
  missing = dd_cache_lookup_order (fixture->cache, TEST_ACCOUNT, "11002", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_load_errors (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  DdOrder *top;

  /* A platform this version has no parser for. */
  top = simple_order (TEST_ACCOUNT, "12001", 5000);
  dd_order_set_platform (top, "martian");
  g_ptr_array_add (page, top);
  store (fixture->cache, TEST_ACCOUNT, page, -1, NULL);

  order = dd_cache_load_order (fixture->cache, dd_order_get_row_id (top), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (order);
  /* Clearly: the message names the platform it cannot read. */
  g_assert_nonnull (strstr (error->message, "martian"));
  g_clear_error (&error);

  order = dd_cache_load_order (fixture->cache, 987654, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (order);
  g_clear_error (&error);

  /* Raw JSON the parser refuses is an error, not a crash. */
  sql_exec (fixture->path, "UPDATE orders SET platform = 'tw';"
                           "UPDATE order_json SET raw_json = '[1, 2'");
  order = dd_cache_load_order (fixture->cache, dd_order_get_row_id (top), &error);
  g_assert_nonnull (error);
  g_assert_null (order);
}

typedef struct
{
  DdCache *cache;
  guint    index;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  g_autofree char *account = g_strdup_printf ("tw:thread-%u", data->index);

  for (guint p = 0; p < 20; p++)
    {
      g_autoptr(GPtrArray) page = test_page_new ();
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *id = g_strdup_printf ("%u", 100000 + p * 10 + i);
          g_ptr_array_add (page, simple_order (account, id, 5000));
        }
      if (!dd_cache_store_page (data->cache, account, page, p, NULL, &error))
        g_error ("%s", error->message);
    }
  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  user_data)
{
  WriterData data[4];
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      data[t].cache = fixture->cache;
      data[t].index = t;
      threads[t] = g_thread_new ("writer", writer_thread, &data[t]);
    }

  /* The reader keeps working while they write. */
  while (dd_cache_count_orders (fixture->cache, NULL) < 800)
    {
      DdQuery query = DD_QUERY_INIT;
      g_autoptr(GArray) ids = dd_cache_query_row_ids (fixture->cache, &query, NULL);
      g_assert_nonnull (ids);
      g_usleep (1000);
    }

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);

  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 800);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, "tw:thread-2"), ==, 200);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, "tw:thread-3"), ==, 19);
}

static GArray *
search_ids (DdCache    *cache,
            const char *account_id,
            const char *search)
{
  DdQuery query = DD_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  query.account_id = account_id;
  query.search = search;
  query.sort = DD_SORT_ORDER_ID;
  query.ascending = TRUE;
  ids = dd_cache_query_row_ids (cache, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* test_order_new()'s order as the Taiwan parser reads its raw JSON (lines,
 * shipments and receiver included), as a sync stores it. */
static DdOrder *
parsed_order (const char *account_id,
              const char *order_id,
              gint64      created_ms,
              const char *buyer)
{
  g_autoptr(DdOrder) built = test_order_new (account_id, order_id, created_ms, created_ms,
                                             "unpaid", buyer, 100, "COD");
  g_autoptr(GError) error = NULL;
  const char *raw = dd_order_get_raw_json (built);
  DdOrder *order = dd_tw_parse_order_module (raw, strlen (raw), &error);

  g_assert_no_error (error);
  dd_order_set_account_id (order, account_id);
  dd_order_set_platform (order, DD_PLATFORM_TW);
  return order;
}

static void
test_query_search (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GPtrArray) page2 = test_page_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DdOrder) other = NULL;
  const struct { const char *search; guint n; } cases[] = {
    { NULL, 4 },
    { "", 4 },
    { "1001", 1 },             /* order id substring */
    { "100", 4 },
    { "Alice", 1 },            /* buyer */
    { "aLiCe", 1 },            /* case-insensitive */
    { "BOB_", 1 },             /* '_' is literal, not a wildcard */
    { "bob%", 0 },             /* '%' is literal */
    { "20kxh23050207", 4 },    /* tracking number in the raw JSON, any case */
    { "黃**雲", 4 },            /* receiver */
    { "親膚棉白", 4 },          /* product title */
    { "no such thing", 0 },
  };

  g_ptr_array_add (page, parsed_order (TEST_ACCOUNT, "1001", 1700000000000, "Alice Chen"));
  g_ptr_array_add (page, parsed_order (TEST_ACCOUNT, "1002", 1700000000001, "bob_lin"));
  g_ptr_array_add (page, parsed_order (TEST_ACCOUNT, "1003", 1700000000002, "bobxlin"));
  g_assert_true (store (fixture->cache, TEST_ACCOUNT, page, -1, NULL));
  other = parsed_order (TEST_ACCOUNT_2, "1004", 1700000000003, "Carol");
  g_ptr_array_add (page2, g_object_ref (other));
  g_assert_true (store (fixture->cache, TEST_ACCOUNT_2, page2, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) found = search_ids (fixture->cache, NULL, cases[i].search);

      g_test_message ("search “%s”", cases[i].search ? cases[i].search : "(null)");
      g_assert_cmpuint (found->len, ==, cases[i].n);
    }

  ids = search_ids (fixture->cache, NULL, "bob_");
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==,
                   dd_order_get_row_id (g_ptr_array_index (page, 1)));
  g_clear_pointer (&ids, g_array_unref);

  /* Combined with the account filter. */
  ids = search_ids (fixture->cache, TEST_ACCOUNT_2, "100");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, dd_order_get_row_id (other));
  g_clear_pointer (&ids, g_array_unref);
  ids = search_ids (fixture->cache, TEST_ACCOUNT_2, "alice");
  g_assert_cmpuint (ids->len, ==, 0);
}

static void
test_delete_account (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GPtrArray) page2 = test_page_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (page, simple_order (TEST_ACCOUNT, "1", 1));
  g_ptr_array_add (page, simple_order (TEST_ACCOUNT, "2", 2));
  g_ptr_array_add (page2, simple_order (TEST_ACCOUNT_2, "3", 3));
  g_assert_true (store (fixture->cache, TEST_ACCOUNT, page, 42, NULL));
  g_assert_true (store (fixture->cache, TEST_ACCOUNT_2, page2, 43, NULL));

  g_assert_true (dd_cache_delete_account (fixture->cache, TEST_ACCOUNT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 0);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, -1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sync_state WHERE account_id = 'tw:shop-1'"), ==, 0);
  /* The other account is untouched. */
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT_2), ==, 1);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT_2), ==, 43);

  /* Deleting an account without orders is fine. */
  g_assert_true (dd_cache_delete_account (fixture->cache, "tw:none", &error));
  g_assert_no_error (error);

  /* A page of a sync that was still on its way when the account went (its
   * write queued before the cancel) does not bring the orders back. */
  g_assert_false (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, 44, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 0);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, TEST_ACCOUNT), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, closed) \
  g_test_add ("/dingdan/cache/" path, Fixture, (closed) ? "closed" : NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("open-creates-schema", test_open_creates_schema, FALSE);
  g_test_add_func ("/dingdan/cache/default-path", test_default_path);
  ADD ("round-trip", test_round_trip, FALSE);
  ADD ("upsert-keeps-row", test_upsert_keeps_row, FALSE);
  ADD ("changed-rowids", test_changed_rowids, FALSE);
  ADD ("shifted-page", test_shifted_page, FALSE);
  ADD ("cursor", test_cursor, FALSE);
  ADD ("query-filters", test_query_filters, FALSE);
  ADD ("migrate-v1", test_migrate_v1, TRUE);
  ADD ("reopen", test_reopen, FALSE);
  ADD ("too-new", test_too_new, TRUE);
  ADD ("not-a-database", test_not_a_database, TRUE);
  ADD ("rollback", test_rollback, FALSE);
  ADD ("disk-full", test_disk_full, FALSE);
  ADD ("lookup", test_lookup, FALSE);
  ADD ("load-errors", test_load_errors, FALSE);
  ADD ("threads", test_threads, FALSE);
  ADD ("query-search", test_query_search, FALSE);
  ADD ("delete-account", test_delete_account, FALSE);

#undef ADD

  return g_test_run ();
}
