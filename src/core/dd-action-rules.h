/* dd-action-rules.h: what each platform allows, in each order state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dd-order.h"
#include "dd-client.h"

G_BEGIN_DECLS

/* A write a person can ask for. Stored in the action log: append only,
 * never renumber. */
typedef enum
{
  DD_ACTION_CANCEL            = 0, /* cancel / close an unpaid order */
  DD_ACTION_PAY_BALANCE       = 1, /* pay from the account's balance */
  DD_ACTION_UPLOAD_VOUCHER    = 2, /* pay by uploading a payment voucher */
  DD_ACTION_PAY_URL           = 3, /* pay in the browser (1688) */
  DD_ACTION_CREATE_PURCHASE   = 4, /* create a purchase order (no order yet) */
  DD_ACTION_CANCEL_AFTER_SALE = 5, /* withdraw an after-sale (refund) request */
} DdAction;

#define DD_ACTION_LAST DD_ACTION_CANCEL_AFTER_SALE

/* Why an action is refused. Also the code of DD_ACTION_RULES_ERROR. */
typedef enum
{
  DD_ACTION_REFUSAL_NONE           = 0, /* allowed */
  DD_ACTION_REFUSAL_NOT_SUPPORTED  = 1, /* the platform has no such write */
  DD_ACTION_REFUSAL_NO_ORDER       = 2, /* the action needs an order, none was given */
  DD_ACTION_REFUSAL_STATUS_UNKNOWN = 3, /* refresh the order first */
  DD_ACTION_REFUSAL_ALREADY_PAID   = 4, /* paid (or further): refunds go through after-sale */
  DD_ACTION_REFUSAL_CLOSED         = 5, /* closed / cancelled already */
  DD_ACTION_REFUSAL_TOO_SOON       = 6, /* TOP: close only 10 s after creation */
  DD_ACTION_REFUSAL_NO_AFTER_SALE  = 7, /* an unpaid order has no after-sale request */
  DD_ACTION_REFUSAL_BUSY           = 8, /* another action on this order is running */
  DD_ACTION_REFUSAL_PENDING        = 9, /* the platform is still carrying out an earlier
                                         * change (dd_order_get_pending()): wait for it */
  DD_ACTION_REFUSAL_KEY_USED       = 10, /* the idempotency key belongs to another
                                          * account's or action's entry in the log */
  DD_ACTION_REFUSAL_AMOUNT_CHANGED = 11, /* a payment: the order's live total is not the
                                          * amount the person was shown (or is unknown) */
  DD_ACTION_REFUSAL_EARLIER_UNKNOWN = 12, /* an earlier attempt of the same action, whose
                                           * outcome is unknown, is still being checked */
} DdActionRefusal;

#define DD_ACTION_RULES_ERROR (dd_action_rules_error_quark ())
GQuark      dd_action_rules_error_quark (void);

/* TOP's taobao.trade.close fails with CLOSE_TRADE_TOO_FAST within this many
 * milliseconds of the trade's creation (API.md §1). */
#define DD_ACTION_RULES_TOP_CLOSE_DELAY_MS G_GINT64_CONSTANT (10000)

/* Translated label for people ("Cancel order", "Pay from balance" …).
 * (Also the action log's labels, dd-action-log.h.) */
const char *dd_action_rules_get_label   (DdAction action);

/* Whether @action may be asked for on @order (NULL allowed only for
 * DD_ACTION_CREATE_PURCHASE and DD_ACTION_CANCEL_AFTER_SALE) of a platform that can do @caps, at @now_ms
 * (UTC milliseconds since the epoch). A cancel or any payment is refused
 * while the platform is still carrying out an earlier change
 * (DD_ACTION_REFUSAL_PENDING). On refusal returns FALSE, sets
 * @refusal (may be NULL) and @error (DD_ACTION_RULES_ERROR, code = the
 * refusal, a translated sentence saying why and what to do). On success
 * @refusal is DD_ACTION_REFUSAL_NONE. Pure: no I/O. */
gboolean    dd_action_rules_check       (DdOrder              *order,
                                         DdClientCapabilities  caps,
                                         DdAction              action,
                                         gint64                now_ms,
                                         DdActionRefusal      *refusal,
                                         GError              **error);

/* Whether @platform carries @action out later than it answers, through an
 * in-between state (dd_order_get_pending(): PandaPon's cancel and payment
 * voucher). After a lost answer, an order read back unchanged then proves
 * nothing: the change may still come, so the outcome stays unknown rather
 * than "nothing was done". */
gboolean    dd_action_rules_may_be_pending (const char *platform,
                                            DdAction    action);

/* After our own attempt: did the write take effect? @platform_error is the
 * error the write ended with (NULL when the platform accepted it);
 * @read_back the order read back afterwards (NULL when none was read; for
 * DD_ACTION_CREATE_PURCHASE, the order found under our idempotency key).
 * A write the platform accepted is success (a pending cancel is then
 * polled by the caller). After an error, the order read back decides when
 * there is one ("already closed / paid" after our attempt is success, and
 * so is the platform still carrying it out: a cancel being processed, a
 * payment being checked, dd_order_get_pending());
 * without it, only a duplicate-idempotency-key refusal of a create
 * (TOP OUT_ORDER_ID_DUPLICATE, PandaPon 4091) counts. An after-sale
 * withdrawal that ended in an error is never decided by the order (its
 * status does not show the request): read the after-sale list again. */
gboolean    dd_action_rules_outcome_is_success (DdAction      action,
                                                const GError *platform_error,
                                                DdOrder      *read_back);

G_END_DECLS
