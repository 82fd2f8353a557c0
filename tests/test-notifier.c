/* test-notifier.c: which paid orders are told, one by one or summed up; how
 * the cache tells which orders a page makes newly paid, the sync job's
 * "orders-paid" (never for an account's first sync), and which rounds are
 * background ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "dd-cache.h"
#include "dd-marks.h"
#include "dd-notifier.h"
#include "dd-sandbox-shop.h"
#include "sync-helpers.h"
#include "test-orders.h"

/* ---- the summarising decisions -------------------------------------------- */

static GArray *
rows (guint n,
      ...)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 row_id = va_arg (args, gint64);

      g_array_append_val (array, row_id);
    }
  va_end (args);

  return array;
}

/* Whether @array holds exactly these row ids, in any order. */
static gboolean
holds (GArray *array,
       guint   n,
       ...)
{
  va_list args;
  gboolean all = array->len == n;

  va_start (args, n);
  for (guint i = 0; i < n && all; i++)
    {
      gint64 row_id = va_arg (args, gint64);
      gboolean found = FALSE;

      for (guint j = 0; j < array->len && !found; j++)
        found = g_array_index (array, gint64, j) == row_id;
      all = found;
    }
  va_end (args);

  return all;
}

typedef struct
{
  DdPaidNotices notices;
  DdPaidPlan    plan;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  dd_paid_notices_init (&fixture->notices);
  dd_paid_plan_init (&fixture->plan);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  dd_paid_plan_clear (&fixture->plan);
  dd_paid_notices_clear (&fixture->notices);
}

/* A new plan for the next step. */
static void
next_plan (Fixture *fixture)
{
  dd_paid_plan_clear (&fixture->plan);
  dd_paid_plan_init (&fixture->plan);
}

static void
add (Fixture *fixture,
     GArray  *row_ids)
{
  next_plan (fixture);
  dd_paid_notices_add (&fixture->notices, row_ids, &fixture->plan);
  g_array_unref (row_ids);
}

static void
reviewed (Fixture *fixture,
          GArray  *row_ids)
{
  next_plan (fixture);
  dd_paid_notices_reviewed (&fixture->notices, row_ids, &fixture->plan);
  g_array_unref (row_ids);
}

static void
test_few_one_by_one (Fixture       *fixture,
                     gconstpointer  data)
{
  add (fixture, rows (2, (gint64) 11, (gint64) 12));
  g_assert_true (holds (fixture->plan.show, 2, (gint64) 11, (gint64) 12));
  g_assert_cmpuint (fixture->plan.withdraw->len, ==, 0);
  g_assert_false (fixture->plan.summary_changed);

  /* One more is still few: its own too. */
  add (fixture, rows (1, (gint64) 13));
  g_assert_true (holds (fixture->plan.show, 1, (gint64) 13));
  g_assert_false (fixture->plan.summary_changed);
}

static void
test_told_once (Fixture       *fixture,
                gconstpointer  data)
{
  /* Twice in one round: once. */
  add (fixture, rows (3, (gint64) 5, (gint64) 5, (gint64) 6));
  g_assert_true (holds (fixture->plan.show, 2, (gint64) 5, (gint64) 6));

  /* Paid again in the next round (re-read in the sync's overlap): nothing. */
  add (fixture, rows (2, (gint64) 6, (gint64) 5));
  g_assert_cmpuint (fixture->plan.show->len, ==, 0);
  g_assert_cmpuint (fixture->plan.withdraw->len, ==, 0);
  g_assert_false (fixture->plan.summary_changed);
}

static void
test_many_at_once (Fixture       *fixture,
                   gconstpointer  data)
{
  add (fixture, rows (DD_NOTIFIER_MAX_SINGLE + 1, (gint64) 1, (gint64) 2, (gint64) 3, (gint64) 4));
  g_assert_cmpuint (fixture->plan.show->len, ==, 0);
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 4);
  g_assert_false (fixture->plan.quiet);
}

static void
test_singles_join_summary (Fixture       *fixture,
                           gconstpointer  data)
{
  add (fixture, rows (2, (gint64) 21, (gint64) 22));
  g_assert_cmpuint (fixture->plan.show->len, ==, 2);

  /* Two more make four: the two shown go into one summary of four. */
  add (fixture, rows (2, (gint64) 23, (gint64) 24));
  g_assert_cmpuint (fixture->plan.show->len, ==, 0);
  g_assert_true (holds (fixture->plan.withdraw, 2, (gint64) 21, (gint64) 22));
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 4);

  /* While it is shown, one more is counted by it, not shown alone. */
  add (fixture, rows (1, (gint64) 25));
  g_assert_cmpuint (fixture->plan.show->len, ==, 0);
  g_assert_cmpuint (fixture->plan.withdraw->len, ==, 0);
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 5);
}

static void
test_reviewed_withdraws (Fixture       *fixture,
                         gconstpointer  data)
{
  add (fixture, rows (2, (gint64) 7, (gint64) 8));

  reviewed (fixture, rows (2, (gint64) 8, (gint64) 99));
  g_assert_true (holds (fixture->plan.withdraw, 1, (gint64) 8));
  g_assert_false (fixture->plan.summary_changed);

  /* Reviewed twice (approved, then held): withdrawn once. */
  reviewed (fixture, rows (1, (gint64) 8));
  g_assert_cmpuint (fixture->plan.withdraw->len, ==, 0);

  /* Paid again later, it is news again. */
  add (fixture, rows (1, (gint64) 8));
  g_assert_true (holds (fixture->plan.show, 1, (gint64) 8));
}

static void
test_reviewed_summary (Fixture       *fixture,
                       gconstpointer  data)
{
  add (fixture, rows (5, (gint64) 1, (gint64) 2, (gint64) 3, (gint64) 4, (gint64) 5));
  g_assert_cmpuint (fixture->plan.summary, ==, 5);

  /* Fewer, quietly. */
  reviewed (fixture, rows (2, (gint64) 2, (gint64) 4));
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 3);
  g_assert_true (fixture->plan.quiet);
  g_assert_cmpuint (fixture->plan.withdraw->len, ==, 0);

  /* Orders it does not count change nothing. */
  reviewed (fixture, rows (1, (gint64) 42));
  g_assert_false (fixture->plan.summary_changed);

  /* None left: withdrawn (0). */
  reviewed (fixture, rows (3, (gint64) 1, (gint64) 3, (gint64) 5));
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 0);

  /* Then a new one is shown alone again. */
  add (fixture, rows (1, (gint64) 6));
  g_assert_true (holds (fixture->plan.show, 1, (gint64) 6));
  g_assert_false (fixture->plan.summary_changed);
}

/* Orders shipped or closed on the platform (or reviewed elsewhere) leave
 * the notifications at the next round, as if reviewed here. */
static void
test_settled_elsewhere (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GArray) told = NULL;

  add (fixture, rows (2, (gint64) 31, (gint64) 32));
  told = dd_paid_notices_get_told (&fixture->notices);
  g_assert_true (holds (told, 2, (gint64) 31, (gint64) 32));

  /* 32 still needs review, 31 shipped: its own goes. */
  next_plan (fixture);
  {
    g_autoptr(GArray) pending = rows (1, (gint64) 32);
    dd_paid_notices_keep (&fixture->notices, pending, &fixture->plan);
  }
  g_assert_true (holds (fixture->plan.withdraw, 1, (gint64) 31));
  g_assert_false (fixture->plan.summary_changed);

  /* A summary counts fewer, quietly; none pending withdraws it. */
  add (fixture, rows (4, (gint64) 33, (gint64) 34, (gint64) 35, (gint64) 36));
  g_assert_cmpuint (fixture->plan.summary, ==, 5);
  next_plan (fixture);
  {
    g_autoptr(GArray) pending = rows (2, (gint64) 33, (gint64) 34);
    dd_paid_notices_keep (&fixture->notices, pending, &fixture->plan);
  }
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 2);
  g_assert_true (fixture->plan.quiet);
  next_plan (fixture);
  {
    g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));
    dd_paid_notices_keep (&fixture->notices, pending, &fixture->plan);
  }
  g_assert_true (fixture->plan.summary_changed);
  g_assert_cmpuint (fixture->plan.summary, ==, 0);
  g_clear_pointer (&told, g_array_unref);
  told = dd_paid_notices_get_told (&fixture->notices);
  g_assert_cmpuint (told->len, ==, 0);
}

static void
test_ids (void)
{
  g_autofree char *id = dd_notifier_order_id (1234);

  g_assert_cmpstr (id, ==, "paid-1234");
  g_assert_cmpstr (DD_NOTIFIER_SUMMARY_ID, ==, "paid-summary");
}

/* ---- the cache ------------------------------------------------------------- */

typedef struct
{
  char    *dir;
  DdCache *cache;
} CacheFixture;

static void
cache_set_up (CacheFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-notifier-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
}

static void
cache_tear_down (CacheFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->cache);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static DdOrder *
order (const char *order_id,
       const char *tw_status)
{
  return test_order_new (TEST_ACCOUNT, order_id, 1700000000000, 1700000000000,
                         tw_status, "王小明", 128000, "CREDIT_CARD");
}

static GPtrArray *
page (guint n,
      ...)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (orders, va_arg (args, DdOrder *));
  va_end (args);

  return orders;
}

static void
store (CacheFixture *fixture,
       GPtrArray    *orders)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, orders, -1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_newly_paid (CacheFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) before = page (3, order ("100", "unpaid"), order ("101", "ready_to_ship"),
                                      order ("102", "shipped"));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  store (fixture, before);

  /* 100 paid now; 101 was paid already; 102 shipped (not "to ship");
   * 103 arrives paid; 104 arrives unpaid; 105 arrives "pending" (paid). */
  after = page (6, order ("100", "ready_to_ship"), order ("101", "ready_to_ship"),
                order ("102", "shipped"), order ("103", "ready_to_ship"),
                order ("104", "unpaid"), order ("105", "pending"));
  found = dd_cache_find_newly_paid (fixture->cache, TEST_ACCOUNT, after, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (found, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (found, guint, 2), ==, 5);

  /* Once stored, they are paid in the cache: not new any more. */
  store (fixture, after);
  g_clear_pointer (&found, g_array_unref);
  found = dd_cache_find_newly_paid (fixture->cache, TEST_ACCOUNT, after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);

  /* Another account's order of the same id is another order. */
  g_clear_pointer (&found, g_array_unref);
  found = dd_cache_find_newly_paid (fixture->cache, TEST_ACCOUNT_2, after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 4);
}

static void
test_paid_unreviewed (CacheFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = page (5, order ("200", "ready_to_ship"), order ("201", "ready_to_ship"),
                                      order ("202", "ready_to_ship"), order ("203", "ready_to_ship"),
                                      order ("204", "unpaid"));
  g_autoptr(GArray) row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) approved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) released = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / 1000;
  gint64 gone = 999999;

  store (fixture, orders);
  for (guint i = 0; i < orders->len; i++)
    {
      gint64 row_id = dd_order_get_row_id (g_ptr_array_index (orders, i));

      g_assert_cmpint (row_id, >, 0);
      g_array_append_val (row_ids, row_id);
    }
  g_array_append_val (row_ids, gone);

  g_array_append_val (approved, g_array_index (row_ids, gint64, 1));
  g_array_append_val (held, g_array_index (row_ids, gint64, 2));
  g_array_append_val (released, g_array_index (row_ids, gint64, 3));
  g_assert_true (dd_cache_set_review (fixture->cache, approved, DD_REVIEW_APPROVED, 0, &error));
  g_assert_true (dd_cache_set_review (fixture->cache, held, DD_REVIEW_HELD, 0, &error));
  g_assert_true (dd_cache_set_review (fixture->cache, released, DD_REVIEW_HELD, now - 1000, &error));
  g_assert_no_error (error);

  /* Kept: 200 (never reviewed) and 203 (held until a time now past).
   * Dropped: 201 approved, 202 held, 204 unpaid, a row that is gone. */
  kept = dd_cache_filter_paid_unreviewed (fixture->cache, row_ids, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpuint (kept->len, ==, 2);
  g_assert_cmpint (g_array_index (kept, gint64, 0), ==, g_array_index (row_ids, gint64, 0));
  g_assert_cmpint (g_array_index (kept, gint64, 1), ==, g_array_index (row_ids, gint64, 3));
}

/* ---- the sync job's "orders-paid" ------------------------------------------ */

static void
orders_paid_cb (DdSyncJob *job,
                GArray    *row_ids,
                GArray    *collected)
{
  g_array_append_vals (collected, row_ids->data, row_ids->len);
}

static gint64
cached_row_id (DdCache    *cache,
               const char *order_id)
{
  g_autoptr(DdOrder) order = dd_cache_lookup_order (cache, "tw:sync-test", order_id, NULL);

  g_assert_nonnull (order);
  return dd_order_get_row_id (order);
}

static void
test_job_orders_paid (CacheFixture  *fixture,
                      gconstpointer  data)
{
  const SyncTestPlatform *platform = sync_test_platform (DD_SANDBOX_PLATFORM_TW);
  g_autoptr(DdSandbox) sandbox = dd_sandbox_new (7, 60, DD_SANDBOX_DEFAULT_APP_KEY,
                                                 DD_SANDBOX_DEFAULT_APP_SECRET,
                                                 DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  g_autoptr(GArray) collected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unpaid = NULL;
  g_autofree char *placed = NULL;
  gint64 newest_ms = G_MININT64;
  guint n_to_ship = 0;

  g_assert_true (dd_sandbox_start_in_thread (sandbox, 0, &error));
  g_assert_no_error (error);
  client = sync_test_client_new (platform, http, dd_sandbox_get_base_url (sandbox));
  job = dd_sync_job_new (client, fixture->cache, platform->account_id);
  g_signal_connect (job, "orders-paid", G_CALLBACK (orders_paid_cb), collected);

  /* The first sync brings the whole history, paid orders too: none is new. */
  g_assert_true (sync_test_run (job, NULL, &error));
  g_assert_no_error (error);
  states = dd_sandbox_list_order_states (sandbox, DD_SANDBOX_PLATFORM_TW);
  for (guint i = 0; i < states->len; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);

      if (dd_order_status_from_tw (state->status) == DD_ORDER_STATUS_TO_SHIP)
        n_to_ship++;
      else if (unpaid == NULL && g_str_equal (state->status, "unpaid"))
        unpaid = g_strdup (state->order_id);
    }
  g_assert_cmpuint (n_to_ship, >, 0);
  g_assert_nonnull (unpaid);
  g_assert_cmpuint (collected->len, ==, 0);

  /* A cached unpaid order gets paid; a new order arrives paid. */
  g_assert_true (dd_sandbox_shop_set_status (dd_sandbox_get_shop (sandbox), unpaid, "pending"));
  g_assert_cmpuint (dd_sandbox_add_orders (sandbox, DD_SANDBOX_PLATFORM_TW, 1), ==, 1);
  g_clear_pointer (&states, g_ptr_array_unref);
  states = dd_sandbox_list_order_states (sandbox, DD_SANDBOX_PLATFORM_TW);
  for (guint i = 0; i < states->len; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);

      if (!g_str_equal (state->order_id, unpaid) && state->modified_ms > newest_ms)
        {
          newest_ms = state->modified_ms;
          g_free (placed);
          placed = g_strdup (state->order_id);
        }
    }
  g_assert_true (dd_sandbox_shop_set_status (dd_sandbox_get_shop (sandbox), placed, "ready_to_ship"));

  g_assert_true (sync_test_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collected->len, ==, 2);
  g_assert_true (holds (collected, 2, cached_row_id (fixture->cache, unpaid),
                        cached_row_id (fixture->cache, placed)));

  /* Read again in the next sync's overlap, they are not new any more. */
  g_array_set_size (collected, 0);
  g_assert_true (sync_test_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collected->len, ==, 0);
}

/* ---- background rounds --------------------------------------------------- */

typedef struct
{
  GArray *background;   /* (element-type gboolean) per sync started */
  guint   n_rounds;
} Rounds;

static void
sync_started_cb (DdSyncManager *manager,
                 const char    *account_id,
                 Rounds        *rounds)
{
  gboolean background = dd_sync_manager_is_background (manager, account_id);

  g_array_append_val (rounds->background, background);
}

static void
round_finished_cb (DdSyncManager *manager,
                   Rounds        *rounds)
{
  rounds->n_rounds++;
}

static void
test_background_rounds (CacheFixture  *fixture,
                        gconstpointer  data)
{
  const SyncTestPlatform *platform = sync_test_platform (DD_SANDBOX_PLATFORM_TW);
  g_autoptr(DdSandbox) sandbox = dd_sandbox_new (7, 20, DD_SANDBOX_DEFAULT_APP_KEY,
                                                 DD_SANDBOX_DEFAULT_APP_SECRET,
                                                 DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdSyncManager) manager = NULL;
  g_autoptr(GError) error = NULL;
  Rounds rounds = { g_array_new (FALSE, FALSE, sizeof (gboolean)), 0 };

  g_assert_true (dd_sandbox_start_in_thread (sandbox, 0, &error));
  g_assert_no_error (error);
  client = sync_test_client_new (platform, http, dd_sandbox_get_base_url (sandbox));
  manager = dd_sync_manager_new (fixture->cache);
  dd_sync_manager_set_interval (manager, 0);
  dd_sync_manager_set_client (manager, platform->account_id, client);
  g_signal_connect (manager, "sync-started", G_CALLBACK (sync_started_cb), &rounds);
  g_signal_connect (manager, "round-finished", G_CALLBACK (round_finished_cb), &rounds);

  /* Asked for: not a background one. */
  g_assert_cmpuint (dd_sync_manager_sync (manager, NULL), ==, 1);
  g_assert_false (dd_sync_manager_is_background (manager, platform->account_id));
  while (rounds.n_rounds < 1)
    g_main_context_iteration (NULL, TRUE);

  /* The timer's. */
  dd_sync_manager_set_interval (manager, 1);
  while (rounds.n_rounds < 2)
    g_main_context_iteration (NULL, TRUE);
  dd_sync_manager_set_interval (manager, 0);

  g_assert_cmpuint (rounds.background->len, ==, 2);
  g_assert_false (g_array_index (rounds.background, gboolean, 0));
  g_assert_true (g_array_index (rounds.background, gboolean, 1));
  /* None runs: none is a background one. */
  g_assert_false (dd_sync_manager_is_background (manager, platform->account_id));

  dd_sync_manager_cancel_all (manager);
  g_array_unref (rounds.background);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dingdan/notifier/few-one-by-one", Fixture, NULL,
              fixture_set_up, test_few_one_by_one, fixture_tear_down);
  g_test_add ("/dingdan/notifier/told-once", Fixture, NULL,
              fixture_set_up, test_told_once, fixture_tear_down);
  g_test_add ("/dingdan/notifier/many-at-once", Fixture, NULL,
              fixture_set_up, test_many_at_once, fixture_tear_down);
  g_test_add ("/dingdan/notifier/singles-join-summary", Fixture, NULL,
              fixture_set_up, test_singles_join_summary, fixture_tear_down);
  g_test_add ("/dingdan/notifier/reviewed-withdraws", Fixture, NULL,
              fixture_set_up, test_reviewed_withdraws, fixture_tear_down);
  g_test_add ("/dingdan/notifier/reviewed-summary", Fixture, NULL,
              fixture_set_up, test_reviewed_summary, fixture_tear_down);
  g_test_add ("/dingdan/notifier/settled-elsewhere", Fixture, NULL,
              fixture_set_up, test_settled_elsewhere, fixture_tear_down);
  g_test_add_func ("/dingdan/notifier/ids", test_ids);
  g_test_add ("/dingdan/notifier/cache-newly-paid", CacheFixture, NULL,
              cache_set_up, test_newly_paid, cache_tear_down);
  g_test_add ("/dingdan/notifier/cache-paid-unreviewed", CacheFixture, NULL,
              cache_set_up, test_paid_unreviewed, cache_tear_down);

  g_test_add ("/dingdan/notifier/job-orders-paid", CacheFixture, NULL,
              cache_set_up, test_job_orders_paid, cache_tear_down);

  g_test_add ("/dingdan/notifier/background-rounds", CacheFixture, NULL,
              cache_set_up, test_background_rounds, cache_tear_down);

  return g_test_run ();
}
