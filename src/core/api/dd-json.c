/* dd-json.c: type-checked reading of platform JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two things json-glib 1.6 does not do for us, done here before parsing
 * (see check_raw()):
 *
 * - An integer literal outside the gint64 range is silently wrapped
 *   (12345678901234567890 comes back as a negative number), which would turn
 *   a too-large id into a wrong one. Such a document is rejected.
 * - A raw NUL byte is refused: the document is rejected as a whole.
 * - Hostile text is repaired rather than refused, so that one bad field does
 *   not cost the merchant a whole page of orders (issue H; see repair_raw()):
 *   "\u0000" in a string (json-glib would store it as a C string and so
 *   silently truncate it) and lone surrogate escapes ("\ud800", which
 *   json-glib 1.6 decodes into invalid UTF-8, or refuses the whole document
 *   for when a low one comes first) become "\ufffd"; bytes that are not
 *   UTF-8 (which json-glib 1.6 refuses for the whole document) become
 *   U+FFFD (g_utf8_make_valid()). Every string read is so valid UTF-8 with
 *   no NUL, and the replacement character shows where something was.
 * - Data after the document ("{…}{…}", "2{…}") is accepted: the first value
 *   becomes the root and the rest is parsed and leaked (json-glib 1.6.6,
 *   found by fuzz/). Any second top-level value is rejected.
 *
 * These checks need the raw text: they apply to documents parsed with
 * dd_json_parse() or dd_json_parse_object(), not to nodes built elsewhere.
 *
 * Pointer results (strings, ids, times, objects, arrays) are set to NULL when
 * an optional member is missing or null; scalar results (integers, booleans,
 * money) are left untouched then, so the caller's default stays. On error no
 * result is touched.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-json.h"
#include "dd-platform-error.h"

static gboolean bad_response (GError     **error,
                              const char  *format,
                              ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_response (GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_propagate_error (error,
                     dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE,
                                            NULL, NULL, NULL, NULL, NULL,
                                            message));
  return FALSE;
}

/* Is the integer literal of @n_digits digits at @digits beyond gint64? */
static gboolean
integer_overflows (const char *digits,
                   gsize       n_digits,
                   gboolean    negative)
{
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

  while (n_digits > 1 && *digits == '0')
    {
      digits++;
      n_digits--;
    }

  if (n_digits != strlen (limit))
    return n_digits > strlen (limit);

  return strncmp (digits, limit, n_digits) > 0;
}

/* See the comment at the top. Only looks at what matters for those two
 * checks; the grammar is left to json-glib. */
static gboolean
check_raw (const char  *data,
           gsize        len,
           GError     **error)
{
  gboolean in_string = FALSE;
  gboolean root_seen = FALSE;  /* a top-level value has started */
  gsize depth = 0;             /* of objects and arrays */

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\0')
        return bad_response (error, _("The server's reply is malformed: it contains a NUL character"));

      if (!in_string)
        {
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
          if ((c == '}' || c == ']') && depth > 0)
            {
              depth--;
              continue;
            }
          if (depth == 0)
            {
              if (root_seen)
                return bad_response (error, _("The server's reply is malformed: it has data after the JSON document"));
              root_seen = TRUE;
            }
          if (c == '{' || c == '[')
            {
              depth++;
              continue;
            }
          if (g_ascii_isalpha (c) || (depth == 0 && (g_ascii_isdigit (c) || c == '-')))
            {
              /* true, false, null (or a bare word json-glib refuses), or
               * a number at the top: one value, however many characters. */
              while (i + 1 < len && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '.' ||
                                     data[i + 1] == '+' || data[i + 1] == '-'))
                i++;
              continue;
            }
        }

      if (in_string)
        {
          if (c == '"')
            {
              in_string = FALSE;
            }
          else if (c == '\\' && i + 1 < len)
            {
              i++; /* skip the escaped character ("\u0000": see repair_raw()) */
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gboolean negative = (c == '-');
          gsize start = negative ? i + 1 : i;
          gsize end = start;

          while (end < len && g_ascii_isdigit (data[end]))
            end++;

          if (end < len && (data[end] == '.' || data[end] == 'e' || data[end] == 'E'))
            {
              /* A floating-point literal: json-glib keeps it a double. */
              while (end < len && (g_ascii_isdigit (data[end]) || data[end] == '.' ||
                                   data[end] == 'e' || data[end] == 'E' ||
                                   data[end] == '+' || data[end] == '-'))
                end++;
            }
          else if (end > start && integer_overflows (data + start, end - start, negative))
            {
              return bad_response (error,
                                   _("The server's reply is malformed: a number is too large"));
            }

          i = end > i ? end - 1 : i;
        }
    }

  return TRUE;
}

/* The value of the four hex digits at @p, or -1. */
static int
hex4 (const char *p)
{
  int value = 0;

  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* See the comment at the top: NULL when @data needs no repair, else a
 * repaired copy (its length in @out_len). @data has no raw NUL byte. */
static char *
repair_raw (const char *data,
            gsize       len,
            gsize      *out_len)
{
  char *copy = NULL;
  char *text;
  gboolean in_string = FALSE;

  if (!g_utf8_validate_len (data, len, NULL))
    {
      copy = g_utf8_make_valid (data, (gssize) len);
      len = strlen (copy);
    }
  text = copy != NULL ? copy : (char *) data;

  for (gsize i = 0; i < len; i++)
    {
      int unit, next = -1;

      if (text[i] == '"')
        {
          in_string = !in_string;
          continue;
        }
      if (!in_string || text[i] != '\\' || i + 1 >= len)
        continue;
      if (text[i + 1] != 'u' || i + 6 > len || (unit = hex4 (text + i + 2)) < 0)
        {
          i++; /* skip the escaped character */
          continue;
        }
      if (i + 12 <= len && text[i + 6] == '\\' && text[i + 7] == 'u')
        next = hex4 (text + i + 8);

      if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
        {
          i += 11; /* a well-formed pair */
          continue;
        }
      if (unit == 0 || (unit >= 0xd800 && unit <= 0xdfff))
        {
          if (copy == NULL)
            {
              copy = g_strndup (data, len);
              text = copy;
            }
          memcpy (text + i + 2, "fffd", 4);
        }
      i += 5;
    }

  if (copy != NULL)
    *out_len = len;
  return copy;
}

JsonNode *
dd_json_parse (const char  *data,
               gssize       len,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *repaired = NULL;
  gsize repaired_len = 0;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = (gssize) strlen (data);

  if (len > 0 && memchr (data, '\0', (gsize) len) != NULL)
    {
      bad_response (error, _("The server's reply is malformed: it contains a NUL character"));
      return NULL;
    }

  repaired = repair_raw (data, (gsize) len, &repaired_len);
  if (repaired != NULL)
    {
      data = repaired;
      len = (gssize) repaired_len;
    }

  if (!check_raw (data, (gsize) len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib's description quotes the reply: kept for the Details
       * expander, not shown in the sentence. */
      g_propagate_error (error,
                         dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE,
                                                NULL, NULL, NULL, local_error->message, NULL,
                                                _("The platform’s reply could not be understood.")));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      bad_response (error, _("The server's reply is empty"));
      return NULL;
    }

  return json_node_ref (root);
}

JsonNode *
dd_json_parse_object (const char  *data,
                      gssize       len,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_json_parse (data, len, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      bad_response (error, _("The server's reply is malformed: it is not a JSON object"));
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* Finds @member. Returns FALSE with @error when it is required and missing
 * or null; TRUE with *node NULL when optional and missing or null. */
static gboolean
lookup (JsonObject  *object,
        const char  *member,
        gboolean     optional,
        JsonNode   **node,
        GError     **error)
{
  JsonNode *found = json_object_get_member (object, member);

  if (found == NULL || JSON_NODE_HOLDS_NULL (found))
    {
      *node = NULL;
      if (optional)
        return TRUE;
      /* Translators: %s is the name of a JSON member such as "trade_order_id" */
      return bad_response (error, _("The server's reply is malformed: “%s” is missing"), member);
    }

  *node = found;
  return TRUE;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
dd_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     optional,
                    char       **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!holds_type (node, G_TYPE_STRING))
    /* Translators: %s is the name of a JSON member such as "buyer_full_name" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be a string"), member);

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        return FALSE;
    }

  return TRUE;
}

gboolean
dd_json_get_id (JsonObject  *object,
                const char  *member,
                gboolean     optional,
                char       **out,
                GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (holds_type (node, G_TYPE_STRING) && is_valid_id (json_node_get_string (node)))
    {
      *out = g_strdup (json_node_get_string (node));
      return TRUE;
    }

  /* Ids are never negative: a negative one is a wrapped or invented number. */
  if (holds_type (node, G_TYPE_INT64) && json_node_get_int (node) >= 0)
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    }

  /* Translators: %s is the name of a JSON member such as "trade_order_id" */
  return bad_response (error, _("The server's reply is malformed: “%s” should be an identifier"), member);
}

gboolean
dd_json_get_int (JsonObject  *object,
                 const char  *member,
                 gboolean     optional,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!holds_type (node, G_TYPE_INT64))
    /* Translators: %s is the name of a JSON member such as "quantity" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be a whole number"), member);

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
dd_json_get_bool (JsonObject  *object,
                  const char  *member,
                  gboolean     optional,
                  gboolean    *out,
                  GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (!holds_type (node, G_TYPE_BOOLEAN))
    /* Translators: %s is the name of a JSON member such as "success" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be true or false"), member);

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
dd_json_get_money (JsonObject  *object,
                   const char  *member,
                   const char  *currency,
                   gboolean     optional,
                   DdMoney     *out,
                   GError     **error)
{
  JsonNode *node;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  DdMoney money;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    return TRUE;

  if (holds_type (node, G_TYPE_STRING))
    text = g_strdup (json_node_get_string (node));
  else if (holds_type (node, G_TYPE_INT64))
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    /* Translators: %s is the name of a JSON member such as "actual_fee" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be an amount of money"), member);

  if (!dd_money_parse_decimal (text, currency, &money, &local_error))
    /* Translators: the first %s is the name of a JSON member such as
     * "actual_fee", the second says what is wrong with its value */
    return bad_response (error, _("The server's reply is malformed: “%s”: %s"),
                         member, local_error->message);

  *out = money;
  return TRUE;
}

/* Milliseconds since the epoch as a UTC GDateTime, or NULL out of range. */
static GDateTime *
date_time_from_ms (gint64 ms)
{
  gint64 secs = ms / 1000;
  gint64 rest = ms % 1000;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      rest += 1000;
      secs -= 1;
    }

  whole = g_date_time_new_from_unix_utc (secs);
  if (whole == NULL)
    return NULL;

  return g_date_time_add (whole, rest * G_TIME_SPAN_MILLISECOND);
}

static gboolean
parse_digits (const char *text,
              gint64     *out)
{
  guint64 value;

  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *out = (gint64) value;
  return TRUE;
}

gboolean
dd_json_get_time_ms (JsonObject  *object,
                     const char  *member,
                     gboolean     optional,
                     GDateTime  **out,
                     GError     **error)
{
  JsonNode *node;
  gint64 ms = 0;
  GDateTime *dt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  /* Served as an integer; a string of digits is accepted too. Times before
   * 1970 are not something a platform means: negative values are refused. */
  if (holds_type (node, G_TYPE_INT64))
    {
      ms = json_node_get_int (node);
      ok = ms >= 0;
    }
  else if (holds_type (node, G_TYPE_STRING))
    {
      ok = parse_digits (json_node_get_string (node), &ms);
    }

  if (ok)
    dt = date_time_from_ms (ms);

  if (dt == NULL)
    /* Translators: %s is the name of a JSON member such as "creation_time" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be a time"), member);

  *out = dt;
  return TRUE;
}

gboolean
dd_json_get_object (JsonObject  *object,
                    const char  *member,
                    gboolean     optional,
                    JsonObject **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: %s is the name of a JSON member such as "delivery_info" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be an object"), member);

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
dd_json_get_array (JsonObject  *object,
                   const char  *member,
                   gboolean     optional,
                   JsonArray  **out,
                   GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup (object, member, optional, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: %s is the name of a JSON member such as "model_list" */
    return bad_response (error, _("The server's reply is malformed: “%s” should be a list"), member);

  *out = json_node_get_array (node);
  return TRUE;
}

char *
dd_json_to_string (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, FALSE);
}
