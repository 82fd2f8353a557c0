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

/* Makes the source that ends one wait between attempts of a read (a
 * backoff, or a ban's retry-after): dd-http sets its callback (a
 * GSourceFunc), attaches it to the call's main context and destroys it when
 * the call is cancelled. The default is g_timeout_source_new (@delay_ms).
 * Tests note @delay_ms and return g_idle_source_new (): no sleeping. */
typedef GSource     *(*DdHttpSleepFunc) (guint      delay_ms,
                                         gpointer   user_data);

#define DD_TYPE_HTTP (dd_http_get_type ())
G_DECLARE_FINAL_TYPE (DdHttp, dd_http, DD, HTTP, GObject)

/* Properties: "user-agent" (default "Dingdan/VERSION"), "timeout" (seconds,
 * default 30; libsoup's, per read or write: a reply that keeps dripping
 * never trips it), "deadline" (seconds one attempt may take in all, sending
 * and reading the whole body; 0, the default, means twice "timeout"; past
 * it the attempt fails as a TIMEOUT), "max-response-size" (bytes, default
 * 16 MiB), "max-retries" (reads, default 4), "retry-base-ms" (first
 * backoff, default 500; doubled each attempt, with ±50 % jitter, capped at
 * 30 s). */
DdHttp      *dd_http_new            (void) G_GNUC_WARN_UNUSED_RESULT;

SoupSession *dd_http_get_session    (DdHttp *self);

/* Sends, checks the HTTP status (2xx) and content type (application/json,
 * text/json, text/plain or application/javascript, and the body must start
 * like JSON; otherwise a transient BAD_RESPONSE), caps the body at
 * max-response-size (a larger Content-Length is refused before reading; a
 * longer body is cut off: BAD_RESPONSE, not transient), parses it in a worker
 * with @parse and retries reads with backoff as described above. Redirects
 * are not followed. A non-2xx reply becomes SERVER (5xx), RATE_LIMITED (429,
 * with Retry-After), AUTH (401/403), TIMEOUT (408) or BAD_RESPONSE, unless
 * its JSON body parses into a more precise DD_PLATFORM_ERROR, which wins.
 * Bans (dd_error_table_get_action() WAIT, or RATE_LIMITED) wait
 * dd_platform_error_get_retry_after() seconds when that is at most 60 (a
 * backoff when none was stated), else fail at once; a ban that ends the
 * call says in its message how many seconds (or minutes) it lasts; STOP (a
 * daily quota) fails at once, its message saying until when. Writes are never retried. Network errors are NETWORK (TIMEOUT
 * for G_IO_ERROR_TIMED_OUT), the original message kept as platform message;
 * G_IO_ERROR_CANCELLED is passed through as it is, and cancelling stops a
 * backoff wait at once. The result is what @parse returned (freed with
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

/* Property accessors. */
guint        dd_http_get_timeout           (DdHttp  *self);
void         dd_http_set_timeout           (DdHttp  *self,
                                            guint    seconds);
guint        dd_http_get_deadline          (DdHttp  *self);
void         dd_http_set_deadline          (DdHttp  *self,
                                            guint    seconds);
guint64      dd_http_get_max_response_size (DdHttp  *self);
void         dd_http_set_max_response_size (DdHttp  *self,
                                            guint64  bytes);
guint        dd_http_get_max_retries       (DdHttp  *self);
void         dd_http_set_max_retries       (DdHttp  *self,
                                            guint    max_retries);
guint        dd_http_get_retry_base_ms     (DdHttp  *self);
void         dd_http_set_retry_base_ms     (DdHttp  *self,
                                            guint    retry_base_ms);

/* Replaces how waits between attempts are made (see DdHttpSleepFunc); NULL
 * restores the default. @destroy frees @user_data when replaced. */
void         dd_http_set_sleep_func        (DdHttp          *self,
                                            DdHttpSleepFunc  func,
                                            gpointer         user_data,
                                            GDestroyNotify   destroy);

/* Sees the body of every successful response (2xx, parsed without error)
 * before its result is handed back; may be called in any thread. For
 * benchmarks: keep a reference on @body, do nothing slow. */
typedef void         (*DdHttpBodyTap)   (DdHttp    *http,
                                         GBytes    *body,
                                         gpointer   user_data);

/* Sets (or with NULL removes) the body tap. */
void         dd_http_set_body_tap          (DdHttp          *self,
                                            DdHttpBodyTap    func,
                                            gpointer         user_data);

/* Number of HTTP attempts made by this session so far (tests, benchmarks). */
guint        dd_http_get_n_attempts (DdHttp *self);

/* Refuses endpoints other than https:// unless the host is loopback
 * (127.0.0.0/8, ::1, localhost). A query or fragment is refused too: API
 * paths are appended to the endpoint. Errors are
 * DD_PLATFORM_ERROR_INVALID_ARGUMENT with a translated message. */
gboolean     dd_http_check_endpoint (const char  *uri,
                                     GError     **error);

/* For an error of a DD_HTTP_WRITE call: TRUE when the request may have
 * reached the platform and been carried out (NETWORK, TIMEOUT, SERVER and
 * other transient errors but RATE_LIMITED). The caller must then read the
 * object back before offering to try again; it never re-sends by itself. */
gboolean     dd_http_outcome_unknown (const GError *error);

/* @uri with the values of secret query parameters (sign, access_token,
 * app_secret, session, refresh_token, signature, secret) replaced by "***",
 * and any userinfo dropped: what debug logs may show. */
char        *dd_http_redact_uri     (const char  *uri) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
