/* dd-purchase-form.c: the purchase dialog's form and its checks
 *
 * The account, the source, the lines, the receiver and the remark; the
 * lines' amount as it is typed; and dd_purchase_dialog_build_request(),
 * which refuses what a platform would refuse (or what would be a mistake)
 * before anything is sent, each error translated beside its field.
 *
 * What each platform requires of the receiver: PandaPon (Taobao goods:
 * name, address, state, city and a phone; 1688 goods: fullName,
 * provinceText, cityText, address and a phone, API.md §3 and the sandbox)
 * and TOP procurement (consignee_name, mobile_phone, address_detail).
 * TOP's ids are numbers (dd_top_pc_build_order_param()), its quantities at
 * most 9999.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-money.h"
#include "dd-purchase-dialog-private.h"
#include "dd-ui-format.h"

#define MAX_QUANTITY 9999
#define MAX_LINES    50

static const char *
entry_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* @entry's text without surrounding spaces (newly allocated). */
static char *
stripped (GtkWidget *entry)
{
  return g_strstrip (g_strdup (entry_text (entry)));
}

static gboolean
all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

DdAccount *
dd_purchase_dialog_get_account (DdPurchaseDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->account_row));

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->accounts->len)
    return NULL;

  return g_ptr_array_index (self->accounts, selected);
}

static gboolean
is_pandapon (DdAccount *account)
{
  return account != NULL && g_strcmp0 (dd_account_get_platform (account), DD_PLATFORM_PANDAPON) == 0;
}

static gboolean
is_top_pc (DdAccount *account)
{
  return account != NULL && g_strcmp0 (dd_account_get_platform (account), DD_PLATFORM_TOP_PC) == 0;
}

DdPurchaseSource
dd_purchase_dialog_get_source (DdPurchaseDialog *self)
{
  /* Only PandaPon buys from 1688; TOP procurement buys Taobao goods. */
  if (is_pandapon (dd_purchase_dialog_get_account (self)) &&
      adw_combo_row_get_selected (ADW_COMBO_ROW (self->source_row)) == 1)
    return DD_PURCHASE_SOURCE_1688;

  return DD_PURCHASE_SOURCE_TAOBAO;
}

/* Whether the account's platform requires the receiver's @field. */
static gboolean
field_required (DdAccount       *account,
                DdReceiverField  field)
{
  switch (field)
    {
    case DD_RECEIVER_NAME:
    case DD_RECEIVER_PHONE:
    case DD_RECEIVER_DETAIL:
      return TRUE;
    case DD_RECEIVER_STATE:
    case DD_RECEIVER_CITY:
      return is_pandapon (account);
    case DD_RECEIVER_COUNTRY:
    case DD_RECEIVER_AREA:
    case DD_RECEIVER_ZIP:
    case DD_RECEIVER_N_FIELDS:
    default:
      return FALSE;
    }
}

/* Errors. */

static void
show_error (GtkWidget  *label,
            GtkWidget  *entry,
            const char *text)
{
  /* Plain text, translated. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, TRUE);
  if (entry != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
}

static void
clear_entry_error (GtkWidget *entry)
{
  gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
clear_line_errors (DdPurchaseLineRow *line)
{
  gtk_widget_set_visible (line->error, FALSE);
  clear_entry_error (line->item);
  clear_entry_error (line->sku);
  clear_entry_error (line->quantity);
  clear_entry_error (line->price);
}

void
dd_purchase_dialog_clear_errors (DdPurchaseDialog *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    clear_line_errors (g_ptr_array_index (self->lines, i));
  for (guint f = 0; f < DD_RECEIVER_N_FIELDS; f++)
    {
      gtk_widget_set_visible (self->receiver_error[f], FALSE);
      clear_entry_error (self->receiver[f]);
    }
}

/* Parsing one line. */

/* The quantity typed, or 0 (and @why) when it is not one. */
static guint
parse_quantity (const char  *text,
                const char **why)
{
  guint64 value = 0;

  if (*text == '\0')
    {
      /* Translators: input error beside a purchase order line */
      *why = _("Write the quantity.");
      return 0;
    }
  if (!all_digits (text) ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL) ||
      value < 1 || value > MAX_QUANTITY)
    {
      *why = NULL;  /* the caller says which numbers are allowed */
      return 0;
    }

  return (guint) value;
}

/* The unit price typed, in fen ("12.5", "¥12.50"); FALSE when it is not one. */
static gboolean
parse_price (const char *text,
             DdMoney    *price)
{
  g_autofree char *copy = g_strdup (text);
  char *p = copy;

  if (g_str_has_prefix (p, "¥"))
    p += strlen ("¥");
  else if (g_str_has_prefix (p, "￥"))
    p += strlen ("￥");
  g_strstrip (p);

  return dd_money_parse_decimal (p, "CNY", price, NULL) && price->minor > 0;
}

/* Checks @line; on success fills the out values (@item and @sku newly
 * allocated, @sku NULL when empty). Shows the first error beside it. */
static gboolean
check_line (DdPurchaseLineRow *line,
            DdAccount         *account,
            char             **item_out,
            char             **sku_out,
            guint             *quantity_out,
            DdMoney           *price_out)
{
  g_autofree char *item = stripped (line->item);
  g_autofree char *sku = stripped (line->sku);
  g_autofree char *quantity_text = stripped (line->quantity);
  g_autofree char *price_text = stripped (line->price);
  gboolean numeric = is_top_pc (account);
  const char *why = NULL;
  guint quantity;
  DdMoney price = DD_MONEY_INIT;

  if (*item == '\0')
    {
      /* Translators: input error beside a purchase order line */
      show_error (line->error, line->item, _("Write the item’s ID."));
      return FALSE;
    }
  if (has_space (item) || (numeric && !all_digits (item)))
    {
      show_error (line->error, line->item,
                  numeric
                  /* Translators: input error beside a purchase order line */
                  ? _("An item ID is made of digits only.")
                  /* Translators: input error beside a purchase order line */
                  : _("An item ID has no spaces."));
      return FALSE;
    }
  if (*sku != '\0' && (has_space (sku) || (numeric && !all_digits (sku))))
    {
      show_error (line->error, line->sku,
                  numeric
                  /* Translators: input error beside a purchase order line */
                  ? _("A SKU ID is made of digits only.")
                  /* Translators: input error beside a purchase order line */
                  : _("A SKU ID has no spaces."));
      return FALSE;
    }

  quantity = parse_quantity (quantity_text, &why);
  if (quantity == 0)
    {
      g_autofree char *text = NULL;

      if (why == NULL)
        /* Translators: input error beside a purchase order line; %d is the largest quantity */
        text = g_strdup_printf (_("The quantity is a whole number from 1 to %d."), MAX_QUANTITY);
      show_error (line->error, line->quantity, why != NULL ? why : text);
      return FALSE;
    }

  if (*price_text == '\0')
    {
      /* Translators: input error beside a purchase order line */
      show_error (line->error, line->price, _("Write the unit price in yuan."));
      return FALSE;
    }
  if (!parse_price (price_text, &price))
    {
      /* Translators: input error beside a purchase order line */
      show_error (line->error, line->price, _("The unit price is an amount in yuan above zero, such as 12.50."));
      return FALSE;
    }
  if (price.minor > G_MAXINT64 / quantity)
    {
      /* Translators: input error beside a purchase order line */
      show_error (line->error, line->quantity, _("This line’s amount is too large."));
      return FALSE;
    }

  *item_out = g_steal_pointer (&item);
  *sku_out = *sku != '\0' ? g_steal_pointer (&sku) : NULL;
  *quantity_out = quantity;
  *price_out = price;

  return TRUE;
}

static gboolean
phone_valid (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+- ()", *p) == NULL)
        return FALSE;
    }

  return digits >= 5;
}

static char *
field_text_or_null (GtkWidget *entry)
{
  char *text = stripped (entry);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

DdPurchaseRequest *
dd_purchase_dialog_build_request (DdPurchaseDialog  *self,
                                  GError           **error)
{
  g_autoptr(DdPurchaseRequest) request = NULL;
  DdAccount *account;
  DdDeliveryInfo *to;
  DdMoney total;
  guint n_errors = 0;

  g_return_val_if_fail (DD_IS_PURCHASE_DIALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dd_purchase_dialog_clear_errors (self);
  account = dd_purchase_dialog_get_account (self);
  if (account == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Choose the account that buys."));
      return NULL;
    }

  request = dd_purchase_request_new (dd_purchase_dialog_get_source (self), self->key);
  dd_money_init (&total, 0, "CNY");
  for (guint i = 0; i < self->lines->len; i++)
    {
      DdPurchaseLineRow *line = g_ptr_array_index (self->lines, i);
      g_autofree char *item = NULL;
      g_autofree char *sku = NULL;
      guint quantity = 0;
      DdMoney price = DD_MONEY_INIT;
      DdMoney amount;

      if (!check_line (line, account, &item, &sku, &quantity, &price))
        {
          n_errors++;
          continue;
        }
      dd_money_init (&amount, price.minor * quantity, "CNY");
      if (!dd_money_add (&total, &amount, &total))
        {
          show_error (line->error, line->quantity, _("The order’s amount is too large."));
          n_errors++;
          continue;
        }
      dd_purchase_request_add_line (request, item, sku, quantity, &price);
    }

  to = &request->receiver;
  for (guint f = 0; f < DD_RECEIVER_N_FIELDS; f++)
    {
      g_autofree char *text = field_text_or_null (self->receiver[f]);

      if (text == NULL && field_required (account, f))
        {
          /* Translators: input error beside a receiver's field */
          show_error (self->receiver_error[f], self->receiver[f], _("Required by this platform."));
          n_errors++;
          continue;
        }
      if (text != NULL && f == DD_RECEIVER_PHONE && !phone_valid (text))
        {
          /* Translators: input error beside the receiver's phone number */
          show_error (self->receiver_error[f], self->receiver[f],
                      _("A phone number has at least five digits (and only +, -, spaces and parentheses)."));
          n_errors++;
          continue;
        }

      switch ((DdReceiverField) f)
        {
        case DD_RECEIVER_NAME: to->receiver_name = g_steal_pointer (&text); break;
        case DD_RECEIVER_PHONE: to->receiver_phone = g_steal_pointer (&text); break;
        case DD_RECEIVER_COUNTRY: to->country_code = g_steal_pointer (&text); break;
        case DD_RECEIVER_STATE: to->state = g_steal_pointer (&text); break;
        case DD_RECEIVER_CITY: to->city = g_steal_pointer (&text); break;
        case DD_RECEIVER_AREA: to->area = g_steal_pointer (&text); break;
        case DD_RECEIVER_DETAIL: to->detail_address = g_steal_pointer (&text); break;
        case DD_RECEIVER_ZIP: to->zip = g_steal_pointer (&text); break;
        case DD_RECEIVER_N_FIELDS:
        default: break;
        }
    }

  if (n_errors > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %u is how many fields need correcting
                                 * before sending */
                                "%u field needs correcting; nothing was sent.",
                                "%u fields need correcting; nothing was sent.", n_errors),
                   n_errors);
      return NULL;
    }

  request->remark = field_text_or_null (self->remark);
  request->total = total;

  return g_steal_pointer (&request);
}

/* The amount of the lines that read well, as typed. */
static void
update_amount (DdPurchaseDialog *self)
{
  g_autofree char *formatted = NULL;
  g_autofree char *text = NULL;
  DdMoney total;
  guint n_read = 0;

  dd_money_init (&total, 0, "CNY");
  for (guint i = 0; i < self->lines->len; i++)
    {
      DdPurchaseLineRow *line = g_ptr_array_index (self->lines, i);
      g_autofree char *quantity_text = stripped (line->quantity);
      g_autofree char *price_text = stripped (line->price);
      const char *why = NULL;
      guint quantity = parse_quantity (quantity_text, &why);
      DdMoney price = DD_MONEY_INIT;
      DdMoney amount;

      if (quantity == 0 || !parse_price (price_text, &price) || price.minor > G_MAXINT64 / quantity)
        continue;
      dd_money_init (&amount, price.minor * quantity, "CNY");
      if (dd_money_add (&total, &amount, &total))
        n_read++;
    }

  formatted = n_read > 0 ? dd_ui_format_money (&total) : g_strdup ("—");
  /* Translators: the sum of a purchase order's lines, e.g. "Lines: ¥78.00" */
  text = g_strdup_printf (_("Lines: %s"), formatted);
  gtk_label_set_text (GTK_LABEL (self->amount_label), text);
}

void
dd_purchase_dialog_form_changed (DdPurchaseDialog *self)
{
  DdAccount *account;
  gboolean can_render;

  if (self->lines == NULL || self->amount_label == NULL)
    return;

  account = dd_purchase_dialog_get_account (self);
  can_render = account != NULL && dd_account_get_client (account) != NULL &&
               (dd_client_get_capabilities (dd_account_get_client (account)) & DD_CLIENT_CAN_RENDER_PURCHASE) != 0;

  gtk_widget_set_visible (self->source_row, is_pandapon (account));
  gtk_widget_set_visible (self->preview_button, can_render);
  g_clear_pointer (&self->preview, dd_purchase_preview_free);
  gtk_widget_set_visible (self->preview_label, FALSE);
  update_amount (self);
  for (guint i = 0; i < self->lines->len; i++)
    gtk_widget_set_sensitive (((DdPurchaseLineRow *) g_ptr_array_index (self->lines, i))->remove,
                              self->lines->len > 1);
  gtk_widget_set_sensitive (self->add_line_button, self->lines->len < MAX_LINES);
  dd_purchase_dialog_update (self);
}

/* Building. */

static void
entry_changed_cb (GtkEditable      *entry,
                  DdPurchaseDialog *self)
{
  clear_entry_error (GTK_WIDGET (entry));
  dd_purchase_dialog_form_changed (self);
}

static GtkWidget *
new_entry (DdPurchaseDialog *self,
           const char       *name,
           const char       *accessible,
           const char       *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  if (accessible != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);

  return entry;
}

static GtkWidget *
new_error_label (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);

  return label;
}

static void
remove_line_cb (GtkButton        *button,
                DdPurchaseDialog *self)
{
  if (self->lines->len <= 1 || self->running || self->settled)
    return;

  for (guint i = 0; i < self->lines->len; i++)
    {
      DdPurchaseLineRow *line = g_ptr_array_index (self->lines, i);

      if (line->remove == GTK_WIDGET (button))
        {
          gtk_box_remove (GTK_BOX (self->lines_box), line->box);
          g_ptr_array_remove_index (self->lines, i);
          break;
        }
    }
  dd_purchase_dialog_form_changed (self);
}

void
dd_purchase_dialog_add_line (DdPurchaseDialog *self)
{
  DdPurchaseLineRow *line;
  GtkWidget *fields;

  g_return_if_fail (DD_IS_PURCHASE_DIALOG (self));

  if (self->lines->len >= MAX_LINES || self->running || self->settled)
    return;

  line = g_new0 (DdPurchaseLineRow, 1);
  line->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_name (line->box, "purchase-line");
  fields = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (line->box), fields);

  /* Translators: accessible name and placeholder of a purchase line's item id field */
  line->item = new_entry (self, "item-id-entry", C_("accessible", "Item ID"), _("Item ID"));
  gtk_widget_set_hexpand (line->item, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (line->item), 12);
  gtk_box_append (GTK_BOX (fields), line->item);

  /* Translators: accessible name and placeholder of a purchase line's sku id field */
  line->sku = new_entry (self, "sku-id-entry", C_("accessible", "SKU ID"), _("SKU ID (optional)"));
  gtk_widget_set_hexpand (line->sku, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (line->sku), 12);
  gtk_box_append (GTK_BOX (fields), line->sku);

  /* Translators: accessible name and placeholder of a purchase line's quantity field */
  line->quantity = new_entry (self, "quantity-entry", C_("accessible", "Quantity"), _("Quantity"));
  gtk_entry_set_input_purpose (GTK_ENTRY (line->quantity), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (line->quantity), 5);
  gtk_editable_set_text (GTK_EDITABLE (line->quantity), "1");
  gtk_box_append (GTK_BOX (fields), line->quantity);

  /* Translators: accessible name and placeholder of a purchase line's unit price field, in yuan */
  line->price = new_entry (self, "price-entry", C_("accessible", "Unit Price"), _("Price (¥)"));
  gtk_entry_set_input_purpose (GTK_ENTRY (line->price), GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (line->price), 8);
  gtk_box_append (GTK_BOX (fields), line->price);

  line->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_name (line->remove, "remove-line-button");
  gtk_widget_add_css_class (line->remove, "flat");
  /* Translators: tooltip of the button removing a line of a purchase order */
  gtk_widget_set_tooltip_text (line->remove, _("Remove Line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (line->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("accessible", "Remove Line"), -1);
  g_signal_connect (line->remove, "clicked", G_CALLBACK (remove_line_cb), self);
  gtk_box_append (GTK_BOX (fields), line->remove);

  line->error = new_error_label ("line-error");
  gtk_box_append (GTK_BOX (line->box), line->error);

  gtk_box_append (GTK_BOX (self->lines_box), line->box);
  g_ptr_array_add (self->lines, line);
  dd_purchase_dialog_form_changed (self);
}

guint
dd_purchase_dialog_get_n_lines (DdPurchaseDialog *self)
{
  g_return_val_if_fail (DD_IS_PURCHASE_DIALOG (self), 0);

  return self->lines->len;
}

static void
add_line_clicked_cb (GtkButton        *button,
                     DdPurchaseDialog *self)
{
  dd_purchase_dialog_add_line (self);
  gtk_widget_grab_focus (((DdPurchaseLineRow *) g_ptr_array_index (self->lines, self->lines->len - 1))->item);
}

static void
selection_changed_cb (DdPurchaseDialog *self)
{
  /* Setting the models while the form is built says so too. */
  if (self->receiver[DD_RECEIVER_N_FIELDS - 1] == NULL)
    return;
  dd_purchase_dialog_clear_errors (self);
  dd_purchase_dialog_form_changed (self);
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
build_choices (DdPurchaseDialog *self,
               GtkBox           *content)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < self->accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (self->accounts, i);
      /* Translators: an account in the purchase dialog: its name and platform, "Buyer A (PandaPon)" */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), dd_account_get_name (account),
                                               dd_ui_format_platform (dd_account_get_platform (account)));

      gtk_string_list_append (names, text);
    }
  self->account_row = adw_combo_row_new ();
  gtk_widget_set_name (self->account_row, "account-row");
  /* Translators: the purchase dialog's account chooser */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("_Account"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->account_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->account_row), G_LIST_MODEL (names));
  g_signal_connect_swapped (self->account_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->account_row);

  /* Translators: where a PandaPon purchase order's goods come from */
  gtk_string_list_append (sources, _("Taobao goods"));
  /* Translators: where a PandaPon purchase order's goods come from */
  gtk_string_list_append (sources, _("1688 goods"));
  self->source_row = adw_combo_row_new ();
  gtk_widget_set_name (self->source_row, "source-row");
  /* Translators: the purchase dialog's choice between Taobao and 1688 goods */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _("_Source"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->source_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->source_row), G_LIST_MODEL (sources));
  g_signal_connect_swapped (self->source_row, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), self->source_row);

  gtk_box_append (content, list);
}

static void
build_lines (DdPurchaseDialog *self,
             GtkBox           *content)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading;

  /* Translators: heading above a purchase order's lines */
  heading = new_heading (_("Lines"));
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_box_append (GTK_BOX (header), heading);
  /* Translators: button adding a line to a purchase order */
  self->add_line_button = gtk_button_new_with_mnemonic (_("Add _Line"));
  gtk_widget_set_name (self->add_line_button, "add-line-button");
  gtk_widget_add_css_class (self->add_line_button, "flat");
  g_signal_connect (self->add_line_button, "clicked", G_CALLBACK (add_line_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), self->add_line_button);
  gtk_box_append (content, header);

  self->lines_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (content, self->lines_box);

  self->amount_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->amount_label, "amount-label");
  gtk_label_set_xalign (GTK_LABEL (self->amount_label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (self->amount_label), TRUE);
  gtk_box_append (content, self->amount_label);
}

static void
build_receiver (DdPurchaseDialog *self,
                GtkBox           *content)
{
  static const char * const names[DD_RECEIVER_N_FIELDS] = {
    "receiver-name", "receiver-phone", "receiver-country", "receiver-state",
    "receiver-city", "receiver-area", "receiver-detail", "receiver-zip",
  };
  const char *labels[DD_RECEIVER_N_FIELDS] = {
    /* Translators: the receiver's fields of a purchase order */
    N_("_Name"), N_("P_hone"), N_("Co_untry"), N_("P_rovince / State"),
    N_("C_ity"), N_("_District"), N_("Addr_ess"), N_("_Postcode"),
  };
  GtkWidget *grid = gtk_grid_new ();

  /* Translators: heading above a purchase order's receiver */
  gtk_box_append (content, new_heading (_("Receiver")));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  for (guint f = 0; f < DD_RECEIVER_N_FIELDS; f++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (_(labels[f]));

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "dim-label");
      /* Named by its label (the mnemonic widget's relation). */
      self->receiver[f] = new_entry (self, names[f], NULL, NULL);
      gtk_widget_set_hexpand (self->receiver[f], TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->receiver[f]);
      self->receiver_error[f] = new_error_label ("receiver-error");
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) f * 2, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->receiver[f], 1, (int) f * 2, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->receiver_error[f], 1, (int) f * 2 + 1, 1, 1);
    }
  gtk_entry_set_input_purpose (GTK_ENTRY (self->receiver[DD_RECEIVER_PHONE]), GTK_INPUT_PURPOSE_PHONE);
  gtk_box_append (content, grid);

  /* Translators: caption above a purchase order's optional remark */
  gtk_box_append (content, new_heading (_("Remark (optional)")));
  self->remark = new_entry (self, "remark-entry", C_("accessible", "Remark"), NULL);
  gtk_entry_set_max_length (GTK_ENTRY (self->remark), 200);
  gtk_box_append (content, self->remark);
}

static void
build_details (DdPurchaseDialog *self,
               GtkBox           *content)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (expander, "details-row");
  /* Translators: expandable row of the purchase dialog showing the order's number for the platform */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Details"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  /* Translators: caption of the idempotency key in the purchase dialog's details */
  caption = gtk_label_new (_("Purchase order number (sent with every attempt, so the order is never created twice)"));
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), caption);
  self->key_label = gtk_label_new (self->key);
  gtk_widget_set_name (self->key_label, "key-label");
  gtk_label_set_xalign (GTK_LABEL (self->key_label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (self->key_label), TRUE);
  gtk_widget_add_css_class (self->key_label, "monospace");
  gtk_box_append (GTK_BOX (box), self->key_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  gtk_list_box_append (GTK_LIST_BOX (list), expander);
  gtk_box_append (content, list);
}

void
dd_purchase_dialog_build_form (DdPurchaseDialog *self,
                               GtkBox           *content)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->form = form;
  build_choices (self, GTK_BOX (form));
  build_lines (self, GTK_BOX (form));
  build_receiver (self, GTK_BOX (form));
  gtk_box_append (content, form);

  /* The preview: a button (platforms that render one) and what it said. */
  /* Translators: button asking the platform for a purchase order's total before creating it */
  self->preview_button = gtk_button_new_with_mnemonic (_("Pre_view"));
  gtk_widget_set_name (self->preview_button, "preview-button");
  gtk_widget_set_halign (self->preview_button, GTK_ALIGN_START);
  gtk_box_append (content, self->preview_button);
  self->preview_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->preview_label, "preview-label");
  gtk_label_set_xalign (GTK_LABEL (self->preview_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (self->preview_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->preview_label), TRUE);
  gtk_widget_set_visible (self->preview_label, FALSE);
  gtk_box_append (content, self->preview_label);

  build_details (self, content);
}
