/* dd-account-store.h: the connected accounts, persisted without secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-account.h"
#include "dd-cache.h"
#include "dd-http.h"

G_BEGIN_DECLS

/* What the user gives to add or edit an account. Secrets are only passed
 * through to the keyring; the store never writes them anywhere else. */
typedef struct
{
  const char *platform;      /* DD_PLATFORM_TW, _TOP, _TOP_PC, _PANDAPON */
  const char *name;          /* for people; unique among accounts */
  const char *endpoint;      /* NULL or "": the platform's default */
  const char *key;           /* TOP/Taiwan app key, PandaPon access key */
  const char *user_id;       /* PandaPon user-id; TOP procurement buyer id */
  const char *sign_method;   /* TOP: "md5", "hmac", "hmac-sha256" (default hmac-sha256) */
  const char *app_secret;    /* required when adding; NULL when editing keeps the stored one */
  const char *access_token;  /* TOP session / Taiwan access token (NULL: keep / none) */
  const char *refresh_token; /* Taiwan (NULL: keep / none) */
} DdAccountSpec;

#define DD_TYPE_ACCOUNT_STORE (dd_account_store_get_type ())
G_DECLARE_FINAL_TYPE (DdAccountStore, dd_account_store, DD, ACCOUNT_STORE, GObject)

/* A GListModel of DdAccount (item type DD_TYPE_ACCOUNT), sorted by name.
 * Accounts live in a key file, @path (NULL: $XDG_CONFIG_HOME/dingdan/accounts.ini),
 * written atomically; never a secret in it. @http is shared by the clients. */
DdAccountStore *dd_account_store_new        (const char      *path,
                                             DdHttp          *http) G_GNUC_WARN_UNUSED_RESULT;
/* Reads the key file (a missing file is no error). Accounts start without a
 * client; connect them. */
gboolean        dd_account_store_load       (DdAccountStore  *self,
                                             GError         **error);
const char     *dd_account_store_get_path   (DdAccountStore  *self);

/* By id, or else by name; NULL when neither matches. (transfer none) */
DdAccount      *dd_account_store_lookup     (DdAccountStore  *self,
                                             const char      *id_or_name);

/* Checks @spec (translated G_IO_ERROR_INVALID_ARGUMENT errors naming the
 * field: missing fields per platform, unknown platform or sign method, a
 * duplicate name, an endpoint that is not https unless its host is loopback). */
gboolean        dd_account_store_validate   (DdAccountStore      *self,
                                             const DdAccountSpec *spec,
                                             DdAccount           *editing,
                                             GError             **error);

/* Validates, stores the secrets in the keyring FIRST, then persists the
 * account and connects it (builds its client). On a keyring failure nothing
 * is persisted. */
void            dd_account_store_add_async      (DdAccountStore      *self,
                                                 const DdAccountSpec *spec,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
DdAccount      *dd_account_store_add_finish     (DdAccountStore      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Edits name/endpoint/key/… and replaces the secrets given (NULL keeps). */
void            dd_account_store_update_async   (DdAccountStore      *self,
                                                 DdAccount           *account,
                                                 const DdAccountSpec *spec,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        dd_account_store_update_finish  (DdAccountStore      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Clears the account's secrets, forgets it, and when @cache is not NULL
 * deletes its cached orders and sync state (the UI asks first). */
void            dd_account_store_remove_async   (DdAccountStore      *self,
                                                 DdAccount           *account,
                                                 DdCache             *cache,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        dd_account_store_remove_finish  (DdAccountStore      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Looks the account's secrets up and builds its client (dd_account_get_client).
 * Keyring unavailable or locked: the account's state says so (the cached
 * orders stay readable) and the error is returned. */
void            dd_account_store_connect_async  (DdAccountStore      *self,
                                                 DdAccount           *account,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        dd_account_store_connect_finish (DdAccountStore      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* One cheap read through the account's client; on success a translated
 * sentence saying what happened ("Connected: 120 orders on Taobao Taiwan."),
 * on failure the error (already a sentence for people). */
void            dd_account_store_test_async     (DdAccountStore      *self,
                                                 DdAccount           *account,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char           *dd_account_store_test_finish    (DdAccountStore      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Tokens a platform rotated during a call (Taiwan's refresh) are saved to the
 * keyring in the background; a program about to exit calls this to let those
 * writes finish (iterating the default main context, at most
 * @timeout_ms). FALSE when some are still pending. */
gboolean        dd_account_store_flush          (DdAccountStore      *self,
                                                 guint                timeout_ms);

G_END_DECLS
