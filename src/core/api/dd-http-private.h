/* dd-http-private.h: checks and error mapping shared by dd-http's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-http.h"

G_BEGIN_DECLS

/* A GLib/soup transport error as NETWORK or TIMEOUT (the original message
 * kept as platform message); for writes the sentence says the outcome is
 * unknown when the request may have been sent. */
GError   *dd_http_transport_error         (DdHttpKind    kind,
                                           const GError *error) G_GNUC_WARN_UNUSED_RESULT;
/* A non-2xx status as an error; Retry-After (seconds) is kept. */
GError   *dd_http_status_error            (DdHttpKind    kind,
                                           SoupMessage  *msg) G_GNUC_WARN_UNUSED_RESULT;
GError   *dd_http_bad_response            (gboolean      transient,
                                           const char   *platform_message,
                                           const char   *message) G_GNUC_WARN_UNUSED_RESULT;
/* application/json, text/json, text/plain, application/javascript. */
gboolean  dd_http_content_type_acceptable (SoupMessage  *msg);
/* First non-blank byte is '{' or '['. */
gboolean  dd_http_looks_like_json         (GBytes       *body);

G_END_DECLS
