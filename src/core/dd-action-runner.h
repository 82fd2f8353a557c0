/* dd-action-runner.h: one write to a platform, sent once, its outcome known
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write of every platform (cancel, pay from balance, payment voucher,
 * 1688 pay URL, purchase order, after-sale withdrawal) goes through
 * dd_action_runner_run_async(), which in order:
 *   1. takes the order's slot in the DdActionGuard (one action per order;
 *      a purchase order's slot is its idempotency key);
 *   2. reads the order again from its platform (dd_order_refresh: the
 *      cache gets the live state) and checks dd_action_rules_check() on it
 *      (a purchase order and an after-sale withdrawal have no order to
 *      read: their rules are checked without one). When the rules refuse
 *      because the order is closed, paid or being changed already
 *      (DD_ACTION_REFUSAL_CLOSED, _ALREADY_PAID, _PENDING), the order shows
 *      this action's effect, and the log holds a "sending" or "unknown"
 *      entry of the same account, order and action (our own earlier attempt,
 *      its answer lost), that entry is finished "confirmed-by-read-back" and
 *      is the result: nothing is sent. A payment (pay from balance, voucher,
 *      pay URL) is refused (DD_ACTION_REFUSAL_AMOUNT_CHANGED, the message
 *      names the live amount) when the live total differs from the
 *      request's expected_total, in amount or currency, or is unknown: one
 *      click never pays an amount the person did not see. When the rules
 *      allow the write (the order does not show its effect) and the log
 *      holds a "sending" or "unknown" entry of the same account, order and
 *      action: updated less than the read-back give-up time ago, the write
 *      is refused (DD_ACTION_REFUSAL_EARLIER_UNKNOWN: still being checked);
 *      older, that entry is finished "failed" (the order read back shows it
 *      was not done) and the write goes on, the only live attempt. These
 *      refusals log and send nothing;
 *   3. logs the write, durably, "sending" (dd_action_log_begin(); a purchase
 *      order's idempotency key is in the entry; a retry with the same key
 *      reuses the entry). A key whose entry is already "done" or
 *      "confirmed-by-read-back" is not sent again: the result is DONE, with
 *      that entry's id and the order it created read back (the person is told
 *      it went through); a key used by another account or action is refused
 *      (DD_ACTION_REFUSAL_KEY_USED);
 *   4. sends it, exactly once: a write is never re-sent by the runner;
 *   5. decides the outcome. Every read after the write is timed from the
 *      write's end (its answer or the loss of it): at least one read is
 *      made, and the read in flight at the give-up is stopped.
 *      - accepted (DD_ACTION_DONE): "done"; the order is read back once so
 *        the cache and the UI show its true state; a DD_ACTION_PENDING
 *        cancel (PandaPon) is read back on the backoff schedule until the
 *        order is closed ("confirmed-by-read-back"), else stays "done". A
 *        created purchase order's id is set on its entry
 *        (dd_action_log_set_order_id()): it is in that order's history;
 *      - refused by the platform: the order is read back once; when it
 *        shows the effect anyway (closed / paid / being closed / payment
 *        under review, by our earlier attempt),
 *        dd_action_rules_outcome_is_success() makes it
 *        "confirmed-by-read-back", else "failed", nothing applied. An
 *        after-sale withdrawal reads the after-sale list instead: withdrawn
 *        is "confirmed-by-read-back";
 *      - unknown (dd_http_outcome_unknown(): a timeout, a reset; and any
 *        reply that came back but could not be read, DD_PLATFORM_ERROR_
 *        BAD_RESPONSE: the platform did process it): logged "unknown", then
 *        the order is read back on the backoff schedule until it shows the
 *        effect ("confirmed-by-read-back") or the schedule ends with the
 *        order unchanged: "failed" (nothing was applied, the person may try
 *        again), except where the platform carries the action out later
 *        (dd_action_rules_may_be_pending(): PandaPon's cancel and voucher),
 *        which stays "unknown". A read back that fails too leaves the entry
 *        "unknown" (found again by dd_action_log_unfinished(), reconciled by
 *        dd_action_runner_resolve_async() at the next start). A purchase
 *        order has no order to read: its unknown outcome stays "unknown" and
 *        the person may retry with the same idempotency key, which the
 *        platform answers with the order the first attempt created. An
 *        after-sale withdrawal reads the after-sale list once: withdrawn is
 *        "confirmed-by-read-back", still open is "failed" (may retry), not
 *        found stays "unknown". Fetching a 1688 pay URL pays nothing: its
 *        unknown outcome is "failed" (may retry);
 *   6. finishes the log entry, with the result and the request id, and
 *      releases the guard. Known gap: the request id is only known from a
 *      platform error (dd_platform_error_get_request_id()); the clients do
 *      not return the request id of an accepted write.
 */
#pragma once

#include <gio/gio.h>

#include "dd-action-guard.h"
#include "dd-action-log.h"
#include "dd-cache.h"
#include "dd-client.h"

G_BEGIN_DECLS

/* What to run. Strings and objects are borrowed for the call (copied by
 * dd_action_runner_run_async()). */
typedef struct
{
  DdAction                 action;
  const char              *account_id;    /* required */
  const char              *order_id;      /* the order; NULL for a purchase order */
  /* DD_ACTION_CANCEL: one of dd_client_get_cancel_reasons() (required), a remark (nullable) */
  const char              *reason_id;
  const char              *remark;
  /* DD_ACTION_UPLOAD_VOUCHER: the picture, its type and file name */
  GBytes                  *image;
  const char              *content_type;
  const char              *filename;
  /* DD_ACTION_CREATE_PURCHASE: the order to create, its idempotency key set */
  const DdPurchaseRequest *purchase;
  /* DD_ACTION_CANCEL_AFTER_SALE: the after-sale case */
  const char              *refund_id;
  /* DD_ACTION_PAY_BALANCE, DD_ACTION_UPLOAD_VOUCHER, DD_ACTION_PAY_URL: the
   * amount the person was shown and agreed to pay (required); NULL for the
   * other actions */
  const DdMoney           *expected_total;
} DdActionRequest;

/* How it ended. */
typedef struct
{
  gint64         log_id;    /* the action log entry */
  DdActionState  state;     /* DONE, FAILED, CONFIRMED_BY_READ_BACK or UNKNOWN */
  DdOrder       *order;     /* the order as read back after the write (row id set); NULL
                             * when no read after the write succeeded (never the order
                             * as it was before the write) */
  char          *message;   /* translated, for people: what happened and what to do */
  GError        *error;     /* the platform's error when it refused, or the unknown outcome; NULL */
  char          *pay_url;   /* DD_ACTION_PAY_URL: the page to open in the browser; NULL */
  gboolean       can_retry; /* nothing was applied (or a purchase order's outcome is
                             * unknown): the person may ask again */
} DdActionResult;

void dd_action_result_free (DdActionResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdActionResult, dd_action_result_free)

#define DD_TYPE_ACTION_RUNNER (dd_action_runner_get_type ())
G_DECLARE_FINAL_TYPE (DdActionRunner, dd_action_runner, DD, ACTION_RUNNER, GObject)

/* One runner per application, sharing the application's cache and guard. */
DdActionRunner *dd_action_runner_new            (DdCache        *cache,
                                                 DdActionGuard  *guard) G_GNUC_WARN_UNUSED_RESULT;

/* The read-back schedule after an unknown outcome or a pending cancel: the
 * first read after @first_delay_ms, each next one after twice the delay
 * (at most @max_delay_ms), giving up once @give_up_ms have passed since the
 * write. Defaults: 1000, 8000, 60000. Tests shorten it. */
void            dd_action_runner_set_read_back  (DdActionRunner *self,
                                                 guint           first_delay_ms,
                                                 guint           max_delay_ms,
                                                 guint           give_up_ms);

/* Runs @request through @client (the account's client). Fails (with
 * DD_ACTION_RULES_ERROR and its refusal as code, a translated message)
 * when the write is refused before it is sent: busy, not allowed in the
 * order's live state, a payment whose live total is not @request's
 * expected_total, an earlier attempt still being checked, an idempotency
 * key of another entry; or with the
 * read's own error when the order could not be read again, or the log's
 * when the entry could not be written (the slot is free again). A write that was sent always finishes with a result,
 * whatever the platform answered. Cancelling @cancellable stops the
 * read-backs (the entry stays as it is); it never cancels a write in
 * flight. */
void            dd_action_runner_run_async      (DdActionRunner        *self,
                                                 DdClient              *client,
                                                 const DdActionRequest *request,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
DdActionResult *dd_action_runner_run_finish     (DdActionRunner        *self,
                                                 GAsyncResult          *result,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* The order as the run read it live before the write (step 2), or NULL
 * when it read none: after a refusal (DD_ACTION_REFUSAL_AMOUNT_CHANGED:
 * the total to show now) the caller finds the live state here. @result is
 * the one given to dd_action_runner_run_async()'s callback. */
DdOrder        *dd_action_runner_dup_live_order (DdActionRunner        *self,
                                                 GAsyncResult          *result) G_GNUC_WARN_UNUSED_RESULT;

/* Whether a write runs on the order (for the UI's sensitivity). */
gboolean        dd_action_runner_is_running     (DdActionRunner        *self,
                                                 const char            *account_id,
                                                 const char            *order_id);

/* The number of actions (and reconciliations) running: the application
 * stays alive while it is not 0 (g_application_hold()). */
guint           dd_action_runner_get_n_running  (DdActionRunner        *self);

/* Reconciles @record, an entry dd_action_log_unfinished() found ("sending"
 * or "unknown", with an order id) after Dingdan stopped before knowing its
 * outcome: reads the order back ONCE through @client (the account's) and,
 * when it shows the effect (dd_action_rules_outcome_is_success()),
 * finishes the entry "confirmed-by-read-back"; else leaves it as it is.
 * Never sends anything. Holds the order's slot while it reads (fails with
 * DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_BUSY, when an action runs on
 * it; counted by dd_action_runner_get_n_running()); fails with the read's
 * error when the order could not be read. @state: the entry's state
 * afterwards. */
void            dd_action_runner_resolve_async  (DdActionRunner        *self,
                                                 DdClient              *client,
                                                 const DdActionRecord  *record,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean        dd_action_runner_resolve_finish (DdActionRunner        *self,
                                                 GAsyncResult          *result,
                                                 DdActionState         *state,
                                                 GError               **error);

/* Emitted (main context of the runner's creation) when an action starts
 * and when it ends: "action-changed" (account_id, order_id). The window
 * updates the order's buttons and history. */

G_END_DECLS
