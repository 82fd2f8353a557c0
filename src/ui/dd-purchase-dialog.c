/* dd-purchase-dialog.c: creating a purchase order that never happens twice
 *
 * An AdwWindow (it stays open to show progress and the result). The write
 * is the runner's (dd-action-runner.h): the dialog makes the idempotency
 * key once, checks the form (dd-purchase-form.c), freezes it at the first
 * click of "Create Order", hands the request to the runner, and shows what
 * the runner says. "Try Again" sends the frozen request again, key and
 * all, so the platform recognises a duplicate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-money.h"
#include "dd-purchase-dialog-private.h"
#include "dd-ui-format.h"

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
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdPurchaseDialog, dd_purchase_dialog, ADW_TYPE_WINDOW)

/* "dd" and 30 lower-case hex digits of a random UUID: 32 letters and
 * digits, well within what TOP's out_order_id and PandaPon's
 * sellerOrderNumber are seen to take (API.md documents no limit). */
static char *
new_key (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *key = g_string_new ("dd");

  for (const char *p = uuid; *p != '\0' && key->len < 32; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (key, g_ascii_tolower (*p));

  return g_string_free (key, FALSE);
}

static gboolean
client_can_create (DdAccount *account)
{
  DdClient *client = dd_account_get_client (account);

  return client != NULL &&
         (dd_client_get_capabilities (client) & DD_CLIENT_CAN_CREATE_PURCHASE) != 0;
}

gboolean
dd_purchase_dialog_can_create (GListModel *accounts)
{
  guint n;

  g_return_val_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts), FALSE);

  n = accounts != NULL ? g_list_model_get_n_items (accounts) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (accounts, i);

      if (DD_IS_ACCOUNT (item) && client_can_create (DD_ACCOUNT (item)))
        return TRUE;
    }

  return FALSE;
}

const char *
dd_purchase_dialog_get_idempotency_key (DdPurchaseDialog *self)
{
  g_return_val_if_fail (DD_IS_PURCHASE_DIALOG (self), NULL);

  return self->key;
}

const DdPurchasePreview *
dd_purchase_dialog_get_preview (DdPurchaseDialog *self)
{
  g_return_val_if_fail (DD_IS_PURCHASE_DIALOG (self), NULL);

  return self->preview;
}

gboolean
dd_purchase_dialog_get_busy (DdPurchaseDialog *self)
{
  g_return_val_if_fail (DD_IS_PURCHASE_DIALOG (self), FALSE);

  return self->running || self->previewing;
}

static void
set_busy (DdPurchaseDialog *self,
          gboolean          previewing,
          gboolean          running)
{
  gboolean was_busy = dd_purchase_dialog_get_busy (self);

  self->previewing = previewing;
  self->running = running;
  if (was_busy != dd_purchase_dialog_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
dd_purchase_dialog_set_status (DdPurchaseDialog *self,
                               gboolean          spinning,
                               const char       *text)
{
  /* Plain text: messages may quote the platform, never markup. */
  gtk_label_set_text (GTK_LABEL (self->status_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->status_label, text != NULL && *text != '\0');
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), spinning);
  gtk_widget_set_visible (self->spinner, spinning);
}

/* The buttons and the form, from the state. */
void
dd_purchase_dialog_update (DdPurchaseDialog *self)
{
  gboolean busy = self->running || self->previewing;
  gboolean editable = !busy && self->sent == NULL;
  gboolean connected;
  DdAccount *account;

  if (self->create_button == NULL || self->offline_label == NULL)
    return;

  /* A focused entry made insensitive would keep its focus (GtkText warns
   * of a missing focus-out): the focus leaves the form first. */
  if (!editable)
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

      if (focus != NULL && (focus == self->preview_button || gtk_widget_is_ancestor (focus, self->form)))
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }

  account = self->sent_account != NULL ? self->sent_account : dd_purchase_dialog_get_account (self);
  connected = account != NULL && dd_account_get_client (account) != NULL;
  if (account != NULL && !connected)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is an account's name; its client is gone (signed out, reconnecting) */
      text = g_strdup_printf (_("The account “%s” is not connected: nothing can be sent until it is "
                                "signed in again (Accounts)."), dd_account_get_name (account));
      gtk_label_set_text (GTK_LABEL (self->offline_label), text);
    }
  gtk_widget_set_visible (self->offline_label, account != NULL && !connected);

  gtk_widget_set_sensitive (self->form, editable);
  gtk_widget_set_sensitive (self->preview_button, editable && connected);
  gtk_widget_set_visible (self->create_button, !self->settled);
  gtk_widget_set_sensitive (self->create_button, editable && connected);
  gtk_widget_set_visible (self->retry_button, self->settled && self->can_retry && !busy);
  gtk_widget_set_sensitive (self->retry_button, connected);
  /* The outcome of a run is always shown: no closing until it is known. */
  gtk_widget_set_sensitive (self->close_button, !self->running);
  if (self->unfinished_box != NULL)
    gtk_widget_set_sensitive (self->check_again_button, !busy && self->sent == NULL);
  gtk_button_set_label (GTK_BUTTON (self->close_button),
                        self->settled ? _("_Close") : _("_Cancel"));
}

/* Preview. */

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdPurchaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdPurchasePreview) preview = NULL;
  g_autofree char *total = NULL;
  g_autofree char *shipping = NULL;
  GString *text;

  preview = dd_client_render_purchase_finish (DD_CLIENT (source), result, &error);
  if (self->disposed)
    return;
  set_busy (self, FALSE, self->running);

  if (preview == NULL)
    {
      g_autofree char *message = NULL;

      g_debug ("Purchase preview: %s", error->message);
      /* Translators: %s is the platform's reason (its own words) */
      message = g_strdup_printf (_("The platform gave no preview: %s"), error->message);
      dd_purchase_dialog_set_status (self, FALSE, message);
      dd_purchase_dialog_update (self);
      gtk_widget_grab_focus (self->preview_button);
      return;
    }

  total = dd_ui_format_money (&preview->total);
  shipping = dd_ui_format_money (&preview->shipping_fee);
  text = g_string_new (NULL);
  /* Translators: the platform's preview of a purchase order: its total and shipping fee */
  g_string_append_printf (text, _("The platform’s total: %s (shipping %s)"), total, shipping);
  if (preview->unavailable != NULL && preview->unavailable->len > 0)
    {
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint i = 0; i < preview->unavailable->len; i++)
        {
          if (i > 0)
            g_string_append (ids, ", ");
          g_string_append (ids, g_array_index (preview->unavailable, char *, i));
        }
      g_string_append_c (text, '\n');
      /* Translators: %s lists item ids the platform says cannot be bought */
      g_string_append_printf (text, _("These items cannot be bought: %s"), ids->str);
    }

  /* Plain text: the ids are the platform's. */
  gtk_label_set_text (GTK_LABEL (self->preview_label), text->str);
  gtk_widget_set_visible (self->preview_label, TRUE);
  g_string_free (text, TRUE);
  g_clear_pointer (&self->preview, dd_purchase_preview_free);
  self->preview = g_steal_pointer (&preview);
  dd_purchase_dialog_set_status (self, FALSE, NULL);
  dd_purchase_dialog_update (self);
  gtk_widget_grab_focus (self->preview_button);
}

static void
preview_clicked_cb (GtkButton        *button,
                    DdPurchaseDialog *self)
{
  g_autoptr(DdPurchaseRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  DdAccount *account;
  DdClient *client;

  if (dd_purchase_dialog_get_busy (self) || self->sent != NULL)
    return;

  request = dd_purchase_dialog_build_request (self, &error);
  if (request == NULL)
    {
      dd_purchase_dialog_set_status (self, FALSE, error->message);
      return;
    }

  account = dd_purchase_dialog_get_account (self);
  client = account != NULL ? dd_account_get_client (account) : NULL;
  if (client == NULL)
    {
      /* Signed out or reconnecting: the runner would refuse a NULL client
       * without ever answering. */
      dd_purchase_dialog_update (self);
      return;
    }
  set_busy (self, TRUE, FALSE);
  /* Translators: shown while the platform computes a purchase order's total */
  dd_purchase_dialog_set_status (self, TRUE, _("Asking the platform for a preview…"));
  dd_purchase_dialog_update (self);
  dd_client_render_purchase_async (client, request, self->cancellable,
                                   preview_cb, g_object_ref (self));
}

/* Running. */

static const char *
heading_for (DdActionState state)
{
  switch (state)
    {
    case DD_ACTION_STATE_DONE:
    case DD_ACTION_STATE_CONFIRMED_BY_READ_BACK:
      /* Translators: heading once a purchase order was created */
      return _("Purchase Order Created");
    case DD_ACTION_STATE_FAILED:
      /* Translators: heading when the platform refused a purchase order */
      return _("Purchase Order Not Created");
    case DD_ACTION_STATE_UNKNOWN:
    case DD_ACTION_STATE_SENDING:
    default:
      /* Translators: heading when it is not known whether a purchase order was created */
      return _("Outcome Unknown");
    }
}

static void
show_heading (DdPurchaseDialog *self,
              const char       *heading)
{
  gtk_label_set_text (GTK_LABEL (self->result_heading), heading != NULL ? heading : "");
  gtk_widget_set_visible (self->result_heading, heading != NULL);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DdPurchaseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionResult) answer = NULL;

  answer = dd_action_runner_run_finish (DD_ACTION_RUNNER (source), result, &error);
  set_busy (self, self->previewing, FALSE);

  if (answer == NULL)
    {
      g_debug ("Purchase order %s refused: %s", self->key, error->message);
      if (!self->settled)
        {
          /* Nothing was ever sent with the key: the form may change. */
          g_clear_pointer (&self->sent, dd_purchase_request_free);
          g_clear_object (&self->sent_account);
          self->can_retry = FALSE;
        }
      else
        self->can_retry = g_error_matches (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_BUSY);
      if (!self->disposed)
        {
          /* Translators: heading when a purchase order was not sent at all */
          show_heading (self, _("Purchase Order Not Sent"));
          dd_purchase_dialog_set_status (self, FALSE, error->message);
          dd_purchase_dialog_update (self);
        }
      g_signal_emit (self, signals[SIGNAL_REFUSED], 0, error);
    }
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *message = answer->message;

      self->settled = TRUE;
      self->can_retry = answer->can_retry;
      if (message == NULL || *message == '\0')
        message = dd_action_state_get_label (answer->state);

      /* The runner decides whether a retry is safe (not for 1688, whose
       * create takes no key of ours) and says why. */
      g_string_append (text, message);

      if (answer->order != NULL && dd_order_get_order_id (answer->order) != NULL)
        {
          g_string_append (text, "\n\n");
          /* Translators: %s is the new purchase order's number on its platform */
          g_string_append_printf (text, _("Order number: %s"), dd_order_get_order_id (answer->order));
        }

      g_debug ("Purchase order %s ended: %s", self->key, dd_action_state_to_nick (answer->state));
      if (!self->disposed)
        {
          show_heading (self, heading_for (answer->state));
          dd_purchase_dialog_set_status (self, FALSE, text->str);
          dd_purchase_dialog_update (self);
          gtk_widget_grab_focus (self->can_retry ? self->retry_button : self->close_button);
        }
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, answer);
    }

}

void
dd_purchase_dialog_run (DdPurchaseDialog *self)
{
  DdActionRequest request = { 0, };
  DdClient *client;

  if (dd_purchase_dialog_get_busy (self) || (self->settled && !self->can_retry))
    return;

  if (self->sent == NULL)
    {
      g_autoptr(GError) error = NULL;
      DdAccount *account = dd_purchase_dialog_get_account (self);

      /* No client (signed out, reconnecting): nothing is sent, and the
       * runner would never answer a NULL client. */
      if (account == NULL || dd_account_get_client (account) == NULL)
        {
          dd_purchase_dialog_update (self);
          return;
        }
      self->sent = dd_purchase_dialog_build_request (self, &error);
      if (self->sent == NULL)
        {
          /* Nothing is sent while an input is wrong. */
          dd_purchase_dialog_set_status (self, FALSE, error->message);
          return;
        }
      self->sent_account = g_object_ref (account);
    }

  client = dd_account_get_client (self->sent_account);
  if (client == NULL)
    {
      dd_purchase_dialog_update (self);
      return;
    }

  /* Insensitive from the first click until the runner answers; from now
   * on only this request, as it is, can be sent. */
  self->can_retry = FALSE;
  set_busy (self, self->previewing, TRUE);
  show_heading (self, NULL);
  /* Translators: shown while a purchase order is sent and its outcome checked */
  dd_purchase_dialog_set_status (self, TRUE, _("Creating the purchase order…"));
  dd_purchase_dialog_update (self);

  request.action = DD_ACTION_CREATE_PURCHASE;
  request.account_id = dd_account_get_id (self->sent_account);
  request.purchase = self->sent;

  g_debug ("Creating purchase order %s for %s", self->key, request.account_id);
  dd_action_runner_run_async (self->runner, client, &request,
                              NULL, run_cb, g_object_ref (self));
}

static void
create_clicked_cb (GtkButton        *button,
                   DdPurchaseDialog *self)
{
  if (self->settled)
    return;
  dd_purchase_dialog_run (self);
}

static void
retry_clicked_cb (GtkButton        *button,
                  DdPurchaseDialog *self)
{
  if (!self->settled || !self->can_retry)
    return;
  dd_purchase_dialog_run (self);
}

static void
close_clicked_cb (GtkButton        *button,
                  DdPurchaseDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* No closing while the order is sent (Escape, the close button, the
 * window manager): its outcome is always shown, and a hidden dialog would
 * let a second dialog create the order again with a new key. */
static gboolean
dd_purchase_dialog_close_request (GtkWindow *window)
{
  DdPurchaseDialog *self = DD_PURCHASE_DIALOG (window);

  if (self->running)
    {
      /* Translators: shown when the person tries to close the purchase dialog while the order is sent */
      dd_purchase_dialog_set_status (self, TRUE, _("The purchase order is being sent: this window "
                                                   "closes once its outcome is known."));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (dd_purchase_dialog_parent_class)->close_request (window);
}

static void
dd_purchase_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DdPurchaseDialog *self = DD_PURCHASE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, dd_purchase_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_purchase_dialog_dispose (GObject *object)
{
  DdPurchaseDialog *self = DD_PURCHASE_DIALOG (object);

  self->disposed = TRUE;
  /* A preview stops; a write in flight goes on (the runner's). */
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (dd_purchase_dialog_parent_class)->dispose (object);
}

static void
dd_purchase_dialog_finalize (GObject *object)
{
  DdPurchaseDialog *self = DD_PURCHASE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->sent, dd_purchase_request_free);
  g_clear_object (&self->sent_account);
  g_clear_pointer (&self->preview, dd_purchase_preview_free);
  g_clear_pointer (&self->unfinished, dd_action_record_free);
  g_free (self->key);

  G_OBJECT_CLASS (dd_purchase_dialog_parent_class)->finalize (object);
}

static void
dd_purchase_dialog_class_init (DdPurchaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = dd_purchase_dialog_get_property;
  object_class->dispose = dd_purchase_dialog_dispose;
  object_class->finalize = dd_purchase_dialog_finalize;
  window_class->close_request = dd_purchase_dialog_close_request;

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
}

static void
dd_purchase_dialog_init (DdPurchaseDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  /* Made once: every attempt of this dialog's order sends it. */
  self->key = new_key ();
}

static GtkWidget *
build_buttons (DdPurchaseDialog *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->close_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_name (self->close_button, "close-button");
  g_signal_connect (self->close_button, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->close_button);

  /* Translators: button: send the same purchase order (same number) again */
  self->retry_button = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_set_name (self->retry_button, "retry-button");
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->retry_button);

  /* Translators: button creating the purchase order on its platform */
  /* No mnemonic: no key press sends an order (as the pay button). */
  self->create_button = gtk_button_new_with_label (_("Create Order"));
  gtk_widget_set_name (self->create_button, "create-button");
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  /* An order is created only by a click of its own: never the default. */
  gtk_widget_set_receives_default (self->create_button, FALSE);
  g_signal_connect (self->create_button, "clicked", G_CALLBACK (create_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->create_button);

  return buttons;
}

static void
account_client_changed_cb (DdPurchaseDialog *self)
{
  if (!self->disposed)
    dd_purchase_dialog_update (self);
}

/**
 * dd_purchase_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @runner: the application's action runner
 * @accounts: (element-type DdAccount): the accounts; the capable ones are offered
 *
 * Returns: (transfer none): the dialog, not yet presented. A GtkWindow
 *   is not floating: GTK's list of toplevels holds it until it is closed
 *   or gtk_window_destroy() is called
 */
GtkWidget *
dd_purchase_dialog_new (GtkWindow      *parent,
                        DdActionRunner *runner,
                        GListModel     *accounts)
{
  DdPurchaseDialog *self;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *content;
  GtkWidget *bottom;
  GtkWidget *status_box;
  GtkEventController *shortcuts;
  guint n;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_ACTION_RUNNER (runner), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  self = g_object_new (DD_TYPE_PURCHASE_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       /* Translators: title of the dialog creating a purchase order */
                       "title", _("New Purchase Order"),
                       "default-width", 640,
                       "default-height", 720,
                       NULL);
  self->runner = g_object_ref (runner);

  n = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (accounts, i);

      if (DD_IS_ACCOUNT (item) && client_can_create (DD_ACCOUNT (item)))
        {
          g_ptr_array_add (self->accounts, g_object_ref (item));
          /* Signing out or reconnecting drops the client: Create follows. */
          g_signal_connect_object (item, "notify::client", G_CALLBACK (account_client_changed_cb),
                                   self, G_CONNECT_SWAPPED);
        }
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (box), header);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_box_append (GTK_BOX (content), dd_purchase_dialog_build_unfinished (self));
  dd_purchase_dialog_build_form (self, GTK_BOX (content));

  bottom = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (bottom, 18);
  gtk_widget_set_margin_end (bottom, 18);
  gtk_widget_set_margin_top (bottom, 6);
  gtk_widget_set_margin_bottom (bottom, 18);
  self->result_heading = gtk_label_new (NULL);
  gtk_widget_set_name (self->result_heading, "result-heading");
  gtk_label_set_xalign (GTK_LABEL (self->result_heading), 0.0);
  gtk_widget_add_css_class (self->result_heading, "title-4");
  gtk_widget_set_visible (self->result_heading, FALSE);
  gtk_box_append (GTK_BOX (bottom), self->result_heading);
  self->offline_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->offline_label, "offline-label");
  gtk_label_set_xalign (GTK_LABEL (self->offline_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->offline_label), TRUE);
  gtk_widget_add_css_class (self->offline_label, "error");
  gtk_widget_set_visible (self->offline_label, FALSE);
  gtk_box_append (GTK_BOX (bottom), self->offline_label);
  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (status_box), self->spinner);
  self->status_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->status_label, "status-label");
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_set_hexpand (self->status_label, TRUE);
  gtk_box_append (GTK_BOX (status_box), self->status_label);
  gtk_box_append (GTK_BOX (bottom), status_box);
  gtk_box_append (GTK_BOX (bottom), build_buttons (self));
  gtk_box_append (GTK_BOX (box), bottom);

  g_signal_connect (self->preview_button, "clicked", G_CALLBACK (preview_clicked_cb), self);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  dd_purchase_dialog_add_line (self);
  dd_purchase_dialog_set_status (self, FALSE,
                                 self->accounts->len == 0
                                 ? _("No account can create purchase orders.") : NULL);
  dd_purchase_dialog_form_changed (self);
  if (self->lines->len > 0)
    gtk_widget_grab_focus (((DdPurchaseLineRow *) g_ptr_array_index (self->lines, 0))->item);

  return GTK_WIDGET (self);
}
