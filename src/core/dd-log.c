/* dd-log.c: a log writer that never lets a secret through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-log.h"

static const char * const secret_keys[] = {
  "sign", "access_token", "app_secret", "session", "refresh_token",
  "signature", "secret", "password", NULL,
};

gboolean
dd_log_is_secret_key (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; secret_keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (key, secret_keys[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '%';
}

static gboolean
is_value_end (char c)
{
  return c == '\0' || c == '&' || c == '"' || c == '\'' || c == ',' || c == '}'
         || g_ascii_isspace (c);
}

char *
dd_log_redact (const char *text)
{
  GString *out = NULL;
  const char *copied = text;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p != '\0')
    {
      const char *key_start;
      const char *key_end;
      const char *value;
      gboolean quoted_key = FALSE;
      g_autofree char *key = NULL;

      if (!is_key_char (*p) || (p > text && is_key_char (p[-1])))
        {
          p++;
          continue;
        }

      key_start = p;
      while (is_key_char (*p))
        p++;
      key_end = p;

      /* key=value, or "key":"value" / "key": "value" */
      if (*p == '"' && key_start > text && key_start[-1] == '"')
        {
          quoted_key = TRUE;
          p++;
          while (*p == ' ')
            p++;
          if (*p != ':')
            continue;
          p++;
          while (*p == ' ')
            p++;
          if (*p != '"')
            continue;
          p++;
        }
      else if (*p == '=')
        p++;
      else
        continue;

      key = g_strndup (key_start, key_end - key_start);
      if (!dd_log_is_secret_key (key))
        continue;

      value = p;
      if (quoted_key)
        while (*p != '\0' && *p != '"')
          p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      else
        while (!is_value_end (*p))
          p++;

      if (p == value)
        continue;

      if (out == NULL)
        out = g_string_sized_new (strlen (text));
      g_string_append_len (out, copied, value - copied);
      g_string_append (out, "***");
      copied = p;
    }

  if (out == NULL)
    return NULL;

  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

static GLogWriterOutput
redacting_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  g_autofree GLogField *copy = NULL;
  g_autofree char *redacted = NULL;
  const char *domain = NULL;
  gssize message = -1;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length == -1)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length == -1)
        message = i;
    }

  /* Debug messages nobody asked for cost nothing more than before. */
  if (message >= 0 && fields[message].value != NULL
      && !g_log_writer_default_would_drop (log_level, domain))
    {
      redacted = dd_log_redact (fields[message].value);
      if (redacted != NULL)
        {
          copy = g_memdup2 (fields, sizeof (GLogField) * n_fields);
          copy[message].value = redacted;
        }
    }

  return g_log_writer_default (log_level, copy != NULL ? copy : fields, n_fields, user_data);
}

void
dd_log_install (void)
{
  g_log_set_writer_func (redacting_writer, NULL, NULL);
}
