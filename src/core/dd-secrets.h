/* dd-secrets.h: account secrets in the system keyring, and nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* What a stored secret is (the "kind" attribute). */
typedef enum
{
  DD_SECRET_APP_SECRET,     /* "app-secret": TOP/Taiwan app secret, PandaPon secret */
  DD_SECRET_ACCESS_TOKEN,   /* "access-token": TOP session key, Taiwan access token */
  DD_SECRET_REFRESH_TOKEN,  /* "refresh-token": Taiwan refresh token */
} DdSecretKind;

#define DD_SECRETS_ERROR (dd_secrets_error_quark ())

typedef enum
{
  DD_SECRETS_ERROR_UNAVAILABLE, /* no keyring service (or it failed) */
  DD_SECRETS_ERROR_LOCKED,      /* the keyring is locked and was not unlocked */
} DdSecretsError;

GQuark              dd_secrets_error_quark   (void);

/* The one libsecret schema, "io.github.dingdan.Dingdan.Credential", with the
 * string attributes "account-id", "platform" and "kind". Inside Flatpak
 * libsecret talks to the Secret portal by itself: no D-Bus holes needed. */
const SecretSchema *dd_secrets_get_schema    (void);
const char         *dd_secret_kind_to_string (DdSecretKind kind);

/* Stores (replacing) one secret, with a translatable label naming the
 * account. Errors are DD_SECRETS_ERROR with a translated message. */
void      dd_secrets_store_async   (const char          *account_id,
                                    const char          *platform,
                                    const char          *account_name,
                                    DdSecretKind         kind,
                                    const char          *secret,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  dd_secrets_store_finish  (GAsyncResult        *result,
                                    GError             **error);

/* NULL without an error when nothing is stored. Free the result with
 * dd_secrets_free (it is wiped first). */
void      dd_secrets_lookup_async  (const char          *account_id,
                                    const char          *platform,
                                    DdSecretKind         kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
char     *dd_secrets_lookup_finish (GAsyncResult        *result,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Clears every secret of the account (all kinds). */
void      dd_secrets_clear_async   (const char          *account_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean  dd_secrets_clear_finish  (GAsyncResult        *result,
                                    GError             **error);

/* Wipes and frees a secret string (NULL allowed). */
void      dd_secrets_free          (char                *secret);

G_END_DECLS
