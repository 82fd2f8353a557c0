/* dd-action-runner.c: one write to a platform, sent once, its outcome known
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps are those of dd-action-runner.h. One Run holds a write from
 * the guard's slot to the result; everything happens in the main context
 * of the caller of dd_action_runner_run_async() (the GTask's), and
 * "action-changed" is emitted in the context the runner was created in.
 * Reading back (the schedule, the after-sale list, reconciling entries
 * left unfinished) is in dd-action-runner-read.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-action-runner-private.h"
#include "dd-http.h"
#include "dd-platform-error.h"

#define DEFAULT_FIRST_DELAY_MS 1000
#define DEFAULT_MAX_DELAY_MS   8000
#define DEFAULT_GIVE_UP_MS     60000

G_DEFINE_FINAL_TYPE (DdActionRunner, dd_action_runner, G_TYPE_OBJECT)

enum {
  ACTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
dd_action_run_free (DdActionRun *run)
{
  if (run->give_up != NULL)
    {
      g_source_destroy (run->give_up);
      g_source_unref (run->give_up);
    }
  if (run->read_handler != 0)
    g_cancellable_disconnect (run->cancellable, run->read_handler);
  g_clear_object (&run->read_cancellable);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->client);
  g_free (run->account_id);
  g_free (run->order_id);
  g_free (run->slot);
  g_free (run->reason_id);
  g_free (run->remark);
  g_clear_pointer (&run->image, g_bytes_unref);
  g_free (run->content_type);
  g_free (run->filename);
  g_clear_pointer (&run->purchase, dd_purchase_request_free);
  g_free (run->refund_id);
  g_free (run->params);
  g_free (run->request_id);
  g_clear_object (&run->order);
  g_clear_object (&run->live);
  g_clear_error (&run->write_error);
  g_free (run->pay_url);
  g_clear_object (&run->created);
  g_free (run);
}

void
dd_action_result_free (DdActionResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->order);
  g_free (result->message);
  g_clear_error (&result->error);
  g_free (result->pay_url);
  g_free (result);
}

/* ---- copying the request -------------------------------------------------- */

static char *
dup_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* ---- signal, slot and ending ------------------------------------------------ */

typedef struct
{
  DdActionRunner *self;
  char           *account_id;
  char           *order_id;
} Changed;

static void
changed_free (Changed *changed)
{
  g_object_unref (changed->self);
  g_free (changed->account_id);
  g_free (changed->order_id);
  g_free (changed);
}

static gboolean
emit_changed_cb (gpointer data)
{
  Changed *changed = data;

  g_signal_emit (changed->self, signals[ACTION_CHANGED], 0, changed->account_id, changed->order_id);
  return G_SOURCE_REMOVE;
}

static void
emit_changed (DdActionRunner *self,
              DdActionRun    *run)
{
  Changed *changed = g_new0 (Changed, 1);

  changed->self = g_object_ref (self);
  changed->account_id = g_strdup (run->account_id);
  changed->order_id = g_strdup (run->slot);
  /* At once when we are in the runner's context, else queued there. */
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_changed_cb,
                              changed, (GDestroyNotify) changed_free);
}

gboolean
dd_action_run_take_slot (GTask   *task,
                         GError **error)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);

  if (!dd_action_guard_try_begin (self->guard, run->account_id, run->slot, run->action, error))
    return FALSE;

  run->holds_slot = TRUE;
  self->n_running++;
  emit_changed (self, run);
  return TRUE;
}

void
dd_action_run_release (GTask *task)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);

  if (run->give_up != NULL)
    g_source_destroy (run->give_up);

  if (!run->holds_slot)
    return;

  dd_action_guard_end (self->guard, run->account_id, run->slot);
  run->holds_slot = FALSE;
  g_assert (self->n_running > 0);
  self->n_running--;
  emit_changed (self, run);
}

/* Refused before sending: nothing logged, nothing sent. */
static void
fail (GTask  *task,
      GError *error /* (transfer full) */)
{
  dd_action_run_release (task);
  g_task_return_error (task, error);
  g_object_unref (task);
}

void
dd_action_run_finish (GTask         *task,
                      DdActionState  state,
                      const char    *message,
                      gboolean       can_retry,
                      gboolean       keep_log)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  DdActionResult *result = g_new0 (DdActionResult, 1);
  g_autoptr(GError) log_error = NULL;

  if (!keep_log &&
      !dd_action_log_finish (self->cache, run->log_id, state, message, run->request_id, &log_error))
    g_warning ("Could not finish action log entry %" G_GINT64_FORMAT ": %s",
               run->log_id, log_error->message);

  result->log_id = run->log_id;
  result->state = state;
  result->order = run->order != NULL ? g_object_ref (run->order) : NULL;
  result->message = g_strdup (message);
  result->error = run->write_error != NULL ? g_error_copy (run->write_error) : NULL;
  result->pay_url = g_strdup (run->pay_url);
  result->can_retry = can_retry;

  g_debug ("Action %s on %s/%s: %s", dd_action_to_nick (run->action), run->account_id,
           run->slot, dd_action_state_to_nick (state));

  dd_action_run_release (task);
  g_task_return_pointer (task, result, (GDestroyNotify) dd_action_result_free);
  g_object_unref (task);
}

/* ---- messages --------------------------------------------------------------- */

const char *
dd_action_run_done_message (DdAction action)
{
  switch (action)
    {
    case DD_ACTION_CANCEL:
      return _("The order was cancelled.");
    case DD_ACTION_PAY_BALANCE:
      return _("The order was paid from the account’s balance.");
    case DD_ACTION_UPLOAD_VOUCHER:
      return _("The payment voucher was uploaded. The platform checks it before the order shows as paid.");
    case DD_ACTION_PAY_URL:
      return _("Pay for the order on the page that opens in your browser.");
    case DD_ACTION_CREATE_PURCHASE:
      return _("The purchase order was created.");
    case DD_ACTION_CANCEL_AFTER_SALE:
      return _("The after-sale request was withdrawn.");
    default:
      g_assert_not_reached ();
    }
}

char *
dd_action_run_refused_message (DdActionRun *run)
{
  /* Translators: %s is the platform's error, already a sentence. */
  return g_strdup_printf (_("The platform refused it; nothing was done. %s"), run->write_error->message);
}

/* ---- sending ------------------------------------------------------------------ */

/* A reply that came back but could not be read (not JSON, the wrong shape,
 * too big) was still carried out by the platform: for a write it is as
 * unknown as a timeout. */
static gboolean
outcome_unknown (const GError *error)
{
  return dd_http_outcome_unknown (error) ||
         g_error_matches (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

static void
log_update (DdActionRunner *self,
            DdActionRun    *run,
            DdActionState   state,
            const char     *message)
{
  g_autoptr(GError) log_error = NULL;

  if (!dd_action_log_finish (self->cache, run->log_id, state, message, run->request_id, &log_error))
    g_warning ("Could not update action log entry %" G_GINT64_FORMAT ": %s",
               run->log_id, log_error->message);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  DdClient *client = run->client;
  GError *error = NULL;
  gboolean ok;

  run->outcome = DD_ACTION_DONE;
  switch (run->action)
    {
    case DD_ACTION_CANCEL:
      ok = dd_client_cancel_order_finish (client, result, &run->outcome, &error);
      break;
    case DD_ACTION_PAY_BALANCE:
      ok = dd_client_pay_order_finish (client, result, &run->outcome, &error);
      break;
    case DD_ACTION_UPLOAD_VOUCHER:
      ok = dd_client_upload_voucher_finish (client, result, &error);
      break;
    case DD_ACTION_PAY_URL:
      run->pay_url = dd_client_get_pay_url_finish (client, result, &error);
      ok = run->pay_url != NULL;
      break;
    case DD_ACTION_CREATE_PURCHASE:
      run->created = dd_client_create_purchase_finish (client, result, &error);
      ok = run->created != NULL;
      break;
    case DD_ACTION_CANCEL_AFTER_SALE:
      ok = dd_client_cancel_after_sale_finish (client, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* The read-backs are timed from here; the order as it was before the
   * write is no answer to what the write did. */
  dd_action_run_arm_give_up (task);
  g_clear_object (&run->order);

  if (ok)
    {
      if (run->created != NULL && dd_order_get_order_id (run->created) != NULL)
        {
          g_autoptr(GError) log_error = NULL;

          /* The entry belongs to the new order's history from now on. */
          if (!dd_action_log_set_order_id (self->cache, run->log_id,
                                           dd_order_get_order_id (run->created), &log_error))
            g_warning ("Could not note the purchase order in the action log: %s", log_error->message);
        }

      if (run->action == DD_ACTION_CANCEL && run->outcome == DD_ACTION_PENDING)
        {
          log_update (self, run, DD_ACTION_STATE_DONE,
                      _("The platform accepted the cancellation and closes the order shortly."));
          dd_action_run_poll_start (task, DD_ACTION_POLL_PENDING);
          return;
        }
      dd_action_run_read_once (task);
      return;
    }

  run->write_error = error;
  if (error->domain == DD_PLATFORM_ERROR)
    run->request_id = g_strdup (dd_platform_error_get_request_id (error));

  if (!outcome_unknown (error))
    {
      /* Refused: one read decides whether our earlier attempt did it. */
      if (run->action == DD_ACTION_CANCEL_AFTER_SALE)
        dd_action_run_read_after_sales (task);
      else
        dd_action_run_read_once (task);
      return;
    }

  /* Unknown: logged so before anything else, then read back. */
  run->unknown = TRUE;
  log_update (self, run, DD_ACTION_STATE_UNKNOWN,
              _("The platform’s answer was lost; checking the order."));

  switch (run->action)
    {
    case DD_ACTION_CREATE_PURCHASE:
      /* PandaPon's 1688 create has no field for our key (API.md §3): a
       * second attempt could not be recognised as the same order. */
      if (run->purchase->source == DD_PURCHASE_SOURCE_1688 &&
          g_strcmp0 (dd_client_get_platform (run->client), "pandapon") == 0)
        dd_action_run_finish (task, DD_ACTION_STATE_UNKNOWN,
                              _("The platform’s answer was lost, and a 1688 order carries no purchase order "
                                "number to recognise a second attempt by. Sync the account and look for the "
                                "order before creating it again."),
                              FALSE, FALSE);
      else
        dd_action_run_finish (task, DD_ACTION_STATE_UNKNOWN,
                              _("The platform’s answer was lost. Try again: the same purchase order number is sent, "
                                "so the order cannot be created twice."),
                              TRUE, FALSE);
      break;
    case DD_ACTION_CANCEL_AFTER_SALE:
      dd_action_run_read_after_sales (task);
      break;
    case DD_ACTION_PAY_URL:
      /* Fetching a payment page pays nothing. */
      dd_action_run_finish (task, DD_ACTION_STATE_FAILED,
                            _("The payment page could not be fetched. Try again."), TRUE, FALSE);
      break;
    default:
      dd_action_run_poll_start (task, DD_ACTION_POLL_UNKNOWN);
      break;
    }
}

static void
send_write (GTask *task)
{
  DdActionRun *run = g_task_get_task_data (task);

  g_debug ("Sending %s on %s/%s (log %" G_GINT64_FORMAT ")", dd_action_to_nick (run->action),
           run->account_id, run->slot, run->log_id);

  /* Never the caller's cancellable: a write in flight is not cancelled. */
  switch (run->action)
    {
    case DD_ACTION_CANCEL:
      dd_client_cancel_order_async (run->client, run->order_id, run->reason_id, run->remark,
                                    NULL, write_cb, task);
      break;
    case DD_ACTION_PAY_BALANCE:
      dd_client_pay_order_async (run->client, run->order_id, NULL, write_cb, task);
      break;
    case DD_ACTION_UPLOAD_VOUCHER:
      dd_client_upload_voucher_async (run->client, run->order_id, run->image, run->content_type,
                                      run->filename, NULL, write_cb, task);
      break;
    case DD_ACTION_PAY_URL:
      dd_client_get_pay_url_async (run->client, run->order_id, NULL, write_cb, task);
      break;
    case DD_ACTION_CREATE_PURCHASE:
      dd_client_create_purchase_async (run->client, run->purchase, NULL, write_cb, task);
      break;
    case DD_ACTION_CANCEL_AFTER_SALE:
      dd_client_cancel_after_sale_async (run->client, run->refund_id, NULL, write_cb, task);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The idempotency key is in the log already, and the entry is not one to
 * send again: either our earlier attempt created the order (a success: the
 * person is told it went through, nothing is sent), or the key belongs to
 * another account or action (refused). */
static void
key_used (GTask  *task,
          GError *begin_error /* (transfer full) */)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(DdActionRecord) record = NULL;
  g_autoptr(GError) error = begin_error;

  record = dd_action_log_find_key (self->cache, run->purchase->idempotency_key, NULL);
  if (record == NULL ||
      record->action != run->action ||
      g_strcmp0 (record->account_id, run->account_id) != 0 ||
      (record->state != DD_ACTION_STATE_DONE && record->state != DD_ACTION_STATE_CONFIRMED_BY_READ_BACK))
    {
      fail (task, g_error_new_literal (DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_KEY_USED,
                                       _("This purchase order number was already used for another action. "
                                         "Start a new purchase order to get a new number.")));
      return;
    }

  g_debug ("Purchase order %s was already created (log %" G_GINT64_FORMAT "): not sent again",
           run->purchase->idempotency_key, record->id);
  run->log_id = record->id;
  run->already_done = TRUE;
  if (record->order_id == NULL)
    {
      dd_action_run_finish (task, DD_ACTION_STATE_DONE, dd_action_run_already_done_message (), FALSE, TRUE);
      return;
    }

  /* The order it created, as it is now. */
  g_free (run->order_id);
  run->order_id = g_strdup (record->order_id);
  dd_action_run_read_once (task);
}

/* Logs the write, then sends it: once. */
static void
log_and_send (GTask *task)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  DdActionRecord record = { 0 };
  GError *error = NULL;

  record.account_id = run->account_id;
  record.order_id = run->order_id;
  record.action = run->action;
  record.params = run->params;
  record.idempotency_key = run->purchase != NULL ? run->purchase->idempotency_key : NULL;

  run->log_id = dd_action_log_begin (self->cache, &record, &error);
  if (run->log_id <= 0)
    {
      if (record.idempotency_key != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        key_used (task, error);
      else
        fail (task, error);
      return;
    }

  send_write (task);
}

/* The rules refused the write because the order is closed, paid, or being
 * changed already: when that is what an earlier attempt of ours asked for,
 * and its outcome was never known, the earlier attempt did it. Its entry is
 * finished "confirmed-by-read-back" and that is the result. */
static gboolean
confirm_earlier (GTask   *task,
                 DdOrder *order)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(GError) lost = g_error_new_literal (DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_TIMEOUT, "");
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRecord *earlier = NULL;

  if (!dd_action_rules_outcome_is_success (run->action, lost, order))
    return FALSE;

  unfinished = dd_action_log_unfinished (self->cache, run->account_id, &error);
  if (unfinished == NULL)
    {
      g_warning ("Could not read the unfinished actions: %s", error->message);
      return FALSE;
    }

  /* Oldest first: the newest attempt is the one to confirm. */
  for (guint i = unfinished->len; i > 0 && earlier == NULL; i--)
    {
      DdActionRecord *record = g_ptr_array_index (unfinished, i - 1);

      if (record->action == run->action && g_strcmp0 (record->order_id, run->order_id) == 0)
        earlier = record;
    }
  if (earlier == NULL)
    return FALSE;

  run->log_id = earlier->id;
  run->request_id = g_strdup (earlier->request_id);
  dd_action_run_finish (task, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK,
                        _("An earlier attempt, whose answer was lost, did it: the order read back shows it is done."),
                        FALSE, FALSE);
  return TRUE;
}

static gboolean
check_rules (GTask   *task,
             DdOrder *order)
{
  DdActionRun *run = g_task_get_task_data (task);
  DdActionRefusal refusal = DD_ACTION_REFUSAL_NONE;
  GError *error = NULL;

  if (dd_action_rules_check (order, dd_client_get_capabilities (run->client), run->action,
                             g_get_real_time () / 1000, &refusal, &error))
    return TRUE;

  if (order != NULL &&
      (refusal == DD_ACTION_REFUSAL_CLOSED || refusal == DD_ACTION_REFUSAL_ALREADY_PAID ||
       refusal == DD_ACTION_REFUSAL_PENDING) &&
      confirm_earlier (task, order))
    {
      g_error_free (error);
      return FALSE;
    }

  fail (task, error);
  return FALSE;
}

static gboolean
is_payment (DdAction action)
{
  return action == DD_ACTION_PAY_BALANCE || action == DD_ACTION_UPLOAD_VOUCHER ||
         action == DD_ACTION_PAY_URL;
}

/* A payment pays the amount the person saw, or nothing: sellers change the
 * price of unpaid orders, and one click must not pay a new amount. */
static gboolean
check_amount (GTask   *task,
              DdOrder *order)
{
  DdActionRun *run = g_task_get_task_data (task);
  const DdMoney *live = dd_order_get_total (order);
  g_autofree char *shown = NULL;
  g_autofree char *now = NULL;

  if (!is_payment (run->action))
    return TRUE;

  g_assert (run->has_expected_total);
  if (live->currency[0] != '\0' && dd_money_equal (live, &run->expected_total))
    return TRUE;

  g_debug ("Not paying %s: the order's total changed", run->order_id);
  if (live->currency[0] == '\0')
    {
      fail (task, g_error_new_literal (DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_AMOUNT_CHANGED,
                                       _("The platform does not show the order’s total now, so nothing was "
                                         "paid. Refresh the order and try again.")));
      return FALSE;
    }

  shown = dd_money_format (&run->expected_total);
  now = dd_money_format (live);
  fail (task, g_error_new (DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_AMOUNT_CHANGED,
                           /* Translators: the first %s is the order's new total ("¥130.00"),
                            * the second the amount shown before ("¥128.00"). */
                           _("The order’s total is now %s, not %s; nothing was paid. Check the new amount "
                             "and pay again if it is right."),
                           now, shown));
  return FALSE;
}

/* The order does not show this action's effect (the rules allow it). An
 * earlier attempt of ours whose outcome is unknown may still show it
 * shortly: while it is younger than the read-back give-up time, nothing is
 * sent; older, the order read back proves it was not done: it is finished
 * "failed" and this attempt is the only live one. */
static gboolean
check_earlier (GTask *task)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now_ms = g_get_real_time () / 1000;

  unfinished = dd_action_log_unfinished (self->cache, run->account_id, &error);
  if (unfinished == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return FALSE;
    }

  for (guint i = 0; i < unfinished->len; i++)
    {
      DdActionRecord *record = g_ptr_array_index (unfinished, i);

      if (record->action != run->action || g_strcmp0 (record->order_id, run->order_id) != 0)
        continue;

      if (now_ms - record->updated_ms < (gint64) self->give_up_ms)
        {
          fail (task, g_error_new_literal (DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_EARLIER_UNKNOWN,
                                           _("An earlier attempt is still being checked; its answer was "
                                             "lost. Wait a minute, refresh the order and try again if it "
                                             "was not done.")));
          return FALSE;
        }

      g_debug ("Earlier attempt %" G_GINT64_FORMAT " on %s was not done", record->id, run->order_id);
      if (!dd_action_log_finish (self->cache, record->id, DD_ACTION_STATE_FAILED,
                                 _("The order read back later shows it was not done."),
                                 record->request_id, &error))
        {
          fail (task, g_steal_pointer (&error));
          return FALSE;
        }
    }
  return TRUE;
}

static void
live_order_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  DdActionRun *run = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(DdOrder) order = dd_action_run_read_finish (task, result, &error);

  if (order == NULL)
    {
      fail (task, error);
      return;
    }

  g_set_object (&run->live, order);
  if (check_rules (task, order) && check_amount (task, order) && check_earlier (task))
    log_and_send (task);
}

/* ---- the object --------------------------------------------------------------- */

static void
dd_action_runner_dispose (GObject *object)
{
  DdActionRunner *self = DD_ACTION_RUNNER (object);

  g_clear_object (&self->cache);
  g_clear_object (&self->guard);

  G_OBJECT_CLASS (dd_action_runner_parent_class)->dispose (object);
}

static void
dd_action_runner_finalize (GObject *object)
{
  DdActionRunner *self = DD_ACTION_RUNNER (object);

  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (dd_action_runner_parent_class)->finalize (object);
}

static void
dd_action_runner_class_init (DdActionRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_action_runner_dispose;
  object_class->finalize = dd_action_runner_finalize;

  /**
   * DdActionRunner::action-changed:
   * @account_id: the account
   * @order_id: the order (a purchase order's idempotency key, an
   *   after-sale withdrawal's order or refund id)
   *
   * An action started or ended on the order. Emitted in the main context
   * the runner was created in.
   */
  signals[ACTION_CHANGED] =
    g_signal_new ("action-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
dd_action_runner_init (DdActionRunner *self)
{
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  self->give_up_ms = DEFAULT_GIVE_UP_MS;
  self->context = g_main_context_ref_thread_default ();
}

DdActionRunner *
dd_action_runner_new (DdCache       *cache,
                      DdActionGuard *guard)
{
  DdActionRunner *self;

  g_return_val_if_fail (DD_IS_CACHE (cache), NULL);
  g_return_val_if_fail (DD_IS_ACTION_GUARD (guard), NULL);

  self = g_object_new (DD_TYPE_ACTION_RUNNER, NULL);
  self->cache = g_object_ref (cache);
  self->guard = g_object_ref (guard);
  return self;
}

void
dd_action_runner_set_read_back (DdActionRunner *self,
                                guint           first_delay_ms,
                                guint           max_delay_ms,
                                guint           give_up_ms)
{
  g_return_if_fail (DD_IS_ACTION_RUNNER (self));

  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, first_delay_ms);
  self->give_up_ms = give_up_ms;
}

static gboolean
request_is_complete (const DdActionRequest *request)
{
  if (request->account_id == NULL || (guint) request->action > DD_ACTION_LAST)
    return FALSE;
  if (request->order_id != NULL && *request->order_id == '\0')
    return FALSE;

  switch (request->action)
    {
    case DD_ACTION_CANCEL:
      return request->order_id != NULL && request->reason_id != NULL;
    case DD_ACTION_UPLOAD_VOUCHER:
      return request->order_id != NULL && request->image != NULL && request->content_type != NULL &&
             request->expected_total != NULL;
    case DD_ACTION_CREATE_PURCHASE:
      return request->purchase != NULL && request->purchase->idempotency_key != NULL;
    case DD_ACTION_CANCEL_AFTER_SALE:
      return request->refund_id != NULL;
    case DD_ACTION_PAY_BALANCE:
    case DD_ACTION_PAY_URL:
      return request->order_id != NULL && request->expected_total != NULL;
    default:
      return request->order_id != NULL;
    }
}

void
dd_action_runner_run_async (DdActionRunner        *self,
                            DdClient              *client,
                            const DdActionRequest *request,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  GTask *task;
  DdActionRun *run;
  GError *error = NULL;

  g_return_if_fail (DD_IS_ACTION_RUNNER (self));
  g_return_if_fail (DD_IS_CLIENT (client));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request_is_complete (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_action_runner_run_async);
  /* A write that was sent always ends with a result, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);

  run = g_new0 (DdActionRun, 1);
  run->client = g_object_ref (client);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->action = request->action;
  run->account_id = g_strdup (request->account_id);
  run->order_id = g_strdup (request->order_id);
  run->reason_id = g_strdup (request->reason_id);
  run->remark = dup_or_null (request->remark);
  run->image = request->image != NULL ? g_bytes_ref (request->image) : NULL;
  run->content_type = g_strdup (request->content_type);
  run->filename = g_strdup (request->filename);
  run->purchase = request->purchase != NULL ? dd_purchase_request_copy (request->purchase) : NULL;
  run->params = dd_action_request_params_json (request);
  run->refund_id = g_strdup (request->refund_id);
  if (request->expected_total != NULL)
    {
      run->expected_total = *request->expected_total;
      run->has_expected_total = TRUE;
    }
  if (run->action == DD_ACTION_CREATE_PURCHASE)
    run->slot = g_strdup (run->purchase->idempotency_key);
  else if (run->action == DD_ACTION_CANCEL_AFTER_SALE && run->order_id == NULL)
    run->slot = g_strdup (run->refund_id);
  else
    run->slot = g_strdup (run->order_id);
  g_task_set_task_data (task, run, (GDestroyNotify) dd_action_run_free);

  /* 1. One action per order. */
  if (!dd_action_run_take_slot (task, &error))
    {
      fail (task, error);
      return;
    }

  /* 2. The live state decides; a purchase order and an after-sale
   * withdrawal have none to read. */
  if (run->action == DD_ACTION_CREATE_PURCHASE || run->action == DD_ACTION_CANCEL_AFTER_SALE)
    {
      if (check_rules (task, NULL))
        log_and_send (task);
      return;
    }

  dd_action_run_read_start (task, run->order_id, live_order_cb);
}

DdActionResult *
dd_action_runner_run_finish (DdActionRunner  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_action_runner_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

DdOrder *
dd_action_runner_dup_live_order (DdActionRunner *self,
                                 GAsyncResult   *result)
{
  DdActionRun *run;

  g_return_val_if_fail (DD_IS_ACTION_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_action_runner_run_async, NULL);

  run = g_task_get_task_data (G_TASK (result));
  return run->live != NULL ? g_object_ref (run->live) : NULL;
}

gboolean
dd_action_runner_is_running (DdActionRunner *self,
                             const char     *account_id,
                             const char     *order_id)
{
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);

  return dd_action_guard_is_running (self->guard, account_id, order_id, NULL);
}

guint
dd_action_runner_get_n_running (DdActionRunner *self)
{
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (self), 0);

  return self->n_running;
}

/* ---- reconciling an entry left unfinished --------------------------------------- */

void
dd_action_runner_resolve_async (DdActionRunner       *self,
                                DdClient             *client,
                                const DdActionRecord *record,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  GTask *task;
  DdActionRun *run;
  GError *error = NULL;

  g_return_if_fail (DD_IS_ACTION_RUNNER (self));
  g_return_if_fail (DD_IS_CLIENT (client));
  g_return_if_fail (record != NULL && record->id > 0 && record->account_id != NULL);
  g_return_if_fail (record->order_id != NULL && *record->order_id != '\0');
  g_return_if_fail ((guint) record->action <= DD_ACTION_LAST);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_action_runner_resolve_async);

  run = g_new0 (DdActionRun, 1);
  run->resolving = TRUE;
  run->client = g_object_ref (client);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->action = record->action;
  run->account_id = g_strdup (record->account_id);
  run->order_id = g_strdup (record->order_id);
  run->slot = g_strdup (record->order_id);
  run->log_id = record->id;
  run->resolved_state = record->state;
  run->request_id = g_strdup (record->request_id);
  g_task_set_task_data (task, run, (GDestroyNotify) dd_action_run_free);

  /* Not while the person acts on the order. */
  if (!dd_action_run_take_slot (task, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  dd_action_run_read_start (task, run->order_id, dd_action_run_resolve_cb);
}

gboolean
dd_action_runner_resolve_finish (DdActionRunner  *self,
                                 GAsyncResult    *result,
                                 DdActionState   *state,
                                 GError         **error)
{
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_action_runner_resolve_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (state != NULL)
    {
      DdActionRun *run = g_task_get_task_data (G_TASK (result));

      *state = run->resolved_state;
    }
  return TRUE;
}
