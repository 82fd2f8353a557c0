/* dd-pp-json.c: typed readers of PandaPon's JSON members
 *
 * The forms PandaPon serves beside dd-json's: fen as integers or digit
 * strings, times as UTC ms or Beijing-time strings, "" as absent. Every
 * reader fails with DD_PLATFORM_ERROR_BAD_RESPONSE naming the member.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-parse.h"
#include "dd-pp-parse-private.h"

gboolean
dd_pp_bad_response (GError     **error,
              const char  *message)
{
  g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE,
                                                   NULL, NULL, NULL, NULL, NULL, message));
  return FALSE;
}

gboolean
dd_pp_bad_member (GError     **error,
            const char  *member)
{
  g_autofree char *text = NULL;

  /* Translators: %s is the name of a JSON member such as "purchaseAmount" */
  text = g_strdup_printf (_("The server’s reply is malformed: “%s” has the wrong shape"), member);

  return dd_pp_bad_response (error, text);
}

gboolean
dd_pp_invalid_argument (GError     **error,
                  const char  *message)
{
  g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                   NULL, NULL, NULL, NULL, NULL, message));
  return FALSE;
}

gboolean
dd_pp_is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

JsonNode *
dd_pp_get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

gboolean
dd_pp_holds_type (JsonNode *node,
            GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

GDateTime *
dd_pp_parse_beijing_time (const char *text)
{
  static const char pattern[] = "dddd-dd-dd dd:dd:dd";
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  int field[6] = { 0 };
  guint f = 0;

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return NULL;

  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (pattern[i] == 'd')
        {
          if (!g_ascii_isdigit (text[i]))
            return NULL;
          field[f] = field[f] * 10 + g_ascii_digit_value (text[i]);
        }
      else if (text[i] != pattern[i])
        return NULL;
      else
        f++;
    }

  /* Beijing time has no DST: a fixed offset, never the desktop's zone. */
  tz = g_time_zone_new_offset (8 * 3600);
  local = g_date_time_new (tz, field[0], field[1], field[2], field[3], field[4], field[5]);
  if (local == NULL)
    return NULL;

  return g_date_time_to_utc (local);
}

/* A time served as UTC ms or as a Beijing-time string; "" is absent. */
gboolean
dd_pp_get_time (JsonObject  *object,
          const char  *member,
          gboolean     optional,
          GDateTime  **out,
          GError     **error)
{
  JsonNode *node = dd_pp_get_member (object, member);

  if (dd_pp_holds_type (node, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (node);

      if (*text == '\0' && optional)
        {
          *out = NULL;
          return TRUE;
        }
      if (!dd_pp_is_digits (text))
        {
          GDateTime *dt = dd_pp_parse_beijing_time (text);

          if (dt == NULL)
            return dd_pp_bad_member (error, member);
          *out = dt;
          return TRUE;
        }
    }

  return dd_json_get_time_ms (object, member, optional, out, error);
}

/* Fen: a non-negative JSON integer or a string of digits. */
gboolean
dd_pp_get_fen (JsonObject  *object,
         const char  *member,
         const char  *currency,
         gboolean     optional,
         gboolean    *present,
         DdMoney     *out,
         GError     **error)
{
  JsonNode *node = dd_pp_get_member (object, member);
  DdMoney money = DD_MONEY_INIT;

  if (present != NULL)
    *present = FALSE;

  if (node == NULL)
    {
      gint64 unused = 0;

      return optional || dd_json_get_int (object, member, FALSE, &unused, error);
    }

  if (dd_pp_holds_type (node, G_TYPE_INT64))
    dd_money_init (&money, json_node_get_int (node), currency);
  else if (!dd_pp_holds_type (node, G_TYPE_STRING) ||
           !dd_pp_is_digits (json_node_get_string (node)) ||
           !dd_money_parse_minor (json_node_get_string (node), currency, &money, NULL))
    return dd_pp_bad_member (error, member);

  if (money.minor < 0)
    return dd_pp_bad_member (error, member);

  if (present != NULL)
    *present = TRUE;
  *out = money;

  return TRUE;
}

/* A count: a non-negative integer or a string of digits, at most G_MAXUINT. */
gboolean
dd_pp_get_uint (JsonObject  *object,
          const char  *member,
          gboolean     optional,
          guint       *out,
          GError     **error)
{
  JsonNode *node = dd_pp_get_member (object, member);
  guint64 value = 0;

  if (node == NULL)
    {
      gint64 unused = 0;

      return optional || dd_json_get_int (object, member, FALSE, &unused, error);
    }

  if (dd_pp_holds_type (node, G_TYPE_INT64) && json_node_get_int (node) >= 0)
    value = (guint64) json_node_get_int (node);
  else if (!dd_pp_holds_type (node, G_TYPE_STRING) ||
           !dd_pp_is_digits (json_node_get_string (node)) ||
           !g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT, &value, NULL))
    return dd_pp_bad_member (error, member);

  if (value > G_MAXUINT)
    return dd_pp_bad_member (error, member);

  *out = (guint) value;
  return TRUE;
}

gboolean
dd_pp_get_count (JsonObject  *object,
           const char  *member,
           guint64     *out,
           GError     **error)
{
  gint64 value = (gint64) MIN (*out, (guint64) G_MAXINT64);

  if (!dd_json_get_int (object, member, TRUE, &value, error))
    return FALSE;
  if (value < 0)
    return dd_pp_bad_member (error, member);

  *out = (guint64) value;
  return TRUE;
}

/* An optional string; "" is absent (NULL). */
gboolean
dd_pp_get_text (JsonObject  *object,
          const char  *member,
          char       **out,
          GError     **error)
{
  char *text = NULL;

  if (!dd_json_get_string (object, member, TRUE, &text, error))
    return FALSE;

  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  *out = text;

  return TRUE;
}

/* An optional id; "" is absent too (some ids are served empty). */
gboolean
dd_pp_get_opt_id (JsonObject  *object,
            const char  *member,
            char       **out,
            GError     **error)
{
  JsonNode *node = dd_pp_get_member (object, member);

  if (dd_pp_holds_type (node, G_TYPE_STRING) && *json_node_get_string (node) == '\0')
    {
      *out = NULL;
      return TRUE;
    }

  return dd_json_get_id (object, member, TRUE, out, error);
}

/* An error code served as a string or an integer. */
gboolean
dd_pp_get_code_text (JsonObject  *object,
               const char  *member,
               char       **out,
               GError     **error)
{
  JsonNode *node = dd_pp_get_member (object, member);

  if (dd_pp_holds_type (node, G_TYPE_INT64))
    {
      *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return TRUE;
    }

  return dd_pp_get_text (object, member, out, error);
}

const char *
dd_pp_currency_or_default (const char *currency,
                     const char *fallback)
{
  return currency != NULL && *currency != '\0' ? currency : fallback;
}

