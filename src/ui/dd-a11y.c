/* dd-a11y.c: what GTK 4.8 leaves unnamed for a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-a11y.h"

/**
 * dd_a11y_name_column_headers:
 * @view: a column view, its columns added
 *
 * GTK 4.8 names no column header: a screen reader reads
 * "GtkColumnViewTitle". Each header (the view's first row) is labelled by
 * its title's label, so it follows the title (and its translation).
 */
void
dd_a11y_name_column_headers (GtkColumnView *view)
{
  GtkWidget *header;
  GtkWidget *title;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  header = gtk_widget_get_first_child (GTK_WIDGET (view));
  for (title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
       title != NULL;
       title = gtk_widget_get_next_sibling (title))
    {
      GtkWidget *label = gtk_widget_get_first_child (title);

      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (title),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                        -1);
    }
}

/**
 * dd_a11y_find_button:
 * @root: a widget
 * @css_class: (nullable): a style class the button has
 * @icon_name: (nullable): the button's icon
 *
 * The first button under @root (itself included, depth first) with
 * @css_class and @icon_name: a toolkit's own button that GTK 4.8 leaves
 * unnamed, for an accessible label of ours.
 *
 * Returns: (transfer none) (nullable): the button
 */
GtkWidget *
dd_a11y_find_button (GtkWidget  *root,
                     const char *css_class,
                     const char *icon_name)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (GTK_IS_BUTTON (root) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)) &&
      (icon_name == NULL || g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dd_a11y_find_button (child, css_class, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * dd_a11y_name_shortcuts_window:
 * @window: (nullable): the keyboard shortcuts window
 *
 * GTK 4.8's shortcuts window leaves its search button, an icon alone,
 * unnamed: it is named here. Call it before the window is shown.
 */
void
dd_a11y_name_shortcuts_window (GtkWidget *window)
{
  GtkWidget *search;

  if (window == NULL)
    return;
  g_return_if_fail (GTK_IS_WIDGET (window));

  search = dd_a11y_find_button (window, NULL, "edit-find-symbolic");
  if (search != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (search),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    /* Translators: the accessible name of the keyboard
                                     * shortcuts window's search button */
                                    C_("accessible", "Search Shortcuts"),
                                    -1);
}
