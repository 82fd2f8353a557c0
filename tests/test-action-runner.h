/* test-action-runner.h: the sandbox, accounts, cache and runner of the
 * action runner's tests, and the orders and requests they use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "dd-account.h"
#include "dd-action-runner.h"
#include "dd-http.h"
#include "dd-order-refresh.h"
#include "dd-platform-error.h"
#include "dd-sandbox.h"
#include "dd-sandbox-faults-private.h"
#include "dd-sandbox-pp.h"
#include "dd-sandbox-top.h"

G_BEGIN_DECLS

typedef struct
{
  DdSandbox      *sandbox;
  DdHttp         *http;
  GPtrArray      *accounts;
  DdCache        *cache;
  DdActionGuard  *guard;
  DdActionRunner *runner;
  char           *dir;
  guint           n_changed;
  DdMoney         expected;   /* the total pay_request() shows */
} Fixture;

static inline void
changed_cb (DdActionRunner *runner,
            const char     *account_id,
            const char     *order_id,
            gpointer        user_data)
{
  Fixture *fixture = user_data;

  g_assert_nonnull (account_id);
  g_assert_nonnull (order_id);
  fixture->n_changed++;
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* The after-sale tests need shipped orders with an open after-sale case. */
  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED,
                                     g_strcmp0 (data, "with-after-sales") == 0 ? 200 : 20,
                                     DD_SANDBOX_DEFAULT_APP_KEY,
                                     DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_listen (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  fixture->http = dd_http_new ();
  dd_http_set_max_retries (fixture->http, 0);
  dd_http_set_timeout (fixture->http, 1);
  fixture->accounts = dd_account_new_sandbox_set (fixture->http, dd_sandbox_get_base_url (fixture->sandbox),
                                                  DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                                  DD_SANDBOX_DEFAULT_ACCESS_TOKEN);

  fixture->dir = g_dir_make_tmp ("dingdan-action-runner-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);

  fixture->guard = dd_action_guard_new ();
  fixture->runner = dd_action_runner_new (fixture->cache, fixture->guard);
  dd_action_runner_set_read_back (fixture->runner, 50, 200, 3000);
  g_signal_connect (fixture->runner, "action-changed", G_CALLBACK (changed_cb), fixture);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->guard);
  g_clear_object (&fixture->cache);
  g_clear_pointer (&fixture->accounts, g_ptr_array_unref);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->sandbox);
  /* Whatever the sandbox's dispose dropped: let it go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static inline DdClient *
client_of (Fixture    *fixture,
           const char *account_id)
{
  for (guint i = 0; i < fixture->accounts->len; i++)
    {
      DdAccount *candidate = g_ptr_array_index (fixture->accounts, i);

      if (g_str_equal (dd_account_get_id (candidate), account_id))
        return dd_account_get_client (candidate);
    }
  g_assert_not_reached ();
}

static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static inline DdActionResult *
run_action (Fixture               *fixture,
            const DdActionRequest *request,
            GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_action_runner_run_async (fixture->runner, client_of (fixture, request->account_id), request,
                              NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_action_runner_run_finish (fixture->runner, result, error);
}

static inline DdActionRequest
cancel_request (Fixture    *fixture,
                const char *account_id,
                const char *order_id)
{
  const DdCancelReason *reasons = dd_client_get_cancel_reasons (client_of (fixture, account_id));
  DdActionRequest request = { 0 };

  request.action = DD_ACTION_CANCEL;
  request.account_id = account_id;
  request.order_id = order_id;
  request.reason_id = reasons[0].id != NULL ? reasons[0].id : "reason";
  request.remark = "test";
  return request;
}

/* A PandaPon Taobao-goods order's total as the sandbox has it now. */
static inline void
pp_total (Fixture    *fixture,
          const char *order_id,
          DdMoney    *out)
{
  gint64 fen = dd_sandbox_pp_shop_get_total (dd_sandbox_get_pp_shop (fixture->sandbox), order_id);

  g_assert_cmpint (fen, >=, 0);
  dd_money_init (out, fen, "CNY");
}

/* Pays the total the order has now (kept in the fixture). */
static inline DdActionRequest
pay_request (Fixture    *fixture,
             const char *order_id)
{
  DdActionRequest request = { 0 };

  pp_total (fixture, order_id, &fixture->expected);
  request.action = DD_ACTION_PAY_BALANCE;
  request.account_id = "sandbox-pandapon";
  request.order_id = order_id;
  request.expected_total = &fixture->expected;
  return request;
}

/* ---- orders of each shop ---------------------------------------------------- */

/* A new unpaid TOP trade, created 11 s ago: past the ten-second rule on
 * both the sandbox's clock and ours. */
static inline char *
top_unpaid (Fixture *fixture)
{
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (fixture->sandbox);

  return dd_sandbox_top_shop_add_trade (shop, dd_sandbox_now_ms (fixture->sandbox) - 11000);
}

static inline char *
top_pc_unpaid (Fixture *fixture)
{
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (fixture->sandbox);
  g_autoptr(GPtrArray) ids = dd_sandbox_top_shop_list_pc_ids (shop);
  const char *id;

  g_assert_cmpuint (ids->len, >, 0);
  id = g_ptr_array_index (ids, 0);
  g_assert_true (dd_sandbox_top_shop_set_pc_status (shop, id, "WAIT_BUYER_PAY", dd_sandbox_now_ms (fixture->sandbox)));
  return g_strdup (id);
}

static inline char *
pp_with_status (Fixture    *fixture,
                guint       index,
                const char *status)
{
  DdSandboxPpShop *shop = dd_sandbox_get_pp_shop (fixture->sandbox);
  g_autoptr(GPtrArray) ids = dd_sandbox_pp_shop_list_order_nos (shop);
  const char *id;

  g_assert_cmpuint (ids->len, >, index);
  id = g_ptr_array_index (ids, index);
  g_assert_true (dd_sandbox_pp_shop_set_status (shop, id, status, dd_sandbox_now_ms (fixture->sandbox)));
  return g_strdup (id);
}

static inline GPtrArray *
log_of (Fixture    *fixture,
        const char *account_id,
        const char *order_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = dd_action_log_list (fixture->cache, account_id, order_id, 0, &error);

  g_assert_no_error (error);
  return entries;
}

static inline void
assert_one_entry (Fixture       *fixture,
                  const char    *account_id,
                  const char    *order_id,
                  DdActionState  state)
{
  g_autoptr(GPtrArray) entries = log_of (fixture, account_id, order_id);
  DdActionRecord *record;

  g_assert_cmpuint (entries->len, ==, 1);
  record = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (dd_action_state_to_nick (record->state), ==, dd_action_state_to_nick (state));
  g_assert_nonnull (record->result);
  g_assert_null (strstr (record->params, "token"));
}

static inline DdPurchaseRequest *
new_purchase (const char *account_id,
              const char *key)
{
  DdPurchaseRequest *purchase = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO, key);
  gboolean pandapon = g_str_equal (account_id, "sandbox-pandapon");
  DdMoney price;

  dd_money_init (&price, pandapon ? 3900 : 9503, "CNY");
  if (pandapon)
    dd_purchase_request_add_line (purchase, "600086815456800431", "4766078803304", 2, &price);
  else
    dd_purchase_request_add_line (purchase, "600000000001", "700000000001", 2, &price);
  dd_money_init (&purchase->total, price.minor * 2, "CNY");
  purchase->receiver.receiver_name = g_strdup ("张三");
  purchase->receiver.receiver_phone = g_strdup ("15068763421");
  purchase->receiver.country_code = g_strdup ("中国");
  purchase->receiver.state = g_strdup ("浙江省");
  purchase->receiver.city = g_strdup ("杭州市");
  purchase->receiver.area = g_strdup ("余杭区");
  purchase->receiver.detail_address = g_strdup ("文一西路969号");
  purchase->receiver.zip = g_strdup ("311100");
  purchase->remark = g_strdup ("请尽快发货");
  return purchase;
}

/* A PandaPon 1688 purchase order of @quantity items at ¥39.00 (no key is
 * sent for 1688 goods; @key is the log's). */
static inline DdPurchaseRequest *
new_1688_purchase (const char *key,
                   guint       quantity)
{
  DdPurchaseRequest *purchase = dd_purchase_request_new (DD_PURCHASE_SOURCE_1688, key);
  DdMoney price;

  dd_money_init (&price, 3900, "CNY");
  dd_purchase_request_add_line (purchase, "610000000001", "b5a3d0c1", quantity, &price);
  dd_money_init (&purchase->total, price.minor * quantity, "CNY");
  purchase->receiver.receiver_name = g_strdup ("张三");
  purchase->receiver.receiver_phone = g_strdup ("15068763421");
  purchase->receiver.state = g_strdup ("浙江省");
  purchase->receiver.city = g_strdup ("杭州市");
  purchase->receiver.area = g_strdup ("余杭区");
  purchase->receiver.detail_address = g_strdup ("文一西路969号");
  return purchase;
}

/* The PandaPon account's after-sale cases, page 1 (the "with-after-sales"
 * fixture's shipped orders have some). */
static inline DdAfterSalePage *
pp_list_after_sales (Fixture *fixture)
{
  DdClient *client = client_of (fixture, "sandbox-pandapon");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdAfterSalePage *page;

  dd_client_list_after_sales_async (client, 1, dd_client_get_max_page_size (client), NULL,
                                    store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = dd_client_list_after_sales_finish (client, result, &error);
  g_assert_no_error (error);
  return page;
}

/* The status of case @refund_id (owned); NULL when not listed. */
static inline char *
pp_after_sale_status (Fixture    *fixture,
                      const char *refund_id)
{
  g_autoptr(DdAfterSalePage) page = pp_list_after_sales (fixture);

  for (guint i = 0; i < page->cases->len; i++)
    {
      DdAfterSale *after_sale = g_ptr_array_index (page->cases, i);

      if (g_strcmp0 (after_sale->refund_id, refund_id) == 0)
        return g_strdup (after_sale->status);
    }
  return NULL;
}

/* A case still open (waiting for the seller), to withdraw. */
static inline char *
pp_open_refund_id (Fixture *fixture)
{
  g_autoptr(DdAfterSalePage) page = pp_list_after_sales (fixture);

  for (guint i = 0; i < page->cases->len; i++)
    {
      DdAfterSale *after_sale = g_ptr_array_index (page->cases, i);

      if (g_strcmp0 (after_sale->status, "WAIT_SELLER_AGREE") == 0)
        return g_strdup (after_sale->refund_id);
    }
  g_assert_not_reached ();
}

/* A new unpaid 1688 order, bought through the runner (owned). */
static inline DdOrder *
create_1688_order (Fixture    *fixture,
                   const char *key)
{
  g_autoptr(DdPurchaseRequest) purchase = new_1688_purchase (key, 1);
  g_autoptr(DdActionResult) created = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRequest create = { 0 };

  create.action = DD_ACTION_CREATE_PURCHASE;
  create.account_id = "sandbox-pandapon";
  create.purchase = purchase;
  created = run_action (fixture, &create, &error);
  g_assert_no_error (error);
  g_assert_nonnull (created->order);
  return g_object_ref (created->order);
}

/* Asks for the payment page of @order (a 1688 order, which it borrows). */
static inline DdActionRequest
pay_url_request (DdOrder *order)
{
  DdActionRequest pay = { 0 };

  pay.action = DD_ACTION_PAY_URL;
  pay.account_id = "sandbox-pandapon";
  pay.order_id = dd_order_get_order_id (order);
  pay.expected_total = dd_order_get_total (order);
  return pay;
}

static inline guint
count_purchases (Fixture    *fixture,
                 const char *account_id)
{
  if (g_str_equal (account_id, "sandbox-pandapon"))
    return dd_sandbox_pp_shop_count_orders (dd_sandbox_get_pp_shop (fixture->sandbox));
  else
    {
      g_autoptr(GPtrArray) ids = dd_sandbox_top_shop_list_pc_ids (dd_sandbox_get_top_shop (fixture->sandbox));

      return ids->len;
    }
}

static inline DdActionRecord *
only_entry (Fixture    *fixture,
            const char *account_id,
            const char *order_id)
{
  g_autoptr(GPtrArray) entries = log_of (fixture, account_id, order_id);

  g_assert_cmpuint (entries->len, ==, 1);
  return dd_action_record_copy (g_ptr_array_index (entries, 0));
}

static inline void
read_until_ok (Fixture    *fixture,
               const char *account_id,
               const char *order_id)
{
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GAsyncResult) read = NULL;
      g_autoptr(DdOrder) order = NULL;

      dd_order_refresh_async (client_of (fixture, account_id), fixture->cache, account_id, order_id,
                              NULL, store_result_cb, &read);
      while (read == NULL)
        g_main_context_iteration (NULL, TRUE);
      order = dd_order_refresh_finish (read, NULL, NULL);
      if (order != NULL)
        return;
    }
  g_assert_not_reached ();
}

G_END_DECLS
