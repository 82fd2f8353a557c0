/* dd-window-actions.c: the window's writes on the shown order (cancel, pay)
 *
 * win.cancel-order and win.pay-order act on the order the detail pane
 * shows, through its account's client and the application's action
 * runner. Each is enabled when the client can do it and the rules
 * (dd_action_rules_check()) allow it on the order as the cache has it,
 * and never while a write runs on the order (the runner's
 * "action-changed"). A paid order keeps Cancel enabled: pressing it
 * explains why it cannot be cancelled (refunds go through after-sale)
 * and sends nothing. When a dialog's run ends, the order's row, the pane
 * and its history are read again from the cache. A payment the pay
 * dialog saw done in the browser ("order-paid") is read again from the
 * platform into the cache first (dd_order_refresh_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-action-history.h"
#include "dd-action-rules.h"
#include "dd-application.h"
#include "dd-cancel-dialog.h"
#include "dd-order-refresh.h"
#include "dd-pay-dialog.h"
#include "dd-window-private.h"

typedef struct
{
  DdActionRunner *runner;      /* the application's; NULL without a cache */
  gulong          changed_id;  /* its "action-changed" handler */
  GtkWidget      *history;     /* in the detail pane (owned by it) */
  char           *history_account_id; /* what the history shows */
  char           *history_order_id;
  GCancellable   *cancellable; /* reads of orders paid in the browser */
} Actions;

static Actions *
get_actions (DdWindow *self)
{
  return self->actions;
}

static void action_changed_cb (DdActionRunner *runner,
                               const char     *account_id,
                               const char     *order_id,
                               DdWindow       *self);

/* The application's runner, once the window has its application (set
 * after the window's construction). */
static DdActionRunner *
get_runner (DdWindow *self)
{
  Actions *actions = get_actions (self);
  GtkApplication *app;

  if (actions == NULL)
    return NULL;
  if (actions->runner != NULL || self->cache == NULL)
    return actions->runner;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (DD_IS_APPLICATION (app) && dd_application_get_action_runner (DD_APPLICATION (app)) != NULL)
    {
      actions->runner = g_object_ref (dd_application_get_action_runner (DD_APPLICATION (app)));
      actions->changed_id = g_signal_connect_object (actions->runner, "action-changed",
                                                     G_CALLBACK (action_changed_cb), self, 0);
    }

  return actions->runner;
}

/* The shown order's account's client, or NULL. */
static DdClient *
shown_client (DdWindow  *self,
              DdOrder  **order_out)
{
  DdOrder *order = self->detail != NULL ? dd_order_detail_get_order (self->detail) : NULL;
  DdAccount *account;

  if (order_out != NULL)
    *order_out = order;
  if (order == NULL)
    return NULL;

  account = dd_window_lookup_account (self, dd_order_get_account_id (order));

  return account != NULL ? dd_account_get_client (account) : NULL;
}

static gboolean
is_running (DdWindow *self,
            DdOrder  *order)
{
  DdActionRunner *runner = get_runner (self);

  return runner != NULL && order != NULL &&
         dd_action_runner_is_running (runner, dd_order_get_account_id (order),
                                      dd_order_get_order_id (order));
}

/* The ways to pay, as actions, with the capability each needs. */
static const DdAction pay_actions[] = {
  DD_ACTION_PAY_BALANCE,
  DD_ACTION_UPLOAD_VOUCHER,
  DD_ACTION_PAY_URL,
};

static DdClientCapabilities
pay_capability (DdAction action)
{
  switch (action)
    {
    case DD_ACTION_PAY_BALANCE:
      return DD_CLIENT_CAN_PAY;
    case DD_ACTION_UPLOAD_VOUCHER:
      return DD_CLIENT_CAN_UPLOAD_VOUCHER;
    case DD_ACTION_PAY_URL:
      return DD_CLIENT_CAN_PAY_URL;
    case DD_ACTION_CANCEL:
    case DD_ACTION_CREATE_PURCHASE:
    case DD_ACTION_CANCEL_AFTER_SALE:
    default:
      return 0;
    }
}

/* Whether Cancel may be pressed on @order: allowed, or refused for a
 * reason worth explaining when pressed (paid: refunds go through
 * after-sale; TOP's first ten seconds). */
static gboolean
can_cancel (DdOrder  *order,
            DdClient *client)
{
  DdClientCapabilities caps = dd_client_get_capabilities (client);
  DdActionRefusal refusal = DD_ACTION_REFUSAL_NONE;

  if (!(caps & DD_CLIENT_CAN_CANCEL))
    return FALSE;
  if (dd_action_rules_check (order, caps, DD_ACTION_CANCEL, g_get_real_time () / 1000,
                             &refusal, NULL))
    return TRUE;

  return refusal == DD_ACTION_REFUSAL_ALREADY_PAID || refusal == DD_ACTION_REFUSAL_TOO_SOON;
}

static gboolean
can_pay (DdOrder  *order,
         DdClient *client)
{
  DdClientCapabilities caps = dd_client_get_capabilities (client);

  for (guint i = 0; i < G_N_ELEMENTS (pay_actions); i++)
    if ((caps & pay_capability (pay_actions[i])) &&
        dd_action_rules_check (order, caps, pay_actions[i], g_get_real_time () / 1000, NULL, NULL))
      return TRUE;

  return FALSE;
}

static void
update_actions (DdWindow *self)
{
  DdOrder *order = NULL;
  DdClient *client = shown_client (self, &order);
  gboolean ready = client != NULL && get_runner (self) != NULL && !is_running (self, order);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-order",
                                 ready && can_cancel (order, client));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pay-order",
                                 ready && can_pay (order, client));
}

/* Keeps the history on the shown order; read again when it changes. */
static void
update_history (DdWindow *self,
                gboolean  reload)
{
  Actions *actions = get_actions (self);
  DdOrder *order;
  const char *account_id;
  const char *order_id;

  if (actions == NULL || actions->history == NULL || self->detail == NULL)
    return;

  order = dd_order_detail_get_order (self->detail);
  account_id = order != NULL ? dd_order_get_account_id (order) : NULL;
  order_id = order != NULL ? dd_order_get_order_id (order) : NULL;

  if (g_strcmp0 (account_id, actions->history_account_id) != 0 ||
      g_strcmp0 (order_id, actions->history_order_id) != 0)
    {
      g_free (actions->history_account_id);
      actions->history_account_id = g_strdup (account_id);
      g_free (actions->history_order_id);
      actions->history_order_id = g_strdup (order_id);
      dd_action_history_set_order (DD_ACTION_HISTORY (actions->history), account_id, order_id);
    }
  else if (reload)
    dd_action_history_reload (DD_ACTION_HISTORY (actions->history));
}

static void
order_shown_cb (DdWindow *self)
{
  update_actions (self);
  update_history (self, FALSE);
}

static void
action_changed_cb (DdActionRunner *runner,
                   const char     *account_id,
                   const char     *order_id,
                   DdWindow       *self)
{
  DdOrder *order = self->detail != NULL ? dd_order_detail_get_order (self->detail) : NULL;

  update_actions (self);
  if (order != NULL &&
      g_strcmp0 (dd_order_get_account_id (order), account_id) == 0 &&
      g_strcmp0 (dd_order_get_order_id (order), order_id) == 0)
    update_history (self, TRUE);
}

/* ---- after a run ----------------------------------------------------------- */

/* The order (as the runner read it back) in its row and in the pane. */
static void
show_outcome (DdWindow *self,
              DdOrder  *order)
{
  DdOrder *shown = dd_order_detail_get_order (self->detail);
  gint64 row_id = order != NULL ? dd_order_get_row_id (order) : 0;

  if (row_id == 0 && shown != NULL && order != NULL &&
      g_strcmp0 (dd_order_get_account_id (shown), dd_order_get_account_id (order)) == 0 &&
      g_strcmp0 (dd_order_get_order_id (shown), dd_order_get_order_id (order)) == 0)
    row_id = dd_order_get_row_id (shown);

  if (row_id != 0 && self->cache != NULL)
    {
      g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_array_append_val (changed, row_id);
      if (self->orders != NULL)
        dd_order_list_queue_refresh (self->orders, changed);

      if (shown != NULL && dd_order_get_row_id (shown) == row_id)
        {
          g_autoptr(DdOrder) stored = NULL;
          g_autoptr(GError) error = NULL;

          /* As the list will show it: the cache's own reading of the row. */
          stored = dd_cache_load_order (self->cache, row_id, &error);
          if (stored == NULL)
            g_debug ("Could not load order %" G_GINT64_FORMAT " back: %s", row_id, error->message);
          else
            {
              dd_order_detail_set_order (self->detail, stored);
              dd_window_marks_update_detail (self);
            }
        }
    }

  update_actions (self);
  update_history (self, TRUE);
}

/* A dialog closed while its action ran says nothing any more: what went
 * wrong is told on the window. */
static void
tell_if_closed (DdWindow   *self,
                GtkWidget  *dialog,
                const char *message)
{
  if (gtk_widget_get_visible (dialog) || message == NULL || *message == '\0')
    return;

  dd_window_add_toast (self, message, NULL, NULL);
}

static void
dialog_finished_cb (GtkWidget      *dialog,
                    DdActionResult *result,
                    DdWindow       *self)
{
  if (result->state != DD_ACTION_STATE_DONE && result->state != DD_ACTION_STATE_CONFIRMED_BY_READ_BACK)
    tell_if_closed (self, dialog,
                    result->message != NULL && *result->message != '\0'
                    ? result->message : dd_action_state_get_label (result->state));
  show_outcome (self, result->order);
}

static void
dialog_refused_cb (GtkWidget *dialog,
                   GError    *error,
                   DdWindow  *self)
{
  DdOrder *shown = dd_order_detail_get_order (self->detail);
  g_autoptr(DdOrder) order = shown != NULL ? g_object_ref (shown) : NULL;

  tell_if_closed (self, dialog, error->message);

  /* The runner read the order again into the cache before refusing (it
   * may have been paid meanwhile): show what it read. */
  show_outcome (self, order);
}

/* A payment in the browser, seen done by the pay dialog: its read was not
 * stored, so the order is read again into the cache, then shown. */
static void
paid_refresh_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_order_refresh_finish (result, &changed, &error);

  /* Gone meanwhile (the window's dispose cancels the read). */
  if (get_actions (self) == NULL || self->detail == NULL)
    return;

  if (order == NULL)
    {
      /* The next sync brings the payment in. */
      g_debug ("Could not read the paid order again: %s", error->message);
      return;
    }

  if (changed != NULL && changed->len > 0 && self->orders != NULL)
    dd_order_list_queue_refresh (self->orders, changed);
  show_outcome (self, order);
}

static void
order_paid_cb (GtkWidget *dialog,
               DdOrder   *order,
               DdWindow  *self)
{
  Actions *actions = get_actions (self);
  const char *account_id = g_object_get_data (G_OBJECT (dialog), "dd-account-id");
  const char *order_id = g_object_get_data (G_OBJECT (dialog), "dd-order-id");
  DdAccount *account;
  DdClient *client;

  if (actions == NULL || self->cache == NULL || account_id == NULL || order_id == NULL)
    return;

  account = dd_window_lookup_account (self, account_id);
  client = account != NULL ? dd_account_get_client (account) : NULL;
  if (client == NULL)
    {
      g_debug ("Order %s was paid, but its account has no client to read it again", order_id);
      return;
    }

  if (actions->cancellable == NULL)
    actions->cancellable = g_cancellable_new ();
  dd_order_refresh_async (client, self->cache, account_id, order_id, actions->cancellable,
                          paid_refresh_cb, g_object_ref (self));
}

static void
connect_dialog (DdWindow  *self,
                GtkWidget *dialog)
{
  g_signal_connect_object (dialog, "finished", G_CALLBACK (dialog_finished_cb), self, 0);
  g_signal_connect_object (dialog, "refused", G_CALLBACK (dialog_refused_cb), self, 0);
}

/* ---- win.cancel-order, win.pay-order ---------------------------------------- */

static void
explain (DdWindow   *self,
         const char *heading,
         const char *why)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, why);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Why @action cannot run on @order now (a dialog), or FALSE when it can. */
static gboolean
explain_refusal (DdWindow *self,
                 DdOrder  *order,
                 DdClient *client,
                 DdAction  action,
                 const char *heading)
{
  g_autoptr(GError) error = NULL;

  if (dd_action_rules_check (order, dd_client_get_capabilities (client), action,
                             g_get_real_time () / 1000, NULL, &error))
    return FALSE;

  g_debug ("%s refused on order %s: %s", dd_action_rules_get_label (action),
           dd_order_get_order_id (order), error->message);
  explain (self, heading, error->message);

  return TRUE;
}

static void
cancel_order_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdActionRunner *runner = get_runner (self);
  DdOrder *order = NULL;
  DdClient *client = shown_client (self, &order);
  GtkWidget *dialog;

  if (client == NULL || runner == NULL || is_running (self, order))
    return;

  if (explain_refusal (self, order, client, DD_ACTION_CANCEL,
                       /* Translators: heading of the dialog explaining why an order cannot be cancelled */
                       _("This Order Cannot Be Cancelled")))
    return;

  dialog = dd_cancel_dialog_new (GTK_WINDOW (self), runner, client, order,
                                 dd_window_lookup_account_name (self, dd_order_get_account_id (order)));
  connect_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pay_order_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  DdActionRunner *runner = get_runner (self);
  DdOrder *order = NULL;
  DdClient *client = shown_client (self, &order);
  GtkWidget *dialog;

  if (client == NULL || runner == NULL || is_running (self, order))
    return;

  if (!can_pay (order, client))
    {
      DdClientCapabilities caps = dd_client_get_capabilities (client);

      for (guint i = 0; i < G_N_ELEMENTS (pay_actions); i++)
        if ((caps & pay_capability (pay_actions[i])) &&
            explain_refusal (self, order, client, pay_actions[i],
                             /* Translators: heading of the dialog explaining why an order cannot be paid */
                             _("This Order Cannot Be Paid")))
          return;
      return;
    }

  dialog = dd_pay_dialog_new (GTK_WINDOW (self), runner, client, order,
                              dd_window_lookup_account_name (self, dd_order_get_account_id (order)));
  connect_dialog (self, dialog);
  /* The order the dialog pays (the shown one may change meanwhile). */
  g_object_set_data_full (G_OBJECT (dialog), "dd-account-id",
                          g_strdup (dd_order_get_account_id (order)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "dd-order-id",
                          g_strdup (dd_order_get_order_id (order)), g_free);
  g_signal_connect_object (dialog, "order-paid", G_CALLBACK (order_paid_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dd_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cancel-order", NULL, cancel_order_activated);
  gtk_widget_class_install_action (widget_class, "win.pay-order", NULL, pay_order_activated);
}

void
dd_window_actions_init (DdWindow *self)
{
  Actions *actions = g_new0 (Actions, 1);

  self->actions = actions;
  if (self->cache != NULL)
    {
      actions->history = dd_action_history_new (self->cache);
      dd_order_detail_set_history_widget (self->detail, actions->history);
    }

  g_signal_connect_object (self->detail, "notify::order",
                           G_CALLBACK (order_shown_cb), self, G_CONNECT_SWAPPED);
  /* The application (and its runner) is set once the window is built. */
  g_signal_connect (self, "notify::application", G_CALLBACK (order_shown_cb), NULL);
  /* An account's client comes and goes (signed out, reconnected). */
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (order_shown_cb), self, G_CONNECT_SWAPPED);
  order_shown_cb (self);
}

void
dd_window_actions_dispose (DdWindow *self)
{
  Actions *actions = get_actions (self);

  if (actions == NULL)
    return;

  self->actions = NULL;
  g_cancellable_cancel (actions->cancellable);
  g_clear_object (&actions->cancellable);
  if (actions->runner != NULL)
    g_clear_signal_handler (&actions->changed_id, actions->runner);
  g_clear_object (&actions->runner);
  g_free (actions->history_account_id);
  g_free (actions->history_order_id);
  g_free (actions);
}
