/* dd-sandbox-top.c: placeholder until the TOP router lands (issue B) */
#include "config.h"

#include "dd-sandbox-top.h"

struct _DdSandboxTopShop { int unused; };

DdSandboxTopShop *
dd_sandbox_top_shop_new (guint64 seed, guint n_trades, guint n_pc_orders, gint64 now_ms)
{
  return g_new0 (DdSandboxTopShop, 1);
}

void
dd_sandbox_top_shop_free (DdSandboxTopShop *shop)
{
  g_free (shop);
}

void
dd_sandbox_top_handle (DdSandbox *self, DdSandboxRequest *request)
{
  soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_FOUND, NULL);
}
