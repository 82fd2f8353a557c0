/* dd-tw-client.h: Taobao Taiwan open platform (Lazada protocol) client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-client.h"
#include "dd-http.h"

G_BEGIN_DECLS

#define DD_TW_DEFAULT_ENDPOINT "https://api.taobao.tw/rest"
#define DD_TW_MAX_PAGE_SIZE    100

#define DD_TYPE_TW_CLIENT (dd_tw_client_get_type ())
G_DECLARE_FINAL_TYPE (DdTwClient, dd_tw_client, DD, TW_CLIENT, GObject)

/* @endpoint is the REST base ("https://api.taobao.tw/rest", or the sandbox's
 * "http://127.0.0.1:PORT/rest"); API paths are appended to it. The secret and
 * token are held in memory only. */
DdTwClient *dd_tw_client_new (DdHttp     *http,
                              const char *endpoint,
                              const char *app_key,
                              const char *app_secret,
                              const char *access_token) G_GNUC_WARN_UNUSED_RESULT;

/* Milliseconds since the epoch used for `timestamp`; tests may override the
 * clock (0 restores the real one). */
void        dd_tw_client_set_clock_offset_ms (DdTwClient *self,
                                              gint64      offset_ms);

/* The refresh token (NULL: none). With one, a read refused with
 * IllegalAccessToken refreshes the pair once (dd_auth_refresh_async()),
 * emits "tokens-changed" (access_token, refresh_token) for the keyring, and
 * is sent once more with the new token. Without one, or when the platform
 * refuses it, the read fails with its IllegalAccessToken error (action
 * REAUTH); when the refresh fails otherwise (the network, a ban, an
 * unreadable answer), with an error saying so, and the next read refreshes
 * again. Held in memory only, never logged. */
void        dd_tw_client_set_refresh_token (DdTwClient *self,
                                            const char *refresh_token);

/* /order/items/get for up to 100 line ids per call (the client pages). */
void        dd_tw_client_get_order_items_async  (DdTwClient          *self,
                                                 const char * const  *line_ids,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* (element-type DdOrderLine) */
GPtrArray  *dd_tw_client_get_order_items_finish (DdTwClient          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
