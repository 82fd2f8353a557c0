/* dd-auth.c: authorising Dingdan for a shop (OAuth codes and tokens)
 *
 * The user opens the platform's authorise page (dd_auth_build_authorize_url),
 * logs in there and is sent back with a code, which they paste into Dingdan;
 * dd_auth_exchange_code_async() trades it for tokens, dd_auth_refresh_async()
 * trades a refresh token for a new pair.
 *
 * Both calls go out once (DD_HTTP_WRITE): a code is consumed by its first
 * use and the platforms rotate the pair on refresh, so re-sending after an
 * unknown outcome could only fail or burn what we hold. A refusal of the
 * code or refresh token itself (an error envelope that is neither a
 * transient fault nor a clock or rate problem) becomes AUTH with action
 * REAUTH: the shop must be authorised again.
 *
 * Nothing here logs a code, token or secret: debug lines name the platform
 * and the call only, and dd-http redacts the URIs it logs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-auth.h"
#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-order.h"
#include "dd-platform-error.h"
#include "dd-sign.h"
#include "dd-top-parse.h"
#include "dd-top-request.h"
#include "dd-tw-parse.h"

/* ---- the authorise page ------------------------------------------------------- */

static void
append_param (GString    *uri,
              const char *name,
              const char *value)
{
  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append (uri, name);
  g_string_append_c (uri, '=');
  g_string_append_uri_escaped (uri, value, NULL, FALSE);
}

static gboolean
is_top (const char *platform)
{
  return g_str_equal (platform, DD_PLATFORM_TOP) || g_str_equal (platform, DD_PLATFORM_TOP_PC);
}

char *
dd_auth_build_authorize_url (const char *platform,
                             const char *auth_base,
                             const char *app_key,
                             const char *redirect_uri,
                             const char *state)
{
  GString *uri;

  g_return_val_if_fail (platform != NULL, NULL);
  g_return_val_if_fail (app_key != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  if (g_str_equal (platform, DD_PLATFORM_TW))
    {
      uri = g_string_new (auth_base != NULL ? auth_base : DD_AUTH_TW_DEFAULT_BASE);
      append_param (uri, "response_type", "code");
      append_param (uri, "force_auth", "true");
      append_param (uri, "redirect_uri", redirect_uri);
      append_param (uri, "client_id", app_key);
      if (state != NULL)
        append_param (uri, "state", state);
      return g_string_free (uri, FALSE);
    }

  if (is_top (platform))
    {
      uri = g_string_new (auth_base != NULL ? auth_base : DD_AUTH_TOP_DEFAULT_BASE);
      append_param (uri, "response_type", "code");
      append_param (uri, "client_id", app_key);
      append_param (uri, "redirect_uri", redirect_uri);
      if (state != NULL)
        append_param (uri, "state", state);
      append_param (uri, "view", "web");
      return g_string_free (uri, FALSE);
    }

  return NULL;
}

/* ---- tokens ------------------------------------------------------------------- */

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      volatile char *p = secret;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (secret);
}

void
dd_auth_tokens_free (DdAuthTokens *tokens)
{
  if (tokens == NULL)
    return;

  wipe_free (tokens->access_token);
  wipe_free (tokens->refresh_token);
  g_free (tokens->account);
  g_free (tokens);
}

/* A token member: a non-empty string without spaces or control characters. */
static gboolean
get_token (JsonObject  *object,
           const char  *member,
           gboolean     optional,
           char       **out,
           GError     **error)
{
  g_autofree char *value = NULL;

  if (!dd_json_get_string (object, member, optional, &value, error))
    return FALSE;
  if (value == NULL)
    {
      *out = NULL;
      return TRUE;
    }
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ')
      {
        wipe_free (g_steal_pointer (&value));
        g_set_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE,
                     /* Translators: %s is a JSON member name such as "trades" */
                     _("The server’s reply is malformed: “%s” has the wrong shape"), member);
        return FALSE;
      }
  if (*value == '\0')
    {
      if (optional)
        {
          *out = NULL;
          return TRUE;
        }
      g_set_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE,
                   /* Translators: %s is a JSON member name such as "trades" */
                   _("The server’s reply is malformed: “%s” has the wrong shape"), member);
      return FALSE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

DdAuthTokens *
dd_auth_parse_tw_tokens (const char  *data,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdAuthTokens) tokens = g_new0 (DdAuthTokens, 1);
  g_autofree char *request_id = NULL;
  JsonObject *object;

  g_return_val_if_fail (data != NULL, NULL);

  root = dd_tw_parse_envelope (data, len, &request_id, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  if (!get_token (object, "access_token", FALSE, &tokens->access_token, error) ||
      !get_token (object, "refresh_token", TRUE, &tokens->refresh_token, error) ||
      !dd_json_get_int (object, "expires_in", TRUE, &tokens->expires_in_s, error) ||
      !dd_json_get_int (object, "refresh_expires_in", TRUE, &tokens->refresh_expires_in_s, error) ||
      !dd_json_get_string (object, "account", TRUE, &tokens->account, error))
    return NULL;

  return g_steal_pointer (&tokens);
}

DdAuthTokens *
dd_auth_parse_top_tokens (JsonObject  *response,
                          gint64       now_ms,
                          GError     **error)
{
  g_autoptr(DdAuthTokens) tokens = g_new0 (DdAuthTokens, 1);
  g_autoptr(JsonNode) inner = NULL;
  g_autofree char *text = NULL;
  JsonObject *result;
  gint64 expire_time_ms = 0;

  g_return_val_if_fail (response != NULL, NULL);

  if (!dd_json_get_string (response, "token_result", FALSE, &text, error))
    return NULL;
  inner = dd_json_parse_object (text, -1, error);
  wipe_free (g_steal_pointer (&text));
  if (inner == NULL)
    return NULL;
  result = json_node_get_object (inner);

  if (!get_token (result, "access_token", FALSE, &tokens->access_token, error) ||
      !get_token (result, "refresh_token", TRUE, &tokens->refresh_token, error) ||
      !dd_json_get_int (result, "expires_in", TRUE, &tokens->expires_in_s, error) ||
      !dd_json_get_int (result, "expire_time", TRUE, &expire_time_ms, error) ||
      !dd_json_get_int (result, "re_expires_in", TRUE, &tokens->refresh_expires_in_s, error) ||
      !dd_json_get_string (result, "taobao_user_nick", TRUE, &tokens->account, error))
    return NULL;

  /* expires_in is what TOP's token_result states; expire_time (UTC ms) when
   * it is missing. */
  if (tokens->expires_in_s <= 0 && expire_time_ms > now_ms)
    tokens->expires_in_s = (expire_time_ms - now_ms) / 1000;
  tokens->expires_in_s = MAX (tokens->expires_in_s, 0);
  tokens->refresh_expires_in_s = MAX (tokens->refresh_expires_in_s, 0);

  return g_steal_pointer (&tokens);
}

/* ---- calls -------------------------------------------------------------------- */

typedef struct
{
  char         *endpoint;   /* no trailing '/' */
  char         *app_key;
  char         *app_secret; /* never logged */
  char         *api_path;   /* Taiwan: "/auth/token/create" */
  DdSignParams *business;   /* code or refresh_token: never logged */
} TwCall;

static void
tw_call_free (gpointer data)
{
  TwCall *call = data;

  g_free (call->endpoint);
  g_free (call->app_key);
  wipe_free (call->app_secret);
  g_free (call->api_path);
  dd_sign_params_free (call->business);
  g_free (call);
}

static SoupMessage *
tw_build_cb (gpointer   user_data,
             GError   **error)
{
  TwCall *call = user_data;
  g_autoptr(DdSignParams) params = dd_sign_params_new ();
  g_autoptr(GString) uri = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *sign = NULL;
  const char * const *keys;
  SoupMessage *msg;

  if (!dd_http_check_endpoint (call->endpoint, error))
    return NULL;

  keys = dd_sign_params_get_sorted_keys (call->business);
  for (guint i = 0; keys[i] != NULL; i++)
    dd_sign_params_set (params, keys[i], dd_sign_params_get (call->business, keys[i]));

  timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000);
  dd_sign_params_set (params, "app_key", call->app_key);
  dd_sign_params_set (params, "timestamp", timestamp);
  dd_sign_params_set (params, "sign_method", "sha256");
  sign = dd_sign_tw (call->app_secret, call->api_path, params);
  dd_sign_params_set (params, "sign", sign);

  uri = g_string_new (call->endpoint);
  g_string_append (uri, call->api_path);
  keys = dd_sign_params_get_sorted_keys (params);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = dd_sign_params_get (params, keys[i]);

      if (value == NULL)
        continue;
      append_param (uri, keys[i], value);
    }

  parsed = g_uri_parse (uri->str, SOUP_HTTP_URI_FLAGS, error);
  memset (uri->str, 0, uri->len);
  if (parsed == NULL)
    {
      g_prefix_error (error, "%s", _("The request could not be prepared: "));
      return NULL;
    }

  msg = soup_message_new_from_uri (SOUP_METHOD_GET, parsed);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");
  return msg;
}

static gpointer
tw_parse_cb (GBytes    *body,
             gpointer   user_data,
             GError   **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return dd_auth_parse_tw_tokens (data, len, error);
}

static gpointer
top_parse_cb (JsonObject  *response,
              const char  *request_id,
              gpointer     parse_data,
              GError     **error)
{
  return dd_auth_parse_top_tokens (response, *(gint64 *) parse_data, error);
}

/* An error envelope refusing the code or refresh token itself: AUTH with
 * action REAUTH, the platform's words kept. Transient faults, bans, clock
 * and signature errors (a wrong secret: AUTH FINAL) are left as they are. */
static GError *
refine_error (GError     *error,
              const char *platform,
              gboolean    refresh)
{
  GError *refined;
  const char *message;

  if (error->domain != DD_PLATFORM_ERROR ||
      dd_platform_error_get_platform_code (error) == NULL ||
      dd_platform_error_is_transient (error) ||
      error->code == DD_PLATFORM_ERROR_AUTH ||
      error->code == DD_PLATFORM_ERROR_RATE_LIMITED ||
      dd_error_table_get_action (error) == DD_ERROR_ACTION_CLOCK ||
      dd_error_table_get_action (error) == DD_ERROR_ACTION_STOP)
    return error;

  if (refresh)
    message = g_str_equal (platform, DD_PLATFORM_TW)
      ? _("Taobao Taiwan no longer accepts this shop’s refresh token. Authorise Dingdan for the shop again.")
      : _("Taobao no longer accepts this shop’s refresh token. Authorise Dingdan for the shop again.");
  else
    message = g_str_equal (platform, DD_PLATFORM_TW)
      ? _("Taobao Taiwan refused the authorisation code: it may have been used already or have expired. Authorise Dingdan again to get a new code.")
      : _("Taobao refused the authorisation code: it may have been used already or have expired. Authorise Dingdan again to get a new code.");

  refined = dd_platform_error_new (DD_PLATFORM_ERROR_AUTH,
                                   dd_platform_error_get_type_name (error),
                                   dd_platform_error_get_platform_code (error),
                                   dd_platform_error_get_sub_code (error),
                                   dd_platform_error_get_platform_message (error),
                                   dd_platform_error_get_request_id (error),
                                   message);
  dd_platform_error_set_action (refined, DD_ERROR_ACTION_REAUTH);
  dd_platform_error_set_platform (refined, dd_platform_error_get_platform (error));
  g_error_free (error);
  return refined;
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *platform = g_task_get_task_data (task);
  gboolean refresh = g_task_get_source_tag (task) == dd_auth_refresh_async;
  DdAuthTokens *tokens;
  GError *error = NULL;

  tokens = dd_http_call_finish (DD_HTTP (object), result, &error);
  if (tokens == NULL)
    {
      g_debug ("%s: %s failed", platform, refresh ? "token refresh" : "code exchange");
      g_task_return_error (task, refine_error (error, platform, refresh));
      return;
    }

  g_debug ("%s: %s gave a new token%s", platform, refresh ? "token refresh" : "code exchange",
           tokens->refresh_token != NULL ? " pair" : "");
  g_task_return_pointer (task, tokens, (GDestroyNotify) dd_auth_tokens_free);
}

/* One token call; @name is the parameter carrying @value. */
static void
token_call (GTask      *task,
            DdHttp     *http,
            const char *platform,
            const char *endpoint,
            const char *app_key,
            const char *app_secret,
            const char *name,
            const char *value,
            gboolean    refresh)
{
  DdSignParams *business = dd_sign_params_new ();

  g_task_set_task_data (task, g_strdup (platform), g_free);
  dd_sign_params_set (business, name, value);

  if (g_str_equal (platform, DD_PLATFORM_TW))
    {
      TwCall *call = g_new0 (TwCall, 1);
      gsize len = strlen (endpoint);

      while (len > 0 && endpoint[len - 1] == '/')
        len--;
      call->endpoint = g_strndup (endpoint, len);
      call->app_key = g_strdup (app_key);
      call->app_secret = g_strdup (app_secret);
      call->api_path = g_strdup (refresh ? "/auth/token/refresh" : "/auth/token/create");
      call->business = business;

      g_debug ("tw: %s", call->api_path);
      dd_http_call_async (http, DD_HTTP_WRITE, tw_build_cb, tw_parse_cb,
                          call, tw_call_free, (GDestroyNotify) dd_auth_tokens_free,
                          g_task_get_cancellable (task), call_done_cb, task);
      return;
    }

  if (is_top (platform))
    {
      g_autoptr(DdTopRouter) router = NULL;
      gint64 *now_ms = g_new (gint64, 1);
      const char *method = refresh ? "taobao.top.auth.token.refresh" : "taobao.top.auth.token.create";

      router = dd_top_router_new (endpoint, app_key, app_secret, NULL, DD_SIGN_TOP_HMAC_SHA256);
      *now_ms = dd_top_router_get_now_ms (router);

      g_debug ("top: %s", method);
      dd_top_router_call_async (router, http, DD_HTTP_WRITE, method, business,
                                top_parse_cb, now_ms, g_free,
                                (GDestroyNotify) dd_auth_tokens_free,
                                g_task_get_cancellable (task), call_done_cb, task);
      return;
    }

  dd_sign_params_free (business);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           /* Translators: %s is a platform id such as "tw" or "top". */
                           _("This platform (%s) cannot do that."), platform);
  g_object_unref (task);
}

void
dd_auth_exchange_code_async (DdHttp              *http,
                             const char          *platform,
                             const char          *endpoint,
                             const char          *app_key,
                             const char          *app_secret,
                             const char          *code,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DD_IS_HTTP (http));
  g_return_if_fail (platform != NULL);
  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (app_key != NULL);
  g_return_if_fail (app_secret != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_auth_exchange_code_async);
  token_call (task, http, platform, endpoint, app_key, app_secret, "code", code, FALSE);
}

DdAuthTokens *
dd_auth_exchange_code_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_auth_exchange_code_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_auth_refresh_async (DdHttp              *http,
                       const char          *platform,
                       const char          *endpoint,
                       const char          *app_key,
                       const char          *app_secret,
                       const char          *refresh_token,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DD_IS_HTTP (http));
  g_return_if_fail (platform != NULL);
  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (app_key != NULL);
  g_return_if_fail (app_secret != NULL);
  g_return_if_fail (refresh_token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_auth_refresh_async);
  token_call (task, http, platform, endpoint, app_key, app_secret,
              "refresh_token", refresh_token, TRUE);
}

DdAuthTokens *
dd_auth_refresh_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_auth_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
