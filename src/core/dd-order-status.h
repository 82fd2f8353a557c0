/* dd-order-status.h: the canonical order status, and each platform's raw ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Canonical status shared by every platform. The platform's own status string
 * is always kept beside it (dd_order_get_raw_status()). Values are stored in
 * the cache: append only, never renumber. */
typedef enum
{
  DD_ORDER_STATUS_UNKNOWN    = 0, /* a status we do not know yet */
  DD_ORDER_STATUS_UNPAID     = 1, /* waiting for the buyer to pay */
  DD_ORDER_STATUS_TO_SHIP    = 2, /* paid (or cash on delivery), seller to ship */
  DD_ORDER_STATUS_SHIPPED    = 3, /* handed to the carrier (also partly shipped) */
  DD_ORDER_STATUS_COMPLETED  = 4, /* delivered / finished */
  DD_ORDER_STATUS_CLOSED     = 5, /* cancelled or closed before completion */
  DD_ORDER_STATUS_AFTER_SALE = 6, /* returned, refund or after-sale in progress */
  DD_ORDER_STATUS_FAILED     = 7, /* delivery failed */
} DdOrderStatus;

#define DD_ORDER_STATUS_LAST DD_ORDER_STATUS_FAILED

/* Taobao Taiwan's Order_Status values: unpaid, pending, ready_to_ship,
 * shipped, delivered, canceled, returned, failed. Unknown → UNKNOWN. */
DdOrderStatus  dd_order_status_from_tw    (const char    *raw);

/* Stable machine name ("unpaid", "to-ship" …), for CLI, CSV and JSON. */
const char    *dd_order_status_to_nick    (DdOrderStatus  status);
/* Inverse of dd_order_status_to_nick(); FALSE when unknown. */
gboolean       dd_order_status_from_nick  (const char    *nick,
                                           DdOrderStatus *status);

/* Translated label for people ("Unpaid", "To ship" …). */
const char    *dd_order_status_get_label  (DdOrderStatus  status);

G_END_DECLS
