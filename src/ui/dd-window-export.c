/* dd-window-export.c: exporting the view or the selection to CSV, and printing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-window-private.h"

void
dd_window_export_class_init (GtkWidgetClass *widget_class)
{
}

void
dd_window_export_init (DdWindow *self)
{
}

void
dd_window_export_dispose (DdWindow *self)
{
}
