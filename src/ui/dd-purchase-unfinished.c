/* dd-purchase-unfinished.c: an earlier purchase order whose outcome is
 * unknown, shown when New Purchase Order opens
 *
 * The action log may hold a create-purchase entry still "sending" or
 * "unknown" (the dialog was closed, Dingdan stopped). A new dialog's new
 * key would make a second order: the earlier one is shown first, with its
 * key and time. It is sent again ("Check Again", with THAT key, so the
 * platform answers a duplicate with the order it made) only when its
 * parameters hold the whole order; never a partial one, never 1688's (it
 * takes no key): then the person is told to sync and look for the order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-money.h"
#include "dd-purchase-dialog-private.h"
#include "dd-ui-format.h"

/* An earlier entry's order (dd_purchase_dialog_show_unfinished()). */

static JsonObject *
record_params (const DdActionRecord *record,
               JsonNode            **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  *root = NULL;
  if (record->params == NULL || !json_parser_load_from_data (parser, record->params, -1, &error))
    {
      if (error != NULL)
        g_debug ("Purchase entry %" G_GINT64_FORMAT ": %s", record->id, error->message);
      return NULL;
    }
  *root = json_parser_steal_root (parser);
  if (*root == NULL || !JSON_NODE_HOLDS_OBJECT (*root))
    {
      g_clear_pointer (root, json_node_unref);
      return NULL;
    }
  return json_node_get_object (*root);
}

gboolean
dd_purchase_dialog_record_is_1688 (const DdActionRecord *record)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *params = record_params (record, &root);

  return params != NULL && g_strcmp0 (json_object_get_string_member_with_default (params, "source", ""),
                                      "1688") == 0;
}

static char *
member_dup (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

DdPurchaseRequest *
dd_purchase_dialog_request_from_record (const DdActionRecord *record)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdPurchaseRequest) request = NULL;
  JsonObject *params;
  JsonArray *lines;
  const char *currency;
  g_autofree char *total = NULL;

  if (record->idempotency_key == NULL || record->action != DD_ACTION_CREATE_PURCHASE)
    return NULL;
  params = record_params (record, &root);
  if (params == NULL || dd_purchase_dialog_record_is_1688 (record))
    return NULL;

  request = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO, record->idempotency_key);
  /* The whole receiver, or nothing: never a partial order. */
  request->receiver.receiver_name = member_dup (params, "receiver");
  request->receiver.receiver_phone = member_dup (params, "receiver_phone");
  request->receiver.country_code = member_dup (params, "country");
  request->receiver.state = member_dup (params, "state");
  request->receiver.city = member_dup (params, "city");
  request->receiver.area = member_dup (params, "area");
  request->receiver.detail_address = member_dup (params, "detail_address");
  request->receiver.zip = member_dup (params, "zip");
  request->remark = member_dup (params, "remark");
  if (request->receiver.receiver_name == NULL || request->receiver.receiver_phone == NULL ||
      request->receiver.city == NULL || request->receiver.detail_address == NULL)
    return NULL;

  currency = json_object_get_string_member_with_default (params, "currency", "CNY");
  total = member_dup (params, "total");
  if (total == NULL || !dd_money_parse_decimal (total, currency, &request->total, NULL))
    return NULL;

  if (!json_object_has_member (params, "lines") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (params, "lines")))
    return NULL;
  lines = json_object_get_array_member (params, "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonNode *node = json_array_get_element (lines, i);
      JsonObject *line;
      g_autofree char *item = NULL;
      g_autofree char *sku = NULL;
      g_autofree char *price = NULL;
      DdMoney unit_price = DD_MONEY_INIT;
      gint64 quantity;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      line = json_node_get_object (node);
      item = member_dup (line, "item_id");
      sku = member_dup (line, "sku_id");
      price = member_dup (line, "unit_price");
      quantity = json_object_get_int_member_with_default (line, "quantity", 0);
      if (item == NULL || price == NULL || quantity < 1 || quantity > G_MAXUINT ||
          !dd_money_parse_decimal (price, currency, &unit_price, NULL))
        return NULL;
      dd_purchase_request_add_line (request, item, sku, (guint) quantity, &unit_price);
    }
  if (request->lines == NULL || request->lines->len == 0)
    return NULL;

  return g_steal_pointer (&request);
}

/* An earlier purchase order whose outcome is unknown. */

static void
check_again_clicked_cb (GtkButton        *button,
                        DdPurchaseDialog *self)
{
  g_autoptr(DdPurchaseRequest) request = NULL;
  DdAccount *account = NULL;

  if (self->unfinished == NULL || dd_purchase_dialog_get_busy (self) || self->sent != NULL)
    return;

  request = dd_purchase_dialog_request_from_record (self->unfinished);
  for (guint i = 0; i < self->accounts->len; i++)
    if (g_strcmp0 (dd_account_get_id (g_ptr_array_index (self->accounts, i)),
                   self->unfinished->account_id) == 0)
      account = g_ptr_array_index (self->accounts, i);
  if (request == NULL || account == NULL)
    return;
  if (dd_account_get_client (account) == NULL)
    {
      dd_purchase_dialog_update (self);
      return;
    }

  /* From now on the dialog is that order's: its key, its request. */
  g_free (self->key);
  self->key = g_strdup (self->unfinished->idempotency_key);
  gtk_label_set_text (GTK_LABEL (self->key_label), self->key);
  self->sent = g_steal_pointer (&request);
  self->sent_account = g_object_ref (account);
  self->settled = TRUE;
  self->can_retry = TRUE;
  /* The result shows below, as for Create. */
  gtk_widget_set_visible (self->unfinished_box, FALSE);
  dd_purchase_dialog_run (self);
}

static void
open_log_clicked_cb (GtkButton        *button,
                     DdPurchaseDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.action-log", NULL);
}

GtkWidget *
dd_purchase_dialog_build_unfinished (DdPurchaseDialog *self)
{
  GtkWidget *buttons;

  self->unfinished_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (self->unfinished_box, "unfinished-box");
  gtk_widget_add_css_class (self->unfinished_box, "card");
  gtk_widget_set_visible (self->unfinished_box, FALSE);

  self->unfinished_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->unfinished_label, "unfinished-label");
  gtk_label_set_xalign (GTK_LABEL (self->unfinished_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->unfinished_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->unfinished_label), TRUE);
  gtk_widget_set_margin_start (self->unfinished_label, 12);
  gtk_widget_set_margin_end (self->unfinished_label, 12);
  gtk_widget_set_margin_top (self->unfinished_label, 12);
  gtk_box_append (GTK_BOX (self->unfinished_box), self->unfinished_label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_start (buttons, 12);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 12);
  /* Translators: button: open the window listing every action sent to a platform */
  self->open_log_button = gtk_button_new_with_label (_("Open the Action Log"));
  gtk_widget_set_name (self->open_log_button, "open-log-button");
  g_signal_connect (self->open_log_button, "clicked", G_CALLBACK (open_log_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->open_log_button);
  /* Translators: button: send an earlier purchase order again, with its own number, to learn its outcome */
  self->check_again_button = gtk_button_new_with_label (_("Check Again"));
  gtk_widget_set_name (self->check_again_button, "check-again-button");
  g_signal_connect (self->check_again_button, "clicked", G_CALLBACK (check_again_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->check_again_button);
  gtk_box_append (GTK_BOX (self->unfinished_box), buttons);

  return self->unfinished_box;
}

gboolean
dd_purchase_dialog_show_unfinished (DdPurchaseDialog *self,
                                    DdCache          *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(DdPurchaseRequest) request = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GString) text = NULL;
  const DdActionRecord *found = NULL;
  gboolean from_1688;

  g_return_val_if_fail (DD_IS_PURCHASE_DIALOG (self), FALSE);
  g_return_val_if_fail (DD_IS_CACHE (cache), FALSE);

  entries = dd_action_log_unfinished (cache, NULL, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the action log: %s", error->message);
      return FALSE;
    }

  /* Oldest first: the newest create of an offered account is shown. */
  for (guint i = 0; i < entries->len; i++)
    {
      const DdActionRecord *record = g_ptr_array_index (entries, i);

      if (record->action != DD_ACTION_CREATE_PURCHASE)
        continue;
      for (guint j = 0; j < self->accounts->len; j++)
        if (g_strcmp0 (dd_account_get_id (g_ptr_array_index (self->accounts, j)), record->account_id) == 0)
          found = record;
    }

  g_clear_pointer (&self->unfinished, dd_action_record_free);
  if (found == NULL)
    {
      gtk_widget_set_visible (self->unfinished_box, FALSE);
      return FALSE;
    }
  self->unfinished = dd_action_record_copy (found);

  from_1688 = dd_purchase_dialog_record_is_1688 (found);
  if (!from_1688 && found->idempotency_key != NULL)
    request = dd_purchase_dialog_request_from_record (found);

  time = g_date_time_new_from_unix_local (found->time_ms / 1000);
  when = dd_ui_format_date (time);
  text = g_string_new (NULL);
  if (found->idempotency_key != NULL)
    /* Translators: %1$s is a purchase order's number made by Dingdan, %2$s when it was sent */
    g_string_append_printf (text, _("An earlier purchase order’s outcome is unknown: %1$s, sent %2$s."),
                            found->idempotency_key, when);
  else
    /* Translators: %s is when the purchase order was sent */
    g_string_append_printf (text, _("An earlier purchase order’s outcome is unknown: sent %s."), when);
  g_string_append_c (text, '\n');
  if (from_1688)
    g_string_append (text, _("1688 does not take Dingdan’s purchase order number, so sending it again "
                             "could create a second order: sync the account and look for the order "
                             "before creating it again."));
  else if (request != NULL)
    g_string_append (text, _("“Check Again” sends that very order again with its own number: the "
                             "platform answers with the order if it was made, and makes none twice."));
  else
    g_string_append (text, _("The action log does not keep the receiver’s phone and street, so it cannot "
                             "be sent again from here: sync the account and look for the order before "
                             "creating it again."));

  /* Plain text: the key is ours, the rest translated. */
  gtk_label_set_text (GTK_LABEL (self->unfinished_label), text->str);
  gtk_widget_set_visible (self->check_again_button, request != NULL);
  gtk_widget_set_visible (self->open_log_button, request == NULL);
  gtk_widget_set_visible (self->unfinished_box, TRUE);
  dd_purchase_dialog_update (self);

  return TRUE;
}
