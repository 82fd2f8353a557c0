/* dd-tw-client-private.h: DdTwClient internals shared by its files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dd-sign.h"
#include "dd-tw-client.h"

G_BEGIN_DECLS

/* Shared by dd-tw-client.c and dd-tw-call.c. */
struct _DdTwClient
{
  GObject  parent_instance;

  DdHttp  *http;
  char    *endpoint;        /* no trailing '/' */
  char    *app_key;
  char    *app_secret;      /* never logged */
  char    *access_token;    /* never logged */
  char    *refresh_token;   /* never logged; NULL when unknown */
  gint64   clock_offset_ms;

  guint      token_generation; /* bumped each time the access token changes */
  gboolean   refreshing;
  GPtrArray *refresh_waiters;  /* (element-type GTask) reads waiting for the refresh */
};

/* Overwrites a secret, frees it and sets *@secret to NULL. */
void         dd_tw_clear_secret            (char         **secret);

/* Emits "tokens-changed" with the pair the client now holds. */
void         dd_tw_client_emit_tokens_changed (DdTwClient *self);

/* One read (DD_HTTP_READ) of @api_path with @business (taken), parsed with
 * @parse in a worker; an IllegalAccessToken answer refreshes the token once
 * and sends the read again (dd-tw-call.c). Finish with
 * dd_tw_client_call_finish(): the parse result, freed with @result_destroy
 * if nobody takes it. */
void         dd_tw_client_call_async       (DdTwClient          *self,
                                            const char          *api_path,
                                            DdSignParams        *business,
                                            DdHttpParseFunc      parse,
                                            GDestroyNotify       result_destroy,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer     dd_tw_client_call_finish      (DdTwClient          *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The `timestamp` the next request will carry: UTC ms plus the clock offset. */
gint64       dd_tw_client_get_timestamp_ms (DdTwClient    *self);

/* One signed GET of @api_path ("/orders/get") with the @business parameters
 * (may be NULL) and the common ones (app_key, access_token, timestamp,
 * sign_method=sha256, sign) in the query. Fails with INVALID_ARGUMENT when
 * the endpoint is refused by dd_http_check_endpoint(). */
SoupMessage *dd_tw_client_build_message    (DdTwClient    *self,
                                            const char    *api_path,
                                            DdSignParams  *business,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* The trade_order_line_id_list parameter: a JSON array of strings. */
char        *dd_tw_client_format_id_list   (const char * const *ids,
                                            guint               n_ids) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
