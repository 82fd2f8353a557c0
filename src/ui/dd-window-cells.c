/* dd-window-cells.c: the cells of the window's order table
 *
 * The hot path: one plain GtkLabel per cell, its text set on bind. The
 * factories are in dd-window.ui; their handlers are here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-ui-format.h"
#include "dd-window-private.h"

static void
setup_label (GtkListItem        *list_item,
             float               xalign,
             gboolean            numeric,
             PangoEllipsizeMode  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), ellipsize);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  /* Which row a cell is (dd_window_cells_find_row()); the item owns it. */
  g_object_set_data (G_OBJECT (label), "dd-list-item", list_item);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               DdWindow                 *self)
{
  setup_label (list_item, 0.0, FALSE, PANGO_ELLIPSIZE_END);
}

static void
setup_id_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             DdWindow                 *self)
{
  setup_label (list_item, 0.0, TRUE, PANGO_ELLIPSIZE_END);
}

/* Order ids run to 19 digits (TOP): when the column is narrow both ends
 * stay readable, the detail pane shows the whole id. */
static void
setup_order_id_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   DdWindow                 *self)
{
  setup_label (list_item, 0.0, TRUE, PANGO_ELLIPSIZE_MIDDLE);
}

static void
setup_amount_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 DdWindow                 *self)
{
  setup_label (list_item, 1.0, TRUE, PANGO_ELLIPSIZE_END);
}

static inline void
set_cell_text (GtkListItem *list_item,
               const char  *text)
{
  /* Clipped: a 1 MB buyer name would make the row slow (issue H). */
  g_autofree char *clipped = dd_ui_clip_text (text);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), clipped);
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
bind_account_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);

  set_cell_text (list_item, dd_window_lookup_account_name (self, dd_order_get_account_id (order)));
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

/* The flag as a coloured word (read as it is shown); nothing for none. One
 * look-up of the order's marks by key per bound row. */
static void
bind_flag_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              DdWindow                 *self)
{
  DdOrder *order = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  DdMarks marks = DD_MARKS_INIT;
  g_autofree char *css_class = NULL;
  const char *classes[3] = { "dd-flag", NULL, NULL };

  if (self->cache != NULL)
    dd_cache_get_marks (self->cache, dd_order_get_row_id (order), &marks, NULL);

  if (marks.flag != DD_FLAG_NONE)
    {
      css_class = g_strconcat ("dd-flag-", dd_flag_to_nick (marks.flag), NULL);
      classes[1] = css_class;
    }
  gtk_widget_set_css_classes (label, classes);
  set_cell_text (list_item, marks.flag != DD_FLAG_NONE ? dd_flag_get_label (marks.flag) : NULL);
  dd_marks_clear (&marks);
}

GtkWidget *
dd_window_cells_find_row (DdWindow *self,
                          guint     position)
{
  GtkWidget *list_view = NULL;

  g_return_val_if_fail (DD_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL && list_view == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      list_view = child;
  if (list_view == NULL)
    return NULL;

  /* Rows hold cells, cells hold the labels of setup_label(). */
  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *label = cell != NULL ? gtk_widget_get_first_child (cell) : NULL;
      GtkListItem *item = label != NULL ? g_object_get_data (G_OBJECT (label), "dd-list-item") : NULL;

      if (item != NULL && gtk_widget_get_child_visible (row) &&
          gtk_list_item_get_item (item) != NULL &&
          gtk_list_item_get_position (item) == position)
        return row;
    }

  return NULL;
}

void
dd_window_cells_bind_callbacks (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_id_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_order_id_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_amount_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_order_id_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_created_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_account_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_buyer_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_total_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_payment_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_flag_cb);
}
