/* fuzz-tw-parse.c: Taobao Taiwan's answers (dd-tw-parse.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one selector byte (which call's parser, modulo N_KINDS), then the
 * response body as the platform would send it. fuzz-record writes the
 * sandbox's answers in this shape.
 */
#include "config.h"

#include "dd-tw-parse.h"
#include "fuzz-common.h"

enum
{
  KIND_ENVELOPE,
  KIND_ORDERS_PAGE,
  KIND_ORDERS_PAGE_FULL,
  KIND_ORDERS_PAGE_BARE,
  KIND_ORDER_ITEMS,
  KIND_ORDER,
  KIND_ORDER_MODULE,
  KIND_BAN_SECONDS,
  N_KINDS
};

static void
parse_page (int         kind,
            const char *body,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) line_ids = NULL;
  g_autoptr(GPtrArray) raw_orders = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  if (kind == KIND_ORDERS_PAGE)
    page = dd_tw_parse_orders_page (body, len, &line_ids, &error);
  else if (kind == KIND_ORDERS_PAGE_FULL)
    page = dd_tw_parse_orders_page_full (body, len, &line_ids, &raw_orders, &error);
  else
    page = dd_tw_parse_orders_page_bare (body, len, &line_ids, &raw_orders, &error);
  g_assert ((page == NULL) == (error != NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
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
        g_autoptr(JsonNode) root = dd_tw_parse_envelope (body, len, &request_id, &error);

        g_assert ((root == NULL) == (error != NULL));
      }
      break;
    case KIND_ORDERS_PAGE:
    case KIND_ORDERS_PAGE_FULL:
    case KIND_ORDERS_PAGE_BARE:
      parse_page (kind, body, len);
      break;
    case KIND_ORDER_ITEMS:
      {
        g_autoptr(GPtrArray) raw_lines = NULL;
        g_autoptr(GPtrArray) lines = NULL;
        guint64 total = 0;

        lines = dd_tw_parse_order_items (body, len, &total, &raw_lines, &error);
        g_assert ((lines == NULL) == (error != NULL));
      }
      break;
    case KIND_ORDER:
      {
        g_autoptr(DdOrder) order = dd_tw_parse_order (body, len, &error);

        g_assert ((order == NULL) == (error != NULL));
      }
      break;
    case KIND_ORDER_MODULE:
      {
        g_autoptr(DdOrder) order = dd_tw_parse_order_module (body, len, &error);

        g_assert ((order == NULL) == (error != NULL));
      }
      break;
    case KIND_BAN_SECONDS:
      (void) dd_tw_parse_ban_seconds (body);
      {
        g_autofree char *id = dd_tw_unquote_id (body);

        (void) id;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return 0;
}
