/* test-order-refresh.c: reading one order again from the sandbox into the
 * cache (dd-order-refresh), and the after-sale state of raw JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "dd-account.h"
#include "dd-cache.h"
#include "dd-order-refresh.h"
#include "dd-sandbox.h"

typedef struct
{
  DdSandbox *sandbox;
  DdHttp    *http;
  GPtrArray *accounts;
  DdCache   *cache;
  char      *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, 20, DD_SANDBOX_DEFAULT_APP_KEY,
                                     DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_listen (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  fixture->http = dd_http_new ();
  dd_http_set_max_retries (fixture->http, 0);
  fixture->accounts = dd_account_new_sandbox_set (fixture->http, dd_sandbox_get_base_url (fixture->sandbox),
                                                  DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                                  DD_SANDBOX_DEFAULT_ACCESS_TOKEN);

  fixture->dir = g_dir_make_tmp ("dingdan-order-refresh-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->cache);
  g_clear_pointer (&fixture->accounts, g_ptr_array_unref);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->sandbox);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static DdAccount *
account (Fixture    *fixture,
         const char *id)
{
  for (guint i = 0; i < fixture->accounts->len; i++)
    {
      DdAccount *candidate = g_ptr_array_index (fixture->accounts, i);

      if (g_str_equal (dd_account_get_id (candidate), id))
        return candidate;
    }
  g_assert_not_reached ();
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The first page of @account_id's orders, stored as a sync would. */
static GPtrArray *
sync_first_page (Fixture   *fixture,
                 DdAccount *acc)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdListQuery query = { 0, 0, 1, 5 };
  DdOrderPage *page;
  GPtrArray *orders;

  dd_client_list_orders_async (dd_account_get_client (acc), &query, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = dd_client_list_orders_finish (dd_account_get_client (acc), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, >, 0);
  for (guint i = 0; i < page->orders->len; i++)
    {
      dd_order_set_account_id (g_ptr_array_index (page->orders, i), dd_account_get_id (acc));
      dd_order_set_platform (g_ptr_array_index (page->orders, i), dd_account_get_platform (acc));
    }
  g_assert_true (dd_cache_store_page (fixture->cache, dd_account_get_id (acc), page->orders, -1, NULL, &error));
  g_assert_no_error (error);

  orders = g_ptr_array_ref (page->orders);
  dd_order_page_free (page);

  return orders;
}

static DdOrder *
refresh (Fixture    *fixture,
         DdAccount  *acc,
         const char *order_id,
         GArray    **changed,
         GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_order_refresh_async (dd_account_get_client (acc), fixture->cache, dd_account_get_id (acc),
                          order_id, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_order_refresh_finish (result, changed, error);
}

static void
test_keeps_row (Fixture       *fixture,
                gconstpointer  data)
{
  const char *account_id = data;
  DdAccount *acc = account (fixture, account_id);
  g_autoptr(GPtrArray) orders = sync_first_page (fixture, acc);
  DdOrder *first = g_ptr_array_index (orders, 0);
  gint64 row_id = dd_order_get_row_id (first);
  guint64 n_before = dd_cache_count_orders (fixture->cache, NULL);
  guint n_requests = dd_sandbox_get_n_requests (fixture->sandbox, NULL);
  g_autoptr(DdOrder) again = NULL;
  g_autoptr(DdOrder) loaded = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (row_id, >, 0);
  again = refresh (fixture, acc, dd_order_get_order_id (first), &changed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_nonnull (changed);

  /* Asked the platform, stored in the same row, nothing added. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), >, n_requests);
  g_assert_cmpint (dd_order_get_row_id (again), ==, row_id);
  g_assert_cmpstr (dd_order_get_account_id (again), ==, account_id);
  g_assert_cmpstr (dd_order_get_order_id (again), ==, dd_order_get_order_id (first));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, n_before);

  loaded = dd_cache_load_order (fixture->cache, row_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (loaded), ==, dd_order_get_order_id (first));
  g_assert_cmpuint (dd_order_get_n_lines (loaded), ==, dd_order_get_n_lines (again));
}

static void
test_error_keeps_cache (Fixture       *fixture,
                        gconstpointer  data)
{
  DdAccount *acc = account (fixture, "sandbox-tw");
  g_autoptr(GPtrArray) orders = sync_first_page (fixture, acc);
  guint64 n_before = dd_cache_count_orders (fixture->cache, NULL);
  g_autoptr(DdOrder) none = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;

  none = refresh (fixture, acc, "999999999999", &changed, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_null (changed);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, n_before);
  g_clear_error (&error);

  /* Offline: the sandbox is gone. */
  g_clear_object (&fixture->sandbox);
  none = refresh (fixture, acc, dd_order_get_order_id (g_ptr_array_index (orders, 0)), NULL, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, n_before);
}

static char *
after_sale_of (const char *raw_json)
{
  g_autoptr(DdOrder) order = dd_order_new ();

  dd_order_set_raw_json (order, raw_json);

  return dd_order_get_after_sale_state (order);
}

static void
test_after_sale (void)
{
  g_autofree char *top = after_sale_of ("{\"tid\":1,\"orders\":{\"order\":["
                                        "{\"oid\":1,\"refund_status\":\"NO_REFUND\"},"
                                        "{\"oid\":2,\"refund_status\":\"WAIT_SELLER_AGREE\"}]}}");
  g_autofree char *none = after_sale_of ("{\"orders\":{\"order\":[{\"refund_status\":\"NO_REFUND\"}]}}");
  g_autofree char *pp = after_sale_of ("{\"subOrderVOS\":[{\"refundStatus\":\"REFUNDING\"}]}");
  g_autofree char *number = after_sale_of ("{\"refund_status\":3}");
  g_autofree char *broken = after_sale_of ("{\"refund_status\":");
  g_autofree char *empty = after_sale_of (NULL);

  g_assert_cmpstr (top, ==, "WAIT_SELLER_AGREE");
  g_assert_null (none);
  g_assert_cmpstr (pp, ==, "REFUNDING");
  g_assert_null (number);
  g_assert_null (broken);
  g_assert_null (empty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dingdan/order-refresh/keeps-row/tw", Fixture, "sandbox-tw",
              fixture_set_up, test_keeps_row, fixture_tear_down);
  g_test_add ("/dingdan/order-refresh/keeps-row/top", Fixture, "sandbox-top",
              fixture_set_up, test_keeps_row, fixture_tear_down);
  g_test_add ("/dingdan/order-refresh/keeps-row/pandapon", Fixture, "sandbox-pandapon",
              fixture_set_up, test_keeps_row, fixture_tear_down);
  g_test_add ("/dingdan/order-refresh/error-keeps-cache", Fixture, NULL,
              fixture_set_up, test_error_keeps_cache, fixture_tear_down);
  g_test_add_func ("/dingdan/order-refresh/after-sale", test_after_sale);

  return g_test_run ();
}
