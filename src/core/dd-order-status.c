/* dd-order-status.c: the canonical order status, and each platform's raw ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-order-status.h"

typedef struct
{
  const char    *raw;
  DdOrderStatus  status;
} RawStatus;

/* Taobao Taiwan's Order_Status values (API.md §2). */
static const RawStatus tw_statuses[] = {
  { "unpaid",        DD_ORDER_STATUS_UNPAID },
  { "pending",       DD_ORDER_STATUS_TO_SHIP },
  { "ready_to_ship", DD_ORDER_STATUS_TO_SHIP },
  { "shipped",       DD_ORDER_STATUS_SHIPPED },
  { "delivered",     DD_ORDER_STATUS_COMPLETED },
  { "canceled",      DD_ORDER_STATUS_CLOSED },
  { "cancelled",     DD_ORDER_STATUS_CLOSED },
  { "returned",      DD_ORDER_STATUS_AFTER_SALE },
  { "failed",        DD_ORDER_STATUS_FAILED },
};

/* Indexed by DdOrderStatus. Stable: they are written to CSV and JSON. */
static const char * const nicks[] = {
  [DD_ORDER_STATUS_UNKNOWN]    = "unknown",
  [DD_ORDER_STATUS_UNPAID]     = "unpaid",
  [DD_ORDER_STATUS_TO_SHIP]    = "to-ship",
  [DD_ORDER_STATUS_SHIPPED]    = "shipped",
  [DD_ORDER_STATUS_COMPLETED]  = "completed",
  [DD_ORDER_STATUS_CLOSED]     = "closed",
  [DD_ORDER_STATUS_AFTER_SALE] = "after-sale",
  [DD_ORDER_STATUS_FAILED]     = "failed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (nicks) == DD_ORDER_STATUS_LAST + 1);

DdOrderStatus
dd_order_status_from_tw (const char *raw)
{
  if (raw == NULL)
    return DD_ORDER_STATUS_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (tw_statuses); i++)
    {
      if (strcmp (tw_statuses[i].raw, raw) == 0)
        return tw_statuses[i].status;
    }

  return DD_ORDER_STATUS_UNKNOWN;
}

const char *
dd_order_status_to_nick (DdOrderStatus status)
{
  if ((guint) status > DD_ORDER_STATUS_LAST)
    return nicks[DD_ORDER_STATUS_UNKNOWN];

  return nicks[status];
}

gboolean
dd_order_status_from_nick (const char    *nick,
                           DdOrderStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (nick == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      if (strcmp (nicks[i], nick) == 0)
        {
          *status = (DdOrderStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
dd_order_status_get_label (DdOrderStatus status)
{
  switch (status)
    {
    case DD_ORDER_STATUS_UNPAID:
      return C_("order status", "Unpaid");
    case DD_ORDER_STATUS_TO_SHIP:
      return C_("order status", "To ship");
    case DD_ORDER_STATUS_SHIPPED:
      return C_("order status", "Shipped");
    case DD_ORDER_STATUS_COMPLETED:
      return C_("order status", "Completed");
    case DD_ORDER_STATUS_CLOSED:
      return C_("order status", "Closed");
    case DD_ORDER_STATUS_AFTER_SALE:
      return C_("order status", "After-sale");
    case DD_ORDER_STATUS_FAILED:
      return C_("order status", "Delivery failed");
    case DD_ORDER_STATUS_UNKNOWN:
    default:
      return C_("order status", "Unknown");
    }
}
