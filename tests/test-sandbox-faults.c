/* test-sandbox-faults.c: the sandbox's faults on the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain HTTP requests (a SoupSession with a one-second timeout) against a
 * sandbox with faults: which requests they hit, how many, and what the
 * client sees (nothing, late, or as usual).
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "dd-sandbox.h"
#include "dd-sandbox-faults-private.h"

typedef struct
{
  DdSandbox   *sandbox;
  SoupSession *session;
} Fixture;

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

#undef ADD

  return g_test_run ();
}
