/* dd-order-detail.h: the selected order, in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-client.h"
#include "dd-marks.h"
#include "dd-order.h"

G_BEGIN_DECLS

#define DD_TYPE_ORDER_DETAIL (dd_order_detail_get_type ())
G_DECLARE_FINAL_TYPE (DdOrderDetail, dd_order_detail, DD, ORDER_DETAIL, GtkWidget)

GtkWidget *dd_order_detail_new       (void);

/* Property "order" (DdOrder, nullable): NULL shows "No Order Selected". */
DdOrder   *dd_order_detail_get_order (DdOrderDetail *self);
void       dd_order_detail_set_order (DdOrderDetail *self,
                                      DdOrder       *order);

/* Property "account-name" (nullable): the name of the order's account, shown
 * beside its platform; the order's account id is shown when it is NULL. */
const char *dd_order_detail_get_account_name (DdOrderDetail *self);
void        dd_order_detail_set_account_name (DdOrderDetail *self,
                                              const char    *account_name);

/* The order's marks, as the window read them from the cache (the order
 * itself does not carry them); shown while the order is. */
void        dd_order_detail_set_marks        (DdOrderDetail *self,
                                              DdFlag         flag,
                                              DdReviewState  review);

/* The order's private note (NULL or "": none) and, while held, when the
 * hold is released (ms since the epoch; 0: held until changed). */
void        dd_order_detail_set_note         (DdOrderDetail *self,
                                              const char    *note);
void        dd_order_detail_set_release      (DdOrderDetail *self,
                                              gint64         release_ms);

/* The shown order's parcels and their traces (NULL hides them); a new
 * order hides them until set again. _set_logistics_message() shows a
 * "loading" row (@message NULL) or why they could not be read. */
void        dd_order_detail_set_logistics    (DdOrderDetail     *self,
                                              const DdLogistics *logistics);
void        dd_order_detail_set_logistics_message (DdOrderDetail *self,
                                                   const char    *message);

/* The list of the shown order's writes (the window makes it and keeps it
 * on the shown order) at the bottom of the pane, where it is its own
 * "History" group, shown while the list is; NULL removes it. */
void        dd_order_detail_set_history_widget (DdOrderDetail *self,
                                                GtkWidget     *history);

G_END_DECLS
