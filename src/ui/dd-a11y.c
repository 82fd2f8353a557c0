/* dd-a11y.c: what GTK 4.8 leaves unnamed for a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
