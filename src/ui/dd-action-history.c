/* dd-action-history.c: the writes sent for one order, in the detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "History" group with one row an entry of the action log, newest first:
 * the action's label, and under it when it was sent, its state and its
 * result. The log is read in a worker thread (the cache's reads are
 * thread-safe); a read that a newer one replaced is dropped. Everything
 * shown is plain text: a platform's message may hold "<" or "&".
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-action-history.h"
#include "dd-action-log.h"
#include "dd-ui-format.h"

/* The most entries shown: an order seldom has more than a few. */
#define HISTORY_MAX_ENTRIES 50u

struct _DdActionHistory
{
  GtkWidget     parent_instance;

  DdCache      *cache;        /* owned */
  char         *account_id;
  char         *order_id;
  GtkWidget    *group;        /* AdwPreferencesGroup, the only child */
  GPtrArray    *rows;         /* (element-type GtkWidget) in @group */
  GCancellable *cancellable;  /* the running read; NULL: none */
};

G_DEFINE_FINAL_TYPE (DdActionHistory, dd_action_history, GTK_TYPE_WIDGET)

typedef struct
{
  DdCache *cache;
  char    *account_id;
  char    *order_id;
} ReadData;

static void
read_data_free (gpointer data)
{
  ReadData *read = data;

  g_clear_object (&read->cache);
  g_free (read->account_id);
  g_free (read->order_id);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *read = task_data;
  GError *error = NULL;
  GPtrArray *records;

  records = dd_action_log_list (read->cache, read->account_id, read->order_id,
                                HISTORY_MAX_ENTRIES, &error);
  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

/* "2026-11-23 14:05 · Done · The order was cancelled" */
static char *
format_subtitle (const DdActionRecord *record)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (record->time_ms / 1000);
  g_autofree char *date = dd_ui_format_date (time);
  GString *subtitle = g_string_new (date);
  const char *parts[] = {
    dd_action_state_get_label (record->state),
    record->result,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || parts[i][0] == '\0')
        continue;
      if (subtitle->len > 0)
        /* Translators: between the parts of an action's line in the
         * order's history: its time, state and result */
        g_string_append (subtitle, C_("history separator", " · "));
      g_string_append (subtitle, parts[i]);
    }

  return g_string_free (subtitle, FALSE);
}

static GtkWidget *
create_row (const DdActionRecord *record)
{
  g_autofree char *subtitle = format_subtitle (record);
  const char *title = (guint) record->action <= DD_ACTION_LAST
                      ? dd_action_rules_get_label (record->action) : "";
  GtkWidget *row = adw_action_row_new ();

  /* Before the texts: libadwaita's rows take them as markup by default. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (record->request_id != NULL && record->request_id[0] != '\0')
    {
      /* Translators: the tooltip of an action in the order's history; %s
       * is the platform's id of the request, to quote to its support */
      g_autofree char *tooltip = g_strdup_printf (_("Request ID: %s"), record->request_id);

      gtk_widget_set_tooltip_text (row, tooltip);
    }

  return row;
}

static void
clear_rows (DdActionHistory *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->group),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_records (DdActionHistory *self,
              GPtrArray       *records)
{
  clear_rows (self);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      GtkWidget *row = create_row (g_ptr_array_index (records, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  DdActionHistory *self = DD_ACTION_HISTORY (object);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  /* Replaced by a newer read, or the widget is gone. */
  if (g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->cancellable);

  records = g_task_propagate_pointer (G_TASK (result), &error);
  if (records == NULL)
    {
      g_warning ("Could not read the order's action history: %s", error->message);
      return;
    }
  show_records (self, records);
}

static void
start_read (DdActionHistory *self)
{
  g_autoptr(GTask) task = NULL;
  ReadData *read;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (self->cache == NULL || self->account_id == NULL || self->order_id == NULL)
    {
      show_records (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  read = g_new0 (ReadData, 1);
  read->cache = g_object_ref (self->cache);
  read->account_id = g_strdup (self->account_id);
  read->order_id = g_strdup (self->order_id);

  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_name (task, "[dingdan] action history");
  g_task_set_task_data (task, read, read_data_free);
  g_task_run_in_thread (task, read_thread);
}

static void
dd_action_history_dispose (GObject *object)
{
  DdActionHistory *self = DD_ACTION_HISTORY (object);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_clear_pointer (&self->group, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_action_history_parent_class)->dispose (object);
}

static void
dd_action_history_finalize (GObject *object)
{
  DdActionHistory *self = DD_ACTION_HISTORY (object);

  g_clear_object (&self->cache);
  g_free (self->account_id);
  g_free (self->order_id);

  G_OBJECT_CLASS (dd_action_history_parent_class)->finalize (object);
}

static void
dd_action_history_class_init (DdActionHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_action_history_dispose;
  object_class->finalize = dd_action_history_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actionhistory");
}

static void
dd_action_history_init (DdActionHistory *self)
{
  self->rows = g_ptr_array_new ();
  self->group = adw_preferences_group_new ();
  /* Translators: the heading of the actions sent for an order, in the
   * order's detail */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("History"));
  gtk_widget_set_parent (self->group, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
dd_action_history_new (DdCache *cache)
{
  DdActionHistory *self;

  g_return_val_if_fail (cache == NULL || DD_IS_CACHE (cache), NULL);

  self = g_object_new (DD_TYPE_ACTION_HISTORY, NULL);
  if (cache != NULL)
    self->cache = g_object_ref (cache);

  return GTK_WIDGET (self);
}

void
dd_action_history_set_order (DdActionHistory *self,
                             const char      *account_id,
                             const char      *order_id)
{
  g_return_if_fail (DD_IS_ACTION_HISTORY (self));

  /* Another order: its entries, not the last one's, even for a moment. */
  if (g_strcmp0 (account_id, self->account_id) != 0 ||
      g_strcmp0 (order_id, self->order_id) != 0)
    {
      g_free (self->account_id);
      self->account_id = g_strdup (account_id);
      g_free (self->order_id);
      self->order_id = g_strdup (order_id);
      show_records (self, NULL);
    }

  start_read (self);
}

void
dd_action_history_reload (DdActionHistory *self)
{
  g_return_if_fail (DD_IS_ACTION_HISTORY (self));

  start_read (self);
}

guint
dd_action_history_get_n_entries (DdActionHistory *self)
{
  g_return_val_if_fail (DD_IS_ACTION_HISTORY (self), 0);

  return self->rows->len;
}

gboolean
dd_action_history_is_loading (DdActionHistory *self)
{
  g_return_val_if_fail (DD_IS_ACTION_HISTORY (self), FALSE);

  return self->cancellable != NULL;
}
