/* dd-action-runner-read.c: reading back what a write did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every read after a write goes through dd_action_run_read_start(): its
 * own cancellable, cancelled by the caller's cancellable and by the
 * give-up timer, which starts when the write's answer (or its loss) came.
 * So a read in flight never keeps the order busy past the give-up, and a
 * slow write never leaves the schedule without a read: the first read is
 * always made.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-action-runner-private.h"
#include "dd-order-refresh.h"
#include "dd-platform-error.h"

/* ---- one read ----------------------------------------------------------------- */

static void
chain_cancel_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
read_begin (GTask *task)
{
  DdActionRun *run = g_task_get_task_data (task);

  g_assert (run->read_cancellable == NULL);
  run->read_cancellable = g_cancellable_new ();
  if (run->cancellable != NULL)
    run->read_handler = g_cancellable_connect (run->cancellable, G_CALLBACK (chain_cancel_cb),
                                               g_object_ref (run->read_cancellable),
                                               g_object_unref);
  run->n_reads++;
}

static void
read_end (GTask *task)
{
  DdActionRun *run = g_task_get_task_data (task);

  if (run->read_handler != 0)
    g_cancellable_disconnect (run->cancellable, run->read_handler);
  run->read_handler = 0;
  g_clear_object (&run->read_cancellable);
}

void
dd_action_run_read_start (GTask              *task,
                          const char         *order_id,
                          GAsyncReadyCallback callback)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);

  read_begin (task);
  dd_order_refresh_async (run->client, self->cache, run->account_id, order_id,
                          run->read_cancellable, callback, task);
}

DdOrder *
dd_action_run_read_finish (GTask         *task,
                           GAsyncResult  *result,
                           GError       **error)
{
  DdActionRun *run = g_task_get_task_data (task);
  GError *local_error = NULL;
  DdOrder *order;

  read_end (task);
  order = dd_order_refresh_finish (result, NULL, &local_error);

  /* A read stopped (by the person or at give-up) says nothing of the order. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    run->last_read_ok = order != NULL;
  if (order != NULL)
    g_set_object (&run->order, order);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return order;
}

static gboolean
give_up_cb (gpointer user_data)
{
  GTask *task = user_data;
  DdActionRun *run = g_task_get_task_data (task);

  g_debug ("Giving up reading %s back", run->slot);
  run->gave_up = TRUE;
  if (run->read_cancellable != NULL)
    g_cancellable_cancel (run->read_cancellable);
  return G_SOURCE_REMOVE;
}

void
dd_action_run_arm_give_up (GTask *task)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);

  g_assert (run->give_up == NULL);
  run->written_us = g_get_monotonic_time ();
  run->give_up = g_timeout_source_new (self->give_up_ms);
  g_source_set_name (run->give_up, "[dingdan] action read-back give-up");
  g_source_set_callback (run->give_up, give_up_cb, task, NULL);
  g_source_attach (run->give_up, g_task_get_context (task));
}

/* ---- after an accepted write or a refusal: one read ------------------------------ */

const char *
dd_action_run_already_done_message (void)
{
  return _("An earlier attempt already created this purchase order; it was not sent again.");
}

static void
read_once_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_action_run_read_finish (task, result, &error);

  if (error != NULL)
    g_debug ("Reading %s back failed: %s", run->order_id, error->message);

  if (run->already_done)
    {
      dd_action_run_finish (task, DD_ACTION_STATE_DONE, dd_action_run_already_done_message (),
                            FALSE, TRUE);
      return;
    }

  if (run->write_error == NULL)
    {
      dd_action_run_finish (task, DD_ACTION_STATE_DONE, dd_action_run_done_message (run->action),
                            FALSE, FALSE);
      return;
    }

  if (order != NULL && dd_action_rules_outcome_is_success (run->action, run->write_error, order))
    dd_action_run_finish (task, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK,
                          _("The platform answered with an error, but the order read back shows it is done."),
                          FALSE, FALSE);
  else
    {
      g_autofree char *message = dd_action_run_refused_message (run);

      dd_action_run_finish (task, DD_ACTION_STATE_FAILED, message, TRUE, FALSE);
    }
}

void
dd_action_run_read_once (GTask *task)
{
  DdActionRun *run = g_task_get_task_data (task);
  const char *order_id;

  if (run->action == DD_ACTION_CREATE_PURCHASE && !run->already_done)
    order_id = run->created != NULL ? dd_order_get_order_id (run->created) : NULL;
  else
    order_id = run->order_id;

  if (order_id == NULL || run->action == DD_ACTION_PAY_URL)
    {
      /* Nothing to read: the platform's word decides (a duplicate
       * idempotency key says our earlier attempt created the order). */
      if (run->write_error == NULL)
        dd_action_run_finish (task, DD_ACTION_STATE_DONE, dd_action_run_done_message (run->action),
                              FALSE, FALSE);
      else if (dd_action_rules_outcome_is_success (run->action, run->write_error, NULL))
        dd_action_run_finish (task, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK,
                              _("An earlier attempt already created this purchase order; it was not created twice."),
                              FALSE, FALSE);
      else
        {
          g_autofree char *message = dd_action_run_refused_message (run);

          dd_action_run_finish (task, DD_ACTION_STATE_FAILED, message, TRUE, FALSE);
        }
      return;
    }

  dd_action_run_read_start (task, order_id, read_once_cb);
}

/* ---- after a lost answer or a pending cancel: the schedule ------------------------- */

static void poll_next (GTask *task);

static void
poll_end (GTask    *task,
          gboolean  cancelled)
{
  DdActionRun *run = g_task_get_task_data (task);
  const char *platform;

  if (run->mode == DD_ACTION_POLL_PENDING)
    {
      /* Logged "done" before polling: it stays so. */
      dd_action_run_finish (task, DD_ACTION_STATE_DONE,
                            _("The platform accepted the cancellation and closes the order shortly."),
                            FALSE, TRUE);
      return;
    }

  platform = run->order != NULL ? dd_order_get_platform (run->order) : dd_client_get_platform (run->client);

  if (cancelled)
    dd_action_run_finish (task, DD_ACTION_STATE_UNKNOWN,
                          _("Checking the order was stopped, so whether it was done is not known. "
                            "Refresh the order before trying again."),
                          FALSE, TRUE);
  else if (run->last_read_ok && dd_action_rules_may_be_pending (platform, run->action))
    /* Unchanged so far proves nothing where the platform carries it out
     * later: never offer to send it again. */
    dd_action_run_finish (task, DD_ACTION_STATE_UNKNOWN,
                          _("The platform’s answer was lost, and the order read back does not show it yet. "
                            "The platform may still carry it out: refresh the order later before trying again."),
                          FALSE, FALSE);
  else if (run->last_read_ok)
    dd_action_run_finish (task, DD_ACTION_STATE_FAILED,
                          _("The platform’s answer was lost, and the order read back is unchanged: nothing was done. "
                            "You can try again."),
                          TRUE, FALSE);
  else
    dd_action_run_finish (task, DD_ACTION_STATE_UNKNOWN,
                          _("The platform’s answer was lost and the order could not be read back. "
                            "Refresh the order to see whether it was done before trying again."),
                          FALSE, FALSE);
}

static gboolean
caller_cancelled (DdActionRun *run)
{
  return run->cancellable != NULL && g_cancellable_is_cancelled (run->cancellable);
}

static void
poll_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_action_run_read_finish (task, result, &error);
  gboolean shows_effect;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped by the person, or at give-up. */
      poll_end (task, caller_cancelled (run));
      return;
    }
  if (error != NULL)
    g_debug ("Reading %s back failed: %s", run->order_id, error->message);

  if (order == NULL)
    shows_effect = FALSE;
  else if (run->mode == DD_ACTION_POLL_PENDING)
    shows_effect = dd_order_get_status (order) == DD_ORDER_STATUS_CLOSED;
  else
    shows_effect = dd_action_rules_outcome_is_success (run->action, run->write_error, order);

  if (shows_effect)
    {
      dd_action_run_finish (task, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK,
                            run->mode == DD_ACTION_POLL_PENDING
                              ? dd_action_run_done_message (run->action)
                              : _("The platform’s answer was lost, but the order read back shows it was done."),
                            FALSE, FALSE);
      return;
    }

  poll_next (task);
}

static gboolean
poll_wait_cb (gpointer user_data)
{
  GTask *task = user_data;
  DdActionRun *run = g_task_get_task_data (task);

  if (caller_cancelled (run))
    {
      poll_end (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  if (run->gave_up && run->n_reads > 0)
    {
      poll_end (task, FALSE);
      return G_SOURCE_REMOVE;
    }

  dd_action_run_read_start (task, run->order_id, poll_read_cb);
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_source_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  /* The parent (the wait) is dispatched too, and sees the cancellation. */
  return G_SOURCE_CONTINUE;
}

/* Waits for the next read on the schedule, or ends it (never before the
 * first read). */
static void
poll_next (GTask *task)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  gint64 elapsed_ms = (g_get_monotonic_time () - run->written_us) / 1000;
  gint64 remaining_ms = MAX ((gint64) self->give_up_ms - elapsed_ms, 0);
  guint wait_ms;
  GSource *source;

  if (run->n_reads > 0 && (run->gave_up || remaining_ms == 0))
    {
      poll_end (task, FALSE);
      return;
    }

  wait_ms = (guint) MIN ((gint64) run->delay_ms, remaining_ms);
  run->delay_ms = MIN (run->delay_ms * 2, MAX (self->max_delay_ms, 1));

  source = g_timeout_source_new (wait_ms);
  g_source_set_name (source, "[dingdan] action read-back");
  g_source_set_callback (source, poll_wait_cb, task, NULL);
  if (run->cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (run->cancellable);

      g_source_set_callback (cancelled, G_SOURCE_FUNC (cancelled_source_cb), NULL, NULL);
      g_source_add_child_source (source, cancelled);
    }
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

void
dd_action_run_poll_start (GTask            *task,
                          DdActionPollMode  mode)
{
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);

  run->mode = mode;
  run->delay_ms = MAX (self->first_delay_ms, 1);
  run->last_read_ok = FALSE;
  poll_next (task);
}

/* ---- an after-sale withdrawal: the after-sale list --------------------------------- */

#define AFTER_SALE_MAX_PAGES 20

/* The platform's words for a request that is no longer open because it
 * was withdrawn (PandaPon: REFUND_CLOSED). */
static gboolean
after_sale_is_withdrawn (const char *status)
{
  g_autofree char *upper = status != NULL ? g_ascii_strup (status, -1) : NULL;

  return upper != NULL &&
         (strstr (upper, "CLOSE") != NULL || strstr (upper, "CANCEL") != NULL ||
          strstr (upper, "WITHDRAW") != NULL);
}

static void
after_sale_end (GTask      *task,
                const char *status,
                gboolean    read_ok)
{
  DdActionRun *run = g_task_get_task_data (task);

  if (status != NULL && after_sale_is_withdrawn (status))
    {
      dd_action_run_finish (task, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK,
                            run->unknown
                              ? _("The platform’s answer was lost, but the after-sale request read back is withdrawn.")
                              : _("The platform answered with an error, but the after-sale request read back is withdrawn."),
                            FALSE, FALSE);
    }
  else if (!run->unknown)
    {
      g_autofree char *message = dd_action_run_refused_message (run);

      dd_action_run_finish (task, DD_ACTION_STATE_FAILED, message, TRUE, FALSE);
    }
  else if (status != NULL)
    {
      /* Translators: %s is the platform's own word for the request's state. */
      g_autofree char *message = g_strdup_printf (_("The platform’s answer was lost, and the after-sale request "
                                                    "read back is still open (%s): nothing was done. You can try again."),
                                                  status);

      dd_action_run_finish (task, DD_ACTION_STATE_FAILED, message, TRUE, FALSE);
    }
  else
    dd_action_run_finish (task, DD_ACTION_STATE_UNKNOWN,
                          read_ok
                            ? _("The platform’s answer was lost, and the after-sale request was not found. "
                                "Refresh the after-sale requests to see whether it was withdrawn.")
                            : _("The platform’s answer was lost. Refresh the after-sale requests to see whether it was withdrawn."),
                          FALSE, FALSE);
}

static void read_after_sale_page (GTask *task);

static void
after_sales_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAfterSalePage) page = NULL;
  guint page_size = MAX (dd_client_get_max_page_size (run->client), 1);

  read_end (task);
  page = dd_client_list_after_sales_finish (run->client, result, &error);
  if (page == NULL)
    {
      g_debug ("Reading the after-sale requests failed: %s", error->message);
      after_sale_end (task, NULL, FALSE);
      return;
    }

  for (guint i = 0; i < page->cases->len; i++)
    {
      DdAfterSale *after_sale = g_ptr_array_index (page->cases, i);

      if (g_strcmp0 (after_sale->refund_id, run->refund_id) == 0)
        {
          after_sale_end (task, after_sale->status != NULL ? after_sale->status : "", TRUE);
          return;
        }
    }

  if (page->cases->len > 0 && !run->gave_up && run->after_sale_page < AFTER_SALE_MAX_PAGES &&
      (guint64) run->after_sale_page * page_size < page->total_count)
    read_after_sale_page (task);
  else
    after_sale_end (task, NULL, TRUE);
}

static void
read_after_sale_page (GTask *task)
{
  DdActionRun *run = g_task_get_task_data (task);

  run->after_sale_page++;
  read_begin (task);
  dd_client_list_after_sales_async (run->client, run->after_sale_page,
                                    MAX (dd_client_get_max_page_size (run->client), 1),
                                    run->read_cancellable, after_sales_cb, task);
}

void
dd_action_run_read_after_sales (GTask *task)
{
  DdActionRun *run = g_task_get_task_data (task);

  /* The order's status does not show the request: the list does. */
  run->after_sale_page = 0;
  read_after_sale_page (task);
}

/* ---- reconciling an entry left unfinished ------------------------------------------ */

void
dd_action_run_resolve_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GTask *task = user_data;
  DdActionRunner *self = g_task_get_source_object (task);
  DdActionRun *run = g_task_get_task_data (task);
  g_autoptr(GError) lost = g_error_new_literal (DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_TIMEOUT, "");
  GError *error = NULL;
  g_autoptr(DdOrder) order = dd_action_run_read_finish (task, result, &error);

  if (order == NULL)
    {
      dd_action_run_release (task);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  /* Read, never sent again: only a change the order shows decides. */
  if (dd_action_rules_outcome_is_success (run->action, lost, order))
    {
      if (dd_action_log_finish (self->cache, run->log_id, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK,
                                _("Checked when Dingdan started: the order read back shows it was done."),
                                run->request_id, &error))
        run->resolved_state = DD_ACTION_STATE_CONFIRMED_BY_READ_BACK;
      else
        {
          dd_action_run_release (task);
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
    }

  g_debug ("Action log entry %" G_GINT64_FORMAT " (%s on %s/%s) checked: %s", run->log_id,
           dd_action_to_nick (run->action), run->account_id, run->order_id,
           dd_action_state_to_nick (run->resolved_state));
  dd_action_run_release (task);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}
