/* dd-accounts-dialog.c: add, edit, test and remove accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-accounts-dialog.h"
#include "dd-accounts-dialog-private.h"
#include "dd-order.h"
#include "dd-pp-client.h"
#include "dd-toast.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"
#include "dd-ui-format.h"

struct _DdAccountsDialog
{
  AdwWindow           parent_instance;

  /* Template children */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkListBox         *accounts_list;
  AdwWindowTitle     *form_title;
  GtkButton          *save_button;
  AdwPreferencesPage *form_page;
  AdwPreferencesGroup *account_group;
  AdwComboRow        *platform_row;
  /* Each text field is an entry in an action row: libadwaita 1.2's entry
   * rows keep their focus from screen readers. */
  AdwActionRow       *name_row;
  GtkEditable        *name_entry;
  AdwActionRow       *endpoint_row;
  GtkEditable        *endpoint_entry;
  AdwActionRow       *key_row;
  GtkEditable        *key_entry;
  AdwActionRow       *user_id_row;
  GtkEditable        *user_id_entry;
  AdwComboRow        *sign_method_row;
  AdwPreferencesGroup *secrets_group;
  AdwActionRow       *app_secret_row;
  GtkEditable        *app_secret_entry;
  AdwActionRow       *access_token_row;
  GtkEditable        *access_token_entry;
  AdwActionRow       *refresh_token_row;
  GtkEditable        *refresh_token_entry;
  GtkLabel           *error_label;
  AdwActionRow       *authorise_row;
  GtkButton          *authorise_button;
  AdwActionRow       *test_row;
  GtkStack           *test_stack;
  GtkSpinner         *test_spinner;
  GtkButton          *test_button;
  GtkWidget          *remove_group;

  DdAccountStore     *store;     /* owned */
  DdCache            *cache;     /* owned; nullable */
  DdHttp             *http;      /* owned */
  DdAccount          *editing;   /* owned; NULL on the "add" form */
  GCancellable       *cancellable; /* cancelled on close */
  gboolean            busy;      /* a save or remove runs */
};

G_DEFINE_FINAL_TYPE (DdAccountsDialog, dd_accounts_dialog, ADW_TYPE_WINDOW)

/* The platform chooser's order. */
static const char * const platforms[] = {
  DD_PLATFORM_TW, DD_PLATFORM_TOP, DD_PLATFORM_TOP_PC, DD_PLATFORM_PANDAPON,
};

static const char * const sign_methods[] = { "hmac-sha256", "hmac", "md5" };

static const char *
selected_platform (DdAccountsDialog *self)
{
  guint i = adw_combo_row_get_selected (self->platform_row);

  return i < G_N_ELEMENTS (platforms) ? platforms[i] : DD_PLATFORM_TW;
}

static const char *
default_endpoint (const char *platform)
{
  if (g_str_equal (platform, DD_PLATFORM_TW))
    return DD_TW_DEFAULT_ENDPOINT;
  if (g_str_equal (platform, DD_PLATFORM_PANDAPON))
    return DD_PP_DEFAULT_ENDPOINT;
  return DD_TOP_DEFAULT_ENDPOINT;
}

/* A field's row title is also its entry's name for screen readers: the
 * row is the entry's activatable widget, which labels the entry by the
 * row's title label. */
static void
set_row_title (AdwActionRow *row,
               const char   *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static const char *
row_text (GtkEditable *entry)
{
  return gtk_editable_get_text (entry);
}

/* The error style, and the invalid state a screen reader reads. */
static void
set_field_error (GtkEditable *entry,
                 gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static void
clear_errors (DdAccountsDialog *self)
{
  GtkEditable *entries[] = {
    self->name_entry, self->endpoint_entry, self->key_entry, self->user_id_entry,
    self->app_secret_entry, self->access_token_entry, self->refresh_token_entry,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    set_field_error (entries[i], FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (DdAccountsDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Which fields the platform asks for, and what it calls them. */
static void
update_platform_fields (DdAccountsDialog *self)
{
  const char *platform = selected_platform (self);
  gboolean tw = g_str_equal (platform, DD_PLATFORM_TW);
  gboolean top = g_str_equal (platform, DD_PLATFORM_TOP);
  gboolean top_pc = g_str_equal (platform, DD_PLATFORM_TOP_PC);
  gboolean pp = g_str_equal (platform, DD_PLATFORM_PANDAPON);

  set_row_title (self->name_row, _("Name"));
  set_row_title (self->endpoint_row, _("Endpoint"));
  set_row_title (self->refresh_token_row, _("Refresh Token"));
  /* Translators: TOP and Taobao Taiwan call it the app key, PandaPon the access key */
  set_row_title (self->key_row, pp ? _("Access Key") : _("App Key"));
  /* Translators: PandaPon's user id; TOP procurement's buyer id */
  set_row_title (self->user_id_row, pp ? _("User ID") : _("Buyer ID"));
  set_row_title (self->app_secret_row, pp ? _("Secret") : _("App Secret"));
  /* Translators: TOP calls the access token a session key */
  set_row_title (self->access_token_row, tw ? _("Access Token") : _("Session Key"));

  gtk_widget_set_visible (GTK_WIDGET (self->user_id_row), pp || top_pc);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_method_row), top || top_pc);
  gtk_widget_set_visible (GTK_WIDGET (self->access_token_row), !pp);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_token_row), tw);
  gtk_widget_set_visible (GTK_WIDGET (self->authorise_row),
                          !pp && dd_accounts_dialog_can_authorise (platform));

  /* An empty endpoint is the platform's own. */
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->endpoint_entry), default_endpoint (platform));
  {
    g_autofree char *hint = NULL;

    /* Translators: %s is the address of the platform's API */
    hint = g_strdup_printf (_("An empty endpoint is the platform’s own, %s."),
                            default_endpoint (platform));
    adw_preferences_group_set_description (self->account_group, hint);
  }
}

static void
platform_changed_cb (DdAccountsDialog *self)
{
  update_platform_fields (self);
  clear_errors (self);
}

static void
field_changed_cb (DdAccountsDialog *self,
                  GtkEditable      *editable)
{
  set_field_error (editable, FALSE);
}

/* The connection test needs the stored account and its client. */
static void
update_test_row (DdAccountsDialog *self)
{
  const char *why = NULL;

  if (self->editing == NULL)
    why = _("Save the account first.");
  else if (dd_account_get_client (self->editing) == NULL)
    why = dd_account_get_state_message (self->editing) != NULL
            ? dd_account_get_state_message (self->editing)
            : _("The account is not connected.");

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), why == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_button), why);
}

static void
set_busy (DdAccountsDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  gtk_widget_set_sensitive (self->remove_group, !busy);
}

static void
clear_secret_rows (DdAccountsDialog *self)
{
  gtk_editable_set_text (self->app_secret_entry, "");
  gtk_editable_set_text (self->access_token_entry, "");
  gtk_editable_set_text (self->refresh_token_entry, "");
}

static void
fill_form (DdAccountsDialog *self,
           DdAccount        *account)
{
  const char *sign_method = account != NULL ? dd_account_get_sign_method (account) : NULL;
  guint platform_index = 0;
  guint sign_index = 0;

  g_set_object (&self->editing, account);

  if (account != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
      if (g_strcmp0 (platforms[i], dd_account_get_platform (account)) == 0)
        platform_index = i;
  for (guint i = 0; i < G_N_ELEMENTS (sign_methods); i++)
    if (g_strcmp0 (sign_methods[i], sign_method) == 0)
      sign_index = i;

  adw_combo_row_set_selected (self->platform_row, platform_index);
  adw_combo_row_set_selected (self->sign_method_row, sign_index);
  /* An account's platform is what its orders are: it never changes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->platform_row), account == NULL);

#define TEXT_OF(getter) (account != NULL && getter (account) != NULL ? getter (account) : "")
  gtk_editable_set_text (self->name_entry, TEXT_OF (dd_account_get_name));
  gtk_editable_set_text (self->endpoint_entry, TEXT_OF (dd_account_get_endpoint));
  gtk_editable_set_text (self->key_entry, TEXT_OF (dd_account_get_key));
  gtk_editable_set_text (self->user_id_entry, TEXT_OF (dd_account_get_user_id));
#undef TEXT_OF
  /* Stored secrets are never shown: empty keeps them. */
  clear_secret_rows (self);

  adw_preferences_group_set_description (self->secrets_group,
                                         account != NULL
                                           ? _("Kept in the system keyring only. Leave a field empty to keep the stored secret.")
                                           : _("Kept in the system keyring only."));
  adw_window_title_set_title (self->form_title,
                              account != NULL ? dd_account_get_name (account) : _("New Account"));
  adw_window_title_set_subtitle (self->form_title,
                                 account != NULL ? dd_ui_format_platform (dd_account_get_platform (account)) : NULL);
  gtk_widget_set_visible (self->remove_group, account != NULL);
  adw_action_row_set_subtitle (self->test_row, "");

  update_platform_fields (self);
  update_test_row (self);
  clear_errors (self);
}

static void
spec_from_form (DdAccountsDialog *self,
                DdAccountSpec    *spec)
{
  const char *platform = selected_platform (self);
  gboolean pp = g_str_equal (platform, DD_PLATFORM_PANDAPON);
  gboolean top = g_str_equal (platform, DD_PLATFORM_TOP) || g_str_equal (platform, DD_PLATFORM_TOP_PC);
  guint sign_index = adw_combo_row_get_selected (self->sign_method_row);

  memset (spec, 0, sizeof *spec);
  spec->platform = platform;
  spec->name = row_text (self->name_entry);
  spec->endpoint = nonempty (row_text (self->endpoint_entry));
  spec->key = row_text (self->key_entry);
  spec->user_id = (pp || g_str_equal (platform, DD_PLATFORM_TOP_PC)) ? nonempty (row_text (self->user_id_entry)) : NULL;
  spec->sign_method = top && sign_index < G_N_ELEMENTS (sign_methods) ? sign_methods[sign_index] : NULL;
  /* Secrets: empty means none when adding, keep when editing. */
  spec->app_secret = nonempty (row_text (self->app_secret_entry));
  spec->access_token = pp ? NULL : nonempty (row_text (self->access_token_entry));
  spec->refresh_token = g_str_equal (platform, DD_PLATFORM_TW) ? nonempty (row_text (self->refresh_token_entry)) : NULL;
}

/* Marks the fields the platform needs that are empty. The store's own
 * check (its sentence shown under the form) has the last word. */
static void
mark_missing (DdAccountsDialog    *self,
              const DdAccountSpec *spec)
{
  if (nonempty (spec->name) == NULL)
    set_field_error (self->name_entry, TRUE);
  if (nonempty (spec->key) == NULL)
    set_field_error (self->key_entry, TRUE);
  if (gtk_widget_get_visible (GTK_WIDGET (self->user_id_row)) &&
      g_str_equal (spec->platform, DD_PLATFORM_PANDAPON) && spec->user_id == NULL)
    set_field_error (self->user_id_entry, TRUE);
  if (self->editing == NULL && spec->app_secret == NULL)
    set_field_error (self->app_secret_entry, TRUE);
  if (spec->endpoint != NULL &&
      !g_str_has_prefix (spec->endpoint, "https://") &&
      !g_str_has_prefix (spec->endpoint, "http://127.") &&
      !g_str_has_prefix (spec->endpoint, "http://localhost") &&
      !g_str_has_prefix (spec->endpoint, "http://[::1]"))
    set_field_error (self->endpoint_entry, TRUE);
}

static void
add_toast (DdAccountsDialog *self,
           const char       *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, dd_toast_new (title));
}

static void
add_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(DdAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAccount) account = NULL;

  account = dd_account_store_add_finish (DD_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (account == NULL)
    {
      show_error (self, error->message);
      return;
    }

  clear_secret_rows (self);
  dd_accounts_dialog_show_list (self);
  {
    /* Translators: %s is the name of an account just added */
    g_autofree char *title = g_strdup_printf (_("Added “%s”"), dd_account_get_name (account));

    add_toast (self, title);
  }
}

static void
update_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DdAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_account_store_update_finish (DD_ACCOUNT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  set_busy (self, FALSE);
  clear_secret_rows (self);
  dd_accounts_dialog_show_list (self);
  add_toast (self, _("Account saved"));
}

static void
save_clicked_cb (DdAccountsDialog *self)
{
  g_autoptr(GError) error = NULL;
  DdAccountSpec spec;

  if (self->busy)
    return;

  clear_errors (self);
  spec_from_form (self, &spec);

  if (!dd_account_store_validate (self->store, &spec, self->editing, &error))
    {
      mark_missing (self, &spec);
      show_error (self, error->message);
      return;
    }

  set_busy (self, TRUE);
  if (self->editing == NULL)
    dd_account_store_add_async (self->store, &spec, self->cancellable,
                                add_done_cb, g_object_ref (self));
  else
    dd_account_store_update_async (self->store, self->editing, &spec, self->cancellable,
                                   update_done_cb, g_object_ref (self));
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DdAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  sentence = dd_account_store_test_finish (DD_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->test_stack, "idle");
  /* Action row subtitles are markup. */
  {
    g_autofree char *escaped = g_markup_escape_text (sentence != NULL ? sentence : error->message, -1);

    adw_action_row_set_subtitle (self->test_row, escaped);
  }
  update_test_row (self);
}

static void
test_clicked_cb (DdAccountsDialog *self)
{
  if (self->editing == NULL || dd_account_get_client (self->editing) == NULL)
    return;

  gtk_stack_set_visible_child_name (self->test_stack, "testing");
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  dd_account_store_test_async (self->store, self->editing, self->cancellable,
                               test_done_cb, g_object_ref (self));
}

static void
authorise_clicked_cb (DdAccountsDialog *self)
{
  dd_accounts_dialog_authorise (self, selected_platform (self));
}

static void
remove_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DdAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_account_store_remove_finish (DD_ACCOUNT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message);
      return;
    }

  set_busy (self, FALSE);
  dd_accounts_dialog_show_list (self);
  add_toast (self, _("Account removed"));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  DdAccountsDialog *self = user_data;
  gboolean with_orders = g_str_equal (response, "remove-orders");

  if (self->editing == NULL || self->busy ||
      !(with_orders || g_str_equal (response, "remove")))
    return;

  set_busy (self, TRUE);
  dd_account_store_remove_async (self->store, self->editing,
                                 with_orders ? self->cache : NULL,
                                 self->cancellable, remove_done_cb, g_object_ref (self));
}

static void
remove_clicked_cb (DdAccountsDialog *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->editing == NULL)
    return;

  /* Translators: %s is an account's name */
  heading = g_strdup_printf (_("Remove “%s”?"), dd_account_get_name (self->editing));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Its secrets are deleted from the keyring. "
                                                         "Its cached orders can stay, to be read without the account, or go with it.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Keep Orders"),
                                    "remove-orders", _("Remove _Orders Too"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "remove-orders", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (self->cache == NULL)
    adw_message_dialog_set_response_enabled (dialog, "remove-orders", FALSE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_clicked_cb (DdAccountsDialog *self)
{
  dd_accounts_dialog_show_list (self);
}

static void
add_clicked_cb (DdAccountsDialog *self)
{
  dd_accounts_dialog_show_add (self);
}

static void
account_activated_cb (DdAccountsDialog *self,
                      GtkListBoxRow    *row)
{
  DdAccount *account = g_object_get_data (G_OBJECT (row), "dd-account");

  if (account != NULL)
    dd_accounts_dialog_show_edit (self, account);
}

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  DdAccount *account = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (dd_account_get_name (account), -1);
  const char *message = dd_account_get_state_message (account);
  g_autofree char *subtitle = NULL;

  if (message != NULL)
    /* Translators: a platform's name, then why the account cannot work */
    subtitle = g_strdup_printf (_("%s — %s"), dd_ui_format_platform (dd_account_get_platform (account)), message);
  else
    subtitle = g_strdup (dd_ui_format_platform (dd_account_get_platform (account)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "dd-account", g_object_ref (account), g_object_unref);

  return row;
}

static gboolean
dd_accounts_dialog_close_request (GtkWindow *window)
{
  DdAccountsDialog *self = DD_ACCOUNTS_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  clear_secret_rows (self);

  return GTK_WINDOW_CLASS (dd_accounts_dialog_parent_class)->close_request (window);
}

static void
dd_accounts_dialog_dispose (GObject *object)
{
  DdAccountsDialog *self = DD_ACCOUNTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_ACCOUNTS_DIALOG);

  g_clear_object (&self->editing);
  g_clear_object (&self->store);
  g_clear_object (&self->cache);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_accounts_dialog_parent_class)->dispose (object);
}

static void
dd_accounts_dialog_finalize (GObject *object)
{
  DdAccountsDialog *self = DD_ACCOUNTS_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (dd_accounts_dialog_parent_class)->finalize (object);
}

static void
dd_accounts_dialog_class_init (DdAccountsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dd_accounts_dialog_dispose;
  object_class->finalize = dd_accounts_dialog_finalize;
  window_class->close_request = dd_accounts_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dingdan/Dingdan/dd-accounts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, form_title);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, platform_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, endpoint_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, user_id_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, user_id_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, sign_method_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, secrets_group);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, app_secret_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, app_secret_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, access_token_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, access_token_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, refresh_token_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, refresh_token_entry);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, authorise_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, authorise_button);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, test_row);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, test_stack);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, DdAccountsDialog, remove_group);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, authorise_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, platform_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* GTK 4.8 names no password entry's peek icon (a screen reader reads
 * "GtkImage"): it is named by its tooltip, which says what a click does
 * ("Show Text", "Hide Text"). */
static void
peek_tooltip_cb (GtkWidget  *icon,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (icon);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the icon that shows a secret's text in clear */
                                  tooltip != NULL ? tooltip : C_("accessible", "Show Text"),
                                  -1);
}

static void
name_peek_icon (GtkEditable *entry)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (entry));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child))
      {
        peek_tooltip_cb (child, NULL, NULL);
        g_signal_connect (child, "notify::tooltip-text", G_CALLBACK (peek_tooltip_cb), NULL);
      }
}

static void
dd_accounts_dialog_init (DdAccountsDialog *self)
{
  g_autoptr(GtkStringList) platform_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sign_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  name_peek_icon (self->app_secret_entry);
  name_peek_icon (self->access_token_entry);
  name_peek_icon (self->refresh_token_entry);

  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (platform_names, C_("platform", "Taobao Taiwan"));
  gtk_string_list_append (platform_names, C_("platform", "Taobao Seller (TOP)"));
  gtk_string_list_append (platform_names, C_("platform", "Taobao Procurement"));
  gtk_string_list_append (platform_names, C_("platform", "PandaPon"));
  adw_combo_row_set_model (self->platform_row, G_LIST_MODEL (platform_names));

  gtk_string_list_append (sign_names, C_("sign method", "HMAC-SHA256"));
  gtk_string_list_append (sign_names, C_("sign method", "HMAC-MD5"));
  gtk_string_list_append (sign_names, C_("sign method", "MD5"));
  adw_combo_row_set_model (self->sign_method_row, G_LIST_MODEL (sign_names));

  fill_form (self, NULL);
}

GtkWidget *
dd_accounts_dialog_new (GtkWindow      *parent,
                        DdAccountStore *store,
                        DdCache        *cache,
                        DdHttp         *http)
{
  DdAccountsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DD_IS_ACCOUNT_STORE (store), NULL);
  g_return_val_if_fail (cache == NULL || DD_IS_CACHE (cache), NULL);
  g_return_val_if_fail (DD_IS_HTTP (http), NULL);

  self = g_object_new (DD_TYPE_ACCOUNTS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->cache = cache != NULL ? g_object_ref (cache) : NULL;
  self->http = g_object_ref (http);
  gtk_list_box_bind_model (self->accounts_list, G_LIST_MODEL (store),
                           create_account_row, self, NULL);
  {
    GtkWidget *placeholder = gtk_label_new (_("No accounts yet"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_list_box_set_placeholder (self->accounts_list, placeholder);
  }

  return GTK_WIDGET (self);
}

void
dd_accounts_dialog_show_list (DdAccountsDialog *self)
{
  g_return_if_fail (DD_IS_ACCOUNTS_DIALOG (self));

  clear_secret_rows (self);
  g_clear_object (&self->editing);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

void
dd_accounts_dialog_show_add (DdAccountsDialog *self)
{
  g_return_if_fail (DD_IS_ACCOUNTS_DIALOG (self));

  fill_form (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

void
dd_accounts_dialog_show_edit (DdAccountsDialog *self,
                              DdAccount        *account)
{
  g_return_if_fail (DD_IS_ACCOUNTS_DIALOG (self));
  g_return_if_fail (DD_IS_ACCOUNT (account));

  fill_form (self, account);
  gtk_stack_set_visible_child_name (self->stack, "form");
}

/* For dd-accounts-dialog-auth.c */

DdAccount *
dd_accounts_dialog_get_editing (DdAccountsDialog *self)
{
  return self->editing;
}

GtkEditable *
dd_accounts_dialog_get_token_entry (DdAccountsDialog *self,
                                    gboolean          refresh)
{
  return refresh ? self->refresh_token_entry : self->access_token_entry;
}

void
dd_accounts_dialog_get_app_credentials (DdAccountsDialog  *self,
                                        const char       **key,
                                        const char       **secret,
                                        const char       **endpoint)
{
  *key = nonempty (row_text (self->key_entry));
  *secret = nonempty (row_text (self->app_secret_entry));
  *endpoint = nonempty (row_text (self->endpoint_entry));
}

void
dd_accounts_dialog_toast (DdAccountsDialog *self,
                          const char       *title)
{
  add_toast (self, title);
}

void
dd_accounts_dialog_show_error (DdAccountsDialog *self,
                               const char       *message)
{
  show_error (self, message);
}

DdHttp *
dd_accounts_dialog_get_http (DdAccountsDialog *self)
{
  return self->http;
}

GCancellable *
dd_accounts_dialog_get_cancellable (DdAccountsDialog *self)
{
  return self->cancellable;
}

void
dd_accounts_dialog_save (DdAccountsDialog *self)
{
  save_clicked_cb (self);
}
