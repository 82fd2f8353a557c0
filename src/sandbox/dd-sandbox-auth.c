/* dd-sandbox-auth.c: the sandbox's authorisation: codes, tokens, a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the platforms' OAuth gives a shop, in memory:
 *
 * - GET /sandbox/authorize?client_id=APP_KEY&redirect_uri=URI&state=S is the
 *   platforms' authorise page (auth.taobao.tw/oauth/authorize,
 *   oauth.taobao.com/authorize) without the login: it hands out a fresh code
 *   "sandbox-code-<uuid>" at once. When @redirect_uri is http(s) on a
 *   loopback host it answers 302 to URI?code=…&state=… (as the platforms
 *   do); otherwise it shows a tiny HTML page with the code to paste. An
 *   unknown client_id gets HTTP 400.
 * - Codes: any code of the form "sandbox-code-<anything>" is accepted once
 *   (so tests and scripts need not visit the page); a second use is refused.
 * - Tokens: the sandbox's configured access token works for every platform
 *   until expired; each exchange or refresh issues a new pair
 *   "sbx-at-<platform>-<n>-<uuid>" / "sbx-rt-<platform>-<n>-<uuid>" that
 *   works only for its platform. A refresh replaces the pair: the old
 *   access and refresh tokens stop working. The refresh token of an expired
 *   access token still refreshes.
 * - dd_sandbox_expire_token() makes a token fail from the next call on.
 *
 * The state hangs off the DdSandbox as qdata with its own lock: the server
 * thread and tests use it concurrently.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-auth.h"

typedef struct
{
  GMutex      lock;
  GHashTable *access;      /* token → platform (static string) */
  GHashTable *refresh;     /* refresh token → TokenPair* */
  GHashTable *used_codes;  /* set of codes taken */
  GHashTable *expired;     /* set of tokens expired by dd_sandbox_expire_token() */
  guint       serial;
} AuthState;

typedef struct
{
  const char *platform;
  char       *access_token;
} TokenPair;

static void
token_pair_free (gpointer data)
{
  TokenPair *pair = data;

  g_free (pair->access_token);
  g_free (pair);
}

static void
auth_state_free (gpointer data)
{
  AuthState *state = data;

  g_hash_table_unref (state->access);
  g_hash_table_unref (state->refresh);
  g_hash_table_unref (state->used_codes);
  g_hash_table_unref (state->expired);
  g_mutex_clear (&state->lock);
  g_free (state);
}

G_LOCK_DEFINE_STATIC (auth_state);

static AuthState *
get_state (DdSandbox *self)
{
  static GQuark quark;
  AuthState *state;

  G_LOCK (auth_state);
  if (quark == 0)
    quark = g_quark_from_static_string ("dd-sandbox-auth-state");
  state = g_object_get_qdata (G_OBJECT (self), quark);
  if (state == NULL)
    {
      state = g_new0 (AuthState, 1);
      g_mutex_init (&state->lock);
      state->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      state->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, token_pair_free);
      state->used_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      state->expired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_qdata_full (G_OBJECT (self), quark, state, auth_state_free);
    }
  G_UNLOCK (auth_state);

  return state;
}

static const char *
intern_platform (const char *platform)
{
  if (g_str_equal (platform, DD_SANDBOX_AUTH_TOP))
    return DD_SANDBOX_AUTH_TOP;
  return DD_SANDBOX_AUTH_TW;
}

/* ---- tokens ----------------------------------------------------------------------- */

gboolean
dd_sandbox_auth_token_valid (DdSandbox  *self,
                             const char *platform,
                             const char *token)
{
  AuthState *state;
  const char *owner;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (platform != NULL, FALSE);

  if (token == NULL || *token == '\0')
    return FALSE;

  state = get_state (self);
  locker = g_mutex_locker_new (&state->lock);

  if (g_hash_table_contains (state->expired, token))
    return FALSE;
  if (g_str_equal (token, dd_sandbox_get_access_token (self)))
    return TRUE;
  owner = g_hash_table_lookup (state->access, token);
  return owner != NULL && g_str_equal (owner, intern_platform (platform));
}

gboolean
dd_sandbox_auth_consume_code (DdSandbox  *self,
                              const char *code)
{
  AuthState *state;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);

  if (code == NULL || !g_str_has_prefix (code, DD_SANDBOX_AUTH_CODE_PREFIX))
    return FALSE;

  state = get_state (self);
  locker = g_mutex_locker_new (&state->lock);
  return g_hash_table_add (state->used_codes, g_strdup (code));
}

/* Under the lock. */
static void
issue_locked (AuthState  *state,
              const char *platform,
              char      **access_token,
              char      **refresh_token)
{
  g_autofree char *uuid_a = g_uuid_string_random ();
  g_autofree char *uuid_r = g_uuid_string_random ();
  TokenPair *pair;
  guint serial = ++state->serial;

  platform = intern_platform (platform);
  *access_token = g_strdup_printf (DD_SANDBOX_AUTH_ACCESS_PREFIX "%s-%u-%s", platform, serial, uuid_a);
  *refresh_token = g_strdup_printf (DD_SANDBOX_AUTH_REFRESH_PREFIX "%s-%u-%s", platform, serial, uuid_r);

  pair = g_new0 (TokenPair, 1);
  pair->platform = platform;
  pair->access_token = g_strdup (*access_token);
  g_hash_table_insert (state->access, g_strdup (*access_token), (gpointer) platform);
  g_hash_table_insert (state->refresh, g_strdup (*refresh_token), pair);
}

void
dd_sandbox_auth_issue (DdSandbox   *self,
                       const char  *platform,
                       char       **access_token,
                       char       **refresh_token)
{
  AuthState *state;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (platform != NULL);
  g_return_if_fail (access_token != NULL && refresh_token != NULL);

  state = get_state (self);
  locker = g_mutex_locker_new (&state->lock);
  issue_locked (state, platform, access_token, refresh_token);
}

gboolean
dd_sandbox_auth_refresh (DdSandbox   *self,
                         const char  *platform,
                         const char  *refresh_token,
                         char       **access_token,
                         char       **new_refresh_token)
{
  AuthState *state;
  TokenPair *pair;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (platform != NULL, FALSE);
  g_return_val_if_fail (access_token != NULL && new_refresh_token != NULL, FALSE);

  if (refresh_token == NULL)
    return FALSE;

  state = get_state (self);
  locker = g_mutex_locker_new (&state->lock);

  pair = g_hash_table_lookup (state->refresh, refresh_token);
  if (pair == NULL || !g_str_equal (pair->platform, intern_platform (platform)) ||
      g_hash_table_contains (state->expired, refresh_token))
    return FALSE;

  g_hash_table_remove (state->access, pair->access_token);
  g_hash_table_remove (state->refresh, refresh_token);
  issue_locked (state, platform, access_token, new_refresh_token);
  return TRUE;
}

void
dd_sandbox_expire_token (DdSandbox  *self,
                         const char *token)
{
  AuthState *state;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (token != NULL);

  state = get_state (self);
  locker = g_mutex_locker_new (&state->lock);
  g_hash_table_add (state->expired, g_strdup (token));
}

/* ---- the authorise page ------------------------------------------------------------ */

static gboolean
is_loopback_uri (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0 &&
      g_strcmp0 (g_uri_get_scheme (parsed), "https") != 0)
    return FALSE;

  host = g_uri_get_host (parsed);
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
reply_html (DdSandboxRequest *request,
            guint             status,
            const char       *title,
            const char       *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page;

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s</title></head>\n<body><h1>%s</h1>\n%s\n</body></html>\n",
                          escaped_title, escaped_title, body_html);
  soup_server_message_set_status (request->msg, status, NULL);
  soup_server_message_set_response (request->msg, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, page, strlen (page));
}

static void
append_query_param (GString    *uri,
                    const char *name,
                    const char *value)
{
  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append_uri_escaped (uri, name, NULL, FALSE);
  g_string_append_c (uri, '=');
  g_string_append_uri_escaped (uri, value, NULL, FALSE);
}

static void
page_authorize (DdSandbox        *self,
                DdSandboxRequest *request)
{
  const char *client_id = g_hash_table_lookup (request->params, "client_id");
  const char *redirect_uri = g_hash_table_lookup (request->params, "redirect_uri");
  const char *state = g_hash_table_lookup (request->params, "state");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *code = g_strconcat (DD_SANDBOX_AUTH_CODE_PREFIX, uuid, NULL);
  g_autofree char *body = NULL;

  if (client_id == NULL || !g_str_equal (client_id, dd_sandbox_get_app_key (self)))
    {
      reply_html (request, SOUP_STATUS_BAD_REQUEST, "Unknown application",
                  "<p>The client_id is not this sandbox's app key.</p>");
      return;
    }

  body = g_strdup_printf ("<p>The sandbox shop authorised the application. "
                          "Paste this code into Dingdan:</p>\n<p><code id=\"code\">%s</code></p>",
                          code);

  if (redirect_uri != NULL && *redirect_uri != '\0' && is_loopback_uri (redirect_uri))
    {
      g_autoptr(GString) location = g_string_new (redirect_uri);
      char *fragment = strchr (location->str, '#');

      if (fragment != NULL)
        g_string_truncate (location, fragment - location->str);
      append_query_param (location, "code", code);
      if (state != NULL)
        append_query_param (location, "state", state);
      reply_html (request, SOUP_STATUS_FOUND, "Authorised", body);
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "Location", location->str);
      return;
    }

  reply_html (request, SOUP_STATUS_OK, "Authorised", body);
}

void
dd_sandbox_auth_handle (DdSandbox        *self,
                        DdSandboxRequest *request)
{
  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (request != NULL);

  if (g_str_equal (request->api_path, "/authorize") &&
      g_str_equal (soup_server_message_get_method (request->msg), SOUP_METHOD_GET))
    {
      page_authorize (self, request);
      return;
    }

  soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_FOUND, NULL);
}
