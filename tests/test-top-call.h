/* test-top-call.h: signed TOP router requests for the sandbox's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests are built and signed here, by a signer local to the tests (so
 * neither the sandbox's verifier nor the client's signer checks itself), and
 * sent with a plain SoupSession to "/router/rest". Each test runs against a
 * sandbox of TEST_TOP_N_ORDERS orders (Fixture).
 */
#pragma once

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-sandbox.h"
#include "dd-sandbox-top.h"

G_BEGIN_DECLS

#define TEST_TOP_N_ORDERS 500
#define MINUTE_MS  (G_GINT64_CONSTANT (60) * 1000)
#define HOUR_MS    (60 * MINUTE_MS)
#define DAY_MS     (24 * HOUR_MS)

/* ---- requests --------------------------------------------------------------- */

typedef struct
{
  const char *app_key;      /* NULL: the sandbox default; "" leaves it out */
  const char *secret;       /* NULL: the sandbox default */
  const char *session;      /* NULL: default; "" leaves it out */
  const char *sign_method;  /* NULL: md5; "" leaves it out */
  const char *timestamp;    /* NULL: now in Beijing time; "" leaves it out */
  gint64      skew_ms;      /* added to the timestamp */
  const char *version;      /* NULL: "2.0"; "" leaves it out */
  const char *format;       /* NULL: "json"; "" leaves it out */
  gboolean    omit_sign;
  gboolean    lower_sign;   /* send the signature in lower case */
  gboolean    query;        /* parameters in the URL, not a form body */
  const char *tamper_key;   /* changed after signing */
  const char *tamper_value;
} TopCall;

static const TopCall ok = { 0 };

/* "yyyy-MM-dd HH:mm:ss" of UTC @ms in the zone @offset_s east of UTC. */
static inline char *
format_time (gint64 ms,
             int    offset_s)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (offset_s);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static inline char *
beijing (gint64 ms)
{
  return format_time (ms, 8 * 3600);
}

static inline gint64
parse_beijing (const char *text)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) time = NULL;
  int y, mo, d, h, mi, s;

  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), ==, 19);
  g_assert_cmpint (sscanf (text, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s), ==, 6);
  time = g_date_time_new (zone, y, mo, d, h, mi, s);
  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * 1000;
}

static inline char *
test_sign (const char *secret,
           const char *sign_method,
           GHashTable *params)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (params), (GCompareFunc) strcmp);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *hex = NULL;

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *value = g_hash_table_lookup (params, l->data);

      if (!g_str_equal (l->data, "sign") && *value != '\0')
        g_string_append_printf (text, "%s%s", (const char *) l->data, value);
    }

  if (g_str_equal (sign_method, "md5"))
    {
      g_autofree char *wrapped = g_strconcat (secret, text->str, secret, NULL);

      hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, wrapped, -1);
    }
  else
    hex = g_compute_hmac_for_string (g_str_equal (sign_method, "hmac") ? G_CHECKSUM_MD5 : G_CHECKSUM_SHA256,
                                     (const guchar *) secret, strlen (secret), text->str, -1);
  return g_ascii_strup (hex, -1);
}

typedef struct
{
  GBytes  *body;
  GError  *error;
  gboolean done;
} Reply;

static inline void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

static inline GBytes *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  Reply reply = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  return reply.body;
}

typedef struct
{
  DdSandbox   *sandbox;
  SoupSession *session;
} Fixture;

static inline void
put (GHashTable *params,
     const char *key,
     const char *given,
     const char *fallback)
{
  if (given == NULL)
    g_hash_table_insert (params, (char *) key, g_strdup (fallback));
  else if (*given != '\0')
    g_hash_table_insert (params, (char *) key, g_strdup (given));
}

static inline SoupMessage *
top_message (DdSandbox     *sandbox,
             const TopCall *how,
             const char    *method,
             va_list        args)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *url = g_strconcat (dd_sandbox_get_base_url (sandbox), "/router/rest", NULL);
  g_autofree char *now = beijing (g_get_real_time () / 1000 + how->skew_ms);
  g_autofree char *form = NULL;
  const char *sign_method = how->sign_method != NULL ? how->sign_method : "md5";
  const char *key;
  SoupMessage *msg;

  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (params, (char *) key, g_strdup (va_arg (args, const char *)));
  if (method != NULL)
    g_hash_table_insert (params, "method", g_strdup (method));
  put (params, "app_key", how->app_key, DD_SANDBOX_DEFAULT_APP_KEY);
  put (params, "session", how->session, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  put (params, "timestamp", how->timestamp, now);
  put (params, "v", how->version, "2.0");
  put (params, "format", how->format, "json");
  put (params, "sign_method", how->sign_method, "md5");
  if (!how->omit_sign)
    {
      g_autofree char *sign = test_sign (how->secret ? how->secret : DD_SANDBOX_DEFAULT_APP_SECRET,
                                         *sign_method != '\0' ? sign_method : "md5", params);

      g_hash_table_insert (params, "sign", how->lower_sign ? g_ascii_strdown (sign, -1) : g_strdup (sign));
    }
  if (how->tamper_key != NULL)
    g_hash_table_insert (params, (char *) how->tamper_key, g_strdup (how->tamper_value));

  form = soup_form_encode_hash (params);
  if (how->query)
    {
      g_autofree char *full = g_strconcat (url, "?", form, NULL);

      msg = soup_message_new (SOUP_METHOD_GET, full);
    }
  else
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      msg = soup_message_new (SOUP_METHOD_POST, url);
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  return msg;
}

static inline JsonObject *
parse_answer (SoupMessage *msg,
              GBytes      *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *content_type;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode *root;

  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  content_type = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Type");
  g_assert_cmpstr (content_type, ==, "application/json;charset=UTF-8");
  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Calls @method (NULL: none) with @how and business parameters (key, value,
 * …, NULL); returns the answer's root object and, if asked, its raw text. */
static inline JsonObject *
top_call_raw (Fixture       *fixture,
              const TopCall *how,
              char         **raw,
              const char    *method,
              ...)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  va_list args;

  va_start (args, method);
  msg = top_message (fixture->sandbox, how, method, args);
  va_end (args);
  body = send_message (fixture->session, msg);
  if (raw != NULL)
    *raw = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return parse_answer (msg, body);
}

#define top_call(fixture, how, ...) top_call_raw ((fixture), (how), NULL, __VA_ARGS__)

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, TEST_TOP_N_ORDERS, NULL, NULL, NULL);
  dd_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->sandbox);
}

static inline DdSandboxTopShop *
top_shop (Fixture *fixture)
{
  return dd_sandbox_get_top_shop (fixture->sandbox);
}

/* ---- answers ------------------------------------------------------------------ */

/* The error_response: code, msg, request_id; sub_code when @sub_code is
 * given (NULL: none expected; "*": any). */
static inline JsonObject *
assert_error (JsonObject *root,
              gint64      code,
              const char *sub_code)
{
  g_autoptr(GList) members = json_object_get_members (root);
  JsonObject *error;
  JsonNode *code_node;

  g_assert_cmpuint (g_list_length (members), ==, 1);
  g_assert_true (json_object_has_member (root, "error_response"));
  error = json_object_get_object_member (root, "error_response");
  code_node = json_object_get_member (error, "code");
  g_assert_cmpint (json_node_get_value_type (code_node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (code_node), ==, code);
  g_assert_nonnull (json_object_get_string_member (error, "msg"));
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "request_id")), ==, 25);
  if (sub_code == NULL)
    g_assert_false (json_object_has_member (error, "sub_code"));
  else if (!g_str_equal (sub_code, "*"))
    g_assert_cmpstr (json_object_get_string_member (error, "sub_code"), ==, sub_code);
  return error;
}

/* The success envelope "<name>": its only member besides nothing else. */
static inline JsonObject *
get_response (JsonObject *root,
              const char *name)
{
  g_autoptr(GList) members = json_object_get_members (root);
  JsonObject *response;

  g_assert_cmpuint (g_list_length (members), ==, 1);
  g_assert_true (json_object_has_member (root, name));
  response = json_object_get_object_member (root, name);
  g_assert_cmpuint (strlen (json_object_get_string_member (response, "request_id")), ==, 25);
  return response;
}

/* The trades of a list answer (empty when the member is absent, as TOP does). */
static inline JsonArray *
get_trades (JsonObject *response)
{
  static JsonArray *empty;

  if (!json_object_has_member (response, "trades"))
    {
      if (empty == NULL)
        empty = json_array_new ();
      return empty;
    }
  return json_object_get_array_member (json_object_get_object_member (response, "trades"), "trade");
}

static inline gboolean
is_yuan (const char *text)
{
  return g_regex_match_simple ("^[0-9]+\\.[0-9]{2}$", text, 0, 0);
}

static inline gint64
yuan_to_fen (const char *text)
{
  g_assert_true (is_yuan (text));
  return g_ascii_strtoll (text, NULL, 10) * 100 + g_ascii_strtoll (strchr (text, '.') + 1, NULL, 10);
}

G_END_DECLS
