/* dd-sandbox-tw.h: the sandbox's Taobao Taiwan (Lazada protocol) platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-sandbox-private.h"

G_BEGIN_DECLS

/* Taiwan is served under this prefix: an account's endpoint is
 * base URL + DD_SANDBOX_TW_PREFIX. */
#define DD_SANDBOX_TW_PREFIX "/rest"

/* Answers one request under DD_SANDBOX_TW_PREFIX. */
void  dd_sandbox_tw_handle (DdSandbox        *self,
                            DdSandboxRequest *request);

/* The signature Taiwan expects, computed from what the server received:
 * HMAC-SHA256 keyed by @secret over @api_path followed by key + value of
 * every parameter but "sign" with a non-empty value, keys sorted by byte
 * order; upper-case hex. Independent of the clients' signing code. */
char *dd_sandbox_tw_sign   (const char       *secret,
                            const char       *api_path,
                            GHashTable       *params) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
