/* test-action-rules.c: what each platform allows, one action per order at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-action-guard.h"
#include "dd-action-rules.h"
#include "dd-platform-error.h"

#define NOW_MS G_GINT64_CONSTANT (1700000000000)

/* The capabilities each client reports (dd-*-client.c get_capabilities). */
static const struct
{
  const char          *platform;
  DdClientCapabilities caps;
} platforms[] = {
  { DD_PLATFORM_TW, DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET },
  { DD_PLATFORM_TOP, DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL |
                     DD_CLIENT_CAN_SERVER_TIME },
  { DD_PLATFORM_TOP_PC, DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL |
                        DD_CLIENT_CAN_CREATE_PURCHASE | DD_CLIENT_CAN_RENDER_PURCHASE |
                        DD_CLIENT_CAN_SERVER_TIME },
  { DD_PLATFORM_PANDAPON, DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL |
                          DD_CLIENT_CAN_PAY | DD_CLIENT_CAN_UPLOAD_VOUCHER |
                          DD_CLIENT_CAN_PAY_URL | DD_CLIENT_CAN_CREATE_PURCHASE |
                          DD_CLIENT_CAN_LOGISTICS | DD_CLIENT_CAN_AFTER_SALE },
};

/* Which platform offers which action at all. */
static const struct
{
  const char *platform;
  gboolean    offers[DD_ACTION_LAST + 1];  /* indexed by DdAction */
} offered[] = {
  /*                      cancel pay-bal voucher pay-url create after-sale */
  { DD_PLATFORM_TW,       { FALSE, FALSE, FALSE, FALSE, FALSE, FALSE } },
  { DD_PLATFORM_TOP,      { TRUE,  FALSE, FALSE, FALSE, FALSE, FALSE } },
  { DD_PLATFORM_TOP_PC,   { TRUE,  FALSE, FALSE, FALSE, TRUE,  FALSE } },
  { DD_PLATFORM_PANDAPON, { TRUE,  TRUE,  TRUE,  TRUE,  TRUE,  TRUE  } },
};

#define N  DD_ACTION_REFUSAL_NONE
#define U  DD_ACTION_REFUSAL_STATUS_UNKNOWN
#define P  DD_ACTION_REFUSAL_ALREADY_PAID
#define C  DD_ACTION_REFUSAL_CLOSED
#define A  DD_ACTION_REFUSAL_NO_AFTER_SALE

/* The refusal for an offered action, by status (DdOrderStatus order:
 * unknown, unpaid, to-ship, shipped, completed, closed, after-sale, failed). */
static const DdActionRefusal by_status[DD_ACTION_LAST + 1][DD_ORDER_STATUS_LAST + 1] = {
  [DD_ACTION_CANCEL]            = { U, N, P, P, P, C, P, P },
  [DD_ACTION_PAY_BALANCE]       = { U, N, P, P, P, C, P, P },
  [DD_ACTION_UPLOAD_VOUCHER]    = { U, N, P, P, P, C, P, P },
  [DD_ACTION_PAY_URL]           = { U, N, P, P, P, C, P, P },
  [DD_ACTION_CREATE_PURCHASE]   = { N, N, N, N, N, N, N, N },
  [DD_ACTION_CANCEL_AFTER_SALE] = { U, A, N, N, N, N, N, N },
};

#undef N
#undef U
#undef P
#undef C
#undef A

static DdOrder *
make_order (const char    *platform,
            DdOrderStatus  status,
            gint64         created_ms)
{
  DdOrder *order = dd_order_new ();

  dd_order_set_account_id (order, "acc-1");
  dd_order_set_platform (order, platform);
  dd_order_set_order_id (order, "4000000000000001");
  dd_order_set_status (order, status);
  if (created_ms != 0)
    {
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (created_ms / 1000);
      g_autoptr(GDateTime) exact = g_date_time_add (created, (created_ms % 1000) * 1000);

      dd_order_set_created (order, exact);
    }

  return order;
}

static DdClientCapabilities
caps_of (const char *platform)
{
  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    if (g_str_equal (platforms[i].platform, platform))
      return platforms[i].caps;
  g_assert_not_reached ();
}

/* ---- rules: the whole table ---- */

static void
test_rules_table (void)
{
  guint n_allowed = 0;

  g_assert_cmpuint (G_N_ELEMENTS (offered), ==, G_N_ELEMENTS (platforms));

  for (guint p = 0; p < G_N_ELEMENTS (offered); p++)
    for (guint s = 0; s <= DD_ORDER_STATUS_LAST; s++)
      for (guint a = 0; a <= DD_ACTION_LAST; a++)
        {
          const char *platform = offered[p].platform;
          /* Created an hour ago: TOP's ten-second rule is not in play here. */
          g_autoptr(DdOrder) order = make_order (platform, s, NOW_MS - 3600 * 1000);
          g_autoptr(GError) error = NULL;
          DdActionRefusal expected;
          DdActionRefusal refusal = 1234;
          gboolean ok;

          expected = offered[p].offers[a] ? by_status[a][s] : DD_ACTION_REFUSAL_NOT_SUPPORTED;

          g_test_message ("%s × %s × %s", platform,
                          dd_order_status_to_nick (s), dd_action_rules_get_label (a));
          ok = dd_action_rules_check (order, caps_of (platform), a, NOW_MS, &refusal, &error);

          g_assert_cmpint (refusal, ==, expected);
          if (expected == DD_ACTION_REFUSAL_NONE)
            {
              g_assert_true (ok);
              g_assert_no_error (error);
              n_allowed++;
            }
          else
            {
              g_assert_false (ok);
              g_assert_error (error, DD_ACTION_RULES_ERROR, (int) expected);
              g_assert_cmpuint (strlen (error->message), >, 10);
            }

          /* Without the out parameters the answer is the same. */
          g_assert_cmpint (dd_action_rules_check (order, caps_of (platform), a, NOW_MS, NULL, NULL),
                           ==, ok);
        }

  /* top: cancel unpaid; top-pc: cancel unpaid + create ×8; pandapon:
   * cancel, 3 pays (unpaid), create ×8, after-sale ×6 (paid or closed). */
  g_assert_cmpuint (n_allowed, ==, 1 + (1 + 8) + (1 + 3 + 8 + 6));
}

/* ---- rules: explanations ---- */

static void
test_rules_paid_cancel_explains (void)
{
  g_autoptr(DdOrder) top = make_order (DD_PLATFORM_TOP, DD_ORDER_STATUS_TO_SHIP, 0);
  g_autoptr(DdOrder) pp = make_order (DD_PLATFORM_PANDAPON, DD_ORDER_STATUS_SHIPPED, 0);
  g_autoptr(GError) error = NULL;

  g_assert_false (dd_action_rules_check (top, caps_of (DD_PLATFORM_TOP), DD_ACTION_CANCEL,
                                         NOW_MS, NULL, &error));
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID);
  g_assert_nonnull (strstr (error->message, "already paid"));
  g_assert_nonnull (strstr (error->message, "buyer’s refund request"));
  g_clear_error (&error);

  /* A platform with after-sale points there. */
  g_assert_false (dd_action_rules_check (pp, caps_of (DD_PLATFORM_PANDAPON), DD_ACTION_CANCEL,
                                         NOW_MS, NULL, &error));
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID);
  g_assert_nonnull (strstr (error->message, "after-sale"));
  g_clear_error (&error);

  /* Paying a paid order just says so. */
  g_assert_false (dd_action_rules_check (pp, caps_of (DD_PLATFORM_PANDAPON), DD_ACTION_PAY_BALANCE,
                                         NOW_MS, NULL, &error));
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID);
  g_assert_cmpstr (error->message, ==, "This order is already paid.");
}

static void
test_rules_not_supported (void)
{
  g_autoptr(DdOrder) tw = make_order (DD_PLATFORM_TW, DD_ORDER_STATUS_UNPAID, 0);
  g_autoptr(GError) error = NULL;
  DdActionRefusal refusal = DD_ACTION_REFUSAL_NONE;

  g_assert_false (dd_action_rules_check (tw, caps_of (DD_PLATFORM_TW), DD_ACTION_CANCEL,
                                         NOW_MS, &refusal, &error));
  g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NOT_SUPPORTED);
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, "This platform does not allow “Cancel order” from Dingdan.");
  g_clear_error (&error);

  /* The capability decides, even for a status that would otherwise pass. */
  g_assert_false (dd_action_rules_check (tw, DD_CLIENT_CAN_CANCEL, DD_ACTION_PAY_URL,
                                         NOW_MS, &refusal, NULL));
  g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NOT_SUPPORTED);
  g_assert_true (dd_action_rules_check (tw, DD_CLIENT_CAN_PAY_URL, DD_ACTION_PAY_URL,
                                        NOW_MS, &refusal, NULL));
  g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NONE);
}

static void
test_rules_no_order (void)
{
  g_autoptr(GError) error = NULL;
  DdActionRefusal refusal = 99;

  g_assert_true (dd_action_rules_check (NULL, caps_of (DD_PLATFORM_PANDAPON),
                                        DD_ACTION_CREATE_PURCHASE, NOW_MS, &refusal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NONE);

  g_assert_true (dd_action_rules_check (NULL, caps_of (DD_PLATFORM_PANDAPON),
                                        DD_ACTION_CANCEL_AFTER_SALE, NOW_MS, &refusal, &error));
  g_assert_no_error (error);
  g_assert_false (dd_action_rules_check (NULL, caps_of (DD_PLATFORM_TOP),
                                         DD_ACTION_CANCEL_AFTER_SALE, NOW_MS, &refusal, NULL));
  g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NOT_SUPPORTED);

  g_assert_false (dd_action_rules_check (NULL, caps_of (DD_PLATFORM_PANDAPON),
                                         DD_ACTION_CANCEL, NOW_MS, &refusal, &error));
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_NO_ORDER);
  g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NO_ORDER);
}

/* ---- rules: TOP's ten seconds ---- */

static void
test_rules_top_ten_seconds (void)
{
  static const struct
  {
    const char *platform;
    gint64      age_ms;      /* G_MININT64: creation unknown */
    int         wait_s;      /* 0: allowed */
  } cases[] = {
    { DD_PLATFORM_TOP,      0,       10 },
    { DD_PLATFORM_TOP,      3000,    7 },
    { DD_PLATFORM_TOP,      3500,    7 },
    { DD_PLATFORM_TOP,      9001,    1 },
    { DD_PLATFORM_TOP,      9999,    1 },
    { DD_PLATFORM_TOP,      10000,   0 },
    { DD_PLATFORM_TOP,      60000,   0 },
    { DD_PLATFORM_TOP,      -5000,   10 },  /* the clocks disagree: wait the full delay */
    { DD_PLATFORM_TOP,      G_MININT64, 0 }, /* unknown: left to the platform */
    { DD_PLATFORM_TOP_PC,   1000,    0 },   /* API.md states it for trade.close only */
    { DD_PLATFORM_PANDAPON, 1000,    0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 created_ms = cases[i].age_ms == G_MININT64 ? 0 : NOW_MS - cases[i].age_ms;
      g_autoptr(DdOrder) order = make_order (cases[i].platform, DD_ORDER_STATUS_UNPAID, created_ms);
      g_autoptr(GError) error = NULL;
      DdActionRefusal refusal;
      gboolean ok;

      g_test_message ("%s, age %" G_GINT64_FORMAT " ms", cases[i].platform, cases[i].age_ms);
      ok = dd_action_rules_check (order, caps_of (cases[i].platform), DD_ACTION_CANCEL,
                                  NOW_MS, &refusal, &error);
      if (cases[i].wait_s == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_NONE);
        }
      else
        {
          g_autofree char *expected =
            g_strdup_printf ("Taobao closes an order only 10 seconds after it was created. "
                             "Wait %d more second%s, then try again.",
                             cases[i].wait_s, cases[i].wait_s == 1 ? "" : "s");

          g_assert_false (ok);
          g_assert_cmpint (refusal, ==, DD_ACTION_REFUSAL_TOO_SOON);
          g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_TOO_SOON);
          g_assert_cmpstr (error->message, ==, expected);
        }
    }
}

static void
test_rules_labels (void)
{
  /* Every action has its own label, and the refusal names it. */
  for (guint a = 0; a <= DD_ACTION_LAST; a++)
    {
      g_autoptr(DdOrder) order = make_order (DD_PLATFORM_TW, DD_ORDER_STATUS_UNPAID, 0);
      g_autoptr(GError) error = NULL;
      const char *label = dd_action_rules_get_label (a);

      g_assert_cmpstr (label, !=, "");
      for (guint b = 0; b < a; b++)
        g_assert_cmpstr (label, !=, dd_action_rules_get_label (b));

      g_assert_false (dd_action_rules_check (order, 0, a, NOW_MS, NULL, &error));
      g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_NOT_SUPPORTED);
      g_assert_nonnull (strstr (error->message, label));
    }

  g_assert_cmpstr (dd_action_rules_get_label (DD_ACTION_PAY_URL), ==, "Pay in the browser");
}

/* ---- outcome ---- */

static void
test_outcome (void)
{
  g_autoptr(GError) conflict = dd_platform_error_new (DD_PLATFORM_ERROR_STATE_CONFLICT, NULL,
                                                      "ORDER_STATUS_NOT_ALLOW_CANCEL", NULL,
                                                      NULL, "req-1", "Already closed");
  g_autoptr(GError) timeout = dd_platform_error_new (DD_PLATFORM_ERROR_TIMEOUT, NULL, NULL, NULL,
                                                     NULL, NULL, "Timed out");
  g_autoptr(GError) dup_top = dd_platform_error_new (DD_PLATFORM_ERROR_STATE_CONFLICT, "biz",
                                                     "OUT_ORDER_ID_DUPLICATE", NULL, NULL, NULL,
                                                     "Duplicate");
  g_autoptr(GError) dup_pp = dd_platform_error_new (DD_PLATFORM_ERROR_STATE_CONFLICT, NULL,
                                                    "4091", NULL, NULL, NULL, "Duplicate");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  static const struct
  {
    DdAction      action;
    int           error;     /* 0 none, 1 conflict, 2 timeout, 3 dup TOP, 4 dup PP, 5 other */
    int           status;    /* -1: nothing read back */
    gboolean      success;
  } cases[] = {
    /* The platform accepted it. */
    { DD_ACTION_CANCEL,          0, -1,                          TRUE },
    { DD_ACTION_PAY_BALANCE,     0, -1,                          TRUE },
    /* "Already closed" after our own cancel. */
    { DD_ACTION_CANCEL,          1, DD_ORDER_STATUS_CLOSED,      TRUE },
    { DD_ACTION_CANCEL,          2, DD_ORDER_STATUS_CLOSED,      TRUE },
    { DD_ACTION_CANCEL,          2, DD_ORDER_STATUS_UNPAID,      FALSE },
    { DD_ACTION_CANCEL,          1, DD_ORDER_STATUS_TO_SHIP,     FALSE }, /* paid meanwhile */
    { DD_ACTION_CANCEL,          1, -1,                          FALSE },
    { DD_ACTION_CANCEL,          2, -1,                          FALSE },
    { DD_ACTION_CANCEL,          2, DD_ORDER_STATUS_UNKNOWN,     FALSE },
    /* "Already paid" after our own payment. */
    { DD_ACTION_PAY_BALANCE,     2, DD_ORDER_STATUS_TO_SHIP,     TRUE },
    { DD_ACTION_PAY_BALANCE,     1, DD_ORDER_STATUS_SHIPPED,     TRUE },
    { DD_ACTION_PAY_BALANCE,     2, DD_ORDER_STATUS_UNPAID,      FALSE },
    { DD_ACTION_PAY_BALANCE,     1, DD_ORDER_STATUS_CLOSED,      FALSE },
    { DD_ACTION_UPLOAD_VOUCHER,  2, DD_ORDER_STATUS_COMPLETED,   TRUE },
    { DD_ACTION_UPLOAD_VOUCHER,  2, DD_ORDER_STATUS_UNPAID,      FALSE },
    { DD_ACTION_PAY_URL,         5, DD_ORDER_STATUS_TO_SHIP,     TRUE },
    { DD_ACTION_PAY_URL,         5, -1,                          FALSE },
    /* Create: found under our key, or the key was already used. */
    { DD_ACTION_CREATE_PURCHASE, 2, DD_ORDER_STATUS_UNPAID,      TRUE },
    { DD_ACTION_CREATE_PURCHASE, 2, -1,                          FALSE },
    { DD_ACTION_CREATE_PURCHASE, 3, -1,                          TRUE },
    { DD_ACTION_CREATE_PURCHASE, 4, -1,                          TRUE },
    { DD_ACTION_CREATE_PURCHASE, 1, -1,                          FALSE },
    { DD_ACTION_CANCEL,          3, -1,                          FALSE }, /* a dup key means nothing for cancel */
    /* After-sale: accepted is done; after an error the order cannot tell. */
    { DD_ACTION_CANCEL_AFTER_SALE, 0, -1,                        TRUE },
    { DD_ACTION_CANCEL_AFTER_SALE, 2, DD_ORDER_STATUS_SHIPPED,   FALSE },
    { DD_ACTION_CANCEL_AFTER_SALE, 1, DD_ORDER_STATUS_AFTER_SALE, FALSE },
    { DD_ACTION_CANCEL_AFTER_SALE, 2, -1,                        FALSE },
  };
  const GError *errors[] = { NULL, conflict, timeout, dup_top, dup_pp, other };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdOrder) read_back = NULL;

      if (cases[i].status >= 0)
        read_back = make_order (DD_PLATFORM_PANDAPON, cases[i].status, 0);

      g_test_message ("case %u: %s", i, dd_action_rules_get_label (cases[i].action));
      g_assert_cmpint (dd_action_rules_outcome_is_success (cases[i].action,
                                                           errors[cases[i].error],
                                                           read_back),
                       ==, cases[i].success);
    }
}

/* ---- a change the platform has not carried out yet ---- */

static void
test_rules_pending (void)
{
  static const struct
  {
    DdOrderPending  pending;
    DdAction        action;
    DdActionRefusal refusal;
  } cases[] = {
    { DD_ORDER_PENDING_PAYMENT_REVIEW, DD_ACTION_PAY_BALANCE,       DD_ACTION_REFUSAL_PENDING },
    { DD_ORDER_PENDING_PAYMENT_REVIEW, DD_ACTION_UPLOAD_VOUCHER,    DD_ACTION_REFUSAL_PENDING },
    { DD_ORDER_PENDING_PAYMENT_REVIEW, DD_ACTION_PAY_URL,           DD_ACTION_REFUSAL_PENDING },
    { DD_ORDER_PENDING_PAYMENT_REVIEW, DD_ACTION_CANCEL,            DD_ACTION_REFUSAL_PENDING },
    { DD_ORDER_PENDING_CANCELLING,     DD_ACTION_CANCEL,            DD_ACTION_REFUSAL_PENDING },
    { DD_ORDER_PENDING_CANCELLING,     DD_ACTION_PAY_BALANCE,       DD_ACTION_REFUSAL_PENDING },
    { DD_ORDER_PENDING_CANCELLING,     DD_ACTION_UPLOAD_VOUCHER,    DD_ACTION_REFUSAL_PENDING },
    /* An unpaid order has no after-sale request, pending or not. */
    { DD_ORDER_PENDING_CANCELLING,     DD_ACTION_CANCEL_AFTER_SALE, DD_ACTION_REFUSAL_NO_AFTER_SALE },
    { DD_ORDER_PENDING_NONE,           DD_ACTION_PAY_BALANCE,       DD_ACTION_REFUSAL_NONE },
    { DD_ORDER_PENDING_NONE,           DD_ACTION_CANCEL,            DD_ACTION_REFUSAL_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdOrder) order = make_order (DD_PLATFORM_PANDAPON, DD_ORDER_STATUS_UNPAID, 0);
      g_autoptr(GError) error = NULL;
      DdActionRefusal refusal = DD_ACTION_REFUSAL_BUSY;
      gboolean allowed;

      g_test_message ("case %u", i);
      dd_order_set_pending (order, cases[i].pending);
      allowed = dd_action_rules_check (order, caps_of (DD_PLATFORM_PANDAPON), cases[i].action, G_GINT64_CONSTANT (1700000000000),
                                       &refusal, &error);
      g_assert_cmpint (refusal, ==, cases[i].refusal);
      g_assert_cmpint (allowed, ==, cases[i].refusal == DD_ACTION_REFUSAL_NONE);
      if (!allowed)
        {
          g_assert_error (error, DD_ACTION_RULES_ERROR, (int) cases[i].refusal);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_outcome_pending (void)
{
  g_autoptr(GError) timeout = dd_platform_error_new (DD_PLATFORM_ERROR_TIMEOUT, NULL, NULL, NULL,
                                                     NULL, NULL, "Timed out");
  g_autoptr(DdOrder) cancelling = make_order (DD_PLATFORM_PANDAPON, DD_ORDER_STATUS_UNPAID, 0);
  g_autoptr(DdOrder) reviewing = make_order (DD_PLATFORM_PANDAPON, DD_ORDER_STATUS_UNPAID, 0);

  dd_order_set_pending (cancelling, DD_ORDER_PENDING_CANCELLING);
  dd_order_set_pending (reviewing, DD_ORDER_PENDING_PAYMENT_REVIEW);

  /* Being carried out is the effect of our attempt. */
  g_assert_true (dd_action_rules_outcome_is_success (DD_ACTION_CANCEL, timeout, cancelling));
  g_assert_true (dd_action_rules_outcome_is_success (DD_ACTION_UPLOAD_VOUCHER, timeout, reviewing));
  g_assert_true (dd_action_rules_outcome_is_success (DD_ACTION_PAY_BALANCE, timeout, reviewing));
  /* Not the effect of another action. */
  g_assert_false (dd_action_rules_outcome_is_success (DD_ACTION_CANCEL, timeout, reviewing));
  g_assert_false (dd_action_rules_outcome_is_success (DD_ACTION_UPLOAD_VOUCHER, timeout, cancelling));

  g_assert_true (dd_action_rules_may_be_pending (DD_PLATFORM_PANDAPON, DD_ACTION_CANCEL));
  g_assert_true (dd_action_rules_may_be_pending (DD_PLATFORM_PANDAPON, DD_ACTION_UPLOAD_VOUCHER));
  g_assert_false (dd_action_rules_may_be_pending (DD_PLATFORM_PANDAPON, DD_ACTION_PAY_BALANCE));
  g_assert_false (dd_action_rules_may_be_pending (DD_PLATFORM_TOP, DD_ACTION_CANCEL));
  g_assert_false (dd_action_rules_may_be_pending (NULL, DD_ACTION_CANCEL));
}

/* ---- guard ---- */

static void
test_guard_double_begin (void)
{
  g_autoptr(DdActionGuard) guard = dd_action_guard_new ();
  g_autoptr(GError) error = NULL;
  DdAction running = 99;

  g_assert_false (dd_action_guard_is_running (guard, "acc-1", "o-1", NULL));
  g_assert_true (dd_action_guard_try_begin (guard, "acc-1", "o-1", DD_ACTION_PAY_BALANCE, &error));
  g_assert_no_error (error);
  g_assert_true (dd_action_guard_is_running (guard, "acc-1", "o-1", &running));
  g_assert_cmpint (running, ==, DD_ACTION_PAY_BALANCE);

  /* The double click: the second begin is refused, whatever the action. */
  g_assert_false (dd_action_guard_try_begin (guard, "acc-1", "o-1", DD_ACTION_PAY_BALANCE, &error));
  g_assert_error (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_BUSY);
  g_assert_cmpstr (error->message, ==, "An action on this order is already running.");
  g_clear_error (&error);
  g_assert_false (dd_action_guard_try_begin (guard, "acc-1", "o-1", DD_ACTION_CANCEL, NULL));

  /* Other orders, and the same order id of another account, are free. */
  g_assert_true (dd_action_guard_try_begin (guard, "acc-1", "o-2", DD_ACTION_CANCEL, NULL));
  g_assert_true (dd_action_guard_try_begin (guard, "acc-2", "o-1", DD_ACTION_CANCEL, NULL));
  /* The separator keeps ("acc-1", "o-1") apart from ("acc-1o", "-1"). */
  g_assert_true (dd_action_guard_try_begin (guard, "acc-1o", "-1", DD_ACTION_CANCEL, NULL));

  dd_action_guard_end (guard, "acc-1", "o-1");
  g_assert_false (dd_action_guard_is_running (guard, "acc-1", "o-1", NULL));
  g_assert_true (dd_action_guard_is_running (guard, "acc-1", "o-2", NULL));
  g_assert_true (dd_action_guard_try_begin (guard, "acc-1", "o-1", DD_ACTION_CANCEL, NULL));
  g_assert_true (dd_action_guard_is_running (guard, "acc-1", "o-1", &running));
  g_assert_cmpint (running, ==, DD_ACTION_CANCEL);
}

static void
test_guard_end_unknown (void)
{
  g_autoptr(DdActionGuard) guard = dd_action_guard_new ();

  g_test_expect_message ("Dingdan-Core", G_LOG_LEVEL_WARNING, "No action was running*");
  dd_action_guard_end (guard, "acc-1", "o-9");
  g_test_assert_expected_messages ();
}

#define N_THREADS 8
#define N_ROUNDS  200

typedef struct
{
  DdActionGuard *guard;
  GMutex         mutex;
  GCond          cond;
  guint          round;
  guint          ready;
  guint          begun[N_ROUNDS];
} Race;

static gpointer
race_thread (gpointer data)
{
  Race *race = data;

  for (guint r = 0; r < N_ROUNDS; r++)
    {
      g_autofree char *order_id = g_strdup_printf ("o-%u", r);

      /* Start each round together. */
      g_mutex_lock (&race->mutex);
      race->ready++;
      if (race->ready == N_THREADS)
        {
          race->ready = 0;
          race->round++;
          g_cond_broadcast (&race->cond);
        }
      else
        {
          guint round = race->round;

          while (race->round == round)
            g_cond_wait (&race->cond, &race->mutex);
        }
      g_mutex_unlock (&race->mutex);

      if (dd_action_guard_try_begin (race->guard, "acc-1", order_id, DD_ACTION_CANCEL, NULL))
        g_atomic_int_inc (&race->begun[r]);
    }

  return NULL;
}

static void
test_guard_threads (void)
{
  Race race = { 0 };
  GThread *threads[N_THREADS];

  race.guard = dd_action_guard_new ();
  g_mutex_init (&race.mutex);
  g_cond_init (&race.cond);

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("race", race_thread, &race);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  /* Exactly one of the simultaneous clicks got through, on every order. */
  for (guint r = 0; r < N_ROUNDS; r++)
    g_assert_cmpuint (race.begun[r], ==, 1);

  g_mutex_clear (&race.mutex);
  g_cond_clear (&race.cond);
  g_object_unref (race.guard);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/action-rules/table", test_rules_table);
  g_test_add_func ("/dingdan/action-rules/paid-cancel-explains", test_rules_paid_cancel_explains);
  g_test_add_func ("/dingdan/action-rules/not-supported", test_rules_not_supported);
  g_test_add_func ("/dingdan/action-rules/no-order", test_rules_no_order);
  g_test_add_func ("/dingdan/action-rules/top-ten-seconds", test_rules_top_ten_seconds);
  g_test_add_func ("/dingdan/action-rules/labels", test_rules_labels);
  g_test_add_func ("/dingdan/action-rules/outcome", test_outcome);
  g_test_add_func ("/dingdan/action-rules/outcome-pending", test_outcome_pending);
  g_test_add_func ("/dingdan/action-rules/pending", test_rules_pending);
  g_test_add_func ("/dingdan/action-guard/double-begin", test_guard_double_begin);
  g_test_add_func ("/dingdan/action-guard/end-unknown", test_guard_end_unknown);
  g_test_add_func ("/dingdan/action-guard/threads", test_guard_threads);

  return g_test_run ();
}
