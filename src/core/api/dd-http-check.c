/* dd-http-check.c: what dd-http checks and how it names failures
 *
 * Redaction of URIs for logs, the endpoint rule (https, or plain http to
 * loopback only), and the mapping of transport errors, HTTP statuses and
 * reply shapes to DD_PLATFORM_ERROR codes with translated sentences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-http.h"
#include "dd-http-private.h"
#include "dd-log.h"
#include "dd-platform-error.h"

/* ------------------------------------------------------------------ */
/* Redaction and endpoint checks                                       */

static gboolean
is_secret_param (const char *raw_key,
                 gsize       len)
{
  g_autofree char *escaped = g_strndup (raw_key, len);
  g_autofree char *key = g_uri_unescape_string (escaped, NULL);

  if (key == NULL)
    return TRUE; /* unparsable: better hidden */

  return dd_log_is_secret_key (key);
}

static char *
redact_query (const char *query)
{
  GString *out = g_string_sized_new (strlen (query));
  const char *p = query;

  while (*p != '\0')
    {
      const char *end = strchr (p, '&');
      const char *eq;
      gsize part_len = end != NULL ? (gsize) (end - p) : strlen (p);

      eq = memchr (p, '=', part_len);
      if (eq != NULL && is_secret_param (p, eq - p))
        {
          g_string_append_len (out, p, eq - p + 1);
          g_string_append (out, "***");
        }
      else
        {
          g_string_append_len (out, p, part_len);
        }

      if (end == NULL)
        break;
      g_string_append_c (out, '&');
      p = end + 1;
    }

  return g_string_free (out, FALSE);
}

char *
dd_http_redact_uri (const char *uri)
{
  g_autofree char *scheme = NULL;
  g_autofree char *userinfo = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  g_autofree char *fragment = NULL;
  g_autofree char *redacted = NULL;
  int port = -1;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!g_uri_split (uri, G_URI_FLAGS_ENCODED, &scheme, &userinfo, &host, &port,
                    &path, &query, &fragment, NULL))
    return g_strdup ("(unparsable URI)");

  if (query != NULL)
    redacted = redact_query (query);

  /* userinfo is dropped: it can only hold credentials. */
  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port, path,
                     redacted, fragment);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
dd_http_check_endpoint (const char  *uri,
                        GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, &local_error);
  if (parsed == NULL)
    {
      g_autofree char *msg = NULL;

      /* Translators: %s is the address the user typed */
      msg = g_strdup_printf (_("“%s” is not a valid web address."), uri);
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                       NULL, NULL, NULL,
                                                       local_error->message, NULL, msg));
      return FALSE;
    }

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);

  if (host == NULL || *host == '\0')
    {
      g_autofree char *msg = NULL;

      /* Translators: %s is the address the user typed */
      msg = g_strdup_printf (_("“%s” does not name a server."), uri);
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                       NULL, NULL, NULL, NULL, NULL, msg));
      return FALSE;
    }

  if (g_uri_get_query (parsed) != NULL || g_uri_get_fragment (parsed) != NULL)
    {
      g_autofree char *msg = NULL;

      /* Translators: %s is the address the user typed; "?" and "#" are literal */
      msg = g_strdup_printf (_("“%s” must not contain “?” or “#”: give only the service’s base address."), uri);
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                       NULL, NULL, NULL, NULL, NULL, msg));
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_autofree char *msg = NULL;

      /* Translators: %s is the address the user typed */
      msg = g_strdup_printf (_("“%s” is not encrypted: use an https:// address (plain http is allowed only for this computer)."),
                             uri);
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                       NULL, NULL, NULL, NULL, NULL, msg));
    }
  else
    {
      g_autofree char *msg = NULL;

      /* Translators: %s is the address the user typed */
      msg = g_strdup_printf (_("“%s” is not a web address: use an https:// address."), uri);
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                       NULL, NULL, NULL, NULL, NULL, msg));
    }

  return FALSE;
}

gboolean
dd_http_outcome_unknown (const GError *error)
{
  if (error == NULL || error->domain != DD_PLATFORM_ERROR)
    return FALSE;
  if (error->code == DD_PLATFORM_ERROR_RATE_LIMITED)
    return FALSE;

  return dd_platform_error_is_transient (error);
}

/* ------------------------------------------------------------------ */
/* Error mapping                                                       */

GError *
dd_http_transport_error (DdHttpKind    kind,
                 const GError *error)
{
  const char *msg;
  DdPlatformErrorCode code = DD_PLATFORM_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      code = DD_PLATFORM_ERROR_TIMEOUT;
      if (kind == DD_HTTP_WRITE)
        msg = _("The platform did not answer in time, so it is not known whether the request was carried out. Check the order before trying again.");
      else
        msg = _("The platform did not answer in time. Try again later.");
    }
  else if (error->domain == G_TLS_ERROR)
    {
      msg = _("The platform’s security certificate could not be verified. The connection was not made.");
    }
  else if (error->domain == G_RESOLVER_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    {
      msg = _("Could not connect to the platform. Check the network connection and the account’s address.");
    }
  else if (kind == DD_HTTP_WRITE)
    {
      msg = _("The connection was lost after the request was sent, so it is not known whether it was carried out. Check the order before trying again.");
    }
  else
    {
      msg = _("The connection to the platform was lost. Try again later.");
    }

  return dd_platform_error_new (code, NULL, NULL, NULL, error->message, NULL, msg);
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *value;
  guint64 seconds;

  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  /* Only the delay-seconds form; an HTTP date is ignored. */
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &seconds, NULL))
    return 0;

  return (guint) seconds;
}

GError *
dd_http_status_error (DdHttpKind   kind,
              SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);
  const char *reason = soup_message_get_reason_phrase (msg);
  g_autofree char *code = g_strdup_printf ("HTTP %u", status);
  g_autofree char *text = NULL;
  DdPlatformErrorCode error_code;
  GError *error;
  guint retry_after;

  if (status == 429 /* Too Many Requests */)
    {
      error_code = DD_PLATFORM_ERROR_RATE_LIMITED;
      text = g_strdup (_("The platform is receiving too many requests. Try again in a moment."));
    }
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      error_code = DD_PLATFORM_ERROR_AUTH;
      text = g_strdup (_("The platform refused the account’s credentials. Check the app key, secret and authorisation."));
    }
  else if (status == SOUP_STATUS_REQUEST_TIMEOUT)
    {
      error_code = DD_PLATFORM_ERROR_TIMEOUT;
      text = g_strdup (_("The platform did not answer in time. Try again later."));
    }
  else if (status >= 500 && status < 600)
    {
      error_code = DD_PLATFORM_ERROR_SERVER;
      if (kind == DD_HTTP_WRITE)
        /* Translators: %u is an HTTP status code such as 503 */
        text = g_strdup_printf (_("The platform failed while handling the request (HTTP %u), so it is not known whether it was carried out. Check the order before trying again."),
                                status);
      else
        /* Translators: %u is an HTTP status code such as 503 */
        text = g_strdup_printf (_("The platform is having a problem (HTTP %u). Try again later."), status);
    }
  else if (status >= 300 && status < 400)
    {
      error_code = DD_PLATFORM_ERROR_BAD_RESPONSE;
      text = g_strdup (_("The platform redirected the request elsewhere, which Dingdan does not follow. Check the account’s address."));
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      error_code = DD_PLATFORM_ERROR_BAD_RESPONSE;
      text = g_strdup (_("The platform does not offer this service at the account’s address. Check the address."));
    }
  else
    {
      error_code = DD_PLATFORM_ERROR_BAD_RESPONSE;
      /* Translators: %u is an HTTP status code such as 400 */
      text = g_strdup_printf (_("The platform rejected the request (HTTP %u)."), status);
    }

  error = dd_platform_error_new (error_code, NULL, code, NULL, reason, NULL, text);
  retry_after = parse_retry_after (msg);
  if (error_code == DD_PLATFORM_ERROR_RATE_LIMITED && retry_after > 0)
    /* A ban like the platforms' own: waited out, or (hours) stopped at. */
    dd_error_table_set_ban (error, retry_after, FALSE);
  else
    dd_platform_error_set_retry_after (error, retry_after);

  return error;
}

GError *
dd_http_bad_response (gboolean    transient,
              const char *platform_message,
              const char *message)
{
  GError *error = dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE, NULL, NULL, NULL,
                                         platform_message, NULL, message);

  dd_platform_error_set_transient (error, transient);

  return error;
}

gboolean
dd_http_content_type_acceptable (SoupMessage *msg)
{
  static const char * const accepted[] = {
    "application/json", "text/json", "text/plain", "application/javascript", NULL,
  };
  const char *type;

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (type == NULL)
    return FALSE;

  for (guint i = 0; accepted[i] != NULL; i++)
    if (g_ascii_strcasecmp (type, accepted[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Cheap sniff (any accepted type may carry an error page): a JSON document
 * of ours starts with an object or an array. The parser does the rest. */
gboolean
dd_http_looks_like_json (GBytes *body)
{
  gsize len;
  const guchar *data = g_bytes_get_data (body, &len);

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')
        continue;
      return data[i] == '{' || data[i] == '[';
    }

  return FALSE;
}
