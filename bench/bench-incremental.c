/* bench-incremental.c: calls and time for a few changed orders in a big shop
 *
 *   bench-incremental [--orders N] [--changed C] [--platform NAME]
 *
 * For each platform (Taiwan, TOP seller, TOP procurement, PandaPon; or the
 * one named): a sandbox in a thread of this process with N orders of that
 * platform (default 100000), a full sync into a fresh cache (its time), then
 * C orders (default 100) really modified in the sandbox, then an
 * incremental sync. Prints the listing calls it made (the sandbox's
 * counters), every HTTP call ("n-calls"), the budget ceil (changed / page
 * size) + 1 — for the C changed orders and for what the platform's window
 * holds (the overlap below the cursor included) — and the time.
 * Figures only: it never passes or fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "dd-cache.h"
#include "dd-http.h"
#include "dd-pp-client.h"
#include "dd-sandbox.h"
#include "dd-sandbox-orders.h"
#include "dd-sync-job.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"
#include "sync-helpers.h"

/* The sandbox accounts and their listing calls are the sync tests' own. */
typedef struct
{
  const char *name;     /* DD_SANDBOX_PLATFORM_* */
  const char *label;
  gboolean    buyer;    /* procurement and PandaPon: "n-buyer-orders" */
} Platform;

static const Platform platforms[] = {
  { DD_SANDBOX_PLATFORM_TW, "Taiwan", FALSE },
  { DD_SANDBOX_PLATFORM_TOP, "TOP seller", FALSE },
  { DD_SANDBOX_PLATFORM_TOP_PC, "TOP procurement", TRUE },
  { DD_SANDBOX_PLATFORM_PANDAPON, "PandaPon", TRUE },
};

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One sync to its end: seconds. */
static double
run_sync (DdSyncJob *job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  dd_sync_job_run_async (job, NULL, run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!dd_sync_job_run_finish (job, result, &error))
    g_error ("The sync failed: %s", error->message);

  return (g_get_monotonic_time () - start) / 1e6;
}

static guint
count_modified_since (DdSandbox      *sandbox,
                      const Platform *platform,
                      gint64          since_ms)
{
  g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (sandbox, platform->name);
  guint n = 0;

  for (guint i = 0; i < states->len; i++)
    n += ((DdSandboxOrderState *) g_ptr_array_index (states, i))->modified_ms >= since_ms;
  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static void
bench_platform (const Platform *platform,
                guint           n_orders,
                guint           n_changed)
{
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  g_autoptr(GPtrArray) touched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint page_size, list_calls, all_calls, window, budget_changed, budget_window;
  double full_s, incremental_s;
  gint64 since;

  /* Only the platform measured gets the big shop. */
  sandbox = g_object_new (DD_TYPE_SANDBOX,
                          "seed", (guint64) DD_SANDBOX_DEFAULT_SEED,
                          "n-orders", platform->buyer ? 1 : n_orders,
                          "n-buyer-orders", platform->buyer ? n_orders : 1,
                          NULL);
  if (!dd_sandbox_start_in_thread (sandbox, 0, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("dingdan-bench-incremental-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "orders.db", NULL);
  cache = dd_cache_new (path, &error);
  if (cache == NULL)
    g_error ("%s", error->message);

  http = dd_http_new ();
  client = sync_test_client_new (sync_test_platform (platform->name), http,
                                 dd_sandbox_get_base_url (sandbox));
  job = dd_sync_job_new (client, cache, platform->name);
  page_size = dd_client_get_max_page_size (client);

  full_s = run_sync (job);
  printf ("%-16s full sync of %" G_GUINT64_FORMAT " orders: %.2f s, %u pages, %u calls\n",
          platform->label, dd_cache_count_orders (cache, platform->name), full_s,
          dd_sync_job_get_n_pages (job), dd_sync_job_get_n_calls (job));

  touched = dd_sandbox_touch_orders (sandbox, platform->name, n_changed, 1);
  since = dd_cache_get_cursor (cache, platform->name) - DD_SYNC_OVERLAP_MS;
  window = count_modified_since (sandbox, platform, since);
  budget_changed = (touched->len + page_size - 1) / page_size + 1;
  budget_window = (window + page_size - 1) / page_size + 1;

  list_calls = sync_test_n_list_calls (sandbox, sync_test_platform (platform->name));
  all_calls = dd_sandbox_get_n_requests (sandbox, NULL);
  incremental_s = run_sync (job);
  list_calls = sync_test_n_list_calls (sandbox, sync_test_platform (platform->name)) - list_calls;
  all_calls = dd_sandbox_get_n_requests (sandbox, NULL) - all_calls;

  printf ("%-16s incremental, %u changed (%u in the window with the overlap): "
          "%u listing calls, %u calls in all (n-calls %u); budget ceil (changed / %u) + 1 = %u "
          "(window: %u); %u orders stored; %.3f s\n",
          platform->label, touched->len, window, list_calls, all_calls,
          dd_sync_job_get_n_calls (job), page_size, budget_changed, budget_window,
          dd_sync_job_get_n_orders (job), incremental_s);

  g_clear_object (&job);
  g_clear_object (&cache);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  gint n_orders = 100000;
  gint n_changed = 100;
  g_autofree char *only = NULL;
  const GOptionEntry entries[] = {
    { "orders", 0, 0, G_OPTION_ARG_INT, &n_orders, "Orders of each shop (100000)", "N" },
    { "changed", 0, 0, G_OPTION_ARG_INT, &n_changed, "Orders modified before the incremental sync (100)", "C" },
    { "platform", 0, 0, G_OPTION_ARG_STRING, &only, "Only this one: tw, top, top-pc, pandapon", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— incremental sync calls and time");
  g_autoptr(GError) error = NULL;

  /* Figures as they come, also into a file or a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (only == NULL || g_str_equal (only, platforms[i].name))
      bench_platform (&platforms[i], (guint) MAX (n_orders, 1), (guint) MAX (n_changed, 0));

  return 0;
}
