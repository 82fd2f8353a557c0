/* test-sync-resume.c: a sync killed at random points and resumed converges
 *
 * The sandbox runs in a thread of this process; the sync runs in a child
 * process (this same program, told so by DD_SYNC_CHILD_* variables) which
 * the sandbox's hook kills with SIGKILL after a random number of listing
 * pages, sometimes a moment later (while the previous page is written).
 * Between kills some orders change and new ones arrive; a last run goes to
 * the end and the cache must then hold exactly the sandbox's orders, each
 * with its status and modification time. The seed is printed: run with
 * --seed to reproduce.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/types.h>

#include "sync-helpers.h"

#define N_ORDERS   TEST_VOLUME (2000, 600)   /* Taiwan and TOP; procurement and PandaPon a fifth */
#define PAGE_SIZE  50
#define N_KILLS    4

static const char *program_path;

/* ---- the child ---------------------------------------------------------------- */

/* Syncs one account into the cache and exits: 0 when the sync finished. */
static int
child_main (void)
{
  const char *name = g_getenv ("DD_SYNC_CHILD_PLATFORM");
  const char *base_url = g_getenv ("DD_SYNC_CHILD_URL");
  const char *db_path = g_getenv ("DD_SYNC_CHILD_DB");
  const SyncTestPlatform *platform = sync_test_platform (name);
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdClient) client = sync_test_client_new (platform, http, base_url);
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  g_autoptr(GError) error = NULL;

  cache = dd_cache_new (db_path, &error);
  if (cache == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  job = dd_sync_job_new (client, cache, platform->account_id);
  dd_sync_job_set_page_size (job, PAGE_SIZE);
  if (!sync_test_run (job, NULL, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  return 0;
}

/* ---- the parent --------------------------------------------------------------- */

typedef struct
{
  const SyncTestPlatform *platform;
  char      *dir;
  char      *db_path;
  DdSandbox *sandbox;

  /* Shared with the sandbox's thread. */
  gint       pid;          /* the child to kill; 0: none */
  gint       n_pages;      /* listing pages served to it */
  gint       kill_at;      /* page after which it dies; 0: never */
  gint       delay_us;     /* and how long after */
} Fixture;

static void
kill_hook (DdSandbox  *sandbox,
           const char *api_path,
           guint       page,
           gpointer    user_data)
{
  Fixture *fixture = user_data;
  gint kill_at = g_atomic_int_get (&fixture->kill_at);
  gint pid;

  if (!sync_test_is_list_call (fixture->platform, api_path))
    return;
  if (g_atomic_int_add (&fixture->n_pages, 1) + 1 != kill_at)
    return;

  pid = g_atomic_int_get (&fixture->pid);
  if (pid <= 0)
    return;
  if (fixture->delay_us > 0)
    g_usleep (fixture->delay_us);
  kill ((pid_t) pid, SIGKILL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->platform = sync_test_platform (user_data);
  fixture->dir = g_dir_make_tmp ("dingdan-sync-resume-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "orders.db", NULL);

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, DD_SANDBOX_DEFAULT_APP_KEY,
                                     DD_SANDBOX_DEFAULT_APP_SECRET,
                                     DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  dd_sandbox_set_hook (fixture->sandbox, kill_hook, fixture);
  g_assert_true (dd_sandbox_start_in_thread (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  dd_sandbox_set_hook (fixture->sandbox, NULL, NULL);
  g_clear_object (&fixture->sandbox);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

/* Runs the child to its end, or until the hook kills it after @kill_at
 * listing pages (0: never) and @delay_us. TRUE when it finished. */
static gboolean
run_child (Fixture *fixture,
           gint     kill_at,
           gint     delay_us)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "DD_SYNC_CHILD_PLATFORM", fixture->platform->name, TRUE);
  g_subprocess_launcher_setenv (launcher, "DD_SYNC_CHILD_URL",
                                dd_sandbox_get_base_url (fixture->sandbox), TRUE);
  g_subprocess_launcher_setenv (launcher, "DD_SYNC_CHILD_DB", fixture->db_path, TRUE);

  g_atomic_int_set (&fixture->n_pages, 0);
  g_atomic_int_set (&fixture->kill_at, kill_at);
  fixture->delay_us = delay_us;
  child = g_subprocess_launcher_spawn (launcher, &error, program_path, NULL);
  g_assert_no_error (error);
  g_atomic_int_set (&fixture->pid, atoi (g_subprocess_get_identifier (child)));

  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&fixture->pid, 0);
  g_atomic_int_set (&fixture->kill_at, 0);

  if (g_subprocess_get_if_signaled (child))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      g_test_message ("killed after %d pages (+%d us)", kill_at, delay_us);
      return FALSE;
    }

  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_test_message ("finished after %d pages", g_atomic_int_get (&fixture->n_pages));
  return TRUE;
}

static void
test_kill_resume (Fixture       *fixture,
                  gconstpointer  user_data)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) listed = dd_sandbox_list_order_states (fixture->sandbox, fixture->platform->name);
  guint n_listed = listed->len;
  gint n_pages = (gint) (n_listed / PAGE_SIZE) + 2;
  guint n_killed = 0;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  DdSyncState state = DD_SYNC_STATE_INIT;

  g_test_message ("%s: %u orders, seed %u", fixture->platform->name, n_listed, seed);

  for (guint round = 0; round < N_KILLS; round++)
    {
      /* Early in the first round, so that a backfill is cut short. */
      gint kill_at = g_rand_int_range (rand, 1, round == 0 ? n_pages / 2 : n_pages);
      gint delay_us = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 4000) : 0;
      g_autoptr(GPtrArray) touched = NULL;

      if (!run_child (fixture, kill_at, delay_us))
        n_killed++;

      /* The shop lives on: changes, and buyers order. */
      touched = dd_sandbox_touch_orders (fixture->sandbox, fixture->platform->name, 15,
                                         g_rand_int (rand));
      g_assert_cmpuint (touched->len, ==, 15);
      dd_sandbox_add_orders (fixture->sandbox, fixture->platform->name, 3);
    }
  g_assert_cmpuint (n_killed, >=, 1);

  g_assert_true (run_child (fixture, 0, 0));

  cache = dd_cache_new (fixture->db_path, &error);
  g_assert_no_error (error);
  dd_cache_get_sync_state (cache, fixture->platform->account_id, &state);
  g_assert_cmpuint (state.backfill_page, ==, 0);
  g_assert_cmpint (state.cursor_ms, >, 0);
  sync_test_assert_truth (cache, fixture->sandbox, fixture->platform);
}

/* ---- in this process: where a resumed backfill starts ----------------------- */

typedef struct
{
  GMutex  lock;
  GArray *pages;   /* (element-type guint) listing pages served */
} Pages;

static void
pages_hook (DdSandbox  *sandbox,
            const char *api_path,
            guint       page,
            gpointer    user_data)
{
  Pages *pages = user_data;

  if (!g_str_equal (api_path, "/orders/get"))
    return;
  g_mutex_lock (&pages->lock);
  g_array_append_val (pages->pages, page);
  g_mutex_unlock (&pages->lock);
}

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_after;
  guint         n_stored;
  gboolean      saw_backfilling;
} Watch;

static void
watch_page_stored_cb (DdSyncJob *job,
                      GArray    *changed,
                      Watch     *watch)
{
  if (++watch->n_stored == watch->cancel_after)
    g_cancellable_cancel (watch->cancellable);
}

static void
watch_backfilling_cb (DdSyncJob  *job,
                      GParamSpec *pspec,
                      Watch      *watch)
{
  if (dd_sync_job_get_backfilling (job))
    watch->saw_backfilling = TRUE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
test_resume_at_saved_page (Fixture       *fixture,
                           gconstpointer  user_data)
{
  Pages pages = { { 0 }, g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch watch = { cancellable, 3, 0, FALSE };
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  g_autoptr(GError) error = NULL;
  DdSyncState state = DD_SYNC_STATE_INIT;
  guint n_backfill_pages = N_ORDERS / PAGE_SIZE;

  g_mutex_init (&pages.lock);
  dd_sandbox_set_hook (fixture->sandbox, pages_hook, &pages);
  client = sync_test_client_new (fixture->platform, http, dd_sandbox_get_base_url (fixture->sandbox));
  cache = dd_cache_new (fixture->db_path, &error);
  g_assert_no_error (error);
  job = dd_sync_job_new (client, cache, fixture->platform->account_id);
  dd_sync_job_set_page_size (job, PAGE_SIZE);
  g_signal_connect (job, "page-stored", G_CALLBACK (watch_page_stored_cb), &watch);
  g_signal_connect (job, "notify::backfilling", G_CALLBACK (watch_backfilling_cb), &watch);

  /* Cancelled once page 3 is stored: the state says so. */
  g_assert_false (sync_test_run (job, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (watch.saw_backfilling);
  g_assert_false (dd_sync_job_get_backfilling (job));
  dd_cache_get_sync_state (cache, fixture->platform->account_id, &state);
  g_assert_cmpint (state.cursor_ms, ==, -1);
  g_assert_cmpuint (state.backfill_page, ==, 3);
  g_assert_cmpuint (state.backfill_page_size, ==, PAGE_SIZE);
  g_assert_cmpint (state.backfill_start_ms, >, 0);
  g_assert_cmpuint (dd_cache_count_orders (cache, fixture->platform->account_id), ==, 3 * PAGE_SIZE);

  /* The next run pages on from page 4 with the saved page size (not the new
   * one), then lists what changed since the backfill began. */
  g_mutex_lock (&pages.lock);
  g_array_set_size (pages.pages, 0);
  g_mutex_unlock (&pages.lock);
  dd_sync_job_set_page_size (job, 2 * PAGE_SIZE);
  watch.cancel_after = 0;
  watch.saw_backfilling = FALSE;
  g_assert_true (sync_test_run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (watch.saw_backfilling);

  /* Pages 4 … 40 (two requests may be out at once: in any order), then page
   * 1 of the incremental listing; never pages 2 or 3 again. The cancelled
   * run's last requests (pages 4 and 5) may reach the sandbox late, after
   * the list was cleared: at most two more. */
  g_mutex_lock (&pages.lock);
  g_array_sort (pages.pages, compare_guint);
  g_assert_cmpuint (pages.pages->len, >=, n_backfill_pages - 3 + 1);
  g_assert_cmpuint (pages.pages->len, <=, n_backfill_pages - 3 + 1 + 2);
  g_assert_cmpuint (g_array_index (pages.pages, guint, 0), ==, 1);
  for (guint i = 1, expected = 4; i < pages.pages->len; i++)
    {
      guint page = g_array_index (pages.pages, guint, i);

      g_assert_cmpuint (page, >=, 4);
      if (page == expected - 1 && page <= 5)
        continue;  /* a late one of the cancelled run */
      g_assert_cmpuint (page, ==, expected);
      expected++;
    }
  g_mutex_unlock (&pages.lock);
  g_assert_cmpuint (dd_sync_job_get_n_pages (job), ==, n_backfill_pages - 3 + 1);

  dd_cache_get_sync_state (cache, fixture->platform->account_id, &state);
  g_assert_cmpuint (state.backfill_page, ==, 0);
  g_assert_cmpint (state.cursor_ms, >, 0);
  sync_test_assert_truth (cache, fixture->sandbox, fixture->platform);

  dd_sandbox_set_hook (fixture->sandbox, NULL, NULL);
  g_array_unref (pages.pages);
  g_mutex_clear (&pages.lock);
}

static void
keep_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_pending (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  client = sync_test_client_new (fixture->platform, http, dd_sandbox_get_base_url (fixture->sandbox));
  cache = dd_cache_new (fixture->db_path, &error);
  g_assert_no_error (error);
  job = dd_sync_job_new (client, cache, fixture->platform->account_id);
  dd_sync_job_set_page_size (job, 100);

  /* A second run while one is going is refused; the first goes on. */
  dd_sync_job_run_async (job, NULL, keep_result_cb, &first);
  g_assert_true (dd_sync_job_get_running (job));
  dd_sync_job_run_async (job, NULL, keep_result_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (dd_sync_job_run_finish (job, second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_true (dd_sync_job_run_finish (job, first, &error));
  g_assert_no_error (error);
  sync_test_assert_truth (cache, fixture->sandbox, fixture->platform);

  /* Once it ended, the next is taken. */
  g_assert_true (sync_test_run (job, NULL, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DD_SYNC_CHILD_PLATFORM") != NULL)
    return child_main ();

  program_path = argv[0];
  g_test_init (&argc, &argv, NULL);

#define ADD(path, platform, func) \
  g_test_add ("/dingdan/sync-resume/" path, Fixture, platform, fixture_set_up, func, fixture_tear_down)

  ADD ("kill/tw", DD_SANDBOX_PLATFORM_TW, test_kill_resume);
  ADD ("kill/top", DD_SANDBOX_PLATFORM_TOP, test_kill_resume);
  ADD ("kill/top-pc", DD_SANDBOX_PLATFORM_TOP_PC, test_kill_resume);
  ADD ("kill/pandapon", DD_SANDBOX_PLATFORM_PANDAPON, test_kill_resume);
  ADD ("saved-page", DD_SANDBOX_PLATFORM_TW, test_resume_at_saved_page);
  ADD ("pending", DD_SANDBOX_PLATFORM_TW, test_pending);

#undef ADD

  return g_test_run ();
}
