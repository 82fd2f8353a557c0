/* test-fault-matrix.c: every call Dingdan makes, under every fault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell (call × fault) runs on a fresh sandbox and a fresh cache, the
 * way the app runs the call (a sync job, an order refresh, the action
 * runner), with short client timeouts, and checks:
 *   - no crash (the process survives; MALLOC_PERTURB_ from the suite);
 *   - a clear error: DD_PLATFORM_ERROR of the fault's category, a
 *     non-empty, marked (translatable) message without raw reply bytes;
 *   - no duplicate write: the sandbox saw the write once and shows it
 *     applied at most once; a write whose outcome is unknown ends read back
 *     ("confirmed-by-read-back" when applied, else "failed"/"unknown");
 *   - convergence: with the faults spent, the next sync leaves the cache
 *     equal to the sandbox's truth (ids, status, modification time, and
 *     totals where the sandbox tells them).
 *
 * The calls (the API name is the one the sandbox counts and faults by):
 *
 * | platform  | API                                  | how the app makes it                  |
 * |-----------|--------------------------------------|---------------------------------------|
 * | tw        | /orders/get                          | sync job (full and incremental list)  |
 * | tw        | /order/items/get                     | sync job (each page's lines)          |
 * | tw        | /order/get                           | order refresh (detail pane, runner)   |
 * | top       | taobao.trades.sold.get               | sync job, backfill                    |
 * | top       | taobao.trades.sold.increment.get     | sync job, incremental                 |
 * | top       | taobao.trade.fullinfo.get            | order refresh                         |
 * | top       | taobao.trade.close                   | action runner: cancel (write)         |
 * | top-pc    | taobao.pc.order.list                 | sync job                              |
 * | top-pc    | taobao.pc.order.detail               | order refresh                         |
 * | top-pc    | taobao.pc.order.cancel               | action runner: cancel (write)         |
 * | top-pc    | taobao.pc.out.tower.order.create     | action runner: purchase order (write) |
 * | pandapon  | /open/order/page                     | sync job                              |
 * | pandapon  | /open/order/detail                   | order refresh                         |
 * | pandapon  | /open/order/cancel                   | action runner: cancel (write)         |
 * | pandapon  | /open/order/pay                      | action runner: pay from balance       |
 * | pandapon  | /open/order                          | action runner: purchase order (write) |
 * | pandapon  | /open/order/voucher                  | action runner: payment voucher        |
 * | pandapon  | /alibaba/order/create                | action runner: 1688 purchase order    |
 * | pandapon  | /alibaba/order/detail                | order refresh of a 1688 order         |
 * | pandapon  | /alibaba/order/cancel                | action runner: cancel a 1688 order    |
 * | pandapon  | /alibaba/order/pay/url               | action runner: the 1688 payment page  |
 * | pandapon  | /open/order/refund/cancel/{refundId} | action runner: withdraw an after-sale |
 * | pandapon  | /open/order/refund/page              | after-sale list (runner's read-back)  |
 * | pandapon  | /open/order/logistics/detail/get     | detail pane: a parcel's trace         |
 * | top-pc    | taobao.pc.order.render               | purchase dialog: the preview          |
 * | tw        | /auth/token/refresh                  | the client, its access token refused  |
 *
 * Not in the matrix: the authorise flow's token create (a person pastes a
 * code; test-auth covers its errors), and taobao.time.get, which no part
 * of the app calls.
 *
 * Besides the cells, /…/ban-waited runs each platform's first listing
 * call under a one-second ban with the app's retries on: asked again only
 * after the ban's seconds, then the sync ends well.
 */
#include "config.h"

#include <string.h>

#include "dd-error-table.h"
#include "dd-sandbox-auth.h"
#include "dd-sandbox-orders.h"
#include "dd-sync-job.h"
#include "dd-tw-client.h"
#include "test-action-runner.h"

typedef enum
{
  CALL_SYNC,            /* a backfill of the account */
  CALL_SYNC_INCREMENT,  /* a backfill, some orders touched, then the faulted incremental sync */
  CALL_REFRESH,         /* dd_order_refresh of one order */
  CALL_CANCEL,          /* the runner's cancel of an unpaid order */
  CALL_PAY,             /* the runner's pay from balance */
  CALL_PURCHASE,        /* the runner's purchase order */
  CALL_VOUCHER,         /* the runner's payment voucher */
  CALL_CANCEL_1688,     /* the runner's cancel of an unpaid 1688 order */
  CALL_PURCHASE_1688,   /* the runner's 1688 purchase order (no idempotency key) */
  CALL_PAY_URL,         /* the runner's 1688 payment page (moves nothing itself) */
  CALL_WITHDRAW,        /* the runner's withdrawal of an open after-sale case */
  CALL_AFTER_SALES,     /* the after-sale list, as the runner reads it back */
  CALL_LOGISTICS,       /* the detail pane's parcel trace */
  CALL_PREVIEW,         /* the purchase dialog's preview */
  CALL_TOKEN_REFRESH,   /* a sync whose access token is refused: the refresh */
} CallKind;

typedef struct
{
  const char *account_id;
  const char *platform;
  const char *api;
  CallKind    kind;
} MatrixCall;

static const MatrixCall matrix_calls[] = {
  { "sandbox-tw", DD_SANDBOX_PLATFORM_TW, "/orders/get", CALL_SYNC },
  { "sandbox-tw", DD_SANDBOX_PLATFORM_TW, "/order/items/get", CALL_SYNC },
  { "sandbox-tw", DD_SANDBOX_PLATFORM_TW, "/order/get", CALL_REFRESH },
  { "sandbox-top", DD_SANDBOX_PLATFORM_TOP, "taobao.trades.sold.get", CALL_SYNC },
  { "sandbox-top", DD_SANDBOX_PLATFORM_TOP, "taobao.trades.sold.increment.get", CALL_SYNC_INCREMENT },
  { "sandbox-top", DD_SANDBOX_PLATFORM_TOP, "taobao.trade.fullinfo.get", CALL_REFRESH },
  { "sandbox-top", DD_SANDBOX_PLATFORM_TOP, "taobao.trade.close", CALL_CANCEL },
  { "sandbox-top-pc", DD_SANDBOX_PLATFORM_TOP_PC, "taobao.pc.order.list", CALL_SYNC },
  { "sandbox-top-pc", DD_SANDBOX_PLATFORM_TOP_PC, "taobao.pc.order.detail", CALL_REFRESH },
  { "sandbox-top-pc", DD_SANDBOX_PLATFORM_TOP_PC, "taobao.pc.order.cancel", CALL_CANCEL },
  { "sandbox-top-pc", DD_SANDBOX_PLATFORM_TOP_PC, "taobao.pc.out.tower.order.create", CALL_PURCHASE },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/page", CALL_SYNC },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/detail", CALL_REFRESH },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/cancel", CALL_CANCEL },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/pay", CALL_PAY },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order", CALL_PURCHASE },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/voucher", CALL_VOUCHER },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/alibaba/order/create", CALL_PURCHASE_1688 },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/alibaba/order/detail", CALL_CANCEL_1688 },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/alibaba/order/cancel", CALL_CANCEL_1688 },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/alibaba/order/pay/url", CALL_PAY_URL },
  /* The refund id follows (run_withdraw ()). */
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/refund/cancel/", CALL_WITHDRAW },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/refund/page", CALL_AFTER_SALES },
  { "sandbox-pandapon", DD_SANDBOX_PLATFORM_PANDAPON, "/open/order/logistics/detail/get", CALL_LOGISTICS },
  { "sandbox-top-pc", DD_SANDBOX_PLATFORM_TOP_PC, "taobao.pc.order.render", CALL_PREVIEW },
  { "sandbox-tw", DD_SANDBOX_PLATFORM_TW, "/auth/token/refresh", CALL_TOKEN_REFRESH },
};

typedef enum
{
  EFFECT_NONE,     /* answered as usual, only late */
  EFFECT_LOST,     /* never carried out */
  EFFECT_APPLIED,  /* carried out, the answer lost or unreadable */
  EFFECT_MAYBE,    /* carried out; the answer may still read (wrong types) */
} FaultEffect;

#define CODE(c) (1u << DD_PLATFORM_ERROR_##c)

typedef struct
{
  const char  *name;
  guint        arg;     /* @N: ms (ban: s); 0 for none */
  FaultEffect  effect;
  guint        codes;   /* the error categories a read may fail with */
} MatrixFault;

/* Client: timeout 1 s (per I/O), deadline 2 s (whole call). */
static const MatrixFault matrix_faults[] = {
  { "reset-before", 0, EFFECT_LOST, CODE (NETWORK) },
  { "reset-after", 0, EFFECT_APPLIED, CODE (NETWORK) },
  { "timeout", 1200, EFFECT_LOST, CODE (TIMEOUT) | CODE (NETWORK) },
  { "timeout-after", 1200, EFFECT_APPLIED, CODE (TIMEOUT) | CODE (NETWORK) },
  { "delay-before", 300, EFFECT_NONE, 0 },
  { "http-500", 0, EFFECT_LOST, CODE (SERVER) },
  { "http-502", 0, EFFECT_LOST, CODE (SERVER) },
  { "http-503", 0, EFFECT_LOST, CODE (SERVER) },
  { "http-504", 0, EFFECT_LOST, CODE (SERVER) | CODE (TIMEOUT) },
  { "ban", 1, EFFECT_LOST, CODE (RATE_LIMITED) },
  { "malformed", 0, EFFECT_APPLIED, CODE (BAD_RESPONSE) },
  { "wrong-types", 0, EFFECT_MAYBE, CODE (BAD_RESPONSE) },
  { "truncated", 0, EFFECT_APPLIED, CODE (BAD_RESPONSE) | CODE (NETWORK) },
  { "huge", 0, EFFECT_APPLIED, CODE (BAD_RESPONSE) },
  { "drip", 300, EFFECT_APPLIED, CODE (TIMEOUT) },
};

typedef struct
{
  const MatrixCall  *call;
  const MatrixFault *fault;
} Cell;

/* ---- marked messages ---------------------------------------------------------- */

static GHashTable *msgids;        /* exact msgids of po/es.po */
static GPtrArray  *msgid_regexes; /* (element-type GRegex) msgids with placeholders */

static void
add_msgid (const char *msgid)
{
  static GRegex *placeholder = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autoptr(GString) pattern = g_string_new ("^");
  GRegex *regex;

  if (*msgid == '\0')
    return;
  g_hash_table_add (msgids, g_strdup (msgid));
  if (strchr (msgid, '%') == NULL)
    return;

  if (placeholder == NULL)
    placeholder = g_regex_new ("%(?:\\d+\\$)?'?[-+ 0#]*\\d*(?:\\.\\d+)?(?:hh|h|ll|l|z|j|t)?[sdiuxXfgc]|%<PRI[a-zA-Z0-9]+>",
                               0, 0, NULL);
  pieces = g_regex_split (placeholder, msgid, 0);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_autofree char *escaped = g_regex_escape_string (pieces[i], -1);

      if (i > 0)
        g_string_append (pattern, ".+?");
      g_string_append (pattern, escaped);
    }
  g_string_append (pattern, "$");
  regex = g_regex_new (pattern->str, G_REGEX_DOTALL, 0, NULL);
  if (regex != NULL)
    g_ptr_array_add (msgid_regexes, regex);
}

/* The msgids of po/es.po: every marked string of the sources. */
static void
load_msgids (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "es.po", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) current = NULL;
  g_autoptr(GError) error = NULL;

  msgids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  msgid_regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "msgid \""))
        {
          current = g_string_new (NULL);
          line += strlen ("msgid ");
        }
      else if (current != NULL && line[0] != '"')
        {
          add_msgid (current->str);
          g_string_free (g_steal_pointer (&current), TRUE);
          continue;
        }
      if (current != NULL && line[0] == '"' && strlen (line) >= 2)
        {
          g_autofree char *inner = g_strndup (line + 1, strlen (line) - 2);
          g_autofree char *value = g_strcompress (inner);

          g_string_append (current, value);
        }
    }
}

static gboolean
is_marked (const char *message)
{
  if (g_hash_table_contains (msgids, message))
    return TRUE;
  for (guint i = 0; i < msgid_regexes->len; i++)
    if (g_regex_match (g_ptr_array_index (msgid_regexes, i), message, 0, NULL))
      return TRUE;
  return FALSE;
}

/* A sentence for people: not empty, translatable, no bytes of the reply. */
static void
assert_clear_message (const char *message)
{
  g_autofree char *lower = NULL;

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  lower = g_ascii_strdown (message, -1);
  g_test_message ("message: “%s”", message);
  g_assert_null (strstr (message, "{\""));
  g_assert_null (strstr (message, "aaaa"));
  g_assert_null (strstr (lower, "<html"));
  g_assert_null (strstr (lower, "<body"));
  if (!is_marked (message))
    {
      g_test_message ("not a marked string: “%s”", message);
      g_assert_true (is_marked (message));
    }
}

static void
assert_clear_error (const GError *error,
                    guint         codes)
{
  g_assert_nonnull (error);
  if (error->domain != DD_PLATFORM_ERROR || (codes & (1u << error->code)) == 0)
    g_test_message ("unexpected error %s %d: %s", g_quark_to_string (error->domain),
                    error->code, error->message);
  g_assert_true (error->domain == DD_PLATFORM_ERROR);
  g_assert_true ((codes & (1u << error->code)) != 0);
  assert_clear_message (error->message);
  if (error->code == DD_PLATFORM_ERROR_RATE_LIMITED)
    {
      /* It says how long, and who: the platform's ban reply names it. */
      g_assert_cmpuint (dd_platform_error_get_retry_after (error), >, 0);
      g_assert_true (strpbrk (error->message, "0123456789") != NULL);
      g_assert_nonnull (dd_platform_get_label (dd_platform_error_get_platform (error)));
      g_assert_true (g_str_has_prefix (error->message,
                                       dd_platform_get_label (dd_platform_error_get_platform (error))));
    }
}

/* ---- the fixture --------------------------------------------------------------- */

static void
run_sync_with (Fixture     *fixture,
               DdClient    *client,
               const char  *account_id,
               GError     **error)
{
  g_autoptr(DdSyncJob) job = dd_sync_job_new (client, fixture->cache, account_id);
  g_autoptr(GAsyncResult) result = NULL;

  /* Small pages: a listing takes a few calls. */
  dd_sync_job_set_page_size (job, 20);
  dd_sync_job_run_async (job, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  dd_sync_job_run_finish (job, result, error);
}

static void
run_sync (Fixture     *fixture,
          const char  *account_id,
          GError     **error)
{
  run_sync_with (fixture, client_of (fixture, account_id), account_id, error);
}

static DdOrder *
run_refresh (Fixture     *fixture,
             const char  *account_id,
             const char  *order_id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_order_refresh_async (client_of (fixture, account_id), fixture->cache, account_id, order_id,
                          NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return dd_order_refresh_finish (result, NULL, error);
}

static gint64
ms_of (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* The cache holds exactly the orders the sandbox's @platform lists: same
 * ids, status, modification time, and (PandaPon) total. */
static void
assert_converged (Fixture    *fixture,
                  const char *account_id,
                  const char *platform)
{
  g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (fixture->sandbox, platform);
  guint n_wrong = 0;
  guint n_1688 = 0;

  g_assert_nonnull (states);
  g_assert_cmpuint (states->len, >, 0);
  for (guint i = 0; i < states->len; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = dd_cache_lookup_order (fixture->cache, account_id, state->order_id, &error);
      gboolean same;

      g_assert_no_error (error);
      same = order != NULL &&
             g_strcmp0 (dd_order_get_raw_status (order), state->status) == 0 &&
             ms_of (dd_order_get_modified (order)) == state->modified_ms;
      if (same && g_str_equal (platform, DD_SANDBOX_PLATFORM_PANDAPON))
        {
          gint64 total = dd_sandbox_pp_shop_get_total (dd_sandbox_get_pp_shop (fixture->sandbox),
                                                       state->order_id);
          const DdMoney *cached = dd_order_get_total (order);

          same = cached != NULL && cached->minor == total;
        }
      if (!same)
        {
          if (n_wrong++ < 5)
            g_test_message ("%s %s: cached %s at %" G_GINT64_FORMAT ", platform %s at %" G_GINT64_FORMAT,
                            platform, state->order_id,
                            order != NULL ? dd_order_get_raw_status (order) : "(none)",
                            order != NULL ? ms_of (dd_order_get_modified (order)) : -1,
                            state->status, state->modified_ms);
        }
    }
  g_assert_cmpuint (n_wrong, ==, 0);

  /* Nothing more but the 1688 orders the runner read (never listed). */
  if (g_str_equal (platform, DD_SANDBOX_PLATFORM_PANDAPON))
    {
      g_autoptr(GPtrArray) ids = dd_sandbox_pp_shop_list_1688_order_ids (dd_sandbox_get_pp_shop (fixture->sandbox));

      for (guint i = 0; i < ids->len; i++)
        {
          g_autofree char *id = g_strconcat ("1688-", g_ptr_array_index (ids, i), NULL);
          g_autoptr(DdOrder) order = dd_cache_lookup_order (fixture->cache, account_id, id, NULL);

          n_1688 += order != NULL;
        }
    }
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, account_id), ==, states->len + n_1688);
}

/* When the cell's fault was added: a ban runs from its first call. */
static gint64 fault_added_us;

/* Lets held answers go (to nobody) and a ban run out. */
static void
settle (Fixture           *fixture,
        const MatrixFault *fault)
{
  gint64 until = fault_added_us;

  /* A ban starts at its first reply, some time after the fault was added
   * (much later under the sanitizers), and before now: waited from now. */
  if (g_str_equal (fault->name, "ban"))
    until = g_get_monotonic_time () + fault->arg * G_USEC_PER_SEC + 100 * 1000;
  while (dd_sandbox_faults_get_n_held (fixture->sandbox) > 0 ||
         g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
}

/* FALSE when the sandbox does not know the fault yet and
 * DINGDAN_FAULT_MATRIX_SKIP_UNKNOWN is set (while developing): skipped. */
static gboolean
add_fault_to (Fixture    *fixture,
              const Cell *cell,
              const char *api)
{
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;

  if (cell->fault->arg > 0)
    spec = g_strdup_printf ("%s=%s@%u", api, cell->fault->name, cell->fault->arg);
  else
    spec = g_strdup_printf ("%s=%s", api, cell->fault->name);
  fault_added_us = g_get_monotonic_time ();
  if (!dd_sandbox_add_faults_from_string (fixture->sandbox, spec, &error) &&
      g_getenv ("DINGDAN_FAULT_MATRIX_SKIP_UNKNOWN") != NULL)
    {
      g_test_skip (error->message);
      return FALSE;
    }
  g_assert_no_error (error);
  return TRUE;
}

static gboolean
add_fault (Fixture    *fixture,
           const Cell *cell)
{
  return add_fault_to (fixture, cell, cell->call->api);
}

/* ---- the cells ----------------------------------------------------------------- */

static void
check_read (Fixture      *fixture,
            const Cell   *cell,
            const GError *error)
{
  if (cell->fault->effect == EFFECT_NONE)
    g_assert_no_error (error);
  else if (error != NULL)
    assert_clear_error (error, cell->fault->codes);
  else
    {
      /* A read may get over a reset by asking again (libsoup re-sends a
       * read whose reused connection closed unanswered); a reply of the
       * wrong types may still read. Nothing else passes unnoticed. */
      g_test_message ("%s under %s: read again, no error", cell->call->api, cell->fault->name);
      g_assert_true (cell->fault->effect == EFFECT_MAYBE ||
                     g_str_has_prefix (cell->fault->name, "reset-"));
    }
}

static char *
write_target (Fixture    *fixture,
              const Cell *cell)
{
  const char *account_id = cell->call->account_id;

  if (g_str_equal (account_id, "sandbox-top"))
    return top_unpaid (fixture);
  if (g_str_equal (account_id, "sandbox-top-pc"))
    return top_pc_unpaid (fixture);
  if (cell->call->kind == CALL_CANCEL_1688)
    {
      DdSandboxPpShop *shop = dd_sandbox_get_pp_shop (fixture->sandbox);
      g_autoptr(GPtrArray) ids = dd_sandbox_pp_shop_list_1688_order_ids (shop);

      for (guint i = 0; i < ids->len; i++)
        {
          g_autofree char *status = dd_sandbox_pp_shop_dup_status (shop, g_ptr_array_index (ids, i));

          /* Dingdan's id of a 1688 order (dd-pp-client.c). */
          if (g_strcmp0 (status, "waitbuyerpay") == 0)
            return g_strconcat ("1688-", g_ptr_array_index (ids, i), NULL);
        }
      g_assert_not_reached ();
    }
  return pp_with_status (fixture, 0, "WAIT_BUYER_PAY");
}

/* The sandbox's truth of @order_id: its status (owned) and when it last
 * changed. */
static char *
truth_of (Fixture    *fixture,
          const Cell *cell,
          const char *order_id,
          gint64     *modified_ms)
{
  const char *account_id = cell->call->account_id;
  DdSandboxTopShop *top = dd_sandbox_get_top_shop (fixture->sandbox);
  DdSandboxPpShop *pp = dd_sandbox_get_pp_shop (fixture->sandbox);

  if (g_str_equal (account_id, "sandbox-top"))
    {
      *modified_ms = dd_sandbox_top_shop_get_modified_ms (top, order_id);
      return dd_sandbox_top_shop_dup_status (top, order_id);
    }
  if (g_str_equal (account_id, "sandbox-top-pc"))
    {
      *modified_ms = dd_sandbox_top_shop_get_pc_modified_ms (top, order_id);
      return dd_sandbox_top_shop_dup_pc_status (top, order_id);
    }
  if (g_str_has_prefix (order_id, "1688-"))
    order_id += strlen ("1688-");
  *modified_ms = dd_sandbox_pp_shop_get_updated_ms (pp, order_id);
  return dd_sandbox_pp_shop_dup_status (pp, order_id);
}

/* The result of a write that was sent once. */
static void
check_write_result (Fixture              *fixture,
                    const Cell           *cell,
                    const DdActionResult *result,
                    gboolean              applied,
                    gboolean              may_be_pending)
{
  assert_clear_message (result->message);
  if (result->error != NULL)
    assert_clear_error (result->error, cell->fault->codes | CODE (RATE_LIMITED) | CODE (STATE_CONFLICT));

  switch (result->state)
    {
    case DD_ACTION_STATE_DONE:
      /* Only when the answer was read. */
      g_assert_true (cell->fault->effect == EFFECT_NONE || cell->fault->effect == EFFECT_MAYBE);
      g_assert_true (applied);
      break;
    case DD_ACTION_STATE_CONFIRMED_BY_READ_BACK:
      /* Verified: what really happened. */
      g_assert_true (applied);
      g_assert_false (result->can_retry);
      break;
    case DD_ACTION_STATE_FAILED:
      g_assert_false (applied);
      g_assert_true (result->can_retry);
      break;
    case DD_ACTION_STATE_UNKNOWN:
      /* Only where the platform may still carry it out later (PandaPon's
       * cancel, dd_action_rules_may_be_pending()). */
      g_assert_true (cell->fault->effect != EFFECT_NONE);
      g_assert_true (may_be_pending);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
run_write (Fixture    *fixture,
           const Cell *cell)
{
  const char *account_id = cell->call->account_id;
  g_autofree char *order_id = write_target (fixture, cell);
  gint64 modified_before, modified_after, modified_later;
  g_autofree char *before = truth_of (fixture, cell, order_id, &modified_before);
  g_autofree char *after = NULL;
  g_autofree char *later = NULL;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRequest request;
  gboolean applied;
  gint64 until;

  static const char png_bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GBytes) png = g_bytes_new_static (png_bytes, sizeof png_bytes - 1);
  gboolean may_be_pending;

  if (cell->call->kind == CALL_PAY)
    request = pay_request (fixture, order_id);
  else if (cell->call->kind == CALL_VOUCHER)
    {
      request = pay_request (fixture, order_id);
      request.action = DD_ACTION_UPLOAD_VOUCHER;
      request.image = png;
      request.content_type = "image/png";
      request.filename = "voucher.png";
    }
  else
    request = cancel_request (fixture, account_id, order_id);
  /* dd_action_rules_may_be_pending(): PandaPon's cancel (1688 orders
   * included) and voucher. */
  may_be_pending = cell->call->kind == CALL_VOUCHER || cell->call->kind == CALL_CANCEL_1688 ||
                   (cell->call->kind == CALL_CANCEL && g_str_equal (account_id, "sandbox-pandapon"));

  if (!add_fault (fixture, cell))
    return;
  result = run_action (fixture, &request, &error);
  if (g_str_equal (cell->call->api, "/alibaba/order/detail"))
    {
      /* The read before the write failed: refused, nothing sent. */
      g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
      g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/alibaba/order/cancel"),
                        ==, result != NULL);
      if (result == NULL)
        assert_clear_error (error, cell->fault->codes);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);

  /* Sent once; applied at most once. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, cell->call->api), ==, 1);
  settle (fixture, cell->fault);
  after = truth_of (fixture, cell, order_id, &modified_after);
  /* A voucher keeps the status (under review): its time tells. */
  applied = g_strcmp0 (before, after) != 0 || modified_after != modified_before;
  if (cell->fault->effect == EFFECT_LOST)
    g_assert_false (applied);
  else if (!may_be_pending)
    g_assert_true (applied);
  check_write_result (fixture, cell, result, applied, may_be_pending);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, cell->call->api), ==, 1);

  /* The log's one entry is what the result says. */
  {
    g_autoptr(GPtrArray) entries = log_of (fixture, account_id, order_id);

    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpint (((DdActionRecord *) g_ptr_array_index (entries, 0))->state, ==, result->state);
  }

  /* Nothing changes it again later: no retry left behind. */
  until = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5000);
    }
  later = truth_of (fixture, cell, order_id, &modified_later);
  g_assert_cmpstr (later, ==, after);
  g_assert_cmpint (modified_later, ==, modified_after);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, cell->call->api), ==, 1);
}

static void
run_purchase (Fixture    *fixture,
              const Cell *cell)
{
  const char *account_id = cell->call->account_id;
  g_autofree char *key = g_strdup_printf ("matrix-%s", cell->fault->name);
  gboolean is_1688 = cell->call->kind == CALL_PURCHASE_1688;
  g_autoptr(DdPurchaseRequest) purchase = is_1688 ? new_1688_purchase (key, 1) : new_purchase (account_id, key);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(DdActionResult) again = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRequest request = { 0 };
  guint n_before = count_purchases (fixture, account_id);
  guint n_after;

  request.action = DD_ACTION_CREATE_PURCHASE;
  request.account_id = account_id;
  request.purchase = purchase;

  if (!add_fault (fixture, cell))
    return;
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, cell->call->api), ==, 1);
  settle (fixture, cell->fault);

  n_after = count_purchases (fixture, account_id);
  if (cell->fault->effect == EFFECT_LOST)
    g_assert_cmpuint (n_after, ==, n_before);
  else
    g_assert_cmpuint (n_after, ==, n_before + 1);
  assert_clear_message (result->message);
  if (result->error != NULL)
    assert_clear_error (result->error, cell->fault->codes | CODE (RATE_LIMITED));
  if (result->state == DD_ACTION_STATE_DONE)
    g_assert_true (cell->fault->effect == EFFECT_NONE || cell->fault->effect == EFFECT_MAYBE);

  /* A 1688 order has no key: after a lost answer no retry is offered,
   * for a second create could not be recognised as the same. */
  if (is_1688)
    {
      if (result->state == DD_ACTION_STATE_UNKNOWN)
        g_assert_false (result->can_retry);
      return;
    }

  /* The person tries again with the same key, as the app offers: one
   * order in all, never two. */
  if (result->state != DD_ACTION_STATE_DONE)
    {
      g_assert_true (result->can_retry);
      again = run_action (fixture, &request, &error);
      g_assert_no_error (error);
      g_assert_cmpint (again->state, ==, DD_ACTION_STATE_DONE);
    }
  g_assert_cmpuint (count_purchases (fixture, account_id), ==, n_before + 1);
}

/* The 1688 payment page of a new 1688 order: the page, or a failure to
 * try again; never a payment. */
static void
run_pay_url (Fixture    *fixture,
             const Cell *cell)
{
  g_autoptr(DdOrder) order = create_1688_order (fixture, "matrix-pay-url");
  DdActionRequest pay = pay_url_request (order);
  const char *order_id = dd_order_get_order_id (order);
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  g_assert_true (g_str_has_prefix (order_id, "1688-"));
  if (!add_fault (fixture, cell))
    return;
  result = run_action (fixture, &pay, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  assert_clear_message (result->message);
  if (cell->fault->effect == EFFECT_NONE)
    g_assert_cmpint (result->state, ==, DD_ACTION_STATE_DONE);
  if (result->state == DD_ACTION_STATE_DONE)
    g_assert_nonnull (result->pay_url);
  else
    {
      g_assert_cmpint (result->state, ==, DD_ACTION_STATE_FAILED);
      g_assert_true (result->can_retry);
      g_assert_null (result->pay_url);
      assert_clear_error (result->error, cell->fault->codes);
    }

  /* Nothing paid, whatever happened. */
  settle (fixture, cell->fault);
  status = dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (fixture->sandbox),
                                          order_id + strlen ("1688-"));
  g_assert_cmpstr (status, ==, "waitbuyerpay");
}

/* An open after-sale case withdrawn: sent once, withdrawn at most once,
 * and the result says which. */
static void
run_withdraw (Fixture    *fixture,
              const Cell *cell)
{
  g_autofree char *refund_id = pp_open_refund_id (fixture);
  g_autofree char *api = g_strconcat (cell->call->api, refund_id, NULL);
  g_autofree char *after = NULL;
  g_autoptr(DdActionResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdActionRequest request = { 0 };
  gboolean applied;

  request.action = DD_ACTION_CANCEL_AFTER_SALE;
  request.account_id = cell->call->account_id;
  request.refund_id = refund_id;
  if (!add_fault_to (fixture, cell, api))
    return;
  result = run_action (fixture, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 1);

  settle (fixture, cell->fault);
  after = pp_after_sale_status (fixture, refund_id);
  g_assert_nonnull (after);
  applied = g_strcmp0 (after, "WAIT_SELLER_AGREE") != 0;
  g_assert_true (applied == (cell->fault->effect != EFFECT_LOST));
  check_write_result (fixture, cell, result, applied, FALSE);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 1);
}

/* The id the detail pane asks a parcel's trace by: a sub-order of a
 * shipped order (after a sync, without faults). */
static char *
shipped_line_id (Fixture    *fixture,
                 const Cell *cell)
{
  g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (fixture->sandbox, cell->call->platform);
  g_autoptr(GError) error = NULL;

  run_sync (fixture, cell->call->account_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < states->len; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);
      g_autoptr(DdOrder) order = NULL;

      if (g_strcmp0 (state->status, "WAIT_BUYER_CONFIRM_GOODS") != 0)
        continue;
      order = dd_cache_lookup_order (fixture->cache, cell->call->account_id, state->order_id, NULL);
      if (order != NULL && dd_order_get_n_lines (order) > 0)
        return g_strdup (dd_order_line_get_line_id (dd_order_get_line (order, 0)));
    }
  g_assert_not_reached ();
}

/* A read the UI (or the runner's read-back) makes through the client
 * alone: its answer or a clear error, and the cache untouched. */
static void
run_direct_read (Fixture    *fixture,
                 const Cell *cell)
{
  DdClient *client = client_of (fixture, cell->call->account_id);
  g_autoptr(DdPurchaseRequest) purchase = new_purchase (cell->call->account_id, "matrix-preview");
  g_autofree char *line_id = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean answered = FALSE;
  guint n_orders;

  if (cell->call->kind == CALL_LOGISTICS)
    line_id = shipped_line_id (fixture, cell);
  n_orders = dd_cache_count_orders (fixture->cache, cell->call->account_id);

  if (!add_fault (fixture, cell))
    return;
  if (cell->call->kind == CALL_AFTER_SALES)
    dd_client_list_after_sales_async (client, 1, 20, NULL, store_result_cb, &result);
  else if (cell->call->kind == CALL_LOGISTICS)
    dd_client_get_logistics_async (client, line_id, NULL, store_result_cb, &result);
  else
    dd_client_render_purchase_async (client, purchase, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (cell->call->kind == CALL_AFTER_SALES)
    {
      g_autoptr(DdAfterSalePage) page = dd_client_list_after_sales_finish (client, result, &error);
      answered = page != NULL;
    }
  else if (cell->call->kind == CALL_LOGISTICS)
    {
      g_autoptr(DdLogistics) logistics = dd_client_get_logistics_finish (client, result, &error);
      answered = logistics != NULL;
    }
  else
    {
      g_autoptr(DdPurchasePreview) preview = dd_client_render_purchase_finish (client, result, &error);
      answered = preview != NULL;
    }
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  check_read (fixture, cell, error);
  g_assert_true (answered == (error == NULL));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, cell->call->account_id), ==, n_orders);
}

/* A sync whose access token the platform refuses: the client refreshes
 * the pair once. Lost before the platform rotated it, the next sync
 * refreshes and ends well; rotated with the answer lost, the pair we hold
 * is spent, and the next sync asks the person to connect the account
 * again: both with clear errors, never a second refresh in one sync. */
static void
run_token_refresh (Fixture    *fixture,
                   const Cell *cell)
{
  g_autofree char *access_token = NULL;
  g_autofree char *refresh_token = NULL;
  g_autofree char *endpoint = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/rest", NULL);
  g_autoptr(DdClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean refreshed;

  dd_sandbox_auth_issue (fixture->sandbox, DD_SANDBOX_AUTH_TW, &access_token, &refresh_token);
  client = DD_CLIENT (dd_tw_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                                        DD_SANDBOX_DEFAULT_APP_SECRET, access_token));
  dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), refresh_token);
  dd_sandbox_expire_token (fixture->sandbox, access_token);

  if (!add_fault (fixture, cell))
    return;
  run_sync_with (fixture, client, cell->call->account_id, &error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, cell->call->api), ==, 1);
  /* The refresh's own trouble, not "connect the account again", nor a
   * write's "check the order". */
  check_read (fixture, cell, error);
  if (error != NULL && error->code != DD_PLATFORM_ERROR_RATE_LIMITED)
    g_assert_true (g_str_has_prefix (error->message, "The shop’s authorisation could not be renewed"));
  refreshed = error == NULL;

  settle (fixture, cell->fault);
  g_clear_error (&error);
  run_sync_with (fixture, client, cell->call->account_id, &error);
  if (refreshed || cell->fault->effect == EFFECT_NONE || cell->fault->effect == EFFECT_LOST)
    {
      g_assert_no_error (error);
      assert_converged (fixture, cell->call->account_id, cell->call->platform);
    }
  else
    {
      /* The platform rotated the pair; its answer never reached us. */
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
      g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_REAUTH);
      assert_clear_message (error->message);
    }
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, cell->call->api), <=, 2);
}

static void
test_cell (gconstpointer data)
{
  const Cell *cell = data;
  const MatrixCall *call = cell->call;
  Fixture fixture_ = { 0 };
  Fixture *fixture = &fixture_;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* The after-sale calls need shipped orders with open cases. */
  fixture_set_up (fixture, call->kind == CALL_WITHDRAW || call->kind == CALL_AFTER_SALES
                           ? "with-after-sales" : NULL);
  dd_http_set_timeout (fixture->http, 1);
  dd_http_set_deadline (fixture->http, 2);
  dd_http_set_max_retries (fixture->http, 0);
  dd_action_runner_set_read_back (fixture->runner, 50, 200, 400);

  start = g_get_monotonic_time ();
  switch (call->kind)
    {
    case CALL_SYNC:
      if (!add_fault (fixture, cell))
        goto out;
      run_sync (fixture, call->account_id, &error);
      g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
      check_read (fixture, cell, error);
      break;

    case CALL_SYNC_INCREMENT:
      {
        g_autoptr(GPtrArray) touched = NULL;

        run_sync (fixture, call->account_id, &error);
        g_assert_no_error (error);
        touched = dd_sandbox_touch_orders (fixture->sandbox, call->platform, 3, 7);
        if (!add_fault (fixture, cell))
          goto out;
        run_sync (fixture, call->account_id, &error);
        g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
        check_read (fixture, cell, error);
      }
      break;

    case CALL_REFRESH:
      {
        g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (fixture->sandbox, call->platform);
        DdSandboxOrderState *state = g_ptr_array_index (states, 0);
        g_autoptr(DdOrder) order = NULL;

        if (!add_fault (fixture, cell))
          goto out;
        order = run_refresh (fixture, call->account_id, state->order_id, &error);
        g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
        check_read (fixture, cell, error);
        g_assert_true ((order == NULL) == (error != NULL));
        if (order == NULL)
          {
            /* Nothing stored from a reply that failed. */
            g_autoptr(DdOrder) cached = dd_cache_lookup_order (fixture->cache, call->account_id,
                                                               state->order_id, NULL);
            g_assert_null (cached);
          }
      }
      break;

    case CALL_CANCEL:
    case CALL_PAY:
    case CALL_VOUCHER:
    case CALL_CANCEL_1688:
      run_write (fixture, cell);
      break;

    case CALL_PURCHASE:
    case CALL_PURCHASE_1688:
      run_purchase (fixture, cell);
      break;

    case CALL_PAY_URL:
      run_pay_url (fixture, cell);
      break;

    case CALL_WITHDRAW:
      run_withdraw (fixture, cell);
      break;

    case CALL_AFTER_SALES:
    case CALL_LOGISTICS:
    case CALL_PREVIEW:
      run_direct_read (fixture, cell);
      break;

    case CALL_TOKEN_REFRESH:
      run_token_refresh (fixture, cell);
      break;
    }

  g_test_message ("call took %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  /* Nothing hangs: a read ends by the deadline (2 s), a write adds the
   * read-back's give-up (1 s); huge stops at the cap, drip at the deadline.
   * The logistics read has a sync before it, the refresh a sync after. */
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   (call->kind >= CALL_CANCEL && call->kind != CALL_AFTER_SALES &&
                    call->kind != CALL_PREVIEW ? 5 : 3) * G_USEC_PER_SEC);

  if (!g_test_failed () && dd_sandbox_get_n_faults_served (fixture->sandbox) > 0)
    {
      /* The next sync, faults spent: the sandbox's truth. */
      settle (fixture, cell->fault);
      g_clear_error (&error);
      run_sync (fixture, call->account_id, &error);
      g_assert_no_error (error);
      assert_converged (fixture, call->account_id, call->platform);
    }

out:
  fixture_tear_down (fixture, NULL);
}

/* ---- a ban, waited out -------------------------------------------------------- */

static GSource *
note_sleep (guint    delay_ms,
            gpointer user_data)
{
  GArray *delays = user_data;

  g_array_append_val (delays, delay_ms);
  return g_timeout_source_new (delay_ms);
}

/* A sync that meets a short ban, with the app's retries: asked again only
 * once the ban's seconds have passed, then done, the cache the truth. */
static void
test_ban_waited (gconstpointer data)
{
  const MatrixCall *call = data;
  Fixture fixture_ = { 0 };
  Fixture *fixture = &fixture_;
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strdup_printf ("%s=ban@1", call->api);
  guint n_before;

  fixture_set_up (fixture, NULL);
  dd_http_set_timeout (fixture->http, 1);
  dd_http_set_max_retries (fixture->http, 2);
  dd_http_set_sleep_func (fixture->http, note_sleep, g_array_ref (delays), (GDestroyNotify) g_array_unref);

  g_assert_true (dd_sandbox_add_faults_from_string (fixture->sandbox, spec, &error));
  g_assert_no_error (error);
  n_before = dd_sandbox_get_n_requests (fixture->sandbox, call->api);
  run_sync (fixture, call->account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);

  /* One wait, of the ban's second at least; then asked again, once. */
  g_assert_cmpuint (delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (delays, guint, 0), >=, 1000);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, call->api), >=, n_before + 2);
  assert_converged (fixture, call->account_id, call->platform);

  fixture_tear_down (fixture, NULL);
}

/* @api as part of a test path: no slash at either end ("…/refund/cancel/"
 * has the refund id follow). */
static char *
path_of_api (const char *api)
{
  char *path = g_strdup (api[0] == '/' ? api + 1 : api);

  if (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  return path;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  load_msgids ();

  for (guint i = 0; i < G_N_ELEMENTS (matrix_calls); i++)
    for (guint j = 0; j < G_N_ELEMENTS (matrix_faults); j++)
      {
        Cell *cell = g_new0 (Cell, 1);
        g_autofree char *api = path_of_api (matrix_calls[i].api);
        g_autofree char *path = NULL;

        cell->call = &matrix_calls[i];
        cell->fault = &matrix_faults[j];
        g_ptr_array_add (cells, cell);
        path = g_strdup_printf ("/dingdan/fault-matrix/%s/%s/%s", cell->call->platform, api,
                                cell->fault->name);
        g_test_add_data_func (path, cell, test_cell);
      }

  for (guint i = 0; i < G_N_ELEMENTS (matrix_calls); i++)
    /* Each platform's first listing call. */
    if (matrix_calls[i].kind == CALL_SYNC && !g_str_equal (matrix_calls[i].api, "/order/items/get"))
      {
        g_autofree char *api = path_of_api (matrix_calls[i].api);
        g_autofree char *path = g_strdup_printf ("/dingdan/fault-matrix/%s/%s/ban-waited",
                                                 matrix_calls[i].platform, api);

        g_test_add_data_func (path, &matrix_calls[i], test_ban_waited);
      }

  return g_test_run ();
}
