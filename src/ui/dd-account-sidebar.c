/* dd-account-sidebar.c: the accounts beside the order list, with their sync state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account-sidebar.h"
#include "dd-ui-format.h"

/* Relative times ("Synced 5 minutes ago") are redrawn this often. */
#define REFRESH_SECONDS 30

struct _DdAccountSidebar
{
  GtkWidget    parent_instance;

  /* Template children */
  GtkListBox  *list_box;

  GListModel  *accounts;          /* owned; (element-type DdAccount) */
  DdAccount   *selected_account;  /* owned; NULL: all accounts */
  GtkWidget   *all_row;           /* the first row */
  guint        refresh_id;
  gboolean     rebuilding;        /* rows are being replaced: selections are not the user's */
};

enum {
  PROP_0,
  PROP_ACCOUNTS,
  PROP_SELECTED_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdAccountSidebar, dd_account_sidebar, GTK_TYPE_WIDGET)

#define ROW_ACCOUNT_KEY "dd-account"
#define ROW_NAME_KEY    "dd-name-label"
#define ROW_STATE_KEY   "dd-state-label"

static DdAccount *
row_get_account (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), ROW_ACCOUNT_KEY) : NULL;
}

static void
update_row (GtkListBoxRow *row)
{
  DdAccount *account = row_get_account (row);
  GtkLabel *name_label = g_object_get_data (G_OBJECT (row), ROW_NAME_KEY);
  GtkLabel *state_label = g_object_get_data (G_OBJECT (row), ROW_STATE_KEY);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *state = NULL;
  DdAccountState account_state;
  gboolean trouble;

  if (account == NULL)
    return;

  account_state = dd_account_get_state (account);
  state = dd_ui_format_account_state (account, now);
  trouble = account_state == DD_ACCOUNT_STATE_NO_KEYRING ||
            account_state == DD_ACCOUNT_STATE_MISSING_SECRET ||
            account_state == DD_ACCOUNT_STATE_REAUTHORIZE ||
            (dd_account_get_last_error (account) != NULL &&
             dd_account_get_last_error (account)[0] != '\0');

  gtk_label_set_text (name_label, dd_account_get_name (account));
  gtk_label_set_text (state_label, state);
  if (trouble)
    gtk_widget_add_css_class (GTK_WIDGET (state_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (state_label), "warning");
  /* The whole sentence, when the row is too narrow for it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), state);
}

static void
account_notify_cb (DdAccount     *account,
                   GParamSpec    *pspec,
                   GtkListBoxRow *row)
{
  update_row (row);
}

static GtkWidget *
make_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
account_row_new (DdAccount *account)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = make_label ("heading");
  GtkWidget *platform_label = make_label ("caption");
  GtkWidget *state_label = make_label ("caption");

  gtk_widget_add_css_class (platform_label, "dim-label");
  /* The state is a sentence (the keyring's trouble, an error): all of it. */
  gtk_label_set_ellipsize (GTK_LABEL (state_label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (state_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (state_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_text (GTK_LABEL (platform_label),
                      dd_ui_format_platform (dd_account_get_platform (account)));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), platform_label);
  gtk_box_append (GTK_BOX (box), state_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), ROW_ACCOUNT_KEY, g_object_ref (account), g_object_unref);
  g_object_set_data (G_OBJECT (row), ROW_NAME_KEY, name_label);
  g_object_set_data (G_OBJECT (row), ROW_STATE_KEY, state_label);

  /* Any of name, state, state-message, last-synced, throttled-until, last-error. */
  g_signal_connect_object (account, "notify", G_CALLBACK (account_notify_cb), row, 0);
  update_row (GTK_LIST_BOX_ROW (row));

  return row;
}

static GtkWidget *
all_row_new (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = make_label ("heading");

  /* Translators: the sidebar row that lists the orders of every account */
  gtk_label_set_text (GTK_LABEL (label), _("All Accounts"));
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  return row;
}

static void
set_selected (DdAccountSidebar *self,
              DdAccount        *account)
{
  if (self->selected_account == account)
    return;

  g_set_object (&self->selected_account, account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ACCOUNT]);
}

static void
select_row_of (DdAccountSidebar *self,
               DdAccount        *account)
{
  GtkWidget *target = self->all_row;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL && account != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && row_get_account (GTK_LIST_BOX_ROW (child)) == account)
        {
          target = child;
          break;
        }
    }

  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (target));
}

static void
row_selected_cb (DdAccountSidebar *self,
                 GtkListBoxRow    *row,
                 GtkListBox       *list_box)
{
  if (self->rebuilding)
    return;

  set_selected (self, row_get_account (row));
}

/* Accounts are few: every change rebuilds the rows, keeping the selection. */
static void
rebuild (DdAccountSidebar *self)
{
  g_autoptr(DdAccount) selected = self->selected_account ? g_object_ref (self->selected_account) : NULL;
  gboolean still_there = FALSE;
  GtkWidget *child;
  guint n_items;

  self->rebuilding = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  self->all_row = all_row_new ();
  gtk_list_box_append (self->list_box, self->all_row);

  n_items = self->accounts != NULL ? g_list_model_get_n_items (self->accounts) : 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      gtk_list_box_append (self->list_box, account_row_new (account));
      if (account == selected)
        still_there = TRUE;
    }

  select_row_of (self, still_there ? selected : NULL);
  self->rebuilding = FALSE;

  /* A removed account's orders are gone with it: back to all of them. */
  if (!still_there)
    set_selected (self, NULL);
}

static void
items_changed_cb (DdAccountSidebar *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  rebuild (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  DdAccountSidebar *self = user_data;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      update_row (GTK_LIST_BOX_ROW (child));

  return G_SOURCE_CONTINUE;
}

static void
dd_account_sidebar_dispose (GObject *object)
{
  DdAccountSidebar *self = DD_ACCOUNT_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, items_changed_cb, self);
  g_clear_object (&self->accounts);
  g_clear_object (&self->selected_account);

  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_ACCOUNT_SIDEBAR);

  G_OBJECT_CLASS (dd_account_sidebar_parent_class)->dispose (object);
}

static void
dd_account_sidebar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DdAccountSidebar *self = DD_ACCOUNT_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_SELECTED_ACCOUNT:
      g_value_set_object (value, self->selected_account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_account_sidebar_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DdAccountSidebar *self = DD_ACCOUNT_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS:
      dd_account_sidebar_set_accounts (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ACCOUNT:
      dd_account_sidebar_set_selected_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_account_sidebar_class_init (DdAccountSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_account_sidebar_dispose;
  object_class->get_property = dd_account_sidebar_get_property;
  object_class->set_property = dd_account_sidebar_set_property;

  properties[PROP_ACCOUNTS] =
    g_param_spec_object ("accounts", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ACCOUNT] =
    g_param_spec_object ("selected-account", NULL, NULL,
                         DD_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dd-account-sidebar");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/dingdan/Dingdan/dd-account-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, DdAccountSidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
dd_account_sidebar_init (DdAccountSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  rebuild (self);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

GtkWidget *
dd_account_sidebar_new (void)
{
  return g_object_new (DD_TYPE_ACCOUNT_SIDEBAR, NULL);
}

GListModel *
dd_account_sidebar_get_accounts (DdAccountSidebar *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT_SIDEBAR (self), NULL);

  return self->accounts;
}

void
dd_account_sidebar_set_accounts (DdAccountSidebar *self,
                                 GListModel       *accounts)
{
  g_return_if_fail (DD_IS_ACCOUNT_SIDEBAR (self));
  g_return_if_fail (accounts == NULL || G_IS_LIST_MODEL (accounts));

  if (self->accounts == accounts)
    return;

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_func (self->accounts, items_changed_cb, self);
  g_set_object (&self->accounts, accounts);
  if (accounts != NULL)
    g_signal_connect_object (accounts, "items-changed",
                             G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS]);
}

DdAccount *
dd_account_sidebar_get_selected_account (DdAccountSidebar *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT_SIDEBAR (self), NULL);

  return self->selected_account;
}

void
dd_account_sidebar_set_selected_account (DdAccountSidebar *self,
                                         DdAccount        *account)
{
  g_return_if_fail (DD_IS_ACCOUNT_SIDEBAR (self));
  g_return_if_fail (account == NULL || DD_IS_ACCOUNT (account));

  select_row_of (self, account);
}
