/* top-fixture.h: a sandbox and both TOP clients, for test-top-client.c and test-top-pc-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <time.h>

#include "dd-http.h"
#include "dd-platform-error.h"
#include "dd-sandbox.h"
#include "dd-sandbox-top.h"
#include "dd-top-client.h"

G_BEGIN_DECLS

#define N_TRADES 60

static inline void
set_zone (const char *tz,
          long        expected_offset_s)
{
  time_t t = 1720058400; /* July: New York is on EDT */
  struct tm tm;

  g_setenv ("TZ", tz, TRUE);
  tzset ();
  localtime_r (&t, &tm);
  g_assert_cmpint (tm.tm_gmtoff, ==, expected_offset_s);
}

static inline int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline DdHttp *
new_http (void)
{
  DdHttp *http = dd_http_new ();

  g_object_set (http, "retry-base-ms", 10, NULL);

  return http;
}

static inline DdPurchaseRequest *
new_purchase (const char *key,
              const char *item_id,
              const char *sku_id)
{
  DdPurchaseRequest *request = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO, key);
  DdMoney price;

  dd_money_init (&price, 9503, "CNY");
  dd_purchase_request_add_line (request, item_id, sku_id, 2, &price);
  request->receiver.receiver_name = g_strdup ("李四");
  request->receiver.receiver_phone = g_strdup ("13900001111");
  request->receiver.state = g_strdup ("浙江省");
  request->receiver.city = g_strdup ("杭州市");
  request->receiver.area = g_strdup ("余杭区");
  request->receiver.detail_address = g_strdup ("文一西路969号");
  request->remark = g_strdup ("工作日送货");

  return request;
}

typedef struct
{
  DdSandbox     *sandbox;
  DdHttp        *http;
  DdTopClient   *seller;
  DdTopPcClient *buyer;
} Fixture;

static inline char *
endpoint (Fixture *fixture)
{
  return g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), DD_SANDBOX_TOP_PREFIX, NULL);
}

static inline DdTopClient *
new_seller (Fixture         *fixture,
            const char      *secret,
            const char      *session,
            DdSignTopMethod  method)
{
  g_autofree char *url = endpoint (fixture);

  return dd_top_client_new (fixture->http, url, DD_SANDBOX_DEFAULT_APP_KEY,
                            secret != NULL ? secret : DD_SANDBOX_DEFAULT_APP_SECRET,
                            session != NULL ? session : DD_SANDBOX_DEFAULT_ACCESS_TOKEN,
                            method);
}

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_TRADES, NULL, NULL, NULL);
  dd_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->http = new_http ();
  fixture->seller = new_seller (fixture, NULL, NULL, DD_SIGN_TOP_HMAC_SHA256);
  url = endpoint (fixture);
  fixture->buyer = dd_top_pc_client_new (fixture->http, url, DD_SANDBOX_DEFAULT_APP_KEY,
                                         DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN,
                                         DD_SIGN_TOP_MD5, DD_SANDBOX_TOP_PC_BUYER_ID);
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->seller);
  g_assert_finalize_object (fixture->buyer);
  g_assert_finalize_object (fixture->http);
  g_assert_finalize_object (fixture->sandbox);
}

static inline DdSandboxTopShop *
shop (Fixture *fixture)
{
  return dd_sandbox_get_top_shop (fixture->sandbox);
}

static inline gint64
sandbox_now_ms (Fixture *fixture)
{
  return dd_sandbox_now_ms (fixture->sandbox);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static inline void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static inline GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

static inline DdOrderPage *
list_page (gpointer     client,
           gint64       since_ms,
           gint64       until_ms,
           guint        page,
           guint        page_size,
           GError     **error)
{
  DdListQuery query = { since_ms, until_ms, page, page_size };
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_list_orders_async (DD_CLIENT (client), &query, NULL, done_cb, &wait);
  result = wait_for (&wait);

  return dd_client_list_orders_finish (DD_CLIENT (client), result, error);
}

static inline DdOrder *
get_order (gpointer     client,
           const char  *order_id,
           GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_get_order_async (DD_CLIENT (client), order_id, NULL, done_cb, &wait);
  result = wait_for (&wait);

  return dd_client_get_order_finish (DD_CLIENT (client), result, error);
}

static inline gboolean
cancel_order (gpointer     client,
              const char  *order_id,
              const char  *reason,
              GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  DdActionOutcome outcome = DD_ACTION_PENDING;
  gboolean ok;

  dd_client_cancel_order_async (DD_CLIENT (client), order_id, reason, NULL, NULL, done_cb, &wait);
  result = wait_for (&wait);
  ok = dd_client_cancel_order_finish (DD_CLIENT (client), result, &outcome, error);
  if (ok)
    g_assert_cmpint (outcome, ==, DD_ACTION_DONE);

  return ok;
}

static inline gint64
server_time (gpointer     client,
             GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_get_server_time_async (DD_CLIENT (client), NULL, done_cb, &wait);
  result = wait_for (&wait);

  return dd_client_get_server_time_finish (DD_CLIENT (client), result, error);
}

static inline DdPurchasePreview *
render (gpointer                 client,
        const DdPurchaseRequest *request,
        GError                 **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_render_purchase_async (DD_CLIENT (client), request, NULL, done_cb, &wait);
  result = wait_for (&wait);

  return dd_client_render_purchase_finish (DD_CLIENT (client), result, error);
}

static inline DdOrder *
create (gpointer                 client,
        const DdPurchaseRequest *request,
        GError                 **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_create_purchase_async (DD_CLIENT (client), request, NULL, done_cb, &wait);
  result = wait_for (&wait);

  return dd_client_create_purchase_finish (DD_CLIENT (client), result, error);
}

/* Every order of a listing, page by page as a full sync would. */
static inline GPtrArray *
list_all (gpointer  client,
          gint64    since_ms,
          gint64    until_ms,
          guint     page_size,
          guint    *n_pages)
{
  GPtrArray *orders = g_ptr_array_new_with_free_func (g_object_unref);

  *n_pages = 0;
  for (guint page_no = 1; page_no < 100; page_no++)
    {
      g_autoptr(DdOrderPage) page = NULL;
      g_autoptr(GError) error = NULL;

      page = list_page (client, since_ms, until_ms, page_no, page_size, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->page, ==, page_no);
      g_assert_cmpuint (page->n_calls, ==, 1);
      g_assert_nonnull (page->request_id);
      (*n_pages)++;
      for (guint i = 0; i < page->orders->len; i++)
        g_ptr_array_add (orders, g_object_ref (g_ptr_array_index (page->orders, i)));

      if (page->orders->len < page_size || (guint64) page_no * page_size >= page->total_count)
        break;
    }

  return orders;
}

static inline GPtrArray *
order_ids (GPtrArray *orders)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < orders->len; i++)
    g_ptr_array_add (ids, g_strdup (dd_order_get_order_id (g_ptr_array_index (orders, i))));
  g_ptr_array_sort (ids, compare_strings);

  return ids;
}

static inline void
assert_same_ids (GPtrArray *got,
                 GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

static inline gboolean
has_order (GPtrArray  *orders,
           const char *order_id)
{
  for (guint i = 0; i < orders->len; i++)
    if (g_str_equal (dd_order_get_order_id (g_ptr_array_index (orders, i)), order_id))
      return TRUE;

  return FALSE;
}

G_END_DECLS
