/* test-http.c: DdHttp against a loopback SoupServer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include <json-glib/json-glib.h>

#include "dd-error-table.h"
#include "dd-http.h"
#include "dd-order.h"
#include "dd-platform-error.h"

#define CAP 4096

typedef struct
{
  SoupServer   *server;
  char         *base;        /* "http://127.0.0.1:PORT" */
  DdHttp       *http;
  GHashTable   *hits;        /* path → count */
  char         *user_agent;  /* last one seen */
  GThread      *main_thread;
  GArray       *waits;       /* (element-type guint) ms asked of the sleep hook */
  gboolean      never_wake;  /* the hook's waits never end (but by cancelling) */
} Fixture;

/* A TOP router error envelope with a ban stated in @sub_msg. */
static char *
top_ban_json (const char *sub_msg)
{
  return g_strdup_printf ("{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\","
                          "\"sub_code\":\"accesscontrol.limited-by-app-access-count\","
                          "\"sub_msg\":\"%s\",\"request_id\":\"req-ban\"}}", sub_msg);
}

static guint
hit (Fixture    *f,
     const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path)) + 1;

  g_hash_table_insert (f->hits, g_strdup (path), GUINT_TO_POINTER (n));

  return n;
}

static guint
get_hits (Fixture    *f,
          const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, path));
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint n = hit (f, path);

  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));

  if (g_str_equal (path, "/ok"))
    {
      respond_json (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/flaky"))
    {
      if (n <= 2)
        respond_json (msg, 503, "{}");
      else
        respond_json (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/always-503"))
    {
      soup_server_message_set_status (msg, 503, NULL);
    }
  else if (g_str_equal (path, "/html"))
    {
      const char *html = "<html><body>Gateway</body></html>";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
    }
  else if (g_str_equal (path, "/not-json"))
    {
      respond_json (msg, 200, "Service Unavailable");
    }
  else if (g_str_equal (path, "/text-plain"))
    {
      const char *json = "{\"ok\":true}";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, json, strlen (json));
    }
  else if (g_str_equal (path, "/big"))
    {
      g_autofree char *body = g_malloc (CAP * 2);

      memset (body, ' ', CAP * 2);
      body[0] = '{';
      body[CAP * 2 - 1] = '}';
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, CAP * 2);
    }
  else if (g_str_equal (path, "/big-chunked") || g_str_equal (path, "/big-eof"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      char chunk[1000];

      memset (chunk, ' ', sizeof chunk);
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_encoding (headers, g_str_equal (path, "/big-chunked")
                                         ? SOUP_ENCODING_CHUNKED : SOUP_ENCODING_EOF);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{", 1);
      for (guint i = 0; i < 100; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, sizeof chunk);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "}", 1);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/chunked-small"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{\"ok\":", 6);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "true}", 5);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/429-long"))
    {
      soup_message_headers_replace (headers, "Retry-After", "3600");
      respond_json (msg, 429, "{}");
    }
  else if (g_str_equal (path, "/429-once"))
    {
      if (n == 1)
        respond_json (msg, 429, "{}");
      else
        respond_json (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/ban-5s-once") || g_str_equal (path, "/ban-120s") ||
           g_str_equal (path, "/ban-2h") || g_str_equal (path, "/ban-quota"))
    {
      g_autofree char *json = NULL;

      if (g_str_equal (path, "/ban-5s-once") && n > 1)
        json = g_strdup ("{\"ok\":true}");
      else if (g_str_equal (path, "/ban-5s-once"))
        json = top_ban_json ("This ban will last for 5 more seconds");
      else if (g_str_equal (path, "/ban-120s"))
        json = top_ban_json ("This ban will last for 120 more seconds");
      else if (g_str_equal (path, "/ban-2h"))
        json = top_ban_json ("This ban will last for 2 more hours");
      else
        json = top_ban_json ("This ban will last for 71804 more seconds");
      respond_json (msg, 200, json);
    }
  else if (g_str_equal (path, "/429-5s-once") || g_str_equal (path, "/429-2h"))
    {
      if (g_str_equal (path, "/429-5s-once") && n > 1)
        {
          respond_json (msg, 200, "{\"ok\":true}");
        }
      else
        {
          soup_message_headers_replace (headers, "Retry-After",
                                        g_str_equal (path, "/429-2h") ? "7200" : "5");
          respond_json (msg, 429, "{}");
        }
    }
  else if (g_str_equal (path, "/401"))
    {
      soup_server_message_set_status (msg, 401, NULL);
    }
  else if (g_str_equal (path, "/400-envelope"))
    {
      respond_json (msg, 400, "{\"platform_error\":\"InvalidParameter\"}");
    }
  else if (g_str_equal (path, "/parse-fault"))
    {
      if (n == 1)
        respond_json (msg, 200, "{\"platform_fault\":true}");
      else
        respond_json (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/redirect"))
    {
      soup_server_message_set_redirect (msg, 302, "/ok");
    }
  else if (g_str_equal (path, "/drop-once"))
    {
      /* The first request: the connection closes before any answer, as
       * when a kept-alive connection times out on the server's side. */
      if (n == 1)
        {
          g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

          g_io_stream_close (stream, NULL, NULL);
        }
      else
        respond_json (msg, 200, "{\"ok\":true}");
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Never answers; the client must time out. */
      soup_server_message_pause (msg);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  f->main_thread = g_thread_self ();
  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  f->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->http = dd_http_new ();
  g_object_set (f->http,
                "retry-base-ms", 10,
                "max-retries", 4,
                "max-response-size", (guint64) CAP,
                NULL);
  f->waits = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* The sleep hook of the ban tests: notes the wait and ends it at once. */
static GSource *
record_sleep (guint    delay_ms,
              gpointer user_data)
{
  Fixture *f = user_data;

  g_array_append_val (f->waits, delay_ms);
  if (f->never_wake)
    return g_timeout_source_new_seconds (3600);

  return g_idle_source_new ();
}

static void
use_recording_sleep (Fixture *f)
{
  dd_http_set_sleep_func (f->http, record_sleep, f, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->http);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->user_agent, g_free);
  g_clear_pointer (&f->waits, g_array_unref);

  /* Let the loopback connections wind down. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  Fixture *f;
  char    *uri;
  gboolean parsed_in_worker;
} CallInfo;

static SoupMessage *
build_cb (gpointer   user_data,
          GError   **error)
{
  CallInfo *info = user_data;

  return soup_message_new ("GET", info->uri);
}

static gpointer
parse_cb (GBytes    *body,
          gpointer   user_data,
          GError   **error)
{
  CallInfo *info = user_data;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autofree char *text = g_strndup (data, len);

  info->parsed_in_worker = g_thread_self () != info->f->main_thread;

  if (strstr (text, "platform_error") != NULL)
    {
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                       "ISV", "InvalidParameter", NULL,
                                                       "bad", "req-1", "Wrong request"));
      return NULL;
    }
  if (strstr (text, "error_response") != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *envelope;
      g_autofree char *code = NULL;

      g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
      envelope = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                "error_response");
      code = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (envelope, "code"));
      g_propagate_error (error,
                         /* The procurement client speaks TOP's router too. */
                         dd_error_table_make (DD_PLATFORM_TOP_PC, NULL, code,
                                              json_object_get_string_member (envelope, "sub_code"),
                                              json_object_get_string_member (envelope, "sub_msg"),
                                              json_object_get_string_member (envelope, "request_id")));
      return NULL;
    }
  if (strstr (text, "platform_fault") != NULL)
    {
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_SERVER,
                                                       "ISP", "ServiceFault", NULL,
                                                       NULL, NULL, "Fault"));
      return NULL;
    }

  return g_strstrip (g_steal_pointer (&text));
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
call_sync (Fixture       *f,
           DdHttpKind     kind,
           const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  CallInfo info = { f, g_strconcat (f->base, path, NULL), FALSE };
  char *value;

  dd_http_call_async (f->http, kind, build_cb, parse_cb, &info, NULL, g_free,
                      cancellable, call_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  value = dd_http_call_finish (f->http, result, error);
  if (value != NULL)
    g_assert_true (info.parsed_in_worker);
  g_free (info.uri);

  return value;
}

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = call_sync (f, DD_HTTP_READ, "/ok", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"ok\":true}");
  g_assert_cmpuint (dd_http_get_n_attempts (f->http), ==, 1);
  g_assert_true (g_str_has_prefix (f->user_agent, "Dingdan/" PACKAGE_VERSION));
}

static void
test_accepted_shapes (Fixture       *f,
                      gconstpointer  data)
{
  const char *paths[] = { "/text-plain", "/chunked-small" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = call_sync (f, DD_HTTP_READ, paths[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "{\"ok\":true}");
    }
}

static void
test_read_retried (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = call_sync (f, DD_HTTP_READ, "/flaky", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"ok\":true}");
  g_assert_cmpuint (get_hits (f, "/flaky"), ==, 3);
  g_assert_cmpuint (dd_http_get_n_attempts (f->http), ==, 3);
}

static void
test_read_gives_up (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_object_set (f->http, "max-retries", 2, NULL);
  value = call_sync (f, DD_HTTP_READ, "/always-503", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_SERVER);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "HTTP 503");
  g_assert_cmpuint (get_hits (f, "/always-503"), ==, 3);
}

static void
test_write_not_retried (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = call_sync (f, DD_HTTP_WRITE, "/always-503", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_SERVER);
  g_assert_true (dd_http_outcome_unknown (error));
  g_assert_cmpuint (get_hits (f, "/always-503"), ==, 1);
  g_assert_cmpuint (dd_http_get_n_attempts (f->http), ==, 1);
}

/* libsoup re-sends an idempotent method (GET, as PandaPon's refund cancel
 * is) by itself when a reused connection closes before the answer: a
 * write goes on a connection of its own, so it never is. */
static void
test_write_not_resent_by_soup (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *value = NULL;

  /* A kept-alive connection, used once. */
  warm = call_sync (f, DD_HTTP_READ, "/ok", NULL, &error);
  g_assert_no_error (error);

  value = call_sync (f, DD_HTTP_WRITE, "/drop-once", NULL, &error);
  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NETWORK);
  g_assert_true (dd_http_outcome_unknown (error));
  g_assert_cmpuint (get_hits (f, "/drop-once"), ==, 1);
}

static void
test_write_parse_fault_not_retried (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = call_sync (f, DD_HTTP_WRITE, "/parse-fault", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_SERVER);
  g_assert_cmpuint (get_hits (f, "/parse-fault"), ==, 1);
}

static void
test_parse_fault_retried (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = call_sync (f, DD_HTTP_READ, "/parse-fault", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"ok\":true}");
  g_assert_cmpuint (get_hits (f, "/parse-fault"), ==, 2);
}

static void
test_wrong_content_type (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_object_set (f->http, "max-retries", 1, NULL);
  value = call_sync (f, DD_HTTP_READ, "/html", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_true (dd_platform_error_is_transient (error));
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==, "text/html");
  /* Transient: retried once, then given up. */
  g_assert_cmpuint (get_hits (f, "/html"), ==, 2);
}

static void
test_not_json (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_object_set (f->http, "max-retries", 0, NULL);
  value = call_sync (f, DD_HTTP_READ, "/not-json", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_true (dd_platform_error_is_transient (error));
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { "/big", "/big-chunked", "/big-eof" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = call_sync (f, DD_HTTP_READ, paths[i], NULL, &error);

      g_test_message ("%s", paths[i]);
      g_assert_null (value);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
      g_assert_false (dd_platform_error_is_transient (error));
      /* Not transient: one attempt only. */
      g_assert_cmpuint (get_hits (f, paths[i]), ==, 1);
    }
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 start = g_get_monotonic_time ();

  value = call_sync (f, DD_HTTP_READ, "/429-long", NULL, &error);

  /* A ban longer than a minute fails at once. */
  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 3600);
  /* An HTTP status names no platform; the sentence says how long. */
  g_assert_null (dd_platform_error_get_platform (error));
  g_assert_cmpstr (error->message, ==,
                   "The platform is limiting how often this account may call it. Try again in 60 minutes.");
  g_assert_cmpuint (get_hits (f, "/429-long"), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (dd_http_outcome_unknown (error));

  /* A short one is waited out. */
  g_clear_error (&error);
  g_clear_pointer (&value, g_free);
  value = call_sync (f, DD_HTTP_READ, "/429-once", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"ok\":true}");
  g_assert_cmpuint (get_hits (f, "/429-once"), ==, 2);
}

static void
test_status_mapping (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  value = call_sync (f, DD_HTTP_READ, "/401", NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpuint (get_hits (f, "/401"), ==, 1);
  g_clear_error (&error);

  value = call_sync (f, DD_HTTP_READ, "/nowhere", NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "HTTP 404");
  g_clear_error (&error);

  /* Redirects are not followed. */
  value = call_sync (f, DD_HTTP_READ, "/redirect", NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpuint (get_hits (f, "/ok"), ==, 0);
  g_clear_error (&error);

  /* A 4xx whose JSON body names a platform error: the body's words win. */
  value = call_sync (f, DD_HTTP_READ, "/400-envelope", NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "InvalidParameter");
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "req-1");
  g_assert_null (value);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 start = g_get_monotonic_time ();

  g_object_set (f->http, "timeout", 1, "max-retries", 0, NULL);
  value = call_sync (f, DD_HTTP_READ, "/slow", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_TIMEOUT);
  g_assert_nonnull (dd_platform_error_get_platform_message (error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *value = NULL;
  guint port;

  /* A port nobody listens on: bind one, read its number, close it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  g_free (f->base);
  f->base = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_object_set (f->http, "max-retries", 1, NULL);
  value = call_sync (f, DD_HTTP_READ, "/ok", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NETWORK);
  g_assert_nonnull (dd_platform_error_get_platform_message (error));
  g_assert_cmpuint (dd_http_get_n_attempts (f->http), ==, 2);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_backoff (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *value = NULL;
  gint64 start;

  /* The first retry would wait 10–30 s. */
  g_object_set (f->http, "retry-base-ms", 20000, NULL);
  g_timeout_add (300, cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  value = call_sync (f, DD_HTTP_READ, "/always-503", cancellable, &error);

  g_assert_null (value);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (get_hits (f, "/always-503"), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
assert_no_wait (Fixture *f)
{
  g_assert_cmpuint (f->waits->len, ==, 0);
}

static void
test_ban_waited_out (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 start = g_get_monotonic_time ();

  use_recording_sleep (f);
  value = call_sync (f, DD_HTTP_READ, "/ban-5s-once", NULL, &error);

  /* Exactly the stated 5 s (no jitter), once, then the retry succeeded. */
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"ok\":true}");
  g_assert_cmpuint (get_hits (f, "/ban-5s-once"), ==, 2);
  g_assert_cmpuint (f->waits->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), ==, 5000);
  /* Nobody slept. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);

  /* The same through HTTP 429 with Retry-After. */
  g_clear_pointer (&value, g_free);
  value = call_sync (f, DD_HTTP_READ, "/429-5s-once", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "{\"ok\":true}");
  g_assert_cmpuint (get_hits (f, "/429-5s-once"), ==, 2);
  g_assert_cmpuint (f->waits->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->waits, guint, 1), ==, 5000);
}

static void
test_ban_stops (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { "/ban-2h", "/ban-quota", "/429-2h" };
  const guint seconds[] = { 7200, 71804, 7200 };

  use_recording_sleep (f);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = call_sync (f, DD_HTTP_READ, paths[i], NULL, &error);

      /* A daily quota: at once, no retry, and the message says until when. */
      g_test_message ("%s: %s", paths[i], error->message);
      g_assert_null (value);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
      g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_STOP);
      g_assert_false (dd_platform_error_is_transient (error));
      g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, seconds[i]);
      g_assert_nonnull (strstr (error->message, ":"));
      g_assert_cmpuint (get_hits (f, paths[i]), ==, 1);
      g_assert_false (dd_http_outcome_unknown (error));
    }
  assert_no_wait (f);
}

static void
test_ban_too_long_to_wait (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  /* Two minutes: a WAIT ban, but longer than a read waits. */
  use_recording_sleep (f);
  value = call_sync (f, DD_HTTP_READ, "/ban-120s", NULL, &error);
  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_WAIT);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 120);
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "req-ban");
  g_assert_cmpuint (get_hits (f, "/ban-120s"), ==, 1);
  assert_no_wait (f);
}

static void
test_ban_write_not_retried (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  use_recording_sleep (f);
  value = call_sync (f, DD_HTTP_WRITE, "/ban-5s-once", NULL, &error);
  g_assert_null (value);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_WAIT);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 5);
  /* Refused before anything was done: not an unknown outcome. */
  g_assert_false (dd_http_outcome_unknown (error));
  g_assert_cmpuint (get_hits (f, "/ban-5s-once"), ==, 1);
  g_clear_error (&error);

  value = call_sync (f, DD_HTTP_WRITE, "/429-5s-once", NULL, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpuint (get_hits (f, "/429-5s-once"), ==, 1);
  assert_no_wait (f);
}

static void
test_sleep_hook_backoff (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  /* Backoffs go through the hook too: 10 ms then 20 ms, ±50 %. */
  use_recording_sleep (f);
  value = call_sync (f, DD_HTTP_READ, "/flaky", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->waits->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), >=, 5);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), <=, 15);
  g_assert_cmpuint (g_array_index (f->waits, guint, 1), >=, 10);
  g_assert_cmpuint (g_array_index (f->waits, guint, 1), <=, 30);

  /* Back to the default: real (short) timeouts, the hook no longer asked. */
  dd_http_set_sleep_func (f->http, NULL, NULL, NULL);
  g_clear_pointer (&value, g_free);
  value = call_sync (f, DD_HTTP_READ, "/429-once", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->waits->len, ==, 2);
}

static void
test_cancel_during_hooked_wait (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *value = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The hook's wait would last an hour: cancelling ends it, and the wait's
   * source goes with the call (teardown checks DdHttp is finalized). */
  use_recording_sleep (f);
  f->never_wake = TRUE;
  g_timeout_add (100, cancel_cb, cancellable);
  value = call_sync (f, DD_HTTP_READ, "/ban-5s-once", cancellable, &error);

  g_assert_null (value);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->waits->len, ==, 1);
  g_assert_cmpuint (get_hits (f, "/ban-5s-once"), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *value = NULL;

  g_cancellable_cancel (cancellable);
  value = call_sync (f, DD_HTTP_READ, "/ok", cancellable, &error);

  g_assert_null (value);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (get_hits (f, "/ok"), ==, 0);
}

static void
test_redact (void)
{
  struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "https://api.taobao.tw/rest/orders/get?app_key=1&access_token=SECRET-T&sign=ABCDEF&Page=1",
      "https://api.taobao.tw/rest/orders/get?app_key=1&access_token=***&sign=***&Page=1" },
    { "http://127.0.0.1:8080/rest/x?sign_method=sha256&app_secret=s3cr3t",
      "http://127.0.0.1:8080/rest/x?sign_method=sha256&app_secret=***" },
    { "https://gw.api.taobao.com/router/rest?session=abc&SIGN=def&refresh_token=r",
      "https://gw.api.taobao.com/router/rest?session=***&SIGN=***&refresh_token=***" },
    { "https://user:password@example.com/path?x=1",
      "https://example.com/path?x=1" },
    { "https://example.com/plain", "https://example.com/plain" },
    { "https://example.com/p?sign", "https://example.com/p?sign" },
    { "https://example.com/p?%73ign=leak&signature=2", "https://example.com/p?sign=***&signature=***" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = dd_http_redact_uri (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  {
    g_autofree char *out = dd_http_redact_uri ("not a uri at all");

    g_assert_null (strstr (out, "not a uri"));
  }
}

static void
test_check_endpoint (void)
{
  const char *good[] = {
    "https://api.taobao.tw/rest",
    "HTTPS://api.taobao.tw/rest",
    "http://127.0.0.1:8080/rest",
    "http://127.1.2.3/rest",
    "http://[::1]:8080/rest",
    "http://localhost:1234/rest",
  };
  const char *bad[] = {
    "http://api.taobao.tw/rest",
    "http://192.168.1.2/rest",
    "http://128.0.0.1/rest",
    "http://localhost.example.com/rest",
    "ftp://127.0.0.1/rest",
    "https://api.taobao.tw/rest?x=1",
    "https:///rest",
    "not a uri",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (dd_http_check_endpoint (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad: %s", bad[i]);
      g_assert_false (dd_http_check_endpoint (bad[i], &error));
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_outcome_unknown (void)
{
  g_autoptr(GError) timeout = dd_platform_error_new (DD_PLATFORM_ERROR_TIMEOUT, NULL, NULL,
                                                     NULL, NULL, NULL, "t");
  g_autoptr(GError) auth = dd_platform_error_new (DD_PLATFORM_ERROR_AUTH, NULL, NULL,
                                                  NULL, NULL, NULL, "a");
  g_autoptr(GError) limited = dd_platform_error_new (DD_PLATFORM_ERROR_RATE_LIMITED, NULL, NULL,
                                                     NULL, NULL, NULL, "r");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_true (dd_http_outcome_unknown (timeout));
  g_assert_false (dd_http_outcome_unknown (auth));
  g_assert_false (dd_http_outcome_unknown (limited));
  g_assert_false (dd_http_outcome_unknown (io));
  g_assert_false (dd_http_outcome_unknown (NULL));
}

static void
test_properties (void)
{
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autofree char *ua = NULL;
  guint timeout;

  g_object_get (http, "user-agent", &ua, NULL);
  g_assert_cmpstr (ua, ==, "Dingdan/" PACKAGE_VERSION);
  g_assert_cmpuint (dd_http_get_timeout (http), ==, 30);
  g_assert_cmpuint (dd_http_get_max_response_size (http), ==, 16 * 1024 * 1024);
  g_assert_cmpuint (dd_http_get_max_retries (http), ==, 4);
  g_assert_cmpuint (dd_http_get_retry_base_ms (http), ==, 500);

  dd_http_set_timeout (http, 7);
  g_object_get (dd_http_get_session (http), "timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/http/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("ok", test_ok);
  ADD ("accepted-shapes", test_accepted_shapes);
  ADD ("read-retried", test_read_retried);
  ADD ("read-gives-up", test_read_gives_up);
  ADD ("write-not-retried", test_write_not_retried);
  ADD ("write-not-resent-by-soup", test_write_not_resent_by_soup);
  ADD ("write-parse-fault-not-retried", test_write_parse_fault_not_retried);
  ADD ("parse-fault-retried", test_parse_fault_retried);
  ADD ("wrong-content-type", test_wrong_content_type);
  ADD ("not-json", test_not_json);
  ADD ("too-large", test_too_large);
  ADD ("rate-limited", test_rate_limited);
  ADD ("status-mapping", test_status_mapping);
  ADD ("timeout", test_timeout);
  ADD ("network-error", test_network_error);
  ADD ("cancel-during-backoff", test_cancel_during_backoff);
  ADD ("cancelled-before", test_cancelled_before);
  ADD ("ban-waited-out", test_ban_waited_out);
  ADD ("ban-stops", test_ban_stops);
  ADD ("ban-too-long-to-wait", test_ban_too_long_to_wait);
  ADD ("ban-write-not-retried", test_ban_write_not_retried);
  ADD ("sleep-hook-backoff", test_sleep_hook_backoff);
  ADD ("cancel-during-hooked-wait", test_cancel_during_hooked_wait);

#undef ADD

  g_test_add_func ("/dingdan/http/redact", test_redact);
  g_test_add_func ("/dingdan/http/check-endpoint", test_check_endpoint);
  g_test_add_func ("/dingdan/http/outcome-unknown", test_outcome_unknown);
  g_test_add_func ("/dingdan/http/properties", test_properties);

  return g_test_run ();
}
