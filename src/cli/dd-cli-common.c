/* dd-cli-common.c: what dingdan-cli's commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-cli-private.h"
#include "dd-http.h"

void
dd_cli_print_error (const char *message)
{
  /* Translators: the prefix of every error message of the command-line tool. */
  g_printerr (_("dingdan-cli: %s\n"), message);
}

int
dd_cli_usage_error (const char *message,
                    const char *command)
{
  g_autofree char *hint = NULL;

  dd_cli_print_error (message);
  if (command != NULL)
    /* Translators: %s is a command name such as "orders". */
    hint = g_strdup_printf (_("Try “dingdan-cli %s --help” for its options."), command);
  else
    hint = g_strdup (_("Try “dingdan-cli --help” for the commands."));
  g_printerr ("%s\n", hint);
  return DD_CLI_EXIT_USAGE;
}

gboolean
dd_cli_parse_options (const char    *command,
                      const char    *summary,
                      GOptionEntry  *entries,
                      int            max_args,
                      int           *argc,
                      char        ***argv,
                      int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *prgname = g_strdup_printf ("dingdan-cli %s", command);
  g_autoptr(GError) error = NULL;

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = dd_cli_usage_error (error->message, command);
      return FALSE;
    }
  if (*argc > 1 + max_args)
    {
      /* Translators: %s is the first argument that was not understood. */
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), (*argv)[1 + max_args]);

      *status = dd_cli_usage_error (message, command);
      return FALSE;
    }
  return TRUE;
}

void
dd_cli_wait_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DdCliWait *wait = user_data;

  wait->result = g_object_ref (result);
}

GAsyncResult *
dd_cli_wait_run (DdCliWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

void
dd_cli_wait_clear (DdCliWait *wait)
{
  g_clear_object (&wait->result);
}

DdAccountStore *
dd_cli_open_store (GError **error)
{
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdAccountStore) store = dd_account_store_new (NULL, http);

  if (!dd_account_store_load (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

gboolean
dd_cli_connect (DdAccountStore  *store,
                DdAccount       *account,
                GError         **error)
{
  DdCliWait wait = { NULL };
  gboolean ok;

  dd_account_store_connect_async (store, account, NULL, dd_cli_wait_cb, &wait);
  ok = dd_account_store_connect_finish (store, dd_cli_wait_run (&wait), error);
  dd_cli_wait_clear (&wait);
  return ok;
}

DdCache *
dd_cli_open_cache (gboolean   create,
                   GError   **error)
{
  g_autofree char *path = dd_cache_default_path ();

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return dd_cache_new (path, error);
}
