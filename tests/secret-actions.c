/* secret-actions.c: cancels or pays one order through DdActionRunner, for
 * test-secret-hygiene.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dingdan-cli has no write commands; the window's dialogs run their writes
 * through DdActionRunner. This helper does what they do, outside a window:
 * the accounts of $XDG_CONFIG_HOME (secrets from the session's keyring),
 * the cache at $XDG_DATA_HOME/dingdan/orders.db (its action log), the
 * redacting log writer of dd-log.
 *   secret-actions cancel ACCOUNT-ID ORDER-ID
 *   secret-actions pay ACCOUNT-ID ORDER-ID TOTAL CURRENCY
 * Prints the action log entry's state ("done", "failed" …); exits 0 when
 * the write was sent (whatever its outcome), 1 (the reason on stderr) when
 * it could not run.
 */
#include "config.h"

#include <stdio.h>

#include "dd-account-store.h"
#include "dd-action-runner.h"
#include "dd-cache.h"
#include "dd-http.h"
#include "dd-log.h"
#include "dd-money.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_run (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

static int
fail (const char   *what,
      const GError *error)
{
  fprintf (stderr, "%s: %s\n", what, error != NULL ? error->message : "");
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdActionGuard) guard = NULL;
  g_autoptr(DdActionRunner) runner = NULL;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DdActionRequest request = { 0 };
  DdMoney total = DD_MONEY_INIT;
  DdAccount *account;
  Wait wait = { NULL, NULL };
  gboolean pay;
  gboolean connected;

  dd_log_install ();
  /* Debug messages to stderr, as dingdan-cli has them: stdout is the state. */
  g_log_writer_default_set_use_stderr (TRUE);

  pay = argc == 6 && g_str_equal (argv[1], "pay");
  if (!pay && !(argc == 4 && g_str_equal (argv[1], "cancel")))
    {
      fprintf (stderr, "usage: %s cancel ACCOUNT-ID ORDER-ID | pay ACCOUNT-ID ORDER-ID TOTAL CURRENCY\n",
               argv[0]);
      return 2;
    }

  wait.loop = g_main_loop_new (NULL, FALSE);
  http = dd_http_new ();
  store = dd_account_store_new (NULL, http);
  if (!dd_account_store_load (store, &error))
    return fail ("accounts", error);
  account = dd_account_store_lookup (store, argv[2]);
  if (account == NULL)
    return fail ("no such account", NULL);
  dd_account_store_connect_async (store, account, NULL, wait_cb, &wait);
  connected = dd_account_store_connect_finish (store, wait_run (&wait), &error);
  g_clear_object (&wait.result);
  if (!connected)
    return fail ("connect", error);

  path = dd_cache_default_path ();
  cache = dd_cache_new (path, &error);
  if (cache == NULL)
    return fail ("cache", error);
  guard = dd_action_guard_new ();
  runner = dd_action_runner_new (cache, guard);
  dd_action_runner_set_read_back (runner, 100, 200, 2000);

  request.account_id = argv[2];
  request.order_id = argv[3];
  if (pay)
    {
      if (!dd_money_parse_decimal (argv[4], argv[5], &total, &error))
        return fail ("total", error);
      request.action = DD_ACTION_PAY_BALANCE;
      request.expected_total = &total;
    }
  else
    {
      const DdCancelReason *reasons = dd_client_get_cancel_reasons (dd_account_get_client (account));

      if (reasons[0].id == NULL)
        return fail ("no cancel reasons", NULL);
      request.action = DD_ACTION_CANCEL;
      request.reason_id = reasons[0].id;
      request.remark = "secret hygiene";
    }

  dd_action_runner_run_async (runner, dd_account_get_client (account), &request, NULL,
                              wait_cb, &wait);
  result = dd_action_runner_run_finish (runner, wait_run (&wait), &error);
  g_clear_object (&wait.result);
  g_main_loop_unref (wait.loop);
  if (result == NULL)
    return fail ("refused", error);

  printf ("%s\n", dd_action_state_to_nick (result->state));
  return 0;
}
