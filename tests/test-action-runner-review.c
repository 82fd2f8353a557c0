/* test-action-runner-review.c: the action runner after its review: in-between
 * states, lost and unreadable answers, slow reads, reconciling entries left
 * unfinished, after-sale withdrawals, refusals and their request ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-action-runner.h"

/* ---- in-between states, lost answers, slow reads ------------------------- */

static DdActionRequest
voucher_request (Fixture    *fixture,
                 const char *order_id,
                 GBytes     *png)
{
  DdActionRequest request = { 0 };

  pp_total (fixture, order_id, &fixture->expected);
  request.expected_total = &fixture->expected;
  request.action = DD_ACTION_UPLOAD_VOUCHER;
  request.account_id = "sandbox-pandapon";
  request.order_id = order_id;
  request.image = png;
  request.content_type = "image/png";
  request.filename = "voucher.png";
  return request;
}


#define PNG_BYTES "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"

/* The voucher's answer is lost and the give-up comes before the held
 * answer: the order read back is under review, which is the voucher's
 * effect. A payment is then refused before sending. */
static void
test_voucher_unknown (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) png = g_bytes_new_static (PNG_BYTES, sizeof PNG_BYTES - 1);
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = voucher_request (fixture, id, png);
  DdActionRequest pay = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) paid = NULL;
  g_autoptr(GError) error = NULL;

  dd_action_runner_set_read_back (fixture->runner, 50, 200, 1200);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/voucher", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 1500);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_false (result->can_retry);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_UNPAID);
  g_assert_cmpint (dd_order_get_pending (result->order), ==, DD_ORDER_PENDING_PAYMENT_REVIEW);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);

  paid = run_action (fixture, &pay, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_PENDING);
  g_assert_null (paid);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
}

/* Accepted: under review. Pay is no longer offered, nor a second voucher. */
static void
test_voucher_then_pay (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) png = g_bytes_new_static (PNG_BYTES, sizeof PNG_BYTES - 1);
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = voucher_request (fixture, id, png);
  DdActionRequest pay = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) cached = NULL;

  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (dd_order_get_pending (result->order), ==, DD_ORDER_PENDING_PAYMENT_REVIEW);
  /* The cache keeps it too (parsed again from the stored JSON). */
  cached = dd_cache_load_order (fixture->cache, dd_order_get_row_id (result->order), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_pending (cached), ==, DD_ORDER_PENDING_PAYMENT_REVIEW);

  again = run_action (fixture, &pay, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_PENDING);
  g_clear_error (&error);
  again = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_PENDING);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/voucher"), ==, 1);
}

/* PandaPon's cancel applied, its answer lost, the give-up before it
 * closes the order: CANCELLING is the cancel's effect. */
static void
test_cancel_pandapon_reset_after (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = cancel_request (fixture, "sandbox-pandapon", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GError) error = NULL;

  dd_action_runner_set_read_back (fixture->runner, 50, 200, 1500);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/cancel", DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_false (result->can_retry);
  g_assert_cmpint (dd_order_get_pending (result->order), ==, DD_ORDER_PENDING_CANCELLING);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);

  /* Being cancelled: not sent again. */
  again = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_PENDING);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/cancel"), ==, 1);
}

/* Nothing applied, yet PandaPon carries cancels out later: an unchanged
 * order read back is no proof, so the outcome stays unknown. */
static void
test_cancel_pandapon_unchanged (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = cancel_request (fixture, "sandbox-pandapon", id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dd_action_runner_set_read_back (fixture->runner, 50, 100, 300);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/cancel", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_false (result->can_retry);
  g_assert_nonnull (result->order);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_UNKNOWN);
}


/* Closed by our own attempt whose outcome stayed unknown: asked again,
 * the rules see it closed, and that is the earlier attempt's success. */
static void
test_retry_after_unknown (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GError) error = NULL;

  dd_action_runner_set_read_back (fixture->runner, 50, 200, 800);
  /* The live read goes through; the write is applied and its answer lost;
   * the reads after it fail. */
  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.fullinfo.get", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 0);
  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.fullinfo.get", DD_SANDBOX_FAULT_RESET_BEFORE, 12, 0);
  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.close", DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_null (result->order);
  read_until_ok (fixture, "sandbox-top", tid);

  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (again->log_id, ==, result->log_id);
  g_assert_false (again->can_retry);
  g_assert_cmpint (dd_order_get_status (again->order), ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);
  assert_one_entry (fixture, "sandbox-top", tid, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-top", tid));
}

/* A purchase order whose reply could not be read was created all the same:
 * unknown, never "failed", and the retry with the same key finds it. */
static void
test_garbled_create (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) purchase = new_purchase ("sandbox-pandapon", "dd-garbled-1");
  DdActionRequest request = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before = count_purchases (fixture, "sandbox-pandapon");

  request.action = DD_ACTION_CREATE_PURCHASE;
  request.account_id = "sandbox-pandapon";
  request.purchase = purchase;
  dd_sandbox_faults_add_garble (fixture->sandbox, "/open/order", 1);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_error (result->error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_true (result->can_retry);
  g_assert_cmpuint (count_purchases (fixture, "sandbox-pandapon"), ==, n_before + 1);

  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (again->log_id, ==, result->log_id);
  g_assert_cmpuint (count_purchases (fixture, "sandbox-pandapon"), ==, n_before + 1);
}

/* The write outlasts the give-up (the client's one-second timeout against
 * 300 ms): the schedule is timed from the write's end, and reads. */
static void
test_slow_write (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dd_action_runner_set_read_back (fixture->runner, 50, 100, 300);
  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.close", DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  /* The live read and at least one read back. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.fullinfo.get"), >=, 2);
}

/* A read back in flight does not outlast the give-up. */
static void
test_slow_read_back (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  dd_http_set_timeout (fixture->http, 10);
  dd_action_runner_set_read_back (fixture->runner, 50, 100, 500);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_DELAY_BEFORE, 0, 4000);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  start = g_get_monotonic_time ();
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * 1000);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_false (result->can_retry);
  g_assert_null (result->order);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));
}

/* ---- reconciling, the application's hold --------------------------------- */

static gint64
log_sending (Fixture    *fixture,
             const char *account_id,
             const char *order_id,
             DdAction    action)
{
  DdActionRecord record = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  record.account_id = (char *) account_id;
  record.order_id = (char *) order_id;
  record.action = action;
  id = dd_action_log_begin (fixture->cache, &record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static DdActionState
resolve (Fixture  *fixture,
         gint64    id,
         GError  **error)
{
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  DdActionRecord *record = NULL;
  DdActionState state = DD_ACTION_STATE_LAST + 1;

  unfinished = dd_action_log_unfinished (fixture->cache, NULL, NULL);
  for (guint i = 0; i < unfinished->len; i++)
    if (((DdActionRecord *) g_ptr_array_index (unfinished, i))->id == id)
      record = g_ptr_array_index (unfinished, i);
  g_assert_nonnull (record);

  dd_action_runner_resolve_async (fixture->runner, client_of (fixture, record->account_id), record,
                                  NULL, store_result_cb, &result);
  g_assert_cmpuint (dd_action_runner_get_n_running (fixture->runner), ==, 1);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dd_action_runner_get_n_running (fixture->runner), ==, 0);
  if (!dd_action_runner_resolve_finish (fixture->runner, result, &state, error))
    return DD_ACTION_STATE_LAST + 1;
  return state;
}

static void
test_resolve (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *closed = top_unpaid (fixture);
  g_autofree char *unchanged = top_unpaid (fixture);
  DdSandboxTopShop *shop = dd_sandbox_get_top_shop (fixture->sandbox);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  gint64 closed_id, unchanged_id;

  /* Dingdan stopped while these were sent; one of them took effect. */
  closed_id = log_sending (fixture, "sandbox-top", closed, DD_ACTION_CANCEL);
  unchanged_id = log_sending (fixture, "sandbox-top", unchanged, DD_ACTION_CANCEL);
  g_assert_true (dd_sandbox_top_shop_set_status (shop, closed, "TRADE_CLOSED", dd_sandbox_now_ms (fixture->sandbox)));

  g_assert_cmpint (resolve (fixture, closed_id, &error), ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_no_error (error);
  assert_one_entry (fixture, "sandbox-top", closed, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);

  g_assert_cmpint (resolve (fixture, unchanged_id, &error), ==, DD_ACTION_STATE_SENDING);
  g_assert_no_error (error);
  left = dd_action_log_unfinished (fixture->cache, NULL, &error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpint (((DdActionRecord *) g_ptr_array_index (left, 0))->id, ==, unchanged_id);

  /* Read, never written. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.fullinfo.get"), ==, 2);
}

static void
test_resolve_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  g_autoptr(DdActionRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 log_id;

  log_id = log_sending (fixture, "sandbox-pandapon", id, DD_ACTION_PAY_BALANCE);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  g_assert_cmpint (resolve (fixture, log_id, &error), ==, DD_ACTION_STATE_LAST + 1);
  g_assert_nonnull (error);
  record = only_entry (fixture, "sandbox-pandapon", id);
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_SENDING);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
}

static void
test_n_running (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdActionResult) paid = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (dd_action_runner_get_n_running (fixture->runner), ==, 0);
  dd_action_runner_run_async (fixture->runner, client_of (fixture, "sandbox-pandapon"), &request,
                              NULL, store_result_cb, &result);
  g_assert_cmpuint (dd_action_runner_get_n_running (fixture->runner), ==, 1);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dd_action_runner_get_n_running (fixture->runner), ==, 0);
  paid = dd_action_runner_run_finish (fixture->runner, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (paid->state, ==, DD_ACTION_STATE_DONE);
}

/* ---- after-sale, a cancelled read, refusals ------------------------------ */

static void
test_after_sale_lost (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *refund_id = pp_open_refund_id (fixture);
  g_autofree char *api = g_strconcat ("/open/order/refund/cancel/", refund_id, NULL);
  DdActionRequest request = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GError) error = NULL;

  request.action = DD_ACTION_CANCEL_AFTER_SALE;
  request.account_id = "sandbox-pandapon";
  request.refund_id = refund_id;

  /* Withdrawn, the answer lost: the list shows it withdrawn. */
  dd_sandbox_add_fault (fixture->sandbox, api, DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_false (result->can_retry);

  /* Asked again: refused as no longer open, which our attempt did. */
  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again->error);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 2);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/refund/page"), >=, 2);
}

static void
test_after_sale_unchanged (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *refund_id = pp_open_refund_id (fixture);
  g_autofree char *api = g_strconcat ("/open/order/refund/cancel/", refund_id, NULL);
  DdActionRequest request = { 0 };
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  request.action = DD_ACTION_CANCEL_AFTER_SALE;
  request.account_id = "sandbox-pandapon";
  request.refund_id = refund_id;
  dd_sandbox_add_fault (fixture->sandbox, api, DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_FAILED);
  g_assert_true (result->can_retry);
  g_assert_nonnull (strstr (result->message, "WAIT_SELLER_AGREE"));
}

static gboolean
cancel_now_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Stopped while the write was out: the write finishes, the read after it
 * is stopped, and the order as it was before the write is not handed back
 * as the answer. */
static void
test_read_after_write_cancelled (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 300);
  dd_action_runner_run_async (fixture->runner, client_of (fixture, "sandbox-pandapon"), &request,
                              cancellable, store_result_cb, &async_result);
  while (dd_sandbox_faults_get_n_held (fixture->sandbox) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_idle_add (cancel_now_cb, cancellable);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = dd_action_runner_run_finish (fixture->runner, async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_null (result->order);
  status = dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (fixture->sandbox), id);
  g_assert_cmpstr (status, ==, "WAIT_SELLER_SEND_GOODS");
}

typedef void (*ChangeFunc) (Fixture *fixture, const char *order_id);

/* Runs @request with its write held back, and @change's the shop while it
 * waits: the platform then answers the state @change left. */
static DdActionResult *
run_changing (Fixture               *fixture,
              const DdActionRequest *request,
              const char            *api,
              ChangeFunc             change,
              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_sandbox_add_fault (fixture->sandbox, api, DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 200);
  dd_action_runner_run_async (fixture->runner, client_of (fixture, request->account_id), request,
                              NULL, store_result_cb, &result);
  while (dd_sandbox_faults_get_n_held (fixture->sandbox) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  change (fixture, request->order_id);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_action_runner_run_finish (fixture->runner, result, error);
}

static void
close_top_trade (Fixture    *fixture,
                 const char *order_id)
{
  g_assert_true (dd_sandbox_top_shop_set_status (dd_sandbox_get_top_shop (fixture->sandbox), order_id,
                                                 "TRADE_CLOSED", dd_sandbox_now_ms (fixture->sandbox)));
}

static void
close_pp_order (Fixture    *fixture,
                const char *order_id)
{
  g_assert_true (dd_sandbox_pp_shop_set_status (dd_sandbox_get_pp_shop (fixture->sandbox), order_id,
                                                "TRADE_CLOSED", dd_sandbox_now_ms (fixture->sandbox)));
}

/* Refused, but the order read back shows the effect: confirmed, with the
 * refusal's request id in the log. */
static void
test_refused_but_done (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  result = run_changing (fixture, &request, "taobao.trade.close", close_top_trade, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->error);
  g_assert_false (dd_http_outcome_unknown (result->error));
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_CLOSED);
  record = only_entry (fixture, "sandbox-top", tid);
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_nonnull (record->request_id);
  g_assert_cmpstr (record->request_id, ==, dd_platform_error_get_request_id (result->error));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  result = run_changing (fixture, &request, "/open/order/pay", close_pp_order, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_FAILED);
  g_assert_true (result->can_retry);
  g_assert_nonnull (result->error);
  record = only_entry (fixture, "sandbox-pandapon", id);
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_FAILED);
  g_assert_nonnull (record->request_id);
}

static void
test_pay_url_unknown (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DdOrder) order = create_1688_order (fixture, "dd-1688-2");
  DdActionRequest pay = pay_url_request (order);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(DdActionResult) resent = NULL;
  g_autoptr(GError) error = NULL;

  /* Fetching the page pays nothing: failed, try again. */
  dd_sandbox_add_fault (fixture->sandbox, "/alibaba/order/pay/url", DD_SANDBOX_FAULT_TRUNCATED, 1, 0);
  result = run_action (fixture, &pay, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_FAILED);
  g_assert_true (result->can_retry);
  g_assert_null (result->pay_url);

  /* Tried again: the page (and the connection kept for the next call). */
  again = run_action (fixture, &pay, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_DONE);
  g_assert_nonnull (again->pay_url);

  /* The kept connection reset once the page was made: libsoup sends the
   * GET again by itself, and it goes signed afresh (the same nonce would
   * be refused as replayed, "check the secret"): the page. */
  dd_sandbox_add_fault (fixture->sandbox, "/alibaba/order/pay/url", DD_SANDBOX_FAULT_RESET_AFTER, 1, 0);
  resent = run_action (fixture, &pay, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 2);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/alibaba/order/pay/url"), ==, 4);
  g_assert_cmpint (resent->state, ==, DD_ACTION_STATE_DONE);
  g_assert_nonnull (resent->pay_url);
}

/* The log cannot be written: nothing sent, the order free again. */
static void
test_log_fails (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(GString) remark = g_string_new (NULL);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4000; i++)
    g_string_append (remark, "請勿出貨，");
  request.remark = remark->str;
  dd_cache_set_max_page_count (fixture->cache, 1);
  result = run_action (fixture, &request, &error);
  dd_cache_set_max_page_count (fixture->cache, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_null (result);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 0);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-top", tid));
  g_assert_cmpuint (dd_action_runner_get_n_running (fixture->runner), ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
}

/* ---- pay only the amount shown; earlier unknown attempts ------------------ */

/* The seller changed the price behind the cache: the payment is refused
 * before it is logged or sent, naming the new amount; paying that amount
 * then goes through. */
static void
test_pay_amount_changed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  DdMoney shown = fixture->expected;
  DdMoney live = DD_MONEY_INIT;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;

  g_assert_true (dd_sandbox_pp_shop_change_total (dd_sandbox_get_pp_shop (fixture->sandbox), id, 250,
                                                  dd_sandbox_now_ms (fixture->sandbox)));
  pp_total (fixture, id, &live);
  g_assert_cmpint (live.minor, ==, shown.minor + 250);

  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_AMOUNT_CHANGED);
  g_assert_null (result);
  formatted = dd_money_format (&live);
  g_assert_nonnull (strstr (error->message, formatted));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
  entries = log_of (fixture, "sandbox-pandapon", id);
  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));
  g_clear_error (&error);

  /* The same amount in another currency is another amount. */
  dd_money_init (&fixture->expected, live.minor, "USD");
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_AMOUNT_CHANGED);
  g_assert_null (result);
  g_clear_error (&error);

  /* The person saw the new amount and pays it. */
  fixture->expected = live;
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (dd_order_get_status (result->order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 1);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_DONE);
}

/* A voucher pays too: the same check. */
static void
test_voucher_amount_changed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) png = g_bytes_new_static (PNG_BYTES, sizeof PNG_BYTES - 1);
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = voucher_request (fixture, id, png);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_sandbox_pp_shop_change_total (dd_sandbox_get_pp_shop (fixture->sandbox), id, -1,
                                                  dd_sandbox_now_ms (fixture->sandbox)) ||
                 dd_sandbox_pp_shop_change_total (dd_sandbox_get_pp_shop (fixture->sandbox), id, 1,
                                                  dd_sandbox_now_ms (fixture->sandbox)));
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_AMOUNT_CHANGED);
  g_assert_null (result);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/voucher"), ==, 0);
  entries = log_of (fixture, "sandbox-pandapon", id);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* A payment's outcome stayed unknown (nothing applied, every read back
 * lost). Asked again at once: refused, nothing sent, while the earlier
 * attempt may still show. Asked again after the give-up time: the earlier
 * entry is finished "failed" and the new payment is sent, once. */
static void
test_pay_after_unknown (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
  DdActionRequest request = pay_request (fixture, id);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRecord *newest;
  DdActionRecord *earlier;
  guint n_pays;

  dd_action_runner_set_read_back (fixture->runner, 50, 200, 800);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_DELAY_BEFORE, 1, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/detail", DD_SANDBOX_FAULT_RESET_BEFORE, 12, 0);
  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_UNKNOWN);
  read_until_ok (fixture, "sandbox-pandapon", id);
  n_pays = dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay");

  /* At once: the live order is unpaid, yet the earlier answer is recent. */
  again = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_EARLIER_UNKNOWN);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, n_pays);
  assert_one_entry (fixture, "sandbox-pandapon", id, DD_ACTION_STATE_UNKNOWN);
  g_assert_false (dd_action_runner_is_running (fixture->runner, "sandbox-pandapon", id));

  /* Past the give-up: the order read back proves it was not done. */
  g_usleep (900 * 1000);
  again = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpint (again->log_id, !=, result->log_id);
  g_assert_cmpint (dd_order_get_status (again->order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, n_pays + 1);

  entries = log_of (fixture, "sandbox-pandapon", id);
  g_assert_cmpuint (entries->len, ==, 2);
  newest = g_ptr_array_index (entries, 0);
  earlier = g_ptr_array_index (entries, 1);
  g_assert_cmpint (newest->id, ==, again->log_id);
  g_assert_cmpint (earlier->id, ==, result->log_id);
  g_assert_cmpstr (dd_action_state_to_nick (earlier->state), ==, "failed");
  g_assert_nonnull (earlier->result);
  g_assert_cmpstr (dd_action_state_to_nick (newest->state), ==, "done");
}

/* A cancel left "sending" by an earlier run (Dingdan stopped mid-write):
 * the same rule, for every action. */
static void
test_cancel_after_sending (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *tid = top_unpaid (fixture);
  DdActionRequest request = cancel_request (fixture, "sandbox-top", tid);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 earlier = log_sending (fixture, "sandbox-top", tid, DD_ACTION_CANCEL);
  g_autoptr(GPtrArray) entries = NULL;

  dd_action_runner_set_read_back (fixture->runner, 50, 100, 300);
  result = run_action (fixture, &request, &error);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_EARLIER_UNKNOWN);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 0);
  g_clear_error (&error);

  g_usleep (400 * 1000);
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, 1);
  entries = log_of (fixture, "sandbox-top", tid);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((DdActionRecord *) g_ptr_array_index (entries, 1))->id, ==, earlier);
  g_assert_cmpint (((DdActionRecord *) g_ptr_array_index (entries, 1))->state, ==, DD_ACTION_STATE_FAILED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/dingdan/action-runner/review/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("voucher-unknown", test_voucher_unknown, NULL);
  ADD ("voucher-then-pay", test_voucher_then_pay, NULL);
  ADD ("cancel-pandapon-reset-after", test_cancel_pandapon_reset_after, NULL);
  ADD ("cancel-pandapon-unchanged", test_cancel_pandapon_unchanged, NULL);
  ADD ("retry-after-unknown", test_retry_after_unknown, NULL);
  ADD ("garbled-create", test_garbled_create, NULL);
  ADD ("slow-write", test_slow_write, NULL);
  ADD ("slow-read-back", test_slow_read_back, NULL);
  ADD ("resolve", test_resolve, NULL);
  ADD ("resolve-unreadable", test_resolve_unreadable, NULL);
  ADD ("n-running", test_n_running, NULL);
  ADD ("after-sale-lost", test_after_sale_lost, "with-after-sales");
  ADD ("after-sale-unchanged", test_after_sale_unchanged, "with-after-sales");
  ADD ("read-after-write-cancelled", test_read_after_write_cancelled, NULL);
  ADD ("refused-but-done", test_refused_but_done, NULL);
  ADD ("refused", test_refused, NULL);
  ADD ("pay-url-unknown", test_pay_url_unknown, NULL);
  ADD ("log-fails", test_log_fails, NULL);
  ADD ("pay-amount-changed", test_pay_amount_changed, NULL);
  ADD ("voucher-amount-changed", test_voucher_amount_changed, NULL);
  ADD ("pay-after-unknown", test_pay_after_unknown, NULL);
  ADD ("cancel-after-sending", test_cancel_after_sending, NULL);

#undef ADD

  return g_test_run ();
}
