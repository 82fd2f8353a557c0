/* dd-date-range-button.h: the header bar's date range of the order list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-saved-views.h"

G_BEGIN_DECLS

#define DD_TYPE_DATE_RANGE_BUTTON (dd_date_range_button_get_type ())
G_DECLARE_FINAL_TYPE (DdDateRangeButton, dd_date_range_button, DD, DATE_RANGE_BUTTON, GtkWidget)

/* A button that says the range chosen ("All Dates", "Last 7 Days" …) and
 * opens a popover: Created or Modified, quick ranges, a first and a last
 * day (YYYY-MM-DD, both included), Clear. Emits "changed" when the user
 * chooses another range (not from set_range()). */
GtkWidget *dd_date_range_button_new       (void);
void       dd_date_range_button_get_range (DdDateRangeButton *self,
                                           DdDateRange       *range);
void       dd_date_range_button_set_range (DdDateRangeButton *self,
                                           const DdDateRange *range);

G_END_DECLS
