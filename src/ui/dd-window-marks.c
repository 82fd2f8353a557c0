/* dd-window-marks.c: marking the selected orders from the keyboard (flags,
 * approve, hold, note)
 *
 * win.flag (a flag number, 0 clears it), win.approve, win.hold (until
 * changed), win.hold-until (a dialog asks until when) and win.note (a
 * dialog edits the private note) mark every selected order in the cache,
 * in one transaction; keys 0–6, r, h, Shift+H and n run them while the
 * order table has the focus only, so typing in the search entry is
 * unaffected.
 * The list rebinds the changed row when its refresh arrives, and the views
 * recount after it (orders_refreshed_cb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-application.h"
#include "dd-mark-dialogs.h"
#include "dd-window-private.h"

void
dd_window_marks_update_detail (DdWindow *self)
{
  DdOrder *order = dd_order_detail_get_order (self->detail);
  DdMarks marks = DD_MARKS_INIT;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (order != NULL && self->cache != NULL &&
      !dd_cache_get_marks (self->cache, dd_order_get_row_id (order), &marks, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not read the marks of order %s: %s",
               dd_order_get_order_id (order), error->message);

  dd_order_detail_set_marks (self->detail, marks.flag, dd_marks_get_review (&marks, 0));
  dd_order_detail_set_note (self->detail, marks.note);
  dd_order_detail_set_release (self->detail, marks.release_ms);
  dd_marks_clear (&marks);
}

/* After a change: the pane shows it now, the row and the counts when the
 * list's refresh arrives. On an error (a full disk) nothing changed. */
static void
marks_changed (DdWindow *self,
               GArray   *row_ids,
               gboolean  ok,
               GError   *error)
{
  if (!ok)
    {
      /* Translators: %s says why (the disk is full, say) */
      g_autofree char *title = g_strdup_printf (_("Could not mark the order: %s"),
                                                error->message);

      dd_window_add_toast (self, title, NULL, NULL);
      return;
    }

  dd_window_marks_update_detail (self);
  if (self->orders != NULL)
    dd_order_list_queue_refresh (self->orders, row_ids);
}

static void
flag_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) row_ids = NULL;
  g_autoptr(GError) error = NULL;
  int flag = g_variant_get_int32 (parameter);
  gboolean ok;

  if (flag < DD_FLAG_NONE || flag > DD_FLAG_LAST)
    {
      g_warning ("No flag %d", flag);
      return;
    }

  row_ids = dd_window_get_selected_row_ids (self);
  if (row_ids == NULL || self->cache == NULL)
    return;

  ok = dd_cache_set_flag (self->cache, row_ids, (DdFlag) flag, &error);
  marks_changed (self, row_ids, ok, error);
}

static void
set_review (DdWindow      *self,
            GArray        *row_ids,
            DdReviewState  state,
            gint64         release_ms)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = dd_cache_set_review (self->cache, row_ids, state, release_ms, &error);
  marks_changed (self, row_ids, ok, error);
  if (ok && DD_IS_APPLICATION (g_application_get_default ()))
    dd_application_orders_reviewed (DD_APPLICATION (g_application_get_default ()), row_ids);
}

static void
review_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) row_ids = NULL;
  DdReviewState state;

  state = g_str_equal (action_name, "win.hold") ? DD_REVIEW_HELD : DD_REVIEW_APPROVED;
  row_ids = dd_window_get_selected_row_ids (self);
  if (row_ids == NULL || self->cache == NULL)
    return;

  /* win.hold: held until changed. */
  set_review (self, row_ids, state, 0);
}

/* A dialog's answer applies to the orders selected when it was opened. */
static void
hold_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DdWindow         *self)
{
  GArray *row_ids = g_object_get_data (G_OBJECT (dialog), "dd-row-ids");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 release_ms;

  if (!g_str_equal (response, "hold") || self->cache == NULL)
    return;

  release_ms = dd_hold_dialog_get_release_ms (GTK_WIDGET (dialog), now);
  if (release_ms < 0)
    {
      dd_window_add_toast (self, _("Not a date and time to come: the orders are not held"),
                           NULL, NULL);
      return;
    }

  set_review (self, row_ids, DD_REVIEW_HELD, release_ms);
}

static void
note_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DdWindow         *self)
{
  GArray *row_ids = g_object_get_data (G_OBJECT (dialog), "dd-row-ids");
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "save") || self->cache == NULL)
    return;

  note = dd_note_dialog_get_note (GTK_WIDGET (dialog));
  ok = dd_cache_set_note (self->cache, row_ids, note, &error);
  marks_changed (self, row_ids, ok, error);
}

static void
present_dialog (DdWindow  *self,
                GtkWidget *dialog,
                GArray    *row_ids,
                GCallback  response_cb)
{
  g_object_set_data_full (G_OBJECT (dialog), "dd-row-ids",
                          g_array_ref (row_ids), (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", response_cb, self, 0);
  /* Answered either way: the table has the keys again. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (dd_window_focus_table), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hold_until_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) row_ids = dd_window_get_selected_row_ids (self);

  if (row_ids == NULL || self->cache == NULL)
    return;

  present_dialog (self, dd_hold_dialog_new (GTK_WINDOW (self), row_ids->len), row_ids,
                  G_CALLBACK (hold_response_cb));
}

/* The note of the order fills the field (several: the field starts empty). */
static void
note_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  g_autoptr(GArray) row_ids = dd_window_get_selected_row_ids (self);
  DdOrder *order = dd_order_detail_get_order (self->detail);
  DdMarks marks = DD_MARKS_INIT;

  if (row_ids == NULL || self->cache == NULL)
    return;

  if (order != NULL && row_ids->len == 1)
    dd_cache_get_marks (self->cache, dd_order_get_row_id (order), &marks, NULL);
  present_dialog (self, dd_note_dialog_new (GTK_WINDOW (self), row_ids->len, marks.note),
                  row_ids, G_CALLBACK (note_response_cb));
  dd_marks_clear (&marks);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              const char            *action_name,
              GVariant              *arguments)
{
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval,
                                                       keyval == GDK_KEY_H ? GDK_SHIFT_MASK : 0),
                               gtk_named_action_new (action_name));
  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
dd_window_marks_init (DdWindow *self)
{
  GtkEventController *controller;

  g_return_if_fail (DD_IS_WINDOW (self));

  /* On the table: the keys are the table's while it has the focus; they
   * run before the search's key capture on the list's scroller (both in
   * the bubble phase, the table first), so typing there marks rather than
   * searches. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_LOCAL);
  for (int flag = DD_FLAG_NONE; flag <= DD_FLAG_LAST; flag++)
    {
      add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_0 + flag,
                    "win.flag", g_variant_new_int32 (flag));
      add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_KP_0 + flag,
                    "win.flag", g_variant_new_int32 (flag));
    }
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_r, "win.approve", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_h, "win.hold", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_H, "win.hold-until", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_n, "win.note", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_j, "win.cursor-down", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_k, "win.cursor-up", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Return, "win.open-order", NULL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_KP_Enter, "win.open-order", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), controller);
}

void
dd_window_marks_class_init (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "win.flag", "i", flag_activated);
  gtk_widget_class_install_action (widget_class, "win.approve", NULL, review_activated);
  gtk_widget_class_install_action (widget_class, "win.hold", NULL, review_activated);
  gtk_widget_class_install_action (widget_class, "win.hold-until", NULL, hold_until_activated);
  gtk_widget_class_install_action (widget_class, "win.note", NULL, note_activated);
}
