/* dd-auth.h: authorising Dingdan for a shop (OAuth codes and tokens)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dd-http.h"

G_BEGIN_DECLS

#define DD_AUTH_TW_DEFAULT_BASE  "https://auth.taobao.tw/oauth/authorize"
#define DD_AUTH_TOP_DEFAULT_BASE "https://oauth.taobao.com/authorize"

/* The page the user opens in the browser to authorise the app for a shop:
 *   Taiwan (Lazada's parameters):
 *     AUTH_BASE?response_type=code&force_auth=true&redirect_uri=URI&client_id=APP_KEY
 *     (&state=STATE when given)
 *   TOP ("top", "top-pc"):
 *     AUTH_BASE?response_type=code&client_id=APP_KEY&redirect_uri=URI&state=STATE&view=web
 * Values are URI-escaped. @auth_base NULL is the platform's page
 * (DD_AUTH_TW_DEFAULT_BASE, DD_AUTH_TOP_DEFAULT_BASE); the sandbox's is
 * its base URL + "/sandbox/authorize". @state may be NULL. Returns NULL for
 * a platform without OAuth (PandaPon) or an unknown one. */
char *dd_auth_build_authorize_url (const char *platform,
                                   const char *auth_base,
                                   const char *app_key,
                                   const char *redirect_uri,
                                   const char *state) G_GNUC_WARN_UNUSED_RESULT;

/* What an authorisation gives. Secrets: free with dd_auth_tokens_free(),
 * which overwrites them first; never log them. */
typedef struct
{
  char   *access_token;          /* Taiwan access token / TOP session key */
  char   *refresh_token;         /* NULL when the platform gave none */
  gint64  expires_in_s;          /* 0: not stated */
  gint64  refresh_expires_in_s;  /* 0: not stated */
  char   *account;               /* Taiwan "account", TOP taobao_user_nick; may be NULL */
} DdAuthTokens;

void dd_auth_tokens_free (DdAuthTokens *tokens);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdAuthTokens, dd_auth_tokens_free)

/* Exchanges the code the authorise page gave for tokens.
 *   Taiwan: GET @endpoint/auth/token/create?code=… signed like every
 *     Taiwan call (app_key, timestamp, sign_method=sha256, sign; no
 *     access_token). @endpoint is the account's REST base.
 *   TOP: taobao.top.auth.token.create (`code`) on the router @endpoint,
 *     signed hmac-sha256, no session; the answer's token_result is a JSON
 *     string, parsed and type-checked.
 * Both are DD_HTTP_WRITE: a code works once, so the call is never re-sent;
 * after an unknown outcome (dd_http_outcome_unknown()) the user authorises
 * again. A refused code is DD_PLATFORM_ERROR_AUTH with action
 * DD_ERROR_ACTION_REAUTH, the platform's words kept. */
void          dd_auth_exchange_code_async  (DdHttp              *http,
                                            const char          *platform,
                                            const char          *endpoint,
                                            const char          *app_key,
                                            const char          *app_secret,
                                            const char          *code,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
DdAuthTokens *dd_auth_exchange_code_finish (GAsyncResult        *result,
                                            GError             **error);

/* Trades a refresh token for a new pair (Taiwan /auth/token/refresh, TOP
 * taobao.top.auth.token.refresh with `refresh_token`). Also DD_HTTP_WRITE:
 * the platform rotates the pair, so a blind re-send could burn the refresh
 * token we hold; the caller may try once more later with what it has. A
 * refused refresh token is AUTH with action REAUTH. */
void          dd_auth_refresh_async        (DdHttp              *http,
                                            const char          *platform,
                                            const char          *endpoint,
                                            const char          *app_key,
                                            const char          *app_secret,
                                            const char          *refresh_token,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
DdAuthTokens *dd_auth_refresh_finish       (GAsyncResult        *result,
                                            GError             **error);

/* Parsers (worker-safe; tests): Taiwan's token answer, and TOP's
 * "<method>_response" object holding token_result. */
DdAuthTokens *dd_auth_parse_tw_tokens      (const char          *data,
                                            gsize                len,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
DdAuthTokens *dd_auth_parse_top_tokens     (JsonObject          *response,
                                            gint64               now_ms,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
