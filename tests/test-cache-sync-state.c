/* test-cache-sync-state.c: the sync state saved with each page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-cache.h"
#include "test-orders.h"

typedef TestCacheFixture Fixture;
#define fixture_set_up test_cache_fixture_set_up
#define fixture_tear_down test_cache_fixture_tear_down

static GPtrArray *
page_of (const char *account_id,
         guint       first,
         guint       n)
{
  GPtrArray *page = test_page_new ();

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 70000 + i);
      g_ptr_array_add (page, test_order_new (account_id, id, 1700000000000 + i, 1700000000000 + i,
                                             "unpaid", "林**", 100, "COD"));
    }
  return page;
}

static void
assert_state (DdCache    *cache,
              const char *account_id,
              gint64      cursor_ms,
              guint       page,
              guint       page_size,
              gint64      start_ms)
{
  DdSyncState state = { 12, 34, 56, 78 };

  dd_cache_get_sync_state (cache, account_id, &state);
  g_assert_cmpint (state.cursor_ms, ==, cursor_ms);
  g_assert_cmpuint (state.backfill_page, ==, page);
  g_assert_cmpuint (state.backfill_page_size, ==, page_size);
  g_assert_cmpint (state.backfill_start_ms, ==, start_ms);
  g_assert_cmpint (dd_cache_get_cursor (cache, account_id), ==, cursor_ms);
}

static void
store_with_state (DdCache           *cache,
                  const char        *account_id,
                  GPtrArray         *page,
                  const DdSyncState *state)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_cache_store_page_with_state (cache, account_id, page, state, NULL, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const DdSyncState first = { -1, 1, 100, 1700000555000 };
  const DdSyncState second = { -1, 2, 100, 1700000555000 };
  const DdSyncState resumed = { 1690000000000, 7, 50, 1700000999000 };
  g_autoptr(GPtrArray) page1 = page_of (TEST_ACCOUNT, 0, 3);
  g_autoptr(GPtrArray) page2 = page_of (TEST_ACCOUNT, 3, 3);
  g_autoptr(GPtrArray) page3 = page_of (TEST_ACCOUNT, 6, 3);
  g_autoptr(GPtrArray) empty = test_page_new ();
  g_autoptr(DdCache) reopened = NULL;
  g_autoptr(GError) error = NULL;

  /* None yet. */
  assert_state (fixture->cache, TEST_ACCOUNT, -1, 0, 0, 0);

  /* A first backfill, page by page: no cursor until it finishes. */
  store_with_state (fixture->cache, TEST_ACCOUNT, page1, &first);
  assert_state (fixture->cache, TEST_ACCOUNT, -1, 1, 100, 1700000555000);
  store_with_state (fixture->cache, TEST_ACCOUNT, page2, &second);
  assert_state (fixture->cache, TEST_ACCOUNT, -1, 2, 100, 1700000555000);

  /* NULL leaves it as it is; so does a page without a cursor. */
  store_with_state (fixture->cache, TEST_ACCOUNT, page3, NULL);
  assert_state (fixture->cache, TEST_ACCOUNT, -1, 2, 100, 1700000555000);
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page3, -1, NULL, &error));
  g_assert_no_error (error);
  assert_state (fixture->cache, TEST_ACCOUNT, -1, 2, 100, 1700000555000);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 9);

  /* Other accounts have their own. */
  assert_state (fixture->cache, TEST_ACCOUNT_2, -1, 0, 0, 0);

  /* It survives closing. */
  g_clear_object (&fixture->cache);
  reopened = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  assert_state (reopened, TEST_ACCOUNT, -1, 2, 100, 1700000555000);

  /* A finished listing (store_page with a cursor) ends the backfill. */
  g_assert_true (dd_cache_store_page (reopened, TEST_ACCOUNT, empty, 1700000555000, NULL, &error));
  g_assert_no_error (error);
  assert_state (reopened, TEST_ACCOUNT, 1700000555000, 0, 0, 0);

  /* A new backfill over an older cursor keeps both. */
  store_with_state (reopened, TEST_ACCOUNT, empty, &resumed);
  assert_state (reopened, TEST_ACCOUNT, 1690000000000, 7, 50, 1700000999000);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sync_state"), ==, 1);

  /* A removed account forgets it. */
  g_assert_true (dd_cache_delete_account (reopened, TEST_ACCOUNT, &error));
  g_assert_no_error (error);
  assert_state (reopened, TEST_ACCOUNT, -1, 0, 0, 0);
}

static void
test_rolled_back (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const DdSyncState before = { 1690000000000, 3, 100, 1700000000000 };
  const DdSyncState after = { 1690000000000, 4, 100, 1700000000000 };
  g_autoptr(GPtrArray) good = page_of (TEST_ACCOUNT, 0, 2);
  g_autoptr(GPtrArray) bad = page_of (TEST_ACCOUNT, 2, 3);
  g_autoptr(GPtrArray) big = page_of (TEST_ACCOUNT, 10, 300);
  g_autoptr(GError) error = NULL;

  store_with_state (fixture->cache, TEST_ACCOUNT, good, &before);

  /* An incomplete order: neither the page nor its state is kept. */
  dd_order_set_order_id (g_ptr_array_index (bad, 1), NULL);
  g_assert_false (dd_cache_store_page_with_state (fixture->cache, TEST_ACCOUNT, bad, &after,
                                                  NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  assert_state (fixture->cache, TEST_ACCOUNT, 1690000000000, 3, 100, 1700000000000);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 2);

  /* A full disk: the same. */
  dd_cache_set_max_page_count (fixture->cache, 1);
  g_assert_false (dd_cache_store_page_with_state (fixture->cache, TEST_ACCOUNT, big, &after,
                                                  NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  assert_state (fixture->cache, TEST_ACCOUNT, 1690000000000, 3, 100, 1700000000000);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 2);

  /* Room again: page and state go in together. */
  dd_cache_set_max_page_count (fixture->cache, 0);
  store_with_state (fixture->cache, TEST_ACCOUNT, big, &after);
  assert_state (fixture->cache, TEST_ACCOUNT, 1690000000000, 4, 100, 1700000000000);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TEST_ACCOUNT), ==, 302);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/dingdan/cache-sync-state/round-trip", Fixture, NULL,
              fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/dingdan/cache-sync-state/rolled-back", Fixture, NULL,
              fixture_set_up, test_rolled_back, fixture_tear_down);

  return g_test_run ();
}
