/* dd-sandbox-auth.h: the sandbox's authorisation: codes, tokens, a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-sandbox-private.h"

G_BEGIN_DECLS

/* The authorise page is served under this prefix:
 * GET /sandbox/authorize?client_id=APP_KEY&redirect_uri=…&state=… */
#define DD_SANDBOX_AUTH_PREFIX "/sandbox"

/* Every authorisation code the sandbox takes starts with this; any such code
 * is accepted once (the authorise page hands out fresh ones). */
#define DD_SANDBOX_AUTH_CODE_PREFIX "sandbox-code-"

/* Tokens the sandbox issues start with these (tests grep logs for them). */
#define DD_SANDBOX_AUTH_ACCESS_PREFIX  "sbx-at-"
#define DD_SANDBOX_AUTH_REFRESH_PREFIX "sbx-rt-"

/* The platforms tokens are issued for. */
#define DD_SANDBOX_AUTH_TW  "tw"
#define DD_SANDBOX_AUTH_TOP "top"

/* The seller an issued pair belongs to (Taiwan "account", TOP nick). */
#define DD_SANDBOX_AUTH_TW_ACCOUNT "sandbox-seller@dingdan.test"
#define DD_SANDBOX_AUTH_TOP_NICK   "沙盒小店"

/* Lifetimes the sandbox states (seconds); it never expires a token by
 * itself: tests call dd_sandbox_expire_token(). */
#define DD_SANDBOX_AUTH_EXPIRES_IN_S         (7 * 24 * 3600)
#define DD_SANDBOX_AUTH_REFRESH_EXPIRES_IN_S (30 * 24 * 3600)

/* Answers GET /sandbox/authorize (see dd-sandbox-auth.c). */
void      dd_sandbox_auth_handle        (DdSandbox        *self,
                                         DdSandboxRequest *request);

/* TRUE when @token may call @platform's APIs: the sandbox's configured
 * access token (every platform) or one issued for @platform, unless expired
 * or replaced by a refresh. */
gboolean  dd_sandbox_auth_token_valid   (DdSandbox        *self,
                                         const char       *platform,
                                         const char       *token);

/* Takes an authorisation code: TRUE once for each code starting with
 * DD_SANDBOX_AUTH_CODE_PREFIX, FALSE for any other and for a used one. */
gboolean  dd_sandbox_auth_consume_code  (DdSandbox        *self,
                                         const char       *code);

/* A new access / refresh token pair for @platform. */
void      dd_sandbox_auth_issue         (DdSandbox        *self,
                                         const char       *platform,
                                         char            **access_token,
                                         char            **refresh_token);

/* Trades a refresh token issued for @platform for a new pair: the old access
 * and refresh tokens stop working. FALSE for an unknown or used one. */
gboolean  dd_sandbox_auth_refresh       (DdSandbox        *self,
                                         const char       *platform,
                                         const char       *refresh_token,
                                         char            **access_token,
                                         char            **new_refresh_token);

G_END_DECLS
