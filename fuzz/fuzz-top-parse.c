/* fuzz-top-parse.c: the TOP router's answers, seller and procurement
 * (dd-top-parse.c, dd-top-pc-parse.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one selector byte (the method, modulo G_N_ELEMENTS (methods)),
 * then the router's answer. The envelope is checked for that method, and
 * its response object goes through the method's parser, as the clients do.
 * The cache's raw JSON readers (dd_top_parse_trade_json,
 * dd_top_pc_parse_order_json) take the body as it is.
 */
#include "config.h"

#include "dd-top-client.h"
#include "dd-top-parse.h"
#include "fuzz-common.h"

static const char * const methods[] = {
  "taobao.trades.sold.get",
  "taobao.trades.sold.increment.get",
  "taobao.trade.fullinfo.get",
  "taobao.trade.close",
  "taobao.time.get",
  "taobao.pc.order.list",
  "taobao.pc.order.detail",
  "taobao.pc.order.cancel",
  "taobao.pc.order.render",
  "taobao.pc.out.tower.order.create",
  "raw-trade",
  "raw-pc-order",
};

static void
parse_response (guint       index,
                JsonObject *response,
                const char *request_id)
{
  g_autoptr(GError) error = NULL;

  switch (index)
    {
    case 0:
    case 1:
      {
        g_autoptr(DdOrderPage) page = dd_top_parse_trades_page (response, 0, &error);

        g_assert ((page == NULL) == (error != NULL));
      }
      break;
    case 2:
      {
        g_autoptr(DdOrder) order = dd_top_parse_fullinfo (response, &error);

        g_assert ((order == NULL) == (error != NULL));
      }
      break;
    case 3:
      (void) dd_top_parse_close (response, request_id, &error);
      break;
    case 4:
      (void) dd_top_parse_time_get (response, &error);
      break;
    case 5:
      {
        g_autoptr(DdOrderPage) page = dd_top_pc_parse_list (response, request_id, &error);

        g_assert ((page == NULL) == (error != NULL));
      }
      break;
    case 6:
      {
        g_autoptr(DdOrder) order = dd_top_pc_parse_detail (response, request_id, &error);

        g_assert ((order == NULL) == (error != NULL));
      }
      break;
    case 7:
      (void) dd_top_pc_parse_cancel (response, request_id, &error);
      break;
    case 8:
      {
        g_autoptr(DdPurchasePreview) preview = dd_top_pc_parse_render (response, request_id, &error);

        g_assert ((preview == NULL) == (error != NULL));
      }
      break;
    case 9:
      {
        g_autoptr(DdOrder) order = dd_top_pc_parse_create (response, request_id, &error);

        g_assert ((order == NULL) == (error != NULL));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  guint index;
  gsize len;

  fuzz_init ();
  if (size < 1)
    return 0;
  index = data[0] % G_N_ELEMENTS (methods);
  body = fuzz_strndup (data + 1, size - 1);
  len = size - 1;

  if (index == 10)
    {
      g_autoptr(DdOrder) order = dd_top_parse_trade_json (body, len, &error);

      g_assert ((order == NULL) == (error != NULL));
    }
  else if (index == 11)
    {
      g_autoptr(DdOrder) order = dd_top_pc_parse_order_json (body, len, &error);

      g_assert ((order == NULL) == (error != NULL));
    }
  else
    {
      g_autofree char *request_id = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *response = NULL;

      root = dd_top_parse_envelope (body, len, methods[index], &response, &request_id, &error);
      g_assert ((root == NULL) == (error != NULL));
      if (root != NULL)
        parse_response (index, response, request_id);
    }
  return 0;
}
