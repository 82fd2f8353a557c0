/* dd-action-log-window.c: the window listing every write sent, and its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * app.action-log opens it over the main window: a table of the action log
 * (Time, Account, Order, Action, State, Result, Request ID), newest first,
 * read in a worker thread (again on Ctrl+R or F5, and when app.action-log
 * brings it back); "No Actions Yet" while the log is empty. Export…
 * asks where to save (GtkFileChooserNative) and writes
 * dd_action_log_export_csv() in a worker into a hidden file beside the
 * chosen one, renamed over it once complete (as the orders' export does).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-a11y.h"
#include "dd-action-history.h"
#include "dd-action-log.h"
#include "dd-toast.h"

/* ---- an entry in the table's model ---------------------------------------------- */

#define DD_TYPE_ACTION_LOG_ITEM (dd_action_log_item_get_type ())
G_DECLARE_FINAL_TYPE (DdActionLogItem, dd_action_log_item, DD, ACTION_LOG_ITEM, GObject)

struct _DdActionLogItem
{
  GObject         parent_instance;
  DdActionRecord *record;  /* owned */
};

G_DEFINE_FINAL_TYPE (DdActionLogItem, dd_action_log_item, G_TYPE_OBJECT)

static void
dd_action_log_item_finalize (GObject *object)
{
  DdActionLogItem *self = DD_ACTION_LOG_ITEM (object);

  g_clear_pointer (&self->record, dd_action_record_free);

  G_OBJECT_CLASS (dd_action_log_item_parent_class)->finalize (object);
}

static void
dd_action_log_item_class_init (DdActionLogItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_action_log_item_finalize;
}

static void
dd_action_log_item_init (DdActionLogItem *self)
{
}

/* ---- the window ------------------------------------------------------------------- */

typedef enum
{
  COLUMN_TIME,
  COLUMN_ACCOUNT,
  COLUMN_ORDER,
  COLUMN_ACTION,
  COLUMN_STATE,
  COLUMN_RESULT,
  COLUMN_REQUEST_ID,
  N_COLUMNS,
} Column;

struct _DdActionLogWindow
{
  AdwWindow             parent_instance;

  DdCache              *cache;          /* owned */
  GHashTable           *account_names;  /* owned; account id → name */
  GListStore           *entries;        /* (element-type DdActionLogItem) */
  GCancellable         *cancellable;    /* the running read and export; cancelled on dispose */
  GCancellable         *read_cancellable; /* the running read; NULL: none */
  gboolean              exporting;
  GtkFileChooserNative *chooser;        /* owned; shown */
  GFile                *folder;         /* where the last export went */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkWidget            *export_button;
};

G_DEFINE_FINAL_TYPE (DdActionLogWindow, dd_action_log_window, ADW_TYPE_WINDOW)

static void
update_export_button (DdActionLogWindow *self)
{
  gtk_widget_set_sensitive (self->export_button,
                            !self->exporting && self->chooser == NULL &&
                            self->read_cancellable == NULL &&
                            g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0);
}

static void
add_toast (DdActionLogWindow *self,
           const char        *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, dd_toast_new (title));
}

/* ---- the cells ------------------------------------------------------------------- */

static char *
format_time (gint64 time_ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_ms / 1000);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("");

  /* Translators: when an action was sent, in the Action Log window; see
   * the strftime-like codes of g_date_time_format() */
  return g_date_time_format (local, C_("action log time", "%Y-%m-%d %H:%M:%S"));
}

static char *
cell_text (DdActionLogWindow    *self,
           const DdActionRecord *record,
           Column                column)
{
  const char *name;

  switch (column)
    {
    case COLUMN_TIME:
      return format_time (record->time_ms);
    case COLUMN_ACCOUNT:
      name = self->account_names != NULL && record->account_id != NULL
             ? g_hash_table_lookup (self->account_names, record->account_id) : NULL;
      return g_strdup (name != NULL && name[0] != '\0' ? name : record->account_id);
    case COLUMN_ORDER:
      return g_strdup (record->order_id);
    case COLUMN_ACTION:
      return g_strdup ((guint) record->action <= DD_ACTION_LAST
                       ? dd_action_rules_get_label (record->action) : "");
    case COLUMN_STATE:
      return g_strdup (dd_action_state_get_label (record->state));
    case COLUMN_RESULT:
      return g_strdup (record->result);
    case COLUMN_REQUEST_ID:
      return g_strdup (record->request_id);
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DdActionLogWindow        *self)
{
  DdActionLogItem *item = gtk_list_item_get_item (list_item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (self, item->record, column);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  /* The whole text of a long result, where the column cuts it short. */
  gtk_widget_set_tooltip_text (label, column == COLUMN_RESULT && text != NULL && text[0] != '\0'
                                      ? text : NULL);
}

static void
add_column (DdActionLogWindow *self,
            GtkColumnView     *view,
            Column             column,
            const char        *title,
            gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

/* ---- reading the log ---------------------------------------------------------------- */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *records = dd_action_log_list (DD_CACHE (task_data), NULL, NULL, 0, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdActionLogWindow *self = DD_ACTION_LOG_WINDOW (object);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->read_cancellable);

  records = g_task_propagate_pointer (G_TASK (result), &error);
  if (records == NULL)
    {
      /* Translators: a toast in the Action Log window; %s says why */
      g_autofree char *title = g_strdup_printf (_("Could not read the action log: %s"),
                                                error->message);

      add_toast (self, title);
      update_export_button (self);
      return;
    }

  items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    {
      DdActionLogItem *item = g_object_new (DD_TYPE_ACTION_LOG_ITEM, NULL);

      item->record = g_steal_pointer (&g_ptr_array_index (records, i));
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  update_export_button (self);
}

void
dd_action_log_window_reload (DdActionLogWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DD_IS_ACTION_LOG_WINDOW (self));

  if (self->read_cancellable != NULL)
    {
      g_cancellable_cancel (self->read_cancellable);
      g_clear_object (&self->read_cancellable);
    }
  self->read_cancellable = g_cancellable_new ();

  task = g_task_new (self, self->read_cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, dd_action_log_window_reload);
  g_task_set_name (task, "[dingdan] action log");
  g_task_set_task_data (task, g_object_ref (self->cache), g_object_unref);
  g_task_run_in_thread (task, read_thread);
  update_export_button (self);
}

/* ---- the export --------------------------------------------------------------------- */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DdActionLogWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->exporting = FALSE;
  if (dd_action_log_save_csv_finish (result, &error))
    add_toast (self, _("Exported the action log"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the window is closing */
  else
    {
      /* Translators: a toast in the Action Log window; %s says why */
      g_autofree char *title = g_strdup_printf (_("Could not export the action log: %s"),
                                                error->message);

      add_toast (self, title);
    }
  update_export_button (self);
}

gboolean
dd_action_log_window_export (DdActionLogWindow *self,
                             GFile             *file)
{
  g_return_val_if_fail (DD_IS_ACTION_LOG_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->exporting)
    return FALSE;

  self->exporting = TRUE;
  g_clear_object (&self->folder);
  self->folder = g_file_get_parent (file);
  update_export_button (self);
  dd_action_log_save_csv_async (self->cache, file, self->cancellable,
                                export_done_cb, g_object_ref (self));
  return TRUE;
}

static gboolean
destroy_chooser_idle (gpointer data)
{
  GtkNativeDialog *chooser = data;

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  return G_SOURCE_REMOVE;
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     DdActionLogWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  /* Destroyed later: the response may come from an accessibility action
   * on its button, which GTK 4.8 answers after this returns. */
  gtk_native_dialog_hide (chooser);
  g_idle_add_full (G_PRIORITY_LOW, destroy_chooser_idle, g_steal_pointer (&self->chooser), NULL);

  if (file != NULL)
    dd_action_log_window_export (self, file);
  update_export_button (self);
}

static void
export_clicked_cb (DdActionLogWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->exporting || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export the Action Log"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  name = g_strdup_printf ("dingdan-actions-%s.csv", day);
  gtk_file_chooser_set_current_name (chooser, name);
  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, self->folder, NULL);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (chooser, csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  update_export_button (self);
}

/* ---- the window's life -------------------------------------------------------------- */

static void
dd_action_log_window_dispose (GObject *object)
{
  DdActionLogWindow *self = DD_ACTION_LOG_WINDOW (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, chooser_response_cb, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_cancellable_cancel (self->cancellable);
  if (self->read_cancellable != NULL)
    {
      g_cancellable_cancel (self->read_cancellable);
      g_clear_object (&self->read_cancellable);
    }

  G_OBJECT_CLASS (dd_action_log_window_parent_class)->dispose (object);
}

static void
dd_action_log_window_finalize (GObject *object)
{
  DdActionLogWindow *self = DD_ACTION_LOG_WINDOW (object);

  g_clear_object (&self->cache);
  g_clear_pointer (&self->account_names, g_hash_table_unref);
  g_clear_object (&self->entries);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (dd_action_log_window_parent_class)->finalize (object);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dd_action_log_window_reload (DD_ACTION_LOG_WINDOW (widget));
}

static void
dd_action_log_window_class_init (DdActionLogWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_action_log_window_dispose;
  object_class->finalize = dd_action_log_window_finalize;

  /* Ctrl+R and F5, as the main window's sync: read the log again. */
  gtk_widget_class_install_action (widget_class, "action-log.reload", NULL, reload_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "action-log.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "action-log.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
dd_action_log_window_init (DdActionLogWindow *self)
{
  GtkWidget *box, *header, *title, *scrolled, *view, *empty, *spinner;
  GtkNoSelection *selection;

  self->cancellable = g_cancellable_new ();
  self->entries = g_list_store_new (DD_TYPE_ACTION_LOG_ITEM);

  gtk_window_set_title (GTK_WINDOW (self), _("Action Log"));
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 540);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (_("Action Log"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_set_tooltip_text (self->export_button, _("Save the action log as a CSV file"));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->export_button);
  gtk_box_append (GTK_BOX (box), header);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->stack));

  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Actions Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every cancel, payment and purchase order sent to a platform is listed here"));
  gtk_stack_add_named (self->stack, empty, "empty");

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Actions sent"),
                                  -1);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_TIME, C_("action log column", "Time"), FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_ACCOUNT, C_("action log column", "Account"), FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_ORDER, C_("action log column", "Order"), FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_ACTION, C_("action log column", "Action"), FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_STATE, C_("action log column", "State"), FALSE);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_RESULT, C_("action log column", "Result"), TRUE);
  add_column (self, GTK_COLUMN_VIEW (view), COLUMN_REQUEST_ID,
              C_("action log column", "Request ID"), FALSE);
  dd_a11y_name_column_headers (GTK_COLUMN_VIEW (view));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_set_visible_child_name (self->stack, "loading");

  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
dd_action_log_window_new (GtkWindow  *parent,
                          DdCache    *cache,
                          GHashTable *account_names)
{
  DdActionLogWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_CACHE (cache), NULL);

  self = g_object_new (DD_TYPE_ACTION_LOG_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->cache = g_object_ref (cache);
  if (account_names != NULL)
    self->account_names = g_hash_table_ref (account_names);
  dd_action_log_window_reload (self);

  return GTK_WIDGET (self);
}

gboolean
dd_action_log_window_is_busy (DdActionLogWindow *self)
{
  g_return_val_if_fail (DD_IS_ACTION_LOG_WINDOW (self), FALSE);

  return self->read_cancellable != NULL || self->exporting;
}

guint
dd_action_log_window_get_n_entries (DdActionLogWindow *self)
{
  g_return_val_if_fail (DD_IS_ACTION_LOG_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

const DdActionRecord *
dd_action_log_window_get_entry (DdActionLogWindow *self,
                                guint              position)
{
  g_autoptr(DdActionLogItem) item = NULL;

  g_return_val_if_fail (DD_IS_ACTION_LOG_WINDOW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  /* The store keeps its reference. */
  return item != NULL ? item->record : NULL;
}

/* ---- writing the file ------------------------------------------------------------------ */

typedef struct
{
  DdCache *cache;
  GFile   *file;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->cache);
  g_clear_object (&save->file);
  g_free (save);
}

/* A new, empty hidden file beside @target (".actions.csv.1a2b3c"), open. */
static GFileOutputStream *
create_temp (GFile         *target,
             GFile        **temp,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *basename = g_file_get_basename (target);

  if (parent == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("Not a file name"));
      return NULL;
    }

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%06x", basename,
                                               g_random_int_range (0, 0x1000000));
      g_autoptr(GFile) file = g_file_get_child (parent, name);
      g_autoptr(GError) create_error = NULL;
      GFileOutputStream *out = g_file_create (file, G_FILE_CREATE_NONE, cancellable,
                                              &create_error);

      if (out != NULL)
        {
          *temp = g_steal_pointer (&file);
          return out;
        }
      if (!g_error_matches (create_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt >= 100)
        {
          g_propagate_error (error, g_steal_pointer (&create_error));
          return NULL;
        }
    }
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) temp = NULL;
  GError *error = NULL;
  gboolean ok;

  out = create_temp (save->file, &temp, cancellable, &error);
  if (out == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ok = dd_action_log_export_csv (save->cache, G_OUTPUT_STREAM (out), FALSE, cancellable, &error);
  /* Closed after a failure too (the file is removed next). */
  if (!g_output_stream_close (G_OUTPUT_STREAM (out), NULL, ok ? &error : NULL))
    ok = FALSE;
  if (ok && !g_file_move (temp, save->file,
                          G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                          NULL, NULL, NULL, &error))
    ok = FALSE;
  if (!ok)
    {
      g_autoptr(GError) delete_error = NULL;

      if (!g_file_delete (temp, NULL, &delete_error))
        g_warning ("Could not remove the unfinished export %s: %s",
                   g_file_peek_path (temp), delete_error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
dd_action_log_save_csv_async (DdCache             *cache,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (DD_IS_CACHE (cache));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  save = g_new0 (SaveData, 1);
  save->cache = g_object_ref (cache);
  save->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_action_log_save_csv_async);
  g_task_set_name (task, "[dingdan] action log export");
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
dd_action_log_save_csv_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_action_log_save_csv_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
