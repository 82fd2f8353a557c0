/* dd-account-notice.c: a notice over the orders when an account needs the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account.h"
#include "dd-account-notice.h"

struct _DdAccountNotice
{
  GtkWidget    parent_instance;

  /* Template children */
  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *button;

  GListModel  *accounts;    /* owned; (element-type DdAccount) */
  GPtrArray   *watched;     /* (element-type DdAccount) whose notify we follow */
  char        *account_id;  /* the account the button is for */
};

G_DEFINE_FINAL_TYPE (DdAccountNotice, dd_account_notice, GTK_TYPE_WIDGET)

static void
set_notice (DdAccountNotice *self,
            DdAccount       *account,
            const char      *text,
            const char      *button_label)
{
  g_free (self->account_id);
  self->account_id = account != NULL ? g_strdup (dd_account_get_id (account)) : NULL;

  gtk_revealer_set_reveal_child (self->revealer, text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL);
  if (button_label != NULL)
    gtk_button_set_label (self->button, button_label);
}

/* Tells of the first account that needs the user: authorise again, no
 * secret, or a keyring that cannot be read (its cached orders stay). */
static void
update (DdAccountNotice *self)
{
  static const DdAccountState order[] = {
    DD_ACCOUNT_STATE_REAUTHORIZE,
    DD_ACCOUNT_STATE_NO_KEYRING,
    DD_ACCOUNT_STATE_MISSING_SECRET,
  };
  guint n_accounts = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < n_accounts; i++)
      {
        g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);
        g_autofree char *text = NULL;

        if (dd_account_get_state (account) != order[k])
          continue;

        switch (order[k])
          {
          case DD_ACCOUNT_STATE_REAUTHORIZE:
            /* Translators: %s is an account's name */
            text = g_strdup_printf (_("The platform no longer accepts “%s”: authorise Dingdan again."),
                                    dd_account_get_name (account));
            set_notice (self, account, text, _("Authorise Again"));
            break;
          case DD_ACCOUNT_STATE_NO_KEYRING:
            /* Translators: %s is why the keyring cannot be used */
            text = g_strdup_printf (_("%s The cached orders are shown, but cannot be synced."),
                                    dd_account_get_state_message (account) != NULL
                                      ? dd_account_get_state_message (account)
                                      : _("The system keyring is locked or unavailable."));
            set_notice (self, NULL, text, NULL);
            break;
          case DD_ACCOUNT_STATE_MISSING_SECRET:
          default:
            /* Translators: %s is an account's name */
            text = g_strdup_printf (_("The keyring has no secret for “%s”: enter it again to sync."),
                                    dd_account_get_name (account));
            set_notice (self, account, text, _("Edit Account"));
            break;
          }
        return;
      }

  set_notice (self, NULL, NULL, NULL);
}

static void
button_clicked_cb (DdAccountNotice *self)
{
  if (self->account_id == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "app.edit-account", "s", self->account_id);
}

static void
account_notify_cb (DdAccount       *account,
                   GParamSpec      *pspec,
                   DdAccountNotice *self)
{
  update (self);
}

static void
unwatch (DdAccountNotice *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i),
                                          account_notify_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
items_changed_cb (DdAccountNotice *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *accounts)
{
  guint n_accounts = g_list_model_get_n_items (accounts);

  unwatch (self);
  for (guint i = 0; i < n_accounts; i++)
    {
      DdAccount *account = g_list_model_get_item (accounts, i);

      g_signal_connect (account, "notify::state", G_CALLBACK (account_notify_cb), self);
      g_signal_connect (account, "notify::state-message", G_CALLBACK (account_notify_cb), self);
      g_signal_connect (account, "notify::name", G_CALLBACK (account_notify_cb), self);
      g_ptr_array_add (self->watched, account);
    }

  update (self);
}

static void
dd_account_notice_dispose (GObject *object)
{
  DdAccountNotice *self = DD_ACCOUNT_NOTICE (object);

  if (self->watched != NULL)
    unwatch (self);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, items_changed_cb, self);
  g_clear_object (&self->accounts);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_ACCOUNT_NOTICE);

  G_OBJECT_CLASS (dd_account_notice_parent_class)->dispose (object);
}

static void
dd_account_notice_finalize (GObject *object)
{
  DdAccountNotice *self = DD_ACCOUNT_NOTICE (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);

  G_OBJECT_CLASS (dd_account_notice_parent_class)->finalize (object);
}

static void
dd_account_notice_class_init (DdAccountNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_account_notice_dispose;
  object_class->finalize = dd_account_notice_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dingdan/Dingdan/dd-account-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, DdAccountNotice, revealer);
  gtk_widget_class_bind_template_child (widget_class, DdAccountNotice, label);
  gtk_widget_class_bind_template_child (widget_class, DdAccountNotice, button);
  gtk_widget_class_bind_template_callback (widget_class, button_clicked_cb);
}

static void
dd_account_notice_init (DdAccountNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

GtkWidget *
dd_account_notice_new (void)
{
  return g_object_new (DD_TYPE_ACCOUNT_NOTICE, NULL);
}

void
dd_account_notice_set_accounts (DdAccountNotice *self,
                                GListModel      *accounts)
{
  g_return_if_fail (DD_IS_ACCOUNT_NOTICE (self));
  g_return_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts));

  if (self->accounts == accounts)
    return;

  unwatch (self);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, items_changed_cb, self);
  g_set_object (&self->accounts, accounts);

  if (accounts != NULL)
    {
      g_signal_connect_object (accounts, "items-changed",
                               G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
      items_changed_cb (self, 0, 0, 0, accounts);
    }
  else
    update (self);
}

gboolean
dd_account_notice_get_shown (DdAccountNotice *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT_NOTICE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
