/* dd-secrets.c: account secrets in the system keyring, and nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-secrets.h"

G_DEFINE_QUARK (dd-secrets-error-quark, dd_secrets_error)

const SecretSchema *
dd_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.dingdan.Dingdan.Credential",
    SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "platform", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

const char *
dd_secret_kind_to_string (DdSecretKind kind)
{
  switch (kind)
    {
    case DD_SECRET_APP_SECRET:
      return "app-secret";
    case DD_SECRET_ACCESS_TOKEN:
      return "access-token";
    case DD_SECRET_REFRESH_TOKEN:
      return "refresh-token";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The kind for people, in the keyring item's label. */
static const char *
kind_label (DdSecretKind kind)
{
  switch (kind)
    {
    case DD_SECRET_ACCESS_TOKEN:
      /* Translators: a kind of secret, in a keyring item's label */
      return _("access token");
    case DD_SECRET_REFRESH_TOKEN:
      /* Translators: a kind of secret, in a keyring item's label */
      return _("refresh token");
    case DD_SECRET_APP_SECRET:
    default:
      /* Translators: a kind of secret, in a keyring item's label */
      return _("app secret");
    }
}

/* Turns what libsecret (or D-Bus under it) reported into a DD_SECRETS_ERROR
 * with a sentence for people; a cancellation by the caller stays one. */
static GError *
map_error (const GError *error,
           GCancellable *cancellable)
{
  gboolean locked = FALSE;

  g_debug ("Keyring error: %s (%s, %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    return g_error_copy (error);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    locked = TRUE;
  /* A dismissed unlock prompt: libsecret reports it as a cancellation
   * nobody asked for, or as a D-Bus error saying so. */
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    locked = TRUE;
  else if (error->domain == G_DBUS_ERROR && error->message != NULL &&
           g_strrstr (error->message, "ismissed") != NULL)
    locked = TRUE;

  if (locked)
    return g_error_new_literal (DD_SECRETS_ERROR, DD_SECRETS_ERROR_LOCKED,
                                _("The system keyring is locked. Unlock it to use this "
                                  "account; its cached orders stay readable."));

  return g_error_new_literal (DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE,
                              _("The system keyring is not available, so this account’s "
                                "secrets cannot be read or saved. Its cached orders stay "
                                "readable."));
}

static void
return_error (GTask        *task,
              const GError *error)
{
  g_task_return_error (task, map_error (error, g_task_get_cancellable (task)));
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dd_secrets_store_async (const char          *account_id,
                        const char          *platform,
                        const char          *account_name,
                        DdSecretKind         kind,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (account_id != NULL && account_id[0] != '\0');
  g_return_if_fail (platform != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_secrets_store_async);

  /* Translators: a keyring item's label; the first %s is the account's
   * name, the second the kind of secret, such as "app secret" */
  label = g_strdup_printf (_("Dingdan: %s (%s)"),
                           account_name != NULL ? account_name : account_id,
                           kind_label (kind));

  g_debug ("Storing the %s of account %s in the keyring",
           dd_secret_kind_to_string (kind), account_id);

  secret_password_store (dd_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         secret, cancellable, store_cb, g_steal_pointer (&task),
                         "account-id", account_id,
                         "platform", platform,
                         "kind", dd_secret_kind_to_string (kind),
                         NULL);
}

gboolean
dd_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_secrets_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
dd_secrets_lookup_async (const char          *account_id,
                         const char          *platform,
                         DdSecretKind         kind,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (account_id != NULL && account_id[0] != '\0');
  g_return_if_fail (platform != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_secrets_lookup_async);

  secret_password_lookup (dd_secrets_get_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          "account-id", account_id,
                          "platform", platform,
                          "kind", dd_secret_kind_to_string (kind),
                          NULL);
}

char *
dd_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_secrets_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to clear. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
dd_secrets_clear_async (const char          *account_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (account_id != NULL && account_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_secrets_clear_async);

  g_debug ("Clearing the secrets of account %s from the keyring", account_id);

  /* By account id only: every kind goes. */
  secret_password_clear (dd_secrets_get_schema (), cancellable,
                         clear_cb, g_steal_pointer (&task),
                         "account-id", account_id,
                         NULL);
}

gboolean
dd_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_secrets_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
dd_secrets_free (char *secret)
{
  /* Wipes before freeing (NULL allowed). */
  secret_password_free (secret);
}
