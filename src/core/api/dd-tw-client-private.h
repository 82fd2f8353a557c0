/* dd-tw-client-private.h: DdTwClient internals exposed to its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dd-sign.h"
#include "dd-tw-client.h"

G_BEGIN_DECLS

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
