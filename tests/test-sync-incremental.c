/* test-sync-incremental.c: what a sync after the first one asks for
 *
 * Against the sandbox (in a thread of this process), per platform: orders
 * changed while a sync pages are picked up by the next one; an incremental
 * sync makes at most ceil (changed / page size) + 1 listing calls; a cursor
 * too old for its windows becomes a backfill.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sync-helpers.h"

/* Enough pages that five windows cost less than listing them again, and
 * four pages on PandaPon, which has a fifth of the orders. */
#define N_ORDERS  TEST_VOLUME (1000, 400)
#define PAGE_SIZE TEST_VOLUME (50, 20)
#define DAY_MS    (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

typedef struct
{
  const SyncTestPlatform *platform;
  char      *dir;
  DdSandbox *sandbox;
  DdHttp    *http;
  DdClient  *client;
  DdCache   *cache;
  DdSyncJob *job;

  /* The hook (the sandbox's thread): after @hook_at listing calls, modify
   * @hook_n orders. */
  gint       n_list_calls;
  gint       hook_at;
  guint      hook_n;
  guint      hook_seed;
  gint       hook_done;

  gboolean   saw_backfilling;
} Fixture;

static void
touch_hook (DdSandbox  *sandbox,
            const char *api_path,
            guint       page,
            gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GPtrArray) touched = NULL;

  if (!sync_test_is_list_call (fixture->platform, api_path))
    return;
  if (g_atomic_int_add (&fixture->n_list_calls, 1) + 1 != g_atomic_int_get (&fixture->hook_at))
    return;

  touched = dd_sandbox_touch_orders (sandbox, fixture->platform->name, fixture->hook_n,
                                     fixture->hook_seed);
  g_atomic_int_set (&fixture->hook_done, (gint) touched->len);
}

static void
backfilling_cb (DdSyncJob  *job,
                GParamSpec *pspec,
                Fixture    *fixture)
{
  if (dd_sync_job_get_backfilling (job))
    fixture->saw_backfilling = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->platform = sync_test_platform (user_data);
  fixture->dir = g_dir_make_tmp ("dingdan-sync-incremental-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, DD_SANDBOX_DEFAULT_APP_KEY,
                                     DD_SANDBOX_DEFAULT_APP_SECRET,
                                     DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  dd_sandbox_set_hook (fixture->sandbox, touch_hook, fixture);
  g_assert_true (dd_sandbox_start_in_thread (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->http = dd_http_new ();
  fixture->client = sync_test_client_new (fixture->platform, fixture->http,
                                          dd_sandbox_get_base_url (fixture->sandbox));
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
  fixture->job = dd_sync_job_new (fixture->client, fixture->cache, fixture->platform->account_id);
  dd_sync_job_set_page_size (fixture->job, PAGE_SIZE);
  g_signal_connect (fixture->job, "notify::backfilling", G_CALLBACK (backfilling_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  dd_sandbox_set_hook (fixture->sandbox, NULL, NULL);
  g_assert_finalize_object (fixture->job);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->sandbox);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* One run; the hook modifies @hook_n orders after @hook_at listing calls
 * of it (0: never). */
static void
run (Fixture *fixture,
     gint     hook_at,
     guint    hook_n)
{
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&fixture->n_list_calls, 0);
  g_atomic_int_set (&fixture->hook_done, 0);
  fixture->hook_n = hook_n;
  fixture->hook_seed = g_test_rand_int ();
  g_atomic_int_set (&fixture->hook_at, hook_at);
  fixture->saw_backfilling = FALSE;

  g_assert_true (sync_test_run (fixture->job, NULL, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&fixture->hook_at, 0);
  if (hook_at > 0)
    g_assert_cmpint (g_atomic_int_get (&fixture->hook_done), ==, (gint) hook_n);
}

static void
touch (Fixture *fixture,
       guint    n)
{
  g_autoptr(GPtrArray) touched = dd_sandbox_touch_orders (fixture->sandbox, fixture->platform->name,
                                                          n, g_test_rand_int ());

  g_assert_cmpuint (touched->len, ==, n);
}

static void
test_changed_while_paging (Fixture       *fixture,
                           gconstpointer  user_data)
{
  /* Orders change while the backfill pages (its third page is served,
   * PandaPon has four): the incremental pass that ends the run picks them
   * up. */
  run (fixture, 3, 10);
  g_assert_true (fixture->saw_backfilling);
  sync_test_assert_truth (fixture->cache, fixture->sandbox, fixture->platform);

  /* And while an incremental sync of three pages and more pages … */
  touch (fixture, 3 * PAGE_SIZE);
  run (fixture, 2, 10);
  g_assert_false (fixture->saw_backfilling);
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), >=, 3 * PAGE_SIZE);

  /* … the next one does. */
  run (fixture, 0, 0);
  sync_test_assert_truth (fixture->cache, fixture->sandbox, fixture->platform);
}

/* An incremental sync after @n changes: listing calls within the budget. */
static void
assert_budget (Fixture *fixture,
               guint    n)
{
  gint64 since = dd_cache_get_cursor (fixture->cache, fixture->platform->account_id) - DD_SYNC_OVERLAP_MS;
  guint list_calls = sync_test_n_list_calls (fixture->sandbox, fixture->platform);
  guint all_calls = dd_sandbox_get_n_requests (fixture->sandbox, NULL);
  guint changed, budget;

  touch (fixture, n);
  /* What the platform counts as changed: the window from the cursor less
   * the overlap (the last sync's own window end is in it). */
  changed = sync_test_count_modified_since (fixture->sandbox, fixture->platform, since);
  budget = (changed + PAGE_SIZE - 1) / PAGE_SIZE + 1;

  run (fixture, 0, 0);
  list_calls = sync_test_n_list_calls (fixture->sandbox, fixture->platform) - list_calls;
  all_calls = dd_sandbox_get_n_requests (fixture->sandbox, NULL) - all_calls;
  g_test_message ("%s: %u changed, %u listing calls (budget %u), %u calls in all",
                  fixture->platform->name, changed, list_calls, budget, all_calls);

  g_assert_false (fixture->saw_backfilling);
  g_assert_cmpuint (changed, >=, n);
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), >=, n);
  g_assert_cmpuint (list_calls, <=, budget);
  g_assert_cmpuint (list_calls, >=, (n + PAGE_SIZE - 1) / PAGE_SIZE);
  /* One page: one call, also paging backwards (TOP). */
  if (changed <= PAGE_SIZE)
    g_assert_cmpuint (list_calls, ==, 1);
  g_assert_cmpuint (dd_sync_job_get_n_calls (fixture->job), ==, all_calls);
  sync_test_assert_truth (fixture->cache, fixture->sandbox, fixture->platform);
}

static void
test_budget (Fixture       *fixture,
             gconstpointer  user_data)
{
  run (fixture, 0, 0);
  g_assert_true (fixture->saw_backfilling);
  sync_test_assert_truth (fixture->cache, fixture->sandbox, fixture->platform);

  /* Less than a page (unless the overlap holds many more), then more than
   * two (the first ones are in the overlap again). */
  assert_budget (fixture, PAGE_SIZE * 2 / 5);
  assert_budget (fixture, PAGE_SIZE * 2);
}

/* The account's cursor moved to @cursor_ms, as if its last sync ended then. */
static void
set_cursor (Fixture *fixture,
            gint64   cursor_ms)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  DdSyncState state = { cursor_ms, 0, 0, 0 };

  g_assert_true (dd_cache_store_page_with_state (fixture->cache, fixture->platform->account_id,
                                                 none, &state, NULL, &error));
  g_assert_no_error (error);
}

static void
test_old_cursor (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *full = fixture->platform->list_calls[0];
  const char *increment = fixture->platform->list_calls[1];
  guint n_full, n_increment;
  gint64 now = g_get_real_time () / 1000;

  run (fixture, 0, 0);
  g_assert_true (fixture->saw_backfilling);

  /* Two hours back: five windows cost less than listing every order again. */
  set_cursor (fixture, now - 2 * 60 * 60 * 1000);
  touch (fixture, 10);
  n_full = dd_sandbox_get_n_requests (fixture->sandbox, full);
  n_increment = dd_sandbox_get_n_requests (fixture->sandbox, increment);
  run (fixture, 0, 0);
  g_assert_false (fixture->saw_backfilling);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, full), ==, n_full);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, increment) - n_increment, >=, 5);
  sync_test_assert_truth (fixture->cache, fixture->sandbox, fixture->platform);

  /* Three weeks back: 1000 windows would cost more than a backfill of 20
   * pages, which takes the old cursor's place. */
  set_cursor (fixture, now - 21 * DAY_MS);
  touch (fixture, 10);
  n_full = dd_sandbox_get_n_requests (fixture->sandbox, full);
  n_increment = dd_sandbox_get_n_requests (fixture->sandbox, increment);
  run (fixture, 0, 0);
  g_assert_true (fixture->saw_backfilling);
  g_assert_false (dd_sync_job_get_backfilling (fixture->job));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, full) - n_full, ==,
                    (N_ORDERS + PAGE_SIZE - 1) / PAGE_SIZE);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, increment) - n_increment, <=, 2);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, fixture->platform->account_id), >=, now);
  sync_test_assert_truth (fixture->cache, fixture->sandbox, fixture->platform);
}

/* The sandbox's own helpers that these tests lean on. */
static void
test_touch (Fixture       *fixture,
            gconstpointer  user_data)
{
  const char *name = fixture->platform->name;
  g_autoptr(GPtrArray) before = dd_sandbox_list_order_states (fixture->sandbox, name);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) touched = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GHashTable) picked = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 now = g_get_real_time () / 1000;
  guint n_added;

  touched = dd_sandbox_touch_orders (fixture->sandbox, name, 10, 7);
  g_assert_cmpuint (touched->len, ==, 10);
  for (guint i = 0; i < touched->len; i++)
    g_assert_true (g_hash_table_add (picked, g_ptr_array_index (touched, i)));

  /* Those ten, and only they, changed status and time (whole seconds on
   * TOP); the others stay as they were. */
  after = dd_sandbox_list_order_states (fixture->sandbox, name);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      DdSandboxOrderState *old = g_ptr_array_index (before, i);
      DdSandboxOrderState *new = g_ptr_array_index (after, i);

      g_assert_cmpstr (old->order_id, ==, new->order_id);
      if (g_hash_table_contains (picked, new->order_id))
        {
          g_assert_cmpstr (old->status, !=, new->status);
          g_assert_cmpint (new->modified_ms, >, old->modified_ms);
          g_assert_cmpint (new->modified_ms, >=, now - 1000);
          g_assert_cmpint (new->modified_ms, <=, g_get_real_time () / 1000);
        }
      else
        {
          g_assert_cmpstr (old->status, ==, new->status);
          g_assert_cmpint (old->modified_ms, ==, new->modified_ms);
        }
    }

  /* Just modified: not picked again. */
  again = dd_sandbox_touch_orders (fixture->sandbox, name, 10, 7);
  for (guint i = 0; i < again->len; i++)
    g_assert_false (g_hash_table_contains (picked, g_ptr_array_index (again, i)));

  /* New orders join the listing (procurement's only through the API). */
  n_added = dd_sandbox_add_orders (fixture->sandbox, name, 3);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = dd_sandbox_list_order_states (fixture->sandbox, name);
  g_assert_cmpuint (n_added, ==, g_str_equal (name, DD_SANDBOX_PLATFORM_TOP_PC) ? 0 : 3);
  g_assert_cmpuint (after->len, ==, before->len + n_added);
  g_assert_null (dd_sandbox_list_order_states (fixture->sandbox, "nowhere"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, platform, func) \
  g_test_add ("/dingdan/sync-incremental/" path, Fixture, platform, fixture_set_up, func, fixture_tear_down)

  ADD ("changed-while-paging/tw", DD_SANDBOX_PLATFORM_TW, test_changed_while_paging);
  ADD ("changed-while-paging/top", DD_SANDBOX_PLATFORM_TOP, test_changed_while_paging);
  ADD ("changed-while-paging/pandapon", DD_SANDBOX_PLATFORM_PANDAPON, test_changed_while_paging);
  ADD ("budget/tw", DD_SANDBOX_PLATFORM_TW, test_budget);
  ADD ("budget/top", DD_SANDBOX_PLATFORM_TOP, test_budget);
  ADD ("budget/top-pc", DD_SANDBOX_PLATFORM_TOP_PC, test_budget);
  ADD ("budget/pandapon", DD_SANDBOX_PLATFORM_PANDAPON, test_budget);
  ADD ("old-cursor/top", DD_SANDBOX_PLATFORM_TOP, test_old_cursor);
  ADD ("sandbox-touch/tw", DD_SANDBOX_PLATFORM_TW, test_touch);
  ADD ("sandbox-touch/top", DD_SANDBOX_PLATFORM_TOP, test_touch);
  ADD ("sandbox-touch/top-pc", DD_SANDBOX_PLATFORM_TOP_PC, test_touch);
  ADD ("sandbox-touch/pandapon", DD_SANDBOX_PLATFORM_PANDAPON, test_touch);

#undef ADD

  return g_test_run ();
}
