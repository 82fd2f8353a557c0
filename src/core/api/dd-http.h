/* dd-http.h: the one HTTP session of Dingdan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  DD_HTTP_READ,   /* may be retried: network errors, timeouts, 5xx, transient platform errors */
  DD_HTTP_WRITE,  /* never re-sent: an unknown outcome is reported as such */
} DdHttpKind;

/* Builds a fresh message for one attempt (called again for each retry, so
 * timestamps and signatures are fresh). Runs on the calling thread. */
typedef SoupMessage *(*DdHttpBuildFunc) (gpointer   user_data,
                                         GError   **error);

/* Turns the body into a result. Runs in a worker thread: it must not touch
 * anything but @body and @user_data. Returning NULL with @error set fails the
 * attempt; dd_platform_error_is_transient() errors are retried for reads. */
typedef gpointer     (*DdHttpParseFunc) (GBytes    *body,
                                         gpointer   user_data,
                                         GError   **error);

#define DD_TYPE_HTTP (dd_http_get_type ())
G_DECLARE_FINAL_TYPE (DdHttp, dd_http, DD, HTTP, GObject)

/* Properties: "user-agent" (default "Dingdan/VERSION"), "timeout" (seconds,
 * default 30), "max-response-size" (bytes, default 16 MiB), "max-retries"
 * (reads, default 4), "retry-base-ms" (first backoff, default 500; doubled
 * each attempt, with ±50 % jitter, capped at 30 s). */
DdHttp      *dd_http_new            (void) G_GNUC_WARN_UNUSED_RESULT;

SoupSession *dd_http_get_session    (DdHttp *self);

/* Sends, checks the HTTP status (2xx) and content type (application/json or
 * text/json, text/plain accepted only when the body parses as JSON), caps the
 * body at max-response-size, parses it in a worker with @parse and retries
 * reads with backoff as described above. RATE_LIMITED errors wait
 * dd_platform_error_get_retry_after() seconds when that is at most 60, else
 * fail at once. The result is what @parse returned (freed with
 * @result_destroy if nobody takes it). */
void         dd_http_call_async     (DdHttp            *self,
                                     DdHttpKind         kind,
                                     DdHttpBuildFunc    build,
                                     DdHttpParseFunc    parse,
                                     gpointer           user_data,
                                     GDestroyNotify     user_data_destroy,
                                     GDestroyNotify     result_destroy,
                                     GCancellable      *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer           callback_data);
gpointer     dd_http_call_finish    (DdHttp            *self,
                                     GAsyncResult      *result,
                                     GError           **error);

/* Number of HTTP attempts made by this session so far (tests, benchmarks). */
guint        dd_http_get_n_attempts (DdHttp *self);

/* Refuses endpoints other than https:// unless the host is loopback
 * (127.0.0.0/8, ::1, localhost). */
gboolean     dd_http_check_endpoint (const char  *uri,
                                     GError     **error);

G_END_DECLS
