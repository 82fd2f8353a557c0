/* test-sandbox-client.c: Dingdan's Taiwan client against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client and the sandbox were written apart, each from the
 * documentation: a round trip through both checks they agree. Also the
 * sandbox serving from its own thread, with the hook that lets a test change
 * the shop between two pages.
 */
#include "config.h"

#include <string.h>

#include "dd-http.h"
#include "dd-platform-error.h"
#include "dd-sandbox.h"
#include "dd-sandbox-shop.h"
#include "dd-tw-client.h"

#define N_ORDERS 500

typedef struct
{
  DdSandbox *sandbox;
  DdHttp    *http;
} Fixture;

static DdTwClient *
new_client (Fixture    *fixture,
            const char *secret,
            const char *token)
{
  g_autofree char *endpoint = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/rest", NULL);

  return dd_tw_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                           secret != NULL ? secret : DD_SANDBOX_DEFAULT_APP_SECRET,
                           token != NULL ? token : DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, NULL, NULL, NULL);
  dd_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->http = dd_http_new ();
  g_object_set (fixture->http, "retry-base-ms", 10, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->http);
  g_assert_finalize_object (fixture->sandbox);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static DdOrderPage *
list_page (DdTwClient  *client,
           guint        page,
           guint        page_size,
           GError     **error)
{
  DdListQuery query = { 0, 0, page, page_size };
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_list_orders_async (DD_CLIENT (client), &query, NULL, done_cb, &wait);
  result = wait_for (&wait);
  return dd_client_list_orders_finish (DD_CLIENT (client), result, error);
}

static DdOrder *
get_order (DdTwClient  *client,
           const char  *order_id,
           GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_get_order_async (DD_CLIENT (client), order_id, NULL, done_cb, &wait);
  result = wait_for (&wait);
  return dd_client_get_order_finish (DD_CLIENT (client), result, error);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DdTwClient) client = new_client (fixture, NULL, NULL);
  g_autoptr(GPtrArray) expected = dd_sandbox_shop_list_order_ids (dd_sandbox_get_shop (fixture->sandbox));
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  guint n_cod = 0;

  for (guint page = 1; page <= N_ORDERS / 100; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrderPage) result = list_page (client, page, 100, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (result->total_count, ==, N_ORDERS);
      g_assert_cmpuint (result->orders->len, ==, 100);
      for (guint i = 0; i < result->orders->len; i++)
        {
          DdOrder *order = g_ptr_array_index (result->orders, i);
          g_autofree char *status = dd_sandbox_shop_dup_status (dd_sandbox_get_shop (fixture->sandbox),
                                                                dd_order_get_order_id (order));

          g_ptr_array_add (got, g_strdup (dd_order_get_order_id (order)));
          g_assert_cmpstr (dd_order_get_raw_status (order), ==, status);
          g_assert_cmpuint (dd_order_get_n_lines (order), >=, 1);
          g_assert_cmpuint (dd_order_get_n_lines (order), <=, 4);
          g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "TWD");
          g_assert_cmpint (dd_order_get_total (order)->minor, >, 0);
          n_cod += dd_order_is_cash_on_delivery (order);
        }
    }

  g_assert_cmpuint (got->len, ==, expected->len);
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < got->len; i++)
      g_assert_true (g_hash_table_add (seen, g_ptr_array_index (got, i)));
    for (guint i = 0; i < expected->len; i++)
      g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (expected, i)));
  }
  g_assert_cmpuint (n_cod, >, 0);
}

static void
test_get_order (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdTwClient) client = new_client (fixture, NULL, NULL);
  DdSandboxShop *shop = dd_sandbox_get_shop (fixture->sandbox);
  g_autofree char *order_id = dd_sandbox_shop_dup_order_id (shop, 3);
  g_autoptr(JsonObject) module = dd_sandbox_shop_tw_order (shop, order_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = get_order (client, order_id, &error);
  JsonArray *lines = json_object_get_array_member (module, "trade_order_line_list");

  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, order_id);
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, json_array_get_length (lines));
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      DdOrderLine *parsed = dd_order_get_line (order, i);

      g_assert_cmpstr (dd_order_line_get_line_id (parsed), ==,
                       json_object_get_string_member (line, "trade_order_line_id"));
      g_assert_cmpstr (dd_order_line_get_title (parsed), ==, json_object_get_string_member (line, "product_title"));
      g_assert_cmpuint (dd_order_line_get_quantity (parsed), ==, json_object_get_int_member (line, "quantity"));
      g_assert_cmpuint (dd_order_line_get_n_sku_properties (parsed), >=, 1);
    }
}

static void
test_wrong_secret (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DdTwClient) client = new_client (fixture, "not-the-secret", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = list_page (client, 1, 10, &error);

  g_assert_null (page);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IncompleteSignature");
  g_assert_cmpstr (dd_platform_error_get_type_name (error), ==, "ISV");
  g_assert_cmpuint (strlen (dd_platform_error_get_request_id (error)), ==, 25);
  /* Not retried: a wrong secret stays wrong. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 1);
}

static void
test_wrong_token (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdTwClient) client = new_client (fixture, NULL, "expired-token");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = list_page (client, 1, 10, &error);

  g_assert_null (page);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IllegalAccessToken");
}

static void
test_unknown_order (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DdTwClient) client = new_client (fixture, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = get_order (client, "100000000000", &error);

  g_assert_null (order);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "16");
}

/* ---- serving in a thread, the hook ------------------------------------------ */

typedef struct
{
  GThread *test_thread;
  GArray  *pages;
  gboolean other_thread;
} HookData;

static void
hook_cb (DdSandbox  *sandbox,
         const char *api_path,
         guint       page,
         gpointer    user_data)
{
  HookData *hook = user_data;

  g_assert_cmpstr (api_path, ==, "/orders/get");
  hook->other_thread = g_thread_self () != hook->test_thread;
  g_array_append_val (hook->pages, page);
  /* New orders arrive between two pages. */
  if (page == 1)
    dd_sandbox_shop_add_orders (dd_sandbox_get_shop (sandbox), 2);
}

static void
test_thread_hook (void)
{
  Fixture fixture = { 0 };
  g_autoptr(DdTwClient) client = NULL;
  g_autoptr(DdOrderPage) page1 = NULL;
  g_autoptr(DdOrderPage) page2 = NULL;
  g_autoptr(GError) error = NULL;
  HookData hook = { g_thread_self (), g_array_new (FALSE, FALSE, sizeof (guint)), FALSE };
  g_autofree char *first_before = NULL;

  fixture.sandbox = dd_sandbox_new (7, 50, NULL, NULL, NULL);
  fixture.http = dd_http_new ();
  dd_sandbox_set_hook (fixture.sandbox, hook_cb, &hook);
  dd_sandbox_start_in_thread (fixture.sandbox, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_port (fixture.sandbox), >, 0);
  first_before = dd_sandbox_shop_dup_order_id (dd_sandbox_get_shop (fixture.sandbox), 0);

  client = new_client (&fixture, NULL, NULL);
  page1 = list_page (client, 1, 20, &error);
  g_assert_no_error (error);
  page2 = list_page (client, 2, 20, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (page1->total_count, ==, 50);
  g_assert_cmpuint (page2->total_count, ==, 52);
  /* The two new orders pushed everything down by two. */
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (page1->orders, 0)), ==, first_before);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (page1->orders, 18)), ==,
                   dd_order_get_order_id (g_ptr_array_index (page2->orders, 0)));

  g_assert_cmpuint (hook.pages->len, ==, 2);
  g_assert_cmpuint (g_array_index (hook.pages, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (hook.pages, guint, 1), ==, 2);
  g_assert_true (hook.other_thread);

  g_clear_object (&client);
  fixture_teardown (&fixture, NULL);
  g_array_unref (hook.pages);
}

static void
test_thread_stop_at_once (void)
{
  /* Disposing right after starting must not hang (the loop may not run yet). */
  for (guint i = 0; i < 20; i++)
    {
      DdSandbox *sandbox = dd_sandbox_new (i, 8, NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;

      dd_sandbox_start_in_thread (sandbox, 0, &error);
      g_assert_no_error (error);
      g_assert_finalize_object (sandbox);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/sandbox/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("get-order", test_get_order);
  ADD ("wrong-secret", test_wrong_secret);
  ADD ("wrong-token", test_wrong_token);
  ADD ("unknown-order", test_unknown_order);
#undef ADD

  g_test_add_func ("/dingdan/sandbox/thread/hook", test_thread_hook);
  g_test_add_func ("/dingdan/sandbox/thread/stop-at-once", test_thread_stop_at_once);

  return g_test_run ();
}
