/* dd-account.h: a connected shop or purchasing account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-client.h"
#include "dd-http.h"

G_BEGIN_DECLS

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
