/* dd-window.c: the main window: the order list and the selected order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account.h"
#include "dd-account-notice.h"
#include "dd-account-sidebar.h"
#include "dd-order-detail.h"
#include "dd-order-list.h"
#include "dd-sync-job.h"
#include "dd-sync-report.h"
#include "dd-window-private.h"

struct _DdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkButton            *sync_button;
  GtkStack             *sync_stack;
  GtkSpinner           *sync_spinner;
  AdwToastOverlay      *toast_overlay;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  GtkPaned             *sidebar_paned;
  DdAccountSidebar     *sidebar;
  DdAccountNotice      *notice;
  GtkWidget            *add_account_button;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  AdwStatusPage        *sync_failed_page;
  GtkSpinner           *loading_spinner;
  GtkPaned             *paned;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *payment_column;
  GtkSingleSelection   *selection;
  DdOrderDetail        *detail;

  /* Construct-only */
  DdCache              *cache;        /* NULL when the cache failed to open */
  GListModel           *accounts;     /* (element-type DdAccount); never NULL after construction */
  gboolean              sandbox;

  GHashTable           *account_names; /* account id → name, for the cells */
  GPtrArray            *watched;      /* (element-type DdAccount) whose notify we follow */
  DdOrderList          *orders;       /* owned; the lazy model over the cache */

  /* A sync round: one job per account, all running at once. A new round
   * starts only when the last one is over, so an account never syncs twice
   * at the same time. */
  GPtrArray            *sync_jobs;    /* (element-type DdSyncJob) the running ones */
  guint                 sync_n_done_orders; /* orders of the round's finished jobs */
  GPtrArray            *sync_failures; /* (element-type DdSyncFailure) of the last round */

  GCancellable         *cancellable;  /* cancelled on close */
  GSettings            *settings;     /* NULL when the schema is not installed */
  AdwToast             *error_toast;  /* owned; the toast telling of the failures */
  gboolean              keep_at_top;  /* rows are being inserted above a view at the top */
};

enum {
  PROP_0,
  PROP_CACHE,
  PROP_ACCOUNTS,
  PROP_SANDBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *
base_subtitle (DdWindow *self)
{
  /* Translators: subtitle of the window when it shows the built-in test shops */
  return self->sandbox ? _("Sandbox") : NULL;
}

static gboolean
is_syncing (DdWindow *self)
{
  return self->sync_jobs->len > 0;
}

/* The account the sidebar shows alone, or NULL for all of them. */
static DdAccount *
selected_account (DdWindow *self)
{
  return dd_account_sidebar_get_selected_account (self->sidebar);
}

/* Whether a sync would sync @account: the shown ones that have a client. */
static gboolean
is_syncable (DdWindow  *self,
             DdAccount *account)
{
  DdAccount *selected = selected_account (self);

  return dd_account_get_client (account) != NULL &&
         (selected == NULL || selected == account);
}

static gboolean
has_syncable_account (DdWindow *self)
{
  guint n_accounts = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (is_syncable (self, account))
        return TRUE;
    }

  return FALSE;
}

static DdAccount *
lookup_account (DdWindow   *self,
                const char *account_id)
{
  guint n_accounts = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (g_strcmp0 (dd_account_get_id (account), account_id) == 0)
        return account;   /* the model holds it */
    }

  return NULL;
}

const char *
dd_window_lookup_account_name (DdWindow   *self,
                               const char *account_id)
{
  const char *name;

  g_return_val_if_fail (DD_IS_WINDOW (self), "");

  if (account_id == NULL)
    return "";

  name = g_hash_table_lookup (self->account_names, account_id);

  return name != NULL ? name : account_id;
}

static void
update_stack (DdWindow *self)
{
  guint n_items = 0;
  const char *page;

  if (self->orders != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->orders));

  if (self->cache == NULL)
    page = "error";
  else if (n_items > 0)
    page = "orders";
  else if (is_syncing (self))
    page = "loading";
  else if (self->sync_failures->len > 0)
    page = "sync-failed";
  else
    page = "empty";

  /* Without accounts, the way to get some. */
  gtk_widget_set_visible (self->add_account_button,
                          !self->sandbox && self->accounts != NULL &&
                          g_list_model_get_n_items (self->accounts) == 0);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
update_sync_action (DdWindow *self)
{
  DdAccount *selected = selected_account (self);
  const char *why = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 !is_syncing (self) &&
                                 self->cache != NULL &&
                                 has_syncable_account (self));

  /* Says why the account shown cannot sync (a locked keyring, say). */
  if (selected != NULL && dd_account_get_client (selected) == NULL)
    why = dd_account_get_state_message (selected) != NULL
            ? dd_account_get_state_message (selected)
            : _("This account is not connected");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button),
                               why != NULL ? why : C_("tooltip", "Sync Orders"));
}

static void
update_progress (DdWindow *self)
{
  g_autofree char *text = NULL;
  guint64 n_orders = self->sync_n_done_orders;
  guint64 total = self->sync_n_done_orders;
  gboolean known = TRUE;

  if (!is_syncing (self))
    return;

  /* Summed over the round: a finished job counts what it received, a
   * running one what its platform announced. Until every platform has
   * announced its total, the bar only pulses. */
  for (guint i = 0; i < self->sync_jobs->len; i++)
    {
      DdSyncJob *job = g_ptr_array_index (self->sync_jobs, i);
      guint64 job_total = dd_sync_job_get_total (job);

      if (job_total == 0 && dd_sync_job_get_n_pages (job) == 0)
        known = FALSE;
      n_orders += dd_sync_job_get_n_orders (job);
      total += MAX (job_total, dd_sync_job_get_n_orders (job));
    }

  if (known && total > 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     MIN (1.0, (double) n_orders / (double) total));
      /* Translators: progress of a sync: orders received so far, of all */
      text = g_strdup_printf (_("Syncing %u of %u orders…"),
                              (guint) MIN (n_orders, G_MAXUINT),
                              (guint) MIN (total, G_MAXUINT));
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_strdup (_("Syncing orders…"));
    }

  gtk_progress_bar_set_text (self->progress_bar, text);
  adw_window_title_set_subtitle (self->window_title, text);
}

/* Shows whether a round runs; call after changing self->sync_jobs. */
static void
update_syncing (DdWindow *self)
{
  gboolean syncing = is_syncing (self);

  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  if (!syncing)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      adw_window_title_set_subtitle (self->window_title, base_subtitle (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing);

  update_sync_action (self);
  update_stack (self);
}

static AdwToast *
add_toast (DdWindow   *self,
           const char *title,
           const char *button_label,
           const char *action_name)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  /* Toast titles are markup at libadwaita 1.2. */
  toast = adw_toast_new (escaped);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return toast;
}

/* Rows arriving above the first visible one push it down: a list view keeps
 * its anchor row in place. Someone looking at the newest orders wants to go
 * on seeing the newest ones, so a view at the top stays at the top. */
static gboolean
is_at_top (DdWindow *self)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  return vadjustment == NULL || gtk_adjustment_get_value (vadjustment) < 1.0;
}

static void
scroll_to_top (DdWindow *self)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(): its list view child does. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
          return;
        }
    }
}

/* Before the view hears of the change (connected first). */
static void
items_changing_cb (DdWindow   *self,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GListModel *model)
{
  self->keep_at_top = position == 0 && added > 0 && is_at_top (self);
}

/* After the view has heard of it. */
static void
items_changed_cb (DdWindow   *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  if (self->keep_at_top)
    scroll_to_top (self);
  self->keep_at_top = FALSE;

  update_stack (self);
}

static gint64
selected_row_id (DdWindow *self)
{
  DdOrder *order = gtk_single_selection_get_selected_item (self->selection);

  return order != NULL ? dd_order_get_row_id (order) : 0;
}

/* Re-runs the list's query, keeping the selected order selected: a rebound
 * row is a new object, which drops GtkSingleSelection's selection. */
static void
refresh_orders (DdWindow *self,
                GArray   *changed_rowids)
{
  gint64 row_id = selected_row_id (self);

  dd_order_list_refresh (self->orders, changed_rowids);

  if (row_id != 0 && selected_row_id (self) != row_id)
    {
      guint position = dd_order_list_find_row (self->orders, row_id);

      if (position != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, position);
    }
}

static gboolean
is_current_job (DdWindow  *self,
                DdSyncJob *job)
{
  return g_ptr_array_find (self->sync_jobs, job, NULL);
}

static void
page_stored_cb (DdWindow  *self,
                GArray    *changed_rowids,
                DdSyncJob *job)
{
  g_assert (DD_IS_WINDOW (self));

  if (!is_current_job (self, job))
    return;

  refresh_orders (self, changed_rowids);
  update_progress (self);
}

static void
progress_changed_cb (DdWindow   *self,
                     GParamSpec *pspec,
                     DdSyncJob  *job)
{
  if (is_current_job (self, job))
    update_progress (self);
}

static guint
account_position (DdWindow   *self,
                  const char *account_id)
{
  guint n_accounts = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (g_strcmp0 (dd_account_get_id (account), account_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static int
compare_failures (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  DdWindow *self = user_data;
  const DdSyncFailure *x = *(DdSyncFailure * const *) a;
  const DdSyncFailure *y = *(DdSyncFailure * const *) b;
  guint px = account_position (self, x->account_id);
  guint py = account_position (self, y->account_id);

  return px < py ? -1 : px > py;
}

/* The last job of a round is done: tell how it went. */
static void
finish_round (DdWindow *self)
{
  guint n_orders = self->sync_n_done_orders;

  /* Failures are told in the accounts' order, whichever failed first. */
  g_ptr_array_sort_with_data (self->sync_failures, compare_failures, self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error",
                                 self->sync_failures->len > 0);
  update_syncing (self);

  if (self->sync_failures->len > 0)
    {
      g_autofree char *description = dd_sync_report_describe (self->sync_failures);
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      /* Status page descriptions are markup. */
      adw_status_page_set_description (self->sync_failed_page, escaped);

      /* With nothing listed, the status page says it already. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->orders)) > 0)
        {
          g_autofree char *title = dd_sync_report_title (self->sync_failures);
          AdwToast *toast;

          toast = add_toast (self, title,
                             /* Translators: button of the sync failure toast */
                             _("Details"), "win.show-sync-error");
          g_set_object (&self->error_toast, toast);
        }
    }
  else
    {
      g_autofree char *title = NULL;

      if (n_orders == 0)
        title = g_strdup (_("Orders are up to date"));
      else
        /* Translators: a sync finished; %u is the number of orders received
         * from all accounts together */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Synced %u order",
                                              "Synced %u orders",
                                              n_orders),
                                 n_orders);
      add_toast (self, title, NULL, NULL);
    }
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  DdSyncJob *job = DD_SYNC_JOB (object);
  g_autoptr(GError) error = NULL;

  g_assert (DD_IS_WINDOW (self));

  if (!dd_sync_job_run_finish (job, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (!is_current_job (self, job))
    return;

  {
    DdAccount *account = lookup_account (self, dd_sync_job_get_account_id (job));

    /* The sidebar tells when it last synced, or why not. */
    if (account != NULL)
      dd_account_note_sync_result (account, error);
  }

  /* One account failing never stops the others: its failure is kept and
   * told once the round is over. */
  if (error != NULL)
    {
      const char *account_id = dd_sync_job_get_account_id (job);

      g_debug ("Sync of %s failed: %s", account_id, error->message);
      g_ptr_array_add (self->sync_failures,
                       dd_sync_failure_new (account_id, dd_window_lookup_account_name (self, account_id), error));
    }

  self->sync_n_done_orders += dd_sync_job_get_n_orders (job);
  g_ptr_array_remove (self->sync_jobs, job);

  /* Whatever the last page left out (a final re-run of the query). */
  refresh_orders (self, NULL);

  if (is_syncing (self))
    update_progress (self);
  else
    finish_round (self);
}

static void
start_job (DdWindow  *self,
           DdAccount *account)
{
  DdSyncJob *job;

  job = dd_sync_job_new (dd_account_get_client (account), self->cache,
                         dd_account_get_id (account));
  g_signal_connect_object (job, "page-stored",
                           G_CALLBACK (page_stored_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::n-orders",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::total",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->sync_jobs, job);
}

void
dd_window_sync (DdWindow *self)
{
  guint n_accounts;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (is_syncing (self) || self->cache == NULL || !has_syncable_account (self))
    return;

  /* A new attempt makes the last failures and their toast stale. */
  if (self->error_toast != NULL)
    {
      adw_toast_dismiss (self->error_toast);
      g_clear_object (&self->error_toast);
    }
  g_ptr_array_set_size (self->sync_failures, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error", FALSE);
  self->sync_n_done_orders = 0;

  n_accounts = g_list_model_get_n_items (self->accounts);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (is_syncable (self, account))
        start_job (self, account);
    }

  update_syncing (self);
  update_progress (self);

  /* Started once all are listed: a job finishing at once (from a cache of
   * the platform's answers, say) must not end the round early. */
  for (guint i = 0; i < self->sync_jobs->len; i++)
    dd_sync_job_run_async (g_ptr_array_index (self->sync_jobs, i), self->cancellable,
                           sync_done_cb, g_object_ref (self));
}

static void
sync_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dd_window_sync (DD_WINDOW (widget));
}

static void
show_sync_error_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->sync_failures->len == 0)
    return;

  gtk_window_present (GTK_WINDOW (dd_sync_report_dialog_new (GTK_WINDOW (self),
                                                             self->sync_failures)));
}

static void
selected_item_changed_cb (GtkSingleSelection *selection,
                          GParamSpec         *pspec,
                          DdWindow           *self)
{
  DdOrder *order = gtk_single_selection_get_selected_item (selection);

  g_assert (DD_IS_WINDOW (self));

  dd_order_detail_set_account_name (self->detail,
                                    order != NULL
                                      ? dd_window_lookup_account_name (self, dd_order_get_account_id (order))
                                      : NULL);
  dd_order_detail_set_order (self->detail, order);
}

/* Accounts */

static void
account_notify_cb (DdAccount  *account,
                   GParamSpec *pspec,
                   DdWindow   *self)
{
  update_sync_action (self);
}

static void
unwatch_accounts (DdWindow *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          account_notify_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

/* Whether each account can sync, and whether it needs the user, show. */
static void
watch_accounts (DdWindow *self)
{
  guint n_accounts = g_list_model_get_n_items (self->accounts);

  unwatch_accounts (self);
  for (guint i = 0; i < n_accounts; i++)
    {
      DdAccount *account = g_list_model_get_item (self->accounts, i);

      g_signal_connect (account, "notify::client", G_CALLBACK (account_notify_cb), self);
      g_signal_connect (account, "notify::state-message", G_CALLBACK (account_notify_cb), self);
      g_ptr_array_add (self->watched, account);
    }
}

/* The sidebar picked an account (or all): list its orders only. */
static void
sidebar_selection_cb (DdWindow *self)
{
  DdAccount *account = selected_account (self);
  DdQuery query = DD_QUERY_INIT;

  if (self->orders != NULL)
    {
      query.account_id = account != NULL ? dd_account_get_id (account) : NULL;
      dd_order_list_set_query (self->orders, &query);
    }

  update_sync_action (self);
  update_stack (self);
}

static void
accounts_changed_cb (DdWindow   *self,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GListModel *accounts)
{
  guint n_accounts = g_list_model_get_n_items (accounts);

  g_hash_table_remove_all (self->account_names);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (accounts, i);
      const char *name = dd_account_get_name (account);

      if (name != NULL && name[0] != '\0')
        g_hash_table_insert (self->account_names,
                             g_strdup (dd_account_get_id (account)),
                             g_strdup (name));
    }

  watch_accounts (self);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), n_accounts > 0);

  /* A removed account's orders may be gone with it. */
  if (removed > 0 && self->orders != NULL)
    refresh_orders (self, NULL);

  /* Rows already shown keep their cells until rebound (by the next sync);
   * accounts are known before the window lists anything. */
  update_sync_action (self);
  update_stack (self);
}

/* The table's fixed columns take 680 pixels; Buyer and Payment share the
 * rest. Below this width Payment (also in the detail pane) gives Buyer its
 * room, rather than both being cut to a few letters. */
#define PAYMENT_COLUMN_MIN_TABLE_WIDTH 900

/* The detail pane's width at the start (its template asks for the minimum). */
#define DETAIL_MIN_WIDTH 320
#define DETAIL_MAX_WIDTH 420

static void
paned_position_changed_cb (DdWindow   *self,
                           GParamSpec *pspec,
                           GtkPaned   *paned)
{
  gboolean wide = gtk_paned_get_position (paned) >= PAYMENT_COLUMN_MIN_TABLE_WIDTH;

  if (gtk_column_view_column_get_visible (self->payment_column) != wide)
    gtk_column_view_column_set_visible (self->payment_column, wide);
}

/* Window state */

static void
load_window_state (DdWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  int width;
  int detail_width;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; window size is not kept", APP_ID);
      return;
    }

  self->settings = g_settings_new (APP_ID);
  width = g_settings_get_int (self->settings, "window-width");
  gtk_window_set_default_size (GTK_WINDOW (self),
                               width,
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The table gets most of a wide window, the detail pane a little. (Later
   * resizes go to the table: the pane does not resize.) */
  detail_width = CLAMP ((width - 1500) / 2 + DETAIL_MIN_WIDTH, DETAIL_MIN_WIDTH, DETAIL_MAX_WIDTH);
  gtk_paned_set_position (self->paned,
                          MAX (width - detail_width -
                               (gtk_widget_get_visible (GTK_WIDGET (self->sidebar))
                                  ? gtk_paned_get_position (self->sidebar_paned) : 0),
                               480));
}

static void
save_window_state (DdWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
dd_window_close_request (GtkWindow *window)
{
  DdWindow *self = DD_WINDOW (window);

  save_window_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (dd_window_parent_class)->close_request (window);
}

static void
dd_window_constructed (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  G_OBJECT_CLASS (dd_window_parent_class)->constructed (object);

  adw_window_title_set_subtitle (self->window_title, base_subtitle (self));

  if (self->accounts == NULL)
    self->accounts = G_LIST_MODEL (g_list_store_new (DD_TYPE_ACCOUNT));
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  dd_account_sidebar_set_accounts (self->sidebar, self->accounts);
  dd_account_notice_set_accounts (self->notice, self->accounts);

  if (self->cache != NULL)
    {
      self->orders = dd_order_list_new (self->cache);
      g_signal_connect_object (self->orders, "items-changed",
                               G_CALLBACK (items_changing_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->orders, "items-changed",
                               G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->orders));
    }

  accounts_changed_cb (self, 0, 0, 0, self->accounts);
  load_window_state (self);
  paned_position_changed_cb (self, NULL, self->paned);
  update_sync_action (self);
  update_stack (self);
}

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->watched != NULL)
    unwatch_accounts (self);

  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);

  /* Cancelled jobs still call back: they hold the window until then. */
  if (self->sync_jobs != NULL)
    g_ptr_array_set_size (self->sync_jobs, 0);
  g_clear_object (&self->error_toast);
  g_clear_object (&self->orders);
  g_clear_object (&self->accounts);
  g_clear_object (&self->cache);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_finalize (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sync_jobs, g_ptr_array_unref);
  g_clear_pointer (&self->sync_failures, g_ptr_array_unref);
  g_clear_pointer (&self->account_names, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_window_parent_class)->finalize (object);
}

static void
dd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DdWindow *self = DD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_SANDBOX:
      g_value_set_boolean (value, self->sandbox);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DdWindow *self = DD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    case PROP_SANDBOX:
      self->sandbox = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_window_class_init (DdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dd_window_constructed;
  object_class->dispose = dd_window_dispose;
  object_class->finalize = dd_window_finalize;
  object_class->get_property = dd_window_get_property;
  object_class->set_property = dd_window_set_property;

  window_class->close_request = dd_window_close_request;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL,
                         DD_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Element type DdAccount: whose orders are listed and synced. */
  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SANDBOX] =
    g_param_spec_boolean ("sandbox", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_ORDER_DETAIL);
  g_type_ensure (DD_TYPE_ACCOUNT_SIDEBAR);
  g_type_ensure (DD_TYPE_ACCOUNT_NOTICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, add_account_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_failed_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, payment_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, detail);
  dd_window_cells_bind_callbacks (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, paned_position_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selection_cb);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-sync-error", NULL,
                                   show_sync_error_action_cb);
}

static void
dd_window_init (DdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->sync_jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->sync_failures = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sync_failure_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error", FALSE);
}

static void
show_startup_error (DdWindow     *self,
                    const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  /* Status page descriptions are markup. */
  adw_status_page_set_description (self->error_page, escaped);
  update_stack (self);
}

DdWindow *
dd_window_new (DdApplication *app)
{
  DdWindow *self;
  const GError *error;

  g_return_val_if_fail (DD_IS_APPLICATION (app), NULL);

  self = g_object_new (DD_TYPE_WINDOW,
                       "application", app,
                       "cache", dd_application_get_cache (app),
                       "accounts", dd_application_get_accounts (app),
                       "sandbox", dd_application_get_sandbox (app),
                       NULL);

  error = dd_application_get_startup_error (app);
  if (error != NULL)
    show_startup_error (self, error);

  return self;
}
