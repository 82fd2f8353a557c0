/* dd-sandbox-pp.c: placeholder until the PandaPon API lands (issue B) */
#include "config.h"

#include "dd-sandbox-pp.h"

struct _DdSandboxPpShop { int unused; };

DdSandboxPpShop *
dd_sandbox_pp_shop_new (guint64 seed, guint n_orders, gint64 now_ms)
{
  return g_new0 (DdSandboxPpShop, 1);
}

void
dd_sandbox_pp_shop_free (DdSandboxPpShop *shop)
{
  g_free (shop);
}

void
dd_sandbox_pp_handle (DdSandbox *self, DdSandboxRequest *request)
{
  soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_FOUND, NULL);
}
