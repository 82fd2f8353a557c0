/* dd-account.h: a connected shop or purchasing account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-client.h"
#include "dd-http.h"

G_BEGIN_DECLS

/* Whether the account can talk to its platform right now. */
typedef enum
{
  DD_ACCOUNT_STATE_DISCONNECTED, /* not connected yet (secrets not looked up) */
  DD_ACCOUNT_STATE_CONNECTED,    /* has a client */
  DD_ACCOUNT_STATE_NO_KEYRING,   /* keyring unavailable or locked: cached orders only */
  DD_ACCOUNT_STATE_MISSING_SECRET, /* the keyring has no secret for it */
  DD_ACCOUNT_STATE_REAUTHORIZE,  /* the platform refused the token: authorise again */
} DdAccountState;

#define DD_TYPE_ACCOUNT (dd_account_get_type ())
G_DECLARE_FINAL_TYPE (DdAccount, dd_account, DD, ACCOUNT, GObject)

/* Properties: "id" (construct-only; stable, the cache's account id), "name"
 * (for people), "platform" (construct-only: DD_PLATFORM_*), "endpoint",
 * "client" (the DdClient speaking for it, NULL until its secrets are known).
 * Secrets never live here: issue C keeps them in the system keyring. */
DdAccount  *dd_account_new          (const char *id,
                                     const char *platform,
                                     const char *name,
                                     const char *endpoint) G_GNUC_WARN_UNUSED_RESULT;

const char *dd_account_get_id       (DdAccount  *self);
const char *dd_account_get_platform (DdAccount  *self);
const char *dd_account_get_name     (DdAccount  *self);
void        dd_account_set_name     (DdAccount  *self,
                                     const char *name);
const char *dd_account_get_endpoint (DdAccount  *self);
void        dd_account_set_endpoint (DdAccount  *self,
                                     const char *endpoint);
DdClient   *dd_account_get_client   (DdAccount  *self);
void        dd_account_set_client   (DdAccount  *self,
                                     DdClient   *client);

/* Non-secret settings (properties "key", "user-id", "sign-method"): the app
 * key / access key, PandaPon user-id or TOP procurement buyer id, TOP sign
 * method name. */
const char *dd_account_get_key         (DdAccount  *self);
void        dd_account_set_key         (DdAccount  *self,
                                        const char *key);
const char *dd_account_get_user_id     (DdAccount  *self);
void        dd_account_set_user_id     (DdAccount  *self,
                                        const char *user_id);
const char *dd_account_get_sign_method (DdAccount  *self);
void        dd_account_set_sign_method (DdAccount  *self,
                                        const char *sign_method);

/* State for the sidebar (properties "state", "state-message" — translated,
 * why the account cannot work, NULL when it can — "last-synced",
 * "throttled-until" (UTC, NULL when not throttled), "last-error"). */
DdAccountState dd_account_get_state          (DdAccount      *self);
const char    *dd_account_get_state_message  (DdAccount      *self);
void           dd_account_set_state          (DdAccount      *self,
                                              DdAccountState  state,
                                              const char     *message);
GDateTime     *dd_account_get_last_synced    (DdAccount      *self);
void           dd_account_set_last_synced    (DdAccount      *self,
                                              GDateTime      *when);
GDateTime     *dd_account_get_throttled_until (DdAccount     *self);
void           dd_account_set_throttled_until (DdAccount     *self,
                                               GDateTime     *until);
const char    *dd_account_get_last_error     (DdAccount      *self);
void           dd_account_set_last_error     (DdAccount      *self,
                                              const char     *message);

/* Records the outcome of a sync: success sets last-synced and clears the
 * error; a DD_PLATFORM_ERROR sets last-error, throttled-until for bans and
 * state REAUTHORIZE for errors whose action is REAUTH. */
void           dd_account_note_sync_result   (DdAccount      *self,
                                              const GError   *error);

/* The four sandbox accounts, connected to a sandbox at @base_url that
 * accepts @key / @secret / @token on every platform: "sandbox-tw" (Taobao
 * Taiwan shop), "sandbox-top" (TOP seller shop), "sandbox-top-pc" (TOP
 * procurement) and "sandbox-pandapon" (PandaPon purchasing). Element type
 * DdAccount, each with its client. */
GPtrArray  *dd_account_new_sandbox_set (DdHttp     *http,
                                        const char *base_url,
                                        const char *key,
                                        const char *secret,
                                        const char *token) G_GNUC_WARN_UNUSED_RESULT;

#define DD_SANDBOX_TOP_PC_BUYER_ID  "2200000001"
#define DD_SANDBOX_PANDAPON_USER_ID "sandbox-user"

G_END_DECLS
