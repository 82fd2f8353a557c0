/* fuzz-pp-parse.c: PandaPon's answers (dd-pp-parse.c, dd-pp-reply.c, dd-pp-json.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one selector byte (which call's parser, modulo N_KINDS), then the
 * answer as the platform would send it, envelope included.
 */
#include "config.h"

#include "dd-pp-client.h"
#include "dd-pp-parse.h"
#include "fuzz-common.h"

enum
{
  KIND_ENVELOPE,
  KIND_ORDERS_PAGE,
  KIND_ORDER_DETAIL,
  KIND_ORDER_1688_DETAIL,
  KIND_CREATE,
  KIND_CREATE_1688,
  KIND_CANCEL,
  KIND_PAY,
  KIND_OK,
  KIND_PAY_URL,
  KIND_LOGISTICS,
  KIND_AFTER_SALES,
  KIND_ORDER_JSON,
  N_KINDS
};

#define CHECK(result) g_assert (((result) == NULL) == (error != NULL))

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  DdActionOutcome outcome;
  int kind;
  gsize len;

  fuzz_init ();
  if (size < 1)
    return 0;
  kind = data[0] % N_KINDS;
  body = fuzz_strndup (data + 1, size - 1);
  len = size - 1;

  switch (kind)
    {
    case KIND_ENVELOPE:
      {
        g_autofree char *request_id = NULL;
        JsonNode *data_node = NULL;
        g_autoptr(JsonNode) root = dd_pp_parse_envelope (body, len, (size & 1) != 0,
                                                         &request_id, &data_node, &error);

        CHECK (root);
      }
      break;
    case KIND_ORDERS_PAGE:
      {
        g_autoptr(DdOrderPage) page = dd_pp_parse_orders_page (body, len, &error);

        CHECK (page);
      }
      break;
    case KIND_ORDER_DETAIL:
      {
        g_autoptr(DdOrder) order = dd_pp_parse_order_detail (body, len, &error);

        CHECK (order);
      }
      break;
    case KIND_ORDER_1688_DETAIL:
      {
        g_autoptr(DdOrder) order = dd_pp_parse_order_1688_detail (body, len, &error);

        CHECK (order);
      }
      break;
    case KIND_CREATE:
      {
        g_autoptr(DdOrder) order = dd_pp_parse_create (body, len, &error);

        CHECK (order);
      }
      break;
    case KIND_CREATE_1688:
      {
        g_autoptr(DdOrder) order = dd_pp_parse_create_1688 (body, len, &error);

        CHECK (order);
      }
      break;
    case KIND_CANCEL:
      (void) dd_pp_parse_cancel (body, len, &outcome, &error);
      break;
    case KIND_PAY:
      (void) dd_pp_parse_pay (body, len, &outcome, &error);
      break;
    case KIND_OK:
      (void) dd_pp_parse_ok (body, len, &error);
      break;
    case KIND_PAY_URL:
      {
        g_autofree char *url = dd_pp_parse_pay_url (body, len, "1688000001", &error);

        CHECK (url);
      }
      break;
    case KIND_LOGISTICS:
      {
        g_autoptr(DdLogistics) logistics = dd_pp_parse_logistics (body, len, &error);

        CHECK (logistics);
      }
      break;
    case KIND_AFTER_SALES:
      {
        g_autoptr(DdAfterSalePage) page = dd_pp_parse_after_sales (body, len, &error);

        CHECK (page);
      }
      break;
    case KIND_ORDER_JSON:
      {
        g_autoptr(DdOrder) order = dd_pp_parse_order_json (body, len, &error);

        CHECK (order);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return 0;
}
