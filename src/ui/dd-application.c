/* dd-application.c: the Dingdan application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-a11y.h"
#include "dd-about.h"
#include "dd-account.h"
#include "dd-account-store.h"
#include "dd-accounts-dialog.h"
#include "dd-action-history.h"
#include "dd-application.h"
#include "dd-action-guard.h"
#include "dd-http.h"
#include "dd-i18n.h"
#include "dd-notifier.h"
#include "dd-order-list.h"
#include "dd-purchase-dialog.h"
#include "dd-sandbox.h"
#include "dd-sandbox-orders.h"
#include "dd-sandbox-shop.h"
#include "dd-sync-manager.h"
#include "dd-window.h"
#include "dingdan-resources.h"

struct _DdApplication
{
  AdwApplication  parent_instance;

  gboolean        sandbox_mode;

  DdHttp         *http;          /* owned; the one HTTP session */
  DdCache        *cache;         /* owned; NULL when it failed to open */
  DdOrderList    *orders;        /* owned; the window's list, its first query started early */
  DdSandbox      *sandbox;       /* owned; only in sandbox mode */
  DdAccountStore *store;         /* owned; only in normal mode */
  GListModel     *accounts;      /* owned; (element-type DdAccount): the store's, or the sandbox's */
  GCancellable   *cancellable;   /* cancelled at shutdown */
  GtkWidget      *accounts_dialog; /* (weak) the open accounts dialog */
  GError         *startup_error;
  DdSyncManager  *sync_manager;  /* owned; NULL without a cache */
  GSettings      *settings;      /* owned; NULL when the schema is not installed */
  GHashTable     *synced_accounts; /* account id → DdAccount (owned) whose client the manager has */
  DdNotifier     *notifier;      /* owned; NULL without a cache */
  DdActionGuard  *action_guard;  /* owned; NULL without a cache */
  DdActionRunner *action_runner; /* owned; NULL without a cache */
  gboolean        actions_held;  /* g_application_hold() while actions run */
  GHashTable     *reconciled;    /* account ids whose unfinished actions were read back */
  guint           buyers_id;     /* sandbox mode: the shop's buyers' next move */
  gboolean        buyers_awake;  /* sandbox mode: they began after the first sync */

  gboolean        synced_once;   /* the sandbox's first sync was started */
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, ADW_TYPE_APPLICATION)

static gboolean
ensure_parent_dir (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   /* Translators: %s is a folder, the second %s the system's reason */
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static DdCache *
open_cache (const char  *path,
            GError     **error)
{
  if (!ensure_parent_dir (path, error))
    return NULL;

  return dd_cache_new (path, error);
}

/* The cache and the list's first query come first, before GTK starts: the
 * query (a million row ids take a while) runs in a worker meanwhile, and
 * the window's first frame has rows. The sandbox keeps its orders apart
 * from real data: they never mix with a shop's. */
static void
open_early (DdApplication *self)
{
  g_autofree char *path = NULL;

  if (self->sandbox_mode)
    path = g_build_filename (g_get_user_data_dir (), "dingdan", "sandbox.db", NULL);
  else
    path = dd_cache_default_path ();

  self->cache = open_cache (path, &self->startup_error);
  if (self->cache != NULL)
    self->orders = dd_order_list_new (self->cache);
}

/* Window tests of the sandbox (read in sandbox mode only, never for real
 * shops): $DINGDAN_SANDBOX_FAULTS, faults on the wire
 * (dd_sandbox_add_faults_from_string()), and $DINGDAN_HTTP_TIMEOUT_SECONDS,
 * the HTTP timeout, so that a timeout-after fault is quick. */
static void
sandbox_test_overrides (DdApplication *self,
                        DdSandbox     *sandbox)
{
  const char *faults = g_getenv ("DINGDAN_SANDBOX_FAULTS");
  const char *timeout = g_getenv ("DINGDAN_HTTP_TIMEOUT_SECONDS");

  /* $DINGDAN_SANDBOX_HOSTILE=1: hostile strings in its replies (issue H). */
  if (g_strcmp0 (g_getenv ("DINGDAN_SANDBOX_HOSTILE"), "1") == 0)
    dd_sandbox_set_hostile (sandbox, TRUE);

  if (faults != NULL && faults[0] != '\0')
    {
      g_autoptr(GError) error = NULL;

      if (!dd_sandbox_add_faults_from_string (sandbox, faults, &error))
        g_warning ("DINGDAN_SANDBOX_FAULTS is ignored: %s", error->message);
    }

  if (timeout != NULL && timeout[0] != '\0')
    {
      guint64 seconds = 0;

      if (g_ascii_string_to_unsigned (timeout, 10, 1, 3600, &seconds, NULL))
        dd_http_set_timeout (self->http, (guint) seconds);
      else
        g_warning ("DINGDAN_HTTP_TIMEOUT_SECONDS is not a number of seconds (1 to 3600): %s", timeout);
    }
}

/* $DINGDAN_ACTION_READ_BACK_MS, "first,max,give_up" (sandbox mode only):
 * the action runner's read-back schedule, shortened for window tests. */
static void
read_back_override (DdApplication *self)
{
  const char *text = g_getenv ("DINGDAN_ACTION_READ_BACK_MS");
  g_auto(GStrv) parts = NULL;
  guint64 values[3];

  if (text == NULL || text[0] == '\0')
    return;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 3)
    {
      g_warning ("DINGDAN_ACTION_READ_BACK_MS is not “first,max,give_up”: %s", text);
      return;
    }
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 0, G_MAXUINT, &values[i], NULL))
      {
        g_warning ("DINGDAN_ACTION_READ_BACK_MS is not “first,max,give_up” in milliseconds: %s", text);
        return;
      }

  dd_action_runner_set_read_back (self->action_runner, (guint) values[0], (guint) values[1], (guint) values[2]);
}

/* Quitting while a write or its read-backs run would leave its log entry
 * "sending" or "unknown": the application stays while any runs. */
static void
action_changed_cb (DdApplication  *self,
                   const char     *account_id,
                   const char     *order_id,
                   DdActionRunner *runner)
{
  gboolean running = dd_action_runner_get_n_running (runner) > 0;

  if (running == self->actions_held)
    return;

  self->actions_held = running;
  if (running)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
resolve_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!dd_action_runner_resolve_finish (DD_ACTION_RUNNER (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not check an unfinished action: %s", error->message);
}

/* The writes a previous run left "sending" or "unknown" on @account's
 * orders are read back once (never sent again), as soon as the account
 * has its client. */
static void
reconcile_account (DdApplication *self,
                   DdAccount     *account)
{
  DdClient *client = dd_account_get_client (account);
  const char *account_id = dd_account_get_id (account);
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;

  if (self->action_runner == NULL || client == NULL ||
      g_hash_table_contains (self->reconciled, account_id))
    return;

  g_hash_table_add (self->reconciled, g_strdup (account_id));
  unfinished = dd_action_log_unfinished (self->cache, account_id, &error);
  if (unfinished == NULL)
    {
      g_warning ("Could not read the unfinished actions: %s", error->message);
      return;
    }

  for (guint i = 0; i < unfinished->len; i++)
    {
      DdActionRecord *record = g_ptr_array_index (unfinished, i);

      if (record->order_id == NULL || dd_action_runner_is_running (self->action_runner, account_id,
                                                                   record->order_id))
        continue;
      dd_action_runner_resolve_async (self->action_runner, client, record, self->cancellable,
                                      resolve_done_cb, NULL);
    }
}

/* One guard and one runner: every write of every window goes through them. */
static void
setup_actions (DdApplication *self)
{
  guint n_accounts;

  if (self->cache == NULL)
    return;

  self->action_guard = dd_action_guard_new ();
  self->action_runner = dd_action_runner_new (self->cache, self->action_guard);
  if (self->sandbox_mode)
    read_back_override (self);
  g_signal_connect_object (self->action_runner, "action-changed",
                           G_CALLBACK (action_changed_cb), self, G_CONNECT_SWAPPED);

  self->reconciled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n_accounts = g_list_model_get_n_items (self->accounts);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      reconcile_account (self, account);
    }
}

static gboolean
setup_sandbox (DdApplication  *self,
               GError        **error)
{
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  /* Opened early (open_early()). */
  if (self->cache == NULL)
    return FALSE;

  sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED,
                            DD_SANDBOX_DEFAULT_ORDERS,
                            DD_SANDBOX_DEFAULT_APP_KEY,
                            DD_SANDBOX_DEFAULT_APP_SECRET,
                            DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  if (!dd_sandbox_start_in_thread (sandbox, 0, error))
    {
      g_prefix_error (error, "%s", _("Could not start the sandbox shop: "));
      return FALSE;
    }

  g_debug ("Sandbox listening on %s", dd_sandbox_get_base_url (sandbox));
  sandbox_test_overrides (self, sandbox);

  /* One shop or purchasing account per platform, all served by the sandbox. */
  accounts = dd_account_new_sandbox_set (self->http,
                                         dd_sandbox_get_base_url (sandbox),
                                         DD_SANDBOX_DEFAULT_APP_KEY,
                                         DD_SANDBOX_DEFAULT_APP_SECRET,
                                         DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  self->accounts = G_LIST_MODEL (g_list_store_new (DD_TYPE_ACCOUNT));
  for (guint i = 0; i < accounts->len; i++)
    g_list_store_append (G_LIST_STORE (self->accounts), g_ptr_array_index (accounts, i));

  self->sandbox = g_steal_pointer (&sandbox);

  return TRUE;
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdAccount) account = user_data;
  g_autoptr(GError) error = NULL;

  /* A failure is the account's state (a locked keyring, say): the sidebar
   * and the window's notice tell it. */
  if (!dd_account_store_connect_finish (DD_ACCOUNT_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not connect account %s: %s", dd_account_get_id (account), error->message);
}

static gboolean
setup_default (DdApplication  *self,
               GError        **error)
{
  g_autoptr(GError) load_error = NULL;
  guint n_accounts;

  self->store = dd_account_store_new (NULL, self->http);
  self->accounts = g_object_ref (G_LIST_MODEL (self->store));

  /* The cached orders are listed whatever becomes of the accounts. */
  if (!dd_account_store_load (self->store, &load_error))
    g_message ("Could not read the accounts: %s", load_error->message);

  /* Secrets come from the keyring, asynchronously: until an account is
   * connected, its cached orders are listed and it cannot sync. */
  n_accounts = g_list_model_get_n_items (self->accounts);
  for (guint i = 0; i < n_accounts; i++)
    {
      DdAccount *account = g_list_model_get_item (self->accounts, i);

      dd_account_store_connect_async (self->store, account, self->cancellable,
                                      connect_done_cb, account);
    }

  /* Opened early (open_early()). */
  return self->cache != NULL;
}

/* The sync manager follows the accounts: each one's client, as it comes
 * (secrets from the keyring), changes or goes. */
static void
account_client_cb (DdAccount     *account,
                   GParamSpec    *pspec,
                   DdApplication *self)
{
  dd_sync_manager_set_client (self->sync_manager, dd_account_get_id (account),
                              dd_account_get_client (account));
  reconcile_account (self, account);
}

static void
unwatch_account (gpointer data)
{
  DdAccount *account = data;

  g_signal_handlers_disconnect_matched (account, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        account_client_cb, NULL);
  g_object_unref (account);
}

static void
accounts_changed_cb (DdApplication *self,
                     guint          position,
                     guint          removed,
                     guint          added,
                     GListModel    *accounts)
{
  g_autoptr(GHashTable) gone = g_steal_pointer (&self->synced_accounts);
  guint n_accounts = g_list_model_get_n_items (accounts);
  GHashTableIter iter;
  const char *account_id;

  self->synced_accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unwatch_account);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (accounts, i);
      const char *id = dd_account_get_id (account);
      gpointer old_key = NULL;
      gpointer old_account = NULL;

      /* Still there: moved over as it is. */
      if (gone != NULL && g_hash_table_steal_extended (gone, id, &old_key, &old_account))
        {
          if (old_account == account)
            {
              g_hash_table_insert (self->synced_accounts, old_key, old_account);
              continue;
            }
          g_free (old_key);
          unwatch_account (old_account);
        }
      g_hash_table_insert (self->synced_accounts, g_strdup (id), g_object_ref (account));

      g_signal_connect (account, "notify::client", G_CALLBACK (account_client_cb), self);
      dd_sync_manager_set_client (self->sync_manager, id, dd_account_get_client (account));
      reconcile_account (self, account);
    }

  if (gone == NULL)
    return;

  g_hash_table_iter_init (&iter, gone);
  while (g_hash_table_iter_next (&iter, (gpointer *) &account_id, NULL))
    dd_sync_manager_set_client (self->sync_manager, account_id, NULL);
}

/* GSettings "sync-interval" is in minutes; the manager counts seconds. */
static gboolean
minutes_to_seconds (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  guint32 minutes = g_variant_get_uint32 (variant);

  g_value_set_uint (value, MIN (minutes, G_MAXUINT / 1000 / 60) * 60);
  return TRUE;
}

/* The sandbox's background syncs run every DINGDAN_SYNC_INTERVAL_SECONDS
 * seconds when that is set (tests: a background round in seconds rather
 * than minutes; 0: on demand only), instead of GSettings "sync-interval";
 * read in sandbox mode only, never for real shops. FALSE when it is not
 * set or not a number. */
static gboolean
sandbox_interval_override (guint *seconds)
{
  const char *text = g_getenv ("DINGDAN_SYNC_INTERVAL_SECONDS");
  guint64 value = 0;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT / 1000, &value, NULL))
    {
      g_warning ("DINGDAN_SYNC_INTERVAL_SECONDS is not a number of seconds: %s", text);
      return FALSE;
    }

  *seconds = (guint) value;
  return TRUE;
}

/* The sandbox shop lives: once its orders were first synced, every
 * SANDBOX_BUYERS_INTERVALS sync intervals a buyer places an order on the
 * Taiwan shop and pays it (the shop makes some paid already), so that a
 * background round now and then brings a new paid order — and its
 * notification — as a real shop's would. */
#define SANDBOX_BUYERS_INTERVALS 3

static gboolean
sandbox_buyers_cb (gpointer user_data);

static void
schedule_sandbox_buyers (DdApplication *self)
{
  guint seconds = self->sync_manager != NULL ? dd_sync_manager_get_interval (self->sync_manager) : 0;

  g_clear_handle_id (&self->buyers_id, g_source_remove);
  if (self->sandbox == NULL)
    return;

  if (seconds == 0)
    seconds = DD_SYNC_DEFAULT_INTERVAL_MINUTES * 60;
  self->buyers_id = g_timeout_add_seconds (MIN (seconds, G_MAXUINT / SANDBOX_BUYERS_INTERVALS) *
                                           SANDBOX_BUYERS_INTERVALS,
                                           sandbox_buyers_cb, self);
  g_source_set_name_by_id (self->buyers_id, "[dingdan] sandbox buyers");
}

static gboolean
sandbox_buyers_cb (gpointer user_data)
{
  DdApplication *self = DD_APPLICATION (user_data);
  g_autoptr(GPtrArray) states = NULL;
  DdSandboxOrderState *newest = NULL;

  self->buyers_id = 0;

  dd_sandbox_add_orders (self->sandbox, DD_SANDBOX_PLATFORM_TW, 1);
  states = dd_sandbox_list_order_states (self->sandbox, DD_SANDBOX_PLATFORM_TW);
  for (guint i = 0; states != NULL && i < states->len; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);

      if (newest == NULL || state->modified_ms > newest->modified_ms)
        newest = state;
    }
  if (newest != NULL && g_strcmp0 (newest->status, "unpaid") == 0 &&
      !dd_sandbox_shop_set_status (dd_sandbox_get_shop (self->sandbox), newest->order_id, "pending"))
    g_debug ("The sandbox could not pay order %s", newest->order_id);

  schedule_sandbox_buyers (self);
  return G_SOURCE_REMOVE;
}

static void
wake_sandbox_buyers (DdApplication *self)
{
  if (self->buyers_awake)
    return;

  self->buyers_awake = TRUE;
  schedule_sandbox_buyers (self);
}

static void
setup_sync_manager (DdApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  guint seconds = 0;

  if (self->cache == NULL)
    return;

  self->sync_manager = dd_sync_manager_new (self->cache);
  self->notifier = dd_notifier_new (G_APPLICATION (self), self->cache, self->sync_manager,
                                    self->accounts);

  /* In sandbox mode too: its shop changes like a real one. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (self->sandbox_mode && sandbox_interval_override (&seconds))
    dd_sync_manager_set_interval (self->sync_manager, seconds);
  else if (schema != NULL && g_settings_schema_has_key (schema, "sync-interval"))
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind_with_mapping (self->settings, "sync-interval",
                                    self->sync_manager, "interval",
                                    G_SETTINGS_BIND_GET,
                                    minutes_to_seconds, NULL, NULL, NULL);
    }
  else
    g_debug ("Schema %s is not installed; syncing every %u minutes",
             APP_ID, DD_SYNC_DEFAULT_INTERVAL_MINUTES);

  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  accounts_changed_cb (self, 0, 0, 0, self->accounts);

  if (self->sandbox != NULL)
    g_signal_connect_object (self->sync_manager, "round-finished",
                             G_CALLBACK (wake_sandbox_buyers), self, G_CONNECT_SWAPPED);
}

static void
show_accounts (DdApplication *self,
               DdAccount     *account,
               gboolean       add)
{
  DdAccountsDialog *dialog;

  if (self->store == NULL)
    return;

  if (self->accounts_dialog == NULL)
    {
      self->accounts_dialog = dd_accounts_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                                      self->store, self->cache, self->http);
      g_object_add_weak_pointer (G_OBJECT (self->accounts_dialog),
                                 (gpointer *) &self->accounts_dialog);
    }

  dialog = DD_ACCOUNTS_DIALOG (self->accounts_dialog);
  if (account != NULL)
    dd_accounts_dialog_show_edit (dialog, account);
  else if (add)
    dd_accounts_dialog_show_add (dialog);
  else
    dd_accounts_dialog_show_list (dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
accounts_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  show_accounts (DD_APPLICATION (user_data), NULL, FALSE);
}

static void
add_account_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  show_accounts (DD_APPLICATION (user_data), NULL, TRUE);
}

static void
edit_account_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DdApplication *self = DD_APPLICATION (user_data);
  DdAccount *account = NULL;

  if (self->store != NULL)
    account = dd_account_store_lookup (self->store, g_variant_get_string (parameter, NULL));
  show_accounts (self, account, FALSE);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DdApplication *self = user_data;
  g_autolist(GtkWindow) windows = NULL;

  g_assert (DD_IS_APPLICATION (self));

  /* Closing the windows saves their state and cancels their work. Each is
   * held: closing one may destroy another (its help overlay). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_assert (DD_IS_APPLICATION (self));

  gtk_window_present (dd_about_window_new (parent));
}

/* The main window, made and shown when there is none. */
static DdWindow *
present_window (DdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (DD_IS_WINDOW (l->data))
        {
          gtk_window_present (GTK_WINDOW (l->data));
          return DD_WINDOW (l->data);
        }
    }

  g_application_activate (G_APPLICATION (self));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (DD_IS_WINDOW (l->data))
      return DD_WINDOW (l->data);

  return NULL;
}

/* A "New paid order" notification's action: its row id. */
static void
show_order_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DdApplication *self = DD_APPLICATION (user_data);
  gint64 row_id = g_variant_get_int64 (parameter);
  DdWindow *window;

  if (row_id <= 0)
    return;

  window = present_window (self);
  if (window != NULL)
    dd_window_show_order (window, row_id);
}

/* The summary notification's action. */
static void
show_needs_review_action_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  DdWindow *window = present_window (DD_APPLICATION (user_data));

  if (window != NULL)
    dd_window_show_needs_review (window);
}

/* Every action that starts or ends changes the log: the window shows it. */
static void
log_window_action_changed_cb (DdActionLogWindow *window,
                              const char        *account_id,
                              const char        *order_id,
                              DdActionRunner    *runner)
{
  dd_action_log_window_reload (window);
}

/* The Action Log window over the active window: the one open, else a new one. */
static void
action_log_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DdApplication *self = DD_APPLICATION (user_data);
  g_autoptr(GHashTable) names = NULL;
  guint n_accounts;
  GtkWidget *window;

  if (self->cache == NULL)
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (DD_IS_ACTION_LOG_WINDOW (l->data))
        {
          dd_action_log_window_reload (DD_ACTION_LOG_WINDOW (l->data));
          gtk_window_present (GTK_WINDOW (l->data));
          return;
        }
    }

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n_accounts = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (dd_account_get_id (account) != NULL)
        g_hash_table_insert (names, g_strdup (dd_account_get_id (account)),
                             g_strdup (dd_account_get_name (account)));
    }

  window = dd_action_log_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     self->cache, names);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  if (self->action_runner != NULL)
    g_signal_connect_object (self->action_runner, "action-changed",
                             G_CALLBACK (log_window_action_changed_cb), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* New Purchase Order over the active window, for the accounts that can. */
static void
new_purchase_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DdApplication *self = DD_APPLICATION (user_data);
  GtkWidget *dialog;

  if (self->action_runner == NULL || !dd_purchase_dialog_can_create (self->accounts))
    return;

  /* One purchase dialog at a time: an open one (maybe sending) is shown. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (DD_IS_PURCHASE_DIALOG (l->data))
        {
          gtk_window_present (GTK_WINDOW (l->data));
          return;
        }
    }

  dialog = dd_purchase_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   self->action_runner, self->accounts);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  /* An earlier create whose outcome is unknown is offered first, with its
   * own key: a new dialog's new key would make a second order. */
  if (self->cache != NULL)
    dd_purchase_dialog_show_unfinished (DD_PURCHASE_DIALOG (dialog), self->cache);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "app.new-purchase" is enabled while some account can create purchase orders. */
static void
update_new_purchase (DdApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "new-purchase");

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                 self->action_runner != NULL &&
                                 dd_purchase_dialog_can_create (self->accounts));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "accounts", accounts_action_cb },
  { "add-account", add_account_action_cb },
  { "edit-account", edit_account_action_cb, "s" },
  { "show-order", show_order_action_cb, "x" },
  { "show-needs-review", show_needs_review_action_cb },
  { "action-log", action_log_action_cb },
  { "new-purchase", new_purchase_action_cb },
};

static gint
dd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  DdApplication *self = DD_APPLICATION (app);

  if (g_variant_dict_contains (options, "sandbox"))
    {
      self->sandbox_mode = TRUE;
      /* Each sandbox run is its own process with its own shop. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
dd_application_startup (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *sync_accels[] = { "<primary>r", "F5", NULL };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  open_early (self);
  G_APPLICATION_CLASS (dd_application_parent_class)->startup (app);
  dd_i18n_supplement_libadwaita ();

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.sync", sync_accels);

  self->http = dd_http_new ();

  if (self->sandbox_mode)
    ok = setup_sandbox (self, &error);
  else
    ok = setup_default (self, &error);

  if (!ok && error != NULL)
    {
      g_clear_error (&self->startup_error);
      self->startup_error = g_steal_pointer (&error);
    }
  if (!ok && self->startup_error != NULL)
    g_warning ("Could not set up: %s", self->startup_error->message);

  /* The sandbox's accounts are built in: nothing to add or edit. */
  for (guint i = 0; i < G_N_ELEMENTS (app_entries); i++)
    if (g_str_has_suffix (app_entries[i].name, "account") ||
        g_str_equal (app_entries[i].name, "accounts"))
      g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                                 app_entries[i].name)),
                                   self->store != NULL);
  if (self->accounts == NULL)
    self->accounts = G_LIST_MODEL (g_list_store_new (DD_TYPE_ACCOUNT));

  setup_sync_manager (self);
  setup_actions (self);
  update_new_purchase (self);
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (update_new_purchase), self, G_CONNECT_SWAPPED);
}

static void
dd_application_activate (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);
  GtkWindow *window;
  gboolean created = FALSE;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (dd_window_new (self));
      dd_a11y_name_shortcuts_window (GTK_WIDGET (gtk_application_window_get_help_overlay (
                                                   GTK_APPLICATION_WINDOW (window))));
      created = TRUE;
    }
  gtk_window_present (window);

  /* A newcomer sees the sandbox's orders arrive at once. */
  if (created && self->sandbox_mode &&
      g_list_model_get_n_items (self->accounts) > 0 &&
      !self->synced_once)
    {
      self->synced_once = TRUE;
      dd_window_sync (DD_WINDOW (window));
    }
}

static void
dd_application_shutdown (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);

  G_APPLICATION_CLASS (dd_application_parent_class)->shutdown (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->buyers_id, g_source_remove);
  /* What the cancelled syncs still store tells nobody. */
  g_clear_object (&self->notifier);
  g_clear_object (&self->action_runner);
  g_clear_object (&self->action_guard);
  if (self->sync_manager != NULL)
    {
      dd_sync_manager_set_interval (self->sync_manager, 0);
      dd_sync_manager_cancel_all (self->sync_manager);
    }
  if (self->accounts_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->accounts_dialog));

  /* Stops the sandbox's thread before the process tears down. */
  if (G_IS_LIST_STORE (self->accounts))
    g_list_store_remove_all (G_LIST_STORE (self->accounts));
  g_clear_object (&self->sandbox);
}

static void
dd_application_dispose (GObject *object)
{
  DdApplication *self = DD_APPLICATION (object);

  g_clear_handle_id (&self->buyers_id, g_source_remove);
  g_clear_pointer (&self->synced_accounts, g_hash_table_unref);
  g_clear_pointer (&self->reconciled, g_hash_table_unref);
  g_clear_object (&self->notifier);
  g_clear_object (&self->settings);
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->orders);
  g_clear_object (&self->accounts);
  g_clear_object (&self->store);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->cache);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_application_parent_class)->dispose (object);
}

static void
dd_application_finalize (GObject *object)
{
  DdApplication *self = DD_APPLICATION (object);

  g_clear_error (&self->startup_error);

  G_OBJECT_CLASS (dd_application_parent_class)->finalize (object);
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dd_application_dispose;
  object_class->finalize = dd_application_finalize;

  app_class->handle_local_options = dd_application_handle_local_options;
  app_class->startup = dd_application_startup;
  app_class->activate = dd_application_activate;
  app_class->shutdown = dd_application_shutdown;

  /* Pulls the resources' object out of the static library; its constructor
   * registers them. */
  (void) dingdan_get_resource ();
}

static void
dd_application_init (DdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "sandbox", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Try Dingdan with a local sandbox shop"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);

  self->cancellable = g_cancellable_new ();
}

DdApplication *
dd_application_new (void)
{
  return g_object_new (DD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dingdan/Dingdan",
                       NULL);
}

gboolean
dd_application_get_sandbox (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), FALSE);

  return self->sandbox_mode;
}

DdCache *
dd_application_get_cache (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->cache;
}

DdActionRunner *
dd_application_get_action_runner (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->action_runner;
}

GListModel *
dd_application_get_accounts (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->accounts;
}

DdAccountStore *
dd_application_get_account_store (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->store;
}

DdOrderList *
dd_application_get_orders (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->orders;
}

DdSyncManager *
dd_application_get_sync_manager (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->sync_manager;
}

void
dd_application_orders_reviewed (DdApplication *self,
                                GArray        *row_ids)
{
  g_return_if_fail (DD_IS_APPLICATION (self));
  g_return_if_fail (row_ids != NULL);

  if (self->notifier != NULL)
    dd_notifier_orders_reviewed (self->notifier, row_ids);
}

const GError *
dd_application_get_startup_error (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->startup_error;
}
