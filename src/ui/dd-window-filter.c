/* dd-window-filter.c: the list's date range, sort and saved views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-window-private.h"

void
dd_window_filter_class_init (GtkWidgetClass *widget_class)
{
}

void
dd_window_filter_init (DdWindow *self)
{
}

void
dd_window_filter_dispose (DdWindow *self)
{
}

void
dd_window_filter_apply (DdWindow *self,
                        DdQuery  *query)
{
}
