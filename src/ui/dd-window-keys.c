/* dd-window-keys.c: moving, opening and finding from the keyboard, and the
 * narrow window's pages
 *
 * While the order table has the focus: j and k move the cursor (and the
 * selection) down and up, as the arrows do; Enter opens the order (the
 * focus goes to the detail pane, or in a narrow window its page is shown).
 * Ctrl+F focuses the search; a printable character typed in the list
 * starts it (a key controller on the list's scroller, in the capture
 * phase, that leaves the table's own shortcuts alone: 0–6, r, h, H, n, j,
 * k stay marks and moves).
 * Escape in the search returns to the table (dd-window.c).
 *
 * A narrow window shows the list or the detail (AdwLeaflet folded); the
 * detail page then has a back button (win.back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-window-private.h"

static void
move_cursor (DdWindow *self,
             int       delta)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint cursor = dd_window_get_cursor (self);
  guint position;

  if (n_items == 0)
    return;

  if (cursor == G_MAXUINT)
    position = 0;
  else if (delta < 0)
    position = cursor > 0 ? cursor - 1 : 0;
  else
    position = MIN (cursor + 1, n_items - 1);

  dd_window_set_cursor (self, position);
}

static void
cursor_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_cursor (DD_WINDOW (widget), g_str_equal (action_name, "win.cursor-up") ? -1 : 1);
}

void
dd_window_open_order (DdWindow *self)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  if (dd_order_detail_get_order (self->detail) == NULL)
    return;

  if (adw_leaflet_get_folded (self->leaflet))
    {
      adw_leaflet_set_visible_child (self->leaflet, self->detail_page);
      gtk_widget_grab_focus (self->back_button);
    }
  else if (!gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->detail));
}

static void
open_order_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  dd_window_open_order (DD_WINDOW (widget));
}

/* Enter (or a double click) on a row. */
static void
table_activate_cb (DdWindow      *self,
                   guint          position,
                   GtkColumnView *column_view)
{
  g_autoptr(DdOrder) order = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  DdOrder *shown = dd_order_detail_get_order (self->detail);

  if (order == NULL)
    return;
  if (shown == NULL || dd_order_get_row_id (shown) != dd_order_get_row_id (order))
    dd_window_set_cursor (self, position);
  dd_window_open_order (self);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Folded: the list first (the detail when asked for); unfolded: both. */
static void
leaflet_folded_cb (DdWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", folded);
  if (folded)
    adw_leaflet_set_visible_child (leaflet, self->list_page);
}

/* A printable character typed in the list (after the table's shortcuts
 * passed it on) starts the search with it. */
static gboolean
list_key_pressed_cb (DdWindow              *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };
  int position;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isprint (c) || g_unichar_isspace (c))
    return GDK_EVENT_PROPAGATE;
  /* The table's shortcuts (dd-window-marks.c) win. */
  if ((c >= '0' && c <= '6') || strchr ("rhHnjk", (int) c) != NULL ||
      (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_6))
    return GDK_EVENT_PROPAGATE;
  if (gtk_widget_has_focus (GTK_WIDGET (self->search_entry)) ||
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (self)), GTK_WIDGET (self->search_entry)))
    return GDK_EVENT_PROPAGATE;

  g_unichar_to_utf8 (c, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  position = -1;
  gtk_editable_insert_text (GTK_EDITABLE (self->search_entry), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);

  return GDK_EVENT_STOP;
}

void
dd_window_keys_init (DdWindow *self)
{
  GtkEventController *controller;

  g_return_if_fail (DD_IS_WINDOW (self));

  g_signal_connect_object (self->column_view, "activate",
                           G_CALLBACK (table_activate_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  /* Before the rows see the key (they would keep it). */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (list_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->list_page, controller);
  leaflet_folded_cb (self, NULL, self->leaflet);
}

void
dd_window_keys_class_init (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_install_action (widget_class, "win.cursor-down", NULL, cursor_activated);
  gtk_widget_class_install_action (widget_class, "win.cursor-up", NULL, cursor_activated);
  gtk_widget_class_install_action (widget_class, "win.open-order", NULL, open_order_activated);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
}
