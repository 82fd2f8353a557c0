/* test-action-runner.c: writes sent once, their outcome known, against the
 * sandbox and its faults (the platform clients' real code paths)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-action-runner.h"

/* ---- 1. cancel of an unpaid order ----------------------------------------------- */

static void
test_cancel_top (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_false (result->can_retry);
  g_assert_null (result->error);
  g_assert_nonnull (result->order);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpint (dd_order_get_row_id (result->order), >, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);
  status = dd_sandbox_top_shop_dup_status (dd_sandbox_get_top_shop (fixture->sandbox), tid);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
  assert_one_entry (fixture, "sandbox-top", tid, DD_ACTION_STATE_DONE);

  /* Started and ended, the slot free again. */
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-top", tid));
}

static void
test_cancel_top_too_soon (Fixture       *fixture,
                          gconstpointer  data)
{
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (fixture->sandbox);
  g_autofree char *tid = dd_sandbox_top_shop_add_trade (shop, dd_sandbox_now_ms (fixture->sandbox));
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  /* Created just now: refused by the rules, before anything is sent. */
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_TOO_SOON);
  g_assert_null (result);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 0);
  entries = log_of (fixture, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_cancel_top_pc (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = top_pc_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top-pc", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.pc.order.cancel"), ==, 1);
  status = dd_sandbox_top_shop_dup_pc_status (dd_sandbox_get_top_shop (fixture->sandbox), id);
  g_assert_true (g_str_has_prefix (status, "TRADE_CLOSED"));
  assert_one_entry (fixture, "sandbox-top-pc", id, DD_ACTION_STATE_DONE);
}

static void
test_cancel_pandapon (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = cancel_request (fixture, "sandbox-pandapon", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  /* PandaPon accepts a cancel and closes the order two seconds later: the
   * runner reads it back until it is closed (given time enough). */
  dd_action_runner_set_read_back (fixture->runner, 50, 200, 6000);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/cancel"), ==, 1);
  status = dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (fixture->sandbox), id);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
}

static void
test_cancel_pandapon_pending (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = cancel_request (fixture, "sandbox-pandapon", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Not closed before the read-backs give up: accepted, so "done". */
  dd_action_runner_set_read_back (fixture->runner, 50, 100, 400);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_false (result->can_retry);
  g_assert_cmpint (dd_order_get_status (result->order), !=, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/cancel"), ==, 1);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_DONE);
}

static void
test_cancel_tw_not_supported (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) states = NULL;
  DdActionRequest request = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  DdSandboxShop *shop = dd_sandbox_get_shop (fixture->sandbox);
  g_autoptr(GPtrArray) ids = dd_sandbox_shop_list_order_ids (shop);

  /* Taiwan's open API has no cancel: refused before sending. */
  request.action = DD_ACTION_CANCEL;
  request.account_id = "sandbox-tw";
  request.order_id = g_ptr_array_index (ids, 0);
  request.reason_id = "reason";
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_NOT_SUPPORTED);
  g_assert_null (result);
  entries = log_of (fixture, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* ---- 2. the answer held back past the client's timeout ------------------------ */

static void
test_timeout_after_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.close", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_nonnull (result->error);
  g_assert_false (result->can_retry);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  /* Sent once, changed once. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);
  status = dd_sandbox_top_shop_dup_status (dd_sandbox_get_top_shop (fixture->sandbox), tid);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
  assert_one_entry (fixture, "sandbox-top", tid, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
}

static void
test_timeout_after_pay (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 updated;

  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 1);
  status = dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (fixture->sandbox), id);
  g_assert_cmpstr (status, ==, "WAIT_SELLER_SEND_GOODS");
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);

  /* Known from the read-backs, without waiting for the held answer... */
  g_assert_cmpuint (dd_sandbox_faults_get_n_held (fixture->sandbox), ==, 1);
  /* ...which arrives late, to nobody: no second change, no second entry. */
  updated = dd_sandbox_pp_shop_get_updated_ms (dd_sandbox_get_pp_shop (fixture->sandbox), id);
  while (dd_sandbox_faults_get_n_held (fixture->sandbox) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (dd_sandbox_pp_shop_get_updated_ms (dd_sandbox_get_pp_shop (fixture->sandbox), id), ==, updated);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
}

/* ---- 3. reset before the platform saw it ------------------------------------- */

static void
test_reset_before_pay (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  DdActionRecord *newest, *oldest;

  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_FAILED);
  g_assert_true (result->can_retry);
  g_assert_nonnull (result->error);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_UNPAID);
  status = dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (fixture->sandbox), id);
  g_assert_cmpstr (status, ==, "WAIT_BUYER_PAY");

  /* Asked again: paid, once. A pay has no idempotency key: each attempt
   * is its own write, logged apart. */
  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (dd_order_get_status (again->order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpint (again->log_id, !=, result->log_id);
  g_clear_pointer (&status, g_free);
  status = dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (fixture->sandbox), id);
  g_assert_cmpstr (status, ==, "WAIT_SELLER_SEND_GOODS");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 2);

  entries = log_of (fixture, "sandbox-pandapon", id);
  g_assert_cmpuint (entries->len, ==, 2);
  newest = g_ptr_array_index (entries, 0);
  oldest = g_ptr_array_index (entries, 1);
  g_assert_cmpint (newest->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (oldest->state, ==, DD_ACTION_STATE_FAILED);
}

/* ---- 4. a double click ----------------------------------------------------------- */

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  DdClient *client = client_of (fixture, "sandbox-pandapon");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(DdActionResult) first_result = NULL;
  g_autoptr(DdActionResult) second_result = NULL;
  g_autoptr(GError) error = NULL;

  dd_action_runner_run_async (fixture->runner, client, &request, NULL, store_result_cb, &first);
  g_assert_true (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));
  dd_action_runner_run_async (fixture->runner, client, &request, NULL, store_result_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  second_result = dd_action_runner_run_finish (fixture->runner, second, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_BUSY);
  g_assert_null (second_result);
  g_clear_error (&error);
  first_result = dd_action_runner_run_finish (fixture->runner, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first_result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 1);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_DONE);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));
}

/* ---- 5. and 7. a paid order is not cancelled ----------------------------------- */

static void
test_cancel_paid (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_SELLER_SEND_GOODS");
  DdActionRequest request = cancel_request (fixture, "sandbox-pandapon", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "after-sale"));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/cancel"), ==, 0);
  entries = log_of (fixture, NULL, NULL);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));
}

static void
test_cancel_paid_behind_cache (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(DdOrder) cached = NULL;
  g_autoptr(DdOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* The cache knows it unpaid … */
  dd_order_refresh_async (client_of (fixture, "sandbox-top"), fixture->cache, "sandbox-top", tid,
                          NULL, store_result_cb, &read);
  while (read == NULL)
    g_main_context_iteration (NULL, TRUE);
  cached = dd_order_refresh_finish (read, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (cached), ==, DD_ORDER_STATUS_UNPAID);

  /* … the buyer pays meanwhile … */
  g_assert_true (dd_sandbox_top_shop_set_status (dd_sandbox_get_top_shop (fixture->sandbox), tid,
                                                 "WAIT_SELLER_SEND_GOODS", dd_sandbox_now_ms (fixture->sandbox)));

  /* … and the live state refuses the cancel, explaining refunds. */
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID);
  g_assert_nonnull (strstr (error->message, "refund"));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 0);
  loaded = dd_cache_load_order (fixture->cache, dd_order_get_row_id (cached), NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpint (dd_order_get_status (loaded), ==, DD_ORDER_STATUS_TO_SHIP);
}

/* ---- 6. a purchase order created once -------------------------------------------- */

static void
test_create_retry (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *account_id = data;
  const char *api = g_str_equal (account_id, "sandbox-pandapon") ? "/open/order" : "taobao.pc.out.tower.order.create";
  g_autoptr(DdPurchaseRequest) purchase = new_purchase (account_id, "dd-retry-1");
  DdActionRequest request = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(DdActionRecord) record = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before = count_purchases (fixture, account_id);

  request.action = DD_ACTION_CREATE_PURCHASE;
  request.account_id = account_id;
  request.purchase = purchase;

  dd_sandbox_add_fault (fixture->sandbox, api, DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_true (result->can_retry);
  g_assert_nonnull (result->error);
  /* The shop did create it. */
  g_assert_cmpuint (count_purchases (fixture, account_id), ==, n_before + 1);
  record = dd_action_log_find_key (fixture->cache, "dd-retry-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_UNKNOWN);
  /* What was asked, without the receiver's phone or street. */
  g_assert_nonnull (strstr (record->params, "\"quantity\":2"));
  g_assert_null (strstr (record->params, "15068763421"));
  g_assert_null (strstr (record->params, "969"));
  g_assert_cmpint (record->id, ==, result->log_id);
  g_clear_pointer (&record, dd_action_record_free);

  /* Asked again with the same key: the platform knows it, one order. */
  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_true (again->state == DD_ACTION_STATE_DONE ||
                 again->state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_false (again->can_retry);
  g_assert_cmpuint (count_purchases (fixture, account_id), ==, n_before + 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 2);

  /* One entry, reused and finished. */
  g_assert_cmpint (again->log_id, ==, result->log_id);
  entries = log_of (fixture, account_id, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  record = dd_action_log_find_key (fixture->cache, "dd-retry-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (record->state, ==, again->state);

  /* The entry belongs to the created order's history. */
  g_assert_nonnull (again->order);
  g_assert_cmpstr (record->order_id, ==, dd_order_get_order_id (again->order));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = log_of (fixture, account_id, dd_order_get_order_id (again->order));
  g_assert_cmpuint (entries->len, ==, 1);

  /* Done: a third time is not sent, and is told it went through, with the
   * order it created. */
  g_clear_pointer (&again, dd_action_result_free);
  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_DONE);
  g_assert_false (again->can_retry);
  g_assert_cmpint (again->log_id, ==, result->log_id);
  g_assert_nonnull (again->order);
  g_assert_cmpstr (dd_order_get_order_id (again->order), ==, record->order_id);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 2);
  g_assert_cmpuint (count_purchases (fixture, account_id), ==, n_before + 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = log_of (fixture, account_id, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_false (dd_action_runner_is_running (fixture->runner, account_id, "dd-retry-1"));
}

/* ---- 8. closed by our own attempt, the answer lost ------------------------------ */

static void
test_reset_after_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.close", DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_nonnull (result->error);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);
  assert_one_entry (fixture, "sandbox-top", tid, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
}

/* Closed by someone else before our cancel: refused before sending. */
static void
test_cancel_closed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = top_pc_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top-pc", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_sandbox_top_shop_set_pc_status (dd_sandbox_get_top_shop (fixture->sandbox), id,
                                                    "TRADE_CLOSED", dd_sandbox_now_ms (fixture->sandbox)));
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.pc.order.cancel"), ==, 0);
}

/* ---- other writes, stopping, and a read back that fails --------------------- */

static void
test_voucher (Fixture       *fixture,
              gconstpointer  data)
{
  static const char png_bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GBytes) png = g_bytes_new_static (png_bytes, sizeof png_bytes - 1);
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRecord *record;

  request.action = DD_ACTION_UPLOAD_VOUCHER;
  request.account_id = "sandbox-pandapon";
  request.order_id = id;
  request.image = png;
  request.content_type = "image/png";
  request.filename = "voucher.png";
  pp_total (fixture, id, &fixture->expected);
  request.expected_total = &fixture->expected;
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_nonnull (result->order);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/voucher"), ==, 1);

  /* The log keeps the picture's type, name and size, not the picture. */
  entries = log_of (fixture, "sandbox-pandapon", id);
  g_assert_cmpuint (entries->len, ==, 1);
  record = g_ptr_array_index (entries, 0);
  g_assert_nonnull (strstr (record->params, "image/png"));
  g_assert_nonnull (strstr (record->params, "voucher.png"));
  g_assert_null (strstr (record->params, "PNG"));
}

/* A 1688 order carries no key (API.md §3): after a lost answer, no retry
 * is offered, for a second create could not be recognised as the same. */
static void
test_create_1688_unknown (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) purchase = new_1688_purchase ("dd-1688-lost", 1);
  DdActionRequest create = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  create.action = DD_ACTION_CREATE_PURCHASE;
  create.account_id = "sandbox-pandapon";
  create.purchase = purchase;
  dd_sandbox_add_fault (fixture->sandbox, "/alibaba/order/create", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  result = run_action (fixture, &create, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_false (result->can_retry);
  g_assert_nonnull (strstr (result->message, "1688"));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/alibaba/order/create"), ==, 1);
}

static void
test_pay_url (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) purchase = new_1688_purchase ("dd-1688-1", 2);
  DdActionRequest create = { 0 };
  DdActionRequest pay = { 0 };
  g_autoptr(DdActionResult) created = NULL;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  create.action = DD_ACTION_CREATE_PURCHASE;
  create.account_id = "sandbox-pandapon";
  create.purchase = purchase;
  created = run_action (fixture, &create, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->state, ==, DD_ACTION_STATE_DONE);
  /* Read back once created: in the cache, with its row. */
  g_assert_nonnull (created->order);
  g_assert_true (g_str_has_prefix (dd_order_get_order_id (created->order), "1688-"));
  g_assert_cmpint (dd_order_get_row_id (created->order), >, 0);

  pay.action = DD_ACTION_PAY_URL;
  pay.account_id = "sandbox-pandapon";
  pay.order_id = dd_order_get_order_id (created->order);
  pay.expected_total = dd_order_get_total (created->order);
  result = run_action (fixture, &pay, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_nonnull (result->pay_url);
  g_assert_true (g_str_has_prefix (result->pay_url, dd_sandbox_get_base_url (fixture->sandbox)));
}

static gboolean
cancel_later_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancelled_read_backs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Nothing applied, so the read-backs go on until stopped. */
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  g_timeout_add (700, cancel_later_cb, cancellable);
  dd_action_runner_run_async (fixture->runner, client_of (fixture, "sandbox-pandapon"), &request,
                              cancellable, store_result_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = dd_action_runner_run_finish (fixture->runner, async_result, &error);

  /* Sent, so a result, not an error; its outcome left unknown. */
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_false (result->can_retry);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * 1000);
  unfinished = dd_action_log_unfinished (fixture->cache, "sandbox-pandapon", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));
}

static void
test_read_back_fails (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;

  /* The first read (the live state) goes through; the write and every
   * read after it are lost. */
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_RESET_BEFORE, 0, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_false (result->can_retry);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), >=, 3);
  unfinished = dd_action_log_unfinished (fixture->cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfinished->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/dingdan/action-runner/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("cancel/top", test_cancel_top, NULL);
  ADD ("cancel/top-too-soon", test_cancel_top_too_soon, NULL);
  ADD ("cancel/top-pc", test_cancel_top_pc, NULL);
  ADD ("cancel/pandapon", test_cancel_pandapon, NULL);
  ADD ("cancel/pandapon-pending", test_cancel_pandapon_pending, NULL);
  ADD ("cancel/tw-not-supported", test_cancel_tw_not_supported, NULL);
  ADD ("cancel/paid", test_cancel_paid, NULL);
  ADD ("cancel/paid-behind-cache", test_cancel_paid_behind_cache, NULL);
  ADD ("cancel/closed", test_cancel_closed, NULL);
  ADD ("timeout-after/cancel", test_timeout_after_cancel, NULL);
  ADD ("timeout-after/pay", test_timeout_after_pay, NULL);
  ADD ("reset-before/pay", test_reset_before_pay, NULL);
  ADD ("reset-after/cancel", test_reset_after_cancel, NULL);
  ADD ("busy", test_busy, NULL);
  ADD ("voucher", test_voucher, NULL);
  ADD ("pay-url", test_pay_url, NULL);
  ADD ("cancelled-read-backs", test_cancelled_read_backs, NULL);
  ADD ("read-back-fails", test_read_back_fails, NULL);
  ADD ("create-retry/pandapon", test_create_retry, "sandbox-pandapon");
  ADD ("create-retry/top-pc", test_create_retry, "sandbox-top-pc");
  ADD ("create-1688-unknown", test_create_1688_unknown, NULL);

#undef ADD

  return g_test_run ();
}
