/* test-sync-manager.c: DdSyncManager against the sandbox (served from its own thread)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-sandbox.h"
#include "dd-sync-manager.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"
#include "test-orders.h"

#define TW_ACCOUNT  "tw:manager"
#define TOP_ACCOUNT "top:manager"

typedef struct
{
  char          *dir;
  DdSandbox     *sandbox;
  DdHttp        *http;
  DdCache       *cache;
  DdSyncManager *manager;

  /* What the manager said. */
  GPtrArray     *started;        /* (element-type utf8) account ids, in order */
  GPtrArray     *finished;       /* (element-type utf8) */
  GPtrArray     *errors;         /* (element-type GError) copies, NULL for success */
  GHashTable    *pages;          /* account id → number of "page-stored" */
  guint          n_rounds;
  guint          n_syncing_notifies;
  guint          last_job_calls; /* n-calls of the last finished job */

  /* Test knobs. */
  DdClient      *replacement;    /* set as TW_ACCOUNT's client at its first page */
  gboolean       sync_again;     /* … and a sync asked for right after */
  guint          n_refused;      /* syncs that sync_again asked for and did not start */
} Fixture;

static void
error_free (GError *error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
sync_started_cb (DdSyncManager *manager,
                 const char    *account_id,
                 Fixture       *fixture)
{
  g_assert_true (dd_sync_manager_get_syncing (manager));
  g_assert_true (dd_sync_manager_is_syncing (manager, account_id));
  g_assert_nonnull (dd_sync_manager_get_job (manager, account_id));
  g_ptr_array_add (fixture->started, g_strdup (account_id));
}

static void
page_stored_cb (DdSyncManager *manager,
                const char    *account_id,
                GArray        *changed,
                Fixture       *fixture)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->pages, account_id));

  g_assert_nonnull (changed);
  g_assert_true (dd_sync_manager_is_syncing (manager, account_id));
  g_hash_table_insert (fixture->pages, g_strdup (account_id), GUINT_TO_POINTER (n + 1));

  if (fixture->replacement != NULL && g_str_equal (account_id, TW_ACCOUNT))
    {
      g_autoptr(DdClient) client = g_steal_pointer (&fixture->replacement);

      dd_sync_manager_set_client (manager, TW_ACCOUNT, client);
      if (fixture->sync_again && dd_sync_manager_sync (manager, TW_ACCOUNT) == 0)
        fixture->n_refused++;
    }
}

static void
sync_finished_cb (DdSyncManager *manager,
                  const char    *account_id,
                  DdSyncJob     *job,
                  const GError  *error,
                  Fixture       *fixture)
{
  g_assert_true (DD_IS_SYNC_JOB (job));
  g_assert_cmpstr (dd_sync_job_get_account_id (job), ==, account_id);
  g_assert_false (dd_sync_job_get_running (job));
  g_ptr_array_add (fixture->finished, g_strdup (account_id));
  g_ptr_array_add (fixture->errors, error != NULL ? g_error_copy (error) : NULL);
  fixture->last_job_calls = dd_sync_job_get_n_calls (job);
}

static void
round_finished_cb (DdSyncManager *manager,
                   Fixture       *fixture)
{
  g_assert_false (dd_sync_manager_get_syncing (manager));
  fixture->n_rounds++;
}

static void
syncing_cb (GObject    *object,
            GParamSpec *pspec,
            Fixture    *fixture)
{
  fixture->n_syncing_notifies++;
}

static DdClient *
tw_client (Fixture *fixture)
{
  g_autofree char *endpoint = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/rest",
                                           NULL);

  return DD_CLIENT (dd_tw_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                                      DD_SANDBOX_DEFAULT_APP_SECRET,
                                      DD_SANDBOX_DEFAULT_ACCESS_TOKEN));
}

static DdClient *
top_client (Fixture *fixture)
{
  g_autofree char *endpoint = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox),
                                           "/router/rest", NULL);

  return DD_CLIENT (dd_top_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                                       DD_SANDBOX_DEFAULT_APP_SECRET,
                                       DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SIGN_TOP_MD5));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-sync-manager-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, DD_SANDBOX_DEFAULT_ORDERS,
                                     DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                     DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_start_in_thread (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  fixture->http = dd_http_new ();
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);

  fixture->manager = dd_sync_manager_new (fixture->cache);
  g_assert_cmpuint (dd_sync_manager_get_interval (fixture->manager), ==,
                    DD_SYNC_DEFAULT_INTERVAL_MINUTES * 60);
  g_assert_false (dd_sync_manager_get_syncing (fixture->manager));

  fixture->started = g_ptr_array_new_with_free_func (g_free);
  fixture->finished = g_ptr_array_new_with_free_func (g_free);
  fixture->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) error_free);
  fixture->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect (fixture->manager, "sync-started", G_CALLBACK (sync_started_cb), fixture);
  g_signal_connect (fixture->manager, "page-stored", G_CALLBACK (page_stored_cb), fixture);
  g_signal_connect (fixture->manager, "sync-finished", G_CALLBACK (sync_finished_cb), fixture);
  g_signal_connect (fixture->manager, "round-finished", G_CALLBACK (round_finished_cb), fixture);
  g_signal_connect (fixture->manager, "notify::syncing", G_CALLBACK (syncing_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_false (dd_sync_manager_get_syncing (fixture->manager));
  g_assert_finalize_object (fixture->manager);
  g_clear_object (&fixture->replacement);
  g_clear_object (&fixture->http);
  g_assert_finalize_object (fixture->cache);
  g_clear_object (&fixture->sandbox);

  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_ptr_array_unref (fixture->started);
  g_ptr_array_unref (fixture->finished);
  g_ptr_array_unref (fixture->errors);
  g_hash_table_unref (fixture->pages);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the sync manager");
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @n_rounds rounds have finished in all. */
static void
wait_rounds (Fixture *fixture,
             guint    n_rounds)
{
  guint timeout_id = g_timeout_add_seconds (120, timeout_cb, NULL);

  while (fixture->n_rounds < n_rounds)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

static guint
count (GPtrArray  *ids,
       const char *account_id)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    n += g_str_equal (g_ptr_array_index (ids, i), account_id);
  return n;
}

static const GError *
error_at (Fixture *fixture,
          guint    index)
{
  g_assert_cmpuint (index, <, fixture->errors->len);
  return g_ptr_array_index (fixture->errors, index);
}

static void
test_two_accounts (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(DdClient) tw = tw_client (fixture);
  g_autoptr(DdClient) top = top_client (fixture);

  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, tw);
  dd_sync_manager_set_client (fixture->manager, TOP_ACCOUNT, top);
  g_assert_null (dd_sync_manager_get_job (fixture->manager, TW_ACCOUNT));

  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, NULL), ==, 2);
  g_assert_true (dd_sync_manager_get_syncing (fixture->manager));
  g_assert_cmpuint (fixture->n_syncing_notifies, ==, 1);
  g_assert_cmpuint (fixture->started->len, ==, 2);

  wait_rounds (fixture, 1);

  /* Both ran at once, each to its end; one round. */
  g_assert_cmpuint (fixture->n_rounds, ==, 1);
  g_assert_cmpuint (fixture->n_syncing_notifies, ==, 2);
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_no_error (error_at (fixture, 0));
  g_assert_no_error (error_at (fixture, 1));
  g_assert_cmpuint (count (fixture->finished, TW_ACCOUNT), ==, 1);
  g_assert_cmpuint (count (fixture->finished, TOP_ACCOUNT), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (fixture->pages, TW_ACCOUNT)), >, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (fixture->pages, TOP_ACCOUNT)), >, 0);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TW_ACCOUNT), ==, DD_SANDBOX_DEFAULT_ORDERS);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TOP_ACCOUNT), ==, DD_SANDBOX_DEFAULT_ORDERS);
  g_assert_false (dd_sync_manager_is_syncing (fixture->manager, TW_ACCOUNT));
  g_assert_null (dd_sync_manager_get_job (fixture->manager, TW_ACCOUNT));

  /* One of them alone; an unknown account starts nothing. */
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, "tw:nobody"), ==, 0);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TOP_ACCOUNT), ==, 1);
  wait_rounds (fixture, 2);
  g_assert_cmpuint (count (fixture->started, TOP_ACCOUNT), ==, 2);
  g_assert_cmpuint (count (fixture->started, TW_ACCOUNT), ==, 1);
  g_assert_no_error (error_at (fixture, 2));
}

static void
test_no_second_run (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(DdClient) tw = tw_client (fixture);
  guint requests;

  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, tw);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TW_ACCOUNT), ==, 1);

  /* Asked again, by name or for everyone, while it runs: nothing starts. */
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TW_ACCOUNT), ==, 0);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, NULL), ==, 0);
  /* The same client again changes nothing either. */
  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, tw);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TW_ACCOUNT), ==, 0);

  wait_rounds (fixture, 1);

  g_assert_cmpuint (fixture->started->len, ==, 1);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  g_assert_no_error (error_at (fixture, 0));

  /* The sandbox saw one run: every call it answered was that run's. */
  requests = dd_sandbox_get_n_requests (fixture->sandbox, NULL);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), >, 0);
  g_assert_cmpuint (requests, ==, fixture->last_job_calls);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TW_ACCOUNT), ==, DD_SANDBOX_DEFAULT_ORDERS);

  /* Once it is over, another may start. */
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TW_ACCOUNT), ==, 1);
  wait_rounds (fixture, 2);
  g_assert_no_error (error_at (fixture, 1));
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_interval (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(DdClient) tw = tw_client (fixture);
  guint n_started;
  gboolean waited = FALSE;

  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, tw);
  dd_sync_manager_set_interval (fixture->manager, 1);
  g_assert_cmpuint (dd_sync_manager_get_interval (fixture->manager), ==, 1);
  g_assert_false (dd_sync_manager_get_syncing (fixture->manager));

  /* Nobody asks: the timer does, round after round. */
  wait_rounds (fixture, 2);
  g_assert_cmpuint (fixture->started->len, >=, 2);
  for (guint i = 0; i < fixture->errors->len; i++)
    g_assert_no_error (error_at (fixture, i));

  /* 0: on demand only. Whatever runs ends; nothing starts after it. */
  dd_sync_manager_set_interval (fixture->manager, 0);
  if (dd_sync_manager_get_syncing (fixture->manager))
    wait_rounds (fixture, fixture->n_rounds + 1);
  n_started = fixture->started->len;

  /* Three times the old interval, and nothing. */
  g_timeout_add_seconds (3, set_true_cb, &waited);
  while (!waited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->started->len, ==, n_started);
}

/* "Sync now" right after a client was replaced (re-authorised) while its
 * old run was still ending: it is not lost. */
static void
test_replace_client_sync_again (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(DdClient) first = tw_client (fixture);

  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, first);
  fixture->replacement = tw_client (fixture);
  fixture->sync_again = TRUE;

  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, NULL), ==, 1);
  /* One round: the cancelled run, then the one asked for meanwhile. */
  wait_rounds (fixture, 1);
  g_assert_cmpuint (fixture->n_refused, ==, 1);
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_error (error_at (fixture, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (error_at (fixture, 1));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TW_ACCOUNT), ==, DD_SANDBOX_DEFAULT_ORDERS);
}

static void
test_replace_client (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(DdClient) first = tw_client (fixture);
  const GError *error;

  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, first);
  fixture->replacement = tw_client (fixture);

  /* The client is replaced at the first page: the run stops, cancelled. */
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, NULL), ==, 1);
  wait_rounds (fixture, 1);
  g_assert_null (fixture->replacement);
  g_assert_cmpuint (fixture->finished->len, ==, 1);
  error = error_at (fixture, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TW_ACCOUNT), <, DD_SANDBOX_DEFAULT_ORDERS);

  /* The new client syncs to the end. */
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TW_ACCOUNT), ==, 1);
  wait_rounds (fixture, 2);
  g_assert_no_error (error_at (fixture, 1));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, TW_ACCOUNT), ==, DD_SANDBOX_DEFAULT_ORDERS);

  /* Removed: nothing to sync. */
  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, NULL);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, NULL), ==, 0);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, TW_ACCOUNT), ==, 0);
}

static void
test_cancel_all (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(DdClient) tw = tw_client (fixture);
  g_autoptr(DdClient) top = top_client (fixture);

  dd_sync_manager_set_client (fixture->manager, TW_ACCOUNT, tw);
  dd_sync_manager_set_client (fixture->manager, TOP_ACCOUNT, top);
  g_assert_cmpuint (dd_sync_manager_sync (fixture->manager, NULL), ==, 2);

  /* Removing an account while it syncs stops it too; it still counts as
   * syncing until its run has ended. */
  dd_sync_manager_set_client (fixture->manager, TOP_ACCOUNT, NULL);
  g_assert_true (dd_sync_manager_is_syncing (fixture->manager, TOP_ACCOUNT));
  dd_sync_manager_cancel_all (fixture->manager);
  wait_rounds (fixture, 1);

  g_assert_cmpuint (fixture->n_rounds, ==, 1);
  g_assert_cmpuint (fixture->finished->len, ==, 2);
  g_assert_error (error_at (fixture, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (error_at (fixture, 1), G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/sync-manager/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("two-accounts", test_two_accounts);
  ADD ("no-second-run", test_no_second_run);
  ADD ("interval", test_interval);
  ADD ("replace-client", test_replace_client);
  ADD ("replace-client-sync-again", test_replace_client_sync_again);
  ADD ("cancel-all", test_cancel_all);

#undef ADD

  return g_test_run ();
}
