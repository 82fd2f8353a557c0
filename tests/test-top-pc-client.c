/* test-top-pc-client.c: the TOP procurement (企业购) client through the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call of DdTopPcClient against the sandbox's router, which was
 * written apart from the client from the same documentation and the shape
 * note both follow (top-pc-shape.md).
 */
#include "config.h"

#include "dd-error-table.h"
#include "dd-top-parse.h"
#include "top-fixture.h"

static void
test_pc_list_and_detail (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = dd_sandbox_top_shop_list_pc_ids (shop (fixture));
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) missing = NULL;
  g_autoptr(GError) error = NULL;
  DdOrder *first;
  guint n_pages = 0;

  g_assert_cmpuint (expected->len, >, 0);
  orders = list_all (fixture->buyer, 0, 0, 5, &n_pages);
  g_assert_cmpuint (n_pages, ==, (expected->len + 4) / 5);
  ids = order_ids (orders);
  assert_same_ids (ids, expected);

  for (guint i = 0; i < orders->len; i++)
    {
      DdOrder *listed = g_ptr_array_index (orders, i);
      g_autofree char *status = dd_sandbox_top_shop_dup_pc_status (shop (fixture), dd_order_get_order_id (listed));
      g_autoptr(DdOrder) again = NULL;

      g_assert_cmpstr (dd_order_get_platform (listed), ==, DD_PLATFORM_TOP_PC);
      g_assert_cmpstr (dd_order_get_raw_status (listed), ==, status);
      g_assert_cmpint (dd_order_get_status (listed), !=, DD_ORDER_STATUS_UNKNOWN);
      g_assert_cmpuint (dd_order_get_n_lines (listed), >, 0);
      again = dd_top_pc_parse_order_json (dd_order_get_raw_json (listed), strlen (dd_order_get_raw_json (listed)), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dd_order_get_order_id (again), ==, dd_order_get_order_id (listed));
    }

  first = g_ptr_array_index (orders, 0);
  order = get_order (fixture->buyer, dd_order_get_order_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, dd_order_get_order_id (first));
  g_assert_cmpstr (dd_order_get_raw_json (order), ==, dd_order_get_raw_json (first));

  missing = get_order (fixture->buyer, "1", &error);
  g_assert_nonnull (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "ORDER_NOT_EXIST");
  g_assert_null (missing);
}

static void
test_pc_list_incremental (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) all = dd_sandbox_top_shop_list_pc_ids (shop (fixture));
  const char *moved = g_ptr_array_index (all, 0);
  g_autoptr(GPtrArray) recent = NULL;
  gint64 start_ms;
  guint n_pages = 0;

  dd_sandbox_advance_clock (fixture->sandbox, 60 * 1000);
  start_ms = sandbox_now_ms (fixture) - 1000;
  g_assert_true (dd_sandbox_top_shop_set_pc_status (shop (fixture), moved, "TRADE_FINISHED",
                                                    sandbox_now_ms (fixture)));

  recent = list_all (fixture->buyer, start_ms, sandbox_now_ms (fixture) + 1000, 50, &n_pages);
  g_assert_cmpuint (recent->len, ==, 1);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (recent, 0)), ==, moved);
  g_assert_cmpint (dd_order_get_status (g_ptr_array_index (recent, 0)), ==, DD_ORDER_STATUS_COMPLETED);
}

static void
test_pc_render (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase ("dd-render-1", "600000000001", NULL);
  g_autoptr(GPtrArray) before = dd_sandbox_top_shop_list_pc_ids (shop (fixture));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DdPurchasePreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  DdMoney price;

  dd_money_init (&price, 100, "CNY");
  dd_purchase_request_add_line (request, "600000000009", NULL, 1, &price);

  preview = render (fixture->buyer, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preview->total.currency, ==, "CNY");
  g_assert_cmpint (preview->total.minor, >, 0);
  g_assert_cmpuint (preview->unavailable->len, ==, 1);
  g_assert_cmpstr (g_array_index (preview->unavailable, char *, 0), ==, "600000000009");
  /* A preview creates nothing. */
  after = dd_sandbox_top_shop_list_pc_ids (shop (fixture));
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_pc_create_and_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase ("dd-create-1", "600000000001", "700000000001");
  g_autoptr(DdPurchaseRequest) unbuyable = new_purchase ("dd-create-2", "600000000019", NULL);
  g_autoptr(GPtrArray) before = dd_sandbox_top_shop_list_pc_ids (shop (fixture));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) again = NULL;
  g_autoptr(DdOrder) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  const DdDeliveryInfo *delivery;

  order = create (fixture->buyer, request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_cmpstr (dd_order_get_raw_status (order), ==, "WAIT_BUYER_PAY");
  /* Read back in full: lines, address, our key. */
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  g_assert_cmpstr (dd_order_line_get_product_id (dd_order_get_line (order, 0)), ==, "600000000001");
  g_assert_cmpuint (dd_order_line_get_quantity (dd_order_get_line (order, 0)), ==, 2);
  g_assert_cmpint (dd_order_line_get_unit_fee (dd_order_get_line (order, 0))->minor, ==, 9503);
  delivery = dd_order_get_delivery (order);
  g_assert_nonnull (delivery);
  g_assert_nonnull (strstr (dd_order_get_raw_json (order), "\"out_order_id\":\"dd-create-1\""));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.pc.out.tower.order.create"), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.pc.order.detail"), ==, 1);

  /* The same key again: the same order, nothing new. */
  again = create (fixture->buyer, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (again), ==, dd_order_get_order_id (order));
  after = dd_sandbox_top_shop_list_pc_ids (shop (fixture));
  g_assert_cmpuint (after->len, ==, before->len + 1);

  /* An item that cannot be bought. */
  none = create (fixture->buyer, unbuyable, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_cmpstr (dd_platform_error_get_type_name (error), ==, "biz");
  g_assert_null (none);
  g_clear_error (&error);

  /* Cancel while unpaid, then not again. */
  g_assert_true (cancel_order (fixture->buyer, dd_order_get_order_id (order), NULL, &error));
  g_assert_no_error (error);
  status = dd_sandbox_top_shop_dup_pc_status (shop (fixture), dd_order_get_order_id (order));
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
  g_clear_object (&again);
  again = get_order (fixture->buyer, dd_order_get_order_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (again), ==, DD_ORDER_STATUS_CLOSED);

  g_assert_false (cancel_order (fixture->buyer, dd_order_get_order_id (order), NULL, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.pc.order.cancel"), ==, 2);
}

static void
test_pc_not_supported (Fixture       *fixture,
                       gconstpointer  data)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdActionOutcome outcome;

  /* No pay method is published for procurement orders. */
  dd_client_pay_order_async (DD_CLIENT (fixture->buyer), "4000000000000000001", NULL, done_cb, &wait);
  result = wait_for (&wait);
  g_assert_false (dd_client_pay_order_finish (DD_CLIENT (fixture->buyer), result, &outcome, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_pc_bad_buyer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = endpoint (fixture);
  g_autoptr(DdTopPcClient) client = dd_top_pc_client_new (fixture->http, url, DD_SANDBOX_DEFAULT_APP_KEY,
                                                          DD_SANDBOX_DEFAULT_APP_SECRET,
                                                          DD_SANDBOX_DEFAULT_ACCESS_TOKEN,
                                                          DD_SIGN_TOP_MD5, "buyer-one");
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_page (client, 0, 0, 1, 10, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (page);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.pc.order.list"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/top-pc-client/sandbox/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list-and-detail", test_pc_list_and_detail);
  ADD ("list-incremental", test_pc_list_incremental);
  ADD ("render", test_pc_render);
  ADD ("create-and-cancel", test_pc_create_and_cancel);
  ADD ("pay-not-supported", test_pc_not_supported);
  ADD ("bad-buyer", test_pc_bad_buyer);
#undef ADD

  return g_test_run ();
}
