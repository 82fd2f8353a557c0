/* dd-window-private.h: what the window's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-window.h"

G_BEGIN_DECLS

/* The name of the account @account_id, or the id itself when the account
 * has no name or is not known (any more). Never NULL; "" for a NULL id. */
const char *dd_window_lookup_account_name  (DdWindow       *self,
                                            const char     *account_id);

/* dd-window-cells.c: binds the order table's setup and bind handlers that
 * dd-window.ui names. */
void        dd_window_cells_bind_callbacks (GtkWidgetClass *widget_class);

G_END_DECLS
