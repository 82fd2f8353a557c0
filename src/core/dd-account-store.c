/* dd-account-store.c: the connected accounts, persisted without secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-account-store.h"
#include "dd-account-store-private.h"
#include "dd-pp-client.h"
#include "dd-secrets.h"
#include "dd-sign.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"

/* The key file: one group per account, "Account <id>", with the keys below.
 * Besides the settings it keeps the sync status the sidebar shows
 * (LastSynced, ThrottledUntil as ISO 8601 UTC, LastError), rewritten when
 * they change. Never a secret. */
#define GROUP_PREFIX        "Account "
#define KEY_PLATFORM        "Platform"
#define KEY_NAME            "Name"
#define KEY_ENDPOINT        "Endpoint"
#define KEY_KEY             "Key"
#define KEY_USER_ID         "UserId"
#define KEY_SIGN_METHOD     "SignMethod"
#define KEY_LAST_SYNCED     "LastSynced"
#define KEY_THROTTLED_UNTIL "ThrottledUntil"
#define KEY_LAST_ERROR      "LastError"

struct _DdAccountStore
{
  GObject    parent_instance;

  char      *path;
  DdHttp    *http;
  GPtrArray *accounts;   /* (element-type DdAccount) sorted by name */
};

static void dd_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdAccountStore, dd_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dd_account_store_list_model_init))

static GType
dd_account_store_get_item_type (GListModel *model)
{
  return DD_TYPE_ACCOUNT;
}

static guint
dd_account_store_get_n_items (GListModel *model)
{
  return DD_ACCOUNT_STORE (model)->accounts->len;
}

static gpointer
dd_account_store_get_item (GListModel *model,
                           guint       position)
{
  DdAccountStore *self = DD_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
dd_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_account_store_get_item_type;
  iface->get_n_items = dd_account_store_get_n_items;
  iface->get_item = dd_account_store_get_item;
}

static void
status_changed_cb (DdAccount      *account,
                   GParamSpec     *pspec,
                   DdAccountStore *self);

static void
disconnect_account (DdAccountStore *self,
                    DdAccount      *account)
{
  g_signal_handlers_disconnect_by_func (account, status_changed_cb, self);
}

static void
dd_account_store_dispose (GObject *object)
{
  DdAccountStore *self = DD_ACCOUNT_STORE (object);

  if (self->accounts != NULL)
    {
      for (guint i = 0; i < self->accounts->len; i++)
        disconnect_account (self, g_ptr_array_index (self->accounts, i));
      g_clear_pointer (&self->accounts, g_ptr_array_unref);
    }
  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_account_store_parent_class)->dispose (object);
}

static void
dd_account_store_finalize (GObject *object)
{
  DdAccountStore *self = DD_ACCOUNT_STORE (object);

  g_free (self->path);

  G_OBJECT_CLASS (dd_account_store_parent_class)->finalize (object);
}

static void
dd_account_store_class_init (DdAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_account_store_dispose;
  object_class->finalize = dd_account_store_finalize;
}

static void
dd_account_store_init (DdAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

DdAccountStore *
dd_account_store_new (const char *path,
                      DdHttp     *http)
{
  DdAccountStore *self;

  g_return_val_if_fail (DD_IS_HTTP (http), NULL);

  self = g_object_new (DD_TYPE_ACCOUNT_STORE, NULL);
  self->http = g_object_ref (http);
  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = g_build_filename (g_get_user_config_dir (), "dingdan", "accounts.ini", NULL);

  return self;
}

DdHttp *
dd_account_store_get_http (DdAccountStore *self)
{
  return self->http;
}

const char *
dd_account_store_get_path (DdAccountStore *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT_STORE (self), NULL);

  return self->path;
}

/* ---- Persistence --------------------------------------------------------- */

static void
set_if_any (GKeyFile   *key_file,
               const char *group,
               const char *key,
               const char *value)
{
  if (value != NULL && value[0] != '\0')
    g_key_file_set_string (key_file, group, key, value);
}

static void
set_date_time (GKeyFile   *key_file,
               const char *group,
               const char *key,
               GDateTime  *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  text = g_date_time_format_iso8601 (value);
  g_key_file_set_string (key_file, group, key, text);
}

gboolean
dd_account_store_save (DdAccountStore  *self,
                       GError         **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  for (guint i = 0; i < self->accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (self->accounts, i);
      g_autofree char *group = g_strconcat (GROUP_PREFIX, dd_account_get_id (account), NULL);

      g_key_file_set_string (key_file, group, KEY_PLATFORM, dd_account_get_platform (account));
      g_key_file_set_string (key_file, group, KEY_NAME, dd_account_get_name (account));
      set_if_any (key_file, group, KEY_ENDPOINT, dd_account_get_endpoint (account));
      set_if_any (key_file, group, KEY_KEY, dd_account_get_key (account));
      set_if_any (key_file, group, KEY_USER_ID, dd_account_get_user_id (account));
      set_if_any (key_file, group, KEY_SIGN_METHOD, dd_account_get_sign_method (account));
      set_date_time (key_file, group, KEY_LAST_SYNCED, dd_account_get_last_synced (account));
      set_date_time (key_file, group, KEY_THROTTLED_UNTIL, dd_account_get_throttled_until (account));
      set_if_any (key_file, group, KEY_LAST_ERROR, dd_account_get_last_error (account));
    }

  data = g_key_file_to_data (key_file, &length, NULL);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the system's reason */
                   _("The accounts could not be saved: the folder %s could not be created (%s)"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (self->path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is the system's reason */
                   _("The accounts could not be saved: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
status_changed_cb (DdAccount      *account,
                   GParamSpec     *pspec,
                   DdAccountStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!dd_account_store_save (self, &error))
    g_warning ("Could not save the accounts’ sync status: %s", error->message);
}

static int
compare_names (DdAccount *a,
               DdAccount *b)
{
  int cmp = g_utf8_collate (dd_account_get_name (a) ? dd_account_get_name (a) : "",
                            dd_account_get_name (b) ? dd_account_get_name (b) : "");

  return cmp != 0 ? cmp : g_strcmp0 (dd_account_get_id (a), dd_account_get_id (b));
}

static guint
sorted_position (DdAccountStore *self,
                 DdAccount      *account)
{
  guint i;

  for (i = 0; i < self->accounts->len; i++)
    {
      DdAccount *other = g_ptr_array_index (self->accounts, i);

      if (other != account && compare_names (account, other) < 0)
        break;
    }
  return i;
}

void
dd_account_store_insert (DdAccountStore *self,
                         DdAccount      *account)
{
  guint position = sorted_position (self, account);

  g_ptr_array_insert (self->accounts, position, g_object_ref (account));
  g_signal_connect (account, "notify::last-synced", G_CALLBACK (status_changed_cb), self);
  g_signal_connect (account, "notify::throttled-until", G_CALLBACK (status_changed_cb), self);
  g_signal_connect (account, "notify::last-error", G_CALLBACK (status_changed_cb), self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

gboolean
dd_account_store_remove_item (DdAccountStore *self,
                              DdAccount      *account)
{
  guint position;

  if (!g_ptr_array_find (self->accounts, account, &position))
    return FALSE;

  disconnect_account (self, account);
  g_ptr_array_remove_index (self->accounts, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

/* After a rename: moves the account to its sorted place. */
void
dd_account_store_resort (DdAccountStore *self,
                         DdAccount      *account)
{
  guint old_position;
  guint new_position;

  if (!g_ptr_array_find (self->accounts, account, &old_position))
    return;

  g_ptr_array_steal_index (self->accounts, old_position);
  new_position = sorted_position (self, account);
  g_ptr_array_insert (self->accounts, new_position, account);
  if (old_position != new_position)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }
}

static GDateTime *
read_date_time (GKeyFile   *key_file,
                const char *group,
                const char *key)
{
  g_autofree char *text = g_key_file_get_string (key_file, group, key, NULL);

  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

static gboolean
platform_is_known (const char *platform)
{
  return g_strcmp0 (platform, DD_PLATFORM_TW) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_TOP) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0;
}

gboolean
dd_account_store_load (DdAccountStore  *self,
                       GError         **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  guint old_n;

  g_return_val_if_fail (DD_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_key_file_load_from_file (key_file, self->path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is the system's reason */
                   _("The accounts could not be read: %s"), local_error->message);
      return FALSE;
    }

  old_n = self->accounts->len;
  for (guint i = 0; i < self->accounts->len; i++)
    disconnect_account (self, g_ptr_array_index (self->accounts, i));
  g_ptr_array_set_size (self->accounts, 0);
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      const char *id;
      g_autofree char *platform = NULL;
      g_autofree char *name = NULL;
      g_autofree char *endpoint = NULL;
      g_autofree char *key = NULL;
      g_autofree char *user_id = NULL;
      g_autofree char *sign_method = NULL;
      g_autofree char *last_error = NULL;
      g_autoptr(GDateTime) last_synced = NULL;
      g_autoptr(GDateTime) throttled_until = NULL;
      g_autoptr(DdAccount) account = NULL;

      if (!g_str_has_prefix (group, GROUP_PREFIX))
        continue;
      id = group + strlen (GROUP_PREFIX);
      platform = g_key_file_get_string (key_file, group, KEY_PLATFORM, NULL);
      if (id[0] == '\0' || !platform_is_known (platform))
        {
          g_warning ("Skipping account “%s” of an unknown platform", id);
          continue;
        }

      name = g_key_file_get_string (key_file, group, KEY_NAME, NULL);
      endpoint = g_key_file_get_string (key_file, group, KEY_ENDPOINT, NULL);
      key = g_key_file_get_string (key_file, group, KEY_KEY, NULL);
      user_id = g_key_file_get_string (key_file, group, KEY_USER_ID, NULL);
      sign_method = g_key_file_get_string (key_file, group, KEY_SIGN_METHOD, NULL);
      last_error = g_key_file_get_string (key_file, group, KEY_LAST_ERROR, NULL);
      last_synced = read_date_time (key_file, group, KEY_LAST_SYNCED);
      throttled_until = read_date_time (key_file, group, KEY_THROTTLED_UNTIL);

      account = dd_account_new (id, platform, name != NULL ? name : id, endpoint);
      dd_account_set_key (account, key);
      dd_account_set_user_id (account, user_id);
      dd_account_set_sign_method (account, sign_method);
      dd_account_set_last_error (account, last_error);
      dd_account_set_last_synced (account, last_synced);
      dd_account_set_throttled_until (account, throttled_until);
      dd_account_store_insert (self, account);
    }

  return TRUE;
}

DdAccount *
dd_account_store_lookup (DdAccountStore *self,
                         const char     *id_or_name)
{
  g_return_val_if_fail (DD_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (dd_account_get_id (account), id_or_name) == 0)
        return account;
    }
  for (guint i = 0; i < self->accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (dd_account_get_name (account), id_or_name) == 0)
        return account;
    }
  return NULL;
}

/* ---- Validation ---------------------------------------------------------- */

gboolean
dd_account_spec_blank (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return TRUE;
  copy = g_strstrip (g_strdup (text));
  return copy[0] == '\0';
}

gboolean
dd_account_spec_needs_access_token (const char *platform)
{
  return g_strcmp0 (platform, DD_PLATFORM_PANDAPON) != 0;
}

gboolean
dd_account_spec_needs_user_id (const char *platform)
{
  return g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0;
}

gboolean
dd_account_spec_is_top (const char *platform)
{
  return g_strcmp0 (platform, DD_PLATFORM_TOP) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0;
}

const char *
dd_account_spec_default_endpoint (const char *platform)
{
  if (g_strcmp0 (platform, DD_PLATFORM_TW) == 0)
    return DD_TW_DEFAULT_ENDPOINT;
  if (g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0)
    return DD_PP_DEFAULT_ENDPOINT;
  return DD_TOP_DEFAULT_ENDPOINT;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

gboolean
dd_account_store_validate (DdAccountStore       *self,
                           const DdAccountSpec  *spec,
                           DdAccount            *editing,
                           GError              **error)
{
  const char *platform;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (DD_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (editing == NULL || DD_IS_ACCOUNT (editing), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  platform = spec->platform;
  if (editing != NULL && platform == NULL)
    platform = dd_account_get_platform (editing);
  if (!platform_is_known (platform))
    return invalid (error, _("Platform: choose Taobao, Taobao procurement, Taobao Taiwan or PandaPon."));
  if (editing != NULL && g_strcmp0 (platform, dd_account_get_platform (editing)) != 0)
    return invalid (error, _("Platform: an account’s platform cannot be changed; add a new account instead."));

  if (dd_account_spec_blank (spec->name))
    return invalid (error, _("Name: enter a name for the account."));
  folded = g_utf8_casefold (spec->name, -1);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      DdAccount *other = g_ptr_array_index (self->accounts, i);
      g_autofree char *other_folded = NULL;

      if (other == editing || dd_account_get_name (other) == NULL)
        continue;
      other_folded = g_utf8_casefold (dd_account_get_name (other), -1);
      if (g_strcmp0 (g_strstrip (folded), g_strstrip (other_folded)) == 0)
        return invalid (error, _("Name: another account already has this name."));
    }

  if (dd_account_spec_blank (spec->key))
    return invalid (error, g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0
                             ? _("Access key: enter the account’s access key.")
                             : _("App key: enter the app key."));

  if (dd_account_spec_needs_user_id (platform) && dd_account_spec_blank (spec->user_id))
    return invalid (error, g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0
                             ? _("User ID: enter the PandaPon user ID.")
                             : _("Buyer ID: enter the procurement buyer ID."));

  if (dd_account_spec_is_top (platform) && !dd_account_spec_blank (spec->sign_method))
    {
      DdSignTopMethod method;

      if (!dd_sign_top_method_from_string (spec->sign_method, &method))
        return invalid (error, _("Sign method: choose md5, hmac or hmac-sha256."));
    }

  if (!dd_account_spec_blank (spec->endpoint))
    {
      g_autoptr(GError) check_error = NULL;

      if (!dd_http_check_endpoint (spec->endpoint, &check_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s says what is wrong with the address */
                       _("Endpoint: %s"), check_error->message);
          return FALSE;
        }
    }

  /* Secrets: required when adding; when editing NULL keeps the stored one. */
  if (editing == NULL || spec->app_secret != NULL)
    {
      if (dd_account_spec_blank (spec->app_secret))
        return invalid (error, g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0
                                 ? _("Secret: enter the account’s secret.")
                                 : _("App secret: enter the app secret."));
    }
  if (dd_account_spec_needs_access_token (platform) && (editing == NULL || spec->access_token != NULL))
    {
      if (dd_account_spec_blank (spec->access_token))
        return invalid (error, dd_account_spec_is_top (platform)
                                 ? _("Session key: enter the session key the shop’s authorisation returned.")
                                 : _("Access token: enter the access token the shop’s authorisation returned."));
    }

  return TRUE;
}

