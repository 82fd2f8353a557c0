/* test-sandbox-faults.c: the sandbox's faults on the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain HTTP requests (a SoupSession with a one-second timeout) against a
 * sandbox with faults: which requests they hit, how many, and what the
 * client sees (nothing, late, or as usual); the new faults of issue H also
 * on a raw socket (test-sandbox-faults-wire.h), to see the wire itself, and
 * with a real write (taobao.trade.close, signed by test-top-call.h) to see
 * whether the platform applied it.
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "dd-sandbox.h"
#include "dd-sandbox-faults-private.h"
#include "test-top-call.h"  /* Fixture: sandbox, session */
#include "test-sandbox-faults-wire.h"

static void
set_up (Fixture  *fixture,
        gboolean  in_thread)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, 10, DD_SANDBOX_DEFAULT_APP_KEY,
                                     DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  if (in_thread)
    g_assert_true (dd_sandbox_start_in_thread (fixture->sandbox, 0, &error));
  else
    g_assert_true (dd_sandbox_listen (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  fixture->session = soup_session_new_with_options ("timeout", 1, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  set_up (fixture, GPOINTER_TO_INT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->sandbox);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* GETs @path; the HTTP status, or 0 with @error when no answer came. */
static guint
get (Fixture     *fixture,
     const char  *path,
     GError     **error)
{
  g_autofree char *uri = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  /* Each request on its own connection, as Dingdan's writes are. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (fixture->session, result, error);
  if (body == NULL)
    return 0;
  return soup_message_get_status (msg);
}

static void
assert_no_answer (Fixture    *fixture,
                  const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (get (fixture, path, &error), ==, 0);
  g_assert_nonnull (error);
}

static void
assert_answer (Fixture    *fixture,
               const char *path,
               guint       status)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (get (fixture, path, &error), ==, status);
  g_assert_no_error (error);
}

static void
test_parse_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const bad[] = {
    "nope",
    "=reset-before",
    "/img/a.png=",
    "/img/a.png=explode",
    "/img/a.png=reset-before*x",
    "/img/a.png=reset-before*",
    "/img/a.png=reset-before*-1",
    "/img/a.png=reset-before@soon",
    "/img/a.png=reset-before@5*2",
    "/img/a.png=reset-before,,/img/b.png=reset-after",
    /* One good item, then a bad one: nothing is added. */
    "/img/a.png=reset-before,/img/b.png=bad",
    "/img/a.png=reset-before,/img/b.png=delay-before*two",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (dd_sandbox_add_faults_from_string (fixture->sandbox, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  assert_answer (fixture, "/img/b.png", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 0);
}

static void
test_parse (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "", &error));
  g_assert_no_error (error);
  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox,
                                                    "/img/a.png=reset-before*2, /img/b.png=delay-before@300",
                                                    &error));
  g_assert_no_error (error);

  assert_no_answer (fixture, "/img/a.png");
  assert_no_answer (fixture, "/img/a.png");
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);

  start = g_get_monotonic_time ();
  assert_answer (fixture, "/img/b.png", SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 3);
}

static void
test_count (Fixture       *fixture,
            gconstpointer  data)
{
  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);

  /* Another path is not touched; the first request is; the second is not. */
  assert_answer (fixture, "/img/b.png", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 0);
  assert_no_answer (fixture, "/img/a.png");
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
}

static void
test_every (Fixture       *fixture,
            gconstpointer  data)
{
  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_RESET_BEFORE, 0, 0);

  for (guint i = 0; i < 3; i++)
    assert_no_answer (fixture, "/img/a.png");
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 3);
}

static void
test_in_order (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 start;

  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 300);

  assert_no_answer (fixture, "/img/a.png");
  start = g_get_monotonic_time ();
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  start = g_get_monotonic_time ();
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 300 * 1000);
}

static void
test_delay_before (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 start;

  /* Held back, then handled: the handler counts it only then. */
  dd_sandbox_add_fault (fixture->sandbox, "/orders/get", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 400);
  start = g_get_monotonic_time ();
  assert_answer (fixture, "/rest/orders/get", SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 1);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 0);
}

static void
test_timeout_after (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  /* TOP by its method: handled (counted), the answer held past the
   * client's one-second timeout. */
  dd_sandbox_add_fault (fixture->sandbox, "taobao.time.get", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 2000);
  assert_no_answer (fixture, "/router/rest?method=taobao.time.get");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.time.get"), ==, 1);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 1);

  /* The held answer goes out later, to nobody, without harm. */
  while (dd_sandbox_faults_get_n_held (fixture->sandbox) > 0)
    g_main_context_iteration (NULL, TRUE);
  assert_answer (fixture, "/router/rest?method=taobao.time.get", SOUP_STATUS_OK);
}

static void
test_reset_after (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Taiwan by its path after "/rest": handled, then no answer. */
  dd_sandbox_add_fault (fixture->sandbox, "/orders/get", DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  assert_no_answer (fixture, "/rest/orders/get");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 1);
  assert_answer (fixture, "/rest/orders/get", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 2);
}

static void
test_reset_before (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Never handled, but counted under its API name. */
  dd_sandbox_add_fault (fixture->sandbox, "taobao.time.get", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  assert_no_answer (fixture, "/router/rest?method=taobao.time.get");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.time.get"), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/router/rest"), ==, 1);
}

static void
test_api_names (Fixture       *fixture,
                gconstpointer  data)
{
  /* Matched exactly, by each platform's own name of the API. */
  dd_sandbox_add_fault (fixture->sandbox, "/rest/orders/get", DD_SANDBOX_FAULT_RESET_BEFORE, 0, 0);
  dd_sandbox_add_fault (fixture->sandbox, "taobao.time", DD_SANDBOX_FAULT_RESET_BEFORE, 0, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order", DD_SANDBOX_FAULT_RESET_BEFORE, 0, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/router/rest", DD_SANDBOX_FAULT_RESET_BEFORE, 0, 0);

  assert_answer (fixture, "/rest/orders/get", SOUP_STATUS_OK);
  assert_answer (fixture, "/router/rest?method=taobao.time.get", SOUP_STATUS_OK);
  assert_answer (fixture, "/open/order/page", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 0);

  dd_sandbox_add_fault (fixture->sandbox, "/open/order/page", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  assert_no_answer (fixture, "/open/order/page");
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
}

static void
test_thread (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 start;

  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 200);
  dd_sandbox_add_fault (fixture->sandbox, "/img/c.png", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 10000);

  assert_no_answer (fixture, "/img/a.png");
  start = g_get_monotonic_time ();
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);

  /* Disposed while an answer is held back: dropped, not sent. */
  assert_no_answer (fixture, "/img/c.png");
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 1);
  start = g_get_monotonic_time ();
  g_clear_object (&fixture->sandbox);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* Disposed while a request is held back: dropped, neither handled nor
 * answered, however long one waits. */
static void
test_thread_dispose (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox),
                                      "/router/rest?method=taobao.time.get", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSandbox) sandbox = g_object_ref (fixture->sandbox);
  gint64 start;

  dd_sandbox_add_fault (sandbox, "taobao.time.get", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 400);
  soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  while (dd_sandbox_faults_get_n_held (sandbox) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (dd_sandbox_get_n_requests (sandbox, "taobao.time.get"), ==, 0);

  start = g_get_monotonic_time ();
  g_object_run_dispose (G_OBJECT (sandbox));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (sandbox), ==, 0);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_null (body);
  g_assert_nonnull (error);

  /* Past the delay: still never handled. */
  g_usleep (600 * 1000);
  g_assert_cmpuint (dd_sandbox_get_n_requests (sandbox, "taobao.time.get"), ==, 0);
}

/* ---- issue H: the new faults ------------------------------------------------ */

/* A TOP trade that taobao.trade.close may close (unpaid, old enough). */
static char *
closable_trade (Fixture *fixture)
{
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (fixture->sandbox);
  char *tid = dd_sandbox_top_shop_add_trade (shop, dd_sandbox_now_ms (fixture->sandbox));

  dd_sandbox_advance_clock (fixture->sandbox, 11 * 1000);
  return tid;
}

static char *
trade_status (Fixture    *fixture,
              const char *tid)
{
  return dd_sandbox_top_shop_dup_status (dd_sandbox_get_top_shop (fixture->sandbox), tid);
}

typedef struct
{
  guint    status;      /* 0: no answer */
  char    *content_type;
  GBytes  *body;        /* at most max_body bytes of it */
  GError  *error;       /* sending or reading failed */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->content_type, g_free);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_error (&answer->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static gpointer
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Sends @msg with the fixture's session (one-second timeout) and reads at
 * most @max_body bytes of the answer, then drops the connection. */
static void
send_reading (Fixture     *fixture,
              SoupMessage *msg,
              gsize        max_body,
              Answer      *answer)
{
  g_autoptr(GAsyncResult) sent = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (65536);

  soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  soup_session_send_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &sent);
  in = soup_session_send_finish (fixture->session, wait_for (&sent), &answer->error);
  if (in == NULL)
    return;

  answer->status = soup_message_get_status (msg);
  answer->content_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                 "Content-Type"));
  while (bytes->len < max_body)
    {
      g_autoptr(GAsyncResult) read = NULL;
      gssize n;

      g_input_stream_read_async (in, buffer, MIN (65536, max_body - bytes->len), G_PRIORITY_DEFAULT,
                                 NULL, store_result_cb, &read);
      n = g_input_stream_read_finish (in, wait_for (&read), &answer->error);
      if (n <= 0)
        break;
      g_byte_array_append (bytes, buffer, (guint) n);
    }
  answer->body = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static SoupMessage *
top_msg (Fixture    *fixture,
         const char *method,
         ...)
{
  SoupMessage *msg;
  va_list args;

  va_start (args, method);
  msg = top_message (fixture->sandbox, &ok, method, args);
  va_end (args);
  return msg;
}

/* taobao.trade.close of @tid, reading at most @max_body bytes. */
static void
close_trade_reading (Fixture    *fixture,
                     const char *tid,
                     gsize       max_body,
                     Answer     *answer)
{
  g_autoptr(SoupMessage) msg = top_msg (fixture, "taobao.trade.close", "tid", tid, "close_reason", "缺货", NULL);

  send_reading (fixture, msg, max_body, answer);
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* The TOP error code of an answer, or -1. */
static gint64
top_error_code (Answer *answer)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;

  g_assert_no_error (answer->error);
  g_assert_cmpuint (answer->status, ==, SOUP_STATUS_OK);
  root = parse_json (answer->body);
  g_assert_nonnull (root);
  if (!json_object_has_member (json_node_get_object (root), "error_response"))
    return -1;
  error = json_object_get_object_member (json_node_get_object (root), "error_response");
  return json_object_get_int_member (error, "code");
}

static void
test_parse_new (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const bad[] = {
    "a=http-404",
    "a=http-600",
    "a=http-5000",
    "a=http-",
    "a=http-NNN",
    "a=http-50x",
    "a=ban@0",
    "a=ban@soon",
    "a=drip@x",
    "a=timeouts",
    "a=huge*many",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autofree char *spec = g_strdup_printf ("/img/a.png=reset-after, %s", bad[i]);

      g_assert_false (dd_sandbox_add_faults_from_string (fixture->sandbox, spec, &bad_error));
      g_assert_error (bad_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      /* The message names the bad item, not the good one. */
      g_assert_nonnull (strstr (bad_error->message, bad[i]));
      g_assert_null (strstr (bad_error->message, "/img/a.png"));
    }
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);

  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox,
                                                    "a=timeout,b=http-500,c=http-599*3,d=ban,e=ban*0@2,"
                                                    "f=malformed,g=wrong-types,h=truncated,i=huge,j=drip@5,"
                                                    "k=timeout@10,l=http-503@7",
                                                    &error));
  g_assert_no_error (error);
  /* None of them is for this path. */
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 0);
}

static void
test_star (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Every API of every platform, twice; then used up. */
  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "*=http-503*2", &error));
  g_assert_no_error (error);
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_SERVICE_UNAVAILABLE);
  assert_answer (fixture, "/router/rest?method=taobao.time.get", SOUP_STATUS_SERVICE_UNAVAILABLE);
  assert_answer (fixture, "/img/b.png", SOUP_STATUS_OK);
  assert_answer (fixture, "/router/rest?method=taobao.time.get", SOUP_STATUS_OK);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 2);
  /* The 503 was not handled, but is counted under its API name. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.time.get"), ==, 2);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *tid = closable_trade (fixture);
  g_autofree char *status = NULL;
  g_autofree char *closed = NULL;
  g_auto(Answer) answer = { 0 };
  g_auto(Answer) again = { 0 };
  gint64 start;

  /* Nothing for 300 ms, then closed: before the client's own timeout. */
  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "taobao.trade.close=timeout@300", NULL));
  start = g_get_monotonic_time ();
  close_trade_reading (fixture, tid, 65536, &answer);
  g_assert_nonnull (answer.error);
  g_assert_cmpuint (answer.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 900 * 1000);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 0);

  /* Never handled: the trade is as it was, the call counted. */
  status = trade_status (fixture, tid);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);

  close_trade_reading (fixture, tid, 65536, &again);
  g_assert_cmpint (top_error_code (&again), ==, -1);
  closed = trade_status (fixture, tid);
  g_assert_cmpstr (closed, ==, "TRADE_CLOSED");
}

static void
test_http_status (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *tid = closable_trade (fixture);
  g_autofree char *status = NULL;
  g_auto(Answer) answer = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "taobao.trade.close=http-502", NULL));
  close_trade_reading (fixture, tid, 65536, &answer);
  g_assert_no_error (answer.error);
  g_assert_cmpuint (answer.status, ==, SOUP_STATUS_BAD_GATEWAY);
  g_assert_cmpstr (answer.content_type, ==, "text/html");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer.body, NULL), g_bytes_get_size (answer.body),
                                  "<h1>502 Bad Gateway</h1>"));
  status = trade_status (fixture, tid);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);

  /* By the C API: 500 unless told, any 5xx when told. */
  dd_sandbox_add_fault (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_HTTP_STATUS, 1, 0);
  dd_sandbox_add_fault_full (fixture->sandbox, "/img/a.png", DD_SANDBOX_FAULT_HTTP_STATUS, 1, 0, 504);
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_INTERNAL_SERVER_ERROR);
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_GATEWAY_TIMEOUT);
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
}

static void
test_ban (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *tid = closable_trade (fixture);
  g_autofree char *status = NULL;
  g_autofree char *closed = NULL;
  g_auto(Answer) banned = { 0 };
  g_auto(Answer) closing = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "taobao.trade.close=ban@1", NULL));
  close_trade_reading (fixture, tid, 65536, &banned);
  g_assert_cmpint (top_error_code (&banned), ==, 7);
  root = parse_json (banned.body);
  error = json_object_get_object_member (json_node_get_object (root), "error_response");
  g_assert_cmpstr (json_object_get_string_member (error, "sub_code"), ==, "accesscontrol.limited-by-api-access-count");
  g_assert_cmpstr (json_object_get_string_member (error, "sub_msg"), ==, "This ban will last for 1 more seconds");
  status = trade_status (fixture, tid);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");

  /* Every API of the platform is banned while it lasts (not images). */
  while (g_get_monotonic_time () - start < 700 * 1000)
    {
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonObject) time = top_call (fixture, &ok, "taobao.time.get", NULL);

      assert_error (time, 7, "accesscontrol.limited-by-api-access-count");
      assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
      g_usleep (100 * 1000);
    }
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);

  /* Then it is over. */
  while (g_get_monotonic_time () - start < 1100 * 1000)
    g_usleep (50 * 1000);
  {
    g_autoptr(JsonObject) time = top_call (fixture, &ok, "taobao.time.get", NULL);

    g_assert_true (json_object_has_member (time, "time_get_response"));
  }
  close_trade_reading (fixture, tid, 65536, &closing);
  g_assert_cmpint (top_error_code (&closing), ==, -1);
  closed = trade_status (fixture, tid);
  g_assert_cmpstr (closed, ==, "TRADE_CLOSED");
}

static void
test_ban_star (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) later = NULL;

  /* "*" bans every platform, from whichever request comes first. */
  dd_sandbox_add_fault (fixture->sandbox, "*", DD_SANDBOX_FAULT_BAN, 1, 30);
  assert_answer (fixture, "/img/a.png", SOUP_STATUS_OK);
  first = top_call (fixture, &ok, "taobao.time.get", NULL);
  assert_error (first, 7, "accesscontrol.limited-by-api-access-count");

  /* N seconds of the sandbox's clock. */
  dd_sandbox_advance_clock (fixture->sandbox, 31 * 1000);
  later = top_call (fixture, &ok, "taobao.time.get", NULL);
  g_assert_true (json_object_has_member (later, "time_get_response"));
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const bodies[] = { "", "{}", "[1,2,3]", "{\"名前\":\"値値値値\"}", "\"x\"" };
  g_autofree char *tid = closable_trade (fixture);
  g_autofree char *status = NULL;
  g_auto(Answer) answer = { 0 };
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(GBytes) mangled = dd_sandbox_faults_malformed (body);
      g_autoptr(JsonNode) node = parse_json (mangled);

      g_assert_null (node);
      g_assert_true (g_utf8_validate (g_bytes_get_data (mangled, NULL), (gssize) g_bytes_get_size (mangled), NULL));
    }

  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "taobao.trade.close=malformed", NULL));
  close_trade_reading (fixture, tid, 65536, &answer);
  g_assert_no_error (answer.error);
  g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (answer.content_type, ==, "application/json;charset=UTF-8");
  root = parse_json (answer.body);
  g_assert_null (root);
  /* The real answer's start, cut. */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (answer.body, NULL), "{\"trade_close_response\""));
  status = trade_status (fixture, tid);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
}

static void
test_wrong_types (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char input[] =
    "{\"a\":\"12\",\"b\":3,\"c\":true,\"d\":null,\"e\":{\"f\":\"xy\",\"g\":1.5},"
    "\"h\":[],\"i\":[\"-7\",false],\"j\":\"2.5\"}";
  static const char expected[] =
    "{\"a\":12,\"b\":\"3\",\"c\":\"true\",\"d\":false,\"e\":[2,\"1.5\"],"
    "\"h\":{},\"i\":[-7,\"false\"],\"j\":2.5}";
  g_autoptr(GBytes) in = g_bytes_new_static (input, strlen (input));
  g_autoptr(GBytes) out = dd_sandbox_faults_wrong_types (in);
  g_autoptr(GBytes) not_json = g_bytes_new_static ("<html>", 6);
  g_autoptr(GBytes) none = dd_sandbox_faults_wrong_types (not_json);
  g_autofree char *text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_autofree char *tid = closable_trade (fixture);
  g_autofree char *status = NULL;
  g_auto(Answer) answer = { 0 };
  g_auto(Answer) time = { 0 };
  g_autoptr(SoupMessage) time_msg = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) time_root = NULL;
  JsonArray *response;

  g_assert_cmpstr (text, ==, expected);
  g_assert_null (none);

  /* A write: carried out, its answer wrongly typed. */
  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "taobao.trade.close=wrong-types", NULL));
  close_trade_reading (fixture, tid, 65536, &answer);
  g_assert_no_error (answer.error);
  g_assert_cmpuint (answer.status, ==, SOUP_STATUS_OK);
  root = parse_json (answer.body);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "trade_close_response")));
  status = trade_status (fixture, tid);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");

  /* taobao.time.get: {"time_get_response":{"time":"yyyy-MM-dd HH:mm:ss",
   * "request_id":"0b…"}} becomes {"time_get_response":[19,25]}. */
  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "taobao.time.get=wrong-types", NULL));
  time_msg = top_msg (fixture, "taobao.time.get", NULL);
  send_reading (fixture, time_msg, 65536, &time);
  time_root = parse_json (time.body);
  g_assert_nonnull (time_root);
  response = json_object_get_array_member (json_node_get_object (time_root), "time_get_response");
  g_assert_cmpuint (json_array_get_length (response), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (response, i)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (response, 0), ==, 19);
  g_assert_cmpint (json_array_get_int_element (response, 1), ==, 25);
}

/* Which faults let the platform carry a write out: the shop afterwards. */
static void
test_applied (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct
  {
    const char *fault;
    gboolean    applied;
  } cases[] = {
    { "reset-before", FALSE },
    { "reset-after", TRUE },
    { "timeout@200", FALSE },
    { "timeout-after@1500", TRUE },
    { "delay-before@100", TRUE },
    { "http-500", FALSE },
    { "http-504", FALSE },
    { "malformed", TRUE },
    { "wrong-types", TRUE },
    { "truncated", TRUE },
    { "huge", TRUE },
    { "drip@5", TRUE },
    { "ban@1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tid = closable_trade (fixture);
      g_autofree char *spec = g_strdup_printf ("taobao.trade.close=%s", cases[i].fault);
      g_autofree char *status = NULL;
      g_auto(Answer) answer = { 0 };

      g_test_message ("%s", spec);
      g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, spec, NULL));
      close_trade_reading (fixture, tid, 256 * 1024, &answer);
      status = trade_status (fixture, tid);
      g_assert_cmpstr (status, ==, cases[i].applied ? "TRADE_CLOSED" : "WAIT_BUYER_PAY");
    }
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, G_N_ELEMENTS (cases));
}

/* ---- the raw wire (test-sandbox-faults-wire.h) ------------------------------ */

static void
test_wire_truncated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) plain = plain_body (fixture, "/products/1");
  gsize len = g_bytes_get_size (plain);
  g_auto(Wire) wire = { 0 };

  g_assert_cmpuint (len, >, 100);
  dd_sandbox_add_fault (fixture->sandbox, "/products/1", DD_SANDBOX_FAULT_TRUNCATED, 1, 0);
  wire_open (fixture, "/products/1", &wire);
  wire_read (&wire, G_MAXUINT64);
  g_assert_cmpuint (wire.status, ==, 200);
  g_assert_cmpint (wire.content_length, ==, (gint64) len);
  g_assert_true (wire.eof);
  g_assert_cmpuint (wire.n_body, ==, len / 2);
  g_assert_cmpmem (wire.body->data, wire.body->len, g_bytes_get_data (plain, NULL), len / 2);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 0);
}

static void
test_wire_huge (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Wire) wire = { 0 };
  g_auto(Wire) stopped = { 0 };
  gint64 start;

  dd_sandbox_add_fault (fixture->sandbox, "/products/1", DD_SANDBOX_FAULT_HUGE, 2, 0);
  wire_open (fixture, "/products/1", &wire);
  g_assert_cmpuint (wire.status, ==, 200);
  g_assert_cmpint (wire.content_length, ==, 100 * 1024 * 1024);
  g_assert_nonnull (strstr (wire.head->str, "Content-Type: application/json"));

  /* All of it, counted, not kept: {"x":"aaa…"} to the end. */
  wire_read (&wire, G_MAXUINT64);
  g_assert_no_error (wire.error);
  g_assert_true (wire.eof);
  g_assert_cmpuint (wire.n_body, ==, 100 * 1024 * 1024);
  g_assert_cmpmem (wire.body->data, 10, "{\"x\":\"aaaa", 10);
  g_assert_cmpmem (wire.last, 2, "\"}", 2);

  /* A client that stops reading: the sandbox still goes at once. */
  wire_open (fixture, "/products/1", &stopped);
  wire_read (&stopped, 1024 * 1024);
  g_assert_cmpuint (stopped.n_body, >=, 1024 * 1024);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 1);
  start = g_get_monotonic_time ();
  g_clear_object (&fixture->sandbox);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  wire_read (&stopped, G_MAXUINT64);
  g_assert_cmpuint (stopped.n_body, <, 100 * 1024 * 1024);
}

static void
test_wire_drip (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) plain = plain_body (fixture, "/products/1");
  gsize len = g_bytes_get_size (plain);
  g_auto(Wire) wire = { 0 };
  g_auto(Wire) held = { 0 };
  gint64 start;

  dd_sandbox_add_fault (fixture->sandbox, "/products/1", DD_SANDBOX_FAULT_DRIP, 1, 5);
  wire_open (fixture, "/products/1", &wire);
  g_assert_cmpuint (wire.status, ==, 200);
  g_assert_cmpint (wire.content_length, ==, (gint64) len);
  wire_read (&wire, 1);
  /* The first byte comes early, the whole takes one delay per byte. */
  g_assert_cmpint (wire.first_body_us - wire.start_us, <, (gint64) len * 5 * 1000 / 2);
  wire_read (&wire, G_MAXUINT64);
  g_assert_true (wire.eof);
  g_assert_cmpint (g_get_monotonic_time () - wire.start_us, >=, (gint64) len * 5 * 1000);
  g_assert_cmpmem (wire.body->data, wire.body->len, g_bytes_get_data (plain, NULL), len);

  /* Disposed while dripping: the connection closes, nothing hangs. */
  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, "/products/1=drip", NULL));
  wire_open (fixture, "/products/1", &held);
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 1);
  start = g_get_monotonic_time ();
  g_clear_object (&fixture->sandbox);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  wire_read (&held, G_MAXUINT64);
  g_assert_cmpuint (held.n_body, <, len);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, thread) \
  g_test_add ("/dingdan/sandbox-faults/" path, Fixture, GINT_TO_POINTER (thread), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("parse-errors", test_parse_errors, FALSE);
  ADD ("parse", test_parse, FALSE);
  ADD ("count", test_count, FALSE);
  ADD ("every", test_every, FALSE);
  ADD ("in-order", test_in_order, FALSE);
  ADD ("delay-before", test_delay_before, FALSE);
  ADD ("timeout-after", test_timeout_after, FALSE);
  ADD ("reset-after", test_reset_after, FALSE);
  ADD ("reset-before", test_reset_before, FALSE);
  ADD ("api-names", test_api_names, FALSE);
  ADD ("thread", test_thread, TRUE);
  ADD ("thread-dispose", test_thread_dispose, TRUE);
  ADD ("parse-new", test_parse_new, FALSE);
  ADD ("star", test_star, FALSE);
  ADD ("timeout", test_timeout, FALSE);
  ADD ("http-status", test_http_status, FALSE);
  ADD ("ban", test_ban, FALSE);
  ADD ("ban-star", test_ban_star, FALSE);
  ADD ("malformed", test_malformed, FALSE);
  ADD ("wrong-types", test_wrong_types, FALSE);
  ADD ("applied", test_applied, FALSE);
  ADD ("wire-truncated", test_wire_truncated, TRUE);
  ADD ("wire-huge", test_wire_huge, TRUE);
  ADD ("wire-drip", test_wire_drip, TRUE);

#undef ADD

  return g_test_run ();
}
