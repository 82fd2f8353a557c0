/* dd-cancel-dialog.c: cancelling (closing) an unpaid order
 *
 * An AdwMessageDialog (libadwaita 1.2) whose responses do not close it
 * while there is more to say: "cancel-order" starts the run and the dialog
 * stays, insensitive, with a spinner, until the runner answers; then the
 * body says what happened and the buttons become "Close" (the "keep"
 * response, relabelled) and, when nothing was applied, "Try Again" (the
 * "cancel-order" response, relabelled; hidden otherwise). libadwaita 1.2
 * cannot remove a response, hence the relabelling.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-cancel-dialog.h"
#include "dd-ui-format.h"

#define DD_TYPE_CANCEL_DIALOG (dd_cancel_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdCancelDialog, dd_cancel_dialog, DD, CANCEL_DIALOG, AdwMessageDialog)

typedef enum
{
  STAGE_ASKING,   /* the form: a reason to choose */
  STAGE_RUNNING,  /* sent (or being checked); nothing can be done */
  STAGE_ENDED,    /* the result is shown */
} Stage;

struct _DdCancelDialog
{
  AdwMessageDialog  parent_instance;

  DdActionRunner   *runner;
  DdClient         *client;
  DdOrder          *order;
  char             *account_name;
  GCancellable     *cancellable;

  Stage             stage;
  char             *reason_id;  /* what was sent (for Try Again) */
  char             *remark;

  GtkWidget        *form;       /* reasons and remark */
  GtkDropDown      *reasons;
  GtkWidget        *remark_entry;
  GtkWidget        *progress;   /* spinner and "Cancelling…" */
  GtkSpinner       *spinner;
};

enum {
  SIGNAL_FINISHED,
  SIGNAL_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdCancelDialog, dd_cancel_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The platform's reasons, in its order; the placeholder is item 0 of the
 * drop-down. */
static const DdCancelReason *
get_reasons (DdCancelDialog *self)
{
  return dd_client_get_cancel_reasons (self->client);
}

static const char *
chosen_reason_id (DdCancelDialog *self)
{
  const DdCancelReason *reasons = get_reasons (self);
  guint selected = gtk_drop_down_get_selected (self->reasons);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  for (guint i = 0; reasons[i].id != NULL; i++)
    if (i + 1 == selected)
      return reasons[i].id;

  return NULL;
}

static void
update_responses (DdCancelDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_response_enabled (dialog, "keep", self->stage != STAGE_RUNNING);
  if (self->stage == STAGE_ASKING)
    adw_message_dialog_set_response_enabled (dialog, "cancel-order",
                                             chosen_reason_id (self) != NULL);
  else if (self->stage == STAGE_RUNNING)
    adw_message_dialog_set_response_enabled (dialog, "cancel-order", FALSE);
}

/* GTK 4.8 leaves the drop-down's own button, the one that takes the
 * focus, unnamed: it is named "Reason" too and described by the reason
 * chosen, from when it is shown (its "map") until the dialog is disposed
 * (the model's teardown changes the selection once more). */
static void
describe_reason (DdCancelDialog *self)
{
  GtkWidget *button;
  GtkStringObject *item;

  if (self->reasons == NULL)
    return;
  button = gtk_widget_get_first_child (GTK_WIDGET (self->reasons));
  if (button == NULL || !gtk_widget_get_mapped (button))
    return;
  item = gtk_drop_down_get_selected_item (self->reasons);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the accessible name of the cancel reasons list */
                                  C_("accessible", "Reason"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  item != NULL ? gtk_string_object_get_string (item) : "",
                                  -1);
}

static void
reason_changed_cb (DdCancelDialog *self)
{
  describe_reason (self);
  if (self->stage == STAGE_ASKING)
    update_responses (self);
}

/* libadwaita 1.2 keeps its response buttons to itself: the one that shows
 * @label, searched for in the dialog. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      found = find_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shows or hides every button showing @label (libadwaita 1.2 has one in
 * its wide and one in its narrow row of responses). */
static void
set_buttons_visible (GtkWidget  *root,
                     const char *label,
                     gboolean    visible)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        gtk_widget_set_visible (child, visible);
      else
        set_buttons_visible (child, label, visible);
    }
}

static void
show_result (DdCancelDialog *self,
             const char     *heading,
             const char     *body,
             gboolean        can_retry)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->stage = STAGE_ENDED;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_widget_set_visible (self->form, FALSE);

  /* Plain text: the platform's words are never markup. */
  adw_message_dialog_set_heading_use_markup (dialog, FALSE);
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body != NULL ? body : "");

  /* Translators: button closing the cancel dialog once it said how it ended */
  adw_message_dialog_set_response_label (dialog, "keep", _("_Close"));
  /* Translators: button sending the cancel again after nothing was applied */
  adw_message_dialog_set_response_label (dialog, "cancel-order", _("_Try Again"));
  adw_message_dialog_set_response_enabled (dialog, "keep", TRUE);
  adw_message_dialog_set_response_enabled (dialog, "cancel-order", can_retry);
  adw_message_dialog_set_default_response (dialog, "keep");

  set_buttons_visible (GTK_WIDGET (self),
                       adw_message_dialog_get_response_label (dialog, "cancel-order"), can_retry);

  gtk_widget_set_sensitive (self->form, TRUE);
}

static const char *
heading_for (DdActionState state)
{
  switch (state)
    {
    case DD_ACTION_STATE_DONE:
    case DD_ACTION_STATE_CONFIRMED_BY_READ_BACK:
      /* Translators: heading of the cancel dialog once the order is closed */
      return _("Order Cancelled");
    case DD_ACTION_STATE_FAILED:
      /* Translators: heading of the cancel dialog when the platform did not close the order */
      return _("Order Not Cancelled");
    case DD_ACTION_STATE_UNKNOWN:
    case DD_ACTION_STATE_SENDING:
    default:
      /* Translators: heading of the cancel dialog when it is not known whether the order closed */
      return _("Outcome Unknown");
    }
}

/* A sentence when the runner gave none. */
static char *
default_message (DdCancelDialog *self,
                 DdActionState   state)
{
  const char *order_id = dd_order_get_order_id (self->order);

  switch (state)
    {
    case DD_ACTION_STATE_DONE:
    case DD_ACTION_STATE_CONFIRMED_BY_READ_BACK:
      /* Translators: %s is an order number */
      return g_strdup_printf (_("Order %s is closed."), order_id);
    case DD_ACTION_STATE_FAILED:
      /* Translators: %s is an order number */
      return g_strdup_printf (_("Order %s was not cancelled; nothing changed."), order_id);
    case DD_ACTION_STATE_UNKNOWN:
    case DD_ACTION_STATE_SENDING:
    default:
      /* Translators: %s is an order number */
      return g_strdup_printf (_("It is not known yet whether order %s is closed. "
                                "Read it again later before trying again."), order_id);
    }
}

/* Where the order stands as last read back, or NULL when none was read. */
static char *
status_sentence (DdCancelDialog *self,
                 DdOrder        *read_back)
{
  const char *order_id = dd_order_get_order_id (self->order);

  if (read_back == NULL)
    return NULL;

  switch (dd_order_get_status (read_back))
    {
    case DD_ORDER_STATUS_CLOSED:
      /* Translators: %s is an order number; as read back from its platform */
      return g_strdup_printf (_("Order %s is closed."), order_id);
    case DD_ORDER_STATUS_UNPAID:
      /* Translators: %s is an order number; as read back from its platform */
      return g_strdup_printf (_("Order %s is still open and unpaid."), order_id);
    case DD_ORDER_STATUS_UNKNOWN:
      return NULL;
    case DD_ORDER_STATUS_TO_SHIP:
    case DD_ORDER_STATUS_SHIPPED:
    case DD_ORDER_STATUS_COMPLETED:
    case DD_ORDER_STATUS_AFTER_SALE:
    case DD_ORDER_STATUS_FAILED:
    default:
      /* Translators: %s is an order number, %s its status ("To ship"…) */
      return g_strdup_printf (_("Order %s now reads: %s."), order_id,
                              dd_order_status_get_label (dd_order_get_status (read_back)));
    }
}

static void
run_cb (GObject      *source,
        GAsyncResult *res,
        gpointer      user_data)
{
  g_autoptr(DdCancelDialog) self = user_data;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = dd_action_runner_run_finish (DD_ACTION_RUNNER (source), res, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->runner == NULL)
    return;

  if (result == NULL)
    {
      /* Refused before anything was sent: busy, not allowed in its live
       * state, or the order could not be read again. Only the last may
       * be tried again as it is. */
      gboolean can_retry = error->domain != DD_ACTION_RULES_ERROR ||
                           error->code == DD_ACTION_REFUSAL_BUSY ||
                           error->code == DD_ACTION_REFUSAL_STATUS_UNKNOWN;

      g_debug ("Cancel of order %s refused: %s", dd_order_get_order_id (self->order), error->message);
      show_result (self,
                   /* Translators: heading of the cancel dialog when nothing was sent */
                   _("Order Not Cancelled"), error->message, can_retry);
      g_signal_emit (self, signals[SIGNAL_REFUSED], 0, error);
      return;
    }

  {
    g_autofree char *fallback = NULL;
    g_autofree char *now = status_sentence (self, result->order);
    g_autofree char *body = NULL;
    const char *message = result->message;

    if (message == NULL || message[0] == '\0')
      message = fallback = default_message (self, result->state);
    /* The runner's sentence says what happened; the order as read back
     * says where it stands now. */
    body = now != NULL ? g_strdup_printf ("%s\n\n%s", message, now) : g_strdup (message);
    g_debug ("Cancel of order %s ended: %s", dd_order_get_order_id (self->order),
             dd_action_state_to_nick (result->state));
    show_result (self, heading_for (result->state), body, result->can_retry);
  }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, result);
}

static void
start_run (DdCancelDialog *self)
{
  DdActionRequest request = { 0, };

  if (self->reason_id == NULL)
    return;

  self->stage = STAGE_RUNNING;
  update_responses (self);
  gtk_widget_set_sensitive (self->form, FALSE);
  gtk_widget_set_visible (self->progress, TRUE);
  gtk_spinner_start (self->spinner);

  request.action = DD_ACTION_CANCEL;
  request.account_id = dd_order_get_account_id (self->order);
  request.order_id = dd_order_get_order_id (self->order);
  request.reason_id = self->reason_id;
  request.remark = self->remark;

  g_debug ("Cancelling order %s of %s", request.order_id, request.account_id);
  dd_action_runner_run_async (self->runner, self->client, &request, self->cancellable,
                              run_cb, g_object_ref (self));
}

static void
dd_cancel_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  DdCancelDialog *self = DD_CANCEL_DIALOG (dialog);

  if (g_strcmp0 (response, "cancel-order") == 0)
    {
      if (self->stage == STAGE_RUNNING)
        return;
      if (self->stage == STAGE_ASKING)
        {
          const char *reason_id = chosen_reason_id (self);
          const char *remark = gtk_editable_get_text (GTK_EDITABLE (self->remark_entry));

          if (reason_id == NULL)
            return;
          g_free (self->reason_id);
          self->reason_id = g_strdup (reason_id);
          g_free (self->remark);
          self->remark = g_strstrip (g_strdup (remark));
          if (self->remark[0] == '\0')
            g_clear_pointer (&self->remark, g_free);
        }
      start_run (self);
      return;
    }

  /* "keep" (Keep Order, Escape, later Close). */
  if (self->stage != STAGE_RUNNING)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing goes through the responses: Escape is "keep", which closes
 * unless a run is on; a response button never closes by itself. */
static gboolean
dd_cancel_dialog_close_request (GtkWindow *window)
{
  DdCancelDialog *self = DD_CANCEL_DIALOG (window);

  if (self->stage == STAGE_RUNNING)
    return TRUE;

  /* Emits the close response (unless a button's response is on its way). */
  GTK_WINDOW_CLASS (dd_cancel_dialog_parent_class)->close_request (window);

  return TRUE;
}

/* The focus starts on Keep Order (the default), not on the reasons: Enter
 * keeps the order; the form is a Shift+Tab away. */
static void
dd_cancel_dialog_map (GtkWidget *widget)
{
  GtkWidget *keep;

  GTK_WIDGET_CLASS (dd_cancel_dialog_parent_class)->map (widget);

  keep = find_button (widget, adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (widget), "keep"));
  if (keep != NULL)
    gtk_widget_grab_focus (keep);
}

static void
dd_cancel_dialog_dispose (GObject *object)
{
  DdCancelDialog *self = DD_CANCEL_DIALOG (object);

  /* A running write goes on (it is never cancelled); its read-backs stop. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->runner);
  g_clear_object (&self->client);
  g_clear_object (&self->order);
  if (self->reasons != NULL)
    g_signal_handlers_disconnect_by_data (self->reasons, self);
  self->reasons = NULL;

  G_OBJECT_CLASS (dd_cancel_dialog_parent_class)->dispose (object);
}

static void
dd_cancel_dialog_finalize (GObject *object)
{
  DdCancelDialog *self = DD_CANCEL_DIALOG (object);

  g_free (self->account_name);
  g_free (self->reason_id);
  g_free (self->remark);

  G_OBJECT_CLASS (dd_cancel_dialog_parent_class)->finalize (object);
}

static void
dd_cancel_dialog_class_init (DdCancelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = dd_cancel_dialog_dispose;
  object_class->finalize = dd_cancel_dialog_finalize;
  widget_class->map = dd_cancel_dialog_map;
  window_class->close_request = dd_cancel_dialog_close_request;
  dialog_class->response = dd_cancel_dialog_response;

  /* A run ended (DdActionResult *, borrowed). */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* Refused before sending (GError *, borrowed). */
  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dd_cancel_dialog_init (DdCancelDialog *self)
{
  self->cancellable = g_cancellable_new ();
}

static GtkWidget *
build_form (DdCancelDialog *self)
{
  const DdCancelReason *reasons = get_reasons (self);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label;
  GtkWidget *dropdown;

  /* Translators: the reasons list's first item, chosen until a reason is */
  gtk_string_list_append (model, _("Choose a reason"));
  for (guint i = 0; reasons[i].id != NULL; i++)
    gtk_string_list_append (model, reasons[i].label != NULL ? reasons[i].label : reasons[i].id);

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* Translators: caption above the cancel reasons list */
  label = gtk_label_new_with_mnemonic (_("_Reason"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (self->form), label);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  self->reasons = GTK_DROP_DOWN (dropdown);
  gtk_drop_down_set_selected (self->reasons, 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the accessible name of the cancel reasons list */
                                  C_("accessible", "Reason"),
                                  -1);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (reason_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_first_child (dropdown), "map",
                           G_CALLBACK (describe_reason), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->form), dropdown);

  /* Translators: caption above the optional remark sent with a cancel */
  label = gtk_label_new_with_mnemonic (_("Re_mark (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (self->form), label);

  self->remark_entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (self->remark_entry), 200);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->remark_entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remark_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the accessible name of the cancel remark field */
                                  C_("accessible", "Remark"),
                                  -1);
  gtk_box_append (GTK_BOX (self->form), self->remark_entry);
  gtk_box_append (GTK_BOX (box), self->form);

  self->progress = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->progress, GTK_ALIGN_CENTER);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (self->progress), GTK_WIDGET (self->spinner));
  /* Translators: shown while the cancel is sent and its outcome checked */
  gtk_box_append (GTK_BOX (self->progress), gtk_label_new (_("Cancelling…")));
  gtk_widget_set_visible (self->progress, FALSE);
  gtk_box_append (GTK_BOX (box), self->progress);

  return box;
}

/**
 * dd_cancel_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @runner: the application's action runner
 * @client: the order's account's client
 * @order: the order to cancel (its account id and order id are sent)
 * @account_name: (nullable): the account's name, shown
 *
 * Returns: (transfer none): the dialog, not yet presented (GTK keeps it
 *   until it is closed)
 */
GtkWidget *
dd_cancel_dialog_new (GtkWindow      *parent,
                      DdActionRunner *runner,
                      DdClient       *client,
                      DdOrder        *order,
                      const char     *account_name)
{
  DdCancelDialog *self;
  AdwMessageDialog *dialog;
  g_autofree char *total = NULL;
  g_autofree char *body = NULL;
  g_autofree char *isolated_buyer = NULL;
  g_autofree char *isolated_account = NULL;
  const char *buyer;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (runner), NULL);
  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (DD_IS_ORDER (order), NULL);

  self = g_object_new (DD_TYPE_CANCEL_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "hide-on-close", FALSE,
                       "destroy-with-parent", TRUE,
                       NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->runner = g_object_ref (runner);
  self->client = g_object_ref (client);
  self->order = g_object_ref (order);
  self->account_name = g_strdup (account_name);

  buyer = dd_order_get_buyer_name (order);
  if (buyer == NULL || buyer[0] == '\0')
    buyer = dd_order_get_buyer_id (order);
  if (buyer == NULL || buyer[0] == '\0')
    /* Translators: the buyer of an order is not known */
    buyer = _("an unknown buyer");
  total = dd_ui_format_money (dd_order_get_total (order));
  if (total == NULL || total[0] == '\0')
    {
      g_free (total);
      total = g_strdup ("—");
    }

  /* The buyer's name and the account's are isolated: a bidi override in
   * them cannot reorder the sentence or the total (issue H). */
  isolated_buyer = dd_ui_isolate (buyer);
  isolated_account = dd_ui_isolate (account_name != NULL && account_name[0] != '\0'
                                      ? account_name : dd_order_get_account_id (order));
  /* Translators: the cancel dialog's text: an order number, its buyer,
   * its total and the account's name, e.g. "Order 2026…, bought by 张三
   * for ¥128.00 (Shop A), will be closed on its platform: the buyer can
   * then no longer pay for it." */
  body = g_strdup_printf (_("Order %s, bought by %s for %s (%s), will be closed on its platform: "
                            "the buyer can then no longer pay for it."),
                          dd_order_get_order_id (order), isolated_buyer, total,
                          isolated_account);

  /* Translators: heading of the dialog that cancels (closes) an unpaid order */
  adw_message_dialog_set_heading (dialog, _("Cancel Order?"));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    /* Translators: button: leave the order as it is */
                                    "keep", _("_Keep Order"),
                                    /* Translators: button: cancel (close) the order on its platform */
                                    "cancel-order", _("_Cancel Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-order", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  adw_message_dialog_set_extra_child (dialog, build_form (self));

  self->stage = STAGE_ASKING;
  update_responses (self);

  return GTK_WIDGET (self);
}
