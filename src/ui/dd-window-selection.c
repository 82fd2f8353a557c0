/* dd-window-selection.c: the table's multi-selection and the order shown
 *
 * The table selects any number of orders (GtkMultiSelection): what marks,
 * export and print apply to. The detail pane shows one of them, the one
 * under the cursor. While the list changes under the selection (a search,
 * a sync, another sort), the selected rows are selected again by row id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-window-private.h"

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

/* Shows @order (NULL: none) in the detail pane. */
static void
show_order (DdWindow *self,
            DdOrder  *order)
{
  dd_order_detail_set_account_name (self->detail,
                                    order != NULL
                                      ? dd_window_lookup_account_name (self, dd_order_get_account_id (order))
                                      : NULL);
  dd_order_detail_set_order (self->detail, order);
  dd_window_marks_update_detail (self);
}

static gint64
shown_row_id (DdWindow *self)
{
  DdOrder *order = dd_order_detail_get_order (self->detail);

  return order != NULL ? dd_order_get_row_id (order) : 0;
}

static gint64
row_id_at (DdWindow *self,
           guint     position)
{
  return self->orders != NULL ? dd_order_list_get_row_id (self->orders, position) : 0;
}

/* The selected orders one by one from @position on, G_MAXUINT after the
 * last: a walk of the selection's bitset, without materialising anything. */
static guint
next_selected (GtkBitset *selected,
               guint      position)
{
  GtkBitsetIter iter;
  guint value;

  if (!gtk_bitset_iter_init_at (&iter, selected, position, &value))
    return G_MAXUINT;

  return value;
}

/* Before a result's changes are told, while the list still shows the old
 * rows. When a selected row is about to be removed (or removed and inserted
 * again), GtkMultiSelection would look for its item among every added one,
 * materialising them all (a million when the sort order changes): the
 * selection is emptied here instead and selected again by row id once the
 * list has settled ("refreshed"). The detail pane goes on showing its order
 * meanwhile. A large selection (beyond DD_ORDER_LIST_CACHE_SIZE rows) is
 * dropped rather than looked up again. */
static void
orders_changing_cb (DdWindow    *self,
                    DdOrderList *orders)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  gboolean removed = FALSE;
  gint64 shown = shown_row_id (self);

  if (n_selected == 0)
    return;
  for (guint pos = next_selected (selected, 0);
       pos != G_MAXUINT && !removed;
       pos = pos == G_MAXUINT - 1 ? G_MAXUINT : next_selected (selected, pos + 1))
    removed = dd_order_list_will_remove (orders, pos);
  if (!removed)
    return;

  if (self->reselect_row_id == 0)
    {
      self->reselect_row_id = shown;
      g_array_set_size (self->reselect_others, 0);
      if (n_selected <= DD_ORDER_LIST_CACHE_SIZE)
        for (guint pos = next_selected (selected, 0);
             pos != G_MAXUINT;
             pos = pos == G_MAXUINT - 1 ? G_MAXUINT : next_selected (selected, pos + 1))
          {
            gint64 row_id = row_id_at (self, pos);

            if (row_id != 0 && row_id != shown)
              g_array_append_val (self->reselect_others, row_id);
          }
    }
  self->reselecting = TRUE;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->reselecting = FALSE;
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

  dd_window_update_stack (self);
}

static gboolean focus_row_idle_cb (gpointer  data);
static gboolean focus_row         (DdWindow *self,
                                   guint     position);

static void
queue_focus_row (DdWindow *self,
                 guint     position)
{
  self->cursor_pending = position;
  if (self->cursor_idle == 0)
    self->cursor_idle = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, focus_row_idle_cb, self, NULL);
}

void
dd_window_focus_table (DdWindow *self)
{
  guint cursor;

  g_return_if_fail (DD_IS_WINDOW (self));

  cursor = dd_window_get_cursor (self);
  self->cursor_force = TRUE;
  if (cursor == G_MAXUINT || !focus_row (self, cursor))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  /* Rows being made anew (a refresh on its way) lose it again. */
  if (cursor != G_MAXUINT)
    queue_focus_row (self, cursor);
}

static void
refocus_cursor (DdWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint cursor;

  /* A changed row is made anew: when it had the focus (none has it now),
   * the cursor's row gets it back once laid out. */
  if ((focus != NULL && focus != GTK_WIDGET (self)) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    return;
  cursor = dd_window_get_cursor (self);
  if (cursor != G_MAXUINT)
    queue_focus_row (self, cursor);
}

static void
reselect (DdWindow    *self,
          DdOrderList *orders,
          gint64       row_id)
{
  guint position = dd_order_list_find_row (orders, row_id);

  if (position != G_MAXUINT)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
}

/* The list settled on a result: the orders selected before are selected
 * again when they are still there (a search that keeps them, a sync that
 * changed them), and the pane shows its order as it is now. */
static void
orders_refreshed_cb (DdWindow    *self,
                     DdOrderList *orders)
{
  gint64 row_id = self->reselect_row_id;
  guint position;

  dd_window_update_stack (self);
  /* Synced pages, a removed account: the counts follow the list. */
  dd_window_count_views (self);
  if (row_id == 0)
    {
      refocus_cursor (self);
      return;
    }

  self->reselect_row_id = 0;
  self->reselecting = TRUE;
  for (guint i = 0; i < self->reselect_others->len; i++)
    reselect (self, orders, g_array_index (self->reselect_others, gint64, i));
  g_array_set_size (self->reselect_others, 0);
  reselect (self, orders, row_id);
  self->reselecting = FALSE;

  position = dd_order_list_find_row (orders, row_id);
  if (position != G_MAXUINT)
    {
      g_autoptr(DdOrder) order = g_list_model_get_item (G_LIST_MODEL (orders), position);

      show_order (self, order);
    }
  else
    show_order (self, NULL);
  refocus_cursor (self);
}

static void
orders_loading_cb (DdWindow *self)
{
  dd_window_update_stack (self);
}

guint
dd_window_get_cursor (DdWindow *self)
{
  gint64 row_id;

  g_return_val_if_fail (DD_IS_WINDOW (self), G_MAXUINT);

  row_id = shown_row_id (self);
  if (row_id == 0 || self->orders == NULL)
    return G_MAXUINT;

  return dd_order_list_find_row (self->orders, row_id);
}

/* Which selected order the pane shows: the one a change just selected (a
 * click, an arrow, Shift+arrow, Ctrl+click: the row under the cursor);
 * when the change only unselected, the one shown stays while it is
 * selected, else the first selected one. */
static void
selection_changed_cb (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      DdWindow          *self)
{
  g_autoptr(GtkBitset) in_range = NULL;
  g_autoptr(GtkBitset) range = NULL;
  g_autoptr(GtkBitset) all = NULL;
  g_autoptr(DdOrder) order = NULL;
  guint pick = G_MAXUINT;

  g_assert (DD_IS_WINDOW (self));

  /* Unselected and selected again while the list changes: no flicker. */
  if (self->reselecting)
    return;

  /* The user picked another: the ones selected before are forgotten. */
  self->reselect_row_id = 0;
  g_array_set_size (self->reselect_others, 0);

  /* A copy: the model may hand out its own bitset. */
  all = gtk_selection_model_get_selection_in_range (selection, position, n_items);
  in_range = gtk_bitset_copy (all);
  g_clear_pointer (&all, gtk_bitset_unref);
  range = gtk_bitset_new_range (position, n_items);
  gtk_bitset_intersect (in_range, range);

  if (!gtk_bitset_is_empty (in_range))
    {
      guint first = gtk_bitset_get_minimum (in_range);
      guint last = gtk_bitset_get_maximum (in_range);

      /* Shift+Down from the shown row: the cursor is at the other end. */
      pick = first != last && row_id_at (self, first) == shown_row_id (self) ? last : first;
    }
  else
    {
      guint shown = dd_window_get_cursor (self);

      if (shown != G_MAXUINT && gtk_selection_model_is_selected (selection, shown))
        return;
      all = gtk_selection_model_get_selection (selection);
      if (!gtk_bitset_is_empty (all))
        pick = gtk_bitset_get_minimum (all);
    }

  if (pick != G_MAXUINT)
    order = g_list_model_get_item (G_LIST_MODEL (selection), pick);
  show_order (self, order);
}

GArray *
dd_window_get_selected_row_ids (DdWindow *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *row_ids;
  guint position;

  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    return NULL;

  row_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                               (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 row_id = row_id_at (self, position);

      if (row_id != 0)
        g_array_append_val (row_ids, row_id);
    }

  if (row_ids->len == 0)
    g_clear_pointer (&row_ids, g_array_unref);

  return row_ids;
}

/* The keyboard focus goes to the cursor's row (a row the list has not
 * made yet: once it is laid out), so the arrows go on from there. */
static gboolean
focus_row (DdWindow *self,
           guint     position)
{
  GtkWidget *row = dd_window_cells_find_row (self, position);

  return row != NULL && gtk_widget_grab_focus (row);
}

static gboolean
focus_row_idle_cb (gpointer data)
{
  DdWindow *self = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Unless the focus went elsewhere meanwhile (the search). */
  if (self->cursor_pending != G_MAXUINT &&
      (self->cursor_force || focus == NULL || focus == GTK_WIDGET (self) ||
       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view))))
    focus_row (self, self->cursor_pending);
  self->cursor_pending = G_MAXUINT;
  self->cursor_force = FALSE;
  self->cursor_idle = 0;

  return G_SOURCE_REMOVE;
}

void
dd_window_set_cursor (DdWindow *self,
                      guint     position)
{
  g_autoptr(DdOrder) order = NULL;
  GtkWidget *focus;
  gboolean in_table;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  focus = gtk_root_get_focus (GTK_ROOT (self));
  in_table = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view));

  /* Through the list view: it extends selections (Shift+arrows) from the
   * row it selected last. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.select-item", "(ubb)", position, FALSE, FALSE);
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  order = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (order != NULL && dd_order_get_row_id (order) != shown_row_id (self))
    show_order (self, order);

  if (!in_table || focus_row (self, position))
    return;

  /* Not made yet: scrolled to, then focused when laid out. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
  queue_focus_row (self, position);
}

void
dd_window_selection_init (DdWindow *self)
{
  g_return_if_fail (DD_IS_WINDOW (self));

  g_signal_connect_object (self->orders, "items-changed",
                           G_CALLBACK (items_changing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "items-changed",
                           G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->orders, "changing",
                           G_CALLBACK (orders_changing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "refreshed",
                           G_CALLBACK (orders_refreshed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::loading",
                           G_CALLBACK (orders_loading_cb), self, G_CONNECT_SWAPPED);
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->orders));
}

void
dd_window_selection_class_init (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
}
