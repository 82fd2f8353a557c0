/* test-auth.c: authorising a shop: URLs, codes, tokens and their refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real sandbox on 127.0.0.1: the authorise page hands out a
 * code, dd-auth exchanges it for a pair that then works for listing, the
 * Taiwan client refreshes a refused token once by itself, and TOP's refused
 * session asks for a new authorisation. No token may reach the logs.
 */
#include "config.h"

#include <string.h>

#include "dd-auth.h"
#include "dd-error-table.h"
#include "dd-http.h"
#include "dd-platform-error.h"
#include "dd-sandbox.h"
#include "dd-sandbox-auth.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"

#define N_ORDERS 20

typedef struct
{
  DdSandbox *sandbox;
  DdHttp    *http;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, NULL, NULL, NULL);
  dd_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->http = dd_http_new ();
  g_object_set (fixture->http, "retry-base-ms", 10, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->http);
  g_assert_finalize_object (fixture->sandbox);
}

static char *
tw_endpoint (Fixture *fixture)
{
  return g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/rest", NULL);
}

static char *
top_endpoint (Fixture *fixture)
{
  return g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/router/rest", NULL);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static DdAuthTokens *
exchange (Fixture     *fixture,
          const char  *platform,
          const char  *code,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *endpoint = g_str_equal (platform, "tw") ? tw_endpoint (fixture) : top_endpoint (fixture);

  dd_auth_exchange_code_async (fixture->http, platform, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                               DD_SANDBOX_DEFAULT_APP_SECRET, code, NULL, done_cb, &result);
  return dd_auth_exchange_code_finish (wait_for (&result), error);
}

static DdAuthTokens *
refresh (Fixture     *fixture,
         const char  *platform,
         const char  *refresh_token,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *endpoint = g_str_equal (platform, "tw") ? tw_endpoint (fixture) : top_endpoint (fixture);

  dd_auth_refresh_async (fixture->http, platform, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                         DD_SANDBOX_DEFAULT_APP_SECRET, refresh_token, NULL, done_cb, &result);
  return dd_auth_refresh_finish (wait_for (&result), error);
}

static DdClient *
new_tw_client (Fixture    *fixture,
               const char *access_token)
{
  g_autofree char *endpoint = tw_endpoint (fixture);

  return DD_CLIENT (dd_tw_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                                      DD_SANDBOX_DEFAULT_APP_SECRET, access_token));
}

static DdClient *
new_top_client (Fixture    *fixture,
                const char *session)
{
  g_autofree char *endpoint = top_endpoint (fixture);

  return DD_CLIENT (dd_top_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                                       DD_SANDBOX_DEFAULT_APP_SECRET, session, DD_SIGN_TOP_MD5));
}

static DdOrderPage *
list_orders (DdClient  *client,
             GError   **error)
{
  DdListQuery query = { 0, 0, 1, 10 };
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_list_orders_async (client, &query, NULL, done_cb, &result);
  return dd_client_list_orders_finish (client, wait_for (&result), error);
}

static void
assert_lists (DdClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = list_orders (client, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->orders->len, >, 0);
}

static void
assert_reauth (const GError *error)
{
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_REAUTH);
}

/* ---- authorise URLs ------------------------------------------------------------- */

static void
test_url_tw (void)
{
  g_autofree char *url = NULL;
  g_autofree char *with_state = NULL;

  url = dd_auth_build_authorize_url ("tw", NULL, "100001", "https://example.com/cb?x=1&y", NULL);
  g_assert_cmpstr (url, ==,
                   "https://auth.taobao.tw/oauth/authorize?response_type=code&force_auth=true"
                   "&redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1%26y&client_id=100001");

  with_state = dd_auth_build_authorize_url ("tw", "http://127.0.0.1:8080/sandbox/authorize",
                                            "100001", "http://127.0.0.1:9/cb", "s 1");
  g_assert_cmpstr (with_state, ==,
                   "http://127.0.0.1:8080/sandbox/authorize?response_type=code&force_auth=true"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&client_id=100001&state=s%201");
}

static void
test_url_top (void)
{
  g_autofree char *url = NULL;
  g_autofree char *pc = NULL;

  url = dd_auth_build_authorize_url ("top", NULL, "12345678", "urn:ietf:wg:oauth:2.0:oob", "abc");
  g_assert_cmpstr (url, ==,
                   "https://oauth.taobao.com/authorize?response_type=code&client_id=12345678"
                   "&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&state=abc&view=web");

  pc = dd_auth_build_authorize_url ("top-pc", NULL, "12345678", "urn:ietf:wg:oauth:2.0:oob", "abc");
  g_assert_cmpstr (pc, ==, url);
}

static void
test_url_pandapon (void)
{
  g_autofree char *url = dd_auth_build_authorize_url ("pandapon", NULL, "key", "http://127.0.0.1/", NULL);

  g_assert_null (url);
}

/* ---- the sandbox's authorise page ---------------------------------------------------- */

typedef struct
{
  guint   status;
  char   *location;
  char   *body;
} Page;

static void
page_clear (Page *page)
{
  g_free (page->location);
  g_free (page->body);
}

static void
fetch_page (Fixture    *fixture,
            const char *query,
            Page       *page)
{
  g_autofree char *uri = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox),
                                      "/sandbox/authorize?", query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (dd_http_get_session (fixture->http), msg, G_PRIORITY_DEFAULT,
                                    NULL, done_cb, &result);
  body = soup_session_send_and_read_finish (dd_http_get_session (fixture->http), wait_for (&result), &error);
  g_assert_no_error (error);

  page->status = soup_message_get_status (msg);
  page->location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  page->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The code in a Location's query. */
static char *
code_from_location (const char *location,
                    char      **state)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  g_assert_nonnull (g_uri_get_query (uri));
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  *state = g_strdup (g_hash_table_lookup (params, "state"));
  return g_strdup (g_hash_table_lookup (params, "code"));
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  Page redirect = { 0 }, shown = { 0 }, refused = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;

  /* A loopback redirect_uri: sent back there with the code and state. */
  fetch_page (fixture, "response_type=code&client_id=" DD_SANDBOX_DEFAULT_APP_KEY
              "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb%3Fa%3D1&state=xyz", &redirect);
  g_assert_cmpuint (redirect.status, ==, 302);
  g_assert_true (g_str_has_prefix (redirect.location, "http://127.0.0.1:9/cb?a=1&code=" DD_SANDBOX_AUTH_CODE_PREFIX));
  code = code_from_location (redirect.location, &state);
  g_assert_cmpstr (state, ==, "xyz");
  g_assert_true (g_str_has_prefix (code, DD_SANDBOX_AUTH_CODE_PREFIX));

  /* Anywhere else: a page showing a fresh code. */
  fetch_page (fixture, "client_id=" DD_SANDBOX_DEFAULT_APP_KEY
              "&redirect_uri=https%3A%2F%2Fexample.com%2Fcb", &shown);
  g_assert_cmpuint (shown.status, ==, 200);
  g_assert_null (shown.location);
  g_assert_nonnull (strstr (shown.body, "<code id=\"code\">" DD_SANDBOX_AUTH_CODE_PREFIX));
  g_assert_null (strstr (shown.body, code));

  /* Another app's key. */
  fetch_page (fixture, "client_id=999&redirect_uri=http%3A%2F%2F127.0.0.1%2F", &refused);
  g_assert_cmpuint (refused.status, ==, 400);
  g_assert_null (refused.location);

  /* The page's code works. */
  tokens = exchange (fixture, "tw", code, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tokens->access_token, DD_SANDBOX_AUTH_ACCESS_PREFIX));

  page_clear (&redirect);
  page_clear (&shown);
  page_clear (&refused);
}

/* ---- code exchange ---------------------------------------------------------------- */

static void
test_tw_exchange (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdAuthTokens) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdClient) wrong_platform = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  tokens = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "tw-1", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tokens->access_token, DD_SANDBOX_AUTH_ACCESS_PREFIX "tw-"));
  g_assert_true (g_str_has_prefix (tokens->refresh_token, DD_SANDBOX_AUTH_REFRESH_PREFIX "tw-"));
  g_assert_cmpint (tokens->expires_in_s, ==, DD_SANDBOX_AUTH_EXPIRES_IN_S);
  g_assert_cmpint (tokens->refresh_expires_in_s, ==, DD_SANDBOX_AUTH_REFRESH_EXPIRES_IN_S);
  g_assert_cmpstr (tokens->account, ==, DD_SANDBOX_AUTH_TW_ACCOUNT);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/create"), ==, 1);

  client = new_tw_client (fixture, tokens->access_token);
  assert_lists (client);

  /* A Taiwan token is no TOP session. */
  wrong_platform = new_top_client (fixture, tokens->access_token);
  page = list_orders (wrong_platform, &error);
  g_assert_null (page);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "27");
  g_clear_error (&error);

  /* A second pair from another code differs. */
  again = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "tw-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->access_token, !=, tokens->access_token);
  g_assert_cmpstr (again->refresh_token, !=, tokens->refresh_token);
}

static void
test_tw_code_reused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DdAuthTokens) first = NULL;
  g_autoptr(DdAuthTokens) second = NULL;
  g_autoptr(DdAuthTokens) made_up = NULL;
  g_autoptr(GError) error = NULL;

  first = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "once", &error);
  g_assert_no_error (error);

  second = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "once", &error);
  g_assert_null (second);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "InvalidCode");
  g_assert_false (dd_http_outcome_unknown (error));
  g_clear_error (&error);

  made_up = exchange (fixture, "tw", "not-a-sandbox-code", &error);
  g_assert_null (made_up);
  assert_reauth (error);
  /* Each exchange went out exactly once: writes are never re-sent. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/create"), ==, 3);
}

static void
test_tw_wrong_secret (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = tw_endpoint (fixture);

  dd_auth_exchange_code_async (fixture->http, "tw", endpoint, DD_SANDBOX_DEFAULT_APP_KEY,
                               "wrong-secret", DD_SANDBOX_AUTH_CODE_PREFIX "x", NULL, done_cb, &result);
  tokens = dd_auth_exchange_code_finish (wait_for (&result), &error);
  g_assert_null (tokens);
  /* The signature is refused: the code is not to blame. */
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IncompleteSignature");
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_FINAL);
}

static void
test_top_exchange (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdAuthTokens) reused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdClient) client = NULL;

  tokens = exchange (fixture, "top", DD_SANDBOX_AUTH_CODE_PREFIX "top-1", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tokens->access_token, DD_SANDBOX_AUTH_ACCESS_PREFIX "top-"));
  g_assert_true (g_str_has_prefix (tokens->refresh_token, DD_SANDBOX_AUTH_REFRESH_PREFIX "top-"));
  g_assert_cmpint (tokens->expires_in_s, ==, DD_SANDBOX_AUTH_EXPIRES_IN_S);
  g_assert_cmpint (tokens->refresh_expires_in_s, ==, DD_SANDBOX_AUTH_REFRESH_EXPIRES_IN_S);
  g_assert_cmpstr (tokens->account, ==, DD_SANDBOX_AUTH_TOP_NICK);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.top.auth.token.create"), ==, 1);

  client = new_top_client (fixture, tokens->access_token);
  assert_lists (client);

  reused = exchange (fixture, "top", DD_SANDBOX_AUTH_CODE_PREFIX "top-1", &error);
  g_assert_null (reused);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, "isv.code-invalid");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.top.auth.token.create"), ==, 2);
}

static void
test_top_parse (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdAuthTokens) bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *response =
    "{\"token_result\":\"{\\\"access_token\\\":\\\"AT\\\",\\\"refresh_token\\\":\\\"RT\\\","
    "\\\"expire_time\\\":1700000600000,\\\"taobao_user_nick\\\":\\\"nick\\\"}\"}";
  const char *wrong_type = "{\"token_result\":\"{\\\"access_token\\\":42}\"}";
  const char *not_json = "{\"token_result\":\"access_token=AT\"}";

  /* No expires_in: derived from expire_time. */
  g_assert_true (json_parser_load_from_data (parser, response, -1, NULL));
  tokens = dd_auth_parse_top_tokens (json_node_get_object (json_parser_get_root (parser)),
                                     1700000000000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tokens->access_token, ==, "AT");
  g_assert_cmpstr (tokens->refresh_token, ==, "RT");
  g_assert_cmpint (tokens->expires_in_s, ==, 600);
  g_assert_cmpint (tokens->refresh_expires_in_s, ==, 0);
  g_assert_cmpstr (tokens->account, ==, "nick");

  g_assert_true (json_parser_load_from_data (parser, wrong_type, -1, NULL));
  bad = dd_auth_parse_top_tokens (json_node_get_object (json_parser_get_root (parser)), 0, &error);
  g_assert_null (bad);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  g_assert_true (json_parser_load_from_data (parser, not_json, -1, NULL));
  bad = dd_auth_parse_top_tokens (json_node_get_object (json_parser_get_root (parser)), 0, &error);
  g_assert_null (bad);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

static void
test_tw_parse (void)
{
  const char *ok = "{\"access_token\":\"AT\",\"refresh_token\":\"RT\",\"expires_in\":604800,"
                   "\"refresh_expires_in\":2592000,\"account\":\"a@b.c\",\"country\":\"tw\","
                   "\"code\":\"0\",\"request_id\":\"0b1\"}";
  const char *no_token = "{\"refresh_token\":\"RT\",\"code\":\"0\",\"request_id\":\"0b1\"}";
  const char *spaced = "{\"access_token\":\"A T\",\"code\":\"0\",\"request_id\":\"0b1\"}";
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdAuthTokens) bad = NULL;
  g_autoptr(GError) error = NULL;

  tokens = dd_auth_parse_tw_tokens (ok, strlen (ok), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tokens->access_token, ==, "AT");
  g_assert_cmpstr (tokens->refresh_token, ==, "RT");
  g_assert_cmpint (tokens->expires_in_s, ==, 604800);
  g_assert_cmpint (tokens->refresh_expires_in_s, ==, 2592000);
  g_assert_cmpstr (tokens->account, ==, "a@b.c");

  bad = dd_auth_parse_tw_tokens (no_token, strlen (no_token), &error);
  g_assert_null (bad);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  bad = dd_auth_parse_tw_tokens (spaced, strlen (spaced), &error);
  g_assert_null (bad);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

/* ---- refresh ---------------------------------------------------------------------- */

static void
test_tw_refresh (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdAuthTokens) renewed = NULL;
  g_autoptr(DdAuthTokens) replayed = NULL;
  g_autoptr(DdClient) old_client = NULL;
  g_autoptr(DdClient) new_client = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  tokens = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "r", &error);
  g_assert_no_error (error);

  renewed = refresh (fixture, "tw", tokens->refresh_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed->access_token, !=, tokens->access_token);
  g_assert_cmpstr (renewed->refresh_token, !=, tokens->refresh_token);

  /* The new token works, the old one no longer does. */
  new_client = new_tw_client (fixture, renewed->access_token);
  assert_lists (new_client);
  old_client = new_tw_client (fixture, tokens->access_token);
  page = list_orders (old_client, &error);
  g_assert_null (page);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IllegalAccessToken");
  g_clear_error (&error);

  /* A refresh token works once. */
  replayed = refresh (fixture, "tw", tokens->refresh_token, &error);
  g_assert_null (replayed);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IllegalRefreshToken");
}

static void
test_top_refresh (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdAuthTokens) renewed = NULL;
  g_autoptr(DdAuthTokens) replayed = NULL;
  g_autoptr(DdClient) old_client = NULL;
  g_autoptr(DdClient) new_client = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  tokens = exchange (fixture, "top", DD_SANDBOX_AUTH_CODE_PREFIX "r", &error);
  g_assert_no_error (error);

  renewed = refresh (fixture, "top", tokens->refresh_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed->access_token, !=, tokens->access_token);
  g_assert_cmpstr (renewed->account, ==, DD_SANDBOX_AUTH_TOP_NICK);

  new_client = new_top_client (fixture, renewed->access_token);
  assert_lists (new_client);
  old_client = new_top_client (fixture, tokens->access_token);
  page = list_orders (old_client, &error);
  g_assert_null (page);
  assert_reauth (error);
  g_clear_error (&error);

  replayed = refresh (fixture, "top", tokens->refresh_token, &error);
  g_assert_null (replayed);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, "isv.refresh-token-invalid");
}

/* ---- the Taiwan client refreshes by itself ---------------------------------------- */

typedef struct
{
  guint  n_emissions;
  char  *access_token;
  char  *refresh_token;
} Changed;

static void
tokens_changed_cb (DdTwClient *client,
                   const char *access_token,
                   const char *refresh_token,
                   Changed    *changed)
{
  changed->n_emissions++;
  g_free (changed->access_token);
  g_free (changed->refresh_token);
  changed->access_token = g_strdup (access_token);
  changed->refresh_token = g_strdup (refresh_token);
}

static void
changed_clear (Changed *changed)
{
  g_free (changed->access_token);
  g_free (changed->refresh_token);
}

static void
test_tw_auto_refresh (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdClient) fresh = NULL;
  g_autoptr(GError) error = NULL;
  Changed changed = { 0 };

  tokens = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "auto", &error);
  g_assert_no_error (error);
  client = new_tw_client (fixture, tokens->access_token);
  dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), tokens->refresh_token);
  g_signal_connect (client, "tokens-changed", G_CALLBACK (tokens_changed_cb), &changed);

  assert_lists (client);
  g_assert_cmpuint (changed.n_emissions, ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 0);

  dd_sandbox_expire_token (fixture->sandbox, tokens->access_token);
  assert_lists (client);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 1);
  g_assert_cmpuint (changed.n_emissions, ==, 1);
  g_assert_true (g_str_has_prefix (changed.access_token, DD_SANDBOX_AUTH_ACCESS_PREFIX "tw-"));
  g_assert_cmpstr (changed.access_token, !=, tokens->access_token);
  g_assert_true (g_str_has_prefix (changed.refresh_token, DD_SANDBOX_AUTH_REFRESH_PREFIX "tw-"));
  g_assert_cmpstr (changed.refresh_token, !=, tokens->refresh_token);

  /* The pair announced is the one that works now; no further refresh. */
  fresh = new_tw_client (fixture, changed.access_token);
  assert_lists (fresh);
  assert_lists (client);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 1);
  g_assert_cmpuint (changed.n_emissions, ==, 1);

  changed_clear (&changed);
}

static void
test_tw_auto_refresh_once (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(DdOrderPage) page1 = NULL;
  g_autoptr(DdOrderPage) page2 = NULL;
  g_autoptr(GError) error = NULL;
  DdListQuery query = { 0, 0, 1, 5 };
  Changed changed = { 0 };

  tokens = exchange (fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "two", &error);
  g_assert_no_error (error);
  client = new_tw_client (fixture, tokens->access_token);
  dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), tokens->refresh_token);
  g_signal_connect (client, "tokens-changed", G_CALLBACK (tokens_changed_cb), &changed);
  dd_sandbox_expire_token (fixture->sandbox, tokens->access_token);

  /* Two reads refused together share one refresh (the pair rotates). */
  dd_client_list_orders_async (client, &query, NULL, done_cb, &first);
  query.page = 2;
  dd_client_list_orders_async (client, &query, NULL, done_cb, &second);
  page1 = dd_client_list_orders_finish (client, wait_for (&first), &error);
  g_assert_no_error (error);
  page2 = dd_client_list_orders_finish (client, wait_for (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page1->orders->len, ==, 5);
  g_assert_cmpuint (page2->orders->len, ==, 5);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 1);
  g_assert_cmpuint (changed.n_emissions, ==, 1);

  changed_clear (&changed);
}

static void
test_tw_no_refresh_token (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DdClient) client = new_tw_client (fixture, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  Changed changed = { 0 };

  g_signal_connect (client, "tokens-changed", G_CALLBACK (tokens_changed_cb), &changed);
  assert_lists (client);

  dd_sandbox_expire_token (fixture->sandbox, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  page = list_orders (client, &error);
  g_assert_null (page);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IllegalAccessToken");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 0);
  g_assert_cmpuint (changed.n_emissions, ==, 0);
}

static void
test_tw_refresh_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DdClient) client = new_tw_client (fixture, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(DdOrderPage) again = NULL;
  g_autoptr(GError) error = NULL;
  Changed changed = { 0 };

  dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), DD_SANDBOX_AUTH_REFRESH_PREFIX "unknown");
  g_signal_connect (client, "tokens-changed", G_CALLBACK (tokens_changed_cb), &changed);
  dd_sandbox_expire_token (fixture->sandbox, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);

  /* The read's own error comes back, not the refresh's. */
  page = list_orders (client, &error);
  g_assert_null (page);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IllegalAccessToken");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 1);
  g_assert_cmpuint (changed.n_emissions, ==, 0);
  g_clear_error (&error);

  /* A refused refresh token is dropped: the next read does not try it again. */
  again = list_orders (client, &error);
  g_assert_null (again);
  assert_reauth (error);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/auth/token/refresh"), ==, 1);
}

/* ---- TOP: a refused session asks for a new authorisation ----------------------------- */

static void
test_top_expired (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdClient) client = new_top_client (fixture, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;

  assert_lists (client);
  dd_sandbox_expire_token (fixture->sandbox, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);

  page = list_orders (client, &error);
  g_assert_null (page);
  assert_reauth (error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "27");
  /* TOP is not refreshed automatically. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.top.auth.token.refresh"), ==, 0);
}

/* ---- logs ------------------------------------------------------------------------- */

static void
run_everything_logged (void)
{
  Fixture fixture = { 0 };
  g_autoptr(DdAuthTokens) tw = NULL;
  g_autoptr(DdAuthTokens) top = NULL;
  g_autoptr(DdAuthTokens) renewed = NULL;
  g_autoptr(DdClient) client = NULL;
  g_autoptr(DdClient) top_client = NULL;
  g_autoptr(GError) error = NULL;
  Changed changed = { 0 };

  /* As G_MESSAGES_DEBUG=all: every debug message of every domain. */
  g_log_set_debug_enabled (TRUE);
  fixture_setup (&fixture, NULL);

  tw = exchange (&fixture, "tw", DD_SANDBOX_AUTH_CODE_PREFIX "log", &error);
  g_assert_no_error (error);
  client = new_tw_client (&fixture, tw->access_token);
  dd_tw_client_set_refresh_token (DD_TW_CLIENT (client), tw->refresh_token);
  g_signal_connect (client, "tokens-changed", G_CALLBACK (tokens_changed_cb), &changed);
  dd_sandbox_expire_token (fixture.sandbox, tw->access_token);
  assert_lists (client);
  g_assert_cmpuint (changed.n_emissions, ==, 1);

  top = exchange (&fixture, "top", DD_SANDBOX_AUTH_CODE_PREFIX "log-top", &error);
  g_assert_no_error (error);
  renewed = refresh (&fixture, "top", top->refresh_token, &error);
  g_assert_no_error (error);
  top_client = new_top_client (&fixture, renewed->access_token);
  assert_lists (top_client);

  g_clear_object (&client);
  g_clear_object (&top_client);
  changed_clear (&changed);
  fixture_teardown (&fixture, NULL);
  g_print ("done\n");
}

static void
test_logs (void)
{
  static const char * const secrets[] = {
    DD_SANDBOX_AUTH_ACCESS_PREFIX, DD_SANDBOX_AUTH_REFRESH_PREFIX,
    DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SANDBOX_DEFAULT_APP_SECRET,
  };

  if (g_test_subprocess ())
    {
      run_everything_logged ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* Debug output was on (GLib writes it to stdout): the calls were logged … */
  g_test_trap_assert_stdout ("*/auth/token/refresh*taobao.top.auth.token.refresh*done*");
  /* … but never a token or the secret. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("*%s*", secrets[i]);

      g_test_trap_assert_stdout_unmatched (pattern);
      g_test_trap_assert_stderr_unmatched (pattern);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/auth/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/dingdan/auth/url/tw", test_url_tw);
  g_test_add_func ("/dingdan/auth/url/top", test_url_top);
  g_test_add_func ("/dingdan/auth/url/pandapon", test_url_pandapon);
  g_test_add_func ("/dingdan/auth/parse/tw", test_tw_parse);
  g_test_add_func ("/dingdan/auth/parse/top", test_top_parse);
  ADD ("sandbox/page", test_page);
  ADD ("tw/exchange", test_tw_exchange);
  ADD ("tw/code-used-once", test_tw_code_reused);
  ADD ("tw/wrong-secret", test_tw_wrong_secret);
  ADD ("top/exchange", test_top_exchange);
  ADD ("tw/refresh", test_tw_refresh);
  ADD ("top/refresh", test_top_refresh);
  ADD ("tw/auto-refresh", test_tw_auto_refresh);
  ADD ("tw/auto-refresh-shared", test_tw_auto_refresh_once);
  ADD ("tw/no-refresh-token", test_tw_no_refresh_token);
  ADD ("tw/refresh-refused", test_tw_refresh_refused);
  ADD ("top/expired-session", test_top_expired);
  g_test_add_func ("/dingdan/auth/logs", test_logs);

#undef ADD

  return g_test_run ();
}
