/* dd-window.c: the main window: the order list and the selected order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-order-detail.h"
#include "dd-order-list.h"
#include "dd-platform-error.h"
#include "dd-sync-job.h"
#include "dd-ui-format.h"
#include "dd-window.h"

struct _DdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkStack             *sync_stack;
  GtkSpinner           *sync_spinner;
  AdwToastOverlay      *toast_overlay;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *sync_failed_page;
  GtkSpinner           *loading_spinner;
  GtkColumnView        *column_view;
  GtkSingleSelection   *selection;
  DdOrderDetail        *detail;

  /* Construct-only */
  DdCache              *cache;        /* NULL when the cache failed to open */
  DdClient             *client;       /* NULL without an account */
  char                 *account_id;
  gboolean              sandbox;

  DdOrderList          *orders;       /* owned; the lazy model over the cache */
  DdSyncJob            *sync_job;     /* owned; the running sync, or NULL */
  GCancellable         *cancellable;  /* cancelled on close */
  GSettings            *settings;     /* NULL when the schema is not installed */
  GError               *sync_error;   /* the last sync failure, for "Details" */
  AdwToast             *error_toast;  /* owned; the toast telling of it */
};

enum {
  PROP_0,
  PROP_CACHE,
  PROP_CLIENT,
  PROP_ACCOUNT_ID,
  PROP_SANDBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdWindow, dd_window, ADW_TYPE_APPLICATION_WINDOW)

/* The one place that turns a sync failure into a sentence for people. */
static const char *
describe_sync_error (const GError *error)
{
  if (error->domain != DD_PLATFORM_ERROR)
    return _("Could not sync the orders");

  switch ((DdPlatformErrorCode) error->code)
    {
    case DD_PLATFORM_ERROR_AUTH:
      return _("The shop did not accept Dingdan’s credentials");
    case DD_PLATFORM_ERROR_PERMISSION:
      return _("The shop does not allow Dingdan to read its orders");
    case DD_PLATFORM_ERROR_RATE_LIMITED:
      return _("The platform asks Dingdan to slow down; try again later");
    case DD_PLATFORM_ERROR_INVALID_ARGUMENT:
      return _("The platform refused Dingdan’s request");
    case DD_PLATFORM_ERROR_NOT_FOUND:
      return _("The platform could not find the orders");
    case DD_PLATFORM_ERROR_STATE_CONFLICT:
      return _("The orders changed on the platform; sync again");
    case DD_PLATFORM_ERROR_SERVER:
      return _("The platform has a problem; try again later");
    case DD_PLATFORM_ERROR_NETWORK:
      return _("Could not reach the platform; check the connection");
    case DD_PLATFORM_ERROR_TIMEOUT:
      return _("The platform took too long to answer");
    case DD_PLATFORM_ERROR_BAD_RESPONSE:
      return _("The platform sent an answer Dingdan cannot read");
    default:
      return _("Could not sync the orders");
    }
}

static const char *
base_subtitle (DdWindow *self)
{
  /* Translators: subtitle of the window when it shows the built-in test shop */
  return self->sandbox ? _("Sandbox") : NULL;
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
  else if (self->sync_job != NULL)
    page = "loading";
  else if (self->sync_error != NULL)
    page = "sync-failed";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
update_sync_action (DdWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 self->sync_job == NULL &&
                                 self->client != NULL &&
                                 self->cache != NULL);
}

static void
update_progress (DdWindow *self)
{
  g_autofree char *text = NULL;
  guint n_orders;
  guint64 total;

  if (self->sync_job == NULL)
    return;

  n_orders = dd_sync_job_get_n_orders (self->sync_job);
  total = dd_sync_job_get_total (self->sync_job);

  if (total > 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     MIN (1.0, (double) n_orders / (double) total));
      /* Translators: progress of a sync: orders received so far, of all */
      text = g_strdup_printf (_("Syncing %u of %u orders…"),
                              n_orders, (guint) MIN (total, G_MAXUINT));
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_strdup (_("Syncing orders…"));
    }

  gtk_progress_bar_set_text (self->progress_bar, text);
  adw_window_title_set_subtitle (self->window_title, text);
}

static void
set_syncing (DdWindow  *self,
             DdSyncJob *job)
{
  gboolean syncing = job != NULL;

  g_set_object (&self->sync_job, job);

  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing);
  if (!syncing)
    adw_window_title_set_subtitle (self->window_title, base_subtitle (self));

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

static void
items_changed_cb (DdWindow   *self,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *model)
{
  update_stack (self);
}

static gint64
selected_row_id (DdWindow *self)
{
  DdOrder *order = gtk_single_selection_get_selected_item (self->selection);

  return order != NULL ? dd_order_get_row_id (order) : 0;
}

static void
page_stored_cb (DdWindow  *self,
                GArray    *changed_rowids,
                DdSyncJob *job)
{
  gint64 row_id;

  g_assert (DD_IS_WINDOW (self));

  if (job != self->sync_job)
    return;

  /* A rebound row is a new object, which drops GtkSingleSelection's
   * selection: keep the selected order selected. */
  row_id = selected_row_id (self);
  dd_order_list_refresh (self->orders, changed_rowids);

  if (row_id != 0 && selected_row_id (self) != row_id)
    {
      guint position = dd_order_list_find_row (self->orders, row_id);

      if (position != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, position);
    }

  update_progress (self);
}

static void
progress_changed_cb (DdWindow   *self,
                     GParamSpec *pspec,
                     DdSyncJob  *job)
{
  if (job == self->sync_job)
    update_progress (self);
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

  if (job != self->sync_job)
    return;

  /* Whatever the last page left out (a final re-run of the query). */
  dd_order_list_refresh (self->orders, NULL);

  g_clear_error (&self->sync_error);
  if (error != NULL)
    {
      g_autofree char *escaped = NULL;

      g_debug ("Sync of %s failed: %s", self->account_id, error->message);
      self->sync_error = g_steal_pointer (&error);

      /* Status page descriptions are markup. */
      escaped = g_markup_escape_text (describe_sync_error (self->sync_error), -1);
      adw_status_page_set_description (self->sync_failed_page, escaped);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error",
                                 self->sync_error != NULL);
  set_syncing (self, NULL);

  if (self->sync_error != NULL)
    {
      /* With nothing listed, the status page says it already. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->orders)) > 0)
        {
          AdwToast *toast;

          toast = add_toast (self, describe_sync_error (self->sync_error),
                             /* Translators: button of the sync failure toast */
                             _("Details"), "win.show-sync-error");
          g_set_object (&self->error_toast, toast);
        }
    }
  else
    {
      guint n_orders = dd_sync_job_get_n_orders (job);
      g_autofree char *title = NULL;

      if (n_orders == 0)
        title = g_strdup (_("Orders are up to date"));
      else
        /* Translators: a sync finished; %u is the number of orders received */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Synced %u order",
                                              "Synced %u orders",
                                              n_orders),
                                 n_orders);
      add_toast (self, title, NULL, NULL);
    }
}

void
dd_window_sync (DdWindow *self)
{
  g_autoptr(DdSyncJob) job = NULL;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->sync_job != NULL || self->client == NULL || self->cache == NULL)
    return;

  /* A new attempt makes the last failure's toast stale. */
  if (self->error_toast != NULL)
    {
      adw_toast_dismiss (self->error_toast);
      g_clear_object (&self->error_toast);
    }

  job = dd_sync_job_new (self->client, self->cache, self->account_id);
  g_signal_connect_object (job, "page-stored",
                           G_CALLBACK (page_stored_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::n-orders",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job, "notify::total",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);

  set_syncing (self, job);
  update_progress (self);

  dd_sync_job_run_async (job, self->cancellable, sync_done_cb, g_object_ref (self));
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
  g_autofree char *details = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  if (self->sync_error == NULL)
    return;

  details = dd_platform_error_format_details (self->sync_error);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Sync Failed"),
                                   describe_sync_error (self->sync_error));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  /* Server words, shown verbatim: never markup. */
  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), details);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error details"),
                                  -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (scroller, "error-details");

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Cells: the hot path. One plain GtkLabel each, text set on bind. */

static void
setup_label (GtkListItem *list_item,
             float        xalign,
             gboolean     numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DdWindow                 *self)
{
  setup_label (list_item, 0.0, FALSE);
}

static void
setup_id_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DdWindow                 *self)
{
  setup_label (list_item, 0.0, TRUE);
}

static void
setup_amount_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 DdWindow                 *self)
{
  setup_label (list_item, 1.0, TRUE);
}

static inline void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      text != NULL ? text : "");
}

static void
bind_order_id_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);

  set_cell_text (list_item, dd_order_get_order_id (order));
}

static void
bind_created_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);
  g_autofree char *text = dd_ui_format_date (dd_order_get_created (order));

  set_cell_text (list_item, text);
}

static void
bind_buyer_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);

  set_cell_text (list_item, dd_order_get_buyer_name (order));
}

static void
bind_status_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);

  set_cell_text (list_item, dd_order_status_get_label (dd_order_get_status (order)));
}

static void
bind_total_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);
  g_autofree char *text = dd_ui_format_money (dd_order_get_total (order));

  set_cell_text (list_item, text);
}

static void
bind_payment_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);

  set_cell_text (list_item, dd_ui_format_payment (order));
}

static void
selected_item_changed_cb (GtkSingleSelection *selection,
                          GParamSpec         *pspec,
                          DdWindow           *self)
{
  g_assert (DD_IS_WINDOW (self));

  dd_order_detail_set_order (self->detail,
                             gtk_single_selection_get_selected_item (selection));
}

/* Window state */

static void
load_window_state (DdWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; window size is not kept", APP_ID);
      return;
    }

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
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

  if (self->cache != NULL)
    {
      self->orders = dd_order_list_new (self->cache);
      g_signal_connect_object (self->orders, "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->orders));
    }

  load_window_state (self);
  update_sync_action (self);
  update_stack (self);
}

static void
dd_window_dispose (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_WINDOW);

  g_clear_object (&self->sync_job);
  g_clear_object (&self->error_toast);
  g_clear_object (&self->orders);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dd_window_parent_class)->dispose (object);
}

static void
dd_window_finalize (GObject *object)
{
  DdWindow *self = DD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_error (&self->sync_error);

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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
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
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
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
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SANDBOX] =
    g_param_spec_boolean ("sandbox", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DD_TYPE_ORDER_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, sync_failed_page);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, DdWindow, detail);
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_id_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_amount_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_order_id_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_buyer_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_total_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_payment_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-sync-error", NULL,
                                   show_sync_error_action_cb);
}

static void
dd_window_init (DdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
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
                       "client", dd_application_get_client (app),
                       "account-id", dd_application_get_account_id (app),
                       "sandbox", dd_application_get_sandbox (app),
                       NULL);

  error = dd_application_get_startup_error (app);
  if (error != NULL)
    show_startup_error (self, error);

  return self;
}
