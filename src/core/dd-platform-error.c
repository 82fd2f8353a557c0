/* dd-platform-error.c: the one error domain of every platform client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-platform-error.h"

/* The extra data every DD_PLATFORM_ERROR carries. All strings are owned. */
typedef struct
{
  char     *type_name;
  char     *platform_code;
  char     *sub_code;
  char     *platform_message;
  char     *request_id;
  char     *platform;     /* a DD_PLATFORM_* id, or NULL */
  guint     retry_after;
  gboolean  transient;
  int       action;       /* a DdErrorAction, or -1 */
} DdPlatformErrorPrivate;

static void
dd_platform_error_private_init (DdPlatformErrorPrivate *priv)
{
  priv->type_name = NULL;
  priv->platform_code = NULL;
  priv->sub_code = NULL;
  priv->platform_message = NULL;
  priv->request_id = NULL;
  priv->platform = NULL;
  priv->retry_after = 0;
  priv->transient = FALSE;
  priv->action = -1;
}

static void
dd_platform_error_private_copy (const DdPlatformErrorPrivate *src,
                                DdPlatformErrorPrivate       *dest)
{
  dest->type_name = g_strdup (src->type_name);
  dest->platform_code = g_strdup (src->platform_code);
  dest->sub_code = g_strdup (src->sub_code);
  dest->platform_message = g_strdup (src->platform_message);
  dest->request_id = g_strdup (src->request_id);
  dest->platform = g_strdup (src->platform);
  dest->retry_after = src->retry_after;
  dest->transient = src->transient;
  dest->action = src->action;
}

static void
dd_platform_error_private_clear (DdPlatformErrorPrivate *priv)
{
  g_clear_pointer (&priv->type_name, g_free);
  g_clear_pointer (&priv->platform_code, g_free);
  g_clear_pointer (&priv->sub_code, g_free);
  g_clear_pointer (&priv->platform_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->platform, g_free);
  priv->retry_after = 0;
  priv->transient = FALSE;
  priv->action = -1;
}

G_DEFINE_EXTENDED_ERROR (DdPlatformError, dd_platform_error)

/* NULL unless @error is in our domain: the accessors are safe on any GError. */
static DdPlatformErrorPrivate *
get_priv (const GError *error)
{
  if (error == NULL || error->domain != DD_PLATFORM_ERROR)
    return NULL;

  return dd_platform_error_get_private (error);
}

static char *
dup_nonempty (const char *s)
{
  return (s != NULL && *s != '\0') ? g_strdup (s) : NULL;
}

GError *
dd_platform_error_new (DdPlatformErrorCode  code,
                       const char          *platform_type,
                       const char          *platform_code,
                       const char          *platform_sub_code,
                       const char          *platform_message,
                       const char          *request_id,
                       const char          *message)
{
  GError *error;
  DdPlatformErrorPrivate *priv;

  g_return_val_if_fail (message != NULL, NULL);

  error = g_error_new_literal (DD_PLATFORM_ERROR, code, message);
  priv = dd_platform_error_get_private (error);
  priv->type_name = dup_nonempty (platform_type);
  priv->platform_code = dup_nonempty (platform_code);
  priv->sub_code = dup_nonempty (platform_sub_code);
  priv->platform_message = dup_nonempty (platform_message);
  priv->request_id = dup_nonempty (request_id);

  return error;
}

const char *
dd_platform_error_get_type_name (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->type_name : NULL;
}

const char *
dd_platform_error_get_platform_code (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->platform_code : NULL;
}

const char *
dd_platform_error_get_sub_code (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->sub_code : NULL;
}

const char *
dd_platform_error_get_platform_message (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->platform_message : NULL;
}

const char *
dd_platform_error_get_request_id (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->request_id : NULL;
}

const char *
dd_platform_error_get_platform (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->platform : NULL;
}

void
dd_platform_error_set_platform (GError     *error,
                                const char *platform)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  g_return_if_fail (priv != NULL);

  g_free (priv->platform);
  priv->platform = g_strdup (platform);
}

guint
dd_platform_error_get_retry_after (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->retry_after : 0;
}

void
dd_platform_error_set_retry_after (GError *error,
                                   guint   seconds)
{
  DdPlatformErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == DD_PLATFORM_ERROR);

  priv = dd_platform_error_get_private (error);
  priv->retry_after = seconds;
}

gboolean
dd_platform_error_is_transient (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  if (priv == NULL)
    return FALSE;

  if (priv->transient)
    return TRUE;

  /* The error table decided (and marked RETRY and WAIT rows). */
  if (priv->action >= 0)
    return FALSE;

  switch ((DdPlatformErrorCode) error->code)
    {
    case DD_PLATFORM_ERROR_NETWORK:
    case DD_PLATFORM_ERROR_TIMEOUT:
    case DD_PLATFORM_ERROR_SERVER:
    case DD_PLATFORM_ERROR_RATE_LIMITED:
      return TRUE;

    case DD_PLATFORM_ERROR_AUTH:
    case DD_PLATFORM_ERROR_PERMISSION:
    case DD_PLATFORM_ERROR_INVALID_ARGUMENT:
    case DD_PLATFORM_ERROR_NOT_FOUND:
    case DD_PLATFORM_ERROR_STATE_CONFLICT:
    case DD_PLATFORM_ERROR_BAD_RESPONSE:
    default:
      return FALSE;
    }
}

void
dd_platform_error_set_transient (GError   *error,
                                 gboolean  transient)
{
  DdPlatformErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == DD_PLATFORM_ERROR);

  priv = dd_platform_error_get_private (error);
  priv->transient = !!transient;
}

int
dd_platform_error_get_action (const GError *error)
{
  DdPlatformErrorPrivate *priv = get_priv (error);

  return priv != NULL ? priv->action : -1;
}

void
dd_platform_error_set_action (GError *error,
                              int     action)
{
  DdPlatformErrorPrivate *priv;

  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == DD_PLATFORM_ERROR);
  g_return_if_fail (action >= -1);

  priv = dd_platform_error_get_private (error);
  priv->action = action;
}

static void
append_detail (GString    *str,
               const char *label,
               const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  if (str->len > 0)
    g_string_append_c (str, '\n');
  /* Translators: one line of an error's details: "Request id: 0b11…" */
  g_string_append_printf (str, _("%s: %s"), label, value);
}

char *
dd_platform_error_format_details (const GError *error)
{
  DdPlatformErrorPrivate *priv;
  GString *str;

  g_return_val_if_fail (error != NULL, NULL);

  str = g_string_new (NULL);
  priv = get_priv (error);

  if (priv != NULL)
    {
      /* Translators: labels of an error's details (under "Details"): the
       * kind of error the platform reported (a noun) */
      append_detail (str, _("Type"), priv->type_name);
      /* Translators: the platform's error code (a noun) */
      append_detail (str, _("Code"), priv->platform_code);
      append_detail (str, _("Sub-code"), priv->sub_code);
      append_detail (str, _("Platform message"), priv->platform_message);
      append_detail (str, _("Request id"), priv->request_id);
      if (priv->retry_after > 0)
        {
          g_autofree char *secs = g_strdup_printf ("%u", priv->retry_after);

          /* Translators: label of the number of seconds a platform asks us to wait */
          append_detail (str, _("Retry after (seconds)"), secs);
        }
    }

  /* Translators: label of an error's details: what Dingdan says went wrong */
  append_detail (str, _("Message"), error->message);

  return g_string_free (str, FALSE);
}
