/* test-pp-sandbox.c: DdPpClient against the sandbox, every call
 *
 * The client and the sandbox were written apart from the same shapes
 * (pp-shape): create (idempotent by sellerOrderNumber), list (paged, full
 * and incremental), detail, cancel (pending, then closed), pay (only
 * unpaid), voucher (paid after review), logistics, after-sales, the 1688
 * calls, refused credentials and clocks, and bans.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-error-table.h"
#include "dd-http.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-pp-parse.h"
#include "dd-sandbox.h"
#include "dd-sandbox-pp.h"
#include "pp-client-calls.h"


typedef struct
{
  DdSandbox  *sandbox;
  DdHttp     *http;
  DdPpClient *client;
} Sandbox;

static DdPpClient *
sandbox_client (Sandbox    *s,
                const char *key,
                const char *secret)
{
  return dd_pp_client_new (s->http, dd_sandbox_get_base_url (s->sandbox),
                           key != NULL ? key : DD_SANDBOX_DEFAULT_APP_KEY,
                           secret != NULL ? secret : DD_SANDBOX_DEFAULT_APP_SECRET,
                           "sandbox-user");
}

static void
sandbox_setup (Sandbox       *s,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  s->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, 150, NULL, NULL, NULL);
  dd_sandbox_listen (s->sandbox, 0, &error);
  g_assert_no_error (error);
  s->http = dd_http_new ();
  g_object_set (s->http, "retry-base-ms", 5, NULL);
  s->client = sandbox_client (s, NULL, NULL);
}

static void
sandbox_teardown (Sandbox       *s,
                  gconstpointer  data)
{
  g_assert_finalize_object (s->client);
  g_assert_finalize_object (s->http);
  g_assert_finalize_object (s->sandbox);
}

static DdSandboxPpShop *
shop (Sandbox *s)
{
  return dd_sandbox_get_pp_shop (s->sandbox);
}

/* Every Taobao-goods order, through pages of @page_size. */
static GPtrArray *
list_all (Sandbox *s,
          guint    page_size)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 total = 0;

  for (guint page = 1; page < 1000; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrderPage) result = list_orders (s->client, 0, 0, page, page_size, &error);

      g_assert_no_error (error);
      total = result->total_count;
      g_assert_cmpuint (result->orders->len, <=, page_size);
      for (guint i = 0; i < result->orders->len; i++)
        g_ptr_array_add (orders, g_object_ref (g_ptr_array_index (result->orders, i)));
      if (result->orders->len < page_size)
        break;
    }
  g_assert_cmpuint (orders->len, ==, total);

  return g_steal_pointer (&orders);
}

static DdOrder *
find_order (GPtrArray     *orders,
            DdOrderStatus  status)
{
  for (guint i = 0; i < orders->len; i++)
    if (dd_order_get_status (g_ptr_array_index (orders, i)) == status)
      return g_ptr_array_index (orders, i);
  return NULL;
}

static void
test_sb_list_paged (Sandbox       *s,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = list_all (s, 7);
  g_autoptr(GPtrArray) expected = dd_sandbox_pp_shop_list_order_nos (shop (s));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (orders->len, ==, expected->len);
  g_assert_cmpuint (orders->len, >, 7);
  for (guint i = 0; i < orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (orders, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) again = NULL;
      const char *raw = dd_order_get_raw_json (order);

      /* No order twice, none missing; every status known; total in fen. */
      g_assert_true (g_hash_table_add (seen, (gpointer) dd_order_get_order_id (order)));
      g_assert_true (g_ptr_array_find_with_equal_func (expected, dd_order_get_order_id (order), g_str_equal, NULL));
      g_assert_cmpint (dd_order_get_status (order), !=, DD_ORDER_STATUS_UNKNOWN);
      g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "CNY");
      g_assert_cmpint (dd_order_get_total (order)->minor, >, 0);
      g_assert_cmpuint (dd_order_get_n_lines (order), >, 0);
      g_assert_nonnull (dd_order_get_created (order));
      g_assert_nonnull (dd_order_get_delivery (order));

      /* The cache's raw JSON reads back the same. */
      again = dd_pp_parse_order_json (raw, strlen (raw), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (dd_order_get_order_id (again), ==, dd_order_get_order_id (order));
      g_assert_true (dd_money_equal (dd_order_get_total (again), dd_order_get_total (order)));
      g_assert_cmpint (dd_order_get_status (again), ==, dd_order_get_status (order));
    }
}

static void
test_sb_incremental (Sandbox       *s,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) nos = dd_sandbox_pp_shop_list_order_nos (shop (s));
  const char *changed = g_ptr_array_index (nos, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  gint64 since;

  dd_sandbox_advance_clock (s->sandbox, 60000);
  since = dd_sandbox_now_ms (s->sandbox);
  g_assert_true (dd_sandbox_pp_shop_set_status (shop (s), changed, "TRADE_FINISHED", since + 1));

  page = list_orders (s->client, since, since + 10000, 1, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, ==, 1);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (page->orders, 0)), ==, changed);
  g_assert_cmpint (dd_order_get_status (g_ptr_array_index (page->orders, 0)), ==, DD_ORDER_STATUS_COMPLETED);
}

static void
test_sb_detail (Sandbox       *s,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = list_all (s, 50);

  for (guint i = 0; i < MIN (orders->len, 10); i++)
    {
      DdOrder *listed = g_ptr_array_index (orders, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = get_order (s->client, dd_order_get_order_id (listed), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (dd_order_get_order_id (order), ==, dd_order_get_order_id (listed));
      g_assert_true (dd_money_equal (dd_order_get_total (order), dd_order_get_total (listed)));
      g_assert_true (dd_money_equal (dd_order_get_shipping_fee (order), dd_order_get_shipping_fee (listed)));
      g_assert_cmpuint (dd_order_get_n_lines (order), ==, dd_order_get_n_lines (listed));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = get_order (s->client, "1", &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND);
  }
}

static DdOrder *
create_unpaid (Sandbox    *s,
               const char *key)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_TAOBAO, key, "600086815456800431");
  g_autoptr(GError) error = NULL;
  DdOrder *order = create_purchase (s->client, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (order);
  return order;
}

static void
test_sb_create_idempotent (Sandbox       *s,
                           gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_TAOBAO, "dd-idem-1", "600086815456800431");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) first = NULL, second = NULL, detail = NULL;
  guint before = dd_sandbox_pp_shop_count_orders (shop (s));
  DdMoney off_price;

  /* A second line that fails (off shelf) while the order goes ahead. */
  dd_money_init (&off_price, 100, "CNY");
  dd_purchase_request_add_line (request, "999000000000001", NULL, 1, &off_price);

  first = create_purchase (s->client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (first), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_nonnull (dd_order_get_created (first));
  g_assert_cmpuint (dd_sandbox_pp_shop_count_orders (shop (s)), ==, before + 1);

  /* The same key again: the same order, nothing new. */
  second = create_purchase (s->client, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (second), ==, dd_order_get_order_id (first));
  g_assert_cmpuint (dd_sandbox_pp_shop_count_orders (shop (s)), ==, before + 1);

  detail = get_order (s->client, dd_order_get_order_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_raw_status (detail), ==, "WAIT_BUYER_PAY");
  g_assert_cmpint (dd_order_get_status (detail), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_cmpuint (dd_order_get_n_lines (detail), ==, 2);
  g_assert_null (dd_pp_line_get_error_code (dd_order_get_line (detail, 0)));
  g_assert_cmpstr (dd_pp_line_get_error_code (dd_order_get_line (detail, 1)), ==, "ITEM_OFF_SHELF");
  g_assert_nonnull (dd_pp_line_get_error_message (dd_order_get_line (detail, 1)));
  g_assert_cmpstr (dd_order_get_delivery (detail)->receiver_name, ==, "张三");
}

static void
test_sb_cancel_pending (Sandbox       *s,
                        gconstpointer  data)
{
  g_autoptr(DdOrder) created = create_unpaid (s, "dd-cancel-1");
  const char *id = dd_order_get_order_id (created);
  g_autoptr(GError) error = NULL;
  DdActionOutcome outcome = DD_ACTION_DONE;

  g_assert_true (cancel_order (s->client, id, "buyerCancel", NULL, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, DD_ACTION_PENDING);

  /* Pending: still unpaid (CANCELLING) … */
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dd_order_get_raw_status (order), ==, "CANCELLING");
    g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  }

  /* … closed on a later read. */
  dd_sandbox_advance_clock (s->sandbox, DD_SANDBOX_PP_PENDING_MS);
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (dd_order_get_raw_status (order), ==, "TRADE_CLOSED");
    g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_CLOSED);
  }

  /* Cancelling a closed order again: done already. */
  g_assert_true (cancel_order (s->client, id, "buyerCancel", NULL, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, DD_ACTION_DONE);
}

static void
test_sb_pay (Sandbox       *s,
             gconstpointer  data)
{
  g_autoptr(DdOrder) created = create_unpaid (s, "dd-pay-1");
  const char *id = dd_order_get_order_id (created);
  g_autoptr(GError) error = NULL;
  DdActionOutcome outcome = DD_ACTION_PENDING;

  g_assert_true (pay_order (s->client, id, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, DD_ACTION_DONE);
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
    g_assert_nonnull (dd_order_get_paid (order));
  }

  /* Only unpaid orders are paid; a paid one is not cancelled. */
  g_assert_false (pay_order (s->client, id, &outcome, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_false (dd_http_outcome_unknown (error));
  g_clear_error (&error);
  g_assert_false (cancel_order (s->client, id, "buyerCancel", NULL, &outcome, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
}

static void
test_sb_voucher (Sandbox       *s,
                 gconstpointer  data)
{
  g_autoptr(DdOrder) created = create_unpaid (s, "dd-voucher-1");
  const char *id = dd_order_get_order_id (created);
  g_autoptr(GBytes) image = g_bytes_new_static (PNG, sizeof PNG);
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(GError) error = NULL;

  /* Not an image: refused. */
  g_assert_false (upload_voucher (s->client, id, text, "text/plain", &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (upload_voucher (s->client, id, image, "image/png", &error));
  g_assert_no_error (error);

  /* Under review: unpaid still; paid after it. */
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  }
  dd_sandbox_advance_clock (s->sandbox, DD_SANDBOX_PP_PENDING_MS);
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
  }

  g_assert_false (upload_voucher (s->client, id, image, "image/png", &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
}

static void
test_sb_logistics (Sandbox       *s,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) orders = list_all (s, 50);
  DdOrder *shipped = find_order (orders, DD_ORDER_STATUS_SHIPPED);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdLogistics) logistics = NULL;
  guint n_events = 0;

  g_assert_nonnull (shipped);
  logistics = get_logistics (s->client, dd_order_line_get_line_id (dd_order_get_line (shipped, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (logistics->parcels->len, >, 0);
  for (guint p = 0; p < logistics->parcels->len; p++)
    {
      DdParcel *parcel = g_ptr_array_index (logistics->parcels, p);

      g_assert_nonnull (parcel->tracking_number);
      for (guint e = 0; e < parcel->events->len; e++)
        {
          DdLogisticsEvent *event = &g_array_index (parcel->events, DdLogisticsEvent, e);

          g_assert_nonnull (event->time);
          g_assert_nonnull (event->description);
          if (e > 0)
            g_assert_cmpint (g_date_time_compare (g_array_index (parcel->events, DdLogisticsEvent, e - 1).time,
                                                  event->time), <=, 0);
          n_events++;
        }
    }
  g_assert_cmpuint (n_events, >, 0);

  g_clear_pointer (&logistics, dd_logistics_free);
  logistics = get_logistics (s->client, "1", &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND);
}

static void
test_sb_after_sales (Sandbox       *s,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAfterSalePage) page = list_after_sales (s->client, 1, 50, &error);
  g_autofree char *open_id = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (page->cases->len, >, 0);
  g_assert_cmpuint (page->total_count, >=, page->cases->len);
  for (guint i = 0; i < page->cases->len; i++)
    {
      DdAfterSale *after_sale = g_ptr_array_index (page->cases, i);

      g_assert_nonnull (after_sale->refund_id);
      g_assert_nonnull (after_sale->order_id);
      g_assert_cmpstr (after_sale->amount.currency, ==, "CNY");
      g_assert_cmpint (after_sale->amount.minor, >, 0);
      if (open_id == NULL && g_strcmp0 (after_sale->status, "WAIT_SELLER_AGREE") == 0)
        open_id = g_strdup (after_sale->refund_id);
    }
  g_assert_nonnull (open_id);

  g_assert_true (cancel_after_sale (s->client, open_id, &error));
  g_assert_no_error (error);

  g_clear_pointer (&page, dd_after_sale_page_free);
  page = list_after_sales (s->client, 1, 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->cases->len; i++)
    {
      DdAfterSale *after_sale = g_ptr_array_index (page->cases, i);

      if (g_str_equal (after_sale->refund_id, open_id))
        g_assert_cmpstr (after_sale->status, ==, "REFUND_CLOSED");
    }

  g_assert_false (cancel_after_sale (s->client, open_id, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_clear_error (&error);
  g_assert_false (cancel_after_sale (s->client, "880000000000000", &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND);
}

static void
test_sb_1688 (Sandbox       *s,
              gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_1688, "dd-1688-1", "610000000001");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) created = NULL, detail = NULL, closed = NULL;
  g_autoptr(GPtrArray) ids_1688 = NULL;
  g_autofree char *url = NULL;
  DdActionOutcome outcome = DD_ACTION_PENDING;
  const char *id;

  created = create_purchase (s->client, request, &error);
  g_assert_no_error (error);
  id = dd_order_get_order_id (created);
  g_assert_true (g_str_has_prefix (id, DD_PP_1688_PREFIX));
  g_assert_cmpint (dd_order_get_status (created), ==, DD_ORDER_STATUS_UNPAID);
  /* 1688 prices the offers itself (the create call carries no price). */
  g_assert_cmpint (dd_order_get_total (created)->minor, >, 0);
  g_assert_cmpstr (dd_order_get_total (created)->currency, ==, "CNY");
  ids_1688 = dd_sandbox_pp_shop_list_1688_order_ids (shop (s));
  g_assert_true (g_ptr_array_find_with_equal_func (ids_1688, id + strlen (DD_PP_1688_PREFIX), g_str_equal, NULL));

  detail = get_order (s->client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (detail), ==, id);
  g_assert_cmpstr (dd_order_get_raw_status (detail), ==, "waitbuyerpay");
  g_assert_true (dd_money_equal (dd_order_get_total (detail), dd_order_get_total (created)));
  g_assert_cmpuint (dd_order_get_n_lines (detail), ==, 1);
  g_assert_cmpstr (dd_order_line_get_product_id (dd_order_get_line (detail, 0)), ==, "610000000001");
  g_assert_cmpuint (dd_order_line_get_quantity (dd_order_get_line (detail, 0)), ==, 2);
  g_assert_cmpstr (dd_order_get_delivery (detail)->receiver_name, ==, "张三");

  url = get_pay_url (s->client, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "http"));

  g_assert_true (cancel_order (s->client, id, "buyerCancel", "不要了", &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, DD_ACTION_DONE);
  closed = get_order (s->client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (closed), ==, DD_ORDER_STATUS_CLOSED);

  g_clear_pointer (&url, g_free);
  url = get_pay_url (s->client, id, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_assert_null (url);
}

static void
test_sb_1688_cancel_paid (Sandbox       *s,
                          gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_1688, "dd-1688-2", "610000000002");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) created = create_purchase (s->client, request, &error);
  DdActionOutcome outcome;

  g_assert_no_error (error);
  g_assert_true (dd_sandbox_pp_shop_set_status (shop (s), dd_order_get_order_id (created) + strlen (DD_PP_1688_PREFIX),
                                                "waitsellersend", dd_sandbox_now_ms (s->sandbox)));
  /* Before payment only. */
  g_assert_false (cancel_order (s->client, dd_order_get_order_id (created), "buyerCancel", NULL, &outcome, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  g_clear_error (&error);

  {
    g_autoptr(DdOrder) order = get_order (s->client, "1688-1", &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND);
  }
}

static void
test_sb_ban (Sandbox       *s,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) nos = dd_sandbox_pp_shop_list_order_nos (shop (s));
  const char *id = g_ptr_array_index (nos, 0);
  g_autoptr(GError) error = NULL;

  /* A long ban: a read fails at once, with the time to wait. */
  dd_sandbox_set_rate_limit (s->sandbox, 2, 60, 120);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DdOrder) order = get_order (s->client, id, &error);

      g_assert_no_error (error);
    }
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
    g_assert_cmpuint (dd_platform_error_get_retry_after (error), >, 60);
    g_assert_cmpuint (dd_platform_error_get_retry_after (error), <=, 120);
    g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "429");
  }
  g_clear_error (&error);

  /* A write during the ban: refused, and known not to have happened. */
  {
    DdActionOutcome outcome;

    g_assert_false (pay_order (s->client, id, &outcome, &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
    g_assert_false (dd_http_outcome_unknown (error));
  }
  g_clear_error (&error);

  /* Over when the sandbox's clock says so. */
  dd_sandbox_advance_clock (s->sandbox, 121 * 1000);
  {
    g_autoptr(DdOrder) order = get_order (s->client, id, &error);

    g_assert_no_error (error);
  }
}

static void
test_sb_auth (Sandbox       *s,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) nos = dd_sandbox_pp_shop_list_order_nos (shop (s));
  const char *id = g_ptr_array_index (nos, 0);

  {
    g_autoptr(DdPpClient) client = sandbox_client (s, NULL, "wrong-secret");
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = get_order (client, id, &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
    g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "402");
  }
  {
    g_autoptr(DdPpClient) client = sandbox_client (s, "wrong-key", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = get_order (client, id, &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
    g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "401");
  }
  {
    g_autoptr(DdPpClient) client = sandbox_client (s, NULL, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = NULL;

    /* Eleven minutes off: the clock is to be checked. */
    dd_pp_client_set_clock_offset_ms (client, -11 * 60 * 1000);
    order = get_order (client, id, &error);
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
    g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_CLOCK);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/pp/sandbox/" path, Sandbox, NULL, sandbox_setup, func, sandbox_teardown)
  ADD ("list-paged", test_sb_list_paged);
  ADD ("incremental", test_sb_incremental);
  ADD ("detail", test_sb_detail);
  ADD ("create-idempotent", test_sb_create_idempotent);
  ADD ("cancel-pending", test_sb_cancel_pending);
  ADD ("pay", test_sb_pay);
  ADD ("voucher", test_sb_voucher);
  ADD ("logistics", test_sb_logistics);
  ADD ("after-sales", test_sb_after_sales);
  ADD ("1688", test_sb_1688);
  ADD ("1688-cancel-paid", test_sb_1688_cancel_paid);
  ADD ("ban", test_sb_ban);
  ADD ("auth", test_sb_auth);
#undef ADD

  return g_test_run ();
}

