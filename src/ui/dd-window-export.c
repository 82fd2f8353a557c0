/* dd-window-export.c: exporting the view or the selection to CSV, and printing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * win.export (Ctrl+E) asks where to save (GtkFileChooserNative: the portal's
 * dialog when there is one) and whether to export the current view or the
 * selected orders, with or without a byte-order mark, then streams the CSV
 * in a worker thread (dd-export.c) into a hidden file beside the chosen one,
 * renamed over it only once every row is written: a cancelled or failed
 * export leaves nothing under the chosen name (and an older file there
 * untouched). A toast shows the progress, with a Cancel button.
 *
 * win.print (Ctrl+P) prints a packing slip per selected order and their
 * pick list (dd-print.c), from the print dialog (a printer, or a PDF file).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-export.h"
#include "dd-print.h"
#include "dd-window-private.h"

/* Each order is read from the cache and laid out on the main thread: a
 * selection of more is a mistake (Ctrl+A), not a print run. */
#define PRINT_MAX_ORDERS 1000u

typedef struct _ExportJob ExportJob;

typedef struct
{
  GtkFileChooserNative *chooser;   /* owned; shown */
  ExportJob            *job;       /* the running export; NULL: none */
  GFile                *folder;    /* where the last export went */
  gboolean              bom;       /* the last export's choice */
  gboolean              offered_rows; /* the chooser asks view or selection */
  AdwToast             *result_toast; /* the last export's "Exported N orders" */
} Handoff;

struct _ExportJob
{
  DdWindow      *window;       /* owned; its Handoff may be gone (disposed) */
  GFile         *target;       /* the chosen file */
  GFile         *temp;         /* written, then renamed to @target */
  GOutputStream *out;          /* @temp's */
  GCancellable  *cancellable;
  AdwToast      *toast;        /* owned; the progress */
  GtkProgressBar *bar;         /* in @toast */
};

static Handoff *
get_handoff (DdWindow *self)
{
  return self->handoff;
}

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->target);
  g_clear_object (&job->temp);
  g_clear_object (&job->out);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->toast);
  g_free (job);
}

static void
update_actions (DdWindow *self)
{
  Handoff *handoff = get_handoff (self);
  gboolean busy = handoff == NULL || handoff->job != NULL || handoff->chooser != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 !busy && self->cache != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-cancel",
                                 handoff != NULL && handoff->job != NULL);
}

/* ---- the export ------------------------------------------------------------- */

/* A new, empty hidden file beside @target (".orders.csv.1a2b3c"), open. */
static GFileOutputStream *
create_temp (GFile   *target,
             GFile  **temp,
             GError **error)
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
      GFileOutputStream *out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &create_error);

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
add_toast (DdWindow   *self,
           const char *title)
{
  dd_window_add_toast (self, title, NULL, NULL);
}

static void
show_error (DdWindow     *self,
            const GError *error)
{
  /* Translators: a toast when the CSV export failed; %s says why. */
  g_autofree char *title = g_strdup_printf (_("Could not export the orders: %s"), error->message);

  add_toast (self, title);
}

static void
export_progress_cb (guint64  n_written,
                    guint64  n_total,
                    gpointer user_data)
{
  ExportJob *job = user_data;

  if (n_total == 0)
    gtk_progress_bar_pulse (job->bar);
  else
    gtk_progress_bar_set_fraction (job->bar, (double) n_written / (double) n_total);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = user_data;
  DdWindow *self = job->window;
  Handoff *handoff = get_handoff (self);
  g_autoptr(GError) error = NULL;
  gint64 n_rows = dd_export_csv_finish (result, &error);

  /* The stream is flushed; closing it is quick. */
  if (!g_output_stream_close (job->out, NULL, n_rows < 0 ? NULL : &error) && n_rows >= 0)
    n_rows = -1;
  if (n_rows >= 0 &&
      !g_file_move (job->temp, job->target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    NULL, NULL, NULL, &error))
    n_rows = -1;
  if (n_rows < 0)
    {
      g_autoptr(GError) delete_error = NULL;

      if (!g_file_delete (job->temp, NULL, &delete_error))
        g_warning ("Could not remove the unfinished export %s: %s",
                   g_file_peek_path (job->temp), delete_error->message);
    }

  dd_toast_dismiss (job->toast);
  if (handoff != NULL)
    {
      handoff->job = NULL;
      update_actions (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, _("The export was cancelled"));
      else if (n_rows < 0)
        show_error (self, error);
      else
        {
          g_autofree char *uri = g_file_get_uri (job->target);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n_rows);
          g_autofree char *title = NULL;
          AdwToast *toast;

          /* Translators: a toast once the CSV file is written; %s is a number. */
          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s order",
                                                "Exported %s orders",
                                                (gulong) MIN ((guint64) n_rows, G_MAXULONG)),
                                   number);
          toast = dd_toast_new (title);
          adw_toast_set_button_label (toast, _("_Open"));
          adw_toast_set_action_name (toast, "win.export-open");
          adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
          g_set_object (&handoff->result_toast, toast);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  export_job_free (job);
}

static GHashTable *
account_names (DdWindow *self)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n_accounts = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);
      const char *id = dd_account_get_id (account);

      if (id != NULL)
        g_hash_table_insert (names, g_strdup (id),
                             g_strdup (dd_window_lookup_account_name (self, id)));
    }
  return names;
}

static void
start_export (DdWindow *self,
              GFile    *target,
              GArray   *row_ids,
              gboolean  bom)
{
  Handoff *handoff = get_handoff (self);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) temp = NULL;
  GtkWidget *box, *label, *bar;
  ExportJob *job;

  out = create_temp (target, &temp, &error);
  if (out == NULL)
    {
      show_error (self, error);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->target = g_object_ref (target);
  job->temp = g_object_ref (temp);
  job->cancellable = g_cancellable_new ();
  job->out = G_OUTPUT_STREAM (g_object_ref (out));

  /* The progress, in a toast that stays until the end. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("Exporting orders…"));
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 160, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"),
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  job->bar = GTK_PROGRESS_BAR (bar);
  job->toast = dd_toast_new_with_widget (box);
  adw_toast_set_button_label (job->toast, _("_Cancel"));
  adw_toast_set_action_name (job->toast, "win.export-cancel");
  adw_toast_set_timeout (job->toast, 0);
  /* Not over the last export's toast: libadwaita 1.2 aborts when a toast
   * that a high-priority one pushed aside is shown again. */
  if (handoff->result_toast != NULL)
    {
      dd_toast_dismiss (handoff->result_toast);
      g_clear_object (&handoff->result_toast);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (job->toast));

  handoff->job = job;
  handoff->bom = bom;
  g_clear_object (&handoff->folder);
  handoff->folder = g_file_get_parent (target);
  update_actions (self);

  names = account_names (self);
  dd_export_csv_full_async (self->cache,
                            row_ids == NULL ? dd_order_list_get_query (self->orders) : NULL,
                            row_ids, names, G_OUTPUT_STREAM (out),
                            bom ? DD_EXPORT_BOM : DD_EXPORT_NONE,
                            job->cancellable,
                            export_progress_cb, job, NULL,
                            export_done_cb, job);
}

/* ---- the file chooser --------------------------------------------------------- */

static gboolean
destroy_chooser_idle (gpointer data)
{
  GtkNativeDialog *chooser = data;

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  return G_SOURCE_REMOVE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DdWindow        *self)
{
  Handoff *handoff = get_handoff (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) row_ids = NULL;
  const char *rows, *bom;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  rows = handoff->offered_rows
           ? gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "rows") : NULL;
  bom = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "bom");
  if (file != NULL && g_strcmp0 (rows, "selection") == 0)
    row_ids = dd_window_get_selected_row_ids (self);
  if (file != NULL && self->cache != NULL && self->orders != NULL)
    start_export (self, file, row_ids, g_strcmp0 (bom, "true") == 0);

  /* Not destroyed here: the response may come from an accessibility
   * action on its button, which GTK 4.8 answers after this returns, and
   * answering for a destroyed button crashes. */
  gtk_native_dialog_hide (chooser);
  g_idle_add_full (G_PRIORITY_LOW, destroy_chooser_idle, g_steal_pointer (&handoff->chooser),
                   NULL);
  update_actions (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  Handoff *handoff = get_handoff (self);
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (handoff == NULL || handoff->job != NULL || handoff->chooser != NULL ||
      self->cache == NULL || self->orders == NULL)
    return;

  handoff->chooser = gtk_file_chooser_native_new (_("Export Orders"), GTK_WINDOW (self),
                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                  _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (handoff->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (handoff->chooser), TRUE);

  /* Translators: the suggested name of an export; %s is today's date,
   * 2026-11-23. Keep it a file name. */
  name = g_strdup_printf (_("orders-%s.csv"), day);
  gtk_file_chooser_set_current_name (chooser, name);
  if (handoff->folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, handoff->folder, NULL);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (chooser, csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  /* What to export: the view, or the selected orders when there are some. */
  selected = dd_window_get_selected_row_ids (self);
  if (selected != NULL && selected->len > 0)
    {
      const char *ids[] = { "view", "selection", NULL };
      const char *labels[] = { _("All orders of the view"), _("Selected orders"), NULL };

      /* Translators: a choice in the export's file chooser: which orders to export */
      gtk_file_chooser_add_choice (chooser, "rows", _("Rows"), ids, labels);
      gtk_file_chooser_set_choice (chooser, "rows", "view");
    }
  handoff->offered_rows = selected != NULL && selected->len > 0;
  gtk_file_chooser_add_choice (chooser, "bom",
                               _("Byte-order mark (for spreadsheet programs)"), NULL, NULL);
  gtk_file_chooser_set_choice (chooser, "bom", handoff->bom ? "true" : "false");

  g_signal_connect_object (handoff->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, 0);
  update_actions (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (handoff->chooser));
}

static void
export_cancel_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  Handoff *handoff = get_handoff (DD_WINDOW (widget));

  if (handoff != NULL && handoff->job != NULL)
    g_cancellable_cancel (handoff->job->cancellable);
}

static void
export_open_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* ---- printing ------------------------------------------------------------------ */

static void
print_done_cb (gboolean      printed,
               const GError *error,
               gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;

  if (error != NULL && get_handoff (self) != NULL)
    {
      /* Translators: a toast when printing failed; %s says why. */
      g_autofree char *title = g_strdup_printf (_("Could not print: %s"), error->message);

      add_toast (self, title);
    }
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) row_ids = dd_window_get_selected_row_ids (self);
  g_autoptr(DdPrintDocument) document = NULL;

  if (self->cache == NULL)
    return;
  if (row_ids == NULL || row_ids->len == 0)
    {
      add_toast (self, _("Select the orders to print first"));
      return;
    }
  if (row_ids->len > PRINT_MAX_ORDERS)
    {
      /* Translators: a toast; %u is the most orders printed at once (1000) */
      g_autofree char *title = g_strdup_printf (_("Too many orders selected: print at most %u at a time"),
                                                PRINT_MAX_ORDERS);

      add_toast (self, title);
      return;
    }

  document = dd_print_document_new ();
  for (guint i = 0; i < row_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = dd_cache_load_order (self->cache,
                                                      g_array_index (row_ids, gint64, i),
                                                      &error);

      if (order == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            g_warning ("Could not load an order to print: %s", error->message);
          continue;
        }
      dd_print_document_add_order (document, order,
                                   dd_window_lookup_account_name (self,
                                                                  dd_order_get_account_id (order)));
    }
  if (dd_print_document_get_n_orders (document) == 0)
    return;

  dd_print_document_run (document, GTK_WINDOW (self), print_done_cb, g_object_ref (self));
}

/* ---- the window's seams ----------------------------------------------------------- */

void
dd_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-cancel", NULL, export_cancel_activated);
  gtk_widget_class_install_action (widget_class, "win.export-open", "s", export_open_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}

void
dd_window_export_init (DdWindow *self)
{
  self->handoff = g_new0 (Handoff, 1);
  update_actions (self);
}

void
dd_window_export_dispose (DdWindow *self)
{
  Handoff *handoff = get_handoff (self);

  if (handoff == NULL)
    return;

  if (handoff->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (handoff->chooser, chooser_response_cb, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (handoff->chooser));
      g_clear_object (&handoff->chooser);
    }
  /* The job ends in its callback (which sees no handoff: no toasts). */
  if (handoff->job != NULL)
    g_cancellable_cancel (handoff->job->cancellable);
  g_clear_object (&handoff->folder);
  g_clear_object (&handoff->result_toast);
  g_clear_pointer (&self->handoff, g_free);
}
