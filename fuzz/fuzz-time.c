/* fuzz-time.c: the platforms' time strings: TOP's UTC+8
 * "yyyy-MM-dd HH:mm:ss" (dd_top_parse_time) and PandaPon's Beijing time
 * (dd_pp_parse_beijing_time); Taiwan serves epoch ms, read through
 * dd_json_get_time_ms (the input as a JSON member value).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: the text. A TOP time that parses must print back to itself.
 */
#include "config.h"

#include <string.h>

#include "dd-json.h"
#include "dd-pp-parse.h"
#include "dd-top-parse.h"
#include "fuzz-common.h"

static void
check_top (const char *text)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;

  if (dd_top_parse_time (text, "fuzz", &when, &error))
    {
      g_autofree char *back = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (when);
      back = dd_top_format_time_ms (g_date_time_to_unix (when) * 1000 +
                                    g_date_time_get_microsecond (when) / 1000);
      g_assert_cmpstr (back, ==, text);
    }
  else
    {
      g_assert (error != NULL);
    }
}

static void
check_json_ms (const char *text,
               gsize       len)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;

  /* {"t": <input>}: the input as whatever JSON value it spells. */
  json = g_strdup_printf ("{\"t\": %.*s}", (int) len, text);
  root = dd_json_parse_object (json, -1, NULL);
  if (root == NULL)
    return;
  if (!dd_json_get_time_ms (json_node_get_object (root), "t", TRUE, &when, &error))
    g_assert (error != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) beijing = NULL;

  fuzz_init ();
  text = fuzz_strndup (data, size);

  check_top (text);
  beijing = dd_pp_parse_beijing_time (text);
  check_json_ms (text, strlen (text));
  return 0;
}
