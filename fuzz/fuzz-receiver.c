/* fuzz-receiver.c: PandaPon's receiver, a JSON string holding an object (as
 * sent at create) or an object (dd_pp_parse_receiver)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the receiver's JSON text. It goes in twice: as the string the
 * platform nests, and (when it parses) as the JSON node itself.
 */
#include "config.h"

#include "dd-json.h"
#include "dd-pp-parse.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) string_node = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  text = fuzz_strndup (data, size);

  /* JSON strings are UTF-8: json-glib would refuse anything else. */
  if (g_utf8_validate (text, -1, NULL))
    {
      DdDeliveryInfo info = { 0 };

      string_node = json_node_init_string (json_node_alloc (), text);
      if (!dd_pp_parse_receiver (string_node, &info, &error))
        g_assert (error != NULL);
      dd_delivery_info_clear (&info);
      g_clear_error (&error);
    }

  parsed = dd_json_parse (text, size, NULL);
  if (parsed != NULL)
    {
      DdDeliveryInfo info = { 0 };

      if (!dd_pp_parse_receiver (parsed, &info, &error))
        g_assert (error != NULL);
      dd_delivery_info_clear (&info);
    }
  return 0;
}
