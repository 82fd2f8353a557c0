/* sync-helpers.h: the sync tests' platforms, clients and the sandbox's truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "dd-pp-client.h"
#include "dd-sandbox.h"
#include "dd-sandbox-orders.h"
#include "dd-sync-job.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"
#include "test-orders.h"
#include "test-volume.h"

G_BEGIN_DECLS

/* The procurement buyer the sandbox serves (dd-sandbox-top.h). */
#define SYNC_TEST_PC_BUYER_ID "2200000001"

typedef struct
{
  const char *name;             /* DD_SANDBOX_PLATFORM_* (= DD_PLATFORM_*) */
  const char *account_id;
  const char *list_calls[3];    /* the listing calls (sandbox counters and hook), NULL-terminated */
} SyncTestPlatform;

static const SyncTestPlatform sync_test_platforms[] = {
  { DD_SANDBOX_PLATFORM_TW, "tw:sync-test", { "/orders/get", NULL } },
  { DD_SANDBOX_PLATFORM_TOP, "top:sync-test",
    { "taobao.trades.sold.get", "taobao.trades.sold.increment.get", NULL } },
  { DD_SANDBOX_PLATFORM_TOP_PC, "top-pc:sync-test", { "taobao.pc.order.list", NULL } },
  { DD_SANDBOX_PLATFORM_PANDAPON, "pandapon:sync-test", { "/open/order/page", NULL } },
};

static inline const SyncTestPlatform *
sync_test_platform (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sync_test_platforms); i++)
    if (g_str_equal (sync_test_platforms[i].name, name))
      return &sync_test_platforms[i];
  g_assert_not_reached ();
}

static inline gboolean
sync_test_is_list_call (const SyncTestPlatform *platform,
                        const char             *api_path)
{
  for (guint i = 0; platform->list_calls[i] != NULL; i++)
    if (g_str_equal (platform->list_calls[i], api_path))
      return TRUE;
  return FALSE;
}

/* Listing calls the sandbox answered so far. */
static inline guint
sync_test_n_list_calls (DdSandbox              *sandbox,
                        const SyncTestPlatform *platform)
{
  guint n = 0;

  for (guint i = 0; platform->list_calls[i] != NULL; i++)
    n += dd_sandbox_get_n_requests (sandbox, platform->list_calls[i]);
  return n;
}

/* A client of @platform's sandbox account at @base_url. */
static inline DdClient *
sync_test_client_new (const SyncTestPlatform *platform,
                      DdHttp                 *http,
                      const char             *base_url)
{
  g_autofree char *tw = g_strconcat (base_url, "/rest", NULL);
  g_autofree char *top = g_strconcat (base_url, "/router/rest", NULL);

  if (g_str_equal (platform->name, DD_SANDBOX_PLATFORM_TW))
    return DD_CLIENT (dd_tw_client_new (http, tw, DD_SANDBOX_DEFAULT_APP_KEY,
                                        DD_SANDBOX_DEFAULT_APP_SECRET,
                                        DD_SANDBOX_DEFAULT_ACCESS_TOKEN));
  if (g_str_equal (platform->name, DD_SANDBOX_PLATFORM_TOP))
    return DD_CLIENT (dd_top_client_new (http, top, DD_SANDBOX_DEFAULT_APP_KEY,
                                         DD_SANDBOX_DEFAULT_APP_SECRET,
                                         DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SIGN_TOP_MD5));
  if (g_str_equal (platform->name, DD_SANDBOX_PLATFORM_TOP_PC))
    return DD_CLIENT (dd_top_pc_client_new (http, top, DD_SANDBOX_DEFAULT_APP_KEY,
                                            DD_SANDBOX_DEFAULT_APP_SECRET,
                                            DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SIGN_TOP_MD5,
                                            SYNC_TEST_PC_BUYER_ID));
  if (g_str_equal (platform->name, DD_SANDBOX_PLATFORM_PANDAPON))
    return DD_CLIENT (dd_pp_client_new (http, base_url, DD_SANDBOX_DEFAULT_APP_KEY,
                                        DD_SANDBOX_DEFAULT_APP_SECRET, "sync-test-user"));
  g_assert_not_reached ();
}

static void
sync_test_run_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_false (dd_sync_job_get_running (DD_SYNC_JOB (object)));
  *out = g_object_ref (result);
}

/* Runs one sync to its end on this thread's main context. */
static inline gboolean
sync_test_run (DdSyncJob     *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_sync_job_run_async (job, cancellable, sync_test_run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_sync_job_run_finish (job, result, error);
}

static inline gint64
sync_test_ms (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* The cache holds exactly the orders @platform's listing serves, each with
 * the platform's status and modification time. */
static inline void
sync_test_assert_truth (DdCache                *cache,
                        DdSandbox              *sandbox,
                        const SyncTestPlatform *platform)
{
  g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (sandbox, platform->name);
  guint n_wrong = 0;

  g_assert_nonnull (states);
  g_assert_cmpuint (states->len, >, 0);
  for (guint i = 0; i < states->len; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = dd_cache_lookup_order (cache, platform->account_id,
                                                        state->order_id, &error);

      g_assert_no_error (error);
      if (order == NULL ||
          g_strcmp0 (dd_order_get_raw_status (order), state->status) != 0 ||
          sync_test_ms (dd_order_get_modified (order)) != state->modified_ms)
        {
          if (n_wrong++ < 5)
            g_test_message ("%s %s: cached %s at %" G_GINT64_FORMAT ", platform %s at %" G_GINT64_FORMAT,
                            platform->name, state->order_id,
                            order != NULL ? dd_order_get_raw_status (order) : "(none)",
                            order != NULL ? sync_test_ms (dd_order_get_modified (order)) : -1,
                            state->status, state->modified_ms);
        }
    }
  g_assert_cmpuint (n_wrong, ==, 0);
  /* Nothing more: the same set of ids. */
  g_assert_cmpuint (dd_cache_count_orders (cache, platform->account_id), ==, states->len);
}

/* How many of @platform's orders were modified at or after @since_ms. */
static inline guint
sync_test_count_modified_since (DdSandbox              *sandbox,
                                const SyncTestPlatform *platform,
                                gint64                  since_ms)
{
  g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (sandbox, platform->name);
  guint n = 0;

  for (guint i = 0; i < states->len; i++)
    n += ((DdSandboxOrderState *) g_ptr_array_index (states, i))->modified_ms >= since_ms;
  return n;
}

G_END_DECLS
