/* dd-action-rules.c: what each platform allows, in each order state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-action-rules.h"
#include "dd-platform-error.h"

G_DEFINE_QUARK (dd-action-rules-error-quark, dd_action_rules_error)

static const char * const action_labels[] = {
  /* Translators: the name of an action in the action log and its history */
  [DD_ACTION_CANCEL]            = N_("Cancel order"),
  [DD_ACTION_PAY_BALANCE]       = N_("Pay from balance"),
  [DD_ACTION_UPLOAD_VOUCHER]    = N_("Upload payment voucher"),
  [DD_ACTION_PAY_URL]           = N_("Pay in the browser"),
  [DD_ACTION_CREATE_PURCHASE]   = N_("Create purchase order"),
  [DD_ACTION_CANCEL_AFTER_SALE] = N_("Withdraw after-sale request"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_labels) == DD_ACTION_LAST + 1);

const char *
dd_action_rules_get_label (DdAction action)
{
  g_return_val_if_fail ((guint) action <= DD_ACTION_LAST, NULL);

  return _(action_labels[action]);
}

static DdClientCapabilities
action_capability (DdAction action)
{
  switch (action)
    {
    case DD_ACTION_CANCEL:            return DD_CLIENT_CAN_CANCEL;
    case DD_ACTION_PAY_BALANCE:       return DD_CLIENT_CAN_PAY;
    case DD_ACTION_UPLOAD_VOUCHER:    return DD_CLIENT_CAN_UPLOAD_VOUCHER;
    case DD_ACTION_PAY_URL:           return DD_CLIENT_CAN_PAY_URL;
    case DD_ACTION_CREATE_PURCHASE:   return DD_CLIENT_CAN_CREATE_PURCHASE;
    case DD_ACTION_CANCEL_AFTER_SALE: return DD_CLIENT_CAN_AFTER_SALE;
    default:                          g_assert_not_reached ();
    }
}

static gboolean
status_is_paid (DdOrderStatus status)
{
  switch (status)
    {
    case DD_ORDER_STATUS_TO_SHIP:
    case DD_ORDER_STATUS_SHIPPED:
    case DD_ORDER_STATUS_COMPLETED:
    case DD_ORDER_STATUS_AFTER_SALE:
    case DD_ORDER_STATUS_FAILED:
      return TRUE;
    case DD_ORDER_STATUS_UNKNOWN:
    case DD_ORDER_STATUS_UNPAID:
    case DD_ORDER_STATUS_CLOSED:
    default:
      return FALSE;
    }
}

static gboolean
refuse (DdActionRefusal   code,
        DdActionRefusal  *refusal,
        GError          **error,
        char             *message /* (transfer full) */)
{
  if (refusal != NULL)
    *refusal = code;
  g_set_error_literal (error, DD_ACTION_RULES_ERROR, code, message);
  g_free (message);

  return FALSE;
}

/* Where a paid order's money goes back: after-sale where the platform has
 * it, otherwise the buyer's refund request on the platform. */
static char *
paid_message (DdAction             action,
              DdClientCapabilities caps)
{
  /* Whole sentences, not joined: translations differ in how sentences meet. */
  if (action != DD_ACTION_CANCEL)
    return g_strdup (_("This order is already paid."));

  if (caps & DD_CLIENT_CAN_AFTER_SALE)
    return g_strdup (_("This order is already paid, so it can no longer be cancelled. "
                       "Refunds of a paid order go through an after-sale request."));

  return g_strdup (_("This order is already paid, so it can no longer be cancelled. "
                     "Refunds of a paid order are handled by the buyer’s refund request on the platform."));
}

static gboolean
check_top_close_delay (DdOrder          *order,
                       gint64            now_ms,
                       DdActionRefusal  *refusal,
                       GError          **error)
{
  GDateTime *created = dd_order_get_created (order);
  gint64 created_ms;
  gint64 elapsed_ms;
  gint64 wait_s;
  char *message;

  /* API.md: taobao.trade.close fails with CLOSE_TRADE_TOO_FAST within 10 s
   * of creation. It says nothing of a delay after a previous write, nor of
   * procurement (top-pc) cancels; an unknown creation time is left to the
   * platform (its error is mapped in dd-error-table.c). */
  if (created == NULL)
    return TRUE;

  created_ms = g_date_time_to_unix (created) * 1000 +
               g_date_time_get_microsecond (created) / 1000;
  elapsed_ms = now_ms - created_ms;
  if (elapsed_ms >= DD_ACTION_RULES_TOP_CLOSE_DELAY_MS)
    return TRUE;

  elapsed_ms = MAX (elapsed_ms, 0);
  wait_s = (DD_ACTION_RULES_TOP_CLOSE_DELAY_MS - elapsed_ms + 999) / 1000;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %d is a number of seconds (1 to 10). */
                                          "Taobao closes an order only 10 seconds after it was created. Wait %d more second, then try again.",
                                          "Taobao closes an order only 10 seconds after it was created. Wait %d more seconds, then try again.",
                                          (gulong) wait_s),
                             (int) wait_s);

  return refuse (DD_ACTION_REFUSAL_TOO_SOON, refusal, error, message);
}

gboolean
dd_action_rules_check (DdOrder              *order,
                       DdClientCapabilities  caps,
                       DdAction              action,
                       gint64                now_ms,
                       DdActionRefusal      *refusal,
                       GError              **error)
{
  DdOrderStatus status;

  g_return_val_if_fail (order == NULL || DD_IS_ORDER (order), FALSE);
  g_return_val_if_fail ((guint) action <= DD_ACTION_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refusal != NULL)
    *refusal = DD_ACTION_REFUSAL_NONE;

  if ((caps & action_capability (action)) == 0)
    return refuse (DD_ACTION_REFUSAL_NOT_SUPPORTED, refusal, error,
                   g_strdup_printf (
                     /* Translators: %s is an action such as "Cancel order". */
                     _("This platform does not allow “%s” from Dingdan."),
                     dd_action_rules_get_label (action)));

  /* A purchase order does not exist yet; an after-sale request is named by
   * its own id (its state is in the after-sale list, not in the order). */
  if (action == DD_ACTION_CREATE_PURCHASE ||
      (action == DD_ACTION_CANCEL_AFTER_SALE && order == NULL))
    return TRUE;

  if (order == NULL)
    return refuse (DD_ACTION_REFUSAL_NO_ORDER, refusal, error,
                   g_strdup (_("Choose an order first.")));

  status = dd_order_get_status (order);

  if (status == DD_ORDER_STATUS_UNKNOWN)
    return refuse (DD_ACTION_REFUSAL_STATUS_UNKNOWN, refusal, error,
                   g_strdup (_("The status of this order is not known. Refresh the order, then try again.")));

  if (action != DD_ACTION_CANCEL_AFTER_SALE && status != DD_ORDER_STATUS_CLOSED &&
      !status_is_paid (status))
    {
      switch (dd_order_get_pending (order))
        {
        case DD_ORDER_PENDING_PAYMENT_REVIEW:
          return refuse (DD_ACTION_REFUSAL_PENDING, refusal, error,
                         g_strdup (_("The platform is checking a payment voucher of this order. "
                                     "Wait for its answer before paying again or cancelling.")));
        case DD_ORDER_PENDING_CANCELLING:
          return refuse (DD_ACTION_REFUSAL_PENDING, refusal, error,
                         g_strdup (_("The platform is already cancelling this order. "
                                     "Refresh it in a moment to see it closed.")));
        case DD_ORDER_PENDING_NONE:
        default:
          break;
        }
    }

  switch (action)
    {
    case DD_ACTION_CANCEL:
      if (status == DD_ORDER_STATUS_CLOSED)
        return refuse (DD_ACTION_REFUSAL_CLOSED, refusal, error,
                       g_strdup (_("This order is already closed.")));
      if (status_is_paid (status))
        return refuse (DD_ACTION_REFUSAL_ALREADY_PAID, refusal, error,
                       paid_message (action, caps));
      if (g_strcmp0 (dd_order_get_platform (order), DD_PLATFORM_TOP) == 0)
        return check_top_close_delay (order, now_ms, refusal, error);
      return TRUE;

    case DD_ACTION_PAY_BALANCE:
    case DD_ACTION_UPLOAD_VOUCHER:
    case DD_ACTION_PAY_URL:
      if (status == DD_ORDER_STATUS_CLOSED)
        return refuse (DD_ACTION_REFUSAL_CLOSED, refusal, error,
                       g_strdup (_("This order is closed and can no longer be paid.")));
      if (status_is_paid (status))
        return refuse (DD_ACTION_REFUSAL_ALREADY_PAID, refusal, error,
                       paid_message (action, caps));
      return TRUE;

    case DD_ACTION_CANCEL_AFTER_SALE:
      /* Only a paid order can have one; PandaPon's order status never says
       * "after-sale", so the request's own state is left to the platform. */
      if (status == DD_ORDER_STATUS_UNPAID)
        return refuse (DD_ACTION_REFUSAL_NO_AFTER_SALE, refusal, error,
                       g_strdup (_("This order is not paid yet, so it has no after-sale request to withdraw.")));
      return TRUE;

    case DD_ACTION_CREATE_PURCHASE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_duplicate_create (const GError *error)
{
  const char *code;

  if (!g_error_matches (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT))
    return FALSE;

  code = dd_platform_error_get_platform_code (error);

  /* The rows of dd-error-table.c that say "already has an order under
   * this number": our idempotency key was used, by our earlier attempt. */
  return g_strcmp0 (code, "OUT_ORDER_ID_DUPLICATE") == 0 ||
         g_strcmp0 (code, "4091") == 0;
}

gboolean
dd_action_rules_may_be_pending (const char *platform,
                                DdAction    action)
{
  g_return_val_if_fail ((guint) action <= DD_ACTION_LAST, FALSE);

  /* A payment from the balance is carried out at once (PAID or not). */
  return g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0 &&
         (action == DD_ACTION_CANCEL || action == DD_ACTION_UPLOAD_VOUCHER);
}

gboolean
dd_action_rules_outcome_is_success (DdAction      action,
                                    const GError *platform_error,
                                    DdOrder      *read_back)
{
  DdOrderStatus status;

  g_return_val_if_fail ((guint) action <= DD_ACTION_LAST, FALSE);
  g_return_val_if_fail (read_back == NULL || DD_IS_ORDER (read_back), FALSE);

  if (platform_error == NULL)
    return TRUE;

  if (read_back == NULL)
    return action == DD_ACTION_CREATE_PURCHASE && is_duplicate_create (platform_error);

  status = dd_order_get_status (read_back);

  switch (action)
    {
    case DD_ACTION_CANCEL:
      return status == DD_ORDER_STATUS_CLOSED ||
             dd_order_get_pending (read_back) == DD_ORDER_PENDING_CANCELLING;
    case DD_ACTION_PAY_BALANCE:
    case DD_ACTION_UPLOAD_VOUCHER:
    case DD_ACTION_PAY_URL:
      return status_is_paid (status) ||
             dd_order_get_pending (read_back) == DD_ORDER_PENDING_PAYMENT_REVIEW;
    case DD_ACTION_CREATE_PURCHASE:
      /* Found under our idempotency key: the create took effect. */
      return TRUE;
    case DD_ACTION_CANCEL_AFTER_SALE:
      /* The order does not show the request's state: read the after-sale
       * list again instead. */
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}
