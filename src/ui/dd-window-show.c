/* dd-window-show.c: showing an order or a view when asked from outside (a
 * notification's action)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-window-private.h"

/* GTK 4.8 has no gtk_column_view_scroll_to(): its list view child does. */
static void
scroll_to (DdWindow *self,
           guint     position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
}

/* Selects @row_id alone when the list has it; the selection shows it in
 * the detail pane. */
static gboolean
select_row (DdWindow *self,
            gint64    row_id)
{
  guint position = dd_order_list_find_row (self->orders, row_id);

  if (position == G_MAXUINT)
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  scroll_to (self, position);
  return TRUE;
}

/* After the window's own handler (connected first), which may select again
 * the order selected before the list changed. */
static void
orders_refreshed_cb (DdWindow    *self,
                     DdOrderList *orders)
{
  gint64 row_id = self->show_row_id;

  if (row_id == 0)
    return;

  /* Not there once the list has settled (a date range hides it): no more
   * waiting for it, or a later sync would select it out of the blue. */
  if (select_row (self, row_id) || !dd_order_list_is_busy (orders))
    self->show_row_id = 0;
}

/* Every account, @view, no search. FALSE when the list showed that
 * already (its query stays the same). */
static gboolean
show_everything (DdWindow *self,
                 DdView    view)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean changed = FALSE;

  if (dd_account_sidebar_get_selected_account (self->sidebar) != NULL)
    {
      dd_account_sidebar_set_selected_account (self->sidebar, NULL);
      changed = TRUE;
    }
  if (dd_view_list_get_view (self->view_list) != view)
    {
      dd_view_list_set_view (self->view_list, view);
      changed = TRUE;
    }
  if (dd_window_filter_clear_range (self))
    changed = TRUE;
  if (search != NULL && search[0] != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      /* At once: the search entry tells its change after a delay. */
      dd_window_update_query (self);
      changed = TRUE;
    }

  return changed;
}

void
dd_window_show_order (DdWindow *self,
                      gint64    row_id)
{
  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (row_id > 0);

  if (self->orders == NULL)
    return;

  self->show_row_id = 0;
  if (select_row (self, row_id))
    return;

  if (self->show_refreshed_id == 0)
    self->show_refreshed_id = g_signal_connect_object (self->orders, "refreshed",
                                                       G_CALLBACK (orders_refreshed_cb), self,
                                                       G_CONNECT_SWAPPED);
  self->show_row_id = row_id;
  /* A result comes even when the query stays the same (the order was
   * stored after the list's last refresh). */
  if (!show_everything (self, DD_VIEW_ALL))
    dd_order_list_queue_refresh (self->orders, NULL);
}

void
dd_window_show_needs_review (DdWindow *self)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->orders == NULL)
    return;

  self->show_row_id = 0;
  (void) show_everything (self, DD_VIEW_NEEDS_REVIEW);
}
