/* fuzz-sku-info.c: a line's SKU properties: Taiwan's sku_info (a JSON string
 * of [{propertyName, valueText, …}]) and TOP's "颜色分类:黑色;尺码:XL"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the text itself; both parsers read every input.
 */
#include "config.h"

#include "dd-top-parse.h"
#include "dd-tw-parse.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(DdOrderLine) tw_line = NULL;
  g_autoptr(DdOrderLine) top_line = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  text = fuzz_strndup (data, size);

  tw_line = dd_order_line_new ();
  if (!dd_tw_parse_sku_info (text, tw_line, &error))
    g_assert (error != NULL);
  else
    g_assert_no_error (error);

  top_line = dd_order_line_new ();
  dd_top_parse_sku_properties (text, top_line);
  return 0;
}
