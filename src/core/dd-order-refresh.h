/* dd-order-refresh.h: reading one order again from its platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-client.h"

G_BEGIN_DECLS

/* Reads @order_id of @account_id again through @client (get_order) and
 * stores it in @cache as a sync page would (by account and order id, so the
 * row id is kept), without touching the account's sync cursor. The order
 * comes back with its row id and account set; @changed_rowids (out,
 * optional) are the rows stored. On any error (offline, banned, a reply that
 * does not parse) nothing in the cache changes. */
void     dd_order_refresh_async  (DdClient            *client,
                                  DdCache             *cache,
                                  const char          *account_id,
                                  const char          *order_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
DdOrder *dd_order_refresh_finish (GAsyncResult        *result,
                                  GArray             **changed_rowids,
                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* What the order's platform says of an after-sale (refund, return) case,
 * in its own words ("SUCCESS", "WAIT_SELLER_AGREE", …): the first
 * refund_status / return_status / refundStatus / afterSaleStatus in the raw
 * JSON that is not a "no refund" value. NULL when there is none. */
char    *dd_order_get_after_sale_state (DdOrder *order) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
