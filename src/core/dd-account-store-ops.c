/* dd-account-store-ops.c: adding, connecting, editing, removing and testing accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account-store.h"
#include "dd-account-store-private.h"
#include "dd-pp-client.h"
#include "dd-secrets.h"
#include "dd-sign.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"

/* ---- Clients ------------------------------------------------------------- */

static DdClient *
build_client (DdAccountStore *self,
              DdAccount      *account,
              const char     *app_secret,
              const char     *token)
{
  const char *platform = dd_account_get_platform (account);
  const char *endpoint = dd_account_get_endpoint (account);
  const char *key = dd_account_get_key (account);
  DdSignTopMethod method = DD_SIGN_TOP_HMAC_SHA256;

  if (endpoint == NULL || endpoint[0] == '\0')
    endpoint = dd_account_spec_default_endpoint (platform);
  if (dd_account_get_sign_method (account) != NULL &&
      !dd_sign_top_method_from_string (dd_account_get_sign_method (account), &method))
    method = DD_SIGN_TOP_HMAC_SHA256;

  if (g_strcmp0 (platform, DD_PLATFORM_TW) == 0)
    return DD_CLIENT (dd_tw_client_new (dd_account_store_get_http (self), endpoint, key, app_secret, token));
  if (g_strcmp0 (platform, DD_PLATFORM_TOP) == 0)
    return DD_CLIENT (dd_top_client_new (dd_account_store_get_http (self), endpoint, key, app_secret, token, method));
  if (g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0)
    return DD_CLIENT (dd_top_pc_client_new (dd_account_store_get_http (self), endpoint, key, app_secret, token, method,
                                            dd_account_get_user_id (account)));
  return DD_CLIENT (dd_pp_client_new (dd_account_store_get_http (self), endpoint, key, app_secret,
                                      dd_account_get_user_id (account)));
}

/* Token writes still on their way to the keyring (dd_account_store_flush). */
static guint pending_token_writes;

static void
token_stored_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DdAccount) account = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (pending_token_writes > 0);
  pending_token_writes--;

  if (!dd_secrets_store_finish (result, &error))
    {
      /* The platform already rotated the tokens: without the new ones in
       * the keyring the next start needs the shop authorised again. */
      g_warning ("Could not save the refreshed tokens of account %s: %s",
                 dd_account_get_id (account), error->message);
      dd_account_set_state (account, DD_ACCOUNT_STATE_NO_KEYRING, error->message);
    }
}

static void
tokens_changed_cb (DdClient   *client,
                   const char *access_token,
                   const char *refresh_token,
                   DdAccount  *account)
{
  const char *id = dd_account_get_id (account);
  const char *platform = dd_account_get_platform (account);
  const char *name = dd_account_get_name (account);

  g_assert (DD_IS_ACCOUNT (account));

  if (access_token != NULL)
    pending_token_writes++;
  if (refresh_token != NULL)
    pending_token_writes++;

  if (access_token != NULL)
    dd_secrets_store_async (id, platform, name, DD_SECRET_ACCESS_TOKEN, access_token,
                            NULL, token_stored_cb, g_object_ref (account));
  if (refresh_token != NULL)
    dd_secrets_store_async (id, platform, name, DD_SECRET_REFRESH_TOKEN, refresh_token,
                            NULL, token_stored_cb, g_object_ref (account));
}

/* The secrets of one operation, wiped when it ends. */
typedef struct
{
  DdAccount    *account;        /* owned */
  DdCache      *cache;          /* owned, remove only */
  char         *platform;
  char         *name;
  char         *endpoint;
  char         *key;
  char         *user_id;
  char         *sign_method;
  char         *secrets[3];     /* indexed by DdSecretKind; wiped */
  guint         next_kind;
  GError       *error;          /* a failed add's, while its secrets are cleared */
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->account);
  g_clear_object (&op->cache);
  g_free (op->platform);
  g_free (op->name);
  g_free (op->endpoint);
  g_free (op->key);
  g_free (op->user_id);
  g_free (op->sign_method);
  for (guint i = 0; i < G_N_ELEMENTS (op->secrets); i++)
    dd_secrets_free (op->secrets[i]);
  g_clear_error (&op->error);
  g_free (op);
}

static char *
dup_stripped (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_strstrip (g_strdup (text));
}

static Op *
op_new_from_spec (const DdAccountSpec *spec)
{
  Op *op = g_new0 (Op, 1);

  op->platform = g_strdup (spec->platform);
  op->name = dup_stripped (spec->name);
  op->endpoint = dup_stripped (spec->endpoint);
  op->key = dup_stripped (spec->key);
  op->user_id = dup_stripped (spec->user_id);
  op->sign_method = dup_stripped (spec->sign_method);
  op->secrets[DD_SECRET_APP_SECRET] = g_strdup (spec->app_secret);
  op->secrets[DD_SECRET_ACCESS_TOKEN] = g_strdup (spec->access_token);
  op->secrets[DD_SECRET_REFRESH_TOKEN] = g_strdup (spec->refresh_token);
  return op;
}

/* Applies the non-secret settings of @op to @account. */
static void
apply_settings (DdAccount *account,
                Op        *op)
{
  const char *platform = dd_account_get_platform (account);

  dd_account_set_name (account, op->name);
  dd_account_set_endpoint (account, op->endpoint != NULL && op->endpoint[0] != '\0'
                                      ? op->endpoint : dd_account_spec_default_endpoint (platform));
  dd_account_set_key (account, op->key);
  dd_account_set_user_id (account, dd_account_spec_needs_user_id (platform) ? op->user_id : NULL);
  if (dd_account_spec_is_top (platform))
    dd_account_set_sign_method (account, op->sign_method != NULL && op->sign_method[0] != '\0'
                                           ? op->sign_method : "hmac-sha256");
  else
    dd_account_set_sign_method (account, NULL);
}

/* Stores the secrets of @op one after the other, then calls @done. */
typedef void (*StoreDone) (GTask *task);

static void store_next (GTask *task);

static void
add_cleared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) clear_error = NULL;

  if (!dd_secrets_clear_finish (result, &clear_error))
    g_debug ("Could not clear the secrets of account %s, which was not added: %s",
             dd_account_get_id (op->account), clear_error->message);
  g_task_return_error (task, g_steal_pointer (&op->error));
}

/* An account being added is not kept: takes back whatever of its secrets
 * was stored, and only then fails @task with @error (taken), so that a
 * caller exiting right after the failure (the CLI) leaves no secret behind. */
static void
add_fail (GTask  *task,
          GError *error)
{
  Op *op = g_task_get_task_data (task);

  g_clear_error (&op->error);
  op->error = error;
  dd_secrets_clear_async (dd_account_get_id (op->account), NULL,
                          add_cleared_cb, g_object_ref (task));
}

static void
store_secret_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_secrets_store_finish (result, &error))
    {
      Op *op = g_task_get_task_data (task);

      /* An account being added is not kept: once its app secret (always
       * the first) is stored, take back what was. */
      if (g_task_get_source_tag (task) == dd_account_store_add_async && op->next_kind > 1)
        add_fail (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store_next (g_steal_pointer (&task));
}

static void
store_next (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  StoreDone done = g_object_get_data (G_OBJECT (task), "store-done");
  DdSecretKind kind;

  while (op->next_kind < G_N_ELEMENTS (op->secrets) && op->secrets[op->next_kind] == NULL)
    op->next_kind++;

  if (op->next_kind >= G_N_ELEMENTS (op->secrets))
    {
      done (task);
      g_object_unref (task);
      return;
    }

  kind = op->next_kind++;
  dd_secrets_store_async (dd_account_get_id (op->account),
                          dd_account_get_platform (op->account),
                          op->name, kind, op->secrets[kind],
                          g_task_get_cancellable (task),
                          store_secret_cb, task);
}

static void
store_secrets (GTask     *task,
               StoreDone  done)
{
  g_object_set_data (G_OBJECT (task), "store-done", done);
  store_next (g_object_ref (task));
}

/* ---- Add ----------------------------------------------------------------- */

static void
add_stored (GTask *task)
{
  DdAccountStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdClient) client = NULL;

  dd_account_store_insert (self, op->account);
  if (!dd_account_store_save (self, &error))
    {
      dd_account_store_remove_item (self, op->account);
      /* Leave no secret behind for an account that is not kept. */
      add_fail (task, g_steal_pointer (&error));
      return;
    }

  client = build_client (self, op->account, op->secrets[DD_SECRET_APP_SECRET],
                         op->secrets[DD_SECRET_ACCESS_TOKEN]);
  if (DD_IS_TW_CLIENT (client))
    {
      /* Taiwan refreshes its own tokens; the new pair goes to the keyring. */
      if (op->secrets[DD_SECRET_REFRESH_TOKEN] != NULL)
        dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), op->secrets[DD_SECRET_REFRESH_TOKEN]);
      g_signal_connect_object (client, "tokens-changed", G_CALLBACK (tokens_changed_cb),
                               op->account, 0);
    }
  dd_account_set_client (op->account, client);
  dd_account_set_state (op->account, DD_ACCOUNT_STATE_CONNECTED, NULL);

  g_task_return_pointer (task, g_object_ref (op->account), g_object_unref);
}

void
dd_account_store_add_async (DdAccountStore      *self,
                            const DdAccountSpec *spec,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  Op *op;

  g_return_if_fail (DD_IS_ACCOUNT_STORE (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_account_store_add_async);

  if (!dd_account_store_validate (self, spec, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new_from_spec (spec);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  /* Generated once; the cache and the keyring know the account by it. */
  id = g_uuid_string_random ();
  op->account = dd_account_new (id, op->platform, op->name, NULL);
  apply_settings (op->account, op);
  if (!dd_account_spec_needs_access_token (op->platform))
    g_clear_pointer (&op->secrets[DD_SECRET_ACCESS_TOKEN], dd_secrets_free);
  if (g_strcmp0 (op->platform, DD_PLATFORM_TW) != 0)
    g_clear_pointer (&op->secrets[DD_SECRET_REFRESH_TOKEN], dd_secrets_free);

  store_secrets (task, add_stored);
}

DdAccount *
dd_account_store_add_finish (DdAccountStore  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_account_store_add_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Connect ------------------------------------------------------------- */

static void connect_lookup_next (GTask *task);

static void
connect_done (GTask *task)
{
  DdAccountStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(DdClient) client = NULL;
  const char *platform = dd_account_get_platform (op->account);

  if (op->secrets[DD_SECRET_APP_SECRET] == NULL ||
      (dd_account_spec_needs_access_token (platform) && op->secrets[DD_SECRET_ACCESS_TOKEN] == NULL))
    {
      const char *message = _("The keyring holds no secret for this account. Edit the "
                              "account and enter its secrets again.");

      dd_account_set_client (op->account, NULL);
      dd_account_set_state (op->account, DD_ACCOUNT_STATE_MISSING_SECRET, message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", message);
      return;
    }

  client = build_client (self, op->account, op->secrets[DD_SECRET_APP_SECRET],
                         op->secrets[DD_SECRET_ACCESS_TOKEN]);
  if (DD_IS_TW_CLIENT (client))
    {
      /* Taiwan refreshes its own tokens; the new pair goes to the keyring. */
      if (op->secrets[DD_SECRET_REFRESH_TOKEN] != NULL)
        dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), op->secrets[DD_SECRET_REFRESH_TOKEN]);
      g_signal_connect_object (client, "tokens-changed", G_CALLBACK (tokens_changed_cb),
                               op->account, 0);
    }
  dd_account_set_client (op->account, client);
  dd_account_set_state (op->account, DD_ACCOUNT_STATE_CONNECTED, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
connect_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = dd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (error->domain == DD_SECRETS_ERROR)
        {
          dd_account_set_client (op->account, NULL);
          dd_account_set_state (op->account, DD_ACCOUNT_STATE_NO_KEYRING, error->message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op->secrets[op->next_kind++] = secret;
  connect_lookup_next (g_steal_pointer (&task));
}

static void
connect_lookup_next (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  const char *platform = dd_account_get_platform (op->account);

  /* The client needs the app secret and, but for PandaPon, the token;
   * Taiwan's client also takes the refresh token when there is one. */
  if ((op->next_kind == DD_SECRET_REFRESH_TOKEN && g_strcmp0 (platform, DD_PLATFORM_TW) != 0) ||
      op->next_kind > DD_SECRET_REFRESH_TOKEN ||
      (op->next_kind == DD_SECRET_ACCESS_TOKEN && !dd_account_spec_needs_access_token (platform)) ||
      (op->next_kind == DD_SECRET_ACCESS_TOKEN && op->secrets[DD_SECRET_APP_SECRET] == NULL))
    {
      connect_done (task);
      g_object_unref (task);
      return;
    }

  dd_secrets_lookup_async (dd_account_get_id (op->account), platform, op->next_kind,
                           g_task_get_cancellable (task), connect_lookup_cb, task);
}

void
dd_account_store_connect_async (DdAccountStore      *self,
                                DdAccount           *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (DD_IS_ACCOUNT_STORE (self));
  g_return_if_fail (DD_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_account_store_connect_async);

  op = g_new0 (Op, 1);
  op->account = g_object_ref (account);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  connect_lookup_next (task);
}

gboolean
dd_account_store_connect_finish (DdAccountStore  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_account_store_connect_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Update -------------------------------------------------------------- */

static void
update_connected_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!dd_account_store_connect_finish (DD_ACCOUNT_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
update_stored (GTask *task)
{
  DdAccountStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  apply_settings (op->account, op);
  dd_account_store_resort (self, op->account);
  if (!dd_account_store_save (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* New secrets fix a refused authorisation; the client is rebuilt. */
  dd_account_set_state (op->account, DD_ACCOUNT_STATE_DISCONNECTED, NULL);
  dd_account_store_connect_async (self, op->account, g_task_get_cancellable (task),
                                  update_connected_cb, g_object_ref (task));
}

void
dd_account_store_update_async (DdAccountStore      *self,
                               DdAccount           *account,
                               const DdAccountSpec *spec,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (DD_IS_ACCOUNT_STORE (self));
  g_return_if_fail (DD_IS_ACCOUNT (account));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_account_store_update_async);

  if (!dd_account_store_validate (self, spec, account, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new_from_spec (spec);
  op->account = g_object_ref (account);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  /* Only the secrets the platform uses go to the keyring, as when adding. */
  if (!dd_account_spec_needs_access_token (dd_account_get_platform (account)))
    g_clear_pointer (&op->secrets[DD_SECRET_ACCESS_TOKEN], dd_secrets_free);
  if (g_strcmp0 (dd_account_get_platform (account), DD_PLATFORM_TW) != 0)
    g_clear_pointer (&op->secrets[DD_SECRET_REFRESH_TOKEN], dd_secrets_free);

  store_secrets (task, update_stored);
}

gboolean
dd_account_store_update_finish (DdAccountStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_account_store_update_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Remove -------------------------------------------------------------- */

static void
remove_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdAccountStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A secret must not be left behind silently: keep the account. */
  if (!dd_secrets_clear_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  dd_account_set_client (op->account, NULL);
  dd_account_store_remove_item (self, op->account);
  if (!dd_account_store_save (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->cache != NULL &&
      !dd_cache_delete_account (op->cache, dd_account_get_id (op->account), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
dd_account_store_remove_async (DdAccountStore      *self,
                               DdAccount           *account,
                               DdCache             *cache,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (DD_IS_ACCOUNT_STORE (self));
  g_return_if_fail (DD_IS_ACCOUNT (account));
  g_return_if_fail (cache == NULL || DD_IS_CACHE (cache));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_account_store_remove_async);

  op = g_new0 (Op, 1);
  op->account = g_object_ref (account);
  op->cache = cache != NULL ? g_object_ref (cache) : NULL;
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  dd_secrets_clear_async (dd_account_get_id (account), cancellable, remove_cleared_cb, task);
}

gboolean
dd_account_store_remove_finish (DdAccountStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_account_store_remove_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Test ---------------------------------------------------------------- */

static void
test_listed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autofree char *count = NULL;
  g_autofree char *sentence = NULL;
  const char *platform;

  page = dd_client_list_orders_finish (DD_CLIENT (source), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  platform = dd_platform_get_label (dd_client_get_platform (DD_CLIENT (source)));
  if (platform == NULL)
    platform = dd_client_get_platform (DD_CLIENT (source));
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, page->total_count);
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: "Test connection" succeeded;
                                            * the first %s is a platform such as "Taobao
                                            * Taiwan", the second the number of orders it
                                            * reports */
                                           "Connected: %s reports %s order.",
                                           "Connected: %s reports %s orders.",
                                           (gulong) MIN (page->total_count, G_MAXULONG)),
                              platform, count);
  g_task_return_pointer (task, g_steal_pointer (&sentence), g_free);
}

void
dd_account_store_test_async (DdAccountStore      *self,
                             DdAccount           *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DdClient *client;
  DdListQuery query = { 0, 0, 1, 1 };

  g_return_if_fail (DD_IS_ACCOUNT_STORE (self));
  g_return_if_fail (DD_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_account_store_test_async);

  client = dd_account_get_client (account);
  if (client == NULL)
    {
      const char *message = dd_account_get_state_message (account);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "%s",
                               message != NULL ? message
                                               : _("The account is not connected yet."));
      return;
    }

  dd_client_list_orders_async (client, &query, cancellable, test_listed_cb,
                               g_steal_pointer (&task));
}

char *
dd_account_store_test_finish (DdAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_account_store_test_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
dd_account_store_flush (DdAccountStore *self,
                        guint           timeout_ms)
{
  gint64 deadline;

  g_return_val_if_fail (DD_IS_ACCOUNT_STORE (self), FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (pending_token_writes > 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return pending_token_writes == 0;
}
