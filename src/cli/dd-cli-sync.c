/* dd-cli-sync.c: dingdan-cli sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects the accounts (their secrets from the keyring), syncs them all at
 * once into the default cache, prints one line per account and records each
 * outcome on the account (last synced, last error, throttled until).
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "dd-cli-private.h"
#include "dd-sync-job.h"

typedef struct
{
  DdAccount *account;
  DdSyncJob *job;
  GError    *error;
  gboolean   done;
} SyncRun;

static void
sync_run_free (SyncRun *run)
{
  g_clear_object (&run->account);
  g_clear_object (&run->job);
  g_clear_error (&run->error);
  g_free (run);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncRun *run = user_data;

  dd_sync_job_run_finish (DD_SYNC_JOB (source), result, &run->error);
  run->done = TRUE;
}

static void
print_outcome (SyncRun *run,
               DdCache *cache)
{
  const char *name = dd_account_get_name (run->account);

  if (run->error != NULL)
    {
      /* Translators: the first %s is the account's name, the second why its sync failed. */
      g_autofree char *message = g_strdup_printf (_("Could not sync “%s”: %s"), name, run->error->message);

      dd_cli_print_error (message);
    }
  else
    {
      guint64 n_cached = dd_cache_count_orders (cache, dd_account_get_id (run->account));
      guint n_fetched = dd_sync_job_get_n_orders (run->job);
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n_cached);
      g_autofree char *cached = NULL;
      g_autofree char *message = NULL;

      /* Translators: how many orders of one account the cache holds after a
       * sync; %s is the number. */
      cached = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders",
                                             (gulong) MIN (n_cached, G_MAXULONG)), number);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: one account's sync: "Shop: 500
                                               * orders (12 new or changed)". The first %s is
                                               * the account's name, the second "N orders", %u
                                               * how many orders were fetched. */
                                              "%s: %s (%u new or changed)",
                                              "%s: %s (%u new or changed)",
                                              n_fetched),
                                 name, cached, n_fetched);
      g_print ("%s\n", message);
    }
}

int
dd_cli_cmd_sync (DdCliGlobal  *global,
                 int           argc,
                 char        **argv)
{
  g_autofree char *only = NULL;
  GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &only,
      N_("Only this account (its id or name)"), N_("ACCOUNT") },
    { NULL }
  };
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_run_free);
  gboolean failed = FALSE;
  int status = 0;

  if (!dd_cli_parse_options ("sync",
                             _("Fetches the new and changed orders of every account, or of one, into the cache."),
                             entries, 0, &argc, &argv, &status))
    return status;
  if (global->sandbox)
    return dd_cli_usage_error (_("--sandbox is for “orders”; sync works on your accounts."), "sync");

  store = dd_cli_open_store (&error);
  if (store == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }

  if (only != NULL)
    {
      DdAccount *account = dd_account_store_lookup (store, only);

      if (account == NULL)
        {
          /* Translators: %s is what the user gave. */
          g_autofree char *message = g_strdup_printf (_("There is no account “%s”: see “dingdan-cli account list”."),
                                                      only);

          dd_cli_print_error (message);
          return EXIT_FAILURE;
        }
      g_ptr_array_add (accounts, g_object_ref (account));
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        g_ptr_array_add (accounts, g_list_model_get_item (G_LIST_MODEL (store), i));
    }
  if (accounts->len == 0)
    {
      dd_cli_print_error (_("There are no accounts to sync: add one with “dingdan-cli account add”."));
      return EXIT_FAILURE;
    }

  cache = dd_cli_open_cache (TRUE, &error);
  if (cache == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (accounts, i);
      g_autoptr(GError) connect_error = NULL;
      SyncRun *run;

      if (!dd_cli_connect (store, account, &connect_error))
        {
          /* Translators: the first %s is the account's name, the second why it could not connect. */
          g_autofree char *message = g_strdup_printf (_("Could not connect “%s”: %s"),
                                                      dd_account_get_name (account), connect_error->message);

          dd_cli_print_error (message);
          failed = TRUE;
          continue;
        }

      run = g_new0 (SyncRun, 1);
      run->account = g_object_ref (account);
      run->job = dd_sync_job_new (dd_account_get_client (account), cache, dd_account_get_id (account));
      g_ptr_array_add (runs, run);
    }

  for (guint i = 0; i < runs->len; i++)
    {
      SyncRun *run = g_ptr_array_index (runs, i);

      dd_sync_job_run_async (run->job, NULL, sync_done_cb, run);
    }
  for (guint i = 0; i < runs->len; i++)
    {
      SyncRun *run = g_ptr_array_index (runs, i);

      while (!run->done)
        g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < runs->len; i++)
    {
      SyncRun *run = g_ptr_array_index (runs, i);

      dd_account_note_sync_result (run->account, run->error);
      print_outcome (run, cache);
      if (run->error != NULL)
        failed = TRUE;
    }

  /* A platform may have rotated tokens during the sync: keep them. */
  if (!dd_account_store_flush (store, 10000))
    {
      dd_cli_print_error (_("Could not save the renewed tokens to the keyring: the shop may "
                            "need to be authorised again."));
      failed = TRUE;
    }

  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
