/* fuzz-order-line-list.c: PandaPon's orderLineList, the JSON string sent at
 * create ([{itemId, orderLineNo, …}]; dd_pp_parse_order_line_list)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the string's text.
 */
#include "config.h"

#include "dd-pp-parse.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  lines = dd_pp_parse_order_line_list (text, "1031992847781331418", &error);
  g_assert ((lines == NULL) == (error != NULL));
  return 0;
}
