/* test-json.c: type-checked JSON readers and the platform error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dd-json.h"
#include "dd-platform-error.h"

static JsonNode *
parse_ok (const char *data)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = dd_json_parse_object (data, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static void
assert_bad_response (GError     *error,
                     const char *member)
{
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_assert_false (dd_platform_error_is_transient (error));
  if (member != NULL)
    g_assert_nonnull (strstr (error->message, member));
}

static void
test_parse_object (void)
{
  static const char * const bad[] = {
    "",
    "[1, 2]",
    "\"just a string\"",
    "{\"a\": }",
    "{\"a\": 1",
    "{\"id\": 12345678901234567890}",
    "{\"id\": 9223372036854775808}",
    "{\"id\": -9223372036854775809}",
    "{\"id\": [123456789012345678901234]}",
  };
  static const char * const good[] = {
    "{}",
    "{\"id\": 9223372036854775807, \"neg\": -9223372036854775808}",
    "{\"id\": \"12345678901234567890\"}",
    "{\"a\": \"quote \\\" 99999999999999999999999 \\\\\"}",
    "{\"a\": \"\\\\u0000 is text here\"}",
    "{\"big\": 1e20, \"f\": -12345678901234567890.5}",
    "{\"a\": \"台北市\", \"b\": [true, false, null]}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("rejecting %s", bad[i]);
      root = dd_json_parse_object (bad[i], -1, &error);
      g_assert_null (root);
      assert_bad_response (error, NULL);
      g_clear_error (&error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("accepting %s", good[i]);
      root = dd_json_parse_object (good[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
    }

  /* A raw NUL byte inside the given length. */
  node = dd_json_parse_object ("{\"a\": \"x\0y\"}", 12, &error);
  g_assert_null (node);
  assert_bad_response (error, NULL);
  g_clear_error (&error);

  /* Length is honoured: trailing garbage beyond it is not read. */
  node = dd_json_parse_object ("{\"a\": 1}garbage", 8, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  /* dd_json_parse() takes any root. */
  node = dd_json_parse ("[{\"propertyName\": \"色系\"}]", -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
}

/* Found by fuzz/fuzz-top-parse: json-glib 1.6.6 takes "2{…}" or "{…}{…}"
 * for its first value and leaks the rest. A second top-level value is a
 * malformed reply; a single value with whitespace around it is not. */
static void
test_parse_trailing (void)
{
  static const char * const bad[] = {
    "2{\"type\":\"ISV\",\"code\":\"IncompleteSignature\"}",
    "{\"a\": 1}{\"b\": \"c\"}",
    "{\"a\": 1} [3]",
    "[1] [2]",
    "\"x\" {\"a\": 1}",
    "true {}",
    "{\"a\": 1} x",
    "{\"a\": 1} 2",
    "12 34",
  };
  static const char * const good[] = {
    " {\"a\": [1, {\"b\": \"}{\"}], \"c\": true}\r\n",
    "\n[{\"propertyName\": \"色系\"}, null, false] ",
    "\"{}{}\"",
    "-12",
    "1234.5e+3",
    "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("rejecting %s", bad[i]);
      root = dd_json_parse (bad[i], -1, &error);
      g_assert_null (root);
      assert_bad_response (error, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("accepting %s", good[i]);
      root = dd_json_parse (good[i], -1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

static const char sample[] =
  "{"
  "  \"s\": \"淘寶台灣\","
  "  \"empty\": \"\","
  "  \"i\": 42,"
  "  \"neg\": -7,"
  "  \"d\": 1.5,"
  "  \"big_d\": 1e20,"
  "  \"t\": true,"
  "  \"f\": false,"
  "  \"nul\": null,"
  "  \"id_s\": \"558757367941\","
  "  \"id_alnum\": \"FO054911000916205\","
  "  \"id_big\": 1234567890123456789,"
  "  \"id_ctrl\": \"12\\n34\","
  "  \"money_s\": \"200.07\","
  "  \"money_i\": 62,"
  "  \"money_bad\": \"1.234\","
  "  \"money_exp\": \"1e5\","
  "  \"ms\": 1592988843859,"
  "  \"ms_s\": \"1592990587586\","
  "  \"ms_bad\": \"1592990587586ms\","
  "  \"ms_huge\": 9223372036854775807,"
  "  \"o\": { \"city\": \"台北市\" },"
  "  \"a\": [1, 2, 3]"
  "}";

static void
test_string (void)
{
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  char *value = (char *) "untouched";

  g_assert_true (dd_json_get_string (object, "s", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "淘寶台灣");
  g_free (value);

  g_assert_true (dd_json_get_string (object, "empty", FALSE, &value, &error));
  g_assert_cmpstr (value, ==, "");
  g_free (value);

  value = (char *) "untouched";
  g_assert_false (dd_json_get_string (object, "i", FALSE, &value, &error));
  assert_bad_response (error, "“i”");
  g_assert_cmpstr (value, ==, "untouched");
  g_clear_error (&error);

  g_assert_false (dd_json_get_string (object, "t", TRUE, &value, &error));
  assert_bad_response (error, "t");
  g_clear_error (&error);

  g_assert_false (dd_json_get_string (object, "o", FALSE, &value, &error));
  assert_bad_response (error, "o");
  g_clear_error (&error);

  g_assert_false (dd_json_get_string (object, "missing", FALSE, &value, &error));
  assert_bad_response (error, "missing");
  g_clear_error (&error);

  g_assert_false (dd_json_get_string (object, "nul", FALSE, &value, &error));
  assert_bad_response (error, "nul");
  g_clear_error (&error);

  g_assert_true (dd_json_get_string (object, "missing", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);

  value = (char *) "untouched";
  g_assert_true (dd_json_get_string (object, "nul", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_id (void)
{
  static const char * const bad[] = {
    "missing", "d", "big_d", "empty", "id_ctrl", "neg", "t", "o", "a", "nul",
  };
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  g_assert_true (dd_json_get_id (object, "id_s", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "558757367941");
  g_clear_pointer (&value, g_free);

  g_assert_true (dd_json_get_id (object, "id_alnum", FALSE, &value, &error));
  g_assert_cmpstr (value, ==, "FO054911000916205");
  g_clear_pointer (&value, g_free);

  /* Above 2^53: a double would have rounded it. */
  g_assert_true (dd_json_get_id (object, "id_big", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "1234567890123456789");
  g_clear_pointer (&value, g_free);

  g_assert_true (dd_json_get_id (object, "i", FALSE, &value, &error));
  g_assert_cmpstr (value, ==, "42");
  g_clear_pointer (&value, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("id from %s", bad[i]);
      g_assert_false (dd_json_get_id (object, bad[i], FALSE, &value, &error));
      assert_bad_response (error, bad[i]);
      g_assert_null (value);
      g_clear_error (&error);
    }

  value = (char *) "untouched";
  g_assert_true (dd_json_get_id (object, "missing", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_int (void)
{
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (dd_json_get_int (object, "i", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 42);
  g_assert_true (dd_json_get_int (object, "neg", FALSE, &value, &error));
  g_assert_cmpint (value, ==, -7);
  g_assert_true (dd_json_get_int (object, "id_big", FALSE, &value, &error));
  g_assert_cmpint (value, ==, G_GINT64_CONSTANT (1234567890123456789));

  /* Wrong types: a string of digits, a double, a boolean. */
  value = 99;
  g_assert_false (dd_json_get_int (object, "id_s", FALSE, &value, &error));
  assert_bad_response (error, "id_s");
  g_clear_error (&error);
  g_assert_false (dd_json_get_int (object, "d", FALSE, &value, &error));
  assert_bad_response (error, "“d”");
  g_clear_error (&error);
  g_assert_false (dd_json_get_int (object, "t", TRUE, &value, &error));
  assert_bad_response (error, "t");
  g_clear_error (&error);
  g_assert_cmpint (value, ==, 99);

  g_assert_false (dd_json_get_int (object, "missing", FALSE, &value, &error));
  assert_bad_response (error, "missing");
  g_clear_error (&error);

  /* Optional and missing or null: the default stays. */
  g_assert_true (dd_json_get_int (object, "missing", TRUE, &value, &error));
  g_assert_true (dd_json_get_int (object, "nul", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 99);
}

static void
test_bool (void)
{
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  gboolean value = FALSE;

  g_assert_true (dd_json_get_bool (object, "t", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_true (value);
  g_assert_true (dd_json_get_bool (object, "f", FALSE, &value, &error));
  g_assert_false (value);

  g_assert_false (dd_json_get_bool (object, "i", FALSE, &value, &error));
  assert_bad_response (error, "i");
  g_clear_error (&error);
  g_assert_false (dd_json_get_bool (object, "s", FALSE, &value, &error));
  assert_bad_response (error, "s");
  g_clear_error (&error);

  value = TRUE;
  g_assert_true (dd_json_get_bool (object, "missing", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_true (value);
}

static void
test_money (void)
{
  static const char * const bad[] = { "money_bad", "money_exp", "d", "t", "o", "s" };
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  DdMoney money = DD_MONEY_INIT;

  g_assert_true (dd_json_get_money (object, "money_s", "CNY", FALSE, &money, &error));
  g_assert_no_error (error);
  g_assert_cmpint (money.minor, ==, 20007);
  g_assert_cmpstr (money.currency, ==, "CNY");

  g_assert_true (dd_json_get_money (object, "money_i", "TWD", FALSE, &money, &error));
  g_assert_no_error (error);
  g_assert_cmpint (money.minor, ==, 6200);
  g_assert_cmpstr (money.currency, ==, "TWD");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("money from %s", bad[i]);
      g_assert_false (dd_json_get_money (object, bad[i], "CNY", FALSE, &money, &error));
      assert_bad_response (error, bad[i]);
      g_clear_error (&error);
    }
  g_assert_cmpint (money.minor, ==, 6200);

  /* A bad currency code is the reply's fault too. */
  g_assert_false (dd_json_get_money (object, "money_s", "twd", FALSE, &money, &error));
  assert_bad_response (error, "money_s");
  g_clear_error (&error);

  g_assert_false (dd_json_get_money (object, "missing", "CNY", FALSE, &money, &error));
  assert_bad_response (error, "missing");
  g_clear_error (&error);

  g_assert_true (dd_json_get_money (object, "missing", "CNY", TRUE, &money, &error));
  g_assert_no_error (error);
  g_assert_cmpint (money.minor, ==, 6200);
  g_assert_cmpstr (money.currency, ==, "TWD");
}

static void
test_time_ms (void)
{
  static const char * const bad[] = { "ms_bad", "ms_huge", "neg", "d", "s", "t", "empty" };
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  GDateTime *value = NULL;

  g_assert_true (dd_json_get_time_ms (object, "ms", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_cmpint (g_date_time_get_utc_offset (value), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (value), ==, 1592988843);
  g_assert_cmpint (g_date_time_get_microsecond (value), ==, 859000);
  g_assert_cmpint (g_date_time_get_hour (value), ==, 8);
  g_clear_pointer (&value, g_date_time_unref);

  /* A string of digits is accepted too. */
  g_assert_true (dd_json_get_time_ms (object, "ms_s", FALSE, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (value), ==, 1592990587);
  g_assert_cmpint (g_date_time_get_microsecond (value), ==, 586000);
  g_clear_pointer (&value, g_date_time_unref);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("time from %s", bad[i]);
      g_assert_false (dd_json_get_time_ms (object, bad[i], FALSE, &value, &error));
      assert_bad_response (error, bad[i]);
      g_assert_null (value);
      g_clear_error (&error);
    }

  g_assert_true (dd_json_get_time_ms (object, "missing", TRUE, &value, &error));
  g_assert_no_error (error);
  g_assert_null (value);
}

static void
test_object_array (void)
{
  g_autoptr(JsonNode) root = parse_ok (sample);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  JsonObject *child = NULL;
  JsonArray *array = NULL;

  g_assert_true (dd_json_get_object (object, "o", FALSE, &child, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (child, "city"), ==, "台北市");

  g_assert_true (dd_json_get_array (object, "a", FALSE, &array, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  g_assert_false (dd_json_get_object (object, "a", FALSE, &child, &error));
  assert_bad_response (error, "a");
  g_clear_error (&error);
  g_assert_false (dd_json_get_array (object, "o", FALSE, &array, &error));
  assert_bad_response (error, "o");
  g_clear_error (&error);
  g_assert_false (dd_json_get_array (object, "s", FALSE, &array, &error));
  assert_bad_response (error, "s");
  g_clear_error (&error);
  g_assert_false (dd_json_get_object (object, "missing", FALSE, &child, &error));
  assert_bad_response (error, "missing");
  g_clear_error (&error);

  g_assert_true (dd_json_get_object (object, "missing", TRUE, &child, &error));
  g_assert_null (child);
  g_assert_true (dd_json_get_array (object, "nul", TRUE, &array, &error));
  g_assert_null (array);
  g_assert_no_error (error);
}

static void
test_to_string (void)
{
  g_autoptr(JsonNode) root = parse_ok ("{ \"a\" : [ 1, \"台\" ],\n \"b\" : { } }");
  g_autofree char *text = dd_json_to_string (root);
  g_autoptr(JsonNode) again = parse_ok (text);

  g_assert_cmpstr (text, ==, "{\"a\":[1,\"台\"],\"b\":{}}");
  g_assert_true (json_node_equal (root, again));
}

/* ---- platform errors ---- */

static void
test_error_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autofree char *details = NULL;

  error = dd_platform_error_new (DD_PLATFORM_ERROR_RATE_LIMITED,
                                 "ISV", "7", "accesscontrol.limited-by-api-access-count",
                                 "This ban will last for 12 more seconds",
                                 "0b1196a615934150810894026",
                                 "Too many requests");
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "Too many requests");
  g_assert_cmpstr (dd_platform_error_get_type_name (error), ==, "ISV");
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "7");
  g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, "accesscontrol.limited-by-api-access-count");
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==, "This ban will last for 12 more seconds");
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "0b1196a615934150810894026");
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 0);
  dd_platform_error_set_retry_after (error, 12);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 12);
  g_assert_true (dd_platform_error_is_transient (error));

  /* The extra fields survive a copy and a prefix. */
  copy = g_error_copy (error);
  g_clear_error (&error);
  g_prefix_error (&copy, "Syncing: ");
  g_assert_cmpstr (copy->message, ==, "Syncing: Too many requests");
  g_assert_cmpstr (dd_platform_error_get_sub_code (copy), ==, "accesscontrol.limited-by-api-access-count");
  g_assert_cmpstr (dd_platform_error_get_request_id (copy), ==, "0b1196a615934150810894026");
  g_assert_cmpuint (dd_platform_error_get_retry_after (copy), ==, 12);

  details = dd_platform_error_format_details (copy);
  g_assert_nonnull (strstr (details, "ISV"));
  g_assert_nonnull (strstr (details, "accesscontrol.limited-by-api-access-count"));
  g_assert_nonnull (strstr (details, "0b1196a615934150810894026"));
  g_assert_nonnull (strstr (details, "12"));
}

static void
test_error_other_domain (void)
{
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out");
  g_autoptr(GError) plain = g_error_new_literal (DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_NOT_FOUND, "gone");
  g_autofree char *details = NULL;

  g_assert_null (dd_platform_error_get_type_name (io));
  g_assert_null (dd_platform_error_get_platform_code (io));
  g_assert_null (dd_platform_error_get_sub_code (io));
  g_assert_null (dd_platform_error_get_platform_message (io));
  g_assert_null (dd_platform_error_get_request_id (io));
  g_assert_cmpuint (dd_platform_error_get_retry_after (io), ==, 0);
  g_assert_false (dd_platform_error_is_transient (io));
  g_assert_null (dd_platform_error_get_type_name (NULL));

  /* g_error_new() in our domain gets (empty) extra fields too. */
  g_assert_null (dd_platform_error_get_request_id (plain));
  g_assert_false (dd_platform_error_is_transient (plain));

  details = dd_platform_error_format_details (io);
  g_assert_nonnull (strstr (details, "timed out"));
}

static void
test_error_transient (void)
{
  static const struct { DdPlatformErrorCode code; gboolean transient; } cases[] = {
    { DD_PLATFORM_ERROR_AUTH, FALSE },
    { DD_PLATFORM_ERROR_PERMISSION, FALSE },
    { DD_PLATFORM_ERROR_RATE_LIMITED, TRUE },
    { DD_PLATFORM_ERROR_INVALID_ARGUMENT, FALSE },
    { DD_PLATFORM_ERROR_NOT_FOUND, FALSE },
    { DD_PLATFORM_ERROR_STATE_CONFLICT, FALSE },
    { DD_PLATFORM_ERROR_SERVER, TRUE },
    { DD_PLATFORM_ERROR_NETWORK, TRUE },
    { DD_PLATFORM_ERROR_TIMEOUT, TRUE },
    { DD_PLATFORM_ERROR_BAD_RESPONSE, FALSE },
  };
  g_autoptr(GError) marked = NULL;
  g_autoptr(GError) copy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = dd_platform_error_new (cases[i].code, NULL, NULL, NULL,
                                                       NULL, NULL, "x");

      g_assert_cmpint (dd_platform_error_is_transient (error), ==, cases[i].transient);
    }

  marked = dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE, NULL, NULL, NULL,
                                  NULL, NULL, "not JSON");
  dd_platform_error_set_transient (marked, TRUE);
  g_assert_true (dd_platform_error_is_transient (marked));
  copy = g_error_copy (marked);
  g_assert_true (dd_platform_error_is_transient (copy));
  dd_platform_error_set_transient (marked, FALSE);
  g_assert_false (dd_platform_error_is_transient (marked));

  /* Empty platform strings are "unset". */
  g_assert_null (dd_platform_error_get_type_name (marked));
}

/* The string member "a" of @json, parsed with dd_json_parse_object(). */
static char *
parse_a (const char *json,
         gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = dd_json_parse_object (json, len, &error);
  char *value = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (root);
  dd_json_get_string (json_node_get_object (root), "a", FALSE, &value, &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_true (g_utf8_validate (value, -1, NULL));
  return value;
}

static void
test_hostile_nul (void)
{
  g_autofree char *a = parse_a ("{\"a\": \"x\\u0000y\", \"b\": 1}", -1);
  g_autofree char *escaped = parse_a ("{\"a\": \"\\\\u0000\"}", -1);

  /* Not truncated to "x": the NUL shows as U+FFFD. */
  g_assert_cmpstr (a, ==, "x\xef\xbf\xbdy");
  /* An escaped backslash before "u0000" is text, left alone. */
  g_assert_cmpstr (escaped, ==, "\\u0000");
}

static void
test_hostile_invalid_utf8 (void)
{
  g_autofree char *a = parse_a ("{\"a\": \"ok\xff\xfe\xc3(end\", \"id\": 7}", -1);
  g_autofree char *cjk = parse_a ("{\"a\": \"台北\xe5\xb8\"}", -1);

  g_assert_cmpstr (a, ==, "ok\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd(end");
  /* A truncated sequence just before the closing quote: one U+FFFD a byte
   * (g_utf8_make_valid()), and the quote still closes the string. */
  g_assert_cmpstr (cjk, ==, "台北\xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_hostile_surrogates (void)
{
  g_autofree char *lone_high = parse_a ("{\"a\": \"x\\ud800y\"}", -1);
  g_autofree char *lone_low = parse_a ("{\"a\": \"x\\udc00\\ud800\\u0041\"}", -1);
  g_autofree char *pair = parse_a ("{\"a\": \"\\ud83d\\ude00\"}", -1);

  g_assert_cmpstr (lone_high, ==, "x\xef\xbf\xbdy");
  g_assert_cmpstr (lone_low, ==, "x\xef\xbf\xbd\xef\xbf\xbd" "A");
  g_assert_cmpstr (pair, ==, "\xf0\x9f\x98\x80");
}

static void
test_hostile_markup (void)
{
  g_autofree char *a = parse_a ("{\"a\": \"<b>bold</b> &bogus; <i>\\u202e12\\u001b[31m\\r\\n\"}", -1);

  /* Data, untouched: escaping is for whoever displays it. */
  g_assert_cmpstr (a, ==, "<b>bold</b> &bogus; <i>\xe2\x80\xae" "12\x1b[31m\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/json/parse-object", test_parse_object);
  g_test_add_func ("/dingdan/json/parse-trailing", test_parse_trailing);
  g_test_add_func ("/dingdan/json/hostile/nul", test_hostile_nul);
  g_test_add_func ("/dingdan/json/hostile/invalid-utf8", test_hostile_invalid_utf8);
  g_test_add_func ("/dingdan/json/hostile/surrogates", test_hostile_surrogates);
  g_test_add_func ("/dingdan/json/hostile/markup", test_hostile_markup);
  g_test_add_func ("/dingdan/json/string", test_string);
  g_test_add_func ("/dingdan/json/id", test_id);
  g_test_add_func ("/dingdan/json/int", test_int);
  g_test_add_func ("/dingdan/json/bool", test_bool);
  g_test_add_func ("/dingdan/json/money", test_money);
  g_test_add_func ("/dingdan/json/time-ms", test_time_ms);
  g_test_add_func ("/dingdan/json/object-array", test_object_array);
  g_test_add_func ("/dingdan/json/to-string", test_to_string);
  g_test_add_func ("/dingdan/platform-error/fields", test_error_fields);
  g_test_add_func ("/dingdan/platform-error/other-domain", test_error_other_domain);
  g_test_add_func ("/dingdan/platform-error/transient", test_error_transient);

  return g_test_run ();
}
