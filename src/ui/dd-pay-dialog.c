/* dd-pay-dialog.c: paying for an unpaid (purchase) order
 *
 * An AdwWindow (an AdwMessageDialog closes on every response, and this one
 * stays open to show progress and the result). The write itself is the
 * runner's (dd-action-runner.h): the dialog only chooses what to run,
 * keeps the pay button insensitive from its first click until the answer,
 * and shows what the runner says. The voucher's checks and loading are in
 * dd-pay-voucher.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-pay-dialog.h"
#include "dd-pay-dialog-private.h"
#include "dd-pp-parse.h"
#include "dd-ui-format.h"

/* The dialog's own read-back while the person pays in the browser: the
 * first read after this, each next one twice later, at most the max. */
#define WAIT_FIRST_MS 2000
#define WAIT_MAX_MS   15000

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_FINISHED,
  SIGNAL_REFUSED,
  SIGNAL_ORDER_PAID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdPayDialog, dd_pay_dialog, ADW_TYPE_WINDOW)

void
dd_pay_dialog_set_busy (DdPayDialog *self,
                        gboolean     loading,
                        gboolean     running,
                        gboolean     waiting)
{
  gboolean was_busy = dd_pay_dialog_get_busy (self);

  self->loading = loading;
  self->running = running;
  self->waiting = waiting;
  if (was_busy != dd_pay_dialog_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
dd_pay_dialog_set_status (DdPayDialog *self,
                          gboolean     spinning,
                          const char  *text)
{
  /* Plain text: messages may quote the platform, never markup. */
  gtk_label_set_text (GTK_LABEL (self->status_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->status_label, text != NULL && *text != '\0');
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), spinning);
  gtk_widget_set_visible (self->spinner, spinning);
}

DdAction
dd_pay_dialog_get_method (DdPayDialog *self)
{
  g_return_val_if_fail (DD_IS_PAY_DIALOG (self), DD_ACTION_CANCEL);

  if (self->balance_check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->balance_check)))
    return DD_ACTION_PAY_BALANCE;
  if (self->voucher_check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->voucher_check)))
    return DD_ACTION_UPLOAD_VOUCHER;
  if (self->url_check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->url_check)))
    return DD_ACTION_PAY_URL;

  return DD_ACTION_CANCEL;
}

gboolean
dd_pay_dialog_get_busy (DdPayDialog *self)
{
  g_return_val_if_fail (DD_IS_PAY_DIALOG (self), FALSE);

  return self->loading || self->running || self->waiting;
}

/* The pay button, the methods and the voucher's part, from the state. */
void
dd_pay_dialog_update (DdPayDialog *self)
{
  DdAction method = dd_pay_dialog_get_method (self);
  gboolean running = self->running || self->waiting;
  gboolean ready = !running && !self->loading && !self->settled && method != DD_ACTION_CANCEL;

  if (method == DD_ACTION_UPLOAD_VOUCHER)
    ready = ready && self->voucher != NULL;
  /* Only the amount shown is ever paid: none shown, nothing to pay. */
  ready = ready && self->shown_total.currency[0] != '\0';

  gtk_widget_set_visible (self->voucher_box, method == DD_ACTION_UPLOAD_VOUCHER);
  gtk_widget_set_sensitive (self->methods_box, !running && !self->settled);
  gtk_widget_set_sensitive (self->choose_button, !running && !self->loading && !self->settled);
  gtk_widget_set_visible (self->pay_button, !self->settled);
  gtk_widget_set_sensitive (self->pay_button, ready);
  gtk_widget_set_visible (self->retry_button, self->can_retry && !running);
  gtk_button_set_label (GTK_BUTTON (self->close_button),
                        self->settled || self->can_retry ? _("_Close") : _("_Cancel"));
}

/* The amount a click pays, in the heading and on the button. */
static void
show_total (DdPayDialog   *self,
            const DdMoney *total)
{
  g_autofree char *amount = NULL;
  g_autofree char *pay_label = NULL;

  self->shown_total = *total;
  amount = dd_ui_format_money (total);
  if (total->currency[0] == '\0' || *amount == '\0')
    {
      dd_money_init (&self->shown_total, 0, "");
      /* Translators: the pay dialog's heading when the order's total is not known */
      gtk_label_set_text (GTK_LABEL (self->amount_label), _("Amount unknown"));
      /* Translators: the pay button when the order's amount is not known (never sensitive) */
      gtk_button_set_label (GTK_BUTTON (self->pay_button), _("Pay"));
      return;
    }

  gtk_label_set_text (GTK_LABEL (self->amount_label), amount);
  /* Translators: the pay button; %s is the amount with its currency, "¥128.00" */
  pay_label = g_strdup_printf (_("Pay %s"), amount);
  gtk_button_set_label (GTK_BUTTON (self->pay_button), pay_label);
}

/* What the status says while nothing runs. */
static const char *
idle_text (DdPayDialog *self)
{
  if (self->shown_total.currency[0] == '\0')
    return _("The order’s total is not known, so it cannot be paid here. Refresh the order first.");
  return NULL;
}

static void
method_toggled_cb (GtkCheckButton *check,
                   DdPayDialog    *self)
{
  if (!gtk_check_button_get_active (check))
    return;

  /* A new choice starts over. */
  self->can_retry = FALSE;
  if (!self->running && !self->waiting)
    dd_pay_dialog_set_status (self, FALSE, idle_text (self));
  dd_pay_dialog_update (self);
}

static gboolean
status_is_paid (DdOrderStatus status)
{
  return status == DD_ORDER_STATUS_TO_SHIP ||
         status == DD_ORDER_STATUS_SHIPPED ||
         status == DD_ORDER_STATUS_COMPLETED ||
         status == DD_ORDER_STATUS_AFTER_SALE;
}

/* Waiting for a payment in the browser. */

static void schedule_wait (DdPayDialog *self);

static void
stop_waiting (DdPayDialog *self)
{
  g_clear_handle_id (&self->wait_source, g_source_remove);
  g_cancellable_cancel (self->wait_cancellable);
  g_clear_object (&self->wait_cancellable);
  if (self->waiting)
    dd_pay_dialog_set_busy (self, self->loading, self->running, FALSE);
}

static void
wait_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdPayDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_client_get_order_finish (DD_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->wait_cancellable == NULL)
    return;

  if (order != NULL && status_is_paid (dd_order_get_status (order)))
    {
      stop_waiting (self);
      self->settled = TRUE;
      gtk_widget_set_visible (self->url_label, FALSE);
      dd_pay_dialog_set_status (self, FALSE, _("The order is paid."));
      dd_pay_dialog_update (self);
      g_signal_emit (self, signals[SIGNAL_ORDER_PAID], 0, order);
      return;
    }
  if (order != NULL && dd_order_get_status (order) == DD_ORDER_STATUS_CLOSED)
    {
      stop_waiting (self);
      self->settled = TRUE;
      gtk_widget_set_visible (self->url_label, FALSE);
      dd_pay_dialog_set_status (self, FALSE, _("The order was closed before it was paid."));
      dd_pay_dialog_update (self);
      return;
    }
  if (error != NULL)
    g_debug ("Reading order %s while waiting for its payment: %s",
             dd_order_get_order_id (self->order), error->message);

  if (g_get_monotonic_time () / 1000 - self->wait_start_ms >= DD_PAY_DIALOG_WAIT_MS)
    {
      stop_waiting (self);
      self->settled = TRUE;
      self->can_retry = TRUE;
      dd_pay_dialog_set_status (self, FALSE,
                                _("Dingdan stopped waiting for the payment. If you paid, refresh the order to see it."));
      dd_pay_dialog_update (self);
      return;
    }

  schedule_wait (self);
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  DdPayDialog *self = user_data;

  self->wait_source = 0;
  dd_client_get_order_async (self->client, dd_order_get_order_id (self->order),
                             self->wait_cancellable, wait_read_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_wait (DdPayDialog *self)
{
  self->wait_delay_ms = self->wait_delay_ms == 0 ? WAIT_FIRST_MS
                                                 : MIN (self->wait_delay_ms * 2, WAIT_MAX_MS);
  self->wait_source = g_timeout_add (self->wait_delay_ms, wait_timeout_cb, self);
}

static void
show_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DdPayDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* @source: the parent passed, NULL when the dialog was not realized. */
  if (gtk_show_uri_full_finish (source != NULL ? GTK_WINDOW (source) : NULL, result, &error) ||
      self->disposed || !self->waiting)
    return;

  g_debug ("Opening the payment page: %s", error->message);
  text = g_strdup_printf (/* Translators: %s says why no browser opened */
                          _("The browser could not be opened (%s). Open the address below to pay; "
                            "Dingdan waits for the payment."),
                          error->message);
  dd_pay_dialog_set_status (self, TRUE, text);
}

static void
start_waiting (DdPayDialog *self,
               const char  *pay_url)
{
  /* The address stays in the dialog, to copy when no browser opens. */
  gtk_label_set_text (GTK_LABEL (self->url_label), pay_url);
  gtk_widget_set_visible (self->url_label, TRUE);
  /* GTK 4.8 exports the parent's surface: only a realized one. */
  gtk_show_uri_full (gtk_widget_get_realized (GTK_WIDGET (self)) ? GTK_WINDOW (self) : NULL,
                     pay_url, GDK_CURRENT_TIME, NULL, show_uri_cb, g_object_ref (self));

  stop_waiting (self);
  self->wait_cancellable = g_cancellable_new ();
  self->wait_start_ms = g_get_monotonic_time () / 1000;
  self->wait_delay_ms = 0;
  dd_pay_dialog_set_busy (self, self->loading, self->running, TRUE);
  dd_pay_dialog_set_status (self, TRUE,
                            _("Waiting for the payment… Pay on the page that opened in your browser."));
  dd_pay_dialog_update (self);
  schedule_wait (self);
}

/* Running. */

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DdPayDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionResult) answer = NULL;

  answer = dd_action_runner_run_finish (DD_ACTION_RUNNER (source), result, &error);
  dd_pay_dialog_set_busy (self, self->loading, FALSE, self->waiting);

  if (answer == NULL)
    {
      gboolean final = g_error_matches (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID) ||
                       g_error_matches (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_CLOSED) ||
                       g_error_matches (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_NOT_SUPPORTED);

      /* The total changed: the new one is shown, and paying it takes a
       * click of its own. */
      if (g_error_matches (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_AMOUNT_CHANGED))
        {
          g_autoptr(DdOrder) live = dd_action_runner_dup_live_order (DD_ACTION_RUNNER (source), result);
          DdMoney unknown = DD_MONEY_INIT;

          if (live != NULL)
            g_set_object (&self->order, live);
          show_total (self, live != NULL ? dd_order_get_total (live) : &unknown);
        }

      /* Nothing was sent: the person may ask again, unless the order can
       * no longer be paid. */
      self->settled = final;
      self->can_retry = FALSE;
      if (!self->disposed && !self->close_when_done)
        {
          dd_pay_dialog_set_status (self, FALSE, error->message);
          dd_pay_dialog_update (self);
        }
      g_signal_emit (self, signals[SIGNAL_REFUSED], 0, error);
    }
  else
    {
      gboolean paid = answer->state == DD_ACTION_STATE_DONE ||
                      answer->state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK;
      const char *message = answer->message;

      if (message == NULL || *message == '\0')
        message = dd_action_state_get_label (answer->state);

      /* Whatever it ended in, the same payment is not offered again,
       * only "Try Again" when the runner says nothing was applied. */
      self->can_retry = answer->can_retry;
      self->settled = TRUE;
      if (!self->disposed && !self->close_when_done)
        {
          if (self->method == DD_ACTION_PAY_URL && paid && answer->pay_url != NULL &&
              (answer->order == NULL || !status_is_paid (dd_order_get_status (answer->order))))
            {
              self->settled = FALSE;
              start_waiting (self, answer->pay_url);
            }
          else
            {
              dd_pay_dialog_set_status (self, FALSE, message);
              dd_pay_dialog_update (self);
            }
        }
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, answer);
    }

  if (self->close_when_done && !self->disposed)
    gtk_window_destroy (GTK_WINDOW (self));
}

static const char *
running_text (DdAction method)
{
  switch (method)
    {
    case DD_ACTION_PAY_BALANCE:
      return _("Paying from the balance…");
    case DD_ACTION_UPLOAD_VOUCHER:
      return _("Sending the payment voucher…");
    case DD_ACTION_PAY_URL:
      return _("Asking for the payment page…");
    default:
      return NULL;
    }
}

static void
run (DdPayDialog *self)
{
  DdActionRequest request = { 0, };

  if (self->running || self->waiting || self->loading || self->settled)
    return;

  self->method = dd_pay_dialog_get_method (self);
  if (self->method == DD_ACTION_CANCEL ||
      (self->method == DD_ACTION_UPLOAD_VOUCHER && self->voucher == NULL) ||
      self->shown_total.currency[0] == '\0')
    return;

  /* Insensitive from the first click until the runner answers. */
  self->can_retry = FALSE;
  dd_pay_dialog_set_busy (self, FALSE, TRUE, FALSE);
  dd_pay_dialog_set_status (self, TRUE, running_text (self->method));
  dd_pay_dialog_update (self);

  request.action = self->method;
  request.account_id = dd_order_get_account_id (self->order);
  request.order_id = dd_order_get_order_id (self->order);
  request.expected_total = &self->shown_total;
  if (self->method == DD_ACTION_UPLOAD_VOUCHER)
    {
      request.image = self->voucher;
      request.content_type = self->voucher_type;
      request.filename = self->voucher_name;
    }

  dd_action_runner_run_async (self->runner, self->client, &request, NULL,
                              run_cb, g_object_ref (self));
}

static void
pay_clicked_cb (GtkButton   *button,
                DdPayDialog *self)
{
  run (self);
}

static void
retry_clicked_cb (GtkButton   *button,
                  DdPayDialog *self)
{
  if (!self->can_retry || self->running || self->waiting)
    return;

  /* The same method (and picture) once more. */
  self->settled = FALSE;
  self->can_retry = FALSE;
  run (self);
}

static void
close_clicked_cb (GtkButton   *button,
                  DdPayDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing while the payment runs hides the dialog; it goes once the
 * runner answered ("finished" is still emitted). */
static gboolean
dd_pay_dialog_close_request (GtkWindow *window)
{
  DdPayDialog *self = DD_PAY_DIALOG (window);

  if (self->running)
    {
      self->close_when_done = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  /* Waiting for a payment in the browser stops with the dialog. */
  stop_waiting (self);

  return GTK_WINDOW_CLASS (dd_pay_dialog_parent_class)->close_request (window);
}

static void
dd_pay_dialog_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdPayDialog *self = DD_PAY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, dd_pay_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_pay_dialog_dispose (GObject *object)
{
  DdPayDialog *self = DD_PAY_DIALOG (object);

  self->disposed = TRUE;
  stop_waiting (self);
  g_cancellable_cancel (self->voucher_cancellable);
  g_clear_object (&self->voucher_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (dd_pay_dialog_parent_class)->dispose (object);
}

static void
dd_pay_dialog_finalize (GObject *object)
{
  DdPayDialog *self = DD_PAY_DIALOG (object);

  g_clear_object (&self->runner);
  g_clear_object (&self->client);
  g_clear_object (&self->order);
  g_clear_pointer (&self->voucher, g_bytes_unref);
  g_free (self->voucher_type);
  g_free (self->voucher_name);

  G_OBJECT_CLASS (dd_pay_dialog_parent_class)->finalize (object);
}

static void
dd_pay_dialog_class_init (DdPayDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = dd_pay_dialog_get_property;
  object_class->dispose = dd_pay_dialog_dispose;
  object_class->finalize = dd_pay_dialog_finalize;
  window_class->close_request = dd_pay_dialog_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (DdActionResult *, borrowed) once a run ended, whatever it ended in. */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* (GError *, borrowed) when the run was refused before sending. */
  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* (DdOrder *, borrowed) a pay in the browser was seen done. */
  signals[SIGNAL_ORDER_PAID] =
    g_signal_new ("order-paid", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, DD_TYPE_ORDER);
}

static void
dd_pay_dialog_init (DdPayDialog *self)
{
  self->method = DD_ACTION_CANCEL;
}

/* Building the dialog. */

static GtkWidget *
add_method (DdPayDialog *self,
            const char  *name,
            const char  *label)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  gtk_widget_set_name (check, name);
  if (self->first_method != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->first_method));
  else
    self->first_method = check;
  g_signal_connect (check, "toggled", G_CALLBACK (method_toggled_cb), self);
  gtk_box_append (GTK_BOX (self->methods_box), check);

  return check;
}

static GtkWidget *
new_label (const char *name,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
build_methods (DdPayDialog *self,
               GtkBox      *content)
{
  DdClientCapabilities caps = dd_client_get_capabilities (self->client);
  const char *order_id = dd_order_get_order_id (self->order);
  gboolean pandapon = g_strcmp0 (dd_client_get_platform (self->client), DD_PLATFORM_PANDAPON) == 0;
  /* PandaPon's 1688 goods are paid only in the browser, its Taobao goods
   * never there (dd-pp-client.h). */
  gboolean only_browser = pandapon && order_id != NULL && g_str_has_prefix (order_id, DD_PP_1688_PREFIX);
  gboolean no_browser = pandapon && !only_browser;
  GtkWidget *heading;

  /* Translators: heading above the ways to pay an order */
  heading = new_label ("method-heading", _("Method"), "heading");
  gtk_box_append (content, heading);

  self->methods_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (content, self->methods_box);

  if ((caps & DD_CLIENT_CAN_PAY) != 0 && !only_browser)
    /* Translators: a way to pay an order */
    self->balance_check = add_method (self, "method-balance", _("Pay from _balance"));
  if ((caps & DD_CLIENT_CAN_UPLOAD_VOUCHER) != 0 && !only_browser)
    /* Translators: a way to pay an order: send a picture of a bank transfer */
    self->voucher_check = add_method (self, "method-voucher", _("Upload a payment _voucher"));
  if ((caps & DD_CLIENT_CAN_PAY_URL) != 0 && !no_browser)
    /* Translators: a way to pay an order: on the platform's page */
    self->url_check = add_method (self, "method-url", _("Pay in the _browser"));

  if (self->first_method == NULL)
    {
      gtk_widget_set_visible (heading, FALSE);
      gtk_box_append (content,
                      new_label ("no-method-label",
                                 _("Dingdan cannot pay this order on its platform. Pay it on the platform’s own site."),
                                 NULL));
    }
}

GtkWidget *
dd_pay_dialog_new (GtkWindow      *parent,
                   DdActionRunner *runner,
                   DdClient       *client,
                   DdOrder        *order,
                   const char     *account_name)
{
  g_autofree char *paid_by = NULL;
  g_autofree char *order_text = NULL;
  DdPayDialog *self;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *content;
  GtkWidget *status_box;
  GtkWidget *buttons;
  GtkEventController *shortcuts;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (runner), NULL);
  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (DD_IS_ORDER (order), NULL);

  self = g_object_new (DD_TYPE_PAY_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       /* Translators: title of the dialog that pays an order */
                       "title", _("Pay Order"),
                       "default-width", 420,
                       NULL);
  self->runner = g_object_ref (runner);
  self->client = g_object_ref (client);
  self->order = g_object_ref (order);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (box), content);

  self->amount_label = new_label ("amount-label", NULL, "title-1");
  gtk_label_set_selectable (GTK_LABEL (self->amount_label), TRUE);
  gtk_box_append (GTK_BOX (content), self->amount_label);

  paid_by = g_strdup_printf (/* Translators: "Paid by <account name> on <platform name>" */
                             _("Paid by %s on %s"),
                             account_name != NULL ? account_name : dd_order_get_account_id (order),
                             dd_ui_format_platform (dd_client_get_platform (client)));
  gtk_box_append (GTK_BOX (content), new_label ("paid-by-label", paid_by, NULL));

  /* Translators: %s is the platform's order id */
  order_text = g_strdup_printf (_("Order %s"), dd_order_get_order_id (order));
  self->order_label = new_label ("order-label", order_text, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (self->order_label), TRUE);
  gtk_box_append (GTK_BOX (content), self->order_label);

  build_methods (self, GTK_BOX (content));
  dd_pay_dialog_build_voucher (self, GTK_BOX (content));

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (status_box), self->spinner);
  self->status_label = new_label ("status-label", NULL, NULL);
  gtk_label_set_selectable (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  gtk_box_append (GTK_BOX (status_box), self->status_label);
  gtk_box_append (GTK_BOX (content), status_box);

  self->url_label = new_label ("pay-url-label", NULL, "caption");
  gtk_label_set_selectable (GTK_LABEL (self->url_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->url_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (self->url_label, FALSE);
  gtk_box_append (GTK_BOX (content), self->url_label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  self->close_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_name (self->close_button, "close-button");
  g_signal_connect (self->close_button, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->close_button);

  /* Translators: button: send the same payment again after it failed */
  self->retry_button = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_set_name (self->retry_button, "retry-button");
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->retry_button);

  self->pay_button = gtk_button_new ();
  gtk_widget_set_name (self->pay_button, "pay-button");
  gtk_widget_add_css_class (self->pay_button, "suggested-action");
  /* Money moves only on a click of its own: never the default, Enter
   * does nothing. */
  gtk_widget_set_receives_default (self->pay_button, FALSE);
  g_signal_connect (self->pay_button, "clicked", G_CALLBACK (pay_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->pay_button);
  gtk_box_append (GTK_BOX (content), buttons);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  show_total (self, dd_order_get_total (order));
  if (self->first_method != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->first_method), TRUE);
  dd_pay_dialog_set_status (self, FALSE, idle_text (self));
  dd_pay_dialog_update (self);
  gtk_widget_grab_focus (self->first_method != NULL ? self->first_method : self->close_button);

  return GTK_WIDGET (self);
}
