/* dd-order-line-row.h: one line of an order in the detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-order-line.h"

G_BEGIN_DECLS

#define DD_TYPE_ORDER_LINE_ROW (dd_order_line_row_get_type ())
G_DECLARE_FINAL_TYPE (DdOrderLineRow, dd_order_line_row, DD, ORDER_LINE_ROW, GtkListBoxRow)

GtkWidget   *dd_order_line_row_new      (DdOrderLine    *line);

/* Property "line" (DdOrderLine, nullable). */
DdOrderLine *dd_order_line_row_get_line (DdOrderLineRow *self);
void         dd_order_line_row_set_line (DdOrderLineRow *self,
                                         DdOrderLine    *line);

G_END_DECLS
