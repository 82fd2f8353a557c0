/* dd-a11y.h: what GTK 4.8 leaves unnamed for a screen reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       dd_a11y_name_column_headers (GtkColumnView *view);
GtkWidget *dd_a11y_find_button         (GtkWidget     *root,
                                        const char    *css_class,
                                        const char    *icon_name);
void       dd_a11y_name_shortcuts_window (GtkWidget   *window);

G_END_DECLS
