/* pp-1688-order.c: puts an unpaid 1688-goods order of the sandbox's PandaPon
 * account into a cache, for test-window-pay.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PandaPon lists Taobao goods only, so a sync never brings a 1688-goods
 * order into the cache (dd-pp-client.h). This helper starts the sandbox
 * with the seed `dingdan --sandbox` uses (the same orders, the same ids),
 * reads the first unpaid 1688 order through the account's own client and
 * stores it in the cache at argv[1] with dd_order_refresh_async(), as the
 * app itself would. Run it while the app is closed. Prints the order's id,
 * its total in minor units and its currency, tab-separated; exits 1 (the
 * reason on stderr) when it could not.
 */
#include "config.h"

#include <stdio.h>

#include "dd-account.h"
#include "dd-cache.h"
#include "dd-order-refresh.h"
#include "dd-pp-parse.h"
#include "dd-sandbox.h"
#include "dd-sandbox-pp.h"

#define ACCOUNT_ID "sandbox-pandapon"

typedef struct
{
  GMainLoop *loop;
  DdOrder   *order;
  GError    *error;
} Refresh;

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Refresh *refresh = user_data;

  refresh->order = dd_order_refresh_finish (result, NULL, &refresh->error);
  g_main_loop_quit (refresh->loop);
}

/* The first 1688 orderId still waiting for its payment, or NULL. */
static char *
first_unpaid (DdSandbox *sandbox)
{
  DdSandboxPpShop *shop = dd_sandbox_get_pp_shop (sandbox);
  g_autoptr(GPtrArray) ids = dd_sandbox_pp_shop_list_1688_order_ids (shop);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *status = dd_sandbox_pp_shop_dup_status (shop, id);

      if (g_strcmp0 (status, "waitbuyerpay") == 0)
        return g_strdup (id);
    }

  return NULL;
}

static DdClient *
account_client (GPtrArray *accounts)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (accounts, i);

      if (g_str_equal (dd_account_get_id (account), ACCOUNT_ID))
        return dd_account_get_client (account);
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autofree char *id = NULL;
  g_autofree char *order_id = NULL;
  Refresh refresh = { 0 };
  DdClient *client;
  const DdMoney *total;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s CACHE-PATH\n", argv[0]);
      return 2;
    }

  sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, DD_SANDBOX_DEFAULT_ORDERS,
                            DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                            DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  if (!dd_sandbox_listen (sandbox, 0, &error))
    {
      fprintf (stderr, "The sandbox did not start: %s\n", error->message);
      return 1;
    }

  id = first_unpaid (sandbox);
  if (id == NULL)
    {
      fprintf (stderr, "The sandbox has no unpaid 1688 order\n");
      return 1;
    }

  http = dd_http_new ();
  dd_http_set_max_retries (http, 0);
  accounts = dd_account_new_sandbox_set (http, dd_sandbox_get_base_url (sandbox),
                                         DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                         DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  client = account_client (accounts);
  if (client == NULL)
    {
      fprintf (stderr, "The sandbox set has no account %s\n", ACCOUNT_ID);
      return 1;
    }

  cache = dd_cache_new (argv[1], &error);
  if (cache == NULL)
    {
      fprintf (stderr, "The cache %s did not open: %s\n", argv[1], error->message);
      return 1;
    }

  order_id = g_strconcat (DD_PP_1688_PREFIX, id, NULL);
  refresh.loop = g_main_loop_new (NULL, FALSE);
  dd_order_refresh_async (client, cache, ACCOUNT_ID, order_id, NULL, refresh_cb, &refresh);
  g_main_loop_run (refresh.loop);
  g_main_loop_unref (refresh.loop);

  if (refresh.order == NULL)
    {
      fprintf (stderr, "Order %s was not read: %s\n", order_id, refresh.error->message);
      g_error_free (refresh.error);
      return 1;
    }

  total = dd_order_get_total (refresh.order);
  printf ("%s\t%" G_GINT64_FORMAT "\t%s\n", dd_order_get_order_id (refresh.order),
          total != NULL ? total->minor : 0, total != NULL ? total->currency : "");
  g_object_unref (refresh.order);

  return 0;
}
