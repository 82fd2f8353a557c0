/* dd-window-detail.c: reading the shown order again, and what the detail pane loads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-window-private.h"

void
dd_window_detail_class_init (GtkWidgetClass *widget_class)
{
}

void
dd_window_detail_init (DdWindow *self)
{
}

void
dd_window_detail_dispose (DdWindow *self)
{
}
