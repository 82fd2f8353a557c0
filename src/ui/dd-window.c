/* dd-window.c: the main window: the order list and the selected order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-a11y.h"
#include "dd-sync-report.h"
#include "dd-window-private.h"

static gboolean is_unfiltered (DdWindow *self);

enum {
  PROP_0,
  PROP_CACHE,
  PROP_ACCOUNTS,
  PROP_SYNC_MANAGER,
  PROP_ORDERS,
  PROP_SANDBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

gboolean
dd_window_is_syncing (DdWindow *self)
{
  return self->sync_manager != NULL && dd_sync_manager_get_syncing (self->sync_manager);
}

/* The account the sidebar shows alone, or NULL for all of them. */
static DdAccount *
selected_account (DdWindow *self)
{
  return dd_account_sidebar_get_selected_account (self->sidebar);
}

gboolean
dd_window_is_syncable (DdWindow  *self,
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

      if (dd_window_is_syncable (self, account))
        return TRUE;
    }

  return FALSE;
}

DdAccount *
dd_window_lookup_account (DdWindow   *self,
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

void
dd_window_update_stack (DdWindow *self)
{
  guint n_items = 0;
  const char *page;

  if (self->orders != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->orders));

  /* A search that finds nothing keeps the table (and the search). */
  if (self->cache == NULL)
    page = "error";
  else if (n_items > 0 || !is_unfiltered (self))
    page = "orders";
  else if (dd_window_is_syncing (self) || dd_order_list_get_loading (self->orders))
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

  /* The first result appears at once, not faded in. */
  if (self->orders != NULL && !self->stack_settled)
    {
      gtk_stack_set_visible_child_full (self->stack, page, GTK_STACK_TRANSITION_TYPE_NONE);
      self->stack_settled = !dd_order_list_get_loading (self->orders);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, page);
}

void
dd_window_update_sync_action (DdWindow *self)
{
  DdAccount *selected = selected_account (self);
  const char *why = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 !dd_window_is_syncing (self) &&
                                 self->sync_manager != NULL &&
                                 has_syncable_account (self));

  /* Says why the account shown cannot sync (a locked keyring, say). */
  if (selected != NULL && dd_account_get_client (selected) == NULL)
    why = dd_account_get_state_message (selected) != NULL
            ? dd_account_get_state_message (selected)
            : _("This account is not connected");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button),
                               why != NULL ? why : C_("tooltip", "Sync Orders"));
}

AdwToast *
dd_window_add_toast (DdWindow   *self,
                     const char *title,
                     const char *button_label,
                     const char *action_name)
{
  AdwToast *toast = dd_toast_new (title);

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

/* Accounts */

static void
account_notify_cb (DdAccount  *account,
                   GParamSpec *pspec,
                   DdWindow   *self)
{
  dd_window_update_sync_action (self);
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

static const char *
search_text (DdWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* Whether the list shows every order of what the sidebar picked. */
static gboolean
is_unfiltered (DdWindow *self)
{
  return search_text (self) == NULL &&
         dd_view_list_get_view (self->view_list) == DD_VIEW_ALL;
}

/* The views' counts */

typedef struct
{
  DdCache *cache;
  char    *account_id;  /* NULL: every account */
} CountData;

static void
count_data_free (CountData *data)
{
  g_clear_object (&data->cache);
  g_free (data->account_id);
  g_free (data);
}

static void
count_views_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CountData *data = task_data;
  g_autofree DdViewCounts *counts = g_new0 (DdViewCounts, 1);
  g_autoptr(GError) error = NULL;

  if (!dd_cache_count_views (data->cache, data->account_id, 0, counts, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&counts), g_free);
}


static void
count_views_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  DdWindow *self = DD_WINDOW (object);
  CountData *data = g_task_get_task_data (G_TASK (result));
  DdAccount *account;
  g_autofree DdViewCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window is gone */

  g_clear_object (&self->count_cancellable);
  account = selected_account (self);
  if (counts == NULL)
    g_warning ("Could not count the orders of the views: %s", error->message);
  else if (g_strcmp0 (data->account_id, account != NULL ? dd_account_get_id (account) : NULL) == 0)
    dd_view_list_set_counts (self->view_list, counts);

  if (self->count_again)
    dd_window_count_views (self);
}

/* Counts the views' orders for the account shown (or all) off the main
 * thread (about 90 ms at a million orders); asked again while counting,
 * counts once more after. */
void
dd_window_count_views (DdWindow *self)
{
  DdAccount *account = selected_account (self);
  g_autoptr(GTask) task = NULL;
  CountData *data;

  if (self->cache == NULL)
    return;
  if (self->count_cancellable != NULL)
    {
      self->count_again = TRUE;
      return;
    }

  self->count_again = FALSE;
  self->count_cancellable = g_cancellable_new ();
  data = g_new0 (CountData, 1);
  data->cache = g_object_ref (self->cache);
  data->account_id = account != NULL ? g_strdup (dd_account_get_id (account)) : NULL;

  task = g_task_new (self, self->count_cancellable, count_views_cb, NULL);
  g_task_set_source_tag (task, dd_window_count_views);
  g_task_set_task_data (task, data, (GDestroyNotify) count_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, count_views_thread);
}

/* The sidebar's account (or all), the view and the search: what the list shows. The
 * query runs off the main thread; the rows both results share stay put,
 * the selected one too. */
void
dd_window_update_query (DdWindow *self)
{
  DdAccount *account = selected_account (self);
  DdQuery query = DD_QUERY_INIT;

  if (self->orders == NULL)
    return;

  query.account_id = account != NULL ? dd_account_get_id (account) : NULL;
  query.search = search_text (self);
  dd_query_set_view (&query, dd_view_list_get_view (self->view_list));
  dd_window_filter_apply (self, &query);
  dd_order_list_set_query (self->orders, &query);
}

/* The sidebar picked an account (or all): list its orders only. */
static void
sidebar_selection_cb (DdWindow *self)
{
  dd_window_update_query (self);
  /* A new result is on its way: the counts follow it (orders_refreshed_cb),
   * rather than competing with its query for the cache (at start-up, the
   * first frame with rows would wait for them). */
  if (self->orders == NULL || !dd_order_list_get_loading (self->orders))
    dd_window_count_views (self);
  dd_window_update_sync_action (self);
  dd_window_update_stack (self);
}

/* A view was chosen: list its orders only. */
static void
view_changed_cb (DdWindow *self)
{
  dd_window_update_query (self);
  dd_window_update_stack (self);
}

static void
search_changed_cb (DdWindow       *self,
                   GtkSearchEntry *entry)
{
  dd_window_update_query (self);
}

/* Escape: the search is over, the list has the keys again. */
static void
stop_search_cb (DdWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  dd_window_focus_table (self);
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
  gtk_widget_set_visible (self->sidebar_box, n_accounts > 0);

  /* A removed account's orders may be gone with it. */
  if (removed > 0 && self->orders != NULL)
    dd_order_list_queue_refresh (self->orders, NULL);

  /* Rows already shown keep their cells until rebound (by the next sync);
   * accounts are known before the window lists anything. */
  dd_window_update_sync_action (self);
  dd_window_update_stack (self);
}

/* The table's fixed columns take 760 pixels; Buyer and Payment share the
 * rest. Below this width Payment (also in the detail pane) gives Buyer its
 * room, rather than both being cut to a few letters. */
#define PAYMENT_COLUMN_MIN_TABLE_WIDTH 980

/* The detail pane's width at the start (its template asks for the minimum). */
#define DETAIL_MIN_WIDTH 300
#define DETAIL_MAX_WIDTH 420

/* The table's width is its horizontal adjustment's page. */
static void
table_width_changed_cb (DdWindow      *self,
                        GParamSpec    *pspec,
                        GtkAdjustment *hadjustment)
{
  gboolean wide = gtk_adjustment_get_page_size (hadjustment) >= PAYMENT_COLUMN_MIN_TABLE_WIDTH;

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
  gtk_widget_set_size_request (self->detail_page, detail_width, -1);
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
  if (self->sync_manager != NULL)
    dd_sync_manager_cancel_all (self->sync_manager);

  return GTK_WINDOW_CLASS (dd_window_parent_class)->close_request (window);
}

/* bench-start: with DINGDAN_BENCH_FIRST_FRAME set, the first frame painted
 * with rows (or at all, when the list has none) is told on stderr with its
 * CLOCK_MONOTONIC time in microseconds, comparable across processes. */
static void
after_paint_cb (GdkFrameClock *frame_clock,
                DdWindow      *self)
{
  guint n_items = 0;

  if (self->orders != NULL)
    {
      if (dd_order_list_get_loading (self->orders))
        return;
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->orders));
    }

  /* Rows arrive between frames: this frame laid them out and drew them. */
  self->first_frame_done = TRUE;
  g_printerr ("dingdan-first-frame %" G_GINT64_FORMAT " rows %u\n",
              g_get_monotonic_time (), n_items);
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, self);
}

static void
bench_realize_cb (DdWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (after_paint_cb), self, 0);
}

static void
dd_window_bench_init (DdWindow *self)
{
  if (g_getenv ("DINGDAN_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (bench_realize_cb), NULL);
}

static void
dd_window_constructed (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  G_OBJECT_CLASS (dd_window_parent_class)->constructed (object);

  if (self->accounts == NULL)
    self->accounts = G_LIST_MODEL (g_list_store_new (DD_TYPE_ACCOUNT));
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  dd_account_sidebar_set_accounts (self->sidebar, self->accounts);
  dd_account_notice_set_accounts (self->notice, self->accounts);

  if (self->cache != NULL)
    {
      if (self->orders == NULL)
        self->orders = dd_order_list_new (self->cache);
      dd_window_selection_init (self);
    }
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                           "notify::page-size",
                           G_CALLBACK (table_width_changed_cb), self, G_CONNECT_SWAPPED);

  dd_window_sync_init (self);
  dd_window_marks_init (self);
  dd_window_keys_init (self);
  dd_window_filter_init (self);
  dd_window_export_init (self);
  dd_window_detail_init (self);
  dd_window_actions_init (self);
  dd_window_bench_init (self);
  accounts_changed_cb (self, 0, 0, 0, self->accounts);
  load_window_state (self);
  table_width_changed_cb (self, NULL,
                          gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)));
  dd_window_update_sync_action (self);
  dd_window_update_stack (self);
}

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  if (self->watched != NULL)
    unwatch_accounts (self);

  if (self->selection != NULL)
    gtk_multi_selection_set_model (self->selection, NULL);

  g_clear_handle_id (&self->cursor_idle, g_source_remove);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  dd_window_filter_dispose (self);
  dd_window_export_dispose (self);
  dd_window_detail_dispose (self);
  dd_window_actions_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);

  if (self->sync_jobs != NULL)
    g_ptr_array_set_size (self->sync_jobs, 0);
  g_clear_object (&self->error_toast);
  g_clear_object (&self->sync_manager);
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

  g_clear_pointer (&self->sync_jobs, g_ptr_array_unref);
  g_clear_pointer (&self->sync_failures, g_ptr_array_unref);
  g_clear_pointer (&self->account_names, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->reselect_others, g_array_unref);

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
    case PROP_SYNC_MANAGER:
      g_value_set_object (value, self->sync_manager);
      break;
    case PROP_ORDERS:
      g_value_set_object (value, self->orders);
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
    case PROP_SYNC_MANAGER:
      self->sync_manager = g_value_dup_object (value);
      break;
    case PROP_ORDERS:
      self->orders = g_value_dup_object (value);
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
  /* Runs the syncs (the application's): on demand and in the background. */
  properties[PROP_SYNC_MANAGER] =
    g_param_spec_object ("sync-manager", NULL, NULL,
                         DD_TYPE_SYNC_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The list of the cache's orders (the application's, its first query
   * started early); NULL: the window makes its own. */
  properties[PROP_ORDERS] =
    g_param_spec_object ("orders", NULL, NULL,
                         DD_TYPE_ORDER_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SANDBOX] =
    g_param_spec_boolean ("sandbox", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_ORDER_DETAIL);
  g_type_ensure (DD_TYPE_ACCOUNT_SIDEBAR);
  g_type_ensure (DD_TYPE_ACCOUNT_NOTICE);
  g_type_ensure (DD_TYPE_VIEW_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, view_list);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, add_account_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_failed_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, detail_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, order_id_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, created_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, account_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, buyer_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, status_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, flag_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, total_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, payment_column);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, detail);
  dd_window_cells_bind_callbacks (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  dd_window_sync_class_init (widget_class);
  dd_window_selection_class_init (widget_class);
  dd_window_marks_class_init (widget_class);
  dd_window_keys_class_init (widget_class);
  dd_window_filter_class_init (widget_class);
  dd_window_export_class_init (widget_class);
  dd_window_detail_class_init (widget_class);
  dd_window_actions_class_init (widget_class);
}

static void
dd_window_init (DdWindow *self)
{
  self->reselect_others = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cursor_pending = G_MAXUINT;
  gtk_widget_init_template (GTK_WIDGET (self));
  dd_a11y_name_column_headers (self->column_view);

  self->account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->sync_jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->sync_failures = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sync_failure_free);
}

static void
show_startup_error (DdWindow     *self,
                    const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  /* Status page descriptions are markup. */
  adw_status_page_set_description (self->error_page, escaped);
  dd_window_update_stack (self);
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
                       "sync-manager", dd_application_get_sync_manager (app),
                       "orders", dd_application_get_orders (app),
                       "sandbox", dd_application_get_sandbox (app),
                       NULL);

  error = dd_application_get_startup_error (app);
  if (error != NULL)
    show_startup_error (self, error);

  return self;
}
