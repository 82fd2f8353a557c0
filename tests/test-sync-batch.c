/* test-sync-batch.c: pages written together, and the search indexes after them
 *
 * - A sync whose writer falls behind writes the pages that piled up in one
 *   transaction: every page counted, every order stored once, the backfill
 *   finished, the cache equal to the sandbox's truth.
 * - The cache writes a page's rows first and its search indexes after them:
 *   an order twice in one page is found by what it says last; a row new to
 *   the cache but left over in the text index is replaced there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "dd-cache.h"
#include "sync-helpers.h"

/* Under the sanitizers smaller pages: each comes back sooner, so pages
 * pile up well within the cache's busy timeout (see release_cb ()). */
#define N_ORDERS  TEST_VOLUME (3000, 2000)
#define PAGE_SIZE TEST_VOLUME (50, 25)
#define ACCOUNT   "tw:batch-test"

/* ---- a sync whose writer is held up ---------------------------------------- */

typedef struct
{
  char       *db_path;
  sqlite3    *blocker;       /* holds the write lock a moment; NULL: not now */
  guint       n_fetched;     /* pages the job has read so far */
  guint       n_fetched_at_block;
  gint64      block_deadline;
  gboolean    blocked_once;
  guint       n_emissions;
  guint       max_pages_at_once;
  guint       last_n_pages;
  GHashTable *changed;       /* (element-type gint64) every row reported */
} Watch;

/* The lock is let go once three more pages have come back to the job (the
 * first may go into the write that waits for the lock; the other two wait
 * for it, so the next write takes them together), or after 4 s, before
 * the cache's 5 s busy timeout. The job's own count, not the sandbox's
 * requests nor a fixed moment: under the sanitizers a page can be served
 * long before the job has read it. */
static gboolean
release_cb (gpointer user_data)
{
  Watch *watch = user_data;

  if (watch->n_fetched < watch->n_fetched_at_block + 3 &&
      g_get_monotonic_time () < watch->block_deadline)
    return G_SOURCE_CONTINUE;

  g_test_message ("write lock held while %u pages came back",
                  watch->n_fetched - watch->n_fetched_at_block);
  /* Too slow a machine shows here, not as a batch of one. */
  g_assert_cmpuint (watch->n_fetched - watch->n_fetched_at_block, >=, 3);
  g_assert_cmpint (sqlite3_exec (watch->blocker, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&watch->blocker, sqlite3_close);
  return G_SOURCE_REMOVE;
}

/* The job counts its calls as each page comes back (more than one call
 * a page on Taobao Taiwan, whose items come separately). */
static void
page_fetched_cb (DdSyncJob  *job,
                 GParamSpec *pspec,
                 Watch      *watch)
{
  watch->n_fetched++;
}

static void
page_stored_cb (DdSyncJob *job,
                GArray    *changed,
                Watch     *watch)
{
  guint n_pages = dd_sync_job_get_n_pages (job);

  watch->n_emissions++;
  watch->max_pages_at_once = MAX (watch->max_pages_at_once, n_pages - watch->last_n_pages);
  watch->last_n_pages = n_pages;
  for (guint i = 0; i < changed->len; i++)
    g_hash_table_add (watch->changed, g_memdup2 (&g_array_index (changed, gint64, i), sizeof (gint64)));

  /* Once past the pages written one by one, another connection holds the
   * write lock for a moment: the next write waits, the pages pile up. */
  if (!watch->blocked_once && dd_sync_job_get_n_orders (job) >= 1200)
    {
      watch->blocked_once = TRUE;
      g_assert_cmpint (sqlite3_open (watch->db_path, &watch->blocker), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (watch->blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
      watch->n_fetched_at_block = watch->n_fetched;
      watch->block_deadline = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
      g_timeout_add (10, release_cb, watch);
    }
}

static void
test_batched_backfill (void)
{
  const SyncTestPlatform *platform = sync_test_platform (DD_SANDBOX_PLATFORM_TW);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  DdSyncState state = DD_SYNC_STATE_INIT;
  Watch watch = { NULL, };

  dir = g_dir_make_tmp ("dingdan-sync-batch-XXXXXX", &error);
  g_assert_no_error (error);
  watch.db_path = g_build_filename (dir, "orders.db", NULL);
  watch.changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, DD_SANDBOX_DEFAULT_APP_KEY,
                            DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_start_in_thread (sandbox, 0, &error));
  g_assert_no_error (error);

  http = dd_http_new ();
  client = sync_test_client_new (platform, http, dd_sandbox_get_base_url (sandbox));
  cache = dd_cache_new (watch.db_path, &error);
  g_assert_no_error (error);
  job = dd_sync_job_new (client, cache, platform->account_id);
  dd_sync_job_set_page_size (job, PAGE_SIZE);
  g_signal_connect (job, "notify::n-calls", G_CALLBACK (page_fetched_cb), &watch);
  g_signal_connect (job, "page-stored", G_CALLBACK (page_stored_cb), &watch);

  g_assert_true (sync_test_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (watch.blocker);
  g_assert_true (watch.blocked_once);

  /* Every page counted, fewer transactions than pages: the pages that
   * waited went in together. */
  g_assert_cmpuint (dd_sync_job_get_n_pages (job), >=, N_ORDERS / PAGE_SIZE);
  g_assert_cmpuint (dd_sync_job_get_n_pages (job), ==, watch.last_n_pages);
  g_assert_cmpuint (watch.max_pages_at_once, >, 1);
  g_assert_cmpuint (watch.n_emissions, <, dd_sync_job_get_n_pages (job));
  g_test_message ("%u pages in %u writes, up to %u at once",
                  dd_sync_job_get_n_pages (job), watch.n_emissions, watch.max_pages_at_once);

  /* Every order reported, and stored once; the backfill is over. */
  g_assert_cmpuint (g_hash_table_size (watch.changed), ==, N_ORDERS);
  dd_cache_get_sync_state (cache, platform->account_id, &state);
  g_assert_cmpuint (state.backfill_page, ==, 0);
  g_assert_cmpint (state.cursor_ms, >, 0);
  sync_test_assert_truth (cache, sandbox, platform);

  g_clear_object (&job);
  g_clear_object (&cache);
  g_hash_table_unref (watch.changed);
  g_free (watch.db_path);
  test_remove_tree (dir);
}

/* ---- the search indexes after the rows -------------------------------------- */

static guint
count_matches (DdCache    *cache,
               const char *search)
{
  DdQuery query = DD_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  query.search = search;
  ids = dd_cache_query_row_ids (cache, &query, &error);
  g_assert_no_error (error);
  return ids->len;
}

static void
test_twice_in_a_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dingdan-sync-batch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orders.db", NULL);
  g_autoptr(DdCache) cache = dd_cache_new (path, &error);
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);

  /* The same order twice (a listing that shifted), then another one. */
  g_ptr_array_add (page, test_order_new (ACCOUNT, "700000000001", 1700000000000, 1700000001000,
                                         "unpaid", "王伟明", 200, "COD"));
  g_ptr_array_add (page, test_order_new (ACCOUNT, "700000000001", 1700000000000, 1700000002000,
                                         "paid", "李小华", 200, "COD"));
  g_ptr_array_add (page, test_order_new (ACCOUNT, "700000000002", 1700000000000, 1700000001000,
                                         "unpaid", "赵敏", 300, "COD"));
  g_assert_true (dd_cache_store_page (cache, ACCOUNT, page, -1, changed, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (dd_cache_count_orders (cache, ACCOUNT), ==, 2);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpint (g_array_index (changed, gint64, 0), ==, g_array_index (changed, gint64, 1));

  /* Found by what it said last, in both indexes; not by what it said first. */
  g_assert_cmpuint (count_matches (cache, "李小华"), ==, 1);
  g_assert_cmpuint (count_matches (cache, "小华"), ==, 1);
  g_assert_cmpuint (count_matches (cache, "王伟明"), ==, 0);
  g_assert_cmpuint (count_matches (cache, "伟明"), ==, 0);
  g_assert_cmpuint (count_matches (cache, "赵敏"), ==, 1);
  g_assert_cmpuint (sql_int (path, "SELECT count(*) FROM order_text"), ==, 2);

  /* Its last version and the other stored again: nothing to index, nothing
   * reported. */
  g_ptr_array_remove_index (page, 0);
  g_array_set_size (changed, 0);
  g_assert_true (dd_cache_store_page (cache, ACCOUNT, page, -1, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpuint (count_matches (cache, "李小华"), ==, 1);

  g_clear_object (&cache);
  test_remove_tree (dir);
}

static void
test_leftover_index_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dingdan-sync-batch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orders.db", NULL);
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GPtrArray) page = test_page_new ();

  /* A text index row for row 1, which is not in the cache (as a crash of
   * an older version could leave behind). */
  cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
  g_clear_object (&cache);
  sql_exec (path, "INSERT INTO order_text (rowid, order_id, buyer) VALUES (1, 'ghost-order', 'ghost-buyer')");

  cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, test_order_new (ACCOUNT, "700000000003", 1700000000000, 1700000001000,
                                         "unpaid", "周杰伦", 500, "COD"));
  g_assert_true (dd_cache_store_page (cache, ACCOUNT, page, -1, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (dd_order_get_row_id (g_ptr_array_index (page, 0)), ==, 1);
  g_assert_cmpuint (count_matches (cache, "周杰伦"), ==, 1);
  g_assert_cmpuint (count_matches (cache, "ghost"), ==, 0);
  g_assert_cmpuint (sql_int (path, "SELECT count(*) FROM order_text"), ==, 1);

  g_clear_object (&cache);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/sync-batch/backfill", test_batched_backfill);
  g_test_add_func ("/dingdan/sync-batch/twice-in-a-page", test_twice_in_a_page);
  g_test_add_func ("/dingdan/sync-batch/leftover-index-row", test_leftover_index_row);

  return g_test_run ();
}
