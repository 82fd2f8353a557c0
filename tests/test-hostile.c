/* test-hostile.c: the sandbox's hostile mode and the parser boundary (issue H)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-json.h"
#include "dd-sandbox.h"
#include "dd-sandbox-hostile-private.h"
#include "dd-sandbox-orders.h"

#define MARK "<b>bold</b>"

/* The first id "1", "2"… that is (or is not) hostile. */
static char *
find_id (gboolean hostile)
{
  for (guint i = 1; ; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      if (dd_sandbox_is_hostile_order (id) == hostile)
        return g_steal_pointer (&id);
    }
}

static void
test_pick (void)
{
  guint n_hostile = 0;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 100000 + i * 7);

      n_hostile += dd_sandbox_is_hostile_order (id);
      /* Deterministic: the same answer every time. */
      g_assert_true (dd_sandbox_is_hostile_order (id) == dd_sandbox_is_hostile_order (id));
    }
  /* About one in five. */
  g_assert_cmpuint (n_hostile, >, 120);
  g_assert_cmpuint (n_hostile, <, 280);
}

static char *
reply_with (const char *hostile_id,
            const char *plain_id)
{
  return g_strdup_printf ("{\"result\":{\"model_list\":["
                          "{\"trade_order_id\":\"%s\",\"status\":\"shipped\",\"buyer_full_name\":\"A\","
                          "\"receiver\":\"{\\\"name\\\":\\\"B\\\"}\","
                          "\"order_items\":[{\"title\":\"T\",\"unit_price\":\"10.00\"}]},"
                          "{\"trade_order_id\":\"%s\",\"status\":\"shipped\",\"buyer_full_name\":\"C\"}"
                          "]}}", hostile_id, plain_id);
}

static void
assert_clean (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
test_rewrite (void)
{
  g_autoptr(DdSandbox) sandbox = dd_sandbox_new (1, 20, NULL, NULL, NULL);
  DdSandboxHostile *hostile = dd_sandbox_hostile_new (sandbox);
  g_autofree char *hostile_id = find_id (TRUE);
  g_autofree char *plain_id = find_id (FALSE);
  char *data = reply_with (hostile_id, plain_id);
  gsize len = strlen (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *first, *second, *line;
  JsonArray *list;
  char *text = NULL;

  data = dd_sandbox_hostile_rewrite (hostile, data, &len);

  /* What a hostile server sends: not strictly JSON any more. */
  g_assert_false (g_utf8_validate (data, (gssize) len, NULL));
  g_assert_nonnull (g_strstr_len (data, (gssize) len, "\\u0000"));
  g_assert_nonnull (g_strstr_len (data, (gssize) len, "\\ud800"));
  g_assert_null (g_strstr_len (data, (gssize) len, "@@DD-HOSTILE"));

  /* The boundary repairs it: every string valid UTF-8, no NUL. */
  root = dd_json_parse_object (data, (gssize) len, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_object_get_object_member (json_node_get_object (root), "result"),
                                       "model_list");
  first = json_array_get_object_element (list, 0);
  second = json_array_get_object_element (list, 1);

  /* Ids and statuses untouched. */
  g_assert_cmpstr (json_object_get_string_member (first, "trade_order_id"), ==, hostile_id);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "shipped");
  line = json_array_get_object_element (json_object_get_array_member (first, "order_items"), 0);
  g_assert_cmpstr (json_object_get_string_member (line, "unit_price"), ==, "10.00");

  /* The displayed fields hostile, below the order too, markup as data. */
  dd_json_get_string (first, "buyer_full_name", FALSE, &text, &error);
  g_assert_no_error (error);
  assert_clean (text);
  g_assert_nonnull (strstr (text, MARK));
  g_assert_nonnull (strstr (text, "\u202e"));
  g_assert_nonnull (strstr (text, "\x1b[31m"));
  g_assert_nonnull (strstr (text, "nul\xef\xbf\xbd" "after"));
  g_assert_nonnull (strstr (text, "sur\xef\xbf\xbd" "gate"));
  g_assert_nonnull (strstr (text, "bad\xef\xbf\xbd"));
  g_clear_pointer (&text, g_free);
  g_assert_nonnull (strstr (json_object_get_string_member (line, "title"), MARK));
  /* JSON inside a string member is rewritten inside. */
  g_assert_nonnull (strstr (json_object_get_string_member (first, "receiver"), MARK));

  /* The other order as it was. */
  g_assert_cmpstr (json_object_get_string_member (second, "buyer_full_name"), ==, "C");

  g_free (data);
  dd_sandbox_hostile_free (hostile);
}

static void
test_no_hostile_order (void)
{
  g_autoptr(DdSandbox) sandbox = dd_sandbox_new (1, 20, NULL, NULL, NULL);
  DdSandboxHostile *hostile = dd_sandbox_hostile_new (sandbox);
  g_autofree char *plain_id = find_id (FALSE);
  g_autofree char *json = g_strdup_printf ("{\"trade_order_id\":\"%s\",\"buyer_full_name\":\"C\"}", plain_id);
  char *data = g_strdup (json);
  gsize len = strlen (data);
  char *out;

  /* No hostile order: the very same bytes. */
  out = dd_sandbox_hostile_rewrite (hostile, data, &len);
  g_assert_true (out == data);
  g_assert_cmpstr (out, ==, json);
  g_free (out);

  /* Off by default; on and off again. */
  g_assert_false (dd_sandbox_get_hostile (sandbox));
  dd_sandbox_set_hostile (sandbox, TRUE);
  g_assert_true (dd_sandbox_get_hostile (sandbox));
  dd_sandbox_set_hostile (sandbox, FALSE);
  g_assert_false (dd_sandbox_get_hostile (sandbox));

  dd_sandbox_hostile_free (hostile);
}

static void
test_big (void)
{
  g_autoptr(DdSandbox) sandbox = dd_sandbox_new (1, 50, NULL, NULL, NULL);
  DdSandboxHostile *hostile = dd_sandbox_hostile_new (sandbox);
  g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (sandbox, DD_SANDBOX_PLATFORM_TW);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *big_id = NULL;
  const char *name;
  char *data;
  gsize len;

  /* The first hostile order of the listing gets the 1 MB names. */
  for (guint i = 0; i < states->len && big_id == NULL; i++)
    {
      DdSandboxOrderState *state = g_ptr_array_index (states, i);

      if (dd_sandbox_is_hostile_order (state->order_id))
        big_id = state->order_id;
    }
  g_assert_nonnull (big_id);

  data = g_strdup_printf ("{\"trade_order_id\":\"%s\",\"buyer_full_name\":\"A\",\"receiver_phone\":\"1\"}", big_id);
  len = strlen (data);
  data = dd_sandbox_hostile_rewrite (hostile, data, &len);
  root = dd_json_parse_object (data, (gssize) len, &error);
  g_assert_no_error (error);
  name = json_object_get_string_member (json_node_get_object (root), "buyer_full_name");
  g_assert_cmpuint (strlen (name), >, 1024 * 1024);
  assert_clean (name);
  /* Not a name: the usual hostile text. */
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (root), "receiver_phone")),
                    <, 4096);

  g_free (data);
  dd_sandbox_hostile_free (hostile);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dingdan/hostile/pick", test_pick);
  g_test_add_func ("/dingdan/hostile/rewrite", test_rewrite);
  g_test_add_func ("/dingdan/hostile/no-hostile-order", test_no_hostile_order);
  g_test_add_func ("/dingdan/hostile/big", test_big);

  return g_test_run ();
}
